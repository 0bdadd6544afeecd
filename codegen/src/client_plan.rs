//! Plans a SOAP client per WSDL binding: which generated type goes in and comes out of
//! each operation, and which header blocks it takes and gives, as paths into the
//! [`Plan`]. Only document/literal bindings have clients (what WS-I Basic Profile
//! allows and what Exchange speaks); an rpc or encoded one is refused by name.

use crate::error::{Error, Result, Span};
use crate::naming::{self, Scope};
use crate::plan::{Plan, TypePath};
use crate::syntax::QName;
use crate::wsdl::{self, ServiceModel, SoapStyle, SoapUse};

/// A global element of the plan: the module whose `Document` holds it and its variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootRef {
    pub module: usize,
    /// Index in the module's roots.
    pub root: usize,
}

/// One header block an operation takes or gives: a field of the binding's header struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderField {
    pub ident: String,
    pub element: RootRef,
}

/// One operation, as a method of the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationPlan {
    pub method: String,
    /// The operation's name in the WSDL.
    pub name: String,
    pub doc: Option<String>,
    pub soap_action: Option<String>,
    pub input: RootRef,
    pub output: RootRef,
    /// Indices into [`ClientPlan::input_headers`] of the blocks the operation takes.
    pub input_headers: Vec<usize>,
    /// Indices into [`ClientPlan::output_headers`] of the blocks it gives.
    pub output_headers: Vec<usize>,
}

/// A client of one SOAP binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientPlan {
    /// The binding's name as a type: the client is this plus `Client`, its header
    /// structs this plus `Headers` and `ReplyHeaders`, its result alias plus `Result`.
    pub name: String,
    pub binding: QName,
    pub soap12: bool,
    /// Documentation of the services that offer the binding, and their addresses.
    pub doc: Option<String>,
    pub addresses: Vec<String>,
    /// Every header block any operation takes, in order of first use.
    pub input_headers: Vec<HeaderField>,
    /// Every header block any operation gives.
    pub output_headers: Vec<HeaderField>,
    pub operations: Vec<OperationPlan>,
}

/// The clients of every SOAP binding of `services`, in document order, and a note for
/// each binding or operation that gets none (rpc/literal bindings, operations that are
/// not request-response or whose body is not one element).
pub fn plan_clients(
    services: &ServiceModel,
    plan: &Plan,
) -> Result<(Vec<ClientPlan>, Vec<String>)> {
    let mut names = Scope::default();
    // Top-level names a client must not take.
    names.reserve("Document");
    let mut clients = Vec::new();
    let mut notes = Vec::new();
    for binding in &services.bindings {
        let Some(soap) = &binding.soap else {
            continue; // HTTP GET/POST and MIME bindings: no SOAP client.
        };
        if let Some(span) = binding.operations.iter().find_map(encoded) {
            return Err(unsupported(
                span,
                format!(
                    "binding {} is encoded (use=\"encoded\"): SOAP encoding is refused; clients \
                     are generated for document/literal bindings (Config::clients(false), \
                     --no-clients: the types alone)",
                    binding.name.local
                ),
            ));
        }
        if binding
            .operations
            .iter()
            .any(|o| o.style.unwrap_or(soap.style) == SoapStyle::Rpc)
        {
            notes.push(format!(
                "binding {} is rpc/literal: no client (clients are generated for \
                 document/literal bindings)",
                binding.name.local
            ));
            continue;
        }
        let port_type = services
            .port_type(&binding.port_type)
            .expect("references are checked when the service model is read");
        let mut client = ClientPlan {
            name: names.unique(&naming::type_name(&binding.name.local), "_"),
            binding: binding.name.clone(),
            soap12: soap.version == wsdl::SoapVersion::Soap12,
            doc: None,
            addresses: Vec::new(),
            input_headers: Vec::new(),
            output_headers: Vec::new(),
            operations: Vec::new(),
        };
        let mut docs = Vec::new();
        for service in &services.services {
            for port in service.ports.iter().filter(|p| p.binding == binding.name) {
                if let Some(doc) = &service.doc {
                    if !docs.contains(doc) {
                        docs.push(doc.clone());
                    }
                }
                if let Some(address) = port.address.as_ref().filter(|a| !a.location.is_empty()) {
                    client.addresses.push(address.location.clone());
                }
            }
        }
        client.doc = (!docs.is_empty()).then(|| docs.join("\n\n"));
        let mut methods = Scope::default();
        for bound in &binding.operations {
            let operation = port_type
                .operation(&bound.name)
                .expect("references are checked when the service model is read");
            match plan_operation(services, plan, &mut client, operation, bound) {
                Ok(mut op) => {
                    op.method = methods.unique(&naming::field_name(&bound.name), "_");
                    client.operations.push(op);
                }
                Err(Refusal::Error(e)) => return Err(e),
                Err(Refusal::Skip(why)) => notes.push(format!(
                    "operation {} of binding {}: {why}; no method",
                    bound.name, binding.name.local
                )),
            }
        }
        clients.push(client);
    }
    Ok((clients, notes))
}

fn unsupported(span: &Span, construct: String) -> Error {
    Error::Unsupported {
        span: span.clone(),
        construct,
    }
}

/// Why an operation has no method: an error, or a limit the notes state.
enum Refusal {
    Error(Error),
    Skip(String),
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal::Error(e)
    }
}

