//! xsdgen's runner for the W3C XML Schema Test Suite (XSD 1.0 tests): reads `suite.xml` →
//! test sets → test groups, and checks each schema test's verdict against xsdgen's.
//!
//! Modes run today: (a) a valid schema generates code (compiling it comes next),
//! (b) an invalid schema is refused with an error. Instance tests are counted but not
//! run yet. Tests whose status is `queried` or `disputed-*` are skipped and listed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const TS_NS: &str = "http://www.w3.org/XML/2004/xml-schema-test-suite/";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// What a schema test expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Expected {
    Valid,
    Invalid,
}

/// One XSD 1.0 schema test of the suite.
#[derive(Debug, Clone)]
pub struct SchemaTest {
    /// `testSet/testGroup`.
    pub id: String,
    pub contributor: String,
    pub documents: Vec<PathBuf>,
    pub expected: Expected,
    /// `queried` / `disputed-*`: not counted.
    pub skipped_status: Option<String>,
    /// Instance tests of the group (not run yet).
    pub instances: usize,
}

/// xsdgen's outcome on one schema test.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Pass,
    Skip(String),
    /// Why it failed: `feature not supported`, `wrong verdict`, `crash`.
    Fail(&'static str, String),
}

impl Outcome {
    /// A one-word form for the expectations file.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Skip(_) => "skip",
            Outcome::Fail("feature not supported", _) => "unsupported",
            Outcome::Fail("wrong verdict", _) => "wrong",
            Outcome::Fail(_, _) => "crash",
        }
    }
}

/// Whether a `version` attribute (a list of tokens) includes XSD 1.0.
fn applies_to_xsd10(version: Option<&str>) -> bool {
    version.is_none_or(|v| v.split_whitespace().any(|t| t == "1.0"))
}

fn href<'a>(node: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XLINK_NS, "href"))
}

fn ts<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + use<'a, 'i> {
    let name = name.to_string();
    node.children()
        .filter(move |c| c.has_tag_name((TS_NS, name.as_str())))
}

/// The XSD 1.0 schema tests of the suite, in suite order. `filter` keeps test sets
/// whose file path contains it (all when empty).
pub fn load_suite(root: &Path, filter: &str) -> Result<Vec<SchemaTest>, String> {
    let suite_path = root.join("suite.xml");
    let suite_text = std::fs::read_to_string(&suite_path)
        .map_err(|e| format!("{}: {e}", suite_path.display()))?;
    let suite = roxmltree::Document::parse(&suite_text).map_err(|e| e.to_string())?;
    let mut tests = Vec::new();
    for set_ref in ts(suite.root_element(), "testSetRef") {
        let Some(set_href) = href(set_ref) else {
            continue;
        };
        if !set_href.contains(filter) {
            continue;
        }
        let set_path = root.join(set_href);
        let Ok(text) = std::fs::read_to_string(&set_path) else {
            // nistMeta's test set is missing from this copy of the suite.
            continue;
        };
        let doc = roxmltree::Document::parse(&text).map_err(|e| format!("{set_href}: {e}"))?;
        let set = doc.root_element();
        if !applies_to_xsd10(set.attribute("version")) {
            continue;
        }
        let set_name = set.attribute("name").unwrap_or(set_href);
        let contributor = set
            .attribute("contributor")
            .unwrap_or("unknown")
            .to_string();
        let base = set_path.parent().unwrap_or(root);
        for group in ts(set, "testGroup") {
            if !applies_to_xsd10(group.attribute("version")) {
                continue;
            }
            let Some(schema_test) = ts(group, "schemaTest").next() else {
                continue;
            };
            if !applies_to_xsd10(schema_test.attribute("version")) {
                continue;
            }
            let expected = ts(schema_test, "expected")
                .find(|e| applies_to_xsd10(e.attribute("version")))
                .and_then(|e| match e.attribute("validity") {
                    Some("valid") => Some(Expected::Valid),
                    Some("invalid") => Some(Expected::Invalid),
                    _ => None,
                });
            let Some(expected) = expected else { continue };
            let status = ts(schema_test, "current")
                .next()
                .and_then(|c| c.attribute("status"))
                .filter(|s| *s == "queried" || s.starts_with("disputed"))
                .map(str::to_string);
            tests.push(SchemaTest {
                id: format!("{set_name}/{}", group.attribute("name").unwrap_or("?")),
                contributor: contributor.clone(),
                documents: ts(schema_test, "schemaDocument")
                    .filter_map(href)
                    .map(|h| base.join(h))
                    .collect(),
                expected,
                skipped_status: status,
                instances: ts(group, "instanceTest").count(),
            });
        }
    }
    Ok(tests)
}

