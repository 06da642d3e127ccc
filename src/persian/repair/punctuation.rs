//! Punctuation: brackets and guillemets mirrored by extraction, and spacing around
//! punctuation.

use super::edits::{Edits, HALVES_FROM, char_at, char_before, find_pair, in_halves, url_before};
use super::lexicon::is_fa_letter;
use super::words::{letters_after, letters_before};
use super::{Repair, RepairRule};
use crate::persian::fold::is_alphabetic;

/// Brackets and guillemets mirrored by extraction are turned back: within a paragraph, a
/// closing `)` `]` `»` that opens (nothing is open, and it does not follow a letter or
/// digit) and the `(` `[` `«` that later closes it (not followed by a letter or digit)
/// are swapped.
pub fn mirrored_brackets(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(mirrored_brackets_in, input, out, log, HALVES_FROM, b"\n\n")
}

pub(super) fn mirrored_brackets_in(
    input: &str,
    out: &mut String,
    log: Option<&mut Vec<Repair>>,
) -> bool {
    // (opener as written normally, closer as written normally)
    const PAIRS: [(char, char); 3] = [('(', ')'), ('[', ']'), ('«', '»')];
    let b = input.as_bytes();
    let mut swaps: Vec<(usize, char)> = Vec::new();
    // Stack entries: (pair index, byte offset, mirrored); emptied at each paragraph's end.
    let mut stack: Vec<(usize, usize, bool)> = Vec::new();
    // A paragraph's edge is a newline, which is no letter or digit either.
    let content = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    let hit = |c: u8, n: u8| {
        (c == b'\n') & (n == b'\n')
            | (c == b'(')
            | (c == b')')
            | (c == b'[')
            | (c == b']')
            | (c == 0xC2) & ((n == 0xAB) | (n == 0xBB))
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at;
        let c = match (b[i], b.get(i + 1)) {
            (b'\n', Some(b'\n')) => {
                // Paragraphs are separated as `split("\n\n")` separates them.
                stack.clear();
                i += 2;
                continue;
            }
            (b'(' | b')' | b'[' | b']', _) => char::from(b[i]),
            (0xC2, Some(0xAB)) => '«',
            (0xC2, Some(0xBB)) => '»',
            _ => {
                i += 1;
                continue;
            }
        };
        let at = i;
        i += c.len_utf8();
        if let Some(p) = PAIRS.iter().position(|&(_, cl)| cl == c) {
            if let Some(pos) = stack.iter().rposition(|&(q, _, m)| q == p && !m) {
                stack.truncate(pos);
            } else if !content(char_before(input, at)) {
                stack.push((p, at, true));
            }
        } else if let Some(p) = PAIRS.iter().position(|&(op, _)| op == c) {
            match stack.last() {
                Some(&(q, opened, true)) if q == p && !content(char_at(input, i)) => {
                    stack.pop();
                    swaps.push((opened, PAIRS[p].0));
                    swaps.push((at, PAIRS[p].1));
                }
                _ => stack.push((p, at, false)),
            }
        }
    }
    swaps.sort_unstable_by_key(|&(i, _)| i);
    let mut ed = Edits::new(input, out, log);
    let mut buf = [0u8; 4];
    for (i, c) in swaps {
        let old = char_at(input, i).map_or(1, char::len_utf8);
        ed.replace(
            i..i + old,
            c.encode_utf8(&mut buf),
            RepairRule::MirroredBracket,
        );
    }
    ed.finish()
}

/// Whether a single space between bytes `b[at - 1]` and `b[at + 1]` surely stays as it is:
/// not at a line's edge, not after an opening bracket, not before closing punctuation
/// (checked on bytes, erring towards "not sure").
pub(super) fn plain_space(b: &[u8], at: usize) -> bool {
    let (Some(&p), Some(&n)) = (at.checked_sub(1).and_then(|j| b.get(j)), b.get(at + 1)) else {
        return false;
    };
    let opening_or_edge = matches!(p, b'\n' | b'(' | b'[' | 0xAB); // AB ends «
    // C2 starts », D8 8C/9B/9F are ، ؛ ؟
    let closing_or_edge = matches!(
        n,
        b'\n' | b' ' | b')' | b']' | b'!' | b'.' | b':' | b'?' | 0xC2
    ) || (n == 0xD8 && matches!(b.get(at + 2), Some(0x8C | 0x9B | 0x9F)));
    !opening_or_edge && !closing_or_edge
}

/// Spacing: runs of spaces become one; no space before `، . ؛ : ! ? ؟ ) ] »` (when the
/// mark ends a word or text), none after `( [ «`, none at a line's edges.
pub fn spacing(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(spacing_in, input, out, log, HALVES_FROM, b"\n")
}

