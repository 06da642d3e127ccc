//! Import of a text file as an [`Article`]: decode, repair, split into paragraphs and
//! headings, tag dates as events (labelled, anchored, in a guessed lane), and find the
//! sources and their claims. Linear in the input; no panics on any bytes.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::model::{
    Anchor, Article, Block, BlockKind, Claim, Event, Lane, Meta, SCHEMA_VERSION, Source,
};
use crate::persian::attribution::{Attribution, find_attributions_in, sentences};
use crate::persian::decode::{DecodeError, decode};
use crate::persian::fold::fold_text;
use crate::persian::repair::{Repair, is_heading};
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
    let size = std::fs::metadata(path).map_err(io)?.len();
    let limit = crate::persian::decode::MAX_INPUT_BYTES;
    if size > limit as u64 {
        return Err(ImportError::Decode {
            name: name.clone(),
            cause: DecodeError::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit,
            },
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
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
    let (fixed, repairs) = crate::persian::repair::repair_skipping(text, skip);
    let paras: Vec<&str> = fixed
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if paras.is_empty() {
        return None;
    }
    let mut blocks = Vec::with_capacity(paras.len());
    let mut title = String::new();
    let (mut np, mut nh) = (0, 0);
    for (i, p) in paras.iter().enumerate() {
        let heading = is_heading(p) && paras.len() > 1;
        if i == 0 && heading {
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
        });
    }
    if title.is_empty() {
        title = title_from_name(name);
    }
    let mut article = Article {
        schema: SCHEMA_VERSION,
        meta: Meta {
            title,
            author: String::new(),
            lead: Vec::new(),
            language: "fa".to_owned(),
            publication: None,
        },
        blocks,
        events: Vec::new(),
        sources: Vec::new(),
        claims: Vec::new(),
    };
    let mut warnings = Vec::new();
    extract(&mut article, &mut warnings, options);
    Some(Imported {
        article,
        repairs,
        warnings,
    })
}

fn title_from_name(name: &str) -> String {
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

/// An anchor for `range` of a block's text, with enough context to be unique.
fn anchor(block: &Block, range: Range<usize>) -> Anchor {
    let t = &block.text;
    let exact = t[range.clone()].to_owned();
    let mut a = Anchor::new(block.id.clone(), exact);
    if t.matches(a.exact.as_str()).nth(1).is_some() {
        a.prefix = tail_chars(&t[..range.start], 24).to_owned();
        a.suffix = head_chars(&t[range.end..], 24).to_owned();
    }
    // `extract` relies on this when it checks the article (see `is_sound`).
    debug_assert!(a.exact.is_empty() || a.resolve(t).is_some());
    a
}

/// Lane keywords (folded), in priority order.
const LANES: [(Lane, &[&str]); 8] = [
    (Lane::KarabakhWar, &["قرهباغ", "ارمنستان"]),
    (
        Lane::Energy,
        &[
            "نفت",
            "گاز",
            "انرژی",
            "سوخت",
            "بنزین",
            "لوله",
            "پتروشیمی",
            "برق",
        ],
    ),
    (
        Lane::Military,
        &[
            "تسلیحات",
            "نظامی",
            "سلاح",
            "پهپاد",
            "ارتش",
            "وزیردفاع",
            "جنگنده",
            "موشک",
        ],
    ),
    (
        Lane::Intelligence,
        &["اطلاعاتی", "جاسوس", "موساد", "امنیتی", "اطلاعات"],
    ),
    (Lane::Mediation, &["میانجی", "عادیسازی", "انکارا"]),
    (Lane::Iran, &["ایران", "تهران", "سپاه"]),
    (
        Lane::Community,
        &["یهودی", "یهودیان", "جامعه", "پرچم", "همدردی"],
    ),
    (
        Lane::Diplomacy,
        &[
            "سفارت",
            "روابط",
            "دیدار",
            "وزیرخارجه",
            "همکاری",
            "دیپلمات",
            "گفتوگو",
            "سفر",
            "پارلمان",
        ],
    ),
];

/// The lane whose words the sentence uses most (ties: the earlier lane), else `Other`.
fn guess_lane(sentence: &str) -> Lane {
    let f = fold_text(sentence);
    let mut best = (0, Lane::Other);
    for (lane, finders) in LANE_FINDERS.iter() {
        let n = finders
            .iter()
            .map(|w| w.find_iter(f.as_bytes()).count())
            .sum::<usize>();
        if n > best.0 {
            best = (n, *lane);
        }
    }
    best.1
}

/// [`LANES`] with a searcher built once for each word.
static LANE_FINDERS: LazyLock<Vec<(Lane, Vec<Finder<'static>>)>> = LazyLock::new(|| {
    LANES
        .iter()
        .map(|(lane, words)| (*lane, words.iter().map(Finder::new).collect()))
        .collect()
});

