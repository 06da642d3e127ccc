//! The article as plain data: metadata, blocks in reading order, events with fuzzy dates,
//! sources and their claims. No drawing, no parsing of files (see `store` and `import`).

mod anchor;
pub mod category;
mod date;
pub mod legacy;

pub use anchor::{Anchor, resolve_work};
pub use category::{Category, Rgb, news_categories};
pub use date::{Day, DayError, FuzzyDate, MAX_YEAR, MIN_YEAR, Precision};

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
    /// The date wording in its sentence (`anchor.exact == date.wording`).
    pub anchor: Anchor,
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
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut category_ids = std::collections::HashSet::new();
        for c in &self.categories {
            if !category_ids.insert(c.id.as_str()) {
                out.push(format!("duplicate category id «{}»", c.id));
            }
        }
        for e in &self.events {
            if !category_ids.contains(e.category.as_str()) {
                out.push(format!("event {}: unknown category «{}»", e.id, e.category));
            }
        }
        let ids = self
            .blocks
            .iter()
            .map(|b| &b.id)
            .chain(self.events.iter().map(|e| &e.id))
            .chain(self.sources.iter().map(|s| &s.id))
            .chain(self.claims.iter().map(|c| &c.id));
        for id in ids {
            if !seen.insert(id.as_str()) {
                out.push(format!("duplicate id «{id}»"));
            }
        }
        // Ids looked up by hash: a long article has thousands of anchors and blocks.
        let blocks = by_id(&self.blocks, |b| b.id.as_str());
        let events = by_id(&self.events, |e| e.id.as_str());
        let sources = by_id(&self.sources, |s| s.id.as_str());
        let mut check_anchor =
            |what: &dyn Fn() -> String, a: &Anchor| match blocks.get(a.block.as_str()) {
                None => out.push(format!(
                    "{}: anchor names unknown block «{}»",
                    what(),
                    a.block
                )),
                Some(b) if a.resolve(&b.text).is_none() => {
                    out.push(format!(
                        "{}: broken anchor «{}» not found in block «{}»",
                        what(),
                        a.exact,
                        a.block
                    ));
                }
                Some(_) => {}
            };
        for e in &self.events {
            check_anchor(&|| format!("event {}", e.id), &e.anchor);
        }
        for s in &self.sources {
            for m in &s.mentions {
                check_anchor(&|| format!("source {} mention", s.id), m);
            }
        }
        for c in &self.claims {
            check_anchor(&|| format!("claim {}", c.id), &c.anchor);
        }
        for e in &self.events {
            if !e.date.is_well_formed() {
                out.push(format!(
                    "event {}: interval {}..{} ends before it starts",
                    e.id, e.date.start, e.date.end
                ));
            }
        }
        for c in &self.claims {
            if !sources.contains_key(c.source.as_str()) {
                out.push(format!("claim {}: unknown source «{}»", c.id, c.source));
            }
            for e in &c.events {
                if !events.contains_key(e.as_str()) {
                    out.push(format!("claim {}: unknown event «{e}»", c.id));
                }
            }
        }
        out
    }
}
