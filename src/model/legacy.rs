//! Older schema versions and their migration to the current one.
//!
//! Version 1 had a fixed set of lanes (the built-in article's themes) as an enum on each
//! event; version 2 keeps categories as article data ([`Category`]). A version-1 file is
//! read into [`ArticleV1`] and migrated: each lane becomes a category with the same
//! names and colours, in the old lane order, and each event names its lane's category.

use serde::Deserialize;

use super::{Anchor, Article, Block, Category, Claim, Event, FuzzyDate, Meta, Rgb, Source};

/// The fixed lanes of schema version 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum LaneV1 {
    Diplomacy,
    Energy,
    Military,
    Intelligence,
    KarabakhWar,
    Iran,
    Mediation,
    Community,
    Other,
}

impl LaneV1 {
    const ALL: [LaneV1; 9] = [
        LaneV1::Diplomacy,
        LaneV1::Energy,
        LaneV1::Military,
        LaneV1::Intelligence,
        LaneV1::KarabakhWar,
        LaneV1::Iran,
        LaneV1::Mediation,
        LaneV1::Community,
        LaneV1::Other,
    ];

    /// The version-1 lane whose id, Persian or English name is `s` (ASCII case ignored).
    pub fn named(s: &str) -> Option<LaneV1> {
        Self::ALL.into_iter().find(|l| {
            let c = l.category();
            c.id.eq_ignore_ascii_case(s) || c.fa == s || c.en.eq_ignore_ascii_case(s)
        })
    }

    /// The category it becomes: id, names and the colours version 1 drew it with.
    pub fn category(self) -> Category {
        let (id, fa, en, light, dark) = match self {
            LaneV1::Diplomacy => (
                "diplomacy",
                "دیپلماسی",
                "Diplomacy",
                [0x2F, 0x6D, 0xB0],
                [0x6A, 0xA6, 0xE8],
            ),
            LaneV1::Energy => (
                "energy",
                "انرژی",
                "Energy",
                [0xB8, 0x6E, 0x0C],
                [0xE8, 0xA8, 0x48],
            ),
            LaneV1::Military => (
                "military",
                "تسلیحات و نظامی",
                "Arms & military",
                [0xA8, 0x32, 0x2D],
                [0xE8, 0x70, 0x68],
            ),
            LaneV1::Intelligence => (
                "intelligence",
                "اطلاعات و امنیت",
                "Intelligence & security",
                [0x5B, 0x4B, 0x9E],
                [0x9E, 0x8E, 0xE0],
            ),
            LaneV1::KarabakhWar => (
                "karabakh_war",
                "جنگ قره‌باغ",
                "Karabakh war",
                [0x8A, 0x2E, 0x5C],
                [0xD8, 0x6E, 0xA0],
            ),
            LaneV1::Iran => (
                "iran",
                "ایران",
                "Iran",
                [0x2E, 0x7D, 0x4A],
                [0x6C, 0xC4, 0x88],
            ),
            LaneV1::Mediation => (
                "mediation",
                "میانجی‌گری ترکیه",
                "Turkish mediation",
                [0x17, 0x80, 0x80],
                [0x5C, 0xC4, 0xC4],
            ),
            LaneV1::Community => (
                "community",
                "جامعه و تاریخ",
                "Community & history",
                [0x7A, 0x5C, 0x3E],
                [0xC4, 0xA0, 0x7C],
            ),
            LaneV1::Other => (
                "other",
                "دیگر",
                "Other",
                [0x6B, 0x65, 0x5C],
                [0xA8, 0xA2, 0x98],
            ),
        };
        let mut c = Category::new(id, fa, en, Rgb(light));
        c.dark = Some(Rgb(dark));
        c
    }
}

/// An event of schema version 1.
#[derive(Deserialize)]
#[serde(rename = "Event")]
pub struct EventV1 {
    id: String,
    date: FuzzyDate,
    lane: LaneV1,
    label: String,
    anchor: Anchor,
}

/// An article of schema version 1.
#[derive(Deserialize)]
#[serde(rename = "Article")]
pub struct ArticleV1 {
    meta: Meta,
    blocks: Vec<Block>,
    #[serde(default)]
    events: Vec<EventV1>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    claims: Vec<Claim>,
}

impl ArticleV1 {
    /// The same article in the current schema: the lanes its events use become its
    /// categories, in the old lane order.
    pub fn migrate(self) -> Article {
        let categories = LaneV1::ALL
            .into_iter()
            .filter(|l| self.events.iter().any(|e| e.lane == *l))
            .map(LaneV1::category)
            .collect();
        let events = self
            .events
            .into_iter()
            .map(|e| Event {
                id: e.id,
                date: e.date,
                category: e.lane.category().id,
                label: e.label,
                anchor: e.anchor,
                certainty: super::Certainty::default(),
                origin: super::Origin::default(),
                note: String::new(),
            })
            .collect();
        Article {
            schema: super::SCHEMA_VERSION,
            meta: self.meta,
            categories,
            blocks: self.blocks,
            events,
            sources: self.sources,
            claims: self.claims,
            highlights: Vec::new(),
        }
    }
}
