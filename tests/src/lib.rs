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

/// Exchange 2016 bindings, generated from `../shared/corpus/ews/exchange2016` when present.
#[cfg(ews_corpus)]
pub mod ews2016 {
    include!(concat!(env!("OUT_DIR"), "/ews2016.rs"));

    use xsdgen_runtime::{ReadError, StartTag, WriteError, XmlElement, XmlReader, XmlWriter};

    /// A SOAP body element of either EWS namespace.
    #[derive(Debug, Clone, PartialEq)]
    #[allow(clippy::large_enum_variant)]
    pub enum Body {
        /// An element of the messages namespace (requests and responses).
        Messages(messages::Document),
        /// An element of the types namespace.
        Types(types::Document),
    }

    impl XmlElement for Body {
        fn accepts(ns: Option<&str>, local: &str) -> bool {
            messages::Document::accepts(ns, local) || types::Document::accepts(ns, local)
        }
        fn expected() -> String {
            "a global element of the EWS messages or types namespace".into()
        }
        fn read_element<'a>(r: &mut XmlReader<'a>, start: StartTag<'a>) -> Result<Self, ReadError> {
            if messages::Document::accepts(start.ns(), start.local()) {
                messages::Document::read_element(r, start).map(Body::Messages)
            } else {
                types::Document::read_element(r, start).map(Body::Types)
            }
        }
        fn write_element(&self, w: &mut XmlWriter) -> Result<(), WriteError> {
            match self {
                Body::Messages(m) => m.write_element(w),
                Body::Types(t) => t.write_element(w),
            }
        }
    }
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
