//! Persian language tools: digits, date wording, search folding, decoding, repair, the
//! date tagger and the attribution finder. No egui here.

pub mod attribution;
pub mod date_entry;
pub mod dateline;
pub mod dates;
pub mod decode;
pub mod digits;
pub mod fold;
pub mod repair;
pub mod sentence;
pub mod tagger;
