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

/// A quotation in the marks of the kit's language, as Typst's `quote` sets it.
pub fn quoted(kit: &Kit, claim: &str) -> String {
    match kit.language.to_string().as_str() {
        "es" => format!("«{claim}»"),
        // Typst's French marks hold a narrow no-break space.
        "fr" => format!("«\u{202f}{claim}\u{202f}»"),
        _ => format!("“{claim}”"),
    }
}
