//! End-to-end tests: run the real `workshop` binary on event files and read back the zips and
//! PDFs it writes (page count and size with `pdfinfo`, text with `pdftotext`).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

// The crate root is tests/cli.rs, so its modules would be looked up in tests/: point at tests/cli/.
#[path = "cli/closing.rs"]
mod closing;
#[path = "cli/deck_design.rs"]
mod deck_design;
#[path = "cli/fact_base.rs"]
mod fact_base;
#[path = "cli/fact_wording.rs"]
mod fact_wording;
#[path = "cli/french.rs"]
mod french;
#[path = "cli/guides.rs"]
mod guides;
#[path = "cli/kit_outputs.rs"]
mod kit_outputs;
#[path = "cli/paperwork.rs"]
mod paperwork;
#[path = "cli/pptx.rs"]
mod pptx;
#[path = "cli/present.rs"]
mod present;
#[path = "cli/region_words.rs"]
mod region_words;
#[path = "cli/roster.rs"]
mod roster;

const BIN: &str = env!("CARGO_BIN_EXE_workshop");
const DEMO_SLUG: &str = "example-middle-school-pta-2026-12-03";

fn workshop(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the workshop binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_ok(output: &Output) {
    assert!(
        output.status.success(),
        "workshop failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(output)
    );
}

/// The entries of a zip, by name.
fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entries = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.insert(entry.name().unwrap().to_string(), bytes);
    }
    entries
}

/// An external program the tests run, or a failure that says how to get it.
fn tool_path(tool: &str) -> &str {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()));
    assert!(
        found,
        "the tests need `{tool}`: run ./test.sh, which installs it (poppler-utils) and then runs cargo test"
    );
    tool
}

/// The plain text a markdown note reads as (what pdfpc shows), paragraphs joined by blank lines.
fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Paragraph) => text.push_str("\n\n"),
            _ => {}
        }
    }
    text
}

/// Writes `bytes` to a temporary PDF and runs a poppler tool on it.
fn poppler(tool: &str, pdf: &[u8], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(tool_path(tool))
        .args(extra)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{tool} is needed by the tests: run ./test.sh, which installs poppler-utils ({e})"
            )
        });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", pdf, &["-enc", "UTF-8"])
}

/// Text with every run of whitespace folded to one space.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without whitespace and dashes: for comparing text that may wrap anywhere, since
/// pdftotext drops a dash at the end of a line ("Wake-" + "Up" comes out as "WakeUp").
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

struct PdfInfo {
    pages: usize,
    size: String,
    tagged: bool,
    title: String,
}

fn pdf_info(pdf: &[u8]) -> PdfInfo {
    let text = poppler("pdfinfo", pdf, &[]);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    PdfInfo {
        pages: field("Pages").parse().unwrap(),
        size: field("Page size"),
        tagged: field("Tagged") == "yes",
        title: field("Title"),
    }
}

/// The page size in points, rounded to two decimals.
fn page_size(info: &PdfInfo) -> (f64, f64) {
    let numbers: Vec<f64> = info
        .size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let round = |v: f64| (v * 100.0).round() / 100.0;
    (round(numbers[0]), round(numbers[1]))
}

/// The file names of the zips in a folder, sorted.
fn zip_names(dir: &Path) -> Vec<String> {
    names_of(&zips_in(dir))
}

/// The file names of `zips`, in their order.
fn names_of(zips: &[PathBuf]) -> Vec<String> {
    zips.iter()
        .map(|z| z.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The zips in a folder, sorted (a build also writes its summary.json and summary.md there).
fn zips_in(dir: &Path) -> Vec<PathBuf> {
    let mut zips: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "zip"))
                .collect()
        })
        .unwrap_or_default();
    zips.sort();
    zips
}

/// Builds the embedded demo event into `dir/dist` (the default output) and returns the zips.
fn build_demo(dir: &Path) -> Vec<PathBuf> {
    assert_ok(&workshop(&["build", "--quiet"], dir));
    zips_in(&dir.join("dist"))
}

#[test]
fn demo_build_writes_three_complete_kits() {
    let dir = tempfile::tempdir().unwrap();
    let output = workshop(&["build"], dir.path());
    assert_ok(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let zips = zips_in(&dir.path().join("dist"));
    let names: Vec<String> = zips
        .iter()
        .map(|z| z.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["parents", "staff", "teens"].map(|a| format!("{DEMO_SLUG}-{a}-en.zip")),
        "one zip per audience"
    );
    for name in &names {
        assert!(
            stdout.contains(name.as_str()),
            "the summary names {name}:\n{stdout}"
        );
    }
    assert!(
        stdout.contains("slides.pdf") && stdout.contains(" p."),
        "the summary gives page counts:\n{stdout}"
    );

    for zip in &zips {
        let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
        let audience = kit
            .trim_end_matches("-en")
            .rsplit('-')
            .next()
            .unwrap()
            .to_string();
        let entries = unzip(zip);
        let names: Vec<String> = entries
            .keys()
            .map(|k| {
                k.strip_prefix(&format!("{kit}/"))
                    .expect("entries sit in the kit folder")
                    .to_string()
            })
            .collect();
        let slide_count = pdf_info(&entries[&format!("{kit}/slides.pdf")]).pages;
        let mut expected: Vec<String> = COMMON_FILES
            .iter()
            .map(|(name, _)| *name)
            .chain(audience_handouts(&audience).iter().map(|(name, _)| *name))
            .chain((audience == "staff").then_some("handouts/poster-en-large.pdf"))
            .chain([
                "manifest.json",
                "previews/overview.png",
                "slides.pdf",
                "slides.pdfpc",
                "slides.pptx",
                "present.html",
                "presenter-notes.pdf",
                "handouts/slides-3up.pdf",
            ])
            .map(str::to_string)
            .chain((1..=slide_count).map(|n| format!("previews/slide-{n:02}.png")))
            .collect();
        expected.sort();
        assert_eq!(names, expected, "{kit}");

        let slides = &entries[&format!("{kit}/slides.pdf")];
        let info = pdf_info(slides);
        assert!(info.pages >= 12, "{kit}: {} slides", info.pages);
        assert_eq!(
            page_size(&info),
            (841.89, 473.56),
            "{kit}: Typst's presentation-16-9 page"
        );
        assert!(info.tagged, "{kit}: slides are tagged");
        assert!(!info.title.is_empty(), "{kit}: the deck has a title");

        for (path, pages) in COMMON_FILES
            .iter()
            .chain(audience_handouts(&audience))
            .copied()
            .chain([
                ("presenter-notes.pdf", slide_count),
                ("handouts/slides-3up.pdf", slide_count.div_ceil(3)),
            ])
        {
            let info = pdf_info(&entries[&format!("{kit}/{path}")]);
            assert_eq!(info.pages, pages, "{kit}/{path}: page count");
            assert_eq!(page_size(&info), (612.0, 792.0), "{kit}/{path}: US letter");
            assert!(
                info.tagged && !info.title.is_empty(),
                "{kit}/{path}: tagged, with a title"
            );
        }

        // The manifest describes the files exactly.
        let manifest = manifest_of(&entries, &kit);
        assert_eq!(manifest["tool"]["name"], "workshop");
        assert_eq!(manifest["event"]["slug"], DEMO_SLUG);
        assert_eq!(
            manifest["event"]["organization"],
            "Example Middle School PTA"
        );
        assert_eq!(manifest["event"]["date"], "2026-12-03");
        assert_eq!(manifest["event"]["region"], "US");
        assert_eq!(manifest["event"]["language"], "en");
        let files = manifest["files"].as_array().unwrap();
        assert_eq!(
            files.len(),
            entries.len() - 1,
            "every file but the manifest itself"
        );
        for file in files {
            let path = file["path"].as_str().unwrap();
            let bytes = &entries[&format!("{kit}/{path}")];
            assert_eq!(
                file["bytes"].as_u64().unwrap() as usize,
                bytes.len(),
                "{path}"
            );
            let digest: String = Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(file["sha256"].as_str().unwrap(), digest, "{kit}/{path}");
            if path.ends_with(".pdf") {
                assert_eq!(
                    file["pages"].as_u64().unwrap() as usize,
                    pdf_info(bytes).pages,
                    "{path}"
                );
            } else {
                assert!(file["pages"].is_null(), "{path} has no pages");
            }
        }
        let facts = manifest["facts"].as_array().unwrap();
        assert!(facts.len() >= 5, "{kit}: facts listed in the manifest");
        assert!(
            facts
                .iter()
                .all(|f| f["id"].is_string() && f["source"].is_string())
        );
        assert!(facts.iter().any(
            |f| f["id"] == "cybertipline" && f["source"] == "https://report.cybertip.org/faqs"
        ));

        // What the audience reads: the event's own details and the region's helplines.
        let text = fold(&pdf_text(slides));
        for expected in [
            "Example Middle School PTA",
            "December 3, 2026",
            "School library",
            "Jordan Rivera",
            "Sam Lee",
            "Alex Morgan",
            "Room 112, weekdays 8-4",
            "1-800-THE-LOST (1-800-843-5678)",
            "report.cybertip.org",
            "takeitdown.ncmec.org",
            "Sources",
        ] {
            assert!(text.contains(expected), "{kit} slides lack `{expected}`");
        }
        let card_text = fold(&pdf_text(
            &entries[&format!("{kit}/handouts/resource-card.pdf")],
        ));
        for expected in [
            "Sam Lee",
            "555-0123",
            "Alex Morgan",
            "1-800-THE-LOST",
            "takeitdown.ncmec.org",
            "988",
        ] {
            assert!(
                card_text.contains(expected),
                "{kit} card lacks `{expected}`"
            );
        }
        let sheet_text = fold(&pdf_text(
            &entries[&format!("{kit}/handouts/resources.pdf")],
        ));
        for expected in [
            "Sam Lee",
            "Room 112, weekdays 8-4",
            "1-800-THE-LOST",
            "tips.fbi.gov",
            "988",
            "Sources",
        ] {
            assert!(
                sheet_text.contains(expected),
                "{kit} resource sheet lacks `{expected}`"
            );
        }
        for (path, bytes) in &entries {
            if !path.ends_with(".pdf") {
                continue;
            }
            let text = fold(&pdf_text(bytes));
            assert!(
                !text.contains("DHS2") && !text.contains("347-2423"),
                "{path}: the outdated seed tip line is printed"
            );
            assert!(
                !text.contains("rarely charged") && !text.contains("seldom prosecuted"),
                "{path}: an unverified claim is printed"
            );
            assert!(
                !text.contains("546,000"),
                "{path}: an unverified figure is printed"
            );
        }
    }
}

/// The files whose pages differ by audience (START-HERE, the handouts and the school's paperwork),
/// with the pages each must have.
fn audience_handouts(audience: &str) -> &'static [(&'static str, usize)] {
    match audience {
        "parents" => &[
            ("START-HERE.pdf", 3),
            ("handouts/conversation-starters.pdf", 1),
            ("handouts/knowledge-check.pdf", 1),
            ("handouts/question-cards.pdf", 1),
            ("handouts/tip-sheet.pdf", 2),
        ],
        "teens" => &[
            ("START-HERE.pdf", 3),
            ("handouts/if-it-happens.pdf", 1),
            ("handouts/knowledge-check.pdf", 1),
            ("handouts/parent-letter-en.pdf", 1),
            ("handouts/question-cards.pdf", 1),
        ],
        // The large poster is on tabloid paper, and is checked with the others in paperwork.rs.
        "staff" => &[
            ("START-HERE.pdf", 2),
            ("handouts/disclosure-script.pdf", 1),
            ("handouts/poster-en.pdf", 1),
            ("handouts/poster-en-bw.pdf", 1),
            ("handouts/response-protocol.pdf", 1),
            ("handouts/sign-in-sheet.pdf", 1),
        ],
        other => panic!("unknown audience {other}"),
    }
}

