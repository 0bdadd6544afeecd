//! WSDL 1.1 front end: the schemas a WSDL document carries, and its service model.
//!
//! A WSDL 1.1 document (`<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">`)
//! is accepted wherever a schema file is. Two questions are answered here:
//!
//! - For [`load`](crate::load): which elements of the document are schema documents (every
//!   `xs:schema` child of `wsdl:types`, numbered in document order)
//!   and which other documents it names (`wsdl:import`). The loader hands each embedded
//!   schema to the rest of the pipeline as a schema document of its own, positioned in
//!   the WSDL file, with the namespace declarations of `wsdl:definitions` in scope.
//! - For the code that will generate SOAP clients: the service model ([`ServiceModel`]:
//!   messages and their parts, port types and their operations, SOAP 1.1 / 1.2 bindings
//!   with their actions, styles, bodies and headers, services and their addresses), read
//!   from every WSDL document of a set and checked for references that lead nowhere.
//!   It is pure data: message parts name schema components by QName; whether the schemas
//!   declare them is not checked here.
//!
//! WSDL 2.0 (`http://www.w3.org/ns/wsdl`) is not supported: such a document is refused
//! with an error saying so.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use roxmltree::Node;

use crate::error::{Error, Result, Span};
use crate::load::{parse_xml, LineIndex, SchemaSet, XS_NS};
use crate::syntax::QName;

/// The WSDL 1.1 namespace.
pub const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// The WSDL 2.0 namespace (not supported).
pub const WSDL20_NS: &str = "http://www.w3.org/ns/wsdl";
/// The WSDL 1.1 SOAP 1.1 binding namespace.
pub const SOAP11_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// The WSDL 1.1 SOAP 1.2 binding namespace.
pub const SOAP12_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";

/// Namespaces of XML Schema drafts that WSDL documents of around 2000 still use.
const DRAFT_XS_NS: [&str; 2] = [
    "http://www.w3.org/1999/XMLSchema",
    "http://www.w3.org/2000/10/XMLSchema",
];

/// What kind of document a root element makes.
pub(crate) enum RootKind {
    /// `xs:schema`.
    Schema,
    /// WSDL 1.1 `definitions`.
    Wsdl,
    /// Anything else.
    Other,
}

/// Which kind of document `root` (a document's root element) starts; a WSDL 2.0
/// document is an error.
pub(crate) fn root_kind(
    path: &Path,
    lines: &LineIndex<'_>,
    root: Node<'_, '_>,
) -> Result<RootKind> {
    if root.has_tag_name((XS_NS, "schema")) {
        Ok(RootKind::Schema)
    } else if root.has_tag_name((WSDL_NS, "definitions")) {
        Ok(RootKind::Wsdl)
    } else if root.tag_name().namespace() == Some(WSDL20_NS) {
        Err(Error::Wsdl {
            span: lines.span(path, root.range().start),
            message: format!(
                "WSDL 2.0 is not supported (<{}> in {WSDL20_NS}); xsdgen reads WSDL 1.1 \
                 documents (<definitions xmlns=\"{WSDL_NS}\">) and XML Schema",
                root.tag_name().name()
            ),
        })
    } else {
        Ok(RootKind::Other)
    }
}

/// The schema documents of a WSDL 1.1 `definitions` element: each `xs:schema` child of
/// its `wsdl:types`, in document order (a [`SourceFile`](crate::load::SourceFile)'s
/// `embedded` index counts them).
pub(crate) fn embedded_schemas<'a, 'i: 'a>(
    definitions: Node<'a, 'i>,
) -> impl Iterator<Item = Node<'a, 'i>> {
    definitions
        .children()
        .filter(|n| n.has_tag_name((WSDL_NS, "types")))
        .flat_map(|types| {
            types
                .children()
                .filter(|n| n.has_tag_name((XS_NS, "schema")))
        })
}

