//! Relative references. Anaphoric ones count from the last date found («همان سال»,
//! «نوامبر همان سال», «یک ماه بعد», «سال بعد»); deictic ones count from the document
//! date («امروز», «دیروز», «روز گذشته», «روز یکشنبه», «دوشنبه آینده», «هفته گذشته»,
//! «ماه آینده», «سال گذشته», «پارسال», «امسال», «دو ماه گذشته») and are not read at all
//! without one: an undated mention is kept out of the timeline, never guessed.

use crate::model::{Day, FuzzyDate, Precision};

use super::calendars::{self as cals, Cal};
use super::context::past_tense;
use super::rules::{Ctx, Found};
use super::words;

/// The calendar the last date was written in, as far as its interval tells: a Solar
/// year starts on 1 Farvardin, a Gregorian one on 1 January.
fn calendar_of(d: &FuzzyDate) -> Cal {
    let (_, m, day) = d.start.to_solar_hijri();
    if m == 1 && day == 1 && !(d.start.month == 1 && d.start.day == 1) {
        Cal::Solar
    } else {
        Cal::Gregorian
    }
}

/// A number of units before a unit word: digits (1–2), a number word, or none (1):
/// (n, explicit, index of the unit).
fn count(c: &Ctx, i: usize) -> (i64, bool, usize) {
    match (c.num(i), words::number_word(c.key(i))) {
        (Some(v), _) if c.digits(i) <= 2 && v > 0 => (i64::from(v), true, i + 1),
        (_, Some(v)) if c.key(i) == "یکسال" => (v, true, i),
        (_, Some(v)) => (v, true, i + 1),
        _ => (1, false, i),
    }
}

/// References relative to the last date: «همان سال», «نوامبر همان سال», «یک ماه بعد»,
/// «سال بعد», «سه روز بعد», «دو سال قبل».
pub(super) fn anaphoric(c: &Ctx, i: usize) -> Option<Found> {
    let last = c.last?;
    let base = last.start;
    let cal = calendar_of(last);
    let note = || format!("after the date before ({})", cal.name());
    // «همان سال», «آن سال», «همین ماه»
    if c.is(i, &["همان", "همین", "ان"]) {
        if c.is(i + 1, &["سال"]) {
            let y = cals::year_of(base, cal);
            return Some(Found::new(
                cals::year_interval(y, cal)?,
                Precision::Year,
                i + 2,
            ));
        }
        if c.is(i + 1, &["ماه"]) {
            return Some(Found::new(
                cals::month_shift(base, 0, cal)?,
                Precision::Month,
                i + 2,
            ));
        }
        return None;
    }
    // «نوامبر همان سال»
    if let Some((mcal, m)) = words::any_month(c.key(i)) {
        if c.is(i + 1, &["همان", "همین"]) && c.is(i + 2, &["سال"]) {
            let y = cals::year_of(base, mcal);
            return Some(Found::new(
                cals::month_interval(y, m, mcal)?,
                Precision::Month,
                i + 3,
            ));
        }
        return None;
    }
    let (n, explicit, ui) = count(c, i);
    let unit = match c.key(ui) {
        "یکسال" => "سال",
        k => k,
    };
    if !matches!(unit, "سال" | "ماه" | "روز") {
        return None;
    }
    let sign = match c.key(ui + 1) {
        "بعد" | "بعدتر" => 1,
        "قبل" if explicit => -1,
        "پیش" if explicit && c.doc.date.is_none() => -1,
        _ => return None,
    };
    if c.is(ui + 2, &["از"]) {
        return None; // «دو سال پیش از انقلاب»: relative to something else
    }
    if !explicit && unit != "سال" {
        return None; // «ماه بعد» alone is too vague
    }
    let next = ui + 2;
    let mut f = match unit {
        "سال" => {
            let y = cals::year_of(base, cal) + i32::try_from(sign * n).ok()?;
            Found::new(cals::year_interval(y, cal)?, Precision::Year, next)
        }
        "ماه" => Found::new(
            cals::month_shift(base, sign * n, cal)?,
            Precision::Month,
            next,
        ),
        _ => {
            let d = base.add_days(sign * n);
            Found::new((d, d), Precision::Day, next)
        }
    };
    f.approximate = explicit || unit != "سال";
    f.note = note();
    Some(f)
}

/// Deictic years, months and seasons count in the calendar of the press, Solar Hijri,
/// unless «میلادی» follows.
pub(super) const DEICTIC: (Cal, &str) = (Cal::Solar, "Solar Hijri units of the document date");

