//! The eframe application: the right-to-left shell, menus, dialogs, and the three linked
//! panes (article, timeline, sources).
//!
//! Panes draw from the model and keep only view state; they return actions that become
//! [`Command`]s, applied after the pass, so the panes share one selection without
//! borrowing each other.

pub mod article;
pub mod command;
pub mod edit_panel;
mod editing;
pub mod i18n;
pub mod review;
pub mod sample;
pub mod sources;
pub mod startup;
pub mod theme;
pub mod timeline;
pub mod widgets;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use egui::{Align as EAlign, Layout, Ui};
use serde::{Deserialize, Serialize};

use crate::chart::EventSet;
use crate::model::edit::{Edit, History};
use crate::model::{Article, CategoryId, Certainty, ClaimId, EventId, Problem, SourceId};
use crate::{store, text};
use article::{ArticleAction, ArticleInput, ArticleView};
pub use i18n::Lang;
use sources::{SourcesAction, SourcesInput};
pub use theme::Theme;
use timeline::{CalendarMode, TimeDirection, TimelineAction, TimelineInput, TimelineView};

/// Persistent settings (eframe storage). Documents and caches are not stored here.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    /// Stored under the key `dark` as a flag, as earlier versions wrote it.
    #[serde(rename = "dark", with = "theme::dark_flag")]
    pub theme: Theme,
    /// Article body size in points.
    pub font_size: f32,
    /// Zoom of the whole window (egui's zoom factor: the article, the timeline, the
    /// sources panel, menus and dialogs alike); 1 is 100 %.
    pub zoom: f32,
    pub calendar: CalendarMode,
    pub direction: TimeDirection,
    pub last_file: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    /// Ids of the categories whose events are hidden.
    pub hidden_lanes: HashSet<CategoryId>,
    /// Certainties whose events the timeline hides (View → Certainty).
    pub hidden_certainties: HashSet<Certainty>,
    pub timeline: Option<TimelineView>,
    /// Height of the timeline panel under the article (where the splitter between them was
    /// dragged to), points; `None` until it is dragged: then the timeline takes
    /// [`TIMELINE_SHARE`] of the window's height, up to [`DEFAULT_TIMELINE_HEIGHT`].
    pub timeline_height: Option<f32>,
    /// Use the system's file dialogs (rfd); off, or when none is available, an in-app prompt.
    pub native_dialogs: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Fa,
            theme: Theme::Light,
            font_size: 17.0,
            zoom: 1.0,
            calendar: CalendarMode::default(),
            direction: TimeDirection::default(),
            last_file: None,
            recent: Vec::new(),
            hidden_lanes: HashSet::new(),
            hidden_certainties: HashSet::new(),
            timeline: None,
            timeline_height: None,
            native_dialogs: true,
        }
    }
}

/// Smallest and largest article font sizes, points.
pub const FONT_SIZE_RANGE: (f32, f32) = (11.0, 32.0);
/// Smallest and largest zoom of the whole window, and the step of Ctrl+= / Ctrl+-.
pub const ZOOM_RANGE: (f32, f32) = (0.5, 3.0);
pub const ZOOM_STEP: f32 = 0.1;
const MAX_RECENT: usize = 8;
/// Width of a dialog's text, points.
const DIALOG_WIDTH: f32 = 420.0;
const SETTINGS_KEY: &str = "gahnegar-settings";
/// Most height the timeline panel takes before the splitter is dragged, points.
pub const DEFAULT_TIMELINE_HEIGHT: f32 = 300.0;
/// Share of the window's height the timeline panel takes before the splitter is dragged.
pub const TIMELINE_SHARE: f32 = 0.36;
const MIN_TIMELINE_HEIGHT: f32 = 140.0;
/// Height the article (and the menus above it) keep however far the splitter is dragged,
/// points.
const MIN_ARTICLE_HEIGHT: f32 = 200.0;

/// Which page the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Article,
    Sample,
    /// The review of an import.
    Review,
}

/// What is selected: shared by all three panes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub event: Option<EventId>,
    pub source: Option<SourceId>,
}

impl Selection {
    /// The selected event's id as a string.
    pub fn event_id(&self) -> Option<&str> {
        self.event.as_ref().map(EventId::as_str)
    }

    /// The selected source's id as a string.
    pub fn source_id(&self) -> Option<&str> {
        self.source.as_ref().map(SourceId::as_str)
    }
}

/// The open article.
pub struct Document {
    pub article: Article,
    /// Where it was loaded from / saved to; `None` for the built-in article.
    pub path: Option<PathBuf>,
    /// Changed outside the edit history (imported, restored, or changes discarded).
    pub dirty: bool,
    /// The reader's edits, for undo and redo; knows whether they are saved.
    pub edits: History,
    /// What is derived from the article once, not every frame.
    pub index: DocIndex,
}

/// Facts about an article the panes show every frame, computed when it is opened or
/// edited; and what the frame derives from the article and the view's filters, kept
/// until the filters change (by event index, not by id string).
#[derive(Clone, Debug, Default)]
pub struct DocIndex {
    /// `Article::problems()`: broken anchors and references.
    pub problems: Vec<Problem>,
    /// Indices of events no claim supports.
    pub unsourced: Vec<usize>,
    /// Number of claims of each source, by its index in `article.sources`.
    pub claim_counts: Vec<usize>,
    /// The events shown under the filters, for the filters it was computed for.
    visible: Option<(FilterKey, Option<EventSet>)>,
    /// The events of the selected source's claims, for that source.
    marked: Option<(Option<SourceId>, EventSet)>,
    /// The problems line as shown, for the language it was written in.
    problems_line: Option<(Lang, String)>,
    /// How many times a filter or emphasis set was built (work counter for tests: a
    /// steady frame builds none).
    pub sets_built: usize,
}

/// What the timeline's filter depends on besides the article.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FilterKey {
    hidden_lanes: HashSet<CategoryId>,
    hidden_certainties: HashSet<Certainty>,
    only_source: Option<SourceId>,
}

