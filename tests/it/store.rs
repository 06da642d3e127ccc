//! Integration tests of loading, saving and dumping articles, through the library and
//! through the real `gahnegar` binary: the JSON contract of DESIGN.md, the other dump
//! formats, bad input of every kind, and atomic saves.

use crate::common::{BIN, gahnegar};
use std::collections::HashSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use gahnegar::model::{Article, Day};
use gahnegar::store;
use serde_json::Value;

fn fixture() -> PathBuf {
    crate::common::mini_path()
}

fn builtin_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/caucasus-gem.ron")
}

fn stdout(args: &[&str]) -> String {
    let out = gahnegar(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "gahnegar {args:?} failed ({}): {err}",
        out.status
    );
    assert!(err.is_empty(), "gahnegar {args:?} wrote to stderr: {err}");
    String::from_utf8(out.stdout)
        .unwrap_or_else(|e| panic!("gahnegar {args:?}: stdout is not UTF-8: {e}"))
}

fn json(args: &[&str]) -> Value {
    let text = stdout(args);
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("gahnegar {args:?}: not JSON: {e}\n{text}"))
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn load(path: &Path) -> Article {
    store::load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn str_of<'a>(v: &'a Value, key: &str, what: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: `{key}` is not a string: {v}"))
}

fn arr<'a>(v: &'a Value, key: &str, what: &str) -> &'a [Value] {
    v[key].as_array().map_or_else(
        || panic!("{what}: `{key}` is not an array: {v}"),
        Vec::as_slice,
    )
}

