//! Sentence splitting for attribution and event labels: a paragraph's sentences as byte
//! ranges, never cutting a «quotation» or a decimal number.

use std::ops::Range;

use crate::persian::repair::find_pair;

/// Sentences of a paragraph: ends at `. ! ? ؟` followed by a space or the end, not inside
/// «guillemets»; a closing `»` or `)` right after the mark belongs to the sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut start = 0;
    // The chars that matter: « » (C2 AB, C2 BB), . ! ? and ؟ (D8 9F).
    let hit = |c: u8, n: u8| {
        (c == b'.')
            | (c == b'!')
            | (c == b'?')
            | (c == 0xC2) & ((n == 0xAB) | (n == 0xBB))
            | (c == 0xD8) & (n == 0x9F)
            | (c == b'[') & (n == b'n')
    };
    // A «quotation» never closed (the next guillemet opens another) does not hold the
    // rest of the paragraph in one sentence.
    let marks: Vec<(usize, bool)> = text
        .match_indices(['«', '»'])
        .map(|(at, m)| (at, m == "»"))
        .collect();
    let closes_later = |i: usize| {
        let k = marks.partition_point(|&(at, _)| at <= i);
        marks.get(k).is_some_and(|&(_, close)| close)
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        match c {
            // « [n] », a feed's paragraph mark inside one line, ends a sentence.
            '[' if text[i..].starts_with("[n]") => {
                push_trimmed(&mut out, text, start..i);
                depth = 0;
                start = i + "[n]".len();
                i = start;
                continue;
            }
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            '.' | '!' | '?' | '؟' => {
                let mut j = next;
                // «…شد.»: the guillemet closes the quote and the sentence.
                while let Some(n) = text[j..].chars().next()
                    && matches!(n, '»' | ')' | '"')
                {
                    if n == '»' {
                        depth = depth.saturating_sub(1);
                    }
                    j += n.len_utf8();
                }
                // «…برگزار شد.به نوشته …»: a full stop between two Persian letters
                // with no space still ends a sentence (a domain such as «Zman.co.il» is
                // Latin).
                let glued = c == '.'
                    && j == next
                    && text[..i].chars().next_back().is_some_and(is_persian_letter)
                    && text[j..].chars().next().is_some_and(is_persian_letter);
                let at_end = glued || text[j..].chars().next().is_none_or(char::is_whitespace);
                let decimal = c == '.' && text[next..].chars().next().is_some_and(char::is_numeric);
                if (depth == 0 || !closes_later(i)) && at_end && !decimal {
                    depth = 0;
                    push_trimmed(&mut out, text, start..j);
                    start = j;
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i = next;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

/// Letters of the Arabic script as Persian uses them.
fn is_persian_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0621}'
            ..='\u{064A}'
                | '\u{067E}'
                | '\u{0686}'
                | '\u{0698}'
                | '\u{06A9}'
                | '\u{06AF}'
                | '\u{06CC}'
                | '\u{06C0}'
    )
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
