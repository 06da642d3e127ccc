//! The review pane's corrections: each repair placed in the repaired text with a few words
//! of context on either side, and shown as one line that needs no arrow — context, the
//! removed text (tinted), the inserted text (highlighted), context — with invisible
//! characters (ZWNJ, line breaks, tatweel, no-break spaces…) shown by name or symbol.

use std::ops::Range;

use egui::Color32;

use crate::persian::repair::{Repair, RepairRule};
use crate::text::{Span, SpanFormat, TextJob};
use crate::ui::i18n::{Lang, isolate};
use crate::ui::theme::Theme;

/// Words of context shown on each side of a change.
const CONTEXT_WORDS: usize = 4;
/// Chars of context shown on each side at most.
const CONTEXT_CHARS: usize = 36;
/// Chars of a removed or inserted text shown at most (the middle is elided).
const PIECE_CHARS: usize = 40;
/// How far back or ahead (bytes) the context is looked for.
const CONTEXT_BYTES: usize = 400;
/// The symbol that stands for a line break.
const LINE_BREAK: &str = "¶";
/// Pads a name or a changed text inside its highlight.
const THIN_SPACE: char = '\u{2009}';
/// Stands for elided text (Vazirmatn has it).
const ELLIPSIS: char = '…';

/// One repair as the review pane shows it. `before` and `after` are context from the
/// repaired text (same paragraph; starting or ending with «…» where cut); `removed` and
/// `inserted` are what the repair took out and put in, without the parts the two share at
/// their edges (so a restored ZWNJ shows as the ZWNJ alone between its word's halves).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub rule: RepairRule,
    pub before: String,
    pub removed: String,
    pub inserted: String,
    pub after: String,
}

/// The corrections of `repairs` (as the import logged them on the decoded `input`), in
/// their order. When the log does not replay on `input` the corrections have no context.
pub fn corrections(input: &str, repairs: &[Repair]) -> Vec<Correction> {
    let (text, ranges) = place(input, repairs).unwrap_or_default();
    repairs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (pre, post) = ranges
                .get(i)
                .and_then(|g| Some((text.get(..g.start)?, text.get(g.end..)?)))
                .unwrap_or(("", ""));
            let (p, s) = shared_edges(&r.before, &r.after);
            let mut c = Correction {
                rule: r.rule,
                before: context_before(pre, &r.before[..p]),
                removed: r.before[p..r.before.len() - s].to_owned(),
                inserted: r.after[p..r.after.len() - s].to_owned(),
                after: context_after(&r.before[r.before.len() - s..], post),
            };
            whole_numbers(&mut c);
            c
        })
        .collect()
}

/// Moves the digits of a number that the change cuts from the context into both the
/// removed and the inserted text, so that «۱۹20» shows as «۱۹20» and «۱۹۲۰», never as
/// «۱۹» beside «20» (which a right-to-left line would draw as «20۱۹»).
fn whole_numbers(c: &mut Correction) {
    let pieces = [c.removed.as_str(), c.inserted.as_str()];
    if pieces
        .iter()
        .any(|p| p.chars().next().is_some_and(char::is_numeric))
    {
        let keep = c.before.trim_end_matches(char::is_numeric).len();
        let digits = c.before.split_off(keep);
        c.removed.insert_str(0, &digits);
        c.inserted.insert_str(0, &digits);
    }
    let pieces = [c.removed.as_str(), c.inserted.as_str()];
    if pieces
        .iter()
        .any(|p| p.chars().next_back().is_some_and(char::is_numeric))
    {
        let n = c.after.len() - c.after.trim_start_matches(char::is_numeric).len();
        let digits: String = c.after.drain(..n).collect();
        c.removed.push_str(&digits);
        c.inserted.push_str(&digits);
    }
}

/// The repaired text and where each repair's `after` ended up in it: the repairs are
/// applied step by step (as `persian::repair::replay` does) and the ranges placed by
/// earlier steps are moved through the later ones. `None` when a repair does not fit.
fn place(input: &str, repairs: &[Repair]) -> Option<(String, Vec<Range<usize>>)> {
    let mut text = input.to_owned();
    let mut placed: Vec<Range<usize>> = Vec::with_capacity(repairs.len());
    let mut i = 0;
    while i < repairs.len() {
        let step = repairs[i].rule.step();
        let n = repairs[i..]
            .iter()
            .take_while(|r| r.rule.step() == step)
            .count();
        let group = &repairs[i..i + n];
        // (start, end) in the step's input, (start, end) in its output.
        let mut marks: Vec<[usize; 4]> = Vec::with_capacity(group.len());
        let mut out = String::with_capacity(text.len() + text.len() / 16);
        let mut copied = 0;
        for r in group {
            if r.range.start < copied || text.get(r.range.clone()) != Some(r.before.as_str()) {
                return None;
            }
            out.push_str(&text[copied..r.range.start]);
            let at = out.len();
            out.push_str(&r.after);
            marks.push([r.range.start, r.range.end, at, out.len()]);
            copied = r.range.end;
        }
        out.push_str(&text[copied..]);
        for p in &mut placed {
            *p = moved(p.start, &marks, false)..moved(p.end, &marks, true);
        }
        placed.extend(marks.iter().map(|m| m[2]..m[3]));
        text = out;
        i += n;
    }
    Some((text, placed))
}

