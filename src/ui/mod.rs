//! The eframe application: the right-to-left shell, menus, and the panes.
//!
//! Panels draw from the model and keep only view state; they return [`Command`]s that
//! the app applies after the pass, so the panes share one selection without borrowing
//! each other.

pub mod i18n;
pub mod sample;
pub mod theme;

use std::path::PathBuf;

use egui::{Align as EAlign, Layout, Ui};
use serde::{Deserialize, Serialize};

use crate::text;
pub use i18n::Lang;

/// Persistent settings (eframe storage). Caches and documents are not stored here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub dark: bool,
    /// Article body size in points.
    pub font_size: f32,
    pub last_file: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self { lang: Lang::Fa, dark: false, font_size: 17.0, last_file: None, recent: Vec::new() }
    }
}

/// Smallest and largest article font sizes, points.
pub const FONT_SIZE_RANGE: (f32, f32) = (11.0, 32.0);

/// Which page the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Sample,
}

/// Something a pane asks the app to do after the pass.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetLang(Lang),
    SetDark(bool),
    FontSize(f32),
    Quit,
}

/// The application.
pub struct GahnegarApp {
    pub settings: Settings,
    pub page: Page,
    commands: Vec<Command>,
    /// Whether fonts have been installed on the context.
    ctx_ready: bool,
    /// The (dark, language) the context's visuals were last set for.
    applied: Option<(bool, Lang)>,
}

const SETTINGS_KEY: &str = "gahnegar-settings";

impl GahnegarApp {
    /// Restores settings from `storage`; fonts and visuals are installed on the first pass.
    pub fn new(storage: Option<&dyn eframe::Storage>, path: Option<PathBuf>) -> Self {
        let settings: Settings = storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)).unwrap_or_default();
        let _ = path;
        Self { settings, page: Page::Sample, commands: Vec::new(), ctx_ready: false, applied: None }
    }

    fn apply_visuals(&mut self, ctx: &egui::Context) {
        let want = (self.settings.dark, self.settings.lang);
        if self.applied == Some(want) {
            return;
        }
        self.applied = Some(want);
        ctx.set_visuals(theme::visuals(self.settings.dark));
        text::set_copy_label(ctx, self.settings.lang.strings().copy);
    }

    fn strings(&self) -> &'static i18n::Strings {
        self.settings.lang.strings()
    }

    /// The whole UI; called by eframe and by the UI tests.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.ctx_ready {
            text::fonts::install_egui_fonts(&ctx);
            self.ctx_ready = true;
        }
        self.apply_visuals(&ctx);
        self.shortcuts(&ctx);
        egui::Panel::top("menu").show_inside(ui, |ui| self.menu_bar(ui));
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(theme::paper(self.settings.dark)).inner_margin(24.0))
            .show_inside(ui, |ui| match self.page {
                Page::Sample => {
                    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                        sample::sample_ui(ui, self.settings.dark, self.settings.font_size);
                    });
                }
            });
        self.apply_commands(&ctx);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let larger = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
        let larger2 = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
        let smaller = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
        ctx.input_mut(|i| {
            if i.consume_shortcut(&larger) || i.consume_shortcut(&larger2) {
                self.commands.push(Command::FontSize(self.settings.font_size + 1.0));
            }
            if i.consume_shortcut(&smaller) {
                self.commands.push(Command::FontSize(self.settings.font_size - 1.0));
            }
        });
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let s = self.strings();
        let layout = if self.settings.lang.is_rtl() {
            Layout::right_to_left(EAlign::Center)
        } else {
            Layout::left_to_right(EAlign::Center)
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.with_layout(layout, |ui| {
                ui.menu_button(s.menu_file, |ui| {
                    if ui.button(s.quit).clicked() {
                        self.commands.push(Command::Quit);
                    }
                });
                ui.menu_button(s.menu_view, |ui| {
                    let dark = self.settings.dark;
                    if ui.button(if dark { s.theme_light } else { s.theme_dark }).clicked() {
                        self.commands.push(Command::SetDark(!dark));
                    }
                    if ui.button(s.font_larger).clicked() {
                        self.commands.push(Command::FontSize(self.settings.font_size + 1.0));
                    }
                    if ui.button(s.font_smaller).clicked() {
                        self.commands.push(Command::FontSize(self.settings.font_size - 1.0));
                    }
                });
                let other = if self.settings.lang == Lang::Fa { Lang::En } else { Lang::Fa };
                if ui.button(s.language).clicked() {
                    self.commands.push(Command::SetLang(other));
                }
            });
        });
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        for cmd in std::mem::take(&mut self.commands) {
            match cmd {
                Command::SetLang(l) => self.settings.lang = l,
                Command::SetDark(d) => self.settings.dark = d,
                Command::FontSize(s) => self.settings.font_size = s.clamp(FONT_SIZE_RANGE.0, FONT_SIZE_RANGE.1),
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            }
        }
    }
}

impl eframe::App for GahnegarApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// Runs the GUI, opening `path` (a `.ron` article or a `.txt` to import) or the
/// built-in article when `None`. Returns when the window closes.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(i18n::FA.app_name)
            .with_app_id("gahnegar")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        i18n::FA.app_name,
        options,
        Box::new(move |cc| Ok(Box::new(GahnegarApp::new(cc.storage, path)))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
