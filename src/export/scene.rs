//! The timeline as a picture, without egui: [`timeline_scene`] lays out an article's
//! events in lanes under a dated axis (the same ticks, colours and marks as the timeline
//! widget) and returns a [`Scene`], a flat list of primitives — rectangles (with fading
//! ends for uncertain dates), circles, lines and text already shaped by the text engine
//! and turned into glyph outlines. [`super::svg`] and [`super::raster`] draw it.
//!
//! Coordinates are points (1× pixels), y down, origin at the top-left corner.

use std::collections::HashMap;
use std::rc::Rc;

use swash::scale::ScaleContext;
use swash::zeno::{Command, PathData as _};

use crate::model::{Article, Category, Day, Event, Precision};
use crate::persian::dates::{self, Calendar};
use crate::persian::digits::num_fa;
use crate::text::layout::FontInstance;
use crate::text::{TextEngine, TextJob};
use crate::ui::i18n::Lang;
use crate::ui::theme;
use crate::ui::timeline::{CalendarMode, TimeDirection, Transform, lane_color, ticks};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    fn of(c: egui::Color32) -> Self {
        Self(c.to_srgba_unmultiplied())
    }

    /// The same colour with its alpha multiplied by `f` (0..=1).
    #[must_use]
    pub fn faded(self, f: f32) -> Self {
        let [r, g, b, a] = self.0;
        // Truncation is intended: an alpha in 0..=255.
        let a = (f32::from(a) * f.clamp(0.0, 1.0)).round() as u8;
        Self([r, g, b, a])
    }

    /// `#rrggbb`, without alpha.
    pub fn hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Alpha as 0..=1.
    pub fn opacity(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }
}

/// One element of an outline path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathEl {
    MoveTo([f32; 2]),
    LineTo([f32; 2]),
    /// Control point, end point.
    QuadTo([f32; 2], [f32; 2]),
    /// Two control points, end point.
    CurveTo([f32; 2], [f32; 2], [f32; 2]),
    Close,
}

/// A thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    /// A filled rectangle. With a non-zero `fade`, its left and right ends fade from
    /// transparent to `fill` over that many points (an uncertain start or end).
    Rect {
        min: [f32; 2],
        max: [f32; 2],
        radius: f32,
        fill: Rgba,
        /// Fade widths at the left and the right end, points.
        fade: [f32; 2],
    },
    Circle {
        center: [f32; 2],
        radius: f32,
        fill: Option<Rgba>,
        /// Stroke width (points) and colour.
        stroke: Option<(f32, Rgba)>,
    },
    Line {
        from: [f32; 2],
        to: [f32; 2],
        width: f32,
        color: Rgba,
    },
    /// A run of shaped text as glyph outlines (non-zero fill), in visual order; `text` is
    /// what it says, for accessibility and tests.
    Text {
        text: String,
        path: Vec<PathEl>,
        color: Rgba,
        /// The text's box: left, top, right, bottom.
        bounds: [f32; 4],
    },
}

/// A primitive, and the event it belongs to (for links), if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub primitive: Primitive,
    pub event: Option<String>,
}

/// A picture: size in points, background, primitives in painting order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub background: Rgba,
    /// What the picture shows, for its accessible name.
    pub title: String,
    pub items: Vec<Item>,
}

impl Scene {
    /// The strings of the text runs, in painting order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|i| match &i.primitive {
            Primitive::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Default width of a timeline image, points.
pub const DEFAULT_WIDTH: f32 = 1200.0;
/// Narrowest and widest timeline image, points.
pub const MIN_WIDTH: f32 = 480.0;
pub const MAX_WIDTH: f32 = 8000.0;

/// What the timeline image shows and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageOptions {
    /// The days shown (inclusive); `None` fits every event.
    pub view: Option<(Day, Day)>,
    /// Width in points, clamped to [`MIN_WIDTH`]..=[`MAX_WIDTH`]. Default [`DEFAULT_WIDTH`].
    pub width: f32,
    /// Language of the labels and digits, and side of the lane labels.
    pub lang: Lang,
    pub dark: bool,
    /// Which way time flows. Default: right to left in Persian, left to right in English.
    pub direction: TimeDirection,
    /// Tick rows. Default: both calendars in Persian, Gregorian in English.
    pub calendar: CalendarMode,
}

