//! A text field on the engine: what egui's `TextEdit` does, with Persian shaping and bidi.
//! The text is shown through the same layout as the article (direction from the first
//! strong character, the UI's when empty; right-aligned when right-to-left); caret,
//! selection, words, undo and composition are [`EditBuffer`]'s; keys follow browsers and
//! LibreOffice: ←/→ move on screen, Ctrl+←/→ by word, Home/End to the line's logical ends,
//! Shift extends, double click selects a word and triple click the line; Shift+Space and
//! Ctrl+Shift+2 type a ZWNJ as Persian keyboards do.
//!
//! ```no_run
//! # fn demo(ui: &mut egui::Ui, query: &mut String) {
//! use gahnegar::text::TextField;
//! let out = TextField::singleline(query).label("جست‌وجو").show(ui);
//! if out.submitted { /* Enter */ }
//! # }
//! ```

use egui::{
    Event, EventFilter, Id, ImeEvent, Key, Modifiers, Pos2, Rect, Response, Sense, Stroke, Ui,
    pos2, vec2,
};

use super::edit::{self, Delete, EditBuffer, Motion};
use super::layout::ShapedText;
use super::{Direction, TextJob, engine, widget};

/// Zero-width non-joiner, typed with Shift+Space.
pub const ZWNJ: char = '\u{200C}';

/// A single- or multi-line text field.
pub struct TextField<'t> {
    text: &'t mut String,
    multiline: bool,
    rows: usize,
    id_salt: Option<Id>,
    width: Option<f32>,
    size: f32,
    hint: String,
    label: String,
    fold_arabic: bool,
    rtl_when_empty: Option<bool>,
}

/// What the field did this frame.
pub struct FieldOutput {
    pub response: Response,
    /// The text changed.
    pub changed: bool,
    /// Enter was pressed in a single-line field.
    pub submitted: bool,
}

/// The field's editing state, kept in egui memory between frames.
#[derive(Clone, Default)]
struct FieldState {
    buf: EditBuffer,
    /// Horizontal scroll of a single-line field whose text is wider than it (pixels).
    scroll: f32,
    /// Shift+Space typed a ZWNJ: the space the platform sends after it as text is dropped.
    skip_space: bool,
}

/// Where the last focused field leaves its id in egui memory.
fn focused_field_key() -> Id {
    Id::unique("gahnegar-focused-text-field")
}

/// Whether a text field has the keyboard: its keys (Ctrl+Z, Ctrl+A…) are its own then,
/// not the app's shortcuts.
pub fn text_field_has_focus(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<Id>(focused_field_key()))
        .is_some_and(|id| ctx.memory(|m| m.has_focus(id)))
}

/// The caret and selection of the field with id `id`, for tests and callers that restore
/// them: (selection byte range, caret byte index).
pub fn field_selection(ctx: &egui::Context, id: Id) -> Option<(std::ops::Range<usize>, usize)> {
    ctx.data(|d| d.get_temp::<FieldState>(id))
        .map(|s| (s.buf.selection(), s.buf.caret().0))
}

impl<'t> TextField<'t> {
    pub fn singleline(text: &'t mut String) -> Self {
        Self {
            text,
            multiline: false,
            rows: 1,
            id_salt: None,
            width: None,
            size: 15.0,
            hint: String::new(),
            label: String::new(),
            fold_arabic: false,
            rtl_when_empty: None,
        }
    }

    /// A field taking line breaks, `rows` lines tall at least.
    pub fn multiline(text: &'t mut String, rows: usize) -> Self {
        Self {
            multiline: true,
            rows: rows.max(1),
            ..Self::singleline(text)
        }
    }

    #[must_use]
    pub fn id_salt(mut self, salt: impl egui::AsIdSalt) -> Self {
        self.id_salt = Some(Id::unique(salt));
        self
    }

    /// Width in points (default: the available width).
    #[must_use]
    pub fn width(mut self, width: f32) -> Self {
        self.width = Some(width);
        self
    }

    /// Font size in points.
    #[must_use]
    pub fn size(mut self, size: f32) -> Self {
        self.size = size;
        self
    }

    /// Greyed text shown while the field is empty.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// The field's accessible name (what a screen reader announces and tests find it by).
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Fold pasted Arabic yeh and kaf (ي ك) to Persian (ی ک).
    #[must_use]
    pub fn fold_arabic(mut self, yes: bool) -> Self {
        self.fold_arabic = yes;
        self
    }

    /// Direction of an empty field (default: the layout direction of the `Ui`).
    #[must_use]
    pub fn rtl_when_empty(mut self, rtl: bool) -> Self {
        self.rtl_when_empty = Some(rtl);
        self
    }

