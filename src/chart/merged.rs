//! The merged timeline of a library (`library::MergedTimeline`) placed for one window:
//! only marks that reach into the window are looked at (a binary search over the marks,
//! which are sorted by start, and a running maximum of their ends), and short marks of one
//! lane in the same column of a few points are drawn as one, so what a frame draws follows
//! the screen, not the size of the library. Time to x is [`Transform`]'s, as everywhere in
//! the chart.

use std::ops::Range;

use super::transform::Transform;
use crate::library::groups::MergedTimeline;

/// The marks of a merged timeline ready to be culled by time.
#[derive(Clone, Debug, Default)]
pub struct MergedIndex {
    /// Each mark's first day and the day after its last (day numbers), in mark order.
    spans: Vec<(f64, f64)>,
    /// The largest end among marks `0..=i`.
    max_end: Vec<f64>,
    /// Each mark's lane and reports in its lane (kept here, packed, so placing reads
    /// 24 bytes a mark).
    lane: Vec<u32>,
    reports: Vec<u32>,
}

impl MergedIndex {
    /// Indexes `t` (its marks are sorted by start).
    pub fn new(t: &MergedTimeline) -> Self {
        let spans: Vec<(f64, f64)> = t
            .marks
            .iter()
            .map(|m| (m.start.day_number() as f64, m.end.day_number() as f64 + 1.0))
            .collect();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut hi = f64::NEG_INFINITY;
        for s in &spans {
            hi = hi.max(s.1);
            max_end.push(hi);
        }
        debug_assert!(spans.windows(2).all(|w| w[0].0 <= w[1].0), "marks by start");
        Self {
            spans,
            max_end,
            lane: t.marks.iter().map(|m| m.lane as u32).collect(),
            reports: t.marks.iter().map(|m| m.reports_in_lane as u32).collect(),
        }
    }

    /// The first day and the day after the last of every mark, if any.
    pub fn span(&self) -> Option<(f64, f64)> {
        Some((self.spans.first()?.0, *self.max_end.last()?))
    }

    /// The marks that may reach into `window` (day numbers): every mark in the range
    /// starts before the window ends, and every mark before it ends before the window
    /// starts.
    pub fn candidates(&self, window: (f64, f64)) -> Range<usize> {
        let first = self.max_end.partition_point(|&e| e <= window.0);
        let end = self.spans.partition_point(|s| s.0 < window.1);
        first..end.max(first)
    }
}

/// Marks of one lane drawn as one.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Index in `MergedTimeline::lanes`.
    pub lane: usize,
    /// Its x span on screen, points (`x0 <= x1`).
    pub x0: f32,
    pub x1: f32,
    /// Indices in `MergedTimeline::marks`.
    pub marks: Vec<u32>,
    /// Reports in this lane, summed over its marks.
    pub reports: usize,
}