impl ImageOptions {
    /// The defaults for `lang`.
    pub fn new(lang: Lang) -> Self {
        let fa = lang == Lang::Fa;
        Self {
            view: None,
            width: DEFAULT_WIDTH,
            lang,
            dark: false,
            direction: if fa {
                TimeDirection::RightToLeft
            } else {
                TimeDirection::LeftToRight
            },
            calendar: if fa {
                CalendarMode::Both
            } else {
                CalendarMode::Gregorian
            },
        }
    }
}

impl Default for ImageOptions {
    fn default() -> Self {
        Self::new(Lang::Fa)
    }
}

// Geometry, points.
const PAD: f32 = 20.0;
const TICK_ROW_H: f32 = 24.0;
const SUB_H: f32 = 24.0;
const LANE_PAD: f32 = 5.0;
const BAR_H: f32 = 16.0;
const DOT_R: f32 = 5.0;
const GAP: f32 = 6.0;
/// Least space between two marks (with their labels) sharing a sub-row.
const ROW_GAP: f32 = 18.0;
/// Bars narrower than this are drawn as dots.
const MIN_BAR: f32 = 10.0;
const EMPTY_H: f32 = 64.0;
/// Share of the events' span left free on each side when fitting.
const FIT_PAD: f64 = 0.05;
// Text sizes, points.
const TITLE_SIZE: f32 = 20.0;
const SUBTITLE_SIZE: f32 = 12.5;
const LABEL_SIZE: f32 = 12.0;
const TICK_SIZE: f32 = 11.0;
const LANE_LABEL_SIZE: f32 = 12.5;
const FOOTER_SIZE: f32 = 10.5;

/// Horizontal placement of a text run relative to its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HAlign {
    Left,
    Center,
    Right,
}

/// Key of a glyph outline: font blob and index, glyph, size, variation coordinates.
type OutlineKey = (u64, u32, u32, u32, Vec<i16>);

/// Collects primitives; shapes text with the engine and caches glyph outlines.
struct Painter<'a> {
    engine: &'a mut TextEngine,
    scale_cx: ScaleContext,
    outlines: HashMap<OutlineKey, Rc<Vec<PathEl>>>,
    items: Vec<Item>,
    /// The event the primitives being added belong to.
    event: Option<String>,
}

