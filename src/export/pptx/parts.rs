//! The XML parts of a PresentationML package (ECMA-376 part 1), written from scratch: one
//! slide master with four layouts, a notes master, one slide and one notes slide per slide.

use super::package::rels;
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

fn xfrm(r: Rect) -> String {
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
const NUMBER: Rect = Rect(SLIDE_W - MARGIN - 914_400, 6_400_800, 914_400, 365_760);

fn body_pr() -> &'static str {
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

/// The deck's icon sizes (112 pt and 52 pt on the PDF slide) and the gap after a body icon.
const ICON: i64 = 1_625_600;
const SMALL_ICON: i64 = 754_380;
const ICON_GAP: i64 = 493_776;

/// A picture of the slide (`rel`: its relationship id), with its alternative text, marked
/// decorative as the PDF marks the icon an artifact.
fn picture(id: usize, rel: &str, descr: &str, at: Rect) -> String {
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="Icon" descr="{}"><a:extLst><a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst></p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(descr),
        xfrm(at)
    )
}

/// The slide's number as PowerPoint's slide-number field, right-aligned: it follows the slide
/// when slides are reordered.
fn slide_number(number: usize, lang: &str, colour: &str) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="12" name="Slide number"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>{}<a:p><a:pPr algn="r"/><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="{lang}" sz="{}" dirty="0"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:rPr><a:t>{number}</a:t></a:fld></a:p></p:txBody></p:sp>"#,
        xfrm(NUMBER),
        body_pr(),
        hundredths(14)
    )
}

/// The event's logo, with its alt text (not decorative: it says whose session this is).
fn logo_picture(rel: &str, alt: &str, at: Rect) -> String {
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="6" name="Logo" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(alt),
        xfrm(at)
    )
}

/// A statistic's bars as shapes, grouped under the chart's alternative text: for each bar its
/// label, a bar as long as its share, and its value, in the right half of the slide.
fn chart(text: &SlideText, lang: &str, colours: &Colours) -> String {
    let Rect(x, y, width, height) = RIGHT;
    let row = (height / text.chart.len().max(1) as i64).min(1_188_720);
    let top = y + (height - row * text.chart.len() as i64) / 2;
    let label_h = row * 2 / 5;
    let bar_h = row * 2 / 5;
    let ink = if text.dark { "FFFFFF" } else { colours.ink };
    let mut shapes = String::new();
    for (i, bar) in text.chart.iter().enumerate() {
        let row_y = top + row * i as i64;
        let id = 20 + i * 3;
        let line = |t: &str, bold: bool| Para {
            text: t.to_string(),
            bold,
            size: Some(20),
            kind: ParaKind::Plain,
        };
        shapes.push_str(&text_box(
            id,
            "Bar label",
            Rect(x, row_y, width, label_h),
            &[line(&bar.label, false)],
            lang,
            ink,
        ));
        let bar_w = ((width * 7 / 10) as f64 * bar.share.clamp(0.02, 1.0)) as i64;
        shapes.push_str(&format!(
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{}" name="Bar"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>"#,
            id + 1,
            xfrm(Rect(x, row_y + label_h, bar_w, bar_h)),
            colours.accent
        ));
        shapes.push_str(&text_box(
            id + 2,
            "Bar value",
            Rect(
                x + bar_w + 91_440,
                row_y + label_h,
                width - bar_w - 91_440,
                bar_h,
            ),
            &[line(&bar.value, true)],
            lang,
            ink,
        ));
    }
    let alt = text.chart_alt.as_deref().map(esc).unwrap_or_default();
    format!(
        r#"<p:grpSp><p:nvGrpSpPr><p:cNvPr id="19" name="Chart" descr="{alt}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{width}" cy="{height}"/><a:chOff x="{x}" y="{y}"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></p:grpSpPr>{shapes}</p:grpSp>"#
    )
}

fn text_box(id: usize, name: &str, r: Rect, paras: &[Para], lang: &str, colour: &str) -> String {
    let runs = paragraphs(paras, lang).replace(
        " dirty=\"0\"/>",
        &format!(r#" dirty="0"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:rPr>"#),
    );
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>{}{runs}</p:txBody></p:sp>"#,
        xfrm(r),
        if name == "Source" {
            bottom_body_pr()
        } else {
            body_pr()
        }
    )
}

