//! What a kittest frame put on the clipboard.

use egui_kittest::Harness;

/// The text the last frame copied to the clipboard, if any.
pub fn copied<S>(h: &Harness<'_, S>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}

/// Presses Ctrl+C and returns the text copied. (kittest runs one frame per queued event
/// and keeps the last frame's output, so the key-down is fed alone.)
pub fn press_copy<S>(h: &mut Harness<'_, S>) -> Option<String> {
    let key = |pressed| egui::Event::Key {
        key: egui::Key::C,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    };
    h.event(key(true));
    h.step();
    let found = copied(h);
    h.event(key(false));
    h.step();
    found
}
