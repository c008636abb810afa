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
    /// Other template or theme files the document is made from (the slides module and the deck
    /// theme, for documents that show slides), by the names messages use.
    pub made_from: Vec<String>,
    /// Whether the kit's compiled deck fills this document's slide slots (the presenter notes
    /// and the 3-up handout), so it is compiled after the deck.
    pub places_slides: bool,
    /// The smallest text the document may set, in points (legibility from the back of a room
    /// on slides, on paper for handouts).
    pub min_text_pt: f64,
}

impl Document {
    /// Whether the document comes from the embedded templates and themes only; others come
    /// from a presenter's folder and are compiled in a worker with limits.
    pub fn is_embedded(&self) -> bool {
        self.custom_files().is_empty()
    }

    /// The presenter's own files this document is made from (none for an embedded document):
    /// a document stopped in the limited worker names them.
    pub fn custom_files(&self) -> Vec<&str> {
        [&self.template, &self.theme]
            .into_iter()
            .chain(&self.made_from)
            .map(String::as_str)
            .filter(|name| !name.starts_with("embedded:"))
            .collect()
    }
}

/// The deck's path in a kit; documents that show slides are made from its pages.
pub const DECK_PATH: &str = "slides.pdf";

/// The smallest text on a slide outside the theme's roles (source lines and the footer).
pub const MIN_SLIDE_TEXT_PT: f64 = 14.0;
/// The smallest text on paper.
pub const MIN_PRINT_TEXT_PT: f64 = 10.0;

/// Where the slides module (every slide of the kit as content, rendered from
/// `decks/slides.typ.j2`) lives in the virtual file map: the deck, the presenter notes and the
/// 3-up handout all place the same slides from it, so their words stay real text everywhere.
pub const SLIDES_MODULE: &str = "/decks/slides.typ";
