//! `slides.pptx`: the deck as an editable PowerPoint file with speaker notes, built from the
//! plan (not from the PDF), so that presenters can use PowerPoint's, Google Slides' or
//! Keynote's presenter view, reorder slides and add their own.
//!
//! No Rust crate writes a 16:9 package with notes, so the parts are written here from the
//! ECMA-376 structure ([`parts`]) and zipped with fixed times and order: same plan, same bytes.

mod masters;
mod package;
mod parts;
mod pictures;
mod shapes;
mod text;
mod typography;

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::files::{CompiledKit, KitFile};
use parts::Colours;

/// Every word `slide` shows, as the PowerPoint slide holds it: title, body, chart labels and
/// values, source line and footer, in reading order (the browser presenter gives these to
/// screen readers, since its SVG slides draw text as outlines).
pub fn slide_words(kit: &CompiledKit, slide: &crate::plan::SlideView) -> String {
    let shown = text::slide_text(kit.kit, &kit.event, slide);
    let paras = |p: &[text::Para]| p.iter().map(|p| p.text.clone()).collect::<Vec<_>>();
    let mut words = vec![shown.title.clone()];
    words.extend(paras(&shown.body));
    words.extend(paras(&shown.right));
    for bar in &shown.chart {
        words.push(format!("{} {}", bar.label, bar.value));
    }
    words.extend(shown.source.clone());
    if let Some((organization, number)) = &shown.footer {
        words.push(format!("{organization} {number}"));
    }
    words.join("\n")
}

/// The kit's deck as `slides.pptx`.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    vec![KitFile {
        path: "slides.pptx".to_string(),
        bytes: package(kit),
        pages: None,
    }]
}

/// The language tag of the kit's text runs: the kit's language and the event's region.
fn language_tag(kit: &CompiledKit) -> String {
    let region = match kit.event.region.as_str() {
        "UK" => "GB",
        other => other,
    };
    format!("{}-{region}", kit.kit.language)
}

fn package(kit: &CompiledKit) -> Vec<u8> {
    let lang = language_tag(kit);
    let colours = Colours {
        ink: "1E293B",
        navy: "1F3A5F",
        mist: "F1F5F9",
        accent: kit
            .event
            .accent
            .as_deref()
            .map_or("0F766E".to_string(), |hex| {
                hex.trim_start_matches('#').to_uppercase()
            }),
    };
    let date = kit.time.date();
    let (h, m, s) = kit.time.time_of_day();
    let when = format!(
        "{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}Z",
        date.year, date.month, date.day
    );
    let mut files = fixed_parts(kit, &lang, &colours, &when);
    files.extend(slide_parts(kit, &lang, &colours));
    zip_parts(&files, kit)
}

/// The parts every deck has: package, presentation, properties, theme, masters and layouts.
fn fixed_parts(
    kit: &CompiledKit,
    lang: &str,
    colours: &Colours,
    when: &str,
) -> Vec<(String, Vec<u8>)> {
    let n = kit.kit.deck.slides.len();
    let mut files: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), package::content_types(n, 3)),
        (
            "_rels/.rels".into(),
            package::rels(&[
                ("officeDocument", "ppt/presentation.xml".into()),
                ("core-properties", "docProps/core.xml".into()),
                ("extended-properties", "docProps/app.xml".into()),
            ]),
        ),
        (
            "docProps/core.xml".into(),
            package::core(&kit.kit.deck.title, &kit.event.organization, lang, when),
        ),
        ("docProps/app.xml".into(), package::app(n)),
        ("ppt/presentation.xml".into(), package::presentation(n)),
        (
            "ppt/_rels/presentation.xml.rels".into(),
            package::presentation_rels(n),
        ),
        ("ppt/presProps.xml".into(), package::pres_props()),
        ("ppt/viewProps.xml".into(), package::view_props()),
        ("ppt/tableStyles.xml".into(), package::table_styles()),
        (
            "ppt/theme/theme1.xml".into(),
            package::theme("Workshop", colours),
        ),
        (
            "ppt/theme/theme2.xml".into(),
            package::theme("Workshop notes", colours),
        ),
        (
            "ppt/slideMasters/slideMaster1.xml".into(),
            masters::slide_master(colours),
        ),
        (
            "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
            masters::slide_master_rels(),
        ),
        (
            "ppt/notesMasters/notesMaster1.xml".into(),
            masters::notes_master(colours),
        ),
        (
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
            package::rels(&[("theme", "../theme/theme2.xml".into())]),
        ),
    ];
    for layout in 1..=3 {
        files.push((
            format!("ppt/slideLayouts/slideLayout{layout}.xml"),
            masters::slide_layout(layout),
        ));
        files.push((
            format!("ppt/slideLayouts/_rels/slideLayout{layout}.xml.rels"),
            package::rels(&[("slideMaster", "../slideMasters/slideMaster1.xml".into())]),
        ));
    }
    files
        .into_iter()
        .map(|(path, xml)| (path, xml.into_bytes()))
        .collect()
}

