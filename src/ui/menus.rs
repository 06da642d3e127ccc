//! The menu bar: File, Edit and View menus and the zoom control, built from the command table.

use super::*;

impl GahnegarApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
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

    pub(super) fn file_menu_ui(&mut self, ui: &mut Ui) {
        let lang = self.settings.lang;
        let s = lang.strings();
        let rtl = lang.is_rtl();
        for c in [
            command::UiCommand::Open,
            command::UiCommand::ImportText,
            command::UiCommand::ReimportText,
            command::UiCommand::PasteArticle,
            command::UiCommand::ShowLibrary,
            command::UiCommand::AddToLibrary,
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
    pub(super) fn recent_menu_ui(&mut self, ui: &mut Ui) {
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

    pub(super) fn view_menu_ui(&mut self, ui: &mut Ui) {
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
    pub(super) fn zoom_ui(&mut self, ui: &mut Ui) {
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
}

/// A menu's contents in the UI's direction: right-aligned in the right-to-left UI. The
/// sizing pass (a menu measuring itself) stays left-aligned, or the menu would take the
/// whole width it is measured in.
pub(super) fn menu_column<R>(ui: &mut Ui, rtl: bool, f: impl FnOnce(&mut Ui) -> R) -> R {
    let align = if rtl && !ui.is_sizing_pass() {
        EAlign::Max
    } else {
        EAlign::Min
    };
    ui.with_layout(Layout::top_down_justified(align), f).inner
}
