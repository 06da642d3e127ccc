//! Import of a text file as an [`Article`]: decode, repair, split into paragraphs and
//! headings, tag dates as events (labelled, anchored, in a guessed news category), and find the
//! sources and their claims. Linear in the input; no panics on any bytes.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::model::{
    Anchor, Article, Block, BlockKind, Certainty, Claim, Event, Meta, Origin, SCHEMA_VERSION,
    Source, category, news_categories,
};
use crate::persian::attribution::coref::{Resolved, Resolver};
use crate::persian::attribution::{Attribution, Via, find_attributions_in, sentences};
use crate::persian::dateline::is_dateline;
use crate::persian::decode::{DecodeError, decode};
use crate::persian::fold::fold_text;
use crate::persian::repair::{Repair, is_heading, is_separator};
use crate::persian::tagger::{DocContext, Tagger, find_dateline};

/// An imported article with the repairs made to its text and what went wrong on the way.
#[derive(Clone, Debug)]
pub struct Imported {
    pub article: Article,
    /// Every change the repair pipeline made, replayable on the decoded text
    /// (`persian::repair::replay`).
    pub repairs: Vec<Repair>,
    /// Decoding problems and other notes for the user.
    pub warnings: Vec<String>,
}

/// Choices for an import beyond the text itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The document's date (`--date`): anchors «امروز», «دیروز», weekdays and days
    /// without a year. `None`: the dateline found in the text, if any.
    pub date: Option<crate::model::Day>,
}

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{name}: {cause}")]
    Decode { name: String, cause: DecodeError },
    #[error("{name}: the file holds no text")]
    Empty { name: String },
    #[error("{name}: {cause}")]
    Io { name: String, cause: std::io::Error },
}

/// Reads and imports a text file, refusing files over the decoder's limit before reading.
///
/// # Errors
/// [`ImportError`] when the file cannot be read, is too large or binary, or holds no text.
pub fn import_path(path: &std::path::Path) -> Result<Imported, ImportError> {
    import_path_with(path, &ImportOptions::default())
}

/// [`import_path`] with [`ImportOptions`].
///
/// # Errors
/// As [`import_path`].
pub fn import_path_with(
    path: &std::path::Path,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let io = |cause| ImportError::Io {
        name: name.clone(),
        cause,
    };
    let limit = crate::persian::decode::MAX_INPUT_BYTES;
    // Bounded whatever the path is (a FIFO or a device reports no size).
    let bytes = crate::bounded::read_path_at_most(path, limit as u64).map_err(|e| match e {
        crate::bounded::BoundedReadError::Io(e) => io(e),
        crate::bounded::BoundedReadError::TooLarge { size, .. } => ImportError::Decode {
            name: name.clone(),
            cause: DecodeError::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit,
            },
        },
    })?;
    let file_name = path
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    import_bytes_with(&bytes, &file_name, options).map_err(|e| match e {
        ImportError::Decode { cause, .. } => ImportError::Decode {
            name: name.clone(),
            cause,
        },
        ImportError::Empty { .. } => ImportError::Empty { name: name.clone() },
        other => other,
    })
}

/// The repair pipeline alone: damaged text in, repaired text out (paragraphs separated by
/// a blank line). Used by `gahnegar normalize`.
pub fn normalize(text: &str) -> String {
    crate::persian::repair::normalize(text)
}

/// Imports a text file's bytes; `name` (a file name) is used for messages and as the
/// title when the text has no heading first.
///
/// # Errors
/// [`ImportError`] when the bytes are refused by the decoder or hold no text.
pub fn import_bytes(bytes: &[u8], name: &str) -> Result<Imported, ImportError> {
    import_bytes_with(bytes, name, &ImportOptions::default())
}

/// [`import_bytes`] with [`ImportOptions`].
///
/// # Errors
/// As [`import_bytes`].
pub fn import_bytes_with(
    bytes: &[u8],
    name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let decoded = decode(bytes).map_err(|cause| ImportError::Decode {
        name: name.to_owned(),
        cause,
    })?;
    let mut warnings: Vec<String> = decoded
        .warnings
        .iter()
        .map(|w| format!("bytes {}..{}: {}", w.bytes.start, w.bytes.end, w.message))
        .collect();
    if decoded.encoding != crate::persian::decode::SourceEncoding::Utf8 {
        warnings.insert(0, format!("read as {}", decoded.encoding.name()));
    }
    let mut imported =
        import_text_with(&decoded.text, name, options).ok_or_else(|| ImportError::Empty {
            name: name.to_owned(),
        })?;
    warnings.append(&mut imported.warnings);
    imported.warnings = warnings;
    Ok(imported)
}

/// Imports decoded text; `None` when it holds no text after repair.
pub fn import_text(text: &str, name: &str) -> Option<Imported> {
    import_text_with(text, name, &ImportOptions::default())
}

/// [`import_text`] with [`ImportOptions`].
pub fn import_text_with(text: &str, name: &str, options: &ImportOptions) -> Option<Imported> {
    import_text_skipping_with(text, name, &std::collections::HashSet::new(), options)
}

/// [`import_text`] without the repair steps in `skip` (see
/// [`crate::persian::repair::repair_skipping`]).
pub fn import_text_skipping(
    text: &str,
    name: &str,
    skip: &std::collections::HashSet<u8>,
) -> Option<Imported> {
    import_text_skipping_with(text, name, skip, &ImportOptions::default())
}

/// [`import_text_skipping`] with [`ImportOptions`].
pub fn import_text_skipping_with(
    text: &str,
    name: &str,
    skip: &std::collections::HashSet<u8>,
    options: &ImportOptions,
) -> Option<Imported> {
    if let Some(items) = super::feed::feed_items(text) {
        return Some(feed_article(&items, name, skip, options));
    }
    let (fixed, repairs) = crate::persian::repair::repair_skipping(text, skip);
    let paras: Vec<&str> = fixed
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if paras.is_empty() {
        return None;
    }
    // Headlines: a title-like paragraph above a dateline, or after a separator line
    // («***», «-----»). Two or more make a file of several items, one section each,
    // whose title is the file's name.
    let headline: Vec<bool> = (0..paras.len())
        .map(|i| {
            is_title(paras[i])
                && !is_dateline(paras[i])
                && (paras.get(i + 1).is_some_and(|d| is_dateline(d))
                    || (i > 0 && is_separator(paras[i - 1])))
        })
        .collect();
    let several = headline.iter().filter(|h| **h).count() >= 2;
    let mut blocks = Vec::with_capacity(paras.len());
    let mut title = String::new();
    let (mut np, mut nh) = (0, 0);
    for (i, p) in paras.iter().enumerate() {
        if is_separator(p) {
            continue;
        }
        // A dateline is a paragraph (a section's date), never a heading or the title.
        let heading = (is_heading(p) && paras.len() > 1 && !is_dateline(p)) || headline[i];
        // The headline of a single item is the title, even a long one.
        if i == 0 && heading && !several {
            title = (*p).to_owned();
            continue;
        }
        let (kind, id) = if heading {
            nh += 1;
            (BlockKind::Heading, format!("h{nh}"))
        } else {
            np += 1;
            (BlockKind::Paragraph, format!("p{np}"))
        };
        blocks.push(Block {
            id,
            kind,
            text: (*p).to_owned(),
            sidebar: false,
            page: None,
        });
    }
    if title.is_empty() {
        title = title_from_name(name);
    }
    Some(finish(title, blocks, repairs, Vec::new(), options))
}

