//! The run summary (`summary.json`, `summary.md` in the output folder): per event, its kits with
//! their files, pages and bytes, and its warnings; sorted and without timestamps, so that the
//! summaries of a roster's shards merge into the unsharded run's (`workshop summary`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The file names of a summary in a folder.
pub const JSON: &str = "summary.json";
pub const MARKDOWN: &str = "summary.md";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// `workshop <version>`: summaries of different versions are not merged.
    pub tool: String,
    pub events: Vec<EventSummary>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct EventSummary {
    /// The organization folded to a file name, and the date: the start of every zip's name.
    pub slug: String,
    /// Where the event came from: an event file, or a roster's row (`schools.csv:4`).
    pub source: String,
    pub organization: String,
    pub date: String,
    pub kits: Vec<KitSummary>,
    /// What is worth a look (an old figure, no local police contact on the poster).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct KitSummary {
    /// The zip's name without `.zip`.
    pub name: String,
    pub files: usize,
    pub pages: usize,
    pub bytes: u64,
}

impl Summary {
    /// A summary of `events`, sorted.
    pub fn new(mut events: Vec<EventSummary>) -> Self {
        for event in &mut events {
            event.kits.sort();
        }
        events.sort();
        Summary {
            tool: format!("workshop {}", env!("CARGO_PKG_VERSION")),
            events,
        }
    }

    pub fn json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).expect("a summary serializes");
        json.push(b'\n');
        json
    }

    /// The summary as a page to read: totals, then a table of each event's kits.
    pub fn markdown(&self) -> String {
        let kits: Vec<&KitSummary> = self.events.iter().flat_map(|e| &e.kits).collect();
        let pages: usize = kits.iter().map(|k| k.pages).sum();
        let bytes: u64 = kits.iter().map(|k| k.bytes).sum();
        let warned = self
            .events
            .iter()
            .filter(|e| !e.warnings.is_empty())
            .count();
        let mut out = format!(
            "# Build summary\n\n{} events, {} kits, {pages} pages, {:.1} MB; {warned} events with warnings. Made by {}.\n",
            self.events.len(),
            kits.len(),
            bytes as f64 / 1_000_000.0,
            self.tool
        );
        for event in &self.events {
            out.push_str(&format!(
                "\n## {} ({})\n\nFrom `{}`.\n\n| kit | files | pages | bytes |\n|---|---:|---:|---:|\n",
                event.organization.replace('|', "\\|"),
                event.date,
                event.source
            ));
            for kit in &event.kits {
                out.push_str(&format!(
                    "| {}.zip | {} | {} | {} |\n",
                    kit.name, kit.files, kit.pages, kit.bytes
                ));
            }
            for warning in &event.warnings {
                out.push_str(&format!("\n- warning: {warning}"));
            }
            if !event.warnings.is_empty() {
                out.push('\n');
            }
        }
        out
    }

    /// Reads the summary a run wrote into `dir`.
    pub fn read(dir: &Path) -> Result<Self, Error> {
        let path = dir.join(JSON);
        let bytes = std::fs::read(&path).map_err(|e| Error::io("read the summary", &path, e))?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::at(
                path.display().to_string(),
                None,
                format!("this is not a workshop summary: {e}"),
            )
        })
    }

    /// The summaries of several runs (a roster's shards) as one: every event once, sorted.
    pub fn merge(parts: Vec<(String, Summary)>) -> Result<Self, Error> {
        let mut events: Vec<EventSummary> = Vec::new();
        let tool = format!("workshop {}", env!("CARGO_PKG_VERSION"));
        for (dir, part) in parts {
            if part.tool != tool {
                return Err(Error::usage(format!(
                    "the summary in `{dir}` was written by {}, not {tool}",
                    part.tool
                ))
                .with_hint("merge the summaries of runs of one version"));
            }
            for event in part.events {
                if let Some(twin) = events.iter().find(|e| e.slug == event.slug) {
                    return Err(Error::usage(format!(
                        "`{}` ({}) is in two of the summaries, the second in `{dir}`",
                        event.slug, twin.source
                    ))
                    .with_hint("give each shard's folder once"));
                }
                events.push(event);
            }
        }
        Ok(Summary::new(events))
    }
}
