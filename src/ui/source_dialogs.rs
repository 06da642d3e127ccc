//! Sources from the article's text: a new source named by words selected in the article
//! (its name and kind asked in a dialog, the selection its first mention), and the
//! selected words as a claim of an existing source (chosen in a dialog), linked to the
//! events dated inside them. Each is one undoable edit.

use egui::Ui;

use super::{Command, GahnegarApp, Lang, Modal, widgets};
use crate::model::edit::Edit;
use crate::model::{Anchor, Article, Certainty, Claim, ClaimKind, Source, SourceKind};
use crate::text::TextField;

/// A source kind's name (singular) in `lang`.
pub fn kind_name(kind: SourceKind, lang: Lang) -> &'static str {
    match (kind, lang == Lang::Fa) {
        (SourceKind::Outlet, true) => "رسانه",
        (SourceKind::Institution, true) => "نهاد",
        (SourceKind::Official, true) => "مقام رسمی",
        (SourceKind::Unnamed, true) => "منبع بی‌نام",
        (SourceKind::Outlet, false) => "Outlet",
        (SourceKind::Institution, false) => "Institution",
        (SourceKind::Official, false) => "Official",
        (SourceKind::Unnamed, false) => "Unnamed source",
    }
}

/// The dialogs' texts: (Persian, English).
const NEW_SOURCE: (&str, &str) = ("منبع تازه", "New source");
const NAME: (&str, &str) = ("نام منبع", "Source name");
const KIND: (&str, &str) = ("گونه", "Kind");
const CLAIM: (&str, &str) = ("افزودن به‌عنوان ادعای منبع", "Add as a claim of a source");
const SOURCE: (&str, &str) = ("منبع", "Source");
const NO_SOURCES: (&str, &str) = (
    "این نوشته هنوز منبعی ندارد؛ نخست «منبع تازه» بسازید.",
    "This article has no source yet; make a «New source» first.",
);

fn pick(t: (&'static str, &'static str), lang: Lang) -> &'static str {
    if lang == Lang::Fa { t.0 } else { t.1 }
}

/// The sources of `article` as combo box options: (id, name).
fn source_options(article: &Article) -> Vec<(String, String)> {
    article
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect()
}

impl GahnegarApp {
    /// Opens the new-source dialog for `anchor` (the selected words).
    pub(super) fn ask_new_source(&mut self, anchor: Anchor) {
        let name = anchor
            .exact
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.modal = Some(Modal::NewSource {
            anchor,
            name,
            kind: SourceKind::Outlet,
        });
    }

    /// Opens the claim dialog for `anchor`, the selected source (or the first) chosen.
    pub(super) fn ask_claim_source(&mut self, anchor: Anchor) {
        let a = &self.doc.article;
        let Some(first) = a.sources.first() else {
            let msg = pick(NO_SOURCES, self.settings.lang);
            self.error(msg);
            return;
        };
        let source = self
            .selection
            .source
            .as_ref()
            .map(|s| s.as_str().to_owned())
            .filter(|id| a.source(id).is_some())
            .unwrap_or_else(|| first.id.clone());
        self.modal = Some(Modal::Claim { anchor, source });
    }

    /// The new-source dialog's body: the name field and the kind.
    pub(super) fn new_source_ui(
        ui: &mut Ui,
        name: &mut String,
        kind: &mut SourceKind,
        lang: Lang,
        width: f32,
    ) {
        let rtl = lang.is_rtl();
        let ink = ui.visuals().text_color();
        let muted = ui.visuals().weak_text_color();
        widgets::header(
            ui,
            &widgets::control_job(pick(NEW_SOURCE, lang), ink, rtl)
                .size(17.0)
                .weight(700.0),
            rtl,
        );
        widgets::header(ui, &widgets::control_job(pick(NAME, lang), muted, rtl), rtl);
        let field = TextField::singleline(name)
            .width(width)
            .id_salt("new-source-name")
            .label(pick(NAME, lang))
            .show(ui);
        if !field.response.has_focus() && !field.response.lost_focus() && name.is_empty() {
            field.response.request_focus();
        }
        widgets::header(ui, &widgets::control_job(pick(KIND, lang), muted, rtl), rtl);
        for k in SourceKind::ALL {
            if widgets::radio(ui, *kind == k, kind_name(k, lang), rtl).clicked() {
                *kind = k;
            }
        }
    }

    /// The claim dialog's body: the quote and the source to credit it to.
    pub(super) fn claim_ui(
        ui: &mut Ui,
        article: &Article,
        anchor: &Anchor,
        source: &mut String,
        lang: Lang,
        width: f32,
    ) {
        let rtl = lang.is_rtl();
        let ink = ui.visuals().text_color();
        widgets::header(
            ui,
            &widgets::control_job(pick(CLAIM, lang), ink, rtl)
                .size(17.0)
                .weight(700.0),
            rtl,
        );
        widgets::shell_paragraph(
            ui,
            &format!("«{}»", anchor.exact),
            widgets::CONTROL_TEXT,
            400.0,
            width,
            rtl,
        );
        ui.add_space(4.0);
        widgets::combo_box(
            ui,
            "claim-source",
            pick(SOURCE, lang),
            source,
            &source_options(article),
            rtl,
        );
    }

    /// Adds the source the dialog described, its mention `anchor`, and selects it.
    pub(super) fn add_source_from(&mut self, anchor: Anchor, name: &str, kind: SourceKind) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let a = &self.doc.article;
        let id = a.fresh_id("s");
        let source = Source {
            id: id.clone(),
            name: name.to_owned(),
            name_en: String::new(),
            kind,
            role: String::new(),
            link: None,
            aliases: Vec::new(),
            mentions: vec![anchor],
            note: String::new(),
        };
        let at = a.sources.len();
        self.commands
            .push(Command::Edit(Box::new(Edit::AddSource { source, at })));
        self.commands.push(Command::SelectSource(id.into()));
    }

    /// Adds the selected words as a claim of `source`, supporting the events dated inside
    /// them.
    pub(super) fn add_claim_from(&mut self, anchor: Anchor, source: String) {
        let a = &self.doc.article;
        let inside = a.resolve(&anchor);
        let events = a
            .events
            .iter()
            .filter(|e| {
                let (Some((b, r)), Some((eb, er))) = (inside.as_ref(), a.resolve(&e.anchor)) else {
                    return false;
                };
                *b == eb && r.start <= er.start && er.end <= r.end
            })
            .map(|e| e.id.clone())
            .collect();
        let claim = Claim {
            id: a.fresh_id("c"),
            source: source.clone(),
            kind: ClaimKind::Report,
            anchor,
            events,
            certainty: Certainty::default(),
            note: String::new(),
        };
        let at = a.claims.len();
        self.commands
            .push(Command::Edit(Box::new(Edit::AddClaim { claim, at })));
        self.commands.push(Command::SelectSource(source.into()));
    }
}
