//! Editable text without a widget: the text, a bidi-aware selection, undo and input-method
//! composition. Caret logic is parley's (`parley::Selection`): ←/→ move by cluster in
//! visual order, Ctrl+←/→ by word in visual order (UAX #29 words, so a ZWNJ inside
//! «می‌خواهم» does not end one), Home/End to the logical ends of the line, and the caret
//! keeps an affinity so that at a direction boundary it is drawn beside the character the
//! next keystroke will follow. Geometry (where the caret and the selection are drawn) is
//! the engine's: [`caret_rect`] and [`ShapedText::range_rects`] on the same visual lines the
//! text is painted from, so what is drawn and what is edited cannot drift apart.
//!
//! Every operation that needs a layout takes the [`ShapedText`] of the current text;
//! after an edit, lay the new text out again before the next motion.

use std::ops::Range;

use parley::{Affinity, Cluster, Cursor, Selection};

use super::layout::{ShapedText, clamp_range};

/// A caret movement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    /// One cluster left on screen (←).
    Left,
    /// One cluster right on screen (→).
    Right,
    /// One word left on screen (Ctrl+←).
    WordLeft,
    /// One word right on screen (Ctrl+→).
    WordRight,
    /// The logical start of the line (Home).
    LineStart,
    /// The logical end of the line (End).
    LineEnd,
    /// One line up (↑).
    Up,
    /// One line down (↓).
    Down,
    /// The start of the text (Ctrl+Home).
    TextStart,
    /// The end of the text (Ctrl+End).
    TextEnd,
}

/// A caret position: byte index and the side it is attached to.
type Pos = (usize, Affinity);

/// A cluster a caret step crossed: its text and the caret position on the edge the step
/// started from.
struct Crossed {
    range: Range<usize>,
    near: Pos,
}

/// What an edit did, for grouping undo steps (typing a word is one step).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditKind {
    Typing,
    Deleting,
    Other,
}

#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    text: String,
    anchor: usize,
    focus: usize,
}

/// Most undo steps kept.
const UNDO_LIMIT: usize = 200;

/// Text being edited, with its selection, undo history and composition.
#[derive(Clone, Debug)]
pub struct EditBuffer {
    text: String,
    /// Anchor and focus as (byte index, affinity); kept without a layout so that edits can
    /// move them before the new text is laid out.
    anchor: (usize, Affinity),
    focus: (usize, Affinity),
    /// parley's selection for the current text, when a motion made one: it carries the
    /// horizontal position kept across ↑/↓. Dropped on every edit.
    sel: Option<Selection>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    last_edit: Option<EditKind>,
    /// The input method's uncommitted text (pre-edit), a range of `text`.
    compose: Option<Range<usize>>,
    /// Whether line breaks may be typed or pasted (otherwise they become spaces).
    pub multiline: bool,
    /// Whether pasted Arabic yeh and kaf (ي ك) become Persian (ی ک).
    pub fold_arabic: bool,
}

impl Default for EditBuffer {
    fn default() -> Self {
        Self::new("")
    }
}

