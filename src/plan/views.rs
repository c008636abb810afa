//! The plain, serializable views of everything a kit prints, as the templates read them.

use serde::Serialize;

use super::labels::Labels;
use crate::load::content::{FeedbackSpec, LetterSpec};
use crate::load::event::{
    Audience, Contact, DesignatedReporter, Language, LawEnforcement, Presenter, ReportLine,
};

/// One audience in one language: a deck, the cards, the resource sheet and the handouts.
#[derive(Debug, Clone, Serialize)]
pub struct Kit {
    pub audience: Audience,
    pub language: Language,
    /// The zip's base name: `<slug>-<audience>-<lang>`.
    pub name: String,
    pub deck: Deck,
    pub card: CardView,
    pub sheet: SheetView,
    pub handouts: Vec<HandoutView>,
    pub start_here: StartHereView,
    pub feedback: FeedbackSpec,
    /// The before-and-after check (teens and parents).
    pub knowledge_check: Option<KnowledgeCheckView>,
    /// The school's posters (staff kits) or letters home (teens kits), one per language of the
    /// event, each in its own language.
    pub paperwork: Vec<Paperwork>,
    pub labels: Labels,
    /// Every fact and resource the kit states, for the manifest.
    pub facts_used: Vec<FactUse>,
}

/// The school's own paperwork in one language: the same in every kit that carries it, whatever
/// that kit's language.
#[derive(Debug, Clone, Serialize)]
pub struct Paperwork {
    pub language: Language,
    /// The fixed words of the paperwork's language.
    pub labels: Labels,
    /// The event with its dates in the paperwork's language.
    pub event: EventView,
    pub poster: Option<PosterView>,
    pub letter: Option<LetterView>,
    /// The facts and resources it states, for the manifest of a kit that carries it.
    pub facts_used: Vec<FactUse>,
}

/// The awareness poster for a school corridor: the authorities' definition, the actions, where
/// to report, the crisis line, the take-down service and the local police.
#[derive(Debug, Clone, Serialize)]
pub struct PosterView {
    pub headline: String,
    pub definition: FactView,
    pub reassurance: String,
    pub steps: FactView,
    /// The region's report channels for young people.
    pub report: Vec<ResourceView>,
    pub crisis: Option<ResourceView>,
    pub takedown: Option<ResourceView>,
    pub law_enforcement: Option<LawEnforcement>,
    pub sources: Vec<SourceView>,
}

/// The letter home about the student session.
#[derive(Debug, Clone, Serialize)]
pub struct LetterView {
    /// The content's own words.
    pub words: LetterSpec,
    /// The title of the student session in the letter's language.
    pub session: String,
    /// The session's start in the letter's language (`10:15 a.m.`).
    pub time: Option<String>,
    /// What students will learn: the teens deck's objectives.
    pub objectives: Vec<String>,
    /// Whether the event has a session for parents, where they can see the materials.
    pub parents_session: bool,
    /// The reply slip's due date in the letter's language; no slip without one.
    pub reply_by: Option<String>,
    /// The region's key channels for parents.
    pub helplines: Vec<ResourceView>,
    pub sources: Vec<SourceView>,
}

/// The anonymous knowledge check handed out before and after the session.
#[derive(Debug, Clone, Serialize)]
pub struct KnowledgeCheckView {
    pub questions: Vec<CheckQuestionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckQuestionView {
    pub question: String,
    /// The answers to tick: the choices, or true and false in the kit's language.
    pub choices: Vec<String>,
    /// The right answer as printed among the choices.
    pub answer: String,
    /// What the question checks: the slide (number and title) or the fact with its citation.
    pub slide_number: Option<usize>,
    pub slide_title: Option<String>,
    pub fact: Option<FactView>,
}

/// A fact or resource id with the address of its source (a copy's address never: a mirrored
/// source is given by its title and date).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FactUse {
    pub id: String,
    pub source: String,
    /// What a statistic counts (`sextortion`, `online-enticement`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<String>,
}

/// The deck: its title, length, and every slide in order.
#[derive(Debug, Clone, Serialize)]
pub struct Deck {
    pub title: String,
    pub subtitle: String,
    pub minutes: u32,
    pub slides: Vec<SlideView>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct SlideView {
    pub number: usize,
    pub kind: String,
    pub title: String,
    pub minutes: u32,
    /// The running clock when the slide starts and ends, as `h:mm`.
    pub starts: String,
    pub ends: String,
    pub notes: String,
    pub text: Option<String>,
    pub points: Vec<String>,
    pub facts: Vec<FactView>,
    pub fact: Option<FactView>,
    pub left_heading: Option<String>,
    pub left: Vec<String>,
    pub right_heading: Option<String>,
    pub right: Vec<String>,
    pub steps: Vec<String>,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<SourceView>,
    /// The slide's icon, by its name in the embedded set (none on title, section, questions and
    /// sources slides).
    pub icon: Option<String>,
    /// One of the deck's two key messages, set full-bleed.
    pub key: bool,
}

/// The words of a text: runs between spaces with a letter or digit in them, so that French
/// punctuation set off by a no-break space (`Notez :`) is not a word.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The most words of body and secondary text a content slide may show: one idea, read from
/// the back of a hall. What does not fit goes into the speaker notes.
pub const MAX_SLIDE_WORDS: usize = 30;

impl SlideView {
    /// The words the slide shows besides its title, footer and source line, for the kinds whose
    /// words the content file controls (`None` for the others: title, section, questions and
    /// sources slides, and slides filled from the event or the channel list).
    pub fn shown_words(&self) -> Option<usize> {
        let count =
            |texts: &mut dyn Iterator<Item = &str>| -> usize { texts.map(word_count).sum() };
        let fact =
            |f: &FactView| f.region_label.as_deref().map_or(0, word_count) + word_count(&f.short);
        let facts: usize = self.facts.iter().map(fact).sum();
        Some(match self.kind.as_str() {
            "bullets" => count(&mut self.points.iter().map(String::as_str)) + facts,
            "steps" => count(&mut self.steps.iter().map(String::as_str)) + facts,
            "callout" => count(&mut self.text.iter().map(String::as_str)),
            "two-column" => count(
                &mut self
                    .left_heading
                    .iter()
                    .chain(&self.left)
                    .chain(&self.right_heading)
                    .chain(&self.right)
                    .map(String::as_str),
            ),
            "statistic" => {
                let f = self.fact.as_ref()?;
                let bars: usize = f.series.iter().map(|b| word_count(&b.label) + 1).sum();
                1 + fact(f) + bars + count(&mut self.text.iter().map(String::as_str))
            }
            "quote" => {
                let f = self.fact.as_ref()?;
                let by = f.attribution.as_deref().unwrap_or(&f.cite);
                word_count(&f.claim) + word_count(by) + 1
            }
            _ => return None,
        })
    }

