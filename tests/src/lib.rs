//! Shared helpers for the integration tests, and bindings generated from `fixtures/`.

pub mod infoset;

/// Bindings for `fixtures/constructs.xsd` (and the files it includes and imports).
pub mod fixture {
    include!(concat!(env!("OUT_DIR"), "/constructs.rs"));
}

use std::path::PathBuf;

/// `../shared/corpus` beside the repository, or `None` (tests then skip with a message).
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the corpus lives beside the repository in ../shared)",
            dir.display()
        );
        None
    }
}
