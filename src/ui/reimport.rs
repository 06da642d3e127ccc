//! File → Re-import text…: a changed text of the open article goes through the import
//! review, then into the article with the reader's work carried over and re-anchored
//! (`model::reimport`), as one undoable edit; what could not be found again is kept,
//! listed with the article's problems, and counted in a message.

use super::*;
use crate::model::edit::Name;
use crate::model::reimport::{ReimportReport, reimport};

/// The path prompt of the in-app dialog.
pub const PROMPT: Name = Name {
    fa: "مسیر متن تازهٔ این نوشته:",
    en: "Path of this article's changed text:",
};

/// The review's accept button for a re-import.
pub const MERGE: Name = Name {
    fa: "ادغام در نوشتهٔ باز",
    en: "Merge into the open article",
};

/// The message's title.
const TITLE: Name = Name {
    fa: "درون‌ریزی دوباره",
    en: "Re-import",
};

impl GahnegarApp {
    /// Asks for the changed text (native dialog, or the in-app prompt).
    pub(super) fn reimport_dialog(&mut self) {
        if self.native_dialogs() {
            if let Some(p) = rfd::FileDialog::new()
                .add_filter("Gahnegar", &["txt"])
                .pick_file()
            {
                self.commands.push(Command::Reimport(p));
            }
        } else {
            self.modal = Some(Modal::Path {
                purpose: PathPurpose::Reimport,
                text: String::new(),
            });
        }
    }

    /// Imports `path` in the background for a review that merges into the open article.
    /// The open article stays as it is (nothing to save first).
    pub(super) fn start_reimport(&mut self, path: &Path, ctx: &egui::Context) {
        let mut job = review::ImportJob::start(path, ctx);
        job.reimport = true;
        self.import_job = Some(job);
    }

    /// The reviewed import `new` into the open article, the reader's work carried over, as
    /// one undoable edit; then a message of what was found again and what was not.
    pub(super) fn merge_reimport(&mut self, new: Article) {
        let (merged, report) = reimport(&self.doc.article, new);
        self.apply_edit(Edit::Replace(Box::new(merged)));
        if self.modal.is_none() {
            let lang = self.settings.lang;
            self.modal = Some(Modal::Message {
                title: TITLE.get(lang == Lang::Fa).to_owned(),
                body: report_text(&report, lang),
            });
        }
    }
}

/// What a re-import did, in `lang`: anchors found again (how many had changed), and the
/// orphans kept.
pub fn report_text(r: &ReimportReport, lang: Lang) -> String {
    let found = r.exact + r.by_context + r.fuzzy;
    let changed = r.by_context + r.fuzzy;
    let orphans = r.orphaned.len();
    if lang == Lang::Fa {
        let mut t = format!(
            "{} نشانی دوباره پیدا شد ({} با متنی تغییریافته).",
            lang.num(found),
            lang.num(changed)
        );
        if orphans > 0 {
            t.push_str(&format!(
                " {} مورد در متن تازه پیدا نشد و نگه داشته شد؛ در فهرست مشکلات آمده است.",
                lang.num(orphans)
            ));
        }
        t
    } else {
        let mut t = format!("{found} anchors found again ({changed} on changed text).");
        if orphans > 0 {
            t.push_str(&format!(
                " {orphans} not found in the new text, kept and listed under Problems."
            ));
        }
        t
    }
}
