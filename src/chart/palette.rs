//! The chart's colours, shared by the widget, the image export and the HTML page: the
//! light and dark themes' inks and papers, and a lane's colour. [`Rgba`] is a plain sRGB
//! colour; `ui::theme` turns it into egui's.

use crate::model::{Category, Theme};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const WHITE: Rgba = Rgba([255, 255, 255, 255]);
    pub const TRANSPARENT: Rgba = Rgba([0, 0, 0, 0]);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// The same colour with its alpha multiplied by `f` (0..=1).
    #[must_use]
    pub fn faded(self, f: f32) -> Self {
        let [r, g, b, a] = self.0;
        // Truncation is intended: an alpha in 0..=255.
        let a = (f32::from(a) * f.clamp(0.0, 1.0)).round() as u8;
        Self([r, g, b, a])
    }

    /// This colour drawn over the opaque `under` (straight alpha, in sRGB as egui and
    /// most renderers blend): an opaque colour that looks the same there. SVG renderers
    /// disagree on `fill-opacity`, so exported pictures are pre-blended.
    #[must_use]
    pub fn over(self, under: Rgba) -> Self {
        let a = f32::from(self.0[3]) / 255.0;
        let mix = |k: usize| {
            let v = f32::from(self.0[k]) * a + f32::from(under.0[k]) * (1.0 - a);
            v.round().clamp(0.0, 255.0) as u8
        };
        Self([mix(0), mix(1), mix(2), 255])
    }

    /// `#rrggbb`, without alpha.
    pub fn hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Alpha as 0..=1.
    pub fn opacity(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }

    pub fn is_opaque(self) -> bool {
        self.0[3] == 255
    }
}

/// Body text colour.
pub fn ink(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba::rgb(0xE6, 0xE1, 0xD8)
    } else {
        Rgba::rgb(0x1F, 0x1D, 0x1A)
    }
}

/// Secondary text (author, captions, ticks).
pub fn muted(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba::rgb(0xA8, 0xA2, 0x98)
    } else {
        Rgba::rgb(0x6B, 0x65, 0x5C)
    }
}

/// Accent for headings, quotations, links and the selection ring.
pub fn accent(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba::rgb(0xE0, 0x9A, 0x5A)
    } else {
        Rgba::rgb(0x9C, 0x3D, 0x12)
    }
}

/// Page background of the article and the chart.
pub fn paper(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba::rgb(0x1E, 0x1F, 0x22)
    } else {
        Rgba::rgb(0xFB, 0xF8, 0xF1)
    }
}

/// Sidebar box background (and the overview strip's).
pub fn sidebar(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba::rgb(0x2A, 0x2C, 0x30)
    } else {
        Rgba::rgb(0xF1, 0xEA, 0xDC)
    }
}

/// Highlight of the selected event's sentence.
pub fn highlight(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba([0xE0, 0xB0, 0x40, 70])
    } else {
        Rgba([0xFF, 0xD8, 0x4A, 120])
    }
}

/// Subtle underline of date and source spans; the chart's focus and window frame.
pub fn date_mark(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba::rgb(0x5A, 0x9B, 0xD8)
    } else {
        Rgba::rgb(0x2F, 0x6D, 0xB0)
    }
}

/// Mark of a source mention.
pub fn source_mark(theme: Theme) -> Rgba {
    if theme.is_dark() {
        Rgba::rgb(0x7C, 0xC4, 0x8A)
    } else {
        Rgba::rgb(0x2E, 0x7D, 0x4A)
    }
}

/// Colour of a category's markers on a light or dark background.
pub fn lane_color(category: &Category, theme: Theme) -> Rgba {
    let [r, g, b] = category.rgb(theme).0;
    Rgba::rgb(r, g, b)
}

/// Background of the `k`-th lane: every other lane is banded, the rest is paper.
pub fn lane_band(k: usize, theme: Theme) -> Rgba {
    if k.is_multiple_of(2) {
        ink(theme).faded(0.035).over(paper(theme))
    } else {
        paper(theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blending_over_paper() {
        let paper = Rgba::rgb(200, 100, 0);
        assert_eq!(Rgba([0, 0, 0, 255]).over(paper), Rgba::rgb(0, 0, 0));
        assert_eq!(Rgba([0, 0, 0, 0]).over(paper), paper);
        assert_eq!(
            Rgba([100, 100, 100, 128]).over(paper),
            Rgba::rgb(150, 100, 50)
        );
        assert!(lane_band(0, Theme::Light).is_opaque() && lane_band(1, Theme::Dark).is_opaque());
    }
}
