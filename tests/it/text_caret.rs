//! Caret movement conformance over the text engine's bidi test strings (written for these
//! tests): pressing ← or → from each end reaches every cluster boundary, and ← then →
//! (or → then ←) puts the caret back where it was on screen.

use std::collections::BTreeSet;

use gahnegar::text::edit::{EditBuffer, Motion, caret_rect};
use gahnegar::text::{ShapedText, TextEngine, TextJob};
use parley::Affinity;

const STRINGS: &[&str] = &[
    "آذربایجان، نگین قفقاز، در نقطه‌ای استراتژیک میان اروپا و آسیا قرار دارد.",
    "در سال ۲۰۲۲، وب‌سایت Zman.co.il اعلام کرد که مؤسسه (INSS) و روزنامه Israel Hayom از ۶۰ درصد سخن گفته‌اند.",
    "The Institute (INSS) called Azerbaijan «دوست اسرائیل» in 2012, a phrase Lavrov repeated.",
    "سال 2019 و ۱۳۹۸ - v2.0 (beta) «نقل‌قول» 12:30",
    "خط اول\nSecond line ۱۲ و سوم\nپایان",
    "abc",
    "",
];

/// Where the caret is drawn: (x, top) in pixels.
fn spot(s: &ShapedText, b: &EditBuffer) -> (i32, i32) {
    let (i, a) = b.caret();
    let r = caret_rect(s, i, a);
    (r[0].round() as i32, r[1].round() as i32)
}

/// Every caret index and spot visited pressing `m` from the caret of `b` until it stops.
fn walk(s: &ShapedText, mut b: EditBuffer, m: Motion) -> Vec<EditBuffer> {
    let mut out = vec![b.clone()];
    for _ in 0..4 * s.text.len() + 4 {
        let before = (b.caret(), spot(s, &b));
        b.apply_motion(s, m, false);
        if (b.caret(), spot(s, &b)) == before {
            break;
        }
        out.push(b.clone());
    }
    out
}