/// Whether a paragraph can be a headline: one or two lines of words, not a sentence of
/// the body (no final full stop).
fn is_title(p: &str) -> bool {
    p.chars().nth(200).is_none()
        && p.split_whitespace().nth(30).is_none()
        && !p.trim_end().ends_with(['.', '!', ':', '،', '؛'])
        && p.chars().any(char::is_alphabetic)
}

/// The article of these blocks with its events, sources and claims extracted.
fn finish(
    title: String,
    blocks: Vec<Block>,
    repairs: Vec<Repair>,
    mut warnings: Vec<String>,
    options: &ImportOptions,
) -> Imported {
    let mut article = Article {
        schema: SCHEMA_VERSION,
        meta: Meta {
            title,
            author: String::new(),
            lead: Vec::new(),
            language: "fa".to_owned(),
            publication: None,
            date: None,
        },
        categories: news_categories(),
        blocks,
        events: Vec::new(),
        sources: Vec::new(),
        claims: Vec::new(),
        highlights: Vec::new(),
    };
    extract(&mut article, &mut warnings, options);
    Imported {
        article,
        repairs,
        warnings,
    }
}

/// A feed's items as blocks: per item its title as a heading, its date as a dateline
/// paragraph and its texts as paragraphs, each field repaired on its own (a field's
/// repairs are not replayable on the whole file, so none are listed).
fn feed_article(
    items: &[super::feed::FeedItem],
    name: &str,
    skip: &HashSet<u8>,
    options: &ImportOptions,
) -> Imported {
    let mut blocks = Vec::new();
    let (mut np, mut nh) = (0, 0);
    let mut push = |blocks: &mut Vec<Block>, kind: BlockKind, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let id = if kind == BlockKind::Heading {
            nh += 1;
            format!("h{nh}")
        } else {
            np += 1;
            format!("p{np}")
        };
        blocks.push(Block {
            id,
            kind,
            text: text.to_owned(),
            sidebar: false,
            page: None,
        });
    };
    for item in items {
        let (title, _) = crate::persian::repair::repair_skipping(&item.title, skip);
        // A title is one line: the line breaks a cell may hold are spaces.
        push(&mut blocks, BlockKind::Heading, &title.replace("\n\n", " "));
        push(&mut blocks, BlockKind::Paragraph, &item.date);
        for t in &item.texts {
            let (fixed, _) = crate::persian::repair::repair_skipping(t, skip);
            for p in fixed.split("\n\n") {
                push(&mut blocks, BlockKind::Paragraph, p);
            }
        }
    }
    let warning = format!(
        "read as a feed of {} news items, one section each",
        items.len()
    );
    finish(
        title_from_name(name),
        blocks,
        Vec::new(),
        vec![warning],
        options,
    )
}

/// The title an article takes from its file's name when its text has none.
pub(crate) fn title_from_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    if stem.is_empty() {
        "بی‌عنوان".to_owned()
    } else {
        stem.to_owned()
    }
}

/// Up to `n` chars of `s` ending at its end / starting at its start, on char boundaries.
fn tail_chars(s: &str, n: usize) -> &str {
    let cut = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[cut..]
}

fn head_chars(s: &str, n: usize) -> &str {
    let cut = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..cut]
}

/// Bytes of a block past which an anchor's uniqueness is not searched for.
const LONG_BLOCK: usize = 16 * 1024;

/// An anchor for `range` of a block's text, with enough context to be unique.
fn anchor(block: &Block, range: Range<usize>) -> Anchor {
    let t = &block.text;
    let exact = t[range.clone()].to_owned();
    let mut a = Anchor::new(block.id.clone(), exact);
    a.at = Some(range.start);
    // Context where the quote is not unique. In a long block (text with single line
    // breaks can make one block of megabytes) it is always written rather than searched
    // for, so making n anchors stays linear.
    if t.len() > LONG_BLOCK || t.matches(a.exact.as_str()).nth(1).is_some() {
        a.prefix = tail_chars(&t[..range.start], 24).to_owned();
        a.suffix = head_chars(&t[range.end..], 24).to_owned();
    }
    // `extract` relies on this when it checks the article (see `is_sound`).
    debug_assert!(a.exact.is_empty() || a.resolve(t).is_some());
    a
}

/// Keywords of the general news categories ([`news_categories`]), folded (no spaces, no
/// ZWNJ; see `persian::fold`), in priority order for ties. Words are long enough not to
/// turn up inside other words once spaces are folded away.
const CATEGORY_WORDS: [(&str, &[&str]); 8] = [
    (
        "security",
        &[
            "نظامی",
            "ارتش",
            "جنگ",
            "حمله",
            "سلاح",
            "تسلیحات",
            "موشک",
            "پهپاد",
            "تروریس",
            "امنیتی",
            "انفجار",
            "کشتهشد",
            "پلیس",
            "سپاه",
            "اطلاعاتی",
            "جاسوس",
            "شورشی",
            "بمبگذاری",
            "وزیردفاع",
        ],
    ),
    (
        "diplomacy",
        &[
            "سفارت",
            "سفیر",
            "دیپلما",
            "روابط",
            "دیدار",
            "وزیرخارجه",
            "وزیرامورخارجه",
            "مذاکره",
            "سازمانملل",
            "شورایامنیت",
            "دوجانبه",
            "میانجی",
            "عادیسازی",
            "توافقنامه",
        ],
    ),
    (
        "economy",
        &[
            "اقتصاد",
            "نفت",
            "گاز",
            "انرژی",
            "بورس",
            "بازار",
            "قیمت",
            "تورم",
            "دلار",
            "ارز",
            "بانک",
            "سرمایهگذاری",
            "صادرات",
            "واردات",
            "بیکاری",
            "اشتغال",
            "تولید",
            "طلا",
            "بودجه",
            "مالیات",
            "یارانه",
            "بنزین",
            "سوخت",
            "تومان",
            "ریال",
            "حقوق",
            "دستمزد",
            "پرواز",
        ],
    ),
    (
        "politics",
        &[
            "مجلس",
            "دولت",
            "انتخابات",
            "رئیسجمهور",
            "رییسجمهور",
            "نماینده",
            "وزیر",
            "حزب",
            "سیاسی",
            "پارلمان",
            "نخستوزیر",
            "کابینه",
            "رهبر",
            "انقلاب",
        ],
    ),
    (
        "culture",
        &[
            "فرهنگ",
            "هنر",
            "فیلم",
            "سینما",
            "جشنواره",
            "کتاب",
            "موسیقی",
            "تئاتر",
            "نمایشگاه",
            "نقاشی",
            "شاعر",
            "ادبیات",
            "موزه",
            "کنسرت",
        ],
    ),
    (
        "science",
        &[
            "علمی",
            "فناوری",
            "پژوهش",
            "دانشمند",
            "فضایی",
            "ماهواره",
            "اینترنت",
            "دیجیتال",
            "هوشمصنوعی",
            "فیلسوف",
            "فلسفه",
            "دانشگاه",
        ],
    ),
    (
        "sport",
        &[
            "ورزش",
            "فوتبال",
            "والیبال",
            "المپیک",
            "قهرمانی",
            "بازیکن",
            "مسابقات",
        ],
    ),
    (
        "society",
        &[
            "اجتماعی",
            "جامعه",
            "خانواده",
            "آموزش",
            "مدرسه",
            "سلامت",
            "بیماری",
            "بهداشت",
            "خودکشی",
            "جاده",
            "ترافیک",
            "تصادف",
            "زنان",
            "کودکان",
            "شهرداری",
            "زلزله",
            "سیل",
            "جمعیت",
            "مسافر",
        ],
    ),
];

