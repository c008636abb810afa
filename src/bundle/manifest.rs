//! `manifest.json`: what a kit holds (every file with its size, hash and pages), its slides
//! with their timing and notes, and every fact it states with its source.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::export::KitFile;
use crate::plan::{FactUse, Kit, Plan};

#[derive(Serialize)]
struct Manifest<'a> {
    tool: ToolInfo,
    event: EventInfo<'a>,
    audience: &'a str,
    minutes: u32,
    files: Vec<FileEntry<'a>>,
    slides: Vec<SlideEntry<'a>>,
    facts: &'a [FactUse],
}

#[derive(Serialize)]
struct ToolInfo {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct EventInfo<'a> {
    slug: &'a str,
    organization: &'a str,
    date: String,
    region: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    bytes: usize,
    sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<usize>,
}

/// One slide of the deck as the presenter times it.
#[derive(Serialize)]
struct SlideEntry<'a> {
    number: usize,
    kind: &'a str,
    title: &'a str,
    minutes: u32,
    has_notes: bool,
    notes: &'a str,
    /// The icon's name in the embedded set, if the slide shows one.
    icon: Option<&'a str>,
    /// One of the deck's two key messages.
    key: bool,
    /// The facts the slide shows, by id.
    facts: Vec<&'a str>,
}

/// The manifest of a kit as pretty JSON.
pub fn manifest(plan: &Plan, kit: &Kit, files: &[KitFile]) -> Vec<u8> {
    let event = &plan.event;
    let manifest = Manifest {
        tool: ToolInfo {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        event: EventInfo {
            slug: &event.slug,
            organization: event.organization.as_str(),
            date: event.date.to_string(),
            region: event.region.as_str(),
            language: kit.language.as_str(),
        },
        audience: kit.audience.as_str(),
        minutes: kit.deck.minutes,
        files: files
            .iter()
            .map(|f| FileEntry {
                path: &f.path,
                bytes: f.bytes.len(),
                sha256: hex(&Sha256::digest(&f.bytes)),
                pages: f.pages,
            })
            .collect(),
        slides: kit
            .deck
            .slides
            .iter()
            .map(|s| SlideEntry {
                number: s.number,
                kind: &s.kind,
                title: &s.title,
                minutes: s.minutes,
                has_notes: !s.notes.trim().is_empty(),
                notes: &s.notes,
                icon: s.icon.as_deref(),
                key: s.key,
                facts: s.fact_ids(),
            })
            .collect(),
        facts: &kit.facts_used,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).expect("the manifest serializes");
    json.push(b'\n');
    json
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
