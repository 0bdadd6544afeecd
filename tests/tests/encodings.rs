//! Documents read from bytes in UTF-8, UTF-16, ISO-8859-1 and windows-1252 through the
//! UM bindings: each reads to the same value as the UTF-8 text; what cannot be decoded is
//! an error naming the encoding, with a position. Byte strings and positions below were
//! written and counted by hand.

use std::io::Read;

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::{Document, NonEmptyString, PlayOnPhone};
use xsdgen_runtime::{
    read_document, read_document_bytes, read_document_from, FromXmlBytes, ReadError, ReadErrorKind,
    ReadLimits,
};

const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";

/// A PlayOnPhone request in a SOAP 1.1 envelope; `encoding` goes into the XML
/// declaration, `dial` into `DialString` on line 3.
fn document(encoding: Option<&str>, dial: &str) -> String {
    let encoding = encoding.map_or(String::new(), |e| format!(" encoding=\"{e}\""));
    format!(
        "<?xml version=\"1.0\"{encoding}?>\n\
         <soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\n\
         <PlayOnPhone xmlns=\"{M}\"><entryId>AAMk</entryId><DialString>{dial}</DialString></PlayOnPhone>\n\
         </soap:Body></soap:Envelope>"
    )
}

/// What [`document`] reads to.
fn expected(dial: &str) -> Envelope<Document> {
    Envelope::new(Document::from(PlayOnPhone::new(
        NonEmptyString::new("AAMk".into()).unwrap(),
        NonEmptyString::new(dial.into()).unwrap(),
    )))
}

/// A document in 16-bit units, with or without the byte-order mark.
fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom
        .then_some(0xFEFF_u16)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|u| {
            if little_endian {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        })
        .collect()
}

/// `document(encoding, dial)` with `dial` given as raw bytes (the rest is ASCII).
fn single_byte(encoding: &str, dial: &[u8]) -> Vec<u8> {
    let text = document(Some(encoding), "\u{0}");
    let (before, after) = text.split_once('\u{0}').unwrap();
    [before.as_bytes(), dial, after.as_bytes()].concat()
}

fn read(bytes: &[u8]) -> Result<Envelope<Document>, ReadError> {
    Envelope::from_xml_bytes(bytes)
}

fn encoding_error(err: &ReadError) -> (&str, &str) {
    match &err.kind {
        ReadErrorKind::Encoding { encoding, reason } => (encoding, reason),
        other => panic!("not an encoding error: {other:?}"),
    }
}

#[test]
fn utf8_with_and_without_a_byte_order_mark() {
    let dial = "Größe €";
    let doc = document(Some("UTF-8"), dial);
    assert_eq!(read(doc.as_bytes()).unwrap(), expected(dial));
    let marked = [b"\xEF\xBB\xBF".as_slice(), doc.as_bytes()].concat();
    assert_eq!(read(&marked).unwrap(), expected(dial));
    let undeclared = document(None, dial);
    assert_eq!(
        read_document_bytes::<Envelope<Document>>(undeclared.as_bytes()).unwrap(),
        expected(dial)
    );
    // Through the trait, on a generated Document enum.
    let body = format!(
        "<PlayOnPhone xmlns=\"{M}\"><entryId>AAMk</entryId><DialString>{dial}</DialString></PlayOnPhone>"
    );
    assert_eq!(
        Document::from_xml_bytes(body.as_bytes()).unwrap(),
        expected(dial).body
    );
}

