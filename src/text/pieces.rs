//! Cutting a very long paragraph into pieces the engine lays out one by one.
//!
//! A layout costs about 90 bytes of memory per byte of text and shaping runs at about
//! 1 KB per millisecond, so a paragraph of millions of characters cannot be shaped as one
//! (a 4.5 M-character block took 2.2 GB before its first frame). A caller that shows
//! such a paragraph cuts it with [`piece_ranges`] and lays out each piece as its own
//! paragraph with the whole paragraph's base direction, stacked with no space between:
//! only the pieces near the view are shaped. A cut falls after a sentence's end where
//! one is near, else at a space, so what changes is only that the line before a cut is
//! not justified.

use std::ops::Range;

/// Paragraphs up to this many bytes are one piece.
pub const PIECE_THRESHOLD: usize = 12 * 1024;
/// Most bytes in a piece of a longer paragraph (a screenful is ~3 KB).
pub const PIECE_MAX: usize = 8 * 1024;

/// Byte ranges covering `text` in order, each at most `max` bytes (more only where a
/// single character is longer), cut after a sentence end (`.` `!` `?` `؟` `؛` followed by
/// whitespace) in the second half of the window, else after the last whitespace in it,
/// else at a character boundary. Text up to `threshold` bytes is one range.
pub fn piece_ranges(text: &str, threshold: usize, max: usize) -> Vec<Range<usize>> {
    if text.len() <= threshold.max(max) {
        return std::iter::once(0..text.len()).collect();
    }
    let max = max.max(4);
    let mut out = Vec::with_capacity(text.len() / max + 1);
    let mut start = 0;
    while text.len() - start > max {
        let mut end = start + max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end == start {
            end = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        let cut = cut_in(text, start, end).unwrap_or(end);
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}

/// The best cut in `start..end` (after a sentence end in its second half, else after its
/// last whitespace), as a byte offset; `None` when it has no whitespace.
fn cut_in(text: &str, start: usize, end: usize) -> Option<usize> {
    let half = start + (end - start) / 2;
    let window = &text[start..end];
    let mut last_space = None;
    for (i, c) in window.char_indices().rev() {
        if !c.is_whitespace() {
            continue;
        }
        let at = start + i + c.len_utf8();
        last_space.get_or_insert(at);
        if start + i < half {
            break;
        }
        let before = text[..start + i].chars().next_back();
        if matches!(before, Some('.' | '!' | '?' | '؟' | '؛')) {
            return Some(at);
        }
    }
    last_space
}

#[cfg(test)]
mod tests {
    use super::piece_ranges;

    fn check(text: &str, threshold: usize, max: usize) -> Vec<std::ops::Range<usize>> {
        let r = piece_ranges(text, threshold, max);
        let mut at = 0;
        for p in &r {
            assert_eq!(p.start, at, "{text:?}: pieces are contiguous ({r:?})");
            assert!(p.end > p.start, "{text:?}: no empty piece ({r:?})");
            assert!(text.is_char_boundary(p.end), "{text:?}: {r:?}");
            at = p.end;
        }
        assert_eq!(at, text.len(), "{text:?}: pieces cover the text");
        r
    }

    #[test]
    fn short_text_is_one_piece() {
        let t = "سلام دنیا.";
        let one = check(t, 100, 50);
        assert!(one.len() == 1 && one[0] == (0..t.len()), "{one:?}");
        let empty = piece_ranges("", 10, 5);
        assert!(empty.len() == 1 && empty[0].is_empty(), "{empty:?}");
    }

    #[test]
    fn cuts_after_sentences_then_spaces_then_anywhere() {
        let s = "این یک جمله است. ".repeat(40);
        for p in check(&s, 100, 100) {
            let piece = &s[p];
            assert!(piece.ends_with(". "), "cut after a sentence: {piece:?}");
            assert!(piece.len() <= 100);
        }
        let w = "واژه ".repeat(60);
        for p in check(&w, 50, 50) {
            assert!(w[p.clone()].ends_with(' ') || p.end == w.len(), "{p:?}");
        }
        let solid = "ب".repeat(100);
        for p in check(&solid, 10, 11) {
            assert!(p.len() <= 11, "{p:?}");
        }
        // A character longer than the window still makes progress.
        check(&"😀".repeat(10), 1, 2);
    }
}
