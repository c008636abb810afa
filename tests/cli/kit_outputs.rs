//! The kit's own outputs beside the deck (issue #11): pdfpc notes that pdfpc can wrap, the
//! contact sheet of the slides, paragraphs rather than bare spans in the tag tree, and wallet
//! cards with room between their lines.

use super::*;

/// The running clock as the notes print it: `h:mm`.
fn clock(minutes: u64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The text a reader of `markdown` sees, or the first thing in it that is not plain text:
/// paragraphs joined by a blank line, line breaks as newlines.
fn markdown_text(markdown: &str) -> Result<String, String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut paragraphs = Vec::new();
    let mut paragraph = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => paragraph.clear(),
            Event::End(TagEnd::Paragraph) => paragraphs.push(std::mem::take(&mut paragraph)),
            Event::Text(text) => paragraph.push_str(&text),
            Event::SoftBreak | Event::HardBreak => paragraph.push('\n'),
            other => return Err(format!("{other:?}")),
        }
    }
    Ok(paragraphs.join("\n\n"))
}

/// Checks that every pdfpc note of a kit turns markdown on and reads, as markdown, exactly as
/// the slide's header line and notes in the manifest; returns the notes read.
fn assert_pdfpc_notes_are_literal(zip: &Path) -> Vec<String> {
    let (kit, entries, manifest) = open_kit(zip);
    let pdfpc: serde_json::Value =
        serde_json::from_slice(&entries[&format!("{kit}/slides.pdfpc")]).unwrap();
    assert_eq!(
        pdfpc["disableMarkdown"], false,
        "{kit}: pdfpc renders the notes as markdown, so that they wrap"
    );
    let slides = manifest["slides"].as_array().unwrap();
    let pages = pdfpc["pages"].as_array().unwrap();
    assert_eq!(pages.len(), slides.len(), "{kit}: one note per slide");
    let mut elapsed = 0;
    let mut notes = Vec::new();
    for (page, slide) in pages.iter().zip(slides) {
        let minutes = slide["minutes"].as_u64().unwrap();
        let expected = format!(
            "{} ({minutes} min, {} - {})\n\n{}",
            slide["title"].as_str().unwrap(),
            clock(elapsed),
            clock(elapsed + minutes),
            slide["notes"].as_str().unwrap(),
        );
        elapsed += minutes;
        let note = page["note"].as_str().unwrap();
        match markdown_text(note) {
            Ok(text) => assert_eq!(
                text, expected,
                "{kit}: pdfpc note {} does not read as its text:\n{note}",
                page["idx"]
            ),
            Err(event) => panic!(
                "{kit}: pdfpc note {} makes markup ({event}):\n{note}",
                page["idx"]
            ),
        }
        notes.push(expected);
    }
    notes
}

/// Notes and a slide title that look like markdown (and like HTML and entities) at the start
/// of a line, inside it and at its end; 40 words or more, as the loader wants.
fn markdown_looking_notes() -> String {
    [
        "# Not a heading *x* _y_ **z** __w__ [a](b) ![i](j) <b>bold</b> <!-- c --> \\ &amp; &copy; &#35;",
        "`code` ``two`` ~~strike~~ ==mark== x^2 a|b \"quoted\" it's (c) (tm) 1/2 -- --- ... {x} $ @",
        "- not a list",
        "+ nor this",
        "* nor this",
        "1. not numbered",
        "2) nor this",
        "> not a quote",
        "    four spaces are not code",
        "===",
        "---",
        "***",
        "```rust",
        "~~~",
        "<div>not html</div>",
        "[ref]: /not-a-definition \"title\"",
        "two trailing spaces  ",
        "a trailing backslash\\",
        "   ",
        "and a last line of plain words.",
        "",
        "A second paragraph: every word above stays as written, for the presenter to read aloud.",
    ]
    .join("\n")
}

