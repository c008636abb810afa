//! `slides.pptx`: a complete PresentationML package (every part typed, every relationship
//! resolved, notes wired to their slides and the notes master), and, read by python-pptx, one
//! editable slide per PDF page with the manifest's titles and notes.

use std::collections::BTreeSet;

use super::*;

/// The parts of a package and its `[Content_Types].xml` overrides.
fn package(pptx: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(pptx)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            // Pictures are binary; every other part is XML text.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

/// The relationships of a `.rels` part: (type's last word, target resolved against `base`).
fn relationships(rels: &str, base: &str) -> Vec<(String, String)> {
    let re = regex::Regex::new(r#"Type="[^"]*/([A-Za-z-]+)" Target="([^"]+)""#).unwrap();
    re.captures_iter(rels)
        .map(|c| {
            let mut path: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
            for step in c[2].split('/') {
                match step {
                    ".." => {
                        path.pop();
                    }
                    s => path.push(s),
                }
            }
            (c[1].to_string(), path.join("/"))
        })
        .collect()
}

#[test]
fn every_pptx_is_a_complete_package_with_notes_wired_to_slides() {
    let (_dir, zips) = demo_kits();
    let part_names = regex::Regex::new(r#"PartName="/([^"]+)""#).unwrap();
    let default_types = regex::Regex::new(r#"Default Extension="([a-z]+)""#).unwrap();
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let parts = package(&entries[&format!("{kit}/slides.pptx")]);
        let types = &parts["[Content_Types].xml"];
        let overrides: BTreeSet<String> = part_names
            .captures_iter(types)
            .map(|c| c[1].to_string())
            .collect();
        for name in parts
            .keys()
            .filter(|n| n.ends_with(".xml") && *n != "[Content_Types].xml")
        {
            assert!(
                overrides.contains(name),
                "{kit}: no content type for {name}"
            );
        }
        let defaults: BTreeSet<String> = default_types
            .captures_iter(types)
            .map(|c| c[1].to_string())
            .collect();
        for name in parts.keys().filter(|n| !n.ends_with(".xml")) {
            let extension = name.rsplit('.').next().unwrap();
            assert!(
                defaults.contains(extension),
                "{kit}: no content type for {name}"
            );
        }
        for part in &overrides {
            assert!(
                parts.contains_key(part),
                "{kit}: {part} is typed but missing"
            );
        }
        let slides = manifest["slides"].as_array().unwrap().len();
        let mut notes = 0;
        for (name, rels) in parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
            let folder = name.trim_end_matches(".rels");
            let folder = folder.rsplit_once("_rels/").map_or("", |(dir, _)| dir);
            let links = relationships(rels, folder);
            for (kind, target) in &links {
                assert!(
                    parts.contains_key(target),
                    "{kit}: {name} points to missing {target} ({kind})"
                );
            }
            let kinds: BTreeSet<&str> = links.iter().map(|(k, _)| k.as_str()).collect();
            if name.starts_with("ppt/notesSlides/_rels/") {
                assert!(
                    kinds.contains("slide") && kinds.contains("notesMaster"),
                    "{kit}: {name}"
                );
                notes += 1;
            }
            if name.starts_with("ppt/slides/_rels/") {
                assert!(
                    kinds.contains("notesSlide") && kinds.contains("slideLayout"),
                    "{kit}: {name}"
                );
            }
            if name == "ppt/_rels/presentation.xml.rels" {
                for needed in [
                    "presProps",
                    "viewProps",
                    "theme",
                    "tableStyles",
                    "notesMaster",
                    "slideMaster",
                ] {
                    assert!(
                        kinds.contains(needed),
                        "{kit}: the presentation links no {needed}"
                    );
                }
                assert_eq!(links.iter().filter(|(k, _)| k == "slide").count(), slides);
            }
            if name == "ppt/notesMasters/_rels/notesMaster1.xml.rels" {
                assert!(
                    kinds.contains("theme"),
                    "{kit}: the notes master has no theme"
                );
            }
        }
        assert_eq!(notes, slides, "{kit}: one notes slide per slide");
        let presentation = &parts["ppt/presentation.xml"];
        assert!(
            presentation.contains("<p:notesMasterIdLst><p:notesMasterId r:id="),
            "{kit}"
        );
        assert!(
            presentation.contains(r#"<p:sldSz cx="12192000" cy="6858000"/>"#),
            "{kit}"
        );
        let lang = manifest["event"]["language"].as_str().unwrap();
        assert!(
            parts["docProps/core.xml"].contains(&format!("<dc:language>{lang}-")),
            "{kit}"
        );
    }
}

/// What python-pptx reads in a deck: per slide, its title, the text of its shapes, whether it
/// has a picture filling the slide, and its notes.
fn read_with_python_pptx(pptx: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slides.pptx");
    std::fs::write(&path, pptx).unwrap();
    let script = r#"
import json, sys
from pptx import Presentation
p = Presentation(sys.argv[1])
out = {"width": p.slide_width, "height": p.slide_height, "slides": []}
for s in p.slides:
    title = s.shapes.title.text_frame.text if s.shapes.title is not None else None
    def shapes(group):
        for sh in group:
            if sh.shape_type == 6:
                yield from shapes(sh.shapes)
            else:
                yield sh
    texts = [sh.text_frame.text for sh in shapes(s.shapes) if sh.has_text_frame]
    pictures = [sh for sh in s.shapes if sh.shape_type == 13 and sh.width >= p.slide_width * 0.9]
    notes = s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""
    alts = [sh._element.nvPicPr.cNvPr.get("descr") or "" for sh in shapes(s.shapes) if sh.shape_type == 13]
    out["slides"].append({"title": title, "texts": texts, "full_picture": bool(pictures), "alts": alts, "notes": notes})
print(json.dumps(out))
"#;
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pdfua-venv/bin/python");
    let output = Command::new(&python)
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("the PPTX test needs python-pptx: run ./test.sh ({e})"));
    assert!(
        output.status.success(),
        "python-pptx cannot read the deck (run ./test.sh to install it): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn python_pptx_reads_one_editable_slide_per_page_with_the_manifests_titles_and_notes() {
    let (_dir, mut zips) = demo_kits();
    // The Spanish and French decks too: their quotation marks and spacing are their own.
    let spanish = event_dir(&DEMO.replace("languages = [\"en\"]", "languages = [\"es\", \"fr\"]"));
    assert_ok(&build_event(spanish.path(), &["--audience", "teens"]));
    zips.extend(zips_in(&spanish.path().join("out")));
    assert_eq!(zips.len(), 5);
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let deck = read_with_python_pptx(&entries[&format!("{kit}/slides.pptx")]);
        assert_eq!(
            (deck["width"].as_u64(), deck["height"].as_u64()),
            (Some(12192000), Some(6858000))
        );
        let pages = pdf_info(&entries[&format!("{kit}/slides.pdf")]).pages;
        let slides = deck["slides"].as_array().unwrap();
        assert_eq!(slides.len(), pages, "{kit}: one slide per PDF page");
        let mut mismatches = Vec::new();
        let mut pictures = 0;
        for (slide, planned) in slides.iter().zip(manifest["slides"].as_array().unwrap()) {
            let number = &planned["number"];
            if planned["kind"] != "title" {
                // The slide sets the title's quotes as the PDF does (`’`), the manifest as written.
                let straight = |v: &serde_json::Value| {
                    v.as_str()
                        .unwrap()
                        .replace(['‘', '’'], "'")
                        .replace(['“', '”'], "\"")
                };
                assert_eq!(
                    straight(&slide["title"]),
                    straight(&planned["title"]),
                    "{kit}: slide {number}'s title"
                );
            }
            assert!(
                !slide["full_picture"].as_bool().unwrap(),
                "{kit}: slide {number} is a picture"
            );
            let alts = slide["alts"].as_array().unwrap();
            pictures += alts.len();
            assert!(
                alts.iter().all(|a| !a.as_str().unwrap().trim().is_empty()),
                "{kit}: slide {number} has a picture without alt text"
            );
            let notes = fold(slide["notes"].as_str().unwrap());
            assert!(
                notes.contains(&fold(planned["notes"].as_str().unwrap())),
                "{kit}: slide {number}'s notes"
            );
            // Every word of the PDF page is on the slide, footer included, and the other way
            // round (compared squeezed, as lines wrap differently).
            let page = poppler(
                "pdftotext",
                &entries[&format!("{kit}/slides.pdf")],
                &[
                    "-f",
                    &number.to_string(),
                    "-l",
                    &number.to_string(),
                    "-enc",
                    "UTF-8",
                ],
            );
            // The footer (organization and slide number) is on both, as text.
            let page = fold(&page);
            let page = page.as_str();
            let shapes: String = slide["texts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(" ");
            for (from, to, words) in [("PDF", "PPTX", page), ("PPTX", "PDF", shapes.as_str())] {
                let other = squeeze(if from == "PDF" { &shapes } else { page });
                let missing: Vec<&str> = words
                    .split_whitespace()
                    .filter(|w| !is_list_marker(w) && !other.contains(&page_word(w)))
                    .collect();
                if !missing.is_empty() {
                    mismatches.push(format!(
                        "{kit}: slide {number}: words of the {from} missing from the {to}: {missing:?}"
                    ));
                }
            }
            let minutes = format!("{} min", planned["minutes"]);
            assert!(
                notes.starts_with(&minutes),
                "{kit}: slide {number}'s notes open with its minutes"
            );
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
        assert!(pictures > 0, "{kit}: the deck's icons are missing");
    }
}

#[test]
fn no_pptx_leaves_the_deck_out_of_the_kit_and_its_manifest() {
    let dir = event_dir(DEMO);
    assert_ok(&build_event(
        dir.path(),
        &["--audience", "teens", "--no-pptx"],
    ));
    let zips = zips_in(&dir.path().join("out"));
    assert_eq!(zips.len(), 1);
    let (kit, entries, manifest) = open_kit(&zips[0]);
    assert!(!entries.contains_key(&format!("{kit}/slides.pptx")));
    assert!(entries.contains_key(&format!("{kit}/slides.pdf")));
    let files = manifest["files"].as_array().unwrap();
    assert!(
        files.iter().all(|f| f["path"] != "slides.pptx"),
        "{kit}: the manifest lists it"
    );
}

/// Below this mean difference (of 255) a PowerPoint slide looks like its PDF page: measured
/// here, the same slide differs by 8 to 21 (fonts and icons), a dark title slide and a white
/// content slide by more than 170.
const SAME_SLIDE: f64 = 40.0;

#[test]
fn libreoffice_opens_every_pptx_and_its_slides_look_like_the_pdf() {
    let (_dir, mut zips) = demo_kits();
    // The Spanish and French decks too: their quotation marks and spacing are their own.
    let spanish = event_dir(&DEMO.replace("languages = [\"en\"]", "languages = [\"es\", \"fr\"]"));
    assert_ok(&build_event(spanish.path(), &["--audience", "parents"]));
    zips.extend(zips_in(&spanish.path().join("out")));
    let soffice = std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("soffice"))
                .find(|p| p.is_file())
        })
        .expect("the PPTX test needs LibreOffice: run ./test.sh, which installs libreoffice-impress-nogui");
    for zip in &zips {
        let (kit, entries, manifest) = open_kit(zip);
        let dir = tempfile::tempdir().unwrap();
        let pptx = dir.path().join("slides.pptx");
        std::fs::write(&pptx, &entries[&format!("{kit}/slides.pptx")]).unwrap();
        // Each conversion has its own profile: conversions sharing one fail at random.
        let profile = format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        );
        let conversion = Command::new(&soffice)
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&pptx)
            .output()
            .unwrap();
        let from_pptx = dir.path().join("slides.pdf");
        assert!(
            conversion.status.success() && from_pptx.is_file(),
            "{kit}: LibreOffice cannot convert slides.pptx: {}",
            String::from_utf8_lossy(&conversion.stderr)
        );
        let converted = std::fs::read(&from_pptx).unwrap();
        let deck = &entries[&format!("{kit}/slides.pdf")];
        let thumbnail = |pdf: &[u8], page| grey_thumbnail(&page_picture(pdf, page, 20, true));
        let slides = manifest["slides"].as_array().unwrap();
        assert_eq!(pdf_info(&converted).pages, slides.len(), "{kit}");
        let statistic = slides
            .iter()
            .find(|s| s["kind"] == "statistic")
            .map_or(2, |s| s["number"].as_u64().unwrap() as usize);
        for page in [1, statistic] {
            let d = thumbnail_difference(&thumbnail(&converted, page), &thumbnail(deck, page));
            assert!(
                d < SAME_SLIDE,
                "{kit}: slide {page} of the PPTX differs by {d:.1}"
            );
        }
        let d = thumbnail_difference(&thumbnail(&converted, 1), &thumbnail(deck, 5));
        assert!(
            d > SAME_SLIDE,
            "{kit}: the check cannot tell slide 1 from slide 5 ({d:.1})"
        );
    }
}

