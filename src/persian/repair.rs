//! Repair of damaged Persian text (PDF and web extraction): each step is a separate
//! function that builds its output in one pass and may record every change it makes as a
//! [`Repair`], so the user can review it and [`replay`] reproduces the output.
//!
//! The steps, in pipeline order ([`repair`] runs them all, [`normalize`] without the log):
//! line endings; Arabic presentation forms; Arabic letter variants (ي ى ك → ی ک);
//! tatweel; stray invisible controls; fragments displaced by a multi-column layout;
//! hard-wrapped lines joined into paragraphs (headings kept apart, page numbers dropped);
//! words split by a stray space; ZWNJ restored (lexicon: hazm's word list,
//! `assets/lexicon/`); digits to Persian inside Persian text; reversed year ranges;
//! mirrored brackets and guillemets; spacing around punctuation.
//!
//! The output separates paragraphs (and headings) by one blank line, `"\n\n"`.

#[path = "repair/presentation_forms.rs"]
mod presentation_forms;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use super::fold::is_alphabetic;

/// Which rule made a repair. Each rule belongs to one pipeline step ([`RepairRule::step`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RepairRule {
    /// `\r\n`, `\r`, U+2028/U+2029 → `\n`.
    LineEnding,
    /// Arabic presentation forms (U+FB50–U+FEFE) → letters.
    PresentationForm,
    /// ي ى → ی, ك → ک, ە ہ → ه, Arabic-Indic digits → Persian digits.
    ArabicLetter,
    /// Tatweel (kashida) removed.
    Tatweel,
    /// Zero-width space, BOM, soft hyphen, C0/C1 controls removed; ZWNJ beside a space removed.
    InvisibleControl,
    /// A line whose text runs a multi-column PDF extraction put in reverse order.
    DisplacedFragment,
    /// A hard line break inside a paragraph joined.
    LineJoin,
    /// Blank lines between paragraphs made one blank line; a heading set apart.
    ParagraphBreak,
    /// A line holding only a page number removed.
    PageNumber,
    /// A word split by a stray space joined («تأ کید» → «تأکید»).
    SplitWord,
    /// ZWNJ restored («میکند» → «می‌کند»).
    Zwnj,
    /// Digits written in Persian inside Persian text.
    PersianDigits,
    /// A year range written backwards («۱۹۲۰-۱۹۱۸» → «۱۹۱۸-۱۹۲۰»).
    ReversedDigits,
    /// Brackets or guillemets mirrored by extraction («»دوست« → «دوست»»).
    MirroredBracket,
    /// Spaces collapsed, and removed before closing punctuation and after opening brackets.
    Spacing,
}

impl RepairRule {
    /// Index of the pipeline step that applies this rule (steps run in increasing order).
    pub fn step(self) -> u8 {
        match self {
            Self::LineEnding => 0,
            Self::PresentationForm => 1,
            Self::ArabicLetter => 2,
            Self::Tatweel => 3,
            Self::InvisibleControl => 4,
            Self::DisplacedFragment => 5,
            Self::LineJoin | Self::ParagraphBreak | Self::PageNumber => 6,
            Self::SplitWord => 7,
            Self::Zwnj => 8,
            Self::PersianDigits => 9,
            Self::ReversedDigits => 10,
            Self::MirroredBracket => 11,
            Self::Spacing => 12,
        }
    }

    /// Short English description.
    pub fn describe(self) -> &'static str {
        match self {
            Self::LineEnding => "line ending",
            Self::PresentationForm => "presentation form",
            Self::ArabicLetter => "Arabic letter variant",
            Self::Tatweel => "tatweel",
            Self::InvisibleControl => "invisible control",
            Self::DisplacedFragment => "displaced fragment",
            Self::LineJoin => "line join",
            Self::ParagraphBreak => "paragraph break",
            Self::PageNumber => "page number",
            Self::SplitWord => "split word",
            Self::Zwnj => "ZWNJ",
            Self::PersianDigits => "Persian digits",
            Self::ReversedDigits => "reversed digits",
            Self::MirroredBracket => "mirrored bracket",
            Self::Spacing => "spacing",
        }
    }
}

/// One change: in the input of its step, `range` held `before` and now holds `after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// Byte range in the input of the step that made the repair.
    pub range: Range<usize>,
    pub before: String,
    pub after: String,
    pub rule: RepairRule,
}

/// Why [`replay`] could not apply a list of repairs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("repair {index} ({rule:?}) at {range:?} does not fit its step's text")]
    Mismatch {
        index: usize,
        rule: RepairRule,
        range: Range<usize>,
    },
}

/// Applies `repairs` (as [`repair`] returns them: grouped by step in pipeline order,
/// each group sorted by position) to `input`, reproducing the repaired text.
///
/// # Errors
/// [`ReplayError::Mismatch`] when a repair's range is out of order, out of bounds, not on
/// char boundaries, or does not hold its `before` text.
pub fn replay(input: &str, repairs: &[Repair]) -> Result<String, ReplayError> {
    let mut text = input.to_owned();
    let mut i = 0;
    while i < repairs.len() {
        let step = repairs[i].rule.step();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        while i < repairs.len() && repairs[i].rule.step() == step {
            let r = &repairs[i];
            let bad = || ReplayError::Mismatch {
                index: i,
                rule: r.rule,
                range: r.range.clone(),
            };
            if r.range.start < copied || text.get(r.range.clone()) != Some(r.before.as_str()) {
                return Err(bad());
            }
            out.push_str(&text[copied..r.range.start]);
            out.push_str(&r.after);
            copied = r.range.end;
            i += 1;
        }
        out.push_str(&text[copied..]);
        text = out;
    }
    Ok(text)
}

/// The whole repair pipeline, with the log of every change.
pub fn repair(text: &str) -> (String, Vec<Repair>) {
    repair_skipping(text, &HashSet::new())
}

/// [`repair`] without the steps in `skip` (indices into [`STEPS`], see
/// [`RepairRule::step`]): how the user undoes a kind of repair.
pub fn repair_skipping(text: &str, skip: &HashSet<u8>) -> (String, Vec<Repair>) {
    let mut log = Vec::new();
    let out = run(text, skip, Some(&mut log));
    (out, log)
}

/// The whole repair pipeline without a log (fast path for `gahnegar normalize`).
pub fn normalize(text: &str) -> String {
    run(text, &HashSet::new(), None)
}

/// A pipeline step: reads `input`, appends repairs to the log if there is one, and returns
/// `true` with its output in `out` (cleared first) when it changed anything; `false` when
/// the input stands as it is (`out` is then empty). Steps write into a buffer the caller
/// keeps, so a pipeline allocates two buffers, not one string a step.
pub type Step = fn(&str, &mut String, Option<&mut Vec<Repair>>) -> bool;

/// The steps in pipeline order.
pub const STEPS: [Step; 13] = [
    line_endings,
    presentation_forms,
    arabic_letters,
    tatweel,
    invisible_controls,
    displaced_fragments,
    join_lines,
    split_words,
    zwnj,
    persian_digits,
    reversed_digits,
    mirrored_brackets,
    spacing,
];

/// Runs one step on `input` alone: its output, borrowed when it changed nothing.
pub fn apply<'a>(step: Step, input: &'a str, log: Option<&mut Vec<Repair>>) -> Cow<'a, str> {
    let mut out = String::new();
    if step(input, &mut out, log) {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(input)
    }
}

fn run(text: &str, skip: &HashSet<u8>, mut log: Option<&mut Vec<Repair>>) -> String {
    // Two buffers for the whole run, with room for the text to grow a little (restored
    // ZWNJs): fresh memory costs a page fault a page, so no step should need a third.
    let room = text.len() + text.len() / 16 + 64;
    // The current text: `None` while it is still `text` (no step has changed it).
    let mut cur: Option<String> = None;
    let mut out = String::with_capacity(room);
    for (i, step) in STEPS.iter().enumerate() {
        if u8::try_from(i).is_ok_and(|i| skip.contains(&i)) {
            continue;
        }
        if step(cur.as_deref().unwrap_or(text), &mut out, log.as_deref_mut()) {
            let spare = cur.replace(std::mem::take(&mut out));
            out = spare.unwrap_or_else(|| String::with_capacity(room));
        }
    }
    cur.unwrap_or_else(|| text.to_owned())
}

/// Builds a step's output in one pass: copies the input between replacements, as whole
/// slices, into the caller's buffer (reserved on the first replacement).
struct Edits<'a, 'o, 'l> {
    input: &'a str,
    out: &'o mut String,
    copied: usize,
    changed: bool,
    log: Option<&'l mut Vec<Repair>>,
    first: usize,
}

impl<'a, 'o, 'l> Edits<'a, 'o, 'l> {
    fn new(input: &'a str, out: &'o mut String, log: Option<&'l mut Vec<Repair>>) -> Self {
        let first = log.as_ref().map_or(0, |l| l.len());
        out.clear();
        Self {
            input,
            out,
            copied: 0,
            changed: false,
            log,
            first,
        }
    }

