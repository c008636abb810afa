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

/// `bundle(index, item)` for every item of `work` on every core, the results in `work`'s
/// order; the first error stops the rest.
pub fn in_parallel<T: Sync, R: Send>(
    work: &[T],
    bundle: impl Fn(usize, &T) -> Result<R, Error> + Sync,
) -> Result<Vec<R>, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(work.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<R, Error>>>> =
        work.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = work.get(index) else { break };
                    let result = bundle(index, item);
                    let failed = result.is_err();
                    *results[index].lock().expect("no bundling thread panics") = Some(result);
                    if failed {
                        next.store(work.len(), std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let mut bundled = Vec::with_capacity(work.len());
    for result in results {
        match result.into_inner().expect("no bundling thread panics") {
            Some(result) => bundled.push(result?),
            // Stopped after an earlier kit's error, which comes first.
            None => unreachable!("every kit before a failure is bundled"),
        }
    }
    Ok(bundled)
}
