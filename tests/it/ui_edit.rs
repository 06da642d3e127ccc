//! Editing and annotation (issue 16) through real input: a date corrected by typing a
//! Persian wording in the edit panel, an event made from words selected in the article
//! (on the timeline, and linked back to its text), a Persian note on a passage, undo and
//! redo of each with the keyboard, a save that reopens identical, a recovery file offered
//! at start; snapshots of the edit panel and of a note.

use egui::{Event, Key, Modifiers, Pos2, Rect, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::model::{Certainty, Origin};
use gahnegar::persian::date_entry;
use gahnegar::store;
use gahnegar::text::{Align, Direction, TextEngine, TextJob};
use gahnegar::ui::GahnegarApp;

use crate::common::Settle as _;
use crate::common::{app_harness, mini_path};

/// The app on a copy of the small test article (saving writes to the copy), and the
/// folder holding the copy.
pub fn harness() -> (Harness<'static, GahnegarApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = dir.path().join("mini.ron");
    std::fs::copy(mini_path(), &copy).unwrap_or_else(|e| panic!("{e}"));
    let mut h = app_harness(Vec2::new(1280.0, 820.0));
    h.state_mut().open_path(&copy);
    h.settle();
    (h, dir)
}

fn press(h: &mut Harness<'_, GahnegarApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.settle();
}

const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Clicks at `p` with the primary button, as separate press and release events.
fn click_at(h: &Harness<'_, GahnegarApp>, p: Pos2) {
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
}

/// Selects the words at `r` of the article by dragging across them (from their right
/// edge, the start of Persian words, to their left), then opens the selection's context
/// menu there and chooses `entry`.
pub fn choose_on_words(h: &mut Harness<'_, GahnegarApp>, r: Rect, entry: &str) {
    let y = r.center().y;
    let from = pos2(r.right() - 1.0, y);
    let to = pos2(r.left() + 1.0, y);
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
        h.event(Event::PointerButton {
            pos: r.center(),
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.settle();
    h.get_by_label(entry).click();
    h.settle();
}

/// Where `word` (a word or a phrase on one line) stands in the paragraph of block `id`,
/// laid out by the engine as the article lays it out (body size, justified, at the
/// paragraph's width).
pub fn word_rect(h: &Harness<'_, GahnegarApp>, id: &str, word: &str) -> Rect {
    let text = h
        .state()
        .doc
        .article
        .block(id)
        .map(|b| b.text.clone())
        .unwrap_or_else(|| panic!("block {id}"));
    let para = h.get_by_label(&text).rect();
    let job = TextJob::new(text.as_str())
        .size(h.state().settings.font_size)
        .align(Align::Justify)
        .direction(Direction::Auto);
    let mut eng = TextEngine::new();
    let shaped = eng.layout(&job, Some(para.width()), 1.0);
    let start = text
        .find(word)
        .unwrap_or_else(|| panic!("{word} not in {id}"));
    // A phrase on one line may stand in several runs of both directions: their union.
    let rects = shaped.range_rects(start..start + word.len());
    assert!(
        rects.iter().all(|r| (r[1] - rects[0][1]).abs() < 1.0),
        "«{word}» is on one line: {rects:?}"
    );
    let (x0, x1) = rects
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), r| (a.min(r[0]), b.max(r[2])));
    Rect::from_min_max(
        pos2(para.min.x + x0, para.min.y + rects[0][1]),
        pos2(para.min.x + x1, para.min.y + rects[0][3]),
    )
}

/// Clicks on the article's title: a place that takes the keyboard from a field.
fn click_title(h: &mut Harness<'_, GahnegarApp>) {
    let title = h.state().doc.article.meta.title.clone();
    let p = h.get_by_label(&title).rect().center();
    click_at(h, p);
    h.settle();
}

#[test]
fn a_date_is_corrected_by_typing_a_persian_wording_then_undone_and_redone() {
    let (mut h, _dir) = harness();
    let before = h.state().doc.article.clone();
    let e1 = before.event("e1").cloned().unwrap_or_else(|| panic!("e1"));
    h.get_by_label(&format!("{} — {}", e1.date.wording, e1.label))
        .click();
    h.settle();
    assert_eq!(h.state().selection.event_id(), Some("e1"));
    press(&mut h, Modifiers::NONE, Key::F2);
    let field = h.get_by_role_and_label(egui::Role::TextInput, "تاریخ");
    field.click();
    h.settle();
    press(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "تاریخ")
        .type_text("اواخر دهه ۱۳۶۰");
    h.settle();
    // The interval is shown in both calendars as it is typed.
    let doc = gahnegar::persian::tagger::DocContext::default();
    let want = date_entry::parse("اواخر دهه ۱۳۶۰", &doc).unwrap_or_else(|e| panic!("{e}"));
    let shown = date_entry::resolved_text(&want, true);
    assert!(shown.contains("فروردین ۱۳۶۷"), "{shown}");
    let _live = h.get_by_label(&shown);
    assert_eq!(
        h.state().doc.article.event("e1").map(|e| e.date.clone()),
        Some(e1.date.clone()),
        "nothing applied before Enter"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    let got = h.state().doc.article.event("e1").map(|e| e.date.clone());
    assert_eq!(
        got.as_ref()
            .map(|d| (d.start.to_string(), d.end.to_string())),
        Some(("1988-03-21".to_owned(), "1991-03-20".to_owned()))
    );
    assert_eq!(got.map(|d| d.wording), Some("اواخر دهه ۱۳۶۰".to_owned()));
    assert!(
        h.state().window_title().starts_with("● "),
        "unsaved changes shown"
    );

    // A wording the tagger cannot read is said so, and not applied.
    h.get_by_role_and_label(egui::Role::TextInput, "تاریخ")
        .click();
    h.settle();
    press(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "تاریخ")
        .type_text("هیچ وقت");
    h.settle();
    let _error = h.get_by_label("«هیچ وقت» تاریخی خواندنی نیست");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state()
            .doc
            .article
            .event("e1")
            .map(|e| e.date.start.to_string()),
        Some("1988-03-21".to_owned())
    );

    // Undo with the keyboard once the field has let go of it; the Edit menu names it.
    click_title(&mut h);
    h.get_by_label("ویرایش").click();
    h.settle();
    let _named = h.get_by_label("واگرد: تغییر تاریخ رویداد");
    press(&mut h, Modifiers::NONE, Key::Escape);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc.article, before, "undone");
    assert!(
        !h.state().window_title().starts_with("● "),
        "back at the opened state"
    );
    press(&mut h, CMD_SHIFT, Key::Z);
    assert_eq!(
        h.state()
            .doc
            .article
            .event("e1")
            .map(|e| e.date.start.to_string()),
        Some("1988-03-21".to_owned()),
        "redone with Ctrl+Shift+Z"
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(
        h.state()
            .doc
            .article
            .event("e1")
            .map(|e| e.date.wording.clone()),
        Some("اواخر دهه ۱۳۶۰".to_owned()),
        "redone with Ctrl+Y"
    );
}

#[test]
fn an_event_made_from_selected_words_is_on_the_timeline_and_leads_back_to_them() {
    let (mut h, _dir) = harness();
    let before = h.state().doc.article.clone();
    let r = word_rect(&h, "p1", "روابط");
    choose_on_words(&mut h, r, "رویداد تازه");
    let a = &h.state().doc.article;
    assert_eq!(a.events.len(), before.events.len() + 1);
    let new = a
        .events
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("no event"));
    assert_eq!(new.origin, Origin::Manual);
    assert_eq!(new.anchor.block, "p1");
    assert!(
        before.blocks[1].text.contains(&new.anchor.exact) && !new.anchor.exact.is_empty(),
        "anchored on the selected word: {:?}",
        new.anchor
    );
    // Dated by what the paragraph says before the word: «دهه ۱۹۹۰».
    let e2 = before.event("e2").unwrap_or_else(|| panic!("e2"));
    assert_eq!((new.date.start, new.date.end), (e2.date.start, e2.date.end));
    assert_eq!(h.state().selection.event_id(), Some(new.id.as_str()));
    assert!(h.state().editor.is_some(), "its edit panel opened");

    // On the timeline, and the timeline's mark leads back to the words.
    h.get_by_label("بستن").scroll_to_me();
    h.settle();
    h.get_by_label("بستن").click();
    h.settle();
    assert!(h.state().editor.is_none(), "closed");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().selection.event, None);
    // The timeline's mark: the lowest node of that name (the timeline is under the text).
    let mark = h
        .get_all_by_label(&new.label)
        .max_by(|a, b| a.rect().center().y.total_cmp(&b.rect().center().y))
        .unwrap_or_else(|| panic!("«{}» is not on the timeline", new.label));
    mark.click();
    h.settle();
    assert_eq!(h.state().selection.event_id(), Some(new.id.as_str()));
    let _in_text = h.get_by_label(&format!("{} — {}", new.date.wording, new.label));

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc.article, before, "undone");
    assert_eq!(
        h.state().selection.event,
        None,
        "the selection went with it"
    );
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(h.state().doc.article.events.last(), Some(&new), "redone");
}

