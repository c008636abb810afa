//! Deterministic zips: sorted entries, fixed permissions, the build's one timestamp.

use std::collections::BTreeMap;
use std::io::Write;

use zip::write::SimpleFileOptions;

use crate::error::Error;
use crate::export::KitFile;
use crate::load::clock::BuildTime;

/// Builds a zip in memory: entries under `<folder>/`, sorted, with fixed times and modes.
pub fn zip_bytes(folder: &str, files: &[KitFile], time: BuildTime) -> Result<Vec<u8>, Error> {
    let sorted: BTreeMap<&str, &KitFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let options = SimpleFileOptions::default()
        .last_modified_time(crate::export::zip_time(time))
        .unix_permissions(0o644);
    // Room for every file stored as it is, so the buffer is not copied as it grows.
    let room: usize = files
        .iter()
        .map(|f| f.bytes.len() + 2 * f.path.len() + 128)
        .sum();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(room)));
    let zip_error = |e: &dyn std::fmt::Display| {
        Error::usage(format!("cannot assemble the zip `{folder}.zip`: {e}"))
    };
    for (path, file) in sorted {
        writer
            .start_file(
                format!("{folder}/{path}"),
                crate::export::zip_entry_options(options, path),
            )
            .map_err(|e| zip_error(&e))?;
        writer.write_all(&file.bytes).map_err(|e| zip_error(&e))?;
    }
    Ok(writer.finish().map_err(|e| zip_error(&e))?.into_inner())
}
