//! The article as plain data: metadata, blocks in reading order, events with fuzzy dates,
//! sources and their claims. No drawing, no parsing of files (see `store` and `import`).

mod anchor;
pub mod category;
mod date;
pub mod edit;
mod id;
pub mod legacy;
mod problem;
pub mod reanchor;
pub mod reimport;

pub use anchor::{Anchor, resolve_work};
pub use category::{Category, Rgb, Theme, news_categories};
pub use date::{Day, DayError, FuzzyDate, MAX_YEAR, MIN_YEAR, Precision};
pub use edit::{Edit, EditError, History};
pub use id::{CategoryId, ClaimId, EventId, SourceId};
pub use problem::{AnchorOwner, Problem};

use serde::{Deserialize, Serialize};

/// The RON schema version this build writes and reads. Version 1 files (fixed lanes)
/// are read too and migrated ([`legacy`]).
pub const SCHEMA_VERSION: u32 = 2;

/// One article with everything Gahnegar knows about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Schema version of the file this came from; see [`SCHEMA_VERSION`].
    pub schema: u32,
    pub meta: Meta,
    /// The categories its events are drawn in, in lane order (top to bottom).
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Dated events, in the order they are first mentioned.
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Passages the reader marked, with their notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Highlight>,
}

/// Bibliographic data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    #[serde(default)]
    pub author: String,
    /// The lead (the questions or summary printed under the title).
    #[serde(default)]
    pub lead: Vec<String>,
    /// BCP 47 language tag of the text, `"fa"` for Persian.
    #[serde(default = "default_language")]
    pub language: String,
    /// Where it was published, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<String>,
    /// The document's own date (its dateline, or the date given on import), which anchors
    /// its relative dates; `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Day>,
}

fn default_language() -> String {
    "fa".to_owned()
}

/// What a block is, typographically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BlockKind {
    Heading,
    Paragraph,
    /// A sentence pulled out and set large; repeats text of the body.
    PullQuote,
}

/// A heading, a paragraph or a pull quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Unique within the article, e.g. `"p12"`.
    pub id: String,
    pub kind: BlockKind,
    pub text: String,
    /// True for blocks of a boxed sidebar set apart from the main text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sidebar: bool,
    /// The page of the printed source (a PDF) the block starts on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// A dated event the article reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique within the article, e.g. `"e7"`.
    pub id: String,
    pub date: FuzzyDate,
    /// Id of its [`Category`] in the article: the lane it is drawn in.
    pub category: String,
    /// A short Persian title for the timeline.
    pub label: String,
    /// The date wording in its sentence (`anchor.exact == date.wording`) for an imported
    /// event; the passage the reader selected for a manual one.
    pub anchor: Anchor,
    /// How sure the reader is that it happened as stated.
    #[serde(default, skip_serializing_if = "Certainty::is_default")]
    pub certainty: Certainty,
    /// Who made it: the importer or the reader.
    #[serde(default, skip_serializing_if = "Origin::is_default")]
    pub origin: Origin,
    /// The reader's note (any number of lines; empty when none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How sure the reader is of an event or a claim. Articles report what they report, so an
/// imported item is [`Certainty::Reported`] until the reader says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Certainty {
    /// Checked against other sources.
    Confirmed,
    /// As the article reports it, not checked.
    #[default]
    Reported,
    /// Doubted or contradicted by other sources.
    Disputed,
}

impl Certainty {
    /// Every certainty, surest first.
    pub const ALL: [Certainty; 3] = [Self::Confirmed, Self::Reported, Self::Disputed];

    /// Whether this is the default ([`Certainty::Reported`]), which files leave unsaid.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Lower-case English name, as in the JSON dump.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Reported => "reported",
            Self::Disputed => "disputed",
        }
    }

    /// Its name in Persian (`fa`) or English.
    pub fn name(self, fa: bool) -> &'static str {
        match (self, fa) {
            (Self::Confirmed, true) => "تأییدشده",
            (Self::Reported, true) => "گزارش‌شده",
            (Self::Disputed, true) => "مورد تردید",
            (Self::Confirmed, false) => "Confirmed",
            (Self::Reported, false) => "Reported",
            (Self::Disputed, false) => "Disputed",
        }
    }
}

