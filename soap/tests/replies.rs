//! How replies are sorted out, without HTTP: a transport that hands back a canned
//! response, and `Client::read_response` on odd inputs.

mod support;

use std::sync::Mutex;

use ews_bindings::um::messages::Document;
use support::{GET_CALL_INFO, SOAP12_FAULT};
use xsdgen_runtime::soap::{HeaderBlock, SOAP11_NS};
use xsdgen_runtime::{AnyElement, ReadLimits};
use xsdgen_soap::{
    block_on, BoxFuture, Client, Envelope, Error, HttpRequest, HttpResponse, Operation, QName,
    Reply, SoapFault, SoapVersion, Transport, TransportError, TransportErrorKind,
};

/// Answers every request with a clone of `response` (or `error`), keeping the requests.
struct Canned {
    response: Result<HttpResponse, TransportErrorKind>,
    sent: Mutex<Vec<HttpRequest>>,
}

impl Canned {
    fn new(status: u16, content_type: &str, body: &str) -> Self {
        Self {
            response: Ok(HttpResponse {
                status,
                headers: vec![("content-type".into(), content_type.into())],
                body: body.as_bytes().to_vec(),
            }),
            sent: Mutex::new(Vec::new()),
        }
    }
}

impl Transport for Canned {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(request);
        let result = match &self.response {
            Ok(r) => Ok(r.clone()),
            Err(kind) => Err(TransportError::new(*kind, "canned failure")),
        };
        Box::pin(std::future::ready(result))
    }
}

const OK: &str = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'>\
    <s:Header><h:Unknown xmlns:h='urn:h' s:mustUnderstand='0'>x</h:Unknown></s:Header>\
    <s:Body><IsUMEnabledResponse xmlns='http://schemas.microsoft.com/exchange/services/2006/messages'>\
    <IsUMEnabledResponse>true</IsUMEnabledResponse></IsUMEnabledResponse></s:Body></s:Envelope>";

fn read(status: u16, content_type: &str, body: &[u8]) -> Result<Envelope<Document>, Error> {
    let client = Client::new("http://unused.invalid/", Canned::new(200, "", ""));
    let response = HttpResponse {
        status,
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.to_vec(),
    };
    client.read_response(&GET_CALL_INFO, &response)
}

fn request() -> Envelope<Document> {
    Envelope::from_xml_str(
        "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>\
         <IsUMEnabled xmlns='http://schemas.microsoft.com/exchange/services/2006/messages'/>\
         </s:Body></s:Envelope>",
    )
    .unwrap()
}

#[test]
fn a_reply_keeps_its_header_blocks() {
    let reply = read(200, "text/xml", OK.as_bytes()).unwrap();
    assert!(matches!(reply.body, Document::IsUmEnabledResponse(_)));
    let header = reply.header.unwrap();
    assert!(matches!(&header.blocks[0], HeaderBlock::Raw(e) if e.local == "Unknown"));
}

#[test]
fn operation_without_action_sends_empty_quotes() {
    static NO_ACTION: Operation = Operation::new("IsUmEnabled", None, SoapVersion::Soap11);
    static NO_ACTION_12: Operation = Operation::new("IsUmEnabled", None, SoapVersion::Soap12);
    let client = Client::new("http://h/x", Canned::new(200, "text/xml", OK));
    let http = client.http_request(&NO_ACTION, &request()).unwrap();
    assert_eq!(http.header("soapaction"), Some("\"\""));
    assert_eq!(http.url, "http://h/x");
    assert!(http.body.starts_with(b"<?xml"));
    let mut envelope = request();
    envelope.version = SoapVersion::Soap12;
    let http = client.http_request(&NO_ACTION_12, &envelope).unwrap();
    assert_eq!(
        http.header("content-type"),
        Some("application/soap+xml; charset=utf-8")
    );
    assert_eq!(http.header("soapaction"), None);
}

#[test]
fn headers_set_on_the_client_replace_the_defaults() {
    let canned = Canned::new(200, "text/xml", OK);
    let client = Client::new("http://h/x", &canned)
        .basic_auth("a", "b")
        .header("authorization", "NTLM abc")
        .header("X-One", "1");
    let _: Envelope<Document> = block_on(client.call(&GET_CALL_INFO, request())).unwrap();
    let sent = canned.sent.lock().unwrap();
    let auth: Vec<_> = sent[0]
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .collect();
    assert_eq!(
        auth,
        [&("authorization".to_string(), "NTLM abc".to_string())]
    );
    // The client's Debug shows no credentials.
    let debug = format!("{client:?}");
    assert!(!debug.contains("abc") && debug.contains("Basic"), "{debug}");
}

