//! A block of millions of characters (what import made of a text with single newlines, and
//! what crashed wgpu: finding 4 of issue 15) opened from a real file, found in, scrolled to
//! its middle and drawn: the text there is shown, its date is clickable, and what is painted
//! is a screenful.

use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::model::{Anchor, Article, Block, BlockKind, Day, Event, FuzzyDate};
use gahnegar::store;
use gahnegar::ui::GahnegarApp;

use crate::common::Settle as _;
use crate::common::{app_harness, mini};

/// The marker sentence in the middle of the long block, and its date's wording.
pub const MARKER: &str = "کاروانسرای شاه‌عباسی در ۱۲ مه ۲۰۱۹ بازگشایی شد.";
const CUE: &str = "۱۲ مه ۲۰۱۹";

/// `mini.ron` with one more block of about `chars` characters of Persian sentences (no
/// newline), the marker sentence in its middle and an event anchored on its date.
pub fn with_long_block(chars: usize) -> Article {
    let mut a = mini();
    let sentence = "در این گزارش آمده است که نشست بعدی هیئت‌ها در پاییز برگزار می‌شود. ";
    let half = sentence.repeat(chars / sentence.chars().count() / 2);
    let text = format!("{half}{MARKER} {half}");
    let at = text.find(CUE).unwrap_or_else(|| panic!("no cue"));
    let category = a
        .events
        .first()
        .map_or_else(String::new, |e| e.category.clone());
    a.blocks.push(Block {
        id: "long".to_owned(),
        kind: BlockKind::Paragraph,
        text,
        sidebar: false,
        page: None,
    });
    let day = Day::new(2019, 5, 12).unwrap_or_else(|e| panic!("{e}"));
    let mut anchor = Anchor::new("long", CUE);
    anchor.at = Some(at);
    a.events.push(Event {
        id: "e-long".to_owned(),
        date: FuzzyDate::day(day, CUE),
        category,
        label: "بازگشایی کاروانسرا".to_owned(),
        anchor,
        certainty: Default::default(),
        origin: Default::default(),
        note: String::new(),
    });
    a
}

/// Vertices of all meshes the last frame painted.
fn painted_vertices(h: &Harness<'_, GahnegarApp>) -> usize {
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
fn a_block_of_millions_of_characters_opens_scrolls_and_draws() {
    let a = with_long_block(3_000_000);
    let long = a.blocks.len() - 1;
    assert!(a.blocks[long].text.chars().count() > 2_900_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("long.ron");
    store::save(&a, &path).unwrap_or_else(|e| panic!("{e}"));

    let mut h = app_harness(Vec2::new(1000.0, 700.0));
    h.state_mut().open_path(&path);
    h.settle();
    assert_eq!(h.state().doc.article.blocks.len(), a.blocks.len(), "opened");

    // Find the marker word: the view scrolls to the middle of the long block.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.settle();
    let field = h.get_by_role_and_label(egui::Role::TextInput, h.state().strings().find);
    field.focus();
    field.type_text("کاروانسرا");
    h.settle();
    h.settle();
    assert_eq!(h.state().article_view.find.matches.len(), 1);

    // The piece holding the marker is drawn inside the window, with the marker's text.
    let node = h.get_by_label_contains(MARKER);
    let r = node.rect();
    assert!(
        r.top() < 700.0 && r.bottom() > 0.0,
        "the marker's paragraph is on screen: {r:?}"
    );
    assert!(
        r.height() < 2_000.0,
        "a piece of the block, not the whole block, is one paragraph: {r:?}"
    );
    // Its date is a link at its place in the piece: clicking it selects the event.
    let link_label = format!("{CUE} — بازگشایی کاروانسرا");
    let link = h.get_by_label(&link_label);
    let lr = link.rect();
    assert!(
        lr.top() > 0.0 && lr.bottom() < 700.0,
        "the date is on screen: {lr:?}"
    );
    link.click();
    h.settle();
    assert_eq!(h.state().selection.event_id(), Some("e-long"));
    let v = painted_vertices(&h);
    assert!(v > 1_000 && v < 60_000, "{v} vertices painted");
    h.snapshot("long_block_middle");
}
