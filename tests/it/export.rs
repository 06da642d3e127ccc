//! Integration tests of export and interop: round trips through TimelineJS and CSV, the
//! TimelineJS fields Knight Lab requires, the SVG (well-formed, outlines only), a snapshot
//! of the PNG, CSL-JSON, and bad input of every kind through the real `gahnegar` binary.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{gahnegar, mini};
use gahnegar::export::{self, ImageOptions};
use gahnegar::model::{Article, Day, Meta, SCHEMA_VERSION};
use gahnegar::store;
use gahnegar::ui::i18n::Lang;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn articles() -> [(&'static str, Article); 2] {
    [("mini", mini()), ("built-in", store::builtin())]
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// Runs the binary expecting success.
fn ok(args: &[&str]) -> String {
    let out = gahnegar(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "gahnegar {args:?} failed: {err}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the binary expecting failure with exit code 1; returns its message.
fn fails(args: &[&str]) -> String {
    let out = gahnegar(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "gahnegar {args:?} should fail with 1: {err}"
    );
    assert!(err.starts_with("gahnegar: "), "{err}");
    assert_eq!(err.lines().count(), 1, "one line of message: {err}");
    err
}

fn s(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("non-UTF-8 path {}", p.display()))
}

/// What a round trip must keep of each event.
fn event_keys(a: &Article) -> Vec<(String, Day, Day, String, String, String)> {
    a.events
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                e.date.start,
                e.date.end,
                e.label.clone(),
                e.category.clone(),
                e.date.wording.clone(),
            )
        })
        .collect()
}

fn assert_sound(a: &Article, what: &str) {
    assert!(a.problems().is_empty(), "{what}: {:?}", a.problems());
    for e in &a.events {
        let (i, r) = a
            .resolve(&e.anchor)
            .unwrap_or_else(|| panic!("{what}: {} is not anchored", e.id));
        assert_eq!(
            a.blocks[i].text[r].to_owned(),
            e.date.wording,
            "{what}: {}",
            e.id
        );
    }
}

// ---- round trips ------------------------------------------------------------------

#[test]
fn timelinejs_round_trip_keeps_the_events() {
    for (name, a) in articles() {
        let back = gahnegar::import::from_timelinejs(&export::dump_timelinejs(&a), "x.json")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(event_keys(&back), event_keys(&a), "{name}");
        assert_eq!(back.meta.title, a.meta.title, "{name}");
        assert_sound(&back, name);
        // The paragraph behind each event comes back with it.
        for (e, f) in a.events.iter().zip(&back.events) {
            let para = a.block(&e.anchor.block).map(|b| b.text.as_str());
            let back_para = back.block(&f.anchor.block).map(|b| b.text.as_str());
            assert_eq!(back_para, para, "{name}: paragraph of {}", e.id);
        }
        // And a second trip changes nothing at all.
        let again = gahnegar::import::from_timelinejs(&export::dump_timelinejs(&back), "x.json")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, back, "{name}: second round trip");
    }
}

#[test]
fn csv_round_trip_keeps_the_events() {
    for (name, a) in articles() {
        let back = gahnegar::import::from_csv(&export::dump_csv(&a), "x.csv")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(event_keys(&back), event_keys(&a), "{name}");
        let precisions = |a: &Article| {
            a.events
                .iter()
                .map(|e| e.date.precision)
                .collect::<Vec<_>>()
        };
        assert_eq!(precisions(&back), precisions(&a), "{name}");
        assert_sound(&back, name);
        let again = gahnegar::import::from_csv(&export::dump_csv(&back), "x.csv")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            event_keys(&again),
            event_keys(&back),
            "{name}: second round trip"
        );
    }
}

