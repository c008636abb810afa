//! The slide and notes-slide parts of a PresentationML package (ECMA-376 part 1), written
//! from scratch, with the geometry they share and the writers of their text shapes. The masters
//! are in `masters`, the package parts in `package`, pictures and bars in `shapes`.

use super::shapes::{ICON, ICON_GAP, SMALL_ICON, chart, logo_picture, picture, slide_number};
use super::text::{Para, ParaKind, SlideText};

pub const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
pub const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Slide size: PowerPoint's widescreen 16:9, in EMU.
pub const SLIDE_W: i64 = 12_192_000;
pub const SLIDE_H: i64 = 6_858_000;
const MARGIN: i64 = 457_200;

/// The deck's colours (decks/theme.typ): ink, navy, mist, teal.
pub struct Colours {
    pub ink: &'static str,
    pub navy: &'static str,
    pub mist: &'static str,
    pub accent: String,
}

/// A deck size in points as PowerPoint's hundredths of a point on its wider slide: the PDF
/// slide is 841.89 pt wide, the PowerPoint slide 960 pt, so sizes scale by the same factor and
/// the slide looks the same.
pub fn hundredths(pt: u32) -> u32 {
    (f64::from(pt) * 96_000.0 / 841.89).round() as u32
}

pub fn esc(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// A box: x, y, width, height in EMU.
#[derive(Clone, Copy)]
pub struct Rect(pub i64, pub i64, pub i64, pub i64);

pub fn xfrm(r: Rect) -> String {
    format!(
        r#"<a:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm>"#,
        r.0, r.1, r.2, r.3
    )
}

pub const TITLE: Rect = Rect(MARGIN, 320_040, SLIDE_W - 2 * MARGIN, 1_005_840);
pub const BODY: Rect = Rect(MARGIN, 1_417_320, SLIDE_W - 2 * MARGIN, 3_977_640);
const HALF_W: i64 = (SLIDE_W - 3 * MARGIN) / 2;
pub const LEFT: Rect = Rect(MARGIN, 1_417_320, HALF_W, 3_977_640);
pub const RIGHT: Rect = Rect(2 * MARGIN + HALF_W, 1_417_320, HALF_W, 3_977_640);
pub const CENTRE_TITLE: Rect = Rect(MARGIN, 1_371_600, SLIDE_W - 2 * MARGIN, 1_600_200);
pub const SUBTITLE: Rect = Rect(MARGIN, 3_108_960, SLIDE_W - 2 * MARGIN, 2_743_200);
/// The source line's box: anchored at the bottom, with room for three lines above it, and
/// under it the footer's line.
const SOURCE: Rect = Rect(MARGIN, 5_394_960, SLIDE_W - 2 * MARGIN, 1_005_840);
const FOOTER: Rect = Rect(MARGIN, 6_400_800, SLIDE_W - 2 * MARGIN - 914_400, 365_760);
pub const NUMBER: Rect = Rect(SLIDE_W - MARGIN - 914_400, 6_400_800, 914_400, 365_760);

pub fn body_pr() -> &'static str {
    r#"<a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720"><a:noAutofit/></a:bodyPr><a:lstStyle/>"#
}

/// A slide's content is centred in its area, beside its icon, as on the PDF slide.
fn centred_body_pr() -> &'static str {
    r#"<a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="ctr"><a:noAutofit/></a:bodyPr><a:lstStyle/>"#
}

