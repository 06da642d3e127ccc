//! Sentence boundaries in Persian text: one splitter ([`sentences`], the importer's) for
//! attribution, event labels and the sentence highlighted behind an event.

use std::ops::Range;

pub use super::attribution::sentences;

/// The sentence containing `range` (byte offsets on char boundaries; clamped to the
/// text): from the start of the sentence holding its start to the end of the one holding
/// its end, sentences as [`sentences`] splits them (the importer's rules: «quotations»
/// and decimal numbers are not cut), so the sentence highlighted behind an event is the
/// one its attribution was read from.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let start_at = range.start.min(text.len());
    let end_at = range.end.clamp(start_at, text.len());
    let sents = sentences(text);
    // The sentence holding a byte, or the next one when it falls between sentences (the
    // last one past the end).
    let holding = |at: usize| {
        sents
            .partition_point(|s| s.end <= at)
            .min(sents.len().saturating_sub(1))
    };
    let (first, last) = (
        holding(start_at),
        holding(end_at.saturating_sub(1).max(start_at)),
    );
    match (sents.get(first), sents.get(last.max(first))) {
        (Some(a), Some(b)) => a.start.min(start_at)..b.end.max(end_at),
        _ => start_at..end_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sentence() {
        let t = "جمله اول است. در سال ۲۰۱۹ گزارش داد! سومی؟ چهارم";
        for (needle, want) in [
            ("۲۰۱۹", "در سال ۲۰۱۹ گزارش داد!"),
            ("اول", "جمله اول است."),
            ("سومی", "سومی؟"),
            ("چهارم", "چهارم"),
        ] {
            let s = t.find(needle).unwrap_or(0);
            let r = sentence_around(t, s..s + needle.len());
            assert_eq!(&t[r], want, "{needle}");
        }
        assert_eq!(sentence_around("", 0..0), 0..0);
        assert_eq!(
            sentence_around("abc", 5..9),
            0..3,
            "out-of-range input clamps to the text"
        );
    }
}
