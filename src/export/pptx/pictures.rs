//! The deck's pictures for PowerPoint: each slide's icon as a PNG (every presentation app
//! reads PNG; PowerPoint's own SVG extension would still need one as a fallback), drawn from
//! the very SVG file the PDF deck places, on the slide's background.

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{Options, Tree};

/// Pixels along a side of an icon picture: sharp at the size it is shown from the back row.
const ICON_PIXELS: u32 = 256;

/// `svg` as a square PNG on `background` (`RRGGBB`), or `None` if it cannot be drawn.
pub fn icon_png(svg: &[u8], background: &str) -> Option<Vec<u8>> {
    let channel = |i: usize| u8::from_str_radix(background.get(i..i + 2)?, 16).ok();
    let background = Color::from_rgba8(channel(0)?, channel(2)?, channel(4)?, 255);
    let tree = Tree::from_data(svg, &Options::default()).ok()?;
    let size = tree.size();
    let scale = ICON_PIXELS as f32 / size.width().max(size.height());
    draw(&tree, ICON_PIXELS, ICON_PIXELS, scale, background)
}

/// The event's logo for PowerPoint: its bytes (PNG and JPEG as given, SVG drawn as a PNG), the
/// file extension and its width and height in pixels, for placing it without distortion.
pub fn logo(bytes: &[u8], extension: &str) -> Option<(Vec<u8>, &'static str, u32, u32)> {
    if extension != "svg" {
        // The loader has checked the file is the image it claims; its header gives the size.
        let (width, height) = image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .ok()?
            .into_dimensions()
            .ok()?;
        let extension = if extension == "png" { "png" } else { "jpeg" };
        return Some((bytes.to_vec(), extension, width, height));
    }
    let tree = Tree::from_data(bytes, &Options::default()).ok()?;
    let size = tree.size();
    let width = LOGO_PIXELS;
    let height = ((LOGO_PIXELS as f32 * size.height() / size.width()).round() as u32).max(1);
    let png = draw(
        &tree,
        width,
        height,
        width as f32 / size.width(),
        Color::WHITE,
    )?;
    Some((png, "png", width, height))
}

/// Pixels across an SVG logo drawn as PNG.
const LOGO_PIXELS: u32 = 512;

/// `tree` drawn at `scale` on an opaque `background`, as a `width` x `height` PNG.
fn draw(tree: &Tree, width: u32, height: u32, scale: f32, background: Color) -> Option<Vec<u8>> {
    let mut pixmap = Pixmap::new(width, height)?;
    pixmap.fill(background);
    resvg::render(
        tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The background is opaque, so the premultiplied pixels are the colours themselves.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    Some(crate::compile::output::rgb_png(width, height, &rgb))
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
