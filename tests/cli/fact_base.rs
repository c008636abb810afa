//! The fact base as the kits print it: every region's wallet card has its own crisis or support
//! line and no other region's channels, a source read on a copy is never shown by the copy's
//! address, a withdrawn claim is gone, the 988 line's Spanish option is printed in Spanish kits,
//! and the manifest says what each statistic counts.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::*;

/// Every region's kits, all audiences, in English and Spanish, built once for this module: the
/// demo event for the US, and a school with one local contact for CA, the UK and AU.
fn region_kits() -> &'static [PathBuf] {
    static KITS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    KITS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fact-base-kits");
        let _ = std::fs::remove_dir_all(&dir);
        let events = dir.join("events");
        std::fs::create_dir_all(&events).unwrap();
        let demo = DEMO.replace("languages = [\"en\"]", "languages = [\"en\", \"es\"]");
        assert_ne!(demo, DEMO, "the demo event names its languages");
        std::fs::write(events.join("us.toml"), demo).unwrap();
        for region in ["CA", "UK", "AU"] {
            std::fs::write(
                events.join(format!("{region}.toml")),
                format!(
                    "organization = \"Regional School {region}\"\ndate = 2026-12-03\nregion = \"{region}\"\nlanguages = [\"en\", \"es\"]\n[[contacts]]\nname = \"Kim\"\nphone = \"555-0100\"\n"
                ),
            )
            .unwrap();
        }
        assert_ok(&workshop(
            &["build", "--quiet", "--event", "events", "--out", "out"],
            &dir,
        ));
        let zips = zips_in(&dir.join("out"));
        assert_eq!(zips.len(), 4 * 3 * 2, "four regions, three audiences, two languages");
        zips
    })
}

/// A built kit's region, audience and language, from its manifest.
fn kit_of(manifest: &serde_json::Value) -> (String, String, String) {
    let field = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    (
        field(&manifest["event"]["region"]),
        field(&manifest["audience"]),
        field(&manifest["event"]["language"]),
    )
}

/// The entries of one table of the fact base (`resource` or `fact`).
fn entries(base: &toml::Value, table: &str) -> Vec<toml::Value> {
    base[table].as_array().unwrap().clone()
}

fn text_field<'a>(entry: &'a toml::Value, key: &str) -> Option<&'a str> {
    entry.get(key).and_then(|v| v.as_str())
}