    /// Replaces `range` (at or after the previous replacement) by `after`.
    fn replace(&mut self, range: Range<usize>, after: &str, rule: RepairRule) {
        if range.start < self.copied || range.end > self.input.len() || range.start > range.end {
            return;
        }
        let before = &self.input[range.clone()];
        if before == after {
            return;
        }
        if !self.changed {
            self.changed = true;
            self.out.reserve(self.input.len() + 16);
        }
        self.out.push_str(&self.input[self.copied..range.start]);
        self.out.push_str(after);
        self.copied = range.end;
        if let Some(log) = self.log.as_deref_mut() {
            let mergeable = log.len() > self.first;
            match log.last_mut() {
                Some(last) if mergeable && last.rule == rule && last.range.end == range.start => {
                    last.range.end = range.end;
                    last.before.push_str(before);
                    last.after.push_str(after);
                }
                _ => log.push(Repair {
                    range,
                    before: before.to_owned(),
                    after: after.to_owned(),
                    rule,
                }),
            }
        }
    }

    /// Copies the rest of the input; whether anything was replaced.
    fn finish(self) -> bool {
        if self.changed {
            self.out.push_str(&self.input[self.copied..]);
        }
        self.changed
    }
}

/// The char starting at byte `i` of `s` (`None` at the end or off a char boundary).
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// The char ending at byte `i` of `s` (`None` at the start or off a char boundary).
fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

/// The code point of the two-byte UTF-8 sequence `lead`, `cont` (U+0080–U+07FF).
fn two_byte(lead: u8, cont: u8) -> u32 {
    (u32::from(lead & 0x1F) << 6) | u32::from(cont & 0x3F)
}

/// Index of the first `i >= from` with `hit(b[i], b[i + 1])` (0 stands for the byte after
/// the last). Sixteen positions are tested at a time, so `hit` should combine its tests
/// with `&` and `|` (not `&&` and `||`) for the compiler to vectorize them.
#[inline(always)]
pub(crate) fn find_pair(b: &[u8], from: usize, hit: impl Fn(u8, u8) -> bool) -> Option<usize> {
    let mut i = from;
    while i + 17 <= b.len() {
        let w = &b[i..i + 17];
        let mut any = false;
        for k in 0..16 {
            any |= hit(w[k], w[k + 1]);
        }
        if any {
            break;
        }
        i += 16;
    }
    while i < b.len() {
        if hit(b[i], b.get(i + 1).copied().unwrap_or(0)) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A table of the bytes in the inclusive ranges `ranges`.
const fn byte_table(ranges: &[(u8, u8)]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut r = 0;
    while r < ranges.len() {
        let (lo, hi) = ranges[r];
        let mut b = lo as usize;
        while b <= hi as usize {
            set[b] = true;
            b += 1;
        }
        r += 1;
    }
    set
}

// ---------------------------------------------------------------------------------------
// Character-level steps (each scans bytes for the few lead bytes its chars can start with)

/// `\r\n`, lone `\r`, U+2028 and U+2029 become `\n`.
pub fn line_endings(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    let mut i = 0;
    // U+2028, U+2029: E2 80 A8, E2 80 A9.
    while let Some(off) = memchr::memchr2(b'\r', 0xE2, &b[i..]) {
        let at = i + off;
        i = at + 1;
        if b[at] == b'\r' {
            let end = if b.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            ed.replace(at..end, "\n", RepairRule::LineEnding);
        } else if b.get(at + 1) == Some(&0x80) && matches!(b.get(at + 2), Some(0xA8 | 0xA9)) {
            ed.replace(at..at + 3, "\n", RepairRule::LineEnding);
        }
    }
    ed.finish()
}

/// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) become the letters they draw
/// (Unicode's compatibility decomposition).
pub fn presentation_forms(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    // Every char from U+F000 on starts with the byte EF.
    for at in memchr::memchr_iter(0xEF, input.as_bytes()) {
        let Some(c) = char_at(input, at) else {
            continue;
        };
        if matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
            && let Ok(k) = presentation_forms::TABLE.binary_search_by_key(&c, |&(k, _)| k)
        {
            let r = at..at + c.len_utf8();
            ed.replace(
                r,
                presentation_forms::TABLE[k].1,
                RepairRule::PresentationForm,
            );
        }
    }
    ed.finish()
}

const PERSIAN_DIGITS: [&str; 10] = ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"];

/// Arabic letter variants become Persian ones: ي ى → ی, ك → ک, ە ہ → ه, and Arabic-Indic
/// digits (٠–٩) → Persian digits (۰–۹).
pub fn arabic_letters(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    // All of them are two bytes: D9 83, D9 89, D9 8A, D9 A0–A9, DB 81, DB 95.
    let hit = |c: u8, n: u8| {
        (c == 0xD9) & ((n == 0x83) | (n == 0x89) | (n == 0x8A) | (n.wrapping_sub(0xA0) < 10))
            | (c == 0xDB) & ((n == 0x81) | (n == 0x95))
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at + 2;
        let after = match two_byte(b[at], b[at + 1]) {
            0x064A | 0x0649 => "ی",
            0x0643 => "ک",
            0x06D5 | 0x06C1 => "ه",
            c @ 0x0660..=0x0669 => PERSIAN_DIGITS[(c - 0x0660) as usize],
            _ => continue,
        };
        ed.replace(at..at + 2, after, RepairRule::ArabicLetter);
    }
    ed.finish()
}

/// Tatweel (U+0640, kashida stretching) is removed.
pub fn tatweel(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    for at in memchr::memmem::find_iter(input.as_bytes(), "\u{0640}".as_bytes()) {
        ed.replace(at..at + 2, "", RepairRule::Tatweel);
    }
    ed.finish()
}

/// First bytes of the chars that may be invisible controls: C0 controls but the newline,
/// DEL, U+0080–U+00BF (C1 controls, no-break space, soft hyphen), U+2000–U+2FFF
/// (zero-width chars, narrow no-break space) and U+F000–U+FFFF (BOM, U+FFFE).
static MAY_BE_INVISIBLE: [bool; 256] = byte_table(&[
    (0x00, 0x09),
    (0x0B, 0x1F),
    (0x7F, 0x7F),
    (0xC2, 0xC2),
    (0xE2, 0xE2),
    (0xEF, 0xEF),
]);

/// Stray invisible controls are removed: zero-width space, BOM/ZWNBSP, soft hyphen, C0 and
/// C1 controls other than tab and newline, doubled ZWNJ/ZWJ and a ZWNJ beside a space or
/// at a line's edge. Tabs and no-break spaces become spaces.
pub fn invisible_controls(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(invisible_controls_in, input, out, log, HALVES_FROM, b"\n")
}

fn invisible_controls_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    // A removed ZWNJ/ZWJ is not the previous char of the one after it: (end of the last
    // removed one, the char before it as the scan saw it).
    let mut removed_zw: Option<(usize, Option<char>)> = None;
    // The first byte of each candidate char (see `MAY_BE_INVISIBLE`); of the E2 chars only
    // U+2000–U+203F (E2 80), of the EF chars only U+FEFF and U+FFFE (EF BB, EF BF).
    let hit = |c: u8, n: u8| {
        MAY_BE_INVISIBLE[usize::from(c)]
            & ((c != 0xE2) | (n == 0x80))
            & ((c != 0xEF) | (n == 0xBB) | (n == 0xBF))
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at;
        let Some(c) = char_at(input, i) else {
            i += 1;
            continue;
        };
        let r = i..i + c.len_utf8();
        i = r.end;
        match c {
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFFE}' => {
                ed.replace(r, "", RepairRule::InvisibleControl);
            }
            '\t' | '\u{00A0}' | '\u{202F}' => ed.replace(r, " ", RepairRule::InvisibleControl),
            c if c.is_control() && c != '\n' => ed.replace(r, "", RepairRule::InvisibleControl),
            '\u{200C}' | '\u{200D}' => {
                let prev = match removed_zw {
                    Some((end, prev)) if end == r.start => prev,
                    _ => char_before(input, r.start),
                };
                let next = char_at(input, r.end);
                let edge = |x: Option<char>| {
                    x.is_none_or(|x| x.is_whitespace() || x == '\u{200C}' || x == '\u{200D}')
                };
                if edge(prev) || next.is_none_or(char::is_whitespace) {
                    removed_zw = Some((r.end, prev));
                    ed.replace(r, "", RepairRule::InvisibleControl);
                }
            }
            _ => {}
        }
    }
    ed.finish()
}

// ---------------------------------------------------------------------------------------
// The lexicon

/// FNV-1a: a fast hash for short keys (the lexicon is fixed data, not attacker-chosen
/// keys, so `SipHash`'s flood resistance buys nothing here).
#[derive(Clone, Copy, Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Builds [`Fnv`] hashers.
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// A faster hash for short keys than [`Fnv`]: a key is hashed by its first and last eight
/// bytes and its length, in constant time (keys that share those collide, which costs a
/// comparison, never a wrong answer); multiply and add as rustc's `FxHash`. For maps that
/// are only looked up, never iterated: the lexicon's word list keeps [`Fnv`], whose
/// iteration order decides ties when it is parsed.
#[derive(Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, word: u64) {
        self.0 = self.0.wrapping_add(word).wrapping_mul(Self::K);
    }
}

