//! Re-anchoring: finding an article's anchors, made on its old text, in its new text (after
//! a re-import of a changed file), the way Hypothesis re-attaches annotations:
//!
//! 1. **exact**: occurrences of the quote in the new text; the one whose surroundings match
//!    the anchor's `prefix`/`suffix` best wins, ties going to the one nearest where the
//!    quote stood before;
//! 2. **context**: the quote itself was edited, but the text just before and just after it
//!    is still there, close together: the anchor takes what now stands between them;
//! 3. **fuzzy**: the closest approximate occurrence of the quote (edit distance at most a
//!    fifth of its length) in a bounded window around where it is expected, which is
//!    placed by the nearest anchor before it that was found exactly.
//!
//! An anchor none of these finds is an orphan: the caller keeps it and lists it.
//!
//! Work stays near linear in the text and the number of anchors: every quote and context
//! string is found in one pass over the new text (an Aho–Corasick automaton), each anchor
//! then weighs at most [`MAX_CANDIDATES`] occurrences, and the fuzzy step looks only at a
//! window a few times the quote's length. [`reanchor_work`] counts that work for tests.

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use super::{Anchor, Block};

thread_local! {
    static WORK: Cell<usize> = const { Cell::new(0) };
}

fn count(units: usize) {
    WORK.with(|c| c.set(c.get().saturating_add(units)));
}

/// Work [`reanchor`] has done so far on this thread: bytes of text scanned, characters of
/// context compared and cells of the fuzzy matcher's table (a count, not a timing).
pub fn reanchor_work() -> usize {
    WORK.with(Cell::get)
}

/// Most occurrences of one quote weighed for one anchor, nearest to its expected place
/// first: a quote as common as a single word cannot make many anchors quadratic.
pub const MAX_CANDIDATES: usize = 256;

/// Longest quote (in characters) matched approximately as a whole; a longer one is found
/// by its first and last [`FUZZY_END`] characters.
pub const MAX_FUZZY: usize = 256;

/// Characters at each end of a long quote that the fuzzy step matches.
pub const FUZZY_END: usize = 64;

/// Shortest quote (in characters) matched approximately: a short date or name that was
/// changed is a different date or name, not the same one misspelt.
pub const MIN_FUZZY: usize = 8;

/// Shortest context (in characters) that the context step trusts.
const MIN_CONTEXT: usize = 4;

/// How an anchor was found again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// Its quote, unchanged.
    Exact,
    /// Between its unchanged context: the quote was edited.
    Context,
    /// An approximate occurrence of its quote.
    Fuzzy,
}

/// Where an anchor stands in the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Index of the block in the new blocks.
    pub block: usize,
    /// Byte range in that block's text.
    pub range: Range<usize>,
    pub how: How,
}

/// Blocks joined into one text, one `\n` between two blocks, with each block's start.
struct Doc<'a> {
    blocks: &'a [Block],
    starts: Vec<usize>,
    text: String,
}

