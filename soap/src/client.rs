//! The client: builds the HTTP request of an operation and sorts out what came back.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, X_USER_DEFINED};
use xsdgen_runtime::soap::{Envelope, SoapVersion};
use xsdgen_runtime::{ReadError, ReadErrorKind, ReadLimits, XmlElement};

use crate::error::Error;
use crate::fault::{Lenient, Reply};
use crate::transport::{HttpRequest, HttpResponse, Transport};
use crate::Operation;

type RequestHook = Arc<dyn Fn(&mut HttpRequest) + Send + Sync>;

/// A client of one endpoint: sends operations' requests through a [`Transport`] and
/// reads the replies into the generated types.
///
/// ```no_run
/// # fn demo<T: xsdgen_soap::Transport>(transport: T) {
/// use xsdgen_soap::Client;
/// let client = Client::new("https://outlook.office365.com/EWS/Exchange.asmx", transport)
///     .bearer_auth("eyJ0eXAiOi…")
///     .header("X-AnchorMailbox", "user@example.com");
/// # }
/// ```
pub struct Client<T> {
    endpoint: String,
    transport: T,
    authorization: Option<String>,
    headers: Vec<(String, String)>,
    hook: Option<RequestHook>,
    limits: ReadLimits,
}

impl<T: Clone> Clone for Client<T> {
    fn clone(&self) -> Self {
        Self {
            endpoint: self.endpoint.clone(),
            transport: self.transport.clone(),
            authorization: self.authorization.clone(),
            headers: self.headers.clone(),
            hook: self.hook.clone(),
            limits: self.limits,
        }
    }
}