/// The eight bytes of `b` from `at` (`at + 8 <= b.len()`), little-endian.
fn le_u64(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(w)
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply mixes into the high bits; the table indexes with the low ones.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        if n >= 8 {
            self.add(le_u64(bytes, 0));
            self.add(le_u64(bytes, n - 8));
        } else {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(bytes);
            self.add(u64::from_le_bytes(w));
        }
        self.add(n as u64);
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
}

/// A word as a map key: hashed as [`WordHasher`] hashes its bytes, and compared inline
/// (a word is mostly under sixteen bytes, not worth a call to `memcmp`).
#[derive(Clone, Copy, Debug)]
struct WordKey<'a>(&'a str);

impl PartialEq for WordKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        let n = a.len();
        if n != b.len() {
            return false;
        }
        if (8..=16).contains(&n) {
            le_u64(a, 0) == le_u64(b, 0) && le_u64(a, n - 8) == le_u64(b, n - 8)
        } else {
            a == b
        }
    }
}

impl Eq for WordKey<'_> {}

impl std::hash::Hash for WordKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
    }
}

/// Builds [`WordHasher`]s.
pub type WordBuild = std::hash::BuildHasherDefault<WordHasher>;

/// hazm's word list and verb stems (MIT; see `assets/lexicon/README.md`).
pub struct Lexicon {
    /// Every word as the lexicon spells it, with its corpus frequency (0 for unattested
    /// variants).
    freq: HashMap<String, u64, FnvBuild>,
    /// Word with ZWNJ removed → the most frequent lexicon spelling with ZWNJ, unless the
    /// form without ZWNJ is itself an attested word.
    zwnj: HashMap<String, String, WordBuild>,
    /// Conjugated verb forms (present and past stems plus endings); hazm's word list
    /// holds no verbs.
    verbs: HashSet<String, WordBuild>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(
        include_str!("../../assets/lexicon/words.tsv"),
        include_str!("../../assets/lexicon/verbs.txt"),
    )
});

/// The built-in lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    /// Parses `word<TAB>freq` lines and `past#present` verb stems.
    pub fn parse(words: &str, verbs: &str) -> Self {
        let mut freq: HashMap<String, u64, FnvBuild> =
            HashMap::with_capacity_and_hasher(200_000, FnvBuild::default());
        for line in words.lines() {
            let mut cols = line.split('\t');
            let Some(w) = cols.next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let f: u64 = cols.next().and_then(|f| f.trim().parse().ok()).unwrap_or(0);
            let e = freq.entry(w.to_owned()).or_insert(0);
            *e = (*e).max(f);
        }
        let mut zwnj: HashMap<String, (String, u64), FnvBuild> = HashMap::default();
        for (w, &f) in &freq {
            if !w.contains('\u{200C}') {
                continue;
            }
            let key = w.replace('\u{200C}', "");
            if freq.get(&key).is_some_and(|&g| g > 0) {
                continue; // ambiguous: the joined form is a word too
            }
            match zwnj.get(&key) {
                Some((_, g)) if *g >= f => {}
                _ => {
                    zwnj.insert(key, (w.clone(), f));
                }
            }
        }
        let zwnj = zwnj.into_iter().map(|(k, (w, _))| (k, w)).collect();
        let mut forms: HashSet<String, WordBuild> = HashSet::default();
        const PRESENT: [&str; 6] = ["م", "ی", "د", "یم", "ید", "ند"];
        const PAST: [&str; 7] = ["م", "ی", "", "یم", "ید", "ند", "ه"];
        for line in verbs.lines() {
            let mut parts = line.split('#');
            let (Some(past), Some(present)) = (parts.next(), parts.next()) else {
                continue;
            };
            if !past.is_empty() {
                for e in PAST {
                    forms.insert(format!("{past}{e}"));
                }
            }
            if !present.is_empty() {
                for e in PRESENT {
                    forms.insert(format!("{present}{e}"));
                    if present.ends_with(['ا', 'و', 'آ']) {
                        forms.insert(format!("{present}ی{e}"));
                    }
                }
            }
        }
        Self {
            freq,
            zwnj,
            verbs: forms,
        }
    }

    /// Whether the lexicon lists `w` (spelled exactly so, or with ZWNJ), attested or not.
    pub fn contains(&self, w: &str) -> bool {
        self.freq.contains_key(w) || self.zwnj.contains_key(w)
    }

    /// Whether `w`, spelled exactly so, is an attested word (corpus frequency above zero).
    pub fn is_frequent(&self, w: &str) -> bool {
        self.freq.get(w).is_some_and(|&f| f > 0)
    }

    /// Whether `w` is an attested word, a verb form, or an attested word written without
    /// its ZWNJ.
    pub fn is_known(&self, w: &str) -> bool {
        self.is_frequent(w)
            || self.verbs.contains(w)
            || self.with_zwnj(w).is_some_and(|z| self.is_frequent(z))
    }

    /// The lexicon's spelling with ZWNJ of a word written without it.
    pub fn with_zwnj(&self, w: &str) -> Option<&str> {
        self.zwnj.get(w).map(String::as_str)
    }

    /// Corpus frequency of `w`, spelled so or with its ZWNJ (0 when unknown).
    pub fn freq(&self, w: &str) -> u64 {
        let own = self.freq.get(w).copied().unwrap_or(0);
        let z = self
            .with_zwnj(w)
            .and_then(|z| self.freq.get(z))
            .copied()
            .unwrap_or(0);
        own.max(z)
    }

    fn is_verb_form(&self, w: &str) -> bool {
        self.verbs.contains(w)
    }
}

/// True for the letters of Persian words (Arabic-script letters and hamza marks).
pub const fn is_fa_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0654}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}')
}

/// Letters after which a following letter would join; a ZWNJ is needed to keep them apart.
fn is_joining(c: char) -> bool {
    is_fa_letter(c)
        && !matches!(
            c,
            'ا' | 'آ' | 'أ' | 'إ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ة' | 'ء'
        )
}

// ---------------------------------------------------------------------------------------
// Line-level steps

/// Longest line (bytes) the displaced-fragment search looks at; longer lines are prose
/// saved one paragraph per line, not PDF lines.
const MAX_PDF_LINE: usize = 400;

/// Lines whose text runs a two-column PDF extraction emitted in reverse order are put back:
/// a line holding a double space is split there (and at most at one more space) into runs,
/// and the runs reversed when that joins word fragments across the runs' edges (or with
/// the neighbouring lines) into lexicon words, or moves a comma away from the line's start.
pub fn displaced_fragments(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(
        displaced_fragments_in,
        input,
        out,
        log,
        HALVES_FROM,
        b"\n\n",
    )
}

fn displaced_fragments_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut joins = Joins::new(lexicon());
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    // Only lines holding a double space can change; the others are read for their
    // neighbours' sake alone. The last line changed: (its start, its new text).
    let mut fixed_line: Option<(usize, String)> = None;
    let mut from = 0;
    while let Some(off) = memchr::memmem::find(&b[from..], b"  ") {
        let at = from + off;
        let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |i| at + i);
        from = end;
        let line = &input[start..end];
        let trimmed = line.trim();
        if line.len() > MAX_PDF_LINE || !trimmed.contains("  ") {
            continue;
        }
        let prev_tail = match &fixed_line {
            _ if start == 0 => "",
            Some((s, f)) if start > 0 && previous_line_start(b, start) == *s => last_token(f),
            _ => last_token(input[previous_line_start(b, start)..start - 1].trim()),
        };
        let next_head = input.get(end + 1..).map_or("", |rest| {
            first_token(rest.split('\n').next().unwrap_or("").trim())
        });
        let Some(f) = best_arrangement(trimmed, prev_tail, next_head, &mut joins) else {
            continue;
        };
        let lead = line.len() - line.trim_start().len();
        let r = start + lead..start + lead + trimmed.len();
        ed.replace(r, &f, RepairRule::DisplacedFragment);
        fixed_line = Some((start, f));
    }
    ed.finish()
}

/// Start of the line before the one starting at `start` (> 0, just after a `\n`).
fn previous_line_start(b: &[u8], start: usize) -> usize {
    memchr::memrchr(b'\n', &b[..start - 1]).map_or(0, |i| i + 1)
}

/// (start offset, text) of each line, without its `\n`.
fn line_spans(input: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in input.split('\n') {
        out.push((start, line));
        start += line.len() + 1;
    }
    out
}

fn first_token(s: &str) -> &str {
    s.split(' ').find(|t| !t.is_empty()).unwrap_or("")
}

fn last_token(s: &str) -> &str {
    s.rsplit(' ').find(|t| !t.is_empty()).unwrap_or("")
}

