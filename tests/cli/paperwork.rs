//! The school's own paperwork: the awareness poster in every language of the event (colour,
//! large and black-and-white) in the staff kits, the letter home in the teens kits, and the
//! before-and-after knowledge check with its answers in START-HERE.

use super::deck_design::{plain, size_of, xml_unescape};
use super::*;

/// A US event in English and Spanish with a local police contact and a letter with a slip.
const EVENT: &str = r#"organization = "Lincoln High School"
date = 2026-12-03
venue = "Main gym"
region = "US"
languages = ["en", "es"]
audiences = ["parents", "teens", "staff"]

[presenter]
name = "Jordan Rivera"
role = "School Resource Officer"
email = "presenter@example.org"
phone = "555-0100"

[law-enforcement]
name = "Lincoln County Sheriff's Office"
phone = "555-0199"
web = "sheriff.example.org"

[parent-letter]
session-time = "13:30"
reply-by = 2026-11-26
"#;

fn build(event: &str) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = event_dir(event);
    assert_ok(&build_event(dir.path(), &[]));
    let zips = zips_in(&dir.path().join("out"));
    (dir, zips)
}

fn kit_of<'a>(zips: &'a [PathBuf], audience: &str, lang: &str) -> &'a PathBuf {
    zips.iter()
        .find(|z| {
            z.to_string_lossy()
                .ends_with(&format!("-{audience}-{lang}.zip"))
        })
        .unwrap_or_else(|| panic!("no {audience} {lang} kit"))
}

fn content_of(path: &str) -> toml::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    toml::from_str(&text).unwrap()
}

