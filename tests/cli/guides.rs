//! The printed guides as a presenter and a parent use them: the parents tip sheet leads with
//! the first hour and puts the local contacts and lines on its second page; START-HERE has no
//! repeated item, logistics that fit each audience and a note for officers; the words to say
//! first to a student who discloses stand on their own line in bold.

use super::*;

fn content(audience: &str) -> toml::Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/{audience}.toml")),
    )
    .unwrap();
    toml::from_str(&text).unwrap()
}

fn page_text(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    poppler(
        "pdftotext",
        pdf,
        &["-f", &page, "-l", &page, "-enc", "UTF-8"],
    )
}

fn kit_pdf<'a>(entries: &'a BTreeMap<String, Vec<u8>>, kit: &str, path: &str) -> &'a [u8] {
    &entries[&format!("{kit}/{path}")]
}

#[test]
fn the_tip_sheet_leads_with_the_first_hour_and_gives_local_help_on_page_two() {
    let (_dir, zips) = demo_kits();
    let zip = zips
        .iter()
        .find(|z| z.to_string_lossy().contains("-parents-"))
        .unwrap();
    let (kit, entries, _) = open_kit(zip);
    let sheet = kit_pdf(&entries, &kit, "handouts/tip-sheet.pdf");
    assert_eq!(pdf_info(sheet).pages, 2);
    let (first, second) = (squeeze(&page_text(sheet, 1)), squeeze(&page_text(sheet, 2)));
    let parents = content("parents");
    let tip_sheet = parents["handouts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["file"].as_str() == Some("tip-sheet"))
        .unwrap();
    let sections = tip_sheet["sections"].as_array().unwrap();
    let steps = sections[0]["steps"]
        .as_array()
        .expect("the sheet opens on steps");
    assert!(squeeze(sections[0]["heading"].as_str().unwrap()).contains("firsthour"));
    for step in steps {
        let step = step.as_str().unwrap().replace('\'', "’");
        assert!(
            first.contains(&squeeze(&step)),
            "page 1 lacks the step `{step}`"
        );
    }
    let event: toml::Value = toml::from_str(DEMO).unwrap();
    for contact in event["contacts"].as_array().unwrap() {
        let name = contact["name"].as_str().unwrap();
        assert!(
            second.contains(&squeeze(name)),
            "page 2 lacks the contact {name}"
        );
        assert!(!first.contains(&squeeze(name)), "{name} belongs on page 2");
    }
    for line in [
        "988 Suicide & Crisis Lifeline",
        "Crisis Text Line",
        "NCMEC CyberTipline",
    ] {
        assert!(second.contains(&squeeze(line)), "page 2 lacks {line}");
    }
    assert!(!format!("{first}{second}").contains("reportingchannel"));
}

#[test]
fn start_here_fits_each_audience_repeats_nothing_and_speaks_to_officers() {
    let (_dir, zips) = demo_kits();
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let audience = manifest["audience"].as_str().unwrap();
        let text = fold(&pdf_text(kit_pdf(&entries, &kit, "START-HERE.pdf")));
        // Every preparation item is printed once, and no two share their opening words.
        let labels: toml::Value =
            toml::from_str(include_str!("../../content/i18n/en.toml")).unwrap();
        let items: Vec<String> = labels["prepare-always"]
            .as_array()
            .unwrap()
            .iter()
            .chain(
                content(audience)["start-here"]["prepare"]
                    .as_array()
                    .unwrap(),
            )
            .map(|i| i.as_str().unwrap().to_string())
            .collect();
        let mut openings: Vec<String> = items
            .iter()
            .map(|i| i.split_whitespace().take(4).collect::<Vec<_>>().join(" "))
            .collect();
        openings.sort();
        let before = openings.len();
        openings.dedup();
        assert_eq!(
            openings.len(),
            before,
            "{kit}: repeated preparation: {items:?}"
        );
        let lowered = text.to_lowercase();
        let tables = lowered
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w == "table" || w == "tables");
        assert!(!tables, "{kit}: no tables in the room are assumed");
        let logistics = match audience {
            "teens" => "a member of staff stays in the room",
            "parents" => "childcare",
            _ => "sign-in sheet",
        };
        assert!(
            lowered.contains(logistics),
            "{kit}: logistics for {audience}"
        );
        let officers = lowered.contains("if people are afraid of the police")
            && lowered.contains("if you are a police officer");
        assert_eq!(
            officers,
            audience != "parents",
            "{kit}: the note for officers"
        );
    }
}

/// The lines of a PDF as `pdftohtml -xml` gives them, each with whether it is all in bold.
fn lines_with_weight(pdf: &[u8]) -> Vec<(String, bool)> {
    let xml = poppler("pdftohtml", pdf, &["-xml", "-i", "-stdout"]);
    xml.lines()
        .filter_map(|l| l.strip_prefix("<text ").and_then(|l| l.split_once('>')))
        .map(|(_, rest)| {
            let inner = rest.trim_end_matches("</text>");
            let bold = inner.starts_with("<b>") && inner.ends_with("</b>");
            let plain = inner.replace("<b>", "").replace("</b>", "");
            (plain.replace("&#34;", "\"").replace("&amp;", "&"), bold)
        })
        .collect()
}

#[test]
fn the_first_words_to_a_student_who_discloses_stand_alone_in_bold() {
    let base = fact_base();
    let script = base["fact"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"].as_str() == Some("staff-disclosure-script"))
        .unwrap();
    let opening = script["headline"].as_str().unwrap();
    let typographic = |s: &str| {
        s.replace(['“', '”'], "\"")
            .replace('’', "'")
            .trim()
            .to_string()
    };
    let (_dir, zips) = demo_kits();
    let zip = zips
        .iter()
        .find(|z| z.to_string_lossy().contains("-staff-"))
        .unwrap();
    let (kit, entries, _) = open_kit(zip);
    for path in ["START-HERE.pdf", "handouts/disclosure-script.pdf"] {
        let lines = lines_with_weight(kit_pdf(&entries, &kit, path));
        let at = lines
            .iter()
            .position(|(l, _)| typographic(l).starts_with("\"Thank you"))
            .unwrap_or_else(|| panic!("{path}: no line opens with the opening words"));
        let mut said = String::new();
        for (line, bold) in &lines[at..] {
            if !bold {
                break;
            }
            said.push_str(line);
            said.push(' ');
        }
        assert_eq!(
            typographic(&fold(&said)),
            opening,
            "{path}: the bold opening line"
        );
    }
}
