//! Axis ticks that adapt from millennia to years, months and days as the window zooms,
//! at real month and year boundaries of the Gregorian or the Solar Hijri calendar
//! (`Day::from_solar_hijri` / `solar_hijri_month_len`, i.e. icu_calendar). Pure: no egui.

use super::Lang;
use crate::model::{Day, MAX_YEAR, MIN_YEAR};
use crate::persian::dates::{Calendar, month_only, year_text};
use crate::persian::digits::num_fa;

/// One tick of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Day number (f64, `Day::day_number`) where the tick stands: the start of its day.
    pub day: f64,
    /// Its label; empty for unlabelled sub-ticks.
    pub label: String,
    /// Whether it opens a larger unit (a month among days, a year among months, …).
    pub major: bool,
}

/// The spacing of labelled ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Every `n` days of the month (1, 1+n, 1+2n, …).
    Days(u8),
    /// Every `n` months of the year, starting at the first month.
    Months(u8),
    /// Every `n` years.
    Years(i32),
}

impl Step {
    /// Approximate length in days.
    fn days(self) -> f64 {
        match self {
            Step::Days(n) => f64::from(n),
            Step::Months(n) => f64::from(n) * 30.44,
            Step::Years(n) => f64::from(n) * 365.2425,
        }
    }

    /// Least room a label of this step needs, points.
    fn min_points(self, lang: Lang) -> f64 {
        let en = if lang == Lang::En { 1.25 } else { 1.0 };
        match self {
            Step::Days(_) => 62.0 * en,
            Step::Months(_) => 70.0 * en,
            Step::Years(n) if n >= 100 => 64.0,
            Step::Years(_) => 46.0,
        }
    }
}

const STEPS: [Step; 22] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(5),
    Step::Days(10),
    Step::Days(15),
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(500),
    Step::Years(1000),
    Step::Years(2000),
    Step::Years(5000),
    Step::Years(10000),
    Step::Years(20000),
];

/// Sub-ticks (unlabelled) closer than this many points are not drawn.
const MIN_SUBTICK_POINTS: f64 = 7.0;
/// Never return more ticks than this (a guard against absurd input).
const MAX_TICKS: usize = 2000;

/// The ticks of `range` (day numbers, `start < end`) drawn `width_px` points wide in
/// `calendar`, labelled in `lang` (Persian digits and month names in Persian). Labelled
/// ticks are spaced so labels fit; finer unlabelled sub-ticks are added when they are at
/// least a few points apart. When no major tick falls in the range, the first labelled tick
/// carries the context (month and year), so a window inside one month still says which.
/// Ticks come sorted by day.
pub fn ticks(range: (f64, f64), width_px: f32, calendar: Calendar, lang: Lang) -> Vec<Tick> {
    let (start, end) = range;
    if !start.is_finite()
        || !end.is_finite()
        || end <= start
        || !width_px.is_finite()
        || width_px <= 0.0
    {
        return Vec::new();
    }
    let days_per_point = (end - start) / f64::from(width_px);
    let Some(i) = STEPS
        .iter()
        .position(|s| s.days() / days_per_point >= s.min_points(lang))
    else {
        return Vec::new();
    };
    let step = STEPS[i];
    let mut out = step_ticks(step, range, calendar, lang, true);
    if !out.iter().any(|t| t.major)
        && let Some(first) = out.first_mut()
    {
        first.label = context_label(first.day, step, calendar, lang);
    }
    if i > 0 {
        let sub = STEPS[i - 1];
        if sub.days() / days_per_point >= MIN_SUBTICK_POINTS {
            let mut subs = step_ticks(sub, range, calendar, lang, false);
            subs.retain(|s| !out.iter().any(|t| (t.day - s.day).abs() < 0.5));
            out.extend(subs);
            out.sort_by(|a, b| a.day.total_cmp(&b.day));
        }
    }
    out.truncate(MAX_TICKS);
    out
}

fn fa(lang: Lang) -> bool {
    lang == Lang::Fa
}

