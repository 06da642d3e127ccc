//! How the chart learns the width of a label without egui: a [`Measure`] gives the width
//! of one line of text in points. The text engine measures headless ([`TextEngine`] at one
//! pixel a point); the widget measures at the screen's pixels per point, so the layouts
//! it measures are the ones it paints.

use crate::text::{TextEngine, TextJob};

/// Width in points of a single line of text at `size` points and `weight` (100..=900).
pub trait Measure {
    fn text_width(&mut self, text: &str, size: f32, weight: f32) -> f32;
}

/// The job the chart lays its labels out with (colour is not a shaping style).
pub fn label_job(text: &str, size: f32, weight: f32) -> TextJob {
    TextJob::new(text)
        .size(size)
        .weight(weight)
        .selectable(false)
}

impl Measure for TextEngine {
    fn text_width(&mut self, text: &str, size: f32, weight: f32) -> f32 {
        self.layout(&label_job(text, size, weight), None, 1.0).width
    }
}

/// A fixed width per character (for tests of the geometry).
pub struct PerChar(pub f32);

impl Measure for PerChar {
    fn text_width(&mut self, text: &str, size: f32, _weight: f32) -> f32 {
        text.chars().count() as f32 * self.0 * size / 12.0
    }
}
