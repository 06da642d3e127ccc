//! Character-level steps: line endings, Arabic presentation forms, Arabic letter variants,
//! tatweel and invisible controls. Each scans bytes for the few lead bytes its chars can
//! start with.

use std::ops::Range;

use super::edits::{
    Edits, HALVES_FROM, byte_table, char_at, char_before, find_pair, in_halves, two_byte,
};
use super::lexicon::{is_fa_letter, lexicon};
use super::presentation_forms::TABLE as PRESENTATION_FORMS;
use super::words::{broken_zwnj, letters_after, letters_before, zwnj_space_join};
use super::{Repair, RepairRule};

/// `\r\n`, lone `\r`, U+2028 and U+2029 become `\n`.
pub fn line_endings(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    let mut i = 0;
    // U+2028, U+2029: E2 80 A8, E2 80 A9.
    while let Some(off) = memchr::memchr2(b'\r', 0xE2, &b[i..]) {
        let at = i + off;
        i = at + 1;
        if b[at] == b'\r' {
            let end = if b.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            ed.replace(at..end, "\n", RepairRule::LineEnding);
        } else if b.get(at + 1) == Some(&0x80) && matches!(b.get(at + 2), Some(0xA8 | 0xA9)) {
            ed.replace(at..at + 3, "\n", RepairRule::LineEnding);
        }
    }
    ed.finish()
}

/// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) become the letters they draw
/// (Unicode's compatibility decomposition).
pub fn presentation_forms(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    // Every char from U+F000 on starts with the byte EF.
    for at in memchr::memchr_iter(0xEF, input.as_bytes()) {
        let Some(c) = char_at(input, at) else {
            continue;
        };
        if matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
            && let Ok(k) = PRESENTATION_FORMS.binary_search_by_key(&c, |(k, _)| *k)
        {
            let r = at..at + c.len_utf8();
            ed.replace(r, &PRESENTATION_FORMS[k].1, RepairRule::PresentationForm);
        }
    }
    ed.finish()
}

pub(super) const PERSIAN_DIGITS: [&str; 10] = ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"];

/// Arabic letter variants become Persian ones: ي ى → ی, ك → ک, ە ہ → ه, and Arabic-Indic
/// digits (٠–٩) → Persian digits (۰–۹).
pub fn arabic_letters(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    // All of them are two bytes: D9 83, D9 89, D9 8A, D9 A0–A9, DB 81, DB 95.
    let hit = |c: u8, n: u8| {
        (c == 0xD9) & ((n == 0x83) | (n == 0x89) | (n == 0x8A) | (n.wrapping_sub(0xA0) < 10))
            | (c == 0xDB) & ((n == 0x81) | (n == 0x95))
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at + 2;
        let after = match two_byte(b[at], b[at + 1]) {
            0x064A | 0x0649 => "ی",
            0x0643 => "ک",
            0x06D5 | 0x06C1 => "ه",
            c @ 0x0660..=0x0669 => PERSIAN_DIGITS[(c - 0x0660) as usize],
            _ => continue,
        };
        ed.replace(at..at + 2, after, RepairRule::ArabicLetter);
    }
    ed.finish()
}

/// Tatweel (U+0640, kashida stretching) is removed.
pub fn tatweel(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    for at in memchr::memmem::find_iter(input.as_bytes(), "\u{0640}".as_bytes()) {
        ed.replace(at..at + 2, "", RepairRule::Tatweel);
    }
    ed.finish()
}

/// First bytes of the chars that may be invisible controls: C0 controls but the newline,
/// DEL, U+0080–U+00BF (C1 controls, no-break space, soft hyphen), U+2000–U+2FFF
/// (zero-width chars, narrow no-break space) and U+F000–U+FFFF (BOM, U+FFFE).
pub(super) static MAY_BE_INVISIBLE: [bool; 256] = byte_table(&[
    (0x00, 0x09),
    (0x0B, 0x1F),
    (0x7F, 0x7F),
    (0xC2, 0xC2),
    (0xE2, 0xE2),
    (0xEF, 0xEF),
]);

/// Stray invisible controls are removed: zero-width space, BOM/ZWNBSP, soft hyphen, C0 and
/// C1 controls other than tab and newline, doubled ZWNJ/ZWJ, a ZWNJ beside a space or
/// at a line's edge, and LRM/RLM marks. Tabs and no-break spaces become spaces, except
/// where they stand for a broken ZWNJ: a no-break space (or a run of no-break spaces and
/// spaces) between two Persian letters becomes a ZWNJ when the lexicon joins the words so
/// («آیین\u{A0}نامه» → «آیین‌نامه», «می\u{A0}دهد» → «می‌دهد», see [`broken_zwnj`]), and an
/// LRM/RLM between two Persian letters becomes a ZWNJ.
pub fn invisible_controls(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(invisible_controls_in, input, out, log, HALVES_FROM, b"\n")
}

