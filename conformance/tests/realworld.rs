//! CI's slice of the real-world corpus (`../shared/corpus/realworld`): every group's
//! generation outcome — code generated or refused — is held to what
//! `realworld-expected.tsv` records for it (its `-` line), as written by the full run
//! (`cargo run --release -p xsdgen-conformance --bin realworld`). Generation only: the
//! compiled run is the runner's, but for a slice of small groups (XML Schema itself,
//! SAML, SOAP and WSDL, GPX, Maven, JUnit: mixed content, location hints, `xs:all`,
//! wildcards) whose documents are read, written back and compared here too. And every disagreement with `groups.json` the runner
//! records — a valid document not read back the same, an invalid schema generated — has
//! a hand-checked reason in `realworld-known.tsv`.

use std::path::PathBuf;

use xsdgen_conformance::realworld::{
    compile_and_run, generate, generation_code, initial_result, load_groups, parse_outcomes,
};

/// `../shared/corpus/realworld`, or `None` (with the skip message) where it is absent.
fn corpus() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/realworld");
    if root.join("groups.json").is_file() {
        return Some(root);
    }
    println!(
        "skipped: {} is absent (the corpus lives beside the repository)",
        root.display()
    );
    None
}

#[test]
fn generation_outcomes_match_the_expectations() {
    let Some(root) = corpus() else {
        return;
    };
    let expected = parse_outcomes(include_str!("../realworld-expected.tsv"));
    let groups = load_groups(&root).unwrap();
    assert!(groups.len() > 100, "groups.json lists the corpus's groups");
    let mut mismatches = Vec::new();
    for group in &groups {
        let (generation, _) = generate(group);
        let code = generation_code(group, &generation);
        let key = (group.set.clone(), group.group.clone(), "-".to_string());
        match expected.get(&key) {
            None => mismatches.push(format!("{}: not recorded (now {code})", group.id())),
            // Generated or not is what counts: a refusal may change its reason.
            Some(was) if (was == "generated") != (code == "generated") => {
                mismatches.push(format!("{}: recorded {was}, now {code}", group.id()))
            }
            Some(_) => {}
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} groups differ from realworld-expected.tsv (rerun the runner and commit the \
         file if the change is meant):\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_disagreement_with_the_corpus_has_a_checked_reason() {
    let Some(root) = corpus() else {
        return;
    };
    let expected = parse_outcomes(include_str!("../realworld-expected.tsv"));
    let known: std::collections::BTreeMap<(String, String, String), String> =
        include_str!("../realworld-known.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let cols: Vec<&str> = l.splitn(4, '\t').collect();
                assert_eq!(cols.len(), 4, "set, group, document, reason: {l}");
                let key = (
                    cols[0].to_string(),
                    cols[1].to_string(),
                    cols[2].to_string(),
                );
                (key, cols[3].to_string())
            })
            .collect();
    let invalid_schemas: std::collections::BTreeSet<(String, String)> = load_groups(&root)
        .unwrap()
        .into_iter()
        .filter(|g| !g.schema_valid)
        .map(|g| (g.set, g.group))
        .collect();
    // A disagreement: a document not passing, or an invalid schema that generated.
    let disagreements: Vec<&(String, String, String)> = expected
        .iter()
        .filter(|((set, group, doc), outcome)| match doc.as_str() {
            "-" => {
                outcome.as_str() == "generated"
                    && invalid_schemas.contains(&(set.clone(), group.clone()))
            }
            _ => outcome.as_str() != "pass",
        })
        .map(|(key, _)| key)
        .collect();
    let unexplained: Vec<String> = disagreements
        .iter()
        .filter(|key| !known.contains_key(**key))
        .map(|(s, g, d)| {
            format!(
                "{s} {g} {d}: {}",
                expected[&(s.clone(), g.clone(), d.clone())]
            )
        })
        .collect();
    let stale: Vec<String> = known
        .keys()
        .filter(|key| !disagreements.contains(key))
        .map(|(s, g, d)| format!("{s} {g} {d}"))
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "disagreements without a reason in realworld-known.tsv:\n{}\nreasons for what now agrees:\n{}",
        unexplained.join("\n"),
        stale.join("\n")
    );
}

/// Groups whose code is small enough to build in CI: (set, group).
const SLICE: &[(&str, &str)] = &[
    ("01-w3c-xmlschema", "xsd10"),
    ("03-saml2", "all"),
    ("04-soap-wsdl", "soap11"),
    ("04-soap-wsdl", "wsdl11"),
    ("08-gpx", "gpx"),
    ("11-maven", "pom"),
    ("13-junit-xml", "junit"),
];

#[test]
fn documents_of_a_slice_of_groups_read_and_write_back_as_recorded() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let Some(root) = corpus() else {
        return;
    };
    let expected = parse_outcomes(include_str!("../realworld-expected.tsv"));
    let mut results: Vec<_> = load_groups(&root)
        .unwrap()
        .into_iter()
        .filter(|g| SLICE.contains(&(g.set.as_str(), g.group.as_str())))
        .map(|g| {
            let (generation, seconds) = generate(&g);
            initial_result(g, generation, seconds)
        })
        .collect();
    assert_eq!(
        results.len(),
        SLICE.len(),
        "every group of the slice is in groups.json"
    );
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("realworld-slice");
    compile_and_run(&mut results, &work, &manifest.join("../runtime"), 40_000).unwrap();
    let mut mismatches = Vec::new();
    let mut documents = 0;
    for r in &results {
        for ((name, _, _), outcome) in r.group.documents.iter().zip(&r.documents) {
            documents += 1;
            let key = (r.group.set.clone(), r.group.group.clone(), name.clone());
            let now = outcome.code();
            match expected.get(&key) {
                Some(was) if was == now => {}
                was => mismatches.push(format!(
                    "{} {} {name}: recorded {was:?}, now {now} ({outcome:?})",
                    r.group.set, r.group.group
                )),
            }
        }
    }
    println!(
        "real-world slice: {documents} documents of {} groups",
        results.len()
    );
    assert!(documents > 50, "the slice reads documents");
    assert!(
        mismatches.is_empty(),
        "{} documents differ from realworld-expected.tsv:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
