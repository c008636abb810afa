//! The package-level parts: content types, relationships, the presentation part, its
//! properties, the theme and the document properties.

use super::parts::{Colours, DECL, NS, SLIDE_H, SLIDE_W, esc};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// A relationships part.
pub fn rels(targets: &[(&str, String)]) -> String {
    let list: String = targets
        .iter()
        .enumerate()
        .map(|(i, (kind, target))| {
            let kind_uri = match *kind {
                "core-properties" => {
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".to_string()
                }
                k => format!("{REL}/{k}"),
            };
            format!(r#"<Relationship Id="rId{}" Type="{kind_uri}" Target="{}"/>"#, i + 1, esc(target))
        })
        .collect();
    format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{list}</Relationships>"#
    )
}

pub fn content_types(slides: usize, layouts: usize) -> String {
    let mut over = vec![
        (
            "/ppt/presentation.xml".to_string(),
            format!("{CT}.presentation.main+xml"),
        ),
        (
            "/ppt/slideMasters/slideMaster1.xml".to_string(),
            format!("{CT}.slideMaster+xml"),
        ),
        (
            "/ppt/notesMasters/notesMaster1.xml".to_string(),
            format!("{CT}.notesMaster+xml"),
        ),
        (
            "/ppt/theme/theme1.xml".into(),
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        (
            "/ppt/theme/theme2.xml".into(),
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        (
            "/ppt/presProps.xml".to_string(),
            format!("{CT}.presProps+xml"),
        ),
        (
            "/ppt/viewProps.xml".to_string(),
            format!("{CT}.viewProps+xml"),
        ),
        (
            "/ppt/tableStyles.xml".to_string(),
            format!("{CT}.tableStyles+xml"),
        ),
        (
            "/docProps/core.xml".into(),
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml".into(),
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ];
    for n in 1..=layouts {
        over.push((
            format!("/ppt/slideLayouts/slideLayout{n}.xml"),
            format!("{CT}.slideLayout+xml"),
        ));
    }
    for n in 1..=slides {
        over.push((
            format!("/ppt/slides/slide{n}.xml"),
            format!("{CT}.slide+xml"),
        ));
        over.push((
            format!("/ppt/notesSlides/notesSlide{n}.xml"),
            format!("{CT}.notesSlide+xml"),
        ));
    }
    let overrides: String = over
        .iter()
        .map(|(part, kind)| format!(r#"<Override PartName="{part}" ContentType="{kind}"/>"#))
        .collect();
    format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>{overrides}</Types>"#
    )
}

pub fn presentation(slides: usize) -> String {
    // Relationship ids: 1 master, 2 notes master, 3 presProps, 4 viewProps, 5 theme,
    // 6 tableStyles, then the slides from 7.
    let ids: String = (0..slides)
        .map(|i| format!(r#"<p:sldId id="{}" r:id="rId{}"/>"#, 256 + i, 7 + i))
        .collect();
    format!(
        r#"{DECL}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr></p:defaultTextStyle></p:presentation>"#
    )
}

pub fn presentation_rels(slides: usize) -> String {
    let mut targets = vec![
        ("slideMaster", "slideMasters/slideMaster1.xml".to_string()),
        ("notesMaster", "notesMasters/notesMaster1.xml".to_string()),
        ("presProps", "presProps.xml".to_string()),
        ("viewProps", "viewProps.xml".to_string()),
        ("theme", "theme/theme1.xml".to_string()),
        ("tableStyles", "tableStyles.xml".to_string()),
    ];
    targets.extend((1..=slides).map(|n| ("slide", format!("slides/slide{n}.xml"))));
    rels(&targets)
}

pub fn pres_props() -> String {
    format!(r#"{DECL}<p:presentationPr {NS}/>"#)
}

pub fn view_props() -> String {
    format!(
        r#"{DECL}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#
    )
}

pub fn table_styles() -> String {
    format!(
        r#"{DECL}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>"#
    )
}

pub fn theme(name: &str, colours: &Colours) -> String {
    let fill = |v: &str| format!(r#"<a:solidFill><a:schemeClr val="{v}"/></a:solidFill>"#);
    let line = r#"<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    format!(
        r#"{DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{name}"><a:themeElements><a:clrScheme name="{name}"><a:dk1><a:srgbClr val="{ink}"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="{navy}"/></a:dk2><a:lt2><a:srgbClr val="{mist}"/></a:lt2><a:accent1><a:srgbClr val="{accent}"/></a:accent1><a:accent2><a:srgbClr val="{navy}"/></a:accent2><a:accent3><a:srgbClr val="475569"/></a:accent3><a:accent4><a:srgbClr val="94A3B8"/></a:accent4><a:accent5><a:srgbClr val="0F766E"/></a:accent5><a:accent6><a:srgbClr val="1E293B"/></a:accent6><a:hlink><a:srgbClr val="{navy}"/></a:hlink><a:folHlink><a:srgbClr val="475569"/></a:folHlink></a:clrScheme><a:fontScheme name="Arial"><a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Plain"><a:fillStyleLst>{f}{f}{f}</a:fillStyleLst><a:lnStyleLst>{line}{line}{line}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{f}{f}{f}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
        ink = colours.ink,
        navy = colours.navy,
        mist = colours.mist,
        accent = colours.accent,
        f = fill("phClr"),
    )
}

pub fn core(title: &str, author: &str, lang: &str, when: &str) -> String {
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>{lang}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"#,
        esc(title),
        esc(author)
    )
}

pub fn app(slides: usize) -> String {
    format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>workshop</Application><Slides>{slides}</Slides><Notes>{slides}</Notes><PresentationFormat>Widescreen</PresentationFormat></Properties>"#
    )
}
