//! Checking the handouts a content file writes: file names, page counts, own words and facts.

use super::specs::HandoutSpec;
use super::words::{check_fact, check_own_words, check_words_to_say};
use crate::error::Error;
use crate::load::event::Audience;
use crate::load::facts::FactBase;
use crate::load::toml_file::TomlFile;

/// Handout file names the tool writes itself, which content may not reuse.
const RESERVED_HANDOUTS: &[&str] = &[
    "resource-card",
    "resources",
    "slides-3up",
    "feedback-form",
    "sign-in-sheet",
    "question-cards",
    "knowledge-check",
];

/// The beginnings of the school's paperwork's names (`poster-es-bw`, `parent-letter-fr`).
const RESERVED_PREFIXES: &[&str] = &["poster-", "parent-letter-"];

/// Checks every `[[handouts]]` entry.
pub fn check_handouts(
    file: &TomlFile,
    handouts: &[HandoutSpec],
    audience: Audience,
    base: &FactBase,
) -> Result<(), Error> {
    let mut files: Vec<&str> = Vec::new();
    for handout in handouts {
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
        let reserved = RESERVED_HANDOUTS.contains(&name)
            || RESERVED_PREFIXES.iter().any(|p| name.starts_with(p));
        if reserved || files.contains(&name) {
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
            if let Some(id) = &section.say {
                check_words_to_say(file, id, audience, base)?;
            }
        }
    }

    Ok(())
}
