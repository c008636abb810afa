//! The compiled documents themselves: every PDF of the kit with its page count.

use super::files::{CompiledKit, KitFile};

/// One file per compiled document, at the document's path in the kit.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    kit.documents
        .iter()
        .map(|(doc, compiled)| KitFile {
            path: doc.path.clone(),
            bytes: compiled.pdf.clone(),
            pages: Some(compiled.pages),
        })
        .collect()
}