/// What the loader needs of a WSDL 1.1 document.
pub(crate) struct Outline<'a, 'i> {
    /// `targetNamespace` of `definitions`.
    pub target_ns: Option<String>,
    /// [`embedded_schemas`].
    pub schemas: Vec<Node<'a, 'i>>,
    /// The `wsdl:import` elements.
    pub imports: Vec<Node<'a, 'i>>,
}

/// The embedded schemas and imports of `definitions`. A schema in a draft XML Schema
/// namespace (1999, 2000/10) is an error rather than silently no types.
pub(crate) fn outline<'a, 'i: 'a>(
    path: &Path,
    lines: &LineIndex<'_>,
    definitions: Node<'a, 'i>,
) -> Result<Outline<'a, 'i>> {
    for types in definitions
        .children()
        .filter(|n| n.has_tag_name((WSDL_NS, "types")))
    {
        if let Some(draft) = types.children().find(|n| {
            n.tag_name().name() == "schema"
                && n.tag_name()
                    .namespace()
                    .is_some_and(|ns| DRAFT_XS_NS.contains(&ns))
        }) {
            return Err(Error::Unsupported {
                span: lines.span(path, draft.range().start),
                construct: format!(
                    "a schema in the draft namespace {} (xsdgen reads XML Schema 1.0, {XS_NS})",
                    draft.tag_name().namespace().unwrap_or_default()
                ),
            });
        }
    }
    Ok(Outline {
        target_ns: definitions.attribute("targetNamespace").map(str::to_string),
        schemas: embedded_schemas(definitions).collect(),
        imports: definitions
            .children()
            .filter(|n| n.has_tag_name((WSDL_NS, "import")))
            .collect(),
    })
}

/// The services described by the WSDL 1.1 documents of a schema set (all of them
/// together: a binding may name a port type of a document it imports). Empty when the
/// set has no WSDL document.
///
/// Names are QNames in the `targetNamespace` of the document that defines them; the
/// references between definitions are checked when the model is read, so the lookups
/// ([`message`](Self::message), [`port_type`](Self::port_type),
/// [`binding`](Self::binding)) of a name the model holds always succeed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceModel {
    /// `wsdl:message`s, in document order (documents in the order they were loaded).
    pub messages: Vec<Message>,
    /// `wsdl:portType`s.
    pub port_types: Vec<PortType>,
    /// `wsdl:binding`s.
    pub bindings: Vec<Binding>,
    /// `wsdl:service`s.
    pub services: Vec<Service>,
}

impl ServiceModel {
    /// True when the set had no WSDL definitions (schemas alone, or a WSDL with only types).
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
            && self.port_types.is_empty()
            && self.bindings.is_empty()
            && self.services.is_empty()
    }

    /// The message of this name.
    pub fn message(&self, name: &QName) -> Option<&Message> {
        self.messages.iter().find(|m| &m.name == name)
    }

    /// The port type of this name.
    pub fn port_type(&self, name: &QName) -> Option<&PortType> {
        self.port_types.iter().find(|p| &p.name == name)
    }

    /// The binding of this name.
    pub fn binding(&self, name: &QName) -> Option<&Binding> {
        self.bindings.iter().find(|b| &b.name == name)
    }

    /// Every operation of every port type.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.port_types.iter().flat_map(|p| &p.operations)
    }
}

/// `wsdl:message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// `name`, in the document's target namespace.
    pub name: QName,
    /// The `wsdl:message` element.
    pub span: Span,
    /// Its parts, in order.
    pub parts: Vec<Part>,
}

impl Message {
    /// The part of this name.
    pub fn part(&self, name: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.name == name)
    }
}

/// `wsdl:part`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `name`.
    pub name: String,
    /// The `wsdl:part` element.
    pub span: Span,
    /// What the part holds.
    pub content: PartContent,
}

/// A part's `element` or `type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartContent {
    /// `element="…"`: a global element (document style).
    Element(QName),
    /// `type="…"`: a type (RPC style, or encoded).
    Type(QName),
}

