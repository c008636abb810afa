//! Placing the deck's compiled slides where the presenter notes and the 3-up handout show them.
//!
//! Those documents lay out an empty box per slide (`slide-slot` in the deck theme, which puts a
//! `<slide-slot>` metadata with the slide's number and the box's width at its top-left corner).
//! After their layout, each box receives the deck's own frame of that page, scaled to the box's
//! width. A slide is so laid out once per kit instead of three times, and its words stay text.
//!
//! The deck's structure tags are not carried over (its slide titles are headings of the deck,
//! not of the notes; the notes' own structure holds the slide's text where the box stands),
//! except artifacts (footer, icons, chart bars), which stay artifacts under new locations.
//! Links are left out: on paper they are words.

use std::collections::HashSet;

use typst::foundations::{Smart, Value};
use typst::introspection::{Location, MetadataElem, Tag};
use typst::layout::{Abs, Frame, FrameItem, FrameKind, GroupItem, Point, Ratio, Transform};
use typst::model::Document as _;
use typst::pdf::ArtifactElem;
use typst::syntax::Span;
use typst::visualize::{Curve, Geometry};
use typst_layout::{Page, PagedDocument};

/// The label of a slot's metadata, as the deck theme writes it.
pub const SLOT_LABEL: &str = "slide-slot";

/// A slot found in a document: which slide goes there and at what width.
struct Slot {
    slide: usize,
    width: Abs,
}

/// Fills every slot of `document` with the page of `deck` it names. Returns the document
/// unchanged when it has no slots; an error names a slot whose slide the deck lacks.
pub fn fill(document: PagedDocument, deck: &PagedDocument) -> Result<PagedDocument, String> {
    let mut filled = 0usize;
    let mut pages = Vec::with_capacity(document.pages().len());
    for page in document.pages() {
        let frame = fill_frame(&page.frame, deck, &mut filled)?;
        pages.push(Page {
            frame: frame.unwrap_or_else(|| page.frame.clone()),
            ..page.clone()
        });
    }
    if filled == 0 {
        return Ok(document);
    }
    Ok(PagedDocument::new(pages.into(), document.info().clone()))
}

/// A copy of `frame` with the deck's slide placed after each slot's metadata, in the same frame
/// (so the slide's text is read where the slot stands), or `None` when it holds no slot.
fn fill_frame(
    frame: &Frame,
    deck: &PagedDocument,
    filled: &mut usize,
) -> Result<Option<Frame>, String> {
    // The items so far, copied only once something in the frame changes.
    let mut items: Option<Vec<(Point, FrameItem)>> = None;
    for (at, (pos, item)) in frame.items().enumerate() {
        let changed: Option<Vec<FrameItem>> = match item {
            FrameItem::Group(group) => fill_frame(&group.frame, deck, filled)?.map(|inner| {
                vec![FrameItem::Group(GroupItem {
                    frame: inner,
                    ..group.clone()
                })]
            }),
            FrameItem::Tag(tag) => match slot_of(tag) {
                Some(slot) => {
                    let page = deck
                        .pages()
                        .get(slot.slide.wrapping_sub(1))
                        .ok_or_else(|| {
                            format!(
                                "slide {} is shown, but the deck has {} slides",
                                slot.slide,
                                deck.pages().len()
                            )
                        })?;
                    *filled += 1;
                    let slide = FrameItem::Group(scaled_slide(page, &slot, *filled));
                    Some(vec![item.clone(), slide])
                }
                None => None,
            },
            _ => None,
        };
        match (changed, &mut items) {
            (Some(new), items) => {
                let items = items.get_or_insert_with(|| frame.items().take(at).cloned().collect());
                items.extend(new.into_iter().map(|item| (*pos, item)));
            }
            (None, Some(items)) => items.push((*pos, item.clone())),
            (None, None) => {}
        }
    }
    Ok(items.map(|items| {
        let mut out = Frame::new(frame.size(), frame.kind());
        if frame.has_baseline() {
            out.set_baseline(frame.baseline());
        }
        out.push_multiple(items);
        out
    }))
}

