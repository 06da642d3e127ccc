//! The library's catalog (`catalog.json` beside the articles): one entry per article with
//! what a list, the merged timeline and the sources across articles need — title, outlet,
//! author, date, counts, and every event, source and claim in brief — so opening a library
//! of thousands of articles reads one file, not every article.
//!
//! Binary (postcard) rather than RON or JSON: the catalog is an index the library rewrites
//! and can rebuild from the articles at any time, and at 10,000 articles it holds ~300,000
//! events; postcard reads it about 4x faster than serde_json did and is a third of its
//! size (docs/PERFORMANCE.md). The file starts with [`MAGIC`] and the format's version.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Article, Day, Precision, SourceKind};

/// The catalog format this build writes and reads; another number makes the library
/// rebuild the catalog from its articles.
pub const CATALOG_VERSION: u32 = 2;

/// The first bytes of a catalog file.
pub const MAGIC: &[u8] = b"gahnegar catalog\n";

/// Every article of the library, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// See [`CATALOG_VERSION`].
    pub version: u32,
    /// Number of documents (blocks) the search index held when the catalog was last
    /// written; a different count on opening means the index is stale and is rebuilt.
    #[serde(default)]
    pub indexed_blocks: u64,
    pub entries: Vec<Entry>,
}

/// One article of the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The article's id: its file is `articles/{id}.ron`. The first 16 hex digits of its
    /// original's content hash, with `-N` for the N-th item of a feed.
    pub id: String,
    /// Content hash of the original file (32 hex digits), for finding the same file
    /// added twice.
    pub hash: String,
    /// The path the original was added from (absolute when it could be resolved);
    /// `None` for an article found in the folder without an entry.
    #[serde(default)]
    pub origin: Option<PathBuf>,
    /// The copy of the original file, relative to the library folder (empty when none).
    #[serde(default)]
    pub original: String,
    /// Size in bytes of the article's RON file as the library wrote it: a file of
    /// another size was truncated or edited outside the library and is checked.
    pub bytes: u64,
    /// When it was added, seconds since the Unix epoch.
    #[serde(default)]
    pub added: u64,
    pub title: String,
    #[serde(default)]
    pub author: String,
    /// Where it was published (the article's `meta.publication`), empty when unknown.
    #[serde(default)]
    pub outlet: String,
    /// The document's own date.
    #[serde(default)]
    pub date: Option<Day>,
    /// Number of blocks (headings, paragraphs, pull quotes).
    pub blocks: usize,
    pub events: Vec<EventRow>,
    pub sources: Vec<SourceRow>,
    pub claims: Vec<ClaimRow>,
}

/// An event in brief.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: String,
    pub start: Day,
    pub end: Day,
    pub precision: Precision,
    #[serde(default)]
    pub approximate: bool,
    /// The date as the text words it.
    pub wording: String,
    pub label: String,
    /// Category id, and its Persian and English names (the lane names).
    pub category: String,
    pub category_fa: String,
    pub category_en: String,
    /// Index of the block the event's date stands in (`usize::MAX` when its anchor does
    /// not resolve).
    pub block: usize,
}

/// A source in brief.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRow {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub kind: SourceKind,
}

/// A claim in brief.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub id: String,
    /// Id of its source in the same article.
    pub source: String,
    /// The quoted text.
    pub quote: String,
    /// Index of the block the quote stands in (`usize::MAX` when it does not resolve).
    pub block: usize,
    /// Ids of the events it supports.
    pub events: Vec<String>,
}

