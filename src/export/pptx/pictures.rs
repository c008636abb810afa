//! The deck's pictures for PowerPoint: each slide's icon as a PNG (every presentation app
//! reads PNG; PowerPoint's own SVG extension would still need one as a fallback), drawn from
//! the very SVG file the PDF deck places, on the slide's background.

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{Options, Tree};

/// Pixels along a side of an icon picture: sharp at the size it is shown from the back row.
const ICON_PIXELS: u32 = 256;

/// `svg` as a square PNG on `background` (`RRGGBB`), or `None` if it cannot be drawn.
pub fn icon_png(svg: &[u8], background: &str) -> Option<Vec<u8>> {
    let tree = Tree::from_data(svg, &Options::default()).ok()?;
    let mut pixmap = Pixmap::new(ICON_PIXELS, ICON_PIXELS)?;
    let channel = |i: usize| u8::from_str_radix(background.get(i..i + 2)?, 16).ok();
    pixmap.fill(Color::from_rgba8(
        channel(0)?,
        channel(2)?,
        channel(4)?,
        255,
    ));
    let size = tree.size();
    let scale = ICON_PIXELS as f32 / size.width().max(size.height());
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The background is opaque, so the premultiplied pixels are the colours themselves.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    Some(crate::compile::output::rgb_png(
        ICON_PIXELS,
        ICON_PIXELS,
        &rgb,
    ))
}

/// The event's logo for PowerPoint: its bytes (PNG and JPEG as given, SVG drawn as a PNG), the
/// file extension and its width and height in pixels, for placing it without distortion.
pub fn logo(bytes: &[u8], extension: &str) -> Option<(Vec<u8>, &'static str, u32, u32)> {
    match extension {
        "png" => {
            let width = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
            let height = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
            Some((bytes.to_vec(), "png", width, height))
        }
        "jpg" => {
            let (width, height) = jpeg_size(bytes)?;
            Some((bytes.to_vec(), "jpeg", width, height))
        }
        _ => {
            let tree = Tree::from_data(bytes, &Options::default()).ok()?;
            let size = tree.size();
            let width = 512u32;
            let height = ((512.0 * size.height() / size.width()).round() as u32).max(1);
            let mut pixmap = Pixmap::new(width, height)?;
            pixmap.fill(Color::WHITE);
            let scale = width as f32 / size.width();
            resvg::render(
                &tree,
                Transform::from_scale(scale, scale),
                &mut pixmap.as_mut(),
            );
            let rgb: Vec<u8> = pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            let png = crate::compile::output::rgb_png(width, height, &rgb);
            Some((png, "png", width, height))
        }
    }
}

/// A JPEG's size, from its first start-of-frame marker.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let height = u16::from_be_bytes([bytes[at + 5], bytes[at + 6]]);
            let width = u16::from_be_bytes([bytes[at + 7], bytes[at + 8]]);
            return Some((u32::from(width), u32::from(height)));
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_icon_is_drawn_on_its_background() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#ffffff" stroke-width="2"><path d="M4 12h16"/></svg>"##;
        let png = icon_png(svg, "1F3A5F").unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(icon_png(b"not svg", "FFFFFF"), None);
    }
}
