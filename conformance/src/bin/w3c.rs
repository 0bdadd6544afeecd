//! Runs the W3C XML Schema Test Suite and writes `docs/conformance.md` and the
//! per-test outcomes `conformance/expected.tsv` that CI's subset is checked against.
//!
//! cargo run --release -p xsdgen-conformance --bin w3c [-- SUITE_DIR]

use std::path::PathBuf;
use std::time::Instant;

use xsdgen_conformance as w3c;

fn main() -> std::process::ExitCode {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared/corpus/w3c-xsdtests"));
    let tests = match w3c::load_suite(&root, "") {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // Panics are caught and counted as crashes; keep their messages off the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    let results: Vec<_> = tests
        .into_iter()
        .map(|t| {
            if std::env::var_os("W3C_TRACE").is_some() {
                eprintln!("{}", t.id);
            }
            let o = w3c::run(&t);
            (t, o)
        })
        .collect();
    let report = w3c::report(&results, start.elapsed().as_secs_f64());
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
    let table: String = report
        .lines()
        .skip_while(|l| !l.starts_with("| mode"))
        .take(4)
        .collect::<Vec<_>>()
        .join("\n");
    println!("{table}\nwrote {}", path.display());
    std::process::ExitCode::SUCCESS
}
