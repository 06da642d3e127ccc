//! The text engine on real Persian samples: visual order per line, line order,
//! alignment, justification, hit testing and copying by coordinates, and bad input.

use gahnegar::text::{Align, Direction, ShapedText, TextEngine, TextJob};

const SCALE: f32 = 1.0;

/// Logical text of each line, in line order.
fn line_texts(s: &ShapedText) -> Vec<String> {
    s.lines
        .iter()
        .map(|l| s.text[l.text_range.clone()].to_owned())
        .collect()
}

/// The expected visual order of a line, from [`uax9`]: a reference written for this test
/// that shares no code or crate with the engine (which resolves levels with parley and
/// unicode-bidi and applies L1/L2 in `src/text/bidi.rs`).
fn reference_visual(text: &str, rtl: bool, line: std::ops::Range<usize>) -> String {
    uax9::visual_line(text, rtl, line)
}

/// A small, independent implementation of the Unicode Bidirectional Algorithm (UAX #9) for
/// one paragraph with a given direction and no explicit embeddings, overrides or isolates
/// (the samples below have none): rule X9, weak types W1-W7, neutrals N1-N2, implicit
/// levels I1-I2, then per line L1 and L2. Bidi classes come from a table of the
/// characters the samples use (checked against the Unicode Character Database); an
/// unknown character panics rather than guess.
mod uax9 {
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Class {
        L,
        R,
        Al,
        En,
        An,
        Es,
        Et,
        Cs,
        Nsm,
        Bn,
        Ws,
        On,
    }

    fn class(c: char) -> Class {
        use Class::*;
        match c {
            'a'..='z' | 'A'..='Z' => L,
            '0'..='9' | '\u{06F0}'..='\u{06F9}' => En,
            '\u{0660}'..='\u{0669}' | '\u{066B}' | '\u{066C}' => An,
            '\u{05D0}'..='\u{05EA}' => R,
            '\u{0621}'..='\u{063F}'
            | '\u{0641}'..='\u{064A}'
            | '\u{0640}'
            | '\u{0671}'..='\u{06D3}'
            | '\u{061B}'
            | '\u{061F}' => Al,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => Nsm,
            '\u{060C}' | ',' | '.' | ':' | '/' => Cs,
            '+' | '-' => Es,
            '%' | '$' | '#' => Et,
            '\u{200B}'..='\u{200D}' => Bn,
            ' ' => Ws,
            '(' | ')' | '[' | ']' | '«' | '»' | '!' | '?' | '"' | '\'' | ';' | '\u{2603}' => On,
            // CJK ideographs and Egyptian hieroglyphs (in the bad-input samples) are L.
            '\u{4E00}'..='\u{9FFF}' | '\u{13000}'..='\u{1342F}' => L,
            _ => panic!(
                "the reference has no bidi class for {c:?} (U+{:04X})",
                u32::from(c)
            ),
        }
    }

