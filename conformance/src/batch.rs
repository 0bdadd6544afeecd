//! Compiles the code generated for many schema tests as modules of a few crates (one
//! cargo workspace, built once), then reads and writes each test's instance documents
//! through it. [`compile_and_run`] is the W3C runner's entry; [`run_units`] takes any
//! generated code with its documents (the real-world runner's).
//!
//! The glue here (Cargo.toml files, `main.rs` with a dispatch `match`) is test-harness
//! text, not generated bindings: it is assembled with `format!`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{infoset, Expected, Outcome, SchemaTest};

/// One instance document to read through a unit's code.
#[derive(Debug, Clone)]
pub struct DocumentTest {
    pub name: String,
    pub path: PathBuf,
    pub expected: Expected,
    /// A SOAP envelope: read as `soap::Envelope<Document>`, the body's child compared.
    pub soap: bool,
}

/// Generated code, built as one module of a batch crate, and the documents to read with it.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub generated: &'a xsdgen::Generated,
    pub documents: Vec<DocumentTest>,
}

/// How units are shared out to the batch crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batching {
    /// In order, this many units per crate.
    Count(usize),
    /// About this many lines of generated code per crate, the largest units placed first
    /// (each into the first crate with room; a larger unit gets a crate of its own).
    Lines(usize),
}

/// The units of each batch crate, each crate's units in order.
fn batches(sizes: &[usize], batching: Batching) -> Vec<Vec<usize>> {
    match batching {
        Batching::Count(n) => (0..sizes.len())
            .collect::<Vec<_>>()
            .chunks(n.max(1))
            .map(<[usize]>::to_vec)
            .collect(),
        Batching::Lines(capacity) => {
            let mut order: Vec<usize> = (0..sizes.len()).collect();
            order.sort_by_key(|&u| (std::cmp::Reverse(sizes[u]), u));
            let mut bins: Vec<(usize, Vec<usize>)> = Vec::new();
            for u in order {
                match bins
                    .iter_mut()
                    .find(|(used, _)| *used + sizes[u] <= capacity)
                {
                    Some((used, members)) => {
                        *used += sizes[u];
                        members.push(u);
                    }
                    None => bins.push((sizes[u], vec![u])),
                }
            }
            bins.into_iter()
                .map(|(_, mut members)| {
                    members.sort_unstable();
                    members
                })
                .collect()
        }
    }
}

/// How [`run_units`] builds and compares.
#[derive(Debug, Clone)]
pub struct Options {
    /// Batch crates are named `{crate_prefix}-b{n}`.
    pub crate_prefix: String,
    /// How units are shared out to crates.
    pub batching: Batching,
    /// What the infoset comparison of a written-back document counts.
    pub infoset: infoset::Options,
    /// Read with the schema-set-level `Document` where the code has one (else each
    /// module's `Document` is tried in turn).
    pub schema_set_document: bool,
}

/// The outcome of compiling a test's code and of each of its instance tests.
#[derive(Debug, Default)]
pub struct TestRun {
    /// `Err` with the compiler's first message when the test's code did not compile.
    pub compile: Option<Result<(), String>>,
    /// (instance name, outcome)
    pub instances: Vec<(String, Expected, Outcome)>,
}

/// Builds and runs everything under `work` (created if missing). `runtime` is the path
/// of the `xsdgen-runtime` crate.
pub fn compile_and_run(
    work: &Path,
    runtime: &Path,
    tests: &[(&SchemaTest, &xsdgen::Generated)],
    batch_size: usize,
) -> std::io::Result<Vec<TestRun>> {
    let units: Vec<Unit<'_>> = tests
        .iter()
        .map(|(test, generated)| Unit {
            generated,
            documents: test
                .instances
                .iter()
                .filter(|inst| inst.skipped_status.is_none())
                .map(|inst| DocumentTest {
                    name: inst.name.clone(),
                    path: inst.path.clone(),
                    expected: inst.expected,
                    soap: false,
                })
                .collect(),
        })
        .collect();
    let options = Options {
        crate_prefix: "w3c".into(),
        batching: Batching::Count(batch_size),
        infoset: infoset::Options::default(),
        schema_set_document: false,
    };
    run_units(work, runtime, &units, &options)
}