/// `content/parents.toml` with the first slide's title and notes replaced.
fn parents_content(title: &str, notes: &str) -> String {
    let content = include_str!("../../content/parents.toml");
    let slide = content.find("[[slides]]").unwrap();
    let title_at = slide + content[slide..].find("\ntitle = ").unwrap() + 1;
    let title_end = title_at + content[title_at..].find('\n').unwrap();
    let notes_at = slide + content[slide..].find("notes = \"\"\"").unwrap();
    let notes_end = notes_at + 11 + content[notes_at + 11..].find("\"\"\"").unwrap() + 3;
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    format!(
        "{}title = {}{}notes = {}{}",
        &content[..title_at],
        q(title),
        &content[title_end..notes_at],
        q(notes),
        &content[notes_end..]
    )
}

#[test]
fn pdfpc_notes_are_markdown_that_reads_as_exactly_their_text() {
    let (_dir, zips) = demo_kits();
    assert_eq!(zips.len(), 3);
    for zip in &zips {
        assert_pdfpc_notes_are_literal(zip);
    }

    // The hostile-values event, whose values never reach the notes, with a content file whose
    // first slide has a markdown-looking title and notes.
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let dir = event_dir(&format!(
        "organization = {}\ndate = 2026-12-03\naudiences = [\"parents\"]\nvenue = {}\ntitle = {}\n\
         [presenter]\nname = {}\n[[contacts]]\nname = {}\nwhere = {}\n",
        q(HOSTILE[0]),
        q(HOSTILE[1]),
        q(HOSTILE[6]),
        q(HOSTILE[2]),
        q(HOSTILE[3]),
        q(HOSTILE[5]),
    ));
    let title = "# *Welcome* _to_ [a](b) <b>x</b> \\ &amp; ~~y~~ - 1. >";
    let notes = markdown_looking_notes();
    let custom = dir.path().join("custom/content");
    std::fs::create_dir_all(&custom).unwrap();
    // Braces are region words in content (`{lead}`); doubled, they print as themselves.
    let escaped = notes.replace('{', "{{").replace('}', "}}");
    std::fs::write(
        custom.join("parents.toml"),
        parents_content(title, &escaped),
    )
    .unwrap();
    assert_ok(&build_event(dir.path(), &["--templates", "custom"]));
    let zips = zips_in(&dir.path().join("out"));
    assert_eq!(zips.len(), 1);
    let read = assert_pdfpc_notes_are_literal(&zips[0]);
    assert!(
        read[0].starts_with(title) && read[0].ends_with(&notes),
        "the markdown-looking title and notes are the first slide's: {}",
        read[0]
    );
}

/// The contact sheet's layout rule: the slides halved, in rows of five (fewer in a shorter
/// deck), 8 px apart and from the edges.
const SHEET_COLUMNS: u32 = 5;
const SHEET_GAP: u32 = 8;

