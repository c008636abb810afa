//! The shapes of a content file's tables as serde reads them: slides, handouts, the guide's
//! and the feedback form's own words.

use serde::Deserialize;
use toml::Spanned;

/// The slide layouts the deck theme provides.
pub const SLIDE_KINDS: &[&str] = &[
    "title",
    "callout",
    "section",
    "bullets",
    "statistic",
    "quote",
    "two-column",
    "steps",
    "resources",
    "contacts",
    "reporting-steps",
    "questions",
    "help",
    "sources",
];

/// What START-HERE.pdf says for this audience, besides what every kit's guide says.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StartHereSpec {
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub prepare: Vec<String>,
    #[serde(default)]
    pub if_someone_discloses: Vec<String>,
    #[serde(default)]
    pub disclosure_facts: Vec<Spanned<String>>,
    /// A fact whose headline is the first words to say to someone who discloses, set in bold
    /// on its own (the staff disclosure script's opening line).
    pub disclosure_say: Option<Spanned<String>>,
    /// For a presenter who is a police officer: what to say to people who are afraid of the
    /// police, in own words, then the sources' words (`police-facts`).
    pub police_note: Option<String>,
    #[serde(default)]
    pub police_facts: Vec<Spanned<String>>,
    #[serde(default)]
    pub questions: Vec<QuestionSpec>,
}

/// A question the audience asks, answered in own words with an optional sourced fact.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuestionSpec {
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
}

/// The evaluation form's own words.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FeedbackSpec {
    #[serde(default)]
    pub intro: Option<String>,
    #[serde(default)]
    pub ratings: Vec<String>,
    #[serde(default)]
    pub open: Vec<String>,
}

/// A printable sheet written by the content file: sections of own words and facts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HandoutSpec {
    /// The PDF is `handouts/<file>.pdf`.
    pub file: Spanned<String>,
    pub title: String,
    /// The exact number of pages the sheet must fill.
    pub pages: usize,
    /// The single most important action, boxed at the top.
    pub lead: String,
    pub sections: Vec<SectionSpec>,
}

/// One section of a handout.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionSpec {
    pub heading: String,
    pub text: Option<String>,
    pub points: Option<Vec<String>>,
    pub steps: Option<Vec<String>>,
    pub checklist: Option<Vec<String>>,
    pub questions: Option<Vec<String>>,
    pub facts: Option<Vec<Spanned<String>>>,
    /// A fact whose headline is the words to say (the disclosure script's opening line): set
    /// in bold on its own, with its source, before the section's other facts.
    pub say: Option<Spanned<String>>,
    /// Print the region's channels for the audience here.
    #[serde(default)]
    pub resources: bool,
    /// Print the event's local contacts here.
    #[serde(default)]
    pub contacts: bool,
    /// Print the event's own reporting steps here (staff).
    #[serde(default)]
    pub reporting_steps: bool,
    /// Start this section on a new page.
    #[serde(default)]
    pub new_page: bool,
}

impl SectionSpec {
    pub fn own_words(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.heading.as_str())
            .chain(self.text.as_deref())
            .chain(
                [&self.points, &self.steps, &self.checklist, &self.questions]
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(String::as_str),
            )
    }
}

/// One slide as written in a content file, checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SlideSpec {
    pub kind: Spanned<String>,
    pub title: Option<String>,
    pub minutes: Option<u32>,
    pub notes: Option<String>,
    pub text: Option<String>,
    pub points: Option<Vec<String>>,
    pub facts: Option<Vec<Spanned<String>>>,
    pub fact: Option<Spanned<String>>,
    pub left_heading: Option<String>,
    pub left: Option<Vec<String>>,
    pub right_heading: Option<String>,
    pub right: Option<Vec<String>>,
    pub steps: Option<Vec<String>>,
    pub resources: Option<Vec<Spanned<String>>>,
    /// For a `resources` slide: only channels with these roles (report, takedown, crisis).
    pub roles: Option<Vec<Spanned<String>>>,
    /// The slide's icon (a name of the embedded set); its kind's default when absent.
    pub icon: Option<Spanned<String>>,
    /// One of the deck's key messages, set full-bleed in the theme colour.
    #[serde(default)]
    pub key: bool,
}