fn bottom_body_pr() -> &'static str {
    r#"<a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="b"><a:noAutofit/></a:bodyPr><a:lstStyle/>"#
}

const GROUP: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

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
    let title = [Para {
        text: text.title.clone(),
        bold: true,
        size: None,
        kind: ParaKind::Plain,
    }];
    let mut shapes = Vec::new();
    if text.opening {
        shapes.push(placeholder(
            2,
            "Title 1",
            r#"type="ctrTitle""#,
            &title,
            lang,
        ));
        shapes.push(placeholder(
            3,
            "Subtitle 2",
            r#"type="subTitle" idx="1""#,
            &text.body,
            lang,
        ));
    } else {
        let beside_icon = icon.is_some() && text.icon_beside_title;
        let title_at = beside_icon.then_some(Rect(
            TITLE.0,
            TITLE.1,
            TITLE.2 - SMALL_ICON - ICON_GAP,
            TITLE.3,
        ));
        shapes.push(placed_placeholder(
            2,
            "Title 1",
            r#"type="title""#,
            title_at,
            &title,
            lang,
        ));
        // As in the deck: the icon of a chart, channels or contacts sits beside the title, any
        // other icon left of the body, which then starts after it.
        let mut area = BODY;
        if let Some((rel, name)) = icon {
            let at = if !text.icon_beside_title {
                area = Rect(
                    BODY.0 + ICON + ICON_GAP,
                    BODY.1,
                    BODY.2 - ICON - ICON_GAP,
                    BODY.3,
                );
                Rect(BODY.0, BODY.1 + (BODY.3 - ICON) / 2, ICON, ICON)
            } else {
                Rect(
                    TITLE.0 + TITLE.2 - SMALL_ICON,
                    TITLE.1,
                    SMALL_ICON,
                    SMALL_ICON,
                )
            };
            shapes.push(picture(5, rel, &format!("Icon: {name}"), at));
        }
        let half = (area.2 - MARGIN) / 2;
        if !text.chart.is_empty() {
            let at = Some(LEFT);
            shapes.push(placed_placeholder(
                3,
                "Content 2",
                r#"idx="1""#,
                at,
                &text.body,
                lang,
            ));
            shapes.push(chart(text, lang, colours));
        } else if text.right.is_empty() {
            let at = icon.map(|_| area);
            shapes.push(placed_placeholder(
                3,
                "Content 2",
                r#"idx="1""#,
                at,
                &text.body,
                lang,
            ));
        } else {
            let left = icon.map(|_| Rect(area.0, area.1, half, area.3));
            let right = icon.map(|_| Rect(area.0 + half + MARGIN, area.1, half, area.3));
            let (ph_left, ph_right) = (r#"sz="half" idx="1""#, r#"sz="half" idx="2""#);
            shapes.push(placed_placeholder(
                3,
                "Content 2",
                ph_left,
                left,
                &text.body,
                lang,
            ));
            shapes.push(placed_placeholder(
                4,
                "Content 3",
                ph_right,
                right,
                &text.right,
                lang,
            ));
        }
    }
    if let Some(logo) = logo {
        let width = LOGO_H * i64::from(logo.width) / i64::from(logo.height.max(1));
        let at = Rect(SLIDE_W - MARGIN - width, MARGIN / 2, width, LOGO_H);
        shapes.push(logo_picture(logo.rel, logo.alt, at));
    }
    if let Some((organization, number)) = &text.footer {
        let colour = if text.dark { "E2E8F0" } else { "475569" };
        let line = [Para {
            text: organization.clone(),
            bold: false,
            size: Some(14),
            kind: ParaKind::Plain,
        }];
        shapes.push(text_box(11, "Footer", FOOTER, &line, lang, colour));
        shapes.push(slide_number(*number, lang, colour));
    }
    if let Some(source) = &text.source {
        let line = [Para {
            text: source.clone(),
            bold: false,
            size: Some(14),
            kind: ParaKind::Plain,
        }];
        let colour = if text.dark { "E2E8F0" } else { colours.ink };
        shapes.push(text_box(10, "Source", SOURCE, &line, lang, colour));
    }
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

const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;

fn layout_placeholder(id: usize, name: &str, ph: &str, r: Rect) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody>{}<a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>"#,
        xfrm(r),
        body_pr()
    )
}

