//! The article pane: magazine typography, date and source spans, the selected event's
//! sentence, the selected source's claims, and find. Lays out and draws only the blocks
//! in view; block heights are cached per width and font size.

use std::ops::Range;

use egui::{Color32, Rect, Ui, UiBuilder, pos2, vec2};

use crate::model::{Article, BlockKind, EventId, SourceId};
use crate::persian::dates::{Calendar, interval_text};
use crate::persian::{fold, sentence::sentence_around};
use crate::text::pieces::{PIECE_MAX, PIECE_THRESHOLD, piece_ranges};
use crate::text::{Align, Direction, Paragraph, Span, SpanFormat, TextField, TextJob};

use super::i18n::Lang;
use super::theme::{self, Theme};

/// What the article pane is given each frame.
pub struct ArticleInput<'a> {
    pub article: &'a Article,
    pub selected_event: Option<&'a EventId>,
    pub selected_source: Option<&'a SourceId>,
    pub lang: Lang,
    pub theme: Theme,
    /// Body size, points.
    pub font_size: f32,
}

/// What the user did in the article pane.
#[derive(Clone, Debug, PartialEq)]
pub enum ArticleAction {
    SelectEvent(EventId),
    SelectSource(SourceId),
    /// The reader chose an entry of a selection's context menu in block `block`.
    FromSelection {
        block: usize,
        range: Range<usize>,
        what: SelectionAction,
    },
    /// A highlight (by id) was clicked: show its note.
    OpenHighlight(String),
}

/// What the reader can make of words selected in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectionAction {
    /// A new event anchored on the selection, dated from it.
    NewEvent,
    /// A new source named by the selection (its first mention).
    NewSource,
    /// The selection as a claim of an existing source.
    Claim,
    /// Mark the passage.
    Highlight,
    /// Mark the passage and write a note on it.
    Note,
}

impl SelectionAction {
    /// Every entry, in menu order.
    pub const ALL: [SelectionAction; 5] = [
        Self::NewEvent,
        Self::NewSource,
        Self::Claim,
        Self::Highlight,
        Self::Note,
    ];

    /// The menu text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang == Lang::Fa) {
            (Self::NewEvent, true) => "رویداد تازه",
            (Self::NewSource, true) => "منبع تازه…",
            (Self::Claim, true) => "افزودن به‌عنوان ادعای…",
            (Self::NewSource, false) => "New source…",
            (Self::Claim, false) => "Add as claim of…",
            (Self::Highlight, true) => "برجسته‌سازی",
            (Self::Note, true) => "یادداشت",
            (Self::NewEvent, false) => "New event",
            (Self::Highlight, false) => "Highlight",
            (Self::Note, false) => "Note",
        }
    }
}

/// Where to scroll: a block and a byte range inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScrollTarget {
    pub block: usize,
    pub range: Range<usize>,
}

/// Find state: the query, its matches (block, byte range) and the current one.
#[derive(Clone, Debug, Default)]
pub struct Find {
    pub open: bool,
    pub query: String,
    pub matches: Vec<(usize, Range<usize>)>,
    pub current: usize,
    searched: Option<(String, usize)>,
    focus_field: bool,
}

/// Text laid out ahead of the viewport per frame, bytes. Shaping Persian runs at about
/// 1 KB per millisecond on a slow machine, so this keeps a frame's own shaping near 3 ms
/// while staying well ahead of any wheel or key scrolling (a screen holds ~3 KB).
const PREFETCH_BYTES: usize = 3 * 1024;
/// Most items laid out ahead of the viewport per frame.
const PREFETCH_ITEMS: usize = 4;
/// Items this far outside the viewport are drawn too, points.
const DRAW_MARGIN: f32 = 200.0;

/// What an interactive span of the article stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SpanTarget {
    /// A date: the event at this index of `article.events`.
    Event(usize),
    /// A mention of the source at this index of `article.sources`.
    Source(usize),
    /// A passage the reader highlighted: the highlight at this index of
    /// `article.highlights`.
    Highlight(usize),
}

/// The article pane's view state.
#[derive(Default)]
pub struct ArticleView {
    pub find: Find,
    /// Laid-out heights of the page's items (by position in [`items`]) for the
    /// (width, font size, item count) in `heights_key`; `None` until laid out.
    heights: Vec<Option<f32>>,
    /// Heights estimated from the text's length, used until an item is laid out.
    estimates: Vec<f32>,
    /// Characters of each item's text (what the estimates scale), counted once.
    chars: Vec<usize>,
    measured: usize,
    /// The engine's cache keys of the items' plain jobs (computed once: hashing a long
    /// paragraph every frame is not free).
    shape_keys: Vec<Option<u64>>,
    heights_key: (u32, u32, u32, usize),
    /// Per block: its events and source mentions with their resolved ranges.
    marks: Vec<BlockMarks>,
    /// Per block: the byte ranges of its pieces (one, unless the block is longer than
    /// [`PIECE_THRESHOLD`]: a block of millions of characters is laid out piece by piece)
    /// and whether a cut block is right to left (its pieces take the block's direction).
    pieces: Vec<(Vec<Range<usize>>, bool)>,
    /// What `marks`, `pieces` and `chars` were computed for (block count, text bytes,
    /// events, source mentions).
    article_sig: (usize, usize, usize, usize),
    scroll_to: Option<ScrollTarget>,
    /// Last frame's viewport (content coordinates) and the item at its top with the
    /// viewport's offset from that item's top: when items above it are laid out and
    /// their estimated heights corrected, the scroll offset follows so nothing on screen
    /// moves.
    last_viewport: Option<Rect>,
    anchor: Option<(usize, f32)>,
    /// The scroll offset the scroll area ended last frame with.
    offset_after: f32,
    /// The item rects drawn last frame (for tests and scroll checks), in screen points.
    pub visible_items: Vec<(usize, Rect)>,
    /// Items shaped in the frame that drew them, after the first frame at a width:
    /// scrolling outran the layout ahead (for tests and benchmarks).
    pub late_layouts: usize,
}