impl EditBuffer {
    /// A buffer holding `text`, with the caret at its end.
    pub fn new(text: &str) -> Self {
        let end = text.len();
        Self {
            text: text.to_owned(),
            anchor: (end, Affinity::Upstream),
            focus: (end, Affinity::Upstream),
            sel: None,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
            compose: None,
            multiline: false,
            fold_arabic: false,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the whole text from outside (not an edit: the history is cleared and the
    /// caret goes to the end).
    pub fn reset(&mut self, text: &str) {
        let keep = (self.multiline, self.fold_arabic);
        *self = Self::new(text);
        (self.multiline, self.fold_arabic) = keep;
    }

    /// The selected byte range in logical order (empty: just a caret).
    pub fn selection(&self) -> Range<usize> {
        let (a, f) = (self.anchor.0, self.focus.0);
        a.min(f)..a.max(f)
    }

    /// The selected text.
    pub fn selected_text(&self) -> &str {
        self.text.get(self.selection()).unwrap_or_default()
    }

    /// The caret: the byte index where typing inserts, and the side it is attached to.
    pub fn caret(&self) -> (usize, Affinity) {
        self.focus
    }

    /// The anchor end of the selection (where a drag or Shift-move started).
    pub fn anchor(&self) -> usize {
        self.anchor.0
    }

    /// The input method's pre-edit range, if composing.
    pub fn composition(&self) -> Option<Range<usize>> {
        self.compose.clone()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn parley_selection(&self, shaped: &ShapedText) -> Selection {
        let layout = &shaped.layout;
        if let Some(s) = self.sel
            && s.anchor().index() == self.anchor.0
            && s.focus().index() == self.focus.0
        {
            return s.refresh(layout);
        }
        Selection::new(
            Cursor::from_byte_index(layout, self.anchor.0, self.anchor.1),
            Cursor::from_byte_index(layout, self.focus.0, self.focus.1),
        )
    }

    fn store(&mut self, s: Selection) {
        let (a, f) = (s.anchor(), s.focus());
        self.anchor = (a.index().min(self.text.len()), a.affinity());
        self.focus = (f.index().min(self.text.len()), f.affinity());
        self.sel = Some(s);
        self.last_edit = None;
    }

    /// Moves the caret; with `extend`, moves only the focus end of the selection. Without
    /// it, ←/→ over a selection collapse it to its visual edge, as browsers do.
    pub fn apply_motion(&mut self, shaped: &ShapedText, motion: Motion, extend: bool) {
        self.commit_composition();
        let layout = &shaped.layout;
        let s = self.parley_selection(shaped);
        if !extend && !s.is_collapsed() && matches!(motion, Motion::Left | Motion::Right) {
            // Collapse to the edge on the side of the arrow.
            let r = self.selection();
            let rects = shaped.range_rects(r.clone());
            let left = rects.iter().map(|q| q[0]).fold(f32::INFINITY, f32::min);
            let right = rects.iter().map(|q| q[2]).fold(f32::NEG_INFINITY, f32::max);
            let start_x = caret_x(shaped, r.start, Affinity::Downstream);
            let at_left = |x: Option<f32>| x.is_some_and(|x| (x - left).abs() < (x - right).abs());
            let start_is_left = at_left(start_x);
            let to_start = (motion == Motion::Left) == start_is_left;
            let (i, aff) = if to_start {
                (r.start, Affinity::Downstream)
            } else {
                (r.end, Affinity::Upstream)
            };
            self.store(Selection::from_byte_index(layout, i, aff));
            return;
        }
        if matches!(
            motion,
            Motion::Left | Motion::Right | Motion::WordLeft | Motion::WordRight
        ) {
            let left = matches!(motion, Motion::Left | Motion::WordLeft);
            let by_word = matches!(motion, Motion::WordLeft | Motion::WordRight);
            let Some((target, first)) = self.visual_walk(shaped, left, by_word) else {
                return;
            };
            if extend && s.is_collapsed() {
                // At a direction boundary one screen position has two logical indices
                // (after «در » and after «INSS» in «در INSS گفت»): the anchor is the one on
                // the first crossed cluster's edge, so the selection grows over what the
                // reader sees the caret pass, as in browsers.
                if let Some(c) = first {
                    self.anchor = c;
                }
            }
            if !extend {
                self.anchor = target;
            }
            self.focus = target;
            self.sel = None;
            self.last_edit = None;
            return;
        }
        let next = match motion {
            // (Handled above, on the engine's lines.)
            Motion::Left | Motion::Right | Motion::WordLeft | Motion::WordRight => s,
            Motion::LineStart => s.line_start(layout, extend),
            Motion::LineEnd => s.line_end(layout, extend),
            Motion::Up => s.previous_line(layout, extend),
            Motion::Down => s.next_line(layout, extend),
            Motion::TextStart => {
                let c = Cursor::from_byte_index(layout, 0, Affinity::Downstream);
                if extend { s.extend(c) } else { c.into() }
            }
            Motion::TextEnd => {
                let c = Cursor::from_byte_index(layout, usize::MAX, Affinity::Upstream);
                if extend { s.extend(c) } else { c.into() }
            }
        };
        self.store(next);
    }

    /// One step on screen from `from`: the position past the cluster left (`left`) or
    /// right of it, and that cluster's text range; at a line's edge, on to the next line in
    /// reading order (no cluster crossed). `None` at the text's ends.
    fn visual_step(
        &self,
        shaped: &ShapedText,
        from: (usize, Affinity),
        left: bool,
    ) -> Option<(Pos, Option<Crossed>)> {
        let (li, k) = gap_of(shaped, from.0, from.1)?;
        let cl = caret_clusters(shaped, shaped.lines.get(li)?);
        let crossed = if left {
            k.checked_sub(1).and_then(|i| cl.get(i))
        } else {
            cl.get(k)
        };
        match crossed {
            Some(c) => Some((
                far_edge(c, left),
                Some(Crossed {
                    range: c.text_range.clone(),
                    near: far_edge(c, !left),
                }),
            )),
            None => self.line_hop(shaped, li, left).map(|p| (p, None)),
        }
    }

    /// Where ←/→ (one cluster) or Ctrl+←/→ (`by_word`: over any spaces and punctuation,
    /// then to the far end of the next word on screen) take the caret, walked on the
    /// engine's visual lines (bounded: every step crosses a cluster or a line). Also
    /// returns the near edge of the first cluster crossed, for anchoring a new selection.
    fn visual_walk(
        &self,
        shaped: &ShapedText,
        left: bool,
        by_word: bool,
    ) -> Option<(Pos, Option<Pos>)> {
        let mut pos = self.focus;
        let mut first = None;
        let mut moved = false;
        let mut in_word = false;
        let limit = shaped.text.len() + shaped.lines.len() + 2;
        for _ in 0..limit {
            let Some((next, crossed)) = self.visual_step(shaped, pos, left) else {
                break;
            };
            let word = crossed
                .as_ref()
                .is_some_and(|c| is_word_text(shaped.text.get(c.range.clone()).unwrap_or("")));
            if by_word && in_word && !word {
                break;
            }
            if let Some(c) = &crossed {
                first.get_or_insert(c.near);
            }
            pos = next;
            moved = true;
            in_word |= word;
            if !by_word {
                break;
            }
        }
        moved.then_some((pos, first))
    }

    /// Where ← (`left`) or → goes from the edge of line `li` on screen: on to the next
    /// line in reading order (the previous one when moving back), entered on the side the
    /// caret comes from. `None` at the text's ends.
    fn line_hop(&self, shaped: &ShapedText, li: usize, left: bool) -> Option<(usize, Affinity)> {
        let target = if left == shaped.rtl {
            shaped.lines.get(li + 1)?
        } else {
            shaped.lines.get(li.checked_sub(1)?)?
        };
        let cl = caret_clusters(shaped, target);
        let c = if left { cl.last() } else { cl.first() }?;
        Some(far_edge(c, !left))
    }

    /// Places the caret at byte `index` (attached on the side `affinity`), or extends the
    /// selection there (Shift+click, drag).
    pub fn place(&mut self, shaped: &ShapedText, index: usize, affinity: Affinity, extend: bool) {
        self.commit_composition();
        let layout = &shaped.layout;
        let c = Cursor::from_byte_index(layout, index.min(self.text.len()), affinity);
        let s = if extend {
            self.parley_selection(shaped).extend(c)
        } else {
            c.into()
        };
        self.store(s);
    }

    /// Selects the word around byte `index` (double click).
    pub fn select_word_at(&mut self, shaped: &ShapedText, index: usize) {
        let r = word_range(shaped, index);
        self.select_range(shaped, r);
    }

    /// Selects the hard line (up to line breaks) around byte `index` (triple click).
    pub fn select_line_at(&mut self, shaped: &ShapedText, index: usize) {
        let index = clamp_range(&self.text, index..index).start;
        let start = self.text[..index].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[index..]
            .find('\n')
            .map_or(self.text.len(), |i| index + i);
        self.select_range(shaped, start..end);
    }

    pub fn select_all(&mut self, shaped: &ShapedText) {
        self.select_range(shaped, 0..self.text.len());
    }

    /// Selects `range` (byte offsets on character boundaries), anchor at its start.
    pub fn select_range(&mut self, shaped: &ShapedText, range: Range<usize>) {
        self.commit_composition();
        let range = clamp_range(&self.text, range);
        let layout = &shaped.layout;
        let s = Selection::new(
            Cursor::from_byte_index(layout, range.start, Affinity::Downstream),
            Cursor::from_byte_index(layout, range.end, Affinity::Upstream),
        );
        self.store(s);
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            text: self.text.clone(),
            anchor: self.anchor.0,
            focus: self.focus.0,
        }
    }

    fn record(&mut self, kind: EditKind) {
        if self.last_edit != Some(kind) || kind == EditKind::Other {
            self.undo.push(self.snapshot());
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_edit = Some(kind);
    }

    /// Replaces `range` with `s` and puts the caret after it.
    fn splice(&mut self, range: Range<usize>, s: &str) {
        let range = clamp_range(&self.text, range);
        self.text.replace_range(range.clone(), s);
        let end = range.start + s.len();
        self.anchor = (end, Affinity::Upstream);
        self.focus = (end, Affinity::Upstream);
        self.sel = None;
    }

    /// What typing or pasting `s` would insert: line breaks kept only in a multi-line
    /// field, control characters dropped.
    fn clean(&self, s: &str) -> String {
        let s = s.replace("\r\n", "\n");
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\u{2028}' | '\u{2029}' if self.multiline => Some('\n'),
                '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect()
    }

    /// Types `s` over the selection (or the pre-edit text). Returns whether the text changed.
    pub fn insert(&mut self, s: &str) -> bool {
        let s = self.clean(s);
        if s.is_empty() && self.selection().is_empty() && self.compose.is_none() {
            return false;
        }
        // A space ends the undo step of the word before it.
        let kind = if s.chars().any(char::is_whitespace) {
            EditKind::Other
        } else {
            EditKind::Typing
        };
        self.record(kind);
        let range = self.compose.take().unwrap_or_else(|| self.selection());
        self.splice(range, &s);
        true
    }

    /// Pastes `s`: like typing, but one undo step, and Arabic yeh/kaf folded to Persian when
    /// the field asks for it.
    pub fn paste(&mut self, s: &str) -> bool {
        let s = if self.fold_arabic {
            s.replace(['ي', 'ى'], "ی").replace('ك', "ک")
        } else {
            s.to_owned()
        };
        let s = self.clean(&s);
        if s.is_empty() {
            return false;
        }
        self.commit_composition();
        self.record(EditKind::Other);
        let range = self.selection();
        self.splice(range, &s);
        true
    }

    /// Deletes the selection, or what `motion` would cover (Backspace, Delete and their word
    /// forms). Returns whether the text changed.
    pub fn delete(&mut self, shaped: &ShapedText, what: Delete) -> bool {
        self.commit_composition();
        let mut range = self.selection();
        if range.is_empty() {
            let at = self.focus.0.min(self.text.len());
            range = match what {
                // One character back, so a vowel mark or ZWNJ can be taken off alone.
                Delete::Back => self.text[..at]
                    .char_indices()
                    .next_back()
                    .map_or(at..at, |(i, _)| i..at),
                Delete::Forward => {
                    let end = Cluster::from_byte_index(&shaped.layout, at)
                        .map_or(at, |c| c.text_range().end.max(at));
                    at..end
                }
                Delete::WordBack => {
                    let c = Cursor::from_byte_index(&shaped.layout, at, Affinity::Upstream);
                    c.previous_logical_word(&shaped.layout).index().min(at)..at
                }
                Delete::WordForward => {
                    let c = Cursor::from_byte_index(&shaped.layout, at, Affinity::Downstream);
                    at..c.next_logical_word(&shaped.layout).index().max(at)
                }
            };
        }
        if range.is_empty() {
            return false;
        }
        self.record(EditKind::Deleting);
        self.splice(range.clone(), "");
        self.anchor.1 = Affinity::Downstream;
        self.focus.1 = Affinity::Downstream;
        true
    }

    /// Takes the selected text out (Cut). `None` when nothing is selected.
    pub fn cut(&mut self) -> Option<String> {
        let r = self.selection();
        if r.is_empty() {
            return None;
        }
        let t = self.text[r.clone()].to_owned();
        self.commit_composition();
        self.record(EditKind::Other);
        self.splice(r, "");
        Some(t)
    }

    /// Shows the input method's uncommitted text `s` in place of the selection (or of the
    /// previous pre-edit text). Not an undo step.
    pub fn set_preedit(&mut self, s: &str) {
        let s = self.clean(s);
        let composing = self.compose.is_some();
        let range = self.compose.take().unwrap_or_else(|| self.selection());
        if range.is_empty() && s.is_empty() {
            return;
        }
        if !composing {
            // The text before the composition is one undo step back.
            self.record(EditKind::Other);
        }
        let start = clamp_range(&self.text, range.clone()).start;
        self.splice(range, &s);
        if !s.is_empty() {
            self.compose = Some(start..start + s.len());
        }
    }

    /// The input method committed `s`: it replaces the pre-edit text as typed text.
    pub fn commit(&mut self, s: &str) -> bool {
        let Some(range) = self.compose.take() else {
            return self.insert(s);
        };
        // The step before the composition was recorded when it began.
        let s = self.clean(s);
        self.splice(range, &s);
        self.redo.clear();
        self.last_edit = Some(EditKind::Other);
        true
    }

    /// Keeps the pre-edit text as typed (when the caret moves away mid-composition).
    fn commit_composition(&mut self) {
        self.compose = None;
    }

    /// Undoes the last step. Returns whether there was one.
    pub fn undo(&mut self) -> bool {
        self.commit_composition();
        let Some(s) = self.undo.pop() else {
            return false;
        };
        self.redo.push(self.snapshot());
        self.restore(s);
        true
    }

    /// Redoes the last undone step. Returns whether there was one.
    pub fn redo(&mut self) -> bool {
        let Some(s) = self.redo.pop() else {
            return false;
        };
        self.undo.push(self.snapshot());
        self.restore(s);
        true
    }

    fn restore(&mut self, s: Snapshot) {
        let len = s.text.len();
        self.text = s.text;
        self.anchor = (s.anchor.min(len), Affinity::Downstream);
        self.focus = (s.focus.min(len), Affinity::Upstream);
        self.sel = None;
        self.last_edit = None;
    }
}

/// What Backspace/Delete take away when nothing is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delete {
    /// The character before the caret (Backspace).
    Back,
    /// The cluster after the caret (Delete).
    Forward,
    /// Back to the start of the word (Ctrl+Backspace).
    WordBack,
    /// On to the start of the next word (Ctrl+Delete).
    WordForward,
}

/// Whether a cluster's text belongs to a word: letters, digits, combining marks (Arabic
/// vowel signs), tatweel and the joiners (a ZWNJ inside «می‌خواهم» does not end the word).
fn is_word_text(t: &str) -> bool {
    t.chars().any(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                '\u{200c}' | '\u{200d}' | '\u{0640}' | '_' | '\u{0300}'..='\u{036f}'
                    | '\u{064b}'..='\u{065f}' | '\u{0670}'
            )
    })
}

/// The clusters of `line` a caret can stand between, left to right (hard breaks left out).
fn caret_clusters<'a>(
    shaped: &ShapedText,
    line: &'a super::layout::VisualLine,
) -> Vec<&'a super::layout::VisualCluster> {
    line.clusters
        .iter()
        .filter(|c| !is_hard_break(shaped, c))
        .collect()
}

