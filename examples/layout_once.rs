//! Lays out the built-in article cold `N` times (a fresh engine each time, 680 pt, as the
//! `text_layout` bench does), for counting instructions with callgrind, which is exact
//! where timings on a shared machine are not:
//!
//! ```sh
//! cargo build --release --example layout_once
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/layout_once 1
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/layout_once 3
//! ```
//!
//! Half the difference of the two totals is one cold layout (engine creation included).
//! A second argument `ru` lays out 40 Russian paragraphs instead; `new` only creates the
//! engine; `rebreak` shapes once and then re-breaks `N` times at alternating widths.

use std::hint::black_box;

use gahnegar::store;
use gahnegar::text::{Align, TextEngine, TextJob};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let what = args.next().unwrap_or_default();
    let texts: Vec<String> = if what == "ru" {
        let sentence = "Новый маршрут соединяет Каспийское море со Средиземным и проходит \
                        через три страны, минуя прежние пути. ";
        (0..40)
            .map(|i| format!("{} {i}", sentence.repeat(3)))
            .collect()
    } else if what == "new" {
        Vec::new()
    } else {
        store::builtin()
            .blocks
            .iter()
            .map(|b| b.text.clone())
            .collect()
    };
    let jobs: Vec<TextJob> = texts
        .iter()
        .map(|t| TextJob::new(t.as_str()).size(17.0).align(Align::Justify))
        .collect();
    if what == "rebreak" {
        let mut eng = TextEngine::new();
        for i in 0..=n {
            let w = if i % 2 == 0 { 780.0 } else { 680.0 };
            let h: f32 = jobs
                .iter()
                .map(|j| eng.layout(j, Some(w), 1.0).height)
                .sum();
            black_box(h);
        }
        return;
    }
    for _ in 0..n {
        let mut eng = TextEngine::new();
        let h: f32 = jobs
            .iter()
            .map(|j| eng.layout(j, Some(680.0), 1.0).height)
            .sum();
        black_box(h);
    }
}
