//! Embeds every file under content/, decks/ and handouts/ in the binary, so that adding a
//! template, a content file or a whole language needs no code change.

use std::fmt::Write as _;
use std::path::Path;

const EMBEDDED_DIRS: [&str; 3] = ["content", "decks", "handouts"];

fn collect(dir: &Path, root: &Path, files: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, files);
        } else {
            let relative = path.strip_prefix(root).expect("inside the root");
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in EMBEDDED_DIRS {
        println!("cargo:rerun-if-changed={dir}");
        collect(&root.join(dir), root, &mut files);
    }
    let mut code =
        String::from("/// Every embedded file, by its path relative to the repository root.\n");
    code.push_str("const EMBEDDED: &[(&str, &str)] = &[\n");
    for file in &files {
        let absolute = root.join(file);
        writeln!(
            code,
            "    ({file:?}, include_str!({:?})),",
            absolute.to_string_lossy()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
