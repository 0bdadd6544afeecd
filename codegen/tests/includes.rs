//! How included schemas join a set: chameleon includes (a schema without
//! `targetNamespace` takes its includer's), the namespace rules of include and import,
//! and schema files whose namespaces come from DOCTYPE entities.

mod common;
use common::{folder, write};

use std::path::{Path, PathBuf};

use xsdgen::model::{Content, Model, Particle, Term, TypeRef};
use xsdgen::syntax::{NamespaceConstraint, QName};

fn q(ns: &str, local: &str) -> QName {
    QName::new(Some(ns), local)
}

fn check(roots: &[&Path]) -> (Model, Vec<PathBuf>) {
    let mut config = xsdgen::Config::new();
    for r in roots {
        config = config.schema(r);
    }
    match config.check() {
        Ok((model, _, files)) => (model, files),
        Err(e) => panic!("{e}"),
    }
}

fn complex<'m>(model: &'m Model, name: &QName) -> &'m xsdgen::model::ComplexTypeDef {
    model
        .complex_types
        .iter()
        .find(|t| t.name.as_ref() == Some(name))
        .unwrap_or_else(|| panic!("no complex type {name}"))
}

fn type_name(model: &Model, t: TypeRef) -> Option<QName> {
    match t {
        TypeRef::Builtin(_) => None,
        TypeRef::Simple(i) => model.simple_types[i].name.clone(),
        TypeRef::Complex(i) => model.complex_types[i].name.clone(),
    }
}

