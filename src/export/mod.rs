//! The outputs of a kit, in the manner of mdBook's renderers: each module takes the resolved kit
//! and its compiled documents and returns the kit files it contributes.
//!
//! The bundle stage only collects these files, adds the manifest that hashes them all, and
//! zips them. A new output format is one new module and one line in [`OUTPUTS`].

mod files;
pub mod overview;
pub mod pdf;
pub mod pdfpc;
pub mod pptx;
pub mod present;
pub mod previews;

pub use files::{CompiledKit, KitFile, documents_of, zip_entry_options, zip_time};

/// An output format: the files it adds to a kit.
pub type Output = fn(&CompiledKit) -> Vec<KitFile>;

/// Every output by name, in the order its files are listed in the manifest.
pub const OUTPUTS: &[(&str, Output)] = &[
    ("pdf", pdf::files),
    ("previews", previews::files),
    ("overview", overview::files),
    ("pdfpc", pdfpc::files),
    ("pptx", pptx::files),
    ("present", present::files),
];

/// The files every output but those named in `skip` contributes to one kit, in the order of
/// [`OUTPUTS`]. The outputs are made side by side: the last kit of a run is bundled while
/// nothing else is left to compile, and its contact sheet, PPTX and present.html then share
/// the cores.
pub fn kit_files(kit: &CompiledKit, skip: &[&str]) -> Vec<KitFile> {
    std::thread::scope(|scope| {
        let made: Vec<_> = OUTPUTS
            .iter()
            .filter(|(name, _)| !skip.contains(name))
            .map(|(_, output)| scope.spawn(move || output(kit)))
            .collect();
        made.into_iter()
            .flat_map(|output| output.join().expect("an output does not panic"))
            .collect()
    })
}