/// The printed files every kit has besides the deck and what is made from it, with pages.
const COMMON_FILES: &[(&str, usize)] = &[
    ("handouts/resource-card.pdf", 2),
    ("handouts/resources.pdf", 1),
    ("handouts/feedback-form.pdf", 1),
];

/// A built kit: its name, its entries and its manifest.
fn open_kit(zip: &Path) -> (String, BTreeMap<String, Vec<u8>>, serde_json::Value) {
    let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
    let entries = unzip(zip);
    let manifest = manifest_of(&entries, &kit);
    (kit, entries, manifest)
}

fn manifest_of(entries: &BTreeMap<String, Vec<u8>>, kit: &str) -> serde_json::Value {
    serde_json::from_slice(&entries[&format!("{kit}/manifest.json")]).unwrap()
}

#[test]
fn two_builds_are_byte_identical() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let a = build_demo(first.path());
    let b = build_demo(second.path());
    assert_eq!(a.len(), 3);
    for (a, b) in a.iter().zip(&b) {
        assert_eq!(
            std::fs::read(a).unwrap(),
            std::fs::read(b).unwrap(),
            "{} differs between builds",
            a.display()
        );
    }
}

#[test]
fn check_validates_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = workshop(&["check"], dir.path());
    assert_ok(&output);
    assert!(String::from_utf8_lossy(&output.stdout).contains("no files written"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "check wrote files"
    );
}

#[test]
fn list_and_init_teach_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let output = workshop(&["list"], dir.path());
    assert_ok(&output);
    let text = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "parents",
        "teens",
        "staff",
        "US",
        "UK",
        "handouts/resource-card.pdf",
        "en",
    ] {
        assert!(text.contains(expected), "list lacks {expected}:\n{text}");
    }
    assert_ok(&workshop(&["init"], dir.path()));
    let written = std::fs::read_to_string(dir.path().join("event.toml")).unwrap();
    assert!(written.contains("organization = ") && written.contains("[[contacts]]"));
    let again = workshop(&["init"], dir.path());
    assert!(!again.status.success() && stderr(&again).contains("already exists"));
    // The file init writes builds as it is.
    assert_ok(&workshop(&["check", "--event", "event.toml"], dir.path()));
}

/// Writes an event file in a fresh folder and returns the folder.
fn event_dir(event: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("event.toml"), event).unwrap();
    dir
}

/// A teens-only event in a fresh folder with `custom/<path>` written for `--templates custom`.
fn custom_template(path: &str, text: &str) -> tempfile::TempDir {
    let dir = event_dir("organization = \"A\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n");
    let file = dir.path().join("custom").join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
    dir
}

fn build_event(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--quiet", "--event", "event.toml", "--out", "out"];
    args.extend_from_slice(extra);
    workshop(&args, dir)
}

#[test]
fn region_picks_the_helplines_and_paper() {
    let dir = event_dir(
        "organization = \"Leeds Academy\"\ndate = 2026-12-03\nregion = \"UK\"\naudiences = [\"teens\"]\n",
    );
    assert_ok(&build_event(dir.path(), &[]));
    let zips = zips_in(&dir.path().join("out"));
    assert_eq!(zips.len(), 1);
    let entries = unzip(&zips[0]);
    let (_, card) = entries
        .iter()
        .find(|(k, _)| k.ends_with("resource-card.pdf"))
        .unwrap();
    assert_eq!(
        page_size(&pdf_info(card)),
        (595.28, 841.89),
        "UK prints on A4"
    );
    let (_, slides) = entries
        .iter()
        .find(|(k, _)| k.ends_with("slides.pdf"))
        .unwrap();
    let slides_text = fold(&pdf_text(slides));
    assert!(
        slides_text.contains("takeitdown.ncmec.org"),
        "channels for every region are printed"
    );
    for text in [slides_text, fold(&pdf_text(card))] {
        assert!(
            text.contains("ceop.police.uk") && text.contains("childline.org.uk"),
            "UK channels are printed, on the wallet card too"
        );
        assert!(
            !text.contains("1-800-THE-LOST") && !text.contains("988"),
            "US channels are not printed in a UK kit"
        );
    }
}

#[test]
fn absent_optional_parts_leave_no_placeholder() {
    let dir = event_dir(
        "organization = \"Quiet Valley High\"\ndate = 2027-01-15\naudiences = [\"staff\"]\n",
    );
    assert_ok(&build_event(dir.path(), &[]));
    let zips = zips_in(&dir.path().join("out"));
    let entries = unzip(&zips[0]);
    let (_, slides) = entries
        .iter()
        .find(|(k, _)| k.ends_with("slides.pdf"))
        .unwrap();
    let text = fold(&pdf_text(slides));
    assert!(text.contains("Quiet Valley High"));
    assert!(
        !text.contains("Local contacts"),
        "no contacts slide without contacts"
    );
    assert!(
        !text.contains("Presenter") && !text.contains("none"),
        "no placeholder text"
    );
    // The deck with contacts has exactly one more slide.
    let with_contacts = event_dir(
        "organization = \"Quiet Valley High\"\ndate = 2027-01-15\naudiences = [\"staff\"]\n[[contacts]]\nname = \"Pat\"\n",
    );
    assert_ok(&build_event(with_contacts.path(), &[]));
    let other = unzip(&zips_in(&with_contacts.path().join("out"))[0]);
    let (_, other_slides) = other
        .iter()
        .find(|(k, _)| k.ends_with("slides.pdf"))
        .unwrap();
    assert_eq!(pdf_info(other_slides).pages, pdf_info(slides).pages + 1);
}

/// Values a user might type that mean something in Typst markup, or in Jinja.
const HOSTILE: &[&str] = &[
    "#panic(\"boom\") *bold* _em_ $x^2$",
    "// not a comment /* nor this */",
    "= Not a heading",
    "- not a list",
    "+ not an enum",
    "1. not numbered",
    "<label> @ref [bracket] \\ back\\slash",
    "`raw` ~tilde~ -- dash... 'single' \"double\"",
    "{{ jinja }} {% raw %} {# comment #}",
    "#read(\"/etc/passwd\") ])#panic()[",
    "Zoë Ñúñez-Östergård & Søn",
    "\\u{41} literal",
];

#[test]
fn hostile_values_are_printed_literally() {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let h = HOSTILE;
    let event = format!(
        "organization = {}\ndate = 2026-12-03\naudiences = [\"parents\"]\nvenue = {}\ntitle = {}\n\
         [presenter]\nname = {}\nrole = {}\nemail = {}\nphone = {}\n\
         [[contacts]]\nname = {}\nrole = {}\nphone = \"555-0100\"\nwhere = {}\n\
         [[contacts]]\nname = {}\nemail = {}\n\
         [[contacts]]\nname = \"مريم 👋 emoji and Arabic\"\nwhere = {}\n",
        q(h[0]),
        q(h[1]),
        q(h[10]),
        q(h[2]),
        q(h[3]),
        q(h[11]),
        q(h[9]),
        q(h[4]),
        q(h[5]),
        q(h[6]),
        q(h[7]),
        q(h[8]),
        q(h[9]),
    );
    let dir = event_dir(&event);
    assert_ok(&build_event(dir.path(), &[]));
    let zips = zips_in(&dir.path().join("out"));
    assert_eq!(zips.len(), 1);
    let entries = unzip(&zips[0]);
    let text_of = |suffix: &str| {
        let (_, bytes) = entries.iter().find(|(k, _)| k.ends_with(suffix)).unwrap();
        fold(&pdf_text(bytes))
    };
    let slides = text_of("/slides.pdf");
    for value in HOSTILE {
        assert!(
            slides.contains(&fold(value)),
            "slides do not show `{value}` literally"
        );
    }
    assert!(slides.contains("emoji and Arabic"));
    // The wallet card's back: the first three contacts with a phone or email.
    let card = text_of("resource-card.pdf");
    for value in [h[4], "555-0100", h[7], h[8]] {
        assert!(
            card.contains(&fold(value)),
            "card does not show `{value}` literally"
        );
    }
    // The resource sheet: every contact with every detail.
    let sheet = text_of("handouts/resources.pdf");
    for value in [h[4], h[5], h[6], h[7], h[8], h[9]] {
        assert!(
            sheet.contains(&fold(value)),
            "sheet does not show `{value}` literally"
        );
    }
    // Every PDF names the organization literally (in its header or title slide).
    for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
        assert!(
            fold(&pdf_text(bytes)).contains(&fold(h[0])),
            "{path} does not show the organization literally"
        );
    }
}

