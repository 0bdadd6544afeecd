//! Regenerates the bindings from `schemas/` on every build where a schema changed.

const MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";

fn main() {
    let schemas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    // The UM web service is its own schema set: EWS declares {messages}PlayOnPhone too,
    // with different content.
    let result = xsdgen::Config::new()
        .schema(schemas.join("um/um-messages.xsd"))
        .module(MESSAGES_NS, "messages")
        .generate_to_out_dir("um.rs");
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