/// Where the page's items go: their tops in content coordinates, the shaded spans of
/// sidebar runs, and the page's height.
struct Placement {
    tops: Vec<f32>,
    sidebars: Vec<(f32, f32)>,
    bottom: f32,
}

impl Placement {
    /// Positions of the items overlapping `lo..hi` (content coordinates).
    fn overlapping(&self, heights: impl Fn(usize) -> f32, lo: f32, hi: f32) -> Range<usize> {
        let first = self.tops.partition_point(|&t| t < lo);
        // The item before the first top at or after `lo` may still reach into the range.
        let first = first.saturating_sub(1);
        let first = if first < self.tops.len() && self.tops[first] + heights(first) <= lo {
            first + 1
        } else {
            first
        };
        let end = self.tops.partition_point(|&t| t < hi).max(first);
        first..end
    }
}

/// One vertical item of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Title,
    Author,
    Lead(usize),
    /// Piece `.1` of block `.0` (a block is one piece unless it is very long).
    Block(usize, usize),
}

impl ArticleView {
    /// The article's events, sources or highlights changed (its text did not): their marks
    /// in the text are found again on the next frame.
    pub fn article_changed(&mut self) {
        self.chars.clear();
    }

    /// Scrolls to `range` of block `block` on the next frame.
    pub fn scroll_to(&mut self, block: usize, range: Range<usize>) {
        self.scroll_to = Some(ScrollTarget { block, range });
    }

    /// Number of items laid out (measured) so far at the current width and size.
    pub fn measured_items(&self) -> usize {
        self.measured
    }

    /// Opens the find bar and focuses its field.
    pub fn open_find(&mut self) {
        self.find.open = true;
        self.find.focus_field = true;
    }

    /// Moves to the next (`forward`) or previous match and scrolls to it.
    pub fn find_step(&mut self, forward: bool) {
        let n = self.find.matches.len();
        if n == 0 {
            return;
        }
        self.find.current = if forward {
            (self.find.current + 1) % n
        } else {
            (self.find.current + n - 1) % n
        };
        let (b, r) = self.find.matches[self.find.current].clone();
        self.scroll_to(b, r);
    }

    fn update_matches(&mut self, article: &Article) {
        let key = (self.find.query.clone(), article.blocks.len());
        if self.find.searched.as_ref() == Some(&key) {
            return;
        }
        self.find.searched = Some(key);
        self.find.matches.clear();
        self.find.current = 0;
        if self.find.query.trim().is_empty() {
            return;
        }
        for (i, b) in article.blocks.iter().enumerate() {
            for r in fold::find_all(&b.text, &self.find.query) {
                self.find.matches.push((i, r));
            }
        }
        if let Some((b, r)) = self.find.matches.first().cloned() {
            self.scroll_to(b, r);
        }
    }

    /// Opens the find bar on `query` with the match at `range` of block `block` as the
    /// current one, and scrolls to it: how a library search's hit opens its article. The
    /// hit's range is added to the find's matches when the find does not match it itself
    /// (a query of several words found apart).
    pub fn show_match(
        &mut self,
        article: &Article,
        query: &str,
        block: usize,
        range: Range<usize>,
    ) {
        self.find.open = true;
        self.find.query = query.to_owned();
        self.find.searched = None;
        self.update_matches(article);
        let at = self.find.matches.iter().position(|(b, r)| {
            *b == block && r.start <= range.start && range.start < r.end.max(r.start + 1)
        });
        self.find.current = match at {
            Some(k) => k,
            None => {
                let k = self
                    .find
                    .matches
                    .partition_point(|(b, r)| (*b, r.start) < (block, range.start));
                self.find.matches.insert(k, (block, range.clone()));
                k
            }
        };
        self.scroll_to(block, range);
    }

    /// Closes the find bar and forgets its query and matches.
    pub fn close_find(&mut self) {
        self.find.open = false;
        self.find.query.clear();
        self.find.matches.clear();
        self.find.searched = None;
    }

    /// The find counter: «۱۰ از ۵۲» in the Persian UI, "10 of 52" in the English one (the
    /// numbers isolated, in the UI's digits); `None` when there is nothing to count.
    pub fn find_counter(&self, lang: Lang) -> Option<String> {
        let n = self.find.matches.len();
        let s = lang.strings();
        if n == 0 {
            return (!self.find.query.is_empty()).then(|| s.no_matches.to_owned());
        }
        Some(format!(
            "{} {} {}",
            lang.num_isolated(self.find.current + 1),
            s.find_of,
            lang.num_isolated(n)
        ))
    }

    /// The find bar (shown above the article when open): in the UI's direction, so in the
    /// Persian UI it runs right to left — label and field on the right, then the previous
    /// and next buttons, the counter and the close button. Esc is handled by the app (it
    /// closes the find bar unless a dialog is open).
    pub fn find_bar_ui(&mut self, ui: &mut Ui, article: &Article, lang: Lang) {
        if !self.find.open {
            return;
        }
        let s = lang.strings();
        let rtl = lang.is_rtl();
        let layout = if rtl {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        };
        ui.allocate_ui_with_layout(vec2(ui.available_width(), 28.0), layout, |ui| {
            ui.label(s.find);
            let field = TextField::singleline(&mut self.find.query)
                .width(220.0)
                .id_salt("find-field")
                .label(s.find)
                .fold_arabic(true)
                .rtl_when_empty(rtl)
                .show(ui);
            if self.find.focus_field {
                field.response.request_focus();
                self.find.focus_field = false;
            }
            let enter = field.submitted;
            self.update_matches(article);
            if ui.button(s.find_prev).clicked() {
                self.find_step(false);
            }
            if ui.button(s.find_next).clicked() || enter {
                let back = ui.input(|i| i.modifiers.shift);
                self.find_step(!back);
                if enter {
                    field.response.request_focus();
                }
            }
            if let Some(counter) = self.find_counter(lang) {
                counter_ui(ui, &counter, rtl);
            }
            if ui.button(s.find_close).clicked() {
                self.close_find();
            }
        });
    }

