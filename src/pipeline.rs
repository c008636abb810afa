//! The one place the stages are chained: load -> plan -> render -> compile -> bundle.
//!
//! Every kit is compiled before any zip is written, so an error anywhere writes nothing.

use crate::bundle::summary::{self, EventSummary, KitSummary, Summary};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};

use crate::bundle::{self, Written};
use crate::compile::single::Compiled;
use crate::compile::worker::Limits;
use crate::compile::{self};
use crate::error::Error;
use crate::export::{self, CompiledKit};
use crate::load::assets::Assets;
use crate::load::clock::BuildTime;
use crate::load::event::{self, Audience, EventSource, Language};
use crate::plan;
use crate::render::{self, document::DECK_PATH, document::Document};

/// What a build or check should do, resolved from the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Event files or folders of them; empty means the embedded demo event.
    pub events: Vec<EventSource>,
    /// Audiences to build; `None` means the event's list.
    pub audiences: Option<Vec<Audience>>,
    pub templates: Option<PathBuf>,
    /// Where to also write the generated Typst sources (`--sources`).
    pub sources: Option<PathBuf>,
    /// Time and memory limits for documents from custom templates.
    pub limits: Limits,
    /// Languages to build (`--lang`); `None` means the event's list.
    pub languages: Option<Vec<String>>,
    /// Where zips go; `None` checks everything and writes nothing.
    pub out: Option<PathBuf>,
    pub quiet: bool,
    /// Outputs to leave out of every kit (`--no-pptx`: `pptx`).
    pub skip_outputs: Vec<&'static str>,
}

/// What a build produced.
#[derive(Debug)]
pub struct Outcome {
    pub kits: Vec<KitOutcome>,
    /// Things worth a look that did not stop the build.
    pub warnings: Vec<String>,
}

/// One kit: its name, page counts, and where it was written (if it was).
#[derive(Debug)]
pub struct KitOutcome {
    pub name: String,
    pub pages: Vec<(String, usize)>,
    pub written: Option<Written>,
}

/// The event files to build: the given ones, every `*.toml` in a given folder (sorted), or the
/// embedded demo.
fn event_sources(given: &[EventSource]) -> Result<Vec<EventSource>, Error> {
    if given.is_empty() {
        return Ok(vec![EventSource::Embedded]);
    }
    let mut sources = Vec::new();
    for source in given {
        match source {
            EventSource::File(path) if path.is_dir() => {
                let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                    .map_err(|e| Error::io("read the folder of event files", path, e))?
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                files.sort();
                if files.is_empty() {
                    return Err(Error::usage(format!(
                        "the folder `{}` holds no .toml event files",
                        path.display()
                    )));
                }
                sources.extend(files.into_iter().map(EventSource::File));
            }
            other => sources.push(other.clone()),
        }
    }
    Ok(sources)
}

/// The languages of one run: `--lang`, checked, or the event's.
fn languages_for(
    options: &BuildOptions,
    event: &event::Event,
    available: &[String],
) -> Result<Vec<Language>, Error> {
    match &options.languages {
        Some(codes) => codes
            .iter()
            .map(|code| language_option(code, available))
            .collect(),
        None => Ok(event.languages.clone()),
    }
}

/// A language named with `--lang`, checked against the translation tables there are.
fn language_option(code: &str, available: &[String]) -> Result<Language, Error> {
    Language::parse_among(code, available).map_err(|unknown| {
        let error = Error::usage(format!(
            "unknown language `{code}` in --lang; {}",
            unknown.valid
        ));
        match unknown.hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    })
}

/// Runs the whole pipeline for one or more events: every kit of every event is compiled (on all
/// cores, sharing the fonts) before any zip is written.
pub fn run(options: &BuildOptions) -> Result<Outcome, Error> {
    let assets = Assets::new(options.templates.clone())?;
    let mut warnings = Vec::new();
    let plans = plan_events(options, &assets, &mut warnings)?;
    let rendered = render_events(&plans, &assets)?;
    let compiled = compile_with_progress(&rendered, options)?;
    if let Some(dir) = &options.sources {
        bundle::sources::write_sources(dir, &rendered.documents, &rendered.names)?;
    }
    let kits = write_kits(options, &plans, &rendered.documents, &compiled)?;
    Ok(Outcome { kits, warnings })
}

/// One event's plan, with where it came from and its build time.
type EventPlan = (EventSource, plan::Plan, BuildTime);