/// The category whose words the sentence uses most (ties: the earlier in
/// [`CATEGORY_WORDS`]), else [`category::OTHER`].
fn guess_category(sentence: &str) -> &'static str {
    let f = fold_text(sentence);
    let mut best = (0, category::OTHER);
    for (id, finders) in CATEGORY_FINDERS.iter() {
        let n = finders
            .iter()
            .map(|w| w.find_iter(f.as_bytes()).count())
            .sum::<usize>();
        if n > best.0 {
            best = (n, id);
        }
    }
    best.1
}

/// [`CATEGORY_WORDS`] with a searcher built once for each word.
static CATEGORY_FINDERS: LazyLock<Vec<(&'static str, Vec<Finder<'static>>)>> =
    LazyLock::new(|| {
        CATEGORY_WORDS
            .iter()
            .map(|(id, words)| (*id, words.iter().map(Finder::new).collect()))
            .collect()
    });

/// A short label: the sentence without its date wording and leading adverbial particles,
/// at most eight words.
fn label(sentence: &str, wording: &str) -> String {
    label_at(sentence, None, wording)
}

/// `before` without its last word when that word is a date's preposition («در», «طی»,
/// «از» …: it goes with the date), preceded by white space or nothing (`None` otherwise).
/// Looks only at the end of `before`.
fn strip_date_preposition(before: &str) -> Option<&str> {
    ["در", "طی", "از", "تا", "به", "روز", "سال", "ماه"]
        .iter()
        .find_map(|p| {
            let head = before.strip_suffix(p)?;
            (head.is_empty() || head.ends_with(char::is_whitespace)).then(|| head.trim_end())
        })
}

/// Bytes of each side of a date a label reads.
const LABEL_WINDOW: usize = 1024;

/// The first `max` bytes of `s`, cut back to a character boundary.
fn head_window(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// [`label`] with the byte offset of the date's wording in `sentence` when known: only the
/// words the label takes are looked at, so a sentence of a whole block (text without full
/// stops) costs a label what a short one does, and a wording that occurs more than once
/// is taken out where this date stands.
fn label_at(sentence: &str, at: Option<usize>, wording: &str) -> String {
    let place = at
        .filter(|&a| sentence.get(a..a + wording.len()) == Some(wording))
        .or_else(|| sentence.find(wording));
    // The date's own preposition goes with it («… در ژوئن ۱۹۴۷ …»).
    let (before, after) = match place {
        Some(at) if !wording.is_empty() => {
            let mut before = sentence[..at].trim_end();
            while let Some(head) = strip_date_preposition(before) {
                before = head;
            }
            (before, &sentence[at + wording.len()..])
        }
        _ => (sentence, ""),
    };
    // A label is at most eight words and 120 characters: a window of each side is all it
    // can use, even when a "word" runs for megabytes (text without spaces).
    crate::work::count(before.len().min(LABEL_WINDOW) + after.len().min(LABEL_WINDOW));
    let mut words = head_window(before, LABEL_WINDOW)
        .split_whitespace()
        .chain(head_window(after, LABEL_WINDOW).split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(c, '،' | '.' | ':' | '؛' | '«' | '»' | '(' | ')' | '؟' | '!')
            })
        })
        .filter(|w| !w.is_empty())
        .peekable();
    // Leading connectives are skipped (a bounded number: a label never reads the rest of
    // a long sentence).
    for _ in 0..16 {
        match words.peek() {
            Some(w) if matches!(*w, "در" | "از" | "و" | "تا" | "سال" | "پس" | "طی") =>
            {
                words.next();
            }
            _ => break,
        }
    }
    let mut out: Vec<&str> = words.take(8).collect();
    // A label does not end on a word that needs one after it («… اروپا در از»).
    while out.len() > 1
        && out.last().is_some_and(|w| {
            matches!(
                *w,
                "در" | "از"
                    | "به"
                    | "با"
                    | "که"
                    | "و"
                    | "تا"
                    | "را"
                    | "این"
                    | "آن"
                    | "برای"
                    | "یا"
                    | "نیز"
                    | "هم"
                    | "بر"
                    | "روز"
                    | "ماه"
                    | "سال"
            )
        })
    {
        out.pop();
    }
    cap_chars(
        &if out.is_empty() {
            wording.to_owned()
        } else {
            out.join(" ")
        },
        MAX_LABEL_CHARS,
    )
}

/// Longest event label, in characters (eight words of ordinary text fit many times).
const MAX_LABEL_CHARS: usize = 120;
/// Longest quoted clause of a claim, in characters: a clause of text with no sentence
/// ends would otherwise quote the whole block once per claim.
const MAX_QUOTE_CHARS: usize = 600;

/// `s` cut to at most `max` characters, with «…» when cut.
fn cap_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", s[..cut].trim_end()),
        None => s.to_owned(),
    }
}

/// `range` of `text` cut to at most `max` characters, at a space when there is one in its
/// last quarter.
fn cap_range(text: &str, range: Range<usize>, max: usize) -> Range<usize> {
    let Some(part) = text.get(range.clone()) else {
        return range;
    };
    let Some((cut, _)) = part.char_indices().nth(max) else {
        return range;
    };
    let head = &part[..cut];
    let end = head
        .rfind(char::is_whitespace)
        .filter(|&i| i * 4 >= cut * 3)
        .unwrap_or(cut);
    let len = head[..end].trim_end().len();
    range.start..range.start + if len == 0 { cut } else { len }
}

/// Per block: (event id, byte range) of its events, for linking claims.
type BlockEvents = Vec<Vec<(String, Range<usize>)>>;

