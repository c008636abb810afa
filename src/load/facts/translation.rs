//! The fact base's wording in another language (`content/<lang>/facts.toml`), checked to state
//! exactly the figures of the source it translates.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::base::{Fact, FactBase};
use super::wording::{check_headline, check_series, figures};
use crate::error::Error;
use crate::load::toml_file::TomlFile;

/// A fact in another language: the same fact and source, with translated wording.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "kebab-case")]
pub struct FactText {
    pub claim: String,
    pub figure: Option<String>,
    pub attribution: Option<String>,
    /// The slide wording, checked against the translated claim.
    pub headline: Option<String>,
    /// The chart labels in this language, when they need translating.
    pub series_labels: Option<Vec<String>>,
}

/// A reporting channel's description in another language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceText {
    pub what: String,
}

/// The wording of the fact base in another language (`content/<lang>/facts.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    #[serde(default)]
    pub fact: BTreeMap<String, FactText>,
    #[serde(default)]
    pub resource: BTreeMap<String, ResourceText>,
    /// Descriptive phrases of the base (source dates such as `archived 2021-01-19`, descriptive
    /// publishers and channel names) in this language, by their English text.
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
}

impl Translation {
    /// Parses a translation and checks it against the base: every verified entry translated,
    /// no unknown ids, and every figure kept exactly.
    pub fn parse(file: &TomlFile, base: &FactBase) -> Result<Self, Error> {
        let translation: Translation = file.parse()?;
        let at = |id: &str, message: String| {
            let offset = file.text.find(&format!(".{id}]")).unwrap_or(0);
            file.error_at(offset..offset, message)
        };
        for (id, text) in &translation.fact {
            let Some(fact) = base.facts.get(id) else {
                return Err(at(
                    id,
                    format!("`{id}` is not a fact of content/facts.toml"),
                ));
            };
            check_wording(id, fact, text).map_err(|(message, hint)| {
                let error = at(id, message);
                match hint {
                    Some(hint) => error.with_hint(hint),
                    None => error,
                }
            })?;
        }
        for (english, translated) in &translation.terms {
            if figures(english) != figures(translated) {
                return Err(at(
                    english,
                    format!(
                        "the term `{english}` states the figures {:?} in translation, {:?} in the original",
                        figures(translated),
                        figures(english)
                    ),
                ));
            }
        }
        for id in translation.resource.keys() {
            if !base.resources.contains_key(id) {
                return Err(at(
                    id,
                    format!("`{id}` is not a resource of content/facts.toml"),
                ));
            }
        }
        let missing = base
            .facts
            .values()
            .filter(|f| f.verified && !translation.fact.contains_key(&f.id))
            .map(|f| f.id.as_str())
            .chain(
                base.resources
                    .values()
                    .filter(|r| r.verified && !translation.resource.contains_key(&r.id))
                    .map(|r| r.id.as_str()),
            )
            .next();
        if let Some(id) = missing {
            return Err(Error::at(
                file.name,
                None,
                format!("`{id}` of content/facts.toml has no translation here"),
            )
            .with_hint(
                "every verified fact and resource needs one, so that a kit never mixes languages",
            ));
        }
        Ok(translation)
    }
}

/// A problem with a translated fact: the message and a hint.
type Problem = (String, Option<&'static str>);

/// A translated fact has every wording its original has, and states exactly its figures.
fn check_wording(id: &str, fact: &Fact, text: &FactText) -> Result<(), Problem> {
    for (what, original, translated) in [
        ("claim", Some(&fact.claim), Some(&text.claim)),
        ("figure", fact.figure.as_ref(), text.figure.as_ref()),
        (
            "attribution",
            fact.attribution.as_ref(),
            text.attribution.as_ref(),
        ),
    ] {
        match (original, translated) {
            (Some(original), Some(translated))
                if what != "attribution" && figures(original) != figures(translated) =>
            {
                return Err((
                    format!(
                        "the {what} of `{id}` states the figures {:?}, but the source states {:?}",
                        figures(translated),
                        figures(original)
                    ),
                    Some("keep every figure exactly as the source states it"),
                ));
            }
            (Some(_), None) => {
                return Err((format!("`{id}` needs a translated `{what}`"), None));
            }
            (None, Some(_)) => {
                return Err((
                    format!("`{id}` has no `{what}` in the fact base to translate"),
                    None,
                ));
            }
            _ => {}
        }
    }
    match (&fact.headline, &text.headline) {
        (Some(_), None) => {
            return Err((format!("`{id}` needs a translated `headline`"), None));
        }
        (None, Some(_)) => {
            return Err((
                format!("`{id}` has no `headline` in the fact base to translate"),
                None,
            ));
        }
        (Some(_), Some(headline)) => check_headline(headline, &text.claim).map_err(|m| {
            (
                format!("`{id}`: {m}"),
                Some("keep every number as the claim writes it"),
            )
        })?,
        (None, None) => {}
    }
    if let Some(labels) = &text.series_labels {
        let points = fact.series.as_deref().unwrap_or_default();
        if labels.len() != points.len() {
            return Err((
                format!(
                    "`{id}` has {} `series-labels` for a series of {} points",
                    labels.len(),
                    points.len()
                ),
                None,
            ));
        }
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let values: Vec<&str> = points.iter().map(|p| p.value.as_str()).collect();
        check_series(&labels, &values, &text.claim).map_err(|m| (format!("`{id}`: {m}"), None))?;
    }
    Ok(())
}
