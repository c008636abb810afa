//! Writing kits to disk: one zip per kit, with a manifest, written atomically.
//!
//! Zips are assembled in memory with sorted entries, fixed permissions and the build's one
//! timestamp, so the same inputs give the same bytes. Each is written to a temporary file in the
//! output folder and renamed over the target, so an interrupted or failed build never leaves a
//! half-written zip, and an earlier zip of the same name stays intact until the new one is whole.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use crate::clock::BuildTime;
use crate::compile::Compiled;
use crate::error::Error;
use crate::plan::{FactUse, Kit, Plan};
use crate::render::Document;

/// Prefix of the temporary files the bundle stage writes; stale ones are removed on the next run.
const TEMP_PREFIX: &str = ".workshop-tmp-";

/// A file of a kit: its path inside the kit folder and its bytes.
#[derive(Debug, Clone)]
pub struct KitFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub pages: Option<usize>,
}

/// What was written for one kit, for the summary line.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
}

#[derive(Serialize)]
struct Manifest<'a> {
    tool: ToolInfo,
    event: EventInfo<'a>,
    audience: &'a str,
    minutes: u32,
    files: Vec<FileEntry<'a>>,
    slides: Vec<SlideEntry<'a>>,
    facts: &'a [FactUse],
}

#[derive(Serialize)]
struct ToolInfo {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct EventInfo<'a> {
    slug: &'a str,
    organization: &'a str,
    date: String,
    region: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    bytes: usize,
    sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<usize>,
}

/// One slide of the deck as the presenter times it.
#[derive(Serialize)]
struct SlideEntry<'a> {
    number: usize,
    kind: &'a str,
    title: &'a str,
    minutes: u32,
    has_notes: bool,
    notes: &'a str,
}

/// The files of a kit: its compiled documents, the slide previews, the pdfpc sidecar, and the
/// manifest describing them all.
pub fn kit_files(plan: &Plan, kit: &Kit, documents: &[(&Document, &Compiled)]) -> Vec<KitFile> {
    let mut files: Vec<KitFile> = documents
        .iter()
        .map(|(doc, compiled)| KitFile {
            path: doc.path.clone(),
            bytes: compiled.pdf.clone(),
            pages: Some(compiled.pages),
        })
        .collect();
    for (_, compiled) in documents {
        for (i, png) in compiled.previews.iter().enumerate() {
            files.push(KitFile {
                path: format!("previews/slide-{:02}.png", i + 1),
                bytes: png.clone(),
                pages: None,
            });
        }
    }
    files.push(KitFile {
        path: "slides.pdfpc".to_string(),
        bytes: pdfpc(kit),
        pages: None,
    });
    let manifest = manifest(plan, kit, &files);
    files.push(KitFile {
        path: "manifest.json".to_string(),
        bytes: manifest,
        pages: None,
    });
    files
}

/// Minutes before the end at which pdfpc turns its timer to a warning.
const LAST_MINUTES: u32 = 5;

/// The pdfpc sidecar for `slides.pdf`: every slide's notes, the duration and the
/// last-minutes warning, so the pdfpc presenter console shows notes and a timer.
fn pdfpc(kit: &Kit) -> Vec<u8> {
    let pages: Vec<serde_json::Value> = kit
        .deck
        .slides
        .iter()
        .map(|s| {
            serde_json::json!({
                "idx": s.number - 1,
                "label": s.number.to_string(),
                "overlay": 0,
                "note": format!("{} ({} min, {} - {})\n\n{}", s.title, s.minutes, s.starts, s.ends, s.notes),
            })
        })
        .collect();
    let sidecar = serde_json::json!({
        "pdfpcFormat": 2,
        "duration": kit.deck.minutes,
        "lastMinutes": LAST_MINUTES,
        "disableMarkdown": true,
        "noteFontSize": 20,
        "pages": pages,
    });
    let mut json = serde_json::to_vec_pretty(&sidecar).expect("the sidecar serializes");
    json.push(b'\n');
    json
}

