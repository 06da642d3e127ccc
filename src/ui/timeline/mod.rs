//! The timeline chart: an article's dated events in lanes over a zoomable, pannable time
//! axis (Gregorian, Solar Hijri or both), time flowing right-to-left by default.
//!
//! One frame: look up (or rebuild) the cached [`index`] of events, handle input (toolbar,
//! keyboard, wheel, pinch, drag, overview strip) on a [`Transform`] — the one place that
//! converts time to pixels — then paint: lane bands, [`ticks`] and grid, the culled and
//! clustered [`marks`] of each lane with non-overlapping labels, the overview strip.
//! Every Persian string goes through the app's text engine ([`crate::text`]).
//!
//! The view keeps only view state ([`TimelineView`]: the window, serializable); selection
//! is the app's, changed through returned [`TimelineAction`]s.

mod index;
mod marks;
mod ticks;
mod transform;

pub use ticks::{Tick, ticks};
pub use transform::{MAX_SPAN_DAYS, MIN_POINTS_PER_DAY, Transform};

use std::collections::HashSet;
use std::sync::Arc;

use egui::{
    Align2, Color32, Id, Mesh, Pos2, Rect, Response, Sense, Shape, Stroke, StrokeKind, Ui, pos2,
    vec2,
};
use serde::{Deserialize, Serialize};

use crate::model::{Article, Category, Day, Event, FuzzyDate, Precision};
use crate::persian::dates::{self, Calendar};
use crate::text::{Align, Paragraph, TextJob, measure_text, paint_text};
use crate::ui::i18n::{Lang, Strings, isolate};
use crate::ui::theme;
use crate::ui::widgets::plain;

use index::{EventIndex, Item, article_key, lane_category};
use marks::{DOT_RADIUS, Filters, Mark, MarkKind, SUB_ROWS};

/// Which calendar(s) the axis is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarMode {
    #[default]
    Gregorian,
    SolarHijri,
    /// Two tick rows: Gregorian above, Solar Hijri below.
    Both,
}

impl CalendarMode {
    /// The calendars of the tick rows, top first.
    fn calendars(self) -> &'static [Calendar] {
        match self {
            CalendarMode::Gregorian => &[Calendar::Gregorian],
            CalendarMode::SolarHijri => &[Calendar::SolarHijri],
            CalendarMode::Both => &[Calendar::Gregorian, Calendar::SolarHijri],
        }
    }
}

/// Which way time flows on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeDirection {
    /// Later dates further left (the Persian reading direction).
    #[default]
    RightToLeft,
    LeftToRight,
}

/// What the timeline shows this frame (the app's state, read-only here).
pub struct TimelineInput<'a> {
    pub article: &'a Article,
    pub selected_event: Option<&'a str>,
    /// Events to emphasise (e.g. those of the selected source); empty = none emphasised.
    pub marked_events: &'a HashSet<String>,
    /// Events to show at all (filters); None = all.
    pub visible_events: Option<&'a HashSet<String>>,
    pub calendar: CalendarMode,
    pub direction: TimeDirection,
    pub lang: Lang,
    pub dark: bool,
}

/// What the timeline asks the app to do after the pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimelineAction {
    /// Select the event with this id.
    Select(String),
}

// Geometry, points.
const TOOLBAR_H: f32 = 30.0;
const TICK_ROW_H: f32 = 24.0;
const SUB_H: f32 = 24.0;
const LANE_PAD: f32 = 4.0;
const LANE_H: f32 = SUB_ROWS as f32 * SUB_H + 2.0 * LANE_PAD;
/// Lowest sub-row when the chart must fit a short panel.
const MIN_SUB_H: f32 = 18.0;
const OVERVIEW_H: f32 = 16.0;
const GAP_Y: f32 = 6.0;
const SIDE_PAD: f32 = 10.0;
const BUTTON: f32 = 26.0;
const EMPTY_H: f32 = 96.0;
const BAR_H: f32 = 16.0;
// Text sizes, points.
const LABEL_SIZE: f32 = 12.0;
const TICK_SIZE: f32 = 11.0;
const LANE_LABEL_SIZE: f32 = 12.5;
/// Extra room (points) a fitted window leaves on each side for labels.
const FIT_PAD_POINTS: f64 = 48.0;
/// Smallest window `fit_all` makes, in days.
const FIT_MIN_DAYS: f64 = 10.0;
/// Zoom factor of the buttons and keys.
const ZOOM_STEP: f64 = 1.5;
/// Chart width assumed before the first frame, points.
const DEFAULT_WIDTH: f64 = 800.0;

/// The timeline's view state: the visible window (f64 day numbers, see
/// [`Day::day_number`]) and caches. Serializable; caches are rebuilt on demand.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineView {
    /// First day number of the window.
    start: f64,
    /// End of the window (exclusive); `start < end` once shown or fitted.
    end: f64,
    /// [`index::article_key`] of the article the window was fitted for; another article is
    /// fitted when first shown.
    article: Option<u64>,
    #[serde(skip)]
    index: Option<Arc<EventIndex>>,
    /// Chart width last frame, points (0 before the first).
    #[serde(skip)]
    width: f32,
    /// The selection seen last frame: a new one is scrolled into view.
    #[serde(skip)]
    last_selected: Option<String>,
    /// The tick labels the axis drew last frame, top row first.
    #[serde(skip)]
    axis_labels: Vec<String>,
}

impl Default for TimelineView {
    fn default() -> Self {
        let (start, end) = transform::clamp_range((f64::NAN, f64::NAN), DEFAULT_WIDTH);
        Self {
            start,
            end,
            article: None,
            index: None,
            width: 0.0,
            last_selected: None,
            axis_labels: Vec::new(),
        }
    }
}

/// Which toolbar button was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Icon {
    Fit,
    ZoomIn,
    ZoomOut,
    Prev,
    Next,
}

impl TimelineView {
    /// The visible window in day numbers (start, exclusive end).
    pub fn window(&self) -> (f64, f64) {
        (self.start, self.end)
    }

    /// Sets the visible window (clamped to the zoom limits and supported years).
    pub fn set_window(&mut self, range: (f64, f64)) {
        (self.start, self.end) = transform::clamp_range(range, self.chart_width());
    }

