//! Regenerates the bindings from `schemas/` on every build where a schema changed, and
//! the Exchange Web Services bindings when `EWS_SCHEMA_DIR` names a folder holding
//! `messages.xsd` and `types.xsd` (as downloaded from a server's `/EWS/` path).

const MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ews)");
    println!("cargo:rerun-if-env-changed=EWS_SCHEMA_DIR");
    let schemas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    // The UM web service is its own schema set: EWS declares {messages}PlayOnPhone too,
    // with different content.
    let um = xsdgen::Config::new()
        .schema(schemas.join("um/um-messages.xsd"))
        .module(MESSAGES_NS, "messages")
        .generate_to_out_dir("um.rs");
    if let Err(e) = um {
        fail(&e);
    }
    if let Some(dir) = std::env::var_os("EWS_SCHEMA_DIR") {
        let dir = std::path::PathBuf::from(dir);
        let ews = xsdgen::Config::new()
            .schema(dir.join("messages.xsd"))
            .module(MESSAGES_NS, "messages")
            .module(TYPES_NS, "types")
            .generate_to_out_dir("ews.rs");
        match ews {
            Ok(_) => println!("cargo:rustc-cfg=ews"),
            Err(e) => fail(&e),
        }
    }
}

fn fail(e: &xsdgen::Error) -> ! {
    eprintln!("error: {e}");
    std::process::exit(1);
}
