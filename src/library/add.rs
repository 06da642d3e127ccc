//! Adding files to the library on all cores: files and folders are gathered, each file is
//! read, hashed (the same content added twice is found), imported (a feed of several news
//! items becomes several articles), written as RON beside a copy of its original and
//! indexed, while progress (files done, rate, time left) goes to a callback and a cancel
//! flag is watched between files. The report lists what was added, what was already
//! there, what replaced an older version of the same file, and what failed and why.
//!
//! `std::thread::scope` with a shared counter rather than rayon: one file is one job (a
//! few milliseconds to a second), so a work queue of indices is all the scheduling needed,
//! and progress and cancelling stay in plain sight.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use siphasher::sip128::{Hasher128 as _, SipHasher13};
use tantivy::IndexWriter;

use super::catalog::{Entry, article_path};
use super::search::SearchIndex;
use super::{Library, ORIGINALS};
use crate::model::{AnchorOwner, Article};

/// Number of threads to use: the machine's cores.
pub(super) fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `f` over `items` on `threads` threads; results in the order of `items`.
pub(super) fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: &(dyn Fn(&T) -> R + Sync),
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let slots = Mutex::new(&mut out);
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else {
                        break;
                    };
                    let r = f(item);
                    if let Ok(mut slots) = slots.lock() {
                        slots[i] = Some(r);
                    }
                }
            });
        }
    });
    out.into_iter().flatten().collect()
}

/// How to add.
#[derive(Clone, Debug, Default)]
pub struct AddOptions {
    /// Threads to import on; 0 for every core.
    pub threads: usize,
    /// Set to stop after the files under way: what was added so far is kept.
    pub cancel: Arc<AtomicBool>,
}

/// Where an add stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// Files finished (added, already there, or failed) and files in all.
    pub done: usize,
    pub total: usize,
    /// Of the files done: how many failed, and how many were already in the library.
    pub failed: usize,
    pub duplicates: usize,
    /// Articles added so far (a feed adds several).
    pub articles: usize,
    /// Time since the add began.
    pub elapsed: Duration,
}

impl Progress {
    /// Files a second so far (0 before the first is done).
    pub fn rate(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 { self.done as f64 / s } else { 0.0 }
    }

    /// Time left at the rate so far; `None` before the first file is done.
    pub fn time_left(&self) -> Option<Duration> {
        let rate = self.rate();
        (self.done > 0 && rate > 0.0)
            .then(|| Duration::from_secs_f64((self.total - self.done) as f64 / rate))
    }
}

/// A file that could not be added, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub path: PathBuf,
    pub reason: String,
}

/// What an add did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Ids of the articles added.
    pub added: Vec<String>,
    /// Files whose content the library already had, with the article id (or the other
    /// file of the same add) that has it.
    pub duplicates: Vec<(PathBuf, String)>,
    /// Ids of articles replaced because their file had changed since it was added.
    pub replaced: Vec<String>,
    /// The reader's items carried into a replacing article whose text was not found in
    /// it: (article id, what holds the orphaned anchor). They are kept, not dropped.
    pub orphaned: Vec<(String, AnchorOwner)>,
    pub failed: Vec<Failure>,
    /// Whether the add was cancelled, and how many files were then left undone.
    pub cancelled: bool,
    pub not_done: usize,
}

/// What one file gave.
enum Outcome {
    Added {
        entries: Vec<Entry>,
        /// Older articles of the same file (changed since), to remove.
        replaces: Vec<String>,
        /// Orphans of the reader's work carried from them (see [`AddReport::orphaned`]).
        orphaned: Vec<(String, AnchorOwner)>,
    },
    Duplicate(String),
    Failed(String),
}

