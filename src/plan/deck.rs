//! The deck: each slide of the content file resolved into the slides it becomes (none when it
//! needs absent event data, several when its list does not fit one), numbered and timed.

use super::labels::label;
use super::resolve::Resolver;
use super::sources::SourceList;
use super::views::SlideView;
use crate::load::content::{AudienceContent, SlideSpec};
use crate::load::event::Contact;
use crate::load::facts::Resource;
use crate::load::icons;

/// Sources listed on one Sources slide.
const SOURCES_PER_SLIDE: usize = 6;
/// Contacts listed on one contacts slide at most.
const CONTACTS_PER_SLIDE: usize = 4;
/// Lines of contact text one slide holds below its title (26 pt names, 24 pt details).
const CONTACT_LINES_PER_SLIDE: usize = 8;
/// Local contacts and support lines on the closing help slide.
const HELP_CONTACTS: usize = 3;
const HELP_LINES: usize = 2;
/// Reporting channels listed on one resources slide.
const RESOURCES_PER_SLIDE: usize = 3;

impl Resolver<'_> {
    /// Every slide of the deck, numbered, with its minutes and running clock.
    pub fn slides(&self, content: &AudienceContent, sources: &mut SourceList) -> Vec<SlideView> {
        let mut slides: Vec<SlideView> = Vec::new();
        let mut dropped_minutes = 0;
        // The Sources slides list every source of the deck, the closing slide's among them:
        // they are resolved last and put back in their place.
        let mut source_specs = Vec::new();
        for spec in &content.slides {
            if spec.kind.get_ref() == "sources" {
                source_specs.push((slides.len(), spec));
                continue;
            }
            let pages = self.slide(spec, sources);
            if pages.is_empty() {
                dropped_minutes += spec.minutes.unwrap_or(0);
                // A key message left out for lack of event data (the school's own reporting
                // steps) passes its mark to the slide before it (the general steps).
                if spec.key
                    && let Some(previous) = slides.last_mut()
                    && icons::default_for(&previous.kind).is_some()
                {
                    previous.key = true;
                }
            }
            slides.extend(pages);
        }
        for (at, spec) in source_specs.into_iter().rev() {
            let pages = self.slide(spec, sources);
            slides.splice(at..at, pages);
        }
        // A slide left out for lack of event data gives its time to the closing slide, which
        // stays up during questions.
        let receiver = slides
            .iter()
            .position(|s| s.kind == "help" || s.kind == "questions")
            .or_else(|| slides.iter().rposition(|s| s.kind != "sources"));
        if let Some(index) = receiver {
            slides[index].minutes += dropped_minutes;
        }
        let mut elapsed = 0;
        for (i, slide) in slides.iter_mut().enumerate() {
            slide.number = i + 1;
            slide.starts = clock(elapsed);
            elapsed += slide.minutes;
            slide.ends = clock(elapsed);
        }
        slides
    }

    /// Turns one slide of a content file into the pages of the deck it becomes: none when it
    /// depends on event data that is absent, several when its list does not fit on one.
    fn slide(&self, spec: &SlideSpec, sources: &mut SourceList) -> Vec<SlideView> {
        let kind = spec.kind.get_ref().clone();
        let mut view = SlideView {
            kind: kind.clone(),
            title: spec.title.clone().unwrap_or_default(),
            minutes: spec.minutes.unwrap_or(0),
            notes: spec.notes.clone().unwrap_or_default(),
            text: spec.text.clone(),
            points: spec.points.clone().unwrap_or_default(),
            left_heading: spec.left_heading.clone(),
            left: spec.left.clone().unwrap_or_default(),
            right_heading: spec.right_heading.clone(),
            right: spec.right.clone().unwrap_or_default(),
            steps: spec.steps.clone().unwrap_or_default(),
            icon: spec
                .icon
                .as_ref()
                .map(|i| i.get_ref().as_str())
                .or_else(|| icons::default_for(&kind))
                .map(str::to_string),
            key: spec.key,
            ..SlideView::default()
        };
        view.facts = spec
            .facts
            .iter()
            .flatten()
            .map(|id| self.fact(id.get_ref(), sources))
            .collect();
        view.fact = spec
            .fact
            .as_ref()
            .map(|id| self.fact(id.get_ref(), sources));

        match kind.as_str() {
            "resources" => self.resource_slides(&view, spec, sources),
            "contacts" => {
                if view.title.is_empty() {
                    view.title = label(self.labels, "local-contacts");
                }
                spread(&view, contact_pages(&self.event.contacts), |page, chunk| {
                    page.contacts = chunk.to_vec()
                })
            }
            "reporting-steps" => {
                if self.event.reporting_steps.is_empty() {
                    return Vec::new();
                }
                view.steps = self
                    .event
                    .reporting_steps
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                vec![view]
            }
            "sources" => self.source_slides(&view, sources),
            "help" => {
                if view.title.is_empty() {
                    view.title = label(self.labels, "questions");
                }
                view.contacts = self
                    .event
                    .contacts
                    .iter()
                    .take(HELP_CONTACTS)
                    .cloned()
                    .collect();
                let lines = self
                    .base
                    .resources_for(self.audience, self.event.region)
                    .into_iter()
                    .filter(|r| r.role == "crisis")
                    .take(HELP_LINES)
                    .collect();
                view.resources = self.resources(lines, sources);
                vec![view]
            }
            _ => vec![view],
        }
    }

    /// A resources slide: the chosen channels (or all of the region's), of the chosen roles,
    /// a few per slide.
    fn resource_slides(
        &self,
        view: &SlideView,
        spec: &SlideSpec,
        sources: &mut SourceList,
    ) -> Vec<SlideView> {
        let chosen: Vec<&Resource> = match &spec.resources {
            Some(ids) => ids
                .iter()
                .filter_map(|id| self.base.resource(id.get_ref(), self.audience).ok())
                .collect(),
            None => self.base.resources_for(self.audience, self.event.region),
        };
        let chosen = chosen
            .into_iter()
            .filter(|r| {
                spec.roles
                    .as_ref()
                    .is_none_or(|roles| roles.iter().any(|role| *role.get_ref() == r.role))
            })
            .collect();
        let all = self.resources(chosen, sources);
        spread(
            view,
            all.chunks(RESOURCES_PER_SLIDE).collect(),
            |page, chunk| page.resources = chunk.to_vec(),
        )
    }

    /// The Sources slides: every source the deck cited, numbered, a few per slide.
    fn source_slides(&self, view: &SlideView, sources: &mut SourceList) -> Vec<SlideView> {
        let all = sources.views(&|t| self.words(t));
        let mut pages = spread(
            view,
            all.chunks(SOURCES_PER_SLIDE).collect(),
            |page, chunk| page.sources = chunk.to_vec(),
        );
        let count = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            page.title = if count > 1 {
                format!("{} ({}/{count})", label(self.labels, "sources"), i + 1)
            } else {
                label(self.labels, "sources")
            };
        }
        pages
    }
}

