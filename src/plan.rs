//! The plan: everything a kit will print, resolved from the event, content and fact base.
//!
//! Loading happens once here (event, fact base, content, translations); the result is a list of
//! [`Kit`]s made of plain serializable views that the templates read. After this stage nothing
//! is looked up or checked again.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assets::Assets;
use crate::content::{self, AudienceContent, FeedbackSpec, HandoutSpec, SlideSpec};
use crate::error::Error;
use crate::event::{Audience, Contact, Event, Language, Presenter};
use crate::facts::{Fact, FactBase, Resource, Source, Translation};
use crate::toml_file::TomlFile;

/// Sources listed on one Sources slide.
const SOURCES_PER_SLIDE: usize = 6;
/// Contacts listed on one contacts slide at most.
const CONTACTS_PER_SLIDE: usize = 4;
/// Lines of contact text one slide holds below its title (26 pt names, 24 pt details).
const CONTACT_LINES_PER_SLIDE: usize = 8;
/// Reporting channels listed on one resources slide.
const RESOURCES_PER_SLIDE: usize = 3;
/// Local contacts on the back of a wallet card.
const CARD_CONTACTS: usize = 3;

/// Fixed words in a kit's language, by key (`content/i18n/<lang>.toml`).
pub type Labels = BTreeMap<String, serde_json::Value>;

/// What the user asked to build.
#[derive(Debug, Clone)]
pub struct Plan {
    pub event: Event,
    pub kits: Vec<Kit>,
    /// Things worth a look that do not stop the build (old figures).
    pub warnings: Vec<String>,
}

/// One audience in one language: a deck, the cards, the resource sheet and the handouts.
#[derive(Debug, Clone, Serialize)]
pub struct Kit {
    pub audience: Audience,
    pub language: Language,
    /// The zip's base name: `<slug>-<audience>-<lang>`.
    pub name: String,
    pub deck: Deck,
    pub card: CardView,
    pub sheet: SheetView,
    pub handouts: Vec<HandoutView>,
    pub start_here: StartHereView,
    pub feedback: FeedbackSpec,
    pub labels: Labels,
    /// Every fact and resource the kit states, for the manifest.
    pub facts_used: Vec<FactUse>,
}

/// A fact or resource id with the address of its source.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FactUse {
    pub id: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Deck {
    pub title: String,
    pub subtitle: String,
    pub minutes: u32,
    pub slides: Vec<SlideView>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct SlideView {
    pub number: usize,
    pub kind: String,
    pub title: String,
    pub minutes: u32,
    /// The running clock when the slide starts and ends, as `h:mm`.
    pub starts: String,
    pub ends: String,
    pub notes: String,
    pub text: Option<String>,
    pub points: Vec<String>,
    pub facts: Vec<FactView>,
    pub fact: Option<FactView>,
    pub left_heading: Option<String>,
    pub left: Vec<String>,
    pub right_heading: Option<String>,
    pub right: Vec<String>,
    pub steps: Vec<String>,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    pub id: String,
    pub claim: String,
    pub figure: Option<String>,
    pub attribution: Option<String>,
    /// Publisher and year, for the footnote.
    pub cite: String,
    /// For a fact from one region, e.g. `UK guidance`.
    pub region_label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResourceView {
    pub id: String,
    pub role: String,
    pub name: String,
    pub what: String,
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub url: Option<String>,
    /// The virtual path of the QR code holding `https://` + `url`.
    pub qr: Option<String>,
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub number: usize,
    pub title: String,
    pub publisher: String,
    pub date: String,
    pub url: String,
}

/// The wallet card: the key channels on the front, a few local contacts on the back.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub heading: String,
    pub lead: String,
    pub reassurance: Option<String>,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<SourceView>,
}

/// The one-page resource sheet: every channel of the region and every local contact.
#[derive(Debug, Clone, Serialize)]
pub struct SheetView {
    pub heading: String,
    pub lead: String,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<SourceView>,
}

/// A content-written handout, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct HandoutView {
    /// The PDF is `handouts/<file>.pdf`.
    pub file: String,
    pub title: String,
    pub pages: usize,
    pub lead: String,
    pub sections: Vec<SectionView>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub text: Option<String>,
    pub points: Vec<String>,
    pub steps: Vec<String>,
    pub checklist: Vec<String>,
    pub questions: Vec<String>,
    pub facts: Vec<FactView>,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub reporting_steps: Vec<String>,
    /// Whether the event has more contacts than the handout shows.
    pub more_contacts: bool,
    pub new_page: bool,
}

