//! The import review pane driven through AccessKit labels and real input events: rule
//! names and counts in the UI's language, corrections with their context, events with
//! their sentence, toggling events and repair steps, the English switch, a long import
//! laid out only where in view, and a snapshot of the Persian pane.

use crate::common::Settle as _;
use egui::{Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gahnegar::persian::repair::RepairRule;
use gahnegar::ui::{Command, GahnegarApp, Lang, Theme};

/// A short news text with typical damage, written for these tests: Arabic «ي», a tatweel,
/// a verb without its ZWNJ, a plural suffix written apart and a space before a comma.
const DAM: &str = "سد تازه در دره‌ی سبز\n\n\
    به گزارش خبرگزاری نمونه، وزير نيرو روز ۱۲ مه ۲۰۱۹ از سد تازه بازدیـــد کرد و گفت \
    آبگیری سد به زودی آغاز میشود.\n\n\
    به گفته مدیر سد ، کار ها در سال ۲۰۲۱ به پایان رسید و آب پشت سد در بهار ۲۰۲۲ به حد \
    کامل رسید.\n";

/// The first event's sentence as the review shows it (repaired).
const SENTENCE: &str = "به گزارش خبرگزاری نمونه، وزیر نیرو روز ۱۲ مه ۲۰۱۹ از سد تازه بازدید کرد و گفت آبگیری سد به زودی آغاز می\u{200C}شود.";

fn harness() -> Harness<'static, GahnegarApp> {
    let mut app = GahnegarApp::new(None, None);
    app.settings.native_dialogs = false;
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 820.0))
        .with_pixels_per_point(1.0)
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut GahnegarApp| app.ui_root(ui), app);
    h.settle();
    h
}

/// Imports `text` (written to a temporary file) through the app and waits for the review.
fn review_of(text: &str) -> (Harness<'static, GahnegarApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("dam.txt");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    h.state_mut().push(Command::Import(path));
    h.settle();
    for _ in 0..400 {
        if h.state().import_job.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
        h.step();
    }
    h.settle();
    assert!(h.state().review.is_some(), "the import opened its review");
    (h, dir)
}

/// Every AccessKit label (or a label's value) in the window.
fn labels(h: &Harness<'_, GahnegarApp>) -> Vec<String> {
    h.query_all_by(|_| true)
        .filter_map(|n| {
            let n = n.accesskit_node();
            if n.role() == Role::Label {
                n.value()
            } else {
                n.label()
            }
        })
        .collect()
}

fn has_latin_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

#[test]
fn the_persian_pane_names_rules_in_persian_with_persian_digits() {
    let (h, _dir) = review_of(DAM);
    // One check box per repair step, named in Persian with a Persian count.
    for name in [
        "نیم‌فاصله (۱)",
        "کشیده (۱)",
        "پسوند و پیشوند جدا (۱)",
        "فاصله‌گذاری (۱)",
    ] {
        let b = h.get_by_role_and_label(Role::CheckBox, name);
        assert!(
            b.accesskit_node().toggled().is_some(),
            "«{name}» is a check box"
        );
    }
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("review"));
    let n = review.corrections().len();
    assert!(n >= 5, "the damage is repaired: {n} corrections");
    let want = format!("اصلاح‌ها ({})", Lang::Fa.num(n));
    h.get_by_label(&want);
    // Right to left: the events on the right, the repairs on the left, decisions and each
    // row's check box at the right edge.
    let x = |h: &Harness<'_, GahnegarApp>, label: &str| h.get_by_label(label).rect();
    assert!(x(&h, &format!("رویدادها ({})", Lang::Fa.num(3))).right() > 1200.0);
    assert!(x(&h, &want).right() < 700.0);
    assert!(x(&h, "پذیرفتن و باز کردن").left() > x(&h, "انصراف").right());
    let keep = h
        .query_all_by_label_contains("نگه داشتن: ")
        .next()
        .map(|b| b.rect());
    assert!(keep.is_some_and(|r| r.right() > 1200.0), "{keep:?}");
    // Nowhere an English rule name or a Latin digit (but in the file's path).
    let all = labels(&h);
    for l in all.iter().filter(|l| !l.contains('/')) {
        assert!(!has_latin_digit(l), "Latin digits in «{l}»");
        for rule in RepairRule::ALL {
            let en = Lang::En.rule_name(rule);
            assert!(!l.contains(en), "English rule name «{en}» in «{l}»");
        }
    }
    assert!(
        all.iter().any(|l| l.starts_with("نویسه‌ی عربی: ")),
        "correction rows start with their Persian rule name: {all:#?}"
    );
}

