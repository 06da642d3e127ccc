//! The timeline as a picture, without egui: [`timeline_scene`] lays the chart out with
//! [`crate::chart`] — the same transform, ticks, lanes, marks and label placement as the
//! timeline widget — and returns a [`Scene`], a flat list of primitives: rectangles (with
//! fading ends for uncertain dates), circles, lines and text already shaped by the text
//! engine and turned into glyph outlines. [`super::svg`] and [`super::raster`] draw it.
//! Every colour is opaque (pre-blended over what lies under it), so renderers that ignore
//! `fill-opacity` show it alike.
//!
//! Coordinates are points (1× pixels), y down, origin at the top-left corner.

use std::collections::HashMap;
use std::rc::Rc;

use swash::scale::ScaleContext;
use swash::zeno::{Command, PathData as _};

use crate::chart::layout::{ChartSpec, Clustering, layout_lanes};
use crate::chart::measure::label_job;
use crate::chart::paint::{
    AxisFrame, Look, axis_shapes, grid_shapes, lane_marks_shapes, lane_titles,
};
use crate::chart::sizes::{EXPORT_ROWS, LANE_LABEL_SIZE, LANE_LABEL_WEIGHT, TICK_ROW_H};
use crate::chart::travel::fit_window;
use crate::chart::{
    CalendarMode, EventIndex, EventSet, Filters, HAlign, Lang, Shape, TimeDirection, Transform,
    palette,
};
use crate::model::Day;
use crate::model::{Article, Theme};
use crate::persian::dates::{self, Calendar};
use crate::persian::digits::num_fa;
use crate::text::layout::FontInstance;
use crate::text::{TextEngine, TextJob};

pub use crate::chart::Rgba;

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
    /// A chart shape: a rectangle, a circle or a line (never [`Shape::Text`], which
    /// becomes [`Primitive::Text`]).
    Shape(Shape),
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
    /// The caption under the title: how many events, over which span.
    pub caption: String,
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
    pub theme: Theme,
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
            theme: Theme::Light,
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

// Geometry of the picture around the chart, points (the chart's own sizes are
// `chart::sizes`).
const PAD: f32 = 20.0;
const EMPTY_H: f32 = 64.0;
// Text sizes, points.
const TITLE_SIZE: f32 = 20.0;
const SUBTITLE_SIZE: f32 = 12.5;
const FOOTER_SIZE: f32 = 10.5;

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
    fn text(&mut self, job: &TextJob, color: Rgba, x: f32, y: f32, align: HAlign) -> [f32; 4] {
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
            color,
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

    /// Adds a chart shape; its text becomes outlines.
    fn shape(&mut self, shape: Shape) {
        match shape {
            Shape::Text {
                text,
                pos,
                align,
                size,
                weight,
                color,
            } => {
                self.text(
                    &label_job(&text, size, weight),
                    color,
                    pos[0],
                    pos[1],
                    align,
                );
            }
            other => self.push(Primitive::Shape(other)),
        }
    }
}

/// The caption of a picture of `count` events whose days run `lo..hi` (day numbers, end
/// exclusive): years when they span more than three, else days.
pub fn caption(count: usize, span: Option<(f64, f64)>, lang: Lang) -> String {
    let fa = lang == Lang::Fa;
    let days_text = span.map(|(lo, hi)| {
        let first = Day::from_day_number(lo.floor() as i64);
        let last = Day::from_day_number((hi.ceil() as i64 - 1).max(lo.floor() as i64));
        if hi - lo > 3.0 * 365.2425 || first.year != last.year && hi - lo > 365.0 {
            if first.year == last.year {
                dates::year_text(first.year, fa)
            } else {
                format!(
                    "{} – {}",
                    dates::year_text(first.year, fa),
                    dates::year_text(last.year, fa)
                )
            }
        } else if first == last {
            dates::day_text(first, Calendar::Gregorian, fa)
        } else {
            format!(
                "{} – {}",
                dates::day_text(first, Calendar::Gregorian, fa),
                dates::day_text(last, Calendar::Gregorian, fa)
            )
        }
    });
    match (days_text, fa) {
        (Some(d), true) => format!("{} رویداد، {d}", num_fa(count)),
        (Some(d), false) if count == 1 => format!("1 event, {d}"),
        (Some(d), false) => format!("{count} events, {d}"),
        (None, true) => "بدون رویداد".to_owned(),
        (None, false) => "No events".to_owned(),
    }
}

