//! xsdgen's runner for the W3C XML Schema Test Suite (XSD 1.0 tests): reads `suite.xml` →
//! test sets → test groups, and checks each schema test's verdict against xsdgen's.
//!
//! Modes: (a) a valid schema generates code that compiles, (b) an invalid schema is
//! refused with an error, (c) a valid instance round-trips with the same infoset, (d) an
//! invalid instance is rejected. Compiling and the instance modes run with `--compile`
//! ([`batch`]). Tests whose status is `queried` or `disputed-*` are skipped and listed.

pub mod batch;
pub mod infoset;
pub mod realworld;

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
    /// Instance tests of the group.
    pub instances: Vec<InstanceTest>,
}

/// One instance document of a test group and its expected validity.
#[derive(Debug, Clone)]
pub struct InstanceTest {
    pub name: String,
    pub path: PathBuf,
    pub expected: Expected,
    /// `queried` / `disputed-*`: not counted.
    pub skipped_status: Option<String>,
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

/// The NIST datatype tests (`nistData/`), which have no test set in this copy of the
/// suite: `NISTSchema-<name>.xsd` is a valid schema whose instances are
/// `NISTXML-<name>-<n>.xml`; `SV-IV` in the name marks valid instances, `SV-II` invalid ones.
pub fn load_nist(root: &Path) -> Vec<SchemaTest> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root.join("nistData"), &mut files);
    let mut tests = Vec::new();
    for schema in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xsd"))
    {
        let Some(name) = schema
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("NISTSchema-"))
            .and_then(|n| n.strip_suffix(".xsd"))
        else {
            continue;
        };
        let expected = if name.starts_with("SV-II") {
            Expected::Invalid
        } else {
            Expected::Valid
        };
        let prefix = format!("NISTXML-{name}-");
        let dir = schema.parent().unwrap_or(root);
        let instances = files
            .iter()
            .filter(|p| p.parent() == Some(dir))
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.strip_prefix(&prefix)
                        .and_then(|rest| rest.strip_suffix(".xml"))
                        .is_some_and(|k| k.chars().all(|c| c.is_ascii_digit()))
                })
            })
            .map(|p| InstanceTest {
                name: p
                    .file_stem()
                    .and_then(|n| n.to_str())
                    .unwrap_or("?")
                    .to_string(),
                path: p.clone(),
                expected,
                skipped_status: None,
            })
            .collect();
        tests.push(SchemaTest {
            id: format!("nistData/{name}"),
            contributor: "NIST".into(),
            documents: vec![schema.clone()],
            expected: Expected::Valid,
            skipped_status: None,
            instances,
        });
    }
    tests
}

/// A test's `current/@status` when it is one not to count (`queried`, `disputed-*`).
fn status_of(test: roxmltree::Node<'_, '_>) -> Option<String> {
    ts(test, "current")
        .next()
        .and_then(|c| c.attribute("status"))
        .filter(|s| *s == "queried" || s.starts_with("disputed"))
        .map(str::to_string)
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
            let status = status_of(schema_test);
            tests.push(SchemaTest {
                id: format!("{set_name}/{}", group.attribute("name").unwrap_or("?")),
                contributor: contributor.clone(),
                documents: ts(schema_test, "schemaDocument")
                    .filter_map(href)
                    .map(|h| base.join(h))
                    .collect(),
                expected,
                skipped_status: status,
                instances: ts(group, "instanceTest")
                    .filter(|i| applies_to_xsd10(i.attribute("version")))
                    .filter_map(|i| {
                        let path = base.join(href(ts(i, "instanceDocument").next()?)?);
                        let expected = match ts(i, "expected")
                            .find(|e| applies_to_xsd10(e.attribute("version")))?
                            .attribute("validity")?
                        {
                            "valid" => Expected::Valid,
                            "invalid" => Expected::Invalid,
                            _ => return None,
                        };
                        Some(InstanceTest {
                            name: i.attribute("name").unwrap_or("?").to_string(),
                            path,
                            expected,
                            skipped_status: status_of(i),
                        })
                    })
                    .collect(),
            });
        }
    }
    Ok(tests)
}

/// Runs one schema test through load → … → emit (the code is compiled by [`batch`]).
pub fn run(test: &SchemaTest) -> Outcome {
    generate(test).0
}

