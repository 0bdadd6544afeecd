//! Every documented EWS message (the samples whose `index.tsv` column `stripped` is
//! `ok`): the SOAP body is read into the Exchange 2016 bindings, written back, and
//! compared by infoset with the original. Samples the schema itself rejects are listed
//! in `tests/ews-expectations.tsv` with the error they must produce and why.

#![cfg(ews_corpus)]

use std::collections::BTreeMap;

use xsdgen_runtime::soap::Envelope;
use xsdgen_tests::ews2016::Body;
use xsdgen_tests::{corpus_dir, infoset};

/// file → (expected error text, reason)
fn expectations() -> BTreeMap<String, (String, String)> {
    let text = include_str!("../ews-expectations.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.splitn(3, '\t');
            let file = cols.next().unwrap().to_string();
            let error = cols.next().expect("expected error column").to_string();
            let reason = cols.next().expect("reason column").to_string();
            (file, (error, reason))
        })
        .collect()
}

fn round_trip(text: &str) -> Result<(), String> {
    let envelope = Envelope::<Body>::from_xml_str(text).map_err(|e| e.to_string())?;
    let written = envelope
        .to_xml_string()
        .map_err(|e| format!("write: {e}"))?;
    infoset::compare_body_child(text, &written).map_err(|e| format!("round trip: {e}"))
}

#[test]
fn every_documented_message_round_trips_or_is_an_expected_rejection() {
    let Some(corpus) = corpus_dir() else { return };
    let dir = corpus.join("ews/samples");
    let index = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    let expected = expectations();
    let (mut passed, mut rejected, mut failed) = (0, 0, Vec::new());
    let mut seen = Vec::new();
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[5] != "ok" {
            continue;
        }
        let file = cols[0];
        seen.push(file.to_string());
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let result = std::panic::catch_unwind(|| round_trip(&text))
            .unwrap_or_else(|_| Err("panicked".to_string()));
        match (result, expected.get(file)) {
            (Ok(()), None) => passed += 1,
            (Err(e), Some((want, _))) if e.contains(want.as_str()) => rejected += 1,
            (Ok(()), Some(_)) => failed.push(format!("{file}: accepted, but listed as rejected")),
            (Err(e), Some((want, _))) => failed.push(format!(
                "{file}: {e}\n    (expected an error containing {want:?})"
            )),
            (Err(e), None) => failed.push(format!("{file}: {e}")),
        }
    }
    for file in expected.keys() {
        assert!(
            seen.contains(file),
            "{file} is listed but is not a well-formed sample"
        );
    }
    println!(
        "EWS samples: {passed} passed, {rejected} expected rejections, {} failed",
        failed.len()
    );
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// Items of a choice are boxed where they are structs: a `Vec` of EWS items costs a
/// pointer-sized enum per item, not the largest item type (several KB).
#[cfg(ews_corpus)]
#[test]
fn a_vec_of_ews_items_costs_a_small_enum_per_item() {
    use xsdgen_tests::ews2016::types::{ArrayOfRealItemsTypeChoice, MessageTypeOrDerived};
    assert!(std::mem::size_of::<ArrayOfRealItemsTypeChoice>() <= 32);
    assert!(std::mem::size_of::<MessageTypeOrDerived>() <= 16);
}
