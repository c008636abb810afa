//! Per-audience content files (`content/<audience>.toml`): the slides and the resource card.
//!
//! A content file says what each slide is (its kind, title, own words, and fact ids); layout
//! lives in the templates. Loading checks the shape, the fact ids (known, verified, meant for the
//! audience) and that the project's own words carry no figures or addresses, which must come
//! from the fact base with their sources.

mod handouts;
mod paperwork;
pub mod region_words;
mod slides;
mod specs;
mod words;

use serde::Deserialize;
use toml::Spanned;

pub use specs::{
    FeedbackSpec, HandoutSpec, KnowledgeCheckSpec, LetterSpec, PosterSpec, SlideSpec, StartHereSpec,
};

use crate::error::Error;
use crate::load::event::{Audience, Region};
use crate::load::facts::FactBase;
use crate::load::toml_file::TomlFile;
use words::{check_fact, check_own_words, check_words_to_say};

/// Words an English speaker note may have: enough to say something, short enough to say in time.
pub const NOTES_WORDS: std::ops::RangeInclusive<usize> = 40..=150;

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
    /// The school poster (staff content).
    pub poster: Option<PosterSpec>,
    /// The letter home about the student session (teens content).
    pub parent_letter: Option<LetterSpec>,
    /// The before-and-after check (teens and parents content).
    pub knowledge_check: Option<KnowledgeCheckSpec>,
}

/// The resource card's own words.
#[derive(Debug, Clone)]
pub struct Card {
    pub heading: String,
    pub lead: String,
    pub reassurance: Option<String>,
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
    poster: Option<PosterSpec>,
    parent_letter: Option<LetterSpec>,
    knowledge_check: Option<KnowledgeCheckSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCard {
    heading: Spanned<String>,
    lead: Spanned<String>,
    reassurance: Option<Spanned<String>>,
}

/// Parses and checks a content file for `audience` against the fact base.
pub fn parse(
    file: &TomlFile,
    audience: Audience,
    region: Region,
    base: &FactBase,
    notes_words: std::ops::RangeInclusive<usize>,
) -> Result<AudienceContent, Error> {
    let mut raw: RawContent = file.parse()?;

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
        slides::check_slide(file, slide, audience, region, base, notes_words.clone())?;
    }
    check_deck_shape(file, &raw.slides, &raw.minutes)?;
    handouts::check_handouts(file, &raw.handouts, audience, base)?;

    check_guide(file, &raw.start_here, &raw.feedback, audience, base)?;
    paperwork::check_present(
        file,
        audience,
        [
            raw.poster.is_some(),
            raw.parent_letter.is_some(),
            raw.knowledge_check.is_some(),
        ],
    )?;
    if let Some(poster) = &raw.poster {
        paperwork::check_poster(file, poster, base)?;
    }
    if let Some(letter) = &mut raw.parent_letter {
        paperwork::check_letter(file, letter)?;
    }
    if let Some(check) = &raw.knowledge_check {
        paperwork::check_knowledge_check(file, check, &raw.slides, audience, base)?;
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
        poster: raw.poster,
        parent_letter: raw.parent_letter,
        knowledge_check: raw.knowledge_check,
    })
}

/// A deck starts with a title slide and ends with sources, and its minutes fill the session.
fn check_deck_shape(
    file: &TomlFile,
    slides: &[SlideSpec],
    minutes: &Spanned<u32>,
) -> Result<(), Error> {
    let whole_file = |message: String| Error::at(file.name, None, message);
    let (Some(first), Some(last)) = (slides.first(), slides.last()) else {
        return Err(whole_file(
            "the content file has no `[[slides]]`".to_string(),
        ));
    };
    for (slide, kind, place) in [(first, "title", "starts"), (last, "help", "ends")] {
        if slide.kind.get_ref() != kind {
            return Err(file
                .error_at(
                    slide.kind.span(),
                    format!("a deck {place} with a `{kind}` slide"),
                )
                .with_hint(
                    "the closing `help` slide (local contacts, the region's lines, questions) stays up during questions; the `sources` slides come before it",
                ));
        }
    }
    if !slides.iter().any(|s| s.kind.get_ref() == "sources") {
        return Err(file.error_at(
            last.kind.span(),
            "a deck needs a `sources` slide before its closing `help` slide".to_string(),
        ));
    }

    let total: u32 = slides.iter().filter_map(|s| s.minutes).sum();
    if total != *minutes.get_ref() {
        return Err(file
            .error_at(
                minutes.span(),
                format!(
                    "the slides' minutes add up to {total}, but the session is {} minutes long",
                    minutes.get_ref()
                ),
            )
            .with_hint("change some slides' `minutes` or the top-level `minutes`"));
    }

    Ok(())
}

