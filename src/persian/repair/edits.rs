//! The editor every step builds its output with ([`Edits`]), byte scans over UTF-8
//! (`find_pair`, byte tables, chars at byte offsets) and running a step on two halves of
//! its input at once ([`in_halves`]).

use std::ops::Range;

use super::{Repair, RepairRule, Step};

/// Builds a step's output in one pass: copies the input between replacements, as whole
/// slices, into the caller's buffer (reserved on the first replacement).
pub(super) struct Edits<'a, 'o, 'l> {
    input: &'a str,
    out: &'o mut String,
    copied: usize,
    changed: bool,
    log: Option<&'l mut Vec<Repair>>,
    first: usize,
}

impl<'a, 'o, 'l> Edits<'a, 'o, 'l> {
    pub(super) fn new(
        input: &'a str,
        out: &'o mut String,
        log: Option<&'l mut Vec<Repair>>,
    ) -> Self {
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
    pub(super) fn replace(&mut self, range: Range<usize>, after: &str, rule: RepairRule) {
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
    pub(super) fn finish(self) -> bool {
        if self.changed {
            self.out.push_str(&self.input[self.copied..]);
        }
        self.changed
    }
}

/// The char starting at byte `i` of `s` (`None` at the end or off a char boundary).
pub(super) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// The char ending at byte `i` of `s` (`None` at the start or off a char boundary).
pub(super) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|t| t.chars().next_back())
}

/// The code point of the two-byte UTF-8 sequence `lead`, `cont` (U+0080–U+07FF).
pub(super) fn two_byte(lead: u8, cont: u8) -> u32 {
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
pub(super) const fn byte_table(ranges: &[(u8, u8)]) -> [bool; 256] {
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

/// Input size (bytes) from which the steps that can run on two halves of their input at
/// once (see [`in_halves`]) do.
pub(super) const HALVES_FROM: usize = 256 * 1024;

/// Runs `step` on the two halves of an input of at least `from` bytes at once (on two
/// threads), split just after the first `sep` (a newline, or a blank line) from the
/// middle on, and joins their outputs and logs (the second half's ranges moved by its
/// offset). For a step that looks no further than that separator, never changes it and
/// never makes a repair end where the next starts across it, that is what one run gives
/// (checked by a property test of each such step). A smaller input runs on this thread.
pub(super) fn in_halves(
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

/// Whether byte `at` of `s` lies inside a URL: the text from the last whitespace before it
/// holds `://` or `www.` (looked for only where a word follows a URL's punctuation, so a
/// word after a space costs nothing).
#[inline]
pub(super) fn in_url(s: &str, at: usize) -> bool {
    let b = s.as_bytes();
    at > 0
        && matches!(
            b[at - 1],
            b'/' | b'-' | b'_' | b'=' | b'.' | b'?' | b'&' | b'%' | b'#' | b'+' | b':'
        )
        && url_before(b, at)
}

/// Whether the text of `b` from the last whitespace before `at` holds `://` or `www.`.
#[inline(never)]
pub(super) fn url_before(b: &[u8], at: usize) -> bool {
    let from = at.saturating_sub(2048);
    let start = b[from..at]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(from, |i| from + i + 1);
    let token = &b[start..at];
    memchr::memmem::find(token, b"://").is_some() || memchr::memmem::find(token, b"www.").is_some()
}
