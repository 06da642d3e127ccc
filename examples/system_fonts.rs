//! What the system font fallback finds on this machine and what it costs: the folders
//! scanned, the families found, the scan time, and the first layout of text that needs a
//! system font (CJK, box drawing) against text the embedded fonts cover.
//!
//! ```sh
//! cargo run --release --example system_fonts
//! GAHNEGAR_FONT_DIRS=/usr/share/fonts/truetype cargo run --release --example system_fonts
//! ```

use std::time::Instant;

use gahnegar::text::{TextEngine, TextJob, fonts};

#[expect(clippy::print_stdout, reason = "an example that reports")]
fn main() {
    let start = Instant::now();
    let Some(report) = fonts::system_font_report() else {
        println!("system fonts are turned off (GAHNEGAR_SYSTEM_FONTS=0)");
        return;
    };
    println!("folders: {:?}", report.dirs);
    println!(
        "{} families scanned in {:.1} ms (first call, {:.1} ms in all)",
        report.families.len(),
        report.scan.as_secs_f64() * 1e3,
        start.elapsed().as_secs_f64() * 1e3
    );
    for c in ['中', '─', 'ᚠ', '😀', 'ж'] {
        let t = Instant::now();
        let family = fonts::system_family_for(c);
        println!(
            "{c:?} U+{:04X}: {} ({:.2} ms)",
            u32::from(c),
            family.as_deref().unwrap_or(if fonts::is_covered(c) {
                "embedded"
            } else {
                "none"
            }),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let texts = [
        (
            "Persian (embedded)",
            "گزارش تازه نشان می‌دهد که مسیر انتقال انرژی کوتاه‌تر شده است.",
        ),
        (
            "Russian (embedded)",
            "Новый маршрут соединяет Каспийское море со Средиземным.",
        ),
        (
            "Chinese (system)",
            "新的路线连接里海和地中海，并穿过三个国家。",
        ),
    ];
    let mut eng = TextEngine::new();
    for (name, text) in texts {
        for round in ["first", "again"] {
            let job = TextJob::new(format!("{text} {round}"));
            let t = Instant::now();
            let shaped = eng.layout(&job, Some(500.0), 1.0);
            let notdef = shaped.glyphs.iter().filter(|g| g.id == 0).count();
            println!(
                "{name}, {round}: {:.2} ms, {} glyphs, {notdef} .notdef",
                t.elapsed().as_secs_f64() * 1e3,
                shaped.glyphs.len()
            );
        }
    }
}