    /// The article page. Returns what the user clicked.
    ///
    /// Only items near the viewport are laid out and drawn; the others stand in with an
    /// estimated height. Each frame lays out what it will draw before placing anything,
    /// then a few items ahead of the viewport (below first, then above) within
    /// [`PREFETCH_BYTES`], so scrolling rarely meets text that is not shaped yet.
    pub fn ui(&mut self, ui: &mut Ui, input: &ArticleInput<'_>) -> Vec<ArticleAction> {
        let mut actions = Vec::new();
        let article = input.article;
        let fs = input.font_size;
        let avail = ui.available_width();
        let column = avail.min(fs * 40.0).max(100.0);
        let margin = ((avail - column) / 2.0).max(0.0);
        let sig = article_sig(article);
        if sig != self.article_sig || self.pieces.len() != article.blocks.len() {
            // Once per article (the view is made anew for each opened document), and again
            // if its text or marks change.
            self.article_sig = sig;
            self.marks = block_marks(article);
            self.pieces = article
                .blocks
                .iter()
                .map(|b| {
                    let r = piece_ranges(&b.text, PIECE_THRESHOLD, PIECE_MAX);
                    let rtl = r.len() > 1
                        && crate::text::layout::first_strong_is_rtl(&b.text).unwrap_or(true);
                    (r, rtl)
                })
                .collect();
            self.chars.clear();
        }
        let items = self.items(article);
        let key = (
            column.to_bits(),
            fs.to_bits(),
            ui.ctx().pixels_per_point().to_bits(),
            items.len(),
        );
        if self.chars.len() != items.len() {
            self.chars = items
                .iter()
                .map(|it| self.item_text(*it, article).0.chars().count())
                .collect();
            self.heights_key.3 = usize::MAX;
        }
        if key != self.heights_key {
            self.heights = vec![None; items.len()];
            self.shape_keys = vec![None; items.len()];
            self.estimates = items
                .iter()
                .zip(&self.chars)
                .map(|(it, &chars)| estimate(*it, chars, fs, column))
                .collect();
            self.measured = 0;
            self.heights_key = key;
        }
        let selected_sentence = selected_sentence(input);
        let claim_ranges = claim_ranges(input);
        let ctx = ui.ctx().clone();
        let shaped_before = crate::text::engine(&ctx).lock().shaped_bytes;
        let view_h = ui.available_height();
        // Where the view is now: last frame's viewport moved to the offset the scroll area
        // ended that frame with (it applies wheel and key scrolling after drawing).
        let moved = |v: Rect| v.translate(vec2(0.0, self.offset_after - v.min.y));
        let view = self.last_viewport.map_or_else(
            || Rect::from_min_size(pos2(0.0, 0.0), vec2(column, view_h)),
            moved,
        );

        // Lay out what this frame will draw before placing it, and a little ahead.
        let mut placed = self.place(&items, article, fs);
        let draw = placed.overlapping(
            |i| self.height_at(i),
            view.min.y - DRAW_MARGIN,
            view.max.y + DRAW_MARGIN,
        );
        let first_at_width = self.measured == 0;
        let mut moved_heights = false;
        for i in draw {
            if !self.warm(&ctx, i, items[i], input) {
                self.late_layouts += usize::from(!first_at_width);
                moved_heights |= self.measure(&ctx, i, items[i], input, column);
            }
        }
        let below = placed.overlapping(
            |i| self.height_at(i),
            view.max.y + DRAW_MARGIN,
            view.max.y + 2.0 * view.height(),
        );
        let above = placed.overlapping(
            |i| self.height_at(i),
            view.min.y - 2.0 * view.height(),
            view.min.y - DRAW_MARGIN,
        );
        let mut ahead = 0;
        let mut unfinished = false;
        for i in below.chain(above.rev()) {
            if self.warm(&ctx, i, items[i], input) {
                continue;
            }
            let spent = crate::text::engine(&ctx).lock().shaped_bytes - shaped_before;
            if spent >= PREFETCH_BYTES || ahead >= PREFETCH_ITEMS {
                unfinished = true;
                break;
            }
            moved_heights |= self.measure(&ctx, i, items[i], input, column);
            ahead += 1;
        }
        if unfinished {
            // Finish laying out ahead in the next frames, even if the reader stops.
            ctx.request_repaint();
        }

        // Resolve a pending scroll target into an offset, or keep the top item in place.
        let mut scroll_offset = None;
        if moved_heights {
            placed = self.place(&items, article, fs);
            moved_heights = false;
        }
        if let Some(t) = self.scroll_to.take()
            && let Some((k, from)) = self.piece_at(t.block, t.range.start)
            && let Some(ti) = items.iter().position(|it| *it == Item::Block(t.block, k))
        {
            let t = ScrollTarget {
                block: t.block,
                range: t.range.start.saturating_sub(from)..t.range.end.saturating_sub(from),
            };
            let around = placed.overlapping(
                |i| self.height_at(i),
                placed.tops[ti] - view_h,
                placed.tops[ti] + view_h * 1.5,
            );
            for i in around {
                if !self.warm(&ctx, i, items[i], input) {
                    moved_heights |= self.measure(&ctx, i, items[i], input, column);
                }
            }
            let (job, _) = self.job(items[ti], input, &selected_sentence, &claim_ranges);
            let within = {
                let shared = crate::text::engine(&ctx);
                let mut eng = shared.lock();
                let scale = ctx.pixels_per_point();
                let s = eng.layout(&job, Some(column), scale);
                s.range_rects(t.range.clone())
                    .first()
                    .map_or(0.0, |r| r[1] / scale)
            };
            if moved_heights {
                placed = self.place(&items, article, fs);
            }
            scroll_offset = Some((placed.tops[ti] + within - view_h / 3.0).max(0.0));
        } else {
            // The anchor item moved by `drift` since it was drawn: move the view with it,
            // keeping the scrolling applied since.
            if let (Some((i, within)), Some(last)) = (self.anchor, self.last_viewport)
                && let Some(top) = placed.tops.get(i)
                && (top + within - last.min.y).abs() > 0.01
            {
                let drift = top + within - last.min.y;
                scroll_offset = Some((view.min.y + drift).max(0.0));
            }
        }

        // Reading keys scroll the article when no field or pane holds the keyboard.
        // Every press since the last frame counts (a held key repeats faster than a slow
        // renderer draws).
        // The offset is set directly, not animated: egui restarts an animation from where
        // it is when another press arrives (losing the rest of the earlier one), and keeps
        // a pending animation in its saved state across runs.
        let line = fs * 1.7;
        let page_bottom = placed.bottom + fs * 2.0;
        let max_offset = (page_bottom - view.height()).max(0.0);
        while ctx.memory(|m| m.focused().is_none())
            && let Some(key) = ui.input_mut(reading_key)
        {
            let from = scroll_offset.unwrap_or(view.min.y);
            let to = match key {
                KeyScroll::Lines(n) => from + n * line * 2.0,
                KeyScroll::Pages(n) => from + n * (view_h - 2.0 * line).max(line),
                KeyScroll::Top => 0.0,
                KeyScroll::Bottom => max_offset,
            };
            scroll_offset = Some(to.clamp(0.0, max_offset));
        }

        let first_show = self.last_viewport.is_none();
        let explicit_offset = scroll_offset.is_some();
        if first_show {
            scroll_offset = Some(scroll_offset.unwrap_or(0.0));
        }
        let mut area = egui::ScrollArea::vertical()
            .id_salt("article-scroll")
            .auto_shrink(false);
        if let Some(off) = scroll_offset {
            area = area.vertical_scroll_offset(off);
        }
        self.visible_items.clear();
        self.anchor = None;
        let shown = area.show_viewport(ui, |ui, viewport| {
            let top = ui.min_rect().top();
            let left = ui.min_rect().left() + margin;
            let bg = ui.painter().add(egui::Shape::Noop);
            // Items first laid out while drawing (the viewport jumped past what was laid
            // out ahead) push the ones below them down within this frame.
            let mut shift = 0.0;
            let shown = placed.overlapping(
                |i| self.height_at(i),
                viewport.min.y - DRAW_MARGIN,
                viewport.max.y + DRAW_MARGIN,
            );
            for (i, &it) in items.iter().enumerate().skip(shown.start) {
                let y = placed.tops[i] + shift;
                if y > viewport.max.y + DRAW_MARGIN {
                    break;
                }
                let h = self.height_at(i);
                let rect = Rect::from_min_size(pos2(left, top + y), vec2(column, h));
                let (job, targets) = self.job(it, input, &selected_sentence, &claim_ranges);
                let shaped = crate::text::engine(&ctx).lock().shaped;
                let out = ui
                    .scope_builder(UiBuilder::new().max_rect(rect).id_salt(("item", i)), |ui| {
                        let menu = if matches!(it, Item::Block(..)) {
                            SelectionAction::ALL
                                .iter()
                                .map(|a| a.text(input.lang).to_owned())
                                .collect()
                        } else {
                            Vec::new()
                        };
                        Paragraph::new(job)
                            .id_salt(("article-item", i))
                            .width(column)
                            .selection_menu(menu)
                            .show(ui)
                    })
                    .inner;
                let real = out.response.rect.height();
                if self.heights[i].is_none() {
                    self.measured += 1;
                }
                if crate::text::engine(&ctx).lock().shaped > shaped && !first_at_width {
                    self.late_layouts += 1;
                }
                self.heights[i] = Some(real);
                shift += real - h;
                if self.anchor.is_none() && y + real > viewport.min.y {
                    self.anchor = Some((i, viewport.min.y - y));
                }
                let rect = Rect::from_min_size(rect.min, vec2(column, real));
                self.decorate(ui, it, rect, input);
                self.span_actions(&out.spans, &targets, input, &mut actions);
                if let (Item::Block(block, _), Some((k, range))) = (it, out.menu_choice.clone()) {
                    // The selection is in the piece's text: moved to the block's bytes.
                    let at = self.item_text(it, article).1;
                    actions.push(ArticleAction::FromSelection {
                        block,
                        range: range.start + at..range.end + at,
                        what: SelectionAction::ALL[k],
                    });
                }
                self.visible_items.push((item_index(it, article), rect));
            }
            if shift != 0.0 {
                placed = self.place(&items, article, fs);
            }
            let pad = fs * 0.9;
            let fill = theme::sidebar(input.theme);
            let shapes: Vec<egui::Shape> = placed
                .sidebars
                .iter()
                .filter(|(a, b)| *b >= viewport.min.y - pad && *a <= viewport.max.y + pad)
                .map(|&(a, b)| {
                    let r = Rect::from_min_max(
                        pos2(left - pad, top + a),
                        pos2(left + column + pad, top + b),
                    );
                    egui::Shape::rect_filled(r, 6.0, fill)
                })
                .collect();
            ui.painter().set(bg, egui::Shape::Vec(shapes));
            self.last_viewport = Some(viewport);
            ui.allocate_rect(
                Rect::from_min_size(
                    pos2(ui.min_rect().left(), top),
                    vec2(avail, placed.bottom + fs * 2.0),
                ),
                egui::Sense::hover(),
            );
        });
        self.offset_after = shown.state.clamped_offset().y;
        if first_show && !explicit_offset {
            // egui saves scroll state with the window's; a scroll animation saved by an
            // earlier run would never end (its times are from that run's clock) and would
            // repaint forever. A newly opened article starts at its top.
            egui::scroll_area::State::default().store(&ctx, shown.id);
            self.offset_after = 0.0;
        }
        actions
    }

