//! Runs the W3C XML Schema Test Suite and writes `docs/conformance.md` and the
//! per-test outcomes `conformance/expected.tsv` that CI's slice is checked against.
//!
//! cargo run --release -p xsdgen-conformance --bin w3c [-- [--compile] [--only SET] [SUITE_DIR]]
//!
//! With `--compile`, the code generated for every valid schema is compiled (as modules
//! of a few crates under `target/w3c`) and the instance tests are run through it.

use std::path::PathBuf;
use std::time::Instant;

use xsdgen_conformance::{self as w3c, batch, Outcome};

fn main() -> std::process::ExitCode {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let compile = args.iter().any(|a| a == "--compile");
    // `--only SUBSTRING` keeps the test sets whose path contains it (for trying things).
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_default();
    let root = args
        .iter()
        .find(|a| !a.starts_with("--") && **a != only)
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared/corpus/w3c-xsdtests"));
    let mut tests = match w3c::load_suite(&root, &only) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if only.is_empty() || "nistData".contains(only.as_str()) {
        tests.extend(w3c::load_nist(&root));
    }
    // Panics are caught and counted as crashes; keep their messages off the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    let mut generated = Vec::new();
    let mut results: Vec<(w3c::SchemaTest, Outcome)> = Vec::new();
    for t in tests {
        let (outcome, code) = w3c::generate(&t);
        generated.push(code);
        results.push((t, outcome));
    }
    let mut instance_results = Vec::new();
    if compile {
        let to_build: Vec<usize> = (0..results.len())
            .filter(|&i| generated[i].is_some())
            .collect();
        let pairs: Vec<_> = to_build
            .iter()
            .map(|&i| (&results[i].0, generated[i].as_ref().expect("filtered")))
            .collect();
        let work = manifest.join("../target/w3c");
        let runtime = manifest
            .join("../runtime")
            .canonicalize()
            .expect("runtime crate");
        eprintln!("compiling the code of {} schema tests…", pairs.len());
        let runs = match batch::compile_and_run(&work, &runtime, &pairs, 400) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return std::process::ExitCode::FAILURE;
            }
        };
        let mut compile_failures = Vec::new();
        for (k, run) in runs.into_iter().enumerate() {
            let i = to_build[k];
            if let Some(Err(message)) = run.compile {
                compile_failures.push((i, message));
            }
            for (_, expected, outcome) in run.instances {
                instance_results.push((i, expected, outcome));
            }
        }
        for (i, message) in compile_failures {
            results[i].1 = Outcome::Fail("compile error", message);
        }
    }
    let instance_results: Vec<_> = instance_results
        .into_iter()
        .map(|(i, e, o)| (&results[i].0, e, o))
        .collect();
    let report = w3c::report(&results, &instance_results, start.elapsed().as_secs_f64());
    let path = manifest.join("../docs/conformance.md");
    let expected = manifest.join("expected.tsv");
    for (file, text) in [
        (&path, report.clone()),
        (&expected, w3c::outcomes_tsv(&results)),
    ] {
        if let Err(e) = std::fs::write(file, text) {
            eprintln!("error: {}: {e}", file.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    let table: Vec<&str> = report
        .lines()
        .skip_while(|l| !l.starts_with("| mode"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    println!("{}\nwrote {}", table.join("\n"), path.display());
    std::process::ExitCode::SUCCESS
}
