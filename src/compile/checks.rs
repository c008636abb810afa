//! The checks every laid-out document must pass: it fills exactly its planned pages, and no
//! text is smaller than the document allows.

use std::collections::BTreeSet;

use typst::foundations::{Label, Selector};
use typst::introspection::Introspector;
use typst::layout::{Frame, FrameItem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::error::Error;
use crate::render::document::Document;

/// Refuses text smaller than the document allows, naming the page and the words.
pub fn check_text_sizes(
    paged: &PagedDocument,
    document: &Document,
    kit_name: &str,
) -> Result<(), Error> {
    fn smallest(frame: &Frame) -> Option<(f64, String)> {
        frame
            .items()
            .filter_map(|(_, item)| match item {
                FrameItem::Group(group) => smallest(&group.frame),
                FrameItem::Text(text) => Some((text.size.to_pt(), text.text.to_string())),
                _ => None,
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
    }
    for (i, page) in paged.pages().iter().enumerate() {
        if let Some((size, words)) = smallest(&page.frame)
            && size < document.min_text_pt - 0.01
        {
            return Err(Error::usage(format!(
                "`{}` of kit `{kit_name}` sets text at {size:.1} pt on page {}, below the {} pt minimum: `{}`",
                document.path,
                i + 1,
                document.min_text_pt,
                words.trim()
            ))
            .with_hint("raise the size in the theme (decks/theme.typ or handouts/theme.typ)"));
        }
    }
    Ok(())
}

/// The label of the marker the themes put at the start of every planned page.
const PLANNED_PAGE: &str = "planned-page";

/// Refuses a document with more (or fewer) pages than planned: Typst answers overflowing
/// content with an extra page, which a presenter would only find in front of an audience.
pub fn check_fit(paged: &PagedDocument, document: &Document, kit_name: &str) -> Result<(), Error> {
    let pages = paged.pages().len();
    if document.pages.contains(&pages) {
        return Ok(());
    }
    // Every planned page starts with a `<planned-page>` marker (the themes place them), so the
    // first page without one follows the page that overflowed.
    let introspector = paged.introspector();
    let marker = Label::new(PicoStr::intern(PLANNED_PAGE)).expect("the marker label is not empty");
    let headed: BTreeSet<usize> = introspector
        .query(&Selector::Label(marker))
        .iter()
        .filter_map(|heading| heading.location())
        .filter_map(|location| introspector.page(location))
        .map(|page| page.get())
        .collect();
    let exact = document.pages.start() == document.pages.end();
    let culprit = (1..=pages)
        .filter(|_| exact)
        .find(|page| !headed.contains(page))
        .map(|page| headed.range(..page).count())
        .filter(|&planned| planned >= 1)
        .and_then(|planned| document.pages_describe.get(planned - 1));
    let what = match culprit {
        Some(described) => format!("{described} does not fit on its page"),
        None => "its content does not fit the planned pages".to_string(),
    };
    let planned = if document.pages.start() == document.pages.end() {
        document.pages.start().to_string()
    } else {
        format!("at most {}", document.pages.end())
    };
    Err(Error::usage(format!(
        "`{}` of kit `{kit_name}` came out with {pages} pages instead of {planned}: {what}",
        document.path
    ))
    .with_hint("shorten the text it holds (in content/ or the event file), or split it"))
}
