//! Files: opening, importing, pasting, saving and exporting the article, and File → Recent.

use super::*;
use crate::import::FileKind;

/// What a path prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    /// A changed text of the open article, to re-import into it.
    Reimport,
    Save,
    Export(ExportKind),
    /// Files or a folder to add to the library.
    AddToLibrary,
}

/// What File → Export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    TimelineSvg,
    TimelinePng,
    TimelinePng2x,
    Csv,
    TimelineJs,
    Csl,
    Html,
}

impl ExportKind {
    pub const ALL: [ExportKind; 7] = [
        ExportKind::TimelineSvg,
        ExportKind::TimelinePng,
        ExportKind::TimelinePng2x,
        ExportKind::Csv,
        ExportKind::TimelineJs,
        ExportKind::Csl,
        ExportKind::Html,
    ];

    /// File extension and default file name.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::TimelineSvg => "svg",
            ExportKind::TimelinePng | ExportKind::TimelinePng2x => "png",
            ExportKind::Csv => "csv",
            ExportKind::TimelineJs | ExportKind::Csl => "json",
            ExportKind::Html => "html",
        }
    }

    /// Menu label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let fa = lang == Lang::Fa;
        match self {
            ExportKind::TimelineSvg => {
                if fa {
                    "گاه‌شمار (SVG)…"
                } else {
                    "Timeline (SVG)…"
                }
            }
            ExportKind::TimelinePng => {
                if fa {
                    "گاه‌شمار (PNG)…"
                } else {
                    "Timeline (PNG)…"
                }
            }
            ExportKind::TimelinePng2x => {
                if fa {
                    "گاه‌شمار (PNG دوبرابر)…"
                } else {
                    "Timeline (PNG, 2×)…"
                }
            }
            ExportKind::Csv => {
                if fa {
                    "رویدادها (CSV)…"
                } else {
                    "Events (CSV)…"
                }
            }
            ExportKind::TimelineJs => {
                if fa {
                    "رویدادها (TimelineJS)…"
                } else {
                    "Events (TimelineJS)…"
                }
            }
            ExportKind::Csl => {
                if fa {
                    "منابع (CSL-JSON)…"
                } else {
                    "Sources (CSL-JSON)…"
                }
            }
            ExportKind::Html => {
                if fa {
                    "صفحه‌ی وب (HTML)…"
                } else {
                    "Web page (HTML)…"
                }
            }
        }
    }
}

/// Keeps the first of each path in `recent` (lists saved by older versions may repeat
/// one), at most [`MAX_RECENT`].
pub(super) fn dedupe_recent(recent: &mut Vec<PathBuf>) {
    let mut seen = HashSet::new();
    recent.retain(|p| seen.insert(p.clone()));
    recent.truncate(MAX_RECENT);
}

/// The system clipboard's HTML, else its text (arboard; `None` where there is none).
pub(super) fn system_clipboard() -> Option<String> {
    let mut board = arboard::Clipboard::new().ok()?;
    board.get().html().ok().or_else(|| board.get_text().ok())
}

/// What the file at `path` holds, as `import::sniff` tells it from the first 4 KB of a
/// regular file, then the extension. A file that cannot be read, and a FIFO or a device
/// (opening one waits for a writer, and this runs on the UI thread), are told by the
/// extension alone.
pub(super) fn sniff_path(path: &Path) -> FileKind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut head = Vec::with_capacity(4096);
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if let Some(f) = regular.then(|| std::fs::File::open(path).ok()).flatten() {
        let _ = std::io::Read::read_to_end(&mut std::io::Read::take(f, 4096), &mut head);
    }
    crate::import::sniff(&head, &ext)
}

/// Whether a file of `kind` is imported through the review (text, a saved web page or a
/// PDF) rather than opened.
pub(super) fn goes_through_review(kind: FileKind) -> bool {
    matches!(kind, FileKind::Text | FileKind::Html | FileKind::Pdf)
}

/// Whether `path` is imported through the review rather than opened (see [`sniff_path`]).
pub(super) fn is_text_file(path: &Path) -> bool {
    goes_through_review(sniff_path(path))
}