/// Checks a `dump --format json` object against DESIGN.md's contract.
fn check_json_contract(v: &Value, what: &str) {
    assert!(
        v["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{what}: no title"
    );
    assert!(v["author"].is_string(), "{what}: no author");
    let mut ids = HashSet::new();
    let mut unique = |id: &str| assert!(ids.insert(id.to_owned()), "{what}: duplicate id «{id}»");

    let paragraphs = arr(v, "paragraphs", what);
    assert!(!paragraphs.is_empty(), "{what}: no paragraphs");
    let mut text_of = std::collections::HashMap::new();
    for p in paragraphs {
        let id = str_of(p, "id", what);
        unique(id);
        assert!(p["kind"].is_string(), "{what}: paragraph {id} has no kind");
        text_of.insert(id.to_owned(), str_of(p, "text", what).to_owned());
    }
    let paragraph_text = |id: &str, of: &str| {
        text_of
            .get(id)
            .unwrap_or_else(|| panic!("{what}: {of} names unknown paragraph «{id}»"))
            .as_str()
    };

    let events = arr(v, "events", what);
    let event_ids: HashSet<&str> = events.iter().map(|e| str_of(e, "id", what)).collect();
    let source_ids: HashSet<&str> = arr(v, "sources", what)
        .iter()
        .map(|s| str_of(s, "id", what))
        .collect();
    for e in events {
        let id = str_of(e, "id", what);
        unique(id);
        let day = |key: &str| -> Day {
            let s = str_of(e, key, what);
            assert!(
                s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-',
                "{what}: event {id} {key} «{s}» is not YYYY-MM-DD"
            );
            s.parse()
                .unwrap_or_else(|err| panic!("{what}: event {id} {key}: {err}"))
        };
        assert!(
            day("start") <= day("end"),
            "{what}: event {id} ends before it starts"
        );
        for key in ["precision", "label", "lane"] {
            assert!(
                e[key].as_str().is_some_and(|s| !s.is_empty()),
                "{what}: event {id} has no {key}"
            );
        }
        let cue = str_of(e, "cue", what);
        assert!(!cue.is_empty(), "{what}: event {id} has an empty cue");
        let text = paragraph_text(str_of(e, "paragraph", what), &format!("event {id}"));
        assert!(
            text.contains(cue),
            "{what}: event {id} cue «{cue}» is not in its paragraph «{text}»"
        );
        for s in arr(e, "sources", what) {
            let s = s.as_str().unwrap_or_default();
            assert!(
                source_ids.contains(s),
                "{what}: event {id} names unknown source «{s}»"
            );
        }
    }

    for s in arr(v, "sources", what) {
        let id = str_of(s, "id", what);
        unique(id);
        assert!(
            !str_of(s, "name", what).is_empty(),
            "{what}: source {id} has no name"
        );
        assert!(
            s["name_en"].is_string(),
            "{what}: source {id} has no name_en"
        );
        assert!(
            ["outlet", "institution", "official", "unnamed"].contains(&str_of(s, "kind", what)),
            "{what}: source {id} kind"
        );
        for c in arr(s, "claims", what) {
            let quote = str_of(c, "quote", what);
            assert!(!quote.is_empty(), "{what}: source {id} has an empty quote");
            let text = paragraph_text(str_of(c, "paragraph", what), &format!("a claim of {id}"));
            assert!(
                text.contains(quote),
                "{what}: claim of {id}: quote «{quote}» is not in its paragraph «{text}»"
            );
            for e in arr(c, "events", what) {
                let e = e.as_str().unwrap_or_default();
                assert!(
                    event_ids.contains(e),
                    "{what}: claim of {id} names unknown event «{e}»"
                );
            }
        }
    }
    // Every event an event lists as a source really has a claim for it, and vice versa.
    for e in events {
        let id = str_of(e, "id", what);
        let listed: HashSet<&str> = arr(e, "sources", what)
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let backed: HashSet<&str> = arr(v, "sources", what)
            .iter()
            .filter(|s| {
                arr(s, "claims", what)
                    .iter()
                    .any(|c| arr(c, "events", what).iter().any(|x| x == id))
            })
            .map(|s| str_of(s, "id", what))
            .collect();
        assert_eq!(listed, backed, "{what}: sources of event {id}");
    }
}

#[test]
fn dump_json_of_the_builtin_article_keeps_the_contract() {
    let v = json(&["dump", "--format", "json"]);
    check_json_contract(&v, "built-in");
    assert!(
        !arr(&v, "events", "built-in").is_empty(),
        "the built-in article has events"
    );
    assert!(
        !arr(&v, "sources", "built-in").is_empty(),
        "the built-in article has sources"
    );
    // The binary's built-in article is the file in assets/.
    if builtin_path().exists() {
        let from_file = json(&[
            "dump",
            &builtin_path().to_string_lossy(),
            "--format",
            "json",
        ]);
        assert_eq!(
            from_file, v,
            "the built-in article is assets/articles/caucasus-gem.ron"
        );
    }
}

#[test]
fn dump_json_of_the_fixture_keeps_the_contract() {
    let path = fixture();
    let v = json(&["dump", &path.to_string_lossy(), "--format", "json"]);
    check_json_contract(&v, "mini.ron");
    let a = load(&path);
    assert_eq!(arr(&v, "events", "mini").len(), a.events.len());
    assert_eq!(arr(&v, "paragraphs", "mini").len(), a.blocks.len());
}

/// The other formats, for the built-in article (no PATH) and the fixture.
#[test]
fn dump_text_csv_and_timelinejs() {
    let mini = fixture().to_string_lossy().into_owned();
    for (what, path, article) in [
        ("built-in", None, store::builtin()),
        ("mini.ron", Some(mini.as_str()), load(&fixture())),
    ] {
        let args = |format: &'static str| -> Vec<&str> {
            let mut v = vec!["dump"];
            v.extend(path);
            v.extend(["--format", format]);
            v
        };

        let text = stdout(&args("text"));
        assert!(
            text.starts_with(&article.meta.title),
            "{what}: text dump starts with the title"
        );
        for b in &article.blocks {
            assert!(
                text.contains(&b.text),
                "{what}: text dump lacks block {}",
                b.id
            );
        }

        let csv = stdout(&args("csv"));
        assert!(
            csv.starts_with("\u{feff}id,start,end,precision,lane,label,cue,paragraph,sources\r\n"),
            "{what}: csv header"
        );
        assert_eq!(
            csv.lines().count(),
            article.events.len() + 1,
            "{what}: one csv line per event\n{csv}"
        );
        for (line, e) in csv.lines().skip(1).zip(&article.events) {
            assert!(
                line.starts_with(&format!("{},{},{},", e.id, e.date.start, e.date.end)),
                "{what}: csv row {line}"
            );
        }

        let tl: Value = serde_json::from_str(&stdout(&args("timelinejs")))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            tl["title"]["text"]["headline"].is_string(),
            "{what}: timeline title"
        );
        let events = arr(&tl, "events", what);
        assert_eq!(
            events.len(),
            article.events.len(),
            "{what}: timeline events"
        );
        for ev in events {
            assert!(
                ev["start_date"]["year"].is_i64(),
                "{what}: no start_date.year in {ev}"
            );
            assert!(
                ev["text"]["headline"]
                    .as_str()
                    .is_some_and(|h| !h.is_empty()),
                "{what}: no headline in {ev}"
            );
            assert!(
                ev["unique_id"].is_string()
                    && ev["display_date"].is_string()
                    && ev["group"].is_string(),
                "{what}: {ev}"
            );
        }
    }
}