/// The letters at the end / start of a token (punctuation stripped).
fn letters_end(t: &str) -> &str {
    let cut = t
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_fa_letter(c))
        .last()
        .map_or(t.len(), |(i, _)| i);
    &t[cut..]
}

fn letters_start(t: &str) -> &str {
    let cut = t
        .char_indices()
        .find(|&(_, c)| !is_fa_letter(c))
        .map_or(t.len(), |(i, _)| i);
    &t[..cut]
}

/// How strongly tokens `a` then `b` look like two halves of one word split by the
/// extraction: 3 when their letters join into a known word and one half is no word,
/// 2 when both halves are words too, 0 otherwise.
fn join_strength(a: &str, b: &str, lex: &Lexicon) -> i32 {
    let (x, y) = (letters_end(a), letters_start(b));
    if x.is_empty()
        || y.is_empty()
        || x.len() != a.len()
        || (y.len() != b.len() && !b[y.len()..].starts_with(['،', '.', ' ', ':', '؛']))
    {
        return 0;
    }
    let mut w = String::with_capacity(x.len() + y.len());
    w.push_str(x);
    w.push_str(y);
    if !lex.is_known(&w) {
        return 0;
    }
    if lex.is_known(x) && lex.is_known(y) {
        2
    } else {
        3
    }
}

/// [`join_strength`] remembered: a line's arrangements share most of their token pairs,
/// and lines repeat.
struct Joins {
    lex: &'static Lexicon,
    memo: HashMap<String, i32, WordBuild>,
    key: String,
}

impl Joins {
    fn new(lex: &'static Lexicon) -> Self {
        Self {
            lex,
            memo: HashMap::default(),
            key: String::new(),
        }
    }

    fn strength(&mut self, a: &str, b: &str) -> i32 {
        self.key.clear();
        self.key.push_str(a);
        self.key.push('\n'); // no token holds a newline
        self.key.push_str(b);
        if let Some(&s) = self.memo.get(self.key.as_str()) {
            return s;
        }
        let s = join_strength(a, b, self.lex);
        self.memo.insert(self.key.clone(), s);
        s
    }
}

fn arrangement_score(runs: &[&str], prev_tail: &str, next_head: &str, joins: &mut Joins) -> i32 {
    let mut score = 0;
    let mut left = prev_tail;
    for r in runs {
        let r = r.trim();
        if !left.is_empty() {
            score += joins.strength(left, first_token(r));
        }
        left = last_token(r);
    }
    // The next line may be displaced itself: a join with it is weak evidence.
    if !next_head.is_empty() && joins.strength(left, next_head) > 0 {
        score += 1;
    }
    if runs.first().is_some_and(|r| {
        r.trim_start().starts_with(['،', '.', '؛', ':', '!', '؟'])
            || r.trim_start().starts_with("( ")
    }) {
        score -= 3;
    }
    score
}

/// The best order of a PDF line's runs, when it beats the line as it stands.
fn best_arrangement(
    line: &str,
    prev_tail: &str,
    next_head: &str,
    joins: &mut Joins,
) -> Option<String> {
    let gap = line.find("  ")?;
    let gap_end = gap + line[gap..].len() - line[gap..].trim_start().len();
    let identity = arrangement_score(&[line], prev_tail, next_head, joins);
    let mut best: Option<(i32, String)> = None;
    let mut consider = |runs: Vec<&str>| {
        let s = arrangement_score(&runs, prev_tail, next_head, joins);
        if s > identity && best.as_ref().is_none_or(|(b, _)| s > *b) {
            let joined: Vec<&str> = runs
                .iter()
                .map(|r| r.trim())
                .filter(|r| !r.is_empty())
                .collect();
            best = Some((s, joined.join(" ")));
        }
    };
    let (a, b) = (&line[..gap], &line[gap_end..]);
    consider(vec![b, a]);
    // Three runs: one more cut at a single space on either side of the gap.
    for (i, _) in a.match_indices(' ') {
        consider(vec![b, &a[i + 1..], &a[..i]]);
    }
    for (i, _) in b.match_indices(' ') {
        consider(vec![&b[i + 1..], &b[..i], a]);
    }
    best.map(|(_, s)| s)
}

/// Sentence-final punctuation (a paragraph may end after it).
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '؟', ':', '»', '«', '"', '…', '؛'])
}

/// Whether a paragraph looks like a heading: short (at most 10 words, 80 chars), with no
/// final punctuation and no comma at its end.
pub fn is_heading(p: &str) -> bool {
    let t = p.trim();
    !t.is_empty()
        && t.chars().count() <= 80
        && t.split_whitespace().count() <= 10
        && !ends_sentence(t)
        && !t.ends_with(['،', ',', '-', '(', ')'])
        && t.chars().any(char::is_alphabetic)
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.len() <= 9
        && t.chars()
            .all(|c| crate::persian::digits::digit_value(c).is_some())
}

/// Hard-wrapped lines are joined into paragraphs. Paragraphs are separated by one blank
/// line; a blank line inside a sentence (the previous text has no final punctuation) is an
/// artifact and is joined over; a heading (a short line without final punctuation after
/// a paragraph's end) stands alone; lines holding only a page number are dropped.
pub fn join_lines(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let lines = line_spans(input);
    // Content lines (non-blank, not page numbers) with their trimmed spans.
    let mut content: Vec<Range<usize>> = Vec::new();
    for &(start, line) in &lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if is_page_number(t) {
            continue; // dropped with the gap around it
        }
        let lead = line.len() - line.trim_start().len();
        content.push(start + lead..start + lead + t.len());
    }
    let text = |r: &Range<usize>| &input[r.clone()];
    let mut heading_before = false; // the previous content line was a heading
    if let Some(first) = content.first()
        && first.start > 0
    {
        ed.replace(0..first.start, "", RepairRule::ParagraphBreak);
    }
    for k in 0..content.len() {
        let cur = &content[k];
        let cur_text = text(cur);
        let blank_before = k > 0 && input[content[k - 1].end..cur.start].matches('\n').count() >= 2;
        let prev_done = k == 0 || ends_sentence(text(&content[k - 1])) || heading_before;
        let next_blank_or_end = content
            .get(k + 1)
            .is_none_or(|n| input[cur.end..n.start].matches('\n').count() >= 2);
        // A heading stands between blank lines, or is much shorter than the line after it.
        let heading = (k == 0 || (blank_before && prev_done))
            && is_heading(cur_text)
            && content.get(k + 1).is_some_and(|n| {
                next_blank_or_end || cur_text.chars().count() * 5 < text(n).chars().count() * 3
            });
        if k > 0 {
            let gap = content[k - 1].end..cur.start;
            let gap_text = &input[gap.clone()];
            let has_page = gap_text
                .chars()
                .any(|c| crate::persian::digits::digit_value(c).is_some());
            // Web text keeps a paragraph per line: a long line (a PDF line holds fewer
            // than 150 chars) ends its paragraph.
            let long_line = k > 0 && text(&content[k - 1]).chars().count() > 150;
            let new_para = heading || heading_before || long_line || (prev_done && blank_before);
            let after = if new_para {
                "\n\n"
            } else if join_tight(text(&content[k - 1]), cur_text) {
                ""
            } else {
                " "
            };
            let rule = if has_page {
                RepairRule::PageNumber
            } else if new_para {
                RepairRule::ParagraphBreak
            } else {
                RepairRule::LineJoin
            };
            ed.replace(gap, after, rule);
        }
        heading_before = heading;
    }
    if let Some(last) = content.last() {
        if last.end < input.len() {
            ed.replace(last.end..input.len(), "", RepairRule::ParagraphBreak);
        }
    } else if !input.is_empty() {
        ed.replace(0..input.len(), "", RepairRule::ParagraphBreak);
    }
    ed.finish()
}

/// Whether two lines join without a space: a digit range broken after its dash, or a
/// line ending in ZWNJ.
fn join_tight(a: &str, b: &str) -> bool {
    let digit =
        |c: Option<char>| c.is_some_and(|c| crate::persian::digits::digit_value(c).is_some());
    let mut ac = a.chars().rev();
    (a.ends_with(['-', '–']) && digit(ac.nth(1)) && digit(b.chars().next()))
        || a.ends_with('\u{200C}')
}

// ---------------------------------------------------------------------------------------
// Both cores for the word-level steps

/// Input size (bytes) from which the steps that can run on two halves of their input at
/// once (see [`in_halves`]) do.
const HALVES_FROM: usize = 256 * 1024;

