//! Colours and visuals of the light and dark themes.

use egui::Color32;

/// Body text colour.
pub fn ink(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xE6, 0xE1, 0xD8)
    } else {
        Color32::from_rgb(0x1F, 0x1D, 0x1A)
    }
}

/// Secondary text (author, captions).
pub fn muted(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xA8, 0xA2, 0x98)
    } else {
        Color32::from_rgb(0x6B, 0x65, 0x5C)
    }
}

/// Accent for headings, quotations and links.
pub fn accent(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xE0, 0x9A, 0x5A)
    } else {
        Color32::from_rgb(0x9C, 0x3D, 0x12)
    }
}

/// Page background of the article.
pub fn paper(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1E, 0x1F, 0x22)
    } else {
        Color32::from_rgb(0xFB, 0xF8, 0xF1)
    }
}

/// Sidebar box background.
pub fn sidebar(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x2A, 0x2C, 0x30)
    } else {
        Color32::from_rgb(0xF1, 0xEA, 0xDC)
    }
}

/// Highlight of the selected event's sentence.
pub fn highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(0xE0, 0xB0, 0x40, 70)
    } else {
        Color32::from_rgba_unmultiplied(0xFF, 0xD8, 0x4A, 120)
    }
}

/// Subtle underline of date and source spans.
pub fn date_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x5A, 0x9B, 0xD8)
    } else {
        Color32::from_rgb(0x2F, 0x6D, 0xB0)
    }
}

/// Mark of a source mention.
pub fn source_mark(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x7C, 0xC4, 0x8A)
    } else {
        Color32::from_rgb(0x2E, 0x7D, 0x4A)
    }
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
