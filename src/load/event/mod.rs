//! The event file: what a presenter writes, checked once into an [`Event`].
//!
//! Everything later stages need is resolved here (a real date, a region, the audiences, the
//! paper, a decoded logo), so no later stage re-checks a raw string. Errors point at the file,
//! line and key.

mod branding;
mod color;
mod date;
mod letter;
mod names;
mod slug;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use branding::Logo;
pub use color::Color;
pub use date::Date;
pub use letter::ParentLetter;
pub use names::{Audience, Language, Paper, Region, UnknownName};
pub use slug::slug;

use crate::error::{Error, Position, Relocation};
use crate::load::roster::Origin;
use crate::load::toml_file::{Text, TomlFile};

/// The event file compiled into the binary: `examples/demo.toml`.
pub const DEMO_EVENT: &str = include_str!("../../../examples/demo.toml");

/// Where an event file came from; the directory resolves relative paths such as the logo.
#[derive(Debug, Clone)]
pub enum EventSource {
    Embedded,
    File(PathBuf),
    /// A row of a roster (`--roster schools.csv`).
    Row(Box<crate::load::roster::RosterRow>),
}

impl EventSource {
    /// The name used in messages.
    pub fn display_name(&self) -> String {
        match self {
            EventSource::Embedded => "embedded:examples/demo.toml".to_string(),
            EventSource::File(path) => path.display().to_string(),
            EventSource::Row(row) => format!("{}:{}", row.file, row.row),
        }
    }

    /// Whether this run builds the event (a roster row outside the run's shard is only
    /// checked).
    pub fn selected(&self) -> bool {
        match self {
            EventSource::Row(row) => row.selected,
            _ => true,
        }
    }

    fn base_dir(&self) -> PathBuf {
        match self {
            EventSource::Embedded => PathBuf::from("."),
            EventSource::File(path) => path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            EventSource::Row(row) => row.base_dir.clone(),
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
    /// The state or provincial child-abuse hotline (`[staff.report-line]`).
    pub report_line: Option<ReportLine>,
    /// The person the school designates for reports (`[staff.designated-reporter]`).
    pub designated_reporter: Option<DesignatedReporter>,
    /// The grades of the teens session, first and last (`grades = "6-8"`; default 7 to 12).
    pub grades: (u8, u8),
    /// The local or state law-enforcement contact the school poster prints
    /// (`[law-enforcement]`).
    pub law_enforcement: Option<LawEnforcement>,
    /// The student session's start and the reply slip's due date (`[parent-letter]`).
    pub parent_letter: ParentLetter,
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
        if let Some(line) = &self.report_line {
            values.push(("staff.report-line.name".into(), Some(&line.name)));
            values.push(("staff.report-line.phone".into(), Some(&line.phone)));
        }
        if let Some(police) = &self.law_enforcement {
            values.push(("law-enforcement.name".into(), Some(&police.name)));
            values.push(("law-enforcement.phone".into(), police.phone.as_ref()));
            values.push(("law-enforcement.web".into(), police.web.as_ref()));
        }
        if let Some(person) = &self.designated_reporter {
            values.push(("staff.designated-reporter.name".into(), Some(&person.name)));
            values.push((
                "staff.designated-reporter.role".into(),
                person.role.as_ref(),
            ));
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

/// A child-abuse hotline of the state or province, printed for staff.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReportLine {
    pub name: Text,
    pub phone: Text,
}

/// The person a school designates to receive reports, printed for staff.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DesignatedReporter {
    pub name: Text,
    pub role: Option<Text>,
}

/// The local or state law-enforcement contact on the school poster: the police a student or
/// family can call about a crime, beside the federal channels of the fact base.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LawEnforcement {
    pub name: Text,
    pub phone: Option<Text>,
    pub web: Option<Text>,
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
    grades: Option<Spanned<String>>,
    presenter: Option<Presenter>,
    #[serde(default)]
    contacts: Vec<Contact>,
    branding: Option<branding::RawBranding>,
    staff: Option<RawStaff>,
    law_enforcement: Option<LawEnforcement>,
    parent_letter: Option<letter::RawParentLetter>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStaff {
    reporting_steps: Option<Spanned<Vec<Text>>>,
    report_line: Option<ReportLine>,
    designated_reporter: Option<DesignatedReporter>,
}

/// The most reporting steps a slide and a one-page protocol can hold.
pub const MAX_REPORTING_STEPS: usize = 6;

/// Reads and checks an event file; `languages` are the codes a kit can be written in.
pub fn load(source: &EventSource, languages: &[String]) -> Result<Event, Error> {
    let text = match source {
        EventSource::Embedded => DEMO_EVENT.to_string(),
        EventSource::File(path) => {
            std::fs::read_to_string(path).map_err(|e| Error::io("read the event file", path, e))?
        }
        EventSource::Row(row) => row.text.clone(),
    };
    let name = source.display_name();
    let event = parse(
        &TomlFile {
            name: &name,
            text: &text,
        },
        &source.base_dir(),
        languages,
    );
    match source {
        // The row's text is ours, not the user's: say the row and the column instead.
        EventSource::Row(row) => event.map_err(|e| {
            e.at_roster_row(&name, |line| {
                match row.columns.get(line.wrapping_sub(1)).cloned().flatten()? {
                    Origin::Column(column) => Some(Relocation::Column(column)),
                    Origin::Shared(line) => row.shared.as_ref().map(|shared| Relocation::Line {
                        file: shared.name.clone(),
                        position: Position::at_line(&shared.text, line, 1),
                    }),
                }
            })
        }),
        _ => event,
    }
}

/// Checks an event file's text; `base_dir` resolves the logo path, `languages` are the codes
/// a kit can be written in.
pub fn parse(file: &TomlFile, base_dir: &Path, languages: &[String]) -> Result<Event, Error> {
    let raw: RawEvent = file.parse()?;

    let date = parse_date(file, raw.date, "date")?;

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
        Some(branding) => branding::parse(file, branding, base_dir)?,
    };

    let grades = match &raw.grades {
        Some(value) => parse_grades(file, value)?,
        None => DEFAULT_GRADES,
    };
    let (report_line, designated_reporter) = raw.staff.as_ref().map_or((None, None), |s| {
        (s.report_line.clone(), s.designated_reporter.clone())
    });
    let reporting_steps = parse_staff(file, raw.staff)?;
    let parent_letter = match raw.parent_letter {
        Some(raw) => letter::parse(file, raw, date)?,
        None => ParentLetter::default(),
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
        report_line,
        designated_reporter,
        grades,
        law_enforcement: raw.law_enforcement,
        parent_letter,
        slug,
    })
}

