//! SOAP 1.1 and 1.2 faults, read from a reply's body, and [`Reply`], the body that is
//! either the operation's response or a fault.

use std::fmt;

use xsdgen_runtime::soap::{SoapVersion, SOAP11_NS, SOAP12_NS};
use xsdgen_runtime::{
    resolve_qname, AnyElement, AnyNode, PrefixScope, ReadError, SimpleType, StartTag, ValueError,
    WriteError, XmlElement, XmlReader, XmlWriter, XML_NS,
};

/// Namespace of EWS error details (`ResponseCode`, `Message` in a fault's detail).
pub const EWS_ERRORS_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/errors";
/// Namespace of EWS messages (and of the UM web service's).
pub const EWS_MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
/// Namespace of EWS types.
pub const EWS_TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

/// An expanded name: namespace URI and local name (a fault code's `prefix:local`
/// resolved against the declarations in scope where it was read).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct QName {
    /// Namespace URI, `None` for no namespace.
    pub ns: Option<String>,
    /// Local name.
    pub local: String,
}

impl QName {
    /// `{ns}local`.
    pub fn new(ns: Option<&str>, local: &str) -> Self {
        Self {
            ns: ns.map(str::to_string),
            local: local.to_string(),
        }
    }

    /// Whether this is `{ns}local`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns.as_deref() == Some(ns) && self.local == local
    }
}

/// `{namespace}local`, or `local` in no namespace.
impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.ns {
            Some(ns) => write!(f, "{{{ns}}}{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

/// One text of a fault's reason, with its language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaultReason {
    /// `xml:lang`, when given (SOAP 1.2 requires it).
    pub lang: Option<String>,
    /// The text.
    pub text: String,
}

/// A SOAP Fault: SOAP 1.1's `faultcode`, `faultstring`, `faultactor`, `detail`, or SOAP
/// 1.2's `Code` (with its `Subcode`s), `Reason`, `Node`, `Role`, `Detail`.
///
/// Read leniently, so that a fault a server got slightly wrong is still reported as a
/// fault: children may come in any order, unknown ones are skipped, a missing code or
/// reason is left empty, and a code whose prefix is not declared keeps its text as the
/// local name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoapFault {
    /// The version of the `Fault` element (its namespace).
    pub version: SoapVersion,
    /// `faultcode` / `Code/Value`, resolved: `{http://schemas.xmlsoap.org/soap/envelope/}Client`,
    /// `{http://www.w3.org/2003/05/soap-envelope}Sender`, or an application's own
    /// (EWS: `{…/types}ErrorSchemaValidation`).
    pub code: QName,
    /// SOAP 1.2 `Subcode/Value`s, outermost first (empty for SOAP 1.1).
    pub subcodes: Vec<QName>,
    /// `faultstring` / the first `Reason/Text`.
    pub reason: String,
    /// Every reason text with its language (one for SOAP 1.1).
    pub reasons: Vec<FaultReason>,
    /// `faultactor` / `Role`: who faulted.
    pub actor: Option<String>,
    /// SOAP 1.2 `Node`.
    pub node: Option<String>,
    /// `detail` / `Detail`, the element itself, kept as it was read.
    pub detail: Option<AnyElement>,
}

impl SoapFault {
    /// The EWS `ResponseCode` in the detail (`ErrorSchemaValidation`,
    /// `ErrorInvalidServerVersion`, …): an element `ResponseCode` in the EWS errors,
    /// messages or types namespace anywhere in it.
    pub fn response_code(&self) -> Option<&str> {
        [EWS_ERRORS_NS, EWS_MESSAGES_NS, EWS_TYPES_NS]
            .into_iter()
            .find_map(|ns| self.detail_text(Some(ns), "ResponseCode"))
    }

