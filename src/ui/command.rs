//! The command table (rerun's `UICommand`): every command the menus and the keyboard
//! offer, with its text in both languages and its shortcuts. Menus and the shortcut
//! handler are built from it, so a command is added in one place; what a command does is
//! `GahnegarApp::run_ui_command`.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Lang;

/// A command of the menus and the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    Open,
    ImportText,
    ReimportText,
    PasteArticle,
    ShowLibrary,
    AddToLibrary,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    DeleteEvent,
    EditEvent,
    EditCategories,
    Find,
    Back,
    Forward,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    FontLarger,
    FontSmaller,
    ToggleTheme,
    ToggleLanguage,
}

const fn sc(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [UiCommand; 24] = [
        Self::Open,
        Self::ImportText,
        Self::ReimportText,
        Self::PasteArticle,
        Self::ShowLibrary,
        Self::AddToLibrary,
        Self::Save,
        Self::SaveAs,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::DeleteEvent,
        Self::EditEvent,
        Self::EditCategories,
        Self::Find,
        Self::Back,
        Self::Forward,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::FontLarger,
        Self::FontSmaller,
        Self::ToggleTheme,
        Self::ToggleLanguage,
    ];

    /// Its menu text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (fa, en) = match self {
            Self::Open => ("باز کردن…", "Open…"),
            Self::ImportText => ("درون‌ریزی متن…", "Import text…"),
            Self::ReimportText => ("درون‌ریزی دوبارهٔ متن…", "Re-import text…"),
            Self::PasteArticle => ("چسباندن به‌عنوان نوشتهٔ تازه", "Paste as new article"),
            Self::ShowLibrary => ("کتابخانه", "Library"),
            Self::AddToLibrary => ("افزودن به کتابخانه…", "Add to library…"),
            Self::Save => ("ذخیره", "Save"),
            Self::SaveAs => ("ذخیره با نام…", "Save as…"),
            Self::Quit => ("خروج", "Quit"),
            Self::Undo => ("واگرد", "Undo"),
            Self::Redo => ("ازنو", "Redo"),
            Self::DeleteEvent => ("حذف رویداد", "Delete event"),
            Self::EditEvent => ("ویرایش رویداد…", "Edit event…"),
            Self::EditCategories => ("دسته‌ها…", "Categories…"),
            Self::Find => ("جستجو", "Find"),
            Self::Back => ("قبلی", "Back"),
            Self::Forward => ("بعدی", "Forward"),
            Self::ZoomIn => ("بزرگ‌نمایی", "Zoom in"),
            Self::ZoomOut => ("کوچک‌نمایی", "Zoom out"),
            Self::ZoomReset => ("اندازه اصلی", "Actual size"),
            Self::FontLarger => ("قلم بزرگ‌تر", "Larger text"),
            Self::FontSmaller => ("قلم کوچک‌تر", "Smaller text"),
            Self::ToggleTheme => ("تم تیره / روشن", "Dark / light theme"),
            Self::ToggleLanguage => ("English", "فارسی"),
        };
        if lang == Lang::Fa { fa } else { en }
    }

    /// Its keyboard shortcuts, the one menus show first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: [KeyboardShortcut; 1] = [sc(CMD, Key::O)];
        const IMPORT: [KeyboardShortcut; 1] = [sc(CMD, Key::I)];
        const PASTE_ARTICLE: [KeyboardShortcut; 1] = [sc(CMD_SHIFT, Key::V)];
        const SAVE: [KeyboardShortcut; 1] = [sc(CMD, Key::S)];
        const LIBRARY: [KeyboardShortcut; 1] = [sc(CMD, Key::L)];
        const SAVE_AS: [KeyboardShortcut; 1] = [sc(CMD_SHIFT, Key::S)];
        const QUIT: [KeyboardShortcut; 1] = [sc(CMD, Key::Q)];
        const UNDO: [KeyboardShortcut; 1] = [sc(CMD, Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [sc(CMD_SHIFT, Key::Z), sc(CMD, Key::Y)];
        const EDIT_EVENT: [KeyboardShortcut; 1] = [sc(Modifiers::NONE, Key::F2)];
        const FIND: [KeyboardShortcut; 2] = [sc(CMD, Key::F), sc(Modifiers::NONE, Key::F3)];
        const BACK: [KeyboardShortcut; 1] = [sc(Modifiers::ALT, Key::ArrowLeft)];
        const FORWARD: [KeyboardShortcut; 1] = [sc(Modifiers::ALT, Key::ArrowRight)];
        const ZOOM_IN: [KeyboardShortcut; 2] = [sc(CMD, Key::Equals), sc(CMD, Key::Plus)];
        const ZOOM_OUT: [KeyboardShortcut; 1] = [sc(CMD, Key::Minus)];
        const ZOOM_RESET: [KeyboardShortcut; 1] = [sc(CMD, Key::Num0)];
        match self {
            Self::Open => &OPEN,
            Self::ImportText => &IMPORT,
            Self::PasteArticle => &PASTE_ARTICLE,
            Self::Save => &SAVE,
            Self::ShowLibrary => &LIBRARY,
            Self::SaveAs => &SAVE_AS,
            Self::Quit => &QUIT,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::EditEvent => &EDIT_EVENT,
            Self::Find => &FIND,
            Self::Back => &BACK,
            Self::Forward => &FORWARD,
            Self::ZoomIn => &ZOOM_IN,
            Self::ZoomOut => &ZOOM_OUT,
            Self::ZoomReset => &ZOOM_RESET,
            Self::DeleteEvent
            | Self::AddToLibrary
            | Self::ReimportText
            | Self::EditCategories
            | Self::FontLarger
            | Self::FontSmaller
            | Self::ToggleTheme
            | Self::ToggleLanguage => &[],
        }
    }

    /// The shortcut a menu shows beside it («Ctrl+Shift+Z»), if it has one.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }

    /// The commands whose shortcut was pressed this frame, consumed from the input. A
    /// shortcut with more modifiers is tried first, so Ctrl+Shift+Z is not taken for
    /// Ctrl+Z (egui matches Shift loosely). While a text field has the keyboard
    /// (`text_focus`), undo and redo are the field's own, not the article's.
    pub fn pressed(input: &mut egui::InputState, text_focus: bool) -> Vec<UiCommand> {
        let mut all: Vec<(UiCommand, &KeyboardShortcut)> = Self::ALL
            .iter()
            .filter(|c| !(text_focus && matches!(c, Self::Undo | Self::Redo | Self::PasteArticle)))
            .flat_map(|&c| c.shortcuts().iter().map(move |s| (c, s)))
            .collect();
        let weight = |m: Modifiers| {
            u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl || m.mac_cmd)
        };
        all.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
        let mut out = Vec::new();
        for (c, s) in all {
            if input.consume_shortcut(s) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_in_both_languages_and_no_shortcut_twice() {
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::ALL {
            assert!(
                !c.text(Lang::Fa).is_empty() && !c.text(Lang::En).is_empty(),
                "{c:?}"
            );
            for s in c.shortcuts() {
                assert!(
                    seen.insert((s.modifiers, s.logical_key)),
                    "{c:?}: {s:?} twice"
                );
            }
        }
    }

    #[test]
    fn ctrl_shift_z_is_redo_not_undo() {
        let ctx = egui::Context::default();
        let press = |modifiers: Modifiers, key: Key| {
            let mut fired = Vec::new();
            let input = egui::RawInput {
                events: vec![egui::Event::Key {
                    key,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers,
                }],
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |ui| {
                fired = ui.input_mut(|i| UiCommand::pressed(i, false));
            });
            // No renderer here to take the font atlas.
            out.textures_delta.clear();
            fired
        };
        assert_eq!(press(Modifiers::COMMAND, Key::Z), vec![UiCommand::Undo]);
        assert_eq!(press(CMD_SHIFT, Key::Z), vec![UiCommand::Redo]);
        assert_eq!(press(Modifiers::COMMAND, Key::Y), vec![UiCommand::Redo]);
        assert_eq!(press(CMD_SHIFT, Key::S), vec![UiCommand::SaveAs]);
        assert_eq!(press(Modifiers::NONE, Key::F2), vec![UiCommand::EditEvent]);
        assert_eq!(press(Modifiers::COMMAND, Key::S), vec![UiCommand::Save]);
    }
}