/// Who made an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// Found by the importer (or read from an imported file).
    #[default]
    Imported,
    /// Added by the reader.
    Manual,
}

impl Origin {
    /// Whether this is the default ([`Origin::Imported`]), which files leave unsaid.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// A passage the reader marked, with an optional note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    /// Unique within the article, e.g. `"h1"`.
    pub id: String,
    /// The marked passage.
    pub anchor: Anchor,
    /// The reader's note (any number of lines; empty when none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Who a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SourceKind {
    /// A newspaper, site, agency.
    Outlet,
    /// A think tank, ministry, parliament, company.
    Institution,
    /// A named person speaking in an official role.
    Official,
    /// «منابع دولتی در اورشلیم» and the like.
    Unnamed,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Outlet,
        SourceKind::Institution,
        SourceKind::Official,
        SourceKind::Unnamed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Outlet => "outlet",
            Self::Institution => "institution",
            Self::Official => "official",
            Self::Unnamed => "unnamed",
        }
    }
}

/// An outlet, institution, official or unnamed group the article cites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique within the article, e.g. `"s3"`.
    pub id: String,
    /// Persian name as the article writes it.
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub kind: SourceKind,
    /// Role or description, e.g. «وزیر خارجه روسیه».
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Other ways the article names this source (a surname, a role written alone),
    /// as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Where the article names this source.
    #[serde(default)]
    pub mentions: Vec<Anchor>,
    /// The reader's note (any number of lines; empty when none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// How a claim is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimKind {
    /// «… گزارش داد»
    Report,
    /// A «quoted» wording.
    Quotation,
    /// «… اعلام کرد / تأکید کرد / گفت»
    Statement,
}

/// A source's claim: a quote in the text, and the events it supports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    /// Id of the [`Source`].
    pub source: String,
    pub kind: ClaimKind,
    /// The sentence or clause carrying the claim.
    pub anchor: Anchor,
    /// Ids of the events it supports.
    #[serde(default)]
    pub events: Vec<String>,
    /// How sure the reader is of it.
    #[serde(default, skip_serializing_if = "Certainty::is_default")]
    pub certainty: Certainty,
    /// The reader's note (any number of lines; empty when none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// `items` by id, the first of items sharing an id winning (as [`Article::block`],
/// [`Article::event`] and [`Article::source`] find them): for checking or linking many ids
/// at once in linear time.
pub fn by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> std::collections::HashMap<&str, &T> {
    let mut map = std::collections::HashMap::with_capacity(items.len());
    for item in items {
        map.entry(id(item)).or_insert(item);
    }
    map
}