/// The files `paths` name: files as given, folders walked (sorted, hidden entries and
/// files of other extensions skipped). Paths that do not exist are failures.
fn gather(paths: &[PathBuf], failed: &mut Vec<Failure>) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, failed: &mut Vec<Failure>) {
        let mut items: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
            Err(e) => {
                failed.push(Failure {
                    path: dir.to_owned(),
                    reason: e.to_string(),
                });
                return;
            }
        };
        items.sort();
        for p in items {
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if p.is_dir() {
                walk(&p, out, failed);
            } else if p.extension().is_some_and(|e| {
                // Files taken from a folder (a file named on its own is always tried).
                crate::import::EXTENSIONS
                    .contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
            }) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, failed);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            failed.push(Failure {
                path: p.clone(),
                reason: "no such file or folder".to_owned(),
            });
        }
    }
    out
}

/// The content hash of a file: SipHash-1-3, 128 bits, fixed keys, as 32 hex digits.
/// SipHash rather than a cryptographic hash: it only tells a reader's own files apart, it
/// is already in the dependency tree (through accesskit), and its output is fixed by the
/// algorithm (std's `DefaultHasher` may change between Rust releases).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h = SipHasher13::new_with_keys(0x6761_686e_6567_6172, 0x6c69_6272_6172_7931);
    std::hash::Hasher::write(&mut h, bytes);
    format!("{:032x}", h.finish128().as_u128())
}

fn lower_ext(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Imports one file's bytes, told apart by content: RON articles as they are, TimelineJS
/// JSON, a Telegram export as one article a post, a saved web page, a PDF, CSV of events; a
/// feed (a CSV of news items, whatever its extension) as one article per item; any other
/// file as text.
pub fn import_file(path: &Path, bytes: &[u8]) -> Result<Vec<Article>, String> {
    let origin = path.display().to_string();
    let ext = lower_ext(path);
    let utf8 = || std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 text: {e}"));
    let options = crate::import::ImportOptions::default();
    // Told apart by content, whatever the extension (import::sniff).
    match crate::import::sniff(bytes, &ext) {
        crate::import::FileKind::Article => {
            return crate::store::from_str(utf8()?, &origin)
                .map(|a| vec![a])
                .map_err(|e| e.to_string());
        }
        crate::import::FileKind::TimelineJs => {
            return crate::import::from_timelinejs(utf8()?, &origin)
                .map(|a| vec![a])
                .map_err(|e| e.to_string());
        }
        crate::import::FileKind::Telegram => {
            return crate::import::telegram::import_telegram(utf8()?, &origin, &options)
                .map(|posts| posts.into_iter().map(|i| i.article).collect())
                .map_err(|e| e.to_string());
        }
        crate::import::FileKind::Html => {
            return crate::import::html::import_html(bytes, &origin, &options)
                .map(|i| vec![i.article])
                .map_err(|e| e.to_string());
        }
        crate::import::FileKind::Pdf => {
            return crate::import::pdf::import_pdf(bytes, &origin, &options)
                .map(|i| vec![i.article])
                .map_err(|e| e.to_string());
        }
        crate::import::FileKind::Csv | crate::import::FileKind::Text => {}
    }
    let decoded = crate::persian::decode::decode(bytes).map_err(|e| e.to_string())?;
    let name = path
        .file_stem()
        .map_or_else(|| origin.clone(), |s| s.to_string_lossy().into_owned());
    if let Some(items) = crate::import::feed::feed_items(&decoded.text) {
        let mut out = Vec::with_capacity(items.len());
        for (k, item) in items.iter().enumerate() {
            let mut text = format!("{}\n\n{}", item.title, item.date);
            for t in &item.texts {
                text.push_str("\n\n");
                text.push_str(t);
            }
            let item_name = format!("{name} {}", k + 1);
            if let Some(imported) = crate::import::import_text_with(&text, &item_name, &options) {
                let mut a = imported.article;
                let title = crate::import::normalize(&item.title).replace('\n', " ");
                if !title.trim().is_empty() {
                    a.meta.title = title.trim().to_owned();
                }
                out.push(a);
            }
        }
        return if out.is_empty() {
            Err("a feed whose items hold no text".to_owned())
        } else {
            Ok(out)
        };
    }
    if matches!(ext.as_str(), "csv" | "tsv") {
        return crate::import::from_csv(&decoded.text, &origin)
            .map(|a| vec![a])
            .map_err(|e| e.to_string());
    }
    crate::import::import_text_with(&decoded.text, &name, &options)
        .map(|i| vec![i.article])
        .ok_or_else(|| "the file holds no text".to_owned())
}

/// What the workers share.
struct Shared<'a> {
    root: &'a Path,
    index: &'a SearchIndex,
    writer: &'a IndexWriter,
    /// Content hashes in the library, with an article of each.
    known: HashMap<String, String>,
    /// Articles by the file they were added from.
    by_origin: HashMap<PathBuf, Vec<String>>,
    /// Hashes met in this add, with the file that had it first.
    seen: Mutex<HashMap<String, PathBuf>>,
    now: u64,
}

