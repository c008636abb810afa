//! Rendering the plan into Typst sources with minijinja.
//!
//! One [`minijinja::Environment`] with strict undefined values renders every `.typ.j2` template.
//! Its auto-escape mode for those templates backslash-escapes every ASCII punctuation character
//! of every printed value, so any text from an event file lands in the document as literal text.
//! The project's own prose goes through the reviewed `prose` filter (straight quotes become
//! typographic) and string contexts through `str`; nothing turns escaping off.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::assets::{Asset, Assets};
use crate::error::{Error, Position};
use crate::escape;
use crate::event::Audience;
use crate::plan::{EventView, HandoutView, Kit, Plan};

/// The marker a template puts at the start of a block so that Typst errors can name the
/// template line; rendering appends `<template>:<line>` to it.
pub const BLOCK_MARKER: &str = "// @block";

/// A PDF to produce: its Typst source and the files that source reads.
#[derive(Debug, Clone)]
pub struct Document {
    /// Index of the kit in [`Plan::kits`].
    pub kit: usize,
    /// Path inside the kit folder, e.g. `handouts/resource-card.pdf`.
    pub path: String,
    /// The template that produced `source`, as named in messages.
    pub template: String,
    /// The theme the source imports, as named in messages.
    pub theme: String,
    /// The rendered Typst source of `/main.typ`.
    pub source: String,
    /// Other files in the virtual file system, by absolute virtual path: the theme
    /// (`/decks/theme.typ` or `/handouts/theme.typ`), the logo, QR codes, slide pictures.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many pages the document may have; more means something overflowed.
    pub pages: RangeInclusive<usize>,
    /// What each planned page is, for fit errors (`slide 7 `Red flags` (bullets)`).
    pub pages_describe: Vec<String>,
    /// The smallest text the document may set, in points (legibility from the back of a room
    /// on slides, on paper for handouts).
    pub min_text_pt: f64,
    /// Whether the document shows the kit's slides as images (`/slides/slide-NN.svg`), which
    /// exist only once the deck is compiled.
    pub needs_slide_images: bool,
}

impl Document {
    /// Whether the document comes from the embedded templates and themes only; others come
    /// from a presenter's folder and are compiled in a worker with limits.
    pub fn is_embedded(&self) -> bool {
        self.template.starts_with("embedded:") && self.theme.starts_with("embedded:")
    }
}

/// The deck's path in a kit; documents that show slides are made from its pages.
pub const DECK_PATH: &str = "slides.pdf";

/// The smallest text on a slide (footnotes and the footer); body text is 24 pt or more.
pub const MIN_SLIDE_TEXT_PT: f64 = 14.0;
/// The smallest text on paper.
pub const MIN_PRINT_TEXT_PT: f64 = 10.0;

/// Where a slide's image lives in the virtual file map of documents that show slides.
pub fn slide_image_path(number: usize) -> String {
    format!("/slides/slide-{number:02}.svg")
}

/// The templates and themes, by their embedded path.
const SLIDES: (&str, &str) = ("decks/slides.typ.j2", "decks/theme.typ");
const NOTES: (&str, &str) = ("decks/presenter-notes.typ.j2", "handouts/theme.typ");
const THREE_UP: (&str, &str) = ("handouts/slides-3up.typ.j2", "handouts/theme.typ");
const START_HERE: (&str, &str) = ("handouts/start-here.typ.j2", "handouts/theme.typ");
const CARD: (&str, &str) = ("handouts/resource-card.typ.j2", "handouts/theme.typ");
const SHEET: (&str, &str) = ("handouts/resources.typ.j2", "handouts/theme.typ");
const HANDOUT: (&str, &str) = ("handouts/handout.typ.j2", "handouts/theme.typ");
const FEEDBACK: (&str, &str) = ("handouts/feedback-form.typ.j2", "handouts/theme.typ");
const SIGN_IN: (&str, &str) = ("handouts/sign-in-sheet.typ.j2", "handouts/theme.typ");
const TEMPLATES: [(&str, &str); 9] = [
    SLIDES, NOTES, THREE_UP, START_HERE, CARD, SHEET, HANDOUT, FEEDBACK, SIGN_IN,
];

