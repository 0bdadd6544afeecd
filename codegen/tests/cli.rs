//! The `xsdgen` binary: exit codes, output files, and errors shown with the source line.

use std::path::Path;
use std::process::Command;

fn xsdgen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xsdgen"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn um_schema() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas/um/um-messages.xsd")
        .display()
        .to_string()
}

#[test]
fn check_summarises_a_good_schema() {
    let out = xsdgen(&["check", &um_schema()]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("ok: 1 file(s), 23 global element(s)"),
        "{stdout}"
    );
}

#[test]
fn generate_writes_one_file_per_module_and_a_mod_rs() {
    let dir = std::env::temp_dir().join(format!("xsdgen-cli-{}", std::process::id()));
    let ns = "http://schemas.microsoft.com/exchange/services/2006/messages";
    let out = xsdgen(&[
        "generate",
        &um_schema(),
        "--out",
        dir.to_str().unwrap(),
        "--module",
        &format!("{ns}=um"),
    ]);
    assert!(out.status.success(), "{out:?}");
    let module = std::fs::read_to_string(dir.join("um.rs")).unwrap();
    assert!(module.contains("pub mod um {"));
    assert!(module.contains("pub struct GetCallInfo"));
    assert_eq!(
        std::fs::read_to_string(dir.join("mod.rs"))
            .unwrap()
            .lines()
            .last(),
        Some("include!(\"um.rs\");")
    );
}

#[test]
fn errors_show_the_schema_line_and_exit_non_zero() {
    let dir = std::env::temp_dir().join(format!("xsdgen-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.xsd");
    std::fs::write(
        &bad,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:element name=\"A\" type=\"xs:nope\"/>\n</xs:schema>\n",
    )
    .unwrap();
    let out = xsdgen(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("unknown type {http://www.w3.org/2001/XMLSchema}nope"),
        "{stderr}"
    );
    assert!(stderr.contains("bad.xsd:2:3"), "{stderr}");
    assert!(
        stderr.contains("<xs:element name=\"A\" type=\"xs:nope\"/>"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let out = xsdgen(&["generate", &um_schema()]);
    assert_eq!(out.status.code(), Some(2), "--out is required");
    let help = xsdgen(&["--help"]);
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(
        text.contains("generate") && text.contains("check"),
        "{text}"
    );
}

#[test]
fn map_points_a_remote_location_at_a_local_copy() {
    let dir = std::env::temp_dir().join(format!("xsdgen-cli-map-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = dir.join("root.xsd");
    std::fs::write(
        &root,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\
         <xs:import namespace=\"urn:x\" schemaLocation=\"https://example.com/x.xsd\"/>\
         <xs:element name=\"A\" type=\"xs:string\"/></xs:schema>",
    )
    .unwrap();
    let copy = dir.join("x.xsd");
    std::fs::write(
        &copy,
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x\"/>",
    )
    .unwrap();
    let refused = xsdgen(&["check", root.to_str().unwrap()]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("--map https://example.com/x.xsd="),
        "{stderr}"
    );
    let map = format!("https://example.com/x.xsd={}", copy.display());
    let out = xsdgen(&["check", root.to_str().unwrap(), "--map", &map]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("ok: 2 file(s)"));
    std::fs::remove_dir_all(&dir).unwrap();
}
