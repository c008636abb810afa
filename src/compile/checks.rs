//! The checks every laid-out document must pass: it fills exactly its planned pages, and no
//! text is smaller than the document allows.

use std::collections::BTreeSet;

use typst::foundations::{Label, Selector};
use typst::introspection::{Introspector, Location, Tag};
use typst::layout::{Frame, FrameItem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::error::Error;
use crate::render::document::Document;

/// The text roles the themes mark with labels (`[...] <role-body>`), and the smallest size
/// each may be set in: from the back of a hall, body text needs twice a footnote's size.
pub const ROLE_MINIMUMS: &[(&str, f64)] = &[
    ("role-title", 40.0),
    ("role-body", 28.0),
    ("role-secondary", 20.0),
    ("role-figure", 96.0),
];

/// Text set below the minimum of its role (or of the document, outside any role).
struct TooSmall {
    size: f64,
    minimum: f64,
    role: Option<&'static str>,
    words: String,
}

/// Walks a frame in order, keeping the roles open at each point, and notes the first text set
/// below its minimum.
fn find_too_small(
    frame: &Frame,
    base: f64,
    open: &mut Vec<(Location, &'static str, f64)>,
    found: &mut Option<TooSmall>,
) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => find_too_small(&group.frame, base, open, found),
            FrameItem::Tag(Tag::Start(content, _)) => {
                let role = content.label().and_then(|label| {
                    let name = label.resolve();
                    ROLE_MINIMUMS
                        .iter()
                        .find(|(role, _)| *role == name.as_str())
                });
                if let (Some(&(role, minimum)), Some(location)) = (role, content.location()) {
                    open.push((location, role, minimum));
                }
            }
            FrameItem::Tag(Tag::End(location, ..)) => {
                if let Some(at) = open.iter().rposition(|(l, ..)| l == location) {
                    open.truncate(at);
                }
            }
            FrameItem::Text(text) if found.is_none() => {
                let (role, minimum) = open
                    .last()
                    .map_or((None, base), |(_, role, minimum)| (Some(*role), *minimum));
                let size = text.size.to_pt();
                if size < minimum - 0.01 && !text.text.trim().is_empty() {
                    *found = Some(TooSmall {
                        size,
                        minimum,
                        role,
                        words: text.text.to_string(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Refuses text smaller than its role allows (a slide title 40 pt, body 28 pt, secondary lines
/// 20 pt, a statistic's figure 96 pt) or, outside any role, smaller than the document allows,
/// naming the page and the words.
pub fn check_text_sizes(
    paged: &PagedDocument,
    document: &Document,
    kit_name: &str,
) -> Result<(), Error> {
    let mut open = Vec::new();
    for (i, page) in paged.pages().iter().enumerate() {
        let mut found = None;
        find_too_small(&page.frame, document.min_text_pt, &mut open, &mut found);
        if let Some(small) = found {
            let what = match small.role {
                Some(role) => format!("`{}` text", role.trim_start_matches("role-")),
                None => "text".to_string(),
            };
            return Err(Error::usage(format!(
                "`{}` of kit `{kit_name}` sets {what} at {:.1} pt on page {}, below the {} pt minimum: `{}`",
                document.path,
                small.size,
                i + 1,
                small.minimum,
                small.words.trim()
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use typst::foundations::Datetime;

    use super::*;
    use crate::compile::world::DocumentWorld;

    fn sizes_checked(body: &str) -> Result<(), String> {
        let document = Document {
            kit: 0,
            path: "test.pdf".to_string(),
            template: "test".to_string(),
            theme: "test".to_string(),
            source: format!("#set text(font: \"Noto Sans\")\n{body}\n"),
            files: BTreeMap::new(),
            pages: 1..=1,
            pages_describe: Vec::new(),
            made_from: Vec::new(),
            places_slides: false,
            min_text_pt: 14.0,
        };
        let world = DocumentWorld::new(&document, Datetime::from_ymd(2026, 12, 3).unwrap());
        let paged = typst::compile::<PagedDocument>(&world).output.unwrap();
        check_text_sizes(&paged, &document, "kit").map_err(|e| e.to_string())
    }

    #[test]
    fn each_role_has_its_minimum() {
        assert!(
            sizes_checked("#text(size: 14pt)[footer] #[#text(size: 28pt)[body] <role-body>]")
                .is_ok()
        );
        let error = sizes_checked("#[#text(size: 24pt)[too small] <role-body>]").unwrap_err();
        assert!(
            error.contains("`body` text at 24.0 pt") && error.contains("28 pt"),
            "{error}"
        );
        let error = sizes_checked("#[#text(size: 36pt)[Title] <role-title>]").unwrap_err();
        assert!(
            error.contains("`title` text") && error.contains("40 pt"),
            "{error}"
        );
        assert!(sizes_checked("#[#text(size: 20pt)[— FBI] <role-secondary>]").is_ok());
        // The innermost role counts; after a role ends, the document's minimum applies again.
        assert!(sizes_checked("#[#text(size: 28pt)[a #[#text(size: 20pt)[b] <role-secondary>] c] <role-body>] #text(size: 14pt)[d]").is_ok());
        assert!(sizes_checked("#text(size: 12pt)[tiny]").is_err());
    }
}
