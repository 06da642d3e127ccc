//! What a caller asks the text engine to show: a paragraph, its base style and styled spans.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use egui::Color32;

/// Paragraph direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// From the first strong character (UAX #9 P2–P3); see [`TextJob::auto_fallback_rtl`].
    #[default]
    Auto,
    Ltr,
    Rtl,
}

/// Horizontal alignment of lines. `Start` is right for right-to-left paragraphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Align {
    #[default]
    Start,
    End,
    Left,
    Right,
    Center,
    /// Justified at spaces; the last line and lines before a hard break are start-aligned.
    Justify,
}

/// Base style of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// Font size in points. Default 16.
    pub size: f32,
    /// Font weight, 100..=900. Default 400.
    pub weight: f32,
    /// Line height as a multiple of the font size. Default 1.7 (Persian needs room for dots).
    pub line_height: f32,
    /// Text colour.
    pub color: Color32,
}

impl Default for TextStyle {
    fn default() -> Self {
        Self {
            size: 16.0,
            weight: 400.0,
            line_height: 1.7,
            color: Color32::from_gray(30),
        }
    }
}

/// Style of a span of the paragraph. `None` keeps the paragraph's value.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpanFormat {
    pub color: Option<Color32>,
    /// Background highlight behind the span's clusters.
    pub background: Option<Color32>,
    /// Underline colour (a thin line under the span).
    pub underline: Option<Color32>,
    pub weight: Option<f32>,
    /// Font size in points.
    pub size: Option<f32>,
}

/// A styled, optionally interactive byte range of the paragraph's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Byte range into [`TextJob::text`]; clamped to char boundaries.
    pub range: Range<usize>,
    pub format: SpanFormat,
    /// When set, the span is hoverable and clickable and reports this key: an index into
    /// the caller's own list of what its spans stand for.
    pub id: Option<usize>,
    /// AccessKit label of an interactive span (defaults to its text).
    pub label: Option<String>,
}

impl Span {
    /// A non-interactive styled span.
    pub fn styled(range: Range<usize>, format: SpanFormat) -> Self {
        Self {
            range,
            format,
            id: None,
            label: None,
        }
    }

    /// An interactive span reporting `id` (see [`Span::id`]).
    pub fn interactive(
        range: Range<usize>,
        format: SpanFormat,
        id: usize,
        label: impl Into<String>,
    ) -> Self {
        Self {
            range,
            format,
            id: Some(id),
            label: Some(label.into()),
        }
    }
}

/// A paragraph to lay out and show.
#[derive(Clone, Debug, PartialEq)]
pub struct TextJob {
    pub text: Arc<str>,
    pub style: TextStyle,
    pub direction: Direction,
    /// With [`Direction::Auto`] and no strong character: right-to-left when true (default).
    pub auto_fallback_rtl: bool,
    pub align: Align,
    /// Later spans paint over earlier ones.
    pub spans: Vec<Span>,
    /// Whether the text can be selected and copied. Default true.
    pub selectable: bool,
}

impl TextJob {
    pub fn new(text: impl Into<Arc<str>>) -> Self {
        Self {
            text: text.into(),
            style: TextStyle::default(),
            direction: Direction::Auto,
            auto_fallback_rtl: true,
            align: Align::Start,
            spans: Vec::new(),
            selectable: true,
        }
    }

    #[must_use]
    pub fn style(mut self, style: TextStyle) -> Self {
        self.style = style;
        self
    }

    #[must_use]
    pub fn size(mut self, size: f32) -> Self {
        self.style.size = size;
        self
    }

    #[must_use]
    pub fn weight(mut self, weight: f32) -> Self {
        self.style.weight = weight;
        self
    }

    #[must_use]
    pub fn color(mut self, color: Color32) -> Self {
        self.style.color = color;
        self
    }

    #[must_use]
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    #[must_use]
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    #[must_use]
    pub fn span(mut self, span: Span) -> Self {
        self.spans.push(span);
        self
    }

    #[must_use]
    pub fn selectable(mut self, yes: bool) -> Self {
        self.selectable = yes;
        self
    }

    /// A hash of everything that changes shaping (not colours): the layout cache key.
    pub fn shape_hash(&self, scale: f32) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.text.hash(&mut h);
        self.direction.hash(&mut h);
        self.auto_fallback_rtl.hash(&mut h);
        self.style.size.to_bits().hash(&mut h);
        self.style.weight.to_bits().hash(&mut h);
        self.style.line_height.to_bits().hash(&mut h);
        scale.to_bits().hash(&mut h);
        for s in &self.spans {
            if s.format.weight.is_some() || s.format.size.is_some() {
                s.range.hash(&mut h);
                s.format.weight.map(f32::to_bits).hash(&mut h);
                s.format.size.map(f32::to_bits).hash(&mut h);
            }
        }
        h.finish()
    }
}
