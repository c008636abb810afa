//! The school's own paperwork: the awareness poster and the letter home, each resolved in one
//! language for every kit that carries it, and a kit's before-and-after knowledge check.

use super::labels::{Labels, label};
use super::resolve::Resolver;
use super::sources::SourceList;
use super::views::{
    CheckQuestionView, KnowledgeCheckView, LetterView, PosterView, ResourceView, SlideView,
};
use crate::load::content::{KnowledgeCheckSpec, LetterSpec, PosterSpec};
use crate::load::event::Audience;

impl Resolver<'_> {
    /// The poster, for the students who read it in a corridor: the resolver's audience is the
    /// teens, whatever kit carries it.
    pub fn poster(&self, spec: &PosterSpec, sources: &mut SourceList) -> PosterView {
        debug_assert_eq!(self.audience, Audience::Teens);
        let region = self.event.region;
        let definition = self.fact(spec.definition.get_ref(), sources);
        let steps = self.fact(spec.steps_for(region.as_str()), sources);
        let report = self
            .base
            .resources_for(self.audience, region)
            .into_iter()
            .filter(|r| r.role == "report")
            .collect();
        let report = self.resources(report, sources);
        let key = self.resources(self.base.key_resources(self.audience, region), sources);
        let of_role = |role: &str| key.iter().find(|r| r.role == role).cloned();
        PosterView {
            headline: spec.headline.clone(),
            definition,
            reassurance: spec.reassurance.clone(),
            steps,
            report,
            crisis: of_role("crisis"),
            takedown: of_role("takedown"),
            law_enforcement: self.event.law_enforcement.clone(),
            sources: sources.views(&|t| self.words(t)),
        }
    }

    /// The letter home: the resolver's audience is the parents who read it; `objectives` are
    /// the teens deck's.
    pub fn letter(
        &self,
        words: &LetterSpec,
        session: &str,
        objectives: &[String],
        sources: &mut SourceList,
    ) -> LetterView {
        debug_assert_eq!(self.audience, Audience::Parents);
        let letter = &self.event.parent_letter;
        let helplines: Vec<ResourceView> = self.resources(
            self.base.key_resources(self.audience, self.event.region),
            sources,
        );
        LetterView {
            words: words.clone(),
            session: session.to_string(),
            time: letter
                .session_time
                .map(|(h, m)| clock_time(self.labels, h, m)),
            objectives: objectives.to_vec(),
            parents_session: self.event.audiences.contains(&Audience::Parents),
            reply_by: letter
                .reply_by
                .map(|date| super::long_date(self.labels, date)),
            helplines,
            sources: sources.views(&|t| self.words(t)),
        }
    }

    /// The knowledge check with its answers, each question tied to its slide or fact.
    pub fn knowledge_check(
        &self,
        spec: &KnowledgeCheckSpec,
        slides: &[SlideView],
        sources: &mut SourceList,
    ) -> KnowledgeCheckView {
        let questions = spec
            .questions
            .get_ref()
            .iter()
            .map(|q| {
                let (choices, answer) = match &q.choices {
                    Some(choices) => (choices.clone(), q.answer.get_ref().clone()),
                    None => {
                        let yes = label(self.labels, "check-true");
                        let no = label(self.labels, "check-false");
                        let answer = if q.answer.get_ref() == "true" {
                            yes.clone()
                        } else {
                            no.clone()
                        };
                        (vec![yes, no], answer)
                    }
                };
                let slide = q.slide.as_ref().and_then(|title| {
                    slides
                        .iter()
                        .find(|s| s.title == *title.get_ref())
                        .map(|s| (s.number, s.title.clone()))
                });
                CheckQuestionView {
                    question: q.question.clone(),
                    choices,
                    answer,
                    slide_number: slide.as_ref().map(|s| s.0),
                    slide_title: slide.map(|s| s.1),
                    fact: q.fact.as_ref().map(|id| self.fact(id.get_ref(), sources)),
                }
            })
            .collect();
        KnowledgeCheckView { questions }
    }
}

/// A time of day in the language's format: `time-format` with `{h}` (0-23), `{h12}` (1-12),
/// `{mm}` (two digits) and `{ampm}` (the `am` or `pm` label).
fn clock_time(labels: &Labels, hours: u8, minutes: u8) -> String {
    let h12 = match hours % 12 {
        0 => 12,
        h => h,
    };
    let ampm = label(labels, if hours < 12 { "am" } else { "pm" });
    label(labels, "time-format")
        .replace("{h12}", &h12.to_string())
        .replace("{h}", &hours.to_string())
        .replace("{mm}", &format!("{minutes:02}"))
        .replace("{ampm}", &ampm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(format: &str) -> Labels {
        [("time-format", format), ("am", "a.m."), ("pm", "p.m.")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
            .collect()
    }

    #[test]
    fn times_follow_the_language_format() {
        let english = labels("{h12}:{mm} {ampm}");
        assert_eq!(clock_time(&english, 10, 15), "10:15 a.m.");
        assert_eq!(clock_time(&english, 0, 5), "12:05 a.m.");
        assert_eq!(clock_time(&english, 12, 0), "12:00 p.m.");
        assert_eq!(clock_time(&english, 13, 30), "1:30 p.m.");
        let spanish = labels("{h}:{mm}");
        assert_eq!(clock_time(&spanish, 13, 30), "13:30");
        assert_eq!(clock_time(&spanish, 9, 5), "9:05");
    }
}
