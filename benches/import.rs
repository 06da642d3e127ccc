//! `normalize` and `import` throughput on a 10 MB file made by repeating the test texts
//! (the seed's damaged PDF text, news items and a damaged PDF news text written for the
//! project, all under `tests/data/`), and on 1 MB to show they are linear.

mod common;

use std::hint::black_box;

use common::full_run;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gahnegar::import::{import_bytes, normalize};

/// The texts the benchmark repeats, from `tests/data/` (see its README). A missing file
/// stops the benchmark with its path: the figures are only comparable on the same input.
const SEEDS: [&str; 3] = [
    "tests/data/seed/caucasus-gem.raw.txt",
    "tests/data/news/news-items-fa.txt",
    "tests/data/news/damaged-pdf-fa.txt",
];

fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    SEEDS
        .iter()
        .map(|f| {
            let p = dir.join(f);
            std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("benchmark input missing: {}: {e}", p.display()))
        })
        .collect()
}

/// The seed texts repeated (whole, separated by blank lines) to at least `size` bytes.
pub fn corpus(size: usize) -> String {
    let seeds = seeds();
    let mut s = String::with_capacity(size + 64 * 1024);
    while s.len() < size {
        for seed in &seeds {
            s.push_str(seed);
            s.push_str("\n\n");
        }
    }
    s
}

fn import(c: &mut Criterion) {
    let sizes: &[(usize, &str)] = if full_run() {
        &[(1 << 20, "1MB"), (10 << 20, "10MB")]
    } else {
        &[(64 << 10, "64KB")]
    };
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    for &(size, name) in sizes {
        let text = corpus(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("normalize/{name}"), |b| {
            b.iter(|| black_box(normalize(&text).len()));
        });
        g.bench_function(format!("import_bytes/{name}"), |b| {
            b.iter(|| {
                let r = import_bytes(text.as_bytes(), "bench");
                black_box(r.map(|i| i.article.events.len()).unwrap_or(0))
            });
        });
    }
    g.finish();
}

/// Re-importing a changed text into an article the reader worked on
/// (`model::reimport`): the corpus imported, a highlight on a passage of every block, then
/// the text with a paragraph added at the top and a word changed in every tenth paragraph
/// imported again and merged. Every anchor (events, claims, highlights) is found again.
fn reimport(c: &mut Criterion) {
    use criterion::BatchSize;
    use gahnegar::model::{Anchor, Highlight, reimport::reimport};
    let sizes: &[(usize, &str)] = if full_run() {
        &[(1 << 20, "1MB"), (4 << 20, "4MB")]
    } else {
        &[(64 << 10, "64KB")]
    };
    let mut g = c.benchmark_group("reimport");
    g.sample_size(10);
    for &(size, name) in sizes {
        let text = corpus(size);
        let Some(mut old) = gahnegar::import::import_text(&text, "bench").map(|i| i.article) else {
            panic!("the corpus imports");
        };
        let highlights: Vec<Highlight> = old
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.text.len() > 40)
            .map(|(k, b)| {
                let mid = b.text.len() / 2;
                let at = (mid..b.text.len())
                    .find(|&i| b.text.is_char_boundary(i))
                    .unwrap_or(0);
                let end = (at + 30..b.text.len())
                    .find(|&i| b.text.is_char_boundary(i))
                    .unwrap_or(b.text.len());
                Highlight {
                    id: format!("h{}", k + 1),
                    anchor: Anchor::from_range(b.id.clone(), &b.text, at..end),
                    note: String::new(),
                }
            })
            .collect();
        old.highlights = highlights;
        let changed: String = std::iter::once("پاراگرافی تازه در آغاز متن.".to_owned())
            .chain(text.split("\n\n").enumerate().map(|(k, p)| {
                if k % 10 == 5 {
                    p.replacen(" و ", " و نیز ", 1)
                } else {
                    p.to_owned()
                }
            }))
            .collect::<Vec<_>>()
            .join("\n\n");
        let Some(new) = gahnegar::import::import_text(&changed, "bench").map(|i| i.article) else {
            panic!("the changed corpus imports");
        };
        let anchors = old.events.len() + old.claims.len() + old.highlights.len();
        let (_, report) = reimport(&old, new.clone());
        println!(
            "reimport/{name}: {anchors} anchors, {} exact, {} by context, {} fuzzy, {} orphaned",
            report.exact,
            report.by_context,
            report.fuzzy,
            report.orphaned.len()
        );
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("merge/{name}"), |b| {
            b.iter_batched(
                || new.clone(),
                |new| black_box(reimport(&old, new).0.events.len()),
                BatchSize::LargeInput,
            );
        });
    }
    g.finish();
}

/// With `GAHNEGAR_BENCH_PARTS=N`, prints the time of each part of an import of N MiB (the
/// best of three runs): decoding, each repair step, the log, and the extraction's parts.
/// A profile by hand; it is not a criterion measurement and nothing is asserted.
fn parts(_: &mut Criterion) {
    use gahnegar::persian::{attribution, decode, repair, tagger};
    use std::time::{Duration, Instant};
    let Some(parts) = std::env::var_os("GAHNEGAR_BENCH_PARTS") else {
        return;
    };
    // The value may give the size in MiB.
    let mib: usize = parts.to_str().and_then(|p| p.parse().ok()).unwrap_or(10);
    let text = corpus(if full_run() { mib << 20 } else { 64 << 10 });
    let mb = text.len() as f64 / f64::from(1 << 20);
    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            black_box(f());
            best = best.min(t.elapsed());
        }
        println!(
            "{name:>24}: {:8.1} ms {:8.1} MiB/s",
            best.as_secs_f64() * 1e3,
            mb / best.as_secs_f64(),
        );
    };
    let _ = repair::normalize("گرم");
    time("decode", &mut || {
        decode::decode(text.as_bytes()).map_or(0, |d| d.text.len())
    });
    let mut cur = text.clone();
    for (i, step) in repair::STEPS.iter().enumerate() {
        time(&format!("step {i:02}"), &mut || {
            repair::apply(*step, &cur, None).len()
        });
        time(&format!("step {i:02} with log"), &mut || {
            let mut log = Vec::new();
            repair::apply(*step, &cur, Some(&mut log)).len() + log.len()
        });
        cur = repair::apply(*step, &cur, None).into_owned();
    }
    time("normalize", &mut || repair::normalize(&text).len());
    time("repair", &mut || repair::repair(&text).1.len());
    let paras: Vec<&str> = cur.split("\n\n").collect();
    time("sentences", &mut || {
        paras.iter().map(|p| attribution::sentences(p).len()).sum()
    });
    time("tagger", &mut || {
        let mut t = tagger::Tagger::default();
        paras.iter().map(|p| t.tag(p).len()).sum()
    });
    time("attributions", &mut || {
        paras
            .iter()
            .map(|p| attribution::find_attributions(p).len())
            .sum()
    });
    time("import_text", &mut || {
        gahnegar::import::import_text(&text, "bench").map_or(0, |i| i.article.events.len())
    });
}

criterion_group!(benches, import, reimport, parts);
criterion_main!(benches);