    /// First and last day the window shows (inclusive).
    pub fn visible_range(&self) -> (Day, Day) {
        let first = self.start.floor() as i64;
        let last = (self.end.ceil() as i64 - 1).max(first);
        (Day::from_day_number(first), Day::from_day_number(last))
    }

    /// The tick labels the axis drew last frame (top row first, left to right within a
    /// row's major and minor passes): what the reader saw.
    pub fn axis_labels(&self) -> &[String] {
        &self.axis_labels
    }

    /// Forgets the cached event index (call after editing events in place).
    pub fn invalidate(&mut self) {
        self.index = None;
    }

    fn chart_width(&self) -> f64 {
        if self.width > 1.0 {
            f64::from(self.width)
        } else {
            DEFAULT_WIDTH
        }
    }

    /// Shows all of `article`'s events.
    pub fn fit_all(&mut self, article: &Article) {
        self.article = Some(article_key(article));
        let span = article
            .events
            .iter()
            .fold(None, |acc: Option<(f64, f64)>, e| {
                let (a, b) = event_days(e);
                Some(acc.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))))
            });
        self.fit_span(span);
    }

    fn fit_span(&mut self, span: Option<(f64, f64)>) {
        let Some((lo, hi)) = span else { return };
        let width = self.chart_width();
        let mid = (lo + hi) * 0.5;
        let len = (hi - lo).max(FIT_MIN_DAYS);
        let frac = (FIT_PAD_POINTS / width).min(0.3);
        let total = len / (1.0 - 2.0 * frac);
        self.set_window((mid - total * 0.5, mid + total * 0.5));
    }

    /// Moves the window to `event`, keeping the zoom unless the event does not fit.
    pub fn center_on(&mut self, event: &Event) {
        let (a, b) = event_days(event);
        self.reveal_days(a, b, true);
    }

    /// Brings the days `a..b` into view: centred (`always`) or only if not already inside
    /// the window; zooms out if they do not fit.
    fn reveal_days(&mut self, a: f64, b: f64, always: bool) {
        let (s, e) = (self.start, self.end);
        let span = e - s;
        let margin = span * 0.04;
        if !always && a >= s + margin && b <= e - margin {
            return;
        }
        let need = (b - a) * 1.25;
        let span = span.max(need);
        let mid = (a + b) * 0.5;
        self.set_window((mid - span * 0.5, mid + span * 0.5));
    }

    /// Draws the timeline and handles its input. Returns what the app should do.
    pub fn ui(&mut self, ui: &mut Ui, input: &TimelineInput<'_>) -> Vec<TimelineAction> {
        let mut actions = Vec::new();
        let article = input.article;
        let s = input.lang.strings();
        let key = article_key(article);
        let index = match &self.index {
            Some(i) if i.key == key => Arc::clone(i),
            _ => {
                let i = Arc::new(EventIndex::build(article));
                self.index = Some(Arc::clone(&i));
                i
            }
        };
        let id = ui.make_persistent_id("gahnegar-timeline");
        let width = ui.available_width().max(240.0);
        let lanes = index.shown_lanes(article, input.visible_events);
        if lanes.is_empty() {
            empty_ui(ui, id, width, s, input.dark);
            return actions;
        }
        let ctx = ui.ctx().clone();
        let rtl_ui = input.lang.is_rtl();
        let lane_label_w = lanes
            .iter()
            .filter_map(|&l| index.lanes[l].lane)
            .map(|lane| {
                let c = lane_category(article, lane);
                measure_text(&ctx, &lane_job(c, input.lang, input.dark)).x
            })
            .fold(0.0f32, f32::max)
            .max(40.0)
            + 30.0;
        let calendars = input.calendar.calendars();
        // Lanes shrink to fit the height available (a panel), down to one sub-row each.
        let fixed = TOOLBAR_H + calendars.len() as f32 * TICK_ROW_H + 2.0 * GAP_Y + OVERVIEW_H;
        let avail = ui.available_height();
        let per_lane = if avail.is_finite() && avail < 20_000.0 {
            (avail - fixed) / lanes.len() as f32
        } else {
            LANE_H
        };
        let (rows, sub_h) = if per_lane >= SUB_ROWS as f32 * MIN_SUB_H + 2.0 * LANE_PAD {
            (
                SUB_ROWS,
                ((per_lane - 2.0 * LANE_PAD) / SUB_ROWS as f32).min(SUB_H),
            )
        } else {
            (1, (per_lane - 2.0 * LANE_PAD).clamp(MIN_SUB_H, SUB_H))
        };
        let lane_h = rows as f32 * sub_h + 2.0 * LANE_PAD;
        let height = fixed + lanes.len() as f32 * lane_h;
        let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
        let (label_x, chart_x) = if rtl_ui {
            (
                (rect.right() - lane_label_w, rect.right()),
                (rect.left() + SIDE_PAD, rect.right() - lane_label_w),
            )
        } else {
            (
                (rect.left(), rect.left() + lane_label_w),
                (rect.left() + lane_label_w, rect.right() - SIDE_PAD),
            )
        };
        let toolbar = Rect::from_min_size(rect.min, vec2(width, TOOLBAR_H));
        let axis = Rect::from_x_y_ranges(
            chart_x.0..=chart_x.1,
            toolbar.bottom()..=toolbar.bottom() + calendars.len() as f32 * TICK_ROW_H,
        );
        let lanes_rect = Rect::from_x_y_ranges(
            chart_x.0..=chart_x.1,
            axis.bottom()..=axis.bottom() + lanes.len() as f32 * lane_h,
        );
        let chart = axis.union(lanes_rect);
        let overview = Rect::from_x_y_ranges(
            chart_x.0..=chart_x.1,
            lanes_rect.bottom() + GAP_Y..=lanes_rect.bottom() + GAP_Y + OVERVIEW_H,
        );
        self.width = chart.width();
        if self.article != Some(key) {
            self.fit_all(article);
        }
        if !(self.start.is_finite() && self.end.is_finite() && self.start < self.end) {
            self.fit_all(article);
        }

        // A selection made elsewhere (the article, the sources) is scrolled into view.
        if input.selected_event != self.last_selected.as_deref() {
            self.last_selected = input.selected_event.map(str::to_owned);
            if let Some(it) = input
                .selected_event
                .and_then(|id| index.position(id))
                .and_then(|p| index.items.get(p))
            {
                self.reveal_days(it.start, it.end, false);
            }
        }

        // The background goes under everything, the toolbar's buttons included.
        if ui.is_rect_visible(rect) {
            ui.painter()
                .rect_filled(rect, 6.0, theme::paper(input.dark));
        }

        // 1. Input: toolbar, background (focus, keys, wheel, pinch, drag), overview.
        let pressed = toolbar_ui(ui, id, toolbar, input, rtl_ui);
        let bg = ui.interact(chart, id, Sense::click_and_drag());
        bg.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, s.timeline));
        if bg.clicked() || bg.drag_started() {
            bg.request_focus();
        }
        let mut tr = Transform::new(chart.left(), chart.right(), self.window(), input.direction);
        let mut nav: Option<bool> = None; // Some(forward)
        let mut jump: Option<bool> = None; // Some(to_last)
        for icon in pressed {
            match icon {
                Icon::Fit => {
                    self.fit_shown(&index, article, input.visible_events);
                    tr =
                        Transform::new(chart.left(), chart.right(), self.window(), input.direction);
                }
                Icon::ZoomIn => tr.zoom_at(f64::from(chart.center().x), ZOOM_STEP),
                Icon::ZoomOut => tr.zoom_at(f64::from(chart.center().x), 1.0 / ZOOM_STEP),
                Icon::Prev => nav = Some(false),
                Icon::Next => nav = Some(true),
            }
        }
        if bg.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: false,
                        tab: false,
                        escape: false,
                    },
                );
            });
            use egui::{Key, Modifiers};
            let (left, right, plus, minus, home, end) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowLeft),
                    i.consume_key(Modifiers::NONE, Key::ArrowRight),
                    i.consume_key(Modifiers::NONE, Key::Plus)
                        | i.consume_key(Modifiers::NONE, Key::Equals),
                    i.consume_key(Modifiers::NONE, Key::Minus),
                    i.consume_key(Modifiers::NONE, Key::Home),
                    i.consume_key(Modifiers::NONE, Key::End),
                )
            });
            // Left means "later" when later dates are further left.
            let left_is_later = input.direction == TimeDirection::RightToLeft;
            if left {
                nav = Some(left_is_later);
            }
            if right {
                nav = Some(!left_is_later);
            }
            if plus {
                tr.zoom_at(f64::from(chart.center().x), ZOOM_STEP);
            }
            if minus {
                tr.zoom_at(f64::from(chart.center().x), 1.0 / ZOOM_STEP);
            }
            if home {
                jump = Some(false);
            }
            if end {
                jump = Some(true);
            }
        }
        // Wheel and pinch anywhere over the chart, markers included.
        if let Some(p) = ui.input(|i| i.pointer.hover_pos())
            && ui.rect_contains_pointer(chart)
        {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            if scroll.y != 0.0 {
                tr.zoom_at(f64::from(p.x), (f64::from(scroll.y) / 200.0).exp());
            }
            if scroll.x != 0.0 {
                tr.pan(f64::from(scroll.x));
            }
            if zoom != 1.0 {
                tr.zoom_at(f64::from(p.x), f64::from(zoom));
            }
            if scroll != egui::Vec2::ZERO {
                ui.input_mut(|i| i.smooth_scroll_delta = egui::Vec2::ZERO);
            }
        }
        if bg.dragged() {
            tr.pan(f64::from(bg.drag_delta().x));
        }
        if bg.double_clicked()
            && let Some(p) = bg.interact_pointer_pos()
        {
            tr.zoom_at(f64::from(p.x), 2.0);
        }
        let ov_range = overview_range(&index, tr.range());
        let ov_tr = Transform::new(overview.left(), overview.right(), ov_range, input.direction);
        let ov = ui.interact(overview, id.with("overview"), Sense::click_and_drag());
        ov.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, s.overview));
        if (ov.clicked() || ov.dragged())
            && let Some(p) = ov.interact_pointer_pos()
        {
            tr.center_on_day(ov_tr.day_from_x(f64::from(p.x)));
        }
        (self.start, self.end) = tr.range();

        // Keyboard and button navigation: select and keep in view.
        let target = match (nav, jump) {
            (_, Some(to_last)) => index.step(article, input.visible_events, None, !to_last),
            (Some(forward), None) => {
                let cur = input.selected_event.and_then(|id| index.position(id));
                match cur {
                    Some(p) => index.step(article, input.visible_events, Some(p), forward),
                    None => {
                        let (a, b) = tr.range();
                        index.near(
                            article,
                            input.visible_events,
                            if forward { a } else { b },
                            forward,
                        )
                    }
                }
            }
            (None, None) => None,
        };
        if let Some(p) = target
            && let Some(it) = index.items.get(p)
            && let Some(e) = article.events.get(it.event as usize)
        {
            actions.push(TimelineAction::Select(e.id.clone()));
            self.last_selected = Some(e.id.clone());
            self.reveal_days(it.start, it.end, false);
            tr = Transform::new(chart.left(), chart.right(), self.window(), input.direction);
        }

        // 2. Paint.
        if !ui.is_rect_visible(rect) {
            return actions;
        }
        let dark = input.dark;
        let painter = ui.painter_at(rect);
        for (k, &l) in lanes.iter().enumerate() {
            let top = lanes_rect.top() + k as f32 * lane_h;
            let band = Rect::from_x_y_ranges(rect.left()..=rect.right(), top..=top + lane_h);
            if k % 2 == 0 {
                painter.rect_filled(band, 0.0, theme::ink(dark).gamma_multiply(0.035));
            }
            if let Some(lane) = index.lanes[l].lane.map(|l| lane_category(article, l)) {
                let y = band.center().y;
                let (sw, tx, anchor) = if rtl_ui {
                    (label_x.1 - 14.0, label_x.1 - 24.0, Align2::RIGHT_CENTER)
                } else {
                    (label_x.0 + 14.0, label_x.0 + 24.0, Align2::LEFT_CENTER)
                };
                painter.circle_filled(pos2(sw, y), 4.5, lane_color(lane, dark));
                paint_text(
                    &painter,
                    &lane_job(lane, input.lang, dark),
                    pos2(tx, y),
                    anchor,
                );
            }
        }
        let sep_x = if rtl_ui { label_x.0 } else { label_x.1 };
        painter.line_segment(
            [pos2(sep_x, axis.top()), pos2(sep_x, lanes_rect.bottom())],
            Stroke::new(1.0, theme::muted(dark).gamma_multiply(0.4)),
        );
        for (row, &cal) in calendars.iter().enumerate() {
            let row_rect = Rect::from_x_y_ranges(
                chart_x.0..=chart_x.1,
                axis.top() + row as f32 * TICK_ROW_H..=axis.top() + (row + 1) as f32 * TICK_ROW_H,
            );
            let t = ticks(tr.range(), chart.width(), cal, input.lang);
            let grid = (row == 0).then_some(lanes_rect);
            if row == 0 {
                self.axis_labels.clear();
            }
            let drawn = axis_row_ui(&painter, &tr, row_rect, grid, &t, dark);
            self.axis_labels.extend(drawn);
            let name = match cal {
                Calendar::Gregorian => s.gregorian,
                Calendar::SolarHijri => s.solar_hijri,
            };
            let (x, anchor) = if rtl_ui {
                (label_x.1 - 10.0, Align2::RIGHT_CENTER)
            } else {
                (label_x.0 + 10.0, Align2::LEFT_CENTER)
            };
            paint_text(
                &painter,
                &small_job(name, theme::muted(dark)),
                pos2(x, row_rect.center().y),
                anchor,
            );
        }
        painter.line_segment(
            [
                pos2(chart.left(), axis.bottom()),
                pos2(chart.right(), axis.bottom()),
            ],
            Stroke::new(1.0, theme::muted(dark).gamma_multiply(0.6)),
        );

        // Lanes: cull, cluster, place, paint, interact.
        let chart_painter = painter.with_clip_rect(lanes_rect);
        let filters = Filters {
            visible: input.visible_events,
            marked: input.marked_events,
            selected: input.selected_event.and_then(|id| index.position(id)),
        };
        let at_max_zoom = tr.range().1 - tr.range().0 <= transform::min_span(tr.width()) * 1.001;
        let mut zoom_to: Option<(f64, f64)> = None;
        let emphasis = !input.marked_events.is_empty();
        for (k, &l) in lanes.iter().enumerate() {
            let lane = &index.lanes[l];
            let lane_top = lanes_rect.top() + k as f32 * lane_h;
            let mut marks = marks::lane_marks(&index, lane, article, &tr, &filters, !at_max_zoom);
            let event_of = |m: &Mark| {
                index
                    .items
                    .get(m.item as usize)
                    .and_then(|it| article.events.get(it.event as usize))
            };
            marks::place(
                &mut marks,
                (chart.left() + 2.0, chart.right() - 2.0),
                rows,
                |m| {
                    event_of(m).map_or(0.0, |e| {
                        measure_text(&ctx, &label_job(&e.label, Color32::WHITE, m.selected)).x
                    })
                },
            );
            for m in &marks {
                let y = lane_top + LANE_PAD + sub_h * (f32::from(m.row) + 0.5);
                let faded = emphasis && !m.marked && !m.selected;
                let Some(item) = index.items.get(m.item as usize) else {
                    continue;
                };
                let color = lane_color(lane_category(article, item.lane), dark)
                    .gamma_multiply(if faded { 0.28 } else { 1.0 });
                let label_rect = m.label.map(|l| {
                    let (a, b) = l.range();
                    Rect::from_x_y_ranges(a..=b, y - sub_h * 0.5 + 1.0..=y + sub_h * 0.5 - 1.0)
                });
                let marker_rect = Rect::from_x_y_ranges(
                    m.x.0..=m.x.1,
                    y - sub_h * 0.5 + 1.0..=y + sub_h * 0.5 - 1.0,
                );
                let hit = label_rect
                    .map_or(marker_rect, |r| r.union(marker_rect))
                    .intersect(lanes_rect);
                let hovered = if hit.is_positive() {
                    let resp = ui.interact(
                        hit,
                        id.with(("mark", m.item, m.kind == MarkKind::Cluster)),
                        Sense::CLICK,
                    );
                    let resp = mark_response(resp, m, article, &index, input);
                    if resp.clicked() {
                        match m.kind {
                            MarkKind::Cluster => zoom_to = Some(m.days),
                            _ => {
                                if let Some(e) = event_of(m) {
                                    actions.push(TimelineAction::Select(e.id.clone()));
                                }
                                ui.memory_mut(|mem| mem.request_focus(id));
                            }
                        }
                    }
                    resp.hovered()
                } else {
                    false
                };
                paint_mark(
                    &chart_painter,
                    &tr,
                    m,
                    item,
                    y,
                    &MarkStyle {
                        color,
                        hovered,
                        dark,
                        lang: input.lang,
                        bar_h: BAR_H.min(sub_h - 4.0),
                    },
                );
                if let (Some(place), Some(e)) = (m.label, event_of(m)) {
                    let ink = if faded {
                        theme::ink(dark).gamma_multiply(0.35)
                    } else {
                        theme::ink(dark)
                    };
                    let (a, b) = place.range();
                    let job = label_job(&e.label, ink, m.selected);
                    paint_text(
                        &chart_painter,
                        &job,
                        pos2((a + b) * 0.5, y),
                        Align2::CENTER_CENTER,
                    );
                }
            }
        }
        overview_ui(
            &painter,
            &ov_tr,
            overview,
            &index,
            tr.range(),
            ov.hovered() || ov.dragged(),
            dark,
        );
        if bg.has_focus() {
            painter.rect_stroke(
                chart.expand(1.0),
                4.0,
                Stroke::new(1.5, theme::date_mark(dark)),
                StrokeKind::Inside,
            );
        }
        paint_range_text(&painter, toolbar, &tr, input, rtl_ui);
        if let Some((a, b)) = zoom_to {
            let pad = ((b - a) * 0.2).max(1.0);
            self.set_window((a - pad, b + pad));
            ui.ctx().request_repaint();
        }
        actions
    }

    /// Fits the window to the shown events (all when there is no filter).
    fn fit_shown(
        &mut self,
        index: &EventIndex,
        article: &Article,
        visible: Option<&HashSet<String>>,
    ) {
        let span = match visible {
            None => index.span,
            Some(set) => index
                .items
                .iter()
                .filter(|it| {
                    article
                        .events
                        .get(it.event as usize)
                        .is_some_and(|e| set.contains(&e.id))
                })
                .fold(None, |acc: Option<(f64, f64)>, it| {
                    Some(acc.map_or((it.start, it.end), |(lo, hi)| {
                        (lo.min(it.start), hi.max(it.end))
                    }))
                }),
        };
        self.fit_span(span);
    }
}

