//! `present.html`: the deck in any browser, offline, with a presenter view.
//!
//! One self-contained file: every slide as inline SVG from the compiled deck (typst-svg draws
//! text as outlines, so each slide also carries its words, visually hidden, for screen readers
//! and search), the plan's notes and timings as JSON, and the CSS and JavaScript of `page.html`
//! and `present.js`. Nothing is fetched: no font, no script, no picture from anywhere.

use super::files::{CompiledKit, KitFile};
use super::pptx::slide_words;
use crate::render::document::DECK_PATH;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("present.js");

/// The kit's `present.html`, or nothing if the deck has no SVG pages.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    let Some((_, deck)) = kit.documents.iter().find(|(doc, _)| doc.path == DECK_PATH) else {
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
        // The XML declaration has no place inside HTML.
        .trim_start_matches(|c| c != '<')
        .to_string()
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
    let plan = serde_json::json!({ "minutes": deck.minutes, "slides": plan });
    // `</` cannot end the JSON's script element early: JSON allows `<\/`.
    let plan = serde_json::to_string(&plan)
        .expect("the plan serializes")
        .replace("</", "<\\/");
    PAGE.replace("{{lang}}", &kit.kit.language.to_string())
        .replace("{{title}}", &escape(&deck.title))
        .replace("{{slides}}", &slides)
        .replace("{{plan}}", &plan)
        .replace("{{script}}", SCRIPT)
}
