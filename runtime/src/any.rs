//! Elements kept as they are: wildcard (`xs:any`) content and SOAP headers.

use crate::error::{ReadError, WriteError};
use crate::reader::{Attr, RawContent, StartTag, XmlReader};
use crate::writer::XmlWriter;

/// An attribute kept verbatim (namespace resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyAttribute {
    /// Namespace URI, `None` for an unqualified attribute.
    pub ns: Option<String>,
    /// Local name.
    pub local: String,
    /// Normalized value.
    pub value: String,
}

impl From<&Attr<'_>> for AnyAttribute {
    fn from(a: &Attr<'_>) -> Self {
        AnyAttribute {
            ns: a.ns().map(str::to_string),
            local: a.local.to_string(),
            value: a.value.to_string(),
        }
    }
}

/// A child of an [`AnyElement`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyNode {
    /// A child element.
    Element(AnyElement),
    /// Character data (entities resolved, CDATA merged).
    Text(String),
}

/// An element tree kept losslessly at the infoset level: names, namespaces,
/// attributes, children and text (prefixes and comments are not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyElement {
    /// Namespace URI, `None` for no namespace.
    pub ns: Option<String>,
    /// Local name.
    pub local: String,
    /// Attributes, `xsi:` ones included; a prefixed `xsi:type` is kept resolved, as
    /// `{namespace}local`, since the prefix's declaration is not part of the tree.
    pub attributes: Vec<AnyAttribute>,
    /// Children in document order.
    pub children: Vec<AnyNode>,
}

impl AnyElement {
    /// Reads the rest of an element whose start tag was consumed, end tag included.
    pub fn read(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<Self, ReadError> {
        let element = Self::read_tree(r, start)?;
        r.end_element()?;
        Ok(element)
    }

    /// Reads the element's subtree up to its end tag (not consumed).
    fn read_tree(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<Self, ReadError> {
        let mut element = AnyElement::from_start(r, start);
        // An explicit stack instead of recursion: depth is bounded by the reader.
        let mut stack: Vec<AnyElement> = Vec::new();
        loop {
            match r.raw_content(!stack.is_empty())? {
                Some(RawContent::Element(child)) => {
                    stack.push(std::mem::replace(
                        &mut element,
                        AnyElement::from_start(r, &child),
                    ));
                }
                Some(RawContent::Text(text)) => match element.children.last_mut() {
                    Some(AnyNode::Text(prev)) => prev.push_str(&text),
                    _ => element.children.push(AnyNode::Text(text.into_owned())),
                },
                None => match stack.pop() {
                    Some(mut parent) => {
                        parent.children.push(AnyNode::Element(element));
                        element = parent;
                    }
                    None => return Ok(element),
                },
            }
        }
    }

    fn from_start(r: &XmlReader<'_>, start: &StartTag<'_>) -> Self {
        let mut attributes: Vec<AnyAttribute> =
            r.attributes(start).map(AnyAttribute::from).collect();
        for local in ["type", "nil", "schemaLocation", "noNamespaceSchemaLocation"] {
            if let Some(value) = r.xsi(start, local) {
                // `xsi:type` names a type by a prefix declared somewhere above, which the
                // tree does not keep: it is kept resolved, as `{namespace}local`.
                let value = match r.xsi_type(start) {
                    Ok(Some((Some(ns), name))) if local == "type" => format!("{{{ns}}}{name}"),
                    _ => value.to_string(),
                };
                attributes.push(AnyAttribute {
                    ns: Some(crate::XSI_NS.to_string()),
                    local: local.to_string(),
                    value,
                });
            }
        }
        AnyElement {
            ns: r.ns(start).map(str::to_string),
            local: start.local().to_string(),
            attributes,
            children: Vec::new(),
        }
    }

    /// Writes the element and its subtree.
    pub fn write(&self, w: &mut XmlWriter) -> Result<(), WriteError> {
        crate::write_complex(self, w, self.ns.as_deref(), &self.local)
    }
}

/// `xs:anyType`: any attributes, any content, kept as a tree under the declared name.
impl crate::ComplexType for AnyElement {
    fn known_attribute(_: Option<&str>, _: &str) -> bool {
        true
    }

    fn accepts_xsi_type(_: Option<&str>, _: &str) -> bool {
        true
    }

    fn read_content<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<Self, ReadError> {
        Self::read_tree(r, start)
    }

    fn write_attributes(&self, w: &mut XmlWriter) -> Result<(), WriteError> {
        for a in &self.attributes {
            let resolved_type = (a.ns.as_deref() == Some(crate::XSI_NS) && a.local == "type")
                .then(|| a.value.strip_prefix('{')?.split_once('}'))
                .flatten();
            match resolved_type {
                // The writer declares a prefix for the namespace where needed.
                Some((ns, local)) => w.xsi_type(Some(ns), local),
                None => w.attribute(a.ns.as_deref(), &a.local, &a.value),
            }
        }
        Ok(())
    }

    fn write_content(&self, w: &mut XmlWriter) -> Result<(), WriteError> {
        // Whitespace in the tree is content: written as kept, none added.
        w.verbatim_content();
        for child in &self.children {
            match child {
                AnyNode::Element(e) => e.write(w)?,
                AnyNode::Text(t) => w.text(t),
            }
        }
        Ok(())
    }
}