/// A bad input: exits non-zero, names the file and line, and leaves the earlier zip alone.
fn assert_refused(event: &str, expected: &[&str]) {
    let dir = event_dir(event);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let earlier = out.join("earlier.zip");
    std::fs::write(&earlier, b"an earlier build").unwrap();
    let output = build_event(dir.path(), &[]);
    let message = stderr(&output);
    assert!(!output.status.success(), "accepted:\n{event}");
    for part in expected {
        assert!(message.contains(part), "message lacks `{part}`:\n{message}");
    }
    assert_eq!(
        zips_in(&out),
        vec![earlier.clone()],
        "files were written on error:\n{message}"
    );
    assert_eq!(std::fs::read(&earlier).unwrap(), b"an earlier build");
}

#[test]
fn bad_event_files_are_refused_with_their_line() {
    let ok = "organization = \"A\"\ndate = 2026-12-03\n";
    assert_refused(
        "organization = \"A\ndate = 2026-12-03\n",
        &["event.toml:1:"],
    );
    assert_refused(
        "organization = \"A\"\ndate = 2026-13-03\n",
        &["event.toml:2:", "invalid date"],
    );
    assert_refused(
        "organization = \"A\"\ndate = 2026-02-30\n",
        &["event.toml:2:", "invalid date"],
    );
    assert_refused(
        "organization = \"A\"\ndate = \"2026-12-03\"\n",
        &["event.toml:2:", "calendar date"],
    );
    assert_refused(
        &format!("{ok}venu = \"Gym\"\n"),
        &[
            "event.toml:3:",
            "unknown key `venu`",
            "did you mean `venue`?",
        ],
    );
    assert_refused(
        &format!("{ok}[presenter]\nname = \"P\"\nrol = \"x\"\n"),
        &["event.toml:5:", "did you mean `role`?"],
    );
    assert_refused(
        &format!("{ok}audiences = [\"parents\", \"kids\"]\n"),
        &[
            "event.toml:3:",
            "unknown audience `kids`",
            "`parents`, `teens` and `staff`",
        ],
    );
    assert_refused(
        &format!("{ok}region = \"NZ\"\n"),
        &[
            "event.toml:3:",
            "unknown region `NZ`",
            "`US`, `CA`, `UK` and `AU`",
        ],
    );
    assert_refused(
        &format!("{ok}venue = \"a\\u0000b\"\n"),
        &["event.toml:3:", "control character"],
    );
    assert_refused(
        &format!("{ok}venue = \"{}\"\n", "x".repeat(301)),
        &["event.toml:3:", "301 characters"],
    );
    assert_refused(
        "date = 2026-12-03\n",
        &["event.toml", "missing key `organization`"],
    );
    assert_refused(
        &format!("{ok}[branding]\naccent = \"blue\"\n"),
        &["event.toml:4:", "hex colour"],
    );
    assert_refused(
        &format!("{ok}[[contacts]]\nname = \"C\"\nphon = \"1\"\n"),
        &["event.toml:5:", "did you mean `phone`?"],
    );
    assert_refused(
        &format!("{ok}[branding]\naccent-color = \"#000000\"\n"),
        &["event.toml:4:", "unknown key `accent-color`"],
    );
    assert_refused(
        &format!("{ok}audiences = []\n"),
        &["event.toml:3:", "`audiences` is empty"],
    );
    assert_refused(
        &format!("{ok}venue = [\"Gym\"]\n"),
        &["event.toml:3:", "invalid type"],
    );
    assert_refused(
        &format!("{ok}venue = \"a\"\nvenue = \"b\"\n"),
        &["event.toml:4:", "duplicate key"],
    );
    assert_refused(
        &format!("{ok}venue = \"a\\u202Eb\"\n"),
        &["event.toml:3:", "U+202E"],
    );
    assert_refused(
        &format!(
            "{ok}[staff]\nreporting-steps = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\"]\n"
        ),
        &["event.toml:4:", "at most 6"],
    );
}

#[test]
fn source_date_epoch_sets_the_one_timestamp() {
    let build = |epoch: &str| {
        let dir = tempfile::tempdir().unwrap();
        let output = Command::new(BIN)
            .args(["build", "--quiet", "--audience", "teens"])
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        let zips = zips_in(&dir.path().join("dist"));
        (output, zips.first().map(|z| std::fs::read(z).unwrap()), dir)
    };
    let (first, a, _d1) = build("1700000000");
    let (_, b, _d2) = build("1700000000");
    assert_ok(&first);
    assert_eq!(a, b, "the same SOURCE_DATE_EPOCH gives the same bytes");
    let a = a.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let entry = archive.by_index(0).unwrap();
    let modified = entry.last_modified().unwrap();
    assert_eq!(
        (modified.year(), modified.month(), modified.day()),
        (2023, 11, 14),
        "zip entries carry SOURCE_DATE_EPOCH"
    );
    drop(entry);
    let (_, other, _d3) = build("1800000000");
    assert_ne!(Some(a), other, "another timestamp gives other bytes");
    for bad in ["yesterday", "-5", "99999999999999"] {
        let (output, zip, _dir) = build(bad);
        assert!(
            !output.status.success() && stderr(&output).contains("SOURCE_DATE_EPOCH"),
            "{bad}: {}",
            stderr(&output)
        );
        assert!(zip.is_none(), "{bad}: a zip was written");
    }
}

#[test]
fn output_problems_are_clear_and_write_nothing() {
    let dir = event_dir("organization = \"Out School\"\ndate = 2026-12-03\n");
    std::fs::write(dir.path().join("out"), b"a file").unwrap();
    let output = build_event(dir.path(), &[]);
    assert!(
        !output.status.success() && stderr(&output).contains("is a file, not a folder"),
        "{}",
        stderr(&output)
    );

    // A folder where one zip should go: no zip changes, earlier zips stay as they were.
    std::fs::remove_file(dir.path().join("out")).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("out-school-2026-12-03-staff-en.zip")).unwrap();
    std::fs::write(out.join("out-school-2026-12-03-parents-en.zip"), b"earlier").unwrap();
    let output = build_event(dir.path(), &[]);
    assert!(
        !output.status.success() && stderr(&output).contains("in the way"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(out.join("out-school-2026-12-03-parents-en.zip")).unwrap(),
        b"earlier"
    );
    assert!(!out.join("out-school-2026-12-03-teens-en.zip").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".workshop-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // A stale temporary file from an interrupted run is removed by the next build.
    std::fs::remove_dir(out.join("out-school-2026-12-03-staff-en.zip")).unwrap();
    std::fs::write(out.join(".workshop-tmp-999999999-abc.zip"), b"partial").unwrap();
    assert_ok(&build_event(dir.path(), &[]));
    assert!(!out.join(".workshop-tmp-999999999-abc.zip").exists());
    assert_eq!(zips_in(&out).len(), 3);
}

#[test]
fn bad_logos_are_refused_with_their_line() {
    let event = "organization = \"A\"\ndate = 2026-12-03\n[branding]\nlogo = \"logo.png\"\nlogo-alt = \"Crest\"\n";
    assert_refused(event, &["event.toml:4:", "cannot read the logo"]);
    let dir = event_dir(event);
    std::fs::write(dir.path().join("logo.png"), b"this is not a png").unwrap();
    let output = build_event(dir.path(), &[]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("event.toml:4:") && message.contains("not a valid PNG image"),
        "{message}"
    );
    assert!(zips_in(&dir.path().join("out")).is_empty());
    assert_refused(
        "organization = \"A\"\ndate = 2026-12-03\n[branding]\nlogo = \"logo.png\"\n",
        &["event.toml:4:", "logo-alt"],
    );
    // A real JPEG that claims to be a PNG, a folder, and an SVG that links another file.
    let mut jpeg = Vec::new();
    image::RgbImage::new(4, 4)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    for (name, setup) in [("logo.png", 0), ("folder.png", 1), ("linked.svg", 2)] {
        let dir = event_dir(&format!(
            "organization = \"A\"\ndate = 2026-12-03\n[branding]\nlogo = \"{name}\"\nlogo-alt = \"Crest\"\n"
        ));
        match setup {
            0 => std::fs::write(dir.path().join(name), &jpeg).unwrap(),
            1 => std::fs::create_dir(dir.path().join(name)).unwrap(),
            _ => std::fs::write(dir.path().join(name), "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"4\" height=\"4\"><image xlink:href=\"photo.png\" width=\"4\" height=\"4\"/></svg>").unwrap(),
        }
        let output = build_event(dir.path(), &[]);
        let message = stderr(&output);
        assert!(
            !output.status.success() && message.contains("event.toml:4:"),
            "{name}: {message}"
        );
        assert!(zips_in(&dir.path().join("out")).is_empty(), "{name}");
    }
}

#[test]
fn a_real_logo_is_placed_with_its_alt_text() {
    let dir = event_dir(
        "organization = \"Logo School\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n[branding]\nlogo = \"crest.svg\"\nlogo-alt = \"Logo School crest\"\naccent = \"#1f4e79\"\n",
    );
    std::fs::write(
        dir.path().join("crest.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#1f4e79\"/></svg>",
    )
    .unwrap();
    assert_ok(&build_event(dir.path(), &[]));
    let entries = unzip(&zips_in(&dir.path().join("out"))[0]);
    // The logo is a tagged figure with its alt text: on the slides (title and last slide) and
    // on every handout (page 1; the header's copies on later pages are decoration).
    for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
        let document = lopdf::Document::load_mem(bytes).unwrap();
        let figures = document
            .objects
            .values()
            .filter_map(|object| object.as_dict().ok())
            .filter(|dict| {
                dict.get(b"Alt").ok().and_then(|alt| alt.as_str().ok())
                    == Some(b"Logo School crest".as_slice())
            })
            .count();
        let expected = if path.ends_with("/slides.pdf") { 2 } else { 1 };
        assert!(
            figures >= expected,
            "{path}: {figures} tagged logos with alt text"
        );
    }
}

#[test]
fn template_and_typst_errors_name_the_template_line() {
    let event = "organization = \"A\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n";
    // A template error: minijinja names the template and line.
    let dir = event_dir(event);
    let templates = dir.path().join("custom/decks");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("slides.typ.j2"),
        "#import \"/decks/theme.typ\": *\n\n{{ deck.no_such_field }}\n",
    )
    .unwrap();
    let output = build_event(dir.path(), &["--templates", "custom"]);
    let message = stderr(&output);
    assert!(!output.status.success());
    assert!(
        message.contains("slides.typ.j2:3:") && message.contains("undefined"),
        "{message}"
    );
    assert!(zips_in(&dir.path().join("out")).is_empty());

    // A Typst error in generated source: names the template block and shows the generated line.
    std::fs::write(
        templates.join("slides.typ.j2"),
        "#import \"/decks/theme.typ\": *\n// @block\n#no-such-function[{{ event.organization }}]\n",
    )
    .unwrap();
    let output = build_event(dir.path(), &["--templates", "custom"]);
    let message = stderr(&output);
    assert!(!output.status.success());
    assert!(
        message.contains("generated source of slides.pdf):3:2"),
        "{message}"
    );
    assert!(
        message.contains("#no-such-function[A]"),
        "shows the generated line: {message}"
    );
    assert!(
        message.contains("slides.typ.j2:2"),
        "names the template block: {message}"
    );
    assert!(zips_in(&dir.path().join("out")).is_empty());
}

