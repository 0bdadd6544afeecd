//! Names the generator must make valid Rust of whatever the schema says: namespaces
//! whose last segment is a keyword (`…/self` once made the schema set's `Document`
//! variant `Self`, and the generator panic).

mod common;

fn schema(ns: &str, element: &str) -> String {
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{ns}">
  <xs:element name="{element}" type="xs:string"/>
</xs:schema>"#
    )
}

#[test]
fn namespaces_named_like_keywords_make_modules_and_variants() {
    let dir = common::folder("names", "keyword_namespaces");
    let segments = ["self", "Self", "super", "crate", "type", "Größe", "名前"];
    let imports: String = segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let ns = format!("http://example.com/{s}");
            common::write(&dir, &format!("n{i}.xsd"), &schema(&ns, s));
            format!(r#"<xs:import namespace="{ns}" schemaLocation="n{i}.xsd"/>"#)
        })
        .collect();
    let root = common::write(
        &dir,
        "root.xsd",
        &format!(
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:root">{imports}<xs:element name="Root" type="xs:string"/></xs:schema>"#
        ),
    );
    let generated = xsdgen::Config::new().schema(&root).generate().unwrap();
    let modules: Vec<&str> = generated.modules.iter().map(|(m, _)| m.as_str()).collect();
    for expected in [
        "self_", "self_ns", "super_", "crate_", "type_", "größe", "名前", "root",
    ] {
        assert!(modules.contains(&expected), "{expected} in {modules:?}");
    }
    let code = generated.to_single_file();
    syn::parse_file(&code).unwrap_or_else(|e| panic!("{e}\n{code}"));
    let document = generated.schema_set_document.unwrap();
    for variant in [
        "Self_(self_::Document)",
        "SelfNs(self_ns::Document)",
        "Super(super_::Document)",
    ] {
        assert!(document.contains(variant), "{variant} in {document}");
    }
}

#[test]
fn a_module_name_that_cannot_name_a_module_is_an_error_not_a_panic() {
    let dir = common::folder("names", "module_names");
    let path = common::write(&dir, "a.xsd", &schema("urn:a", "A"));
    for (name, reason) in [
        ("type", "not a Rust identifier (or a keyword)"),
        ("self", "a path keyword cannot name a module"),
        ("my-module", "not a Rust identifier (or a keyword)"),
        ("", "not a Rust identifier (or a keyword)"),
        (
            "r#type",
            "raw identifiers are not accepted; choose another name",
        ),
    ] {
        let err = xsdgen::Config::new()
            .schema(&path)
            .module("urn:a", name)
            .generate()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("module name {name:?} for namespace urn:a: {reason}")
        );
    }
    // A usable one is used.
    let g = xsdgen::Config::new()
        .schema(&path)
        .module("urn:a", "größe_a")
        .generate()
        .unwrap();
    assert_eq!(g.modules[0].0, "größe_a");
}