#[test]
fn a_persian_note_on_a_passage_then_undone_and_redone() {
    let (mut h, _dir) = harness();
    let before = h.state().doc.article.clone();
    let r = word_rect(&h, "p2", "همکاری");
    choose_on_words(&mut h, r, "یادداشت");
    assert_eq!(
        h.state().doc.article.highlights.len(),
        1,
        "the passage is marked"
    );
    let field = h.get_by_role_and_label(egui::Role::TextInput, "یادداشت");
    field.type_text("این ادعا را باید با منبع دیگری سنجید");
    h.settle();
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_role_and_label(egui::Role::TextInput, "یادداشت")
        .type_text("بررسی شود: ۱۴۰۳");
    h.settle();
    h.snapshot("edit_note");
    h.get_by_label("تأیید").click();
    h.settle();
    let note = "این ادعا را باید با منبع دیگری سنجید\nبررسی شود: ۱۴۰۳";
    let hl = h.state().doc.article.highlights[0].clone();
    assert_eq!(hl.note, note);
    // The note is one click away in the text.
    let text = before
        .block("p2")
        .map(|b| b.text.clone())
        .unwrap_or_default();
    let _mark = h.get_by_label(&format!("{} — {note}", hl.anchor.exact));
    assert!(text.contains(&hl.anchor.exact));

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().doc.article.highlights[0].note,
        "",
        "the note undone"
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc.article, before, "the highlight undone");
    press(&mut h, CMD_SHIFT, Key::Z);
    press(&mut h, CMD_SHIFT, Key::Z);
    assert_eq!(h.state().doc.article.highlights, vec![hl], "both redone");
}