#[test]
fn content_overrides_are_checked_against_the_fact_base() {
    let dir = event_dir("organization = \"A\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n");
    let content = dir.path().join("custom/content");
    std::fs::create_dir_all(&content).unwrap();
    let teens = include_str!("../content/teens.toml").replacen(
        "kind = \"bullets\"",
        "kind = \"bullets\"\nfacts = [\"unverified-546k-2024\"]",
        1,
    );
    std::fs::write(content.join("teens.toml"), teens).unwrap();
    let output = build_event(dir.path(), &["--templates", "custom"]);
    let message = stderr(&output);
    assert!(!output.status.success());
    assert!(
        message.contains("teens.toml:") && message.contains("unverified-546k-2024"),
        "{message}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(8))]

    /// A bounded number of whole builds with arbitrary text in the event's fields: each builds
    /// and shows the text literally in the PDF.
    #[test]
    fn arbitrary_event_text_builds_and_prints_literally(
        // Latin-1 without the soft hyphen (invisible) and the spacing accents ¨ ¯ ´ ¸, which
        // pdftotext turns into combining marks on the previous letter.
        organization in "[!-~][ -~¡-§©-¬®°-³µ-·¹-ÿ]{0,38}[!-~]",
        contact in "[!-~][ -~¡-§©-¬®°-³µ-·¹-ÿ]{0,30}[!-~]",
    ) {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let dir = event_dir(&format!(
            "organization = {}\ndate = 2026-12-03\naudiences = [\"teens\"]\n[[contacts]]\nname = {}\n",
            q(&organization),
            q(&contact)
        ));
        let output = build_event(dir.path(), &[]);
        proptest::prop_assert!(output.status.success(), "{}", stderr(&output));
        let entries = unzip(&zips_in(&dir.path().join("out"))[0]);
        let (_, slides) = entries.iter().find(|(k, _)| k.ends_with("slides.pdf")).unwrap();
        let text = fold(&pdf_text(slides));
        proptest::prop_assert!(text.contains(&fold(&organization)), "organization `{}` not literal", organization);
        proptest::prop_assert!(text.contains(&fold(&contact)), "contact `{}` not literal", contact);
    }
}

#[test]
fn audience_option_and_title_override() {
    let dir = event_dir(
        "organization = \"Hill School\"\ndate = 2026-12-03\ntitle = \"Staying Safe Online: A Talk for Hill School\"\n",
    );
    assert_ok(&build_event(
        dir.path(),
        &["--audience", "staff", "--audience", "teens"],
    ));
    let zips = zips_in(&dir.path().join("out"));
    let names: Vec<String> = zips
        .iter()
        .map(|z| z.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "hill-school-2026-12-03-staff-en.zip",
            "hill-school-2026-12-03-teens-en.zip"
        ]
    );
    for zip in &zips {
        let entries = unzip(zip);
        let (_, slides) = entries
            .iter()
            .find(|(k, _)| k.ends_with("slides.pdf"))
            .unwrap();
        assert_eq!(
            pdf_info(slides).title,
            "Staying Safe Online: A Talk for Hill School"
        );
        assert!(fold(&pdf_text(slides)).contains("Staying Safe Online: A Talk for Hill School"));
    }
}

/// The fact base as the tests read it.
fn fact_base() -> toml::Value {
    toml::Value::Table(toml::from_str(include_str!("../content/facts.toml")).unwrap())
}

/// Builds the demo kits once per test that needs them.
fn demo_kits() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let zips = build_demo(dir.path());
    (dir, zips)
}

#[test]
fn decks_have_their_length_notes_and_timing() {
    let (_dir, zips) = demo_kits();
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let audience = manifest["audience"].as_str().unwrap();
        let (range, minutes) = match audience {
            "parents" => (18..=30, 45),
            "teens" => (14..=24, 30),
            "staff" => (18..=30, 45),
            other => panic!("unknown audience {other}"),
        };
        let pages = pdf_info(&entries[&format!("{kit}/slides.pdf")]).pages;
        assert!(
            range.contains(&pages),
            "{kit}: {pages} slides, expected {range:?}"
        );
        let slides = manifest["slides"].as_array().unwrap();
        assert_eq!(slides.len(), pages, "{kit}: one manifest entry per slide");
        let mut total = 0;
        for slide in slides {
            let title = slide["title"].as_str().unwrap();
            let words = slide["notes"].as_str().unwrap().split_whitespace().count();
            assert!(
                (40..=150).contains(&words),
                "{kit}: slide `{title}` has {words} words of notes"
            );
            total += slide["minutes"].as_u64().expect("every slide has minutes");
        }
        assert_eq!(
            total, minutes,
            "{kit}: the slides' minutes add up to the session"
        );
        assert_eq!(manifest["minutes"], minutes);
    }
}

#[test]
fn every_number_and_address_comes_from_the_fact_base_or_the_event() {
    let (_dir, zips) = demo_kits();
    assert_numbers_and_addresses_are_sourced(&zips, "US");
}

/// The demo event's own phone numbers and addresses.
const DEMO_VALUES: [&str; 6] = [
    "555-0100",
    "555-0123",
    "555-0145",
    "555-0199",
    "presenter@example.org",
    "counselor@example.org",
];

/// Every phone number and web address in the kits' PDFs is the demo event's or the fact base's
/// for `region`.
fn assert_numbers_and_addresses_are_sourced(zips: &[PathBuf], region: &str) {
    let base = fact_base();
    let mut allowed: Vec<String> = DEMO_VALUES.map(str::to_string).to_vec();
    for table in ["resource", "fact"] {
        for entry in base[table].as_array().unwrap() {
            let serves_region = entry
                .get("region")
                .and_then(|r| r.as_str())
                .is_none_or(|r| r == region || r == "ALL");
            if table == "resource" && !serves_region {
                continue;
            }
            for key in ["phone", "sms", "url", "name"] {
                if let Some(value) = entry.get(key).and_then(|v| v.as_str()) {
                    allowed.push(value.to_string());
                }
            }
            for key in ["url", "publisher", "title"] {
                allowed.push(entry["source"][key].as_str().unwrap().to_string());
            }
        }
    }
    let phone = regex::Regex::new(r"\b\d{3}-[0-9A-Z-]{3,}").unwrap();
    let address = regex::Regex::new(r"(?i)\b[\w.-]+\.(org|gov|com|net|ca|uk|au)\b\S*").unwrap();
    for zip in zips {
        for (path, bytes) in unzip(zip).iter().filter(|(p, _)| p.ends_with(".pdf")) {
            let text = pdf_text(bytes);
            let found = phone.find_iter(&text).chain(address.find_iter(&text));
            for m in found {
                let token = m.as_str().trim_end_matches(['-', '.', ')', ';', ',', ':']);
                assert!(
                    allowed.iter().any(|a| squeeze(a).contains(&squeeze(token))),
                    "{path}: `{token}` is neither in the fact base for {region} nor in the event file"
                );
            }
        }
    }
}

#[test]
fn every_fact_on_the_slides_is_in_the_sources_and_the_manifest() {
    let base = fact_base();
    let source_of = |id: &str| {
        ["fact", "resource"]
            .iter()
            .flat_map(|t| base[*t].as_array().unwrap())
            .find(|e| e["id"].as_str() == Some(id))
            .map(|e| e["source"].clone())
            .unwrap_or_else(|| panic!("unknown fact {id}"))
    };
    let (_dir, zips) = demo_kits();
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let audience = manifest["audience"].as_str().unwrap();
        let path = format!("{}/content/{audience}.toml", env!("CARGO_MANIFEST_DIR"));
        let content =
            toml::Value::Table(toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap());
        let slides_text = squeeze(&pdf_text(&entries[&format!("{kit}/slides.pdf")]));
        let sources_text = &slides_text[slides_text
            .find(&squeeze("Every figure, quotation and helpline"))
            .expect("a sources slide")..];
        let listed: Vec<&str> = manifest["facts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .collect();
        for slide in content["slides"].as_array().unwrap() {
            let ids = slide
                .get("facts")
                .and_then(|f| f.as_array())
                .into_iter()
                .flatten()
                .chain(slide.get("fact"));
            for id in ids.map(|v| v.as_str().unwrap()) {
                let source = source_of(id);
                let title = source["title"].as_str().unwrap();
                assert!(
                    sources_text.contains(&squeeze(title)),
                    "{kit}: the source of `{id}` ({title}) is not on the Sources slides"
                );
                assert!(
                    listed.contains(&id),
                    "{kit}: `{id}` is not in manifest.json"
                );
            }
        }
    }
}

