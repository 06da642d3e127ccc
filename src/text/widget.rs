//! The paragraph widget: size, allocate, interact (spans, selection, copy), paint.

use std::ops::Range;

use egui::{Color32, Id, Mesh, Pos2, Rect, Response, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::layout::ShapedText;
use super::{TextEngine, TextJob, engine};

/// A paragraph of text laid out by the engine.
pub struct Paragraph {
    job: TextJob,
    id_salt: Option<Id>,
    width: Option<f32>,
}

/// What happened to a paragraph this frame.
pub struct ParagraphOutput {
    /// The whole paragraph.
    pub response: Response,
    /// Interactive spans: (span key, its response; a span broken over lines is one
    /// union). The key is the caller's ([`crate::text::Span::id`]).
    pub spans: Vec<(usize, Response)>,
    /// The key of the span under the pointer.
    pub hovered_span: Option<usize>,
    /// The key of the span clicked this frame.
    pub clicked_span: Option<usize>,
    /// The current selection (byte range, logical order), if any.
    pub selection: Option<Range<usize>>,
}

/// Drag selection, kept in egui memory per paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct SelectionState {
    anchor: usize,
    focus: usize,
}

fn owner_id() -> Id {
    Id::unique("gahnegar-selection-owner")
}

impl Paragraph {
    pub fn new(job: TextJob) -> Self {
        Self {
            job,
            id_salt: None,
            width: None,
        }
    }

    /// A stable id for the paragraph's interaction state (default: from its text).
    #[must_use]
    pub fn id_salt(mut self, salt: impl egui::AsIdSalt) -> Self {
        self.id_salt = Some(Id::unique(salt));
        self
    }

    /// Wrap width in points (default: the available width).
    #[must_use]
    pub fn width(mut self, width: f32) -> Self {
        self.width = Some(width);
        self
    }

    /// Measures the paragraph's height in points at `width` without showing it.
    pub fn measure(ctx: &egui::Context, job: &TextJob, width: f32) -> f32 {
        let scale = ctx.pixels_per_point();
        let shared = engine(ctx);
        let mut eng = shared.lock();
        eng.begin_pass(ctx.cumulative_pass_nr());
        eng.layout(job, Some(width), scale).height / scale
    }

