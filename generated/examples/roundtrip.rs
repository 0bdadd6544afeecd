//! Reads each SOAP document's body into the generated types and writes the envelope
//! back to stdout; on a document the types reject, prints the error (line, column,
//! element path) and exits non-zero.
//!
//! cargo run -p ews-bindings --example roundtrip -- FILE...

use std::process::ExitCode;

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::Document;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: roundtrip FILE...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
                continue;
            }
        };
        match Envelope::<Document>::from_xml_str(&text).map(|env| env.to_xml_string()) {
            Ok(Ok(xml)) => println!("{xml}"),
            Ok(Err(e)) => {
                eprintln!("{file}: cannot write: {e}");
                failed = true;
            }
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
