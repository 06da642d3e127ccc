//! Fuzz targets: what each parser or engine must survive, and proptest strategies that
//! make inputs shaped like its real input (a mutated RON article, token soups of Persian
//! text with dates and attributions, TimelineJS JSON, CSV, HTML entities, mixed-script
//! paragraphs). Shared by `examples/fuzz.rs` (long runs: `cargo run --release --example
//! fuzz -- TARGET`) and `tests/it/fuzz.rs` (replays the kept cases in
//! `tests/data/fuzz/TARGET/` on every `cargo test`).
//!
//! A target returns `Err` when a contract is broken (what import writes, the loader must
//! open; a layout's ranges must lie on the text's character boundaries); a panic is a
//! failure too, and the runner adds a time budget per input.

use std::cell::RefCell;

use gahnegar::text::{Align, TextEngine, TextJob};
use gahnegar::{export, import, store};
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;

/// The fuzz targets, by name.
pub const TARGETS: &[&str] = &["ron", "import", "timelinejs", "csv", "entities", "layout"];

/// Runs `target` on `input`.
///
/// # Errors
/// A broken contract, said with the input's size.
pub fn run(target: &str, input: &[u8]) -> Result<(), String> {
    match target {
        "ron" => ron_target(input),
        "import" => import_target(input),
        "timelinejs" | "entities" => {
            let text = String::from_utf8_lossy(input);
            if let Ok(a) = import::from_timelinejs(&text, "fuzz.json") {
                reopens(&a)?;
                let back = export::dump_timelinejs(&a);
                import::from_timelinejs(&back, "again.json")
                    .map_err(|e| format!("its own TimelineJS export was refused: {e}"))?;
            }
            Ok(())
        }
        "csv" => {
            let text = String::from_utf8_lossy(input);
            if let Ok(a) = import::from_csv(&text, "fuzz.csv") {
                reopens(&a)?;
                std::hint::black_box(export::dump_csv(&a));
            }
            Ok(())
        }
        "layout" => layout_target(&String::from_utf8_lossy(input)),
        other => Err(format!("no fuzz target {other:?}")),
    }
}

/// Saved to RON, `a` loads again as it was.
fn reopens(a: &gahnegar::model::Article) -> Result<(), String> {
    let ron = store::to_string(a).map_err(|e| format!("could not write: {e}"))?;
    let back = store::from_str(&ron, "fuzz.ron")
        .map_err(|e| format!("wrote {} bytes of RON the loader refused: {e}", ron.len()))?;
    if &back == a {
        Ok(())
    } else {
        Err("the reopened article differs from the saved one".to_owned())
    }
}

fn ron_target(input: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    match store::from_str(&text, "fuzz.ron") {
        Ok(a) => reopens(&a),
        Err(e) => {
            let msg = e.to_string();
            // Errors are for people: bounded, and without ron's advice.
            if msg.len() > 20_000 || msg.contains("serde_stacker") {
                return Err(format!("error message of {} bytes: {msg:.300}", msg.len()));
            }
            Ok(())
        }
    }
}

fn import_target(input: &[u8]) -> Result<(), String> {
    match import::import_bytes(input, "fuzz.txt") {
        Ok(imported) => reopens(&imported.article),
        Err(_) => Ok(()),
    }
}

thread_local! {
    static ENGINE: RefCell<Option<TextEngine>> = const { RefCell::new(None) };
}