/// Bad files through the binary: each fails with a message naming the file and the
/// position or anchor, and nothing panics.
#[test]
fn bad_input_fails_cleanly() {
    let dir = temp_dir();
    let mini = fs::read_to_string(fixture()).unwrap_or_else(|e| panic!("{e}"));
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "malformed.ron",
            b"(schema: 1, meta: (title: \"t\",, blocks: [])".to_vec(),
            vec![":1:"],
        ),
        (
            "truncated.ron",
            mini.as_bytes()[..mini.len() * 2 / 3].to_vec(),
            vec![":", "truncated.ron:"],
        ),
        (
            "future.ron",
            mini.replacen("schema: 1", "schema: 9, hologram: (depth: 3)", 1)
                .into_bytes(),
            vec!["schema version 9", "(version 2)"],
        ),
        (
            "latin1.ron",
            [&mini.as_bytes()[..40], b"\xe9t\xe9", &mini.as_bytes()[40..]].concat(),
            vec!["UTF-8", "offset 40"],
        ),
        (
            "broken.ron",
            mini.replacen("exact: \"نفت صادر شد\"", "exact: \"گاز صادر شد\"", 1)
                .into_bytes(),
            vec!["broken anchor «گاز صادر شد»", "claim c4"],
        ),
        ("empty.ron", Vec::new(), vec![":1:1"]),
        ("missing-dir/none.ron", Vec::new(), vec!["cannot read"]),
    ];
    for (name, bytes, wants) in &cases {
        let path = dir.path().join(name);
        if !name.starts_with("missing") {
            fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        check_refused(&path, wants);
    }
    // Over the size limit: a sparse file, so it costs nothing.
    let big = dir.path().join("big.ron");
    File::create(&big)
        .and_then(|f| f.set_len(store::MAX_FILE_BYTES + 1))
        .unwrap_or_else(|e| panic!("{e}"));
    check_refused(
        &big,
        &["over the limit", &store::MAX_FILE_BYTES.to_string()],
    );
}

fn check_refused(path: &Path, wants: &[&str]) {
    let shown = path.display().to_string();
    let out = gahnegar(&["dump", &shown, "--format", "json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{shown}: exit status; stderr: {err}"
    );
    assert!(out.stdout.is_empty(), "{shown}: wrote to stdout");
    assert!(!err.contains("panicked"), "{shown}: panicked: {err}");
    assert!(
        err.contains(&shown),
        "{shown}: message does not name the file: {err}"
    );
    for want in wants {
        assert!(err.contains(want), "{shown}: message lacks «{want}»: {err}");
    }
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{shown}: the error is printed once: {err}"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    for (args, want) in [
        (&["dump"][..], "--format"),
        (&["dump", "--format", "xml"][..], "xml"),
        (&["import"][..], "IN"),
    ] {
        let out = gahnegar(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "gahnegar {args:?}: {err}");
        assert!(
            err.contains(want) && !err.contains("panicked"),
            "gahnegar {args:?}: {err}"
        );
    }
    let help = gahnegar(&["--help"]);
    assert!(help.status.success() && String::from_utf8_lossy(&help.stdout).contains("dump"));
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let mut child = Command::new(BIN)
        .args(["dump", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !err.contains("panicked"),
        "{}: {err}",
        out.status
    );
}

#[test]
fn round_trip_through_a_file() {
    let dir = temp_dir();
    for (what, article) in [
        ("built-in", store::builtin()),
        ("mini.ron", load(&fixture())),
    ] {
        let path = dir.path().join(format!("{what}.ron"));
        store::save(&article, &path).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(load(&path), article, "{what}: save -> load");
        // Saving what was loaded gives the same bytes.
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            store::to_string(&load(&path)).ok().as_deref(),
            Some(text.as_str()),
            "{what}: stable text"
        );
    }
}