pub(super) fn invisible_controls_in(
    input: &str,
    out: &mut String,
    log: Option<&mut Vec<Repair>>,
) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    // A removed ZWNJ/ZWJ is not the previous char of the one after it: (end of the last
    // removed one, the char before it as the scan saw it).
    let mut removed_zw: Option<(usize, Option<char>)> = None;
    // The first byte of each candidate char (see `MAY_BE_INVISIBLE`); of the E2 chars only
    // U+2000–U+203F (E2 80), of the EF chars only U+FEFF and U+FFFE (EF BB, EF BF).
    let hit = |c: u8, n: u8| {
        MAY_BE_INVISIBLE[usize::from(c)]
            & ((c != 0xE2) | (n == 0x80))
            & ((c != 0xEF) | (n == 0xBB) | (n == 0xBF))
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at;
        let Some(c) = char_at(input, i) else {
            i += 1;
            continue;
        };
        let r = i..i + c.len_utf8();
        i = r.end;
        match c {
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFFE}' => {
                ed.replace(r, "", RepairRule::InvisibleControl);
            }
            '\u{00A0}' => {
                // A run of no-break spaces (and spaces) between two Persian letters stands
                // for a ZWNJ when the lexicon says so; otherwise it is a space.
                let mut start = r.start;
                while start > 0 && b[start - 1] == b' ' {
                    start -= 1;
                }
                let mut end = r.end;
                loop {
                    if b.get(end) == Some(&b' ') {
                        end += 1;
                    } else if b.get(end..end + 2) == Some(&[0xC2, 0xA0][..]) {
                        end += 2;
                    } else {
                        break;
                    }
                }
                let (left, right) = (letters_before(input, start), letters_after(input, end));
                if left.is_empty() || right.is_empty() {
                    // One space for the whole run: a double space left here would look like
                    // a column gap to `displaced_fragments`.
                    let edge =
                        start == 0 || b[start - 1] == b'\n' || end == b.len() || b[end] == b'\n';
                    let after = if edge { "" } else { " " };
                    ed.replace(start..end, after, RepairRule::InvisibleControl);
                    i = end;
                } else {
                    let joiner = broken_zwnj(left, right, lexicon());
                    let rule = if joiner == " " {
                        RepairRule::InvisibleControl
                    } else {
                        RepairRule::BrokenZwnj
                    };
                    ed.replace(start..end, joiner, rule);
                    i = end;
                }
            }
            '\u{200E}' | '\u{200F}' => {
                // A bidi mark typed for a ZWNJ inside a Persian word is one; elsewhere it
                // is removed.
                let inside = char_before(input, r.start).is_some_and(is_fa_letter)
                    && char_at(input, r.end).is_some_and(is_fa_letter);
                if inside {
                    ed.replace(r, "\u{200C}", RepairRule::BrokenZwnj);
                } else {
                    ed.replace(r, "", RepairRule::InvisibleControl);
                }
            }
            '\t' | '\u{202F}' => ed.replace(r, " ", RepairRule::InvisibleControl),
            c if c.is_control() && c != '\n' => ed.replace(r, "", RepairRule::InvisibleControl),
            '\u{200C}' | '\u{200D}' => {
                // A ZWNJ typed beside a space inside one word: a single ZWNJ when the
                // lexicon joins the parts so (see [`zwnj_space_join`]).
                if c == '\u{200C}'
                    && let Some((span, joiner)) = zwnj_beside_space(input, r.clone())
                {
                    ed.replace(span.clone(), joiner, RepairRule::BrokenZwnj);
                    i = span.end;
                    continue;
                }
                // A ZWNJ or ZWJ beside a space, another joiner or a line's edge goes.
                let prev = match removed_zw {
                    Some((end, prev)) if end == r.start => prev,
                    _ => char_before(input, r.start),
                };
                let next = char_at(input, r.end);
                let edge = |x: Option<char>| {
                    x.is_none_or(|x| x.is_whitespace() || x == '\u{200C}' || x == '\u{200D}')
                };
                if edge(prev) || next.is_none_or(char::is_whitespace) {
                    removed_zw = Some((r.end, prev));
                    ed.replace(r, "", RepairRule::InvisibleControl);
                }
            }
            _ => {}
        }
    }
    ed.finish()
}

