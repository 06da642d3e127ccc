//! The app's dialogs: what each holds, and drawing the open one.

use super::*;

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
    /// A new source named by words selected in the article (`anchor`), its name and kind
    /// as chosen so far.
    NewSource {
        anchor: crate::model::Anchor,
        name: String,
        kind: crate::model::SourceKind,
    },
    /// Words selected in the article (`anchor`) as a claim of the source chosen so far.
    Claim {
        anchor: crate::model::Anchor,
        source: String,
    },
    /// A recovery file of unsaved edits was found at start: restore it?
    Restore {
        /// The file its article came from.
        source: Option<PathBuf>,
    },
    /// A Telegram export (one article a post) was opened: add it to the library?
    AddToLibrary {
        path: PathBuf,
    },
}

impl GahnegarApp {
    /// The open dialog: its text with the engine in the UI's direction, its buttons in the
    /// platform's order for that direction ([`widgets::dialog_buttons`]); Enter chooses the
    /// primary action, Esc (or a click outside) cancels.
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
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
            Modal::Note { .. } | Modal::NewSource { .. } | Modal::Claim { .. } => &[s.ok, s.cancel],
            Modal::AddToLibrary { .. } => &[
                library::tr(lang, "افزودن به کتابخانه", "Add to library"),
                s.cancel,
            ],
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
                        PathPurpose::Reimport => reimport::PROMPT.get(lang == Lang::Fa),
                        PathPurpose::Save | PathPurpose::Export(_) => s.path_prompt_save,
                        PathPurpose::AddToLibrary => library::tr(
                            lang,
                            "مسیر پرونده یا پوشه‌ای که به کتابخانه افزوده شود:",
                            "Path of a file or folder to add to the library:",
                        ),
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
                Modal::AddToLibrary { path } => {
                    title(ui, library::tr(lang, "برون‌بری تلگرام", "A Telegram export"));
                    body(
                        ui,
                        library::tr(
                            lang,
                            "این پرونده پست‌های یک کانال است، هر پست یک نوشته: همه به کتابخانه افزوده شوند؟",
                            "This file holds a channel's posts, one article each: add them all to the library?",
                        ),
                    );
                    body(ui, &i18n::isolate(&path.display().to_string()));
                }
                Modal::NewSource { name, kind, .. } => {
                    Self::new_source_ui(ui, name, kind, lang, DIALOG_WIDTH);
                }
                Modal::Claim { anchor, source } => {
                    Self::claim_ui(ui, &self.doc.article, anchor, source, lang, DIALOG_WIDTH);
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
                    PathPurpose::Reimport => Command::Reimport(p),
                    PathPurpose::Save => Command::SaveTo(p),
                    PathPurpose::Export(kind) => Command::ExportTo(kind, p, false),
                    PathPurpose::AddToLibrary => {
                        Command::Library(library::LibraryCommand::Add(vec![p]))
                    }
                });
            }
            Modal::ConfirmOverwrite { then, .. } => self.commands.push(*then),
            Modal::Note { highlight, text } => self.set_highlight_note(highlight, text),
            Modal::AddToLibrary { path, .. } => self
                .commands
                .push(Command::Library(library::LibraryCommand::Add(vec![path]))),
            Modal::NewSource { anchor, name, kind } => self.add_source_from(anchor, &name, kind),
            Modal::Claim { anchor, source } => self.add_claim_from(anchor, source),
            Modal::Message { .. } | Modal::Restore { .. } => {}
        }
    }

    pub(super) fn error(&mut self, body: impl Into<String>) {
        self.modal = Some(Modal::Message {
            title: self.strings().error.to_owned(),
            body: body.into(),
        });
    }
}
