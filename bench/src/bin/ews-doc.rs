//! Writes a generated EWS response to a file, or reads one into the generated types.
//!
//! ```sh
//! ews-doc write find-item 90000 doc.xml   # a FindItem response with 90,000 messages (~100 MB)
//! ews-doc read doc.xml                   # reads it (run under /usr/bin/time -v for peak memory)
//! ews-doc read doc.xml 20                # reads it 20 times over (for a profiler)
//! ews-doc rewrite doc.xml 20             # reads it once, writes it 20 times over
//! ews-doc loop reader doc.xml 20          # a baseline loop (reader, ns-reader, roxmltree,
//!                                         # serde) 20 times over, to profile side by side
//! ews-doc compare doc.xml 15              # serde, xsdgen and the Reader loop in turns,
//!                                         # 15 rounds: fastest and median times (a
//!                                         # quick check between criterion runs)
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", kind, count, path] => {
            let Ok(count) = count.parse::<usize>() else {
                eprintln!("not a count: {count}");
                return ExitCode::FAILURE;
            };
            let xml = match *kind {
                "find-item" => xsdgen_bench::docgen::find_item_response(count, 1),
                "get-item" => xsdgen_bench::docgen::get_item_response(count, 60_000, 60, 2),
                "sync-folder-items" => xsdgen_bench::docgen::sync_folder_items_response(count, 3),
                other => {
                    eprintln!(
                        "unknown document kind {other} (find-item, get-item, sync-folder-items)"
                    );
                    return ExitCode::FAILURE;
                }
            };
            if let Err(e) = std::fs::write(path, xml) {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        ["read", path] => read(path, 1),
        ["read", path, times] => read(path, times.parse().unwrap_or(1)),
        ["rewrite", path, times] => rewrite(path, times.parse().unwrap_or(1)),
        ["loop", kind, path, times] => baseline(kind, path, times.parse().unwrap_or(1)),
        ["compare", path, rounds] => compare(path, rounds.parse().unwrap_or(1)),
        _ => {
            eprintln!("usage: ews-doc write find-item|get-item|sync-folder-items COUNT FILE | ews-doc read FILE [TIMES] | ews-doc rewrite FILE TIMES | ews-doc loop reader|ns-reader|roxmltree|serde FILE TIMES");
            ExitCode::FAILURE
        }
    }
}

/// Runs one of the baseline loops of the benchmarks over a file.
fn baseline(kind: &str, path: &str, times: usize) -> ExitCode {
    let xml = match std::fs::read_to_string(path) {
        Ok(xml) => xml,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let run: fn(&str) -> usize = match kind {
        "reader" => |xml| xsdgen_bench::reader_loop(xml).elements,
        "ns-reader" => |xml| xsdgen_bench::ns_reader_loop(xml).elements,
        "roxmltree" => |xml| xsdgen_bench::roxmltree_loop(xml).elements,
        "serde" => xsdgen_bench::serde_items,
        other => {
            eprintln!("unknown loop {other} (reader, ns-reader, roxmltree, serde)");
            return ExitCode::FAILURE;
        }
    };
    let mut seen = 0;
    for _ in 0..times {
        seen = std::hint::black_box(run(&xml));
    }
    println!("{} bytes, {seen} elements or items", xml.len());
    ExitCode::SUCCESS
}

#[cfg(ews_corpus)]
type Value = xsdgen_runtime::soap::Envelope<xsdgen_tests::ews2016::Body>;

/// The file's text and the value read from it, or the exit code after the error.
#[cfg(ews_corpus)]
fn load(path: &str) -> Result<(String, Value), ExitCode> {
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("{path}: {e}");
        ExitCode::FAILURE
    };
    let xml = std::fs::read_to_string(path).map_err(|e| fail(&e))?;
    let value = Value::from_xml_str(&xml).map_err(|e| fail(&e))?;
    Ok((xml, value))
}

#[cfg(ews_corpus)]
fn read(path: &str, times: usize) -> ExitCode {
    let (xml, value) = match load(path) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    for _ in 1..times {
        std::hint::black_box(Value::from_xml_str(&xml).is_ok());
    }
    let items = xsdgen_bench::typed::item_count(&value);
    println!("{} bytes, {items} items", xml.len());
    ExitCode::SUCCESS
}

#[cfg(ews_corpus)]
fn rewrite(path: &str, times: usize) -> ExitCode {
    let (_, value) = match load(path) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut written = 0;
    for _ in 0..times {
        match value.to_xml_string() {
            Ok(out) => written += out.len(),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{written} bytes written");
    ExitCode::SUCCESS
}

/// Times serde, the typed reader and the `Reader` loop over one file in turns (values
/// dropped after the clock stops, as in the criterion benchmark) and prints the fastest
/// and the median round.
#[cfg(ews_corpus)]
fn compare(path: &str, rounds: usize) -> ExitCode {
    use std::time::{Duration, Instant};
    let xml = match std::fs::read_to_string(path) {
        Ok(xml) => xml,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    fn timed<T>(run: impl FnOnce() -> T) -> Duration {
        let start = Instant::now();
        let value = std::hint::black_box(run());
        let elapsed = start.elapsed();
        drop(value);
        elapsed
    }
    let mut times: [Vec<Duration>; 3] = Default::default();
    for _ in 0..rounds.max(1) {
        times[0].push(timed(|| xsdgen_bench::serde_read(&xml)));
        times[1].push(timed(|| xsdgen_bench::typed::read(&xml)));
        times[2].push(timed(|| xsdgen_bench::reader_loop(&xml)));
    }
    // The fastest round is the one the VM disturbed least; the median shows the spread.
    for (label, at) in [("fastest", 0), ("median", rounds.max(1) / 2)] {
        let [serde, typed, reader] = times.clone().map(|mut t| {
            t.sort();
            t[at].as_secs_f64() * 1e3
        });
        println!(
            "{label} ms: serde {serde:.1}, xsdgen {typed:.1}, Reader {reader:.1}; \
             xsdgen = {:.2}x serde, {:.2}x Reader",
            serde / typed,
            reader / typed
        );
    }
    ExitCode::SUCCESS
}

#[cfg(not(ews_corpus))]
fn compare(_path: &str, _rounds: usize) -> ExitCode {
    eprintln!("skipped: comparing needs the EWS bindings, generated from ../shared/corpus");
    ExitCode::FAILURE
}

#[cfg(not(ews_corpus))]
fn rewrite(_path: &str, _times: usize) -> ExitCode {
    eprintln!("skipped: writing needs the EWS bindings, generated from ../shared/corpus");
    ExitCode::FAILURE
}

#[cfg(not(ews_corpus))]
fn read(_path: &str, _times: usize) -> ExitCode {
    eprintln!("skipped: reading needs the EWS bindings, generated from ../shared/corpus");
    ExitCode::FAILURE
}