#[test]
fn files_round_trip_through_write_and_load_any() {
    let dir = temp_dir();
    let a = mini();
    let json = dir.path().join("events.json");
    let csv = dir.path().join("events.csv");
    export::write_timelinejs(&a, &json, false).unwrap_or_else(|e| panic!("{e}"));
    export::write_csv(&a, &csv, false).unwrap_or_else(|e| panic!("{e}"));
    for p in [&json, &csv] {
        let back =
            gahnegar::import::load_any(p).unwrap_or_else(|e| panic!("{}: {e:#}", p.display()));
        assert_eq!(event_keys(&back), event_keys(&a), "{}", p.display());
    }
    // The binary opens them too.
    for p in [&json, &csv] {
        let v: Value = serde_json::from_str(&ok(&["dump", s(p), "--format", "json"]))
            .unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = v["events"]
            .as_array()
            .map(|es| es.iter().filter_map(|e| e["id"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(ids, ["e1", "e2", "e3", "e4", "e5", "e6"], "{}", p.display());
    }
}

// ---- TimelineJS -------------------------------------------------------------------

/// Checks a TimelineJS document against what Knight Lab's TimelineJS requires: an
/// `events` list; each event with a `start_date` whose `year` is a number, `month` 1–12
/// and `day` 1–31 only with a month, the same for an optional `end_date` not before the
/// start; `text` with string `headline`/`text`; string `group`, `display_date`; unique
/// `unique_id`s; a `title` slide with `text` if present.
fn timelinejs_problems(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(events) = v.get("events").and_then(Value::as_array) else {
        return vec!["no events list".to_owned()];
    };
    let date = |d: &Value, what: &str, out: &mut Vec<String>| -> Option<(i64, i64, i64)> {
        let Some(o) = d.as_object() else {
            out.push(format!("{what} is not an object"));
            return None;
        };
        for k in o.keys() {
            if ![
                "year",
                "month",
                "day",
                "hour",
                "minute",
                "second",
                "millisecond",
                "display_date",
                "format",
            ]
            .contains(&k.as_str())
            {
                out.push(format!("{what} has unknown field {k}"));
            }
        }
        let Some(year) = o.get("year").and_then(Value::as_i64) else {
            out.push(format!("{what} has no numeric year"));
            return None;
        };
        let month = o.get("month").map(|m| m.as_i64().unwrap_or(-1));
        let day = o.get("day").map(|m| m.as_i64().unwrap_or(-1));
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            out.push(format!("{what} month out of range"));
        }
        if day.is_some_and(|d| !(1..=31).contains(&d)) {
            out.push(format!("{what} day out of range"));
        }
        if day.is_some() && month.is_none() {
            out.push(format!("{what} has a day without a month"));
        }
        Some((year, month.unwrap_or(1), day.unwrap_or(1)))
    };
    let mut ids = HashSet::new();
    for (i, e) in events.iter().enumerate() {
        let what = format!("events[{i}]");
        let start = match e.get("start_date") {
            Some(d) => date(d, &format!("{what}.start_date"), &mut out),
            None => {
                out.push(format!("{what} has no start_date"));
                None
            }
        };
        if let Some(d) = e.get("end_date") {
            let end = date(d, &format!("{what}.end_date"), &mut out);
            if let (Some(s), Some(e)) = (start, end)
                && e < s
            {
                out.push(format!("{what} ends before it starts"));
            }
        }
        for key in ["headline", "text"] {
            if !e["text"][key].is_string() {
                out.push(format!("{what}.text.{key} is not a string"));
            }
        }
        for key in ["group", "display_date", "unique_id"] {
            if !e[key].is_string() {
                out.push(format!("{what}.{key} is not a string"));
            }
        }
        if let Some(id) = e["unique_id"].as_str()
            && !ids.insert(id.to_owned())
        {
            out.push(format!("{what}: unique_id {id} repeats"));
        }
    }
    if let Some(t) = v.get("title")
        && !t["text"].is_object()
    {
        out.push("the title slide has no text".to_owned());
    }
    out
}

#[test]
fn timelinejs_has_the_fields_timelinejs_requires() {
    for (name, a) in articles() {
        let v: Value =
            serde_json::from_str(&export::dump_timelinejs(&a)).unwrap_or_else(|e| panic!("{e}"));
        let problems = timelinejs_problems(&v);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let events = v["events"].as_array().map_or(0, Vec::len);
        assert_eq!(events, a.events.len(), "{name}");
        // display_date carries the Persian wording.
        for (ev, e) in v["events"].as_array().into_iter().flatten().zip(&a.events) {
            assert_eq!(ev["display_date"], e.date.wording, "{name}");
        }
    }
    // The checker itself catches what it should.
    let bad = serde_json::json!({"events": [
        {"start_date": {"month": 3}},
        {"start_date": {"year": 2020, "month": 13}, "end_date": {"year": 2019}},
    ]});
    assert!(
        timelinejs_problems(&bad).len() >= 3,
        "{:?}",
        timelinejs_problems(&bad)
    );
}

// ---- SVG and PNG ------------------------------------------------------------------

#[test]
fn svg_parses_and_draws_text_as_outlines() {
    let dir = temp_dir();
    for (name, a) in articles() {
        for lang in [Lang::Fa, Lang::En] {
            let path = dir.path().join(format!("{name}-{lang:?}.svg"));
            export::write_timeline_svg(&a, None, &path, lang, false)
                .unwrap_or_else(|e| panic!("{e}"));
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{name} {lang:?}: not XML: {e}"));
            let svg = doc.root_element();
            assert_eq!(svg.tag_name().name(), "svg");
            assert_eq!(
                svg.tag_name().namespace(),
                Some("http://www.w3.org/2000/svg")
            );
            for attr in ["width", "height", "viewBox"] {
                assert!(svg.attribute(attr).is_some(), "{name}: no {attr}");
            }
            let mut labels = HashSet::new();
            let mut paths = 0;
            for n in doc.descendants().filter(roxmltree::Node::is_element) {
                let tag = n.tag_name().name();
                assert!(
                    ![
                        "text",
                        "tspan",
                        "textPath",
                        "font",
                        "font-face",
                        "style",
                        "image"
                    ]
                    .contains(&tag),
                    "{name}: <{tag}> needs a font or an outside resource"
                );
                assert!(n.attribute("font-family").is_none(), "{name}: font-family");
                if tag == "path" {
                    paths += 1;
                    assert!(
                        n.attribute("d").is_some_and(|d| d.starts_with('M')),
                        "{name}"
                    );
                    labels.extend(n.attribute("aria-label").map(str::to_owned));
                }
            }
            assert!(paths > a.events.len(), "{name}: {paths} paths");
            for e in &a.events {
                assert!(
                    labels.contains(&e.label),
                    "{name}: no outline for «{}»",
                    e.label
                );
            }
            assert!(!text.contains("<text"), "{name}");
        }
    }
}

/// Decodes a PNG into (width, height, RGBA rows).
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND);
    let mut reader = dec.read_info().unwrap_or_else(|e| panic!("not a PNG: {e}"));
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut buf)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info.color_type, png::ColorType::Rgba, "RGBA");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// The exported PNG against `tests/snapshots/timeline_export.png`, with the same checker and
/// tolerances (`kittest.toml`) as the UI snapshots: a missing snapshot fails ("run with
/// `UPDATE_SNAPSHOTS=1`"), a differing one leaves `.new.png` and `.diff.png` beside it.
#[test]
fn png_matches_its_snapshot() {
    let dir = temp_dir();
    let a = mini();
    let out = dir.path().join("t.png");
    export::write_timeline_png(&a, None, 1.0, &out, Lang::Fa, false)
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = fs::read(&out).unwrap_or_else(|e| panic!("{e}"));
    let (w, h, px) = decode_png(&bytes);
    let image = image::RgbaImage::from_raw(w, h, px)
        .unwrap_or_else(|| panic!("{w}x{h}: the buffer does not fit"));
    egui_kittest::image_snapshot(&image, "timeline_export");
}