/// The timeline of `article` as a picture. An article without events, or a view without
/// any, gives the axis and a note that there is nothing to show.
pub fn timeline_scene(article: &Article, options: &ImageOptions, engine: &mut TextEngine) -> Scene {
    let lang = options.lang;
    let fa = lang == Lang::Fa;
    let theme = options.theme;
    let (ink, muted, paper) = (
        palette::ink(theme),
        palette::muted(theme),
        palette::paper(theme),
    );
    let width = options.width.clamp(MIN_WIDTH, MAX_WIDTH);
    let index = EventIndex::build(article);

    let mut p = Painter {
        engine,
        scale_cx: ScaleContext::new(),
        outlines: HashMap::new(),
        items: Vec::new(),
        event: None,
    };

    // Columns: lane names at the start side, the chart beside them.
    let lane_col = article
        .categories
        .iter()
        .map(|c| {
            p.measure(&label_job(c.name(fa), LANE_LABEL_SIZE, LANE_LABEL_WEIGHT))
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
    // The days shown: the view, or every event with room for labels at the sides.
    let range = match (options.view, index.span) {
        (Some((a, b)), _) => {
            let (a, b) = (a.min(b), a.max(b));
            (a.day_number() as f64, b.day_number() as f64 + 1.0)
        }
        (None, Some(span)) => fit_window(span, f64::from(chart_r - chart_l)),
        (None, None) => {
            let y2k = Day::new(2000, 1, 1).map_or(730_120.0, |d| d.day_number() as f64);
            (y2k - 3650.0, y2k + 3650.0)
        }
    };
    let tr = Transform::new(chart_l, chart_r, range, options.direction);
    let range = tr.range();

    // The lanes with events in the view, laid out as on screen (every event drawn).
    let none = EventSet::default();
    let spec = ChartSpec {
        article,
        index: &index,
        transform: &tr,
        filters: Filters {
            visible: None,
            marked: &none,
            selected: None,
        },
        clustering: Clustering::Never,
        max_rows: EXPORT_ROWS,
    };
    let all = index.shown_lanes(None);
    let mut lanes = layout_lanes(&spec, &all, p.engine);
    lanes.retain(|l| !l.marks.is_empty());
    crate::chart::layout::restack(&mut lanes);

    // Header: the title, and a caption with the number and the span of the events shown.
    let start_x = if fa { width - PAD } else { PAD };
    let start_align = if fa { HAlign::Right } else { HAlign::Left };
    let end_x = if fa { PAD } else { width - PAD };
    let end_align = if fa { HAlign::Left } else { HAlign::Right };
    let mut y = PAD;
    let title = label_job(&article.meta.title, TITLE_SIZE, 700.0);
    let (_, th) = p.measure(&title);
    p.text(&title, ink, start_x, y + th * 0.5, start_align);
    y += th;
    let shown = index.shown_in(range);
    let caption = caption(shown.0, shown.1, lang);
    let subtitle = label_job(&caption, SUBTITLE_SIZE, 400.0);
    let (_, sh) = p.measure(&subtitle);
    p.text(&subtitle, muted, start_x, y + sh * 0.5, start_align);
    y += sh + 12.0;

    let calendars: &[Calendar] = options.calendar.calendars();
    let axis_top = y;
    let axis_bottom = axis_top + calendars.len() as f32 * TICK_ROW_H;
    let lanes_top = axis_bottom + 4.0;
    let lanes_h: f32 = lanes.iter().map(|l| l.height).sum();
    let lanes_bottom = lanes_top + if lanes.is_empty() { EMPTY_H } else { lanes_h };
    let look = Look {
        theme,
        lang,
        emphasis: false,
        hovered: None,
    };
    let name_x = if fa {
        (width - PAD - 4.0, HAlign::Right)
    } else {
        (PAD + 4.0, HAlign::Left)
    };
    for s in lane_titles(
        article,
        &index,
        &lanes,
        lanes_top,
        (PAD * 0.5, width - PAD * 0.5),
        name_x,
        look,
    ) {
        p.shape(s.shape);
    }
    let sep_x = if fa { chart_r + 6.0 } else { chart_l - 6.0 };
    p.shape(Shape::Line {
        from: [sep_x, axis_top],
        to: [sep_x, lanes_bottom],
        width: 1.0,
        color: muted.faded(0.4).over(paper),
    });
    let axis_name_x = if fa {
        (width - PAD - 8.0, HAlign::Right)
    } else {
        (PAD + 8.0, HAlign::Left)
    };
    let (axis, _) = axis_shapes(
        &tr,
        calendars,
        AxisFrame {
            top: axis_top,
            name_x: axis_name_x,
            reserved: &[],
        },
        look,
        p.engine,
    );
    if let Some(&first) = calendars.first() {
        for s in grid_shapes(&tr, first, (lanes_top, lanes_bottom), look) {
            p.shape(s.shape);
        }
    }
    for s in axis {
        p.shape(s.shape);
    }
    for s in lane_marks_shapes(article, &index, &tr, &lanes, lanes_top, look) {
        p.event = s
            .item
            .and_then(|pos| index.items.get(pos as usize))
            .and_then(|it| article.events.get(it.event as usize))
            .map(|e| e.id.clone());
        p.shape(s.shape);
    }
    p.event = None;
    if lanes.is_empty() {
        let note = match (article.events.is_empty(), fa) {
            (true, true) => "این مقاله رویداد تاریخ‌داری ندارد.",
            (true, false) => "This article has no dated events.",
            (false, true) => "در این بازه رویدادی نیست.",
            (false, false) => "No events in this span.",
        };
        p.text(
            &label_job(note, 14.0, 400.0),
            muted,
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
    let footer = label_job(footer, FOOTER_SIZE, 400.0);
    let (_, fh) = p.measure(&footer);
    let fy = lanes_bottom + 10.0 + fh * 0.5;
    p.text(&footer, muted, end_x, fy, end_align);
    let height = (fy + fh * 0.5 + PAD * 0.75).ceil();

    Scene {
        width: width.ceil(),
        height,
        background: paper,
        title: article.meta.title.clone(),
        caption,
        items: p.items,
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
    fn the_caption_states_the_span_of_the_events_shown() {
        let a = mini();
        let mut engine = TextEngine::new();
        let day = |s: &str| s.parse::<Day>().unwrap_or_else(|e| panic!("{e}"));
        // The GUI exports its window, wider than the events: the caption gives theirs.
        for (view, want) in [
            (
                Some((day("1913-06-12"), day("2029-07-22"))),
                "۶ رویداد، ۱۹۱۸ – ۲۰۲۴",
            ),
            (None, "۶ رویداد، ۱۹۱۸ – ۲۰۲۴"),
            (Some((day("2021-01-01"), day("2023-12-31"))), "۲ رویداد، "),
        ] {
            let options = ImageOptions {
                view,
                ..ImageOptions::default()
            };
            let scene = timeline_scene(&a, &options, &mut engine);
            assert!(
                scene.caption.starts_with(want),
                "{view:?}: «{}», want «{want}…»",
                scene.caption
            );
            assert!(scene.texts().any(|t| t == scene.caption), "{view:?}");
        }
        assert_eq!(caption(0, None, Lang::En), "No events");
        let d = |s: &str| day(s).day_number() as f64;
        assert_eq!(
            caption(1, Some((d("2020-09-27"), d("2020-11-11"))), Lang::En),
            "1 event, 27 September 2020 – 10 November 2020"
        );
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
            &label_job("سلام ۲۰۲۴", 20.0, 400.0),
            Rgba::rgb(0, 0, 0),
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
