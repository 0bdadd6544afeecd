//! An XML writer that declares namespaces where they are first needed.
//!
//! Elements take the default namespace (`xmlns="…"`) when theirs is not already the
//! default; attributes in a namespace get a prefix (`xsi`, `xml`, or `ns1`, `ns2`…).

use crate::chars::skip_plain;
use crate::error::WriteError;
use crate::mixed::{MixedFrame, MixedText};
use crate::simple::SimpleType;
use crate::{XML_NS, XSI_NS};

struct OpenElement {
    /// Where its qualified name starts in `XmlWriter::names`, for the end tag.
    name_start: usize,
    /// `bindings.len()` before this element's declarations.
    scope: usize,
    /// Indenting: a child element was written in it.
    children: bool,
    /// Indenting: its content has text (simple or mixed content): no whitespace is added
    /// inside it.
    text: bool,
}

/// How [`XmlWriter`] lays a document out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// One level of indentation. With it, each element in element-only content starts
    /// a line of its own, indented by its depth, and so does the end tag of an element
    /// with element-only content; no whitespace is added where it would be content
    /// (inside an element with text, mixed content, or a kept `xs:any` tree). `None` (the
    /// default): no whitespace is added at all.
    pub indent: Option<String>,
}

impl WriteOptions {
    /// Indented by two spaces per level.
    pub fn pretty() -> Self {
        Self {
            indent: Some("  ".into()),
        }
    }
}

