//! SOAP header blocks are typed values in and out (issue 20): a block the schema set
//! describes reads as its type (checked like a body), its SOAP attributes kept apart;
//! others stay raw XML; the writer puts blocks only inside `Header`, so what it writes
//! is SOAP.

use ews_bindings::soap::{Envelope, Header, HeaderBlock, SoapVersion};
use ews_bindings::um::messages::{CallIdType, Document, GetCallInfo};
use xsdgen_runtime::{AnyAttribute, AnyElement, WriteError};

const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

fn get_call_info() -> Document {
    Document::from(GetCallInfo::new(CallIdType::new("abc".into()).unwrap()))
}

/// A UM envelope whose header holds `blocks` (the UM schema's global elements are its
/// typed blocks).
fn um_envelope(blocks: &str) -> String {
    format!(
        "<s:Envelope xmlns:s=\"{SOAP11}\"><s:Header>{blocks}</s:Header>\
         <s:Body><GetCallInfo xmlns=\"{M}\"><CallId>abc</CallId></GetCallInfo></s:Body>\
         </s:Envelope>"
    )
}

#[test]
fn a_block_the_schema_describes_is_typed_with_its_soap_attributes_apart() {
    let doc = um_envelope(&format!(
        "<m:GetCallInfo xmlns:m=\"{M}\" s:mustUnderstand=\"1\" s:actor=\"urn:next\">\
         <m:CallId>xyz</m:CallId></m:GetCallInfo>\
         <h:Trace xmlns:h=\"urn:h\" id=\"7\">x</h:Trace>"
    ));
    let envelope = Envelope::<Document>::from_xml_str(&doc).unwrap();
    let header = envelope.header.as_ref().unwrap();
    assert_eq!(header.blocks.len(), 2);
    let HeaderBlock::Typed {
        value: Document::GetCallInfo(block),
        soap_attributes,
    } = &header.blocks[0]
    else {
        panic!("{:?}", header.blocks[0])
    };
    assert_eq!(block.call_id.get(), "xyz");
    let soap = |local: &str, value: &str| AnyAttribute {
        ns: Some(SOAP11.into()),
        local: local.into(),
        value: value.into(),
    };
    assert_eq!(
        soap_attributes,
        &[soap("mustUnderstand", "1"), soap("actor", "urn:next")]
    );
    // Not described by the UM schema: kept as read.
    let HeaderBlock::Raw(trace) = &header.blocks[1] else {
        panic!("{:?}", header.blocks[1])
    };
    assert_eq!(
        (trace.ns.as_deref(), trace.local.as_str()),
        (Some("urn:h"), "Trace")
    );
    assert_eq!(envelope.header_blocks().count(), 1);
    // Written back: the same infoset, the SOAP attributes on the typed block.
    let written = envelope.to_xml_string().unwrap();
    xsdgen_tests::infoset::compare(&doc, &written).unwrap();
    assert_eq!(
        Envelope::<Document>::from_xml_str(&written).unwrap(),
        envelope
    );
}

#[test]
fn a_typed_block_is_checked_like_a_body() {
    // GetCallInfo needs its CallId, in a header as anywhere.
    let doc = um_envelope(&format!("<m:GetCallInfo xmlns:m=\"{M}\"/>"));
    let err = Envelope::<Document>::from_xml_str(&doc).unwrap_err();
    assert!(err.to_string().contains("CallId"), "{err}");
    assert_eq!(err.location.path, "Envelope/Header/GetCallInfo");
    // An attribute its type does not declare, outside the SOAP namespace, is refused.
    let doc = um_envelope(&format!(
        "<m:GetCallInfo xmlns:m=\"{M}\" xmlns:o=\"urn:o\" o:x=\"1\"><m:CallId>c</m:CallId>\
         </m:GetCallInfo>"
    ));
    let err = Envelope::<Document>::from_xml_str(&doc).unwrap_err();
    assert!(
        err.to_string().contains("unexpected attribute {urn:o}x"),
        "{err}"
    );
}

#[test]
fn header_blocks_must_be_namespace_qualified() {
    let doc = um_envelope("<Trace>x</Trace>");
    let err = Envelope::<Document>::from_xml_str(&doc).unwrap_err();
    assert_eq!(
        err.to_string(),
        // `<Trace` starts after the 64 characters of the envelope's start tag and the
        // 10 of `<s:Header>`.
        "1:75 at Envelope/Header/Trace: unexpected element Trace: expected a \
         namespace-qualified header block"
    );
    // And the writer will not write one.
    let mut envelope = Envelope::new(get_call_info());
    envelope.header = Some(Header {
        attributes: Vec::new(),
        blocks: vec![HeaderBlock::Raw(AnyElement {
            ns: None,
            local: "Trace".into(),
            attributes: Vec::new(),
            children: Vec::new(),
        })],
    });
    let err = envelope.to_xml_string().unwrap_err();
    assert!(matches!(err, WriteError::NotSoap { .. }), "{err}");
    assert!(
        err.to_string().contains("<Trace> has no namespace"),
        "{err}"
    );
}

