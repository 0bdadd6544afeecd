//! Builds a PlayOnPhone request in a SOAP envelope, prints it, then reads a
//! GetCallInfo response as Exchange sends it.
//!
//! cargo run -p ews-bindings --example um_call

use ews_bindings::soap::Envelope;
use ews_bindings::um::messages::{
    Document, GetCallInfoResponse, NonEmptyString, PlayOnPhone, UmCallState, UmEventCause,
};

const GET_CALL_INFO_RESPONSE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <GetCallInfoResponse xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <GetCallInfoResponse>
        <CallState>Connected</CallState>
        <EventCause>None</EventCause>
      </GetCallInfoResponse>
    </GetCallInfoResponse>
  </soap:Body>
</soap:Envelope>"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let request = Envelope::new(Document::from(PlayOnPhone::new(
        NonEmptyString::new(
            "AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==".into(),
        )?,
        NonEmptyString::new("12345".into())?,
    )));
    println!("{}", request.to_xml_string()?);

    let response: Envelope<Document> = Envelope::from_xml_str(GET_CALL_INFO_RESPONSE)?;
    let Document::GetCallInfoResponse(GetCallInfoResponse {
        get_call_info_response: Some(info),
        ..
    }) = response.body
    else {
        return Err("the body is not a GetCallInfo result".into());
    };
    println!(
        "\ncall state: {:?}, event cause: {:?}",
        info.call_state, info.event_cause
    );
    assert_eq!(info.call_state, UmCallState::Connected);
    assert_eq!(info.event_cause, UmEventCause::None);
    Ok(())
}
