//! Resolving one audience's content against the event and the fact base into a [`Kit`].
//!
//! The deck's slides and the printed documents are resolved by the methods of the deck and
//! handouts modules; this module holds what they share: facts, channels and citations in the
//! kit's language.

use super::channels::merge_shared_addresses;
use super::labels::{Labels, label};
use super::sources::SourceList;
use super::views::{BarView, Deck, FactUse, FactView, Kit, ResourceView};
use crate::load::content::AudienceContent;
use crate::load::event::{Audience, Event, Language};
use crate::load::facts::{Fact, FactBase, Resource, SeriesPoint, Source, Translation};

/// Resolves the content of one audience against the event and the fact base.
pub struct Resolver<'a> {
    pub event: &'a Event,
    pub audience: Audience,
    pub base: &'a FactBase,
    pub labels: &'a Labels,
    /// The fact base's wording in the kit's language (none for English).
    pub translation: Option<&'a Translation>,
    /// Whether channels print their Spanish-language option (988: press 2): in Spanish only.
    pub prints_spanish_option: bool,
}

impl<'a> Resolver<'a> {
    /// A resolver for one audience and language.
    pub fn new(
        event: &'a Event,
        audience: Audience,
        base: &'a FactBase,
        labels: &'a Labels,
        translation: Option<&'a Translation>,
        language: &Language,
    ) -> Self {
        Resolver {
            event,
            audience,
            base,
            labels,
            translation,
            prints_spanish_option: language.as_str() == "es",
        }
    }

    /// A fact in the kit's language with its citation, recorded in `sources`.
    pub fn fact(&self, id: &str, sources: &mut SourceList) -> FactView {
        let fact: &Fact = self
            .base
            .fact(id, self.audience)
            .expect("fact ids are checked when content is loaded");
        sources.cite(&fact.id, &fact.source, fact.counts.as_deref());
        let region_label = fact.region.as_ref().map(|region| {
            let kind = if fact.figure.is_some() {
                "figures"
            } else {
                "guidance"
            };
            // `region-fact` orders the words: "UK guidance", "Guía del Reino Unido".
            label(self.labels, "region-fact")
                .replace("{region}", &label(self.labels, &format!("region-{region}")))
                .replace("{kind}", &label(self.labels, kind))
        });
        let text = self.translation.and_then(|t| t.fact.get(&fact.id));
        let claim = text.map_or(&fact.claim, |t| &t.claim).clone();
        let headline = text.map_or(fact.headline.clone(), |t| t.headline.clone());
        let series = self.bars(fact, text.and_then(|t| t.series_labels.as_deref()));
        let chart_alt = (!series.is_empty()).then(|| {
            let bars: Vec<String> = series
                .iter()
                .map(|b| format!("{}: {}", b.label, b.value))
                .collect();
            format!("{}: {}", label(self.labels, "chart"), bars.join("; "))
        });
        FactView {
            id: fact.id.clone(),
            short: headline.unwrap_or_else(|| claim.clone()),
            claim,
            series,
            chart_alt,
            figure: text.map_or(fact.figure.clone(), |t| t.figure.clone()),
            attribution: text.map_or(fact.attribution.clone(), |t| t.attribution.clone()),
            cite: self.cite(&fact.source),
            region_label,
            counts: fact.counts.clone(),
        }
    }

    /// A fact's series as bars, labelled in the kit's language; bar lengths are shares of the
    /// largest value.
    fn bars(&self, fact: &Fact, labels: Option<&[String]>) -> Vec<BarView> {
        let points = fact.series.as_deref().unwrap_or_default();
        let largest = points
            .iter()
            .filter_map(SeriesPoint::amount)
            .fold(0.0_f64, f64::max);
        points
            .iter()
            .enumerate()
            .map(|(i, point)| BarView {
                label: labels
                    .and_then(|l| l.get(i))
                    .unwrap_or(&point.label)
                    .clone(),
                value: self.number(&point.value),
                share: if largest > 0.0 {
                    point.amount().unwrap_or(0.0) / largest
                } else {
                    0.0
                },
            })
            .collect()
    }