/// An event's days: first day number and the day after its last.
fn event_days(e: &Event) -> (f64, f64) {
    let a = e.date.start.day_number() as f64;
    let b = e.date.end.day_number() as f64;
    (a.min(b), a.max(b) + 1.0)
}

/// The overview's range: all events (padded) and the window.
fn overview_range(index: &EventIndex, window: (f64, f64)) -> (f64, f64) {
    match index.span {
        Some((lo, hi)) => {
            let pad = ((hi - lo) * 0.03).max(5.0);
            ((lo - pad).min(window.0), (hi + pad).max(window.1))
        }
        None => window,
    }
}

/// Colour of a category's markers on a light or dark background.
pub fn lane_color(category: &Category, dark: bool) -> Color32 {
    let [r, g, b] = category.rgb(dark).0;
    Color32::from_rgb(r, g, b)
}

fn lane_job(category: &Category, lang: Lang, dark: bool) -> TextJob {
    TextJob::new(category.name(lang == Lang::Fa))
        .size(LANE_LABEL_SIZE)
        .weight(600.0)
        .color(theme::ink(dark))
        .selectable(false)
}

fn label_job(text: &str, color: Color32, selected: bool) -> TextJob {
    TextJob::new(text)
        .size(LABEL_SIZE)
        .weight(if selected { 700.0 } else { 450.0 })
        .color(color)
        .selectable(false)
}

