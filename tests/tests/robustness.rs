//! Hostile and broken input: deep nesting, entity bombs, characters XML cannot carry,
//! awkward text, and truncated or corrupted real documents. Reading returns a value or
//! an error — never a panic, a stack overflow or a hang.

use std::time::{Duration, Instant};

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::Document as UmDocument;
use xsdgen_runtime::{
    read_document, read_document_with, write_document, ReadErrorKind, ReadLimits, WriteError,
    DEFAULT_MAX_DEPTH,
};
use xsdgen_tests::corpus_dir;
use xsdgen_tests::fixture::constructs::{Customer, Document, ShortText};

const C: &str = "urn:xsdgen:test:constructs";

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // A recursive schema type, 100,000 levels deep.
    let depth = 100_000;
    let mut doc = format!("<Tree xmlns=\"{C}\"><Value>1</Value>");
    doc.push_str(&"<Child><Value>1</Value>".repeat(depth));
    doc.push_str(&"</Child>".repeat(depth));
    doc.push_str("</Tree>");
    let err = read_document::<Document>(&doc).unwrap_err();
    assert_eq!(err.kind, ReadErrorKind::TooDeep(DEFAULT_MAX_DEPTH));
    // The same through xs:anyType content, which is read without recursion.
    let any = format!(
        "<c:Open xmlns:c=\"{C}\"><c:Known>k</c:Known><x:a xmlns:x=\"urn:x\">{}{}</x:a></c:Open>",
        "<x:a>".repeat(depth),
        "</x:a>".repeat(depth)
    );
    let err = read_document::<Document>(&any).unwrap_err();
    assert_eq!(err.kind, ReadErrorKind::TooDeep(DEFAULT_MAX_DEPTH));
}

#[test]
fn documents_over_the_optional_size_and_attribute_limits_are_refused() {
    let doc = format!("<Tree xmlns=\"{C}\"><Value>1</Value></Tree>");
    let read = |limits| read_document_with::<Document>(&doc, limits);
    // Unbounded by default; at the limit exactly, the document is read.
    assert!(read_document::<Document>(&doc).is_ok());
    let at_limit = ReadLimits {
        max_document_size: Some(doc.len()),
        max_attributes: Some(1),
        ..ReadLimits::default()
    };
    assert!(read(at_limit).is_ok());

    let err = read(ReadLimits {
        max_document_size: Some(doc.len() - 1),
        ..ReadLimits::default()
    })
    .unwrap_err();
    assert_eq!(
        err.kind,
        ReadErrorKind::TooLarge {
            size: doc.len(),
            limit: doc.len() - 1
        }
    );
    assert_eq!((err.location.line, err.location.column), (1, 1));

    // Namespace declarations count: the second attribute of Child is one too many.
    let crowded = format!(
        "<Tree xmlns=\"{C}\"><Value>1</Value>\n  <Child xmlns:a=\"urn:a\" a:b=\"2\"><Value>2</Value></Child></Tree>"
    );
    let one_attribute = ReadLimits {
        max_attributes: Some(1),
        ..ReadLimits::default()
    };
    let err = read_document_with::<Document>(&crowded, one_attribute).unwrap_err();
    assert_eq!(err.kind, ReadErrorKind::TooManyAttributes(1));
    // At the attribute that is one too many: `a:b`, after `  <Child xmlns:a="urn:a" `.
    assert_eq!((err.location.line, err.location.column), (2, 26));
    assert_eq!(err.location.path, "Tree/Child");
}

#[test]
fn entities_are_never_expanded_or_fetched() {
    let laughs = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n\
         <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n\
         <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n\
         <Customer xmlns=\"{C}\" id=\"c\"><Name>&lol3;</Name></Customer>"
    );
    let start = Instant::now();
    let err = read_document::<Document>(&laughs).unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(1));
    assert!(
        err.to_string()
            .contains("undeclared or unsupported entity &lol3;"),
        "{err}"
    );
    let external = format!(
        "<!DOCTYPE c [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\
         <Customer xmlns=\"{C}\" id=\"c\"><Name>&e;</Name></Customer>"
    );
    let err = read_document::<Document>(&external).unwrap_err();
    assert!(err.to_string().contains("unsupported entity &e;"), "{err}");
}

