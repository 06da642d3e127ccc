//! The library view: a folder of many articles opened in the background, their list
//! (sortable by column, filtered by words and by outlet), Persian full-text search whose
//! hits open the article at the match, adding files in the background with progress,
//! cancel and a report, and what opening found damaged. The merged timeline is
//! [`super::library_timeline`], the sources across articles [`super::library_sources`].
//!
//! Lists are computed when the library, the sort or a filter changes (keys kept beside
//! them), never per frame; the list draws only the rows on screen.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Rect, Sense, Ui, pos2, vec2};

use crate::library::view::{self, Column, ListQuery};
use crate::library::{AddJob, AddReport, Hit, LaneBy, Library, OpenReport, Progress};
use crate::persian::dates::{Calendar, day_text};
use crate::text::{Direction, Paragraph, Span, SpanFormat, TextField, TextJob, paint_text};

use super::i18n::{Lang, isolate};
use super::library_sources::{SourcesCache, SourcesPick};
use super::library_timeline::MergedView;
use super::theme::{self, Theme};
use super::widgets;
use super::{Command, GahnegarApp, Page};

/// Most search hits listed.
pub const MAX_HITS: usize = 200;
/// Height of a row of the articles' list, points.
const ROW_H: f32 = 26.0;
/// How long the typing in the search or filter field pauses before the merged timeline
/// follows it.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);
/// Height of the merged timeline's panel until it is dragged, points.
const TIMELINE_H: f32 = 300.0;

/// `fa` in the Persian UI, `en` in the English one.
pub(super) fn tr(lang: Lang, fa: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Fa { fa } else { en }
}

/// What the view asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum LibraryCommand {
    /// Open the library in this folder (the default folder when `None`) and show it.
    Show(Option<PathBuf>),
    /// Ask for files or a folder to add (native dialog or in-app prompt).
    AddDialog,
    /// Ask for a folder to add (native dialog or in-app prompt).
    AddFolderDialog,
    /// Add these files and folders in the background.
    Add(Vec<PathBuf>),
    /// Open article `id` at `range` of block `block`, with the search `query` found in it.
    OpenHit {
        id: String,
        block: usize,
        range: Range<usize>,
        query: String,
    },
    /// Open article `id` at its start.
    OpenArticle(String),
}

/// Where the library stands.
enum State {
    Closed,
    Opening(std::thread::JoinHandle<anyhow::Result<(Library, OpenReport)>>),
    Open(Box<Library>),
    Adding(AddJob),
}

/// One article of the list, with its cells' text made once.
struct Row {
    date: String,
    events: String,
    sources: String,
}

/// The library view's state.
pub struct LibraryView {
    /// The folder shown (or being opened).
    pub dir: Option<PathBuf>,
    state: State,
    /// What opening found (damaged articles, index rebuilt), shown above the list.
    pub open_report: Option<OpenReport>,
    /// The last add's report, shown until dismissed.
    pub add_report: Option<AddReport>,
    /// The last progress of the add under way.
    pub progress: Option<Progress>,
    /// Why the library could not be opened or added to.
    pub error: Option<String>,
    /// Bumped on every change of the library (opened, added to, a decision saved): the
    /// key of every cached list.
    generation: u64,
    rows: Vec<Row>,
    haystacks: Vec<String>,
    rows_key: u64,
    rows_lang: Option<Lang>,
    /// Sort and filters of the list.
    pub query: ListQuery,
    order: Vec<u32>,
    order_key: Option<(u64, ListQuery)>,
    /// Outlets for the filter: (key, name, articles).
    outlets: Vec<(String, String, usize)>,
    /// The search field's text and the hits of the last search.
    pub search: String,
    pub hits: Vec<Hit>,
    searched: Option<(u64, String)>,
    /// The merged timeline.
    pub merged: MergedView,
    /// Sources across the library.
    pub sources: SourcesCache,
    /// The articles in view (the list's, or the search's when searching) and the key
    /// they were made for.
    in_view: HashSet<u32>,
    view_key: u64,
    /// An article the merged timeline's reports asked to open.
    pending_open: Option<String>,
    /// When the search or the filter words were last typed in.
    typed_at: Option<std::time::Instant>,
}

impl Default for LibraryView {
    fn default() -> Self {
        Self {
            dir: None,
            state: State::Closed,
            open_report: None,
            add_report: None,
            progress: None,
            error: None,
            generation: 0,
            rows: Vec::new(),
            haystacks: Vec::new(),
            rows_key: u64::MAX,
            rows_lang: None,
            query: ListQuery::default(),
            order: Vec::new(),
            order_key: None,
            outlets: Vec::new(),
            search: String::new(),
            hits: Vec::new(),
            searched: None,
            merged: MergedView::default(),
            sources: SourcesCache::default(),
            in_view: HashSet::new(),
            view_key: u64::MAX,
            pending_open: None,
            typed_at: None,
        }
    }
}

