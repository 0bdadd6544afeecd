//! Regenerates the bindings from `schemas/` on every build where a schema changed, and,
//! with the `ews` feature, the Exchange Web Services bindings from the folder
//! `EWS_SCHEMA_DIR` names, which holds `messages.xsd` and `types.xsd` (as downloaded
//! from a server's `/EWS/` path).

const MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

fn main() {
    println!("cargo:rerun-if-env-changed=EWS_SCHEMA_DIR");
    let schemas = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    // The UM web service is its own schema set: EWS declares {messages}PlayOnPhone too,
    // with different content.
    // From the WSDL written for it (schemas/um/um.wsdl, which imports um-messages.xsd):
    // the types and a client.
    let um = xsdgen::Config::new()
        .schema(schemas.join("um/um.wsdl"))
        .module(MESSAGES_NS, "messages")
        .generate_to_out_dir("um.rs");
    if let Err(e) = um {
        fail(&e.to_string());
    }
    let dir = std::env::var_os("EWS_SCHEMA_DIR").filter(|d| !d.is_empty());
    if std::env::var_os("CARGO_FEATURE_EWS").is_none() {
        if let Some(dir) = dir {
            println!(
                "cargo:warning=EWS_SCHEMA_DIR is set ({}) but the `ews` feature of ews-bindings \
                 is off: no EWS bindings generated (build with `--features ews-bindings/ews`)",
                std::path::Path::new(&dir).display()
            );
        }
        return;
    }
    let Some(dir) = dir else {
        fail(
            "the `ews` feature generates the Exchange Web Services bindings from your \
             server's schemas: set EWS_SCHEMA_DIR to a folder holding messages.xsd and \
             types.xsd, downloaded from https://<server>/EWS/messages.xsd and \
             https://<server>/EWS/types.xsd",
        );
    };
    let dir = std::path::PathBuf::from(dir);
    let messages = dir.join("messages.xsd");
    if !messages.is_file() {
        fail(&format!(
            "EWS_SCHEMA_DIR is {}, which holds no messages.xsd: set it to a folder holding \
             messages.xsd and types.xsd, downloaded from https://<server>/EWS/",
            dir.display()
        ));
    }
    // The server's services.wsdl, when downloaded too, adds the client.
    let wsdl = dir.join("services.wsdl");
    if !wsdl.is_file() {
        println!(
            "cargo:warning=EWS_SCHEMA_DIR holds no services.wsdl: EWS types generated without \
             a client (download https://<server>/EWS/services.wsdl beside messages.xsd)"
        );
    }
    let ews = xsdgen::Config::new()
        .schema(if wsdl.is_file() { wsdl } else { messages })
        .module(MESSAGES_NS, "messages")
        .module(TYPES_NS, "types")
        .generate_to_out_dir("ews.rs");
    if let Err(e) = ews {
        fail(&e.to_string());
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
