//! `--sources`: each document's generated Typst source with the files it reads, so that a
//! standalone Typst reproduces every PDF.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::document::Document;

/// Writes each document's generated Typst source (`<path>.typ`, named like its PDF) with the
/// files it reads beside it, one folder per kit, plus the embedded Noto Sans in `fonts/`, so
/// that a standalone Typst reproduces every PDF:
/// `typst compile --root DIR/<kit> --font-path DIR/fonts DIR/<kit>/slides.typ`.
pub fn write_sources(
    dir: &Path,
    documents: &[Document],
    kit_names: &[String],
) -> Result<(), Error> {
    let write = |path: PathBuf, bytes: &[u8]| -> Result<(), Error> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("create the folder", parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    };
    for document in documents {
        let kit = dir.join(&kit_names[document.kit]);
        let source = document.path.strip_suffix(".pdf").unwrap_or(&document.path);
        write(
            kit.join(format!("{source}.typ")),
            document.source.as_bytes(),
        )?;
        for (virtual_path, bytes) in &document.files {
            write(kit.join(virtual_path.trim_start_matches('/')), bytes)?;
        }
    }
    let fonts = [
        ("NotoSans-Regular.ttf", notosans::REGULAR_TTF),
        ("NotoSans-Italic.ttf", notosans::ITALIC_TTF),
        ("NotoSans-Bold.ttf", notosans::BOLD_TTF),
        ("NotoSans-BoldItalic.ttf", notosans::BOLD_ITALIC_TTF),
    ];
    for (name, bytes) in fonts {
        write(dir.join("fonts").join(name), bytes)?;
    }
    Ok(())
}
