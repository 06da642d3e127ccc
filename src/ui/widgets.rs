//! Small widgets drawn with the Persian text engine: clickable rows and headers, and the
//! shell's controls mirrored for the right-to-left UI (check box, radio button, combo box,
//! slider, dialog buttons).

use egui::{Color32, Rect, Response, Sense, Ui, Vec2, pos2, vec2};

use crate::text::{Direction, TextJob, measure_text, paint_text};

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
    let width = row_width(ui, size.x + pad.x * 2.0).max(40.0);
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
    let width = row_width(ui, size.x + 8.0).max(40.0);
    let (rect, resp) = ui.allocate_exact_size(vec2(width, size.y + 6.0), Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, plain(&job.text)));
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

/// Size of the shell's control labels (check boxes, radio buttons, combo boxes, sliders,
/// dialogs), points.
pub const CONTROL_TEXT: f32 = 14.0;

/// `s` without bidi isolate marks: AccessKit labels carry the words, not the marks.
pub fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
        .collect()
}

/// A one-line label of the shell's controls in the UI's direction (right-to-left in the
/// Persian UI, so an isolated number or Latin name keeps its place in the sentence).
pub fn control_job(text: &str, color: Color32, rtl: bool) -> TextJob {
    TextJob::new(text)
        .size(CONTROL_TEXT)
        .color(color)
        .selectable(false)
        .direction(if rtl { Direction::Rtl } else { Direction::Ltr })
}

/// The width a control row takes: the whole width of a vertical layout (so the row is
/// clickable end to end and its box sits at the start edge), else what it needs. A sizing
/// pass (a menu measuring itself) gets what it needs.
fn row_width(ui: &Ui, desired: f32) -> f32 {
    if ui.layout().is_vertical() && !ui.is_sizing_pass() {
        ui.available_width().max(desired)
    } else {
        desired
    }
}