fn is_hard_break(shaped: &ShapedText, c: &super::layout::VisualCluster) -> bool {
    shaped
        .text
        .get(c.text_range.clone())
        .is_some_and(|t| t == "\n" || t == "\r\n")
}

/// The caret position on the left (`left`) or right edge of cluster `c` on screen: the
/// left edge of a right-to-left cluster is its logical end, attached upstream to it.
fn far_edge(c: &super::layout::VisualCluster, left: bool) -> (usize, Affinity) {
    if left == c.is_rtl() {
        (c.text_range.end, Affinity::Upstream)
    } else {
        (c.text_range.start, Affinity::Downstream)
    }
}

/// The line and the gap between clusters (0 = left of the first, in
/// [`caret_clusters`] order) where a caret at `index` with `affinity` stands.
fn gap_of(shaped: &ShapedText, index: usize, affinity: Affinity) -> Option<(usize, usize)> {
    let mut before = None;
    let mut after = None;
    for (li, line) in shaped.lines.iter().enumerate() {
        for (k, c) in caret_clusters(shaped, line).into_iter().enumerate() {
            if before.is_none() && c.text_range.end == index {
                before = Some((li, if c.is_rtl() { k } else { k + 1 }));
            }
            if after.is_none() && c.text_range.start == index && !c.text_range.is_empty() {
                after = Some((li, if c.is_rtl() { k + 1 } else { k }));
            }
        }
    }
    let found = match affinity {
        Affinity::Upstream => before.or(after),
        Affinity::Downstream => after.or(before),
    };
    found.or_else(|| {
        // An empty text, or an empty line after a final break.
        let li = shaped.lines.len().checked_sub(1)?;
        Some((li, 0))
    })
}

