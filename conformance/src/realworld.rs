//! The real-world corpus (`../shared/corpus/realworld`): public schema sets with their
//! documents, described by `groups.json` (see its README). Each group's schemas are
//! generated together; with `--compile`, its code is built and its documents are read,
//! written back and compared by infoset ([`infoset::Options::strict`]), or rejected.
//!
//! The binary `realworld` drives it and writes `docs/corpus.md` and
//! `conformance/realworld-expected.tsv`; `tests/realworld.rs` holds generation to the
//! latter.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::{batch, infoset, Expected, Outcome};

/// One group of `groups.json`, its paths expanded.
#[derive(Debug, Clone)]
pub struct Group {
    /// `NN-name`, the set's folder.
    pub set: String,
    pub group: String,
    /// The set's folder.
    pub set_dir: PathBuf,
    /// Root schemas, globs expanded (sorted).
    pub schemas: Vec<PathBuf>,
    /// Documents to read: (name as in `groups.json`, globs expanded; path; validity).
    pub documents: Vec<(String, PathBuf, Expected)>,
    /// The documents are SOAP envelopes whose body holds the group's elements.
    pub soap: bool,
    /// Extra location mappings: (URL as written, local file).
    pub map: Vec<(String, PathBuf)>,
    /// `false` for a peer test schema that is not valid XSD 1.0: refusing it passes.
    pub schema_valid: bool,
    /// A glob that matches nothing, or a malformed entry.
    pub problems: Vec<String>,
}

impl Group {
    /// `set/group`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.set, self.group)
    }
}

/// The groups of `root/groups.json`, in file order.
pub fn load_groups(root: &Path) -> Result<Vec<Group>, String> {
    let path = root.join("groups.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let entries = json
        .as_array()
        .ok_or_else(|| format!("{}: not a JSON list", path.display()))?;
    let mut groups = Vec::new();
    for entry in entries {
        let field = |name: &str| entry.get(name).and_then(serde_json::Value::as_str);
        let (Some(set), Some(group)) = (field("set"), field("group")) else {
            return Err(format!(
                "{}: a group without set or group: {entry}",
                path.display()
            ));
        };
        let set_dir = root.join(set);
        let mut problems = Vec::new();
        let mut list = |name: &str| -> Vec<String> {
            let mut out = Vec::new();
            for item in entry
                .get(name)
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(pattern) = item.as_str() else {
                    problems.push(format!("{name}: not a path: {item}"));
                    continue;
                };
                let found = expand(&set_dir, pattern);
                if found.is_empty() {
                    problems.push(format!("{name}: {pattern} matches no file"));
                }
                out.extend(found);
            }
            out
        };
        let schemas = list("schemas").iter().map(|s| set_dir.join(s)).collect();
        let mut documents = Vec::new();
        for (name, expected) in [("valid", Expected::Valid), ("invalid", Expected::Invalid)] {
            for doc in list(name) {
                documents.push((doc.clone(), set_dir.join(&doc), expected));
            }
        }
        let map = match entry.get("map") {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(serde_json::Value::Object(m)) => m
                .iter()
                .filter_map(|(url, file)| match file.as_str() {
                    Some(file) => Some((url.clone(), set_dir.join(file))),
                    None => {
                        problems.push(format!("map: {url}: not a path: {file}"));
                        None
                    }
                })
                .collect(),
            Some(other) => {
                problems.push(format!("map: not an object of URL → file: {other}"));
                Vec::new()
            }
        };
        groups.push(Group {
            set: set.to_string(),
            group: group.to_string(),
            schemas,
            documents,
            soap: entry.get("soap").and_then(serde_json::Value::as_bool) == Some(true),
            map,
            schema_valid: entry
                .get("schema_valid")
                .and_then(serde_json::Value::as_bool)
                != Some(false),
            problems,
            set_dir,
        });
    }
    Ok(groups)
}