fn level_style(tag: &str, size: u32, colour: &str, bold: bool) -> String {
    let b = if bold { r#" b="1""# } else { "" };
    format!(
        r#"<a:{tag} marL="0" indent="0" algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="1000"/></a:spcBef><a:buNone/><a:defRPr sz="{}"{b}><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:latin typeface="Arial"/><a:cs typeface="Arial"/></a:defRPr></a:{tag}>"#,
        hundredths(size)
    )
}

pub fn slide_master(colours: &Colours) -> String {
    let shapes = [
        layout_placeholder(2, "Title Placeholder 1", r#"type="title""#, TITLE),
        layout_placeholder(3, "Text Placeholder 2", r#"type="body" idx="1""#, BODY),
    ]
    .concat();
    let body: String = (1..=3)
        .map(|l| level_style(&format!("lvl{l}pPr"), 28, colours.ink, false))
        .collect();
    format!(
        r#"{DECL}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{GROUP}{shapes}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/><p:sldLayoutId id="2147483650" r:id="rId2"/><p:sldLayoutId id="2147483651" r:id="rId3"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle>{}</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle><p:otherStyle>{}</p:otherStyle></p:txStyles></p:sldMaster>"#,
        level_style("lvl1pPr", 40, colours.navy, true),
        level_style("lvl1pPr", 18, colours.ink, false),
    )
}

pub fn slide_master_rels() -> String {
    rels(&[
        ("slideLayout", "../slideLayouts/slideLayout1.xml".into()),
        ("slideLayout", "../slideLayouts/slideLayout2.xml".into()),
        ("slideLayout", "../slideLayouts/slideLayout3.xml".into()),
        ("theme", "../theme/theme1.xml".into()),
    ])
}

/// Layout `n` (1 title, 2 title and content, 3 two content).
pub fn slide_layout(n: usize) -> String {
    let (kind, name, shapes) = match n {
        1 => (
            "title",
            "Title Slide",
            vec![
                layout_placeholder(2, "Title 1", r#"type="ctrTitle""#, CENTRE_TITLE),
                layout_placeholder(3, "Subtitle 2", r#"type="subTitle" idx="1""#, SUBTITLE),
            ],
        ),
        2 => (
            "obj",
            "Title and Content",
            vec![
                layout_placeholder(2, "Title 1", r#"type="title""#, TITLE),
                layout_placeholder(3, "Content Placeholder 2", r#"idx="1""#, BODY),
            ],
        ),
        _ => (
            "twoObj",
            "Two Content",
            vec![
                layout_placeholder(2, "Title 1", r#"type="title""#, TITLE),
                layout_placeholder(3, "Content Placeholder 2", r#"sz="half" idx="1""#, LEFT),
                layout_placeholder(4, "Content Placeholder 3", r#"sz="half" idx="2""#, RIGHT),
            ],
        ),
    };
    format!(
        r#"{DECL}<p:sldLayout {NS} type="{kind}" preserve="1"><p:cSld name="{name}"><p:spTree>{GROUP}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#,
        shapes.concat()
    )
}

pub fn notes_master(colours: &Colours) -> String {
    let image = Rect(1_143_000, 685_800, 4_572_000, 2_571_750);
    let notes = Rect(685_800, 3_429_000, 5_486_400, 5_029_200);
    let shapes = format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr></p:sp>{}"#,
        xfrm(image),
        layout_placeholder(3, "Notes Placeholder 2", r#"type="body" idx="1""#, notes)
    );
    format!(
        r#"{DECL}<p:notesMaster {NS}><p:cSld><p:spTree>{GROUP}{shapes}</p:spTree></p:cSld>{CLR_MAP}<p:notesStyle>{}</p:notesStyle></p:notesMaster>"#,
        level_style("lvl1pPr", 14, colours.ink, false)
    )
}
