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

use crate::compile::BuildTime;
use crate::error::Error;
use crate::plan::{FactUse, Kit, Plan};

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
    files: Vec<FileEntry<'a>>,
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

/// The manifest of a kit as pretty JSON.
pub fn manifest(plan: &Plan, kit: &Kit, files: &[KitFile]) -> Vec<u8> {
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
        files: files
            .iter()
            .map(|f| FileEntry {
                path: &f.path,
                bytes: f.bytes.len(),
                sha256: hex(&Sha256::digest(&f.bytes)),
                pages: f.pages,
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
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time(time))
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let zip_error = |e: zip::result::ZipError| {
        Error::usage(format!("cannot assemble the zip `{folder}.zip`: {e}"))
    };
    for (path, file) in sorted {
        writer
            .start_file(format!("{folder}/{path}"), options)
            .map_err(zip_error)?;
        writer
            .write_all(&file.bytes)
            .map_err(|e| Error::usage(format!("cannot assemble the zip `{folder}.zip`: {e}")))?;
    }
    Ok(writer.finish().map_err(zip_error)?.into_inner())
}

/// Zip entry times cannot be before 1980 or after 2107.
fn zip_time(time: BuildTime) -> zip::DateTime {
    let date = crate::event::Date::from_unix_seconds(time.unix_seconds);
    let secs = time.unix_seconds.rem_euclid(86_400);
    let year = date.year.clamp(1980, 2107) as u16;
    let (month, day, h, m, s) = if date.year < 1980 {
        (1, 1, 0, 0, 0)
    } else {
        (
            date.month,
            date.day,
            (secs / 3600) as u8,
            (secs / 60 % 60) as u8,
            (secs % 60) as u8,
        )
    };
    zip::DateTime::from_date_and_time(year, month, day, h, m, s).unwrap_or_default()
}

/// Creates the output folder if needed and removes temporary files left by an interrupted run.
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
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Stages `bytes` as a temporary file in `dir`, ready to be renamed to `name`.
pub fn stage(dir: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Error> {
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
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

/// Renames staged files onto their targets. Called only once every zip is staged.
pub fn commit(staged: Vec<(tempfile::NamedTempFile, PathBuf)>) -> Result<(), Error> {
    for (temp, target) in staged {
        temp.persist(&target)
            .map_err(|e| Error::io("write", &target, e.error))?;
    }
    Ok(())
}