fn small_job(text: &str, color: Color32) -> TextJob {
    TextJob::new(text)
        .size(TICK_SIZE)
        .color(color)
        .selectable(false)
}

/// The «no events» state.
fn empty_ui(ui: &mut Ui, id: Id, width: f32, s: &Strings, dark: bool) {
    let (rect, _) = ui.allocate_exact_size(vec2(width, EMPTY_H), Sense::hover());
    let resp = ui.interact(rect, id.with("empty"), Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, s.no_events));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter_at(rect);
        let job = TextJob::new(s.no_events)
            .size(14.0)
            .color(theme::muted(dark))
            .selectable(false);
        paint_text(&painter, &job, rect.center(), Align2::CENTER_CENTER);
    }
}

/// The toolbar's icon buttons, at the start side. Returns those clicked.
fn toolbar_ui(
    ui: &mut Ui,
    id: Id,
    toolbar: Rect,
    input: &TimelineInput<'_>,
    rtl_ui: bool,
) -> Vec<Icon> {
    let s = input.lang.strings();
    let buttons = [
        (Icon::Fit, s.fit_all),
        (Icon::ZoomIn, s.zoom_in),
        (Icon::ZoomOut, s.zoom_out),
        (Icon::Prev, s.prev_event),
        (Icon::Next, s.next_event),
    ];
    let mut out = Vec::new();
    let y = toolbar.center().y;
    for (k, (icon, label)) in buttons.into_iter().enumerate() {
        let gap = if k >= 3 { 10.0 } else { 0.0 };
        let offset = SIDE_PAD + gap + k as f32 * (BUTTON + 2.0) + BUTTON * 0.5;
        let cx = if rtl_ui {
            toolbar.right() - offset
        } else {
            toolbar.left() + offset
        };
        let rect = Rect::from_center_size(pos2(cx, y), vec2(BUTTON, BUTTON - 2.0));
        if icon_button(ui, id.with(("button", k)), rect, icon, label, input) {
            out.push(icon);
        }
    }
    out
}

