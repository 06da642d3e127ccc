//! The interchange formats on a large article: CSV of events written and read back,
//! TimelineJS JSON written (HTML escaping) and read back (entity decoding), a CSV feed of
//! news items split into items. Measures the crates that replaced hand-written parts
//! (issue 14) against the figures in docs/PERFORMANCE.md.

mod common;

use std::fmt::Write as _;
use std::hint::black_box;

use common::{big_article, full_run};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gahnegar::export;
use gahnegar::import::{feed::feed_items, from_csv, from_timelinejs};

/// A CSV feed of `n` items (title, date, text) made from the built-in article's blocks,
/// with commas, quotes and line breaks that need quoting.
fn feed(n: usize) -> String {
    let a = gahnegar::store::builtin();
    let mut out = String::from("title,date,text\r\n");
    for i in 0..n {
        let b = &a.blocks[i % a.blocks.len()];
        let text = b.text.replace('«', "\"");
        let _ = write!(
            out,
            "\"خبر {i}, بخش\",1403/07/{:02},\"{}\n{}\"\r\n",
            1 + i % 28,
            text.replace('"', "\"\""),
            i
        );
    }
    out
}

fn formats(c: &mut Criterion) {
    let size = if full_run() { 1 << 20 } else { 64 << 10 };
    let article = big_article(size);
    let csv = export::dump_csv(&article);
    let tl = export::dump_timelinejs(&article);
    let feed = feed(if full_run() { 2000 } else { 100 });
    // The inputs are valid: a benchmark of an early error would measure nothing.
    let read = from_csv(&csv, "bench.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.events.len(), article.events.len(), "CSV round trip");
    let read = from_timelinejs(&tl, "bench.json").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        read.events.len(),
        article.events.len(),
        "TimelineJS round trip"
    );
    assert!(
        feed_items(&feed).is_some_and(|f| f.len() > 1),
        "the feed is read as items"
    );
    let mut g = c.benchmark_group("formats");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("dump_csv", |b| {
        b.iter(|| black_box(export::dump_csv(&article).len()));
    });
    g.bench_function("from_csv", |b| {
        b.iter(|| black_box(from_csv(&csv, "bench.csv").map_or(0, |a| a.events.len())));
    });
    g.throughput(Throughput::Bytes(tl.len() as u64));
    g.bench_function("dump_timelinejs", |b| {
        b.iter(|| black_box(export::dump_timelinejs(&article).len()));
    });
    g.bench_function("from_timelinejs", |b| {
        b.iter(|| black_box(from_timelinejs(&tl, "bench.json").map_or(0, |a| a.events.len())));
    });
    // Entity decoding on text of bare ampersands (no `;`): linear, not a search for a
    // `;` from each `&` to the end of the text.
    let amps = format!(
        r#"{{"events": [{{"start_date": {{"year": 2000}}, "text": {{"headline": "x", "text": "<p>{}</p>"}}}}]}}"#,
        "&".repeat(20_000)
    );
    g.throughput(Throughput::Bytes(amps.len() as u64));
    g.bench_function("from_timelinejs_ampersands", |b| {
        b.iter(|| black_box(from_timelinejs(&amps, "bench.json").map_or(0, |a| a.blocks.len())));
    });
    g.throughput(Throughput::Bytes(feed.len() as u64));
    g.bench_function("feed_items", |b| {
        b.iter(|| black_box(feed_items(&feed).map_or(0, |f| f.len())));
    });
    g.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