/// Writes one document into a string.
pub struct XmlWriter {
    out: String,
    /// In-scope (prefix, URI) bindings, innermost last; "" prefix is the default namespace.
    bindings: Vec<(String, String)>,
    open: Vec<OpenElement>,
    /// Qualified names of the open elements, back to back (one buffer, no allocation
    /// per element).
    names: String,
    /// A start tag is open: attributes may still be added.
    in_start_tag: bool,
    next_prefix: usize,
    scratch: String,
    /// Mixed elements being written, innermost last, with the text still to write.
    mixed: Vec<MixedFrame>,
    /// The first value that XML cannot carry: reported by [`XmlWriter::finish`].
    error: Option<WriteError>,
    /// Attributes for the next start tag, whoever writes it (a SOAP header block's
    /// `mustUnderstand`, which the block's own type does not declare).
    pending: Vec<crate::AnyAttribute>,
    /// [`WriteOptions::indent`].
    indent: Option<Box<str>>,
    /// Indenting: the depth of the outermost open element whose content is written as it
    /// is kept (an `xs:any` tree), `usize::MAX` when none.
    verbatim_from: usize,
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
            names: String::new(),
            in_start_tag: false,
            next_prefix: 1,
            scratch: String::new(),
            mixed: Vec::new(),
            error: None,
            pending: Vec::new(),
            indent: None,
            verbatim_from: usize::MAX,
        }
    }

    /// A writer that starts with an XML declaration and lays the document out as
    /// `options` say.
    pub fn with_options(options: &WriteOptions) -> Self {
        Self {
            indent: options.indent.as_deref().map(Box::from),
            ..Self::new()
        }
    }

    /// The document, or the first text or attribute value that XML 1.0 cannot carry
    /// (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF).
    pub fn finish(mut self) -> Result<String, WriteError> {
        self.close_start_tag();
        if self.indent.is_some() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }

    /// Appends `text`, escaped for content or for a double-quoted attribute value,
    /// and records the first character XML 1.0 cannot carry.
    fn write_escaped(&mut self, text: &str, attribute: bool) {
        if let Some(c) = escape(text, &mut self.out, attribute) {
            if self.error.is_none() {
                self.error = Some(WriteError::InvalidCharacter {
                    path: self.path(),
                    character: c,
                });
            }
        }
    }

    /// Element path of the open elements, for errors.
    pub fn path(&self) -> String {
        let ends = self
            .open
            .iter()
            .skip(1)
            .map(|e| e.name_start)
            .chain([self.names.len()]);
        let names: Vec<&str> = self
            .open
            .iter()
            .zip(ends)
            .map(|(e, end)| {
                let qname = &self.names[e.name_start..end];
                qname.rsplit(':').next().unwrap_or(qname)
            })
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
        if !self.mixed.is_empty() {
            self.mixed_text_before_child();
        }
        self.close_start_tag();
        if self.indent.is_some() {
            self.indent_child();
        }
        let scope = self.bindings.len();
        self.out.push('<');
        let mut declare = None;
        let name_start = self.names.len();
        match (prefix, ns) {
            (Some(p), Some(uri)) => {
                if self.lookup(p) != Some(uri) {
                    declare = Some((p.to_string(), uri.to_string()));
                }
                self.names.push_str(p);
                self.names.push(':');
            }
            (_, ns) => {
                let uri = ns.unwrap_or("");
                if self.lookup("").unwrap_or("") != uri {
                    declare = Some((String::new(), uri.to_string()));
                }
            }
        }
        self.names.push_str(local);
        self.out.push_str(&self.names[name_start..]);
        if let Some((p, uri)) = declare {
            self.write_declaration(&p, &uri);
            self.bindings.push((p, uri));
        }
        self.in_start_tag = true;
        self.open.push(OpenElement {
            name_start,
            scope,
            children: false,
            text: false,
        });
        if !self.pending.is_empty() {
            self.write_pending();
        }
    }

    /// Adds `attributes` to the next start tag written.
    pub fn pending_attributes(&mut self, attributes: &[crate::AnyAttribute]) {
        self.pending.extend_from_slice(attributes);
    }

    #[cold]
    fn write_pending(&mut self) {
        for a in std::mem::take(&mut self.pending) {
            self.attribute(a.ns.as_deref(), &a.local, &a.value);
        }
    }

    /// A line break and indentation before a child element about to start, unless its
    /// parent's content has text or is kept as it is.
    #[inline(never)]
    fn indent_child(&mut self) {
        let depth = self.open.len();
        let Some(parent) = self.open.last_mut() else {
            return;
        };
        parent.children = true;
        if !parent.text && depth < self.verbatim_from {
            self.new_line(depth);
        }
    }

    /// A line break and `depth` levels of indentation.
    fn new_line(&mut self, depth: usize) {
        if let Some(indent) = &self.indent {
            self.out.push('\n');
            for _ in 0..depth {
                self.out.push_str(indent);
            }
        }
    }

    /// Marks the innermost open element's content as text: nothing is indented in it.
    fn has_text(&mut self) {
        if let Some(open) = self.open.last_mut() {
            open.text = true;
        }
    }

    /// The content of the innermost open element is written as it is kept (an `xs:any`
    /// tree, whose whitespace is content; mixed content): nothing is indented in it or
    /// below it.
    pub(crate) fn verbatim_content(&mut self) {
        if self.indent.is_some() {
            self.verbatim_from = self.verbatim_from.min(self.open.len());
        }
    }

    /// Writes the text of the innermost mixed element that comes before the child
    /// element about to start, if that element is the child's parent.
    #[cold]
    fn mixed_text_before_child(&mut self) {
        let depth = self.open.len();
        let Some(mut frame) = self.mixed.pop() else {
            return;
        };
        if frame.depth == depth {
            for (_, text) in frame.due(false) {
                self.close_start_tag();
                self.write_escaped(text, false);
            }
            frame.children += 1;
        }
        self.mixed.push(frame);
    }

    /// Starts writing the content of a mixed element (the innermost open one): `text`
    /// goes between its children as placed. `false` when an enclosing writer (a derived
    /// type's, around its base's) already did; that one's `end_mixed` ends it.
    pub fn begin_mixed(&mut self, text: &MixedText) -> bool {
        // Indenting stops here, for its children too (as `xmllint --format` does): text
        // and markup are laid out as they were read.
        self.verbatim_content();
        let depth = self.open.len();
        if self.mixed.last().is_some_and(|f| f.depth == depth) {
            return false;
        }
        self.mixed.push(MixedFrame::new(depth, text.clone()));
        true
    }

    /// Writes the mixed element's text after its last child, when `owner` (what
    /// [`XmlWriter::begin_mixed`] returned).
    pub fn end_mixed(&mut self, owner: bool) {
        if !owner {
            return;
        }
        if let Some(mut frame) = self.mixed.pop() {
            for (_, text) in frame.due(true) {
                self.close_start_tag();
                self.write_escaped(text, false);
            }
        }
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
        self.write_escaped(uri, true);
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
        self.write_escaped(value, true);
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
        if let Some(name) = self.scoped_qname(value) {
            self.attribute(ns, local, &name);
            return Ok(());
        }
        if let Some(text) = value.as_text() {
            self.attribute(ns, local, text);
            return Ok(());
        }
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write(&mut text);
        self.attribute(ns, local, &text);
        self.scratch = text;
        Ok(())
    }

    /// Adds an optional attribute to the open start tag when it has a value.
    pub fn optional_attribute<T: SimpleType>(
        &mut self,
        ns: Option<&str>,
        local: &str,
        value: &Option<T>,
    ) -> Result<(), WriteError> {
        match value {
            Some(v) => self.attribute_value(ns, local, v),
            None => Ok(()),
        }
    }

    /// Adds `xsi:type` naming the type `ns`/`local` to the open start tag.
    pub fn xsi_type(&mut self, ns: Option<&str>, local: &str) {
        let value = match ns {
            Some(uri) => format!("{}:{local}", self.attribute_prefix(uri)),
            None => local.to_string(),
        };
        self.attribute(Some(XSI_NS), "type", &value);
    }

    /// Adds the location hints an element was read with.
    pub fn schema_location(&mut self, hints: &crate::SchemaLocation) {
        if let Some(v) = hints.schema_location() {
            self.attribute(Some(XSI_NS), "schemaLocation", v);
        }
        if let Some(v) = hints.no_namespace_schema_location() {
            self.attribute(Some(XSI_NS), "noNamespaceSchemaLocation", v);
        }
    }

    /// Adds attributes kept by a wildcard.
    pub fn any_attributes(&mut self, attributes: &[crate::AnyAttribute]) {
        for a in attributes {
            self.attribute(a.ns.as_deref(), &a.local, &a.value);
        }
    }

    /// A `xs:QName` value as `prefix:local`, its prefix declared on the element being
    /// started; `None` for other values, or once the start tag is closed.
    fn scoped_qname<T: SimpleType>(&mut self, value: &T) -> Option<String> {
        let (ns, local) = value.qname()?;
        if !self.in_start_tag {
            return None;
        }
        Some(match ns {
            Some(uri) if self.lookup("") == Some(uri) => local.to_string(),
            Some(uri) => format!("{}:{local}", self.attribute_prefix(uri)),
            None => local.to_string(),
        })
    }

    /// Writes character data (escaped).
    pub fn text(&mut self, text: &str) {
        self.close_start_tag();
        if self.indent.is_some() {
            self.has_text();
        }
        self.write_escaped(text, false);
    }

    /// Writes a simple value as character data.
    pub fn value<T: SimpleType>(&mut self, value: &T) -> Result<(), WriteError> {
        self.check(value)?;
        if let Some(name) = self.scoped_qname(value) {
            self.text(&name);
            return Ok(());
        }
        if let Some(text) = value.as_text() {
            self.text(text);
            return Ok(());
        }
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

    /// Writes each value of an optional or repeated field (`&Option<T>`, `&Vec<T>`) as
    /// `<local>value</local>`.
    pub fn simple_elements<'v, T: SimpleType + 'v>(
        &mut self,
        ns: Option<&str>,
        local: &str,
        values: impl IntoIterator<Item = &'v T>,
    ) -> Result<(), WriteError> {
        for value in values {
            self.simple_element(ns, local, value)?;
        }
        Ok(())
    }

    /// Writes each value of an optional or repeated field of complex type as an element
    /// named `local`.
    pub fn complex_elements<'v, T: crate::ComplexType + 'v>(
        &mut self,
        ns: Option<&str>,
        local: &str,
        values: impl IntoIterator<Item = &'v T>,
    ) -> Result<(), WriteError> {
        for value in values {
            crate::write_complex(value, self, ns, local)?;
        }
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
        if self.indent.is_some() {
            self.indent_end(&element);
        }
        if self.in_start_tag {
            self.out.push_str("/>");
            self.in_start_tag = false;
        } else {
            self.out.push_str("</");
            self.out.push_str(&self.names[element.name_start..]);
            self.out.push('>');
        }
        self.names.truncate(element.name_start);
        self.bindings.truncate(element.scope);
    }

    /// Indenting, before the end tag of `element` (just taken off `open`): a line break
    /// and indentation after element-only content; the end of content kept as it is.
    #[inline(never)]
    fn indent_end(&mut self, element: &OpenElement) {
        let depth = self.open.len();
        // The element's own content is kept as it is from `verbatim_from` on.
        let verbatim = depth + 1 >= self.verbatim_from;
        if !self.in_start_tag && element.children && !element.text && !verbatim {
            self.new_line(depth);
        }
        if depth < self.verbatim_from {
            self.verbatim_from = usize::MAX;
        }
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

/// Appends `text` to `out`, escaped for element content or (`attribute`) for a
/// double-quoted attribute value; returns the first character XML 1.0 cannot carry.
///
/// Works on bytes: every byte it acts on is ASCII or the lead of U+FFFE/U+FFFF, so
/// the runs copied between them are whole characters.
fn escape(text: &str, out: &mut String, attribute: bool) -> Option<char> {
    let bytes = text.as_bytes();
    let mut invalid = None;
    let mut copied = 0;
    let mut i = 0;
    // Most text has nothing to escape: skip to the next byte that may need care.
    while let Some(at) = next_notable(bytes, i, attribute) {
        i = at;
        let b = bytes[i];
        i += 1;
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' if !attribute => "&gt;",
            b'"' if attribute => "&quot;",
            // Literal whitespace other than space is normalized away by readers.
            b'\t' if attribute => "&#9;",
            b'\n' if attribute => "&#10;",
            // A literal CR would be normalized to LF by the next reader.
            b'\r' => "&#13;",
            0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F => {
                invalid.get_or_insert(b as char);
                continue;
            }
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            0xEF if bytes.get(i) == Some(&0xBF)
                && matches!(bytes.get(i + 1), Some(0xBE | 0xBF)) =>
            {
                invalid.get_or_insert(if bytes[i + 1] == 0xBE {
                    '\u{FFFE}'
                } else {
                    '\u{FFFF}'
                });
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[copied..i - 1]);
        out.push_str(replacement);
        copied = i;
    }
    out.push_str(&text[copied..]);
    invalid
}

/// The index of the first byte from `i` on that `escape` must look at, eight bytes at
/// a time.
#[inline]
fn next_notable(bytes: &[u8], i: usize, attribute: bool) -> Option<usize> {
    let (notable, quote_or_gt) = if attribute {
        (&NOTABLE_IN_ATTRIBUTE, b'"')
    } else {
        (&NOTABLE_IN_TEXT, b'>')
    };
    let at = skip_plain(bytes, i, notable, quote_or_gt);
    (at < bytes.len()).then_some(at)
}

/// Bytes that `escape` must look at: markup, control characters, and the lead byte
/// of U+FFFE/U+FFFF.
const fn notable_bytes(attribute: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    if !attribute {
        // Tab and line feed are written as they are in content.
        table[b'\t' as usize] = false;
        table[b'\n' as usize] = false;
        table[b'>' as usize] = true;
    } else {
        table[b'"' as usize] = true;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[0xEF] = true;
    table
}

static NOTABLE_IN_TEXT: [bool; 256] = notable_bytes(false);
static NOTABLE_IN_ATTRIBUTE: [bool; 256] = notable_bytes(true);

#[cfg(test)]
mod tests {
    use super::escape;
    // The character-by-character `Char` production: the oracle for `escape`'s byte scan.
    use crate::chars::is_xml_char;

    #[test]
    fn escape_refuses_exactly_the_characters_xml_cannot_carry() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            for attribute in [false, true] {
                let mut out = String::new();
                let invalid = escape(&text, &mut out, attribute);
                assert_eq!(invalid.is_none(), is_xml_char(c), "{:?}", c);
            }
        }
    }

    /// The word-at-a-time scan finds what needs escaping at every offset of a word, and
    /// writes what a character-by-character escape writes.
    #[test]
    fn escape_agrees_with_escaping_character_by_character_at_every_offset() {
        fn one_by_one(text: &str, attribute: bool) -> String {
            text.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' if !attribute => "&gt;".to_string(),
                    '"' if attribute => "&quot;".to_string(),
                    '\t' if attribute => "&#9;".to_string(),
                    '\n' if attribute => "&#10;".to_string(),
                    '\r' => "&#13;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        }
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789";
        for at in 0..plain.len() {
            for special in [
                "&", "<", ">", "\"", "\t", "\n", "\r", "é", "\u{FFFD}", "<&>",
            ] {
                let text = format!("{}{special}{}", &plain[..at], &plain[at..]);
                for attribute in [false, true] {
                    let mut out = String::new();
                    assert_eq!(escape(&text, &mut out, attribute), None);
                    assert_eq!(out, one_by_one(&text, attribute), "{text:?}");
                }
            }
            for bad in ['\u{1}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
                let text = format!("{}\t{bad}{}", &plain[..at], &plain[at..]);
                for attribute in [false, true] {
                    let mut out = String::new();
                    assert_eq!(escape(&text, &mut out, attribute), Some(bad), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn escape_writes_references_for_markup_and_whitespace_readers_would_change() {
        let mut out = String::new();
        escape("a<b>&c\"d\te\nf\rg é", &mut out, false);
        assert_eq!(out, "a&lt;b&gt;&amp;c\"d\te\nf&#13;g é");
        out.clear();
        escape("a<b>&c\"d\te\nf\rg é", &mut out, true);
        assert_eq!(out, "a&lt;b>&amp;c&quot;d&#9;e&#10;f&#13;g é");
    }
}
