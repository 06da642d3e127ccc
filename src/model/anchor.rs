//! Text anchors in the manner of web annotation's `TextQuoteSelector`: the exact text
//! plus a little context before and after, so an anchor survives re-flowing and small edits.

use std::cell::Cell;

use serde::{Deserialize, Serialize};

thread_local! {
    /// Bytes of block text [`Anchor::resolve`] has looked at on this thread: how
    /// complexity tests count the work of resolving (a count, not a timing).
    static SCANNED: Cell<usize> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    SCANNED.with(|c| c.set(c.get().saturating_add(bytes)));
}

/// Bytes of block text looked at by [`Anchor::resolve`] so far on this thread.
pub fn resolve_work() -> usize {
    SCANNED.with(Cell::get)
}

/// Characters of context [`Anchor::from_range`] keeps on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A quote inside one block: `exact` text, optionally disambiguated by the text just
/// before (`prefix`) and just after (`suffix`) it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Id of the block the quote is in.
    pub block: String,
    /// The quoted text, exactly as it stands in the block.
    pub exact: String,
    /// Text immediately before `exact` (may be empty; a suffix of it is enough).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Text immediately after `exact` (may be empty; a prefix of it is enough).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
    /// Byte offset in the block where `exact` stood when the anchor was made: where
    /// [`Anchor::resolve`] looks first, so an article of thousands of anchors in one long
    /// block opens in linear time. Only a hint: the quote is found without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<usize>,
    /// Set when a re-import of the article's text could not find the quote again: the
    /// anchor is kept as it was (with its old block and quote) so nothing the reader made
    /// is lost, and it is listed as a problem until the reader moves or deletes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub orphaned: bool,
}

impl Anchor {
    /// An anchor with no context.
    pub fn new(block: impl Into<String>, exact: impl Into<String>) -> Self {
        Self {
            block: block.into(),
            exact: exact.into(),
            prefix: String::new(),
            suffix: String::new(),
            at: None,
            orphaned: false,
        }
    }

    /// An anchor on bytes `range` of a block's `text` (clamped to character boundaries),
    /// with up to [`CONTEXT_CHARS`] characters of context on each side and the place as
    /// its hint.
    pub fn from_range(block: impl Into<String>, text: &str, range: std::ops::Range<usize>) -> Self {
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (floor(range.start), floor(range.end));
        let (start, end) = (start.min(end), end.max(start));
        let before = &text[..start];
        let prefix_at = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix: String = text[end..].chars().take(CONTEXT_CHARS).collect();
        Self {
            block: block.into(),
            exact: text[start..end].to_owned(),
            prefix: before[prefix_at..].to_owned(),
            suffix,
            at: Some(start),
            orphaned: false,
        }
    }

    /// Finds the quote in `text` (the anchored block's text): the byte range of the
    /// occurrence of `exact` whose surroundings match `prefix`/`suffix` best.
    /// `None` when `exact` is empty or does not occur.
    pub fn resolve(&self, text: &str) -> Option<std::ops::Range<usize>> {
        if self.exact.is_empty() {
            return None;
        }
        // The hinted place, when the quote and all its context are there: no other
        // occurrence can match better.
        if let Some(at) = self.at {
            let end = at.saturating_add(self.exact.len());
            count(end.saturating_sub(at) + self.prefix.len() + self.suffix.len());
            if text.get(at..end) == Some(self.exact.as_str())
                && text[..at].ends_with(self.prefix.as_str())
                && text[end..].starts_with(self.suffix.as_str())
            {
                return Some(at..end);
            }
        }
        count(text.len());
        let mut best: Option<(usize, std::ops::Range<usize>)> = None;
        for (start, _) in text.match_indices(self.exact.as_str()) {
            let end = start + self.exact.len();
            let score = common_suffix_len(&text[..start], &self.prefix)
                + common_prefix_len(&text[end..], &self.suffix);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, start..end));
            }
        }
        best.map(|(_, r)| r)
    }
}

/// Number of chars that `a` and `b` share at their ends.
fn common_suffix_len(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Number of chars that `a` and `b` share at their starts.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_with_context() {
        let text = "در سال ۲۰۱۹ چنین شد و در سال ۲۰۲۲ چنان.";
        let mut a = Anchor::new("p1", "در سال");
        assert_eq!(a.resolve(text), Some(0..text.find(" ۲۰۱۹").unwrap_or(0)));
        a.suffix = " ۲۰۲۲".into();
        let second = text.rfind("در سال").unwrap_or(0);
        assert_eq!(a.resolve(text), Some(second..second + "در سال".len()));
        assert_eq!(Anchor::new("p1", "نیست").resolve(text), None);
        assert_eq!(Anchor::new("p1", "").resolve(text), None);
    }

    #[test]
    fn an_anchor_from_a_range_keeps_its_context_and_resolves_there() {
        let text = "در سال ۲۰۱۹ چنین شد و در سال ۲۰۲۲ چنان.";
        let second = text.rfind("در سال").unwrap_or(0);
        let a = Anchor::from_range("p1", text, second..second + "در سال".len());
        assert_eq!(a.exact, "در سال");
        assert!(a.prefix.ends_with("چنین شد و "), "{a:?}");
        assert!(a.suffix.starts_with(" ۲۰۲۲"), "{a:?}");
        assert_eq!(a.resolve(text), Some(second..second + "در سال".len()));
        // Without the hint, the context alone finds the second occurrence.
        let moved = Anchor { at: None, ..a };
        assert_eq!(moved.resolve(text), Some(second..second + "در سال".len()));
        // A range inside a character is widened to its boundary, not a panic.
        let b = Anchor::from_range("p1", text, 1..3);
        assert!(text.contains(&b.exact));
    }

    #[test]
    fn the_hint_is_only_a_hint() {
        let text = "در سال ۲۰۱۹ چنین شد و در سال ۲۰۲۲ چنان.";
        let second = text.rfind("در سال").unwrap_or(0);
        let mut a = Anchor::new("p1", "در سال");
        a.at = Some(second);
        assert_eq!(a.resolve(text), Some(second..second + "در سال".len()));
        // A stale hint (the text moved) falls back to the search.
        a.at = Some(3);
        assert_eq!(a.resolve(text), Some(0.."در سال".len()));
        a.at = Some(usize::MAX);
        assert_eq!(a.resolve(text), Some(0.."در سال".len()));
    }
}