#[test]
fn check_refuses_facts_that_may_not_be_printed() {
    let dir = event_dir("organization = \"A\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n");
    let content = dir.path().join("custom/content");
    std::fs::create_dir_all(&content).unwrap();
    let teens = include_str!("../content/teens.toml");
    for (bad, expected) in [
        ("no-such-fact", "not an id in content/facts.toml"),
        ("unverified-546k-2024", "verified = false"),
        ("fbi-2024", "not for teens"),
    ] {
        let changed = teens.replacen("fact = \"", &format!("fact = \"{bad}\"\n#"), 1);
        assert_ne!(
            changed, teens,
            "the fixture needs a slide with `fact = ...`"
        );
        std::fs::write(content.join("teens.toml"), changed).unwrap();
        let output = workshop(
            &["check", "--event", "event.toml", "--templates", "custom"],
            dir.path(),
        );
        let message = stderr(&output);
        assert!(!output.status.success(), "{bad} was accepted");
        assert!(
            message.contains("custom/content/teens.toml:")
                && message.contains(bad)
                && message.contains(expected),
            "{message}"
        );
    }
}

#[test]
fn other_regions_get_their_own_channels_and_none_of_the_us_ones() {
    let us_only = [
        "1-800-THE-LOST",
        "report.cybertip.org",
        "988lifeline.org",
        "tips.fbi.gov",
        "crisistextline.org",
        "1-877-4-HSI-TIP",
    ];
    for (region, expected) in [
        ("CA", &["cybertip.ca", "1-866-658-9022"][..]),
        ("UK", &["ceop.police.uk", "childline.org.uk"][..]),
        ("AU", &["accce.gov.au"][..]),
    ] {
        let dir = event_dir(&format!(
            "organization = \"Regional School\"\ndate = 2026-12-03\nregion = \"{region}\"\n[[contacts]]\nname = \"Kim\"\n"
        ));
        assert_ok(&build_event(dir.path(), &[]));
        let zips = zips_in(&dir.path().join("out"));
        assert_eq!(zips.len(), 3, "{region}");
        for zip in &zips {
            let entries = unzip(zip);
            let mut kit_text = String::new();
            for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
                let text = fold(&pdf_text(bytes));
                for us in us_only {
                    assert!(
                        !text.contains(us),
                        "{region} {path} prints the US channel `{us}`"
                    );
                }
                kit_text.push_str(&text);
            }
            for channel in expected {
                assert!(
                    kit_text.contains(channel),
                    "{region} {}: `{channel}` missing",
                    zip.display()
                );
            }
        }
    }
}

#[test]
fn presenter_notes_pdfpc_and_previews_follow_the_deck() {
    let (_dir, zips) = demo_kits();
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let slides = manifest["slides"].as_array().unwrap();
        let notes_pdf = &entries[&format!("{kit}/presenter-notes.pdf")];
        assert_eq!(
            pdf_info(notes_pdf).pages,
            pdf_info(&entries[&format!("{kit}/slides.pdf")]).pages,
            "{kit}: one notes page per slide"
        );
        for slide in slides {
            let n = slide["number"].as_u64().unwrap().to_string();
            // Quotes are set typographically, so compare without them.
            let plain = |t: &str| squeeze(t).replace(['\'', '"', '’', '‘', '“', '”'], "");
            let page = plain(&poppler(
                "pdftotext",
                notes_pdf,
                &["-enc", "UTF-8", "-f", &n, "-l", &n],
            ));
            let notes = slide["notes"].as_str().unwrap();
            assert!(
                page.contains(&plain(notes)),
                "{kit}: notes page {n} lacks the slide's notes"
            );
            assert!(
                page.contains(&plain(slide["title"].as_str().unwrap())),
                "{kit}: notes page {n} lacks the slide's title"
            );
            // The slide's minutes and where it sits on the running clock.
            let minutes = slide["minutes"].as_u64().unwrap();
            assert!(
                page.contains(&plain(&format!("{minutes} min"))),
                "{kit}: notes page {n} lacks its minutes"
            );
            assert!(
                page.contains("→"),
                "{kit}: notes page {n} lacks the running clock"
            );
        }
        // The clock runs from 0:00 to the end of the session.
        let first = squeeze(&poppler(
            "pdftotext",
            notes_pdf,
            &["-enc", "UTF-8", "-f", "1", "-l", "1"],
        ));
        assert!(
            first.contains("0:00→"),
            "{kit}: the first slide starts at 0:00"
        );
        let last = slides.len().to_string();
        let end = squeeze(&poppler(
            "pdftotext",
            notes_pdf,
            &["-enc", "UTF-8", "-f", &last, "-l", &last],
        ));
        let total = manifest["minutes"].as_u64().unwrap();
        assert!(
            end.contains(&format!("→0:{total:02}")),
            "{kit}: the last slide ends at 0:{total:02}"
        );
        let info = pdf_info(notes_pdf);
        assert_eq!(
            page_size(&info),
            (612.0, 792.0),
            "{kit}: presenter notes on the event's paper"
        );

        let pdfpc: serde_json::Value =
            serde_json::from_slice(&entries[&format!("{kit}/slides.pdfpc")])
                .expect("slides.pdfpc is JSON");
        assert_eq!(pdfpc["pdfpcFormat"], 2);
        let pages = pdfpc["pages"].as_array().unwrap();
        assert_eq!(
            pages.len(),
            slides.len(),
            "{kit}: one pdfpc entry per slide"
        );
        for (i, (page, slide)) in pages.iter().zip(slides).enumerate() {
            assert_eq!(page["idx"], i);
            // The note is markdown that reads back as the slide's notes (kit_outputs checks
            // every character of it).
            assert!(
                markdown_text(page["note"].as_str().unwrap())
                    .contains(slide["notes"].as_str().unwrap()),
                "{kit}: pdfpc page {i} lacks its notes"
            );
        }
        let total: u64 = slides.iter().map(|s| s["minutes"].as_u64().unwrap()).sum();
        assert_eq!(
            pdfpc["duration"].as_u64().unwrap(),
            total,
            "{kit}: pdfpc duration is the sum of the slides' minutes"
        );
        assert!(pdfpc["lastMinutes"].as_u64().unwrap() > 0);

        for n in 1..=slides.len() {
            let png = &entries[&format!("{kit}/previews/slide-{n:02}.png")];
            let picture = image::load_from_memory(png).expect("a preview is a PNG");
            assert_eq!(
                (picture.width(), picture.height()),
                (631, 355),
                "{kit}: preview {n} size"
            );
        }
        assert!(slides.iter().all(|s| s["has_notes"] == true));
    }
}

/// One page of a PDF as a picture (`pdftoppm -r DPI -png [-gray] -f N -l N -singlefile`).
fn page_picture(pdf: &[u8], page: usize, dpi: u32, gray: bool) -> image::DynamicImage {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let (n, dpi) = (page.to_string(), dpi.to_string());
    let mut args = vec!["-r", &dpi, "-png"];
    if gray {
        args.push("-gray");
    }
    args.extend(["-f", &n, "-l", &n, "-singlefile"]);
    let status = Command::new(tool_path("pdftoppm"))
        .args(args)
        .arg(&path)
        .arg(dir.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed on page {page}");
    image::open(dir.path().join("page.png")).unwrap()
}

/// A picture as a 64x36 grey thumbnail, for telling slides apart coarsely (a PDF page, its
/// PowerPoint conversion, a browser screenshot).
fn grey_thumbnail(picture: &image::DynamicImage) -> Vec<u8> {
    picture
        .resize_exact(64, 36, image::imageops::FilterType::Triangle)
        .to_luma8()
        .into_raw()
}

/// The mean absolute difference of two thumbnails, 0 (same) to 255.
fn thumbnail_difference(a: &[u8], b: &[u8]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| f64::from(x.abs_diff(*y)))
        .sum::<f64>()
        / a.len() as f64
}

/// A bullet or a list number (`3.`): drawn by a list, not a word of the slide.
fn is_list_marker(word: &str) -> bool {
    word == "•"
        || word
            .strip_suffix('.')
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

/// A word of a page as another rendering of it is searched for: without the punctuation
/// around it, squeezed.
fn page_word(word: &str) -> String {
    squeeze(word.trim_matches(|c: char| ",.;:()".contains(c)))
}

/// Decodes every QR code on one page of a PDF. rqrr misses a code now and then at a given
/// resolution, so the page is read at several and the codes found are merged.
fn qr_codes(pdf: &[u8], page: usize) -> Vec<String> {
    qr_codes_at(pdf, page, &[150, 200, 300])
}

/// The QR codes found on a page read at each of `dpis`, merged.
fn qr_codes_at(pdf: &[u8], page: usize, dpis: &[u32]) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    for &dpi in dpis {
        let picture = page_picture(pdf, page, dpi, true).to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(picture);
        for grid in prepared.detect_grids() {
            if let Ok((_, content)) = grid.decode() {
                found.insert(content);
            }
        }
    }
    found.into_iter().collect()
}

