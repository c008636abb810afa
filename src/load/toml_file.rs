//! Reading TOML files into checked structs, with errors that point at the line.
//!
//! Shared by the event file and the content files: serde does the shape (with
//! `deny_unknown_fields`), [`Text`] refuses values that cannot be printed safely, and every error
//! is turned into an [`Error`] with the file, line, column and offending line, plus a
//! "did you mean" hint for misspelt keys.

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};

use crate::error::{Error, Position, list_names, nearest};

/// The longest value a user may write in one field.
pub const MAX_TEXT_CHARS: usize = 300;

/// A TOML file's text together with the name used in messages.
pub struct TomlFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl TomlFile<'_> {
    /// Parses the file into `T`, mapping every failure to a located error.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Error> {
        toml::from_str(self.text).map_err(|err| self.convert(&err))
    }

    /// A located error at `span` in this file.
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::at(
            self.name,
            Some(Position::from_offset(self.text, span.start)),
            message,
        )
    }

    fn convert(&self, err: &toml::de::Error) -> Error {
        let position = err
            .span()
            .map(|s| Position::from_offset(self.text, s.start));
        let message = err.message().trim().to_string();
        if let Some((key, expected)) = parse_unknown_field(&message) {
            let mut error = Error::at(self.name, position, format!("unknown key `{key}`"));
            if let Some(near) = nearest(&key, expected.iter().map(String::as_str)) {
                error = error.with_hint(format!("did you mean `{near}`?"));
            }
            return error.with_note(format!(
                "the keys allowed here are {}",
                list_names(expected.iter().map(String::as_str))
            ));
        }
        if message.starts_with("missing field") {
            // serde points a missing key at the start of its table, which is not helpful.
            let message = message.replace("missing field", "missing key");
            return Error::at(self.name, None, message);
        }
        if message.contains("expected a TOML datetime") {
            return Error::at(
                self.name,
                position,
                format!("expected a calendar date; {message}"),
            )
            .with_hint("write the date without quotes, such as 2026-12-03");
        }
        Error::at(self.name, position, message)
    }
}

/// Splits serde's "unknown field `x`, expected one of `a`, `b`" into `x` and `[a, b]`.
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect::<Vec<_>>();
    Some((key.to_string(), expected))
}

/// A string that is safe to print: no control characters, at most [`MAX_TEXT_CHARS`]
/// characters, not blank. Checked while parsing, so the error points at the value.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Checks `value` and wraps it.
    pub fn new(value: &str) -> Result<Self, String> {
        check_text(value, MAX_TEXT_CHARS)?;
        Ok(Text(value.trim().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Text::new(&value).map_err(de::Error::custom)
    }
}

/// Bidirectional embedding and override controls, which reorder the text after them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The rules every printed value follows; `max_chars` lets long prose (speaker notes) through.
pub fn check_text(value: &str, max_chars: usize) -> Result<(), String> {
    if let Some(c) = value
        .chars()
        .find(|c| c.is_control() || is_bidi_control(*c))
    {
        return Err(format!(
            "this value contains a control character (U+{:04X}); write it on one line without tabs or special characters",
            c as u32
        ));
    }
    let count = value.chars().count();
    if count > max_chars {
        return Err(format!(
            "this value is {count} characters long; the limit is {max_chars}"
        ));
    }
    if value.trim().is_empty() {
        return Err("this value is empty; remove the key to leave it out".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Sample {
        #[allow(dead_code)]
        name: Text,
        #[allow(dead_code)]
        logo_alt: Option<Text>,
    }

    fn parse(text: &str) -> Result<Sample, Error> {
        TomlFile {
            name: "sample.toml",
            text,
        }
        .parse()
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let err = parse("name = \"a\"\nlogo-alts = \"b\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown key `logo-alts`"), "{err}");
        assert!(err.contains("sample.toml:2:1"), "{err}");
        assert!(err.contains("did you mean `logo-alt`?"), "{err}");
    }

    #[test]
    fn control_characters_and_long_values_are_refused_at_their_line() {
        let err = parse("name = \"a\\u0007b\"\n").unwrap_err().to_string();
        assert!(err.contains("control character"), "{err}");
        assert!(err.contains("sample.toml:1:"), "{err}");
        let long = "x".repeat(301);
        let err = parse(&format!("\nname = \"{long}\"\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("301 characters"), "{err}");
        assert!(err.contains("sample.toml:2:"), "{err}");
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let err = parse("name = \"a\"\nlogo-alt = \n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("sample.toml:2:"), "{err}");
    }
}
