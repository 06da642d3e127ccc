//! Nothing lost: a copy of the article being edited, written atomically by a worker
//! thread a few seconds after an edit ([`DELAY`]), so a crash or a kill loses at most those
//! seconds; removed when the article is saved or closed cleanly, and offered back at the
//! next start ([`find`]).
//!
//! The file is the article's RON as [`store::save`] writes it, after one comment line that
//! names the file the article came from, so it loads with [`store::from_str`] and its
//! checks.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use crate::model::Article;
use crate::store::{self, StoreError};

/// Name of the recovery file in its folder.
pub const FILE_NAME: &str = "recovery.ron";

/// How long after the first unsaved edit the copy is written. Edits in the meantime are
/// folded into the same write, so a burst of typing writes once, and a steady stream of
/// edits still writes every `DELAY`.
pub const DELAY: Duration = Duration::from_secs(2);

/// The comment line that starts a recovery file, before the source path.
const HEADER: &str = "// gahnegar recovery of: ";

enum Msg {
    /// The article as it now is, and the file it came from.
    Changed(Box<Article>, Option<PathBuf>),
    /// Saved or closed: forget the pending copy and remove the file.
    Clear,
}

/// The worker that keeps the recovery file. Dropping it writes a pending copy first.
pub struct Recovery {
    path: PathBuf,
    tx: Option<Sender<Msg>>,
    worker: Option<JoinHandle<()>>,
    errors: Receiver<String>,
    written: Arc<AtomicU64>,
}

impl Recovery {
    /// Starts the worker for the recovery file in `dir` (created when first written).
    pub fn start(dir: &Path) -> io::Result<Self> {
        let path = dir.join(FILE_NAME);
        let (tx, rx) = mpsc::channel();
        let (err_tx, errors) = mpsc::channel();
        let written = Arc::new(AtomicU64::new(0));
        let worker = {
            let path = path.clone();
            let written = Arc::clone(&written);
            std::thread::Builder::new()
                .name("recovery".into())
                .spawn(move || run(&path, &rx, &err_tx, &written))?
        };
        Ok(Self {
            path,
            tx: Some(tx),
            worker: Some(worker),
            errors,
            written,
        })
    }

    /// Where the recovery file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The article changed: a copy is written within [`DELAY`].
    pub fn changed(&self, article: &Article, source: Option<&Path>) {
        self.send(Msg::Changed(
            Box::new(article.clone()),
            source.map(Path::to_owned),
        ));
    }

    /// The article was saved or closed: no copy is needed; the file is removed.
    pub fn clear(&self) {
        self.send(Msg::Clear);
    }

    fn send(&self, msg: Msg) {
        if let Some(tx) = &self.tx {
            // The worker only stops when this sender is dropped.
            let _ = tx.send(msg);
        }
    }

    /// The next error the worker met writing or removing the file, if any.
    pub fn take_error(&self) -> Option<String> {
        self.errors.try_recv().ok()
    }

    /// How many copies the worker has written so far.
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Acquire)
    }
}

