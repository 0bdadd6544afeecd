//! Reading and writing large EWS responses: the generated types against quick-xml's
//! `Reader` and `NsReader` loops, roxmltree and quick-xml + serde, over the same bytes in
//! one run. `scripts/bench.sh` runs it and writes the numbers into BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use xsdgen_bench::docgen;

/// The document: a FindItem response with 45,366 messages (about 50 MB).
const FIND_ITEMS: usize = 45_366;

fn find_item(c: &mut Criterion) {
    let xml = docgen::find_item_response(FIND_ITEMS, 1);
    let mut group = c.benchmark_group("find_item_50MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(xml.len() as u64));

    // Every loop must see the whole document before it is timed.
    let tally = xsdgen_bench::reader_loop(&xml);
    assert_eq!(tally, xsdgen_bench::ns_reader_loop(&xml));
    assert_eq!(tally.elements, xsdgen_bench::roxmltree_loop(&xml).elements);
    assert_eq!(xsdgen_bench::serde_items(&xml), FIND_ITEMS);

    group.bench_function("quick_xml_reader", |b| {
        b.iter(|| xsdgen_bench::reader_loop(black_box(&xml)))
    });
    group.bench_function("quick_xml_ns_reader", |b| {
        b.iter(|| xsdgen_bench::ns_reader_loop(black_box(&xml)))
    });
    group.bench_function("roxmltree", |b| {
        b.iter(|| xsdgen_bench::roxmltree_loop(black_box(&xml)))
    });
    // Reading is timed without dropping the value (criterion's `iter_with_large_drop`),
    // for serde and xsdgen alike: freeing is the allocator's cost, not the reader's.
    group.bench_function("quick_xml_serde", |b| {
        b.iter_with_large_drop(|| xsdgen_bench::serde_read(black_box(&xml)))
    });
    typed(&mut group, &xml, FIND_ITEMS);
    group.finish();
}

fn get_item(c: &mut Criterion) {
    let messages = 200;
    let xml = docgen::get_item_response(messages, 60_000, 60, 2);
    let mut group = c.benchmark_group("get_item_bodies");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function("quick_xml_reader", |b| {
        b.iter(|| xsdgen_bench::reader_loop(black_box(&xml)))
    });
    typed(&mut group, &xml, messages);
    group.finish();
}

fn sync_folder_items(c: &mut Criterion) {
    let changes = 20_000;
    let xml = docgen::sync_folder_items_response(changes, 3);
    let mut group = c.benchmark_group("sync_folder_items");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function("quick_xml_reader", |b| {
        b.iter(|| xsdgen_bench::reader_loop(black_box(&xml)))
    });
    typed(&mut group, &xml, changes);
    group.finish();
}

#[cfg(ews_corpus)]
fn typed(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    xml: &str,
    items: usize,
) {
    use xsdgen_bench::typed;
    let value = typed::read(xml);
    assert_eq!(typed::item_count(&value), items);
    group.bench_function("xsdgen_read", |b| {
        b.iter_with_large_drop(|| typed::read(black_box(xml)))
    });
    // Writing is measured by the bytes it writes, which differ a little from the input
    // (whitespace between elements is not kept); the report scales by that length.
    let written = typed::write(&value);
    assert_eq!(typed::item_count(&typed::read(&written)), items);
    group.throughput(Throughput::Bytes(written.len() as u64));
    group.bench_function("xsdgen_write", |b| {
        b.iter(|| typed::write(black_box(&value)))
    });
}

#[cfg(not(ews_corpus))]
fn typed(
    _group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    _xml: &str,
    _items: usize,
) {
    eprintln!("skipped: xsdgen_read/xsdgen_write need ../shared/corpus (the EWS schemas)");
}

criterion_group!(benches, find_item, get_item, sync_folder_items);
criterion_main!(benches);
