//! The reading workspace driven through AccessKit labels and real input events: linked
//! selection across article, timeline and sources; find; open/save/reopen with the
//! in-app path prompt; the unsaved-changes prompt; window snapshots; bad articles.

use crate::common::Settle as _;
use crate::common::{app_harness, wait_for_import};
use egui::{Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use gahnegar::model::{Article, Day, FuzzyDate, Precision};
use gahnegar::store;
use gahnegar::ui::{Command, GahnegarApp, Lang, Theme};

fn harness() -> Harness<'static, GahnegarApp> {
    app_harness(Vec2::new(1280.0, 820.0))
}

/// An event of the built-in article with at least one source, and its label.
fn sourced_event(a: &Article) -> (String, String) {
    let e = a
        .events
        .iter()
        .find(|e| !a.sources_of_event(&e.id).is_empty())
        .unwrap_or_else(|| panic!("the built-in article has no sourced event"));
    (e.id.clone(), e.label.clone())
}

fn block_visible(h: &Harness<'_, GahnegarApp>, block: usize) -> bool {
    let app = h.state();
    let a = &app.doc.article;
    let lead = a.meta.lead.len();
    let item = 2 + lead + block;
    app.article_view
        .visible_items
        .iter()
        .any(|(i, r)| *i == item && r.top() < 820.0 && r.bottom() > 0.0)
}

#[test]
fn clicking_a_timeline_event_selects_scrolls_and_lists_sources() {
    let mut h = harness();
    let a = h.state().doc.article.clone();
    // Pick a sourced event from the later part of the article so that it needs scrolling.
    let e = a
        .events
        .iter()
        .rev()
        .find(|e| !a.sources_of_event(&e.id).is_empty())
        .unwrap_or_else(|| panic!("no sourced event"));
    h.state_mut().timeline.center_on(e);
    h.settle();
    h.get_by_label(&e.label).click();
    h.settle();
    assert_eq!(
        h.state().selection.event_id(),
        Some(e.id.as_str()),
        "clicking «{}» selects it",
        e.label
    );
    let (b, _) = a
        .resolve(&e.anchor)
        .unwrap_or_else(|| panic!("anchor of {}", e.id));
    assert!(block_visible(&h, b), "the article scrolled to block {b}");
    for sid in a.sources_of_event(&e.id) {
        let name = &a.source(sid).unwrap_or_else(|| panic!("{sid}")).name;
        let n = h.query_all_by_label(name).count();
        assert!(
            n >= 2,
            "source «{name}» listed under the event and in the list ({n} found)"
        );
    }
}

#[test]
fn clicking_a_source_lists_claims_and_a_claim_scrolls_the_article() {
    let mut h = harness();
    let a = h.state().doc.article.clone();
    // The source whose first claim sits furthest down the article.
    let (src, claim) = a
        .sources
        .iter()
        .filter_map(|s| a.claims_of_source(&s.id).last().map(|c| (s, c)))
        .max_by_key(|(_, c)| a.block_index(&c.anchor.block).unwrap_or(0))
        .unwrap_or_else(|| panic!("no claims"));
    h.get_by_label(&src.name).click();
    h.settle();
    assert_eq!(h.state().selection.source_id(), Some(src.id.as_str()));
    let (b, r) = a
        .resolve(&claim.anchor)
        .unwrap_or_else(|| panic!("claim anchor"));
    let quote = &a.blocks[b].text[r];
    h.get_by_role_and_label(egui::Role::Button, quote).click();
    h.settle();
    assert!(
        block_visible(&h, b),
        "clicking the claim scrolls the article to block {b}"
    );
    // Its events are marked: the timeline input carries them (the selection keeps the source).
    assert_eq!(h.state().selection.source_id(), Some(src.id.as_str()));
}

