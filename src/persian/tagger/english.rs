//! English wordings of periods, as a reader types them into a date field (and as English
//! quotes in Persian articles write them): «spring 1999», «March 1999», «the 1990s»,
//! «late 1980s», «early 2003», «mid March 2010». Days with a month name are
//! `rules::english_date`'s. Every year here is Gregorian.

use super::calendars::{self as cals, Cal};
use super::rules::{Ctx, Found};
use super::words;
use crate::model::Precision;

/// Season words, 0 = spring («fall» is autumn).
fn season(key: &str) -> Option<u8> {
    match key {
        "spring" => Some(0),
        "summer" => Some(1),
        "autumn" | "fall" => Some(2),
        "winter" => Some(3),
        _ => None,
    }
}

/// Which third of a period «early», «mid» and «late» name: 0, 1, 2.
fn third(key: &str) -> Option<i64> {
    match key {
        "early" => Some(0),
        "mid" | "middle" => Some(1),
        "late" => Some(2),
        _ => None,
    }
}

/// Words an English period can start with (for the tagger's cheap start filter).
pub(super) const STARTS: [&str; 10] = [
    "spring", "summer", "autumn", "fall", "winter", "early", "mid", "middle", "late", "the",
];

/// A four-digit year at `i`: (year, next).
fn year(c: &Ctx, i: usize) -> Option<(i32, usize)> {
    if c.digits(i) != 4 {
        return None;
    }
    Some((i32::try_from(c.num(i)?).ok()?, i + 1))
}

/// A decade «1990s» / «1990’s» at `i`: (first year, next).
fn decade(c: &Ctx, i: usize) -> Option<(i32, usize)> {
    let (y, mut j) = year(c, i)?;
    if y % 10 != 0 || !c.touching(i) {
        return None;
    }
    if matches!(c.key(j), "'" | "’") && c.touching(j) {
        j += 1;
    }
    (c.key(j) == "s").then_some((y, j + 1))
}

/// One English period at `i`: a season, month or year, a decade, or the early, middle or
/// late part of one.
pub(super) fn period(c: &Ctx, i: usize) -> Option<Found> {
    let mut at = i;
    let part = third(c.key(at));
    if part.is_some() {
        at += 1;
        if c.key(at) == "-" {
            // «mid-1990s»
            at += 1;
        }
    }
    if c.key(at) == "the" {
        at += 1;
    }
    let mut f = whole(c, at, part.is_some())?;
    if let Some(t) = part {
        let n = f.end.day_number() - f.start.day_number() + 1;
        let (a, b) = if f.precision == Precision::Decade {
            // Early 1990s: 1990–93; mid: 1994–96; late: 1997–99, as for «اوایل دهه».
            let first = cals::year_of(f.start, Cal::Gregorian);
            let (a, b) = [(0, 3), (4, 6), (7, 9)][usize::try_from(t).ok()?];
            let (s, e) = cals::years_interval(first + a, first + b, Cal::Gregorian)?;
            f.start = s;
            f.end = e;
            f.precision = Precision::PartOfDecade;
            f.approximate = true;
            return Some(f);
        } else if f.precision == Precision::Month {
            (t * 10, if t == 2 { n - 1 } else { t * 10 + 9 })
        } else {
            (n * t / 3, n * (t + 1) / 3 - 1)
        };
        let start = f.start;
        f.start = start.add_days(a);
        f.end = start.add_days(b.min(n - 1));
        f.precision = Precision::Range;
        f.approximate = true;
        f.note = "a part of the period".to_owned();
    }
    Some(f)
}

/// A whole season, month or decade at `i`, or a year when `after_part` (after «early»,
/// «mid» or «late»; a bare year alone is `rules::year`'s).
fn whole(c: &Ctx, i: usize, after_part: bool) -> Option<Found> {
    let mut f = if let Some((y, next)) = decade(c, i) {
        Found::new(
            cals::years_interval(y, y + 9, Cal::Gregorian)?,
            Precision::Decade,
            next,
        )
    } else if let Some(s) = season(c.key(i)) {
        let j = if c.key(i + 1) == "of" { i + 2 } else { i + 1 };
        let (y, next) = year(c, j)?;
        let mut f = Found::new(
            cals::season_interval(y, s, Cal::Gregorian)?,
            Precision::Season,
            next,
        );
        f.approximate = true;
        f
    } else if let Some(m) = words::english_month(c.key(i)) {
        let j = if c.key(i + 1) == "," { i + 2 } else { i + 1 };
        let (y, next) = year(c, j)?;
        Found::new(
            cals::month_interval(y, m, Cal::Gregorian)?,
            Precision::Month,
            next,
        )
    } else {
        if !after_part {
            return None;
        }
        let (y, next) = year(c, i)?;
        Found::new(
            cals::year_interval(y, Cal::Gregorian)?,
            Precision::Year,
            next,
        )
    };
    f.cal = Some(Cal::Gregorian);
    Some(f)
}
