//! Long file work off the UI thread: opening an article and writing an export run on a
//! thread of their own while the window keeps drawing a progress dialog with Cancel.
//!
//! A [`Job`] owns a cancel flag and a result slot. The work checks the flag between its
//! stages (see [`Cancel::check`]) and a cancelled job never commits: an open's article is
//! dropped, and an export stops before its file is written, so the destination keeps
//! what it held.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::document::Document;
use super::files::ExportKind;
use super::i18n::{Lang, isolate};
use super::widgets;
use crate::export::{self, ExportError, ImageOptions};
use crate::model::Article;
use crate::store::StoreError;

/// A job's cancel flag as the work sees it.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Whether the user cancelled the job.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Some(())` to go on, `None` once cancelled: for `?` between a job's stages.
    pub fn check(&self) -> Option<()> {
        (!self.is_set()).then_some(())
    }
}

/// Work running on a background thread, with its result once done.
pub struct Job<T> {
    path: PathBuf,
    started: Instant,
    cancel: Cancel,
    result: Arc<Mutex<Option<T>>>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread; `ctx` (when given) is asked to repaint when it ends.
    /// `work` returns `None` when it saw the cancel flag: the job then has no result.
    pub fn spawn(
        path: PathBuf,
        ctx: Option<&egui::Context>,
        work: impl FnOnce(&Cancel) -> Option<T> + Send + 'static,
    ) -> Self {
        let job = Self {
            path,
            started: Instant::now(),
            cancel: Cancel::default(),
            result: Arc::new(Mutex::new(None)),
        };
        let (cancel, result, ctx) = (job.cancel.clone(), job.result.clone(), ctx.cloned());
        std::thread::spawn(move || {
            let out = work(&cancel);
            if !cancel.is_set() {
                *result.lock().unwrap_or_else(PoisonError::into_inner) = out;
            }
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        job
    }

    /// The file the job reads or writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Time since the job started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Asks the work to stop; whatever it finishes afterwards is dropped.
    pub fn cancel(&self) {
        self.cancel.0.store(true, Ordering::Relaxed);
    }

    /// The result, once the work is done (taken once; never after a cancel).
    pub fn take_result(&self) -> Option<T> {
        if self.cancel.is_set() {
            return None;
        }
        self.result
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

/// What an open job gives: the loaded article with its index built, whether it is the
/// file's own article (RON) or a new one made from an event file, or the message.
pub type Opened = Result<(Box<Document>, bool), String>;

/// The file work the app runs in the background.
pub enum FileJob {
    /// Opening an article (.ron) or an event file (TimelineJS, CSV).
    Open(Job<Opened>),
    /// Writing an export.
    Export(ExportKind, Job<Result<(), ExportError>>),
    /// Saving the article (a snapshot taken when the save began).
    Save(Job<Result<(), StoreError>>),
}

impl FileJob {
    /// Starts opening `path`: reading, parsing and indexing on the job's thread.
    pub fn open(path: &Path, ctx: &egui::Context) -> Self {
        let p = path.to_path_buf();
        FileJob::Open(Job::spawn(path.to_path_buf(), Some(ctx), move |cancel| {
            open_article(&p, cancel)
        }))
    }

    /// Starts writing `kind` of `article` (a snapshot: the reader may go on editing) to
    /// `path`, with the timeline `options` for image exports.
    pub fn export(
        kind: ExportKind,
        article: Article,
        options: ImageOptions,
        path: &Path,
        overwrite: bool,
        ctx: &egui::Context,
    ) -> Self {
        let p = path.to_path_buf();
        FileJob::Export(
            kind,
            Job::spawn(path.to_path_buf(), Some(ctx), move |cancel| {
                export_work(kind, &article, &options, &p, overwrite, cancel)
            }),
        )
    }

    /// Starts saving `article` (a snapshot) to `path`: serialized, then written unless
    /// cancelled meanwhile.
    pub fn save(article: Article, path: &Path, ctx: &egui::Context) -> Self {
        let p = path.to_path_buf();
        FileJob::Save(Job::spawn(path.to_path_buf(), Some(ctx), move |cancel| {
            save_work(&article, &p, cancel)
        }))
    }

    /// The file being read or written.
    pub fn path(&self) -> &Path {
        match self {
            FileJob::Open(j) => j.path(),
            FileJob::Export(_, j) => j.path(),
            FileJob::Save(j) => j.path(),
        }
    }

    /// Time since the job started.
    pub fn elapsed(&self) -> Duration {
        match self {
            FileJob::Open(j) => j.elapsed(),
            FileJob::Export(_, j) => j.elapsed(),
            FileJob::Save(j) => j.elapsed(),
        }
    }

    /// Asks the job to stop; nothing it would have changed is changed.
    pub fn cancel(&self) {
        match self {
            FileJob::Open(j) => j.cancel(),
            FileJob::Export(_, j) => j.cancel(),
            FileJob::Save(j) => j.cancel(),
        }
    }

    /// The dialog's title while the job runs.
    pub fn title(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FileJob::Open(_), Lang::Fa) => "در حال باز کردن…",
            (FileJob::Open(_), Lang::En) => "Opening…",
            (FileJob::Export(..), Lang::Fa) => "در حال برون‌بری…",
            (FileJob::Export(..), Lang::En) => "Exporting…",
            (FileJob::Save(_), Lang::Fa) => "در حال ذخیره…",
            (FileJob::Save(_), Lang::En) => "Saving…",
        }
    }
}

/// Reads, parses and indexes the article at `path`; `None` once cancelled.
pub(super) fn open_article(path: &Path, cancel: &Cancel) -> Option<Opened> {
    let is_ron = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    let loaded = if is_ron {
        crate::store::load(path).map_err(|e| e.to_string())
    } else {
        crate::import::load_any(path).map_err(|e| format!("{e:#}"))
    };
    cancel.check()?;
    Some(loaded.map(|article| {
        // Event files (TimelineJS, CSV) open as new, unsaved articles.
        let own = is_ron.then(|| path.to_path_buf());
        (Box::new(Document::new(article, own)), is_ron)
    }))
}

/// Renders export `kind` of `article`, then writes it to `path` unless cancelled
/// meanwhile (`None`: nothing was written).
fn export_work(
    kind: ExportKind,
    article: &Article,
    options: &ImageOptions,
    path: &Path,
    overwrite: bool,
    cancel: &Cancel,
) -> Option<Result<(), ExportError>> {
    let bytes = match render(kind, article, options, path) {
        Ok(b) => b,
        Err(e) => return Some(Err(e)),
    };
    // The last moment to cancel: nothing has been written yet.
    cancel.check()?;
    Some(export::write_bytes(path, &bytes, overwrite))
}

/// Serializes `article`, then writes it to `path` unless cancelled meanwhile (`None`:
/// nothing was written).
fn save_work(article: &Article, path: &Path, cancel: &Cancel) -> Option<Result<(), StoreError>> {
    let text = match crate::store::to_string(article) {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    cancel.check()?;
    Some(crate::store::write_saved(&text, path))
}

/// The bytes of export `kind` of `article`.
fn render(
    kind: ExportKind,
    article: &Article,
    options: &ImageOptions,
    path: &Path,
) -> Result<Vec<u8>, ExportError> {
    use export::Format;
    let text = |f| Ok(export::dump(article, f).into_bytes());
    match kind {
        ExportKind::TimelineSvg => export::timeline_svg_bytes(article, options, path),
        ExportKind::TimelinePng => export::timeline_png_bytes(article, options, 1.0, path),
        ExportKind::TimelinePng2x => export::timeline_png_bytes(article, options, 2.0, path),
        ExportKind::Csv => text(Format::Csv),
        ExportKind::TimelineJs => text(Format::TimelineJs),
        ExportKind::Csl => text(Format::Csl),
        ExportKind::Html => text(Format::Html),
    }
}

/// Draws the progress dialog of `job`: what it does, the file, the time so far, and
/// Cancel. A modal: the article behind it takes no input while the job runs. Returns
/// whether Cancel was chosen or Esc pressed (a click beside the dialog does not cancel:
/// the work would be lost to a stray click).
pub fn progress_ui(ctx: &egui::Context, job: &FileJob, lang: Lang) -> bool {
    let rtl = lang.is_rtl();
    let s = lang.strings();
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("gahnegar-file-job")).show(ctx, |ui| {
        ui.set_width(380.0);
        widgets::shell_paragraph(
            ui,
            job.title(lang),
            widgets::CONTROL_TEXT + 2.0,
            600.0,
            380.0,
            rtl,
        );
        // The file's name (its folder is where the reader just chose it), isolated: a
        // Latin name keeps its order in the Persian dialog.
        let name = job.path().file_name().map_or_else(
            || job.path().display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        widgets::shell_paragraph(
            ui,
            &isolate(&name),
            widgets::CONTROL_TEXT,
            400.0,
            380.0,
            rtl,
        );
        let layout = if rtl {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        };
        ui.allocate_ui_with_layout(egui::vec2(380.0, 28.0), layout, |ui| {
            ui.add(egui::Spinner::new());
            let secs = job.elapsed().as_secs();
            let time = match lang {
                Lang::Fa => format!("{} ثانیه", lang.num(secs)),
                Lang::En => format!("{secs} s"),
            };
            let width = 300.0;
            widgets::shell_paragraph(ui, &time, widgets::CONTROL_TEXT, 400.0, width, rtl);
        });
        if widgets::dialog_buttons(ui, &[s.cancel], rtl).is_some() {
            cancel = true;
        }
    });
    // The clock in the dialog moves once a second.
    ctx.request_repaint_after(Duration::from_millis(250));
    cancel || ctx.input(|i| i.key_pressed(egui::Key::Escape))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn wait<T: Send + 'static>(job: &Job<T>) -> Option<T> {
        let until = Instant::now() + Duration::from_secs(20);
        while Instant::now() < until {
            if let Some(r) = job.take_result() {
                return Some(r);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    #[test]
    fn a_job_gives_its_result_once() {
        let job = Job::spawn(PathBuf::from("x"), None, |_| Some(42));
        assert_eq!(wait(&job), Some(42));
        assert_eq!(job.take_result(), None);
    }

    /// The work is held at a gate the test opens after cancelling: the job ends with no
    /// result, and the work saw the flag.
    #[test]
    fn a_cancelled_job_has_no_result_and_its_work_sees_the_flag() {
        let (open_gate, gate) = mpsc::channel::<()>();
        let (tell, saw) = mpsc::channel::<bool>();
        let job = Job::spawn(PathBuf::from("x"), None, move |cancel| {
            gate.recv().ok();
            tell.send(cancel.is_set()).ok();
            cancel.check()?;
            Some(1)
        });
        job.cancel();
        open_gate.send(()).ok();
        assert_eq!(saw.recv_timeout(Duration::from_secs(20)), Ok(true));
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(job.take_result(), None);
    }

    /// An export cancelled while it renders writes nothing; the same export not cancelled
    /// writes its file.
    #[test]
    fn a_cancelled_export_writes_nothing() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.html");
        let article = crate::store::builtin();
        let options = ImageOptions::new(Lang::Fa);
        let cancelled = Cancel::default();
        cancelled.0.store(true, Ordering::Relaxed);
        let out = export_work(
            ExportKind::Html,
            &article,
            &options,
            &path,
            false,
            &cancelled,
        );
        assert!(out.is_none());
        assert!(!path.exists(), "a cancelled export wrote its file");
        let out = export_work(
            ExportKind::Html,
            &article,
            &options,
            &path,
            false,
            &Cancel::default(),
        );
        assert!(matches!(out, Some(Ok(()))), "{out:?}");
        assert!(path.exists());
    }

    /// A save cancelled while it serializes writes nothing (the old file stays); not
    /// cancelled, it writes what `store::load` reads back.
    #[test]
    fn a_cancelled_save_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "old").unwrap_or_else(|e| panic!("{e}"));
        let article = crate::store::builtin();
        let cancelled = Cancel::default();
        cancelled.0.store(true, Ordering::Relaxed);
        assert!(save_work(&article, &path, &cancelled).is_none());
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("old"));
        let out = save_work(&article, &path, &Cancel::default());
        assert!(matches!(out, Some(Ok(()))), "{out:?}");
        let back = crate::store::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, article);
    }

    #[test]
    fn each_export_kind_renders_what_its_parser_reads() {
        let article = crate::store::builtin();
        let options = ImageOptions::new(Lang::Fa);
        for kind in ExportKind::ALL {
            let bytes = render(kind, &article, &options, Path::new("x"))
                .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            match kind {
                ExportKind::TimelinePng | ExportKind::TimelinePng2x => {
                    assert_eq!(&bytes[1..4], b"PNG", "{kind:?}")
                }
                _ => {
                    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
                    let start = text.trim_start();
                    let ok = match kind {
                        ExportKind::TimelineSvg => roxmltree::Document::parse(&text)
                            .is_ok_and(|d| d.root_element().has_tag_name("svg")),
                        ExportKind::Html => start.starts_with("<!DOCTYPE html>"),
                        ExportKind::TimelineJs | ExportKind::Csl => {
                            serde_json::from_str::<serde_json::Value>(&text).is_ok()
                        }
                        _ => text.lines().count() > article.events.len(),
                    };
                    assert!(ok, "{kind:?}: {}", &text[..text.len().min(80)]);
                }
            }
        }
    }
}