    /// The text of the first element `{ns}local` in the detail (depth first, the
    /// detail element itself included), trimmed.
    pub fn detail_text(&self, ns: Option<&str>, local: &str) -> Option<&str> {
        let mut stack: Vec<&AnyElement> = self.detail.iter().collect();
        while let Some(element) = stack.pop() {
            if element.ns.as_deref() == ns && element.local == local {
                return element.children.iter().find_map(|c| match c {
                    AnyNode::Text(t) => Some(t.trim()),
                    AnyNode::Element(_) => None,
                });
            }
            // Reversed, so that the first child is looked at first.
            stack.extend(element.children.iter().rev().filter_map(|c| match c {
                AnyNode::Element(e) => Some(e),
                AnyNode::Text(_) => None,
            }));
        }
        None
    }

    /// Whether the fault blames the request: SOAP 1.1 `Client`, SOAP 1.2 `Sender`
    /// (retrying the same request will not help).
    pub fn is_sender(&self) -> bool {
        self.code.is(SOAP11_NS, "Client") || self.code.is(SOAP12_NS, "Sender")
    }

    /// Whether the fault blames the server: SOAP 1.1 `Server`, SOAP 1.2 `Receiver`.
    pub fn is_receiver(&self) -> bool {
        self.code.is(SOAP11_NS, "Server") || self.code.is(SOAP12_NS, "Receiver")
    }

    /// Reads the `Fault` element `start` opened, end tag included.
    pub fn read<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<Self, ReadError> {
        let version = if r.ns(start) == Some(SOAP12_NS) {
            SoapVersion::Soap12
        } else {
            SoapVersion::Soap11
        };
        let env = version.namespace();
        let mut fault = SoapFault {
            version,
            ..SoapFault::default()
        };
        while let Some(child) = r.any_child()? {
            let ns = r.ns(&child);
            // SOAP 1.1's children are unqualified; some servers put them in the
            // envelope's namespace. SOAP 1.2's are in it.
            let ours = match version {
                SoapVersion::Soap11 => ns.is_none() || ns == Some(env),
                SoapVersion::Soap12 => ns == Some(env),
            };
            match (ours, version, child.local()) {
                (true, SoapVersion::Soap11, "faultcode") => fault.code = read_qname(r, &child)?,
                (true, SoapVersion::Soap11, "faultstring") => {
                    let reason = read_reason(r, &child)?;
                    fault.reasons.push(reason);
                }
                (true, SoapVersion::Soap11, "faultactor") | (true, SoapVersion::Soap12, "Role") => {
                    fault.actor = Some(read_text(r, &child)?)
                }
                (true, SoapVersion::Soap11, "detail") | (true, SoapVersion::Soap12, "Detail") => {
                    fault.detail = Some(AnyElement::read(r, &child)?)
                }
                (true, SoapVersion::Soap12, "Code") => {
                    let mut values = read_code(r)?.into_iter();
                    fault.code = values.next().unwrap_or_default();
                    fault.subcodes = values.collect();
                }
                (true, SoapVersion::Soap12, "Reason") => {
                    while let Some(text) = r.any_child()? {
                        if r.ns(&text) == Some(env) && text.local() == "Text" {
                            let reason = read_reason(r, &text)?;
                            fault.reasons.push(reason);
                        } else {
                            AnyElement::read(r, &text)?;
                        }
                    }
                    r.end_element()?;
                }
                (true, SoapVersion::Soap12, "Node") => fault.node = Some(read_text(r, &child)?),
                _ => {
                    AnyElement::read(r, &child)?;
                }
            }
        }
        r.end_element()?;
        fault.reason = fault
            .reasons
            .first()
            .map(|r| r.text.clone())
            .unwrap_or_default();
        Ok(fault)
    }

