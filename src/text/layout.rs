//! Shaped paragraphs and their visual lines: parley shapes and breaks, the engine orders
//! each line's clusters (UAX #9 L1 + L2), aligns and justifies them, and answers hit tests
//! and selection geometry. All coordinates here are physical pixels relative to the
//! paragraph's top-left corner.

use std::ops::Range;
use std::sync::Arc;

use parley::{FontData, Layout, LayoutContext, StyleProperty};

use super::bidi::{BidiLevels, visual_order};
use super::fonts;
use super::types::{Align, Direction, TextJob};

/// A font instance a glyph is drawn with.
#[derive(Clone, Debug, PartialEq)]
pub struct FontInstance {
    pub font: FontData,
    /// Font size in physical pixels per em.
    pub size_px: f32,
    /// Variation coordinates (F2Dot14 bits), e.g. the weight axis.
    pub coords: Vec<i16>,
}

/// One glyph, positioned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub id: u32,
    /// Index into [`ShapedText::fonts`].
    pub font: u16,
    /// Pen position (left edge of the glyph's advance box) in pixels.
    pub x: f32,
    /// Baseline in pixels.
    pub y: f32,
}

/// A grapheme cluster placed on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct VisualCluster {
    /// Left edge in pixels.
    pub x: f32,
    /// Width in pixels, including justification space.
    pub advance: f32,
    /// Bytes of the text this cluster shows.
    pub text_range: Range<usize>,
    /// Resolved bidi level after L1 (odd = right-to-left).
    pub level: u8,
    /// Range into [`ShapedText::glyphs`].
    pub glyphs: Range<usize>,
}

impl VisualCluster {
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// One line, with its clusters in left-to-right visual order.
#[derive(Clone, Debug, PartialEq)]
pub struct VisualLine {
    pub text_range: Range<usize>,
    /// Top of the line box in pixels.
    pub top: f32,
    /// Bottom of the line box in pixels.
    pub bottom: f32,
    pub baseline: f32,
    pub clusters: Vec<VisualCluster>,
}

impl VisualLine {
    /// The text of the line's clusters in visual order, left to right.
    pub fn visual_text(&self, text: &str) -> String {
        let mut s = String::new();
        for c in &self.clusters {
            let t = &text[c.text_range.clone()];
            if c.is_rtl() {
                s.extend(t.chars().rev());
            } else {
                s.push_str(t);
            }
        }
        s
    }

    /// Left edge of the inked content (trailing whitespace excluded), in pixels.
    pub fn content_left(&self, text: &str) -> f32 {
        self.clusters
            .iter()
            .find(|c| !is_blank(&text[c.text_range.clone()]))
            .map_or(0.0, |c| c.x)
    }

