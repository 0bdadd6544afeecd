//! `xs:redefine` and `xs:override`: the redefined schema's components replaced by the
//! new definitions everywhere, a redefinition's reference to its own name meaning the
//! original, and errors with positions for what cannot be redefined.

mod common;
use common::{folder, write};

use std::path::{Path, PathBuf};

use xsdgen::model::{ComplexTypeDef, Content, Model, Particle, SimpleKind, Term, TypeRef};
use xsdgen::syntax::QName;

const NS: &str = "urn:r";

/// A schema of namespace `urn:r` (prefix `r`) whose line 2 onwards is `items`.
fn schema(items: &str) -> String {
    format!(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:r=\"{NS}\" targetNamespace=\"{NS}\">\n\
         {items}\n</xs:schema>\n"
    )
}

const BASE: &str = r#"
  <xs:complexType name="Person">
    <xs:annotation><xs:documentation>A person.</xs:documentation></xs:annotation>
    <xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence>
    <xs:attribute name="id" type="xs:string"/>
  </xs:complexType>
  <xs:complexType name="Address">
    <xs:sequence>
      <xs:element name="street" type="xs:string"/>
      <xs:element name="city" type="xs:string" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>
  <xs:simpleType name="Code">
    <xs:restriction base="xs:string"><xs:maxLength value="10"/></xs:restriction>
  </xs:simpleType>
  <xs:group name="Contact">
    <xs:sequence><xs:element name="email" type="xs:string"/></xs:sequence>
  </xs:group>
  <xs:attributeGroup name="Audit">
    <xs:attribute name="created" type="xs:date"/>
  </xs:attributeGroup>
  <xs:complexType name="Customer">
    <xs:sequence><xs:group ref="r:Contact"/></xs:sequence>
    <xs:attributeGroup ref="r:Audit"/>
  </xs:complexType>
  <xs:element name="Person" type="r:Person"/>
  <xs:element name="Address" type="r:Address"/>
  <xs:element name="Code" type="r:Code"/>
  <xs:element name="Customer" type="r:Customer"/>"#;

fn q(local: &str) -> QName {
    QName::new(Some(NS), local)
}

/// Writes base.xsd and main.xsd (`main` as its items) and checks main.xsd.
fn check(test: &str, main: &str) -> (Model, PathBuf) {
    let dir = folder("redefine", test);
    write(&dir, "base.xsd", &schema(BASE));
    let main = write(&dir, "main.xsd", &schema(main));
    match xsdgen::Config::new().schema(&main).check() {
        Ok((model, _, _)) => (model, main),
        Err(e) => panic!("{e}"),
    }
}

fn error(test: &str, main: &str) -> (xsdgen::Error, PathBuf) {
    let dir = folder("redefine", test);
    write(&dir, "base.xsd", &schema(BASE));
    let main = write(&dir, "main.xsd", &schema(main));
    match xsdgen::Config::new().schema(&main).check() {
        Ok(_) => panic!("{test} was accepted"),
        Err(e) => (e, main),
    }
}

fn complex<'m>(model: &'m Model, local: &str) -> &'m ComplexTypeDef {
    model
        .complex_types
        .iter()
        .find(|t| t.name.as_ref() == Some(&q(local)))
        .unwrap_or_else(|| panic!("no complex type {local}"))
}

/// The type of a global element.
fn element_type(model: &Model, local: &str) -> TypeRef {
    model
        .elements
        .iter()
        .find(|e| e.name == q(local))
        .unwrap_or_else(|| panic!("no element {local}"))
        .type_ref
}