/// A short label: the sentence without its date wording and leading adverbial particles,
/// at most eight words.
fn label(sentence: &str, wording: &str) -> String {
    let s = sentence.replacen(wording, " ", 1);
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(c, '،' | '.' | ':' | '؛' | '«' | '»' | '(' | ')' | '؟' | '!')
            })
        })
        .filter(|w| !w.is_empty())
        .collect();
    let skip = words
        .iter()
        .take_while(|w| matches!(**w, "در" | "از" | "و" | "تا" | "سال" | "پس" | "طی"))
        .count();
    let out: Vec<&str> = words[skip..].iter().take(8).copied().collect();
    if out.is_empty() {
        wording.to_owned()
    } else {
        out.join(" ")
    }
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

/// The dates of the blocks as events, in order, and each block's events.
///
/// Each heading starts a section whose document date is the dateline in the heading or
/// its next two blocks, else the file's. A repeated mention of the same date (same
/// wording and interval, coarser than a day) is one event: the first mention anchors it.
fn tag_events(
    title: &str,
    blocks: &[Block],
    block_sentences: &[Vec<Range<usize>>],
    options: &ImportOptions,
) -> (Vec<Event>, BlockEvents) {
    let file = file_context(title, blocks, options);
    let mut tagger = Tagger::with_context(file.clone());
    let mut events: Vec<Event> = Vec::new();
    let mut block_events: BlockEvents = vec![Vec::new(); blocks.len()];
    // Dates already made events in this section, by interval: (folded wording, block, id),
    // the last few of each interval only (a repeat is near its first mention or not one).
    type Seen = HashMap<(crate::model::Day, crate::model::Day), Vec<(String, usize, String)>>;
    let mut seen: Seen = HashMap::new();
    for (bi, block) in blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            let date = blocks[bi..]
                .iter()
                .take(3)
                .find_map(|b| find_dateline(&b.text))
                .or(file.date);
            tagger.start_section(date);
            seen.clear();
            continue;
        }
        let sents = &block_sentences[bi];
        // Dates in one sentence share its lane.
        let mut lane_of: Option<(Range<usize>, Lane)> = None;
        for t in tagger.tag(&block.text) {
            if !t.dateline {
                // A day (or a few days) repeated in the same paragraph, or a longer span
                // repeated in the same section, with the same or a contained wording.
                let wording = fold_text(&t.date.wording).into_owned();
                let short = t.date.len_days() < 31;
                let list = seen.entry((t.date.start, t.date.end)).or_default();
                // A longer span (a month, a season, a year …) is one period of the story
                // however it is worded; a day is the same happening only when the mention
                // repeats part of the first wording in the same paragraph («روز جمعه» after
                // «روز جمعه ۱۴ شهریور»): two «دیروز» are two happenings.
                let same = list.iter().find(|(w, b, _)| {
                    !short
                        || (*b == bi
                            && *w != wording
                            && (w.contains(wording.as_str()) || wording.contains(w.as_str())))
                });
                if let Some((.., id)) = same {
                    block_events[bi].push((id.clone(), t.range.clone()));
                    continue;
                }
                if list.len() >= 8 {
                    list.remove(0);
                }
                list.push((wording, bi, format!("e{}", events.len() + 1)));
            }
            let sent = sents
                .iter()
                .find(|s| s.start <= t.range.start && t.range.end <= s.end)
                .cloned()
                .unwrap_or(0..block.text.len());
            let sentence = &block.text[sent.clone()];
            let lane = match &lane_of {
                Some((r, lane)) if *r == sent => *lane,
                _ => guess_lane(sentence),
            };
            lane_of = Some((sent, lane));
            let id = format!("e{}", events.len() + 1);
            block_events[bi].push((id.clone(), t.range.clone()));
            events.push(Event {
                id,
                lane,
                label: label(sentence, &t.date.wording),
                anchor: anchor(block, t.range.clone()),
                date: t.date,
            });
        }
    }
    (events, block_events)
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
    // A block's attributions do not depend on dates: they are found on a second thread
    // while this one tags the dates (in order: a relative date reads the one before).
    let blocks = &article.blocks;
    let (events, block_events, attributions) = std::thread::scope(|s| {
        let found = s.spawn(|| {
            blocks
                .iter()
                .zip(&block_sentences)
                .map(|(b, sents)| match b.kind {
                    BlockKind::Heading => Vec::new(),
                    _ => find_attributions_in(&b.text, sents),
                })
                .collect::<Vec<Vec<Attribution>>>()
        });
        let (events, block_events) =
            tag_events(&article.meta.title, blocks, &block_sentences, options);
        let attributions = found
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (events, block_events, attributions)
    });
    let mut sources: Vec<Source> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut claims: Vec<Claim> = Vec::new();
    for (bi, block) in article.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            continue;
        }
        for a in &attributions[bi] {
            let evs: Vec<String> = block_events[bi]
                .iter()
                .filter(|(_, r)| a.clause.start <= r.start && r.end <= a.clause.end)
                .map(|(id, _)| id.clone())
                .collect();
            for sp in &a.speakers {
                let key = fold_text(&sp.name).into_owned();
                let alias_key = fold_text(&sp.alias).into_owned();
                let existing = by_key
                    .get(&key)
                    .or_else(|| {
                        if alias_key.is_empty() {
                            None
                        } else {
                            by_key.get(&alias_key)
                        }
                    })
                    .copied();
                let si = match existing {
                    Some(i) => i,
                    None => {
                        sources.push(Source {
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
                            mentions: Vec::new(),
                        });
                        sources.len() - 1
                    }
                };
                by_key.insert(key, si);
                if !alias_key.is_empty() {
                    by_key.insert(alias_key, si);
                }
                let m = anchor(block, sp.range.clone());
                let src = &mut sources[si];
                if src.role.is_empty() && !sp.role.is_empty() {
                    src.role.clone_from(&sp.role);
                }
                if !src.mentions.contains(&m) {
                    src.mentions.push(m);
                }
                claims.push(Claim {
                    id: format!("c{}", claims.len() + 1),
                    source: src.id.clone(),
                    kind: a.kind,
                    anchor: anchor(block, a.clause.clone()),
                    events: evs.clone(),
                });
            }
        }
    }
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

