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
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }
}