impl LibraryView {
    /// Starts opening the library in `dir` in the background (a library of thousands of
    /// articles takes a moment, and a damaged one is repaired on the way).
    pub fn open(&mut self, dir: &Path) {
        if self.dir.as_deref() == Some(dir) && !matches!(self.state, State::Closed) {
            return;
        }
        self.dir = Some(dir.to_owned());
        self.open_report = None;
        self.error = None;
        let d = dir.to_owned();
        self.state = State::Opening(std::thread::spawn(move || Library::open(&d)));
    }

    /// The open library, when it is open and not being added to.
    pub fn library(&self) -> Option<&Library> {
        match &self.state {
            State::Open(l) => Some(l),
            _ => None,
        }
    }

    /// Whether the library is being opened or added to.
    pub fn is_busy(&self) -> bool {
        matches!(self.state, State::Opening(_) | State::Adding(_))
    }

    /// The articles the list shows, as entry indices in order.
    pub fn order(&self) -> &[u32] {
        &self.order
    }

    /// Starts adding `paths` in the background. Returns false when the library is not
    /// open (still opening, or another add under way).
    pub fn add(&mut self, paths: Vec<PathBuf>) -> bool {
        let State::Open(_) = self.state else {
            return false;
        };
        let State::Open(lib) = std::mem::replace(&mut self.state, State::Closed) else {
            return false;
        };
        self.add_report = None;
        self.progress = None;
        self.state = State::Adding(AddJob::spawn(*lib, paths));
        true
    }

    /// Cancels the add under way (what was added so far is kept).
    pub fn cancel_add(&self) {
        if let State::Adding(job) = &self.state {
            job.cancel();
        }
    }

    /// The library changed: every cached list is made again.
    pub(super) fn changed(&mut self) {
        self.generation += 1;
    }

    /// Picks up a finished open or add.
    fn poll(&mut self, ctx: &egui::Context) {
        match &mut self.state {
            State::Opening(h) if h.is_finished() => {
                let State::Opening(h) = std::mem::replace(&mut self.state, State::Closed) else {
                    return;
                };
                match h.join() {
                    Ok(Ok((lib, report))) => {
                        self.open_report = Some(report);
                        self.state = State::Open(Box::new(lib));
                        self.changed();
                    }
                    Ok(Err(e)) => self.error = Some(format!("{e:#}")),
                    Err(_) => self.error = Some("opening the library failed".into()),
                }
            }
            State::Adding(job) => {
                while let Ok(p) = job.progress.try_recv() {
                    self.progress = Some(p);
                }
                if job.is_finished() {
                    let State::Adding(job) = std::mem::replace(&mut self.state, State::Closed)
                    else {
                        return;
                    };
                    match job.join() {
                        Ok((lib, report)) => {
                            self.add_report = Some(report);
                            self.state = State::Open(Box::new(lib));
                        }
                        Err(e) => {
                            // The library went with the failed add: open it again.
                            self.error = Some(format!("{e:#}"));
                            if let Some(d) = self.dir.clone() {
                                self.dir = None;
                                self.open(&d);
                            }
                        }
                    }
                    self.progress = None;
                    self.changed();
                } else {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
            }
            State::Opening(_) => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            _ => {}
        }
    }

    /// Makes the cached rows, order, outlets and hits again when their keys changed.
    fn refresh(&mut self, ctx: &egui::Context, lang: Lang) {
        let fa = lang == Lang::Fa;
        if self.rows_lang != Some(lang) {
            self.rows_lang = Some(lang);
            self.rows_key = u64::MAX;
        }
        let generation = self.generation;
        let State::Open(lib) = &self.state else {
            return;
        };
        let entries = lib.entries();
        if self.rows_key != generation {
            self.rows = entries
                .iter()
                .map(|e| Row {
                    date: e
                        .date
                        .map(|d| day_text(d, Calendar::Gregorian, fa))
                        .unwrap_or_default(),
                    events: e.events.len().to_string(),
                    sources: e.sources.len().to_string(),
                })
                .collect();
            self.haystacks = entries.iter().map(view::haystack).collect();
            self.outlets = view::outlets(entries, &|i| lib.is_usable(i));
            self.rows_key = generation;
        }
        let key = (generation, self.query.clone());
        if self.order_key.as_ref() != Some(&key) {
            self.order =
                view::filtered_order(entries, &|i| lib.is_usable(i), &self.haystacks, &self.query);
            self.order_key = Some(key);
        }
        let skey = (generation, self.search.trim().to_owned());
        if self.searched.as_ref() != Some(&skey) {
            self.hits = if skey.1.is_empty() {
                Vec::new()
            } else {
                match lib.search(&skey.1, MAX_HITS) {
                    Ok(h) => h,
                    Err(e) => {
                        self.error = Some(format!("{e:#}"));
                        Vec::new()
                    }
                }
            };
            self.searched = Some(skey);
        }
        let vkey = {
            use std::hash::{Hash as _, Hasher as _};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&self.order_key, &self.searched).hash(&mut h);
            h.finish()
        };
        let typing = self
            .typed_at
            .map(|t| t.elapsed())
            .filter(|&e| e < TYPING_PAUSE);
        if vkey != self.view_key
            && let Some(e) = typing
        {
            // The merged timeline of thousands of articles takes a moment to make: it
            // follows the search and the filter words once the typing pauses.
            ctx.request_repaint_after(TYPING_PAUSE - e);
        } else if vkey != self.view_key {
            self.in_view = if self.search.trim().is_empty() {
                self.order.iter().copied().collect()
            } else {
                self.hits
                    .iter()
                    .filter_map(|h| lib.entry(&h.article).map(|(i, _)| i as u32))
                    .collect()
            };
            self.view_key = vkey;
        }
    }
}

