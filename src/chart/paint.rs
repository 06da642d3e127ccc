//! The chart as a flat list of [`Shape`]s: lane bands and names, axis rows (ticks, grid,
//! labels), and each lane's marks with their labels and leader lines. The widget paints
//! the list with egui, the export writes it as SVG or renders it to PNG; text is left
//! unshaped here (each side draws it with the text engine).
//!
//! Colours are opaque, blended over what lies under them ([`Rgba::over`]), so every
//! renderer shows them alike.

use crate::model::{Article, Certainty, Theme};
use crate::persian::dates::Calendar;

use super::index::{EventIndex, lane_category};
use super::layout::LaneLayout;
use super::marks::{Mark, MarkKind};
use super::measure::Measure;
use super::palette::{self, Rgba};
use super::sizes::{
    BAR_BASE_H, BAR_H, CLUSTER_TEXT_SIZE, DOT_RADIUS, LABEL_SIZE, LABEL_WEIGHT, LANE_LABEL_SIZE,
    LANE_LABEL_WEIGHT, SELECTED_WEIGHT, SUB_H, SWATCH_RADIUS, TICK_LABEL_GAP, TICK_ROW_H,
    TICK_SIZE, cluster_radius, row_y, tick_len,
};
use super::ticks::ticks;
use super::transform::Transform;
use super::{Lang, calendar_name};

/// Horizontal placement of a text relative to its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

/// A rectangle, filled and/or stroked. With a non-zero `fade`, its left and right ends
/// go from `under` to `fill` over that many points (an uncertain start or end).
#[derive(Clone, Debug, PartialEq)]
pub struct RectShape {
    pub min: [f32; 2],
    pub max: [f32; 2],
    pub radius: f32,
    pub fill: Option<Rgba>,
    /// Stroke width and colour.
    pub stroke: Option<(f32, Rgba)>,
    /// Fade widths at the left and the right end.
    pub fade: [f32; 2],
    /// What the fading ends show (the background).
    pub under: Rgba,
}

impl RectShape {
    /// The stops of a fading fill, left to right: the offset along the width (0..=1) and
    /// whether the colour there is `under` (else `fill`). `None` when nothing fades.
    pub fn fade_stops(&self) -> Option<[(f32, bool); 4]> {
        if self.fade[0] <= 0.0 && self.fade[1] <= 0.0 {
            return None;
        }
        let w = (self.max[0] - self.min[0]).max(0.01);
        let f0 = (self.fade[0] / w).clamp(0.0, 0.5);
        let f1 = (self.fade[1] / w).clamp(0.0, 0.5);
        Some([
            (0.0, f0 > 0.0),
            (f0, false),
            (1.0 - f1, false),
            (1.0, f1 > 0.0),
        ])
    }
}

/// A thing to draw, in points, y down.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect(RectShape),
    Circle {
        center: [f32; 2],
        radius: f32,
        fill: Option<Rgba>,
        /// Stroke width and colour.
        stroke: Option<(f32, Rgba)>,
    },
    Line {
        from: [f32; 2],
        to: [f32; 2],
        width: f32,
        color: Rgba,
    },
    /// One line of text, its line box centred vertically on `pos`'s y and placed at its x
    /// by `align`.
    Text {
        text: String,
        pos: [f32; 2],
        align: HAlign,
        size: f32,
        weight: f32,
        color: Rgba,
    },
}

/// A shape, and the event it belongs to (a position in [`EventIndex::items`]), if any.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeItem {
    pub shape: Shape,
    pub item: Option<u32>,
}

/// How marks are drawn this frame.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub theme: Theme,
    pub lang: Lang,
    /// Some events are marked: the others are faded.
    pub emphasis: bool,
    /// The hovered mark: (index into the lanes, index into its marks).
    pub hovered: Option<(usize, usize)>,
}

fn rect(min: [f32; 2], max: [f32; 2], radius: f32, fill: Rgba) -> Shape {
    Shape::Rect(RectShape {
        min,
        max,
        radius,
        fill: Some(fill),
        stroke: None,
        fade: [0.0; 2],
        under: fill,
    })
}