impl Shared<'_> {
    fn add_one(&self, path: &Path) -> Outcome {
        let limit = crate::persian::decode::MAX_INPUT_BYTES as u64;
        let bytes = match crate::bounded::read_path_at_most(path, limit) {
            Ok(b) => b,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let hash = content_hash(&bytes);
        if let Some(id) = self.known.get(&hash) {
            return Outcome::Duplicate(id.clone());
        }
        if let Ok(mut seen) = self.seen.lock() {
            if let Some(first) = seen.get(&hash) {
                return Outcome::Duplicate(first.display().to_string());
            }
            seen.insert(hash.clone(), path.to_owned());
        }
        let mut articles = match import_file(path, &bytes) {
            Ok(a) => a,
            Err(e) => return Outcome::Failed(e),
        };
        let origin = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        // A file added before with other content: its older articles are replaced, and
        // the reader's work on them (notes, highlights, own events, edits) is carried into
        // the new ones, re-anchored in the new text (`model::reimport`). Articles are
        // paired in order when the file gives as many as before; an older article that
        // cannot be read has nothing to carry.
        let replaces = self.by_origin.get(&origin).cloned().unwrap_or_default();
        let mut orphans: Vec<Vec<AnchorOwner>> = vec![Vec::new(); articles.len()];
        if replaces.len() == articles.len() {
            for ((a, old_id), orphans) in articles.iter_mut().zip(&replaces).zip(&mut orphans) {
                if let Ok(old) = crate::store::load(&article_path(self.root, old_id)) {
                    let new = std::mem::replace(a, old.clone());
                    let (merged, report) = crate::model::reimport::reimport(&old, new);
                    *a = merged;
                    *orphans = report.orphaned;
                }
            }
        }
        let ext = lower_ext(path);
        let original = format!(
            "{ORIGINALS}/{hash}{}{ext}",
            if ext.is_empty() { "" } else { "." }
        );
        // Unsynced: the add syncs the file system once at its end (see `Library::add`).
        match crate::store::write_atomic_unsynced(&self.root.join(&original), &bytes, false) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Outcome::Failed(format!("cannot copy the original: {e}")),
        }
        let base = &hash[..16];
        let several = articles.len() > 1;
        let mut entries = Vec::with_capacity(articles.len());
        let mut orphaned = Vec::new();
        for (k, (a, orphans)) in articles.iter().zip(orphans).enumerate() {
            let id = if several {
                format!("{base}-{}", k + 1)
            } else {
                base.to_owned()
            };
            let text = match crate::store::to_string(a) {
                Ok(t) => t,
                Err(e) => return Outcome::Failed(e.to_string()),
            };
            let file = article_path(self.root, &id);
            if let Err(e) = crate::store::write_atomic_unsynced(&file, text.as_bytes(), true) {
                return Outcome::Failed(format!("cannot write {}: {e}", file.display()));
            }
            if let Err(e) = self.index.add_article(self.writer, &id, a) {
                return Outcome::Failed(format!("cannot index: {e}"));
            }
            orphaned.extend(orphans.into_iter().map(|o| (id.clone(), o)));
            let mut entry = Entry::new(a, id, hash.clone(), text.len() as u64);
            entry.origin = Some(origin.clone());
            entry.original.clone_from(&original);
            entry.added = self.now;
            entries.push(entry);
        }
        Outcome::Added {
            entries,
            replaces,
            orphaned,
        }
    }
}

