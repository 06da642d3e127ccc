//! The size contract at its limit (issue 15): the largest text import accepts, imported,
//! saved as RON and loaded again. Minutes and gigabytes, so it is an example run by hand
//! in release rather than a test; `store::imported_text_fits_the_size_contract` checks
//! the same contract on every `cargo test` at a smaller size.
//!
//! ```sh
//! cargo run --release --example largest_import
//! ```

#[path = "../benches/common/mod.rs"]
mod common;

use gahnegar::store;

fn main() {
    let limit = gahnegar::persian::decode::MAX_INPUT_BYTES;
    let text = common::realistic_text(limit - 1024);
    assert!(text.len() <= limit);
    let imported = gahnegar::import::import_bytes(text.as_bytes(), "largest.txt")
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("largest.ron");
    store::save(&imported.article, &path).unwrap_or_else(|e| panic!("{e}"));
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("{} bytes of text -> {size} bytes of RON", text.len());
    let back = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.events.len(), imported.article.events.len());
    println!("reopened: {} events", back.events.len());
}
