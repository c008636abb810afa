//! The slide master with its three layouts, and the notes master: the placeholders a slide
//! fills and the deck's type sizes and colours as their defaults.

use super::package::rels;
use super::parts::{
    BODY, CENTRE_TITLE, Colours, DECL, GROUP, LEFT, NS, RIGHT, Rect, SUBTITLE, TITLE, body_pr,
    hundredths, xfrm,
};

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
