//! The pictures and drawn shapes of a slide: its icon, the event's logo, the slide-number
//! field and a statistic's bars.

use super::parts::{Colours, NUMBER, RIGHT, Rect, body_pr, esc, hundredths, text_box, xfrm};
use super::text::{Para, ParaKind, SlideText};

/// The deck's icon sizes (112 pt and 52 pt on the PDF slide) and the gap after a body icon.
pub const ICON: i64 = 1_625_600;
pub const SMALL_ICON: i64 = 754_380;
pub const ICON_GAP: i64 = 493_776;

/// A picture of the slide (`rel`: its relationship id), with its alternative text, marked
/// decorative as the PDF marks the icon an artifact.
pub fn picture(id: usize, rel: &str, descr: &str, at: Rect) -> String {
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="Icon" descr="{}"><a:extLst><a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst></p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(descr),
        xfrm(at)
    )
}

/// The slide's number as PowerPoint's slide-number field, right-aligned: it follows the slide
/// when slides are reordered.
pub fn slide_number(number: usize, lang: &str, colour: &str) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="12" name="Slide number"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>{}<a:p><a:pPr algn="r"/><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="{lang}" sz="{}" dirty="0"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:rPr><a:t>{number}</a:t></a:fld></a:p></p:txBody></p:sp>"#,
        xfrm(NUMBER),
        body_pr(),
        hundredths(14)
    )
}

/// The event's logo, with its alt text (not decorative: it says whose session this is).
pub fn logo_picture(rel: &str, alt: &str, at: Rect) -> String {
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="6" name="Logo" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        esc(alt),
        xfrm(at)
    )
}

/// A statistic's bars as shapes, grouped under the chart's alternative text: for each bar its
/// label, a bar as long as its share, and its value, in the right half of the slide.
pub fn chart(text: &SlideText, lang: &str, colours: &Colours) -> String {
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
            body_pr(),
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
            body_pr(),
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