impl<'a> Doc<'a> {
    fn new(blocks: &'a [Block]) -> Self {
        let mut text = String::with_capacity(blocks.iter().map(|b| b.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(blocks.len());
        for b in blocks {
            starts.push(text.len());
            text.push_str(&b.text);
            text.push('\n');
        }
        Self {
            blocks,
            starts,
            text,
        }
    }

    /// The block holding document byte `at` (the last block for the end).
    fn block_at(&self, at: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// Block and in-block range of document range `r`, if it lies inside one block.
    fn local(&self, r: &Range<usize>) -> Option<(usize, Range<usize>)> {
        let b = self.block_at(r.start);
        let start = *self.starts.get(b)?;
        let len = self.blocks[b].text.len();
        (r.end <= start + len).then(|| (b, r.start - start..r.end - start))
    }
}

/// Number of chars that `a` and `b` share at their ends, counted as compared.
fn common_suffix(a: &str, b: &str) -> usize {
    let n = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    count(n + 1);
    n
}

/// Number of chars that `a` and `b` share at their starts, counted as compared.
fn common_prefix(a: &str, b: &str) -> usize {
    let n = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    count(n + 1);
    n
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let at = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 { "" } else { &s[at..] }
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> &str {
    let at = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..at]
}

/// Indices of `positions` (sorted) in order of distance from `expected`, nearest first,
/// at most [`MAX_CANDIDATES`].
fn nearest(positions: &[usize], expected: usize) -> impl Iterator<Item = usize> + '_ {
    let split = positions.partition_point(|&p| p < expected);
    let (mut lo, mut hi) = (split, split);
    std::iter::from_fn(move || {
        let left = lo.checked_sub(1).map(|i| (expected - positions[i], i));
        let right = positions.get(hi).map(|&p| (p - expected, hi));
        match (left, right) {
            (Some(l), Some(r)) if l.0 <= r.0 => {
                lo -= 1;
                Some(l.1)
            }
            (_, Some(r)) => {
                hi += 1;
                Some(r.1)
            }
            (Some(l), None) => {
                lo -= 1;
                Some(l.1)
            }
            (None, None) => None,
        }
    })
    .take(MAX_CANDIDATES)
}

/// Finds `anchors`, made on the text of `old` blocks, in the text of `new` blocks: one
/// answer per anchor, in order, `None` for an orphan. An anchor whose block is not among
/// the old ones (or whose quote is no longer there) is looked for all the same, expected
/// where its hint puts it.
pub fn reanchor<'a>(old: &[Block], new: &[Block], anchors: &[&'a Anchor]) -> Vec<Option<Found>> {
    let old_doc = Doc::new(old);
    let new_doc = Doc::new(new);
    if new.is_empty() {
        return vec![None; anchors.len()];
    }
    let old_index: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .rev()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    // Where each quote stood in the old document.
    let old_pos: Vec<usize> = anchors
        .iter()
        .map(|a| match old_index.get(a.block.as_str()) {
            Some(&i) => {
                let text = &old[i].text;
                let local = a
                    .resolve(text)
                    .map_or_else(|| a.at.unwrap_or(0).min(text.len()), |r| r.start);
                old_doc.starts[i] + local
            }
            None => a.at.unwrap_or(0),
        })
        .collect();

    // Every quote and every long enough context, found in one pass: its occurrences'
    // starts, in document order.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut intern = |s: &'a str| -> Option<usize> {
        if s.is_empty() {
            return None;
        }
        let next = patterns.len();
        let id = *ids.entry(s).or_insert(next);
        if id == next {
            patterns.push(s);
        }
        Some(id)
    };
    let keys: Vec<Keys> = anchors
        .iter()
        .map(|&a| {
            let prefix = tail(&a.prefix, super::anchor::CONTEXT_CHARS);
            let suffix = head(&a.suffix, super::anchor::CONTEXT_CHARS);
            let trusted = |c: &str| c.chars().count() >= MIN_CONTEXT;
            Keys {
                exact: intern(&a.exact),
                prefix: if trusted(prefix) {
                    intern(prefix)
                } else {
                    None
                },
                suffix: if trusted(suffix) {
                    intern(suffix)
                } else {
                    None
                },
            }
        })
        .collect();
    let mut found_at: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
    if !patterns.is_empty() {
        // An automaton too big to build leaves the fuzzy step alone to find anchors.
        if let Ok(ac) = AhoCorasick::new(&patterns) {
            count(new_doc.text.len());
            for m in ac.find_overlapping_iter(&new_doc.text) {
                count(1);
                found_at[m.pattern().as_usize()].push(m.start());
            }
        }
    }
    for list in &mut found_at {
        // Reported by end; one pattern's ends and starts are in the same order.
        debug_assert!(list.is_sorted());
    }

    // Expected where it stood before (as Hypothesis does); context decides first.
    let new_len = new_doc.text.len();
    let mut out: Vec<Option<Found>> = anchors
        .iter()
        .zip(&keys)
        .zip(&old_pos)
        .map(|((a, k), &p)| {
            let positions = &found_at[k.exact?];
            best_exact(&new_doc, a, positions, p.min(new_len))
        })
        .collect();

    // Where the others are expected: as far from the nearest exactly found anchor before
    // them as they were in the old text.
    let mut pairs: Vec<(usize, usize)> = out
        .iter()
        .zip(&old_pos)
        .filter_map(|(f, &p)| {
            f.as_ref()
                .map(|f| (p, new_doc.starts[f.block] + f.range.start))
        })
        .collect();
    pairs.sort_unstable();
    for (i, a) in anchors.iter().enumerate() {
        if out[i].is_some() || a.exact.is_empty() {
            continue;
        }
        let p = old_pos[i];
        let k = pairs.partition_point(|&(o, _)| o <= p);
        let expected = match k.checked_sub(1) {
            Some(k) => (pairs[k].1 + (p - pairs[k].0)).min(new_len),
            None => p.min(new_len),
        };
        out[i] = by_context(&new_doc, a, &keys[i], &found_at, expected)
            .or_else(|| fuzzy(&new_doc, a, expected));
    }
    out
}