/// Runs `step` on the two halves of an input of at least `from` bytes at once (on two
/// threads), split just after the first `sep` (a newline, or a blank line) from the
/// middle on, and joins their outputs and logs (the second half's ranges moved by its
/// offset). For a step that looks no further than that separator, never changes it and
/// never makes a repair end where the next starts across it, that is what one run gives
/// (checked by a property test of each such step). A smaller input runs on this thread.
fn in_halves(
    step: Step,
    input: &str,
    out: &mut String,
    mut log: Option<&mut Vec<Repair>>,
    from: usize,
    sep: &[u8],
) -> bool {
    let half = input.len() / 2;
    let mid = memchr::memmem::find(&input.as_bytes()[half..], sep).map(|i| half + i + sep.len());
    let Some(mid) = mid.filter(|&m| input.len() >= from && m < input.len()) else {
        return step(input, out, log);
    };
    let (a, b) = input.split_at(mid);
    let mut out_b = String::new();
    let mut log_b = log.is_some().then(Vec::new);
    let (changed_a, changed_b) = std::thread::scope(|s| {
        let second = s.spawn(|| step(b, &mut out_b, log_b.as_mut()));
        let changed_a = step(a, out, log.as_deref_mut());
        let changed_b = second
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (changed_a, changed_b)
    });
    if let (Some(log), Some(log_b)) = (log, log_b) {
        log.extend(log_b.into_iter().map(|mut r| {
            r.range = r.range.start + mid..r.range.end + mid;
            r
        }));
    }
    if !changed_a && !changed_b {
        out.clear();
        return false;
    }
    if !changed_a {
        out.clear();
        out.push_str(a);
    }
    out.push_str(if changed_b { &out_b } else { b });
    true
}

// ---------------------------------------------------------------------------------------
// Word-level steps

/// [`is_fa_letter`] of U+0600–U+06FF as four bit masks, one for each lead byte D8–DB, bit
/// `cont & 63` of a continuation byte `cont` (every Persian letter is two bytes).
const FA_LETTER_MASKS: [u64; 4] = {
    let mut masks = [0u64; 4];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x0600 + i)
            && is_fa_letter(c)
        {
            masks[(i >> 6) as usize] |= 1 << (i & 63);
        }
        i += 1;
    }
    masks
};

/// Whether the two-byte sequence `lead`, `cont` is a Persian letter ([`is_fa_letter`]).
fn is_fa_letter_bytes(lead: u8, cont: u8) -> bool {
    lead & 0xFC == 0xD8 && (FA_LETTER_MASKS[usize::from(lead & 0x03)] >> (cont & 63)) & 1 == 1
}

/// Spans of maximal runs of Persian letters in `s` (ZWNJ excluded).
fn word_spans(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = s.as_bytes();
    let letter = move |i: usize| i + 1 < b.len() && is_fa_letter_bytes(b[i], b[i + 1]);
    let mut i = 0;
    std::iter::from_fn(move || {
        // No letter starts with a continuation byte, so stepping byte by byte is safe.
        while i < b.len() && !letter(i) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while letter(i) {
            i += 2;
        }
        Some(start..i)
    })
}

/// `memo`'s answer for `word`, asked of `ask` the first time (a look-up, cheaper than
/// `entry` when the word is there, as it mostly is).
fn remember<'a, V: Copy>(
    memo: &mut HashMap<WordKey<'a>, V, WordBuild>,
    word: &'a str,
    ask: impl FnOnce(&str) -> V,
) -> V {
    if let Some(&v) = memo.get(&WordKey(word)) {
        return v;
    }
    let v = ask(word);
    memo.insert(WordKey(word), v);
    v
}

/// Words split by a stray space are joined: «تأ کید» → «تأکید», «ا کتبر» → «اکتبر», when
/// the joined form is an attested lexicon word and one half is not. Also a Latin domain
/// split after a dot («Zman.co. il» → «Zman.co.il»).
pub fn split_words(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(split_words_in, input, out, log, HALVES_FROM, b"\n")
}

fn split_words_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let lex = lexicon();
    let mut cuts: Vec<Range<usize>> = Vec::new();
    // The previous word and whether the lexicon knows it (looked up when first needed).
    let mut prev: Option<(Range<usize>, Option<bool>)> = None;
    let mut buf = String::new();
    // Whether the lexicon knows a word; whether two words join.
    let mut memo: HashMap<WordKey<'_>, bool, WordBuild> =
        HashMap::with_capacity_and_hasher(4096, WordBuild::default());
    let mut joins: HashMap<(WordKey<'_>, WordKey<'_>), bool, WordBuild> = HashMap::default();
    let b = input.as_bytes();
    for w in word_spans(input) {
        let mut kb = None;
        if let Some((p, ka)) = prev.take()
            && p.end + 1 == w.start
            && b[p.end] == b' '
        {
            let (a, wb) = (&input[p.clone()], &input[w.clone()]);
            let ka = ka.unwrap_or_else(|| remember(&mut memo, a, |w| lex.is_known(w)));
            let k = remember(&mut memo, wb, |w| lex.is_known(w));
            kb = Some(k);
            if !(ka && k) {
                let join = *joins.entry((WordKey(a), WordKey(wb))).or_insert_with(|| {
                    buf.clear();
                    buf.push_str(a);
                    buf.push_str(wb);
                    lex.is_known(&buf)
                        && !(a.chars().count() > 1
                            && ka
                            && wb.chars().count() > 2
                            && lex.contains(wb))
                });
                if join {
                    cuts.push(p.end..w.start);
                    // The joined word is not joined again with the next one.
                    continue;
                }
            }
        }
        prev = Some((w, kb));
    }
    // Latin domains: «xxx.co. il».
    for at in memchr::memmem::find_iter(b, b". ") {
        let left = input[..at]
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .next()
            .unwrap_or("");
        let right = b[at + 2..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        let after = b.get(at + 2 + right).copied();
        if left.contains('.')
            && left.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.')
            && (2..=3).contains(&right)
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            cuts.push(at + 1..at + 2);
        }
    }
    cuts.sort_unstable_by_key(|r| r.start);
    let mut ed = Edits::new(input, out, log);
    for r in cuts {
        ed.replace(r, "", RepairRule::SplitWord);
    }
    ed.finish()
}

const SUFFIXES_AFTER_HEH: [&str; 8] = ["است", "اند", "ایم", "اید", "ای", "ام", "اش", "ات"];
const SUFFIXES: [&str; 12] = [
    "هایشان",
    "هایتان",
    "هایمان",
    "هاست",
    "هایی",
    "هایم",
    "هایت",
    "هایش",
    "های",
    "ها",
    "ترین",
    "تر",
];
/// First parts that are written apart with ZWNJ in compounds («به‌عنوان», «بی‌سابقه»).
const COMPOUND_HEADS: [&str; 14] = [
    "به", "نه", "بی", "هم", "پیش", "پس", "فوق", "بین", "غیر", "کم", "پر", "نیم", "تک", "چند",
];

/// The ZWNJ-restored spelling of a word written without ZWNJ, if the lexicon knows how.
pub fn restore_zwnj(w: &str, lex: &Lexicon) -> Option<String> {
    if lex.is_frequent(w) || w.chars().count() < 3 {
        return None;
    }
    if let Some(z) = lex.with_zwnj(w) {
        return Some(z.to_owned());
    }
    // Prefix می / نمی, after an optional verbal particle (درمی‌آید، برمی‌گیرد).
    for particle in ["", "در", "بر", "باز", "فرا", "وا"] {
        let Some(rest) = w.strip_prefix(particle) else {
            continue;
        };
        for pre in ["نمی", "می"] {
            if let Some(verb) = rest.strip_prefix(pre) {
                if verb.chars().count() >= 2
                    && (lex.is_verb_form(verb)
                        || (lex.is_verb_form(verb.trim_end_matches('د')) && verb.ends_with("ند")))
                {
                    return Some(format!("{particle}{pre}\u{200C}{verb}"));
                }
                if let Some(v) = restore_suffix(verb, lex).filter(|_| verb.chars().count() >= 3)
                    && lex.is_verb_form(&v.replace('\u{200C}', ""))
                {
                    return Some(format!("{particle}{pre}\u{200C}{v}"));
                }
            }
        }
    }
    // «درنهایت», «برعکس»: a preposition that does not join, then a word; nothing to restore.
    if ["در", "بر", "از"].iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|r| r.chars().count() >= 3 && lex.is_frequent(r))
    }) {
        return None;
    }
    if let Some(s) = restore_suffix(w, lex) {
        return Some(s);
    }
    for head in COMPOUND_HEADS {
        if let Some(tail) = w.strip_prefix(head)
            && tail.chars().count() >= 3
            && lex.is_frequent(tail)
        {
            return Some(format!(
                "{head}\u{200C}{}",
                lex.with_zwnj(tail).unwrap_or(tail)
            ));
        }
    }
    None
}