    pub fn show(self, ui: &mut Ui) -> ParagraphOutput {
        let ctx = ui.ctx().clone();
        let scale = ctx.pixels_per_point();
        let width = self.width.unwrap_or_else(|| ui.available_width()).max(1.0);
        let id = ui.make_persistent_id(self.id_salt.unwrap_or_else(|| Id::unique(&*self.job.text)));
        let shared = engine(&ctx);
        let mut eng = shared.lock();
        eng.begin_pass(ctx.cumulative_pass_nr());
        let height = eng.layout(&self.job, Some(width), scale).height / scale;
        let sense = if self.job.selectable {
            Sense::click_and_drag()
        } else {
            Sense::hover()
        };
        let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
        let response = ui.interact(rect, id, sense);
        // Pixel-aligned origin so glyphs stay crisp.
        let origin = pos2((rect.min.x * scale).round(), (rect.min.y * scale).round());
        let to_pts = |x: f32, y: f32| pos2(x / scale, y / scale);
        let shaped = eng.layout(&self.job, Some(width), scale);
        let text = self.job.text.clone();
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &*text));

        // Selection by drag, word by double click, copy by keys and context menu.
        let mut sel: Option<SelectionState> = ctx.data(|d| d.get_temp(id));
        if self.job.selectable {
            let local = |p: Pos2| (p.x * scale - origin.x, p.y * scale - origin.y);
            if response.drag_started()
                && let Some(p) = response.interact_pointer_pos()
            {
                // The drag starts where the button went down, not where it was recognised.
                let origin_pos = ctx.input(|i| i.pointer.press_origin()).unwrap_or(p);
                let (ax, ay) = local(origin_pos);
                let (x, y) = local(p);
                sel = Some(SelectionState {
                    anchor: shaped.index_at(ax, ay),
                    focus: shaped.index_at(x, y),
                });
                ctx.data_mut(|d| d.insert_temp(owner_id(), id));
            } else if response.dragged()
                && let (Some(p), Some(s)) = (response.interact_pointer_pos(), sel.as_mut())
            {
                let (x, y) = local(p);
                s.focus = shaped.index_at(x, y);
            }
            if response.double_clicked()
                && let Some(p) = response.interact_pointer_pos()
            {
                let (x, y) = local(p);
                // The same word boundaries as the text field's (UAX #29, as parley marks
                // them).
                let r = super::edit::word_range(shaped, shaped.index_at(x, y));
                sel = Some(SelectionState {
                    anchor: r.start,
                    focus: r.end,
                });
                ctx.data_mut(|d| d.insert_temp(owner_id(), id));
            } else if response.clicked() {
                sel = None;
            }
            let owner: Option<Id> = ctx.data(|d| d.get_temp(owner_id()));
            if owner != Some(id) {
                sel = None;
            }
            ctx.data_mut(|d| match sel {
                Some(s) => {
                    d.insert_temp(id, s);
                }
                None => d.remove::<SelectionState>(id),
            });
        }
        let selection = sel
            .map(|s| s.anchor.min(s.focus)..s.anchor.max(s.focus))
            .filter(|r| !r.is_empty());
        if let Some(r) = selection.clone() {
            let wants_copy = ctx.input(|i| {
                i.events.iter().any(|e| {
                    matches!(e, egui::Event::Copy)
                        || matches!(e, egui::Event::Key { key: egui::Key::C, pressed: true, modifiers, .. } if modifiers.command)
                })
            });
            if wants_copy {
                ctx.copy_text(text[r.clone()].to_owned());
            }
            let label: String = ctx
                .data(|d| d.get_temp(Id::unique("gahnegar-copy-label")))
                .unwrap_or_else(|| "کپی".to_owned());
            response.context_menu(|ui| {
                if ui.button(label).clicked() {
                    ui.ctx().copy_text(text[r.clone()].to_owned());
                    ui.close();
                }
            });
        }

        // Interactive spans.
        let mut spans = Vec::new();
        let mut hovered_span = None;
        let mut clicked_span = None;
        for (si, span) in self.job.spans.iter().enumerate() {
            let Some(span_id) = span.id else { continue };
            let mut merged: Option<Response> = None;
            for (ri, r) in shaped
                .range_rects(span.range.clone())
                .into_iter()
                .enumerate()
            {
                let rr = Rect::from_min_max(
                    to_pts(origin.x + r[0], origin.y + r[1]),
                    to_pts(origin.x + r[2], origin.y + r[3]),
                );
                let resp = ui
                    .interact(rr, id.with(("span", si, ri)), Sense::click())
                    .on_hover_cursor(egui::CursorIcon::PointingHand);
                let label = span
                    .label
                    .clone()
                    .unwrap_or_else(|| text.get(span.range.clone()).unwrap_or_default().to_owned());
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
                merged = Some(match merged {
                    Some(m) => m.union(resp),
                    None => resp,
                });
            }
            if let Some(m) = merged {
                if m.hovered() {
                    hovered_span = Some(span_id);
                }
                if m.clicked() {
                    clicked_span = Some(span_id);
                }
                spans.push((span_id, m));
            }
        }

        if ui.is_rect_visible(rect) {
            let painter = ui.painter_at(rect.expand(4.0));
            let sel_color = ui.visuals().selection.bg_fill;
            paint(
                &painter,
                &mut eng,
                &self.job,
                origin,
                scale,
                selection.clone(),
                sel_color,
                hovered_span,
            );
        }
        ParagraphOutput {
            response,
            spans,
            hovered_span,
            clicked_span,
            selection,
        }
    }
}