/// The words of the view.
struct Words {
    title: &'static str,
    search: &'static str,
    filter: &'static str,
    outlet: &'static str,
    all_outlets: &'static str,
    add: &'static str,
    add_folder: &'static str,
    opening: &'static str,
    adding: &'static str,
    cancel: &'static str,
    dismiss: &'static str,
    no_hits: &'static str,
    empty: &'static str,
    damaged: &'static str,
    index_rebuilt: &'static str,
    catalog_rebuilt: &'static str,
    added: &'static str,
    duplicates: &'static str,
    failed: &'static str,
    cancelled: &'static str,
    per_second: &'static str,
    left: &'static str,
    articles: &'static str,
}

const FA: Words = Words {
    title: "کتابخانه",
    search: "جست‌وجو در کتابخانه",
    filter: "پالایش فهرست",
    outlet: "رسانه",
    all_outlets: "همهٔ رسانه‌ها",
    add: "افزودن پرونده…",
    add_folder: "افزودن پوشه…",
    opening: "در حال باز کردن کتابخانه…",
    adding: "افزودن به کتابخانه",
    cancel: "لغو",
    dismiss: "بستن گزارش",
    no_hits: "چیزی یافت نشد",
    empty: "کتابخانه خالی است: پرونده یا پوشه‌ای را اینجا رها کنید یا «افزودن به کتابخانه…» را بزنید.",
    damaged: "نوشتهٔ آسیب‌دیده",
    index_rebuilt: "نمایهٔ جست‌وجو از نو ساخته شد",
    catalog_rebuilt: "فهرست کتابخانه از نو ساخته شد",
    added: "افزوده شد",
    duplicates: "پیش‌تر در کتابخانه بود",
    failed: "نشد",
    cancelled: "لغو شد؛ مانده",
    per_second: "پرونده در ثانیه",
    left: "مانده",
    articles: "نوشته",
};

const EN: Words = Words {
    title: "Library",
    search: "Search the library",
    filter: "Filter the list",
    outlet: "Outlet",
    all_outlets: "All outlets",
    add: "Add files…",
    add_folder: "Add a folder…",
    opening: "Opening the library…",
    adding: "Adding to the library",
    cancel: "Cancel",
    dismiss: "Dismiss",
    no_hits: "No matches",
    empty: "The library is empty: drop files or a folder here, or use “Add to library…”.",
    damaged: "Damaged article",
    index_rebuilt: "The search index was rebuilt",
    catalog_rebuilt: "The library's catalog was rebuilt",
    added: "added",
    duplicates: "already in the library",
    failed: "failed",
    cancelled: "cancelled; not done",
    per_second: "files a second",
    left: "left",
    articles: "articles",
};

fn words(lang: Lang) -> &'static Words {
    if lang == Lang::Fa { &FA } else { &EN }
}

/// A column's title.
pub fn column_title(c: Column, lang: Lang) -> &'static str {
    match c {
        Column::Title => tr(lang, "عنوان", "Title"),
        Column::Outlet => tr(lang, "رسانه", "Outlet"),
        Column::Author => tr(lang, "نویسنده", "Author"),
        Column::Date => tr(lang, "تاریخ", "Date"),
        Column::Events => tr(lang, "رویداد", "Events"),
        Column::Sources => tr(lang, "منبع", "Sources"),
    }
}