#[test]
fn characters_xml_cannot_carry_are_refused_when_writing() {
    for bad in ["a\u{1}b", "\u{1b}[31m", "\u{FFFE}"] {
        let customer = Customer {
            email: Some(bad.into()),
            ..Customer::new("c".into(), ShortText::new("N".into()).unwrap())
        };
        let err = write_document(&Document::Customer(customer)).unwrap_err();
        assert!(
            matches!(err, WriteError::InvalidCharacter { ref path, .. } if path == "Customer/Email"),
            "{err}"
        );
    }
}

/// Found by the `write_read` fuzz target: a sample with NUL bytes in a text was read,
/// and the value could then not be written. Such a document is not well-formed XML.
#[test]
fn characters_xml_cannot_carry_are_refused_when_reading() {
    let cases = [
        (
            "a literal NUL in text",
            "<Name>a\u{0}\u{0}b</Name>",
            "U+0000",
        ),
        ("an escape in text", "<Name>\u{1b}[31m</Name>", "U+001B"),
        ("U+FFFE in text", "<Name>\u{FFFE}</Name>", "U+FFFE"),
        ("a reference to U+0001", "<Name>a&#x1;b</Name>", ""),
        (
            "a control character in CDATA",
            "<Name><![CDATA[\u{7}]]></Name>",
            "U+0007",
        ),
    ];
    for (what, name, code) in cases {
        let doc = format!("<Customer xmlns=\"{C}\" id=\"c\">{name}</Customer>");
        let err = read_document::<Document>(&doc).unwrap_err();
        assert!(
            matches!(err.kind, ReadErrorKind::Malformed(_)) && err.to_string().contains(code),
            "{what}: {err}"
        );
    }
    let doc = format!("<Customer xmlns=\"{C}\" id=\"c\u{8}\"><Name>n</Name></Customer>");
    let err = read_document::<Document>(&doc).unwrap_err();
    assert!(err.to_string().contains("U+0008"), "in an attribute: {err}");
    // Tab, line feed, carriage return and characters beyond the BMP are fine.
    let doc = format!(
        "<Customer xmlns=\"{C}\" id=\"c\"><Name>\ta\nb\r\u{1F600}\u{FFFD}</Name></Customer>"
    );
    assert!(read_document::<Document>(&doc).is_ok());
}

/// Found by the `write_read` fuzz target: `t:RequestServerxmlns:Version` (two colons)
/// was read as prefix `t`, local `RequestServerxmlns:Version`, and written back as a name
/// with an unbound prefix.
#[test]
fn names_that_are_not_qualified_names_are_refused() {
    for (what, doc) in [
        (
            "element, two colons",
            format!("<c:Customer xmlns:c=\"{C}\" id=\"c\"><c:a:Name>n</c:a:Name></c:Customer>"),
        ),
        (
            "element, empty prefix",
            format!("<:Customer xmlns=\"{C}\" id=\"c\"/>"),
        ),
        (
            "attribute, two colons",
            format!("<Customer xmlns=\"{C}\" xmlns:x=\"urn:x\" x:a:b=\"1\" id=\"c\"/>"),
        ),
        (
            "declaration, two colons",
            format!("<Customer xmlns=\"{C}\" xmlns:x:y=\"urn:x\" id=\"c\"/>"),
        ),
    ] {
        let err = read_document::<Document>(&doc).unwrap_err();
        assert!(
            matches!(err.kind, ReadErrorKind::Malformed(_)),
            "{what}: {err}"
        );
    }
}

