//! Compiling rendered documents with Typst, in parallel, in memory.
//!
//! Every document compiles in its own [`world::DocumentWorld`] over the shared font book; worker
//! threads take documents from a shared queue. Documents from a presenter's own templates
//! compile in a limited worker process instead ([`worker`]).

pub mod checks;
pub mod diagnostics;
pub mod output;
pub mod single;
pub mod slots;
pub mod worker;
pub mod world;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use typst_layout::PagedDocument;

use crate::error::Error;
use crate::load::clock::BuildTime;
use crate::render::document::{DECK_PATH, Document};
use single::{Compiled, compile_guarded};
use worker::{Limits, compile_in_worker};

/// A laid-out deck (`None`: it failed) and how many documents still need it.
type DeckEntry = (Option<Arc<PagedDocument>>, usize);

/// Laid-out decks by document index, for the documents that place their slides: `None` once a
/// deck failed. An entry is dropped when the last document that needs it is done.
#[derive(Default)]
struct Decks {
    laid: Mutex<HashMap<usize, DeckEntry>>,
    ready: Condvar,
}

impl Decks {
    fn put(&self, deck: usize, paged: Option<PagedDocument>, users: usize) {
        if users > 0 {
            let mut laid = self.laid.lock().expect("no panics while holding the lock");
            laid.insert(deck, (paged.map(Arc::new), users));
            self.ready.notify_all();
        }
    }

    /// Waits for `deck` (always compiled, or being compiled, before any document that needs it
    /// is taken) and counts one user off.
    fn take(&self, deck: usize) -> Option<Arc<PagedDocument>> {
        let mut laid = self.laid.lock().expect("no panics while holding the lock");
        loop {
            if let Some((paged, users)) = laid.get_mut(&deck) {
                let paged = paged.clone();
                *users -= 1;
                if *users == 0 {
                    laid.remove(&deck);
                }
                return paged;
            }
            laid = self
                .ready
                .wait(laid)
                .expect("no panics while holding the lock");
        }
    }
}

/// How many finished kits Typst's memoized results may go unused before they are dropped.
/// Typst keeps what it memoized until told to forget it: without this, a roster's memory grew
/// by 85 MB a school (9 GB for 100); what the kits in progress use stays.
const MEMO_KITS: usize = 3;

/// What a worker does with a kit once its last document is compiled (bundle and stage it).
pub type OnKit<'a, R> = dyn Fn(usize, Vec<Compiled>) -> Result<R, Error> + Sync + 'a;

