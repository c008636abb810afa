//! Compiling one document in memory: layout with the fit and text-size checks, the deck's
//! slides placed in its slide slots, then Typst's PDF, and for the deck its SVG pages and PNG
//! previews.

use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use super::checks::{check_fit, check_text_sizes};
use super::diagnostics::diagnostic_error;
use super::output::{PREVIEW_PIXELS_PER_PT, Picture, pdf_options, previews, previews_and_halves};
use super::slots;
use super::world::DocumentWorld;
use crate::error::Error;
use crate::load::clock::BuildTime;
use crate::render::document::{DECK_PATH, Document};

/// A compiled document.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// For the deck: each slide as a small PNG, for previewing the kit.
    pub previews: Vec<Vec<u8>>,
    /// For the deck: each slide at half the previews' size, for the contact sheet.
    pub halves: Vec<Picture>,
    /// For the deck: each slide as SVG, for the browser presenter (`present.html`).
    pub svgs: Vec<String>,
}

/// The build time as a Typst date, for `datetime.today()`.
fn typst_date(time: BuildTime) -> Datetime {
    let date = time.date();
    Datetime::from_ymd(date.year, date.month, date.day).expect("a date from Unix seconds is valid")
}

/// A compiled document with its laid-out pages (a deck's pages fill the slots of the kit's
/// notes and 3-up handout).
pub struct Laid {
    pub compiled: Compiled,
    pub times: StageTimes,
    pub paged: PagedDocument,
}

/// Compiles one document in this process, turning a Typst panic into an error. `deck` is the
/// kit's laid-out deck, for a document that places slides.
pub fn compile_guarded(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    deck: Option<&PagedDocument>,
    publish: Option<&dyn Fn(&PagedDocument)>,
) -> Result<Laid, Error> {
    // A panic leaves nothing shared half-changed: the compile touches only its own world.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        compile_timed(document, kit_name, time, deck, publish)
    }))
    .unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::at(
            document.template.clone(),
            None,
            format!(
                "the Typst compiler crashed while compiling `{}` of kit `{kit_name}`",
                document.path
            ),
        )
        .with_note(reason))
    })
}

/// Compiles one document to PDF; for a document that places slides, `deck` is the kit's deck,
/// laid out first (in a worker, which has no deck of its own).
pub fn compile_one(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    deck: Option<&Document>,
) -> Result<Compiled, Error> {
    let deck = match deck {
        Some(deck) => Some(lay_out(
            &DocumentWorld::new(deck, typst_date(time)),
            deck,
            kit_name,
        )?),
        None => None,
    };
    compile_timed(document, kit_name, time, deck.as_ref(), None).map(|laid| laid.compiled)
}

/// Where the time of one compile went, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// Typst's own compile: evaluation and layout.
    pub layout: std::time::Duration,
    /// Typst's PDF export.
    pub export: std::time::Duration,
    /// The deck's PNG previews.
    pub pictures: std::time::Duration,
}

/// Compiles one document to PDF and says where the time went; `publish` sees the pages as
/// soon as they are laid out and checked (a deck's, for the documents waiting to place them).
pub fn compile_timed(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    deck: Option<&PagedDocument>,
    publish: Option<&dyn Fn(&PagedDocument)>,
) -> Result<Laid, Error> {
    let mut times = StageTimes::default();
    let started = std::time::Instant::now();
    let world = DocumentWorld::new(document, typst_date(time));
    let mut paged = lay_out(&world, document, kit_name)?;
    if document.places_slides {
        let deck = deck.expect("a document that places slides is compiled with its deck");
        paged = slots::fill(paged, deck).map_err(|why| {
            Error::at(
                document.template.clone(),
                None,
                format!("`{}` of kit `{kit_name}`: {why}", document.path),
            )
        })?;
    }
    times.layout = started.elapsed();
    if let Some(publish) = publish {
        publish(&paged);
    }
    let started = std::time::Instant::now();
    let options = pdf_options(format!("{kit_name}/{}", document.path), time);
    let pdf = typst_pdf::pdf(&paged, &options)
        .map_err(|errors| diagnostic_error(&world, document, kit_name, &errors))?;
    times.export = started.elapsed();
    let started = std::time::Instant::now();
    let is_deck = document.path == DECK_PATH;
    let (previews, halves, svgs) = if is_deck {
        let svgs = paged
            .pages()
            .iter()
            .map(|page| typst_svg::svg(page, &typst_svg::SvgOptions::default()))
            .collect();
        let (previews, halves) = previews_and_halves(&paged, PREVIEW_PIXELS_PER_PT);
        (previews, halves, svgs)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    times.pictures = started.elapsed();
    let compiled = Compiled {
        pdf,
        pages: paged.pages().len(),
        previews,
        halves,
        svgs,
    };
    Ok(Laid {
        compiled,
        times,
        paged,
    })
}

/// Compiles and lays out a document, refusing one whose pages overflow.
fn lay_out(
    world: &DocumentWorld,
    document: &Document,
    kit_name: &str,
) -> Result<PagedDocument, Error> {
    let paged = typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| diagnostic_error(world, document, kit_name, &errors))?;
    check_fit(&paged, document, kit_name)?;
    check_text_sizes(&paged, document, kit_name)?;
    Ok(paged)
}