    /// The lead's rule and a pull quote's rules around an item drawn at `rect`.
    fn decorate(&self, ui: &Ui, it: Item, rect: Rect, input: &ArticleInput<'_>) {
        let fs = input.font_size;
        if matches!(it, Item::Lead(_)) {
            // The article is Persian: the lead's rule stands on its start (right) side.
            let bar_x = rect.right() + 8.0;
            ui.painter().line_segment(
                [
                    pos2(bar_x, rect.top() + 2.0),
                    pos2(bar_x, rect.bottom() - 2.0),
                ],
                egui::Stroke::new(3.0, theme::accent(input.theme)),
            );
        }
        if let Item::Block(b, k) = it
            && input.article.blocks[b].kind == BlockKind::PullQuote
        {
            let c = theme::accent(input.theme).gamma_multiply(0.6);
            let stroke = egui::Stroke::new(1.5, c);
            if k == 0 {
                ui.painter()
                    .hline(rect.x_range(), rect.top() - fs * 0.4, stroke);
            }
            if self.is_last_piece(b, k) {
                ui.painter()
                    .hline(rect.x_range(), rect.bottom() + fs * 0.4, stroke);
            }
        }
    }

    /// Tooltips and clicks of an item's date and source spans.
    fn span_actions(
        &self,
        spans: &[(usize, egui::Response)],
        targets: &[SpanTarget],
        input: &ArticleInput<'_>,
        actions: &mut Vec<ArticleAction>,
    ) {
        let article = input.article;
        for (key, resp) in spans {
            match targets.get(*key) {
                Some(&SpanTarget::Event(idx)) => {
                    let Some(ev) = article.events.get(idx) else {
                        continue;
                    };
                    let resp = resp
                        .clone()
                        .on_hover_ui(|ui| event_tooltip_ui(ui, article, idx, input));
                    if resp.clicked() {
                        actions.push(ArticleAction::SelectEvent(ev.id.as_str().into()));
                    }
                }
                Some(&SpanTarget::Highlight(idx)) => {
                    if resp.clicked()
                        && let Some(h) = article.highlights.get(idx)
                    {
                        actions.push(ArticleAction::OpenHighlight(h.id.clone()));
                    }
                }
                Some(&SpanTarget::Source(idx)) => {
                    let Some(src) = article.sources.get(idx) else {
                        continue;
                    };
                    let resp = resp.clone().on_hover_ui(|ui| {
                        let t = if src.role.is_empty() {
                            src.name.clone()
                        } else {
                            format!("{} — {}", src.name, src.role)
                        };
                        Paragraph::new(TextJob::new(t).size(14.0).color(theme::ink(input.theme)))
                            .width(280.0)
                            .show(ui);
                    });
                    if resp.clicked() {
                        actions.push(ArticleAction::SelectSource(src.id.as_str().into()));
                    }
                }
                None => {}
            }
        }
    }

