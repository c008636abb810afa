//! French kits for Canada: every file of a French kit (and the French poster and letter in an
//! English kit) declares and reads as French, prints no fixed English label, states the same
//! facts as the English kit, and prints only the fact base's numbers and addresses.

use super::*;

/// The demo event in Canada, in English and French: six zips, sorted (`-en` before `-fr`).
fn french_kits() -> (tempfile::TempDir, Vec<PathBuf>) {
    let event = DEMO
        .replace("languages = [\"en\"]", "languages = [\"en\", \"fr\"]")
        .replace("region = \"US\"", "region = \"CA\"");
    let dir = event_dir(&event);
    assert_ok(&build_event(dir.path(), &[]));
    let zips = zips_in(&dir.path().join("out"));
    (dir, zips)
}

/// How many of a text's words are common French and common English function words.
fn function_words(text: &str) -> (usize, usize) {
    const FRENCH: &[&str] = &[
        "le", "la", "les", "des", "et", "est", "une", "un", "pour", "vous", "que", "pas", "dans",
        "qui", "sur", "du", "au", "ne",
    ];
    const ENGLISH: &[&str] = &[
        "the", "and", "you", "is", "to", "of", "for", "your", "are", "not", "with", "that", "it",
    ];
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    (count(FRENCH), count(ENGLISH))
}

/// A text without the fact base's English names: its sources' titles and publishers and its
/// services' names ("Report concerning behaviour", "Kids Help Phone"), printed as published.
fn without_english_names(text: &str) -> String {
    let mut names = published_words(&["title", "publisher"], &["name"]);
    // Longest first, so that a title is taken out whole before a name it contains.
    names.retain(|n| n.len() > 3);
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
        .iter()
        .fold(fold(text), |text, name| text.replace(name.as_str(), " "))
}

#[test]
fn french_kits_declare_and_read_as_french_with_no_english_label() {
    let (_dir, zips) = french_kits();
    assert_eq!(names_of(&zips), demo_zip_names(&["en", "fr"]), "six zips");
    let mut french_files = 0;
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let kit_lang = manifest["event"]["language"].as_str().unwrap().to_string();
        for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
            if file_language(path, &kit_lang) != "fr" {
                continue;
            }
            french_files += 1;
            let document = lopdf::Document::load_mem(bytes).unwrap();
            let lang = document
                .catalog()
                .unwrap()
                .get(b"Lang")
                .unwrap()
                .as_str()
                .unwrap()
                .to_vec();
            assert_eq!(lang, b"fr", "{path} declares French");
            let (french, english) = function_words(&without_english_names(&pdf_text(bytes)));
            assert!(
                french >= 2 && french >= 2 * english,
                "{path} reads as French: {french} French and {english} English function words"
            );
        }
        if kit_lang == "fr" {
            let slides =
                fold(&pdf_text(&entries[&format!("{kit}/slides.pdf")]).replace('\u{a0}', " "));
            assert!(slides.contains("3 décembre 2026"), "{kit}: a French date");
            // The Office québécois de la langue française's spacing: a no-break space before a
            // colon, and inside the guillemets of a quotation.
            assert!(
                slides.contains("Source :") && !slides.contains("Source:"),
                "{kit}"
            );
        }
    }
    // 3 French kits of 11 to 16 PDFs, and the French posters and letter in the English kits.
    assert!(french_files > 30, "{french_files} French files read");
    let read = assert_no_english_label_in(&zips, "fr");
    assert_eq!(read, french_files);
    let (kit, entries, _) = open_kit(
        zips.iter()
            .find(|z| z.to_string_lossy().ends_with("-teens-fr.zip"))
            .unwrap(),
    );
    // (pdftotext writes the narrow no-break space inside Typst's French marks as a space.)
    let quotes = pdf_text(&entries[&format!("{kit}/slides.pdf")]);
    let spaced = regex::Regex::new(r"«[ \u{a0}\u{202f}]\S[^»]*\S[ \u{a0}\u{202f}]»").unwrap();
    assert!(spaced.is_match(&quotes), "guillemets with spaces inside");
}

#[test]
fn the_english_and_french_kits_state_the_same_facts_and_numbers() {
    let (_dir, zips) = french_kits();
    assert_same_facts_as_english(&zips, "fr");
    // The same numbers, by their digits, on the slides of each pair of decks. A number is its
    // digits, however grouped: `18,898`, `18 898` (pdftotext writes a no-break space as a
    // space), `3.5`, `3,5`.
    let number =
        regex::Regex::new(r"\d{1,3}(?:[ \u{a0}\u{202f}]\d{3}\b)+|\d(?:[\d,.]*\d)?").unwrap();
    for pair in zips.chunks(2) {
        let digits = |zip: &PathBuf| {
            let (kit, entries, _) = open_kit(zip);
            let text = pdf_text(&entries[&format!("{kit}/slides.pdf")]);
            let mut runs: Vec<String> = number
                .find_iter(&text)
                .map(|m| m.as_str().chars().filter(char::is_ascii_digit).collect())
                .collect();
            runs.sort();
            runs
        };
        assert_eq!(
            digits(&pair[0]),
            digits(&pair[1]),
            "{} and its French counterpart show the same numbers",
            pair[0].display()
        );
    }
}

#[test]
fn french_kits_print_only_the_fact_bases_numbers_and_addresses() {
    let (_dir, zips) = french_kits();
    assert_numbers_and_addresses_are_sourced(&zips, "CA");
    // Names, numbers and addresses exactly as the fact base gives them, on the resource sheet.
    let base = fact_base();
    for zip in zips
        .iter()
        .filter(|z| z.to_string_lossy().ends_with("-fr.zip"))
    {
        let (kit, entries, _) = open_kit(zip);
        let sheet = squeeze(&pdf_text(
            &entries[&format!("{kit}/handouts/resources.pdf")],
        ));
        for resource in base["resource"].as_array().unwrap() {
            if resource["region"].as_str() != Some("CA") {
                continue;
            }
            let serves = resource["audiences"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| kit.contains(&format!("-{}-", a.as_str().unwrap())));
            if !serves {
                continue;
            }
            for key in ["name", "phone", "sms", "url"] {
                if let Some(value) = resource.get(key).and_then(|v| v.as_str()) {
                    // The French wording may put an SMS keyword around its number.
                    let value = if key == "sms" {
                        value.rsplit(' ').next().unwrap()
                    } else {
                        value
                    };
                    assert!(
                        sheet.contains(&squeeze(value)),
                        "{kit}: `{value}` as the fact base gives it"
                    );
                }
            }
        }
    }
}