/// Half the height of a mark's marker (for leader lines and hit boxes).
pub fn marker_half_height(m: &Mark) -> f32 {
    match m.kind {
        MarkKind::Bar => BAR_H * 0.5,
        MarkKind::Point => DOT_RADIUS + if m.selected { 3.5 } else { 0.0 },
        MarkKind::Cluster => badge_size(m).1 * 0.5,
    }
}

/// Width and height of a cluster's badge: a circle, or a pill when the count is long.
fn badge_size(m: &Mark) -> (f32, f32) {
    let r = cluster_radius(m.count);
    (2.0 * r, (2.0 * r).min(SUB_H - 4.0))
}

/// Half the height of a label's box.
pub const LABEL_HALF_H: f32 = LABEL_SIZE * 0.85;

/// The lane bands (across `band_x`) and each lane's name with its colour swatch in the
/// column at `name_x` (the swatch there, the name beyond it towards the chart), `y0` the
/// top of the lane area.
pub fn lane_titles(
    article: &Article,
    index: &EventIndex,
    lanes: &[LaneLayout],
    y0: f32,
    band_x: (f32, f32),
    name_x: (f32, HAlign),
    look: Look,
) -> Vec<ShapeItem> {
    let mut out = Vec::new();
    let fa = look.lang == Lang::Fa;
    for (k, lane) in lanes.iter().enumerate() {
        let top = y0 + lane.top;
        let band = palette::lane_band(k, look.theme);
        out.push(ShapeItem {
            shape: rect([band_x.0, top], [band_x.1, top + lane.height], 0.0, band),
            item: None,
        });
        let Some(cat) = index
            .lanes
            .get(lane.lane)
            .and_then(|l| l.lane)
            .map(|l| lane_category(article, l))
        else {
            continue;
        };
        let cy = top + lane.height * 0.5;
        let (x, align) = name_x;
        let toward = if align == HAlign::Right { -1.0 } else { 1.0 };
        out.push(ShapeItem {
            shape: Shape::Circle {
                center: [x + toward * 4.0, cy],
                radius: SWATCH_RADIUS,
                fill: Some(palette::lane_color(cat, look.theme)),
                stroke: None,
            },
            item: None,
        });
        out.push(ShapeItem {
            shape: Shape::Text {
                text: cat.name(fa).to_owned(),
                pos: [x + toward * 14.0, cy],
                align,
                size: LANE_LABEL_SIZE,
                weight: LANE_LABEL_WEIGHT,
                color: palette::ink(look.theme),
            },
            item: None,
        });
    }
    out
}