/// Paints backgrounds, selection, glyphs and underlines of `job`'s cached layout.
#[expect(clippy::too_many_arguments, reason = "one private painting step")]
pub(super) fn paint(
    painter: &egui::Painter,
    eng: &mut TextEngine,
    job: &TextJob,
    origin: Pos2,
    scale: f32,
    selection: Option<Range<usize>>,
    sel_color: Color32,
    hovered_span: Option<usize>,
) {
    let to_pts = |x: f32, y: f32| pos2((origin.x + x) / scale, (origin.y + y) / scale);
    // The layout the widget just broke for this width (the cache holds one per text).
    let TextEngine { atlas, cache, .. } = eng;
    let Some(entry) = cache.get(&job.shape_hash(scale)) else {
        return;
    };
    let shaped: &ShapedText = &entry.shaped;
    let rect_of = |r: [f32; 4]| Rect::from_min_max(to_pts(r[0], r[1]), to_pts(r[2], r[3]));
    for span in &job.spans {
        let hovered = span.id.is_some() && span.id == hovered_span;
        if let Some(bg) = span
            .format
            .background
            .or(hovered.then_some(sel_color.gamma_multiply(0.35)))
        {
            for r in shaped.range_rects(span.range.clone()) {
                painter.rect_filled(rect_of(r), 2.0, bg);
            }
        }
    }
    if let Some(r) = selection {
        for r in shaped.range_rects(r) {
            painter.rect_filled(rect_of(r), 0.0, sel_color);
        }
    }
    let mut meshes: Vec<Mesh> = Vec::new();
    let mut pending: Vec<(usize, Rect, Rect, Color32)> = Vec::new();
    let inv = 1.0 / super::atlas::PAGE_SIZE as f32;
    // Only the lines inside the clip are drawn: a paragraph of millions of characters
    // costs what the screen shows, and no mesh outgrows the GPU's buffer limits.
    let clip = painter.clip_rect();
    let (clip_top, clip_bottom) = (
        clip.top() * scale - origin.y,
        clip.bottom() * scale - origin.y,
    );
    let first = shaped.lines.partition_point(|l| l.bottom < clip_top);
    for line in shaped.lines[first..]
        .iter()
        .take_while(|l| l.top <= clip_bottom)
    {
        for c in &line.clusters {
            let color = color_at(job, c.text_range.start);
            for g in &shaped.glyphs[c.glyphs.clone()] {
                let font = &shaped.fonts[usize::from(g.font)];
                let (entry, pen_x) = atlas.glyph(font, g.id, g.x);
                let Some(a) = entry else { continue };
                let x0 = pen_x + a.left as f32;
                let y0 = g.y.round() - a.top as f32;
                let quad = Rect::from_min_max(
                    to_pts(x0, y0),
                    to_pts(x0 + a.size[0] as f32, y0 + a.size[1] as f32),
                );
                let uv = Rect::from_min_max(
                    pos2(a.pos[0] as f32 * inv, a.pos[1] as f32 * inv),
                    pos2(
                        (a.pos[0] + a.size[0]) as f32 * inv,
                        (a.pos[1] + a.size[1]) as f32 * inv,
                    ),
                );
                pending.push((
                    a.page,
                    quad,
                    uv,
                    if a.color { Color32::WHITE } else { color },
                ));
            }
        }
    }
    let textures = atlas.upload(painter.ctx());
    for (page, quad, uv, color) in pending {
        let Some(&tex) = textures.get(page) else {
            continue;
        };
        if meshes.len() <= page {
            meshes.resize_with(page + 1, Mesh::default);
        }
        let m = &mut meshes[page];
        m.texture_id = tex;
        m.add_rect_with_uv(quad, uv, color);
    }
    for m in meshes {
        if !m.is_empty() {
            painter.add(Shape::mesh(m));
        }
    }
    for span in &job.spans {
        if let Some(u) = span.format.underline {
            for r in shaped.range_rects(span.range.clone()) {
                let rr = rect_of(r);
                let y = rr.bottom() - rr.height() * 0.18;
                painter.line_segment(
                    [pos2(rr.left(), y), pos2(rr.right(), y)],
                    Stroke::new(1.0, u),
                );
            }
        }
    }
}

/// The colour of the text at byte `at`: the last span covering it that sets one.
fn color_at(job: &TextJob, at: usize) -> Color32 {
    job.spans
        .iter()
        .rev()
        .find(|s| s.range.contains(&at) && s.format.color.is_some())
        .and_then(|s| s.format.color)
        .unwrap_or(job.style.color)
}

/// Lays out `job` on one line (no wrapping; hard breaks still break) and paints it so that
/// `anchor` of its bounding box sits at `pos` (points). Returns the painted rectangle.
/// For labels drawn with a painter (timeline, axes) rather than as widgets.
pub fn paint_text(painter: &egui::Painter, job: &TextJob, pos: Pos2, anchor: egui::Align2) -> Rect {
    let size = measure_text(painter.ctx(), job);
    let rect = anchor.anchor_size(pos, size);
    let ctx = painter.ctx();
    let scale = ctx.pixels_per_point();
    let shared = engine(ctx);
    // `measure_text` just laid it out; `paint` reads that cached layout.
    let mut eng = shared.lock();
    let origin = pos2((rect.min.x * scale).round(), (rect.min.y * scale).round());
    if painter.clip_rect().intersects(rect) {
        paint(
            painter,
            &mut eng,
            job,
            origin,
            scale,
            None,
            Color32::TRANSPARENT,
            None,
        );
    }
    rect
}

/// Size in points of `job` laid out on one line (no wrapping).
pub fn measure_text(ctx: &egui::Context, job: &TextJob) -> egui::Vec2 {
    let scale = ctx.pixels_per_point();
    let shared = engine(ctx);
    let mut eng = shared.lock();
    eng.begin_pass(ctx.cumulative_pass_nr());
    let s = eng.layout(job, None, scale);
    vec2(s.width / scale, s.height / scale)
}

#[cfg(test)]
mod tests {
    use crate::text::edit::word_range;
    use crate::text::{TextEngine, TextJob};

    #[test]
    fn a_double_click_takes_the_word_without_punctuation() {
        let mut eng = TextEngine::new();
        let t = "سلام، دنیای «زیبا» (INSS) می‌خواهد";
        let shaped = eng.layout(&TextJob::new(t).size(16.0), None, 1.0);
        for (needle, want) in [
            ("لا", "سلام"),
            ("نیا", "دنیای"),
            ("زیب", "زیبا"),
            ("NS", "INSS"),
            ("خوا", "می‌خواهد"),
        ] {
            let at = t.find(needle).unwrap_or(0);
            let r = word_range(shaped, at);
            assert_eq!(&t[r], want, "word at {needle}");
        }
    }
}
