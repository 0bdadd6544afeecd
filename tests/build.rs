//! Generates bindings for every fixture schema in `fixtures/` into OUT_DIR.

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    println!("cargo:rerun-if-changed={}", dir.display());
    for (root, out) in [("constructs.xsd", "constructs.rs")] {
        if let Err(e) = xsdgen::Config::new()
            .schema(dir.join(root))
            .generate_to_out_dir(out)
        {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
