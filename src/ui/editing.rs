//! The app's side of editing: applying the reader's edits through the history (undo and
//! redo), keeping the panes' caches and the recovery file in step, the command table's
//! actions, the Edit menu, and restoring a recovery file at start.

use std::path::Path;

use egui::Ui;

use super::article::SelectionAction;
use super::command::UiCommand;
use super::{Command, GahnegarApp, Lang, Modal, Page, Selection, ZOOM_STEP, widgets};
use crate::model::edit::{Edit, Item};
use crate::model::{Anchor, Article, Event, FuzzyDate, Highlight, Origin, category};
use crate::persian::tagger::{DocContext, Tagger};
use crate::recovery::{self, Recovery};

/// Most characters of a selection a new event's title keeps.
const TITLE_CHARS: usize = 60;

/// The date of a passage: the first date in the selected words, else the last date of
/// the paragraph before the selection ends (what the passage is talking about), else the
/// document's own date. `None` when there is none of these.
pub fn guess_date(
    article: &Article,
    block: usize,
    range: std::ops::Range<usize>,
) -> Option<FuzzyDate> {
    let text = &article.blocks.get(block)?.text;
    let doc = DocContext {
        date: article.meta.date,
        calendar: None,
    };
    let selected = text.get(range.clone())?;
    if let Some(d) = Tagger::with_context(doc.clone())
        .tag(selected)
        .into_iter()
        .next()
    {
        return Some(d.date);
    }
    let before = Tagger::with_context(doc)
        .tag(text)
        .into_iter()
        .rfind(|d| d.range.start < range.end);
    before
        .map(|d| d.date)
        .or_else(|| article.meta.date.map(|d| FuzzyDate::day(d, String::new())))
}

impl GahnegarApp {
    /// Keeps a recovery file of unsaved edits in `dir` from now on, and offers the one a
    /// crashed or killed run left there.
    #[must_use]
    pub fn with_recovery(mut self, dir: &Path) -> Self {
        match recovery::find(dir) {
            Some(Ok(found)) => {
                self.modal = Some(Modal::Restore {
                    source: found.source.clone(),
                });
                self.recovered = Some(Box::new(found));
            }
            Some(Err(e)) => self.error(e.to_string()),
            None => {}
        }
        match Recovery::start(dir) {
            Ok(r) => self.recovery = Some(r),
            Err(e) => self.error(format!("{}: {e}", dir.display())),
        }
        self
    }

