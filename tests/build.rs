//! Generates bindings for every fixture schema in `fixtures/` into OUT_DIR, and for the
//! Exchange 2016 schemas of the corpus when `../shared/corpus` is beside the repository
//! (cfg `ews_corpus`; the corpus tests skip without it).

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ews_corpus)");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = manifest.join("fixtures");
    println!("cargo:rerun-if-changed={}", fixtures.display());
    generate(
        xsdgen::Config::new().schema(fixtures.join("constructs.xsd")),
        "constructs.rs",
    );
    generate(
        xsdgen::Config::new().schema(fixtures.join("names.xsd")),
        "names.rs",
    );
    generate(
        xsdgen::Config::new().schema(fixtures.join("hygiene.xsd")),
        "hygiene.rs",
    );
    generate(
        xsdgen::Config::new().schema(fixtures.join("mixed.xsd")),
        "mixed.rs",
    );
    generate(
        xsdgen::Config::new().schema(fixtures.join("shapes.xsd")),
        "shapes.rs",
    );

    let ews = manifest.join("../../shared/corpus/ews/exchange2016");
    println!("cargo:rerun-if-changed={}", ews.display());
    if ews.join("messages.xsd").is_file() {
        // The service's WSDL: its schemas (messages.xsd, types.xsd) and a client.
        generate(
            xsdgen::Config::new()
                .schema(ews.join("services.wsdl"))
                .module(
                    "http://schemas.microsoft.com/exchange/services/2006/messages",
                    "messages",
                )
                .module(
                    "http://schemas.microsoft.com/exchange/services/2006/types",
                    "types",
                ),
            "ews2016.rs",
        );
        println!("cargo:rustc-cfg=ews_corpus");
    }
}

fn generate(config: xsdgen::Config, out: &str) {
    if let Err(e) = config.generate_to_out_dir(out) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
