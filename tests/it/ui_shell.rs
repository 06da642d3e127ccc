//! The mirrored shell (issue 12) driven through AccessKit labels and real key events:
//! numbers in the UI's digits, mirrored check boxes, Esc and Enter in their order, Save in
//! the unsaved-changes prompt, File → Recent, the zoom of the whole window, and snapshots
//! of the View menu and the find bar in the Persian UI.

use crate::common::Settle as _;
use crate::common::{app_harness, wait_for_import};
use egui::{Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gahnegar::store;
use gahnegar::ui::{Command, GahnegarApp, Lang, Modal, Page, PathPurpose, Selection};

fn harness() -> Harness<'static, GahnegarApp> {
    app_harness(Vec2::new(1280.0, 820.0))
}

/// Opens the find bar and types `query` into its field.
fn find(h: &mut Harness<'_, GahnegarApp>, query: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.settle();
    let field = h.get_by_role_and_label(egui::Role::TextInput, h.state().strings().find);
    field.focus();
    field.type_text(query);
    h.settle();
}

#[test]
fn the_find_counter_reads_in_the_ui_digits() {
    let mut h = harness();
    // A year the built-in article names several times, typed in Latin digits.
    find(&mut h, "2024");
    let n = h.state().article_view.find.matches.len();
    assert!(n >= 3, "«2024» is found several times: {n}");
    let fa = format!("۱ از {}", Lang::Fa.num(n));
    let counter = h.get_by_label(&fa);
    assert!(
        counter
            .value()
            .is_some_and(|v| !v.chars().any(|c| c.is_ascii_digit())),
        "no Latin digit in the Persian counter"
    );
    h.get_by_label(h.state().strings().find_next).click();
    h.settle();
    let _second = h.get_by_label(&format!("۲ از {}", Lang::Fa.num(n)));
    // The text the engine draws isolates each number, so «۲ از ۵۲» never reorders.
    let drawn = h
        .state()
        .article_view
        .find_counter(Lang::Fa)
        .unwrap_or_default();
    assert_eq!(
        drawn,
        format!("\u{2068}۲\u{2069} از \u{2068}{}\u{2069}", Lang::Fa.num(n))
    );

    h.state_mut().push(Command::SetLang(Lang::En));
    h.settle();
    let _en = h.get_by_label(&format!("2 of {n}"));
    assert!(
        h.query_by_label(&format!("۲ از {}", Lang::Fa.num(n)))
            .is_none(),
        "the Persian counter is gone in the English UI"
    );
}

#[test]
fn a_mirrored_check_box_toggles_and_reports_its_state() {
    let mut h = harness();
    let a = h.state().doc.article.clone();
    let cat = a
        .categories
        .iter()
        .find(|c| a.events.iter().any(|e| e.category == c.id))
        .unwrap_or_else(|| panic!("the built-in article has events in a category"));
    let n = a.events.iter().filter(|e| e.category == cat.id).count();
    let label = format!("{} ({})", cat.name(true), Lang::Fa.num(n));
    let toggled = |h: &Harness<'_, GahnegarApp>| {
        h.get_by_role_and_label(egui::Role::CheckBox, &label)
            .accesskit_node()
            .toggled()
    };
    assert_eq!(
        toggled(&h),
        Some(egui::accesskit::Toggled::True),
        "shown at first"
    );
    // The filters sit at the end of the sources panel.
    h.get_by_role_and_label(egui::Role::CheckBox, &label)
        .scroll_to_me();
    h.settle();
    h.get_by_role_and_label(egui::Role::CheckBox, &label)
        .click();
    h.settle();
    // Boxes on the right, labels to their left, counts in Persian digits.
    h.snapshot("filters_fa");
    assert!(
        h.state().settings.hidden_lanes.contains(cat.id.as_str()),
        "a click hides the category's events"
    );
    assert_eq!(toggled(&h), Some(egui::accesskit::Toggled::False));
    h.get_by_role_and_label(egui::Role::CheckBox, &label)
        .click();
    h.settle();
    assert!(!h.state().settings.hidden_lanes.contains(cat.id.as_str()));
    assert_eq!(toggled(&h), Some(egui::accesskit::Toggled::True));
}