/// Shows no credentials and no header values (they may be secrets too).
impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = self
            .authorization
            .as_deref()
            .map(|a| a.split(' ').next().unwrap_or_default());
        let headers: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("authorization", &scheme)
            .field("headers", &headers)
            .field("hook", &self.hook.is_some())
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// A client of `endpoint` (`https://host/EWS/Exchange.asmx`), sending through
    /// `transport`, with no authentication.
    pub fn new(endpoint: impl Into<String>, transport: T) -> Self {
        Self {
            endpoint: endpoint.into(),
            transport,
            authorization: None,
            headers: Vec::new(),
            hook: None,
            limits: ReadLimits::default(),
        }
    }

    /// HTTP Basic authentication (RFC 7617; the credentials in UTF-8). Use it over
    /// HTTPS only: the password is only encoded.
    pub fn basic_auth(mut self, user: impl AsRef<str>, password: impl AsRef<str>) -> Self {
        let credentials = format!("{}:{}", user.as_ref(), password.as_ref());
        self.authorization = Some(format!("Basic {}", base64(credentials.as_bytes())));
        self
    }

    /// A bearer token (RFC 6750): an OAuth access token, as Exchange Online takes.
    pub fn bearer_auth(mut self, token: impl AsRef<str>) -> Self {
        self.authorization = Some(format!("Bearer {}", token.as_ref()));
        self
    }

    /// Adds a header to every request (`X-AnchorMailbox`, `Cookie`, an `Authorization`
    /// of another scheme, which replaces the one set by `basic_auth`/`bearer_auth`).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Calls `hook` on every request just before it is sent, after all headers are set:
    /// to add a token that changes (refreshed OAuth), sign the request, or log it.
    pub fn on_request(mut self, hook: impl Fn(&mut HttpRequest) + Send + Sync + 'static) -> Self {
        self.hook = Some(Arc::new(hook));
        self
    }

    /// The limits replies are read within (nesting depth, size, attributes per
    /// element); the runtime's defaults otherwise.
    pub fn read_limits(mut self, limits: ReadLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The endpoint.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Sends `request` (body and header blocks) as `operation` and reads the reply: its
    /// body as `R`, its header blocks as `H` (EWS `ServerVersionInfo`). The envelope is
    /// sent in the operation's SOAP version, whatever its `version` says.
    pub async fn call<B, R, H>(
        &self,
        operation: &Operation,
        mut request: Envelope<B, H>,
    ) -> Result<Envelope<R, H>, Error>
    where
        B: XmlElement,
        R: XmlElement,
        H: XmlElement,
    {
        request.version = operation.version;
        let http = self.http_request(operation, &request)?;
        let response = self
            .transport
            .send(http)
            .await
            .map_err(|e| Error::from_transport(operation.name, e))?;
        self.read_response(operation, &response)
    }

    /// [`Client::call`] for the one element `pick` takes out of the reply's body `R` (a
    /// namespace's `Document` enum): a body of another element is
    /// [`Error::UnexpectedBody`] naming `expected`, the response element's name. What a
    /// generated client's method does in one line:
    ///
    /// ```text
    /// self.client.call_expecting(&GET_CALL_INFO, Envelope::new(request.into()),
    ///     "GetCallInfoResponse", |d| match d { Document::GetCallInfoResponse(r) => Ok(r), d => Err(d) }).await
    /// ```
    pub async fn call_expecting<B, R, H, O>(
        &self,
        operation: &Operation,
        request: Envelope<B, H>,
        expected: &'static str,
        pick: impl FnOnce(R) -> Result<O, R>,
    ) -> Result<Envelope<O, H>, Error>
    where
        B: XmlElement,
        R: XmlElement,
        H: XmlElement,
    {
        let reply: Envelope<R, H> = self.call(operation, request).await?;
        match pick(reply.body) {
            Ok(body) => Ok(Envelope {
                version: reply.version,
                attributes: reply.attributes,
                header: reply.header,
                body_attributes: reply.body_attributes,
                body,
            }),
            Err(other) => Err(Error::unexpected_body(operation.name, expected, &other)),
        }
    }

    /// Sends `request` as a one-way `operation` (a WSDL operation with no output): any
    /// 2xx without a fault is success, whatever its body.
    pub async fn call_one_way<B, H>(
        &self,
        operation: &Operation,
        mut request: Envelope<B, H>,
    ) -> Result<(), Error>
    where
        B: XmlElement,
        H: XmlElement,
    {
        request.version = operation.version;
        let http = self.http_request(operation, &request)?;
        let response = self
            .transport
            .send(http)
            .await
            .map_err(|e| Error::from_transport(operation.name, e))?;
        if (200..300).contains(&response.status) {
            let ct = response.header("content-type");
            if let Ok(envelope) =
                read_body::<Envelope<Reply<Lenient>, Lenient>>(&response.body, ct, self.limits)
            {
                if let Reply::Fault(fault) = envelope.body {
                    return Err(Error::Fault {
                        operation: operation.name,
                        status: response.status,
                        fault,
                    });
                }
            }
            return Ok(());
        }
        Err(self.error_response(operation, &response))
    }

    /// The HTTP request that [`Client::call`] sends for `envelope` (written as it is,
    /// its `version` included): the headers of the operation's SOAP version, the
    /// authentication, the client's headers, then the hook.
    pub fn http_request<B: XmlElement, H: XmlElement>(
        &self,
        operation: &Operation,
        envelope: &Envelope<B, H>,
    ) -> Result<HttpRequest, Error> {
        let body = xsdgen_runtime::write_document(envelope).map_err(|source| Error::Write {
            operation: operation.name,
            source,
        })?;
        let action = operation.soap_action;
        let mut headers = Vec::with_capacity(5 + self.headers.len());
        match operation.version {
            SoapVersion::Soap11 => {
                headers.push(("Content-Type".into(), "text/xml; charset=utf-8".into()));
                headers.push(("SOAPAction".into(), format!("\"{}\"", action.unwrap_or(""))));
                headers.push(("Accept".into(), "text/xml".into()));
            }
            SoapVersion::Soap12 => {
                let mut content_type = String::from("application/soap+xml; charset=utf-8");
                if let Some(action) = action {
                    content_type.push_str(&format!("; action=\"{action}\""));
                }
                headers.push(("Content-Type".into(), content_type));
                headers.push(("Accept".into(), "application/soap+xml".into()));
            }
        }
        headers.push((
            "User-Agent".into(),
            concat!("xsdgen-soap/", env!("CARGO_PKG_VERSION")).into(),
        ));
        if let Some(auth) = &self.authorization {
            headers.push(("Authorization".into(), auth.clone()));
        }
        let mut request = HttpRequest {
            url: self.endpoint.clone(),
            headers,
            body: body.into_bytes(),
        };
        for (name, value) in &self.headers {
            request.set_header(name.clone(), value.clone());
        }
        if let Some(hook) = &self.hook {
            hook(&mut request);
        }
        Ok(request)
    }

    /// Reads `response` as the reply to `operation`: a 2xx envelope's body as `R` (a
    /// fault in it is an error), any other status sorted into the [`Error`] kinds.
    /// Never panics, whatever the bytes.
    pub fn read_response<R: XmlElement, H: XmlElement>(
        &self,
        operation: &Operation,
        response: &HttpResponse,
    ) -> Result<Envelope<R, H>, Error> {
        if !(200..300).contains(&response.status) {
            return Err(self.error_response(operation, response));
        }
        let ct = response.header("content-type");
        match read_body::<Envelope<Reply<R>, H>>(&response.body, ct, self.limits) {
            Ok(envelope) => match envelope.body {
                Reply::Body(body) => Ok(Envelope {
                    version: envelope.version,
                    attributes: envelope.attributes,
                    header: envelope.header,
                    body_attributes: envelope.body_attributes,
                    body,
                }),
                Reply::Fault(fault) => Err(Error::Fault {
                    operation: operation.name,
                    status: response.status,
                    fault,
                }),
            },
            Err(typed) => {
                let name = operation.name;
                match read_body::<Envelope<Reply<Lenient>, Lenient>>(
                    &response.body,
                    ct,
                    self.limits,
                ) {
                    Ok(Envelope {
                        body: Reply::Fault(fault),
                        ..
                    }) => Err(Error::Fault {
                        operation: name,
                        status: response.status,
                        fault,
                    }),
                    Ok(_) => Err(Error::Read {
                        operation: name,
                        source: typed,
                    }),
                    // A reply over the limits is no less an envelope.
                    Err(e) if is_limit(&e) => Err(Error::Read {
                        operation: name,
                        source: typed,
                    }),
                    Err(reason) => Err(Error::NotSoap {
                        operation: name,
                        status: response.status,
                        content_type: ct.map(str::to_string),
                        reason,
                        snippet: raw_snippet(&response.body),
                    }),
                }
            }
        }
    }

    /// The error for a response outside 2xx.
    fn error_response(&self, operation: &Operation, response: &HttpResponse) -> Error {
        let name = operation.name;
        let status = response.status;
        if status == 401 {
            return Error::Unauthorized {
                operation: name,
                www_authenticate: response
                    .header_values("www-authenticate")
                    .map(str::to_string)
                    .collect(),
            };
        }
        if (300..400).contains(&status) {
            return Error::Redirect {
                operation: name,
                status,
                location: response.header("location").map(str::to_string),
            };
        }
        let ct = response.header("content-type");
        if let Ok(Envelope {
            body: Reply::Fault(fault),
            ..
        }) = read_body::<Envelope<Reply<Lenient>, Lenient>>(&response.body, ct, self.limits)
        {
            return Error::Fault {
                operation: name,
                status,
                fault,
            };
        }
        Error::Http {
            operation: name,
            status,
            content_type: ct.map(str::to_string),
            snippet: page_snippet(&response.body),
        }
    }
}

