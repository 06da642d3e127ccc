//! Integration tests of the importer: the damaged seed against the hand-restored built-in
//! article (with measured shares as floors), real news with dates checked against the
//! calendar, and arbitrary input.

use std::collections::HashSet;

use gahnegar::import::{import_bytes, normalize};
use gahnegar::model::{Article, Day};
use gahnegar::persian::attribution::sentences;
use gahnegar::persian::fold::fold;
use gahnegar::persian::repair::{STEPS, repair, repair_skipping, replay};
use proptest::prelude::*;

const SEED: &str = "../shared/seed/caucasus-gem.raw.txt";
const NEWS: &str = "../shared/seed/news-sample.txt";

fn read(path: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
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
    assert_eq!(
        a.problems(),
        Vec::<String>::new(),
        "imported article is unsound"
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

#[test]
fn news_sample_dates() {
    let imp = import_bytes(&read(NEWS), "news-sample.txt").unwrap_or_else(|e| panic!("{e}"));
    let a = &imp.article;
    assert_eq!(a.problems(), Vec::<String>::new());
    let sh = |y, m, d| Day::from_solar_hijri(y, m, d).unwrap_or_else(|e| panic!("{e}"));
    let g = |s: &str| -> Day { s.parse().unwrap_or_else(|e| panic!("{s}: {e}")) };
    // Every absolute date of the file, resolved; checked against the calendar by hand:
    // 24 Mordad 1396 = 15 August 2017; 29 Dey 1394 = 19 January 2016 (a Tuesday);
    // 3 Bahman 1395 = 22 January 2017; 13 Farvardin 1396 = 2 April 2017. A weekday before
    // a date is part of its wording. The «2016/01/19» inside an image URL is not a date.
    let expected: [(&str, Day, Day); 9] = [
        ("۲۴ مرداد ۱۳۹۶", g("2017-08-15"), g("2017-08-15")),
        ("سه شنبه ۲۹ دی ۱۳۹۴", g("2016-01-19"), g("2016-01-19")),
        ("یکشنبه ۳ بهمن ۱۳۹۵", g("2017-01-22"), g("2017-01-22")),
        ("یکشنبه ۱۳ فروردین ۱۳۹۶", g("2017-04-02"), g("2017-04-02")),
        ("۱۳۹۶/۵/۲۴", g("2017-08-15"), g("2017-08-15")),
        ("سال ۲۰۱۶", g("2016-01-01"), g("2016-12-31")),
        ("سال ۲۰۱۵", g("2015-01-01"), g("2015-12-31")),
        ("سال ۹۵", sh(1395, 1, 1), sh(1396, 1, 1).add_days(-1)),
        ("سال ۸۸", sh(1388, 1, 1), sh(1389, 1, 1).add_days(-1)),
    ];
    assert!(
        !a.events
            .iter()
            .any(|e| e.date.wording.contains("2016/01/19")),
        "a date inside a URL"
    );
    assert_eq!(sh(1396, 5, 24), g("2017-08-15"));
    assert_eq!(sh(1394, 10, 29), g("2016-01-19"));
    for (wording, start, end) in expected {
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
        for e in found {
            assert_eq!((e.date.start, e.date.end), (start, end), "«{wording}»");
        }
    }
    println!(
        "news sample: {} events, {} sources, {} claims, {} paragraphs",
        a.events.len(),
        a.sources.len(),
        a.claims.len(),
        a.blocks.len()
    );
}

#[test]
fn throughput_is_reported() {
    // Timings are printed, never asserted (machines differ).
    let seed = String::from_utf8_lossy(&read(SEED)).into_owned();
    let news = String::from_utf8_lossy(&read(NEWS)).into_owned();
    let mut big = String::new();
    while big.len() < 4 * 1024 * 1024 {
        big.push_str(&seed);
        big.push_str("\n\n");
        big.push_str(&news);
        big.push_str("\n\n");
    }
    let _ = normalize("گرم کردن واژه‌نامه");
    let t = std::time::Instant::now();
    let out = normalize(&big);
    let n = t.elapsed();
    let t = std::time::Instant::now();
    let imp = import_bytes(big.as_bytes(), "big.txt");
    let i = t.elapsed();
    let mb = big.len() as f64 / 1e6;
    println!(
        "normalize: {:.1} MB/s; import: {:.1} MB/s ({} bytes in, {} out)",
        mb / n.as_secs_f64(),
        mb / i.as_secs_f64(),
        big.len(),
        out.len()
    );
    assert!(imp.is_ok());
}

/// Golden outputs for checking that an optimization changes nothing: with
/// `GAHNEGAR_GOLDEN_DIR=DIR`, writes for each seed and for both seeds repeated the
/// normalized text, the repair log of `repair` and of `repair_skipping` each single step,
/// and the imported article (RON) with its log and warnings, one file each, so that two
/// runs can be compared with `diff -r`. Without the variable it does nothing.
#[test]
fn golden_outputs() {
    let Some(dir) = std::env::var_os("GAHNEGAR_GOLDEN_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let seed = String::from_utf8_lossy(&read(SEED)).into_owned();
    let news = String::from_utf8_lossy(&read(NEWS)).into_owned();
    let mut both = String::new();
    while both.len() < 1 << 20 {
        for t in [&seed, &news] {
            both.push_str(t);
            both.push_str("\n\n");
        }
    }
    let write = |name: String, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    };
    for (name, text) in [("seed", &seed), ("news", &news), ("both", &both)] {
        write(format!("{name}.normalized.txt"), &normalize(text));
        let (fixed, log) = repair(text);
        write(format!("{name}.repaired.txt"), &fixed);
        write(format!("{name}.log.txt"), &format!("{log:#?}"));
        for step in 0..u8::try_from(STEPS.len()).unwrap_or(0) {
            let (fixed, log) = repair_skipping(text, &HashSet::from([step]));
            write(
                format!("{name}.skip{step:02}.txt"),
                &format!("{fixed}\n{log:#?}"),
            );
        }
        let imp = import_bytes(text.as_bytes(), name).unwrap_or_else(|e| panic!("{e}"));
        let ron = gahnegar::store::to_string(&imp.article).unwrap_or_else(|e| panic!("{e}"));
        write(format!("{name}.article.ron"), &ron);
        write(
            format!("{name}.import.txt"),
            &format!("{:#?}\n{:#?}", imp.repairs, imp.warnings),
        );
    }
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
