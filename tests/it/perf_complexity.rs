//! Complexity, not timings: work is counted with the text engine's `shaped` (paragraphs
//! shaped) and the atlas's `rasterized` (glyphs rasterized) counters. A steady frame
//! shapes and rasterizes nothing; scrolling draws only the visible blocks and never
//! reshapes one it has shaped; twice the text is twice the shaping, not four times.

use crate::common::bench::{self as common, AppDriver, big_article};
use gahnegar::text::{Align, TextEngine, TextJob, engine};
use gahnegar::ui::Command;

fn counters(d: &AppDriver) -> (usize, usize) {
    let e = engine(&d.ctx);
    let e = e.lock();
    (e.shaped, e.atlas.rasterized)
}

#[test]
fn a_steady_frame_shapes_and_rasterizes_nothing() {
    let mut d = AppDriver::builtin();
    for _ in 0..3 {
        d.frame(Vec::new(), false);
    }
    let before = counters(&d);
    for _ in 0..5 {
        d.frame(Vec::new(), false);
    }
    assert_eq!(
        counters(&d),
        before,
        "frames after the first shaped or rasterized again (shaped, rasterized)"
    );
}

#[test]
fn scrolling_draws_only_visible_blocks_and_never_reshapes() {
    let article = big_article(120 * 1024);
    let blocks = article.blocks.len();
    let mut d = AppDriver::with_article(article);
    d.frame(Vec::new(), false);
    let measured = d.app.article_view.measured_items();
    let (after_first, _) = counters(&d);
    let last = blocks + 1 + d.app.doc.article.meta.lead.len();
    let mut frames = 0;
    let mut most_drawn = 0;
    let mut shaped_per_frame = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while d.last_visible_item() < last && frames < 5_000 {
        let (s0, _) = counters(&d);
        let ev = d.scroll_events(150.0);
        d.frame(ev, false);
        frames += 1;
        let drawn = &d.app.article_view.visible_items;
        most_drawn = most_drawn.max(drawn.len());
        seen.extend(drawn.iter().map(|(i, _)| *i));
        shaped_per_frame.push(counters(&d).0 - s0);
    }
    assert!(
        d.last_visible_item() >= last,
        "reached the end in {frames} frames"
    );
    assert!(
        most_drawn <= 40,
        "a frame drew {most_drawn} of {blocks} blocks: only what is in view should be"
    );
    // The first frame lays out only what is in view (the rest is estimated); scrolling
    // shapes each paragraph once, as it comes into view, and never again.
    assert!(
        measured <= 40,
        "the first frame laid out {measured} of {blocks} article items"
    );
    let (shaped, _) = counters(&d);
    let while_scrolling = shaped - after_first;
    let most_per_frame = shaped_per_frame.iter().copied().max().unwrap_or(0);
    assert!(
        while_scrolling <= blocks && most_per_frame <= 4,
        "{while_scrolling} paragraphs shaped while scrolling {blocks} blocks, at most \
         {most_per_frame} in a frame ({shaped_per_frame:?})"
    );
    assert!(
        seen.len() >= blocks,
        "every block was drawn once on the way ({} of {blocks})",
        seen.len()
    );
    // Every block was laid out ahead, in an earlier frame, not in the frame that first
    // drew it.
    let late = d.app.article_view.late_layouts;
    assert_eq!(late, 0, "{late} blocks were laid out only when first drawn");
}

#[test]
fn a_long_article_keeps_bounded_layouts_and_lays_out_ahead_when_scrolling_back() {
    let article = big_article(700 * 1024);
    let bytes = common::text_bytes(&article);
    let last = article.blocks.len() + 1 + article.meta.lead.len();
    let mut d = AppDriver::with_article(article);
    d.frame(Vec::new(), false);
    let mut frames = 0;
    while d.last_visible_item() < last && frames < 20_000 {
        let ev = d.scroll_events(150.0);
        d.frame(ev, false);
        frames += 1;
    }
    assert!(d.last_visible_item() >= last, "reached the end");
    let (shaped_down, _) = counters(&d);
    let held = engine(&d.ctx).lock().cached_text();
    assert!(
        held * 2 < bytes,
        "the engine holds layouts of {held} of {bytes} bytes of text after scrolling through"
    );
    // Back to the top: the text near the start was dropped, and is laid out again ahead
    // of the reader, never in the frame that shows it.
    while d
        .app
        .article_view
        .visible_items
        .first()
        .is_none_or(|(i, _)| *i > 0)
        && frames < 40_000
    {
        let ev = d.scroll_events(-150.0);
        d.frame(ev, false);
        frames += 1;
    }
    assert!(
        d.app
            .article_view
            .visible_items
            .first()
            .is_some_and(|(i, _)| *i == 0),
        "back at the top"
    );
    let (shaped_up, _) = counters(&d);
    assert!(
        shaped_up > shaped_down,
        "nothing was shaped again on the way back: the cache was not bounded"
    );
    let late = d.app.article_view.late_layouts;
    assert_eq!(
        late, 0,
        "{late} items were laid out in the frame that showed them"
    );
}

