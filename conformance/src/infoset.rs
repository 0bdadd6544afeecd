//! Compares two XML documents by infoset: element and attribute names (namespace +
//! local name), attribute values, and character data. Prefixes, namespace declarations,
//! comments, the XML declaration and whitespace-only text do not count; `xsi:type`
//! values compare as resolved names.
//!
//! [`compare`] (the W3C runner's) also leaves out the schema location hints
//! (`xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`) and compares an element's text
//! as one string beside its child elements. [`Options::strict`] (the real-world runner's)
//! counts the hints and, in mixed content, the order of text runs and child elements.

use roxmltree::{Document, Node};

/// What counts beyond the names, values and text that always do. The default is what
/// [`compare`] checks. With any other options, an attribute difference names only the
/// attributes that differ (the default's message lists both elements' attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation` count like any attribute
    /// (by default they are hints for a validator, left out).
    pub location_hints: bool,
    /// In an element with both child elements and non-whitespace text, the sequence of
    /// children counts: elements and text runs in order, whitespace-only runs dropped,
    /// the others compared untrimmed (by default, the element's text is compared as one
    /// string and its child elements as a list).
    pub mixed_order: bool,
    /// A document with a DOCTYPE is compared (internal entities expanded) rather than
    /// reported as unreadable.
    pub dtd: bool,
    /// Element texts that differ are the same when both are names (`p:local` or
    /// `local`) that resolve, each in its own element's scope, to one expanded name:
    /// the value of an `xs:QName` element does not depend on its prefix.
    pub qname_values: bool,
}

impl Options {
    /// Everything counts: location hints and the order of mixed content; documents with a
    /// DOCTYPE are compared.
    pub fn strict() -> Self {
        Self {
            location_hints: true,
            mixed_order: true,
            dtd: true,
            qname_values: true,
        }
    }
}

/// `Ok` when the two documents have the same infoset; otherwise the first difference,
/// with the element path where it was found.
pub fn compare(expected: &str, actual: &str) -> Result<(), String> {
    compare_with(expected, actual, Options::default())
}

/// Like [`compare`], for the subtree rooted at the SOAP body's first child element.
pub fn compare_body_child(expected: &str, actual: &str) -> Result<(), String> {
    compare_body_child_with(expected, actual, Options::default())
}

fn parse(text: &str, options: Options) -> Result<Document<'_>, roxmltree::Error> {
    let parsing = roxmltree::ParsingOptions {
        allow_dtd: options.dtd,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(text, parsing)
}

/// [`compare`] with `options`.
pub fn compare_with(expected: &str, actual: &str, options: Options) -> Result<(), String> {
    let a = parse(expected, options).map_err(|e| format!("expected document: {e}"))?;
    let b = parse(actual, options).map_err(|e| format!("actual document: {e}"))?;
    compare_elements(a.root_element(), b.root_element(), &mut Vec::new(), options)
}

/// [`compare_body_child`] with `options`.
pub fn compare_body_child_with(
    expected: &str,
    actual: &str,
    options: Options,
) -> Result<(), String> {
    let a = parse(expected, options).map_err(|e| format!("expected document: {e}"))?;
    let b = parse(actual, options).map_err(|e| format!("actual document: {e}"))?;
    match (body_child(&a), body_child(&b)) {
        (Some(x), Some(y)) => compare_elements(x, y, &mut Vec::new(), options),
        _ => Err("a document has no SOAP body child".into()),
    }
}

fn body_child<'a, 'i>(d: &'a Document<'i>) -> Option<Node<'a, 'i>> {
    d.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "Body")
        .and_then(|b| b.children().find(|c| c.is_element()))
}

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Whether a text is a QName (at most one colon, no whitespace inside).
fn is_qname(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.matches(':').count() <= 1
        && !text.starts_with(':')
        && !text.ends_with(':')
        && !text.contains(char::is_whitespace)
}

/// A QName-valued attribute (`xsi:type`) as `{namespace}local`: its prefix does not count.
fn resolved_qname(n: Node<'_, '_>, value: &str) -> String {
    let (prefix, local) = match value.trim().split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, value.trim()),
    };
    match n.lookup_namespace_uri(prefix) {
        Some(ns) if !ns.is_empty() => format!("{{{ns}}}{local}"),
        _ => local.to_string(),
    }
}

