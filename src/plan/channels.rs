//! Channels that share a web address are one entry: the UK's Childline and Report Remove are
//! both at childline.org.uk, and two entries with one address on a slide or card look like a
//! mistake to the audience.

use super::views::ResourceView;

/// `views` with every entry whose address an earlier entry has folded into that earlier one,
/// which then names both, keeps every way to reach them and cites both sources.
pub fn merge_shared_addresses(views: Vec<ResourceView>) -> Vec<ResourceView> {
    let mut merged: Vec<ResourceView> = Vec::with_capacity(views.len());
    for view in views {
        let same = view
            .url
            .as_ref()
            .and_then(|url| merged.iter_mut().find(|m| m.url.as_ref() == Some(url)));
        match same {
            Some(first) => fold_into(first, view),
            None => merged.push(view),
        }
    }
    merged
}

/// Folds `other` (same address) into `first`.
fn fold_into(first: &mut ResourceView, other: ResourceView) {
    first.name = format!("{} · {}", first.name, other.name);
    first.what = format!("{} {}", first.what, other.what);
    join(&mut first.phone, other.phone, " / ");
    join(&mut first.sms, other.sms, " / ");
    join(&mut first.scope, other.scope, "; ");
    join(&mut first.spanish, other.spanish, "; ");
    if first.cite != other.cite {
        first.cite = format!("{}; {}", first.cite, other.cite);
    }
}

/// Keeps both values when they differ, so that no number is dropped.
fn join(first: &mut Option<String>, other: Option<String>, separator: &str) {
    *first = match (first.take(), other) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}{separator}{b}")),
        (a, b) => a.or(b),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(id: &str, url: &str, phone: Option<&str>) -> ResourceView {
        ResourceView {
            id: id.into(),
            role: "crisis".into(),
            name: id.to_uppercase(),
            what: format!("{id} helps."),
            phone: phone.map(Into::into),
            sms: None,
            url: Some(url.into()),
            scope: None,
            spanish: None,
            qr: Some(format!("/qr/{id}.svg")),
            cite: format!("{id} source"),
        }
    }

    #[test]
    fn entries_with_one_address_become_one_that_names_both() {
        let merged = merge_shared_addresses(vec![
            view("childline", "childline.org.uk", Some("0800 1111")),
            view("ceop", "ceop.police.uk", None),
            view("report-remove", "childline.org.uk", None),
        ]);
        assert_eq!(merged.len(), 2);
        let first = &merged[0];
        assert_eq!(first.name, "CHILDLINE · REPORT-REMOVE");
        assert_eq!(first.what, "childline helps. report-remove helps.");
        assert_eq!(first.phone.as_deref(), Some("0800 1111"));
        assert_eq!(first.cite, "childline source; report-remove source");
        assert_eq!(first.qr.as_deref(), Some("/qr/childline.svg"));
        assert_eq!(merged[1].id, "ceop");
    }

    #[test]
    fn no_number_is_dropped_when_merged_entries_differ() {
        let merged = merge_shared_addresses(vec![
            view("a", "x.org", Some("1")),
            view("b", "x.org", Some("2")),
        ]);
        assert_eq!(merged[0].phone.as_deref(), Some("1 / 2"));
    }
}
