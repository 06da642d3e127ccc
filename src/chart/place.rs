//! Where each mark of a lane and its label go: marks and labels are stacked in sub-rows so
//! that no label overlaps another label or a mark that is not its own, and every label
//! stays within reach of its mark.
//!
//! Each mark, in order of importance (the selected event, marked events, clusters, bars by
//! start, points by time), goes with its label into the first sub-row where both fit: a
//! bar's label inside the bar when it fits there, else beside the marker, on the later side
//! first. When no sub-row holds both, the marker takes the first sub-row free for it and the
//! label goes to the next (or previous) sub-row, starting at the marker's centre and tied to
//! it by a leader line. A label that fits nowhere is left out (the mark's tooltip and
//! AccessKit name still give it). A marker that finds no free sub-row at all (a crowd)
//! takes the sub-row with the fewest markers in its way and the labels there that it would
//! cover are removed: labels yield to marks, so a badge never covers a label.
//!
//! Each sub-row keeps its occupied spans sorted, so a look-up is a binary search; the cost
//! of a lane is O(marks · rows · log marks), and labels are measured only when there is
//! room for some label at all.

use super::marks::{Label, Mark, MarkKind};
use super::measure::Measure;
use super::sizes::{
    FOREIGN_GAP, GAP, LABEL_REACH, LABEL_SIZE, LABEL_WEIGHT, MIN_LABEL_ROOM, SELECTED_WEIGHT,
};

/// What a span of a sub-row holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holds {
    Marker,
    Label,
}

/// An occupied x range of a sub-row and the mark it belongs to.
#[derive(Clone, Copy, Debug)]
struct Span {
    from: f32,
    to: f32,
    owner: usize,
    holds: Holds,
}

/// One sub-row: spans sorted by start, and the longest span's length (a look-up scans back
/// from the binary search's answer no further than that).
#[derive(Clone, Debug, Default)]
struct Row {
    spans: Vec<Span>,
    longest: f32,
}

/// Space kept between a new thing and an existing one.
fn gap(new: Holds, old: Holds) -> f32 {
    match (new, old) {
        (Holds::Marker, Holds::Marker) => 1.0,
        _ => FOREIGN_GAP,
    }
}

impl Row {
    /// The spans that a new `holds` over `from..to` would come too close to.
    fn conflicts(&self, (a, b): (f32, f32), holds: Holds) -> impl Iterator<Item = &Span> {
        let hi = self.spans.partition_point(|s| s.from < b + FOREIGN_GAP);
        let reach = a - FOREIGN_GAP - self.longest;
        self.spans[..hi]
            .iter()
            .rev()
            .take_while(move |s| s.from >= reach)
            .filter(move |s| {
                let g = gap(holds, s.holds);
                s.from < b + g && s.to > a - g
            })
    }

    fn free(&self, range: (f32, f32), holds: Holds) -> bool {
        self.conflicts(range, holds).next().is_none()
    }

    fn take(&mut self, (from, to): (f32, f32), owner: usize, holds: Holds) {
        let i = self.spans.partition_point(|s| s.from < from);
        self.spans.insert(
            i,
            Span {
                from,
                to,
                owner,
                holds,
            },
        );
        self.longest = self.longest.max(to - from);
    }

    fn remove_label_of(&mut self, owner: usize) {
        self.spans
            .retain(|s| !(s.owner == owner && s.holds == Holds::Label));
    }
}

/// Where the marks are placed: the chart's x range `bounds` (labels stay inside it), the
/// number of sub-rows a lane may use, and which side is later in time.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub bounds: (f32, f32),
    pub max_rows: usize,
    pub later_left: bool,
}

/// The order marks are placed in: the selected event, marked events, clusters, bars, the
/// rest; by time within each group.
fn rank(m: &Mark) -> u8 {
    if m.selected {
        0
    } else if m.marked && m.kind != MarkKind::Cluster {
        1
    } else {
        match m.kind {
            MarkKind::Cluster => 2,
            MarkKind::Bar => 3,
            MarkKind::Point => 4,
        }
    }
}

