//! Sends a plain-text message through your Exchange server with CreateItem
//! (MessageDisposition SendAndSaveCopy), through the client generated from its
//! `services.wsdl`.
//!
//! ```sh
//! EWS_SCHEMA_DIR=/path/to/downloaded/schemas EWS_PASSWORD=… cargo run -p ews-bindings \
//!     --features ews --example ews_create_item -- https://mail.contoso.com/EWS/Exchange.asmx \
//!     you@contoso.com colleague@contoso.com "Subject" "Text"
//! ```

use ews_bindings::ews;
use std::time::Duration;
use xsdgen_soap::{block_on, BlockingReqwestTransport, Client};

mod ews_common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, user, to, subject, text] = &args[..] else {
        return Err(
            "usage: ews_create_item URL USER TO SUBJECT TEXT (password in EWS_PASSWORD)".into(),
        );
    };
    let password = std::env::var("EWS_PASSWORD").unwrap_or_default();
    let transport = BlockingReqwestTransport::builder()
        .timeout(Duration::from_secs(60))
        .build_blocking()?;
    let client = ews::ExchangeServiceBindingClient::new(
        Client::new(url.as_str(), transport).basic_auth(user, password),
    );
    let classes = block_on(ews_common::send_message(&client, to, subject, text))?;
    println!("{classes:?}");
    Ok(())
}
