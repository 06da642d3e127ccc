//! A library of many articles (headless: no egui): a folder of RON articles with a catalog
//! and a search index beside them, adding files in the background, Persian full-text
//! search, the same happening across articles grouped, and sources across articles.
//!
//! The folder:
//!
//! ```text
//! DIR/catalog.bin         every article in brief (catalog), rebuilt from the articles when lost
//! DIR/articles/ID.ron     one article per file, written by `store` (atomic)
//! DIR/originals/HASH.EXT  the file each article was imported from, byte for byte
//! DIR/search/             the tantivy index, rebuilt when missing or unreadable
//! DIR/groups.ron          the reader's decisions on groups of events
//! ```
//!
//! A view lists [`Library::entries`] (title, outlet, author, date, counts), sorts and
//! filters them itself, searches with [`Library::search`] (each [`Hit`] names the article,
//! the block and the match's byte range in the block's text, for opening the article at
//! the match), loads an article with [`Library::article`], draws
//! [`Library::merged_timeline`] and lists [`Library::sources`].
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use gahnegar::library::{AddOptions, Library};
//! let (mut lib, report) = Library::open(std::path::Path::new("/tmp/lib"))?;
//! assert!(report.damaged.is_empty());
//! let added = lib.add(&["news/".into()], &AddOptions::default(), &|_progress| {})?;
//! for hit in lib.search("علی‌اف", 10)? {
//!     println!("{} {}: {}", hit.article, hit.block_id, hit.snippet);
//! }
//! # Ok(()) }
//! ```

mod add;
pub mod catalog;
pub mod dump;
pub mod groups;
pub mod search;
pub mod sources;
pub mod tokenizer;
pub mod view;

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub use add::{AddJob, AddOptions, AddReport, Failure, Progress};
pub use catalog::{Catalog, Entry};
pub use groups::{Decisions, EventRef, Group, Groups, LaneBy, MergedTimeline};
pub use sources::{Disagreement, LibrarySource};

use crate::model::Article;
use search::SearchIndex;

/// The articles' folder inside the library folder.
pub const ARTICLES: &str = "articles";
/// The originals' folder.
pub const ORIGINALS: &str = "originals";
/// The search index's folder.
pub const SEARCH: &str = "search";
/// The catalog file.
pub const CATALOG: &str = "catalog.bin";
/// The reader's decisions on groups.
pub const DECISIONS: &str = "groups.ron";

/// The library folder used when none is chosen: `gahnegar/library` in the platform's data
/// directory (`$XDG_DATA_HOME` or `~/.local/share` on Linux, `~/Library/Application
/// Support` on macOS, `%APPDATA%` on Windows). `None` when the platform has none.
pub fn default_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gahnegar").join("library"))
}

/// An article that could not be opened, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged {
    pub id: String,
    pub path: PathBuf,
    pub reason: String,
}

/// What opening a library found and repaired.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Articles that could not be read (truncated, edited outside the library into
    /// something that no longer parses, missing). They stay listed; search skips them.
    pub damaged: Vec<Damaged>,
    /// Why the catalog was rebuilt from the articles, when it was.
    pub catalog_rebuilt: Option<String>,
    /// Why the search index was rebuilt, when it was.
    pub index_rebuilt: Option<String>,
    /// Why the reader's decisions on groups could not be read (they are then kept aside
    /// as `groups.ron.bad` and the library starts without them).
    pub decisions_lost: Option<String>,
}

/// A search hit: a block of an article where the query matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The article's id (see [`Library::article`]) and title.
    pub article: String,
    pub title: String,
    /// The block's index in the article and its id.
    pub block: usize,
    pub block_id: String,
    /// Byte ranges of the matches in the block's text (the first is where to open);
    /// empty in the rare case the match cannot be placed again (the article is then
    /// opened at the block).
    pub ranges: Vec<Range<usize>>,
    /// A piece of the block around the first match, and the match's range in it.
    pub snippet: String,
    pub snippet_range: Range<usize>,
    pub score: f32,
}

/// An open library.
pub struct Library {
    root: PathBuf,
    catalog: Catalog,
    /// Per entry: whether its article can be used (not damaged).
    usable: Vec<bool>,
    index: SearchIndex,
    decisions: Decisions,
    /// Groups of events, computed when first asked for and dropped on every change.
    groups: std::sync::OnceLock<Groups>,
}

