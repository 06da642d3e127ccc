//! Event categories: the timeline's lanes, as article data. Each has an id, a Persian
//! and an English name and a colour; imported articles get general news categories
//! ([`news_categories`]), and an article may define its own (the built-in one does).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An sRGB colour, serialized as `"#rrggbb"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// The colour mixed towards white by `t` (0..=1): a lighter tone that reads on a dark
    /// background.
    pub fn lighten(self, t: f32) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        Rgb(self.0.map(|c| {
            let c = f32::from(c);
            // In 0..=255 by construction; the cast cannot truncate.
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "0..=255"
            )]
            let v = (c + (255.0 - c) * t).round() as u8;
            v
        }))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// Why a colour could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("«{0}» is not a colour of the form #rrggbb")]
pub struct RgbError(pub String);

impl FromStr for Rgb {
    type Err = RgbError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || RgbError(s.to_owned());
        let hex = s.strip_prefix('#').ok_or_else(err)?;
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(err());
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| err());
        Ok(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The background colours are drawn on: light paper or a dark page. The views and the
/// exports take their palette from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    /// The other theme (what View → theme switches to).
    pub fn toggled(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    pub fn is_dark(self) -> bool {
        self == Theme::Dark
    }
}

/// A category of events: one lane of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Unique within the article, e.g. `"politics"`; events name it.
    pub id: String,
    /// Persian name.
    pub fa: String,
    /// English name.
    pub en: String,
    /// Colour of its marks on a light background.
    pub color: Rgb,
    /// Colour on a dark background; when absent, `color` lightened (see [`Category::rgb`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dark: Option<Rgb>,
}

impl Category {
    /// A category with its two names and light-background colour.
    pub fn new(id: &str, fa: &str, en: &str, color: Rgb) -> Self {
        Self {
            id: id.to_owned(),
            fa: fa.to_owned(),
            en: en.to_owned(),
            color,
            dark: None,
        }
    }

    /// Its colour on `theme`'s background.
    pub fn rgb(&self, theme: Theme) -> Rgb {
        match theme {
            Theme::Dark => self.dark.unwrap_or_else(|| self.color.lighten(0.35)),
            Theme::Light => self.color,
        }
    }

    /// Its name in Persian (`fa`) or English.
    pub fn name(&self, fa: bool) -> &str {
        if fa { &self.fa } else { &self.en }
    }
}

/// Id of the catch-all category every article's events may fall back to.
pub const OTHER: &str = "other";

/// General news categories for imported articles, in lane order; the last is [`OTHER`].
pub fn news_categories() -> Vec<Category> {
    [
        ("politics", "سیاست", "Politics", [0x2F, 0x6D, 0xB0]),
        ("diplomacy", "دیپلماسی", "Diplomacy", [0x17, 0x80, 0x80]),
        (
            "economy",
            "اقتصاد و انرژی",
            "Economy & energy",
            [0xB8, 0x6E, 0x0C],
        ),
        (
            "security",
            "نظامی و امنیتی",
            "Military & security",
            [0xA8, 0x32, 0x2D],
        ),
        ("society", "جامعه", "Society", [0x2E, 0x7D, 0x4A]),
        (
            "culture",
            "فرهنگ و هنر",
            "Culture & arts",
            [0x8A, 0x2E, 0x5C],
        ),
        (
            "science",
            "علم و فناوری",
            "Science & technology",
            [0x5B, 0x4B, 0x9E],
        ),
        ("sport", "ورزش", "Sport", [0x7A, 0x5C, 0x3E]),
        (OTHER, "دیگر", "Other", [0x6B, 0x65, 0x5C]),
    ]
    .into_iter()
    .map(|(id, fa, en, c)| Category::new(id, fa, en, Rgb(c)))
    .collect()
}