/// `pattern` (a path relative to `dir`, `*` allowed in its last segment) → the matching
/// files' paths relative to `dir`, written as in the pattern, sorted. A path without `*`
/// is kept when the file exists.
pub fn expand(dir: &Path, pattern: &str) -> Vec<String> {
    let (folder, file) = match pattern.rsplit_once('/') {
        Some((folder, file)) => (Some(folder), file),
        None => (None, pattern),
    };
    if !file.contains('*') {
        return if dir.join(pattern).is_file() {
            vec![pattern.to_string()]
        } else {
            Vec::new()
        };
    }
    let search = folder.map_or_else(|| dir.to_path_buf(), |f| dir.join(f));
    let Ok(entries) = std::fs::read_dir(&search) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| wildcard_match(file, name))
        .map(|name| match folder {
            Some(f) => format!("{f}/{name}"),
            None => name,
        })
        .collect();
    names.sort();
    names
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == name;
    }
    if name.len() < first.len() + last.len() || !name.starts_with(first) || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// `config` with the set's OASIS catalog (`set_dir/catalog.xml`), where the set has one.
pub fn with_catalog(config: xsdgen::Config, set_dir: &Path) -> xsdgen::Config {
    let catalog = set_dir.join("catalog.xml");
    if catalog.is_file() {
        config.catalog(catalog)
    } else {
        config
    }
}

/// The generator's configuration for a group: its schemas, its `map` entries, the set's
/// catalog.
pub fn config(group: &Group) -> xsdgen::Config {
    let mut config = xsdgen::Config::new();
    for schema in &group.schemas {
        config = config.schema(schema);
    }
    for (url, local) in &group.map {
        config = config.map_location(url, local);
    }
    with_catalog(config, &group.set_dir)
}

/// What generating a group's code gave.
#[derive(Debug)]
pub enum Generation {
    /// The code, and how many lines `to_single_file()` has.
    Generated(Box<xsdgen::Generated>, usize),
    /// The generator's error, and whether it was `not supported yet`.
    Refused(String, bool),
    /// The generator panicked.
    Crashed,
}

/// Generates a group's code (a panic is caught: install a quiet panic hook to keep its
/// message off the terminal). Returns the outcome and the time it took in seconds.
pub fn generate(group: &Group) -> (Generation, f64) {
    let config = config(group);
    let start = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.generate()));
    let seconds = start.elapsed().as_secs_f64();
    let generation = match result {
        Ok(Ok(g)) => {
            let lines = g.to_single_file().lines().count();
            Generation::Generated(Box::new(g), lines)
        }
        Ok(Err(e)) => {
            let unsupported = matches!(e, xsdgen::Error::Unsupported { .. });
            Generation::Refused(e.to_string(), unsupported)
        }
        Err(_) => Generation::Crashed,
    };
    (generation, seconds)
}

/// The expectations file's code for a group's generation: `generated` when code came
/// out (the only one that means so); otherwise `refused` (an invalid schema refused, as
/// it should be), `unsupported`, `wrong` (a valid schema refused with another error) or
/// `crash`.
pub fn generation_code(group: &Group, generation: &Generation) -> &'static str {
    match generation {
        Generation::Generated(..) => "generated",
        Generation::Refused(..) if !group.schema_valid => "refused",
        Generation::Refused(_, true) => "unsupported",
        Generation::Refused(_, false) => "wrong",
        Generation::Crashed => "crash",
    }
}

/// The outcome of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocOutcome {
    /// Read, written back with the same infoset (valid), or rejected (invalid).
    Pass,
    /// Read and written back, with a different infoset: the first difference.
    Diff(String),
    /// A valid document rejected (the error) or an invalid one accepted.
    Wrong(String),
    /// The reader panicked.
    Crash(String),
    /// The group's code did not compile (so the document was not read).
    NoBuild,
    /// Not run: no `--compile`, or the group's code was not generated.
    NotRun,
    /// The file does not exist.
    Missing,
}

impl DocOutcome {
    /// A one-word form for the expectations file.
    pub fn code(&self) -> &'static str {
        match self {
            DocOutcome::Pass => "pass",
            DocOutcome::Diff(_) => "diff",
            DocOutcome::Wrong(_) => "wrong",
            DocOutcome::Crash(_) => "crash",
            DocOutcome::NoBuild => "nobuild",
            DocOutcome::NotRun => "notrun",
            DocOutcome::Missing => "missing",
        }
    }

    fn message(&self) -> Option<&str> {
        match self {
            DocOutcome::Diff(m) | DocOutcome::Wrong(m) | DocOutcome::Crash(m) => Some(m),
            _ => None,
        }
    }

    /// From the batch runner's outcome.
    pub fn from_outcome(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Pass => DocOutcome::Pass,
            Outcome::Fail("round-trip difference", m) => DocOutcome::Diff(m),
            Outcome::Fail("crash", m) => DocOutcome::Crash(m),
            Outcome::Fail(_, m) => DocOutcome::Wrong(m),
            Outcome::Skip(_) => DocOutcome::NotRun,
        }
    }
}