impl Library {
    /// Opens the library in `root`, making the folder when it does not exist. A damaged
    /// article is named in the report and the rest opens; a lost or unreadable catalog is
    /// rebuilt from the articles, and a lost, unreadable or stale search index from the
    /// catalog's articles.
    ///
    /// # Errors
    /// When the folder cannot be made or written, or the index cannot be rebuilt.
    pub fn open(root: &Path) -> anyhow::Result<(Self, OpenReport)> {
        for sub in [ARTICLES, ORIGINALS] {
            std::fs::create_dir_all(root.join(sub))
                .with_context(|| format!("cannot make the library folder {}", root.display()))?;
        }
        crate::store::clean_stale_temps(root, None);
        crate::store::clean_stale_temps(&root.join(ARTICLES), None);
        let mut report = OpenReport::default();
        let (catalog, usable, changed) = open_catalog(root, &mut report);
        let decisions = read_decisions(root, &mut report);
        let expected: u64 = catalog.indexed_blocks;
        let index = match SearchIndex::open(&root.join(SEARCH)) {
            Ok(ix) if changed => {
                report.index_rebuilt = Some("articles changed outside the library".into());
                drop(ix);
                None
            }
            Ok(ix) if ix.num_docs() == expected => Some(ix),
            Ok(ix) => {
                report.index_rebuilt = Some(format!(
                    "the index holds {} blocks, the catalog {expected}",
                    ix.num_docs()
                ));
                None
            }
            // A new library has no index yet, and nothing to rebuild it from.
            Err(_) if !root.join(SEARCH).exists() && expected == 0 => None,
            Err(e) => {
                report.index_rebuilt = Some(e.to_string());
                None
            }
        };
        let mut lib = Self {
            root: root.to_owned(),
            catalog,
            usable,
            index: match index {
                Some(ix) => ix,
                None => SearchIndex::create(&root.join(SEARCH)).with_context(|| {
                    format!("cannot make the search index in {}", root.display())
                })?,
            },
            decisions,
            groups: std::sync::OnceLock::new(),
        };
        if report.index_rebuilt.is_some() {
            lib.rebuild_index(&mut report)?;
        } else if report.catalog_rebuilt.is_some() {
            lib.save_catalog()?;
        }
        Ok((lib, report))
    }

    /// The library folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every article, in the order added (damaged ones included; see
    /// [`Library::is_usable`]).
    pub fn entries(&self) -> &[Entry] {
        &self.catalog.entries
    }

    /// Whether entry `i`'s article can be opened.
    pub fn is_usable(&self, i: usize) -> bool {
        self.usable.get(i).copied().unwrap_or(false)
    }

    /// The entry with this article id.
    pub fn entry(&self, id: &str) -> Option<(usize, &Entry)> {
        self.catalog
            .entries
            .iter()
            .enumerate()
            .find(|(_, e)| e.id == id)
    }

    /// Loads article `id`.
    ///
    /// # Errors
    /// When there is no such article or its file cannot be read.
    pub fn article(&self, id: &str) -> anyhow::Result<Article> {
        let (_, e) = self
            .entry(id)
            .with_context(|| format!("no article «{id}» in the library"))?;
        Ok(crate::store::load(&e.path(&self.root))?)
    }