#[test]
fn qr_codes_hold_the_address_printed_beside_them() {
    // A UK kit in Spanish: its sheet's codes are the UK channels and Take It Down.
    let dir = event_dir(
        "organization = \"Leeds Academy\"\ndate = 2026-12-03\nregion = \"UK\"\naudiences = [\"teens\"]\nlanguages = [\"es\"]\n",
    );
    assert_ok(&build_event(dir.path(), &[]));
    let zip = &zips_in(&dir.path().join("out"))[0];
    let (kit, entries, _) = open_kit(zip);
    let codes = qr_codes(&entries[&format!("{kit}/handouts/resources.pdf")], 1);
    assert_eq!(
        codes,
        [
            "https://ceop.police.uk",
            "https://childline.org.uk",
            "https://takeitdown.ncmec.org"
        ]
    );

    let (_dir, zips) = demo_kits();
    let parents = zips
        .iter()
        .find(|z| z.to_string_lossy().contains("parents"))
        .unwrap();
    let kit = parents.file_stem().unwrap().to_string_lossy().into_owned();
    let entries = unzip(parents);
    for (path, page) in [("handouts/resources.pdf", 1), ("handouts/tip-sheet.pdf", 2)] {
        let pdf = &entries[&format!("{kit}/{path}")];
        let text = pdf_text(pdf);
        let codes = qr_codes(pdf, page);
        assert!(codes.len() >= 5, "{path}: {} QR codes found", codes.len());
        let printed: Vec<&str> = text
            .split_whitespace()
            .filter(|w| w.contains('.') && !w.contains('/'))
            .collect();
        for code in &codes {
            let address = code
                .strip_prefix("https://")
                .unwrap_or_else(|| panic!("{path}: `{code}` is not an https address"));
            assert!(
                printed.contains(&address),
                "{path}: the QR code `{code}` has no `{address}` printed beside it"
            );
        }
        // Every channel printed with a web address has its code.
        let base = fact_base();
        for resource in base["resource"].as_array().unwrap() {
            let (Some(url), region) = (
                resource.get("url").and_then(|u| u.as_str()),
                resource["region"].as_str().unwrap(),
            ) else {
                continue;
            };
            let for_parents = resource["audiences"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a.as_str() == Some("parents"));
            if for_parents && (region == "US" || region == "ALL") {
                assert!(
                    codes.contains(&format!("https://{url}")),
                    "{path}: no QR code for {url}"
                );
            }
        }
    }
}

#[test]
fn low_contrast_accents_are_refused_with_the_nearest_passing_colour() {
    let dir =
        event_dir("organization = \"A\"\ndate = 2026-12-03\n[branding]\naccent = \"#ffff00\"\n");
    let output = build_event(dir.path(), &[]);
    let message = stderr(&output);
    assert!(!output.status.success(), "a yellow accent was accepted");
    assert!(
        message.contains("event.toml:4:")
            && message.contains("1.07:1")
            && message.contains("hint: the nearest colour that passes is `#"),
        "{message}"
    );
    let hint = message
        .split("passes is `")
        .nth(1)
        .unwrap()
        .split('`')
        .next()
        .unwrap()
        .to_string();
    let fixed = event_dir(&format!(
        "organization = \"A\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n[branding]\naccent = \"{hint}\"\n"
    ));
    assert_ok(&build_event(fixed.path(), &[]));
}

