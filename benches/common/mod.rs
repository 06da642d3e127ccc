//! Shared set-up of the benchmarks (and of `tests/it/perf_complexity.rs` and the examples):
//! synthetic articles, a headless egui driver for the real app, timeline state.
#![allow(dead_code, reason = "each bench uses part of this module")]

use std::time::{Duration, Instant};

use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, Rect, TouchPhase, Vec2};
use gahnegar::model::{
    Anchor, Article, Day, Event as Ev, FuzzyDate, Meta, Precision, news_categories,
};
use gahnegar::store;
use gahnegar::ui::GahnegarApp;

/// Whether the bench binary runs for real (`cargo bench`) rather than once in test mode
/// (`cargo test --benches`): criterion passes `--bench` then. Huge inputs only then.
pub fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Approximate size of an article's text in bytes (blocks only).
pub fn text_bytes(a: &Article) -> usize {
    a.blocks.iter().map(|b| b.text.len()).sum()
}

/// The built-in article's blocks (and events anchored in them) repeated until the text
/// holds at least `target` bytes; ids of the copies get a `-N` suffix, the first copy keeps
/// its ids so sources and claims still resolve. Each copied block's text ends with its copy
/// number, so no two blocks share a layout (as in a real long text).
pub fn big_article(target: usize) -> Article {
    let base = store::builtin();
    let mut a = base.clone();
    let mut copy = 1;
    while text_bytes(&a) < target {
        for b in &base.blocks {
            let mut b = b.clone();
            b.id = format!("{}-{copy}", b.id);
            b.text = format!("{} ({copy})", b.text);
            a.blocks.push(b);
        }
        for e in &base.events {
            let mut e = e.clone();
            e.id = format!("{}-{copy}", e.id);
            e.anchor.block = format!("{}-{copy}", e.anchor.block);
            a.events.push(e);
        }
        copy += 1;
    }
    a
}

/// A deterministic pseudo-random generator (splitmix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// An article with `n` synthetic events spread over 1918–2024 in all lanes: mostly days,
/// some months, years and ranges; labels taken from the built-in article's events.
pub fn timeline_article(n: usize) -> Article {
    let base = store::builtin();
    let labels: Vec<String> = base.events.iter().map(|e| e.label.clone()).collect();
    let lo = Day::new(1918, 1, 1).map_or(0, |d| d.day_number());
    let hi = Day::new(2024, 12, 31).map_or(40_000, |d| d.day_number());
    let mut rng = Rng(42);
    let categories = news_categories();
    let events = (0..n)
        .map(|i| {
            let start = lo + rng.below(u64::try_from(hi - lo).unwrap_or(1)) as i64;
            let (len, precision) = match rng.below(10) {
                0..=5 => (0, Precision::Day),
                6 => (29, Precision::Month),
                7 => (364, Precision::Year),
                _ => (rng.below(2000) as i64, Precision::Range),
            };
            let end = (start + len).min(hi);
            Ev {
                id: format!("t{i}"),
                date: FuzzyDate::new(
                    Day::from_day_number(start),
                    Day::from_day_number(end),
                    precision,
                    "",
                ),
                category: categories[i % categories.len()].id.clone(),
                label: labels
                    .get(i % labels.len().max(1))
                    .cloned()
                    .unwrap_or_default(),
                anchor: Anchor::new("p1", ""),
                certainty: Default::default(),
                origin: Default::default(),
                note: String::new(),
            }
        })
        .collect();
    Article {
        schema: base.schema,
        meta: Meta {
            title: format!("{n} events"),
            ..Meta::default()
        },
        categories,
        blocks: base.blocks.clone(),
        events,
        sources: Vec::new(),
        claims: Vec::new(),
        highlights: Vec::new(),
    }
}

/// Window size of the headless app, points.
pub const WINDOW: Vec2 = Vec2::new(1280.0, 820.0);

/// The real app driven headlessly: `ui_root` through `Context::run_ui`, no rendering.
pub struct AppDriver {
    pub ctx: egui::Context,
    pub app: GahnegarApp,
    time: f64,
}

impl AppDriver {
    pub fn new(app: GahnegarApp) -> Self {
        Self {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
        }
    }

