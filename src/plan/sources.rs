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
    /// Records that `id` was printed, citing `source`; `counts` says what a statistic counts.
    pub fn cite(&mut self, id: &str, source: &Source, counts: Option<&str>) {
        if !self.sources.contains(source) {
            self.sources.push(source.clone());
        }
        // A copy's address is never given: the source is named by its title and date.
        let address = if source.url.is_empty() || source.mirror {
            format!("{} ({})", source.title, source.date)
        } else {
            source.url.clone()
        };
        let entry = FactUse {
            id: id.to_string(),
            source: address,
            counts: counts.map(str::to_string),
        };
        if !self.used.contains(&entry) {
            self.used.push(entry);
        }
    }

    /// The sources in order, with descriptive words (`undated`, "news report quoting ...") in
    /// the kit's language through `words`; titles stay as published. A source read on a copy
    /// (`mirror = true`) has no address here: it is shown by its publisher and title only.
    pub fn views(&self, words: &dyn Fn(&str) -> String) -> Vec<SourceView> {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, s)| SourceView {
                number: i + 1,
                title: s.title.clone(),
                publisher: words(&s.publisher),
                date: words(&s.date),
                url: if s.mirror {
                    String::new()
                } else {
                    s.url.clone()
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(url: &str, mirror: bool) -> Source {
        Source {
            title: "CyberTipline".into(),
            publisher: "NCMEC".into(),
            url: url.into(),
            date: "undated".into(),
            mirror,
        }
    }

    #[test]
    fn a_mirrored_source_is_named_by_title_never_by_the_copys_address() {
        let mut list = SourceList::default();
        list.cite("a", &source("https://copy.example.net/page", true), None);
        list.cite(
            "b",
            &source("https://publisher.example.org/page", false),
            Some("sextortion"),
        );
        let views = list.views(&|t| t.to_string());
        assert_eq!(views[0].url, "");
        assert_eq!(views[0].title, "CyberTipline");
        assert_eq!(views[1].url, "https://publisher.example.org/page");
        assert_eq!(list.used[0].source, "CyberTipline (undated)");
        assert_eq!(list.used[1].source, "https://publisher.example.org/page");
        assert_eq!(list.used[1].counts.as_deref(), Some("sextortion"));
    }
}
