//! SOAP 1.1 and 1.2 envelopes around a typed body.

use crate::any::{AnyAttribute, AnyElement};
use crate::error::{ReadError, ReadErrorKind, WriteError};
use crate::reader::{StartTag, XmlReader};
use crate::writer::XmlWriter;
use crate::{read_element_as, XmlElement};

/// Envelope namespace of SOAP 1.1.
pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// Envelope namespace of SOAP 1.2.
pub const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// Which SOAP version an envelope uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SoapVersion {
    /// SOAP 1.1 (what Exchange speaks).
    #[default]
    Soap11,
    /// SOAP 1.2.
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace URI.
    pub fn namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_NS,
            SoapVersion::Soap12 => SOAP12_NS,
        }
    }
}

/// A SOAP envelope whose body holds one element of type `B` (typically a generated
/// `Document` enum). The header, if any, is kept as raw elements.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<B> {
    /// SOAP version, from the envelope's namespace.
    pub version: SoapVersion,
    /// Attributes of `Envelope` other than namespace declarations.
    pub attributes: Vec<AnyAttribute>,
    /// `Header`, kept as it was read.
    pub header: Option<AnyElement>,
    /// Attributes of `Body` other than namespace declarations.
    pub body_attributes: Vec<AnyAttribute>,
    /// The body's one child.
    pub body: B,
}

impl<B: XmlElement> Envelope<B> {
    /// A SOAP 1.1 envelope with no header.
    pub fn new(body: B) -> Self {
        Self {
            version: SoapVersion::Soap11,
            attributes: Vec::new(),
            header: None,
            body_attributes: Vec::new(),
            body,
        }
    }

    /// Reads a whole SOAP document.
    pub fn from_xml_str(input: &str) -> Result<Self, ReadError> {
        crate::read_document(input)
    }

    /// Reads a whole SOAP document within `limits`.
    pub fn from_xml_str_with(input: &str, limits: crate::ReadLimits) -> Result<Self, ReadError> {
        crate::read_document_with(input, limits)
    }

    /// Writes a whole SOAP document with an XML declaration.
    pub fn to_xml_string(&self) -> Result<String, WriteError> {
        crate::write_document(self)
    }
}

fn attributes_of(r: &XmlReader<'_>, start: &StartTag<'_>) -> Vec<AnyAttribute> {
    r.attributes(start).map(AnyAttribute::from).collect()
}

impl<B: XmlElement> XmlElement for Envelope<B> {
    fn accepts(ns: Option<&str>, local: &str) -> bool {
        local == "Envelope" && matches!(ns, Some(SOAP11_NS | SOAP12_NS))
    }

    fn expected() -> String {
        format!("{{{SOAP11_NS}}}Envelope or {{{SOAP12_NS}}}Envelope")
    }

    fn read_element<'a>(r: &mut XmlReader<'a>, start: StartTag<'a>) -> Result<Self, ReadError> {
        // `accepts` let in only the two envelope namespaces.
        let (version, ns) = if r.ns(&start) == Some(SOAP12_NS) {
            (SoapVersion::Soap12, SOAP12_NS)
        } else {
            (SoapVersion::Soap11, SOAP11_NS)
        };
        let attributes = attributes_of(r, &start);
        let header = match r.child(Some(ns), "Header")? {
            Some(h) => Some(AnyElement::read(r, &h)?),
            None => None,
        };
        let body_start = r.expect_child(Some(ns), "Body")?;
        let body_attributes = attributes_of(r, &body_start);
        let Some(child) = r.any_child()? else {
            return Err(r.unexpected(&B::expected()));
        };
        let body = read_element_as(r, child)?;
        if r.at_any_child()? {
            let mut err = r.unexpected("end of Body");
            if let ReadErrorKind::UnexpectedElement { expected, .. } = &mut err.kind {
                *expected = "end of Body (one body element is supported)".into();
            }
            return Err(err);
        }
        r.end_element()?;
        r.end_element()?;
        Ok(Envelope {
            version,
            attributes,
            header,
            body_attributes,
            body,
        })
    }

    fn write_element(&self, w: &mut XmlWriter) -> Result<(), WriteError> {
        let ns = Some(self.version.namespace());
        w.start_prefixed(Some("soap"), ns, "Envelope");
        for a in &self.attributes {
            w.attribute(a.ns.as_deref(), &a.local, &a.value);
        }
        if let Some(header) = &self.header {
            header.write(w)?;
        }
        w.start_prefixed(Some("soap"), ns, "Body");
        for a in &self.body_attributes {
            w.attribute(a.ns.as_deref(), &a.local, &a.value);
        }
        self.body.write_element(w)?;
        w.end();
        w.end();
        Ok(())
    }
}
