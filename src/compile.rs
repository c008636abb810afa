//! Compiling rendered documents to PDF with Typst, in parallel, in memory.
//!
//! Every document compiles in its own [`DocumentWorld`] over the shared font book; worker
//! threads take documents from a shared counter. Typst's diagnostics are mapped back to the
//! file that caused them: the theme, or the generated source and the template block that
//! produced it.

use std::collections::BTreeSet;
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::foundations::{Label, Selector};
use typst::introspection::Introspector;
use typst::layout::{Frame, FrameItem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::clock::BuildTime;
use crate::error::{Error, Position};
use crate::render::{DECK_PATH, Document, slide_image_path, template_line_for};
use crate::worker::{Limits, compile_in_worker};
use crate::world::DocumentWorld;

/// The PDF creator string, pinned so that a Typst upgrade is a visible change.
pub const CREATOR: &str = concat!("workshop ", env!("CARGO_PKG_VERSION"), " (Typst 0.15.1)");

/// A compiled document.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// For the deck: each slide as SVG, for documents that show the slides.
    pub slide_images: Vec<Vec<u8>>,
    /// For the deck: each slide as a small PNG, for previewing the kit.
    pub previews: Vec<Vec<u8>>,
}

/// How large slide previews are: 0.75 px per pt gives 632 x 355 px for a 16:9 slide.
pub const PREVIEW_PIXELS_PER_PT: f64 = 0.75;

/// The build time as Typst values.
fn typst_date(time: BuildTime) -> Datetime {
    let date = time.date();
    Datetime::from_ymd(date.year, date.month, date.day).expect("a date from Unix seconds is valid")
}

fn typst_datetime(time: BuildTime) -> Datetime {
    let date = time.date();
    let (h, m, s) = time.time_of_day();
    Datetime::from_ymd_hms(date.year, date.month, date.day, h, m, s)
        .expect("a date from Unix seconds is valid")
}