/// The name of the element `value` is written as (`{namespace}local`, for messages).
pub(crate) fn root_name<R: XmlElement>(value: &R) -> String {
    let Ok(text) = xsdgen_runtime::write_document(value) else {
        return "an element that cannot be written".into();
    };
    // The writer puts the default namespace on the root, or a prefix for it.
    match xsdgen_runtime::read_document::<crate::fault::Named>(&text) {
        Ok(crate::fault::Named(name)) => name.to_string(),
        Err(_) => "an element that cannot be read".into(),
    }
}

fn is_limit(e: &ReadError) -> bool {
    matches!(
        e.kind,
        ReadErrorKind::TooLarge { .. }
            | ReadErrorKind::TooDeep(_)
            | ReadErrorKind::TooManyAttributes(_)
    )
}

/// Reads a whole document from a reply's body: in the charset its `Content-Type` names
/// when the body has no byte-order mark and decodes in it (RFC 7303: the charset
/// parameter is authoritative), otherwise as the document says (byte-order mark, XML
/// declaration, UTF-8), as the runtime reads bytes.
fn read_body<T: XmlElement>(
    body: &[u8],
    content_type: Option<&str>,
    limits: ReadLimits,
) -> Result<T, ReadError> {
    match decode_by_charset(body, content_type, limits) {
        Some(text) => xsdgen_runtime::read_document_with(&text, limits),
        None => xsdgen_runtime::read_document_bytes_with(body, limits),
    }
}

