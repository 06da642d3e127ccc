//! Conformance of the text engine's line ordering with Unicode's own bidi test files,
//! `BidiTest.txt` and `BidiCharacterTest.txt` (Debian package `unicode-data`). Each case
//! is laid out through the engine (parley shaping + the engine's L1/L2) and the visual
//! order of its characters compared with the file's.

use std::path::Path;

use gahnegar::text::bidi::BidiLevels;
use gahnegar::text::{Align, Direction, ShapedText, TextJob, fonts};

const DIR: &str = "/usr/share/unicode";

fn read(name: &str) -> String {
    let path = Path::new(DIR).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Install Debian's unicode-data package (.ci/run does).",
            path.display()
        )
    })
}

struct Engine {
    fcx: parley::FontContext,
    lcx: parley::LayoutContext<()>,
}

impl Engine {
    fn new() -> Self {
        Self {
            fcx: fonts::font_context(),
            lcx: parley::LayoutContext::new(),
        }
    }

    /// Visual order (char indices, left to right) of `text` laid out on one line, leaving
    /// out characters removed by rule X9.
    fn visual(&mut self, text: &str, direction: Direction) -> Vec<usize> {
        let mut job = TextJob::new(text).direction(direction);
        job.auto_fallback_rtl = false;
        let mut shaped = ShapedText::shape(&mut self.fcx, &mut self.lcx, &job, 1.0);
        shaped.break_lines(None, Align::Start);
        let rtl = shaped.rtl;
        let levels = BidiLevels::new(text, Some(rtl));
        let char_index: std::collections::HashMap<usize, usize> = text
            .char_indices()
            .enumerate()
            .map(|(n, (b, _))| (b, n))
            .collect();
        let mut out = Vec::new();
        for line in &shaped.lines {
            for c in &line.clusters {
                let mut chars: Vec<usize> = text[c.text_range.clone()]
                    .char_indices()
                    .map(|(b, _)| c.text_range.start + b)
                    .filter(|&b| !levels.is_removed_by_x9(b))
                    .map(|b| char_index[&b])
                    .collect();
                if c.is_rtl() {
                    chars.reverse();
                }
                out.extend(chars);
            }
        }
        out
    }
}

fn class_char(class: &str) -> Option<char> {
    Some(match class {
        "L" => 'a',
        "R" => '\u{05D0}',
        "AL" => '\u{0627}',
        "EN" => '1',
        "ES" => '+',
        "ET" => '$',
        "AN" => '\u{0661}',
        "CS" => ',',
        "NSM" => '\u{0300}',
        "BN" => '\u{200B}',
        "B" => '\u{2029}',
        "S" => '\t',
        "WS" => ' ',
        "ON" => '!',
        "LRE" => '\u{202A}',
        "LRO" => '\u{202D}',
        "RLE" => '\u{202B}',
        "RLO" => '\u{202E}',
        "PDF" => '\u{202C}',
        "LRI" => '\u{2066}',
        "RLI" => '\u{2067}',
        "FSI" => '\u{2068}',
        "PDI" => '\u{2069}',
        _ => return None,
    })
}

#[test]
fn bidi_test_txt() {
    let data = read("BidiTest.txt");
    let mut eng = Engine::new();
    let mut reorder: Vec<usize> = Vec::new();
    let (mut pass, mut total) = (0usize, 0usize);
    let mut failures = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(r) = line.strip_prefix("@Reorder:") {
            reorder = r
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            continue;
        }
        if line.starts_with('@') {
            continue;
        }
        let Some((classes, bits)) = line.split_once(';') else {
            continue;
        };
        let text: String = classes
            .split_whitespace()
            .map(|c| class_char(c).unwrap_or_else(|| panic!("class {c}")))
            .collect();
        let bits: u8 = bits
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{line}: {e}"));
        for (bit, dir) in [
            (1, Direction::Auto),
            (2, Direction::Ltr),
            (4, Direction::Rtl),
        ] {
            if bits & bit == 0 {
                continue;
            }
            total += 1;
            let got = eng.visual(&text, dir);
            if got == reorder {
                pass += 1;
            } else if failures.len() < 10 {
                failures.push(format!(
                    "{classes} ({dir:?}): want {reorder:?}, got {got:?}"
                ));
            }
        }
    }
    eprintln!("BidiTest.txt: {pass} of {total} cases pass");
    assert!(
        total > 700_000,
        "the file should have about 770,000 cases, read {total}"
    );
    assert_eq!(
        pass,
        total,
        "failures, first ones:\n{}",
        failures.join("\n")
    );
}

#[test]
fn bidi_character_test_txt() {
    let data = read("BidiCharacterTest.txt");
    let mut eng = Engine::new();
    let (mut pass, mut total) = (0usize, 0usize);
    let mut failures = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        if fields.len() < 5 {
            continue;
        }
        let text: String = fields[0]
            .split_whitespace()
            .map(|h| {
                u32::from_str_radix(h, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("{line}"))
            })
            .collect();
        let dir = match fields[1].trim() {
            "0" => Direction::Ltr,
            "1" => Direction::Rtl,
            _ => Direction::Auto,
        };
        let want: Vec<usize> = fields[4]
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        total += 1;
        let got = eng.visual(&text, dir);
        if got == want {
            pass += 1;
        } else if failures.len() < 10 {
            failures.push(format!(
                "{} ({dir:?}): want {want:?}, got {got:?}",
                fields[0]
            ));
        }
    }
    eprintln!("BidiCharacterTest.txt: {pass} of {total} lines pass");
    assert!(
        total > 90_000,
        "the file should have about 91,700 lines, read {total}"
    );
    assert_eq!(
        pass,
        total,
        "failures, first ones:\n{}",
        failures.join("\n")
    );
}
