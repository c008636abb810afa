//! `workshop bench`: where the time of a build goes, and how it compares with Typst alone.
//!
//! Stages are timed one after another in this process (Typst's memoization is cleared between
//! runs, or later runs would measure its cache); the whole build is timed as `workshop build`
//! processes, the way a presenter runs it. With `--standalone-python`, the same documents are
//! also compiled one by one, each in its own process, by the `typst` Python package (the same
//! Typst engine), from the sources `build --sources` writes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::bundle;
use crate::compile::single::{StageTimes, compile_timed};
use crate::error::Error;
use crate::export::{self, CompiledKit};
use crate::load::assets::Assets;
use crate::load::clock::BuildTime;
use crate::load::event::{self, EventSource};
use crate::plan;
use crate::render;

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub event: EventSource,
    pub runs: usize,
    /// A Python with the `typst` package, for the standalone comparison.
    pub standalone_python: Option<PathBuf>,
}

/// Median of some durations.
fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Per-stage times of one sequential build, in this process.
#[derive(Default)]
struct Stages {
    load: Duration,
    render: Duration,
    typst: StageTimes,
    bundle: Duration,
    documents: usize,
}

fn stages_once(source: &EventSource) -> Result<Stages, Error> {
    typst::comemo::evict(0);
    let mut stages = Stages::default();
    let started = Instant::now();
    let assets = Assets::default();
    let event = event::load(source, &assets.languages())?;
    let time = BuildTime::from_env(event.date)?;
    let (audiences, languages) = (event.audiences.clone(), event.languages.clone());
    let plan = plan::build(event, &audiences, &languages, &assets)?;
    stages.load = started.elapsed();

    let started = Instant::now();
    let documents = render::render(&plan, &assets)?;
    stages.render = started.elapsed();

    let names: Vec<String> = plan.kits.iter().map(|k| k.name.clone()).collect();
    let mut compiled = Vec::with_capacity(documents.len());
    for document in &documents {
        let (result, times) = compile_timed(document, &names[document.kit], time)?;
        stages.typst.layout += times.layout;
        stages.typst.export += times.export;
        stages.typst.pictures += times.pictures;
        compiled.push(result);
        stages.documents += 1;
    }

    let started = Instant::now();
    for (index, kit) in plan.kits.iter().enumerate() {
        let docs = export::documents_of(index, &documents, &compiled);
        let files = export::kit_files(
            &CompiledKit {
                kit,
                event: plan.event_view(kit),
                time,
                documents: &docs,
            },
            &[],
        );
        bundle::kit_zip(&plan, kit, files, time)?;
    }
    stages.bundle = started.elapsed();
    Ok(stages)
}

/// Times `workshop build` as separate processes, the way a presenter runs it.
fn whole_builds(
    exe: &Path,
    event: &EventSource,
    runs: usize,
    scratch: &Path,
) -> Result<Duration, Error> {
    let mut times = Vec::new();
    for run in 0..runs {
        let out = scratch.join(format!("build-{run}"));
        let mut command = Command::new(exe);
        command.args(["build", "--quiet", "--out"]).arg(&out);
        if let EventSource::File(path) = event {
            command.arg("--event").arg(path);
        }
        let started = Instant::now();
        let status = command
            .status()
            .map_err(|e| Error::usage(format!("cannot run `workshop build`: {e}")))?;
        times.push(started.elapsed());
        if !status.success() {
            return Err(Error::usage("`workshop build` failed during the benchmark"));
        }
    }
    Ok(median(times))
}

