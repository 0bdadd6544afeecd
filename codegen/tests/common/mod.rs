//! Helpers shared by the generator's integration tests: schema files written into a
//! fresh folder per test, and the corpus beside the repository.
#![allow(dead_code)] // Each test file uses part of it.

use std::path::{Path, PathBuf};

/// A fresh, empty folder for one test of one test file (`suite`).
pub fn folder(suite: &str, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xsdgen-{suite}-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `body` to `dir/name` (folders in `name` created), returning its path.
pub fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, body).unwrap();
    path
}

/// `../shared/corpus/<path>` beside the repository, or `None` with a `skipped:` line
/// (as on a user's clone). Not every test file reads the corpus.
pub fn corpus(path: &str) -> Option<PathBuf> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(path);
    if full.exists() {
        Some(full)
    } else {
        println!(
            "skipped: {} is absent (the corpus lives beside the repository)",
            full.display()
        );
        None
    }
}
