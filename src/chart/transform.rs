//! The one place that converts time to pixels: a small per-frame [`Transform`] between
//! day numbers (f64, `Day::day_number`, a day `d` covering `[d, d + 1)`) and screen x
//! (points), with zoom around a pointer, panning and the zoom limits.

use crate::model::{Day, MAX_YEAR, MIN_YEAR};

use super::TimeDirection;

/// Closest zoom: about one day per this many points.
pub const MIN_POINTS_PER_DAY: f64 = 200.0;
/// Widest window, in days (~10,000 years).
pub const MAX_SPAN_DAYS: f64 = 10_000.0 * 365.2425;
/// Narrowest window, in days, whatever the width.
const MIN_SPAN_FLOOR_DAYS: f64 = 0.25;

/// First and last (exclusive) day numbers a window may reach: the supported years.
pub fn day_bounds() -> (f64, f64) {
    let lo = Day {
        year: MIN_YEAR,
        month: 1,
        day: 1,
    }
    .day_number() as f64;
    let hi = Day {
        year: MAX_YEAR,
        month: 12,
        day: 31,
    }
    .day_number() as f64
        + 1.0;
    (lo, hi)
}

/// Narrowest window in days for a chart `width` points wide.
pub fn min_span(width: f64) -> f64 {
    (width.max(1.0) / MIN_POINTS_PER_DAY).max(MIN_SPAN_FLOOR_DAYS)
}

/// `range` made valid: finite, `start < end`, span within the zoom limits for `width`
/// points, inside the supported years. A non-finite range becomes a window around today's
/// era (2000) so nothing downstream sees NaN.
pub fn clamp_range(range: (f64, f64), width: f64) -> (f64, f64) {
    let (lo, hi) = day_bounds();
    let (mut s, mut e) = range;
    if !s.is_finite() || !e.is_finite() {
        let y2k = Day {
            year: 2000,
            month: 1,
            day: 1,
        }
        .day_number() as f64;
        (s, e) = (y2k - 3650.0, y2k + 3650.0);
    }
    if e < s {
        std::mem::swap(&mut s, &mut e);
    }
    let span = (e - s).clamp(min_span(width), MAX_SPAN_DAYS.min(hi - lo));
    let mid = (s + e) * 0.5;
    let mut s = mid - span * 0.5;
    if s < lo {
        s = lo;
    }
    if s + span > hi {
        s = hi - span;
    }
    let out = (s, s + span);
    debug_assert!(
        out.0.is_finite() && out.1.is_finite() && out.0 < out.1,
        "clamp_range produced {out:?}"
    );
    out
}

/// Maps days to x and back for one frame. Invariants: `left < right`, `start < end`, all
/// finite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    /// Screen x of the chart's left and right edges, points.
    left: f64,
    right: f64,
    /// Visible window, day numbers, `start < end`.
    start: f64,
    end: f64,
    direction: TimeDirection,
}

impl Transform {
    /// A transform of the window `range` (clamped, see [`clamp_range`]) onto the screen
    /// span `left..right` (points; an empty span is widened to one point).
    pub fn new(left: f32, right: f32, range: (f64, f64), direction: TimeDirection) -> Self {
        let left = f64::from(left);
        let right = f64::from(right).max(left + 1.0);
        let (start, end) = clamp_range(range, right - left);
        let t = Self {
            left,
            right,
            start,
            end,
            direction,
        };
        t.check();
        t
    }

    fn check(&self) {
        debug_assert!(
            self.left.is_finite() && self.right.is_finite() && self.left < self.right,
            "{self:?}"
        );
        debug_assert!(
            self.start.is_finite() && self.end.is_finite() && self.start < self.end,
            "{self:?}"
        );
    }

    /// The visible window (day numbers).
    pub fn range(&self) -> (f64, f64) {
        (self.start, self.end)
    }

    /// Screen x of the chart's left and right edges, points.
    pub fn x_range(&self) -> (f64, f64) {
        (self.left, self.right)
    }

    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn direction(&self) -> TimeDirection {
        self.direction
    }

    /// Days per point of screen.
    pub fn days_per_point(&self) -> f64 {
        (self.end - self.start) / self.width()
    }

    /// Screen x (points) of day number `day`. Later days are further left when time flows
    /// right-to-left.
    pub fn x_from_day(&self, day: f64) -> f64 {
        let t = (day - self.start) / (self.end - self.start);
        match self.direction {
            TimeDirection::LeftToRight => self.left + t * self.width(),
            TimeDirection::RightToLeft => self.right - t * self.width(),
        }
    }

    /// Day number at screen x (points); the inverse of [`Self::x_from_day`].
    pub fn day_from_x(&self, x: f64) -> f64 {
        let t = match self.direction {
            TimeDirection::LeftToRight => (x - self.left) / self.width(),
            TimeDirection::RightToLeft => (self.right - x) / self.width(),
        };
        self.start + t * (self.end - self.start)
    }