/// Compiles every written source with a standalone Typst, one process per document.
fn standalone(
    python: &Path,
    exe: &Path,
    event: &EventSource,
    scratch: &Path,
) -> Result<(Duration, usize), Error> {
    let sources = scratch.join("sources");
    let mut command = Command::new(exe);
    command
        .args(["build", "--quiet", "--out"])
        .arg(scratch.join("sources-zips"))
        .arg("--sources")
        .arg(&sources);
    if let EventSource::File(path) = event {
        command.arg("--event").arg(path);
    }
    if !command
        .status()
        .map_err(|e| Error::usage(e.to_string()))?
        .success()
    {
        return Err(Error::usage(
            "`workshop build --sources` failed during the benchmark",
        ));
    }
    let mut jobs = Vec::new();
    for kit in std::fs::read_dir(&sources)
        .map_err(|e| Error::io("read", &sources, e))?
        .flatten()
    {
        if kit.file_name() == "fonts" {
            continue;
        }
        collect_sources(&kit.path(), &kit.path(), &mut jobs);
    }
    jobs.sort();
    let fonts = sources.join("fonts");
    let started = Instant::now();
    for (root, source) in &jobs {
        let script = format!(
            "import typst; typst.compile({:?}, output={:?}, root={:?}, font_paths=[{:?}])",
            source.to_string_lossy(),
            source.with_extension("pdf").to_string_lossy(),
            root.to_string_lossy(),
            fonts.to_string_lossy()
        );
        let status = Command::new(python)
            .args(["-c", &script])
            .status()
            .map_err(|e| Error::usage(format!("cannot run `{}`: {e}", python.display())))?;
        if !status.success() {
            return Err(Error::usage(format!(
                "the standalone Typst failed on `{}`",
                source.display()
            )));
        }
    }
    Ok((started.elapsed(), jobs.len()))
}

fn collect_sources(root: &Path, dir: &Path, jobs: &mut Vec<(PathBuf, PathBuf)>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_sources(root, &path, jobs);
        } else if path.extension().is_some_and(|e| e == "typ")
            && path.file_name().is_some_and(|n| n != "theme.typ")
        {
            jobs.push((root.to_path_buf(), path));
        }
    }
}

/// Runs the benchmark and returns its report.
pub fn run(options: &BenchOptions) -> Result<String, Error> {
    let runs = options.runs.max(1);
    let mut all: Vec<Stages> = Vec::new();
    for _ in 0..runs {
        all.push(stages_once(&options.event)?);
    }
    let pick = |f: fn(&Stages) -> Duration| median(all.iter().map(f).collect());
    let load = pick(|s| s.load);
    let render_time = pick(|s| s.render);
    let layout = pick(|s| s.typst.layout);
    let export = pick(|s| s.typst.export);
    let pictures = pick(|s| s.typst.pictures);
    let bundle_time = pick(|s| s.bundle);
    let documents = all[0].documents;

    let exe = std::env::current_exe().map_err(|e| Error::usage(e.to_string()))?;
    let scratch = tempfile::tempdir()
        .map_err(|e| Error::usage(format!("cannot make a scratch folder: {e}")))?;
    let build = whole_builds(&exe, &options.event, runs, scratch.path())?;
    let typst_own = layout + export;

    let mut report = format!(
        "workshop bench: {documents} documents, median of {runs} run(s), {} core(s)\n\
         stage (sequential, in process)\n\
         \x20 load event, content, facts   {}\n\
         \x20 render templates             {}\n\
         \x20 Typst compile (layout)       {}\n\
         \x20 Typst PDF export             {}\n\
         \x20 PNG previews of the decks    {}\n\
         \x20 bundle (manifest, zips)      {}\n\
         whole `workshop build` (parallel, own process)  {}\n\
         build / (Typst compile + export) = {:.2}\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        ms(load),
        ms(render_time),
        ms(layout),
        ms(export),
        ms(pictures),
        ms(bundle_time),
        ms(build),
        build.as_secs_f64() / typst_own.as_secs_f64(),
    );
    if let Some(python) = &options.standalone_python {
        let (standalone_time, count) = standalone(python, &exe, &options.event, scratch.path())?;
        report.push_str(&format!(
            "standalone Typst, {count} documents one process each  {}\n\
             standalone / build = {:.2}\n",
            ms(standalone_time),
            standalone_time.as_secs_f64() / build.as_secs_f64()
        ));
    }
    Ok(report)
}