#[test]
fn preview_writes_pictures_of_the_chosen_slides() {
    let dir = tempfile::tempdir().unwrap();
    let output = workshop(
        &[
            "preview",
            "--audience",
            "teens",
            "--slide",
            "3",
            "--out",
            "shots",
        ],
        dir.path(),
    );
    assert_ok(&output);
    let files: Vec<String> = std::fs::read_dir(dir.path().join("shots"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["teens-en-slide-03.png"]);
    let picture = image::open(dir.path().join("shots/teens-en-slide-03.png")).unwrap();
    assert_eq!((picture.width(), picture.height()), (1684, 947));
    let output = workshop(
        &["preview", "--audience", "teens", "--slide", "99"],
        dir.path(),
    );
    assert!(!output.status.success() && stderr(&output).contains("slides 1 to"));
}

/// The `pdfua` checker: `$PDFUA`, or the virtual environment `./test.sh` makes.
fn pdfua() -> PathBuf {
    if let Ok(path) = std::env::var("PDFUA") {
        return PathBuf::from(path);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdfua-venv/bin/pdfua");
    assert!(
        venv.exists(),
        "the accessibility test needs the `pdfua` checker: run ./test.sh, which installs it in target/pdfua-venv"
    );
    venv
}

#[test]
fn every_pdf_is_tagged_pdf_ua_with_its_metadata_and_passes_an_external_checker() {
    let (_dir, zips) = demo_kits();
    let checker = pdfua();
    for zip in &zips {
        let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
        let entries = unzip(zip);
        let audience = manifest_of(&entries, &kit)["audience"]
            .as_str()
            .unwrap()
            .to_string();
        for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
            let info = poppler("pdfinfo", bytes, &[]);
            assert!(
                info.contains("Tagged:          yes"),
                "{path} is not tagged"
            );
            assert!(
                info.contains("Author:          Example Middle School PTA"),
                "{path}: author"
            );
            assert!(
                info.contains("Subject:         Sextortion prevention workshop"),
                "{path}: subject"
            );
            assert!(!pdf_info(bytes).title.is_empty(), "{path}: title");

            let document = lopdf::Document::load_mem(bytes).unwrap();
            let catalog = document.catalog().unwrap();
            assert_eq!(
                catalog.get(b"Lang").unwrap().as_str().unwrap(),
                b"en",
                "{path}: /Lang"
            );
            assert!(
                catalog.get(b"StructTreeRoot").is_ok(),
                "{path}: /StructTreeRoot"
            );
            let mark_info = document
                .dereference(catalog.get(b"MarkInfo").unwrap())
                .unwrap()
                .1
                .as_dict()
                .unwrap()
                .clone();
            assert!(
                mark_info.get(b"Marked").unwrap().as_bool().unwrap(),
                "{path}: /MarkInfo /Marked"
            );
            let (_, metadata) = document
                .dereference(catalog.get(b"Metadata").unwrap())
                .unwrap();
            let xmp = String::from_utf8_lossy(&metadata.as_stream().unwrap().content).into_owned();
            assert!(
                xmp.contains("pdfuaid:part>1<") || xmp.contains("pdfuaid:part=\"1\""),
                "{path}: XMP declares PDF/UA-1"
            );

            if path.contains("/handouts/")
                || path.ends_with("START-HERE.pdf")
                || path.ends_with("presenter-notes.pdf")
            {
                let dir = tempfile::tempdir().unwrap();
                let file = dir.path().join("doc.pdf");
                std::fs::write(&file, bytes).unwrap();
                let output = Command::new(&checker)
                    .arg("check")
                    .arg(&file)
                    .output()
                    .unwrap();
                let code = output.status.code().unwrap_or(-1);
                assert!(
                    code == 0 || code == 2,
                    "pdfua finds errors in {path} ({audience}):\n{}",
                    String::from_utf8_lossy(&output.stdout)
                );
            }
        }
    }
}

#[test]
fn a_long_name_and_many_contacts_fit_or_fail_naming_what_does_not_fit() {
    let organization = "The Very Long Name of the Parent Teacher Student Association of Example Unified School District ".repeat(3)[..200].to_string();
    let contact = |i: usize| {
        format!(
            "[[contacts]]\nname = \"Contact Person Number {i}\"\nrole = \"School counselor for grades seven and eight\"\nphone = \"555-01{i:02}\"\nemail = \"contact{i}@example.org\"\nwhere = \"Room 1{i}, weekdays 8-4, main building\"\n"
        )
    };
    let event = |contacts: &[String]| {
        let mut text = format!(
            "organization = \"{organization}\"\ndate = 2026-12-03\nvenue = \"School library\"\n[presenter]\nname = \"Jordan Rivera\"\nrole = \"School Resource Officer, Example Police Department\"\n"
        );
        contacts.iter().for_each(|c| text.push_str(c));
        text
    };
    // The long name with three ordinary contacts: everything fits, every slide on its page.
    let ordinary: Vec<String> = (0..3)
        .map(|i| format!("[[contacts]]\nname = \"Contact Person Number {i}\"\nrole = \"Counselor\"\nphone = \"555-01{i:02}\"\n"))
        .collect();
    let dir = event_dir(&event(&ordinary));
    assert_ok(&build_event(dir.path(), &[]));
    for zip in zips_in(&dir.path().join("out")) {
        let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
        let entries = unzip(&zip);
        let manifest = manifest_of(&entries, &kit);
        for file in manifest["files"].as_array().unwrap() {
            let path = file["path"].as_str().unwrap();
            if let Some(pages) = file["pages"].as_u64() {
                assert_eq!(
                    pdf_info(&entries[&format!("{kit}/{path}")]).pages as u64,
                    pages
                );
            }
        }
        assert_eq!(
            manifest["slides"].as_array().unwrap().len(),
            pdf_info(&entries[&format!("{kit}/slides.pdf")]).pages
        );
        let slides = squeeze(&pdf_text(&entries[&format!("{kit}/slides.pdf")]));
        assert!(
            slides.contains(&squeeze(&organization)),
            "{kit}: the long name is printed whole"
        );
        let card = fold(&pdf_text(
            &entries[&format!("{kit}/handouts/resource-card.pdf")],
        ));
        assert!(card.contains("Contact Person Number 2") && card.contains("resource sheet"));
    }
    // Ten contacts: either it all fits, or the build names what does not, and writes nothing.
    let many: Vec<String> = (0..10).map(contact).collect();
    let dir = event_dir(&event(&many));
    let output = build_event(dir.path(), &[]);
    if output.status.success() {
        for zip in zips_in(&dir.path().join("out")) {
            let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
            let entries = unzip(&zip);
            let card = fold(&pdf_text(
                &entries[&format!("{kit}/handouts/resource-card.pdf")],
            ));
            assert!(
                card.contains("Contact Person Number 2")
                    && !card.contains("Contact Person Number 3"),
                "the card shows three contacts"
            );
        }
    } else {
        let message = stderr(&output);
        assert!(
            message.contains("does not fit") && message.contains(".pdf"),
            "{message}"
        );
        assert!(
            zips_in(&dir.path().join("out")).is_empty(),
            "nothing is written when something does not fit"
        );
    }
}

/// `#let name = rgb("#hex")` definitions of a theme file.
fn theme_colours(theme: &str) -> BTreeMap<String, [f64; 3]> {
    let definition = regex::Regex::new(r##"#let ([a-z-]+) = rgb\("#([0-9A-Fa-f]{6})"\)"##).unwrap();
    definition
        .captures_iter(theme)
        .map(|c| {
            let hex = &c[2];
            let channel =
                |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            (c[1].to_string(), [channel(0), channel(2), channel(4)])
        })
        .collect()
}

fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let luminance = |c: [f64; 3]| {
        let lin = |v: f64| {
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn the_themes_colour_pairs_meet_wcag_aa() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for theme in [
        "decks/theme.typ",
        "handouts/theme.typ",
        "handouts/poster.typ",
    ] {
        let text = std::fs::read_to_string(root.join(theme)).unwrap();
        let colours = theme_colours(&text);
        let pairs = text
            .lines()
            .find_map(|l| l.strip_prefix("// text-on-background:"))
            .unwrap_or_else(|| panic!("{theme} lists its text-on-background pairs"));
        let mut checked = 0;
        for pair in pairs.split(',') {
            let (fg, bg) = pair.trim().split_once(" on ").unwrap();
            let ratio = contrast(colours[fg], colours[bg]);
            assert!(
                ratio >= 4.5,
                "{theme}: {fg} on {bg} is {ratio:.2}:1, below 4.5:1"
            );
            checked += 1;
        }
        assert!(checked >= 4, "{theme}: too few pairs listed");
    }
}

#[test]
fn text_below_the_minimum_size_is_refused() {
    let theme = include_str!("../decks/theme.typ")
        .replace("#let small-size = 14pt", "#let small-size = 9pt");
    let dir = custom_template("decks/theme.typ", &theme);
    let output = build_event(dir.path(), &["--templates", "custom"]);
    let message = stderr(&output);
    assert!(
        !output.status.success() && message.contains("below the 14 pt minimum"),
        "{message}"
    );
}

#[test]
fn an_image_without_alt_text_stops_the_build_at_its_template_line() {
    let dir = custom_template(
        "handouts/feedback-form.typ.j2",
        "#import \"/handouts/theme.typ\": *\n#show: handout.with(title: \"Feedback\", author: \"A\")\n#planned-page\n= Feedback\n// @block\n#image(\"/qr/cybertipline.svg\", width: 1in)\n",
    );
    let output = build_event(dir.path(), &["--templates", "custom"]);
    let message = stderr(&output);
    assert!(
        !output.status.success(),
        "an image without alt text was accepted"
    );
    assert!(
        message.contains("alt") && message.contains("custom/handouts/feedback-form.typ.j2"),
        "{message}"
    );
    assert!(
        message.contains("feedback-form.typ.j2:5"),
        "names the template block: {message}"
    );
    assert!(zips_in(&dir.path().join("out")).is_empty());
}

/// The values of a translation table, flattened (arrays give each element), by key.
fn translation_values(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/content/i18n/{lang}.toml", env!("CARGO_MANIFEST_DIR"));
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut values = BTreeMap::new();
    for (key, value) in table {
        match value {
            toml::Value::String(s) => {
                values.insert(key, s);
            }
            toml::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(s) = item.as_str() {
                        values.insert(format!("{key}[{i}]"), s.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    values
}

/// Builds the demo event in English and Spanish.
fn bilingual_kits() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = event_dir(&DEMO.replace("languages = [\"en\"]", "languages = [\"en\", \"es\"]"));
    assert_ok(&build_event(dir.path(), &[]));
    let zips = zips_in(&dir.path().join("out"));
    (dir, zips)
}

const DEMO: &str = include_str!("../examples/demo.toml");

/// The language a file of a kit is written in: the school's paperwork names its own
/// (`handouts/poster-es-bw.pdf`, `handouts/parent-letter-en.pdf`), whatever the kit's; every
/// other file is in the kit's language.
fn file_language<'a>(path: &'a str, kit_lang: &'a str) -> &'a str {
    let paperwork =
        regex::Regex::new(r"/(poster|parent-letter)-([a-z]{2})(-large|-bw)?\.pdf$").unwrap();
    paperwork
        .captures(path)
        .map_or(kit_lang, |c| c.get(2).unwrap().as_str())
}

/// The zips of the demo event's three audiences in `languages`, sorted.
fn demo_zip_names(languages: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = ["parents", "staff", "teens"]
        .iter()
        .flat_map(|a| {
            languages
                .iter()
                .map(move |l| format!("{DEMO_SLUG}-{a}-{l}.zip"))
        })
        .collect();
    names.sort();
    names
}

#[test]
fn spanish_kits_are_built_beside_the_english_ones_and_declare_spanish() {
    let (_dir, zips) = bilingual_kits();
    assert_eq!(names_of(&zips), demo_zip_names(&["en", "es"]));
    for zip in zips
        .iter()
        .filter(|z| z.to_string_lossy().ends_with("-es.zip"))
    {
        let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
        let entries = unzip(zip);
        assert_eq!(manifest_of(&entries, &kit)["event"]["language"], "es");
        for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
            let document = lopdf::Document::load_mem(bytes).unwrap();
            let lang = document
                .catalog()
                .unwrap()
                .get(b"Lang")
                .unwrap()
                .as_str()
                .unwrap()
                .to_vec();
            assert_eq!(
                lang,
                file_language(path, "es").as_bytes(),
                "{path} declares its language"
            );
        }
        let slides = fold(&pdf_text(&entries[&format!("{kit}/slides.pdf")]));
        assert!(
            slides.contains("3 de diciembre de 2026"),
            "{kit}: dates are written the Spanish way"
        );
    }
    // `--lang es` replaces the event's list for one run.
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&workshop(
        &["build", "--quiet", "--lang", "es", "--audience", "teens"],
        dir.path(),
    ));
    let names = zip_names(&dir.path().join("dist"));
    assert_eq!(names, [format!("{DEMO_SLUG}-teens-es.zip")]);
}

#[test]
fn no_fixed_english_label_leaks_into_a_spanish_kit() {
    // The Spanish kits' PDFs, and in each English staff and teens kit the Spanish paperwork.
    let (_dir, zips) = bilingual_kits();
    let read = assert_no_english_label_in(&zips, "es");
    assert!(read > 30, "{read} Spanish files read");
}

/// The fact base's words printed as published, in every language: the `source_keys` of each
/// fact's and resource's source and its own `entry_keys` (a missing one is left out).
fn published_words(source_keys: &[&str], entry_keys: &[&str]) -> Vec<String> {
    let base = fact_base();
    ["resource", "fact"]
        .iter()
        .flat_map(|t| base[*t].as_array().unwrap().clone())
        .flat_map(|e| {
            let source = source_keys
                .iter()
                .filter_map(|k| e["source"][k].as_str().map(str::to_string));
            let own = entry_keys
                .iter()
                .filter_map(|k| e.get(k).and_then(|v| v.as_str()).map(str::to_string));
            source.chain(own).collect::<Vec<_>>()
        })
        .collect()
}

/// Checks that no fixed English label (one that `lang` words differently) is printed in any
/// PDF of `zips` written in `lang`, whichever kit holds it; returns how many files it read.
fn assert_no_english_label_in(zips: &[PathBuf], lang: &str) -> usize {
    let english = translation_values("en");
    let translated = translation_values(lang);
    assert_eq!(
        english.keys().collect::<Vec<_>>(),
        translated.keys().collect::<Vec<_>>(),
        "the tables have the same keys"
    );
    // Sources are cited by their own names ("... (NCMEC guidance)"), which stay in English, and
    // service names and numbers stay as the fact base gives them ("Crisis Text Line",
    // "1-800-CALL-FBI").
    let citations: String = published_words(&["publisher", "title", "date"], &["name", "phone"])
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" | ");
    let leaks: Vec<(String, regex::Regex)> = english
        .iter()
        .filter(|(key, value)| {
            translated[*key] != **value && value.chars().any(char::is_alphabetic)
        })
        .filter(|(_, value)| {
            !regex::Regex::new(&format!(r"\b{}\b", regex::escape(&value.to_lowercase())))
                .unwrap()
                .is_match(&citations)
        })
        .map(|(key, value)| {
            let words: Vec<String> = value.split_whitespace().map(regex::escape).collect();
            (
                key.clone(),
                regex::Regex::new(&format!(r"(?i)\b{}\b", words.join(r"\s+"))).unwrap(),
            )
        })
        .collect();
    assert!(leaks.len() > 40, "most labels differ between the tables");
    let mut read = 0;
    for zip in zips {
        let kit_lang = if zip.to_string_lossy().ends_with(&format!("-{lang}.zip")) {
            lang
        } else {
            "en"
        };
        for (path, bytes) in unzip(zip)
            .iter()
            .filter(|(p, _)| p.ends_with(".pdf") && file_language(p, kit_lang) == lang)
        {
            read += 1;
            // File names (handouts/feedback-form.pdf) are names, not words of the kit's language.
            let text: String = pdf_text(bytes)
                .split_whitespace()
                .filter(|w| {
                    !w.contains('/')
                        && !w.contains(".pdf")
                        && !w.contains(".png")
                        && !w.contains('@')
                })
                .collect::<Vec<_>>()
                .join(" ");
            for (key, pattern) in &leaks {
                assert!(
                    !pattern.is_match(&text),
                    "{path}: the English `{key}` ({}) appears in a `{lang}` file",
                    english[key]
                );
            }
        }
    }
    read
}

#[test]
fn the_english_and_spanish_decks_state_the_same_facts() {
    let (_dir, zips) = bilingual_kits();
    assert_same_facts_as_english(&zips, "es");
}

/// The content of `lang` states the same facts on the same slides as the English, and each
/// kit of `lang` among `zips` (which hold English twins, sorted) lists the same facts as its
/// English twin.
fn assert_same_facts_as_english(zips: &[PathBuf], lang: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for audience in ["parents", "teens", "staff"] {
        let ids = |path: PathBuf| {
            let content: toml::Table =
                toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let mut ids: Vec<String> = content["slides"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|slide| {
                    let facts = slide
                        .get("facts")
                        .and_then(|f| f.as_array())
                        .cloned()
                        .unwrap_or_default();
                    facts.into_iter().chain(slide.get("fact").cloned())
                })
                .map(|id| id.as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        };
        let english = ids(root.join(format!("content/{audience}.toml")));
        let translated = ids(root.join(format!("content/{lang}/{audience}.toml")));
        assert!(!english.is_empty());
        assert_eq!(
            english, translated,
            "{audience}: the {lang} deck states the same facts"
        );
    }
    // And the built kits list the same facts in their manifests.
    for pair in zips.chunks(2) {
        let facts = |zip: &PathBuf| {
            let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
            manifest_of(&unzip(zip), &kit)["facts"].clone()
        };
        assert!(pair[1].to_string_lossy().ends_with(&format!("-{lang}.zip")));
        assert_eq!(
            facts(&pair[0]),
            facts(&pair[1]),
            "{} and its {lang} counterpart",
            pair[0].display()
        );
    }
}

#[test]
fn runaway_custom_templates_are_stopped_with_the_template_named() {
    let dir = event_dir("organization = \"A\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n");
    let decks = dir.path().join("custom/decks");
    std::fs::create_dir_all(&decks).unwrap();
    let template = decks.join("slides.typ.j2");
    // Asks for gigabytes: stopped by the memory limit.
    std::fs::write(
        &template,
        "#import \"/decks/theme.typ\": *\n#let xs = range(200000000)\n#xs.len()\n",
    )
    .unwrap();
    let output = build_event(
        dir.path(),
        &[
            "--templates",
            "custom",
            "--memory-limit",
            "1GiB",
            "--timeout",
            "30",
        ],
    );
    let message = stderr(&output);
    assert!(!output.status.success(), "a runaway template was accepted");
    assert!(
        message.contains("custom/decks/slides.typ.j2") && message.contains("ran out of memory"),
        "{message}"
    );
    assert!(zips_in(&dir.path().join("out")).is_empty());
    // Runs for minutes: stopped by the time limit.
    std::fs::write(
        &template,
        "#import \"/decks/theme.typ\": *\n#for i in range(9999) { for j in range(9999) { for k in range(9999) { } } }\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let output = build_event(dir.path(), &["--templates", "custom", "--timeout", "2"]);
    let message = stderr(&output);
    assert!(
        !output.status.success()
            && message.contains("custom/decks/slides.typ.j2")
            && message.contains("time limit of 2 s"),
        "{message}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "the time limit stopped the build"
    );
    assert!(zips_in(&dir.path().join("out")).is_empty());
}

#[cfg(unix)]
#[test]
fn template_files_may_not_lead_outside_their_folder() {
    let dir = event_dir("organization = \"A\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n");
    let outside = dir.path().join("secret.typ");
    std::fs::write(&outside, "secret").unwrap();
    let decks = dir.path().join("custom/decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::os::unix::fs::symlink(&outside, decks.join("theme.typ")).unwrap();
    let output = build_event(dir.path(), &["--templates", "custom"]);
    let message = stderr(&output);
    assert!(
        !output.status.success() && message.contains("leads outside the templates folder"),
        "{message}"
    );
    assert!(zips_in(&dir.path().join("out")).is_empty());
}

/// The Python of the virtual environment `./test.sh` makes, with the `typst` package.
fn standalone_python() -> PathBuf {
    let python = pdfua().with_file_name("python");
    let check = Command::new(&python)
        .args(["-c", "import typst"])
        .status()
        .unwrap();
    assert!(
        check.success(),
        "the sources test needs the `typst` Python package: run ./test.sh"
    );
    python
}

#[test]
fn written_sources_reproduce_every_pdf_with_a_standalone_typst() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&workshop(
        &[
            "build",
            "--quiet",
            "--audience",
            "staff",
            "--sources",
            "src",
        ],
        dir.path(),
    ));
    let python = standalone_python();
    let zip = &zips_in(&dir.path().join("dist"))[0];
    let kit = zip.file_stem().unwrap().to_string_lossy().into_owned();
    let entries = unzip(zip);
    let mut compared = 0;
    for (path, bytes) in entries.iter().filter(|(p, _)| p.ends_with(".pdf")) {
        let relative = path.strip_prefix(&format!("{kit}/")).unwrap();
        let source = dir
            .path()
            .join("src")
            .join(&kit)
            .join(relative.replace(".pdf", ".typ"));
        assert!(source.exists(), "no source for {relative}");
        let output = dir.path().join("standalone.pdf");
        let script = format!(
            "import typst; typst.compile({:?}, output={:?}, root={:?}, font_paths=[{:?}])",
            source.to_string_lossy(),
            output.to_string_lossy(),
            dir.path().join("src").join(&kit).to_string_lossy(),
            dir.path().join("src/fonts").to_string_lossy()
        );
        let result = Command::new(&python)
            .args(["-c", &script])
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "{relative}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        let standalone = std::fs::read(&output).unwrap();
        assert_eq!(
            pdf_info(&standalone).pages,
            pdf_info(bytes).pages,
            "{relative}: same page count"
        );
        assert_eq!(
            squeeze(&pdf_text(&standalone)),
            squeeze(&pdf_text(bytes)),
            "{relative}: same text"
        );
        compared += 1;
    }
    assert!(compared >= 9, "every PDF of the kit was compared");
}

#[test]
fn many_events_build_in_one_run_and_may_not_collide() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events");
    std::fs::create_dir_all(&events).unwrap();
    std::fs::write(
        events.join("a.toml"),
        "organization = \"North School\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n",
    )
    .unwrap();
    std::fs::write(events.join("b.toml"), "organization = \"South School\"\ndate = 2026-12-04\naudiences = [\"teens\", \"staff\"]\nregion = \"UK\"\n").unwrap();
    assert_ok(&workshop(
        &["build", "--quiet", "--event", "events", "--out", "out"],
        dir.path(),
    ));
    let names = zip_names(&dir.path().join("out"));
    assert_eq!(
        names,
        [
            "north-school-2026-12-03-teens-en.zip",
            "south-school-2026-12-04-staff-en.zip",
            "south-school-2026-12-04-teens-en.zip"
        ]
    );
    // Each kit keeps its own event: the UK school's card has UK channels, dated its own day.
    let south = unzip(&dir.path().join("out/south-school-2026-12-04-teens-en.zip"));
    let (_, slides) = south
        .iter()
        .find(|(k, _)| k.ends_with("/slides.pdf"))
        .unwrap();
    let text = fold(&pdf_text(slides));
    assert!(
        text.contains("ceop.police.uk")
            && text.contains("December 4, 2026")
            && !text.contains("North School")
    );

    // The same event twice would overwrite its own zips: refused, nothing written.
    let output = workshop(
        &[
            "build",
            "--quiet",
            "--event",
            "events/a.toml",
            "--event",
            "events/a.toml",
            "--out",
            "twice",
        ],
        dir.path(),
    );
    assert!(
        !output.status.success() && stderr(&output).contains("would both write"),
        "{}",
        stderr(&output)
    );
    assert!(zips_in(&dir.path().join("twice")).is_empty());
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_earlier_zips_and_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&workshop(&["build", "--quiet"], dir.path()));
    let out = dir.path().join("dist");
    let before: Vec<Vec<u8>> = zips_in(&out)
        .iter()
        .map(|z| std::fs::read(z).unwrap())
        .collect();
    // Interrupt builds at different moments, as Ctrl-C would.
    for delay in [5u64, 50, 150, 300] {
        let mut child = Command::new(BIN)
            .args(["build", "--quiet", "--lang", "en"])
            .current_dir(dir.path())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let _ = child.wait();
        let after: Vec<Vec<u8>> = zips_in(&out)
            .iter()
            .filter(|z| z.extension().is_some_and(|e| e == "zip"))
            .map(|z| std::fs::read(z).unwrap())
            .collect();
        assert_eq!(
            after, before,
            "the zips are whole and unchanged after an interrupt at {delay} ms"
        );
    }
    // The next build removes what an interrupted one left behind.
    assert_ok(&workshop(&["build", "--quiet"], dir.path()));
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".workshop-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn figures_past_their_date_are_flagged_but_still_build() {
    let dir = event_dir(
        "organization = \"Later School\"\ndate = 2030-01-15\naudiences = [\"parents\"]\n",
    );
    let output = workshop(&["check", "--event", "event.toml"], dir.path());
    assert_ok(&output);
    let message = stderr(&output);
    assert!(
        message.contains("warning: fact `h1-2024-vs-h1-2025` counts as old after 2028"),
        "{message}"
    );
}

#[test]
fn the_schools_own_reporting_steps_are_printed_verbatim_and_timed() {
    let steps = "[staff]\nreporting-steps = [\"Tell Ms. Patel (room #4) at once\", \"Write down *exactly* what was said\", \"The lead calls the district line\"]\n";
    let with = event_dir(&format!(
        "organization = \"Staff School\"\ndate = 2026-12-03\naudiences = [\"staff\"]\n{steps}"
    ));
    let without =
        event_dir("organization = \"Staff School\"\ndate = 2026-12-03\naudiences = [\"staff\"]\n");
    assert_ok(&build_event(with.path(), &[]));
    assert_ok(&build_event(without.path(), &[]));
    let kit = "staff-school-2026-12-03-staff-en";
    let with = unzip(&with.path().join(format!("out/{kit}.zip")));
    let without = unzip(&without.path().join(format!("out/{kit}.zip")));
    let slides = |entries: &BTreeMap<String, Vec<u8>>| {
        manifest_of(entries, kit)["slides"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(
        slides(&with).len(),
        slides(&without).len() + 1,
        "the steps have their own slide"
    );
    for entries in [&with, &without] {
        let total: u64 = slides(entries)
            .iter()
            .map(|s| s["minutes"].as_u64().unwrap())
            .sum();
        assert_eq!(total, 45, "the minutes still add up to the session");
    }
    for path in ["slides.pdf", "handouts/response-protocol.pdf"] {
        let text = fold(&pdf_text(&with[&format!("{kit}/{path}")]));
        for step in [
            "Tell Ms. Patel (room #4) at once",
            "Write down *exactly* what was said",
        ] {
            assert!(
                text.contains(step),
                "{path} lacks the step `{step}` as written"
            );
        }
    }
}
