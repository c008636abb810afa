//! The fixed words of a kit's language (`content/i18n/<lang>.toml`), checked once on load.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::load::assets::Assets;
use crate::load::content;
use crate::load::event::{Language, Region};
use crate::load::toml_file::TomlFile;

/// Fixed words in a kit's language, by key (`content/i18n/<lang>.toml`).
pub type Labels = BTreeMap<String, serde_json::Value>;

/// How many words a speaker note may have in this language (`notes-words` in the translation
/// table; other languages run longer than English).
pub fn notes_words(labels: &Labels) -> std::ops::RangeInclusive<usize> {
    let bound = |i: usize, default: usize| {
        labels
            .get("notes-words")
            .and_then(|v| v.get(i))
            .and_then(|v| v.as_u64())
            .map_or(default, |v| v as usize)
    };
    let english = content::NOTES_WORDS;
    bound(0, *english.start())..=bound(1, *english.end())
}

/// The fixed words of present.html's page (`{{present-now}}` in page.html).
pub const PRESENT_PAGE_WORDS: [&str; 11] = [
    "present-view",
    "present-now",
    "present-next",
    "present-audience-blanked",
    "present-keys",
    "present-help-move",
    "present-help-jump",
    "present-help-presenter",
    "present-blocked",
    "present-open",
    "present-close",
];

/// The phrases the script writes (`say("present-over", ...)` in present.js).
pub const PRESENT_SCRIPT_WORDS: [&str; 8] = [
    "present-position",
    "present-planned",
    "present-elapsed",
    "present-not-started",
    "present-over",
    "present-screen-blanked",
    "present-status",
    "present-goto",
];

/// Loads and checks the translation table of `language`.
pub fn load_labels(assets: &Assets, language: &Language) -> Result<Labels, Error> {
    let asset = assets.get(&format!("content/i18n/{}.toml", language.as_str()))?;
    let table: BTreeMap<String, toml::Value> = TomlFile {
        name: &asset.name,
        text: &asset.text,
    }
    .parse()?;
    let labels: Labels = table
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                serde_json::to_value(v).expect("TOML values convert to JSON"),
            )
        })
        .collect();
    let regions = crate::load::event::Region::ALL
        .iter()
        .map(|r| format!("region-{r}"));
    let required = [
        "sources",
        "local-contacts",
        "sheet-heading",
        "figures",
        "guidance",
        "date-format",
        "undated",
        "region-fact",
        "chart",
        "questions",
        "help-lines",
        "check-true",
        "check-false",
        "check-notes-first",
        "check-notes-last",
        "time-format",
        "thousands",
        "decimal",
        "am",
        "pm",
        "file-poster",
        "file-poster-large",
        "file-poster-bw",
        "file-parent-letter",
        "poster-title",
        "poster-what-to-do",
        "poster-report",
        "poster-talk",
        "poster-takedown",
        "poster-local",
        "letter-title",
        "letter-time",
        "letter-return-by",
        "letter-student",
        "letter-parent",
        "letter-cut",
        "check-title",
        "check-before",
        "check-after",
        "check-intro",
        "check-heading",
        "check-how",
        "check-question",
        "check-answer",
        "check-right-before",
        "check-right-after",
        "check-returned",
        "cut-here",
        "file-handouts/knowledge-check.pdf",
    ]
    .map(str::to_string);
    let present = PRESENT_PAGE_WORDS
        .iter()
        .chain(&PRESENT_SCRIPT_WORDS)
        .map(|k| k.to_string());
    for key in required.into_iter().chain(regions).chain(present) {
        if !labels.get(&key).is_some_and(|v| v.is_string()) {
            return Err(Error::at(
                asset.name.as_str(),
                None,
                format!("the translation table has no text for `{key}`"),
            ));
        }
    }
    let months = labels.get("months").and_then(|m| m.as_array());
    if months.is_none_or(|m| m.len() != 12 || !m.iter().all(|v| v.is_string())) {
        return Err(Error::at(
            asset.name.as_str(),
            None,
            "the translation table needs `months`: the twelve month names",
        ));
    }
    Ok(labels)
}

/// A fixed word; every key used here is checked to exist when the table is loaded.
pub fn label(labels: &Labels, key: &str) -> String {
    labels
        .get(key)
        .and_then(|v| v.as_str())
        .expect("required labels are checked when the table is loaded")
        .to_string()
}

/// The words of `region` in this language (`[region-words.<region>]` of the translation table),
/// with `grades` written as the region says it ("grades 6 to 8", "Years 6 to 8").
pub fn region_words(
    labels: &Labels,
    region: Region,
    grades: (u8, u8),
    table_name: &str,
) -> Result<BTreeMap<String, String>, Error> {
    let missing = || {
        Error::at(
            table_name,
            None,
            format!("the translation table has no `[region-words.{region}]`"),
        )
        .with_hint("every language gives the words of every region: US, CA, UK and AU")
    };
    let table = labels
        .get("region-words")
        .and_then(|t| t.get(region.as_str()))
        .and_then(|t| t.as_object())
        .ok_or_else(missing)?;
    Ok(table
        .iter()
        .filter_map(|(key, value)| Some((key.clone(), value.as_str()?.to_string())))
        .map(|(key, word)| {
            let word = word
                .replace("{from}", &grades.0.to_string())
                .replace("{to}", &grades.1.to_string());
            (key, word)
        })
        .collect())
}
