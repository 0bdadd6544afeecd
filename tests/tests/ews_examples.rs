//! The EWS examples' code (`generated/examples/ews_common`, shared by `ews_client`),
//! run against a loopback HTTP server (tiny_http, port 0, one request, bounded in time):
//! the FindItem request it sends and the subjects it reads, derived item kinds included.
#![cfg(ews_corpus)]

use std::time::{Duration, Instant};

use xsdgen_soap::{block_on, BlockingReqwestTransport, Client};
use xsdgen_tests::ews2016 as ews;

#[path = "../../generated/examples/ews_common/mod.rs"]
mod ews_common;

/// Answers one request with `reply`, giving back the request's body and headers.
fn serve_once(reply: String) -> (String, std::thread::JoinHandle<Option<(String, String)>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let Ok(Some(mut request)) = server.recv_timeout(Duration::from_millis(50)) else {
                continue;
            };
            let mut body = String::new();
            request.as_reader().read_to_string(&mut body).unwrap();
            let action = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("SOAPAction"))
                .map(|h| h.value.to_string())
                .unwrap_or_default();
            let header = tiny_http::Header::from_bytes("Content-Type", "text/xml; charset=utf-8");
            let _ = request
                .respond(tiny_http::Response::from_string(reply).with_header(header.unwrap()));
            return Some((body, action));
        }
        None
    });
    (format!("http://127.0.0.1:{port}/EWS/Exchange.asmx"), handle)
}

fn client(url: String) -> ews::ExchangeServiceBindingClient<BlockingReqwestTransport> {
    let transport = BlockingReqwestTransport::builder()
        .timeout(Duration::from_secs(20))
        .no_proxy()
        .build_blocking()
        .unwrap();
    ews::ExchangeServiceBindingClient::new(Client::new(url, transport).basic_auth("u", "p"))
}

/// A FindItem response written for this test: a message, a meeting request (a type
/// three extensions below `ItemType`), a task, and a message without a subject.
const REPLY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>
<h:ServerVersionInfo xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" MajorVersion="15" MinorVersion="1"/>
</s:Header><s:Body>
<m:FindItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
    xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
 <m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">
  <m:ResponseCode>NoError</m:ResponseCode>
  <m:RootFolder TotalItemsInView="4" IncludesLastItemInRange="true"><t:Items>
   <t:Message><t:ItemId Id="A1"/><t:Subject>Quarterly numbers</t:Subject></t:Message>
   <t:MeetingRequest><t:ItemId Id="A2"/><t:Subject>Design review</t:Subject></t:MeetingRequest>
   <t:Task><t:ItemId Id="A3"/><t:Subject>File the report</t:Subject></t:Task>
   <t:Message><t:ItemId Id="A4"/></t:Message>
  </t:Items></m:RootFolder>
 </m:FindItemResponseMessage></m:ResponseMessages>
</m:FindItemResponse></s:Body></s:Envelope>"#;

#[test]
fn find_item_sends_the_documented_request_and_reads_every_kind_of_item() {
    let (url, server) = serve_once(REPLY.to_string());
    let subjects = block_on(ews_common::subjects(
        &client(url),
        ews::types::DistinguishedFolderIdNameType::Inbox,
    ))
    .unwrap();
    assert_eq!(
        subjects,
        [
            "Quarterly numbers",
            "Design review",
            "File the report",
            "(no subject)"
        ]
    );
    let (body, action) = server.join().unwrap().expect("one request");
    assert_eq!(
        action,
        "\"http://schemas.microsoft.com/exchange/services/2006/messages/FindItem\""
    );
    // The namespace declarations aside (the writer declares the default namespace where
    // it changes), what the EWS reference's FindItem example sends (checked by hand against it):
    // the version header, a shallow IdOnly + item:Subject search of the inbox, 50 items
    // from the start.
    for fragment in [
        "<soap:Header><RequestServerVersion Version=\"Exchange2016\"/></soap:Header>",
        "Traversal=\"Shallow\"",
        "<BaseShape>IdOnly</BaseShape><AdditionalProperties><FieldURI FieldURI=\"item:Subject\"/></AdditionalProperties>",
        "MaxEntriesReturned=\"50\" Offset=\"0\" BasePoint=\"Beginning\"",
        "<DistinguishedFolderId Id=\"inbox\"/>",
    ] {
        let body = body
            .replace(" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\"", "")
            .replace(" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"", "");
        assert!(body.contains(fragment), "{fragment} not in {body}");
    }
}

#[test]
fn a_failed_response_message_is_an_error_with_its_code() {
    let reply = REPLY
        .replace("ResponseClass=\"Success\"", "ResponseClass=\"Error\"")
        .replace(">NoError<", ">ErrorFolderNotFound<");
    let (url, server) = serve_once(reply);
    let err = block_on(ews_common::subjects(
        &client(url),
        ews::types::DistinguishedFolderIdNameType::Inbox,
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("FindItem failed: ErrorFolderNotFound"),
        "{err}"
    );
    server.join().unwrap();
}

#[test]
fn create_item_sends_a_message_and_reads_the_documented_response() {
    let Some(corpus) = xsdgen_tests::corpus_dir() else {
        return;
    };
    let reply = std::fs::read_to_string(
        corpus.join("ews/samples/createitem-operation-email-message-2.xml"),
    )
    .unwrap();
    let (url, server) = serve_once(reply);
    let classes = block_on(ews_common::send_message(
        &client(url),
        "colleague@contoso.com",
        "Lunch?",
        "Noon at the usual place.",
    ))
    .unwrap();
    assert_eq!(classes, [ews::types::ResponseClassType::Success]);
    let (body, action) = server.join().unwrap().expect("one request");
    assert_eq!(
        action,
        "\"http://schemas.microsoft.com/exchange/services/2006/messages/CreateItem\""
    );
    let body = body
        .replace(
            " xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\"",
            "",
        )
        .replace(
            " xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"",
            "",
        );
    // As the EWS reference's CreateItem (email message) example sends it, checked by hand.
    for fragment in [
        "<CreateItem MessageDisposition=\"SendAndSaveCopy\"><Items><Message>",
        "<Subject>Lunch?</Subject><Body BodyType=\"Text\">Noon at the usual place.</Body>",
        "<ToRecipients><Mailbox><EmailAddress>colleague@contoso.com</EmailAddress></Mailbox></ToRecipients>",
    ] {
        assert!(body.contains(fragment), "{fragment} not in {body}");
    }
    // A bad address is refused before anything is sent.
    let err = ews_common::create_item("", "s", "t").unwrap_err();
    assert!(err.to_string().contains("length"), "{err}");
}
