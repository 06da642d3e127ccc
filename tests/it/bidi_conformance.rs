//! Conformance of the text engine's line ordering with Unicode's own bidi test files,
//! `BidiTest.txt` and `BidiCharacterTest.txt` (Debian package `unicode-data`). Each case
//! is laid out through the engine (parley shaping + the engine's L1/L2) and both the
//! resolved level of each character and the visual order compared with the file's. The
//! files' Unicode version is checked against the one the bidi crate implements.

use std::path::Path;

use gahnegar::text::bidi::BidiLevels;
use gahnegar::text::{Align, Direction, ShapedText, TextJob, fonts};

const DIR: &str = "/usr/share/unicode";

/// Pairs of (data files' version, `unicode_bidi::UNICODE_VERSION`) accepted although they
/// differ, each checked by hand. Debian 13's `unicode-data` is 15.0.0 while unicode-bidi
/// 0.3.18 implements 16.0.0: UAX #9 itself did not change between them, and every case of
/// the 15.0.0 files passes. A new pair (a crate or package update) fails until reviewed.
const ACCEPTED_VERSION_PAIRS: &[(Version, Version)] = &[((15, 0, 0), (16, 0, 0))];

/// A Unicode version, as `unicode_bidi::UNICODE_VERSION` gives it.
type Version = (u64, u64, u64);

/// A conformance file's text, after checking that its version (its first line,
/// `# NAME-X.Y.Z.txt`) is the one the bidi crate implements or an accepted pair.
fn read(name: &str) -> String {
    let path = Path::new(DIR).join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Install Debian's unicode-data package (scripts/test.sh does).",
            path.display()
        )
    });
    let stem = name.trim_end_matches(".txt");
    let version = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# "))
        .and_then(|l| l.strip_prefix(stem))
        .and_then(|l| l.strip_prefix('-'))
        .and_then(|l| l.strip_suffix(".txt"))
        .and_then(|v| {
            let mut parts = v.split('.').map(str::parse::<u64>);
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(Ok(a)), Some(Ok(b)), Some(Ok(c)), None) => Some((a, b, c)),
                _ => None,
            }
        })
        .unwrap_or_else(|| {
            panic!(
                "{}: no version in its first line `# {stem}-X.Y.Z.txt`",
                path.display()
            )
        });
    let crate_version = unicode_bidi::UNICODE_VERSION;
    assert!(
        version == crate_version || ACCEPTED_VERSION_PAIRS.contains(&(version, crate_version)),
        "{} is Unicode {version:?} but unicode-bidi implements Unicode {crate_version:?}: \
         install the matching files, or review the difference and add the pair to \
         ACCEPTED_VERSION_PAIRS",
        path.display()
    );
    text
}

/// A levels field: one entry per character, `x` (removed by rule X9) as `None`.
fn parse_levels(field: &str, line: &str) -> Vec<Option<u8>> {
    field
        .split_whitespace()
        .map(|l| {
            if l == "x" {
                None
            } else {
                Some(
                    l.parse()
                        .unwrap_or_else(|e| panic!("{line}: level {l}: {e}")),
                )
            }
        })
        .collect()
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
    /// out characters removed by rule X9, and the level (after L1) of each character, `None`
    /// for those removed by X9.
    fn visual(&mut self, text: &str, direction: Direction) -> (Vec<usize>, Vec<Option<u8>>) {
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
        let mut char_levels = vec![None; char_index.len()];
        for line in &shaped.lines {
            for c in &line.clusters {
                let mut chars: Vec<usize> = text[c.text_range.clone()]
                    .char_indices()
                    .map(|(b, _)| c.text_range.start + b)
                    .filter(|&b| !levels.is_removed_by_x9(b))
                    .map(|b| char_index[&b])
                    .collect();
                for &i in &chars {
                    char_levels[i] = Some(c.level);
                }
                if c.is_rtl() {
                    chars.reverse();
                }
                out.extend(chars);
            }
        }
        (out, char_levels)
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
    let mut want_levels: Vec<Option<u8>> = Vec::new();
    let mut levels_seen = false;
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
        if let Some(l) = line.strip_prefix("@Levels:") {
            want_levels = parse_levels(l, line);
            levels_seen = true;
            continue;
        }
        if line.starts_with('@') {
            panic!("unknown directive: {line}");
        }
        assert!(levels_seen, "a test case before any @Levels line: {line}");
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
            let (got, got_levels) = eng.visual(&text, dir);
            if got == reorder && got_levels == want_levels {
                pass += 1;
            } else if failures.len() < 10 {
                failures.push(format!(
                    "{classes} ({dir:?}): want {reorder:?} levels {want_levels:?}, got {got:?} \
                     levels {got_levels:?}"
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
        assert!(
            fields.len() == 5,
            "a line of {} fields: {line}",
            fields.len()
        );
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
            "2" => Direction::Auto,
            other => panic!("unknown paragraph direction {other:?}: {line}"),
        };
        let want_levels = parse_levels(fields[3], line);
        let want: Vec<usize> = fields[4]
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        total += 1;
        let (got, got_levels) = eng.visual(&text, dir);
        if got == want && got_levels == want_levels {
            pass += 1;
        } else if failures.len() < 10 {
            failures.push(format!(
                "{} ({dir:?}): want {want:?} levels {want_levels:?}, got {got:?} levels \
                 {got_levels:?}",
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
