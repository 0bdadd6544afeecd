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

/// Reads, writes back and compares; `Ok` holds how many redundant `xsi:type`s were
/// left out of the comparison.
fn round_trip(text: &str) -> Result<usize, String> {
    let envelope = Envelope::<Body>::from_xml_str(text).map_err(|e| e.to_string())?;
    let written = envelope
        .to_xml_string()
        .map_err(|e| format!("write: {e}"))?;
    let (expected, redundant) = without_redundant_xsi_types(text, &envelope)?;
    infoset::compare_body_child(&expected, &written).map_err(|e| format!("round trip: {e}"))?;
    Ok(redundant)
}

/// The body with every `xsi:type` taken out that changes nothing in what is read: one
/// naming the element's own declared type (XSD 1.0 Structures §3.3.4, Element Locally
/// Valid (Element) clause 4: the type used is then the declared one). The typed values
/// do not keep it, as they do not keep schema location hints (README, "Known limits").
/// An attribute counts as redundant only when the document without it reads to an equal
/// value: a derived type named by `xsi:type` reads into another variant, so it stays.
fn without_redundant_xsi_types(
    text: &str,
    read: &Envelope<Body>,
) -> Result<(String, usize), String> {
    const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "Body")
        .ok_or("no SOAP Body")?;
    let mut redundant: Vec<std::ops::Range<usize>> = Vec::new();
    for element in body.descendants().filter(|n| n.is_element()) {
        for attribute in element.attributes() {
            if attribute.namespace() != Some(XSI) || attribute.name() != "type" {
                continue;
            }
            let range = attribute.range();
            let without = format!("{}{}", &text[..range.start], &text[range.end..]);
            if Envelope::<Body>::from_xml_str(&without).is_ok_and(|v| &v == read) {
                redundant.push(range);
            }
        }
    }
    let mut expected = text.to_string();
    for range in redundant.iter().rev() {
        expected.replace_range(range.clone(), "");
    }
    Ok((expected, redundant.len()))
}

#[test]
fn every_documented_message_round_trips_or_is_an_expected_rejection() {
    let Some(corpus) = corpus_dir() else { return };
    let dir = corpus.join("ews/samples");
    let index = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    let expected = expectations();
    let (mut passed, mut rejected, mut failed) = (0, 0, Vec::new());
    let mut redundant_xsi_types = Vec::new();
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
            (Ok(redundant), None) => {
                passed += 1;
                if redundant > 0 {
                    redundant_xsi_types.push(file.to_string());
                }
            }
            (Err(e), Some((want, _))) if e.contains(want.as_str()) => rejected += 1,
            (Ok(_), Some(_)) => failed.push(format!("{file}: accepted, but listed as rejected")),
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
    println!("passed with an xsi:type naming the declared type, not kept: {redundant_xsi_types:?}");
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
    use xsdgen_tests::ews2016::types::{ArrayOfRealItemsTypeItem, MessageTypeOrDerived};
    assert!(std::mem::size_of::<ArrayOfRealItemsTypeItem>() <= 32);
    assert!(std::mem::size_of::<MessageTypeOrDerived>() <= 16);
}