/// The elements of a content model, in order, with their types.
fn elements(content: &Content) -> Vec<(QName, TypeRef)> {
    fn walk(p: &Particle, out: &mut Vec<(QName, TypeRef)>) {
        match &p.term {
            Term::Element(e) => out.push((e.name.clone(), e.type_ref)),
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

fn wildcards(content: &Content) -> Vec<NamespaceConstraint> {
    fn walk(p: &Particle, out: &mut Vec<NamespaceConstraint>) {
        match &p.term {
            Term::Any(ns) => out.push(ns.clone()),
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

/// A schema without a target namespace, written to be included: its references to its
/// own components are unprefixed (no default namespace), as chameleon schemas are.
const COMMON: &str = r###"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:complexType name="OrderType">
    <xs:sequence>
      <xs:element name="id" type="IdType"/>
      <xs:element ref="note" minOccurs="0"/>
      <xs:group ref="Extras"/>
    </xs:sequence>
    <xs:attribute name="kind" type="KindType"/>
  </xs:complexType>
  <xs:group name="Extras">
    <xs:sequence>
      <xs:any namespace="##targetNamespace" processContents="lax" minOccurs="0"/>
      <xs:any namespace="##other" processContents="lax" minOccurs="0"/>
    </xs:sequence>
  </xs:group>
  <xs:simpleType name="IdType"><xs:restriction base="xs:string"><xs:maxLength value="8"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="KindType"><xs:union memberTypes="IdType xs:int"/></xs:simpleType>
  <xs:element name="note" type="xs:string"/>
</xs:schema>
"###;

fn includer(ns: &str, root: &str) -> String {
    format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:m="{ns}" targetNamespace="{ns}" elementFormDefault="qualified">
  <xs:include schemaLocation="common.xsd"/>
  <xs:element name="{root}" type="m:OrderType"/>
</xs:schema>
"#
    )
}

#[test]
fn a_chameleon_include_takes_the_includers_namespace() {
    let dir = folder("includes", "chameleon");
    write(&dir, "common.xsd", COMMON);
    let main = write(&dir, "main.xsd", &includer("urn:main", "Order"));
    let (model, files) = check(&[&main]);
    assert_eq!(files.len(), 2);
    let order = model
        .elements
        .iter()
        .find(|e| e.name == q("urn:main", "Order"))
        .expect("the includer's element");
    assert_eq!(
        type_name(&model, order.type_ref),
        Some(q("urn:main", "OrderType"))
    );
    assert!(
        model
            .elements
            .iter()
            .any(|e| e.name == q("urn:main", "note")),
        "the included global element is in the includer's namespace"
    );
    let order_type = complex(&model, &q("urn:main", "OrderType"));
    let children = elements(&order_type.content);
    let names: Vec<&QName> = children.iter().map(|(n, _)| n).collect();
    assert_eq!(names, [&q("urn:main", "id"), &q("urn:main", "note")]);
    assert_eq!(
        type_name(&model, children[0].1),
        Some(q("urn:main", "IdType")),
        "an unprefixed type reference resolves in the includer's namespace"
    );
    let kind = &order_type.attributes[0];
    assert_eq!(
        kind.name,
        QName::new(None, "kind"),
        "attributes stay unqualified"
    );
    assert_eq!(
        type_name(&model, kind.type_ref),
        Some(q("urn:main", "KindType"))
    );
    let TypeRef::Simple(kind_type) = kind.type_ref else {
        panic!("KindType is a simple type")
    };
    let xsdgen::model::SimpleKind::Union { members, .. } = &model.simple_types[kind_type].kind
    else {
        panic!("KindType is a union")
    };
    assert_eq!(
        type_name(&model, members[0]),
        Some(q("urn:main", "IdType")),
        "memberTypes resolve in the includer's namespace"
    );
    assert_eq!(
        wildcards(&order_type.content),
        [
            NamespaceConstraint::List(vec![Some("urn:main".into())]),
            NamespaceConstraint::Not(Some("urn:main".into())),
        ],
        "##targetNamespace and ##other are the includer's namespace"
    );
    let generated = xsdgen::Config::new().schema(&main).generate().unwrap();
    assert_eq!(generated.modules.len(), 1);
    assert!(generated.modules[0].1.contains("pub struct OrderType"));
}

#[test]
fn a_schema_included_into_two_namespaces_is_parsed_for_each() {
    let dir = folder("includes", "two");
    write(&dir, "common.xsd", COMMON);
    let a = write(&dir, "a.xsd", &includer("urn:a", "A"));
    let b = write(&dir, "b.xsd", &includer("urn:b", "B"));
    let (model, files) = check(&[&a, &b]);
    assert_eq!(files.len(), 3, "common.xsd is listed once: {files:?}");
    for ns in ["urn:a", "urn:b"] {
        let t = complex(&model, &q(ns, "OrderType"));
        let children = elements(&t.content);
        assert_eq!(type_name(&model, children[0].1), Some(q(ns, "IdType")));
        assert_eq!(children[1].0, q(ns, "note"));
    }
    let generated = xsdgen::Config::new()
        .schema(&a)
        .schema(&b)
        .module("urn:a", "a")
        .module("urn:b", "b")
        .generate()
        .unwrap();
    let modules: Vec<&str> = generated.modules.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(modules, ["a", "b"]);
    assert!(generated
        .modules
        .iter()
        .all(|(_, code)| code.contains("pub struct OrderType")));
}

#[test]
fn a_chameleon_include_nested_in_a_chameleon_include_takes_the_same_namespace() {
    let dir = folder("includes", "nested");
    write(
        &dir,
        "outer.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:include schemaLocation="common.xsd"/>
  <xs:element name="Outer" type="OrderType"/>
</xs:schema>
"#,
    );
    write(&dir, "common.xsd", COMMON);
    let main = write(
        &dir,
        "main.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:main">
  <xs:include schemaLocation="outer.xsd"/>
</xs:schema>
"#,
    );
    let (model, _) = check(&[&main]);
    let outer = model
        .elements
        .iter()
        .find(|e| e.name == q("urn:main", "Outer"))
        .unwrap();
    assert_eq!(
        type_name(&model, outer.type_ref),
        Some(q("urn:main", "OrderType"))
    );
}

#[test]
fn a_schema_without_namespace_included_by_one_without_namespace_stays_unqualified() {
    let dir = folder("includes", "plain");
    write(&dir, "common.xsd", COMMON);
    let main = write(
        &dir,
        "main.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:include schemaLocation="common.xsd"/>
  <xs:element name="Order" type="OrderType"/>
</xs:schema>
"#,
    );
    let (model, _) = check(&[&main]);
    assert!(model
        .complex_types
        .iter()
        .any(|t| t.name == Some(QName::new(None, "OrderType"))));
}

#[test]
fn includes_and_imports_of_the_wrong_namespace_are_errors_at_the_include() {
    let dir = folder("includes", "wrong");
    write(
        &dir,
        "other.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:other"/>"#,
    );
    let include = write(
        &dir,
        "include.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:main\">\n\
         \x20 <xs:include schemaLocation=\"other.xsd\"/>\n</xs:schema>\n",
    );
    let err = xsdgen::Config::new().schema(&include).check().unwrap_err();
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line, span.column),
        (include.as_path(), 2, 3)
    );
    assert!(
        err.to_string().contains(
            "its targetNamespace \"urn:other\" is not the including schema's (\"urn:main\")"
        ),
        "{err}"
    );
    let import = write(
        &dir,
        "import.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:main\">\n\
         <xs:import namespace=\"urn:x\" schemaLocation=\"other.xsd\"/>\n</xs:schema>\n",
    );
    let err = xsdgen::Config::new().schema(&import).check().unwrap_err();
    assert_eq!(err.span().unwrap().line, 2, "{err}");
    assert!(
        err.to_string()
            .contains("for namespace \"urn:x\": its targetNamespace is \"urn:other\""),
        "{err}"
    );
}

#[test]
fn namespaces_written_as_doctype_entities_are_expanded() {
    let dir = folder("includes", "doctype");
    let path = write(
        &dir,
        "dsig.xsd",
        r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE schema
  PUBLIC "-//W3C//DTD XMLSchema 200102//EN" "http://www.w3.org/2001/XMLSchema.dtd"
 [
   <!ATTLIST schema
     xmlns:ds CDATA #FIXED "urn:example:dsig#">
   <!ENTITY dsig 'urn:example:dsig#'>
   <!ENTITY % p ''>
   <!ENTITY % s ''>
  ]>
<schema xmlns="http://www.w3.org/2001/XMLSchema" xmlns:ds="&dsig;"
        targetNamespace="&dsig;" elementFormDefault="qualified">
  <element name="Signature" type="ds:SignatureType"/>
  <complexType name="SignatureType">
    <sequence><element name="SignatureValue" type="base64Binary"/></sequence>
    <attribute name="Id" type="ID" use="optional"/>
  </complexType>
</schema>
"#,
    );
    let (model, _) = check(&[&path]);
    let signature = model
        .elements
        .iter()
        .find(|e| e.name == q("urn:example:dsig#", "Signature"))
        .expect("the element is in the entity's namespace");
    assert_eq!(
        type_name(&model, signature.type_ref),
        Some(q("urn:example:dsig#", "SignatureType"))
    );
    xsdgen::Config::new().schema(&path).generate().unwrap();
}

#[test]
fn xml_signatures_schema_with_its_doctype_from_the_corpus_loads() {
    let set = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/realworld/19-peer-bergmann89-xsd-parser/tests/schema/ideal_merchant_acquirer");
    if !set.is_dir() {
        println!("skipped: {} is absent", set.display());
        return;
    }
    let path = set.join("xmldsig-core-schema.xsd");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("<!ENTITY dsig 'http://www.w3.org/2000/09/xmldsig#'>"),
        "the copy with the DOCTYPE and its entities"
    );
    let (model, _) = check(&[&path]);
    assert!(model
        .elements
        .iter()
        .any(|e| e.name == q("http://www.w3.org/2000/09/xmldsig#", "Signature")));
    check(&[&set.join("schema.xsd")]);
}

#[test]
fn the_same_code_list_included_into_two_onix_namespaces_loads_for_each() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../shared/corpus/realworld/19-peer-bergmann89-xsd-parser/tests/schema/onix/schema",
    );
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let roots = [
        dir.join("ONIX_BookProduct_3.1_reference.xsd"),
        dir.join("ONIX_BookProduct_3.1_short.xsd"),
    ];
    let set = xsdgen::load::load(&roots, &Default::default()).unwrap();
    let code_lists: Vec<Option<&str>> = set
        .files
        .iter()
        .filter(|f| f.path.ends_with("ONIX_BookProduct_CodeLists.xsd"))
        .map(|f| f.chameleon_ns.as_deref())
        .collect();
    assert_eq!(
        code_lists,
        [
            Some("http://ns.editeur.org/onix/3.1/reference"),
            Some("http://ns.editeur.org/onix/3.1/short")
        ]
    );
    let schemas = xsdgen::syntax::parse(&set).unwrap();
    for ns in [
        "http://ns.editeur.org/onix/3.1/reference",
        "http://ns.editeur.org/onix/3.1/short",
    ] {
        assert!(
            schemas.iter().any(|s| s.items.iter().any(|item| matches!(
                item,
                xsdgen::syntax::TopLevel::SimpleType(t) if t.name == Some(q(ns, "List91"))
            ))),
            "List91 in {ns}"
        );
    }
}

