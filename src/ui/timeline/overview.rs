//! The overview strip under the chart: the density of events over their whole span, year
//! labels under it, and the visible window as a frame that can be dragged (or a click
//! elsewhere centres the window there).

use egui::{Align2, Id, Rect, Sense, Stroke, StrokeKind, Ui, pos2};

use crate::chart::{EventIndex, Lang, Transform, ticks};
use crate::persian::dates::Calendar;
use crate::text::{TextJob, measure_text, paint_text};
use crate::ui::theme::{self, Theme};

/// Height of the density strip and of its row of year labels, points.
pub(super) const STRIP_H: f32 = 16.0;
pub(super) const LABELS_H: f32 = 14.0;
const LABEL_SIZE: f32 = 9.5;

/// The overview's range: all events (padded) and the window.
pub(super) fn overview_range(index: &EventIndex, window: (f64, f64)) -> (f64, f64) {
    match index.span {
        Some((lo, hi)) => {
            let pad = ((hi - lo) * 0.03).max(5.0);
            ((lo - pad).min(window.0), (hi + pad).max(window.1))
        }
        None => window,
    }
}

/// Handles the strip's input: dragging the window's frame moves it with the pointer; a
/// click or a drag that starts elsewhere centres the window on the pointer first.
/// Returns the new window, if it moved.
pub(super) fn overview_input(
    ui: &mut Ui,
    id: Id,
    strip: Rect,
    ov: &Transform,
    window: (f64, f64),
    label: &str,
) -> (Option<(f64, f64)>, bool) {
    let resp = ui.interact(strip, id, Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, label));
    let active = resp.hovered() || resp.dragged();
    let Some(p) = resp.interact_pointer_pos() else {
        return (None, active);
    };
    let span = window.1 - window.0;
    let (a, b) = ov.x_span(window.0, window.1);
    let on_frame = f64::from(p.x) >= a - 3.0 && f64::from(p.x) <= b + 3.0;
    let grabbed = ui.data_mut(|d| *d.get_temp_mut_or_default::<bool>(id.with("grab")));
    if resp.drag_started() {
        ui.data_mut(|d| d.insert_temp(id.with("grab"), on_frame));
    }
    let moved = if resp.dragged() && (grabbed || (resp.drag_started() && on_frame)) {
        let dx = f64::from(resp.drag_delta().x);
        let shift = ov.day_from_x(f64::from(p.x)) - ov.day_from_x(f64::from(p.x) - dx);
        Some((window.0 + shift, window.1 + shift))
    } else if resp.clicked() || resp.dragged() {
        let day = ov.day_from_x(f64::from(p.x));
        Some((day - span * 0.5, day + span * 0.5))
    } else {
        None
    };
    (moved, active)
}

/// Paints the strip: density bars, the window's frame, and year labels under it.
pub(super) fn overview_paint(
    painter: &egui::Painter,
    ov: &Transform,
    strip: Rect,
    index: &EventIndex,
    window: (f64, f64),
    active: bool,
    (theme, lang, calendar): (Theme, Lang, Calendar),
) {
    painter.rect_filled(strip, 3.0, theme::sidebar(theme));
    if let Some((lo, hi)) = index.span {
        let max = index.histogram.iter().copied().max().unwrap_or(1).max(1) as f32;
        let bins = index.histogram.len().max(1) as f64;
        let w = (hi - lo).max(1.0) / bins;
        let color = theme::muted(theme).gamma_multiply(0.8);
        for (k, &n) in index.histogram.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let (a, b) = ov.x_span(lo + k as f64 * w, lo + (k + 1) as f64 * w);
            let h = (strip.height() - 4.0) * (n as f32 / max).sqrt().max(0.2);
            let bar = Rect::from_x_y_ranges(
                a as f32..=(b as f32).max(a as f32 + 1.0),
                strip.bottom() - 2.0 - h..=strip.bottom() - 2.0,
            );
            painter.rect_filled(bar, 0.0, color);
        }
    }
    let (a, b) = ov.x_span(window.0, window.1);
    let (a, b) = ((a as f32).max(strip.left()), (b as f32).min(strip.right()));
    let mid = (a + b) * 0.5;
    let half = ((b - a) * 0.5).max(3.0);
    let win = Rect::from_x_y_ranges(mid - half..=mid + half, strip.top()..=strip.bottom());
    let accent = theme::date_mark(theme);
    painter.rect_filled(
        win,
        3.0,
        accent.gamma_multiply(if active { 0.3 } else { 0.2 }),
    );
    painter.rect_stroke(win, 3.0, Stroke::new(1.5, accent), StrokeKind::Inside);
    // Year labels: major ticks first, none overlapping.
    let (l, r) = (strip.left(), strip.right());
    let t = ticks(ov.range(), r - l, calendar, lang);
    let mut taken: Vec<(f32, f32)> = Vec::new();
    let y = strip.bottom() + LABELS_H * 0.5 + 1.0;
    for major in [true, false] {
        for tick in t.iter().filter(|t| t.major == major && !t.label.is_empty()) {
            let x = ov.x_from_day(tick.day) as f32;
            let job = TextJob::new(tick.label.as_str())
                .size(LABEL_SIZE)
                .color(theme::muted(theme))
                .selectable(false);
            let w = measure_text(painter.ctx(), &job).x;
            let (a, b) = (x - w * 0.5, x + w * 0.5);
            if a < l || b > r || taken.iter().any(|&(p, q)| b + 6.0 > p && a < q + 6.0) {
                continue;
            }
            taken.push((a, b));
            painter.line_segment(
                [pos2(x, strip.bottom() - 3.0), pos2(x, strip.bottom())],
                Stroke::new(1.0, theme::muted(theme)),
            );
            paint_text(painter, &job, pos2(x, y), Align2::CENTER_CENTER);
        }
    }
}
