//! UI tests of the text engine inside the app: snapshot images of the typography sample
//! (light and dark), and a real drag selection of a Persian word copied with Ctrl+C.

use egui::{Modifiers, Pos2, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::text::TextEngine;
use gahnegar::ui::sample::sample_jobs;
use gahnegar::ui::{GahnegarApp, Page, Theme};

use crate::common::clipboard::press_copy;

fn harness(theme: Theme) -> Harness<'static, GahnegarApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(900.0, 760.0))
        .with_pixels_per_point(1.0)
        .build_ui_state(
            |ui, app: &mut GahnegarApp| app.ui_root(ui),
            GahnegarApp::new(None, None),
        );
    h.state_mut().settings.theme = theme;
    h.state_mut().page = Page::Sample;
    h.run();
    h
}

#[test]
fn sample_snapshot_light() {
    let mut h = harness(Theme::Light);
    h.snapshot("sample_light");
}

#[test]
fn sample_snapshot_dark() {
    let mut h = harness(Theme::Dark);
    h.snapshot("sample_dark");
}

/// The points rectangle of `needle` inside the sample paragraph `id`, computed with the
/// engine at the paragraph's width.
fn word_rect(h: &Harness<'_, GahnegarApp>, id: &str, needle: &str) -> (egui::Rect, String) {
    let size = h.state().settings.font_size;
    let (_, job) = sample_jobs(Theme::Light, size)
        .into_iter()
        .find(|(i, _)| *i == id)
        .unwrap_or_else(|| panic!("sample {id}"));
    let node = h.get_by_label(&job.text);
    let para = node.rect();
    let mut eng = TextEngine::new();
    let shaped = eng.layout(&job, Some(para.width()), 1.0);
    let start = job
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in sample"));
    let rects = shaped.range_rects(start..start + needle.len());
    assert_eq!(rects.len(), 1, "{needle} should sit on one line");
    let r = rects[0];
    let rect = egui::Rect::from_min_max(
        para.min + Vec2::new(r[0], r[1]),
        para.min + Vec2::new(r[2], r[3]),
    );
    (rect, job.text.to_string())
}

#[test]
fn drag_selecting_a_persian_word_copies_it() {
    let mut h = harness(Theme::Light);
    let word = "استراتژیک";
    let (rect, _) = word_rect(&h, "sample-persian", word);
    // Drag from just inside the word's right edge (its logical start) to its left edge.
    let y = rect.center().y;
    let from: Pos2 = pos2(rect.right() - 1.0, y);
    let to: Pos2 = pos2(rect.left() + 1.0, y);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for t in 1..=5 {
        h.hover_at(from + (to - from) * (t as f32 / 5.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    assert_eq!(
        press_copy(&mut h).as_deref(),
        Some(word),
        "Ctrl+C after dragging across «{word}»"
    );
}

#[test]
fn drag_across_latin_inside_persian_copies_it() {
    let mut h = harness(Theme::Light);
    let word = "Zman.co.il";
    let (rect, _) = word_rect(&h, "sample-mixed", word);
    let y = rect.center().y;
    h.drag_at(pos2(rect.left() + 0.5, y));
    h.run();
    for t in 1..=4 {
        h.hover_at(pos2(
            rect.left() + 0.5 + (rect.width() - 1.0) * t as f32 / 4.0,
            y,
        ));
        h.run();
    }
    h.drop_at(pos2(rect.right() - 0.5, y));
    h.run();
    assert_eq!(press_copy(&mut h).as_deref(), Some(word));
}

#[test]
fn font_size_menu_items_change_the_article_size() {
    let mut h = harness(Theme::Light);
    let before = h.state().settings.font_size;
    let s = h.state().strings();
    h.get_by_label(s.menu_view).click();
    h.run();
    h.get_by_label(s.font_larger).click();
    h.run();
    assert_eq!(h.state().settings.font_size, before + 1.0);
    h.get_by_label(s.menu_view).click();
    h.run();
    h.get_by_label(s.font_smaller).click();
    h.run();
    h.get_by_label(s.menu_view).click();
    h.run();
    h.get_by_label(s.font_smaller).click();
    h.run();
    assert_eq!(h.state().settings.font_size, before - 1.0);
    // Ctrl+= zooms the whole window instead (tests/ui_shell.rs).
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Equals);
    h.run();
    assert_eq!(h.state().settings.font_size, before - 1.0);
}

/// Vertices of all meshes the last frame painted.
fn painted_vertices<S>(h: &Harness<'_, S>) -> usize {
    h.output()
        .shapes
        .iter()
        .map(|c| match &c.shape {
            egui::Shape::Mesh(m) => m.vertices.len(),
            _ => 0,
        })
        .sum()
}

#[test]
fn a_paragraph_of_a_hundred_thousand_words_draws_only_what_shows() {
    use gahnegar::text::{Paragraph, TextJob};
    // One paragraph, no line breaks: about 1.3 million characters.
    let text: std::sync::Arc<str> = "در این گزارش آمده است که نشست بعدی در پاییز برگزار می‌شود. "
        .repeat(22_000)
        .into();
    let mut h = Harness::builder()
        .with_size(Vec2::new(600.0, 400.0))
        .with_pixels_per_point(1.0)
        .build_ui_state(
            |ui, text: &mut std::sync::Arc<str>| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    Paragraph::new(TextJob::new(text.clone()).size(16.0)).show(ui);
                });
            },
            text,
        );
    h.run();
    let v = painted_vertices(&h);
    // A screenful of text is a few thousand glyphs; the whole paragraph is millions.
    assert!(v > 1_000 && v < 40_000, "{v} vertices painted");
}