/// The document context of the whole file: the date given, else the first dateline in
/// the title or the first blocks; and the calendar the text counts in.
fn file_context(title: &str, blocks: &[Block], options: &ImportOptions) -> DocContext {
    let date = options.date.or_else(|| {
        std::iter::once(title)
            .chain(blocks.iter().take(3).map(|b| b.text.as_str()))
            .find_map(find_dateline)
    });
    let mut votes = crate::persian::tagger::CalendarVotes::default();
    votes.add(title);
    for b in blocks {
        votes.add(&b.text);
    }
    DocContext {
        date,
        calendar: votes.decide(),
    }
}

/// Whether a folded date wording only points back to a date already told («همان سال»,
/// «آن سال», «همین ماه»).
fn is_back_reference(wording: &str) -> bool {
    let mut words = wording.split_whitespace();
    matches!(words.next(), Some("همان" | "همین" | "آن" | "ان" | "این"))
        || wording.contains("همان")
        || wording.contains("همین")
}

/// Whether the text before a date makes it the base of a comparison («نسبت به …», «در
/// مقایسه با …»): a period already told, not a new happening.
fn is_comparison_base(before: &str) -> bool {
    // Only the last words matter: a window of the end, so the text before a date is not
    // read (and folded) whole for every date of a block without spaces.
    let before = before.trim_end();
    let mut from = before.len().saturating_sub(256);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    crate::work::count(window.len());
    let mut tail: Vec<&str> = window.rsplit(char::is_whitespace).take(5).collect();
    if from > 0 && tail.len() < 5 {
        // The window's first piece may be the end of a longer word.
        tail.pop();
    }
    tail.truncate(4);
    // The last words, nearest first; a «فصل» or «ماه» may stand before the date.
    let mut words = tail.iter().map(|w| fold_text(w).into_owned());
    let mut w0 = words.next().unwrap_or_default();
    if matches!(w0.as_str(), "فصل" | "ماه" | "سال") {
        w0 = words.next().unwrap_or_default();
    }
    let w1 = words.next().unwrap_or_default();
    (w0 == "به" && w1 == "نسبت") || (w0 == "با" && matches!(w1.as_str(), "مقایسه" | "مقایسهی"))
}

/// The dates of the blocks as events, in order, and each block's events.
///
/// Each heading starts a section whose document date is the dateline in the heading or
/// its next two blocks, else the file's. A repeated mention is one event only when it is
/// plausibly the same happening (see the rules inside); the first mention anchors it.
#[cfg(test)]
fn tag_events(
    file: &DocContext,
    blocks: &[Block],
    block_sentences: &[Vec<Range<usize>>],
) -> (Vec<Event>, BlockEvents) {
    let (events, block_events, _) = tag_events_dated(file, blocks, block_sentences);
    (events, block_events)
}

/// [`tag_events`], and the first document date any section was read against (the file's,
/// or the first dateline further on).
fn tag_events_dated(
    file: &DocContext,
    blocks: &[Block],
    block_sentences: &[Vec<Range<usize>>],
) -> (Vec<Event>, BlockEvents, Option<crate::model::Day>) {
    let mut first_date = file.date;
    let mut tagger = Tagger::with_context(file.clone());
    // The heading of the current section: a dateline event is its item's publication.
    let mut heading: Option<&str> = None;
    let mut events: Vec<Event> = Vec::new();
    let mut block_events: BlockEvents = vec![Vec::new(); blocks.len()];
    // Dates already made events in this section, by interval: (folded wording, block,
    // sentence in the block, id), the last few of each interval only (a repeat is near its
    // first mention or not one).
    type Seen =
        HashMap<(crate::model::Day, crate::model::Day), Vec<(String, usize, usize, String)>>;
    let mut seen: Seen = HashMap::new();
    for (bi, block) in blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            heading = Some(block.text.as_str());
            let date = blocks[bi..]
                .iter()
                .take(3)
                .find_map(|b| find_dateline(&b.text))
                .or(file.date);
            tagger.start_section(date);
            seen.clear();
            // A headline's own dates are events of its section («… از سال ۲۰۱۹ متوقف شد»);
            // a heading without digits names no date worth the tagger's time.
            if !block
                .text
                .chars()
                .any(|c| crate::persian::digits::digit_value(c).is_some())
            {
                continue;
            }
        }
        let sents = &block_sentences[bi];
        let tagged = tagger.tag(&block.text);
        first_date = first_date.or(tagger.doc.date);
        // Dates in one sentence share its category.
        let mut category_of: Option<(Range<usize>, &'static str)> = None;
        for t in tagged {
            if !t.dateline {
                let wording = fold_text(&t.date.wording).into_owned();
                let short = t.date.len_days() < 31;
                let si = sents
                    .iter()
                    .position(|s| s.start <= t.range.start && t.range.end <= s.end)
                    .unwrap_or(0);
                let back_reference = is_back_reference(&wording)
                    || is_comparison_base(block.text.get(..t.range.start).unwrap_or(""));
                let list = seen.entry((t.date.start, t.date.end)).or_default();
                // A repeat is the same happening only when it plausibly is: a day whose
                // mention repeats part of the first wording in the same paragraph («روز
                // جمعه» after «روز جمعه ۱۰ تیر»; two «دیروز» are two happenings); a
                // month or a season named again with the same or a contained wording (the
                // period the story is about); a year or a longer span with the same or a
                // contained wording in the same or the next sentence; or a pure
                // back-reference («همان سال», «نسبت به …»). A year in a new sentence with
                // its own date phrase is a new event: a report gives many figures for one
                // year.
                let part_of_year = t.date.len_days() < 200;
                let same = list.iter().rev().find(|(w, b, s, _)| {
                    let contained = w.contains(wording.as_str()) || wording.contains(w.as_str());
                    if short {
                        *b == bi && *w != wording && contained
                    } else {
                        back_reference
                            || (contained && (part_of_year || (*b == bi && si.abs_diff(*s) <= 1)))
                    }
                });
                if let Some((.., id)) = same {
                    block_events[bi].push((id.clone(), t.range.clone()));
                    continue;
                }
                if list.len() >= 8 {
                    list.remove(0);
                }
                list.push((wording, bi, si, format!("e{}", events.len() + 1)));
            }
            // Sentences are in text order: the one holding the date by binary search.
            let sent = sents
                .get(sents.partition_point(|s| s.end < t.range.end))
                .filter(|s| s.start <= t.range.start)
                .cloned()
                .unwrap_or(0..block.text.len());
            let sentence = &block.text[sent.clone()];
            let category = match &category_of {
                Some((r, c)) if *r == sent => *c,
                _ => guess_category(sentence),
            };
            category_of = Some((sent.clone(), category));
            let id = format!("e{}", events.len() + 1);
            block_events[bi].push((id.clone(), t.range.clone()));
            events.push(Event {
                id,
                category: category.to_owned(),
                label: if t.dateline {
                    match heading {
                        Some(h) => format!("انتشار: {}", label(h, "")),
                        None => "انتشار".to_owned(),
                    }
                } else {
                    label_at(
                        sentence,
                        t.range.start.checked_sub(sent.start),
                        &t.date.wording,
                    )
                },
                anchor: anchor(block, t.range.clone()),
                date: t.date,
                certainty: Certainty::default(),
                origin: Origin::default(),
                note: String::new(),
            });
        }
    }
    // In text order, for the binary searches that link claims to events.
    for v in &mut block_events {
        v.sort_by_key(|(_, r)| r.start);
    }
    (events, block_events, first_date)
}

