//! The Persian text engine for egui: parley shapes and breaks, [`bidi`] orders each line
//! (UAX #9 with rule L1, which parley skips), [`atlas`] rasterizes glyphs once with swash,
//! and [`widget`] shows a paragraph as one textured mesh with hover, click, selection and
//! copy. It knows nothing of articles.
//!
//! ```no_run
//! # fn demo(ui: &mut egui::Ui) {
//! use gahnegar::text::{Align, Paragraph, TextJob};
//! let out = Paragraph::new(TextJob::new("در سال ۲۰۱۹ (INSS) گزارش داد.").align(Align::Justify)).show(ui);
//! if out.response.hovered() { /* … */ }
//! # }
//! ```

pub mod atlas;
pub mod bidi;
pub mod edit;
pub mod field;
pub mod fonts;
pub mod layout;
pub mod pieces;
mod types;
pub mod widget;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

pub use field::{FieldOutput, TextField, field_selection, text_field_has_focus};
pub use layout::{ShapedText, VisualCluster, VisualLine};
pub use types::{Align, Direction, Span, SpanFormat, TextJob, TextStyle};
pub use widget::{Paragraph, ParagraphOutput, measure_text, paint_text};

use atlas::GlyphAtlas;

/// How many passes a cached layout is kept at least after its last use.
const CACHE_TTL_PASSES: u64 = 120;
/// Bytes of text whose layouts the cache keeps however long unused. A layout costs about
/// 90 bytes of memory per byte of text, so this holds ~23 MB: a few dozen screens of an
/// article, which its pane lays out again ahead of the reader when they scroll back to
/// text dropped from here (the memory budget is 200 MB with a 1 MB article). Past this,
/// or past
/// [`CACHE_MAX_ENTRIES`], the least recently used layouts unused for [`CACHE_TTL_PASSES`]
/// passes are dropped until the cache is within both.
const CACHE_TEXT_BUDGET: usize = 256 << 10;
/// Most layouts kept (short labels come and go with the timeline's zoom).
const CACHE_MAX_ENTRIES: usize = 4096;

/// Long-lived text state: font and layout contexts, the glyph atlas and the layout cache.
pub struct TextEngine {
    fcx: parley::FontContext,
    lcx: parley::LayoutContext<()>,
    pub atlas: GlyphAtlas,
    pub(crate) cache: HashMap<u64, CacheEntry>,
    pass: u64,
    /// Bytes of text of the cached layouts.
    cached_text: usize,
    /// Number of paragraphs shaped so far (for tests and benchmarks).
    pub shaped: usize,
    /// Bytes of text shaped so far: how callers budget the shaping they do per frame.
    pub shaped_bytes: usize,
}

pub(crate) struct CacheEntry {
    pub(crate) shaped: ShapedText,
    last_used: u64,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    pub fn new() -> Self {
        Self {
            fcx: fonts::font_context(),
            lcx: parley::LayoutContext::new(),
            atlas: GlyphAtlas::default(),
            cache: HashMap::new(),
            pass: 0,
            cached_text: 0,
            shaped: 0,
            shaped_bytes: 0,
        }
    }

    /// Marks the start of pass `pass`; over budget, layouts unused for a while are dropped,
    /// least recently used first.
    pub fn begin_pass(&mut self, pass: u64) {
        if pass == self.pass {
            return;
        }
        self.pass = pass;
        let over = |text: usize, n: usize| text > CACHE_TEXT_BUDGET || n > CACHE_MAX_ENTRIES;
        if !over(self.cached_text, self.cache.len()) {
            return;
        }
        let mut stale: Vec<(u64, u64)> = self
            .cache
            .iter()
            .filter(|(_, e)| pass.saturating_sub(e.last_used) >= CACHE_TTL_PASSES)
            .map(|(k, e)| (e.last_used, *k))
            .collect();
        stale.sort_unstable();
        for (_, key) in stale {
            if !over(self.cached_text, self.cache.len()) {
                break;
            }
            if let Some(e) = self.cache.remove(&key) {
                self.cached_text -= e.shaped.text.len();
            }
        }
    }

    /// The layout of `job` broken to `max_width` points (`None`: no wrapping) at `scale`
    /// pixels per point. Shapes only when text, shaping styles or scale changed; re-breaks
    /// only when the width or alignment changed.
    pub fn layout(&mut self, job: &TextJob, max_width: Option<f32>, scale: f32) -> &ShapedText {
        let key = job.shape_hash(scale);
        let pass = self.pass;
        let entry = match self.cache.entry(key) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                self.shaped += 1;
                self.shaped_bytes += job.text.len();
                self.cached_text += job.text.len();
                v.insert(CacheEntry {
                    shaped: ShapedText::shape(&mut self.fcx, &mut self.lcx, job, scale),
                    last_used: pass,
                })
            }
        };
        entry.last_used = pass;
        entry
            .shaped
            .break_lines(max_width.map(|w| (w * scale).max(1.0)), job.align);
        &entry.shaped
    }

    /// Whether the layout with cache key `key` ([`TextJob::shape_hash`]) is cached (laying
    /// it out would not shape); if it is, it counts as used in this pass, so it is kept as
    /// long as callers keep asking for it.
    pub fn touch(&mut self, key: u64) -> bool {
        let pass = self.pass;
        self.cache
            .get_mut(&key)
            .map(|e| e.last_used = pass)
            .is_some()
    }

    /// Bytes of text of the cached layouts (what their memory is proportional to).
    pub fn cached_text(&self) -> usize {
        self.cached_text
    }

    /// Number of cached layouts.
    pub fn cached_layouts(&self) -> usize {
        self.cache.len()
    }
}

/// The app-wide engine, kept in the egui context.
#[derive(Clone, Default)]
pub struct SharedEngine(Arc<Mutex<TextEngine>>);

impl SharedEngine {
    pub fn lock(&self) -> MutexGuard<'_, TextEngine> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The engine stored in `ctx` (created on first use).
pub fn engine(ctx: &egui::Context) -> SharedEngine {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<SharedEngine>(egui::Id::unique("gahnegar-text-engine"))
            .clone()
    })
}

/// Sets the label of the copy command in paragraph context menus (UI language).
pub fn set_copy_label(ctx: &egui::Context, label: &str) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique("gahnegar-copy-label"), label.to_owned()));
}