/// `stem + suffix` with ZWNJ between them when the stem is a known word and ends with a
/// joining letter; the stem's own ZWNJ restored too. Plural and comparative suffixes
/// («ها», «تر») are tried before the clitics after ه («ای», «است»): «مرزهای» is «مرز» +
/// «های», not «مرزه» + «ای».
fn restore_suffix(w: &str, lex: &Lexicon) -> Option<String> {
    let stem_ok =
        |stem: &str| stem.chars().count() >= 2 && (lex.contains(stem) || lex.is_verb_form(stem));
    let fix_stem = |stem: &str| lex.with_zwnj(stem).unwrap_or(stem).to_owned();
    // A past participle with a clitic first: «کردهاست» is «کرده» + «است», not «کرد» + «هاست».
    for suf in SUFFIXES_AFTER_HEH {
        if let Some(stem) = w.strip_suffix(suf)
            && stem.ends_with('ه')
            && stem.chars().count() >= 3
            && lex.is_verb_form(stem)
        {
            return Some(format!("{stem}\u{200C}{suf}"));
        }
    }
    // Otherwise the analysis whose stem is the more frequent word wins (ties: plural).
    let plural = SUFFIXES.iter().find_map(|&suf| {
        w.strip_suffix(suf)
            .filter(|&st| stem_ok(st))
            .map(|st| (st, suf))
    });
    let clitic = SUFFIXES_AFTER_HEH.iter().find_map(|&suf| {
        w.strip_suffix(suf)
            .filter(|&st| st.ends_with('ه') && stem_ok(st))
            .map(|st| (st, suf))
    });
    match (plural, clitic) {
        (Some((st, suf)), c) if c.is_none_or(|(cs, _)| lex.freq(st) >= lex.freq(cs)) => {
            let s = fix_stem(st);
            if s.chars().last().is_some_and(is_joining) {
                Some(format!("{s}\u{200C}{suf}"))
            } else {
                (s != st).then(|| format!("{s}{suf}"))
            }
        }
        (_, Some((st, suf))) => Some(format!("{}\u{200C}{suf}", fix_stem(st))),
        _ => None,
    }
}

/// ZWNJ is restored where extraction dropped it: words the lexicon spells with ZWNJ
/// («فوقالعاده» → «فوق‌العاده»), the prefixes می/نمی («میکند» → «می‌کند»), suffixes after a
/// joining letter («قدرتهایی» → «قدرت‌هایی», «نقطهای» → «نقطه‌ای», «کردهاست» →
/// «کرده‌است»), and compounds with به/بی/هم… («بهعنوان» → «به‌عنوان»).
pub fn zwnj(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(zwnj_in, input, out, log, HALVES_FROM, b"\n")
}

fn zwnj_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    const ZWNJ: &[u8] = "\u{200C}".as_bytes();
    let lex = lexicon();
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    // Words repeat: remember each one's answer.
    let mut memo: HashMap<WordKey<'_>, Option<String>, WordBuild> =
        HashMap::with_capacity_and_hasher(4096, WordBuild::default());
    for w in word_spans(input) {
        // Only whole tokens: a run already next to a ZWNJ is left alone.
        if b[..w.start].ends_with(ZWNJ) || b[w.end..].starts_with(ZWNJ) {
            continue;
        }
        let word = &input[w.clone()];
        let fixed = match memo.get(&WordKey(word)) {
            Some(fixed) => fixed,
            None => memo
                .entry(WordKey(word))
                .or_insert_with(|| restore_zwnj(word, lex)),
        };
        if let Some(fixed) = fixed {
            ed.replace(w, fixed, RepairRule::Zwnj);
        }
    }
    ed.finish()
}

// ---------------------------------------------------------------------------------------
// Digits and brackets

fn is_latin_letter(c: char) -> bool {
    (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)) && is_alphabetic(c)
}

/// Byte length of the digit (ASCII, Arabic-Indic or Persian) at byte `i` of `b`; 0 when
/// none stands there.
fn digit_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1)) {
        (Some(b'0'..=b'9'), _) => 1,
        // U+0660–U+0669, U+06F0–U+06F9
        (Some(0xD9), Some(0xA0..=0xA9)) | (Some(0xDB), Some(0xB0..=0xB9)) => 2,
        _ => 0,
    }
}

/// Byte length of the number separator (`/ . : , ٫ ٬`) at byte `i` of `b`; 0 when none.
fn separator_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1)) {
        (Some(b'/' | b'.' | b':' | b','), _) => 1,
        // U+066B, U+066C
        (Some(0xD9), Some(0xAB | 0xAC)) => 2,
        _ => 0,
    }
}

/// Spans of numbers: maximal runs of digits of any script, with single separators
/// (`/ . : , ٫ ٬`) between digits.
fn number_spans(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    let digit = |c: u8, n: u8| {
        (c.wrapping_sub(b'0') < 10)
            | (c == 0xD9) & (n.wrapping_sub(0xA0) < 10)
            | (c == 0xDB) & (n.wrapping_sub(0xB0) < 10)
    };
    std::iter::from_fn(move || {
        i = find_pair(b, i, digit)?;
        let start = i;
        loop {
            let d = digit_len(b, i);
            if d > 0 {
                i += d;
                continue;
            }
            let sep = separator_len(b, i);
            let d = if sep > 0 { digit_len(b, i + sep) } else { 0 };
            if d == 0 {
                break;
            }
            i += sep + d;
        }
        Some(start..i)
    })
}

/// The nearest letter before / after `at` on the same line, skipping digits, spaces and
/// punctuation (at most 40 chars away).
fn nearest_letter(s: &str, at: usize, forward: bool) -> Option<char> {
    let pick = |c: char| c == '\n' || is_alphabetic(c);
    let found = if forward {
        s[at..].chars().take(40).find(|&c| pick(c))
    } else {
        s[..at].chars().rev().take(40).find(|&c| pick(c))
    };
    found.filter(|&c| c != '\n')
}

/// Digits inside Persian text are written in Persian (۰–۹): a number that has a Persian
/// digit already, or whose nearest letters on its line are Persian (and none touches it
/// in Latin script, as in «F16» or «ICT2»).
pub fn persian_digits(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(persian_digits_in, input, out, log, HALVES_FROM, b"\n")
}

fn persian_digits_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    for r in number_spans(input) {
        let num = &input[r.clone()];
        if !num.bytes().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let touching_latin = char_before(input, r.start).is_some_and(is_latin_letter)
            || char_at(input, r.end).is_some_and(is_latin_letter);
        let has_persian = num.chars().any(|c| ('\u{06F0}'..='\u{06F9}').contains(&c));
        let fa = |c: Option<char>| c.is_some_and(is_fa_letter);
        let (before, after) = (
            nearest_letter(input, r.start, false),
            nearest_letter(input, r.end, true),
        );
        let persian_context = (fa(before) || fa(after))
            && !before.is_some_and(is_latin_letter)
            && !after.is_some_and(is_latin_letter);
        let persian_side = (fa(before) && !after.is_some_and(is_latin_letter))
            || (fa(after) && !before.is_some_and(is_latin_letter));
        if !touching_latin && (has_persian || persian_context || persian_side) {
            for (i, c) in num.bytes().enumerate() {
                if c.is_ascii_digit() {
                    let at = r.start + i;
                    let fa = PERSIAN_DIGITS[usize::from(c - b'0')];
                    ed.replace(at..at + 1, fa, RepairRule::PersianDigits);
                }
            }
        }
    }
    ed.finish()
}

fn number_value(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    for c in s.chars() {
        v = v
            .checked_mul(10)?
            .checked_add(crate::persian::digits::digit_value(c)?)?;
    }
    Some(v)
}

/// A year range written backwards is put in order: «۱۹۲۰-۱۹۱۸» → «۱۹۱۸-۱۹۲۰» (two 4-digit
/// numbers joined by a dash, the first larger and at most 300 apart).
pub fn reversed_digits(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(reversed_digits_in, input, out, log, HALVES_FROM, b"\n")
}

fn reversed_digits_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let mut prev: Option<Range<usize>> = None;
    let mut swapped = String::new();
    for b in number_spans(input) {
        let Some(a) = prev.replace(b.clone()) else {
            continue;
        };
        let dash = &input[a.end..b.start];
        if !matches!(dash, "-" | "–" | "—") {
            continue;
        }
        let (sa, sb) = (&input[a.clone()], &input[b.clone()]);
        if sa.chars().count() != 4 || sb.chars().count() != 4 {
            continue;
        }
        let (Some(va), Some(vb)) = (number_value(sa), number_value(sb)) else {
            continue;
        };
        if va > vb && va - vb <= 300 {
            swapped.clear();
            swapped.push_str(sb);
            swapped.push_str(dash);
            swapped.push_str(sa);
            ed.replace(a.start..b.end, &swapped, RepairRule::ReversedDigits);
        }
    }
    ed.finish()
}

/// Brackets and guillemets mirrored by extraction are turned back: within a paragraph, a
/// closing `)` `]` `»` that opens (nothing is open, and it does not follow a letter or
/// digit) and the `(` `[` `«` that later closes it (not followed by a letter or digit)
/// are swapped.
pub fn mirrored_brackets(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(mirrored_brackets_in, input, out, log, HALVES_FROM, b"\n\n")
}

