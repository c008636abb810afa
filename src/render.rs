//! Rendering the plan into Typst sources with minijinja.
//!
//! One [`minijinja::Environment`] with strict undefined values renders every `.typ.j2` template.
//! Its auto-escape mode for those templates backslash-escapes every ASCII punctuation character
//! of every printed value, so any text from an event file lands in the document as literal text.
//! The project's own prose goes through the reviewed `prose` filter (straight quotes become
//! typographic) and string contexts through `str`; nothing turns escaping off.

use std::collections::BTreeMap;

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::assets::Assets;
use crate::error::{Error, Position};
use crate::escape;
use crate::plan::{Kit, Plan};

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
    /// The rendered Typst source of `/main.typ`.
    pub source: String,
    /// Other files in the virtual file system (theme, logo), by absolute virtual path.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// The documents of every kit, and where their templates come from.
struct DocumentKind {
    path: &'static str,
    template: &'static str,
    theme: &'static str,
}

const DOCUMENT_KINDS: &[DocumentKind] = &[
    DocumentKind {
        path: "slides.pdf",
        template: "decks/slides.typ.j2",
        theme: "decks/theme.typ",
    },
    DocumentKind {
        path: "handouts/resource-card.pdf",
        template: "handouts/resource-card.typ.j2",
        theme: "handouts/theme.typ",
    },
];

/// The names of the handouts, for `workshop list`.
pub fn document_paths() -> impl Iterator<Item = &'static str> {
    DOCUMENT_KINDS.iter().map(|d| d.path)
}

/// Renders every document of every kit.
pub fn render(plan: &Plan, assets: &Assets) -> Result<Vec<Document>, Error> {
    let mut env = environment();
    let mut display_names = BTreeMap::new();
    for kind in DOCUMENT_KINDS {
        let asset = assets.get(kind.template)?;
        let marked = mark_blocks(&asset.text, &asset.name);
        env.add_template_owned(kind.template.to_string(), marked)
            .map_err(|e| template_error(&e, &asset.name, &asset.text))?;
        display_names.insert(kind.template, asset);
    }

    let mut documents = Vec::new();
    for (index, kit) in plan.kits.iter().enumerate() {
        let context = Context::new(plan, kit);
        for kind in DOCUMENT_KINDS {
            let asset = &display_names[kind.template];
            let template = env
                .get_template(kind.template)
                .expect("template was added above");
            let source = template
                .render(Value::from(Serde(&context)))
                .map_err(|e| template_error(&e, &asset.name, &asset.text))?;
            let theme = assets.get(kind.theme)?;
            let mut files = BTreeMap::new();
            files.insert("/theme.typ".to_string(), theme.text.into_bytes());
            if let (Some(logo), Some(view)) = (&plan.event.logo, &context.event.logo) {
                files.insert(view.path.clone(), logo.bytes.clone());
            }
            documents.push(Document {
                kit: index,
                path: kind.path.to_string(),
                template: asset.name.clone(),
                source,
                files,
            });
        }
    }
    Ok(documents)
}

/// What every template sees.
#[derive(Serialize)]
struct Context<'a> {
    event: crate::plan::EventView,
    deck: &'a crate::plan::Deck,
    card: &'a crate::plan::CardView,
    t: &'a BTreeMap<String, serde_json::Value>,
    audience: &'static str,
    audience_label: &'static str,
    lang: &'static str,
    /// Typst's name for the handout paper.
    paper: &'static str,
}

impl<'a> Context<'a> {
    fn new(plan: &'a Plan, kit: &'a Kit) -> Self {
        Context {
            event: plan.event_view(kit),
            deck: &kit.deck,
            card: &kit.card,
            t: &kit.labels,
            audience: kit.audience.as_str(),
            audience_label: kit.audience.label(),
            lang: kit.language.as_str(),
            paper: plan.event.paper.typst_name(),
        }
    }
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
            AutoEscape::Custom(name) if name == "typst" => {
                out.write_str(&escape::markup(&text)).map_err(Into::into)
            }
            _ => out.write_str(&text).map_err(Into::into),
        }
    });
    env.add_filter("prose", |value: String| {
        Value::from_safe_string(escape::prose(&value))
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
