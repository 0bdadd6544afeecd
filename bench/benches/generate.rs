//! Generation time (schemas read, checked, planned, emitted and formatted) of the UM
//! bindings and, with the corpus beside the repository, of the Exchange 2016 bindings.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

const MESSAGES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const TYPES_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

fn generate(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);

    let um = xsdgen::Config::new()
        .schema(root.join("schemas/um/um-messages.xsd"))
        .module(MESSAGES_NS, "messages");
    um.generate().expect("the UM schema generates");
    group.bench_function("um", |b| b.iter(|| um.generate().unwrap()));

    let ews = root.join("../shared/corpus/ews/exchange2016/messages.xsd");
    if ews.is_file() {
        let ews = xsdgen::Config::new()
            .schema(ews)
            .module(MESSAGES_NS, "messages")
            .module(TYPES_NS, "types");
        ews.generate().expect("the EWS 2016 schemas generate");
        group.bench_function("ews2016", |b| b.iter(|| ews.generate().unwrap()));
    } else {
        eprintln!("skipped: generate/ews2016 needs ../shared/corpus (the EWS schemas)");
    }
    group.finish();
}

criterion_group!(benches, generate);
criterion_main!(benches);
