//! The Exchange 2016 bindings' reader (generated from ../shared/corpus): any bytes give a
//! value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    #[cfg(ews_corpus)]
    if let Ok(text) = std::str::from_utf8(data) {
        use xsdgen_tests::ews2016::Body;
        let _ = xsdgen_runtime::soap::Envelope::<Body>::from_xml_str(text);
    }
    #[cfg(not(ews_corpus))]
    let _ = data;
});