/// Where byte `pos` of a step's input lands in its output, given the step's `marks`
/// (sorted, see [`place`]). A position inside a replaced range goes to the replacement's
/// end when `end`, else to its start.
fn moved(pos: usize, marks: &[[usize; 4]], end: bool) -> usize {
    let k = marks.partition_point(|m| m[1] <= pos);
    if let Some(m) = marks.get(k)
        && m[0] < pos
        && pos < m[1]
    {
        return if end { m[3] } else { m[2] };
    }
    match k.checked_sub(1).and_then(|j| marks.get(j)) {
        Some(m) => pos - m[1] + m[3],
        None => pos,
    }
}

/// Byte lengths of the start and end that `a` and `b` share (whole chars, no line break,
/// not overlapping, not cutting a number: «۱۹۲۰-۱۹۱۸» and «۱۹۱۸-۱۹۲۰» share nothing).
fn shared_edges(a: &str, b: &str) -> (usize, usize) {
    let digit_at = |s: &str, i: usize| s[i..].chars().next().is_some_and(char::is_numeric);
    let digit_before = |s: &str, i: usize| s[..i].chars().next_back().is_some_and(char::is_numeric);
    let mut p: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y && *x != '\n')
        .map(|(x, _)| x.len_utf8())
        .sum();
    while digit_before(a, p) && (digit_at(a, p) || digit_at(b, p)) {
        p -= a[..p].chars().next_back().map_or(1, char::len_utf8);
    }
    let room = a.len().min(b.len()) - p;
    let mut s = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y || x == '\n' || s + x.len_utf8() > room {
            break;
        }
        s += x.len_utf8();
    }
    while s > 0
        && digit_at(a, a.len() - s)
        && (digit_before(a, a.len() - s) || digit_before(b, b.len() - s))
    {
        s -= a[a.len() - s..].chars().next().map_or(1, char::len_utf8);
    }
    (p, s)
}

/// A few words of `pre` (within its last line) followed by `extra`.
fn context_before(pre: &str, extra: &str) -> String {
    let mut from = pre.len().saturating_sub(CONTEXT_BYTES);
    while !pre.is_char_boundary(from) {
        from -= 1;
    }
    let line_start = pre.rfind('\n').map_or(0, |i| i + 1).max(from);
    let t = format!("{}{extra}", &pre[line_start..]);
    let cut = context_cut(t.char_indices().rev(), |i, _| i, t.len());
    let shown = t[cut..].trim_start();
    if (cut > 0 || line_start > 0 && !pre[..line_start].ends_with('\n')) && !shown.is_empty() {
        format!("{ELLIPSIS}{shown}")
    } else {
        shown.to_owned()
    }
}

/// `extra` followed by a few words of `post` (within its first line).
fn context_after(extra: &str, post: &str) -> String {
    let mut to = post.len().min(CONTEXT_BYTES);
    while !post.is_char_boundary(to) {
        to += 1;
    }
    let line_end = post.find('\n').unwrap_or(post.len()).min(to);
    let t = format!("{extra}{}", &post[..line_end]);
    let cut = context_cut(t.char_indices(), |i, c| i + c.len_utf8(), 0);
    let shown = t[..cut].trim_end();
    let more = cut < t.len() || line_end < post.len() && post.as_bytes()[line_end] != b'\n';
    if more && !shown.is_empty() {
        format!("{shown}{ELLIPSIS}")
    } else {
        shown.to_owned()
    }
}

