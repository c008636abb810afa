//! Compiling rendered documents with Typst, in parallel, in memory.
//!
//! Every document compiles in its own [`world::DocumentWorld`] over the shared font book; worker
//! threads take documents from a shared queue. Documents from a presenter's own templates
//! compile in a limited worker process instead ([`worker`]).

pub mod checks;
pub mod diagnostics;
pub mod output;
pub mod single;
pub mod worker;
pub mod world;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;
use crate::load::clock::BuildTime;
use crate::render::document::{DECK_PATH, Document};
use single::{Compiled, compile_guarded};
use worker::{Limits, compile_in_worker};

/// Compiles every document on all cores; `on_done` is called after each one (for progress).
/// Workers take documents from a shared counter, decks first (the longest). Returns the results
/// in the order of `documents`, or the first error in that order.
pub fn compile_all(
    documents: &[Document],
    names: &[String],
    times: &[BuildTime],
    limits: Limits,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<Compiled>, Error> {
    let order: Vec<usize> = (0..documents.len())
        .filter(|&i| documents[i].path == DECK_PATH)
        .chain((0..documents.len()).filter(|&i| documents[i].path != DECK_PATH))
        .collect();
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
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let document = &documents[index];
                    let (kit_name, time) = (&names[document.kit], times[document.kit]);
                    let result = if document.is_embedded() {
                        compile_guarded(document, kit_name, time)
                    } else {
                        compile_in_worker(document, kit_name, time, limits)
                    };
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
