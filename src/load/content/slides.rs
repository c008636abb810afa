//! Checking one slide of a content file: its kind and keys, its own words, its timing and
//! notes, and the facts and channels it names.

use std::ops::RangeInclusive;

use super::specs::{SLIDE_KINDS, SlideSpec, kind_keys};
use super::words::{MAX_NOTES_CHARS, check_fact, check_own_words};
use crate::error::Error;
use crate::load::event::{Audience, Region};
use crate::load::facts::FactBase;
use crate::load::icons;
use crate::load::toml_file::TomlFile;

/// Checks one slide against its kind, the audience, the region and the fact base.
pub fn check_slide(
    file: &TomlFile,
    slide: &SlideSpec,
    audience: Audience,
    region: Region,
    base: &FactBase,
    notes_words: RangeInclusive<usize>,
) -> Result<(), Error> {
    check_shape(file, slide)?;
    check_icon(file, slide)?;
    check_words_and_timing(file, slide, notes_words)?;
    check_facts(file, slide, audience, base)?;
    check_channels(file, slide, audience, region, base)
}

/// The kind is known, its keys fit it, and it has a title where the layout shows one.
fn check_shape(file: &TomlFile, slide: &SlideSpec) -> Result<(), Error> {
    let kind = slide.kind.get_ref().as_str();
    let at = |message: String| file.error_at(slide.kind.span(), message);
    if !SLIDE_KINDS.contains(&kind) {
        let mut error = at(format!("unknown slide kind `{kind}`")).with_note(format!(
            "the slide kinds are {}",
            crate::error::list_names(SLIDE_KINDS.iter().copied())
        ));
        if let Some(near) = crate::error::nearest(kind, SLIDE_KINDS.iter().copied()) {
            error = error.with_hint(format!("did you mean `{near}`?"));
        }
        return Err(error);
    }
    let (allowed, required) = kind_keys(kind);
    for key in slide.set_keys() {
        if !allowed.contains(&key) {
            return Err(
                at(format!("a `{kind}` slide does not use `{key}`")).with_note(format!(
                    "a `{kind}` slide takes {}",
                    if allowed.is_empty() {
                        "no extra keys".to_string()
                    } else {
                        crate::error::list_names(allowed.iter().copied())
                    }
                )),
            );
        }
    }
    for key in required {
        if !slide.set_keys().contains(key) {
            return Err(at(format!("a `{kind}` slide needs `{key}`")));
        }
    }
    let needs_title = !matches!(
        kind,
        "title" | "sources" | "contacts" | "questions" | "help" | "resources"
    );
    if needs_title && slide.title.is_none() {
        return Err(at(format!("this `{kind}` slide needs a `title`")));
    }
    Ok(())
}

/// The project's own words carry no figures or addresses; the slide has minutes and notes of the allowed length.
fn check_words_and_timing(
    file: &TomlFile,
    slide: &SlideSpec,
    notes_words: RangeInclusive<usize>,
) -> Result<(), Error> {
    let at = |message: String| file.error_at(slide.kind.span(), message);
    for (key, value) in slide.own_words() {
        let limit = if key == "notes" { MAX_NOTES_CHARS } else { 300 };
        check_own_words(value, limit).map_err(|m| at(format!("`{key}` of this slide: {m}")))?;
    }
    // The Sources slides are on screen for no time of their own: the closing help slide stays
    // up during questions instead.
    let untimed = slide.kind.get_ref() == "sources";
    match (slide.minutes, &slide.notes) {
        (Some(minutes), Some(notes)) if minutes > 0 || untimed => {
            let words = notes.split_whitespace().count();
            if !notes_words.contains(&words) {
                return Err(at(format!(
                    "the notes of this slide have {words} words; speaker notes have {} to {}",
                    notes_words.start(),
                    notes_words.end()
                )));
            }
        }
        _ => {
            return Err(at(
                "every slide needs `minutes` (a whole number, at least 1; 0 on Sources slides) and speaker `notes`"
                    .to_string(),
            ));
        }
    }
    Ok(())
}

/// Every fact id is printable for the audience and fits the slide's kind.
fn check_facts(
    file: &TomlFile,
    slide: &SlideSpec,
    audience: Audience,
    base: &FactBase,
) -> Result<(), Error> {
    let kind = slide.kind.get_ref().as_str();
    let fact_ids = slide.facts.iter().flatten().chain(slide.fact.iter());
    for id in fact_ids {
        let fact = check_fact(file, id, audience, base)?;
        if kind == "statistic" && fact.figure.is_none() {
            return Err(file
                .error_at(
                    id.span(),
                    format!(
                        "fact `{}` has no `figure` to show on a statistic slide",
                        id.get_ref()
                    ),
                )
                .with_hint("use a `bullets` slide with `facts = [...]` instead"));
        }
        if kind == "quote" && fact.kind.as_deref() != Some("quote") {
            return Err(file
                .error_at(
                    id.span(),
                    format!("fact `{}` is not a quotation", id.get_ref()),
                )
                .with_hint("a `quote` slide takes a fact with kind = \"quote\""));
        }
    }
    Ok(())
}

/// Roles are known and named channels serve the event's region.
fn check_channels(
    file: &TomlFile,
    slide: &SlideSpec,
    audience: Audience,
    region: Region,
    base: &FactBase,
) -> Result<(), Error> {
    for role in slide.roles.iter().flatten() {
        if !crate::load::facts::RESOURCE_ROLES.contains(&role.get_ref().as_str()) {
            return Err(file
                .error_at(role.span(), format!("unknown role `{}`", role.get_ref()))
                .with_note(format!(
                    "the roles are {}",
                    crate::error::list_names(crate::load::facts::RESOURCE_ROLES.iter().copied())
                )));
        }
    }
    for id in slide.resources.iter().flatten() {
        let resource = base.resource(id.get_ref(), audience).map_err(|refusal| {
            refusal.into_error(
                file.error_at(
                    id.span(),
                    format!("resource `{}` cannot be used here", id.get_ref()),
                ),
                id.get_ref(),
                audience,
            )
        })?;
        if !resource.serves(region) {
            return Err(file
                .error_at(
                    id.span(),
                    format!(
                        "resource `{}` is for region {}, but the event's region is {region}",
                        id.get_ref(),
                        resource.region
                    ),
                )
                .with_hint("leave `resources` out to print every channel of the event's region"));
        }
    }
    Ok(())
}

/// The icon is one of the embedded set, on a kind that shows one.
fn check_icon(file: &TomlFile, slide: &SlideSpec) -> Result<(), Error> {
    let Some(icon) = &slide.icon else {
        return Ok(());
    };
    let kind = slide.kind.get_ref().as_str();
    if icons::default_for(kind).is_none() {
        return Err(file.error_at(icon.span(), format!("a `{kind}` slide shows no icon")));
    }
    if !icons::exists(icon.get_ref()) {
        let mut error = file
            .error_at(icon.span(), format!("unknown icon `{}`", icon.get_ref()))
            .with_note(format!(
                "the icons are {}",
                crate::error::list_names(icons::names())
            ));
        if let Some(near) = crate::error::nearest(icon.get_ref(), icons::names()) {
            error = error.with_hint(format!("did you mean `{near}`?"));
        }
        return Err(error);
    }
    Ok(())
}