/// One icon button drawn with the painter; its label is its AccessKit name and tooltip.
fn icon_button(
    ui: &mut Ui,
    id: Id,
    rect: Rect,
    icon: Icon,
    label: &str,
    input: &TimelineInput<'_>,
) -> bool {
    let dark = input.dark;
    let resp = ui
        .interact(rect, id, Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    let clicked = resp.clicked();
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        if resp.hovered() || resp.has_focus() {
            painter.rect_filled(rect, 5.0, theme::ink(dark).gamma_multiply(0.08));
        }
        if resp.has_focus() {
            painter.rect_stroke(
                rect,
                5.0,
                Stroke::new(1.5, theme::date_mark(dark)),
                StrokeKind::Inside,
            );
        }
        let ink = Stroke::new(1.6, theme::ink(dark));
        let c = rect.center();
        match icon {
            Icon::Fit => {
                let (l, r) = (c.x - 8.0, c.x + 8.0);
                painter.line_segment([pos2(l, c.y - 6.0), pos2(l, c.y + 6.0)], ink);
                painter.line_segment([pos2(r, c.y - 6.0), pos2(r, c.y + 6.0)], ink);
                painter.line_segment([pos2(l + 3.0, c.y), pos2(r - 3.0, c.y)], ink);
                for (tip, d) in [(l + 3.0, 1.0), (r - 3.0, -1.0)] {
                    painter.line_segment([pos2(tip, c.y), pos2(tip + 3.5 * d, c.y - 3.5)], ink);
                    painter.line_segment([pos2(tip, c.y), pos2(tip + 3.5 * d, c.y + 3.5)], ink);
                }
            }
            Icon::ZoomIn | Icon::ZoomOut => {
                let o = c + vec2(-1.5, -1.5);
                painter.circle_stroke(o, 6.0, ink);
                painter.line_segment(
                    [o + vec2(4.3, 4.3), o + vec2(8.5, 8.5)],
                    Stroke::new(2.2, theme::ink(dark)),
                );
                painter.line_segment([o - vec2(3.0, 0.0), o + vec2(3.0, 0.0)], ink);
                if icon == Icon::ZoomIn {
                    painter.line_segment([o - vec2(0.0, 3.0), o + vec2(0.0, 3.0)], ink);
                }
            }
            Icon::Prev | Icon::Next => {
                // Points the way earlier (Prev) or later (Next) events lie on screen.
                let later_left = input.direction == TimeDirection::RightToLeft;
                let left = (icon == Icon::Next) == later_left;
                let d = if left { -1.0 } else { 1.0 };
                let pts = vec![
                    pos2(c.x + 5.0 * d, c.y),
                    pos2(c.x - 4.0 * d, c.y - 6.0),
                    pos2(c.x - 4.0 * d, c.y + 6.0),
                ];
                painter.add(Shape::convex_polygon(pts, theme::ink(dark), Stroke::NONE));
            }
        }
    }
    let _tip = resp.on_hover_ui(|ui| {
        let job = TextJob::new(label)
            .size(12.5)
            .color(theme::ink(dark))
            .selectable(false);
        let w = measure_text(ui.ctx(), &job).x + 2.0;
        Paragraph::new(job).width(w).show(ui);
    });
    clicked
}