/// Everything known about one group after a run.
#[derive(Debug)]
pub struct GroupResult {
    pub group: Group,
    pub generation: Generation,
    pub seconds: f64,
    /// `None` when not compiled; `Err` with the compiler's first message.
    pub build: Option<Result<(), String>>,
    /// Per document of `group.documents`, in order.
    pub documents: Vec<DocOutcome>,
}

/// The comparison this runner holds written-back documents to.
pub fn infoset_options() -> infoset::Options {
    infoset::Options::strict()
}

/// Compiles the code of every generated group (each group one module, about
/// `batch_lines` lines of code per crate, under `work`) and runs its documents; fills in
/// `build` and `documents`.
pub fn compile_and_run(
    results: &mut [GroupResult],
    work: &Path,
    runtime: &Path,
    batch_lines: usize,
) -> std::io::Result<()> {
    let built: Vec<usize> = (0..results.len())
        .filter(|&i| matches!(results[i].generation, Generation::Generated(..)))
        .collect();
    let units: Vec<batch::Unit<'_>> = built
        .iter()
        .map(|&i| {
            let r = &results[i];
            let Generation::Generated(generated, _) = &r.generation else {
                unreachable!("filtered")
            };
            batch::Unit {
                generated,
                documents: r
                    .group
                    .documents
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, path, _))| path.is_file())
                    .map(|(k, (_, path, expected))| batch::DocumentTest {
                        // The index in the group's list: names may repeat across lists.
                        name: k.to_string(),
                        path: path.clone(),
                        expected: *expected,
                        soap: r.group.soap,
                    })
                    .collect(),
            }
        })
        .collect();
    let options = batch::Options {
        crate_prefix: "realworld".into(),
        batching: batch::Batching::Lines(batch_lines),
        infoset: infoset_options(),
        schema_set_document: true,
    };
    let runs = batch::run_units(work, runtime, &units, &options)?;
    for (k, run) in runs.into_iter().enumerate() {
        let r = &mut results[built[k]];
        r.build = run.compile;
        if matches!(r.build, Some(Err(_))) {
            for (d, (_, path, _)) in r.group.documents.iter().enumerate() {
                if path.is_file() {
                    r.documents[d] = DocOutcome::NoBuild;
                }
            }
        }
        for (name, _, outcome) in run.instances {
            if let Ok(d) = name.parse::<usize>() {
                r.documents[d] = DocOutcome::from_outcome(outcome);
            }
        }
    }
    Ok(())
}

/// One crate written by [`emit_crates`].
#[derive(Debug, Clone)]
pub struct EmittedCrate {
    /// Package name, also its folder under the emit folder.
    pub name: String,
    /// The set it holds code of.
    pub set: String,
    /// Generated groups in the crate, and groups of the set.
    pub groups: usize,
    pub set_groups: usize,
    /// `set`, or `set: GROUP` for a crate of one group of a per-group set.
    pub label: String,
}

/// Whether `set` (a set folder, `NN-name`) is the one `wanted` names: the folder or its
/// number.
pub fn set_matches(set: &str, wanted: &str) -> bool {
    set == wanted || set.split('-').next() == Some(wanted.trim_end_matches('-'))
}

