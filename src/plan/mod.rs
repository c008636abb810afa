//! The plan: everything a kit will print, resolved from the event, content and fact base.
//!
//! Loading happens once here (event, fact base, content, translations); the result is a list of
//! [`Kit`]s made of plain serializable views that the templates read. After this stage nothing
//! is looked up or checked again.

mod channels;
mod deck;
mod handouts;
pub mod labels;
mod paperwork;
mod resolve;
mod sources;
mod views;

pub use labels::{Labels, label};
pub use views::*;

use crate::error::Error;
use crate::load::assets::Assets;
use crate::load::content;
use crate::load::event::{Audience, Date, Event, Language};
use crate::load::facts::{FactBase, Translation};
use crate::load::toml_file::TomlFile;
use labels::{load_labels, notes_words, region_words};
use resolve::Resolver;
use sources::SourceList;
use std::collections::BTreeMap;

/// What the user asked to build.
#[derive(Debug, Clone)]
pub struct Plan {
    pub event: Event,
    pub kits: Vec<Kit>,
    /// Things worth a look that do not stop the build (old figures).
    pub warnings: Vec<String>,
}

/// One language's fixed words and fact-base wording, loaded once for every kit and paper in it.
struct LanguageTables {
    language: Language,
    labels: Labels,
    translation: Option<Translation>,
}

impl LanguageTables {
    fn load(assets: &Assets, language: &Language, base: &FactBase) -> Result<Self, Error> {
        let labels = load_labels(assets, language)?;
        let translation = if language.is_english() {
            None
        } else {
            let asset = assets.get(&format!("content/{language}/facts.toml"))?;
            let file = TomlFile {
                name: &asset.name,
                text: &asset.text,
            };
            Some(Translation::parse(&file, base)?)
        };
        Ok(LanguageTables {
            language: language.clone(),
            labels,
            translation,
        })
    }

    /// The region's words in this language (`{lead}`, `{grades}`, ...).
    fn region_words(&self, event: &Event) -> Result<BTreeMap<String, String>, Error> {
        region_words(
            &self.labels,
            event.region,
            event.grades,
            &format!("content/i18n/{}.toml", self.language),
        )
    }

    /// An audience's content in this language, checked and with the region's words filled in.
    fn content(
        &self,
        assets: &Assets,
        audience: Audience,
        event: &Event,
        base: &FactBase,
    ) -> Result<(content::AudienceContent, String), Error> {
        let asset = assets.get(&content_path(&self.language, audience))?;
        let file = TomlFile {
            name: &asset.name,
            text: &asset.text,
        };
        let mut content = content::parse(
            &file,
            audience,
            event.region,
            base,
            notes_words(&self.labels),
        )?;
        content::region_words::fill(&mut content, &self.region_words(event)?)
            .map_err(|m| Error::at(asset.name.as_str(), None, m))?;
        Ok((content, asset.name.clone()))
    }

    fn resolver<'a>(
        &'a self,
        event: &'a Event,
        audience: Audience,
        base: &'a FactBase,
    ) -> Resolver<'a> {
        Resolver::new(
            event,
            audience,
            base,
            &self.labels,
            self.translation.as_ref(),
            &self.language,
        )
    }
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
    // The school's paperwork is in every language of the event (a Kentucky school needs its
    // sign in English and Spanish whichever kit it opens), and in any other language built.
    let mut paper_languages = event.languages.clone();
    for language in languages {
        if !paper_languages.contains(language) {
            paper_languages.push(language.clone());
        }
    }
    let tables: Vec<LanguageTables> = paper_languages
        .iter()
        .map(|l| LanguageTables::load(assets, l, &base))
        .collect::<Result<_, _>>()?;
    let paperwork = |audience: Audience| -> Result<Vec<Paperwork>, Error> {
        if !audiences.contains(&audience) || audience == Audience::Parents {
            return Ok(Vec::new());
        }
        tables
            .iter()
            .map(|t| paperwork(t, audience, &event, &base, assets))
            .collect()
    };
    let posters = paperwork(Audience::Staff)?;
    let letters = paperwork(Audience::Teens)?;

    let mut kits = Vec::new();
    for language in languages {
        let tables = tables
            .iter()
            .find(|t| t.language == *language)
            .expect("every built language has its tables");
        for &audience in audiences {
            let (content, content_file) = tables.content(assets, audience, &event, &base)?;
            let resolver = tables.resolver(&event, audience, &base);
            let mut kit = resolver.kit(language.clone(), &content);
            kit.paperwork = match audience {
                Audience::Staff => posters.clone(),
                Audience::Teens => letters.clone(),
                Audience::Parents => Vec::new(),
            };
            for paper in &kit.paperwork {
                kit.facts_used.extend(paper.facts_used.iter().cloned());
            }
            kit.facts_used.sort();
            kit.facts_used.dedup();
            check_slide_words(&kit, &content_file)?;
            kits.push(kit);
        }
    }
    let mut warnings = stale_warnings(&event, &kits, &base);
    if audiences.contains(&Audience::Staff) && event.law_enforcement.is_none() {
        warnings.push(
            "the school poster has no local law-enforcement contact: add `[law-enforcement]` with `name` and `phone` (your police department or sheriff's office) to the event file".to_string(),
        );
    }
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

/// The poster (for `Audience::Staff`) or the letter home (for `Audience::Teens`) in one
/// language, from that language's content.
fn paperwork(
    tables: &LanguageTables,
    audience: Audience,
    event: &Event,
    base: &FactBase,
    assets: &Assets,
) -> Result<Paperwork, Error> {
    let (content, _) = tables.content(assets, audience, event, base)?;
    let mut sources = SourceList::default();
    let (poster, letter) = if audience == Audience::Staff {
        let spec = content.poster.as_ref().expect("staff content has a poster");
        let resolver = tables.resolver(event, Audience::Teens, base);
        (Some(resolver.poster(spec, &mut sources)), None)
    } else {
        let spec = content
            .parent_letter
            .as_ref()
            .expect("teens content has a parent letter");
        let resolver = tables.resolver(event, Audience::Parents, base);
        let letter = resolver.letter(
            spec,
            &content.title,
            &content.start_here.objectives,
            &mut sources,
        );
        (None, Some(letter))
    };
    Ok(Paperwork {
        language: tables.language.clone(),
        labels: tables.labels.clone(),
        event: event_view(event, &tables.labels),
        poster,
        letter,
        facts_used: sources.used,
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
        event_view(&self.event, &kit.labels)
    }
}

/// A date in the long form of a language (`date-format` with the month's name).
pub fn long_date(labels: &Labels, date: Date) -> String {
    let months = labels.get("months").and_then(|m| m.as_array());
    let month = months
        .and_then(|m| m.get(usize::from(date.month) - 1))
        .and_then(|m| m.as_str());
    match (month, labels.get("date-format").and_then(|f| f.as_str())) {
        (Some(month), Some(format)) => format
            .replace("{month}", month)
            .replace("{day}", &date.day.to_string())
            .replace("{year}", &date.year.to_string()),
        _ => date.long_english(),
    }
}

/// The event as the templates see it, with dates in the language of `labels`.
fn event_view(event: &Event, labels: &Labels) -> EventView {
    EventView {
        organization: event.organization.to_string(),
        date: event.date.to_string(),
        date_long: long_date(labels, event.date),
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
