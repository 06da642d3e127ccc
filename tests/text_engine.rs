//! The text engine on real Persian samples: visual order per line, line order,
//! alignment, justification, hit testing and copying by coordinates, and bad input.

use gahnegar::text::bidi::{BidiLevels, visual_order};
use gahnegar::text::{Align, Direction, ShapedText, TextEngine, TextJob};

const SCALE: f32 = 1.0;

/// Logical text of each line, in line order.
fn line_texts(s: &ShapedText) -> Vec<String> {
    s.lines
        .iter()
        .map(|l| s.text[l.text_range.clone()].to_owned())
        .collect()
}

/// The reference visual order of a line from unicode-bidi (L1 + L2, per char).
fn reference_visual(text: &str, rtl: bool, line: std::ops::Range<usize>) -> String {
    let levels = BidiLevels::new(text, Some(rtl));
    let per_byte = levels.line_levels(text, line.clone());
    let chars: Vec<(usize, char)> = text[line.clone()].char_indices().collect();
    let lv: Vec<u8> = chars.iter().map(|(i, _)| per_byte[*i]).collect();
    visual_order(&lv).into_iter().map(|i| chars[i].1).collect()
}

const PERSIAN: &str = "آذربایجان، نگین قفقاز، در نقطه‌ای استراتژیک میان اروپا و آسیا قرار دارد و به‌عنوان پلی بین شرق و غرب، از اهمیت جغرافیایی فوق‌العاده‌ای برخوردار است.";
const MIXED: &str = "در سال ۲۰۲۲، وب‌سایت Zman.co.il اعلام کرد که مؤسسه مطالعات امنیت ملی (INSS) و روزنامه Israel Hayom از ۶۰ درصد سوخت سخن گفته‌اند.";
const LATIN: &str = "The Institute for National Security Studies (INSS) called Azerbaijan «دوست اسرائیل» in 2012, a phrase Lavrov repeated.";

#[test]
fn persian_lines_read_in_order_and_align_right() {
    let mut eng = TextEngine::new();
    let job = TextJob::new(PERSIAN).size(16.0);
    let s = eng.layout(&job, Some(220.0), SCALE);
    assert!(s.rtl, "Persian paragraph must be RTL");
    assert!(
        s.lines.len() >= 3,
        "should wrap into several lines, got {}",
        s.lines.len()
    );
    // Line order: the first line holds the start of the text.
    let texts = line_texts(s);
    assert!(
        texts[0].starts_with("آذربایجان"),
        "first line: {}",
        texts[0]
    );
    assert_eq!(
        texts.concat(),
        PERSIAN,
        "lines must cover the text in order"
    );
    for (i, l) in s.lines.iter().enumerate() {
        // Visual order: the rightmost cluster is the line's logical start.
        let last = l.clusters.last().map(|c| c.text_range.start);
        let first_nonblank = s.text[l.text_range.clone()]
            .find(|c: char| !c.is_whitespace())
            .map(|o| l.text_range.start + o);
        assert_eq!(
            last, first_nonblank,
            "line {i} rightmost cluster is not its logical start"
        );
        // Right alignment: content ends at the right edge.
        let right = l.content_right(&s.text);
        assert!(
            (right - 220.0).abs() < 0.5,
            "line {i} not right-aligned: right edge {right}"
        );
        assert_eq!(
            l.visual_text(&s.text),
            reference_visual(&s.text, true, l.text_range.clone()),
            "line {i}"
        );
    }
}

#[test]
fn mixed_lines_match_unicode_bidi_l1_l2() {
    let mut eng = TextEngine::new();
    for (text, rtl) in [(MIXED, true), (LATIN, false), (PERSIAN, true)] {
        for width in [90.0, 140.0, 200.0, 320.0, 1000.0] {
            let job = TextJob::new(text).size(15.0);
            let s = eng.layout(&job, Some(width), SCALE);
            assert_eq!(s.rtl, rtl, "{text}");
            for (i, l) in s.lines.iter().enumerate() {
                let want = reference_visual(text, rtl, l.text_range.clone());
                assert_eq!(
                    l.visual_text(text),
                    want,
                    "width {width} line {i} of {text:?}"
                );
            }
        }
    }
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '«' => '»',
        '»' => '«',
        '[' => ']',
        ']' => '[',
        other => other,
    }
}

#[test]
fn latin_inside_persian_is_not_mirrored() {
    let mut eng = TextEngine::new();
    let job = TextJob::new("گزارش (INSS) در ۲۰۱۲ منتشر شد").size(16.0);
    let s = eng.layout(&job, None, SCALE);
    assert_eq!(s.lines.len(), 1);
    // Rule L4: brackets in right-to-left clusters show mirrored glyphs.
    let v: String = s.lines[0]
        .clusters
        .iter()
        .flat_map(|c| {
            let t: Vec<char> = s.text[c.text_range.clone()].chars().collect();
            if c.is_rtl() {
                t.into_iter().rev().map(mirror).collect::<Vec<_>>()
            } else {
                t
            }
        })
        .collect();
    assert!(
        v.contains("(INSS)"),
        "Latin must read left to right with brackets facing it: {v}"
    );
    assert!(v.contains("۲۰۱۲"), "digits must keep their order: {v}");
    assert!(!v.contains("SSNI") && !v.contains("۲۱۰۲"), "mirrored: {v}");
}

