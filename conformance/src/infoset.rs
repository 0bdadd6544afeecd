//! Compares two XML documents by infoset: element and attribute names (namespace +
//! local name), attribute values, and character data. Prefixes, namespace declarations,
//! comments, the XML declaration, whitespace-only text and the schema location hints
//! (`xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`) do not count; `xsi:type`
//! values compare as resolved names.

use roxmltree::{Document, Node};

/// `Ok` when the two documents have the same infoset; otherwise the first difference,
/// with the element path where it was found.
pub fn compare(expected: &str, actual: &str) -> Result<(), String> {
    let a = Document::parse(expected).map_err(|e| format!("expected document: {e}"))?;
    let b = Document::parse(actual).map_err(|e| format!("actual document: {e}"))?;
    compare_elements(a.root_element(), b.root_element(), &mut Vec::new())
}

/// Like [`compare`], for the subtree rooted at the SOAP body's first child element.
pub fn compare_body_child(expected: &str, actual: &str) -> Result<(), String> {
    let a = Document::parse(expected).map_err(|e| format!("expected document: {e}"))?;
    let b = Document::parse(actual).map_err(|e| format!("actual document: {e}"))?;
    match (body_child(&a), body_child(&b)) {
        (Some(x), Some(y)) => compare_elements(x, y, &mut Vec::new()),
        _ => Err("a document has no SOAP body child".into()),
    }
}

fn body_child<'a, 'i>(d: &'a Document<'i>) -> Option<Node<'a, 'i>> {
    d.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "Body")
        .and_then(|b| b.children().find(|c| c.is_element()))
}

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

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

fn compare_elements(
    a: Node<'_, '_>,
    b: Node<'_, '_>,
    path: &mut Vec<String>,
) -> Result<(), String> {
    path.push(a.tag_name().name().to_string());
    let at = path.join("/");
    if name(a) != name(b) {
        return Err(format!("{at}: element {} became {}", name(a), name(b)));
    }
    let attrs = |n: Node<'_, '_>| {
        let mut v: Vec<(Option<String>, String, String)> = n
            .attributes()
            // Schema location hints tell a validator where schemas are; they are not data.
            .filter(|x| {
                !(x.namespace() == Some(XSI)
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
        return Err(format!(
            "{at}: attributes {:?} became {:?}",
            attrs(a),
            attrs(b)
        ));
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
    if sa != sb {
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
        compare_elements(x, y, path)?;
    }
    path.pop();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::compare;

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
}
