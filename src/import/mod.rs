//! Files in, articles out. Data flows one way: a file is read here into the
//! [`crate::model`] types, which the chart, the UI and the exporters read.
//!
//! - [`text`]: a text file (any encoding [`crate::persian::decode`] reads) is decoded,
//!   repaired, split into title, datelines, headings and paragraphs, its dates tagged as
//!   events and its sources and claims found;
//! - [`feed`]: a CSV export of several news items becomes one section per item;
//! - [`timelinejs`] and [`csv`]: other tools' timelines (Knight Lab TimelineJS JSON, CSV
//!   of events) taken back, sharing [`events`];
//! - [`html`] and [`telegram`]: saved web pages and Telegram channel exports;
//! - [`import_file`] reads any of these, told apart by content ([`sniff`]), and
//!   [`load_any`] opens one as an article.

mod any;
pub mod csv;
pub mod events;
pub mod feed;
pub mod html;
pub mod pdf;
pub mod telegram;
mod text;
pub mod timelinejs;

pub use any::{EXTENSIONS, Extracted, FileKind, extract_text, import_file, sniff};
pub use csv::from_csv;
pub use events::{InteropError, load_any};
pub use text::*;
pub use timelinejs::from_timelinejs;
