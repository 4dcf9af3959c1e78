//! The grammar alone: mentions found per second over a fixed set of
//! sentences taken from the seed articles (`seeds/*.txt`), scanned and
//! resolved sentence by sentence against a fixed article date.
//!
//! Run with `cargo bench --bench grammar`.

use chronicler::engine::tag;
use chronicler::{Dct, DctSource, Grammar, annotate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

/// Every non-empty line of every seed article, in file order.
fn sentences() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let set = sentences();
    assert!(!set.is_empty(), "expected seed sentences under seeds/");
    let g = Grammar::embedded();
    let dct = Dct::parse("2016-07-15", DctSource::Cli).ok();
    let mentions: usize = set.iter().map(|s| annotate(s, dct.as_ref(), g).len()).sum();
    let bytes: usize = set.iter().map(String::len).sum();

    let mut group = c.benchmark_group("grammar");
    // mentions/s: criterion reports "elements" per second
    group.throughput(Throughput::Elements(mentions as u64));
    group.bench_function(format!("annotate {} sentences", set.len()), |b| {
        b.iter(|| {
            set.iter()
                .map(|s| annotate(black_box(s), dct.as_ref(), g).len())
                .sum::<usize>()
        })
    });
    group.bench_function(format!("scan {} sentences", set.len()), |b| {
        b.iter(|| {
            set.iter()
                .map(|s| tag::scan(black_box(s), g).len())
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("annotate bytes", |b| {
        b.iter(|| {
            set.iter()
                .map(|s| annotate(black_box(s), dct.as_ref(), g).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