/// A check box or radio button row: the icon at the start edge (right when `rtl`), the
/// label after it drawn with the engine. `paint_icon` draws the icon in its square.
fn toggle_row(
    ui: &mut Ui,
    text: &str,
    rtl: bool,
    info: impl Fn(String) -> egui::WidgetInfo,
    paint_icon: impl FnOnce(&egui::Painter, Rect, &egui::style::WidgetVisuals),
) -> Response {
    let job = control_job(text, ui.visuals().text_color(), rtl);
    let text_size = measure_text(ui.ctx(), &job);
    let icon = ui.spacing().icon_width;
    let gap = ui.spacing().icon_spacing;
    let height = ui.spacing().interact_size.y.max(text_size.y);
    let width = row_width(ui, icon + gap + text_size.x + 4.0);
    let (rect, resp) = ui.allocate_exact_size(vec2(width, height), Sense::click());
    let label = plain(text);
    resp.widget_info(|| info(label.clone()));
    if ui.is_rect_visible(rect) {
        let visuals = *ui.style().interact(&resp);
        let (icon_x, text_pos, anchor) = if rtl {
            (
                rect.right() - icon * 0.5,
                pos2(rect.right() - icon - gap, rect.center().y),
                egui::Align2::RIGHT_CENTER,
            )
        } else {
            (
                rect.left() + icon * 0.5,
                pos2(rect.left() + icon + gap, rect.center().y),
                egui::Align2::LEFT_CENTER,
            )
        };
        let square = Rect::from_center_size(pos2(icon_x, rect.center().y), Vec2::splat(icon));
        let painter = ui.painter();
        paint_icon(painter, square, &visuals);
        if resp.has_focus() {
            painter.rect_stroke(
                rect.expand(1.0),
                3.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
        paint_text(
            &ui.painter_at(rect),
            &job.color(visuals.text_color()),
            text_pos,
            anchor,
        );
    }
    resp
}

/// A check box mirrored for the UI's direction: box at the start edge (right when `rtl`),
/// label (drawn with the engine) after it. Toggles `checked` on click (or Space/Enter when
/// focused) and marks the response changed; AccessKit sees a check box named by the label
/// with its checked state.
pub fn check_box(ui: &mut Ui, checked: &mut bool, text: &str, rtl: bool) -> Response {
    let state = *checked;
    let mut resp = toggle_row(
        ui,
        text,
        rtl,
        |label| egui::WidgetInfo::selected(egui::Role::CheckBox, true, state, label),
        |painter, square, visuals| {
            let radius = visuals.corner_radius.at_most(4);
            painter.rect(
                square.expand(visuals.expansion),
                radius,
                visuals.bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
            if state {
                let r = square.shrink(3.0);
                painter.add(egui::Shape::line(
                    vec![
                        pos2(r.left(), r.center().y),
                        pos2(r.center().x, r.bottom()),
                        pos2(r.right(), r.top()),
                    ],
                    visuals.fg_stroke,
                ));
            }
        },
    );
    if resp.clicked() {
        *checked = !*checked;
        resp.mark_changed();
    }
    resp
}

/// A radio button mirrored for the UI's direction (see [`check_box`]). Returns the
/// response; the caller selects on `clicked()`.
pub fn radio(ui: &mut Ui, selected: bool, text: &str, rtl: bool) -> Response {
    toggle_row(
        ui,
        text,
        rtl,
        |label| egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, label),
        |painter, square, visuals| {
            let c = square.center();
            painter.circle(
                c,
                square.width() * 0.5 + visuals.expansion,
                visuals.bg_fill,
                visuals.bg_stroke,
            );
            if selected {
                painter.circle_filled(c, square.width() * 0.25, visuals.fg_stroke.color);
            }
        },
    )
}

/// Width of a combo box's arrow, in points.
const COMBO_ARROW: f32 = 10.0;

/// The width of a [`combo_box`]'s box and of the whole control (box and label), in points,
/// so that a row can leave it room before laying out what comes first.
pub fn combo_box_size<T>(ui: &Ui, label: &str, options: &[(T, String)], rtl: bool) -> (f32, f32) {
    let ink = ui.visuals().text_color();
    let label_w = measure_text(ui.ctx(), &control_job(label, ink, rtl)).x;
    let widest = options
        .iter()
        .map(|(_, t)| measure_text(ui.ctx(), &control_job(t, ink, rtl)).x)
        .fold(0.0f32, f32::max);
    let gap = ui.spacing().item_spacing.x;
    let box_w = widest + COMBO_ARROW + gap + ui.spacing().button_padding.x * 2.0;
    (box_w, box_w + gap + label_w + 4.0)
}

/// A combo box mirrored for the UI's direction: the box at the start edge (right when
/// `rtl`) with its label after it; the box shows the current option's text with the
/// engine and an arrow at its end; its list is a menu of engine rows. Sets `current` and
/// marks the response changed when an option is picked. AccessKit: a combo box named
/// `label` whose value is the current option's text.
pub fn combo_box<T: PartialEq + Clone>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: &mut T,
    options: &[(T, String)],
    rtl: bool,
) -> Response {
    let ink = ui.visuals().text_color();
    let selected_text = options
        .iter()
        .find(|(v, _)| v == current)
        .map_or_else(String::new, |(_, t)| t.clone());
    let label_job = control_job(label, ink, rtl);
    let label_size = measure_text(ui.ctx(), &label_job);
    let (box_w, natural) = combo_box_size(ui, label, options, rtl);
    let pad = ui.spacing().button_padding;
    let arrow = COMBO_ARROW;
    let gap = ui.spacing().item_spacing.x;
    let height = ui.spacing().interact_size.y.max(label_size.y);
    let width = row_width(ui, natural);
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let (box_rect, label_pos, label_anchor) = if rtl {
        let b = Rect::from_min_max(pos2(rect.right() - box_w, rect.top()), rect.right_bottom());
        (
            b,
            pos2(b.left() - gap, rect.center().y),
            egui::Align2::RIGHT_CENTER,
        )
    } else {
        let b = Rect::from_min_max(rect.left_top(), pos2(rect.left() + box_w, rect.bottom()));
        (
            b,
            pos2(b.right() + gap, rect.center().y),
            egui::Align2::LEFT_CENTER,
        )
    };
    let id = ui.make_persistent_id(("gahnegar-combo", id_salt));
    let mut resp = ui.interact(box_rect, id, Sense::click());
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, plain(label));
        info.current_text_value = Some(plain(&selected_text));
        info
    });
    if ui.is_rect_visible(rect) {
        let visuals = *ui.style().interact(&resp);
        let painter = ui.painter();
        painter.rect(
            box_rect.expand(visuals.expansion),
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        // The arrow at the box's end side, the text from its start side.
        let (ax, tx, anchor) = if rtl {
            (
                box_rect.left() + pad.x + arrow * 0.5,
                box_rect.right() - pad.x,
                egui::Align2::RIGHT_CENTER,
            )
        } else {
            (
                box_rect.right() - pad.x - arrow * 0.5,
                box_rect.left() + pad.x,
                egui::Align2::LEFT_CENTER,
            )
        };
        let cy = box_rect.center().y;
        painter.add(egui::Shape::convex_polygon(
            vec![
                pos2(ax - arrow * 0.4, cy - arrow * 0.2),
                pos2(ax + arrow * 0.4, cy - arrow * 0.2),
                pos2(ax, cy + arrow * 0.3),
            ],
            visuals.fg_stroke.color,
            egui::Stroke::NONE,
        ));
        let text_job = control_job(&selected_text, visuals.text_color(), rtl);
        paint_text(&ui.painter_at(box_rect), &text_job, pos2(tx, cy), anchor);
        paint_text(&ui.painter_at(rect), &label_job, label_pos, label_anchor);
    }
    let mut picked = None;
    egui::Popup::menu(&resp)
        .align(if rtl {
            egui::RectAlign::BOTTOM_END
        } else {
            egui::RectAlign::BOTTOM_START
        })
        .show(|ui| {
            ui.set_min_width(box_w);
            for (k, (value, text)) in options.iter().enumerate() {
                let job = control_job(text, ui.visuals().text_color(), rtl);
                let row = ui.push_id(k, |ui| {
                    text_row(ui, &job, value == current, false, text, rtl)
                });
                if row.inner.clicked() {
                    picked = Some(value.clone());
                    ui.close();
                }
            }
        });
    if let Some(v) = picked
        && v != *current
    {
        *current = v;
        resp.mark_changed();
    }
    resp
}