#[test]
fn the_soap_attributes_of_a_typed_block_are_in_the_envelope_namespace() {
    let mut envelope = Envelope::new(get_call_info()).with_header(get_call_info());
    envelope.version = SoapVersion::Soap12;
    let Some(HeaderBlock::Typed {
        soap_attributes, ..
    }) = envelope.header.as_mut().unwrap().blocks.first_mut()
    else {
        panic!()
    };
    // A SOAP 1.1 attribute on a SOAP 1.2 envelope.
    soap_attributes.push(AnyAttribute {
        ns: Some(SOAP11.into()),
        local: "mustUnderstand".into(),
        value: "1".into(),
    });
    let err = envelope.to_xml_string().unwrap_err();
    assert!(matches!(err, WriteError::NotSoap { .. }), "{err}");
}

#[test]
fn with_header_writes_the_block_inside_the_header() {
    let envelope = Envelope::new(get_call_info()).with_header(get_call_info());
    let xml = envelope.to_xml_string().unwrap();
    // Checked by hand: one Header before the Body, the block inside it.
    assert_eq!(
        xml,
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<soap:Envelope xmlns:soap=\"{SOAP11}\">\
             <soap:Header><GetCallInfo xmlns=\"{M}\"><CallId>abc</CallId></GetCallInfo>\
             </soap:Header><soap:Body><GetCallInfo xmlns=\"{M}\"><CallId>abc</CallId>\
             </GetCallInfo></soap:Body></soap:Envelope>"
        )
    );
    assert_eq!(Envelope::<Document>::from_xml_str(&xml).unwrap(), envelope);
}

/// EWS: `RequestServerVersion` in, `ServerVersionInfo` out, typed.
#[cfg(ews_corpus)]
mod ews {
    use super::*;
    use xsdgen_tests::ews2016::messages::FindItemType;
    use xsdgen_tests::ews2016::types::{
        self, DistinguishedFolderIdNameType, DistinguishedFolderIdType, ExchangeVersionType,
        ItemQueryTraversalType, RequestServerVersion, ServerVersionInfo,
    };
    use xsdgen_tests::ews2016::Body;

    #[test]
    fn a_request_carries_a_typed_request_server_version() {
        let find = FindItemType::new(
            ItemQueryTraversalType::Shallow,
            types::ItemResponseShapeType::new(types::DefaultShapeNamesType::IdOnly),
            types::NonEmptyArrayOfBaseFolderIdsType::new(vec![DistinguishedFolderIdType::new(
                DistinguishedFolderIdNameType::Inbox,
            )
            .into()]),
        );
        // A value of a global element's type converts into the set's `Document`.
        let envelope = Envelope::new(Body::from(find))
            .with_header(RequestServerVersion::new(ExchangeVersionType::Exchange2016));
        let xml = envelope.to_xml_string().unwrap();
        assert!(
            xml.contains(
                "<soap:Header><RequestServerVersion xmlns=\"http://schemas.microsoft.com/\
                 exchange/services/2006/types\" Version=\"Exchange2016\"/></soap:Header>"
            ),
            "{xml}"
        );
        let back = Envelope::<Body>::from_xml_str(&xml).unwrap();
        assert_eq!(back, envelope);
    }

    #[test]
    fn a_documented_response_has_a_typed_server_version_info() {
        let Some(corpus) = xsdgen_tests::corpus_dir() else {
            return;
        };
        let path = corpus.join("ews/samples/markasjunk-operation-2.xml");
        let envelope =
            Envelope::<Body>::from_xml_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let info: Vec<&ServerVersionInfo> = envelope
            .header_blocks()
            .filter_map(|b| match b {
                Body::Types(types::Document::ServerVersionInfo(i)) => Some(i),
                _ => None,
            })
            .collect();
        assert_eq!(info.len(), 1);
        // <h:ServerVersionInfo MajorVersion="15" MinorVersion="0" MajorBuildNumber="545"
        //   MinorBuildNumber="11" Version="Exchange2013" …/>
        assert_eq!(info[0].major_version, Some(15));
        assert_eq!(info[0].minor_build_number, Some(11));
        assert_eq!(info[0].version.as_deref(), Some("Exchange2013"));
    }
}
