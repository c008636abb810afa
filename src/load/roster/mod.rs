//! A roster of schools (`--roster schools.csv`): one event a row, its columns the event file's
//! keys, for a district or state office that keeps its schools in a spreadsheet.
//!
//! Each row becomes the text of an event file, checked by the same loader as a file, and an
//! error is told at the row (as a spreadsheet numbers it: the header is row 1) and the column.

pub mod shared;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, nearest};
pub use shared::Shared;

/// One data row of a roster as an event file's text.
#[derive(Debug, Clone)]
pub struct RosterRow {
    /// `schools.csv`, as messages name it.
    pub file: String,
    /// The row as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// The folder the roster is in: relative paths (a logo) are found from there.
    pub base_dir: PathBuf,
    /// The event file the row stands for: the shared settings' keys, then the row's.
    pub text: String,
    /// For each line of `text`, where it came from.
    pub columns: Vec<Option<Origin>>,
    /// The settings every row shares (`--event` beside `--roster`), if any.
    pub shared: Option<Arc<Shared>>,
    /// Whether this run builds the row (its shard); every row is checked either way.
    pub selected: bool,
}

/// The part of a roster one machine builds: data rows r (from 1) with (r - 1) mod `count` =
/// `index` - 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// `I/N` with 1 <= I <= N.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let parsed = text.split_once('/').and_then(|(i, n)| {
            let (index, count) = (i.trim().parse().ok()?, n.trim().parse().ok()?);
            (1..=count)
                .contains(&index)
                .then_some(Shard { index, count })
        });
        parsed.ok_or_else(|| {
            Error::usage(format!("`--shard {text}` is not a shard such as 2/8"))
                .with_hint("write I/N: this machine's number I (from 1) of N machines")
        })
    }

    /// The shard of a Kubernetes Indexed Job's pod: its 0-based `JOB_COMPLETION_INDEX` + 1 of
    /// `count`.
    pub fn from_env(count: usize) -> Result<Self, Error> {
        let value = std::env::var("JOB_COMPLETION_INDEX").map_err(|_| {
            Error::usage("--shard-from-env needs JOB_COMPLETION_INDEX (0-based) in the environment")
                .with_hint("a Kubernetes Indexed Job sets it; elsewhere use --shard I/N")
        })?;
        let index: usize = value.trim().parse().map_err(|_| {
            Error::usage(format!("JOB_COMPLETION_INDEX is `{value}`, not a number"))
        })?;
        Shard::parse(&format!("{}/{count}", index + 1)).map_err(|_| {
            Error::usage(format!(
                "JOB_COMPLETION_INDEX {index} is not a shard of --shards {count} (0 to {})",
                count.saturating_sub(1)
            ))
        })
    }

    fn selects(self, data_row: usize) -> bool {
        (data_row - 1) % self.count == self.index - 1
    }
}

/// Where a line of a row's event text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The roster's column of this name.
    Column(String),
    /// This line of the shared event file.
    Shared(usize),
}

/// What a column holds.
enum Kind {
    Text,
    /// A TOML date without quotes.
    Date,
    /// Space-separated names, as a list.
    List,
}

/// Where a column goes in the event file: its table (`""` for the top level) and key.
struct Place {
    table: String,
    key: String,
    kind: Kind,
}

/// The most local contacts a roster row may give (`contact-1-...` to `contact-9-...`).
const MAX_CONTACTS: usize = 9;

/// The event file's place of a roster column, or `None` for an unknown column.
fn place(column: &str) -> Option<Place> {
    let at = |table: &str, key: &str, kind| {
        Some(Place {
            table: table.to_string(),
            key: key.to_string(),
            kind,
        })
    };
    match column {
        "organization" | "venue" | "region" | "paper" | "title" | "grades" => {
            at("", column, Kind::Text)
        }
        "date" => at("", "date", Kind::Date),
        "languages" | "audiences" => at("", column, Kind::List),
        _ => {
            for (prefix, table) in [
                ("presenter-", "presenter"),
                ("law-enforcement-", "law-enforcement"),
                ("branding-", "branding"),
                ("staff-report-line-", "staff.report-line"),
                ("staff-designated-reporter-", "staff.designated-reporter"),
            ] {
                if let Some(key) = column.strip_prefix(prefix) {
                    let known: &[&str] = match table {
                        "presenter" => &["name", "role", "email", "phone"],
                        "law-enforcement" => &["name", "phone", "web"],
                        "branding" => &["logo", "logo-alt", "accent"],
                        "staff.report-line" => &["name", "phone"],
                        _ => &["name", "role"],
                    };
                    return known
                        .contains(&key)
                        .then(|| at(table, key, Kind::Text))
                        .flatten();
                }
            }
            if let Some(key) = column.strip_prefix("parent-letter-") {
                return match key {
                    "session-time" => at("parent-letter", key, Kind::Text),
                    "reply-by" => at("parent-letter", key, Kind::Date),
                    _ => None,
                };
            }
            let (n, key) = column.strip_prefix("contact-")?.split_once('-')?;
            let n: usize = n.parse().ok().filter(|n| (1..=MAX_CONTACTS).contains(n))?;
            ["name", "role", "phone", "email", "where"]
                .contains(&key)
                .then(|| at(&format!("contacts.{n}"), key, Kind::Text))
                .flatten()
        }
    }
}

