//! OASIS XML catalogs (`Config::catalog`, `--catalog`): remote schema locations and
//! namespaces found in local copies, in the order the loader consults them.

mod common;
use common::{folder, write};

use std::path::{Path, PathBuf};
use std::process::Command;

/// A schema in namespace `ns` with one simple type `T` and the given extra items.
fn schema(ns: &str, items: &str) -> String {
    format!(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"{ns}\">\n\
         <xs:simpleType name=\"T\"><xs:restriction base=\"xs:string\"/></xs:simpleType>\n\
         {items}\n</xs:schema>\n"
    )
}

/// A root schema that imports `urn:x` from `location` and uses its type `T`.
fn root_importing(location: &str) -> String {
    format!(
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:x=\"urn:x\" \
         targetNamespace=\"urn:root\">\n\
         <xs:import namespace=\"urn:x\" {location}/>\n\
         <xs:element name=\"A\" type=\"x:T\"/>\n</xs:schema>\n"
    )
}

fn catalog(entries: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n\
         {entries}\n</catalog>\n"
    )
}

fn files_of(config: xsdgen::Config) -> Vec<PathBuf> {
    match config.check() {
        Ok((_, _, files)) => files,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_uri_entry_maps_a_remote_location_to_a_file_beside_the_catalog() {
    let dir = folder("catalogs", "uri");
    let root = write(
        &dir,
        "root.xsd",
        &root_importing("schemaLocation=\"http://example.com/x.xsd\""),
    );
    let copy = write(&dir, "vendor/x.xsd", &schema("urn:x", ""));
    let cat = write(
        &dir,
        "catalog.xml",
        &catalog("<uri name=\"http://example.com/x.xsd\" uri=\"vendor/x.xsd\"/>"),
    );
    let files = files_of(xsdgen::Config::new().schema(&root).catalog(&cat));
    assert_eq!(files.len(), 2);
    assert_eq!(
        std::fs::canonicalize(&files[1]).unwrap(),
        std::fs::canonicalize(&copy).unwrap()
    );
}

#[test]
fn system_and_rewrite_entries_map_locations_and_the_longest_prefix_wins() {
    let dir = folder("catalogs", "rewrite");
    let root = write(
        &dir,
        "root.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:root\">\n\
         <xs:import namespace=\"urn:x\" schemaLocation=\"http://example.com/schemas/x.xsd\"/>\n\
         <xs:import namespace=\"urn:y\" schemaLocation=\"http://example.com/schemas/deep/y.xsd\"/>\n\
         <xs:import namespace=\"urn:z\" schemaLocation=\"http://other.org/z.xsd\"/>\n\
         </xs:schema>\n",
    );
    write(&dir, "short/x.xsd", &schema("urn:x", ""));
    write(&dir, "long/y.xsd", &schema("urn:y", ""));
    write(&dir, "z-copy.xsd", &schema("urn:z", ""));
    let cat = write(
        &dir,
        "catalog.xml",
        &catalog(
            "<rewriteURI uriStartString=\"http://example.com/schemas/\" rewritePrefix=\"short/\"/>\n\
             <rewriteSystem systemIdStartString=\"http://example.com/schemas/deep/\" rewritePrefix=\"long\"/>\n\
             <system systemId=\"http://other.org/z.xsd\" uri=\"z-copy.xsd\"/>",
        ),
    );
    let files = files_of(xsdgen::Config::new().schema(&root).catalog(&cat));
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(&dir).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        ["root.xsd", "short/x.xsd", "long/y.xsd", "z-copy.xsd"],
        "the longer rewriteSystem prefix beats rewriteURI's; `long` without a slash \
         still names the folder"
    );
}

#[test]
fn next_catalogs_groups_and_xml_base_are_followed() {
    let dir = folder("catalogs", "next");
    let root = write(
        &dir,
        "root.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:root\">\n\
         <xs:import namespace=\"urn:x\" schemaLocation=\"http://example.com/x.xsd\"/>\n\
         <xs:import namespace=\"urn:y\" schemaLocation=\"http://example.com/y.xsd\"/>\n\
         </xs:schema>\n",
    );
    write(&dir, "copies/x.xsd", &schema("urn:x", ""));
    write(&dir, "elsewhere/deeper/y.xsd", &schema("urn:y", ""));
    // The first catalog knows nothing itself: it chains to a catalog in another folder,
    // whose entries are relative to that folder, one group with an xml:base of its own.
    let first = write(
        &dir,
        "catalog.xml",
        &catalog("<nextCatalog catalog=\"missing.xml\"/><nextCatalog catalog=\"sub/next.xml\"/>"),
    );
    write(
        &dir,
        "sub/next.xml",
        &catalog(
            "<uri name=\"http://example.com/x.xsd\" uri=\"../copies/x.xsd\"/>\n\
             <group xml:base=\"../elsewhere/\">\n\
               <uri xml:base=\"deeper/\" name=\"http://example.com/y.xsd\" uri=\"y.xsd\"/>\n\
             </group>",
        ),
    );
    let files = files_of(xsdgen::Config::new().schema(&root).catalog(&first));
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files[1].ends_with("copies/x.xsd"), "{files:?}");
    assert!(files[2].ends_with("elsewhere/deeper/y.xsd"), "{files:?}");
}

