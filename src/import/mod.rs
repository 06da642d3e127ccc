//! Files in, articles out. Data flows one way: a file is read here into the
//! [`crate::model`] types, which the chart, the UI and the exporters read.
//!
//! - [`text`]: a text file (any encoding [`crate::persian::decode`] reads) is decoded,
//!   repaired, split into title, datelines, headings and paragraphs, its dates tagged as
//!   events and its sources and claims found;
//! - [`feed`]: a CSV export of several news items becomes one section per item;
//! - [`timelinejs`] and [`csv`]: other tools' timelines (Knight Lab TimelineJS JSON, CSV
//!   of events) taken back, sharing [`events`];
//! - [`load_any`] opens any file Gahnegar reads, by its extension.

pub mod csv;
pub mod events;
pub mod feed;
mod text;
pub mod timelinejs;

pub use csv::from_csv;
pub use events::{InteropError, load_any};
pub use text::*;
pub use timelinejs::from_timelinejs;
