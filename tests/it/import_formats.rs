//! Importing what readers keep their articles in (issue 18), through the real binary: a
//! saved web page in a legacy code page, a Telegram channel export, files told apart by
//! content whatever their extension, and a clear message for what Gahnegar cannot read.

use std::path::Path;

use gahnegar::model::{Article, BlockKind, Day};
use gahnegar::store;

use crate::common::Settle as _;
use crate::common::{gahnegar, repo_path};

fn ok(args: &[&str]) -> String {
    let out = gahnegar(args);
    assert!(
        out.status.success(),
        "gahnegar {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

fn load(path: &Path) -> Article {
    store::load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

#[test]
fn a_saved_page_in_windows_1256_imports_with_its_metadata() {
    check_saved_page("tests/data/formats/page-fa.htm");
}

/// The same page saved by a browser as one file (MHTML): quoted-printable windows-1256 in
/// a MIME part beside an image, read as the page itself is.
#[test]
fn a_web_archive_of_the_page_imports_as_the_page_does() {
    check_saved_page("tests/data/formats/page-fa.mhtml");
}

fn check_saved_page(file: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Saved under a name that says nothing: the content says it is a page.
    let input = dir.path().join("saved");
    std::fs::copy(repo_path(file), &input).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("page.ron");
    ok(&["import", s(&input), "-o", s(&out)]);
    let a = load(&out);
    assert_eq!(a.meta.title, "بازگشایی راه‌آهن شمال");
    assert_eq!(a.meta.publication.as_deref(), Some("روزنامه نمونه"));
    assert_eq!(a.meta.author, "علی رضایی");
    assert_eq!(
        a.meta.date,
        Some(Day::new(2023, 11, 14).unwrap_or_else(|e| panic!("{e}"))),
        "JSON-LD datePublished"
    );
    let text: String = a.blocks.iter().map(|b| format!("{}\n", b.text)).collect();
    assert!(text.contains("مدیرعامل شرکت راه‌آهن دیروز"), "{text}");
    assert!(
        !text.contains("صفحه نخست"),
        "the menu is not article text:\n{text}"
    );
    assert!(
        !text.contains("حقوق محفوظ"),
        "the footer is not article text:\n{text}"
    );
    assert!(
        !text.contains('ي'),
        "Arabic yeh of the code page repaired:\n{text}"
    );
    assert!(
        a.blocks
            .iter()
            .any(|b| b.kind == BlockKind::Heading && b.text == "پیشینه تعمیرات"),
        "the page's <h2> is a heading"
    );
    // «دیروز» is read against the page's date.
    let yesterday = a
        .events
        .iter()
        .find(|e| e.date.wording.contains("دیروز"))
        .unwrap_or_else(|| panic!("no «دیروز» event: {:#?}", a.events));
    assert_eq!(
        yesterday.date.start,
        Day::new(2023, 11, 13).unwrap_or_else(|e| panic!("{e}"))
    );
    assert!(
        a.events.iter().any(|e| e.date.start.year == 1937),
        "«سال ۱۳۱۶»"
    );
    // Only an http(s) link becomes a source's link.
    let linked: Vec<&str> = a.sources.iter().filter_map(|s| s.link.as_deref()).collect();
    assert!(
        linked.iter().all(|l| l.starts_with("https://")),
        "{linked:?}"
    );
    assert!(a.problems().is_empty(), "{:?}", a.problems());
}

#[test]
fn a_telegram_export_becomes_one_article_a_post() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = dir.path().join("result.json");
    std::fs::copy(repo_path("tests/data/formats/telegram-result.json"), &input)
        .unwrap_or_else(|e| panic!("{e}"));
    let report = ok(&["import", s(&input)]);
    let folder = dir.path().join("result");
    assert!(report.contains("3 articles ->"), "{report}");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "posts with text only: {files:?}");
    let posts: Vec<Article> = files.iter().map(|f| load(f)).collect();
    for p in &posts {
        assert_eq!(p.meta.publication.as_deref(), Some("کانال خبری آزمایشی"));
        assert!(p.problems().is_empty(), "{:?}", p.problems());
    }
    let today = &posts[0].events[0];
    assert!(today.date.wording.contains("امروز"));
    assert_eq!(
        today.date.start,
        Day::new(2024, 1, 12).unwrap_or_else(|e| panic!("{e}")),
        "the post's day"
    );
    let fwd = &posts[1];
    let source = fwd
        .sources
        .iter()
        .find(|s| s.name == "خبرگزاری آزمایشی")
        .expect("the channel forwarded from is a source");
    assert!(
        fwd.claims
            .iter()
            .any(|c| c.source == source.id && !c.events.is_empty())
    );
    let yesterday = fwd
        .events
        .iter()
        .find(|e| e.date.wording.contains("دیروز"))
        .expect("«دیروز»");
    assert_eq!(
        yesterday.date.start,
        Day::new(2024, 1, 12).unwrap_or_else(|e| panic!("{e}"))
    );
    // Again: refused without --force, nothing half-written; with --force replaced.
    let again = gahnegar(&["import", s(&input)]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    ok(&["import", s(&input), "--force"]);
}

#[test]
fn files_are_told_apart_by_content_and_the_rest_refused_clearly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // An article saved as .txt is still an article.
    let ron = dir.path().join("article.txt");
    std::fs::copy(crate::common::mini_path(), &ron).unwrap_or_else(|e| panic!("{e}"));
    let dumped = ok(&["dump", s(&ron), "--format", "text"]);
    assert_eq!(
        dumped,
        ok(&["dump", s(&crate::common::mini_path()), "--format", "text"])
    );
    // A broken PDF: a message naming it, no panic, nothing written.
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap_or_else(|e| panic!("{e}"));
    let out = gahnegar(&["import", s(&pdf)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("paper.pdf: not a readable PDF"), "{err}");
    assert!(!dir.path().join("paper.ron").exists());
    // The GUI's loader refuses a Telegram export with the command that imports it.
    let tg = repo_path("tests/data/formats/telegram-result.json");
    let e = gahnegar::import::load_any(&tg).unwrap_err().to_string();
    assert!(
        e.contains("3 posts") && e.contains("gahnegar import"),
        "{e}"
    );
}

#[test]
fn a_telegram_export_and_a_saved_page_go_into_a_library() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let library = dir.path().join("library");
    let tg = repo_path("tests/data/formats/telegram-result.json");
    let page = repo_path("tests/data/formats/page-fa.htm");
    let add = gahnegar(&["library", "add", s(&tg), s(&page), "--library", s(&library)]);
    assert!(add.status.success());
    let said = String::from_utf8_lossy(&add.stderr);
    assert!(
        !said.contains("rebuilt"),
        "a new library has nothing to rebuild: {said}"
    );
    let dump = ok(&[
        "library",
        "dump",
        "--format",
        "jsonl",
        "--library",
        s(&library),
    ]);
    let rows: Vec<serde_json::Value> = dump
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let articles: std::collections::HashSet<&str> = rows
        .iter()
        .filter_map(|r| r["article"].as_str())
        .filter(|a| !a.is_empty())
        .collect();
    assert_eq!(articles.len(), 4, "three posts and the page: {dump}");
    // A post without a headline is titled by its first words, not the file's name.
    assert!(
        rows.iter().any(|r| r["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("شهردار تهران امروز"))),
        "{dump}"
    );
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "source" && r.to_string().contains("خبرگزاری آزمایشی")),
        "the forwarding channel is a source in the library: {dump}"
    );
    let hits = ok(&["library", "search", "راه‌آهن", "--library", s(&library)]);
    assert!(hits.contains("مدیرعامل شرکت راه‌آهن"), "{hits}");
}

/// A Persian news page fragment as a browser puts it on the clipboard (HTML).
const PASTED_HTML: &str = r#"<html><body><!--StartFragment--><h1>افتتاح کتابخانه مرکزی</h1>
<p>شهردار اصفهان دیروز کتابخانه مرکزی شهر را پس از سه سال ساخت افتتاح کرد و گفت که این کتابخانه از ۱ مهر ۱۴۰۳ به روی همه باز است.</p>
<p>این کتابخانه یکی از بزرگ‌ترین کتابخانه‌های عمومی کشور است و بیش از دویست هزار جلد کتاب دارد.</p><!--EndFragment--></body></html>"#;

#[test]
fn pasting_persian_html_with_ctrl_shift_v_opens_it_after_the_review() {
    use egui::{Event, Key, Modifiers};
    use egui_kittest::kittest::Queryable as _;
    let mut h = crate::common::app_harness(egui::Vec2::new(1280.0, 820.0));
    let recent_before = h.state().settings.recent.len();
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    // What egui-winit sends for Ctrl+Shift+V: the key, and the clipboard's contents.
    h.event(Event::Key {
        key: Key::V,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: ctrl_shift,
    });
    h.event(Event::Paste(PASTED_HTML.to_owned()));
    h.settle();
    crate::common::wait_for_import(&mut h);
    h.settle();
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("no review after pasting: {:?}", h.state().modal));
    let a = &review.imported.article;
    assert_eq!(a.meta.title, "افتتاح کتابخانه مرکزی", "the page's <h1>");
    assert!(
        a.blocks.iter().all(|b| !b.text.contains('<')),
        "no markup in the text"
    );
    assert!(
        a.events
            .iter()
            .any(|e| e.date.wording.contains("۱ مهر ۱۴۰۳"))
    );
    h.get_by_label(h.state().strings().review_accept).click();
    h.settle();
    let app = h.state();
    assert!(app.review.is_none(), "accepting closes the review");
    assert_eq!(app.doc.article.meta.title, "افتتاح کتابخانه مرکزی");
    assert_eq!(
        app.settings.recent.len(),
        recent_before,
        "pasted text is not a recent file"
    );
}

