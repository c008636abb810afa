//! The checks on a content file's own words and fact ids: printable, free of figures and
//! addresses (which must come from the fact base with their sources), and facts that may be
//! printed for the audience.

use toml::Spanned;

use crate::error::Error;
use crate::load::event::Audience;
use crate::load::facts::{Fact, FactBase};
use crate::load::toml_file::{TomlFile, check_text};

/// The longest speaker note, in characters.
pub const MAX_NOTES_CHARS: usize = 2000;

/// Looks up a fact id written in a content file, or explains at its position why it cannot
/// be printed.
pub fn check_fact<'a>(
    file: &TomlFile,
    id: &Spanned<String>,
    audience: Audience,
    base: &'a FactBase,
) -> Result<&'a Fact, Error> {
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

/// Looks up a fact whose headline is printed as the words to say (`say`, `disclosure-say`):
/// it must have one.
pub fn check_words_to_say(
    file: &TomlFile,
    id: &Spanned<String>,
    audience: Audience,
    base: &FactBase,
) -> Result<(), Error> {
    if check_fact(file, id, audience, base)?.headline.is_some() {
        return Ok(());
    }
    Err(file
        .error_at(
            id.span(),
            format!("fact `{}` has no `headline` to say", id.get_ref()),
        )
        .with_hint("the words to say are a fact's headline, set in bold on their own line"))
}

/// Checks the project's own words: printable, and free of figures and addresses, which must
/// come from the fact base so that their source is shown.
pub fn check_own_words(value: &str, max_chars: usize) -> Result<(), String> {
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