/// Column widths in points (the title takes what is left).
fn column_width(c: Column) -> f32 {
    match c {
        Column::Title => 0.0,
        Column::Outlet => 130.0,
        Column::Author => 120.0,
        Column::Date => 96.0,
        Column::Events | Column::Sources => 58.0,
    }
}

/// Each column's x span in `rect`, from the start edge (the right one when `rtl`).
fn column_spans(rect: Rect, rtl: bool) -> Vec<(Column, f32, f32)> {
    let fixed: f32 = Column::ALL.iter().map(|&c| column_width(c)).sum();
    let title_w = (rect.width() - fixed).max(120.0);
    let mut at = 0.0;
    Column::ALL
        .iter()
        .map(|&c| {
            let w = if c == Column::Title {
                title_w
            } else {
                column_width(c)
            };
            let (a, b) = (at, at + w);
            at = b;
            if rtl {
                (c, rect.right() - b, rect.right() - a)
            } else {
                (c, rect.left() + a, rect.left() + b)
            }
        })
        .collect()
}

fn one_line(text: &str, size: f32, color: egui::Color32, rtl: bool) -> TextJob {
    TextJob::new(text)
        .size(size)
        .color(color)
        .selectable(false)
        .direction(if rtl { Direction::Rtl } else { Direction::Ltr })
}

/// Paints `job` in the cell `x0..x1` of `rect`, at its start edge, clipped.
fn paint_cell(ui: &Ui, rect: Rect, (x0, x1): (f32, f32), job: &TextJob, rtl: bool) {
    let cell = Rect::from_x_y_ranges(x0..=x1, rect.y_range());
    let painter = ui.painter_at(cell.shrink2(vec2(4.0, 0.0)));
    let (pos, anchor) = if rtl {
        (pos2(x1 - 6.0, cell.center().y), egui::Align2::RIGHT_CENTER)
    } else {
        (pos2(x0 + 6.0, cell.center().y), egui::Align2::LEFT_CENTER)
    };
    paint_text(&painter, job, pos, anchor);
}