impl SlideSpec {
    /// The keys this slide sets, besides `kind`, `title`, `minutes` and `notes`.
    pub fn set_keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        let mut add = |set: bool, key| {
            if set {
                keys.push(key)
            }
        };
        add(self.text.is_some(), "text");
        add(self.points.is_some(), "points");
        add(self.facts.is_some(), "facts");
        add(self.fact.is_some(), "fact");
        add(self.left_heading.is_some(), "left-heading");
        add(self.left.is_some(), "left");
        add(self.right_heading.is_some(), "right-heading");
        add(self.right.is_some(), "right");
        add(self.steps.is_some(), "steps");
        add(self.resources.is_some(), "resources");
        add(self.roles.is_some(), "roles");
        keys
    }

    /// Every piece of the project's own words on this slide, with the key it sits under.
    pub fn own_words(&self) -> Vec<(&'static str, &str)> {
        let mut words = Vec::new();
        for (key, value) in [
            ("title", &self.title),
            ("text", &self.text),
            ("left-heading", &self.left_heading),
            ("right-heading", &self.right_heading),
            ("notes", &self.notes),
        ] {
            if let Some(v) = value {
                words.push((key, v.as_str()));
            }
        }
        for (key, list) in [
            ("points", &self.points),
            ("left", &self.left),
            ("right", &self.right),
            ("steps", &self.steps),
        ] {
            for item in list.iter().flatten() {
                words.push((key, item.as_str()));
            }
        }
        words
    }
}

/// Which keys each kind allows and requires (besides the common ones).
pub fn kind_keys(kind: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        "title" | "contacts" | "sources" | "reporting-steps" => (&[], &[]),
        "callout" => (&["text"], &["text"]),
        "section" | "questions" | "help" => (&["text"], &[]),
        "bullets" => (&["points", "facts"], &[]),
        "statistic" => (&["fact", "text"], &["fact"]),
        "quote" => (&["fact"], &["fact"]),
        "two-column" => (
            &["left-heading", "left", "right-heading", "right"],
            &["left", "right"],
        ),
        "steps" => (&["steps", "facts"], &["steps"]),
        "resources" => (&["resources", "roles"], &[]),
        _ => (&[], &[]),
    }
}

/// The school poster's own words (`[poster]` of the staff content): the headline and the
/// reassurance; the definition and the steps are facts, printed whole.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PosterSpec {
    pub headline: String,
    /// The fact quoted whole as the definition of sextortion.
    pub definition: Spanned<String>,
    pub reassurance: String,
    /// The fact that gives the actions to take.
    pub steps: Spanned<String>,
    /// The actions in a region whose authorities say them otherwise (the FBI's steps send a
    /// Canadian student to the FBI), by region code: `{ CA = "teen-four-steps" }`.
    #[serde(default)]
    pub region_steps: std::collections::BTreeMap<String, Spanned<String>>,
}

impl PosterSpec {
    /// The fact id of the actions for `region`.
    pub fn steps_for(&self, region: &str) -> &str {
        self.region_steps
            .get(region)
            .unwrap_or(&self.steps)
            .get_ref()
    }
}

/// The letter home about the student session (`[parent-letter]` of the teens content): own
/// words around the event's details, the objectives and the helplines.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LetterSpec {
    pub heading: String,
    pub greeting: String,
    pub about: String,
    /// The line before the objectives.
    pub learn: String,
    pub nothing_explicit: String,
    /// How to see the materials when the event has a parents' session.
    pub preview_session: String,
    /// How to see the materials without one: the presenter's contact follows.
    pub preview_contact: String,
    pub helplines: String,
    pub closing: String,
    pub slip_heading: String,
    pub slip_text: String,
    pub slip_opt_out: String,
}

impl LetterSpec {
    /// Every piece of own words, with its key.
    pub fn own_words_mut(&mut self) -> [(&'static str, &mut String); 12] {
        [
            ("heading", &mut self.heading),
            ("greeting", &mut self.greeting),
            ("about", &mut self.about),
            ("learn", &mut self.learn),
            ("nothing-explicit", &mut self.nothing_explicit),
            ("preview-session", &mut self.preview_session),
            ("preview-contact", &mut self.preview_contact),
            ("helplines", &mut self.helplines),
            ("closing", &mut self.closing),
            ("slip-heading", &mut self.slip_heading),
            ("slip-text", &mut self.slip_text),
            ("slip-opt-out", &mut self.slip_opt_out),
        ]
    }
}

/// The anonymous check handed out before and after the session (`[knowledge-check]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KnowledgeCheckSpec {
    pub questions: Spanned<Vec<CheckQuestionSpec>>,
}

/// One question of the knowledge check: true or false, or one of its `choices`; tied to the
/// fact or the slide it checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckQuestionSpec {
    pub question: String,
    /// The answers to choose from; without them the question is true or false.
    pub choices: Option<Vec<String>>,
    /// `true` or `false`, or one of the choices.
    pub answer: Spanned<String>,
    /// The fact the question checks.
    pub fact: Option<Spanned<String>>,
    /// The title of the slide the question checks.
    pub slide: Option<Spanned<String>>,
}
