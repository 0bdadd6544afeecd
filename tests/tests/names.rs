//! Names: collisions resolve deterministically (named types keep their XSD names,
//! anonymous ones yield), `xml:lang` needs no schemaLocation, a byte-order mark is
//! skipped. The expected Rust names were worked out by hand from `fixtures/names.xsd`.

use xsdgen_runtime::{read_document, types, write_document};
use xsdgen_tests::infoset;
use xsdgen_tests::naming::names::{
    Document, Duration, EmailAddress, EmailAddressType, EmailAddressType2,
};

const N: &str = "urn:xsdgen:test:names";

#[test]
fn colliding_names_resolve_in_declaration_order() {
    let doc = format!(
        "<EmailAddress xmlns=\"{N}\"><Primary xml:lang=\"en-GB\"><Address>a@example.com</Address></Primary>\
         <Other><Name>Ann</Name></Other><Span>P1D</Span><Raw>PT2H</Raw><type>x</type></EmailAddress>"
    );
    let Document::EmailAddress(e) = read_document::<Document>(&doc).unwrap() else {
        panic!()
    };
    // The element's anonymous type yields to the named types EmailAddress and EmailAddressType.
    let expected = EmailAddressType2 {
        xsi_location: Default::default(),
        primary: EmailAddressType {
            lang: Some("en-GB".into()),
            address: "a@example.com".into(),
        },
        other: EmailAddress::new("Ann".into()),
        // A user type named like a built-in stays distinct from it.
        span: Duration::new(types::Duration::new("P1D").unwrap()).unwrap(),
        raw: types::Duration::new("PT2H").unwrap(),
        // A keyword becomes a valid identifier.
        type_: "x".into(),
    };
    assert_eq!(e, expected);
    let written = write_document(&Document::EmailAddress(e)).unwrap();
    assert!(written.contains("xml:lang=\"en-GB\""), "{written}");
    infoset::compare(&doc, &written).unwrap();
}

#[test]
fn elements_differing_only_by_case_get_distinct_variants() {
    let doc = format!("<emailAddress xmlns=\"{N}\"><Name>Bo</Name></emailAddress>");
    let value = read_document::<Document>(&doc).unwrap();
    assert_eq!(
        value,
        Document::EmailAddressElement(EmailAddress::new("Bo".into()))
    );
    infoset::compare(&doc, &write_document(&value).unwrap()).unwrap();
}

#[test]
fn fields_keep_names_the_generated_reader_and_writer_use_for_themselves() {
    use xsdgen_tests::naming::names::Interval;
    let doc = r#"<Interval xmlns="urn:xsdgen:test:names" v="1">a<start>s</start><r>r</r><w>w</w><ns>n</ns><local>l</local><mixed>m</mixed>z</Interval>"#;
    let Document::Interval(i) = read_document::<Document>(doc).unwrap() else {
        panic!()
    };
    // Each field is named as in the schema: no `start_`, `r_`, ….
    let Interval {
        start,
        r,
        w,
        ns,
        local,
        mixed,
        v,
        text,
        ..
    } = &i;
    assert_eq!(
        (start.as_str(), r.as_deref(), w.as_deref(), ns.as_deref()),
        ("s", Some("r"), Some("w"), Some("n"))
    );
    assert_eq!(
        (local.as_deref(), mixed.as_deref(), v.as_deref()),
        (Some("l"), Some("m"), Some("1"))
    );
    assert_eq!(text.to_string(), "az");
    let written = write_document(&Document::Interval(i.clone())).unwrap();
    assert!(written.ends_with(doc), "{written}");
}
