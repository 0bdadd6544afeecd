//! Write-then-read: bytes that a reader accepts are written back; what is written must be
//! accepted again and read as an equal value. UM envelopes, and EWS ones when the corpus
//! is beside the repository.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xsdgen_runtime::soap::Envelope;
use xsdgen_runtime::XmlElement;

fn write_read<B: XmlElement + PartialEq + std::fmt::Debug>(text: &str) {
    let Ok(value) = Envelope::<B>::from_xml_str(text) else {
        return;
    };
    let written = value
        .to_xml_string()
        .expect("a value that was read can be written");
    let again = Envelope::<B>::from_xml_str(&written)
        .unwrap_or_else(|e| panic!("written output is refused: {e}\n{written}"));
    assert_eq!(again, value, "written output reads as another value:\n{written}");
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        write_read::<ews_bindings::um::messages::Document>(text);
        #[cfg(ews_corpus)]
        write_read::<xsdgen_tests::ews2016::Body>(text);
    }
});
