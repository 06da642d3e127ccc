//! The library view (issue 17) driven through AccessKit labels and real input: a folder of
//! saved pages written by the test added through File → Add to library, a Persian search
//! typed with ي and without ZWNJ whose hit opens the article scrolled to the match, the
//! merged timeline with one mark of two reports (confirmed, and saved), a filter by one
//! outlet, a damaged library named in the view, a Telegram export opened and added with
//! its channel and forwarding source in the sources panel, and snapshots of the view and
//! of the merged timeline's reports.

use std::path::{Path, PathBuf};

use egui::{Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use gahnegar::library::{AddOptions, Library};
use gahnegar::ui::library::LibraryCommand;
use gahnegar::ui::{Command, GahnegarApp, Page};

use crate::common::Settle as _;
use crate::common::app_harness;

const TITLE_IRNA: &str = "سفر وزیر خارجه روسیه به باکو";
const TITLE_ISNA: &str = "دیدار لاوروف و علی‌اف در باکو";
const TITLE_BOOKS: &str = "افتتاح نمایشگاه کتاب تهران";

/// A saved web page of `outlet` published on `date` (ISO), with `paragraphs`.
fn page(outlet: &str, date: &str, title: &str, paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
         <title>{title}</title><meta property=\"og:site_name\" content=\"{outlet}\">\
         <meta property=\"article:published_time\" content=\"{date}T09:00:00+03:30\"></head>\
         <body><article><h1>{title}</h1>\n{body}</article></body></html>"
    )
}

/// Sentences without dates, to put the match far down an article.
fn filler(n: usize) -> Vec<String> {
    (1..=n)
        .map(|k| {
            format!(
                "بند {k} این گزارش به پیشینهٔ روابط دو کشور و گفت‌وگوهای کارشناسان دربارهٔ \
                 راه‌های ترانزیت، انرژی و بازرگانی در منطقهٔ قفقاز می‌پردازد و دیدگاه‌های \
                 گوناگون را کنار هم می‌گذارد."
            )
        })
        .collect()
}

