//! The fact base's wording in another language (`content/<lang>/facts.toml`), checked to state
//! exactly the figures of the source it translates.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::base::{Fact, FactBase};
use super::wording::{check_headline, check_series, digits};
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
    /// Whom the service is for (`scope` in the base) in this language, with the same figures.
    pub scope: Option<String>,
    /// The service's Spanish-language option (`spanish` in the base) in this language: the
    /// same numbers, keywords and addresses.
    pub spanish: Option<String>,
    /// The text option (`sms`) in this language's word order, where the base's wording does
    /// not read in it (`CONNECT to 686868`): the same numbers and keywords.
    pub sms: Option<String>,
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
            if digits(english) != digits(translated) {
                return Err(at(
                    english,
                    format!(
                        "the term `{english}` states the figures {:?} in translation, {:?} in the original",
                        digits(translated),
                        digits(english)
                    ),
                ));
            }
        }
        for (id, text) in &translation.resource {
            let Some(resource) = base.resources.get(id) else {
                return Err(at(
                    id,
                    format!("`{id}` is not a resource of content/facts.toml"),
                ));
            };
            let spanish = (resource.spanish.as_deref(), text.spanish.as_deref());
            match spanish {
                (Some(_), None) => Err(format!("`{id}` needs a translated `spanish`")),
                _ => check_literals(id, "spanish", spanish.0, spanish.1),
            }
            .and_then(|()| check_literals(id, "sms", resource.sms.as_deref(), text.sms.as_deref()))
            .and_then(|()| match (resource.scope.as_deref(), text.scope.as_deref()) {
                (Some(_), None) => Err(format!("`{id}` needs a translated `scope`")),
                (original, translated) => check_literals(id, "scope", original, translated),
            })
            .map_err(|message| {
                    at(id, message).with_hint(
                        "keep the service's numbers, keywords and addresses exactly as the fact base gives them",
                    )
                })?;
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

/// A translated way to reach a service (`spanish`, `sms`) translates one the base has, and
/// keeps every literal of the original: its figures, its keywords in capitals (`AYUDA`) and its
/// addresses.
fn check_literals(
    id: &str,
    field: &str,
    original: Option<&str>,
    translated: Option<&str>,
) -> Result<(), String> {
    match (original, translated) {
        (None, Some(_)) => Err(format!(
            "`{id}` has no `{field}` in the fact base to translate"
        )),
        (Some(original), Some(translated)) => {
            if digits(original) != digits(translated) {
                return Err(format!(
                    "the `{field}` of `{id}` states the figures {:?}, but the source states {:?}",
                    digits(translated),
                    digits(original)
                ));
            }
            let literal = |word: &&str| {
                word.contains('.') && word.chars().any(char::is_alphabetic)
                    || word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase())
            };
            let words = |text: &str| -> Vec<String> {
                text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                    .map(|w| w.trim_end_matches(['.', ':', ')']).to_string())
                    .collect()
            };
            let kept = words(translated);
            match words(original)
                .iter()
                .map(String::as_str)
                .filter(literal)
                .find(|w| !kept.iter().any(|k| k == w))
            {
                Some(missing) => Err(format!(
                    "the `{field}` of `{id}` does not keep `{missing}` as the source writes it"
                )),
                None => Ok(()),
            }
        }
        _ => Ok(()),
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
                if what != "attribution" && digits(original) != digits(translated) =>
            {
                return Err((
                    format!(
                        "the {what} of `{id}` states the figures {:?}, but the source states {:?}",
                        digits(translated),
                        digits(original)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> FactBase {
        FactBase::parse(&TomlFile {
            name: "content/facts.toml",
            text: include_str!("../../../content/facts.toml"),
        })
        .unwrap()
    }

    /// The Spanish wording with `from` replaced by `to`, checked against the base.
    fn spanish_changed(from: &str, to: &str) -> Result<Translation, String> {
        let original = include_str!("../../../content/es/facts.toml");
        assert!(original.contains(from), "the fixture `{from}` moved");
        let text = original.replacen(from, to, 1);
        Translation::parse(
            &TomlFile {
                name: "content/es/facts.toml",
                text: &text,
            },
            &base(),
        )
        .map_err(|e| e.to_string())
    }

    #[test]
    fn the_spanish_option_is_translated_keeping_its_numbers_keywords_and_address() {
        let spanish = spanish_changed("", "").unwrap();
        let option = spanish.resource["988"].spanish.as_deref().unwrap();
        assert!(option.contains("AYUDA") && option.contains("988lifeline.org/es/chat"));
        let line = "spanish = \"llame al 988 y marque 2, envíe AYUDA por SMS al 988 o chatee en 988lifeline.org/es/chat\"\n";
        let missing = spanish_changed(line, "").unwrap_err();
        assert!(
            missing.contains("988") && missing.contains("`spanish`"),
            "{missing}"
        );
        let keyword = spanish_changed("envíe AYUDA", "envíe ayuda").unwrap_err();
        assert!(keyword.contains("`AYUDA`"), "{keyword}");
        let address =
            spanish_changed("988lifeline.org/es/chat\"", "988lifeline.org\"").unwrap_err();
        assert!(address.contains("988lifeline.org/es/chat"), "{address}");
        let figure = spanish_changed("y marque 2,", "y marque 3,").unwrap_err();
        assert!(figure.contains("figures"), "{figure}");
        let keyword = spanish_changed("la palabra CONNECT", "la palabra CONECTAR").unwrap_err();
        assert!(
            keyword.contains("kids-help-phone") && keyword.contains("`CONNECT`"),
            "{keyword}"
        );
        let no_option = spanish_changed(
            "[resource.crisis-text-line]\n",
            "[resource.crisis-text-line]\nspanish = \"741741\"\n",
        )
        .unwrap_err();
        assert!(
            no_option.contains("no `spanish` in the fact base"),
            "{no_option}"
        );
    }

    #[test]
    fn every_new_entry_is_translated_with_its_figures() {
        let missing =
            spanish_changed("[fact.iwf-2023-boys]", "[fact.iwf-2023-boys-x]").unwrap_err();
        assert!(missing.contains("iwf-2023-boys"), "{missing}");
        let rounded = spanish_changed(
            "más de 36 millones de denuncias a la",
            "más de 35 millones de denuncias a la",
        )
        .unwrap_err();
        assert!(rounded.contains("ncmec-36-million-2023"), "{rounded}");
    }
}
