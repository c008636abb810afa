//! Fuzzes the event-file loader and the markup escaper: any input loads or is refused with a
//! located error, never a panic, and every accepted value escapes to markup in which no
//! punctuation is left unescaped.
#![no_main]

#[allow(dead_code)]
#[path = "../../src/error.rs"]
mod error;

/// The loader's modules at the paths they have in the main crate (`crate::load::...`).
#[allow(dead_code)]
#[path = "../../src/load"]
mod load {
    pub mod event;
    pub mod toml_file;
}

/// The escaper at its path in the main crate (`crate::render::escape`).
#[allow(dead_code)]
#[path = "../../src/render"]
mod render {
    pub mod escape;
}

use load::{event, toml_file};
use render::escape;

use libfuzzer_sys::fuzz_target;

/// Whether escaped markup is literal text: every ASCII punctuation character is escaped.
fn is_literal(markup: &str) -> bool {
    let mut chars = markup.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) if next.is_ascii_punctuation() => {}
                _ => return false,
            }
        } else if c.is_ascii_punctuation() {
            return false;
        }
    }
    true
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = toml_file::TomlFile { name: "fuzz.toml", text };
    let languages = ["en".to_string(), "es".to_string()];
    match event::parse(&file, std::path::Path::new("/nonexistent"), &languages) {
        Ok(event) => {
            for (_, value) in event.printed_values() {
                assert!(is_literal(&escape::markup(value)), "`{value}` escapes to markup");
            }
        }
        Err(error) => {
            let message = error.to_string();
            assert!(message.contains("fuzz.toml"), "an error that names no file: {message}");
        }
    }
    // The escaper on its own, on any text.
    assert!(is_literal(&escape::markup(text)));
});
