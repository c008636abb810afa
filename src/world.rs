//! The Typst world: an in-memory file map over one shared font book and standard library.
//!
//! Fonts are embedded (typst-assets and Noto Sans); the book is built once per process and
//! shared by every compile, so documents can compile in parallel. No system fonts, no package
//! downloads, no disk access: a document can read only the files its [`Document`] carries.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::render::Document;

/// The fonts every document may use, loaded once.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let noto: [&'static [u8]; 4] = [
        notosans::REGULAR_TTF,
        notosans::ITALIC_TTF,
        notosans::BOLD_TTF,
        notosans::BOLD_ITALIC_TTF,
    ];
    let fonts: Vec<Font> = noto
        .into_iter()
        .chain(typst_assets::fonts())
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The character printed in place of one no embedded font can draw.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Whether some embedded font has a glyph for `c`.
pub fn can_display(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || FONTS
            .fonts
            .iter()
            .any(|font| font.info().coverage.contains(c as u32))
}

/// `text` with every character no embedded font can draw replaced by [`REPLACEMENT`]:
/// accessible PDF may not contain text it cannot show, and an empty box tells no one anything.
pub fn displayable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(can_display) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| if can_display(c) { c } else { REPLACEMENT })
        .collect::<String>()
        .into()
}

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

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
        &FONTS.book
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
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_without_a_glyph_are_replaced_visibly() {
        assert!(can_display('é') && can_display('`') && can_display(REPLACEMENT));
        assert!(!can_display('👋'));
        assert_eq!(displayable("Hi 👋 Zoë"), "Hi \u{FFFD} Zoë");
        assert!(matches!(
            displayable("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