/// Places `marks` (see the module's doc): sets each mark's `row` and `label`. `text_of`
/// gives a mark's label text (None: no label). Returns the number of sub-rows used (at
/// least 1).
pub fn place<'a>(
    marks: &mut [Mark],
    frame: Frame,
    text_of: impl Fn(&Mark) -> Option<&'a str>,
    measure: &mut dyn Measure,
) -> usize {
    let max_rows = frame.max_rows.clamp(1, usize::from(u8::MAX));
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| rank(&marks[i]));
    let (lo, hi) = frame.bounds;
    let ext_of = |m: &Mark| {
        (
            m.x.0.max(lo - 60.0),
            m.x.1.min(hi + 60.0).max(m.x.0.max(lo - 60.0)),
        )
    };
    let inside_bounds = |(a, b): (f32, f32)| a >= lo && b <= hi;
    let mut rows: Vec<Row> = Vec::new();
    let mut used = 1usize;
    for i in order {
        let ext = ext_of(&marks[i]);
        marks[i].label = None;
        let text = if marks[i].kind == MarkKind::Cluster {
            None
        } else {
            text_of(&marks[i])
        };
        // Candidate label boxes beside the marker for a label `w` wide, later side first.
        let beside = |m: &Mark, w: f32| {
            let before = (m.x.0 - GAP - w, m.x.0 - GAP);
            let after = (m.x.1 + GAP, m.x.1 + GAP + w);
            if frame.later_left {
                [before, after]
            } else {
                [after, before]
            }
        };
        // A displaced label in another sub-row starts at the marker's centre.
        let displaced = |m: &Mark, w: f32| {
            let toward_later = if frame.later_left {
                (m.cx + 2.0 - w, m.cx + 2.0)
            } else {
                (m.cx - 2.0, m.cx - 2.0 + w)
            };
            let other = if frame.later_left {
                (m.cx - 2.0, m.cx - 2.0 + w)
            } else {
                (m.cx + 2.0 - w, m.cx + 2.0)
            };
            [toward_later, other].map(|(a, b)| {
                // Kept inside the chart, within reach of the marker.
                let shift = (lo - a).max(0.0) - (b - hi).max(0.0);
                (a + shift, b + shift, shift.abs() <= LABEL_REACH)
            })
        };
        let vis = (marks[i].x.0.max(lo), marks[i].x.1.min(hi));
        let bar = marks[i].kind == MarkKind::Bar;
        let grow = |rows: &mut Vec<Row>, r: usize| {
            while rows.len() <= r {
                rows.push(Row::default());
            }
        };
        // Is there room for some label at all? Only then is the label measured.
        let room = text.is_some() && {
            let m = &marks[i];
            (bar && vis.1 - vis.0 >= MIN_LABEL_ROOM + 2.0 * GAP)
                || (0..max_rows).any(|r| {
                    let free = |range, holds| rows.get(r).is_none_or(|row| row.free(range, holds));
                    free(ext, Holds::Marker)
                        && (beside(m, MIN_LABEL_ROOM)
                            .into_iter()
                            .any(|x| inside_bounds(x) && free(x, Holds::Label))
                            || [r + 1, r.wrapping_sub(1)].into_iter().any(|r1| {
                                r1 < max_rows
                                    && rows.get(r1).is_none_or(|row| {
                                        row.free((m.cx - 2.0, m.cx + 2.0), Holds::Label)
                                    })
                            }))
                })
        };
        let width = match text {
            Some(t) if room => {
                let weight = if marks[i].selected {
                    SELECTED_WEIGHT
                } else {
                    LABEL_WEIGHT
                };
                Some(measure.text_width(t, LABEL_SIZE, weight))
            }
            _ => None,
        };
        // 1. A sub-row that holds the marker and its label side by side (or inside).
        let mut done = false;
        for r in 0..max_rows {
            let free = |rows: &Vec<Row>, range, holds| {
                rows.get(r).is_none_or(|row| row.free(range, holds))
            };
            if !free(&rows, ext, Holds::Marker) {
                continue;
            }
            let Some(w) = width else {
                grow(&mut rows, r);
                rows[r].take(ext, i, Holds::Marker);
                marks[i].row = r as u8;
                used = used.max(r + 1);
                done = true;
                break;
            };
            let inside = (bar && w + 2.0 * GAP <= vis.1 - vis.0).then(|| {
                let c = (vis.0 + vis.1) * 0.5;
                (c - w * 0.5, c + w * 0.5)
            });
            let spot = inside.map(|x| (x, true)).or_else(|| {
                beside(&marks[i], w)
                    .into_iter()
                    .find(|&x| inside_bounds(x) && free(&rows, x, Holds::Label))
                    .map(|x| (x, false))
            });
            if let Some((x, inside)) = spot {
                grow(&mut rows, r);
                rows[r].take(ext, i, Holds::Marker);
                if !inside {
                    rows[r].take(x, i, Holds::Label);
                }
                marks[i].row = r as u8;
                marks[i].label = Some(Label {
                    x,
                    row: r as u8,
                    inside,
                    width: w,
                    leader: None,
                });
                used = used.max(r + 1);
                done = true;
                break;
            }
        }
        if done {
            continue;
        }
        // 2. The marker in the first sub-row free for it; its label displaced to a
        // neighbouring sub-row with a leader line.
        let first_free =
            (0..max_rows).find(|&r| rows.get(r).is_none_or(|row| row.free(ext, Holds::Marker)));
        let r0 = match first_free {
            Some(r) => r,
            None => {
                // 3. A crowd: the sub-row with the fewest markers in the way; labels there
                // that the marker would cover are removed.
                let cost = |r: usize| {
                    rows.get(r).map_or(0, |row| {
                        row.conflicts(ext, Holds::Marker)
                            .filter(|s| s.holds == Holds::Marker)
                            .count()
                    })
                };
                let r = (0..max_rows).min_by_key(|&r| cost(r)).unwrap_or(0);
                grow(&mut rows, r);
                // Labels beside (their spans) and labels inside the bars it covers.
                let evicted: Vec<usize> = rows[r]
                    .conflicts(ext, Holds::Marker)
                    .filter(|s| {
                        s.holds == Holds::Label || marks[s.owner].label.is_some_and(|l| l.inside)
                    })
                    .map(|s| s.owner)
                    .collect();
                for o in evicted {
                    if let Some(l) = marks[o].label.take()
                        && let Some(row) = rows.get_mut(usize::from(l.row))
                    {
                        row.remove_label_of(o);
                    }
                }
                r
            }
        };
        grow(&mut rows, r0);
        rows[r0].take(ext, i, Holds::Marker);
        marks[i].row = r0 as u8;
        used = used.max(r0 + 1);
        let Some(w) = width else { continue };
        'rows: for r1 in [r0 + 1, r0.wrapping_sub(1)] {
            if r1 >= max_rows {
                continue;
            }
            for (a, b, near) in displaced(&marks[i], w) {
                if near
                    && rows
                        .get(r1)
                        .is_none_or(|row| row.free((a, b), Holds::Label))
                {
                    grow(&mut rows, r1);
                    rows[r1].take((a, b), i, Holds::Label);
                    let attach = marks[i].cx.clamp(a + 2.0, b - 2.0);
                    marks[i].label = Some(Label {
                        x: (a, b),
                        row: r1 as u8,
                        inside: false,
                        width: w,
                        leader: Some((marks[i].cx, attach)),
                    });
                    used = used.max(r1 + 1);
                    break 'rows;
                }
            }
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::measure::PerChar;
    use crate::chart::sizes::DOT_RADIUS;

    fn point(item: u32, cx: f32) -> Mark {
        Mark {
            kind: MarkKind::Point,
            item,
            cx,
            count: 1,
            days: (0.0, 1.0),
            x: (cx - DOT_RADIUS, cx + DOT_RADIUS),
            bracket: false,
            members: Vec::new(),
            selected: false,
            marked: false,
            row: 0,
            label: None,
        }
    }

    const FRAME: Frame = Frame {
        bounds: (0.0, 1000.0),
        max_rows: 4,
        later_left: true,
    };

    /// Label boxes and marker boxes as (row, from, to).
    fn check(marks: &[Mark], what: &str) {
        let labels: Vec<(usize, u8, (f32, f32))> = marks
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.label.map(|l| (i, l.row, l.x)))
            .collect();
        for (k, &(i, row, x)) in labels.iter().enumerate() {
            assert!(
                x.0 >= 0.0 && x.1 <= 1000.0,
                "{what}: label {x:?} out of bounds"
            );
            for &(j, row2, y) in &labels[k + 1..] {
                assert!(
                    row != row2 || x.1 <= y.0 || y.1 <= x.0,
                    "{what}: labels of {i} {x:?} and {j} {y:?} overlap in row {row}"
                );
            }
            for (j, m) in marks.iter().enumerate() {
                let inside_own = j == i && marks[i].label.is_some_and(|l| l.inside);
                if m.row == row && !inside_own {
                    assert!(
                        m.x.1 <= x.0 || x.1 <= m.x.0,
                        "{what}: label of {i} {x:?} covers mark {j} {:?}",
                        m.x
                    );
                }
            }
        }
    }

    #[test]
    fn labels_never_overlap_marks_or_labels() {
        for spacing in [8.0f32, 20.0, 45.0, 90.0, 300.0] {
            let mut marks: Vec<Mark> = (0..40)
                .map(|i| point(i, 20.0 + spacing * i as f32))
                .collect();
            let used = place(
                &mut marks,
                FRAME,
                |_| Some("برچسب رویداد"),
                &mut PerChar(6.0),
            );
            check(&marks, &format!("spacing {spacing}"));
            assert!(used <= FRAME.max_rows, "spacing {spacing}: {used} rows");
            if spacing >= 90.0 {
                let shown = marks.iter().filter(|m| m.x.1 <= 1000.0).count();
                let labelled = marks.iter().filter(|m| m.label.is_some()).count();
                assert!(
                    labelled >= shown,
                    "spacing {spacing}: {labelled} of {shown}"
                );
            }
        }
    }

    #[test]
    fn a_bar_holds_its_label_inside_and_displaced_labels_have_leaders() {
        let mut bar = point(9, 0.0);
        bar.kind = MarkKind::Bar;
        bar.x = (-500.0, 400.0);
        let mut v = vec![bar];
        place(&mut v, FRAME, |_| Some("abcdefghij"), &mut PerChar(10.0));
        let l = v[0].label.unwrap_or_else(|| panic!("no label"));
        assert!(
            l.inside && l.x == (150.0, 250.0),
            "{l:?}: centred in the visible part"
        );
        // Three dots 20 pt apart: labels 100 pt wide stack in sub-rows.
        let mut v: Vec<Mark> = (0..3).map(|i| point(i, 500.0 + 20.0 * i as f32)).collect();
        place(&mut v, FRAME, |_| Some("abcdefghij"), &mut PerChar(10.0));
        check(&v, "three dots");
        assert!(v.iter().all(|m| m.label.is_some()), "{v:?}");
        for m in v.iter().filter(|m| m.label.is_some_and(|l| l.row != m.row)) {
            assert!(m.label.is_some_and(|l| l.leader.is_some()), "{m:?}");
        }
    }
}