fn layout_target(text: &str) -> Result<(), String> {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let eng = e.get_or_insert_with(TextEngine::new);
        // Keep the cache small between cases.
        eng.begin_pass(eng.shaped as u64 * 200);
        for (width, align) in [(Some(90.0), Align::Justify), (None, Align::Start)] {
            let job = TextJob::new(text).align(align);
            let s = eng.layout(&job, width, 1.5);
            let mut prev_end = 0.0_f32;
            for line in &s.lines {
                for r in std::iter::once(&line.text_range)
                    .chain(line.clusters.iter().map(|c| &c.text_range))
                {
                    if r.start > r.end
                        || !text.is_char_boundary(r.start)
                        || !text.is_char_boundary(r.end)
                    {
                        return Err(format!("range {r:?} off the text's characters"));
                    }
                }
                if line.bottom + 0.01 < prev_end {
                    return Err("lines overlap".to_owned());
                }
                prev_end = line.bottom;
            }
            let i = s.index_at(s.width / 3.0, s.height / 2.0);
            if i > text.len() || !text.is_char_boundary(i) {
                return Err(format!("hit test gave {i}"));
            }
            std::hint::black_box(s.range_rects(0..text.len()));
        }
        let pieces = gahnegar::text::pieces::piece_ranges(text, 64, 48);
        if pieces.iter().map(std::ops::Range::len).sum::<usize>() != text.len() {
            return Err("pieces do not cover the text".to_owned());
        }
        Ok(())
    })
}

/// Tokens of Persian news text: words, dates in both calendars, ranges, quotes,
/// attributions, punctuation, line structure, and characters that break naive code.
const TEXT_TOKENS: &[&str] = &[
    "وزیر",
    "گفت",
    "به گزارش",
    "خبرگزاری ایرنا",
    "رویترز",
    "اعلام کرد",
    "به نقل از",
    "منابع آگاه",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "-",
    "–",
    "تا",
    "از",
    "سال",
    "دهه",
    "اواخر",
    "۱۹۹۱",
    "۲۰۱۹",
    "1991",
    "۱۴۰۳",
    "۱۴۰۳/۰۷/۱۲",
    "2024-05-01",
    "۱۲",
    "مه",
    "ژانویه",
    "فروردین",
    "اسفند",
    "پاییز",
    "همان سال",
    "یک ماه بعد",
    "دیروز",
    "میلادی",
    "شمسی",
    "هجری قمری",
    "رمضان",
    "۱۹۹۱-",
    "-۱۹۹۲",
    "۱۹۹۱–۱۹۹۵",
    ".",
    "،",
    "؛",
    "؟",
    ":",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{200c}",
    "\u{200f}",
    "\u{202b}",
    "\u{2067}",
    "\u{feff}",
    "\u{0}",
    "\u{fffd}",
    "ك",
    "ي",
    "ـ",
    "ﻻ",
    "آ",
    "&amp;",
    "&#",
    "=",
    "@",
    "http://x",
    "javascript:",
    "\"",
    "'",
    "نشست",
    "برگزار شد",
    "Lavrov",
    "INSS",
    "😀",
    "ё",
    "ال",
    "ابن",
    "سرگئی لاوروف",
];

/// Inputs for the text import: token soups, sometimes repeated many times (repetition is
/// what made the import superlinear), sometimes raw bytes.
pub fn text_input() -> BoxedStrategy<Vec<u8>> {
    let soup = proptest::collection::vec(proptest::sample::select(TEXT_TOKENS), 0..120)
        .prop_map(|t| t.concat());
    prop_oneof![
        6 => repeated(soup.boxed()).prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..2000),
    ]
    .boxed()
}

/// `s` alone, or repeated up to a few hundred times.
fn repeated(s: BoxedStrategy<String>) -> BoxedStrategy<String> {
    (
        s,
        prop_oneof![8 => Just(1_usize), 1 => 2..30_usize, 1 => 100..400_usize],
    )
        .prop_map(|(s, n)| s.repeat(n))
        .boxed()
}

/// Tokens of RON.
const RON_TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "\\u{0}",
    "Some(",
    "None",
    "0",
    "-1",
    "99999999999999999999",
    "1e308",
    "-0.0",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "//",
    "\n",
    "\r",
    "\t",
    "é",
    "«",
    "at: Some(0)",
    "at: Some(999999)",
    "schema: 1",
    "schema: 99",
    "extra: 1",
    "Paragraph",
    "Heading",
    "true",
    "id: \"e1\"",
    "block: \"p1\"",
    "exact: \"\"",
    "#![enable(",
];

