//! The categories panel (Edit → Categories…): the article's categories in lane order, the
//! chosen one's Persian and English names, its colour, its place in the order, and
//! deleting it with its events moved to another; and adding a new one. Like the edit
//! panel, it only proposes [`Edit`]s, which the app applies through its history, so each
//! one can be undone.

use egui::{Color32, Sense, Ui, vec2};

use crate::model::edit::Edit;
use crate::model::{Article, Category, Rgb, Theme};
use crate::text::TextField;

use super::{Lang, widgets};

/// What the panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum CategoriesAction {
    /// Apply an edit (through the history); boxed, as an edit may carry a category.
    Edit(Box<Edit>),
    /// Close the panel.
    Close,
}

/// Colours offered for a category: the Tableau 10 palette, which stays apart on both
/// backgrounds and for the commonest colour blindness.
pub const PALETTE: [Rgb; 10] = [
    Rgb([0x4E, 0x79, 0xA7]),
    Rgb([0xF2, 0x8E, 0x2B]),
    Rgb([0xE1, 0x57, 0x59]),
    Rgb([0x76, 0xB7, 0xB2]),
    Rgb([0x59, 0xA1, 0x4F]),
    Rgb([0xED, 0xC9, 0x48]),
    Rgb([0xB0, 0x7A, 0xA1]),
    Rgb([0xFF, 0x9D, 0xA7]),
    Rgb([0x9C, 0x75, 0x5F]),
    Rgb([0xBA, 0xB0, 0xAC]),
];

/// The panel's state: the chosen category, its name fields as typed, and where a delete
/// moves its events.
#[derive(Default)]
pub struct CategoriesPanel {
    /// Id of the chosen category.
    pub chosen: Option<String>,
    /// The category as it was when the fields were filled (refilled when it changes).
    shown: Option<Category>,
    fa: String,
    en: String,
    /// Id of the category a delete moves the chosen one's events to.
    move_to: String,
}

/// The panel's texts in one language.
pub struct Texts {
    pub heading: &'static str,
    pub add: &'static str,
    pub fa_name: &'static str,
    pub en_name: &'static str,
    pub colour: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub move_to: &'static str,
    pub delete: &'static str,
    pub close: &'static str,
    pub empty_name: &'static str,
    pub new_fa: &'static str,
    pub new_en: &'static str,
    pub events: &'static str,
}

pub const FA: Texts = Texts {
    heading: "دسته‌ها",
    add: "افزودن دسته",
    fa_name: "نام فارسی",
    en_name: "نام انگلیسی",
    colour: "رنگ",
    up: "بالاتر",
    down: "پایین‌تر",
    move_to: "رویدادهایش به",
    delete: "حذف دسته",
    close: "بستن",
    empty_name: "نام فارسی نمی‌تواند خالی باشد.",
    new_fa: "دستهٔ تازه",
    new_en: "New category",
    events: "رویداد",
};

pub const EN: Texts = Texts {
    heading: "Categories",
    add: "Add category",
    fa_name: "Persian name",
    en_name: "English name",
    colour: "Colour",
    up: "Move up",
    down: "Move down",
    move_to: "Move its events to",
    delete: "Delete category",
    close: "Close",
    empty_name: "The Persian name cannot be empty.",
    new_fa: "دستهٔ تازه",
    new_en: "New category",
    events: "events",
};

/// Width of the panel's fields, points.
const FIELD_WIDTH: f32 = 260.0;

/// Side of a colour swatch, points.
const SWATCH: f32 = 22.0;

