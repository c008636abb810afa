//! `[parent-letter]` of an event file: when the student session starts and when the letter's
//! reply slip is due.

use serde::Deserialize;
use toml::Spanned;

use super::{Date, parse_date};
use crate::error::Error;
use crate::load::toml_file::TomlFile;

/// What the parent letter says about the student session besides the event's date and venue.
#[derive(Debug, Clone, Default)]
pub struct ParentLetter {
    /// The session's start as hours and minutes of a 24-hour clock.
    pub session_time: Option<(u8, u8)>,
    /// The date the reply slip is due; without one the letter has no slip.
    pub reply_by: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawParentLetter {
    session_time: Option<Spanned<String>>,
    reply_by: Option<Spanned<toml::value::Datetime>>,
}

/// `[parent-letter]`: a 24-hour start time (`"10:15"`) and a reply date before the session.
pub(super) fn parse(
    file: &TomlFile,
    raw: RawParentLetter,
    event_date: Date,
) -> Result<ParentLetter, Error> {
    let session_time = match raw.session_time {
        None => None,
        Some(value) => {
            let parsed = value.get_ref().split_once(':').and_then(|(h, m)| {
                // Digits only: `u8` would also read `+9`.
                let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
                if !digits(h) || !digits(m) {
                    return None;
                }
                let hours = h.parse::<u8>().ok().filter(|h| *h < 24)?;
                // Minutes with two digits: `10:05`, not `10:5`.
                let minutes = m.parse::<u8>().ok().filter(|n| *n < 60 && m.len() == 2)?;
                Some((hours, minutes))
            });
            Some(parsed.ok_or_else(|| {
                file.error_at(
                    value.span(),
                    format!(
                        "`parent-letter.session-time` must be a time of a 24-hour clock such as \"10:15\", not `{}`",
                        value.get_ref()
                    ),
                )
                .with_hint("write hours and minutes with a colon: session-time = \"13:30\"")
            })?)
        }
    };
    let reply_by = match raw.reply_by {
        None => None,
        Some(value) => {
            let span = value.span();
            let date = parse_date(file, value, "parent-letter.reply-by")?;
            if date >= event_date {
                return Err(file
                    .error_at(
                        span,
                        format!(
                            "`parent-letter.reply-by` ({date}) is not before the event ({event_date})"
                        ),
                    )
                    .with_hint(
                        "parents reply before the session: give a date before `date`",
                    ));
            }
            Some(date)
        }
    };
    Ok(ParentLetter {
        session_time,
        reply_by,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_str;

    #[test]
    fn the_parent_letter_needs_a_real_time_and_a_reply_date_before_the_event() {
        let event = |letter: &str| {
            parse_str(&format!(
                "organization = \"A\"\ndate = 2026-12-03\n[parent-letter]\n{letter}\n"
            ))
        };
        let ok = event("session-time = \"9:05\"\nreply-by = 2026-12-02").unwrap();
        assert_eq!(ok.parent_letter.session_time, Some((9, 5)));
        for bad in [
            "\"+9:30\"",
            "\"10:+5\"",
            "\"10:5\"",
            "\"24:00\"",
            "\"10h15\"",
        ] {
            let err = event(&format!("session-time = {bad}"))
                .unwrap_err()
                .to_string();
            assert!(err.contains("24-hour clock"), "{bad}: {err}");
        }
        let err = event("reply-by = 2026-12-03").unwrap_err().to_string();
        assert!(err.contains("not before the event"), "{err}");
        assert!(event("reply-by = 2026-02-30").is_err());
    }
}
