//! The progress bar of a build: kits and events (roster rows) done, the rate and the time
//! left. Hidden with `--quiet`, for a single event's few kits, and when stderr is not a
//! terminal (indicatif draws nothing there), so logs and pipes stay clean.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

/// Counts kits as they are bundled and events as their last kit is.
pub struct Progress {
    bar: ProgressBar,
    events: usize,
    events_done: AtomicUsize,
    /// Kits bundled per event (by its slug), to tell when an event is whole.
    kits_done: Mutex<HashMap<String, usize>>,
}

impl Progress {
    /// A bar for `kits` kits of `events` events.
    pub fn new(quiet: bool, kits: usize, events: usize) -> Self {
        let bar = if quiet || kits < 2 {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::new(kits as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {pos}/{len} kits, {msg} [{bar:30}] {rate}, {eta} left",
                )
                .expect("the progress template is valid")
                .with_key(
                    "rate",
                    |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                        let _ = write!(out, "{:.1} kits/s", state.per_sec());
                    },
                )
                .progress_chars("=> "),
            );
            bar
        };
        let progress = Progress {
            bar,
            events,
            events_done: AtomicUsize::new(0),
            kits_done: Mutex::new(HashMap::new()),
        };
        progress.show_events(0);
        progress
    }

    fn show_events(&self, done: usize) {
        let noun = if self.events == 1 { "event" } else { "events" };
        self.bar
            .set_message(format!("{done}/{} {noun}", self.events));
    }

    /// A document was compiled: keeps the spinner turning between kits.
    pub fn document_done(&self) {
        self.bar.tick();
    }

    /// A kit of the event `slug`, which has `of` kits, was bundled.
    pub fn kit_done(&self, slug: &str, of: usize) {
        let whole = {
            let mut done = self.kits_done.lock().expect("no panics holding the lock");
            let count = done.entry(slug.to_string()).or_default();
            *count += 1;
            *count == of
        };
        if whole {
            let events = self.events_done.fetch_add(1, Ordering::Relaxed) + 1;
            self.show_events(events);
        }
        self.bar.inc(1);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