impl Entry {
    /// The entry for `article`, stored as `id`, added from `origin` whose content hash is
    /// `hash`; `bytes` is the size of its RON file.
    pub fn new(article: &Article, id: String, hash: String, bytes: u64) -> Self {
        let block_of = |a: &crate::model::Anchor| article.block_index(&a.block);
        let events = article
            .events
            .iter()
            .map(|e| {
                let c = article.category(&e.category);
                EventRow {
                    id: e.id.to_string(),
                    start: e.date.start,
                    end: e.date.end,
                    precision: e.date.precision,
                    approximate: e.date.approximate,
                    wording: e.date.wording.clone(),
                    label: e.label.clone(),
                    category: c.id.to_string(),
                    category_fa: c.fa.clone(),
                    category_en: c.en.clone(),
                    block: block_of(&e.anchor).unwrap_or(usize::MAX),
                }
            })
            .collect();
        let sources = article
            .sources
            .iter()
            .map(|s| SourceRow {
                id: s.id.to_string(),
                name: s.name.clone(),
                name_en: s.name_en.clone(),
                kind: s.kind,
            })
            .collect();
        let claims = article
            .claims
            .iter()
            .map(|c| ClaimRow {
                id: c.id.to_string(),
                source: c.source.to_string(),
                quote: c.anchor.exact.clone(),
                block: block_of(&c.anchor).unwrap_or(usize::MAX),
                events: c.events.iter().map(ToString::to_string).collect(),
            })
            .collect();
        Self {
            id,
            hash,
            origin: None,
            original: String::new(),
            bytes,
            added: 0,
            title: article.meta.title.clone(),
            author: article.meta.author.clone(),
            outlet: article.meta.publication.clone().unwrap_or_default(),
            date: article.meta.date,
            blocks: article.blocks.len(),
            events,
            sources,
            claims,
        }
    }

    /// The entry's article file inside the library folder `root`.
    pub fn path(&self, root: &Path) -> PathBuf {
        article_path(root, &self.id)
    }
}

/// Where the article `id` is stored in the library folder `root`.
pub fn article_path(root: &Path, id: &str) -> PathBuf {
    root.join(super::ARTICLES).join(format!("{id}.ron"))
}

/// Reads a catalog; `Err` with the reason when it is missing, unreadable, not a catalog or
/// of another version.
pub fn read(path: &Path) -> Result<Catalog, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let body = bytes
        .strip_prefix(MAGIC)
        .ok_or("not a Gahnegar library catalog")?;
    let (version, _) =
        postcard::take_from_bytes::<u32>(body).map_err(|e| format!("unreadable: {e}"))?;
    if version != CATALOG_VERSION {
        return Err(format!(
            "catalog version {version} (this build reads {CATALOG_VERSION})"
        ));
    }
    postcard::from_bytes(body).map_err(|e| format!("unreadable: {e}"))
}

/// Writes the catalog atomically.
///
/// # Errors
/// When the file cannot be written; the previous catalog is then left as it was.
pub fn write(path: &Path, catalog: &Catalog) -> std::io::Result<()> {
    let mut bytes = MAGIC.to_vec();
    let bytes =
        postcard::to_extend(catalog, std::mem::take(&mut bytes)).map_err(std::io::Error::other)?;
    crate::store::write_atomic(path, &bytes, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_round_trips_and_a_cut_or_foreign_one_is_refused() {
        let a = crate::store::builtin();
        let e = Entry::new(&a, "x".into(), "00".repeat(16), 10);
        assert_eq!(e.events.len(), a.events.len());
        assert_eq!(e.claims.len(), a.claims.len());
        assert!(
            e.events.iter().all(|r| r.block < a.blocks.len()),
            "every event's block"
        );
        let c = Catalog {
            version: CATALOG_VERSION,
            indexed_blocks: 3,
            entries: vec![e],
        };
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("catalog.bin");
        write(&p, &c).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&p), Ok(c));
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{e}"));
        for cut in [bytes.len() / 2, bytes.len() - 1, MAGIC.len() + 1] {
            std::fs::write(&p, &bytes[..cut]).unwrap_or_else(|e| panic!("{e}"));
            assert!(read(&p).is_err(), "a catalog cut at {cut} is refused");
        }
        // The JSON catalog of the first version is not read (the library rebuilds it).
        std::fs::write(&p, b"{\"version\": 1, \"entries\": []}").unwrap_or_else(|e| panic!("{e}"));
        assert!(read(&p).is_err());
        // Another version of the format is named.
        let mut other = MAGIC.to_vec();
        other.push(9);
        std::fs::write(&p, &other).unwrap_or_else(|e| panic!("{e}"));
        assert!(read(&p).is_err_and(|e| e.contains("version 9")));
    }
}