/// Checks `previews/overview.png` of a kit: its size follows from the slide count and the
/// previews' size, every cell holds its slide (about the colours of that slide's preview, and
/// not one flat colour), and what is left over is the plain ground.
fn assert_overview_shows_every_slide(zip: &Path) {
    let (kit, entries, manifest) = open_kit(zip);
    let count = manifest["slides"].as_array().unwrap().len() as u32;
    let png = entries
        .get(&format!("{kit}/previews/overview.png"))
        .unwrap_or_else(|| panic!("{kit} has no previews/overview.png"));
    let sheet = image::load_from_memory(png).unwrap().to_rgb8();
    let preview = |n: u32| {
        image::load_from_memory(&entries[&format!("{kit}/previews/slide-{n:02}.png")])
            .unwrap()
            .to_rgb8()
    };
    let (width, height) = (preview(1).width() / 2, preview(1).height() / 2);
    let columns = count.min(SHEET_COLUMNS);
    let rows = count.div_ceil(SHEET_COLUMNS);
    assert_eq!(
        (sheet.width(), sheet.height()),
        (
            columns * width + (columns + 1) * SHEET_GAP,
            rows * height + (rows + 1) * SHEET_GAP
        ),
        "{kit}: {count} slides in rows of {SHEET_COLUMNS}"
    );
    let ground = *sheet.get_pixel(0, 0);
    let mean = |pixels: &mut dyn Iterator<Item = image::Rgb<u8>>| {
        let (mut sum, mut n) = ([0u64; 3], 0u64);
        for p in pixels {
            (0..3).for_each(|c| sum[c] += u64::from(p.0[c]));
            n += 1;
        }
        sum.map(|s| s as f64 / n as f64)
    };
    for i in 0..rows * columns {
        let (x, y) = (
            SHEET_GAP + (i % columns) * (width + SHEET_GAP),
            SHEET_GAP + (i / columns) * (height + SHEET_GAP),
        );
        let cell: Vec<image::Rgb<u8>> = (y..y + height)
            .flat_map(|py| (x..x + width).map(move |px| (px, py)))
            .map(|(px, py)| *sheet.get_pixel(px, py))
            .collect();
        if i >= count {
            assert!(
                cell.iter().all(|p| *p == ground),
                "{kit}: cell {i} is empty"
            );
            continue;
        }
        let n = i + 1;
        assert!(
            cell.iter().any(|p| *p != cell[0]),
            "{kit}: slide {n} on the sheet is one flat colour"
        );
        let on_sheet = mean(&mut cell.iter().copied());
        let own = mean(&mut preview(n).pixels().copied());
        assert!(
            (0..3).all(|c| (on_sheet[c] - own[c]).abs() < 2.0),
            "{kit}: cell {n} is not slide {n} ({on_sheet:?} vs {own:?})"
        );
    }
    // The gap above the first row is ground from edge to edge, a light colour.
    assert!((0..sheet.width()).all(|x| *sheet.get_pixel(x, SHEET_GAP / 2) == ground));
    assert!(ground.0.iter().all(|v| *v >= 200), "{kit}: a light ground");
}

#[test]
fn every_kit_has_a_contact_sheet_of_its_slides_and_start_here_names_it() {
    let (_dir, zips) = demo_kits();
    assert_eq!(zips.len(), 3);
    for zip in &zips {
        assert_overview_shows_every_slide(zip);
        let (kit, entries, _) = open_kit(zip);
        let guide = fold(&pdf_text(&entries[&format!("{kit}/START-HERE.pdf")]));
        assert!(
            guide.contains("previews/overview.png")
                && guide.contains(&translation_values("en")["file-previews/overview.png"]),
            "{kit}: START-HERE lists the contact sheet"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&workshop(
        &[
            "build",
            "--quiet",
            "--lang",
            "es",
            "--audience",
            "teens",
            "--out",
            "out",
        ],
        dir.path(),
    ));
    let zips = zips_in(&dir.path().join("out"));
    assert_eq!(zip_names(&dir.path().join("out")).len(), 1);
    assert_overview_shows_every_slide(&zips[0]);
    let (kit, entries, _) = open_kit(&zips[0]);
    let guide = fold(&pdf_text(&entries[&format!("{kit}/START-HERE.pdf")]));
    assert!(
        guide.contains(&translation_values("es")["file-previews/overview.png"]),
        "{kit}: the Spanish START-HERE names the contact sheet in Spanish"
    );
}

/// The structure types of the elements directly under the document element of a tagged PDF.
fn document_kids(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let root = doc
        .catalog()
        .unwrap()
        .get_deref(b"StructTreeRoot", &doc)
        .expect("a tagged PDF has a structure tree")
        .as_dict()
        .unwrap();
    let list = |object: &lopdf::Object| -> Vec<lopdf::Object> {
        match doc.dereference(object).unwrap().1 {
            lopdf::Object::Array(items) => items.clone(),
            other => vec![other.clone()],
        }
    };
    let name = |object: &lopdf::Object| {
        let dict = doc.dereference(object).ok()?.1.as_dict().ok()?;
        let kind = dict.get_deref(b"S", &doc).ok()?.as_name().ok()?;
        Some(String::from_utf8_lossy(kind).into_owned())
    };
    let documents: Vec<lopdf::Object> = list(root.get(b"K").unwrap())
        .into_iter()
        .filter(|kid| name(kid).as_deref() == Some("Document"))
        .collect();
    assert_eq!(documents.len(), 1, "one Document element at the root");
    let document = doc.dereference(&documents[0]).unwrap().1.as_dict().unwrap();
    list(document.get(b"K").unwrap())
        .iter()
        .filter_map(name)
        .collect()
}

#[test]
fn no_pdf_has_a_bare_span_directly_under_its_document() {
    let (_dir, zips) = demo_kits();
    let mut failures = Vec::new();
    let mut checked = 0;
    for zip in &zips {
        let (_, entries, _) = open_kit(zip);
        for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
            let kids = document_kids(bytes);
            assert!(!kids.is_empty(), "{path}: the document element has kids");
            checked += 1;
            let spans = kids.iter().filter(|k| *k == "Span").count();
            if spans > 0 {
                failures.push(format!("{}: {spans} of {}", path, kids.len()));
            }
        }
    }
    assert!(checked >= 25, "every PDF of the three kits: {checked}");
    assert!(
        failures.is_empty(),
        "text tagged as a bare Span under the document instead of a paragraph (P):\n{}",
        failures.join("\n")
    );
}