fn number(n: impl std::fmt::Display, lang: Lang) -> String {
    if fa(lang) { num_fa(n) } else { n.to_string() }
}

/// A year label. Solar Hijri years before the first are written as "before the Hijra".
fn year_label(year: i32, calendar: Calendar, lang: Lang) -> String {
    match calendar {
        Calendar::Gregorian => year_text(year, fa(lang)),
        Calendar::SolarHijri if year > 0 => number(year, lang),
        Calendar::SolarHijri => {
            if fa(lang) {
                format!("{} پ.ه.", num_fa(1 - year))
            } else {
                format!("{} BH", 1 - year)
            }
        }
    }
}

/// (year, month, day) of `day` (a day number) in `calendar`.
fn ymd(day: f64, calendar: Calendar) -> (i32, u8, u8) {
    let d = Day::from_day_number(day.floor() as i64);
    match calendar {
        Calendar::Gregorian => (d.year, d.month, d.day),
        Calendar::SolarHijri => d.to_solar_hijri(),
    }
}

/// Day number of `calendar`'s (year, month, day), if it exists in the supported years.
fn day_number(year: i32, month: u8, day: u8, calendar: Calendar) -> Option<f64> {
    let d = match calendar {
        Calendar::Gregorian => Day::new(year, month, day).ok()?,
        Calendar::SolarHijri => Day::from_solar_hijri(year, month, day).ok()?,
    };
    Some(d.day_number() as f64)
}

fn month_len(year: i32, month: u8, calendar: Calendar) -> Option<u8> {
    match calendar {
        Calendar::Gregorian => Day::last_of_month(year, month).ok().map(|d| d.day),
        Calendar::SolarHijri => Day::solar_hijri_month_len(year, month),
    }
}

/// The full label of the first tick when no major tick is visible.
fn context_label(day: f64, step: Step, calendar: Calendar, lang: Lang) -> String {
    let (y, m, d) = ymd(day, calendar);
    let month = month_only(m, calendar, fa(lang));
    match step {
        Step::Days(_) => format!(
            "{} {month} {}",
            number(d, lang),
            year_label(y, calendar, lang)
        ),
        Step::Months(_) => format!("{month} {}", year_label(y, calendar, lang)),
        Step::Years(_) => year_label(y, calendar, lang),
    }
}

/// The (year, month) of the month after `(y, m)`.
fn next_month(y: i32, m: u8) -> (i32, u8) {
    if m >= 12 { (y + 1, 1) } else { (y, m + 1) }
}

