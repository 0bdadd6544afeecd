//! Helpers shared by the generator's integration tests: schema files written into a
//! fresh folder per test.

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
