//! The library of many articles: adding a folder through the real binary (`gahnegar
//! library add`), searching with Persian folding, the same happening in two articles as one
//! group, the flat dump, a damaged library repaired on opening, re-adding a changed file,
//! cancelling, and the reader's decisions on groups kept across openings. Every article is
//! written by the test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use gahnegar::library::{AddOptions, LaneBy, Library};

use crate::common::BIN;

/// Two outlets' reports of one visit (one in Gregorian, one in Solar Hijri dates), an
/// unrelated article, and a feed of two items.
const VISIT_IRNA: &str = "سفر وزیر خارجه روسیه به باکو\n\n\
به گزارش خبرگزاری ایرنا، سرگئی لاوروف وزیر خارجه روسیه روز ۱۰ آوریل ۲۰۲۴ به باکو سفر کرد و با الهام علی‌اف دیدار کرد.\n\n\
رئیس‌جمهور آذربایجان در این دیدار گفت روابط دو کشور رو به گسترش است.\n";
const VISIT_ISNA: &str = "دیدار لاوروف و علی‌اف در باکو\n\n\
به گزارش خبرگزاری ایسنا، سرگئی لاوروف وزیر خارجه روسیه روز ۲۲ فروردین ۱۴۰۳ به باکو سفر کرد و با الهام علی‌اف دیدار کرد.\n";
const BOOK_FAIR: &str = "افتتاح نمایشگاه کتاب\n\n\
نمایشگاه بین‌المللی کتاب تهران در اردیبهشت ۱۴۰۲ با حضور ناشران داخلی و خارجی گشایش یافت.\n";
const FEED: &str = "title,date,text\n\
قیمت نان گران شد,1402-08-09,به گفته مسئولان قیمت نان در تهران افزایش یافت.\n\
تیم ملی قهرمان شد,1402-08-10,تیم ملی والیبال در مسابقات آسیایی قهرمان شد.\n";

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A folder of the four files, and a library folder beside it.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let input = tmp.path().join("in");
    write(&input.join("irna.txt"), VISIT_IRNA);
    write(&input.join("isna.txt"), VISIT_ISNA);
    write(&input.join("more/book.txt"), BOOK_FAIR);
    write(&input.join("feed.csv"), FEED);
    let lib = tmp.path().join("lib");
    (tmp, input, lib)
}

/// Runs the binary; returns (success, stdout, stderr).
fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running {BIN}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("{} is not UTF-8", p.display()))
}

fn open(lib: &Path) -> (Library, gahnegar::library::OpenReport) {
    Library::open(lib).unwrap_or_else(|e| panic!("opening {}: {e:#}", lib.display()))
}

