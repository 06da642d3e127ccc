//! The light and dark themes in egui: the chart's [`palette`] as egui colours, and
//! egui's visuals.

use egui::Color32;

use crate::chart::palette::{self, Rgba};

/// A chart colour as egui's.
pub fn color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// See [`palette::ink`].
pub fn ink(dark: bool) -> Color32 {
    color(palette::ink(dark))
}

/// See [`palette::muted`].
pub fn muted(dark: bool) -> Color32 {
    color(palette::muted(dark))
}

/// See [`palette::accent`].
pub fn accent(dark: bool) -> Color32 {
    color(palette::accent(dark))
}

/// See [`palette::paper`].
pub fn paper(dark: bool) -> Color32 {
    color(palette::paper(dark))
}

/// See [`palette::sidebar`].
pub fn sidebar(dark: bool) -> Color32 {
    color(palette::sidebar(dark))
}

/// See [`palette::highlight`].
pub fn highlight(dark: bool) -> Color32 {
    color(palette::highlight(dark))
}

/// See [`palette::date_mark`].
pub fn date_mark(dark: bool) -> Color32 {
    color(palette::date_mark(dark))
}

/// See [`palette::source_mark`].
pub fn source_mark(dark: bool) -> Color32 {
    color(palette::source_mark(dark))
}

/// egui visuals for the theme.
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    v.panel_fill = if dark {
        Color32::from_rgb(0x25, 0x26, 0x2A)
    } else {
        Color32::from_rgb(0xF4, 0xF1, 0xEA)
    };
    v.extreme_bg_color = paper(dark);
    v
}
