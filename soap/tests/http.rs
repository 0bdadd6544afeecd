//! The client over real HTTP: a loopback server (tiny_http) checks what the client sent
//! and answers with the documented UM samples, faults, HTTP errors, slow, cut and
//! malformed replies. Every case runs twice: the async transport on a Tokio runtime,
//! and the blocking transport under `block_on`.

mod support;

use std::time::{Duration, Instant};

use ews_bindings::um::messages::{CallIdType, Document, GetCallInfo};
use support::*;
use xsdgen_runtime::soap::SOAP12_NS;
use xsdgen_soap::{
    block_on, BlockingReqwestTransport, Client, Envelope, Error, ReqwestTransport, SoapVersion,
    Transport, TransportErrorKind, EWS_TYPES_NS,
};

#[derive(Debug, Clone, Copy)]
enum Mode {
    Async,
    Blocking,
}

const MODES: [Mode; 2] = [Mode::Async, Mode::Blocking];

/// The client of `endpoint` through the mode's transport, with a total timeout.
fn client(mode: Mode, endpoint: String, timeout: Duration) -> Client<Box<dyn Transport>> {
    let builder = ReqwestTransport::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5))
        .no_proxy();
    let transport: Box<dyn Transport> = match mode {
        Mode::Async => Box::new(builder.build().unwrap()),
        Mode::Blocking => Box::new(builder.build_blocking().unwrap()),
    };
    Client::new(endpoint, transport)
}

/// Runs the call as the mode does: awaited on a Tokio runtime, or under `block_on`.
fn run<F: std::future::Future>(mode: Mode, future: F) -> F::Output {
    match mode {
        Mode::Async => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future),
        Mode::Blocking => block_on(future),
    }
}

fn request(dir: &std::path::Path) -> Envelope<Document> {
    Envelope::from_xml_bytes(&get_call_info(dir).0).unwrap()
}

/// Calls GetCallInfo with the documented request on a server giving `answer`.
fn call_with(
    mode: Mode,
    answer: Answer,
    timeout: Duration,
) -> Option<(Result<Envelope<Document>, Error>, TestServer)> {
    let dir = samples()?;
    let server = TestServer::start(vec![answer]);
    let client = client(mode, server.endpoint(), timeout);
    let result = run(mode, client.call(&GET_CALL_INFO, request(&dir)));
    Some((result, server))
}

fn call(mode: Mode, answer: Answer) -> Option<(Result<Envelope<Document>, Error>, TestServer)> {
    call_with(mode, answer, Duration::from_secs(10))
}

#[test]
fn a_call_sends_the_documented_request_and_reads_the_documented_response() {
    let Some(dir) = samples() else { return };
    let (request_bytes, response_bytes) = get_call_info(&dir);
    for mode in MODES {
        let server = TestServer::start(vec![Answer::xml(200, response_bytes.clone())]);
        let client = client(mode, server.endpoint(), Duration::from_secs(10))
            .basic_auth("user", "pässword")
            .header("X-AnchorMailbox", "user@example.com")
            .on_request(|r| r.set_header("X-Request-Hook", "ran"));
        let request = Envelope::<Document>::from_xml_bytes(&request_bytes).unwrap();
        let reply: Envelope<Document> = run(mode, client.call(&GET_CALL_INFO, request.clone()))
            .unwrap_or_else(|e| panic!("{mode:?}: {e}"));

        // The typed result is what reading the documented response gives.
        assert_eq!(reply, Envelope::from_xml_bytes(&response_bytes).unwrap());
        let Document::GetCallInfoResponse(outer) = &reply.body else {
            panic!("{:?}", reply.body)
        };
        assert!(outer.get_call_info_response.is_some());

        let seen = server.only_request();
        assert_eq!(seen.method, "POST");
        assert_eq!(seen.path, PATH);
        assert_eq!(seen.header("Content-Type"), Some("text/xml; charset=utf-8"));
        assert_eq!(
            seen.header("SOAPAction"),
            Some("\"http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo\"")
        );
        // base64("user:pässword"), the password in UTF-8.
        assert_eq!(
            seen.header("Authorization"),
            Some("Basic dXNlcjpww6Rzc3dvcmQ=")
        );
        assert_eq!(seen.header("X-AnchorMailbox"), Some("user@example.com"));
        assert_eq!(seen.header("X-Request-Hook"), Some("ran"));
        assert_eq!(seen.header("Accept"), Some("text/xml"));
        assert!(seen
            .header("User-Agent")
            .unwrap()
            .starts_with("xsdgen-soap/"));
        // The body reads into the request type, equal to what was sent.
        assert_eq!(seen.envelope(), request);
        assert!(matches!(seen.envelope().body, Document::GetCallInfo(_)));
    }
}