/// Minutes as a running clock, `h:mm`.
fn clock(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Splits a slide's minutes over the pages it became: as evenly as whole minutes allow,
/// earlier pages first, so the deck's total stays exact.
fn split_minutes(total: u32, pages: usize) -> Vec<u32> {
    let pages = pages.max(1) as u32;
    (0..pages)
        .map(|i| total / pages + u32::from(i < total % pages))
        .collect()
}

/// Groups contacts into slides by how many lines they take, so that long names, roles or
/// addresses spread over more slides instead of overflowing one. A line of 24-26 pt text holds
/// about 48 characters on the slide.
fn contact_pages(contacts: &[Contact]) -> Vec<&[Contact]> {
    let lines = |c: &Contact| {
        let head = c.name.as_str().len() + c.role.as_ref().map_or(0, |r| r.as_str().len() + 2);
        let details: usize = [&c.phone, &c.email, &c.location]
            .iter()
            .filter_map(|d| d.as_ref().map(|d| d.as_str().chars().count() + 3))
            .sum();
        head.div_ceil(48) + details.div_ceil(48)
    };
    let mut pages = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, contact) in contacts.iter().enumerate() {
        let need = lines(contact);
        if i > start && (i - start >= CONTACTS_PER_SLIDE || used + need > CONTACT_LINES_PER_SLIDE) {
            pages.push(&contacts[start..i]);
            (start, used) = (i, 0);
        }
        used += need;
    }
    if start < contacts.len() {
        pages.push(&contacts[start..]);
    }
    pages
}

/// Copies `view` once per page of items (none when there are no pages), sharing the slide's
/// minutes over the copies; each copy keeps the slide's notes.
fn spread<T>(
    view: &SlideView,
    pages: Vec<&[T]>,
    fill: impl Fn(&mut SlideView, &[T]),
) -> Vec<SlideView> {
    let minutes = split_minutes(view.minutes, pages.len());
    pages
        .into_iter()
        .zip(minutes)
        .map(|(chunk, minutes)| {
            let mut page = view.clone();
            fill(&mut page, chunk);
            page.minutes = minutes;
            page
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_hours_and_minutes() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(45), "0:45");
        assert_eq!(clock(75), "1:15");
    }

    #[test]
    fn minutes_split_exactly() {
        assert_eq!(split_minutes(3, 2), [2, 1]);
        assert_eq!(split_minutes(4, 1), [4]);
        assert_eq!(split_minutes(1, 3), [1, 0, 0]);
        for (total, pages) in [(7, 3), (2, 5), (0, 2), (45, 4)] {
            assert_eq!(split_minutes(total, pages).iter().sum::<u32>(), total);
        }
    }
}