/// The slot a tag starts, if it is a `<slide-slot>` metadata with a slide number and width.
fn slot_of(tag: &Tag) -> Option<Slot> {
    let Tag::Start(content, _) = tag else {
        return None;
    };
    if content.label()?.resolve().as_str() != SLOT_LABEL {
        return None;
    }
    let Value::Dict(dict) = &content.to_packed::<MetadataElem>()?.value else {
        return None;
    };
    let slide = match dict.get("slide").ok()? {
        Value::Int(n) => usize::try_from(*n).ok()?,
        _ => return None,
    };
    let width = match dict.get("width").ok()? {
        Value::Length(length) => length.abs,
        _ => return None,
    };
    Some(Slot { slide, width })
}

/// The deck's page as a group scaled to the slot: its fill, then its frame without the deck's
/// structure tags and links, clipped to the page.
fn scaled_slide(page: &Page, slot: &Slot, index: usize) -> GroupItem {
    let size = page.frame.size();
    let mut frame = Frame::new(size, FrameKind::Hard);
    if let Smart::Custom(Some(paint)) = &page.fill {
        frame.push(
            Point::zero(),
            FrameItem::Shape(Geometry::Rect(size).filled(paint.clone()), Span::detached()),
        );
    }
    let artifacts = artifacts_in(&page.frame);
    frame.push_frame(Point::zero(), adopt(&page.frame, index, &artifacts));
    let factor = Ratio::new(slot.width / size.x);
    let mut group = GroupItem::new(frame);
    group.transform = Transform::scale(factor, factor);
    group.clip = Some(Curve::rect(size));
    group
}

/// A copy of a deck frame fit for another document: artifacts keep their tags under locations
/// of their own (derived from the slot and the deck's location, so builds stay identical),
/// other tags and links are dropped, and groups lose their deck-side parent.
fn adopt(frame: &Frame, slot: usize, artifacts: &HashSet<Location>) -> Frame {
    let mut out = Frame::new(frame.size(), frame.kind());
    for (pos, item) in frame.items() {
        let adopted = match item {
            FrameItem::Group(group) => Some(FrameItem::Group(GroupItem {
                frame: adopt(&group.frame, slot, artifacts),
                parent: None,
                label: None,
                ..group.clone()
            })),
            FrameItem::Tag(Tag::Start(content, flags))
                if content.location().is_some_and(|l| artifacts.contains(&l)) =>
            {
                let mut content = content.clone();
                let location = content.location().map(|l| relocated(l, slot));
                location.map(|l| {
                    content.set_location(l);
                    FrameItem::Tag(Tag::Start(content, *flags))
                })
            }
            FrameItem::Tag(Tag::End(location, key, flags)) if artifacts.contains(location) => Some(
                FrameItem::Tag(Tag::End(relocated(*location, slot), *key, *flags)),
            ),
            FrameItem::Tag(_) | FrameItem::Link(..) => None,
            other => Some(other.clone()),
        };
        if let Some(item) = adopted {
            out.push(*pos, item);
        }
    }
    out
}

/// The locations of the artifacts that start and end in `frame` (one that runs over from
/// another page is left out, so that every tag carried over is closed).
fn artifacts_in(frame: &Frame) -> HashSet<Location> {
    fn walk(frame: &Frame, starts: &mut HashSet<Location>, ends: &mut HashSet<Location>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, starts, ends),
                FrameItem::Tag(Tag::Start(content, _)) if content.is::<ArtifactElem>() => {
                    starts.extend(content.location());
                }
                FrameItem::Tag(Tag::End(location, ..)) => {
                    ends.insert(*location);
                }
                _ => {}
            }
        }
    }
    let (mut starts, mut ends) = (HashSet::new(), HashSet::new());
    walk(frame, &mut starts, &mut ends);
    starts.retain(|l| ends.contains(l));
    starts
}

fn relocated(location: Location, slot: usize) -> Location {
    Location::new(typst::utils::hash128(&(SLOT_LABEL, slot, location.hash())))
}