/// Pattern ids of an anchor's quote and trusted context.
struct Keys {
    exact: Option<usize>,
    prefix: Option<usize>,
    suffix: Option<usize>,
}

/// Of the occurrences (document starts) of `a.exact`, the one inside a block whose context
/// matches best, nearest to `expected` among equals.
fn best_exact(doc: &Doc, a: &Anchor, positions: &[usize], expected: usize) -> Option<Found> {
    let full = a.prefix.chars().count() + a.suffix.chars().count();
    let mut best: Option<(usize, usize, Range<usize>)> = None;
    for i in nearest(positions, expected) {
        let start = positions[i];
        let Some((b, r)) = doc.local(&(start..start + a.exact.len())) else {
            continue;
        };
        let text = &doc.blocks[b].text;
        let score =
            common_suffix(&text[..r.start], &a.prefix) + common_prefix(&text[r.end..], &a.suffix);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, b, r));
        }
        // Nearest first: no later occurrence can do better than the whole context.
        if score == full {
            break;
        }
    }
    best.map(|(_, block, range)| Found {
        block,
        range,
        how: How::Exact,
    })
}

/// The text between the anchor's prefix and suffix, where both stand close together in
/// one block near `expected`.
fn by_context(
    doc: &Doc,
    a: &Anchor,
    keys: &Keys,
    found_at: &[Vec<usize>],
    expected: usize,
) -> Option<Found> {
    let max_gap = 2 * a.exact.len() + 64;
    let found = |from: usize, to: usize| {
        (to > from && to - from <= max_gap)
            .then(|| doc.local(&(from..to)))
            .flatten()
            .map(|(block, range)| Found {
                block,
                range,
                how: How::Context,
            })
    };
    match (keys.prefix, keys.suffix) {
        (Some(p), Some(s)) => {
            let prefix_len = tail(&a.prefix, super::anchor::CONTEXT_CHARS).len();
            let suffix_at = &found_at[s];
            nearest(&found_at[p], expected.saturating_sub(prefix_len)).find_map(|i| {
                let from = found_at[p][i] + prefix_len;
                let to = *suffix_at.get(suffix_at.partition_point(|&x| x < from))?;
                found(from, to)
            })
        }
        // A quote that began its block: from the block's start to its suffix.
        (None, Some(s)) if a.prefix.is_empty() => nearest(&found_at[s], expected + a.exact.len())
            .find_map(|i| {
                let to = found_at[s][i];
                found(doc.starts[doc.block_at(to)], to)
            }),
        // A quote that ended its block: from its prefix to the block's end.
        (Some(p), None) if a.suffix.is_empty() => {
            let prefix_len = tail(&a.prefix, super::anchor::CONTEXT_CHARS).len();
            nearest(&found_at[p], expected.saturating_sub(prefix_len)).find_map(|i| {
                let from = found_at[p][i] + prefix_len;
                let b = doc.block_at(from);
                found(from, doc.starts[b] + doc.blocks[b].text.len())
            })
        }
        _ => None,
    }
}

/// The closest approximate occurrence of the quote near `expected`, within a fifth of its
/// length in edits; a long quote by its two ends.
fn fuzzy(doc: &Doc, a: &Anchor, expected: usize) -> Option<Found> {
    let chars = a.exact.chars().count();
    if chars < MIN_FUZZY {
        return None;
    }
    if chars <= MAX_FUZZY {
        return approx(doc, &a.exact, expected, a.exact.len()).map(|(block, range)| Found {
            block,
            range,
            how: How::Fuzzy,
        });
    }
    let (first, last) = (head(&a.exact, FUZZY_END), tail(&a.exact, FUZZY_END));
    let (b1, r1) = approx(doc, first, expected, first.len())?;
    let end_expected = doc.starts[b1] + r1.start + a.exact.len() - last.len();
    let (b2, r2) = approx(doc, last, end_expected, a.exact.len())?;
    let len = r2.end.checked_sub(r1.start)?;
    (b1 == b2 && len >= a.exact.len() / 2 && len <= 2 * a.exact.len()).then_some(Found {
        block: b1,
        range: r1.start..r2.end,
        how: How::Fuzzy,
    })
}

