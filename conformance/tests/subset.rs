//! CI's slice of the W3C suite: Sun's test sets and Microsoft's element, attribute and
//! complex-type sets, held to the outcomes in `expected.tsv` (written by the full run,
//! `cargo run --release -p xsdgen-conformance --bin w3c`). A test that stops passing fails
//! here; one that starts passing is recorded in the file (commit the change).

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
            None if code == "pass" => improvements.push(t.id.clone()),
            _ => {}
        }
    }
    if !improvements.is_empty() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("expected.tsv");
        let updated = record_passes(&std::fs::read_to_string(&path).unwrap(), &improvements);
        std::fs::write(&path, updated).unwrap();
        println!(
            "{} tests now pass; recorded in {} (commit it):\n{}",
            improvements.len(),
            path.display(),
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

/// `expected` (the TSV) with each of `ids` recorded as passing.
fn record_passes(expected: &str, ids: &[String]) -> String {
    let mut pending: std::collections::BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let mut out = String::new();
    for line in expected.lines() {
        let id = line.split('\t').next().unwrap_or("");
        if pending.remove(id) {
            out.push_str(&format!("{id}\tpass\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    for id in pending {
        out.push_str(&format!("{id}\tpass\n"));
    }
    out
}

#[test]
fn improvements_are_recorded_in_place() {
    let before = "# header\na/x\twrong\na/y\tpass\n";
    let after = record_passes(before, &["a/x".to_string(), "b/new".to_string()]);
    assert_eq!(after, "# header\na/x\tpass\na/y\tpass\nb/new\tpass\n");
}