impl Painter<'_> {
    fn push(&mut self, primitive: Primitive) {
        self.items.push(Item {
            primitive,
            event: self.event.clone(),
        });
    }

    /// Width and height of a single-line text, points.
    fn measure(&mut self, job: &TextJob) -> (f32, f32) {
        let s = self.engine.layout(job, None, 1.0);
        (s.width, s.height)
    }

    /// Adds `job` as outlines, its line box centred vertically on `y` and placed at `x`
    /// by `align`. Returns its box.
    fn text(&mut self, job: &TextJob, x: f32, y: f32, align: HAlign) -> [f32; 4] {
        let shaped = self.engine.layout(job, None, 1.0);
        let (w, h) = (shaped.width, shaped.height);
        let glyphs = shaped.glyphs.clone();
        let fonts = shaped.fonts.clone();
        let left = match align {
            HAlign::Left => x,
            HAlign::Center => x - w * 0.5,
            HAlign::Right => x - w,
        };
        let top = y - h * 0.5;
        let mut path = Vec::new();
        for g in &glyphs {
            let Some(font) = fonts.get(usize::from(g.font)) else {
                continue;
            };
            let outline = self.outline(font, g.id);
            let (dx, dy) = (left + g.x, top + g.y);
            let at = |p: [f32; 2]| [p[0] + dx, p[1] + dy];
            path.extend(outline.iter().map(|el| match *el {
                PathEl::MoveTo(p) => PathEl::MoveTo(at(p)),
                PathEl::LineTo(p) => PathEl::LineTo(at(p)),
                PathEl::QuadTo(c, p) => PathEl::QuadTo(at(c), at(p)),
                PathEl::CurveTo(c1, c2, p) => PathEl::CurveTo(at(c1), at(c2), at(p)),
                PathEl::Close => PathEl::Close,
            }));
        }
        let bounds = [left, top, left + w, top + h];
        self.push(Primitive::Text {
            text: job.text.to_string(),
            path,
            color: Rgba::of(job.style.color),
            bounds,
        });
        bounds
    }

    /// The outline of a glyph relative to its pen position on the baseline, y down.
    fn outline(&mut self, font: &FontInstance, glyph: u32) -> Rc<Vec<PathEl>> {
        let key = (
            font.font.data.id(),
            font.font.index,
            glyph,
            font.size_px.to_bits(),
            font.coords.clone(),
        );
        if let Some(o) = self.outlines.get(&key) {
            return o.clone();
        }
        let mut out = Vec::new();
        let font_ref = swash::FontRef::from_index(font.font.data.data(), font.font.index as usize);
        if let (Some(font_ref), Ok(id)) = (font_ref, u16::try_from(glyph)) {
            let mut scaler = self
                .scale_cx
                .builder(font_ref)
                .size(font.size_px)
                .hint(false)
                .normalized_coords(font.coords.iter().copied())
                .build();
            if let Some(o) = scaler.scale_outline(id) {
                // Font outlines are y up; the scene is y down.
                let p = |v: swash::zeno::Vector| [v.x, -v.y];
                for cmd in o.path().commands() {
                    out.push(match cmd {
                        Command::MoveTo(a) => PathEl::MoveTo(p(a)),
                        Command::LineTo(a) => PathEl::LineTo(p(a)),
                        Command::QuadTo(c, a) => PathEl::QuadTo(p(c), p(a)),
                        Command::CurveTo(c1, c2, a) => PathEl::CurveTo(p(c1), p(c2), p(a)),
                        Command::Close => PathEl::Close,
                    });
                }
            }
        }
        let out = Rc::new(out);
        self.outlines.insert(key, out.clone());
        out
    }

    fn rect(&mut self, min: [f32; 2], max: [f32; 2], radius: f32, fill: Rgba) {
        self.push(Primitive::Rect {
            min,
            max,
            radius,
            fill,
            fade: [0.0; 2],
        });
    }

    fn line(&mut self, from: [f32; 2], to: [f32; 2], width: f32, color: Rgba) {
        self.push(Primitive::Line {
            from,
            to,
            width,
            color,
        });
    }

    fn circle(&mut self, center: [f32; 2], radius: f32, fill: Rgba, stroke: Option<(f32, Rgba)>) {
        self.push(Primitive::Circle {
            center,
            radius,
            fill: Some(fill),
            stroke,
        });
    }
}

fn job(text: &str, size: f32, weight: f32, color: egui::Color32) -> TextJob {
    TextJob::new(text)
        .size(size)
        .weight(weight)
        .color(color)
        .selectable(false)
}

/// First day number and the day number after the last day of an event.
fn event_days(e: &Event) -> (f64, f64) {
    let a = e.date.start.day_number() as f64;
    let b = e.date.end.day_number() as f64;
    (a.min(b), a.max(b) + 1.0)
}

/// Whether an event is drawn with soft edges (as on the timeline widget).
fn is_fuzzy(e: &Event) -> bool {
    e.date.approximate
        || matches!(
            e.date.precision,
            Precision::Decade | Precision::PartOfDecade | Precision::Season
        )
}

/// One event of a lane, placed.
struct Mark<'a> {
    event: &'a Event,
    point: bool,
    fuzzy: bool,
    /// Unclipped x extent of the event's days.
    days_x: (f32, f32),
    /// Drawn extent of the marker (clipped to the chart).
    marker: (f32, f32),
    /// The label's x range, and whether it sits inside the bar.
    label: (f32, f32, bool),
    row: usize,
}