/// Where the context ends, walking `chars` away from the change: after [`CONTEXT_WORDS`]
/// words or [`CONTEXT_CHARS`] chars. `edge(i, c)` is the cut just past char `c` at byte
/// `i` (its start walking back, its end walking on); `start` is the cut before any char.
fn context_cut(
    chars: impl Iterator<Item = (usize, char)>,
    edge: impl Fn(usize, char) -> usize,
    start: usize,
) -> usize {
    let (mut cut, mut words, mut n, mut in_word) = (start, 0, 0, false);
    for (i, c) in chars {
        if n == CONTEXT_CHARS {
            break;
        }
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == CONTEXT_WORDS {
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
        cut = edge(i, c);
        n += 1;
    }
    cut
}

/// `piece` as shown: line breaks as «¶», invisible characters by name (padded with thin
/// spaces), spaces by name when the piece holds nothing else, a long piece elided in the
/// middle. Returns the text and the byte ranges of the names in it.
pub fn shown(piece: &str, lang: Lang) -> (String, Vec<Range<usize>>) {
    let n = piece.chars().count();
    let elided: String = if n > PIECE_CHARS {
        let half = PIECE_CHARS / 2;
        let head: String = piece.chars().take(half).collect();
        let tail: String = piece.chars().skip(n - half).collect();
        format!("{head} {ELLIPSIS} {tail}")
    } else {
        piece.to_owned()
    };
    let only_spaces = piece.chars().all(|c| c == ' ');
    let mut out = String::new();
    let mut names = Vec::new();
    let mut chars = elided.chars().peekable();
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.peek() == Some(&c) {
            chars.next();
            run += 1;
        }
        if c == '\n' {
            if run <= 3 {
                out.push_str(&LINE_BREAK.repeat(run));
            } else {
                out.push_str(&format!("{LINE_BREAK}×{}", lang.num(run)));
            }
            continue;
        }
        let name: Option<String> = if c == ' ' && only_spaces {
            Some(lang.strings().review_space.to_owned())
        } else if let Some(name) = lang.char_name(c) {
            Some(name.to_owned())
        } else if is_invisible(c) {
            Some(isolate(&format!("U+{:04X}", u32::from(c))))
        } else {
            None
        };
        match name {
            Some(name) => {
                if !out.is_empty() && !out.ends_with(THIN_SPACE) {
                    out.push(THIN_SPACE);
                }
                let start = out.len();
                out.push_str(&name);
                if run > 1 {
                    out.push_str(&format!(" ×{}", lang.num(run)));
                }
                names.push(start..out.len());
                out.push(THIN_SPACE);
            }
            None => {
                for _ in 0..run {
                    out.push(c);
                }
            }
        }
    }
    if out.ends_with(THIN_SPACE) && names.last().is_some_and(|r| r.end + 3 == out.len()) {
        out.pop();
    }
    (out, names)
}

/// Whether `c` draws nothing (controls and format characters).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{FFFE}')
}

/// Colours of a correction line.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub ink: Color32,
    pub muted: Color32,
    pub removed: Color32,
    pub removed_bg: Color32,
    pub inserted: Color32,
    pub inserted_bg: Color32,
    pub name: Color32,
}

impl Palette {
    pub fn new(theme: Theme) -> Self {
        if theme.is_dark() {
            Self {
                ink: crate::ui::theme::ink(theme),
                muted: crate::ui::theme::muted(theme),
                removed: Color32::from_rgb(0xF0, 0x90, 0x88),
                removed_bg: Color32::from_rgba_unmultiplied(0xC0, 0x40, 0x38, 60),
                inserted: Color32::from_rgb(0xA8, 0xE0, 0xA8),
                inserted_bg: Color32::from_rgba_unmultiplied(0x40, 0xA0, 0x50, 70),
                name: Color32::from_rgb(0x9C, 0xC0, 0xE8),
            }
        } else {
            Self {
                ink: crate::ui::theme::ink(theme),
                muted: crate::ui::theme::muted(theme),
                removed: Color32::from_rgb(0xA8, 0x24, 0x1C),
                removed_bg: Color32::from_rgba_unmultiplied(0xF0, 0x80, 0x70, 70),
                inserted: Color32::from_rgb(0x17, 0x5E, 0x2A),
                inserted_bg: Color32::from_rgba_unmultiplied(0x60, 0xC8, 0x70, 90),
                name: Color32::from_rgb(0x2F, 0x5F, 0xA0),
            }
        }
    }
}