impl Drop for Recovery {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// The worker's loop: waits for changes, writes the latest copy [`DELAY`] after the first
/// unwritten one, and on shutdown writes what is pending.
fn run(path: &Path, rx: &Receiver<Msg>, errors: &Sender<String>, written: &AtomicU64) {
    let mut pending: Option<(Box<Article>, Option<PathBuf>)> = None;
    let mut due: Option<Instant> = None;
    let write = |pending: &mut Option<(Box<Article>, Option<PathBuf>)>| {
        if let Some((article, source)) = pending.take() {
            match write_file(path, &article, source.as_deref()) {
                Ok(()) => {
                    written.fetch_add(1, Ordering::AcqRel);
                }
                Err(e) => {
                    let _ = errors.send(e.to_string());
                }
            }
        }
    };
    loop {
        let msg = match due {
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match msg {
            Ok(Msg::Changed(article, source)) => {
                pending = Some((article, source));
                due.get_or_insert_with(|| Instant::now() + DELAY);
            }
            Ok(Msg::Clear) => {
                pending = None;
                due = None;
                if let Err(e) = std::fs::remove_file(path)
                    && e.kind() != io::ErrorKind::NotFound
                {
                    let _ = errors.send(format!("cannot remove {}: {e}", path.display()));
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                due = None;
                write(&mut pending);
            }
            Err(RecvTimeoutError::Disconnected) => {
                write(&mut pending);
                return;
            }
        }
    }
}

/// Writes the recovery file atomically (creating its folder).
fn write_file(path: &Path, article: &Article, source: Option<&Path>) -> Result<(), StoreError> {
    let mut text = String::from(HEADER);
    // A path with a line break cannot stand in the comment; the article is what matters.
    if let Some(s) = source
        .and_then(Path::to_str)
        .filter(|s| !s.contains(['\n', '\r']))
    {
        text.push_str(s);
    }
    text.push('\n');
    text.push_str(&store::to_string(article)?);
    let write_err = |source| StoreError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(write_err)?;
    }
    store::write_atomic(path, text.as_bytes(), true).map_err(write_err)
}

/// An article found in a recovery file.
#[derive(Debug)]
pub struct Recovered {
    pub article: Article,
    /// The file the article came from, when it had one.
    pub source: Option<PathBuf>,
    /// When the copy was written.
    pub written: Option<SystemTime>,
}

/// The recovery file in `dir`, if there is one: `None` when there is none, an error when
/// it cannot be read (it is left in place, for the reader to inspect).
pub fn find(dir: &Path) -> Option<Result<Recovered, StoreError>> {
    let path = dir.join(FILE_NAME);
    if !path.exists() {
        return None;
    }
    let read = || -> Result<Recovered, StoreError> {
        let article = store::load(&path)?;
        let text = std::fs::read_to_string(&path).map_err(|source| StoreError::Read {
            path: path.clone(),
            source,
        })?;
        let source = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix(HEADER))
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        Ok(Recovered {
            article,
            source,
            written,
        })
    };
    Some(read())
}

/// Removes the recovery file in `dir` (the reader declined it). A missing file is fine.
pub fn discard(dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(dir.join(FILE_NAME)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{Edit, Item};

    fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
        let end = Instant::now() + DELAY * 5;
        while !ok() {
            assert!(Instant::now() < end, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn a_burst_of_edits_is_written_once_after_the_delay_and_found() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let rec = Recovery::start(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let mut a = store::builtin();
        let id = a.events[0].id.clone();
        let started = Instant::now();
        for i in 0..5 {
            let note = format!("یادداشت {i}");
            Edit::SetNote {
                item: Item::Event(id.clone()),
                note,
            }
            .apply(&mut a)
            .unwrap_or_else(|e| panic!("{e}"));
            rec.changed(&a, Some(Path::new("/tmp/x.ron")));
        }
        assert!(find(dir.path()).is_none(), "nothing is written at once");
        wait_for("the copy", || rec.written() == 1);
        assert!(started.elapsed() >= DELAY, "{:?}", started.elapsed());
        let got = find(dir.path())
            .unwrap_or_else(|| panic!("a recovery file"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got.article, a, "the last state is the one written");
        assert_eq!(got.source.as_deref(), Some(Path::new("/tmp/x.ron")));
        assert!(got.written.is_some());
        // A clean save removes it.
        rec.clear();
        wait_for("the removal", || find(dir.path()).is_none());
        assert_eq!(rec.take_error(), None);
    }

    #[test]
    fn a_pending_copy_is_written_when_the_worker_stops() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let rec =
            Recovery::start(&dir.path().join("made/on/demand")).unwrap_or_else(|e| panic!("{e}"));
        let a = store::builtin();
        rec.changed(&a, None);
        drop(rec);
        let got = find(&dir.path().join("made/on/demand"))
            .unwrap_or_else(|| panic!("a recovery file"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got.article, a);
        assert_eq!(got.source, None);
        discard(&dir.path().join("made/on/demand")).unwrap_or_else(|e| panic!("{e}"));
        assert!(find(&dir.path().join("made/on/demand")).is_none());
    }

    #[test]
    fn a_damaged_recovery_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            dir.path().join(FILE_NAME),
            "// gahnegar recovery of: \n(schema: 2, meta: (",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let err = find(dir.path())
            .unwrap_or_else(|| panic!("found"))
            .err()
            .unwrap_or_else(|| panic!("an error"));
        assert!(err.to_string().contains(FILE_NAME), "{err}");
    }
}