/// Compiles every document on all cores; `on_done` is called after each one (for progress).
/// Documents that show the slides are made from their kit's compiled deck, so no deck is
/// compiled twice: they wait for it and are taken first once it is done, which keeps both cores
/// busy. Afterwards the slide pictures are in those documents' files (for `--sources`).
/// Returns the results in the order of `documents`, or the first error in that order.
pub fn compile_all(
    documents: &mut [Document],
    names: &[String],
    times: &[BuildTime],
    limits: Limits,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<Compiled>, Error> {
    let docs: &[Document] = documents;
    // Decks first: everything that waits on them can start sooner.
    let mut queue: VecDeque<Job> = (0..docs.len())
        .filter(|&i| docs[i].path == DECK_PATH)
        .chain(
            (0..docs.len()).filter(|&i| docs[i].path != DECK_PATH && !docs[i].needs_slide_images),
        )
        .map(|i| (i, None))
        .collect();
    let waiting: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].needs_slide_images)
        .collect();
    let state = Mutex::new(Schedule {
        queue: std::mem::take(&mut queue),
        waiting,
        results: docs.iter().map(|_| None).collect(),
        busy: 0,
    });
    let wake = Condvar::new();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(docs.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let (index, images) = {
                        let mut s = state
                            .lock()
                            .expect("no worker panics while holding the lock");
                        loop {
                            if let Some(job) = s.queue.pop_front() {
                                s.busy += 1;
                                break job;
                            }
                            if s.busy == 0 {
                                return;
                            }
                            s = wake
                                .wait(s)
                                .expect("no worker panics while holding the lock");
                        }
                    };
                    let mut document = std::borrow::Cow::Borrowed(&docs[index]);
                    if let Some(images) = &images {
                        let files = &mut document.to_mut().files;
                        for (n, image) in images.iter().enumerate() {
                            files.insert(slide_image_path(n + 1), image.clone());
                        }
                    }
                    let kit_name = &names[document.kit];
                    let time = times[document.kit];
                    let kit = docs[index].kit;
                    // Hand a deck's slide pictures to the documents waiting for them as soon
                    // as they exist, before the deck's previews are drawn.
                    let release = |images: &[Vec<u8>]| {
                        let images = Arc::new(images.to_vec());
                        let mut s = state
                            .lock()
                            .expect("no worker panics while holding the lock");
                        let (ready, still): (Vec<usize>, Vec<usize>) =
                            s.waiting.iter().partition(|&&i| docs[i].kit == kit);
                        s.waiting = still;
                        for i in ready.into_iter().rev() {
                            s.queue.push_front((i, Some(images.clone())));
                        }
                        drop(s);
                        wake.notify_all();
                    };
                    let result = if document.is_embedded() {
                        compile_guarded(&document, kit_name, time, &release)
                    } else {
                        compile_in_worker(&document, kit_name, time, limits)
                    };
                    if docs[index].path == DECK_PATH {
                        match &result {
                            Ok(deck) => release(&deck.slide_images),
                            // Without its deck, a kit's slide documents cannot be made.
                            Err(_) => state
                                .lock()
                                .expect("no worker panics while holding the lock")
                                .waiting
                                .retain(|&i| docs[i].kit != kit),
                        }
                    }
                    let mut s = state
                        .lock()
                        .expect("no worker panics while holding the lock");
                    s.results[index] = Some(result);
                    s.busy -= 1;
                    drop(s);
                    wake.notify_all();
                    on_done();
                }
            });
        }
    });
    let results = state.into_inner().expect("workers are done").results;
    // Keep the slide pictures with the documents that show them (`--sources` writes them).
    for i in 0..documents.len() {
        if !documents[i].needs_slide_images {
            continue;
        }
        let kit = documents[i].kit;
        let deck = (0..documents.len())
            .find(|&d| documents[d].kit == kit && documents[d].path == DECK_PATH);
        if let Some(Some(Ok(deck))) = deck.map(|d| &results[d]) {
            let images = deck.slide_images.clone();
            for (n, image) in images.into_iter().enumerate() {
                documents[i].files.insert(slide_image_path(n + 1), image);
            }
        }
    }
    // A document left uncompiled belongs to a kit whose deck failed: that error comes first.
    let mut compiled = Vec::new();
    for result in results {
        match result {
            Some(Ok(c)) => compiled.push(c),
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    Ok(compiled)
}

/// A document to compile (by index) with the slide pictures it shows, if any.
type Job = (usize, Option<Arc<Vec<Vec<u8>>>>);

/// The shared state of the compile workers.
struct Schedule {
    /// Documents ready to compile, with the slide pictures they need.
    queue: VecDeque<Job>,
    /// Documents waiting for their kit's deck.
    waiting: Vec<usize>,
    results: Vec<Option<Result<Compiled, Error>>>,
    /// Documents being compiled now.
    busy: usize,
}

/// Compiles one document in this process, turning a Typst panic into an error.
fn compile_guarded(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    on_slide_images: &(dyn Fn(&[Vec<u8>]) + Sync),
) -> Result<Compiled, Error> {
    // A panic leaves nothing shared half-changed: the callback only moves finished pictures.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        compile_timed(document, kit_name, time, on_slide_images).map(|(compiled, _)| compiled)
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

/// Compiles one document to PDF.
pub fn compile_one(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
) -> Result<Compiled, Error> {
    compile_timed(document, kit_name, time, &|_| {}).map(|(compiled, _)| compiled)
}

/// Where the time of one compile went, for the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// Typst's own compile: evaluation and layout.
    pub layout: std::time::Duration,
    /// Typst's PDF export.
    pub export: std::time::Duration,
    /// The deck's SVG pages and PNG previews.
    pub pictures: std::time::Duration,
}

/// Compiles one document to PDF and says where the time went.
/// For a deck, `on_slide_images` gets the slides' SVG pictures as soon as they exist.
pub fn compile_timed(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
    on_slide_images: &(dyn Fn(&[Vec<u8>]) + Sync),
) -> Result<(Compiled, StageTimes), Error> {
    let mut times = StageTimes::default();
    let started = std::time::Instant::now();
    let world = DocumentWorld::new(document, typst_date(time));
    let paged = lay_out(&world, document, kit_name)?;
    times.layout = started.elapsed();
    let started = std::time::Instant::now();
    let options = PdfOptions {
        ident: Smart::Custom(format!("{kit_name}/{}", document.path)),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        timestamp: Some(Timestamp::new_utc(typst_datetime(time))),
        // Every document is PDF/UA-1: accessible, and checked for it by Typst on export.
        standards: PdfStandards::new(&[PdfStandard::Ua_1])
            .expect("PDF/UA-1 alone is a valid standard set"),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&paged, &options)
        .map_err(|errors| diagnostic_error(&world, document, kit_name, &errors))?;
    times.export = started.elapsed();
    let started = std::time::Instant::now();
    let is_deck = document.path == DECK_PATH;
    let slide_images = if is_deck {
        let options = typst_svg::SvgOptions::default();
        paged
            .pages()
            .iter()
            .map(|page| typst_svg::svg(page, &options).into_bytes())
            .collect()
    } else {
        Vec::new()
    };
    if is_deck {
        on_slide_images(&slide_images);
    }
    let previews = if is_deck {
        previews(&paged, PREVIEW_PIXELS_PER_PT)
    } else {
        Vec::new()
    };
    times.pictures = started.elapsed();
    let compiled = Compiled {
        pdf,
        pages: paged.pages().len(),
        slide_images,
        previews,
    };
    Ok((compiled, times))
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

/// Refuses text smaller than the document allows, naming the page and the words.
fn check_text_sizes(
    paged: &PagedDocument,
    document: &Document,
    kit_name: &str,
) -> Result<(), Error> {
    fn smallest(frame: &Frame) -> Option<(f64, String)> {
        frame
            .items()
            .filter_map(|(_, item)| match item {
                FrameItem::Group(group) => smallest(&group.frame),
                FrameItem::Text(text) => Some((text.size.to_pt(), text.text.to_string())),
                _ => None,
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
    }
    for (i, page) in paged.pages().iter().enumerate() {
        if let Some((size, words)) = smallest(&page.frame)
            && size < document.min_text_pt - 0.01
        {
            return Err(Error::usage(format!(
                "`{}` of kit `{kit_name}` sets text at {size:.1} pt on page {}, below the {} pt minimum: `{}`",
                document.path,
                i + 1,
                document.min_text_pt,
                words.trim()
            ))
            .with_hint("raise the size in the theme (decks/theme.typ or handouts/theme.typ)"));
        }
    }
    Ok(())
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

/// Every page of a document as PNG at `pixels_per_pt`. Pages are opaque, so the PNGs are RGB,
/// and they use fast compression: previews are for looking, not archiving.
pub fn previews(paged: &PagedDocument, pixels_per_pt: f64) -> Vec<Vec<u8>> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixels_per_pt),
        render_bleed: false,
    };
    paged
        .pages()
        .iter()
        .map(|page| {
            let pixmap = typst_render::render(page, &options);
            let rgb: Vec<u8> = pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|px| [px[0], px[1], px[2]])
                .collect();
            let mut png_bytes = Vec::new();
            let mut encoder = png::Encoder::new(&mut png_bytes, pixmap.width(), pixmap.height());
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_compression(png::Compression::Fast);
            let mut writer = encoder
                .write_header()
                .expect("writing to memory cannot fail");
            writer
                .write_image_data(&rgb)
                .expect("the image data matches its header");
            writer.finish().expect("writing to memory cannot fail");
            png_bytes
        })
        .collect()
}

/// The label of the marker the themes put at the start of every planned page.
const PLANNED_PAGE: &str = "planned-page";

/// Refuses a document with more (or fewer) pages than planned: Typst answers overflowing
/// content with an extra page, which a presenter would only find in front of an audience.
fn check_fit(paged: &PagedDocument, document: &Document, kit_name: &str) -> Result<(), Error> {
    let pages = paged.pages().len();
    if document.pages.contains(&pages) {
        return Ok(());
    }
    // Every planned page starts with a `<planned-page>` marker (the themes place them), so the
    // first page without one follows the page that overflowed.
    let introspector = paged.introspector();
    let marker = Label::new(PicoStr::intern(PLANNED_PAGE)).expect("the marker label is not empty");
    let headed: BTreeSet<usize> = introspector
        .query(&Selector::Label(marker))
        .iter()
        .filter_map(|heading| heading.location())
        .filter_map(|location| introspector.page(location))
        .map(|page| page.get())
        .collect();
    let exact = document.pages.start() == document.pages.end();
    let culprit = (1..=pages)
        .filter(|_| exact)
        .find(|page| !headed.contains(page))
        .map(|page| headed.range(..page).count())
        .filter(|&planned| planned >= 1)
        .and_then(|planned| document.pages_describe.get(planned - 1));
    let what = match culprit {
        Some(described) => format!("{described} does not fit on its page"),
        None => "its content does not fit the planned pages".to_string(),
    };
    let planned = if document.pages.start() == document.pages.end() {
        document.pages.start().to_string()
    } else {
        format!("at most {}", document.pages.end())
    };
    Err(Error::usage(format!(
        "`{}` of kit `{kit_name}` came out with {pages} pages instead of {planned}: {what}",
        document.path
    ))
    .with_hint("shorten the text it holds (in content/ or the event file), or split it"))
}

/// Turns Typst's first error into a located error naming the template (or theme) at fault.
fn diagnostic_error(
    world: &DocumentWorld,
    document: &Document,
    kit_name: &str,
    errors: &[SourceDiagnostic],
) -> Error {
    let Some(diagnostic) = errors
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or(errors.first())
    else {
        return Error::usage(format!(
            "typst failed on `{}` of `{kit_name}` without a message",
            document.path
        ));
    };
    let message = format!(
        "typst error in `{}` of kit `{kit_name}`: {}",
        document.path, diagnostic.message
    );
    let located = diagnostic.span.id().and_then(|id| {
        let source = typst::World::source(world, id).ok()?;
        let range = world.range(diagnostic.span)?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        let position = Position::at_line(source.text(), line + 1, column + 1);
        Some((id, source, position))
    });
    let mut error = match located {
        Some((id, source, position)) if id == typst::World::main(world) => {
            let mut error = Error::at(
                format!(
                    "{} (generated source of {})",
                    document.template, document.path
                ),
                Some(position.clone()),
                message,
            );
            if let Some((template, template_line)) = template_line_for(source.text(), position.line)
            {
                error = error.with_note(format!(
                    "the block that generated this line starts at {template}:{template_line}"
                ));
            }
            error
        }
        Some((id, _, position)) => {
            let path = id.get().vpath().get_with_slash().to_string();
            let name = if path.ends_with("/theme.typ") {
                document.theme.clone()
            } else {
                path
            };
            Error::at(name, Some(position), message)
        }
        None => Error::at(document.template.clone(), None, message),
    };
    // Typst's hints speak of its own command line (`--root`, `--input`); this tool has none.
    for hint in diagnostic.hints.iter().filter(|h| !h.v.contains("--")) {
        error = error.with_hint(hint.v.to_string());
    }
    error
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use typst::layout::{Frame, FrameItem};

    use super::*;
    use crate::escape;

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
            needs_slide_images: false,
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
            typst_datetime(time),
            Datetime::from_ymd_hms(2026, 12, 3, 1, 1, 1).unwrap()
        );
    }
}