/// The lines of text on one page of a PDF, per half of the page (the two columns of cards),
/// as (baseline, type size) from top to bottom. Noto Sans's word boxes are 1.362 em high,
/// from 1.069 em above the baseline.
fn lines_per_column(pdf: &[u8], page: usize) -> [Vec<(f64, f64)>; 2] {
    let n = page.to_string();
    let html = poppler("pdftotext", pdf, &["-bbox", "-f", &n, "-l", &n]);
    let number = |text: &str, key: &str| -> f64 {
        let at = text.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        text[at..at + text[at..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let page_width = number(&html[html.find("<page ").unwrap()..], "width");
    let mut columns: [Vec<(f64, f64)>; 2] = [Vec::new(), Vec::new()];
    for word in html.split("<word ").skip(1) {
        let (x, top, bottom) = (
            number(word, "xMin"),
            number(word, "yMin"),
            number(word, "yMax"),
        );
        let size = (bottom - top) / 1.362;
        let baseline = top + 1.069 * size;
        let column = &mut columns[usize::from(x >= page_width / 2.0)];
        if !column.iter().any(|(b, _)| (b - baseline).abs() < 0.5) {
            column.push((baseline, size));
        }
    }
    columns
        .iter_mut()
        .for_each(|c| c.sort_by(|a, b| a.0.total_cmp(&b.0)));
    columns
}

#[test]
fn wallet_card_lines_are_at_least_1_15_times_their_size_apart() {
    let (_dir, zips) = demo_kits();
    for zip in &zips {
        let (kit, entries, _) = open_kit(zip);
        let card = &entries[&format!("{kit}/handouts/resource-card.pdf")];
        for (page, side) in [(1, "front"), (2, "back")] {
            let mut pairs = 0;
            for column in lines_per_column(card, page) {
                for pair in column.windows(2) {
                    let ((above, above_size), (below, below_size)) = (pair[0], pair[1]);
                    let size = above_size.max(below_size);
                    assert!(
                        below - above >= 1.15 * size - 0.01,
                        "{kit}: card {side}: lines {:.2} pt apart at {size:.1} pt (at y {above:.1})",
                        below - above
                    );
                    pairs += 1;
                }
            }
            assert!(pairs >= 16, "{kit}: card {side}: {pairs} lines measured");
        }
    }
}
