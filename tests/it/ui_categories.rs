//! The categories panel (Edit → Categories…) through real input: a category added and
//! renamed in Persian and English, recoloured and moved up, another deleted with its
//! events moved to the new one, each an edit that Ctrl+Z undoes; a snapshot of the panel.

use egui::{Key, Modifiers, Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::model::Rgb;
use gahnegar::ui::GahnegarApp;

use crate::common::{app_harness, mini_path};

fn press(h: &mut Harness<'_, GahnegarApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_ok();
}

/// Replaces what the text field `label` holds by `text`, then presses Enter.
fn retype(h: &mut Harness<'_, GahnegarApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run_ok();
    press(h, Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run_ok();
    press(h, Modifiers::NONE, Key::Enter);
}

fn click(h: &mut Harness<'_, GahnegarApp>, label: &str) {
    h.get_by_label(label).click();
    h.run_ok();
}

#[test]
fn categories_are_added_renamed_recoloured_moved_and_deleted_each_undoably() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = dir.path().join("mini.ron");
    std::fs::copy(mini_path(), &copy).unwrap_or_else(|e| panic!("{e}"));
    // Tall enough for the whole panel above the timeline, without scrolling.
    let mut h = app_harness(Vec2::new(1280.0, 1000.0));
    h.state_mut().open_path(&copy);
    h.run_ok();
    let opened = h.state().doc.article.clone();
    let n = opened.categories.len();

    click(&mut h, "ویرایش");
    click(&mut h, "دسته‌ها…");
    click(&mut h, "افزودن دسته");
    let added = h.state().doc.article.categories.clone();
    assert_eq!(added.len(), n + 1, "one category added at the end");
    let new_id = added[n].id.clone();

    retype(&mut h, "نام فارسی", "حقوق بشر");
    retype(&mut h, "نام انگلیسی", "Human rights");
    let c = &h.state().doc.article.categories[n];
    assert_eq!(
        (c.id.as_str(), c.fa.as_str(), c.en.as_str()),
        (new_id.as_str(), "حقوق بشر", "Human rights")
    );
    // Its row in the list names it in Persian with its (Persian) count of events.
    let _row = h.get_by_label("حقوق بشر ۰ رویداد");

    click(&mut h, "رنگ #e15759");
    assert_eq!(
        h.state().doc.article.categories[n].color,
        Rgb([0xE1, 0x57, 0x59])
    );
    click(&mut h, "بالاتر");
    assert_eq!(
        h.state().doc.article.category_index(&new_id),
        Some(n - 1),
        "moved up one lane"
    );
    h.snapshot("categories_panel_fa");

    // Delete the first event's category, its events moving to the new one.
    let gone = opened.events[0].category.clone();
    let moved: Vec<String> = opened
        .events
        .iter()
        .filter(|e| e.category == gone)
        .map(|e| e.id.clone())
        .collect();
    let gone_name = opened.category(&gone).fa.clone();
    click(
        &mut h,
        &format!(
            "{gone_name} {} رویداد",
            gahnegar::ui::Lang::Fa.num(moved.len())
        ),
    );
    h.get_by_role_and_label(Role::ComboBox, "رویدادهایش به")
        .click();
    h.run_ok();
    h.get_by_role_and_label(Role::Button, "حقوق بشر").click();
    h.run_ok();
    click(&mut h, "حذف دسته");
    let a = h.state().doc.article.clone();
    assert!(a.category_index(&gone).is_none(), "deleted");
    for id in &moved {
        assert_eq!(
            a.event(id).map(|e| e.category.as_str()),
            Some(new_id.as_str())
        );
    }

    // Each step undoes on its own, back to the article as opened.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let a = h.state().doc.article.clone();
    assert!(a.category_index(&gone).is_some(), "the delete undone");
    for id in &moved {
        assert_eq!(
            a.event(id).map(|e| e.category.as_str()),
            Some(gone.as_str())
        );
    }
    assert_eq!(
        a.categories[n - 1].fa,
        "حقوق بشر",
        "the move not yet undone"
    );
    for _ in 0..5 {
        press(&mut h, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(
        h.state().doc.article,
        opened,
        "move, colour, names and add undone"
    );
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        h.state().doc.article.categories.len(),
        n + 1,
        "redo adds it again"
    );
}