#[test]
fn back_and_forward_walk_the_selection_history() {
    let mut h = harness();
    let a = h.state().doc.article.clone();
    let (e1, _) = sourced_event(&a);
    let e2 = a
        .events
        .iter()
        .rev()
        .find(|e| e.id != e1)
        .map(|e| e.id.clone())
        .unwrap_or_default();
    h.state_mut().push(Command::SelectEvent(e1.as_str().into()));
    h.settle();
    h.state_mut().push(Command::SelectEvent(e2.as_str().into()));
    h.settle();
    h.key_press_modifiers(Modifiers::ALT, egui::Key::ArrowLeft);
    h.settle();
    assert_eq!(
        h.state().selection.event_id(),
        Some(e1.as_str()),
        "Alt+Left goes back"
    );
    h.key_press_modifiers(Modifiers::ALT, egui::Key::ArrowRight);
    h.settle();
    assert_eq!(
        h.state().selection.event_id(),
        Some(e2.as_str()),
        "Alt+Right goes forward"
    );
}

fn find(h: &mut Harness<'_, GahnegarApp>, query: &str) -> Vec<String> {
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.settle();
    h.state_mut().article_view.find.query.clear();
    let field = h.get_by_role_and_label(egui::Role::TextInput, h.state().strings().find);
    field.focus();
    field.type_text(query);
    h.settle();
    let app = h.state();
    let a = &app.doc.article;
    app.article_view
        .find
        .matches
        .iter()
        .map(|(b, r)| a.blocks[*b].text[r.clone()].to_owned())
        .collect()
}

#[test]
fn find_folds_persian_spelling_variants() {
    for query in ["علیاف", "علي اف", "علی‌اف"] {
        let mut h = harness();
        let found = find(&mut h, query);
        assert!(!found.is_empty(), "«{query}» finds nothing");
        assert!(
            found.iter().all(|m| m.replace('\u{200c}', "") == "علیاف"),
            "«{query}» matched {found:?}"
        );
    }
    let mut h = harness();
    assert!(
        find(&mut h, "2024").len() >= 3,
        "Latin digits find Persian digits"
    );
}

#[test]
fn open_save_reopen_is_identical_and_unsaved_changes_prompt() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("article.ron");
    store::save(&store::builtin(), &path).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    // Open by path through the in-app prompt (no native dialog service here).
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.settle();
    let field = h.get_by_label(h.state().strings().path_prompt_open);
    field.focus();
    field.type_text(&path.display().to_string());
    h.settle();
    h.get_by_label(h.state().strings().ok).click();
    h.settle();
    assert_eq!(
        h.state().doc.path.as_deref(),
        Some(path.as_path()),
        "opened"
    );
    // Edit: move the first event to another lane through the sources panel's command.
    let first = h.state().doc.article.events[0].clone();
    let lane = h
        .state()
        .doc
        .article
        .categories
        .iter()
        .map(|c| c.id.clone())
        .find(|id| *id != first.category)
        .unwrap_or_else(|| panic!("the article has a second category"));
    h.state_mut().push(Command::SetLane(
        first.id.as_str().into(),
        lane.as_str().into(),
    ));
    h.settle();
    assert!(
        h.state().doc.is_dirty(),
        "an edit marks the document unsaved"
    );
    assert!(
        h.state().window_title().starts_with('●'),
        "title shows the unsaved marker"
    );
    // Opening another file now asks first.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.settle();
    let _prompt = h.get_by_label(h.state().strings().unsaved_title);
    h.get_by_label(h.state().strings().cancel).click();
    h.settle();
    assert!(h.state().doc.is_dirty(), "cancel keeps the changes");
    // Save, reopen, compare.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::S);
    h.settle();
    assert!(!h.state().doc.is_dirty(), "saved");
    let saved = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        saved,
        h.state().doc.article,
        "saved file equals the article in the app"
    );
    h.state_mut().push(Command::Open(path.clone()));
    h.settle();
    assert_eq!(
        h.state().doc.article,
        saved,
        "reopened article is identical"
    );
    assert_eq!(h.state().doc.article.events[0].category, lane);
}

