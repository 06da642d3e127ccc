//! The timeline's headless layout, shared by the timeline widget (`ui::timeline`) and the
//! image export (`export::scene`): one [`Transform`] converts time to x, [`ticks`] label the
//! axis in both calendars, the cached [`EventIndex`] culls events by time, [`marks`] clusters
//! them per lane, [`place`] stacks marks and labels in sub-rows so that no label covers
//! another label or a mark that is not its own, and [`paint`] turns the result into a flat
//! list of [`Shape`]s that the widget paints with egui and the export writes as SVG or PNG.
//! All sizes are in [`sizes`], all colours in [`palette`].
//!
//! Nothing here knows egui or files. Label widths come from a [`Measure`] (the text
//! engine, which lays out headless).
//!
//! ```
//! use gahnegar::chart::{ChartSpec, Clustering, EventIndex, Filters, Lang, TimeDirection,
//!     Transform, layout_lanes};
//! let article = gahnegar::store::builtin();
//! let index = EventIndex::build(&article);
//! let tr = Transform::new(0.0, 900.0, index.span.unwrap_or((0.0, 1.0)), TimeDirection::RightToLeft);
//! let mut engine = gahnegar::text::TextEngine::new();
//! let none = Default::default();
//! let spec = ChartSpec {
//!     article: &article,
//!     index: &index,
//!     transform: &tr,
//!     filters: Filters { visible: None, marked: &none, selected: None },
//!     clustering: Clustering::Auto,
//!     max_rows: 6,
//! };
//! let lanes = layout_lanes(&spec, &index.shown_lanes(None), &mut engine);
//! assert!(!lanes.is_empty());
//! ```

pub mod index;
pub mod lang;
pub mod layout;
pub mod marks;
pub mod measure;
pub mod merged;
pub mod paint;
pub mod palette;
pub mod place;
pub mod sizes;
pub mod ticks;
pub mod transform;
pub mod travel;

use serde::{Deserialize, Serialize};

use crate::persian::dates::Calendar;

pub use index::{EventIndex, EventSet, Item, LaneIndex, article_key, event_days, lane_category};
pub use lang::{Lang, isolate};
pub use layout::{ChartSpec, Clustering, LaneLayout, layout_lanes};
pub use marks::{Filters, Label, Mark, MarkKind};
pub use measure::Measure;
pub use paint::{HAlign, Shape, ShapeItem};
pub use palette::Rgba;
pub use ticks::{Tick, ticks};
pub use transform::{MAX_SPAN_DAYS, MIN_POINTS_PER_DAY, Transform};

/// Which calendar(s) the axis is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarMode {
    #[default]
    Gregorian,
    SolarHijri,
    /// Two tick rows: Gregorian above, Solar Hijri below.
    Both,
}

impl CalendarMode {
    /// The calendars of the tick rows, top first.
    pub fn calendars(self) -> &'static [Calendar] {
        match self {
            CalendarMode::Gregorian => &[Calendar::Gregorian],
            CalendarMode::SolarHijri => &[Calendar::SolarHijri],
            CalendarMode::Both => &[Calendar::Gregorian, Calendar::SolarHijri],
        }
    }

    /// The calendar of single dates (tooltips, the range text): Solar Hijri only when it
    /// is the only one shown.
    pub fn main(self) -> Calendar {
        if self == CalendarMode::SolarHijri {
            Calendar::SolarHijri
        } else {
            Calendar::Gregorian
        }
    }
}

/// Which way time flows on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeDirection {
    /// Later dates further left (the Persian reading direction).
    #[default]
    RightToLeft,
    LeftToRight,
}

/// The name of a calendar as the axis labels its row.
pub fn calendar_name(calendar: Calendar, lang: Lang) -> &'static str {
    match (calendar, lang) {
        (Calendar::Gregorian, Lang::Fa) => "میلادی",
        (Calendar::Gregorian, Lang::En) => "Gregorian",
        (Calendar::SolarHijri, Lang::Fa) => "خورشیدی",
        (Calendar::SolarHijri, Lang::En) => "Solar Hijri",
    }
}
