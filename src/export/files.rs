//! What an output reads (a kit and its compiled documents) and what it returns (kit files).

use crate::compile::single::Compiled;
use crate::plan::Kit;
use crate::render::document::Document;

/// A file of a kit: its path inside the kit folder and its bytes.
#[derive(Debug, Clone)]
pub struct KitFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub pages: Option<usize>,
}

/// What every output reads: a resolved kit and its compiled documents.
pub struct CompiledKit<'a> {
    pub kit: &'a Kit,
    pub documents: &'a [(&'a Document, &'a Compiled)],
}

/// The documents of kit `index` with their compiled results (`compiled` in the order of
/// `documents`).
pub fn documents_of<'a>(
    index: usize,
    documents: &'a [Document],
    compiled: &'a [Compiled],
) -> Vec<(&'a Document, &'a Compiled)> {
    documents
        .iter()
        .zip(compiled)
        .filter(|(doc, _)| doc.kit == index)
        .collect()
}
