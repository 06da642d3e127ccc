//! Text layout of the built-in article (every block as the article pane sets it) at three
//! column widths: cold (a fresh engine shapes everything), re-broken (shaped text, a new
//! width: a window resize) and cached (nothing changed: what every frame pays).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gahnegar::store;
use gahnegar::text::{Align, TextEngine, TextJob};

/// The built-in article's blocks as body paragraphs, 17 pt, justified.
fn jobs() -> Vec<TextJob> {
    store::builtin()
        .blocks
        .iter()
        .map(|b| {
            TextJob::new(b.text.as_str())
                .size(17.0)
                .align(Align::Justify)
        })
        .collect()
}

fn layout_all(eng: &mut TextEngine, jobs: &[TextJob], width: f32) -> f32 {
    jobs.iter()
        .map(|j| eng.layout(j, Some(width), 1.0).height)
        .sum()
}

fn text_layout(c: &mut Criterion) {
    let jobs = jobs();
    let bytes: usize = jobs.iter().map(|j| j.text.len()).sum();
    let mut g = c.benchmark_group("text_layout");
    g.throughput(criterion::Throughput::Bytes(bytes as u64));
    for width in [360.0_f32, 680.0, 1000.0] {
        g.bench_function(format!("cold/{width}pt"), |b| {
            b.iter_batched(
                TextEngine::new,
                |mut eng| {
                    black_box(layout_all(&mut eng, &jobs, width));
                    eng
                },
                BatchSize::LargeInput,
            );
        });
        let mut eng = TextEngine::new();
        layout_all(&mut eng, &jobs, width + 100.0);
        g.bench_function(format!("rebreak/{width}pt"), |b| {
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                let w = if flip { width } else { width + 100.0 };
                black_box(layout_all(&mut eng, &jobs, w))
            });
        });
        layout_all(&mut eng, &jobs, width);
        let shaped = eng.shaped;
        g.bench_function(format!("cached/{width}pt"), |b| {
            b.iter(|| black_box(layout_all(&mut eng, &jobs, width)));
        });
        assert_eq!(eng.shaped, shaped, "a cached layout was reshaped");
    }
    g.finish();
}

criterion_group!(benches, text_layout);
criterion_main!(benches);