fn extract(article: &mut Article, warnings: &mut Vec<String>, options: &ImportOptions) {
    // Per block: its sentences (none for headings), for events and for claims.
    let block_sentences: Vec<Vec<Range<usize>>> = article
        .blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Heading => Vec::new(),
            _ => sentences(&b.text),
        })
        .collect();
    // The document's own date and calendar, which the article keeps.
    let file = file_context(&article.meta.title, &article.blocks, options);
    // A block's attributions do not depend on dates: they are found on a second thread
    // while this one tags the dates (in order: a relative date reads the one before).
    let blocks = &article.blocks;
    let (events, block_events, first_date, attributions) = std::thread::scope(|s| {
        let found = s.spawn(|| {
            let found = blocks
                .iter()
                .zip(&block_sentences)
                .map(|(b, sents)| match b.kind {
                    // A dateline names no source, even when it opens with a label.
                    BlockKind::Heading => Vec::new(),
                    _ if is_dateline(&b.text) => Vec::new(),
                    _ => find_attributions_in(&b.text, sents),
                })
                .collect::<Vec<Vec<Attribution>>>();
            (found, crate::work::work())
        });
        let (events, block_events, first_date) = tag_events_dated(&file, blocks, &block_sentences);
        let (attributions, work) = found
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        // The second thread's work counts as the caller's (complexity tests).
        crate::work::count(work);
        (events, block_events, first_date, attributions)
    });
    let (sources, claims) = sources_and_claims(&article.blocks, &attributions, &block_events);
    article.meta.date = first_date;
    article.events = events;
    article.sources = sources;
    article.claims = claims;
    // Anything unsound is dropped with a warning rather than saved broken.
    // `Article::problems` searches every anchor's block for its text, so it runs only when
    // this check finds a problem: every anchor here was cut from its block's text by
    // `anchor`, so it resolves exactly when its text is not empty.
    if is_sound(article, |_, a| !a.exact.is_empty()) {
        return;
    }
    let problems = article.problems();
    if !problems.is_empty() {
        warnings.extend(problems.iter().map(|p| format!("dropped: {p}")));
        let blocks = article.blocks.clone();
        let by_id = crate::model::by_id(&blocks, |b| b.id.as_str());
        let bad_anchor = |a: &Anchor| {
            by_id
                .get(a.block.as_str())
                .is_none_or(|b| a.resolve(&b.text).is_none())
        };
        article
            .events
            .retain(|e| !bad_anchor(&e.anchor) && e.date.is_well_formed());
        let ids: HashSet<String> = article.events.iter().map(|e| e.id.clone()).collect();
        for s in &mut article.sources {
            s.mentions.retain(|m| !bad_anchor(m));
        }
        article.claims.retain(|c| !bad_anchor(&c.anchor));
        for c in &mut article.claims {
            c.events.retain(|e| ids.contains(e));
        }
    }
}

/// The sources and claims of the blocks' attributions, in reading order: speakers are
/// resolved to sources across the article (surnames, roles, follow-ups such as «وی
/// افزود»; see [`Resolver`]), each claim anchored on its clause.
fn sources_and_claims(
    blocks: &[Block],
    attributions: &[Vec<Attribution>],
    block_events: &BlockEvents,
) -> (Vec<Source>, Vec<Claim>) {
    let mut sources: Vec<Source> = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let mut resolver = Resolver::new();
    // (source, block, start) of the mentions recorded, so that a source named many
    // times stays linear.
    let mut mentioned: HashSet<(usize, usize, usize)> = HashSet::new();
    for (bi, block) in blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            continue;
        }
        for a in &attributions[bi] {
            // The quoted clause, capped; the events inside it, found by binary search
            // (a block's events are in text order), so many claims in one long block
            // stay linear.
            let clause = cap_range(&block.text, a.clause.clone(), MAX_QUOTE_CHARS);
            let in_block = &block_events[bi];
            let first = in_block.partition_point(|(_, r)| r.start < clause.start);
            let evs: Vec<String> = in_block[first..]
                .iter()
                .take_while(|(_, r)| r.start < clause.end)
                .filter(|(_, r)| r.end <= clause.end)
                .map(|(id, _)| id.clone())
                .collect();
            // (source index, where the text names it)
            let mut who: Vec<(usize, Option<Range<usize>>)> = Vec::new();
            if let Some(r) = &a.anaphor
                && let Some(i) = resolver.follow_up(bi)
            {
                who.push((i, Some(r.clone())));
            }
            for sp in &a.speakers {
                let resolved = resolver.resolve(sp, bi, a.continues);
                let si = resolved.index();
                match resolved {
                    Resolved::New(_) => sources.push(Source {
                        id: format!("s{}", sources.len() + 1),
                        name: sp.name.clone(),
                        name_en: if sp.alias.is_empty() && sp.name.is_ascii() {
                            sp.name.clone()
                        } else {
                            sp.alias.clone()
                        },
                        kind: sp.kind,
                        role: sp.role.clone(),
                        link: None,
                        aliases: Vec::new(),
                        mentions: Vec::new(),
                        note: String::new(),
                    }),
                    Resolved::Named(_) => {
                        let src = &mut sources[si];
                        let old = std::mem::replace(&mut src.name, sp.name.clone());
                        if src.role.is_empty() {
                            src.role.clone_from(&old);
                        }
                        src.kind = sp.kind;
                        src.aliases.push(old);
                    }
                    Resolved::Same(_) => {
                        let src = &mut sources[si];
                        let k = fold_text(&sp.name);
                        if fold_text(&src.name) != k
                            && !src.aliases.iter().any(|x| fold_text(x) == k)
                        {
                            src.aliases.push(sp.name.clone());
                        }
                    }
                }
                if sp.via == Via::Subject {
                    resolver.spoke(si, bi);
                }
                let src = &mut sources[si];
                if src.role.is_empty() && !sp.role.is_empty() {
                    src.role.clone_from(&sp.role);
                }
                who.push((si, Some(sp.range.clone())));
            }
            let mut seen: Vec<usize> = Vec::new();
            for (si, mention) in who {
                if seen.contains(&si) {
                    continue;
                }
                seen.push(si);
                let src = &mut sources[si];
                if let Some(r) = mention
                    && block.text.get(r.clone()).is_some_and(|t| !t.is_empty())
                    && mentioned.insert((si, bi, r.start))
                {
                    src.mentions.push(anchor(block, r));
                }
                claims.push(Claim {
                    id: format!("c{}", claims.len() + 1),
                    source: src.id.clone(),
                    kind: a.kind,
                    anchor: anchor(block, clause.clone()),
                    events: evs.clone(),
                    certainty: Certainty::default(),
                    note: String::new(),
                });
            }
        }
    }
    (sources, claims)
}