#[test]
fn the_logo_is_a_picture_with_its_alt_text_on_the_first_and_last_slides() {
    let dir = event_dir(
        "organization = \"Logo School\"\ndate = 2026-12-03\naudiences = [\"teens\"]\n[branding]\nlogo = \"crest.svg\"\nlogo-alt = \"Logo School crest\"\n",
    );
    std::fs::write(
        dir.path().join("crest.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"40\"><rect width=\"80\" height=\"40\" fill=\"#1f4e79\"/></svg>",
    )
    .unwrap();
    assert_ok(&build_event(dir.path(), &[]));
    let (kit, entries, manifest) = open_kit(&zips_in(&dir.path().join("out"))[0]);
    let parts = package(&entries[&format!("{kit}/slides.pptx")]);
    assert!(
        parts.contains_key("ppt/media/logo.png"),
        "{kit}: no logo picture"
    );
    let last = manifest["slides"].as_array().unwrap().len();
    let logo_size = regex::Regex::new(r#"name="Logo".*?<a:ext cx="(\d+)" cy="(\d+)"/>"#).unwrap();
    for number in [1, last] {
        let slide = &parts[&format!("ppt/slides/slide{number}.xml")];
        assert!(
            slide.contains(r#"name="Logo" descr="Logo School crest""#),
            "{kit}: slide {number} has no logo with its alt text"
        );
        // Twice as wide as high, as the logo is: placed without distortion.
        let size = logo_size.captures(slide).unwrap();
        let (cx, cy): (u64, u64) = (size[1].parse().unwrap(), size[2].parse().unwrap());
        assert_eq!(cx, 2 * cy, "{kit}: slide {number}'s logo is {cx} x {cy}");
    }
}