fn paragraph(p: &Para, lang: &str) -> String {
    let ppr = match p.kind {
        ParaKind::Plain => r#"<a:pPr marL="0" indent="0"><a:buNone/></a:pPr>"#.to_string(),
        ParaKind::Bullet => {
            r#"<a:pPr marL="342900" indent="-342900"><a:buFont typeface="Arial"/><a:buChar char="•"/></a:pPr>"#.to_string()
        }
        ParaKind::Numbered => {
            r#"<a:pPr marL="457200" indent="-457200"><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"/></a:pPr>"#.to_string()
        }
    };
    let size = p
        .size
        .map(|s| format!(r#" sz="{}""#, hundredths(s)))
        .unwrap_or_default();
    let bold = if p.bold { r#" b="1""# } else { "" };
    format!(
        r#"<a:p>{ppr}<a:r><a:rPr lang="{lang}"{size}{bold} dirty="0"/><a:t>{}</a:t></a:r></a:p>"#,
        esc(&p.text)
    )
}

fn paragraphs(paras: &[Para], lang: &str) -> String {
    if paras.is_empty() {
        return format!(r#"<a:p><a:endParaRPr lang="{lang}" dirty="0"/></a:p>"#);
    }
    paras.iter().map(|p| paragraph(p, lang)).collect()
}

/// A placeholder shape (`ph` is e.g. `type="title"` or `idx="1"`) holding `paras`.
fn placeholder(id: usize, name: &str, ph: &str, paras: &[Para], lang: &str) -> String {
    placed_placeholder(id, name, ph, None, paras, lang)
}

/// A placeholder, at its own place `at` instead of the layout's when given.
fn placed_placeholder(
    id: usize,
    name: &str,
    ph: &str,
    at: Option<Rect>,
    paras: &[Para],
    lang: &str,
) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody>{}{}</p:txBody></p:sp>"#,
        at.map(xfrm).unwrap_or_default(),
        if ph.contains("type=") {
            body_pr()
        } else {
            centred_body_pr()
        },
        paragraphs(paras, lang)
    )
}

/// A text box whose text sits as `body` (its body properties) says: the source line's is
/// anchored at the bottom, so that one line or three end at the same place.
pub fn text_box(
    body: &str,
    id: usize,
    name: &str,
    r: Rect,
    paras: &[Para],
    lang: &str,
    colour: &str,
) -> String {
    let runs = paragraphs(paras, lang).replace(
        " dirty=\"0\"/>",
        &format!(r#" dirty="0"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:rPr>"#),
    );
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>{}{runs}</p:txBody></p:sp>"#,
        xfrm(r),
        body
    )
}

fn bottom_body_pr() -> &'static str {
    r#"<a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="b"><a:noAutofit/></a:bodyPr><a:lstStyle/>"#
}

pub const GROUP: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

/// Which layout a slide uses: 1 title, 2 title and content, 3 two content.
pub fn layout_of(text: &SlideText) -> usize {
    if text.opening {
        1
    } else if !text.right.is_empty() {
        3
    } else {
        2
    }
}

/// One slide: its placeholders in reading order, then the source line.
/// The event's logo on a slide: its relationship id, alt text and size in pixels.
pub struct PlacedLogo<'a> {
    pub rel: &'a str,
    pub alt: &'a str,
    pub width: u32,
    pub height: u32,
}

/// The logo's height on the slide: the deck's 64 pt, scaled to PowerPoint's wider slide.
const LOGO_H: i64 = 939_800;

