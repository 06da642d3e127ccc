//! The timeline's toolbar: icon buttons (fit, zoom, previous and next event), the
//! decade / year / month buttons, the field that goes to a typed year or decade, and the
//! visible window as text.

use egui::{Align2, Id, Rect, Sense, Shape, Stroke, StrokeKind, Ui, pos2, vec2};

use crate::chart::{TimeDirection, Transform, travel::Span};
use crate::model::{Day, FuzzyDate, Precision};
use crate::persian::dates;
use crate::text::{Paragraph, TextJob, measure_text, paint_text};
use crate::ui::i18n::{Lang, Strings};
use crate::ui::theme::{self, Theme};

use super::TimelineInput;

/// Which toolbar button was pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Icon {
    Fit,
    ZoomIn,
    ZoomOut,
    Prev,
    Next,
    Span(Span),
}

/// Height of the toolbar, points.
pub(super) const TOOLBAR_H: f32 = 30.0;
const BUTTON: f32 = 26.0;
const SIDE_PAD: f32 = 10.0;
/// Width of the go-to field, points.
const GO_TO_W: f32 = 120.0;

/// The toolbar's buttons and the go-to field, at the start side. Returns the buttons
/// clicked, and the go-to text when Enter was pressed in the field.
pub(super) fn toolbar_ui(
    ui: &mut Ui,
    id: Id,
    toolbar: Rect,
    input: &TimelineInput<'_>,
    go_to: &mut String,
) -> (Vec<Icon>, Option<String>) {
    let s = input.lang.strings();
    let rtl = input.lang.is_rtl();
    let icons = [
        (Icon::Fit, s.fit_all),
        (Icon::ZoomIn, s.zoom_in),
        (Icon::ZoomOut, s.zoom_out),
        (Icon::Prev, s.prev_event),
        (Icon::Next, s.next_event),
    ];
    let mut out = Vec::new();
    let y = toolbar.center().y;
    let at = |offset: f32| {
        if rtl {
            toolbar.right() - offset
        } else {
            toolbar.left() + offset
        }
    };
    let mut offset = SIDE_PAD;
    for (k, (icon, label)) in icons.into_iter().enumerate() {
        if k == 3 {
            offset += 10.0;
        }
        let rect = Rect::from_center_size(
            pos2(at(offset + BUTTON * 0.5), y),
            vec2(BUTTON, BUTTON - 2.0),
        );
        if icon_button(ui, id.with(("button", k)), rect, icon, label, input) {
            out.push(icon);
        }
        offset += BUTTON + 2.0;
    }
    offset += 10.0;
    for (k, (span, label)) in [
        (Span::Decade, s.span_decade),
        (Span::Year, s.span_year),
        (Span::Month, s.span_month),
    ]
    .into_iter()
    .enumerate()
    {
        let job = TextJob::new(label)
            .size(12.0)
            .color(theme::ink(input.theme))
            .selectable(false);
        let w = measure_text(ui.ctx(), &job).x + 14.0;
        let cx = at(offset + w * 0.5);
        let rect = Rect::from_center_size(pos2(cx, y), vec2(w, BUTTON - 4.0));
        if text_button(ui, id.with(("span", k)), rect, &job, label, input.theme) {
            out.push(Icon::Span(span));
        }
        offset += w + 2.0;
    }
    offset += 10.0;
    let field_rect = Rect::from_center_size(
        pos2(at(offset + GO_TO_W * 0.5), y),
        vec2(GO_TO_W, BUTTON - 2.0),
    );
    let mut submitted = None;
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(field_rect)
            .id_salt("timeline-go-to"),
        |ui| {
            let field = crate::text::TextField::singleline(go_to)
                .width(GO_TO_W)
                .size(12.5)
                .id_salt("timeline-go-to-field")
                .label(s.go_to)
                .hint(s.go_to_hint)
                .rtl_when_empty(rtl)
                .show(ui);
            if field.submitted {
                submitted = Some(go_to.clone());
            }
        },
    );
    (out, submitted)
}

/// A toolbar button's response (its label is its AccessKit name) and its background:
/// a tint when hovered (`always`: also at rest), a frame when it has the focus.
fn button_frame(
    ui: &mut Ui,
    id: Id,
    rect: Rect,
    label: &str,
    theme: Theme,
    always: bool,
) -> egui::Response {
    let resp = ui
        .interact(rect, id, Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        if resp.hovered() || resp.has_focus() {
            painter.rect_filled(rect, 5.0, theme::ink(theme).gamma_multiply(0.1));
        } else if always {
            painter.rect_filled(rect, 5.0, theme::ink(theme).gamma_multiply(0.04));
        }
        if resp.has_focus() {
            painter.rect_stroke(
                rect,
                5.0,
                Stroke::new(1.5, theme::date_mark(theme)),
                StrokeKind::Inside,
            );
        }
    }
    resp
}

/// A small button with a text label painted by the engine.
fn text_button(ui: &mut Ui, id: Id, rect: Rect, job: &TextJob, label: &str, theme: Theme) -> bool {
    let resp = button_frame(ui, id, rect, label, theme, true);
    if ui.is_rect_visible(rect) {
        paint_text(ui.painter(), job, rect.center(), Align2::CENTER_CENTER);
    }
    resp.clicked()
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
    let theme = input.theme;
    let resp = button_frame(ui, id, rect, label, theme, false);
    let clicked = resp.clicked();
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let ink = Stroke::new(1.6, theme::ink(theme));
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
                    Stroke::new(2.2, theme::ink(theme)),
                );
                painter.line_segment([o - vec2(3.0, 0.0), o + vec2(3.0, 0.0)], ink);
                if icon == Icon::ZoomIn {
                    painter.line_segment([o - vec2(0.0, 3.0), o + vec2(0.0, 3.0)], ink);
                }
            }
            Icon::Span(_) => {}
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
                painter.add(Shape::convex_polygon(pts, theme::ink(theme), Stroke::NONE));
            }
        }
    }
    let _tip = resp.on_hover_ui(|ui| {
        let job = TextJob::new(label)
            .size(12.5)
            .color(theme::ink(theme))
            .selectable(false);
        let w = measure_text(ui.ctx(), &job).x + 2.0;
        Paragraph::new(job).width(w).show(ui);
    });
    clicked
}

/// The visible window as text, at the toolbar's far side.
pub(super) fn paint_range_text(
    painter: &egui::Painter,
    toolbar: Rect,
    tr: &Transform,
    input: &TimelineInput<'_>,
    rtl_ui: bool,
) {
    let fa = input.lang == Lang::Fa;
    let cal = input.calendar.main();
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
        .color(theme::muted(input.theme))
        .selectable(false)
        .direction(if rtl_ui {
            crate::text::Direction::Rtl
        } else {
            crate::text::Direction::Ltr
        });
    paint_text(painter, &job, pos2(x, toolbar.center().y), anchor);
}

/// Height of the «no events» state, points.
const EMPTY_H: f32 = 96.0;

/// The «no events» state.
pub(super) fn empty_ui(ui: &mut Ui, id: Id, width: f32, s: &Strings, theme: Theme) {
    let (rect, _) = ui.allocate_exact_size(vec2(width, EMPTY_H), Sense::hover());
    let resp = ui.interact(rect, id.with("empty"), Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, s.no_events));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter_at(rect);
        let job = TextJob::new(s.no_events)
            .size(14.0)
            .color(theme::muted(theme))
            .selectable(false);
        paint_text(&painter, &job, rect.center(), Align2::CENTER_CENTER);
    }
}
