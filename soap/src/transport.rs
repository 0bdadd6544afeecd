//! The transport trait: one HTTP request in, status, headers and body out.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed future that can move between threads (what [`Transport::send`] returns).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An HTTP `POST` (SOAP over HTTP uses no other method).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The endpoint.
    pub url: String,
    /// Headers in order: `Content-Type`, `SOAPAction` (SOAP 1.1), `Accept`,
    /// `User-Agent`, `Authorization`, then the client's own.
    pub headers: Vec<(String, String)>,
    /// The envelope, UTF-8.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Sets a header, replacing any of that name (case-insensitive).
    pub fn set_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
    }
}

/// What the server answered: any status (the client sorts them out), headers, the whole
/// body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Headers in the order received (a repeated header appears once per value).
    pub headers: Vec<(String, String)>,
    /// The body, as received (decoding is the client's job).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Every value of the headers named `name` (case-insensitive), in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Sends HTTP requests. Implement it to bring your own HTTP stack (or a test double);
/// the `reqwest` feature gives `ReqwestTransport` and
/// `BlockingReqwestTransport`.
///
/// Any status is a response, not an error: the client tells a fault from a 401, a
/// redirect or an HTML error page. Errors are for what left no response: a timeout, a
/// connection that could not be made, one that broke. A transport must not follow
/// redirects (a SOAP request is a `POST`, which is not re-sent elsewhere unasked).
///
/// A blocking transport may do its work in the first `poll` and return a ready future:
/// [`block_on`](crate::block_on) drives it.
pub trait Transport: Send + Sync {
    /// Sends `request` as a `POST` and reads the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// What kind of failure left a request without a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No complete response within the time allowed.
    Timeout,
    /// No connection: refused, unreachable, name not resolved, TLS handshake failed.
    Connect,
    /// Anything else: the connection broke, the response was malformed or too large,
    /// the request could not be built (an invalid header).
    Other,
}

/// A request that got no (complete) response.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportErrorKind,
    /// What happened, the causes included (`error sending request: connection refused`).
    pub message: String,
    /// The transport's own error, for downcasting.
    pub inner: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error of this kind.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            inner: None,
        }
    }

    /// An error of this kind whose message is `error` and its chain of sources, kept in
    /// [`TransportError::inner`].
    pub fn from_error(
        kind: TransportErrorKind,
        error: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        let mut message = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            let text = cause.to_string();
            // Wrappers often repeat their cause's message.
            if !message.contains(&text) {
                message.push_str(": ");
                message.push_str(&text);
            }
            source = cause.source();
        }
        Self {
            kind,
            message,
            inner: Some(Box::new(error)),
        }
    }
}