/// The ways a channel is reached, as the fact base writes them: phone, text and address.
fn reach(resource: &toml::Value) -> Vec<String> {
    ["phone", "sms", "url"]
        .iter()
        .filter_map(|k| text_field(resource, k))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_regions_wallet_card_has_its_own_crisis_or_support_line_and_no_other_regions_channel() {
    let base = fact_base();
    let resources = entries(&base, "resource");
    // The line each region's card must show (phone, text or address), as the issue names them.
    let expected = [
        ("US", "988"),
        ("CA", "kidshelpphone.ca"),
        ("UK", "0800 1111"),
        ("AU", "1800 55 1800"),
    ];
    let mut checked = 0;
    for zip in region_kits() {
        let (kit, entries, manifest) = open_kit(zip);
        let (region, audience, _) = kit_of(&manifest);
        if audience == "staff" {
            continue;
        }
        let card = fold(&pdf_text(
            &entries[&format!("{kit}/handouts/resource-card.pdf")],
        ));
        let own_lines: Vec<&toml::Value> = resources
            .iter()
            .filter(|r| {
                text_field(r, "role") == Some("crisis")
                    && text_field(r, "region") == Some(region.as_str())
                    && r["verified"].as_bool() == Some(true)
                    && r["audiences"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|a| a.as_str() == Some(audience.as_str()))
            })
            .collect();
        // A way of reaching the line that another channel shares (Childline's address is also
        // Report Remove's) does not show the line.
        let shared = |way: &str, line: &toml::Value| {
            resources
                .iter()
                .any(|r| r["id"] != line["id"] && reach(r).iter().any(|w| w == way))
        };
        assert!(
            own_lines.iter().any(|r| reach(r)
                .iter()
                .any(|way| !shared(way, r) && card.contains(way.as_str()))),
            "{kit}: the wallet card has none of the region's crisis or support lines {:?}:\n{card}",
            own_lines.iter().map(|r| &r["id"]).collect::<Vec<_>>()
        );
        let (_, line) = expected.iter().find(|(r, _)| *r == region).unwrap();
        assert!(
            card.contains(line),
            "{kit}: the card lacks `{line}`:\n{card}"
        );
        for other in resources.iter().filter(|r| {
            let serves = text_field(r, "region").unwrap();
            serves != "ALL" && serves != region
        }) {
            for way in reach(other) {
                assert!(
                    !card.contains(&way),
                    "{kit}: the card prints `{way}` of {} ({})",
                    other["id"],
                    text_field(other, "region").unwrap()
                );
            }
        }
        checked += 1;
    }
    assert_eq!(
        checked,
        4 * 2 * 2,
        "teen and parent cards of four regions, two languages"
    );
}

/// The host of a web address, without `www.` (`https://www.a.org/b` -> `a.org`).
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split('/').next().unwrap();
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

#[test]
fn sources_read_on_a_copy_are_shown_by_publisher_and_title_never_by_the_copys_address() {
    let base = fact_base();
    let all: Vec<toml::Value> = entries(&base, "resource")
        .into_iter()
        .chain(entries(&base, "fact"))
        .collect();
    let mirrored: Vec<&toml::Value> = all
        .iter()
        .filter(|e| e["source"].get("mirror").and_then(|m| m.as_bool()) == Some(true))
        .collect();
    let mut hosts: Vec<String> = mirrored
        .iter()
        .map(|e| host(e["source"]["url"].as_str().unwrap()))
        .collect();
    hosts.sort();
    hosts.dedup();
    assert!(
        hosts.len() >= 4 && hosts.contains(&"missingkids-s65.adobecqms.net".to_string()),
        "{hosts:?}"
    );
    let mut cited = 0;
    for zip in region_kits() {
        let (kit, entries, manifest) = open_kit(zip);
        let mut kit_text = String::new();
        for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
            // Squeezed, so that an address broken over two lines is still found.
            let text = squeeze(&pdf_text(bytes));
            for host in &hosts {
                assert!(
                    !text.to_lowercase().contains(&squeeze(host)),
                    "{path}: prints the mirror host `{host}`"
                );
            }
            kit_text.push_str(&text);
        }
        let manifest_text = String::from_utf8_lossy(&entries[&format!("{kit}/manifest.json")]);
        for host in &hosts {
            assert!(
                !manifest_text.contains(host.as_str()),
                "{kit}/manifest.json names the mirror host `{host}`"
            );
        }
        // A mirrored source the kit cites is still shown: by its publisher and title on the
        // page, by its title and date in the manifest.
        for fact in manifest["facts"].as_array().unwrap() {
            let id = fact["id"].as_str().unwrap();
            let Some(entry) = mirrored.iter().find(|e| e["id"].as_str() == Some(id)) else {
                continue;
            };
            let source = &entry["source"];
            let title = source["title"].as_str().unwrap();
            assert_eq!(
                fact["source"].as_str().unwrap(),
                format!("{title} ({})", source["date"].as_str().unwrap()),
                "{kit}: the manifest's source of `{id}`"
            );
            for shown in [title, source["publisher"].as_str().unwrap()] {
                assert!(
                    kit_text.contains(&squeeze(shown)),
                    "{kit}: the mirrored source of `{id}` is not shown as `{shown}`"
                );
            }
            cited += 1;
        }
    }
    assert!(
        cited > 0,
        "no kit cites a mirrored source: the test checks nothing"
    );
}

