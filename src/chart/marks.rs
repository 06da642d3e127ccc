//! Which events a lane draws this frame, and as what: points, bars or counted clusters
//! (culled to the window, clustered by day bins so the number of marks is bounded by the
//! chart's width, whatever the number of events). Where each mark and its label go is
//! [`super::place`]'s job.

use super::index::{EventIndex, EventSet, Item, LaneIndex, Shape};
use super::sizes::{
    BAR_ROWS, CLUSTER_POINTS, DOT_RADIUS, GAP, MIN_BAR_POINTS, SELECTED_RING, cluster_radius,
};
use super::transform::Transform;

/// What a mark is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Point,
    Bar,
    /// Several nearby events, drawn as a circle with their count.
    Cluster,
}

/// Where a mark's label goes, in the lane's coordinates (x in points on screen, rows
/// from the lane's top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Label {
    /// Left and right edge of the label's box.
    pub x: (f32, f32),
    /// Sub-row of the label: the mark's own, or the next one when displaced.
    pub row: u8,
    /// Inside its bar.
    pub inside: bool,
    /// Measured width of the text (the box may be wider when the text is clipped).
    pub width: f32,
    /// A displaced label's leader line: from the marker to the label's near end, as
    /// (x, sub-row) pairs; y is the row's edge nearest the other end.
    pub leader: Option<(f32, f32)>,
}

/// One drawn thing of a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    /// Position in [`EventIndex::items`] of the event (the first member of a cluster).
    pub item: u32,
    /// Centre x of the dot or the cluster's circle (of a bar: of its days).
    pub cx: f32,
    /// Number of events (1 unless a cluster).
    pub count: u32,
    /// Members' first day and day after the last.
    pub days: (f64, f64),
    /// Screen extent of the marker, points (a dot's or a cluster's circle included).
    pub x: (f32, f32),
    /// A point that shows its days with a thin bracket (a month wider than its dot); a bar
    /// drawn as a point for want of room shows only its dot.
    pub bracket: bool,
    /// The first few members of a cluster (for its tooltip).
    pub members: Vec<u32>,
    pub selected: bool,
    /// The event (or one of the cluster's) is among the marked events.
    pub marked: bool,
    /// Sub-row (see [`super::place`]).
    pub row: u8,
    pub label: Option<Label>,
}

/// Whether a point whose days span `(a, b)` on screen shows them with a thin bracket (a
/// month wider than its dot).
pub fn has_bracket((a, b): (f32, f32)) -> bool {
    b - a > DOT_RADIUS * 2.5
}

/// What the frame knows about selection and filters.
pub struct Filters<'a> {
    /// The events shown (by index into `article.events`); `None` = all.
    pub visible: Option<&'a EventSet>,
    /// The events emphasised; empty = none.
    pub marked: &'a EventSet,
    /// Position of the selected event in the index.
    pub selected: Option<usize>,
}

/// Events of one cluster bin.
#[derive(Clone, Default)]
struct Bin {
    /// Most members kept (a cluster's tooltip names a few; an image draws them all).
    cap: usize,
    count: u32,
    sum_mid: f64,
    days: (f64, f64),
    members: Vec<u32>,
    marked: bool,
}

impl Bin {
    fn add(&mut self, p: u32, mid: f64, marked: bool) {
        if self.count == 0 {
            self.days = (mid, mid);
        }
        self.count += 1;
        self.sum_mid += mid;
        self.days = (self.days.0.min(mid), self.days.1.max(mid));
        if self.members.len() < self.cap {
            self.members.push(p);
        }
        self.marked |= marked;
    }

    fn merge(&mut self, other: Bin) {
        self.count += other.count;
        self.sum_mid += other.sum_mid;
        self.days = (self.days.0.min(other.days.0), self.days.1.max(other.days.1));
        for m in other.members {
            if self.members.len() < self.cap {
                self.members.push(m);
            }
        }
        self.marked |= other.marked;
    }
}

/// Largest group of same-place events drawn one by one at the closest zoom.
const MAX_UNCLUSTERED: u32 = 4;