/// A fact's claim in a language: the fact base's, or its translation's.
fn claim(id: &str, lang: &str) -> String {
    if lang == "en" {
        let base = fact_base();
        let fact = base["fact"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"].as_str() == Some(id))
            .unwrap();
        fact["claim"].as_str().unwrap().to_string()
    } else {
        content_of(&format!("content/{lang}/facts.toml"))["fact"][id]["claim"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

fn content_path(lang: &str, audience: &str) -> String {
    if lang == "en" {
        format!("content/{audience}.toml")
    } else {
        format!("content/{lang}/{audience}.toml")
    }
}

fn label(lang: &str, key: &str) -> String {
    translation_values(lang)[key].clone()
}

/// The `/Lang` a PDF declares.
fn declared_lang(pdf: &[u8]) -> String {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let catalog = document.catalog().unwrap();
    String::from_utf8(catalog.get(b"Lang").unwrap().as_str().unwrap().to_vec()).unwrap()
}

/// One word of a page with the type size its box stands for.
struct Word {
    text: String,
    size: f64,
}

/// The words of a PDF in the order they are drawn (`pdftotext -bbox`, not the layout mode's
/// lines): a source in parentheses comes right after the words it cites.
fn words(pdf: &[u8]) -> Vec<Word> {
    let html = poppler("pdftotext", pdf, &["-bbox", "-enc", "UTF-8"]);
    let word = regex::Regex::new(
        r#"<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>"#,
    )
    .unwrap();
    word.captures_iter(&html)
        .map(|c| Word {
            text: xml_unescape(&c[3]),
            size: size_of(c[2].parse::<f64>().unwrap() - c[1].parse::<f64>().unwrap()),
        })
        .collect()
}

/// Checks a poster's type: the headline at `headline` points or more, and every other word at
/// `body` or more, except the short sources in parentheses and the closing Sources line.
fn assert_poster_type(path: &str, pdf: &[u8], headline_words: &[&str], headline: f64, body: f64) {
    let words = words(pdf);
    for (word, expected) in words.iter().zip(headline_words) {
        assert_eq!(
            word.text, *expected,
            "{path}: the poster opens with its headline"
        );
        assert!(
            word.size >= headline - 0.2,
            "{path}: headline word `{}` is {:.1}pt, under {headline}pt",
            word.text,
            word.size
        );
    }
    let mut in_parentheses = false;
    for word in &words {
        if word.text == "Sources:" || word.text == "Fuentes:" {
            return;
        }
        if word.text.starts_with('(') {
            in_parentheses = true;
        }
        assert!(
            in_parentheses || word.size >= body - 0.2,
            "{path}: `{}` is set at {:.1}pt, under the body minimum of {body}pt",
            word.text,
            word.size
        );
        if word.text.ends_with(')') || word.text.ends_with(").") {
            in_parentheses = false;
        }
    }
    panic!("{path}: the poster has no Sources line");
}

#[test]
fn staff_kits_carry_every_languages_poster_with_every_element_large_enough() {
    let (_dir, zips) = build(EVENT);
    let staff = content_of("content/staff.toml");
    for kit_lang in ["en", "es"] {
        let (kit, entries, manifest) = open_kit(kit_of(&zips, "staff", kit_lang));
        let listed: Vec<&str> = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        let guide = squeeze(&pdf_text(&entries[&format!("{kit}/START-HERE.pdf")]));
        for lang in ["en", "es"] {
            for (suffix, size) in [
                ("", (612.0, 792.0)),
                ("-large", (792.0, 1224.0)),
                ("-bw", (612.0, 792.0)),
            ] {
                let path = format!("handouts/poster-{lang}{suffix}.pdf");
                let pdf = &entries[&format!("{kit}/{path}")];
                let info = pdf_info(pdf);
                assert_eq!(info.pages, 1, "{kit}/{path}");
                assert_eq!(page_size(&info), size, "{kit}/{path}");
                assert_eq!(
                    declared_lang(pdf),
                    lang,
                    "{kit}/{path} is in its own language"
                );
                assert!(listed.contains(&path.as_str()), "the manifest lists {path}");
                assert!(guide.contains(&squeeze(&path)), "START-HERE lists {path}");

                // In drawing order, so that a box's lines stay together.
                let text = plain(&poppler("pdftotext", pdf, &["-raw", "-enc", "UTF-8"]));
                let definition = claim("fbi-definition", lang);
                let steps = claim("fbi-steps", lang);
                for expected in [
                    definition.as_str(),
                    steps.as_str(),
                    "FBI",
                    "1-800-CALL-FBI",
                    "tips.fbi.gov",
                    "NCMEC CyberTipline",
                    "988",
                    "takeitdown.ncmec.org",
                    "Lincoln County Sheriff's Office",
                    "555-0199",
                    "sheriff.example.org",
                ] {
                    assert!(
                        text.contains(&plain(expected)),
                        "{kit}/{path} lacks `{expected}`"
                    );
                }
                // The take-down service's code opens the address printed beside it.
                assert_eq!(
                    // One large code a page: two modest resolutions find it.
                    qr_codes_at(pdf, 1, &[150, 200]),
                    ["https://takeitdown.ncmec.org"],
                    "{kit}/{path}"
                );

                let headline = if lang == "en" {
                    staff["poster"]["headline"].as_str().unwrap().to_string()
                } else {
                    content_of("content/es/staff.toml")["poster"]["headline"]
                        .as_str()
                        .unwrap()
                        .to_string()
                };
                let headline_words: Vec<&str> = headline.split_whitespace().collect();
                // On the large poster the type grows with the paper: tabloid is 792/612 as wide.
                let scale = if suffix == "-large" {
                    792.0 / 612.0
                } else {
                    1.0
                };
                assert_poster_type(
                    &format!("{kit}/{path}"),
                    pdf,
                    &headline_words,
                    60.0 * scale,
                    20.0 * scale,
                );
            }
            // The black-and-white poster is grey everywhere: nothing is told by colour.
            let path = format!("handouts/poster-{lang}-bw.pdf");
            let picture = page_picture(&entries[&format!("{kit}/{path}")], 1, 50, false).to_rgb8();
            let coloured = picture
                .pixels()
                .filter(|p| {
                    let [r, g, b] = p.0;
                    r.max(g).max(b) - r.min(g).min(b) > 6
                })
                .count();
            assert_eq!(coloured, 0, "{kit}/{path} has coloured pixels");
        }
    }
    // A4 events get A4 and A3 posters.
    let (_dir, zips) = build(&EVENT.replace("region = \"US\"", "region = \"US\"\npaper = \"a4\""));
    let (kit, entries, _) = open_kit(kit_of(&zips, "staff", "en"));
    for (suffix, size) in [("", (595.0, 842.0)), ("-large", (842.0, 1191.0))] {
        let info = pdf_info(&entries[&format!("{kit}/handouts/poster-es{suffix}.pdf")]);
        let (w, h) = page_size(&info);
        assert_eq!(
            (w.round(), h.round()),
            size,
            "poster-es{suffix}.pdf on A4 paper"
        );
    }
}

#[test]
fn the_black_and_white_posters_colours_meet_wcag_aa() {
    let theme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("handouts/poster.typ"))
            .unwrap();
    let colours = theme_colours(&theme);
    let pairs = theme
        .lines()
        .find_map(|l| l.strip_prefix("// bw-text-on-background:"))
        .expect("the poster theme lists the black-and-white poster's pairs");
    for pair in pairs.split(',') {
        let (text, background) = pair.trim().split_once(" on ").unwrap();
        let ratio = contrast(colours[text], colours[background]);
        assert!(ratio >= 4.5, "{text} on {background}: {ratio:.2}");
    }
}

#[test]
fn without_staff_there_is_no_poster_and_without_a_police_contact_check_warns() {
    let event = EVENT.replace(
        "audiences = [\"parents\", \"teens\", \"staff\"]",
        "audiences = [\"teens\"]",
    );
    let (_dir, zips) = build(&event);
    for zip in &zips {
        let names: Vec<String> = unzip(zip).into_keys().collect();
        assert!(
            !names.iter().any(|n| n.contains("poster")),
            "{}: a poster without the staff audience",
            zip.display()
        );
    }
    let start = EVENT.find("[law-enforcement]").unwrap();
    let end = EVENT.find("[parent-letter]").unwrap();
    let without = format!("{}{}", &EVENT[..start], &EVENT[end..]);
    let dir = event_dir(&without);
    let output = workshop(&["check", "--event", "event.toml"], dir.path());
    assert_ok(&output);
    assert!(
        stderr(&output).contains("no local law-enforcement contact"),
        "{}",
        stderr(&output)
    );
    let dir = event_dir(EVENT);
    let output = workshop(&["check", "--event", "event.toml"], dir.path());
    assert!(
        !stderr(&output).contains("law-enforcement"),
        "{}",
        stderr(&output)
    );
    let list = String::from_utf8_lossy(&workshop(&["list"], dir.path()).stdout).into_owned();
    assert!(
        list.contains("poster-<lang>.pdf") && list.contains("staff"),
        "`workshop list` says where posters come from:\n{list}"
    );
}

#[test]
fn the_parent_letter_gives_the_session_its_objectives_and_the_helplines() {
    let (_dir, zips) = build(EVENT);
    let (kit, entries, _) = open_kit(kit_of(&zips, "teens", "en"));
    for (lang, date, time, due) in [
        ("en", "December 3, 2026", "1:30 p.m.", "November 26, 2026"),
        (
            "es",
            "3 de diciembre de 2026",
            "13:30",
            "26 de noviembre de 2026",
        ),
    ] {
        let path = format!("handouts/parent-letter-{lang}.pdf");
        let pdf = &entries[&format!("{kit}/{path}")];
        assert_eq!(pdf_info(pdf).pages, 1, "{path}");
        assert_eq!(declared_lang(pdf), lang, "{path}");
        let text = squeeze(&pdf_text(pdf));
        let teens = content_of(&content_path(lang, "teens"));
        let slip = teens["parent-letter"]["slip-heading"].as_str().unwrap();
        for expected in [
            date,
            time,
            due,
            slip,
            "Main gym",
            "Lincoln High School",
            "Jordan Rivera",
            "1-800-THE-LOST (1-800-843-5678)",
            "988",
            "takeitdown.ncmec.org",
        ] {
            assert!(
                text.contains(&squeeze(expected)),
                "{path} lacks `{expected}`"
            );
        }
        for objective in teens["start-here"]["objectives"].as_array().unwrap() {
            let objective = objective.as_str().unwrap();
            assert!(
                text.contains(&squeeze(objective)),
                "{path} lacks the objective `{objective}`"
            );
        }
    }
    // Without `reply-by` there is no slip; without a time, no time line.
    let event = EVENT.replace("session-time = \"13:30\"\nreply-by = 2026-11-26\n", "");
    let (_dir, zips) = build(&event);
    let (kit, entries, _) = open_kit(kit_of(&zips, "teens", "en"));
    let text = fold(&pdf_text(
        &entries[&format!("{kit}/handouts/parent-letter-en.pdf")],
    ));
    let teens = content_of("content/teens.toml");
    assert!(!text.contains(teens["parent-letter"]["slip-heading"].as_str().unwrap()));
    assert!(!text.contains(&label("en", "letter-time")) && !text.contains("p.m."));
    assert!(text.contains("December 3, 2026"));
}

#[test]
fn the_knowledge_check_asks_the_same_questions_and_start_here_has_the_answers() {
    let (_dir, zips) = build(EVENT);
    for audience in ["teens", "parents"] {
        for lang in ["en", "es"] {
            let (kit, entries, _) = open_kit(kit_of(&zips, audience, lang));
            let check = &entries[&format!("{kit}/handouts/knowledge-check.pdf")];
            assert_eq!(pdf_info(check).pages, 1);
            assert_eq!(declared_lang(check), lang);
            let check_text = squeeze(&pdf_text(check));
            // In drawing order: a table's cells row by row, each question before its answer.
            let guide = squeeze(&poppler(
                "pdftotext",
                &entries[&format!("{kit}/START-HERE.pdf")],
                &["-raw", "-enc", "UTF-8"],
            ));
            let content = content_of(&content_path(lang, audience));
            let questions = content["knowledge-check"]["questions"].as_array().unwrap();
            assert!((3..=5).contains(&questions.len()));
            let (yes, no) = (label(lang, "check-true"), label(lang, "check-false"));
            for (n, q) in questions.iter().enumerate() {
                let question = squeeze(q["question"].as_str().unwrap());
                assert_eq!(
                    check_text.matches(&question).count(),
                    2,
                    "{kit}: question {} is on the before and the after half",
                    n + 1
                );
                let answer = match q["answer"].as_str().unwrap() {
                    "true" => yes.clone(),
                    "false" => no.clone(),
                    choice => choice.to_string(),
                };
                let row = format!("{}.{question}{}", n + 1, squeeze(&answer));
                assert!(
                    guide.contains(&row),
                    "{kit}: START-HERE answers question {} with `{answer}`",
                    n + 1
                );
            }
            // The presenter is told when to hand each half out, on the first and last slides.
            let notes = &entries[&format!("{kit}/presenter-notes.pdf")];
            let pages = pdf_info(notes).pages;
            for (page, key) in [(1, "check-notes-first"), (pages, "check-notes-last")] {
                let p = page.to_string();
                let text = squeeze(&poppler(
                    "pdftotext",
                    notes,
                    &["-f", &p, "-l", &p, "-enc", "UTF-8"],
                ));
                assert!(
                    text.contains(&squeeze(&label(lang, key))),
                    "{kit}: notes page {page}"
                );
            }
        }
        // The Spanish check asks the Spanish questions, not the English ones.
        let (kit, entries, _) = open_kit(kit_of(&zips, audience, "es"));
        let text = squeeze(&pdf_text(
            &entries[&format!("{kit}/handouts/knowledge-check.pdf")],
        ));
        for q in content_of(&content_path("en", audience))["knowledge-check"]["questions"]
            .as_array()
            .unwrap()
        {
            assert!(!text.contains(&squeeze(q["question"].as_str().unwrap())));
        }
    }
}

#[test]
fn a_question_that_checks_no_slide_is_refused_with_its_line() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/teens.toml"))
            .unwrap();
    let bad = text.replacen("slide = \"What to do\"", "slide = \"What to doo\"", 1);
    assert_ne!(bad, text);
    let templates = custom_template("content/teens.toml", &bad);
    let dir = event_dir(EVENT);
    let output = build_event(
        dir.path(),
        &[
            "--templates",
            templates.path().join("custom").to_str().unwrap(),
        ],
    );
    assert!(!output.status.success());
    let message = stderr(&output);
    let line = bad[..bad.find("What to doo").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        message.contains("no slide of this deck has that title")
            && message.contains(&format!("teens.toml:{line}"))
            && message.contains("`What to do`"),
        "{message}"
    );
    assert!(
        zips_in(&dir.path().join("out")).is_empty(),
        "nothing is written"
    );
}

#[test]
fn a_canadian_poster_gives_the_canadian_steps_not_the_fbis() {
    let event = EVENT
        .replace("region = \"US\"", "region = \"CA\"")
        .replace("languages = [\"en\", \"es\"]", "languages = [\"en\"]")
        .replace(
            "audiences = [\"parents\", \"teens\", \"staff\"]",
            "audiences = [\"staff\"]",
        );
    let (_dir, zips) = build(&event);
    let (kit, entries, _) = open_kit(kit_of(&zips, "staff", "en"));
    let text = plain(&poppler(
        "pdftotext",
        &entries[&format!("{kit}/handouts/poster-en.pdf")],
        &["-raw", "-enc", "UTF-8"],
    ));
    assert!(
        text.contains(&plain(&claim("teen-four-steps", "en"))),
        "{text}"
    );
    assert!(!text.contains(&plain(&claim("fbi-steps", "en"))), "{text}");
    assert!(
        text.contains("Cybertip.ca") && !text.contains("1-800-CALL-FBI"),
        "{text}"
    );
}