/// Each lane's marks, labels and leader lines, `y0` the top of the lane area and `clip`
/// the chart's x range (bars are cut to it; a fading end cut by it does not fade).
pub fn lane_marks_shapes(
    article: &Article,
    index: &EventIndex,
    tr: &Transform,
    lanes: &[LaneLayout],
    y0: f32,
    look: Look,
) -> Vec<ShapeItem> {
    let (cl, cr) = tr.x_range();
    let clip = (cl as f32 - 2.0, cr as f32 + 2.0);
    let mut out = Vec::new();
    for (k, lane) in lanes.iter().enumerate() {
        let bg = palette::lane_band(k, look.theme);
        let top = y0 + lane.top;
        for (j, m) in lane.marks.iter().enumerate() {
            let Some(it) = index.items.get(m.item as usize) else {
                continue;
            };
            let hovered = look.hovered == Some((k, j));
            let faded = look.emphasis && !m.marked && !m.selected;
            let base = palette::lane_color(lane_category(article, it.lane), look.theme);
            let color = if faded {
                base.faded(0.28).over(bg)
            } else {
                base
            };
            let y = top + row_y(m.row);
            let label = m.label.and_then(|l| {
                article
                    .events
                    .get(it.event as usize)
                    .map(|e| (l, e.label.as_str()))
            });
            let mut push = |shape| {
                out.push(ShapeItem {
                    shape,
                    item: (m.kind != MarkKind::Cluster).then_some(m.item),
                });
            };
            // Hover: a tint behind the label, under everything else of the mark.
            if hovered && let Some((l, _)) = label {
                let ly = top + row_y(l.row);
                push(rect(
                    [l.x.0 - 3.0, ly - LABEL_HALF_H],
                    [l.x.1 + 3.0, ly + LABEL_HALF_H],
                    4.0,
                    palette::date_mark(look.theme).faded(0.16).over(bg),
                ));
            }
            mark_shapes(
                m, it.fuzzy, tr, y, color, bg, clip, hovered, look.theme, look.lang, &mut push,
            );
            if m.kind != MarkKind::Cluster {
                let certainty = article
                    .events
                    .get(it.event as usize)
                    .map_or(Certainty::Reported, |e| e.certainty);
                certainty_shapes(m, certainty, y, color, bg, clip, hovered, &mut push);
            }
            if let Some((l, text)) = label {
                let ly = top + row_y(l.row);
                let ink = palette::ink(look.theme);
                let ink = if faded { ink.faded(0.35).over(bg) } else { ink };
                if let Some((from_x, to_x)) = l.leader {
                    let down = l.row > m.row;
                    let sign = if down { 1.0 } else { -1.0 };
                    push(Shape::Line {
                        from: [from_x, y + sign * (marker_half_height(m) + 1.0)],
                        to: [to_x, ly - sign * (LABEL_HALF_H - 2.0)],
                        width: 1.0,
                        color: palette::muted(look.theme).faded(0.8).over(bg),
                    });
                }
                push(Shape::Text {
                    text: text.to_owned(),
                    pos: [(l.x.0 + l.x.1) * 0.5, ly],
                    align: HAlign::Center,
                    size: LABEL_SIZE,
                    weight: if m.selected {
                        SELECTED_WEIGHT
                    } else {
                        LABEL_WEIGHT
                    },
                    color: ink,
                });
            }
        }
    }
    out
}

