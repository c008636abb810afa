//! The event file: what a presenter writes, checked once into an [`Event`].
//!
//! Everything later stages need is resolved here (a real date, a region, the audiences, the
//! paper, a decoded logo), so no later stage re-checks a raw string. Errors point at the file,
//! line and key.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, list_names, nearest};
use crate::toml_file::{Text, TomlFile};

/// The event file compiled into the binary: `examples/demo.toml`.
pub const DEMO_EVENT: &str = include_str!("../examples/demo.toml");

/// Where an event file came from; the directory resolves relative paths such as the logo.
#[derive(Debug, Clone)]
pub enum EventSource {
    Embedded,
    File(PathBuf),
}

impl EventSource {
    /// The name used in messages.
    pub fn display_name(&self) -> String {
        match self {
            EventSource::Embedded => "embedded:examples/demo.toml".to_string(),
            EventSource::File(path) => path.display().to_string(),
        }
    }

    fn base_dir(&self) -> PathBuf {
        match self {
            EventSource::Embedded => PathBuf::from("."),
            EventSource::File(path) => path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        }
    }
}

/// A checked event.
#[derive(Debug, Clone)]
pub struct Event {
    pub organization: Text,
    pub date: Date,
    pub venue: Option<Text>,
    pub region: Region,
    pub languages: Vec<Language>,
    pub audiences: Vec<Audience>,
    pub paper: Paper,
    pub title: Option<Text>,
    pub presenter: Option<Presenter>,
    pub contacts: Vec<Contact>,
    pub logo: Option<Logo>,
    pub accent: Option<Color>,
    /// The school's own reporting procedure for staff, printed verbatim (`[staff]`).
    pub reporting_steps: Vec<Text>,
    /// The organization folded to ASCII plus the date: the start of every zip name.
    pub slug: String,
}

impl Event {
    /// Every value of the event file that is printed, with the key it came from.
    pub fn printed_values(&self) -> Vec<(String, &str)> {
        let mut values: Vec<(String, Option<&Text>)> = vec![
            ("organization".into(), Some(&self.organization)),
            ("venue".into(), self.venue.as_ref()),
            ("title".into(), self.title.as_ref()),
        ];
        if let Some(p) = &self.presenter {
            values.push(("presenter.name".into(), Some(&p.name)));
            values.push(("presenter.role".into(), p.role.as_ref()));
            values.push(("presenter.email".into(), p.email.as_ref()));
            values.push(("presenter.phone".into(), p.phone.as_ref()));
        }
        for (i, c) in self.contacts.iter().enumerate() {
            let n = i + 1;
            values.push((format!("contact {n} name"), Some(&c.name)));
            values.push((format!("contact {n} role"), c.role.as_ref()));
            values.push((format!("contact {n} phone"), c.phone.as_ref()));
            values.push((format!("contact {n} email"), c.email.as_ref()));
            values.push((format!("contact {n} where"), c.location.as_ref()));
        }
        for (i, step) in self.reporting_steps.iter().enumerate() {
            values.push((format!("staff reporting step {}", i + 1), Some(step)));
        }
        values
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?.as_str())))
            .collect()
    }
}

/// Who presents.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Presenter {
    pub name: Text,
    pub role: Option<Text>,
    pub email: Option<Text>,
    pub phone: Option<Text>,
}

/// A local contact printed on the contacts slide and the resource card.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Contact {
    pub name: Text,
    pub role: Option<Text>,
    pub phone: Option<Text>,
    pub email: Option<Text>,
    #[serde(rename = "where")]
    pub location: Option<Text>,
}

/// A logo read from disk and checked to be the image its name claims.
#[derive(Debug, Clone)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub format: ImageFormat,
    pub alt: Text,
}

/// The image formats a logo may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Svg,
}

impl ImageFormat {
    /// The file extension used for the logo inside compiled documents.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Svg => "svg",
        }
    }
}