impl Article {
    /// The block with this id.
    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id == id)
    }

    /// Index of the block with this id.
    pub fn block_index(&self, id: &str) -> Option<usize> {
        self.blocks.iter().position(|b| b.id == id)
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The category with this id, or the catch-all [`category::other`] when the article
    /// has none by that id.
    pub fn category(&self, id: &str) -> &Category {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| category::other())
    }

    /// The ids of every block, event, source, claim and highlight (one namespace).
    pub fn ids(&self) -> impl Iterator<Item = &String> {
        self.blocks
            .iter()
            .map(|b| &b.id)
            .chain(self.events.iter().map(|e| &e.id))
            .chain(self.sources.iter().map(|s| &s.id))
            .chain(self.claims.iter().map(|c| &c.id))
            .chain(self.highlights.iter().map(|h| &h.id))
    }

    /// Whether any block, event, source, claim or highlight has this id.
    pub fn has_id(&self, id: &str) -> bool {
        self.ids().any(|i| i == id)
    }

    /// A new id `{prefix}{n}` no item of the article has, `n` counting up from one more
    /// than the number of ids that start with `prefix` (so `e43` after `e1`..`e42`).
    pub fn fresh_id(&self, prefix: &str) -> String {
        let taken = self.ids().filter(|id| id.starts_with(prefix)).count();
        let mut n = taken + 1;
        loop {
            let id = format!("{prefix}{n}");
            if !self.has_id(&id) {
                return id;
            }
            n += 1;
        }
    }

    /// Index of the category with this id in [`Article::categories`].
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }

    /// Resolves an anchor against this article's blocks: (block index, byte range).
    pub fn resolve(&self, anchor: &Anchor) -> Option<(usize, std::ops::Range<usize>)> {
        let i = self.block_index(&anchor.block)?;
        anchor.resolve(&self.blocks[i].text).map(|r| (i, r))
    }

    /// Ids of the sources whose claims support event `event_id`.
    pub fn sources_of_event(&self, event_id: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.claims {
            if c.events.iter().any(|e| e == event_id) && !out.contains(&c.source.as_str()) {
                out.push(c.source.as_str());
            }
        }
        out
    }

    /// Claims made by source `source_id`.
    pub fn claims_of_source<'a>(
        &'a self,
        source_id: &'a str,
    ) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims.iter().filter(move |c| c.source == source_id)
    }

    /// Every problem with this article's internal references: duplicate ids, dangling
    /// references, anchors that do not resolve, malformed intervals. Empty when sound.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut category_ids = std::collections::HashSet::new();
        for c in &self.categories {
            if !category_ids.insert(c.id.as_str()) {
                out.push(Problem::DuplicateCategory { id: c.id.clone() });
            }
        }
        for e in &self.events {
            if !category_ids.contains(e.category.as_str()) {
                out.push(Problem::UnknownCategory {
                    event: e.id.clone(),
                    category: e.category.clone(),
                });
            }
        }
        let ids = self
            .blocks
            .iter()
            .map(|b| &b.id)
            .chain(self.events.iter().map(|e| &e.id))
            .chain(self.sources.iter().map(|s| &s.id))
            .chain(self.claims.iter().map(|c| &c.id))
            .chain(self.highlights.iter().map(|h| &h.id));
        for id in ids {
            if !seen.insert(id.as_str()) {
                out.push(Problem::DuplicateId { id: id.clone() });
            }
        }
        // Ids looked up by hash: a long article has thousands of anchors and blocks.
        let blocks = by_id(&self.blocks, |b| b.id.as_str());
        let events = by_id(&self.events, |e| e.id.as_str());
        let sources = by_id(&self.sources, |s| s.id.as_str());
        let mut check_anchor =
            |owner: &dyn Fn() -> AnchorOwner, a: &Anchor| match blocks.get(a.block.as_str()) {
                _ if a.orphaned => out.push(Problem::Orphaned {
                    owner: owner(),
                    exact: a.exact.clone(),
                }),
                None => out.push(Problem::UnknownBlock {
                    owner: owner(),
                    block: a.block.clone(),
                }),
                Some(b) if a.resolve(&b.text).is_none() => out.push(Problem::BrokenAnchor {
                    owner: owner(),
                    exact: a.exact.clone(),
                    block: a.block.clone(),
                }),
                Some(_) => {}
            };
        for e in &self.events {
            check_anchor(&|| AnchorOwner::Event(e.id.clone()), &e.anchor);
        }
        for s in &self.sources {
            for m in &s.mentions {
                check_anchor(&|| AnchorOwner::Mention(s.id.clone()), m);
            }
        }
        for c in &self.claims {
            check_anchor(&|| AnchorOwner::Claim(c.id.clone()), &c.anchor);
        }
        for h in &self.highlights {
            check_anchor(&|| AnchorOwner::Highlight(h.id.clone()), &h.anchor);
        }
        for e in &self.events {
            if !e.date.is_well_formed() {
                out.push(Problem::BadInterval {
                    event: e.id.clone(),
                    start: e.date.start,
                    end: e.date.end,
                });
            }
        }
        for c in &self.claims {
            if !sources.contains_key(c.source.as_str()) {
                out.push(Problem::UnknownSource {
                    claim: c.id.clone(),
                    source: c.source.clone(),
                });
            }
            for e in &c.events {
                if !events.contains_key(e.as_str()) {
                    out.push(Problem::UnknownEvent {
                        claim: c.id.clone(),
                        event: e.clone(),
                    });
                }
            }
        }
        out
    }
}
