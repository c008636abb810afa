//! The plan: everything a kit will print, resolved from the event, content and fact base.
//!
//! Loading happens once here (event, fact base, content, translations); the result is a list of
//! [`Kit`]s made of plain serializable views that the templates read. After this stage nothing
//! is looked up or checked again.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assets::Assets;
use crate::content::{self, AudienceContent, SlideSpec};
use crate::error::Error;
use crate::event::{Audience, Contact, Event, Language, Presenter};
use crate::facts::{Fact, FactBase, Resource, Source};
use crate::toml_file::TomlFile;

/// Sources listed on one Sources slide.
const SOURCES_PER_SLIDE: usize = 5;
/// Contacts listed on one contacts slide.
const CONTACTS_PER_SLIDE: usize = 4;
/// Reporting channels listed on one resources slide.
const RESOURCES_PER_SLIDE: usize = 3;

/// What the user asked to build.
#[derive(Debug, Clone)]
pub struct Plan {
    pub event: Event,
    pub kits: Vec<Kit>,
}

/// One audience in one language: a deck and a resource card.
#[derive(Debug, Clone, Serialize)]
pub struct Kit {
    pub audience: Audience,
    pub language: Language,
    /// The zip's base name: `<slug>-<audience>-<lang>`.
    pub name: String,
    pub deck: Deck,
    pub card: CardView,
    /// Fixed words in the kit's language.
    pub labels: BTreeMap<String, serde_json::Value>,
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
    pub name: String,
    pub what: String,
    pub phone: Option<String>,
    pub sms: Option<String>,
    pub url: Option<String>,
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

#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    pub heading: String,
    pub lead: String,
    pub reassurance: Option<String>,
    pub resources: Vec<ResourceView>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<SourceView>,
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
    for &language in languages {
        let labels = load_labels(assets, language)?;
        for &audience in audiences {
            let asset = assets.get(&format!("content/{}.toml", audience.as_str()))?;
            let content = content::parse(
                &TomlFile {
                    name: &asset.name,
                    text: &asset.text,
                },
                audience,
                &base,
            )?;
            kits.push(resolve_kit(
                &event, audience, language, &content, &base, &labels,
            ));
        }
    }
    Ok(Plan { event, kits })
}

fn load_labels(
    assets: &Assets,
    language: Language,
) -> Result<BTreeMap<String, serde_json::Value>, Error> {
    let asset = assets.get(&format!("content/i18n/{}.toml", language.as_str()))?;
    let table: BTreeMap<String, toml::Value> = TomlFile {
        name: &asset.name,
        text: &asset.text,
    }
    .parse()?;
    Ok(table
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                serde_json::to_value(v).expect("TOML values convert to JSON"),
            )
        })
        .collect())
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

    fn views(&self) -> Vec<SourceView> {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, s)| SourceView {
                number: i + 1,
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                date: s.date.clone(),
                url: s.url.clone(),
            })
            .collect()
    }
}

fn label(labels: &BTreeMap<String, serde_json::Value>, key: &str) -> String {
    labels
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or(key)
        .to_string()
}

fn fact_view(fact: &Fact, labels: &BTreeMap<String, serde_json::Value>) -> FactView {
    let region_label = fact.region.as_ref().map(|region| {
        let kind = if fact.figure.is_some() {
            "figures"
        } else {
            "guidance"
        };
        format!(
            "{} {}",
            label(labels, &format!("region-{region}")),
            label(labels, kind)
        )
    });
    FactView {
        id: fact.id.clone(),
        claim: fact.claim.clone(),
        figure: fact.figure.clone(),
        attribution: fact.attribution.clone(),
        cite: fact.source.short(),
        region_label,
    }
}

fn resource_view(resource: &Resource) -> ResourceView {
    ResourceView {
        id: resource.id.clone(),
        name: resource.name.clone(),
        what: resource.what.clone(),
        phone: resource.phone.clone(),
        sms: resource.sms.clone(),
        url: resource.url.clone(),
        cite: resource.source.short(),
    }
}