/// A calendar date checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Checks that the date exists in the Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Seconds since 1970-01-01 at 00:00 UTC of this date.
    pub fn unix_seconds(self) -> i64 {
        // Days from civil (Howard Hinnant's algorithm).
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }

    /// The date of a Unix time in seconds (UTC).
    pub fn from_unix_seconds(seconds: i64) -> Self {
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The English long form, e.g. `December 3, 2026`.
    pub fn long_english(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {}, {}",
            MONTHS[usize::from(self.month) - 1],
            self.day,
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

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

/// A colour given as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    pub rgb: [u8; 3],
}

/// The contrast text needs against its background (WCAG 2.1 AA, normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The backgrounds an accent is drawn on: the white page and the mist of callout boxes
/// (`decks/theme.typ`, `handouts/theme.typ`).
const ACCENT_BACKGROUNDS: [Color; 2] = [
    Color {
        rgb: [0xff, 0xff, 0xff],
    },
    Color {
        rgb: [0xf1, 0xf5, 0xf9],
    },
];

impl Color {
    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.rgb[0])
            + 0.7152 * channel(self.rgb[1])
            + 0.0722 * channel(self.rgb[2])
    }

    /// WCAG contrast ratio between two colours, 1 to 21.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The lowest contrast against the backgrounds the accent is used on.
    fn worst_contrast(self) -> f64 {
        ACCENT_BACKGROUNDS
            .iter()
            .map(|bg| self.contrast(*bg))
            .fold(f64::INFINITY, f64::min)
    }

    /// The same hue darkened just enough to pass on every background.
    pub fn nearest_readable(self) -> Color {
        (0..=100)
            .map(|step| {
                let keep = 1.0 - f64::from(step) / 100.0;
                Color {
                    rgb: self.rgb.map(|c| (f64::from(c) * keep).round() as u8),
                }
            })
            .find(|c| c.worst_contrast() >= MIN_CONTRAST)
            .unwrap_or(Color { rgb: [0, 0, 0] })
    }

    /// Parses `#rgb` or `#rrggbb`.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digits: Vec<u8> = match hex.len() {
            3 => hex
                .chars()
                .map(|c| c.to_digit(16).unwrap() as u8 * 17)
                .collect(),
            6 => (0..3)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                .collect(),
            _ => return None,
        };
        Some(Color {
            rgb: [digits[0], digits[1], digits[2]],
        })
    }

    /// The colour as `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.rgb[0], self.rgb[1], self.rgb[2])
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEvent {
    organization: Text,
    date: Spanned<toml::value::Datetime>,
    venue: Option<Text>,
    region: Option<Spanned<String>>,
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    audiences: Option<Spanned<Vec<Spanned<String>>>>,
    paper: Option<Spanned<String>>,
    title: Option<Text>,
    presenter: Option<Presenter>,
    #[serde(default)]
    contacts: Vec<Contact>,
    branding: Option<RawBranding>,
    staff: Option<RawStaff>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStaff {
    reporting_steps: Option<Spanned<Vec<Text>>>,
}

/// The most reporting steps a slide and a one-page protocol can hold.
pub const MAX_REPORTING_STEPS: usize = 6;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBranding {
    logo: Option<Spanned<Text>>,
    logo_alt: Option<Spanned<Text>>,
    accent: Option<Spanned<String>>,
}

/// Reads and checks an event file; `languages` are the codes a kit can be written in.
pub fn load(source: &EventSource, languages: &[String]) -> Result<Event, Error> {
    let text = match source {
        EventSource::Embedded => DEMO_EVENT.to_string(),
        EventSource::File(path) => {
            std::fs::read_to_string(path).map_err(|e| Error::io("read the event file", path, e))?
        }
    };
    let name = source.display_name();
    parse(
        &TomlFile {
            name: &name,
            text: &text,
        },
        &source.base_dir(),
        languages,
    )
}

/// Checks an event file's text; `base_dir` resolves the logo path, `languages` are the codes
/// a kit can be written in.
pub fn parse(file: &TomlFile, base_dir: &Path, languages: &[String]) -> Result<Event, Error> {
    let raw: RawEvent = file.parse()?;

    let date = {
        let span = raw.date.span();
        let value = raw.date.into_inner();
        let invalid = || {
            file.error_at(
                span.clone(),
                "`date` must be a calendar date such as 2026-12-03",
            )
            .with_hint("write the date without quotes and without a time: date = 2026-12-03")
        };
        match (value.date, value.time) {
            (Some(d), None) => Date::new(i32::from(d.year), d.month, d.day).ok_or_else(invalid)?,
            _ => return Err(invalid()),
        }
    };

    let region = match &raw.region {
        Some(v) => parse_named(file, v, "region", &Region::parse)?,
        None => Region::Us,
    };
    let languages = match &raw.languages {
        Some(list) => parse_list(file, list, "languages", &|text| {
            Language::parse_among(text, languages)
        })?,
        None => vec![Language::english()],
    };
    let audiences = match &raw.audiences {
        Some(list) => parse_list(file, list, "audiences", &Audience::parse)?,
        None => Audience::ALL.to_vec(),
    };
    let paper = match &raw.paper {
        Some(v) => parse_named(file, v, "paper", &Paper::parse)?,
        None => region.default_paper(),
    };

    let (logo, accent) = match raw.branding {
        None => (None, None),
        Some(branding) => {
            let accent = match branding.accent {
                Some(value) => {
                    let color = Color::parse(value.get_ref().trim()).ok_or_else(|| {
                        file.error_at(
                            value.span(),
                            format!(
                                "`accent` must be a hex colour such as \"#1f4e79\", not `{}`",
                                value.get_ref()
                            ),
                        )
                    })?;
                    let worst = color.worst_contrast();
                    if worst < MIN_CONTRAST {
                        let on_white = color.contrast(ACCENT_BACKGROUNDS[0]);
                        return Err(file
                            .error_at(
                                value.span(),
                                format!(
                                    "the accent `{}` is too light to read: {on_white:.2}:1 on white and {worst:.2}:1 on the callout background; text needs at least {MIN_CONTRAST}:1 (WCAG AA)",
                                    value.get_ref()
                                ),
                            )
                            .with_hint(format!(
                                "the nearest colour that passes is `{}`",
                                color.nearest_readable().hex()
                            )));
                    }
                    Some(color)
                }
                None => None,
            };
            let logo = match (branding.logo, branding.logo_alt) {
                (None, None) => None,
                (None, Some(alt)) => {
                    return Err(file
                        .error_at(alt.span(), "`logo-alt` is set but `logo` is not")
                        .with_hint(
                            "add `logo = \"file.png\"` to [branding] or remove `logo-alt`",
                        ));
                }
                (Some(logo), None) => {
                    return Err(file
                        .error_at(logo.span(), "`logo` needs a `logo-alt` text describing the image for screen readers")
                        .with_hint("add for example `logo-alt = \"Example Middle School crest\"` to [branding]"));
                }
                (Some(logo), Some(alt)) => {
                    Some(read_logo(file, &logo, alt.into_inner(), base_dir)?)
                }
            };
            (logo, accent)
        }
    };

    let reporting_steps = match raw.staff.and_then(|s| s.reporting_steps) {
        Some(steps) if steps.get_ref().len() > MAX_REPORTING_STEPS => {
            return Err(file
                .error_at(steps.span(), format!("`reporting-steps` has {} steps; at most {MAX_REPORTING_STEPS} fit on a slide", steps.get_ref().len()))
                .with_hint("merge steps, or keep the details in your school's own policy document"));
        }
        Some(steps) => steps.into_inner(),
        None => Vec::new(),
    };
    let slug = slug(raw.organization.as_str(), date);
    Ok(Event {
        organization: raw.organization,
        date,
        venue: raw.venue,
        region,
        languages,
        audiences,
        paper,
        title: raw.title,
        presenter: raw.presenter,
        contacts: raw.contacts,
        logo,
        accent,
        reporting_steps,
        slug,
    })
}

fn parse_named<T>(
    file: &TomlFile,
    value: &Spanned<String>,
    key: &str,
    parse: &dyn Fn(&str) -> Result<T, UnknownName>,
) -> Result<T, Error> {
    parse(value.get_ref()).map_err(|UnknownName { valid, hint }| {
        let mut error = file
            .error_at(value.span(), format!("unknown {key} `{}`", value.get_ref()))
            .with_note(valid);
        if let Some(hint) = hint {
            error = error.with_hint(hint);
        }
        error
    })
}

fn parse_list<T: PartialEq>(
    file: &TomlFile,
    list: &Spanned<Vec<Spanned<String>>>,
    key: &str,
    parse: &dyn Fn(&str) -> Result<T, UnknownName>,
) -> Result<Vec<T>, Error> {
    let singular = key.trim_end_matches('s');
    let mut out = Vec::new();
    for value in list.get_ref() {
        let item = parse_named(file, value, singular, parse)?;
        if out.contains(&item) {
            return Err(file.error_at(
                value.span(),
                format!(
                    "{singular} `{}` is listed twice in `{key}`",
                    value.get_ref()
                ),
            ));
        }
        out.push(item);
    }
    if out.is_empty() {
        return Err(file
            .error_at(list.span(), format!("`{key}` is empty"))
            .with_hint(format!(
                "list at least one, or remove `{key}` to use the default"
            )));
    }
    Ok(out)
}

fn read_logo(
    file: &TomlFile,
    logo: &Spanned<Text>,
    alt: Text,
    base_dir: &Path,
) -> Result<Logo, Error> {
    let relative = Path::new(logo.get_ref().as_str());
    let path = base_dir.join(relative);
    let located = |message: String| file.error_at(logo.span(), message);
    let bytes = std::fs::read(&path).map_err(|e| {
        located(format!("cannot read the logo `{}`: {e}", path.display()))
            .with_hint("the logo path is relative to the event file")
    })?;
    let extension = relative
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match extension.as_str() {
        "png" => ImageFormat::Png,
        "jpg" | "jpeg" => ImageFormat::Jpeg,
        "svg" => ImageFormat::Svg,
        _ => {
            return Err(located(format!(
                "the logo `{}` must be a PNG, JPEG or SVG file",
                relative.display()
            ))
            .with_hint("use a file ending in .png, .jpg, .jpeg or .svg"));
        }
    };
    let problem = match format {
        ImageFormat::Png => image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
            .err()
            .map(|e| e.to_string()),
        ImageFormat::Jpeg => image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg)
            .err()
            .map(|e| e.to_string()),
        ImageFormat::Svg => match usvg::Tree::from_data(&bytes, &usvg::Options::default()) {
            Err(e) => Some(e.to_string()),
            Ok(_) => svg_external_reference(&String::from_utf8_lossy(&bytes)).map(|href| {
                format!("it refers to another file (`{href}`), which the kit cannot carry")
            }),
        },
    };
    if let Some(problem) = problem {
        return Err(located(format!(
            "the logo `{}` is not a valid {} image: {problem}",
            relative.display(),
            extension.to_uppercase()
        ))
        .with_hint("open the file in an image viewer, or export it again as PNG"));
    }
    Ok(Logo { bytes, format, alt })
}

