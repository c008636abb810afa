//! The templates, themes and content compiled into the binary, with per-file overrides.
//!
//! The tool works from any folder because its defaults are embedded; `--templates DIR` lets a
//! presenter replace any of them by putting a file with the same relative path in DIR.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Every embedded file, by its path relative to the repository root.
const EMBEDDED: &[(&str, &str)] = &[
    ("content/facts.toml", include_str!("../content/facts.toml")),
    (
        "content/parents.toml",
        include_str!("../content/parents.toml"),
    ),
    ("content/teens.toml", include_str!("../content/teens.toml")),
    ("content/staff.toml", include_str!("../content/staff.toml")),
    (
        "content/i18n/en.toml",
        include_str!("../content/i18n/en.toml"),
    ),
    (
        "decks/slides.typ.j2",
        include_str!("../decks/slides.typ.j2"),
    ),
    ("decks/theme.typ", include_str!("../decks/theme.typ")),
    (
        "decks/presenter-notes.typ.j2",
        include_str!("../decks/presenter-notes.typ.j2"),
    ),
    (
        "handouts/slides-3up.typ.j2",
        include_str!("../handouts/slides-3up.typ.j2"),
    ),
    (
        "handouts/start-here.typ.j2",
        include_str!("../handouts/start-here.typ.j2"),
    ),
    (
        "handouts/feedback-form.typ.j2",
        include_str!("../handouts/feedback-form.typ.j2"),
    ),
    (
        "handouts/sign-in-sheet.typ.j2",
        include_str!("../handouts/sign-in-sheet.typ.j2"),
    ),
    (
        "handouts/resource-card.typ.j2",
        include_str!("../handouts/resource-card.typ.j2"),
    ),
    (
        "handouts/resources.typ.j2",
        include_str!("../handouts/resources.typ.j2"),
    ),
    (
        "handouts/handout.typ.j2",
        include_str!("../handouts/handout.typ.j2"),
    ),
    ("handouts/theme.typ", include_str!("../handouts/theme.typ")),
];

/// A file's text and the name used for it in messages.
#[derive(Debug, Clone)]
pub struct Asset {
    /// `embedded:<path>` or the override's path on disk.
    pub name: String,
    pub text: String,
}

/// Looks files up in the override folder first, then in the embedded set.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    overrides: Option<PathBuf>,
}

impl Assets {
    /// Assets with an optional override folder, which must exist.
    pub fn new(overrides: Option<PathBuf>) -> Result<Self, Error> {
        if let Some(dir) = &overrides
            && !dir.is_dir()
        {
            return Err(Error::usage(format!("the templates folder `{}` does not exist", dir.display()))
                .with_hint("`--templates DIR` takes a folder laid out like the project: decks/, handouts/, content/"));
        }
        Ok(Assets { overrides })
    }

    /// The file at `path` (relative, `/`-separated), overridden or embedded.
    pub fn get(&self, path: &str) -> Result<Asset, Error> {
        if let Some(dir) = &self.overrides {
            let candidate = dir.join(Path::new(path));
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate)
                    .map_err(|e| Error::io("read the template file", &candidate, e))?;
                return Ok(Asset {
                    name: candidate.display().to_string(),
                    text,
                });
            }
        }
        EMBEDDED
            .iter()
            .find(|(name, _)| *name == path)
            .map(|(name, text)| Asset {
                name: format!("embedded:{name}"),
                text: (*text).to_string(),
            })
            .ok_or_else(|| Error::usage(format!("no embedded file `{path}`")))
    }

    /// The paths of every embedded file, for `workshop list`.
    pub fn embedded_paths() -> impl Iterator<Item = &'static str> {
        EMBEDDED.iter().map(|(name, _)| *name)
    }
}
