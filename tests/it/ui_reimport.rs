//! File → Re-import text… driven through AccessKit labels and real input: the changed
//! text of the open article goes through the review and merges into it, the reader's
//! notes, highlights and own event kept where their text now is, the orphan listed with
//! the problems and counted in a message (snapshot); undo and redo the whole re-import.

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gahnegar::ui::{Command, GahnegarApp, Lang, Modal};

use crate::common::{app_harness, wait_for_import};
use crate::reimport::{check_carried, read, work};

/// Every AccessKit label or value in the window that contains `part`.
fn texts_with(h: &Harness<'_, GahnegarApp>, part: &str) -> Vec<String> {
    h.query_all_by(|_| true)
        .flat_map(|n| {
            let n = n.accesskit_node();
            [n.label(), n.value()]
        })
        .flatten()
        .filter(|t| t.contains(part))
        .collect()
}

#[test]
fn re_importing_a_changed_text_keeps_the_readers_work_and_undoes_as_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let before = dir.path().join("energy.txt");
    let after = dir.path().join("energy-2.txt");
    std::fs::write(&before, read("reimport-before-fa.txt")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&after, read("reimport-after-fa.txt")).unwrap_or_else(|e| panic!("{e}"));
    let mut h = app_harness(Vec2::new(1280.0, 820.0));
    h.state_mut().open_path(&before);
    h.run_ok();
    // The reader's work, as the app's own edits.
    for e in work(&h.state().doc.article) {
        h.state_mut().push(Command::Edit(Box::new(e)));
    }
    h.run_ok();
    let worked = h.state().doc.article.clone();
    assert_eq!(worked.highlights.len(), 2);

    // File → Re-import text…, the path typed into the prompt, Enter.
    let s = h.state().strings();
    h.get_by_label(s.menu_file).click();
    h.run_ok();
    h.get_by_label("درون‌ریزی دوبارهٔ متن…").click();
    h.run_ok();
    let field = h.get_by_label("مسیر متن تازهٔ این نوشته:");
    field.focus();
    field.type_text(&after.display().to_string());
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    wait_for_import(&mut h);
    h.run_ok();
    assert!(h.state().review.is_some(), "the new text is reviewed first");
    h.get_by_label("ادغام در نوشتهٔ باز").click();
    h.run_ok();

    // The message counts what was found again and the orphan.
    let Some(Modal::Message { body, .. }) = h.state().modal.clone() else {
        panic!("no message: {:?}", h.state().modal);
    };
    assert!(
        body.contains("۱ مورد در متن تازه پیدا نشد و نگه داشته شد"),
        "{body}"
    );
    h.snapshot("reimport_message_fa");
    h.get_by_label(s.dismiss).click();
    h.run_ok();
    assert!(h.state().modal.is_none());

    let merged = h.state().doc.article.clone();
    check_carried(&merged);
    assert!(h.state().doc.is_dirty());
    // The orphan is in the problems line, in Persian.
    let orphan = texts_with(&h, "پس از درون‌ریزی دوباره در متن پیدا نشد");
    assert_eq!(orphan.len(), 1, "{orphan:?}");
    assert!(
        orphan[0].contains("به دلیل افت بهای نفت کاهش یافت"),
        "{orphan:?}"
    );

    // One undo takes the whole re-import back; redo brings it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.article, worked);
    assert!(texts_with(&h, "پس از درون‌ریزی دوباره").is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_ok();
    assert_eq!(h.state().doc.article, merged);
    assert_eq!(h.state().settings.lang, Lang::Fa);
}