/// Loads and plans every event file.
fn plan_events(
    options: &BuildOptions,
    assets: &Assets,
    warnings: &mut Vec<String>,
) -> Result<Vec<EventPlan>, Error> {
    let available = assets.languages();
    let mut plans = Vec::new();
    for source in event_sources(&options.events)? {
        let event = event::load(&source, &available)?;
        // A roster row of another shard is checked, so that every shard fails alike on a bad
        // row, and not built.
        if !source.selected() {
            continue;
        }
        let time = BuildTime::from_env(event.date)?;
        let audiences = options
            .audiences
            .clone()
            .unwrap_or_else(|| event.audiences.clone());
        let languages = languages_for(options, &event, &available)?;
        let glyphs = missing_glyphs(&event);
        let mut plan = plan::build(event, &audiences, &languages, assets)?;
        // The event's own warnings, kept with it for the run summary.
        plan.warnings.splice(0..0, glyphs);
        warnings.extend(plan.warnings.iter().cloned());
        plans.push((source, plan, time));
    }
    Ok(plans)
}

/// Every document of every kit across the events; a document's `kit` indexes `names`.
struct Rendered {
    documents: Vec<Document>,
    names: Vec<String>,
    times: Vec<BuildTime>,
}

/// Renders every kit of every event, refusing two kits with the same zip name.
fn render_events(plans: &[EventPlan], assets: &Assets) -> Result<Rendered, Error> {
    let mut documents = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut times: Vec<BuildTime> = Vec::new();
    for (source, plan, time) in plans {
        for kit in &plan.kits {
            if names.contains(&kit.name) {
                return Err(Error::usage(format!(
                    "two events would both write `{}.zip` (the second is `{}`)",
                    kit.name,
                    source.display_name()
                ))
                .with_hint("events need different organizations or dates"));
            }
        }
        let offset = names.len();
        for mut document in render::render(plan, assets)? {
            document.kit += offset;
            documents.push(document);
        }
        names.extend(plan.kits.iter().map(|k| k.name.clone()));
        times.extend(plan.kits.iter().map(|_| *time));
    }
    Ok(Rendered {
        documents,
        names,
        times,
    })
}

/// Compiles every document, with a progress bar when more than one kit is built.
fn compile_with_progress(
    rendered: &Rendered,
    options: &BuildOptions,
) -> Result<Vec<Compiled>, Error> {
    let kits = rendered.names.len();
    let progress = if options.quiet || kits < 2 {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(rendered.documents.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} compiling {pos}/{len} documents of {msg} [{bar:30}] {elapsed}",
            )
            .expect("the progress template is valid")
            .progress_chars("=> "),
        );
        bar.set_message(format!("{kits} kits"));
        bar
    };
    let compiled = compile::compile_all(
        &rendered.documents,
        &rendered.names,
        &rendered.times,
        options.limits,
        &|| progress.inc(1),
    );
    progress.finish_and_clear();
    compiled
}

/// Exports every kit's files and, with an output folder, stages every zip and then puts them
/// all in place; without one, only reports the page counts.
fn write_kits(
    options: &BuildOptions,
    plans: &[EventPlan],
    documents: &[Document],
    compiled: &[Compiled],
) -> Result<Vec<KitOutcome>, Error> {
    if let Some(out) = &options.out {
        bundle::commit::prepare_output(out)?;
    }
    // Every kit with its index among all kits (the documents' `kit`).
    let work: Vec<(&EventPlan, &plan::Kit)> = plans
        .iter()
        .flat_map(|event| event.1.kits.iter().map(move |kit| (event, kit)))
        .collect();
    // Every kit's PPTX, present.html, contact sheets, manifest and zip, on every core: its
    // PDFs' pages, its number of files, and its zip (none when checking).
    let bundled = bundle::in_parallel(&work, |index, ((_, plan, time), kit)| {
        let kit_documents = export::documents_of(index, documents, compiled);
        let pages: Vec<(String, usize)> = kit_documents
            .iter()
            .map(|(doc, c)| (doc.path.clone(), c.pages))
            .collect();
        let files = export::kit_files(
            &CompiledKit {
                kit,
                event: plan.event_view(kit),
                time: *time,
                documents: &kit_documents,
            },
            &options.skip_outputs,
        );
        let file_count = files.len() + 1; // and the manifest
        let zip = match options.out {
            Some(_) => Some(bundle::kit_zip(plan, kit, files, *time)?),
            None => None,
        };
        Ok((pages, file_count, zip))
    })?;

    let mut kits = Vec::new();
    let mut staged = Vec::new();
    let mut summaries: Vec<EventSummary> = Vec::new();
    for (((source, plan, _), kit), (pages, file_count, zip)) in work.into_iter().zip(bundled) {
        if summaries.last().is_none_or(|s| s.slug != plan.event.slug) {
            summaries.push(EventSummary {
                slug: plan.event.slug.clone(),
                source: source.display_name(),
                organization: plan.event.organization.to_string(),
                date: plan.event.date.to_string(),
                kits: Vec::new(),
                warnings: plan.warnings.clone(),
            });
        }
        let written = match (&options.out, zip) {
            (Some(out), Some(zip)) => {
                let target = out.join(format!("{}.zip", kit.name));
                staged.push((bundle::commit::stage(out, &zip)?, target.clone()));
                Some(Written {
                    path: target,
                    bytes: zip.len() as u64,
                })
            }
            _ => None,
        };
        let summary = summaries.last_mut().expect("pushed above");
        summary.kits.push(KitSummary {
            name: kit.name.clone(),
            files: file_count,
            pages: pages.iter().map(|(_, p)| p).sum(),
            bytes: written.as_ref().map_or(0, |w| w.bytes),
        });
        kits.push(KitOutcome {
            name: kit.name.clone(),
            pages,
            written,
        });
    }
    // Only now, with every zip staged, do the targets change.
    if let Some(out) = &options.out {
        let summary = Summary::new(summaries);
        staged.push((
            bundle::commit::stage(out, &summary.json())?,
            out.join(summary::JSON),
        ));
        staged.push((
            bundle::commit::stage(out, summary.markdown().as_bytes())?,
            out.join(summary::MARKDOWN),
        ));
        bundle::commit::commit(out, staged)?;
    }
    Ok(kits)
}