/// Three saved pages in `dir`: two outlets' reports of one visit (one dated in the Solar
/// Hijri calendar) and an unrelated one; the ISNA report names a draft («پیش‌نویس») far
/// down its text.
fn write_pages(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    let visit = |date: &str| {
        format!(
            "سرگئی لاوروف وزیر خارجه روسیه روز {date} به باکو سفر کرد و با الهام علی‌اف دیدار کرد."
        )
    };
    let irna = page(
        "ایرنا",
        "2024-04-10",
        TITLE_IRNA,
        &[
            visit("۱۰ آوریل ۲۰۲۴"),
            "رئیس‌جمهور آذربایجان در این دیدار گفت روابط دو کشور رو به گسترش است.".to_owned(),
        ],
    );
    let mut isna_paras = vec![visit("۲۲ فروردین ۱۴۰۳")];
    isna_paras.extend(filler(30));
    isna_paras.push("دو طرف پیش‌نویس توافق‌نامهٔ همکاری در زمینهٔ ترانزیت را بررسی کردند.".to_owned());
    isna_paras.extend(filler(5));
    let isna = page("ایسنا", "2024-04-11", TITLE_ISNA, &isna_paras);
    let books = page(
        "همشهری",
        "2023-05-10",
        TITLE_BOOKS,
        &[
            "نمایشگاه بین‌المللی کتاب تهران در اردیبهشت ۱۴۰۲ با حضور ناشران داخلی و خارجی گشایش یافت."
                .to_owned(),
            "ناشران از استقبال خوانندگان از کتاب‌های تازه خبر دادند.".to_owned(),
        ],
    );
    for (name, text) in [
        ("irna.html", irna),
        ("isna.html", isna),
        ("books.html", books),
    ] {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

fn harness() -> Harness<'static, GahnegarApp> {
    app_harness(Vec2::new(1280.0, 820.0))
}

/// Steps the app until the library is neither opening nor adding (bounded).
fn wait_for_library(h: &mut Harness<'_, GahnegarApp>) {
    for _ in 0..600 {
        h.step();
        let app = h.state();
        if !app.library.is_busy() && app.library.library().is_some() {
            h.settle();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the library did not open or finish adding");
}

/// Shows the library in `dir` (what `gahnegar --library DIR` does at start).
fn show_library(h: &mut Harness<'_, GahnegarApp>, dir: &Path) {
    h.state_mut()
        .push(Command::Library(LibraryCommand::Show(Some(dir.to_owned()))));
    h.settle();
    wait_for_library(h);
    assert_eq!(h.state().page, Page::Library);
}

/// File → Add to library…, the path typed into the in-app prompt, Enter.
fn add_through_the_menu(h: &mut Harness<'_, GahnegarApp>, path: &Path) {
    let s = h.state().strings();
    h.get_by_label(s.menu_file).click();
    h.settle();
    h.get_by_label("افزودن به کتابخانه…").click();
    h.settle();
    let field = h.get_by_role_and_label(
        egui::Role::TextInput,
        "مسیر پرونده یا پوشه‌ای که به کتابخانه افزوده شود:",
    );
    field.focus();
    field.type_text(&path.display().to_string());
    h.settle();
    h.key_press(egui::Key::Enter);
    h.settle();
    wait_for_library(h);
}

/// A folder added through the menu, into a new library in `tmp/lib`.
fn added(tmp: &Path) -> (Harness<'static, GahnegarApp>, PathBuf) {
    let input = tmp.join("pages");
    write_pages(&input);
    let lib = tmp.join("lib");
    let mut h = harness();
    show_library(&mut h, &lib);
    add_through_the_menu(&mut h, &input);
    let app = h.state();
    let report = app
        .library
        .add_report
        .clone()
        .unwrap_or_else(|| panic!("no add report"));
    assert_eq!(report.added.len(), 3, "{report:?}");
    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(app.library.order().len(), 3, "three articles listed");
    (h, lib)
}

fn block_visible(h: &Harness<'_, GahnegarApp>, block: usize) -> bool {
    let app = h.state();
    let item = 2 + app.doc.article.meta.lead.len() + block;
    app.article_view
        .visible_items
        .iter()
        .any(|(i, r)| *i == item && r.top() < 820.0 && r.bottom() > 0.0)
}

/// The merged timeline's marks whose AccessKit label holds `text`.
fn marks_with(h: &Harness<'_, GahnegarApp>, text: &str) -> usize {
    h.query_all_by_label_contains(text)
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .count()
}

#[test]
fn a_folder_added_searched_with_arabic_yeh_and_a_hit_opened_at_its_match() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut h, _lib) = added(tmp.path());
    // The list shows each article once, by title.
    for t in [TITLE_IRNA, TITLE_ISNA, TITLE_BOOKS] {
        let _row = h.get_by_label(t);
    }
    // «پیش‌نویس» typed with Arabic yeh (ي) and without the ZWNJ.
    let field = h.get_by_role_and_label(egui::Role::TextInput, "جست‌وجو در کتابخانه");
    field.focus();
    field.type_text("پيشنويس");
    h.settle();
    let hits = h.state().library.hits.clone();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hit = &hits[0];
    assert_eq!(hit.title, TITLE_ISNA);
    assert!(
        hit.snippet[hit.snippet_range.clone()].starts_with("پیش"),
        "the snippet's highlight is the match: {hit:?}"
    );
    // Once the typing pauses, the merged timeline shows the search's articles only.
    std::thread::sleep(std::time::Duration::from_millis(350));
    h.settle();
    let lanes: Vec<String> = h
        .state()
        .library
        .merged
        .timeline
        .lanes
        .iter()
        .map(|l| l.name_fa.clone())
        .collect();
    assert_eq!(lanes, ["ایسنا"], "the hit's outlet alone");
    // Clicking the hit opens the article at the match.
    h.get_by_label_contains(&format!("{TITLE_ISNA} — ")).click();
    for _ in 0..4 {
        h.settle();
    }
    let app = h.state();
    assert_eq!(app.page, Page::Article);
    assert_eq!(app.doc.article.meta.title, TITLE_ISNA);
    let find = &app.article_view.find;
    assert!(find.open, "the find bar shows the query");
    let (block, range) = find.matches[find.current].clone();
    assert_eq!(block, hit.block, "the current match is the hit's");
    let text = &app.doc.article.blocks[block].text;
    assert!(
        text[range.clone()].starts_with("پیش"),
        "the current match is the word: «{}»",
        &text[range]
    );
    assert!(
        block > 20,
        "the match is far down the article: block {block}"
    );
    assert!(block_visible(&h, block), "scrolled to the match's block");
    assert!(!block_visible(&h, 1), "and away from the top");
}

#[test]
fn the_merged_timeline_shows_a_shared_event_once_and_filters_by_outlet() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut h, lib) = added(tmp.path());
    // Lanes by category: a group is one mark.
    h.get_by_role_and_label(egui::Role::ComboBox, "ردیف‌ها")
        .click();
    h.settle();
    h.get_by_label("دسته").click();
    h.settle();
    assert_eq!(
        marks_with(&h, "(۲ گزارش)"),
        1,
        "the visit reported by two outlets is one mark of two reports"
    );
    assert_eq!(marks_with(&h, "سرگئی لاوروف"), 1, "and drawn once");
    // Clicking it lists both reports side by side; confirming saves the group.
    h.get_by_label_contains("(۲ گزارش)").click();
    h.settle();
    let g = h
        .state()
        .library
        .merged
        .selected
        .unwrap_or_else(|| panic!("no group selected"));
    let reports = h
        .state()
        .library
        .library()
        .map(|l| l.groups().groups[g].reports.len());
    assert_eq!(reports, Some(2));
    assert!(
        h.query_all_by_label("گزارش‌های یک رویداد").next().is_some(),
        "the reports' window is open"
    );
    h.get_by_role_and_label(egui::Role::Button, "تأیید گروه")
        .click();
    h.settle();
    let confirmed = std::fs::read_to_string(lib.join("groups.ron")).unwrap_or_default();
    assert!(
        confirmed.contains("confirmed"),
        "the decision is saved: {confirmed}"
    );
    let (reopened, _) = Library::open(&lib).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(reopened.decisions().confirmed.len(), 1);
    drop(reopened);
    // Filter by one outlet (its row in the sources panel): its article alone, and the
    // visit with one report; the row again shows every outlet.
    let outlet_row = |h: &mut Harness<'_, GahnegarApp>| {
        h.query_all_by_label("ایسنا")
            .next()
            .unwrap_or_else(|| panic!("no outlet row"))
            .click();
        h.settle();
    };
    outlet_row(&mut h);
    assert_eq!(h.state().library.order().len(), 1, "one outlet's article");
    assert_eq!(marks_with(&h, "(۲ گزارش)"), 0, "one report in view");
    assert_eq!(marks_with(&h, "سرگئی لاوروف"), 1);
    outlet_row(&mut h);
    assert_eq!(h.state().library.order().len(), 3);
    assert_eq!(marks_with(&h, "(۲ گزارش)"), 1);
    // Splitting the second report out: two marks of one report each, saved.
    h.get_by_label_contains("(۲ گزارش)").click();
    h.settle();
    h.get_by_role_and_label(egui::Role::Button, "جدا کردن ۲")
        .click();
    h.settle();
    assert_eq!(marks_with(&h, "(۲ گزارش)"), 0, "split");
    // Two events on one day of one lane: one mark at this zoom, that says so.
    assert_eq!(marks_with(&h, "سرگئی لاوروف"), 1);
    assert_eq!(marks_with(&h, "و ۱ رویداد دیگر"), 1);
    let (reopened, _) = Library::open(&lib).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(reopened.decisions().split.len(), 1, "the split is saved");
    assert!(reopened.decisions().confirmed.is_empty());
    drop(reopened);
    // Merging them again, in lanes by outlet (a mark in each): Merge with… on one report,
    // then a click on the other's mark.
    h.state_mut().library.merged.lane_by =
        gahnegar::ui::library_timeline::LaneByChoice(gahnegar::library::LaneBy::Outlet);
    h.settle();
    assert_eq!(
        marks_with(&h, "سرگئی لاوروف"),
        2,
        "one in each outlet's lane"
    );
    h.query_all_by_label_contains("سرگئی لاوروف")
        .next()
        .unwrap_or_else(|| panic!("no mark"))
        .click();
    h.settle();
    h.get_by_role_and_label(egui::Role::Button, "ادغام با… ۱")
        .click();
    h.settle();
    h.query_all_by_label_contains("سرگئی لاوروف")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .nth(1)
        .unwrap_or_else(|| panic!("no second mark"))
        .click();
    h.settle();
    assert_eq!(
        marks_with(&h, "(۲ گزارش)"),
        2,
        "one group of two reports, a mark in each lane"
    );
    let (reopened, _) = Library::open(&lib).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(reopened.decisions().merged.len(), 1, "the merge is saved");
}