fn element_names(content: &Content) -> Vec<String> {
    fn walk(p: &Particle, out: &mut Vec<String>) {
        match &p.term {
            Term::Element(e) => out.push(e.name.local.clone()),
            Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => {
                ps.iter().for_each(|p| walk(p, out))
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Content::Elements(p) = content {
        walk(p, &mut out);
    }
    out
}

fn attribute_names(t: &ComplexTypeDef) -> Vec<&str> {
    t.attributes.iter().map(|a| a.name.local.as_str()).collect()
}

fn type_names(model: &Model) -> Vec<String> {
    let simple = model.simple_types.iter().filter_map(|t| t.name.as_ref());
    let complex = model.complex_types.iter().filter_map(|t| t.name.as_ref());
    simple.chain(complex).map(|n| n.local.clone()).collect()
}

fn generates(main: &Path) {
    let generated = xsdgen::Config::new().schema(main).generate();
    if let Err(e) = generated {
        panic!("{e}");
    }
}

#[test]
fn a_redefined_complex_type_extends_the_original_everywhere_it_is_used() {
    let (model, main) = check(
        "extension",
        r#"<xs:redefine schemaLocation="base.xsd">
    <xs:complexType name="Person">
      <xs:complexContent>
        <xs:extension base="r:Person">
          <xs:sequence><xs:element name="age" type="xs:int"/></xs:sequence>
          <xs:attribute name="nick" type="xs:string"/>
        </xs:extension>
      </xs:complexContent>
    </xs:complexType>
  </xs:redefine>"#,
    );
    // base.xsd's own element Person now has the redefined type.
    let TypeRef::Complex(person) = element_type(&model, "Person") else {
        panic!("Person is complex")
    };
    let person = &model.complex_types[person];
    assert_eq!(person.name, Some(q("Person")));
    assert_eq!(element_names(&person.content), ["name", "age"]);
    assert_eq!(attribute_names(person), ["id", "nick"]);
    assert_eq!(
        person.doc.as_deref(),
        Some("A person."),
        "the redefinition keeps the documentation of the type it replaces"
    );
    let original = complex(&model, "Person·redefined");
    assert_eq!(element_names(&original.content), ["name"]);
    assert_eq!(original.doc.as_deref(), Some("A person."));
    assert_eq!(
        person
            .derived_from
            .map(|b| &model.complex_types[b])
            .and_then(|b| b.name.clone()),
        Some(q("Person·redefined"))
    );
    generates(&main);
}

#[test]
fn a_redefined_complex_type_may_restrict_the_original() {
    let (model, main) = check(
        "restriction",
        r#"<xs:redefine schemaLocation="base.xsd">
    <xs:complexType name="Address">
      <xs:complexContent>
        <xs:restriction base="r:Address">
          <xs:sequence><xs:element name="street" type="xs:string"/></xs:sequence>
        </xs:restriction>
      </xs:complexContent>
    </xs:complexType>
  </xs:redefine>"#,
    );
    let TypeRef::Complex(address) = element_type(&model, "Address") else {
        panic!("Address is complex")
    };
    assert_eq!(model.complex_types[address].name, Some(q("Address")));
    assert_eq!(
        element_names(&model.complex_types[address].content),
        ["street"]
    );
    generates(&main);
}

#[test]
fn a_redefined_simple_type_restricts_the_original_and_keeps_its_facets() {
    let (model, main) = check(
        "simple",
        r#"<xs:redefine schemaLocation="base.xsd">
    <xs:simpleType name="Code">
      <xs:restriction base="r:Code"><xs:minLength value="3"/></xs:restriction>
    </xs:simpleType>
  </xs:redefine>"#,
    );
    let TypeRef::Simple(code) = element_type(&model, "Code") else {
        panic!("Code is simple")
    };
    let code = &model.simple_types[code];
    assert_eq!(code.name, Some(q("Code")));
    let SimpleKind::Atomic { facets, .. } = &code.kind else {
        panic!("Code is atomic")
    };
    assert_eq!((facets.min_length, facets.max_length), (Some(3), Some(10)));
    generates(&main);
}

#[test]
fn a_redefined_group_and_attribute_group_extend_the_originals() {
    let (model, main) = check(
        "groups",
        r#"<xs:redefine schemaLocation="base.xsd">
    <xs:group name="Contact">
      <xs:sequence>
        <xs:group ref="r:Contact"/>
        <xs:element name="phone" type="xs:string"/>
      </xs:sequence>
    </xs:group>
    <xs:attributeGroup name="Audit">
      <xs:attributeGroup ref="r:Audit"/>
      <xs:attribute name="modified" type="xs:date"/>
    </xs:attributeGroup>
  </xs:redefine>"#,
    );
    let customer = complex(&model, "Customer");
    assert_eq!(element_names(&customer.content), ["email", "phone"]);
    assert_eq!(attribute_names(customer), ["created", "modified"]);
    generates(&main);
}

#[test]
fn a_redefined_group_without_a_self_reference_replaces_the_original() {
    let (model, main) = check(
        "group-replaced",
        r#"<xs:redefine schemaLocation="base.xsd">
    <xs:group name="Contact">
      <xs:sequence><xs:element name="fax" type="xs:string"/></xs:sequence>
    </xs:group>
  </xs:redefine>"#,
    );
    assert_eq!(element_names(&complex(&model, "Customer").content), ["fax"]);
    generates(&main);
}

#[test]
fn a_redefine_also_includes_the_components_it_does_not_change() {
    let (model, _) = check(
        "include",
        r#"<xs:redefine schemaLocation="base.xsd"/>
  <xs:element name="Local" type="r:Customer"/>"#,
    );
    let mut names = type_names(&model);
    names.sort();
    assert_eq!(names, ["Address", "Code", "Customer", "Person"]);
}

#[test]
fn a_chameleon_schema_is_redefined_into_the_redefining_namespace() {
    let dir = folder("redefine", "chameleon");
    write(
        &dir,
        "base.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="Item"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType>
  <xs:element name="Item" type="Item"/>
</xs:schema>"#,
    );
    let main = write(
        &dir,
        "main.xsd",
        &schema(
            r#"<xs:redefine schemaLocation="base.xsd">
    <xs:complexType name="Item">
      <xs:complexContent>
        <xs:extension base="r:Item"><xs:sequence><xs:element name="b" type="xs:string"/></xs:sequence></xs:extension>
      </xs:complexContent>
    </xs:complexType>
  </xs:redefine>"#,
        ),
    );
    let (model, _, _) = xsdgen::Config::new().schema(&main).check().unwrap();
    let TypeRef::Complex(item) = element_type(&model, "Item") else {
        panic!("Item is complex")
    };
    assert_eq!(
        element_names(&model.complex_types[item].content),
        ["a", "b"]
    );
}

#[test]
fn redefinitions_chain_through_schemas_that_redefine_each_other() {
    let dir = folder("redefine", "chain");
    write(&dir, "base.xsd", &schema(BASE));
    let extend = |name: &str, location: &str| {
        schema(&format!(
            r#"<xs:redefine schemaLocation="{location}">
    <xs:complexType name="Person">
      <xs:complexContent>
        <xs:extension base="r:Person"><xs:sequence><xs:element name="{name}" type="xs:string"/></xs:sequence></xs:extension>
      </xs:complexContent>
    </xs:complexType>
  </xs:redefine>"#
        ))
    };
    write(&dir, "middle.xsd", &extend("middle", "base.xsd"));
    let top = write(&dir, "top.xsd", &extend("top", "middle.xsd"));
    let (model, _, _) = xsdgen::Config::new().schema(&top).check().unwrap();
    let TypeRef::Complex(person) = element_type(&model, "Person") else {
        panic!("Person is complex")
    };
    assert_eq!(
        element_names(&model.complex_types[person].content),
        ["name", "middle", "top"]
    );
    generates(&top);
}

#[test]
fn an_override_replaces_a_type_and_an_element_outright() {
    let (model, main) = check(
        "override",
        r#"<xs:override schemaLocation="base.xsd">
    <xs:complexType name="Person">
      <xs:sequence><xs:element name="fullName" type="xs:string"/></xs:sequence>
    </xs:complexType>
    <xs:element name="Address" type="xs:string"/>
    <xs:simpleType name="Unmatched"><xs:restriction base="xs:int"/></xs:simpleType>
  </xs:override>"#,
    );
    let TypeRef::Complex(person) = element_type(&model, "Person") else {
        panic!("Person is complex")
    };
    let person = &model.complex_types[person];
    assert_eq!(element_names(&person.content), ["fullName"]);
    assert!(person.attributes.is_empty());
    assert!(matches!(
        element_type(&model, "Address"),
        TypeRef::Builtin(_)
    ));
    assert_eq!(
        model
            .elements
            .iter()
            .filter(|e| e.name == q("Address"))
            .count(),
        1
    );
    let mut names = type_names(&model);
    names.sort();
    assert_eq!(
        names,
        ["Address", "Code", "Customer", "Person"],
        "no hidden originals; an override that matches nothing is not used"
    );
    generates(&main);
}

#[test]
fn redefining_what_the_schema_does_not_have_is_an_error_at_the_redefinition() {
    let (err, main) = error(
        "missing",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:complexType name=\"Nobody\"><xs:sequence/></xs:complexType>\n</xs:redefine>",
    );
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line, span.column),
        (main.as_path(), 3, 3)
    );
    assert!(
        err.to_string()
            .contains("xs:redefine of type {urn:r}Nobody: the redefined schema has none"),
        "{err}"
    );
    let (err, _) = error(
        "missing-group",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:group name=\"Nothing\"><xs:sequence/></xs:group>\n</xs:redefine>",
    );
    assert!(err.to_string().contains("group {urn:r}Nothing"), "{err}");
}

#[test]
fn a_redefined_type_that_does_not_derive_from_itself_is_an_error() {
    let (err, main) = error(
        "not-derived",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:complexType name=\"Person\"><xs:sequence/></xs:complexType>\n</xs:redefine>",
    );
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line, span.column),
        (main.as_path(), 3, 3)
    );
    assert!(
        err.to_string()
            .contains("a redefined type must derive from itself (its base must be {urn:r}Person)"),
        "{err}"
    );
    let (err, _) = error(
        "other-base",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:simpleType name=\"Code\"><xs:restriction base=\"xs:token\"/></xs:simpleType>\n</xs:redefine>",
    );
    assert!(err.to_string().contains("must derive from itself"), "{err}");
    let (err, _) = error(
        "element",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:element name=\"Person\" type=\"xs:string\"/>\n</xs:redefine>",
    );
    assert!(
        err.to_string().contains("xs:element inside xs:redefine"),
        "{err}"
    );
    assert_eq!(err.span().unwrap().line, 3, "{err}");
}