/// A horizontal slider mirrored for the UI's direction: the track at the start edge (right
/// when `rtl`, where it also runs from its smallest value on the right), then `value_text`,
/// then `label`. Drag or click to set, ←/→ when focused (mirrored when `rtl`); `value` is
/// kept in `range` and rounded to `step`. AccessKit: a slider named `label` with its value,
/// which increments and decrements.
pub fn slider(
    ui: &mut Ui,
    value: &mut f32,
    range: std::ops::RangeInclusive<f32>,
    step: f32,
    label: &str,
    value_text: &str,
    rtl: bool,
) -> Response {
    let (lo, hi) = (*range.start(), *range.end());
    let ink = ui.visuals().text_color();
    let label_job = control_job(label, ink, rtl);
    let value_job = control_job(value_text, ink, rtl);
    let (label_size, value_size) = (
        measure_text(ui.ctx(), &label_job),
        measure_text(ui.ctx(), &value_job),
    );
    let track_w = ui.spacing().slider_width;
    let gap = ui.spacing().item_spacing.x;
    let height = ui.spacing().interact_size.y.max(label_size.y);
    let width = row_width(ui, track_w + gap * 2.0 + value_size.x + label_size.x + 4.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let knob = height * 0.3;
    let track = if rtl {
        Rect::from_min_max(
            pos2(rect.right() - track_w, rect.top()),
            rect.right_bottom(),
        )
    } else {
        Rect::from_min_max(rect.left_top(), pos2(rect.left() + track_w, rect.bottom()))
    };
    let inner = track.shrink2(vec2(knob, 0.0));
    let id = ui.make_persistent_id(("gahnegar-slider", label));
    let mut resp = ui.interact(track, id, Sense::click_and_drag());
    let snap = |v: f32| {
        let v = if step > 0.0 {
            lo + ((v - lo) / step).round() * step
        } else {
            v
        };
        v.clamp(lo, hi)
    };
    let before = *value;
    if (resp.dragged() || resp.clicked())
        && let Some(p) = resp.interact_pointer_pos()
    {
        let t = ((p.x - inner.left()) / inner.width().max(1.0)).clamp(0.0, 1.0);
        let t = if rtl { 1.0 - t } else { t };
        *value = snap(lo + t * (hi - lo));
    }
    let key_step = if step > 0.0 { step } else { (hi - lo) / 20.0 };
    if resp.has_focus() {
        let (left, right) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight),
            )
        });
        // Right raises the value when the track runs left to right, left when mirrored.
        let up = if rtl { left } else { right };
        let down = if rtl { right } else { left };
        if up {
            *value = snap(*value + key_step);
        }
        if down {
            *value = snap(*value - key_step);
        }
    }
    let (inc, dec) = ui.input(|i| {
        (
            i.num_accesskit_action_requests(id, egui::accesskit::Action::Increment),
            i.num_accesskit_action_requests(id, egui::accesskit::Action::Decrement),
        )
    });
    *value = snap(*value + key_step * (inc as f32 - dec as f32));
    if *value != before {
        resp.mark_changed();
    }
    let shown = *value;
    resp.widget_info(|| egui::WidgetInfo::slider(true, f64::from(shown), plain(label)));
    if ui.is_rect_visible(rect) {
        let visuals = *ui.style().interact(&resp);
        let painter = ui.painter();
        let cy = track.center().y;
        let rail = Rect::from_x_y_ranges(inner.x_range(), cy - 2.0..=cy + 2.0);
        painter.rect_filled(rail, 2.0, ui.visuals().widgets.inactive.bg_fill);
        let t = if hi > lo {
            (shown - lo) / (hi - lo)
        } else {
            0.0
        };
        let t = if rtl { 1.0 - t } else { t };
        let x = inner.left() + t * inner.width();
        let filled = if rtl {
            Rect::from_x_y_ranges(x..=inner.right(), rail.y_range())
        } else {
            Rect::from_x_y_ranges(inner.left()..=x, rail.y_range())
        };
        painter.rect_filled(filled, 2.0, ui.visuals().selection.bg_fill);
        painter.circle(
            pos2(x, cy),
            knob + visuals.expansion,
            visuals.bg_fill,
            visuals.fg_stroke,
        );
        let (value_pos, anchor, label_x) = if rtl {
            let vx = track.left() - gap;
            (
                pos2(vx, cy),
                egui::Align2::RIGHT_CENTER,
                vx - value_size.x - gap,
            )
        } else {
            let vx = track.right() + gap;
            (
                pos2(vx, cy),
                egui::Align2::LEFT_CENTER,
                vx + value_size.x + gap,
            )
        };
        let clip = ui.painter_at(rect);
        paint_text(&clip, &value_job, value_pos, anchor);
        paint_text(&clip, &label_job, pos2(label_x, cy), anchor);
    }
    resp
}