/// One mark's marker: a bar over its days (fading ends when uncertain), a dot (a halo
/// when uncertain; a thin bracket when its days are wider than the dot) or a counted
/// badge; rings for the selection and hover.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site per renderer kind; a struct would only rename them"
)]
fn mark_shapes(
    m: &Mark,
    fuzzy: bool,
    tr: &Transform,
    y: f32,
    color: Rgba,
    bg: Rgba,
    clip: (f32, f32),
    hovered: bool,
    theme: Theme,
    lang: Lang,
    push: &mut impl FnMut(Shape),
) {
    let accent = palette::accent(theme);
    match m.kind {
        MarkKind::Bar => {
            let (x0, x1) = (m.x.0.max(clip.0), m.x.1.min(clip.1));
            if x1 <= x0 {
                return;
            }
            let fill = color.faded(if hovered { 0.42 } else { 0.3 }).over(bg);
            let half = BAR_H * 0.5;
            let f = ((m.x.1 - m.x.0) * 0.3).clamp(3.0, 80.0);
            let fade = if fuzzy {
                [
                    if m.x.0 >= clip.0 { f } else { 0.0 },
                    if m.x.1 <= clip.1 { f } else { 0.0 },
                ]
            } else {
                [0.0; 2]
            };
            for (t, b, c, radius) in [
                (y - half, y + half, fill, 3.0),
                (y + half - BAR_BASE_H, y + half, color, 1.0),
            ] {
                push(Shape::Rect(RectShape {
                    min: [x0, t],
                    max: [x1, b],
                    radius: if fuzzy { 0.0 } else { radius },
                    fill: Some(c),
                    stroke: None,
                    fade,
                    under: bg,
                }));
            }
            if m.selected || hovered {
                push(Shape::Rect(RectShape {
                    min: [x0 - 2.0, y - half - 2.0],
                    max: [x1 + 2.0, y + half + 2.0],
                    radius: 4.0,
                    fill: None,
                    stroke: Some((if m.selected { 2.0 } else { 1.5 }, accent)),
                    fade: [0.0; 2],
                    under: bg,
                }));
            }
        }
        MarkKind::Point => {
            let c = [m.cx, y];
            let (a, b) = tr.x_span(m.days.0, m.days.1);
            let (a, b) = ((a as f32).max(clip.0), (b as f32).min(clip.1));
            if m.bracket && b > a {
                let stroke = color.faded(0.45).over(bg);
                push(Shape::Line {
                    from: [a, y],
                    to: [b, y],
                    width: 2.0,
                    color: stroke,
                });
                for x in [a, b] {
                    push(Shape::Line {
                        from: [x, y - 3.0],
                        to: [x, y + 3.0],
                        width: 2.0,
                        color: stroke,
                    });
                }
            }
            let r = if hovered {
                DOT_RADIUS + 1.5
            } else {
                DOT_RADIUS
            };
            if fuzzy {
                for (k, f) in [(2.0, 0.18), (1.4, 0.3)] {
                    push(Shape::Circle {
                        center: c,
                        radius: r * k,
                        fill: Some(color.faded(f).over(bg)),
                        stroke: None,
                    });
                }
                push(Shape::Circle {
                    center: c,
                    radius: r * 0.75,
                    fill: Some(color),
                    stroke: None,
                });
            } else {
                push(Shape::Circle {
                    center: c,
                    radius: r,
                    fill: Some(color),
                    stroke: Some((1.0, bg)),
                });
            }
            if m.selected || hovered {
                push(Shape::Circle {
                    center: c,
                    radius: r + 3.5,
                    fill: None,
                    stroke: Some((if m.selected { 2.0 } else { 1.5 }, accent)),
                });
            }
        }
        MarkKind::Cluster => {
            let (w, h) = badge_size(m);
            let grow = if hovered { 1.0 } else { 0.0 };
            let (hw, hh) = (w * 0.5 + grow, h * 0.5 + grow);
            push(Shape::Rect(RectShape {
                min: [m.cx - hw, y - hh],
                max: [m.cx + hw, y + hh],
                radius: hh,
                fill: Some(color),
                stroke: Some((1.5, bg)),
                fade: [0.0; 2],
                under: bg,
            }));
            if m.marked || hovered {
                push(Shape::Rect(RectShape {
                    min: [m.cx - hw - 2.5, y - hh - 2.5],
                    max: [m.cx + hw + 2.5, y + hh + 2.5],
                    radius: hh + 2.5,
                    fill: None,
                    stroke: Some((2.0, accent)),
                    fade: [0.0; 2],
                    under: bg,
                }));
            }
            push(Shape::Text {
                text: lang.num(m.count),
                pos: [m.cx, y + 0.5],
                align: HAlign::Center,
                size: CLUSTER_TEXT_SIZE,
                weight: 700.0,
                color: Rgba::WHITE,
            });
        }
    }
}

