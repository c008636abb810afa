//! The outputs of a kit, in the manner of mdBook's renderers: each module takes the resolved kit
//! and its compiled documents and returns the kit files it contributes.
//!
//! The bundle stage only collects these files, adds the manifest that hashes them all, and
//! zips them. A new output format is one new module and one line in [`OUTPUTS`].

mod files;
pub mod overview;
pub mod pdf;
pub mod pdfpc;
pub mod previews;

pub use files::{CompiledKit, KitFile, documents_of};

/// An output format: the files it adds to a kit.
pub type Output = fn(&CompiledKit) -> Vec<KitFile>;

/// Every output, in the order its files are listed in the manifest.
pub const OUTPUTS: &[Output] = &[pdf::files, previews::files, overview::files, pdfpc::files];

/// The files every output contributes to one kit, in the order of [`OUTPUTS`].
pub fn kit_files(kit: &CompiledKit) -> Vec<KitFile> {
    OUTPUTS.iter().flat_map(|output| output(kit)).collect()
}
