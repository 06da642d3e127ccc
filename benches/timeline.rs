//! The timeline chart with 1,000, 10,000 and 100,000 synthetic events: one frame fully
//! zoomed out, at mid zoom (a year), close up (a month), and while panning at mid zoom.

mod common;

use std::time::{Duration, Instant};

use common::{full_run, timeline_article};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, Vec2};
use gahnegar::chart::EventSet;
use gahnegar::model::{Article, Day};
use gahnegar::ui::timeline::{CalendarMode, TimeDirection, TimelineInput, TimelineView};
use gahnegar::ui::{Lang, Theme};

/// The timeline panel's size in the app window, points.
const PANEL: Vec2 = Vec2::new(1280.0, 270.0);

struct Chart {
    ctx: egui::Context,
    view: TimelineView,
    article: Article,
    marked: EventSet,
    time: f64,
}

impl Chart {
    fn new(article: Article) -> Self {
        let mut view = TimelineView::default();
        view.fit_all(&article);
        Self {
            ctx: egui::Context::default(),
            view,
            article,
            marked: EventSet::default(),
            time: 0.0,
        }
    }

    fn frame(&mut self) -> Duration {
        self.time += 1.0 / 60.0;
        let raw = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, PANEL)),
            time: Some(self.time),
            ..Default::default()
        };
        let input = TimelineInput {
            article: &self.article,
            selected_event: None,
            marked_events: &self.marked,
            visible_events: None,
            calendar: CalendarMode::Gregorian,
            direction: TimeDirection::RightToLeft,
            lang: Lang::Fa,
            theme: Theme::Light,
        };
        let view = &mut self.view;
        let t0 = Instant::now();
        let out = self.ctx.run_ui(raw, |ui| {
            view.ui(ui, &input);
        });
        let t = t0.elapsed();
        std::hint::black_box(out.shapes.len());
        out.drop_without_applying_deltas();
        t
    }
}

fn day(y: i32, m: u8, d: u8) -> f64 {
    Day::new(y, m, d).map_or(0.0, |d| d.day_number() as f64)
}

fn timeline(c: &mut Criterion) {
    let sizes: &[usize] = if full_run() {
        &[1_000, 10_000, 100_000]
    } else {
        &[1_000, 10_000]
    };
    let mut g = c.benchmark_group("timeline");
    for &n in sizes {
        let mut chart = Chart::new(timeline_article(n));
        let t0 = Instant::now();
        chart.frame();
        println!(
            "timeline/{n}: first frame (index build, label shaping) {:.1} ms",
            t0.elapsed().as_secs_f64() * 1e3
        );
        let mid = (day(1995, 1, 1), day(1996, 1, 1));
        let close = (day(1995, 6, 1), day(1995, 7, 1));
        let fitted = chart.view.window();
        for (name, window) in [
            ("zoomed_out", fitted),
            ("mid_year", mid),
            ("close_month", close),
        ] {
            chart.view.set_window(window);
            chart.frame();
            g.bench_function(format!("{n}/{name}"), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| chart.frame()).sum());
            });
        }
        chart.view.set_window(mid);
        chart.frame();
        g.bench_function(format!("{n}/panning_mid"), |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|k| {
                        // 1/40 of the window per frame, back and forth over four years.
                        let (s, e) = chart.view.window();
                        let step = (e - s) / 40.0 * if (k / 160) % 2 == 0 { 1.0 } else { -1.0 };
                        chart.view.set_window((s + step, e + step));
                        chart.frame()
                    })
                    .sum()
            });
        });
        chart.view.set_window(fitted);
        g.bench_function(format!("{n}/panning_zoomed_out"), |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|k| {
                        let (s, e) = chart.view.window();
                        let step = (e - s) / 200.0 * if (k / 40) % 2 == 0 { 1.0 } else { -1.0 };
                        chart.view.set_window((s + step, e + step));
                        chart.frame()
                    })
                    .sum()
            });
        });
    }
    g.finish();
}

criterion_group!(benches, timeline);
criterion_main!(benches);