/// `wsdl:portType`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortType {
    /// `name`, in the document's target namespace.
    pub name: QName,
    /// The `wsdl:portType` element.
    pub span: Span,
    /// Its operations, in order.
    pub operations: Vec<Operation>,
}

impl PortType {
    /// The first operation of this name (WSDL 1.1 allows overloading; WS-I does not).
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.name == name)
    }
}

/// The message exchange of an operation (WSDL 1.1 §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationPattern {
    /// Input only.
    OneWay,
    /// Input, then output.
    RequestResponse,
    /// Output, then input.
    SolicitResponse,
    /// Output only.
    Notification,
}

/// A port type's `wsdl:operation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// `name`.
    pub name: String,
    /// The `wsdl:operation` element.
    pub span: Span,
    /// Its `wsdl:documentation`, trimmed.
    pub doc: Option<String>,
    /// Which messages it exchanges, in which order.
    pub pattern: OperationPattern,
    /// `wsdl:input`.
    pub input: Option<OperationMessage>,
    /// `wsdl:output`.
    pub output: Option<OperationMessage>,
    /// `wsdl:fault`s.
    pub faults: Vec<OperationMessage>,
    /// `parameterOrder` (RPC): part names.
    pub parameter_order: Vec<String>,
}

/// An operation's input, output or fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationMessage {
    /// `name` (required on faults).
    pub name: Option<String>,
    /// `message`: a message of the [`ServiceModel`].
    pub message: QName,
    /// The element.
    pub span: Span,
}

/// `wsdl:binding`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// `name`, in the document's target namespace.
    pub name: QName,
    /// The `wsdl:binding` element.
    pub span: Span,
    /// `type`: a port type of the [`ServiceModel`].
    pub port_type: QName,
    /// `soap:binding` or `soap12:binding`; none for other bindings (HTTP, MIME).
    pub soap: Option<SoapBinding>,
    /// The bound operations, in order.
    pub operations: Vec<BindingOperation>,
}

impl Binding {
    /// The bound operation of this name.
    pub fn operation(&self, name: &str) -> Option<&BindingOperation> {
        self.operations.iter().find(|o| o.name == name)
    }
}

/// `soap:binding` / `soap12:binding`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapBinding {
    /// SOAP 1.1 or 1.2.
    pub version: SoapVersion,
    /// `style` (default `document`).
    pub style: SoapStyle,
    /// `transport` (`http://schemas.xmlsoap.org/soap/http` for HTTP).
    pub transport: Option<String>,
}

/// Which SOAP binding namespace an element is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapVersion {
    /// `http://schemas.xmlsoap.org/wsdl/soap/`.
    Soap11,
    /// `http://schemas.xmlsoap.org/wsdl/soap12/`.
    Soap12,
}

/// `style` of a SOAP binding or operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapStyle {
    /// The body holds the parts' elements as they are.
    Document,
    /// The body holds a wrapper element named after the operation.
    Rpc,
}

/// `use` of a SOAP body, header or fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapUse {
    /// The parts are the schema's elements or types as written.
    Literal,
    /// SOAP encoding (`encodingStyle`).
    Encoded,
}

/// A binding's `wsdl:operation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingOperation {
    /// `name`: an operation of the binding's port type.
    pub name: String,
    /// The element.
    pub span: Span,
    /// `soap:operation/@soapAction`.
    pub soap_action: Option<String>,
    /// For a SOAP binding: the operation's `style`, else the binding's, else `document`.
    pub style: Option<SoapStyle>,
    /// `wsdl:input`.
    pub input: Option<BindingMessage>,
    /// `wsdl:output`.
    pub output: Option<BindingMessage>,
    /// `wsdl:fault`s.
    pub faults: Vec<BindingFault>,
}

/// A bound input or output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingMessage {
    /// `name`.
    pub name: Option<String>,
    /// `soap:body`.
    pub body: Option<SoapBody>,
    /// `soap:header`s, in order.
    pub headers: Vec<SoapHeader>,
}

