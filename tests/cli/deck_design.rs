//! The slide design (issue #11): one idea per slide in big type, an icon on every content slide,
//! bar charts drawn from the fact base's own series, full-bleed key slides, and slides whose words
//! stay real text wherever the deck is shown again (presenter notes, 3-up handout).
//!
//! The tests read the built PDFs the way a reviewer would measure them: word boxes from
//! `pdftotext -bbox-layout`, the structure tree and the content streams with lopdf, and pixels
//! from `pdftoppm`. Each test gathers every problem it finds before failing, so one run shows
//! them all.

use super::*;

use std::collections::BTreeSet;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Height of a pdftotext word box per point of font size for Noto Sans (ascender + descender):
/// 28 pt text gives boxes about 38 pt tall.
const BOX_PER_PT: f64 = 1.362;

/// The smallest box height that still counts as text of `size` points (3% slack for rounding).
fn min_box(size: f64) -> f64 {
    size * BOX_PER_PT * 0.97
}

/// The font size in points that a word box of this height stands for.
pub(super) fn size_of(height: f64) -> f64 {
    height / BOX_PER_PT
}

/// Slide kinds that show a title, a body block and (when they cite facts) a source line.
const CONTENT_KINDS: &[&str] = &[
    "bullets",
    "steps",
    "callout",
    "two-column",
    "statistic",
    "quote",
    "reporting-steps",
];

/// Kinds whose whole body is body text (28 pt): no attribution or chart labels at 20 pt.
const BODY_ONLY_KINDS: &[&str] = &[
    "bullets",
    "steps",
    "callout",
    "two-column",
    "reporting-steps",
];

/// Kinds that carry an icon: the content kinds and the resources and contacts slides.
fn has_icon(kind: &str) -> bool {
    CONTENT_KINDS.contains(&kind) || kind == "resources" || kind == "contacts"
}

// ---------------------------------------------------------------------------------------------
// Word boxes: `pdftotext -bbox-layout`
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Word {
    text: String,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

impl Word {
    fn height(&self) -> f64 {
        self.y_max - self.y_min
    }
}

/// One line as pdftotext groups it: words on one baseline of one block, left to right.
#[derive(Clone, Debug)]
struct Line {
    words: Vec<Word>,
}

impl Line {
    fn y_min(&self) -> f64 {
        self.words.iter().map(|w| w.y_min).fold(f64::MAX, f64::min)
    }
    fn y_max(&self) -> f64 {
        self.words.iter().map(|w| w.y_max).fold(f64::MIN, f64::max)
    }
    fn height(&self) -> f64 {
        self.words.iter().map(Word::height).fold(0.0, f64::max)
    }
    fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct TextPage {
    width: f64,
    height: f64,
    /// Sorted top to bottom, then left to right.
    lines: Vec<Line>,
}

pub(super) fn xml_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every page of a PDF with its lines and word boxes, from one `pdftotext -bbox-layout` run.
/// pdftotext writes one element a line (`<page>`, `<line>`, `<word>`), which is all this reads.
fn text_pages(pdf: &[u8]) -> Vec<TextPage> {
    let xml = poppler("pdftotext", pdf, &["-bbox-layout", "-enc", "UTF-8"]);
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {tag}"))
            + name.len()
            + 2;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse().unwrap()
    };
    let mut pages: Vec<TextPage> = Vec::new();
    let mut line: Option<Line> = None;
    for row in xml.lines().map(str::trim) {
        if row.starts_with("<page ") {
            pages.push(TextPage {
                width: number(row, "width"),
                height: number(row, "height"),
                lines: Vec::new(),
            });
        } else if row.starts_with("<line ") {
            line = Some(Line { words: Vec::new() });
        } else if row.starts_with("</line>") {
            let done = line.take().expect("a </line> closes a <line>");
            if !done.words.is_empty() {
                pages.last_mut().unwrap().lines.push(done);
            }
        } else if let Some(rest) = row.strip_prefix("<word ") {
            let open_end = rest.find('>').unwrap();
            let tag = &rest[..open_end];
            let text = rest[open_end + 1..].trim_end_matches("</word>");
            line.as_mut().expect("words sit in lines").words.push(Word {
                text: xml_unescape(text),
                x_min: number(tag, "xMin"),
                y_min: number(tag, "yMin"),
                x_max: number(tag, "xMax"),
                y_max: number(tag, "yMax"),
            });
        }
    }
    for page in &mut pages {
        page.lines.sort_by(|a, b| {
            (a.y_min(), a.words[0].x_min)
                .partial_cmp(&(b.y_min(), b.words[0].x_min))
                .unwrap()
        });
    }
    pages
}

/// A content slide cut into the parts the design gives it, top to bottom.
struct SlideParts {
    title: Vec<Line>,
    body: Vec<Line>,
    /// The line starting with the source label, and anything under it above the footer.
    source: Vec<Line>,
    footer: Vec<Line>,
}

/// Small (under 20 pt) lines in the bottom 15% of the page: the source line and the footer.
fn is_small_at_bottom(line: &Line, page: &TextPage) -> bool {
    line.y_min() >= 0.85 * page.height && line.height() < min_box(20.0)
}

/// Footer lines: the last row of small lines at the bottom (organization left, slide number
/// right). The source line sits just above it, also small, so only the last row counts.
fn is_footer(line: &Line, page: &TextPage) -> bool {
    let last_row = page
        .lines
        .iter()
        .filter(|l| is_small_at_bottom(l, page))
        .map(Line::y_min)
        .fold(f64::MIN, f64::max);
    is_small_at_bottom(line, page) && line.y_min() >= last_row - 2.0
}

/// Whether a line starts with one of the source labels ("Source:", "Sources:", ...).
fn starts_with_label(line: &Line, labels: &[String]) -> bool {
    let first = &line.words[0].text;
    labels.iter().any(|label| first.starts_with(label.as_str()))
}

/// Title = the topmost line and the lines right under it set in the same size; the source line
/// = the first line starting with the label (and what follows it above the footer); the footer =
/// the small lines at the bottom; the body = everything between title and source line.
fn slide_parts(page: &TextPage, labels: &[String]) -> SlideParts {
    let (footer, rest): (Vec<Line>, Vec<Line>) = page
        .lines
        .iter()
        .cloned()
        .partition(|l| is_footer(l, page) && !starts_with_label(l, labels));
    let source_top = rest
        .iter()
        .find(|l| starts_with_label(l, labels))
        .map(Line::y_min);
    let (source, rest): (Vec<Line>, Vec<Line>) = rest
        .into_iter()
        .partition(|l| source_top.is_some_and(|top| l.y_min() >= top - 1.0));
    let mut title = Vec::new();
    let mut body = Vec::new();
    for line in rest {
        let continues_title = match title.last() {
            None => body.is_empty(),
            Some(previous) => {
                let previous: &Line = previous;
                body.is_empty()
                    && (line.height() - previous.height()).abs() < 1.0
                    && line.y_min() - previous.y_max() < 0.6 * previous.height()
            }
        };
        if continues_title {
            title.push(line);
        } else {
            body.push(line);
        }
    }
    SlideParts {
        title,
        body,
        source,
        footer,
    }
}

/// A list marker rather than a word: a bullet or dash glyph, or a step number ("1", "2.").
fn is_marker(word: &Word, first_in_line: bool) -> bool {
    let text = word.text.trim();
    !text.chars().any(char::is_alphanumeric)
        || (first_in_line
            && text.len() <= 3
            && text
                .trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_digit()))
}