/// The presenter's guide: objectives, agenda, preparation, what to do if someone discloses.
#[derive(Debug, Clone, Serialize)]
pub struct StartHereView {
    pub objectives: Vec<String>,
    pub prepare: Vec<String>,
    pub if_someone_discloses: Vec<String>,
    pub disclosure_facts: Vec<FactView>,
    pub questions: Vec<QuestionView>,
    /// Slides with time on the clock, in order.
    pub agenda: Vec<AgendaItem>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub question: String,
    pub answer: String,
    pub facts: Vec<FactView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub starts: String,
    pub minutes: u32,
    pub title: String,
}

/// The event as the templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub organization: String,
    pub date: String,
    pub date_long: String,
    pub venue: Option<String>,
    pub region: String,
    pub presenter: Option<Presenter>,
    pub contacts: Vec<Contact>,
    pub accent: Option<String>,
    pub logo: Option<LogoView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    pub path: String,
    pub alt: String,
}

/// Loads content for the requested audiences and languages and resolves every kit.
pub fn build(
    event: Event,
    audiences: &[Audience],
    languages: &[Language],
    assets: &Assets,
) -> Result<Plan, Error> {
    let facts_asset = assets.get("content/facts.toml")?;
    let base = FactBase::parse(&TomlFile {
        name: &facts_asset.name,
        text: &facts_asset.text,
    })?;
    let mut kits = Vec::new();
    for language in languages {
        let labels = load_labels(assets, language)?;
        let notes_words = notes_words(&labels);
        let translation = if language.is_english() {
            None
        } else {
            let asset = assets.get(&format!("content/{language}/facts.toml"))?;
            let file = TomlFile {
                name: &asset.name,
                text: &asset.text,
            };
            Some(Translation::parse(&file, &base)?)
        };
        for &audience in audiences {
            let asset = assets.get(&content_path(language, audience))?;
            let file = TomlFile {
                name: &asset.name,
                text: &asset.text,
            };
            let content =
                content::parse(&file, audience, event.region, &base, notes_words.clone())?;
            let resolver = Resolver::new(&event, audience, &base, &labels, translation.as_ref());
            kits.push(resolver.kit(language.clone(), &content));
        }
    }
    let mut warnings = stale_warnings(&event, &kits, &base);
    // A presenter who edits the English content of an audience but builds another language
    // too would otherwise get two kits that say different things.
    for language in languages.iter().filter(|l| !l.is_english()) {
        for &audience in audiences {
            let english = content_path(&Language::english(), audience);
            let translated = content_path(language, audience);
            if assets.is_overridden(&english) && !assets.is_overridden(&translated) {
                warnings.push(format!(
                    "your templates folder changes `{english}` but not `{translated}`: the `{language}` kit for {audience} uses the built-in content"
                ));
            }
        }
    }
    Ok(Plan {
        event,
        kits,
        warnings,
    })
}

/// A warning for every printed figure whose `stale_after` year is before the event's year.
fn stale_warnings(event: &Event, kits: &[Kit], base: &FactBase) -> Vec<String> {
    let mut ids: Vec<&str> = kits
        .iter()
        .flat_map(|k| k.facts_used.iter().map(|f| f.id.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| base.facts.get(id))
        .filter_map(|fact| {
            let year = fact.stale_after?;
            (event.date.year > year).then(|| {
                format!(
                    "fact `{}` counts as old after {year} and the event is in {}; prefer a newer verified figure in content/facts.toml",
                    fact.id, event.date.year
                )
            })
        })
        .collect()
}

/// Where an audience's content is for a language: English in content/, others in
/// content/<lang>/.
fn content_path(language: &Language, audience: Audience) -> String {
    if language.is_english() {
        format!("content/{audience}.toml")
    } else {
        format!("content/{language}/{audience}.toml")
    }
}

/// How many words a speaker note may have in this language (`notes-words` in the translation
/// table; other languages run longer than English).
fn notes_words(labels: &Labels) -> std::ops::RangeInclusive<usize> {
    let bound = |i: usize, default: usize| {
        labels
            .get("notes-words")
            .and_then(|v| v.get(i))
            .and_then(|v| v.as_u64())
            .map_or(default, |v| v as usize)
    };
    let english = content::NOTES_WORDS;
    bound(0, *english.start())..=bound(1, *english.end())
}

fn load_labels(assets: &Assets, language: &Language) -> Result<Labels, Error> {
    let asset = assets.get(&format!("content/i18n/{}.toml", language.as_str()))?;
    let table: BTreeMap<String, toml::Value> = TomlFile {
        name: &asset.name,
        text: &asset.text,
    }
    .parse()?;
    let labels: Labels = table
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                serde_json::to_value(v).expect("TOML values convert to JSON"),
            )
        })
        .collect();
    let regions = crate::event::Region::ALL
        .iter()
        .map(|r| format!("region-{r}"));
    let required = [
        "sources",
        "local-contacts",
        "sheet-heading",
        "figures",
        "guidance",
        "date-format",
        "undated",
        "region-fact",
    ]
    .map(str::to_string);
    for key in required.into_iter().chain(regions) {
        if !labels.get(&key).is_some_and(|v| v.is_string()) {
            return Err(Error::at(
                asset.name.as_str(),
                None,
                format!("the translation table has no text for `{key}`"),
            ));
        }
    }
    let months = labels.get("months").and_then(|m| m.as_array());
    if months.is_none_or(|m| m.len() != 12 || !m.iter().all(|v| v.is_string())) {
        return Err(Error::at(
            asset.name.as_str(),
            None,
            "the translation table needs `months`: the twelve month names",
        ));
    }
    Ok(labels)
}