/// A warning for every event value with characters no embedded font can draw.
fn missing_glyphs(event: &event::Event) -> Vec<String> {
    event
        .printed_values()
        .into_iter()
        .filter_map(|(key, value)| {
            let missing: String = value
                .chars()
                .filter(|c| !crate::load::fonts::can_display(*c))
                .collect();
            (!missing.is_empty()).then(|| {
                format!(
                    "{key}: the embedded fonts cannot show `{missing}`; it is printed as {}",
                    crate::load::fonts::REPLACEMENT
                )
            })
        })
        .collect()
}

/// What `workshop preview` should draw.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    pub event: EventSource,
    pub audience: Audience,
    /// One slide (1-based), or every slide.
    pub slide: Option<usize>,
    /// The kit's language (`--lang`); `None` means the event's first.
    pub language: Option<String>,
    pub templates: Option<PathBuf>,
    pub out: PathBuf,
}

/// How large preview pictures are: 2 px per pt, 1684 x 947 px for a slide.
const PREVIEW_SCALE: f64 = 2.0;

/// Compiles one audience's deck and writes PNGs of the chosen slides; returns their paths.
pub fn preview(options: &PreviewOptions) -> Result<Vec<PathBuf>, Error> {
    let assets = Assets::new(options.templates.clone())?;
    let available = assets.languages();
    let event = event::load(&options.event, &available)?;
    let time = BuildTime::from_env(event.date)?;
    let languages = match &options.language {
        Some(code) => vec![language_option(code, &available)?],
        None => event.languages[..1].to_vec(),
    };
    let plan = plan::build(event, &[options.audience], &languages, &assets)?;
    let kit = &plan.kits[0];
    let count = kit.deck.slides.len();
    if let Some(n) = options.slide
        && !(1..=count).contains(&n)
    {
        return Err(Error::usage(format!(
            "slide {n} does not exist: the {} deck has slides 1 to {count}",
            options.audience
        )));
    }
    let deck = render::render(&plan, &assets)?
        .into_iter()
        .find(|d| d.path == DECK_PATH)
        .expect("every kit has a deck");
    // A deck from a presenter's own templates is first compiled in a limited worker, so that a
    // runaway template stops there; only a deck that compiles is drawn here.
    if !deck.is_embedded() {
        crate::compile::worker::compile_in_worker(&deck, &kit.name, time, Limits::default())?;
    }
    let pictures = compile::single::pictures(&deck, &kit.name, time, PREVIEW_SCALE)?;
    std::fs::create_dir_all(&options.out)
        .map_err(|e| Error::io("create the preview folder", &options.out, e))?;
    let mut written = Vec::new();
    for (i, png) in pictures.iter().enumerate() {
        let number = i + 1;
        if options.slide.is_some_and(|n| n != number) {
            continue;
        }
        let path = options.out.join(format!(
            "{}-{}-slide-{number:02}.png",
            options.audience, languages[0]
        ));
        std::fs::write(&path, png).map_err(|e| Error::io("write", &path, e))?;
        written.push(path);
    }
    Ok(written)
}
