//! Words true to the event's region and the school's own people: region words in the content
//! (US "school counselor", UK "designated safeguarding lead"), the grades of a teens session as
//! the region says them, and the state's report line and the person a school designates.

use super::*;

/// The kits an event builds: name and entries.
fn built_kits(event: &str) -> Vec<(String, BTreeMap<String, Vec<u8>>)> {
    let dir = event_dir(event);
    assert_ok(&build_event(dir.path(), &[]));
    zips_in(&dir.path().join("out"))
        .iter()
        .map(|zip| {
            let (kit, entries, _) = open_kit(zip);
            (kit, entries)
        })
        .collect()
}

/// Every PDF's text of every kit an event builds, by kit name, with whitespace squeezed.
fn kit_texts(event: &str) -> BTreeMap<String, String> {
    built_kits(event)
        .into_iter()
        .map(|(kit, entries)| {
            let text: String = entries
                .iter()
                .filter(|(name, _)| name.ends_with(".pdf"))
                .map(|(_, pdf)| squeeze(&pdf_text(pdf)))
                .collect::<Vec<_>>()
                .join(" ");
            (kit, text)
        })
        .collect()
}

/// One PDF's squeezed text in every kit an event builds, by kit name.
fn pdf_in_kit(event: &str, file: &str) -> BTreeMap<String, String> {
    built_kits(event)
        .into_iter()
        .map(|(kit, entries)| {
            let text = squeeze(&pdf_text(&entries[&format!("{kit}/{file}")]));
            (kit, text)
        })
        .collect()
}

#[test]
fn the_report_line_and_the_designated_person_are_printed_for_staff_when_given() {
    let with = "organization = \"Lincoln High School\"\ndate = 2026-12-03\naudiences = [\"staff\"]\nlanguages = [\"en\", \"es\"]\n[staff]\nreport-line = { name = \"State Child Abuse Hotline\", phone = \"1-800-555-0199\" }\ndesignated-reporter = { name = \"Dana Whitfield\", role = \"Assistant principal\" }\n";
    for file in ["slides.pdf", "handouts/response-protocol.pdf"] {
        for (kit, text) in pdf_in_kit(with, file) {
            for value in [
                "State Child Abuse Hotline",
                "1-800-555-0199",
                "Dana Whitfield",
                "Assistant principal",
            ] {
                assert!(
                    text.contains(&squeeze(value)),
                    "{kit} {file} lacks `{value}`: {text}"
                );
            }
        }
    }
    // Without them, no label stands in their place.
    let without = "organization = \"Lincoln High School\"\ndate = 2026-12-03\naudiences = [\"staff\"]\nlanguages = [\"en\", \"es\"]\n";
    for file in ["slides.pdf", "handouts/response-protocol.pdf"] {
        for (kit, text) in pdf_in_kit(without, file) {
            for label in [
                "The person our school designates",
                "Report line",
                "La persona que designa la escuela",
                "Línea de denuncia",
            ] {
                assert!(
                    !text.contains(label),
                    "{kit} {file} prints `{label}` with nothing to name"
                );
            }
        }
    }
}

#[test]
fn grades_are_said_as_the_region_and_language_say_them() {
    let event = |region: &str| {
        format!(
            "organization = \"G\"\ndate = 2026-12-03\nregion = \"{region}\"\ngrades = \"6-8\"\naudiences = [\"teens\"]\nlanguages = [\"en\", \"es\"]\n"
        )
    };
    for (region, english, spanish) in [
        ("US", "grades 6 to 8", "de 6.º a 8.º grado"),
        ("UK", "Years 6 to 8", "de 6.º a 8.º curso"),
    ] {
        for file in ["slides.pdf", "START-HERE.pdf"] {
            for (kit, text) in pdf_in_kit(&event(region), file) {
                let expected = if kit.ends_with("-es") {
                    spanish
                } else {
                    english
                };
                assert!(
                    text.contains(&squeeze(expected)),
                    "{kit} {file} lacks `{expected}`: {text}"
                );
                assert!(
                    !text.contains(&squeeze("7 to 12")) && !text.contains("12.º"),
                    "{kit} {file}"
                );
            }
        }
    }
    // The default when the event names no grades.
    let dir = event_dir("organization = \"G\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n");
    assert_ok(&build_event(dir.path(), &[]));
    let (kit, entries, _) = open_kit(&zips_in(&dir.path().join("out"))[0]);
    assert!(
        squeeze(&pdf_text(&entries[&format!("{kit}/slides.pdf")]))
            .contains(&squeeze("grades 7 to 12"))
    );
    // Grades that are not two grades with a hyphen are refused at their line.
    for bad in ["8-6", "six to eight", "0-5", "6"] {
        let dir = event_dir(&format!(
            "organization = \"G\"\ndate = 2026-12-03\ngrades = \"{bad}\"\n"
        ));
        let output = workshop(&["check", "--event", "event.toml"], dir.path());
        let message = stderr(&output);
        assert!(!output.status.success(), "grades `{bad}` accepted");
        assert!(
            message.contains("event.toml:3:") && message.contains("`grades`"),
            "{message}"
        );
    }
}

#[test]
fn staff_kits_speak_their_regions_words() {
    let event = |region: &str| {
        format!(
            "organization = \"S\"\ndate = 2026-12-03\nregion = \"{region}\"\naudiences = [\"staff\", \"teens\", \"parents\"]\n"
        )
    };
    // The UK guidance on never viewing images keeps its own wording, labelled, everywhere.
    let uk_guidance = fact_base()["fact"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"].as_str() == Some("staff-never-view"))
        .map(|f| squeeze(f["claim"].as_str().unwrap()))
        .unwrap();
    for (kit, text) in kit_texts(&event("US")) {
        let outside = text.replace(&uk_guidance, "");
        for word in ["safeguarding lead", "ounsellor"] {
            assert!(
                !outside.contains(&squeeze(word)),
                "{kit} says `{word}` outside the UK guidance"
            );
        }
    }
    let uk = kit_texts(&event("UK"));
    let staff = uk.iter().find(|(k, _)| k.contains("-staff-")).unwrap().1;
    assert!(
        staff
            .replace(&uk_guidance, "")
            .contains(&squeeze("designated safeguarding lead")),
        "UK staff kit"
    );
    assert!(
        uk.values().any(|t| t.contains("counsellor")),
        "UK kits say counsellor"
    );
}
