//! Date wording for display: month names of both calendars, days and intervals in Persian
//! or English. Calendar conversion is `model::Day`'s (icu_calendar).

use crate::model::{Day, FuzzyDate, Precision};

use super::digits::num_fa;

/// Persian names of the Gregorian months, January first.
pub const GREGORIAN_MONTHS_FA: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// English names of the Gregorian months.
pub const GREGORIAN_MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Names of the Solar Hijri months, Farvardin first.
pub const SOLAR_MONTHS_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Latin transliterations of the Solar Hijri months.
pub const SOLAR_MONTHS_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];

/// Which calendar to write a date in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calendar {
    Gregorian,
    SolarHijri,
}

fn month_name(cal: Calendar, month: u8, fa: bool) -> &'static str {
    let i = usize::from(month.clamp(1, 12) - 1);
    match (cal, fa) {
        (Calendar::Gregorian, true) => GREGORIAN_MONTHS_FA[i],
        (Calendar::Gregorian, false) => GREGORIAN_MONTHS_EN[i],
        (Calendar::SolarHijri, true) => SOLAR_MONTHS_FA[i],
        (Calendar::SolarHijri, false) => SOLAR_MONTHS_EN[i],
    }
}

/// A year, in Persian digits when `fa`; negative years as BCE / «پیش از میلاد».
pub fn year_text(year: i32, fa: bool) -> String {
    match (year <= 0, fa) {
        (false, true) => num_fa(year),
        (false, false) => year.to_string(),
        (true, true) => format!("{} پ.م.", num_fa(1 - year)),
        (true, false) => format!("{} BCE", 1 - year),
    }
}

/// (year, month, day) of `d` in `cal`.
pub fn ymd(d: Day, cal: Calendar) -> (i32, u8, u8) {
    match cal {
        Calendar::Gregorian => (d.year, d.month, d.day),
        Calendar::SolarHijri => d.to_solar_hijri(),
    }
}

/// One day: «۲۷ سپتامبر ۲۰۲۰», «۶ مهر ۱۳۹۹», "27 September 2020".
pub fn day_text(d: Day, cal: Calendar, fa: bool) -> String {
    let (y, m, dd) = ymd(d, cal);
    let day = if fa { num_fa(dd) } else { dd.to_string() };
    format!("{day} {} {}", month_name(cal, m, fa), year_text(y, fa))
}

/// A month: «آذر ۱۴۰۲», "December 2023".
pub fn month_text(year: i32, month: u8, cal: Calendar, fa: bool) -> String {
    format!("{} {}", month_name(cal, month, fa), year_text(year, fa))
}

/// Short month name only (axis ticks).
pub fn month_only(month: u8, cal: Calendar, fa: bool) -> &'static str {
    month_name(cal, month, fa)
}

/// An interval in `cal`, as precise as the date's precision allows: a day, a month,
/// a span of months, a year or a span of years.
pub fn interval_text(date: &FuzzyDate, cal: Calendar, fa: bool) -> String {
    let (sy, sm, _) = ymd(date.start, cal);
    let (ey, em, _) = ymd(date.end, cal);
    let dash = " – ";
    let text = match date.precision {
        Precision::Day if date.start == date.end => day_text(date.start, cal, fa),
        _ if date.start == date.end => day_text(date.start, cal, fa),
        Precision::Month if cal == Calendar::Gregorian => month_text(sy, sm, cal, fa),
        Precision::Year | Precision::Decade if cal == Calendar::Gregorian => {
            if sy == ey {
                year_text(sy, fa)
            } else {
                format!("{}{dash}{}", year_text(sy, fa), year_text(ey, fa))
            }
        }
        Precision::Day => format!(
            "{}{dash}{}",
            day_text(date.start, cal, fa),
            day_text(date.end, cal, fa)
        ),
        _ => {
            if sy == ey && sm == em {
                month_text(sy, sm, cal, fa)
            } else if sy == ey {
                format!(
                    "{}{dash}{} {}",
                    month_name(cal, sm, fa),
                    month_name(cal, em, fa),
                    year_text(sy, fa)
                )
            } else {
                format!(
                    "{}{dash}{}",
                    month_text(sy, sm, cal, fa),
                    month_text(ey, em, cal, fa)
                )
            }
        }
    };
    if date.approximate {
        if fa {
            format!("حدود {text}")
        } else {
            format!("about {text}")
        }
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn intervals_in_both_calendars() {
        let dec = FuzzyDate::month(2023, 12, "دسامبر ۲۰۲۳").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            interval_text(&dec, Calendar::Gregorian, true),
            "دسامبر ۲۰۲۳"
        );
        assert_eq!(
            interval_text(&dec, Calendar::SolarHijri, true),
            "آذر – دی ۱۴۰۲"
        );
        assert_eq!(
            interval_text(&dec, Calendar::Gregorian, false),
            "December 2023"
        );
        let war = FuzzyDate::new(day("2020-09-27"), day("2020-11-10"), Precision::Range, "");
        assert_eq!(
            interval_text(&war, Calendar::SolarHijri, true),
            "مهر – آبان ۱۳۹۹"
        );
        let y = FuzzyDate::year(2019, "۲۰۱۹").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(interval_text(&y, Calendar::Gregorian, true), "۲۰۱۹");
        assert_eq!(
            interval_text(&y, Calendar::SolarHijri, true),
            "دی ۱۳۹۷ – دی ۱۳۹۸"
        );
        assert_eq!(
            day_text(day("2020-09-27"), Calendar::SolarHijri, true),
            "۶ مهر ۱۳۹۹"
        );
        assert_eq!(year_text(-499, false), "500 BCE");
    }
}