/// The marks of `t` in `tr`'s window, culled and binned: a mark of several days wider than
/// two buckets stands alone (a bar); the other marks of one lane starting in the same column
/// of `bucket` points become one [`Placed`] with their reports summed. However many marks
/// are in view, a frame draws at most the wide ones plus one per lane and column.
/// Columns are taken at each mark's start.
pub fn place(t: &MergedTimeline, index: &MergedIndex, tr: &Transform, bucket: f32) -> Vec<Placed> {
    let (win_lo, win_hi) = tr.range();
    let (left, right) = tr.x_range();
    let bucket = bucket.max(1.0);
    let mut out: Vec<Placed> = Vec::new();
    // The last point-like item of each lane, and its column.
    let mut last: Vec<Option<(usize, i64)>> = vec![None; t.lanes.len()];
    for i in index.candidates((win_lo, win_hi)) {
        let (s, e) = index.spans[i];
        if e <= win_lo || s >= win_hi {
            continue;
        }
        let (lane, reports) = (index.lane[i] as usize, index.reports[i] as usize);
        let (a, b) = tr.x_span(s, e);
        let (x0, x1) = (a.max(left - 1.0) as f32, b.min(right + 1.0) as f32);
        let Some(slot) = last.get_mut(lane) else {
            continue;
        };
        let item = |out: &mut Vec<Placed>| {
            out.push(Placed {
                lane,
                x0,
                x1,
                marks: vec![i as u32],
                reports,
            });
        };
        // A mark of one day is never a bar of its own (close up, a day is wide).
        if x1 - x0 > 2.0 * bucket && e - s > 1.0 {
            item(&mut out);
            continue;
        }
        // The column of the mark's start: marks come by start, so a lane's columns only
        // move one way and its last item is the only one to merge with.
        let column = ((tr.x_from_day(s) - left) / f64::from(bucket)).floor() as i64;
        if let Some((k, c)) = *slot
            && c == column
        {
            let p = &mut out[k];
            p.x0 = p.x0.min(x0);
            p.x1 = p.x1.max(x1);
            p.marks.push(i as u32);
            p.reports += reports;
            continue;
        }
        *slot = Some((out.len(), column));
        item(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::TimeDirection;
    use crate::library::groups::{Lane, Mark};
    use crate::model::Day;

    fn day(n: i64) -> Day {
        Day::from_day_number(n)
    }

    fn timeline(marks: &[(usize, i64, i64)]) -> MergedTimeline {
        let lanes = (0..2)
            .map(|k| Lane {
                key: k.to_string(),
                name_fa: k.to_string(),
                name_en: k.to_string(),
            })
            .collect();
        MergedTimeline {
            lanes,
            marks: marks
                .iter()
                .enumerate()
                .map(|(g, &(lane, s, e))| Mark {
                    group: g,
                    lane,
                    start: day(s),
                    end: day(e),
                    reports: 2,
                    reports_in_lane: 2,
                })
                .collect(),
        }
    }

    #[test]
    fn culls_to_the_window_and_bins_close_marks() {
        let base = Day::new(2020, 1, 1)
            .unwrap_or_else(|e| panic!("{e}"))
            .day_number();
        // A long mark starting early, then points.
        let t = timeline(&[
            (0, base - 1000, base + 5),
            (0, base + 1, base + 1),
            (1, base + 2, base + 2),
            (1, base + 2, base + 2),
            (0, base + 50, base + 50),
            (1, base + 3000, base + 3000),
        ]);
        let index = MergedIndex::new(&t);
        let w = (base as f64, base as f64 + 100.0);
        assert_eq!(index.candidates(w), 0..5, "the long early mark reaches in");
        let tr = Transform::new(0.0, 1000.0, w, TimeDirection::LeftToRight);
        let placed = place(&t, &index, &tr, 4.0);
        let summary: Vec<(usize, Vec<u32>, usize)> = placed
            .iter()
            .map(|p| (p.lane, p.marks.clone(), p.reports))
            .collect();
        assert_eq!(
            summary,
            [
                (0, vec![0], 2),
                (0, vec![1], 2),
                (1, vec![2, 3], 4),
                (0, vec![4], 2)
            ],
            "the long mark alone, the two on one day of lane 1 as one: {placed:?}"
        );
        // Right to left: same marks, mirrored.
        let rtl = Transform::new(0.0, 1000.0, w, TimeDirection::RightToLeft);
        let p = place(&t, &index, &rtl, 4.0);
        assert_eq!(p.len(), 4);
        assert!(p[3].x0 < p[1].x0, "later is further left: {p:?}");
        // A window with nothing in it.
        let far = (base as f64 + 5000.0, base as f64 + 5100.0);
        let tr = Transform::new(0.0, 1000.0, far, TimeDirection::LeftToRight);
        assert!(place(&t, &index, &tr, 4.0).is_empty());
        assert_eq!(
            index.span(),
            Some(((base - 1000) as f64, (base + 3001) as f64))
        );
    }

    #[test]
    fn a_crowded_window_draws_one_mark_per_lane_and_column() {
        let base = Day::new(1995, 1, 1)
            .unwrap_or_else(|e| panic!("{e}"))
            .day_number();
        // 20,000 marks of 0 to 30 days over 30 years in two lanes, in start order.
        let mut marks: Vec<(usize, i64, i64)> = (0..20_000)
            .map(|k: i64| {
                let start = base + (k * 7919) % (30 * 365);
                ((k % 2) as usize, start, start + (k % 31))
            })
            .collect();
        marks.sort_by_key(|m| (m.1, m.0));
        let t = timeline(&marks);
        let index = MergedIndex::new(&t);
        for direction in [TimeDirection::LeftToRight, TimeDirection::RightToLeft] {
            let tr = Transform::new(0.0, 1000.0, index.span().unwrap_or((0.0, 1.0)), direction);
            let placed = place(&t, &index, &tr, 6.0);
            let columns = (1000.0f32 / 6.0).ceil() as usize + 1;
            assert!(
                placed.len() <= 2 * columns,
                "{direction:?}: {} items for 2 lanes of {columns} columns",
                placed.len()
            );
            let reports: usize = placed.iter().map(|p| p.reports).sum();
            assert_eq!(
                reports,
                2 * 20_000,
                "{direction:?}: every report is counted once"
            );
        }
    }
}