    /// Applies a reader's edit through the history; a refused one is shown, not applied.
    pub(super) fn apply_edit(&mut self, edit: Edit) {
        let doc = &mut self.doc;
        match doc.edits.apply(&mut doc.article, edit) {
            Ok(()) => self.edited(),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Undoes (`redo` false) or redoes the last edit.
    pub(super) fn undo_redo(&mut self, redo: bool) {
        let doc = &mut self.doc;
        let done = if redo {
            doc.edits.redo(&mut doc.article)
        } else {
            doc.edits.undo(&mut doc.article)
        };
        match done {
            Ok(Some(_)) => self.edited(),
            Ok(None) => {}
            Err(e) => self.error(e.to_string()),
        }
    }

    /// After the article changed: what is derived from it is derived again, a selection of
    /// what is gone is dropped, and the recovery file follows.
    fn edited(&mut self) {
        let a = &self.doc.article;
        self.doc.index = super::DocIndex::new(a);
        self.timeline.invalidate();
        self.article_view.article_changed();
        let sel = &self.selection;
        let event_gone = sel.event_id().is_some_and(|e| a.event(e).is_none());
        let source_gone = sel.source_id().is_some_and(|s| a.source(s).is_none());
        if event_gone || source_gone {
            self.selection = Selection {
                event: sel.event.clone().filter(|_| !event_gone),
                source: sel.source.clone().filter(|_| !source_gone),
            };
        }
        self.sync_recovery();
    }

    /// Writes the recovery copy when there are unsaved changes, else removes it.
    pub(super) fn sync_recovery(&self) {
        if let Some(r) = &self.recovery {
            if self.doc.is_dirty() {
                r.changed(&self.doc.article, self.doc.path.as_deref());
            } else {
                r.clear();
            }
        }
    }

    /// Takes the article of the recovery file as the open one (unsaved, with its file).
    pub(super) fn restore_recovered(&mut self) {
        if let Some(found) = self.recovered.take() {
            let path = found.source.filter(|p| p.exists());
            self.set_article(found.article, path);
            self.doc.dirty = true;
            self.sync_recovery();
        }
    }

    /// Declines the recovery file: it is removed.
    pub(super) fn discard_recovered(&mut self) {
        self.recovered = None;
        if let Some(r) = &self.recovery {
            r.clear();
        }
    }

    /// What a command of the table does.
    pub(super) fn run_ui_command(&mut self, c: UiCommand) {
        let zoom = self.settings.zoom;
        let cmd = match c {
            UiCommand::Open => Command::OpenDialog,
            UiCommand::ImportText => Command::ImportDialog,
            UiCommand::ReimportText => Command::ReimportDialog,
            UiCommand::PasteArticle => Command::PasteArticle,
            UiCommand::ShowLibrary => {
                if self.page == Page::Library {
                    Command::ShowPage(Page::Article)
                } else {
                    Command::Library(super::library::LibraryCommand::Show(None))
                }
            }
            UiCommand::AddToLibrary => Command::Library(super::library::LibraryCommand::AddDialog),
            UiCommand::Save => Command::Save,
            UiCommand::SaveAs => Command::SaveAsDialog,
            UiCommand::Quit => Command::Quit,
            UiCommand::Undo => Command::Undo,
            UiCommand::Redo => Command::Redo,
            UiCommand::EditEvent => Command::OpenEditor,
            UiCommand::EditCategories => Command::OpenCategories,
            UiCommand::DeleteEvent => match self.selection.event.clone() {
                Some(event) => Command::Edit(Box::new(Edit::DeleteEvent { event: event.0 })),
                None => return,
            },
            UiCommand::Find => {
                if self.article_view.find.open && !self.article_view.find.matches.is_empty() {
                    self.article_view.find_step(true);
                    return;
                }
                Command::OpenFind
            }
            UiCommand::Back => Command::Back,
            UiCommand::Forward => Command::Forward,
            UiCommand::ZoomIn => Command::Zoom(zoom + ZOOM_STEP),
            UiCommand::ZoomOut => Command::Zoom(zoom - ZOOM_STEP),
            UiCommand::ZoomReset => Command::Zoom(1.0),
            UiCommand::FontLarger => Command::FontSize(self.settings.font_size + 1.0),
            UiCommand::FontSmaller => Command::FontSize(self.settings.font_size - 1.0),
            UiCommand::ToggleTheme => Command::SetTheme(self.settings.theme.toggled()),
            UiCommand::ToggleLanguage => Command::SetLang(if self.settings.lang == Lang::Fa {
                Lang::En
            } else {
                Lang::Fa
            }),
        };
        self.commands.push(cmd);
    }

    /// Makes what the reader chose of words selected in the article: an event anchored on
    /// them (then selected, its edit panel open), a highlight, or a highlight with a note.
    pub(super) fn make_from_selection(
        &mut self,
        block: usize,
        range: std::ops::Range<usize>,
        what: SelectionAction,
    ) {
        let a = &self.doc.article;
        let Some(b) = a.blocks.get(block) else { return };
        let anchor = Anchor::from_range(b.id.clone(), &b.text, range.clone());
        if anchor.exact.trim().is_empty() {
            return;
        }
        match what {
            SelectionAction::NewEvent => {
                let Some(date) = guess_date(a, block, range) else {
                    let fa = self.settings.lang == Lang::Fa;
                    self.error(if fa {
                        "در این بخش تاریخی پیدا نشد؛ بخشی را برگزینید که تاریخی در آن باشد."
                    } else {
                        "No date was found here; select words that state a date."
                    });
                    return;
                };
                let category = if a.category_index(category::OTHER).is_some() {
                    category::OTHER.to_owned()
                } else {
                    a.categories
                        .first()
                        .map(|c| c.id.clone())
                        .unwrap_or_default()
                };
                let title: String = anchor.exact.chars().take(TITLE_CHARS).collect();
                let id = a.fresh_id("e");
                let event = Event {
                    id: id.clone(),
                    date,
                    category,
                    label: title.trim().to_owned(),
                    anchor,
                    certainty: crate::model::Certainty::default(),
                    origin: Origin::Manual,
                    note: String::new(),
                };
                let at = a.events.len();
                self.commands.push(Command::Edit(Box::new(Edit::AddEvent {
                    event,
                    at,
                    claims: Vec::new(),
                })));
                self.commands.push(Command::EditEvent(id.into()));
            }
            SelectionAction::NewSource => self.ask_new_source(anchor),
            SelectionAction::Claim => self.ask_claim_source(anchor),
            SelectionAction::Highlight | SelectionAction::Note => {
                let id = a.fresh_id("h");
                let at = a.highlights.len();
                self.commands
                    .push(Command::Edit(Box::new(Edit::AddHighlight {
                        highlight: Highlight {
                            id: id.clone(),
                            anchor,
                            note: String::new(),
                        },
                        at,
                    })));
                if what == SelectionAction::Note {
                    self.commands.push(Command::OpenNote(id));
                }
            }
        }
    }

    /// Opens the note dialog of a highlight.
    pub(super) fn open_note(&mut self, id: String) {
        if let Some(h) = self.doc.article.highlights.iter().find(|h| h.id == id) {
            self.modal = Some(Modal::Note {
                text: h.note.clone(),
                highlight: id,
            });
        }
    }

    /// The note dialog was closed with OK: the note is set (undoably) if it changed.
    pub(super) fn set_highlight_note(&mut self, id: String, text: String) {
        let same = self
            .doc
            .article
            .highlights
            .iter()
            .any(|h| h.id == id && h.note == text);
        if !same {
            self.apply_edit(Edit::SetNote {
                item: Item::Highlight(id),
                note: text,
            });
        }
    }

    /// Whether a command can run now (menus grey out the others).
    fn enabled(&self, c: UiCommand) -> bool {
        match c {
            UiCommand::Undo => self.doc.edits.undo_name().is_some(),
            UiCommand::Redo => self.doc.edits.redo_name().is_some(),
            UiCommand::EditEvent | UiCommand::DeleteEvent => self.selection.event.is_some(),
            UiCommand::Back => self.history_pos > 0,
            UiCommand::Forward => self.history_pos + 1 < self.history.len(),
            _ => true,
        }
    }

    /// A menu row for a command: its text (for Undo and Redo with the edit's name) and its
    /// shortcut, drawn with the text engine; runs the command when clicked.
    pub(super) fn command_row(&mut self, ui: &mut Ui, c: UiCommand) {
        let lang = self.settings.lang;
        let rtl = lang.is_rtl();
        let fa = lang == Lang::Fa;
        let name = match c {
            UiCommand::Undo => self.doc.edits.undo_name(),
            UiCommand::Redo => self.doc.edits.redo_name(),
            _ => None,
        };
        let mut text = match name {
            Some(n) => format!("{}: {}", c.text(lang), n.get(fa)),
            None => c.text(lang).to_owned(),
        };
        let label = text.clone();
        if let Some(s) = c.shortcut_text(ui.ctx()) {
            text.push_str("    ");
            text.push_str(&super::i18n::isolate(&s));
        }
        let enabled = self.enabled(c);
        let color = if enabled {
            ui.visuals().text_color()
        } else {
            ui.visuals().weak_text_color()
        };
        let job = widgets::control_job(&text, color, rtl);
        let clicked = ui
            .add_enabled_ui(enabled, |ui| {
                widgets::text_row(ui, &job, false, false, &label, rtl).clicked()
            })
            .inner;
        if clicked {
            self.run_ui_command(c);
            ui.close();
        }
    }

    /// The Edit menu: undo and redo with the edits' names, then the selected event's
    /// commands.
    pub(super) fn edit_menu_ui(&mut self, ui: &mut Ui) {
        ui.set_min_width(240.0);
        self.command_row(ui, UiCommand::Undo);
        self.command_row(ui, UiCommand::Redo);
        ui.separator();
        self.command_row(ui, UiCommand::EditEvent);
        self.command_row(ui, UiCommand::DeleteEvent);
        ui.separator();
        self.command_row(ui, UiCommand::EditCategories);
    }
}
