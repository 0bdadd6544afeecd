//! Client runtime for SOAP services whose messages xsdgen generated: the HTTP request
//! for an operation (endpoint, `SOAPAction` or the SOAP 1.2 `action` parameter,
//! authentication, any header), the reply read into the generated types, and errors a
//! caller can act on: a SOAP Fault as a typed [`SoapFault`], HTTP errors, timeouts,
//! connection failures and replies the types reject, each naming the operation.
//!
//! The HTTP itself goes through a [`Transport`]: one request in, status, headers and body
//! out. Bring your own, or enable the `reqwest` feature for `ReqwestTransport` (async,
//! on a Tokio runtime) and `BlockingReqwestTransport` (for [`block_on`] in scripts).
//! `xsdgen-runtime`, which the generated types use, stays free of HTTP.
//!
//! ```no_run
//! # #[cfg(feature = "reqwest")] {
//! use ews_bindings::um::messages::{CallIdType, Document, GetCallInfo};
//! use xsdgen_soap::{block_on, BlockingReqwestTransport, Client, Envelope, Operation, SoapVersion};
//!
//! // What generated clients hold for each operation of a binding.
//! static GET_CALL_INFO: Operation = Operation {
//!     name: "GetCallInfo",
//!     soap_action: Some("http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo"),
//!     version: SoapVersion::Soap11,
//! };
//!
//! let transport = BlockingReqwestTransport::new()?;
//! let client = Client::new("https://mail.example.com/EWS/UM2007Legacy.asmx", transport)
//!     .basic_auth("user", "password");
//! let call_id = CallIdType::new("MDlkZjllZGMt…".into())?;
//! let request = Envelope::new(Document::from(GetCallInfo::new(call_id)));
//! match block_on(client.call::<_, Document, _>(&GET_CALL_INFO, request)) {
//!     Ok(reply) => println!("{:?}", reply.body),
//!     Err(e) => match e.response_code() {
//!         Some(code) => eprintln!("Exchange said {code}: {e}"),
//!         None => eprintln!("{e}"),
//!     },
//! }
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod client;
mod error;
mod fault;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod transport;

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

pub use client::Client;
pub use error::Error;
pub use fault::{
    FaultReason, QName, Reply, SoapFault, EWS_ERRORS_NS, EWS_MESSAGES_NS, EWS_TYPES_NS,
};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::{
    BlockingReqwestTransport, ReqwestTransport, ReqwestTransportBuilder, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
};
pub use transport::{
    BoxFuture, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
pub use xsdgen_runtime::soap::{Envelope, Header, HeaderBlock, SoapVersion};
pub use xsdgen_runtime::ReadLimits;

/// One operation of a WSDL binding: what the client needs to send a request as it.
/// Generated clients hold one per operation in a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The operation's name (`GetCallInfo`): every [`Error`] carries it.
    pub name: &'static str,
    /// The binding's `soapAction`: SOAP 1.1's `SOAPAction` header (`""` when `None`),
    /// SOAP 1.2's `action` parameter of the `Content-Type` (left out when `None`).
    pub soap_action: Option<&'static str>,
    /// The SOAP version of the binding: the request is sent in it.
    pub version: SoapVersion,
}

impl Operation {
    /// An operation (for `static`s: `Operation::new("GetCallInfo", Some(ACTION),
    /// SoapVersion::Soap11)`).
    pub const fn new(
        name: &'static str,
        soap_action: Option<&'static str>,
        version: SoapVersion,
    ) -> Self {
        Self {
            name,
            soap_action,
            version,
        }
    }
}

/// What a generated client's method returns: the reply's body, the operation's response
/// element, and its header blocks (the binding's `…ReplyHeaders`: those the operation
/// declares typed, the others as read).
#[derive(Debug, Clone, PartialEq)]
pub struct Response<B, H> {
    /// The response element.
    pub body: B,
    /// The reply's header blocks.
    pub headers: H,
}

struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current thread, parking it while the future waits:
/// the blocking form of [`Client::call`] for scripts and other synchronous code,
/// `block_on(client.call(&OPERATION, request))`.
///
/// Use it with a blocking transport (`BlockingReqwestTransport`, or one of your own that
/// completes in `poll`), not with `ReqwestTransport`, which needs a Tokio runtime to
/// drive its connections (it reports [`TransportErrorKind::Other`] when there is none).
/// Inside an async runtime, `.await` the call instead.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // A wake-up before the park makes it return at once; a spurious one polls again.
            Poll::Pending => thread::park(),
        }
    }
}
