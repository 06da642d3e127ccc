//! Repair of damaged Persian text (PDF and web extraction): each step is a separate
//! function that builds its output in one pass and may record every change it makes as a
//! [`Repair`], so the user can review it and [`replay`] reproduces the output.
//!
//! The steps, in pipeline order ([`repair`] runs them all, [`normalize`] without the log),
//! one concept per file:
//! - `chars.rs`: line endings; Arabic presentation forms; Arabic letter variants
//!   (ي ى ك → ی ک); tatweel; stray invisible controls, and no-break spaces or LRM/RLM
//!   typed for a ZWNJ;
//! - `lines.rs`: fragments displaced by a multi-column layout; hard-wrapped lines joined
//!   into paragraphs (headings kept apart, page numbers dropped);
//! - `words.rs`: words split by a stray space, affixes and compounds written apart
//!   («می نویسد», «کتاب ها», «سرمایه گذاران»); ZWNJ restored in glued words, every
//!   reading weighed by the lexicon (hazm's word list, `lexicon.rs`, `assets/lexicon/`);
//! - `digits.rs`: numbers whose digits mix scripts unified (digits otherwise keep the
//!   script the source used); reversed year ranges;
//! - `punctuation.rs`: mirrored brackets and guillemets; spacing around punctuation; a
//!   missing space after «.», «:», «!», «،», «؛», «؟».
//!
//! `edits.rs` holds the editor the steps write with and the byte scans they share.
//!
//! Conventions (see the normalizer cases in this module's tests): the orthography of the
//! Academy of Persian Language and Literature («دستور خط فارسی»): «می‌»/«نمی‌» and «بی‌»
//! joined with ZWNJ, «‌ها», «‌تر», «‌ترین» with ZWNJ, «‌ای», «‌اند»… with ZWNJ after a final
//! ه, «است» apart. No ZWNJ is added after a letter that does not join (ا د ذ ر ز ژ و),
//! and one the source put there is left alone. Where two forms are standard the text's own
//! is kept. Correct text comes back unchanged, and normalizing twice changes nothing more.
//!
//! The output separates paragraphs (and headings) by one blank line, `"\n\n"`.

mod chars;
mod digits;
mod edits;
mod lexicon;
mod lines;
mod presentation_forms;
mod punctuation;
mod words;

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

pub use chars::{arabic_letters, invisible_controls, line_endings, presentation_forms, tatweel};
pub use digits::{mixed_digits, reversed_digits};
pub use lexicon::{Lexicon, WordBuild, is_fa_letter, lexicon};
pub use lines::{displaced_fragments, is_heading, is_separator, join_lines};
pub use punctuation::{mirrored_brackets, missing_space, spacing};
pub use words::{restore_zwnj, split_words, zwnj};

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
    /// Zero-width space, BOM, soft hyphen, C0/C1 controls, LRM/RLM removed; ZWNJ beside a
    /// space removed.
    InvisibleControl,
    /// A no-break space or LRM/RLM typed for a ZWNJ inside a word made a ZWNJ
    /// («می\u{A0}کند» → «می‌کند»).
    BrokenZwnj,
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
    /// An affix written apart attached («می کند» → «می‌کند», «کتاب ها» → «کتاب‌ها»).
    SplitAffix,
    /// ZWNJ restored («میکند» → «می‌کند»).
    Zwnj,
    /// A number whose digits mix scripts («۱۹20») written in one script.
    MixedDigits,
    /// A year range written backwards («۱۹۲۰-۱۹۱۸» → «۱۹۱۸-۱۹۲۰»).
    ReversedDigits,
    /// Brackets or guillemets mirrored by extraction («»دوست« → «دوست»»).
    MirroredBracket,
    /// Spaces collapsed, and removed before closing punctuation and after opening brackets.
    Spacing,
    /// A space added after «.», «:», «!», «،», «؛» or «؟» directly followed by a word.
    MissingSpace,
}

impl RepairRule {
    /// Every rule, in pipeline order (what the review pane names and counts).
    pub const ALL: [RepairRule; 18] = [
        Self::LineEnding,
        Self::PresentationForm,
        Self::ArabicLetter,
        Self::Tatweel,
        Self::InvisibleControl,
        Self::BrokenZwnj,
        Self::DisplacedFragment,
        Self::LineJoin,
        Self::ParagraphBreak,
        Self::PageNumber,
        Self::SplitWord,
        Self::SplitAffix,
        Self::Zwnj,
        Self::MixedDigits,
        Self::ReversedDigits,
        Self::MirroredBracket,
        Self::Spacing,
        Self::MissingSpace,
    ];

