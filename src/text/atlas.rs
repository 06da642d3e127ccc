//! The glyph atlas: each glyph is rasterized once with swash into an app-owned texture
//! (shelf packing), keyed by font, glyph, size, variation coordinates and subpixel offset.
//! Pages remember their dirty rectangle and upload only that part.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use egui::{Color32, ColorImage, TextureHandle, TextureOptions};
use swash::scale::{Render, ScaleContext, Source, StrikeWith, image::Content};
use swash::zeno::{Format, Vector};

use super::layout::FontInstance;

/// Side of one atlas page in pixels.
pub const PAGE_SIZE: usize = 1024;
/// Horizontal subpixel positions per pixel.
const SUBPIXEL_BINS: f32 = 4.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct GlyphKey {
    blob: u64,
    index: u32,
    glyph: u32,
    size_bits: u32,
    coords: u64,
    bin: u8,
}

/// Where a rasterized glyph sits in the atlas, and how to place it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AtlasGlyph {
    pub page: usize,
    /// Top-left of the glyph image in the page, pixels.
    pub pos: [usize; 2],
    pub size: [usize; 2],
    /// Offset from the pen position (whole pixel) to the image's top-left, pixels.
    pub left: i32,
    pub top: i32,
    /// A colour bitmap (emoji) rather than coverage: drawn untinted.
    pub color: bool,
}

struct Page {
    image: ColorImage,
    texture: Option<TextureHandle>,
    /// Shelves: (y, height, next free x).
    shelves: Vec<(usize, usize, usize)>,
    next_y: usize,
    dirty: Option<[usize; 4]>,
}

impl Page {
    fn new() -> Self {
        Self {
            image: ColorImage::filled([PAGE_SIZE, PAGE_SIZE], Color32::TRANSPARENT),
            texture: None,
            shelves: Vec::new(),
            next_y: 0,
            dirty: None,
        }
    }

    /// Finds room for a `w`×`h` image (with a 1 px gutter), or `None` when full.
    fn allocate(&mut self, w: usize, h: usize) -> Option<[usize; 2]> {
        let (w1, h1) = (w + 1, h + 1);
        if w1 > PAGE_SIZE || h1 > PAGE_SIZE {
            return None;
        }
        for shelf in &mut self.shelves {
            if h1 <= shelf.1 && h1 * 3 >= shelf.1 * 2 && shelf.2 + w1 <= PAGE_SIZE {
                let pos = [shelf.2, shelf.0];
                shelf.2 += w1;
                return Some(pos);
            }
        }
        if self.next_y + h1 > PAGE_SIZE {
            return None;
        }
        let y = self.next_y;
        self.shelves.push((y, h1, w1));
        self.next_y += h1;
        Some([0, y])
    }

    fn mark_dirty(&mut self, pos: [usize; 2], size: [usize; 2]) {
        let r = [pos[0], pos[1], pos[0] + size[0], pos[1] + size[1]];
        self.dirty = Some(match self.dirty {
            None => r,
            Some(d) => [
                d[0].min(r[0]),
                d[1].min(r[1]),
                d[2].max(r[2]),
                d[3].max(r[3]),
            ],
        });
    }
}

/// The rasterizer and its texture pages.
pub struct GlyphAtlas {
    scale_cx: ScaleContext,
    pages: Vec<Page>,
    map: HashMap<GlyphKey, Option<AtlasGlyph>>,
    /// Number of glyphs rasterized so far (for tests and benchmarks).
    pub rasterized: usize,
}

impl Default for GlyphAtlas {
    fn default() -> Self {
        Self {
            scale_cx: ScaleContext::new(),
            pages: Vec::new(),
            map: HashMap::new(),
            rasterized: 0,
        }
    }
}

impl GlyphAtlas {
    /// The atlas entry for a glyph drawn at pen x-position `x` (pixels), rasterizing it on
    /// first use. `None` for glyphs with no ink (spaces). Returns the subpixel-snapped
    /// whole-pixel pen x to place the image from.
    pub fn glyph(&mut self, font: &FontInstance, glyph: u32, x: f32) -> (Option<AtlasGlyph>, f32) {
        let whole = x.floor();
        let frac = ((x - whole) * SUBPIXEL_BINS).round() / SUBPIXEL_BINS;
        let (whole, frac) = if frac >= 1.0 {
            (whole + 1.0, 0.0)
        } else {
            (whole, frac)
        };
        let mut ch = std::collections::hash_map::DefaultHasher::new();
        font.coords.hash(&mut ch);
        let key = GlyphKey {
            blob: font.font.data.id(),
            index: font.font.index,
            glyph,
            size_bits: font.size_px.to_bits(),
            coords: ch.finish(),
            // Truncation is intended: frac is one of 0, 0.25, 0.5, 0.75.
            bin: (frac * SUBPIXEL_BINS) as u8,
        };
        if let Some(entry) = self.map.get(&key) {
            return (*entry, whole);
        }
        let entry = self.rasterize(font, glyph, frac);
        self.map.insert(key, entry);
        (entry, whole)
    }