/// Writes the code of every generated group for the compile budget
/// (`scripts/compile-budget-realworld.sh`): under `dir`, a cargo workspace with one crate
/// per set, `budget-<set>` (characters other than letters, digits and `_` as `-`), each
/// generated group of the set a module `gN` (its code in `src/gN.rs`, included) — but
/// for each set that `per_group_of` names, a crate per generated group,
/// `budget-<set>--<group>`; plus `deps`, an empty library depending on `xsdgen-runtime` (the
/// crate at `runtime`), built first so that the timed builds find their dependencies
/// built. The workspace's profile is the xsdgen workspace's (dependencies at
/// `opt-level = 1`). Crate folders of an earlier run go; `target/` stays. Also writes
/// `crates.tsv`: name, set, groups, set's groups, label.
pub fn emit_crates(
    results: &[GroupResult],
    dir: &Path,
    runtime: &Path,
    per_group_of: &[String],
) -> std::io::Result<Vec<EmittedCrate>> {
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && (name == "deps" || name.starts_with("budget-")) {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    let dependency = format!(
        "[dependencies]\nxsdgen-runtime = {{ path = {:?} }}\n",
        runtime.display().to_string()
    );
    let manifest = |name: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n{dependency}"
        )
    };
    std::fs::create_dir_all(dir.join("deps/src"))?;
    std::fs::write(dir.join("deps/Cargo.toml"), manifest("deps"))?;
    std::fs::write(
        dir.join("deps/src/lib.rs"),
        "//! Nothing: builds the generated crates' dependencies.\n",
    )?;
    // Per set, in file order: its number of groups and its generated ones (with lines).
    type Code<'a> = (&'a Group, &'a xsdgen::Generated, usize);
    let mut sets: Vec<(&str, usize, Vec<Code<'_>>)> = Vec::new();
    for r in results {
        if sets.last().is_none_or(|(s, _, _)| *s != r.group.set) {
            sets.push((&r.group.set, 0, Vec::new()));
        }
        let entry = sets.last_mut().expect("pushed");
        entry.1 += 1;
        if let Generation::Generated(generated, lines) = &r.generation {
            entry.2.push((&r.group, generated, *lines));
        }
    }
    let mut crates = Vec::new();
    for (set, set_groups, generated) in &sets {
        if generated.is_empty() {
            continue;
        }
        // A package name: letters, digits, `-`, `_` (`15-bpmn-2.0` → `budget-15-bpmn-2-0`).
        let crate_name = format!("budget-{}", sanitized(set));
        // A set of unrelated schemas (set 19, a peer's test schemas) is a crate per group:
        // that is what a user builds; the others are one crate, each group a module.
        let members = if per_group_of.iter().any(|w| set_matches(set, w)) {
            generated
                .iter()
                .map(|code| {
                    let group = sanitized(&code.0.group);
                    (
                        format!("{crate_name}--{group}"),
                        vec![*code],
                        format!("{set}: {}", code.0.group),
                    )
                })
                .collect()
        } else {
            vec![(crate_name.clone(), generated.clone(), set.to_string())]
        };
        for (name, groups, label) in members {
            let src = dir.join(&name).join("src");
            std::fs::create_dir_all(&src)?;
            std::fs::write(dir.join(&name).join("Cargo.toml"), manifest(&name))?;
            let mut lib = format!(
                "//! The generated code of {label} ({} groups), one module per group.\n\
                 #![allow(warnings)]\n\n",
                groups.len()
            );
            for (n, (group, code, _)) in groups.iter().enumerate() {
                std::fs::write(src.join(format!("g{n}.rs")), code.to_single_file())?;
                let _ = writeln!(
                    lib,
                    "/// {}\npub mod g{n} {{\n    include!(\"g{n}.rs\");\n}}",
                    group.id()
                );
            }
            std::fs::write(src.join("lib.rs"), lib)?;
            crates.push(EmittedCrate {
                name,
                set: set.to_string(),
                groups: groups.len(),
                set_groups: *set_groups,
                label,
            });
        }
    }
    let mut members: Vec<String> = vec!["\"deps\"".into()];
    members.extend(crates.iter().map(|c| format!("\"{}\"", c.name)));
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n\
             # As in the xsdgen workspace, where ews-bindings builds: dependencies optimised.\n\
             [profile.dev.package.\"*\"]\nopt-level = 1\n",
            members.join(", ")
        ),
    )?;
    let mut tsv = String::from("# crate\tset\tgroups\tset groups\tlabel\n");
    for c in &crates {
        let _ = writeln!(
            tsv,
            "{}\t{}\t{}\t{}\t{}",
            c.name, c.set, c.groups, c.set_groups, c.label
        );
    }
    std::fs::write(dir.join("crates.tsv"), tsv)?;
    Ok(crates)
}