/// The word (UAX #29, as parley marks boundaries) around byte `index`.
pub fn word_range(shaped: &ShapedText, index: usize) -> Range<usize> {
    let layout = &shaped.layout;
    let len = shaped.text.len();
    let Some(mut cluster) = Cluster::from_byte_index(layout, index.min(len)) else {
        // Past the end: the last word.
        return match Cluster::from_byte_index(layout, len.saturating_sub(1)) {
            Some(_) if len > 0 => word_range(shaped, len - 1),
            _ => len..len,
        };
    };
    // On a space between words, the word before it (as browsers do at a word's end).
    if cluster.is_space_or_nbsp()
        && let Some(prev) = cluster.previous_logical()
        && !prev.is_space_or_nbsp()
    {
        cluster = prev;
    }
    if !cluster.is_word_boundary()
        && let Some(prev) = cluster.previous_logical_word()
    {
        cluster = prev;
    }
    let start = cluster.text_range().start;
    let mut end = cluster
        .next_logical_word()
        .map_or(len, |c| c.text_range().start);
    // Leave the trailing space out of the word.
    while end > start {
        let Some(c) = shaped.text[..end].chars().next_back() else {
            break;
        };
        if !c.is_whitespace() {
            break;
        }
        end -= c.len_utf8();
    }
    start..end.max(start)
}

