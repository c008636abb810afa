//! `slides.pdfpc`: the sidecar that gives the pdfpc presenter console the notes and a timer.
//!
//! pdfpc shows a note with markdown off inside `<pre>`: one unwrapped monospace line that runs
//! off the screen. With markdown on it wraps the note like a web page, so every note is written
//! as markdown text that shows exactly its own characters (see [`literal_markdown`]).

use std::fmt::Write;

use super::files::{CompiledKit, KitFile};
use crate::plan::Kit;

/// The sidecar for `slides.pdf`.
pub fn files(kit: &CompiledKit) -> Vec<KitFile> {
    vec![KitFile {
        path: "slides.pdfpc".to_string(),
        bytes: sidecar(kit.kit),
        pages: None,
    }]
}

/// Minutes before the end at which pdfpc turns its timer to a warning.
const LAST_MINUTES: u32 = 5;

/// The pdfpc sidecar for `slides.pdf`: every slide's notes, the duration and the
/// last-minutes warning, so the pdfpc presenter console shows notes and a timer.
fn sidecar(kit: &Kit) -> Vec<u8> {
    let pages: Vec<serde_json::Value> = kit
        .deck
        .slides
        .iter()
        .map(|s| {
            let header = format!("{} ({} min, {} - {})", s.title, s.minutes, s.starts, s.ends);
            serde_json::json!({
                "idx": s.number - 1,
                "label": s.number.to_string(),
                "overlay": 0,
                "note": format!("{}\n\n{}", literal_markdown(&header), literal_markdown(&s.notes)),
            })
        })
        .collect();
    let sidecar = serde_json::json!({
        "pdfpcFormat": 2,
        "duration": kit.deck.minutes,
        "lastMinutes": LAST_MINUTES,
        "disableMarkdown": false,
        "noteFontSize": 20,
        "pages": pages,
    });
    let mut json = serde_json::to_vec_pretty(&sidecar).expect("the sidecar serializes");
    json.push(b'\n');
    json
}

/// Markdown whose text is exactly `text`: no character of it becomes emphasis, a link, a
/// heading, a list, code, HTML or an entity, and a blank line stays a paragraph break.
///
/// Two readers must agree: CommonMark (what the tests check with) and Discount, the markdown
/// library of pdfpc, which also has smart quotes, `--` dashes, `(c)`, `1/2`, `^` superscripts,
/// `~~` strikethrough and `|` tables, and which prints the backslash of an escape it does not
/// know (`\'` shows as `\'`). So a character is escaped with a backslash where both readers
/// take the escape, and written as a numeric character reference (`&#39;`) where Discount
/// would keep the backslash. Spaces and tabs at the start or end of a line are references too:
/// there they would be indentation (a code block) or a line break, and markdown drops them.
/// Only a run of blank lines cannot be kept: it is one paragraph break, as a single blank
/// line is.
pub fn literal_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let start = line.len() - line.trim_start_matches(is_edge_space).len();
        let end = line.trim_end_matches(is_edge_space).len().max(start);
        line[..start]
            .chars()
            .for_each(|c| push_reference(&mut out, c));
        line[start..end]
            .chars()
            .for_each(|c| push_literal(&mut out, c));
        line[end..]
            .chars()
            .for_each(|c| push_reference(&mut out, c));
    }
    out
}

/// Whitespace that markdown reads as structure at the edge of a line.
fn is_edge_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Punctuation that both CommonMark and Discount read back from a backslash escape.
const BACKSLASHED: &str = "\\`*_{}[]()#+-.!>&^|";

/// Characters Discount would change or keep a backslash in front of: references instead.
const REFERENCED: &str = "<\"'~=/%";

fn push_literal(out: &mut String, c: char) {
    if BACKSLASHED.contains(c) {
        out.push('\\');
        out.push(c);
    } else if REFERENCED.contains(c) || (c.is_control() && c != '\t') {
        push_reference(out, c);
    } else {
        out.push(c);
    }
}

fn push_reference(out: &mut String, c: char) {
    write!(out, "&#{};", u32::from(c)).expect("writing to a string cannot fail");
}

#[cfg(test)]
mod tests {
    use super::literal_markdown;

    #[test]
    fn markup_is_escaped_and_plain_words_are_kept() {
        assert_eq!(literal_markdown("plain words"), "plain words");
        assert_eq!(literal_markdown("# *x* <b>"), "\\# \\*x\\* &#60;b\\>");
        assert_eq!(literal_markdown("it's 1/2"), "it&#39;s 1&#47;2");
        assert_eq!(
            literal_markdown("  code\ntwo  \n\nnext"),
            "&#32;&#32;code\ntwo&#32;&#32;\n\nnext"
        );
    }
}