impl DocIndex {
    pub fn new(a: &Article) -> Self {
        let supported: HashSet<&str> = a
            .claims
            .iter()
            .flat_map(|c| c.events.iter().map(String::as_str))
            .collect();
        let source_index: std::collections::HashMap<&str, usize> = a
            .sources
            .iter()
            .enumerate()
            .rev() // the first of sources sharing an id wins, as `Article::source` finds it
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut claim_counts = vec![0; a.sources.len()];
        for c in &a.claims {
            if let Some(&i) = source_index.get(c.source.as_str()) {
                claim_counts[i] += 1;
            }
        }
        Self {
            problems: a.problems(),
            unsourced: a
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| !supported.contains(e.id.as_str()))
                .map(|(i, _)| i)
                .collect(),
            claim_counts,
            ..Self::default()
        }
    }

    /// The timeline's sets: the events shown (those outside `hidden_lanes` and, with
    /// `only_source`, among that source's claims; `None` when nothing is filtered) and the
    /// events marked (those `marked_source`'s claims support; empty without one). Each is
    /// built when what it depends on changes, then read from the cache.
    pub fn timeline_sets(
        &mut self,
        a: &Article,
        hidden_lanes: &HashSet<CategoryId>,
        hidden_certainties: &HashSet<Certainty>,
        only_source: Option<&SourceId>,
        marked_source: Option<&SourceId>,
    ) -> (Option<&EventSet>, &EventSet) {
        let fresh = self.visible.as_ref().is_some_and(|(k, _)| {
            k.only_source.as_ref() == only_source
                && k.hidden_lanes == *hidden_lanes
                && k.hidden_certainties == *hidden_certainties
        });
        if !fresh {
            self.sets_built += 1;
            let filtered =
                !hidden_lanes.is_empty() || !hidden_certainties.is_empty() || only_source.is_some();
            let set = filtered.then(|| {
                let of_source = only_source.map(|s| source_events(a, s));
                EventSet::from_indices(
                    a.events.len(),
                    a.events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| !hidden_lanes.contains(e.category.as_str()))
                        .filter(|(_, e)| !hidden_certainties.contains(&e.certainty))
                        .filter(|&(i, _)| of_source.as_ref().is_none_or(|set| set.contains(i)))
                        .map(|(i, _)| i),
                )
            });
            let key = FilterKey {
                hidden_lanes: hidden_lanes.clone(),
                hidden_certainties: hidden_certainties.clone(),
                only_source: only_source.cloned(),
            };
            self.visible = Some((key, set));
        }
        if self
            .marked
            .as_ref()
            .is_none_or(|(k, _)| k.as_ref() != marked_source)
        {
            self.sets_built += 1;
            let set = marked_source
                .map(|s| source_events(a, s))
                .unwrap_or_default();
            self.marked = Some((marked_source.cloned(), set));
        }
        let marked = &self.marked.get_or_insert_default().1;
        let visible = self.visible.as_ref().and_then(|(_, set)| set.as_ref());
        (visible, marked)
    }

    /// The problems as one line in `lang` (the label, then each problem in that language,
    /// its ids isolated); `None` when there are none. Written once a language.
    pub fn problems_line(&mut self, lang: Lang) -> Option<&str> {
        if self.problems.is_empty() {
            return None;
        }
        if self.problems_line.as_ref().is_none_or(|(l, _)| *l != lang) {
            let list: Vec<String> = self
                .problems
                .iter()
                .map(|p| i18n::problem_text(p, lang))
                .collect();
            let line = format!("{}: {}", lang.strings().problems, list.join(" · "));
            self.problems_line = Some((lang, line));
        }
        self.problems_line.as_ref().map(|(_, line)| line.as_str())
    }
}

/// The indices of the events source `s`'s claims support.
fn source_events(a: &Article, s: &SourceId) -> EventSet {
    let ids: HashSet<&str> = a
        .claims_of_source(s.as_str())
        .flat_map(|c| c.events.iter().map(String::as_str))
        .collect();
    EventSet::from_indices(
        a.events.len(),
        a.events
            .iter()
            .enumerate()
            .filter(|(_, e)| ids.contains(e.id.as_str()))
            .map(|(i, _)| i),
    )
}

impl Document {
    pub fn new(article: Article, path: Option<PathBuf>) -> Self {
        let index = DocIndex::new(&article);
        Self {
            article,
            path,
            dirty: false,
            edits: History::default(),
            index,
        }
    }

    /// Whether the article has changes not saved to its file.
    pub fn is_dirty(&self) -> bool {
        self.dirty || self.edits.is_dirty()
    }

    /// After a change to the article outside the edit history: marks it unsaved and
    /// rebuilds its index (and so drops the sets cached for the old article).
    pub fn edited(&mut self) {
        self.dirty = true;
        self.index = DocIndex::new(&self.article);
    }
}

/// Something to do after the pass.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Import what the clipboard holds (plain text or HTML) through the review, as a file.
    PasteArticle,
    SetLang(Lang),
    SetTheme(Theme),
    FontSize(f32),
    /// Zoom the whole window to this factor (clamped to [`ZOOM_RANGE`]).
    Zoom(f32),
    SetCalendar(CalendarMode),
    SetDirection(TimeDirection),
    ShowPage(Page),
    Select(Selection),
    SelectEvent(EventId),
    SelectSource(SourceId),
    ShowClaim(ClaimId),
    Back,
    Forward,
    /// Show or hide a category's events (by category id).
    ToggleLane(CategoryId),
    /// Show or hide the events of a certainty on the timeline.
    ToggleCertainty(Certainty),
    SetOnlySource(bool),
    /// Move an event (by id) to another category (by id), as an undoable edit.
    SetLane(EventId, CategoryId),
    /// Apply a reader's edit (undoable). Boxed: an edit carries whole events.
    Edit(Box<Edit>),
    Undo,
    Redo,
    /// Open the edit panel of the selected event.
    OpenEditor,
    CloseEditor,
    /// Select an event and open its edit panel.
    EditEvent(EventId),
    /// Make an event, a highlight or a note of words selected in block `block`.
    FromSelection {
        block: usize,
        range: std::ops::Range<usize>,
        what: article::SelectionAction,
    },
    /// Open the note of a highlight (by id).
    OpenNote(String),
    OpenFind,
    /// Ask for a file to open (native dialog or in-app prompt).
    OpenDialog,
    Open(PathBuf),
    OpenBuiltin,
    Save,
    SaveAsDialog,
    SaveTo(PathBuf),
    /// Save to a path, replacing what is there (after the user confirmed).
    SaveOver(PathBuf),
    ImportDialog,
    ExportDialog(ExportKind),
    /// Write an export; `overwrite` replaces an existing file.
    ExportTo(ExportKind, PathBuf, bool),
    /// Import a text file in the background, then review it.
    Import(PathBuf),
    Quit,
}

/// What a path prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    Save,
    Export(ExportKind),
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

/// A modal the app is showing.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Unsaved changes: run `then` once the user saved (Save, through Save As when the
    /// article has no file of its own) or discarded them.
    Unsaved {
        then: Box<Command>,
    },
    /// In-app path prompt (no native dialog) for `purpose`.
    Path {
        purpose: PathPurpose,
        text: String,
    },
    /// The target file exists: replace it? Runs `then` if so.
    ConfirmOverwrite {
        path: PathBuf,
        then: Box<Command>,
    },
    Message {
        title: String,
        body: String,
    },
    /// The note of a highlight, being written.
    Note {
        highlight: String,
        text: String,
    },
    /// A recovery file of unsaved edits was found at start: restore it?
    Restore {
        /// The file its article came from.
        source: Option<PathBuf>,
    },
}