/// The words a reader reads in a body: every word but list markers, and a word hyphenated at
/// the end of a line counted once (its first part, "enero-", is left out; "-junio" counts).
fn counted_words(lines: &[Line]) -> Vec<&Word> {
    lines
        .iter()
        .flat_map(|l| {
            let last = l.words.len() - 1;
            l.words
                .iter()
                .enumerate()
                .filter(move |(i, w)| {
                    let broken = *i == last && w.text.len() > 1 && w.text.ends_with('-');
                    !broken && !is_marker(w, *i == 0)
                })
                .map(|(_, w)| w)
        })
        .collect()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The source labels of a kit's language with their colon: "Source:", "Sources:".
fn source_labels(lang: &str) -> Vec<String> {
    let words = translation_values(lang);
    ["source", "sources"]
        .iter()
        .map(|key| format!("{}:", words[*key]))
        .collect()
}

/// Text compared across documents: no whitespace or dashes (see `squeeze`), and no quote marks,
/// which are set typographically in one place and plainly in another.
pub(super) fn plain(text: &str) -> String {
    squeeze(text).replace(['\'', '"', '’', '‘', '“', '”', '«', '»'], "")
}

/// The Spanish kits of a UK event, with local contacts and the school's own reporting steps so
/// that every slide kind is built (the demo has no reporting steps).
fn spanish_uk_kits() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = event_dir(
        "organization = \"Leeds Academy\"\ndate = 2026-12-03\nregion = \"UK\"\nlanguages = [\"es\"]\n\
         [[contacts]]\nname = \"Kim Patel\"\nrole = \"Tutora\"\nphone = \"0113 496 0000\"\n\
         [staff]\nreporting-steps = [\"Avisar a la jefa de estudios\", \"Anotar lo que dijo el alumno\", \"Llamar a la línea del distrito\"]\n",
    );
    assert_ok(&build_event(dir.path(), &[]));
    let zips = zips_in(&dir.path().join("out"));
    assert_eq!(zips.len(), 3, "three Spanish UK kits");
    (dir, zips)
}

