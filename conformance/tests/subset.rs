//! CI's slice of the W3C suite: Sun's test sets and Microsoft's element, attribute and
//! complex-type sets, held to the outcomes in `expected.tsv` (written by the full run,
//! `cargo run --release -p xsdgen-conformance --bin w3c`). A test that stops passing fails
//! here; one that starts passing is reported, and the full run records it.

use std::path::PathBuf;

use xsdgen_conformance::{load_suite, parse_outcomes, run};

#[test]
fn no_regression_against_expected_outcomes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/w3c-xsdtests");
    if !root.join("suite.xml").is_file() {
        eprintln!(
            "skipped: {} is absent (the corpus lives beside the repository)",
            root.display()
        );
        return;
    }
    let expected = parse_outcomes(include_str!("../expected.tsv"));
    let mut tests = Vec::new();
    for set in [
        "sunMeta/",
        "msMeta/Element_w3c",
        "msMeta/Attribute_w3c",
        "msMeta/ComplexType_w3c",
    ] {
        tests.extend(load_suite(&root, set).unwrap());
    }
    assert!(
        tests.len() > 1000,
        "the subset is large enough to mean something"
    );
    let (mut regressions, mut improvements, mut crashes) = (Vec::new(), Vec::new(), Vec::new());
    for t in &tests {
        let code = run(t).code();
        if code == "crash" {
            crashes.push(t.id.clone());
        }
        match expected.get(&t.id).map(String::as_str) {
            Some("pass") if code != "pass" => regressions.push(format!("{} now {code}", t.id)),
            Some(was) if was != "pass" && code == "pass" => improvements.push(t.id.clone()),
            None => improvements.push(format!("{} (new)", t.id)),
            _ => {}
        }
    }
    if !improvements.is_empty() {
        println!(
            "{} tests pass that expected.tsv does not record: rerun the w3c runner\n{}",
            improvements.len(),
            improvements.join("\n")
        );
    }
    assert!(crashes.is_empty(), "the generator panicked on: {crashes:?}");
    assert!(
        regressions.is_empty(),
        "{} regressions:\n{}",
        regressions.len(),
        regressions.join("\n")
    );
}