/// `soap:body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapBody {
    /// `parts`: the message parts in the body; none for all of them.
    pub parts: Option<Vec<String>>,
    /// `use` (default literal).
    pub use_: SoapUse,
    /// `namespace` (RPC wrapper, encoded parts).
    pub namespace: Option<String>,
    /// `encodingStyle`.
    pub encoding_style: Option<String>,
}

/// `soap:header`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapHeader {
    /// The element.
    pub span: Span,
    /// `message`: a message of the [`ServiceModel`].
    pub message: QName,
    /// `part`: a part of that message.
    pub part: String,
    /// `use` (default literal).
    pub use_: SoapUse,
    /// `namespace`.
    pub namespace: Option<String>,
}

/// A binding's `wsdl:fault`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingFault {
    /// `name`: a fault of the port type's operation.
    pub name: String,
    /// The element.
    pub span: Span,
    /// `soap:fault/@use`, when there is a `soap:fault`.
    pub use_: Option<SoapUse>,
}

/// `wsdl:service`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// `name`, in the document's target namespace.
    pub name: QName,
    /// The element.
    pub span: Span,
    /// Its `wsdl:documentation`, trimmed.
    pub doc: Option<String>,
    /// Its ports.
    pub ports: Vec<Port>,
}

/// `wsdl:port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Port {
    /// `name`.
    pub name: String,
    /// The element.
    pub span: Span,
    /// `binding`: a binding of the [`ServiceModel`].
    pub binding: QName,
    /// `soap:address` / `soap12:address`.
    pub address: Option<SoapAddress>,
}

/// `soap:address`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapAddress {
    /// Which binding namespace.
    pub version: SoapVersion,
    /// `location` (may be empty: EWS leaves it to the client).
    pub location: String,
}

/// Reads the service model of every WSDL document of `set` and checks its references:
/// an operation's messages, a binding's port type and operations, a SOAP header's
/// message and part, a SOAP body's parts, a port's binding.
pub fn read(set: &SchemaSet) -> Result<ServiceModel> {
    let mut model = ServiceModel::default();
    for file in &set.wsdl {
        let doc = parse_xml(&file.path, &file.text)?;
        let reader = Reader {
            path: &file.path,
            lines: LineIndex::new(&file.text),
        };
        reader.definitions(doc.root_element(), &mut model)?;
    }
    check(&model)?;
    Ok(model)
}

struct Reader<'p> {
    path: &'p Path,
    lines: LineIndex<'p>,
}

