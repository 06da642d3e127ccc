//! Resident memory with a synthetic 1 MB article open: the app runs headless (no GPU, no
//! window; `ui_root` through `egui::Context::run_ui`), first showing the top of the
//! article, then after scrolling through all of it. Prints VmRSS / VmHWM at each step.
//!
//! With a second argument, also saves the article there as RON (to open it in the GUI,
//! e.g. with the `first_frame` example under Xvfb).
//!
//! ```sh
//! cargo run --release --example memory [-- BYTES [OUT.ron]]
//! ```

#[path = "../benches/common/mod.rs"]
mod common;
#[allow(
    dead_code,
    reason = "the app's start-up hook, shared with the app; part used here"
)]
#[path = "../src/ui/startup.rs"]
mod startup;

use common::{AppDriver, big_article, text_bytes};

fn mem(what: &str) {
    let (rss, hwm) = startup::memory_kib().unwrap_or((0, 0));
    println!(
        "{what:<40} VmRSS {:>6.1} MB   VmHWM {:>6.1} MB",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
}

fn main() {
    let bytes = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1 << 20);
    mem("start");
    let article = big_article(bytes);
    let n = text_bytes(&article);
    if let Some(out) = std::env::args().nth(2)
        && let Err(e) = gahnegar::store::save(&article, std::path::Path::new(&out))
    {
        eprintln!("could not save {out}: {e}");
    }
    mem(&format!("{n} B article built"));
    let mut d = AppDriver::with_article(article);
    d.frame(Vec::new(), true);
    mem("first frame");
    let last = d.app.doc.article.blocks.len() + 1 + d.app.doc.article.meta.lead.len();
    let mut frames = 0;
    while d.last_visible_item() < last && frames < 50_000 {
        let ev = d.scroll_events(150.0);
        d.frame(ev, true);
        frames += 1;
    }
    mem(&format!("scrolled to the end ({frames} frames)"));
    let eng = gahnegar::text::engine(&d.ctx);
    let e = eng.lock();
    println!(
        "cached layouts {}, paragraphs shaped {}, glyphs rasterized {}, atlas pages {}",
        e.cached_layouts(),
        e.shaped,
        e.atlas.rasterized,
        e.atlas.page_count()
    );
}