/// While one thread saves two articles in turn over the same file, readers only ever see
/// one or the other, whole; afterwards no temporary file is left.
#[test]
fn save_over_an_existing_file_is_atomic() {
    let dir = temp_dir();
    let path = dir.path().join("article.ron");
    let a = load(&fixture());
    let mut b = a.clone();
    b.meta.title.push_str(" (ویرایش دوم)");
    b.blocks.retain(|blk| blk.id != "h2");
    store::save(&a, &path).unwrap_or_else(|e| panic!("{e}"));
    std::thread::scope(|s| {
        let writer = s.spawn(|| {
            for i in 0..40 {
                store::save(if i % 2 == 0 { &b } else { &a }, &path)
                    .unwrap_or_else(|e| panic!("save {i}: {e}"));
            }
        });
        while !writer.is_finished() {
            let seen = load(&path);
            assert!(
                seen == a || seen == b,
                "a reader saw a mixture: {}",
                seen.meta.title
            );
        }
    });
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    assert_eq!(names, ["article.ron"], "temporary files left behind");
    // A failed save leaves the old content: the target's directory is read-only.
    let out = dir.path().join("ro");
    fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
    let target = out.join("x.ron");
    store::save(&a, &target).unwrap_or_else(|e| panic!("{e}"));
    let mut perms = fs::metadata(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .permissions();
    perms.set_readonly(true);
    fs::set_permissions(&out, perms.clone()).unwrap_or_else(|e| panic!("{e}"));
    let result = store::save(&b, &target);
    #[expect(
        clippy::permissions_set_readonly_false,
        reason = "restoring write access so the temp dir can be removed"
    )]
    perms.set_readonly(false);
    fs::set_permissions(&out, perms).unwrap_or_else(|e| panic!("{e}"));
    if result.is_err() {
        assert_eq!(load(&target), a, "a failed save leaves the old content");
        let n = fs::read_dir(&out).map(Iterator::count).unwrap_or(0);
        assert_eq!(n, 1, "a failed save leaves no temporary file");
    } // else: running as root, which may write anyway.
}

/// Runs the program with a standard input that never ends; returns its output and time.
#[cfg(unix)]
fn run_with_stdin_forever(args: &[&str]) -> (Output, std::time::Duration) {
    use std::io::Write as _;
    let start = std::time::Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    // An endless writer, like `yes`: it stops when the program closes its end.
    let writer = std::thread::spawn(move || {
        let chunk = "بله\n".repeat(16 * 1024);
        while stdin.write_all(chunk.as_bytes()).is_ok() {}
    });
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let _ = writer.join();
    (out, start.elapsed())
}