#[test]
fn laying_out_ahead_above_the_view_does_not_move_what_is_on_screen() {
    let article = big_article(200 * 1024);
    let middle = article.blocks.len() / 2;
    let mut d = AppDriver::with_article(article);
    d.frame(Vec::new(), false);
    // Jump to the middle: everything above it is an estimate until laid out.
    d.app.article_view.scroll_to(middle, 0..0);
    d.frame(Vec::new(), false);
    d.frame(Vec::new(), false);
    let shown = d.app.article_view.visible_items.clone();
    assert!(
        shown.iter().any(|(i, _)| *i > middle),
        "the middle block is in view: {shown:?}"
    );
    let measured = d.app.article_view.measured_items();
    // Idle frames keep laying out ahead, above the view too.
    for _ in 0..10 {
        d.frame(Vec::new(), false);
    }
    assert!(
        d.app.article_view.measured_items() > measured,
        "idle frames laid out nothing ahead"
    );
    let now = &d.app.article_view.visible_items;
    for (i, r) in &shown {
        if let Some((_, r2)) = now.iter().find(|(j, _)| j == i) {
            // Offsets are fractional and egui rounds the scrolled content to pixels.
            assert!(
                (r.top() - r2.top()).abs() <= 1.0,
                "item {i} moved from {} to {} while items above it were laid out",
                r.top(),
                r2.top()
            );
        }
    }
}

#[test]
fn scrolling_repeated_text_rasterizes_no_new_glyphs() {
    let one = big_article(1);
    let copies = big_article(4 * common::text_bytes(&one));
    let mut d = AppDriver::with_article(copies);
    d.frame(Vec::new(), false);
    let per_copy = one.blocks.len();
    let mut rasterized_at = Vec::new();
    let mut frames = 0;
    while d.last_visible_item() < 4 * per_copy && frames < 5_000 {
        let ev = d.scroll_events(150.0);
        d.frame(ev, false);
        frames += 1;
        if d.last_visible_item() >= per_copy * (rasterized_at.len() + 1) + 2 {
            rasterized_at.push(counters(&d).1);
        }
    }
    assert!(rasterized_at.len() >= 3, "scrolled through the copies");
    let first = rasterized_at[0];
    let later = rasterized_at[rasterized_at.len() - 1] - rasterized_at[1];
    assert!(
        later * 10 <= first,
        "copies 3.. of the same text rasterized {later} glyphs after {first} for the first"
    );
}

#[test]
fn twice_the_text_is_twice_the_shaping() {
    let a = gahnegar::store::builtin();
    let jobs: Vec<TextJob> = a
        .blocks
        .iter()
        .map(|b| {
            TextJob::new(b.text.as_str())
                .size(17.0)
                .align(Align::Justify)
        })
        .collect();
    let mut eng = TextEngine::new();
    for j in &jobs {
        let _ = eng.layout(j, Some(600.0), 1.0);
    }
    let once = eng.shaped;
    assert_eq!(
        once,
        eng.cached_layouts(),
        "one shaping per distinct paragraph"
    );
    // The same paragraphs again, at other widths: re-broken, not reshaped.
    for w in [300.0, 900.0, 600.0] {
        for j in &jobs {
            let _ = eng.layout(j, Some(w), 1.0);
        }
    }
    assert_eq!(eng.shaped, once, "a new width reshaped text");
    // Twice as many distinct paragraphs: twice the shaping.
    let doubled: Vec<TextJob> = jobs
        .iter()
        .map(|j| TextJob::new(format!("{} ۲", j.text)).size(17.0))
        .collect();
    for j in &doubled {
        let _ = eng.layout(j, Some(600.0), 1.0);
    }
    assert_eq!(eng.shaped, 2 * once);
}