#[test]
fn the_edit_panel_edits_title_certainty_and_note_and_the_save_reopens_identical() {
    let (mut h, dir) = harness();
    h.get_by_label(&{
        let e = h
            .state()
            .doc
            .article
            .event("e3")
            .cloned()
            .unwrap_or_else(|| panic!("e3"));
        format!("{} — {}", e.date.wording, e.label)
    })
    .click();
    h.settle();
    press(&mut h, Modifiers::NONE, Key::F2);
    h.get_by_role_and_label(egui::Role::TextInput, "عنوان")
        .click();
    h.settle();
    press(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "عنوان")
        .type_text("مذاکرات صلح");
    h.settle();
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label(Certainty::Disputed.name(true)).click();
    h.settle();
    h.get_by_role_and_label(egui::Role::TextInput, "یادداشت")
        .click();
    h.settle();
    h.get_by_role_and_label(egui::Role::TextInput, "یادداشت")
        .type_text("منبع دوم این تاریخ را تأیید نمی‌کند");
    h.settle();
    h.snapshot("edit_panel");
    click_title(&mut h);
    let e3 = h
        .state()
        .doc
        .article
        .event("e3")
        .cloned()
        .unwrap_or_else(|| panic!("e3"));
    assert_eq!(e3.label, "مذاکرات صلح");
    assert_eq!(e3.certainty, Certainty::Disputed);
    assert_eq!(e3.note, "منبع دوم این تاریخ را تأیید نمی‌کند");
    assert_eq!(
        h.state().doc.edits.undo_name().map(|n| n.fa),
        Some("ویرایش یادداشت")
    );

    // Save (to the file it was opened from), reopen: the same article.
    let path = dir.path().join("mini.ron");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().window_title().starts_with("● "), "saved");
    let reopened = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reopened, h.state().doc.article);
    let mut again = GahnegarApp::new(None, None);
    again.open_path(&path);
    assert_eq!(again.doc.article, reopened);
}

#[test]
fn a_recovery_file_is_offered_at_start_and_restored() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut edited = store::load(&mini_path()).unwrap_or_else(|e| panic!("{e}"));
    edited.events[0].note = "پیش از خرابی نوشته شد".to_owned();
    {
        let rec = gahnegar::recovery::Recovery::start(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        rec.changed(&edited, Some(&mini_path()));
    } // dropped: the pending copy is written
    let app = GahnegarApp::new(None, None).with_recovery(dir.path());
    let mut h = Harness::builder()
        .with_size(Vec2::new(1000.0, 700.0))
        .with_pixels_per_point(1.0)
        .build_ui_state(|ui, app: &mut GahnegarApp| app.ui_root(ui), app);
    h.settle();
    let s = h.state().strings();
    let _asked = h.get_by_label(s.restore_title);
    h.get_by_label(s.restore).click();
    h.settle();
    assert_eq!(h.state().doc.article, edited);
    assert!(
        h.state().window_title().starts_with("● "),
        "restored edits are unsaved"
    );
    assert_eq!(
        h.state().doc.path.as_deref(),
        Some(mini_path().as_path()),
        "saving goes back to the file it came from"
    );
}

#[test]
fn disputed_events_are_drawn_hollow_and_can_be_filtered_out() {
    let (mut h, _dir) = harness();
    let ev = h
        .state()
        .doc
        .article
        .event("e1")
        .cloned()
        .unwrap_or_else(|| panic!("e1"));
    h.get_by_label(&format!("{} — {}", ev.date.wording, ev.label))
        .click();
    h.settle();
    press(&mut h, Modifiers::NONE, Key::F2);
    h.get_by_label(Certainty::Disputed.name(true)).click();
    h.settle();
    h.get_by_label("بستن").scroll_to_me();
    h.settle();
    h.get_by_label("بستن").click();
    h.settle();
    let on_timeline = |h: &Harness<'_, GahnegarApp>| h.query_all_by_label(&ev.label).count();
    let before = on_timeline(&h);
    assert!(before >= 1, "«{}» on the timeline", ev.label);
    h.snapshot("timeline_disputed");
    // View → Certainty: hide the disputed ones.
    let view = h.state().strings().menu_view;
    h.get_by_label(view).click();
    h.settle();
    h.get_by_label(Certainty::Disputed.name(true)).click();
    h.settle();
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(on_timeline(&h), 0, "hidden from the timeline");
    h.get_by_label(view).click();
    h.settle();
    h.get_by_label(Certainty::Disputed.name(true)).click();
    h.settle();
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(on_timeline(&h) >= 1, "shown again");
}