#[test]
fn a_request_built_in_code_reads_back_on_the_server() {
    let Some(dir) = samples() else { return };
    let (_, response_bytes) = get_call_info(&dir);
    let server = TestServer::start(vec![Answer::xml(200, response_bytes)]);
    let client = client(Mode::Blocking, server.endpoint(), Duration::from_secs(10));
    let call_id = CallIdType::new("MDlkZjllZGMt".into()).unwrap();
    let request = Envelope::new(Document::from(GetCallInfo::new(call_id)));
    let _: Envelope<Document> = block_on(client.call(&GET_CALL_INFO, request.clone())).unwrap();
    assert_eq!(server.only_request().envelope(), request);
}

#[test]
fn soap_1_2_headers_bearer_token_and_a_soap_1_2_fault() {
    let Some(dir) = samples() else { return };
    for mode in MODES {
        let server = TestServer::start(vec![Answer::new(
            500,
            "application/soap+xml; charset=utf-8",
            SOAP12_FAULT,
        )]);
        let client = client(mode, server.endpoint(), Duration::from_secs(10)).bearer_auth("tok.en");
        let result: Result<Envelope<Document>, _> =
            run(mode, client.call(&GET_CALL_INFO_12, request(&dir)));
        let seen = server.only_request();
        assert_eq!(
            seen.header("Content-Type"),
            Some(
                "application/soap+xml; charset=utf-8; \
                 action=\"http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo\""
            )
        );
        assert_eq!(seen.header("SOAPAction"), None);
        assert_eq!(seen.header("Authorization"), Some("Bearer tok.en"));
        // Sent as SOAP 1.2, as the operation says, though the envelope was read as 1.1.
        assert_eq!(seen.envelope().version, SoapVersion::Soap12);

        let err = result.unwrap_err();
        let Error::Fault {
            operation,
            status,
            fault,
        } = &err
        else {
            panic!("{mode:?}: {err:?}")
        };
        assert_eq!((*operation, *status), ("GetCallInfo", 500));
        assert_eq!(fault.version, SoapVersion::Soap12);
        assert!(fault.code.is(SOAP12_NS, "Sender"));
        assert!(fault.is_sender());
        assert_eq!(fault.subcodes.len(), 1);
        assert!(fault.subcodes[0].is(
            "http://schemas.microsoft.com/exchange/services/2006/messages",
            "ErrorInvalidIdMalformed"
        ));
        assert_eq!(fault.reason, "Id is malformed.");
        assert_eq!(fault.reasons.len(), 2);
        assert_eq!(fault.reasons[1].lang.as_deref(), Some("de"));
        assert_eq!(
            fault.node.as_deref(),
            Some("https://mail.example.com/EWS/UM2007Legacy.asmx")
        );
        assert!(fault
            .actor
            .as_deref()
            .unwrap()
            .ends_with("ultimateReceiver"));
        assert_eq!(err.response_code(), Some("ErrorInvalidIdMalformed"));
        assert!(err
            .to_string()
            .starts_with("GetCallInfo: SOAP fault (HTTP 500): "));
    }
}

#[test]
fn a_soap_1_1_fault_with_the_ews_detail() {
    let Some(dir) = samples() else { return };
    for mode in MODES {
        let Some((result, _server)) = call(mode, Answer::xml(500, ews_fault(&dir))) else {
            return;
        };
        let err = result.unwrap_err();
        assert_eq!(err.operation(), "GetCallInfo");
        assert_eq!(err.status(), Some(500));
        let fault = err.fault().unwrap_or_else(|| panic!("{mode:?}: {err:?}"));
        assert_eq!(fault.version, SoapVersion::Soap11);
        // `a:ErrorSchemaValidation`, the prefix declared on faultcode itself.
        assert!(fault.code.is(EWS_TYPES_NS, "ErrorSchemaValidation"));
        assert!(fault
            .reason
            .starts_with("The request failed schema validation: "));
        assert_eq!(fault.reasons[0].lang.as_deref(), Some("en-US"));
        assert_eq!(fault.response_code(), Some("ErrorSchemaValidation"));
        assert_eq!(
            fault.detail_text(Some(EWS_TYPES_NS), "LineNumber"),
            Some("13")
        );
        assert_eq!(fault.detail.as_ref().unwrap().local, "detail");
        assert!(err.to_string().contains("ErrorSchemaValidation"), "{err}");
    }
}

#[test]
fn a_fault_in_a_200_response_is_a_fault() {
    let Some(dir) = samples() else { return };
    let Some((result, _server)) = call(Mode::Blocking, Answer::xml(200, ews_fault(&dir))) else {
        return;
    };
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.response_code(), Some("ErrorSchemaValidation"));
}