/// The id of the category a file names by `name` (a TimelineJS group, a CSV lane): one
/// of `categories` by id or name (ASCII case ignored), else a lane of schema version 1 by
/// id or name, else a new category called `name`; an empty name is [`OTHER`]. A category
/// not yet in `categories` is added at the end (before [`OTHER`] if that is last).
pub fn find_or_add(categories: &mut Vec<Category>, name: &str) -> String {
    let name = name.trim();
    let name = if name.is_empty() { OTHER } else { name };
    if let Some(c) = categories.iter().find(|c| {
        c.id.eq_ignore_ascii_case(name) || c.fa == name || c.en.eq_ignore_ascii_case(name)
    }) {
        return c.id.clone();
    }
    let mut new = match super::legacy::LaneV1::named(name) {
        Some(lane) => lane.category(),
        None if name == OTHER => other().clone(),
        None => {
            let palette = news_categories();
            let color = palette[categories.len() % (palette.len() - 1)].color;
            Category::new(name, name, name, color)
        }
    };
    // Ids stay unique whatever the names.
    let base = new.id.clone();
    let mut n = 1;
    while categories.iter().any(|c| c.id == new.id) {
        n += 1;
        new.id = format!("{base}-{n}");
    }
    let id = new.id.clone();
    let at = match categories.last() {
        Some(last) if last.id == OTHER => categories.len() - 1,
        _ => categories.len(),
    };
    categories.insert(at, new);
    id
}

/// The catch-all category, for an event whose category is missing from its article.
pub fn other() -> &'static Category {
    static OTHER_CATEGORY: std::sync::LazyLock<Category> = std::sync::LazyLock::new(|| {
        let mut c = Category::new(OTHER, "دیگر", "Other", Rgb([0x6B, 0x65, 0x5C]));
        c.dark = Some(Rgb([0xA8, 0xA2, 0x98]));
        c
    });
    &OTHER_CATEGORY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_and_write_as_hex() {
        for (text, want) in [
            ("#2f6db0", Some([0x2F, 0x6D, 0xB0])),
            ("#FFFFFF", Some([255, 255, 255])),
            ("2f6db0", None),
            ("#2f6db", None),
            ("#2f6dbz", None),
            ("#۲f6db0", None),
        ] {
            let got = text.parse::<Rgb>().ok().map(|c| c.0);
            assert_eq!(got, want, "{text}");
            if let Some(c) = want {
                assert_eq!(Rgb(c).to_string(), text.to_ascii_lowercase(), "{text}");
            }
        }
    }

    #[test]
    fn dark_colour_is_given_or_lighter() {
        let mut c = Category::new("x", "ایکس", "X", Rgb([0, 100, 200]));
        let d = c.rgb(Theme::Dark);
        assert!(d.0.iter().zip(c.color.0).all(|(a, b)| *a >= b), "{d:?}");
        assert_ne!(d, c.color);
        c.dark = Some(Rgb([1, 2, 3]));
        assert_eq!(c.rgb(Theme::Dark), Rgb([1, 2, 3]));
        assert_eq!(c.rgb(Theme::Light), Rgb([0, 100, 200]));
    }

    #[test]
    fn files_name_categories_by_id_name_or_old_lane() {
        let mut cats = news_categories();
        let n = cats.len();
        for (name, want, added) in [
            ("economy", "economy", false),
            ("ECONOMY", "economy", false),
            ("ورزش", "sport", false),
            ("Culture & arts", "culture", false),
            ("", OTHER, false),
            ("karabakh_war", "karabakh_war", true),
            ("جنگ قره‌باغ", "karabakh_war", false),
            ("انتخابات ۱۴۰۳", "انتخابات ۱۴۰۳", true),
            ("انتخابات ۱۴۰۳", "انتخابات ۱۴۰۳", false),
        ] {
            let before = cats.len();
            assert_eq!(find_or_add(&mut cats, name), want, "«{name}»");
            assert_eq!(cats.len() - before, usize::from(added), "«{name}»");
        }
        assert_eq!(cats.len(), n + 2);
        assert_eq!(
            cats.last().map(|c| c.id.as_str()),
            Some(OTHER),
            "other stays last"
        );
        let karabakh = cats.iter().find(|c| c.id == "karabakh_war");
        assert_eq!(karabakh.map(|c| c.fa.as_str()), Some("جنگ قره‌باغ"));
        // A version-1 lane whose id another category already has gets a fresh id.
        let mut cats = vec![Category::new("energy", "نیرو", "Power", Rgb([0, 0, 0]))];
        assert_eq!(find_or_add(&mut cats, "انرژی"), "energy-2");
    }

    #[test]
    fn news_categories_are_unique_and_end_with_other() {
        let cats = news_categories();
        let ids: std::collections::HashSet<&str> = cats.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), cats.len());
        assert_eq!(cats.last().map(|c| c.id.as_str()), Some(OTHER));
        assert!(cats.iter().all(|c| !c.fa.is_empty() && !c.en.is_empty()));
    }
}