fn window_snapshot(name: &str, theme: Theme, lang: Lang, select: bool) {
    let a = store::builtin();
    let (ev, _) = sourced_event(&a);
    let mut h = harness();
    h.state_mut().settings.theme = theme;
    h.state_mut().settings.lang = lang;
    if select {
        h.state_mut().push(Command::SelectEvent(ev.into()));
    }
    h.settle();
    h.settle();
    h.snapshot(name);
}

#[test]
fn window_snapshot_fa_light() {
    window_snapshot("window_fa_light", Theme::Light, Lang::Fa, false);
}

#[test]
fn window_snapshot_fa_dark() {
    window_snapshot("window_fa_dark", Theme::Dark, Lang::Fa, false);
}

#[test]
fn window_snapshot_en_light() {
    window_snapshot("window_en_light", Theme::Light, Lang::En, false);
}

#[test]
fn window_snapshot_fa_selected_event() {
    window_snapshot("window_fa_selected", Theme::Light, Lang::Fa, true);
}

fn synthetic(events: &[(&str, &str, Precision)], broken: bool) -> Article {
    let mut a = store::builtin();
    let other = gahnegar::model::category::find_or_add(&mut a.categories, "other");
    a.claims.clear();
    for s in &mut a.sources {
        s.mentions.clear();
    }
    let block = a
        .blocks
        .iter()
        .find(|b| b.text.contains("در"))
        .map(|b| b.id.clone())
        .unwrap_or_default();
    a.events = events
        .iter()
        .enumerate()
        .map(|(i, (s, e, p))| {
            let start: Day = s.parse().unwrap_or_else(|err| panic!("{s}: {err}"));
            let end: Day = e.parse().unwrap_or_else(|err| panic!("{e}: {err}"));
            gahnegar::model::Event {
                id: format!("x{i}"),
                date: FuzzyDate::new(start, end, *p, "در"),
                category: other.clone(),
                label: format!("رویداد {i}"),
                anchor: gahnegar::model::Anchor::new(
                    block.clone(),
                    if broken && i == 0 {
                        "ناموجود"
                    } else {
                        "در"
                    },
                ),
                certainty: Default::default(),
                origin: Default::default(),
                note: String::new(),
            }
        })
        .collect();
    a
}