/// A valid article with a few mutations (deleted spans, inserted tokens, duplicated spans).
pub fn ron_input() -> BoxedStrategy<Vec<u8>> {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mini.ron"))
        .unwrap_or_default();
    let n = seed.len().max(1);
    let edit = (0..n, 0..n, proptest::sample::select(RON_TOKENS), 0..3_u8);
    proptest::collection::vec(edit, 0..8)
        .prop_map(move |edits| {
            let mut s = seed.clone();
            for (a, b, tok, op) in edits {
                let (mut a, mut b) = (a.min(s.len()), b.min(s.len()));
                while !s.is_char_boundary(a) {
                    a -= 1;
                }
                while !s.is_char_boundary(b) {
                    b -= 1;
                }
                let (lo, hi) = (a.min(b), a.max(b).min(a.min(b) + 64));
                let mut hi = hi;
                while !s.is_char_boundary(hi) {
                    hi -= 1;
                }
                match op {
                    0 => s.replace_range(lo..hi, ""),
                    1 => s.insert_str(lo, tok),
                    _ => {
                        let span = s[lo..hi].to_owned();
                        s.insert_str(hi, &span);
                    }
                }
            }
            s.into_bytes()
        })
        .boxed()
}

/// Strings for JSON fields: text with entities, markup and odd characters.
fn field_text() -> BoxedStrategy<String> {
    const T: &[&str] = &[
        "&",
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&nbsp;",
        "&zwnj;",
        "&#",
        "&#x",
        "&#1711;",
        "&#x6AF;",
        "&#128512;",
        "&#xD800;",
        "&#0;",
        "&#99999999999;",
        "&#x110000;",
        ";",
        "amp",
        "x",
        "1",
        "F",
        "<p>",
        "</p>",
        "<br>",
        "<mark>",
        "</mark>",
        "<b",
        ">",
        "<",
        "/",
        " ",
        "آ",
        "گفت",
        "۲۰۱۹",
        "\n",
        "\u{0}",
        "\\",
        "\"",
        "javascript:",
        "=",
    ];
    repeated(
        proptest::collection::vec(proptest::sample::select(T), 0..40)
            .prop_map(|t| t.concat())
            .boxed(),
    )
}

/// A JSON value for a date part: numbers, strings, odd values.
fn date_part() -> BoxedStrategy<serde_json::Value> {
    prop_oneof![
        (-3000_i64..3000).prop_map(serde_json::Value::from),
        (0_i64..40).prop_map(|n| serde_json::Value::from(n.to_string())),
        Just(serde_json::Value::from("")),
        Just(serde_json::Value::from("۲۰۱۹")),
        Just(serde_json::Value::from(1e300)),
        Just(serde_json::Value::Null),
        any::<i64>().prop_map(serde_json::Value::from),
    ]
    .boxed()
}

/// TimelineJS documents: a title and events with dates, headlines, texts, groups, ids.
pub fn timelinejs_input() -> BoxedStrategy<Vec<u8>> {
    let date = (date_part(), date_part(), date_part())
        .prop_map(|(y, m, d)| serde_json::json!({"year": y, "month": m, "day": d}));
    let event = (
        date.clone(),
        proptest::option::of(date),
        field_text(),
        field_text(),
        proptest::option::of(field_text()),
        proptest::option::of(0_u8..4),
    )
        .prop_map(|(s, e, h, t, g, id)| {
            let mut v = serde_json::json!({"start_date": s, "text": {"headline": h, "text": t}});
            if let Some(e) = e {
                v["end_date"] = e;
            }
            if let Some(g) = g {
                v["group"] = g.into();
            }
            if let Some(id) = id {
                v["unique_id"] = format!("e{id}").into();
            }
            v
        });
    let events = proptest::collection::vec(event, 0..12);
    (field_text(), events, 1..60_usize)
        .prop_map(|(title, events, copies)| {
            let all: Vec<serde_json::Value> = std::iter::repeat_n(events, copies.min(3))
                .flatten()
                .collect();
            serde_json::json!({"title": {"text": {"headline": title}}, "events": all})
                .to_string()
                .into_bytes()
        })
        .boxed()
}