    /// Places the items with their laid-out or estimated heights.
    fn place(&self, items: &[Item], article: &Article, fs: f32) -> Placement {
        let pad = fs * 0.9;
        let mut tops = Vec::with_capacity(items.len());
        let mut sidebars = Vec::new();
        let mut open: Option<f32> = None;
        let mut y = 0.0;
        for (i, it) in items.iter().enumerate() {
            let is_sidebar = matches!(it, Item::Block(b, _) if article.blocks[*b].sidebar);
            match (is_sidebar, open) {
                (true, None) => {
                    y += pad;
                    open = Some(y - pad * 0.7);
                }
                (false, Some(start)) => {
                    sidebars.push((start, y + pad * 0.3));
                    open = None;
                    y += pad;
                }
                _ => {}
            }
            tops.push(y);
            y += self.height_at(i) + self.item_spacing(*it, article, fs);
        }
        if let Some(start) = open {
            sidebars.push((start, y));
        }
        Placement {
            tops,
            sidebars,
            bottom: y,
        }
    }

    /// The laid-out height of the item at position `i`, else its estimate.
    fn height_at(&self, i: usize) -> f32 {
        self.heights
            .get(i)
            .copied()
            .flatten()
            .or_else(|| self.estimates.get(i).copied())
            .unwrap_or(0.0)
    }

    /// Whether the item at position `i` has a height and a layout the engine still holds
    /// (it drops the least recently used ones beyond a budget); a held layout is marked
    /// used, so what is near the view stays held.
    fn warm(&mut self, ctx: &egui::Context, i: usize, it: Item, input: &ArticleInput<'_>) -> bool {
        if self.heights.get(i).copied().flatten().is_none() {
            return false;
        }
        let scale = ctx.pixels_per_point();
        let key = match self.shape_keys.get(i).copied().flatten() {
            Some(k) => k,
            None => {
                let k = self.plain_job(it, input).shape_hash(scale);
                if let Some(slot) = self.shape_keys.get_mut(i) {
                    *slot = Some(k);
                }
                k
            }
        };
        let shared = crate::text::engine(ctx);
        let mut eng = shared.lock();
        eng.begin_pass(ctx.cumulative_pass_nr());
        eng.touch(key)
    }

    /// Lays out the item at position `i` (shaping it only if the engine does not hold its
    /// layout) and records its height; returns whether that height is new.
    fn measure(
        &mut self,
        ctx: &egui::Context,
        i: usize,
        it: Item,
        input: &ArticleInput<'_>,
        column: f32,
    ) -> bool {
        // Measure with the plain job: spans change only colours and backgrounds, except a
        // selected source's weight, which the draw then corrects.
        let h = Paragraph::measure(ctx, &self.plain_job(it, input), column);
        let Some(slot) = self.heights.get_mut(i) else {
            return false;
        };
        if slot.is_none() {
            self.measured += 1;
        }
        slot.replace(h) != Some(h)
    }