/// `name` with every character a package name cannot hold as `-`.
fn sanitized(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A new result for `group` from its generation, documents not run (or missing).
pub fn initial_result(group: Group, generation: Generation, seconds: f64) -> GroupResult {
    let documents = group
        .documents
        .iter()
        .map(|(_, path, _)| {
            if path.is_file() {
                DocOutcome::NotRun
            } else {
                DocOutcome::Missing
            }
        })
        .collect();
    GroupResult {
        group,
        generation,
        seconds,
        build: None,
        documents,
    }
}

/// The expectations file: `set<TAB>group<TAB>doc<TAB>code`, one line per group (doc `-`:
/// its generation, [`generation_code`]) and one per document of a generated group
/// ([`DocOutcome::code`]), sorted.
pub fn outcomes_tsv(results: &[GroupResult]) -> String {
    let mut lines = Vec::new();
    for r in results {
        let g = &r.group;
        lines.push(format!(
            "{}\t{}\t-\t{}",
            g.set,
            g.group,
            generation_code(g, &r.generation)
        ));
        if matches!(r.generation, Generation::Generated(..)) {
            for ((name, _, _), outcome) in g.documents.iter().zip(&r.documents) {
                lines.push(format!(
                    "{}\t{}\t{name}\t{}",
                    g.set,
                    g.group,
                    outcome.code()
                ));
            }
        }
    }
    lines.sort();
    lines.dedup();
    let mut out = String::from(
        "# set\tgroup\tdoc\toutcome; doc '-': generation (generated, refused, unsupported, \
         wrong, crash); documents: pass, diff, wrong, crash, nobuild, notrun, missing. \
         Written by the realworld runner\n",
    );
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Reads `outcomes_tsv` output back: (set, group, doc) → code.
pub fn parse_outcomes(text: &str) -> BTreeMap<(String, String, String), String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let key = (
                cols.next()?.to_string(),
                cols.next()?.to_string(),
                cols.next()?.to_string(),
            );
            Some((key, cols.next()?.to_string()))
        })
        .collect()
}

/// One line of report text: paths under the corpus made relative, no newlines, at most
/// ~200 characters.
fn one_line(message: &str, root: &Path) -> String {
    let root = format!("{}/", root.display());
    let line = message.replace(&root, "").replace(['\n', '\r'], " ");
    let mut out: String = line.chars().take(200).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    out
}

/// A failure message with its position, path, namespaces and values left out, to group
/// by.
fn cause(message: &str) -> String {
    // `file:line:col: message` or `a/b/c: difference`: the head goes.
    let rest = match message.split_once(": ") {
        Some((head, rest)) if head.contains(['/', ':']) || !head.contains(' ') => rest,
        _ => message,
    };
    // `{namespace}local` → `local`.
    let mut plain = String::new();
    let mut depth = 0;
    for c in rest.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let cut = plain.find(['"', '[', '`']).unwrap_or(plain.len());
    plain[..cut].trim().chars().take(90).collect()
}

/// Counts for one set.
#[derive(Debug, Default, Clone, Copy)]
struct SetCounts {
    groups: usize,
    generated: usize,
    compiled: usize,
    valid_pass: usize,
    valid: usize,
    invalid_pass: usize,
    invalid: usize,
}

/// Failure causes, most frequent first: (kind, cause) → the groups or documents.
pub fn failure_causes(results: &[GroupResult]) -> Vec<((String, String), Vec<String>)> {
    let mut causes: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for r in results {
        let id = r.group.id();
        match &r.generation {
            Generation::Refused(m, unsupported) if r.group.schema_valid => {
                let kind = if *unsupported {
                    "generation: not supported"
                } else {
                    "generation: refused"
                };
                causes
                    .entry((kind.into(), cause(m)))
                    .or_default()
                    .push(id.clone());
            }
            Generation::Crashed => causes
                .entry(("generation: crash".into(), "the generator panicked".into()))
                .or_default()
                .push(id.clone()),
            Generation::Generated(..) if !r.group.schema_valid => causes
                .entry((
                    "generation: wrong verdict".into(),
                    "generated code for an invalid schema".into(),
                ))
                .or_default()
                .push(id.clone()),
            _ => {}
        }
        if let Some(Err(m)) = &r.build {
            causes
                .entry(("build".into(), cause(m)))
                .or_default()
                .push(id.clone());
        }
        for ((name, _, expected), outcome) in r.group.documents.iter().zip(&r.documents) {
            let kind = match (outcome, expected) {
                (DocOutcome::Diff(_), _) => "round trip: difference",
                (DocOutcome::Wrong(_), Expected::Valid) => "valid document rejected",
                (DocOutcome::Wrong(_), Expected::Invalid) => "invalid document accepted",
                (DocOutcome::Crash(_), _) => "reader crash",
                (DocOutcome::Missing, _) => "document missing",
                _ => continue,
            };
            let message = outcome.message().map(cause).unwrap_or_default();
            causes
                .entry((kind.into(), message))
                .or_default()
                .push(format!("{id}: {name}"));
        }
    }
    let mut sorted: Vec<_> = causes.into_iter().collect();
    sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    sorted
}

