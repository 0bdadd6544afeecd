//! Documents the UM bindings must reject, each with the message, line, column and
//! element path the user is shown. Expected positions were counted by hand in the
//! documents below.

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::Document;
use xsdgen_runtime::{ReadError, ReadErrorKind};

const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";

/// A SOAP 1.1 envelope around `body`, which starts on line 3.
fn envelope(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\n\
         {body}\n\
         </soap:Body></soap:Envelope>"
    )
}

fn read_err(doc: &str) -> ReadError {
    match Envelope::<Document>::from_xml_str(doc) {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => e,
    }
}

fn assert_at(err: &ReadError, line: u32, column: u32, path: &str) {
    assert_eq!(
        (
            err.location.line,
            err.location.column,
            err.location.path.as_str()
        ),
        (line, column, path),
        "{err}"
    );
}

#[test]
fn empty_call_id_is_rejected_in_both_spellings() {
    for call_id in ["<CallId/>", "<CallId></CallId>"] {
        let doc = envelope(&format!(
            "<GetCallInfo xmlns=\"{M}\">\n  {call_id}\n</GetCallInfo>"
        ));
        let err = read_err(&doc);
        assert_at(&err, 4, 3, "Envelope/Body/GetCallInfo/CallId");
        assert_eq!(
            err.to_string(),
            "4:3 at Envelope/Body/GetCallInfo/CallId: invalid value \"\" for CallIdType: \
             length is 0, shorter than minLength 1"
        );
    }
}

#[test]
fn unknown_call_state_names_the_allowed_values() {
    let doc = envelope(&format!(
        "<GetCallInfoResponse xmlns=\"{M}\"><GetCallInfoResponse>\n\
         <CallState>Busy</CallState><EventCause>None</EventCause>\n\
         </GetCallInfoResponse></GetCallInfoResponse>"
    ));
    let err = read_err(&doc);
    assert_at(
        &err,
        4,
        1,
        "Envelope/Body/GetCallInfoResponse/GetCallInfoResponse/CallState",
    );
    assert_eq!(
        err.kind,
        ReadErrorKind::InvalidValue {
            value: "Busy".into(),
            type_name: "UMCallState".into(),
            reason: "not one of Idle, Connecting, Alerted, Connected, Disconnected, Incoming, \
                     Transferring, Forwarding"
                .into(),
        }
    );
}