/// The application.
pub struct GahnegarApp {
    pub settings: Settings,
    pub page: Page,
    pub doc: Document,
    pub selection: Selection,
    history: Vec<Selection>,
    history_pos: usize,
    pub article_view: ArticleView,
    pub timeline: TimelineView,
    pub only_selected_source: bool,
    pub modal: Option<Modal>,
    pub import_job: Option<review::ImportJob>,
    /// Frames left to wait for the clipboard's text after Paste as new article (the key and
    /// the pasted text may arrive in consecutive frames); then the system clipboard is read.
    paste_wait: u8,
    pub review: Option<review::Review>,
    commands: Vec<Command>,
    ctx_ready: bool,
    applied: Option<(Theme, Lang)>,
    shown_title: String,
    allow_close: bool,
    /// A command waiting for a save to succeed (Save in the unsaved-changes prompt when the
    /// article had to go through Save As first); dropped when the save is cancelled or fails.
    after_save: Option<Command>,
    /// The selected event's edit panel, when open (it stands in the sources panel's place).
    pub editor: Option<edit_panel::EditPanel>,
    /// The worker keeping the recovery file of unsaved edits (see [`GahnegarApp::with_recovery`]).
    recovery: Option<crate::recovery::Recovery>,
    /// A recovery file found at start, while the reader decides about it.
    recovered: Option<Box<crate::recovery::Recovered>>,
}

impl GahnegarApp {
    /// Restores settings from `storage` and opens `path` (or the last file, or the
    /// built-in article). Fonts and visuals are installed on the first pass.
    pub fn new(storage: Option<&dyn eframe::Storage>, path: Option<PathBuf>) -> Self {
        let settings: Settings = storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let article = store::builtin();
        let mut timeline = settings.timeline.clone().unwrap_or_default();
        if settings.timeline.is_none() {
            timeline.fit_all(&article);
        }
        let mut app = Self {
            settings,
            page: Page::Article,
            doc: Document::new(article, None),
            selection: Selection::default(),
            history: vec![Selection::default()],
            history_pos: 0,
            article_view: ArticleView::default(),
            timeline,
            only_selected_source: false,
            modal: None,
            import_job: None,
            paste_wait: 0,
            review: None,
            commands: Vec::new(),
            ctx_ready: false,
            applied: None,
            shown_title: String::new(),
            allow_close: false,
            after_save: None,
            editor: None,
            recovery: None,
            recovered: None,
        };
        app.settings.zoom = app.settings.zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
        dedupe_recent(&mut app.settings.recent);
        // Temporary files a killed save left beside the files worked on, removed off the
        // UI thread (a folder may be slow to list) so start-up does not wait for it.
        let dirs: HashSet<PathBuf> = app
            .settings
            .recent
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .collect();
        if !dirs.is_empty() {
            std::thread::spawn(move || {
                for d in dirs {
                    crate::store::clean_stale_temps(&d, None);
                }
            });
        }
        if let Some(p) = path {
            if is_text_file(&p) {
                // Imported in the background once the window is up.
                app.commands.push(Command::Import(p));
            } else {
                app.open_path(&p);
            }
        }
        app
    }