/// The best approximate occurrence of `pattern` in a window of `slack` bytes (plus some)
/// either side of document byte `expected`, searched block by block: (block, range).
fn approx(
    doc: &Doc,
    pattern: &str,
    expected: usize,
    slack: usize,
) -> Option<(usize, Range<usize>)> {
    // The window: the pattern's own place, `slack` either side, and twice the pattern.
    let reach = slack + 2 * pattern.len() + 256;
    let lo = expected.saturating_sub(reach);
    let hi = expected
        .saturating_add(pattern.len() + reach)
        .min(doc.text.len());
    let pattern: Vec<char> = pattern.chars().collect();
    let max_dist = pattern.len() / 5;
    let mut best: Option<(usize, usize, usize, Range<usize>)> = None;
    let mut b = doc.block_at(lo);
    while b < doc.blocks.len() && doc.starts[b] < hi {
        let start = doc.starts[b];
        let text = &doc.blocks[b].text;
        let (from, to) = (
            lo.saturating_sub(start),
            hi.saturating_sub(start).min(text.len()),
        );
        if from < to {
            let (from, to) = (floor(text, from), floor(text, to));
            let target = expected.saturating_sub(start + from);
            if let Some((dist, r)) = sellers(&pattern, &text[from..to], target) {
                let r = r.start + from..r.end + from;
                let off = (start + r.start).abs_diff(expected);
                if dist <= max_dist
                    && best
                        .as_ref()
                        .is_none_or(|(d, o, _, _)| (dist, off) < (*d, *o))
                {
                    best = Some((dist, off, b, r));
                }
            }
        }
        b += 1;
    }
    best.map(|(_, _, b, r)| (b, r))
}

