//! Sentence splitting for attribution, event labels and the highlighted sentence: a
//! paragraph's sentences as byte ranges. The boundaries are Unicode's (UAX #29, by
//! icu_segmenter, which keeps decimal numbers such as «۳.۵» and domains such as
//! «Zman.co.il» whole and ends «…شد.به …» at the glued full stop); on top of them the
//! project's rules: no boundary inside a «quotation» that closes later, and a feed's
//! « [n] » paragraph mark ends a sentence.

use std::ops::Range;

use icu_segmenter::SentenceSegmenter;
use icu_segmenter::options::SentenceBreakInvariantOptions;

/// The feed's paragraph mark inside one line.
const PARAGRAPH_MARK: &str = "[n]";

/// Sentences of a paragraph: ends at Unicode's sentence boundaries (after `. ! ? ؟` and
/// the closing `»`, `)` or `"` that follows), except inside «guillemets» that close
/// later; trimmed of spaces, empty ones left out.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in text.split(PARAGRAPH_MARK) {
        split_part(text, at..at + part.len(), &mut out);
        at += part.len() + PARAGRAPH_MARK.len();
    }
    out
}

/// Splits `text[range]` (no paragraph mark in it) into sentences, appended to `out`.
fn split_part(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let part = &text[range.clone()];
    // A «quotation» never closed (the next guillemet opens another) does not hold the
    // rest of the paragraph in one sentence.
    let marks: Vec<(usize, bool)> = part
        .match_indices(['«', '»'])
        .map(|(at, m)| (at, m == "»"))
        .collect();
    let closes_later = |i: usize| {
        let k = marks.partition_point(|&(at, _)| at < i);
        marks.get(k).is_some_and(|&(_, close)| close)
    };
    let segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
    let (mut start, mut depth, mut seen) = (0, 0usize, 0);
    for b in segmenter.segment_str(part).skip(1) {
        for &(_, close) in &marks[seen..marks.partition_point(|&(at, _)| at < b)] {
            depth = if close {
                depth.saturating_sub(1)
            } else {
                depth + 1
            };
        }
        seen = marks.partition_point(|&(at, _)| at < b);
        if b < part.len() && depth > 0 && closes_later(b) {
            continue;
        }
        depth = 0;
        push_trimmed(out, text, range.start + start..range.start + b);
        start = b;
    }
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        for (text, want) in [
            (
                "اول گفت: «یک. دو.» سوم ۳.۵ درصد است. چهارم؟ پنجم",
                vec!["اول گفت: «یک. دو.»", "سوم ۳.۵ درصد است.", "چهارم؟", "پنجم"],
            ),
            (
                "باران آمد.سپس برف بارید.",
                vec!["باران آمد.", "سپس برف بارید."],
            ),
            ("نشانی Zman.co.il است.", vec!["نشانی Zman.co.il است."]),
            ("باران آمد [n] برف آمد", vec!["باران آمد", "برف آمد"]),
            (
                "او گفت: «باران آمد. برف آمد. تگرگ",
                vec!["او گفت: «باران آمد.", "برف آمد.", "تگرگ"],
            ),
            (
                "او گفت: «باران آمد. برف آمد. «تگرگ» آمد.",
                vec!["او گفت: «باران آمد.", "برف آمد.", "«تگرگ» آمد."],
            ),
        ] {
            let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(got, want, "sentences of «{text}»");
        }
    }
}