    /// Index of the pipeline step that applies this rule (steps run in increasing order).
    pub fn step(self) -> u8 {
        match self {
            Self::LineEnding => 0,
            Self::PresentationForm => 1,
            Self::ArabicLetter => 2,
            Self::Tatweel => 3,
            Self::InvisibleControl | Self::BrokenZwnj => 4,
            Self::DisplacedFragment => 5,
            Self::LineJoin | Self::ParagraphBreak | Self::PageNumber => 6,
            Self::SplitWord | Self::SplitAffix => 7,
            Self::Zwnj => 8,
            Self::MixedDigits => 9,
            Self::ReversedDigits => 10,
            Self::MirroredBracket => 11,
            Self::Spacing => 12,
            Self::MissingSpace => 13,
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
            Self::BrokenZwnj => "broken ZWNJ",
            Self::DisplacedFragment => "displaced fragment",
            Self::LineJoin => "line join",
            Self::ParagraphBreak => "paragraph break",
            Self::PageNumber => "page number",
            Self::SplitWord => "split word",
            Self::SplitAffix => "affix written apart",
            Self::Zwnj => "ZWNJ",
            Self::MixedDigits => "mixed digits",
            Self::ReversedDigits => "reversed digits",
            Self::MirroredBracket => "mirrored bracket",
            Self::Spacing => "spacing",
            Self::MissingSpace => "missing space",
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
pub const STEPS: [Step; 14] = [
    line_endings,
    presentation_forms,
    arabic_letters,
    tatweel,
    invisible_controls,
    displaced_fragments,
    join_lines,
    split_words,
    zwnj,
    mixed_digits,
    reversed_digits,
    mirrored_brackets,
    spacing,
    missing_space,
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

#[cfg(test)]
mod tests {
    use super::chars::*;
    use super::digits::*;
    use super::edits::*;
    use super::lines::*;
    use super::punctuation::*;
    use super::words::*;
    use super::*;
    use proptest::prelude::*;

    /// `RepairRule::ALL` lists every rule once, in step order, and every step has a rule.
    #[test]
    fn all_lists_every_rule() {
        // An exhaustive match: a new rule does not compile until it is placed here, and
        // its place must be its index in `ALL`.
        let place = |r: RepairRule| match r {
            RepairRule::LineEnding => 0,
            RepairRule::PresentationForm => 1,
            RepairRule::ArabicLetter => 2,
            RepairRule::Tatweel => 3,
            RepairRule::InvisibleControl => 4,
            RepairRule::BrokenZwnj => 5,
            RepairRule::DisplacedFragment => 6,
            RepairRule::LineJoin => 7,
            RepairRule::ParagraphBreak => 8,
            RepairRule::PageNumber => 9,
            RepairRule::SplitWord => 10,
            RepairRule::SplitAffix => 11,
            RepairRule::Zwnj => 12,
            RepairRule::MixedDigits => 13,
            RepairRule::ReversedDigits => 14,
            RepairRule::MirroredBracket => 15,
            RepairRule::Spacing => 16,
            RepairRule::MissingSpace => 17,
        };
        for (i, r) in RepairRule::ALL.iter().enumerate() {
            assert_eq!(place(*r), i, "{r:?} stands at {i} in ALL");
        }
        assert!(
            RepairRule::ALL
                .windows(2)
                .all(|w| w[0].step() <= w[1].step()),
            "ALL is in step order"
        );
        for step in 0..STEPS.len() {
            assert!(
                RepairRule::ALL
                    .iter()
                    .any(|r| usize::from(r.step()) == step),
                "step {step} has a rule"
            );
        }
    }

    pub(super) fn step_table(step: Step, cases: &[(&str, &str)]) {
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

    /// Normalizer cases, each with the reason for its expected form.
    ///
    /// The conventions are those of the Academy of Persian Language and Literature's
    /// orthography («دستور خط فارسی», فرهنگستان زبان و ادب فارسی): the verbal prefixes «می»
    /// and «نمی» are written joined to the verb with ZWNJ (a verbal particle before them
    /// joins them: «برمی‌دارد»); the plural «ها» (with «های», «هایی»…) and the comparative
    /// «تر», «ترین» follow the word with ZWNJ; after a final ه the clitics «‌ای», «‌اند»,
    /// «‌ام»… take ZWNJ while «است» stays a separate word; compounds are written as the
    /// lexicon (hazm's word list) spells them. Where the Academy allows two forms (a joined
    /// «بیشترین» or «تحلیلگران», «به عنوان» apart) the text's own form is kept. Digits stay in
    /// the script the source used.
    const NORMALIZER_CASES: &[(&str, &str, &str)] = &[
        // Prefixes written apart.
        (
            "او نامه می نویسد.",
            "او نامه می‌نویسد.",
            "«می» joins its verb with ZWNJ",
        ),
        (
            "مردم نمی دانند.",
            "مردم نمی‌دانند.",
            "«نمی» joins its verb with ZWNJ",
        ),
        (
            "کتاب را بر می دارد.",
            "کتاب را برمی‌دارد.",
            "a particle joins «می‌»",
        ),
        (
            "کتاب را بر می‌دارد.",
            "کتاب را برمی‌دارد.",
            "a particle joins «می‌»",
        ),
        ("او باز می گردد.", "او بازمی‌گردد.", "a particle joins «می‌»"),
        (
            "نمی توان گفت.",
            "نمی‌توان گفت.",
            "a bare present stem after «نمی»",
        ),
        ("او میکند.", "او می‌کند.", "a glued «می» gets its ZWNJ"),
        (
            "در کار بر می آید",
            "در کار برمی‌آید",
            "a particle joins «می‌»",
        ),
        // Suffixes written apart.
        (
            "آنان گفته اند.",
            "آنان گفته‌اند.",
            "«‌اند» after ه takes ZWNJ",
        ),
        (
            "کتاب ها را خواند.",
            "کتاب‌ها را خواند.",
            "plural «ها» with ZWNJ",
        ),
        ("کشور ها", "کشورها", "ر does not join: no ZWNJ is needed"),
        ("خانه ای بزرگ", "خانه‌ای بزرگ", "indefinite «‌ای» after ه"),
        (
            "خانه بزرگ تر است.",
            "خانه بزرگ‌تر است.",
            "comparative «تر» with ZWNJ",
        ),
        (
            "بزرگ ترین شهر",
            "بزرگ‌ترین شهر",
            "superlative «ترین» with ZWNJ",
        ),
        ("داده های تازه", "داده‌های تازه", "plural «های» with ZWNJ"),
        (
            "او آنجا بوده است.",
            "او آنجا بوده است.",
            "«است» stays a separate word",
        ),
        ("امام خامنه ای گفت", "امام خامنه‌ای گفت", "«‌ای» after ه"),
        (
            "سرمایه گذاران خارجی",
            "سرمایه‌گذاران خارجی",
            "a compound the lexicon spells with ZWNJ",
        ),
        (
            "به عنوان نمونه",
            "به عنوان نمونه",
            "both halves are words: two words",
        ),
        (
            "بر اساس آمار",
            "بر اساس آمار",
            "both halves are words: two words",
        ),
        (
            "و ان شاءالله",
            "و ان‌شاءالله",
            "the conjunction «و» is never glued on",
        ),
        // Glued words: every reading weighed; known words kept.
        ("کمکهای ایران", "کمک‌های ایران", "plural of an attested word"),
        (
            "با دستهای خالی",
            "با دست‌های خالی",
            "«دست» + «های» outweighs «دسته» + «ای»",
        ),
        (
            "همکاری منطقهای",
            "همکاری منطقه‌ای",
            "«منطقه» + «ای»: «منطق» is rarer",
        ),
        ("نهادهای دولتی", "نهادهای دولتی", "correct: د does not join"),
        (
            "کشورهای همسایه",
            "کشورهای همسایه",
            "correct: ر does not join",
        ),
        ("فروپاشی شوروی", "فروپاشی شوروی", "no ZWNJ after و"),
        (
            "بیشترین سهم",
            "بیشترین سهم",
            "the joined superlative of an attested «بیشتر»",
        ),
        (
            "تحلیلگران بازار",
            "تحلیلگران بازار",
            "«تحلیلگر» + «ان» is a known word",
        ),
        (
            "سه جوان و دو پیر",
            "سه جوان و دو پیر",
            "a known word before a space is left alone",
        ),
        (
            "پژوهش میدانی",
            "پژوهش میدانی",
            "«میدان» + «ی», not «می» + «دانی»",
        ),
        (
            "تا انتهای خیابان",
            "تا انتهای خیابان",
            "«انتها» + «ی», not a plural",
        ),
        (
            "علی‌اف را دید",
            "علی‌اف را دید",
            "only whole tokens are joined",
        ),
        // Broken ZWNJ.
        ("نشان می\u{A0}دهد", "نشان می‌دهد", "NBSP for ZWNJ after «می»"),
        (
            "آیین\u{A0}نامه اجرایی",
            "آیین‌نامه اجرایی",
            "NBSP for ZWNJ in a compound",
        ),
        ("شوینده\u{A0}ها", "شوینده‌ها", "NBSP for ZWNJ before «ها»"),
        ("تماس\u{A0} ها", "تماس‌ها", "NBSP and space for ZWNJ"),
        (
            "را به\u{A0}عهده دارد",
            "را به عهده دارد",
            "NBSP between two words is a space",
        ),
        (
            "از عراق\u{A0} و",
            "از عراق و",
            "NBSP and space between words: one space",
        ),
        (
            "خروج\u{A0} 51 سرباز",
            "خروج 51 سرباز",
            "NBSP before a digit: one space",
        ),
        ("نمی\u{200F}کند", "نمی‌کند", "RLM typed for ZWNJ"),
        (
            "میدان انقلاب\u{200E}/ بن‌بست",
            "میدان انقلاب/ بن‌بست",
            "a stray LRM is removed",
        ),
        // A ZWNJ typed beside a space.
        (
            "کمک به سیل\u{200C} زدگان شمال",
            "کمک به سیل\u{200C}زدگان شمال",
            "ZWNJ and space inside a compound the lexicon knows: one ZWNJ",
        ),
        (
            "یک شرکت تازه\u{200C} تأسیس است",
            "یک شرکت تازه\u{200C}تأسیس است",
            "ZWNJ and space before a bound second half: one ZWNJ",
        ),
        (
            "مناطق جنگ \u{200C}زده",
            "مناطق جنگ\u{200C}زده",
            "space and ZWNJ inside a compound: one ZWNJ",
        ),
        (
            "این کتاب\u{200C} خوب است",
            "این کتاب خوب است",
            "ZWNJ and space between two words: one space",
        ),
        // Enclitics written apart.
        (
            "درباره پرونده\u{A0}اي\u{A0}اش گفت",
            "درباره پرونده\u{200C}ای\u{200C}اش گفت",
            "NBSPs before «ای» and an enclitic: ZWNJ",
        ),
        (
            "نامه ای ات رسید",
            "نامه\u{200C}ای\u{200C}ات رسید",
            "spaces before «ای» and an enclitic: ZWNJ",
        ),
        (
            "صندلی اش را برداشت",
            "صندلی\u{200C}اش را برداشت",
            "an enclitic after ی takes ZWNJ",
        ),
        (
            "همه شان آمدند",
            "همه\u{200C}شان آمدند",
            "a plural enclitic after ه takes ZWNJ",
        ),
        (
            "خودروی بی ام و",
            "خودروی بی ام و",
            "a short word is no host for an enclitic",
        ),
        // Missing space after punctuation.
        (
            "کاهش یافت.همچنین",
            "کاهش یافت. همچنین",
            "a space after a full stop",
        ),
        ("او گفت:بله", "او گفت: بله", "a space after a colon"),
        ("تهران،اصفهان", "تهران، اصفهان", "a space after a comma"),
        (
            "نرخ ۱۲.۵ درصد",
            "نرخ ۱۲.۵ درصد",
            "a decimal point is no full stop",
        ),
        ("ساعت 18:30 صبح", "ساعت 18:30 صبح", "a time is no colon"),
        (
            "سال ۲۵۷ ه.ق. بود",
            "سال ۲۵۷ ه.ق. بود",
            "an abbreviation keeps its dots",
        ),
        (
            "منبع: https://example.ir/news/شهادت-کوچکترین",
            "منبع: https://example.ir/news/شهادت-کوچکترین",
            "a URL is left alone",
        ),
        (
            "سایت www.isna.ir است",
            "سایت www.isna.ir است",
            "a domain is left alone",
        ),
        // Digits keep their script; mixed ones are unified.
        (
            "در سال 2019 گفت",
            "در سال 2019 گفت",
            "Latin digits stay Latin",
        ),
        (
            "در سال ۲۰۱۹ گفت",
            "در سال ۲۰۱۹ گفت",
            "Persian digits stay Persian",
        ),
        (
            "در سال ۱۹20 گفت",
            "در سال ۱۹۲۰ گفت",
            "digits mixing scripts take the text's",
        ),
        (
            "سال ٢٠١٩ بود",
            "سال ۲۰۱۹ بود",
            "Arabic-Indic digits are written as Persian ones",
        ),
        // Letters and lines.
        ("كتاب علي", "کتاب علی", "Arabic ي ك become Persian ی ک"),
        (
            "این یک جمله\nشکسته است.",
            "این یک جمله شکسته است.",
            "a hard-wrapped line is joined",
        ),
    ];

    #[test]
    fn normalizer_cases() {
        for &(input, expected, why) in NORMALIZER_CASES {
            assert_eq!(normalize(input), expected, "«{input}»: {why}");
            let (out, log) = repair(input);
            assert_eq!(out, expected, "repair «{input}»: {why}");
            assert_eq!(
                replay(input, &log).as_deref(),
                Ok(expected),
                "replay «{input}»"
            );
            assert_eq!(normalize(expected), expected, "«{expected}» again: {why}");
        }
    }

    /// Clean modern news text (written for this test) comes back unchanged.
    #[test]
    fn clean_text_is_unchanged() {
        let clean = include_str!("../../../tests/data/normalize/clean-news-fa.txt");
        // The fixture ends with a newline; the output ends with its last paragraph.
        let clean = clean.trim_end_matches('\n');
        let out = normalize(clean);
        for (a, b) in clean.split('\n').zip(out.split('\n')) {
            assert_eq!(b, a, "a clean line changed");
        }
        assert_eq!(out, clean);
    }

    #[test]
    fn pipeline_on_seed_traps() {
        for (input, expected) in [
            ("در ا کتبر 2024 گفت.", "در اکتبر 2024 گفت."),
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
            s in "([ا-ی]{1,6}|تأ|کید|ا|کتبر|میکند|نقطهای|Zman\\.co\\.|il|\u{200C}|\u{200D}|\u{200B}|\u{A0}|\u{A0} |\u{200E}|می|ها|اند|؟|!|:|\t| |  |\n|\n\n|\\.|،|\\(|\\)|«|»|-|[0-9]{1,4}|[۰-۹]{1,4}|a){0,60}"
        ) {
            for (step, sep) in [
                (split_words_in as Step, &b"\n"[..]),
                (zwnj_in, b"\n"),
                (invisible_controls_in, b"\n"),
                (displaced_fragments_in, b"\n\n"),
                (mixed_digits_in, b"\n"),
                (missing_space_in, b"\n"),
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

        /// Normalizing twice changes nothing more.
        #[test]
        fn normalize_is_idempotent(
            words in proptest::collection::vec(
                "(می|نمی|بی|تاثیر|بر|در|ها|های|ای|اند|تر|ترین|است|و|کتاب|ارزش|مند|همه|اش|خانه|داده|گفته|دست|دستهای|میکند|نویسد|دانند|سرمایه|گذاران|منطقهای|کشورهای|آن|ان|تأ|کید|ا|کتبر|[ا-ی]{1,5}|[0-9]{1,4}|[۰-۹]{1,4}|۱۹20|https://a.ir/خبر)",
                0..24,
            ),
            seps in proptest::collection::vec(
                "( | |\u{A0}|\u{A0} |\u{200C}|\u{200E}|\n|\n\n|\\.|:|،|؛|\\. |، |\\(|\\)|«|»|-)",
                24,
            ),
        ) {
            let mut s = String::new();
            for (w, sep) in words.iter().zip(&seps) {
                s.push_str(w);
                s.push_str(sep);
            }
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone(), "input {:?}", s);
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