pub fn slide(
    text: &SlideText,
    lang: &str,
    colours: &Colours,
    icon: Option<(&str, &str)>,
    logo: Option<&PlacedLogo>,
) -> String {
    let mut shapes = if text.opening {
        let title = [Para::title(&text.title)];
        vec![
            placeholder(2, "Title 1", r#"type="ctrTitle""#, &title, lang),
            placeholder(
                3,
                "Subtitle 2",
                r#"type="subTitle" idx="1""#,
                &text.body,
                lang,
            ),
        ]
    } else {
        content_shapes(text, lang, colours, icon)
    };
    shapes.extend(bottom_shapes(text, lang, colours, logo));
    // Lists of contacts and sources start at the top, so that two columns line up.
    if text.top {
        shapes = shapes
            .into_iter()
            .map(|s| s.replace(r#" anchor="ctr""#, ""))
            .collect();
    }
    // A colour slide is white on navy, as in the deck: the background and every run's colour.
    let (background, shapes) = if text.dark {
        (
            format!(
                r#"<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>"#,
                colours.navy
            ),
            shapes.concat().replace(
                " dirty=\"0\"/>",
                r#" dirty="0"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:rPr>"#,
            ),
        )
    } else {
        (String::new(), shapes.concat())
    };
    format!(
        r#"{DECL}<p:sld {NS}><p:cSld>{background}<p:spTree>{GROUP}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#
    )
}

/// A content slide's title, icon and body (one or two columns, or text beside a chart). As in
/// the deck, the icon of a chart, channels or contacts sits beside the title; any other icon
/// sits left of the body, which then starts after it.
fn content_shapes(
    text: &SlideText,
    lang: &str,
    colours: &Colours,
    icon: Option<(&str, &str)>,
) -> Vec<String> {
    let beside_title = icon.is_some() && text.icon_beside_title;
    let title_at = beside_title.then_some(Rect(
        TITLE.0,
        TITLE.1,
        TITLE.2 - SMALL_ICON - ICON_GAP,
        TITLE.3,
    ));
    let title = [Para::title(&text.title)];
    let mut shapes = vec![placed_placeholder(
        2,
        "Title 1",
        r#"type="title""#,
        title_at,
        &title,
        lang,
    )];
    let mut area = BODY;
    if let Some((rel, name)) = icon {
        let at = if text.icon_beside_title {
            Rect(
                TITLE.0 + TITLE.2 - SMALL_ICON,
                TITLE.1,
                SMALL_ICON,
                SMALL_ICON,
            )
        } else {
            area = Rect(
                BODY.0 + ICON + ICON_GAP,
                BODY.1,
                BODY.2 - ICON - ICON_GAP,
                BODY.3,
            );
            Rect(BODY.0, BODY.1 + (BODY.3 - ICON) / 2, ICON, ICON)
        };
        shapes.push(picture(5, rel, &format!("Icon: {name}"), at));
    }
    let body = |at: Option<Rect>, ph: &str, paras: &[Para], id: usize, name: &str| {
        placed_placeholder(id, name, ph, at, paras, lang)
    };
    if !text.chart.is_empty() {
        shapes.push(body(Some(LEFT), r#"idx="1""#, &text.body, 3, "Content 2"));
        shapes.push(chart(text, lang, colours));
    } else if text.right.is_empty() {
        shapes.push(body(
            icon.map(|_| area),
            r#"idx="1""#,
            &text.body,
            3,
            "Content 2",
        ));
    } else {
        let half = (area.2 - MARGIN) / 2;
        let left = icon.map(|_| Rect(area.0, area.1, half, area.3));
        let right = icon.map(|_| Rect(area.0 + half + MARGIN, area.1, half, area.3));
        shapes.push(body(
            left,
            r#"sz="half" idx="1""#,
            &text.body,
            3,
            "Content 2",
        ));
        shapes.push(body(
            right,
            r#"sz="half" idx="2""#,
            &text.right,
            4,
            "Content 3",
        ));
    }
    shapes
}

/// What sits at a slide's edges: the logo, the footer with the slide number, the source line.
fn bottom_shapes(
    text: &SlideText,
    lang: &str,
    colours: &Colours,
    logo: Option<&PlacedLogo>,
) -> Vec<String> {
    let mut shapes = Vec::new();
    if let Some(logo) = logo {
        let width = LOGO_H * i64::from(logo.width) / i64::from(logo.height.max(1));
        let at = Rect(SLIDE_W - MARGIN - width, MARGIN / 2, width, LOGO_H);
        shapes.push(logo_picture(logo.rel, logo.alt, at));
    }
    let small = |line: &str| [Para::plain_sized(line, 14)];
    if let Some((organization, number)) = &text.footer {
        let colour = if text.dark { "E2E8F0" } else { "475569" };
        shapes.push(text_box(
            body_pr(),
            11,
            "Footer",
            FOOTER,
            &small(organization),
            lang,
            colour,
        ));
        shapes.push(slide_number(*number, lang, colour));
    }
    if let Some(source) = &text.source {
        let colour = if text.dark { "E2E8F0" } else { colours.ink };
        let line = small(source);
        shapes.push(text_box(
            bottom_body_pr(),
            10,
            "Source",
            SOURCE,
            &line,
            lang,
            colour,
        ));
    }
    shapes
}

pub fn notes_slide(paragraphs_text: &[String], lang: &str) -> String {
    let paras: Vec<Para> = paragraphs_text
        .iter()
        .map(|t| Para {
            text: t.clone(),
            bold: false,
            size: None,
            kind: ParaKind::Plain,
        })
        .collect();
    format!(
        r#"{DECL}<p:notes {NS}><p:cSld><p:spTree>{GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#,
        placeholder(
            3,
            "Notes Placeholder 2",
            r#"type="body" idx="1""#,
            &paras,
            lang
        )
    )
}
