//! Per-audience content files (`content/<audience>.toml`): the slides and the resource card.
//!
//! A content file says what each slide is (its kind, title, own words, and fact ids); layout
//! lives in the templates. Loading checks the shape, the fact ids (known, verified, meant for the
//! audience) and that the project's own words carry no figures or addresses, which must come
//! from the fact base with their sources.

use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;
use crate::event::{Audience, Region};
use crate::facts::FactBase;
use crate::toml_file::{TomlFile, check_text};

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
    "sources",
];

/// Handout file names the tool writes itself, which content may not reuse.
const RESERVED_HANDOUTS: &[&str] = &["resource-card", "resources"];

/// Words an English speaker note may have: enough to say something, short enough to say in time.
pub const NOTES_WORDS: std::ops::RangeInclusive<usize> = 40..=150;

/// The longest speaker note, in characters.
const MAX_NOTES_CHARS: usize = 2000;

/// A checked content file.
#[derive(Debug, Clone)]
pub struct AudienceContent {
    pub title: String,
    pub subtitle: String,
    pub minutes: u32,
    pub card: Card,
    pub slides: Vec<SlideSpec>,
    pub handouts: Vec<HandoutSpec>,
    pub start_here: StartHereSpec,
    pub feedback: FeedbackSpec,
}

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
    fn own_words(&self) -> impl Iterator<Item = &str> {
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

/// The resource card's own words.
#[derive(Debug, Clone)]
pub struct Card {
    pub heading: String,
    pub lead: String,
    pub reassurance: Option<String>,
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawContent {
    title: Spanned<String>,
    subtitle: Spanned<String>,
    minutes: Spanned<u32>,
    card: RawCard,
    slides: Vec<SlideSpec>,
    #[serde(default)]
    handouts: Vec<HandoutSpec>,
    #[serde(default)]
    start_here: StartHereSpec,
    #[serde(default)]
    feedback: FeedbackSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCard {
    heading: Spanned<String>,
    lead: Spanned<String>,
    reassurance: Option<Spanned<String>>,
}

impl SlideSpec {
    /// The keys this slide sets, besides `kind`, `title`, `minutes` and `notes`.
    fn set_keys(&self) -> Vec<&'static str> {
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
    fn own_words(&self) -> Vec<(&'static str, &str)> {
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
fn kind_keys(kind: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        "title" | "contacts" | "sources" | "reporting-steps" => (&[], &[]),
        "callout" => (&["text"], &["text"]),
        "section" | "questions" => (&["text"], &[]),
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

/// Parses and checks a content file for `audience` against the fact base.
pub fn parse(
    file: &TomlFile,
    audience: Audience,
    region: Region,
    base: &FactBase,
    notes_words: std::ops::RangeInclusive<usize>,
) -> Result<AudienceContent, Error> {
    let raw: RawContent = file.parse()?;
    let whole_file = |message: String| Error::at(file.name, None, message);

    for (key, value) in [
        ("title", &raw.title),
        ("subtitle", &raw.subtitle),
        ("card.heading", &raw.card.heading),
        ("card.lead", &raw.card.lead),
    ]
    .into_iter()
    .chain(
        raw.card
            .reassurance
            .as_ref()
            .map(|r| ("card.reassurance", r)),
    ) {
        check_own_words(value.get_ref(), 300)
            .map_err(|m| file.error_at(value.span(), format!("`{key}`: {m}")))?;
    }

    for slide in &raw.slides {
        let kind = slide.kind.get_ref().as_str();
        let at = |message: String| file.error_at(slide.kind.span(), message);
        if !SLIDE_KINDS.contains(&kind) {
            let mut error = at(format!("unknown slide kind `{kind}`")).with_note(format!(
                "the slide kinds are {}",
                crate::error::list_names(SLIDE_KINDS.iter().copied())
            ));
            if let Some(near) = crate::error::nearest(kind, SLIDE_KINDS.iter().copied()) {
                error = error.with_hint(format!("did you mean `{near}`?"));
            }
            return Err(error);
        }
        let (allowed, required) = kind_keys(kind);
        for key in slide.set_keys() {
            if !allowed.contains(&key) {
                return Err(
                    at(format!("a `{kind}` slide does not use `{key}`")).with_note(format!(
                        "a `{kind}` slide takes {}",
                        if allowed.is_empty() {
                            "no extra keys".to_string()
                        } else {
                            crate::error::list_names(allowed.iter().copied())
                        }
                    )),
                );
            }
        }
        for key in required {
            if !slide.set_keys().contains(key) {
                return Err(at(format!("a `{kind}` slide needs `{key}`")));
            }
        }
        let needs_title = !matches!(
            kind,
            "title" | "sources" | "contacts" | "questions" | "resources"
        );
        if needs_title && slide.title.is_none() {
            return Err(at(format!("this `{kind}` slide needs a `title`")));
        }
        for (key, value) in slide.own_words() {
            let limit = if key == "notes" { MAX_NOTES_CHARS } else { 300 };
            check_own_words(value, limit).map_err(|m| at(format!("`{key}` of this slide: {m}")))?;
        }
        match (slide.minutes, &slide.notes) {
            (Some(minutes), Some(notes)) if minutes > 0 => {
                let words = notes.split_whitespace().count();
                if !notes_words.contains(&words) {
                    return Err(at(format!(
                        "the notes of this slide have {words} words; speaker notes have {} to {}",
                        notes_words.start(),
                        notes_words.end()
                    )));
                }
            }
            _ => {
                return Err(at(
                    "every slide needs `minutes` (a whole number, at least 1) and speaker `notes`"
                        .to_string(),
                ));
            }
        }
        let fact_ids = slide.facts.iter().flatten().chain(slide.fact.iter());
        for id in fact_ids {
            let fact = check_fact(file, id, audience, base)?;
            if kind == "statistic" && fact.figure.is_none() {
                return Err(file
                    .error_at(
                        id.span(),
                        format!(
                            "fact `{}` has no `figure` to show on a statistic slide",
                            id.get_ref()
                        ),
                    )
                    .with_hint("use a `bullets` slide with `facts = [...]` instead"));
            }
            if kind == "quote" && fact.kind.as_deref() != Some("quote") {
                return Err(file
                    .error_at(
                        id.span(),
                        format!("fact `{}` is not a quotation", id.get_ref()),
                    )
                    .with_hint("a `quote` slide takes a fact with kind = \"quote\""));
            }
        }
        for role in slide.roles.iter().flatten() {
            if !crate::facts::RESOURCE_ROLES.contains(&role.get_ref().as_str()) {
                return Err(file
                    .error_at(role.span(), format!("unknown role `{}`", role.get_ref()))
                    .with_note(format!(
                        "the roles are {}",
                        crate::error::list_names(crate::facts::RESOURCE_ROLES.iter().copied())
                    )));
            }
        }
        for id in slide.resources.iter().flatten() {
            let resource = base.resource(id.get_ref(), audience).map_err(|refusal| {
                refusal.into_error(
                    file.error_at(
                        id.span(),
                        format!("resource `{}` cannot be used here", id.get_ref()),
                    ),
                    id.get_ref(),
                    audience,
                )
            })?;
            if !resource.serves(region) {
                return Err(file
                    .error_at(
                        id.span(),
                        format!(
                            "resource `{}` is for region {}, but the event's region is {region}",
                            id.get_ref(),
                            resource.region
                        ),
                    )
                    .with_hint(
                        "leave `resources` out to print every channel of the event's region",
                    ));
            }
        }
    }
    let (Some(first), Some(last)) = (raw.slides.first(), raw.slides.last()) else {
        return Err(whole_file(
            "the content file has no `[[slides]]`".to_string(),
        ));
    };
    for (slide, kind, place) in [(first, "title", "starts"), (last, "sources", "ends")] {
        if slide.kind.get_ref() != kind {
            return Err(file.error_at(
                slide.kind.span(),
                format!("a deck {place} with a `{kind}` slide"),
            ));
        }
    }

    let total: u32 = raw.slides.iter().filter_map(|s| s.minutes).sum();
    if total != *raw.minutes.get_ref() {
        return Err(file
            .error_at(
                raw.minutes.span(),
                format!(
                    "the slides' minutes add up to {total}, but the session is {} minutes long",
                    raw.minutes.get_ref()
                ),
            )
            .with_hint("change some slides' `minutes` or the top-level `minutes`"));
    }

    let mut files: Vec<&str> = Vec::new();
    for handout in &raw.handouts {
        let name = handout.file.get_ref().as_str();
        let at = |message: String| file.error_at(handout.file.span(), message);
        let valid_name = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !name.starts_with('-');
        if !valid_name {
            return Err(at(format!(
                "handout file name `{name}` may only use lowercase letters and `-`"
            )));
        }
        if RESERVED_HANDOUTS.contains(&name) || files.contains(&name) {
            return Err(at(format!("handout file name `{name}` is already used")));
        }
        files.push(name);
        if !(1..=2).contains(&handout.pages) {
            return Err(at(format!(
                "handout `{name}` has `pages = {}`; a handout has 1 or 2 pages",
                handout.pages
            )));
        }
        for value in [&handout.title, &handout.lead] {
            check_own_words(value, 300).map_err(|m| at(format!("handout `{name}`: {m}")))?;
        }
        for section in &handout.sections {
            for value in section.own_words() {
                check_own_words(value, 300).map_err(|m| {
                    at(format!(
                        "handout `{name}`, section `{}`: {m}",
                        section.heading
                    ))
                })?;
            }
            for id in section.facts.iter().flatten() {
                check_fact(file, id, audience, base)?;
            }
        }
    }

    let guide = &raw.start_here;
    let feedback = &raw.feedback;
    let guide_words = guide
        .objectives
        .iter()
        .chain(&guide.prepare)
        .chain(&guide.if_someone_discloses)
        .chain(
            guide
                .questions
                .iter()
                .flat_map(|q| [&q.question, &q.answer]),
        );
    let feedback_words = feedback
        .intro
        .iter()
        .chain(&feedback.ratings)
        .chain(&feedback.open);
    for (table, value) in guide_words
        .map(|v| ("start-here", v))
        .chain(feedback_words.map(|v| ("feedback", v)))
    {
        check_own_words(value, 300)
            .map_err(|m| whole_file(format!("[{table}]: {m}: `{value}`")))?;
    }
    let guide_facts = guide
        .disclosure_facts
        .iter()
        .chain(guide.questions.iter().flat_map(|q| &q.facts));
    for id in guide_facts {
        check_fact(file, id, audience, base)?;
    }

    Ok(AudienceContent {
        title: raw.title.into_inner(),
        subtitle: raw.subtitle.into_inner(),
        minutes: raw.minutes.into_inner(),
        card: Card {
            heading: raw.card.heading.into_inner(),
            lead: raw.card.lead.into_inner(),
            reassurance: raw.card.reassurance.map(Spanned::into_inner),
        },
        slides: raw.slides,
        handouts: raw.handouts,
        start_here: raw.start_here,
        feedback: raw.feedback,
    })
}

/// Looks up a fact id written in a content file, or explains at its position why it cannot
/// be printed.
fn check_fact<'a>(
    file: &TomlFile,
    id: &Spanned<String>,
    audience: Audience,
    base: &'a FactBase,
) -> Result<&'a crate::facts::Fact, Error> {
    base.fact(id.get_ref(), audience).map_err(|refusal| {
        refusal.into_error(
            file.error_at(
                id.span(),
                format!("fact `{}` cannot be used here", id.get_ref()),
            ),
            id.get_ref(),
            audience,
        )
    })
}

/// Checks the project's own words: printable, and free of figures and addresses, which must
/// come from the fact base so that their source is shown.
fn check_own_words(value: &str, max_chars: usize) -> Result<(), String> {
    let single_line: String = value
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    check_text(&single_line, max_chars)?;
    let lower = value.to_lowercase();
    let digit_run = value
        .as_bytes()
        .windows(3)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    if value.contains('%') || digit_run {
        return Err("own words may not state figures or numbers; reference a fact by id so its source is shown".to_string());
    }
    for marker in [
        "http", "www.", ".org", ".gov", ".com", ".ca ", ".uk", ".au ",
    ] {
        if lower.contains(marker) {
            return Err(format!(
                "own words may not contain web addresses (found `{marker}`); reference a resource by id so its source is shown"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> FactBase {
        FactBase::parse(&TomlFile {
            name: "facts.toml",
            text: include_str!("../content/facts.toml"),
        })
        .unwrap()
    }

    const NOTES: &str = "notes = \"one two three four five six seven eight nine ten one two three four five six seven eight nine ten one two three four five six seven eight nine ten one two three four five six seven eight nine ten\"\nminutes = 1\n";

    /// A deck of a title slide, `middle` (one slide, given notes and a minute here) and sources.
    fn content(middle: &str) -> String {
        format!(
            "title = \"T\"\nsubtitle = \"S\"\nminutes = 3\n[card]\nheading = \"H\"\nlead = \"L\"\n\n[[slides]]\nkind = \"title\"\n{NOTES}\n{middle}{NOTES}\n[[slides]]\nkind = \"sources\"\n{NOTES}"
        )
    }

    fn parse_as(text: &str, audience: Audience, region: Region) -> Result<AudienceContent, Error> {
        let name = format!("content/{audience}.toml");
        parse(
            &TomlFile { name: &name, text },
            audience,
            region,
            &base(),
            NOTES_WORDS,
        )
    }

    fn parse_teens(text: &str) -> Result<AudienceContent, Error> {
        parse_as(text, Audience::Teens, Region::Us)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).unwrap()].matches('\n').count() + 1
    }

    #[test]
    fn embedded_content_files_parse() {
        let base = base();
        for (audience, text) in [
            (Audience::Parents, include_str!("../content/parents.toml")),
            (Audience::Teens, include_str!("../content/teens.toml")),
            (Audience::Staff, include_str!("../content/staff.toml")),
        ] {
            for region in Region::ALL {
                let file = TomlFile {
                    name: audience.as_str(),
                    text,
                };
                let parsed = parse(&file, audience, *region, &base, NOTES_WORDS);
                assert!(parsed.is_ok(), "{audience}: {}", parsed.unwrap_err());
            }
        }
    }

    #[test]
    fn fact_for_another_audience_is_refused_at_its_line() {
        let text =
            content("[[slides]]\nkind = \"bullets\"\ntitle = \"X\"\nfacts = [\"fbi-2024\"]\n");
        let err = parse_teens(&text).unwrap_err().to_string();
        let line = line_of(&text, "facts = ");
        assert!(
            err.contains(&format!("content/teens.toml:{line}:")),
            "{err}"
        );
        assert!(err.contains("not for teens"), "{err}");
    }

    #[test]
    fn unverified_and_unknown_facts_are_refused() {
        let text = content(
            "[[slides]]\nkind = \"bullets\"\ntitle = \"X\"\nfacts = [\"unverified-rarely-charged\"]\n",
        );
        assert!(
            parse_teens(&text)
                .unwrap_err()
                .to_string()
                .contains("verified = false")
        );
        let text =
            content("[[slides]]\nkind = \"bullets\"\ntitle = \"X\"\nfacts = [\"red-flag\"]\n");
        assert!(
            parse_teens(&text)
                .unwrap_err()
                .to_string()
                .contains("did you mean `red-flags`?")
        );
    }

    #[test]
    fn own_words_may_not_state_figures_or_addresses() {
        let text =
            content("[[slides]]\nkind = \"bullets\"\ntitle = \"X\"\npoints = [\"Call 988 now\"]\n");
        assert!(
            parse_teens(&text)
                .unwrap_err()
                .to_string()
                .contains("figures")
        );
        let text = content(
            "[[slides]]\nkind = \"bullets\"\ntitle = \"X\"\npoints = [\"See takeitdown.ncmec.org\"]\n",
        );
        assert!(
            parse_teens(&text)
                .unwrap_err()
                .to_string()
                .contains("web addresses")
        );
    }

    #[test]
    fn minutes_notes_and_regions_are_checked() {
        let text = content("[[slides]]\nkind = \"section\"\ntitle = \"X\"\n")
            .replace("minutes = 3", "minutes = 4");
        let err = parse_teens(&text).unwrap_err().to_string();
        assert!(
            err.contains("add up to 3") && err.contains("4 minutes long"),
            "{err}"
        );
        let text = content("[[slides]]\nkind = \"section\"\ntitle = \"X\"\n").replacen(
            NOTES,
            "minutes = 1\n",
            1,
        );
        assert!(
            parse_teens(&text)
                .unwrap_err()
                .to_string()
                .contains("needs `minutes`")
        );
        let text = content("[[slides]]\nkind = \"resources\"\nresources = [\"cybertipline\"]\n");
        assert!(parse_teens(&text).is_ok());
        let err = parse_as(&text, Audience::Teens, Region::Uk)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("for region US, but the event's region is UK"),
            "{err}"
        );
    }

    #[test]
    fn handouts_are_checked_like_slides() {
        let handout = "[[handouts]]\nfile = \"tips\"\ntitle = \"T\"\npages = 1\nlead = \"L\"\n[[handouts.sections]]\nheading = \"H\"\nfacts = [\"fbi-2024\"]\n";
        let text = format!(
            "{}\n{handout}",
            content("[[slides]]\nkind = \"section\"\ntitle = \"X\"\n")
        );
        let err = parse_teens(&text).unwrap_err().to_string();
        assert!(err.contains("not for teens"), "{err}");
        let bad_name = text
            .replace("\"tips\"", "\"resource-card\"")
            .replace("fbi-2024", "red-flags");
        assert!(
            parse_teens(&bad_name)
                .unwrap_err()
                .to_string()
                .contains("already used")
        );
    }

    #[test]
    fn keys_must_fit_the_kind() {
        let text = content(
            "[[slides]]\nkind = \"quote\"\ntitle = \"X\"\npoints = [\"a\"]\nfact = \"not-your-fault\"\n",
        );
        let err = parse_teens(&text).unwrap_err().to_string();
        assert!(
            err.contains("a `quote` slide does not use `points`"),
            "{err}"
        );
        let text = content("[[slides]]\nkind = \"bullet\"\ntitle = \"X\"\n");
        assert!(
            parse_teens(&text)
                .unwrap_err()
                .to_string()
                .contains("did you mean `bullets`?")
        );
    }
}
