//! Per-frame layout of one lane: which events are drawn as points, bars or counted
//! clusters, in which of the lane's two sub-rows, and where their labels go so that no two
//! labels overlap (a label that fits nowhere is hidden, and never measured when there is
//! no room for it). Pure geometry in points; the measuring of labels is a callback.

use std::collections::HashSet;

use crate::model::Article;

use super::index::{EventIndex, Item, LaneIndex};
use super::transform::Transform;

/// Most sub-rows a lane has (fewer when the chart is short).
pub const SUB_ROWS: usize = 2;
/// Markers whose centres are closer than this (points) merge into a cluster.
pub const CLUSTER_POINTS: f64 = 14.0;
/// Bars narrower than this (points) are drawn as points (and may cluster).
pub const MIN_BAR_POINTS: f64 = 10.0;
/// Radius of an event's dot, points.
pub const DOT_RADIUS: f32 = 5.0;
/// Free space kept between labels and markers, points.
pub const GAP: f32 = 5.0;
/// Least width checked free beside a marker before its label is measured, points.
const MIN_LABEL_ROOM: f32 = 28.0;

/// What a mark is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Point,
    Bar,
    /// Several nearby events, drawn as a circle with their count.
    Cluster,
}

/// Where a mark's label goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LabelPlace {
    /// Inside the bar, this x range.
    Inside(f32, f32),
    /// Beside the marker, this x range.
    Beside(f32, f32),
}

impl LabelPlace {
    pub fn range(self) -> (f32, f32) {
        match self {
            LabelPlace::Inside(a, b) | LabelPlace::Beside(a, b) => (a, b),
        }
    }
}

/// One drawn thing of a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    /// Position in [`EventIndex::items`] of the event (the first member of a cluster).
    pub item: u32,
    /// Number of events (1 unless a cluster).
    pub count: u32,
    /// Members' first day and day after the last.
    pub days: (f64, f64),
    /// Screen extent of the marker, points (a dot's or a cluster's circle included).
    pub x: (f32, f32),
    /// The first few members of a cluster (for its tooltip).
    pub members: Vec<u32>,
    pub selected: bool,
    /// The event (or one of the cluster's) is among the marked events.
    pub marked: bool,
    /// Sub-row, `0..rows` (see [`place`]).
    pub row: u8,
    pub label: Option<LabelPlace>,
}

impl Mark {
    /// Centre x of the marker.
    pub fn cx(&self) -> f32 {
        (self.x.0 + self.x.1) * 0.5
    }
}

/// Radius of a cluster's circle with `count` members.
pub fn cluster_radius(count: u32) -> f32 {
    let digits = count.max(1).ilog10() as f32;
    8.5 + 3.0 * digits
}

/// What the frame knows about selection and filters.
pub struct Filters<'a> {
    pub visible: Option<&'a HashSet<String>>,
    pub marked: &'a HashSet<String>,
    /// Position of the selected event in the index.
    pub selected: Option<usize>,
}