#[test]
fn missing_required_child_points_at_the_parent_end() {
    let doc = envelope(&format!("<GetCallInfo xmlns=\"{M}\">\n</GetCallInfo>"));
    let err = read_err(&doc);
    assert_at(&err, 4, 1, "Envelope/Body/GetCallInfo");
    assert_eq!(
        err.kind,
        ReadErrorKind::MissingElement {
            expected: "<CallId>".into(),
            parent: "GetCallInfo".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "4:1 at Envelope/Body/GetCallInfo: missing element: expected <CallId>, found the end \
         of <GetCallInfo>"
    );
}

#[test]
fn children_out_of_order_name_what_was_expected() {
    let doc = envelope(&format!(
        "<GetCallInfoResponse xmlns=\"{M}\"><GetCallInfoResponse>\n\
         <EventCause>None</EventCause><CallState>Idle</CallState>\n\
         </GetCallInfoResponse></GetCallInfoResponse>"
    ));
    let err = read_err(&doc);
    assert_at(
        &err,
        4,
        1,
        "Envelope/Body/GetCallInfoResponse/GetCallInfoResponse/EventCause",
    );
    assert_eq!(
        err.to_string(),
        format!(
            "4:1 at Envelope/Body/GetCallInfoResponse/GetCallInfoResponse/EventCause: \
             unexpected element <EventCause>: expected <CallState>"
        )
    );
}

#[test]
fn unexpected_element_after_the_content() {
    let doc = envelope(&format!(
        "<GetCallInfo xmlns=\"{M}\"><CallId>abc</CallId>\n  <Extra/></GetCallInfo>"
    ));
    let err = read_err(&doc);
    assert_at(&err, 4, 3, "Envelope/Body/GetCallInfo/Extra");
    assert_eq!(
        err.kind,
        ReadErrorKind::UnexpectedElement {
            expected: "the end of <GetCallInfo>".into(),
            found: "<Extra>".into(),
        }
    );
}

#[test]
fn right_local_name_in_the_wrong_namespace_is_rejected() {
    let doc = envelope(&format!(
        "<GetCallInfo xmlns=\"{M}\">\n<CallId xmlns=\"urn:wrong\">abc</CallId></GetCallInfo>"
    ));
    let err = read_err(&doc);
    assert_at(&err, 4, 1, "Envelope/Body/GetCallInfo/CallId");
    assert_eq!(
        err.kind,
        ReadErrorKind::UnexpectedElement {
            expected: "<CallId>".into(),
            found: "<{urn:wrong}CallId>".into(),
        }
    );
}

#[test]
fn any_prefix_and_redeclarations_are_accepted() {
    // The same request with a prefix, then with the default namespace redeclared inside.
    let prefixed = envelope(&format!(
        "<m:GetCallInfo xmlns:m=\"{M}\"><m:CallId>abc</m:CallId></m:GetCallInfo>"
    ));
    let redeclared = envelope(&format!(
        "<x:GetCallInfo xmlns:x=\"urn:other\" xmlns:m=\"{M}\" xmlns=\"urn:other\">\
         <m:CallId xmlns:x=\"{M}\">abc</m:CallId></x:GetCallInfo>"
    ))
    .replace(
        "x:GetCallInfo xmlns:x=\"urn:other\"",
        &format!("x:GetCallInfo xmlns:x=\"{M}\""),
    );
    let a = Envelope::<Document>::from_xml_str(&prefixed).unwrap();
    let b = Envelope::<Document>::from_xml_str(&redeclared).unwrap();
    assert_eq!(a, b);
    let Document::GetCallInfo(request) = a.body else {
        panic!()
    };
    assert_eq!(request.call_id.get(), "abc");
}

#[test]
fn malformed_xml_is_reported_with_its_position() {
    let doc = envelope(&format!(
        "<GetCallInfo xmlns=\"{M}\"><CallId>abc</CallID></GetCallInfo>"
    ));
    let err = read_err(&doc);
    assert!(matches!(err.kind, ReadErrorKind::Malformed(_)), "{err}");
    assert_eq!(err.location.line, 3, "{err}");
    assert_eq!(
        err.location.path, "Envelope/Body/GetCallInfo/CallId",
        "{err}"
    );
    assert!(err.to_string().contains("CallID"), "{err}");
}

#[test]
fn truncated_document_says_what_was_still_open() {
    let full = envelope(&format!(
        "<GetCallInfo xmlns=\"{M}\"><CallId>abc</CallId></GetCallInfo>"
    ));
    let cut = &full[..full.find("</GetCallInfo>").unwrap()];
    let err = read_err(cut);
    assert_eq!(
        err.kind,
        ReadErrorKind::UnexpectedEof {
            expected: "the end of <GetCallInfo>".into()
        },
        "{err}"
    );
    // Line 3 holds 102 characters; the document ends just after them.
    assert_at(&err, 3, 103, "Envelope/Body/GetCallInfo");
}

#[test]
fn status_must_be_an_xml_boolean() {
    let doc = envelope(&format!(
        "<SetOofStatus xmlns=\"{M}\">\n<status>True</status>\n</SetOofStatus>"
    ));
    let err = read_err(&doc);
    assert_at(&err, 4, 1, "Envelope/Body/SetOofStatus/status");
    assert_eq!(
        err.to_string(),
        "4:1 at Envelope/Body/SetOofStatus/status: invalid value \"True\" for xs:boolean: \
         expected true, false, 1 or 0"
    );
}

#[test]
fn text_where_elements_belong_is_rejected() {
    let doc = envelope(&format!(
        "<GetCallInfo xmlns=\"{M}\">oops<CallId>abc</CallId></GetCallInfo>"
    ));
    let err = read_err(&doc);
    assert_eq!(
        err.kind,
        ReadErrorKind::UnexpectedText {
            expected: "<CallId>".into(),
            found: "oops".into(),
        }
    );
    assert_eq!(err.location.path, "Envelope/Body/GetCallInfo");
}

#[test]
fn an_unknown_attribute_is_rejected() {
    let doc = envelope(&format!(
        "<GetCallInfo xmlns=\"{M}\" flag=\"1\"><CallId>abc</CallId></GetCallInfo>"
    ));
    let err = read_err(&doc);
    assert_eq!(
        err.kind,
        ReadErrorKind::UnexpectedAttribute {
            found: "flag".into()
        }
    );
}

#[test]
fn whole_documents_dispatch_on_the_root_element() {
    let simple_root = format!("<CallId xmlns=\"{M}\">abc</CallId>");
    let Document::CallId(id) = Document::from_xml_str(&simple_root).unwrap() else {
        panic!()
    };
    assert_eq!(id.get(), "abc");
    let complex_root = format!(
        "<?xml version=\"1.0\"?>\n<GetCallInfo xmlns=\"{M}\"><CallId>abc</CallId></GetCallInfo>"
    );
    let doc = Document::from_xml_str(&complex_root).unwrap();
    let written = doc.to_xml_string().unwrap();
    xsdgen_tests::infoset::compare(&complex_root, &written).unwrap();
    assert_eq!(Document::from_xml_str(&written).unwrap(), doc);

    let err = Document::from_xml_str(&format!("<Unknown xmlns=\"{M}\"/>")).unwrap_err();
    assert_at(&err, 1, 1, "Unknown");
    assert!(
        err.to_string()
            .contains("expected a global element of namespace"),
        "{err}"
    );
    let err = Document::from_xml_str(&format!("{complex_root}<GetCallInfo/>")).unwrap_err();
    assert!(
        err.to_string()
            .contains("<GetCallInfo> after the root element: a document has one root"),
        "{err}"
    );
    assert_eq!((err.location.line, err.location.column), (2, 117));
    let err = Document::from_xml_str(&format!("{complex_root} text")).unwrap_err();
    assert!(
        err.to_string().contains("expected the end of the document"),
        "{err}"
    );
}

#[test]
fn soap_1_2_envelopes_and_headers_are_kept() {
    let doc = format!(
        "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\">\
         <env:Header><h:Trace xmlns:h=\"urn:h\" id=\"7\">x</h:Trace></env:Header>\
         <env:Body><GetCallInfo xmlns=\"{M}\"><CallId>abc</CallId></GetCallInfo></env:Body></env:Envelope>"
    );
    let envelope = Envelope::<Document>::from_xml_str(&doc).unwrap();
    assert_eq!(envelope.version, ews_bindings::soap::SoapVersion::Soap12);
    assert!(envelope.header.is_some());
    let written = envelope.to_xml_string().unwrap();
    xsdgen_tests::infoset::compare(&doc, &written).unwrap();
}

#[test]
fn an_optional_child_or_the_end_is_what_may_come() {
    // The response wraps an optional GetCallInfoResponse of its own name.
    let doc = envelope(&format!(
        "<GetCallInfoResponse xmlns=\"{M}\">\n<CallState>Idle</CallState>\n</GetCallInfoResponse>"
    ));
    let err = read_err(&doc);
    assert_at(&err, 4, 1, "Envelope/Body/GetCallInfoResponse/CallState");
    assert_eq!(
        err.kind,
        ReadErrorKind::UnexpectedElement {
            expected: "<GetCallInfoResponse> or the end of <GetCallInfoResponse>".into(),
            found: "<CallState>".into(),
        }
    );
}