    /// Resolved levels (before L1) of the chars of a paragraph at level `para` (0 or 1).
    fn resolve(chars: &[char], para: u8) -> Vec<u8> {
        use Class::*;
        let original: Vec<Class> = chars.iter().map(|&c| class(c)).collect();
        let e = if para % 2 == 1 { R } else { L };
        // X9: boundary neutrals are left out of the run; they take a level at the end.
        let kept: Vec<usize> = (0..chars.len()).filter(|&i| original[i] != Bn).collect();
        let mut t: Vec<Class> = kept.iter().map(|&i| original[i]).collect();
        let n = t.len();
        // W1: a non-spacing mark takes the type of what precedes it.
        for i in 0..n {
            if t[i] == Nsm {
                t[i] = if i == 0 { e } else { t[i - 1] };
            }
        }
        // W2: European digits after Arabic letters are Arabic digits.
        let mut last_strong = e;
        for x in &mut t {
            match *x {
                L | R | Al => last_strong = *x,
                En if last_strong == Al => *x = An,
                _ => {}
            }
        }
        // W3
        for x in &mut t {
            if *x == Al {
                *x = R;
            }
        }
        // W4: one separator between two numbers of a kind joins them.
        for i in 1..n.saturating_sub(1) {
            let (a, b) = (t[i - 1], t[i + 1]);
            if t[i] == Es && a == En && b == En {
                t[i] = En;
            } else if t[i] == Cs && a == b && (a == En || a == An) {
                t[i] = a;
            }
        }
        // W5: terminators next to European digits are European digits.
        let mut i = 0;
        while i < n {
            if t[i] == Et {
                let start = i;
                while i < n && t[i] == Et {
                    i += 1;
                }
                let touches = (start > 0 && t[start - 1] == En) || (i < n && t[i] == En);
                if touches {
                    t[start..i].fill(En);
                }
            } else {
                i += 1;
            }
        }
        // W6
        for x in &mut t {
            if matches!(*x, Es | Et | Cs) {
                *x = On;
            }
        }
        // W7: European digits after L are L.
        let mut last_strong = e;
        for x in &mut t {
            match *x {
                L | R => last_strong = *x,
                En if last_strong == L => *x = L,
                _ => {}
            }
        }
        // N1, N2: neutrals between two of one direction take it, others the paragraph's.
        let dir = |c: Class| match c {
            L => Some(L),
            R | En | An => Some(R),
            _ => None,
        };
        let mut i = 0;
        while i < n {
            if dir(t[i]).is_none() {
                let start = i;
                while i < n && dir(t[i]).is_none() {
                    i += 1;
                }
                let before = if start == 0 {
                    e
                } else {
                    dir(t[start - 1]).unwrap_or(e)
                };
                let after = if i == n { e } else { dir(t[i]).unwrap_or(e) };
                t[start..i].fill(if before == after { before } else { e });
            } else {
                i += 1;
            }
        }
        // I1, I2
        let mut levels = vec![para; chars.len()];
        for (k, &at) in kept.iter().enumerate() {
            levels[at] = match (para % 2, t[k]) {
                (0, R) => para + 1,
                (0, En | An) => para + 2,
                (1, L | En | An) => para + 1,
                _ => para,
            };
        }
        // A removed boundary neutral takes the level of the character before it.
        for i in 0..chars.len() {
            if original[i] == Bn {
                levels[i] = if i == 0 { para } else { levels[i - 1] };
            }
        }
        levels
    }

    /// The chars of `line` (a byte range of `text`) in visual order, left to right.
    pub fn visual_line(text: &str, rtl: bool, line: std::ops::Range<usize>) -> String {
        let para = u8::from(rtl);
        let all: Vec<(usize, char)> = text.char_indices().collect();
        let chars: Vec<char> = all.iter().map(|&(_, c)| c).collect();
        let levels = resolve(&chars, para);
        let idx: Vec<usize> = (0..all.len())
            .filter(|&k| line.contains(&all[k].0))
            .collect();
        let mut lv: Vec<u8> = idx.iter().map(|&k| levels[k]).collect();
        // L1: whitespace (and boundary neutrals among it) at the end of the line returns
        // to the paragraph level.
        for j in (0..idx.len()).rev() {
            match class(chars[idx[j]]) {
                Class::Ws | Class::Bn => lv[j] = para,
                _ => break,
            }
        }
        // L2: from the highest level down to the lowest odd one, reverse every run at
        // that level or higher.
        let mut order: Vec<usize> = (0..idx.len()).collect();
        let max = lv.iter().copied().max().unwrap_or(0);
        let lowest_odd = lv
            .iter()
            .copied()
            .filter(|l| l % 2 == 1)
            .min()
            .unwrap_or(max + 1);
        let mut level = max;
        while level >= lowest_odd && level > 0 {
            let mut i = 0;
            while i < order.len() {
                if lv[order[i]] < level {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < order.len() && lv[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            }
            level -= 1;
        }
        order.into_iter().map(|j| chars[idx[j]]).collect()
    }

    #[test]
    fn reference_matches_uax9_examples() {
        // Hand-worked cases: Arabic letters reverse, digits keep their order inside them,
        // Latin inside RTL stays left to right, a trailing space goes to the line end.
        let cases = [
            ("\u{0627}\u{0628} 12", true, "12 \u{0628}\u{0627}"),
            ("ab \u{0627}\u{0628}", false, "ab \u{0628}\u{0627}"),
            ("\u{0627} (ab) \u{0628}", true, "\u{0628} )ab( \u{0627}"),
            ("\u{0627}\u{0628} ", true, " \u{0628}\u{0627}"),
            ("ab ", false, "ab "),
            ("\u{06F1}\u{06F2}\u{06F3}", true, "\u{06F1}\u{06F2}\u{06F3}"),
        ];
        for (text, rtl, want) in cases {
            assert_eq!(visual_line(text, rtl, 0..text.len()), want, "{text:?}");
        }
    }
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
fn mixed_lines_match_the_reference_uax9() {
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