/// The first `href` of an SVG that points outside the file (not `#id`, not `data:`).
fn svg_external_reference(svg: &str) -> Option<String> {
    svg.match_indices("href").find_map(|(at, _)| {
        let rest = svg[at + 4..].trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = rest[1..].split(quote).next()?.trim();
        (!value.starts_with('#') && !value.starts_with("data:")).then(|| value.to_string())
    })
}

/// Folds an organization name and date into a file-name prefix: lowercase ASCII, accents
/// dropped, other runs of characters turned into one `-`, at most 40 characters, then the date.
pub fn slug(organization: &str, date: Date) -> String {
    let mut folded = String::new();
    for c in organization.nfkd() {
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // An accent of the previous letter: drop it.
        } else if !folded.ends_with('-') {
            folded.push('-');
        }
    }
    let mut name: String = folded.trim_matches('-').chars().take(40).collect();
    name = name.trim_end_matches('-').to_string();
    if name.is_empty() {
        name = "event".to_string();
    }
    format!("{name}-{date}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Event, Error> {
        parse(
            &TomlFile {
                name: "event.toml",
                text,
            },
            Path::new("."),
            &["en".to_string(), "es".to_string()],
        )
    }

    #[test]
    fn demo_event_loads_with_defaults() {
        let event = load(&EventSource::Embedded, &["en".to_string()]).unwrap();
        assert_eq!(event.languages, vec![Language::english()]);
        assert_eq!(event.audiences, Audience::ALL.to_vec());
        assert!(event.logo.is_none());
    }

    #[test]
    fn defaults_follow_region() {
        let event =
            parse_str("organization = \"A\"\ndate = 2026-12-03\nregion = \"UK\"\n").unwrap();
        assert_eq!(event.paper, Paper::A4);
        assert_eq!(event.region, Region::Uk);
        assert_eq!(event.slug, "a-2026-12-03");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(300))]

        /// Any string in any text field loads or is refused with a located error: never a
        /// panic, and an accepted value is kept as written (apart from surrounding spaces).
        #[test]
        fn arbitrary_text_in_every_field_loads_or_fails_cleanly(
            values in proptest::collection::vec("\\PC{0,40}|[\\x00-\\x1f\\u{202e}\\\\\"'#=\\[\\]{}$*_/-]{0,12}|.{290,310}", 9)
        ) {
            let q = |s: &str| toml::Value::String(s.to_string()).to_string();
            let text = format!(
                "organization = {}\ndate = 2026-12-03\nvenue = {}\ntitle = {}\n[presenter]\nname = {}\nrole = {}\nemail = {}\n[[contacts]]\nname = {}\nwhere = {}\n[staff]\nreporting-steps = [{}]\n",
                q(&values[0]), q(&values[1]), q(&values[2]), q(&values[3]), q(&values[4]), q(&values[5]), q(&values[6]), q(&values[7]), q(&values[8]),
            );
            match parse_str(&text) {
                Ok(event) => {
                    proptest::prop_assert_eq!(event.organization.as_str(), values[0].trim());
                    proptest::prop_assert_eq!(event.contacts[0].name.as_str(), values[6].trim());
                    proptest::prop_assert_eq!(event.reporting_steps[0].as_str(), values[8].trim());
                }
                Err(error) => {
                    let message = error.to_string();
                    proptest::prop_assert!(message.contains("event.toml:"), "{}", message);
                }
            }
        }
    }

    #[test]
    fn languages_are_the_ones_with_a_translation_table() {
        let event =
            parse_str("organization = \"A\"\ndate = 2026-12-03\nlanguages = [\"en\", \"es\"]\n")
                .unwrap();
        assert_eq!(
            event
                .languages
                .iter()
                .map(Language::as_str)
                .collect::<Vec<_>>(),
            ["en", "es"]
        );
        let err = parse_str("organization = \"A\"\ndate = 2026-12-03\nlanguages = [\"fr\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown language `fr`")
                && err.contains("event.toml:3:")
                && err.contains("`en` and `es`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_region_lists_valid_ones() {
        let err = parse_str("organization = \"A\"\ndate = 2026-12-03\nregion = \"USA\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown region `USA`"), "{err}");
        assert!(err.contains("event.toml:3:"), "{err}");
        assert!(err.contains("`US`, `CA`, `UK` and `AU`"), "{err}");
    }

    #[test]
    fn unknown_audience_is_located() {
        let err = parse_str(
            "organization = \"A\"\ndate = 2026-12-03\naudiences = [\"parents\", \"teen\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown audience `teen`"), "{err}");
        assert!(err.contains("did you mean `teens`?"), "{err}");
    }

    #[test]
    fn invalid_dates_are_refused() {
        for bad in ["2026-02-30", "\"2026-12-03\"", "2026-12-03T10:00:00"] {
            let err = parse_str(&format!("organization = \"A\"\ndate = {bad}\n"))
                .unwrap_err()
                .to_string();
            assert!(err.contains("event.toml:2:"), "{bad}: {err}");
        }
    }

    #[test]
    fn slug_folds_accents_and_punctuation() {
        let date = Date::new(2026, 12, 3).unwrap();
        assert_eq!(
            slug("École Saint-Éloi PTA!!", date),
            "ecole-saint-eloi-pta-2026-12-03"
        );
        assert_eq!(slug("  ###  ", date), "event-2026-12-03");
        let long = slug(&"Abcdefghij ".repeat(10), date);
        assert_eq!(long, "abcdefghij-abcdefghij-abcdefghij-abcdefg-2026-12-03");
    }

    #[test]
    fn unix_seconds_round_trip() {
        let date = Date::new(2026, 12, 3).unwrap();
        assert_eq!(date.unix_seconds(), 1_796_256_000);
        assert_eq!(Date::from_unix_seconds(1_796_256_000 + 3600), date);
        assert_eq!(Date::new(1970, 1, 1).unwrap().unix_seconds(), 0);
    }

    #[test]
    fn svg_logos_may_not_refer_to_other_files() {
        let linked = r##"<svg xmlns="http://www.w3.org/2000/svg"><image href="photo.png"/></svg>"##;
        assert_eq!(svg_external_reference(linked).as_deref(), Some("photo.png"));
        let inline =
            r##"<svg><use xlink:href="#a"/><image href='data:image/png;base64,AA'/></svg>"##;
        assert_eq!(svg_external_reference(inline), None);
    }

    #[test]
    fn accent_contrast_follows_wcag() {
        let white = Color::parse("#ffffff").unwrap();
        assert!((Color::parse("#000000").unwrap().contrast(white) - 21.0).abs() < 0.01);
        assert!((Color::parse("#ffff00").unwrap().contrast(white) - 1.07).abs() < 0.01);
        let teal = Color::parse("#0F766E").unwrap();
        assert!(teal.worst_contrast() >= MIN_CONTRAST);
        let fixed = Color::parse("#ffff00").unwrap().nearest_readable();
        assert!(
            fixed.worst_contrast() >= MIN_CONTRAST && fixed.rgb[2] == 0,
            "{}",
            fixed.hex()
        );
        let err = parse_str(
            "organization = \"A\"\ndate = 2026-12-03\n[branding]\naccent = \"#ffff00\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("event.toml:4:")
                && err.contains("1.07:1")
                && err.contains("nearest colour that passes"),
            "{err}"
        );
    }

    #[test]
    fn colours_parse() {
        assert_eq!(Color::parse("#1F4E79").unwrap().hex(), "#1f4e79");
        assert_eq!(Color::parse("#fff").unwrap().rgb, [255, 255, 255]);
        assert!(Color::parse("1f4e79").is_none());
        assert!(Color::parse("#12345g").is_none());
    }
}