    /// Right edge of the inked content, in pixels.
    pub fn content_right(&self, text: &str) -> f32 {
        self.clusters
            .iter()
            .rev()
            .find(|c| !is_blank(&text[c.text_range.clone()]))
            .map_or(0.0, |c| c.x + c.advance)
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// A paragraph shaped at one scale; re-broken cheaply for new widths.
pub struct ShapedText {
    pub text: Arc<str>,
    pub rtl: bool,
    pub(crate) layout: Layout<()>,
    bidi: BidiLevels,
    /// Pixels per point the text was shaped at.
    pub scale: f32,
    pub fonts: Vec<FontInstance>,
    pub glyphs: Vec<PlacedGlyph>,
    pub lines: Vec<VisualLine>,
    /// Width in pixels the lines were broken and aligned for.
    pub width: f32,
    pub height: f32,
    broken_for: Option<(u32, Align)>,
}

impl ShapedText {
    /// Shapes `job` at `scale` pixels per point.
    pub fn shape(
        fcx: &mut parley::FontContext,
        lcx: &mut LayoutContext<()>,
        job: &TextJob,
        scale: f32,
    ) -> Self {
        let text: Arc<str> = job.text.clone();
        let base = match job.direction {
            Direction::Ltr => Some(false),
            Direction::Rtl => Some(true),
            Direction::Auto => None,
        };
        let rtl =
            base.unwrap_or_else(|| first_strong_is_rtl(&text).unwrap_or(job.auto_fallback_rtl));
        let bidi = BidiLevels::new(&text, Some(rtl));
        let families = fonts::family_stack(fcx, &text);
        let mut builder = lcx.ranged_builder(fcx, &text, scale, true);
        builder.set_base_direction(if rtl {
            parley::BaseDirection::Rtl
        } else {
            parley::BaseDirection::Ltr
        });
        builder.push_default(StyleProperty::FontFamily(families));
        builder.push_default(StyleProperty::FontSize(job.style.size));
        builder.push_default(StyleProperty::FontWeight(parley::FontWeight::new(
            job.style.weight,
        )));
        builder.push_default(StyleProperty::LineHeight(
            parley::LineHeight::FontSizeRelative(job.style.line_height),
        ));
        for span in &job.spans {
            let r = clamp_range(&text, span.range.clone());
            if r.is_empty() {
                continue;
            }
            if let Some(w) = span.format.weight {
                builder.push(
                    StyleProperty::FontWeight(parley::FontWeight::new(w)),
                    r.clone(),
                );
            }
            if let Some(s) = span.format.size {
                builder.push(StyleProperty::FontSize(s), r);
            }
        }
        let layout = builder.build(&text);
        Self {
            text,
            rtl,
            layout,
            bidi,
            scale,
            fonts: Vec::new(),
            glyphs: Vec::new(),
            lines: Vec::new(),
            width: 0.0,
            height: 0.0,
            broken_for: None,
        }
    }

    /// Breaks lines to `max_width` pixels (`None`: only at hard breaks) and aligns them.
    /// Does nothing when already broken for the same width and alignment.
    pub fn break_lines(&mut self, max_width: Option<f32>, align: Align) {
        let key = (max_width.map_or(u32::MAX, f32::to_bits), align);
        if self.broken_for == Some(key) {
            return;
        }
        self.broken_for = Some(key);
        self.layout.break_all_lines(max_width);
        self.fonts.clear();
        self.glyphs.clear();
        self.lines.clear();
        let mut raw: Vec<RawLine> = Vec::new();
        let layout = std::mem::take(&mut self.layout);
        for line in layout.lines() {
            raw.push(self.collect_line(&line));
        }
        self.layout = layout;
        let natural = raw.iter().map(|l| l.content_width).fold(0.0_f32, f32::max);
        let width = max_width.unwrap_or(natural).max(0.0);
        let n = raw.len();
        for (i, rl) in raw.into_iter().enumerate() {
            let last = i + 1 == n;
            let line = self.place_line(rl, width, align, last);
            self.lines.push(line);
        }
        self.width = width;
        self.height = self.lines.last().map_or(0.0, |l| l.bottom);
    }

    fn font_index(&mut self, inst: FontInstance) -> u16 {
        if let Some(i) = self.fonts.iter().position(|f| *f == inst) {
            return u16::try_from(i).unwrap_or(u16::MAX);
        }
        self.fonts.push(inst);
        u16::try_from(self.fonts.len() - 1).unwrap_or(u16::MAX)
    }

    /// Gathers a parley line's clusters in logical order, with glyphs relative to the pen.
    fn collect_line(&mut self, line: &parley::Line<'_, ()>) -> RawLine {
        let m = line.metrics();
        let mut clusters: Vec<RawCluster> = Vec::new();
        for run in line.runs() {
            let inst = FontInstance {
                font: run.font().clone(),
                size_px: run.font_size(),
                coords: run
                    .normalized_coords()
                    .iter()
                    .map(|c| c.to_bits())
                    .collect(),
            };
            let font = self.font_index(inst);
            let mut lig_start: Option<usize> = None;
            for cluster in run.clusters() {
                // A ligature's glyphs belong to its first cluster; the continuation clusters
                // share its advance. Right-to-left, they stand left of the first cluster, so
                // the glyphs must start that much further left.
                if cluster.is_ligature_continuation() {
                    if let Some(i) = lig_start {
                        clusters[i].lig_extra += cluster.advance();
                    }
                } else {
                    lig_start = Some(clusters.len());
                }
                let mut glyphs = Vec::new();
                let mut pen = 0.0;
                // Glyphs within a cluster come in visual order; offsets are relative to the pen.
                for g in cluster.glyphs() {
                    glyphs.push((g.id, pen + g.x, g.y));
                    pen += g.advance;
                }
                let tr = cluster.text_range();
                let len = self.text.len();
                let text_range = tr.start.min(len)..tr.end.min(len);
                let mut advance = cluster.advance();
                // An invisible character (a variation selector, a format control) that the
                // font shaped to .notdef on its own: no box and no width, as it would have
                // none after a base character.
                let text = &self.text[text_range.clone()];
                if !text.is_empty()
                    && text.chars().all(fonts::needs_no_glyph)
                    && glyphs.iter().any(|g| g.0 == 0)
                {
                    glyphs.retain(|g| g.0 != 0);
                    if glyphs.is_empty() {
                        advance = 0.0;
                    }
                }
                clusters.push(RawCluster {
                    // parley reports an implicit final newline past the end of the text.
                    text_range,
                    advance,
                    font,
                    glyphs,
                    newline: cluster.is_hard_line_break(),
                    lig_extra: 0.0,
                });
            }
        }
        clusters.sort_by_key(|c| c.text_range.start);
        let tr = line.text_range();
        let text_range = tr.start.min(self.text.len())..tr.end.min(self.text.len());
        let levels = if text_range.is_empty() {
            Vec::new()
        } else {
            self.bidi.line_levels(&self.text, text_range.clone())
        };
        let trailing_from = clusters
            .iter()
            .rposition(|c| !is_blank(&self.text[c.text_range.clone()]))
            .map_or(0, |i| i + 1);
        let content_width: f32 = clusters[..trailing_from].iter().map(|c| c.advance).sum();
        for c in &mut clusters {
            c.advance = if c.newline { 0.0 } else { c.advance };
        }
        let cluster_levels: Vec<u8> = clusters
            .iter()
            .map(|c| {
                levels
                    .get(c.text_range.start.saturating_sub(text_range.start))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        RawLine {
            text_range,
            top: m.block_min_coord,
            bottom: m.block_max_coord,
            baseline: m.baseline,
            clusters,
            levels: cluster_levels,
            trailing_from,
            content_width,
            regular_break: matches!(
                line.break_reason(),
                parley::BreakReason::Regular | parley::BreakReason::Emergency
            ),
        }
    }

    fn place_line(&mut self, rl: RawLine, width: f32, align: Align, last: bool) -> VisualLine {
        let total: f32 = rl.clusters.iter().map(|c| c.advance).sum();
        let trailing = total - rl.content_width;
        // Justification: stretch interior spaces only, so joined letters stay joined.
        let spaces: Vec<usize> = (0..rl.trailing_from)
            .filter(|&i| {
                rl.clusters[i].advance > 0.0
                    && is_stretchable(&self.text[rl.clusters[i].text_range.clone()])
            })
            .collect();
        let free = width - rl.content_width;
        let justify = align == Align::Justify
            && rl.regular_break
            && !last
            && !spaces.is_empty()
            && free > 0.0;
        let per_space = if justify {
            free / spaces.len() as f32
        } else {
            0.0
        };
        let content = if justify { width } else { rl.content_width };
        // Where the content starts (its left edge); trailing whitespace hangs past the end edge.
        let effective = match align {
            Align::Justify | Align::Start => {
                if self.rtl {
                    Align::Right
                } else {
                    Align::Left
                }
            }
            Align::End => {
                if self.rtl {
                    Align::Left
                } else {
                    Align::Right
                }
            }
            a => a,
        };
        let content_left = match effective {
            Align::Right => width - content,
            Align::Center => (width - content) / 2.0,
            _ => 0.0,
        };
        // In an RTL paragraph the (paragraph-level) trailing whitespace sits left of the content.
        let mut x = if self.rtl {
            content_left - trailing
        } else {
            content_left
        };
        let order = visual_order(&rl.levels);
        let mut clusters = Vec::with_capacity(order.len());
        for i in order {
            let c = &rl.clusters[i];
            let extra = if justify && spaces.binary_search(&i).is_ok() {
                per_space
            } else {
                0.0
            };
            let advance = c.advance + extra;
            let start = self.glyphs.len();
            let rtl = rl.levels[i] % 2 == 1;
            // Extra justification space goes on the far side of a space's glyph.
            let shift = if rtl { extra - c.lig_extra } else { 0.0 };
            for &(id, gx, gy) in &c.glyphs {
                self.glyphs.push(PlacedGlyph {
                    id,
                    font: c.font,
                    x: x + shift + gx,
                    y: rl.baseline + gy,
                });
            }
            clusters.push(VisualCluster {
                x,
                advance,
                text_range: c.text_range.clone(),
                level: rl.levels[i],
                glyphs: start..self.glyphs.len(),
            });
            x += advance;
        }
        VisualLine {
            text_range: rl.text_range,
            top: rl.top,
            bottom: rl.bottom,
            baseline: rl.baseline,
            clusters,
        }
    }

    /// The caret position (byte index) nearest to the point (pixels).
    pub fn index_at(&self, x: f32, y: f32) -> usize {
        let Some(line) = self.line_at(y) else {
            return 0;
        };
        let Some(first) = line.clusters.first() else {
            return line.text_range.start;
        };
        if x < first.x {
            return if self.rtl {
                line.text_range.end
            } else {
                line.text_range.start
            };
        }
        for c in &line.clusters {
            if x < c.x + c.advance {
                let left_half = x < c.x + c.advance / 2.0;
                return if left_half == c.is_rtl() {
                    c.text_range.end
                } else {
                    c.text_range.start
                };
            }
        }
        if self.rtl {
            line.text_range.start
        } else {
            line.text_range.end
        }
    }

    /// The line nearest to `y`.
    pub fn line_at(&self, y: f32) -> Option<&VisualLine> {
        self.lines
            .iter()
            .find(|l| y < l.bottom)
            .or(self.lines.last())
    }

    /// Rectangles (min x, min y, max x, max y in pixels) covering the clusters of `range`,
    /// merged per line where adjacent.
    pub fn range_rects(&self, range: Range<usize>) -> Vec<[f32; 4]> {
        let mut out: Vec<[f32; 4]> = Vec::new();
        if range.is_empty() {
            return out;
        }
        for line in &self.lines {
            if line.text_range.end <= range.start && !line.text_range.is_empty()
                || line.text_range.start >= range.end
            {
                continue;
            }
            let mut cur: Option<[f32; 4]> = None;
            for c in &line.clusters {
                let inside = c.text_range.start < range.end && c.text_range.end > range.start;
                if inside {
                    let r = [c.x, line.top, c.x + c.advance, line.bottom];
                    cur = Some(match cur {
                        Some(p) if (p[2] - r[0]).abs() < 0.5 => [p[0], p[1], r[2], p[3]],
                        Some(p) => {
                            out.push(p);
                            r
                        }
                        None => r,
                    });
                } else if let Some(p) = cur.take() {
                    out.push(p);
                }
            }
            out.extend(cur);
        }
        out
    }
}

/// Whether justification may widen this cluster (spaces, not ZWNJ or tatweel).
fn is_stretchable(s: &str) -> bool {
    s.chars()
        .all(|c| c == ' ' || c == '\u{a0}' || c == '\u{3000}')
}

/// `r` clamped to `text` and widened to character boundaries.
pub(crate) fn clamp_range(text: &str, r: Range<usize>) -> Range<usize> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len()).max(s);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

/// Direction of the first strong character (rules P2–P3), skipping isolates.
pub fn first_strong_is_rtl(text: &str) -> Option<bool> {
    match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Ltr => Some(false),
        unicode_bidi::Direction::Rtl => Some(true),
        unicode_bidi::Direction::Mixed => None,
    }
}

struct RawCluster {
    text_range: Range<usize>,
    advance: f32,
    font: u16,
    /// (glyph id, x from the cluster's pen origin, y offset)
    glyphs: Vec<(u32, f32, f32)>,
    newline: bool,
    /// Advance of the ligature continuation clusters that follow (logically) this one.
    lig_extra: f32,
}

struct RawLine {
    text_range: Range<usize>,
    top: f32,
    bottom: f32,
    baseline: f32,
    /// Logical order.
    clusters: Vec<RawCluster>,
    /// Level of each cluster after L1.
    levels: Vec<u8>,
    /// Index of the first trailing whitespace cluster.
    trailing_from: usize,
    content_width: f32,
    regular_break: bool,
}
