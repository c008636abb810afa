//! The embedded icon set: Lucide line icons (ISC licence, from the `icondata_lu` crate), by
//! their Lucide names, as SVG drawn in one colour.
//!
//! A slide names its icon in `content/` (or its kind's default is used); only the names listed
//! here exist, so a typo is refused when the content file is loaded.

use icondata_core::IconData;

/// Every icon a slide may use, by its Lucide name.
const ICONS: &[(&str, &IconData)] = &[
    ("ban", icondata_lu::LuBan),
    ("chart-column", icondata_lu::LuChartColumn),
    ("circle-help", icondata_lu::LuCircleHelp),
    ("clipboard-list", icondata_lu::LuClipboardList),
    ("clock", icondata_lu::LuClock),
    ("eye-off", icondata_lu::LuEyeOff),
    ("hand", icondata_lu::LuHand),
    ("hand-coins", icondata_lu::LuHandCoins),
    ("hand-heart", icondata_lu::LuHandHeart),
    ("handshake", icondata_lu::LuHandshake),
    ("heart", icondata_lu::LuHeart),
    ("heart-handshake", icondata_lu::LuHeartHandshake),
    ("life-buoy", icondata_lu::LuLifeBuoy),
    ("list-checks", icondata_lu::LuListChecks),
    ("lock", icondata_lu::LuLock),
    ("megaphone", icondata_lu::LuMegaphone),
    ("message-circle", icondata_lu::LuMessageCircle),
    ("message-circle-heart", icondata_lu::LuMessageCircleHeart),
    (
        "message-circle-warning",
        icondata_lu::LuMessageCircleWarning,
    ),
    ("phone", icondata_lu::LuPhone),
    ("phone-call", icondata_lu::LuPhoneCall),
    ("quote", icondata_lu::LuQuote),
    ("school", icondata_lu::LuSchool),
    ("shield", icondata_lu::LuShield),
    ("shield-alert", icondata_lu::LuShieldAlert),
    ("shield-check", icondata_lu::LuShieldCheck),
    ("smartphone", icondata_lu::LuSmartphone),
    ("triangle-alert", icondata_lu::LuTriangleAlert),
    ("user-round", icondata_lu::LuUserRound),
    ("users", icondata_lu::LuUsers),
];

/// The icon a slide of `kind` shows when its content names none (none for the title, section,
/// questions and sources slides, which carry no icon).
pub fn default_for(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "bullets" => "list-checks",
        "steps" | "reporting-steps" => "clipboard-list",
        "callout" => "message-circle",
        "two-column" => "handshake",
        "statistic" => "chart-column",
        "quote" => "quote",
        "resources" => "life-buoy",
        "contacts" => "phone",
        _ => return None,
    })
}

/// The names of every icon, for messages.
pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    ICONS.iter().map(|(name, _)| *name)
}

/// Whether `name` is an icon of the set.
pub fn exists(name: &str) -> bool {
    ICONS.iter().any(|(n, _)| *n == name)
}

/// The icon `name` as a standalone SVG whose strokes are drawn in `color` (`#rrggbb`).
pub fn svg(name: &str, color: &str) -> Option<Vec<u8>> {
    let (_, icon) = ICONS.iter().find(|(n, _)| *n == name)?;
    let attribute =
        |key: &str, value: Option<&str>| value.map_or(String::new(), |v| format!(" {key}=\"{v}\""));
    let stroke = icon
        .stroke
        .map(|s| if s == "currentColor" { color } else { s });
    let fill = icon
        .fill
        .map(|f| if f == "currentColor" { color } else { f });
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{}{}{}{}{}{}{}{}>{}</svg>\n",
        attribute("width", icon.width),
        attribute("height", icon.height),
        attribute("viewBox", icon.view_box),
        attribute("fill", fill),
        attribute("stroke", stroke),
        attribute("stroke-width", icon.stroke_width),
        attribute("stroke-linecap", icon.stroke_linecap),
        attribute("stroke-linejoin", icon.stroke_linejoin),
        icon.data
    );
    Some(svg.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_a_valid_svg_in_its_colour() {
        for name in names() {
            let svg = svg(name, "#1f3a5f").unwrap();
            let text = String::from_utf8(svg.clone()).unwrap();
            assert!(text.contains("stroke=\"#1f3a5f\""), "{name}");
            usvg::Tree::from_data(&svg, &usvg::Options::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        for kind in [
            "bullets",
            "steps",
            "callout",
            "statistic",
            "quote",
            "resources",
        ] {
            assert!(exists(default_for(kind).unwrap()), "{kind}");
        }
        assert!(!exists("skull") && svg("skull", "#000000").is_none());
    }
}