    /// A number of the fact base (`18,898`, `3.5`) as the kit's language writes it (French
    /// `18 898`, `3,5`): the same digits, its separators from `thousands` and `decimal`.
    fn number(&self, value: &str) -> String {
        let thousands = label(self.labels, "thousands");
        let decimal = label(self.labels, "decimal");
        let chars: Vec<char> = value.chars().collect();
        let between_digits = |i: usize| {
            i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        };
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| match c {
                ',' if between_digits(i) => thousands.clone(),
                '.' if between_digits(i) => decimal.clone(),
                c => c.to_string(),
            })
            .collect()
    }

    /// Channels in the kit's language with their citations, recorded in `sources`.
    pub fn resources(&self, list: Vec<&Resource>, sources: &mut SourceList) -> Vec<ResourceView> {
        let views = list
            .into_iter()
            .inspect(|r| sources.cite(&r.id, &r.source, None))
            .map(|r| ResourceView {
                cite: self.cite(&r.source),
                name: self.words(&r.name),
                ..resource_view(r, self.translation)
            })
            // The Spanish-language option serves Spanish speakers: the Spanish kits print it,
            // a French kit (whose fact wording translates it too) does not.
            .map(|mut view| {
                if !self.prints_spanish_option {
                    view.spanish = None;
                }
                view
            })
            .collect();
        merge_shared_addresses(views)
    }

    /// Publisher and year (or the source's date words), in the kit's language.
    pub fn cite(&self, source: &Source) -> String {
        let short = source.short();
        let publisher = self.words(&source.publisher);
        match short.strip_prefix(&format!("{}, ", source.publisher)) {
            Some(date) => format!("{publisher}, {}", self.words(date)),
            None => short,
        }
    }

    /// Descriptive words of the fact base in the kit's language: `undated` from the translation
    /// table, other phrases from the `[terms]` of the language's facts file; names stay as
    /// they are.
    pub fn words(&self, text: &str) -> String {
        if text == "undated" {
            return label(self.labels, "undated");
        }
        self.translation
            .and_then(|t| t.terms.get(text))
            .cloned()
            .unwrap_or_else(|| text.to_string())
    }

    /// The whole kit of this audience in `language`.
    pub fn kit(&self, language: Language, content: &AudienceContent) -> Kit {
        let mut deck_sources = SourceList::default();
        let mut slides = self.slides(content, &mut deck_sources);
        let mut check_sources = SourceList::default();
        let knowledge_check = content
            .knowledge_check
            .as_ref()
            .map(|spec| self.knowledge_check(spec, &slides, &mut check_sources));
        if knowledge_check.is_some() {
            // When to hand the check out, where the presenter reads it at the time.
            // Before the first and the last slide's own notes: the closing slide stays up
            // during the questions, when people start to leave.
            let last = slides.len().saturating_sub(1);
            for (index, key) in [(0, "check-notes-first"), (last, "check-notes-last")] {
                if let Some(slide) = slides.get_mut(index) {
                    let words = label(self.labels, key);
                    slide.notes = format!("{words} {}", slide.notes).trim().to_string();
                }
            }
        }
        let mut card_sources = SourceList::default();
        let card = self.card(content, &mut card_sources);
        let mut sheet_sources = SourceList::default();
        let sheet = self.sheet(content, &mut sheet_sources);
        let mut handout_sources = Vec::new();
        let handouts = content
            .handouts
            .iter()
            .map(|h| {
                let mut sources = SourceList::default();
                let view = self.handout(h, &mut sources);
                handout_sources.push(sources);
                view
            })
            .collect();
        let mut guide_sources = SourceList::default();
        let start_here = self.start_here(content, &slides, &mut guide_sources);

        let mut facts_used: Vec<FactUse> = [
            deck_sources,
            card_sources,
            sheet_sources,
            guide_sources,
            check_sources,
        ]
        .into_iter()
        .chain(handout_sources)
        .flat_map(|s| s.used)
        .collect();
        facts_used.sort();
        facts_used.dedup();

        Kit {
            audience: self.audience,
            name: format!(
                "{}-{}-{}",
                self.event.slug,
                self.audience.as_str(),
                language.as_str()
            ),
            language,
            deck: Deck {
                title: content.title.clone(),
                subtitle: content.subtitle.clone(),
                minutes: content.minutes,
                slides,
            },
            card,
            sheet,
            handouts,
            start_here,
            feedback: content.feedback.clone(),
            knowledge_check,
            paperwork: Vec::new(),
            labels: self.labels.clone(),
            facts_used,
        }
    }
}

fn resource_view(resource: &Resource, translation: Option<&Translation>) -> ResourceView {
    let text = translation.and_then(|t| t.resource.get(&resource.id));
    let what = text.map_or(&resource.what, |t| &t.what);
    ResourceView {
        id: resource.id.clone(),
        role: resource.role.clone(),
        name: resource.name.clone(),
        what: what.clone(),
        phone: resource.phone.clone(),
        sms: text
            .and_then(|t| t.sms.clone())
            .or_else(|| resource.sms.clone()),
        url: resource.url.clone(),
        scope: text
            .and_then(|t| t.scope.clone())
            .or_else(|| resource.scope.clone()),
        // The service's Spanish option is printed in the kits whose translation words it (the
        // loader requires that wherever the base has one); English kits leave it out.
        spanish: text.and_then(|t| t.spanish.clone()),
        qr: resource.url.as_ref().map(|_| qr_path(&resource.id)),
        cite: resource.source.short(),
    }
}

/// Where the QR code of a resource's web address lives in the virtual file map.
pub fn qr_path(resource_id: &str) -> String {
    format!("/qr/{resource_id}.svg")
}