/// Found by the `write_read` fuzz target: two byte-order marks made the reader slice
/// the first start tag inside the second mark, and panic.
#[test]
fn a_second_byte_order_mark_is_an_error() {
    let doc = format!("\u{feff}\u{feff}<Customer xmlns=\"{C}\" id=\"c\"><Name>n</Name></Customer>");
    let err = read_document::<Document>(&doc).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1:1: malformed XML: more than one byte-order mark: U+FEFF is not allowed before the root element"
    );
    // One is fine.
    assert!(read_document::<Document>(&doc[3..]).is_ok());
}

/// Found by the `um_reader` fuzz target: two byte-order marks, then a tag whose name
/// holds a `<` and control characters.
#[test]
fn a_tag_name_holding_markup_after_two_byte_order_marks_is_an_error() {
    let doc = "\u{feff}\u{feff}<\0ao\0<\u{1}\0xp(:1=\"ee>\n\">";
    let result = std::panic::catch_unwind(|| Envelope::<UmDocument>::from_xml_str(doc).map(|_| ()));
    let read = result.expect("reading panicked");
    assert!(read
        .unwrap_err()
        .to_string()
        .contains("more than one byte-order mark"));
}

#[test]
fn markup_characters_and_attribute_whitespace_survive_a_round_trip() {
    let customer = Customer {
        email: Some(" leading and trailing \r\n ".into()),
        ..Customer::new(
            "  <\"a\" & 'b'>\t\n\r  ".into(),
            ShortText::new("]]>&<".into()).unwrap(),
        )
    };
    let value = Document::Customer(customer);
    let written = write_document(&value).unwrap();
    assert_eq!(
        read_document::<Document>(&written).unwrap(),
        value,
        "{written}"
    );
}

/// Deterministic pseudo-random positions (no dependency needed for a fixed sequence).
fn positions(len: usize, count: usize, seed: u64) -> Vec<usize> {
    let mut x = seed | 1;
    (0..count)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % len.max(1) as u64) as usize
        })
        .collect()
}

/// Reads every truncation and byte flip of `text` with `read`; each must return
/// without panicking, and all within `budget`.
fn mutate(name: &str, text: &str, read: &dyn Fn(&str) -> bool, budget: Duration) -> usize {
    let start = Instant::now();
    let bytes = text.as_bytes();
    let mut cases = 0;
    let step = (bytes.len() / 40).max(1);
    for cut in (0..bytes.len()).step_by(step) {
        let doc = String::from_utf8_lossy(&bytes[..cut]);
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(&doc)));
        assert!(ok.is_ok(), "{name}: panic when cut at byte {cut}");
        cases += 1;
    }
    for (i, pos) in positions(bytes.len(), 40, bytes.len() as u64)
        .into_iter()
        .enumerate()
    {
        let mut flipped = bytes.to_vec();
        flipped[pos] ^= [0x01, 0x20, 0x3c ^ bytes[pos], 0x80][i % 4];
        let doc = String::from_utf8_lossy(&flipped);
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(&doc)));
        assert!(ok.is_ok(), "{name}: panic with byte {pos} flipped");
        cases += 1;
    }
    assert!(
        start.elapsed() < budget,
        "{name}: {cases} cases took {:?}",
        start.elapsed()
    );
    cases
}

#[test]
fn truncated_and_corrupted_samples_never_panic() {
    let Some(corpus) = corpus_dir() else { return };
    let dir = corpus.join("ews/samples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.sort();
    let mut cases = 0;
    for name in names.iter().filter(|n| n.contains("-um-web-service-")) {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let read = |doc: &str| Envelope::<UmDocument>::from_xml_str(doc).is_ok();
        cases += mutate(name, &text, &read, Duration::from_secs(5));
    }
    #[cfg(ews_corpus)]
    for name in names
        .iter()
        .filter(|n| !n.contains("-um-web-service-"))
        .step_by(6)
    {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let read = |doc: &str| Envelope::<xsdgen_tests::ews2016::Body>::from_xml_str(doc).is_ok();
        cases += mutate(name, &text, &read, Duration::from_secs(5));
    }
    println!("{cases} mutated documents read without a panic");
}