/// Every column a roster may have, for messages and the README.
pub fn known_columns() -> Vec<String> {
    let mut columns: Vec<String> = [
        "organization",
        "date",
        "venue",
        "region",
        "languages",
        "audiences",
        "paper",
        "title",
        "grades",
        "presenter-name",
        "presenter-role",
        "presenter-email",
        "presenter-phone",
        "law-enforcement-name",
        "law-enforcement-phone",
        "law-enforcement-web",
        "parent-letter-session-time",
        "parent-letter-reply-by",
        "staff-report-line-name",
        "staff-report-line-phone",
        "staff-designated-reporter-name",
        "staff-designated-reporter-role",
        "branding-logo",
        "branding-logo-alt",
        "branding-accent",
    ]
    .map(str::to_string)
    .to_vec();
    for key in ["name", "role", "phone", "email", "where"] {
        columns.push(format!("contact-N-{key}"));
    }
    columns
}

/// Reads a roster: UTF-8 with or without a byte-order mark, its fields separated by commas or
/// (as European spreadsheets write them) semicolons, whichever the header row uses more.
/// With `shared`, each row's event starts from the shared settings.
pub fn read(
    path: &Path,
    shard: Option<Shard>,
    shared: Option<Shared>,
) -> Result<Vec<RosterRow>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("read the roster", path, e))?;
    let name = path.display().to_string();
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Error::at(
            &name,
            None,
            format!("the roster is not UTF-8 text (byte {})", e.valid_up_to()),
        )
        .with_hint("save it from your spreadsheet as \"CSV UTF-8\"")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let at_row = |row: usize, message: String| Error::at(format!("{name}:{row}"), None, message);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| at_row(1, format!("the header row cannot be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut places = Vec::new();
    for (i, column) in header.iter().enumerate() {
        if header[..i].contains(column) {
            return Err(at_row(1, format!("column `{column}` is there twice")));
        }
        let Some(place) = place(column) else {
            let known = known_columns();
            let mut error = at_row(1, format!("unknown column `{column}`"))
                .with_note(format!("the columns are {}", known.join(", ")));
            if let Some(near) = nearest(column, known.iter().map(String::as_str)) {
                error = error.with_hint(format!("did you mean `{near}`?"));
            }
            return Err(error);
        };
        places.push(place);
    }
    for key in ["organization", "date"] {
        if !header.iter().any(|h| h == key) && !shared.as_ref().is_some_and(|s| s.sets(key)) {
            return Err(at_row(
                1,
                format!(
                    "a roster needs the column `{key}` (or a `{key}` in the shared event file)"
                ),
            ));
        }
    }
    let shared = shared.map(Arc::new);
    let base_dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut rows = Vec::new();
    for (data_row, record) in reader.records().enumerate() {
        let data_row = data_row + 1;
        let row = data_row + 1;
        let record = record.map_err(|e| at_row(row, format!("the row cannot be read: {e}")))?;
        let (text, columns) = event_text(&header, &places, &record, shared.as_deref())
            .map_err(|(column, message)| at_row(row, format!("column {column}: {message}")))?;
        rows.push(RosterRow {
            file: name.clone(),
            row,
            base_dir: base_dir.clone(),
            text,
            columns,
            shared: shared.clone(),
            selected: shard.is_none_or(|s| s.selects(data_row)),
        });
    }
    if rows.is_empty() {
        return Err(Error::at(
            &name,
            None,
            "the roster has no rows after its header",
        ));
    }
    Ok(rows)
}

/// An event file's text and where each of its lines came from.
type RowText = (String, Vec<Option<Origin>>);
/// A cell's problem: its column, and what is wrong with it.
type CellError = (String, String);
/// One table of the event file (`""` for the top level) with its entries: key, value as TOML
/// writes it, and where it came from.
type Table = (String, Vec<(String, String, Origin)>);

/// The event file one row stands for, and where each of its lines came from: the shared
/// settings, each key the row sets replacing the shared one, the row's contacts after the
/// shared ones. Empty cells are left out, as an absent key is.
fn event_text(
    header: &[String],
    places: &[Place],
    record: &csv::StringRecord,
    shared: Option<&Shared>,
) -> Result<RowText, CellError> {
    let mut tables: Vec<Table> = vec![(String::new(), Vec::new())];
    let add = |tables: &mut Vec<Table>, table: &str, entry: (String, String, Origin)| match tables
        .iter_mut()
        .find(|(t, _)| t == table)
    {
        Some((_, entries)) => match entries.iter_mut().find(|e| e.0 == entry.0) {
            Some(existing) => *existing = entry,
            None => entries.push(entry),
        },
        None => tables.push((table.to_string(), vec![entry])),
    };
    let shared_contacts = shared.map_or(0, |s| s.contacts);
    for entry in shared.iter().flat_map(|s| &s.entries) {
        let origin = Origin::Shared(entry.line);
        add(
            &mut tables,
            &entry.table,
            (entry.key.clone(), entry.value.clone(), origin),
        );
    }
    for ((column, place), value) in header.iter().zip(places).zip(record.iter()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let written = match place.kind {
            Kind::Text => toml::Value::String(value.to_string()).to_string(),
            Kind::Date => {
                value.parse::<toml::value::Datetime>().map_err(|_| {
                    (
                        column.clone(),
                        format!("`{value}` is not a calendar date such as 2026-12-03"),
                    )
                })?;
                value.to_string()
            }
            Kind::List => toml::Value::Array(
                value
                    .split_whitespace()
                    .map(|v| toml::Value::String(v.to_string()))
                    .collect(),
            )
            .to_string(),
        };
        let table = match place.table.strip_prefix("contacts.") {
            Some(n) => format!(
                "contacts.{}",
                n.parse::<usize>().unwrap_or(0) + shared_contacts
            ),
            None => place.table.clone(),
        };
        add(
            &mut tables,
            &table,
            (place.key.clone(), written, Origin::Column(column.clone())),
        );
    }
    // Contacts in their number's order, each an element of `[[contacts]]`.
    tables[1..].sort_by_key(|(table, _)| {
        table
            .strip_prefix("contacts.")
            .and_then(|n| n.parse::<usize>().ok())
            .map_or((0, table.clone()), |n| (n, String::new()))
    });
    let mut text = String::new();
    let mut columns = Vec::new();
    for (table, entries) in &tables {
        if !table.is_empty() {
            let heading = if table.starts_with("contacts.") {
                "[[contacts]]".to_string()
            } else {
                format!("[{table}]")
            };
            text.push_str(&heading);
            text.push('\n');
            columns.push(entries.first().map(|e| e.2.clone()));
        }
        for (key, value, origin) in entries {
            text.push_str(&format!("{} = {value}\n", toml_key(key)));
            // A value written over several lines in the shared file keeps its lines.
            for k in 0..=value.matches('\n').count() {
                columns.push(Some(match origin {
                    Origin::Shared(line) => Origin::Shared(line + k),
                    column => column.clone(),
                }));
            }
        }
    }
    Ok((text, columns))
}

/// A key as TOML writes it: bare when it can be, quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_rows_round_robin() {
        let shard = Shard::parse("2/3").unwrap();
        let picked: Vec<usize> = (1..=7).filter(|r| shard.selects(*r)).collect();
        assert_eq!(picked, [2, 5]);
        assert!(Shard::parse("0/3").is_err() && Shard::parse("4/3").is_err());
        assert!(Shard::parse("x").is_err());
    }

    #[test]
    fn columns_map_to_the_event_files_keys() {
        assert!(place("contact-2-phone").is_some());
        assert!(place("contact-0-phone").is_none());
        assert!(place("presenter-age").is_none());
        assert!(place("parent-letter-reply-by").is_some());
    }
}