    pub fn show(self, ui: &mut Ui) -> FieldOutput {
        let ctx = ui.ctx().clone();
        let scale = ctx.pixels_per_point();
        let id = ui.make_persistent_id(self.id_salt.unwrap_or_else(|| Id::unique(&*self.label)));
        let rtl_empty = self
            .rtl_when_empty
            .unwrap_or_else(|| ui.layout().prefer_right_to_left());
        let visuals = ui.visuals().clone();
        let ink = visuals.text_color();
        let make_job = |text: &str| {
            let mut job = TextJob::new(text.to_owned())
                .size(self.size)
                .color(ink)
                .direction(Direction::Auto);
            job.auto_fallback_rtl = rtl_empty;
            job.style.line_height = 1.6;
            job
        };
        let line_h = (self.size * 1.6).ceil();
        let pad = vec2(6.0, 3.0);
        let width = self.width.unwrap_or_else(|| ui.available_width()).max(24.0);
        let inner_w = width - 2.0 * pad.x;

        // Taken out of egui's memory for the frame and put back at its end: no copy of the
        // text and its undo history each frame.
        let mut state: FieldState = ctx.data_mut(|d| d.remove_temp(id)).unwrap_or_default();
        state.buf.multiline = self.multiline;
        state.buf.fold_arabic = self.fold_arabic;
        if state.buf.text() != self.text.as_str() {
            state.buf.reset(self.text);
        }
        let prev_text = self.text.clone();
        let wrap = self.multiline.then_some(inner_w);

        let shared = engine(&ctx);
        let mut eng = shared.lock();
        eng.begin_pass(ctx.cumulative_pass_nr());
        let content_h = eng.layout(&make_job(state.buf.text()), wrap, scale).height / scale;
        let height = if self.multiline {
            content_h.max(line_h * self.rows as f32)
        } else {
            line_h
        } + 2.0 * pad.y;
        let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
        let response = ui.interact(rect, id, Sense::click_and_drag());
        let response = response.on_hover_cursor(egui::CursorIcon::Text);
        let inner = rect.shrink2(pad);

        // Where the text's own coordinates (pixels from its top-left) sit on screen.
        let text_origin = |shaped: &ShapedText, scroll: f32| -> Pos2 {
            let x = if self.multiline {
                inner.min.x * scale
            } else if shaped.width <= inner.width() * scale {
                if shaped.rtl {
                    inner.max.x * scale - shaped.width
                } else {
                    inner.min.x * scale
                }
            } else {
                inner.min.x * scale - scroll
            };
            let y = inner.min.y * scale + ((inner.height() * scale - shaped.height) / 2.0).min(0.0);
            let y = if self.multiline {
                inner.min.y * scale
            } else {
                y
            };
            pos2(x.round(), y.round())
        };

        if response.clicked() || response.drag_started() {
            response.request_focus();
        }
        let focused = response.has_focus();
        let mut submitted = false;

        // Pointer.
        if response.is_pointer_button_down_on() || response.clicked() || response.double_clicked() {
            let shaped = eng.layout(&make_job(state.buf.text()), wrap, scale);
            let origin = text_origin(shaped, state.scroll);
            let local = |p: Pos2| (p.x * scale - origin.x, p.y * scale - origin.y);
            let shift = ui.input(|i| i.modifiers.shift);
            if let Some(p) = response.interact_pointer_pos() {
                let (x, y) = local(p);
                let (idx, aff) = edit::hit(shaped, x, y);
                if response.triple_clicked() {
                    state.buf.select_line_at(shaped, idx);
                } else if response.double_clicked() {
                    state.buf.select_word_at(shaped, idx);
                } else if response.drag_started() {
                    let press = ctx.input(|i| i.pointer.press_origin()).unwrap_or(p);
                    let (px, py) = local(press);
                    let (pidx, paff) = edit::hit(shaped, px, py);
                    state.buf.place(shaped, pidx, paff, shift);
                    state.buf.place(shaped, idx, aff, true);
                } else if response.dragged() {
                    state.buf.place(shaped, idx, aff, true);
                } else if response.clicked() {
                    state.buf.place(shaped, idx, aff, shift);
                }
            }
        }

        // Keyboard, clipboard and input method.
        if focused {
            ctx.data_mut(|d| d.insert_temp(focused_field_key(), id));
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: self.multiline,
                        escape: false,
                    },
                );
            });
            let events = ui.input(|i| i.events.clone());
            for ev in &events {
                match ev {
                    Event::Text(t) => {
                        if std::mem::take(&mut state.skip_space) && t == " " {
                            continue;
                        }
                        state.buf.insert(t);
                    }
                    Event::Paste(t) => {
                        state.buf.paste(t);
                    }
                    Event::Copy if !state.buf.selection().is_empty() => {
                        ctx.copy_text(state.buf.selected_text().to_owned());
                    }
                    Event::Cut => {
                        if let Some(t) = state.buf.cut() {
                            ctx.copy_text(t);
                        }
                    }
                    Event::Ime(ime) => match ime {
                        ImeEvent::Preedit { text, .. } => state.buf.set_preedit(text),
                        ImeEvent::Commit(t) => {
                            state.buf.commit(t);
                        }
                        _ => {}
                    },
                    Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => {
                        let shaped = eng.layout(&make_job(state.buf.text()), wrap, scale);
                        state.skip_space = false;
                        match key_action(*key, *modifiers, self.multiline) {
                            Some(KeyAction::Move(m, extend)) => {
                                state.buf.apply_motion(shaped, m, extend);
                            }
                            Some(KeyAction::Delete(d)) => {
                                state.buf.delete(shaped, d);
                            }
                            Some(KeyAction::Zwnj) => {
                                state.buf.insert(&ZWNJ.to_string());
                                state.skip_space = *key == Key::Space;
                            }
                            Some(KeyAction::Newline) => {
                                state.buf.insert("\n");
                            }
                            Some(KeyAction::Submit) => submitted = true,
                            Some(KeyAction::SelectAll) => state.buf.select_all(shaped),
                            Some(KeyAction::Undo) => {
                                state.buf.undo();
                            }
                            Some(KeyAction::Redo) => {
                                state.buf.redo();
                            }
                            Some(KeyAction::Copy) if !state.buf.selection().is_empty() => {
                                ctx.copy_text(state.buf.selected_text().to_owned());
                            }
                            Some(KeyAction::Cut) => {
                                if let Some(t) = state.buf.cut() {
                                    ctx.copy_text(t);
                                }
                            }
                            Some(KeyAction::Copy) | None => {}
                        }
                    }
                    _ => {}
                }
            }
        }

        let changed = state.buf.text() != prev_text;
        if changed {
            *self.text = state.buf.text().to_owned();
        }
        let mut response = response;
        if changed {
            response.mark_changed();
        }

        // Layout of the final text; keep the caret in view.
        let job = make_job(state.buf.text());
        let (caret, aff) = state.buf.caret();
        let selection = state.buf.selection();
        let composition = state.buf.composition();
        let shaped = eng.layout(&job, wrap, scale);
        let caret_local = edit::caret_rect(shaped, caret, aff);
        if !self.multiline {
            let view = inner.width() * scale;
            let overflow = (shaped.width - view).max(0.0);
            if overflow == 0.0 {
                state.scroll = 0.0;
            } else if !focused {
                // An unfocused field shows the start of its text, as browsers do.
                state.scroll = if shaped.rtl { overflow } else { 0.0 };
            } else {
                let x = caret_local[0] - state.scroll;
                if x < 0.0 {
                    state.scroll += x;
                } else if x > view - 2.0 {
                    state.scroll += x - (view - 2.0);
                }
                state.scroll = state.scroll.clamp(0.0, overflow);
            }
        }
        let origin = text_origin(shaped, state.scroll);
        let to_pts = |x: f32, y: f32| pos2((origin.x + x) / scale, (origin.y + y) / scale);
        let caret_rect = Rect::from_min_max(
            to_pts(caret_local[0], caret_local[1]),
            to_pts(caret_local[2] + 1.0, caret_local[3]),
        );
        let composition_rects: Vec<Rect> = composition
            .map(|r| {
                shaped
                    .range_rects(r)
                    .into_iter()
                    .map(|q| Rect::from_min_max(to_pts(q[0], q[1]), to_pts(q[2], q[3])))
                    .collect()
            })
            .unwrap_or_default();

        // Paint.
        if ui.is_rect_visible(rect) {
            let w = if focused {
                &visuals.widgets.active
            } else if response.hovered() {
                &visuals.widgets.hovered
            } else {
                &visuals.widgets.inactive
            };
            // A visible frame even where the theme draws inactive widgets without one.
            let stroke = if focused {
                visuals.selection.stroke
            } else if w.bg_stroke.width > 0.0 && w.bg_stroke.color.a() > 0 {
                w.bg_stroke
            } else {
                visuals.widgets.noninteractive.bg_stroke
            };
            ui.painter().rect(
                rect,
                4.0,
                visuals.text_edit_bg_color(),
                stroke,
                egui::StrokeKind::Inside,
            );
            let painter = ui.painter_at(inner.expand2(vec2(1.0, pad.y)));
            let sel_color = if focused {
                visuals.selection.bg_fill
            } else {
                visuals.selection.bg_fill.gamma_multiply(0.4)
            };
            let sel = (!selection.is_empty()).then_some(selection.clone());
            widget::paint(
                &painter, &mut eng, &job, origin, scale, sel, sel_color, None,
            );
            for r in &composition_rects {
                let y = r.bottom() - 2.0;
                painter.line_segment(
                    [pos2(r.left(), y), pos2(r.right(), y)],
                    Stroke::new(1.0, ink),
                );
            }
            if state.buf.text().is_empty() && !self.hint.is_empty() {
                let mut hint = TextJob::new(self.hint.clone())
                    .size(self.size)
                    .color(visuals.weak_text_color())
                    .selectable(false);
                hint.auto_fallback_rtl = rtl_empty;
                drop(eng);
                let (pos, anchor) = if rtl_empty {
                    (inner.right_center(), egui::Align2::RIGHT_CENTER)
                } else {
                    (inner.left_center(), egui::Align2::LEFT_CENTER)
                };
                widget::paint_text(&painter, &hint, pos, anchor);
                eng = shared.lock();
            }
            if focused {
                painter.line_segment(
                    [caret_rect.center_top(), caret_rect.center_bottom()],
                    Stroke::new(2.0, visuals.text_cursor.stroke.color),
                );
            }
        }
        drop(eng);

        if focused {
            let to_global = ctx
                .layer_transform_to_global(ui.layer_id())
                .unwrap_or_default();
            ctx.output_mut(|o| {
                o.ime = Some(egui::output::IMEOutput {
                    purpose: egui::IMEPurpose::Normal,
                    rect: to_global * rect,
                    cursor_rect: to_global * caret_rect,
                    should_interrupt_composition: false,
                });
            });
        }
        let text_now = state.buf.text().to_owned();
        let label = self.label.clone();
        let hint = self.hint.clone();
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::text_edit(true, &prev_text, &text_now, &hint);
            if !label.is_empty() {
                info.label = Some(label.clone());
            }
            info
        });
        ctx.data_mut(|d| d.insert_temp(id, state));
        FieldOutput {
            response,
            changed,
            submitted,
        }
    }
}