#[test]
fn view_menu_radio_buttons_choose_the_calendar() {
    let mut h = harness();
    let s = h.state().strings();
    h.get_by_label(s.menu_view).click();
    h.settle();
    let radio = h.get_by_role_and_label(egui::Role::RadioButton, s.cal_solar);
    assert_eq!(
        radio.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False)
    );
    radio.click();
    h.settle();
    assert_eq!(
        h.state().settings.calendar,
        gahnegar::ui::timeline::CalendarMode::SolarHijri
    );
}

#[test]
fn escape_closes_the_dialog_then_find_then_the_sample_then_the_selection() {
    let mut h = harness();
    let ev = h.state().doc.article.events[0].id.clone();
    h.state_mut().push(Command::SelectEvent(ev.as_str().into()));
    h.settle();
    find(&mut h, "علی");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.settle();
    assert!(matches!(h.state().modal, Some(Modal::Path { .. })));

    h.key_press(egui::Key::Escape);
    h.settle();
    assert!(h.state().modal.is_none(), "Esc cancels the dialog first");
    assert!(h.state().article_view.find.open, "and leaves the find bar");

    h.key_press(egui::Key::Escape);
    h.settle();
    assert!(!h.state().article_view.find.open, "then Esc closes find");
    assert_eq!(h.state().selection.event_id(), Some(ev.as_str()));

    h.state_mut().push(Command::ShowPage(Page::Sample));
    h.settle();
    h.key_press(egui::Key::Escape);
    h.settle();
    assert_eq!(h.state().page, Page::Article, "then Esc leaves the sample");
    assert_eq!(h.state().selection.event_id(), Some(ev.as_str()));

    h.key_press(egui::Key::Escape);
    h.settle();
    assert_eq!(
        h.state().selection,
        Selection::default(),
        "then Esc clears the selection"
    );
}

#[test]
fn the_sample_has_a_close_button() {
    let mut h = harness();
    h.state_mut().push(Command::ShowPage(Page::Sample));
    h.settle();
    h.get_by_label(h.state().strings().close_sample).click();
    h.settle();
    assert_eq!(h.state().page, Page::Article);
}

#[test]
fn enter_confirms_and_escape_cancels_the_path_prompt_and_the_overwrite_dialog() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("article.ron");
    let mut other = store::builtin();
    other.meta.title = "عنوانی دیگر برای آزمون".to_owned();
    store::save(&other, &path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    let s = h.state().strings();
    let type_path = |h: &mut Harness<'_, GahnegarApp>, p: &std::path::Path| {
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
        h.settle();
        let field = h.get_by_label(s.path_prompt_open);
        field.focus();
        field.type_text(&p.display().to_string());
        h.settle();
    };
    type_path(&mut h, &path);
    h.key_press(egui::Key::Escape);
    h.settle();
    assert!(h.state().modal.is_none(), "Esc cancels the prompt");
    assert!(h.state().doc.path.is_none(), "and opens nothing");

    type_path(&mut h, &path);
    h.key_press(egui::Key::Enter);
    h.settle();
    assert_eq!(
        h.state().doc.path.as_deref(),
        Some(path.as_path()),
        "Enter opens"
    );
    assert_eq!(h.state().doc.article.meta.title, other.meta.title);

    // Saving over another existing file asks; Esc keeps the file, Enter replaces it.
    let kept = dir.path().join("kept.ron");
    std::fs::write(&kept, "keep me").unwrap_or_else(|e| panic!("{e}"));
    h.state_mut().push(Command::SaveTo(kept.clone()));
    h.settle();
    let _ask = h.get_by_label(s.overwrite_title);
    h.key_press(egui::Key::Escape);
    h.settle();
    assert!(h.state().modal.is_none());
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap_or_default(),
        "keep me"
    );
    h.state_mut().push(Command::SaveTo(kept.clone()));
    h.settle();
    let _ask = h.get_by_label(s.overwrite_title);
    h.key_press(egui::Key::Enter);
    h.settle();
    let saved = store::load(&kept).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved, h.state().doc.article, "Enter replaced the file");
}

/// What the path prompt on screen is for, if one is.
fn prompt(h: &Harness<'_, GahnegarApp>) -> Option<PathPurpose> {
    match h.state().modal {
        Some(Modal::Path { purpose, .. }) => Some(purpose),
        _ => None,
    }
}