    fn rasterize(&mut self, font: &FontInstance, glyph: u32, frac: f32) -> Option<AtlasGlyph> {
        self.rasterized += 1;
        let (w, h, left, top, pixels, color) = match self.render(font, glyph, frac) {
            Some(r) if r.0 > 0 && r.1 > 0 => r,
            // A missing glyph (.notdef) with no outline still needs to be visible.
            _ if glyph == 0 => placeholder_box(font.size_px),
            _ => return None,
        };
        let (page, pos) = self.place(w, h)?;
        let p = &mut self.pages[page];
        for row in 0..h {
            for col in 0..w {
                p.image.pixels[(pos[1] + row) * PAGE_SIZE + pos[0] + col] = pixels[row * w + col];
            }
        }
        p.mark_dirty(pos, [w, h]);
        Some(AtlasGlyph {
            page,
            pos,
            size: [w, h],
            left,
            top,
            color,
        })
    }

    fn render(
        &mut self,
        font: &FontInstance,
        glyph: u32,
        frac: f32,
    ) -> Option<(usize, usize, i32, i32, Vec<Color32>, bool)> {
        let font_ref = swash::FontRef::from_index(font.font.data.data(), font.font.index as usize)?;
        let mut scaler = self
            .scale_cx
            .builder(font_ref)
            .size(font.size_px)
            .hint(false)
            .normalized_coords(font.coords.iter().copied())
            .build();
        let id = u16::try_from(glyph).ok()?;
        let image = Render::new(&[
            Source::ColorOutline(0),
            Source::ColorBitmap(StrikeWith::BestFit),
            Source::Outline,
        ])
        .format(Format::Alpha)
        .offset(Vector::new(frac, 0.0))
        .render(&mut scaler, id)?;
        let w = image.placement.width as usize;
        let h = image.placement.height as usize;
        let (pixels, color) = match image.content {
            Content::Mask => (
                image
                    .data
                    .iter()
                    .map(|&a| Color32::from_white_alpha(a))
                    .collect(),
                false,
            ),
            Content::SubpixelMask => (
                image
                    .data
                    .chunks_exact(4)
                    .map(|p| Color32::from_white_alpha(p[3]))
                    .collect(),
                false,
            ),
            Content::Color => (
                image
                    .data
                    .chunks_exact(4)
                    .map(|p| Color32::from_rgba_unmultiplied(p[0], p[1], p[2], p[3]))
                    .collect(),
                true,
            ),
        };
        Some((
            w,
            h,
            image.placement.left,
            image.placement.top,
            pixels,
            color,
        ))
    }

    fn place(&mut self, w: usize, h: usize) -> Option<(usize, [usize; 2])> {
        if let Some(last) = self.pages.len().checked_sub(1)
            && let Some(pos) = self.pages[last].allocate(w, h)
        {
            return Some((last, pos));
        }
        let mut page = Page::new();
        let pos = page.allocate(w, h)?;
        self.pages.push(page);
        Some((self.pages.len() - 1, pos))
    }

    /// Uploads what changed since the last call; returns each page's texture id.
    pub fn upload(&mut self, ctx: &egui::Context) -> Vec<egui::TextureId> {
        for (i, p) in self.pages.iter_mut().enumerate() {
            match (&mut p.texture, p.dirty.take()) {
                (None, _) => {
                    p.texture = Some(ctx.load_texture(
                        format!("gahnegar-glyphs-{i}"),
                        p.image.clone(),
                        TextureOptions::LINEAR,
                    ));
                }
                (Some(tex), Some(d)) => {
                    let (w, h) = (d[2] - d[0], d[3] - d[1]);
                    let mut sub = ColorImage::filled([w, h], Color32::TRANSPARENT);
                    for row in 0..h {
                        let src = (d[1] + row) * PAGE_SIZE + d[0];
                        sub.pixels[row * w..(row + 1) * w]
                            .copy_from_slice(&p.image.pixels[src..src + w]);
                    }
                    tex.set_partial([d[0], d[1]], sub, TextureOptions::LINEAR);
                }
                (Some(_), None) => {}
            }
        }
        self.pages
            .iter()
            .filter_map(|p| p.texture.as_ref().map(TextureHandle::id))
            .collect()
    }

    /// Number of texture pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}

/// A hollow box for characters the font lacks.
fn placeholder_box(size_px: f32) -> (usize, usize, i32, i32, Vec<Color32>, bool) {
    // Truncation is intended: pixel sizes of a small box.
    let w = (size_px * 0.5).max(4.0) as usize;
    let h = (size_px * 0.7).max(6.0) as usize;
    let t = (size_px / 16.0).clamp(1.0, 3.0) as usize;
    let mut px = vec![Color32::TRANSPARENT; w * h];
    for y in 0..h {
        for x in 0..w {
            if x < t || y < t || x >= w - t || y >= h - t {
                px[y * w + x] = Color32::WHITE;
            }
        }
    }
    // Truncation is intended.
    (w, h, 1, h as i32, px, false)
}
