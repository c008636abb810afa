//! The one place the stages are chained: load -> plan -> render -> compile -> bundle.
//!
//! Every kit is compiled before any zip is written, so an error anywhere writes nothing.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};

use crate::assets::Assets;
use crate::bundle::{self, KitFile, Written};
use crate::compile::{self, BuildTime};
use crate::error::Error;
use crate::event::{self, Audience, EventSource, Language};
use crate::plan;
use crate::render;

/// What a build or check should do, resolved from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub event: EventSource,
    /// Audiences to build; `None` means the event's list.
    pub audiences: Option<Vec<Audience>>,
    /// Languages to build; `None` means the event's list.
    pub languages: Option<Vec<Language>>,
    pub templates: Option<PathBuf>,
    /// Where zips go; `None` checks everything and writes nothing.
    pub out: Option<PathBuf>,
    pub quiet: bool,
}

/// What a build produced.
#[derive(Debug)]
pub struct Outcome {
    pub kits: Vec<KitOutcome>,
}

/// One kit: its name, page counts, and where it was written (if it was).
#[derive(Debug)]
pub struct KitOutcome {
    pub name: String,
    pub pages: Vec<(String, usize)>,
    pub written: Option<Written>,
}

/// The build's timestamp: `SOURCE_DATE_EPOCH` if set, else the event date at 00:00 UTC.
fn build_time(event_date: event::Date) -> Result<BuildTime, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| *s >= 0)
            .map(|unix_seconds| BuildTime { unix_seconds })
            .ok_or_else(|| {
                Error::usage(format!(
                    "SOURCE_DATE_EPOCH must be a number of seconds since 1970, not `{value}`"
                ))
            }),
        Err(_) => Ok(BuildTime {
            unix_seconds: event_date.unix_seconds(),
        }),
    }
}

/// Runs the whole pipeline.
pub fn run(options: &BuildOptions) -> Result<Outcome, Error> {
    let assets = Assets::new(options.templates.clone())?;
    let event = event::load(&options.event)?;
    let time = build_time(event.date)?;
    let audiences = options
        .audiences
        .clone()
        .unwrap_or_else(|| event.audiences.clone());
    let languages = options
        .languages
        .clone()
        .unwrap_or_else(|| event.languages.clone());
    let plan = plan::build(event, &audiences, &languages, &assets)?;
    let documents = render::render(&plan, &assets)?;

    let names: Vec<String> = plan.kits.iter().map(|k| k.name.clone()).collect();
    let progress = if options.quiet || plan.kits.len() < 2 {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(documents.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} compiling {pos}/{len} documents [{bar:30}] {elapsed}",
            )
            .expect("the progress template is valid")
            .progress_chars("=> "),
        );
        bar
    };
    let compiled = compile::compile_all(&documents, &names, time, &|| progress.inc(1));
    progress.finish_and_clear();
    let compiled = compiled?;

    let mut kits = Vec::new();
    let mut staged = Vec::new();
    if let Some(out) = &options.out {
        bundle::prepare_output(out)?;
    }
    for (index, kit) in plan.kits.iter().enumerate() {
        let mut files: Vec<KitFile> = documents
            .iter()
            .zip(&compiled)
            .filter(|(doc, _)| doc.kit == index)
            .map(|(doc, c)| KitFile {
                path: doc.path.clone(),
                bytes: c.pdf.clone(),
                pages: Some(c.pages),
            })
            .collect();
        let pages: Vec<(String, usize)> = files
            .iter()
            .map(|f| (f.path.clone(), f.pages.unwrap_or(0)))
            .collect();
        let manifest = bundle::manifest(&plan, kit, &files);
        files.push(KitFile {
            path: "manifest.json".to_string(),
            bytes: manifest,
            pages: None,
        });
        let written = match &options.out {
            Some(out) => {
                let zip = bundle::zip_bytes(&kit.name, &files, time)?;
                let target = out.join(format!("{}.zip", kit.name));
                staged.push((bundle::stage(out, &zip)?, target.clone()));
                Some(Written {
                    path: target,
                    bytes: zip.len() as u64,
                })
            }
            None => None,
        };
        kits.push(KitOutcome {
            name: kit.name.clone(),
            pages,
            written,
        });
    }
    // Only now, with every zip staged, do the targets change.
    bundle::commit(staged)?;
    Ok(Outcome { kits })
}
