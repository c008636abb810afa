//! The Typst world: an in-memory file map over the shared font book and standard library.
//!
//! The embedded fonts come from [`crate::load::fonts`], shared by every compile, so documents
//! can compile in parallel. No system fonts, no package downloads, no disk access: a document
//! can read only the files its [`Document`] carries.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, Duration, Str, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::render::document::Document;

/// The input that tells the deck theme's `slide-slot` to leave its box empty for the build to
/// fill with the compiled slide; a standalone Typst compiling `--sources` lacks it and lays the
/// slide out in place.
pub const SLOTS_INPUT: (&str, &str) = ("workshop-slots", "fill");

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| {
    let inputs = Dict::from_iter([(Str::from(SLOTS_INPUT.0), Value::Str(SLOTS_INPUT.1.into()))]);
    LazyHash::new(Library::builder().with_inputs(inputs).build())
});

/// The id of a file at an absolute virtual path such as `/main.typ`.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("virtual paths built by the tool are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The world one document compiles in.
pub struct DocumentWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl DocumentWorld {
    /// A world serving `document`'s source as `/main.typ` plus its files, with `today` as the date.
    pub fn new(document: &Document, today: Datetime) -> Self {
        let main = Source::new(file_id("/main.typ"), document.source.clone());
        let files = document
            .files
            .iter()
            .map(|(path, bytes)| (file_id(path), Bytes::new(bytes.clone())))
            .collect();
        DocumentWorld { main, files, today }
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        crate::load::fonts::book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        crate::load::fonts::font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