/// A ZWNJ at `r` with spaces on one side and Persian letters on both ends («…‌ …» or
/// «… ‌…») that stands inside one word: the span of the ZWNJ and its spaces, and what it
/// becomes (a ZWNJ, or nothing after a letter that does not join).
fn zwnj_beside_space(input: &str, r: Range<usize>) -> Option<(Range<usize>, &'static str)> {
    let b = input.as_bytes();
    let (start, end) = if b.get(r.end) == Some(&b' ') {
        let mut end = r.end;
        while b.get(end) == Some(&b' ') {
            end += 1;
        }
        (r.start, end)
    } else if r.start > 0 && b[r.start - 1] == b' ' {
        let mut start = r.start;
        while start > 0 && b[start - 1] == b' ' {
            start -= 1;
        }
        (start, r.end)
    } else {
        return None;
    };
    let (left, right) = (letters_before(input, start), letters_after(input, end));
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let joiner = zwnj_space_join(left, right, lexicon())?;
    Some((start..end, joiner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persian::repair::tests::step_table;

    #[test]
    fn line_endings_rule() {
        step_table(
            line_endings,
            &[
                ("a\r\nb\rc\u{2028}d", "a\nb\nc\nd"),
                ("بی تغییر\n", "بی تغییر\n"),
                ("\r\n\r\n", "\n\n"),
            ],
        );
    }

    #[test]
    fn presentation_forms_rule() {
        step_table(
            presentation_forms,
            &[
                ("\u{FEB3}\u{FEE0}\u{FE8E}\u{FEE1}", "سلام"),
                ("\u{FEFB}", "لا"),
                ("\u{FBFC}", "ی"),
                ("\u{FE91}\u{FEEE}", "بو"),
                ("کتاب", "کتاب"),
            ],
        );
    }

    #[test]
    fn arabic_letters_rule() {
        step_table(
            arabic_letters,
            &[
                ("كشور علي", "کشور علی"),
                ("مصطفى", "مصطفی"),
                ("٢٠١٩", "۲۰۱۹"),
                ("ایران", "ایران"),
            ],
        );
    }

    #[test]
    fn tatweel_rule() {
        step_table(tatweel, &[("اســـت", "است"), ("ـ", ""), ("است", "است")]);
    }

    #[test]
    fn invisible_controls_rule() {
        step_table(
            invisible_controls,
            &[
                ("a\u{200B}b\u{FEFF}c\u{00AD}d", "abcd"),
                ("می\u{200C}\u{200C}کند", "می\u{200C}کند"),
                ("کتاب \u{200C}ها", "کتاب\u{200C}ها"),
                ("کتاب \u{200C}و", "کتاب و"),
                ("x\u{0007}y\tz", "xy z"),
                ("می\u{200C}کند\n", "می\u{200C}کند\n"),
            ],
        );
    }

    #[test]
    fn broken_zwnj_rule() {
        step_table(
            invisible_controls,
            &[
                // A no-break space stands for ZWNJ where the lexicon joins the words so.
                ("می\u{A0}کند", "می\u{200C}کند"),
                ("آیین\u{A0}نامه", "آیین\u{200C}نامه"),
                ("کشور\u{A0}ها", "کشورها"),
                ("تماس\u{A0} ها", "تماس\u{200C}ها"),
                // Otherwise it is a space, one for a whole run.
                ("به\u{A0}عهده", "به عهده"),
                ("عراق\u{A0} و", "عراق و"),
                ("سال\u{A0} 2002", "سال 2002"),
                ("2\u{A0}\u{A0}3", "2 3"),
                // LRM/RLM: a ZWNJ inside a Persian word, removed elsewhere.
                ("می\u{200E}کند", "می\u{200C}کند"),
                ("شهر\u{200E}/ محله", "شهر/ محله"),
                // A ZWNJ beside a space: one ZWNJ inside a word, removed between words.
                ("سیل\u{200C} زده", "سیل\u{200C}زده"),
                ("آسیب \u{200C}دیدگان", "آسیب\u{200C}دیدگان"),
                ("کتاب\u{200C} تازه", "کتاب تازه"),
                ("دانشگاه\u{200C} تهران", "دانشگاه تهران"),
                ("\u{200F}متن", "متن"),
            ],
        );
    }
}