#[test]
fn the_withdrawn_claim_is_gone_988_has_its_federal_source_and_spanish_option() {
    let base = fact_base();
    let facts = entries(&base, "fact");
    let withdrawn = facts
        .iter()
        .find(|f| f["id"].as_str() == Some("fear-losing-phone"))
        .unwrap();
    assert_eq!(withdrawn["verified"].as_bool(), Some(false));
    let resources = entries(&base, "resource");
    let line = resources
        .iter()
        .find(|r| r["id"].as_str() == Some("988"))
        .unwrap();
    let publisher = line["source"]["publisher"].as_str().unwrap();
    assert_eq!(publisher, "Federal Communications Commission");
    let spanish: toml::Table = toml::from_str(include_str!("../../content/es/facts.toml")).unwrap();
    let option = spanish["resource"]["988"]["spanish"].as_str().unwrap();
    let keyword = "AYUDA";
    assert!(option.contains(keyword) && text_field(line, "spanish").unwrap().contains(keyword));
    let mut us_kits = 0;
    for zip in region_kits() {
        let (kit, entries, manifest) = open_kit(zip);
        let (region, audience, language) = kit_of(&manifest);
        let listed: Vec<&str> = manifest["facts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        assert!(
            !listed.contains(&"fear-losing-phone"),
            "{kit}: lists the withdrawn fact"
        );
        let mut kit_text = String::new();
        for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
            let text = squeeze(&pdf_text(bytes));
            for gone in [
                "phone privileges",
                "Register-Guard",
                "privilegio de usar su teléfono",
            ] {
                assert!(!text.contains(&squeeze(gone)), "{path}: prints `{gone}`");
            }
            assert!(
                !text.contains(&squeeze("California Department of Corrections")),
                "{path}: credits the 988 line to a state prison department"
            );
            kit_text.push_str(&text);
        }
        if region != "US" {
            continue;
        }
        us_kits += 1;
        assert!(
            kit_text.contains(&squeeze(publisher)),
            "{kit}: the 988 line's source is not shown"
        );
        let sheet = squeeze(&pdf_text(
            &entries[&format!("{kit}/handouts/resources.pdf")],
        ));
        let card = squeeze(&pdf_text(
            &entries[&format!("{kit}/handouts/resource-card.pdf")],
        ));
        for (what, text) in [("resource sheet", &sheet), ("wallet card", &card)] {
            if language == "es" {
                assert!(
                    text.contains(&squeeze(option)),
                    "{kit}: the {what} lacks the 988 line's Spanish option"
                );
            } else {
                assert!(
                    !text.contains(keyword),
                    "{kit}: the {what} prints the Spanish option in an English kit"
                );
            }
        }
        // The 988 line itself stays on the sheet beside its Spanish option.
        assert!(sheet.contains("988lifeline.org"), "{kit} {audience}");
    }
    assert_eq!(us_kits, 6);
}

#[test]
fn the_manifest_says_what_each_statistic_counts() {
    let base = fact_base();
    let facts = entries(&base, "fact");
    let mut statistics = 0;
    for zip in region_kits() {
        let (kit, _, manifest) = open_kit(zip);
        for used in manifest["facts"].as_array().unwrap() {
            let id = used["id"].as_str().unwrap();
            let Some(fact) = facts.iter().find(|f| f["id"].as_str() == Some(id)) else {
                assert!(used.get("counts").is_none(), "{kit}: channel `{id}` counts");
                continue;
            };
            let counts = text_field(fact, "counts");
            assert_eq!(
                counts.is_some(),
                fact.get("kind").is_none(),
                "{id}: a statistic (and only a statistic) says what it counts"
            );
            assert_eq!(
                used.get("counts").and_then(|c| c.as_str()),
                counts,
                "{kit}: the manifest's `counts` of `{id}`"
            );
            statistics += usize::from(counts.is_some());
        }
    }
    assert!(statistics > 0, "no kit states a statistic");
}

/// Where a line may break inside a web address: before or after a `/`, `.` or `-`.
fn breaks_at_a_boundary(address: &[char], at: usize) -> bool {
    let boundary = |c: &char| matches!(c, '/' | '.' | '-');
    address.get(at - 1).is_some_and(boundary) || address.get(at).is_some_and(boundary)
}

/// The line breaks inside `address` where `text` (from `pdftotext -raw`, which keeps each
/// printed line and any hyphen Typst added) prints it from `start`, or `None` if it does not.
/// A break is the address index it falls before, and whether Typst added a hyphen there.
fn printed_breaks(text: &[char], start: usize, address: &[char]) -> Option<Vec<(usize, bool)>> {
    let (mut i, mut breaks) = (start, Vec::new());
    for (j, &wanted) in address.iter().enumerate() {
        let mut hyphenated = false;
        if j > 0 && text.get(i) == Some(&'-') && wanted != '-' {
            hyphenated = true;
            i += 1;
        }
        let line_start = i;
        while text.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if i > line_start || hyphenated {
            if j == 0 || i == line_start {
                return None;
            }
            breaks.push((j, hyphenated));
        }
        if text.get(i) != Some(&wanted) {
            return None;
        }
        i += 1;
    }
    Some(breaks)
}

