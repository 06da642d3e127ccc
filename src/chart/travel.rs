//! Getting around the time axis: where a typed year or decade is («۱۳۵۷», «1979», «دهه
//! ۱۳۶۰», «1990s»), the decade, year or month around a day, and the fitted window that
//! gives the width to where the events are.

use crate::model::Day;
use crate::persian::dates::Calendar;
use crate::persian::digits::to_ascii;

/// A span of the calendar around a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Decade,
    Year,
    Month,
}

/// Years below this are read as Solar Hijri (as `import --date` does).
const SOLAR_HIJRI_BELOW: i32 = 1700;

fn first_of(year: i32, month: u8, calendar: Calendar) -> Option<f64> {
    let d = match calendar {
        Calendar::Gregorian => Day::new(year, month, 1).ok()?,
        Calendar::SolarHijri => Day::from_solar_hijri(year, month, 1).ok()?,
    };
    Some(d.day_number() as f64)
}

/// Day numbers (start, exclusive end) of years `from..to` (exclusive) of `calendar`.
fn years(from: i32, to: i32, calendar: Calendar) -> Option<(f64, f64)> {
    Some((first_of(from, 1, calendar)?, first_of(to, 1, calendar)?))
}

/// Where a typed year or decade is, as day numbers (start, exclusive end). Digits may be
/// Persian, Arabic-Indic or Latin; a year below 1700 is Solar Hijri, else Gregorian. A
/// decade is «دهه ۱۳۶۰», «دهه ۶۰» (the 1360s), «1990s» or «دهه ۱۹۹۰»; a year with a
/// month, «1979/2» or «۱۳۵۷/۱۱», is that month. `None` when the text is none of these.
pub fn parse_target(text: &str) -> Option<(f64, f64)> {
    let t = to_ascii(text.trim()).to_lowercase();
    let (decade, rest) = if let Some(r) = t.strip_prefix("دهه") {
        (true, r.trim().to_owned())
    } else if let Some(r) = t.strip_suffix("'s").or_else(|| t.strip_suffix('s')) {
        (true, r.trim().to_owned())
    } else {
        (false, t)
    };
    let (year_text, month_text) = match rest.split_once(['/', '-']) {
        Some((y, m)) if !decade => (y.trim().to_owned(), Some(m.trim().to_owned())),
        _ => (rest, None),
    };
    if year_text.is_empty() || !year_text.bytes().all(|b| b.is_ascii_digit()) || year_text.len() > 4
    {
        return None;
    }
    let mut year: i32 = year_text.parse().ok()?;
    if decade && year_text.len() == 2 {
        // «دهه ۶۰»: the sixties of the Solar Hijri century people mean by it.
        year += 1300;
    }
    let calendar = if year < SOLAR_HIJRI_BELOW {
        Calendar::SolarHijri
    } else {
        Calendar::Gregorian
    };
    if decade {
        if year % 10 != 0 {
            return None;
        }
        return years(year, year + 10, calendar);
    }
    match month_text {
        Some(m) => {
            let month: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            let (ny, nm) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            Some((
                first_of(year, month, calendar)?,
                first_of(ny, nm, calendar)?,
            ))
        }
        None => years(year, year + 1, calendar),
    }
}

/// The decade, year or month of `calendar` that holds `day` (a day number), as day
/// numbers (start, exclusive end).
pub fn span_around(day: f64, span: Span, calendar: Calendar) -> Option<(f64, f64)> {
    if !day.is_finite() {
        return None;
    }
    let d = Day::from_day_number(day.floor() as i64);
    let (y, m, _) = match calendar {
        Calendar::Gregorian => (d.year, d.month, d.day),
        Calendar::SolarHijri => d.to_solar_hijri(),
    };
    match span {
        Span::Decade => {
            let y0 = y.div_euclid(10) * 10;
            years(y0, y0 + 10, calendar)
        }
        Span::Year => years(y, y + 1, calendar),
        Span::Month => {
            let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
            Some((first_of(y, m, calendar)?, first_of(ny, nm, calendar)?))
        }
    }
}

/// Room a fitted window leaves on each side for labels, points.
const FIT_PAD_POINTS: f64 = 48.0;
/// Smallest window a fit makes, in days.
const FIT_MIN_DAYS: f64 = 10.0;

/// The window that shows the days `span` (start, exclusive end) on a chart `width`
/// points wide, with room for labels at the sides: the one fit of the widget and the
/// image export.
pub fn fit_window((lo, hi): (f64, f64), width: f64) -> (f64, f64) {
    let width = if width.is_finite() {
        width.max(1.0)
    } else {
        800.0
    };
    let mid = (lo + hi) * 0.5;
    let len = (hi - lo).max(FIT_MIN_DAYS);
    let frac = (FIT_PAD_POINTS / width).min(0.3);
    let total = len / (1.0 - 2.0 * frac);
    super::transform::clamp_range((mid - total * 0.5, mid + total * 0.5), width)
}