#[test]
fn transport_errors_keep_their_kind_and_the_operation() {
    for (kind, expect) in [
        (TransportErrorKind::Timeout, "timed out"),
        (TransportErrorKind::Connect, "cannot connect"),
        (TransportErrorKind::Other, "canned failure"),
    ] {
        let canned = Canned {
            response: Err(kind),
            sent: Mutex::new(Vec::new()),
        };
        let client = Client::new("http://h/x", canned);
        let err = block_on(client.call::<_, Document, _>(&GET_CALL_INFO, request())).unwrap_err();
        assert_eq!(err.operation(), "GetCallInfo");
        assert!(err.to_string().starts_with("GetCallInfo: "), "{err}");
        assert!(err.to_string().contains(expect), "{err}");
        assert_eq!(err.status(), None);
    }
}

#[test]
fn faults_are_read_leniently() {
    // Children out of order, an unknown child, an undeclared prefix, no faultstring.
    let body = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body><s:Fault>\
        <detail/><extra><a/></extra><faultcode>zz:Oops</faultcode><faultactor>me</faultactor>\
        </s:Fault></s:Body></s:Envelope>";
    let err = read(500, "text/xml", body.as_bytes()).unwrap_err();
    let fault = err.fault().unwrap();
    assert_eq!(fault.code, QName::new(None, "zz:Oops"));
    assert_eq!(fault.reason, "");
    assert_eq!(fault.actor.as_deref(), Some("me"));
    assert_eq!(fault.response_code(), None);

    // Qualified SOAP 1.1 children, as some servers write them.
    let body = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body><s:Fault>\
        <s:faultcode>s:Client</s:faultcode><s:faultstring>bad</s:faultstring>\
        </s:Fault></s:Body></s:Envelope>";
    let fault = read(500, "text/xml", body.as_bytes()).unwrap_err();
    let fault = fault.fault().unwrap();
    assert!(fault.is_sender() && fault.code.is(SOAP11_NS, "Client"));
    assert_eq!(fault.reason, "bad");
}

#[test]
fn nested_subcodes_are_read_without_recursion() {
    let mut code = String::from("<env:Value>env:Receiver</env:Value>");
    for i in 0..50 {
        code.push_str(&format!("<env:Subcode><env:Value>env:S{i}</env:Value>"));
    }
    code.push_str(&"</env:Subcode>".repeat(50));
    let body = format!(
        "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body><env:Fault>\
         <env:Code>{code}</env:Code><env:Reason><env:Text xml:lang='en'>r</env:Text></env:Reason>\
         </env:Fault></env:Body></env:Envelope>"
    );
    let err = read(500, "application/soap+xml", body.as_bytes()).unwrap_err();
    let fault = err.fault().unwrap();
    assert!(fault.is_receiver());
    assert_eq!(fault.subcodes.len(), 50);
    assert_eq!(fault.subcodes[49].local, "S49");
    // Deeper than the reader's limit: an error, not a stack overflow.
    let deep = body.replace("<env:Subcode>", "<env:Subcode><env:Subcode>");
    let _ = read(500, "application/soap+xml", deep.as_bytes());
}

#[test]
fn a_fault_written_reads_back_equal() {
    let reply = Envelope::new(Reply::<Document>::Fault(Box::new(SoapFault {
        version: SoapVersion::Soap11,
        code: QName::new(Some("urn:codes"), "Broken"),
        reason: "it broke".into(),
        actor: Some("urn:actor".into()),
        detail: Some(AnyElement {
            ns: None,
            local: "detail".into(),
            attributes: Vec::new(),
            children: Vec::new(),
        }),
        ..SoapFault::default()
    })));
    let text = reply.to_xml_string().unwrap();
    let err = read(500, "text/xml", text.as_bytes()).unwrap_err();
    let Reply::Fault(written) = &reply.body else {
        unreachable!()
    };
    let mut read_back = err.fault().unwrap().clone();
    // The reasons list is filled on reading.
    read_back.reasons.clear();
    assert_eq!(&read_back, &**written);

    let Envelope {
        body: Reply::Fault(_),
        ..
    } = Envelope::<Reply<Document>>::from_xml_str(SOAP12_FAULT).unwrap()
    else {
        panic!()
    };
    let fault12 = read(500, "application/soap+xml", SOAP12_FAULT.as_bytes()).unwrap_err();
    let fault12 = fault12.fault().unwrap().clone();
    let text = Envelope {
        version: SoapVersion::Soap12,
        ..Envelope::new(Reply::<Document>::Fault(Box::new(fault12.clone())))
    }
    .to_xml_string()
    .unwrap();
    let again = read(500, "application/soap+xml", text.as_bytes()).unwrap_err();
    assert_eq!(again.fault().unwrap(), &fault12);
}