/// How sure the reader is, drawn over a mark: a disputed event is hollow (its dot or bar
/// emptied to the background, its outline kept), a confirmed one gets a second ring (a
/// frame around a bar); a reported one, as the article reports it, is drawn as it is.
#[expect(
    clippy::too_many_arguments,
    reason = "one mark's drawing state, as mark_shapes"
)]
fn certainty_shapes(
    m: &Mark,
    certainty: Certainty,
    y: f32,
    color: Rgba,
    bg: Rgba,
    clip: (f32, f32),
    hovered: bool,
    push: &mut impl FnMut(Shape),
) {
    let r = if hovered {
        DOT_RADIUS + 1.5
    } else {
        DOT_RADIUS
    };
    let half = BAR_H * 0.5;
    let (x0, x1) = (m.x.0.max(clip.0), m.x.1.min(clip.1));
    match (certainty, m.kind) {
        (Certainty::Reported, _) | (_, MarkKind::Cluster) => {}
        (Certainty::Disputed, MarkKind::Point) => push(Shape::Circle {
            center: [m.cx, y],
            radius: r * 0.45,
            fill: Some(bg),
            stroke: None,
        }),
        (Certainty::Disputed, MarkKind::Bar) if x1 - x0 > 4.0 => push(Shape::Rect(RectShape {
            min: [x0 + 2.0, y - half + 2.0],
            max: [x1 - 2.0, y + half - BAR_BASE_H],
            radius: 1.0,
            fill: Some(bg),
            stroke: None,
            fade: [0.0; 2],
            under: bg,
        })),
        (Certainty::Confirmed, MarkKind::Point) => push(Shape::Circle {
            center: [m.cx, y],
            radius: r + 2.0,
            fill: None,
            stroke: Some((1.2, color)),
        }),
        (Certainty::Confirmed, MarkKind::Bar) if x1 > x0 => push(Shape::Rect(RectShape {
            min: [x0 - 1.5, y - half - 1.5],
            max: [x1 + 1.5, y + half + 1.5],
            radius: 3.0,
            fill: None,
            stroke: Some((1.2, color)),
            fade: [0.0; 2],
            under: bg,
        })),
        _ => {}
    }
}

/// Where the axis goes: its top, the column where each row's calendar is named, and x
/// ranges of the first row that its labels leave free (for notes drawn there).
#[derive(Clone, Copy, Debug)]
pub struct AxisFrame<'a> {
    pub top: f32,
    pub name_x: (f32, HAlign),
    pub reserved: &'a [(f32, f32)],
}

/// The grid over the lanes (`g0..g1` in y): a line at each labelled tick of `calendar`,
/// stronger at major ones. Painted over the lane bands, under the marks.
pub fn grid_shapes(
    tr: &Transform,
    calendar: Calendar,
    (g0, g1): (f32, f32),
    look: Look,
) -> Vec<ShapeItem> {
    let (left, right) = tr.x_range();
    let (left, right) = (left as f32, right as f32);
    let muted = palette::muted(look.theme);
    let paper = palette::paper(look.theme);
    ticks(tr.range(), right - left, calendar, look.lang)
        .iter()
        .filter(|t| !t.label.is_empty())
        .filter_map(|tick| {
            let x = tr.x_from_day(tick.day) as f32;
            (x >= left && x <= right).then(|| ShapeItem {
                shape: Shape::Line {
                    from: [x, g0],
                    to: [x, g1],
                    width: 1.0,
                    color: muted.faded(if tick.major { 0.22 } else { 0.1 }).over(paper),
                },
                item: None,
            })
        })
        .collect()
}