/// The marks of `lane` in the transform's window (with a margin), sorted by time.
///
/// Bars at least [`MIN_BAR_POINTS`] wide are drawn as bars while the lane's sub-rows have
/// room for them (greedily, by start); everything else becomes a point at its middle day.
/// Points are binned by day into bins [`CLUSTER_POINTS`] wide (stable while panning), and a
/// bin of several events is a counted cluster; neighbouring bins closer than a dot merge.
/// At the closest zoom ([`super::Clustering::Closest`]) a bin of up to [`MAX_UNCLUSTERED`]
/// events is drawn one by one; an image ([`super::Clustering::Never`]) draws every event. The selected event is always drawn by itself. The number of marks is
/// bounded by the chart's width, whatever the number of events.
pub fn lane_marks(
    index: &EventIndex,
    lane: &LaneIndex,
    tr: &Transform,
    f: &Filters<'_>,
    clustering: super::Clustering,
) -> Vec<Mark> {
    let dpp = tr.days_per_point();
    let margin = 24.0 * dpp;
    let (from, to) = tr.range();
    let (from, to) = (from - margin, to + margin);
    let bin_days = CLUSTER_POINTS * dpp;
    let bin0 = (from / bin_days).floor();
    let nbins = (((to - from) / bin_days).ceil() as usize)
        .saturating_add(2)
        .min(100_000);
    let cap = if clustering == super::Clustering::Never {
        usize::MAX
    } else {
        6
    };
    let mut bins: Vec<Bin> = vec![
        Bin {
            cap,
            ..Bin::default()
        };
        nbins
    ];
    let mut out: Vec<Mark> = Vec::new();
    let mut row_end = [f64::NEG_INFINITY; BAR_ROWS];
    let gap_days = f64::from(GAP) * 2.0 * dpp;
    let in_set = |p: u32, set: &EventSet| index.is_shown(p as usize, set);
    let any_marked = !f.marked.is_empty();
    let single = |p: u32, kind: MarkKind, it: &Item, selected: bool, marked: bool| {
        let x = if kind == MarkKind::Bar {
            let (a, b) = tr.x_span(it.start, it.end);
            (a as f32, b as f32)
        } else {
            // The selected dot's ring (see the painter) and the bracket of a month wider
            // than its dot are part of its extent.
            let cx = tr.x_from_day(it.mid()) as f32;
            let r = if selected {
                DOT_RADIUS + SELECTED_RING
            } else {
                DOT_RADIUS
            };
            let (a, b) = tr.x_span(it.start, it.end);
            if it.shape == Shape::Point && has_bracket((a as f32, b as f32)) {
                ((a as f32).min(cx - r), (b as f32).max(cx + r))
            } else {
                (cx - r, cx + r)
            }
        };
        let cx = if kind == MarkKind::Bar {
            (x.0 + x.1) * 0.5
        } else {
            tr.x_from_day(it.mid()) as f32
        };
        let bracket = kind == MarkKind::Point
            && it.shape == Shape::Point
            && has_bracket({
                let (a, b) = tr.x_span(it.start, it.end);
                (a as f32, b as f32)
            });
        Mark {
            kind,
            item: p,
            cx,
            bracket,
            count: 1,
            days: (it.start, it.end),
            x,
            members: Vec::new(),
            selected,
            marked,
            row: 0,
            label: None,
        }
    };
    for e in EventIndex::cull(lane, from, to) {
        let p = e.pos;
        if let Some(set) = f.visible
            && !in_set(p, set)
        {
            continue;
        }
        let selected = f.selected == Some(p as usize);
        let marked = any_marked && in_set(p, f.marked);
        let wide = e.bar && (e.end - e.start) / dpp >= MIN_BAR_POINTS;
        if wide || selected {
            let Some(it) = index.items.get(p as usize) else {
                continue;
            };
            if wide && let Some(r) = row_end.iter().position(|&end| e.start >= end + gap_days) {
                row_end[r] = e.end;
                out.push(single(p, MarkKind::Bar, it, selected, marked));
                continue;
            }
            if selected {
                out.push(single(
                    p,
                    if wide { MarkKind::Bar } else { MarkKind::Point },
                    it,
                    selected,
                    marked,
                ));
                continue;
            }
        }
        let b = ((e.mid() / bin_days).floor() - bin0).clamp(0.0, (nbins - 1) as f64) as usize;
        bins[b].add(p, e.mid(), marked);
    }
    // Bins to points and clusters; neighbours closer than a dot merge.
    let mut merged: Vec<Bin> = Vec::new();
    for bin in bins.into_iter().filter(|b| b.count > 0) {
        let cx = |b: &Bin| tr.x_from_day(b.sum_mid / f64::from(b.count));
        match merged.last_mut() {
            Some(last) if (cx(last) - cx(&bin)).abs() < f64::from(DOT_RADIUS) * 2.0 + 1.0 => {
                last.merge(bin)
            }
            _ => merged.push(bin),
        }
    }
    for bin in merged {
        let one_by_one = match clustering {
            super::Clustering::Auto => bin.count == 1,
            super::Clustering::Closest => bin.count <= MAX_UNCLUSTERED,
            super::Clustering::Never => true,
        };
        if one_by_one {
            for &p in &bin.members {
                if let Some(it) = index.items.get(p as usize) {
                    let marked = any_marked && in_set(p, f.marked);
                    out.push(single(p, MarkKind::Point, it, false, marked));
                }
            }
            continue;
        }
        let cx = tr.x_from_day(bin.sum_mid / f64::from(bin.count)) as f32;
        let r = cluster_radius(bin.count);
        out.push(Mark {
            kind: MarkKind::Cluster,
            item: bin.members.first().copied().unwrap_or(0),
            cx,
            bracket: false,
            count: bin.count,
            days: (bin.days.0 - 0.5, bin.days.1 + 0.5),
            x: (cx - r, cx + r),
            members: bin.members,
            selected: false,
            marked: bin.marked,
            row: 0,
            label: None,
        });
    }
    out.sort_by(|a, b| a.days.0.total_cmp(&b.days.0).then(a.item.cmp(&b.item)));
    out
}
