//! What Typst makes of a laid-out document: PDF/UA-1 bytes with pinned metadata and PNG
//! previews.
//!
//! These run on the compile workers (and in the limited worker process), because Typst's laid-out
//! document cannot leave them and drawing is most of a build's time; the export stage then
//! only arranges the bytes into kit files.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::load::clock::BuildTime;

/// The PDF creator string, pinned so that a Typst upgrade is a visible change.
pub const CREATOR: &str = concat!("workshop ", env!("CARGO_PKG_VERSION"), " (Typst 0.15.1)");

/// How large slide previews are: 0.75 px per pt gives 631 x 355 px for a 16:9 slide.
pub const PREVIEW_PIXELS_PER_PT: f64 = 0.75;

/// The build time as a Typst date and time, for the PDF metadata.
pub fn typst_datetime(time: BuildTime) -> Datetime {
    let date = time.date();
    let (h, m, s) = time.time_of_day();
    Datetime::from_ymd_hms(date.year, date.month, date.day, h, m, s)
        .expect("a date from Unix seconds is valid")
}

/// The PDF export options of every document: PDF/UA-1, the pinned creator, the build's time
/// and an identifier from the kit and path, so the same inputs give the same bytes.
pub fn pdf_options(ident: String, time: BuildTime) -> PdfOptions {
    PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        timestamp: Some(Timestamp::new_utc(typst_datetime(time))),
        // Every document is PDF/UA-1: accessible, and checked for it by Typst on export.
        standards: PdfStandards::new(&[PdfStandard::Ua_1])
            .expect("PDF/UA-1 alone is a valid standard set"),
        ..PdfOptions::default()
    }
}

/// Every page of a document as PNG at `pixels_per_pt`. Pages are opaque, so the PNGs are RGB,
/// and they use fast compression: previews are for looking, not archiving.
pub fn previews(paged: &PagedDocument, pixels_per_pt: f64) -> Vec<Vec<u8>> {
    pages_rgb(paged, pixels_per_pt)
        .map(|picture| rgb_png(picture.width, picture.height, &picture.rgb))
        .collect()
}

/// Every page as PNG at `pixels_per_pt` and at half that size as pixels, for the contact
/// sheet (made from the pixels at hand instead of decoding the PNGs again).
pub fn previews_and_halves(
    paged: &PagedDocument,
    pixels_per_pt: f64,
) -> (Vec<Vec<u8>>, Vec<Picture>) {
    pages_rgb(paged, pixels_per_pt)
        .map(|picture| {
            (
                rgb_png(picture.width, picture.height, &picture.rgb),
                picture.halved(),
            )
        })
        .unzip()
}

/// An RGB picture: `width` x `height` pixels, 3 bytes each, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

impl Picture {
    /// The picture at half its width and height: each pixel the rounded mean of the 2 x 2
    /// pixels it replaces, an odd last column or row dropped (integer arithmetic, so the same
    /// pixels always give the same half).
    pub fn halved(&self) -> Picture {
        let (width, height) = (self.width / 2, self.height / 2);
        let stride = self.width as usize * 3;
        let row_bytes = width as usize * 3;
        let mut rgb = vec![0u8; row_bytes * height as usize];
        for (row, out) in rgb.chunks_exact_mut(row_bytes.max(1)).enumerate() {
            let top = &self.rgb[2 * row * stride..][..row_bytes * 2];
            let bottom = &self.rgb[(2 * row + 1) * stride..][..row_bytes * 2];
            for ((pixel, t), b) in out
                .chunks_exact_mut(3)
                .zip(top.chunks_exact(6))
                .zip(bottom.chunks_exact(6))
            {
                for c in 0..3 {
                    let sum = u16::from(t[c])
                        + u16::from(t[c + 3])
                        + u16::from(b[c])
                        + u16::from(b[c + 3]);
                    pixel[c] = ((sum + 2) / 4) as u8;
                }
            }
        }
        Picture { width, height, rgb }
    }
}

/// Every page drawn at `pixels_per_pt`, as RGB (the pages are opaque).
fn pages_rgb(paged: &PagedDocument, pixels_per_pt: f64) -> impl Iterator<Item = Picture> + '_ {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixels_per_pt),
        render_bleed: false,
    };
    paged.pages().iter().map(move |page| {
        let pixmap = typst_render::render(page, &options);
        let mut rgb = vec![0u8; pixmap.data().len() / 4 * 3];
        for (out, px) in rgb.chunks_exact_mut(3).zip(pixmap.data().chunks_exact(4)) {
            out.copy_from_slice(&px[..3]);
        }
        Picture {
            width: pixmap.width(),
            height: pixmap.height(),
            rgb,
        }
    })
}

/// An RGB picture as PNG with fixed settings (fast compression: previews are for looking, not
/// archiving), so the same pixels always give the same bytes.
pub fn rgb_png(width: u32, height: u32, rgb: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder
        .write_header()
        .expect("writing to memory cannot fail");
    writer
        .write_image_data(rgb)
        .expect("the image data matches its header");
    writer.finish().expect("writing to memory cannot fail");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halving_averages_each_square_of_four() {
        let rgb = (0..3u32)
            .flat_map(|y| (0..5u32).flat_map(move |x| [(x * 60 + y) as u8; 3]))
            .collect();
        let half = Picture {
            width: 5,
            height: 3,
            rgb,
        }
        .halved();
        assert_eq!((half.width, half.height), (2, 1));
        assert_eq!(half.rgb, [31, 31, 31, 151, 151, 151]);
    }
}
