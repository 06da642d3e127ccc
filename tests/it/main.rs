//! The integration tests, one binary of modules (ripgrep's `tests/` layout): every module
//! links the same build of egui, wgpu and the app once, and shares the helpers in `common`.
//! Each module's own doc comment says what it covers.

mod common;

mod bidi_conformance;
mod builtin_article;
mod chart_layout;
mod export;
mod fonts;
mod fuzz;
mod html_browser;
mod import;
mod import_formats;
mod library;
mod pdf_roundtrip;
mod perf_complexity;
mod recovery;
mod reimport;
mod store;
mod svg_renderers;
mod text_caret;
mod text_engine;
mod ui_categories;
mod ui_edit;
mod ui_field;
mod ui_fonts;
mod ui_jobs;
mod ui_library;
mod ui_long_block;
mod ui_reimport;
mod ui_review;
mod ui_shell;
mod ui_sources_edit;
mod ui_text;
mod ui_timeline;
mod ui_workspace;