/// Each slide and its notes slide, with their relationships.
fn slide_parts(kit: &CompiledKit, lang: &str, colours: &Colours) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut media: Vec<String> = Vec::new();
    let logo = logo_picture(kit).map(|(file, png, width, height)| {
        files.push((format!("ppt/media/{file}"), png));
        (file, width, height)
    });
    for (i, slide) in kit.kit.deck.slides.iter().enumerate() {
        let number = i + 1;
        let shown = text::slide_text(kit.kit, &kit.event, slide);
        let mut links = vec![
            (
                "slideLayout",
                format!(
                    "../slideLayouts/slideLayout{}.xml",
                    parts::layout_of(&shown)
                ),
            ),
            (
                "notesSlide",
                format!("../notesSlides/notesSlide{number}.xml"),
            ),
        ];
        let icon = shown.icon.as_deref().and_then(|name| {
            let (file, png) = icon_picture(kit, name, shown.dark)?;
            if !media.contains(&file) {
                files.push((format!("ppt/media/{file}"), png));
                media.push(file.clone());
            }
            links.push(("image", format!("../media/{file}")));
            Some(name)
        });
        let icon = icon.map(|name| ("rId3", name));
        // The logo is on the title slide and the closing slide, as in the deck.
        let logo = logo
            .as_ref()
            .filter(|_| matches!(slide.kind.as_str(), "title" | "help" | "questions"));
        let logo_rel = format!("rId{}", links.len() + 1);
        let placed = logo.map(|(file, width, height)| {
            links.push(("image", format!("../media/{file}")));
            parts::PlacedLogo {
                rel: &logo_rel,
                alt: kit.event.logo.as_ref().map_or("", |l| l.alt.as_str()),
                width: *width,
                height: *height,
            }
        });
        files.push((
            format!("ppt/slides/slide{number}.xml"),
            parts::slide(&shown, lang, colours, icon, placed.as_ref()).into_bytes(),
        ));
        files.push((
            format!("ppt/slides/_rels/slide{number}.xml.rels"),
            package::rels(&links).into_bytes(),
        ));
        files.push((
            format!("ppt/notesSlides/notesSlide{number}.xml"),
            parts::notes_slide(&text::notes_paragraphs(slide), lang).into_bytes(),
        ));
        files.push((
            format!("ppt/notesSlides/_rels/notesSlide{number}.xml.rels"),
            package::rels(&[
                ("notesMaster", "../notesMasters/notesMaster1.xml".into()),
                ("slide", format!("../slides/slide{number}.xml")),
            ])
            .into_bytes(),
        ));
    }
    files
}

/// The event's logo as the deck places it: its file name in `ppt/media/`, bytes and size.
fn logo_picture(kit: &CompiledKit) -> Option<(String, Vec<u8>, u32, u32)> {
    let path = &kit.event.logo.as_ref()?.path;
    let (deck, _) = kit.deck()?;
    let extension = path.rsplit('.').next()?;
    let (bytes, extension, width, height) = pictures::logo(deck.files.get(path)?, extension)?;
    Some((format!("logo.{extension}"), bytes, width, height))
}

/// The icon `name` as the deck draws it (its light version on a colour slide), as a PNG on the
/// slide's background: its file name in `ppt/media/` and its bytes.
fn icon_picture(kit: &CompiledKit, name: &str, dark: bool) -> Option<(String, Vec<u8>)> {
    let suffix = if dark { "-light" } else { "" };
    let (deck, _) = kit.deck()?;
    let svg = deck.files.get(&format!("/icons/{name}{suffix}.svg"))?;
    let background = if dark { "1F3A5F" } else { "FFFFFF" };
    Some((
        format!("{name}{suffix}.png"),
        pictures::icon_png(svg, background)?,
    ))
}
/// The parts zipped in the order written (`[Content_Types].xml` first), with the build's time.
fn zip_parts(files: &[(String, Vec<u8>)], kit: &CompiledKit) -> Vec<u8> {
    let options = SimpleFileOptions::default()
        .last_modified_time(super::zip_time(kit.time))
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, xml) in files {
        writer
            .start_file(path.as_str(), super::zip_entry_options(options, path))
            .expect("an in-memory zip entry starts");
        writer
            .write_all(xml)
            .expect("an in-memory zip entry is written");
    }
    writer
        .finish()
        .expect("an in-memory zip finishes")
        .into_inner()
}
