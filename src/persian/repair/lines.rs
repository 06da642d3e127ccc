//! Line-level steps: text runs displaced by a multi-column layout, and hard-wrapped lines
//! joined into paragraphs (headings kept apart, page numbers dropped).

use std::collections::HashMap;
use std::ops::Range;

use super::edits::{Edits, HALVES_FROM, in_halves};
use super::lexicon::{Lexicon, WordBuild, is_fa_letter, lexicon};
use super::{Repair, RepairRule};

/// Longest line (bytes) the displaced-fragment search looks at; longer lines are prose
/// saved one paragraph per line, not PDF lines.
pub(super) const MAX_PDF_LINE: usize = 400;

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

pub(super) fn displaced_fragments_in(
    input: &str,
    out: &mut String,
    log: Option<&mut Vec<Repair>>,
) -> bool {
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
pub(super) fn previous_line_start(b: &[u8], start: usize) -> usize {
    memchr::memrchr(b'\n', &b[..start - 1]).map_or(0, |i| i + 1)
}

/// (start offset, text) of each line, without its `\n`.
pub(super) fn line_spans(input: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in input.split('\n') {
        out.push((start, line));
        start += line.len() + 1;
    }
    out
}

pub(super) fn first_token(s: &str) -> &str {
    s.split(' ').find(|t| !t.is_empty()).unwrap_or("")
}

pub(super) fn last_token(s: &str) -> &str {
    s.rsplit(' ').find(|t| !t.is_empty()).unwrap_or("")
}

/// The letters at the end / start of a token (punctuation stripped).
pub(super) fn letters_end(t: &str) -> &str {
    let cut = t
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_fa_letter(c))
        .last()
        .map_or(t.len(), |(i, _)| i);
    &t[cut..]
}

pub(super) fn letters_start(t: &str) -> &str {
    let cut = t
        .char_indices()
        .find(|&(_, c)| !is_fa_letter(c))
        .map_or(t.len(), |(i, _)| i);
    &t[..cut]
}

