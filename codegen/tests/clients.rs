//! SOAP clients from WSDL 1.1 bindings (issue 16): what is generated for a binding, and
//! what gets no client and says so. The generated clients are compiled and called over
//! HTTP in the `ews-bindings` (UM) and `xsdgen-tests` (EWS) crates.

mod common;

use common::corpus;

use std::path::{Path, PathBuf};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// The row of operation `name` in the client's operations table, and its index (the
/// number the operation's method calls with).
fn operation_row<'c>(code: &'c str, name: &str) -> (usize, &'c str) {
    let table = &code[code.find("_OPERATIONS: &[(").unwrap()..];
    let table = &table[..table.find("\n];").unwrap()];
    table
        .split("\n    (\n")
        .skip(1)
        .enumerate()
        .find(|(_, row)| row.trim_start().starts_with(&format!("\"{name}\",")))
        .unwrap_or_else(|| panic!("no row {name} in {table}"))
}

fn methods(code: &str) -> Vec<&str> {
    code.lines()
        .filter_map(|l| l.trim_start().strip_prefix("pub async fn "))
        .map(|l| l.split(['(', '<']).next().unwrap())
        .filter(|m| *m != "call_named") // the call by name, beside one method per operation
        .collect()
}

#[test]
fn the_um_wsdl_gives_a_client_of_its_eleven_operations() {
    let g = xsdgen::Config::new()
        .schema(repo("schemas/um/um.wsdl"))
        .generate()
        .unwrap();
    assert!(g.notes.is_empty(), "{:?}", g.notes);
    let code = g.clients.expect("a client");
    assert!(code.contains("pub struct UmLegacyServiceSoapClient<T>"));
    assert_eq!(
        methods(&code),
        [
            "disconnect",
            "get_call_info",
            "get_um_properties",
            "is_um_enabled",
            "play_on_phone",
            "play_on_phone_greeting",
            "reset_pin",
            "set_missed_call_notification_enabled",
            "set_oof_status",
            "set_play_on_phone_dial_string",
            "set_telephone_access_folder_email",
        ]
    );
    // No operation takes header blocks: the methods take the request alone, and the
    // ASMX SOAPAction is the namespace and the operation's name.
    let play = &code[code.find("pub async fn play_on_phone(").unwrap()..];
    let play = &play[..play.find("pub async fn").unwrap_or(play.len()).max(600)];
    assert!(play.contains("request: messages::PlayOnPhone,\n    ) -> UmLegacyServiceSoapResult<messages::PlayOnPhoneResponse>"), "{play}");
    let (index, row) = operation_row(&code, "PlayOnPhone");
    let compact: String = play.split_whitespace().collect();
    assert!(compact.contains(&format!(".call({index},")), "{play}");
    assert!(
        row.contains(
            "\"http://schemas.microsoft.com/exchange/services/2006/messages/PlayOnPhone\""
        ),
        "{row}"
    );
}

#[test]
fn the_ews_wsdl_gives_a_client_of_its_122_operations_with_typed_headers() {
    let Some(wsdl) = corpus("ews/exchange2016/services.wsdl") else {
        return;
    };
    let g = xsdgen::Config::new().schema(wsdl).generate().unwrap();
    assert!(g.notes.is_empty(), "{:?}", g.notes);
    let code = g.clients.expect("a client");
    let methods = methods(&code);
    assert_eq!(methods.len(), 122);
    assert!(methods.contains(&"find_item") && methods.contains(&"create_item"));
    // The header blocks the operations declare, typed, in order of first use.
    let headers = &code[code
        .find("pub struct ExchangeServiceBindingHeaders {")
        .unwrap()..];
    let headers = &headers[..headers.find("\n}").unwrap()];
    let fields: Vec<&str> = headers
        .lines()
        .skip(1)
        .filter_map(|l| l.trim_start().strip_prefix("pub "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "exchange_impersonation",
            "mailbox_culture",
            "request_server_version",
            "time_zone_context",
            "management_role",
            "date_time_precision",
        ]
    );
    assert!(
        code.contains("pub server_version_info: ::core::option::Option<types::ServerVersionInfo>")
    );
    // FindItem sends the six blocks its binding names, and takes ServerVersionInfo back.
    let find = &code[code.find("pub async fn find_item(").unwrap()..];
    let find = &find[..find[1..].find("pub async fn").unwrap()];
    let (index, row) = operation_row(&code, "FindItem");
    let compact: String = find.split_whitespace().collect();
    assert!(
        compact.contains(&format!(".call({index},headers")),
        "{find}"
    );
    assert!(row.contains("&[0, 1, 2, 3, 5, 4]"), "{row}");
    assert!(find.contains("Document::Messages(messages::Document::FindItemResponse(value))"));
}