/// Collects sources in order of first use, numbering each distinct one once.
#[derive(Default)]
struct SourceList {
    sources: Vec<Source>,
    used: Vec<FactUse>,
}

impl SourceList {
    fn cite(&mut self, id: &str, source: &Source) {
        if !self.sources.contains(source) {
            self.sources.push(source.clone());
        }
        let address = if source.url.is_empty() {
            format!("{} ({})", source.title, source.date)
        } else {
            source.url.clone()
        };
        let entry = FactUse {
            id: id.to_string(),
            source: address,
        };
        if !self.used.contains(&entry) {
            self.used.push(entry);
        }
    }

    /// The sources in order, with descriptive words (`undated`, "news report quoting ...") in
    /// the kit's language through `words`; titles stay as published.
    fn views(&self, words: &dyn Fn(&str) -> String) -> Vec<SourceView> {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, s)| SourceView {
                number: i + 1,
                title: s.title.clone(),
                publisher: words(&s.publisher),
                date: words(&s.date),
                url: s.url.clone(),
            })
            .collect()
    }
}

/// A fixed word; every key used here is checked to exist when the table is loaded.
fn label(labels: &Labels, key: &str) -> String {
    labels
        .get(key)
        .and_then(|v| v.as_str())
        .expect("required labels are checked when the table is loaded")
        .to_string()
}

fn resource_view(resource: &Resource, translation: Option<&Translation>) -> ResourceView {
    let what = translation
        .and_then(|t| t.resource.get(&resource.id))
        .map_or(&resource.what, |t| &t.what);
    ResourceView {
        id: resource.id.clone(),
        role: resource.role.clone(),
        name: resource.name.clone(),
        what: what.clone(),
        phone: resource.phone.clone(),
        sms: resource.sms.clone(),
        url: resource.url.clone(),
        qr: resource.url.as_ref().map(|_| qr_path(&resource.id)),
        cite: resource.source.short(),
    }
}

/// Where the QR code of a resource's web address lives in the virtual file map.
pub fn qr_path(resource_id: &str) -> String {
    format!("/qr/{resource_id}.svg")
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

/// Resolves the content of one audience against the event and the fact base.
struct Resolver<'a> {
    event: &'a Event,
    audience: Audience,
    base: &'a FactBase,
    labels: &'a Labels,
    /// The fact base's wording in the kit's language (none for English).
    translation: Option<&'a Translation>,
}

impl<'a> Resolver<'a> {
    fn new(
        event: &'a Event,
        audience: Audience,
        base: &'a FactBase,
        labels: &'a Labels,
        translation: Option<&'a Translation>,
    ) -> Self {
        Resolver {
            event,
            audience,
            base,
            labels,
            translation,
        }
    }

    fn fact(&self, id: &str, sources: &mut SourceList) -> FactView {
        let fact: &Fact = self
            .base
            .fact(id, self.audience)
            .expect("fact ids are checked when content is loaded");
        sources.cite(&fact.id, &fact.source);
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
        FactView {
            id: fact.id.clone(),
            claim: text.map_or(&fact.claim, |t| &t.claim).clone(),
            figure: text.map_or(fact.figure.clone(), |t| t.figure.clone()),
            attribution: text.map_or(fact.attribution.clone(), |t| t.attribution.clone()),
            cite: self.cite(&fact.source),
            region_label,
        }
    }

    fn resources(&self, list: Vec<&Resource>, sources: &mut SourceList) -> Vec<ResourceView> {
        list.into_iter()
            .inspect(|r| sources.cite(&r.id, &r.source))
            .map(|r| ResourceView {
                cite: self.cite(&r.source),
                name: self.words(&r.name),
                ..resource_view(r, self.translation)
            })
            .collect()
    }