/// What a key press does in a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyAction {
    Move(Motion, bool),
    Delete(Delete),
    Zwnj,
    Newline,
    Submit,
    SelectAll,
    Undo,
    Redo,
    Copy,
    Cut,
}

fn key_action(key: Key, m: Modifiers, multiline: bool) -> Option<KeyAction> {
    // Word steps: Ctrl on Linux and Windows, Option on macOS.
    let word = m.ctrl || m.alt;
    let cmd = m.command || m.ctrl;
    let shift = m.shift;
    Some(match key {
        Key::ArrowLeft if word => KeyAction::Move(Motion::WordLeft, shift),
        Key::ArrowRight if word => KeyAction::Move(Motion::WordRight, shift),
        Key::ArrowLeft => KeyAction::Move(Motion::Left, shift),
        Key::ArrowRight => KeyAction::Move(Motion::Right, shift),
        Key::ArrowUp if multiline => KeyAction::Move(Motion::Up, shift),
        Key::ArrowDown if multiline => KeyAction::Move(Motion::Down, shift),
        Key::Home if cmd => KeyAction::Move(Motion::TextStart, shift),
        Key::End if cmd => KeyAction::Move(Motion::TextEnd, shift),
        Key::Home => KeyAction::Move(Motion::LineStart, shift),
        Key::End => KeyAction::Move(Motion::LineEnd, shift),
        Key::Backspace if word => KeyAction::Delete(Delete::WordBack),
        Key::Backspace => KeyAction::Delete(Delete::Back),
        Key::Delete if word => KeyAction::Delete(Delete::WordForward),
        Key::Delete => KeyAction::Delete(Delete::Forward),
        Key::Space if shift && !cmd && !m.alt => KeyAction::Zwnj,
        Key::Num2 if cmd && shift => KeyAction::Zwnj,
        Key::Enter if multiline && !cmd => KeyAction::Newline,
        Key::Enter => KeyAction::Submit,
        Key::A if cmd => KeyAction::SelectAll,
        Key::Z if cmd && shift => KeyAction::Redo,
        Key::Z if cmd => KeyAction::Undo,
        Key::Y if cmd => KeyAction::Redo,
        Key::C if cmd => KeyAction::Copy,
        Key::X if cmd => KeyAction::Cut,
        _ => return None,
    })
}