/// `docs/corpus.md`. `compiled`: whether this run compiled and ran documents.
pub fn report(results: &[GroupResult], root: &Path, compiled: bool, seconds: f64) -> String {
    let mut sets: BTreeMap<&str, SetCounts> = BTreeMap::new();
    for r in results {
        let c = sets.entry(&r.group.set).or_default();
        c.groups += 1;
        let generated = matches!(r.generation, Generation::Generated(..));
        c.generated += usize::from(generated);
        c.compiled += usize::from(matches!(r.build, Some(Ok(()))));
        for ((_, _, expected), outcome) in r.group.documents.iter().zip(&r.documents) {
            let pass = usize::from(*outcome == DocOutcome::Pass);
            match expected {
                Expected::Valid => {
                    c.valid += 1;
                    c.valid_pass += pass;
                }
                Expected::Invalid => {
                    c.invalid += 1;
                    c.invalid_pass += pass;
                }
            }
        }
    }
    let generation_seconds: f64 = results.iter().map(|r| r.seconds).sum();
    let mut out = String::new();
    let _ = writeln!(out, "# Real-world schema sets\n");
    let _ = writeln!(
        out,
        "Written by `cargo run --release -p xsdgen-conformance --bin realworld{}` over \
         `../shared/corpus/realworld` ({} groups of {} sets; generation {generation_seconds:.1} s, \
         the whole run {seconds:.0} s). Each group's schemas are generated together (with the \
         set's `catalog.xml` and the group's `map`); {}\n",
        if compiled { " -- --compile" } else { "" },
        results.len(),
        sets.len(),
        if compiled {
            "the code of every generated group is compiled (one module each, a few groups per \
             crate), each valid document is read, written back and compared by infoset \
             (location hints and the order of mixed content count; `xs:QName` texts compare by \
             expanded name), and each invalid \
             document must be rejected. A group with `schema_valid: false` in `groups.json` \
             passes when generation refuses it."
        } else {
            "nothing is compiled and no document is read in this run (`-- --compile` does \
             both). A group with `schema_valid: false` in `groups.json` passes when \
             generation refuses it."
        }
    );
    let dash = |n: usize, total: usize, run: bool| {
        if !run {
            format!("— / {total}")
        } else {
            format!("{n} / {total}")
        }
    };
    let _ = writeln!(
        out,
        "| set | groups generated | groups compiled | valid documents round-tripped | invalid documents rejected |\n\
         |---|---|---|---|---|"
    );
    let mut total = SetCounts::default();
    for (set, c) in &sets {
        let _ = writeln!(
            out,
            "| {set} | {} | {} | {} | {} |",
            dash(c.generated, c.groups, true),
            dash(c.compiled, c.groups, compiled),
            dash(c.valid_pass, c.valid, compiled),
            dash(c.invalid_pass, c.invalid, compiled),
        );
        total.groups += c.groups;
        total.generated += c.generated;
        total.compiled += c.compiled;
        total.valid += c.valid;
        total.valid_pass += c.valid_pass;
        total.invalid += c.invalid;
        total.invalid_pass += c.invalid_pass;
    }
    let _ = writeln!(
        out,
        "| **all** | {} | {} | {} | {} |",
        dash(total.generated, total.groups, true),
        dash(total.compiled, total.groups, compiled),
        dash(total.valid_pass, total.valid, compiled),
        dash(total.invalid_pass, total.invalid, compiled),
    );
    let invalid_refused = results
        .iter()
        .filter(|r| !r.group.schema_valid)
        .filter(|r| !matches!(r.generation, Generation::Generated(..)))
        .count();
    let invalid_schemas = results.iter().filter(|r| !r.group.schema_valid).count();
    let _ = writeln!(
        out,
        "\nGroups generated count the {invalid_schemas} groups whose schema is not valid XSD 1.0 \
         (`schema_valid: false`) only when code came out: {invalid_refused} of them are refused, \
         as they should be.\n"
    );
    let _ = writeln!(
        out,
        "## Failures by cause\n\n| kind | message | count | examples |\n|---|---|---|---|"
    );
    for ((kind, message), ids) in failure_causes(results) {
        let examples: Vec<&str> = ids.iter().take(3).map(String::as_str).collect();
        let _ = writeln!(
            out,
            "| {kind} | {} | {} | {} |",
            one_line(&message, root).replace('|', "\\|"),
            ids.len(),
            examples.join(", ").replace('|', "\\|")
        );
    }
    let _ = writeln!(out, "\n## Groups");
    let mut current_set = "";
    for r in results {
        let g = &r.group;
        if g.set != current_set {
            current_set = &g.set;
            let _ = writeln!(out, "\n### {}\n", g.set);
        }
        let generation = match &r.generation {
            Generation::Generated(_, lines) => {
                let verdict = if g.schema_valid {
                    String::new()
                } else {
                    " (wrong verdict: the schema is not valid XSD 1.0)".into()
                };
                format!(
                    "generated {lines} lines in {:.0} ms{verdict}",
                    r.seconds * 1e3
                )
            }
            Generation::Refused(m, _) => {
                let verdict = if g.schema_valid {
                    ""
                } else {
                    " (pass: the schema is not valid XSD 1.0)"
                };
                format!(
                    "refused in {:.0} ms{verdict}: {}",
                    r.seconds * 1e3,
                    one_line(m, root)
                )
            }
            Generation::Crashed => "the generator panicked".into(),
        };
        let build = match &r.build {
            None if matches!(r.generation, Generation::Generated(..)) && !compiled => {
                "not compiled in this run".to_string()
            }
            None => "—".into(),
            Some(Ok(())) => "compiles".into(),
            Some(Err(m)) => format!("does not compile: {}", one_line(m, root)),
        };
        let _ = writeln!(out, "- **{}**: {generation}; build: {build}", g.group);
        for problem in &g.problems {
            let _ = writeln!(out, "  - groups.json: {}", one_line(problem, root));
        }
        for ((name, _, expected), outcome) in g.documents.iter().zip(&r.documents) {
            let what = match expected {
                Expected::Valid => "valid",
                Expected::Invalid => "invalid",
            };
            let detail = outcome
                .message()
                .map(|m| format!(": {}", one_line(m, root)))
                .unwrap_or_default();
            let _ = writeln!(out, "  - {} `{name}` ({what}){detail}", outcome.code());
        }
    }
    out
}

