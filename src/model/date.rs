//! Calendar days and fuzzy dates: the time values events carry.
//!
//! A [`Day`] is a proleptic Gregorian (ISO) calendar day. Conversions to day numbers and
//! to the Solar Hijri calendar go through `icu_calendar`, never hand-written arithmetic.

use std::fmt;
use std::str::FromStr;

use icu_calendar::Date;
use icu_calendar::cal::{Iso, Persian};
use icu_calendar::types::RataDie;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One day of the proleptic Gregorian calendar. Serialized as `"YYYY-MM-DD"`
/// (negative years as `"-YYYY-MM-DD"`, astronomical numbering: year 0 is 1 BCE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    /// 1..=12
    pub month: u8,
    /// 1..=days in month
    pub day: u8,
}

/// The supported range of years; outside it days are refused as invalid.
pub const MIN_YEAR: i32 = -9999;
pub const MAX_YEAR: i32 = 9999;

/// Why a day could not be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error("«{0}» is not a date of the form YYYY-MM-DD")]
    Syntax(String),
    #[error("{0} is not a valid calendar day")]
    Invalid(String),
}

impl Day {
    /// A checked Gregorian day.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DayError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DayError::Invalid(format!("{year:04}-{month:02}-{day:02}")));
        }
        Date::try_new_iso(year, month, day)
            .map_err(|_| DayError::Invalid(format!("{year:04}-{month:02}-{day:02}")))?;
        Ok(Self { year, month, day })
    }

    /// First day of a Gregorian month (`month` 1..=12).
    pub fn first_of_month(year: i32, month: u8) -> Result<Self, DayError> {
        Self::new(year, month, 1)
    }

    /// Last day of a Gregorian month (`month` 1..=12).
    pub fn last_of_month(year: i32, month: u8) -> Result<Self, DayError> {
        let first = Self::first_of_month(year, month)?;
        let len = first.iso().days_in_month();
        Self::new(year, month, len)
    }

    fn iso(self) -> Date<Iso> {
        // Invariant: a `Day` is always a valid ISO date (checked in `new` and `from_day_number`).
        Date::try_new_iso(self.year, self.month, self.day)
            .unwrap_or_else(|_| Date::from_rata_die(RataDie::new(0), Iso))
    }

    /// Days since the Rata Die epoch (0001-01-01 is day 1). Monotonic: later days are larger.
    pub fn day_number(self) -> i64 {
        self.iso().to_rata_die().to_i64_date()
    }

    /// The day with the given Rata Die number, clamped to the supported years.
    pub fn from_day_number(n: i64) -> Self {
        let min = Self {
            year: MIN_YEAR,
            month: 1,
            day: 1,
        }
        .day_number();
        let max = Self {
            year: MAX_YEAR,
            month: 12,
            day: 31,
        }
        .day_number();
        let d = Date::from_rata_die(RataDie::new(n.clamp(min, max)), Iso);
        Self {
            year: d.year().extended_year(),
            month: d.month().ordinal,
            day: d.day_of_month().0,
        }
    }

    /// This day plus `n` days (negative goes back).
    #[must_use]
    pub fn add_days(self, n: i64) -> Self {
        Self::from_day_number(self.day_number() + n)
    }

    /// This day in the Solar Hijri calendar: (year, month 1..=12, day).
    pub fn to_solar_hijri(self) -> (i32, u8, u8) {
        let p = self.iso().to_calendar(Persian::new());
        (
            p.year().extended_year(),
            p.month().ordinal,
            p.day_of_month().0,
        )
    }

    /// The Gregorian day of a Solar Hijri date, if it exists.
    pub fn from_solar_hijri(year: i32, month: u8, day: u8) -> Result<Self, DayError> {
        let p = Date::try_new_persian(year, month, day)
            .map_err(|_| DayError::Invalid(format!("{year}/{month}/{day} (SH)")))?;
        let n = p.to_rata_die().to_i64_date();
        let d = Self::from_day_number(n);
        if d.day_number() == n {
            Ok(d)
        } else {
            Err(DayError::Invalid(format!("{year}/{month}/{day} (SH)")))
        }
    }

    /// Number of days in a Solar Hijri month (`month` 1..=12).
    pub fn solar_hijri_month_len(year: i32, month: u8) -> Option<u8> {
        Date::try_new_persian(year, month, 1)
            .ok()
            .map(|d| d.days_in_month())
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}-{:02}-{:02}", -self.year, self.month, self.day)
        } else {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

impl FromStr for Day {
    type Err = DayError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || DayError::Syntax(s.to_owned());
        let (neg, rest) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
        let mut parts = rest.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(syntax());
        };
        if y.len() < 4
            || m.len() != 2
            || d.len() != 2
            || !(y.bytes().chain(m.bytes()).chain(d.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(syntax());
        }
        let y: i32 = y.parse().map_err(|_| syntax())?;
        let m: u8 = m.parse().map_err(|_| syntax())?;
        let d: u8 = d.parse().map_err(|_| syntax())?;
        Self::new(if neg { -y } else { y }, m, d)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Reads the day from the text in place (a library catalog holds 600,000 of them:
        /// no string is allocated for each).
        struct DayText;
        impl serde::de::Visitor<'_> for DayText {
            type Value = Day;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a day as YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Day, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(DayText)
    }
}

/// How precisely the text states a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Precision {
    Day,
    Month,
    Season,
    Year,
    /// «دهه ۱۹۹۰»
    Decade,
    /// «اوایل / اواسط / اواخر دهه ۲۰۰۰»
    PartOfDecade,
    /// An explicit span: «۲۰۰۰-۲۰۰۴», «نوامبر ۲۰۲۱ تا مارس ۲۰۲۲».
    Range,
}

