//! Mixed content (`mixed="true"`) through code generated from `fixtures/mixed.xsd`:
//! text between child elements is kept in place and written back in document order.
//! Expected values and written documents were worked out by hand from the fixture.

use xsdgen_runtime::{read_document, write_document, MixedText, ReadErrorKind};
use xsdgen_tests::mixed::mixed::{
    Document, DocumentationType, NoteType, NotedParaType, ParaType, ParaTypeBOrI,
};

const NS: &str = r#"xmlns="urn:xsdgen:test:mixed""#;

fn read(doc: &str) -> Document {
    read_document(doc).unwrap_or_else(|e| panic!("{e}\n{doc}"))
}

/// Reads `doc`, writes it back and checks the written document is `doc` itself (after
/// the XML declaration the writer adds): mixed content must come back character for
/// character, whitespace included.
fn round_trip(doc: &str) -> Document {
    let value = read(doc);
    let written = write_document(&value).unwrap_or_else(|e| panic!("{e}"));
    let body = written
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .expect("declaration");
    assert_eq!(body, doc);
    value
}

fn para(doc: &str) -> ParaType {
    match read(doc) {
        Document::Para(p) => p,
        other => panic!("not a para: {other:?}"),
    }
}

#[test]
fn text_between_children_is_kept_in_place_and_written_back_in_order() {
    let doc = format!(r#"<para {NS}>Hello <b>bold</b>, <i>it</i>!</para>"#);
    round_trip(&doc);
    let p = para(&doc);
    assert_eq!(
        p.text.pieces().collect::<Vec<_>>(),
        [(0, "Hello "), (1, ", "), (2, "!")]
    );
    assert_eq!(p.text.to_string(), "Hello , !");
    assert_eq!(p.b_or_i.len(), 2);
    let ParaTypeBOrI::B(b) = &p.b_or_i[0] else {
        panic!("{:?}", p.b_or_i[0])
    };
    assert_eq!(b.text.to_string(), "bold");
    assert_eq!(p.b_or_i[1], ParaTypeBOrI::I("it".into()));
}

#[test]
fn whitespace_in_mixed_content_is_character_data() {
    let doc = format!("<para {NS}>\n  <i>a</i>\n  <i>b</i> \n</para>");
    let p = match round_trip(&doc) {
        Document::Para(p) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        p.text.pieces().collect::<Vec<_>>(),
        [(0, "\n  "), (1, "\n  "), (2, " \n")]
    );
}

#[test]
fn nested_mixed_elements_each_keep_their_own_text() {
    let doc = format!(r#"<para {NS}>a<b>b1<b>deep</b>b2</b>c</para>"#);
    let p = match round_trip(&doc) {
        Document::Para(p) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(p.text.pieces().collect::<Vec<_>>(), [(0, "a"), (1, "c")]);
    let ParaTypeBOrI::B(outer) = &p.b_or_i[0] else {
        panic!()
    };
    assert_eq!(
        outer.text.pieces().collect::<Vec<_>>(),
        [(0, "b1"), (1, "b2")]
    );
    let ParaTypeBOrI::B(inner) = &outer.b_or_i[0] else {
        panic!()
    };
    assert_eq!(inner.text.to_string(), "deep");
}

#[test]
fn references_cdata_and_comments_in_mixed_content_read_as_text() {
    let doc = format!(r#"<para {NS}>x &amp; y<!-- c --> z<![CDATA[<w>]]><i>i</i></para>"#);
    let p = para(&doc);
    assert_eq!(p.text.pieces().collect::<Vec<_>>(), [(0, "x & y z<w>")]);
    let written = write_document(&Document::Para(p)).unwrap();
    assert!(
        written.ends_with(&format!("<para {NS}>x &amp; y z&lt;w&gt;<i>i</i></para>")),
        "{written}"
    );
}

#[test]
fn an_extension_of_a_mixed_type_keeps_all_its_text_in_the_base() {
    let doc = format!(
        r#"<notedPara {NS} level="2">See <i>this</i> note<footnote>fn</footnote> end</notedPara>"#
    );
    let n: NotedParaType = match round_trip(&doc) {
        Document::NotedPara(n) => n,
        other => panic!("{other:?}"),
    };
    assert_eq!(n.level, Some(2));
    assert_eq!(n.footnote.as_deref(), Some("fn"));
    assert_eq!(
        n.base.text.pieces().collect::<Vec<_>>(),
        [(0, "See "), (1, " note"), (2, " end")]
    );
}

#[test]
fn a_mixed_type_without_children_holds_text_only_and_refuses_elements() {
    let doc = format!(r#"<note {NS} lang="en">one &lt; two</note>"#);
    let Document::Note(n) = round_trip(&doc) else {
        panic!()
    };
    assert_eq!(n.text.to_string(), "one < two");
    assert_eq!(n.lang.as_deref(), Some("en"));

    let e = read_document::<Document>(&format!(r#"<note {NS}>a<i>x</i></note>"#)).unwrap_err();
    assert!(
        matches!(e.kind, ReadErrorKind::UnexpectedElement { .. }),
        "{e}"
    );
    assert_eq!(e.location.path, "note/i");
}

#[test]
fn documentation_like_content_keeps_any_elements_among_the_text() {
    let doc = format!(
        r#"<documentation {NS}>See <a xmlns="urn:x" href="u">the <em>spec</em></a>.</documentation>"#
    );
    let Document::Documentation(d): Document = round_trip(&doc) else {
        panic!()
    };
    let d: DocumentationType = d;
    assert_eq!(d.text.pieces().collect::<Vec<_>>(), [(0, "See "), (1, ".")]);
    assert_eq!(d.any.len(), 1);
}

#[test]
fn text_inside_an_element_only_child_of_mixed_content_is_still_an_error() {
    let doc = format!(
        r#"<letter {NS}>Dear <to>stray<name>Ann</name></to>, <body>hi</body> bye</letter>"#
    );
    let e = read_document::<Document>(&doc).unwrap_err();
    assert!(
        matches!(e.kind, ReadErrorKind::UnexpectedText { .. }),
        "{e}"
    );
    assert_eq!(e.location.path, "letter/to");

    let good =
        format!(r#"<letter {NS}>Dear <to><name>Ann</name></to>, <body>hi</body> bye</letter>"#);
    round_trip(&good);
}

#[test]
fn the_order_of_children_is_still_checked_in_mixed_content() {
    let doc = format!(r#"<letter {NS}>x<body>hi</body><to><name>A</name></to></letter>"#);
    let e = read_document::<Document>(&doc).unwrap_err();
    assert!(
        matches!(e.kind, ReadErrorKind::UnexpectedElement { .. }),
        "{e}"
    );
}

#[test]
fn a_value_built_in_code_writes_its_text_in_place() {
    let mut text = MixedText::from("Hi ");
    text.push(1, "!");
    let p = ParaType {
        b_or_i: vec![ParaTypeBOrI::I("you".into())],
        text,
        ..Default::default()
    };
    let written = write_document(&Document::Para(p)).unwrap();
    assert!(
        written.ends_with(&format!("<para {NS}>Hi <i>you</i>!</para>")),
        "{written}"
    );
    let n = NoteType {
        text: "plain".into(),
        ..Default::default()
    };
    let written = write_document(&Document::Note(n)).unwrap();
    assert!(
        written.ends_with(&format!("<note {NS}>plain</note>")),
        "{written}"
    );
}

#[test]
fn an_xsi_type_inside_kept_elements_keeps_its_namespace_when_written() {
    // `q` is declared outside the kept element: the written document must declare it.
    let doc = format!(
        r#"<documentation {NS} xmlns:q="urn:q" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">x<a xmlns="urn:x" xsi:type="q:T"/></documentation>"#
    );
    let Document::Documentation(d) = read(&doc) else {
        panic!()
    };
    let kept = &d.any[0].attributes[0];
    assert_eq!(
        (kept.local.as_str(), kept.value.as_str()),
        ("type", "{urn:q}T")
    );
    let written = write_document(&Document::Documentation(d.clone())).unwrap();
    let Document::Documentation(back) = read(&written) else {
        panic!()
    };
    assert_eq!(back, d, "{written}");
}