/// One row of ticks (and, for the first row, the grid over `grid`).
/// Returns the labels drawn.
fn axis_row_ui(
    painter: &egui::Painter,
    tr: &Transform,
    row: Rect,
    grid: Option<Rect>,
    t: &[Tick],
    dark: bool,
) -> Vec<String> {
    let muted = theme::muted(dark);
    let bottom = row.bottom();
    if let Some(g) = grid {
        for tick in t.iter().filter(|t| !t.label.is_empty()) {
            let x = tr.x_from_day(tick.day) as f32;
            if x < g.left() || x > g.right() {
                continue;
            }
            let alpha = if tick.major { 0.22 } else { 0.1 };
            painter.line_segment(
                [pos2(x, g.top()), pos2(x, g.bottom())],
                Stroke::new(1.0, muted.gamma_multiply(alpha)),
            );
        }
    }
    for tick in t {
        let x = tr.x_from_day(tick.day) as f32;
        if x < row.left() || x > row.right() {
            continue;
        }
        let len = if tick.major {
            7.0
        } else if tick.label.is_empty() {
            3.0
        } else {
            5.0
        };
        painter.line_segment(
            [pos2(x, bottom - len), pos2(x, bottom)],
            Stroke::new(1.0, muted),
        );
    }
    // Labels: major first, then the rest; skip any that would overlap or leave the row.
    let mut taken: Vec<(f32, f32)> = Vec::new();
    let mut drawn = Vec::new();
    for pass_major in [true, false] {
        for tick in t
            .iter()
            .filter(|t| t.major == pass_major && !t.label.is_empty())
        {
            let x = tr.x_from_day(tick.day) as f32;
            let color = if tick.major { theme::ink(dark) } else { muted };
            let job = small_job(&tick.label, color).weight(if tick.major { 650.0 } else { 400.0 });
            let w = measure_text(painter.ctx(), &job).x;
            let (a, b) = (x - w * 0.5, x + w * 0.5);
            if a < row.left()
                || b > row.right()
                || taken.iter().any(|&(l, r)| b + 8.0 > l && a < r + 8.0)
            {
                continue;
            }
            taken.push((a, b));
            paint_text(
                painter,
                &job,
                pos2(x, row.center().y - 3.0),
                Align2::CENTER_CENTER,
            );
            drawn.push(tick.label.clone());
        }
    }
    drawn
}

/// Adds AccessKit info, cursor and tooltip to a mark's response.
fn mark_response(
    resp: Response,
    m: &Mark,
    article: &Article,
    index: &EventIndex,
    input: &TimelineInput<'_>,
) -> Response {
    let s = input.lang.strings();
    let event_of = |p: u32| {
        index
            .items
            .get(p as usize)
            .and_then(|it| article.events.get(it.event as usize))
    };
    let resp = resp.on_hover_cursor(egui::CursorIcon::PointingHand);
    match m.kind {
        MarkKind::Cluster => {
            // «۳۰ رویداد»: the count isolated in the tooltip, plain for AccessKit.
            let label = format!("{} {}", input.lang.num_isolated(m.count), s.cluster_events);
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, plain(&label)));
            resp.on_hover_ui(|ui| {
                cluster_tooltip_ui(ui, m, &label, input, |p| {
                    event_of(p).map(|e| e.label.as_str())
                })
            })
        }
        _ => {
            let Some(e) = event_of(m.item) else {
                return resp;
            };
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &e.label));
            resp.on_hover_ui(|ui| event_tooltip_ui(ui, article, e, input))
        }
    }
}

/// Shows `lines` (text, size, weight, colour) as engine paragraphs no wider than needed,
/// in the UI's direction (a date range with no letters reads the UI's way round).
fn tooltip_lines(ui: &mut Ui, lines: Vec<(String, f32, f32, Color32)>, lang: Lang) {
    let direction = if lang.is_rtl() {
        crate::text::Direction::Rtl
    } else {
        crate::text::Direction::Ltr
    };
    let jobs: Vec<TextJob> = lines
        .into_iter()
        .map(|(t, size, weight, color)| {
            TextJob::new(t)
                .size(size)
                .weight(weight)
                .color(color)
                .selectable(false)
                .align(Align::Start)
                .direction(direction)
        })
        .collect();
    let w = jobs
        .iter()
        .map(|j| measure_text(ui.ctx(), j).x)
        .fold(0.0f32, f32::max)
        .clamp(60.0, 360.0)
        + 2.0;
    ui.spacing_mut().item_spacing.y = 0.0;
    for (k, job) in jobs.into_iter().enumerate() {
        Paragraph::new(job)
            .id_salt(("timeline-tip", k))
            .width(w)
            .show(ui);
    }
}

