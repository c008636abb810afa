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
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixels_per_pt),
        render_bleed: false,
    };
    paged
        .pages()
        .iter()
        .map(|page| {
            let pixmap = typst_render::render(page, &options);
            let rgb: Vec<u8> = pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|px| [px[0], px[1], px[2]])
                .collect();
            rgb_png(pixmap.width(), pixmap.height(), &rgb)
        })
        .collect()
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
