//! Sentence boundaries in Persian text (for highlighting the sentence behind an event).

use std::ops::Range;

/// Whether `c` ends a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '\n' | '…')
}

/// The sentence containing `range` (byte offsets on char boundaries): from just after the
/// previous terminal punctuation to just after the next one, trimmed of spaces.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let start_at = range.start.min(text.len());
    let end_at = range.end.clamp(start_at, text.len());
    let mut start = text[..start_at].rfind(is_terminal).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let mut end = text[end_at..].find(is_terminal).map_or(text.len(), |i| {
        let j = end_at + i;
        j + text[j..].chars().next().map_or(0, char::len_utf8)
    });
    // Closing guillemets and brackets right after the terminal belong to the sentence.
    while let Some(c) = text[end..].chars().next() {
        if matches!(c, '»' | ')' | '"') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    while let Some(c) = text[start..end].chars().next() {
        if c.is_whitespace() {
            start += c.len_utf8();
        } else {
            break;
        }
    }
    start..end.max(start)
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
