//! The start of every zip's name: the organization folded to a file name, and the date.

use unicode_normalization::UnicodeNormalization;

use super::Date;

/// Folds an organization name and date into a file-name prefix: lowercase ASCII, accents
/// dropped, other runs of characters turned into one `-`, at most 40 characters, then the date.
pub fn slug(organization: &str, date: Date) -> String {
    let mut folded = String::new();
    for c in organization.nfkd() {
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // An accent of the previous letter: drop it.
        } else if !folded.ends_with('-') {
            folded.push('-');
        }
    }
    let mut name: String = folded.trim_matches('-').chars().take(40).collect();
    name = name.trim_end_matches('-').to_string();
    if name.is_empty() {
        name = "event".to_string();
    }
    format!("{name}-{date}")
}