/// A text of `n` dated sentences on single lines (one long block once joined), imported,
/// saved and opened again: the bytes anchor resolution looks at while opening.
fn reopen_work(n: usize) -> (usize, usize) {
    let text: String = (0..n)
        .map(|i| {
            format!(
                "به گزارش خبرگزاری نمونه، وزیر در تاریخ {} مه ۲۰۱۹ گفت که نشست شماره {i} برگزار شد.\n",
                1 + i % 28
            )
        })
        .collect();
    let imported =
        gahnegar::import::import_bytes(text.as_bytes(), "long").unwrap_or_else(|e| panic!("{e}"));
    let ron = gahnegar::store::to_string(&imported.article).unwrap_or_else(|e| panic!("{e}"));
    let before = gahnegar::model::resolve_work();
    let back = gahnegar::store::from_str(&ron, "long.ron").unwrap_or_else(|e| panic!("{e}"));
    let work = gahnegar::model::resolve_work() - before;
    (work, back.events.len())
}

#[test]
fn opening_anchors_in_one_long_block_is_linear() {
    let (small, e1) = reopen_work(300);
    let (large, e4) = reopen_work(1200);
    eprintln!("reopen work {small} → {large} bytes");
    assert!(e1 >= 250 && e4 >= 4 * e1 - 50, "events {e1} / {e4}");
    assert!(
        large <= 5 * small.max(1),
        "4× the text cost {:.1}× the work ({small} → {large} bytes)",
        large as f64 / small.max(1) as f64
    );
}

/// The HTML export of `n` paragraphs, each with a dated event: the bytes anchor
/// resolution looks at while writing it.
fn html_work(n: usize) -> usize {
    let text: String = (0..n)
        .map(|i| {
            format!(
                "نشست شماره {i} در تاریخ {} مه ۲۰۱۹ برگزار شد.\n\n",
                1 + i % 28
            )
        })
        .collect();
    let a = gahnegar::import::import_bytes(text.as_bytes(), "many")
        .unwrap_or_else(|e| panic!("{e}"))
        .article;
    assert!(a.blocks.len() >= n / 2 && a.events.len() >= n / 2);
    let before = gahnegar::model::resolve_work();
    let html = gahnegar::export::html::dump_html(&a);
    assert!(html.contains("cue-e1"));
    gahnegar::model::resolve_work() - before
}

#[test]
fn the_html_export_resolves_each_mark_once() {
    let (small, large) = (html_work(250), html_work(1000));
    eprintln!("html work {small} → {large} bytes");
    assert!(
        large <= 5 * small.max(1),
        "4× the paragraphs cost {:.1}× the work ({small} → {large} bytes)",
        large as f64 / small.max(1) as f64
    );
}

/// The timeline's filter and emphasis sets (by event index) are built when the filters or
/// the selected source change, not every frame; a steady frame with every filter on builds
/// none, whatever the number of events.
#[test]
fn steady_frames_with_filters_build_no_event_sets() {
    let mut d = AppDriver::with_article(common::timeline_article(20_000));
    let a = &d.app.doc.article;
    let lane = a.categories[0].id.clone();
    let source = gahnegar::store::builtin().sources[0].id.clone();
    d.app.push(Command::ToggleLane(lane.as_str().into()));
    d.app.push(Command::SelectSource(source.as_str().into()));
    d.app.push(Command::SetOnlySource(true));
    d.frame(Vec::new(), false);
    d.frame(Vec::new(), false);
    let before = d.app.doc.index.sets_built;
    assert!(before > 0, "the filters never built a set");
    for _ in 0..5 {
        d.frame(Vec::new(), false);
    }
    assert_eq!(
        d.app.doc.index.sets_built, before,
        "steady frames rebuilt the timeline's event sets"
    );
    // Showing the lane again changes the filter: one set is built, once.
    d.app.push(Command::ToggleLane(lane.as_str().into()));
    for _ in 0..3 {
        d.frame(Vec::new(), false);
    }
    assert_eq!(d.app.doc.index.sets_built, before + 1);
}