/// The manifest of a kit as pretty JSON.
fn manifest(plan: &Plan, kit: &Kit, files: &[KitFile]) -> Vec<u8> {
    let event = &plan.event;
    let manifest = Manifest {
        tool: ToolInfo {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        event: EventInfo {
            slug: &event.slug,
            organization: event.organization.as_str(),
            date: event.date.to_string(),
            region: event.region.as_str(),
            language: kit.language.as_str(),
        },
        audience: kit.audience.as_str(),
        minutes: kit.deck.minutes,
        files: files
            .iter()
            .map(|f| FileEntry {
                path: &f.path,
                bytes: f.bytes.len(),
                sha256: hex(&Sha256::digest(&f.bytes)),
                pages: f.pages,
            })
            .collect(),
        slides: kit
            .deck
            .slides
            .iter()
            .map(|s| SlideEntry {
                number: s.number,
                kind: &s.kind,
                title: &s.title,
                minutes: s.minutes,
                has_notes: !s.notes.trim().is_empty(),
                notes: &s.notes,
            })
            .collect(),
        facts: &kit.facts_used,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).expect("the manifest serializes");
    json.push(b'\n');
    json
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds a zip in memory: entries under `<folder>/`, sorted, with fixed times and modes.
pub fn zip_bytes(folder: &str, files: &[KitFile], time: BuildTime) -> Result<Vec<u8>, Error> {
    let sorted: BTreeMap<&str, &KitFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let options = SimpleFileOptions::default()
        .last_modified_time(zip_time(time))
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let zip_error = |e: &dyn std::fmt::Display| {
        Error::usage(format!("cannot assemble the zip `{folder}.zip`: {e}"))
    };
    for (path, file) in sorted {
        // PDFs and PNGs are compressed already: deflating them again costs time and saves nothing.
        let method = if path.ends_with(".pdf") || path.ends_with(".png") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        writer
            .start_file(
                format!("{folder}/{path}"),
                options.compression_method(method),
            )
            .map_err(|e| zip_error(&e))?;
        writer.write_all(&file.bytes).map_err(|e| zip_error(&e))?;
    }
    Ok(writer.finish().map_err(|e| zip_error(&e))?.into_inner())
}

/// Zip entry times cannot be before 1980 or after 2107: clamp to the nearest representable.
fn zip_time(time: BuildTime) -> zip::DateTime {
    let date = time.date();
    let (h, m, s) = time.time_of_day();
    let (year, month, day, h, m, s) = match date.year {
        ..1980 => (1980, 1, 1, 0, 0, 0),
        2108.. => (2107, 12, 31, 23, 59, 58),
        year => (year as u16, date.month, date.day, h, m, s),
    };
    zip::DateTime::from_date_and_time(year, month, day, h, m, s).unwrap_or_default()
}

/// Creates the output folder if needed and removes temporary files left by an interrupted run
/// (those of processes that are no longer running, so a concurrent build is left alone).
pub fn prepare_output(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(format!(
            "the output path `{}` is a file, not a folder",
            dir.display()
        ))
        .with_hint("pass another folder with --out"));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create the output folder", dir, e))?;
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io("read the output folder", dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        let owner = rest
            .split('-')
            .next()
            .and_then(|pid| pid.parse::<u32>().ok());
        if owner.is_none_or(|pid| !process_alive(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Whether a process with this id is running (on systems without /proc, assume not).
fn process_alive(pid: u32) -> bool {
    pid == std::process::id()
        || (Path::new("/proc/self").exists() && Path::new(&format!("/proc/{pid}")).exists())
}

/// Stages `bytes` as a temporary file in `dir`, ready to be renamed to its target.
pub fn stage(dir: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Error> {
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(".zip")
        .tempfile_in(dir)
        .map_err(|e| Error::io("create a temporary file in", dir, e))?;
    temp.write_all(bytes)
        .map_err(|e| Error::io("write", temp.path(), e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", temp.path(), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::io("set permissions of", temp.path(), e))?;
    }
    Ok(temp)
}

/// Moves every staged zip onto its target, all or nothing. Each earlier zip first gets a second
/// name (a hard link, or a copy where links are not possible), so that a zip of that name exists
/// at every moment, even if the process is stopped half-way; if any rename fails, the new zips
/// are removed and the earlier ones put back. The spare names are removed at the end, or by the
/// next run.
pub fn commit(dir: &Path, staged: Vec<(tempfile::NamedTempFile, PathBuf)>) -> Result<(), Error> {
    for (_, target) in &staged {
        if target.is_dir() {
            return Err(Error::usage(format!(
                "cannot write `{}`: a folder of that name is in the way",
                target.display()
            )));
        }
    }
    let mut kept: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (index, (_, target)) in staged.iter().enumerate() {
        if target.exists() {
            let spare = dir.join(format!("{TEMP_PREFIX}{}-{index}.old", std::process::id()));
            let _ = std::fs::remove_file(&spare);
            let linked = std::fs::hard_link(target, &spare)
                .or_else(|_| std::fs::copy(target, &spare).map(|_| ()));
            if let Err(e) = linked {
                discard(&kept);
                return Err(Error::io("keep a copy of the earlier", target, e));
            }
            kept.push((target.clone(), spare));
        }
    }
    let mut placed: Vec<PathBuf> = Vec::new();
    for (temp, target) in staged {
        if let Err(e) = temp.persist(&target) {
            // Put back what was there: the earlier zips where there were some, nothing elsewhere.
            for target in &placed {
                match kept.iter().find(|(t, _)| t == target) {
                    Some((_, spare)) => {
                        let _ = std::fs::rename(spare, target);
                    }
                    None => {
                        let _ = std::fs::remove_file(target);
                    }
                }
            }
            discard(&kept);
            return Err(Error::io("write", &target, e.error));
        }
        placed.push(target);
    }
    discard(&kept);
    Ok(())
}

/// Removes the spare names of earlier zips.
fn discard(kept: &[(PathBuf, PathBuf)]) {
    for (_, spare) in kept {
        let _ = std::fs::remove_file(spare);
    }
}

/// Writes each document's generated Typst source (`<path>.typ`, named like its PDF) with the
/// files it reads beside it, one folder per kit, plus the embedded Noto Sans in `fonts/`, so
/// that a standalone Typst reproduces every PDF:
/// `typst compile --root DIR/<kit> --font-path DIR/fonts DIR/<kit>/slides.typ`.
pub fn write_sources(
    dir: &Path,
    documents: &[Document],
    kit_names: &[String],
) -> Result<(), Error> {
    let write = |path: PathBuf, bytes: &[u8]| -> Result<(), Error> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("create the folder", parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    };
    for document in documents {
        let kit = dir.join(&kit_names[document.kit]);
        let source = document.path.strip_suffix(".pdf").unwrap_or(&document.path);
        write(
            kit.join(format!("{source}.typ")),
            document.source.as_bytes(),
        )?;
        for (virtual_path, bytes) in &document.files {
            write(kit.join(virtual_path.trim_start_matches('/')), bytes)?;
        }
    }
    let fonts = [
        ("NotoSans-Regular.ttf", notosans::REGULAR_TTF),
        ("NotoSans-Italic.ttf", notosans::ITALIC_TTF),
        ("NotoSans-Bold.ttf", notosans::BOLD_TTF),
        ("NotoSans-BoldItalic.ttf", notosans::BOLD_ITALIC_TTF),
    ];
    for (name, bytes) in fonts {
        write(dir.join("fonts").join(name), bytes)?;
    }
    Ok(())
}
