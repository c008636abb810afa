//! How a session ends: the Sources slides, then one `help` slide (local contacts, the region's
//! support lines, questions) that takes the closing minutes and stays up during questions; and
//! anonymous question cards for the teens and parents sessions.

use super::*;

/// The demo kits and the kits of a Spanish UK event (Childline is the UK line for young people).
fn kits_to_check() -> Vec<(String, BTreeMap<String, Vec<u8>>, serde_json::Value)> {
    let (_demo_dir, demo) = demo_kits();
    let dir = event_dir(
        "organization = \"Leeds Academy\"\ndate = 2026-12-03\nregion = \"UK\"\nlanguages = [\"es\"]\n[[contacts]]\nname = \"Priya Shah\"\nphone = \"0113 496 0000\"\n",
    );
    assert_ok(&build_event(dir.path(), &[]));
    demo.iter()
        .chain(&zips_in(&dir.path().join("out")))
        .map(|zip| open_kit(zip))
        .collect()
}

#[test]
fn every_deck_ends_on_a_help_slide_after_untimed_sources() {
    for (kit, entries, manifest) in kits_to_check() {
        let slides = manifest["slides"].as_array().unwrap();
        let last = slides.last().unwrap();
        assert_eq!(last["kind"], "help", "{kit}: the last slide");
        let sources: Vec<&serde_json::Value> =
            slides.iter().filter(|s| s["kind"] == "sources").collect();
        assert!(!sources.is_empty(), "{kit}: Sources slides");
        for s in &sources {
            assert_eq!(s["minutes"], 0, "{kit}: a Sources slide takes no minutes");
            assert!(
                s["number"].as_u64() < last["number"].as_u64(),
                "{kit}: Sources come before the help slide"
            );
        }
        assert!(
            last["minutes"].as_u64().unwrap() >= 5,
            "{kit}: the help slide takes the closing minutes"
        );
        let total: u64 = slides.iter().map(|s| s["minutes"].as_u64().unwrap()).sum();
        assert_eq!(
            total,
            manifest["minutes"].as_u64().unwrap(),
            "{kit}: minutes add up"
        );
        // On the page: the local contact and a support line of the region, with its number.
        let n = last["number"].as_u64().unwrap().to_string();
        let page = squeeze(&poppler(
            "pdftotext",
            &entries[&format!("{kit}/slides.pdf")],
            &["-enc", "UTF-8", "-f", &n, "-l", &n],
        ));
        let (contact, line) = if kit.starts_with("leeds") {
            ("Priya Shah", "0800 1111")
        } else {
            ("Sam Lee", "988")
        };
        assert!(
            page.contains(&squeeze(contact)),
            "{kit}: the help slide names the local contact: {page}"
        );
        assert!(
            page.contains(&squeeze(line)),
            "{kit}: the help slide shows a support line: {page}"
        );
    }
}

#[test]
fn teens_and_parents_kits_have_question_cards() {
    for (kit, entries, _) in kits_to_check() {
        let cards = entries.get(&format!("{kit}/handouts/question-cards.pdf"));
        if kit.contains("-staff-") {
            assert!(
                cards.is_none(),
                "{kit}: staff sessions have no question cards"
            );
            continue;
        }
        let cards = cards.unwrap_or_else(|| panic!("{kit}: no question cards"));
        let info = pdf_info(cards);
        assert_eq!(info.pages, 1, "{kit}: the cards fill one page");
        assert!(info.tagged, "{kit}: the cards are tagged");
        let text = squeeze(&pdf_text(cards));
        let heading = if kit.ends_with("-es") {
            "Una pregunta"
        } else {
            "Your question"
        };
        assert!(text.contains(&squeeze(heading)), "{kit}: {text}");
        // Read once by a screen reader: the other seven cards are artifacts, but all eight
        // are printed, so the heading is drawn eight times.
        let drawn = squeeze(&poppler("pdftotext", cards, &["-enc", "UTF-8", "-layout"]));
        assert!(
            drawn.matches(&squeeze(heading)).count() >= 8,
            "{kit}: eight cards a page"
        );
    }
}

#[test]
fn statistic_slides_show_sextortion_figures_or_say_what_they_count() {
    let facts = fact_base();
    let counts_of = |id: &str| -> String {
        facts["fact"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"].as_str() == Some(id))
            .and_then(|f| f.get("counts"))
            .and_then(|c| c.as_str())
            .unwrap_or_else(|| panic!("statistic `{id}` says what it counts"))
            .to_string()
    };
    let mut statistics = 0;
    for (kit, entries, manifest) in kits_to_check() {
        for slide in manifest["slides"].as_array().unwrap() {
            if slide["kind"] != "statistic" {
                continue;
            }
            statistics += 1;
            let n = slide["number"].as_u64().unwrap().to_string();
            let page = poppler(
                "pdftotext",
                &entries[&format!("{kit}/slides.pdf")],
                &["-enc", "UTF-8", "-f", &n, "-l", &n],
            )
            .to_lowercase();
            for id in slide["facts"].as_array().unwrap() {
                let counts = counts_of(id.as_str().unwrap());
                let named = match counts.as_str() {
                    "sextortion" | "financial-sextortion" => true,
                    "online-enticement" => {
                        page.contains("enticement") || page.contains("captación")
                    }
                    "all-exploitation" => {
                        page.contains("exploitation") || page.contains("explotación")
                    }
                    _ => false,
                };
                assert!(
                    named,
                    "{kit} slide {n}: a `{counts}` figure on a slide that does not say so"
                );
            }
        }
    }
    assert!(statistics >= 6, "{statistics} statistic slides checked");
}
