//! Digits: numbers whose digits mix scripts unified, and year ranges written backwards
//! put in order.

use std::ops::Range;

use super::edits::{Edits, HALVES_FROM, find_pair, in_halves};
use super::lexicon::is_fa_letter;
use super::{Repair, RepairRule};
use crate::persian::fold::is_alphabetic;

/// Byte length of the digit (ASCII, Arabic-Indic or Persian) at byte `i` of `b`; 0 when
/// none stands there.
pub(super) fn digit_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1)) {
        (Some(b'0'..=b'9'), _) => 1,
        // U+0660–U+0669, U+06F0–U+06F9
        (Some(0xD9), Some(0xA0..=0xA9)) | (Some(0xDB), Some(0xB0..=0xB9)) => 2,
        _ => 0,
    }
}

/// Byte length of the number separator (`/ . : , ٫ ٬`) at byte `i` of `b`; 0 when none.
pub(super) fn separator_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1)) {
        (Some(b'/' | b'.' | b':' | b','), _) => 1,
        // U+066B, U+066C
        (Some(0xD9), Some(0xAB | 0xAC)) => 2,
        _ => 0,
    }
}

/// Spans of numbers: maximal runs of digits of any script, with single separators
/// (`/ . : , ٫ ٬`) between digits.
pub(super) fn number_spans(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    let digit = |c: u8, n: u8| {
        (c.wrapping_sub(b'0') < 10)
            | (c == 0xD9) & (n.wrapping_sub(0xA0) < 10)
            | (c == 0xDB) & (n.wrapping_sub(0xB0) < 10)
    };
    std::iter::from_fn(move || {
        i = find_pair(b, i, digit)?;
        let start = i;
        loop {
            let d = digit_len(b, i);
            if d > 0 {
                i += d;
                continue;
            }
            let sep = separator_len(b, i);
            let d = if sep > 0 { digit_len(b, i + sep) } else { 0 };
            if d == 0 {
                break;
            }
            i += sep + d;
        }
        Some(start..i)
    })
}

/// The nearest letter before / after `at` on the same line, skipping digits, spaces and
/// punctuation (at most 40 chars away).
pub(super) fn nearest_letter(s: &str, at: usize, forward: bool) -> Option<char> {
    let pick = |c: char| c == '\n' || is_alphabetic(c);
    let found = if forward {
        s[at..].chars().take(40).find(|&c| pick(c))
    } else {
        s[..at].chars().rev().take(40).find(|&c| pick(c))
    };
    found.filter(|&c| c != '\n')
}

/// Digits keep the script the source wrote them in (Latin stays Latin, Persian stays
/// Persian: showing Persian digits is a display option, not a change to the text). Only a
/// number whose digits mix scripts, as PDF extraction leaves them («۱۹20»), is written in
/// one: the script of most of its digits, or on a tie the script of the nearest letters
/// (Persian letters: Persian digits).
pub fn mixed_digits(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(mixed_digits_in, input, out, log, HALVES_FROM, b"\n")
}

pub(super) fn mixed_digits_in(
    input: &str,
    out: &mut String,
    log: Option<&mut Vec<Repair>>,
) -> bool {
    let mut ed = Edits::new(input, out, log);
    for r in number_spans(input) {
        let num = &input[r.clone()];
        let latin = num.bytes().filter(u8::is_ascii_digit).count();
        if latin == 0 {
            continue;
        }
        let persian = num
            .chars()
            .filter(|c| ('\u{06F0}'..='\u{06F9}').contains(c))
            .count();
        if persian == 0 {
            continue;
        }
        let fa = |c: Option<char>| c.is_some_and(is_fa_letter);
        let to_persian = persian > latin
            || (persian == latin
                && (fa(nearest_letter(input, r.start, false))
                    || fa(nearest_letter(input, r.end, true))));
        for (i, c) in num.char_indices() {
            let at = r.start + i;
            if to_persian && c.is_ascii_digit() {
                let d = PERSIAN_DIGITS[(c as usize) - ('0' as usize)];
                ed.replace(at..at + 1, d, RepairRule::MixedDigits);
            } else if !to_persian && ('\u{06F0}'..='\u{06F9}').contains(&c) {
                let d = LATIN_DIGITS[(c as usize) - 0x06F0];
                ed.replace(at..at + c.len_utf8(), d, RepairRule::MixedDigits);
            }
        }
    }
    ed.finish()
}

const PERSIAN_DIGITS: [&str; 10] = ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"];
const LATIN_DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

pub(super) fn number_value(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    for c in s.chars() {
        v = v
            .checked_mul(10)?
            .checked_add(crate::persian::digits::digit_value(c)?)?;
    }
    Some(v)
}

/// A year range written backwards is put in order: «۱۹۲۰-۱۹۱۸» → «۱۹۱۸-۱۹۲۰» (two 4-digit
/// numbers joined by a dash, the first larger and at most 300 apart).
pub fn reversed_digits(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(reversed_digits_in, input, out, log, HALVES_FROM, b"\n")
}

pub(super) fn reversed_digits_in(
    input: &str,
    out: &mut String,
    log: Option<&mut Vec<Repair>>,
) -> bool {
    let mut ed = Edits::new(input, out, log);
    let mut prev: Option<Range<usize>> = None;
    let mut swapped = String::new();
    for b in number_spans(input) {
        let Some(a) = prev.replace(b.clone()) else {
            continue;
        };
        let dash = &input[a.end..b.start];
        if !matches!(dash, "-" | "–" | "—") {
            continue;
        }
        let (sa, sb) = (&input[a.clone()], &input[b.clone()]);
        if sa.chars().count() != 4 || sb.chars().count() != 4 {
            continue;
        }
        let (Some(va), Some(vb)) = (number_value(sa), number_value(sb)) else {
            continue;
        };
        if va > vb && va - vb <= 300 {
            swapped.clear();
            swapped.push_str(sb);
            swapped.push_str(dash);
            swapped.push_str(sa);
            ed.replace(a.start..b.end, &swapped, RepairRule::ReversedDigits);
        }
    }
    ed.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persian::repair::tests::step_table;

    #[test]
    fn mixed_digits_rule() {
        step_table(
            mixed_digits,
            &[
                // Digits keep the script the source used.
                ("در سال 2019 گفت", "در سال 2019 گفت"),
                ("تاریخ 1403/7/12", "تاریخ 1403/7/12"),
                ("در سال ۲۰۱۹ گفت", "در سال ۲۰۱۹ گفت"),
                // A number mixing scripts takes its majority's script, on a tie the text's.
                ("دوره ۱۹20-۱۹18", "دوره ۱۹۲۰-۱۹۱۸"),
                ("۱۹20", "1920"),
                ("سال ۱۹9۵", "سال ۱۹۹۵"),
                ("Windows 1۰0", "Windows 100"),
                ("F16 و ICT 2016", "F16 و ICT 2016"),
                ("2", "2"),
            ],
        );
    }

    #[test]
    fn reversed_digits_rule() {
        step_table(
            reversed_digits,
            &[
                ("(۱۹۲۰-۱۹۱۸)", "(۱۹۱۸-۱۹۲۰)"),
                ("۲۰۰۰-۲۰۰۴", "۲۰۰۰-۲۰۰۴"),
                ("۰۹۱۲-۱۲۳۴", "۰۹۱۲-۱۲۳۴"),
                ("9000-1000", "9000-1000"),
            ],
        );
    }
}
