//! CI's slice of the real-world corpus (`../shared/corpus/realworld`): every group's
//! generation outcome — code generated or refused — is held to what
//! `realworld-expected.tsv` records for it (its `-` line), as written by the full run
//! (`cargo run --release -p xsdgen-conformance --bin realworld`). Generation only: the
//! compiled run is the runner's.

use std::path::PathBuf;

use xsdgen_conformance::realworld::{generate, generation_code, load_groups, parse_outcomes};

#[test]
fn generation_outcomes_match_the_expectations() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/realworld");
    if !root.join("groups.json").is_file() {
        println!(
            "skipped: {} is absent (the corpus lives beside the repository)",
            root.display()
        );
        return;
    }
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
