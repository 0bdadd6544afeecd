//! Sets cfg `ews_corpus` when the corpus is beside the repository, as the tests crate
//! does: its Exchange 2016 bindings exist only then.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ews_corpus)");
    let ews = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/ews/exchange2016");
    println!("cargo:rerun-if-changed={}", ews.display());
    if ews.join("messages.xsd").is_file() {
        println!("cargo:rustc-cfg=ews_corpus");
    }
}