/// The web addresses the fact base gives people to type or read: every channel's address and
/// every source's that was not read on a copy, in the short form the handouts print (which the
/// full form on a slide contains).
fn printable_addresses(base: &toml::Value) -> Vec<String> {
    let mut addresses: Vec<String> = entries(base, "resource")
        .iter()
        .filter_map(|r| text_field(r, "url"))
        .chain(
            entries(base, "resource")
                .iter()
                .chain(&entries(base, "fact"))
                .filter(|e| e["source"].get("mirror").and_then(|m| m.as_bool()) != Some(true))
                .filter_map(|e| text_field(&e["source"], "url")),
        )
        .map(|url| {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            rest.strip_prefix("www.")
                .unwrap_or(rest)
                .trim_end_matches('/')
                .to_string()
        })
        .collect();
    addresses.sort();
    addresses.dedup();
    addresses
}

#[test]
fn web_addresses_break_only_at_slashes_dots_and_hyphens() {
    let addresses: Vec<Vec<char>> = printable_addresses(&fact_base())
        .iter()
        .map(|a| a.chars().collect())
        .collect();
    assert!(addresses.len() > 20, "{} addresses", addresses.len());
    let (mut printed, mut broken) = (0, 0);
    for zip in region_kits() {
        let (kit, entries, _) = open_kit(zip);
        let mut found_in = BTreeSet::new();
        for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
            let text: Vec<char> = poppler("pdftotext", bytes, &["-raw", "-enc", "UTF-8"])
                .chars()
                .collect();
            for address in &addresses {
                for start in 0..text.len() {
                    let Some(breaks) = printed_breaks(&text, start, address) else {
                        continue;
                    };
                    let shown: String = address.iter().collect();
                    for &(at, hyphenated) in &breaks {
                        let (before, after): (String, String) = (
                            address[..at].iter().collect(),
                            address[at..].iter().collect(),
                        );
                        assert!(
                            !hyphenated && breaks_at_a_boundary(address, at),
                            "{path}: `{shown}` is split inside a word: `{before}{}` / `{after}`",
                            if hyphenated { "-" } else { "" }
                        );
                    }
                    printed += 1;
                    broken += usize::from(!breaks.is_empty());
                    found_in.insert(path.rsplit('/').next().unwrap().to_string());
                }
            }
        }
        for document in ["slides.pdf", "resources.pdf", "resource-card.pdf"] {
            assert!(
                found_in.contains(document),
                "{kit}: no web address found in {document}: {found_in:?}"
            );
        }
    }
    assert!(
        broken > 0,
        "of {printed} printed addresses none wraps: the test sees no line break"
    );
}

#[test]
fn the_address_check_sees_a_split_inside_a_word() {
    let address: Vec<char> = "schoolcounselor.org/a-b".chars().collect();
    let breaks = |text: &str| printed_breaks(&text.chars().collect::<Vec<_>>(), 0, &address);
    assert_eq!(breaks("schoolcounselor.org/a-b"), Some(vec![]));
    assert_eq!(
        breaks("schoolcounselor.\norg/a-\nb"),
        Some(vec![(16, false), (22, false)])
    );
    let inside = breaks("schoolcou\nnselor.org/a-b").unwrap();
    assert_eq!(inside, vec![(9, false)]);
    assert!(!breaks_at_a_boundary(&address, 9));
    assert!(breaks_at_a_boundary(&address, 16) && breaks_at_a_boundary(&address, 22));
    assert_eq!(breaks("schoolcoun-\nselor.org/a-b"), Some(vec![(10, true)]));
    assert_eq!(breaks("school counselor.org"), None);
}