#[test]
fn a_damaged_library_opens_with_the_bad_article_named() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = tmp.path().join("pages");
    write_pages(&input);
    let dir = tmp.path().join("lib");
    let damaged = {
        let (mut lib, _) = Library::open(&dir).unwrap_or_else(|e| panic!("{e:#}"));
        let report = lib
            .add(&[input], &AddOptions::default(), &|_| {})
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(report.added.len(), 3);
        let e = &lib.entries()[0];
        (e.path(&dir), e.title.clone())
    };
    // An article cut in half, and the search index deleted.
    let bytes = std::fs::read(&damaged.0).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&damaged.0, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_dir_all(dir.join("search")).unwrap_or_else(|e| panic!("{e}"));
    let mut h = harness();
    show_library(&mut h, &dir);
    let name = damaged.0.display().to_string();
    let _named = h.get_by_label_contains(&name);
    let _rebuilt = h.get_by_label_contains("نمایهٔ جست‌وجو از نو ساخته شد");
    let app = h.state();
    assert_eq!(app.library.order().len(), 2, "the others are listed");
    assert!(
        h.query_by_label(&damaged.1).is_none(),
        "the damaged one is not"
    );
    // Search works on the rebuilt index.
    let field = h.get_by_role_and_label(egui::Role::TextInput, "جست‌وجو در کتابخانه");
    field.focus();
    field.type_text("باکو");
    h.settle();
    assert!(!h.state().library.hits.is_empty(), "the index was rebuilt");
}