    /// The built-in article, settings as on a fresh machine (no storage).
    pub fn builtin() -> Self {
        let mut app = GahnegarApp::new(None, None);
        app.settings.native_dialogs = false;
        Self::new(app)
    }

    /// The app with `article` open (as `Command::Open` would leave it).
    pub fn with_article(article: Article) -> Self {
        let mut d = Self::builtin();
        d.app.timeline.fit_all(&article);
        d.app.doc.article = article;
        d.app.article_view = Default::default();
        d
    }

    /// Runs one frame with `events`; returns the CPU time of the UI pass (and, with
    /// `tessellate`, of tessellating its shapes too).
    pub fn frame(&mut self, events: Vec<Event>, tessellate: bool) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let t0 = Instant::now();
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(input, |ui| app.ui_root(ui));
        let shapes = std::mem::take(&mut out.shapes);
        if tessellate {
            std::hint::black_box(self.ctx.tessellate(shapes, out.pixels_per_point));
        } else {
            std::hint::black_box(shapes);
        }
        let t = t0.elapsed();
        out.drop_without_applying_deltas();
        t
    }

    /// Where the article pane is (its centre), for pointer and wheel events.
    pub fn article_point(&self) -> Pos2 {
        self.app
            .article_view
            .visible_items
            .first()
            .map_or(Pos2::new(800.0, 300.0), |(_, r)| {
                Pos2::new(r.center().x, 300.0)
            })
    }

    /// Input of one frame scrolling the article down by `points`.
    pub fn scroll_events(&self, points: f32) -> Vec<Event> {
        vec![
            Event::PointerMoved(self.article_point()),
            Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -points),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Wheel,
                modifiers: Modifiers::NONE,
            },
        ]
    }

    /// Index of the last item the article drew last frame.
    pub fn last_visible_item(&self) -> usize {
        self.app
            .article_view
            .visible_items
            .iter()
            .map(|(i, _)| *i)
            .max()
            .unwrap_or(0)
    }
}

/// Median and maximum of `samples`.
pub fn median_max(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let med = samples.get(samples.len() / 2).copied().unwrap_or_default();
    let max = samples.last().copied().unwrap_or_default();
    (med, max)
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Realistic news text of about `bytes` bytes: paragraphs of Persian sentences with dates
/// in both calendars, attributions to named sources and quotations, different each time.
pub fn realistic_text(bytes: usize) -> String {
    const SOURCES: &[&str] = &[
        "خبرگزاری ایرنا",
        "رویترز",
        "وزیر امور خارجه",
        "سخنگوی دولت",
        "روزنامه همشهری",
        "منابع آگاه",
        "رئیس سازمان برنامه و بودجه",
    ];
    const MONTHS: &[&str] = &["ژانویه", "مارس", "مه", "ژوئیه", "سپتامبر", "نوامبر"];
    const SOLAR: &[&str] = &["فروردین", "تیر", "مهر", "دی", "اسفند"];
    let mut out = String::with_capacity(bytes + 512);
    let mut i = 0_usize;
    while out.len() < bytes {
        let src = SOURCES[i % SOURCES.len()];
        let s = match i % 5 {
            0 => format!(
                "به گزارش {src}، نشست شماره {i} در {} {} {} برگزار شد و درباره بودجه سال آینده گفت‌وگو کرد. ",
                1 + i % 28,
                MONTHS[i % MONTHS.len()],
                1990 + i % 35
            ),
            1 => format!(
                "{src} روز {} {} {} گفت: «این طرح تا پایان سال اجرا می‌شود و هزینه آن {} میلیارد ریال است.» ",
                1 + i % 29,
                SOLAR[i % SOLAR.len()],
                1380 + i % 25,
                10 + i % 90
            ),
            2 => format!(
                "قیمت کالاهای اساسی از سال {} تا {} نزدیک به {} درصد افزایش یافت. ",
                1995 + i % 20,
                2015 + i % 9,
                5 + i % 60
            ),
            3 => format!(
                "{src} افزود که گزارش کامل این بررسی در دهه {} منتشر شده بود. ",
                1990 + 10 * (i % 3)
            ),
            _ => "کارشناسان معتقدند این روند ادامه خواهد داشت.\n\n".to_owned(),
        };
        out.push_str(&s);
        i += 1;
    }
    out
}
