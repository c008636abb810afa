//! A document to compile: its Typst source, the files it reads and what it must fit.
//!
//! The type the render stage produces and the compile stage consumes; it lives here, below
//! both, so that neither imports the other's internals.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

/// A PDF to produce: its Typst source and the files that source reads.
#[derive(Debug, Clone)]
pub struct Document {
    /// Index of the kit in [`Plan::kits`].
    pub kit: usize,
    /// Path inside the kit folder, e.g. `handouts/resource-card.pdf`.
    pub path: String,
    /// The template that produced `source`, as named in messages.
    pub template: String,
    /// The theme the source imports, as named in messages.
    pub theme: String,
    /// The rendered Typst source of `/main.typ`.
    pub source: String,
    /// Other files in the virtual file system, by absolute virtual path: the theme
    /// (`/decks/theme.typ` or `/handouts/theme.typ`), the logo, QR codes, slide pictures.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many pages the document may have; more means something overflowed.
    pub pages: RangeInclusive<usize>,
    /// What each planned page is, for fit errors (`slide 7 `Red flags` (bullets)`).
    pub pages_describe: Vec<String>,
    /// The smallest text the document may set, in points (legibility from the back of a room
    /// on slides, on paper for handouts).
    pub min_text_pt: f64,
    /// Whether the document shows the kit's slides, placed as vector pages of the compiled deck
    /// ([`DECK_FILE`]), which exists only once the deck is compiled.
    pub needs_deck: bool,
}

impl Document {
    /// Whether the document comes from the embedded templates and themes only; others come
    /// from a presenter's folder and are compiled in a worker with limits.
    pub fn is_embedded(&self) -> bool {
        self.template.starts_with("embedded:") && self.theme.starts_with("embedded:")
    }
}

/// The deck's path in a kit; documents that show slides are made from its pages.
pub const DECK_PATH: &str = "slides.pdf";

/// The smallest text on a slide (footnotes and the footer); body text is 24 pt or more.
pub const MIN_SLIDE_TEXT_PT: f64 = 14.0;
/// The smallest text on paper.
pub const MIN_PRINT_TEXT_PT: f64 = 10.0;

/// Where the compiled deck lives in the virtual file map of documents that show the slides: its
/// pages are placed as vector images, so their words stay real, searchable text.
pub const DECK_FILE: &str = "/slides.pdf";