/// Builds every unit's code under `work` (created if missing) as modules of
/// a few crates ([`Options::batching`]) in one cargo workspace, then reads each document
/// through its unit's code, writes it back and compares. `runtime` is the path of the
/// `xsdgen-runtime` crate. A unit whose code does not compile leaves its crate (which is
/// rebuilt) with the compiler's first message; one run per unit, in order.
pub fn run_units(
    work: &Path,
    runtime: &Path,
    units: &[Unit<'_>],
    options: &Options,
) -> std::io::Result<Vec<TestRun>> {
    let prefix = &options.crate_prefix;
    let mut runs: Vec<TestRun> = units.iter().map(|_| TestRun::default()).collect();
    let code: Vec<String> = units.iter().map(|u| u.generated.to_single_file()).collect();
    let sizes: Vec<usize> = code.iter().map(|c| c.lines().count()).collect();
    let batches = batches(&sizes, options.batching);
    std::fs::create_dir_all(work)?;
    let members: Vec<String> = (0..batches.len()).map(|b| format!("\"b{b}\"")).collect();
    std::fs::write(
        work.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\n",
            members.join(", ")
        ),
    )?;
    for (b, batch) in batches.iter().enumerate() {
        let dir = work.join(format!("b{b}/src"));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            work.join(format!("b{b}/Cargo.toml")),
            format!(
                "[package]\nname = \"{prefix}-b{b}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\nxsdgen-runtime = {{ path = {:?} }}\n",
                runtime.display().to_string()
            ),
        )?;
        for &t in batch {
            write_if_changed(&dir.join(format!("t{t}.rs")), &code[t])?;
        }
    }
    // Build; units whose files the compiler rejects leave their batch, which is rebuilt.
    // Each round that fails takes out at least one unit.
    let mut active: Vec<BTreeSet<usize>> = batches
        .iter()
        .map(|b| b.iter().copied().collect())
        .collect();
    loop {
        // main.rs line → the unit it belongs to, per batch, to blame errors found there.
        let mut main_lines: Vec<BTreeMap<usize, usize>> = Vec::new();
        for (b, set) in active.iter().enumerate() {
            let (main, lines) = main_rs(set, units, options);
            write_if_changed(&work.join(format!("b{b}/src/main.rs")), &main)?;
            main_lines.push(lines);
        }
        // `--keep-going`: every batch reports its errors in the same round.
        let output = Command::new(env!("CARGO"))
            .args([
                "build",
                "--workspace",
                "--keep-going",
                "--message-format",
                "short",
            ])
            .env("CARGO_TARGET_DIR", work.join("target"))
            .current_dir(work)
            .output()?;
        if output.status.success() {
            break;
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut blamed = false;
        for line in stderr.lines().filter(|l| l.contains(": error")) {
            let Some((b, t)) = blamed_test(line, &main_lines) else {
                continue;
            };
            if active.get(b).is_some_and(|s| s.contains(&t)) {
                active[b].remove(&t);
                runs[t].compile = Some(Err(line
                    .split(": error")
                    .nth(1)
                    .unwrap_or(line)
                    .trim()
                    .to_string()));
                blamed = true;
            }
        }
        if !blamed {
            return Err(std::io::Error::other(format!(
                "batch build failed:\n{stderr}"
            )));
        }
    }
    // Run each batch's binary over its units' documents.
    for (b, set) in active.iter().enumerate() {
        let mut input = String::new();
        for &t in set {
            runs[t].compile.get_or_insert(Ok(()));
            for (i, doc) in units[t].documents.iter().enumerate() {
                let mode = if doc.soap { "soap" } else { "doc" };
                let _ = writeln!(input, "{t}\t{i}\t{mode}\t{}", doc.path.display());
            }
        }
        // The document list goes through a file: writing it to a pipe while the child
        // fills its stdout pipe would deadlock once both exceed the pipe buffer.
        let list = work.join(format!("b{b}-instances.tsv"));
        std::fs::write(&list, &input)?;
        let exe = work.join(format!("target/debug/{prefix}-b{b}"));
        let output = Command::new(exe)
            .stdin(std::fs::File::open(&list)?)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .output()?;
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let mut cols = line.splitn(4, '\t');
            let (Some(t), Some(i), Some(kind), Some(payload)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let (Ok(t), Ok(i)) = (t.parse::<usize>(), i.parse::<usize>()) else {
                continue;
            };
            let Some(doc) = units.get(t).and_then(|u| u.documents.get(i)) else {
                continue;
            };
            let payload = unescape(payload);
            let outcome = match (kind, doc.expected) {
                ("ok", Expected::Valid) => {
                    let original = std::fs::read_to_string(&doc.path).unwrap_or_default();
                    let compared = if doc.soap {
                        infoset::compare_body_child_with(&original, &payload, options.infoset)
                    } else {
                        infoset::compare_with(&original, &payload, options.infoset)
                    };
                    match compared {
                        Ok(()) => Outcome::Pass,
                        Err(e) => Outcome::Fail("round-trip difference", e),
                    }
                }
                ("ok", Expected::Invalid) => {
                    Outcome::Fail("wrong verdict", "accepted an invalid instance".into())
                }
                ("err", Expected::Invalid) => Outcome::Pass,
                ("panic", _) => Outcome::Fail("crash", payload),
                (_, _) => Outcome::Fail("wrong verdict", payload),
            };
            runs[t]
                .instances
                .push((doc.name.clone(), doc.expected, outcome));
        }
    }
    Ok(runs)
}