#[test]
fn map_location_entries_come_before_catalogs_and_catalogs_in_their_order() {
    let dir = folder("catalogs", "order");
    let root = write(
        &dir,
        "root.xsd",
        &root_importing("schemaLocation=\"http://example.com/x.xsd\""),
    );
    write(&dir, "a/x.xsd", &schema("urn:x", ""));
    write(&dir, "b/x.xsd", &schema("urn:x", ""));
    write(&dir, "c/x.xsd", &schema("urn:x", ""));
    let cat_b = write(
        &dir,
        "b.xml",
        &catalog("<uri name=\"http://example.com/x.xsd\" uri=\"b/x.xsd\"/>"),
    );
    let cat_c = write(
        &dir,
        "c.xml",
        &catalog("<uri name=\"http://example.com/x.xsd\" uri=\"c/x.xsd\"/>"),
    );
    let config = || xsdgen::Config::new().schema(&root);
    let files = files_of(config().catalog(&cat_b).catalog(&cat_c));
    assert!(files[1].ends_with("b/x.xsd"), "{files:?}");
    let files = files_of(config().catalog(&cat_c).catalog(&cat_b));
    assert!(files[1].ends_with("c/x.xsd"), "{files:?}");
    let files = files_of(
        config()
            .catalog(&cat_b)
            .map_location("http://example.com/x.xsd", dir.join("a/x.xsd")),
    );
    assert!(files[1].ends_with("a/x.xsd"), "{files:?}");
}

#[test]
fn relative_locations_inside_a_remote_schema_are_looked_up_as_urls() {
    let dir = folder("catalogs", "relative");
    let root = write(
        &dir,
        "root.xsd",
        &root_importing("schemaLocation=\"http://example.com/std/main.xsd\""),
    );
    // main.xsd stands for http://example.com/std/main.xsd: its include of "parts/t.xsd"
    // is http://example.com/std/parts/t.xsd, which the catalog puts somewhere else.
    write(
        &dir,
        "main-copy.xsd",
        "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:x\">\n\
         <xs:include schemaLocation=\"parts/t.xsd\"/>\n</xs:schema>\n",
    );
    write(&dir, "t-copy.xsd", &schema("urn:x", ""));
    let cat = write(
        &dir,
        "catalog.xml",
        &catalog(
            "<uri name=\"http://example.com/std/main.xsd\" uri=\"main-copy.xsd\"/>\n\
             <uri name=\"http://example.com/std/parts/t.xsd\" uri=\"t-copy.xsd\"/>",
        ),
    );
    let files = files_of(xsdgen::Config::new().schema(&root).catalog(&cat));
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files[2].ends_with("t-copy.xsd"), "{files:?}");
}

