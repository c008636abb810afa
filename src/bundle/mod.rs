//! Writing kits to disk: one zip per kit, with a manifest that hashes every file, written
//! atomically.
//!
//! Zips are assembled in memory with sorted entries, fixed permissions and the build's one
//! timestamp, so the same inputs give the same bytes. Each is written to a temporary file in the
//! output folder and renamed over the target, so an interrupted or failed build never leaves a
//! half-written zip, and an earlier zip of the same name stays intact until the new one is whole.

pub mod commit;
pub mod manifest;
pub mod sources;
pub mod summary;
pub mod zip;

use std::path::PathBuf;

use crate::error::Error;
use crate::export::KitFile;
use crate::load::clock::BuildTime;
use crate::plan::{Kit, Plan};

/// What was written for one kit, for the summary line.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
}

/// A kit's zip: its files and the manifest describing them, under the kit's folder name.
pub fn kit_zip(
    plan: &Plan,
    kit: &Kit,
    mut files: Vec<KitFile>,
    time: BuildTime,
) -> Result<Vec<u8>, Error> {
    let manifest = manifest::manifest(plan, kit, &files);
    files.push(KitFile {
        path: "manifest.json".to_string(),
        bytes: manifest,
        pages: None,
    });
    zip::zip_bytes(&kit.name, &files, time)
}