    /// The screen extent (min x, max x) of the day interval `start..end`.
    pub fn x_span(&self, start: f64, end: f64) -> (f64, f64) {
        let a = self.x_from_day(start);
        let b = self.x_from_day(end);
        if a <= b { (a, b) } else { (b, a) }
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the day under `pointer_x` where it is
    /// (as far as the zoom limits and the supported years allow). Non-finite or
    /// non-positive factors are ignored.
    pub fn zoom_at(&mut self, pointer_x: f64, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 || !pointer_x.is_finite() {
            return;
        }
        let pointer_x = pointer_x.clamp(self.left, self.right);
        let anchor = self.day_from_x(pointer_x);
        let span = self.end - self.start;
        let (lo, hi) = day_bounds();
        let new_span = (span / factor).clamp(min_span(self.width()), MAX_SPAN_DAYS.min(hi - lo));
        let ratio = new_span / span;
        let start = anchor - (anchor - self.start) * ratio;
        (self.start, self.end) = clamp_range((start, start + new_span), self.width());
        self.check();
    }

    /// Pans by `dx` points of pointer movement: the content follows the pointer.
    pub fn pan(&mut self, dx: f64) {
        if !dx.is_finite() || dx == 0.0 {
            return;
        }
        let days = dx * self.days_per_point();
        let shift = match self.direction {
            TimeDirection::LeftToRight => -days,
            TimeDirection::RightToLeft => days,
        };
        (self.start, self.end) = clamp_range((self.start + shift, self.end + shift), self.width());
        self.check();
    }

    /// Moves the window so that `day` is at its centre, keeping the span.
    pub fn center_on_day(&mut self, day: f64) {
        if !day.is_finite() {
            return;
        }
        let half = (self.end - self.start) * 0.5;
        (self.start, self.end) = clamp_range((day - half, day + half), self.width());
        self.check();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(dir: TimeDirection) -> Transform {
        Transform::new(100.0, 1100.0, (0.0, 1000.0), dir)
    }

    #[test]
    fn round_trips_in_both_directions() {
        for dir in [TimeDirection::LeftToRight, TimeDirection::RightToLeft] {
            let tr = t(dir);
            for day in [0.0, 1.5, 500.0, 999.0, 1000.0, -20.0] {
                let x = tr.x_from_day(day);
                assert!(
                    (tr.day_from_x(x) - day).abs() < 1e-9,
                    "{dir:?} day {day} -> x {x}"
                );
            }
        }
        assert_eq!(t(TimeDirection::LeftToRight).x_from_day(0.0), 100.0);
        assert_eq!(
            t(TimeDirection::RightToLeft).x_from_day(0.0),
            1100.0,
            "RTL: earliest day at the right"
        );
        assert_eq!(
            t(TimeDirection::RightToLeft).x_from_day(1000.0),
            100.0,
            "RTL: latest day at the left"
        );
    }

    #[test]
    fn zoom_keeps_the_pointer_day_fixed() {
        for dir in [TimeDirection::LeftToRight, TimeDirection::RightToLeft] {
            for (px, factor) in [(300.0, 2.0), (900.0, 0.5), (100.0, 1.3), (1100.0, 4.0)] {
                let mut tr = t(dir);
                let before = tr.day_from_x(px);
                tr.zoom_at(px, factor);
                let after = tr.day_from_x(px);
                assert!(
                    (before - after).abs() < 1e-6,
                    "{dir:?} zoom {factor} at {px}: {before} vs {after}"
                );
                let span = tr.range().1 - tr.range().0;
                assert!((span - 1000.0 / factor).abs() < 1e-6, "{dir:?} span {span}");
            }
        }
    }

    #[test]
    fn zoom_limits_and_bad_input() {
        let mut tr = t(TimeDirection::RightToLeft);
        for _ in 0..100 {
            tr.zoom_at(600.0, 10.0);
        }
        let span = tr.range().1 - tr.range().0;
        assert!(
            (span - 1000.0 / MIN_POINTS_PER_DAY).abs() < 1e-9,
            "zoomed in to {span} days over 1000 pt"
        );
        for _ in 0..100 {
            tr.zoom_at(600.0, 0.1);
        }
        let span = tr.range().1 - tr.range().0;
        assert!(span <= MAX_SPAN_DAYS + 1e-6, "zoomed out to {span} days");
        let before = tr;
        for f in [f64::NAN, f64::INFINITY, 0.0, -2.0] {
            tr.zoom_at(500.0, f);
            assert_eq!(tr, before, "factor {f} must be ignored");
        }
        tr.pan(f64::NAN);
        assert_eq!(tr, before);
        let nan = Transform::new(0.0, 0.0, (f64::NAN, f64::NAN), TimeDirection::LeftToRight);
        assert!(
            nan.range().0.is_finite() && nan.range().1 > nan.range().0,
            "{nan:?}"
        );
        assert!(nan.x_from_day(730_000.0).is_finite());
    }

    #[test]
    fn pan_follows_the_pointer() {
        for dir in [TimeDirection::LeftToRight, TimeDirection::RightToLeft] {
            let mut tr = t(dir);
            let day = tr.day_from_x(500.0);
            tr.pan(120.0);
            assert!(
                (tr.x_from_day(day) - 620.0).abs() < 1e-6,
                "{dir:?}: the day under the pointer moves with it"
            );
        }
    }

    #[test]
    fn stays_inside_the_supported_years() {
        let (lo, hi) = day_bounds();
        let mut tr = Transform::new(
            0.0,
            800.0,
            (lo + 10.0, lo + 5000.0),
            TimeDirection::LeftToRight,
        );
        tr.pan(1e9);
        assert!(tr.range().0 >= lo, "{:?}", tr.range());
        tr.pan(-1e12);
        assert!(tr.range().1 <= hi, "{:?}", tr.range());
    }
}
