//! The timeline widget: an article's dated events in lanes over a zoomable, pannable time
//! axis (Gregorian, Solar Hijri or both), time flowing right-to-left by default.
//!
//! The layout is [`crate::chart`]'s, the same the image export draws: one frame looks up
//! (or rebuilds) the cached event index, handles input (toolbar, go-to field, keyboard,
//! wheel, pinch, drag, overview strip) on a [`Transform`], lays the lanes out
//! ([`layout_lanes`]: marks and labels in sub-rows, no label over another label or a
//! foreign mark), hit-tests the laid-out marks, then paints the chart's shapes. Lanes grow
//! to their sub-rows; when they do not fit the panel, the lane area scrolls vertically
//! (wheel over the lane names, ↑/↓ when the chart has the focus, or the scroll bar).
//!
//! The view keeps only view state ([`TimelineView`]: the window, serializable); selection
//! is the app's, changed through returned [`TimelineAction`]s.

mod overview;
pub(crate) mod paint;
mod toolbar;
mod tooltips;

pub use crate::chart::{
    CalendarMode, MAX_SPAN_DAYS, MIN_POINTS_PER_DAY, Tick, TimeDirection, Transform, ticks,
};

use std::sync::Arc;

use egui::{Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2};
use serde::{Deserialize, Serialize};

use crate::chart::layout::{ChartSpec, Clustering, LaneLayout, layout_lanes};
use crate::chart::paint::{
    AxisFrame, Look, axis_shapes, grid_shapes, lane_marks_shapes, lane_titles, legend_shapes,
    marker_half_height,
};
use crate::chart::sizes::{
    LANE_LABEL_SIZE, LANE_LABEL_WEIGHT, SUB_H, TICK_ROW_H, WIDGET_ROWS, lane_height, row_y,
};
use crate::chart::travel::{self, dense_span, parse_target, span_around};
use crate::chart::{
    EventIndex, EventSet, Filters, HAlign, MarkKind, Measure, article_key, event_days,
    lane_category, transform,
};
use crate::model::{Article, Certainty, Day, Event, EventId};
use crate::ui::i18n::Lang;
use crate::ui::theme::{self, Theme};

use paint::{UiMeasure, paint_shape};
use toolbar::{Icon, TOOLBAR_H, empty_ui, paint_range_text, toolbar_ui};

/// What the timeline shows this frame (the app's state, read-only here).
pub struct TimelineInput<'a> {
    pub article: &'a Article,
    pub selected_event: Option<&'a EventId>,
    /// Events to emphasise (e.g. those of the selected source); empty = none emphasised.
    pub marked_events: &'a EventSet,
    /// Events to show at all (filters); None = all.
    pub visible_events: Option<&'a EventSet>,
    pub calendar: CalendarMode,
    pub direction: TimeDirection,
    pub lang: Lang,
    pub theme: Theme,
}

/// What the timeline asks the app to do after the pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimelineAction {
    /// Select the event with this id.
    Select(EventId),
}

// Geometry of the widget around the chart, points (the chart's own sizes are
// `chart::sizes`).
const GAP_Y: f32 = 6.0;
const SIDE_PAD: f32 = 10.0;
const LEGEND_H: f32 = 22.0;
const SCROLLBAR_W: f32 = 6.0;
/// Zoom factor of the buttons and keys.
const ZOOM_STEP: f64 = 1.5;
/// Chart width assumed before the first frame, points.
const DEFAULT_WIDTH: f64 = 800.0;
/// How long a pan to a selection takes, seconds.
const PAN_SECS: f64 = 0.3;
/// Points the lanes scroll per ↑/↓ press.
const SCROLL_STEP: f32 = 40.0;

/// A pan under way: from one window to another, started at `t0` (egui time, seconds;
/// negative until the first frame sees it).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pan {
    from: (f64, f64),
    to: (f64, f64),
    t0: f64,
}