/// Tooltip of an event: label, wording, interval in both calendars, sources.
fn event_tooltip_ui(ui: &mut Ui, article: &Article, e: &Event, input: &TimelineInput<'_>) {
    let s = input.lang.strings();
    let fa = input.lang == Lang::Fa;
    let (ink, muted) = (theme::ink(input.dark), theme::muted(input.dark));
    let mut lines = vec![(e.label.clone(), 13.5, 700.0, ink)];
    if !e.date.wording.is_empty() {
        lines.push((format!("«{}»", e.date.wording), 12.0, 400.0, muted));
    }
    lines.push((
        format!(
            "{}: {}",
            s.gregorian,
            dates::interval_text(&e.date, Calendar::Gregorian, fa)
        ),
        12.0,
        400.0,
        ink,
    ));
    lines.push((
        format!(
            "{}: {}",
            s.solar_hijri,
            dates::interval_text(&e.date, Calendar::SolarHijri, fa)
        ),
        12.0,
        400.0,
        ink,
    ));
    let names: Vec<String> = article
        .sources_of_event(&e.id)
        .into_iter()
        .filter_map(|id| article.source(id))
        .map(|src| {
            isolate(if fa || src.name_en.is_empty() {
                &src.name
            } else {
                &src.name_en
            })
        })
        .collect();
    let sources = if names.is_empty() {
        s.unsourced.to_owned()
    } else {
        names.join(if fa { "، " } else { ", " })
    };
    lines.push((
        format!("{}: {sources}", s.sources_of_event),
        12.0,
        400.0,
        muted,
    ));
    tooltip_lines(ui, lines, input.lang);
}

/// Tooltip of a cluster: its count, its span, the first few labels.
fn cluster_tooltip_ui<'a>(
    ui: &mut Ui,
    m: &Mark,
    title: &str,
    input: &TimelineInput<'_>,
    label_of: impl Fn(u32) -> Option<&'a str>,
) {
    let fa = input.lang == Lang::Fa;
    let (ink, muted) = (theme::ink(input.dark), theme::muted(input.dark));
    let cal = if input.calendar == CalendarMode::SolarHijri {
        Calendar::SolarHijri
    } else {
        Calendar::Gregorian
    };
    let a = Day::from_day_number(m.days.0.floor() as i64);
    let b = Day::from_day_number((m.days.1.ceil() as i64 - 1).max(m.days.0.floor() as i64));
    let span = FuzzyDate::new(
        a,
        b,
        if a == b {
            Precision::Day
        } else {
            Precision::Range
        },
        "",
    );
    let mut lines = vec![
        (title.to_owned(), 13.5, 700.0, ink),
        (dates::interval_text(&span, cal, fa), 12.0, 400.0, muted),
    ];
    for &p in m.members.iter().take(5) {
        if let Some(l) = label_of(p) {
            lines.push((format!("• {l}"), 12.0, 400.0, ink));
        }
    }
    if m.count > 5 {
        lines.push(("…".to_owned(), 12.0, 400.0, muted));
    }
    tooltip_lines(ui, lines, input.lang);
}

/// How to paint a mark this frame.
struct MarkStyle {
    color: Color32,
    /// Height of a bar, points.
    bar_h: f32,
    hovered: bool,
    dark: bool,
    lang: Lang,
}

/// Paints one mark: a bar, a dot or a counted cluster, with selection and hover rings.
fn paint_mark(
    painter: &egui::Painter,
    tr: &Transform,
    m: &Mark,
    item: &Item,
    y: f32,
    style: &MarkStyle,
) {
    let MarkStyle {
        color,
        hovered,
        dark,
        bar_h,
        ..
    } = *style;
    let accent = theme::accent(dark);
    let paper = theme::paper(dark);
    match m.kind {
        MarkKind::Bar => {
            let (x0, x1) = m.x;
            let clip = painter.clip_rect();
            let fill = color.gamma_multiply(if hovered { 0.42 } else { 0.3 });
            let body = Rect::from_x_y_ranges(x0..=x1, y - bar_h * 0.5..=y + bar_h * 0.5);
            let base = Rect::from_x_y_ranges(x0..=x1, y + bar_h * 0.5 - 3.0..=y + bar_h * 0.5);
            if item.fuzzy {
                let fade = ((x1 - x0) * 0.3).clamp(3.0, 80.0);
                painter.add(Shape::mesh(faded_rect(body, fade, fill, clip)));
                painter.add(Shape::mesh(faded_rect(base, fade, color, clip)));
            } else {
                painter.rect_filled(body, 3.0, fill);
                painter.rect_filled(base, 1.0, color);
            }
            if m.selected {
                painter.rect_stroke(
                    body.expand(2.0),
                    4.0,
                    Stroke::new(2.0, accent),
                    StrokeKind::Outside,
                );
            }
        }
        MarkKind::Point => {
            let c = pos2(m.cx(), y);
            // A month (or a narrow bar) wider than its dot: a thin bracket shows its days.
            let (a, b) = tr.x_span(m.days.0, m.days.1);
            if b - a > f64::from(DOT_RADIUS) * 2.5 {
                let stroke = Stroke::new(2.0, color.gamma_multiply(0.45));
                painter.line_segment([pos2(a as f32, y), pos2(b as f32, y)], stroke);
                for x in [a as f32, b as f32] {
                    painter.line_segment([pos2(x, y - 3.0), pos2(x, y + 3.0)], stroke);
                }
            }
            let r = if hovered {
                DOT_RADIUS + 1.5
            } else {
                DOT_RADIUS
            };
            if item.fuzzy {
                painter.add(Shape::mesh(halo(c, r * 2.2, color.gamma_multiply(0.55))));
                painter.circle_filled(c, r * 0.75, color);
            } else {
                painter.circle_filled(c, r, color);
                painter.circle_stroke(c, r, Stroke::new(1.0, paper));
            }
            if m.selected {
                painter.circle_stroke(c, r + 3.5, Stroke::new(2.0, accent));
            }
        }
        MarkKind::Cluster => {
            let c = pos2(m.cx(), y);
            let r = marks::cluster_radius(m.count) + if hovered { 1.0 } else { 0.0 };
            painter.circle_filled(c, r, color);
            painter.circle_stroke(c, r, Stroke::new(1.5, paper));
            if m.marked {
                painter.circle_stroke(c, r + 2.5, Stroke::new(2.0, accent));
            }
            let text = style.lang.num(m.count);
            let job = TextJob::new(text)
                .size(10.5)
                .weight(700.0)
                .color(Color32::WHITE)
                .selectable(false);
            paint_text(painter, &job, c + vec2(0.0, 0.5), Align2::CENTER_CENTER);
        }
    }
}

