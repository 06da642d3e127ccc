//! Sources from the article's text through real input (issue 16): words selected by a
//! drag become a new source (its kind chosen in the dialog) and, selected again, a claim
//! of an existing source linked to the event dated inside them; both undo.

use crate::common::Settle as _;
use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::model::SourceKind;
use gahnegar::ui::{GahnegarApp, Modal};

use crate::ui_edit::{choose_on_words, harness, word_rect};

/// Selects by dragging from `from_x` to `to_x` at height `y`, then opens the selection's
/// context menu where the drag began (plain words, not a link) and chooses `entry`.
fn drag_and_choose(h: &mut Harness<'_, GahnegarApp>, from_x: f32, to_x: f32, y: f32, entry: &str) {
    let (from, to) = (egui::pos2(from_x, y), egui::pos2(to_x, y));
    h.hover_at(from);
    h.settle();
    h.drag_at(from);
    h.settle();
    for t in 1..=5 {
        h.hover_at(from + (to - from) * (t as f32 / 5.0));
        h.settle();
    }
    h.drop_at(to);
    h.settle();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: egui::pos2(from_x + (to_x - from_x).signum() * 12.0, y),
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.settle();
    h.get_by_label(entry).click();
    h.settle();
}

fn press(h: &mut Harness<'_, GahnegarApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.settle();
}

#[test]
fn selected_words_become_a_new_source_and_a_claim_of_another() {
    let (mut h, _dir) = harness();
    let opened = h.state().doc.article.clone();

    // New source: the name comes from the words, the kind is chosen.
    let r = word_rect(&h, "p1", "جمهوری آذربایجان");
    choose_on_words(&mut h, r, "منبع تازه…");
    let Some(Modal::NewSource { name, .. }) = h.state().modal.clone() else {
        panic!("no new-source dialog: {:?}", h.state().modal);
    };
    assert_eq!(name, "جمهوری آذربایجان");
    h.snapshot("new_source_dialog_fa");
    h.get_by_role_and_label(Role::RadioButton, "مقام رسمی")
        .click();
    h.settle();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let a = h.state().doc.article.clone();
    assert_eq!(a.sources.len(), opened.sources.len() + 1);
    let s = a
        .sources
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("no source"));
    assert_eq!(
        (s.name.as_str(), s.kind),
        ("جمهوری آذربایجان", SourceKind::Official)
    );
    assert_eq!(s.mentions[0].exact, "جمهوری آذربایجان");
    assert_eq!(
        h.state().selection.source.as_ref().map(|x| x.as_str()),
        Some(s.id.as_str())
    );

    // A claim of Lavrov's: the quote holds the dates of an event, which it supports.
    let quote = "نوامبر ۲۰۲۱ تا مارس ۲۰۲۲ مذاکرات ادامه یافت";
    let r = word_rect(&h, "p2", quote);
    // Dragged from its end (plain words, on the left) to its start (a date link).
    drag_and_choose(
        &mut h,
        r.left() + 1.0,
        r.right() - 1.0,
        r.center().y,
        "افزودن به‌عنوان ادعای…",
    );
    let Some(Modal::Claim { anchor, source }) = h.state().modal.clone() else {
        panic!("no claim dialog: {:?}", h.state().modal);
    };
    assert_eq!(anchor.exact, quote);
    assert_eq!(source, s.id, "the selected source is offered first");
    let combo = h.get_by_role_and_label(Role::ComboBox, "منبع").rect();
    h.get_by_role_and_label(Role::ComboBox, "منبع").click();
    h.settle();
    // The list's row, not the article's link of the same name: the one under the box.
    let row = h
        .query_all_by_role_and_label(Role::Button, "سرگئی لاوروف")
        .filter(|n| n.rect().top() >= combo.bottom() - 1.0)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap_or_else(|| panic!("no row «سرگئی لاوروف» in the list"));
    row.click();
    h.settle();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let a = h.state().doc.article.clone();
    let c = a
        .claims
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("no claim"));
    assert_eq!((c.source.as_str(), c.anchor.exact.as_str()), ("s3", quote));
    let dated: Vec<String> = a
        .events
        .iter()
        .filter(|e| quote.contains(&e.anchor.exact) && e.anchor.block == "p2")
        .map(|e| e.id.clone())
        .collect();
    assert!(!dated.is_empty());
    assert_eq!(c.events, dated);

    // Both undo, in turn.
    h.get_by_label(&a.meta.title).click();
    h.settle();
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc.article.claims, opened.claims);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc.article, opened);
}

#[test]
fn a_claims_certainty_is_set_in_the_sources_panel_and_the_legend_explains_the_marks() {
    // Tall enough for the whole edit panel and the selected source's claims.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = dir.path().join("mini.ron");
    std::fs::copy(crate::common::mini_path(), &copy).unwrap_or_else(|e| panic!("{e}"));
    let mut h = crate::common::app_harness(egui::Vec2::new(1280.0, 1000.0));
    h.state_mut().open_path(&copy);
    h.settle();
    // An event confirmed in its edit panel: the timeline rings it, the legend says so.
    let e1 = h
        .state()
        .doc
        .article
        .event("e1")
        .cloned()
        .unwrap_or_else(|| panic!("e1"));
    h.get_by_label(&format!("{} — {}", e1.date.wording, e1.label))
        .click();
    h.settle();
    press(&mut h, Modifiers::NONE, Key::F2);
    h.get_by_role_and_label(Role::RadioButton, "تأییدشده")
        .click();
    h.settle();
    h.get_by_label("بستن").click();
    h.settle();
    assert_eq!(
        h.state().doc.article.event("e1").map(|e| e.certainty),
        Some(gahnegar::model::Certainty::Confirmed)
    );

    // Lavrov's claim, through his name in the article: its certainty in the panel.
    h.get_by_role_and_label(Role::Link, "سرگئی لاوروف (سرگئی لاوروف)")
        .click();
    h.settle();
    let combo = h.get_by_role_and_label(Role::ComboBox, "قطعیت");
    assert_eq!(combo.value().as_deref(), Some("گزارش‌شده"));
    combo.click();
    h.settle();
    let row = h.get_by_role_and_label(Role::Button, "مورد تردید");
    row.click();
    h.settle();
    let claim = |h: &Harness<'_, GahnegarApp>| {
        h.state()
            .doc
            .article
            .claims
            .iter()
            .find(|c| c.source == "s3")
            .map(|c| c.certainty)
    };
    assert_eq!(claim(&h), Some(gahnegar::model::Certainty::Disputed));
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "قطعیت")
            .value()
            .as_deref(),
        Some("مورد تردید")
    );
    h.snapshot("certainty_in_sources_fa");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(claim(&h), Some(gahnegar::model::Certainty::Reported));
}