impl Reader<'_> {
    fn span(&self, node: Node<'_, '_>) -> Span {
        self.lines.span(self.path, node.range().start)
    }

    fn invalid(&self, node: Node<'_, '_>, message: impl Into<String>) -> Error {
        Error::Wsdl {
            span: self.span(node),
            message: message.into(),
        }
    }

    /// A required attribute.
    fn required<'a>(&self, node: Node<'a, '_>, attr: &str) -> Result<&'a str> {
        node.attribute(attr).map(str::trim).ok_or_else(|| {
            self.invalid(
                node,
                format!("wsdl:{} needs a {attr} attribute", node.tag_name().name()),
            )
        })
    }

    /// A QName attribute, resolved against the namespace declarations in scope.
    fn qname(&self, node: Node<'_, '_>, attr: &str) -> Result<QName> {
        let value = self.required(node, attr)?;
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        let ns = node.lookup_namespace_uri(prefix);
        if prefix.is_some() && ns.is_none() {
            return Err(self.invalid(node, format!("{attr}=\"{value}\": prefix is not declared")));
        }
        if local.is_empty() || local.contains(':') {
            return Err(self.invalid(node, format!("{attr}=\"{value}\" is not a QName")));
        }
        Ok(QName::new(ns.filter(|ns| !ns.is_empty()), local))
    }

    fn definitions(&self, root: Node<'_, '_>, model: &mut ServiceModel) -> Result<()> {
        let tns = root
            .attribute("targetNamespace")
            .filter(|ns| !ns.is_empty());
        let name = |node: Node<'_, '_>| -> Result<QName> {
            Ok(QName::new(tns, self.required(node, "name")?))
        };
        for child in wsdl_children(root) {
            match child.tag_name().name() {
                "message" => model.messages.push(Message {
                    name: name(child)?,
                    span: self.span(child),
                    parts: wsdl_children(child)
                        .filter(|n| n.tag_name().name() == "part")
                        .map(|n| self.part(n))
                        .collect::<Result<_>>()?,
                }),
                "portType" => model.port_types.push(PortType {
                    name: name(child)?,
                    span: self.span(child),
                    operations: wsdl_children(child)
                        .filter(|n| n.tag_name().name() == "operation")
                        .map(|n| self.operation(n))
                        .collect::<Result<_>>()?,
                }),
                "binding" => model.bindings.push(self.binding(name(child)?, child)?),
                "service" => model.services.push(Service {
                    name: name(child)?,
                    span: self.span(child),
                    doc: documentation(child),
                    ports: wsdl_children(child)
                        .filter(|n| n.tag_name().name() == "port")
                        .map(|n| self.port(n))
                        .collect::<Result<_>>()?,
                }),
                _ => {}
            }
        }
        Ok(())
    }

    fn part(&self, node: Node<'_, '_>) -> Result<Part> {
        let content = match (node.has_attribute("element"), node.has_attribute("type")) {
            (true, false) => PartContent::Element(self.qname(node, "element")?),
            (false, true) => PartContent::Type(self.qname(node, "type")?),
            (true, true) => {
                return Err(self.invalid(node, "wsdl:part has both an element and a type"))
            }
            (false, false) => {
                return Err(self.invalid(node, "wsdl:part needs an element or a type attribute"))
            }
        };
        Ok(Part {
            name: self.required(node, "name")?.to_string(),
            span: self.span(node),
            content,
        })
    }

    fn operation(&self, node: Node<'_, '_>) -> Result<Operation> {
        let mut input = None;
        let mut output = None;
        let mut faults = Vec::new();
        let mut first = None;
        for child in wsdl_children(node) {
            let kind = child.tag_name().name();
            let message = || -> Result<OperationMessage> {
                Ok(OperationMessage {
                    name: child.attribute("name").map(|n| n.trim().to_string()),
                    message: self.qname(child, "message")?,
                    span: self.span(child),
                })
            };
            match kind {
                "input" | "output" => {
                    let slot = if kind == "input" {
                        &mut input
                    } else {
                        &mut output
                    };
                    if slot.is_some() {
                        return Err(self.invalid(
                            child,
                            format!("operation {:?} has two wsdl:{kind} elements", name_of(node)),
                        ));
                    }
                    *slot = Some(message()?);
                    first.get_or_insert(kind);
                }
                "fault" => {
                    let fault = message()?;
                    if fault.name.is_none() {
                        return Err(self.invalid(child, "wsdl:fault needs a name attribute"));
                    }
                    faults.push(fault);
                }
                _ => {}
            }
        }
        let pattern = match (first, input.is_some(), output.is_some()) {
            (Some("input"), _, true) => OperationPattern::RequestResponse,
            (Some("input"), _, false) => OperationPattern::OneWay,
            (Some(_), true, _) => OperationPattern::SolicitResponse,
            (Some(_), false, _) => OperationPattern::Notification,
            (None, _, _) => {
                return Err(self.invalid(
                    node,
                    format!(
                        "operation {:?} has neither a wsdl:input nor a wsdl:output",
                        name_of(node)
                    ),
                ))
            }
        };
        Ok(Operation {
            name: self.required(node, "name")?.to_string(),
            span: self.span(node),
            doc: documentation(node),
            pattern,
            input,
            output,
            faults,
            parameter_order: node
                .attribute("parameterOrder")
                .map(|p| p.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
        })
    }

    fn binding(&self, name: QName, node: Node<'_, '_>) -> Result<Binding> {
        let mut soap = None;
        for child in node.children().filter(|n| n.is_element()) {
            let Some(version) = soap_version(child) else {
                continue;
            };
            if child.tag_name().name() != "binding" {
                continue;
            }
            if soap.is_some() {
                return Err(self.invalid(child, "a wsdl:binding with two SOAP bindings"));
            }
            soap = Some(SoapBinding {
                version,
                style: self.style(child)?.unwrap_or(SoapStyle::Document),
                transport: child.attribute("transport").map(|t| t.trim().to_string()),
            });
        }
        let operations = wsdl_children(node)
            .filter(|n| n.tag_name().name() == "operation")
            .map(|n| self.binding_operation(n, soap.as_ref()))
            .collect::<Result<_>>()?;
        Ok(Binding {
            name,
            span: self.span(node),
            port_type: self.qname(node, "type")?,
            soap,
            operations,
        })
    }

    fn style(&self, node: Node<'_, '_>) -> Result<Option<SoapStyle>> {
        match node.attribute("style").map(str::trim) {
            None => Ok(None),
            Some("document") => Ok(Some(SoapStyle::Document)),
            Some("rpc") => Ok(Some(SoapStyle::Rpc)),
            Some(other) => {
                Err(self.invalid(node, format!("style=\"{other}\": expected document or rpc")))
            }
        }
    }

    fn use_(&self, node: Node<'_, '_>) -> Result<SoapUse> {
        match node.attribute("use").map(str::trim) {
            None | Some("literal") => Ok(SoapUse::Literal),
            Some("encoded") => Ok(SoapUse::Encoded),
            Some(other) => Err(self.invalid(
                node,
                format!("use=\"{other}\": expected literal or encoded"),
            )),
        }
    }

    fn binding_operation(
        &self,
        node: Node<'_, '_>,
        soap: Option<&SoapBinding>,
    ) -> Result<BindingOperation> {
        let mut soap_action = None;
        let mut style = soap.map(|s| s.style);
        let mut input = None;
        let mut output = None;
        let mut faults = Vec::new();
        for child in node.children().filter(|n| n.is_element()) {
            let kind = child.tag_name().name();
            if soap_version(child).is_some() && kind == "operation" {
                soap_action = child.attribute("soapAction").map(|a| a.trim().to_string());
                if let Some(s) = self.style(child)? {
                    style = Some(s);
                }
                continue;
            }
            if child.tag_name().namespace() != Some(WSDL_NS) {
                continue;
            }
            match kind {
                "input" | "output" => {
                    let slot = if kind == "input" {
                        &mut input
                    } else {
                        &mut output
                    };
                    if slot.is_some() {
                        return Err(self.invalid(
                            child,
                            format!(
                                "binding operation {:?} has two wsdl:{kind} elements",
                                name_of(node)
                            ),
                        ));
                    }
                    *slot = Some(self.binding_message(child)?);
                }
                "fault" => {
                    let mut use_ = None;
                    for soap_fault in child
                        .children()
                        .filter(|n| soap_version(*n).is_some() && n.tag_name().name() == "fault")
                    {
                        use_ = Some(self.use_(soap_fault)?);
                    }
                    faults.push(BindingFault {
                        name: self.required(child, "name")?.to_string(),
                        span: self.span(child),
                        use_,
                    });
                }
                _ => {}
            }
        }
        Ok(BindingOperation {
            name: self.required(node, "name")?.to_string(),
            span: self.span(node),
            soap_action,
            style,
            input,
            output,
            faults,
        })
    }

    fn binding_message(&self, node: Node<'_, '_>) -> Result<BindingMessage> {
        let mut body = None;
        let mut headers = Vec::new();
        for child in node
            .children()
            .filter(|n| n.is_element() && soap_version(*n).is_some())
        {
            match child.tag_name().name() {
                "body" => {
                    if body.is_some() {
                        return Err(self.invalid(child, "two soap:body elements"));
                    }
                    body = Some(SoapBody {
                        parts: child
                            .attribute("parts")
                            .map(|p| p.split_whitespace().map(str::to_string).collect()),
                        use_: self.use_(child)?,
                        namespace: child.attribute("namespace").map(str::to_string),
                        encoding_style: child.attribute("encodingStyle").map(str::to_string),
                    });
                }
                "header" => headers.push(SoapHeader {
                    span: self.span(child),
                    message: self.qname(child, "message")?,
                    part: self.required(child, "part")?.to_string(),
                    use_: self.use_(child)?,
                    namespace: child.attribute("namespace").map(str::to_string),
                }),
                _ => {}
            }
        }
        Ok(BindingMessage {
            name: node.attribute("name").map(|n| n.trim().to_string()),
            body,
            headers,
        })
    }

    fn port(&self, node: Node<'_, '_>) -> Result<Port> {
        let mut address = None;
        for child in node.children().filter(|n| n.is_element()) {
            if let Some(version) = soap_version(child) {
                if child.tag_name().name() == "address" {
                    address = Some(SoapAddress {
                        version,
                        location: self.required(child, "location")?.to_string(),
                    });
                }
            }
        }
        Ok(Port {
            name: self.required(node, "name")?.to_string(),
            span: self.span(node),
            binding: self.qname(node, "binding")?,
            address,
        })
    }
}

