//! Other tools' timelines taken back as articles: what TimelineJS JSON ([`super::timelinejs`])
//! and CSV of events ([`super::csv`]) share — the error type, drafts of events and their
//! assembly into an [`Article`] whose blocks carry each event's text and whose events are
//! anchored in them — and [`load_any`], which opens every kind of file Gahnegar reads.
//!
//! A file with a missing or malformed date is refused whole, with every problem listed by
//! event (TimelineJS) or line (CSV): nothing is silently dropped.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use crate::model::{
    Anchor, Article, Block, BlockKind, Certainty, Day, Event, FuzzyDate, Meta, Origin, Precision,
    SCHEMA_VERSION, category, news_categories,
};
use crate::persian::dates::{self, Calendar};

/// Why a TimelineJS or CSV file could not be imported. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    #[error("{origin}:{line}:{col}: not valid JSON: {message}")]
    Json {
        origin: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{origin} is not a TimelineJS file: {message}")]
    NotTimeline { origin: String, message: String },
    #[error("{origin} is not a CSV file of events: {message}")]
    NotCsv { origin: String, message: String },
    #[error("{origin}: {} problem(s), nothing was imported: {}", problems.len(), crate::store::list_problems(problems))]
    Invalid {
        origin: String,
        problems: Vec<String>,
    },
}

/// Opens any file Gahnegar reads as one article, told apart by its content (then its
/// extension): a RON article, text, a saved web page, TimelineJS JSON or CSV (see
/// [`crate::import::sniff`]). A Telegram export holds one article a post and is refused
/// here with the command that imports it.
pub fn load_any(path: &Path) -> anyhow::Result<Article> {
    let mut all = crate::import::import_file(path, &crate::import::ImportOptions::default())?;
    if all.len() == 1 {
        return Ok(all.remove(0).article);
    }
    anyhow::bail!(
        "{} is a Telegram export of {} posts, one article each; import them with \
         `gahnegar import {} -o FOLDER`",
        path.display(),
        all.len(),
        path.display()
    )
}

/// An event read from a file, before it is given a block and an anchor.
pub(super) struct Draft {
    pub id: Option<String>,
    pub date: FuzzyDate,
    /// The category the file names (TimelineJS `group`, CSV `lane`); empty for none.
    pub group: String,
    pub label: String,
    /// The paragraph the event comes from, and where in it the date stands (TimelineJS
    /// `<mark>`), when the file says.
    pub body: Option<(String, Option<Range<usize>>)>,
    /// Events naming the same paragraph share a block (CSV `paragraph`).
    pub paragraph: Option<String>,
}

pub(super) fn precision_from(s: &str) -> Option<Precision> {
    [
        Precision::Day,
        Precision::Month,
        Precision::Season,
        Precision::Year,
        Precision::Decade,
        Precision::PartOfDecade,
        Precision::Range,
    ]
    .into_iter()
    .find(|p| p.as_str() == s.trim().to_lowercase())
}

/// How precise an interval is, from its ends alone.
pub(super) fn infer_precision(start: Day, end: Day) -> Precision {
    let month_end = Day::last_of_month(end.year, end.month).is_ok_and(|d| d == end);
    let whole_months = start.day == 1 && month_end;
    let whole_years = whole_months && start.month == 1 && end.month == 12;
    if start == end {
        Precision::Day
    } else if whole_months && start.year == end.year && start.month == end.month {
        Precision::Month
    } else if whole_years && start.year == end.year {
        Precision::Year
    } else if whole_years && start.year.rem_euclid(10) == 0 && end.year == start.year + 9 {
        Precision::Decade
    } else {
        Precision::Range
    }
}

/// A date over `start..=end` with `wording`: precision and softness from the wording when
/// the date tagger reads it as exactly this interval, else from the interval.
pub(super) fn date_of(
    start: Day,
    end: Day,
    wording: &str,
    precision: Option<Precision>,
) -> FuzzyDate {
    let tagged = crate::persian::tagger::tag_dates(wording)
        .into_iter()
        .find(|t| t.date.start == start && t.date.end == end && t.range.len() == wording.len());
    let (p, approximate) = match (precision, tagged) {
        (Some(p), Some(t)) if p == t.date.precision => (p, t.date.approximate),
        (Some(p), _) => (
            p,
            matches!(
                p,
                Precision::Decade | Precision::PartOfDecade | Precision::Season
            ),
        ),
        (None, Some(t)) => (t.date.precision, t.date.approximate),
        (None, None) => (infer_precision(start, end), false),
    };
    let wording = if wording.trim().is_empty() {
        dates::interval_text(
            &FuzzyDate::new(start, end, p, ""),
            Calendar::Gregorian,
            true,
        )
    } else {
        wording.trim().to_owned()
    };
    FuzzyDate::new(start, end, p, wording).approximate(approximate)
}

/// Up to `n` chars of `s` from its end.
pub(super) fn tail(s: &str, n: usize) -> String {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    s[start..].to_owned()
}