/// A rectangle whose left and right `fade` points go from transparent to `color`
/// (per-vertex alpha), cut to `clip` so a bar thousands of points wide stays small.
fn faded_rect(rect: Rect, fade: f32, color: Color32, clip: Rect) -> Mesh {
    let (l, r) = (rect.left(), rect.right());
    let fade = fade.min(rect.width() * 0.5);
    let stops = [(l, 0.0), (l + fade, 1.0), (r - fade, 1.0), (r, 0.0)];
    // Clip the stops to the visible x range, interpolating alpha.
    let (cl, cr) = (clip.left() - 2.0, clip.right() + 2.0);
    let alpha_at = |x: f32| -> f32 {
        for w in stops.windows(2) {
            let ((x0, a0), (x1, a1)) = (w[0], w[1]);
            if x >= x0 && x <= x1 {
                return if x1 > x0 {
                    a0 + (a1 - a0) * (x - x0) / (x1 - x0)
                } else {
                    a1
                };
            }
        }
        0.0
    };
    let mut xs: Vec<f32> = stops.iter().map(|s| s.0.clamp(cl, cr)).collect();
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let mut mesh = Mesh::default();
    for (k, &x) in xs.iter().enumerate() {
        let c = color.gamma_multiply(alpha_at(x));
        mesh.colored_vertex(pos2(x, rect.top()), c);
        mesh.colored_vertex(pos2(x, rect.bottom()), c);
        if k > 0 {
            let i = (2 * k) as u32;
            mesh.add_triangle(i - 2, i - 1, i);
            mesh.add_triangle(i - 1, i, i + 1);
        }
    }
    mesh
}

/// A disc of `color` at the centre fading to transparent at `radius` (per-vertex alpha).
fn halo(c: Pos2, radius: f32, color: Color32) -> Mesh {
    const N: u32 = 24;
    let mut mesh = Mesh::default();
    mesh.colored_vertex(c, color);
    for k in 0..N {
        let a = std::f32::consts::TAU * k as f32 / N as f32;
        mesh.colored_vertex(c + radius * vec2(a.cos(), a.sin()), Color32::TRANSPARENT);
    }
    for k in 0..N {
        mesh.add_triangle(0, 1 + k, 1 + (k + 1) % N);
    }
    mesh
}

/// The overview strip: event density over the whole span and the visible window.
fn overview_ui(
    painter: &egui::Painter,
    ov: &Transform,
    rect: Rect,
    index: &EventIndex,
    window: (f64, f64),
    active: bool,
    dark: bool,
) {
    painter.rect_filled(rect, 3.0, theme::sidebar(dark));
    if let Some((lo, hi)) = index.span {
        let max = index.histogram.iter().copied().max().unwrap_or(1).max(1) as f32;
        let bins = index.histogram.len().max(1) as f64;
        let w = (hi - lo).max(1.0) / bins;
        let color = theme::muted(dark).gamma_multiply(0.8);
        for (k, &n) in index.histogram.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let (a, b) = ov.x_span(lo + k as f64 * w, lo + (k + 1) as f64 * w);
            let h = (rect.height() - 4.0) * (n as f32 / max).sqrt().max(0.2);
            let bar = Rect::from_x_y_ranges(
                a as f32..=(b as f32).max(a as f32 + 1.0),
                rect.bottom() - 2.0 - h..=rect.bottom() - 2.0,
            );
            painter.rect_filled(bar, 0.0, color);
        }
    }
    let (a, b) = ov.x_span(window.0, window.1);
    let (a, b) = ((a as f32).max(rect.left()), (b as f32).min(rect.right()));
    let mid = (a + b) * 0.5;
    let half = ((b - a) * 0.5).max(2.0);
    let win = Rect::from_x_y_ranges(mid - half..=mid + half, rect.top()..=rect.bottom());
    let accent = theme::date_mark(dark);
    painter.rect_filled(
        win,
        3.0,
        accent.gamma_multiply(if active { 0.3 } else { 0.2 }),
    );
    painter.rect_stroke(win, 3.0, Stroke::new(1.5, accent), StrokeKind::Inside);
}

/// The visible window as text, at the toolbar's far side.
fn paint_range_text(
    painter: &egui::Painter,
    toolbar: Rect,
    tr: &Transform,
    input: &TimelineInput<'_>,
    rtl_ui: bool,
) {
    let fa = input.lang == Lang::Fa;
    let cal = if input.calendar == CalendarMode::SolarHijri {
        Calendar::SolarHijri
    } else {
        Calendar::Gregorian
    };
    let (s, e) = tr.range();
    let a = Day::from_day_number(s.floor() as i64);
    let b = Day::from_day_number((e.ceil() as i64 - 1).max(s.floor() as i64));
    let span = e - s;
    let text = if span > 3.0 * 365.0 {
        let (ya, _, _) = dates::ymd(a, cal);
        let (yb, _, _) = dates::ymd(b, cal);
        format!(
            "{} – {}",
            dates::year_text(ya, fa),
            dates::year_text(yb, fa)
        )
    } else {
        let p = if span > 62.0 {
            Precision::Range
        } else {
            Precision::Day
        };
        dates::interval_text(&FuzzyDate::new(a, b, p, ""), cal, fa)
    };
    let (x, anchor) = if rtl_ui {
        (toolbar.left() + SIDE_PAD, Align2::LEFT_CENTER)
    } else {
        (toolbar.right() - SIDE_PAD, Align2::RIGHT_CENTER)
    };
    // A range of bare years has no letters: it reads the UI's way round.
    let job = TextJob::new(text)
        .size(11.5)
        .color(theme::muted(input.dark))
        .selectable(false)
        .direction(if rtl_ui {
            crate::text::Direction::Rtl
        } else {
            crate::text::Direction::Ltr
        });
    paint_text(painter, &job, pos2(x, toolbar.center().y), anchor);
}
