//! Every size of the chart, in points, in one place: the widget and the image export
//! read these, so their lanes, marks and labels agree.

/// Height of one sub-row of a lane.
pub const SUB_H: f32 = 24.0;
/// Space above the first and below the last sub-row of a lane.
pub const LANE_PAD: f32 = 5.0;
/// Height of an event's bar.
pub const BAR_H: f32 = 16.0;
/// Height of the coloured base line of a bar.
pub const BAR_BASE_H: f32 = 3.0;
/// Radius of an event's dot.
pub const DOT_RADIUS: f32 = 5.0;
/// Extra radius of the selection ring around a dot (part of the dot's extent).
pub const SELECTED_RING: f32 = 4.5;
/// Space between a label and its own marker.
pub const GAP: f32 = 5.0;
/// Least space between a label and anything that is not its own (another label or
/// marker), so a label never sits between two marks as if it belonged to both.
pub const FOREIGN_GAP: f32 = 18.0;
/// Least width checked free beside a marker before its label is measured.
pub const MIN_LABEL_ROOM: f32 = 28.0;
/// Farthest a label's box may be from its marker's box (a displaced label, tied to it by a
/// leader line).
pub const LABEL_REACH: f32 = SUB_H + 2.0 * GAP + 4.0;
/// Markers whose centres are closer than this merge into a cluster.
pub const CLUSTER_POINTS: f64 = 14.0;
/// Bars narrower than this are drawn as points (and may cluster).
pub const MIN_BAR_POINTS: f64 = 10.0;
/// Sub-rows bars may take in a lane; further overlapping bars are drawn as points.
pub const BAR_ROWS: usize = 3;
/// Most sub-rows of a lane in the widget (lanes grow to what they need, up to this).
pub const WIDGET_ROWS: usize = 6;
/// Most sub-rows of a lane in an exported image.
pub const EXPORT_ROWS: usize = 24;

/// Height of one row of axis ticks.
pub const TICK_ROW_H: f32 = 24.0;
/// Text sizes.
pub const LABEL_SIZE: f32 = 12.0;
pub const LABEL_WEIGHT: f32 = 450.0;
pub const SELECTED_WEIGHT: f32 = 700.0;
pub const TICK_SIZE: f32 = 11.0;
pub const LANE_LABEL_SIZE: f32 = 12.5;
pub const LANE_LABEL_WEIGHT: f32 = 600.0;
pub const CLUSTER_TEXT_SIZE: f32 = 10.5;
/// Least space between two tick labels of a row.
pub const TICK_LABEL_GAP: f32 = 8.0;
/// Radius of a lane's colour swatch beside its name.
pub const SWATCH_RADIUS: f32 = 4.5;

/// Radius of a cluster's circle with `count` members.
pub fn cluster_radius(count: u32) -> f32 {
    let digits = count.max(1).ilog10() as f32;
    8.5 + 3.0 * digits
}

/// Length of an axis tick: major, labelled minor, unlabelled sub-tick.
pub fn tick_len(major: bool, labelled: bool) -> f32 {
    if major {
        7.0
    } else if labelled {
        5.0
    } else {
        3.0
    }
}

/// Height of a lane of `rows` sub-rows.
pub fn lane_height(rows: usize) -> f32 {
    rows.max(1) as f32 * SUB_H + 2.0 * LANE_PAD
}

/// Centre y of sub-row `row`, from the lane's top.
pub fn row_y(row: u8) -> f32 {
    LANE_PAD + SUB_H * (f32::from(row) + 0.5)
}