/// Events of one cluster bin.
#[derive(Clone, Default)]
struct Bin {
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
        if self.members.len() < 6 {
            self.members.push(p);
        }
        self.marked |= marked;
    }

    fn merge(&mut self, other: Bin) {
        self.count += other.count;
        self.sum_mid += other.sum_mid;
        self.days = (self.days.0.min(other.days.0), self.days.1.max(other.days.1));
        for m in other.members {
            if self.members.len() < 6 {
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
/// At the closest zoom (`cluster == false`) a bin of up to [`MAX_UNCLUSTERED`] events is
/// drawn one by one. The selected event is always drawn by itself. The number of marks is
/// bounded by the chart's width, whatever the number of events.
pub fn lane_marks(
    index: &EventIndex,
    lane: &LaneIndex,
    article: &Article,
    tr: &Transform,
    f: &Filters<'_>,
    cluster: bool,
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
    let mut bins: Vec<Bin> = vec![Bin::default(); nbins];
    let mut out: Vec<Mark> = Vec::new();
    let mut row_end = [f64::NEG_INFINITY; SUB_ROWS];
    let gap_days = f64::from(GAP) * 2.0 * dpp;
    let id_of = |p: u32| {
        index
            .items
            .get(p as usize)
            .and_then(|it| article.events.get(it.event as usize))
            .map(|e| e.id.as_str())
    };
    let any_marked = !f.marked.is_empty();
    let single = |p: u32, kind: MarkKind, it: &Item, selected: bool, marked: bool| {
        let x = if kind == MarkKind::Bar {
            let (a, b) = tr.x_span(it.start, it.end);
            (a as f32, b as f32)
        } else {
            // The selected dot's ring (see the painter) is part of its extent.
            let cx = tr.x_from_day(it.mid()) as f32;
            let r = if selected {
                DOT_RADIUS + 4.5
            } else {
                DOT_RADIUS
            };
            (cx - r, cx + r)
        };
        Mark {
            kind,
            item: p,
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
            && !id_of(p).is_some_and(|id| set.contains(id))
        {
            continue;
        }
        let selected = f.selected == Some(p as usize);
        let marked = any_marked && id_of(p).is_some_and(|id| f.marked.contains(id));
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
        let one_by_one = bin.count == 1 || (!cluster && bin.count <= MAX_UNCLUSTERED);
        if one_by_one {
            for &p in &bin.members {
                if let Some(it) = index.items.get(p as usize) {
                    let marked = any_marked && id_of(p).is_some_and(|id| f.marked.contains(id));
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

/// Occupied x ranges of a lane's sub-rows: (from, to, index of the mark that owns it).
struct Occupancy {
    rows: Vec<Vec<(f32, f32, usize)>>,
}

fn overlaps((a, b): (f32, f32), (l, r): (f32, f32)) -> bool {
    b + GAP > l && a < r + GAP
}

impl Occupancy {
    fn free(&self, row: usize, range: (f32, f32)) -> bool {
        self.rows[row]
            .iter()
            .all(|&(l, r, _)| !overlaps(range, (l, r)))
    }

    fn take(&mut self, row: usize, (a, b): (f32, f32), owner: usize) {
        self.rows[row].push((a, b, owner));
    }
}

/// Chooses each mark's sub-row and label place so that no two labels, and no label and
/// marker, overlap. The selected event is placed first, then marked events, then the rest
/// in time order; each goes, with its label, into the first sub-row where both fit (a bar's
/// label inside the bar, a point's beside it, left first), else without its label. A marker
/// that fits in no sub-row (a crowd) takes the row where it hides the fewest markers, and
/// labels there that it would cover are hidden: labels yield to markers.
///
/// `bounds` is the chart's x range (labels stay inside it); `rows` the lane's sub-rows,
/// `1..=SUB_ROWS`. `measure` gives the width of a mark's label in points; it is called only
/// for points and bars, at most once each, and only when there is room beside (or inside)
/// the marker for some label at all, so hidden labels are never laid out.
pub fn place(
    marks: &mut [Mark],
    bounds: (f32, f32),
    rows: usize,
    mut measure: impl FnMut(&Mark) -> f32,
) {
    let rows = rows.clamp(1, SUB_ROWS);
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| {
        let m = &marks[i];
        if m.selected {
            0
        } else if m.marked && m.kind != MarkKind::Cluster {
            1
        } else {
            2
        }
    });
    let ext_of = |m: &Mark| (m.x.0.max(bounds.0 - 60.0), m.x.1.min(bounds.1 + 60.0));
    let mut occ = Occupancy {
        rows: vec![Vec::new(); rows],
    };
    // Measured label widths, by mark.
    let mut widths: Vec<Option<f32>> = vec![None; marks.len()];
    let inside_ok = |(a, b): (f32, f32)| a >= bounds.0 && b <= bounds.1;
    for i in order {
        let ext = ext_of(&marks[i]);
        let free_rows: Vec<usize> = (0..rows).filter(|&r| occ.free(r, ext)).collect();
        let Some(&first_free) = free_rows.first() else {
            // A crowd: take the row where the marker covers the fewest markers (and not the
            // selected event's label), and hide the labels it would cover there.
            let cost = |r: usize| {
                occ.rows[r]
                    .iter()
                    .filter(|&&(l, rr, _)| overlaps(ext, (l, rr)))
                    .map(|&(_, _, o)| {
                        let covers_marker = overlaps(ext, ext_of(&marks[o]));
                        (
                            u32::from(marks[o].selected && !covers_marker),
                            u32::from(covers_marker),
                        )
                    })
                    .fold((0, 0), |acc, c| (acc.0 + c.0, acc.1 + c.1))
            };
            let row = (0..rows).min_by_key(|&r| cost(r)).unwrap_or(0);
            let mut evicted = Vec::new();
            for entry in &mut occ.rows[row] {
                let o = entry.2;
                if overlaps(ext, (entry.0, entry.1))
                    && marks[o].label.is_some()
                    && !overlaps(ext, ext_of(&marks[o]))
                {
                    marks[o].label = None;
                    (entry.0, entry.1) = ext_of(&marks[o]);
                    evicted.push(o);
                }
            }
            occ.take(row, ext, i);
            marks[i].row = row as u8;
            marks[i].label = None;
            // An evicted label may still fit on its marker's other side.
            for o in evicted {
                let Some(w) = widths[o] else { continue };
                let m = &marks[o];
                if m.kind != MarkKind::Point && m.kind != MarkKind::Bar {
                    continue;
                }
                let options = [
                    (m.x.0 - GAP - w, m.x.0 - GAP),
                    (m.x.1 + GAP, m.x.1 + GAP + w),
                ];
                let others_free = |x: (f32, f32)| {
                    occ.rows[row]
                        .iter()
                        .all(|&(l, r, who)| who == o || !overlaps(x, (l, r)))
                };
                if let Some(x) = options
                    .into_iter()
                    .find(|&x| inside_ok(x) && others_free(x))
                {
                    let ext_o = ext_of(m);
                    marks[o].label = Some(LabelPlace::Beside(x.0, x.1));
                    for entry in occ.rows[row].iter_mut().filter(|e| e.2 == o) {
                        (entry.0, entry.1) = (ext_o.0.min(x.0), ext_o.1.max(x.1));
                    }
                }
            }
            continue;
        };
        let m = &mut marks[i];
        m.row = first_free as u8;
        m.label = None;
        if m.kind == MarkKind::Cluster {
            occ.take(first_free, ext, i);
            continue;
        }
        // The visible part of a bar, where an inside label would sit.
        let vis = (m.x.0.max(bounds.0), m.x.1.min(bounds.1));
        let inside_room = m.kind == MarkKind::Bar && vis.1 - vis.0 >= MIN_LABEL_ROOM + 2.0 * GAP;
        let left_room = |w: f32| (m.x.0 - GAP - w, m.x.0 - GAP);
        let right_room = |w: f32| (m.x.1 + GAP, m.x.1 + GAP + w);
        let any_room = inside_room
            || free_rows.iter().any(|&r| {
                [left_room(MIN_LABEL_ROOM), right_room(MIN_LABEL_ROOM)]
                    .into_iter()
                    .any(|x| inside_ok(x) && occ.free(r, x))
            });
        let mut placed = false;
        if any_room {
            let w = measure(m);
            widths[i] = Some(w);
            'rows: for &r in &free_rows {
                if inside_room && w + 2.0 * GAP <= vis.1 - vis.0 {
                    let c = (vis.0 + vis.1) * 0.5;
                    m.row = r as u8;
                    m.label = Some(LabelPlace::Inside(c - w * 0.5, c + w * 0.5));
                    occ.take(r, ext, i);
                    placed = true;
                    break 'rows;
                }
                for x in [left_room(w), right_room(w)] {
                    if inside_ok(x) && occ.free(r, x) {
                        m.row = r as u8;
                        m.label = Some(LabelPlace::Beside(x.0, x.1));
                        occ.take(r, (ext.0.min(x.0), ext.1.max(x.1)), i);
                        placed = true;
                        break 'rows;
                    }
                }
            }
        }
        if !placed {
            occ.take(first_free, ext, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(item: u32, cx: f32) -> Mark {
        Mark {
            kind: MarkKind::Point,
            item,
            count: 1,
            days: (0.0, 1.0),
            x: (cx - DOT_RADIUS, cx + DOT_RADIUS),
            members: Vec::new(),
            selected: false,
            marked: false,
            row: 0,
            label: None,
        }
    }

    fn label_rect(m: &Mark) -> Option<(u8, (f32, f32))> {
        m.label.map(|l| (m.row, l.range()))
    }

    #[test]
    fn labels_never_overlap_and_stack_into_two_rows() {
        for spacing in [8.0f32, 20.0, 45.0, 90.0, 300.0] {
            let mut marks: Vec<Mark> = (0..40)
                .map(|i| point(i, 20.0 + spacing * i as f32))
                .collect();
            let mut measured = 0;
            place(&mut marks, (0.0, 1000.0), SUB_ROWS, |_| {
                measured += 1;
                80.0
            });
            let labelled: Vec<(u8, (f32, f32))> = marks.iter().filter_map(label_rect).collect();
            for (i, a) in labelled.iter().enumerate() {
                assert!(
                    a.1.0 >= 0.0 && a.1.1 <= 1000.0,
                    "spacing {spacing}: {a:?} out of bounds"
                );
                for b in &labelled[i + 1..] {
                    let overlap = a.0 == b.0 && a.1.0 < b.1.1 && b.1.0 < a.1.1;
                    assert!(!overlap, "spacing {spacing}: {a:?} overlaps {b:?}");
                }
                // No label over another mark's dot in its row: labels yield to markers.
                for m in &marks {
                    if m.row == a.0 && !(m.x.1 <= a.1.0 || m.x.0 >= a.1.1) {
                        assert!(
                            label_rect(m) == Some(*a),
                            "spacing {spacing}: label {a:?} covers dot {:?}",
                            m.x
                        );
                    }
                }
            }
            if spacing >= 90.0 {
                let shown = marks.iter().filter(|m| m.x.1 <= 1000.0).count();
                assert!(
                    labelled.len() + 1 >= shown,
                    "spacing {spacing}: {} labels for {shown} dots",
                    labelled.len()
                );
            }
            if spacing == 45.0 {
                assert!(
                    marks.iter().any(|m| m.row == 1 && m.label.is_some()),
                    "spacing {spacing}: second sub-row used"
                );
            }
            assert!(measured <= marks.len(), "each label measured at most once");
        }
    }

    #[test]
    fn selected_label_wins_and_bars_hold_labels_inside() {
        let mut marks: Vec<Mark> = (0..5).map(|i| point(i, 100.0 + 12.0 * i as f32)).collect();
        marks[3].selected = true;
        place(&mut marks, (0.0, 1000.0), SUB_ROWS, |_| 60.0);
        assert!(marks[3].label.is_some(), "selected event labelled");
        let mut bar = point(9, 0.0);
        bar.kind = MarkKind::Bar;
        bar.x = (-500.0, 400.0);
        let mut v = vec![bar];
        place(&mut v, (0.0, 1000.0), SUB_ROWS, |_| 100.0);
        assert_eq!(
            v[0].label,
            Some(LabelPlace::Inside(150.0, 250.0)),
            "centred in the visible part"
        );
        let mut crowded: Vec<Mark> = (0..3).map(|i| point(i, 500.0)).collect();
        place(&mut crowded, (0.0, 1000.0), 1, |_| 900.0);
        assert!(
            crowded.iter().all(|m| m.label.is_none()),
            "a 900 pt label beside x=500 fits on neither side"
        );
        assert!(crowded.iter().all(|m| m.row == 0), "one sub-row only");
    }
}