/// Moves the first event to another category: an edit that makes the document unsaved.
fn edit(h: &mut Harness<'_, GahnegarApp>) -> String {
    let a = &h.state().doc.article;
    let first = a.events[0].clone();
    let lane = a
        .categories
        .iter()
        .map(|c| c.id.clone())
        .find(|id| *id != first.category)
        .unwrap_or_else(|| panic!("a second category"));
    h.state_mut()
        .push(Command::SetLane(first.id.into(), lane.as_str().into()));
    h.settle();
    assert!(h.state().doc.is_dirty());
    lane
}

#[test]
fn save_in_the_unsaved_prompt_saves_then_goes_on() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("article.ron");
    store::save(&store::builtin(), &path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    let s = h.state().strings();
    h.state_mut().push(Command::Open(path.clone()));
    h.settle();
    let lane = edit(&mut h);
    // Back to the built-in article: the prompt offers Save, which saves to the article's
    // own file and then opens the built-in one.
    h.state_mut().push(Command::OpenBuiltin);
    h.settle();
    let _prompt = h.get_by_label(s.unsaved_title);
    h.get_by_role_and_label(egui::Role::Button, s.save).click();
    h.settle();
    let saved = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.events[0].category, lane, "the edit was saved");
    assert!(
        h.state().doc.path.is_none(),
        "then the built-in article opened"
    );
    assert!(!h.state().doc.is_dirty());

    // The built-in article has no file: Save goes through Save As, then opens.
    let lane = edit(&mut h);
    let copy = dir.path().join("copy.ron");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.settle();
    h.key_press(egui::Key::Enter);
    h.settle();
    assert_eq!(
        prompt(&h),
        Some(PathPurpose::Save),
        "Enter chose Save, which asks where"
    );
    let field = h.get_by_label(s.path_prompt_save);
    field.focus();
    field.type_text(&copy.display().to_string());
    h.settle();
    h.key_press(egui::Key::Enter);
    h.settle();
    let saved = store::load(&copy).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.events[0].category, lane, "saved where asked");
    assert_eq!(
        prompt(&h),
        Some(PathPurpose::Open),
        "then the open prompt it was waiting for"
    );
}

#[test]
fn recent_lists_opened_and_imported_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ron = dir.path().join("opened.ron");
    store::save(&store::builtin(), &ron).unwrap_or_else(|e| panic!("{e}"));
    let txt = dir.path().join("imported.txt");
    std::fs::write(
        &txt,
        "شورای شهر در ۱۲ مهر ۱۴۰۲ بودجه‌ی کتابخانه‌ها را دو برابر کرد.\n\n\
         به گفته‌ی رئیس شورا، کار ساخت سه کتابخانه‌ی تازه در بهار ۲۰۲۴ آغاز می‌شود.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    h.state_mut().push(Command::Open(ron.clone()));
    h.settle();
    h.state_mut().push(Command::Import(txt.clone()));
    h.settle();
    wait_for_import(&mut h);
    h.settle();
    // Opening the same file again lists it once.
    h.state_mut().push(Command::Open(ron.clone()));
    h.settle();
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        h.state().settings.recent,
        vec![canon(&ron), canon(&txt)],
        "most recent first, once each"
    );
    let s = h.state().strings();
    h.get_by_label(s.menu_file).click();
    h.settle();
    h.get_by_label(s.recent).click();
    h.settle();
    for p in [&ron, &txt] {
        let _row = h.get_by_role_and_label(egui::Role::Button, &canon(p).display().to_string());
    }
    // Clicking the imported file imports it again (a review follows).
    h.get_by_role_and_label(egui::Role::Button, &canon(&txt).display().to_string())
        .click();
    h.settle();
    wait_for_import(&mut h);
    h.settle();
    assert!(h.state().review.is_some(), "the import is reviewed");
}

/// The height in physical pixels of the node labelled `label`.
fn pixel_height(h: &Harness<'_, GahnegarApp>, label: &str) -> f64 {
    let node = h.get_by_label(label);
    let b = node
        .accesskit_node()
        .bounding_box()
        .unwrap_or_else(|| panic!("{label} has no bounds"));
    b.y1 - b.y0
}