/// The timeline's view state: the visible window (f64 day numbers, see
/// [`Day::day_number`]) and caches. Serializable; caches are rebuilt on demand.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineView {
    /// First day number of the window.
    start: f64,
    /// End of the window (exclusive); `start < end` once shown or fitted.
    end: f64,
    /// [`article_key`] of the article the window was fitted for; another article is
    /// fitted when first shown.
    article: Option<u64>,
    #[serde(skip)]
    index: Option<Arc<EventIndex>>,
    /// Chart width last frame, points (0 before the first).
    #[serde(skip)]
    width: f32,
    /// The selection seen last frame: a new one is brought into view.
    #[serde(skip)]
    last_selected: Option<EventId>,
    /// The tick labels the axis drew last frame, top row first.
    #[serde(skip)]
    axis_labels: Vec<String>,
    /// The lanes as laid out last frame (for tests and hit-testing).
    #[serde(skip)]
    lanes: Vec<LaneLayout>,
    /// Vertical scroll of the lane area, points.
    #[serde(skip)]
    lane_scroll: f32,
    /// A pan to a selection under way.
    #[serde(skip)]
    pan: Option<Pan>,
    /// The lane holding this event is scrolled into view when next laid out.
    #[serde(skip)]
    scroll_to: Option<EventId>,
    /// The text of the go-to field.
    #[serde(skip)]
    go_to: String,
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
            lanes: Vec::new(),
            lane_scroll: 0.0,
            pan: None,
            scroll_to: None,
            go_to: String::new(),
        }
    }
}

impl TimelineView {
    /// The visible window in day numbers (start, exclusive end).
    pub fn window(&self) -> (f64, f64) {
        (self.start, self.end)
    }

    /// The window a pan under way ends at (else the window).
    pub fn target_window(&self) -> (f64, f64) {
        self.pan.map_or(self.window(), |p| p.to)
    }