fn resolve_kit(
    event: &Event,
    audience: Audience,
    language: Language,
    content: &AudienceContent,
    base: &FactBase,
    labels: &BTreeMap<String, serde_json::Value>,
) -> Kit {
    let mut deck_sources = SourceList::default();
    let mut slides: Vec<SlideView> = Vec::new();
    for spec in &content.slides {
        resolve_slide(
            spec,
            event,
            audience,
            base,
            labels,
            &mut deck_sources,
            &mut slides,
        );
    }
    for (i, slide) in slides.iter_mut().enumerate() {
        slide.number = i + 1;
    }

    let mut card_sources = SourceList::default();
    let card_resources: Vec<ResourceView> = base
        .resources_for(audience, event.region)
        .into_iter()
        .inspect(|r| card_sources.cite(&r.id, &r.source))
        .map(resource_view)
        .collect();
    let card = CardView {
        heading: content.card.heading.clone(),
        lead: content.card.lead.clone(),
        reassurance: content.card.reassurance.clone(),
        resources: card_resources,
        contacts: event.contacts.clone(),
        sources: card_sources.views(),
    };

    let mut facts_used = deck_sources.used;
    facts_used.extend(card_sources.used);
    facts_used.sort();
    facts_used.dedup();

    Kit {
        audience,
        language,
        name: format!("{}-{}-{}", event.slug, audience.as_str(), language.as_str()),
        deck: Deck {
            title: event
                .title
                .as_ref()
                .map_or_else(|| content.title.clone(), |t| t.to_string()),
            subtitle: content.subtitle.clone(),
            minutes: content.minutes,
            slides,
        },
        card,
        labels: labels.clone(),
        facts_used,
    }
}

/// Turns one slide of a content file into zero or more slides of the deck.
fn resolve_slide(
    spec: &SlideSpec,
    event: &Event,
    audience: Audience,
    base: &FactBase,
    labels: &BTreeMap<String, serde_json::Value>,
    sources: &mut SourceList,
    slides: &mut Vec<SlideView>,
) {
    let fact = |id: &str, sources: &mut SourceList| {
        let fact = base
            .fact(id, audience)
            .expect("fact ids are checked when content is loaded");
        sources.cite(&fact.id, &fact.source);
        fact_view(fact, labels)
    };
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
        .map(|id| fact(id.get_ref(), sources))
        .collect();
    view.fact = spec.fact.as_ref().map(|id| fact(id.get_ref(), sources));

    match kind.as_str() {
        "resources" => {
            let chosen: Vec<&Resource> = match &spec.resources {
                Some(ids) => ids
                    .iter()
                    .map(|id| {
                        base.resource(id.get_ref(), audience)
                            .expect("resource ids are checked when content is loaded")
                    })
                    .filter(|r| r.serves(event.region))
                    .collect(),
                None => base.resources_for(audience, event.region),
            };
            for resource in &chosen {
                sources.cite(&resource.id, &resource.source);
            }
            let all: Vec<ResourceView> = chosen.into_iter().map(resource_view).collect();
            for (i, chunk) in all.chunks(RESOURCES_PER_SLIDE).enumerate() {
                let mut page = view.clone();
                page.resources = chunk.to_vec();
                if i > 0 {
                    page.minutes = 0;
                }
                slides.push(page);
            }
        }
        "contacts" => {
            // Without local contacts the slide is left out: never print a placeholder.
            let chunks: Vec<&[Contact]> = event.contacts.chunks(CONTACTS_PER_SLIDE).collect();
            for (i, chunk) in chunks.iter().enumerate() {
                let mut page = view.clone();
                page.contacts = chunk.to_vec();
                if i > 0 {
                    page.minutes = 0;
                }
                slides.push(page);
            }
        }
        "sources" => {
            let all = sources.views();
            let pages = all.len().div_ceil(SOURCES_PER_SLIDE).max(1);
            for (i, chunk) in all.chunks(SOURCES_PER_SLIDE).enumerate() {
                let mut page = view.clone();
                page.sources = chunk.to_vec();
                if pages > 1 {
                    page.title = format!("{} ({}/{pages})", label(labels, "sources"), i + 1);
                } else {
                    page.title = label(labels, "sources");
                }
                if i > 0 {
                    page.minutes = 0;
                }
                slides.push(page);
            }
        }
        _ => slides.push(view),
    }
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