    /// The item's text job with its date, source, claim, sentence and find spans.
    /// The item's text job with its highlights and interactive spans, and what each
    /// interactive span stands for (a span's key is its target's index in the list).
    fn job(
        &self,
        it: Item,
        input: &ArticleInput<'_>,
        selected: &Option<(usize, Range<usize>)>,
        claims: &[(usize, Range<usize>)],
    ) -> (TextJob, Vec<SpanTarget>) {
        let mut job = self.plain_job(it, input);
        let mut targets = Vec::new();
        if let Item::Block(b, k) = it {
            self.add_spans(&mut job, &mut targets, (b, k), input, selected, claims);
        }
        (job, targets)
    }

    /// The item's text job without spans: what its height and shaping depend on. Each
    /// item takes its direction from its own first strong character, so a Russian or
    /// English paragraph (or title, or heading) in a Persian article reads left to right
    /// and starts at the left edge; one with no strong character is right to left.
    fn plain_job(&self, it: Item, input: &ArticleInput<'_>) -> TextJob {
        let a = input.article;
        let fs = input.font_size;
        let theme = input.theme;
        let ink = theme::ink(theme);
        let job = match it {
            Item::Title => TextJob::new(a.meta.title.as_str())
                .size(fs * 1.9)
                .weight(800.0)
                .color(ink)
                .align(Align::Start),
            Item::Author => {
                let by = Lang::Fa.strings().by;
                TextJob::new(format!("{by} {}", a.meta.author))
                    .size(fs * 0.95)
                    .weight(500.0)
                    .color(theme::muted(theme))
            }
            Item::Lead(i) => TextJob::new(a.meta.lead.get(i).map_or("", String::as_str))
                .size(fs * 1.08)
                .weight(600.0)
                .color(theme::muted(theme))
                .align(Align::Justify),
            Item::Block(b, _) => {
                let block = &a.blocks[b];
                let text = self.item_text(it, a).0;
                let job = match block.kind {
                    BlockKind::Heading => TextJob::new(text)
                        .size(fs * 1.3)
                        .weight(750.0)
                        .color(theme::accent(theme)),
                    BlockKind::PullQuote => TextJob::new(text)
                        .size(fs * 1.3)
                        .weight(600.0)
                        .color(theme::accent(theme))
                        .align(Align::Center),
                    BlockKind::Paragraph => {
                        TextJob::new(text).size(fs).color(ink).align(Align::Justify)
                    }
                };
                let job = if block.sidebar && block.kind == BlockKind::Paragraph {
                    job.size(fs * 0.93)
                } else {
                    job
                };
                // The pieces of a cut block read in the block's direction.
                match self.pieces.get(b) {
                    Some((r, rtl)) if r.len() > 1 => {
                        return job.direction(if *rtl { Direction::Rtl } else { Direction::Ltr });
                    }
                    _ => job,
                }
            }
        };
        job.direction(Direction::Auto)
    }

    /// The items of the page: title, author, lead paragraphs, then each block's pieces.
    fn items(&self, a: &Article) -> Vec<Item> {
        let mut v = vec![Item::Title];
        if !a.meta.author.is_empty() {
            v.push(Item::Author);
        }
        v.extend((0..a.meta.lead.len()).map(Item::Lead));
        for b in 0..a.blocks.len() {
            let n = self.pieces.get(b).map_or(1, |(r, _)| r.len());
            v.extend((0..n).map(|k| Item::Block(b, k)));
        }
        v
    }