    /// Writes the fault as a `Fault` element of its version.
    pub fn write(&self, w: &mut XmlWriter) -> Result<(), WriteError> {
        let env = self.version.namespace();
        w.start_prefixed(Some("soap"), Some(env), "Fault");
        let reasons = if self.reasons.is_empty() {
            vec![FaultReason {
                lang: None,
                text: self.reason.clone(),
            }]
        } else {
            self.reasons.clone()
        };
        match self.version {
            SoapVersion::Soap11 => {
                w.start(None, "faultcode");
                write_qname(w, &self.code);
                w.end();
                // SOAP 1.1 has one faultstring.
                w.start(None, "faultstring");
                if let Some(lang) = &reasons[0].lang {
                    w.attribute(Some(XML_NS), "lang", lang);
                }
                w.text(&reasons[0].text);
                w.end();
                if let Some(actor) = &self.actor {
                    w.start(None, "faultactor");
                    w.text(actor);
                    w.end();
                }
            }
            SoapVersion::Soap12 => {
                w.start_prefixed(Some("soap"), Some(env), "Code");
                for (depth, code) in std::iter::once(&self.code)
                    .chain(&self.subcodes)
                    .enumerate()
                {
                    if depth > 0 {
                        w.start_prefixed(Some("soap"), Some(env), "Subcode");
                    }
                    w.start_prefixed(Some("soap"), Some(env), "Value");
                    write_qname(w, code);
                    w.end();
                }
                for _ in &self.subcodes {
                    w.end();
                }
                w.end();
                w.start_prefixed(Some("soap"), Some(env), "Reason");
                for reason in &reasons {
                    w.start_prefixed(Some("soap"), Some(env), "Text");
                    // Required by SOAP 1.2.
                    let lang = reason.lang.as_deref().unwrap_or("en");
                    w.attribute(Some(XML_NS), "lang", lang);
                    w.text(&reason.text);
                    w.end();
                }
                w.end();
                for (local, value) in [("Node", &self.node), ("Role", &self.actor)] {
                    if let Some(value) = value {
                        w.start_prefixed(Some("soap"), Some(env), local);
                        w.text(value);
                        w.end();
                    }
                }
            }
        }
        if let Some(detail) = &self.detail {
            detail.write(w)?;
        }
        w.end();
        Ok(())
    }
}

