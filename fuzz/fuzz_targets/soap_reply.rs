//! Replies to a SOAP call (`xsdgen_soap::Client::read_response` into
//! `Envelope<um::messages::Document>`): any bytes as the body, under several statuses and
//! content types, give a reply or an error of the kind the status allows, never a panic.
//! A 2xx without a charset gives exactly what `Envelope::from_xml_bytes` gives.
#![no_main]

use ews_bindings::um::messages::Document;
use libfuzzer_sys::fuzz_target;
use xsdgen_runtime::soap::Envelope;
use xsdgen_soap::{
    BoxFuture, Client, Error, HttpRequest, HttpResponse, Operation, SoapVersion, Transport,
    TransportError,
};

struct NoTransport;

impl Transport for NoTransport {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        unreachable!("the target reads responses only")
    }
}

static OPERATION: Operation = Operation {
    name: "GetCallInfo",
    soap_action: Some("http://schemas.microsoft.com/exchange/services/2006/messages/GetCallInfo"),
    version: SoapVersion::Soap11,
};

const STATUSES: [u16; 12] = [200, 202, 204, 500, 401, 302, 307, 400, 403, 404, 503, 100];
const CONTENT_TYPES: [Option<&str>; 9] = [
    None,
    Some("text/xml; charset=utf-8"),
    Some("application/soap+xml; charset=utf-8; action=\"x\""),
    Some("text/xml; charset=ISO-8859-1"),
    Some("text/xml; charset=us-ascii"),
    Some("text/xml; charset=utf-16"),
    Some("text/xml; charset=windows-1252"),
    Some("text/xml; charset=shift_jis"),
    Some("text/html; charset=\"nonsense\""),
];

fuzz_target!(|data: &[u8]| {
    let client = Client::new("http://127.0.0.1/", NoTransport);
    let derived = (
        STATUSES[data.len() % STATUSES.len()],
        CONTENT_TYPES[usize::from(data.first().copied().unwrap_or(0)) % CONTENT_TYPES.len()],
    );
    for (status, content_type) in [(200, None), (500, Some("text/xml")), derived] {
        let response = HttpResponse {
            status,
            headers: content_type
                .map(|c| ("Content-Type".to_string(), c.to_string()))
                .into_iter()
                .collect(),
            body: data.to_vec(),
        };
        let result = client.read_response::<Document, Document>(&OPERATION, &response);
        let success = (200..300).contains(&status);
        match &result {
            Ok(_) => assert!(success),
            Err(e) => {
                let _ = e.to_string();
                assert_eq!(e.operation(), "GetCallInfo");
                match e {
                    Error::Fault { status: s, .. } => assert_eq!(*s, status),
                    Error::Unauthorized { .. } => assert_eq!(status, 401),
                    Error::Redirect { .. } => assert!((300..400).contains(&status)),
                    Error::Http { .. } => assert!(!success && status != 401),
                    Error::Read { .. } | Error::NotSoap { .. } => assert!(success),
                    other => panic!("no transport, yet {other:?}"),
                }
            }
        }
        if status == 200 && content_type.is_none() {
            let direct = Envelope::<Document>::from_xml_bytes(data);
            match (&result, direct) {
                (Ok(reply), Ok(direct)) => assert_eq!(reply, &direct),
                (Err(Error::Fault { .. } | Error::Read { .. } | Error::NotSoap { .. }), Err(_)) => {}
                (result, direct) => panic!("{result:?} but read directly {direct:?}"),
            }
        }
    }
});
