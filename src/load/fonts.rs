//! The embedded fonts (Noto Sans and typst-assets), loaded once per process and shared.
//!
//! Rendering asks which characters they can draw (so that none prints as an empty box) and every
//! Typst world serves the same font book, so documents can compile in parallel. No system fonts.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

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

/// The book of every embedded font, as Typst looks fonts up.
pub fn book() -> &'static LazyHash<FontBook> {
    &FONTS.book
}

/// The embedded font at `index` of the [`book`].
pub fn font(index: usize) -> Option<Font> {
    FONTS.fonts.get(index).cloned()
}

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
