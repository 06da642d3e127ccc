//! The Unicode bidirectional algorithm's line-level rules (UAX #9 L1 and L2) over the
//! resolved levels that `unicode-bidi` computes for a paragraph.
//!
//! parley 0.12 resolves levels and reorders runs itself, but skips rule L1 (trailing
//! whitespace and isolates return to the paragraph level), so spaces at soft wraps land
//! on the wrong side of right-to-left runs. The engine therefore takes levels from here
//! and orders each line's clusters itself.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level};

/// Resolved embedding levels of a text, per byte, before line-level rules.
#[derive(Clone, Debug, Default)]
pub struct BidiLevels {
    /// Level of each byte (all bytes of a char share its level).
    levels: Vec<u8>,
    /// Original bidi class of each byte.
    classes: Vec<BidiClass>,
    /// Paragraphs: byte range and paragraph level.
    paragraphs: Vec<(Range<usize>, u8)>,
}

impl BidiLevels {
    /// Resolves `text` with paragraph level 1 (`rtl`) or 0, or from its first strong
    /// character when `base` is `None` (rules P2–P3; level 0 when it has none).
    pub fn new(text: &str, base: Option<bool>) -> Self {
        let default = base.map(|rtl| if rtl { Level::rtl() } else { Level::ltr() });
        let info = BidiInfo::new(text, default);
        Self {
            levels: info.levels.iter().map(Level::number).collect(),
            classes: info.original_classes.clone(),
            paragraphs: info
                .paragraphs
                .iter()
                .map(|p| (p.range.clone(), p.level.number()))
                .collect(),
        }
    }

    /// The level of the paragraph containing byte `at` (0 for an empty text).
    pub fn paragraph_level(&self, at: usize) -> u8 {
        self.paragraphs
            .iter()
            .find(|(r, _)| r.contains(&at))
            .or(self.paragraphs.last())
            .map_or(0, |(_, l)| *l)
    }

    /// Levels of the bytes of `line` (a range of the text on char boundaries) after rule L1:
    /// segment and paragraph separators, and whitespace and isolate controls before them or
    /// at the end of the line, take the paragraph level. Characters removed by rule X9
    /// (embedding controls, boundary neutrals) inside such a sequence are part of it.
    pub fn line_levels(&self, text: &str, line: Range<usize>) -> Vec<u8> {
        let want = line.len();
        let end = line.end.min(self.levels.len()).min(text.len());
        let line = line.start.min(end)..end;
        let para = self.paragraph_level(line.start);
        let mut out = self.levels[line.clone()].to_vec();
        let base = line.start;
        let mut reset_from: Option<usize> = None;
        for (i, _) in text[line.clone()].char_indices() {
            let at = base + i;
            match self.classes[at] {
                BidiClass::B | BidiClass::S => {
                    let from = reset_from.unwrap_or(at) - base;
                    let to = next_char_boundary(text, at) - base;
                    out[from..to].fill(para);
                    reset_from = None;
                }
                c if is_l1_trailing(c) => {
                    reset_from.get_or_insert(at);
                }
                _ => reset_from = None,
            }
        }
        if let Some(from) = reset_from {
            out[from - base..].fill(para);
        }
        // A line reaching past the resolved text (never for valid input) gets the paragraph level.
        out.resize(want.max(out.len()), para);
        out
    }

    /// Whether the byte's class is removed by rule X9 (it has no place in the visual order).
    pub fn is_removed_by_x9(&self, at: usize) -> bool {
        self.classes.get(at).is_some_and(|c| removed_by_x9(*c))
    }
}

fn next_char_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

fn removed_by_x9(c: BidiClass) -> bool {
    matches!(
        c,
        BidiClass::RLE
            | BidiClass::LRE
            | BidiClass::RLO
            | BidiClass::LRO
            | BidiClass::PDF
            | BidiClass::BN
    )
}

fn is_l1_trailing(c: BidiClass) -> bool {
    matches!(
        c,
        BidiClass::WS | BidiClass::FSI | BidiClass::LRI | BidiClass::RLI | BidiClass::PDI
    ) || removed_by_x9(c)
}

/// Rule L2: the visual order of items with the given levels (in logical order).
/// Returns logical indices in left-to-right visual order.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&max) = levels.iter().max() else {
        return order;
    };
    let min_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(max + 1);
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l2_reverses_rtl_runs() {
        let cases: &[(&[u8], &[usize])] = &[
            (&[0, 0, 0], &[0, 1, 2]),
            (&[1, 1, 1], &[2, 1, 0]),
            (&[1, 2, 2, 1], &[3, 1, 2, 0]),
            (&[0, 1, 1, 0], &[0, 2, 1, 3]),
            (&[], &[]),
        ];
        for (levels, want) in cases {
            assert_eq!(visual_order(levels), *want, "levels {levels:?}");
        }
    }

    #[test]
    fn l1_matches_unicode_bidi_on_line_ranges() {
        // Latin words inside a Persian paragraph, broken into arbitrary lines.
        let text = "گزارش Israel Hayom Times و \t INSS  گفت. ";
        let levels = BidiLevels::new(text, Some(true));
        let info = BidiInfo::new(text, Some(Level::rtl()));
        let para = &info.paragraphs[0];
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for (a, &s) in bounds.iter().enumerate() {
            for &e in &bounds[a + 1..] {
                let want: Vec<u8> = info.reordered_levels(para, s..e)[s..e]
                    .iter()
                    .map(Level::number)
                    .collect();
                assert_eq!(
                    levels.line_levels(text, s..e),
                    want,
                    "line {s}..{e}: {:?}",
                    &text[s..e]
                );
            }
        }
    }
}