#[test]
fn the_peer_redefine_and_override_fixtures_load() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/realworld/19-peer-bergmann89-xsd-parser/tests/feature");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    for (schema, extra) in [
        ("redefine/schema/schema2.xsd", ["lastName", "age"]),
        ("override_/schema/schema2.xsd", ["lastName", "age"]),
    ] {
        let path = dir.join(schema);
        let set = xsdgen::load::load(std::slice::from_ref(&path), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(set.files.len(), 2, "{schema} and base.xsd");
        match xsdgen::Config::new().schema(&path).check() {
            Ok((model, _, _)) => {
                let person = model
                    .complex_types
                    .iter()
                    .find(|t| t.name == Some(QName::new(Some("http://example.com"), "PersonType")))
                    .unwrap();
                let names = element_names(&person.content);
                assert!(
                    extra.iter().all(|e| names.iter().any(|n| n == e)),
                    "{names:?}"
                );
            }
            Err(e @ xsdgen::Error::Unsupported { .. }) => println!("{schema}: {e}"),
            Err(e) => panic!("{schema}: {e}"),
        }
    }
}

#[test]
fn a_group_refers_to_itself_once_and_exactly_once_over() {
    let (err, main) = error(
        "self-occurs",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:group name=\"Contact\"><xs:sequence>\n    \
         <xs:group ref=\"r:Contact\" minOccurs=\"0\"/></xs:sequence></xs:group>\n</xs:redefine>",
    );
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line, span.column),
        (main.as_path(), 4, 5)
    );
    assert!(
        err.to_string()
            .contains("must have minOccurs and maxOccurs 1"),
        "{err}"
    );
    let (err, _) = error(
        "self-twice",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:group name=\"Contact\"><xs:sequence>\
         <xs:group ref=\"r:Contact\"/><xs:group ref=\"r:Contact\"/></xs:sequence></xs:group>\n</xs:redefine>",
    );
    assert!(
        err.to_string().contains("refers to itself 2 times"),
        "{err}"
    );
    let (err, _) = error(
        "twice",
        "<xs:redefine schemaLocation=\"base.xsd\">\n  \
         <xs:attributeGroup name=\"Audit\"><xs:attributeGroup ref=\"r:Audit\"/></xs:attributeGroup>\n  \
         <xs:attributeGroup name=\"Audit\"><xs:attributeGroup ref=\"r:Audit\"/></xs:attributeGroup>\n</xs:redefine>",
    );
    assert_eq!(err.span().unwrap().line, 4, "{err}");
    assert!(
        err.to_string()
            .contains("attributeGroup {urn:r}Audit is redefined twice in one xs:redefine"),
        "{err}"
    );
}