/// The slides of a manifest, as JSON objects.
fn manifest_slides(manifest: &serde_json::Value) -> Vec<serde_json::Value> {
    manifest["slides"]
        .as_array()
        .expect("manifest slides")
        .clone()
}

fn slide_kind(slide: &serde_json::Value) -> &str {
    slide["kind"].as_str().unwrap()
}

fn fail_with(problems: &[String], what: &str) {
    assert!(
        problems.is_empty(),
        "{} problem(s) with {what}:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 1. One idea per slide, in big type
// ---------------------------------------------------------------------------------------------

/// On every content slide (demo kits and the Spanish UK kits): the title on top in at least
/// 40 pt, at most 30 body words, body words at least 20 pt with the median at 28 pt (and all at
/// 28 pt where the body has no secondary text), the body reaching below 55% of the page height,
/// a 14-pt source line starting with the kit's label exactly when the slide cites facts, and the
/// footer with the organization and the slide number.
#[test]
fn content_slides_carry_one_idea_in_big_type() {
    let (_demo, demo) = demo_kits();
    let (_es, spanish) = spanish_uk_kits();
    fail_with(
        &type_and_words(&[demo, spanish].concat()),
        "the content slides' type and words",
    );
}

fn type_and_words(zips: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut table = vec![format!(
        "{:<48} {:>5} {:<16} {:>5} {:>7} {:>6} {:>7}",
        "kit", "slide", "kind", "words", "median", "min", "bottom"
    )];
    for zip in zips {
        let (kit, entries, manifest) = open_kit(zip);
        let lang = manifest["event"]["language"].as_str().unwrap();
        let organization = manifest["event"]["organization"].as_str().unwrap();
        let labels = source_labels(lang);
        let pages = text_pages(&entries[&format!("{kit}/slides.pdf")]);
        let slides = manifest_slides(&manifest);
        assert_eq!(pages.len(), slides.len(), "{kit}: one page per slide");
        for slide in &slides {
            let kind = slide_kind(slide);
            if !CONTENT_KINDS.contains(&kind) {
                continue;
            }
            let n = slide["number"].as_u64().unwrap() as usize;
            let page = &pages[n - 1];
            let at = format!("{kit} slide {n} ({kind})");
            let parts = slide_parts(page, &labels);

            // The title: on top, at least 40 pt, the manifest's title.
            match parts.title.first() {
                None => problems.push(format!("{at}: no text at all")),
                Some(first) => {
                    if first.height() < min_box(40.0) {
                        problems.push(format!(
                            "{at}: the topmost line `{}` is {:.1} pt, a title needs 40 pt",
                            first.text(),
                            size_of(first.height())
                        ));
                    }
                    let title: String = parts.title.iter().map(Line::text).collect();
                    let expected = slide["title"].as_str().unwrap();
                    if plain(&title) != plain(expected) {
                        problems.push(format!(
                            "{at}: the title on top reads `{title}`, the manifest says `{expected}`"
                        ));
                    }
                }
            }

            // The body: few words, big type, a block that reaches down the page.
            let words = counted_words(&parts.body);
            let all: Vec<&Word> = parts.body.iter().flat_map(|l| &l.words).collect();
            let mut heights: Vec<f64> = words.iter().map(|w| w.height()).collect();
            let median_pt = size_of(median(&mut heights));
            let min_pt = all
                .iter()
                .map(|w| size_of(w.height()))
                .fold(f64::MAX, f64::min);
            let bottom = all.iter().map(|w| w.y_max).fold(0.0, f64::max) / page.height;
            table.push(format!(
                "{kit:<48} {n:>5} {kind:<16} {:>5} {median_pt:>7.1} {:>6.1} {:>6.0}%",
                words.len(),
                if all.is_empty() { 0.0 } else { min_pt },
                bottom * 100.0
            ));
            if words.is_empty() {
                problems.push(format!("{at}: no body words between title and source line"));
                continue;
            }
            if words.len() > 30 {
                problems.push(format!(
                    "{at}: {} body words (at most 30): {}",
                    words.len(),
                    fold(
                        &parts
                            .body
                            .iter()
                            .map(Line::text)
                            .collect::<Vec<_>>()
                            .join(" ")
                    )
                ));
            }
            let floor = if BODY_ONLY_KINDS.contains(&kind) {
                28.0
            } else {
                20.0
            };
            for word in all.iter().filter(|w| w.height() < min_box(floor)) {
                problems.push(format!(
                    "{at}: body word `{}` is {:.1} pt (at least {floor} pt)",
                    word.text,
                    size_of(word.height())
                ));
            }
            if median_pt < 28.0 * 0.97 {
                problems.push(format!(
                    "{at}: the median body word is {median_pt:.1} pt (at least 28 pt)"
                ));
            }
            if bottom <= 0.55 {
                problems.push(format!(
                    "{at}: the body stops at {:.0}% of the page height (should reach below 55%)",
                    bottom * 100.0
                ));
            }

            // The source line: there exactly when the slide cites facts, at 14 pt, one line.
            let cites = slide["facts"]
                .as_array()
                .is_some_and(|facts| !facts.is_empty());
            match (cites, parts.source.first()) {
                (true, None) => problems.push(format!(
                    "{at}: cites {} but has no line starting with {labels:?}",
                    slide["facts"]
                )),
                (false, Some(line)) => problems.push(format!(
                    "{at}: cites no facts but has a source line `{}`",
                    line.text()
                )),
                (true, Some(_)) => {
                    for line in &parts.source {
                        let pt = size_of(line.height());
                        if !(13.5..=15.5).contains(&pt) {
                            problems.push(format!(
                                "{at}: the source line `{}` is {pt:.1} pt (14 pt)",
                                line.text()
                            ));
                        }
                    }
                    if parts.source.len() > 1 {
                        problems.push(format!(
                            "{at}: the source takes {} lines (one line): {}",
                            parts.source.len(),
                            parts
                                .source
                                .iter()
                                .map(Line::text)
                                .collect::<Vec<_>>()
                                .join(" / ")
                        ));
                    }
                }
                (false, None) => {}
            }

            // The footer: organization on the left, the slide number on the right, at 14 pt.
            let footer_words: Vec<&Word> = parts.footer.iter().flat_map(|l| &l.words).collect();
            let rightmost = footer_words
                .iter()
                .max_by(|a, b| a.x_max.partial_cmp(&b.x_max).unwrap());
            if rightmost.is_none_or(|w| w.text != n.to_string() || w.x_max < 0.8 * page.width) {
                problems.push(format!(
                    "{at}: the footer's rightmost word is {:?}, expected the slide number {n} on the right",
                    rightmost.map(|w| &w.text)
                ));
            }
            let footer_text: String = parts.footer.iter().map(Line::text).collect();
            if !plain(&footer_text).contains(&plain(organization)) {
                problems.push(format!(
                    "{at}: the footer `{footer_text}` lacks the organization `{organization}`"
                ));
            }
        }
    }
    eprintln!("{}", table.join("\n"));
    problems
}

// ---------------------------------------------------------------------------------------------
// Structure tree (lopdf)
// ---------------------------------------------------------------------------------------------

/// A structure element of a tagged PDF: its role (after the role map), alt text and page.
struct StructElem {
    role: String,
    alt: Option<String>,
    page: Option<ObjectId>,
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map(|(_, o)| o).unwrap_or(object)
}

fn name_of(object: &Object) -> Option<String> {
    object
        .as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Every element of the structure tree, depth first. Pages are inherited from the parent where
/// an element has no /Pg of its own; the role map is applied so custom roles read as standard.
fn struct_elements(doc: &Document) -> Vec<StructElem> {
    let catalog = doc.catalog().unwrap();
    let root = resolve(doc, catalog.get(b"StructTreeRoot").expect("a tagged PDF"))
        .as_dict()
        .unwrap();
    let role_map: Option<&Dictionary> = root
        .get(b"RoleMap")
        .ok()
        .and_then(|m| resolve(doc, m).as_dict().ok());
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<(&Object, Option<ObjectId>)> = Vec::new();
    if let Ok(kids) = root.get(b"K") {
        stack.push((kids, None));
    }
    while let Some((object, inherited)) = stack.pop() {
        if let Object::Reference(id) = object
            && !seen.insert(*id)
        {
            continue;
        }
        match resolve(doc, object) {
            Object::Array(items) => {
                for item in items.iter().rev() {
                    stack.push((item, inherited));
                }
            }
            Object::Dictionary(dict) => {
                let Some(mut role) = dict.get(b"S").ok().and_then(name_of) else {
                    continue; // a marked-content or object reference
                };
                for _ in 0..8 {
                    match role_map
                        .and_then(|m| m.get(role.as_bytes()).ok())
                        .and_then(name_of)
                    {
                        Some(mapped) if mapped != role => role = mapped,
                        _ => break,
                    }
                }
                let page = dict
                    .get(b"Pg")
                    .ok()
                    .and_then(|p| p.as_reference().ok())
                    .or(inherited);
                let alt = dict
                    .get(b"Alt")
                    .ok()
                    .and_then(|a| lopdf::decode_text_string(resolve(doc, a)).ok());
                found.push(StructElem { role, alt, page });
                if let Ok(kids) = dict.get(b"K") {
                    stack.push((kids, page));
                }
            }
            _ => {}
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// 2. Charts from the fact base's own series
// ---------------------------------------------------------------------------------------------

/// The values of a fact's `series` in content/facts.toml, as written there.
fn series_values(base: &toml::Value, id: &str) -> Option<Vec<String>> {
    let fact = base["fact"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"].as_str() == Some(id))?;
    let series = fact.get("series")?.as_array()?;
    Some(
        series
            .iter()
            .map(|point| point["value"].as_str().unwrap().to_string())
            .collect(),
    )
}

/// Statistic slides of the parents and staff decks whose fact has a series draw it as a bar
/// chart: a Figure in the structure tree on that slide's page whose alt text states every value
/// exactly as the fact base writes it, with the values printed on the page as labels. Each of the
/// two decks has at least one chart.
#[test]
fn statistics_with_a_series_are_drawn_as_tagged_bar_charts() {
    let (_dir, zips) = demo_kits();
    fail_with(&charts(&zips), "the charts");
}

fn charts(zips: &[PathBuf]) -> Vec<String> {
    let base = fact_base();
    let mut problems = Vec::new();
    let mut charts_per_deck = BTreeMap::new();
    for zip in zips {
        let (kit, entries, manifest) = open_kit(zip);
        let audience = manifest["audience"].as_str().unwrap().to_string();
        if audience == "teens" {
            continue;
        }
        let pdf = &entries[&format!("{kit}/slides.pdf")];
        let doc = Document::load_mem(pdf).unwrap();
        let page_ids = doc.get_pages();
        let elements = struct_elements(&doc);
        let figures: Vec<&StructElem> = elements.iter().filter(|e| e.role == "Figure").collect();
        let texts: Vec<String> = pdf_text(pdf).split('\x0c').map(fold).collect();
        let charts = charts_per_deck.entry(audience.clone()).or_insert(0);
        for slide in manifest_slides(&manifest) {
            if slide_kind(&slide) != "statistic" {
                continue;
            }
            let n = slide["number"].as_u64().unwrap() as u32;
            let facts = slide["facts"].as_array().cloned().unwrap_or_default();
            for id in facts.iter().filter_map(|f| f.as_str()) {
                let Some(values) = series_values(&base, id) else {
                    continue;
                };
                *charts += 1;
                let page = page_ids[&n];
                let chart = figures.iter().find(|f| {
                    f.page.is_none_or(|p| p == page)
                        && f.alt
                            .as_deref()
                            .is_some_and(|alt| values.iter().all(|v| alt.contains(v.as_str())))
                });
                if chart.is_none() {
                    let alts: Vec<&str> = figures
                        .iter()
                        .filter(|f| f.page == Some(page))
                        .map(|f| f.alt.as_deref().unwrap_or("(no alt)"))
                        .collect();
                    problems.push(format!(
                        "{kit} slide {n}: no Figure whose alt text states {values:?} (`{id}`); figures on the page: {alts:?}"
                    ));
                }
                for value in &values {
                    if !texts[n as usize - 1].contains(value.as_str()) {
                        problems.push(format!(
                            "{kit} slide {n}: the chart's value {value} is not printed on the slide"
                        ));
                    }
                }
            }
        }
    }
    for audience in ["parents", "staff"] {
        let charts = charts_per_deck.get(audience).copied().unwrap_or(0);
        if charts == 0 {
            problems.push(format!(
                "the {audience} deck has no statistic slide with a series: no chart to show"
            ));
        }
    }
    eprintln!("statistic slides with a series: {charts_per_deck:?}");
    problems
}

// ---------------------------------------------------------------------------------------------
// Content streams (lopdf): what a page draws as decoration
// ---------------------------------------------------------------------------------------------

/// The resources of a page or form, following references and inheritance from the page tree.
fn resources_of<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    if let Ok(resources) = dict.get(b"Resources") {
        return resolve(doc, resources).as_dict().ok();
    }
    let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
    resources_of(doc, doc.get_dictionary(parent).ok()?)
}

fn operand_text(object: &Object) -> String {
    match object {
        Object::Integer(i) => i.to_string(),
        Object::Real(r) => format!("{:.2}", r),
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        other => format!("{other:?}"),
    }
}

/// Fingerprints of the drawings in a content stream. A drawing is one top-level `q ... Q` group
/// (or what sits directly in a marked-content section): its painted paths (construction
/// operators with their operands, in the drawing's own coordinates, and the painting operator)
/// and the XObjects it places (images by their bytes, forms by their own drawings). Colours,
/// transforms and clipping paths are left out, so one icon placed at another spot, size or
/// colour gives the same fingerprint. Typst draws an SVG image's paths straight into the page
/// (inline, under a `cm`) and a raster image as an Image XObject: both are covered.
struct Drawings<'a> {
    doc: &'a Document,
    /// Only drawings inside `/Artifact` marked content (decoration), or every drawing.
    artifacts_only: bool,
    found: BTreeSet<String>,
    /// XObjects placed in the counted drawings, by object id.
    xobjects: BTreeSet<ObjectId>,
    forms_seen: Vec<ObjectId>,
}

impl<'a> Drawings<'a> {
    fn new(doc: &'a Document, artifacts_only: bool) -> Self {
        Drawings {
            doc,
            artifacts_only,
            found: BTreeSet::new(),
            xobjects: BTreeSet::new(),
            forms_seen: Vec::new(),
        }
    }

    fn page(mut self, page: ObjectId) -> Self {
        let content = self.doc.get_page_content(page).unwrap();
        let ops = Content::decode(&content).unwrap().operations;
        let page_dict = self.doc.get_dictionary(page).unwrap();
        let resources = resources_of(self.doc, page_dict);
        let groups = self.stream(&ops, resources, self.artifacts_only);
        self.found.extend(groups);
        self
    }

    /// The drawings of one stream. `artifacts_only` = count only what is inside an artifact.
    fn stream(
        &mut self,
        ops: &[Operation],
        resources: Option<&'a Dictionary>,
        artifacts_only: bool,
    ) -> Vec<String> {
        let mut groups = Vec::new();
        let mut marked: Vec<bool> = Vec::new();
        let mut depth = 0usize;
        // The q depth at which the current section began (a drawing is a group one level in).
        let mut base = if artifacts_only { None } else { Some(0) };
        let mut group: Vec<String> = Vec::new();
        let mut path: Vec<String> = Vec::new();
        let active = |marked: &[bool]| !artifacts_only || marked.iter().any(|a| *a);
        let flush = |group: &mut Vec<String>, groups: &mut Vec<String>| {
            if !group.is_empty() {
                groups.push(group.join(" | "));
                group.clear();
            }
        };
        for op in ops {
            match op.operator.as_str() {
                "BMC" | "BDC" => {
                    let was = active(&marked);
                    let artifact =
                        op.operands.first().and_then(name_of).as_deref() == Some("Artifact");
                    marked.push(artifact);
                    if !was && active(&marked) {
                        base = Some(depth);
                        group.clear();
                    }
                }
                "EMC" => {
                    let was = active(&marked);
                    marked.pop();
                    if was && !active(&marked) {
                        flush(&mut group, &mut groups);
                        base = None;
                    }
                }
                "q" => depth += 1,
                "Q" => {
                    depth = depth.saturating_sub(1);
                    if active(&marked) && base == Some(depth) {
                        flush(&mut group, &mut groups);
                    }
                }
                "m" | "l" | "c" | "v" | "y" | "h" | "re" => {
                    let mut token: Vec<String> = op.operands.iter().map(operand_text).collect();
                    token.push(op.operator.clone());
                    path.push(token.join(" "));
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if active(&marked) && !path.is_empty() {
                        group.push(format!("{} {}", path.join(" "), op.operator));
                    }
                    path.clear();
                }
                "n" => path.clear(),
                "Do" if active(&marked) => {
                    if let Some(token) = op
                        .operands
                        .first()
                        .and_then(|name| self.xobject(resources, name))
                    {
                        group.push(token);
                    }
                }
                _ => {}
            }
        }
        flush(&mut group, &mut groups);
        groups
    }

    /// A placed XObject's fingerprint: an image's bytes, or a form's own drawings.
    fn xobject(&mut self, resources: Option<&'a Dictionary>, name: &Object) -> Option<String> {
        let doc = self.doc;
        let xobjects = resolve(doc, resources?.get(b"XObject").ok()?)
            .as_dict()
            .ok()?;
        let id = xobjects
            .get(name.as_name().ok()?)
            .ok()?
            .as_reference()
            .ok()?;
        self.xobjects.insert(id);
        let stream = doc.get_object(id).ok()?.as_stream().ok()?;
        let bytes = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let subtype = stream.dict.get(b"Subtype").ok().and_then(name_of);
        if subtype.as_deref() == Some("Form") {
            if self.forms_seen.contains(&id) {
                return Some(format!("form {id:?}"));
            }
            self.forms_seen.push(id);
            let ops = Content::decode(&bytes).ok()?.operations;
            let inner = resources_of(doc, &stream.dict).or(resources);
            let drawings = self.stream(&ops, inner, false);
            self.forms_seen.pop();
            Some(format!("form[{}]", drawings.join(" ; ")))
        } else {
            let digest: String = Sha256::digest(&bytes)
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect();
            Some(format!("image {digest}"))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Icons
// ---------------------------------------------------------------------------------------------

/// What one slide with an icon draws.
struct IconPage {
    number: u32,
    icon: String,
    /// Drawings inside `/Artifact` marked content.
    decorative: BTreeSet<String>,
    /// Every drawing, tagged or not (to tell a missing icon from one that is not decoration).
    everything: BTreeSet<String>,
    /// The XObjects the decorative drawings place.
    xobjects: BTreeSet<ObjectId>,
}

/// The drawings every page in `mine` has and no page in `others` has.
fn own_drawings(
    mine: &[&IconPage],
    others: &[&IconPage],
    pick: fn(&IconPage) -> &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut shared = pick(mine[0]).clone();
    for page in &mine[1..] {
        shared.retain(|d| pick(page).contains(d));
    }
    for page in others {
        shared.retain(|d| !pick(page).contains(d));
    }
    shared
}

/// Every content slide (content kinds, resources, contacts) names a Lucide icon in the manifest
/// and draws it as decoration (inside `/Artifact` marked content): for each icon, all the slides
/// that name it draw one same decorative drawing that no slide naming another icon draws. That
/// proves the icon is on its page, that one icon is embedded the same way wherever it is used
/// (one XObject, or the same inline paths), and that different icons look different.
///
/// Why drawings and not XObject ids: Typst 0.15 (krilla-svg) draws an SVG image's paths inline
/// in the page's content stream, with no XObject, so "a common XObject id" holds only for raster
/// icons. Both cases give equal fingerprints for one icon; the XObjects are counted and printed.
#[test]
fn every_content_slide_draws_its_own_decorative_icon() {
    let (_dir, zips) = demo_kits();
    fail_with(&icons(&zips), "the icons");
}

fn icons(zips: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    for zip in zips {
        let (kit, entries, manifest) = open_kit(zip);
        let doc = Document::load_mem(&entries[&format!("{kit}/slides.pdf")]).unwrap();
        let page_ids = doc.get_pages();
        let mut pages = Vec::new();
        for slide in manifest_slides(&manifest) {
            let kind = slide_kind(&slide);
            if !has_icon(kind) {
                continue;
            }
            let n = slide["number"].as_u64().unwrap() as u32;
            let Some(icon) = slide["icon"].as_str().filter(|i| !i.is_empty()) else {
                problems.push(format!(
                    "{kit} slide {n} ({kind}): no icon in the manifest ({})",
                    slide["icon"]
                ));
                continue;
            };
            let decorative = Drawings::new(&doc, true).page(page_ids[&n]);
            let everything = Drawings::new(&doc, false).page(page_ids[&n]);
            if decorative.found.is_empty() {
                problems.push(format!(
                    "{kit} slide {n} ({kind}, icon `{icon}`): draws nothing as an artifact"
                ));
            }
            pages.push(IconPage {
                number: n,
                icon: icon.to_string(),
                decorative: decorative.found,
                everything: everything.found,
                xobjects: decorative.xobjects,
            });
        }
        let icons: BTreeSet<&str> = pages.iter().map(|p| p.icon.as_str()).collect();
        let mut summary = Vec::new();
        for icon in &icons {
            let (mine, others): (Vec<&IconPage>, Vec<&IconPage>) =
                pages.iter().partition(|p| p.icon == *icon);
            let numbers: Vec<u32> = mine.iter().map(|p| p.number).collect();
            let decorative = own_drawings(&mine, &others, |p| &p.decorative);
            let shared_xobjects = mine
                .iter()
                .map(|p| p.xobjects.clone())
                .reduce(|a, b| a.intersection(&b).copied().collect())
                .unwrap_or_default();
            summary.push(format!(
                "  {icon}: slides {numbers:?}, {} own decorative drawing(s), {} shared decorative XObject(s)",
                decorative.len(),
                shared_xobjects.len()
            ));
            if decorative.is_empty() {
                let anywhere = own_drawings(&mine, &others, |p| &p.everything);
                problems.push(format!(
                    "{kit}: icon `{icon}` (slides {numbers:?}): no decorative drawing common to these slides and absent from the slides with other icons{}",
                    if anywhere.is_empty() {
                        " (nor any such drawing outside artifacts)".to_string()
                    } else {
                        format!(
                            " ({} such drawing(s) exist outside /Artifact: the icon is not tagged as decoration)",
                            anywhere.len()
                        )
                    }
                ));
            }
        }
        eprintln!("{kit}: icons\n{}", summary.join("\n"));
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// 4. Key slides
// ---------------------------------------------------------------------------------------------

/// One page of a PDF as an RGB picture.
fn render_page(pdf: &[u8], page: usize, dpi: u32) -> image::RgbImage {
    page_picture(pdf, page, dpi, false).to_rgb8()
}

/// The colours three pixels in from each corner: top left, top right, bottom left, bottom right.
fn corners(picture: &image::RgbImage) -> [[u8; 3]; 4] {
    let (w, h) = (picture.width() - 4, picture.height() - 4);
    [(3, 3), (w, 3), (3, h), (w, h)].map(|(x, y)| picture.get_pixel(x, y).0)
}

/// WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white).
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// Each deck marks exactly two slides `key: true`, and those are full-bleed colour: the four
/// corners of the page are one dark colour (at most 0.3 luminance, the darkness white text needs
/// for 3:1), while the corners of every other content slide are light (at least 0.8). Checked on
/// the demo decks and the Spanish UK decks (whose staff deck has the school's reporting steps,
/// one of its two key slides).
#[test]
fn two_key_slides_per_deck_are_full_bleed_colour() {
    let (_demo, demo) = demo_kits();
    let (_es, spanish) = spanish_uk_kits();
    fail_with(&key_slides(&[demo, spanish].concat()), "the key slides");
}

fn key_slides(zips: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    for zip in zips {
        let (kit, entries, manifest) = open_kit(zip);
        let pdf = &entries[&format!("{kit}/slides.pdf")];
        let slides = manifest_slides(&manifest);
        let keys: Vec<u64> = slides
            .iter()
            .filter(|s| s["key"] == true)
            .map(|s| s["number"].as_u64().unwrap())
            .collect();
        if keys.len() != 2 {
            problems.push(format!(
                "{kit}: {} key slides {keys:?} (exactly 2); slides: {:?}",
                keys.len(),
                slides
                    .iter()
                    .map(|s| format!("{} {}", s["number"], s["title"].as_str().unwrap_or("")))
                    .collect::<Vec<_>>()
            ));
        }
        for slide in &slides {
            let n = slide["number"].as_u64().unwrap();
            let key = slide["key"] == true;
            if !key && !has_icon(slide_kind(slide)) {
                continue; // title, section, questions and sources slides have their own design
            }
            let picture = render_page(pdf, n as usize, 20);
            let found = corners(&picture);
            let title = slide["title"].as_str().unwrap_or("");
            if key {
                let dark = found.iter().all(|c| luminance(*c) <= 0.3);
                let same = found
                    .iter()
                    .all(|c| c.iter().zip(found[0]).all(|(a, b)| a.abs_diff(b) <= 8));
                if !dark || !same {
                    problems.push(format!(
                        "{kit} slide {n} `{title}` (key): corners {found:?} are not one dark colour"
                    ));
                }
            } else if found.iter().any(|c| luminance(*c) < 0.8) {
                problems.push(format!(
                    "{kit} slide {n} `{title}` ({}): corners {found:?} are not white or light",
                    slide_kind(slide)
                ));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// 5. The slides' words stay text in the presenter notes and the 3-up handout
// ---------------------------------------------------------------------------------------------

/// Every line of every slide (all but the footer) is found, as text, on the slide's page of
/// presenter-notes.pdf and on page ceil(n/3) of handouts/slides-3up.pdf: the slides are placed
/// there as real text, not as pictures. Lines are compared whitespace-squeezed and without quote
/// marks, each line as a whole, so the words must come in the slide's order.
#[test]
fn presenter_notes_and_3up_keep_the_slides_words_as_text() {
    let (_dir, zips) = demo_kits();
    fail_with(
        &shown_again(&zips),
        "the slides' words in the notes and the 3-up handout",
    );
}

fn shown_again(zips: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    for zip in zips {
        let (kit, entries, manifest) = open_kit(zip);
        let pages = text_pages(&entries[&format!("{kit}/slides.pdf")]);
        let page_texts = |path: &str| -> Vec<String> {
            pdf_text(&entries[&format!("{kit}/{path}")])
                .split('\x0c')
                .map(plain)
                .collect()
        };
        let notes = page_texts("presenter-notes.pdf");
        let three_up = page_texts("handouts/slides-3up.pdf");
        let mut lines_checked = 0;
        for slide in manifest_slides(&manifest) {
            let n = slide["number"].as_u64().unwrap() as usize;
            let page = &pages[n - 1];
            for line in page.lines.iter().filter(|l| !is_footer(l, page)) {
                let wanted = plain(&line.text());
                if wanted.is_empty() {
                    continue;
                }
                lines_checked += 1;
                for (document, text, at) in [
                    ("presenter-notes.pdf", &notes, n),
                    ("handouts/slides-3up.pdf", &three_up, n.div_ceil(3)),
                ] {
                    if !text.get(at - 1).is_some_and(|t| t.contains(&wanted)) {
                        problems.push(format!(
                            "{kit}: {document} page {at} lacks slide {n}'s text `{}`",
                            line.text()
                        ));
                    }
                }
            }
        }
        assert!(
            lines_checked > 3 * pages.len(),
            "{kit}: {lines_checked} lines read from the slides"
        );
    }
    problems
}