#[test]
fn odd_statuses_and_bodies() {
    // An empty 200, a 202, a body of whitespace: not SOAP.
    for (status, body) in [(200, ""), (202, ""), (200, "  \n"), (204, "")] {
        assert!(
            matches!(
                read(status, "text/xml", body.as_bytes()),
                Err(Error::NotSoap { .. })
            ),
            "{status} {body:?}"
        );
    }
    // A 503 with nothing in it.
    match read(503, "", b"").unwrap_err() {
        Error::Http {
            status, snippet, ..
        } => assert_eq!((status, snippet.as_str()), (503, "")),
        other => panic!("{other:?}"),
    }
    // A redirect without a Location.
    match read(307, "", b"").unwrap_err() {
        Error::Redirect { location, .. } => assert_eq!(location, None),
        other => panic!("{other:?}"),
    }
    // A 401 without challenges.
    match read(401, "", b"").unwrap_err() {
        Error::Unauthorized {
            www_authenticate, ..
        } => assert!(www_authenticate.is_empty()),
        other => panic!("{other:?}"),
    }
    // An envelope with a body the types do not know.
    let body = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>\
        <Nope xmlns='urn:x'/></s:Body></s:Envelope>";
    assert!(matches!(
        read(200, "text/xml", body.as_bytes()),
        Err(Error::Read { .. })
    ));
    // Not well-formed bytes.
    assert!(matches!(
        read(200, "text/xml", b"\xFF\xFE\x00"),
        Err(Error::NotSoap { .. })
    ));
}

#[test]
fn read_limits_apply_to_replies() {
    let client =
        Client::new("http://unused.invalid/", Canned::new(200, "", "")).read_limits(ReadLimits {
            max_document_size: Some(100),
            ..ReadLimits::default()
        });
    let response = HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: OK.as_bytes().to_vec(),
    };
    match client.read_response::<Document, Document>(&GET_CALL_INFO, &response) {
        Err(Error::Read { source, .. }) => {
            assert!(source.to_string().contains("limit"), "{source}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_way_calls() {
    static NOTIFY: Operation = Operation::new("Notify", Some("urn:notify"), SoapVersion::Soap11);
    let client = Client::new("http://h/x", Canned::new(202, "text/plain", ""));
    block_on(client.call_one_way(&NOTIFY, request())).unwrap();
    let fault = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body><s:Fault>\
        <faultcode>s:Server</faultcode><faultstring>no</faultstring></s:Fault></s:Body></s:Envelope>";
    let client = Client::new("http://h/x", Canned::new(500, "text/xml", fault));
    let err = block_on(client.call_one_way(&NOTIFY, request())).unwrap_err();
    assert_eq!(
        (err.operation(), err.fault().unwrap().reason.as_str()),
        ("Notify", "no")
    );
    let client = Client::new("http://h/x", Canned::new(200, "text/xml", fault));
    assert!(block_on(client.call_one_way(&NOTIFY, request()))
        .unwrap_err()
        .fault()
        .is_some());
}

#[test]
fn call_expecting_takes_out_the_response_element() {
    let client = Client::new("http://h/x", Canned::new(200, "text/xml", OK));
    let reply = block_on(client.call_expecting(
        &GET_CALL_INFO,
        request(),
        "IsUMEnabledResponse",
        |d| match d {
            Document::IsUmEnabledResponse(r) => Ok(r),
            d => Err(d),
        },
    ))
    .unwrap();
    assert!(reply.body.is_um_enabled_response);
    assert!(reply.header.is_some());

    let err = block_on(client.call_expecting(
        &GET_CALL_INFO,
        request(),
        "GetCallInfoResponse",
        |d| match d {
            Document::GetCallInfoResponse(r) => Ok(r),
            d => Err(d),
        },
    ))
    .unwrap_err();
    match &err {
        Error::UnexpectedBody {
            operation,
            expected,
            found,
        } => {
            assert_eq!(
                (*operation, *expected),
                ("GetCallInfo", "GetCallInfoResponse")
            );
            assert_eq!(
                found,
                "{http://schemas.microsoft.com/exchange/services/2006/messages}IsUMEnabledResponse"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().ends_with("not <GetCallInfoResponse>"),
        "{err}"
    );
}
