//! Runs the real-world corpus (`../shared/corpus/realworld/groups.json`) and writes
//! `docs/corpus.md` and the per-group and per-document outcomes
//! `conformance/realworld-expected.tsv` that CI's test checks generation against.
//!
//! cargo run --release -p xsdgen-conformance --bin realworld [-- [--compile] [--set NN-name] [--group G] [CORPUS_DIR]]
//! cargo run --release -p xsdgen-conformance --bin realworld -- --emit-crates DIR [--per-group NN-name] [--set NN-name]
//!
//! Without `--compile` only generation runs (documents are marked not run). With it, the
//! code of every generated group is compiled (one module per group, a few groups per
//! crate, under `target/realworld`) and the documents are read, written back and compared
//! by infoset, or must be rejected. `--set` (a set folder, or its number) and `--group`
//! pick groups for trying things: such a run writes its report to
//! `target/realworld/corpus.md` and leaves the committed files alone.
//!
//! `--emit-crates DIR [--per-group SET]` generates and then writes, instead of any report,
//! the code of each set as one crate under `DIR` (each group of a `--per-group` set as a
//! crate of its own) for `scripts/compile-budget-realworld.sh`; see
//! [`realworld::emit_crates`].

use std::path::PathBuf;
use std::time::Instant;

use xsdgen_conformance::realworld::{self, Generation};

fn main() -> std::process::ExitCode {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let compile = args.iter().any(|a| a == "--compile");
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (set, group) = (value("--set"), value("--group"));
    let emit = value("--emit-crates").map(PathBuf::from);
    let per_group: Vec<String> = value("--per-group").into_iter().collect();
    // `--batch-lines N`: about N lines of generated code per crate.
    let batch_lines = value("--batch-lines")
        .and_then(|b| b.parse::<usize>().ok())
        .unwrap_or(40_000);
    // The corpus folder: the one argument that is neither a flag nor a flag's value.
    let takes_value = |a: &str| {
        matches!(
            a,
            "--set" | "--group" | "--batch-lines" | "--emit-crates" | "--per-group"
        )
    };
    let root = args
        .iter()
        .enumerate()
        .find(|&(i, a)| {
            let is_value = i > 0 && takes_value(&args[i - 1]);
            !a.starts_with("--") && !is_value
        })
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| manifest.join("../../shared/corpus/realworld"));
    if !root.join("groups.json").is_file() {
        println!(
            "skipped: {} is absent (the corpus lives beside the repository)",
            root.join("groups.json").display()
        );
        return std::process::ExitCode::SUCCESS;
    }
    let root = root.canonicalize().unwrap_or(root);
    let groups = match realworld::load_groups(&root) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let filtered = set.is_some() || group.is_some();
    let groups: Vec<_> = groups
        .into_iter()
        .filter(|g| {
            set.as_deref()
                .is_none_or(|s| realworld::set_matches(&g.set, s))
        })
        .filter(|g| group.as_deref().is_none_or(|name| g.group == name))
        .collect();
    if groups.is_empty() {
        eprintln!("error: no group matches");
        return std::process::ExitCode::FAILURE;
    }
    // Panics are caught and counted as crashes; keep their messages off the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    let mut results = Vec::new();
    for g in groups {
        let (generation, seconds) = realworld::generate(&g);
        let status = match &generation {
            Generation::Generated(_, lines) => format!("{lines} lines"),
            Generation::Refused(..) => "refused".into(),
            Generation::Crashed => "crash".into(),
        };
        eprintln!("{:>7.0} ms  {}: {status}", seconds * 1e3, g.id());
        results.push(realworld::initial_result(g, generation, seconds));
    }
    let generation_time = start.elapsed().as_secs_f64();
    eprintln!("generated in {generation_time:.1} s");
    let runtime = manifest
        .join("../runtime")
        .canonicalize()
        .expect("runtime crate");
    if let Some(dir) = emit {
        return match realworld::emit_crates(&results, &dir, &runtime, &per_group) {
            Ok(crates) => {
                println!("wrote {} crates to {}", crates.len(), dir.display());
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {}: {e}", dir.display());
                std::process::ExitCode::FAILURE
            }
        };
    }
    let work = manifest.join("../target/realworld");
    if compile {
        let generated = results
            .iter()
            .filter(|r| matches!(r.generation, Generation::Generated(..)))
            .count();
        eprintln!("compiling the code of {generated} groups…");
        if let Err(e) = realworld::compile_and_run(&mut results, &work, &runtime, batch_lines) {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let report = realworld::report(&results, &root, compile, seconds);
    let (report_path, tsv_path) = if filtered {
        (work.join("corpus.md"), None)
    } else {
        (
            manifest.join("../docs/corpus.md"),
            Some(manifest.join("realworld-expected.tsv")),
        )
    };
    if let Some(dir) = report_path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let mut writes = vec![(report_path.clone(), report.clone())];
    if let Some(tsv) = tsv_path {
        writes.push((tsv, realworld::outcomes_tsv(&results)));
    }
    for (file, text) in writes {
        if let Err(e) = std::fs::write(&file, text) {
            eprintln!("error: {}: {e}", file.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    println!(
        "{}\ngeneration {generation_time:.1} s, whole run {seconds:.1} s\nwrote {}",
        realworld::summary(&report),
        report_path.display()
    );
    std::process::ExitCode::SUCCESS
}