/// A dialog's buttons: `labels` in reading order, the primary action first, standing at
/// the dialog's end side and mirrored in the right-to-left UI (the primary action is the
/// rightmost button there, the leftmost of the group in the left-to-right UI). Returns the
/// index of the button clicked.
pub fn dialog_buttons(ui: &mut Ui, labels: &[&str], rtl: bool) -> Option<usize> {
    // Laid out from the end side inwards, so the last label stands at the very end.
    let layout = if rtl {
        egui::Layout::left_to_right(egui::Align::Center)
    } else {
        egui::Layout::right_to_left(egui::Align::Center)
    };
    let mut clicked = None;
    let row = vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(row, layout, |ui| {
        for (k, label) in labels.iter().enumerate().rev() {
            if ui.button(*label).clicked() {
                clicked = Some(k);
            }
        }
    });
    clicked
}

/// A paragraph of the shell (a dialog's text) in the UI's direction, `width` points wide.
pub fn shell_paragraph(ui: &mut Ui, text: &str, size: f32, weight: f32, width: f32, rtl: bool) {
    let job = control_job(text, ui.visuals().text_color(), rtl)
        .size(size)
        .weight(weight)
        .selectable(true);
    crate::text::Paragraph::new(job).width(width).show(ui);
}

/// Characters of a folder shown in a [`file_row`]; a longer one keeps its end («…/news/2024»).
const FOLDER_CHARS: usize = 40;

/// A menu row for a file: its name, then its folder dimmed (each isolated, so a Latin path
/// keeps its order in the right-to-left UI, where the name stands on the right; the folder
/// always left to right). A long folder is cut at its start. AccessKit reads the whole path.
pub fn file_row(ui: &mut Ui, path: &std::path::Path, rtl: bool) -> Response {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let folder = path
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let count = folder.chars().count();
    let folder = if count > FOLDER_CHARS {
        let tail: String = folder.chars().skip(count - FOLDER_CHARS).collect();
        format!("…{tail}")
    } else {
        folder
    };
    let head = super::i18n::isolate(&name);
    // A folder reads left to right whatever its names (its separators order it): a
    // left-to-right isolate (LRI … PDI) keeps «/tmp/گزارش‌ها» from turning round.
    let text = format!("{head}   \u{2066}{folder}\u{2069}");
    let ink = ui.visuals().text_color();
    let dim = ui.visuals().weak_text_color();
    let job = control_job(&text, ink, rtl).span(crate::text::Span::styled(
        head.len()..text.len(),
        crate::text::SpanFormat {
            color: Some(dim),
            size: Some(CONTROL_TEXT * 0.85),
            ..crate::text::SpanFormat::default()
        },
    ));
    text_row(ui, &job, false, false, &path.display().to_string(), rtl)
}
