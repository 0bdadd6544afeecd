//! Calls your Exchange server: the subjects of a folder's first 50 items, through the
//! client generated from the server's `services.wsdl`.
//!
//! ```sh
//! EWS_SCHEMA_DIR=/path/to/downloaded/schemas EWS_PASSWORD=… cargo run -p ews-bindings \
//!     --features ews --example ews_client -- --url https://mail.contoso.com/EWS/Exchange.asmx \
//!     --user user@contoso.com find-item inbox
//! ```
//!
//! `--token T` sends an OAuth bearer token (Exchange Online) instead of Basic credentials.

use ews_bindings::ews;
use std::time::Duration;
use xsdgen_soap::{block_on, BlockingReqwestTransport, Client};

mod ews_common;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(lines) => {
            lines.iter().for_each(|l| println!("{l}"));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `--url URL (--user U [--password P] | --token T) find-item FOLDER`: the output lines.
fn run(args: &[String]) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let usage =
        "usage: ews_client --url URL (--user USER [--password P] | --token T) find-item FOLDER";
    let url = value("--url").ok_or(usage)?;
    let transport = BlockingReqwestTransport::builder()
        .timeout(Duration::from_secs(60))
        .build_blocking()?;
    let mut client = Client::new(url, transport);
    client = match (value("--user"), value("--token")) {
        (Some(user), _) => {
            let password = value("--password").or_else(|| std::env::var("EWS_PASSWORD").ok());
            client.basic_auth(user, password.unwrap_or_default())
        }
        (None, Some(token)) => client.bearer_auth(token),
        (None, None) => return Err(usage.into()),
    };
    let client = ews::ExchangeServiceBindingClient::new(client);
    let command = args.iter().position(|a| a == "find-item").ok_or(usage)?;
    let folder = args.get(command + 1).ok_or(usage)?.parse()?;
    block_on(ews_common::subjects(&client, folder))
}
