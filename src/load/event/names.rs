//! The closed sets of names an event file may use (audiences, regions, paper) and the open
//! set of languages (those with a translation table), each parsed with a list of valid names.

use std::fmt;

use serde::Serialize;

use crate::error::{list_names, nearest};

/// Why a name is not one of a closed set: the valid names, and the nearest one if close.
#[derive(Debug)]
pub struct UnknownName {
    pub valid: String,
    pub hint: Option<String>,
}

/// Declares a closed set of names that the event file may use, with parsing that lists the
/// valid names on error.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in a fixed order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name as written in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses a name, or explains which names are valid.
            pub fn parse(text: &str) -> Result<Self, UnknownName> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => {
                        let names = Self::ALL.iter().map(|v| v.as_str());
                        let hint = nearest(text, names.clone()).map(|n| format!("did you mean `{n}`?"));
                        Err(UnknownName { valid: format!("the valid values are {}", list_names(names)), hint })
                    }
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// The audiences a kit is made for.
    Audience { Parents = "parents", Teens = "teens", Staff = "staff" }
);
named_enum!(
    /// The regions whose reporting channels the fact base knows.
    Region { Us = "US", Ca = "CA", Uk = "UK", Au = "AU" }
);
/// A language a kit can be written in: one with a translation table (`content/i18n/<code>.toml`),
/// so that adding a language needs content files and no code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language(String);

impl Language {
    /// English, the language of the embedded demo and the default.
    pub fn english() -> Self {
        Language("en".to_string())
    }

    /// Parses a code that must be one of `available`.
    pub fn parse_among(text: &str, available: &[String]) -> Result<Self, UnknownName> {
        if available.iter().any(|a| a == text) {
            return Ok(Language(text.to_string()));
        }
        let names = available.iter().map(String::as_str);
        let hint = nearest(text, names.clone()).map(|n| format!("did you mean `{n}`?"));
        Err(UnknownName {
            valid: format!(
                "the languages with a translation table (content/i18n/<code>.toml) are {}",
                list_names(names)
            ),
            hint,
        })
    }

    /// The code, e.g. `en` or `es`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is English, whose content sits directly in content/.
    pub fn is_english(&self) -> bool {
        self.0 == "en"
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
named_enum!(
    /// The paper handouts are printed on.
    Paper { Letter = "letter", A4 = "a4" }
);

impl Region {
    /// The paper schools in this region print on.
    pub fn default_paper(self) -> Paper {
        match self {
            Region::Us | Region::Ca => Paper::Letter,
            Region::Uk | Region::Au => Paper::A4,
        }
    }
}

impl Paper {
    /// Typst's name for the paper size.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::Letter => "us-letter",
            Paper::A4 => "a4",
        }
    }

    /// Typst's name for the large poster paper that goes with it: tabloid (11 x 17 in) with
    /// letter, A3 with A4.
    pub fn large_typst_name(self) -> &'static str {
        match self {
            Paper::Letter => "us-tabloid",
            Paper::A4 => "a3",
        }
    }
}

impl Audience {
    /// How the audience is named in titles and messages.
    pub fn label(self) -> &'static str {
        match self {
            Audience::Parents => "Parents and caregivers",
            Audience::Teens => "Teens",
            Audience::Staff => "School staff",
        }
    }
}