/// Compiles every document on all cores and hands each kit's compiled documents (in the order
/// of `documents`), as soon as its last one is done, to `on_kit` on the worker that finished
/// it, so kits are bundled while others still compile and no kit waits for the whole run.
/// `on_done` is called after each document (for progress).
///
/// Workers take documents kit by kit: the deck first (the kit's longest document, whose
/// compiled slides the notes and the 3-up handout place), then the documents that need nothing
/// else, then those that place slides. After an error no new document is started. Returns one
/// result per kit (`names`' order), or the first error in the order documents are taken, which
/// is the same on every run: every document before it was taken, and so finished.
pub fn compile_kits<R: Send>(
    documents: &[Document],
    names: &[String],
    times: &[BuildTime],
    limits: Limits,
    on_done: &(dyn Fn() + Sync),
    on_kit: &OnKit<'_, R>,
) -> Result<Vec<R>, Error> {
    let is_deck = |i: usize| documents[i].path == DECK_PATH;
    let mut of_kit: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (i, document) in documents.iter().enumerate() {
        of_kit[document.kit].push(i);
    }
    let deck_of: HashMap<usize, usize> = (0..documents.len())
        .filter(|&i| is_deck(i))
        .map(|i| (documents[i].kit, i))
        .collect();
    let deck_for = |document: &Document| -> usize {
        *deck_of
            .get(&document.kit)
            .expect("a kit whose documents place slides has a deck")
    };
    // A document that places slides goes to a worker with its deck when either is custom.
    let in_worker = |document: &Document| {
        !document.is_embedded()
            || (document.places_slides && !documents[deck_for(document)].is_embedded())
    };
    let mut users: HashMap<usize, usize> = HashMap::new();
    for document in documents
        .iter()
        .filter(|d| d.places_slides && !in_worker(d))
    {
        *users.entry(deck_for(document)).or_default() += 1;
    }
    // Each kit's documents in the order they are taken; kits one after another.
    let taken: Vec<Vec<usize>> = of_kit
        .iter()
        .map(|kit| {
            let deck = kit.iter().filter(|&&i| is_deck(i));
            let plain = kit
                .iter()
                .filter(|&&i| !is_deck(i) && !documents[i].places_slides);
            let placing = kit
                .iter()
                .filter(|&&i| !is_deck(i) && documents[i].places_slides);
            deck.chain(plain).chain(placing).copied().collect()
        })
        .collect();
    let order: Vec<usize> = taken.concat();

    let decks = Decks::default();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Per document its result; per kit how many documents are still to come.
    let results: Mutex<Vec<Option<Result<Compiled, Error>>>> =
        Mutex::new(documents.iter().map(|_| None).collect());
    let remaining: Mutex<Vec<usize>> = Mutex::new(of_kit.iter().map(Vec::len).collect());
    let kits: Mutex<Vec<Option<Result<R, Error>>>> =
        Mutex::new(names.iter().map(|_| None).collect());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(documents.len())
        .max(1);
    let compile = |index: usize| -> Result<Compiled, Error> {
        let document = &documents[index];
        let (kit_name, time) = (&names[document.kit], times[document.kit]);
        if in_worker(document) {
            let deck = document
                .places_slides
                .then(|| &documents[deck_for(document)]);
            return compile_in_worker(document, kit_name, time, limits, deck);
        }
        if document.places_slides {
            return match decks.take(deck_for(document)) {
                Some(deck) => compile_guarded(document, kit_name, time, Some(&deck), None)
                    .map(|laid| laid.compiled),
                // The deck's own error comes first and is the one reported.
                None => Err(Error::usage(format!(
                    "`{}` of kit `{kit_name}` was not compiled: its deck failed",
                    document.path
                ))),
            };
        }
        let users = users.get(&index).copied().unwrap_or(0);
        // A deck is handed on as soon as it is laid out, before its PDF and pictures; one that
        // fails before that is handed on as failed (its own error is the one reported).
        let published = AtomicBool::new(false);
        let publish = |paged: &PagedDocument| {
            published.store(true, Ordering::Relaxed);
            decks.put(index, Some(paged.clone()), users);
        };
        let laid = compile_guarded(document, kit_name, time, None, Some(&publish));
        if laid.is_err() && !published.load(Ordering::Relaxed) {
            decks.put(index, None, users);
        }
        laid.map(|laid| laid.compiled)
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    let result = compile(index);
                    stop.fetch_or(result.is_err(), Ordering::Relaxed);
                    let kit = documents[index].kit;
                    results.lock().expect("no panics while holding the lock")[index] = Some(result);
                    on_done();
                    let last = {
                        let mut remaining = remaining.lock().expect("no panics holding the lock");
                        remaining[kit] -= 1;
                        remaining[kit] == 0
                    };
                    if !last {
                        continue;
                    }
                    // The kit is whole: bundle it here, unless one of its documents failed (its
                    // error stays with the document).
                    let compiled: Option<Vec<Compiled>> = {
                        let mut results = results.lock().expect("no panics holding the lock");
                        let failed = of_kit[kit]
                            .iter()
                            .any(|&i| matches!(results[i], Some(Err(_))));
                        (!failed).then(|| {
                            of_kit[kit]
                                .iter()
                                .filter_map(|&i| results[i].take().and_then(Result::ok))
                                .collect()
                        })
                    };
                    if let Some(compiled) = compiled {
                        let bundled = on_kit(kit, compiled);
                        stop.fetch_or(bundled.is_err(), Ordering::Relaxed);
                        kits.lock().expect("no panics holding the lock")[kit] = Some(bundled);
                    }
                    typst::comemo::evict(MEMO_KITS);
                }
            });
        }
    });
    // The first error in the order documents were taken: kit by kit, a kit's documents before
    // its bundling.
    let mut results = results.into_inner().expect("workers are done");
    let mut kits = kits.into_inner().expect("workers are done");
    for (kit, taken) in taken.iter().enumerate() {
        if let Some(&i) = taken.iter().find(|&&i| matches!(results[i], Some(Err(_)))) {
            return Err(results[i]
                .take()
                .and_then(Result::err)
                .expect("found above"));
        }
        if matches!(kits[kit], Some(Err(_))) {
            return Err(kits[kit].take().and_then(Result::err).expect("found above"));
        }
    }
    Ok(kits
        .into_iter()
        .map(|kit| match kit {
            Some(Ok(bundled)) => bundled,
            _ => unreachable!("with no error, every kit was bundled"),
        })
        .collect())
}
