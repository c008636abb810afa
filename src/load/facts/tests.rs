//! The fact base as loaded: lookups refuse what may not be printed, cards pick one channel per
//! role of the region's own, every statistic says what it counts, and the new fields are read.

use super::base::*;
use crate::error::Error;
use crate::load::event::{Audience, Region};
use crate::load::toml_file::TomlFile;

fn base() -> FactBase {
    let text = include_str!("../../../content/facts.toml");
    FactBase::parse(&TomlFile {
        name: "content/facts.toml",
        text,
    })
    .unwrap()
}

#[test]
fn unverified_and_wrong_audience_are_refused() {
    let base = base();
    assert_eq!(
        base.fact("unverified-rarely-charged", Audience::Parents)
            .unwrap_err(),
        Refusal::Unverified
    );
    assert!(matches!(
        base.fact("teen-four-steps", Audience::Staff),
        Err(Refusal::WrongAudience { .. })
    ));
    assert!(matches!(
        base.fact("not-a-fact", Audience::Staff),
        Err(Refusal::Unknown { .. })
    ));
    assert!(base.fact("fbi-2024", Audience::Parents).is_ok());
}

#[test]
fn resources_follow_the_region() {
    let base = base();
    let uk: Vec<&str> = base
        .resources_for(Audience::Teens, Region::Uk)
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        uk.contains(&"ceop") && uk.contains(&"take-it-down"),
        "{uk:?}"
    );
    assert!(!uk.contains(&"cybertipline"), "{uk:?}");
    let us: Vec<&str> = base
        .resources_for(Audience::Teens, Region::Us)
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        us.contains(&"cybertipline") && us.contains(&"988"),
        "{us:?}"
    );
    assert!(
        !us.contains(&"hsi-tipline"),
        "hsi is for staff only: {us:?}"
    );
}

#[test]
fn key_resources_pick_one_per_role_and_never_invent() {
    let base = base();
    let ids = |region| -> Vec<String> {
        base.key_resources(Audience::Teens, region)
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    assert_eq!(ids(Region::Us), ["cybertipline", "take-it-down", "988"]);
    assert_eq!(ids(Region::Uk), ["ceop", "report-remove", "childline"]);
    assert_eq!(
        ids(Region::Ca),
        ["cybertip-ca", "take-it-down", "kids-help-phone"]
    );
    assert_eq!(ids(Region::Au), ["accce", "take-it-down", "kids-helpline"]);
    // Every region's card has a crisis or support line of its own region, for both
    // audiences that get a card to keep.
    for audience in [Audience::Teens, Audience::Parents] {
        for region in Region::ALL {
            let crisis: Vec<&Resource> = base
                .key_resources(audience, *region)
                .into_iter()
                .filter(|r| r.role == "crisis")
                .collect();
            assert!(
                crisis.len() == 1 && crisis[0].region == region.as_str(),
                "{audience} {region}: {crisis:?}"
            );
        }
    }
}

/// The base with `from` replaced by `to`, parsed.
fn parse_changed(from: &str, to: &str) -> Result<FactBase, Error> {
    let original = include_str!("../../../content/facts.toml");
    assert!(original.contains(from), "the fixture `{from}` moved");
    let text = original.replacen(from, to, 1);
    FactBase::parse(&TomlFile {
        name: "content/facts.toml",
        text: &text,
    })
}

#[test]
fn every_statistic_says_what_it_counts_and_nothing_else_does() {
    let base = base();
    for fact in base.facts.values().filter(|f| f.verified) {
        assert_eq!(
            fact.counts.is_some(),
            fact.kind.is_none(),
            "{}: counts {:?}, kind {:?}",
            fact.id,
            fact.counts,
            fact.kind
        );
    }
    assert_eq!(
        base.facts["ncmec-36-million-2023"].counts.as_deref(),
        Some("all-exploitation")
    );
    assert_eq!(
        base.facts["enticement-2021-2023"].counts.as_deref(),
        Some("online-enticement")
    );
    let unknown = parse_changed("counts = \"all-exploitation\"", "counts = \"exploitation\"")
        .unwrap_err()
        .to_string();
    assert!(
        unknown.contains("ncmec-36-million-2023") && unknown.contains("`exploitation`"),
        "{unknown}"
    );
    let missing = parse_changed("counts = \"all-exploitation\"\n", "")
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("ncmec-36-million-2023") && missing.contains("what it counts"),
        "{missing}"
    );
    let on_a_quote = parse_changed(
        "kind = \"quote\"\naudiences = [\"parents\", \"teens\", \"staff\"]\nsource = { title = \"How2Report\"",
        "kind = \"quote\"\ncounts = \"sextortion\"\naudiences = [\"parents\", \"teens\", \"staff\"]\nsource = { title = \"How2Report\"",
    )
    .unwrap_err()
    .to_string();
    assert!(
        on_a_quote.contains("dhs-never-the-victims-fault") && on_a_quote.contains("counts nothing"),
        "{on_a_quote}"
    );
}

#[test]
fn mirrors_and_spanish_options_are_read() {
    let base = base();
    assert!(base.resources["ncmec-removal"].source.mirror);
    assert!(!base.resources["cybertipline"].source.mirror);
    assert!(!base.facts["thorn-trends-2024"].source.mirror);
    assert!(base.facts["prevalence"].source.mirror);
    assert_eq!(
        base.resources["988"].source.publisher,
        "Federal Communications Commission"
    );
    assert!(
        base.resources["988"]
            .spanish
            .as_deref()
            .is_some_and(|s| s.contains("AYUDA"))
    );
    assert!(!base.facts["fear-losing-phone"].verified, "withdrawn");
}

#[test]
fn the_outdated_seed_tip_line_is_not_in_the_base() {
    let text = include_str!("../../../content/facts.toml");
    let printed: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    assert!(!printed.contains("DHS2-ICE") && !printed.contains("347-2423"));
}

#[test]
fn source_year_is_found() {
    let base = base();
    assert_eq!(
        base.facts["fbi-2024"].source.short(),
        "Federal Bureau of Investigation, 2024"
    );
    assert_eq!(base.resources["take-it-down"].source.year(), None);
    assert_eq!(
        base.resources["hsi-tipline"].source.short(),
        "U.S. Department of Homeland Security, form valid to 2027-10-31"
    );
}
