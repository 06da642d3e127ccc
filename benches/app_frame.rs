//! The real app frame (`GahnegarApp::ui_root` through a headless `egui::Context::run_ui`,
//! no rendering): the steady state on the built-in article, and scrolling from top to
//! bottom of a synthetic 1 MB article with mouse-wheel events (worst and median frame).

mod common;

use std::time::Duration;

use common::{AppDriver, big_article, full_run, median_max, ms, text_bytes};
use criterion::{Criterion, criterion_group, criterion_main};

fn steady_frame(c: &mut Criterion) {
    let mut d = AppDriver::builtin();
    for _ in 0..10 {
        d.frame(Vec::new(), false);
    }
    let eng = gahnegar::text::engine(&d.ctx);
    let (shaped, rasterized) = {
        let e = eng.lock();
        (e.shaped, e.atlas.rasterized)
    };
    let mut g = c.benchmark_group("app_frame");
    g.bench_function("builtin/steady_ui", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| d.frame(Vec::new(), false)).sum());
    });
    g.bench_function("builtin/steady_ui+tessellate", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| d.frame(Vec::new(), true)).sum());
    });
    g.finish();
    let e = eng.lock();
    println!(
        "app_frame/builtin: steady frames shaped {} and rasterized {} glyphs",
        e.shaped - shaped,
        e.atlas.rasterized - rasterized
    );
}

/// Scrolls the whole article, one wheel event of `step` points per frame; returns the
/// frame times (the first, cold frame excluded) and the cold frame.
fn scroll_through(d: &mut AppDriver, step: f32, max_frames: usize) -> (Vec<Duration>, Duration) {
    let first = d.frame(Vec::new(), false);
    let shaped_first = gahnegar::text::engine(&d.ctx).lock().shaped;
    println!("app_frame/scroll: paragraphs shaped by the first frame {shaped_first}");
    let last_item = d.app.doc.article.blocks.len() + 1 + d.app.doc.article.meta.lead.len();
    let mut times = Vec::new();
    while d.last_visible_item() < last_item && times.len() < max_frames {
        let ev = d.scroll_events(step);
        times.push(d.frame(ev, false));
    }
    (times, first)
}

fn scroll_big(c: &mut Criterion) {
    let size = if full_run() { 1 << 20 } else { 64 << 10 };
    let article = big_article(size);
    let bytes = text_bytes(&article);
    let blocks = article.blocks.len();
    let events = article.events.len();
    let mut d = AppDriver::with_article(article.clone());
    let (mut times, first) = scroll_through(&mut d, 150.0, 20_000);
    let frames = times.len();
    let (med, max) = median_max(&mut times);
    let p99 = times
        .get(times.len() * 99 / 100)
        .copied()
        .unwrap_or_default();
    let over = times.iter().filter(|t| ms(**t) > 8.0).count();
    let eng = gahnegar::text::engine(&d.ctx);
    let shaped = eng.lock().shaped;
    println!(
        "app_frame/scroll {bytes} B ({blocks} blocks, {events} events): first frame {:.1} ms, \
         then {frames} frames scrolling 150 pt each: median {:.2} ms, p99 {:.2} ms, worst {:.2} ms, \
         {over} over 8 ms; paragraphs shaped in all (first frame included) {shaped}",
        ms(first),
        ms(med),
        ms(p99),
        ms(max),
    );
    // A second pass over the same article in a warm app: the cost of scrolling itself.
    let mut d2 = AppDriver::with_article(article);
    d2.frame(Vec::new(), false);
    let mut g = c.benchmark_group("app_frame");
    g.bench_function("scroll_1mb/frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let ev = d2.scroll_events(150.0);
                total += d2.frame(ev, false);
                if d2.last_visible_item() + 2 >= d2.app.doc.article.blocks.len() {
                    d2.app.article_view.scroll_to(0, 0..0);
                }
            }
            total
        });
    });
    g.finish();
}

criterion_group!(benches, steady_frame, scroll_big);
criterion_main!(benches);