impl GahnegarApp {
    /// The library page: the toolbar, the sources panel, the merged timeline and the list
    /// (or the search's hits).
    pub(super) fn library_page_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.library.poll(&ctx);
        self.library.refresh(&ctx, self.settings.lang);
        if !self.library.is_busy() {
            for c in std::mem::take(&mut self.pending_library) {
                self.push(Command::Library(c));
            }
        }
        let (lang, theme) = (self.settings.lang, self.settings.theme);
        self.library_progress_ui(&ctx);
        let rtl = lang.is_rtl();
        let window_h = ctx.content_rect().height();
        egui::Panel::bottom("library-timeline")
            .resizable(true)
            .default_size(TIMELINE_H)
            .size_range(140.0..=(window_h - 200.0).max(TIMELINE_H))
            .show(ui, |ui| {
                let v = &mut self.library;
                if let State::Open(lib) = &mut v.state {
                    let changed = v.merged.ui(
                        ui,
                        lib,
                        v.generation,
                        &v.in_view,
                        v.view_key,
                        &v.sources,
                        lang,
                        theme,
                    );
                    if changed {
                        v.generation += 1;
                    }
                    if let Some(id) = v.merged.open_request.take() {
                        v.pending_open = Some(id);
                    }
                } else {
                    // The panel keeps its height while the library opens (a panel shrinks
                    // to what it held).
                    ui.allocate_space(ui.available_size());
                }
            });
        let side = if rtl {
            egui::Panel::left("library-sources")
        } else {
            egui::Panel::right("library-sources")
        };
        side.resizable(true)
            .default_size(300.0)
            .min_size(200.0)
            .show(ui, |ui| {
                let v = &mut self.library;
                if let State::Open(lib) = &v.state {
                    let pick = v.sources.ui(
                        ui,
                        lib,
                        v.generation,
                        &v.outlets,
                        v.query.outlet.as_ref(),
                        lang,
                        theme,
                    );
                    if let Some(SourcesPick::Outlet(o)) = pick {
                        v.query.outlet = o;
                    }
                }
            });
        let mut commands = Vec::new();
        egui::CentralPanel::default()
            .frame(
                egui::Frame::new()
                    .fill(theme::paper(theme))
                    .inner_margin(egui::Margin::symmetric(16, 10)),
            )
            .show(ui, |ui| {
                commands = self.library.list_ui(ui, lang, theme);
            });
        if let Some(id) = self.library.pending_open.take() {
            commands.push(LibraryCommand::OpenArticle(id));
        }
        for c in commands {
            self.push(Command::Library(c));
        }
    }

    /// The add's progress window: files done, rate, time left, and Cancel.
    fn library_progress_ui(&mut self, ctx: &egui::Context) {
        let State::Adding(_) = self.library.state else {
            return;
        };
        let lang = self.settings.lang;
        let w = words(lang);
        let rtl = lang.is_rtl();
        let mut cancel = false;
        egui::Window::new(w.adding)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                let p = self.library.progress.clone();
                let (done, total) = p.as_ref().map_or((0, 0), |p| (p.done, p.total));
                let frac = if total > 0 {
                    done as f32 / total as f32
                } else {
                    0.0
                };
                ui.add(
                    egui::ProgressBar::new(frac)
                        .desired_width(360.0)
                        .animate(true),
                );
                let mut line =
                    format!("{} / {}", lang.num_isolated(done), lang.num_isolated(total));
                if let Some(p) = &p {
                    line.push_str(&format!(
                        " — {} {}",
                        lang.num_isolated(format!("{:.1}", p.rate())),
                        w.per_second
                    ));
                    if let Some(left) = p.time_left() {
                        line.push_str(&format!(
                            " — {} {}",
                            lang.num_isolated(format!("{}s", left.as_secs())),
                            w.left
                        ));
                    }
                }
                widgets::shell_paragraph(ui, &line, widgets::CONTROL_TEXT, 400.0, 360.0, rtl);
                if widgets::dialog_buttons(ui, &[w.cancel], rtl).is_some() {
                    cancel = true;
                }
            });
        if cancel {
            self.library.cancel_add();
        }
    }

    /// Runs a library command.
    pub(super) fn apply_library(&mut self, cmd: LibraryCommand) {
        let cmd_is_folder = cmd == LibraryCommand::AddFolderDialog;
        let opens = matches!(
            cmd,
            LibraryCommand::OpenHit { .. } | LibraryCommand::OpenArticle(_)
        );
        if opens && self.doc.is_dirty() {
            // The article open has unsaved changes: saved or discarded first.
            self.modal = Some(super::Modal::Unsaved {
                then: Box::new(Command::Library(cmd)),
            });
            return;
        }
        match cmd {
            LibraryCommand::Show(dir) => {
                let dir = dir
                    .or_else(|| self.library.dir.clone())
                    .or_else(|| self.settings.library.clone())
                    .or_else(crate::library::default_dir);
                match dir {
                    Some(d) => {
                        self.library.open(&d);
                        self.settings.library = Some(d);
                        self.page = Page::Library;
                    }
                    None => self.error(
                        "this platform has no data folder for the library; start with --library DIR",
                    ),
                }
            }
            LibraryCommand::AddDialog | LibraryCommand::AddFolderDialog => {
                if self.native_dialogs() {
                    let files = if cmd_is_folder {
                        rfd::FileDialog::new().pick_folder().into_iter().collect()
                    } else {
                        rfd::FileDialog::new()
                            .add_filter("Gahnegar", &crate::import::EXTENSIONS)
                            .pick_files()
                            .unwrap_or_default()
                    };
                    if !files.is_empty() {
                        self.push(Command::Library(LibraryCommand::Add(files)));
                    }
                } else {
                    self.modal = Some(super::Modal::Path {
                        purpose: super::PathPurpose::AddToLibrary,
                        text: String::new(),
                    });
                }
            }
            LibraryCommand::Add(paths) => {
                if self.library.library().is_none() && !self.library.is_busy() {
                    self.apply_library(LibraryCommand::Show(None));
                }
                self.page = Page::Library;
                if !self.library.add(paths.clone()) {
                    // Still opening (or adding): try again next frame.
                    if self.library.is_busy() {
                        self.pending_library.push(LibraryCommand::Add(paths));
                    }
                }
            }
            LibraryCommand::OpenHit {
                id,
                block,
                range,
                query,
            } => {
                if self.open_library_article(&id) {
                    let a = &self.doc.article;
                    self.article_view.show_match(a, &query, block, range);
                }
            }
            LibraryCommand::OpenArticle(id) => {
                self.open_library_article(&id);
            }
        }
    }

    /// Opens article `id` of the library as the document (saved to its file in the
    /// library). Returns whether it opened.
    fn open_library_article(&mut self, id: &str) -> bool {
        let Some(lib) = self.library.library() else {
            return false;
        };
        let path = lib.entry(id).map(|(_, e)| e.path(lib.root()));
        match lib.article(id) {
            Ok(a) => {
                self.set_article(a, path);
                self.page = Page::Article;
                true
            }
            Err(e) => {
                self.error(format!("{e:#}"));
                false
            }
        }
    }
}