#[test]
fn bad_articles_keep_the_app_usable() {
    let cases: Vec<(&str, Article)> = vec![
        ("no events", synthetic(&[], false)),
        (
            "one event",
            synthetic(&[("2020-01-01", "2020-01-01", Precision::Day)], false),
        ),
        (
            "one day",
            synthetic(
                &[
                    ("2020-01-01", "2020-01-01", Precision::Day),
                    ("2020-01-01", "2020-01-01", Precision::Day),
                ],
                false,
            ),
        ),
        (
            "3000 years",
            synthetic(
                &[
                    ("-0975-01-01", "-0975-12-31", Precision::Year),
                    ("2024-01-01", "2024-12-31", Precision::Year),
                ],
                false,
            ),
        ),
        (
            "broken anchor",
            synthetic(&[("2020-01-01", "2020-01-01", Precision::Day)], true),
        ),
    ];
    for (name, article) in cases {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("a.ron");
        std::fs::write(
            &path,
            store::to_string(&article).unwrap_or_else(|e| panic!("{e}")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut h = harness();
        h.state_mut().push(Command::Open(path.clone()));
        h.settle();
        if name == "broken anchor" {
            // The loader refuses it with a message naming the anchor; the app keeps working.
            let app = h.state();
            let msg = match &app.modal {
                Some(gahnegar::ui::Modal::Message { body, .. }) => body.clone(),
                other => panic!("{name}: expected an error message, got {other:?}"),
            };
            assert!(
                msg.contains("ناموجود"),
                "{name}: message names the broken anchor: {msg}"
            );
        } else {
            assert_eq!(
                h.state().doc.article.events.len(),
                article.events.len(),
                "{name}: opened"
            );
        }
        // Still usable: keyboard and a click on the timeline's fit-all button.
        h.key_press(egui::Key::ArrowLeft);
        h.key_press(egui::Key::Home);
        h.settle();
        let fit = h.state().strings().fit_all;
        if h.query_by_label(fit).is_some() {
            h.get_by_label(fit).click();
            h.settle();
        }
    }
}

#[test]
fn importing_text_shows_a_review_and_accepting_opens_the_article() {
    let raw = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/seed/caucasus-gem.raw.txt");
    assert!(raw.is_file(), "test input missing: {}", raw.display());
    let mut h = harness();
    h.state_mut().push(Command::Import(raw));
    h.settle();
    wait_for_import(&mut h);
    h.settle();
    let app = h.state();
    let review = app
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("no review after the import: {:?}", app.modal));
    let found = review.imported.article.events.len();
    assert!(found >= 20, "the seed's events are found: {found}");
    assert!(!review.imported.repairs.is_empty(), "repairs are listed");
    // Undo the ZWNJ restoration through its checkbox: the text is imported again without it.
    let zwnj_step = gahnegar::persian::repair::RepairRule::Zwnj.step();
    let toggle = review
        .step_label(zwnj_step, Lang::Fa)
        .unwrap_or_else(|| panic!("no ZWNJ repairs"));
    let zwnj_before = review
        .imported
        .article
        .blocks
        .iter()
        .map(|b| b.text.matches('\u{200c}').count())
        .sum::<usize>();
    h.get_by_label(&toggle).click_accesskit();
    h.settle();
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("review closed"));
    assert!(
        review
            .imported
            .repairs
            .iter()
            .all(|r| r.rule.step() != zwnj_step),
        "ZWNJ repairs undone"
    );
    let zwnj_after = review
        .imported
        .article
        .blocks
        .iter()
        .map(|b| b.text.matches('\u{200c}').count())
        .sum::<usize>();
    assert!(
        zwnj_after < zwnj_before,
        "fewer ZWNJ after undoing: {zwnj_before} -> {zwnj_after}"
    );
    h.get_by_label(&toggle).click_accesskit();
    h.settle();
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("review closed"));
    assert_eq!(
        review.imported.article.events.len(),
        found,
        "redo restores the import"
    );
    // Reject the first event (as its «keep» checkbox does).
    let first = review.imported.article.events[0].id.clone();
    h.state_mut()
        .review
        .as_mut()
        .map(|r| r.rejected_events.insert(first.clone()));
    h.get_by_label(h.state().strings().review_accept).click();
    h.settle();
    let app = h.state();
    assert!(app.review.is_none(), "accepting closes the review");
    assert_eq!(
        app.doc.article.events.len(),
        found - 1,
        "the rejected event is left out"
    );
    assert!(app.doc.article.event(&first).is_none());
    assert!(
        app.doc.is_dirty() && app.doc.path.is_none(),
        "an import is unsaved until saved as .ron"
    );
    assert!(
        app.doc.article.problems().is_empty(),
        "{:?}",
        app.doc.article.problems()
    );
}

#[test]
fn importing_a_binary_file_says_why_and_keeps_the_article() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("bin.txt");
    std::fs::write(&path, [0u8, 1, 2, 3, 0, 0xff, 0xfe, 7, 8, 0]).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    let before = h.state().doc.article.clone();
    h.state_mut().push(Command::Open(path));
    h.settle();
    wait_for_import(&mut h);
    h.settle();
    let app = h.state();
    match &app.modal {
        Some(gahnegar::ui::Modal::Message { body, .. }) => {
            assert!(body.contains("not a text file"), "{body}")
        }
        other => panic!("expected an error message, got {other:?}"),
    }
    assert_eq!(app.doc.article, before, "nothing replaced");
}