impl Mark<'_> {
    fn extent(&self) -> (f32, f32) {
        (
            self.marker.0.min(self.label.0),
            self.marker.1.max(self.label.1),
        )
    }
}

/// The timeline of `article` as a picture. An article without events, or a view without
/// any, gives the axis and a note that there is nothing to show.
pub fn timeline_scene(article: &Article, options: &ImageOptions, engine: &mut TextEngine) -> Scene {
    let lang = options.lang;
    let fa = lang == Lang::Fa;
    let s = lang.strings();
    let dark = options.dark;
    let (ink, muted, paper) = (theme::ink(dark), theme::muted(dark), theme::paper(dark));
    let width = options.width.clamp(MIN_WIDTH, MAX_WIDTH);
    let mut p = Painter {
        engine,
        scale_cx: ScaleContext::new(),
        outlines: HashMap::new(),
        items: Vec::new(),
        event: None,
    };

    // The days shown.
    let span = article
        .events
        .iter()
        .map(event_days)
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
    let range = match (options.view, span) {
        (Some((a, b)), _) => {
            let (a, b) = (a.min(b), a.max(b));
            (a.day_number() as f64, b.day_number() as f64 + 1.0)
        }
        (None, Some((lo, hi))) => {
            let pad = (hi - lo).max(10.0) * FIT_PAD;
            (lo - pad, hi + pad)
        }
        (None, None) => {
            let today = Day::new(2000, 1, 1).map_or(730_120.0, |d| d.day_number() as f64);
            (today - 3650.0, today + 3650.0)
        }
    };
    let shown: Vec<&Event> = article
        .events
        .iter()
        .filter(|e| {
            let (a, b) = event_days(e);
            a < range.1 && b > range.0
        })
        .collect();
    let lanes: Vec<&Category> = article
        .categories
        .iter()
        .filter(|c| shown.iter().any(|e| e.category == c.id))
        .collect();
    let lane_text = |c: &Category| c.name(fa).to_owned();

    // Columns: lane labels at the start side, the chart beside them.
    let lane_col = lanes
        .iter()
        .map(|l| {
            p.measure(&job(&lane_text(l), LANE_LABEL_SIZE, 600.0, ink))
                .0
        })
        .fold(0.0_f32, f32::max)
        .max(50.0)
        + 40.0;
    let lane_col = lane_col.min(width * 0.3);
    let (chart_l, chart_r) = if fa {
        (PAD, width - PAD - lane_col)
    } else {
        (PAD + lane_col, width - PAD)
    };
    let tr = Transform::new(chart_l, chart_r, range, options.direction);
    let range = tr.range();
    let later_left = options.direction == TimeDirection::RightToLeft;

    // Header: title and a line of counts and span.
    let start_x = if fa { width - PAD } else { PAD };
    let start_align = if fa { HAlign::Right } else { HAlign::Left };
    let end_x = if fa { PAD } else { width - PAD };
    let end_align = if fa { HAlign::Left } else { HAlign::Right };
    let mut y = PAD;
    let title = job(&article.meta.title, TITLE_SIZE, 700.0, ink);
    let (_, th) = p.measure(&title);
    p.text(&title, start_x, y + th * 0.5, start_align);
    y += th;
    // The span stated: the view's days, or the events' own (not the padding around them).
    let (lo, hi) = match (options.view, span) {
        (None, Some(events)) => events,
        _ => range,
    };
    let first = Day::from_day_number(lo.floor() as i64);
    let last = Day::from_day_number((hi.ceil() as i64 - 1).max(lo.floor() as i64));
    let days_text = if options.view.is_some() {
        format!(
            "{} – {}",
            dates::day_text(first, Calendar::Gregorian, fa),
            dates::day_text(last, Calendar::Gregorian, fa)
        )
    } else {
        format!(
            "{} – {}",
            dates::year_text(first.year, fa),
            dates::year_text(last.year, fa)
        )
    };
    let subtitle = if fa {
        format!("{} رویداد، {days_text}", num_fa(shown.len()))
    } else {
        format!("{} events, {days_text}", shown.len())
    };
    let subtitle = job(&subtitle, SUBTITLE_SIZE, 400.0, muted);
    let (_, sh) = p.measure(&subtitle);
    p.text(&subtitle, start_x, y + sh * 0.5, start_align);
    y += sh + 12.0;

    // Lanes: place the marks and labels, one sub-row after another, no two overlapping.
    let mut placed: Vec<(&Category, Vec<Mark<'_>>, usize)> = Vec::new();
    for &lane in &lanes {
        let mut marks: Vec<Mark<'_>> = Vec::new();
        for e in shown.iter().copied().filter(|e| e.category == lane.id) {
            let (a, b) = event_days(e);
            let (x0, x1) = tr.x_span(a, b);
            let (x0, x1) = (x0 as f32, x1 as f32);
            let point =
                matches!(e.date.precision, Precision::Day | Precision::Month) || x1 - x0 < MIN_BAR;
            let marker = if point {
                let cx = (x0 + x1) * 0.5;
                if cx < chart_l || cx > chart_r {
                    continue;
                }
                (cx - DOT_R, cx + DOT_R)
            } else {
                (x0.max(chart_l), x1.min(chart_r))
            };
            let w = p.measure(&label_job(&e.label, ink)).0;
            let inside = !point && marker.1 - marker.0 >= w + 12.0;
            let label = if inside {
                let c = (marker.0 + marker.1) * 0.5;
                (c - w * 0.5, c + w * 0.5, true)
            } else {
                let left = (marker.0 - GAP - w, marker.0 - GAP);
                let right = (marker.1 + GAP, marker.1 + GAP + w);
                let fits = |r: (f32, f32)| r.0 >= chart_l && r.1 <= chart_r;
                let (pref, other) = if later_left {
                    (left, right)
                } else {
                    (right, left)
                };
                let r = if fits(pref) {
                    pref
                } else if fits(other) {
                    other
                } else {
                    let shift = (chart_l - pref.0).max(0.0) - (pref.1 - chart_r).max(0.0);
                    (pref.0 + shift, pref.1 + shift)
                };
                (r.0, r.1, false)
            };
            marks.push(Mark {
                event: e,
                point,
                fuzzy: is_fuzzy(e),
                days_x: (x0, x1),
                marker,
                label,
                row: 0,
            });
        }
        marks.sort_by(|a, b| a.extent().0.total_cmp(&b.extent().0));
        let mut row_ends: Vec<f32> = Vec::new();
        for m in &mut marks {
            let (l, r) = m.extent();
            let row = row_ends.iter().position(|&end| end + ROW_GAP <= l);
            m.row = row.unwrap_or(row_ends.len());
            if m.row == row_ends.len() {
                row_ends.push(r);
            } else {
                row_ends[m.row] = r;
            }
        }
        placed.push((lane, marks, row_ends.len().max(1)));
    }

    // Axis geometry, then the lanes below it.
    let calendars: &[Calendar] = match options.calendar {
        CalendarMode::Gregorian => &[Calendar::Gregorian],
        CalendarMode::SolarHijri => &[Calendar::SolarHijri],
        CalendarMode::Both => &[Calendar::Gregorian, Calendar::SolarHijri],
    };
    let axis_top = y;
    let axis_bottom = axis_top + calendars.len() as f32 * TICK_ROW_H;
    let lanes_top = axis_bottom + 4.0;
    let lane_heights: Vec<f32> = placed
        .iter()
        .map(|(_, _, rows)| *rows as f32 * SUB_H + 2.0 * LANE_PAD)
        .collect();
    let lanes_bottom = lanes_top
        + if placed.is_empty() {
            EMPTY_H
        } else {
            lane_heights.iter().sum()
        };

    // Lane bands and labels.
    let mut top = lanes_top;
    for (k, ((lane, _, _), h)) in placed.iter().zip(&lane_heights).enumerate() {
        if k % 2 == 0 {
            p.rect(
                [PAD * 0.5, top],
                [width - PAD * 0.5, top + h],
                0.0,
                Rgba::of(ink).faded(0.035),
            );
        }
        let cy = top + h * 0.5;
        let (sw, tx, align) = if fa {
            (width - PAD - 8.0, width - PAD - 18.0, HAlign::Right)
        } else {
            (PAD + 8.0, PAD + 18.0, HAlign::Left)
        };
        p.circle([sw, cy], 4.5, Rgba::of(lane_color(lane, dark)), None);
        p.text(
            &job(&lane_text(lane), LANE_LABEL_SIZE, 600.0, ink),
            tx,
            cy,
            align,
        );
        top += h;
    }
    let sep_x = if fa { chart_r + 6.0 } else { chart_l - 6.0 };
    p.line(
        [sep_x, axis_top],
        [sep_x, lanes_bottom],
        1.0,
        Rgba::of(muted).faded(0.4),
    );

    // Axis rows: grid (first row), ticks, labels that do not overlap, calendar name.
    for (row, &cal) in calendars.iter().enumerate() {
        let row_top = axis_top + row as f32 * TICK_ROW_H;
        let row_bottom = row_top + TICK_ROW_H;
        let row_mid = row_top + TICK_ROW_H * 0.5;
        let t = ticks(range, chart_r - chart_l, cal, lang);
        let in_chart = |x: f32| x >= chart_l && x <= chart_r;
        if row == 0 {
            for tick in t.iter().filter(|t| !t.label.is_empty()) {
                let x = tr.x_from_day(tick.day) as f32;
                if in_chart(x) {
                    let alpha = if tick.major { 0.22 } else { 0.1 };
                    p.line(
                        [x, lanes_top],
                        [x, lanes_bottom],
                        1.0,
                        Rgba::of(muted).faded(alpha),
                    );
                }
            }
        }
        for tick in &t {
            let x = tr.x_from_day(tick.day) as f32;
            if !in_chart(x) {
                continue;
            }
            let len = if tick.major {
                7.0
            } else if tick.label.is_empty() {
                3.0
            } else {
                5.0
            };
            p.line([x, row_bottom - len], [x, row_bottom], 1.0, Rgba::of(muted));
        }
        let mut taken: Vec<(f32, f32)> = Vec::new();
        for major in [true, false] {
            for tick in t.iter().filter(|t| t.major == major && !t.label.is_empty()) {
                let x = tr.x_from_day(tick.day) as f32;
                let color = if tick.major { ink } else { muted };
                let j = job(
                    &tick.label,
                    TICK_SIZE,
                    if tick.major { 650.0 } else { 400.0 },
                    color,
                );
                let w = p.measure(&j).0;
                let (a, b) = (x - w * 0.5, x + w * 0.5);
                if a < chart_l
                    || b > chart_r
                    || taken.iter().any(|&(l, r)| b + 8.0 > l && a < r + 8.0)
                {
                    continue;
                }
                taken.push((a, b));
                p.text(&j, x, row_mid - 3.0, HAlign::Center);
            }
        }
        let name = match cal {
            Calendar::Gregorian => s.gregorian,
            Calendar::SolarHijri => s.solar_hijri,
        };
        let (x, align) = if fa {
            (width - PAD - 8.0, HAlign::Right)
        } else {
            (PAD + 8.0, HAlign::Left)
        };
        p.text(&job(name, TICK_SIZE, 400.0, muted), x, row_mid, align);
    }
    p.line(
        [chart_l, axis_bottom],
        [chart_r, axis_bottom],
        1.0,
        Rgba::of(muted).faded(0.6),
    );

    // Marks and their labels.
    let mut top = lanes_top;
    for ((lane, marks, _), h) in placed.iter().zip(&lane_heights) {
        let color = Rgba::of(lane_color(lane, dark));
        for m in marks {
            p.event = Some(m.event.id.clone());
            let y = top + LANE_PAD + SUB_H * (m.row as f32 + 0.5);
            mark(&mut p, m, y, color, Rgba::of(paper), (chart_l, chart_r));
            let (a, b, _) = m.label;
            p.text(
                &label_job(&m.event.label, ink),
                (a + b) * 0.5,
                y,
                HAlign::Center,
            );
            p.event = None;
        }
        top += h;
    }
    if placed.is_empty() {
        let note = match (article.events.is_empty(), fa) {
            (true, _) => s.no_events,
            (false, true) => "در این بازه رویدادی نیست.",
            (false, false) => "No events in this span.",
        };
        p.text(
            &job(note, 14.0, 400.0, muted),
            (chart_l + chart_r) * 0.5,
            lanes_top + EMPTY_H * 0.5,
            HAlign::Center,
        );
    }

    // Footer.
    let footer = if fa {
        "ساخته‌شده با گاه‌نگار"
    } else {
        "Made with Gahnegar"
    };
    let footer = job(footer, FOOTER_SIZE, 400.0, muted);
    let (_, fh) = p.measure(&footer);
    let fy = lanes_bottom + 10.0 + fh * 0.5;
    p.text(&footer, end_x, fy, end_align);
    let height = (fy + fh * 0.5 + PAD * 0.75).ceil();

    Scene {
        width: width.ceil(),
        height,
        background: Rgba::of(paper),
        title: article.meta.title.clone(),
        items: p.items,
    }
}

fn label_job(text: &str, color: egui::Color32) -> TextJob {
    job(text, LABEL_SIZE, 450.0, color)
}

/// Paints one event's marker: a bar over its days (fading ends when uncertain) or a dot
/// (a halo when uncertain; a thin bracket when its days are wider than the dot).
fn mark(p: &mut Painter<'_>, m: &Mark<'_>, y: f32, color: Rgba, paper: Rgba, chart: (f32, f32)) {
    if m.point {
        let cx = (m.marker.0 + m.marker.1) * 0.5;
        let (a, b) = (m.days_x.0.max(chart.0), m.days_x.1.min(chart.1));
        if b - a > DOT_R * 2.5 {
            let c = color.faded(0.45);
            p.line([a, y], [b, y], 2.0, c);
            for x in [a, b] {
                p.line([x, y - 3.0], [x, y + 3.0], 2.0, c);
            }
        }
        if m.fuzzy {
            p.circle([cx, y], DOT_R * 2.0, color.faded(0.18), None);
            p.circle([cx, y], DOT_R * 1.4, color.faded(0.3), None);
            p.circle([cx, y], DOT_R * 0.75, color, None);
        } else {
            p.circle([cx, y], DOT_R, color, Some((1.0, paper)));
        }
        return;
    }
    let (x0, x1) = m.marker;
    let half = BAR_H * 0.5;
    let fill = color.faded(0.3);
    if m.fuzzy {
        // Fade only the ends that are really there, not those cut by the chart's edge.
        let f = ((m.days_x.1 - m.days_x.0) * 0.3).clamp(3.0, 80.0);
        let fade = [
            if m.days_x.0 >= chart.0 { f } else { 0.0 },
            if m.days_x.1 <= chart.1 { f } else { 0.0 },
        ];
        for (top, bottom, c) in [
            (y - half, y + half, fill),
            (y + half - 3.0, y + half, color),
        ] {
            p.push(Primitive::Rect {
                min: [x0, top],
                max: [x1, bottom],
                radius: 0.0,
                fill: c,
                fade,
            });
        }
    } else {
        p.rect([x0, y - half], [x1, y + half], 3.0, fill);
        p.rect([x0, y + half - 3.0], [x1, y + half], 1.0, color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mini() -> Article {
        crate::store::from_str(include_str!("../../tests/data/mini.ron"), "mini.ron")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_event_and_lane_is_labelled() {
        let a = mini();
        let mut engine = TextEngine::new();
        for lang in [Lang::Fa, Lang::En] {
            let scene = timeline_scene(&a, &ImageOptions::new(lang), &mut engine);
            let texts: Vec<&str> = scene.texts().collect();
            for e in &a.events {
                assert!(
                    texts.contains(&e.label.as_str()),
                    "{lang:?}: «{}» in {texts:?}",
                    e.label
                );
            }
            assert!(texts.contains(&a.meta.title.as_str()), "{texts:?}");
            assert!(
                texts.contains(&if lang == Lang::Fa {
                    "انرژی"
                } else {
                    "Energy"
                }),
                "{texts:?}"
            );
            assert!(scene.width >= MIN_WIDTH && scene.height > 100.0, "{lang:?}");
        }
    }

    #[test]
    fn labels_do_not_overlap_and_stay_inside() {
        let a = mini();
        let mut engine = TextEngine::new();
        let scene = timeline_scene(&a, &ImageOptions::default(), &mut engine);
        let boxes: Vec<[f32; 4]> = scene
            .items
            .iter()
            .filter(|i| i.event.is_some())
            .filter_map(|i| match &i.primitive {
                Primitive::Text { bounds, .. } => Some(*bounds),
                _ => None,
            })
            .collect();
        assert_eq!(boxes.len(), a.events.len());
        for (i, b) in boxes.iter().enumerate() {
            assert!(
                b[0] >= 0.0 && b[2] <= scene.width,
                "label {i} {b:?} leaves the picture"
            );
            for c in &boxes[i + 1..] {
                let apart = b[2] <= c[0] || c[2] <= b[0] || b[3] <= c[1] || c[3] <= b[1];
                assert!(apart, "labels {b:?} and {c:?} overlap");
            }
        }
    }

    #[test]
    fn a_view_shows_only_its_events() {
        let a = mini();
        let mut engine = TextEngine::new();
        let view = |s: &str, e: &str| {
            Some((
                s.parse::<Day>().unwrap_or_else(|e| panic!("{e}")),
                e.parse::<Day>().unwrap_or_else(|e| panic!("{e}")),
            ))
        };
        let options = ImageOptions {
            view: view("2021-01-01", "2023-12-31"),
            ..ImageOptions::default()
        };
        let scene = timeline_scene(&a, &options, &mut engine);
        let mut ids: Vec<&str> = scene
            .items
            .iter()
            .filter_map(|i| i.event.as_deref())
            .collect();
        ids.dedup();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids, ["e3", "e4"]);
        let empty = ImageOptions {
            view: view("1700-01-01", "1700-12-31"),
            ..ImageOptions::default()
        };
        let scene = timeline_scene(&a, &empty, &mut engine);
        assert!(scene.items.iter().all(|i| i.event.is_none()));
        assert!(scene.texts().any(|t| t.contains("رویدادی نیست")));
    }

    #[test]
    fn glyphs_become_outlines() {
        let mut engine = TextEngine::new();
        let mut p = Painter {
            engine: &mut engine,
            scale_cx: ScaleContext::new(),
            outlines: HashMap::new(),
            items: Vec::new(),
            event: None,
        };
        let b = p.text(
            &job("سلام ۲۰۲۴", 20.0, 400.0, egui::Color32::BLACK),
            100.0,
            50.0,
            HAlign::Center,
        );
        let Some(Item {
            primitive: Primitive::Text { path, .. },
            ..
        }) = p.items.first()
        else {
            panic!("no text primitive");
        };
        let moves = path
            .iter()
            .filter(|e| matches!(e, PathEl::MoveTo(_)))
            .count();
        assert!(moves >= 6, "{moves} contours");
        for el in path {
            if let PathEl::MoveTo(q) | PathEl::LineTo(q) = el {
                assert!(
                    q[0] >= b[0] - 2.0
                        && q[0] <= b[2] + 2.0
                        && q[1] >= b[1] - 2.0
                        && q[1] <= b[3] + 2.0,
                    "{q:?} outside {b:?}"
                );
            }
        }
    }
}
