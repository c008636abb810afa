//! QR codes for the reporting channels' web addresses, as SVG for the virtual file map.

use qrcode::QrCode;
use qrcode::render::svg;

/// The address a QR code beside a printed web address holds: `https://` and the address.
pub fn target(address: &str) -> String {
    format!("https://{address}")
}

/// An SVG QR code holding `text`, black on white with the standard quiet zone.
pub fn svg(text: &str) -> Vec<u8> {
    let code = QrCode::new(text.as_bytes()).expect("a web address fits in a QR code");
    code.render::<svg::Color>()
        .min_dimensions(120, 120)
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build()
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_svg_is_an_svg_and_stable() {
        let a = svg(&target("report.cybertip.org"));
        assert!(String::from_utf8_lossy(&a).contains("<svg"));
        assert_eq!(a, svg(&target("report.cybertip.org")));
        assert_ne!(a, svg(&target("takeitdown.ncmec.org")));
    }
}
