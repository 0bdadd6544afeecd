//! An XML writer that declares namespaces where they are first needed.
//!
//! Elements take the default namespace (`xmlns="…"`) when theirs is not already the
//! default; attributes in a namespace get a prefix (`xsi`, `xml`, or `ns1`, `ns2`…).

use crate::error::WriteError;
use crate::simple::SimpleType;
use crate::{XML_NS, XSI_NS};

struct OpenElement {
    /// Qualified name as written, for the end tag.
    qname: String,
    /// `bindings.len()` before this element's declarations.
    scope: usize,
}

/// Writes one document into a string.
pub struct XmlWriter {
    out: String,
    /// In-scope (prefix, URI) bindings, innermost last; "" prefix is the default namespace.
    bindings: Vec<(String, String)>,
    open: Vec<OpenElement>,
    /// A start tag is open: attributes may still be added.
    in_start_tag: bool,
    next_prefix: usize,
    scratch: String,
    /// The first value that XML cannot carry: reported by [`XmlWriter::finish`].
    error: Option<WriteError>,
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlWriter {
    /// A writer that starts with an XML declaration.
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            bindings: Vec::new(),
            open: Vec::new(),
            in_start_tag: false,
            next_prefix: 1,
            scratch: String::new(),
            error: None,
        }
    }

    /// The document, or the first text or attribute value that XML 1.0 cannot carry
    /// (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF).
    pub fn finish(mut self) -> Result<String, WriteError> {
        self.close_start_tag();
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }

    fn check_chars(&mut self, text: &str) {
        if self.error.is_some() {
            return;
        }
        if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
            self.error = Some(WriteError::InvalidCharacter {
                path: self.path(),
                character: c,
            });
        }
    }

    /// Element path of the open elements, for errors.
    pub fn path(&self) -> String {
        let names: Vec<&str> = self
            .open
            .iter()
            .map(|e| e.qname.rsplit(':').next().unwrap_or(&e.qname))
            .collect();
        names.join("/")
    }

    fn close_start_tag(&mut self) {
        if self.in_start_tag {
            self.out.push('>');
            self.in_start_tag = false;
        }
    }

    fn lookup(&self, prefix: &str) -> Option<&str> {
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, uri)| uri.as_str())
    }

    /// Opens an element. With `prefix`, the element is written with that prefix
    /// (declared here if needed); otherwise in the default namespace.
    pub fn start_prefixed(&mut self, prefix: Option<&str>, ns: Option<&str>, local: &str) {
        self.close_start_tag();
        let scope = self.bindings.len();
        self.out.push('<');
        let mut declare = None;
        let qname = match (prefix, ns) {
            (Some(p), Some(uri)) => {
                if self.lookup(p) != Some(uri) {
                    declare = Some((p.to_string(), uri.to_string()));
                }
                format!("{p}:{local}")
            }
            (_, ns) => {
                let uri = ns.unwrap_or("");
                if self.lookup("").unwrap_or("") != uri {
                    declare = Some((String::new(), uri.to_string()));
                }
                local.to_string()
            }
        };
        self.out.push_str(&qname);
        if let Some((p, uri)) = declare {
            self.write_declaration(&p, &uri);
            self.bindings.push((p, uri));
        }
        self.in_start_tag = true;
        self.open.push(OpenElement { qname, scope });
    }

    /// Opens an element in namespace `ns` (or none).
    pub fn start(&mut self, ns: Option<&str>, local: &str) {
        self.start_prefixed(None, ns, local);
    }

    fn write_declaration(&mut self, prefix: &str, uri: &str) {
        if prefix.is_empty() {
            self.out.push_str(" xmlns=\"");
        } else {
            self.out.push_str(" xmlns:");
            self.out.push_str(prefix);
            self.out.push_str("=\"");
        }
        escape_attribute(uri, &mut self.out);
        self.out.push('"');
    }

    /// The prefix bound to `uri` in scope, declaring one on the open start tag if needed.
    fn attribute_prefix(&mut self, uri: &str) -> String {
        if uri == XML_NS {
            return "xml".into();
        }
        let found = self
            .bindings
            .iter()
            .rev()
            .find(|(p, u)| !p.is_empty() && u == uri)
            .map(|(p, _)| p.clone())
            .filter(|p| self.lookup(p) == Some(uri));
        if let Some(p) = found {
            return p;
        }
        let prefix = if uri == XSI_NS && self.lookup("xsi").is_none() {
            "xsi".to_string()
        } else {
            loop {
                let p = format!("ns{}", self.next_prefix);
                self.next_prefix += 1;
                if self.lookup(&p).is_none() {
                    break p;
                }
            }
        };
        self.write_declaration(&prefix, uri);
        self.bindings.push((prefix.clone(), uri.to_string()));
        prefix
    }

    /// Adds an attribute to the open start tag.
    pub fn attribute(&mut self, ns: Option<&str>, local: &str, value: &str) {
        debug_assert!(self.in_start_tag, "attribute outside a start tag");
        let prefix = ns.map(|uri| self.attribute_prefix(uri));
        self.out.push(' ');
        if let Some(prefix) = prefix {
            self.out.push_str(&prefix);
            self.out.push(':');
        }
        self.out.push_str(local);
        self.out.push_str("=\"");
        self.check_chars(value);
        escape_attribute(value, &mut self.out);
        self.out.push('"');
    }

    /// Adds an attribute holding a simple value.
    pub fn attribute_value<T: SimpleType>(
        &mut self,
        ns: Option<&str>,
        local: &str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.check(value)?;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write(&mut text);
        self.attribute(ns, local, &text);
        self.scratch = text;
        Ok(())
    }

    /// Adds `xsi:type` naming the type `ns`/`local` to the open start tag.
    pub fn xsi_type(&mut self, ns: Option<&str>, local: &str) {
        let value = match ns {
            Some(uri) => format!("{}:{local}", self.attribute_prefix(uri)),
            None => local.to_string(),
        };
        self.attribute(Some(XSI_NS), "type", &value);
    }

    /// Adds attributes kept by a wildcard.
    pub fn any_attributes(&mut self, attributes: &[crate::AnyAttribute]) {
        for a in attributes {
            self.attribute(a.ns.as_deref(), &a.local, &a.value);
        }
    }

    /// Writes character data (escaped).
    pub fn text(&mut self, text: &str) {
        self.close_start_tag();
        self.check_chars(text);
        escape_text(text, &mut self.out);
    }

    /// Writes a simple value as character data.
    pub fn value<T: SimpleType>(&mut self, value: &T) -> Result<(), WriteError> {
        self.check(value)?;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write(&mut text);
        self.text(&text);
        self.scratch = text;
        Ok(())
    }

    fn check<T: SimpleType>(&self, value: &T) -> Result<(), WriteError> {
        value.validate().map_err(|e| {
            let mut lexical = String::new();
            value.write(&mut lexical);
            WriteError::InvalidValue {
                path: self.path(),
                value: lexical,
                type_name: T::NAME.to_string(),
                reason: e.reason,
            }
        })
    }

    /// Writes `<local>value</local>` in namespace `ns`.
    pub fn simple_element<T: SimpleType>(
        &mut self,
        ns: Option<&str>,
        local: &str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.start(ns, local);
        self.value(value)?;
        self.end();
        Ok(())
    }

    /// Writes a nillable element of simple type.
    pub fn nillable_simple<T: SimpleType>(
        &mut self,
        ns: Option<&str>,
        local: &str,
        value: &crate::Nillable<T>,
    ) -> Result<(), WriteError> {
        match value {
            crate::Nillable::Nil => self.nil_element(ns, local),
            crate::Nillable::Value(v) => self.simple_element(ns, local, v)?,
        }
        Ok(())
    }

    /// Writes a nillable element of complex type.
    pub fn nillable_complex<T: crate::ComplexType>(
        &mut self,
        ns: Option<&str>,
        local: &str,
        value: &crate::Nillable<T>,
    ) -> Result<(), WriteError> {
        match value {
            crate::Nillable::Nil => self.nil_element(ns, local),
            crate::Nillable::Value(v) => crate::write_complex(v, self, ns, local)?,
        }
        Ok(())
    }

    /// Writes an empty element with `xsi:nil="true"`.
    pub fn nil_element(&mut self, ns: Option<&str>, local: &str) {
        self.start(ns, local);
        self.attribute(Some(XSI_NS), "nil", "true");
        self.end();
    }

    /// Closes the innermost open element (`/>` when it has no content).
    pub fn end(&mut self) {
        let Some(element) = self.open.pop() else {
            return;
        };
        if self.in_start_tag {
            self.out.push_str("/>");
            self.in_start_tag = false;
        } else {
            self.out.push_str("</");
            self.out.push_str(&element.qname);
            self.out.push('>');
        }
        self.bindings.truncate(element.scope);
    }

    /// Checks the occurrence count of a list field before writing it.
    pub fn check_occurs(
        &self,
        name: &str,
        count: usize,
        min: u32,
        max: u32,
    ) -> Result<(), WriteError> {
        if count < min as usize || count > max as usize {
            return Err(WriteError::Occurrence {
                path: self.path(),
                name: name.to_string(),
                count,
                min,
                max,
            });
        }
        Ok(())
    }
}

/// Whether XML 1.0 can carry the character (the `Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A literal CR would be normalized to LF by the next reader.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            // Literal whitespace other than space is normalized away by readers.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}
