//! The eframe application: the right-to-left shell, menus, dialogs, and the three linked
//! panes (article, timeline, sources).
//!
//! Panes draw from the model and keep only view state; they return actions that become
//! [`Command`]s, applied after the pass, so the panes share one selection without
//! borrowing each other.

pub mod article;
pub mod categories;
pub mod command;
mod dialogs;
mod document;
pub mod edit_panel;
mod editing;
mod files;
pub mod i18n;
mod jobs;
pub mod library;
pub mod library_sources;
pub mod library_timeline;
mod menus;
mod reimport;
pub mod review;
pub mod sample;
mod settings;
mod source_dialogs;
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
pub use dialogs::Modal;
pub use document::{DocIndex, Document, Selection};
pub use files::{ExportKind, PathPurpose};
use files::{dedupe_recent, is_text_file};
pub use i18n::Lang;
pub use settings::Settings;
use sources::{SourcesAction, SourcesInput};
pub use theme::Theme;
use timeline::{CalendarMode, TimeDirection, TimelineAction, TimelineInput, TimelineView};

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
    /// The library: many articles, their merged timeline and sources.
    Library,
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
    /// Open (or close) the categories panel.
    OpenCategories,
    CloseCategories,
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
    /// A command of the library view.
    Library(library::LibraryCommand),
    /// Ask for a changed text of the open article to re-import into it.
    ReimportDialog,
    /// Re-import a changed text of the open article through the review, keeping the
    /// reader's work.
    Reimport(PathBuf),
    Quit,
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
    /// An open or export running in the background, with its progress dialog.
    file_job: Option<jobs::FileJob>,
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
    /// The categories panel, when open (in the sources panel's place).
    pub categories: Option<categories::CategoriesPanel>,
    /// The worker keeping the recovery file of unsaved edits (see [`GahnegarApp::with_recovery`]).
    recovery: Option<crate::recovery::Recovery>,
    /// A recovery file found at start, while the reader decides about it.
    recovered: Option<Box<crate::recovery::Recovered>>,
    /// The library view.
    pub library: library::LibraryView,
    /// Library commands waiting for the library to finish opening or adding.
    pending_library: Vec<library::LibraryCommand>,
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
            file_job: None,
            paste_wait: 0,
            review: None,
            commands: Vec::new(),
            ctx_ready: false,
            applied: None,
            shown_title: String::new(),
            allow_close: false,
            after_save: None,
            editor: None,
            categories: None,
            recovery: None,
            recovered: None,
            library: library::LibraryView::default(),
            pending_library: Vec::new(),
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
        if path.is_none() && app.settings.library_at_start {
            // The library was shown when the app was last closed: it opens again.
            app.commands
                .push(Command::Library(library::LibraryCommand::Show(None)));
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
        self.file_job_ui(&ctx);
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
                    if let Some(r) = self.review.take_if(|r| r.reimport) {
                        self.merge_reimport(r.accepted_article());
                    } else if let Some(r) = self.review.take() {
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
        } else if self.page == Page::Library {
            self.library_page_ui(ui);
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
                    if self.categories.is_some() {
                        self.categories_ui(ui);
                    } else if self.editor.is_some() && self.selection.event.is_some() {
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
                SourcesAction::SetClaimCertainty(c, certainty) => {
                    Command::Edit(Box::new(Edit::SetCertainty {
                        item: crate::model::edit::Item::Claim(c.as_str().to_owned()),
                        certainty,
                    }))
                }
            });
        }
    }

    /// The command table's shortcuts (see [`command::UiCommand`]), then Esc.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        self.take_paste(ctx);
        // While a dialog is open its field owns the keyboard.
        let fired = if self.modal.is_none() && self.file_job.is_none() {
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

    fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: Box::new(Command::Quit),
            });
        }
    }

    /// Whether an open or an export is running in the background (its progress dialog is
    /// up and the rest of the window waits).
    pub fn file_job_running(&self) -> bool {
        self.file_job.is_some()
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
            Command::OpenCategories => {
                self.categories.get_or_insert_with(Default::default);
            }
            Command::CloseCategories => self.categories = None,
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
                    // Every kind Gahnegar reads; Import offers what is imported (not
                    // articles).
                    let exts: Vec<&str> = crate::import::EXTENSIONS
                        .into_iter()
                        .filter(|e| cmd != Command::ImportDialog || *e != "ron")
                        .collect();
                    if let Some(p) = rfd::FileDialog::new()
                        .add_filter("Gahnegar", &exts)
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
            Command::Library(c) => self.apply_library(c),
            Command::Import(p) => {
                if self.doc.is_dirty() {
                    self.modal = Some(Modal::Unsaved {
                        then: Box::new(Command::Import(p)),
                    });
                } else {
                    self.import_job = Some(review::ImportJob::start(&p, ctx));
                }
            }
            Command::Open(p) => match files::sniff_path(&p) {
                // A Telegram export is a library of its own (one article a post).
                crate::import::FileKind::Telegram => {
                    self.modal = Some(Modal::AddToLibrary { path: p });
                }
                kind if files::goes_through_review(kind) => self.apply(ctx, Command::Import(p)),
                _ if self.doc.is_dirty() => {
                    self.modal = Some(Modal::Unsaved {
                        then: Box::new(Command::Open(p)),
                    });
                }
                _ => {
                    if self.file_job.is_none() {
                        self.file_job = Some(jobs::FileJob::open(&p, ctx));
                    }
                }
            },
            Command::OpenBuiltin => self.set_article(store::builtin(), None),
            Command::ReimportDialog => self.reimport_dialog(),
            Command::Reimport(p) => self.start_reimport(&p, ctx),
            Command::Save => match self
                .doc
                .path
                .clone()
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            {
                Some(p) => self.save_to(&p, ctx),
                None => self.apply(ctx, Command::SaveAsDialog),
            },
            Command::SaveAsDialog => {
                if self.native_dialogs() {
                    match rfd::FileDialog::new()
                        .add_filter("Gahnegar", &["ron"])
                        .set_file_name("article.ron")
                        .save_file()
                    {
                        Some(p) => self.save_to(&p, ctx),
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
            Command::SaveTo(p) | Command::SaveOver(p) => self.save_to(&p, ctx),
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
            Command::ExportTo(kind, path, overwrite) => self.export(kind, &path, overwrite, ctx),
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
        self.settings.library_at_start = self.page == Page::Library;
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

fn lang_text(lang: Lang, fa: &str, en: &str) -> String {
    if lang == Lang::Fa { fa } else { en }.to_owned()
}

/// Runs the GUI, opening `path` (a `.ron` article or a `.txt` to import) or the
/// built-in article when `None`, or with `library` the library in that folder. Returns
/// when the window closes.
pub fn run(path: Option<PathBuf>, library: Option<PathBuf>) -> anyhow::Result<()> {
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
            let mut app = GahnegarApp::new(cc.storage, path);
            if let Some(dir) = library {
                app.push(Command::Library(library::LibraryCommand::Show(Some(dir))));
            }
            Ok(Box::new(match eframe::storage_dir("gahnegar") {
                Some(dir) => app.with_recovery(&dir),
                None => app,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