#[test]
fn png_at_2x_is_twice_the_size() {
    let dir = temp_dir();
    let a = mini();
    let mut sizes = Vec::new();
    for scale in [1.0, 2.0] {
        let out = dir.path().join(format!("t{scale}.png"));
        export::write_timeline_png(&a, None, scale, &out, Lang::Fa, false)
            .unwrap_or_else(|e| panic!("{e}"));
        let (w, h, px) = decode_png(&fs::read(&out).unwrap_or_else(|e| panic!("{e}")));
        let clear: Vec<usize> = px
            .chunks_exact(4)
            .enumerate()
            .filter(|(_, p)| p[3] != 255)
            .map(|(i, _)| i)
            .collect();
        assert!(
            clear.is_empty(),
            "{} not opaque, first at {:?} of width {w}: {:?}",
            clear.len(),
            clear.first().map(|i| (i % w as usize, i / w as usize)),
            clear.first().map(|&i| &px[i * 4..i * 4 + 4])
        );
        sizes.push((w, h));
    }
    assert_eq!(sizes[1], (sizes[0].0 * 2, sizes[0].1 * 2));
}

#[test]
fn a_view_is_a_window_on_the_timeline() {
    let a = mini();
    let d = |s: &str| s.parse::<Day>().unwrap_or_else(|e| panic!("{e}"));
    let options = ImageOptions {
        view: Some((d("2021-06-01"), d("2022-12-31"))),
        ..ImageOptions::new(Lang::Fa)
    };
    let scene = export::timeline_scene(&a, &options, &mut gahnegar::text::TextEngine::new());
    let texts: Vec<&str> = scene.texts().collect();
    assert!(
        texts.contains(&"مذاکرات") && texts.contains(&"صادرات نفت"),
        "{texts:?}"
    );
    assert!(!texts.contains(&"اعلام استقلال آذربایجان"), "{texts:?}");
}