#[test]
fn an_import_without_a_location_loads_the_file_a_catalog_gives_for_its_namespace() {
    let dir = folder("catalogs", "namespace");
    let root = write(&dir, "root.xsd", &root_importing(""));
    write(&dir, "x.xsd", &schema("urn:x", ""));
    // Without a mapping, the namespace's components must come from elsewhere.
    let err = xsdgen::Config::new().schema(&root).check().unwrap_err();
    assert!(err.to_string().contains("unknown type {urn:x}T"), "{err}");
    let cat = write(
        &dir,
        "catalog.xml",
        &catalog("<uri name=\"urn:x\" uri=\"x.xsd\"/>"),
    );
    let files = files_of(xsdgen::Config::new().schema(&root).catalog(&cat));
    assert_eq!(files.len(), 2, "{files:?}");
    let generated = xsdgen::Config::new()
        .schema(&root)
        .catalog(&cat)
        .generate()
        .unwrap();
    assert_eq!(
        generated.catalogs.len(),
        1,
        "the catalog is watched by build scripts"
    );
}

#[test]
fn an_unmapped_remote_location_names_the_url_and_how_to_map_it() {
    let dir = folder("catalogs", "unmapped");
    let root = write(
        &dir,
        "root.xsd",
        &root_importing("schemaLocation=\"https://example.com/x.xsd\""),
    );
    let cat = write(
        &dir,
        "catalog.xml",
        &catalog("<uri name=\"https://example.com/other.xsd\" uri=\"other.xsd\"/>"),
    );
    let err = xsdgen::Config::new()
        .schema(&root)
        .catalog(&cat)
        .check()
        .unwrap_err();
    assert!(
        matches!(err, xsdgen::Error::Remote { ref url, .. } if url == "https://example.com/x.xsd"),
        "{err}"
    );
    let message = err.to_string();
    for hint in ["map_location", "Config::catalog", "--catalog", "--map"] {
        assert!(message.contains(hint), "{message}");
    }
    // A catalog entry pointing at a file that does not exist says so.
    let cat = write(
        &dir,
        "catalog2.xml",
        &catalog("<uri name=\"https://example.com/x.xsd\" uri=\"nowhere.xsd\"/>"),
    );
    let err = xsdgen::Config::new()
        .schema(&root)
        .catalog(&cat)
        .check()
        .unwrap_err();
    assert!(err.to_string().contains("nowhere.xsd"), "{err}");
    assert_eq!(err.span().unwrap().line, 2, "{err}");
}

#[test]
fn a_malformed_catalog_is_an_error_naming_file_line_and_column() {
    let dir = folder("catalogs", "malformed");
    let root = write(&dir, "root.xsd", &schema("urn:x", ""));
    let check = |cat: &Path| xsdgen::Config::new().schema(&root).catalog(cat).check();

    let cat = write(
        &dir,
        "bad-xml.xml",
        &catalog("  <uri name=\"a\" uri=\"b\">\n</catalog>"),
    );
    let err = check(&cat).unwrap_err();
    assert!(matches!(err, xsdgen::Error::Xml { .. }), "{err}");
    let span = err.span().unwrap();
    assert_eq!(
        (span.file.as_path(), span.line),
        (cat.as_path(), 4),
        "{err}"
    );

    let cat = write(&dir, "no-uri.xml", &catalog("  <uri name=\"a\"/>"));
    let err = check(&cat).unwrap_err();
    assert!(matches!(err, xsdgen::Error::Catalog { .. }), "{err}");
    assert!(
        err.to_string().starts_with(&format!(
            "{}:3:3: invalid catalog: <uri> needs a uri attribute",
            cat.display()
        )),
        "{err}"
    );

    let cat = write(&dir, "typo.xml", &catalog("<uir name=\"a\" uri=\"b\"/>"));
    let err = check(&cat).unwrap_err();
    assert!(
        err.to_string().contains("unknown catalog entry <uir>"),
        "{err}"
    );
    assert_eq!(err.span().unwrap().line, 3, "{err}");

    let cat = write(
        &dir,
        "wrong-root.xml",
        "<catalog><uri name=\"a\" uri=\"b\"/></catalog>",
    );
    let err = check(&cat).unwrap_err();
    assert!(
        err.to_string()
            .contains("urn:oasis:names:tc:entity:xmlns:xml:catalog"),
        "{err}"
    );

    let err = check(&dir.join("absent.xml")).unwrap_err();
    assert!(matches!(err, xsdgen::Error::Io { .. }), "{err}");
}

