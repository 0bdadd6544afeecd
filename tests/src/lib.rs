//! Shared helpers for the integration tests, and bindings generated from `fixtures/`.

pub use xsdgen_conformance::infoset;

/// Bindings for `fixtures/constructs.xsd` (and the files it includes and imports).
pub mod fixture {
    include!(concat!(env!("OUT_DIR"), "/constructs.rs"));
}

/// Bindings for `fixtures/names.xsd`: colliding names, `xml:lang`, a byte-order mark.
pub mod naming {
    include!(concat!(env!("OUT_DIR"), "/names.rs"));
}

/// Bindings for `fixtures/mixed.xsd`: mixed content.
#[allow(clippy::module_inception)] // the generated module is named after the namespace
pub mod mixed {
    include!(concat!(env!("OUT_DIR"), "/mixed.rs"));
}

/// Bindings for `fixtures/shapes.xsd`: restricted unions, recursion through groups
/// and anonymous types, location hints.
#[allow(clippy::module_inception)] // the generated module is named after the namespace
pub mod shapes {
    include!(concat!(env!("OUT_DIR"), "/shapes.rs"));
}

/// Exchange 2016 bindings, generated from `../shared/corpus/ews/exchange2016` when present.
#[cfg(ews_corpus)]
pub mod ews2016 {
    include!(concat!(env!("OUT_DIR"), "/ews2016.rs"));

    /// A SOAP body element of either EWS namespace: the schema set's `Document`.
    pub type Body = Document;
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
