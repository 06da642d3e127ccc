//! Integration tests of the importer: the damaged seed against the hand-restored built-in
//! article (with measured shares as floors), news items written for the project with dates
//! checked against the calendar, a damaged PDF extraction against its restoration, golden
//! outputs, and arbitrary input. Every input is under `tests/data/` (see its README).

use std::collections::HashSet;

use gahnegar::import::{import_bytes, normalize};
use gahnegar::model::{Article, Day};
use gahnegar::persian::attribution::sentences;
use gahnegar::persian::fold::fold;
use gahnegar::persian::repair::{STEPS, repair, repair_skipping, replay};
use proptest::prelude::*;

const SEED: &str = "tests/data/seed/caucasus-gem.raw.txt";
const NEWS: &str = "tests/data/news/news-items-fa.txt";
const DAMAGED: &str = "tests/data/news/damaged-pdf-fa.txt";
const DAMAGED_RESTORED: &str = "tests/data/news/damaged-pdf-fa.expected.txt";
const GOLDEN: &str = "tests/data/golden";

/// A file of the repository; a missing input fails the test with its path.
fn read(path: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("test input missing: {}: {e}", p.display()))
}

fn read_text(path: &str) -> String {
    String::from_utf8(read(path)).unwrap_or_else(|e| panic!("{path}: not UTF-8: {e}"))
}

