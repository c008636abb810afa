//! The short forms of facts that slides print: every `headline` and `series` of the fact base
//! (English and Spanish) states only numbers its claim states, written the same way, and the
//! loader refuses one that does not, naming the fact.

use super::*;

/// The runs of digits of a text with their separators (`518,720`, `3.5`, `2025`).
fn numbers(text: &str) -> Vec<String> {
    regex::Regex::new(r"\d+(?:[.,]\d+)*")
        .unwrap()
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect()
}

fn facts_of(toml_text: &str) -> toml::Table {
    toml_text.parse::<toml::Table>().unwrap()
}

#[test]
fn every_headline_and_series_states_only_its_claims_numbers() {
    let base = facts_of(include_str!("../../content/facts.toml"));
    let spanish = facts_of(include_str!("../../content/es/facts.toml"));
    let mut headlines = 0;
    let mut series = 0;
    for fact in base["fact"].as_array().unwrap() {
        let id = fact["id"].as_str().unwrap();
        if !fact["verified"].as_bool().unwrap() {
            continue; // never printed, so never translated
        }
        let claim = fact["claim"].as_str().unwrap();
        let translated = &spanish["fact"][id];
        let claim_es = translated["claim"].as_str().unwrap();
        if let Some(headline) = fact.get("headline").and_then(|h| h.as_str()) {
            headlines += 1;
            assert_ne!(
                fact.get("kind").and_then(|k| k.as_str()),
                Some("quote"),
                "{id}: a quote is never shortened"
            );
            assert!(
                headline.split_whitespace().count() <= 14,
                "{id}: headline over 14 words"
            );
            for n in numbers(headline) {
                assert!(
                    numbers(claim).contains(&n),
                    "{id}: headline number {n} is not in the claim"
                );
            }
            let headline_es = translated["headline"]
                .as_str()
                .unwrap_or_else(|| panic!("{id}: no Spanish headline"));
            for n in numbers(headline_es) {
                assert!(
                    numbers(claim_es).contains(&n),
                    "{id}: Spanish headline number {n} is not in the Spanish claim"
                );
            }
        }
        if let Some(points) = fact.get("series").and_then(|s| s.as_array()) {
            series += 1;
            let labels_es = translated.get("series-labels").and_then(|l| l.as_array());
            for (i, point) in points.iter().enumerate() {
                let value = point["value"].as_str().unwrap();
                assert!(
                    claim.contains(value),
                    "{id}: series value {value} is not written so in the claim"
                );
                assert!(
                    claim_es.contains(value),
                    "{id}: series value {value} is not in the Spanish claim"
                );
                for n in numbers(point["label"].as_str().unwrap()) {
                    assert!(
                        numbers(claim).contains(&n),
                        "{id}: series label number {n} is not in the claim"
                    );
                }
                if let Some(labels) = labels_es {
                    for n in numbers(labels[i].as_str().unwrap()) {
                        assert!(
                            numbers(claim_es).contains(&n),
                            "{id}: Spanish label number {n} is not in the claim"
                        );
                    }
                }
            }
        }
    }
    assert!(
        headlines >= 10 && series >= 2,
        "{headlines} headlines, {series} series"
    );
}

/// A fact base with one headline changed, as a presenter's `--templates` folder.
fn check_with_fact_base(facts: &str) -> Output {
    let dir = event_dir("organization = \"A\"\ndate = 2026-12-03\naudiences = [\"parents\"]\n");
    let content = dir.path().join("custom/content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("facts.toml"), facts).unwrap();
    let output = workshop(
        &["check", "--event", "event.toml", "--templates", "custom"],
        dir.path(),
    );
    drop(dir);
    output
}

#[test]
fn the_loader_refuses_a_headline_or_series_with_a_number_the_claim_lacks() {
    let original = include_str!("../../content/facts.toml");
    let headline = "headline = \"Financial sextortion reports to NCMEC, January-June 2025\"";
    assert!(original.contains(headline), "the fixture's headline moved");
    let rounded = original.replacen(
        headline,
        "headline = \"Over 20,000 financial sextortion reports in 2025\"",
        1,
    );
    let output = check_with_fact_base(&rounded);
    let message = stderr(&output);
    assert!(
        !output.status.success(),
        "a headline with a rounded figure was accepted"
    );
    assert!(
        message.contains("facts.toml:")
            && message.contains("h1-2024-vs-h1-2025")
            && message.contains("20,000"),
        "{message}"
    );
    let value = "value = \"18,898\"";
    assert!(original.contains(value), "the fixture's series moved");
    let invented = original.replacen(value, "value = \"19,000\"", 1);
    let message = stderr(&check_with_fact_base(&invented));
    assert!(
        message.contains("h1-2024-vs-h1-2025") && message.contains("19,000"),
        "{message}"
    );
    // The unchanged base passes the same check.
    assert_ok(&check_with_fact_base(original));
}