#[test]
fn add_search_and_dump_through_the_binary() {
    let (_tmp, input, lib) = setup();
    let (ok, out, err) = run(&["library", "add", s(&input), "--library", s(&lib)]);
    assert!(ok, "add failed: {out}{err}");
    assert!(
        out.starts_with("5 articles added, 0 already in the library, 0 replaced, 0 failed"),
        "three texts and a feed of two items: {out}"
    );
    // The same files again: found by their content, nothing added.
    let (ok, out, _) = run(&["library", "--library", s(&lib), "add", s(&input)]);
    assert!(
        ok && out.starts_with("0 articles added, 4 already in the library"),
        "{out}"
    );
    // Originals are kept byte for byte beside the articles.
    let originals = std::fs::read_dir(lib.join("originals"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(originals, 4, "one original per file added");

    // «بین‌المللی» written with ي and without its ZWNJ.
    let (ok, out, err) = run(&["library", "search", "بينالمللي", "--library", s(&lib)]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "one hit: {out}");
    let cols: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(cols.len(), 3, "article, paragraph, snippet: {out}");
    assert!(cols[2].contains("نمایشگاه بین‌المللی کتاب"), "{out}");
    // A word of the feed's second item finds that item's article alone.
    let (_, out, _) = run(&["library", "search", "واليبال", "--library", s(&lib)]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("والیبال"), "{out}");
    let (_, out, _) = run(&["library", "search", "هیچ‌کجا", "--library", s(&lib)]);
    assert!(out.is_empty(), "{out}");

    // The dump: the visit reported by both outlets is one group of two reports.
    let (ok, out, err) = run(&["library", "dump", "--format", "jsonl", "--library", s(&lib)]);
    assert!(ok, "{err}");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let events: Vec<&serde_json::Value> = rows.iter().filter(|r| r["kind"] == "event").collect();
    let shared: Vec<&&serde_json::Value> = events.iter().filter(|r| r["count"] == 2).collect();
    assert_eq!(shared.len(), 2, "two reports in one group: {events:#?}");
    assert_eq!(shared[0]["group"], shared[1]["group"]);
    assert_ne!(shared[0]["article"], shared[1]["article"]);
    assert_eq!(shared[0]["start"], "2024-04-10", "{:?}", shared[0]);
    assert_eq!(
        shared[1]["start"], "2024-04-10",
        "Solar Hijri read as the same day"
    );
    assert!(
        rows.iter().any(|r| r["kind"] == "source"),
        "sources are rows too: {out}"
    );
    let (ok, csv, _) = run(&["library", "dump", "--format", "csv", "--library", s(&lib)]);
    assert!(ok);
    let header = csv.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("\u{feff}kind,group,count,article,title,outlet,event,start,end"),
        "{header}"
    );
    assert_eq!(
        csv.lines().count(),
        rows.len() + 1,
        "one CSV row per JSON line"
    );
}

#[test]
fn same_happening_is_one_group_with_two_reports() {
    let (_tmp, input, dir) = setup();
    let (mut lib, _) = open(&dir);
    let report = lib
        .add(&[input], &AddOptions::default(), &|_| {})
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let merged: Vec<_> = lib
        .groups()
        .merged()
        .map(|(_, g)| g.reports.len())
        .collect();
    assert_eq!(merged, [2], "one shared happening");
    let titles: Vec<String> = lib
        .groups()
        .merged()
        .flat_map(|(_, g)| {
            g.reports
                .iter()
                .map(|r| lib.entries()[r.entry as usize].title.clone())
        })
        .collect();
    assert!(titles.iter().any(|t| t.contains("سفر وزیر")), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.contains("دیدار لاوروف")),
        "{titles:?}"
    );
    // Drawn once, with two reports, in the category lanes.
    let t = lib.merged_timeline(LaneBy::Category, &|_| true);
    let twice: Vec<_> = t.marks.iter().filter(|m| m.reports == 2).collect();
    assert_eq!(twice.len(), 1, "{t:#?}");
    // Lanes by article: the group stands in both articles' lanes.
    let t = lib.merged_timeline(LaneBy::Article, &|_| true);
    assert_eq!(t.marks.iter().filter(|m| m.reports == 2).count(), 2);
    // Sources across articles: Lavrov is one source however the articles name him.
    let sources = lib.sources();
    assert!(
        sources.iter().all(|s| {
            let n = sources.iter().filter(|o| o.key == s.key).count();
            n == 1
        }),
        "one entry per folded name"
    );
}

#[test]
fn reader_decisions_on_groups_are_kept() {
    let (_tmp, input, dir) = setup();
    {
        let (mut lib, _) = open(&dir);
        lib.add(&[input], &AddOptions::default(), &|_| {})
            .unwrap_or_else(|e| panic!("{e:#}"));
        let (g, group) = lib
            .groups()
            .merged()
            .next()
            .map(|(g, group)| (g, group.clone()))
            .unwrap_or_else(|| panic!("a merged group"));
        lib.confirm_group(g).unwrap_or_else(|e| panic!("{e:#}"));
        assert!(lib.groups().groups[g].confirmed);
        lib.split_event(group.reports[1])
            .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(lib.groups().merged().count(), 0, "split");
    }
    let (lib, report) = open(&dir);
    assert_eq!(report.decisions_lost, None);
    assert_eq!(lib.groups().merged().count(), 0, "the split is saved");
    assert_eq!(lib.decisions().split.len(), 1);
}

