//! WSDL 1.1 documents as generator input: the schemas inside `wsdl:types` (inline and
//! imported) go through the same pipeline as schema files, and the service model
//! (messages, port types, SOAP bindings, services) is read and checked.
//!
//! Fixtures: `tests/fixtures/wsdl/`. Corpus tests (Exchange's services.wsdl and
//! EWSStack.wsdl, the SOAP/WSDL samples of the real-world corpus) print `skipped: …`
//! when `../shared/corpus` is absent.

mod common;

use common::corpus;
use std::path::{Path, PathBuf};

use xsdgen::load::{ImportTarget, LinkKind};
use xsdgen::syntax::QName;
use xsdgen::wsdl::{OperationPattern, PartContent, ServiceModel, SoapStyle, SoapUse, SoapVersion};

const EWS_M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const EWS_T: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wsdl")
        .join(name)
}

fn q(ns: &str, local: &str) -> QName {
    QName::new(Some(ns), local)
}

fn generate(config: xsdgen::Config) -> xsdgen::Generated {
    config.generate().unwrap_or_else(|e| panic!("{e}"))
}

fn error(config: xsdgen::Config) -> xsdgen::Error {
    match config.generate() {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

fn module_names(g: &xsdgen::Generated) -> Vec<&str> {
    g.modules.iter().map(|(name, _)| name.as_str()).collect()
}

/// Global element names of a checked set, sorted.
fn global_elements(config: &xsdgen::Config) -> Vec<QName> {
    let (model, _, _, _) = config.check_wsdl().unwrap_or_else(|e| panic!("{e}"));
    let mut names: Vec<QName> = model.elements.iter().map(|e| e.name.clone()).collect();
    names.sort();
    names
}

fn same_file(a: &Path, b: &Path) -> bool {
    std::fs::canonicalize(a).unwrap() == std::fs::canonicalize(b).unwrap()
}

#[test]
fn the_exchange_2016_services_wsdl_generates_the_same_modules_as_its_messages_xsd() {
    let Some(dir) = corpus("ews/exchange2016") else {
        return;
    };
    let wsdl = generate(xsdgen::Config::new().schema(dir.join("services.wsdl")));
    let xsd = generate(xsdgen::Config::new().schema(dir.join("messages.xsd")));
    assert_eq!(module_names(&wsdl), ["messages", "types"]);
    assert_eq!(module_names(&wsdl), module_names(&xsd));
    for ((name, from_wsdl), (_, from_xsd)) in wsdl.modules.iter().zip(&xsd.modules) {
        assert_eq!(
            from_wsdl.lines().count(),
            from_xsd.lines().count(),
            "module {name}"
        );
        assert!(from_wsdl == from_xsd, "module {name}: same code");
    }
    assert_eq!(wsdl.documents, xsd.documents);
    assert_eq!(wsdl.files.len(), 3, "{:?}", wsdl.files);
    assert!(same_file(&wsdl.files[0], &dir.join("services.wsdl")));
    assert!(xsd.services.is_empty(), "schemas alone have no services");
    assert!(!wsdl.services.is_empty());
}

#[test]
fn the_exchange_2016_service_model_lists_find_item_with_its_message_action_and_headers() {
    let Some(path) = corpus("ews/exchange2016/services.wsdl") else {
        return;
    };
    let services = generate(xsdgen::Config::new().schema(path)).services;
    assert_eq!(services.port_types.len(), 1);
    let port_type = &services.port_types[0];
    assert_eq!(port_type.name, q(EWS_M, "ExchangeServicePortType"));
    assert_eq!(port_type.operations.len(), 122);
    assert!(port_type
        .operations
        .iter()
        .all(|o| o.pattern == OperationPattern::RequestResponse));
    for name in [
        "GetItem",
        "CreateItem",
        "FindFolder",
        "SyncFolderItems",
        "GetUserAvailability",
    ] {
        assert!(port_type.operation(name).is_some(), "{name}");
    }

    let find_item = port_type.operation("FindItem").unwrap();
    let input = find_item.input.as_ref().unwrap();
    assert_eq!(input.message, q(EWS_M, "FindItemSoapIn"));
    let message = services.message(&input.message).unwrap();
    let parts: Vec<(&str, &PartContent)> = message
        .parts
        .iter()
        .map(|p| (p.name.as_str(), &p.content))
        .collect();
    assert_eq!(
        parts,
        [
            ("request", &PartContent::Element(q(EWS_M, "FindItem"))),
            (
                "Impersonation",
                &PartContent::Element(q(EWS_T, "ExchangeImpersonation"))
            ),
            (
                "MailboxCulture",
                &PartContent::Element(q(EWS_T, "MailboxCulture"))
            ),
            (
                "RequestVersion",
                &PartContent::Element(q(EWS_T, "RequestServerVersion"))
            ),
            (
                "TimeZoneContext",
                &PartContent::Element(q(EWS_T, "TimeZoneContext"))
            ),
            (
                "DateTimePrecision",
                &PartContent::Element(q(EWS_T, "DateTimePrecision"))
            ),
            (
                "ManagementRole",
                &PartContent::Element(q(EWS_T, "ManagementRole"))
            ),
        ]
    );
    let output = services
        .message(&find_item.output.as_ref().unwrap().message)
        .unwrap();
    assert_eq!(output.name, q(EWS_M, "FindItemSoapOut"));
    assert_eq!(
        output.part("FindItemResult").unwrap().content,
        PartContent::Element(q(EWS_M, "FindItemResponse"))
    );
    assert!(output.span.file.ends_with("services.wsdl"));
    assert_eq!(output.span.line, 367);

    assert_eq!(services.bindings.len(), 1);
    let binding = &services.bindings[0];
    assert_eq!(binding.name, q(EWS_M, "ExchangeServiceBinding"));
    assert_eq!(binding.port_type, port_type.name);
    let soap = binding.soap.as_ref().unwrap();
    assert_eq!(soap.version, SoapVersion::Soap11);
    assert_eq!(soap.style, SoapStyle::Document);
    assert_eq!(
        soap.transport.as_deref(),
        Some("http://schemas.xmlsoap.org/soap/http")
    );
    let bound = binding.operation("FindItem").unwrap();
    assert_eq!(
        bound.soap_action.as_deref(),
        Some("http://schemas.microsoft.com/exchange/services/2006/messages/FindItem")
    );
    assert_eq!(bound.style, Some(SoapStyle::Document));
    let bound_input = bound.input.as_ref().unwrap();
    let body = bound_input.body.as_ref().unwrap();
    assert_eq!(body.parts.as_deref(), Some(&["request".to_string()][..]));
    assert_eq!(body.use_, SoapUse::Literal);
    let headers: Vec<&str> = bound_input
        .headers
        .iter()
        .map(|h| h.part.as_str())
        .collect();
    assert_eq!(
        headers,
        [
            "Impersonation",
            "MailboxCulture",
            "RequestVersion",
            "TimeZoneContext",
            "DateTimePrecision",
            "ManagementRole"
        ]
    );
    assert!(bound_input
        .headers
        .iter()
        .all(|h| h.message == q(EWS_M, "FindItemSoapIn")));
    let bound_output = bound.output.as_ref().unwrap();
    assert_eq!(
        bound_output.body.as_ref().unwrap().parts.as_deref(),
        Some(&["FindItemResult".to_string()][..])
    );
    assert_eq!(bound_output.headers.len(), 1);
    assert_eq!(bound_output.headers[0].part, "ServerVersion");
    // Every port type operation is bound, with an action named after it but for a few
    // that services.wsdl writes otherwise.
    assert_eq!(binding.operations.len(), port_type.operations.len());
    let odd: Vec<(&str, &str)> = binding
        .operations
        .iter()
        .filter_map(|op| {
            let action = op.soap_action.as_deref().unwrap();
            let local = action.strip_prefix(&format!("{EWS_M}/")).unwrap();
            (local != op.name).then_some((op.name.as_str(), local))
        })
        .collect();
    assert_eq!(
        odd,
        [
            ("GetStreamingEvents", "GetEvents"),
            ("GetMeetingInstance", "GetMeetingInstanceRequest"),
            ("DeleteMeetingInstance", "DeleteMeetingInstanceRequest"),
            ("UpdateMeetingInstance", "UpdateMeetingInstanceRequest"),
            ("CreateMeetingInstance", "CreateMeetingInstanceRequest"),
        ]
    );

    assert_eq!(services.services.len(), 1);
    let service = &services.services[0];
    assert_eq!(service.name, q(EWS_M, "ExchangeServices"));
    assert_eq!(service.ports.len(), 1);
    assert_eq!(service.ports[0].name, "ExchangeServicePort");
    assert_eq!(service.ports[0].binding, binding.name);
    let address = service.ports[0].address.as_ref().unwrap();
    assert_eq!(
        (address.version, address.location.as_str()),
        (SoapVersion::Soap11, "")
    );
}

#[test]
fn the_ms_oxws_ews_stack_wsdl_with_two_embedded_schemas_generates() {
    let Some(path) = corpus("ews/ms-oxws/EWSStack.wsdl") else {
        return;
    };
    let g = generate(xsdgen::Config::new().schema(&path));
    let mut names = module_names(&g);
    names.sort();
    assert_eq!(names, ["messages", "types"]);
    assert!(same_file(&g.files[0], &path));
    // The embedded "types" schema is empty; its namespace's components come from the
    // MS-OXWS files the embedded "messages" schema reaches.
    let types = g.modules.iter().find(|(name, _)| name == "types").unwrap();
    assert!(types.1.contains("pub struct ItemType"));
    let services = &g.services;
    assert!(
        services.services.is_empty(),
        "EWSStack.wsdl has no wsdl:service"
    );
    assert_eq!(services.port_types.len(), 1);
    assert_eq!(services.port_types[0].operations.len(), 39);
    let get_item = services.bindings[0].operation("GetItem").unwrap();
    assert_eq!(
        get_item.soap_action.as_deref(),
        Some("http://schemas.microsoft.com/exchange/services/2006/messages/GetItem")
    );
}

#[test]
fn every_wsdl_of_the_soap_wsdl_samples_generates() {
    let Some(dir) = corpus("realworld/04-soap-wsdl/samples") else {
        return;
    };
    let encoding = dir.join("../soap-encoding.xsd");
    let tempuri = |names: &[&str]| -> Vec<QName> {
        names.iter().map(|n| q("http://tempuri.org/", n)).collect()
    };
    // File → global elements of its schemas, sorted; `None`: refers to SOAP encoding's
    // schema by namespace only ("fallback locations"), mapped here to the set's copy.
    let expected: Vec<(&str, Vec<QName>)> = vec![
        (
            "hello.wsdl",
            vec![
                q("http://hello/", "HelloByeError"),
                q("http://hello/", "HelloError"),
            ],
        ),
        (
            "services.wsdl",
            tempuri(&[
                "Add",
                "AddResponse",
                "Divide",
                "DivideResponse",
                "Multiply",
                "MultiplyResponse",
                "Subtract",
                "SubtractResponse",
            ]),
        ),
        (
            "stockquote.wsdl",
            vec![
                q("http://example.com/stockquote/schemas", "TradePrice"),
                q("http://example.com/stockquote/schemas", "TradePriceRequest"),
            ],
        ),
        (
            "stockquoteservice.wsdl",
            vec![
                q("http://example.com/stockquote/schemas", "TradePrice"),
                q("http://example.com/stockquote/schemas", "TradePriceRequest"),
            ],
        ),
        ("wsdl11_example3_no_types.wsdl", vec![]),
        (
            "wsdl11_example3_valid.wsdl",
            vec![
                q("http://example.com/stockquote.xsd", "SubscribeToQuotes"),
                q("http://example.com/stockquote.xsd", "SubscriptionHeader"),
            ],
        ),
        ("wsdl11_example4_valid.wsdl", vec![]),
        ("wsdl11_example5_valid.wsdl", vec![]),
        ("wsdl11_example5_with_fault.wsdl", vec![]),
    ];
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wsdl"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = expected.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        on_disk, listed,
        "each sample WSDL has its expectations here"
    );

    for (file, elements) in expected {
        let mut config = xsdgen::Config::new().schema(dir.join(file));
        if file.starts_with("wsdl11_example5") {
            // Its schema imports the SOAP encoding namespace without a location.
            let err = error(config.clone());
            assert!(err.to_string().contains("soap/encoding/}Array"), "{err}");
            assert!(err.span().unwrap().file.ends_with(file), "{err}");
            config = config.map_location("http://schemas.xmlsoap.org/soap/encoding/", &encoding);
        }
        if file.starts_with("wsdl11_example4") || file.starts_with("wsdl11_example5") {
            // rpc/encoded: refused for a client, by name; the types alone generate.
            let err = error(config.clone());
            assert!(
                err.to_string()
                    .contains("binding StockQuoteBinding is encoded (use=\"encoded\")"),
                "{err}"
            );
            config = config.clients(false);
        }
        let g = generate(config.clone());
        let (model, _, _, services) = config.check_wsdl().unwrap();
        let own: Vec<QName> = {
            let mut own: Vec<QName> = model
                .elements
                .iter()
                .map(|e| e.name.clone())
                .filter(|n| n.ns.as_deref() != Some("http://schemas.xmlsoap.org/soap/encoding/"))
                .collect();
            own.sort();
            own
        };
        assert_eq!(own, elements, "{file}");
        assert!(!services.is_empty(), "{file}: its service model");
        match file {
            "wsdl11_example3_no_types.wsdl" | "wsdl11_example4_valid.wsdl" => {
                assert!(g.modules.is_empty(), "{file}: no types, nothing generated")
            }
            "wsdl11_example5_valid.wsdl" | "wsdl11_example5_with_fault.wsdl" => {
                let schema = g
                    .modules
                    .iter()
                    .find(|(name, _)| name == "schema")
                    .unwrap_or_else(|| panic!("{file}: {:?}", module_names(&g)));
                assert!(schema.1.contains("pub struct TimePeriod"), "{file}");
                assert!(schema.1.contains("pub struct ArrayOfFloat"), "{file}");
            }
            _ => assert_eq!(g.modules.len(), 1, "{file}: {:?}", module_names(&g)),
        }
    }

    // The imported WSDL's port type is the binding's.
    let services =
        generate(xsdgen::Config::new().schema(dir.join("stockquoteservice.wsdl"))).services;
    let binding = &services.bindings[0];
    assert_eq!(
        binding.port_type,
        q(
            "http://example.com/stockquote/definitions",
            "StockQuotePortType"
        )
    );
    assert!(services.port_type(&binding.port_type).is_some());
    // RPC/encoded, a SOAP 1.2 binding, a fault.
    let services = generate(
        xsdgen::Config::new()
            .schema(dir.join("wsdl11_example4_valid.wsdl"))
            .clients(false),
    )
    .services;
    let op = &services.bindings[0].operations[0];
    assert_eq!(op.style, Some(SoapStyle::Rpc));
    let body = op.input.as_ref().unwrap().body.as_ref().unwrap();
    assert_eq!(body.use_, SoapUse::Encoded);
    assert_eq!(
        body.encoding_style.as_deref(),
        Some("http://schemas.xmlsoap.org/soap/encoding/")
    );
    let services = generate(xsdgen::Config::new().schema(dir.join("services.wsdl"))).services;
    let versions: Vec<SoapVersion> = services
        .bindings
        .iter()
        .map(|b| b.soap.as_ref().unwrap().version)
        .collect();
    assert_eq!(versions, [SoapVersion::Soap11, SoapVersion::Soap12]);
    let services = generate(
        xsdgen::Config::new()
            .schema(dir.join("wsdl11_example5_with_fault.wsdl"))
            .map_location("http://schemas.xmlsoap.org/soap/encoding/", &encoding)
            .clients(false),
    )
    .services;
    let op = &services.port_types[0].operations[0];
    assert_eq!(
        op.parameter_order,
        ["tickerSymbol", "timePeriod", "frequency"]
    );
    assert_eq!(op.faults[0].name.as_deref(), Some("fault"));
    assert_eq!(services.bindings[0].operations[0].faults[0].name, "fault");
}

#[test]
fn two_embedded_schemas_import_each_other_without_a_schema_location() {
    let path = fixture("siblings.wsdl");
    let set = xsdgen::load::load(std::slice::from_ref(&path), &Default::default()).unwrap();
    assert_eq!(set.files.len(), 2, "the two embedded schemas, nothing else");
    assert_eq!(set.paths, std::slice::from_ref(&path));
    for (i, file) in set.files.iter().enumerate() {
        assert_eq!(file.path, path);
        assert_eq!(file.embedded, Some(i));
        assert_eq!(file.links.len(), 1);
        assert_eq!(file.links[0].kind, LinkKind::Import);
        assert_eq!(file.links[0].file, 1 - i, "each reaches its sibling");
    }
    assert_eq!(set.wsdl.len(), 1);
    assert_eq!(set.wsdl[0].schemas, [0, 1]);

    let g = generate(xsdgen::Config::new().schema(&path));
    assert_eq!(module_names(&g), ["orders", "common"]);
    assert_eq!(g.files, [path]);
    assert!(g.modules[0].1.contains("pub struct PlaceOrder"));
    assert!(g.modules[1].1.contains("pub struct Item"));
}

#[test]
fn the_service_model_of_a_wsdl_with_soap_1_1_and_1_2_bindings() {
    let g = generate(xsdgen::Config::new().schema(fixture("siblings.wsdl")));
    let s: &ServiceModel = &g.services;
    let svc = |local: &str| q("urn:example:service", local);
    let op = s
        .port_type(&svc("Orders"))
        .unwrap()
        .operation("PlaceOrder")
        .unwrap();
    assert_eq!(op.doc.as_deref(), Some("Places an order."));
    assert_eq!(op.faults.len(), 1);
    assert_eq!(op.faults[0].message, svc("OrderFault"));
    assert_eq!(
        s.message(&svc("OrderFault")).unwrap().parts[0].content,
        PartContent::Element(q("urn:example:common", "Fault"))
    );

    let soap11 = s.binding(&svc("OrdersSoap")).unwrap();
    let bound = soap11.operation("PlaceOrder").unwrap();
    assert_eq!(
        bound.soap_action.as_deref(),
        Some("urn:example:service/PlaceOrder")
    );
    assert_eq!(bound.style, Some(SoapStyle::Document));
    let input = bound.input.as_ref().unwrap();
    assert_eq!(input.headers.len(), 1);
    assert_eq!(input.headers[0].message, svc("PlaceOrderIn"));
    assert_eq!(input.headers[0].part, "session");
    assert_eq!(bound.faults[0].name, "OrderFault");
    assert_eq!(bound.faults[0].use_, Some(SoapUse::Literal));

    let soap12 = s.binding(&svc("OrdersSoap12")).unwrap();
    let soap = soap12.soap.as_ref().unwrap();
    assert_eq!(soap.version, SoapVersion::Soap12);
    assert_eq!(soap.style, SoapStyle::Document, "the default");
    let bound = soap12.operation("PlaceOrder").unwrap();
    assert_eq!(
        bound.style,
        Some(SoapStyle::Rpc),
        "the operation's own style"
    );
    assert_eq!(
        bound
            .input
            .as_ref()
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .namespace
            .as_deref(),
        Some("urn:example:service")
    );
    assert_eq!(
        bound.input.as_ref().unwrap().body.as_ref().unwrap().parts,
        None
    );

    let service = &s.services[0];
    assert_eq!(
        service.doc.as_deref(),
        Some("Orders, over SOAP 1.1 and 1.2.")
    );
    let ports: Vec<(&str, SoapVersion, &str)> = service
        .ports
        .iter()
        .map(|p| {
            let a = p.address.as_ref().unwrap();
            (p.name.as_str(), a.version, a.location.as_str())
        })
        .collect();
    assert_eq!(
        ports,
        [
            (
                "OrdersSoap",
                SoapVersion::Soap11,
                "https://example.com/orders"
            ),
            (
                "OrdersSoap12",
                SoapVersion::Soap12,
                "https://example.com/orders12"
            ),
        ]
    );
}

#[test]
fn an_error_inside_an_embedded_schema_points_into_the_wsdl_file() {
    let path = fixture("bad-embedded.wsdl");
    let err = error(xsdgen::Config::new().schema(&path));
    let span = err.span().unwrap();
    assert_eq!(span.file, path);
    assert_eq!((span.line, span.column), (11, 7), "{err}");
    assert!(
        err.to_string().contains("xs:nope") || err.to_string().contains("nope"),
        "{err}"
    );
}

#[test]
fn a_wsdl_2_0_document_is_refused_as_not_supported() {
    let path = fixture("wsdl20.wsdl");
    let err = error(xsdgen::Config::new().schema(&path));
    assert!(matches!(err, xsdgen::Error::Wsdl { .. }), "{err}");
    assert!(
        err.to_string().contains("WSDL 2.0 is not supported"),
        "{err}"
    );
    let span = err.span().unwrap();
    assert_eq!((span.file.as_path(), span.line), (path.as_path(), 2));
}

#[test]
fn an_operation_naming_an_unknown_message_is_an_error_with_its_position() {
    let path = fixture("unknown-message.wsdl");
    let err = error(xsdgen::Config::new().schema(&path));
    assert!(matches!(err, xsdgen::Error::Wsdl { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("names message {urn:example:svc}PingOut, which no wsdl:message defines"),
        "{err}"
    );
    let span = err.span().unwrap();
    assert_eq!((span.line, span.column), (12, 7));
    assert!(err
        .to_string()
        .starts_with(&format!("{}:12:7: ", path.display())));
}

#[test]
fn a_wsdl_without_types_generates_nothing_and_is_not_an_error() {
    let path = fixture("no-types.wsdl");
    let config = xsdgen::Config::new().schema(&path);
    let (model, plan, files, services) = config.check_wsdl().unwrap();
    assert_eq!(model.elements.len(), 0);
    assert_eq!(model.complex_types.len() + model.simple_types.len(), 0);
    assert!(plan.modules.is_empty());
    assert_eq!(
        files,
        std::slice::from_ref(&path),
        "the WSDL file is still watched"
    );
    assert_eq!(services.operations().count(), 1);
    assert_eq!(
        services.bindings[0].soap.as_ref().unwrap().style,
        SoapStyle::Rpc
    );
    let g = generate(config);
    assert!(g.modules.is_empty());
    assert_eq!(g.files, [path]);
    assert!(g.to_single_file().starts_with("// @generated"));
}

#[test]
fn wsdl_imports_of_wsdl_and_schema_files_resolve_relative_to_the_importing_file() {
    let root = fixture("root.wsdl");
    let set = xsdgen::load::load(std::slice::from_ref(&root), &Default::default()).unwrap();
    let names: Vec<String> = set
        .paths
        .iter()
        .map(|p| {
            p.strip_prefix(fixture(""))
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .filter(|c| c != "." && c != "..")
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    assert_eq!(
        names,
        [
            "root.wsdl",
            "sub/defs.wsdl",
            "extra.xsd",
            "sub/shared.xsd",
            "sub/status.xsd"
        ],
        "each read once, the import cycle back to root.wsdl too"
    );
    assert_eq!(set.wsdl.len(), 2);
    let targets: Vec<ImportTarget> = set.wsdl[0].imports.iter().map(|i| i.target).collect();
    assert!(matches!(
        targets[..],
        [ImportTarget::Wsdl(1), ImportTarget::Schema(_)]
    ));
    assert_eq!(
        set.wsdl[1]
            .imports
            .iter()
            .map(|i| i.target)
            .collect::<Vec<_>>(),
        [ImportTarget::Wsdl(0)]
    );

    let config = xsdgen::Config::new().schema(&root);
    assert_eq!(
        global_elements(&config),
        [
            q("urn:example:defs", "GetStatus"),
            q("urn:example:defs", "Status"),
            q("urn:example:extra", "Extra"),
            q("urn:example:shared", "Shared"),
        ]
    );
    let g = generate(config);
    assert_eq!(g.modules.len(), 3, "{:?}", module_names(&g));
    // The binding of root.wsdl binds the port type of sub/defs.wsdl.
    let binding = &g.services.bindings[0];
    assert_eq!(binding.port_type, q("urn:example:defs", "Status"));
    assert!(binding.span.file.ends_with("root.wsdl"));
    let port_type = g.services.port_type(&binding.port_type).unwrap();
    assert!(port_type.span.file.ends_with("defs.wsdl"));
}

#[test]
fn a_remote_wsdl_import_is_read_from_its_mapped_copy_and_resolves_against_its_url() {
    let root = fixture("remote.wsdl");
    let err = error(xsdgen::Config::new().schema(&root));
    assert!(
        matches!(err, xsdgen::Error::Remote { ref url, .. } if url == "http://example.com/svc/defs.wsdl"),
        "{err}"
    );
    assert_eq!(err.span().unwrap().line, 5);

    let config = xsdgen::Config::new().schema(&root).map_location(
        "http://example.com/svc/defs.wsdl",
        fixture("mapped/defs.wsdl"),
    );
    let err = error(config.clone());
    assert!(
        err.to_string().contains("schemaLocation \"types.xsd\""),
        "{err}"
    );

    let config = config.map_location(
        "http://example.com/svc/types.xsd",
        fixture("mapped/svc-types.xsd"),
    );
    assert_eq!(
        global_elements(&config),
        [q("urn:example:remote-types", "RemoteThing")]
    );
}

#[test]
fn a_schema_cannot_import_a_wsdl_document() {
    let err = error(xsdgen::Config::new().schema(fixture("imports-a-wsdl.xsd")));
    assert!(
        err.to_string().contains("a WSDL document, not a schema"),
        "{err}"
    );
    assert_eq!(err.span().unwrap().line, 4);
}

#[test]
fn the_cli_checks_a_wsdl_and_summarises_its_services() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xsdgen"))
        .args(["check", fixture("siblings.wsdl").to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.trim(),
        "ok: 1 file(s), 4 global element(s), 5 complex and 0 simple type(s), 2 module(s); \
         WSDL: 1 service(s), 2 binding(s), 1 port type(s) with 1 operation(s), 3 message(s)"
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xsdgen"))
        .args(["check", fixture("bad-embedded.wsdl").to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad-embedded.wsdl:11:7"), "{stderr}");
    assert!(
        stderr.contains(r#"<xs:element name="Broken" type="xs:nope"/>"#),
        "{stderr}"
    );
}

/// Cut and altered WSDL documents: every one is an error or a result, never a panic.
#[test]
fn truncated_and_altered_wsdl_documents_give_errors_not_panics() {
    let dir = std::env::temp_dir().join(format!("xsdgen-wsdl-cuts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("input.wsdl");
    let mut inputs = Vec::new();
    for name in ["siblings.wsdl", "root.wsdl", "no-types.wsdl"] {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        for cut in (0..text.len())
            .step_by(97)
            .filter(|&c| text.is_char_boundary(c))
        {
            inputs.push(text[..cut].to_string());
        }
        for (from, to) in [
            ("tns:", "nope:"),
            ("message=\"tns:", "message=\""),
            ("element=", "type="),
            ("type=\"tns:", "type=\"nope"),
            ("name=", "label="),
            ("location=\"", "location=\"../../../../"),
            ("<wsdl:input", "<wsdl:output"),
            ("<input", "<output"),
            ("schemaLocation=", "location="),
            (
                "http://schemas.xmlsoap.org/wsdl/\"",
                "http://www.w3.org/ns/wsdl\"",
            ),
            ("parts=\"", "parts=\"nothing "),
            ("style=\"", "style=\"x"),
            ("use=\"", "use=\"x"),
        ] {
            inputs.push(text.replacen(from, to, 1));
            inputs.push(text.replace(from, to));
        }
    }
    // Imports of itself and of nothing.
    inputs.push(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:x">
             <import namespace="urn:x" location="input.wsdl"/>
             <import namespace="urn:y"/>
           </definitions>"#
            .into(),
    );
    for input in &inputs {
        std::fs::write(&path, input).unwrap();
        let config = xsdgen::Config::new().schema(&path);
        if let Err(e) = config.check_wsdl() {
            if let Some(span) = e.span() {
                assert!(span.line >= 1 && span.column >= 1, "{e}");
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
