//! The generated UM bindings, pinned: every change to generated code shows up here
//! as a snapshot diff to review (`cargo insta review`, or INSTA_UPDATE=always).

use std::path::Path;

const MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";

fn generate() -> String {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/um/um-messages.xsd");
    xsdgen::Config::new()
        .schema(schema)
        .module(MESSAGES_NS, "messages")
        .generate()
        .unwrap()
        .to_single_file()
}

#[test]
fn um_bindings_are_deterministic_and_reviewed() {
    let code = generate();
    assert_eq!(code, generate(), "same input, same bytes");
    insta::assert_snapshot!("um_messages", code);
}
