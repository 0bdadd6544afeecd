//! A real HTTP server on the loopback address (tiny_http on port 0) that records what it
//! was sent and gives the answers it was handed, one per request; and the UM samples.
#![allow(dead_code)] // Each test file uses part of it.

use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ews_bindings::um::messages::Document;
use xsdgen_soap::{Envelope, Operation, SoapVersion};

/// The UM web service's endpoint path.
pub const PATH: &str = "/EWS/UM2007Legacy.asmx";

/// GetCallInfo, its SOAPAction by the ASMX convention (namespace + operation name).
pub static GET_CALL_INFO: Operation = Operation {
    name: "GetCallInfo",
    soap_action: Some("http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo"),
    version: SoapVersion::Soap11,
};

/// The same operation bound to SOAP 1.2 (for the 1.2 headers and faults).
pub static GET_CALL_INFO_12: Operation = Operation {
    name: "GetCallInfo",
    soap_action: Some("http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo"),
    version: SoapVersion::Soap12,
};

/// A server gives up after this long, whatever happens in the test.
const SERVER_LIFETIME: Duration = Duration::from_secs(30);

/// What the server answers one request with.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Waits this long before answering.
    pub delay: Duration,
    /// Announces this `Content-Length` (more than the body: the connection ends early).
    pub declared_length: Option<usize>,
}

impl Answer {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            declared_length: None,
        }
    }

    /// A SOAP 1.1 reply.
    pub fn xml(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(status, "text/xml; charset=utf-8", body)
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn declaring_length(mut self, length: usize) -> Self {
        self.declared_length = Some(length);
        self
    }
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body read as a UM envelope (what the client sent, typed).
    pub fn envelope(&self) -> Envelope<Document> {
        Envelope::from_xml_bytes(&self.body).expect("the request body reads into the UM types")
    }
}

/// The server: answers requests in order with the answers given (a request past them
/// gets a 599), for at most [`SERVER_LIFETIME`]; stopped when dropped.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(answers: Vec<Answer>) -> Self {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (seen, stop) = (Arc::clone(&seen), Arc::clone(&stop));
            std::thread::spawn(move || serve(server, answers, &seen, &stop))
        };
        Self {
            base: format!("http://127.0.0.1:{port}"),
            seen,
            stop,
            thread: Some(thread),
        }
    }

    /// The UM endpoint on this server.
    pub fn endpoint(&self) -> String {
        format!("{}{PATH}", self.base)
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The one request received; fails when there were more or none.
    pub fn only_request(&self) -> Seen {
        let seen = self.seen();
        assert_eq!(seen.len(), 1, "requests: {seen:#?}");
        seen.into_iter().next().unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Sleeps `delay` in short steps, returning early when stopped.
fn pause(delay: Duration, stop: &AtomicBool) {
    let end = Instant::now() + delay;
    while !stop.load(Ordering::SeqCst) {
        let now = Instant::now();
        if now >= end {
            return;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(20)));
    }
}

fn serve(
    server: tiny_http::Server,
    answers: Vec<Answer>,
    seen: &Mutex<Vec<Seen>>,
    stop: &AtomicBool,
) {
    let deadline = Instant::now() + SERVER_LIFETIME;
    let mut answers = answers.into_iter();
    // Requests beyond the answers are answered 599 and counted, a few at most.
    let mut extra = 0;
    while !stop.load(Ordering::SeqCst) && Instant::now() < deadline && extra < 4 {
        let mut request = match server.recv_timeout(Duration::from_millis(20)) {
            Ok(Some(request)) => request,
            Ok(None) => continue,
            Err(_) => break,
        };
        let mut body = Vec::new();
        let _ = request.as_reader().take(16 << 20).read_to_end(&mut body);
        seen.lock().unwrap().push(Seen {
            method: request.method().as_str().to_string(),
            path: request.url().to_string(),
            headers: request
                .headers()
                .iter()
                .map(|h| {
                    (
                        h.field.as_str().as_str().to_string(),
                        h.value.as_str().to_string(),
                    )
                })
                .collect(),
            body,
        });
        let answer = answers.next().unwrap_or_else(|| {
            extra += 1;
            Answer::new(599, "text/plain", "no answer left for this request")
        });
        pause(answer.delay, stop);
        let headers: Vec<tiny_http::Header> = answer
            .headers
            .iter()
            .map(|(n, v)| tiny_http::Header::from_bytes(n.as_bytes(), v.as_bytes()).unwrap())
            .collect();
        let length = answer.declared_length.unwrap_or(answer.body.len());
        let response = tiny_http::Response::new(
            tiny_http::StatusCode(answer.status),
            headers,
            std::io::Cursor::new(answer.body),
            Some(length),
            None,
        );
        // The client may have given up (timeouts): nothing to do then.
        let _ = request.respond(response);
    }
}

/// `../shared/corpus/ews/samples`, when the corpus is beside the repository.
pub fn samples() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/ews/samples");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

/// A sample's bytes.
pub fn sample(dir: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The documented GetCallInfo request and response.
pub fn get_call_info(dir: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
    (
        sample(dir, "getcallinfo-operation-um-web-service-1.xml"),
        sample(dir, "getcallinfo-operation-um-web-service-2.xml"),
    )
}

/// The documented EWS fault: ErrorSchemaValidation with its detail.
pub fn ews_fault(dir: &std::path::Path) -> Vec<u8> {
    sample(dir, "getserviceconfiguration-operation-3.xml")
}

/// A SOAP 1.2 fault with a subcode, node, role and detail.
pub const SOAP12_FAULT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
              xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
  <env:Body>
    <env:Fault>
      <env:Code>
        <env:Value>env:Sender</env:Value>
        <env:Subcode><env:Value>m:ErrorInvalidIdMalformed</env:Value></env:Subcode>
      </env:Code>
      <env:Reason>
        <env:Text xml:lang="en-US">Id is malformed.</env:Text>
        <env:Text xml:lang="de">Die Id ist fehlerhaft.</env:Text>
      </env:Reason>
      <env:Node>https://mail.example.com/EWS/UM2007Legacy.asmx</env:Node>
      <env:Role>http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver</env:Role>
      <env:Detail>
        <m:ResponseCode>ErrorInvalidIdMalformed</m:ResponseCode>
      </env:Detail>
    </env:Fault>
  </env:Body>
</env:Envelope>"#;

/// What IIS answers when the application behind it fails.
pub const HTML_500: &str = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\r\n\
<html><head><title>500 - Internal server error.</title></head>\r\n\
<body><div id=\"header\"><h1>Server Error</h1></div>\r\n\
<div id=\"content\"><h2>500 - Internal server error.</h2>\
<h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>\
</div></body></html>";

/// A server that is no HTTP server to trust: it answers one connection with `raw` bytes
/// as they are (a response cut short, say), closes it, and stops; within a few seconds.
pub fn raw_server(raw: Vec<u8>) -> (String, JoinHandle<()>) {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    let thread = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    stream.set_nonblocking(false).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_secs(2)))
                        .unwrap();
                    // Reads the request head (the body is small and follows it).
                    let mut buffer = [0u8; 16 * 1024];
                    let _ = stream.read(&mut buffer);
                    let _ = stream.write_all(&raw);
                    return;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    });
    (base, thread)
}

/// A port where nothing listens (bound, then closed).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}
