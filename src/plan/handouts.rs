//! The printed documents of a kit: the wallet card, the resource sheet, the content-written
//! handouts and START-HERE, each with the sources it cites.

use super::labels::label;
use super::resolve::Resolver;
use super::sources::SourceList;
use super::views::{
    AgendaItem, CardView, HandoutView, QuestionView, SectionView, SheetView, SlideView,
    StartHereView,
};
use crate::load::content::{AudienceContent, HandoutSpec};

/// Local contacts on the back of a wallet card.
const CARD_CONTACTS: usize = 3;

impl Resolver<'_> {
    /// The wallet card: the region's key channels and the first local contacts.
    pub fn card(&self, content: &AudienceContent, sources: &mut SourceList) -> CardView {
        let region = self.event.region;
        let resources = self.resources(self.base.key_resources(self.audience, region), sources);
        CardView {
            heading: content.card.heading.clone(),
            lead: content.card.lead.clone(),
            reassurance: content.card.reassurance.clone(),
            resources,
            contacts: self
                .event
                .contacts
                .iter()
                .take(CARD_CONTACTS)
                .cloned()
                .collect(),
            sources: sources.views(&|t| self.words(t)),
        }
    }

    /// The resource sheet: every channel of the region and every local contact.
    pub fn sheet(&self, content: &AudienceContent, sources: &mut SourceList) -> SheetView {
        let region = self.event.region;
        let resources = self.resources(self.base.resources_for(self.audience, region), sources);
        SheetView {
            heading: label(self.labels, "sheet-heading"),
            lead: content.card.lead.clone(),
            resources,
            contacts: self.event.contacts.clone(),
            sources: sources.views(&|t| self.words(t)),
        }
    }

    /// START-HERE: objectives, agenda, preparation, disclosure advice and questions.
    pub fn start_here(
        &self,
        content: &AudienceContent,
        slides: &[SlideView],
        sources: &mut SourceList,
    ) -> StartHereView {
        let guide = &content.start_here;
        StartHereView {
            objectives: guide.objectives.clone(),
            prepare: guide.prepare.clone(),
            if_someone_discloses: guide.if_someone_discloses.clone(),
            disclosure_facts: guide
                .disclosure_facts
                .iter()
                .map(|id| self.fact(id.get_ref(), sources))
                .collect(),
            disclosure_say: guide
                .disclosure_say
                .as_ref()
                .map(|id| self.fact(id.get_ref(), sources)),
            police_note: guide.police_note.clone(),
            police_facts: guide
                .police_facts
                .iter()
                .map(|id| self.fact(id.get_ref(), sources))
                .collect(),
            questions: guide
                .questions
                .iter()
                .map(|q| QuestionView {
                    question: q.question.clone(),
                    answer: q.answer.clone(),
                    facts: q
                        .facts
                        .iter()
                        .map(|id| self.fact(id.get_ref(), sources))
                        .collect(),
                })
                .collect(),
            agenda: slides
                .iter()
                .filter(|s| s.minutes > 0)
                .map(|s| AgendaItem {
                    starts: s.starts.clone(),
                    minutes: s.minutes,
                    title: s.title.clone(),
                })
                .collect(),
            sources: sources.views(&|t| self.words(t)),
        }
    }

    /// A content-written handout, its sections resolved; sections made only of absent event
    /// data are left out.
    pub fn handout(&self, spec: &HandoutSpec, sources: &mut SourceList) -> HandoutView {
        let sections = spec
            .sections
            .iter()
            .filter_map(|section| {
                let view = SectionView {
                    heading: section.heading.clone(),
                    text: section.text.clone(),
                    points: section.points.clone().unwrap_or_default(),
                    steps: section.steps.clone().unwrap_or_default(),
                    checklist: section.checklist.clone().unwrap_or_default(),
                    questions: section.questions.clone().unwrap_or_default(),
                    facts: section
                        .facts
                        .iter()
                        .flatten()
                        .map(|id| self.fact(id.get_ref(), sources))
                        .collect(),
                    say: section
                        .say
                        .as_ref()
                        .map(|id| self.fact(id.get_ref(), sources)),
                    resources: if section.resources {
                        self.resources(
                            self.base.resources_for(self.audience, self.event.region),
                            sources,
                        )
                    } else {
                        Vec::new()
                    },
                    // A handout shows the first few contacts; the resource sheet has them all.
                    contacts: if section.contacts {
                        self.event
                            .contacts
                            .iter()
                            .take(CARD_CONTACTS)
                            .cloned()
                            .collect()
                    } else {
                        Vec::new()
                    },
                    more_contacts: section.contacts && self.event.contacts.len() > CARD_CONTACTS,
                    reporting_steps: if section.reporting_steps {
                        self.event
                            .reporting_steps
                            .iter()
                            .map(ToString::to_string)
                            .collect()
                    } else {
                        Vec::new()
                    },
                    new_page: section.new_page,
                    reporting: section.reporting_steps,
                };
                // A section made only of absent event data is left out, not printed empty.
                let empty = view.text.is_none()
                    && [&view.points, &view.steps, &view.checklist, &view.questions]
                        .iter()
                        .all(|l| l.is_empty())
                    && view.facts.is_empty()
                    && view.resources.is_empty()
                    && view.contacts.is_empty()
                    && view.reporting_steps.is_empty();
                (!empty).then_some(view)
            })
            .collect();
        HandoutView {
            file: spec.file.get_ref().clone(),
            title: spec.title.clone(),
            pages: spec.pages,
            lead: spec.lead.clone(),
            sections,
            sources: sources.views(&|t| self.words(t)),
        }
    }
}