    pub fn strings(&self) -> &'static i18n::Strings {
        self.settings.lang.strings()
    }

    /// Queues a command (as a pane or menu would).
    pub fn push(&mut self, cmd: Command) {
        self.commands.push(cmd);
    }

    fn apply_visuals(&mut self, ctx: &egui::Context) {
        let want = (self.settings.theme, self.settings.lang);
        if self.applied == Some(want) {
            return;
        }
        self.applied = Some(want);
        ctx.set_visuals_of(egui::Theme::Dark, theme::visuals(Theme::Dark));
        ctx.set_visuals_of(egui::Theme::Light, theme::visuals(Theme::Light));
        ctx.set_theme(match self.settings.theme {
            Theme::Dark => egui::Theme::Dark,
            Theme::Light => egui::Theme::Light,
        });
        text::set_copy_label(ctx, self.settings.lang.strings().copy);
    }

    /// The whole UI; called by eframe and by the UI tests.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.ctx_ready {
            text::fonts::install_egui_fonts(&ctx);
            // Ctrl+= / Ctrl+- / Ctrl+0 are the app's own (persisted, see `shortcuts`).
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.ctx_ready = true;
        }
        if (ctx.zoom_factor() - self.settings.zoom).abs() > 1e-4 {
            ctx.set_zoom_factor(self.settings.zoom);
        }
        self.apply_visuals(&ctx);
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        self.close_request(&ctx);
        self.update_title(&ctx);
        let rtl = self.settings.lang.is_rtl();

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        self.import_progress_ui(&ctx);
        if self.page == Page::Review && self.review.is_some() {
            let (lang, theme) = (self.settings.lang, self.settings.theme);
            let mut decision = None;
            egui::CentralPanel::default().show(ui, |ui| {
                if let Some(r) = self.review.as_mut() {
                    decision = r.ui(ui, lang, theme);
                }
            });
            match decision {
                Some(review::ReviewAction::Accept) => {
                    if let Some(r) = self.review.take() {
                        self.set_article(r.accepted_article(), None);
                        self.doc.dirty = true;
                        self.sync_recovery();
                    }
                    self.page = Page::Article;
                }
                Some(review::ReviewAction::Cancel) => {
                    self.review = None;
                    self.page = Page::Article;
                }
                None => {}
            }
        } else if self.page == Page::Sample {
            egui::CentralPanel::default()
                .frame(
                    egui::Frame::new()
                        .fill(theme::paper(self.settings.theme))
                        .inner_margin(24.0),
                )
                .show(ui, |ui| {
                    // The close button stands at the page's top end corner (left in the
                    // right-to-left UI); Esc closes the sample too.
                    let end = if rtl {
                        Layout::left_to_right(EAlign::Center)
                    } else {
                        Layout::right_to_left(EAlign::Center)
                    };
                    let close = self.strings().close_sample;
                    let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
                    ui.allocate_ui_with_layout(row, end, |ui| {
                        if ui.button(close).clicked() {
                            self.commands.push(Command::ShowPage(Page::Article));
                        }
                    });
                    egui::ScrollArea::vertical()
                        .auto_shrink(false)
                        .show(ui, |ui| {
                            sample::sample_ui(ui, self.settings.theme, self.settings.font_size);
                        });
                });
        } else {
            // A splitter between the article and the timeline: the panel's top edge,
            // dragged; its height is a setting, so it is kept across runs.
            // (From the window's height: what is left under the menus can differ on the
            // first frame, before the fonts are in.)
            let window_h = ui.ctx().content_rect().height();
            let max = (window_h - MIN_ARTICLE_HEIGHT).max(MIN_TIMELINE_HEIGHT);
            let wanted = self
                .settings
                .timeline_height
                .unwrap_or((window_h * TIMELINE_SHARE).min(DEFAULT_TIMELINE_HEIGHT))
                .clamp(MIN_TIMELINE_HEIGHT, max);
            let panel = egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(wanted)
                .size_range(MIN_TIMELINE_HEIGHT..=max)
                .show(ui, |ui| {
                    self.timeline_ui(ui);
                });
            let height = panel.response.rect.height();
            if height.is_finite() && (height - wanted).abs() > 0.5 {
                self.settings.timeline_height = Some(height);
            }
            let side = if rtl {
                egui::Panel::left("sources")
            } else {
                egui::Panel::right("sources")
            };
            side.resizable(true)
                .default_size(320.0)
                .min_size(200.0)
                .show(ui, |ui| {
                    if self.editor.is_some() && self.selection.event.is_some() {
                        self.editor_ui(ui);
                    } else {
                        self.sources_ui(ui);
                    }
                });
            egui::CentralPanel::default()
                .frame(
                    egui::Frame::new()
                        .fill(theme::paper(self.settings.theme))
                        .inner_margin(egui::Margin::symmetric(28, 12)),
                )
                .show(ui, |ui| self.article_ui(ui));
        }
        self.modal_ui(&ctx);
        self.apply_commands(&ctx);
        startup::after_ui_pass(&ctx);
    }

    /// The progress window of a running import; on completion, the review or an error.
    fn import_progress_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.import_job else { return };
        if let Some(result) = job.take_result() {
            let path = job.path.clone();
            let from_file = job.is_file();
            self.import_job = None;
            match result {
                Ok((imported, text)) => {
                    if from_file {
                        self.remember(&path);
                    }
                    self.review = Some(review::Review::new(imported, path, text));
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

    fn article_ui(&mut self, ui: &mut Ui) {
        let lang = self.settings.lang;
        self.article_view.find_bar_ui(ui, &self.doc.article, lang);
        if let Some(msg) = self.doc.index.problems_line(lang) {
            let job = widgets::control_job(msg, ui.visuals().warn_fg_color, lang.is_rtl())
                .selectable(true);
            text::Paragraph::new(job).id_salt("problems").show(ui);
        }
        let input = ArticleInput {
            article: &self.doc.article,
            selected_event: self.selection.event.as_ref(),
            selected_source: self.selection.source.as_ref(),
            lang: self.settings.lang,
            theme: self.settings.theme,
            font_size: self.settings.font_size,
        };
        for a in self.article_view.ui(ui, &input) {
            self.commands.push(match a {
                ArticleAction::SelectEvent(id) => Command::SelectEvent(id),
                ArticleAction::SelectSource(id) => Command::SelectSource(id),
                ArticleAction::FromSelection { block, range, what } => {
                    Command::FromSelection { block, range, what }
                }
                ArticleAction::OpenHighlight(id) => Command::OpenNote(id),
            });
        }
    }

    fn timeline_ui(&mut self, ui: &mut Ui) {
        let a = &self.doc.article;
        let only_source = self
            .only_selected_source
            .then_some(self.selection.source.as_ref())
            .flatten();
        let (visible, marked) = self.doc.index.timeline_sets(
            a,
            &self.settings.hidden_lanes,
            &self.settings.hidden_certainties,
            only_source,
            self.selection.source.as_ref(),
        );
        let input = TimelineInput {
            article: a,
            selected_event: self.selection.event.as_ref(),
            marked_events: marked,
            visible_events: visible,
            calendar: self.settings.calendar,
            direction: self.settings.direction,
            lang: self.settings.lang,
            theme: self.settings.theme,
        };
        for act in self.timeline.ui(ui, &input) {
            match act {
                TimelineAction::Select(id) => self.commands.push(Command::SelectEvent(id)),
            }
        }
    }

    /// The edit panel of the selected event, in the sources panel's place.
    fn editor_ui(&mut self, ui: &mut Ui) {
        let (Some(panel), Some(id)) = (self.editor.as_mut(), self.selection.event.clone()) else {
            return;
        };
        let lang = self.settings.lang;
        let actions = egui::ScrollArea::vertical()
            .id_salt("editor-scroll")
            .show(ui, |ui| panel.ui(ui, &self.doc.article, id.as_str(), lang))
            .inner;
        for a in actions {
            match a {
                edit_panel::PanelAction::Edit(e) => self.commands.push(Command::Edit(Box::new(e))),
                edit_panel::PanelAction::EditAndSelect(e, id) => {
                    self.commands.push(Command::Edit(Box::new(e)));
                    self.commands.push(Command::SelectEvent(id.into()));
                }
                edit_panel::PanelAction::Close => self.commands.push(Command::CloseEditor),
            }
        }
    }

    fn sources_ui(&mut self, ui: &mut Ui) {
        let input = SourcesInput {
            article: &self.doc.article,
            selected_event: self.selection.event.as_ref(),
            selected_source: self.selection.source.as_ref(),
            lang: self.settings.lang,
            theme: self.settings.theme,
            hidden_lanes: &self.settings.hidden_lanes,
            only_selected_source: self.only_selected_source,
            index: &self.doc.index,
        };
        for a in sources::sources_ui(ui, &input) {
            self.commands.push(match a {
                SourcesAction::SelectSource(id) => Command::SelectSource(id),
                SourcesAction::SelectEvent(id) => Command::SelectEvent(id),
                SourcesAction::ShowClaim(id) => Command::ShowClaim(id),
                SourcesAction::ToggleLane(l) => Command::ToggleLane(l),
                SourcesAction::SetOnlySelectedSource(b) => Command::SetOnlySource(b),
                SourcesAction::SetLane(e, l) => Command::SetLane(e, l),
            });
        }
    }

    /// Paste as new article, waiting: the keyboard's paste brings the clipboard's text
    /// as an input event (in this frame or the next); the menu brings none, and after a
    /// few frames the system clipboard is read, HTML first.
    fn take_paste(&mut self, ctx: &egui::Context) {
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

    /// The command table's shortcuts (see [`command::UiCommand`]), then Esc.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        self.take_paste(ctx);
        // While a dialog is open its field owns the keyboard.
        let fired = if self.modal.is_none() {
            let text_focus = text::text_field_has_focus(ctx);
            ctx.input_mut(|i| command::UiCommand::pressed(i, text_focus))
        } else {
            Vec::new()
        };
        self.escape(ctx);
        for c in fired {
            self.run_ui_command(c);
        }
    }

    /// Esc closes what is on top, one thing a press: an open menu or a dialog handles it
    /// itself (the dialog cancels, in `modal_ui`); else the find bar closes, else the
    /// typography sample is left, else the selection is cleared.
    fn escape(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || egui::Popup::is_any_open(ctx) {
            return;
        }
        let esc =
            |i: &mut egui::InputState| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape);
        let has_selection = self.page == Page::Article && self.selection != Selection::default();
        let find_shown = self.page == Page::Article && self.article_view.find.open;
        if !(find_shown || self.page == Page::Sample || has_selection) || !ctx.input_mut(esc) {
            return;
        }
        if find_shown {
            self.article_view.close_find();
        } else if self.page == Page::Sample {
            self.page = Page::Article;
        } else {
            self.commands.push(Command::Select(Selection::default()));
        }
        ctx.request_repaint();
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.commands.push(Command::Open(p));
        }
    }

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: Box::new(Command::Quit),
            });
        }
    }

    /// The window title: article title, unsaved marker, app name.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        format!(
            "{mark}{} — {}",
            self.doc.article.meta.title,
            self.strings().app_name
        )
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let t = self.window_title();
        if t != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(t.clone()));
            self.shown_title = t;
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let s = self.strings();
        let rtl = self.settings.lang.is_rtl();
        let layout = if rtl {
            Layout::right_to_left(EAlign::Center)
        } else {
            Layout::left_to_right(EAlign::Center)
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.with_layout(layout, |ui| {
                ui.menu_button(s.menu_file, |ui| {
                    menu_column(ui, rtl, |ui| self.file_menu_ui(ui))
                });
                ui.menu_button(s.menu_edit, |ui| {
                    menu_column(ui, rtl, |ui| self.edit_menu_ui(ui))
                });
                ui.menu_button(s.menu_view, |ui| {
                    menu_column(ui, rtl, |ui| self.view_menu_ui(ui))
                });
                let other = if self.settings.lang == Lang::Fa {
                    Lang::En
                } else {
                    Lang::Fa
                };
                if ui.button(s.language).clicked() {
                    self.commands.push(Command::SetLang(other));
                }
                ui.separator();
                let can_back = self.history_pos > 0;
                let can_fwd = self.history_pos + 1 < self.history.len();
                if ui
                    .add_enabled(can_back, egui::Button::new(s.back))
                    .clicked()
                {
                    self.commands.push(Command::Back);
                }
                if ui
                    .add_enabled(can_fwd, egui::Button::new(s.forward))
                    .clicked()
                {
                    self.commands.push(Command::Forward);
                }
                if ui.button(s.find).clicked() {
                    self.commands.push(Command::OpenFind);
                }
                if (self.selection.event.is_some() || self.selection.source.is_some())
                    && ui.button(s.clear_selection).clicked()
                {
                    self.commands.push(Command::Select(Selection::default()));
                }
            });
        });
    }

    fn file_menu_ui(&mut self, ui: &mut Ui) {
        let lang = self.settings.lang;
        let s = lang.strings();
        let rtl = lang.is_rtl();
        for c in [
            command::UiCommand::Open,
            command::UiCommand::ImportText,
            command::UiCommand::PasteArticle,
            command::UiCommand::Save,
            command::UiCommand::SaveAs,
        ] {
            self.command_row(ui, c);
        }
        ui.menu_button(s.export, |ui| {
            menu_column(ui, rtl, |ui| {
                // Mixed Persian/Latin labels go through the text engine (egui has no bidi).
                ui.set_min_width(220.0);
                let ink = ui.visuals().text_color();
                for kind in ExportKind::ALL {
                    let label = kind.label(lang);
                    let job = widgets::control_job(label, ink, rtl);
                    if widgets::text_row(ui, &job, false, false, label, rtl).clicked() {
                        self.commands.push(Command::ExportDialog(kind));
                        ui.close();
                    }
                }
            });
        });
        ui.menu_button(s.recent, |ui| {
            menu_column(ui, rtl, |ui| self.recent_menu_ui(ui))
        });
        ui.separator();
        self.command_row(ui, command::UiCommand::Quit);
    }

    /// File → Recent: the built-in article, then the files opened, imported or saved, most
    /// recent first, each as its name with its folder dimmed after it.
    fn recent_menu_ui(&mut self, ui: &mut Ui) {
        let lang = self.settings.lang;
        let s = lang.strings();
        let rtl = lang.is_rtl();
        ui.set_min_width(240.0);
        if ui.button(s.builtin_article).clicked() {
            self.commands.push(Command::OpenBuiltin);
        }
        if self.settings.recent.is_empty() {
            let job = widgets::control_job(s.no_recent, ui.visuals().weak_text_color(), rtl);
            widgets::header(ui, &job, rtl);
        }
        for p in self.settings.recent.clone() {
            if widgets::file_row(ui, &p, rtl).clicked() {
                self.commands.push(Command::Open(p));
                ui.close();
            }
        }
    }

    fn view_menu_ui(&mut self, ui: &mut Ui) {
        let lang = self.settings.lang;
        let s = lang.strings();
        let rtl = lang.is_rtl();
        let theme = self.settings.theme;
        if ui
            .button(if theme.is_dark() {
                s.theme_light
            } else {
                s.theme_dark
            })
            .clicked()
        {
            self.commands.push(Command::SetTheme(theme.toggled()));
        }
        if ui.button(s.font_larger).clicked() {
            self.commands
                .push(Command::FontSize(self.settings.font_size + 1.0));
        }
        if ui.button(s.font_smaller).clicked() {
            self.commands
                .push(Command::FontSize(self.settings.font_size - 1.0));
        }
        ui.separator();
        self.zoom_ui(ui);
        ui.separator();
        let muted = ui.visuals().weak_text_color();
        widgets::header(ui, &widgets::control_job(s.calendar, muted, rtl), rtl);
        for (mode, name) in [
            (CalendarMode::Gregorian, s.cal_gregorian),
            (CalendarMode::SolarHijri, s.cal_solar),
            (CalendarMode::Both, s.cal_both),
        ] {
            if widgets::radio(ui, self.settings.calendar == mode, name, rtl).clicked() {
                self.commands.push(Command::SetCalendar(mode));
            }
        }
        ui.separator();
        widgets::header(ui, &widgets::control_job(s.time_direction, muted, rtl), rtl);
        for (dir, name) in [
            (TimeDirection::RightToLeft, s.time_rtl),
            (TimeDirection::LeftToRight, s.time_ltr),
        ] {
            if widgets::radio(ui, self.settings.direction == dir, name, rtl).clicked() {
                self.commands.push(Command::SetDirection(dir));
            }
        }
        ui.separator();
        widgets::header(ui, &widgets::control_job(s.certainty, muted, rtl), rtl);
        for c in crate::model::Certainty::ALL {
            let mut shown = !self.settings.hidden_certainties.contains(&c);
            if widgets::check_box(ui, &mut shown, c.name(lang == Lang::Fa), rtl).clicked() {
                self.commands.push(Command::ToggleCertainty(c));
            }
        }
        ui.separator();
        let page = if self.page == Page::Sample {
            (Page::Article, s.back_to_article)
        } else {
            (Page::Sample, s.typography_sample)
        };
        if ui.button(page.1).clicked() {
            self.commands.push(Command::ShowPage(page.0));
        }
    }

    /// View → zoom: a slider over [`ZOOM_RANGE`] showing the percentage in the UI's digits,
    /// and a button back to 100 %. While the knob is dragged the value is kept aside and the
    /// window is zoomed when it is let go (zooming under the pointer would move the knob).
    fn zoom_ui(&mut self, ui: &mut Ui) {
        let lang = self.settings.lang;
        let s = lang.strings();
        let id = egui::Id::unique("gahnegar-zoom-drag");
        let mut z = ui
            .data(|d| d.get_temp::<f32>(id))
            .unwrap_or(self.settings.zoom);
        let percent = (z * 100.0).round() as u32;
        let text = if lang.is_rtl() {
            format!("{}٪", lang.num(percent))
        } else {
            format!("{percent}%")
        };
        let range = ZOOM_RANGE.0..=ZOOM_RANGE.1;
        let resp = widgets::slider(
            ui,
            &mut z,
            range,
            ZOOM_STEP,
            s.zoom_ui,
            &text,
            lang.is_rtl(),
        );
        if resp.dragged() {
            ui.data_mut(|d| d.insert_temp(id, z));
        } else {
            ui.data_mut(|d| d.remove::<f32>(id));
            if resp.changed() || resp.drag_stopped() {
                self.commands.push(Command::Zoom(z));
            }
        }
        if ui.button(s.zoom_reset).clicked() {
            self.commands.push(Command::Zoom(1.0));
        }
    }

    /// The open dialog: its text with the engine in the UI's direction, its buttons in the
    /// platform's order for that direction ([`widgets::dialog_buttons`]); Enter chooses the
    /// primary action, Esc (or a click outside) cancels.
    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(mut modal) = self.modal.clone() else {
            return;
        };
        let lang = self.settings.lang;
        let s = lang.strings();
        let rtl = lang.is_rtl();
        let labels: &[&str] = match &modal {
            Modal::Unsaved { .. } => &[s.save, s.discard, s.cancel],
            Modal::Path { .. } => &[s.ok, s.cancel],
            Modal::ConfirmOverwrite { .. } => &[s.overwrite, s.cancel],
            Modal::Message { .. } => &[s.dismiss],
            Modal::Restore { .. } => &[s.restore, s.discard],
            Modal::Note { .. } => &[s.ok, s.cancel],
        };
        let cancel = labels.len() - 1;
        // Enter in a note is a line break, not OK.
        let enter_is_ok = !matches!(modal, Modal::Note { .. });
        let mut choice = None;
        let resp = egui::Modal::new(egui::Id::unique("gahnegar-modal")).show(ctx, |ui| {
            ui.set_max_width(DIALOG_WIDTH);
            let title = |ui: &mut Ui, t: &str| {
                widgets::shell_paragraph(ui, t, 17.0, 700.0, DIALOG_WIDTH, rtl);
            };
            let body = |ui: &mut Ui, t: &str| {
                widgets::shell_paragraph(ui, t, widgets::CONTROL_TEXT, 400.0, DIALOG_WIDTH, rtl);
            };
            match &mut modal {
                Modal::Unsaved { .. } => {
                    title(ui, s.unsaved_title);
                    body(ui, s.unsaved_body);
                }
                Modal::Path { purpose, text } => {
                    let prompt = match purpose {
                        PathPurpose::Open => s.path_prompt_open,
                        PathPurpose::Save | PathPurpose::Export(_) => s.path_prompt_save,
                    };
                    let job = widgets::control_job(prompt, ui.visuals().text_color(), rtl);
                    let label = text::Paragraph::new(job).width(DIALOG_WIDTH).show(ui);
                    let field = text::TextField::singleline(text)
                        .width(DIALOG_WIDTH)
                        .id_salt("path-field")
                        .label(prompt)
                        .rtl_when_empty(rtl)
                        .show(ui);
                    let edit = field.response.labelled_by(label.response.id);
                    edit.request_focus();
                }
                Modal::ConfirmOverwrite { path, .. } => {
                    title(ui, s.overwrite_title);
                    body(ui, s.overwrite_body);
                    body(ui, &i18n::isolate(&path.display().to_string()));
                }
                Modal::Note { text, .. } => {
                    let note = if lang == Lang::Fa {
                        "یادداشت"
                    } else {
                        "Note"
                    };
                    title(ui, note);
                    let field = text::TextField::multiline(text, 5)
                        .width(DIALOG_WIDTH)
                        .id_salt("note-field")
                        .label(note)
                        .rtl_when_empty(rtl)
                        .show(ui);
                    if !field.response.has_focus() && !field.response.lost_focus() {
                        field.response.request_focus();
                    }
                }
                Modal::Restore { source } => {
                    title(ui, s.restore_title);
                    body(ui, s.restore_body);
                    if let Some(p) = source {
                        body(ui, &i18n::isolate(&p.display().to_string()));
                    }
                }
                Modal::Message { title: t, body: b } => {
                    title(ui, t);
                    // Each line isolated: an error in English keeps its order in the
                    // Persian UI, and a path keeps its own direction.
                    let lines: Vec<String> = b.lines().map(i18n::isolate).collect();
                    // A long message scrolls; the buttons below stay on screen.
                    let max_h = (ui.ctx().content_rect().height() * 0.6).max(120.0);
                    egui::ScrollArea::vertical()
                        .id_salt("message-body")
                        .max_height(max_h)
                        .show(ui, |ui| body(ui, &lines.join("\n")));
                }
            }
            ui.add_space(6.0);
            choice = widgets::dialog_buttons(ui, labels, rtl);
            // After the buttons: a focused button takes its own Enter first.
            if choice.is_none() {
                let (enter, esc) = ui.input_mut(|i| {
                    (
                        i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                        i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
                    )
                });
                if esc {
                    choice = Some(cancel);
                } else if enter && enter_is_ok {
                    choice = Some(0);
                }
            }
        });
        if choice.is_none() && resp.should_close() {
            choice = Some(cancel);
        }
        let Some(k) = choice else {
            // Still open: keep what was typed.
            self.modal = Some(modal);
            return;
        };
        self.modal = None;
        if let Modal::Restore { .. } = modal {
            if k == 0 {
                self.restore_recovered();
            } else {
                self.discard_recovered();
            }
            return;
        }
        if k == cancel && !matches!(modal, Modal::Message { .. }) {
            // A save waiting behind this dialog is not going to happen.
            self.after_save = None;
            return;
        }
        match modal {
            Modal::Unsaved { then } => {
                if k == 0 {
                    self.after_save = Some(*then);
                    self.commands.push(Command::Save);
                } else {
                    // Discarded: the article counts as saved, and its copy goes.
                    self.doc.dirty = false;
                    self.doc.edits.mark_saved();
                    self.sync_recovery();
                    if *then == Command::Quit {
                        self.allow_close = true;
                    }
                    self.commands.push(*then);
                }
            }
            Modal::Path { purpose, text } => {
                let p = PathBuf::from(text.trim());
                self.commands.push(match purpose {
                    PathPurpose::Open => Command::Open(p),
                    PathPurpose::Save => Command::SaveTo(p),
                    PathPurpose::Export(kind) => Command::ExportTo(kind, p, false),
                });
            }
            Modal::ConfirmOverwrite { then, .. } => self.commands.push(*then),
            Modal::Note { highlight, text } => self.set_highlight_note(highlight, text),
            Modal::Message { .. } | Modal::Restore { .. } => {}
        }
    }

    fn error(&mut self, body: impl Into<String>) {
        self.modal = Some(Modal::Message {
            title: self.strings().error.to_owned(),
            body: body.into(),
        });
    }

    /// Opens an article (.ron) or imports a text file (.txt; the result is unsaved) at once,
    /// without the review (the GUI's File menu imports in the background instead).
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
        let is_ron = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        let result = if is_ron {
            store::load(path).map_err(|e| e.to_string())
        } else {
            crate::import::load_any(path).map_err(|e| format!("{e:#}"))
        };
        match result {
            Ok(article) => {
                // Event files (TimelineJS, CSV) open as new, unsaved articles.
                let own = is_ron.then(|| path.to_path_buf());
                self.set_article(article, own);
                self.doc.dirty = !is_ron;
                self.sync_recovery();
                self.remember(path);
            }
            Err(e) => self.error(e),
        }
    }

    fn set_article(&mut self, article: Article, path: Option<PathBuf>) {
        self.timeline.fit_all(&article);
        self.doc = Document::new(article, path);
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
    fn remember(&mut self, path: &Path) {
        let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.settings.recent.retain(|r| r != &p);
        self.settings.recent.insert(0, p.clone());
        self.settings.recent.truncate(MAX_RECENT);
        self.settings.last_file = Some(p);
    }

    /// Saves to `path`; then runs a command that was waiting for the save (see
    /// [`Modal::Unsaved`]), or drops it if the save failed.
    fn save_to(&mut self, path: &Path) {
        match store::save(&self.doc.article, path) {
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

    /// Writes an export of the open article: the timeline as shown (its visible window,
    /// calendar and direction) or the whole article's data.
    fn export(&mut self, kind: ExportKind, path: &Path, overwrite: bool) {
        use crate::export;
        let a = &self.doc.article;
        let lang = self.settings.lang;
        let mut options = export::ImageOptions::new(lang);
        options.view = Some(self.timeline.visible_range());
        options.theme = self.settings.theme;
        options.direction = self.settings.direction;
        options.calendar = self.settings.calendar;
        let result = match kind {
            ExportKind::TimelineSvg => {
                export::write_timeline_svg_with(a, &options, path, overwrite)
            }
            ExportKind::TimelinePng => {
                export::write_timeline_png_with(a, &options, 1.0, path, overwrite)
            }
            ExportKind::TimelinePng2x => {
                export::write_timeline_png_with(a, &options, 2.0, path, overwrite)
            }
            ExportKind::Csv => export::write_csv(a, path, overwrite),
            ExportKind::TimelineJs => export::write_timelinejs(a, path, overwrite),
            ExportKind::Csl => export::write_csl(a, path, overwrite),
            ExportKind::Html => export::write_html(a, path, overwrite),
        };
        match result {
            Ok(()) => {
                let s = self.strings();
                self.modal = Some(Modal::Message {
                    title: s.exported.to_owned(),
                    body: path.display().to_string(),
                });
            }
            Err(export::ExportError::Exists { .. }) => {
                self.modal = Some(Modal::ConfirmOverwrite {
                    path: path.to_path_buf(),
                    then: Box::new(Command::ExportTo(kind, path.to_path_buf(), true)),
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn native_dialogs(&self) -> bool {
        self.settings.native_dialogs && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
    }

    fn select(&mut self, sel: Selection) {
        if sel == self.selection {
            return;
        }
        self.history.truncate(self.history_pos + 1);
        self.history.push(sel.clone());
        self.history_pos = self.history.len() - 1;
        self.show_selection(sel);
    }

    /// Makes `sel` current and brings it into view in every pane.
    fn show_selection(&mut self, sel: Selection) {
        self.selection = sel;
        let a = &self.doc.article;
        if let Some(e) = self
            .selection
            .event
            .as_ref()
            .and_then(|id| a.event(id.as_str()))
        {
            if let Some((b, r)) = a.resolve(&e.anchor) {
                self.article_view.scroll_to(b, r);
            }
            self.timeline.center_on(e);
        }
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Commands change what the next pass shows (modals, selection, scroll).
            ctx.request_repaint();
        }
        for cmd in commands {
            self.apply(ctx, cmd);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::SetLang(l) => {
                self.settings.lang = l;
                // Time follows the reading direction of the UI; View → Time direction overrides.
                self.settings.direction = if l.is_rtl() {
                    TimeDirection::RightToLeft
                } else {
                    TimeDirection::LeftToRight
                };
            }
            Command::SetTheme(t) => self.settings.theme = t,
            Command::FontSize(s) => {
                self.settings.font_size = s.clamp(FONT_SIZE_RANGE.0, FONT_SIZE_RANGE.1)
            }
            Command::Zoom(z) => {
                // Rounded to the step so repeated steps land on whole percentages.
                let z = (z / ZOOM_STEP).round() * ZOOM_STEP;
                self.settings.zoom = z.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1);
                ctx.set_zoom_factor(self.settings.zoom);
            }
            Command::SetCalendar(c) => self.settings.calendar = c,
            Command::SetDirection(d) => self.settings.direction = d,
            Command::ShowPage(p) => self.page = p,
            Command::Select(sel) => self.select(sel),
            Command::SelectEvent(id) => {
                let source = self.selection.source.clone().filter(|s| {
                    self.doc
                        .article
                        .sources_of_event(id.as_str())
                        .contains(&s.as_str())
                });
                self.select(Selection {
                    event: Some(id),
                    source,
                });
            }
            Command::SelectSource(id) => self.select(Selection {
                event: None,
                source: Some(id),
            }),
            Command::ShowClaim(cid) => {
                let a = &self.doc.article;
                if let Some(c) = a.claims.iter().find(|c| c.id == cid.as_str()) {
                    let source = SourceId::from(c.source.as_str());
                    let target = a.resolve(&c.anchor);
                    let event = c.events.first().map(|e| EventId::from(e.as_str()));
                    self.select(Selection {
                        event,
                        source: Some(source),
                    });
                    if let Some((b, r)) = target {
                        self.article_view.scroll_to(b, r);
                    }
                }
            }
            Command::Back => {
                if self.history_pos > 0 {
                    self.history_pos -= 1;
                    self.show_selection(self.history[self.history_pos].clone());
                }
            }
            Command::Forward => {
                if self.history_pos + 1 < self.history.len() {
                    self.history_pos += 1;
                    self.show_selection(self.history[self.history_pos].clone());
                }
            }
            Command::ToggleLane(l) => {
                if !self.settings.hidden_lanes.remove(&l) {
                    self.settings.hidden_lanes.insert(l);
                }
            }
            Command::ToggleCertainty(c) => {
                if !self.settings.hidden_certainties.remove(&c) {
                    self.settings.hidden_certainties.insert(c);
                }
            }
            Command::SetOnlySource(b) => self.only_selected_source = b,
            Command::SetLane(event, category) => {
                let same = self
                    .doc
                    .article
                    .event(event.as_str())
                    .is_some_and(|e| e.category == category.as_str());
                if !same {
                    self.apply_edit(Edit::SetCategory {
                        event: event.0,
                        category: category.0,
                    });
                }
            }
            Command::Edit(edit) => self.apply_edit(*edit),
            Command::Undo => self.undo_redo(false),
            Command::Redo => self.undo_redo(true),
            Command::OpenEditor => {
                if self.selection.event.is_some() {
                    self.page = Page::Article;
                    self.editor.get_or_insert_with(Default::default);
                }
            }
            Command::CloseEditor => self.editor = None,
            Command::FromSelection { block, range, what } => {
                self.make_from_selection(block, range, what);
            }
            Command::OpenNote(id) => self.open_note(id),
            Command::EditEvent(id) => {
                self.apply(ctx, Command::SelectEvent(id));
                self.editor.get_or_insert_with(Default::default);
            }
            Command::OpenFind => {
                self.page = Page::Article;
                self.article_view.open_find();
            }
            Command::OpenDialog | Command::OpenBuiltin | Command::ImportDialog
                if self.doc.is_dirty() =>
            {
                self.modal = Some(Modal::Unsaved {
                    then: Box::new(cmd),
                });
            }
            Command::OpenDialog | Command::ImportDialog => {
                if self.native_dialogs() {
                    let exts: &[&str] = if cmd == Command::ImportDialog {
                        &["txt"]
                    } else {
                        &["ron", "txt"]
                    };
                    if let Some(p) = rfd::FileDialog::new()
                        .add_filter("Gahnegar", exts)
                        .pick_file()
                    {
                        self.commands.push(if cmd == Command::ImportDialog {
                            Command::Import(p)
                        } else {
                            Command::Open(p)
                        });
                    }
                } else {
                    self.modal = Some(Modal::Path {
                        purpose: PathPurpose::Open,
                        text: String::new(),
                    });
                }
            }
            Command::PasteArticle => {
                if self.doc.is_dirty() {
                    self.modal = Some(Modal::Unsaved {
                        then: Box::new(Command::PasteArticle),
                    });
                } else {
                    self.paste_wait = 3;
                    self.take_paste(ctx);
                }
            }
            Command::Open(p) if is_text_file(&p) => self.apply(ctx, Command::Import(p)),
            Command::Import(p) => {
                if self.doc.is_dirty() {
                    self.modal = Some(Modal::Unsaved {
                        then: Box::new(Command::Import(p)),
                    });
                } else {
                    self.import_job = Some(review::ImportJob::start(&p, ctx));
                }
            }
            Command::Open(p) => {
                if self.doc.is_dirty() {
                    self.modal = Some(Modal::Unsaved {
                        then: Box::new(Command::Open(p)),
                    });
                } else {
                    self.open_path(&p);
                }
            }
            Command::OpenBuiltin => self.set_article(store::builtin(), None),
            Command::Save => match self
                .doc
                .path
                .clone()
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            {
                Some(p) => self.save_to(&p),
                None => self.apply(ctx, Command::SaveAsDialog),
            },
            Command::SaveAsDialog => {
                if self.native_dialogs() {
                    match rfd::FileDialog::new()
                        .add_filter("Gahnegar", &["ron"])
                        .set_file_name("article.ron")
                        .save_file()
                    {
                        Some(p) => self.save_to(&p),
                        None => self.after_save = None,
                    }
                } else {
                    let text = self
                        .doc
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    self.modal = Some(Modal::Path {
                        purpose: PathPurpose::Save,
                        text,
                    });
                }
            }
            // Saving over another existing file asks first (the native dialog asks itself).
            Command::SaveTo(p) if p.exists() && self.doc.path.as_ref() != Some(&p) => {
                self.modal = Some(Modal::ConfirmOverwrite {
                    path: p.clone(),
                    then: Box::new(Command::SaveOver(p)),
                });
            }
            Command::SaveTo(p) | Command::SaveOver(p) => self.save_to(&p),
            Command::ExportDialog(kind) => {
                let ext = kind.extension();
                let stem = self
                    .doc
                    .path
                    .as_ref()
                    .and_then(|p| p.file_stem())
                    .map_or_else(
                        || "gahnegar".to_owned(),
                        |s| s.to_string_lossy().into_owned(),
                    );
                let name = format!("{stem}.{ext}");
                if self.native_dialogs() {
                    // The native dialog asks before replacing a file itself.
                    if let Some(p) = rfd::FileDialog::new()
                        .add_filter(ext, &[ext])
                        .set_file_name(&name)
                        .save_file()
                    {
                        self.commands.push(Command::ExportTo(kind, p, true));
                    }
                } else {
                    let dir = self
                        .doc
                        .path
                        .as_ref()
                        .and_then(|p| p.parent())
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    self.modal = Some(Modal::Path {
                        purpose: PathPurpose::Export(kind),
                        text: dir.join(name).display().to_string(),
                    });
                }
            }
            Command::ExportTo(kind, path, overwrite) => self.export(kind, &path, overwrite),
            Command::Quit => {
                if self.doc.is_dirty() && !self.allow_close {
                    self.modal = Some(Modal::Unsaved {
                        then: Box::new(Command::Quit),
                    });
                } else {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
        self.settings.timeline = Some(self.timeline.clone());
    }
}

impl eframe::App for GahnegarApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.timeline = Some(self.timeline.clone());
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// A menu's contents in the UI's direction: right-aligned in the right-to-left UI. The
/// sizing pass (a menu measuring itself) stays left-aligned, or the menu would take the
/// whole width it is measured in.
fn menu_column<R>(ui: &mut Ui, rtl: bool, f: impl FnOnce(&mut Ui) -> R) -> R {
    let align = if rtl && !ui.is_sizing_pass() {
        EAlign::Max
    } else {
        EAlign::Min
    };
    ui.with_layout(Layout::top_down_justified(align), f).inner
}

/// Keeps the first of each path in `recent` (lists saved by older versions may repeat
/// one), at most [`MAX_RECENT`].
fn dedupe_recent(recent: &mut Vec<PathBuf>) {
    let mut seen = HashSet::new();
    recent.retain(|p| seen.insert(p.clone()));
    recent.truncate(MAX_RECENT);
}

/// Whether `path` names a text file to import (by its extension).
/// The system clipboard's HTML, else its text (arboard; `None` where there is none).
fn system_clipboard() -> Option<String> {
    let mut board = arboard::Clipboard::new().ok()?;
    board.get().html().ok().or_else(|| board.get_text().ok())
}

fn lang_text(lang: Lang, fa: &str, en: &str) -> String {
    if lang == Lang::Fa { fa } else { en }.to_owned()
}

/// Whether `path` is imported through the review (text, a saved web page or a PDF) rather
/// than opened: told by its first bytes, as `import::sniff` tells them, then its extension.
fn is_text_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The first 4 KB tell; a file that cannot be read is told by its extension.
    let mut head = Vec::with_capacity(4096);
    if let Ok(f) = std::fs::File::open(path) {
        let _ = std::io::Read::read_to_end(&mut std::io::Read::take(f, 4096), &mut head);
    }
    matches!(
        crate::import::sniff(&head, &ext),
        crate::import::FileKind::Text
            | crate::import::FileKind::Html
            | crate::import::FileKind::Pdf
    )
}

/// Runs the GUI, opening `path` (a `.ron` article or a `.txt` to import) or the
/// built-in article when `None`. Returns when the window closes.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(i18n::FA.app_name)
            .with_app_id("gahnegar")
            .with_inner_size([1320.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        i18n::FA.app_name,
        options,
        Box::new(move |cc| {
            let app = GahnegarApp::new(cc.storage, path);
            Ok(Box::new(match eframe::storage_dir("gahnegar") {
                Some(dir) => app.with_recovery(&dir),
                None => app,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