fn mirrored_brackets_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    // (opener as written normally, closer as written normally)
    const PAIRS: [(char, char); 3] = [('(', ')'), ('[', ']'), ('«', '»')];
    let b = input.as_bytes();
    let mut swaps: Vec<(usize, char)> = Vec::new();
    // Stack entries: (pair index, byte offset, mirrored); emptied at each paragraph's end.
    let mut stack: Vec<(usize, usize, bool)> = Vec::new();
    // A paragraph's edge is a newline, which is no letter or digit either.
    let content = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    let hit = |c: u8, n: u8| {
        (c == b'\n') & (n == b'\n')
            | (c == b'(')
            | (c == b')')
            | (c == b'[')
            | (c == b']')
            | (c == 0xC2) & ((n == 0xAB) | (n == 0xBB))
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at;
        let c = match (b[i], b.get(i + 1)) {
            (b'\n', Some(b'\n')) => {
                // Paragraphs are separated as `split("\n\n")` separates them.
                stack.clear();
                i += 2;
                continue;
            }
            (b'(' | b')' | b'[' | b']', _) => char::from(b[i]),
            (0xC2, Some(0xAB)) => '«',
            (0xC2, Some(0xBB)) => '»',
            _ => {
                i += 1;
                continue;
            }
        };
        let at = i;
        i += c.len_utf8();
        if let Some(p) = PAIRS.iter().position(|&(_, cl)| cl == c) {
            if let Some(pos) = stack.iter().rposition(|&(q, _, m)| q == p && !m) {
                stack.truncate(pos);
            } else if !content(char_before(input, at)) {
                stack.push((p, at, true));
            }
        } else if let Some(p) = PAIRS.iter().position(|&(op, _)| op == c) {
            match stack.last() {
                Some(&(q, opened, true)) if q == p && !content(char_at(input, i)) => {
                    stack.pop();
                    swaps.push((opened, PAIRS[p].0));
                    swaps.push((at, PAIRS[p].1));
                }
                _ => stack.push((p, at, false)),
            }
        }
    }
    swaps.sort_unstable_by_key(|&(i, _)| i);
    let mut ed = Edits::new(input, out, log);
    let mut buf = [0u8; 4];
    for (i, c) in swaps {
        let old = char_at(input, i).map_or(1, char::len_utf8);
        ed.replace(
            i..i + old,
            c.encode_utf8(&mut buf),
            RepairRule::MirroredBracket,
        );
    }
    ed.finish()
}

/// Whether a single space between bytes `b[at - 1]` and `b[at + 1]` surely stays as it is:
/// not at a line's edge, not after an opening bracket, not before closing punctuation
/// (checked on bytes, erring towards "not sure").
fn plain_space(b: &[u8], at: usize) -> bool {
    let (Some(&p), Some(&n)) = (at.checked_sub(1).and_then(|j| b.get(j)), b.get(at + 1)) else {
        return false;
    };
    let opening_or_edge = matches!(p, b'\n' | b'(' | b'[' | 0xAB); // AB ends «
    // C2 starts », D8 8C/9B/9F are ، ؛ ؟
    let closing_or_edge = matches!(
        n,
        b'\n' | b' ' | b')' | b']' | b'!' | b'.' | b':' | b'?' | 0xC2
    ) || (n == 0xD8 && matches!(b.get(at + 2), Some(0x8C | 0x9B | 0x9F)));
    !opening_or_edge && !closing_or_edge
}

/// Spacing: runs of spaces become one; no space before `، . ؛ : ! ? ؟ ) ] »` (when the
/// mark ends a word or text), none after `( [ «`, none at a line's edges.
pub fn spacing(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    in_halves(spacing_in, input, out, log, HALVES_FROM, b"\n")
}

