//! Datelines: the line under a news item's headline that says when it was published
//! («تاریخ انتشار: ۱۴۰۲/۱۱/۰۳ - ۱۷:۴۰:۱۲», «۲۴ مرداد ۱۳۹۶», «1402-08-09 08:15:02+0330»,
//! «Wednesday, August 15, 2017»). Segmentation keeps such a line a paragraph of its own,
//! so it never runs into the title or the lead and never becomes part of a claim; the
//! date tagger reads the document's date from it.

use super::digits::digit_value;
use super::fold::fold_text;

/// Longest dateline, in chars.
const MAX_CHARS: usize = 80;

/// Labels that open a dateline (folded: no spaces, no ZWNJ, Persian letters).
const LABELS: [&str; 8] = [
    "تاریخانتشار",
    "زمانانتشار",
    "منتشرشدهدر",
    "تاریخخبر",
    "تاریخ",
    "published",
    "date",
    "updated",
];

/// Words a bare date line may hold besides numbers, months and weekdays (folded).
const DATE_WORDS: [&str; 20] = [
    "روز",
    "ماه",
    "سال",
    "ساعت",
    "هجری",
    "شمسی",
    "قمری",
    "خورشیدی",
    "میلادی",
    "ه",
    "ش",
    "ق",
    "م",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `line` is a dateline: short, with a number, and either opened by a
/// publication label («تاریخ انتشار:») or made of nothing but numbers, date and time
/// separators, and month, weekday and calendar words (months and weekdays as the date
/// tagger knows them).
pub fn is_dateline(line: &str) -> bool {
    let t = line.trim();
    // Bounded: a long line is rejected after MAX_CHARS chars, not counted whole.
    if t.is_empty()
        || t.chars().nth(MAX_CHARS).is_some()
        || !t.chars().any(|c| digit_value(c).is_some())
    {
        return false;
    }
    if has_label(t) {
        return true;
    }
    t.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '،' | '-' | '–' | '—' | '/' | '(' | ')' | '|' | '.')
    })
    .filter(|w| !w.is_empty())
    .all(|w| {
        w.chars()
            .all(|c| digit_value(c).is_some() || matches!(c, ':' | '+' | '.' | '٫'))
            || {
                let key = fold_text(w);
                DATE_WORDS.contains(&key.as_ref()) || super::tagger::is_calendar_word(&key)
            }
    })
}

/// Whether `line` opens with a publication label («تاریخ انتشار:», «Published:»): a
/// dateline wherever it stands, where a bare date line is one only at the top of an item.
pub fn has_label(line: &str) -> bool {
    line.trim()
        .split_once([':', '：'])
        .is_some_and(|(head, _)| {
            head.chars().count() <= 20 && LABELS.iter().any(|l| *l == fold_text(head))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        for (line, want) in [
            ("تاریخ انتشار: ۱۴۰۲/۱۱/۰۳ - ۱۷:۴۰:۱۲", true),
            ("تاريخ انتشار: 1384/04/08", true),
            ("1402-08-09 08:15:02+0330", true),
            ("۲۴ مرداد ۱۳۹۶", true),
            ("سه‌شنبه ۲۴ مرداد ۱۳۹۶ - ساعت ۱۰:۲۰", true),
            ("Wednesday, August 15, 2017", true),
            ("Published: 2017-08-15", true),
            ("۱۲ بهمن ماه سال ۱۳۵۷", true),
            // Not datelines: sentences with dates, headlines, numbers alone in text.
            ("در ۲۴ مرداد ۱۳۹۶ قرارداد امضا شد.", false),
            ("تیم ملی در سال ۲۰۲۴ قهرمان شد", false),
            ("رشد ۳۷ درصدی قیمت طلا", false),
            ("مرداد", false),
            ("", false),
            (
                "تاریخ ایران باستان: از ۵۵۰ پیش از میلاد تا حمله اعراب و سقوط ساسانیان در جنگ‌ها",
                false,
            ),
        ] {
            assert_eq!(is_dateline(line), want, "«{line}»");
        }
    }
}
