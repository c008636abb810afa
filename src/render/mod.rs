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

use minijinja::Environment;
use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::error::{Error, Position};
use crate::load::assets::{Asset, Assets};
use crate::load::icons;
use crate::plan::{EventView, HandoutView, Kit, LetterView, Plan, PosterView, ResourceView};
use blocks::mark_blocks;
use document::{Document, MIN_PRINT_TEXT_PT, MIN_SLIDE_TEXT_PT, SLIDES_MODULE};
use documents::{
    DECK_THEME, NOTES, Planned, SLIDES, SLIDES_TEMPLATE, TEMPLATES, THREE_UP, planned_documents,
};
use environment::environment;

/// Renders every document of every kit.
pub fn render(plan: &Plan, assets: &Assets) -> Result<Vec<Document>, Error> {
    let mut env = environment();
    let mut sources: BTreeMap<&str, Asset> = BTreeMap::new();
    let templates = TEMPLATES.iter().map(|(template, _)| *template);
    for template in templates.chain([SLIDES_TEMPLATE]) {
        let asset = assets.get(template)?;
        let marked = mark_blocks(&asset.text, &asset.name);
        env.add_template_owned(template.to_string(), marked)
            .map_err(|e| template_error(&e, &asset.name, &asset.text))?;
        sources.insert(template, asset);
    }
    for (_, theme) in TEMPLATES {
        if !sources.contains_key(theme) {
            sources.insert(theme, assets.get(theme)?);
        }
    }

    let mut documents = Vec::new();
    for (index, kit) in plan.kits.iter().enumerate() {
        let event = plan.event_view(kit);
        let planned = planned_documents(kit, plan.event.paper);
        let files_list: Vec<FileEntry> = planned
            .iter()
            .map(|p| FileEntry {
                path: p.path.clone(),
                handout_title: p.handout.map(|h| h.title.clone()),
                describe: p.describe.clone(),
            })
            .collect();
        let kit_context = Context {
            event: &event,
            title: event_title(plan),
            kit,
            files: &files_list,
            t: &kit.labels,
            audience: kit.audience.as_str(),
            lang: kit.language.as_str(),
            paper: plan.event.paper.typst_name(),
            handout: None,
            poster: None,
            letter: None,
            style: "colour",
            scale: 1.0,
        };
        let slides_module = render_one(
            &env,
            SLIDES_TEMPLATE,
            &sources[SLIDES_TEMPLATE],
            &kit_context,
        )?;
        let shared = SharedFiles::new(plan, kit, &event, slides_module, &sources[DECK_THEME]);
        for planned in planned {
            let (template_path, theme_path) = planned.template;
            let template = &sources[template_path];
            let theme = &sources[theme_path];
            let source = render_one(
                &env,
                template_path,
                template,
                &kit_context.for_document(&planned),
            )?;
            let shows_slides = [SLIDES, NOTES, THREE_UP].contains(&planned.template);
            let files = shared.for_document(planned.template, theme, shows_slides);
            documents.push(Document {
                kit: index,
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
                places_slides: shows_slides && planned.template != SLIDES,
                made_from: if shows_slides {
                    vec![
                        sources[SLIDES_TEMPLATE].name.clone(),
                        sources[DECK_THEME].name.clone(),
                    ]
                } else {
                    Vec::new()
                },
            });
        }
    }
    Ok(documents)
}

/// The files of a kit that its documents read besides their own source.
struct SharedFiles {
    /// The logo's virtual path and bytes.
    logo: Option<(String, Vec<u8>)>,
    /// The slides module, the deck theme and the icons.
    slides: BTreeMap<String, Vec<u8>>,
    qr_codes: BTreeMap<String, Vec<u8>>,
}

impl SharedFiles {
    fn new(
        plan: &Plan,
        kit: &Kit,
        event: &EventView,
        slides_module: String,
        deck_theme: &Asset,
    ) -> Self {
        SharedFiles {
            logo: plan
                .event
                .logo
                .as_ref()
                .zip(event.logo.as_ref())
                .map(|(logo, view)| (view.path.clone(), logo.bytes.clone())),
            slides: slide_files(kit, event, slides_module, deck_theme),
            qr_codes: qr_codes(kit),
        }
    }

