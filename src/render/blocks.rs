//! Block markers: how a Typst error in generated source is traced to its template line.
//!
//! A template puts `// @block` before each block; rendering appends `<template>:<line>` to it,
//! and the compile stage reads the nearest marker above an error's line.

/// The marker a template puts at the start of a block so that Typst errors can name the
/// template line; rendering appends `<template>:<line>` to it.
pub const BLOCK_MARKER: &str = "// @block";

/// Appends `<template>:<line>` to every block marker, so a Typst error in generated source can
/// be traced to the template block that produced it.
pub fn mark_blocks(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match line.find(BLOCK_MARKER) {
            Some(at) if line[at + BLOCK_MARKER.len()..].trim().is_empty() => {
                out.push_str(&line[..at + BLOCK_MARKER.len()]);
                out.push_str(&format!(" {name}:{}", i + 1));
                out.push_str(if line.ends_with('\n') { "\n" } else { "" });
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The template line named by the nearest block marker above `line` (1-based) in `source`.
pub fn template_line_for(source: &str, line: usize) -> Option<(String, usize)> {
    source
        .lines()
        .take(line)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .find_map(|l| {
            let rest = l.trim_start().strip_prefix(BLOCK_MARKER)?.trim();
            let (name, number) = rest.rsplit_once(':')?;
            Some((name.to_string(), number.parse().ok()?))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_markers_name_the_template_line() {
        let marked = mark_blocks("a\n// @block\nb\n", "decks/x.typ.j2");
        assert_eq!(marked, "a\n// @block decks/x.typ.j2:2\nb\n");
        assert_eq!(
            template_line_for(&marked, 3),
            Some(("decks/x.typ.j2".to_string(), 2))
        );
        assert_eq!(template_line_for(&marked, 1), None);
    }
}