/// A date of the event file (`key`): a TOML date without a time, that exists in the calendar.
fn parse_date(
    file: &TomlFile,
    value: Spanned<toml::value::Datetime>,
    key: &str,
) -> Result<Date, Error> {
    let span = value.span();
    let value = value.into_inner();
    let invalid = || {
        file.error_at(
            span.clone(),
            format!("`{key}` must be a calendar date such as 2026-12-03"),
        )
        .with_hint(format!(
            "write the date without quotes and without a time: {key} = 2026-12-03"
        ))
    };
    match (value.date, value.time) {
        (Some(d), None) => Date::new(i32::from(d.year), d.month, d.day).ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

/// The grades of a teens session when the event names none.
pub const DEFAULT_GRADES: (u8, u8) = (7, 12);

/// `grades = "6-8"`: two school grades (1 to 13) with a hyphen, the first not after the last.
fn parse_grades(file: &TomlFile, value: &Spanned<String>) -> Result<(u8, u8), Error> {
    let grade = |s: &str| s.trim().parse::<u8>().ok().filter(|g| (1..=13).contains(g));
    let parsed = value
        .get_ref()
        .split_once('-')
        .and_then(|(a, b)| Some((grade(a)?, grade(b)?)))
        .filter(|(a, b)| a <= b);
    parsed.ok_or_else(|| {
        file.error_at(
            value.span(),
            format!(
                "`grades` must be two grades with a hyphen, such as \"6-8\", not `{}`",
                value.get_ref()
            ),
        )
        .with_hint(
            "write the first and the last grade of the students, from 1 to 13: grades = \"9-12\"",
        )
    })
}

/// The school's own reporting steps from `[staff]`: at most as many as a slide holds.
fn parse_staff(file: &TomlFile, staff: Option<RawStaff>) -> Result<Vec<Text>, Error> {
    match staff.and_then(|s| s.reporting_steps) {
        Some(steps) if steps.get_ref().len() > MAX_REPORTING_STEPS => Err(file
            .error_at(
                steps.span(),
                format!(
                    "`reporting-steps` has {} steps; at most {MAX_REPORTING_STEPS} fit on a slide",
                    steps.get_ref().len()
                ),
            )
            .with_hint("merge steps, or keep the details in your school's own policy document")),
        Some(steps) => Ok(steps.into_inner()),
        None => Ok(Vec::new()),
    }
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

#[cfg(test)]
mod tests {
    use super::color::MIN_CONTRAST;
    use super::*;

    pub(super) fn parse_str(text: &str) -> Result<Event, Error> {
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
        assert_eq!(
            branding::svg_external_reference(linked).as_deref(),
            Some("photo.png")
        );
        let inline =
            r##"<svg><use xlink:href="#a"/><image href='data:image/png;base64,AA'/></svg>"##;
        assert_eq!(branding::svg_external_reference(inline), None);
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