#[test]
fn a_correction_row_shows_its_context_and_the_change() {
    let (h, _dir) = review_of(DAM);
    // The ZWNJ restored in «میشود»: between the halves of the word, with the words before.
    h.get_by_label("نیم‌فاصله: …به زودی آغاز می [افزوده: نیم‌فاصله] شود.");
    // The tatweel removed from «بازدیـــد»: named and counted, not drawn as an escape.
    h.get_by_label("کشیده: …از سد تازه بازدی [حذف: کشیده ×۳] د کرد و گفت…");
    // «ي» for «ی» in «وزير»: removed and inserted letters side by side, in context.
    h.get_by_label_contains("نمونه، وز [حذف: ي] [افزوده: ی] ر نیرو روز ۱۲…");
    assert!(
        !labels(&h).iter().any(|l| l.contains("\\u{")),
        "no debug escapes"
    );
}

#[test]
fn an_event_row_shows_its_sentence_and_its_date_in_persian_digits() {
    let (h, _dir) = review_of(DAM);
    h.get_by_label(SENTENCE);
    h.get_by_label("۱۲ مه ۲۰۱۹");
    // Both later events come from one sentence: it is shown under each.
    let second = "به گفته مدیر سد، کارها در سال ۲۰۲۱ به پایان رسید و آب پشت سد در بهار ۲۰۲۲ به حد کامل رسید.";
    assert_eq!(h.query_all_by_label(second).count(), 2);
}

#[test]
fn toggling_an_event_and_a_repair_step_still_works() {
    let (mut h, _dir) = review_of(DAM);
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("review"));
    let e = review.imported.article.events[0].clone();
    let keep = format!("نگه داشتن: {}", e.label);
    // Untick the event's «keep» box with a real click: it is rejected; tick it again.
    h.get_by_role_and_label(Role::CheckBox, &keep).click();
    h.settle();
    let rejected = |h: &Harness<'_, GahnegarApp>| {
        h.state()
            .review
            .as_ref()
            .is_some_and(|r| r.rejected_events.contains(&e.id))
    };
    assert!(rejected(&h), "unticking rejects the event");
    assert_eq!(
        h.get_by_role_and_label(Role::CheckBox, &keep)
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::False)
    );
    h.get_by_role_and_label(Role::CheckBox, &keep).click();
    h.settle();
    assert!(!rejected(&h), "ticking keeps it again");

    // Untick the ZWNJ step: the text is imported again without it, and its row goes.
    let row = "[افزوده: نیم‌فاصله] شود";
    h.get_by_label_contains(row);
    h.get_by_role_and_label(Role::CheckBox, "نیم‌فاصله (۱)")
        .click();
    h.settle();
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("review"));
    assert!(
        review
            .imported
            .repairs
            .iter()
            .all(|r| r.rule != RepairRule::Zwnj),
        "ZWNJ repairs undone"
    );
    assert!(
        review.imported.article.blocks[0].text.contains("میشود"),
        "{:?}",
        review.imported.article.blocks[0].text
    );
    assert!(h.query_by_label_contains(row).is_none(), "its row is gone");
    // The box stays, unticked, with the first import's count; ticking redoes the step.
    h.get_by_role_and_label(Role::CheckBox, "نیم‌فاصله (۱)")
        .click();
    h.settle();
    h.get_by_label_contains(row);
}