#[test]
fn damaged_library_opens_with_the_bad_article_named() {
    let (_tmp, input, lib) = setup();
    let (ok, _, err) = run(&["library", "add", s(&input), "--library", s(&lib)]);
    assert!(ok, "{err}");
    let (library, _) = open(&lib);
    let bad = library
        .entries()
        .iter()
        .find(|e| e.title.contains("نمایشگاه"))
        .map(|e| e.id.clone())
        .unwrap_or_else(|| panic!("the book fair article"));
    drop(library);
    // Truncate its file, and delete the index.
    let file = lib.join("articles").join(format!("{bad}.ron"));
    let text = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&file, &text[..text.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_dir_all(lib.join("search")).unwrap_or_else(|e| panic!("{e}"));
    let (ok, out, err) = run(&["library", "search", "لاوروف", "--library", s(&lib)]);
    assert!(ok, "{err}");
    assert!(err.contains(&format!("damaged article {bad}")), "{err}");
    assert!(err.contains("search index rebuilt"), "{err}");
    assert_eq!(out.lines().count(), 2, "both reports still found: {out}");
    let (_, out, _) = run(&["library", "search", "نمایشگاه", "--library", s(&lib)]);
    assert!(out.is_empty(), "the damaged article is not searched: {out}");

    // A corrupt index: its meta file overwritten.
    std::fs::write(lib.join("search/meta.json"), b"{ not json").unwrap_or_else(|e| panic!("{e}"));
    let (ok, out, err) = run(&["library", "search", "والیبال", "--library", s(&lib)]);
    assert!(ok && err.contains("search index rebuilt"), "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    // A lost catalog is rebuilt from the articles.
    std::fs::remove_file(lib.join("catalog.bin")).unwrap_or_else(|e| panic!("{e}"));
    let (library, report) = open(&lib);
    assert!(report.catalog_rebuilt.is_some(), "{report:?}");
    assert_eq!(
        library.entries().len(),
        4,
        "the four sound articles: {report:?}"
    );
    assert!(
        report.damaged.iter().any(|d| d.id == bad),
        "still named: {report:?}"
    );
    // Nothing else was lost: opening again repairs nothing.
    drop(library);
    let (library, report) = open(&lib);
    assert_eq!(library.entries().len(), 4);
    assert_eq!((report.catalog_rebuilt, report.index_rebuilt), (None, None));
}

#[test]
fn changed_file_replaces_its_article_and_cancel_stops() {
    let (_tmp, input, dir) = setup();
    let (mut lib, _) = open(&dir);
    let calls = std::sync::Mutex::new(Vec::new());
    let report = lib
        .add(std::slice::from_ref(&input), &AddOptions::default(), &|p| {
            if let Ok(mut c) = calls.lock() {
                c.push((p.done, p.total));
            }
        })
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(report.added.len(), 5);
    let calls = calls.into_inner().unwrap_or_default();
    assert_eq!(calls.last(), Some(&(4, 4)), "{calls:?}");
    let old = lib
        .entries()
        .iter()
        .find(|e| e.title.contains("نمایشگاه"))
        .map(|e| e.id.clone())
        .unwrap_or_default();
    write(
        &input.join("more/book.txt"),
        &BOOK_FAIR.replace("گشایش یافت", "با استقبال گشایش یافت"),
    );
    let report = lib
        .add(&[input.join("more")], &AddOptions::default(), &|_| {})
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(
        (report.added.len(), report.replaced.clone()),
        (1, vec![old.clone()])
    );
    assert!(lib.entry(&old).is_none() && lib.entries().len() == 5);
    let hits = lib.search("استقبال", 5).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(
        lib.search("گشایش", 5).map(|h| h.len()).unwrap_or(0) == 1,
        "old version gone"
    );
    // Opening at the match: the hit's range is the word in its block.
    let a = lib
        .article(&hits[0].article)
        .unwrap_or_else(|e| panic!("{e:#}"));
    let text = &a.blocks[hits[0].block].text;
    assert_eq!(&text[hits[0].ranges[0].clone()], "استقبال");

    // Cancelled before it starts: nothing is added, every file is left undone.
    write(
        &input.join("new.txt"),
        "خبر تازه\n\nمتن خبر تازه درباره باران.\n",
    );
    let options = AddOptions {
        cancel: Arc::new(AtomicBool::new(true)),
        ..AddOptions::default()
    };
    let report = lib
        .add(&[input.join("new.txt")], &options, &|_| {})
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert!(
        report.cancelled && report.not_done == 1 && report.added.is_empty(),
        "{report:?}"
    );
    // A file that cannot be imported is reported with its reason.
    std::fs::write(input.join("bin.txt"), [0u8, 1, 2, 0, 0, 0, 3])
        .unwrap_or_else(|e| panic!("{e}"));
    let report = lib
        .add(
            &[input.join("bin.txt"), input.join("missing.txt")],
            &AddOptions::default(),
            &|_| {},
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
    let failed: Vec<String> = report
        .failed
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    assert_eq!(failed.len(), 2, "{:?}", report.failed);
    assert!(report.failed.iter().all(|f| !f.reason.is_empty()));
}
