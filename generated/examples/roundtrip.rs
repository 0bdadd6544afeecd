//! Reads each SOAP document's body into the generated types and writes the envelope
//! back to stdout; on a document the types reject, prints the error (line, column,
//! element path) and exits non-zero.
//!
//! cargo run -p ews-bindings --example roundtrip -- FILE...
//!
//! Built with the `ews` feature (and `EWS_SCHEMA_DIR`), it reads Exchange Web Services
//! messages too: a body is tried as EWS first, then as the UM web service.

use std::process::ExitCode;

use ews_bindings::soap::Envelope;
use ews_bindings::um;

/// Reads a SOAP document and writes it back.
fn round_trip(text: &str) -> Result<String, String> {
    #[cfg(feature = "ews")]
    {
        if let Ok(envelope) = Envelope::<ews_bindings::ews::Document>::from_xml_str(text) {
            return envelope
                .to_xml_string()
                .map_err(|e| format!("cannot write: {e}"));
        }
    }
    let envelope = Envelope::<um::messages::Document>::from_xml_str(text).map_err(|e| {
        #[cfg(feature = "ews")]
        let e = match Envelope::<ews_bindings::ews::Document>::from_xml_str(text) {
            Err(ews_error) => format!("{ews_error}\n  (as a UM message: {e})"),
            Ok(_) => e.to_string(),
        };
        e.to_string()
    })?;
    envelope
        .to_xml_string()
        .map_err(|e| format!("cannot write: {e}"))
}

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: roundtrip FILE...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in &files {
        let result = std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|text| round_trip(&text));
        match result {
            Ok(xml) => println!("{xml}"),
            Err(e) => {
                eprintln!("{file}:{e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