#[test]
fn export_through_the_menu_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("events.csv");
    let mut h = harness();
    let s = h.state().strings();
    h.get_by_label(s.menu_file).click();
    h.settle();
    h.get_by_label(s.export).click();
    h.settle();
    let label = gahnegar::ui::ExportKind::Csv.label(Lang::Fa);
    h.get_by_label(label).click();
    h.settle();
    // The in-app prompt is up; point it into the temporary folder.
    let _field = h.get_by_label(s.path_prompt_save);
    h.state_mut().modal = Some(gahnegar::ui::Modal::Path {
        purpose: gahnegar::ui::PathPurpose::Export(gahnegar::ui::ExportKind::Csv),
        text: path.display().to_string(),
    });
    h.settle();
    h.get_by_label(s.ok).click();
    h.settle();
    let csv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(csv.starts_with('\u{feff}'), "CSV with a BOM");
    assert_eq!(
        csv.lines().count(),
        h.state().doc.article.events.len() + 1,
        "a row per event"
    );
    h.get_by_label(s.dismiss).click();
    h.settle();
    // Again: the file exists, so the app asks first.
    h.state_mut().push(Command::ExportTo(
        gahnegar::ui::ExportKind::Csv,
        path.clone(),
        false,
    ));
    h.settle();
    assert!(
        matches!(
            h.state().modal,
            Some(gahnegar::ui::Modal::ConfirmOverwrite { .. })
        ),
        "{:?}",
        h.state().modal
    );
    let _ask = h.get_by_label(s.overwrite_title);
    h.get_by_label(s.overwrite).click();
    h.settle();
    assert!(
        matches!(h.state().modal, Some(gahnegar::ui::Modal::Message { .. })),
        "exported after confirming"
    );
}

#[test]
fn saving_an_import_over_an_existing_article_asks_first() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let existing = dir.path().join("kept.ron");
    std::fs::write(&existing, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    h.state_mut().push(Command::SaveTo(existing.clone()));
    h.settle();
    let s = h.state().strings();
    let _ask = h.get_by_label(s.overwrite_title);
    h.get_by_label(s.cancel).click();
    h.settle();
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap_or_default(),
        "keep me",
        "nothing written without confirmation"
    );
    h.state_mut().push(Command::SaveTo(existing.clone()));
    h.settle();
    h.get_by_label(s.overwrite).click();
    h.settle();
    let saved = store::load(&existing).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved, h.state().doc.article, "replaced after confirming");
}

/// Where item `item` of the article page was drawn last frame (screen y of its top).
fn item_top(h: &Harness<'_, GahnegarApp>, item: usize) -> Option<f32> {
    h.state()
        .article_view
        .visible_items
        .iter()
        .find(|(i, _)| *i == item)
        .map(|(_, r)| r.top())
}

#[test]
fn reading_keys_scroll_the_article() {
    let mut h = harness();
    let blocks = h.state().doc.article.blocks.len();
    assert!(
        !block_visible(&h, blocks - 1),
        "the article starts at its top"
    );
    let (item, before) = h
        .state()
        .article_view
        .visible_items
        .iter()
        .rfind(|(_, r)| r.top() < 700.0)
        .map(|(i, r)| (*i, r.top()))
        .unwrap_or_else(|| panic!("nothing drawn"));

    h.key_press(egui::Key::PageDown);
    h.settle();
    let after = item_top(&h, item).unwrap_or(f32::NEG_INFINITY);
    assert!(
        before - after > 400.0,
        "Page Down moved item {item} from {before} to {after}"
    );

    h.key_press(egui::Key::ArrowUp);
    h.settle();
    let up = item_top(&h, item).unwrap_or(f32::NEG_INFINITY);
    assert!(up > after + 20.0, "↑ moved it from {after} to {up}");

    h.key_press(egui::Key::End);
    h.settle();
    assert!(block_visible(&h, blocks - 1), "End shows the last block");
    assert!(item_top(&h, 0).is_none(), "End left the title in view");

    h.key_press(egui::Key::Home);
    h.settle();
    assert!(item_top(&h, 0).is_some(), "Home shows the title");
    assert!(!block_visible(&h, blocks - 1));

    // With the find field focused, keys belong to the field.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.settle();
    let title = item_top(&h, 0);
    h.key_press(egui::Key::End);
    h.settle();
    assert_eq!(
        item_top(&h, 0),
        title,
        "End in the find field scrolled the article"
    );
}