#[test]
fn a_reference_to_a_namespace_the_document_does_not_import_is_an_error() {
    let dir = folder("includes", "not-imported");
    write(
        &dir,
        "b.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b">
  <xs:element name="b" type="xs:string"/>
</xs:schema>"#,
    );
    // a.xsd imports urn:b; main.xsd includes a.xsd but does not import urn:b itself.
    write(
        &dir,
        "a.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:main">
  <xs:import namespace="urn:b" schemaLocation="b.xsd"/>
</xs:schema>"#,
    );
    let main = write(
        &dir,
        "main.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:b=\"urn:b\" \
         targetNamespace=\"urn:main\">\n<xs:include schemaLocation=\"a.xsd\"/>\n\
         <xs:element name=\"A\"><xs:complexType><xs:sequence>\n\
         \x20 <xs:element ref=\"b:b\"/>\n</xs:sequence></xs:complexType></xs:element>\n</xs:schema>\n",
    );
    let err = xsdgen::Config::new().schema(&main).check().unwrap_err();
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line, span.column),
        (main.as_path(), 4, 3)
    );
    assert!(
        err.to_string().contains(
            "ref=\"b:b\": namespace \"urn:b\" is not imported by this schema document \
             (<xs:import namespace=\"urn:b\"/>)"
        ),
        "{err}"
    );
    let unqualified = write(
        &dir,
        "unqualified.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:main\">\n\
         <xs:element name=\"A\" type=\"T\"/>\n</xs:schema>\n",
    );
    let err = xsdgen::Config::new()
        .schema(&unqualified)
        .check()
        .unwrap_err();
    assert!(
        err.to_string().contains("type=\"T\" is in no namespace"),
        "{err}"
    );
}

#[test]
fn ids_are_unique_in_a_schema_document_and_includes_take_only_their_attributes() {
    let dir = folder("includes", "ids");
    let twice = write(
        &dir,
        "ids.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n\
         <xs:element name=\"A\" id=\"x\" type=\"xs:string\"/>\n\
         <xs:element name=\"B\" id=\"x\" type=\"xs:string\"/>\n</xs:schema>\n",
    );
    let err = xsdgen::Config::new().schema(&twice).check().unwrap_err();
    assert_eq!(err.span().unwrap().line, 3, "{err}");
    assert!(err.to_string().contains("id=\"x\" is used twice"), "{err}");
    write(&dir, "common.xsd", COMMON);
    let odd = write(
        &dir,
        "odd.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n\
         <xs:include schemaLocation=\"common.xsd\" namespace=\"urn:x\"/>\n</xs:schema>\n",
    );
    let err = xsdgen::Config::new().schema(&odd).check().unwrap_err();
    assert_eq!(err.span().unwrap().line, 2, "{err}");
    assert!(
        err.to_string()
            .contains("xs:include has no attribute namespace"),
        "{err}"
    );
}