/// The line of correction `c`: its context in muted ink, the removed text tinted, the
/// inserted text highlighted, names of invisible characters in their own colour. The
/// removed and inserted texts are isolated, so each keeps its own direction and neither
/// joins the letters around it.
pub fn correction_job(c: &Correction, lang: Lang, pal: &Palette, size: f32) -> TextJob {
    let mut text = c.before.clone();
    let mut spans = Vec::new();
    for (piece, fg, bg) in [
        (&c.removed, pal.removed, pal.removed_bg),
        (&c.inserted, pal.inserted, pal.inserted_bg),
    ] {
        if piece.is_empty() {
            continue;
        }
        let (shown, names) = shown(piece, lang);
        let start = text.len();
        // FSI, then a thin space: the names' ranges move by both.
        let offset = start + '\u{2068}'.len_utf8() + THIN_SPACE.len_utf8();
        text.push_str(&isolate(&format!("{THIN_SPACE}{shown}{THIN_SPACE}")));
        spans.push(Span::styled(
            start..text.len(),
            SpanFormat {
                color: Some(fg),
                background: Some(bg),
                ..Default::default()
            },
        ));
        for r in names {
            spans.push(Span::styled(
                r.start + offset..r.end + offset,
                SpanFormat {
                    color: Some(pal.name),
                    ..Default::default()
                },
            ));
        }
    }
    text.push_str(&c.after);
    let mut job = TextJob::new(text)
        .size(size)
        .color(pal.muted)
        .selectable(false);
    job.spans = spans;
    job
}