/// A Telegram channel export of three posts, one forwarded from another channel.
const TELEGRAM: &str = r#"{
 "name": "خبر فوری قفقاز",
 "type": "public_channel",
 "id": 1001,
 "messages": [
  {"id": 1, "type": "message", "date": "2024-04-10T10:00:00", "from": "خبر فوری قفقاز",
   "text": "وزیر خارجه روسیه امروز به باکو رسید و با رئیس‌جمهور آذربایجان دیدار کرد."},
  {"id": 2, "type": "message", "date": "2024-04-11T08:30:00", "from": "خبر فوری قفقاز",
   "forwarded_from": "خبرگزاری فارس",
   "text": "دو کشور دیروز پیش‌نویس توافق ترانزیتی را امضا کردند."},
  {"id": 3, "type": "message", "date": "2024-04-12T12:00:00", "from": "خبر فوری قفقاز",
   "text": ["نمایشگاه کتاب ", {"type": "bold", "text": "باکو"}, " امروز گشایش یافت."]}
 ]
}"#;

#[test]
fn a_telegram_export_opened_in_the_app_goes_into_the_library() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let json = tmp.path().join("result.json");
    std::fs::write(&json, TELEGRAM).unwrap_or_else(|e| panic!("{e}"));
    let lib = tmp.path().join("lib");
    let mut h = harness();
    h.state_mut().settings.library = Some(lib.clone());
    // File → Open… on the export offers to add it to the library.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.settle();
    let s = h.state().strings();
    let field = h.get_by_role_and_label(egui::Role::TextInput, s.path_prompt_open);
    field.focus();
    field.type_text(&json.display().to_string());
    h.key_press(egui::Key::Enter);
    h.settle();
    let _offer = h.get_by_label_contains("هر پست یک نوشته");
    h.get_by_role_and_label(egui::Role::Button, "افزودن به کتابخانه")
        .click();
    h.settle();
    wait_for_library(&mut h);
    let app = h.state();
    assert_eq!(app.page, Page::Library);
    assert_eq!(
        app.library.add_report.as_ref().map(|r| r.added.len()),
        Some(3),
        "one article a post"
    );
    assert_eq!(app.library.order().len(), 3);
    // The sources panel: the channel as the outlet, the forwarding channel as a source.
    let _channel = h.get_by_label("خبر فوری قفقاز");
    let _forwarded = h.get_by_label("خبرگزاری فارس");
}