/// The x (pixels, paragraph coordinates) of a caret at `index` attached on `affinity`'s
/// side: beside the cluster it belongs to, on that cluster's logical-start or end edge.
/// `None` when no visual line holds the index.
pub fn caret_x(shaped: &ShapedText, index: usize, affinity: Affinity) -> Option<f32> {
    caret_at(shaped, index, affinity).map(|(x, _)| x)
}

/// The caret's rectangle (min x, min y, max x, max y in pixels; zero width) for `index`
/// and `affinity`, in the coordinates of [`ShapedText::lines`]. An empty text has its caret
/// at the paragraph's start edge.
pub fn caret_rect(shaped: &ShapedText, index: usize, affinity: Affinity) -> [f32; 4] {
    if let Some((x, line)) = caret_at(shaped, index, affinity) {
        let l = &shaped.lines[line];
        return [x, l.top, x, l.bottom];
    }
    let (top, bottom) = shaped
        .lines
        .last()
        .map_or((0.0, shaped.height), |l| (l.top, l.bottom));
    let x = if shaped.rtl { shaped.width } else { 0.0 };
    [x, top, x, bottom.max(top + 1.0)]
}

/// (x, line index) of the caret.
fn caret_at(shaped: &ShapedText, index: usize, affinity: Affinity) -> Option<(f32, usize)> {
    // The cluster ending at the caret (upstream) and the one starting there (downstream).
    let mut before: Option<(f32, usize)> = None;
    let mut after: Option<(f32, usize)> = None;
    for (li, line) in shaped.lines.iter().enumerate() {
        for c in &line.clusters {
            let hard_break = shaped
                .text
                .get(c.text_range.clone())
                .is_some_and(|t| t == "\n" || t == "\r\n");
            if c.text_range.end == index && before.is_none() && !hard_break {
                let x = if c.is_rtl() { c.x } else { c.x + c.advance };
                before = Some((x, li));
            }
            if c.text_range.start == index && after.is_none() && !c.text_range.is_empty() {
                let x = if c.is_rtl() { c.x + c.advance } else { c.x };
                after = Some((x, li));
            }
        }
    }
    let (primary, other) = match affinity {
        Affinity::Upstream => (before, after),
        Affinity::Downstream => (after, before),
    };
    if let Some(p) = primary.or(other) {
        return Some(p);
    }
    // After a final line break: the start edge of the empty last line.
    if index == shaped.text.len() && shaped.text.ends_with('\n') {
        let li = shaped.lines.len().checked_sub(1)?;
        let x = if shaped.rtl { shaped.width } else { 0.0 };
        return Some((x, li));
    }
    None
}