#[test]
fn an_attribute_group_without_a_self_reference_must_restrict_the_original() {
    let redefine = |attributes: &str| {
        format!(
            "<xs:redefine schemaLocation=\"base.xsd\">\n  \
             <xs:attributeGroup name=\"Audit\">{attributes}</xs:attributeGroup>\n</xs:redefine>"
        )
    };
    // Keeping or dropping an optional attribute restricts it.
    check(
        "ag-same",
        &redefine("<xs:attribute name=\"created\" type=\"xs:date\"/>"),
    );
    let (model, _) = check("ag-empty", &redefine(""));
    assert!(complex(&model, "Customer").attributes.is_empty());
    let (err, main) = error(
        "ag-new",
        &redefine("\n    <xs:attribute name=\"other\" type=\"xs:date\"/>"),
    );
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line, span.column),
        (main.as_path(), 4, 5)
    );
    assert!(
        err.to_string().contains(
            "redefined attributeGroup {urn:r}Audit does not refer to itself, so it must \
             restrict the original: attribute other is not in it"
        ),
        "{err}"
    );
    let (err, _) = error("ag-wildcard", &redefine("<xs:anyAttribute/>"));
    assert!(
        err.to_string()
            .contains("the original has no attribute wildcard"),
        "{err}"
    );
}

#[test]
fn a_schema_cannot_redefine_itself() {
    let dir = folder("redefine", "itself");
    let main = write(
        &dir,
        "main.xsd",
        &schema(
            "<xs:include schemaLocation=\"other.xsd\"/>\n\
             <xs:group name=\"G\"><xs:sequence/></xs:group>",
        ),
    );
    write(
        &dir,
        "other.xsd",
        &schema(
            "<xs:redefine schemaLocation=\"main.xsd\">\n  \
             <xs:group name=\"G\"><xs:sequence/></xs:group>\n</xs:redefine>",
        ),
    );
    let err = xsdgen::Config::new().schema(&main).check().unwrap_err();
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line),
        (dir.join("other.xsd").as_path(), 2)
    );
    assert!(
        err.to_string().contains("a schema cannot redefine itself"),
        "{err}"
    );
}
