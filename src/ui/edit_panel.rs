//! The edit panel of the selected event (Aeon Timeline's inspector): its title, its date
//! typed in either calendar with the resolved interval shown in both as it is typed, its
//! category, certainty and note; delete, split and merge. The panel only proposes
//! [`Edit`]s; the app applies them through its history, so each one can be undone.

use egui::Ui;

use crate::model::edit::{Edit, Item};
use crate::model::{Article, Certainty, Event};
use crate::persian::date_entry;
use crate::persian::tagger::DocContext;
use crate::text::TextField;

use super::{Lang, widgets};

/// What the panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelAction {
    /// Apply an edit (through the history).
    Edit(Edit),
    /// Apply an edit, then select this event (a split's new half).
    EditAndSelect(Edit, String),
    /// Close the panel.
    Close,
}

/// The panel's fields, filled from the event and kept while they are typed in.
#[derive(Default)]
pub struct EditPanel {
    /// The event as it was when the fields were filled: when the article's copy differs
    /// (an edit applied, undone or redone), the fields are filled again.
    shown: Option<Event>,
    title: String,
    date: String,
    note: String,
}

/// The panel's texts in one language.
struct Texts {
    heading: &'static str,
    title: &'static str,
    date: &'static str,
    category: &'static str,
    certainty: &'static str,
    note: &'static str,
    note_hint: &'static str,
    delete: &'static str,
    split: &'static str,
    merge: &'static str,
    merge_none: &'static str,
    close: &'static str,
    manual: &'static str,
    split_suffix: &'static str,
}

const FA: Texts = Texts {
    heading: "ویرایش رویداد",
    title: "عنوان",
    date: "تاریخ",
    category: "دسته",
    certainty: "قطعیت",
    note: "یادداشت",
    note_hint: "یادداشتی بنویسید…",
    delete: "حذف رویداد",
    split: "تقسیم",
    merge: "ادغام با",
    merge_none: "—",
    close: "بستن",
    manual: "افزوده خواننده",
    split_suffix: " (بخش دوم)",
};

const EN: Texts = Texts {
    heading: "Edit event",
    title: "Title",
    date: "Date",
    category: "Category",
    certainty: "Certainty",
    note: "Note",
    note_hint: "Write a note…",
    delete: "Delete event",
    split: "Split",
    merge: "Merge with",
    merge_none: "—",
    close: "Close",
    manual: "Added by the reader",
    split_suffix: " (part two)",
};

/// Width of the panel's fields, points.
const FIELD_WIDTH: f32 = 260.0;