#[test]
fn the_english_switch_shows_english_names_and_latin_digits() {
    let (mut h, _dir) = review_of(DAM);
    // The language switch in the View menu, with real clicks.
    h.get_by_label(h.state().strings().menu_view).click();
    h.settle();
    h.get_by_label("English").click();
    h.settle();
    assert_eq!(h.state().settings.lang, Lang::En);
    for name in [
        "ZWNJ (1)",
        "tatweel (1)",
        "affix written apart (1)",
        "spacing (1)",
    ] {
        h.get_by_role_and_label(Role::CheckBox, name);
    }
    h.get_by_label("ZWNJ: …به زودی آغاز می [inserted: ZWNJ] شود.");
    h.get_by_label_contains("[removed: tatweel ×3]");
    h.get_by_label("12 May 2019");
    // Left to right: the events on the left, the repairs on the right.
    assert!(h.get_by_label("Events (3)").rect().left() < 40.0);
    let repairs = h.get_by_label_contains("Repairs (").rect();
    assert!(repairs.left() > 600.0, "{repairs:?}");
    assert!(
        h.get_by_label("Accept and open").rect().right() < h.get_by_label("Cancel").rect().left()
    );
    for l in labels(&h) {
        for rule in RepairRule::ALL {
            let fa = Lang::Fa.rule_name(rule);
            assert!(
                !l.starts_with(&format!("{fa}: ")),
                "Persian rule name in «{l}»"
            );
        }
    }
}

/// Hundreds of corrections: only the rows in view are laid out (and in the AccessKit
/// tree); scrolling the list brings the last ones into view.
#[test]
fn a_long_import_lays_out_only_the_rows_in_view() {
    let text: String = (1..=300)
        .map(|i| {
            let year = gahnegar::persian::digits::to_persian(&(1700 + i).to_string());
            let i = gahnegar::persian::digits::to_persian(&i.to_string());
            format!("نويسنده در بند {i} از رویداد سال {year} در کتاب ها نوشت.\n\n")
        })
        .collect();
    let (mut h, _dir) = review_of(&text);
    let (n, events) = h.state().review.as_ref().map_or((0, 0), |r| {
        (r.corrections().len(), r.imported.article.events.len())
    });
    assert!(n >= 600, "{n} corrections");
    assert!(events >= 200, "{events} events");
    let keep = h.query_all_by_label_contains("نگه داشتن: ").count();
    assert!(
        (1..40).contains(&keep),
        "{keep} of {events} event rows laid out"
    );
    let rows = |h: &Harness<'_, GahnegarApp>| {
        labels(h)
            .into_iter()
            .filter(|l| l.starts_with("نویسه‌ی عربی: ") || l.starts_with("پسوند و پیشوند جدا: "))
            .collect::<Vec<_>>()
    };
    let shown = rows(&h);
    assert!(
        !shown.is_empty() && shown.len() < 80,
        "{} of {n} rows laid out",
        shown.len()
    );
    assert!(
        !shown.iter().any(|l| l.contains("۳۰۰")),
        "the last paragraph's rows are not laid out yet"
    );
    // Scroll the corrections with the mouse wheel until the last paragraph's rows show.
    let list = h
        .query_all_by_label_contains("نویسه‌ی عربی: ")
        .next()
        .unwrap_or_else(|| panic!("no correction rows"))
        .rect()
        .center();
    h.hover_at(list);
    for _ in 0..200 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        h.settle();
        if rows(&h).iter().any(|l| l.contains("بند ۳۰۰")) {
            return;
        }
    }
    panic!("scrolling never showed the last rows: {:#?}", rows(&h));
}

#[test]
fn review_snapshot_fa_light() {
    review_snapshot("review_fa_light", Lang::Fa, Theme::Light);
}

/// The English pane, left to right, for comparison by eye.
#[test]
fn review_snapshot_en_light() {
    review_snapshot("review_en_light", Lang::En, Theme::Light);
}

#[test]
fn review_snapshot_fa_dark() {
    review_snapshot("review_fa_dark", Lang::Fa, Theme::Dark);
}

fn review_snapshot(name: &str, lang: Lang, theme: Theme) {
    let (mut h, _dir) = review_of(DAM);
    h.state_mut().settings.lang = lang;
    h.state_mut().settings.theme = theme;
    // A fixed path (the temporary one changes from run to run), Persian with a Latin
    // extension, to show it isolated in the Persian line.
    if let Some(r) = h.state_mut().review.as_mut() {
        r.source_path = std::path::PathBuf::from("/خبرها/سد تازه.txt");
    }
    h.settle();
    h.snapshot(name);
}
