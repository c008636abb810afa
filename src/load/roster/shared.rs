//! Settings every row of a roster shares (a district's logo and accent, its reporting steps,
//! its common contacts), from an event file given with `--event` beside `--roster`. That file
//! may leave out `organization` and `date`; a row overrides each key it sets, and its
//! `contact-N` columns come after the file's contacts.
//!
//! The file is read into its entries, each with the line it stands on, so that a problem found
//! when a row is checked with them is told at the shared file's own line.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::error::{Error, Position};
use crate::load::toml_file::TomlFile;

/// The shared event file, as entries to put before each row's.
#[derive(Debug, Clone)]
pub struct Shared {
    /// The file as messages name it.
    pub name: String,
    pub text: String,
    pub entries: Vec<Entry>,
    /// How many `[[contacts]]` the file has: a row's `contact-1` comes after them.
    pub contacts: usize,
}

/// One key of the shared file: its table (`""` for the top level, `contacts.2` for the second
/// contact), key, value as written (a relative logo path made absolute), and line.
#[derive(Debug, Clone)]
pub struct Entry {
    pub table: String,
    pub key: String,
    pub value: String,
    pub line: usize,
}

impl Shared {
    /// Reads the shared settings; a file that is not TOML is told at its line.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io("read the shared event file", path, e))?;
        let name = path.display().to_string();
        TomlFile {
            name: &name,
            text: &text,
        }
        .parse::<toml::Table>()?;
        let root = DeTable::parse(&text).map_err(|e| Error::at(&name, None, e.to_string()))?;
        let base_dir = path.parent().unwrap_or(Path::new("."));
        let mut shared = Shared {
            name: name.clone(),
            text: text.clone(),
            entries: Vec::new(),
            contacts: 0,
        };
        shared.flatten(root.get_ref(), "", base_dir)?;
        Ok(shared)
    }

    fn flatten(&mut self, table: &DeTable, path: &str, base_dir: &Path) -> Result<(), Error> {
        for (key, value) in table.iter() {
            let key_text: &str = key.get_ref();
            let full = if path.is_empty() {
                key_text.to_string()
            } else {
                format!("{path}.{key_text}")
            };
            let line = Position::from_offset(&self.text, key.span().start).line;
            match value.get_ref() {
                DeValue::Table(inner) => self.flatten(inner, &full, base_dir)?,
                DeValue::Array(items) if full == "contacts" => {
                    for item in items.iter() {
                        let DeValue::Table(contact) = item.get_ref() else {
                            return Err(Error::at(
                                &self.name,
                                Some(Position::at_line(&self.text, line, 1)),
                                "`contacts` must be a list of tables ([[contacts]])",
                            ));
                        };
                        self.contacts += 1;
                        let table = format!("contacts.{}", self.contacts);
                        self.flatten(contact, &table, base_dir)?;
                    }
                }
                DeValue::String(logo)
                    if full == "branding.logo" && Path::new(&**logo).is_relative() =>
                {
                    let joined = base_dir.join(&**logo);
                    let absolute = std::path::absolute(&joined)
                        .unwrap_or(joined)
                        .display()
                        .to_string();
                    self.push(
                        path,
                        key_text,
                        toml::Value::String(absolute).to_string(),
                        line,
                    );
                }
                _ => {
                    let written = self.text[value.span()].to_string();
                    self.push(path, key_text, written, line);
                }
            }
        }
        Ok(())
    }

    fn push(&mut self, table: &str, key: &str, value: String, line: usize) {
        self.entries.push(Entry {
            table: table.to_string(),
            key: key.to_string(),
            value,
            line,
        });
    }

    /// Whether the file sets a top-level key (`organization`, `date`).
    pub fn sets(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.table.is_empty() && e.key == key)
    }
}