/// The position of a `use="encoded"` of a bound operation.
fn encoded(bound: &wsdl::BindingOperation) -> Option<&Span> {
    let messages = bound.input.iter().chain(&bound.output);
    for m in messages {
        if m.body.as_ref().is_some_and(|b| b.use_ == SoapUse::Encoded) {
            return Some(&bound.span);
        }
        if let Some(h) = m.headers.iter().find(|h| h.use_ == SoapUse::Encoded) {
            return Some(&h.span);
        }
    }
    bound
        .faults
        .iter()
        .find(|f| f.use_ == Some(SoapUse::Encoded))
        .map(|f| &f.span)
}

fn plan_operation(
    services: &ServiceModel,
    plan: &Plan,
    client: &mut ClientPlan,
    operation: &wsdl::Operation,
    bound: &wsdl::BindingOperation,
) -> std::result::Result<OperationPlan, Refusal> {
    let (Some(input), Some(output), Some(bound_input), Some(bound_output)) = (
        &operation.input,
        &operation.output,
        &bound.input,
        &bound.output,
    ) else {
        return Err(Refusal::Skip(
            "not request-response (clients call request-response operations)".into(),
        ));
    };
    let input_root = body_root(services, plan, &input.message, bound_input, "input")?;
    let output_root = body_root(services, plan, &output.message, bound_output, "output")?;
    let input_headers = header_fields(services, plan, bound_input, &mut client.input_headers)?;
    let output_headers = header_fields(services, plan, bound_output, &mut client.output_headers)?;
    Ok(OperationPlan {
        method: String::new(),
        name: bound.name.clone(),
        doc: operation.doc.clone(),
        soap_action: bound.soap_action.clone().filter(|a| !a.is_empty()),
        input: input_root,
        output: output_root,
        input_headers,
        output_headers,
    })
}

/// The one element a document/literal body of `message` holds.
fn body_root(
    services: &ServiceModel,
    plan: &Plan,
    message: &QName,
    bound: &wsdl::BindingMessage,
    direction: &str,
) -> std::result::Result<RootRef, Refusal> {
    let message = services
        .message(message)
        .expect("references are checked when the service model is read");
    // Without `parts`, the body holds every part no header takes (WSDL 1.1 §3.5).
    let header_parts: Vec<&str> = bound
        .headers
        .iter()
        .filter(|h| h.message == message.name)
        .map(|h| h.part.as_str())
        .collect();
    let parts: Vec<&wsdl::Part> = match bound.body.as_ref().and_then(|b| b.parts.as_ref()) {
        Some(names) => message
            .parts
            .iter()
            .filter(|p| names.contains(&p.name))
            .collect(),
        None => message
            .parts
            .iter()
            .filter(|p| !header_parts.contains(&p.name.as_str()))
            .collect(),
    };
    let [part] = parts[..] else {
        return Err(Refusal::Skip(format!(
            "its {direction} body has {} parts (a client's body is one element)",
            parts.len()
        )));
    };
    element_root(plan, part)
}

/// The global element a part names, found among the plan's roots.
fn element_root(plan: &Plan, part: &wsdl::Part) -> std::result::Result<RootRef, Refusal> {
    let wsdl::PartContent::Element(name) = &part.content else {
        return Err(Refusal::Skip(format!(
            "part {} names a type, not an element (document/literal parts name elements)",
            part.name
        )));
    };
    plan.modules
        .iter()
        .enumerate()
        .filter(|(_, m)| m.ns == name.ns)
        .find_map(|(module, m)| {
            m.roots
                .iter()
                .position(|r| r.local == name.local)
                .map(|root| RootRef { module, root })
        })
        .ok_or_else(|| {
            Refusal::Skip(format!(
                "part {} names element {name}, which no schema of the set declares",
                part.name
            ))
        })
}

/// The header blocks of a bound input or output, added to the client's `fields` where
/// new: indices into `fields`.
fn header_fields(
    services: &ServiceModel,
    plan: &Plan,
    bound: &wsdl::BindingMessage,
    fields: &mut Vec<HeaderField>,
) -> std::result::Result<Vec<usize>, Refusal> {
    let mut used = Vec::new();
    for header in &bound.headers {
        let part = services
            .message(&header.message)
            .and_then(|m| m.part(&header.part))
            .expect("references are checked when the service model is read");
        let element = element_root(plan, part)?;
        let index = match fields.iter().position(|f| f.element == element) {
            Some(i) => i,
            None => {
                let local = &plan.modules[element.module].roots[element.root].local;
                let mut taken = Scope::default();
                for f in fields.iter() {
                    taken.reserve(&f.ident);
                }
                let ident = taken.unique(&naming::field_name(local), "_");
                fields.push(HeaderField { ident, element });
                fields.len() - 1
            }
        };
        if !used.contains(&index) {
            used.push(index);
        }
    }
    Ok(used)
}

/// The Rust type a global element's `Document` variant holds is `ty`, nil-wrapped
/// where `nillable`: what a client method takes or returns.
pub fn root_value(plan: &Plan, root: &RootRef) -> (TypePath, bool) {
    let r = &plan.modules[root.module].roots[root.root];
    (r.ty.clone(), r.nillable && r.value.wraps_nil())
}