#[test]
fn the_command_line_takes_catalogs() {
    let dir = folder("catalogs", "cli");
    let root = write(
        &dir,
        "root.xsd",
        &root_importing("schemaLocation=\"http://example.com/x.xsd\""),
    );
    write(&dir, "x.xsd", &schema("urn:x", ""));
    let empty = write(&dir, "empty.xml", &catalog(""));
    let cat = write(
        &dir,
        "catalog.xml",
        &catalog("<uri name=\"http://example.com/x.xsd\" uri=\"x.xsd\"/>"),
    );
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xsdgen"))
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let root = root.to_str().unwrap();
    let out = run(&[
        "check",
        root,
        "--catalog",
        empty.to_str().unwrap(),
        "--catalog",
        cat.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("ok: 2 file(s)"),
        "{out:?}"
    );
    let out = run(&["check", root, "--catalog", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--catalog"),
        "{out:?}"
    );
    let generated = dir.join("out");
    let out = run(&[
        "generate",
        root,
        "--out",
        generated.to_str().unwrap(),
        "--catalog",
        cat.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(generated.join("mod.rs").is_file());
}

/// The corpus's real-world sets, beside the repository.
fn realworld() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/realworld");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent", dir.display());
        None
    }
}

/// Loads a corpus group with its set's catalog: the load stage must reach `expected`
/// files; later stages may refuse constructs other work is about.
fn load_with_catalog(set: &Path, schemas: &[&str], expected: &[&str]) {
    let roots: Vec<PathBuf> = schemas.iter().map(|s| set.join(s)).collect();
    let mut config = xsdgen::Config::new();
    for r in &roots {
        config = config.schema(r);
    }
    let config = config.catalog(set.join("catalog.xml"));
    let options = xsdgen::load::LoadOptions {
        catalog_files: vec![set.join("catalog.xml")],
        ..Default::default()
    };
    let loaded = xsdgen::load::load(&roots, &options).unwrap_or_else(|e| panic!("{e}"));
    let mut reached: Vec<PathBuf> = loaded
        .files
        .iter()
        .map(|f| std::fs::canonicalize(&f.path).unwrap())
        .collect();
    reached.sort();
    reached.dedup();
    let mut wanted: Vec<PathBuf> = expected
        .iter()
        .map(|e| std::fs::canonicalize(set.join(e)).unwrap())
        .collect();
    wanted.sort();
    assert_eq!(reached, wanted);
    match config.check() {
        Ok(_) => {}
        Err(
            e @ (xsdgen::Error::Remote { .. }
            | xsdgen::Error::Catalog { .. }
            | xsdgen::Error::Io { .. }
            | xsdgen::Error::Xml { .. }
            | xsdgen::Error::Limit { .. }),
        ) => panic!("the load stage failed: {e}"),
        Err(e) => println!("loads; a later stage refuses it: {e}"),
    }
}

#[test]
fn the_xml_schema_for_schemas_loads_with_its_catalog() {
    let Some(realworld) = realworld() else {
        return;
    };
    let set = realworld.join("01-w3c-xmlschema");
    let schemas = [
        "XSD_1.0/XMLSchema.xsd",
        "XMLSchema-instance.xsd",
        "XMLSchema-hasFacetAndProperty.xsd",
    ];
    let mut expected = schemas.to_vec();
    expected.push("xml.xsd");
    load_with_catalog(&set, &schemas, &expected);
}

#[test]
fn the_soap_1_2_envelope_loads_with_its_catalog() {
    let Some(realworld) = realworld() else {
        return;
    };
    let set = realworld.join("04-soap-wsdl");
    load_with_catalog(
        &set,
        &["www.w3.org/2003/05/soap-envelope.xsd"],
        &["www.w3.org/2003/05/soap-envelope.xsd", "xml.xsd"],
    );
    let envelope = set.join("www.w3.org/2003/05/soap-envelope.xsd");
    xsdgen::Config::new()
        .schema(&envelope)
        .catalog(set.join("catalog.xml"))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
