//! Turning arbitrary text into Typst source that prints it literally.
//!
//! Typst markup gives meaning to most ASCII punctuation (`#` starts code, `//` a comment, `=` a
//! heading, `*` strong text, `$` math, `<` a label...). A backslash before any ASCII punctuation
//! character makes it a literal character, so the markup escaper puts one before each of them.
//! It never escapes letters: `\u{..}` would start a Unicode escape. No Typst types are used here,
//! so the escaper can be fuzzed without compiling Typst.

/// Escapes `text` for Typst markup so that every character prints as itself.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Typst markup for a web address that may wrap only after a `/`, `.` or `-`: each piece up to
/// and including such a run is an unbreakable box, and lines may break between boxes. (A zero-width
/// space would do the same but is copied with the address out of the PDF.)
pub fn web_address(url: &str) -> String {
    let mut out = String::with_capacity(url.len() * 2);
    let mut piece = String::new();
    let mut chars = url.chars().peekable();
    while let Some(c) = chars.next() {
        piece.push(c);
        let boundary = |c: &char| matches!(c, '/' | '.' | '-');
        if boundary(&c) && !chars.peek().is_some_and(boundary) {
            out.push_str(&format!("#box[{}]", markup(&piece)));
            piece.clear();
        }
    }
    if !piece.is_empty() {
        out.push_str(&format!("#box[{}]", markup(&piece)));
    }
    out
}

/// Escapes the project's own prose for markup: like [`markup`], but leaves straight quotes
/// unescaped so that Typst sets them as typographic quotes (`don't` -> `don’t`).
///
/// Only for text written by the project (content files), never for event values: a quote is
/// the one markup character whose effect is purely typographic.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        if c.is_ascii_punctuation() && c != '\'' && c != '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders `text` as a Typst string literal, quotes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_ascii_punctuation_and_nothing_else() {
        assert_eq!(markup("#set"), "\\#set");
        assert_eq!(markup("a // b"), "a \\/\\/ b");
        assert_eq!(markup("= Title"), "\\= Title");
        assert_eq!(markup("1. one"), "1\\. one");
        assert_eq!(markup("\\u{41}"), "\\\\u\\{41\\}");
        assert_eq!(markup("Café Ünïcode عربي"), "Café Ünïcode عربي");
        for c in (0u8..128)
            .map(char::from)
            .filter(char::is_ascii_punctuation)
        {
            assert_eq!(markup(&c.to_string()), format!("\\{c}"));
        }
    }

    #[test]
    fn prose_keeps_quotes_typographic() {
        assert_eq!(prose("don't \"x\" #1"), "don't \"x\" \\#1");
    }

    #[test]
    fn web_addresses_are_boxed_between_their_slashes_dots_and_hyphens() {
        assert_eq!(
            web_address("fbi.gov/a-b//c#"),
            "#box[fbi\\.]#box[gov\\/]#box[a\\-]#box[b\\/\\/]#box[c\\#]"
        );
        assert_eq!(web_address(""), "");
    }

    #[test]
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }
}
