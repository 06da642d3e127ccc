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
