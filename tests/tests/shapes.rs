//! Constructs of published schemas that xsdgen once refused, through code generated
//! from `fixtures/shapes.xsd`; and location hints kept on the root element. Expected
//! values were worked out by hand from the fixture.

use xsdgen_runtime::{read_document, write_document, ReadErrorKind, SimpleType};
use xsdgen_tests::shapes::shapes::{
    Document, OccursMember1, ShapeLeafOrPair, ShapePairLeafOrPair, SmallOccurs,
};

const NS: &str = r#"xmlns="urn:xsdgen:test:shapes""#;

fn shape(doc: &str) -> xsdgen_tests::shapes::shapes::Shape {
    match read_document::<Document>(doc).unwrap_or_else(|e| panic!("{e}\n{doc}")) {
        Document::Shape(s) => s,
    }
}

#[test]
fn a_restricted_union_checks_its_pattern_and_enumeration_on_every_member() {
    let s = shape(&format!(
        "<shape {NS}><max>0</max><max>1</max><max>unbounded</max></shape>"
    ));
    assert_eq!(
        s.max,
        [
            SmallOccurs::parse("0").unwrap(),
            SmallOccurs::parse("1").unwrap(),
            SmallOccurs::Member1(OccursMember1::Unbounded),
        ]
    );
    // Valid for the union, outside the restriction: "7" fails the enumeration, "many"
    // the pattern, "10" both.
    for bad in ["7", "many", "10"] {
        let err = read_document::<Document>(&format!("<shape {NS}><max>{bad}</max></shape>"))
            .unwrap_err();
        assert!(
            matches!(err.kind, ReadErrorKind::InvalidValue { .. }),
            "{bad}: {err}"
        );
    }
    assert!(SmallOccurs::parse("many").is_err());
    assert!(SmallOccurs::Member1(OccursMember1::Many)
        .validate()
        .is_err());
}

#[test]
fn a_group_whose_element_holds_the_group_again_nests_to_any_depth() {
    let doc = format!(
        "<shape {NS}><pair><leaf>a</leaf><pair><leaf>b</leaf><leaf>c</leaf></pair></pair></shape>"
    );
    let s = shape(&doc);
    let Some(ShapeLeafOrPair::Pair(outer)) = &s.leaf_or_pair else {
        panic!("{:?}", s.leaf_or_pair)
    };
    assert_eq!(outer.leaf_or_pair[0], ShapePairLeafOrPair::Leaf("a".into()));
    let ShapePairLeafOrPair::Pair(inner) = &outer.leaf_or_pair[1] else {
        panic!()
    };
    assert_eq!(inner.leaf_or_pair.len(), 2);
    let written = write_document(&Document::Shape(s.clone())).unwrap();
    assert_eq!(shape(&written), s);
    // The inner pair needs exactly two expressions.
    let err =
        read_document::<Document>(&format!("<shape {NS}><pair><leaf>a</leaf></pair></shape>"))
            .unwrap_err();
    assert_eq!(err.location.path, "shape/pair");
}

#[test]
fn an_anonymous_type_may_extend_the_type_whose_content_holds_it() {
    let s = shape(&format!(
        r#"<shape {NS}><apply><op>f</op><bind var="x"><op>g</op></bind></apply></shape>"#
    ));
    let apply = s.apply.expect("apply");
    let bind = apply.bind.expect("bind");
    assert_eq!(bind.var.as_deref(), Some("x"));
    assert_eq!(bind.base.op, "g");
    assert!(bind.base.bind.is_none());
}

#[test]
fn location_hints_on_the_root_are_kept_and_written_back() {
    let doc = format!(
        r#"<shape {NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:xsdgen:test:shapes shapes.xsd" xsi:noNamespaceSchemaLocation="other.xsd"/>"#
    );
    let s = shape(&doc);
    assert_eq!(
        s.xsi_location.schema_location(),
        Some("urn:xsdgen:test:shapes shapes.xsd")
    );
    assert_eq!(
        s.xsi_location.no_namespace_schema_location(),
        Some("other.xsd")
    );
    let written = write_document(&Document::Shape(s)).unwrap();
    assert!(
        written.ends_with(&format!(
            r#"<shape {NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:xsdgen:test:shapes shapes.xsd" xsi:noNamespaceSchemaLocation="other.xsd"/>"#
        )),
        "{written}"
    );
    // Without hints nothing is added.
    let plain = write_document(&Document::Shape(shape(&format!("<shape {NS}/>")))).unwrap();
    assert!(!plain.contains("xsi"), "{plain}");
}

