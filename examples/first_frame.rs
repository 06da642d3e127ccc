//! Start-up time: runs the GUI as `gahnegar [PATH]` does (same window options), prints how
//! long after process start the first frame was drawn and the resident memory, and closes.
//! (`src/ui/startup.rs`'s hook, which the app itself honours with
//! `GAHNEGAR_EXIT_AFTER_FIRST_FRAME=1` once it calls it.)
//!
//! ```sh
//! Xvfb :99 & DISPLAY=:99 cargo run --release --example first_frame [-- PATH]
//! ```

#[allow(
    dead_code,
    reason = "the app's start-up hook, shared with the app; part used here"
)]
#[path = "../src/ui/startup.rs"]
mod startup;

use gahnegar::ui::GahnegarApp;

struct Measured(GahnegarApp);

impl eframe::App for Measured {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui_root(ui);
        startup::exit_after_first_frame(ui.ctx());
    }
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("گاه‌نگار")
            .with_app_id("gahnegar")
            .with_inner_size([1320.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "گاه‌نگار",
        options,
        Box::new(move |cc| Ok(Box::new(Measured(GahnegarApp::new(cc.storage, path))))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
