//! The 22 documented SOAP examples of the UM web service: each is read into the
//! generated types, written back, and compared with the original by infoset.

use ews_bindings::soap::{Envelope, SoapVersion};
use ews_bindings::um::messages::Document;
use xsdgen_tests::{corpus_dir, infoset};

#[test]
fn every_um_sample_round_trips_with_the_same_infoset() {
    let Some(corpus) = corpus_dir() else { return };
    let dir = corpus.join("ews/samples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("-um-web-service-") && n.ends_with(".xml"))
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        22,
        "11 operations, a request and a response each"
    );
    let mut failures = Vec::new();
    for name in &names {
        let original = std::fs::read_to_string(dir.join(name)).unwrap();
        let result = Envelope::<Document>::from_xml_str(&original)
            .map_err(|e| format!("read: {e}"))
            .and_then(|envelope| {
                assert_eq!(envelope.version, SoapVersion::Soap11);
                envelope.to_xml_string().map_err(|e| format!("write: {e}"))
            })
            .and_then(|written| infoset::compare(&original, &written));
        if let Err(e) = result {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_sample_reads_into_the_expected_values() {
    let Some(corpus) = corpus_dir() else { return };
    let text = std::fs::read_to_string(
        corpus.join("ews/samples/getumproperties-operation-um-web-service-2.xml"),
    )
    .unwrap();
    let envelope = Envelope::<Document>::from_xml_str(&text).unwrap();
    let Document::GetUmPropertiesResponse(outer) = envelope.body else {
        panic!("wrong body: {:?}", envelope.body)
    };
    let props = outer
        .get_um_properties_response
        .expect("inner result element");
    assert!(!props.oof_status);
    assert!(props.missed_call_notification_enabled);
    assert_eq!(props.play_on_phone_dial_string, "12345");
    assert_eq!(props.telephone_access_numbers, "54321");
    assert_eq!(
        props.telephone_access_folder_email,
        "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA=="
    );
}