    /// An item's text and, for a block's piece, where the piece starts in the block.
    fn item_text<'a>(&self, it: Item, a: &'a Article) -> (&'a str, usize) {
        match it {
            Item::Title => (&a.meta.title, 0),
            Item::Author => (&a.meta.author, 0),
            Item::Lead(i) => (a.meta.lead.get(i).map_or("", String::as_str), 0),
            Item::Block(b, k) => {
                let text = a.blocks[b].text.as_str();
                self.pieces
                    .get(b)
                    .and_then(|(r, _)| r.get(k))
                    .and_then(|r| Some((text.get(r.clone())?, r.start)))
                    .unwrap_or((text, 0))
            }
        }
    }

    /// The piece of block `b` holding byte `at`, and where that piece starts.
    fn piece_at(&self, b: usize, at: usize) -> Option<(usize, usize)> {
        let Some((r, _)) = self.pieces.get(b) else {
            return Some((0, 0));
        };
        let k = r
            .partition_point(|p| p.end <= at)
            .min(r.len().saturating_sub(1));
        Some((k, r.get(k).map_or(0, |p| p.start)))
    }

    /// Whether piece `k` is block `b`'s last.
    fn is_last_piece(&self, b: usize, k: usize) -> bool {
        self.pieces.get(b).is_none_or(|(r, _)| k + 1 >= r.len())
    }

    /// Space below an item, points (none between the pieces of one block).
    fn item_spacing(&self, it: Item, a: &Article, fs: f32) -> f32 {
        match it {
            Item::Title => fs * 0.4,
            Item::Author => fs * 1.2,
            Item::Lead(_) => fs * 0.6,
            Item::Block(b, k) if !self.is_last_piece(b, k) => 0.0,
            Item::Block(b, _) => match a.blocks[b].kind {
                BlockKind::Heading => fs * 0.5,
                BlockKind::PullQuote => fs * 1.6,
                BlockKind::Paragraph => fs * 0.8,
            },
        }
    }

    fn add_spans(
        &self,
        job: &mut TextJob,
        targets: &mut Vec<SpanTarget>,
        (b, k): (usize, usize),
        input: &ArticleInput<'_>,
        selected: &Option<(usize, Range<usize>)>,
        claims: &[(usize, Range<usize>)],
    ) {
        let a = input.article;
        let theme = input.theme;
        let text = &a.blocks[b].text;
        // The piece's range in the block: spans are clipped to it and moved to its start.
        let piece = self
            .pieces
            .get(b)
            .and_then(|(r, _)| r.get(k).cloned())
            .unwrap_or(0..text.len());
        let local = |r: &Range<usize>| -> Option<Range<usize>> {
            let (s, e) = (r.start.max(piece.start), r.end.min(piece.end));
            (s < e || (r.is_empty() && piece.contains(&r.start)))
                .then(|| s - piece.start..e.max(s) - piece.start)
        };
        for (cb, r) in claims {
            if *cb == b
                && let Some(r) = local(r)
            {
                job.spans.push(Span::styled(
                    r,
                    SpanFormat {
                        background: Some(theme::highlight(theme).gamma_multiply(0.45)),
                        ..SpanFormat::default()
                    },
                ));
            }
        }
        if let Some((sb, r)) = selected
            && *sb == b
            && let Some(r) = local(r)
        {
            job.spans.push(Span::styled(
                r,
                SpanFormat {
                    background: Some(theme::highlight(theme)),
                    ..SpanFormat::default()
                },
            ));
        }
        // Matches are in (block, start) order: only this piece's are looked at.
        let matches = &self.find.matches;
        let from = matches.partition_point(|(mb, r)| (*mb, r.start) < (b, piece.start));
        for (m, (mb, r)) in matches.iter().enumerate().skip(from) {
            if *mb != b || r.start >= piece.end {
                break;
            }
            let Some(r) = local(r) else { continue };
            let c = if m == self.find.current {
                Color32::from_rgb(0xFF, 0x96, 0x32)
            } else {
                Color32::from_rgba_unmultiplied(0xFF, 0xE0, 0x60, 150)
            };
            job.spans.push(Span::styled(
                r,
                SpanFormat {
                    background: Some(c),
                    ..SpanFormat::default()
                },
            ));
        }
        let block_id = a.blocks[b].id.as_str();
        for (i, h) in a.highlights.iter().enumerate() {
            if h.anchor.block == block_id
                && let Some(r) = h.anchor.resolve(text)
                && let Some(lr) = local(&r)
            {
                let quote = text.get(r).unwrap_or_default();
                let label = if h.note.is_empty() {
                    quote.to_owned()
                } else {
                    format!("{quote} — {}", h.note)
                };
                job.spans.push(Span::interactive(
                    lr,
                    SpanFormat {
                        background: Some(reader_highlight(theme)),
                        ..SpanFormat::default()
                    },
                    targets.len(),
                    label,
                ));
                targets.push(SpanTarget::Highlight(i));
            }
        }
        let Some(marks) = self.marks.get(b) else {
            return;
        };
        // Marks are sorted by where they start: a piece looks only at its own.
        for (i, r) in marks.events_from(piece.start) {
            if r.start >= piece.end {
                break;
            }
            let Some(lr) = local(r) else { continue };
            let e = &a.events[*i];
            let label = format!("{} — {}", e.date.wording, e.label);
            job.spans.push(Span::interactive(
                lr,
                SpanFormat {
                    underline: Some(theme::date_mark(theme)),
                    color: Some(theme::date_mark(theme)),
                    ..SpanFormat::default()
                },
                targets.len(),
                label,
            ));
            targets.push(SpanTarget::Event(*i));
        }
        for (i, r) in marks.mentions_from(piece.start) {
            if r.start >= piece.end {
                break;
            }
            let Some(lr) = local(r) else { continue };
            let s = &a.sources[*i];
            let selected = input.selected_source.map(SourceId::as_str) == Some(s.id.as_str());
            job.spans.push(Span::interactive(
                lr,
                SpanFormat {
                    color: Some(theme::source_mark(theme)),
                    weight: selected.then_some(700.0),
                    ..SpanFormat::default()
                },
                targets.len(),
                format!("{} ({})", text.get(r.clone()).unwrap_or_default(), s.name),
            ));
            targets.push(SpanTarget::Source(*i));
        }
    }
}

/// The background of a passage the reader highlighted: a marker's yellow, dimmed on a dark
/// page.
fn reader_highlight(theme: Theme) -> Color32 {
    if theme.is_dark() {
        Color32::from_rgba_unmultiplied(0xB0, 0x8A, 0x1A, 110)
    } else {
        Color32::from_rgba_unmultiplied(0xFF, 0xE2, 0x5A, 150)
    }
}

/// The find counter drawn with the engine (digits and their order stay right in either
/// direction); AccessKit reads it as a label.
fn counter_ui(ui: &mut Ui, text: &str, rtl: bool) {
    let job = super::widgets::control_job(text, ui.visuals().text_color(), rtl);
    let size = crate::text::measure_text(ui.ctx(), &job);
    let (rect, resp) = ui.allocate_exact_size(size + vec2(8.0, 0.0), egui::Sense::hover());
    let label = super::widgets::plain(text);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    crate::text::paint_text(
        &ui.painter_at(rect),
        &job,
        rect.center(),
        egui::Align2::CENTER_CENTER,
    );
}

/// A block's events (event index) and source mentions (source index), each with the
/// byte range its anchor resolves to, sorted by where that range starts.
#[derive(Clone, Debug, Default)]
struct BlockMarks {
    events: Vec<(usize, Range<usize>)>,
    mentions: Vec<(usize, Range<usize>)>,
}

impl BlockMarks {
    /// The events starting at or after byte `at`, in order.
    fn events_from(&self, at: usize) -> impl Iterator<Item = &(usize, Range<usize>)> {
        let from = self.events.partition_point(|(_, r)| r.start < at);
        self.events[from..].iter()
    }

    /// The source mentions starting at or after byte `at`, in order.
    fn mentions_from(&self, at: usize) -> impl Iterator<Item = &(usize, Range<usize>)> {
        let from = self.mentions.partition_point(|(_, r)| r.start < at);
        self.mentions[from..].iter()
    }
}

/// Which events and source mentions are anchored in each block, resolved: built once per
/// article, so drawing a block (or a piece of a long one) looks only at its own marks.
fn block_marks(a: &Article) -> Vec<BlockMarks> {
    let by_id: std::collections::HashMap<&str, usize> = a
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let mut marks = vec![BlockMarks::default(); a.blocks.len()];
    for (i, e) in a.events.iter().enumerate() {
        if let Some(&b) = by_id.get(e.anchor.block.as_str())
            && let Some(r) = e.anchor.resolve(&a.blocks[b].text)
        {
            marks[b].events.push((i, r));
        }
    }
    for (i, s) in a.sources.iter().enumerate() {
        for m in &s.mentions {
            if let Some(&b) = by_id.get(m.block.as_str())
                && let Some(r) = m.resolve(&a.blocks[b].text)
            {
                marks[b].mentions.push((i, r));
            }
        }
    }
    for m in &mut marks {
        m.events.sort_by_key(|(_, r)| r.start);
        m.mentions.sort_by_key(|(_, r)| r.start);
    }
    marks
}