impl LibraryView {
    /// The central part: toolbar, reports, then the hits or the list.
    fn list_ui(&mut self, ui: &mut Ui, lang: Lang, theme: Theme) -> Vec<LibraryCommand> {
        let mut out = Vec::new();
        let w = words(lang);
        let rtl = lang.is_rtl();
        let ink = theme::ink(theme);
        let muted = theme::muted(theme);
        let layout = if rtl {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        };
        // Toolbar: title, search, filter, outlet, add.
        ui.allocate_ui_with_layout(vec2(ui.available_width(), 30.0), layout, |ui| {
            widgets::header(ui, &one_line(w.title, 17.0, ink, rtl).weight(800.0), rtl);
            let search = TextField::singleline(&mut self.search)
                .width(240.0)
                .id_salt("library-search")
                .label(w.search)
                .hint(w.search)
                .rtl_when_empty(rtl)
                .show(ui);
            let filter = TextField::singleline(&mut self.query.words)
                .width(150.0)
                .id_salt("library-filter")
                .label(w.filter)
                .hint(w.filter)
                .rtl_when_empty(rtl)
                .show(ui);
            if search.changed || filter.changed {
                self.typed_at = Some(std::time::Instant::now());
            }
            let mut options: Vec<(Option<String>, String)> = vec![(None, w.all_outlets.into())];
            options.extend(
                self.outlets
                    .iter()
                    .map(|(k, n, c)| (Some(k.clone()), format!("{n} ({})", lang.num_isolated(c)))),
            );
            widgets::combo_box(
                ui,
                "library-outlet",
                w.outlet,
                &mut self.query.outlet,
                &options,
                rtl,
            );
            if ui.button(w.add).clicked() {
                out.push(LibraryCommand::AddDialog);
            }
            if ui.button(w.add_folder).clicked() {
                out.push(LibraryCommand::AddFolderDialog);
            }
        });
        if let Some(e) = self.error.clone() {
            widgets::shell_paragraph(ui, &e, 13.0, 500.0, ui.available_width(), rtl);
            if ui.button(w.dismiss).clicked() {
                self.error = None;
            }
        }
        self.reports_ui(ui, lang, theme);
        match &self.state {
            State::Opening(_) => {
                widgets::header(ui, &one_line(w.opening, 14.0, muted, rtl), rtl);
                return out;
            }
            // Not opened (the error, if any, is above).
            State::Closed => return out,
            State::Adding(_) => {
                widgets::header(ui, &one_line(w.adding, 14.0, muted, rtl), rtl);
                return out;
            }
            State::Open(_) => {}
        }
        ui.separator();
        if self.search.trim().is_empty() {
            self.articles_ui(ui, lang, theme, &mut out);
        } else {
            self.hits_ui(ui, lang, theme, &mut out);
        }
        out
    }