/// How strongly tokens `a` then `b` look like two halves of one word split by the
/// extraction: 3 when their letters join into a known word and one half is no word,
/// 2 when both halves are words too, 0 otherwise.
pub(super) fn join_strength(a: &str, b: &str, lex: &Lexicon) -> i32 {
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
pub(super) struct Joins {
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

pub(super) fn arrangement_score(
    runs: &[&str],
    prev_tail: &str,
    next_head: &str,
    joins: &mut Joins,
) -> i32 {
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
pub(super) fn best_arrangement(
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
pub(super) fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '؟', ':', '»', '«', '"', '…', '؛'])
}

/// Whether a paragraph looks like a heading: short (at most 10 words, 80 chars), with no
/// final punctuation and no comma at its end.
/// Whether a line is a separator between items («***», «-----», «= = =»): three or more
/// of `-–—_*=#~•·+` and spaces, nothing else.
pub fn is_separator(line: &str) -> bool {
    let t = line.trim();
    // The test that fails at the first letter comes first: lines are mostly text.
    t.chars()
        .all(|c| c.is_whitespace() || "-–—_*=#~•·+".contains(c))
        && t.chars().filter(|c| !c.is_whitespace()).nth(2).is_some()
}

pub fn is_heading(p: &str) -> bool {
    let t = p.trim();
    !t.is_empty()
        && t.chars().count() <= 80
        && t.split_whitespace().count() <= 10
        && !ends_sentence(t)
        && !t.ends_with(['،', ',', '-', '(', ')'])
        && t.chars().any(char::is_alphabetic)
}

pub(super) fn is_page_number(line: &str) -> bool {
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
    // Text in the form this step writes (paragraphs apart by exactly one blank line, no
    // other line breaks) keeps its paragraphs: a paragraph's length or its count of words
    // decide headings and web-style lines, and later steps change those, so deciding
    // again would not give the same paragraphs (normalizing twice changes nothing more).
    let paragraph_form = is_paragraph_form(input.as_bytes());
    // Text laid out a paragraph per line (most lines end a sentence): a line that ends a
    // sentence ends its paragraph, however short. Hard-wrapped text (a PDF's lines break
    // mid-sentence) ends a sentence at a line's end only by chance.
    let line_form = !paragraph_form && is_line_form(&content, input);
    let mut heading_before = false; // the previous content line was a heading
    let mut dateline_before = false; // the previous content line was a dateline
    if let Some(first) = content.first()
        && first.start > 0
    {
        ed.replace(0..first.start, "", RepairRule::ParagraphBreak);
    }
    for k in 0..content.len() {
        let cur = &content[k];
        let cur_text = text(cur);
        let blank_before = k > 0 && input[content[k - 1].end..cur.start].matches('\n').count() >= 2;
        let after_separator = k > 0 && is_separator(text(&content[k - 1]));
        let prev_done =
            k == 0 || ends_sentence(text(&content[k - 1])) || heading_before || after_separator;
        let next_blank_or_end = content
            .get(k + 1)
            .is_none_or(|n| input[cur.end..n.start].matches('\n').count() >= 2);
        // A heading stands between blank lines, or is much shorter than the line after it.
        let heading = (k == 0 || (blank_before && prev_done) || after_separator)
            && is_heading(cur_text)
            && content.get(k + 1).is_some_and(|n| {
                next_blank_or_end || cur_text.chars().count() * 5 < text(n).chars().count() * 3
            });
        // A dateline («تاریخ انتشار: …», or a line holding only a date near the top or
        // after a finished sentence) is a paragraph of its own: it never runs into the
        // title above it or the lead below it.
        let dateline = crate::persian::dateline::is_dateline(cur_text)
            && (k <= 1
                || prev_done
                || blank_before
                || crate::persian::dateline::has_label(cur_text));
        if k > 0 {
            let gap = content[k - 1].end..cur.start;
            let gap_text = &input[gap.clone()];
            let has_page = gap_text
                .chars()
                .any(|c| crate::persian::digits::digit_value(c).is_some());
            // Web text keeps a paragraph per line: a long line (a PDF line holds fewer
            // than 150 chars) ends its paragraph.
            let long_line = k > 0 && text(&content[k - 1]).chars().count() > LONG_LINE;
            let new_para = if paragraph_form {
                !join_tight(text(&content[k - 1]), cur_text)
            } else {
                heading
                    || heading_before
                    || is_separator(cur_text)
                    || after_separator
                    || dateline
                    || dateline_before
                    || long_line
                    || (prev_done && (blank_before || line_form))
            };
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
        dateline_before = dateline;
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

/// Lines longer than this (chars) are no PDF line: web text, a paragraph per line.
const LONG_LINE: usize = 150;

/// Whether the text keeps a paragraph per line: at least [`LINE_FORM_LINES`] line breaks
/// between content lines and at least 60 % of those lines end a sentence. In hard-wrapped
/// text of the corpus, 6–25 % do; in text with a paragraph per line, 60–100 %.
fn is_line_form(content: &[Range<usize>], input: &str) -> bool {
    let Some((_, before_last)) = content.split_last() else {
        return false;
    };
    if before_last.len() < LINE_FORM_LINES {
        return false;
    }
    let ending = before_last
        .iter()
        .filter(|r| ends_sentence(&input[(*r).clone()]))
        .count();
    ending * 5 >= before_last.len() * 3
}

/// Fewest line breaks for [`is_line_form`] to judge a text by them.
const LINE_FORM_LINES: usize = 3;

/// Whether every line break of `b` is one of a pair (`"\n\n"`), at least one is, and no
/// line is blank but for spaces.
fn is_paragraph_form(b: &[u8]) -> bool {
    let mut i = 0;
    let mut any = false;
    while let Some(off) = memchr::memchr(b'\n', &b[i..]) {
        let at = i + off;
        if b.get(at + 1) != Some(&b'\n') || b.get(at + 2) == Some(&b'\n') {
            return false;
        }
        if at == 0
            || matches!(b[at - 1], b' ' | b'\t')
            || matches!(b.get(at + 2), Some(b' ' | b'\t'))
        {
            return false;
        }
        any = true;
        i = at + 2;
    }
    any
}

/// Whether two lines join without a space: a digit range broken after its dash, or a
/// line ending in ZWNJ.
pub(super) fn join_tight(a: &str, b: &str) -> bool {
    let digit =
        |c: Option<char>| c.is_some_and(|c| crate::persian::digits::digit_value(c).is_some());
    let mut ac = a.chars().rev();
    (a.ends_with(['-', '–']) && digit(ac.nth(1)) && digit(b.chars().next()))
        || a.ends_with('\u{200C}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persian::repair::tests::step_table;

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
                // A title, its dateline and the lead: three paragraphs, however the lines
                // run.
                (
                    "وزیر نیرو از سد تازه بازدید کرد\nتاریخ انتشار: ۱۴۰۲/۰۳/۱۱\nوزیر نیرو دیروز گفت: سد تا\nپایان سال آبگیری می‌شود.",
                    "وزیر نیرو از سد تازه بازدید کرد\n\nتاریخ انتشار: ۱۴۰۲/۰۳/۱۱\n\nوزیر نیرو دیروز گفت: سد تا پایان سال آبگیری می‌شود.",
                ),
                (
                    "بازدید از سد\n۱۱ خرداد ۱۴۰۲\nوزیر نیرو گفت.",
                    "بازدید از سد\n\n۱۱ خرداد ۱۴۰۲\n\nوزیر نیرو گفت.",
                ),
                // A separator line stands alone and ends what came before it.
                (
                    "پایان خبر اول.\n***\nعنوان خبر دوم\nمتن خبر دوم که از عنوان آن بسیار بلندتر است و چند واژه دارد.",
                    "پایان خبر اول.\n\n***\n\nعنوان خبر دوم\n\nمتن خبر دوم که از عنوان آن بسیار بلندتر است و چند واژه دارد.",
                ),
                // A paragraph per line, short lines: each line that ends a sentence ends its
                // paragraph; a line that does not is still joined.
                (
                    "وزیر گفت که سد آماده است.\nنشست فردا برگزار می‌شود.\nاین خبر را\nایرنا داد.\nپایان.",
                    "وزیر گفت که سد آماده است.\n\nنشست فردا برگزار می‌شود.\n\nاین خبر را ایرنا داد.\n\nپایان.",
                ),
                // Hard-wrapped lines that end a sentence only now and then are joined.
                (
                    "سطر اول خبر که ادامه دارد\nتا سطر دوم که پایان جمله است.\nسطر سوم که باز\nادامه دارد و\nپایان می‌یابد.",
                    "سطر اول خبر که ادامه دارد تا سطر دوم که پایان جمله است. سطر سوم که باز ادامه دارد و پایان می‌یابد.",
                ),
                // A line of a wrapped sentence that holds only a date is no dateline.
                (
                    "سطر اول خبر که با ویرگول می‌شکند، و ادامه دارد تا\nدر روز\n۱۱ خرداد ۱۴۰۲\nوزیر نیرو آمد.",
                    "سطر اول خبر که با ویرگول می‌شکند، و ادامه دارد تا در روز ۱۱ خرداد ۱۴۰۲ وزیر نیرو آمد.",
                ),
            ],
        );
    }
}