impl Library {
    /// Adds the files and folders `paths` (see the module docs), calling `progress` after
    /// each file. Files already in the library are not added again; a file whose content
    /// changed since it was added replaces its older articles.
    ///
    /// # Errors
    /// When the index or the catalog cannot be written (files that fail are in the report,
    /// not errors).
    pub fn add(
        &mut self,
        paths: &[PathBuf],
        options: &AddOptions,
        progress: &(dyn Fn(&Progress) + Sync),
    ) -> anyhow::Result<AddReport> {
        let start = Instant::now();
        let mut report = AddReport::default();
        let files = gather(paths, &mut report.failed);
        let threads = if options.threads == 0 {
            threads()
        } else {
            options.threads
        };
        let mut writer = self.index.writer(threads)?;
        let mut by_origin: HashMap<PathBuf, Vec<String>> = HashMap::new();
        for e in &self.catalog.entries {
            if let Some(o) = &e.origin {
                by_origin.entry(o.clone()).or_default().push(e.id.clone());
            }
        }
        let shared = Shared {
            root: &self.root,
            index: &self.index,
            writer: &writer,
            known: self
                .catalog
                .entries
                .iter()
                .map(|e| (e.hash.clone(), e.id.clone()))
                .collect(),
            by_origin,
            seen: Mutex::new(HashMap::new()),
            now: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        let mut state = Progress {
            done: 0,
            total: files.len(),
            failed: report.failed.len(),
            duplicates: 0,
            articles: 0,
            elapsed: Duration::ZERO,
        };
        let mut new_entries = Vec::new();
        let mut replaced: HashSet<String> = HashSet::new();
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
        std::thread::scope(|s| {
            for _ in 0..threads.clamp(1, files.len().max(1)) {
                let tx = tx.clone();
                let (next, files, shared) = (&next, &files, &shared);
                s.spawn(move || {
                    while !options.cancel.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else {
                            break;
                        };
                        if tx.send((i, shared.add_one(path))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            for (i, outcome) in rx {
                state.done += 1;
                match outcome {
                    Outcome::Added {
                        entries,
                        replaces,
                        orphaned,
                    } => {
                        state.articles += entries.len();
                        report.orphaned.extend(orphaned);
                        report.added.extend(entries.iter().map(|e| e.id.clone()));
                        new_entries.extend(entries);
                        replaced.extend(replaces);
                    }
                    Outcome::Duplicate(of) => {
                        state.duplicates += 1;
                        report.duplicates.push((files[i].clone(), of));
                    }
                    Outcome::Failed(reason) => {
                        state.failed += 1;
                        report.failed.push(Failure {
                            path: files[i].clone(),
                            reason,
                        });
                    }
                }
                state.elapsed = start.elapsed();
                progress(&state);
            }
        });
        drop(shared);
        report.cancelled = options.cancel.load(Ordering::Relaxed) && state.done < files.len();
        report.not_done = files.len() - state.done;
        // Replaced articles leave the index, the catalog and the folder.
        let added: HashSet<&str> = report.added.iter().map(String::as_str).collect();
        let mut replaced: Vec<String> = replaced
            .into_iter()
            .filter(|id| !added.contains(id.as_str()))
            .collect();
        replaced.sort();
        for id in &replaced {
            self.index.delete_article(&writer, id);
        }
        self.index.commit(&mut writer)?;
        drop(writer);
        // The new articles and originals are durable before the catalog names them.
        let written: Vec<PathBuf> = new_entries
            .iter()
            .flat_map(|e| [e.path(&self.root), self.root.join(&e.original)])
            .collect();
        crate::store::sync_file_system(&self.root, &written)
            .context("cannot make the added articles durable")?;
        let gone: HashSet<&str> = replaced.iter().map(String::as_str).collect();
        let mut usable = Vec::with_capacity(self.catalog.entries.len() + new_entries.len());
        let old = std::mem::take(&mut self.catalog.entries);
        for (e, u) in old.into_iter().zip(std::mem::take(&mut self.usable)) {
            if gone.contains(e.id.as_str()) {
                let _ = std::fs::remove_file(e.path(&self.root));
            } else {
                self.catalog.entries.push(e);
                usable.push(u);
            }
        }
        usable.extend(std::iter::repeat_n(true, new_entries.len()));
        self.catalog.entries.extend(new_entries);
        self.usable = usable;
        self.catalog.indexed_blocks = self.index.num_docs();
        self.groups = std::sync::OnceLock::new();
        self.save_catalog()?;
        report.replaced = replaced;
        Ok(report)
    }
}

/// An add running on its own thread, for a UI: progress arrives on a channel, cancel is a
/// flag, and the library comes back with the report when it is done.
pub struct AddJob {
    /// Progress after each file.
    pub progress: mpsc::Receiver<Progress>,
    cancel: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<(Library, anyhow::Result<AddReport>)>,
}

impl AddJob {
    /// Starts adding `paths` to `library` in the background.
    pub fn spawn(mut library: Library, paths: Vec<PathBuf>) -> Self {
        let (tx, progress) = mpsc::channel();
        let options = AddOptions::default();
        let cancel = Arc::clone(&options.cancel);
        let handle = std::thread::spawn(move || {
            let tx = Mutex::new(tx);
            let report = library.add(&paths, &options, &|p| {
                if let Ok(tx) = tx.lock() {
                    let _ = tx.send(p.clone());
                }
            });
            (library, report)
        });
        Self {
            progress,
            cancel,
            handle,
        }
    }

    /// Asks the add to stop after the files under way.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the add has ended.
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the end: the library and the report.
    ///
    /// # Errors
    /// When the add failed, or its thread panicked.
    pub fn join(self) -> anyhow::Result<(Library, AddReport)> {
        let (lib, report) = self
            .handle
            .join()
            .map_err(|_| anyhow::anyhow!("the add's thread panicked"))?;
        Ok((lib, report?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fixed_and_tells_contents_apart() {
        assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert_eq!(content_hash(b"").len(), 32);
    }

    #[test]
    fn progress_rate_and_time_left() {
        let p = Progress {
            done: 10,
            total: 30,
            failed: 0,
            duplicates: 0,
            articles: 10,
            elapsed: Duration::from_secs(5),
        };
        assert!((p.rate() - 2.0).abs() < 1e-9, "{}", p.rate());
        assert_eq!(p.time_left(), Some(Duration::from_secs(10)));
        let none = Progress { done: 0, ..p };
        assert_eq!(none.time_left(), None);
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<usize> = (0..100).collect();
        let out = parallel_map(&items, 3, &|i| i * 2);
        assert_eq!(out, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn feeds_become_several_articles() {
        let feed = "title,date,text\n\
            قیمت نان گران شد,1402-08-09,به گفته مسئولان قیمت نان افزایش یافت.\n\
            تیم ملی قهرمان شد,1402-08-10,تیم ملی والیبال دیروز قهرمان شد.\n";
        let got =
            import_file(Path::new("news.csv"), feed.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let titles: Vec<&str> = got.iter().map(|a| a.meta.title.as_str()).collect();
        assert_eq!(titles, ["قیمت نان گران شد", "تیم ملی قهرمان شد"]);
        assert!(import_file(Path::new("x.txt"), b"\0\0\0\x01binary").is_err());
    }
}