/// The plain-text account of correction `c` (its row's AccessKit label): the rule, the
/// context and the removed and inserted texts, invisible characters by name.
pub fn correction_label(c: &Correction, lang: Lang) -> String {
    let s = lang.strings();
    let plain = |t: &str| {
        shown(t, lang)
            .0
            .chars()
            .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}') && *c != THIN_SPACE)
            .collect::<String>()
    };
    let mut out = format!("{}: {}", lang.rule_name(c.rule), c.before);
    if !c.removed.is_empty() {
        out.push_str(&format!(" [{}: {}]", s.review_removed, plain(&c.removed)));
    }
    if !c.inserted.is_empty() {
        out.push_str(&format!(" [{}: {}]", s.review_inserted, plain(&c.inserted)));
    }
    if !c.after.is_empty() {
        out.push(' ');
        out.push_str(&c.after);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persian::repair::repair;

    fn find(cs: &[Correction], rule: RepairRule) -> &Correction {
        cs.iter()
            .find(|c| c.rule == rule)
            .unwrap_or_else(|| panic!("no {rule:?} in {cs:#?}"))
    }

    /// Each correction's context comes from the repaired text around where it applies.
    #[test]
    fn corrections_carry_their_context() {
        let input = "باغبان پیر هر روز گلها را آب میداد و كار خود را دوست داشت.\r\n\
                     او  گفت که باغ  زیبا است.";
        let (_, repairs) = repair(input);
        let cs = corrections(input, &repairs);
        assert_eq!(cs.len(), repairs.len());
        let k = find(&cs, RepairRule::ArabicLetter);
        assert_eq!((k.removed.as_str(), k.inserted.as_str()), ("ك", "ک"));
        // The context is the repaired text: «میداد» has its ZWNJ back.
        assert!(k.before.ends_with("آب می\u{200C}داد و "), "{k:?}");
        assert!(k.after.starts_with("ار خود"), "{k:?}");
        let z: Vec<&Correction> = cs.iter().filter(|c| c.rule == RepairRule::Zwnj).collect();
        assert!(
            z.iter().any(|c| c.removed.is_empty()
                && c.inserted == "\u{200C}"
                && c.before.ends_with("می")),
            "a restored ZWNJ is the ZWNJ alone between its word's halves: {z:#?}"
        );
        let sp = find(&cs, RepairRule::Spacing);
        assert_eq!(sp.inserted, "", "{sp:?}");
        assert!(sp.removed.chars().all(|c| c == ' '), "{sp:?}");
        assert!(
            !sp.before.contains('\n') && !sp.after.contains('\n'),
            "context stays in its paragraph: {sp:?}"
        );
    }

    #[test]
    fn shared_edges_keep_words_apart_but_numbers_whole() {
        for (a, b, want) in [
            ("میکند", "می\u{200C}کند", ("می", "کند")),
            ("رئيس", "رئیس", ("رئ", "س")),
            ("۱۹۲۰-۱۹۱۸", "۱۹۱۸-۱۹۲۰", ("", "")),
            ("سال 20", "سال ۲۰", ("سال ", "")),
            ("ab\n\n\n", "ab\n\n", ("ab", "")),
        ] {
            let (p, s) = shared_edges(a, b);
            assert_eq!((&a[..p], &a[a.len() - s..]), want, "{a:?} / {b:?}");
        }
    }

    /// A change inside a number shows the whole number, removed and inserted.
    #[test]
    fn a_number_is_shown_whole() {
        let input = "او در سال ۱۹20 نامه نوشت.";
        let (_, repairs) = repair(input);
        let cs = corrections(input, &repairs);
        let m = find(&cs, RepairRule::MixedDigits);
        assert_eq!(
            (m.removed.as_str(), m.inserted.as_str()),
            ("۱۹20", "۱۹۲۰"),
            "{m:?}"
        );
        assert!(m.before.ends_with("سال "), "{m:?}");
        assert!(m.after.starts_with(" نامه"), "{m:?}");
    }

    #[test]
    fn context_is_a_few_words_and_marks_cuts() {
        let pre = "یک دو سه چهار پنج شش هفت";
        assert_eq!(context_before(pre, ""), "…چهار پنج شش هفت");
        assert_eq!(context_before("سطر قبل\nیک دو", ""), "یک دو");
        assert_eq!(context_after("", "یک دو سه چهار پنج شش"), "یک دو سه چهار…");
        assert_eq!(context_after("", "یک دو\nسطر بعد"), "یک دو");
        assert_eq!(context_after("", ""), "");
    }

    #[test]
    fn placing_moves_earlier_changes_through_later_steps() {
        // A tatweel removed, then (a later step) a ZWNJ restored in an earlier word.
        let input = "او میرود به خانـه";
        let (fixed, repairs) = repair(input);
        let (text, ranges) = place(input, &repairs).unwrap_or_default();
        assert_eq!(text, fixed);
        for (r, g) in repairs.iter().zip(&ranges) {
            assert_eq!(&text[g.clone()], r.after, "{r:?} lands on its replacement");
        }
        let t = repairs
            .iter()
            .position(|r| r.rule == RepairRule::Tatweel)
            .and_then(|i| ranges.get(i))
            .unwrap_or_else(|| panic!("no tatweel in {repairs:?}"));
        assert!(
            text[..t.start].ends_with("خان") && text[t.end..].starts_with('ه'),
            "the removed tatweel stands where it was, after the later ZWNJ: {text:?} {t:?}"
        );
        assert!(repairs.iter().any(|r| r.rule == RepairRule::Zwnj));
    }

    #[test]
    fn invisible_characters_are_named() {
        for (piece, lang, want) in [
            ("\u{200C}", Lang::Fa, "نیم‌فاصله"),
            ("\u{200C}", Lang::En, "ZWNJ"),
            ("\n", Lang::Fa, "¶"),
            ("\n\n\n\n", Lang::Fa, "¶×۴"),
            ("  ", Lang::Fa, "فاصله ×۲"),
            ("ـــ", Lang::En, "tatweel ×3"),
            ("\u{A0}", Lang::En, "no-break space"),
            ("\u{2066}", Lang::En, "U+2066"),
        ] {
            let (got, names) = shown(piece, lang);
            let plain: String = got
                .chars()
                .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
                .collect();
            assert_eq!(
                plain.trim_matches(THIN_SPACE),
                want,
                "{piece:?} in {lang:?}"
            );
            assert!(!got.contains("\\u"), "no escapes: {got:?}");
            if want != "¶" && want != "¶×۴" {
                assert_eq!(names.len(), 1, "{piece:?}: one name");
            }
        }
        // A space among letters is a space; a long piece is elided in the middle.
        assert_eq!(shown("دو واژه", Lang::Fa).0, "دو واژه");
        let long = "ا".repeat(100);
        assert!(shown(&long, Lang::Fa).0.contains('…'));
    }

    #[test]
    fn the_job_highlights_removed_and_inserted_text() {
        let c = Correction {
            rule: RepairRule::Zwnj,
            before: "…او می".to_owned(),
            removed: String::new(),
            inserted: "\u{200C}".to_owned(),
            after: "رود".to_owned(),
        };
        let pal = Palette::new(Theme::Light);
        let job = correction_job(&c, Lang::Fa, &pal, 13.0);
        let hl = job
            .spans
            .iter()
            .find(|s| s.format.background == Some(pal.inserted_bg))
            .unwrap_or_else(|| panic!("{job:?}"));
        assert!(job.text[hl.range.clone()].contains("نیم‌فاصله"));
        let name = job
            .spans
            .iter()
            .find(|s| s.format.color == Some(pal.name))
            .unwrap_or_else(|| panic!("{job:?}"));
        assert_eq!(&job.text[name.range.clone()], "نیم‌فاصله");
        assert_eq!(
            correction_label(&c, Lang::En),
            "ZWNJ: …او می [inserted: ZWNJ] رود"
        );
    }
}
