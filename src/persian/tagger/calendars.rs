//! The three calendars a Persian text counts in — Gregorian, Solar Hijri and lunar Hijri —
//! and the intervals of their days, months, seasons and years as Gregorian [`Day`]s.
//! Conversions go through icu_calendar (Persian and tabular civil Hijri), never
//! hand-written arithmetic.

use icu_calendar::Date;
use icu_calendar::cal::Hijri;
use icu_calendar::cal::hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears};

use crate::model::Day;

/// A calendar a date can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cal {
    Gregorian,
    /// Solar Hijri (هجری شمسی, خورشیدی): the Iranian civil calendar.
    Solar,
    /// Lunar Hijri (هجری قمری), read with the tabular civil rules (within a day or two of
    /// the sighted calendar).
    Lunar,
}

impl Cal {
    /// Lower-case English name, for notes.
    pub fn name(self) -> &'static str {
        match self {
            Cal::Gregorian => "gregorian",
            Cal::Solar => "solar",
            Cal::Lunar => "lunar",
        }
    }
}

/// The calendar a 4-digit year belongs to when nothing else says: 1700–2100 Gregorian,
/// 1200–1499 Solar Hijri.
pub fn year_calendar(y: u32) -> Option<Cal> {
    match y {
        1700..=2100 => Some(Cal::Gregorian),
        1200..=1499 => Some(Cal::Solar),
        _ => None,
    }
}

fn hijri() -> Hijri<icu_calendar::cal::hijri::TabularAlgorithm> {
    Hijri::new_tabular(
        TabularAlgorithmLeapYears::TypeII,
        TabularAlgorithmEpoch::Friday,
    )
}

/// The Gregorian day of a lunar Hijri date, if it exists.
pub fn from_lunar(y: i32, m: u8, d: u8) -> Option<Day> {
    if !(1..=3000).contains(&y) {
        return None;
    }
    let date = Date::try_new_hijri_with_calendar(y, m, d, hijri()).ok()?;
    let n = date.to_rata_die().to_i64_date();
    Some(Day::from_day_number(n))
}

/// Days in a lunar Hijri month.
fn lunar_month_len(y: i32, m: u8) -> Option<u8> {
    if !(1..=3000).contains(&y) {
        return None;
    }
    Date::try_new_hijri_with_calendar(y, m, 1, hijri())
        .ok()
        .map(|d| d.days_in_month())
}

/// The lunar Hijri (year, month, day) of a day.
pub fn to_lunar(d: Day) -> Option<(i32, u8, u8)> {
    let iso = Date::try_new_iso(d.year, d.month, d.day).ok()?;
    let h = iso.to_calendar(hijri());
    Some((
        h.year().extended_year(),
        h.month().ordinal,
        h.day_of_month().0,
    ))
}

/// The year of `d` in `cal`.
pub fn year_of(d: Day, cal: Cal) -> i32 {
    match cal {
        Cal::Gregorian => d.year,
        Cal::Solar => d.to_solar_hijri().0,
        Cal::Lunar => to_lunar(d).map_or(d.year, |(y, _, _)| y),
    }
}

/// The (year, month) of `d` in `cal`.
pub fn month_of(d: Day, cal: Cal) -> (i32, u8) {
    match cal {
        Cal::Gregorian => (d.year, d.month),
        Cal::Solar => {
            let (y, m, _) = d.to_solar_hijri();
            (y, m)
        }
        Cal::Lunar => to_lunar(d).map_or((d.year, d.month), |(y, m, _)| (y, m)),
    }
}

/// One day of `cal`.
pub fn day(y: i32, m: u8, d: u8, cal: Cal) -> Option<Day> {
    match cal {
        Cal::Gregorian => Day::new(y, m, d).ok(),
        Cal::Solar => Day::from_solar_hijri(y, m, d).ok(),
        Cal::Lunar => {
            if d > lunar_month_len(y, m)? {
                return None;
            }
            from_lunar(y, m, d)
        }
    }
}