impl CategoriesPanel {
    /// Draws the panel for `article`'s categories; returns what to do.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        lang: Lang,
        theme: Theme,
    ) -> Vec<CategoriesAction> {
        let mut out = Vec::new();
        let fa = lang == Lang::Fa;
        let rtl = lang.is_rtl();
        let t = if fa { &FA } else { &EN };
        let ink = ui.visuals().text_color();
        let width = FIELD_WIDTH.min(ui.available_width());
        widgets::header(
            ui,
            &widgets::control_job(t.heading, ink, rtl).weight(700.0),
            rtl,
        );

        // The list, in lane order, with each one's colour and number of events.
        if self
            .chosen
            .as_ref()
            .is_some_and(|id| article.category_index(id).is_none())
        {
            self.chosen = None;
        }
        let mut counts = std::collections::HashMap::<&str, usize>::new();
        for e in &article.events {
            *counts.entry(e.category.as_str()).or_default() += 1;
        }
        for c in &article.categories {
            let n = counts.get(c.id.as_str()).copied().unwrap_or(0);
            let text = format!("{} ({})", c.name(fa), lang.num(n));
            let job = widgets::control_job(&text, rgb(c.rgb(theme)), rtl).weight(600.0);
            let chosen = self.chosen.as_deref() == Some(c.id.as_str());
            let label_text = format!("{} {} {}", c.name(fa), lang.num(n), t.events);
            if widgets::text_row(ui, &job, chosen, false, &label_text, rtl).clicked() {
                self.chosen = Some(c.id.clone());
            }
        }
        ui.add_space(4.0);
        if widgets::dialog_buttons(ui, &[t.add], rtl) == Some(0) {
            let id = fresh_category_id(article);
            let n = article.categories.len() + 1;
            let category = Category::new(
                &id,
                &format!("{} {}", t.new_fa, Lang::Fa.num(n)),
                &format!("{} {n}", t.new_en),
                PALETTE[article.categories.len() % PALETTE.len()],
            );
            out.push(CategoriesAction::Edit(Box::new(Edit::AddCategory {
                category,
                at: article.categories.len(),
            })));
            self.chosen = Some(id);
        }
        ui.separator();

        if let Some(c) = self
            .chosen
            .as_deref()
            .and_then(|id| article.categories.iter().find(|c| c.id == id))
        {
            self.chosen_ui(ui, article, c, t, lang, width, &mut out);
        }
        ui.add_space(6.0);
        if widgets::dialog_buttons(ui, &[t.close], rtl) == Some(0) {
            out.push(CategoriesAction::Close);
        }
        out
    }

    /// The chosen category's names, colour, place and delete.
    #[expect(
        clippy::too_many_arguments,
        reason = "one drawing step of the panel, its inputs spelled out"
    )]
    fn chosen_ui(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        c: &Category,
        t: &Texts,
        lang: Lang,
        width: f32,
        out: &mut Vec<CategoriesAction>,
    ) {
        let fa = lang == Lang::Fa;
        let rtl = lang.is_rtl();
        let muted = ui.visuals().weak_text_color();
        let label = |ui: &mut Ui, text: &str| {
            widgets::header(ui, &widgets::control_job(text, muted, rtl), rtl);
        };
        if self.shown.as_ref() != Some(c) {
            self.fa.clone_from(&c.fa);
            self.en.clone_from(&c.en);
            self.shown = Some(c.clone());
        }
        let index = article.category_index(&c.id).unwrap_or(0);

        label(ui, t.fa_name);
        let fa_field = TextField::singleline(&mut self.fa)
            .id_salt(("category-fa", &c.id))
            .label(t.fa_name)
            .width(width)
            .show(ui);
        label(ui, t.en_name);
        let en_field = TextField::singleline(&mut self.en)
            .id_salt(("category-en", &c.id))
            .label(t.en_name)
            .width(width)
            .show(ui);
        let done = |f: &crate::text::FieldOutput| f.submitted || f.response.lost_focus();
        if done(&fa_field) || done(&en_field) {
            let (new_fa, new_en) = (self.fa.trim(), self.en.trim());
            if new_fa.is_empty() {
                self.fa.clone_from(&c.fa);
            } else if (new_fa, new_en) != (c.fa.as_str(), c.en.as_str()) {
                out.push(CategoriesAction::Edit(Box::new(Edit::RenameCategory {
                    category: c.id.clone(),
                    fa: new_fa.to_owned(),
                    en: new_en.to_owned(),
                })));
            }
        }
        if self.fa.trim().is_empty() {
            let job = widgets::control_job(t.empty_name, ui.visuals().error_fg_color, rtl);
            crate::text::Paragraph::new(job.size(12.5))
                .id_salt("category-empty")
                .width(width)
                .show(ui);
        }

        label(ui, t.colour);
        let layout = if rtl {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        };
        // Two rows of five: a row wider than the panel would widen it frame after frame.
        for row in PALETTE.chunks(5) {
            ui.allocate_ui_with_layout(vec2(width, SWATCH + 4.0), layout, |ui| {
                for &color in row {
                    let name = format!("{} {color}", t.colour);
                    if swatch(ui, color, c.color == color, &name).clicked() && c.color != color {
                        out.push(CategoriesAction::Edit(Box::new(Edit::RecolourCategory {
                            category: c.id.clone(),
                            color,
                            dark: None,
                        })));
                    }
                }
            });
        }
        ui.add_space(4.0);
        let last = article.categories.len().saturating_sub(1);
        match widgets::dialog_buttons(ui, &[t.up, t.down], rtl) {
            Some(0) if index > 0 => {
                out.push(CategoriesAction::Edit(Box::new(Edit::MoveCategory {
                    category: c.id.clone(),
                    to: index - 1,
                })))
            }
            Some(1) if index < last => {
                out.push(CategoriesAction::Edit(Box::new(Edit::MoveCategory {
                    category: c.id.clone(),
                    to: index + 1,
                })))
            }
            _ => {}
        }

        // Deleting: the events go to the category chosen here (another one).
        let others: Vec<(String, String)> = article
            .categories
            .iter()
            .filter(|o| o.id != c.id)
            .map(|o| (o.id.clone(), o.name(fa).to_owned()))
            .collect();
        if others.is_empty() {
            return;
        }
        if !others.iter().any(|(id, _)| *id == self.move_to) {
            self.move_to.clone_from(&others[0].0);
        }
        ui.add_space(6.0);
        widgets::combo_box(
            ui,
            ("category-move-to", &c.id),
            t.move_to,
            &mut self.move_to,
            &others,
            rtl,
        );
        if widgets::dialog_buttons(ui, &[t.delete], rtl) == Some(0) {
            out.push(CategoriesAction::Edit(Box::new(Edit::DeleteCategory {
                category: c.id.clone(),
                move_to: self.move_to.clone(),
            })));
            self.chosen = Some(self.move_to.clone());
        }
    }
}