/// HTML entities inside TimelineJS fields (the decoder's real input).
pub fn entities_input() -> BoxedStrategy<Vec<u8>> {
    (field_text(), field_text())
        .prop_map(|(h, t)| {
            serde_json::json!({"events": [{"start_date": {"year": 2019},
                "text": {"headline": h, "text": t}}]})
            .to_string()
            .into_bytes()
        })
        .boxed()
}

/// CSV of events in the app's columns or TimelineJS's template, with odd cells.
pub fn csv_input() -> BoxedStrategy<Vec<u8>> {
    const HEADERS: &[&str] = &[
        "id,start,end,precision,cue,label,lane,paragraph",
        "start,label",
        "Year,Month,Day,Headline,Text,Group,End Year",
        "year;headline",
        "",
    ];
    const CELLS: &[&str] = &[
        "2019-05-01",
        "2019",
        "1991-",
        "-9999-01-01",
        "10000-01-01",
        "2019-02-30",
        "day",
        "month",
        "year",
        "decade",
        "\"a,b\"",
        "\"\"",
        "\"",
        "\"x\"\"y\"",
        "=1+1",
        "@x",
        "۲۰۱۹",
        "وزیر گفت",
        "",
        " ",
        "\n",
        "\r\n",
        "&amp;",
        "<p>a</p>",
        "e1",
        "e1",
        "12",
        "5",
        "ﻻ",
    ];
    let row =
        proptest::collection::vec(proptest::sample::select(CELLS), 0..10).prop_map(|c| c.join(","));
    (
        proptest::sample::select(HEADERS),
        proptest::collection::vec(row, 0..30),
        prop_oneof![6 => Just(1_usize), 1 => 50..400_usize],
    )
        .prop_map(|(h, rows, n)| {
            let body = rows.join("\n");
            let mut s = String::from(h);
            for _ in 0..n {
                s.push('\n');
                s.push_str(&body);
            }
            s.into_bytes()
        })
        .boxed()
}

/// Paragraphs for the text engine: mixed scripts, bidi controls, marks, emoji, breaks.
pub fn layout_input() -> BoxedStrategy<Vec<u8>> {
    const C: &[&str] = &[
        "س",
        "ل",
        "ا",
        "م",
        "ی",
        "ه",
        "ك",
        "لا",
        "ـ",
        "\u{64b}",
        "\u{670}",
        " ",
        " ",
        "\u{a0}",
        "\u{200c}",
        "\u{200d}",
        "\u{200e}",
        "\u{200f}",
        "\u{202a}",
        "\u{202b}",
        "\u{202c}",
        "\u{202d}",
        "\u{202e}",
        "\u{2066}",
        "\u{2067}",
        "\u{2068}",
        "\u{2069}",
        "\u{61c}",
        "a",
        "W",
        "1",
        "۲",
        "٣",
        "(",
        ")",
        "[",
        "«",
        "»",
        ".",
        "-",
        "\n",
        "\t",
        "\r",
        "😀",
        "👍🏽",
        "é",
        "e\u{301}",
        "ж",
        "中",
        "\u{0}",
        "\u{fffd}",
        "\u{10ffff}",
        "\u{e000}",
        "ﷲ",
    ];
    repeated(
        proptest::collection::vec(proptest::sample::select(C), 0..80)
            .prop_map(|t| t.concat())
            .boxed(),
    )
    .prop_map(String::into_bytes)
    .boxed()
}

/// The strategy of `target`.
pub fn strategy(target: &str) -> Option<BoxedStrategy<Vec<u8>>> {
    Some(match target {
        "ron" => ron_input(),
        "import" => text_input(),
        "timelinejs" => timelinejs_input(),
        "csv" => csv_input(),
        "entities" => entities_input(),
        "layout" => layout_input(),
        _ => return None,
    })
}