// ---- CSL --------------------------------------------------------------------------

#[test]
fn csl_json_has_one_item_per_source() {
    const TYPES: [&str; 4] = [
        "article-newspaper",
        "report",
        "speech",
        "personal_communication",
    ];
    for (name, a) in articles() {
        let v: Value =
            serde_json::from_str(&export::csl::dump_csl(&a)).unwrap_or_else(|e| panic!("{e}"));
        let items = v
            .as_array()
            .unwrap_or_else(|| panic!("{name}: not an array"));
        assert_eq!(items.len(), a.sources.len(), "{name}");
        let mut ids = HashSet::new();
        for (item, src) in items.iter().zip(&a.sources) {
            assert!(
                ids.insert(item["id"].as_str().unwrap_or("")),
                "{name}: repeated id"
            );
            assert!(
                TYPES.contains(&item["type"].as_str().unwrap_or("")),
                "{item}"
            );
            assert_eq!(item["title"], src.name, "{name}");
            let note = item["note"].as_str().unwrap_or("");
            assert!(note.contains(&a.meta.title), "{note}");
            assert_eq!(
                note.matches("\n- «").count(),
                a.claims_of_source(&src.id).count(),
                "{name}: claims of {} in {note}",
                src.id
            );
        }
    }
}

// ---- the command line and bad input -----------------------------------------------

