//! The review pane's own small widgets, drawn with the text engine and mirrored in a
//! right-to-left layout: a label, a check box, and a list that lays out only the rows in
//! view.
//!
//! The check box is private to the pane until the shell's mirrored check box lands in
//! `widgets.rs`.

use egui::{Id, Rect, Response, Sense, Shape, Ui, UiBuilder, pos2, vec2};

use crate::text::{TextJob, measure_text, paint_text};

/// `s` without the bidi isolate controls (FSI, LRI, RLI, PDI): what AccessKit names say.
pub fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
        .collect()
}

/// The horizontal layout of a row of controls: right to left when `rtl`.
pub fn row_layout(rtl: bool) -> egui::Layout {
    if rtl {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    }
}

/// A row of controls laid out by [`row_layout`] (what `ui.horizontal` is, mirrored when
/// `rtl`): as tall as its contents, `wrap` breaking it into lines when they do not fit.
pub fn row<R>(ui: &mut Ui, rtl: bool, wrap: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let size = vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, row_layout(rtl).with_main_wrap(wrap), add)
        .inner
}

/// A one-line label drawn with the engine, its size measured; AccessKit reads `job`'s text
/// without isolates.
pub fn label(ui: &mut Ui, job: &TextJob) -> Response {
    let size = measure_text(ui.ctx(), job);
    let (rect, resp) = ui.allocate_exact_size(size, Sense::hover());
    let name = plain(&job.text);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
    if ui.is_rect_visible(rect) {
        paint_text(ui.painter(), job, rect.min, egui::Align2::LEFT_TOP);
    }
    resp
}

/// A check box: the box on the start side (the right when `rtl`), then `job`. A click,
/// or Space/Enter when focused, toggles `checked` and marks the response changed.
/// `name` is its AccessKit label.
pub fn check_box(
    ui: &mut Ui,
    id: Id,
    checked: &mut bool,
    job: &TextJob,
    name: &str,
    rtl: bool,
) -> Response {
    let side = 16.0;
    let gap = 6.0;
    let text = measure_text(ui.ctx(), job);
    let size = vec2(side + gap + text.x + 2.0, text.y.max(side) + 4.0);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let mut resp = ui.interact(rect, id, Sense::click());
    if resp.clicked() {
        *checked = !*checked;
        resp.mark_changed();
    }
    let on = *checked;
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, name));
    if ui.is_rect_visible(rect) {
        let vis = ui.style().interact(&resp);
        let cx = if rtl {
            rect.right() - side / 2.0 - 1.0
        } else {
            rect.left() + side / 2.0 + 1.0
        };
        let b = Rect::from_center_size(pos2(cx, rect.center().y), vec2(side, side));
        let painter = ui.painter();
        let fill = if on {
            ui.visuals().selection.bg_fill
        } else {
            vis.bg_fill
        };
        painter.rect(
            b,
            vis.corner_radius,
            fill,
            vis.bg_stroke,
            egui::StrokeKind::Inside,
        );
        if on {
            let m = b.shrink(3.5);
            painter.add(Shape::line(
                vec![
                    pos2(m.left(), m.center().y),
                    pos2(m.left() + m.width() * 0.4, m.bottom()),
                    pos2(m.right(), m.top()),
                ],
                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            ));
        }
        if resp.has_focus() {
            painter.rect_stroke(
                rect.expand(1.0),
                3.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        let (pos, anchor) = if rtl {
            (
                pos2(b.left() - gap, rect.center().y),
                egui::Align2::RIGHT_CENTER,
            )
        } else {
            (
                pos2(b.right() + gap, rect.center().y),
                egui::Align2::LEFT_CENTER,
            )
        };
        paint_text(painter, job, pos, anchor);
    }
    resp
}

/// The heights of a [`lazy_rows`] list's rows as last laid out (an estimate until then),
/// for the width and contents they were measured at.
#[derive(Debug, Default)]
pub struct RowHeights {
    key: Option<(u32, u64)>,
    heights: Vec<f32>,
}

impl RowHeights {
    /// Rows measured at another width or for other contents (`generation`) are estimated
    /// again.
    fn prepare(
        &mut self,
        width: f32,
        generation: u64,
        count: usize,
        estimate: &dyn Fn(usize) -> f32,
    ) {
        let key = Some((width.to_bits(), generation));
        if self.key != key || self.heights.len() != count {
            self.key = key;
            self.heights = (0..count).map(estimate).collect();
        }
    }
}

/// A vertical scroll area of `count` rows of varying height that lays out and draws only
/// the rows in view: `row(ui, i)` draws row `i` in a child of the full width; the height it
/// takes is remembered (rows not yet seen count as `estimate(i)`). `generation` changes
/// when the rows' contents do.
pub fn lazy_rows(
    ui: &mut Ui,
    id_salt: &str,
    heights: &mut RowHeights,
    generation: u64,
    count: usize,
    estimate: &dyn Fn(usize) -> f32,
    row: &mut dyn FnMut(&mut Ui, usize),
) {
    egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink(false)
        .show_viewport(ui, |ui, viewport| {
            let width = ui.available_width();
            heights.prepare(width, generation, count, estimate);
            let gap = ui.spacing().item_spacing.y;
            let total: f32 = heights.heights.iter().map(|h| h + gap).sum();
            ui.set_height(total);
            let origin = ui.max_rect().min;
            let layout = *ui.layout();
            let mut y = 0.0;
            let mut changed = false;
            for i in 0..count {
                let h = heights.heights[i];
                if y + h < viewport.min.y {
                    y += h + gap;
                    continue;
                }
                if y > viewport.max.y {
                    break;
                }
                let rect = Rect::from_min_size(origin + vec2(0.0, y), vec2(width, 100_000.0));
                let mut child = ui.new_child(
                    UiBuilder::new()
                        .max_rect(rect)
                        .layout(layout)
                        .id_salt((id_salt, i)),
                );
                row(&mut child, i);
                let got = child.min_rect().height();
                if (got - h).abs() > 0.5 {
                    heights.heights[i] = got;
                    changed = true;
                }
                y += got + gap;
            }
            if changed {
                ui.ctx().request_repaint();
            }
        });
}