fn spacing_in(input: &str, out: &mut String, log: Option<&mut Vec<Repair>>) -> bool {
    let mut ed = Edits::new(input, out, log);
    let b = input.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b' ', &b[i..]) {
        let start = i + off;
        if plain_space(b, start) {
            i = start + 1;
            continue;
        }
        i = start;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let prev = char_before(input, start);
        let mut rest = input[i..].chars();
        let (next, next2) = (rest.next(), rest.next());
        let closing = next.is_some_and(|c| matches!(c, '،' | '؛' | '!' | '؟' | ')' | ']' | '»'))
            || (next.is_some_and(|c| matches!(c, '.' | ':' | '?'))
                && next2.is_none_or(|c| c.is_whitespace() || !c.is_alphanumeric()));
        let after_opening = prev.is_some_and(|c| matches!(c, '(' | '[' | '«'));
        let edge = prev.is_none_or(|c| c == '\n') || next.is_none_or(|c| c == '\n');
        let after = if closing || after_opening || edge {
            ""
        } else {
            " "
        };
        ed.replace(start..i, after, RepairRule::Spacing);
    }
    ed.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn step_table(step: Step, cases: &[(&str, &str)]) {
        for &(input, expected) in cases {
            let mut log = Vec::new();
            let out = apply(step, input, Some(&mut log));
            assert_eq!(out, expected, "input «{input}»");
            assert_eq!(
                apply(step, input, None),
                expected,
                "input «{input}» without log"
            );
            assert_eq!(
                replay(input, &log).as_deref(),
                Ok(expected),
                "replay of «{input}»: {log:?}"
            );
            if input == expected {
                assert!(log.is_empty(), "«{input}» unchanged but logged {log:?}");
            }
        }
    }

    #[test]
    fn fa_letters_by_bytes() {
        let mut b = [0u8; 4];
        for c in (0x0080..0x0800).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut b).as_bytes();
            assert_eq!(is_fa_letter_bytes(s[0], s[1]), is_fa_letter(c), "{c:?}");
        }
    }

    #[test]
    fn line_endings_rule() {
        step_table(
            line_endings,
            &[
                ("a\r\nb\rc\u{2028}d", "a\nb\nc\nd"),
                ("بی تغییر\n", "بی تغییر\n"),
                ("\r\n\r\n", "\n\n"),
            ],
        );
    }

    #[test]
    fn presentation_forms_rule() {
        step_table(
            presentation_forms,
            &[
                ("\u{FEB3}\u{FEE0}\u{FE8E}\u{FEE1}", "سلام"),
                ("\u{FEFB}", "لا"),
                ("\u{FBFC}", "ی"),
                ("\u{FE91}\u{FEEE}", "بو"),
                ("کتاب", "کتاب"),
            ],
        );
    }

    #[test]
    fn arabic_letters_rule() {
        step_table(
            arabic_letters,
            &[
                ("كشور علي", "کشور علی"),
                ("مصطفى", "مصطفی"),
                ("٢٠١٩", "۲۰۱۹"),
                ("ایران", "ایران"),
            ],
        );
    }

    #[test]
    fn tatweel_rule() {
        step_table(tatweel, &[("اســـت", "است"), ("ـ", ""), ("است", "است")]);
    }

    #[test]
    fn invisible_controls_rule() {
        step_table(
            invisible_controls,
            &[
                ("a\u{200B}b\u{FEFF}c\u{00AD}d", "abcd"),
                ("می\u{200C}\u{200C}کند", "می\u{200C}کند"),
                ("کتاب \u{200C}ها", "کتاب ها"),
                ("x\u{0007}y\tz", "xy z"),
                ("می\u{200C}کند\n", "می\u{200C}کند\n"),
            ],
        );
    }

    #[test]
    fn displaced_fragments_rule() {
        step_table(
            displaced_fragments,
            &[
                // The seed's «ا کتبر» line: the run «کتبر … اهمیت» belongs after «در ا».
                (
                    "کتبر ۲۰۲۴ بار دیگر بر اهمیت  یافت. الی کوهن، وزیر خارجه اسرائیل در ا",
                    "یافت. الی کوهن، وزیر خارجه اسرائیل در ا کتبر ۲۰۲۴ بار دیگر بر اهمیت",
                ),
                // A line may not start with a comma.
                (
                    " ، در نقطهای استراتژیک میان  آذربایجان، نگین قفقاز",
                    " آذربایجان، نگین قفقاز ، در نقطهای استراتژیک میان",
                ),
                // Three runs in reverse order: «… بن الیزر» + «، وزیر … تأ» + «کید کرد …».
                (
                    "کید کرد که موقعیت آذربایجان به عنوان  ، وزیر امور زیربنایی اسرائیل تأ بن الیزر",
                    "بن الیزر ، وزیر امور زیربنایی اسرائیل تأ کید کرد که موقعیت آذربایجان به عنوان",
                ),
                // A double space alone is not evidence.
                (
                    "آذربایجان و اسرائیل، دو جغرافیا با پیشینههای  متفاوت",
                    "آذربایجان و اسرائیل، دو جغرافیا با پیشینههای  متفاوت",
                ),
            ],
        );
    }

    #[test]
    fn join_lines_rule() {
        step_table(
            join_lines,
            &[
                (
                    "سطر اول\nسطر دوم.\n\nبند دوم.",
                    "سطر اول سطر دوم.\n\nبند دوم.",
                ),
                // A blank line inside a sentence is joined over; a digit range across it joins tight.
                (
                    "در طول انتفاضه دوم )۲۰۰۰-\n\n۲۰۰۴(، آذربایجان",
                    "در طول انتفاضه دوم )۲۰۰۰-۲۰۰۴(، آذربایجان",
                ),
                // A heading after a paragraph's end, followed directly by text.
                (
                    "پایان بند. \n\n  رفاقت روباه و خارپشت\nدر دسامبر ۲۰۲۳، گزارش‌ها نشان داد آذربایجان تنها کشور مسلمانی است که از",
                    "پایان بند.\n\nرفاقت روباه و خارپشت\n\nدر دسامبر ۲۰۲۳، گزارش‌ها نشان داد آذربایجان تنها کشور مسلمانی است که از",
                ),
                // A page number line is dropped.
                ("نشان دادند.\n\n2\n\n", "نشان دادند."),
                ("\n\n", ""),
                ("یک", "یک"),
                // Web text: a long line that ends a sentence is a paragraph.
                (
                    "این یک بند بلند است که از صفحه‌ای در وب آمده و در یک سطر نوشته شده، بی‌آنکه شکسته شود؛ این گونه متن‌ها هر بند را در یک سطر دارند و باید همان‌طور بمانند.\nبند دوم.",
                    "این یک بند بلند است که از صفحه‌ای در وب آمده و در یک سطر نوشته شده، بی‌آنکه شکسته شود؛ این گونه متن‌ها هر بند را در یک سطر دارند و باید همان‌طور بمانند.\n\nبند دوم.",
                ),
            ],
        );
    }

    #[test]
    fn split_words_rule() {
        step_table(
            split_words,
            &[
                ("در ا کتبر ۲۰۲۴", "در اکتبر ۲۰۲۴"),
                ("بر اهمیت روابط تأ کید کرد", "بر اهمیت روابط تأکید کرد"),
                ("به عنوان نمونه", "به عنوان نمونه"),
                ("نه تنها", "نه تنها"),
                ("(Zman.co. il) اعلام", "(Zman.co.il) اعلام"),
                ("Hello. It is", "Hello. It is"),
            ],
        );
    }

    #[test]
    fn zwnj_rule() {
        step_table(
            zwnj,
            &[
                ("میکند", "می\u{200C}کند"),
                ("نمیشود", "نمی\u{200C}شود"),
                ("بازمیگردد", "بازمی\u{200C}گردد"),
                ("قدرتهایی", "قدرت\u{200C}هایی"),
                ("نقطهای", "نقطه\u{200C}ای"),
                ("فوقالعادهای", "فوق\u{200C}العاده\u{200C}ای"),
                ("بهعنوان", "به\u{200C}عنوان"),
                ("بینالمللی", "بین\u{200C}المللی"),
                ("کردهاست", "کرده\u{200C}است"),
                ("علیاف", "علی\u{200C}اف"),
                ("حزبالله", "حزب\u{200C}الله"),
                ("کشورهای", "کشورهای"),
                ("مرزهای", "مرزهای"),
                ("نامهای", "نام\u{200C}های"),
                ("سالهاست", "سال\u{200C}هاست"),
                ("درنهایت", "درنهایت"),
                ("همکاریها", "همکاری\u{200C}ها"),
                ("میدان", "میدان"),
                ("می\u{200C}کند", "می\u{200C}کند"),
                ("آذربایجان", "آذربایجان"),
            ],
        );
    }

    #[test]
    fn persian_digits_rule() {
        step_table(
            persian_digits,
            &[
                ("در سال 2019 گفت", "در سال ۲۰۱۹ گفت"),
                ("۱۹20-۱۹18", "۱۹۲۰-۱۹۱۸"),
                ("تاریخ 1403/7/12", "تاریخ ۱۴۰۳/۷/۱۲"),
                ("F16 و ICT 2016", "F16 و ICT 2016"),
                ("Windows 10", "Windows 10"),
                ("2", "2"),
            ],
        );
    }

    #[test]
    fn reversed_digits_rule() {
        step_table(
            reversed_digits,
            &[
                ("(۱۹۲۰-۱۹۱۸)", "(۱۹۱۸-۱۹۲۰)"),
                ("۲۰۰۰-۲۰۰۴", "۲۰۰۰-۲۰۰۴"),
                ("۰۹۱۲-۱۲۳۴", "۰۹۱۲-۱۲۳۴"),
                ("9000-1000", "9000-1000"),
            ],
        );
    }

    #[test]
    fn mirrored_brackets_rule() {
        step_table(
            mirrored_brackets,
            &[
                ("دوم )۲۰۰۰-۲۰۰۴(، آذربایجان", "دوم (۲۰۰۰-۲۰۰۴)، آذربایجان"),
                (
                    "به عنوان »دوست اسرائیل« یاد کرد",
                    "به عنوان «دوست اسرائیل» یاد کرد",
                ),
                ("، ) Zman.co.il( اعلام", "، ( Zman.co.il) اعلام"),
                ("بزرگ )بیش از ۳۰۰۰ نفر ( و", "بزرگ (بیش از ۳۰۰۰ نفر ) و"),
                ("(INSS) و «نقل»", "(INSS) و «نقل»"),
                ("۱) یک (دو)", "۱) یک (دو)"),
            ],
        );
    }

    #[test]
    fn spacing_rule() {
        step_table(
            spacing,
            &[
                ("قفقاز ، در  نقطه", "قفقاز، در نقطه"),
                ("( Zman.co.il ) اعلام", "(Zman.co.il) اعلام"),
                ("بود .", "بود."),
                ("عدد ۳ .۳", "عدد ۳ .۳"),
                (" سطر \nدوم", "سطر\nدوم"),
            ],
        );
    }

    #[test]
    fn pipeline_on_seed_traps() {
        for (input, expected) in [
            ("در ا کتبر 2024 گفت.", "در اکتبر ۲۰۲۴ گفت."),
            (
                "دوم )۲۰۰۰-\n\n۲۰۰۴(، آذربایجان",
                "دوم (۲۰۰۰-۲۰۰۴)، آذربایجان",
            ),
            (
                "جمهوری دموکراتیک آذربایجان )۱۹20-۱۹18(، یهودیان",
                "جمهوری دموکراتیک آذربایجان (۱۹۱۸-۱۹۲۰)، یهودیان",
            ),
            (
                "اســـرائیل بهعنوان »دوست« یاد کرد.",
                "اسرائیل به\u{200C}عنوان «دوست» یاد کرد.",
            ),
        ] {
            let (out, log) = repair(input);
            assert_eq!(out, expected, "input «{input}»");
            assert_eq!(
                replay(input, &log).as_deref(),
                Ok(expected),
                "replay of «{input}»"
            );
            assert_eq!(normalize(input), expected, "normalize «{input}»");
        }
    }

    #[test]
    fn replay_refuses_a_bad_log() {
        let bad = [Repair {
            range: 0..3,
            before: "xyz".into(),
            after: "a".into(),
            rule: RepairRule::Tatweel,
        }];
        assert!(replay("abc", &bad).is_err());
        let oob = [Repair {
            range: 5..9,
            before: String::new(),
            after: "a".into(),
            rule: RepairRule::Tatweel,
        }];
        assert!(replay("abc", &oob).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn arbitrary_text_repairs_replayably(s in "\\PC{0,60}") {
            let (out, log) = repair(&s);
            prop_assert_eq!(replay(&s, &log), Ok(out.clone()));
            prop_assert_eq!(normalize(&s), out);
        }

        #[test]
        fn halves_give_what_one_run_gives(
            s in "([ا-ی]{1,6}|تأ|کید|ا|کتبر|میکند|نقطهای|Zman\\.co\\.|il|\u{200C}|\u{200D}|\u{200B}|\t| |  |\n|\n\n|\\.|،|\\(|\\)|«|»|-|[0-9]{1,4}|[۰-۹]{1,4}|a){0,60}"
        ) {
            for (step, sep) in [
                (split_words_in as Step, &b"\n"[..]),
                (zwnj_in, b"\n"),
                (invisible_controls_in, b"\n"),
                (displaced_fragments_in, b"\n\n"),
                (persian_digits_in, b"\n"),
                (reversed_digits_in, b"\n"),
                (mirrored_brackets_in, b"\n\n"),
                (spacing_in, b"\n"),
            ] {
                let (mut one, mut two) = (String::new(), String::new());
                let (mut log_one, mut log_two) = (Vec::new(), Vec::new());
                let changed = step(&s, &mut one, Some(&mut log_one));
                prop_assert_eq!(in_halves(step, &s, &mut two, Some(&mut log_two), 0, sep), changed);
                prop_assert_eq!(&one, &two);
                prop_assert_eq!(&log_one, &log_two);
                prop_assert_eq!(in_halves(step, &s, &mut two, None, 0, sep), changed);
                prop_assert_eq!(&one, &two);
            }
        }

        #[test]
        fn persianish_text_repairs_replayably(s in "[ا-یكيـ‌ ()«»\\n۰-۹0-9،.\\-]{0,80}") {
            let (out, log) = repair(&s);
            prop_assert_eq!(replay(&s, &log), Ok(out.clone()));
            for r in &log {
                prop_assert!(r.range.start <= r.range.end);
            }
        }
    }
}