#[test]
fn cli_writes_every_format() {
    let dir = temp_dir();
    let fixture = root().join("tests/data/mini.ron");
    for (kind, file, magic) in [
        ("timeline", "t.svg", &b"<?xml"[..]),
        ("timeline", "t.png", &b"\x89PNG"[..]),
        ("csv", "e.csv", "\u{feff}id,start".as_bytes()),
        ("timelinejs", "e.json", &b"{"[..]),
        ("csl", "s.json", &b"["[..]),
        ("html", "a.html", &b"<!DOCTYPE html>"[..]),
    ] {
        let out = dir.path().join(file);
        ok(&["export", kind, s(&fixture), "-o", s(&out)]);
        let bytes = fs::read(&out).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(
            bytes.starts_with(magic),
            "{kind}: starts {:?}",
            &bytes[..8.min(bytes.len())]
        );
    }
    let png2 = dir.path().join("t2.png");
    ok(&[
        "export",
        "timeline",
        s(&fixture),
        "-o",
        s(&png2),
        "--scale",
        "2",
        "--width",
        "800",
    ]);
    let (w, _, _) = decode_png(&fs::read(&png2).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(w, 1600);
    // The built-in article when no PATH is given, and a view.
    let svg = dir.path().join("builtin.svg");
    ok(&[
        "export",
        "timeline",
        "-o",
        s(&svg),
        "--from",
        "2020-01-01",
        "--to",
        "2024-12-31",
    ]);
    assert!(fs::metadata(&svg).is_ok_and(|m| m.len() > 1000));
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = temp_dir();
    let out = dir.path().join("e.csv");
    fs::write(&out, "keep me").unwrap_or_else(|e| panic!("{e}"));
    for kind in ["csv", "timelinejs", "csl", "html"] {
        let err = fails(&["export", kind, "-o", s(&out)]);
        assert!(err.contains(s(&out)) && err.contains("--force"), "{err}");
        assert_eq!(
            fs::read_to_string(&out).ok().as_deref(),
            Some("keep me"),
            "{kind}"
        );
    }
    let svg = dir.path().join("t.svg");
    fs::write(&svg, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let err = fails(&["export", "timeline", "-o", s(&svg)]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(&svg).ok().as_deref(), Some("keep me"));
    ok(&["export", "timeline", "-o", s(&svg), "--force"]);
    assert!(fs::read_to_string(&svg).is_ok_and(|t| t.contains("<svg")));
    // The library refuses too, naming the file.
    let err = export::write_csv(&mini(), &out, false)
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains(s(&out))),
        "{err:?}"
    );
    let names: Vec<String> = fs::read_dir(dir.path())
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn an_unwritable_path_is_reported_and_nothing_is_left() {
    let dir = temp_dir();
    for kind in ["timeline", "csv", "html"] {
        let out = dir.path().join("no/such/dir/out.svg");
        let err = fails(&["export", kind, "-o", s(&out)]);
        assert!(err.contains(s(&out)), "{kind}: {err}");
    }
    let err = fails(&["export", "csv", "-o", s(dir.path()), "--force"]);
    assert!(err.contains(s(dir.path())), "{err}");
    let err = fails(&["export", "timeline", "-o", s(&dir.path().join("t.jpg"))]);
    assert!(err.contains(".svg or .png"), "{err}");
    assert_eq!(
        fs::read_dir(dir.path()).map(Iterator::count).unwrap_or(1),
        0
    );
}

#[test]
fn an_empty_timeline_is_refused() {
    let dir = temp_dir();
    let empty = Article {
        schema: SCHEMA_VERSION,
        meta: Meta {
            title: "بی‌رویداد".into(),
            ..Meta::default()
        },
        categories: vec![],
        blocks: vec![],
        events: vec![],
        sources: vec![],
        claims: vec![],
        highlights: Vec::new(),
    };
    let ron = dir.path().join("empty.ron");
    store::save(&empty, &ron).unwrap_or_else(|e| panic!("{e}"));
    for file in ["t.svg", "t.png"] {
        let out = dir.path().join(file);
        let err = fails(&["export", "timeline", s(&ron), "-o", s(&out)]);
        assert!(
            err.contains("no dated events") && err.contains(s(&out)),
            "{err}"
        );
        assert!(!out.exists(), "{file} written");
    }
    // The other formats still say what there is.
    let csv = dir.path().join("e.csv");
    ok(&["export", "csv", s(&ron), "-o", s(&csv)]);
    assert_eq!(
        fs::read_to_string(&csv).ok().map(|t| t.lines().count()),
        Some(1),
        "header only"
    );
    let html = dir.path().join("e.html");
    ok(&["export", "html", s(&ron), "-o", s(&html)]);
}

#[test]
fn bad_timelinejs_and_csv_are_refused_with_every_problem() {
    let dir = temp_dir();
    let write = |name: &str, text: &str| -> PathBuf {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        p
    };
    let cases: Vec<(PathBuf, Vec<&str>)> = vec![
        (
            write(
                "bad.json",
                r#"{"events": [
                    {"start_date": {"year": 2020}, "text": {"headline": "خوب"}},
                    {"text": {"headline": "بی‌تاریخ"}, "unique_id": "x1"},
                    {"start_date": {"year": 2020, "month": 13}},
                    {"start_date": {"year": "سال"}},
                    {"start_date": {"year": 2020, "month": 2, "day": 30}},
                    {"start_date": {"year": 2021}, "end_date": {"year": 2019}}
                ]}"#,
            ),
            vec![
                "5 problem(s)",
                "events[1] (x1) has no start_date",
                "events[2] start_date.month 13",
                "events[3] start_date.year «سال» is not a number",
                "2020-02-30 is not a valid calendar day",
                "events[5] ends",
            ],
        ),
        (
            write("syntax.json", "{\"events\": [\n{,]}"),
            vec!["syntax.json:2:2"],
        ),
        (
            write("other.json", r#"{"title": "x"}"#),
            vec!["not a TimelineJS file", "no \"events\" list"],
        ),
        (
            write(
                "bad.csv",
                "\u{feff}id,start,end,precision,lane,label\r\n\
                 e1,2020-01-01,,day,energy,خوب\r\n\
                 e2,,,,,بی‌تاریخ\r\n\
                 e3,2020-13-01,,,,ماه بد\r\n\
                 e4,2021-01-01,2020-01-01,,,وارونه\r\n\
                 e5,2021-01-01,,,sports,مسیر بد\r\n",
            ),
            vec![
                // A lane the file names is a category of its own (e5's «sports»), not a
                // problem.
                "3 problem(s)",
                "line 3 (e2): the start date is missing",
                "line 4 (e3): start 2020-13-01 is not a valid calendar day",
                "line 5 (e4): it ends (2020-01-01) before it starts (2021-01-01)",
            ],
        ),
        (
            write("nohead.csv", "when,what\n2020,x\n"),
            vec!["not a CSV file of events", "start, label"],
        ),
        (
            write("open.csv", "start,label\n2020,\"open\n"),
            vec!["line 2", "never closed"],
        ),
    ];
    for (path, wants) in cases {
        let err = fails(&["dump", s(&path), "--format", "json"]);
        assert!(err.contains(s(&path)), "{err}");
        for want in wants {
            assert!(
                err.contains(want),
                "{}: «{want}» missing from {err}",
                path.display()
            );
        }
        // The GUI's loader says the same.
        let lib = gahnegar::import::load_any(&path)
            .err()
            .map(|e| format!("{e:#}"));
        assert!(
            lib.is_some_and(|e| e.contains(s(&path))),
            "{}",
            path.display()
        );
    }
}
