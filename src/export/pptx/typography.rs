//! How the deck sets the project's words: Typst's smart quotes and each language's
//! quotation marks, so that a PowerPoint slide reads exactly like its PDF page.

use super::text::Para;
use crate::plan::Kit;

/// The project's prose as the deck sets it: Typst's smart quotes (`don't` -> `don’t`,
/// `"a"` -> `“a”`), so the PowerPoint slide reads exactly like the PDF page.
pub fn typographic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let opening = previous.is_none_or(|p| p.is_whitespace() || "([{“‘".contains(p));
        out.push(match c {
            '\'' if opening => '‘',
            '\'' => '’',
            '"' if opening => '“',
            '"' => '”',
            other => other,
        });
        previous = Some(c);
    }
    out
}

pub fn typographic_paras(paras: &mut [Para]) {
    for p in paras {
        p.text = typographic(&p.text);
    }
}

/// French sets a no-break space before a colon, as the themes do on the PDF pages: a colon after
/// a letter and before a space or the end (`https://` is left alone).
pub fn spaced_colons(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let after_word = i > 0 && !chars[i - 1].is_whitespace();
        let before_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if c == ':' && after_word && before_space {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// A quotation in the marks of the kit's language, as Typst's `quote` sets it.
pub fn quoted(kit: &Kit, claim: &str) -> String {
    match kit.language.to_string().as_str() {
        "es" => format!("«{claim}»"),
        // Typst's French marks hold a narrow no-break space.
        "fr" => format!("«\u{202f}{claim}\u{202f}»"),
        _ => format!("“{claim}”"),
    }
}
