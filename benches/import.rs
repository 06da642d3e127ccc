//! `normalize` and `import` throughput on a 10 MB file made by repeating the seed texts
//! (the damaged PDF text and the news sample), and on 1 MB to show they are linear.

mod common;

use std::hint::black_box;

use common::full_run;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gahnegar::import::{import_bytes, normalize};

/// The seed texts: `$GAHNEGAR_SEED_DIR` or `../shared/seed` beside the crate
/// (`caucasus-gem.raw.txt`, `news-sample.txt`); without them, the built-in article's text.
fn seeds() -> Vec<String> {
    let dir = std::env::var_os("GAHNEGAR_SEED_DIR").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed"),
        std::path::PathBuf::from,
    );
    let found: Vec<String> = ["caucasus-gem.raw.txt", "news-sample.txt"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(dir.join(f)).ok())
        .collect();
    if found.is_empty() {
        let a = gahnegar::store::builtin();
        let text: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        return vec![text.join("\n\n")];
    }
    found
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

criterion_group!(benches, import);
criterion_main!(benches);