/// Runs one schema test through load → … → emit (code is not compiled yet).
pub fn run(test: &SchemaTest) -> Outcome {
    if let Some(status) = &test.skipped_status {
        return Outcome::Skip(status.clone());
    }
    let mut config = xsdgen::Config::new();
    for d in &test.documents {
        config = config.schema(d);
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.generate()));
    match (result, test.expected) {
        (Err(_), _) => Outcome::Fail("crash", "the generator panicked".into()),
        (Ok(Ok(_)), Expected::Valid) | (Ok(Err(_)), Expected::Invalid) => Outcome::Pass,
        (Ok(Ok(_)), Expected::Invalid) => Outcome::Fail(
            "wrong verdict",
            "generated code for an invalid schema".into(),
        ),
        (Ok(Err(e @ xsdgen::Error::Unsupported { .. })), Expected::Valid) => {
            Outcome::Fail("feature not supported", e.to_string())
        }
        (Ok(Err(e)), Expected::Valid) => Outcome::Fail("wrong verdict", e.to_string()),
    }
}

/// The outcome of every test, one `id<TAB>code` line each: the expectations that CI's
/// subset run is held to.
pub fn outcomes_tsv(results: &[(SchemaTest, Outcome)]) -> String {
    let mut out = String::from(
        "# test\toutcome (pass, skip, unsupported, wrong, crash); written by the w3c runner\n",
    );
    for (t, o) in results {
        let _ = writeln!(out, "{}\t{}", t.id, o.code());
    }
    out
}

/// Reads `outcomes_tsv` output back: id → code.
pub fn parse_outcomes(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, code)| (id.to_string(), code.to_string()))
        .collect()
}

/// `docs/conformance.md` from the outcomes.
pub fn report(results: &[(SchemaTest, Outcome)], seconds: f64) -> String {
    #[derive(Default)]
    struct Counts {
        pass: usize,
        fail: usize,
        skip: usize,
    }
    let mut by: BTreeMap<(String, &'static str), Counts> = BTreeMap::new();
    let mut causes: BTreeMap<(&'static str, String), Vec<&str>> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut instances = 0;
    for (t, o) in results {
        let mode = match t.expected {
            Expected::Valid => "(a) valid schema",
            Expected::Invalid => "(b) invalid schema",
        };
        instances += t.instances;
        let c = by.entry((t.contributor.clone(), mode)).or_default();
        match o {
            Outcome::Pass => c.pass += 1,
            Outcome::Skip(s) => {
                c.skip += 1;
                skipped.push(format!("{} ({s})", t.id));
            }
            Outcome::Fail(cause, message) => {
                c.fail += 1;
                // Group by the message with positions and names of files left out.
                let key = message
                    .split_once(": ")
                    .map_or(message.as_str(), |(_, rest)| rest)
                    .split(" {")
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(90)
                    .collect();
                causes.entry((cause, key)).or_default().push(&t.id);
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "# Conformance: W3C XML Schema Test Suite (XSD 1.0)\n");
    let _ = writeln!(
        out,
        "Written by `cargo run --release -p xsdgen-conformance --bin w3c` over \
         `../shared/corpus/w3c-xsdtests` ({} schema tests in {seconds:.0} s). Tests for XSD 1.1 only are \
         left out; tests whose status is `queried` or `disputed-*` are skipped and listed below.\n",
        results.len()
    );
    let _ = writeln!(
        out,
        "Modes run: **(a)** a valid schema generates Rust code (the code is not compiled by \
         this runner yet) and **(b)** an invalid schema is refused with an error, never a \
         panic. Modes (c) and (d) — {instances} instance tests — are not run yet.\n"
    );
    let total = |mode: &str| {
        by.iter()
            .filter(|((_, m), _)| *m == mode)
            .fold((0, 0, 0), |acc, (_, c)| {
                (acc.0 + c.pass, acc.1 + c.fail, acc.2 + c.skip)
            })
    };
    let _ = writeln!(
        out,
        "| mode | pass | fail | skip | pass rate |\n|---|---|---|---|---|"
    );
    for mode in ["(a) valid schema", "(b) invalid schema"] {
        let (p, f, s) = total(mode);
        let rate = if p + f > 0 {
            100.0 * p as f64 / (p + f) as f64
        } else {
            0.0
        };
        let _ = writeln!(out, "| {mode} | {p} | {f} | {s} | {rate:.1}% |");
    }
    let _ = writeln!(
        out,
        "\n## By contributor\n\n| contributor | mode | pass | fail | skip |\n|---|---|---|---|---|"
    );
    for ((contributor, mode), c) in &by {
        let _ = writeln!(
            out,
            "| {contributor} | {mode} | {} | {} | {} |",
            c.pass, c.fail, c.skip
        );
    }
    let _ = writeln!(
        out,
        "\n## Failures by cause\n\n| cause | message | tests | examples |\n|---|---|---|---|"
    );
    let mut sorted: Vec<_> = causes.iter().collect();
    sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    for ((cause, message), ids) in sorted {
        let examples: Vec<&str> = ids.iter().take(3).copied().collect();
        let message = message.replace('|', "\\|");
        let _ = writeln!(
            out,
            "| {cause} | {message} | {} | {} |",
            ids.len(),
            examples.join(", ")
        );
    }
    let _ = writeln!(out, "\n## Skipped\n");
    for s in &skipped {
        let _ = writeln!(out, "- {s}");
    }
    out
}
