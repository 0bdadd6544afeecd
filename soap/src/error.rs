//! What a call can end in instead of a reply.

use xsdgen_runtime::{ReadError, WriteError};

use crate::fault::SoapFault;
use crate::transport::{TransportError, TransportErrorKind};

/// Why a call gave no reply. Every variant names the operation, and each kind of failure
/// has its own variant, so that a caller can act on it: fix the request (`Fault` with a
/// sender code, `Read`), authenticate (`Unauthorized`), point the client elsewhere
/// (`Redirect`), retry later (`Timeout`, `Connect`, `Http` 503).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a SOAP Fault (whatever the HTTP status, typically 500).
    #[error("{operation}: SOAP fault (HTTP {status}): {fault}")]
    Fault {
        /// The operation called.
        operation: &'static str,
        /// The HTTP status it came with.
        status: u16,
        /// The fault.
        fault: Box<SoapFault>,
    },
    /// HTTP 401: the credentials were missing or refused.
    #[error("{operation}: HTTP 401 Unauthorized{}", challenges(.www_authenticate))]
    Unauthorized {
        /// The operation called.
        operation: &'static str,
        /// The `WWW-Authenticate` challenges (`Basic realm="…"`, `Bearer …`, `NTLM`,
        /// `Negotiate`): the schemes the server takes.
        www_authenticate: Vec<String>,
    },
    /// A 3xx redirect, not followed: a SOAP request is a `POST`, which HTTP clients
    /// re-send as a `GET` (301, 302, 303) or must not re-send without asking (307, 308);
    /// sending the request, credentials included, to another address is the caller's
    /// decision (Exchange redirects to its Autodiscover-found endpoint this way).
    #[error(
        "{operation}: HTTP {status} redirect{}, not followed (a SOAP POST is not re-sent \
         elsewhere unasked: point the client at the new endpoint)",
        location.as_deref().map(|l| format!(" to {l}")).unwrap_or_default()
    )]
    Redirect {
        /// The operation called.
        operation: &'static str,
        /// The status (301, 302, 303, 307, 308…).
        status: u16,
        /// The `Location` header.
        location: Option<String>,
    },
    /// Any other status outside 2xx without a SOAP Fault: an HTML error page, a 500 from a
    /// proxy, a 503.
    #[error("{operation}: HTTP {status}{}: {snippet}", content_type_of(.content_type))]
    Http {
        /// The operation called.
        operation: &'static str,
        /// The status.
        status: u16,
        /// The `Content-Type` header.
        content_type: Option<String>,
        /// The start of the body as text (an HTML page's title first), shortened.
        snippet: String,
    },
    /// No complete response within the time allowed.
    #[error("{operation}: timed out: {source}")]
    Timeout {
        /// The operation called.
        operation: &'static str,
        /// The transport's error.
        source: TransportError,
    },
    /// No connection to the endpoint: refused, unreachable, name not resolved, TLS.
    #[error("{operation}: cannot connect: {source}")]
    Connect {
        /// The operation called.
        operation: &'static str,
        /// The transport's error.
        source: TransportError,
    },
    /// The transport failed otherwise (the connection broke mid-response, the response
    /// was too large, a header could not be sent).
    #[error("{operation}: {source}")]
    Transport {
        /// The operation called.
        operation: &'static str,
        /// The transport's error.
        source: TransportError,
    },
    /// A 2xx SOAP envelope whose content the generated types reject (an unknown element,
    /// a value outside its type): the reader's line, column and element path.
    #[error("{operation}: the response does not match the schema: {source}")]
    Read {
        /// The operation called.
        operation: &'static str,
        /// Where and what.
        source: ReadError,
    },
    /// A 2xx envelope whose body the types read, but not as the operation's response
    /// (another element of the namespace): from [`Client::call_expecting`](crate::Client::call_expecting).
    #[error("{operation}: the reply's body is <{found}>, not <{expected}>")]
    UnexpectedBody {
        /// The operation called.
        operation: &'static str,
        /// The response element the operation has.
        expected: &'static str,
        /// The element the body held.
        found: String,
    },
    /// A 2xx response whose body is not a SOAP envelope at all: an HTML page, a body cut
    /// short, an empty body.
    #[error(
        "{operation}: the response (HTTP {status}{}) is not a SOAP envelope: {reason}; it \
         begins {snippet:?}",
        content_type_of(.content_type)
    )]
    NotSoap {
        /// The operation called.
        operation: &'static str,
        /// The status.
        status: u16,
        /// The `Content-Type` header.
        content_type: Option<String>,
        /// Why it is not one (what the reader found).
        reason: ReadError,
        /// The start of the body as text, shortened.
        snippet: String,
    },
    /// A generated client's `call_named` was given a name none of its operations has;
    /// nothing was sent.
    #[error("{operation}: no such operation in this binding")]
    UnknownOperation {
        /// The name asked for.
        operation: String,
    },
    /// The request could not be written (a value its type refuses, a character XML
    /// cannot carry); nothing was sent.
    #[error("{operation}: cannot write the request: {source}")]
    Write {
        /// The operation called.
        operation: &'static str,
        /// What the writer refused.
        source: WriteError,
    },
}

fn challenges(values: &[String]) -> String {
    if values.is_empty() {
        String::new()
    } else {
        format!(" (WWW-Authenticate: {})", values.join(", "))
    }
}

fn content_type_of(content_type: &Option<String>) -> String {
    content_type
        .as_deref()
        .map(|c| format!(", {c}"))
        .unwrap_or_default()
}

impl Error {
    /// The transport's error as the error of `operation`, sorted by kind.
    pub fn from_transport(operation: &'static str, source: TransportError) -> Self {
        match source.kind {
            TransportErrorKind::Timeout => Error::Timeout { operation, source },
            TransportErrorKind::Connect => Error::Connect { operation, source },
            _ => Error::Transport { operation, source },
        }
    }

    /// [`Error::UnexpectedBody`]: the reply to `operation` holds `found`, not the
    /// operation's response element `expected`.
    pub fn unexpected_body<R: xsdgen_runtime::XmlElement>(
        operation: &'static str,
        expected: &'static str,
        found: &R,
    ) -> Self {
        Error::UnexpectedBody {
            operation,
            expected,
            found: crate::client::root_name(found),
        }
    }

    /// The operation that failed.
    pub fn operation(&self) -> &str {
        match self {
            Error::Fault { operation, .. }
            | Error::Unauthorized { operation, .. }
            | Error::Redirect { operation, .. }
            | Error::Http { operation, .. }
            | Error::Timeout { operation, .. }
            | Error::Connect { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Read { operation, .. }
            | Error::UnexpectedBody { operation, .. }
            | Error::NotSoap { operation, .. }
            | Error::Write { operation, .. } => operation,
            Error::UnknownOperation { operation } => operation,
        }
    }

    /// The HTTP status, when a response came.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Fault { status, .. }
            | Error::Redirect { status, .. }
            | Error::Http { status, .. }
            | Error::NotSoap { status, .. } => Some(*status),
            Error::Unauthorized { .. } => Some(401),
            _ => None,
        }
    }

    /// The SOAP Fault, when the server sent one.
    pub fn fault(&self) -> Option<&SoapFault> {
        match self {
            Error::Fault { fault, .. } => Some(fault),
            _ => None,
        }
    }

    /// The EWS `ResponseCode` of a fault's detail ([`SoapFault::response_code`]).
    pub fn response_code(&self) -> Option<&str> {
        self.fault().and_then(SoapFault::response_code)
    }
}