impl Precision {
    /// Lower-case English name, as in the JSON dump.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Season => "season",
            Self::Year => "year",
            Self::Decade => "decade",
            Self::PartOfDecade => "part_of_decade",
            Self::Range => "range",
        }
    }
}

/// A date as an article states it: an inclusive interval of days, how precise the wording
/// is, whether it is approximate, and the wording itself.
///
/// Invariant: `start <= end`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuzzyDate {
    /// First day the wording can mean (inclusive).
    pub start: Day,
    /// Last day the wording can mean (inclusive).
    pub end: Day,
    pub precision: Precision,
    /// True for «حدود», «اواخر دهه», seasons and other soft edges.
    #[serde(default)]
    pub approximate: bool,
    /// The original Persian wording, as it stands in the text.
    pub wording: String,
    /// How the wording was read when that took a choice (calendar of a bare year, the
    /// year given to a day and month, the document date a relative word counts from),
    /// e.g. `"solar: document counts in Solar Hijri"`. Empty when the wording says it all.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl FuzzyDate {
    /// An interval; the ends are swapped if given in the wrong order.
    pub fn new(start: Day, end: Day, precision: Precision, wording: impl Into<String>) -> Self {
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        Self {
            start,
            end,
            precision,
            approximate: false,
            wording: wording.into(),
            note: String::new(),
        }
    }

    /// Builder: mark as approximate.
    #[must_use]
    pub fn approximate(mut self, yes: bool) -> Self {
        self.approximate = yes;
        self
    }

    /// A single day.
    pub fn day(d: Day, wording: impl Into<String>) -> Self {
        Self::new(d, d, Precision::Day, wording)
    }

    /// A whole Gregorian month.
    pub fn month(year: i32, month: u8, wording: impl Into<String>) -> Result<Self, DayError> {
        Ok(Self::new(
            Day::first_of_month(year, month)?,
            Day::last_of_month(year, month)?,
            Precision::Month,
            wording,
        ))
    }

    /// A whole Gregorian year.
    pub fn year(year: i32, wording: impl Into<String>) -> Result<Self, DayError> {
        Ok(Self::new(
            Day::new(year, 1, 1)?,
            Day::new(year, 12, 31)?,
            Precision::Year,
            wording,
        ))
    }

    /// Whether `start <= end` holds.
    pub fn is_well_formed(&self) -> bool {
        self.start <= self.end
    }

    /// Length in days, at least 1.
    pub fn len_days(&self) -> i64 {
        self.end.day_number() - self.start.day_number() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_round_trips_through_string_and_number() {
        for s in [
            "2023-12-01",
            "2024-02-29",
            "0001-01-01",
            "-0500-03-15",
            "1918-05-28",
        ] {
            let d: Day = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(d.to_string(), s, "{s}");
            assert_eq!(Day::from_day_number(d.day_number()), d, "{s}");
        }
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-1-01",
            "abc",
            "",
            "2023-01-01-01",
            "+2023-01-01",
        ] {
            assert!(bad.parse::<Day>().is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn solar_hijri_conversion() {
        // 27 September 2020 (start of the 44-day war) = 6 Mehr 1399.
        let d = Day::new(2020, 9, 27).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.to_solar_hijri(), (1399, 7, 6));
        assert_eq!(Day::from_solar_hijri(1399, 7, 6), Ok(d));
        // Nowruz 1403 = 20 March 2024.
        assert_eq!(
            Day::from_solar_hijri(1403, 1, 1).map(|d| d.to_string()),
            Ok("2024-03-20".to_owned())
        );
        assert_eq!(
            Day::solar_hijri_month_len(1403, 12),
            Some(30),
            "1403 is a leap year"
        );
        assert_eq!(Day::solar_hijri_month_len(1402, 12), Some(29));
    }

    #[test]
    fn month_and_year_intervals() {
        let m = FuzzyDate::month(2024, 2, "فوریه ۲۰۲۴").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (m.start.to_string(), m.end.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(m.len_days(), 29);
        let y = FuzzyDate::year(2019, "۲۰۱۹").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(y.len_days(), 365);
    }
}