/// The axis: one row of ticks per calendar (labels that fit, major first, none
/// overlapping), each row's calendar name and the axis line. Returns the shapes and the labels drawn.
pub fn axis_shapes(
    tr: &Transform,
    calendars: &[Calendar],
    frame: AxisFrame<'_>,
    look: Look,
    measure: &mut dyn Measure,
) -> (Vec<ShapeItem>, Vec<String>) {
    let (left, right) = tr.x_range();
    let (left, right) = (left as f32, right as f32);
    let (ink, muted) = (palette::ink(look.theme), palette::muted(look.theme));
    let paper = palette::paper(look.theme);
    let in_chart = |x: f32| x >= left && x <= right;
    let mut out = Vec::new();
    let mut drawn = Vec::new();
    let mut push = |shape| out.push(ShapeItem { shape, item: None });
    for (row, &cal) in calendars.iter().enumerate() {
        let row_top = frame.top + row as f32 * TICK_ROW_H;
        let row_bottom = row_top + TICK_ROW_H;
        let t = ticks(tr.range(), right - left, cal, look.lang);
        for tick in &t {
            let x = tr.x_from_day(tick.day) as f32;
            if in_chart(x) {
                let len = tick_len(tick.major, !tick.label.is_empty());
                push(Shape::Line {
                    from: [x, row_bottom - len],
                    to: [x, row_bottom],
                    width: 1.0,
                    color: muted,
                });
            }
        }
        let mut taken: Vec<(f32, f32)> = if row == 0 {
            frame.reserved.to_vec()
        } else {
            Vec::new()
        };
        for major in [true, false] {
            for tick in t.iter().filter(|t| t.major == major && !t.label.is_empty()) {
                let x = tr.x_from_day(tick.day) as f32;
                let weight = if major { 650.0 } else { 400.0 };
                let w = measure.text_width(&tick.label, TICK_SIZE, weight);
                let (a, b) = (x - w * 0.5, x + w * 0.5);
                if a < left
                    || b > right
                    || taken
                        .iter()
                        .any(|&(l, r)| b + TICK_LABEL_GAP > l && a < r + TICK_LABEL_GAP)
                {
                    continue;
                }
                taken.push((a, b));
                push(Shape::Text {
                    text: tick.label.clone(),
                    pos: [x, row_top + TICK_ROW_H * 0.5 - 3.0],
                    align: HAlign::Center,
                    size: TICK_SIZE,
                    weight,
                    color: if major { ink } else { muted },
                });
                drawn.push(tick.label.clone());
            }
        }
        push(Shape::Text {
            text: calendar_name(cal, look.lang).to_owned(),
            pos: [frame.name_x.0, row_top + TICK_ROW_H * 0.5],
            align: frame.name_x.1,
            size: TICK_SIZE,
            weight: 400.0,
            color: muted,
        });
    }
    let bottom = frame.top + calendars.len() as f32 * TICK_ROW_H;
    push(Shape::Line {
        from: [left, bottom],
        to: [right, bottom],
        width: 1.0,
        color: muted.faded(0.6).over(paper),
    });
    (out, drawn)
}

/// A legend entry: the kind of mark, fuzzy, its days in a sample 0..1, its name in
/// Persian and English.
type LegendEntry = (MarkKind, bool, (f64, f64), &'static str, &'static str);

/// The legend: a sample of every kind of mark with what it means, then of each of
/// `certainties` (the reader's marks the timeline shows: a ring for confirmed, a hollow
/// dot for disputed; reported events are drawn plain and need none), in a row from
/// `start_x` towards the end of the reading direction (leftwards when `rtl`), centred on
/// `y`. Returns the shapes and the x where the row ends.
pub fn legend_shapes(
    start_x: f32,
    y: f32,
    rtl: bool,
    look: Look,
    certainties: &[Certainty],
    measure: &mut dyn Measure,
) -> (Vec<ShapeItem>, f32) {
    let fa = look.lang == Lang::Fa;
    let entries: [LegendEntry; 6] = [
        (MarkKind::Bar, false, (0.0, 1.0), "بازه", "range"),
        (
            MarkKind::Bar,
            true,
            (0.0, 1.0),
            "بازهٔ تقریبی (دهه، فصل)",
            "approximate range (decade, season)",
        ),
        (MarkKind::Point, false, (0.49, 0.51), "روز", "day"),
        (MarkKind::Point, false, (0.0, 1.0), "ماه", "month"),
        (
            MarkKind::Point,
            true,
            (0.49, 0.51),
            "تاریخ تقریبی",
            "approximate date",
        ),
        (
            MarkKind::Cluster,
            false,
            (0.0, 1.0),
            "چند رویداد نزدیک (کلیک: بزرگ‌نمایی)",
            "nearby events (click to zoom)",
        ),
    ];
    let bg = palette::paper(look.theme);
    let color = palette::muted(look.theme);
    let dir = if rtl { -1.0 } else { 1.0 };
    let mut x = start_x;
    let mut out = Vec::new();
    let marks = entries
        .iter()
        .map(|&(kind, fuzzy, days, fa_name, en_name)| {
            (kind, fuzzy, days, None, if fa { fa_name } else { en_name })
        });
    let certain = certainties
        .iter()
        .map(|&c| (MarkKind::Point, false, (0.49, 0.51), Some(c), c.name(fa)));
    for (kind, fuzzy, days, certainty, name) in marks.chain(certain) {
        let sample_w = match kind {
            MarkKind::Bar => 34.0,
            MarkKind::Point => 20.0,
            MarkKind::Cluster => 18.0,
        };
        let (a, b) = if rtl {
            (x - sample_w, x)
        } else {
            (x, x + sample_w)
        };
        let tr = Transform::new(a, b, (0.0, 1.0), super::TimeDirection::LeftToRight);
        let (sa, sb) = tr.x_span(days.0, days.1);
        let cx = (a + b) * 0.5;
        let m = Mark {
            kind,
            item: 0,
            cx,
            count: 3,
            days,
            bracket: kind == MarkKind::Point && days.1 - days.0 > 0.5,
            x: if kind == MarkKind::Bar {
                (sa as f32, sb as f32)
            } else {
                (cx - DOT_RADIUS, cx + DOT_RADIUS)
            },
            members: Vec::new(),
            selected: false,
            marked: false,
            row: 0,
            label: None,
        };
        let mut push = |shape| out.push(ShapeItem { shape, item: None });
        mark_shapes(
            &m,
            fuzzy,
            &tr,
            y,
            color,
            bg,
            (a, b),
            false,
            look.theme,
            look.lang,
            &mut push,
        );
        if let Some(c) = certainty {
            certainty_shapes(&m, c, y, color, bg, (a, b), false, &mut push);
        }
        let w = measure.text_width(name, TICK_SIZE, 400.0);
        x += dir * (sample_w + 5.0);
        push(Shape::Text {
            text: name.to_owned(),
            pos: [x, y],
            align: if rtl { HAlign::Right } else { HAlign::Left },
            size: TICK_SIZE,
            weight: 400.0,
            color: palette::muted(look.theme),
        });
        x += dir * (w + 16.0);
    }
    (out, x)
}

