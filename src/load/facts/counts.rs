//! What a statistic counts: every statistic of the fact base says which reports or victims its
//! figure counts, so that a slide never shows a count of all online exploitation, or of online
//! enticement, as if it were a count of sextortion.

use super::base::Fact;

/// What a statistic may count.
///
/// - `sextortion`: sextortion of every kind (reports, cases, victims, surveys of victims);
/// - `financial-sextortion`: financially motivated sextortion only;
/// - `online-enticement`: NCMEC's online-enticement category, which includes sextortion but is
///   wider;
/// - `all-exploitation`: every report of suspected online child sexual exploitation and abuse.
pub const COUNTS: &[&str] = &[
    "sextortion",
    "financial-sextortion",
    "online-enticement",
    "all-exploitation",
];

/// A statistic (a fact without a `kind`) states what it counts, with one of [`COUNTS`]; a
/// quotation or a piece of guidance counts nothing. Unverified entries are never printed, so
/// they may leave it out.
pub fn check_counts(fact: &Fact) -> Result<(), String> {
    match (&fact.counts, fact.kind.is_none()) {
        (Some(counts), true) if !COUNTS.contains(&counts.as_str()) => Err(format!(
            "fact `{}` counts `{counts}`, which is not one of {}",
            fact.id,
            crate::error::list_names(COUNTS.iter().copied())
        )),
        (Some(_), false) => Err(format!(
            "fact `{}` is a {} and counts nothing: `counts` is for statistics",
            fact.id,
            fact.kind.as_deref().unwrap_or_default()
        )),
        (None, true) if fact.verified => Err(format!(
            "statistic `{}` does not say what it counts: add `counts = ` one of {}",
            fact.id,
            crate::error::list_names(COUNTS.iter().copied())
        )),
        _ => Ok(()),
    }
}