impl super::GahnegarApp {
    /// The categories panel, in the sources panel's place.
    pub(super) fn categories_ui(&mut self, ui: &mut Ui) {
        let Some(panel) = self.categories.as_mut() else {
            return;
        };
        let (lang, theme) = (self.settings.lang, self.settings.theme);
        let actions = egui::ScrollArea::vertical()
            .id_salt("categories-scroll")
            .show(ui, |ui| panel.ui(ui, &self.doc.article, lang, theme))
            .inner;
        for a in actions {
            self.commands.push(match a {
                CategoriesAction::Edit(e) => super::Command::Edit(e),
                CategoriesAction::Close => super::Command::CloseCategories,
            });
        }
    }
}

/// A category id no category of `article` has: `c1`, `c2`, … .
fn fresh_category_id(article: &Article) -> String {
    (1..)
        .map(|n| format!("c{n}"))
        .find(|id| article.category_index(id).is_none())
        .unwrap_or_default()
}

fn rgb(c: Rgb) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

/// A clickable colour swatch, ringed when `selected`; AccessKit sees a radio button named
/// `name` with its selected state.
fn swatch(ui: &mut Ui, color: Rgb, selected: bool, name: &str) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(vec2(SWATCH, SWATCH), Sense::click());
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, name));
    if ui.is_rect_visible(rect) {
        let v = ui.visuals();
        ui.painter().rect_filled(rect.shrink(3.0), 4.0, rgb(color));
        if selected || resp.hovered() || resp.has_focus() {
            let stroke = if selected {
                egui::Stroke::new(2.0, v.text_color())
            } else {
                v.selection.stroke
            };
            ui.painter()
                .rect_stroke(rect, 5.0, stroke, egui::StrokeKind::Inside);
        }
    }
    resp.on_hover_cursor(egui::CursorIcon::PointingHand)
}
