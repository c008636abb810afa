//! What an output reads (a kit and its compiled documents) and what it returns (kit files).

use crate::compile::single::Compiled;
use crate::load::clock::BuildTime;
use crate::plan::{EventView, Kit};
use crate::render::document::Document;

/// A file of a kit: its path inside the kit folder and its bytes.
#[derive(Debug, Clone)]
pub struct KitFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub pages: Option<usize>,
}

/// What every output reads: a resolved kit and its compiled documents.
pub struct CompiledKit<'a> {
    pub kit: &'a Kit,
    /// The event as the kit prints it (dates in the kit's language).
    pub event: EventView,
    /// The build's one timestamp, for files that record one.
    pub time: BuildTime,
    pub documents: &'a [(&'a Document, &'a Compiled)],
}

impl CompiledKit<'_> {
    /// The deck (`slides.pdf`): its document, with the files it was made from, and its
    /// compiled pages. Outputs made from the deck (PowerPoint, browser) start here.
    pub fn deck(&self) -> Option<(&Document, &Compiled)> {
        self.documents
            .iter()
            .find(|(doc, _)| doc.path == crate::render::document::DECK_PATH)
            .copied()
    }
}

/// The documents of kit `index` with their compiled results (`compiled` in the order of
/// `documents`).
pub fn documents_of<'a>(
    index: usize,
    documents: &'a [Document],
    compiled: &'a [Compiled],
) -> Vec<(&'a Document, &'a Compiled)> {
    documents
        .iter()
        .zip(compiled)
        .filter(|(doc, _)| doc.kit == index)
        .collect()
}

/// Zip entry times cannot be before 1980 or after 2107: clamp to the nearest representable.
pub fn zip_time(time: BuildTime) -> zip::DateTime {
    let date = time.date();
    let (h, m, s) = time.time_of_day();
    let (year, month, day, h, m, s) = match date.year {
        ..1980 => (1980, 1, 1, 0, 0, 0),
        2108.. => (2107, 12, 31, 23, 59, 58),
        year => (year as u16, date.month, date.day, h, m, s),
    };
    zip::DateTime::from_date_and_time(year, month, day, h, m, s).unwrap_or_default()
}

/// How an entry is stored. PDFs, PNGs and the PPTX (itself a zip) are compressed already:
/// deflating them again costs time and saves nothing. The rest (present.html's inline SVG, the
/// manifest, notes) is deflated at the fastest level, which on this text gives nearly the same
/// size in a fraction of the time.
pub fn zip_entry_options(
    options: zip::write::SimpleFileOptions,
    path: &str,
) -> zip::write::SimpleFileOptions {
    if [".pdf", ".png", ".pptx"].iter().any(|e| path.ends_with(e)) {
        options.compression_method(zip::CompressionMethod::Stored)
    } else {
        options
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
    }
}
