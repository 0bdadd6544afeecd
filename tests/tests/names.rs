//! Names: collisions resolve deterministically (named types keep their XSD names,
//! anonymous ones yield), `xml:lang` needs no schemaLocation, a byte-order mark is
//! skipped. The expected Rust names were worked out by hand from `fixtures/names.xsd`.
//! Hygiene: `fixtures/hygiene.xsd`'s code included among names of the including module.

// Identifiers with modifier letters (`ː`) compile, but rustc warns of them unless the
// crate allows it (the lint is not one a module can allow).
#![allow(uncommon_codepoints)]

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

/// The hygiene fixture's code, included in a module with names of its own that the
/// generated code must not pick up: the prelude's types, values and traits, `matches!`,
/// and modules named like the crates the code names.
#[allow(
    dead_code,
    non_camel_case_types,
    unused_macros,
    clippy::module_inception
)]
mod site {
    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub trait From {}
    pub trait Default {}
    pub trait Clone {}
    pub trait Debug {}
    pub trait PartialEq {}
    pub trait ToString {}
    pub mod core {}
    pub mod std {}
    pub mod xsdgen_runtime {}
    pub mod rt {}
    macro_rules! matches {
        ($($t:tt)*) => {
            compile_error!("the including module's `matches!`")
        };
    }
    include!(concat!(env!("OUT_DIR"), "/hygiene.rs"));
}

const H: &str = "urn:xsdgen:test:hygiene";

/// Every keyword the fixture names an element after, in its order.
const KEYWORDS: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "gen",
    "macro",
    "override",
    "priv",
    "try",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "union",
    "macro_rules",
    "raw",
    "safe",
];

#[test]
fn generated_code_compiles_among_the_including_modules_names() {
    use site::hygiene::{self, 名前, Größe, Hash, HygieneResultOrErr, OptionTypeOrDerived};
    let prelude = [
        "From", "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Default",
        "Clone", "Debug", "Iterator", "ToString", "Into", "Document", "NS", "Copy",
    ];
    let mut doc = format!(
        "<Hygiene xmlns=\"{H}\" xmlns:h=\"{H}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" type=\"t\" self=\"s\">"
    );
    for p in prelude {
        doc.push_str(&format!("<the{p}><{p}>{p}</{p}></the{p}>"));
    }
    doc.push_str("<OrDerived xsi:type=\"h:Ok2\"><Option>o</Option><Extra>e</Extra></OrDerived>");
    doc.push_str(
        "<Pattern>ABC</Pattern><Values>None</Values><Values>self</Values><Values>Self</Values>",
    );
    doc.push_str(
        "<Größe Maßeinheit=\"cm\"><Größe>1.5</Größe><名前>Anna</名前><ＩＤ>7</ＩＤ></Größe>",
    );
    doc.push_str("<Keywords>");
    for k in KEYWORDS {
        doc.push_str(&format!("<{k}>{k}</{k}>"));
    }
    doc.push_str("</Keywords><Err>3</Err><rt>r</rt><lexical>l</lexical><v>v</v><std>s</std>");
    doc.push_str("<core>c</core><_foo-2.5ː·>f</_foo-2.5ː·><ヺ42>v</ヺ42><〇10>z</〇10></Hygiene>");

    // Through the schema set's `Document`, which sits among the including module's names.
    let value = read_document::<site::Document>(&doc).unwrap();
    let site::Document::Hygiene(hygiene::Document::Hygiene(h)) = &value else {
        panic!("{value:?}")
    };
    // Prelude names the module's code writes unqualified are taken by a suffix; the
    // others stay.
    assert_eq!(h.the_from.as_ref().unwrap().from.as_deref(), Some("From"));
    assert_eq!(
        h.the_result.as_ref().unwrap().result.as_deref(),
        Some("Result")
    );
    assert_eq!(
        h.the_default.as_ref().unwrap().default.as_deref(),
        Some("Default")
    );
    let _: &Option<std::boxed::Box<hygiene::ResultType>> = &h.the_result;
    let _: &Option<std::boxed::Box<hygiene::Iterator>> = &h.the_iterator;
    let _: &Option<std::boxed::Box<hygiene::DocumentType>> = &h.the_document;
    let Some(OptionTypeOrDerived::Ok2(ok2)) = &h.or_derived else {
        panic!("{:?}", h.or_derived)
    };
    assert_eq!(ok2.extra.as_deref(), Some("e"));
    assert_eq!(h.pattern.as_ref().unwrap().get(), "ABC");
    assert_eq!(h.values, [Hash::None, Hash::SelfValue, Hash::Self_]);
    assert_eq!(h.result_or_err, Some(HygieneResultOrErr::Err(3)));
    assert_eq!(
        (h.type_.as_deref(), h.self_.as_deref()),
        (Some("t"), Some("s"))
    );
    assert_eq!((h.rt.as_deref(), h.std.as_deref()), (Some("r"), Some("s")));
    // Non-ASCII names are kept; a field named as a type of its module yields to it.
    let größe: &Größe = h.größe.as_ref().unwrap();
    assert_eq!(größe.名前_, 名前::new("Anna".into()).unwrap());
    assert_eq!(größe.maßeinheit.as_deref(), Some("cm"));
    assert_eq!(größe.id.as_deref(), Some("7"));
    // Keywords take a `_`; weak keywords stay.
    let k = h.keywords.as_ref().unwrap();
    assert_eq!(
        (k.self_.as_deref(), k.self2.as_deref()),
        (Some("self"), Some("Self"))
    );
    assert_eq!(
        (k.type_.as_deref(), k.gen_.as_deref()),
        (Some("type"), Some("gen"))
    );
    assert_eq!(
        (k.union.as_deref(), k.raw.as_deref()),
        (Some("union"), Some("raw"))
    );
    assert_eq!(k.macro_rules.as_deref(), Some("macro_rules"));
    // Letters and digits of other scripts, marks and modifier letters too.
    assert_eq!(h.foo_2_5ː·.as_deref(), Some("f"));
    assert_eq!(
        (h.ヺ42.as_deref(), h.〇10.as_deref()),
        (Some("v"), Some("z"))
    );

    let written = write_document(&value).unwrap();
    infoset::compare(&doc, &written).unwrap();
}

#[test]
fn a_namespace_named_self_is_a_module_and_a_variant() {
    let doc = "<super xmlns=\"http://example.com/self\"><Ok>k</Ok></super>";
    let value = read_document::<site::Document>(doc).unwrap();
    let site::Document::Self_(site::self_::Document::Super(result)) = &value else {
        panic!("{value:?}")
    };
    assert_eq!(result.ok, "k");
    infoset::compare(doc, &write_document(&value).unwrap()).unwrap();
    let root = "<Self xmlns=\"urn:xsdgen:test:hygiene\">x</Self>";
    let value = read_document::<site::Document>(root).unwrap();
    assert_eq!(
        value,
        site::Document::Hygiene(site::hygiene::Document::Self_("x".into()))
    );
}
