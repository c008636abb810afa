//! The build's one timestamp, which feeds Typst's `today`, the PDF metadata and every zip entry.
//!
//! It is the event date at 00:00 UTC, or `SOURCE_DATE_EPOCH` when set, so the same inputs
//! always give the same bytes.

use crate::error::Error;
use crate::load::event::Date;

/// The latest time every consumer can represent: 9999-12-31 23:59:59 UTC.
const MAX_SECONDS: i64 = 253_402_300_799;

/// Seconds since 1970-01-01 00:00 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildTime {
    pub unix_seconds: i64,
}

impl BuildTime {
    /// `SOURCE_DATE_EPOCH` if set and not empty, else the event date at midnight UTC.
    pub fn from_env(event_date: Date) -> Result<Self, Error> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) if !value.trim().is_empty() => Self::parse(&value),
            _ => Ok(BuildTime {
                unix_seconds: event_date.unix_seconds(),
            }),
        }
    }

    fn parse(value: &str) -> Result<Self, Error> {
        value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (0..=MAX_SECONDS).contains(s))
            .map(|unix_seconds| BuildTime { unix_seconds })
            .ok_or_else(|| {
                Error::usage(format!(
                    "SOURCE_DATE_EPOCH must be a number of seconds since 1970 up to {MAX_SECONDS}, not `{value}`"
                ))
                .with_hint("unset it to use the event date")
            })
    }

    /// The calendar date (UTC).
    pub fn date(self) -> Date {
        Date::from_unix_seconds(self.unix_seconds)
    }

    /// Hours, minutes and seconds of the day (UTC).
    pub fn time_of_day(self) -> (u8, u8, u8) {
        let secs = self.unix_seconds.rem_euclid(86_400);
        (
            (secs / 3600) as u8,
            (secs / 60 % 60) as u8,
            (secs % 60) as u8,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_bounds_source_date_epoch() {
        assert_eq!(BuildTime::parse("0").unwrap().unix_seconds, 0);
        assert_eq!(
            BuildTime::parse(" 1796256000 ").unwrap().date(),
            Date::new(2026, 12, 3).unwrap()
        );
        for bad in ["-1", "x", "99999999999999", "1.5"] {
            assert!(BuildTime::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            BuildTime::parse("253402300799").unwrap().date(),
            Date::new(9999, 12, 31).unwrap()
        );
        assert_eq!(BuildTime { unix_seconds: 3661 }.time_of_day(), (1, 1, 1));
    }
}