fn check(text: &str, width: Option<f32>) {
    let mut eng = TextEngine::new();
    let job = TextJob::new(text.to_owned()).size(16.0);
    let s = eng.layout(&job, width, 1.0);
    let mut start = EditBuffer::new(text);
    start.apply_motion(s, Motion::TextStart, false);
    let mut end = EditBuffer::new(text);
    end.apply_motion(s, Motion::TextEnd, false);
    let mut states = Vec::new();
    for from in [&start, &end] {
        for m in [Motion::Left, Motion::Right] {
            states.extend(walk(s, from.clone(), m));
        }
    }
    // A boundary is reached when the caret stood on screen where it is drawn (at a
    // direction change one boundary has two places on screen, the ends of the two runs,
    // and each of those places is also the boundary of a neighbouring index).
    let reached: BTreeSet<(i32, i32)> = states.iter().map(|b| spot(s, b)).collect();
    let boundaries: BTreeSet<usize> = s
        .lines
        .iter()
        .flat_map(|l| &l.clusters)
        .flat_map(|c| [c.text_range.start, c.text_range.end])
        .collect();
    let missing: Vec<usize> = boundaries
        .into_iter()
        .filter(|&i| {
            [Affinity::Upstream, Affinity::Downstream].iter().all(|&a| {
                let r = caret_rect(s, i, a);
                !reached.contains(&(r[0].round() as i32, r[1].round() as i32))
            })
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{text:?} at width {width:?}: cluster boundaries never reached: {missing:?}"
    );
    for b in &states {
        for (there, back) in [(Motion::Left, Motion::Right), (Motion::Right, Motion::Left)] {
            let mut moved = b.clone();
            moved.apply_motion(s, there, false);
            if spot(s, &moved) == spot(s, b) {
                continue; // at the edge: nowhere to go
            }
            moved.apply_motion(s, back, false);
            assert_eq!(
                spot(s, &moved),
                spot(s, b),
                "{text:?} at width {width:?}: {there:?} then {back:?} from {:?} came back to {:?}",
                b.caret(),
                moved.caret()
            );
        }
    }
}

#[test]
fn every_cluster_boundary_is_reachable_and_arrows_return() {
    for t in STRINGS {
        check(t, None);
    }
}

#[test]
fn the_same_holds_over_wrapped_lines() {
    for t in STRINGS {
        check(t, Some(260.0));
    }
}

mod random_edits {
    use gahnegar::text::edit::{Delete, EditBuffer, Motion, caret_rect, hit};
    use gahnegar::text::{TextEngine, TextJob};
    use parley::Affinity;
    use proptest::prelude::*;

    /// Characters that stress the editor: Persian and Latin letters, digits of both
    /// scripts, ZWNJ, a vowel mark, tatweel, spaces, line breaks, brackets, an emoji, and
    /// explicit direction controls.
    const CHARS: &[char] = &[
        'س', 'ل', 'ا', 'م', 'ی', 'ه', 'a', 'B', 'z', '1', '۲', '۹', '\u{200c}', '\u{064e}', 'ـ',
        ' ', '\n', '(', ')', '«', '»', '.', '،', '😀', '\u{202b}', '\u{2069}', '\u{2067}',
    ];

    #[derive(Clone, Debug)]
    enum Op {
        Move(usize, bool),
        Type(String),
        Paste(String),
        Delete(usize),
        Click(f32, f32, bool),
        Word(usize),
        Line(usize),
        All,
        Undo,
        Redo,
        Cut,
        Preedit(String),
        Commit(String),
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(CHARS), 0..24)
            .prop_map(|v| v.into_iter().collect())
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..10usize, any::<bool>()).prop_map(|(m, e)| Op::Move(m, e)),
            text().prop_map(Op::Type),
            text().prop_map(Op::Paste),
            (0..4usize).prop_map(Op::Delete),
            (-20.0f32..400.0, -10.0f32..120.0, any::<bool>())
                .prop_map(|(x, y, e)| Op::Click(x, y, e)),
            (0..64usize).prop_map(Op::Word),
            (0..64usize).prop_map(Op::Line),
            Just(Op::All),
            Just(Op::Undo),
            Just(Op::Redo),
            Just(Op::Cut),
            text().prop_map(Op::Preedit),
            text().prop_map(Op::Commit),
        ]
    }

    const MOTIONS: [Motion; 10] = [
        Motion::Left,
        Motion::Right,
        Motion::WordLeft,
        Motion::WordRight,
        Motion::LineStart,
        Motion::LineEnd,
        Motion::Up,
        Motion::Down,
        Motion::TextStart,
        Motion::TextEnd,
    ];
    const DELETES: [Delete; 4] = [
        Delete::Back,
        Delete::Forward,
        Delete::WordBack,
        Delete::WordForward,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_edit_sequence_keeps_a_valid_selection(
            start in text(),
            ops in proptest::collection::vec(op(), 0..30),
            multiline in any::<bool>(),
            wrap in proptest::option::of(40.0f32..300.0),
        ) {
            let mut eng = TextEngine::new();
            let mut b = EditBuffer::new(&start);
            b.multiline = multiline;
            for op in ops {
                let job = TextJob::new(b.text().to_owned()).size(16.0);
                let s = eng.layout(&job, wrap, 1.0);
                let i = b.caret().0;
                match op {
                    Op::Move(m, e) => b.apply_motion(s, MOTIONS[m], e),
                    Op::Type(t) => { b.insert(&t); }
                    Op::Paste(t) => { b.paste(&t); }
                    Op::Delete(d) => { b.delete(s, DELETES[d]); }
                    Op::Click(x, y, e) => {
                        let (i, a) = hit(s, x, y);
                        b.place(s, i, a, e);
                    }
                    Op::Word(k) => b.select_word_at(s, k.min(i + k)),
                    Op::Line(k) => b.select_line_at(s, k),
                    Op::All => b.select_all(s),
                    Op::Undo => { b.undo(); }
                    Op::Redo => { b.redo(); }
                    Op::Cut => { b.cut(); }
                    Op::Preedit(t) => b.set_preedit(&t),
                    Op::Commit(t) => { b.commit(&t); }
                }
                let t = b.text();
                let r = b.selection();
                prop_assert!(r.end <= t.len(), "selection {r:?} past the text {t:?}");
                prop_assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
                prop_assert!(t.is_char_boundary(b.caret().0));
                // (The starting text is the caller's; what is typed or pasted is the field's.)
                if !multiline && !start.contains('\n') {
                    prop_assert!(!t.contains('\n'), "a line break in a single-line field");
                }
                let job = TextJob::new(t.to_owned()).size(16.0);
                let s = eng.layout(&job, wrap, 1.0);
                let c = caret_rect(s, b.caret().0, b.caret().1);
                prop_assert!(c.iter().all(|v| v.is_finite()));
                let _ = caret_rect(s, b.anchor(), Affinity::Downstream);
            }
        }
    }
}