/// Runs one schema test, keeping the generated code of a valid schema.
pub fn generate(test: &SchemaTest) -> (Outcome, Option<xsdgen::Generated>) {
    if let Some(status) = &test.skipped_status {
        return (Outcome::Skip(status.clone()), None);
    }
    let mut config = xsdgen::Config::new();
    for d in &test.documents {
        config = config.schema(d);
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.generate()));
    match (result, test.expected) {
        (Err(_), _) => (
            Outcome::Fail("crash", "the generator panicked".into()),
            None,
        ),
        (Ok(Ok(g)), Expected::Valid) => (Outcome::Pass, Some(g)),
        (Ok(Err(_)), Expected::Invalid) => (Outcome::Pass, None),
        (Ok(Ok(_)), Expected::Invalid) => (
            Outcome::Fail(
                "wrong verdict",
                "generated code for an invalid schema".into(),
            ),
            None,
        ),
        (Ok(Err(e @ xsdgen::Error::Unsupported { .. })), Expected::Valid) => {
            (Outcome::Fail("feature not supported", e.to_string()), None)
        }
        (Ok(Err(e)), Expected::Valid) => (Outcome::Fail("wrong verdict", e.to_string()), None),
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
pub fn report(
    results: &[(SchemaTest, Outcome)],
    instance_results: &[(&SchemaTest, Expected, Outcome)],
    seconds: f64,
) -> String {
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
    let schema_outcomes = results.iter().map(|(t, o)| {
        let mode = match t.expected {
            Expected::Valid => "(a) valid schema",
            Expected::Invalid => "(b) invalid schema",
        };
        (t, mode, o)
    });
    let instance_outcomes = instance_results.iter().map(|(t, expected, o)| {
        let mode = match expected {
            Expected::Valid => "(c) valid instance",
            Expected::Invalid => "(d) invalid instance",
        };
        (*t, mode, o)
    });
    for (t, mode, o) in schema_outcomes.chain(instance_outcomes) {
        if mode.starts_with("(a)") || mode.starts_with("(b)") {
            instances += t.instances.len();
        }
        let c = by.entry((t.contributor.clone(), mode)).or_default();
        match o {
            Outcome::Pass => c.pass += 1,
            Outcome::Skip(s) => {
                c.skip += 1;
                skipped.push(format!("{} ({s})", t.id));
            }
            Outcome::Fail(cause, message) => {
                c.fail += 1;
                // Group by the message with positions, paths and names left out.
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
    // Instance tests whose schema test did not pass cannot run.
    let not_run: usize = results
        .iter()
        .filter(|(t, o)| t.expected == Expected::Valid && *o != Outcome::Pass)
        .map(|(t, _)| {
            t.instances
                .iter()
                .filter(|i| i.skipped_status.is_none())
                .count()
        })
        .sum();
    let mut out = String::new();
    let _ = writeln!(out, "# Conformance: W3C XML Schema Test Suite (XSD 1.0)\n");
    let _ = writeln!(
        out,
        "Written by `cargo run --release -p xsdgen-conformance --bin w3c` over \
         `../shared/corpus/w3c-xsdtests` ({} schema tests in {seconds:.0} s). Tests for XSD 1.1 only are \
         left out; tests whose status is `queried` or `disputed-*` are skipped and listed below.\n",
        results.len()
    );
    if instance_results.is_empty() {
        let _ = writeln!(
            out,
            "Modes run: **(a)** a valid schema generates Rust code (not compiled in this run) and \
             **(b)** an invalid schema is refused with an error, never a panic. Modes (c) and \
             (d) — {instances} instance tests — were not run (`-- --compile` runs them).\n"
        );
    } else {
        let _ = writeln!(
            out,
            "Modes: **(a)** a valid schema generates Rust code that compiles (the code of all \
             tests is built as modules of a few crates); **(b)** an invalid schema is refused \
             with an error, never a panic; **(c)** a valid instance is read into the generated \
             types, written back, and compared by infoset (values included) with the original; \
             **(d)** an invalid instance is rejected when read. Instance tests run where the \
             schema test's code compiled; {not_run} instance tests did not run because their \
             schema test failed.\n"
        );
    }
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
    for mode in [
        "(a) valid schema",
        "(b) invalid schema",
        "(c) valid instance",
        "(d) invalid instance",
    ] {
        let (p, f, s) = total(mode);
        if p + f + s == 0 {
            continue;
        }
        let rate = if p + f > 0 {
            100.0 * p as f64 / (p + f) as f64
        } else {
            0.0
        };
        let _ = writeln!(out, "| {mode} | {p} | {f} | {s} | {rate:.1}% |");
    }
    let crashes: usize = causes
        .iter()
        .filter(|((cause, _), _)| *cause == "crash")
        .map(|(_, ids)| ids.len())
        .sum();
    let _ = writeln!(
        out,
        "\nCrashes (a panic in the generator or in generated code, caught and counted): \
         {crashes}."
    );
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