impl EditPanel {
    /// Draws the panel for event `id` of `article`; returns what to do.
    pub fn ui(&mut self, ui: &mut Ui, article: &Article, id: &str, lang: Lang) -> Vec<PanelAction> {
        let mut out = Vec::new();
        let Some(event) = article.event(id) else {
            return vec![PanelAction::Close];
        };
        let fa = lang == Lang::Fa;
        let rtl = lang.is_rtl();
        let t = if fa { &FA } else { &EN };
        if self.shown.as_ref() != Some(event) {
            self.title.clone_from(&event.label);
            self.date.clone_from(&event.date.wording);
            self.note.clone_from(&event.note);
            self.shown = Some(event.clone());
        }
        let ink = ui.visuals().text_color();
        let muted = ui.visuals().weak_text_color();
        let label = |ui: &mut Ui, text: &str| {
            widgets::header(ui, &widgets::control_job(text, muted, rtl), rtl);
        };
        let width = FIELD_WIDTH.min(ui.available_width());

        widgets::header(
            ui,
            &widgets::control_job(t.heading, ink, rtl).weight(700.0),
            rtl,
        );
        if event.origin == crate::model::Origin::Manual {
            label(ui, t.manual);
        }

        label(ui, t.title);
        let title = TextField::singleline(&mut self.title)
            .id_salt("edit-title")
            .label(t.title)
            .width(width)
            .show(ui);
        if (title.submitted || title.response.lost_focus()) && self.title.trim() != event.label {
            out.push(PanelAction::Edit(Edit::SetTitle {
                event: id.to_owned(),
                title: self.title.clone(),
            }));
        }

        label(ui, t.date);
        let date = TextField::singleline(&mut self.date)
            .id_salt("edit-date")
            .label(t.date)
            .width(width)
            .show(ui);
        let doc = DocContext {
            date: article.meta.date,
            calendar: None,
        };
        let parsed = date_entry::parse(&self.date, &doc);
        let (feedback, color) = match &parsed {
            Ok(d) => (date_entry::resolved_text(d, fa), muted),
            Err(e) => (e.message(fa), ui.visuals().error_fg_color),
        };
        let job = widgets::control_job(&feedback, color, rtl).size(12.5);
        crate::text::Paragraph::new(job)
            .id_salt("edit-date-resolved")
            .width(width)
            .show(ui);
        if (date.submitted || date.response.lost_focus())
            && let Ok(d) = parsed
            && (d.start, d.end, &d.wording)
                != (event.date.start, event.date.end, &event.date.wording)
        {
            out.push(PanelAction::Edit(Edit::SetDate {
                event: id.to_owned(),
                date: d,
            }));
        }

        ui.add_space(4.0);
        let mut category = event.category.clone();
        let options: Vec<(String, String)> = article
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.name(fa).to_owned()))
            .collect();
        if widgets::combo_box(
            ui,
            "edit-category",
            t.category,
            &mut category,
            &options,
            rtl,
        )
        .changed()
            && category != event.category
        {
            out.push(PanelAction::Edit(Edit::SetCategory {
                event: id.to_owned(),
                category,
            }));
        }

        label(ui, t.certainty);
        for c in Certainty::ALL {
            if widgets::radio(ui, event.certainty == c, c.name(fa), rtl).clicked()
                && event.certainty != c
            {
                out.push(PanelAction::Edit(Edit::SetCertainty {
                    item: Item::Event(id.to_owned()),
                    certainty: c,
                }));
            }
        }

        label(ui, t.note);
        let note = TextField::multiline(&mut self.note, 4)
            .id_salt("edit-note")
            .label(t.note)
            .hint(t.note_hint)
            .width(width)
            .show(ui);
        if note.response.lost_focus() && self.note != event.note {
            out.push(PanelAction::Edit(Edit::SetNote {
                item: Item::Event(id.to_owned()),
                note: self.note.clone(),
            }));
        }

        ui.add_space(6.0);
        let mut merge_with = String::new();
        let mut others: Vec<(String, String)> = vec![(String::new(), t.merge_none.to_owned())];
        others.extend(
            article
                .events
                .iter()
                .filter(|e| e.id != id)
                .map(|e| (e.id.clone(), e.label.clone())),
        );
        if widgets::combo_box(ui, "edit-merge", t.merge, &mut merge_with, &others, rtl).changed()
            && !merge_with.is_empty()
        {
            out.push(PanelAction::Edit(Edit::MergeEvents {
                keep: id.to_owned(),
                absorb: merge_with,
            }));
        }
        ui.add_space(6.0);
        match widgets::dialog_buttons(ui, &[t.split, t.delete, t.close], rtl) {
            Some(0) => {
                let new = article.fresh_id("e");
                out.push(PanelAction::EditAndSelect(
                    Edit::SplitEvent {
                        event: id.to_owned(),
                        new: new.clone(),
                        date: event.date.clone(),
                        title: format!("{}{}", event.label, t.split_suffix),
                    },
                    new,
                ));
            }
            Some(1) => {
                out.push(PanelAction::Edit(Edit::DeleteEvent {
                    event: id.to_owned(),
                }));
                out.push(PanelAction::Close);
            }
            Some(2) => out.push(PanelAction::Close),
            _ => {}
        }
        out
    }
}
