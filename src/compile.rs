//! Compiling rendered documents to PDF with Typst, in parallel, in memory.
//!
//! Every document compiles in its own [`DocumentWorld`] over the shared font book; worker
//! threads take documents from a shared counter. Typst's diagnostics are mapped back to the
//! file that caused them: the theme, or the generated source and the template block that
//! produced it.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::error::{Error, Position};
use crate::render::{Document, template_line_for};
use crate::world::DocumentWorld;

/// The PDF creator string, pinned so that a Typst upgrade is a visible change.
pub const CREATOR: &str = concat!("workshop ", env!("CARGO_PKG_VERSION"), " (Typst 0.15.1)");

/// A compiled document.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// The build's one timestamp, in seconds since 1970 (UTC).
#[derive(Debug, Clone, Copy)]
pub struct BuildTime {
    pub unix_seconds: i64,
}

impl BuildTime {
    fn datetime(self) -> Datetime {
        let date = crate::event::Date::from_unix_seconds(self.unix_seconds);
        let secs = self.unix_seconds.rem_euclid(86_400);
        Datetime::from_ymd_hms(
            date.year,
            date.month,
            date.day,
            (secs / 3600) as u8,
            (secs / 60 % 60) as u8,
            (secs % 60) as u8,
        )
        .expect("a date from Unix seconds is valid")
    }

    fn date(self) -> Datetime {
        let date = crate::event::Date::from_unix_seconds(self.unix_seconds);
        Datetime::from_ymd(date.year, date.month, date.day)
            .expect("a date from Unix seconds is valid")
    }
}

/// Compiles every document; `on_done` is called after each one (for progress).
/// Returns the results in the order of `documents`, or the first error in that order.
pub fn compile_all(
    documents: &[Document],
    names: &[String],
    time: BuildTime,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<Compiled>, Error> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Compiled, Error>>>> =
        Mutex::new(documents.iter().map(|_| None).collect());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(documents.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(document) = documents.get(index) else {
                        break;
                    };
                    let result = compile_one(document, &names[document.kit], time);
                    results
                        .lock()
                        .expect("no worker panics while holding the lock")[index] = Some(result);
                    on_done();
                }
            });
        }
    });
    results
        .into_inner()
        .expect("workers are done")
        .into_iter()
        .map(|r| r.expect("every document was compiled"))
        .collect()
}

/// Compiles one document to PDF.
pub fn compile_one(
    document: &Document,
    kit_name: &str,
    time: BuildTime,
) -> Result<Compiled, Error> {
    let world = DocumentWorld::new(document, time.date());
    let warned = typst::compile::<PagedDocument>(&world);
    let paged = warned
        .output
        .map_err(|errors| diagnostic_error(&world, document, kit_name, &errors))?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("{kit_name}/{}", document.path)),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        timestamp: Some(Timestamp::new_utc(time.datetime())),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&paged, &options)
        .map_err(|errors| diagnostic_error(&world, document, kit_name, &errors))?;
    Ok(Compiled {
        pdf,
        pages: paged.pages().len(),
    })
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
            let name = if path == "/theme.typ" {
                format!("the theme of {} ({path})", document.template)
            } else {
                path
            };
            Error::at(name, Some(position), message)
        }
        None => Error::at(document.template.clone(), None, message),
    };
    for hint in &diagnostic.hints {
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
            source,
            files: BTreeMap::new(),
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
        assert_eq!(time.date(), Datetime::from_ymd(2026, 12, 3).unwrap());
        assert_eq!(
            time.datetime(),
            Datetime::from_ymd_hms(2026, 12, 3, 1, 1, 1).unwrap()
        );
    }
}
