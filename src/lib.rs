//! Gahnegar (گاه‌نگار): a desktop reader for Persian news and analysis.
//!
//! Data flows one way: file -> `store`/`import` -> [`model`] -> [`chart`] -> [`ui`] / [`export`].

pub mod bounded;
pub mod chart;
pub mod cli;
pub mod export;
pub mod import;
pub mod library;
pub mod model;
pub mod persian;
pub mod recovery;
pub mod store;
pub mod text;
pub mod ui;
pub mod work;