    /// The files one document reads: its theme and the logo, the slides module and icons when it
    /// shows slides, and the QR codes when it is printed (a slide shows the address alone).
    fn for_document(
        &self,
        (template_path, theme_path): (&str, &str),
        theme: &Asset,
        shows_slides: bool,
    ) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        files.insert(format!("/{theme_path}"), theme.text.clone().into_bytes());
        files.extend(self.logo.clone());
        if shows_slides {
            files.extend(self.slides.clone());
        }
        if template_path.starts_with("handouts/") {
            files.extend(self.qr_codes.clone());
        }
        files
    }
}

/// Renders the template added under `key` (its embedded path) with `context`.
fn render_one(
    env: &Environment,
    key: &str,
    template: &Asset,
    context: &Context,
) -> Result<String, Error> {
    env.get_template(key)
        .expect("every template was added to the environment")
        .render(Value::from(Serde(context)))
        .map_err(|e| template_error(&e, &template.name, &template.text))
}

/// The files every document that shows slides reads: the slides module, the deck theme, and
/// each icon of the deck in the accent colour (and white, for full-bleed slides).
fn slide_files(
    kit: &Kit,
    event: &EventView,
    slides_module: String,
    deck_theme: &Asset,
) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    files.insert(SLIDES_MODULE.to_string(), slides_module.into_bytes());
    files.insert(
        format!("/{DECK_THEME}"),
        deck_theme.text.clone().into_bytes(),
    );
    let accent = event.accent.as_deref().unwrap_or(ICON_COLOUR);
    for name in kit.deck.slides.iter().filter_map(|s| s.icon.as_deref()) {
        for (suffix, colour) in [("", accent), ("-light", "#ffffff")] {
            if let Some(svg) = icons::svg(name, colour) {
                files.insert(format!("/icons/{name}{suffix}.svg"), svg);
            }
        }
    }
    files
}

/// The colour icons are drawn in without an event accent: the deck theme's teal.
const ICON_COLOUR: &str = "#0f766e";

/// QR codes for every channel the kit may print with a web address, by virtual path: the
/// resource sheet's, and those of the posters and letters it carries.
fn qr_codes(kit: &Kit) -> BTreeMap<String, Vec<u8>> {
    let paperwork = kit.paperwork.iter().flat_map(|p| {
        let poster = p.poster.iter().flat_map(|poster| {
            poster
                .report
                .iter()
                .chain(&poster.crisis)
                .chain(&poster.takedown)
        });
        poster.chain(p.letter.iter().flat_map(|l| &l.helplines))
    });
    kit.sheet
        .resources
        .iter()
        .chain(paperwork)
        .filter_map(|r: &ResourceView| Some((r.qr.clone()?, qr::svg(&qr::target(r.url.as_ref()?)))))
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
    /// For the school's paperwork, what it is and its language.
    describe: Option<String>,
}

/// What every template sees.
#[derive(Serialize, Clone)]
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
    /// The poster being rendered, for `handouts/poster.typ.j2`.
    poster: Option<&'a PosterView>,
    /// The letter being rendered, for `handouts/parent-letter.typ.j2`.
    letter: Option<&'a LetterView>,
    /// The poster's style: `colour`, or `bw` for a black-and-white copier.
    style: &'static str,
    /// How much larger than on letter paper the poster sets its type.
    scale: f64,
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

impl<'a> Context<'a> {
    /// The context of one document: its handout, or for the school's paperwork its own
    /// language, event dates, paper and style, whatever the kit's.
    fn for_document(&self, planned: &'a Planned<'a>) -> Context<'a> {
        let mut context = self.clone();
        context.handout = planned.handout;
        if let Some(doc) = &planned.paper {
            let paperwork = doc.paperwork;
            context.event = &paperwork.event;
            context.t = &paperwork.labels;
            context.lang = paperwork.language.as_str();
            context.paper = doc.paper;
            context.poster = paperwork.poster.as_ref();
            context.letter = paperwork.letter.as_ref();
            context.style = doc.style;
            context.scale = doc.scale;
        }
        context
    }
}