    /// What opening found, and the last add's report.
    fn reports_ui(&mut self, ui: &mut Ui, lang: Lang, theme: Theme) {
        let w = words(lang);
        let rtl = lang.is_rtl();
        let width = ui.available_width();
        let accent = theme::accent(theme);
        let mut lines: Vec<String> = Vec::new();
        if let Some(r) = &self.open_report {
            for d in &r.damaged {
                lines.push(format!(
                    "{}: {} — {}",
                    w.damaged,
                    isolate(&d.path.display().to_string()),
                    isolate(&d.reason)
                ));
            }
            if let Some(why) = &r.index_rebuilt {
                lines.push(format!("{} ({})", w.index_rebuilt, isolate(why)));
            }
            if let Some(why) = &r.catalog_rebuilt {
                lines.push(format!("{} ({})", w.catalog_rebuilt, isolate(why)));
            }
        }
        if let Some(r) = &self.add_report {
            let mut s = format!(
                "{} {} {}",
                lang.num_isolated(r.added.len()),
                w.articles,
                w.added
            );
            if !r.duplicates.is_empty() {
                s.push_str(&format!(
                    "؛ {} {}",
                    lang.num_isolated(r.duplicates.len()),
                    w.duplicates
                ));
            }
            if r.cancelled {
                s.push_str(&format!(
                    "؛ {} {}",
                    w.cancelled,
                    lang.num_isolated(r.not_done)
                ));
            }
            lines.push(s);
            for (p, of) in &r.duplicates {
                lines.push(format!(
                    "{}: {} ({})",
                    w.duplicates,
                    isolate(&p.display().to_string()),
                    isolate(of)
                ));
            }
            for f in &r.failed {
                lines.push(format!(
                    "{}: {} — {}",
                    w.failed,
                    isolate(&f.path.display().to_string()),
                    isolate(&f.reason)
                ));
            }
        }
        if lines.is_empty() {
            return;
        }
        egui::Frame::new()
            .inner_margin(6.0)
            .corner_radius(4.0)
            .fill(ui.visuals().faint_bg_color)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("library-reports")
                    .max_height(110.0)
                    .show(ui, |ui| {
                        for (k, l) in lines.iter().enumerate() {
                            Paragraph::new(one_line(l, 13.0, accent, rtl).selectable(true))
                                .width(width - 20.0)
                                .id_salt(("library-report", k))
                                .show(ui);
                        }
                    });
                if widgets::dialog_buttons(ui, &[w.dismiss], rtl).is_some() {
                    self.open_report = None;
                    self.add_report = None;
                }
            });
    }

    /// The articles' list: a header of sortable columns, then the rows on screen.
    fn articles_ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        theme: Theme,
        out: &mut Vec<LibraryCommand>,
    ) {
        let w = words(lang);
        let rtl = lang.is_rtl();
        let (ink, muted) = (theme::ink(theme), theme::muted(theme));
        let Some(lib) = self.library() else { return };
        if lib.entries().is_empty() {
            widgets::shell_paragraph(ui, w.empty, 14.0, 400.0, ui.available_width(), rtl);
            return;
        }
        // Header.
        let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), ROW_H), Sense::hover());
        let mut sort = None;
        for (c, x0, x1) in column_spans(rect, rtl) {
            let cell = Rect::from_x_y_ranges(x0..=x1, rect.y_range());
            let id = ui.make_persistent_id(("library-col", c));
            let resp = ui.interact(cell, id, Sense::click());
            let title = column_title(c, lang);
            let here = self.query.sort == c;
            resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, here, title));
            if resp.hovered() {
                ui.painter()
                    .rect_filled(cell, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
            }
            let job = one_line(title, 13.0, if here { ink } else { muted }, rtl).weight(700.0);
            paint_cell(ui, rect, (x0, x1), &job, rtl);
            if here {
                // A small triangle after the title: up when ascending.
                let w = crate::text::measure_text(ui.ctx(), &job).x;
                let x = if rtl {
                    x1 - 6.0 - w - 9.0
                } else {
                    x0 + 6.0 + w + 9.0
                };
                let y = rect.center().y;
                let pts = if self.query.descending {
                    vec![
                        pos2(x - 4.0, y - 2.0),
                        pos2(x + 4.0, y - 2.0),
                        pos2(x, y + 3.0),
                    ]
                } else {
                    vec![
                        pos2(x - 4.0, y + 2.0),
                        pos2(x + 4.0, y + 2.0),
                        pos2(x, y - 3.0),
                    ]
                };
                ui.painter()
                    .add(egui::Shape::convex_polygon(pts, muted, egui::Stroke::NONE));
            }
            if resp.clicked() {
                sort = Some(c);
            }
        }
        let entries = lib.entries();
        let order = &self.order;
        let rows = &self.rows;
        let sel_fill = ui.visuals().selection.bg_fill;
        let hover_fill = ui.visuals().widgets.hovered.weak_bg_fill;
        egui::ScrollArea::vertical()
            .id_salt("library-list")
            .auto_shrink(false)
            .show_rows(ui, ROW_H, order.len(), |ui, range| {
                for &i in &order[range] {
                    let e = &entries[i as usize];
                    let row = &rows[i as usize];
                    let (rect, resp) =
                        ui.allocate_exact_size(vec2(ui.available_width(), ROW_H), Sense::click());
                    let label = e.title.clone();
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                    });
                    if resp.hovered() {
                        ui.painter().rect_filled(rect, 3.0, hover_fill);
                    } else if resp.has_focus() {
                        ui.painter().rect_filled(rect, 3.0, sel_fill);
                    }
                    for (c, x0, x1) in column_spans(rect, rtl) {
                        let (text, color) = match c {
                            Column::Title => (e.title.as_str(), ink),
                            Column::Outlet => (e.outlet.as_str(), muted),
                            Column::Author => (e.author.as_str(), muted),
                            Column::Date => (row.date.as_str(), muted),
                            Column::Events => (row.events.as_str(), muted),
                            Column::Sources => (row.sources.as_str(), muted),
                        };
                        if text.is_empty() {
                            continue;
                        }
                        let text: Arc<str> = match c {
                            Column::Events | Column::Sources => lang.num(text).into(),
                            _ => text.into(),
                        };
                        let job = TextJob::new(text)
                            .size(14.0)
                            .color(color)
                            .selectable(false)
                            .direction(Direction::Auto);
                        paint_cell(ui, rect, (x0, x1), &job, rtl);
                    }
                    if resp.clicked() {
                        out.push(LibraryCommand::OpenArticle(e.id.clone()));
                    }
                }
            });
        if let Some(c) = sort {
            if self.query.sort == c {
                self.query.descending = !self.query.descending;
            } else {
                self.query.sort = c;
                self.query.descending =
                    matches!(c, Column::Date | Column::Events | Column::Sources);
            }
        }
    }

    /// The search's hits: each the article's title and a snippet with the match
    /// highlighted; clicking one opens the article at the match.
    fn hits_ui(&mut self, ui: &mut Ui, lang: Lang, theme: Theme, out: &mut Vec<LibraryCommand>) {
        let w = words(lang);
        let rtl = lang.is_rtl();
        let (ink, muted) = (theme::ink(theme), theme::muted(theme));
        let mark = theme::highlight(theme);
        if self.hits.is_empty() {
            widgets::header(ui, &one_line(w.no_hits, 14.0, muted, rtl), rtl);
            return;
        }
        let width = ui.available_width() - 16.0;
        let query = self.search.trim().to_owned();
        egui::ScrollArea::vertical()
            .id_salt("library-hits")
            .auto_shrink(false)
            .show(ui, |ui| {
                for (k, h) in self.hits.iter().enumerate() {
                    let frame = egui::Frame::new().inner_margin(6.0).corner_radius(4.0);
                    let resp = frame
                        .show(ui, |ui| {
                            Paragraph::new(
                                TextJob::new(h.title.as_str())
                                    .size(14.0)
                                    .weight(700.0)
                                    .color(ink)
                                    .selectable(false),
                            )
                            .width(width)
                            .id_salt(("hit-title", k))
                            .show(ui);
                            let mut job = TextJob::new(h.snippet.as_str())
                                .size(13.5)
                                .color(muted)
                                .selectable(false);
                            if !h.snippet_range.is_empty() {
                                job = job.span(Span::styled(
                                    h.snippet_range.clone(),
                                    SpanFormat {
                                        background: Some(mark),
                                        color: Some(ink),
                                        weight: Some(700.0),
                                        ..SpanFormat::default()
                                    },
                                ));
                            }
                            Paragraph::new(job)
                                .width(width)
                                .id_salt(("hit", k))
                                .show(ui);
                        })
                        .response;
                    let resp = ui
                        .interact(
                            resp.rect,
                            ui.make_persistent_id(("hit-click", k)),
                            Sense::click(),
                        )
                        .on_hover_cursor(egui::CursorIcon::PointingHand);
                    let label = format!("{} — {}", h.title, h.snippet);
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                    });
                    if resp.hovered() {
                        ui.painter().rect_stroke(
                            resp.rect,
                            4.0,
                            ui.visuals().selection.stroke,
                            egui::StrokeKind::Inside,
                        );
                    }
                    if resp.clicked() {
                        let range = h.ranges.first().cloned().unwrap_or(0..0);
                        out.push(LibraryCommand::OpenHit {
                            id: h.article.clone(),
                            block: h.block,
                            range,
                            query: query.clone(),
                        });
                    }
                }
            });
    }
}

/// The lane choices of the merged timeline.
pub(super) fn lane_by_options(lang: Lang) -> Vec<(LaneBy, String)> {
    vec![
        (LaneBy::Category, tr(lang, "دسته", "Category").to_owned()),
        (LaneBy::Outlet, tr(lang, "رسانه", "Outlet").to_owned()),
        (LaneBy::Article, tr(lang, "نوشته", "Article").to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_row_from_the_start_edge() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(900.0, ROW_H));
        for rtl in [true, false] {
            let spans = column_spans(rect, rtl);
            let total: f32 = spans.iter().map(|(_, a, b)| b - a).sum();
            assert!((total - 900.0).abs() < 0.01, "rtl {rtl}: {spans:?}");
            let title = spans[0];
            assert_eq!(title.0, Column::Title);
            if rtl {
                assert!(
                    (title.2 - 900.0).abs() < 0.01,
                    "title at the right: {spans:?}"
                );
            } else {
                assert!(title.1.abs() < 0.01, "title at the left: {spans:?}");
            }
        }
    }
}