/// Whether `Article::problems` would find nothing (unique ids, anchors that resolve in
/// known blocks, well-formed intervals, claims naming known sources and events), checked
/// in linear time; `resolves` tells whether an anchor resolves in its block (as
/// `Anchor::resolve` does).
fn is_sound(a: &Article, resolves: impl Fn(&Block, &Anchor) -> bool) -> bool {
    let mut ids = HashSet::new();
    let unique = a
        .blocks
        .iter()
        .map(|b| &b.id)
        .chain(a.events.iter().map(|e| &e.id))
        .chain(a.sources.iter().map(|s| &s.id))
        .chain(a.claims.iter().map(|c| &c.id))
        .all(|id| ids.insert(id.as_str()));
    let by_id = crate::model::by_id(&a.blocks, |b| b.id.as_str());
    let resolves = |an: &Anchor| {
        by_id
            .get(an.block.as_str())
            .is_some_and(|b| resolves(b, an))
    };
    let sources: HashSet<&str> = a.sources.iter().map(|s| s.id.as_str()).collect();
    let events: HashSet<&str> = a.events.iter().map(|e| e.id.as_str()).collect();
    unique
        && a.events
            .iter()
            .all(|e| resolves(&e.anchor) && e.date.is_well_formed())
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
        assert_eq!(a.problems(), Vec::<String>::new());
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
                ("دسامبر ۲۰۲۳", "2023-12-01".to_owned()),
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
        let corruptions: [Corruption; 8] = [
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

    #[test]
    fn each_heading_starts_a_section_with_its_own_date() {
        let block = |id: &str, kind: BlockKind, text: &str| Block {
            id: id.to_owned(),
            kind,
            text: text.to_owned(),
            sidebar: false,
        };
        let blocks = vec![
            block("h1", BlockKind::Heading, "خبر نخست"),
            block("p1", BlockKind::Paragraph, "تاریخ انتشار: ۱۴۰۴/۰۶/۱۵"),
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
            block("p5", BlockKind::Paragraph, "در سال ۱۳۹۵ هم چنین بود."),
        ];
        let sents: Vec<Vec<Range<usize>>> = blocks.iter().map(|b| sentences(&b.text)).collect();
        let (events, block_events) = tag_events("", &blocks, &sents, &ImportOptions::default());
        let got: Vec<(String, String)> = events
            .iter()
            .map(|e| (e.date.wording.clone(), e.date.start.to_string()))
            .collect();
        let want: Vec<(String, String)> = [
            ("۱۴۰۴/۰۶/۱۵", "2025-09-06"),
            ("دیروز", "2025-09-05"),
            ("دیروز", "2025-09-05"),
            ("۲۴ مرداد ۱۳۹۶", "2017-08-15"),
            ("دیروز", "2017-08-14"),
            ("سال ۱۳۹۵", "2016-03-20"),
        ]
        .iter()
        .map(|&(w, d)| (w.to_owned(), d.to_owned()))
        .collect();
        assert_eq!(got, want, "events by section");
        // The repeated year is the same event.
        let ids: Vec<&str> = block_events[6].iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, vec!["e6"], "the year of p5 is e6");
        // `--date` anchors a file without a dateline.
        let plain = vec![block("p1", BlockKind::Paragraph, "دیروز باران بارید.")];
        let sents: Vec<Vec<Range<usize>>> = plain.iter().map(|b| sentences(&b.text)).collect();
        let options = ImportOptions {
            date: "2003-01-14".parse().ok(),
        };
        let (events, _) = tag_events("", &plain, &sents, &options);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].date.start.to_string(), "2003-01-13");
        let (events, _) = tag_events("", &plain, &sents, &ImportOptions::default());
        assert!(events.is_empty(), "no document date: «دیروز» is not dated");
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
    fn lanes() {
        for (s, lane) in [
            (
                "آذربایجان صادرات نفت خود به اسرائیل را افزایش داد",
                Lane::Energy,
            ),
            ("قراردادهای جدید نظامی امضا شد", Lane::Military),
            ("جنگ ۴۴ روزه قره‌باغ", Lane::KarabakhWar),
            ("سپاه پاسداران دو رزمایش برگزار کرد", Lane::Iran),
            ("چیزی دیگر", Lane::Other),
        ] {
            assert_eq!(guess_lane(s), lane, "{s}");
        }
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