/// The guide's and the feedback form's own words and facts.
fn check_guide(
    file: &TomlFile,
    guide: &StartHereSpec,
    feedback: &FeedbackSpec,
    audience: Audience,
    base: &FactBase,
) -> Result<(), Error> {
    let whole_file = |message: String| Error::at(file.name, None, message);
    let guide_words = guide
        .objectives
        .iter()
        .chain(&guide.prepare)
        .chain(&guide.if_someone_discloses)
        .chain(&guide.police_note)
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
        .chain(&guide.police_facts)
        .chain(guide.questions.iter().flat_map(|q| &q.facts));
    for id in guide_facts {
        check_fact(file, id, audience, base)?;
    }
    if let Some(id) = &guide.disclosure_say {
        check_words_to_say(file, id, audience, base)?;
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> FactBase {
        FactBase::parse(&TomlFile {
            name: "facts.toml",
            text: include_str!("../../../content/facts.toml"),
        })
        .unwrap()
    }

    const NOTES: &str = "notes = \"one two three four five six seven eight nine ten one two three four five six seven eight nine ten one two three four five six seven eight nine ten one two three four five six seven eight nine ten\"\nminutes = 1\n";

    /// A deck of a title slide, `middle` (one slide, given notes and a minute here), the
    /// Sources (no minutes) and the closing help slide.
    fn content(middle: &str) -> String {
        let sources_notes = NOTES.replace("minutes = 1", "minutes = 0");
        format!(
            "title = \"T\"\nsubtitle = \"S\"\nminutes = 3\n[card]\nheading = \"H\"\nlead = \"L\"\n\n[[slides]]\nkind = \"title\"\n{NOTES}\n{middle}{NOTES}\n[[slides]]\nkind = \"sources\"\n{sources_notes}\n[[slides]]\nkind = \"help\"\n{NOTES}"
        )
    }

    /// The paperwork tables an audience's content needs, when the text has none of its own.
    fn with_paperwork(text: &str, audience: Audience) -> String {
        let letter = "[parent-letter]\nheading = \"H\"\ngreeting = \"G\"\nabout = \"A\"\nlearn = \"L\"\nnothing-explicit = \"N\"\npreview-session = \"P\"\npreview-contact = \"C\"\nhelplines = \"H\"\nclosing = \"C\"\nslip-heading = \"S\"\nslip-text = \"T\"\nslip-opt-out = \"O\"\n";
        let question = "[[knowledge-check.questions]]\nquestion = \"Q\"\nanswer = \"true\"\nfact = \"not-in-trouble\"\n";
        let check = question.repeat(3);
        let poster = "[poster]\nheadline = \"H\"\ndefinition = \"fbi-definition\"\nreassurance = \"R\"\nsteps = \"fbi-steps\"\n";
        let tables = match audience {
            Audience::Staff => poster.to_string(),
            Audience::Teens => format!("{letter}{check}"),
            Audience::Parents => check,
        };
        if text.contains("[poster]") || text.contains("knowledge-check") {
            text.to_string()
        } else {
            format!("{text}\n{tables}")
        }
    }

    fn parse_as(text: &str, audience: Audience, region: Region) -> Result<AudienceContent, Error> {
        let name = format!("content/{audience}.toml");
        let text = &with_paperwork(text, audience);
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
    fn knowledge_check_questions_must_check_a_real_fact_or_slide() {
        let deck = content("[[slides]]\nkind = \"callout\"\ntitle = \"Red flags\"\ntext = \"T\"\n");
        let question =
            |body: &str| format!("[[knowledge-check.questions]]\nquestion = \"Q\"\n{body}\n");
        let good = question("answer = \"true\"\nslide = \"Red flags\"");
        let parents = |extra: &str| {
            parse_as(
                &format!("{deck}\n{}{extra}", good.repeat(2)),
                Audience::Parents,
                Region::Us,
            )
        };
        assert!(parents(&good).is_ok());
        for (bad, expected) in [
            (
                "answer = \"true\"\nslide = \"Red flag\"",
                "no slide of this deck has that title",
            ),
            (
                "answer = \"true\"\nfact = \"no-such-fact\"",
                "fact `no-such-fact` cannot be used here",
            ),
            (
                "answer = \"yes\"\nslide = \"Red flags\"",
                "`true` or `false`",
            ),
            (
                "choices = [\"A\", \"B\"]\nanswer = \"C\"\nslide = \"Red flags\"",
                "none of its choices",
            ),
            ("answer = \"true\"", "exactly one of `fact`"),
        ] {
            let err = parents(&question(bad)).unwrap_err().to_string();
            assert!(err.contains(expected), "{bad}: {err}");
            assert!(err.contains("content/parents.toml"), "{err}");
        }
        let err = parents(&good.repeat(4)).unwrap_err().to_string();
        assert!(err.contains("has 6 questions"), "{err}");
        // The paperwork tables belong to their audience.
        let staff = parse_as(&format!("{deck}\n{good}"), Audience::Staff, Region::Us)
            .unwrap_err()
            .to_string();
        assert!(staff.contains("needs a `[poster]`"), "{staff}");
    }

    #[test]
    fn embedded_content_files_parse() {
        let base = base();
        for (audience, text) in [
            (
                Audience::Parents,
                include_str!("../../../content/parents.toml"),
            ),
            (Audience::Teens, include_str!("../../../content/teens.toml")),
            (Audience::Staff, include_str!("../../../content/staff.toml")),
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
