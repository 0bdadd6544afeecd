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
/// `Document` enum), and whose header holds blocks of type `H`: by default the body's
/// type too, since a schema set's global elements are its header blocks as well (EWS
/// `RequestServerVersion` in, `ServerVersionInfo` out).
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<B, H = B> {
    /// SOAP version, from the envelope's namespace.
    pub version: SoapVersion,
    /// Attributes of `Envelope` other than namespace declarations.
    pub attributes: Vec<AnyAttribute>,
    /// `Header`, when the envelope has one.
    pub header: Option<Header<H>>,
    /// Attributes of `Body` other than namespace declarations.
    pub body_attributes: Vec<AnyAttribute>,
    /// The body's one child.
    pub body: B,
}

/// A SOAP `Header`: its blocks, in document order. Written inside `Header`, so a block
/// can only be written where SOAP puts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Header<H> {
    /// Attributes of `Header` other than namespace declarations.
    pub attributes: Vec<AnyAttribute>,
    /// The header blocks.
    pub blocks: Vec<HeaderBlock<H>>,
}

impl<H> Default for Header<H> {
    fn default() -> Self {
        Self {
            attributes: Vec::new(),
            blocks: Vec::new(),
        }
    }
}

/// One header block.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderBlock<H> {
    /// A block `H` describes (an element it accepts), read and checked as that type.
    Typed {
        /// The block.
        value: H,
        /// Its attributes in the envelope's namespace (SOAP 1.1 `mustUnderstand`,
        /// `actor`, `encodingStyle`; SOAP 1.2 `mustUnderstand`, `role`, `relay`), which
        /// SOAP allows on any block and its schema need not declare.
        soap_attributes: Vec<AnyAttribute>,
    },
    /// A block no schema of `H` describes, kept as it was read.
    Raw(AnyElement),
}

impl<H> From<H> for HeaderBlock<H> {
    fn from(value: H) -> Self {
        HeaderBlock::Typed {
            value,
            soap_attributes: Vec::new(),
        }
    }
}

impl<H> HeaderBlock<H> {
    /// The typed block, `None` for a raw one.
    pub fn value(&self) -> Option<&H> {
        match self {
            HeaderBlock::Typed { value, .. } => Some(value),
            HeaderBlock::Raw(_) => None,
        }
    }
}

impl<B, H> Envelope<B, H> {
    /// Adds a typed block to the header (made if there is none): `Envelope::new(body)
    /// .with_header(RequestServerVersion::new(ExchangeVersionType::Exchange2016))`.
    pub fn with_header(mut self, block: impl Into<H>) -> Self {
        self.header
            .get_or_insert_with(Header::default)
            .blocks
            .push(HeaderBlock::from(block.into()));
        self
    }

    /// The typed header blocks, in document order (raw ones are in `header`).
    pub fn header_blocks(&self) -> impl Iterator<Item = &H> {
        self.header
            .iter()
            .flat_map(|h| h.blocks.iter())
            .filter_map(HeaderBlock::value)
    }
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

    /// Reads a whole SOAP document given as bytes, in the encoding its byte-order mark or
    /// XML declaration names ([`crate::read_document_bytes`]).
    pub fn from_xml_bytes(bytes: &[u8]) -> Result<Self, ReadError> {
        crate::read_document_bytes(bytes)
    }

    /// [`Envelope::from_xml_bytes`] within `limits`.
    pub fn from_xml_bytes_with(bytes: &[u8], limits: crate::ReadLimits) -> Result<Self, ReadError> {
        crate::read_document_bytes_with(bytes, limits)
    }

    /// Reads a whole SOAP document from `reader`, to its end ([`crate::read_document_from`]).
    pub fn from_xml_reader(reader: impl std::io::Read) -> Result<Self, ReadError> {
        crate::read_document_from(reader)
    }

    /// [`Envelope::from_xml_reader`] within `limits`.
    pub fn from_xml_reader_with(
        reader: impl std::io::Read,
        limits: crate::ReadLimits,
    ) -> Result<Self, ReadError> {
        crate::read_document_from_with(reader, limits)
    }

    /// Reads a whole SOAP document from a file ([`crate::read_document_file`]).
    pub fn from_xml_file(path: impl AsRef<std::path::Path>) -> Result<Self, ReadError> {
        crate::read_document_file(path)
    }

    /// [`Envelope::from_xml_file`] within `limits`.
    pub fn from_xml_file_with(
        path: impl AsRef<std::path::Path>,
        limits: crate::ReadLimits,
    ) -> Result<Self, ReadError> {
        crate::read_document_file_with(path, limits)
    }

    /// Writes a whole SOAP document with an XML declaration.
    pub fn to_xml_string(&self) -> Result<String, WriteError> {
        crate::write_document(self)
    }
}

fn attributes_of(r: &XmlReader<'_>, start: &StartTag<'_>) -> Vec<AnyAttribute> {
    r.attributes(start).map(AnyAttribute::from).collect()
}

/// Reads the blocks of the `Header` that `start` opened, its end tag included.
fn read_header<'a, H: XmlElement>(
    r: &mut XmlReader<'a>,
    start: &StartTag<'a>,
    ns: &str,
) -> Result<Header<H>, ReadError> {
    let attributes = attributes_of(r, start);
    let mut blocks = Vec::new();
    while let Some(mut block) = r.any_child()? {
        if r.ns(&block).is_none() {
            // SOAP 1.1 §4.2.1, SOAP 1.2 part 1 §5.2.1.
            return Err(r.error_at(
                block.position(),
                ReadErrorKind::UnexpectedElement {
                    expected: "a namespace-qualified header block".into(),
                    found: r.display_name(&block),
                },
            ));
        }
        blocks.push(if H::accepts(r.ns(&block), block.local()) {
            let soap_attributes = r.take_attributes_in(&mut block, ns);
            let value = H::read_element(r, block)?;
            HeaderBlock::Typed {
                value,
                soap_attributes,
            }
        } else {
            HeaderBlock::Raw(AnyElement::read(r, &block)?)
        });
    }
    r.end_element()?;
    Ok(Header { attributes, blocks })
}

fn write_header<H: XmlElement>(
    header: &Header<H>,
    w: &mut XmlWriter,
    version: SoapVersion,
) -> Result<(), WriteError> {
    let ns = version.namespace();
    w.start_prefixed(Some("soap"), Some(ns), "Header");
    for a in &header.attributes {
        w.attribute(a.ns.as_deref(), &a.local, &a.value);
    }
    for block in &header.blocks {
        match block {
            HeaderBlock::Typed {
                value,
                soap_attributes,
            } => {
                if let Some(a) = soap_attributes.iter().find(|a| a.ns.as_deref() != Some(ns)) {
                    return Err(WriteError::NotSoap {
                        reason: format!(
                            "the header block attribute {} is not in the envelope's \
                             namespace {ns}",
                            crate::expanded_name(a.ns.as_deref(), &a.local)
                        ),
                    });
                }
                w.pending_attributes(soap_attributes);
                value.write_element(w)?;
            }
            HeaderBlock::Raw(element) => {
                if element.ns.is_none() {
                    return Err(WriteError::NotSoap {
                        reason: format!(
                            "the header block <{}> has no namespace (SOAP header blocks \
                             are namespace-qualified)",
                            element.local
                        ),
                    });
                }
                element.write(w)?;
            }
        }
    }
    w.end();
    Ok(())
}

impl<B: XmlElement, H: XmlElement> XmlElement for Envelope<B, H> {
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
            Some(h) => Some(read_header(r, &h, ns)?),
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
            write_header(header, w, self.version)?;
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