#[cfg(test)]
mod tests {
    use super::super::measure::PerChar;
    use super::*;

    /// The legend's texts, its circles with a ring and with the paper's fill, and where
    /// its row ends.
    fn legend(certainties: &[Certainty]) -> (Vec<String>, usize, usize, f32) {
        let look = Look {
            theme: Theme::Light,
            lang: Lang::Fa,
            emphasis: false,
            hovered: None,
        };
        let (shapes, end) = legend_shapes(1000.0, 10.0, true, look, certainties, &mut PerChar(6.0));
        let paper = palette::paper(Theme::Light);
        let mut texts = Vec::new();
        let (mut rings, mut hollow) = (0, 0);
        for s in &shapes {
            match &s.shape {
                Shape::Text { text, .. } => texts.push(text.clone()),
                Shape::Circle {
                    fill: None,
                    stroke: Some(_),
                    ..
                } => rings += 1,
                Shape::Circle { fill: Some(f), .. } if *f == paper => hollow += 1,
                _ => {}
            }
        }
        (texts, rings, hollow, end)
    }

    #[test]
    fn the_legend_explains_the_certainty_marks_it_is_given() {
        let (plain, rings, hollow, end) = legend(&[]);
        assert!(
            !plain.iter().any(|t| t == "تأییدشده" || t == "مورد تردید"),
            "{plain:?}"
        );
        let (texts, more_rings, more_hollow, longer) =
            legend(&[Certainty::Confirmed, Certainty::Disputed]);
        assert_eq!(texts.len(), plain.len() + 2);
        assert_eq!(&texts[texts.len() - 2..], ["تأییدشده", "مورد تردید"]);
        assert_eq!(
            (more_rings, more_hollow),
            (rings + 1, hollow + 1),
            "a ring for confirmed, a hollow dot for disputed, as on the timeline"
        );
        assert!(longer < end, "the row goes on leftwards: {longer} < {end}");
        let (only, ..) = legend(&[Certainty::Disputed]);
        assert_eq!(only.last().map(String::as_str), Some("مورد تردید"));
    }
}
