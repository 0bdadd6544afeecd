//! The indented writer (`write_document_pretty`): whitespace only where it is not
//! content, so that reading the output gives the value written.

use std::fmt::Debug;

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::Document as UmDocument;
use xsdgen_runtime::{
    read_document, write_document, write_document_pretty, write_document_with, WriteOptions,
    XmlElement,
};
use xsdgen_tests::fixture::constructs::Document as Constructs;
use xsdgen_tests::mixed::mixed::Document as Mixed;
use xsdgen_tests::{corpus_dir, infoset};

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

/// Reads `doc`, writes it indented, reads that back: the same value, and the same
/// infoset as the original (the comparison skips whitespace in element-only content
/// only). Returns the indented document.
fn pretty_round_trip<T: XmlElement + PartialEq + Debug>(doc: &str) -> String {
    let value: T = read_document(doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
    let pretty = write_document_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
    let again: T = read_document(&pretty).unwrap_or_else(|e| panic!("{e}\n{pretty}"));
    assert_eq!(again, value, "{pretty}");
    infoset::compare(doc, &pretty).unwrap_or_else(|e| panic!("{e}\n{pretty}"));
    pretty
}

const C: &str = "urn:xsdgen:test:constructs";

#[test]
fn a_small_document_is_indented_as_worked_out_by_hand() {
    // Element-only content is indented; simple content (Id, Name, Total), a nil element,
    // an element of another namespace and an `xs:anyType` tree (Extra: its whitespace
    // is content) are written as they are.
    let doc = format!(
        "<c:Order xmlns:c=\"{C}\" xmlns:o=\"urn:xsdgen:test:other\" createdBy=\"ann\">\
         <c:Id>ABC-0042</c:Id><c:Customer id=\"c1\"><c:Name>Ann</c:Name></c:Customer>\
         <c:Line><c:Sku>X-1</c:Sku><c:Quantity>3</c:Quantity></c:Line>\
         <c:Total currency=\"EUR\">1.5</c:Total><o:Note>hi</o:Note>\
         <c:Pickup>desk</c:Pickup><c:Extra><x:a xmlns:x=\"urn:x\"><x:b/></x:a></c:Extra>\
         </c:Order>"
    );
    let pretty = pretty_round_trip::<Constructs>(&doc);
    let expected = format!(
        "{DECLARATION}\
<Order xmlns=\"{C}\" createdBy=\"ann\">
  <Id>ABC-0042</Id>
  <Customer id=\"c1\">
    <Name>Ann</Name>
  </Customer>
  <Line>
    <Sku>X-1</Sku>
    <Quantity>3</Quantity>
  </Line>
  <Total currency=\"EUR\">1.5</Total>
  <Note xmlns=\"urn:xsdgen:test:other\">hi</Note>
  <Pickup>desk</Pickup>
  <Extra><a xmlns=\"urn:x\"><b/></a></Extra>
</Order>
"
    );
    assert_eq!(pretty, expected);
    // Without options, the same document has no whitespace added.
    let value: Constructs = read_document(&doc).unwrap();
    let compact = write_document(&value).unwrap();
    assert_eq!(
        write_document_with(&value, &WriteOptions::default()).unwrap(),
        compact
    );
    assert!(!compact[DECLARATION.len()..].contains('\n'), "{compact}");
    // Another indentation.
    let tabs = WriteOptions {
        indent: Some("\t".into()),
    };
    let tabbed = write_document_with(&value, &tabs).unwrap();
    assert_eq!(tabbed, expected.replace("  ", "\t"));
}

#[test]
fn fixture_constructs_round_trip_indented() {
    let docs = [
        format!(
            "<Order xmlns=\"{C}\" xmlns:o=\"urn:xsdgen:test:other\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" createdBy=\"ann\" \
             status=\"closed\"><Id>ABC-0042</Id><Customer id=\"c1\"><Name>Ann</Name>\
             <Code>AB12</Code></Customer><Line><Quantity>3</Quantity><Sku>X-1</Sku></Line>\
             <Line><Sku>Y-2</Sku><Quantity>999</Quantity><Discount>12.50</Discount></Line>\
             <Total currency=\"EUR\">1234.5600</Total><o:Note>thanks &amp; bye</o:Note>\
             <Comment xsi:nil=\"true\"/><Priority>high</Priority><Version>2</Version>\
             <Delivery><Street>Main St 1</Street><Country>DE</Country></Delivery>\
             <Tags>a b c</Tags><Size>large</Size>\
             <Extra kind=\"x\"><anything xmlns=\"urn:z\">text<b/>  <c> </c></anything></Extra>\
             </Order>"
        ),
        format!(
            "<Nested xmlns=\"{C}\"><A>x</A><B>1</B><C>2</C><B>3</B><C>4</C><E>2.5</E><D>y</D></Nested>"
        ),
        format!(
            "<Drawing xmlns=\"{C}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <Square><Side>1</Side></Square><RoundedSquare id=\"r\"><Side>2</Side></RoundedSquare>\
             <Figure xsi:type=\"CircleType\"><Radius>3</Radius></Figure></Drawing>"
        ),
        format!(
            "<Open xmlns=\"{C}\" xmlns:x=\"urn:x\" x:extra=\"yes\"><Known>k</Known>\
             <x:Thing a=\"1\">t<x:Sub/>u</x:Thing><x:Other>\n  <x:Deep/>\n</x:Other></Open>"
        ),
        format!("<Tree xmlns=\"{C}\"><Value>1</Value><Child><Value>2</Value><Child><Value>3</Value></Child></Child></Tree>"),
        format!("<Book xmlns=\"{C}\" sku=\"b1\" pages=\"320\"><Title>T</Title><Author>A</Author></Book>"),
    ];
    for doc in &docs {
        pretty_round_trip::<Constructs>(doc);
    }
}

const M: &str = r#"xmlns="urn:xsdgen:test:mixed""#;

#[test]
fn mixed_content_is_written_as_it_was_read() {
    let docs = [
        format!(r#"<para {M}>Hello <b>bold</b>, <i>it</i>!</para>"#),
        format!("<para {M}><i>a</i><b><i>b</i></b></para>"),
        format!("<para {M}>\n  <i>a</i>\n  <i>b</i> \n</para>"),
        format!(
            r#"<notedPara {M} level="2">See <i>this</i> note<footnote>fn</footnote> end</notedPara>"#
        ),
        format!(r#"<note {M} lang="en">one &lt; two</note>"#),
        format!(
            r#"<documentation {M}>See <a xmlns="urn:x" href="u">the <em>spec</em></a>.</documentation>"#
        ),
        format!(r#"<letter {M}>Dear <to><name>Ann</name></to>, <body>hi</body> bye</letter>"#),
        format!(r#"<letter {M}><to><name>Ann</name></to><body><b>x</b></body></letter>"#),
    ];
    for doc in &docs {
        let pretty = pretty_round_trip::<Mixed>(doc);
        // Nothing to indent: a mixed root keeps its content as it is.
        assert_eq!(pretty, format!("{DECLARATION}{doc}\n"));
    }
}

#[test]
fn um_samples_round_trip_indented() {
    let Some(corpus) = corpus_dir() else { return };
    let dir = corpus.join("ews/samples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("-um-web-service-") && n.ends_with(".xml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 22);
    for name in &names {
        let original = std::fs::read_to_string(dir.join(name)).unwrap();
        let pretty = pretty_round_trip::<Envelope<UmDocument>>(&original);
        assert!(
            pretty.contains("\n  <soap:Body>\n    <"),
            "{name}:\n{pretty}"
        );
    }
}