    /// The blocks matching every word of `query` (Persian folding: ی/ي, ک/ك, ZWNJ and
    /// spaces, diacritics, digit scripts), best first, at most `limit`.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn search(&self, query: &str, limit: usize) -> anyhow::Result<Vec<Hit>> {
        let usable: HashSet<&str> = self
            .catalog
            .entries
            .iter()
            .zip(&self.usable)
            .filter(|(_, u)| **u)
            .map(|(e, _)| e.id.as_str())
            .collect();
        // Damaged articles' blocks may still be in the index: ask for a few more.
        let raw = self
            .index
            .search(query, limit + (self.usable.len() - usable.len()))?;
        let mut out = Vec::with_capacity(raw.len().min(limit));
        for h in raw {
            if out.len() == limit {
                break;
            }
            if !usable.contains(h.article.as_str()) {
                continue;
            }
            let ranges = search::match_ranges(&h.text, query);
            let (snippet, snippet_range) =
                search::snippet(&h.text, ranges.first().cloned().unwrap_or(0..0));
            let title = self
                .entry(&h.article)
                .map(|(_, e)| e.title.clone())
                .unwrap_or_default();
            out.push(Hit {
                article: h.article,
                title,
                block: h.block,
                block_id: h.block_id,
                ranges,
                snippet,
                snippet_range,
                score: h.score,
            });
        }
        Ok(out)
    }

    /// Every event in groups of the same happening (computed once, after each change).
    pub fn groups(&self) -> &Groups {
        self.groups.get_or_init(|| {
            groups::group_events(&self.catalog.entries, &self.usable, &self.decisions)
        })
    }

    /// The merged timeline of the events that `in_view` keeps, in lanes by `lane_by`.
    pub fn merged_timeline(
        &self,
        lane_by: LaneBy,
        in_view: &dyn Fn(EventRef) -> bool,
    ) -> MergedTimeline {
        groups::merged_timeline(&self.catalog.entries, self.groups(), lane_by, in_view)
    }

    /// Sources across the library.
    pub fn sources(&self) -> Vec<LibrarySource> {
        sources::library_sources(&self.catalog.entries, &self.usable)
    }

    /// Where two sources disagree on the date of a group's happening.
    pub fn disagreements(&self, sources: &[LibrarySource]) -> Vec<Disagreement> {
        sources::disagreements(&self.catalog.entries, self.groups(), sources)
    }

    /// The reader's decisions on groups.
    pub fn decisions(&self) -> &Decisions {
        &self.decisions
    }

    /// Confirms group `g` as it stands (saved).
    ///
    /// # Errors
    /// When the decisions cannot be saved.
    pub fn confirm_group(&mut self, g: usize) -> anyhow::Result<()> {
        let Some(group) = self.groups().groups.get(g) else {
            anyhow::bail!("no group {g}");
        };
        let keys: Vec<String> = group
            .reports
            .iter()
            .map(|r| r.key(&self.catalog.entries))
            .collect();
        self.decisions
            .confirmed
            .retain(|c| !c.iter().any(|k| keys.contains(k)));
        self.decisions.confirmed.push(keys);
        self.save_decisions()
    }

    /// Takes event `r` out of its group (saved).
    ///
    /// # Errors
    /// When the decisions cannot be saved.
    pub fn split_event(&mut self, r: EventRef) -> anyhow::Result<()> {
        let key = r.key(&self.catalog.entries);
        self.decisions
            .merged
            .retain(|(a, b)| *a != key && *b != key);
        for c in &mut self.decisions.confirmed {
            c.retain(|k| *k != key);
        }
        self.decisions.confirmed.retain(|c| c.len() > 1);
        if !self.decisions.split.contains(&key) {
            self.decisions.split.push(key);
        }
        self.save_decisions()
    }

    /// Puts the groups of events `a` and `b` together (saved).
    ///
    /// # Errors
    /// When the decisions cannot be saved.
    pub fn merge_events(&mut self, a: EventRef, b: EventRef) -> anyhow::Result<()> {
        let (ka, kb) = (a.key(&self.catalog.entries), b.key(&self.catalog.entries));
        self.decisions.merged.push((ka, kb));
        self.save_decisions()
    }

    fn save_decisions(&mut self) -> anyhow::Result<()> {
        let text = ron::ser::to_string_pretty(&self.decisions, ron::ser::PrettyConfig::new())?;
        let path = self.root.join(DECISIONS);
        crate::store::write_atomic(&path, text.as_bytes(), true)
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.groups = std::sync::OnceLock::new();
        Ok(())
    }

    fn save_catalog(&self) -> anyhow::Result<()> {
        let path = self.root.join(CATALOG);
        catalog::write(&path, &self.catalog)
            .with_context(|| format!("cannot write {}", path.display()))?;
        // The first version's JSON catalog, replaced by this one.
        let _ = std::fs::remove_file(self.root.join("catalog.json"));
        Ok(())
    }

    /// Makes the search index anew from every usable article.
    fn rebuild_index(&mut self, report: &mut OpenReport) -> anyhow::Result<()> {
        self.index = SearchIndex::create(&self.root.join(SEARCH))?;
        let threads = add::threads();
        let mut writer = self.index.writer(threads)?;
        let root = &self.root;
        let entries = &self.catalog.entries;
        let jobs: Vec<usize> = (0..entries.len()).filter(|&i| self.usable[i]).collect();
        let loaded = add::parallel_map(&jobs, threads, &|&i| {
            let e = &entries[i];
            crate::store::load(&e.path(root))
        });
        let mut docs = 0;
        for (&i, r) in jobs.iter().zip(loaded) {
            match r {
                Ok(a) => {
                    self.index.add_article(&writer, &entries[i].id, &a)?;
                    docs += SearchIndex::docs_of(&a);
                }
                Err(e) => {
                    // Damaged between the check and now: named like the others.
                    self.usable[i] = false;
                    report.damaged.push(Damaged {
                        id: entries[i].id.clone(),
                        path: entries[i].path(root),
                        reason: e.to_string(),
                    });
                }
            }
        }
        self.index.commit(&mut writer)?;
        self.catalog.indexed_blocks = docs;
        self.save_catalog()
    }
}