/// Writes `contents` unless the file already holds it: an untouched file is not rebuilt.
fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents)
}

/// `b3/src/t17.rs:…: error…` → (3, 17); `b3/src/main.rs:42:…: error…` → (3, the unit
/// whose line 42 is in `main_lines[3]`).
fn blamed_test(line: &str, main_lines: &[BTreeMap<usize, usize>]) -> Option<(usize, usize)> {
    let rest = line.trim_start().strip_prefix('b')?;
    if let Some((b, rest)) = rest.split_once("/src/t") {
        let t = rest.split_once(".rs")?.0;
        return Some((b.parse().ok()?, t.parse().ok()?));
    }
    let (b, rest) = rest.split_once("/src/main.rs:")?;
    let b: usize = b.parse().ok()?;
    let line_no: usize = rest.split(':').next()?.parse().ok()?;
    Some((b, *main_lines.get(b)?.get(&line_no)?))
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The batch's `main.rs` and, for each line that belongs to one unit, that unit.
fn main_rs(
    set: &BTreeSet<usize>,
    units: &[Unit<'_>],
    options: &Options,
) -> (String, BTreeMap<usize, usize>) {
    let mut lines = BTreeMap::new();
    let mut out = String::from(
        "#![allow(warnings, clippy::all)]\n\
         use xsdgen_runtime::soap::Envelope;\n\
         use xsdgen_runtime::{read_document, write_document, XmlElement, XmlReader};\n\n",
    );
    let mut unit_line = |out: &mut String, t: usize, text: String| {
        lines.insert(out.lines().count() + 1, t);
        out.push_str(&text);
        out.push('\n');
    };
    for &t in set {
        unit_line(
            &mut out,
            t,
            format!("mod t{t} {{ include!(\"t{t}.rs\"); }}"),
        );
    }
    out.push_str(
        "\nfn try_doc<D: XmlElement>(xml: &str) -> Option<Result<String, String>> {\n\
         \x20   let mut r = XmlReader::new(xml);\n\
         \x20   match r.root() {\n\
         \x20       Ok(start) if !D::accepts(r.ns(&start), start.local()) => None,\n\
         \x20       _ => Some(read_document::<D>(xml).map_err(|e| e.to_string())\n\
         \x20           .and_then(|v| write_document(&v).map_err(|e| e.to_string()))),\n\
         \x20   }\n\
         }\n\n\
         fn read(test: usize, soap: bool, xml: &str) -> Result<String, String> {\n\
         \x20   let found = match (test, soap) {\n",
    );
    for &t in set {
        let unit = &units[t];
        let documents: Vec<String> =
            if options.schema_set_document && unit.generated.schema_set_document.is_some() {
                vec![format!("t{t}::Document")]
            } else {
                unit.generated
                    .documents
                    .iter()
                    .map(|m| format!("t{t}::{m}::Document"))
                    .collect()
            };
        let chain = |wrap: &dyn Fn(&str) -> String| {
            if documents.is_empty() {
                return "None".to_string();
            }
            let tries: Vec<String> = documents
                .iter()
                .map(|d| format!("try_doc::<{}>(xml)", wrap(d)))
                .collect();
            tries.join(".or_else(|| ") + &")".repeat(tries.len() - 1)
        };
        unit_line(
            &mut out,
            t,
            format!("        ({t}, false) => {},", chain(&|d| d.to_string())),
        );
        if unit.documents.iter().any(|d| d.soap) {
            unit_line(
                &mut out,
                t,
                format!(
                    "        ({t}, true) => {},",
                    chain(&|d| format!("Envelope<{d}>"))
                ),
            );
        }
    }
    out.push_str(
        "        _ => None,\n    };\n\
         \x20   found.unwrap_or_else(|| Err(\"no global element matches the root\".into()))\n\
         }\n\n\
         fn escape(s: &str) -> String {\n\
         \x20   s.replace('\\\\', \"\\\\\\\\\").replace('\\n', \"\\\\n\").replace('\\t', \"\\\\t\").replace('\\r', \"\\\\r\")\n\
         }\n\n\
         fn main() {\n\
         \x20   std::panic::set_hook(Box::new(|_| {}));\n\
         \x20   for line in std::io::stdin().lines().map_while(Result::ok) {\n\
         \x20       let mut cols = line.splitn(4, '\\t');\n\
         \x20       let (Some(t), Some(i), Some(mode), Some(path)) = (cols.next(), cols.next(), cols.next(), cols.next()) else { continue };\n\
         \x20       let Ok(test) = t.parse::<usize>() else { continue };\n\
         \x20       let soap = mode == \"soap\";\n\
         \x20       let bytes = std::fs::read(path).unwrap_or_default();\n\
         \x20       let xml = String::from_utf8_lossy(&bytes);\n\
         \x20       let (kind, payload) = match std::panic::catch_unwind(|| read(test, soap, &xml)) {\n\
         \x20           Ok(Ok(written)) => (\"ok\", written),\n\
         \x20           Ok(Err(e)) => (\"err\", e),\n\
         \x20           Err(_) => (\"panic\", \"the reader panicked\".to_string()),\n\
         \x20       };\n\
         \x20       println!(\"{t}\\t{i}\\t{kind}\\t{}\", escape(&payload));\n\
         \x20   }\n\
         }\n",
    );
    (out, lines)
}

/// Counts of (pass, fail) per instance mode from the runs.
pub fn instance_totals(runs: &[TestRun]) -> BTreeMap<Expected, (usize, usize)> {
    let mut totals = BTreeMap::new();
    for run in runs {
        for (_, expected, outcome) in &run.instances {
            let e = totals.entry(*expected).or_insert((0, 0));
            if *outcome == Outcome::Pass {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::{batches, Batching};

    #[test]
    fn batches_by_count_keep_order() {
        assert_eq!(
            batches(&[1, 1, 1, 1, 1], Batching::Count(2)),
            vec![vec![0, 1], vec![2, 3], vec![4]]
        );
    }

    #[test]
    fn batches_by_lines_place_the_largest_first() {
        // 150 and 90 take a crate each; then 50 + 40, and 30 + 20.
        assert_eq!(
            batches(&[20, 90, 40, 150, 30, 50], Batching::Lines(100)),
            vec![vec![3], vec![1], vec![2, 5], vec![0, 4]]
        );
    }
}