#[test]
fn unauthorized_with_the_challenges() {
    for mode in MODES {
        let answer = Answer::new(
            401,
            "text/html",
            "<html><body>401 - Unauthorized</body></html>",
        )
        .header("WWW-Authenticate", "Negotiate")
        .header("WWW-Authenticate", "Basic realm=\"mail.example.com\"");
        let Some((result, _server)) = call(mode, answer) else {
            return;
        };
        match result.unwrap_err() {
            Error::Unauthorized {
                operation,
                www_authenticate,
            } => {
                assert_eq!(operation, "GetCallInfo");
                assert_eq!(
                    www_authenticate,
                    ["Negotiate", "Basic realm=\"mail.example.com\""]
                );
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
}

#[test]
fn a_500_with_an_html_page() {
    for mode in MODES {
        let Some((result, _server)) = call(mode, Answer::new(500, "text/html", HTML_500)) else {
            return;
        };
        let err = result.unwrap_err();
        match &err {
            Error::Http {
                operation,
                status,
                content_type,
                snippet,
            } => {
                assert_eq!((*operation, *status), ("GetCallInfo", 500));
                assert_eq!(content_type.as_deref(), Some("text/html"));
                assert!(
                    snippet.starts_with("500 - Internal server error.: Server Error"),
                    "{snippet}"
                );
            }
            other => panic!("{mode:?}: {other:?}"),
        }
        assert!(err
            .to_string()
            .starts_with("GetCallInfo: HTTP 500, text/html: 500 - Internal"));
    }
}

#[test]
fn a_redirect_is_not_followed() {
    for mode in MODES {
        let answer = Answer::new(302, "text/html", "<html>moved</html>")
            .header("Location", "https://other.example.com/EWS/Exchange.asmx");
        let Some((result, server)) = call(mode, answer) else {
            return;
        };
        match result.unwrap_err() {
            Error::Redirect {
                operation,
                status,
                location,
            } => {
                assert_eq!((operation, status), ("GetCallInfo", 302));
                assert_eq!(
                    location.as_deref(),
                    Some("https://other.example.com/EWS/Exchange.asmx")
                );
            }
            other => panic!("{mode:?}: {other:?}"),
        }
        // One request: the client did not go anywhere else (nor here again).
        server.only_request();
    }
}

#[test]
fn a_slow_server_past_the_timeout() {
    let Some(dir) = samples() else { return };
    for mode in MODES {
        let answer = Answer::xml(200, get_call_info(&dir).1).after(Duration::from_secs(2));
        let start = Instant::now();
        let Some((result, _server)) = call_with(mode, answer, Duration::from_millis(300)) else {
            return;
        };
        let elapsed = start.elapsed();
        match result.unwrap_err() {
            Error::Timeout { operation, source } => {
                assert_eq!(operation, "GetCallInfo");
                assert_eq!(source.kind, TransportErrorKind::Timeout);
            }
            other => panic!("{mode:?}: {other:?}"),
        }
        assert!(
            elapsed < Duration::from_millis(1500),
            "{mode:?}: {elapsed:?}"
        );
    }
}

#[test]
fn a_truncated_body_is_not_soap() {
    let Some(dir) = samples() else { return };
    let (_, response) = get_call_info(&dir);
    for mode in MODES {
        let text = String::from_utf8(response.clone()).unwrap();
        let cut = text[..text.find("<EventCause>").unwrap()].to_string();
        let Some((result, _server)) = call(mode, Answer::xml(200, cut)) else {
            return;
        };
        match result.unwrap_err() {
            Error::NotSoap {
                operation,
                status,
                reason,
                snippet,
                ..
            } => {
                assert_eq!((operation, status), ("GetCallInfo", 200));
                assert!(reason.to_string().contains("unexpected end"), "{reason}");
                assert!(snippet.starts_with("<?xml"), "{snippet}");
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
}

#[test]
fn a_connection_closed_mid_body_is_a_transport_error() {
    let Some(dir) = samples() else { return };
    let (_, response) = get_call_info(&dir);
    for mode in MODES {
        // 100 bytes announced that never come: the connection closes first.
        let mut raw = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            response.len() + 100
        )
        .into_bytes();
        raw.extend_from_slice(&response);
        let (base, thread) = raw_server(raw);
        let client = client(mode, format!("{base}{PATH}"), Duration::from_secs(5));
        let result: Result<Envelope<Document>, _> =
            run(mode, client.call(&GET_CALL_INFO, request(&dir)));
        thread.join().unwrap();
        match result.unwrap_err() {
            Error::Transport { operation, source } => {
                assert_eq!(operation, "GetCallInfo");
                assert_eq!(source.kind, TransportErrorKind::Other);
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
}

#[test]
fn a_200_html_page_is_not_soap() {
    for mode in MODES {
        let Some((result, _server)) = call(mode, Answer::new(200, "text/html", HTML_500)) else {
            return;
        };
        match result.unwrap_err() {
            Error::NotSoap { content_type, .. } => {
                assert_eq!(content_type.as_deref(), Some("text/html"))
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
}

#[test]
fn a_connection_refused() {
    let Some(dir) = samples() else { return };
    for mode in MODES {
        let endpoint = format!("http://127.0.0.1:{}{PATH}", closed_port());
        let client = client(mode, endpoint, Duration::from_secs(5));
        let result: Result<Envelope<Document>, _> =
            run(mode, client.call(&GET_CALL_INFO, request(&dir)));
        match result.unwrap_err() {
            Error::Connect { operation, source } => {
                assert_eq!(operation, "GetCallInfo");
                assert_eq!(source.kind, TransportErrorKind::Connect);
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
}

#[test]
fn a_200_the_types_reject_keeps_the_position() {
    let Some(dir) = samples() else { return };
    let (_, response) = get_call_info(&dir);
    let bad = String::from_utf8(response).unwrap().replace(
        "<CallState>Connected</CallState>",
        "<CallState>Ringing</CallState>",
    );
    for mode in MODES {
        let Some((result, _server)) = call(mode, Answer::xml(200, bad.clone())) else {
            return;
        };
        match result.unwrap_err() {
            Error::Read { operation, source } => {
                assert_eq!(operation, "GetCallInfo");
                assert_eq!(source.location.line, 6);
                assert_eq!(
                    source.location.path,
                    "Envelope/Body/GetCallInfoResponse/GetCallInfoResponse/CallState"
                );
                assert!(source.to_string().contains("Ringing"), "{source}");
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
}

#[test]
fn the_charset_of_the_content_type_is_honoured() {
    let Some(dir) = samples() else { return };
    // A fault in ISO-8859-1 with no XML declaration: only the header names the charset.
    let latin1 = b"<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>\
        <s:Fault><faultcode>s:Server</faultcode><faultstring>Gr\xF6\xDFe</faultstring>\
        </s:Fault></s:Body></s:Envelope>"
        .to_vec();
    let answer = Answer::new(500, "text/xml; charset=ISO-8859-1", latin1);
    let Some((result, _server)) = call(Mode::Async, answer) else {
        return;
    };
    let err = result.unwrap_err();
    let fault = err.fault().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(fault.reason, "Größe");
    assert!(fault.is_receiver());

    // UTF-16 with a byte-order mark: the document says what it is.
    let (_, response) = get_call_info(&dir);
    let text = String::from_utf8(response)
        .unwrap()
        .replace("utf-8", "utf-16");
    let utf16: Vec<u8> = std::iter::once(0xFEFF)
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let answer = Answer::new(200, "text/xml; charset=utf-16", utf16);
    let Some((result, _server)) = call(Mode::Blocking, answer) else {
        return;
    };
    assert_eq!(result.unwrap(), Envelope::from_xml_str(&text).unwrap());
}

/// The idiomatic async use: a client shared by concurrent tasks on a multi-threaded
/// runtime (the call's future is `Send`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_from_tokio_tasks() {
    let Some(dir) = samples() else { return };
    let (_, response) = get_call_info(&dir);
    let server = TestServer::start(vec![Answer::xml(200, response.clone()); 3]);
    let transport = ReqwestTransport::builder().no_proxy().build().unwrap();
    let client = std::sync::Arc::new(Client::new(server.endpoint(), transport));
    let mut tasks = Vec::new();
    for _ in 0..3 {
        let (client, request) = (client.clone(), request(&dir));
        tasks.push(tokio::spawn(async move {
            client
                .call::<Document, Document, Document>(&GET_CALL_INFO, request)
                .await
        }));
    }
    let expected = Envelope::<Document>::from_xml_bytes(&response).unwrap();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), expected);
    }
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn the_blocking_transport_on_a_runtime_thread_is_an_error_not_a_panic() {
    assert!(BlockingReqwestTransport::new().is_err());
}

#[test]
fn the_async_transport_without_a_runtime_is_an_error_not_a_panic() {
    let Some(dir) = samples() else { return };
    let client = Client::new(
        format!("http://127.0.0.1:{}{PATH}", closed_port()),
        ReqwestTransport::new().unwrap(),
    );
    let result: Result<Envelope<Document>, _> =
        block_on(client.call(&GET_CALL_INFO, request(&dir)));
    match result.unwrap_err() {
        Error::Transport { source, .. } => {
            assert!(source.message.contains("Tokio runtime"), "{source}")
        }
        other => panic!("{other:?}"),
    }
}
