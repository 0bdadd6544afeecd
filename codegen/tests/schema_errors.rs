//! Schemas xsdgen cannot take: each is an error naming file, line, column and the
//! construct — never a panic, never a silent skip. Positions were counted by hand.

use std::path::PathBuf;

fn schema_file(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xsdgen-schema-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

/// A schema whose line 3 onwards is `items`.
fn schema(items: &str) -> String {
    format!(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"\n    \
         xmlns:t=\"urn:t\" targetNamespace=\"urn:t\">\n{items}\n</xs:schema>\n"
    )
}

fn error_of(name: &str, body: &str) -> (xsdgen::Error, PathBuf) {
    let path = schema_file(name, body);
    match xsdgen::Config::new().schema(&path).generate() {
        Ok(_) => panic!("{name} generated"),
        Err(e) => (e, path),
    }
}

#[track_caller]
fn assert_error(name: &str, items: &str, line: u32, column: u32, message: &str) {
    let (err, path) = error_of(name, &schema(items));
    let span = err.span().unwrap_or_else(|| panic!("no span: {err}"));
    assert_eq!(
        (span.file.as_path(), span.line, span.column),
        (path.as_path(), line, column),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("{}:{line}:{column}: ", path.display())),
        "{text}"
    );
    assert!(text.contains(message), "{text}");
}

#[test]
fn unsupported_constructs_are_named_with_their_position() {
    assert_error(
        "open-content.xsd",
        "<xs:defaultOpenContent><xs:any/></xs:defaultOpenContent>",
        3,
        1,
        "not supported yet: xs:defaultOpenContent",
    );
}

#[test]
fn invalid_schemas_are_named_with_their_position() {
    assert_error(
        "named-choice.xsd",
        "<xs:complexType name=\"A\">\n<xs:choice name=\"Inner\"><xs:element name=\"e\"/>\
         </xs:choice></xs:complexType>",
        4,
        1,
        "xs:choice has no attribute \"name\"",
    );
    assert_error(
        "number-name.xsd",
        "<xs:complexType name=\"A\">\n<xs:attribute name=\"4\"/></xs:complexType>",
        4,
        1,
        "\"4\" is not a name (NCName)",
    );
    assert_error(
        "all-repeated-member.xsd",
        "<xs:complexType name=\"A\"><xs:all>\n<xs:element name=\"e\" maxOccurs=\"2\"/>\
         </xs:all></xs:complexType>",
        4,
        1,
        "an element of xs:all occurs at most once",
    );
    assert_error(
        "all-repeated.xsd",
        "<xs:complexType name=\"A\">\n<xs:all maxOccurs=\"unbounded\">\
         <xs:element name=\"e\"/></xs:all></xs:complexType>",
        4,
        1,
        "xs:all may only occur once",
    );
    assert_error(
        "mixed-simple-content.xsd",
        "<xs:complexType name=\"A\">\n  <xs:simpleContent mixed=\"true\">\n\
         <xs:extension base=\"xs:string\"/></xs:simpleContent></xs:complexType>",
        4,
        3,
        "xs:simpleContent has no attribute \"mixed\"",
    );
    assert_error(
        "unknown-type.xsd",
        "<xs:element name=\"A\" type=\"t:Missing\"/>",
        3,
        1,
        "unknown type {urn:t}Missing",
    );
    assert_error(
        "unknown-builtin.xsd",
        "<xs:element name=\"A\" type=\"xs:strin\"/>",
        3,
        1,
        "unknown type {http://www.w3.org/2001/XMLSchema}strin",
    );
    assert_error(
        "unbound-prefix.xsd",
        "<xs:element name=\"A\" type=\"q:T\"/>",
        3,
        1,
        "prefix is not declared",
    );
    assert_error(
        "group-cycle.xsd",
        "<xs:group name=\"G\"><xs:sequence>\n<xs:group ref=\"t:G\"/></xs:sequence></xs:group>\n\
         <xs:element name=\"A\"><xs:complexType><xs:group ref=\"t:G\"/></xs:complexType></xs:element>",
        4,
        1,
        "group {urn:t}G refers to itself",
    );
    assert_error(
        "derivation-cycle.xsd",
        "<xs:complexType name=\"A\"><xs:complexContent><xs:extension base=\"t:B\"/></xs:complexContent></xs:complexType>\n\
         <xs:complexType name=\"B\"><xs:complexContent><xs:extension base=\"t:A\"/></xs:complexContent></xs:complexType>",
        4,
        1,
        "circular type derivation",
    );
    assert_error(
        "substitution-cycle.xsd",
        "<xs:element name=\"A\" type=\"xs:string\" substitutionGroup=\"t:B\"/>\n\
         <xs:element name=\"B\" type=\"xs:string\" substitutionGroup=\"t:A\"/>\n\
         <xs:element name=\"R\"><xs:complexType><xs:sequence><xs:element ref=\"t:A\"/></xs:sequence></xs:complexType></xs:element>",
        3,
        1,
        "circular substitution group",
    );
    assert_error(
        "occurs.xsd",
        "<xs:complexType name=\"A\"><xs:sequence>\n<xs:element name=\"e\" minOccurs=\"2\" maxOccurs=\"1\"/></xs:sequence></xs:complexType>",
        4,
        1,
        "maxOccurs 1 is less than minOccurs 2",
    );
    assert_error(
        "duplicate.xsd",
        "<xs:element name=\"A\"/>\n<xs:element name=\"A\"/>",
        4,
        1,
        "element {urn:t}A is declared twice",
    );
    assert_error(
        "pattern.xsd",
        "<xs:simpleType name=\"P\"><xs:restriction base=\"xs:string\">\n  <xs:pattern value=\"[\\C]\"/>\n</xs:restriction></xs:simpleType>",
        3,
        1,
        "inside a character class",
    );
}

