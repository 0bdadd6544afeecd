//! Compiles the code generated for many schema tests as modules of a few crates (one
//! cargo workspace, built once), then reads and writes each test's instance documents
//! through it.
//!
//! The glue here (Cargo.toml files, `main.rs` with a dispatch `match`) is test-harness
//! text, not generated bindings: it is assembled with `format!`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{infoset, Expected, Outcome, SchemaTest};

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
    let mut runs: Vec<TestRun> = tests.iter().map(|_| TestRun::default()).collect();
    let batches: Vec<Vec<usize>> = (0..tests.len())
        .collect::<Vec<_>>()
        .chunks(batch_size.max(1))
        .map(<[usize]>::to_vec)
        .collect();
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
                "[package]\nname = \"w3c-b{b}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\nxsdgen-runtime = {{ path = {:?} }}\n",
                runtime.display().to_string()
            ),
        )?;
        for &t in batch {
            std::fs::write(dir.join(format!("t{t}.rs")), tests[t].1.to_single_file())?;
        }
    }
    // Build; tests whose files the compiler rejects leave their batch, which is rebuilt.
    let mut active: Vec<BTreeSet<usize>> = batches
        .iter()
        .map(|b| b.iter().copied().collect())
        .collect();
    for _round in 0..6 {
        for (b, set) in active.iter().enumerate() {
            let main = main_rs(set, tests);
            std::fs::write(work.join(format!("b{b}/src/main.rs")), main)?;
        }
        let output = Command::new(env!("CARGO"))
            .args(["build", "--workspace", "--message-format", "short"])
            .env("CARGO_TARGET_DIR", work.join("target"))
            .current_dir(work)
            .output()?;
        if output.status.success() {
            break;
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut blamed = false;
        for line in stderr.lines().filter(|l| l.contains(": error")) {
            let Some((b, t)) = blamed_test(line) else {
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
    // Run each batch's binary over its tests' instance documents.
    for (b, set) in active.iter().enumerate() {
        let mut input = String::new();
        for &t in set {
            runs[t].compile.get_or_insert(Ok(()));
            for (i, inst) in tests[t].0.instances.iter().enumerate() {
                if inst.skipped_status.is_none() {
                    let _ = writeln!(input, "{t}\t{i}\t{}", inst.path.display());
                }
            }
        }
        // The test list goes through a file: writing it to a pipe while the child fills
        // its stdout pipe would deadlock once both exceed the pipe buffer.
        let list = work.join(format!("b{b}-instances.tsv"));
        std::fs::write(&list, &input)?;
        let exe = work.join(format!("target/debug/w3c-b{b}"));
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
            let inst = &tests[t].0.instances[i];
            let payload = unescape(payload);
            let outcome = match (kind, inst.expected) {
                ("ok", Expected::Valid) => {
                    let original = std::fs::read_to_string(&inst.path).unwrap_or_default();
                    match infoset::compare(&original, &payload) {
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
                .push((inst.name.clone(), inst.expected, outcome));
        }
    }
    Ok(runs)
}

/// `b3/src/t17.rs:…: error…` → (3, 17)
fn blamed_test(line: &str) -> Option<(usize, usize)> {
    let (b, rest) = line.trim_start().strip_prefix('b')?.split_once("/src/t")?;
    let t = rest.split_once(".rs")?.0;
    Some((b.parse().ok()?, t.parse().ok()?))
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

fn main_rs(set: &BTreeSet<usize>, tests: &[(&SchemaTest, &xsdgen::Generated)]) -> String {
    let mut out = String::from(
        "#![allow(warnings, clippy::all)]\n\
         use xsdgen_runtime::{read_document, write_document, XmlElement, XmlReader};\n\n",
    );
    for &t in set {
        let _ = writeln!(out, "mod t{t} {{ include!(\"t{t}.rs\"); }}");
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
         fn read(test: usize, xml: &str) -> Result<String, String> {\n\
         \x20   let found = match test {\n",
    );
    for &t in set {
        let docs: Vec<String> = tests[t]
            .1
            .documents
            .iter()
            .map(|m| format!("try_doc::<t{t}::{m}::Document>(xml)"))
            .collect();
        let chain = if docs.is_empty() {
            "None".to_string()
        } else {
            docs.join(".or_else(|| ") + &")".repeat(docs.len() - 1)
        };
        let _ = writeln!(out, "        {t} => {chain},");
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
         \x20       let mut cols = line.splitn(3, '\\t');\n\
         \x20       let (Some(t), Some(i), Some(path)) = (cols.next(), cols.next(), cols.next()) else { continue };\n\
         \x20       let Ok(test) = t.parse::<usize>() else { continue };\n\
         \x20       let bytes = std::fs::read(path).unwrap_or_default();\n\
         \x20       let xml = String::from_utf8_lossy(&bytes);\n\
         \x20       let (kind, payload) = match std::panic::catch_unwind(|| read(test, &xml)) {\n\
         \x20           Ok(Ok(written)) => (\"ok\", written),\n\
         \x20           Ok(Err(e)) => (\"err\", e),\n\
         \x20           Err(_) => (\"panic\", \"the reader panicked\".to_string()),\n\
         \x20       };\n\
         \x20       println!(\"{t}\\t{i}\\t{kind}\\t{}\", escape(&payload));\n\
         \x20   }\n\
         }\n",
    );
    out
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