    /// Sets the visible window (clamped to the zoom limits and supported years); stops a
    /// pan under way.
    pub fn set_window(&mut self, range: (f64, f64)) {
        self.pan = None;
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

    /// The lanes as laid out last frame: marks, sub-rows, labels.
    pub fn lanes(&self) -> &[LaneLayout] {
        &self.lanes
    }

    /// The span the overview strip shows: all events (padded) and the window.
    pub fn overview_range(&self) -> (f64, f64) {
        match &self.index {
            Some(index) => overview::overview_range(index, self.window()),
            None => self.window(),
        }
    }

    /// Vertical scroll of the lane area last frame, points.
    pub fn lane_scroll(&self) -> f32 {
        self.lane_scroll
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

    /// Fits the window to `article`'s events: to the dense stretch that holds most of
    /// them when a few outliers would otherwise take most of the width (see
    /// [`dense_span`]), else to all of them.
    pub fn fit_all(&mut self, article: &Article) {
        self.article = Some(article_key(article));
        let mut mids: Vec<f64> = article
            .events
            .iter()
            .map(|e| {
                let (a, b) = event_days(e);
                (a + b) * 0.5
            })
            .collect();
        mids.sort_by(f64::total_cmp);
        let span = dense_span(&mids).or_else(|| {
            article
                .events
                .iter()
                .map(event_days)
                .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
        });
        self.fit_span(span);
    }

    /// The window that shows `span` with room for labels at the sides.
    fn fitted(&self, span: (f64, f64)) -> (f64, f64) {
        travel::fit_window(span, self.chart_width())
    }

    fn fit_span(&mut self, span: Option<(f64, f64)>) {
        if let Some(span) = span {
            let w = self.fitted(span);
            self.set_window(w);
        }
    }

    /// Brings `event` into view: nothing moves when it is on screen; otherwise the window
    /// pans to it (animated), keeping the zoom unless the event does not fit.
    pub fn center_on(&mut self, event: &Event) {
        let (a, b) = event_days(event);
        self.scroll_to = Some(event.id.as_str().into());
        self.reveal_days(a, b);
    }

    /// Brings the days `a..b` into view (see [`Self::center_on`]).
    fn reveal_days(&mut self, a: f64, b: f64) {
        let (s, e) = self.target_window();
        let span = e - s;
        // On screen: a day or month wholly in the window, a longer event partly in it
        // (what the reader can click is on screen).
        let point = b - a <= span * 0.02;
        let on_screen = if point {
            a >= s && b <= e
        } else {
            a < e && b > s
        };
        if on_screen {
            return;
        }
        let span = span.max((b - a) * 1.25);
        let mid = (a + b) * 0.5;
        let to = transform::clamp_range((mid - span * 0.5, mid + span * 0.5), self.chart_width());
        self.animate_to(to);
    }

    /// Starts an animated move of the window to `to`.
    fn animate_to(&mut self, to: (f64, f64)) {
        self.pan = Some(Pan {
            from: self.window(),
            to,
            t0: -1.0,
        });
    }

    /// Advances a pan under way to time `now` (seconds); true while it goes on.
    fn step_pan(&mut self, now: f64) -> bool {
        let Some(mut pan) = self.pan else {
            return false;
        };
        if pan.t0 < 0.0 {
            pan.t0 = now;
            pan.from = self.window();
        }
        let t = ((now - pan.t0) / PAN_SECS).clamp(0.0, 1.0);
        // Ease out: fast at first, settling gently.
        let k = 1.0 - (1.0 - t).powi(3);
        let lerp = |a: f64, b: f64| a + (b - a) * k;
        let w = (lerp(pan.from.0, pan.to.0), lerp(pan.from.1, pan.to.1));
        (self.start, self.end) = transform::clamp_range(w, self.chart_width());
        if t >= 1.0 {
            self.pan = None;
            false
        } else {
            self.pan = Some(pan);
            true
        }
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
        let shown = index.shown_lanes(input.visible_events);
        if shown.is_empty() {
            self.lanes.clear();
            empty_ui(ui, id, width, s, input.theme);
            return actions;
        }
        let ctx = ui.ctx().clone();
        let rtl_ui = input.lang.is_rtl();
        let theme = input.theme;
        let lane_label_w = shown
            .iter()
            .filter_map(|&l| index.lanes.get(l).and_then(|l| l.lane))
            .map(|lane| {
                let c = lane_category(article, lane);
                UiMeasure(&ctx).text_width(
                    c.name(input.lang == Lang::Fa),
                    LANE_LABEL_SIZE,
                    LANE_LABEL_WEIGHT,
                )
            })
            .fold(0.0f32, f32::max)
            .max(40.0)
            + 34.0;
        let calendars = input.calendar.calendars();
        let axis_h = calendars.len() as f32 * TICK_ROW_H;
        let below = GAP_Y + overview::STRIP_H + overview::LABELS_H + LEGEND_H;
        let fixed = TOOLBAR_H + axis_h + below;
        // The lanes take what the panel leaves, at least one sub-row; more scrolls.
        let avail = ui.available_height();
        let want = self
            .lanes
            .iter()
            .map(|l| l.height)
            .sum::<f32>()
            .max(shown.len() as f32 * lane_height(1));
        // In a panel, the chart fills it (the panel's size is the reader's, see the
        // splitter); unbounded, it takes what the lanes need.
        let view_h = if avail.is_finite() && avail < 20_000.0 {
            (avail - fixed).max(lane_height(1))
        } else {
            want
        };
        let height = fixed + view_h;
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
            toolbar.bottom()..=toolbar.bottom() + axis_h,
        );
        let viewport = Rect::from_x_y_ranges(
            rect.left()..=rect.right(),
            axis.bottom()..=axis.bottom() + view_h,
        );
        let lanes_rect = Rect::from_x_y_ranges(chart_x.0..=chart_x.1, viewport.y_range());
        let chart = axis.union(lanes_rect);
        let strip = Rect::from_x_y_ranges(
            chart_x.0..=chart_x.1,
            viewport.bottom() + GAP_Y..=viewport.bottom() + GAP_Y + overview::STRIP_H,
        );
        let legend_y = strip.bottom() + overview::LABELS_H + LEGEND_H * 0.5;
        self.width = chart.width();
        if self.article != Some(key) {
            self.fit_all(article);
        }
        if !(self.start.is_finite() && self.end.is_finite() && self.start < self.end) {
            self.fit_all(article);
        }

        // A selection made elsewhere (the article, the sources) is brought into view.
        if input.selected_event != self.last_selected.as_ref() {
            self.last_selected = input.selected_event.cloned();
            if let Some(it) = input
                .selected_event
                .and_then(|id| index.position(id.as_str()))
                .and_then(|p| index.items.get(p))
            {
                self.scroll_to = input.selected_event.cloned();
                self.reveal_days(it.start, it.end);
            }
        }
        if self.step_pan(ui.input(|i| i.time)) {
            ui.ctx().request_repaint();
        }

        // The background goes under everything, the toolbar's buttons included.
        if ui.is_rect_visible(rect) {
            ui.painter().rect_filled(rect, 6.0, theme::paper(theme));
        }

        // 1. Input: toolbar, background (focus, keys, wheel, pinch, drag), overview.
        let (pressed, go_to) = toolbar_ui(ui, id, toolbar, input, &mut self.go_to);
        let bg = ui.interact(chart, id, Sense::click_and_drag());
        bg.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, s.timeline));
        if bg.clicked() || bg.drag_started() {
            bg.request_focus();
        }
        let mut tr = Transform::new(chart.left(), chart.right(), self.window(), input.direction);
        let user_moved = |view: &mut Self| view.pan = None;
        let mut nav: Option<bool> = None; // Some(forward)
        let mut jump: Option<bool> = None; // Some(to_last)
        let selected_pos = input
            .selected_event
            .and_then(|id| index.position(id.as_str()));
        for icon in pressed {
            match icon {
                Icon::Fit => {
                    let to = self.fit_target(&index, input.visible_events);
                    self.animate_to(to);
                }
                Icon::ZoomIn => tr.zoom_at(f64::from(chart.center().x), ZOOM_STEP),
                Icon::ZoomOut => tr.zoom_at(f64::from(chart.center().x), 1.0 / ZOOM_STEP),
                Icon::Prev => nav = Some(false),
                Icon::Next => nav = Some(true),
                Icon::Span(span) => {
                    let (a, b) = tr.range();
                    let day = selected_pos
                        .and_then(|p| index.items.get(p))
                        .map_or((a + b) * 0.5, |it| it.mid());
                    if let Some(w) = span_around(day, span, input.calendar.main()) {
                        self.animate_to(self.fitted(w));
                    }
                }
            }
        }
        if let Some(text) = go_to
            && let Some(w) = parse_target(&text)
        {
            self.animate_to(self.fitted(w));
        }
        let total_h: f32 = self.lanes.iter().map(|l| l.height).sum();
        let max_scroll = (total_h - view_h).max(0.0);
        if bg.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        tab: false,
                        escape: false,
                    },
                );
            });
            use egui::{Key, Modifiers};
            let (left, right, up, down, plus, minus, home, end) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowLeft),
                    i.consume_key(Modifiers::NONE, Key::ArrowRight),
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
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
            if up {
                self.lane_scroll -= SCROLL_STEP;
            }
            if down {
                self.lane_scroll += SCROLL_STEP;
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
        let before = tr.range();
        // Wheel and pinch over the chart zoom and pan; the wheel over the lane names
        // scrolls the lanes.
        let names = Rect::from_x_y_ranges(label_x.0..=label_x.1, viewport.y_range());
        if let Some(p) = ui.input(|i| i.pointer.hover_pos()) {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            if ui.rect_contains_pointer(chart) {
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
            } else if ui.rect_contains_pointer(names) && scroll.y != 0.0 && max_scroll > 0.0 {
                self.lane_scroll -= scroll.y;
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
        let ov_range = overview::overview_range(&index, tr.range());
        let ov_tr = Transform::new(strip.left(), strip.right(), ov_range, input.direction);
        let (moved, ov_active) = overview::overview_input(
            ui,
            id.with("overview"),
            strip,
            &ov_tr,
            tr.range(),
            s.overview,
        );
        if let Some(w) = moved {
            tr = Transform::new(chart.left(), chart.right(), w, input.direction);
        }
        if tr.range() != before || moved.is_some() {
            user_moved(self);
            (self.start, self.end) = tr.range();
        } else if self.pan.is_none() {
            (self.start, self.end) = tr.range();
        }

        // Keyboard and button navigation: select and keep in view.
        let target = match (nav, jump) {
            (_, Some(to_last)) => index.step(input.visible_events, None, !to_last),
            (Some(forward), None) => match selected_pos {
                Some(p) => index.step(input.visible_events, Some(p), forward),
                None => {
                    let (a, b) = tr.range();
                    index.near(input.visible_events, if forward { a } else { b }, forward)
                }
            },
            (None, None) => None,
        };
        if let Some(p) = target
            && let Some(it) = index.items.get(p)
            && let Some(e) = article.events.get(it.event as usize)
        {
            actions.push(TimelineAction::Select(e.id.as_str().into()));
            self.last_selected = Some(e.id.as_str().into());
            self.scroll_to = Some(e.id.as_str().into());
            self.reveal_days(it.start, it.end);
            // Keys move at once (a held key must not outrun an animation).
            if let Some(pan) = self.pan.take() {
                self.set_window(pan.to);
            }
        }
        let tr = Transform::new(chart.left(), chart.right(), self.window(), input.direction);

        // 2. Layout: the chart's lanes, marks and labels.
        let filters = Filters {
            visible: input.visible_events,
            marked: input.marked_events,
            selected: selected_pos,
        };
        let spec = ChartSpec {
            article,
            index: &index,
            transform: &tr,
            filters,
            clustering: Clustering::for_zoom(&tr),
            max_rows: WIDGET_ROWS,
        };
        let lanes = layout_lanes(&spec, &shown, &mut UiMeasure(&ctx));
        let total_h: f32 = lanes.iter().map(|l| l.height).sum();
        let max_scroll = (total_h - view_h).max(0.0);
        // The lane of an event brought into view is scrolled into view too (once the
        // lanes' heights are known from a frame before): its mark's row, or the lane.
        if !self.lanes.is_empty()
            && let Some(id) = self.scroll_to.take()
            && let Some(pos) = index.position(id.as_str())
        {
            let lane_of = index.items.get(pos).map(|it| it.lane);
            let found = lanes.iter().find_map(|l| {
                let m = l
                    .marks
                    .iter()
                    .find(|m| m.item as usize == pos || m.members.contains(&(pos as u32)));
                match m {
                    Some(m) => Some((l.top + row_y(m.row) - SUB_H, l.top + row_y(m.row) + SUB_H)),
                    None => (index.lanes.get(l.lane).and_then(|x| x.lane) == lane_of)
                        .then_some((l.top, l.top + l.height.min(view_h))),
                }
            });
            if let Some((y0, y1)) = found
                && (y0 < self.lane_scroll || y1 > self.lane_scroll + view_h)
            {
                self.lane_scroll = (y0 + y1) * 0.5 - view_h * 0.5;
            }
        }
        self.lane_scroll = self.lane_scroll.clamp(0.0, max_scroll);
        let y0 = viewport.top() - self.lane_scroll;

        // 3. Hit-testing the laid-out marks (inside the lane area only).
        let mut hovered = None;
        let mut zoom_to: Option<(f64, f64)> = None;
        for (k, lane) in lanes.iter().enumerate() {
            for (j, m) in lane.marks.iter().enumerate() {
                let y = y0 + lane.top + row_y(m.row);
                let half = marker_half_height(m).max(SUB_H * 0.5 - 1.0);
                let mut hit = Rect::from_x_y_ranges(m.x.0..=m.x.1, y - half..=y + half);
                if let Some(l) = m.label {
                    let ly = y0 + lane.top + row_y(l.row);
                    hit = hit.union(Rect::from_x_y_ranges(
                        l.x.0..=l.x.1,
                        ly - SUB_H * 0.5 + 1.0..=ly + SUB_H * 0.5 - 1.0,
                    ));
                }
                let hit = hit.intersect(lanes_rect);
                if !hit.is_positive() {
                    continue;
                }
                let resp = ui.interact(
                    hit,
                    id.with(("mark", m.item, m.kind == MarkKind::Cluster)),
                    Sense::CLICK,
                );
                let resp = tooltips::mark_response(resp, m, article, &index, input);
                if resp.clicked() {
                    match m.kind {
                        MarkKind::Cluster => zoom_to = Some(m.days),
                        _ => {
                            if let Some(e) = index
                                .items
                                .get(m.item as usize)
                                .and_then(|it| article.events.get(it.event as usize))
                            {
                                actions.push(TimelineAction::Select(e.id.as_str().into()));
                                // The click chose what is on screen: the view stays.
                                self.last_selected = Some(e.id.as_str().into());
                            }
                            ui.memory_mut(|mem| mem.request_focus(id));
                        }
                    }
                }
                if resp.hovered() {
                    hovered = Some((k, j));
                }
            }
        }
        // Events left outside the window (a focused fit): counted at the edges; a click
        // shows them all.
        let (lo, hi) = tr.range();
        let outside = index.outside(input.visible_events, (lo, hi));
        let mut edge_badges = Vec::new();
        for (n, later) in [(outside.0, false), (outside.1, true)] {
            if n == 0 {
                continue;
            }
            let at_left = later == (input.direction == TimeDirection::RightToLeft);
            let words = if later {
                s.later_events
            } else {
                s.earlier_events
            };
            // «۱ رویداد پیش‌تر», "1 earlier event", "3 earlier events".
            let words = if n == 1 && input.lang == Lang::En {
                words.trim_end_matches('s')
            } else {
                words
            };
            let text = format!("{} {words}", input.lang.num(n));
            let job = crate::text::TextJob::new(text.as_str())
                .size(11.0)
                .selectable(false);
            let w = crate::text::measure_text(&ctx, &job).x + 12.0;
            let x = if at_left {
                chart.left() + 2.0
            } else {
                chart.right() - 2.0 - w
            };
            let r = Rect::from_min_size(pos2(x, axis.top() + 2.0), vec2(w, 16.0));
            let resp = ui.interact(r, id.with(("outside", later)), Sense::click());
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
            if resp.clicked() {
                let span = index.span_of(input.visible_events);
                if let Some(span) = span {
                    self.animate_to(self.fitted(span));
                }
            }
            edge_badges.push((r, text, resp.hovered()));
        }

        // 4. Paint.
        let look = Look {
            theme,
            lang: input.lang,
            emphasis: !input.marked_events.is_empty(),
            hovered,
        };
        if ui.is_rect_visible(rect) {
            let painter = ui.painter_at(rect);
            let lanes_painter = painter.with_clip_rect(viewport.intersect(rect));
            let name_x = if rtl_ui {
                (label_x.1 - 10.0, HAlign::Right)
            } else {
                (label_x.0 + 10.0, HAlign::Left)
            };
            for sh in lane_titles(
                article,
                &index,
                &lanes,
                0.0,
                (rect.left(), rect.right()),
                name_x,
                look,
            ) {
                paint_shape(&lanes_painter, &sh.shape, y0);
            }
            let sep_x = if rtl_ui { label_x.0 } else { label_x.1 };
            painter.line_segment(
                [pos2(sep_x, axis.top()), pos2(sep_x, viewport.bottom())],
                Stroke::new(1.0, theme::muted(theme).gamma_multiply(0.4)),
            );
            let reserved: Vec<(f32, f32)> = edge_badges
                .iter()
                .map(|(r, _, _)| (r.left(), r.right()))
                .collect();
            let (axis_shapes, drawn) = axis_shapes(
                &tr,
                calendars,
                AxisFrame {
                    top: axis.top(),
                    name_x: (name_x.0, name_x.1),
                    reserved: &reserved,
                },
                look,
                &mut UiMeasure(&ctx),
            );
            self.axis_labels = drawn;
            for sh in &axis_shapes {
                paint_shape(&painter, &sh.shape, 0.0);
            }
            // The grid, under the marks, over the bands.
            let chart_painter = painter.with_clip_rect(lanes_rect.intersect(rect));
            let first = calendars
                .first()
                .copied()
                .unwrap_or(crate::persian::dates::Calendar::Gregorian);
            for sh in &grid_shapes(&tr, first, (viewport.top(), viewport.bottom()), look) {
                paint_shape(&chart_painter, &sh.shape, 0.0);
            }
            for sh in lane_marks_shapes(article, &index, &tr, &lanes, 0.0, look) {
                paint_shape(&chart_painter, &sh.shape, y0);
            }
            if max_scroll > 0.0 {
                self.scrollbar_ui(
                    ui,
                    id,
                    viewport,
                    label_x,
                    rtl_ui,
                    total_h,
                    view_h,
                    theme,
                    s.lanes_scroll,
                );
            }
            for (r, text, hovered) in &edge_badges {
                painter.rect_filled(*r, 8.0, theme::sidebar(theme));
                if *hovered {
                    painter.rect_stroke(
                        *r,
                        8.0,
                        Stroke::new(1.0, theme::date_mark(theme)),
                        StrokeKind::Inside,
                    );
                }
                let job = crate::text::TextJob::new(text.as_str())
                    .size(11.0)
                    .color(theme::muted(theme))
                    .selectable(false);
                crate::text::paint_text(&painter, &job, r.center(), egui::Align2::CENTER_CENTER);
            }
            overview::overview_paint(
                &painter,
                &ov_tr,
                strip,
                &index,
                tr.range(),
                ov_active,
                (theme, input.lang, input.calendar.main()),
            );
            let legend_x = if rtl_ui { chart.right() } else { chart.left() };
            // The reader's certainty marks are explained once the timeline shows one.
            let certainties: Vec<Certainty> = [Certainty::Confirmed, Certainty::Disputed]
                .into_iter()
                .filter(|c| input.article.events.iter().any(|e| e.certainty == *c))
                .collect();
            let (legend, _) = legend_shapes(
                legend_x,
                legend_y,
                rtl_ui,
                look,
                &certainties,
                &mut UiMeasure(&ctx),
            );
            for sh in &legend {
                paint_shape(&painter, &sh.shape, 0.0);
            }
            if bg.has_focus() {
                painter.rect_stroke(
                    chart.expand(1.0),
                    4.0,
                    Stroke::new(1.5, theme::date_mark(theme)),
                    StrokeKind::Inside,
                );
            }
            paint_range_text(&painter, toolbar, &tr, input, rtl_ui);
        }
        self.lanes = lanes;
        if let Some((a, b)) = zoom_to {
            let pad = ((b - a) * 0.2).max(1.0);
            self.set_window((a - pad, b + pad));
            ui.ctx().request_repaint();
        }
        actions
    }

    /// The lanes' scroll bar at the lane names' outer edge: its thumb can be dragged.
    #[allow(
        clippy::too_many_arguments,
        reason = "the frame's geometry, passed once"
    )]
    fn scrollbar_ui(
        &mut self,
        ui: &mut Ui,
        id: egui::Id,
        viewport: Rect,
        label_x: (f32, f32),
        rtl: bool,
        total_h: f32,
        view_h: f32,
        theme: Theme,
        label: &str,
    ) {
        let x = if rtl {
            label_x.1 - SCROLLBAR_W - 1.0
        } else {
            label_x.0 + 1.0
        };
        let track = Rect::from_x_y_ranges(x..=x + SCROLLBAR_W, viewport.y_range());
        let resp = ui.interact(track, id.with("lanes-scroll"), Sense::click_and_drag());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, label));
        if resp.dragged() {
            self.lane_scroll += resp.drag_delta().y * total_h / view_h.max(1.0);
        }
        let thumb_h = (view_h / total_h * view_h).max(16.0);
        let top = viewport.top() + self.lane_scroll / total_h.max(1.0) * view_h;
        let thumb = Rect::from_x_y_ranges(
            track.x_range(),
            top..=(top + thumb_h).min(viewport.bottom()),
        );
        let c = theme::muted(theme).gamma_multiply(if resp.hovered() || resp.dragged() {
            0.8
        } else {
            0.45
        });
        ui.painter().rect_filled(thumb, 3.0, c);
    }

    /// Fit-all's window: the dense stretch holding most events (the few outside are
    /// counted at the chart's edges), or all events when they are spread evenly or the
    /// window already shows the dense stretch.
    fn fit_target(&self, index: &EventIndex, visible: Option<&EventSet>) -> (f64, f64) {
        let all = index.span_of(visible).map(|s| self.fitted(s));
        let dense = dense_span(&index.mids_of(visible)).map(|s| self.fitted(s));
        let now = self.target_window();
        let same = |w: (f64, f64)| (w.0 - now.0).abs() < 1e-6 && (w.1 - now.1).abs() < 1e-6;
        match (dense, all) {
            (Some(d), _) if !same(d) => d,
            (_, Some(a)) => a,
            (Some(d), None) => d,
            (None, None) => now,
        }
    }
}

pub use travel::Span;
