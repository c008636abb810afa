//! `slides.pdfpc`: the sidecar that gives the pdfpc presenter console the notes and a timer.

use super::files::{CompiledKit, KitFile};
use crate::plan::Kit;

/// The sidecar for `slides.pdf`.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    vec![KitFile {
        path: "slides.pdfpc".to_string(),
        bytes: sidecar(kit.kit),
        pages: None,
    }]
}

/// Minutes before the end at which pdfpc turns its timer to a warning.
const LAST_MINUTES: u32 = 5;

/// The pdfpc sidecar for `slides.pdf`: every slide's notes, the duration and the
/// last-minutes warning, so the pdfpc presenter console shows notes and a timer.
fn sidecar(kit: &Kit) -> Vec<u8> {
    let pages: Vec<serde_json::Value> = kit
        .deck
        .slides
        .iter()
        .map(|s| {
            serde_json::json!({
                "idx": s.number - 1,
                "label": s.number.to_string(),
                "overlay": 0,
                "note": format!("{} ({} min, {} - {})\n\n{}", s.title, s.minutes, s.starts, s.ends, s.notes),
            })
        })
        .collect();
    let sidecar = serde_json::json!({
        "pdfpcFormat": 2,
        "duration": kit.deck.minutes,
        "lastMinutes": LAST_MINUTES,
        "disableMarkdown": true,
        "noteFontSize": 20,
        "pages": pages,
    });
    let mut json = serde_json::to_vec_pretty(&sidecar).expect("the sidecar serializes");
    json.push(b'\n');
    json
}