/// The documents every kit has, for `workshop list`.
pub fn document_paths() -> impl Iterator<Item = &'static str> {
    [
        "START-HERE.pdf (the presenter's guide, 1-2 pages)",
        "slides.pdf",
        "slides.pdfpc (notes and timer for the pdfpc presenter console)",
        "presenter-notes.pdf (one page per slide)",
        "previews/slide-NN.png",
        "handouts/resource-card.pdf (wallet cards, 2 pages: fronts and backs)",
        "handouts/resources.pdf (1 page)",
        "handouts/slides-3up.pdf (three slides a page with lines for notes)",
        "handouts/feedback-form.pdf (1 page; staff also handouts/sign-in-sheet.pdf)",
        "handouts/<file>.pdf for each [[handouts]] of content/<audience>.toml",
    ]
    .into_iter()
}

/// One document of a kit before rendering.
struct Planned<'a> {
    path: String,
    template: (&'static str, &'static str),
    pages: RangeInclusive<usize>,
    pages_describe: Vec<String>,
    handout: Option<&'a HandoutView>,
}

impl Planned<'_> {
    fn fixed(path: &str, template: (&'static str, &'static str), pages: usize, what: &str) -> Self {
        Planned {
            path: path.to_string(),
            template,
            pages: pages..=pages,
            pages_describe: (1..=pages).map(|p| format!("page {p} of {what}")).collect(),
            handout: None,
        }
    }
}

fn planned_documents(kit: &Kit) -> Vec<Planned<'_>> {
    let slides = kit.deck.slides.len();
    let per_slide: Vec<String> = kit
        .deck
        .slides
        .iter()
        .map(|s| format!("slide {} `{}` ({})", s.number, s.title, s.kind))
        .collect();
    let mut docs = vec![
        Planned {
            path: "slides.pdf".to_string(),
            template: SLIDES,
            pages: slides..=slides,
            pages_describe: per_slide.clone(),
            handout: None,
        },
        Planned {
            path: "presenter-notes.pdf".to_string(),
            template: NOTES,
            pages: slides..=slides,
            pages_describe: per_slide
                .iter()
                .map(|s| format!("the notes of {s}"))
                .collect(),
            handout: None,
        },
        Planned {
            path: "START-HERE.pdf".to_string(),
            template: START_HERE,
            pages: 1..=2,
            pages_describe: vec!["page 1 of START-HERE".into(), "page 2 of START-HERE".into()],
            handout: None,
        },
        Planned::fixed(
            "handouts/slides-3up.pdf",
            THREE_UP,
            slides.div_ceil(3),
            "the 3-up slide handout",
        ),
        Planned::fixed("handouts/resource-card.pdf", CARD, 2, "the wallet cards"),
        Planned::fixed(
            "handouts/resources.pdf",
            SHEET,
            1,
            &format!(
                "the resource sheet (every channel and all {} local contacts)",
                kit.sheet.contacts.len()
            ),
        ),
        Planned::fixed(
            "handouts/feedback-form.pdf",
            FEEDBACK,
            1,
            "the feedback form",
        ),
    ];
    if kit.audience == Audience::Staff {
        docs.push(Planned::fixed(
            "handouts/sign-in-sheet.pdf",
            SIGN_IN,
            1,
            "the sign-in sheet",
        ));
    }
    for handout in &kit.handouts {
        docs.push(Planned {
            handout: Some(handout),
            ..Planned::fixed(
                &format!("handouts/{}.pdf", handout.file),
                HANDOUT,
                handout.pages,
                &format!("handout `{}`", handout.file),
            )
        });
    }
    docs
}

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
        // QR codes for every channel the kit may print with a web address.
        let qr_codes: BTreeMap<String, Vec<u8>> = kit
            .sheet
            .resources
            .iter()
            .filter_map(|r| {
                Some((
                    r.qr.clone()?,
                    crate::qr::svg(&crate::qr::target(r.url.as_ref()?)),
                ))
            })
            .collect();
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
            if template_path.starts_with("handouts/") {
                files.extend(qr_codes.clone());
            }
            documents.push(Document {
                kit: index,
                needs_slide_images: [NOTES, THREE_UP].contains(&planned.template),
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

/// The environment every template renders in.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ.j2") {
            AutoEscape::Custom("typst".into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if value.is_none() || value.is_undefined() {
            return Err(minijinja::Error::new(
                ErrorKind::UndefinedError,
                "a template printed a missing value; guard it with {% if ... %}",
            ));
        }
        if value.is_safe() {
            return out
                .write_str(value.as_str().unwrap_or_default())
                .map_err(Into::into);
        }
        let text = value.to_string();
        match state.auto_escape() {
            AutoEscape::Custom(name) if name == "typst" => out
                .write_str(&escape::markup(&crate::world::displayable(&text)))
                .map_err(Into::into),
            _ => out.write_str(&text).map_err(Into::into),
        }
    });
    env.add_filter("prose", |value: String| {
        Value::from_safe_string(escape::prose(&value))
    });
    env.add_filter("short_url", |value: String| short_url(&value).to_string());
    env.add_filter("qr_target", |value: String| crate::qr::target(&value));
    env.add_filter("slide_image", |number: usize| {
        Value::from_safe_string(escape::string_literal(&slide_image_path(number)))
    });
    env.add_filter("str", |value: String| {
        Value::from_safe_string(escape::string_literal(&value))
    });
    env.add_filter("rgb", |value: String| -> Result<Value, minijinja::Error> {
        let valid = value.len() == 7
            && value.starts_with('#')
            && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !valid {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!("`{value}` is not a #rrggbb colour"),
            ));
        }
        Ok(Value::from_safe_string(format!("rgb(\"{value}\")")))
    });
    env.set_fuel(Some(5_000_000));
    env
}