/// A text with no dateline: «دیروز» stays undated until the reader types the document's
/// date in the review pane; a date that does not parse is refused with a message and
/// changes nothing.
#[test]
fn the_review_takes_a_document_date() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("no-dateline.txt");
    std::fs::write(
        &path,
        "وزیر نیرو دیروز از سد تازه بازدید کرد و گفت آبگیری آغاز شده است.\n\n\
         به گفته مدیر سد، آب پشت سد تا پایان سال به حد کامل می‌رسد.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    h.state_mut().push(Command::Import(path));
    h.settle();
    wait_for_import(&mut h);
    h.settle();
    let yesterday = |h: &Harness<'_, GahnegarApp>| {
        let review = h
            .state()
            .review
            .as_ref()
            .unwrap_or_else(|| panic!("review"));
        review
            .imported
            .article
            .events
            .iter()
            .find(|e| e.date.wording.contains("دیروز"))
            .map(|e| e.date.start.to_string())
    };
    assert_eq!(yesterday(&h), None, "undated without a document date");
    let label = h.state().strings().review_date;
    let apply = h.state().strings().review_date_apply;
    let type_date = |h: &mut Harness<'_, GahnegarApp>, text: &str| {
        if let Some(r) = h.state_mut().review.as_mut() {
            r.date_text.clear();
        }
        let field = h.get_by_role_and_label(egui::Role::TextInput, label);
        field.focus();
        field.type_text(text);
        h.settle();
        h.get_by_label(apply).click();
        h.settle();
    };
    // ۱۱ خرداد ۱۴۰۲ is 2023-06-01.
    type_date(&mut h, "۱۴۰۲/۰۳/۱۱");
    assert_eq!(yesterday(&h).as_deref(), Some("2023-05-31"));
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("review"));
    assert_eq!(
        review
            .imported
            .article
            .meta
            .date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2023-06-01")
    );
    assert!(review.date_error.is_none());
    type_date(&mut h, "فردا");
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("review"));
    assert!(review.date_error.is_some(), "a bad date is refused");
    assert_eq!(
        yesterday(&h).as_deref(),
        Some("2023-05-31"),
        "and changes nothing"
    );
}

/// Selecting keeps the reader's view: a click on an event the timeline shows leaves the
/// window as it is; choosing an event in the sources panel that lies off screen pans the
/// timeline to it (animated) without changing the zoom.
#[test]
fn selection_keeps_the_view_unless_the_event_is_off_screen() {
    let mut h = harness();
    let a = h.state().doc.article.clone();
    // 1. An event on screen, clicked on the timeline (the bottom panel).
    let timeline_top = 820.0 - 300.0;
    let on_screen = a
        .events
        .iter()
        .find(|e| {
            h.query_all_by_label(&e.label)
                .any(|n| n.rect().top() > timeline_top)
        })
        .map(|e| (e.id.clone(), e.label.clone()))
        .unwrap_or_else(|| panic!("no event on the timeline"));
    let before = h.state().timeline.window();
    if let Some(n) = h
        .query_all_by_label(&on_screen.1)
        .find(|n| n.rect().top() > timeline_top)
    {
        n.click();
    }
    h.settle();
    assert_eq!(h.state().selection.event_id(), Some(on_screen.0.as_str()));
    assert_eq!(
        h.state().timeline.window(),
        before,
        "clicking the visible «{}» keeps the view",
        on_screen.1
    );

    // 2. An event listed in the sources panel (unsourced events are), off screen.
    let e = h
        .state()
        .doc
        .index
        .unsourced
        .iter()
        .filter_map(|&i| a.events.get(i))
        .find(|e| e.id != on_screen.0 && e.date.end.day_number() - e.date.start.day_number() < 3000)
        .cloned()
        .unwrap_or_else(|| panic!("the built-in article lists no short unsourced event"));
    let day = e.date.start.day_number() as f64;
    // A window of fifteen years, thirty years before the event.
    let window = (day - 11_000.0, day - 11_000.0 + 5500.0);
    h.state_mut().timeline.set_window(window);
    h.settle();
    let span = {
        let (s, t) = h.state().timeline.window();
        t - s
    };
    // The panel's list is long: scroll the row into view, then click it.
    h.query_all_by_label(&e.label)
        .last()
        .unwrap_or_else(|| panic!("«{}» is not listed", e.label))
        .scroll_to_me();
    h.settle();
    let listed = h
        .query_all_by_label(&e.label)
        .last()
        .unwrap_or_else(|| panic!("«{}» is not listed", e.label));
    listed.click();
    h.settle();
    assert_eq!(h.state().selection.event_id(), Some(e.id.as_str()));
    let (s, t) = h.state().timeline.window();
    assert!(
        ((t - s) - span).abs() < span * 1e-9,
        "the zoom is kept: {span} days -> {} days",
        t - s
    );
    let (first, last) = h.state().timeline.visible_range();
    assert!(
        first <= e.date.start && e.date.end <= last,
        "«{}» ({}..{}) brought into view {first}..{last}",
        e.label,
        e.date.start,
        e.date.end
    );
}