#[test]
fn an_rpc_literal_binding_gets_no_client_and_a_note_saying_why() {
    let Some(wsdl) = corpus("realworld/04-soap-wsdl/samples/hello.wsdl") else {
        return;
    };
    let g = xsdgen::Config::new().schema(wsdl).generate().unwrap();
    assert_eq!(g.clients, None);
    assert_eq!(
        g.notes,
        [
            "binding HelloImplPortBinding is rpc/literal: no client (clients are generated for \
          document/literal bindings)"
        ]
    );
    // Off: no notes either.
    let Some(wsdl) = corpus("realworld/04-soap-wsdl/samples/hello.wsdl") else {
        return;
    };
    let g = xsdgen::Config::new()
        .schema(wsdl)
        .clients(false)
        .generate()
        .unwrap();
    assert!(g.notes.is_empty());
}

/// Writes `t.xsd` (the global string elements `elements` in `urn:t`) and `t.wsdl`, whose
/// `definitions` import it and hold `parts` (messages, port type, binding of style
/// document), into a folder of its own; gives the WSDL's path.
fn one_binding_wsdl(case: &str, elements: &[&str], parts: &str) -> PathBuf {
    let dir = common::folder("clients", case);
    let elements: String = elements
        .iter()
        .map(|e| format!(r#"<xs:element name="{e}" type="xs:string"/>"#))
        .collect();
    let xsd = format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"
        elementFormDefault="qualified">{elements}</xs:schema>"#
    );
    let wsdl = format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
        xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:t="urn:t" targetNamespace="urn:t">
      <types><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:import namespace="urn:t" schemaLocation="t.xsd"/></xs:schema></types>
      {parts}
    </definitions>"#
    );
    common::write(&dir, "t.xsd", &xsd);
    common::write(&dir, "t.wsdl", &wsdl)
}

/// A bound operation of literal input and output bodies.
fn literal_operation(name: &str) -> String {
    format!(
        r#"<operation name="{name}"><input><soap:body use="literal"/></input>
          <output><soap:body use="literal"/></output></operation>"#
    )
}

#[test]
fn an_operation_whose_body_is_not_one_element_gets_no_method() {
    let parts = format!(
        r#"<message name="In"><part name="a" element="t:A"/><part name="b" element="t:B"/></message>
      <message name="Out"><part name="a" element="t:A"/></message>
      <portType name="P">
        <operation name="Two"><input message="t:In"/><output message="t:Out"/></operation>
        <operation name="One"><input message="t:Out"/><output message="t:Out"/></operation>
      </portType>
      <binding name="B" type="t:P">
        <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
        {}{}
      </binding>"#,
        literal_operation("Two"),
        literal_operation("One")
    );
    let path = one_binding_wsdl("two-parts", &["A", "B"], &parts);
    let g = xsdgen::Config::new().schema(path).generate().unwrap();
    assert_eq!(
        g.notes,
        [
            "operation Two of binding B: its input body has 2 parts (a client's body is one \
          element); no method"
        ]
    );
    assert_eq!(methods(g.clients.as_deref().unwrap()), ["one"]);
}

#[test]
fn an_operations_documentation_is_its_methods_rustdoc() {
    let parts = format!(
        r#"<message name="In"><part name="o" element="t:Order"/></message>
      <message name="Out"><part name="r" element="t:Receipt"/></message>
      <portType name="P">
        <operation name="PlaceOrder">
          <documentation>Places an order and answers with its receipt.</documentation>
          <input message="t:In"/><output message="t:Out"/></operation>
        <operation name="Undocumented"><input message="t:In"/><output message="t:Out"/></operation>
      </portType>
      <binding name="B" type="t:P">
        <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
        {}{}
      </binding>"#,
        literal_operation("PlaceOrder"),
        literal_operation("Undocumented")
    );
    let path = one_binding_wsdl("documented", &["Order", "Receipt"], &parts);
    let g = xsdgen::Config::new().schema(path).generate().unwrap();
    let code = g.clients.expect("a client");
    // The doc comment right above each method, as prettyplease writes it.
    let doc_of = |method: &str| -> Vec<String> {
        let lines: Vec<&str> = code.lines().map(str::trim).collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("pub async fn {method}(")))
            .unwrap_or_else(|| panic!("no method {method} in\n{code}"));
        let mut doc: Vec<String> = lines[..at]
            .iter()
            .rev()
            .take_while(|l| l.starts_with("///"))
            .map(|l| l.to_string())
            .collect();
        doc.reverse();
        doc
    };
    let placed = doc_of("place_order");
    assert_eq!(
        placed.first().map(String::as_str),
        Some("/// Places an order and answers with its receipt."),
        "{placed:?}"
    );
    let undocumented = doc_of("undocumented");
    assert_eq!(
        undocumented.first().map(String::as_str),
        Some("/// The `Undocumented` operation."),
        "{undocumented:?}"
    );
}
