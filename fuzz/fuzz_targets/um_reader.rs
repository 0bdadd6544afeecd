//! The UM bindings' reader: any bytes give a value or an error, never a panic.
#![no_main]

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Envelope::<Document>::from_xml_str(text);
        let _ = Document::from_xml_str(text);
    }
});