/// A web address without its scheme, `www.` and trailing slash: the form people type.
fn short_url(url: &str) -> &str {
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    url.strip_prefix("www.")
        .unwrap_or(url)
        .trim_end_matches('/')
}

/// Appends `<template>:<line>` to every block marker, so a Typst error in generated source can
/// be traced to the template block that produced it.
fn mark_blocks(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match line.find(BLOCK_MARKER) {
            Some(at) if line[at + BLOCK_MARKER.len()..].trim().is_empty() => {
                out.push_str(&line[..at + BLOCK_MARKER.len()]);
                out.push_str(&format!(" {name}:{}", i + 1));
                out.push_str(if line.ends_with('\n') { "\n" } else { "" });
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The template line named by the nearest block marker above `line` (1-based) in `source`.
pub fn template_line_for(source: &str, line: usize) -> Option<(String, usize)> {
    source
        .lines()
        .take(line)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .find_map(|l| {
            let rest = l.trim_start().strip_prefix(BLOCK_MARKER)?.trim();
            let (name, number) = rest.rsplit_once(':')?;
            Some((name.to_string(), number.parse().ok()?))
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn render_str(template: &str, ctx: Value) -> Result<String, minijinja::Error> {
        let mut env = environment();
        env.add_template_owned("t.typ.j2", template.to_string())
            .unwrap();
        env.get_template("t.typ.j2").unwrap().render(ctx)
    }

    #[test]
    fn values_are_escaped_for_typst_markup() {
        let out = render_str(
            "[{{ v }}]",
            Value::from(Serde(BTreeMap::from([("v", "#panic() // *x*")]))),
        )
        .unwrap();
        assert_eq!(out, "[\\#panic\\(\\) \\/\\/ \\*x\\*]");
    }

    #[test]
    fn missing_values_are_errors_not_text() {
        let err = render_str(
            "{{ missing }}",
            Value::from(Serde(BTreeMap::<String, String>::new())),
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UndefinedError);
        assert_eq!(err.line(), Some(1));
        assert!(render_str("{{ v }}", Value::from(Serde(BTreeMap::from([("v", ())])))).is_err());
    }

    #[test]
    fn string_and_colour_filters() {
        let ctx = Value::from(Serde(BTreeMap::from([
            ("v", "a \"b\""),
            ("c", "#1f4e79"),
            ("bad", "red"),
        ])));
        assert_eq!(
            render_str("{{ v | str }}", ctx.clone()).unwrap(),
            "\"a \\\"b\\\"\""
        );
        assert_eq!(
            render_str("{{ c | rgb }}", ctx.clone()).unwrap(),
            "rgb(\"#1f4e79\")"
        );
        assert!(render_str("{{ bad | rgb }}", ctx).is_err());
    }

    #[test]
    fn short_urls_drop_scheme_and_www() {
        assert_eq!(short_url("https://www.fbi.gov/a/"), "fbi.gov/a");
        assert_eq!(short_url("report.cybertip.org"), "report.cybertip.org");
    }

    #[test]
    fn block_markers_name_the_template_line() {
        let marked = mark_blocks("a\n// @block\nb\n", "decks/x.typ.j2");
        assert_eq!(marked, "a\n// @block decks/x.typ.j2:2\nb\n");
        assert_eq!(
            template_line_for(&marked, 3),
            Some(("decks/x.typ.j2".to_string(), 2))
        );
        assert_eq!(template_line_for(&marked, 1), None);
    }
}
