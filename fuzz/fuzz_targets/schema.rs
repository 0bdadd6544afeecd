//! Schema text → load → syntax → model → plan (no emission, no compile): any input gives
//! a schema error or a plan, never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    // The loader reads files (includes and imports are followed by path): each run
    // writes its input to one file of this process's own folder.
    thread_local! {
        static DIR: std::path::PathBuf = {
            let dir = std::env::temp_dir().join(format!("xsdgen-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temporary folder");
            dir
        };
    }
    let path = DIR.with(|d| d.join("schema.xsd"));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(data))
        .expect("write the input");
    let _ = xsdgen::Config::new().schema(&path).check();
});
