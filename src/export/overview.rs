//! `previews/overview.png`: every slide of the deck on one contact sheet, so that a presenter
//! can check the whole deck (order, pictures, nothing missing) at a glance.
//!
//! It is made from the deck's previews at half their size (2 x 2 pixels averaged when the
//! previews are drawn, so the sheet stays a few screens' worth of pixels), laid out in reading
//! order on a light grey ground that sets white slides apart. Fixed PNG settings make the same
//! previews give the same bytes.

use super::files::{CompiledKit, KitFile};
use crate::compile::output::{Picture, rgb_png};

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
    let halves: Vec<&Picture> = kit
        .documents
        .iter()
        .flat_map(|(_, compiled)| &compiled.halves)
        .collect();
    if halves.is_empty() {
        return Vec::new();
    }
    let sheet = sheet(&halves);
    vec![KitFile {
        path: PATH.to_string(),
        bytes: rgb_png(sheet.width, sheet.height, &sheet.rgb),
        pages: None,
    }]
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

/// The halved previews in rows of [`COLUMNS`], in reading order, on the ground colour; each
/// cell the size of the first (a deck's pages are one size).
fn sheet(halves: &[&Picture]) -> Picture {
    let (width, height) = (halves[0].width, halves[0].height);
    let (sheet_width, sheet_height) = sheet_size(halves.len(), width, height);
    let mut rgb = GROUND.repeat(sheet_width as usize * sheet_height as usize);
    let stride = sheet_width as usize * 3;
    for (i, half) in halves.iter().enumerate() {
        let (column, row) = ((i % COLUMNS) as u32, (i / COLUMNS) as u32);
        let x = (GAP + column * (width + GAP)) as usize;
        let y = (GAP + row * (height + GAP)) as usize;
        let cell = width.min(half.width) as usize * 3;
        let half_stride = half.width as usize * 3;
        for cell_row in 0..height.min(half.height) as usize {
            let start = (y + cell_row) * stride + x * 3;
            rgb[start..start + cell].copy_from_slice(&half.rgb[cell_row * half_stride..][..cell]);
        }
    }
    Picture {
        width: sheet_width,
        height: sheet_height,
        rgb,
    }
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
    fn slides_sit_in_reading_order_on_the_ground() {
        let slide = |v: u8| Picture {
            width: 2,
            height: 1,
            rgb: vec![v; 6],
        };
        let halves: Vec<_> = (0..6).map(|i| slide(i * 10)).collect();
        let sheet = sheet(&halves.iter().collect::<Vec<_>>());
        assert_eq!((sheet.width, sheet.height), sheet_size(6, 2, 1));
        let pixel = |x: u32, y: u32| {
            let at = (y * sheet.width + x) as usize * 3;
            [sheet.rgb[at], sheet.rgb[at + 1], sheet.rgb[at + 2]]
        };
        assert_eq!(pixel(0, 0), GROUND);
        assert_eq!(pixel(GAP, GAP), [0; 3]);
        assert_eq!(pixel(GAP + 4 * (2 + GAP), GAP), [40; 3]);
        assert_eq!(pixel(GAP, 2 * GAP + 1), [50; 3]);
        assert_eq!(pixel(GAP + 2 + GAP, 2 * GAP + 1), GROUND);
    }
}