    /// Publisher and year (or the source's date words), in the kit's language.
    fn cite(&self, source: &crate::facts::Source) -> String {
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
    fn words(&self, text: &str) -> String {
        if text == "undated" {
            return label(self.labels, "undated");
        }
        self.translation
            .and_then(|t| t.terms.get(text))
            .cloned()
            .unwrap_or_else(|| text.to_string())
    }

    fn kit(&self, language: Language, content: &AudienceContent) -> Kit {
        let mut deck_sources = SourceList::default();
        let mut slides: Vec<SlideView> = Vec::new();
        let mut dropped_minutes = 0;
        for spec in &content.slides {
            let pages = self.slide(spec, &mut deck_sources);
            if pages.is_empty() {
                dropped_minutes += spec.minutes.unwrap_or(0);
            }
            slides.extend(pages);
        }
        // A slide left out for lack of event data gives its time to the questions.
        let receiver = slides
            .iter()
            .position(|s| s.kind == "questions")
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

        let region = self.event.region;
        let mut card_sources = SourceList::default();
        let card = CardView {
            heading: content.card.heading.clone(),
            lead: content.card.lead.clone(),
            reassurance: content.card.reassurance.clone(),
            resources: self.resources(
                self.base.key_resources(self.audience, region),
                &mut card_sources,
            ),
            contacts: self
                .event
                .contacts
                .iter()
                .take(CARD_CONTACTS)
                .cloned()
                .collect(),
            sources: Vec::new(),
        };
        let card = CardView {
            sources: card_sources.views(&|t| self.words(t)),
            ..card
        };

        let mut sheet_sources = SourceList::default();
        let resources = self.resources(
            self.base.resources_for(self.audience, region),
            &mut sheet_sources,
        );
        let sheet = SheetView {
            heading: label(self.labels, "sheet-heading"),
            lead: content.card.lead.clone(),
            resources,
            contacts: self.event.contacts.clone(),
            sources: sheet_sources.views(&|t| self.words(t)),
        };

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
        let guide = &content.start_here;
        let start_here = StartHereView {
            objectives: guide.objectives.clone(),
            prepare: guide.prepare.clone(),
            if_someone_discloses: guide.if_someone_discloses.clone(),
            disclosure_facts: guide
                .disclosure_facts
                .iter()
                .map(|id| self.fact(id.get_ref(), &mut guide_sources))
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
                        .map(|id| self.fact(id.get_ref(), &mut guide_sources))
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
            sources: guide_sources.views(&|t| self.words(t)),
        };

        let mut facts_used: Vec<FactUse> =
            [deck_sources, card_sources, sheet_sources, guide_sources]
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
            labels: self.labels.clone(),
            facts_used,
        }
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
            "resources" => {
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
                    &view,
                    all.chunks(RESOURCES_PER_SLIDE).collect(),
                    |page, chunk| page.resources = chunk.to_vec(),
                )
            }
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
            "sources" => {
                let all = sources.views(&|t| self.words(t));
                let mut pages = spread(
                    &view,
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
            _ => vec![view],
        }
    }

    fn handout(&self, spec: &HandoutSpec, sources: &mut SourceList) -> HandoutView {
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

impl Plan {
    /// The event as the templates see it, with dates in the kit's language.
    pub fn event_view(&self, kit: &Kit) -> EventView {
        let event = &self.event;
        let months = kit.labels.get("months").and_then(|m| m.as_array());
        let month = months
            .and_then(|m| m.get(usize::from(event.date.month) - 1))
            .and_then(|m| m.as_str())
            .map(str::to_string);
        let date_long = match (
            month,
            kit.labels.get("date-format").and_then(|f| f.as_str()),
        ) {
            (Some(month), Some(format)) => format
                .replace("{month}", &month)
                .replace("{day}", &event.date.day.to_string())
                .replace("{year}", &event.date.year.to_string()),
            _ => event.date.long_english(),
        };
        EventView {
            organization: event.organization.to_string(),
            date: event.date.to_string(),
            date_long,
            venue: event.venue.as_ref().map(ToString::to_string),
            region: event.region.as_str().to_string(),
            presenter: event.presenter.clone(),
            contacts: event.contacts.clone(),
            accent: event.accent.map(|c| c.hex()),
            logo: event.logo.as_ref().map(|logo| LogoView {
                path: format!("/logo.{}", logo.format.extension()),
                alt: logo.alt.to_string(),
            }),
        }
    }
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
