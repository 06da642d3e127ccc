//! Persian language tools: digits, date wording, search folding. No egui here.

pub mod dates;
pub mod digits;
pub mod sentence;
pub mod fold;