#[test]
fn utf16_both_byte_orders() {
    let dial = "Größe € 𝄞";
    for little_endian in [true, false] {
        for encoding in [Some("UTF-16"), None] {
            let bytes = utf16(&document(encoding, dial), little_endian, true);
            assert_eq!(read(&bytes).unwrap(), expected(dial), "{encoding:?}");
        }
        // Without a mark, the declaration must name the encoding.
        let named = if little_endian {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        let bytes = utf16(&document(Some(named), dial), little_endian, false);
        assert_eq!(read(&bytes).unwrap(), expected(dial));
    }
    // The first bytes, checked by hand: FF FE, then '<' '?' in UTF-16LE.
    let bytes = utf16(&document(Some("UTF-16"), dial), true, true);
    assert_eq!(&bytes[..6], &[0xFF, 0xFE, 0x3C, 0x00, 0x3F, 0x00]);
}

#[test]
fn iso_8859_1_and_windows_1252_read_as_the_utf8_document() {
    // "Größe": ö is F6, ß is DF in both encodings.
    let latin1 = single_byte("ISO-8859-1", b"Gr\xF6\xDFe");
    assert_eq!(read(&latin1).unwrap(), expected("Größe"));
    assert_eq!(
        read(&single_byte("latin1", b"Gr\xF6\xDFe")).unwrap(),
        expected("Größe")
    );
    // € is 80 in windows-1252; in ISO-8859-1, 80 is the C1 control U+0080.
    let cp1252 = single_byte("windows-1252", b"Gr\xF6\xDFe \x80");
    assert_eq!(read(&cp1252).unwrap(), expected("Größe €"));
    let exact = single_byte("ISO-8859-1", b"Gr\xF6\xDFe \x80");
    assert_eq!(read(&exact).unwrap(), expected("Größe \u{80}"));
}

#[test]
fn the_str_api_takes_decoded_text_whatever_it_declares() {
    // The text was decoded already: its declaration names the encoding of the bytes it
    // came from, and is not checked against the text.
    for encoding in ["UTF-16", "ISO-8859-1", "windows-1252"] {
        let doc = document(Some(encoding), "Größe");
        assert_eq!(
            read_document::<Envelope<Document>>(&doc).unwrap(),
            expected("Größe")
        );
    }
}

#[test]
fn an_unknown_encoding_is_named() {
    let doc = document(Some("EBCDIC-foo"), "12");
    let err = read(doc.as_bytes()).unwrap_err();
    assert_eq!(encoding_error(&err).0, "EBCDIC-foo");
    // The value starts at column 31 of `<?xml version="1.0" encoding="EBCDIC-foo"?>`.
    assert_eq!((err.location.line, err.location.column), (1, 31));
    assert!(
        err.to_string().starts_with(
            "1:31: cannot read the document as EBCDIC-foo: unknown or unsupported encoding"
        ),
        "{err}"
    );
    for name in ["UTF-32", "UCS-4", "IBM037", "x-user-defined", "replacement"] {
        let err = read(document(Some(name), "12").as_bytes()).unwrap_err();
        assert_eq!(encoding_error(&err).0, name);
    }
}

#[test]
fn malformed_utf8_has_its_position() {
    let bytes = single_byte("UTF-8", b"12\xFF3");
    let err = read(&bytes).unwrap_err();
    let (encoding, reason) = encoding_error(&err);
    assert_eq!(encoding, "UTF-8");
    // Line 3: `<PlayOnPhone xmlns="` (20) + the namespace (60) + `"><entryId>AAMk</entryId>`
    // + `<DialString>` (37) + "12": the byte FF is the 120th character.
    assert_eq!((err.location.line, err.location.column), (3, 120));
    let offset = bytes.iter().position(|&b| b == 0xFF).unwrap();
    assert_eq!(
        reason,
        format!("malformed byte sequence FF at byte offset {offset}")
    );
    // Also without a declaration (UTF-8 by default), and a sequence cut short.
    let err = read(&[b"<a>\xC3".as_slice()].concat()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:4: cannot read the document as UTF-8: malformed byte sequence C3 at byte offset 3"
    );
}

#[test]
fn truncated_utf16_is_an_error() {
    let mut bytes = utf16(&document(Some("UTF-16"), "12"), true, true);
    let whole = bytes.len();
    bytes.push(0x3C);
    let err = read(&bytes).unwrap_err();
    let (encoding, reason) = encoding_error(&err);
    assert_eq!(encoding, "UTF-16LE");
    assert_eq!(
        reason,
        format!(
            "odd number of bytes ({}): the last UTF-16 code unit, at byte offset {whole}, is cut off",
            whole + 1
        )
    );
    // Line 4 is `</soap:Body></soap:Envelope>` (28 characters): the cut unit is the 29th.
    assert_eq!((err.location.line, err.location.column), (4, 29));
    // A document cut in the middle of a unit.
    let bytes = utf16(&document(Some("UTF-16"), "12"), false, true);
    assert!(read(&bytes[..101]).is_err());
}

#[test]
fn byte_order_mark_and_declaration_must_agree() {
    let doc = document(Some("ISO-8859-1"), "12");
    let err = read(&utf16(&doc, true, true)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:31: cannot read the document as ISO-8859-1: the document begins with the \
         byte-order mark of UTF-16LE (FF FE)"
    );
    let err = read(&[b"\xEF\xBB\xBF".as_slice(), doc.as_bytes()].concat()).unwrap_err();
    assert_eq!(encoding_error(&err).0, "ISO-8859-1");
    let utf16be = document(Some("UTF-16BE"), "12");
    let err = read(&utf16(&utf16be, true, true)).unwrap_err();
    assert!(
        err.to_string().contains("byte-order mark of UTF-16LE"),
        "{err}"
    );
    // UTF-16 declared over 8-bit bytes (XML 1.0 §4.3.3).
    let err = read(document(Some("UTF-16"), "12").as_bytes()).unwrap_err();
    assert_eq!(encoding_error(&err).0, "UTF-16");
    assert!(err.to_string().contains("no byte-order mark"), "{err}");
    // 16-bit units without a mark or a declared encoding.
    let err = read(&utf16(&document(None, "12"), true, false)).unwrap_err();
    assert_eq!(encoding_error(&err).0, "UTF-16LE");
    // A second byte-order mark is a U+FEFF before the root, as in text.
    let mut twice = utf16(&document(Some("UTF-16"), "12"), true, true);
    twice.splice(0..0, [0xFF, 0xFE]);
    let err = read(&twice).unwrap_err();
    assert!(
        err.to_string().contains("more than one byte-order mark"),
        "{err}"
    );
}

#[test]
fn readers_and_files() {
    let dial = "Größe €";
    let bytes = utf16(&document(Some("UTF-16"), dial), false, true);
    assert_eq!(
        read_document_from::<Envelope<Document>>(bytes.as_slice()).unwrap(),
        expected(dial)
    );
    assert_eq!(
        Envelope::<Document>::from_xml_reader(std::io::Cursor::new(&bytes)).unwrap(),
        expected(dial)
    );
    let path = std::env::temp_dir().join(format!("xsdgen-encodings-{}.xml", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let read_back = Envelope::<Document>::from_xml_file(&path);
    let too_large = Envelope::<Document>::from_xml_file_with(
        &path,
        ReadLimits {
            max_document_size: Some(100),
            ..ReadLimits::default()
        },
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(read_back.unwrap(), expected(dial));
    assert_eq!(
        too_large.unwrap_err().kind,
        ReadErrorKind::TooLarge {
            size: bytes.len(),
            limit: 100
        }
    );

    let missing = std::env::temp_dir().join("xsdgen-encodings-no-such-file.xml");
    let err = Envelope::<Document>::from_xml_file(&missing).unwrap_err();
    match &err.kind {
        ReadErrorKind::Io { path, kind, .. } => {
            assert_eq!(path.as_deref(), Some(missing.as_path()));
            assert_eq!(*kind, std::io::ErrorKind::NotFound);
        }
        other => panic!("{other:?}"),
    }
    // Not in the text: no line and column in the message.
    assert!(
        err.to_string()
            .starts_with(&format!("cannot read file {}: ", missing.display())),
        "{err}"
    );

    // A reader is read no further than one byte past the size limit.
    struct Endless(usize);
    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b' ');
            self.0 += buf.len();
            Ok(buf.len())
        }
    }
    let mut endless = Endless(0);
    let limits = ReadLimits {
        max_document_size: Some(1000),
        ..ReadLimits::default()
    };
    let err = Envelope::<Document>::from_xml_reader_with(&mut endless, limits).unwrap_err();
    assert!(matches!(
        err.kind,
        ReadErrorKind::TooLarge { limit: 1000, .. }
    ));
    assert!(endless.0 < 100_000, "read {} bytes", endless.0);

    // A failing reader.
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("connection reset"))
        }
    }
    let err = read_document_from::<Envelope<Document>>(Failing).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot read the document: connection reset"
    );
}