fn all_sentences(a: &Article) -> Vec<String> {
    let mut out: Vec<String> = a
        .blocks
        .iter()
        .flat_map(|b| {
            sentences(&b.text)
                .into_iter()
                .map(|r| b.text[r].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    out.push(a.meta.title.clone());
    out
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 1.0 } else { n as f64 / of as f64 }
}

#[test]
fn seed_against_builtin() {
    let builtin = gahnegar::store::builtin();
    let imp = import_bytes(&read(SEED), "caucasus-gem.raw.txt").unwrap_or_else(|e| panic!("{e}"));
    let a = &imp.article;
    assert!(
        a.problems().is_empty(),
        "imported article is unsound: {:?}",
        a.problems()
    );

    // Sentences: exactly, and ignoring ZWNJ.
    let ours: HashSet<String> = all_sentences(a).into_iter().collect();
    let ours_nozwnj: HashSet<String> = ours.iter().map(|s| s.replace('\u{200C}', "")).collect();
    let theirs: Vec<String> = builtin
        .blocks
        .iter()
        .flat_map(|b| {
            sentences(&b.text)
                .into_iter()
                .map(|r| b.text[r].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let exact = theirs.iter().filter(|s| ours.contains(*s)).count();
    let nozwnj = theirs
        .iter()
        .filter(|s| ours_nozwnj.contains(&s.replace('\u{200C}', "")))
        .count();

    // Events: same interval, matched one to one.
    let mut unused: Vec<(Day, Day)> = a
        .events
        .iter()
        .map(|e| (e.date.start, e.date.end))
        .collect();
    let mut ev_found = 0;
    for e in &builtin.events {
        if let Some(i) = unused
            .iter()
            .position(|&(s, t)| s == e.date.start && t == e.date.end)
        {
            unused.remove(i);
            ev_found += 1;
        }
    }
    let ev_extra = unused.len();

    // Sources: same name under search folding (ZWNJ, spaces, letter variants), or alias.
    let mut src_unused: Vec<(String, String)> = a
        .sources
        .iter()
        .map(|s| (fold(&s.name).text, fold(&s.name_en).text))
        .collect();
    let mut src_found = 0;
    for s in &builtin.sources {
        let k = fold(&s.name).text;
        if let Some(i) = src_unused.iter().position(|(n, en)| {
            *n == k || (!en.is_empty() && fold(&s.name_en).text.contains(en.as_str()))
        }) {
            src_unused.remove(i);
            src_found += 1;
        }
    }
    let src_extra = src_unused.len();

    let (t, e, s) = (theirs.len(), builtin.events.len(), builtin.sources.len());
    println!("import vs built-in article:");
    println!(
        "  sentences reproduced exactly: {exact}/{t} = {:.1}%",
        100.0 * share(exact, t)
    );
    println!(
        "  sentences ignoring ZWNJ:      {nozwnj}/{t} = {:.1}%",
        100.0 * share(nozwnj, t)
    );
    println!(
        "  events with the same interval: {ev_found}/{e} = {:.1}%, extra events: {ev_extra}",
        100.0 * share(ev_found, e)
    );
    println!(
        "  sources found: {src_found}/{s} = {:.1}%, extra sources: {src_extra}",
        100.0 * share(src_found, s)
    );
    println!(
        "  claims: {} (built-in {}), repairs: {}",
        a.claims.len(),
        builtin.claims.len(),
        imp.repairs.len()
    );
    for u in &src_unused {
        println!("    extra source: {}", u.0);
    }

    // Floors reached when this test was written (55/65, raised to 56/65 by the normalizer
    // work of issue 11; 61/65, 28/29 with 0 extra,
    // 20/21 with 1 extra); raise them as the importer improves.
    assert!(exact >= 56, "exact sentences fell: {exact}/{t}");
    assert!(nozwnj >= 61, "sentences ignoring ZWNJ fell: {nozwnj}/{t}");
    assert!(ev_found >= 28, "events found fell: {ev_found}/{e}");
    assert!(ev_extra <= 1, "extra events rose: {ev_extra}");
    assert!(src_found >= 20, "sources found fell: {src_found}/{s}");
    assert!(src_extra <= 2, "extra sources rose: {src_extra}");

    // The repairs replay to the text the article was built from.
    let text = String::from_utf8_lossy(&read(SEED)).into_owned();
    let (fixed, log) = repair(&text);
    assert_eq!(replay(&text, &log).as_deref(), Ok(fixed.as_str()));
    assert_eq!(normalize(&text), fixed);
}

/// The built-in article's hand-restored text is correct text: normalizing it (each
/// paragraph, and the lead and title) changes nothing.
#[test]
fn builtin_text_passes_normalize_unchanged() {
    let builtin = gahnegar::store::builtin();
    let texts = builtin
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .chain(builtin.meta.lead.iter().map(String::as_str))
        .chain(std::iter::once(builtin.meta.title.as_str()));
    for t in texts {
        assert_eq!(normalize(t), t, "normalize changed a restored paragraph");
    }
}

/// News items written for the project (one a line, as web text is often saved): Solar
/// Hijri dates with and without weekdays and times, a numeric Solar date, Gregorian years,
/// days and seasons, two-digit Solar years, a Solar decade, a URL holding a date.
#[test]
fn news_items_dates() {
    let imp = import_bytes(&read(NEWS), "news-items-fa.txt").unwrap_or_else(|e| panic!("{e}"));
    let a = &imp.article;
    assert!(a.problems().is_empty(), "{:?}", a.problems());
    let sh = |y, m, d| Day::from_solar_hijri(y, m, d).unwrap_or_else(|e| panic!("{e}"));
    let g = |s: &str| -> Day { s.parse().unwrap_or_else(|e| panic!("{s}: {e}")) };
    // Every absolute date of the file, resolved; checked against the calendar by hand
    // (1 Farvardin of 1392, 1399, 1400, 1401, 1402, 1403 is 21 March 2013, 20 March 2020,
    // 21 March 2021, 21 March 2022, 21 March 2023, 20 March 2024; months 1-6 have 31 days,
    // 7-11 have 30): 12 Mehr 1402 = 4 October 2023; 7 Azar 1401 = 28 November 2022 (a
    // Monday); 15 Esfand 1400 = 6 March 2022 (a Sunday); 18 Khordad 1402 = 8 June 2023 (a
    // Thursday); 10 Tir 1392 = 1 July 2013; 9 Ordibehesht 1403 = 28 April 2024. A weekday
    // before a date is part of its wording. The «2022/11/28» inside an image URL is not a
    // date.
    let expected: [(&str, Day, Day); 12] = [
        ("۱۲ مهر ۱۴۰۲", g("2023-10-04"), g("2023-10-04")),
        ("دوشنبه ۷ آذر ۱۴۰۱", g("2022-11-28"), g("2022-11-28")),
        ("یکشنبه ۱۵ اسفند ۱۴۰۰", g("2022-03-06"), g("2022-03-06")),
        ("پنجشنبه ۱۸ خرداد ۱۴۰۲", g("2023-06-08"), g("2023-06-08")),
        ("۱۳۹۲/۴/۱۰", g("2013-07-01"), g("2013-07-01")),
        ("۹ اردیبهشت ۱۴۰۳", g("2024-04-28"), g("2024-04-28")),
        ("سال ۲۰۲۲", g("2022-01-01"), g("2022-12-31")),
        ("سال ۲۰۲۱", g("2021-01-01"), g("2021-12-31")),
        ("۱۴ ژوئیه ۲۰۲۳", g("2023-07-14"), g("2023-07-14")),
        ("سال ۹۹", g("2020-03-20"), g("2021-03-20")),
        ("سال ۹۲", g("2013-03-21"), g("2014-03-20")),
        ("دهه ۱۳۷۰", g("1991-03-21"), g("2001-03-20")),
    ];
    assert!(
        !a.events
            .iter()
            .any(|e| e.date.wording.contains("2022/11/28")),
        "a date inside a URL"
    );
    // The hand computation agrees with the calendar library.
    assert_eq!(sh(1402, 7, 12), g("2023-10-04"));
    assert_eq!(sh(1401, 9, 7), g("2022-11-28"));
    assert_eq!(sh(1399, 1, 1), g("2020-03-20"));
    check_events(a, &expected);
    // A season is a span inside its year (its exact edges are the tagger's convention).
    for e in find_events(a, "پاییز ۲۰۲۰") {
        assert!(
            e.date.start >= g("2020-09-20") && e.date.end <= g("2020-12-22"),
            "«پاییز ۲۰۲۰»: {:?}..{:?}",
            e.date.start,
            e.date.end
        );
    }
    check_sources(
        a,
        &[
            "ایرنا",
            "ایسنا",
            "خبرگزاری مهر",
            "وزیر علوم",
            "رئیس پلیس راه کشور",
            "مدیرعامل شرکت قطار شهری مشهد",
        ],
    );
}

/// The events whose wording folds to `wording`'s; none fails the test.
fn find_events<'a>(a: &'a Article, wording: &str) -> Vec<&'a gahnegar::model::Event> {
    let key = fold(wording).text;
    let found: Vec<_> = a
        .events
        .iter()
        .filter(|e| fold(&e.date.wording).text == key)
        .collect();
    assert!(
        !found.is_empty(),
        "«{wording}» not found; events: {:?}",
        a.events.iter().map(|e| &e.date.wording).collect::<Vec<_>>()
    );
    found
}

fn check_events(a: &Article, expected: &[(&str, Day, Day)]) {
    for &(wording, start, end) in expected {
        for e in find_events(a, wording) {
            assert_eq!((e.date.start, e.date.end), (start, end), "«{wording}»");
        }
    }
}

fn check_sources(a: &Article, names: &[&str]) {
    let found: HashSet<String> = a.sources.iter().map(|s| fold(&s.name).text).collect();
    for name in names {
        assert!(
            found.contains(&fold(name).text),
            "source «{name}» not found; sources: {:?}",
            a.sources.iter().map(|s| &s.name).collect::<Vec<_>>()
        );
    }
}

/// A news text as PDF extraction leaves it (presentation forms, Arabic ي and ك, tatweel, a
/// split word, hard line ends inside sentences, missing ZWNJ, mirrored guillemets) is
/// restored to the text a careful reader would write, checked by eye
/// (`damaged-pdf-fa.expected.txt`), and its dates and sources are read.
#[test]
fn damaged_pdf_text_is_restored() {
    let damaged = read_text(DAMAGED);
    let expected = read_text(DAMAGED_RESTORED);
    let restored = normalize(&damaged);
    for (i, (got, want)) in restored.lines().zip(expected.lines()).enumerate() {
        assert_eq!(got, want, "line {}", i + 1);
    }
    assert_eq!(restored.trim_end(), expected.trim_end());
    let (fixed, log) = repair(&damaged);
    assert_eq!(replay(&damaged, &log).as_deref(), Ok(fixed.as_str()));

    let imp =
        import_bytes(damaged.as_bytes(), "damaged-pdf-fa.txt").unwrap_or_else(|e| panic!("{e}"));
    let a = &imp.article;
    assert!(a.problems().is_empty(), "{:?}", a.problems());
    let g = |s: &str| -> Day { s.parse().unwrap_or_else(|e| panic!("{s}: {e}")) };
    // 20 Shahrivar 1403 = 10 September 2024 (a Tuesday); Mordad without a year takes 1403
    // (22 July - 21 August 2024); Aban 1402 = 23 October - 21 November 2023.
    check_events(
        a,
        &[
            (
                "روز سه شنبه ۲۰ شهریور ۱۴۰۳",
                g("2024-09-10"),
                g("2024-09-10"),
            ),
            ("مرداد", g("2024-07-22"), g("2024-08-21")),
            ("سال ۱۴۰۴", g("2025-03-21"), g("2026-03-20")),
            ("آبان ۱۴۰۲", g("2023-10-23"), g("2023-11-21")),
            ("۱۵ سپتامبر ۲۰۲۴", g("2024-09-15"), g("2024-09-15")),
            ("سال ۲۰۲۵", g("2025-01-01"), g("2025-12-31")),
        ],
    );
    check_sources(a, &["رئیس کل بانک مرکزی", "روزنامه دنیای اقتصاد"]);
}

/// Golden outputs, so that an optimization or a crate swap that changes any output shows
/// as a failure: for each input of `tests/data/` the normalized text, the imported article
/// (RON) with its repair log and warnings, and for each repair step skipped on
/// its own the size of the text and of the log, compared with `tests/data/golden/`. A
/// missing or different file fails; `UPDATE_SNAPSHOTS=1` rewrites them (review the diff).
#[test]
fn golden_outputs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    let mut check = |name: String, text: &str| {
        let p = dir.join(&name);
        if update {
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            std::fs::write(&p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            return;
        }
        match std::fs::read_to_string(&p) {
            Err(e) => failures.push(format!(
                "{}: {e}: missing golden output, run with UPDATE_SNAPSHOTS=1",
                p.display()
            )),
            Ok(old) if old != text => {
                let line = old
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| old.lines().count().min(text.lines().count()));
                failures.push(format!(
                    "{}: differs from line {} (run with UPDATE_SNAPSHOTS=1 and review the diff)",
                    p.display(),
                    line + 1
                ));
            }
            Ok(_) => {}
        }
    };
    for (name, path) in [("seed", SEED), ("news", NEWS), ("damaged", DAMAGED)] {
        let text = read_text(path);
        let normalized = normalize(&text);
        let (fixed, log) = repair(&text);
        assert_eq!(fixed, normalized, "{name}: repair and normalize differ");
        assert_eq!(replay(&text, &log).as_deref(), Ok(fixed.as_str()), "{name}");
        check(format!("{name}.normalized.txt"), &normalized);
        let mut skips = String::new();
        for step in 0..u8::try_from(STEPS.len()).unwrap_or(0) {
            let (fixed, log) = repair_skipping(&text, &HashSet::from([step]));
            skips.push_str(&format!(
                "step {step:02} skipped: {} bytes, {} repairs\n",
                fixed.len(),
                log.len()
            ));
        }
        check(format!("{name}.skip.txt"), &skips);
        let imp = import_bytes(text.as_bytes(), name).unwrap_or_else(|e| panic!("{e}"));
        let ron = gahnegar::store::to_string(&imp.article).unwrap_or_else(|e| panic!("{e}"));
        check(format!("{name}.article.ron"), &ron);
        check(
            format!("{name}.import.txt"),
            &format!("{:#?}\n{:#?}\n", imp.repairs, imp.warnings),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(imp) = import_bytes(&bytes, "x.txt") {
            prop_assert!(imp.article.problems().is_empty());
        }
    }

    #[test]
    fn arbitrary_unicode_repairs_replay(s in "\\PC{0,200}") {
        let (out, log) = repair(&s);
        prop_assert_eq!(replay(&s, &log), Ok(out));
        if let Ok(imp) = import_bytes(s.as_bytes(), "x.txt") {
            prop_assert!(imp.article.problems().is_empty());
        }
    }
}