/// What the view's per-article indexes depend on: block count, text bytes, events and
/// source mentions (counted each frame; linear in blocks and sources, not in text).
fn article_sig(a: &Article) -> (usize, usize, usize, usize) {
    (
        a.blocks.len(),
        a.blocks.iter().map(|b| b.text.len()).sum(),
        a.events.len(),
        a.sources.iter().map(|s| s.mentions.len()).sum(),
    )
}

/// A scroll asked for from the keyboard.
#[derive(Clone, Copy, Debug, PartialEq)]
enum KeyScroll {
    /// Down (positive) or up by this many steps of two lines.
    Lines(f32),
    /// Down or up by this many screens.
    Pages(f32),
    Top,
    Bottom,
}

/// The key that scrolls the article, consumed: ↓/↑ by lines, Page Down/Page Up and
/// Space/Shift+Space by screens, Home/End (or Ctrl+Home/Ctrl+End) to either end.
fn reading_key(i: &mut egui::InputState) -> Option<KeyScroll> {
    use egui::{Key, Modifiers};
    let mut take = |m: Modifiers, k: Key| i.consume_key(m, k);
    if take(Modifiers::NONE, Key::ArrowDown) {
        Some(KeyScroll::Lines(1.0))
    } else if take(Modifiers::NONE, Key::ArrowUp) {
        Some(KeyScroll::Lines(-1.0))
    } else if take(Modifiers::NONE, Key::PageDown) || take(Modifiers::NONE, Key::Space) {
        Some(KeyScroll::Pages(1.0))
    } else if take(Modifiers::NONE, Key::PageUp) || take(Modifiers::SHIFT, Key::Space) {
        Some(KeyScroll::Pages(-1.0))
    } else if take(Modifiers::NONE, Key::Home) || take(Modifiers::COMMAND, Key::Home) {
        Some(KeyScroll::Top)
    } else if take(Modifiers::NONE, Key::End) || take(Modifiers::COMMAND, Key::End) {
        Some(KeyScroll::Bottom)
    } else {
        None
    }
}

/// An item's height estimated from its length, before it is laid out.
fn estimate(it: Item, chars: usize, font_size: f32, column: f32) -> f32 {
    let size = font_size
        * match it {
            Item::Title => 1.9,
            Item::Author => 0.95,
            Item::Lead(_) => 1.08,
            Item::Block(..) => 1.1,
        };
    // Persian text in Vazirmatn averages about half an em per character.
    let lines = (chars as f32 * size * 0.5 / column.max(1.0))
        .ceil()
        .max(1.0);
    lines * size * 1.7
}

/// A stable index of an item for the height cache.
fn item_index(it: Item, a: &Article) -> usize {
    match it {
        Item::Title => 0,
        Item::Author => 1,
        Item::Lead(i) => 2 + i,
        Item::Block(b, _) => 2 + a.meta.lead.len() + b,
    }
}

/// The sentence of the selected event: (block index, byte range).
fn selected_sentence(input: &ArticleInput<'_>) -> Option<(usize, Range<usize>)> {
    let e = input.article.event(input.selected_event?.as_str())?;
    let (b, r) = input.article.resolve(&e.anchor)?;
    Some((b, sentence_around(&input.article.blocks[b].text, r)))
}

/// The claims of the selected source: (block index, byte range).
fn claim_ranges(input: &ArticleInput<'_>) -> Vec<(usize, Range<usize>)> {
    let Some(src) = input.selected_source else {
        return Vec::new();
    };
    input
        .article
        .claims_of_source(src.as_str())
        .filter_map(|c| input.article.resolve(&c.anchor))
        .collect()
}

/// The hover card of an event: label, wording, interval in both calendars, sources.
pub fn event_tooltip_ui(ui: &mut Ui, article: &Article, idx: usize, input: &ArticleInput<'_>) {
    let Some(e) = article.events.get(idx) else {
        return;
    };
    let fa = input.lang == Lang::Fa;
    let s = input.lang.strings();
    let ink = theme::ink(input.theme);
    let muted = theme::muted(input.theme);
    let w = 300.0;
    Paragraph::new(
        TextJob::new(e.label.as_str())
            .size(15.0)
            .weight(700.0)
            .color(ink),
    )
    .width(w)
    .show(ui);
    Paragraph::new(
        TextJob::new(format!("«{}»", e.date.wording))
            .size(13.0)
            .color(muted),
    )
    .width(w)
    .show(ui);
    Paragraph::new(
        TextJob::new(format!(
            "{}: {}",
            s.gregorian,
            interval_text(&e.date, Calendar::Gregorian, fa)
        ))
        .size(13.0)
        .color(ink),
    )
    .width(w)
    .show(ui);
    Paragraph::new(
        TextJob::new(format!(
            "{}: {}",
            s.solar_hijri,
            interval_text(&e.date, Calendar::SolarHijri, fa)
        ))
        .size(13.0)
        .color(ink),
    )
    .width(w)
    .show(ui);
    let names: Vec<String> = article
        .sources_of_event(&e.id)
        .into_iter()
        .filter_map(|id| article.source(id))
        .map(|s| super::i18n::isolate(&s.name))
        .collect();
    let src = if names.is_empty() {
        s.unsourced.to_owned()
    } else {
        names.join("، ")
    };
    Paragraph::new(
        TextJob::new(format!("{}: {src}", s.sources))
            .size(13.0)
            .color(muted),
    )
    .width(w)
    .show(ui);
}
