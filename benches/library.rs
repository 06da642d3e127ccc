//! The library on generated articles (issue 17's budgets, docs/PERFORMANCE.md): adding
//! 1,000 text articles (~5 MB) through the real importer on all cores; opening a library
//! of many articles; a search; grouping every event of the library into happenings.
//! Under `cargo test --benches` (no `--bench`) the sizes are small.
//!
//! `GAHNEGAR_BENCH_LIBRARY_N` sets the size of the library opened and searched (default
//! 10,000 under `cargo bench`).

mod common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use common::{Rng, full_run};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use gahnegar::library::{AddOptions, LaneBy, Library};

/// Gregorian month names as Persian news writes them.
const MONTHS: [&str; 12] = gahnegar::persian::dates::GREGORIAN_MONTHS_FA;
const OUTLETS: [&str; 8] = [
    "ایرنا",
    "ایسنا",
    "فارس",
    "تسنیم",
    "همشهری",
    "شرق",
    "اعتماد",
    "مهر",
];
const SYLLABLES: [&str; 30] = [
    "با", "کو", "ری", "سا", "من", "تو", "لا", "نو", "دا", "رو", "گل", "شی", "فر", "زا", "مه", "بی",
    "نا", "کا", "سو", "ده", "پر", "چی", "خا", "جو", "وا", "هی", "یا", "قا", "طو", "ظه",
];
const VERBS: [&str; 6] = [
    "دیدار کرد",
    "سفر کرد",
    "سخنرانی کرد",
    "قرارداد امضا کرد",
    "نشست خبری برگزار کرد",
    "بیانیه منتشر کرد",
];

fn persian_digits(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(u32::from(c) - u32::from('0') + 0x06F0).unwrap_or(c))
        .collect()
}

/// A name-like word of two or three syllables (27,000 of them).
fn name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize])
        .collect()
}

/// A Persian news text of about 5 KB: a title, then paragraphs of dated sentences, each
/// naming an outlet, two people and a place.
fn article_text(rng: &mut Rng) -> String {
    let mut out = format!("{} {} در {}\n\n", name(rng), VERBS[0], name(rng));
    while out.len() < 5_000 {
        for _ in 0..3 {
            let _ = write!(
                out,
                "به گزارش {}، {} {} روز {} {} {} در {} {} و {} را {} خواند. ",
                OUTLETS[rng.below(8) as usize],
                name(rng),
                name(rng),
                persian_digits(1 + rng.below(28)),
                MONTHS[rng.below(12) as usize],
                persian_digits(2000 + rng.below(25)),
                name(rng),
                VERBS[rng.below(VERBS.len() as u64) as usize],
                name(rng),
                name(rng),
            );
        }
        out.push_str("\n\n");
    }
    out
}

/// `n` text files in `dir`.
fn write_texts(dir: &Path, n: usize, seed: u64) -> PathBuf {
    let mut rng = Rng(seed);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..n {
        std::fs::write(dir.join(format!("{i:05}.txt")), article_text(&mut rng))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    dir.to_owned()
}

fn add(lib_dir: &Path, input: &Path) -> Library {
    let (mut lib, _) = Library::open(lib_dir).unwrap_or_else(|e| panic!("{e:#}"));
    let report = lib
        .add(&[input.to_owned()], &AddOptions::default(), &|_| {})
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    lib
}

/// Resident memory of this process, from /proc (Linux), in MB.
fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn library(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (n_add, n_lib) = if full_run() {
        let n = std::env::var("GAHNEGAR_BENCH_LIBRARY_N")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(10_000);
        (1_000, n)
    } else {
        (20, 40)
    };

    // Adding n_add text files through the importer, into a fresh library each time.
    let texts = write_texts(&tmp.path().join("add"), n_add, 1);
    let bytes: u64 = std::fs::read_dir(&texts)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let mut g = c.benchmark_group("library_add");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    let mut k = 0;
    g.bench_function(format!("{n_add}_articles"), |b| {
        b.iter_batched(
            || {
                k += 1;
                tmp.path().join(format!("lib-add-{k}"))
            },
            |dir| {
                let lib = add(&dir, &texts);
                let _ = std::fs::remove_dir_all(&dir);
                lib
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();

    // A library of n_lib articles, made once.
    let big_texts = write_texts(&tmp.path().join("big"), n_lib, 2);
    let big = tmp.path().join("lib-big");
    let made = std::time::Instant::now();
    let lib = add(&big, &big_texts);
    let events: usize = lib.entries().iter().map(|e| e.events.len()).sum();
    eprintln!(
        "library of {} articles, {events} events, made in {:.1} s",
        lib.entries().len(),
        made.elapsed().as_secs_f64()
    );
    drop(lib);
    let _ = std::fs::remove_dir_all(&big_texts);

    let mut g = c.benchmark_group("library");
    g.sample_size(10);
    g.bench_function(format!("open_{n_lib}"), |b| {
        b.iter(|| Library::open(black_box(&big)).map(|(l, _)| l.entries().len()));
    });
    let (lib, report) = Library::open(&big).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(report.damaged.is_empty() && report.index_rebuilt.is_none());
    for (what, q) in [
        ("word", "ایرنا"),
        ("name", "باکوری"),
        ("two_words", "سفر کرد"),
    ] {
        g.bench_function(format!("search_{what}_{n_lib}"), |b| {
            b.iter(|| lib.search(black_box(q), 20).map(|h| h.len()));
        });
    }
    g.bench_function(format!("group_events_{n_lib}"), |b| {
        b.iter(|| {
            gahnegar::library::groups::group_events(
                lib.entries(),
                &vec![true; lib.entries().len()],
                lib.decisions(),
            )
            .groups
            .len()
        });
    });
    g.bench_function(format!("merged_timeline_{n_lib}"), |b| {
        let _ = lib.groups();
        b.iter(|| lib.merged_timeline(LaneBy::Outlet, &|_| true).marks.len());
    });
    g.finish();
    if let Some(mb) = rss_mb() {
        eprintln!(
            "resident memory with the {n_lib}-article library open, searched and grouped: {mb:.0} MB \
             (with what making the library left; examples/library_open measures an open library alone)"
        );
    }
}

criterion_group!(benches, library);
criterion_main!(benches);