/// Whether `Article::problems` would find nothing (unique ids, anchors that resolve in
/// known blocks, well-formed intervals, claims naming known sources and events), checked
/// in linear time; `resolves` tells whether an anchor resolves in its block (as
/// `Anchor::resolve` does).
fn is_sound(a: &Article, resolves: impl Fn(&Block, &Anchor) -> bool) -> bool {
    let mut ids = HashSet::new();
    let unique = a.ids().all(|id| ids.insert(id.as_str()));
    let by_id = crate::model::by_id(&a.blocks, |b| b.id.as_str());
    let resolves = |an: &Anchor| {
        by_id
            .get(an.block.as_str())
            .is_some_and(|b| resolves(b, an))
    };
    let sources: HashSet<&str> = a.sources.iter().map(|s| s.id.as_str()).collect();
    let events: HashSet<&str> = a.events.iter().map(|e| e.id.as_str()).collect();
    let mut category_ids = HashSet::new();
    unique
        && a.categories
            .iter()
            .all(|c| category_ids.insert(c.id.as_str()))
        && a.events.iter().all(|e| {
            resolves(&e.anchor)
                && e.date.is_well_formed()
                && category_ids.contains(e.category.as_str())
        })
        && a.sources.iter().all(|s| s.mentions.iter().all(resolves))
        && a.claims.iter().all(|c| {
            resolves(&c.anchor)
                && sources.contains(c.source.as_str())
                && c.events.iter().all(|e| events.contains(e.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn imports_a_small_article() {
        let text = "رفاقت روباه و خارپشت\n\nدر دسامبر 2023، گزارشها نشان داد آذربایجان تنها کشور مسلمانی است که از اسرائیل حمایت میکند. در ا کتبر ۲۰۲۴، واینت گزارش داد گردشگران اســـرائیلی افزایش یافتند.\n";
        let imp = import_bytes(text.as_bytes(), "x.txt").unwrap_or_else(|e| panic!("{e}"));
        let a = &imp.article;
        assert_eq!(a.problems(), Vec::<crate::model::Problem>::new());
        assert_eq!(a.meta.title, "رفاقت روباه و خارپشت");
        assert_eq!(a.blocks.len(), 1, "{:?}", a.blocks);
        let ev: Vec<(&str, String)> = a
            .events
            .iter()
            .map(|e| (e.date.wording.as_str(), e.date.start.to_string()))
            .collect();
        assert_eq!(
            ev,
            vec![
                // The text's own digits: «2023» stays Latin.
                ("دسامبر 2023", "2023-12-01".to_owned()),
                ("اکتبر ۲۰۲۴", "2024-10-01".to_owned())
            ]
        );
        let src: Vec<&str> = a.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(src, vec!["گزارش‌ها", "واینت"]);
        assert_eq!(a.claims.len(), 2);
        assert_eq!(a.claims[1].events, vec!["e2".to_owned()]);
        assert_eq!(
            crate::persian::repair::replay(text, &imp.repairs).map(|s| s.contains("گزارش‌ها")),
            Ok(true)
        );
    }

    #[test]
    fn is_sound_agrees_with_problems() {
        let text = "در دسامبر 2023، گزارشها نشان داد آذربایجان از اسرائیل حمایت میکند. در ا کتبر ۲۰۲۴، واینت گزارش داد گردشگران افزایش یافتند.\n\nبند دوم در سال ۲۰۱۹ بود.";
        let imp = import_bytes(text.as_bytes(), "x.txt").unwrap_or_else(|e| panic!("{e}"));
        let base = imp.article;
        assert!(!base.events.is_empty() && !base.claims.is_empty());
        type Corruption = (&'static str, fn(&mut Article));
        let corruptions: [Corruption; 10] = [
            ("none", |_| {}),
            ("duplicate id", |a| a.events[0].id = a.blocks[0].id.clone()),
            ("unknown block", |a| {
                a.events[0].anchor.block = "nope".into()
            }),
            ("broken anchor", |a| {
                a.claims[0].anchor.exact = "نیست".into()
            }),
            ("empty anchor", |a| a.sources[0].mentions[0].exact.clear()),
            ("unknown source", |a| a.claims[0].source = "s99".into()),
            ("unknown event", |a| a.claims[0].events.push("e99".into())),
            ("unknown category", |a| a.events[0].category = "nope".into()),
            ("duplicate category", |a| {
                let c = a.categories[0].clone();
                a.categories.push(c);
            }),
            ("bad interval", |a| {
                let d = a.events[0].date.start;
                a.events[0].date.start = d.add_days(10);
                a.events[0].date.end = d;
            }),
        ];
        for (what, corrupt) in corruptions {
            let mut a = base.clone();
            corrupt(&mut a);
            let sound = is_sound(&a, |b, an| an.resolve(&b.text).is_some());
            assert_eq!(sound, a.problems().is_empty(), "{what}");
        }
    }

    /// A headline, its dateline and the body: the headline is the title (however long),
    /// the dateline a paragraph of its own that names no source and dates the body's
    /// «دیروز».
    #[test]
    fn title_dateline_and_body_are_told_apart() {
        let text = "وزیر نیرو از آبگیری سد تازه در استان خبر داد و گفت این سد تا پایان سال به بهره‌برداری می‌رسد\n\
            تاریخ انتشار: ۱۴۰۲/۰۳/۱۱\n\
            به گزارش خبرگزاری ایرنا، وزیر نیرو دیروز در بازدید از سد گفت: آبگیری آغاز شده است.";
        let imp = import_text(text, "file-name.txt").unwrap_or_else(|| panic!("imported"));
        let a = &imp.article;
        assert_eq!(
            a.meta.title,
            "وزیر نیرو از آبگیری سد تازه در استان خبر داد و گفت این سد تا پایان سال به بهره‌برداری می‌رسد"
        );
        assert_eq!(a.blocks[0].text, "تاریخ انتشار: ۱۴۰۲/۰۳/۱۱");
        assert_eq!(a.blocks[0].kind, BlockKind::Paragraph);
        assert!(a.blocks[1].text.starts_with("به گزارش"), "{:?}", a.blocks);
        assert!(
            a.claims.iter().all(|c| c.anchor.block != a.blocks[0].id),
            "no claim in the dateline"
        );
        // ۱۱ خرداد ۱۴۰۲ is 2023-06-01; «دیروز» is the day before.
        let yesterday = a.events.iter().find(|e| e.date.wording.contains("دیروز"));
        assert_eq!(
            yesterday.map(|e| e.date.start.to_string()).as_deref(),
            Some("2023-05-31"),
            "{:?}",
            a.events
        );
    }

    /// Several items in one text file, each a headline over its dateline (or after a
    /// separator line): one section each, each dating its own «دیروز»; the article takes
    /// the file's name.
    #[test]
    fn items_with_datelines_become_sections() {
        let text = "بازدید وزیر نیرو از سد تازه\n\
            تاریخ انتشار: ۱۴۰۲/۰۳/۱۱\n\
            وزیر نیرو دیروز از سد تازه بازدید کرد.\n\n\
            افتتاح کتابخانه شهر\n\
            تاریخ انتشار: ۱۴۰۲/۰۵/۲۰\n\
            کتابخانه شهر دیروز با حضور شهردار گشایش یافت.\n\n\
            ***\n\n\
            نمایشگاه کتاب کودک\n\n\
            نمایشگاه کتاب کودک در سال ۱۴۰۱ برگزار شد.";
        let imp = import_text(text, "briefs.txt").unwrap_or_else(|| panic!("imported"));
        let a = &imp.article;
        assert_eq!(a.meta.title, "briefs");
        let headings: Vec<&str> = a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            headings,
            [
                "بازدید وزیر نیرو از سد تازه",
                "افتتاح کتابخانه شهر",
                "نمایشگاه کتاب کودک"
            ]
        );
        assert!(a.blocks.iter().all(|b| b.text != "***"), "separators go");
        let yesterdays: Vec<String> = a
            .events
            .iter()
            .filter(|e| e.date.wording.contains("دیروز"))
            .map(|e| e.date.start.to_string())
            .collect();
        // ۱۱ خرداد ۱۴۰۲ = 2023-06-01, ۲۰ مرداد ۱۴۰۲ = 2023-08-11: each the day before.
        assert_eq!(yesterdays, ["2023-05-31", "2023-08-10"]);
    }

    #[test]
    fn labels_read_as_titles() {
        for (sentence, wording, want) in [
            (
                "طرح بازسازی اروپا در ژوئن ۱۹۴۷ از سوی وزیر خارجه وقت ارائه شد.",
                "ژوئن ۱۹۴۷",
                "طرح بازسازی اروپا از سوی وزیر خارجه وقت",
            ),
            (
                "در سال ۲۰۱۹، قیمت بنزین در بازار داخلی دو برابر شد.",
                "سال ۲۰۱۹",
                "قیمت بنزین در بازار داخلی دو برابر شد",
            ),
            ("کتابخانه شهر و موزه در", "دیروز", "کتابخانه شهر و موزه"),
            ("در ۱۲ بهمن", "۱۲ بهمن", "۱۲ بهمن"),
        ] {
            assert_eq!(label(sentence, wording), want, "{sentence}");
        }
    }

    /// A CSV feed is one section per item: its title a heading, its date a dateline
    /// paragraph that names no source, its text paragraphs; the article takes the file's
    /// name, not the first item's title.
    #[test]
    fn feeds_become_sections() {
        let feed = "id,title,summary,date\n\
            1,قیمت نان گران شد,به گفته رئیس اتحادیه نانوایان قیمت نان در سال ۱۴۰۳ بالا رفت.,1402-08-09 08:15:02+0330\n\
            2,تیم ملی قهرمان شد,تیم ملی والیبال در مسابقات قهرمانی آسیا پیروز شد.,1402-08-09 08:20:00+0330\n";
        let imp = import_text(feed, "feed.txt").unwrap_or_else(|| panic!("imported"));
        let a = &imp.article;
        let kinds: Vec<(BlockKind, &str)> =
            a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading, "قیمت نان گران شد"),
                (BlockKind::Paragraph, "1402-08-09 08:15:02+0330"),
                (
                    BlockKind::Paragraph,
                    "به گفته رئیس اتحادیه نانوایان قیمت نان در سال ۱۴۰۳ بالا رفت."
                ),
                (BlockKind::Heading, "تیم ملی قهرمان شد"),
                (BlockKind::Paragraph, "1402-08-09 08:20:00+0330"),
                (
                    BlockKind::Paragraph,
                    "تیم ملی والیبال در مسابقات قهرمانی آسیا پیروز شد."
                ),
            ]
        );
        assert_eq!(a.meta.title, "feed");
        // A dateline is its item's publication on the timeline.
        let published: Vec<&str> = a
            .events
            .iter()
            .filter(|e| e.date.wording.starts_with("1402-08-09"))
            .map(|e| e.label.as_str())
            .collect();
        assert_eq!(
            published,
            ["انتشار: قیمت نان گران شد", "انتشار: تیم ملی قهرمان شد"]
        );
        // No dateline above the items: the article's date is its first item's.
        assert_eq!(
            a.meta.date,
            crate::model::Day::from_solar_hijri(1402, 8, 9).ok()
        );
        assert!(
            imp.warnings.iter().any(|w| w.contains("2 news items")),
            "{:?}",
            imp.warnings
        );
        let dateline_blocks = ["p1", "p3"];
        assert!(
            a.claims
                .iter()
                .all(|c| !dateline_blocks.contains(&c.anchor.block.as_str())),
            "no claim in a dateline"
        );
        assert!(a.problems().is_empty(), "{:?}", a.problems());
    }

    #[test]
    fn each_heading_starts_a_section_with_its_own_date() {
        let block = |id: &str, kind: BlockKind, text: &str| Block {
            id: id.to_owned(),
            kind,
            text: text.to_owned(),
            sidebar: false,
            page: None,
        };
        let blocks = vec![
            block("h1", BlockKind::Heading, "خبر نخست"),
            block("p1", BlockKind::Paragraph, "تاریخ انتشار: ۱۴۰۳/۰۹/۲۲"),
            block(
                "p2",
                BlockKind::Paragraph,
                "وزیر دیروز به تبریز رفت. دیروز باران بارید.",
            ),
            block("h2", BlockKind::Heading, "خبر دوم"),
            block("p3", BlockKind::Paragraph, "۲۴ مرداد ۱۳۹۶"),
            block(
                "p4",
                BlockKind::Paragraph,
                "نشست دیروز برگزار شد و در سال ۱۳۹۵ نیز برگزار شده بود.",
            ),
            block("p5", BlockKind::Paragraph, "در همان سال هم چنین بود."),
            block(
                "p6",
                BlockKind::Paragraph,
                "شهرداری در سال ۱۳۹۵ بودجه را کم کرد.",
            ),
        ];
        let sents: Vec<Vec<Range<usize>>> = blocks.iter().map(|b| sentences(&b.text)).collect();
        let (events, block_events) = tag_events(
            &file_context("", &blocks, &ImportOptions::default()),
            &blocks,
            &sents,
        );
        let got: Vec<(String, String)> = events
            .iter()
            .map(|e| (e.date.wording.clone(), e.date.start.to_string()))
            .collect();
        let want: Vec<(String, String)> = [
            ("۱۴۰۳/۰۹/۲۲", "2024-12-12"),
            ("دیروز", "2024-12-11"),
            ("دیروز", "2024-12-11"),
            ("۲۴ مرداد ۱۳۹۶", "2017-08-15"),
            ("دیروز", "2017-08-14"),
            ("سال ۱۳۹۵", "2016-03-20"),
            ("سال ۱۳۹۵", "2016-03-20"),
        ]
        .iter()
        .map(|&(w, d)| (w.to_owned(), d.to_owned()))
        .collect();
        assert_eq!(got, want, "events by section");
        // A back-reference to the year is the same event; a new sentence with its own
        // date phrase and another subject is a new one.
        let ids: Vec<&str> = block_events[6].iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, vec!["e6"], "the year of p5 is e6");
        let ids: Vec<&str> = block_events[7].iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, vec!["e7"], "the year of p6 is e7");
        // `--date` anchors a file without a dateline.
        let plain = vec![block("p1", BlockKind::Paragraph, "دیروز باران بارید.")];
        let sents: Vec<Vec<Range<usize>>> = plain.iter().map(|b| sentences(&b.text)).collect();
        let options = ImportOptions {
            date: "2003-01-14".parse().ok(),
        };
        let (events, _) = tag_events(&file_context("", &plain, &options), &plain, &sents);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].date.start.to_string(), "2003-01-13");
        let (events, _) = tag_events(
            &file_context("", &plain, &ImportOptions::default()),
            &plain,
            &sents,
        );
        assert!(events.is_empty(), "no document date: «دیروز» is not dated");
    }

    #[test]
    fn a_year_repeated_with_another_subject_is_another_event() {
        let block = |id: &str, kind: BlockKind, text: &str| Block {
            id: id.to_owned(),
            kind,
            text: text.to_owned(),
            sidebar: false,
            page: None,
        };
        let blocks = vec![
            block("h1", BlockKind::Heading, "گزارش بازرگانی"),
            block("p1", BlockKind::Paragraph, "تاریخ انتشار: ۱۴۰۳/۰۹/۲۲"),
            block("p2", BlockKind::Paragraph, "صادرات در سال ۱۴۰۲ بیشتر شد."),
            block("p3", BlockKind::Paragraph, "واردات کالا در سال ۱۴۰۲ کم شد."),
            block(
                "p4",
                BlockKind::Paragraph,
                "بیکاری نسبت به سال ۱۴۰۲ کمتر است.",
            ),
        ];
        let sents: Vec<Vec<Range<usize>>> = blocks.iter().map(|b| sentences(&b.text)).collect();
        let (events, block_events) = tag_events(
            &file_context("", &blocks, &ImportOptions::default()),
            &blocks,
            &sents,
        );
        assert_eq!(events.len(), 3, "the dateline and two years");
        let ids =
            |b: usize| -> Vec<&str> { block_events[b].iter().map(|(id, _)| id.as_str()).collect() };
        assert_eq!(ids(2), vec!["e2"]);
        assert_eq!(ids(3), vec!["e3"], "another subject, its own date phrase");
        assert_eq!(ids(4), vec!["e3"], "the base of a comparison");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(
            import_bytes(b"\0\x01\x02", "a.bin"),
            Err(ImportError::Decode { .. })
        ));
        assert!(matches!(
            import_bytes(b"  \n\n ", "e.txt"),
            Err(ImportError::Empty { .. })
        ));
    }

    #[test]
    fn categories() {
        for (s, want) in [
            ("قیمت نفت و گاز در بازار جهانی بالا رفت", "economy"),
            (
                "قراردادهای جدید نظامی امضا شد و ارتش رزمایش برگزار کرد",
                "security",
            ),
            ("وزیر خارجه با سفیر دیدار کرد", "diplomacy"),
            ("نمایندگان مجلس درباره انتخابات رأی دادند", "politics"),
            ("جشنواره فیلم با نمایش ده فیلم آغاز شد", "culture"),
            ("تیم ملی فوتبال در مسابقات قهرمانی پیروز شد", "sport"),
            ("آمار خودکشی در میان کودکان و خانواده‌ها", "society"),
            ("پژوهش تازه دانشمندان درباره ماهواره", "science"),
            ("چیزی دیگر", "other"),
        ] {
            assert_eq!(guess_category(s), want, "{s}");
        }
        let ids: Vec<String> = news_categories().into_iter().map(|c| c.id).collect();
        for (id, _) in CATEGORY_WORDS {
            assert!(ids.iter().any(|i| i == id), "{id} is a news category");
        }
    }

    #[test]
    fn labels_and_quotes_are_capped() {
        assert_eq!(cap_chars("کوتاه", 10), "کوتاه");
        assert_eq!(cap_chars(&"الف".repeat(100), 10).chars().count(), 11);
        let text = format!("{} پایان", "واژه ".repeat(400));
        let r = cap_range(&text, 0..text.len(), 600);
        assert!(text[r.clone()].chars().count() <= 600);
        assert!(text[r].ends_with("واژه"), "cut at a space");
    }

    #[test]
    fn a_text_without_sentence_ends_does_not_blow_up_the_saved_file() {
        // Single lines and no full stops: one block, one «sentence», 300 attributed claims.
        let text: String = (0..300)
            .map(|i| {
                format!(
                    "به گزارش خبرگزاری نمونه، وزیر در تاریخ {} مه ۲۰۱۹ گفت که نشست شماره {i} برگزار شد\n",
                    1 + i % 28
                )
            })
            .collect();
        let imported = import_bytes(text.as_bytes(), "long").unwrap_or_else(|e| panic!("{e}"));
        assert!(imported.article.claims.len() >= 300);
        let ron = crate::store::to_string(&imported.article).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            ron.len() < 40 * text.len(),
            "{} bytes of RON for {} bytes of text",
            ron.len(),
            text.len()
        );
        crate::store::from_str(&ron, "long.ron").unwrap_or_else(|e| panic!("{e}"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn arbitrary_bytes_import_soundly(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Ok(imp) = import_bytes(&bytes, "p.txt") {
                prop_assert!(imp.article.problems().is_empty(), "{:?}", imp.article.problems());
            }
        }

        #[test]
        fn arbitrary_text_imports_soundly(s in "(\\PC|[ا-ی ۰-۹«»()\\n.،]|در سال ۲۰۱۹|گزارش داد|همان سال|دهه ۱۹۹۰){0,40}") {
            if let Ok(imp) = import_bytes(s.as_bytes(), "p.txt") {
                prop_assert!(imp.article.problems().is_empty(), "{:?}", imp.article.problems());
                for e in &imp.article.events {
                    prop_assert!(e.date.start <= e.date.end);
                }
            }
        }
    }
}
