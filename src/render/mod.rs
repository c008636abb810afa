//! Rendering the plan into Typst sources with minijinja: one [`Document`] per PDF of a kit.
//!
//! Every value lands in the source as literal text (see [`environment`]); the QR codes and the
//! logo travel with each document in its own file map, so compiling needs no disk.

pub mod blocks;
pub mod document;
pub mod documents;
pub mod environment;
pub mod escape;
pub mod qr;

use std::collections::BTreeMap;

use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::error::{Error, Position};
use crate::load::assets::{Asset, Assets};
use crate::plan::{EventView, HandoutView, Kit, Plan};
use blocks::mark_blocks;
use document::{Document, MIN_PRINT_TEXT_PT, MIN_SLIDE_TEXT_PT};
use documents::{NOTES, SLIDES, TEMPLATES, THREE_UP, planned_documents};
use environment::environment;

/// Renders every document of every kit.
pub fn render(plan: &Plan, assets: &Assets) -> Result<Vec<Document>, Error> {
    let mut env = environment();
    let mut sources: BTreeMap<&str, Asset> = BTreeMap::new();
    for (template, theme) in TEMPLATES {
        let asset = assets.get(template)?;
        let marked = mark_blocks(&asset.text, &asset.name);
        env.add_template_owned(template.to_string(), marked)
            .map_err(|e| template_error(&e, &asset.name, &asset.text))?;
        sources.insert(template, asset);
        if !sources.contains_key(theme) {
            sources.insert(theme, assets.get(theme)?);
        }
    }

    let mut documents = Vec::new();
    for (index, kit) in plan.kits.iter().enumerate() {
        let event = plan.event_view(kit);
        let planned = planned_documents(kit);
        let files_list: Vec<FileEntry> = planned
            .iter()
            .map(|p| FileEntry {
                path: p.path.clone(),
                handout_title: p.handout.map(|h| h.title.clone()),
            })
            .collect();
        let qr_codes = qr_codes(kit);
        for planned in planned {
            let (template_path, theme_path) = planned.template;
            let template = &sources[template_path];
            let theme = &sources[theme_path];
            let context = Context {
                event: &event,
                title: event_title(plan),
                kit,
                handout: planned.handout,
                files: &files_list,
                t: &kit.labels,
                audience: kit.audience.as_str(),
                lang: kit.language.as_str(),
                paper: plan.event.paper.typst_name(),
            };
            let source = env
                .get_template(template_path)
                .expect("template was added above")
                .render(Value::from(Serde(&context)))
                .map_err(|e| template_error(&e, &template.name, &template.text))?;
            let mut files = BTreeMap::new();
            files.insert(format!("/{theme_path}"), theme.text.clone().into_bytes());
            if let (Some(logo), Some(view)) = (&plan.event.logo, &event.logo) {
                files.insert(view.path.clone(), logo.bytes.clone());
            }
            // Only printed documents carry QR codes; a slide shows the address alone.
            if template_path.starts_with("handouts/") {
                files.extend(qr_codes.clone());
            }
            documents.push(Document {
                kit: index,
                needs_deck: [NOTES, THREE_UP].contains(&planned.template),
                min_text_pt: if planned.template == SLIDES {
                    MIN_SLIDE_TEXT_PT
                } else {
                    MIN_PRINT_TEXT_PT
                },
                path: planned.path,
                template: template.name.clone(),
                theme: theme.name.clone(),
                source,
                files,
                pages: planned.pages,
                pages_describe: planned.pages_describe,
            });
        }
    }
    Ok(documents)
}

/// QR codes for every channel the kit may print with a web address, by virtual path.
fn qr_codes(kit: &Kit) -> BTreeMap<String, Vec<u8>> {
    kit.sheet
        .resources
        .iter()
        .filter_map(|r| Some((r.qr.clone()?, qr::svg(&qr::target(r.url.as_ref()?)))))
        .collect()
}

fn event_title(plan: &Plan) -> Option<&str> {
    plan.event.title.as_ref().map(|t| t.as_str())
}

/// A file of the kit as START-HERE lists it.
#[derive(Serialize)]
struct FileEntry {
    path: String,
    /// For content-written handouts, their title (other files are described by labels).
    handout_title: Option<String>,
}

/// What every template sees.
#[derive(Serialize)]
struct Context<'a> {
    event: &'a EventView,
    /// The event's own deck title, printed literally in place of the content's.
    title: Option<&'a str>,
    /// The kit: deck, card, sheet, handouts, guide, feedback.
    kit: &'a Kit,
    /// The handout being rendered, for `handouts/handout.typ.j2`.
    handout: Option<&'a HandoutView>,
    /// Every PDF of the kit, for START-HERE.
    files: &'a [FileEntry],
    t: &'a crate::plan::Labels,
    audience: &'static str,
    lang: &'a str,
    /// Typst's name for the handout paper.
    paper: &'static str,
}

fn template_error(err: &minijinja::Error, name: &str, text: &str) -> Error {
    let position = err.line().map(|line| Position::at_line(text, line, 1));
    let mut message = format!("template error: {}", err.kind());
    if let Some(detail) = err.detail() {
        message.push_str(&format!(": {detail}"));
    }
    let mut error = Error::at(name, position, message);
    let mut cause = std::error::Error::source(err);
    while let Some(inner) = cause {
        error = error.with_note(inner.to_string());
        cause = inner.source();
    }
    error
}