/// The `charset` parameter of a `Content-Type`, unquoted.
fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').trim())
    })
}

/// The body decoded in the charset of `content_type`, when there is one, the body has no
/// byte-order mark, and it decodes to something that begins like XML; `None` leaves the
/// decoding to the document.
fn decode_by_charset<'b>(
    body: &'b [u8],
    content_type: Option<&str>,
    limits: ReadLimits,
) -> Option<Cow<'b, str>> {
    let label = charset(content_type?)?;
    let bom = body.starts_with(&[0xEF, 0xBB, 0xBF])
        || body.starts_with(&[0xFF, 0xFE])
        || body.starts_with(&[0xFE, 0xFF]);
    // Over the size limit: the runtime refuses it before decoding anything.
    if bom || limits.max_document_size.is_some_and(|max| body.len() > max) {
        return None;
    }
    let label = label.to_ascii_lowercase();
    let text: Cow<'b, str> = match label.as_str() {
        // Exactly ISO-8859-1 (the WHATWG labels read it as windows-1252), as the runtime.
        "iso-8859-1" | "iso_8859-1" | "latin1" | "l1" | "iso-ir-100" | "cp819" | "ibm819"
        | "csisolatin1" | "iso_8859-1:1987" => {
            Cow::Owned(body.iter().map(|&b| char::from(b)).collect())
        }
        "us-ascii" | "ascii" | "iso-646-us" | "us" | "ansi_x3.4-1968" | "csascii" => {
            Cow::Borrowed(std::str::from_utf8(body).ok().filter(|_| body.is_ascii())?)
        }
        _ => {
            let encoding = Encoding::for_label(label.as_bytes())?;
            if encoding == UTF_8 {
                Cow::Borrowed(std::str::from_utf8(body).ok()?)
            } else if encoding == REPLACEMENT || encoding == X_USER_DEFINED {
                return None;
            } else {
                encoding.decode_without_bom_handling_and_without_replacement(body)?
            }
        }
    };
    let start = text.trim_start_matches([' ', '\t', '\r', '\n']);
    start.starts_with('<').then_some(text)
}

/// How much of a body an error quotes, in characters.
const SNIPPET_CHARS: usize = 200;

/// The start of a body as text, whitespace collapsed, shortened.
fn raw_snippet(body: &[u8]) -> String {
    let head = &body[..body.len().min(4 * SNIPPET_CHARS)];
    shorten(&String::from_utf8_lossy(head))
}