/// The per-set numbers of the report (its first table), for the terminal.
pub fn summary(report: &str) -> String {
    report
        .lines()
        .skip_while(|l| !l.starts_with("| set"))
        .take_while(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*.xml", "a.xml"));
        assert!(wildcard_match("*pom.xml", "maven-pom.xml"));
        assert!(wildcard_match("*pom.xml", "pom.xml"));
        assert!(!wildcard_match("*pom.xml", "pom.xsd"));
        assert!(wildcard_match("a*b*c", "abc"));
        assert!(wildcard_match("a*b*c", "a-b-b-c"));
        assert!(!wildcard_match("a*b*c", "acb"));
        assert!(!wildcard_match("ab*ba", "aba"));
        assert!(wildcard_match("x.xsd", "x.xsd"));
    }

    #[test]
    fn tsv_round_trips() {
        let text = "# header\ns\tg\t-\tgenerated\ns\tg\tsamples/a.xml\tpass\n";
        let parsed = parse_outcomes(text);
        assert_eq!(
            parsed.get(&("s".into(), "g".into(), "-".into())),
            Some(&"generated".to_string())
        );
        assert_eq!(parsed.len(), 2);
    }

    #[test]
    fn causes_leave_out_positions() {
        assert_eq!(
            cause("a/b.xsd:3:4: not supported yet: mixed content"),
            "not supported yet: mixed content"
        );
        assert_eq!(cause("x/y: text \"a\" became \"b\""), "text");
        assert_eq!(
            cause("x: attributes: {urn:x}type \"{urn:y}T\" dropped"),
            "attributes: type"
        );
    }
}
