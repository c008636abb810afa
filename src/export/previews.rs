//! `previews/slide-NN.png`: a small picture of every slide, for checking a kit at a glance.

use super::files::{CompiledKit, KitFile};

/// The deck's previews, numbered from 1.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    let mut files = Vec::new();
    for (_, compiled) in kit.documents {
        for (i, png) in compiled.previews.iter().enumerate() {
            files.push(KitFile {
                path: format!("previews/slide-{:02}.png", i + 1),
                bytes: png.clone(),
                pages: None,
            });
        }
    }
    files
}