/// The caret position nearest to a point (pixels, paragraph coordinates), with the
/// affinity that draws the caret on the side of the cluster that was hit.
pub fn hit(shaped: &ShapedText, x: f32, y: f32) -> (usize, Affinity) {
    let Some(line) = shaped.line_at(y) else {
        return (0, Affinity::Downstream);
    };
    let visible: Vec<_> = line
        .clusters
        .iter()
        .filter(|c| {
            !shaped
                .text
                .get(c.text_range.clone())
                .is_some_and(|t| t == "\n" || t == "\r\n")
        })
        .collect();
    let edge = |c: &super::layout::VisualCluster, left: bool| -> (usize, Affinity) {
        // The left edge of an RTL cluster is its logical end.
        if left == c.is_rtl() {
            (c.text_range.end, Affinity::Upstream)
        } else {
            (c.text_range.start, Affinity::Downstream)
        }
    };
    let (Some(first), Some(last)) = (visible.first(), visible.last()) else {
        return (line.text_range.start, Affinity::Downstream);
    };
    if x < first.x {
        return edge(first, true);
    }
    for c in &visible {
        if x < c.x + c.advance {
            return edge(c, x < c.x + c.advance / 2.0);
        }
    }
    edge(last, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{TextEngine, TextJob};

    fn shaped<'a>(eng: &'a mut TextEngine, text: &str) -> &'a ShapedText {
        eng.layout(&TextJob::new(text.to_owned()).size(16.0), None, 1.0)
    }

    #[test]
    fn typing_and_undo_group_by_word() {
        let mut b = EditBuffer::new("");
        for c in ["س", "ل", "ا", "م", " ", "د", "و", "س", "ت"] {
            b.insert(c);
        }
        assert_eq!(b.text(), "سلام دوست");
        assert!(b.undo());
        assert_eq!(b.text(), "سلام ");
        assert!(b.undo());
        assert_eq!(b.text(), "سلام");
        assert!(b.redo());
        assert_eq!(b.text(), "سلام ");
    }

    #[test]
    fn single_line_fields_turn_breaks_into_spaces() {
        let mut b = EditBuffer::new("");
        b.paste("یک\nدو\r\nسه\u{7}");
        assert_eq!(b.text(), "یک دو سه");
        let mut m = EditBuffer::new("");
        m.multiline = true;
        m.paste("یک\r\nدو");
        assert_eq!(m.text(), "یک\nدو");
    }

    #[test]
    fn paste_folds_arabic_letters_only_when_asked() {
        let mut b = EditBuffer::new("");
        b.paste("علي كريمي");
        assert_eq!(b.text(), "علي كريمي");
        let mut f = EditBuffer::new("");
        f.fold_arabic = true;
        f.paste("علي كريمي");
        assert_eq!(f.text(), "علی کریمی");
    }

    #[test]
    fn word_range_keeps_zwnj_words_whole() {
        let mut eng = TextEngine::new();
        let t = "او می‌خواهد برود";
        let s = shaped(&mut eng, t);
        let at = t.find("خوا").unwrap_or(0);
        assert_eq!(&t[word_range(s, at)], "می‌خواهد");
        assert_eq!(&t[word_range(s, 0)], "او");
    }

    #[test]
    fn backspace_takes_one_character_delete_one_cluster() {
        let mut eng = TextEngine::new();
        let t = "کتاب‌ها";
        let mut b = EditBuffer::new(t);
        b.delete(shaped(&mut eng, t), Delete::Back);
        assert_eq!(b.text(), "کتاب‌ه");
        let t2 = b.text().to_owned();
        b.place(shaped(&mut eng, &t2), 0, Affinity::Downstream, false);
        b.delete(shaped(&mut eng, &t2), Delete::Forward);
        assert_eq!(b.text(), "تاب‌ه");
    }

    #[test]
    fn preedit_is_replaced_by_the_commit() {
        let mut b = EditBuffer::new("سلام ");
        b.set_preedit("د");
        assert_eq!(b.text(), "سلام د");
        assert_eq!(b.composition(), Some(9..11));
        b.set_preedit("دو");
        assert_eq!(b.text(), "سلام دو");
        b.commit("دوست");
        assert_eq!(b.text(), "سلام دوست");
        assert_eq!(b.composition(), None);
        assert!(b.undo());
        assert_eq!(b.text(), "سلام ");
    }
}