fn name(n: Node<'_, '_>) -> String {
    // `xmlns=""` puts an element in no namespace; roxmltree reports that as "".
    match n.tag_name().namespace().filter(|ns| !ns.is_empty()) {
        Some(ns) => format!("{{{ns}}}{}", n.tag_name().name()),
        None => n.tag_name().name().to_string(),
    }
}

fn content<'a, 'i>(n: Node<'a, 'i>) -> (Vec<Node<'a, 'i>>, String) {
    let elements: Vec<_> = n.children().filter(|c| c.is_element()).collect();
    let text: String = n
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    (elements, text)
}

type Attribute = (Option<String>, String, String);

/// The attributes that differ between two sorted lists: `name "a" became "b"`, `name "a"
/// dropped`, `name "b" added`.
fn attribute_difference(a: &[Attribute], b: &[Attribute]) -> String {
    let show = |(ns, name, _): &Attribute| match ns {
        Some(ns) => format!("{{{ns}}}{name}"),
        None => name.clone(),
    };
    let find = |list: &[Attribute], x: &Attribute| {
        list.iter()
            .find(|y| y.0 == x.0 && y.1 == x.1)
            .map(|y| y.2.clone())
    };
    let mut parts = Vec::new();
    for x in a {
        match find(b, x) {
            Some(v) if v == x.2 => {}
            Some(v) => parts.push(format!("{} {:?} became {v:?}", show(x), x.2)),
            None => parts.push(format!("{} {:?} dropped", show(x), x.2)),
        }
    }
    for y in b {
        if find(a, y).is_none() {
            parts.push(format!("{} {:?} added", show(y), y.2));
        }
    }
    parts.join(", ")
}

/// One child in mixed content: an element, or a run of text between two elements
/// (comments and processing instructions do not break a run).
enum Item<'a, 'i> {
    Element(Node<'a, 'i>),
    Text(String),
}

/// The children of `n` as elements and text runs, whitespace-only runs dropped.
fn items<'a, 'i>(n: Node<'a, 'i>) -> Vec<Item<'a, 'i>> {
    let mut out = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<Item<'a, 'i>>| {
        if !run.trim().is_empty() {
            out.push(Item::Text(std::mem::take(run)));
        }
        run.clear();
    };
    for c in n.children() {
        if c.is_element() {
            flush(&mut run, &mut out);
            out.push(Item::Element(c));
        } else if c.is_text() {
            run.push_str(c.text().unwrap_or(""));
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether `n` has child elements and non-whitespace text.
fn is_mixed(n: Node<'_, '_>) -> bool {
    n.children().any(|c| c.is_element())
        && n.children()
            .any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty())
}

fn describe(items: &[Item<'_, '_>]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Element(e) => format!("<{}>", e.tag_name().name()),
            Item::Text(t) => format!("{t:?}"),
        })
        .collect()
}

