//! `workshop bench`: where the time of a build goes, and how it compares with Typst alone.
//!
//! Stages are timed one after another in this process (Typst's memoization is cleared between
//! runs, or later runs would measure its cache); the whole build is timed as `workshop build`
//! processes, the way a presenter runs it. With `--standalone-python`, the same documents are
//! also compiled one by one, each in its own process, by the `typst` Python package (the same
//! Typst engine), from the sources `build --sources` writes.

use std::ffi::OsString;
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
    /// With a number of rows: also time a roster of that many schools against a roster of one.
    pub batch: Option<usize>,
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
    // Each kit's laid-out deck, for its documents that place slides (the deck comes first).
    let mut decks = std::collections::HashMap::new();
    for document in &documents {
        let deck = decks.get(&document.kit);
        let laid = compile_timed(document, &names[document.kit], time, deck, None)?;
        let (result, times) = (laid.compiled, laid.times);
        if document.path == crate::render::document::DECK_PATH {
            decks.insert(document.kit, laid.paged);
        }
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

/// Runs `workshop build --quiet` with `args` as its own process and says how long it took.
fn timed_build<I, A>(exe: &Path, args: I) -> Result<Duration, Error>
where
    I: IntoIterator<Item = A>,
    A: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(exe);
    command.args(["build", "--quiet"]).args(args);
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| Error::usage(format!("cannot run `workshop build`: {e}")))?;
    let took = started.elapsed();
    if !status.success() {
        return Err(Error::usage("`workshop build` failed during the benchmark"));
    }
    Ok(took)
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
        let mut args = vec![
            OsString::from("--out"),
            scratch.join(format!("build-{run}")).into(),
        ];
        if let EventSource::File(path) = event {
            args.extend([OsString::from("--event"), path.into()]);
        }
        times.push(timed_build(exe, args)?);
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
    let mut args = vec![
        OsString::from("--out"),
        scratch.join("sources-zips").into(),
        "--sources".into(),
        sources.clone().into(),
    ];
    if let EventSource::File(path) = event {
        args.extend([OsString::from("--event"), path.into()]);
    }
    timed_build(exe, args)?;
    // The kits' PDFs, each from its source of the same name (modules and themes are imported,
    // not compiled on their own).
    let zips = scratch.join("sources-zips");
    let mut jobs = Vec::new();
    for zip in std::fs::read_dir(&zips)
        .map_err(|e| Error::io("read", &zips, e))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
    {
        for pdf in pdfs_in(&zip)? {
            let (kit, path) = pdf.split_once('/').unwrap_or(("", &pdf));
            let root = sources.join(kit);
            let source = root.join(path).with_extension("typ");
            if !source.is_file() {
                return Err(Error::usage(format!(
                    "`{}` has no source `{}`",
                    pdf,
                    source.display()
                )));
            }
            jobs.push((root, source));
        }
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

/// The PDFs a kit's zip holds, as `kit/path.pdf`.
fn pdfs_in(zip: &Path) -> Result<Vec<String>, Error> {
    let file = std::fs::File::open(zip).map_err(|e| Error::io("open", zip, e))?;
    let archive = zip::ZipArchive::new(file)
        .map_err(|e| Error::usage(format!("cannot read `{}`: {e}", zip.display())))?;
    Ok(archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| name.ends_with(".pdf"))
        .map(|name| name.to_string())
        .collect())
}

/// A roster of `rows` schools, each the demo event under its own name (the demo event file is
/// their shared settings), written into `dir`; returns the roster's path.
fn demo_roster(dir: &Path, rows: usize) -> Result<PathBuf, Error> {
    let write = |name: &str, text: &str| -> Result<PathBuf, Error> {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
        Ok(path)
    };
    write("demo.toml", event::DEMO_EVENT)?;
    let mut roster = String::from("organization\n");
    for row in 1..=rows {
        roster.push_str(&format!("Demo School {row:04}\n"));
    }
    write(&format!("roster-{rows}.csv"), &roster)
}

/// Times `workshop build --roster` of one row (median of `runs`) and of `rows` rows (once):
/// each build's time and kits.
fn batch(
    exe: &Path,
    rows: usize,
    runs: usize,
    scratch: &Path,
) -> Result<[(Duration, usize); 2], Error> {
    let dir = scratch.join("batch");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    let mut measured = Vec::new();
    for (count, repeats) in [(1, runs), (rows, 1)] {
        let roster = demo_roster(&dir, count)?;
        let mut times = Vec::new();
        let mut kits = 0;
        for run in 0..repeats {
            let out = dir.join(format!("out-{count}-{run}"));
            let args = [
                OsString::from("--roster"),
                roster.clone().into(),
                "--event".into(),
                dir.join("demo.toml").into(),
                "--out".into(),
                out.clone().into(),
            ];
            times.push(timed_build(exe, args)?);
            kits = std::fs::read_dir(&out)
                .map_err(|e| Error::io("read", &out, e))?
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "zip"))
                .count();
            // 100 rows of kits are over a gigabyte: keep only what is counted.
            let _ = std::fs::remove_dir_all(&out);
        }
        measured.push((median(times), kits));
    }
    Ok([measured[0], measured[1]])
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
    if let Some(rows) = options.batch {
        let [(one, one_kits), (many, many_kits)] = batch(&exe, rows, runs, scratch.path())?;
        let per_kit = |time: Duration, kits: usize| time.as_secs_f64() / kits.max(1) as f64;
        report.push_str(&format!(
            "roster of 1 row: {} for {one_kits} kits ({:.0} ms a kit)\n\
             roster of {rows} rows: {} for {many_kits} kits ({:.0} ms a kit)\n\
             per kit, {rows} rows / 1 row = {:.2}\n",
            ms(one),
            per_kit(one, one_kits) * 1000.0,
            ms(many),
            per_kit(many, many_kits) * 1000.0,
            per_kit(many, many_kits) / per_kit(one, one_kits),
        ));
    }
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