#[test]
fn ctrl_equals_zooms_the_whole_window() {
    let mut h = harness();
    let a = h.state().doc.article.clone();
    let source = a.sources[0].name.clone();
    let fit = h.state().strings().fit_all;
    let font = h.state().settings.font_size;
    let (src_h, fit_h) = (pixel_height(&h, &source), pixel_height(&h, fit));
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Equals);
    h.settle();
    h.settle();
    let zoom = h.state().settings.zoom;
    assert!((zoom - 1.1).abs() < 1e-4, "Ctrl+= zooms in a step: {zoom}");
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    assert_eq!(
        h.state().settings.font_size,
        font,
        "the article's size is apart"
    );
    for (label, before) in [(source.as_str(), src_h), (fit, fit_h)] {
        let after = pixel_height(&h, label);
        assert!(
            (after / before - 1.1).abs() < 0.05,
            "{label}: {before} px became {after} px"
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Minus);
    h.settle();
    assert!((h.state().settings.zoom - 0.9).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num0);
    h.settle();
    h.settle();
    assert!((h.state().settings.zoom - 1.0).abs() < 1e-4);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-4);
}

#[test]
fn the_zoom_slider_steps_by_accesskit() {
    let mut h = harness();
    let s = h.state().strings();
    h.get_by_label(s.menu_view).click();
    h.settle();
    h.get_by_role_and_label(egui::Role::Slider, s.zoom_ui)
        .increment_accesskit();
    h.settle();
    assert!((h.state().settings.zoom - 1.1).abs() < 1e-4);
}

#[test]
fn the_mirrored_combo_box_moves_an_event_to_another_category() {
    let mut h = harness();
    let a = h.state().doc.article.clone();
    let e = a.events[0].clone();
    let other = a
        .categories
        .iter()
        .find(|c| c.id != e.category)
        .unwrap_or_else(|| panic!("a second category"));
    h.state_mut()
        .push(Command::SelectEvent(e.id.as_str().into()));
    h.settle();
    let s = h.state().strings();
    let combo = h.get_by_role_and_label(egui::Role::ComboBox, s.lane);
    assert_eq!(
        combo.value().as_deref(),
        Some(a.category(&e.category).name(true))
    );
    combo.click();
    h.settle();
    h.get_by_label(other.name(true)).click();
    h.settle();
    assert_eq!(h.state().doc.article.events[0].category, other.id);
}

#[test]
fn view_menu_snapshot_fa() {
    let mut h = app_harness(Vec2::new(900.0, 620.0));
    let s = h.state().strings();
    h.get_by_label(s.menu_view).click();
    h.settle();
    h.snapshot("view_menu_fa");
}

#[test]
fn find_bar_snapshot_fa() {
    let mut h = app_harness(Vec2::new(1100.0, 520.0));
    find(&mut h, "2024");
    h.get_by_label(h.state().strings().find_next).click();
    h.settle();
    h.snapshot("find_bar_fa");
}

#[test]
fn unsaved_prompt_snapshot_fa() {
    let mut h = app_harness(Vec2::new(900.0, 520.0));
    edit(&mut h);
    h.state_mut().push(Command::OpenBuiltin);
    h.settle();
    h.snapshot("unsaved_prompt_fa");
}

#[test]
fn recent_menu_snapshot_fa() {
    let mut h = app_harness(Vec2::new(900.0, 420.0));
    // Paths of no real files: the menu only lists them.
    h.state_mut().settings.recent = vec![
        "/home/reader/news/2024/tehran-water.ron".into(),
        "/home/reader/Documents/a very long folder name for archived reports/2023/budget.txt"
            .into(),
        "/tmp/گزارش‌ها/شورای-شهر.ron".into(),
    ];
    let s = h.state().strings();
    h.get_by_label(s.menu_file).click();
    h.settle();
    h.get_by_label(s.recent).click();
    h.settle();
    h.snapshot("recent_menu_fa");
}

#[test]
fn a_long_message_scrolls_and_its_button_stays_on_screen() {
    let mut h = app_harness(Vec2::new(800.0, 600.0));
    let body: Vec<String> = (0..400)
        .map(|i| format!("claim c{i}: the quote «نقل‌قول {i}» is not in the text"))
        .collect();
    h.state_mut().modal = Some(Modal::Message {
        title: "خطا".into(),
        body: body.join("\n"),
    });
    h.run();
    let close = h.get_by_label(Lang::Fa.strings().dismiss);
    let r = close.rect();
    assert!(
        r.top() >= 0.0 && r.bottom() <= 600.0,
        "the button is off screen: {r:?}"
    );
    close.click();
    h.run();
    assert!(h.state().modal.is_none());
}