/// `i` moved down to a character boundary of `s`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sellers' algorithm: the substring of `text` nearest to `pattern` in edit distance
/// (Levenshtein, the start free): (distance, byte range in `text`), among equals the one
/// starting nearest to byte `target`. Time `pattern × text` in characters, space `pattern`. Hand-written: no crate
/// in the tree searches approximately within a text (strsim compares whole strings), and
/// this is twenty lines over a window of a few hundred characters.
fn sellers(pattern: &[char], text: &str, target: usize) -> Option<(usize, Range<usize>)> {
    let m = pattern.len();
    if m == 0 {
        return None;
    }
    // Column of distances and, for each, the byte where its match starts.
    let mut dist: Vec<usize> = (0..=m).collect();
    let mut from: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, Range<usize>)> = None;
    for (at, c) in text.char_indices() {
        count(m);
        let (mut diag, mut diag_from) = (dist[0], at);
        dist[0] = 0;
        from[0] = at + c.len_utf8();
        for i in 1..=m {
            let (up, up_from) = (dist[i], from[i]);
            let sub = diag + usize::from(pattern[i - 1] != c);
            let (mut d, mut f) = (sub, diag_from);
            if up + 1 < d {
                (d, f) = (up + 1, up_from);
            }
            if dist[i - 1] + 1 < d {
                (d, f) = (dist[i - 1] + 1, from[i - 1]);
            }
            (diag, diag_from) = (up, up_from);
            dist[i] = d;
            from[i] = f;
        }
        let end = at + c.len_utf8();
        let key = (dist[m], from[m].abs_diff(target));
        if best
            .as_ref()
            .is_none_or(|(d, r)| key < (*d, r.start.abs_diff(target)))
        {
            best = Some((dist[m], from[m]..end));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Block {
                id: format!("p{}", i + 1),
                kind: BlockKind::Paragraph,
                text: (*t).to_owned(),
                sidebar: false,
                page: None,
            })
            .collect()
    }

    /// An anchor on the `nth` occurrence of `quote` in block `block` of `b`.
    fn on(b: &[Block], block: usize, quote: &str, nth: usize) -> Anchor {
        let text = &b[block].text;
        let (at, _) = text
            .match_indices(quote)
            .nth(nth)
            .unwrap_or_else(|| panic!("{quote} #{nth} not in {text}"));
        Anchor::from_range(b[block].id.clone(), text, at..at + quote.len())
    }

    /// Where each anchor is found: (block, text found, how).
    fn find(old: &[Block], new: &[Block], anchors: &[Anchor]) -> Vec<Option<(usize, String, How)>> {
        let refs: Vec<&Anchor> = anchors.iter().collect();
        reanchor(old, new, &refs)
            .into_iter()
            .map(|f| f.map(|f| (f.block, new[f.block].text[f.range].to_owned(), f.how)))
            .collect()
    }

    const P1: &str = "در سال ۱۹۹۲ جمهوری آذربایجان با اسرائیل روابط دیپلماتیک برقرار کرد و سفارت اسرائیل در باکو گشایش یافت.";
    const P2: &str =
        "به گزارش آسوشیتدپرس، ارزش مبادلات دو کشور در سال ۲۰۱۲ به چهار میلیارد دلار رسید.";
    const P3: &str = "سرگئی لاوروف، وزیر خارجه روسیه، گفت که مسکو این روند را از نزدیک دنبال می‌کند.";

    #[test]
    fn text_edited_before_and_after_an_anchor_leaves_it_found_exactly() {
        let old = blocks(&[P1, P2, P3]);
        let anchors = [
            on(&old, 1, "ارزش مبادلات دو کشور", 0),
            on(&old, 2, "مسکو", 0),
        ];
        let cases = [
            // A sentence added before the quote, in its block.
            [P1, &format!("در همین حال، {P2}"), P3],
            // Words changed after it.
            [P1, &P2.replace("چهار میلیارد", "پنج میلیارد"), P3],
        ];
        for new in cases {
            let new = blocks(&new);
            let got = find(&old, &new, &anchors);
            assert_eq!(
                got,
                vec![
                    Some((1, "ارزش مبادلات دو کشور".to_owned(), How::Exact)),
                    Some((2, "مسکو".to_owned(), How::Exact)),
                ],
                "{:?}",
                new[1].text
            );
        }
    }

    #[test]
    fn a_paragraph_inserted_before_moves_anchors_to_their_new_blocks() {
        let old = blocks(&[P1, P2, P3]);
        let anchors = [on(&old, 2, "وزیر خارجه روسیه", 0)];
        let new = blocks(&["پاراگرافی تازه در آغاز نوشته.", P1, P2, P3]);
        assert_eq!(
            find(&old, &new, &anchors),
            vec![Some((3, "وزیر خارجه روسیه".to_owned(), How::Exact))]
        );
    }

    #[test]
    fn a_quote_edited_inside_is_found_between_its_context() {
        let old = blocks(&[P1, P2]);
        let anchors = [on(&old, 1, "چهار میلیارد دلار", 0)];
        let new = blocks(&[
            P1,
            &P2.replace("چهار میلیارد دلار", "۴٫۲ میلیارد دلار آمریکا"),
        ]);
        assert_eq!(
            find(&old, &new, &anchors),
            vec![Some((1, "۴٫۲ میلیارد دلار آمریکا".to_owned(), How::Context))]
        );
    }

    #[test]
    fn a_quote_and_its_context_edited_a_little_is_found_approximately() {
        let old = blocks(&[P1, P2]);
        let quote = "جمهوری آذربایجان با اسرائیل روابط دیپلماتیک برقرار کرد";
        let anchors = [on(&old, 0, quote, 0)];
        // A typo fixed in the quote, and the words on both sides rewritten.
        let p1 = P1
            .replace("در سال ۱۹۹۲", "در ۱۹۹۲ میلادی")
            .replace("دیپلماتیک", "دیپلماتیکی")
            .replace("و سفارت", "؛ سپس سفارت");
        let new = blocks(&[&p1, P2]);
        let got = find(&old, &new, &anchors);
        let Some((0, text, How::Fuzzy)) = &got[0] else {
            panic!("{got:?}");
        };
        assert!(
            text.contains("آذربایجان با اسرائیل روابط دیپلماتیکی"),
            "{text}"
        );
    }

    #[test]
    fn duplicate_quotes_keep_their_own_occurrence() {
        let text = "اسرائیل گفت نه. آذربایجان گفت نه. روسیه گفت نه.";
        let old = blocks(&[text]);
        let anchors: Vec<Anchor> = (0..3).map(|n| on(&old, 0, "گفت نه", n)).collect();
        // Text added at the start moves all three; the context tells them apart.
        let moved = format!("در پاسخ به پرسش‌ها، {text}");
        let new = blocks(&[&moved]);
        let refs: Vec<&Anchor> = anchors.iter().collect();
        let got = reanchor(&old, &new, &refs);
        let starts: Vec<usize> = got.iter().flatten().map(|f| f.range.start).collect();
        let want: Vec<usize> = moved.match_indices("گفت نه").map(|(i, _)| i).collect();
        assert_eq!(starts, want);
        // The same sentence twice with the same context: the one nearest the old place.
        let twice = "گفت نه. گفت نه. گفت نه. گفت نه. گفت نه.";
        let old = blocks(&[twice]);
        let anchor = on(&old, 0, "گفت نه", 4);
        let new = blocks(&[&format!("{twice} گفت نه.")]);
        let got = reanchor(&old, &new, &[&anchor]);
        assert_eq!(
            got[0].as_ref().map(|f| f.range.start),
            twice.match_indices("گفت نه").nth(4).map(|(i, _)| i),
            "{got:?}"
        );
    }

    #[test]
    fn a_deleted_passage_leaves_its_anchor_orphaned() {
        let old = blocks(&[P1, P2, P3]);
        let anchors = [
            on(&old, 1, "ارزش مبادلات دو کشور در سال ۲۰۱۲", 0),
            on(&old, 2, "مسکو", 0),
            on(&old, 0, "سفارت اسرائیل در باکو", 0),
        ];
        let new = blocks(&[
            &P1.replace("و سفارت اسرائیل در باکو گشایش یافت", "")
                .replace("  ", " "),
            P3,
        ]);
        let got = find(&old, &new, &anchors);
        assert_eq!(got[0], None, "the deleted paragraph's quote");
        assert_eq!(got[1], Some((1, "مسکو".to_owned(), How::Exact)));
        assert_eq!(got[2], None, "a clause deleted from a paragraph: {got:?}");
    }

    #[test]
    fn a_long_quote_edited_in_the_middle_is_found_by_its_ends() {
        let long: String = (0..12).map(|_| format!("{P2} ")).collect();
        let block = format!("{P1} {long}{P3}");
        let old = blocks(&[&block]);
        let at = P1.len() + 1;
        let anchors = [Anchor::from_range("p1", &block, at..at + long.len() - 1)];
        let mut edited = block.clone();
        let mid = edited
            .match_indices("آسوشیتدپرس")
            .nth(6)
            .map_or(0, |(i, _)| i);
        edited.replace_range(mid..mid + "آسوشیتدپرس".len(), "رویترز");
        let new = blocks(&["مقدمه‌ای کوتاه.", &edited]);
        let got = reanchor(&old, &new, &[&anchors[0]]);
        let f = got[0].clone().unwrap_or_else(|| panic!("not found"));
        assert_eq!((f.block, f.how), (1, How::Context), "{f:?}");
        // Without context, the ends alone find it.
        let bare = Anchor {
            prefix: String::new(),
            suffix: String::new(),
            ..anchors[0].clone()
        };
        let got = reanchor(&old, &new, &[&bare]);
        let f = got[0]
            .clone()
            .unwrap_or_else(|| panic!("not found by its ends"));
        assert_eq!((f.block, f.how), (1, How::Fuzzy), "{f:?}");
        let want = at..at + long.len() - 1 - "آسوشیتدپرس".len() + "رویترز".len();
        assert!(
            f.range.start.abs_diff(want.start) < 4 && f.range.end.abs_diff(want.end) < 4,
            "{f:?} for {want:?}"
        );
    }

    #[test]
    fn many_anchors_on_a_common_word_cost_linear_work() {
        // One long block where the same short quote occurs thousands of times, each
        // occurrence anchored: the work grows with the text, not with its square.
        let work = |n: usize| {
            let text: String = (0..n).map(|i| format!("و {i} ")).collect();
            let old = blocks(&[&text]);
            let anchors: Vec<Anchor> = text
                .match_indices('و')
                .map(|(i, _)| Anchor::from_range("p1", &text, i..i + 'و'.len_utf8()))
                .collect();
            let new = blocks(&[&format!("آغاز {text}")]);
            let refs: Vec<&Anchor> = anchors.iter().collect();
            let before = reanchor_work();
            let got = reanchor(&old, &new, &refs);
            assert!(got.iter().all(Option::is_some));
            reanchor_work() - before
        };
        let (small, big) = (work(1_000), work(4_000));
        assert!(
            big < small * 6,
            "4x the anchors and text: {small} -> {big} units of work"
        );
    }
}
