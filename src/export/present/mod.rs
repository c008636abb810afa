//! `present.html`: the deck in any browser, offline, with a presenter view.
//!
//! One self-contained file: every slide as inline SVG from the compiled deck (typst-svg draws
//! text as outlines, so each slide also carries its words, visually hidden, for screen readers
//! and search), the plan's notes and timings as JSON, and the CSS and JavaScript of `page.html`
//! and `present.js`. Nothing is fetched: no font, no script, no picture from anywhere.

use super::files::{CompiledKit, KitFile};
use super::pptx::slide_words;
use crate::plan::label;
use crate::plan::labels::{PRESENT_PAGE_WORDS as PAGE_WORDS, PRESENT_SCRIPT_WORDS as SCRIPT_WORDS};

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("present.js");

/// The kit's `present.html`, or nothing if the deck has no SVG pages.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    let Some((_, deck)) = kit.deck() else {
        return Vec::new();
    };
    if deck.svgs.len() != kit.kit.deck.slides.len() {
        return Vec::new();
    }
    vec![KitFile {
        path: "present.html".to_string(),
        bytes: page(kit, &deck.svgs).into_bytes(),
        pages: None,
    }]
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// An SVG whose ids (and references to them) carry `prefix`, so that the slides' SVGs, all
/// inline in one page, cannot point into each other.
fn prefixed_ids(svg: &str, prefix: &str) -> String {
    svg.replace("id=\"", &format!("id=\"{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
        .replace("url(#", &format!("url(#{prefix}"))
}

fn page(kit: &CompiledKit, svgs: &[String]) -> String {
    let deck = &kit.kit.deck;
    let mut slides = String::new();
    for (slide, svg) in deck.slides.iter().zip(svgs) {
        let svg = svg.find("<svg").map_or(svg.as_str(), |at| &svg[at..]);
        let words = slide_words(kit, slide);
        slides.push_str(&format!(
            "<section class=\"slide\" id=\"slide-{n}\" aria-roledescription=\"slide\" aria-label=\"{label}\" hidden>\n<div class=\"art\" aria-hidden=\"true\">{art}</div>\n<div class=\"words\">{words}</div>\n</section>\n",
            n = slide.number,
            label = escape(&format!("{} {}: {}", kit.kit.labels.get("slide").and_then(|v| v.as_str()).unwrap_or("Slide"), slide.number, slide.title)),
            art = prefixed_ids(svg, &format!("s{}-", slide.number)),
            words = escape(&words),
        ));
    }
    let plan: Vec<serde_json::Value> = deck
        .slides
        .iter()
        .map(|s| {
            serde_json::json!({
                "number": s.number,
                "title": s.title,
                "minutes": s.minutes,
                "starts": s.starts,
                "ends": s.ends,
                "notes": s.notes,
            })
        })
        .collect();
    let labels = &kit.kit.labels;
    let words: serde_json::Map<String, serde_json::Value> = SCRIPT_WORDS
        .iter()
        .map(|key| (key.to_string(), label(labels, key).into()))
        .collect();
    let plan = serde_json::json!({ "minutes": deck.minutes, "slides": plan, "words": words });
    // No `<`, `>` or `&` in the JSON, so that nothing in a note can end or change the script
    // element that holds it (JSON reads `\u003c` as `<`).
    let plan = serde_json::to_string(&plan)
        .expect("the plan serializes")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    let page_words = PAGE_WORDS
        .iter()
        .map(|key| (format!("{{{{{key}}}}}"), escape(&label(labels, key))));
    let values: Vec<(String, String)> = [
        ("{{lang}}".to_string(), kit.kit.language.to_string()),
        ("{{title}}".to_string(), escape(&deck.title)),
        ("{{slides}}".to_string(), slides),
        ("{{plan}}".to_string(), plan),
        ("{{script}}".to_string(), SCRIPT.to_string()),
    ]
    .into_iter()
    .chain(page_words)
    .collect();
    let values: Vec<(&str, String)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    fill(PAGE, &values)
}

/// `template` with each placeholder replaced in one pass, so that a value that happens to
/// contain a placeholder's text is never filled in again.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((at, (name, value))) = values
        .iter()
        .filter_map(|v| rest.find(v.0).map(|at| (at, v)))
        .min_by_key(|(at, _)| *at)
    {
        out.push_str(&rest[..at]);
        out.push_str(value);
        rest = &rest[at + name.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once() {
        let values = [("{{a}}", "{{b}}".to_string()), ("{{b}}", "x".to_string())];
        assert_eq!(fill("1{{a}}2{{b}}3", &values), "1{{b}}2x3");
    }

    #[test]
    fn ids_point_into_their_own_slide() {
        let svg = r##"<svg><defs><g id="g1"/></defs><use href="#g1"/><path clip-path="url(#c2)"/></svg>"##;
        assert_eq!(
            prefixed_ids(svg, "s3-"),
            r##"<svg><defs><g id="s3-g1"/></defs><use href="#s3-g1"/><path clip-path="url(#s3-c2)"/></svg>"##
        );
    }
}
