//! The chart's lanes for one frame: for each shown lane, its marks (culled and clustered
//! by [`super::marks`]) placed in sub-rows with their labels by [`super::place`], and the
//! lane's height. Coordinates: x in points on screen (the [`Transform`]'s), y from the top
//! of the lane area.

use crate::model::Article;

use super::index::EventIndex;
use super::marks::{Filters, Mark, lane_marks};
use super::measure::Measure;
use super::place::{Frame, place};
use super::sizes::lane_height;
use super::transform::Transform;
use super::{TimeDirection, transform};

/// When nearby events are merged into a counted cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clustering {
    /// Events closer than a dot merge (the widget, not at its closest zoom).
    Auto,
    /// Up to a few events of one place are drawn one by one (the widget at its closest
    /// zoom, where zooming in cannot separate them).
    Closest,
    /// Every event is drawn (an image, which has no zoom).
    Never,
}

impl Clustering {
    /// [`Clustering::Closest`] at the closest zoom of `tr`, [`Clustering::Auto`] otherwise.
    pub fn for_zoom(tr: &Transform) -> Self {
        let (a, b) = tr.range();
        if b - a <= transform::min_span(tr.width()) * 1.001 {
            Clustering::Closest
        } else {
            Clustering::Auto
        }
    }
}

/// What to lay out.
pub struct ChartSpec<'a> {
    pub article: &'a Article,
    pub index: &'a EventIndex,
    /// Time to x; its x range is where labels must stay.
    pub transform: &'a Transform,
    pub filters: Filters<'a>,
    pub clustering: Clustering,
    /// Most sub-rows per lane.
    pub max_rows: usize,
}

/// One lane, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneLayout {
    /// Index into [`EventIndex::lanes`].
    pub lane: usize,
    /// Top of the lane from the top of the lane area, points.
    pub top: f32,
    pub height: f32,
    /// Sub-rows used.
    pub rows: usize,
    /// Marks in time order, each with its sub-row and label.
    pub marks: Vec<Mark>,
}

/// Lays out the lanes `shown` (indices into [`EventIndex::lanes`]) one under another.
pub fn layout_lanes(
    spec: &ChartSpec<'_>,
    shown: &[usize],
    measure: &mut dyn Measure,
) -> Vec<LaneLayout> {
    let tr = spec.transform;
    let (left, right) = tr.x_range();
    let frame = Frame {
        bounds: (left as f32 + 2.0, right as f32 - 2.0),
        max_rows: spec.max_rows,
        later_left: tr.direction() == TimeDirection::RightToLeft,
    };
    let mut top = 0.0;
    let mut out = Vec::with_capacity(shown.len());
    for &l in shown {
        let Some(lane) = spec.index.lanes.get(l) else {
            continue;
        };
        let mut marks = lane_marks(spec.index, lane, tr, &spec.filters, spec.clustering);
        let text_of = |m: &Mark| {
            spec.index
                .items
                .get(m.item as usize)
                .and_then(|it| spec.article.events.get(it.event as usize))
                .map(|e| e.label.as_str())
        };
        let rows = place(&mut marks, frame, text_of, measure);
        let height = lane_height(rows);
        out.push(LaneLayout {
            lane: l,
            top,
            height,
            rows,
            marks,
        });
        top += height;
    }
    out
}

/// Puts `lanes` one under another again (after some were removed).
pub fn restack(lanes: &mut [LaneLayout]) {
    let mut top = 0.0;
    for l in lanes {
        l.top = top;
        top += l.height;
    }
}
