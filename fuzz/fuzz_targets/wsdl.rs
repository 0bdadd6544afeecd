//! WSDL text → load (embedded schemas, imports) → service model → syntax → model → plan
//! (no emission, no compile): any input gives an error or a plan and a service model,
//! never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    // The loader reads files (wsdl:import and the embedded schemas' includes and imports
    // are followed by path): each run writes its input to one file of this process's own
    // folder.
    thread_local! {
        static DIR: std::path::PathBuf = {
            let dir = std::env::temp_dir().join(format!("xsdgen-fuzz-wsdl-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temporary folder");
            dir
        };
    }
    let path = DIR.with(|d| d.join("service.wsdl"));
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(data))
        .expect("write the input");
    let _ = xsdgen::Config::new().schema(&path).check_wsdl();
});