#[cfg(unix)]
#[test]
fn endless_standard_input_is_refused_at_the_import_limit() {
    let (out, took) = run_with_stdin_forever(&["normalize", "-"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "an endless input was accepted");
    assert!(
        err.contains("over the limit") && !err.contains("panicked"),
        "{err}"
    );
    // Reading 64 MiB and stopping takes seconds, not the minutes an unbounded read would.
    assert!(took.as_secs() < 120, "took {took:?}");
}

#[cfg(unix)]
#[test]
fn a_link_to_an_endless_device_is_refused_not_read_whole() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let link = dir.path().join("news.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap_or_else(|e| panic!("{e}"));
    let link = link.display().to_string();
    for args in [
        vec!["dump", link.as_str(), "--format", "json"],
        vec!["normalize", link.as_str()],
        vec!["import", link.as_str(), "-o", "/dev/null", "--force"],
    ] {
        let out = gahnegar(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "gahnegar {args:?} accepted /dev/zero"
        );
        assert!(
            err.contains("over the") && err.contains("limit") && !err.contains("panicked"),
            "gahnegar {args:?}: {err}"
        );
    }
}

#[test]
fn import_never_writes_over_its_own_input() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = dir.path().join("خبر.ron");
    let text = "تهران - وزیر امور خارجه روز ۱۲ مه ۲۰۱۹ گفت که گفت‌وگوها ادامه دارد.\n";
    std::fs::write(&input, text).unwrap_or_else(|e| panic!("{e}"));
    let p = input.display().to_string();
    let out = gahnegar(&["import", &p, "--force"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "import replaced its own input");
    assert!(err.contains("being imported"), "{err}");
    assert_eq!(std::fs::read_to_string(&input).ok().as_deref(), Some(text));
}

#[cfg(unix)]
#[test]
fn import_does_not_replace_a_dangling_link_without_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = dir.path().join("news.txt");
    std::fs::write(&input, "اصفهان - روز ۳ خرداد ۱۴۰۲ جلسه‌ای برگزار شد.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out_link = dir.path().join("news.ron");
    std::os::unix::fs::symlink(dir.path().join("gone.ron"), &out_link)
        .unwrap_or_else(|e| panic!("{e}"));
    let (i, o) = (input.display().to_string(), out_link.display().to_string());
    let refused = gahnegar(&["import", &i, "-o", &o]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert!(std::fs::symlink_metadata(&out_link).is_ok_and(|m| m.file_type().is_symlink()));
    let forced = gahnegar(&["import", &i, "-o", &o, "--force"]);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
}

#[test]
fn a_timeline_span_that_ends_before_it_starts_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("t.svg").display().to_string();
    let r = gahnegar(&[
        "export",
        "timeline",
        "-o",
        &out,
        "--from",
        "2020-01-01",
        "--to",
        "2010-01-01",
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(!r.status.success(), "a reversed span was accepted");
    assert!(err.contains("must come before"), "{err}");
    assert!(!std::path::Path::new(&out).exists());
}

/// RON bytes per text byte of an imported realistic text, and the article reopened.
fn imported_ron(bytes: usize) -> (String, usize) {
    let text = crate::common::bench::realistic_text(bytes);
    let imported = gahnegar::import::import_bytes(text.as_bytes(), "big.txt")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        imported.article.events.len() > bytes / 400 && imported.article.claims.len() > bytes / 400,
        "a realistic text: {} events, {} claims",
        imported.article.events.len(),
        imported.article.claims.len()
    );
    let ron = store::to_string(&imported.article).unwrap_or_else(|e| panic!("{e}"));
    let back = store::from_str(&ron, "big.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, imported.article, "reopened as saved");
    (ron, text.len())
}

/// The size contract at 1 MB: an imported realistic text takes at most
/// `RON_PER_TEXT_BYTE` bytes of RON per byte, the figure the loader's limit is sized from.
#[test]
fn imported_text_fits_the_size_contract() {
    let (ron, text) = imported_ron(1 << 20);
    let ratio = ron.len() as f64 / text as f64;
    eprintln!(
        "{text} bytes of text → {} bytes of RON ({ratio:.2}×)",
        ron.len()
    );
    assert!(
        (ron.len() as u64) <= text as u64 * store::RON_PER_TEXT_BYTE,
        "{ratio:.2} bytes of RON per byte of text, over {}",
        store::RON_PER_TEXT_BYTE
    );
}

/// What the loader would refuse is never made: over the limit, writing the RON fails with
/// its size and why.
#[test]
fn an_article_over_the_load_limit_is_not_written() {
    let a = crate::common::mini();
    let small = store::to_string(&a).unwrap_or_else(|e| panic!("{e}")).len() as u64;
    let e = store::to_string_within(&a, small - 1)
        .err()
        .unwrap_or_else(|| panic!("wrote past the limit"))
        .to_string();
    assert!(
        e.contains(&small.to_string()) && e.contains("could not be opened again"),
        "{e}"
    );
}