pub(super) fn spacing_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b' ', &b[i..]) {
        let start = i + off;
        if plain_space(b, start) {
            i = start + 1;
            continue;
        }
        i = start;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let prev = char_before(input, start);
        let mut rest = input[i..].chars();
        let (next, next2) = (rest.next(), rest.next());
        let closing = next.is_some_and(|c| matches!(c, '،' | '؛' | '!' | '؟' | ')' | ']' | '»'))
            || (next.is_some_and(|c| matches!(c, '.' | ':' | '?'))
                && next2.is_none_or(|c| c.is_whitespace() || !c.is_alphanumeric()));
        let after_opening = prev.is_some_and(|c| matches!(c, '(' | '[' | '«'));
        let edge = prev.is_none_or(|c| c == '\n') || next.is_none_or(|c| c == '\n');
        let after = if closing || after_opening || edge {
            ""
        } else {
            " "
        };
        ed.replace(start..i, after, RepairRule::Spacing);
    }
    ed.finish()
}

/// A space is added after «.», «:», «!», «،», «؛» or «؟» written directly before a word
/// («است.همچنین» → «است. همچنین»), never inside numbers, times, decimals, URLs or
/// abbreviations: after «.» and «:» only a Persian letter counts as a word, and «.» between
/// single letters («ه.ق.», «م.») or after a Latin letter is left alone.
pub fn missing_space(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(missing_space_in, input, out, log, HALVES_FROM, b"\n")
}

pub(super) fn missing_space_in(
    input: &str,
    out: &mut String,
    log: Option<&mut Vec<Repair>>,
) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    // «.» «:» «!», and «،» «؛» «؟» (D8 8C, D8 9B, D8 9F).
    let hit = |c: u8, n: u8| {
        (c == b'.')
            | (c == b':')
            | (c == b'!')
            | (c == 0xD8) & ((n == 0x8C) | (n == 0x9B) | (n == 0x9F))
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        let len = if b[at] == 0xD8 { 2 } else { 1 };
        i = at + len;
        let end = at + len;
        // Mostly a space follows: nothing to decode.
        if matches!(
            b.get(end),
            None | Some(b' ' | b'\n' | b'\t' | b'.' | b'0'..=b'9')
        ) {
            continue;
        }
        let (Some(prev), Some(next)) = (char_before(input, at), char_at(input, end)) else {
            continue;
        };
        if prev.is_whitespace() {
            continue;
        }
        let add = match b[at] {
            b'.' => {
                is_fa_letter(next)
                    && (is_fa_letter(prev) || matches!(prev, ')' | '»' | ']'))
                    && letters_before(input, at).chars().count() != 1
                    && !(letters_after(input, end).chars().count() == 1
                        && b.get(end + 2) == Some(&b'.'))
            }
            b':' | b'!' => is_fa_letter(next) && !prev.is_ascii_alphanumeric(),
            _ => is_alphabetic(next),
        };
        if add && !url_before(b, at) {
            ed.replace(end..end, " ", RepairRule::MissingSpace);
        }
    }
    ed.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persian::repair::tests::step_table;

    #[test]
    fn mirrored_brackets_rule() {
        step_table(
            mirrored_brackets,
            &[
                ("دوم )۲۰۰۰-۲۰۰۴(، آذربایجان", "دوم (۲۰۰۰-۲۰۰۴)، آذربایجان"),
                (
                    "به عنوان »دوست اسرائیل« یاد کرد",
                    "به عنوان «دوست اسرائیل» یاد کرد",
                ),
                ("، ) Zman.co.il( اعلام", "، ( Zman.co.il) اعلام"),
                ("بزرگ )بیش از ۳۰۰۰ نفر ( و", "بزرگ (بیش از ۳۰۰۰ نفر ) و"),
                ("(INSS) و «نقل»", "(INSS) و «نقل»"),
                ("۱) یک (دو)", "۱) یک (دو)"),
            ],
        );
    }

    #[test]
    fn spacing_rule() {
        step_table(
            spacing,
            &[
                ("قفقاز ، در  نقطه", "قفقاز، در نقطه"),
                ("( Zman.co.il ) اعلام", "(Zman.co.il) اعلام"),
                ("بود .", "بود."),
                ("عدد ۳ .۳", "عدد ۳ .۳"),
                (" سطر \nدوم", "سطر\nدوم"),
            ],
        );
    }

    #[test]
    fn missing_space_rule() {
        step_table(
            missing_space,
            &[
                ("یافت.همچنین", "یافت. همچنین"),
                ("گفت:بله", "گفت: بله"),
                ("تهران،اصفهان", "تهران، اصفهان"),
                ("تهران؛اصفهان", "تهران؛ اصفهان"),
                ("کجاست؟تو", "کجاست؟ تو"),
                ("عجب!بازی", "عجب! بازی"),
                ("یافت(س).همچنین", "یافت(س). همچنین"),
                // Numbers, times, abbreviations, URLs and Latin text are left alone.
                ("۱۲.۵", "۱۲.۵"),
                ("18:30", "18:30"),
                ("۲۵۷ ه.ق. بود", "۲۵۷ ه.ق. بود"),
                ("ق.م.", "ق.م."),
                ("https://a.ir/خبر.متن", "https://a.ir/خبر.متن"),
                ("e.g.متن", "e.g.متن"),
                ("Note:متن", "Note:متن"),
                ("۱،۲", "۱،۲"),
            ],
        );
    }
}
