//! The default HTTP transport, on reqwest (feature `reqwest`): HTTP/1.1, TLS by rustls
//! with the ring provider and the platform's certificate store, no redirects followed.

use std::io::Read;
use std::time::Duration;

use crate::transport::{
    BoxFuture, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};

/// How long making a connection may take, TLS handshake included, by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take, from connecting to the end of the response, by
/// default: 100 seconds, as the EWS Managed API's `ExchangeService.Timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);
/// The largest response body read by default (EWS `GetAttachment` replies carry files
/// in base64): a larger one is a [`TransportErrorKind::Other`] error.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 256 << 20;

/// Settings of [`ReqwestTransport`] and [`BlockingReqwestTransport`]: `build()` makes
/// the first, `build_blocking()` the second.
///
/// ```no_run
/// use std::time::Duration;
/// let transport = xsdgen_soap::ReqwestTransport::builder()
///     .connect_timeout(Duration::from_secs(5))
///     .timeout(Duration::from_secs(30))
///     .build()
///     .unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct ReqwestTransportBuilder {
    connect_timeout: Duration,
    timeout: Duration,
    max_response_size: usize,
    proxy_from_env: bool,
}

impl Default for ReqwestTransportBuilder {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            proxy_from_env: true,
        }
    }
}

impl ReqwestTransportBuilder {
    /// How long making a connection may take ([`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole request may take, response body included ([`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body read ([`DEFAULT_MAX_RESPONSE_SIZE`]).
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Ignores the `HTTP_PROXY`/`HTTPS_PROXY` environment variables, which are used
    /// otherwise.
    pub fn no_proxy(mut self) -> Self {
        self.proxy_from_env = false;
        self
    }

    fn configure<B: ClientSettings>(&self, builder: B) -> B {
        // A provider installed by the application first is kept.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let builder = builder.settings(self.connect_timeout, self.timeout);
        if self.proxy_from_env {
            builder
        } else {
            builder.without_proxy()
        }
    }

    /// The async transport. It needs a Tokio runtime when it sends.
    pub fn build(self) -> Result<ReqwestTransport, TransportError> {
        let client = self
            .configure(reqwest::Client::builder())
            .build()
            .map_err(|e| TransportError::from_error(TransportErrorKind::Other, e))?;
        Ok(ReqwestTransport {
            client,
            max_response_size: self.max_response_size,
        })
    }

    /// The blocking transport, for [`block_on`](crate::block_on). Not on a thread of a
    /// Tokio runtime (reqwest's blocking client runs one of its own).
    pub fn build_blocking(self) -> Result<BlockingReqwestTransport, TransportError> {
        check_not_in_runtime()?;
        let client = self
            .configure(reqwest::blocking::Client::builder())
            .build()
            .map_err(|e| TransportError::from_error(TransportErrorKind::Other, e))?;
        Ok(BlockingReqwestTransport {
            client,
            max_response_size: self.max_response_size,
        })
    }
}

/// The settings both reqwest builders take.
trait ClientSettings: Sized {
    fn settings(self, connect_timeout: Duration, timeout: Duration) -> Self;
    fn without_proxy(self) -> Self;
}

impl ClientSettings for reqwest::ClientBuilder {
    fn settings(self, connect_timeout: Duration, timeout: Duration) -> Self {
        self.connect_timeout(connect_timeout)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
    }
    fn without_proxy(self) -> Self {
        self.no_proxy()
    }
}

impl ClientSettings for reqwest::blocking::ClientBuilder {
    fn settings(self, connect_timeout: Duration, timeout: Duration) -> Self {
        self.connect_timeout(connect_timeout)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
    }
    fn without_proxy(self) -> Self {
        self.no_proxy()
    }
}

/// An async HTTP transport on `reqwest::Client` (connections pooled, HTTP/1.1, rustls):
/// for `client.call(..).await` on a Tokio runtime.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_size: usize,
}

