//! Typst's diagnostics mapped back to the file that caused them: the theme, or the generated
//! source and the template block that produced it.

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};

use super::world::DocumentWorld;
use crate::error::{Error, Position};
use crate::render::blocks::template_line_for;
use crate::render::document::Document;

/// Turns Typst's first error into a located error naming the template (or theme) at fault.
pub fn diagnostic_error(
    world: &DocumentWorld,
    document: &Document,
    kit_name: &str,
    errors: &[SourceDiagnostic],
) -> Error {
    let Some(diagnostic) = errors
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or(errors.first())
    else {
        return Error::usage(format!(
            "typst failed on `{}` of `{kit_name}` without a message",
            document.path
        ));
    };
    let message = format!(
        "typst error in `{}` of kit `{kit_name}`: {}",
        document.path, diagnostic.message
    );
    let located = diagnostic.span.id().and_then(|id| {
        let source = typst::World::source(world, id).ok()?;
        let range = world.range(diagnostic.span)?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        let position = Position::at_line(source.text(), line + 1, column + 1);
        Some((id, source, position))
    });
    let mut error = match located {
        Some((id, source, position)) if id == typst::World::main(world) => {
            let mut error = Error::at(
                format!(
                    "{} (generated source of {})",
                    document.template, document.path
                ),
                Some(position.clone()),
                message,
            );
            if let Some((template, template_line)) = template_line_for(source.text(), position.line)
            {
                error = error.with_note(format!(
                    "the block that generated this line starts at {template}:{template_line}"
                ));
            }
            error
        }
        Some((id, source, position)) => {
            // A generated module (the slides every slide document imports) names the template
            // block that produced the line, as the main source does.
            if let Some((template, template_line)) = template_line_for(source.text(), position.line)
            {
                Error::at(
                    format!("{template} (generated source of {})", document.path),
                    Some(position.clone()),
                    message,
                )
                .with_note(format!(
                    "the block that generated this line starts at {template}:{template_line}"
                ))
            } else {
                let path = id.get().vpath().get_with_slash().to_string();
                let name = if path.ends_with("/theme.typ") {
                    document.theme.clone()
                } else {
                    path
                };
                Error::at(name, Some(position), message)
            }
        }
        None => Error::at(document.template.clone(), None, message),
    };
    // Typst's hints speak of its own command line (`--root`, `--input`); this tool has none.
    for hint in diagnostic.hints.iter().filter(|h| !h.v.contains("--")) {
        error = error.with_hint(hint.v.to_string());
    }
    error
}