#[test]
fn library_snapshots_fa() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut h, _lib) = added(tmp.path());
    // The pointer away from the rows and marks.
    let away = || egui::Event::PointerMoved(egui::pos2(700.0, 780.0));
    h.event(away());
    h.settle();
    h.snapshot("library_view_fa");
    h.get_by_role_and_label(egui::Role::ComboBox, "ردیف‌ها")
        .click();
    h.settle();
    h.get_by_label("دسته").click();
    h.settle();
    h.get_by_label_contains("(۲ گزارش)").click();
    h.settle();
    h.event(away());
    h.settle();
    h.snapshot("library_timeline_fa");
    // The English UI: mirrored, Latin digits.
    h.get_by_label("بستن").click();
    h.state_mut().push(Command::SetLang(gahnegar::ui::Lang::En));
    h.settle();
    h.event(away());
    h.settle();
    h.snapshot("library_view_en");
}

#[test]
fn a_long_list_draws_only_the_rows_on_screen() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = tmp.path().join("articles");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    let n = 400;
    for k in 0..n {
        let mut a = crate::common::mini();
        a.meta.title = format!("نوشتهٔ شمارهٔ {k}");
        gahnegar::store::save(&a, &input.join(format!("{k:03}.ron")))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let dir = tmp.path().join("lib");
    {
        let (mut lib, _) = Library::open(&dir).unwrap_or_else(|e| panic!("{e:#}"));
        let report = lib
            .add(&[input], &AddOptions::default(), &|_| {})
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(report.added.len(), n, "{report:?}");
    }
    let mut h = harness();
    show_library(&mut h, &dir);
    assert_eq!(h.state().library.order().len(), n);
    let rows = h.query_all_by_label_contains("نوشتهٔ شمارهٔ").count();
    assert!(
        (5..60).contains(&rows),
        "{rows} of {n} rows given a node: only those on screen are drawn"
    );
    // The list sorts by a column header's click: by title, then the other way.
    h.get_by_role_and_label(egui::Role::Button, "عنوان").click();
    h.settle();
    let first = |h: &Harness<'_, GahnegarApp>| {
        let app = h.state();
        let lib = app.library.library().unwrap_or_else(|| panic!("closed"));
        lib.entries()[app.library.order()[0] as usize].title.clone()
    };
    assert_eq!(first(&h), "نوشتهٔ شمارهٔ 0");
    h.get_by_role_and_label(egui::Role::Button, "عنوان").click();
    h.settle();
    assert_eq!(first(&h), "نوشتهٔ شمارهٔ 99", "descending by title");
}

#[test]
fn opening_an_article_from_the_library_asks_about_unsaved_changes_first() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut h, _lib) = added(tmp.path());
    // An edit to the article open (the built-in one) that is not saved: Ctrl+L back to the
    // article, an event deleted, Ctrl+L to the library again.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::L);
    h.settle();
    assert_eq!(h.state().page, Page::Article);
    let first = h.state().doc.article.events[0].id.to_string();
    h.state_mut().push(Command::Edit(Box::new(
        gahnegar::model::edit::Edit::DeleteEvent { event: first },
    )));
    h.settle();
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::L);
    h.settle();
    wait_for_library(&mut h);
    assert_eq!(h.state().page, Page::Library);
    h.get_by_label(TITLE_BOOKS).click();
    h.settle();
    let s = h.state().strings();
    let _ask = h.get_by_label(s.unsaved_title);
    assert_ne!(h.state().doc.article.meta.title, TITLE_BOOKS, "not yet");
    h.get_by_role_and_label(egui::Role::Button, s.discard)
        .click();
    for _ in 0..3 {
        h.settle();
    }
    assert_eq!(h.state().doc.article.meta.title, TITLE_BOOKS);
    assert_eq!(h.state().page, Page::Article);
}
