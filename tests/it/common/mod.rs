//! What the test modules share: the app in a kittest harness, waiting for a background
//! import, the small test article, the clipboard, and the benches' synthetic articles.

use std::path::{Path, PathBuf};

use egui::Vec2;
use egui_kittest::Harness;
use gahnegar::model::Article;
use gahnegar::store;
use gahnegar::ui::GahnegarApp;

pub mod chromium;
pub mod clipboard;
pub mod fuzz;

/// The benches' shared set-up (synthetic articles, the headless app driver).
#[path = "../../../benches/common/mod.rs"]
pub mod bench;

/// The binary the tests run.
pub const BIN: &str = env!("CARGO_BIN_EXE_gahnegar");

/// Runs the binary with `args` and no standard input.
pub fn gahnegar(args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN} {args:?}: {e}"))
}

/// A file under the repository root (tests and their data never read outside it).
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The small hand-written test article, `tests/data/mini.ron`.
pub fn mini_path() -> PathBuf {
    repo_path("tests/data/mini.ron")
}

/// `tests/data/mini.ron`, loaded.
pub fn mini() -> Article {
    store::load(&mini_path()).unwrap_or_else(|e| panic!("{e}"))
}

/// The app at `size` points, one pixel a point, with the in-app path prompt instead of the
/// system's file dialogs; one pass run.
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

/// Running the app until it settles, open, save and export included: those run on a
/// thread of their own (`ui::jobs`), so a test waits for them in real time.
pub trait Settle {
    /// `run_ok`, then, while a file job runs, a little waiting and `run_ok` again
    /// (bounded).
    fn settle(&mut self);
}

impl Settle for Harness<'_, GahnegarApp> {
    fn settle(&mut self) {
        self.run_ok();
        for _ in 0..1000 {
            if !self.state().file_job_running() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            self.run_ok();
        }
        panic!("an open, save or export did not finish");
    }
}

/// Steps the app until the background import finishes (bounded).
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