/// Reads the catalog, checks each article's file against it, adopts articles found in
/// the folder without an entry, and rebuilds it from the articles when it is lost.
/// Returns the catalog, which entries are usable, and whether articles changed (so the
/// index must be rebuilt).
fn open_catalog(root: &Path, report: &mut OpenReport) -> (Catalog, Vec<bool>, bool) {
    let path = root.join(CATALOG);
    let mut changed = false;
    let mut catalog = match catalog::read(&path) {
        Ok(c) => c,
        Err(why) => {
            if path.exists() {
                report.catalog_rebuilt = Some(format!("{}: {why}", path.display()));
                changed = true;
            }
            Catalog {
                version: catalog::CATALOG_VERSION,
                ..Catalog::default()
            }
        }
    };
    // Files on disk.
    let on_disk: Vec<String> = std::fs::read_dir(root.join(ARTICLES))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|d| {
            let name = d.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".ron")
                .filter(|s| !s.starts_with('.'))
                .map(str::to_owned)
        })
        .collect();
    let known: HashSet<&str> = catalog.entries.iter().map(|e| e.id.as_str()).collect();
    let mut orphans: Vec<String> = on_disk
        .iter()
        .filter(|id| !known.contains(id.as_str()))
        .cloned()
        .collect();
    orphans.sort();
    // Entries whose file is missing or of another size are read again.
    let mut check: Vec<usize> = Vec::new();
    for (i, e) in catalog.entries.iter().enumerate() {
        match std::fs::metadata(e.path(root)) {
            Ok(m) if m.len() == e.bytes => {}
            _ => check.push(i),
        }
    }
    let mut usable = vec![true; catalog.entries.len()];
    let threads = add::threads();
    let reread = add::parallel_map(&check, threads, &|&i| {
        crate::store::load(&catalog.entries[i].path(root))
    });
    for (&i, r) in check.iter().zip(reread) {
        let e = &mut catalog.entries[i];
        match r {
            Ok(a) => {
                // Edited outside the library into a sound article: take it as it is now.
                let bytes = std::fs::metadata(e.path(root)).map_or(0, |m| m.len());
                let mut fresh = Entry::new(&a, e.id.clone(), e.hash.clone(), bytes);
                fresh.origin = e.origin.take();
                fresh.original = std::mem::take(&mut e.original);
                fresh.added = e.added;
                *e = fresh;
                changed = true;
            }
            Err(err) => {
                usable[i] = false;
                report.damaged.push(Damaged {
                    id: e.id.clone(),
                    path: e.path(root),
                    reason: err.to_string(),
                });
            }
        }
    }
    if !orphans.is_empty() {
        let loaded = add::parallel_map(&orphans, threads, &|id| {
            let p = catalog::article_path(root, id);
            crate::store::load(&p).map(|a| {
                let bytes = std::fs::metadata(&p).map_or(0, |m| m.len());
                Entry::new(&a, id.clone(), id.clone(), bytes)
            })
        });
        for (id, r) in orphans.iter().zip(loaded) {
            match r {
                Ok(entry) => {
                    catalog.entries.push(entry);
                    usable.push(true);
                    changed = true;
                }
                Err(err) => report.damaged.push(Damaged {
                    id: id.clone(),
                    path: catalog::article_path(root, id),
                    reason: err.to_string(),
                }),
            }
        }
        if report.catalog_rebuilt.is_none() && !path.exists() && !catalog.entries.is_empty() {
            report.catalog_rebuilt = Some(format!("{} is missing", path.display()));
        }
    }
    (catalog, usable, changed)
}

fn read_decisions(root: &Path, report: &mut OpenReport) -> Decisions {
    let path = root.join(DECISIONS);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Decisions::default();
    };
    match ron::from_str(&text) {
        Ok(d) => d,
        Err(e) => {
            let _ = std::fs::rename(&path, root.join(format!("{DECISIONS}.bad")));
            report.decisions_lost = Some(format!("{}: {e}", path.display()));
            Decisions::default()
        }
    }
}
