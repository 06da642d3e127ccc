//! The library's merged timeline, per frame: 300,000 synthetic marks (a 10,000-article
//! library's events) in 40 lanes over 30 years, placed for a window fully zoomed out, a
//! year, and a week ([`chart::merged::place`]: culling by time and binning per lane, what
//! the widget redoes when the window moves), and indexing them (once per change of the
//! view).

use criterion::{Criterion, criterion_group, criterion_main};
use gahnegar::chart::merged::{MergedIndex, place};
use gahnegar::chart::{TimeDirection, Transform};
use gahnegar::library::groups::{Lane, Mark, MergedTimeline};
use gahnegar::model::Day;

const MARKS: usize = 300_000;
const LANES: usize = 40;
const YEARS: i64 = 30;

/// Marks spread over `YEARS` years, a few days to a month long, sorted by start.
fn timeline() -> MergedTimeline {
    let base = Day::new(1995, 1, 1)
        .unwrap_or_else(|e| panic!("{e}"))
        .day_number();
    let span = YEARS * 365;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut marks: Vec<Mark> = (0..MARKS)
        .map(|g| {
            let start = base + (next() % span as u64) as i64;
            let len = [0, 0, 0, 2, 30][(next() % 5) as usize];
            let reports = 1 + (next() % 3) as usize;
            Mark {
                group: g,
                lane: (next() % LANES as u64) as usize,
                start: Day::from_day_number(start),
                end: Day::from_day_number(start + len),
                reports,
                reports_in_lane: reports,
            }
        })
        .collect();
    marks.sort_by_key(|m| (m.start, m.lane, m.group));
    let lanes = (0..LANES)
        .map(|k| Lane {
            key: k.to_string(),
            name_fa: k.to_string(),
            name_en: k.to_string(),
        })
        .collect();
    MergedTimeline { lanes, marks }
}

fn merged(c: &mut Criterion) {
    let t = timeline();
    let mut g = c.benchmark_group("merged_timeline");
    g.bench_function("index_300k", |b| b.iter(|| MergedIndex::new(&t)));
    let index = MergedIndex::new(&t);
    let (lo, hi) = index.span().unwrap_or((0.0, 1.0));
    let mid = (lo + hi) / 2.0;
    for (name, window) in [
        ("all", (lo, hi)),
        ("year", (mid, mid + 365.0)),
        ("week", (mid, mid + 7.0)),
    ] {
        let tr = Transform::new(140.0, 1270.0, window, TimeDirection::RightToLeft);
        let placed = place(&t, &index, &tr, 6.0).len();
        eprintln!("{name}: {placed} marks drawn");
        g.bench_function(format!("place_300k_{name}"), |b| {
            b.iter(|| place(&t, &index, &tr, 6.0).len());
        });
    }
    g.finish();
}

criterion_group!(benches, merged);
criterion_main!(benches);
