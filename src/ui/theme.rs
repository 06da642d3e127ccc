//! The light and dark themes in egui: the chart's [`palette`] as egui colours, and
//! egui's visuals.

use egui::Color32;

use crate::chart::palette::{self, Rgba};
pub use crate::model::Theme;

/// A chart colour as egui's.
pub fn color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// See [`palette::ink`].
pub fn ink(theme: Theme) -> Color32 {
    color(palette::ink(theme))
}

/// See [`palette::muted`].
pub fn muted(theme: Theme) -> Color32 {
    color(palette::muted(theme))
}

/// See [`palette::accent`].
pub fn accent(theme: Theme) -> Color32 {
    color(palette::accent(theme))
}

/// See [`palette::paper`].
pub fn paper(theme: Theme) -> Color32 {
    color(palette::paper(theme))
}

/// See [`palette::sidebar`].
pub fn sidebar(theme: Theme) -> Color32 {
    color(palette::sidebar(theme))
}

/// See [`palette::highlight`].
pub fn highlight(theme: Theme) -> Color32 {
    color(palette::highlight(theme))
}

/// See [`palette::date_mark`].
pub fn date_mark(theme: Theme) -> Color32 {
    color(palette::date_mark(theme))
}

/// See [`palette::source_mark`].
pub fn source_mark(theme: Theme) -> Color32 {
    color(palette::source_mark(theme))
}

/// egui visuals for the theme.
pub fn visuals(theme: Theme) -> egui::Visuals {
    let mut v = match theme {
        Theme::Dark => egui::Visuals::dark(),
        Theme::Light => egui::Visuals::light(),
    };
    v.panel_fill = match theme {
        Theme::Dark => Color32::from_rgb(0x25, 0x26, 0x2A),
        Theme::Light => Color32::from_rgb(0xF4, 0xF1, 0xEA),
    };
    v.extreme_bg_color = paper(theme);
    v
}

/// Serializes a [`Theme`] as the `dark` flag earlier versions stored in the settings, so
/// a saved choice survives the change to the enum.
pub mod dark_flag {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Theme;

    pub fn serialize<S: Serializer>(theme: &Theme, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(theme.is_dark())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Theme, D::Error> {
        Ok(if bool::deserialize(d)? {
            Theme::Dark
        } else {
            Theme::Light
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::Settings;

    use super::Theme;

    #[test]
    fn the_theme_is_stored_as_the_old_dark_flag() {
        for (theme, flag) in [(Theme::Dark, "dark:true"), (Theme::Light, "dark:false")] {
            let settings = Settings {
                theme,
                ..Settings::default()
            };
            let text = ron::to_string(&settings).unwrap_or_default();
            assert!(text.contains(flag), "{theme:?} stored as {text}");
            let back: Settings = ron::from_str(&text).unwrap_or_default();
            assert_eq!(back.theme, theme, "{text}");
        }
        // Settings an earlier version wrote.
        let old: Settings = ron::from_str("(dark: true, font_size: 18.0)").unwrap_or_default();
        assert_eq!((old.theme, old.font_size), (Theme::Dark, 18.0));
    }
}
