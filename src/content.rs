//! Per-audience content files (`content/<audience>.toml`): the slides and the resource card.
//!
//! A content file says what each slide is (its kind, title, own words, and fact ids); layout
//! lives in the templates. Loading checks the shape, the fact ids (known, verified, meant for the
//! audience) and that the project's own words carry no figures or addresses, which must come
//! from the fact base with their sources.

use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;
use crate::event::Audience;
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
    "questions",
    "sources",
];

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
}

/// The resource card's own words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawContent {
    title: String,
    subtitle: String,
    minutes: u32,
    card: Card,
    slides: Vec<SlideSpec>,
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
        "title" | "contacts" | "sources" => (&[], &[]),
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
        "resources" => (&["resources"], &[]),
        _ => (&[], &[]),
    }
}

/// Parses and checks a content file for `audience` against the fact base.
pub fn parse(
    file: &TomlFile,
    audience: Audience,
    base: &FactBase,
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
        check_own_words(value, 300).map_err(|m| whole_file(format!("`{key}`: {m}")))?;
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
        let fact_ids = slide.facts.iter().flatten().chain(slide.fact.iter());
        for id in fact_ids {
            let fact = base.fact(id.get_ref(), audience).map_err(|refusal| {
                refusal.into_error(
                    file.error_at(
                        id.span(),
                        format!("fact `{}` cannot be used here", id.get_ref()),
                    ),
                    id.get_ref(),
                    audience,
                )
            })?;
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
        for id in slide.resources.iter().flatten() {
            base.resource(id.get_ref(), audience).map_err(|refusal| {
                refusal.into_error(
                    file.error_at(
                        id.span(),
                        format!("resource `{}` cannot be used here", id.get_ref()),
                    ),
                    id.get_ref(),
                    audience,
                )
            })?;
        }
    }
    let first = raw.slides.first().map(|s| s.kind.get_ref().as_str());
    let last = raw.slides.last().map(|s| s.kind.get_ref().as_str());
    if first != Some("title") || last != Some("sources") {
        return Err(whole_file(
            "a deck starts with a `title` slide and ends with a `sources` slide".to_string(),
        ));
    }

    Ok(AudienceContent {
        title: raw.title,
        subtitle: raw.subtitle,
        minutes: raw.minutes,
        card: raw.card,
        slides: raw.slides,
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

    fn content(slides: &str) -> String {
        format!(
            "title = \"T\"\nsubtitle = \"S\"\nminutes = 3\n[card]\nheading = \"H\"\nlead = \"L\"\n\n[[slides]]\nkind = \"title\"\n{slides}\n[[slides]]\nkind = \"sources\"\n"
        )
    }

    fn parse_teens(text: &str) -> Result<AudienceContent, Error> {
        parse(
            &TomlFile {
                name: "content/teens.toml",
                text,
            },
            Audience::Teens,
            &base(),
        )
    }

    #[test]
    fn embedded_content_files_parse() {
        let base = base();
        for (audience, text) in [
            (Audience::Parents, include_str!("../content/parents.toml")),
            (Audience::Teens, include_str!("../content/teens.toml")),
            (Audience::Staff, include_str!("../content/staff.toml")),
        ] {
            let parsed = parse(
                &TomlFile {
                    name: audience.as_str(),
                    text,
                },
                audience,
                &base,
            );
            assert!(parsed.is_ok(), "{audience}: {}", parsed.unwrap_err());
        }
    }

    #[test]
    fn fact_for_another_audience_is_refused_at_its_line() {
        let text =
            content("[[slides]]\nkind = \"bullets\"\ntitle = \"X\"\nfacts = [\"fbi-2024\"]\n");
        let err = parse_teens(&text).unwrap_err().to_string();
        assert!(err.contains("content/teens.toml:13:"), "{err}");
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