impl ReqwestTransport {
    /// The settings, to `build()` from.
    pub fn builder() -> ReqwestTransportBuilder {
        ReqwestTransportBuilder::default()
    }

    /// A transport with the default settings.
    pub fn new() -> Result<Self, TransportError> {
        Self::builder().build()
    }

    /// A transport on a `reqwest::Client` of your own (proxies, certificates, a pool
    /// shared with other code). Set its redirect policy to `Policy::none()`: a followed
    /// redirect turns the `POST` into a `GET`.
    pub fn from_client(client: reqwest::Client) -> Self {
        Self {
            client,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
        }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            if tokio::runtime::Handle::try_current().is_err() {
                return Err(TransportError::new(
                    TransportErrorKind::Other,
                    "ReqwestTransport sends on a Tokio runtime, and none is running here: \
                     await the call inside one, or use BlockingReqwestTransport with block_on",
                ));
            }
            let mut builder = self.client.post(&request.url).body(request.body);
            for (name, value) in &request.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            let mut response = builder.send().await.map_err(from_reqwest)?;
            let status = response.status().as_u16();
            let headers = headers(response.headers());
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(from_reqwest)? {
                if body.len() + chunk.len() > self.max_response_size {
                    return Err(too_large(self.max_response_size));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        })
    }
}

/// A blocking HTTP transport on `reqwest::blocking::Client`: the request is made in the
/// first `poll`, for [`block_on`](crate::block_on) in scripts and other synchronous code.
/// Not for a thread of a Tokio runtime (it reports an error there).
#[derive(Debug, Clone)]
pub struct BlockingReqwestTransport {
    client: reqwest::blocking::Client,
    max_response_size: usize,
}

impl BlockingReqwestTransport {
    /// The settings, to `build_blocking()` from.
    pub fn builder() -> ReqwestTransportBuilder {
        ReqwestTransportBuilder::default()
    }

    /// A transport with the default settings.
    pub fn new() -> Result<Self, TransportError> {
        Self::builder().build_blocking()
    }

    /// A transport on a blocking `reqwest` client of your own; set its redirect policy
    /// to `Policy::none()`.
    pub fn from_client(client: reqwest::blocking::Client) -> Self {
        Self {
            client,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
        }
    }

    fn send_now(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        check_not_in_runtime()?;
        let mut builder = self.client.post(&request.url).body(request.body);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let response = builder.send().map_err(from_reqwest)?;
        let status = response.status().as_u16();
        let headers = headers(response.headers());
        let mut body = Vec::new();
        let limit = u64::try_from(self.max_response_size).unwrap_or(u64::MAX);
        response
            .take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(from_io)?;
        if body.len() > self.max_response_size {
            return Err(too_large(self.max_response_size));
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for BlockingReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(std::future::ready(self.send_now(request)))
    }
}

/// reqwest's blocking client panics on a thread of a Tokio runtime: an error instead.
fn check_not_in_runtime() -> Result<(), TransportError> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(TransportError::new(
            TransportErrorKind::Other,
            "BlockingReqwestTransport cannot block a thread of a Tokio runtime: use \
             ReqwestTransport and await the call there",
        ));
    }
    Ok(())
}

fn headers(map: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    map.iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        })
        .collect()
}

fn kind_of(e: &reqwest::Error) -> TransportErrorKind {
    if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    }
}

fn from_reqwest(e: reqwest::Error) -> TransportError {
    TransportError::from_error(kind_of(&e), e)
}

fn from_io(e: std::io::Error) -> TransportError {
    let kind = match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
    {
        Some(inner) => kind_of(inner),
        None if e.kind() == std::io::ErrorKind::TimedOut => TransportErrorKind::Timeout,
        None => TransportErrorKind::Other,
    };
    TransportError::from_error(kind, e)
}

fn too_large(limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::Other,
        format!("the response is larger than the limit of {limit} bytes (max_response_size)"),
    )
}