    /// The ids of the facts the slide shows, in order.
    pub fn fact_ids(&self) -> Vec<&str> {
        self.facts
            .iter()
            .chain(&self.fact)
            .map(|f| f.id.as_str())
            .collect()
    }
}

/// One bar of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct BarView {
    pub label: String,
    /// The value as the source writes it.
    pub value: String,
    /// The bar's length as a share of the longest, 0 to 1.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    pub id: String,
    pub claim: String,
    /// What a slide prints: the headline, or the whole claim where the fact has none.
    pub short: String,
    pub figure: Option<String>,
    /// The values the claim states at several times, as bars (empty without a series).
    pub series: Vec<BarView>,
    /// The chart's alternative text: every label and value.
    pub chart_alt: Option<String>,
    pub attribution: Option<String>,
    /// Publisher and year, for the footnote.
    pub cite: String,
    /// For a fact from one region, e.g. `UK guidance`.
    pub region_label: Option<String>,
    /// What a statistic counts: `sextortion`, `financial-sextortion`, `online-enticement`,
    /// `all-exploitation` (none for quotations and guidance).
    pub counts: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResourceView {
    pub id: String,
    pub role: String,
    pub name: String,
    pub what: String,
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub url: Option<String>,
    /// Whom or what the service is for, printed with it wherever it appears (StopNCII: images
    /// taken at 18 or older).
    pub scope: Option<String>,
    /// The service's own Spanish-language option in the kit's language, in Spanish kits only.
    pub spanish: Option<String>,
    /// The virtual path of the QR code holding `https://` + `url`.
    pub qr: Option<String>,
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub number: usize,
    pub title: String,
    pub publisher: String,
    pub date: String,
    pub url: String,
}

/// The wallet card: the key channels on the front, a few local contacts on the back.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub heading: String,
    pub lead: String,
    pub reassurance: Option<String>,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<SourceView>,
}

/// The one-page resource sheet: every channel of the region and every local contact.
#[derive(Debug, Clone, Serialize)]
pub struct SheetView {
    pub heading: String,
    pub lead: String,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<SourceView>,
}

/// A content-written handout, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct HandoutView {
    /// The PDF is `handouts/<file>.pdf`.
    pub file: String,
    pub title: String,
    pub pages: usize,
    pub lead: String,
    pub sections: Vec<SectionView>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub text: Option<String>,
    pub points: Vec<String>,
    pub steps: Vec<String>,
    pub checklist: Vec<String>,
    pub questions: Vec<String>,
    pub facts: Vec<FactView>,
    /// The words to say, from a fact's headline, set in bold on their own.
    pub say: Option<FactView>,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub reporting_steps: Vec<String>,
    /// Whether the event has more contacts than the handout shows.
    pub more_contacts: bool,
    pub new_page: bool,
    /// Whether the section is where staff report: it also names the person the school
    /// designates and the state's report line, when the event gives them.
    pub reporting: bool,
}

/// The presenter's guide: objectives, agenda, preparation, what to do if someone discloses.
#[derive(Debug, Clone, Serialize)]
pub struct StartHereView {
    pub objectives: Vec<String>,
    pub prepare: Vec<String>,
    pub if_someone_discloses: Vec<String>,
    pub disclosure_facts: Vec<FactView>,
    /// The first words to say, from a fact's headline.
    pub disclosure_say: Option<FactView>,
    pub police_note: Option<String>,
    pub police_facts: Vec<FactView>,
    pub questions: Vec<QuestionView>,
    /// Slides with time on the clock, in order.
    pub agenda: Vec<AgendaItem>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub question: String,
    pub answer: String,
    pub facts: Vec<FactView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub starts: String,
    pub minutes: u32,
    pub title: String,
}

/// The event as the templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub organization: String,
    pub date: String,
    pub date_long: String,
    pub venue: Option<String>,
    pub region: String,
    pub presenter: Option<Presenter>,
    pub contacts: Vec<Contact>,
    pub accent: Option<String>,
    pub logo: Option<LogoView>,
    /// The state or provincial child-abuse hotline, for staff.
    pub report_line: Option<ReportLine>,
    /// The person the school designates for reports, for staff.
    pub designated_reporter: Option<DesignatedReporter>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    pub path: String,
    pub alt: String,
}