/// The Saturday that starts the Persian week of `d`.
fn week_start(d: Day) -> Day {
    d.add_days(-i64::from(cals::weekday(d)))
}

/// References to the document date. `None` without a document date.
pub(super) fn deictic(c: &Ctx, i: usize) -> Option<Found> {
    let doc = c.doc.date?;
    let day = |d: Day, next: usize, note: &str| {
        Some(Found::new((d, d), Precision::Day, next).with_note(note))
    };
    // A time of day before: «سحرگاه دیروز», «عصر روز جمعه» (the wording starts at the day).
    // «روزنامه امروز», «برنامه فردا»: names of papers and shows.
    if i > 0
        && c.is(
            i - 1,
            &[
                "روزنامه",
                "نشریه",
                "هفتهنامه",
                "ماهنامه",
                "سایت",
                "برنامه",
                "شبکه",
            ],
        )
        && c.is(i, &["امروز", "فردا", "دیروز"])
    {
        return None;
    }
    match c.key(i) {
        "امروز" => return day(doc, i + 1, "the document date"),
        "دیروز" | "دیشب" => {
            return day(doc.add_days(-1), i + 1, "the day before the document date");
        }
        "پریروز" => return day(doc.add_days(-2), i + 1, "two days before the document date"),
        "فردا" => return day(doc.add_days(1), i + 1, "the day after the document date"),
        "امشب" => return day(doc, i + 1, "the document date"),
        "امسال" => {
            let (cal, why) = DEICTIC;
            let y = cals::year_of(doc, cal);
            return Some(
                Found::new(cals::year_interval(y, cal)?, Precision::Year, i + 1)
                    .with_note(format!("year of the document date; {why}")),
            );
        }
        "پارسال" => {
            let (cal, why) = DEICTIC;
            let y = cals::year_of(doc, cal) - 1;
            return Some(
                Found::new(cals::year_interval(y, cal)?, Precision::Year, i + 1)
                    .with_note(format!("year before the document date; {why}")),
            );
        }
        _ => {}
    }
    // «روز گذشته», «روز قبل»
    if c.is(i, &["روز"]) && c.is(i + 1, &["گذشته"]) {
        return day(doc.add_days(-1), i + 2, "the day before the document date");
    }
    // «شب گذشته», «نیمه‌شب گذشته», «نیمه شب گذشته»: the night before the document date
    // (a daily paper's last night); «صبح امروز» is read at «امروز».
    let ni = if c.is(i, &["نیمه"]) && c.is(i + 1, &["شب"]) {
        i + 1
    } else {
        i
    };
    if c.is(ni, &["شب", "نیمهشب", "دیشب"]) && c.is(ni + 1, &["گذشته"]) {
        return day(
            doc.add_days(-1),
            ni + 2,
            "the night before the document date",
        );
    }
    // Weekdays: «روز یکشنبه», «دوشنبه آینده», «پنجشنبه گذشته».
    let wi = if c.is(i, &["روز"]) { i + 1 } else { i };
    if let Some((wd, mut next)) = words::weekday_at(c.toks, wi)
        .filter(|&(_, n)| !(c.is(n, &["سوری", "ها", "هر"]) || (wi > 0 && c.is(wi - 1, &["هر"]))))
    {
        // «سه‌شنبه هفته گذشته», «دوشنبه هفته آینده», «شنبه این هفته»
        let week = match (c.key(next), c.key(next + 1)) {
            ("هفته", "گذشته" | "قبل" | "پیش") => Some(-1),
            ("هفته", "اینده" | "بعد") => Some(1),
            ("هفته", "جاری") | ("این", "هفته") => Some(0),
            _ => None,
        };
        if let Some(w) = week {
            let d = week_start(doc).add_days(7 * w + i64::from(wd));
            return day(
                d,
                next + 2,
                "that weekday of the week named, from the document date",
            );
        }
        let dir = match c.key(next) {
            "اینده" | "اتی" | "بعد" => {
                next += 1;
                1
            }
            "گذشته" | "پیش" | "قبل" => {
                next += 1;
                -1
            }
            _ => 0,
        };
        let back = (i64::from(cals::weekday(doc)) - i64::from(wd)).rem_euclid(7);
        let fwd = (i64::from(wd) - i64::from(cals::weekday(doc))).rem_euclid(7);
        let (d, note) = match dir {
            1 => (
                doc.add_days(if fwd == 0 { 7 } else { fwd }),
                "next such day after the document date",
            ),
            -1 => (
                doc.add_days(-(if back == 0 { 7 } else { back })),
                "last such day before the document date",
            ),
            _ if past_tense(c.toks, next) == Some(false) => (
                doc.add_days(fwd),
                "such day on or after the document date (not past tense)",
            ),
            _ => (
                doc.add_days(-back),
                "such day on or before the document date",
            ),
        };
        return day(d, next, note);
    }
    // «[N] هفته / ماه / سال / دهه گذشته | اخیر | آینده | جاری»
    let (n, explicit, ui) = count(c, i);
    let unit = match c.key(ui) {
        "یکسال" => "سال",
        k => k,
    };
    if !matches!(unit, "روز" | "هفته" | "ماه" | "سال" | "دهه") {
        return None;
    }
    let (dir, mut next) = match c.key(ui + 1) {
        "گذشته" | "اخیر" => (-1, ui + 2),
        "اینده" | "بعد" if !explicit && unit != "سال" => (1, ui + 2),
        "اینده" => (1, ui + 2),
        "جاری" | "جار" | "کنونی" => (0, ui + 2),
        "پیش" if explicit => (-1, ui + 2),
        _ => return None,
    };
    if explicit && dir == 0 {
        return None;
    }
    if unit == "روز" && !explicit {
        return None; // «روز گذشته» is handled above
    }
    let (mut cal, why) = DEICTIC;
    if c.is(next, &["میلادی"]) {
        cal = Cal::Gregorian;
        next += 1;
    } else if c.is(next, &["شمسی", "خورشیدی"]) {
        cal = Cal::Solar;
        next += 1;
    }
    let nn = i32::try_from(n).ok()?;
    if explicit {
        // A rolling window: «دو ماه گذشته» = the two months up to the document date.
        let other = match unit {
            "روز" => doc.add_days(i64::from(dir) * n),
            "هفته" => doc.add_days(i64::from(dir) * 7 * n),
            "ماه" => shift_months(doc, i64::from(dir) * n)?,
            "سال" => shift_months(doc, i64::from(dir) * 12 * n)?,
            _ => shift_months(doc, i64::from(dir) * 120 * n)?,
        };
        // «دو سال پیش», «سه روز پیش»: a point that long ago, not a span.
        if c.key(ui + 1) == "پیش" {
            let mut f = match unit {
                "روز" => Found::new((other, other), Precision::Day, next),
                "ماه" => Found::new(cals::month_shift(other, 0, cal)?, Precision::Month, next),
                "سال" => {
                    let y = cals::year_of(other, cal);
                    Found::new(cals::year_interval(y, cal)?, Precision::Year, next)
                }
                _ => Found::new((other, other.add_days(6)), Precision::Range, next),
            }
            .with_note(format!("that long before the document date; {why}"));
            f.approximate = unit != "روز";
            return Some(f);
        }
        let mut f = Found::new((other.min(doc), other.max(doc)), Precision::Range, next)
            .with_note("a span counted from the document date");
        f.approximate = true;
        return Some(f);
    }
    let note = format!("counted from the document date; {why}");
    let f = match unit {
        "هفته" => {
            let s = week_start(doc).add_days(7 * i64::from(dir));
            Found::new((s, s.add_days(6)), Precision::Range, next)
        }
        "ماه" => Found::new(
            cals::month_shift(doc, i64::from(dir), cal)?,
            Precision::Month,
            next,
        ),
        "سال" => {
            let y = cals::year_of(doc, cal) + dir * nn;
            Found::new(cals::year_interval(y, cal)?, Precision::Year, next)
        }
        _ => return None,
    };
    Some(f.with_note(note))
}

/// `d` moved by `n` Gregorian months, the day clamped to the month's length.
fn shift_months(d: Day, n: i64) -> Option<Day> {
    let total = i64::from(d.year) * 12 + i64::from(d.month) - 1 + n;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = u8::try_from(total.rem_euclid(12) + 1).ok()?;
    let last = Day::last_of_month(y, m).ok()?;
    Day::new(y, m, d.day.min(last.day)).ok()
}

/// Any relative reference at `i`: to the document date first, then to the last date.
pub(super) fn relative(c: &Ctx, i: usize) -> Option<Found> {
    deictic(c, i).or_else(|| anaphoric(c, i))
}