/// The WSDL-namespace element children of `node`.
fn wsdl_children<'a, 'i: 'a>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(WSDL_NS))
}

/// The SOAP binding version of an element in one of the two SOAP binding namespaces.
fn soap_version(node: Node<'_, '_>) -> Option<SoapVersion> {
    match node.tag_name().namespace() {
        Some(SOAP11_BINDING_NS) => Some(SoapVersion::Soap11),
        Some(SOAP12_BINDING_NS) => Some(SoapVersion::Soap12),
        _ => None,
    }
}

fn name_of<'a>(node: Node<'a, '_>) -> &'a str {
    node.attribute("name").unwrap_or("")
}

/// The text of a `wsdl:documentation` child, trimmed; none when empty.
fn documentation(node: Node<'_, '_>) -> Option<String> {
    let text: String = wsdl_children(node)
        .filter(|n| n.tag_name().name() == "documentation")
        .flat_map(|d| d.descendants().filter(|n| n.is_text()))
        .filter_map(|n| n.text())
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Every reference of the model leads to a definition, and no name is defined twice.
fn check(model: &ServiceModel) -> Result<()> {
    let invalid = |span: &Span, message: String| Error::Wsdl {
        span: span.clone(),
        message,
    };
    fn unique<'m, T>(
        items: &'m [T],
        what: &str,
        key: impl Fn(&'m T) -> (&'m QName, &'m Span),
    ) -> Result<HashMap<&'m QName, &'m T>> {
        let mut map = HashMap::new();
        for item in items {
            let (name, span) = key(item);
            if map.insert(name, item).is_some() {
                return Err(Error::Wsdl {
                    span: span.clone(),
                    message: format!("{what} {name} is defined twice"),
                });
            }
        }
        Ok(map)
    }
    let messages = unique(&model.messages, "message", |m| (&m.name, &m.span))?;
    let port_types = unique(&model.port_types, "portType", |p| (&p.name, &p.span))?;
    let bindings = unique(&model.bindings, "binding", |b| (&b.name, &b.span))?;
    unique(&model.services, "service", |s| (&s.name, &s.span))?;
    for message in &model.messages {
        let mut names = HashSet::new();
        for part in &message.parts {
            if !names.insert(&part.name) {
                return Err(invalid(
                    &part.span,
                    format!(
                        "message {} has two parts named {:?}",
                        message.name, part.name
                    ),
                ));
            }
        }
    }
    let message_of = |m: &OperationMessage, operation: &str| {
        messages.get(&m.message).copied().ok_or_else(|| {
            invalid(
                &m.span,
                format!(
                    "operation {operation:?} names message {}, which no wsdl:message defines",
                    m.message
                ),
            )
        })
    };
    for port_type in &model.port_types {
        for op in &port_type.operations {
            for m in op.input.iter().chain(&op.output).chain(&op.faults) {
                message_of(m, &op.name)?;
            }
        }
    }
    for binding in &model.bindings {
        let port_type = port_types.get(&binding.port_type).ok_or_else(|| {
            invalid(
                &binding.span,
                format!(
                    "binding {} is of portType {}, which no wsdl:portType defines",
                    binding.name, binding.port_type
                ),
            )
        })?;
        for bop in &binding.operations {
            let op = bound_operation(port_type, bop).ok_or_else(|| {
                invalid(
                    &bop.span,
                    format!(
                        "binding {} binds operation {:?}, which portType {} does not have",
                        binding.name, bop.name, port_type.name
                    ),
                )
            })?;
            for (bound, declared, kind) in [
                (&bop.input, &op.input, "input"),
                (&bop.output, &op.output, "output"),
            ] {
                let Some(bound) = bound else { continue };
                let Some(declared) = declared else {
                    return Err(invalid(
                        &bop.span,
                        format!(
                            "binding operation {:?} binds an {kind}, which the portType's \
                             operation does not have",
                            bop.name
                        ),
                    ));
                };
                let message = message_of(declared, &op.name)?;
                if let Some(parts) = bound.body.as_ref().and_then(|b| b.parts.as_ref()) {
                    if let Some(missing) = parts.iter().find(|p| message.part(p).is_none()) {
                        return Err(invalid(
                            &bop.span,
                            format!(
                                "the soap:body of operation {:?}'s {kind} names part \
                                 {missing:?}, which message {} does not have",
                                bop.name, message.name
                            ),
                        ));
                    }
                }
                for header in &bound.headers {
                    let message = messages.get(&header.message).ok_or_else(|| {
                        invalid(
                            &header.span,
                            format!(
                                "soap:header names message {}, which no wsdl:message defines",
                                header.message
                            ),
                        )
                    })?;
                    if message.part(&header.part).is_none() {
                        return Err(invalid(
                            &header.span,
                            format!(
                                "soap:header names part {:?} of message {}, which has no such part",
                                header.part, message.name
                            ),
                        ));
                    }
                }
            }
            for fault in &bop.faults {
                if !op
                    .faults
                    .iter()
                    .any(|f| f.name.as_deref() == Some(fault.name.as_str()))
                {
                    return Err(invalid(
                        &fault.span,
                        format!(
                            "binding operation {:?} binds fault {:?}, which the portType's \
                             operation does not declare",
                            bop.name, fault.name
                        ),
                    ));
                }
            }
        }
    }
    for service in &model.services {
        for port in &service.ports {
            if !bindings.contains_key(&port.binding) {
                return Err(invalid(
                    &port.span,
                    format!(
                        "port {:?} names binding {}, which no wsdl:binding defines",
                        port.name, port.binding
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The port type operation a binding operation binds: by name, and among overloads of
/// one name by the names of input and output.
fn bound_operation<'p>(port_type: &'p PortType, bop: &BindingOperation) -> Option<&'p Operation> {
    let mut candidates = port_type.operations.iter().filter(|o| o.name == bop.name);
    let first = candidates.next()?;
    let names_match = |op: &Operation| {
        let input = bop.input.as_ref().and_then(|i| i.name.as_deref());
        let output = bop.output.as_ref().and_then(|o| o.name.as_deref());
        let same = |bound: Option<&str>, declared: &Option<OperationMessage>| {
            bound.map_or(true, |n| {
                declared.as_ref().and_then(|d| d.name.as_deref()) == Some(n)
            })
        };
        same(input, &op.input) && same(output, &op.output)
    };
    if names_match(first) {
        return Some(first);
    }
    candidates.find(|op| names_match(op)).or(Some(first))
}