impl GahnegarApp {
    /// The progress window of a running import; on completion, the review or an error.
    pub(super) fn import_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.import_job else { return };
        if let Some(result) = job.take_result() {
            let path = job.path.clone();
            let from_file = job.is_file();
            let reimport = job.reimport;
            self.import_job = None;
            match result {
                Ok((imported, text)) => {
                    if from_file {
                        self.remember(&path);
                    }
                    let mut review = review::Review::new(imported, path, text);
                    review.reimport = reimport;
                    self.review = Some(review);
                    self.page = Page::Review;
                }
                Err(e) => self.error(e),
            }
            return;
        }
        let lang = self.settings.lang;
        let s = lang.strings();
        let rtl = lang.is_rtl();
        let mut cancel = false;
        egui::Window::new(s.importing)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                let progress = job.progress();
                // The path and the percentage with the engine: a Latin path in a Persian
                // line, and the percentage in the UI's digits («۴۲٪», "42%").
                widgets::shell_paragraph(
                    ui,
                    &i18n::isolate(&job.path.display().to_string()),
                    widgets::CONTROL_TEXT,
                    400.0,
                    360.0,
                    rtl,
                );
                ui.add(
                    egui::ProgressBar::new(progress)
                        .desired_width(360.0)
                        .animate(true),
                );
                let percent = (progress * 100.0).round() as u32;
                let percent = if rtl {
                    format!("{}٪", lang.num(percent))
                } else {
                    format!("{percent}%")
                };
                widgets::shell_paragraph(ui, &percent, widgets::CONTROL_TEXT, 400.0, 360.0, rtl);
                if widgets::dialog_buttons(ui, &[s.cancel], rtl).is_some() {
                    cancel = true;
                }
            });
        if cancel {
            job.cancel();
            self.import_job = None;
        }
    }

    /// Paste as new article, waiting: the keyboard's paste brings the clipboard's text
    /// as an input event (in this frame or the next); the menu brings none, and after a
    /// few frames the system clipboard is read, HTML first.
    pub(super) fn take_paste(&mut self, ctx: &egui::Context) {
        if self.paste_wait == 0 {
            return;
        }
        let event = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(t) => Some(t.clone()),
                _ => None,
            })
        });
        self.paste_wait -= 1;
        let pasted = match event {
            Some(t) => Some(t),
            None if self.paste_wait == 0 => system_clipboard(),
            None => {
                ctx.request_repaint();
                return;
            }
        };
        self.paste_wait = 0;
        let lang = self.settings.lang;
        match pasted.filter(|t| !t.trim().is_empty()) {
            None => self.error(lang_text(
                lang,
                "حافظهٔ موقت متنی ندارد.",
                "The clipboard holds no text.",
            )),
            Some(text) => {
                self.import_job = Some(review::ImportJob::start_bytes(
                    PathBuf::from(lang_text(lang, "متن چسبانده", "pasted")),
                    text.into_bytes(),
                    ctx,
                ));
            }
        }
    }

    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if self.page == Page::Library && !dropped.is_empty() {
            // Dropped on the library: every file and folder is added.
            self.commands
                .push(Command::Library(library::LibraryCommand::Add(dropped)));
        } else if let Some(p) = dropped.into_iter().next() {
            self.commands.push(Command::Open(p));
        }
    }

    /// Opens an article (.ron) or imports a text file (.txt; the result is unsaved) at once,
    /// without the review, as the command line's path is opened at start (the GUI's menus
    /// open and import in the background instead).
    pub fn open_path(&mut self, path: &Path) {
        if is_text_file(path) {
            match crate::import::import_path(path) {
                Ok(imported) => {
                    self.set_article(imported.article, None);
                    self.doc.dirty = true;
                    self.sync_recovery();
                    self.remember(path);
                    if !imported.warnings.is_empty() {
                        let title = self.strings().import_text.trim_end_matches('…').to_owned();
                        self.modal = Some(Modal::Message {
                            title,
                            body: imported.warnings.join("\n"),
                        });
                    }
                }
                Err(e) => self.error(e.to_string()),
            }
            return;
        }
        match jobs::open_article(path, &jobs::Cancel::default()) {
            Some(Ok((doc, own))) => {
                self.set_document(*doc);
                self.doc.dirty = !own;
                self.sync_recovery();
                self.remember(path);
            }
            Some(Err(e)) => self.error(e),
            None => {}
        }
    }

    pub(super) fn set_article(&mut self, article: Article, path: Option<PathBuf>) {
        self.set_document(Document::new(article, path));
    }

    /// Shows `doc` (its index already built) with a fresh selection and view.
    pub(super) fn set_document(&mut self, doc: Document) {
        self.timeline.fit_all(&doc.article);
        self.doc = doc;
        self.selection = Selection::default();
        self.history = vec![Selection::default()];
        self.history_pos = 0;
        self.article_view = ArticleView::default();
        self.editor = None;
        self.sync_recovery();
    }

    /// Puts `path` (an opened, imported or saved file) first in File → Recent: absolute,
    /// once, at most [`MAX_RECENT`]; the settings (and so the list) persist through eframe's
    /// storage.
    pub(super) fn remember(&mut self, path: &Path) {
        let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.settings.recent.retain(|r| r != &p);
        self.settings.recent.insert(0, p.clone());
        self.settings.recent.truncate(MAX_RECENT);
        self.settings.last_file = Some(p);
    }

    /// Starts saving to `path` in the background (see [`Self::saved`] for what follows).
    pub(super) fn save_to(&mut self, path: &Path, ctx: &egui::Context) {
        if self.file_job.is_some() {
            return;
        }
        self.file_job = Some(jobs::FileJob::save(self.doc.article.clone(), path, ctx));
    }

    /// After a save: the article is now `path`'s; then runs a command that was waiting
    /// for the save (see [`Modal::Unsaved`]), or drops it if the save failed. The window
    /// took no input while the save ran, so the article is still the one saved.
    fn saved(&mut self, path: &Path, result: Result<(), store::StoreError>) {
        match result {
            Ok(()) => {
                self.doc.path = Some(path.to_path_buf());
                self.doc.dirty = false;
                self.doc.edits.mark_saved();
                self.sync_recovery();
                self.remember(path);
                if let Some(then) = self.after_save.take() {
                    if then == Command::Quit {
                        self.allow_close = true;
                    }
                    self.commands.push(then);
                }
            }
            Err(e) => {
                self.after_save = None;
                self.error(e.to_string());
            }
        }
    }

    /// Starts writing an export of the open article in the background: the timeline as
    /// shown (its visible window, calendar and direction) or the whole article's data. An
    /// existing file is asked about first.
    pub(super) fn export(
        &mut self,
        kind: ExportKind,
        path: &Path,
        overwrite: bool,
        ctx: &egui::Context,
    ) {
        use crate::export;
        if !overwrite && path.exists() {
            self.modal = Some(Modal::ConfirmOverwrite {
                path: path.to_path_buf(),
                then: Box::new(Command::ExportTo(kind, path.to_path_buf(), true)),
            });
            return;
        }
        let mut options = export::ImageOptions::new(self.settings.lang);
        options.view = Some(self.timeline.visible_range());
        options.theme = self.settings.theme;
        options.direction = self.settings.direction;
        options.calendar = self.settings.calendar;
        self.file_job = Some(jobs::FileJob::export(
            kind,
            self.doc.article.clone(),
            options,
            path,
            overwrite,
            ctx,
        ));
    }

    /// The running open or export: its progress dialog, and its result once done.
    pub(super) fn file_job_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.file_job else { return };
        let path = job.path().to_path_buf();
        match job {
            jobs::FileJob::Open(j) => match j.take_result() {
                None => {}
                Some(Ok((doc, own))) => {
                    self.file_job = None;
                    self.set_document(*doc);
                    self.doc.dirty = !own;
                    self.sync_recovery();
                    self.remember(&path);
                    return;
                }
                Some(Err(e)) => {
                    self.file_job = None;
                    self.error(e);
                    return;
                }
            },
            jobs::FileJob::Export(kind, j) => match j.take_result() {
                None => {}
                Some(Ok(())) => {
                    self.file_job = None;
                    self.modal = Some(Modal::Message {
                        title: self.strings().exported.to_owned(),
                        body: path.display().to_string(),
                    });
                    return;
                }
                Some(Err(crate::export::ExportError::Exists { .. })) => {
                    let kind = *kind;
                    self.file_job = None;
                    self.modal = Some(Modal::ConfirmOverwrite {
                        path: path.clone(),
                        then: Box::new(Command::ExportTo(kind, path, true)),
                    });
                    return;
                }
                Some(Err(e)) => {
                    self.file_job = None;
                    self.error(e.to_string());
                    return;
                }
            },
            jobs::FileJob::Save(j) => {
                if let Some(result) = j.take_result() {
                    self.file_job = None;
                    self.saved(&path, result);
                    return;
                }
            }
        }
        if jobs::progress_ui(ctx, job, self.settings.lang) {
            job.cancel();
            self.file_job = None;
            // A cancelled save runs nothing that waited for it.
            self.after_save = None;
        }
    }

    pub(super) fn native_dialogs(&self) -> bool {
        self.settings.native_dialogs && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
    }
}