/// Up to `n` chars of `s` from its start.
pub(super) fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Builds the article: a block per paragraph, each event anchored at its date wording.
pub(super) fn assemble(title: String, lead: Vec<String>, drafts: Vec<Draft>) -> Article {
    let mut categories = news_categories();
    let mut taken: HashSet<String> = drafts.iter().filter_map(|d| d.id.clone()).collect();
    // The next number to try per prefix: fresh ids are found in amortised constant time
    // (counting from 1 for each was quadratic in the rows of a large file).
    let mut next: HashMap<&'static str, usize> = HashMap::new();
    let mut fresh = |prefix: &'static str, taken: &mut HashSet<String>| {
        let n = next.entry(prefix).or_insert(1);
        loop {
            let id = format!("{prefix}{n}");
            *n += 1;
            if taken.insert(id.clone()) {
                return id;
            }
        }
    };
    // Ids: the file's where present and unique, fresh ones for the rest.
    let mut seen = HashSet::new();
    let ids: Vec<Option<String>> = drafts
        .iter()
        .map(|d| d.id.clone().filter(|id| seen.insert(id.clone())))
        .collect();
    let ids: Vec<String> = ids
        .into_iter()
        .map(|id| id.unwrap_or_else(|| fresh("e", &mut taken)))
        .collect();

    let mut blocks: Vec<Block> = Vec::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut by_paragraph: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    for (d, id) in drafts.into_iter().zip(ids) {
        let wording = d.date.wording.clone();
        let (block, range) = match d.body {
            Some((text, mark)) => {
                let (text, range) = match mark.filter(|r| text.get(r.clone()) == Some(&wording)) {
                    Some(r) => (text, r),
                    None => match text.find(&wording) {
                        Some(at) => (text, at..at + wording.len()),
                        None if text.is_empty() => {
                            (format!("{wording}: {}", d.label), 0..wording.len())
                        }
                        None => (format!("{wording}: {text}"), 0..wording.len()),
                    },
                };
                let i = *by_text.entry(text.clone()).or_insert_with(|| {
                    blocks.push(Block {
                        id: fresh("p", &mut taken),
                        kind: BlockKind::Paragraph,
                        text,
                        sidebar: false,
                        page: None,
                    });
                    blocks.len() - 1
                });
                (i, range)
            }
            None => {
                // Sentences «wording: label.» gathered per paragraph.
                let sentence = format!("{wording}: {}.", d.label);
                let key = d.paragraph.clone().filter(|p| !p.trim().is_empty());
                let existing = key.as_ref().and_then(|k| by_paragraph.get(k).copied());
                match existing {
                    Some(i) => {
                        let b = &mut blocks[i];
                        b.text.push(' ');
                        let at = b.text.len();
                        b.text.push_str(&sentence);
                        (i, at..at + wording.len())
                    }
                    None => {
                        let bid = match &key {
                            Some(k) if taken.insert(k.clone()) => k.clone(),
                            _ => fresh("p", &mut taken),
                        };
                        blocks.push(Block {
                            id: bid,
                            kind: BlockKind::Paragraph,
                            text: sentence,
                            sidebar: false,
                            page: None,
                        });
                        if let Some(k) = key {
                            by_paragraph.insert(k, blocks.len() - 1);
                        }
                        (blocks.len() - 1, 0..wording.len())
                    }
                }
            }
        };
        let text = &blocks[block].text;
        let anchor = Anchor {
            block: blocks[block].id.clone(),
            exact: wording,
            prefix: tail(&text[..range.start], 24),
            suffix: head(&text[range.end..], 24),
            at: Some(range.start),
            orphaned: false,
        };
        events.push(Event {
            id,
            date: d.date,
            category: category::find_or_add(&mut categories, &d.group),
            label: d.label,
            anchor,
            certainty: Certainty::default(),
            origin: Origin::default(),
            note: String::new(),
        });
    }
    Article {
        schema: SCHEMA_VERSION,
        meta: Meta {
            title,
            lead,
            language: "fa".to_owned(),
            ..Meta::default()
        },
        categories,
        blocks,
        events,
        sources: Vec::new(),
        claims: Vec::new(),
        highlights: Vec::new(),
    }
}

/// The file's name without its extension, as a fallback title.
pub(super) fn stem(origin: &str) -> String {
    Path::new(origin)
        .file_stem()
        .map_or_else(|| origin.to_owned(), |s| s.to_string_lossy().into_owned())
}

pub(super) fn invalid(origin: &str, problems: Vec<String>) -> InteropError {
    InteropError::Invalid {
        origin: origin.to_owned(),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_is_inferred_from_the_interval() {
        let d = |s: &str| s.parse::<Day>().unwrap_or_else(|e| panic!("{e}"));
        for (a, b, want) in [
            ("2020-01-05", "2020-01-05", Precision::Day),
            ("2024-02-01", "2024-02-29", Precision::Month),
            ("2019-01-01", "2019-12-31", Precision::Year),
            ("1990-01-01", "1999-12-31", Precision::Decade),
            ("2000-01-01", "2004-12-31", Precision::Range),
            ("2021-11-01", "2022-03-31", Precision::Range),
        ] {
            assert_eq!(infer_precision(d(a), d(b)), want, "{a}..{b}");
        }
    }
}
