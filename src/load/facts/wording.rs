//! The short forms of a fact: its slide `headline` and the `series` a chart draws, checked to
//! state only numbers its claim states, written the same way.
//!
//! A headline may drop detail, never add it; a chart is drawn only from numbers in the claim.

use serde::Deserialize;

/// The most words a headline may have: one line on a slide.
pub const HEADLINE_WORDS: usize = 14;

/// One bar of a chart: a label and a value, both as the claim writes them.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SeriesPoint {
    pub label: String,
    pub value: String,
}

impl SeriesPoint {
    /// The value as a number for the bar's length (`518,720` -> 518720).
    pub fn amount(&self) -> Option<f64> {
        self.value
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
            .parse()
            .ok()
    }
}

/// The numbers of a text as written (`292,951`, `27`, `2024`; French `518 720` with its
/// no-break space), sorted: within one language a headline writes a number as its claim does.
pub fn figures(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // A separator between two digits: a comma or point, or the no-break spaces French
        // groups thousands with.
        let separator = matches!(c, ',' | '.' | '\u{a0}' | '\u{202f}')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_ascii_digit() || separator {
            current.push(c);
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs.sort();
    runs
}

/// The numbers of a text by their digits alone (`292,951` and `292 951` are both `292951`,
/// `3.5` and `3,5` both `35`), sorted: a translation states exactly the figures of the source,
/// however its language groups digits and writes decimals.
pub fn digits(text: &str) -> Vec<String> {
    let mut numbers: Vec<String> = figures(text)
        .iter()
        .map(|n| n.chars().filter(char::is_ascii_digit).collect())
        .collect();
    numbers.sort();
    numbers
}

/// The numbers of `text` that `claim` does not state, as written.
pub fn numbers_not_in(text: &str, claim: &str) -> Vec<String> {
    let stated = figures(claim);
    figures(text)
        .into_iter()
        .filter(|n| !stated.contains(n))
        .collect()
}

/// Checks a headline against its claim: short, and no number the claim does not state.
pub fn check_headline(headline: &str, claim: &str) -> Result<(), String> {
    let words = headline.split_whitespace().count();
    if words > HEADLINE_WORDS {
        return Err(format!(
            "its headline has {words} words; a headline has at most {HEADLINE_WORDS}"
        ));
    }
    let extra = numbers_not_in(headline, claim);
    if !extra.is_empty() {
        return Err(format!(
            "its headline states {} that its claim does not state as written",
            extra.join(", ")
        ));
    }
    Ok(())
}

/// Checks a series against its claim: every value written in the claim as it is, every number
/// of a label stated by the claim, and at least two points.
pub fn check_series(labels: &[&str], values: &[&str], claim: &str) -> Result<(), String> {
    if values.len() < 2 {
        return Err("its series needs at least two points to compare".to_string());
    }
    // The values are the base's; a translated claim writes them its own way.
    let stated = digits(claim);
    for value in values {
        let numbers = digits(value);
        if numbers.is_empty() || !numbers.iter().all(|n| stated.contains(n)) {
            return Err(format!(
                "its series value `{value}` is not written so in its claim"
            ));
        }
    }
    for label in labels {
        let extra = numbers_not_in(label, claim);
        if !extra.is_empty() {
            return Err(format!(
                "its series label `{label}` states {} that its claim does not state",
                extra.join(", ")
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_compared_as_written_or_by_their_digits() {
        assert_eq!(
            figures("From 292,951 to 518,720 in 2025; 27% and 1 in 6."),
            ["1", "2025", "27", "292,951", "518,720", "6"]
        );
        // French groups thousands with a no-break space and writes a decimal comma.
        assert_eq!(
            digits("De 292\u{a0}951 à 518\u{202f}720 en 2025 ; 27\u{a0}% et 3,5 fois."),
            digits("From 292,951 to 518,720 in 2025; 27% and 3.5 times.")
        );
        assert_eq!(
            figures("De 292,951 a 518,720 en 2025; 27% y 1 de cada 6."),
            figures("From 292,951 to 518,720 in 2025; 27% and 1 in 6.")
        );
        assert_ne!(figures("about 290,000"), figures("292,951"));
    }

    #[test]
    fn headlines_and_series_keep_the_claims_numbers() {
        let claim = "Reports rose from 292,951 in Jan-Jun 2024 to 518,720 in Jan-Jun 2025.";
        assert!(check_headline("518,720 reports, Jan-Jun 2025", claim).is_ok());
        let err = check_headline("Over 500,000 reports in 2025", claim).unwrap_err();
        assert!(err.contains("500,000"), "{err}");
        assert!(
            check_headline("518720 reports", claim).is_err(),
            "written the same way"
        );
        assert!(check_headline(&"word ".repeat(15), claim).is_err());
        assert!(
            check_series(
                &["Jan-Jun 2024", "Jan-Jun 2025"],
                &["292,951", "518,720"],
                claim
            )
            .is_ok()
        );
        assert!(check_series(&["2023", "2025"], &["292,951", "518,720"], claim).is_err());
        assert!(check_series(&["a", "b"], &["292,951", "600,000"], claim).is_err());
        assert!(check_series(&["a"], &["292,951"], claim).is_err());
        let point = SeriesPoint {
            label: "x".into(),
            value: "518,720".into(),
        };
        assert_eq!(point.amount(), Some(518_720.0));
    }
}