/// What an error page says: its `<title>` and its text (markup dropped), shortened; the
/// start of the body when that is empty.
fn page_snippet(body: &[u8]) -> String {
    let head = String::from_utf8_lossy(&body[..body.len().min(16 * 1024)]);
    let title = find_title(&head);
    let mut text = String::new();
    let mut in_tag = false;
    for c in head.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = shorten(&text);
    let snippet = match title {
        Some(title) if !title.is_empty() => {
            let title = shorten(title);
            let rest = text.strip_prefix(title.as_str()).unwrap_or(&text).trim();
            if rest.is_empty() {
                title
            } else {
                shorten(&format!("{title}: {rest}"))
            }
        }
        _ => text,
    };
    if snippet.is_empty() {
        raw_snippet(body)
    } else {
        snippet
    }
}

fn find_title(html: &str) -> Option<&str> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    html.get(start..end).map(str::trim)
}

/// Whitespace collapsed, at most [`SNIPPET_CHARS`] characters (then `…`).
fn shorten(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    match out.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => {
            out.truncate(cut);
            out.push('…');
            out
        }
        None => out,
    }
}

/// Standard base64 with padding (RFC 4648 §4), for Basic credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ] {
            assert_eq!(base64(input.as_bytes()), output);
        }
    }

    #[test]
    fn charset_parameter() {
        assert_eq!(charset("text/xml; charset=utf-8"), Some("utf-8"));
        assert_eq!(
            charset("text/xml;CHARSET=\"ISO-8859-1\" "),
            Some("ISO-8859-1")
        );
        assert_eq!(
            charset("application/soap+xml; action=\"a;b\"; charset=utf-8"),
            Some("utf-8")
        );
        assert_eq!(charset("text/xml"), None);
        assert_eq!(charset("charset=utf-8"), None);
    }

    #[test]
    fn decoding_by_charset() {
        let none = ReadLimits::default();
        let latin1 = b"<a>Gr\xF6\xDFe</a>";
        assert_eq!(
            decode_by_charset(latin1, Some("text/xml; charset=ISO-8859-1"), none).as_deref(),
            Some("<a>Größe</a>")
        );
        // Not UTF-8 as the header says: the document decides.
        assert_eq!(
            decode_by_charset(latin1, Some("text/xml; charset=utf-8"), none),
            None
        );
        assert_eq!(
            decode_by_charset(latin1, Some("text/xml; charset=us-ascii"), none),
            None
        );
        let cp1252 = b"<a>\x80</a>";
        assert_eq!(
            decode_by_charset(cp1252, Some("text/xml; charset=windows-1252"), none).as_deref(),
            Some("<a>€</a>")
        );
        let utf16: Vec<u8> = "<a>€</a>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode_by_charset(&utf16, Some("text/xml; charset=utf-16le"), none).as_deref(),
            Some("<a>€</a>")
        );
        // A byte-order mark decides; so does a document that does not look like XML then.
        assert_eq!(
            decode_by_charset(b"\xEF\xBB\xBF<a/>", Some("text/xml; charset=latin1"), none),
            None
        );
        assert_eq!(
            decode_by_charset(b"<a/>", Some("text/xml; charset=utf-16"), none),
            None
        );
        assert_eq!(
            decode_by_charset(b"<a/>", Some("text/xml; charset=nonsense"), none),
            None
        );
    }

    #[test]
    fn snippets() {
        let page = b"<html><head><title>500 - Internal server error.</title></head>\
            <body><h1>Server Error</h1>\n\n<p>There is a problem.</p></body></html>";
        assert_eq!(
            page_snippet(page),
            "500 - Internal server error.: Server Error There is a problem."
        );
        assert_eq!(page_snippet(b"plain   text\n"), "plain text");
        assert_eq!(page_snippet(b""), "");
        let long = "x".repeat(1000);
        assert_eq!(
            raw_snippet(long.as_bytes()).chars().count(),
            SNIPPET_CHARS + 1
        );
        assert_eq!(raw_snippet(b"\xFF<a>"), "\u{FFFD}<a>");
    }
}