/// How often `address` is printed in `text` as a whole address, not as the start of a longer
/// one (`report.cybertip.org` in `report.cybertip.org/faqs` does not count).
fn whole_address_count(text: &str, address: &str) -> usize {
    text.match_indices(address)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after: Vec<char> = text[at + address.len()..].chars().take(2).collect();
            let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
            let starts_inside = before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '/');
            let goes_on = after.first() == Some(&'/')
                || letter(after.first())
                || after.first() == Some(&'.') && letter(after.get(1));
            !starts_inside && !goes_on
        })
        .count()
}

#[test]
fn take_down_services_show_their_age_limit_and_one_address_is_one_entry() {
    let base = fact_base();
    let resources = entries(&base, "resource");
    let addresses: BTreeSet<&str> = resources
        .iter()
        .filter_map(|r| text_field(r, "url"))
        .collect();
    let spanish: toml::Value = toml::from_str(include_str!("../../content/es/facts.toml")).unwrap();
    let (mut limits, mut merged) = (0, 0);
    for zip in region_kits() {
        let (kit, entries, manifest) = open_kit(zip);
        let language = manifest["event"]["language"].as_str().unwrap();
        let pdf = |name: &str| {
            poppler(
                "pdftotext",
                &entries[&format!("{kit}/{name}")],
                &["-raw", "-enc", "UTF-8"],
            )
        };
        // A slide, the resource sheet and one wallet card (a page holds eight) list each
        // address once.
        let slides = pdf("slides.pdf");
        let card = pdf("handouts/resource-card.pdf");
        let sheet = pdf("handouts/resources.pdf");
        // The sheet's source list may name a channel's address as its source's.
        let sheet = ["\nSources:", "\nFuentes:"]
            .iter()
            .find_map(|label| sheet.split_once(label))
            .map_or(sheet.clone(), |(entries, _)| entries.to_string());
        let pages = slides
            .split('\x0c')
            .map(|page| (page, 1))
            .chain([(card.split('\x0c').next().unwrap(), 8), (sheet.as_str(), 1)]);
        for (page, copies) in pages {
            for address in &addresses {
                let count = whole_address_count(page, address);
                assert!(
                    count <= copies,
                    "{kit}: `{address}` is listed {count} times on one page:\n{page}"
                );
            }
        }
        // Where two of the kit's channels share an address, the sheet's one entry names both.
        let (region, audience, _) = kit_of(&manifest);
        for address in &addresses {
            let names: Vec<&str> = resources
                .iter()
                .filter(|r| text_field(r, "url") == Some(address))
                .filter(|r| [region.as_str(), "ALL"].contains(&text_field(r, "region").unwrap()))
                .filter(|r| {
                    r["audiences"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|a| a.as_str() == Some(&audience))
                })
                .map(|r| text_field(r, "name").unwrap())
                .map(|name| match language {
                    "en" => name,
                    _ => spanish["terms"]
                        .get(name)
                        .and_then(|t| t.as_str())
                        .unwrap_or(name),
                })
                .collect();
            if names.len() > 1 {
                for name in &names {
                    assert!(
                        squeeze(&sheet).contains(&squeeze(name)),
                        "{kit}: the sheet's entry at `{address}` does not name `{name}`"
                    );
                }
                merged += 1;
            }
        }
        // A take-down service's age limit is printed with it on every page that lists it.
        for resource in resources.iter().filter(|r| r.get("scope").is_some()) {
            let id = text_field(resource, "id").unwrap();
            let scope = match language {
                "en" => text_field(resource, "scope").unwrap(),
                _ => spanish["resource"][id]["scope"].as_str().unwrap(),
            };
            let address = text_field(resource, "url").unwrap();
            for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
                let text = poppler("pdftotext", bytes, &["-raw", "-enc", "UTF-8"]);
                for page in text
                    .split('\x0c')
                    .filter(|p| whole_address_count(p, address) > 0)
                {
                    assert!(
                        squeeze(page).contains(&squeeze(scope)),
                        "{path}: `{address}` without `{scope}`:\n{page}"
                    );
                    limits += usize::from(id == "stopncii");
                }
            }
        }
    }
    assert!(
        limits > 0,
        "no kit lists StopNCII: the age-limit check saw nothing"
    );
    assert!(
        merged > 0,
        "no kit merges two channels: the check saw nothing"
    );
}
