//! The one place the stages are chained: load -> plan -> render -> compile -> bundle.
//!
//! Every event is checked before anything is built; zips are staged as kits are done and put in
//! place only when all are, so an error anywhere writes nothing.

use crate::bundle::summary::{self, EventSummary, KitSummary, Summary};
use std::path::PathBuf;

use crate::bundle;
use crate::compile::single::Compiled;
use crate::compile::worker::Limits;
use crate::compile::{self};
use crate::error::Error;
use crate::export::{self, CompiledKit};
use crate::load::assets::Assets;
use crate::load::clock::BuildTime;
use crate::load::event::{self, Audience, EventSource, Language};
use crate::plan;
use crate::progress::Progress;
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
    pub written: Option<bundle::Written>,
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

/// How many events are rendered and compiled together: enough kits to keep every core busy
/// to the end of a round, few enough that a roster of any length runs in the same memory.
const EVENTS_PER_ROUND: usize = 8;

/// Runs the whole pipeline for one or more events. Every event is checked first; then events
/// are rendered and compiled a round at a time, on all cores, and each kit is bundled and its zip
/// staged in the output folder as soon as its documents are compiled. Only when every kit has
/// succeeded are the zips renamed into place, so a failed run leaves no new zip and earlier zips
/// untouched.
pub fn run(options: &BuildOptions) -> Result<Outcome, Error> {
    let assets = Assets::new(options.templates.clone())?;
    let mut warnings = Vec::new();
    let plans = plan_events(options, &assets, &mut warnings)?;
    refuse_shared_zip_names(&plans)?;
    if let Some(out) = &options.out {
        bundle::commit::prepare_output(out)?;
    }
    let kits: usize = plans.iter().map(|(_, plan, _)| plan.kits.len()).sum();
    let progress = Progress::new(options.quiet, kits, plans.len());
    let mut bundled_kits = Bundled::default();
    for round in plans.chunks(EVENTS_PER_ROUND) {
        let rendered = render_events(round, &assets)?;
        let work: Vec<(&EventPlan, &plan::Kit)> = round
            .iter()
            .flat_map(|event| event.1.kits.iter().map(move |kit| (event, kit)))
            .collect();
        let bundled = compile::compile_kits(
            &rendered.documents,
            &rendered.names,
            &rendered.times,
            options.limits,
            &|| progress.document_done(),
            &|index, compiled| {
                let kit = bundle_kit(options, work[index], index, &rendered.documents, &compiled);
                progress.kit_done(&work[index].0.1.event.slug, work[index].0.1.kits.len());
                kit
            },
        )?;
        if let Some(dir) = &options.sources {
            bundle::sources::write_sources(dir, &rendered.documents, &rendered.names)?;
        }
        bundled_kits.add(&work, bundled);
    }
    progress.finish();
    let kits = bundled_kits.commit(options)?;
    Ok(Outcome { kits, warnings })
}

/// Refuses two kits with the same zip name, naming the second event.
fn refuse_shared_zip_names(plans: &[EventPlan]) -> Result<(), Error> {
    let mut names = std::collections::HashSet::new();
    for (source, plan, _) in plans {
        for kit in &plan.kits {
            if !names.insert(kit.name.as_str()) {
                return Err(Error::usage(format!(
                    "two events would both write `{}.zip` (the second is `{}`)",
                    kit.name,
                    source.display_name()
                ))
                .with_hint("events need different organizations or dates"));
            }
        }
    }
    Ok(())
}

/// One kit, bundled: its PDFs' pages, its number of files, and its zip staged in the output
/// folder with its target and size (none when checking).
struct BundledKit {
    pages: Vec<(String, usize)>,
    files: usize,
    staged: Option<(tempfile::TempPath, PathBuf, u64)>,
}

/// Exports one kit's files (PPTX, present.html, contact sheet...), zips them with the manifest
/// and stages the zip; `index` is the kit's among the round's documents.
fn bundle_kit(
    options: &BuildOptions,
    ((_, plan, time), kit): (&EventPlan, &plan::Kit),
    index: usize,
    documents: &[Document],
    compiled: &[Compiled],
) -> Result<BundledKit, Error> {
    let kit_documents: Vec<(&Document, &Compiled)> = documents
        .iter()
        .filter(|d| d.kit == index)
        .zip(compiled)
        .collect();
    let pages = kit_documents
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
    let staged = match &options.out {
        Some(out) => {
            let zip = bundle::kit_zip(plan, kit, files, *time)?;
            let target = out.join(format!("{}.zip", kit.name));
            Some((bundle::commit::stage(out, &zip)?, target, zip.len() as u64))
        }
        None => None,
    };
    Ok(BundledKit {
        pages,
        files: file_count,
        staged,
    })
}

/// The kits bundled so far, their staged zips, and the run summary's entries.
#[derive(Default)]
struct Bundled {
    kits: Vec<KitOutcome>,
    staged: Vec<(tempfile::TempPath, PathBuf)>,
    summaries: Vec<EventSummary>,
}

impl Bundled {
    fn add(&mut self, work: &[(&EventPlan, &plan::Kit)], bundled: Vec<BundledKit>) {
        for (((source, plan, _), kit), bundled) in work.iter().zip(bundled) {
            if self
                .summaries
                .last()
                .is_none_or(|s| s.slug != plan.event.slug)
            {
                self.summaries.push(EventSummary {
                    slug: plan.event.slug.clone(),
                    source: source.display_name(),
                    organization: plan.event.organization.to_string(),
                    date: plan.event.date.to_string(),
                    kits: Vec::new(),
                    warnings: plan.warnings.clone(),
                });
            }
            let written = bundled.staged.map(|(temp, target, bytes)| {
                self.staged.push((temp, target.clone()));
                bundle::Written {
                    path: target,
                    bytes,
                }
            });
            let summary = self.summaries.last_mut().expect("pushed above");
            summary.kits.push(KitSummary {
                name: kit.name.clone(),
                files: bundled.files,
                pages: bundled.pages.iter().map(|(_, p)| p).sum(),
                bytes: written.as_ref().map_or(0, |w| w.bytes),
            });
            self.kits.push(KitOutcome {
                name: kit.name.clone(),
                pages: bundled.pages,
                written,
            });
        }
    }

    /// With an output folder, stages the summaries and puts every zip and summary in place.
    fn commit(mut self, options: &BuildOptions) -> Result<Vec<KitOutcome>, Error> {
        if let Some(out) = &options.out {
            let summary = Summary::new(self.summaries);
            self.staged.push((
                bundle::commit::stage(out, &summary.json())?,
                out.join(summary::JSON),
            ));
            self.staged.push((
                bundle::commit::stage(out, summary.markdown().as_bytes())?,
                out.join(summary::MARKDOWN),
            ));
            bundle::commit::commit(out, self.staged)?;
        }
        Ok(self.kits)
    }
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

/// Every document of every kit across a round's events; a document's `kit` indexes `names`.
struct Rendered {
    documents: Vec<Document>,
    names: Vec<String>,
    times: Vec<BuildTime>,
}

/// Renders every kit of the round's events; a document's `kit` indexes the round's kits.
fn render_events(plans: &[EventPlan], assets: &Assets) -> Result<Rendered, Error> {
    let mut documents = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut times: Vec<BuildTime> = Vec::new();
    for (_, plan, time) in plans {
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
        crate::compile::worker::compile_in_worker(&deck, &kit.name, time, Limits::default(), None)?;
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
