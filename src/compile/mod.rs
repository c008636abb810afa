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

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};

use crate::error::Error;
use crate::load::clock::BuildTime;
use crate::render::document::{DECK_FILE, DECK_PATH, Document};
use single::{Compiled, compile_guarded};
use worker::{Limits, compile_in_worker};

/// Compiles every document on all cores; `on_done` is called after each one (for progress).
/// Documents that show the slides are made from their kit's compiled deck, so no deck is
/// compiled twice: they wait for it and are taken first once it is done, which keeps both cores
/// busy. Afterwards the deck is in those documents' files (for `--sources`).
/// Returns the results in the order of `documents`, or the first error in that order.
pub fn compile_all(
    documents: &mut [Document],
    names: &[String],
    times: &[BuildTime],
    limits: Limits,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<Compiled>, Error> {
    let docs: &[Document] = documents;
    // Decks first: everything that waits on them can start sooner.
    let queue: VecDeque<Job> = (0..docs.len())
        .filter(|&i| docs[i].path == DECK_PATH)
        .chain(
            (0..docs.len()).filter(|&i| docs[i].path != DECK_PATH && !docs[i].needs_deck),
        )
        .map(|i| (i, None))
        .collect();
    let waiting: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].needs_deck)
        .collect();
    let scheduler = Scheduler {
        docs,
        state: Mutex::new(Schedule {
            queue,
            waiting,
            results: docs.iter().map(|_| None).collect(),
            busy: 0,
        }),
        wake: Condvar::new(),
    };
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(docs.len())
        .max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| work(&scheduler, names, times, limits, on_done));
        }
    });
    let results = scheduler
        .state
        .into_inner()
        .expect("workers are done")
        .results;
    keep_deck(documents, &results);
    // A document left uncompiled belongs to a kit whose deck failed: that error comes first.
    let mut compiled = Vec::new();
    for result in results {
        match result {
            Some(Ok(c)) => compiled.push(c),
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    Ok(compiled)
}

/// One compile worker: takes documents until none is left or waiting.
fn work(
    scheduler: &Scheduler,
    names: &[String],
    times: &[BuildTime],
    limits: Limits,
    on_done: &(dyn Fn() + Sync),
) {
    while let Some((index, deck)) = scheduler.next() {
        let original = &scheduler.docs[index];
        let mut document = std::borrow::Cow::Borrowed(original);
        if let Some(deck) = &deck {
            let files = &mut document.to_mut().files;
            files.insert(DECK_FILE.to_string(), deck.to_vec());
        }
        let kit = original.kit;
        let (kit_name, time) = (&names[kit], times[kit]);
        // Hand a deck to the documents waiting for it as soon as it exists, before the deck's
        // previews are drawn.
        let release = |pdf: &[u8]| scheduler.release(kit, pdf);
        let result = if document.is_embedded() {
            compile_guarded(&document, kit_name, time, &release)
        } else {
            compile_in_worker(&document, kit_name, time, limits)
        };
        if original.path == DECK_PATH {
            match &result {
                Ok(deck) => release(&deck.pdf),
                // Without its deck, a kit's slide documents cannot be made.
                Err(_) => scheduler.abandon(kit),
            }
        }
        scheduler.finish(index, result);
        on_done();
    }
}

/// Keeps the deck with the documents that show it (`--sources` writes it).
fn keep_deck(documents: &mut [Document], results: &[Option<Result<Compiled, Error>>]) {
    for i in 0..documents.len() {
        if !documents[i].needs_deck {
            continue;
        }
        let kit = documents[i].kit;
        let deck = (0..documents.len())
            .find(|&d| documents[d].kit == kit && documents[d].path == DECK_PATH);
        if let Some(Some(Ok(deck))) = deck.map(|d| &results[d]) {
            documents[i]
                .files
                .insert(DECK_FILE.to_string(), deck.pdf.clone());
        }
    }
}

/// A document to compile (by index) with the deck it shows, if any.
type Job = (usize, Option<Arc<Vec<u8>>>);

/// The shared state of the compile workers.
struct Schedule {
    /// Documents ready to compile, with the deck they show.
    queue: VecDeque<Job>,
    /// Documents waiting for their kit's deck.
    waiting: Vec<usize>,
    results: Vec<Option<Result<Compiled, Error>>>,
    /// Documents being compiled now.
    busy: usize,
}

/// The compile workers' shared queue and results, and the signal that wakes waiting workers.
struct Scheduler<'a> {
    docs: &'a [Document],
    state: Mutex<Schedule>,
    wake: Condvar,
}

impl Scheduler<'_> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Schedule> {
        self.state
            .lock()
            .expect("no worker panics while holding the lock")
    }

    /// The next document to compile; waits while others are busy and may still release work.
    /// `None` once everything is done.
    fn next(&self) -> Option<Job> {
        let mut s = self.lock();
        loop {
            if let Some(job) = s.queue.pop_front() {
                s.busy += 1;
                return Some(job);
            }
            if s.busy == 0 {
                return None;
            }
            s = self
                .wake
                .wait(s)
                .expect("no worker panics while holding the lock");
        }
    }

    /// Queues, first, the documents of `kit` that wait for its deck.
    fn release(&self, kit: usize, pdf: &[u8]) {
        let deck = Arc::new(pdf.to_vec());
        let mut s = self.lock();
        let (ready, still): (Vec<usize>, Vec<usize>) =
            s.waiting.iter().partition(|&&i| self.docs[i].kit == kit);
        s.waiting = still;
        for i in ready.into_iter().rev() {
            s.queue.push_front((i, Some(deck.clone())));
        }
        drop(s);
        self.wake.notify_all();
    }

    /// Gives up the documents of `kit` that wait for a deck that failed.
    fn abandon(&self, kit: usize) {
        self.lock().waiting.retain(|&i| self.docs[i].kit != kit);
    }

    /// Records the result of document `index` and wakes the waiting workers.
    fn finish(&self, index: usize, result: Result<Compiled, Error>) {
        let mut s = self.lock();
        s.results[index] = Some(result);
        s.busy -= 1;
        drop(s);
        self.wake.notify_all();
    }
}