/// `{code}: reason`, with subcodes, the EWS response code and the actor when there are.
impl fmt::Display for SoapFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        for sub in &self.subcodes {
            write!(f, " / {sub}")?;
        }
        write!(f, ": {}", self.reason.trim())?;
        if let Some(code) = self.response_code() {
            if code != self.code.local {
                write!(f, " (ResponseCode {code})")?;
            }
        }
        if let Some(actor) = &self.actor {
            write!(f, " [actor {actor}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for SoapFault {}

/// Whether `{ns}local` is a SOAP `Fault`.
pub(crate) fn is_fault(ns: Option<&str>, local: &str) -> bool {
    local == "Fault" && matches!(ns, Some(SOAP11_NS | SOAP12_NS))
}

/// A `xs:QName` value as a [`QName`]; a prefix with no declaration keeps the whole
/// text as the local name.
#[derive(PartialEq)]
struct QNameValue(QName);

impl SimpleType for QNameValue {
    const NAME: &'static str = "xs:QName";

    fn parse(text: &str) -> Result<Self, ValueError> {
        Ok(QNameValue(QName::new(None, text.trim())))
    }

    fn parse_scoped(text: &str, scope: &dyn PrefixScope) -> Result<Self, ValueError> {
        match resolve_qname(text, scope) {
            Ok((ns, local)) => Ok(QNameValue(QName::new(ns, local))),
            Err(_) => Self::parse(text),
        }
    }

    fn write(&self, out: &mut String) {
        out.push_str(&self.0.local);
    }
}

fn read_qname<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<QName, ReadError> {
    r.simple_content::<QNameValue>(start, None, None)
        .map(|q| q.0)
}

fn read_text<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<String, ReadError> {
    r.simple_content::<String>(start, None, None)
}

fn read_reason<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<FaultReason, ReadError> {
    let lang = r
        .attributes(start)
        .find(|a| a.ns() == Some(XML_NS) && a.local == "lang")
        .map(|a| a.value.to_string());
    let text = read_text(r, start)?;
    Ok(FaultReason { lang, text })
}

/// The values of a SOAP 1.2 `Code` whose start tag was read, its `Subcode`s' nested in
/// it, outermost first; its end tag consumed. A loop, not recursion: the nesting is
/// bounded by the reader's depth limit alone.
fn read_code(r: &mut XmlReader<'_>) -> Result<Vec<QName>, ReadError> {
    let mut values = Vec::new();
    let mut open = 1usize;
    while open > 0 {
        match r.any_child()? {
            Some(child) if r.ns(&child) == Some(SOAP12_NS) && child.local() == "Value" => {
                values.push(read_qname(r, &child)?);
            }
            Some(child) if r.ns(&child) == Some(SOAP12_NS) && child.local() == "Subcode" => {
                open += 1;
            }
            Some(child) => {
                AnyElement::read(r, &child)?;
            }
            None => {
                r.end_element()?;
                open -= 1;
            }
        }
    }
    Ok(values)
}

/// Writes a name as `prefix:local` text, its prefix declared on the element just started.
fn write_qname(w: &mut XmlWriter, name: &QName) {
    match &name.ns {
        Some(ns) => {
            // The writer declares prefixes for element and attribute names only: this
            // one is declared by hand, under a prefix the writer never makes up.
            w.attribute(None, "xmlns:fc", ns);
            w.text(&format!("fc:{}", name.local));
        }
        None => w.text(&name.local),
    }
}

/// The body of a reply: the operation's response `R`, or a SOAP Fault (looked for
/// first, whatever `R` accepts).
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<R> {
    /// The operation's response.
    Body(R),
    /// A SOAP Fault (boxed: most replies are not).
    Fault(Box<SoapFault>),
}

impl<R: XmlElement> XmlElement for Reply<R> {
    fn accepts(ns: Option<&str>, local: &str) -> bool {
        is_fault(ns, local) || R::accepts(ns, local)
    }

    fn expected() -> String {
        format!("{} or a SOAP Fault", R::expected())
    }

    fn read_element<'a>(r: &mut XmlReader<'a>, start: StartTag<'a>) -> Result<Self, ReadError> {
        if is_fault(r.ns(&start), start.local()) {
            SoapFault::read(r, &start).map(|f| Reply::Fault(Box::new(f)))
        } else {
            R::read_element(r, start).map(Reply::Body)
        }
    }

    fn write_element(&self, w: &mut XmlWriter) -> Result<(), WriteError> {
        match self {
            Reply::Body(body) => body.write_element(w),
            Reply::Fault(fault) => fault.write(w),
        }
    }
}

/// Any element, kept as a tree: the lenient reading that tells a SOAP envelope the
/// types rejected from a body that is no envelope at all, and finds faults in error
/// responses.
pub(crate) struct Lenient;

impl XmlElement for Lenient {
    fn accepts(_: Option<&str>, _: &str) -> bool {
        true
    }

    fn expected() -> String {
        "any element".into()
    }

    fn read_element<'a>(r: &mut XmlReader<'a>, start: StartTag<'a>) -> Result<Self, ReadError> {
        AnyElement::read(r, &start).map(|_| Lenient)
    }

    fn write_element(&self, _: &mut XmlWriter) -> Result<(), WriteError> {
        Ok(())
    }
}

/// The name of any element (its content skipped).
pub(crate) struct Named(pub(crate) QName);

impl XmlElement for Named {
    fn accepts(_: Option<&str>, _: &str) -> bool {
        true
    }

    fn expected() -> String {
        "any element".into()
    }

    fn read_element<'a>(r: &mut XmlReader<'a>, start: StartTag<'a>) -> Result<Self, ReadError> {
        let name = QName::new(r.ns(&start), start.local());
        AnyElement::read(r, &start)?;
        Ok(Named(name))
    }

    fn write_element(&self, _: &mut XmlWriter) -> Result<(), WriteError> {
        Ok(())
    }
}
