//! Small widgets drawn with the Persian text engine: clickable rows and headers.

use egui::{Color32, Response, Sense, Ui, vec2};

use crate::text::{TextJob, measure_text, paint_text};

/// A full-width clickable row showing `job` on one line (clipped), highlighted when
/// `selected`, with `label` for AccessKit. Text starts on the right when `rtl`.
pub fn text_row(
    ui: &mut Ui,
    job: &TextJob,
    selected: bool,
    marked: bool,
    label: &str,
    rtl: bool,
) -> Response {
    let size = measure_text(ui.ctx(), job);
    let pad = vec2(8.0, 3.0);
    let width = ui.available_width().max(40.0);
    let (rect, resp) = ui.allocate_exact_size(vec2(width, size.y + pad.y * 2.0), Sense::click());
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, label));
    if ui.is_rect_visible(rect) {
        let v = ui.visuals();
        let fill = if selected {
            v.selection.bg_fill
        } else if resp.hovered() {
            v.widgets.hovered.weak_bg_fill
        } else if marked {
            v.selection.bg_fill.gamma_multiply(0.35)
        } else {
            Color32::TRANSPARENT
        };
        ui.painter().rect_filled(rect, 4.0, fill);
        if resp.has_focus() {
            ui.painter()
                .rect_stroke(rect, 4.0, v.selection.stroke, egui::StrokeKind::Inside);
        }
        let painter = ui.painter_at(rect);
        let (pos, anchor) = if rtl {
            (
                rect.right_center() - vec2(pad.x, 0.0),
                egui::Align2::RIGHT_CENTER,
            )
        } else {
            (
                rect.left_center() + vec2(pad.x, 0.0),
                egui::Align2::LEFT_CENTER,
            )
        };
        paint_text(&painter, job, pos, anchor);
    }
    resp.on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// A section header drawn with the engine (non-interactive).
pub fn header(ui: &mut Ui, job: &TextJob, rtl: bool) {
    let size = measure_text(ui.ctx(), job);
    let width = ui.available_width().max(40.0);
    let (rect, resp) = ui.allocate_exact_size(vec2(width, size.y + 6.0), Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &*job.text));
    let (pos, anchor) = if rtl {
        (
            rect.right_center() - vec2(4.0, 0.0),
            egui::Align2::RIGHT_CENTER,
        )
    } else {
        (
            rect.left_center() + vec2(4.0, 0.0),
            egui::Align2::LEFT_CENTER,
        )
    };
    paint_text(&ui.painter_at(rect), job, pos, anchor);
}
