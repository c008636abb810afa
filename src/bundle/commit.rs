//! Putting zips in place all or nothing: staged as temporary files in the output folder, then
//! renamed over their targets, with earlier zips kept under a second name until the end.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Prefix of the temporary files the bundle stage writes; stale ones are removed on the next run.
const TEMP_PREFIX: &str = ".workshop-tmp-";

/// Creates the output folder if needed and removes temporary files left by an interrupted run
/// (those of processes that are no longer running, so a concurrent build is left alone).
pub fn prepare_output(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(format!(
            "the output path `{}` is a file, not a folder",
            dir.display()
        ))
        .with_hint("pass another folder with --out"));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create the output folder", dir, e))?;
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io("read the output folder", dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        let owner = rest
            .split('-')
            .next()
            .and_then(|pid| pid.parse::<u32>().ok());
        if owner.is_none_or(|pid| !process_alive(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Whether a process with this id is running (on systems without /proc, assume not).
fn process_alive(pid: u32) -> bool {
    pid == std::process::id()
        || (Path::new("/proc/self").exists() && Path::new(&format!("/proc/{pid}")).exists())
}

/// Stages `bytes` as a temporary file in `dir`, ready to be renamed to its target. The file is
/// closed (a roster's thousands of staged zips would exceed the open-file limit) and removed if
/// the path is dropped unplaced.
pub fn stage(dir: &Path, bytes: &[u8]) -> Result<tempfile::TempPath, Error> {
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(".zip")
        .tempfile_in(dir)
        .map_err(|e| Error::io("create a temporary file in", dir, e))?;
    temp.write_all(bytes)
        .map_err(|e| Error::io("write", temp.path(), e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io("write", temp.path(), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::io("set permissions of", temp.path(), e))?;
    }
    Ok(temp.into_temp_path())
}

/// Moves every staged zip onto its target, all or nothing. Each earlier zip first gets a second
/// name (a hard link, or a copy where links are not possible), so that a zip of that name exists
/// at every moment, even if the process is stopped half-way; if any rename fails, the new zips
/// are removed and the earlier ones put back. The spare names are removed at the end, or by the
/// next run.
pub fn commit(dir: &Path, staged: Vec<(tempfile::TempPath, PathBuf)>) -> Result<(), Error> {
    for (_, target) in &staged {
        if target.is_dir() {
            return Err(Error::usage(format!(
                "cannot write `{}`: a folder of that name is in the way",
                target.display()
            )));
        }
    }
    let mut kept: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (index, (_, target)) in staged.iter().enumerate() {
        if target.exists() {
            let spare = dir.join(format!("{TEMP_PREFIX}{}-{index}.old", std::process::id()));
            let _ = std::fs::remove_file(&spare);
            let linked = std::fs::hard_link(target, &spare)
                .or_else(|_| std::fs::copy(target, &spare).map(|_| ()));
            if let Err(e) = linked {
                discard(&kept);
                return Err(Error::io("keep a copy of the earlier", target, e));
            }
            kept.push((target.clone(), spare));
        }
    }
    let mut placed: Vec<PathBuf> = Vec::new();
    for (temp, target) in staged {
        if let Err(e) = temp.persist(&target) {
            // Put back what was there: the earlier zips where there were some, nothing elsewhere.
            for target in &placed {
                match kept.iter().find(|(t, _)| t == target) {
                    Some((_, spare)) => {
                        let _ = std::fs::rename(spare, target);
                    }
                    None => {
                        let _ = std::fs::remove_file(target);
                    }
                }
            }
            discard(&kept);
            return Err(Error::io("write", &target, e.error));
        }
        placed.push(target);
    }
    discard(&kept);
    Ok(())
}

/// Removes the spare names of earlier zips.
fn discard(kept: &[(PathBuf, PathBuf)]) {
    for (_, spare) in kept {
        let _ = std::fs::remove_file(spare);
    }
}