/// Ticks of one step inside `range`; labelled when `labels`.
fn step_ticks(
    step: Step,
    (start, end): (f64, f64),
    calendar: Calendar,
    lang: Lang,
    labels: bool,
) -> Vec<Tick> {
    let mut out = Vec::new();
    let mut push = |day: f64, label: String, major: bool| {
        if day >= start && day <= end && out.len() < MAX_TICKS {
            out.push(Tick {
                day,
                label: if labels { label } else { String::new() },
                major: major && labels,
            });
        }
    };
    let (y0, m0, _) = ymd(start, calendar);
    let (y1, m1, _) = ymd(end, calendar);
    match step {
        Step::Days(n) => {
            let (mut y, mut m) = (y0, m0);
            while (y, m) <= (y1, m1) {
                if let Some(len) = month_len(y, m, calendar) {
                    let mut d = 1u8;
                    while d <= len {
                        // Skip a day too close to the next month's first.
                        let left = i32::from(len) - i32::from(d) + 1;
                        if (d == 1 || 2 * left > i32::from(n))
                            && let Some(day) = day_number(y, m, d, calendar)
                        {
                            let month = month_only(m, calendar, fa(lang));
                            if d == 1 {
                                push(
                                    day,
                                    format!("{month} {}", year_label(y, calendar, lang)),
                                    true,
                                );
                            } else {
                                push(day, format!("{} {month}", number(d, lang)), false);
                            }
                        }
                        d = d.saturating_add(n.max(1));
                    }
                }
                (y, m) = next_month(y, m);
            }
        }
        Step::Months(n) => {
            let (mut y, mut m) = (y0, m0);
            while (y, m) <= (y1, m1) {
                if (m - 1) % n.max(1) == 0
                    && let Some(day) = day_number(y, m, 1, calendar)
                {
                    if m == 1 {
                        push(
                            day,
                            format!(
                                "{} {}",
                                month_only(m, calendar, fa(lang)),
                                year_label(y, calendar, lang)
                            ),
                            true,
                        );
                    } else {
                        push(day, month_only(m, calendar, fa(lang)).to_owned(), false);
                    }
                }
                (y, m) = next_month(y, m);
            }
        }
        Step::Years(n) => {
            let major_every = match n {
                1 | 2 => 10,
                5 => 50,
                10 | 20 => 100,
                50 => 500,
                100 | 200 => 1000,
                _ => n.saturating_mul(5),
            };
            // Years before the era's first are counted backwards (year 0 is 1 BCE), so
            // ticks there stand at round BCE numbers: y = 1 - k·n.
            let round = |y: i32, k: i32| if y > 0 { y % k == 0 } else { (1 - y) % k == 0 };
            let first = y0.max(MIN_YEAR - 700);
            let last = y1.min(MAX_YEAR + 700);
            let n = n.max(1);
            let mut years: Vec<i32> = Vec::new();
            if first <= 0 {
                let k_hi = (1 - first) / n;
                let k_lo = (1 - last.min(0) + n - 1) / n;
                years.extend((k_lo..=k_hi).rev().map(|k| 1 - k * n));
            }
            if last >= 1 {
                let k_lo = (first.max(1) + n - 1) / n;
                let k_hi = last / n;
                years.extend((k_lo..=k_hi).map(|k| k * n));
            }
            for y in years.into_iter().take(MAX_TICKS) {
                if let Some(day) = day_number(y, 1, 1, calendar) {
                    push(day, year_label(y, calendar, lang), round(y, major_every));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dn(y: i32, m: u8, d: u8) -> f64 {
        Day::new(y, m, d)
            .unwrap_or_else(|e| panic!("{e}"))
            .day_number() as f64
    }

    fn labels(t: &[Tick]) -> Vec<&str> {
        t.iter()
            .filter(|t| !t.label.is_empty())
            .map(|t| t.label.as_str())
            .collect()
    }

    #[test]
    fn karabakh_war_in_solar_hijri_names_mehr_and_aban_1399() {
        let range = (dn(2020, 9, 27), dn(2020, 11, 10) + 1.0);
        for width in [500.0, 800.0, 1200.0] {
            let t = ticks(range, width, Calendar::SolarHijri, Lang::Fa);
            let l = labels(&t);
            assert!(l.iter().any(|s| s.contains("مهر")), "width {width}: {l:?}");
            assert!(l.contains(&"آبان ۱۳۹۹"), "width {width}: {l:?}");
            // 1 Aban 1399 = 22 October 2020, a major tick.
            let aban = t
                .iter()
                .find(|t| t.label == "آبان ۱۳۹۹")
                .map(|t| (t.day, t.major));
            assert_eq!(aban, Some((dn(2020, 10, 22), true)), "width {width}");
        }
        let en = ticks(range, 800.0, Calendar::SolarHijri, Lang::En);
        assert!(labels(&en).contains(&"Aban 1399"), "{:?}", labels(&en));
        let greg = ticks(range, 800.0, Calendar::Gregorian, Lang::Fa);
        assert!(labels(&greg).contains(&"اکتبر ۲۰۲۰"), "{:?}", labels(&greg));
    }

    #[test]
    fn adapts_from_millennia_to_days() {
        let y2020 = dn(2020, 1, 1);
        for (span_days, width, want) in [
            (3_652_425.0, 1000.0, "years"),
            (40_000.0, 1000.0, "years"),
            (3000.0, 1000.0, "years"),
            (700.0, 1000.0, "months"),
            (90.0, 1000.0, "days"),
            (3.0, 1000.0, "days"),
        ] {
            for cal in [Calendar::Gregorian, Calendar::SolarHijri] {
                let t = ticks((y2020, y2020 + span_days), width, cal, Lang::Fa);
                let l = labels(&t);
                assert!(l.len() >= 2, "{span_days} days, {cal:?}: {l:?}");
                let kind = if l.iter().all(|s| {
                    s.chars()
                        .all(|c| c.is_numeric() || c == ' ' || c == '.' || c == 'پ')
                }) {
                    "years"
                } else if l
                    .iter()
                    .any(|s| s.chars().next().is_some_and(char::is_numeric) && s.contains(' '))
                {
                    "days"
                } else {
                    "months"
                };
                assert_eq!(kind, want, "{span_days} days, {cal:?}: {l:?}");
                // Labels fit: labelled ticks are at least ~45 points apart.
                let xs: Vec<f64> = t
                    .iter()
                    .filter(|t| !t.label.is_empty())
                    .map(|t| (t.day - y2020) / span_days * f64::from(width))
                    .collect();
                for w in xs.windows(2) {
                    assert!(
                        w[1] - w[0] > 25.0,
                        "{span_days} days, {cal:?}: ticks {w:?} too close"
                    );
                }
                assert!(
                    t.windows(2).all(|w| w[0].day < w[1].day),
                    "sorted, no duplicates: {span_days} {cal:?}"
                );
            }
        }
    }

    #[test]
    fn solar_hijri_leap_year_and_month_starts() {
        // Esfand 1403 has 30 days (leap); 1 Farvardin 1404 = 21 March 2025.
        let t = ticks(
            (dn(2025, 2, 15), dn(2025, 4, 15)),
            1200.0,
            Calendar::SolarHijri,
            Lang::Fa,
        );
        let far = t.iter().find(|t| t.label == "فروردین ۱۴۰۴").map(|t| t.day);
        assert_eq!(far, Some(dn(2025, 3, 21)), "{:?}", labels(&t));
        let esf = t.iter().find(|t| t.label == "اسفند ۱۴۰۳").map(|t| t.day);
        assert_eq!(esf, Some(dn(2025, 2, 19)), "{:?}", labels(&t));
    }

    #[test]
    fn three_thousand_years_and_bad_input() {
        let range = (dn(-1000, 1, 1), dn(2024, 12, 31));
        for cal in [Calendar::Gregorian, Calendar::SolarHijri] {
            for lang in [Lang::Fa, Lang::En] {
                let t = ticks(range, 900.0, cal, lang);
                assert!(
                    labels(&t).len() >= 3 && labels(&t).len() < 40,
                    "{cal:?} {lang:?}: {:?}",
                    labels(&t)
                );
            }
        }
        let g = ticks(range, 900.0, Calendar::Gregorian, Lang::En);
        assert!(
            labels(&g).iter().any(|s| s.ends_with("BCE")),
            "{:?}",
            labels(&g)
        );
        assert!(labels(&g).contains(&"1000"), "{:?}", labels(&g));
        for bad in [
            (f64::NAN, 1.0),
            (5.0, 5.0),
            (10.0, 1.0),
            (0.0, f64::INFINITY),
        ] {
            assert!(
                ticks(bad, 800.0, Calendar::Gregorian, Lang::Fa).is_empty(),
                "{bad:?}"
            );
        }
        assert!(ticks((0.0, 10.0), 0.0, Calendar::Gregorian, Lang::Fa).is_empty());
        assert!(ticks((0.0, 10.0), f32::NAN, Calendar::Gregorian, Lang::Fa).is_empty());
    }

    #[test]
    fn context_label_when_no_major_tick() {
        // 5–25 Mehr 1399: no month start inside.
        let t = ticks(
            (dn(2020, 9, 26), dn(2020, 10, 17)),
            800.0,
            Calendar::SolarHijri,
            Lang::Fa,
        );
        let first = t
            .iter()
            .find(|t| !t.label.is_empty())
            .map(|t| t.label.clone())
            .unwrap_or_default();
        assert!(first.contains("مهر ۱۳۹۹"), "{:?}", labels(&t));
    }
}
