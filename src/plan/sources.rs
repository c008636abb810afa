//! Citations: which sources a document uses, numbered in order of first use.

use super::views::{FactUse, SourceView};
use crate::load::facts::Source;

/// Collects sources in order of first use, numbering each distinct one once.
#[derive(Default)]
pub struct SourceList {
    sources: Vec<Source>,
    /// Every fact and resource cited, with its source's address.
    pub used: Vec<FactUse>,
}

impl SourceList {
    /// Records that `id` was printed, citing `source`.
    pub fn cite(&mut self, id: &str, source: &Source) {
        if !self.sources.contains(source) {
            self.sources.push(source.clone());
        }
        let address = if source.url.is_empty() {
            format!("{} ({})", source.title, source.date)
        } else {
            source.url.clone()
        };
        let entry = FactUse {
            id: id.to_string(),
            source: address,
        };
        if !self.used.contains(&entry) {
            self.used.push(entry);
        }
    }

    /// The sources in order, with descriptive words (`undated`, "news report quoting ...") in
    /// the kit's language through `words`; titles stay as published.
    pub fn views(&self, words: &dyn Fn(&str) -> String) -> Vec<SourceView> {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, s)| SourceView {
                number: i + 1,
                title: s.title.clone(),
                publisher: words(&s.publisher),
                date: words(&s.date),
                url: s.url.clone(),
            })
            .collect()
    }
}