/// A whole month of `cal` (`m` 1..=12).
pub fn month_interval(y: i32, m: u8, cal: Cal) -> Option<(Day, Day)> {
    let len = match cal {
        Cal::Gregorian => {
            return Some((
                Day::first_of_month(y, m).ok()?,
                Day::last_of_month(y, m).ok()?,
            ));
        }
        Cal::Solar => Day::solar_hijri_month_len(y, m)?,
        Cal::Lunar => lunar_month_len(y, m)?,
    };
    let start = day(y, m, 1, cal)?;
    Some((start, start.add_days(i64::from(len) - 1)))
}

/// A whole year of `cal`.
pub fn year_interval(y: i32, cal: Cal) -> Option<(Day, Day)> {
    let (start, _) = month_interval(y, 1, cal)?;
    let (_, end) = month_interval(y, 12, cal)?;
    Some((start, end))
}

/// Years `first..=last` of `cal`.
pub fn years_interval(first: i32, last: i32, cal: Cal) -> Option<(Day, Day)> {
    let (start, _) = year_interval(first, cal)?;
    let (_, end) = year_interval(last, cal)?;
    Some((start, end))
}

/// The month `n` months after (or before, negative) the month of `d` in `cal`.
pub fn month_shift(d: Day, n: i64, cal: Cal) -> Option<(Day, Day)> {
    let (y, m) = month_of(d, cal);
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = u8::try_from(total.rem_euclid(12) + 1).ok()?;
    month_interval(y, m, cal)
}

/// A season (0 spring … 3 winter) of year `y`: in Solar Hijri three whole months
/// (exact); in Gregorian the astronomical season, approximately (winter runs into `y + 1`).
pub fn season_interval(y: i32, s: u8, cal: Cal) -> Option<(Day, Day)> {
    match cal {
        Cal::Solar => {
            let (start, _) = month_interval(y, 1 + s * 3, cal)?;
            let (_, end) = month_interval(y, 3 + s * 3, cal)?;
            Some((start, end))
        }
        Cal::Gregorian => Some(match s {
            0 => (Day::new(y, 3, 20).ok()?, Day::new(y, 6, 20).ok()?),
            1 => (Day::new(y, 6, 21).ok()?, Day::new(y, 9, 22).ok()?),
            2 => (Day::new(y, 9, 23).ok()?, Day::new(y, 12, 21).ok()?),
            _ => (Day::new(y, 12, 22).ok()?, Day::new(y + 1, 3, 19).ok()?),
        }),
        Cal::Lunar => None,
    }
}

/// Day of the week of `d`, 0 = Saturday (the first day of the Persian week) … 6 = Friday.
pub fn weekday(d: Day) -> u8 {
    // Rata Die 1 (0001-01-01) was a Monday: Monday is 2 counting from Saturday.
    u8::try_from((d.day_number() + 1).rem_euclid(7)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        let d = |s: &str| s.parse::<Day>().unwrap_or_else(|e| panic!("{s}: {e}"));
        // 2025-09-06 was a Saturday, 2003-01-13 a Monday.
        for (day, wd) in [("2025-09-06", 0), ("2003-01-13", 2), ("2025-09-05", 6)] {
            assert_eq!(weekday(d(day)), wd, "weekday of {day}");
        }
        // 1 Ramadan 1446 ≈ 1 March 2025 (±1 day between reckonings).
        let r = from_lunar(1446, 9, 1).unwrap_or_else(|| panic!("1446/9/1"));
        assert!(
            (r.day_number() - d("2025-03-01").day_number()).abs() <= 2,
            "{r}"
        );
        assert_eq!(to_lunar(r).map(|(y, m, _)| (y, m)), Some((1446, 9)));
        // Lunar year 300 began in 912 CE.
        let (s, e) = year_interval(300, Cal::Lunar).unwrap_or_else(|| panic!("300 AH"));
        assert_eq!((s.year, e.year), (912, 913), "300 AH");
        let (s, e) = season_interval(1384, 3, Cal::Solar).unwrap_or_else(|| panic!("winter"));
        assert_eq!(
            (s.to_string(), e.to_string()),
            ("2005-12-22".into(), "2006-03-20".into())
        );
        assert_eq!(
            month_shift(d("2005-06-29"), -1, Cal::Solar).map(|m| m.0.to_string()),
            Some("2005-05-22".into())
        );
    }
}