/// Share of the events a focused fit keeps in view.
pub const FOCUS_SHARE: f64 = 0.9;

/// The shortest stretch of time holding [`FOCUS_SHARE`] of the events whose middle days
/// are `mids` (sorted), or `None` when that is most of their whole span anyway (then the
/// whole span is the better fit). This is how fit-all gives the width to where events
/// are: the axis stays linear (ticks, panning, zooming and hit-testing stay exact and the
/// reader can trust distances), and the few events left outside are counted at the chart's
/// edges, where a click brings them in.
pub fn dense_span(mids: &[f64]) -> Option<(f64, f64)> {
    let n = mids.len();
    if n < 10 {
        return None;
    }
    let k = ((n as f64) * FOCUS_SHARE).ceil() as usize;
    let k = k.clamp(1, n);
    let (mut best, mut at) = (f64::INFINITY, 0);
    for i in 0..=n - k {
        let w = mids[i + k - 1] - mids[i];
        if w < best {
            best = w;
            at = i;
        }
    }
    let whole = mids[n - 1] - mids[0];
    if !(best.is_finite() && whole > 0.0) || best > whole * 0.6 {
        return None;
    }
    Some((mids[at], mids[at + k - 1] + 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dn(y: i32, m: u8, d: u8) -> f64 {
        Day::new(y, m, d).map_or(f64::NAN, |d| d.day_number() as f64)
    }

    #[test]
    fn typed_years_and_decades_in_both_scripts_and_calendars() {
        for (text, want) in [
            ("1979", Some((dn(1979, 1, 1), dn(1980, 1, 1)))),
            ("۱۹۷۹", Some((dn(1979, 1, 1), dn(1980, 1, 1)))),
            // 1 Farvardin 1357 = 21 March 1978.
            ("۱۳۵۷", Some((dn(1978, 3, 21), dn(1979, 3, 21)))),
            ("1990s", Some((dn(1990, 1, 1), dn(2000, 1, 1)))),
            ("دهه ۱۹۹۰", Some((dn(1990, 1, 1), dn(2000, 1, 1)))),
            ("دهه ۱۳۶۰", Some((dn(1981, 3, 21), dn(1991, 3, 21)))),
            ("دهه ۶۰", Some((dn(1981, 3, 21), dn(1991, 3, 21)))),
            ("2020/10", Some((dn(2020, 10, 1), dn(2020, 11, 1)))),
            ("", None),
            ("abc", None),
            ("1995s", None),
            ("2020/13", None),
            ("99999", None),
        ] {
            assert_eq!(parse_target(text), want, "«{text}»");
        }
    }

    #[test]
    fn spans_around_a_day() {
        let d = dn(2020, 10, 5);
        assert_eq!(
            span_around(d, Span::Year, Calendar::Gregorian),
            Some((dn(2020, 1, 1), dn(2021, 1, 1)))
        );
        assert_eq!(
            span_around(d, Span::Decade, Calendar::Gregorian),
            Some((dn(2020, 1, 1), dn(2030, 1, 1)))
        );
        assert_eq!(
            span_around(d, Span::Month, Calendar::Gregorian),
            Some((dn(2020, 10, 1), dn(2020, 11, 1)))
        );
        // Mehr 1399: 22 September – 21 October 2020.
        assert_eq!(
            span_around(d, Span::Month, Calendar::SolarHijri),
            Some((dn(2020, 9, 22), dn(2020, 10, 22)))
        );
        assert_eq!(span_around(f64::NAN, Span::Year, Calendar::Gregorian), None);
    }

    #[test]
    fn dense_span_skips_sparse_outliers() {
        let mut mids: Vec<f64> = (0..90)
            .map(|i| dn(2010, 1, 1) + f64::from(i) * 50.0)
            .collect();
        mids.extend((0..10).map(|i| dn(1920, 1, 1) + f64::from(i) * 2000.0));
        mids.sort_by(f64::total_cmp);
        let (a, b) = dense_span(&mids).unwrap_or((0.0, 0.0));
        assert!(a >= dn(2009, 1, 1) && b <= dn(2023, 1, 1), "{a}..{b}");
        let even: Vec<f64> = (0..100).map(f64::from).collect();
        assert_eq!(dense_span(&even), None, "evenly spread: the whole span");
    }
}