/// Lays out one document and draws its pages as PNG at `pixels_per_pt` (no PDF is made).
pub fn pictures(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    pixels_per_pt: f64,
) -> Result<Vec<Vec<u8>>, Error> {
    let world = DocumentWorld::new(document, typst_date(time));
    let paged = lay_out(&world, document, kit_name)?;
    Ok(previews(&paged, pixels_per_pt))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use typst::layout::{Frame, FrameItem};

    use super::*;
    use crate::render::escape;

    fn collect_text(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => collect_text(&group.frame, out),
                FrameItem::Text(text) => out.push_str(&text.text),
                _ => {}
            }
        }
    }

    /// Compiles `source` and returns the text Typst laid out, with whitespace removed.
    fn laid_out(source: String) -> Result<String, String> {
        let document = Document {
            kit: 0,
            path: "test.pdf".to_string(),
            template: "test".to_string(),
            theme: "test".to_string(),
            source,
            files: BTreeMap::new(),
            pages: 1..=1,
            pages_describe: Vec::new(),
            made_from: Vec::new(),
            places_slides: false,
            min_text_pt: 0.0,
        };
        let world = DocumentWorld::new(&document, Datetime::from_ymd(2026, 12, 3).unwrap());
        let paged = typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errors| {
                errors
                    .iter()
                    .map(|e| e.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })?;
        let mut text = String::new();
        for page in paged.pages() {
            collect_text(&page.frame, &mut text);
        }
        Ok(text.split_whitespace().collect())
    }

    fn without_whitespace(text: &str) -> String {
        text.split_whitespace().collect()
    }

    /// Wraps escaped text in the three places templates put values: markup, a content
    /// argument, and a block.
    fn in_contexts(value: &str) -> String {
        let escaped = escape::markup(value);
        format!(
            "#set page(width: 4000pt, height: auto, margin: 1pt)\n#set text(font: \"Noto Sans\")\nA{escaped}Z\n\n#box([B{escaped}Y])\n#block[C{escaped}X]\n"
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn escaped_text_is_laid_out_literally(value in "[ -~¡-ÿ‘’“”–—…€ŒœŠšŽžŸ]{0,40}") {
            let text = laid_out(in_contexts(&value)).map_err(TestCaseError::fail)?;
            let v = without_whitespace(&value);
            prop_assert_eq!(text, format!("A{v}ZB{v}YC{v}X"));
        }

        #[test]
        fn any_unicode_compiles_without_becoming_markup(value in "\\PC{0,30}") {
            // Characters the fonts lack (emoji, scripts without a font) may not extract, but
            // the document must compile and keep the text around it intact.
            let text = laid_out(in_contexts(&value)).map_err(TestCaseError::fail)?;
            prop_assert!(text.starts_with('A') && text.ends_with('X'), "{}", text);
        }
    }

    #[test]
    fn markup_characters_stay_literal() {
        for value in [
            "#panic()", "// c", "= h", "- l", "+ e", "1. n", "$x$", "*b* _i_", "<l> @r", "`r`",
            "\\u{41}", "a\\", "'\"...",
        ] {
            let text = laid_out(in_contexts(value)).unwrap();
            let v = without_whitespace(value);
            assert_eq!(text, format!("A{v}ZB{v}YC{v}X"), "{value}");
        }
    }

    #[test]
    fn build_time_maps_to_typst_dates() {
        let time = BuildTime {
            unix_seconds: 1_796_256_000 + 3_661,
        };
        assert_eq!(typst_date(time), Datetime::from_ymd(2026, 12, 3).unwrap());
        assert_eq!(
            super::super::output::typst_datetime(time),
            Datetime::from_ymd_hms(2026, 12, 3, 1, 1, 1).unwrap()
        );
    }
}