#[test]
fn importing_a_saved_page_in_the_app_reads_yesterday_against_its_date() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = dir.path().join("saved-page.htm");
    std::fs::copy(repo_path("tests/data/formats/page-fa.htm"), &page)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut h = crate::common::app_harness(egui::Vec2::new(1280.0, 820.0));
    // Open routes a page to the import review, as it does a text file.
    h.state_mut()
        .push(gahnegar::ui::Command::Open(page.clone()));
    h.settle();
    crate::common::wait_for_import(&mut h);
    h.settle();
    let review = h
        .state()
        .review
        .as_ref()
        .unwrap_or_else(|| panic!("no review: {:?}", h.state().modal));
    let a = &review.imported.article;
    assert_eq!(
        a.meta.date,
        Some(Day::new(2023, 11, 14).unwrap_or_else(|e| panic!("{e}")))
    );
    let yesterday = a
        .events
        .iter()
        .find(|e| e.date.wording.contains("دیروز"))
        .unwrap_or_else(|| panic!("no «دیروز»"));
    assert_eq!(
        yesterday.date.start,
        Day::new(2023, 11, 13).unwrap_or_else(|e| panic!("{e}"))
    );
    assert_eq!(a.meta.publication.as_deref(), Some("روزنامه نمونه"));
}
