//! `previews/overview.png`: every slide of the deck on one contact sheet, so that a presenter
//! can check the whole deck (order, pictures, nothing missing) at a glance.
//!
//! It is made from the deck's PNG previews, the only document that has them: each preview is
//! halved (2 x 2 pixels averaged, so the sheet stays a few screens' worth of pixels) and laid
//! out in reading order on a light grey ground that sets white slides apart. Integer
//! arithmetic and fixed PNG settings make the same previews give the same bytes.

use super::files::{CompiledKit, KitFile};
use crate::compile::output::rgb_png;

/// Where the contact sheet goes in the kit.
const PATH: &str = "previews/overview.png";

/// Slides per row (fewer when the deck is shorter): five halved 16:9 slides make a sheet about
/// as wide as a laptop screen.
const COLUMNS: usize = 5;

/// Pixels between the slides and around the sheet.
const GAP: u32 = 8;

/// The ground between the slides: a light grey (slate 200).
const GROUND: [u8; 3] = [0xE2, 0xE8, 0xF0];

/// The contact sheet of the deck, if the kit has a deck with previews.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    let pngs: Vec<&[u8]> = kit
        .documents
        .iter()
        .flat_map(|(_, compiled)| compiled.previews.iter().map(Vec::as_slice))
        .collect();
    let previews = decode_all(&pngs);
    if previews.is_empty() {
        return Vec::new();
    }
    vec![KitFile {
        path: PATH.to_string(),
        bytes: encode(&sheet(&previews)),
        pages: None,
    }]
}

/// The previews as pixels, in order. Decoding is most of the sheet's time and the compile
/// workers are done by now, so the previews are decoded on every core, in equal runs.
fn decode_all(pngs: &[&[u8]]) -> Vec<image::RgbImage> {
    let decode = |png: &&[u8]| {
        image::load_from_memory_with_format(png, image::ImageFormat::Png)
            .expect("the deck's previews are the PNGs the compile stage drew")
            .into_rgb8()
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let run = pngs.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let runs: Vec<_> = pngs
            .chunks(run)
            .map(|chunk| scope.spawn(move || chunk.iter().map(decode).collect::<Vec<_>>()))
            .collect();
        runs.into_iter()
            .flat_map(|run| run.join().expect("decoding a preview does not panic"))
            .collect()
    })
}

/// The size of the sheet for `count` slides of `width` x `height` pixels once halved.
fn sheet_size(count: usize, width: u32, height: u32) -> (u32, u32) {
    let columns = count.clamp(1, COLUMNS) as u32;
    let rows = count.div_ceil(COLUMNS).max(1) as u32;
    (
        columns * width + (columns + 1) * GAP,
        rows * height + (rows + 1) * GAP,
    )
}

/// The previews halved, in rows of [`COLUMNS`], in reading order, on the ground colour; each
/// the size of the first halved (a deck's pages are one size).
fn sheet(previews: &[image::RgbImage]) -> image::RgbImage {
    let (width, height) = (previews[0].width() / 2, previews[0].height() / 2);
    let (sheet_width, sheet_height) = sheet_size(previews.len(), width, height);
    let mut sheet = image::RgbImage::from_pixel(sheet_width, sheet_height, image::Rgb(GROUND));
    let stride = sheet_width as usize * 3;
    let pixels: &mut [u8] = &mut sheet;
    for (i, preview) in previews.iter().enumerate() {
        let (column, row) = ((i % COLUMNS) as u32, (i / COLUMNS) as u32);
        let x = (GAP + column * (width + GAP)) as usize;
        let y = (GAP + row * (height + GAP)) as usize;
        let cell_width = width.min(preview.width() / 2) as usize;
        for cell_row in 0..height.min(preview.height() / 2) as usize {
            let start = (y + cell_row) * stride + x * 3;
            halve_row(
                preview,
                cell_row,
                &mut pixels[start..start + cell_width * 3],
            );
        }
    }
    sheet
}

/// Row `row` of a picture at half its width and height into `out` (RGB): each pixel the
/// rounded mean of the 2 x 2 pixels it replaces, an odd last column or row dropped.
fn halve_row(picture: &image::RgbImage, row: usize, out: &mut [u8]) {
    let stride = picture.width() as usize * 3;
    let top = &picture.as_raw()[2 * row * stride..][..stride];
    let bottom = &picture.as_raw()[(2 * row + 1) * stride..][..stride];
    for (x, pixel) in out.chunks_exact_mut(3).enumerate() {
        for (c, value) in pixel.iter_mut().enumerate() {
            let at = 6 * x + c;
            let sum = u32::from(top[at])
                + u32::from(top[at + 3])
                + u32::from(bottom[at])
                + u32::from(bottom[at + 3]);
            *value = ((sum + 2) / 4) as u8;
        }
    }
}

/// The sheet as an RGB PNG with fixed settings, so the same pixels give the same bytes.
fn encode(sheet: &image::RgbImage) -> Vec<u8> {
    rgb_png(sheet.width(), sheet.height(), sheet.as_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_has_rows_of_five_with_gaps() {
        assert_eq!(sheet_size(1, 10, 5), (10 + 2 * GAP, 5 + 2 * GAP));
        assert_eq!(sheet_size(5, 10, 5), (50 + 6 * GAP, 5 + 2 * GAP));
        assert_eq!(sheet_size(6, 10, 5), (50 + 6 * GAP, 10 + 3 * GAP));
    }

    #[test]
    fn halving_averages_each_square_of_four() {
        let picture = image::RgbImage::from_fn(5, 3, |x, y| image::Rgb([(x * 60 + y) as u8; 3]));
        let mut row = [0u8; 6];
        halve_row(&picture, 0, &mut row);
        assert_eq!(row, [31, 31, 31, 151, 151, 151]);
    }

    #[test]
    fn slides_sit_in_reading_order_on_the_ground() {
        let slide = |v: u8| image::RgbImage::from_pixel(4, 2, image::Rgb([v; 3]));
        let previews: Vec<_> = (0..6).map(|i| slide(i * 10)).collect();
        let sheet = sheet(&previews);
        assert_eq!((sheet.width(), sheet.height()), sheet_size(6, 2, 1));
        assert_eq!(sheet.get_pixel(0, 0).0, GROUND);
        assert_eq!(sheet.get_pixel(GAP, GAP).0, [0; 3]);
        assert_eq!(sheet.get_pixel(GAP + 4 * (2 + GAP), GAP).0, [40; 3]);
        assert_eq!(sheet.get_pixel(GAP, 2 * GAP + 1).0, [50; 3]);
        assert_eq!(sheet.get_pixel(GAP + 2 + GAP, 2 * GAP + 1).0, GROUND);
    }
}
