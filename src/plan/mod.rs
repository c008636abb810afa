//! The plan: everything a kit will print, resolved from the event, content and fact base.
//!
//! Loading happens once here (event, fact base, content, translations); the result is a list of
//! [`Kit`]s made of plain serializable views that the templates read. After this stage nothing
//! is looked up or checked again.

mod channels;
mod deck;
mod handouts;
mod labels;
mod resolve;
mod sources;
mod views;

pub use labels::{Labels, label};
pub use views::*;

use crate::error::Error;
use crate::load::assets::Assets;
use crate::load::content;
use crate::load::event::{Audience, Event, Language};
use crate::load::facts::{FactBase, Translation};
use crate::load::toml_file::TomlFile;
use labels::{load_labels, notes_words, region_words};
use resolve::Resolver;

/// What the user asked to build.
#[derive(Debug, Clone)]
pub struct Plan {
    pub event: Event,
    pub kits: Vec<Kit>,
    /// Things worth a look that do not stop the build (old figures).
    pub warnings: Vec<String>,
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
            let mut content =
                content::parse(&file, audience, event.region, &base, notes_words.clone())?;
            let words = region_words(
                &labels,
                event.region,
                event.grades,
                &format!("content/i18n/{language}.toml"),
            )?;
            content::region_words::fill(&mut content, &words)
                .map_err(|m| Error::at(asset.name.as_str(), None, m))?;
            let resolver = Resolver::new(&event, audience, &base, &labels, translation.as_ref());
            let kit = resolver.kit(language.clone(), &content);
            check_slide_words(&kit, &asset.name)?;
            kits.push(kit);
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

/// Refuses a content slide that shows more than [`MAX_SLIDE_WORDS`] words: from the back of a
/// hall, a paragraph on a slide is not read; the rest belongs in the speaker notes.
fn check_slide_words(kit: &Kit, content_file: &str) -> Result<(), Error> {
    for slide in &kit.deck.slides {
        if let Some(words) = slide.shown_words()
            && words > MAX_SLIDE_WORDS
        {
            return Err(Error::at(
                content_file,
                None,
                format!(
                    "slide {} `{}` ({}) shows {words} words; a slide shows at most {MAX_SLIDE_WORDS} besides its title and source",
                    slide.number, slide.title, slide.kind
                ),
            )
            .with_hint("split it into two slides, give its facts a shorter `headline`, or move words into its notes"));
        }
    }
    Ok(())
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
            report_line: event.report_line.clone(),
            designated_reporter: event.designated_reporter.clone(),
            logo: event.logo.as_ref().map(|logo| LogoView {
                path: format!("/logo.{}", logo.format.extension()),
                alt: logo.alt.to_string(),
            }),
        }
    }
}