/// The splitter between the article and the timeline: dragging the timeline panel's top
/// edge resizes it; the height is a setting, so a new start (settings saved and loaded
/// as eframe does) shows the same split.
#[test]
fn the_splitter_is_dragged_and_remembered() {
    let mut h = harness();
    let canvas_top = |h: &Harness<'_, GahnegarApp>| h.get_by_label("گاه‌شمار").rect().top();
    let top0 = canvas_top(&h);
    // The panel's edge lies a toolbar and a margin above the chart's canvas.
    let edge = (0..60)
        .map(|k| top0 - k as f32)
        .find(|&y| {
            h.hover_at(egui::pos2(640.0, y));
            h.step();
            h.output().platform_output.cursor_icon == egui::CursorIcon::ResizeVertical
        })
        .unwrap_or_else(|| panic!("no resize handle above the timeline at y < {top0}"));
    let from = egui::pos2(640.0, edge);
    h.drag_at(from);
    h.step();
    for k in 1..=6 {
        h.hover_at(from - egui::vec2(0.0, 20.0 * k as f32));
        h.step();
    }
    h.drop_at(from - egui::vec2(0.0, 120.0));
    h.settle();
    let top1 = canvas_top(&h);
    // (The drag starts once the pointer has moved a few points.)
    assert!(
        (100.0..=124.0).contains(&(top0 - top1)),
        "dragged 120 pt up: the timeline's top moved from {top0} to {top1}"
    );
    let height = h
        .state()
        .settings
        .timeline_height
        .unwrap_or_else(|| panic!("the dragged height is not in the settings"));
    // Saved and loaded (eframe stores the settings as RON).
    let saved = ron::to_string(&h.state().settings).unwrap_or_else(|e| panic!("{e}"));
    let settings: gahnegar::ui::Settings = ron::from_str(&saved).unwrap_or_else(|e| panic!("{e}"));
    let mut app = GahnegarApp::new(None, None);
    app.settings = settings;
    app.settings.native_dialogs = false;
    let mut h2 = Harness::builder()
        .with_size(Vec2::new(1280.0, 820.0))
        .with_pixels_per_point(1.0)
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut GahnegarApp| app.ui_root(ui), app);
    h2.run_ok();
    assert_eq!(h2.state().settings.timeline_height, Some(height));
    assert!(
        (canvas_top(&h2) - top1).abs() < 1.0,
        "after a restart the timeline starts at {} (was {top1})",
        canvas_top(&h2)
    );
}

/// An 800×600 window leaves the article most of its height.
#[test]
fn a_small_window_keeps_room_for_the_article() {
    let h = app_harness(Vec2::new(800.0, 600.0));
    let top = h.get_by_label("گاه‌شمار").rect().top();
    assert!(top > 600.0 * 0.55, "the timeline starts at {top} of 600");
}