#[test]
fn justified_lines_fill_the_width_except_the_last() {
    let mut eng = TextEngine::new();
    let width = 230.0;
    let job = TextJob::new(PERSIAN).size(16.0).align(Align::Justify);
    let s = eng.layout(&job, Some(width), SCALE);
    let n = s.lines.len();
    assert!(n >= 3);
    for (i, l) in s.lines.iter().enumerate() {
        let (left, right) = (l.content_left(&s.text), l.content_right(&s.text));
        assert!((right - width).abs() < 0.5, "line {i} right edge {right}");
        if i + 1 < n {
            assert!(
                left.abs() < 0.5,
                "justified line {i} must start at the left edge, starts at {left}"
            );
        } else {
            assert!(left > 1.0, "last line is start-aligned, not stretched");
        }
        // Justification only widens spaces: every non-space cluster keeps its natural width.
        for c in &l.clusters {
            let t = &s.text[c.text_range.clone()];
            if !t.contains(' ') {
                assert!(
                    c.advance < 40.0,
                    "cluster {t:?} was stretched to {}",
                    c.advance
                );
            }
        }
    }
}

#[test]
fn selection_by_coordinates_copies_logical_text() {
    let mut eng = TextEngine::new();
    let job = TextJob::new(MIXED).size(16.0);
    let s = eng.layout(&job, Some(260.0), SCALE);
    // Find the word «اعلام» and hit-test from its right edge to its left edge (RTL).
    let word = "اعلام";
    let start = MIXED.find(word).unwrap_or_else(|| panic!("{word} missing"));
    let rects = s.range_rects(start..start + word.len());
    assert_eq!(rects.len(), 1, "one word is one rectangle: {rects:?}");
    let r = rects[0];
    let y = (r[1] + r[3]) / 2.0;
    let a = s.index_at(r[2] - 0.5, y);
    let b = s.index_at(r[0] + 0.5, y);
    let (lo, hi) = (a.min(b), a.max(b));
    assert_eq!(&MIXED[lo..hi], word, "dragging across the word selects it");
    // Latin: from the left edge of «Zman.co.il» to its right edge.
    let latin = "Zman.co.il";
    let ls = MIXED.find(latin).unwrap_or(0);
    let lr = s.range_rects(ls..ls + latin.len());
    let lr0 = lr[0];
    let ly = (lr0[1] + lr0[3]) / 2.0;
    let (a, b) = (s.index_at(lr0[0] + 0.3, ly), s.index_at(lr0[2] - 0.3, ly));
    assert_eq!(&MIXED[a.min(b)..a.max(b)], latin);
}

#[test]
fn explicit_direction_overrides_auto() {
    let mut eng = TextEngine::new();
    let job = TextJob::new("Hello دنیا").direction(Direction::Rtl);
    assert!(eng.layout(&job, None, SCALE).rtl);
    let job = TextJob::new("سلام world").direction(Direction::Ltr);
    assert!(!eng.layout(&job, None, SCALE).rtl);
    let job = TextJob::new("۱۲۳۴");
    assert!(
        eng.layout(&job, None, SCALE).rtl,
        "no strong character: Persian fallback"
    );
}

#[test]
fn layouts_are_cached_and_rewrapped_without_reshaping() {
    let mut eng = TextEngine::new();
    let job = TextJob::new(PERSIAN);
    let _ = eng.layout(&job, Some(200.0), SCALE);
    let _ = eng.layout(&job, Some(200.0), SCALE);
    let _ = eng.layout(&job, Some(300.0), SCALE);
    assert_eq!(eng.shaped, 1, "changing the width must not reshape");
    let _ = eng.layout(&job, Some(300.0), 2.0);
    assert_eq!(eng.shaped, 2, "a new pixels-per-point reshapes");
    let with_color = job.clone().color(egui::Color32::RED);
    let _ = eng.layout(&with_color, Some(300.0), SCALE);
    assert_eq!(eng.shaped, 2, "a colour change must not reshape");
}

#[test]
fn scale_changes_pixels_not_structure() {
    let mut eng = TextEngine::new();
    let job = TextJob::new(MIXED);
    let one: Vec<_> = eng
        .layout(&job, Some(250.0), 1.0)
        .lines
        .iter()
        .map(|l| l.text_range.clone())
        .collect();
    let two: Vec<_> = eng
        .layout(&job, Some(250.0), 2.0)
        .lines
        .iter()
        .map(|l| l.text_range.clone())
        .collect();
    assert_eq!(one, two, "same lines at 1x and 2x");
    let h1 = eng.layout(&job, Some(250.0), 1.0).height;
    let h2 = eng.layout(&job, Some(250.0), 2.0).height;
    assert!(
        (h2 / h1 - 2.0).abs() < 0.05,
        "height in pixels doubles: {h1} -> {h2}"
    );
}

#[test]
fn bad_input_does_not_panic() {
    let mut eng = TextEngine::new();
    let long: String = "آذربایجان و اسرائیل Zman ۱۲۳ ".repeat(100_000 / 28);
    let cases: Vec<String> = vec![
        String::new(),
        "\u{202B}\u{202B}\u{2067}بی‌جفت".into(),
        "\u{202C}\u{2069}\u{2069}abc".into(),
        "\u{0301}\u{064B}\u{0652}".into(),
        "漢字 𓀀 ☃ \u{10FFFF}".into(),
        "\t\n\r\u{2029}\u{0085}".into(),
        long,
    ];
    for text in cases {
        let job = TextJob::new(text.as_str());
        let s = eng.layout(&job, Some(300.0), SCALE);
        let covered: usize = s.lines.iter().map(|l| l.text_range.len()).sum();
        let ranges: Vec<_> = s.lines.iter().map(|l| l.text_range.clone()).collect();
        assert!(
            covered <= text.len(),
            "lines cover more than the text {text:?}: {ranges:?}"
        );
        let _ = s.index_at(10.0, 10.0);
        let _ = s.range_rects(0..text.len());
    }
}