fn compare_elements(
    a: Node<'_, '_>,
    b: Node<'_, '_>,
    path: &mut Vec<String>,
    options: Options,
) -> Result<(), String> {
    path.push(a.tag_name().name().to_string());
    let at = path.join("/");
    if name(a) != name(b) {
        return Err(format!("{at}: element {} became {}", name(a), name(b)));
    }
    let attrs = |n: Node<'_, '_>| {
        let mut v: Vec<Attribute> = n
            .attributes()
            // Schema location hints tell a validator where schemas are; they are not data.
            .filter(|x| {
                options.location_hints
                    || !(x.namespace() == Some(XSI)
                        && matches!(x.name(), "schemaLocation" | "noNamespaceSchemaLocation"))
            })
            .map(|x| {
                let value = if x.namespace() == Some(XSI) && x.name() == "type" {
                    resolved_qname(n, x.value())
                } else {
                    x.value().to_string()
                };
                (
                    x.namespace().map(str::to_string),
                    x.name().to_string(),
                    value,
                )
            })
            .collect();
        v.sort();
        v
    };
    if attrs(a) != attrs(b) {
        if options != Options::default() {
            return Err(format!(
                "{at}: attributes: {}",
                attribute_difference(&attrs(a), &attrs(b))
            ));
        }
        return Err(format!(
            "{at}: attributes {:?} became {:?}",
            attrs(a),
            attrs(b)
        ));
    }
    if options.mixed_order && (is_mixed(a) || is_mixed(b)) {
        let (ia, ib) = (items(a), items(b));
        for (x, y) in ia.iter().zip(&ib) {
            match (x, y) {
                (Item::Element(x), Item::Element(y)) => compare_elements(*x, *y, path, options)?,
                (Item::Text(x), Item::Text(y)) if x == y => {}
                _ => {
                    return Err(format!(
                        "{at}: mixed content {:?} became {:?}",
                        describe(&ia),
                        describe(&ib)
                    ))
                }
            }
        }
        if ia.len() != ib.len() {
            return Err(format!(
                "{at}: mixed content {:?} became {:?}",
                describe(&ia),
                describe(&ib)
            ));
        }
        path.pop();
        return Ok(());
    }
    let (ea, ta) = content(a);
    let (eb, tb) = content(b);
    // Text beside child elements is only significant when it is not whitespace.
    // Whitespace-only text is insignificant: between elements, and inside an empty
    // element of element-only content (`<Id Id="x">\n  </Id>`). A schema-blind comparer
    // cannot tell that from a string of spaces; the runtime's own tests cover those.
    let significant = |_: &[Node<'_, '_>], text: &str| -> Option<String> {
        (!text.trim().is_empty()).then(|| text.to_string())
    };
    let (sa, sb) = (significant(&ea, &ta), significant(&eb, &tb));
    let same_name = || match (&sa, &sb) {
        (Some(x), Some(y)) if options.qname_values && ea.is_empty() && eb.is_empty() => {
            is_qname(x) && is_qname(y) && resolved_qname(a, x) == resolved_qname(b, y)
        }
        _ => false,
    };
    if sa != sb && !same_name() {
        let show = |s: &Option<String>| s.clone().unwrap_or_default();
        return Err(format!("{at}: text {:?} became {:?}", show(&sa), show(&sb)));
    }
    if ea.len() != eb.len() {
        let names = |v: &[Node<'_, '_>]| {
            v.iter()
                .map(|n| n.tag_name().name().to_string())
                .collect::<Vec<_>>()
        };
        return Err(format!(
            "{at}: children {:?} became {:?}",
            names(&ea),
            names(&eb)
        ));
    }
    for (x, y) in ea.into_iter().zip(eb) {
        compare_elements(x, y, path, options)?;
    }
    path.pop();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{compare, compare_with, Options};

    #[test]
    fn prefixes_and_whitespace_do_not_count() {
        let a = r#"<a:x xmlns:a="urn:a"><a:y k="1">t</a:y>
            </a:x>"#;
        let b = r#"<?xml version="1.0"?><x xmlns="urn:a"><y k="1">t</y></x>"#;
        assert_eq!(compare(a, b), Ok(()));
    }

    #[test]
    fn xsi_type_compares_by_resolved_name() {
        let xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
        let a = format!("<x xmlns=\"urn:a\" {xsi} xsi:type=\"T\"/>");
        let b = format!("<x xmlns=\"urn:a\" xmlns:p=\"urn:a\" {xsi} xsi:type=\"p:T\"/>");
        let c = format!("<x xmlns=\"urn:a\" xmlns:p=\"urn:b\" {xsi} xsi:type=\"p:T\"/>");
        assert_eq!(compare(&a, &b), Ok(()));
        assert!(compare(&a, &c).is_err());
    }

    #[test]
    fn names_namespaces_attributes_and_text_count() {
        let base = r#"<x xmlns="urn:a"><y k="1">t</y></x>"#;
        assert!(compare(base, r#"<x xmlns="urn:b"><y k="1">t</y></x>"#).is_err());
        assert!(compare(base, r#"<x xmlns="urn:a"><z k="1">t</z></x>"#).is_err());
        assert!(compare(base, r#"<x xmlns="urn:a"><y k="2">t</y></x>"#).is_err());
        assert!(compare(base, r#"<x xmlns="urn:a"><y>t</y></x>"#).is_err());
        assert!(compare(base, r#"<x xmlns="urn:a"><y k="1">t </y></x>"#).is_err());
        assert!(compare(base, r#"<x xmlns="urn:a"><y k="1">t</y><y k="1">t</y></x>"#).is_err());
        let err = compare(base, r#"<x xmlns="urn:a"><y k="1">u</y></x>"#).unwrap_err();
        assert!(err.starts_with("x/y: text"), "{err}");
    }

    const XSI: &str = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    #[test]
    fn strict_compares_qname_texts_by_expanded_name() {
        let a = r#"<p:r xmlns:p="urn:a"><p:k>p:Bar</p:k></p:r>"#;
        let same = r#"<r xmlns="urn:a"><k>Bar</k></r>"#;
        let other = r#"<r xmlns="urn:a" xmlns:q="urn:b"><k>q:Bar</k></r>"#;
        compare_with(a, same, Options::strict()).unwrap();
        assert!(compare_with(a, other, Options::strict()).is_err());
        // Without the option the prefix counts, as for any text.
        assert!(compare(a, same).is_err());
    }

    #[test]
    fn strict_counts_a_dropped_location_hint() {
        for hint in [
            "xsi:schemaLocation=\"urn:a a.xsd\"",
            "xsi:noNamespaceSchemaLocation=\"a.xsd\"",
        ] {
            let with = format!("<x xmlns=\"urn:a\" {XSI} {hint}><y>t</y></x>");
            let without = format!("<x xmlns=\"urn:a\" {XSI}><y>t</y></x>");
            assert_eq!(
                compare(&with, &without),
                Ok(()),
                "the W3C runner's comparison"
            );
            let err = compare_with(&with, &without, Options::strict()).unwrap_err();
            assert!(
                err.starts_with("x: attributes: {http://www.w3.org/2001/XMLSchema-instance}"),
                "{err}"
            );
            assert!(err.ends_with("dropped"), "{err}");
            assert_eq!(compare_with(&with, &with, Options::strict()), Ok(()));
        }
    }

    #[test]
    fn strict_counts_text_moving_between_two_children() {
        // The text runs concatenate to the same string, the child elements are the same:
        // only their order differs.
        let a = r#"<p xmlns="urn:a">ab<b/>cd<i/></p>"#;
        let b = r#"<p xmlns="urn:a">ab<b/><i/>cd</p>"#;
        assert_eq!(compare(a, b), Ok(()), "the W3C runner's comparison");
        let err = compare_with(a, b, Options::strict()).unwrap_err();
        assert!(err.starts_with("p: mixed content"), "{err}");
        let moved_first = r#"<p xmlns="urn:a"><b/>abcd<i/></p>"#;
        assert!(compare_with(a, moved_first, Options::strict()).is_err());
        // Whitespace-only runs still do not count; the others are not trimmed.
        let pretty = "<p xmlns=\"urn:a\">ab<b/>cd<i/>\n  </p>";
        assert_eq!(compare_with(a, pretty, Options::strict()), Ok(()));
        let spaced = r#"<p xmlns="urn:a">ab<b/> cd<i/></p>"#;
        assert!(compare_with(a, spaced, Options::strict()).is_err());
        // A comment does not split a run; the children of mixed content compare as usual.
        let commented = r#"<p xmlns="urn:a">a<!-- x -->b<b/>cd<i/></p>"#;
        assert_eq!(compare_with(a, commented, Options::strict()), Ok(()));
        let deeper = r#"<p xmlns="urn:a">ab<b k="1"/>cd<i/></p>"#;
        assert!(compare_with(a, deeper, Options::strict()).is_err());
        // Element-only content is compared as before.
        let plain = r#"<p xmlns="urn:a"><b/><i/></p>"#;
        assert_eq!(compare_with(plain, plain, Options::strict()), Ok(()));
    }
}