#[test]
fn identity_constraints_are_checked_for_form() {
    assert_error(
        "key.xsd",
        "<xs:element name=\"A\" type=\"xs:string\"><xs:key name=\"k\"/></xs:element>",
        3,
        39,
        "an identity constraint needs a selector and fields",
    );
    assert_error(
        "keyref.xsd",
        "<xs:element name=\"A\" type=\"xs:string\"><xs:keyref name=\"k\">\n\
         <xs:selector xpath=\".\"/><xs:field xpath=\"@a\"/></xs:keyref></xs:element>",
        3,
        39,
        "refer belongs on xs:keyref",
    );
    let ok = schema(
        "<xs:element name=\"A\" type=\"xs:string\"><xs:unique name=\"u\">\
         <xs:selector xpath=\".\"/><xs:field xpath=\"@a\"/></xs:unique></xs:element>",
    );
    let path = schema_file("unique.xsd", &ok);
    xsdgen::Config::new().schema(&path).generate().unwrap();
}

#[test]
fn malformed_schema_xml_and_missing_files() {
    let (err, path) = error_of(
        "malformed.xsd",
        &schema("<xs:element name=\"A\">\n</xs:elemnt>"),
    );
    assert!(matches!(err, xsdgen::Error::Xml { .. }), "{err}");
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line),
        (path.as_path(), 4),
        "{err}"
    );

    let (err, _) = error_of("not-a-schema.xsd", "<root/>");
    assert!(err.to_string().contains("expected xs:schema"), "{err}");

    let (err, path) = error_of(
        "missing-include.xsd",
        &schema("<xs:include schemaLocation=\"nowhere.xsd\"/>"),
    );
    assert_eq!(err.span().unwrap().line, 3, "{err}");
    assert!(err.to_string().contains("nowhere.xsd"), "{err}");
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );

    let missing = std::env::temp_dir().join("xsdgen-no-such-dir/none.xsd");
    let err = xsdgen::Config::new()
        .schema(&missing)
        .generate()
        .unwrap_err();
    assert!(matches!(err, xsdgen::Error::Io { .. }), "{err}");
}

#[test]
fn remote_locations_are_never_fetched() {
    let (err, _) = error_of(
        "remote.xsd",
        &schema("<xs:import namespace=\"urn:x\" schemaLocation=\"https://example.com/x.xsd\"/>"),
    );
    assert!(
        matches!(err, xsdgen::Error::Remote { ref url, .. } if url == "https://example.com/x.xsd"),
        "{err}"
    );
    assert!(err.to_string().contains("is not fetched"), "{err}");
}

#[test]
fn a_catalog_entry_maps_a_remote_location_to_a_local_copy() {
    let dir = std::env::temp_dir().join(format!("xsdgen-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = dir.join("root.xsd");
    std::fs::write(
        &root,
        schema(
            "<xs:import namespace=\"urn:x\" schemaLocation=\"https://example.com/x.xsd\"/>\
             <xs:element name=\"A\" xmlns:x=\"urn:x\" type=\"x:T\"/>",
        ),
    )
    .unwrap();
    let copy = dir.join("x-copy.xsd");
    std::fs::write(
        &copy,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x\">\
         <xs:simpleType name=\"T\"><xs:restriction base=\"xs:string\"/></xs:simpleType>\
         </xs:schema>",
    )
    .unwrap();
    let err = xsdgen::Config::new().schema(&root).check().unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("https://example.com/x.xsd") && message.contains("map_location"),
        "the error names the URL and the catalog entry to add: {message}"
    );
    let (_, _, files) = xsdgen::Config::new()
        .schema(&root)
        .map_location("https://example.com/x.xsd", &copy)
        .check()
        .unwrap();
    assert_eq!(files, vec![root.clone(), copy.clone()]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn include_chains_and_schema_sets_are_bounded() {
    let dir = std::env::temp_dir().join(format!("xsdgen-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // a0 includes a1 includes a2 … includes a9: a chain 9 deep.
    for i in 0..10 {
        let include = if i < 9 {
            format!("<xs:include schemaLocation=\"a{}.xsd\"/>", i + 1)
        } else {
            String::new()
        };
        std::fs::write(
            dir.join(format!("a{i}.xsd")),
            format!(
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">{include}\
                 <xs:element name=\"E{i}\" type=\"xs:string\"/></xs:schema>"
            ),
        )
        .unwrap();
    }
    let root = dir.join("a0.xsd");
    assert!(xsdgen::Config::new().schema(&root).check().is_ok());
    let err = xsdgen::Config::new()
        .schema(&root)
        .max_include_depth(5)
        .check()
        .unwrap_err();
    assert!(matches!(err, xsdgen::Error::Limit { .. }), "{err}");
    assert!(
        err.to_string().contains("a5.xsd"),
        "the span names the include: {err}"
    );
    assert!(err.to_string().contains("more than 5 deep"), "{err}");
    let err = xsdgen::Config::new()
        .schema(&root)
        .max_schema_files(4)
        .check()
        .unwrap_err();
    assert!(err.to_string().contains("more than 4 files"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
