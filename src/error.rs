//! The one error type of the tool and its wording.
//!
//! Errors carry data (a file, a position, the offending line, hints); `Display` does all the
//! wording, so every stage reports problems the same way and `main` prints them once.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a text file, 1-based, with the line it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// The text of the offending line, shown under the location.
    pub text: String,
}

impl Position {
    /// Finds the line and column of a byte offset in `source`.
    pub fn from_offset(source: &str, offset: usize) -> Self {
        let offset = offset.min(source.len());
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        Self::at_line(source, line, column)
    }

    /// The position of a 1-based line (and column) in `source`.
    pub fn at_line(source: &str, line: usize, column: usize) -> Self {
        let text = source
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .to_string();
        Self { line, column, text }
    }
}

/// Everything that can go wrong, with enough data to say where and why (boxed: errors are
/// rare, results are everywhere).
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// Where a line of generated text really came from, for [`Error::at_roster_row`].
pub enum Relocation {
    /// A roster's column.
    Column(String),
    /// A line of another file (the shared event file).
    Line { file: String, position: Position },
}

/// The kinds of [`Error`].
#[derive(Debug)]
pub enum ErrorKind {
    /// A problem located in a file (event file, content, template, generated Typst).
    At {
        /// The file as the user knows it (a path, or `embedded:content/teens.toml`).
        file: String,
        position: Option<Position>,
        message: String,
        /// Further lines of explanation, each printed after `note:`.
        notes: Vec<String>,
        hints: Vec<String>,
    },
    /// A problem reading or writing a file on disk.
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A problem with the command line or the run itself.
    Usage { message: String, hints: Vec<String> },
}

impl Error {
    /// A located error without hints.
    pub fn at(
        file: impl Into<String>,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        Error(Box::new(ErrorKind::At {
            file: file.into(),
            position,
            message: message.into(),
            notes: Vec::new(),
            hints: Vec::new(),
        }))
    }

    /// An I/O error on `path`.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error(Box::new(ErrorKind::Io {
            action,
            path: path.to_path_buf(),
            source,
        }))
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Error(Box::new(ErrorKind::Usage {
            message: message.into(),
            hints: Vec::new(),
        }))
    }

    /// Adds an advice line printed as `hint: ...`.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        match self.0.as_mut() {
            ErrorKind::At { hints, .. } | ErrorKind::Usage { hints, .. } => hints.push(hint.into()),
            ErrorKind::Io { .. } => {}
        }
        self
    }

    /// An error found in the event text a roster row stands for, told where that line came
    /// from instead: `file` is `schools.csv:4`, and `origin_of` says, for a line of that text,
    /// which column it came from, or which file and line of the shared settings.
    pub fn at_roster_row(
        self,
        file: &str,
        origin_of: impl Fn(usize) -> Option<Relocation>,
    ) -> Self {
        let mut kind = self.0;
        if let ErrorKind::At {
            file: at,
            position,
            message,
            notes,
            ..
        } = kind.as_mut()
        {
            *at = file.to_string();
            match position.take().and_then(|p| origin_of(p.line)) {
                Some(Relocation::Column(column)) => {
                    *message = format!("column {column}: {message}")
                }
                Some(Relocation::Line {
                    file: shared,
                    position: line,
                }) => {
                    notes.push(format!(
                        "found when checking {file} with these shared settings"
                    ));
                    *at = shared;
                    *position = Some(line);
                }
                None => {}
            }
        }
        Error(kind)
    }

    /// Adds an explanation line printed as `note: ...`.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        if let ErrorKind::At { notes, .. } = self.0.as_mut() {
            notes.push(note.into());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_ref() {
            ErrorKind::At {
                file,
                position,
                message,
                notes,
                hints,
            } => {
                write!(f, "{message}")?;
                match position {
                    Some(pos) => {
                        write!(f, "\n  --> {file}:{}:{}", pos.line, pos.column)?;
                        let gutter = pos.line.to_string().len();
                        write!(f, "\n{:gutter$} |", "")?;
                        write!(f, "\n{} | {}", pos.line, pos.text)?;
                        let caret_pad: String = pos
                            .text
                            .chars()
                            .take(pos.column.saturating_sub(1))
                            .map(|c| if c == '\t' { '\t' } else { ' ' })
                            .collect();
                        write!(f, "\n{:gutter$} | {caret_pad}^", "")?;
                    }
                    None => write!(f, "\n  --> {file}")?,
                }
                for note in notes {
                    write!(f, "\nnote: {note}")?;
                }
                for hint in hints {
                    write!(f, "\nhint: {hint}")?;
                }
                Ok(())
            }
            ErrorKind::Io {
                action,
                path,
                source,
            } => {
                write!(f, "cannot {action} `{}`: {source}", path.display())
            }
            ErrorKind::Usage { message, hints } => {
                write!(f, "{message}")?;
                for hint in hints {
                    write!(f, "\nhint: {hint}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// The valid name closest to `unknown`, if it is close enough to be a likely typo.
pub fn nearest<'a>(unknown: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    valid
        .into_iter()
        .map(|v| {
            (
                strsim::jaro_winkler(&unknown.to_lowercase(), &v.to_lowercase()),
                v,
            )
        })
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v)
}

/// Formats a list of names as `` `a`, `b` and `c` ``.
pub fn list_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("`{n}`")).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_from_offset_counts_lines_and_chars() {
        let src = "a = 1\nbé = \"x\"\n";
        let pos = Position::from_offset(src, src.find('"').unwrap());
        assert_eq!((pos.line, pos.column), (2, 6));
        assert_eq!(pos.text, "bé = \"x\"");
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let keys = ["organization", "venue", "date"];
        assert_eq!(nearest("venu", keys), Some("venue"));
        assert_eq!(nearest("organisation", keys), Some("organization"));
        assert_eq!(nearest("zzzzzz", keys), None);
    }

    #[test]
    fn display_shows_location_line_and_hint() {
        let err = Error::at(
            "event.toml",
            Some(Position::at_line("a\nvenu = 1", 2, 1)),
            "unknown key `venu`",
        )
        .with_hint("did you mean `venue`?");
        let text = err.to_string();
        assert!(text.contains("--> event.toml:2:1"), "{text}");
        assert!(text.contains("2 | venu = 1"), "{text}");
        assert!(text.ends_with("hint: did you mean `venue`?"), "{text}");
    }
}