#[test]
fn an_attribute_named_value_on_simple_content_is_kept_beside_the_content() {
    let s = shape(&format!(
        r#"<shape {NS}><measure value="approx">1.50</measure></shape>"#
    ));
    let m = s.measure.as_ref().expect("measure");
    assert_eq!(m.value.as_str(), "1.50");
    assert_eq!(m.value_attr.as_deref(), Some("approx"));
    let written = write_document(&Document::Shape(s.clone())).unwrap();
    assert!(
        written.contains(r#"<measure value="approx">1.50</measure>"#),
        "{written}"
    );
}

#[test]
fn a_mixed_emptiable_base_may_be_restricted_to_simple_content_of_an_anonymous_type() {
    let s = shape(&format!("<shape {NS}><when>2024-05-01</when></shape>"));
    let mut written = String::new();
    SimpleType::write(&s.when.as_ref().expect("when").value, &mut written);
    assert_eq!(written, "2024-05-01");
    // Not a year or a date; and the base's attribute is prohibited here.
    for bad in ["<when>soon</when>", r#"<when lang="en">2024</when>"#] {
        let e = read_document::<Document>(&format!("<shape {NS}>{bad}</shape>")).unwrap_err();
        assert_eq!(e.location.path, "shape/when", "{bad}: {e}");
    }
}

#[test]
fn a_nil_element_still_needs_the_attributes_its_type_requires() {
    let xsi = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
    let e = read_document::<Document>(&format!(
        r#"<shape {NS} {xsi}><tagged xsi:nil="true"/></shape>"#
    ))
    .unwrap_err();
    assert!(
        matches!(e.kind, ReadErrorKind::MissingAttribute { ref name } if name == "tag"),
        "{e}"
    );
    let s = shape(&format!(
        r#"<shape {NS}><tagged tag="t"><label>x</label></tagged></shape>"#
    ));
    assert!(s.tagged.is_some());
}

#[test]
fn an_element_of_empty_content_takes_no_whitespace() {
    let s = shape(&format!(
        r#"<shape {NS}><marker at="1"/><!-- c --></shape>"#
    ));
    assert_eq!(s.marker.expect("marker").at, Some(1));
    shape(&format!(
        r#"<shape {NS}><marker at="1"><!-- nothing --></marker></shape>"#
    ));
    let e = read_document::<Document>(&format!(r#"<shape {NS}><marker> </marker></shape>"#))
        .unwrap_err();
    assert!(
        matches!(e.kind, ReadErrorKind::UnexpectedText { .. }),
        "{e}"
    );
    assert_eq!(e.location.path, "shape/marker");
}

#[test]
fn qname_enumerations_compare_expanded_names_whatever_the_prefix() {
    use xsdgen_tests::shapes::shapes::Kind;
    // `my:` and the default namespace both name the shapes namespace; `x:` the XSD one.
    let doc = r#"<my:shape xmlns:my="urn:xsdgen:test:shapes" xmlns:x="http://www.w3.org/2001/XMLSchema"><my:kind also="x:string">my:circle</my:kind></my:shape>"#;
    let s = shape(doc);
    let kind = s.kind.as_ref().expect("kind");
    assert_eq!(kind.value, Kind::SCircle);
    assert_eq!(kind.also, Some(Kind::XsString));
    let unprefixed = shape(&format!(r#"<shape {NS}><kind>circle</kind></shape>"#));
    assert_eq!(unprefixed.kind.unwrap().value, Kind::SCircle);
    // `circle` in another namespace, and a prefix nobody declared, are not values.
    for bad in [
        r#"<kind xmlns:o="urn:other">o:circle</kind>"#,
        "<kind>q:circle</kind>",
    ] {
        let e = read_document::<Document>(&format!("<shape {NS}>{bad}</shape>")).unwrap_err();
        assert!(
            matches!(e.kind, ReadErrorKind::InvalidValue { .. }),
            "{bad}: {e}"
        );
    }
    // Written with prefixes the written document declares: it reads back the same.
    let written = write_document(&Document::Shape(s.clone())).unwrap();
    assert_eq!(shape(&written), s, "{written}");
    assert!(
        written.ends_with(r#"<shape xmlns="urn:xsdgen:test:shapes"><kind xmlns:ns1="http://www.w3.org/2001/XMLSchema" also="ns1:string">circle</kind></shape>"#),
        "{written}"
    );
}

#[test]
fn a_restriction_of_an_anonymous_base_type_keeps_the_facets_of_both() {
    let s = shape(&format!("<shape {NS}><code>abc</code></shape>"));
    assert_eq!(s.code.expect("code").get(), "abc");
    // minLength 2 is the restriction's own, maxLength 5 its anonymous base's.
    for bad in ["a", "abcdef"] {
        let e = read_document::<Document>(&format!("<shape {NS}><code>{bad}</code></shape>"))
            .unwrap_err();
        assert!(
            matches!(e.kind, ReadErrorKind::InvalidValue { .. }),
            "{bad}: {e}"
        );
    }
}
