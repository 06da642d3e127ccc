//! Paints the chart's [`Shape`]s with egui: rectangles (a fading end as a mesh whose
//! vertex colours go from the background to the fill), circles, lines, and text through
//! the app's text engine. Also the widget's [`Measure`]: the engine at the screen's pixels
//! per point, so what the chart measures is what is painted.

use egui::{Align2, Color32, Mesh, Painter, Rect, Stroke, StrokeKind, pos2};

use crate::chart::{HAlign, Measure, Shape};
use crate::text::{TextJob, measure_text, paint_text};
use crate::ui::theme::color;

/// Label widths from the app's text engine.
pub(crate) struct UiMeasure<'a>(pub &'a egui::Context);

impl Measure for UiMeasure<'_> {
    fn text_width(&mut self, text: &str, size: f32, weight: f32) -> f32 {
        measure_text(
            self.0,
            &crate::chart::measure::label_job(text, size, weight),
        )
        .x
    }
}

fn align(a: HAlign) -> Align2 {
    match a {
        HAlign::Left => Align2::LEFT_CENTER,
        HAlign::Center => Align2::CENTER_CENTER,
        HAlign::Right => Align2::RIGHT_CENTER,
    }
}

/// Paints `shape`, moved down by `dy` points.
pub(crate) fn paint_shape(painter: &Painter, shape: &Shape, dy: f32) {
    let p = |q: [f32; 2]| pos2(q[0], q[1] + dy);
    match shape {
        Shape::Rect(r) => {
            let rect = Rect::from_min_max(p(r.min), p(r.max));
            if let Some(fill) = r.fill {
                match r.fade_stops() {
                    Some(stops) => {
                        painter.add(egui::Shape::mesh(faded_rect(
                            rect,
                            stops,
                            color(fill),
                            color(r.under),
                            painter.clip_rect(),
                        )));
                    }
                    None => {
                        painter.rect_filled(rect, r.radius, color(fill));
                    }
                }
            }
            if let Some((w, c)) = r.stroke {
                painter.rect_stroke(
                    rect,
                    r.radius,
                    Stroke::new(w, color(c)),
                    StrokeKind::Outside,
                );
            }
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            if let Some(c) = fill {
                painter.circle_filled(p(*center), *radius, color(*c));
            }
            if let Some((w, c)) = stroke {
                painter.circle_stroke(p(*center), *radius, Stroke::new(*w, color(*c)));
            }
        }
        Shape::Line {
            from,
            to,
            width,
            color: c,
        } => {
            painter.line_segment([p(*from), p(*to)], Stroke::new(*width, color(*c)));
        }
        Shape::Text {
            text,
            pos,
            align: a,
            size,
            weight,
            color: c,
        } => {
            let job = TextJob::new(text.as_str())
                .size(*size)
                .weight(*weight)
                .color(color(*c))
                .selectable(false);
            paint_text(painter, &job, p(*pos), align(*a));
        }
    }
}

/// A rectangle filled along `stops` (see [`crate::chart::paint::RectShape::fade_stops`]):
/// vertex colours from `under` to `fill`, cut to `clip` so a bar thousands of points wide
/// stays small.
fn faded_rect(
    rect: Rect,
    stops: [(f32, bool); 4],
    fill: Color32,
    under: Color32,
    clip: Rect,
) -> Mesh {
    let stops = stops.map(|(at, u)| (rect.left() + at * rect.width(), if u { 0.0 } else { 1.0 }));
    let (cl, cr) = (clip.left() - 2.0, clip.right() + 2.0);
    let mix_at = |x: f32| -> f32 {
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
        1.0
    };
    let mut xs: Vec<f32> = stops.iter().map(|s| s.0.clamp(cl, cr)).collect();
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    let mut mesh = Mesh::default();
    for (k, &x) in xs.iter().enumerate() {
        let c = under.lerp_to_gamma(fill, mix_at(x));
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
