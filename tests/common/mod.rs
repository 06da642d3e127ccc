//! What the UI test binaries share: the app in a kittest harness, and waiting for a
//! background import.

use egui::Vec2;
use egui_kittest::Harness;
use gahnegar::ui::GahnegarApp;

/// The app at `size` points, one pixel a point, with the in-app path prompt instead of the
/// system's file dialogs; one pass run.
#[allow(dead_code, reason = "each test binary uses some of these helpers")]
pub fn app_harness(size: Vec2) -> Harness<'static, GahnegarApp> {
    let mut app = GahnegarApp::new(None, None);
    app.settings.native_dialogs = false;
    let mut h = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut GahnegarApp| app.ui_root(ui), app);
    h.run_ok();
    h
}

/// Steps the app until the background import finishes (bounded).
#[allow(dead_code, reason = "each test binary uses some of these helpers")]
pub fn wait_for_import(h: &mut Harness<'_, GahnegarApp>) {
    for _ in 0..400 {
        if h.state().import_job.is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
        h.step();
    }
    panic!("the import did not finish");
}
