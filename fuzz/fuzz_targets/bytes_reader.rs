//! Documents as bytes in any encoding (`Envelope::from_xml_bytes` over the UM bindings):
//! any bytes give a value or an error, never a panic. What decodes reads as its text
//! does through the `&str` API, UTF-8 is borrowed as it is, and a UTF-8 document without
//! an encoding declaration reads the same re-encoded as UTF-16 with a byte-order mark.
#![no_main]

use std::borrow::Cow;

use ews_bindings::um::messages::Document;
use libfuzzer_sys::fuzz_target;
use xsdgen_runtime::soap::Envelope;
use xsdgen_runtime::{decode_document, read_document, FromXmlBytes};

fuzz_target!(|data: &[u8]| {
    let from_bytes = Envelope::<Document>::from_xml_bytes(data);
    let _ = Document::from_xml_bytes(data);
    match decode_document(data) {
        Ok(text) => {
            if let Cow::Borrowed(borrowed) = &text {
                assert_eq!(borrowed.as_bytes(), data);
            }
            assert_eq!(from_bytes, read_document::<Envelope<Document>>(&text));
        }
        Err(e) => assert_eq!(from_bytes, Err(e)),
    }
    // The same text in UTF-16LE and UTF-16BE behind their marks reads the same, unless a
    // declaration names an encoding or the first bytes (a mark, NULs) chose another.
    if let Ok(text) = std::str::from_utf8(data) {
        if !text.contains("encoding") && !text.contains('\0') && !text.starts_with('\u{feff}') {
            for le in [true, false] {
                let mut bytes = if le {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                };
                for unit in text.encode_utf16() {
                    bytes.extend(if le {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    });
                }
                assert_eq!(
                    Envelope::<Document>::from_xml_bytes(&bytes),
                    from_bytes,
                    "{text:?}"
                );
            }
        }
    }
});
