//! Taking other tools' timelines back: Knight Lab TimelineJS JSON and CSV of events (the
//! columns of [`super::dump_csv`], or those of TimelineJS's spreadsheet template) become
//! an [`Article`] whose blocks carry each event's text and whose events are anchored in
//! them. [`load_any`] opens every kind of file Gahnegar reads.
//!
//! A file with a missing or malformed date is refused whole, with every problem listed by
//! event (TimelineJS) or line (CSV): nothing is silently dropped.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::ops::Range;
use std::path::Path;

use anyhow::Context as _;
use serde_json::Value;

use super::CSV_HEADER;
use crate::model::{
    Anchor, Article, Block, BlockKind, Day, Event, FuzzyDate, Meta, Precision, SCHEMA_VERSION,
    category, news_categories,
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
    #[error("{origin}: {} problem(s), nothing was imported: {}", problems.len(), problems.join("; "))]
    Invalid {
        origin: String,
        problems: Vec<String>,
    },
}

/// Most problems listed in one [`InteropError::Invalid`].
const MAX_PROBLEMS: usize = 20;

/// Opens any file Gahnegar reads, by its extension: `.ron` (an article), `.txt` (imported
/// from text), `.json` (TimelineJS) or `.csv` (events).
pub fn load_any(path: &Path) -> anyhow::Result<Article> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" => Ok(crate::import::import_path(path)?.article),
        "json" => Ok(from_timelinejs(
            &read_text(path)?,
            &path.display().to_string(),
        )?),
        "csv" => Ok(from_csv(&read_text(path)?, &path.display().to_string())?),
        _ => Ok(crate::store::load(path)?),
    }
}

/// Reads a UTF-8 file of at most [`crate::store::MAX_FILE_BYTES`].
fn read_text(path: &Path) -> anyhow::Result<String> {
    let limit = crate::store::MAX_FILE_BYTES;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limit {
        anyhow::bail!("{} is over the limit of {limit} bytes", path.display());
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text: invalid byte at offset {}",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

// ---- shared -----------------------------------------------------------------------

/// An event read from a file, before it is given a block and an anchor.
struct Draft {
    id: Option<String>,
    date: FuzzyDate,
    /// The category the file names (TimelineJS `group`, CSV `lane`); empty for none.
    group: String,
    label: String,
    /// The paragraph the event comes from, and where in it the date stands (TimelineJS
    /// `<mark>`), when the file says.
    body: Option<(String, Option<Range<usize>>)>,
    /// Events naming the same paragraph share a block (CSV `paragraph`).
    paragraph: Option<String>,
}

fn precision_from(s: &str) -> Option<Precision> {
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
fn infer_precision(start: Day, end: Day) -> Precision {
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
fn date_of(start: Day, end: Day, wording: &str, precision: Option<Precision>) -> FuzzyDate {
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
fn tail(s: &str, n: usize) -> String {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    s[start..].to_owned()
}

/// Up to `n` chars of `s` from its start.
fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Builds the article: a block per paragraph, each event anchored at its date wording.
fn assemble(title: String, lead: Vec<String>, drafts: Vec<Draft>) -> Article {
    let mut categories = news_categories();
    let mut taken: HashSet<String> = drafts.iter().filter_map(|d| d.id.clone()).collect();
    let fresh = |prefix: &str, taken: &mut HashSet<String>| {
        let mut n = 1;
        loop {
            let id = format!("{prefix}{n}");
            if taken.insert(id.clone()) {
                return id;
            }
            n += 1;
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
        };
        events.push(Event {
            id,
            date: d.date,
            category: category::find_or_add(&mut categories, &d.group),
            label: d.label,
            anchor,
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
    }
}

/// The file's name without its extension, as a fallback title.
fn stem(origin: &str) -> String {
    Path::new(origin)
        .file_stem()
        .map_or_else(|| origin.to_owned(), |s| s.to_string_lossy().into_owned())
}

fn invalid(origin: &str, mut problems: Vec<String>) -> InteropError {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(format!("and {more} more"));
    }
    InteropError::Invalid {
        origin: origin.to_owned(),
        problems,
    }
}

// ---- HTML fields ------------------------------------------------------------------

/// A paragraph of an HTML field: its text, and the range of a `<mark>` in it.
struct HtmlParagraph {
    text: String,
    mark: Option<Range<usize>>,
}

/// Decodes the entities of a run of HTML text.
fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "zwnj" => Some('\u{200c}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The paragraphs of an HTML field (split at `<p>`, `<br>`, `<li>` and the like), tags
/// removed, entities decoded, white space collapsed.
fn html_paragraphs(html: &str) -> Vec<HtmlParagraph> {
    let mut out = Vec::new();
    let mut cur = HtmlParagraph {
        text: String::new(),
        mark: None,
    };
    let mut mark_start = None;
    let flush = |cur: &mut HtmlParagraph, out: &mut Vec<HtmlParagraph>| {
        let p = std::mem::replace(
            cur,
            HtmlParagraph {
                text: String::new(),
                mark: None,
            },
        );
        if !p.text.trim().is_empty() {
            out.push(p);
        }
    };
    let mut rest = html;
    while !rest.is_empty() {
        let (text, tag) = match rest.find('<') {
            Some(at) => {
                let close = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
                let tag = &rest[at..close];
                let t = &rest[..at];
                rest = &rest[close..];
                (t, Some(tag))
            }
            None => {
                let t = rest;
                rest = "";
                (t, None)
            }
        };
        let mut decoded = String::new();
        decode_entities(text, &mut decoded);
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !cur.text.is_empty() && !cur.text.ends_with(' ') {
                    cur.text.push(' ');
                }
            } else {
                cur.text.push(c);
            }
        }
        if let Some(tag) = tag {
            let name: String = tag
                .trim_start_matches('<')
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let closing = tag.starts_with("</");
            match name.as_str() {
                "p" | "br" | "li" | "div" | "h1" | "h2" | "h3" | "h4" | "blockquote"
                    if mark_start.is_none() =>
                {
                    flush(&mut cur, &mut out);
                }
                "mark" if !closing => mark_start = Some(cur.text.len()),
                "mark" => {
                    if let Some(s) = mark_start.take() {
                        cur.mark = Some(s..cur.text.len());
                    }
                }
                _ => {}
            }
        }
    }
    flush(&mut cur, &mut out);
    for p in &mut out {
        let lead = p.text.len() - p.text.trim_start().len();
        let trimmed = p.text.trim().to_owned();
        p.mark = p.mark.take().and_then(|r| {
            let r = r.start.checked_sub(lead)?..r.end.checked_sub(lead)?;
            (r.end <= trimmed.len()).then_some(r)
        });
        p.text = trimmed;
    }
    out
}

/// The plain text of an HTML field, paragraphs joined by spaces.
fn html_text(html: &str) -> String {
    html_paragraphs(html)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join(" ")
}

// ---- TimelineJS -------------------------------------------------------------------

/// A TimelineJS date object as days: its first and last day (a year, month or day).
fn tl_date(v: &Value, what: &str) -> Result<(Day, Day), String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{what} is not an object with a year"))?;
    let field = |name: &str| -> Result<Option<i64>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| format!("{what}.{name} {n} is not a whole number")),
            Some(Value::String(s)) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| format!("{what}.{name} «{s}» is not a number")),
            Some(other) => Err(format!("{what}.{name} {other} is not a number")),
        }
    };
    let year = field("year")?.ok_or_else(|| format!("{what} has no year"))?;
    let month = field("month")?;
    let day = field("day")?;
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (crate::model::MIN_YEAR..=crate::model::MAX_YEAR).contains(y))
        .ok_or_else(|| format!("{what}.year {year} is outside the years Gahnegar supports"))?;
    let bad = |e: crate::model::DayError| format!("{what}: {e}");
    let month_u8 = |m: i64| {
        u8::try_from(m)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| format!("{what}.month {m} is not 1 to 12"))
    };
    match (month, day) {
        (None, None) => Ok((
            Day::new(year, 1, 1).map_err(bad)?,
            Day::new(year, 12, 31).map_err(bad)?,
        )),
        (None, Some(_)) => Err(format!("{what} has a day but no month")),
        (Some(m), None) => {
            let m = month_u8(m)?;
            Ok((
                Day::first_of_month(year, m).map_err(bad)?,
                Day::last_of_month(year, m).map_err(bad)?,
            ))
        }
        (Some(m), Some(d)) => {
            let m = month_u8(m)?;
            let d =
                u8::try_from(d).map_err(|_| format!("{what}.day {d} is not a day of the month"))?;
            let day = Day::new(year, m, d).map_err(bad)?;
            Ok((day, day))
        }
    }
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .try_fold(v, |v, k| v.get(k))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// Reads Knight Lab TimelineJS JSON (`events` with `start_date`/`end_date`, `text`,
/// `group`, `display_date`, `unique_id`). The title slide gives the title and lead; each
/// event's text becomes its paragraph, anchored at its `<mark>` or its displayed date.
pub fn from_timelinejs(text: &str, origin: &str) -> Result<Article, InteropError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| InteropError::Json {
        origin: origin.to_owned(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    let not_tl = |message: &str| InteropError::NotTimeline {
        origin: origin.to_owned(),
        message: message.to_owned(),
    };
    let events = root
        .as_object()
        .ok_or_else(|| not_tl("the top level is not an object"))?
        .get("events")
        .ok_or_else(|| not_tl("it has no \"events\" list"))?
        .as_array()
        .ok_or_else(|| not_tl("\"events\" is not a list"))?;
    let title = html_text(str_at(&root, &["title", "text", "headline"]));
    let title = if title.is_empty() {
        stem(origin)
    } else {
        title
    };
    let lead: Vec<String> = html_paragraphs(str_at(&root, &["title", "text", "text"]))
        .into_iter()
        .map(|p| p.text)
        .collect();
    let mut problems = Vec::new();
    let mut drafts = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        let id = str_at(ev, &["unique_id"]).trim();
        let what = if id.is_empty() {
            format!("events[{i}]")
        } else {
            format!("events[{i}] ({id})")
        };
        let start = match ev.get("start_date") {
            None | Some(Value::Null) => Err(format!("{what} has no start_date")),
            Some(v) => tl_date(v, &format!("{what} start_date")),
        };
        let end = match ev.get("end_date") {
            None | Some(Value::Null) => Ok(None),
            Some(v) => tl_date(v, &format!("{what} end_date")).map(Some),
        };
        let (start, end) = match (start, end) {
            (Ok((s, e)), Ok(None)) => (s, e),
            (Ok((s, _)), Ok(Some((_, e)))) if e >= s => (s, e),
            (Ok((s, _)), Ok(Some((_, e)))) => {
                problems.push(format!("{what} ends ({e}) before it starts ({s})"));
                continue;
            }
            (a, b) => {
                problems.extend(a.err());
                problems.extend(b.err());
                continue;
            }
        };
        let wording = html_text(str_at(ev, &["display_date"]));
        let date = date_of(start, end, &wording, None);
        let paragraphs = html_paragraphs(str_at(ev, &["text", "text"]));
        let body = match paragraphs.iter().position(|p| p.mark.is_some()) {
            Some(k) => Some((paragraphs[k].text.clone(), paragraphs[k].mark.clone())),
            None => Some((
                paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                None,
            )),
        };
        let mut label = html_text(str_at(ev, &["text", "headline"]));
        if label.is_empty() {
            label = body
                .as_ref()
                .map(|(t, _)| t.chars().take(60).collect())
                .filter(|t: &String| !t.is_empty())
                .unwrap_or_else(|| date.wording.clone());
        }
        drafts.push(Draft {
            id: (!id.is_empty()).then(|| id.to_owned()),
            group: str_at(ev, &["group"]).to_owned(),
            date,
            label,
            body,
            paragraph: None,
        });
    }
    if !problems.is_empty() {
        return Err(invalid(origin, problems));
    }
    Ok(assemble(title, lead, drafts))
}

// ---- CSV --------------------------------------------------------------------------

/// A CSV record: the line it starts on, and its fields.
type Record = (usize, Vec<String>);

/// The records of a CSV text (RFC 4180: quoted fields may hold the delimiter, quotes
/// and line breaks), or the line of an unclosed quote and why.
fn csv_records(text: &str, delimiter: char) -> Result<Vec<Record>, (usize, String)> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.trim().is_empty()) {
                    records.push((start_line, std::mem::take(&mut fields)));
                }
                fields.clear();
                line += 1;
                start_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err((start_line, "a quoted field is never closed".to_owned()));
    }
    fields.push(field);
    if fields.iter().any(|f| !f.trim().is_empty()) {
        records.push((start_line, fields));
    }
    Ok(records)
}

/// A date of a CSV cell: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a day, month or year).
fn csv_day(s: &str) -> Result<(Day, Day), String> {
    let s = crate::persian::digits::to_ascii(s.trim());
    let (neg, body) = s
        .strip_prefix('-')
        .map_or((false, s.as_str()), |r| (true, r));
    let parts: Vec<&str> = body.split('-').collect();
    let syntax = || format!("«{s}» is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY");
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(syntax());
    }
    let year: i32 = parts[0].parse().map_err(|_| syntax())?;
    let year = if neg { -year } else { year };
    let month = |p: &str| p.parse::<u8>().map_err(|_| syntax());
    match parts.len() {
        3 => {
            let d: Day = s
                .parse()
                .map_err(|e: crate::model::DayError| e.to_string())?;
            Ok((d, d))
        }
        2 => {
            let m = month(parts[1])?;
            Ok((
                Day::first_of_month(year, m).map_err(|e| e.to_string())?,
                Day::last_of_month(year, m).map_err(|e| e.to_string())?,
            ))
        }
        1 => Ok((
            Day::new(year, 1, 1).map_err(|e| e.to_string())?,
            Day::new(year, 12, 31).map_err(|e| e.to_string())?,
        )),
        _ => Err(syntax()),
    }
}

/// Reads a CSV file of events: the columns of [`super::dump_csv`] (`start` and `label`
/// required; `id`, `end`, `precision`, `lane`, `cue`, `paragraph` optional), or those of
/// Knight Lab's TimelineJS spreadsheet template (`Year`, `Month`, `Day`, `End Year`, …,
/// `Display Date`, `Headline`, `Text`, `Group`). UTF-8, with or without a byte-order mark;
/// commas, or semicolons or tabs when the header has no comma.
pub fn from_csv(text: &str, origin: &str) -> Result<Article, InteropError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let not_csv = |message: String| InteropError::NotCsv {
        origin: origin.to_owned(),
        message,
    };
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(',') {
        ','
    } else if first_line.contains(';') {
        ';'
    } else if first_line.contains('\t') {
        '\t'
    } else {
        ','
    };
    let records =
        csv_records(text, delimiter).map_err(|(line, m)| not_csv(format!("line {line}: {m}")))?;
    let Some(((_, header), rows)) = records.split_first() else {
        return Err(not_csv("it is empty".to_owned()));
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let template = col("year").is_some() && col("headline").is_some();
    let required: &[&str] = if template {
        &["year", "headline"]
    } else {
        &["start", "label"]
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| col(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(not_csv(format!(
            "the header lacks the column(s) {}; it should name {} (found: {})",
            missing.join(", "),
            CSV_HEADER.join(","),
            header.join(",")
        )));
    }
    let mut problems = Vec::new();
    let mut drafts = Vec::new();
    for (line, row) in rows {
        let cell = Row {
            header: &header,
            cells: row,
        };
        let id = cell.get("id");
        let what = if id.is_empty() {
            format!("line {line}")
        } else {
            format!("line {line} ({id})")
        };
        let parsed = if template {
            template_row(&cell, &what)
        } else {
            gahnegar_row(&cell, &what)
        };
        match parsed {
            Ok(d) => drafts.push(Draft {
                id: (!id.is_empty()).then(|| id.to_owned()),
                ..d
            }),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(invalid(origin, problems));
    }
    let title = stem(origin);
    Ok(assemble(title, Vec::new(), drafts))
}

/// One CSV record and the header naming its cells.
struct Row<'r> {
    header: &'r [String],
    cells: &'r [String],
}

impl<'r> Row<'r> {
    /// The trimmed cell of column `name` (lower case), empty when there is none.
    fn get(&self, name: &str) -> &'r str {
        self.header
            .iter()
            .position(|h| h == name)
            .and_then(|i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }
}

/// One row of Gahnegar's own CSV columns.
fn gahnegar_row(row: &Row<'_>, what: &str) -> Result<Draft, Vec<String>> {
    let mut problems = Vec::new();
    let start = match row.get("start") {
        "" => Err(format!("{what}: the start date is missing")),
        s => csv_day(s).map_err(|e| format!("{what}: start {e}")),
    };
    let end = match row.get("end") {
        "" => Ok(None),
        s => csv_day(s).map(Some).map_err(|e| format!("{what}: end {e}")),
    };
    let precision = match row.get("precision") {
        "" => None,
        s => match precision_from(s) {
            Some(p) => Some(p),
            None => {
                problems.push(format!(
                    "{what}: precision «{s}» is not one of day, month, season, year, decade, part_of_decade, range"
                ));
                None
            }
        },
    };
    let label = row.get("label");
    if label.is_empty() {
        problems.push(format!("{what}: the label is empty"));
    }
    let (start, end) = match (start, end) {
        (Ok((s, e)), Ok(None)) => (s, e),
        (Ok((s, _)), Ok(Some((_, e)))) if e >= s => (s, e),
        (Ok((s, _)), Ok(Some((_, e)))) => {
            problems.push(format!("{what}: it ends ({e}) before it starts ({s})"));
            return Err(problems);
        }
        (a, b) => {
            problems.extend(a.err());
            problems.extend(b.err());
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Draft {
        id: None,
        date: date_of(start, end, row.get("cue"), precision),
        group: row.get("lane").to_owned(),
        label: label.to_owned(),
        body: None,
        paragraph: Some(row.get("paragraph").to_owned()),
    })
}

/// One row of the TimelineJS spreadsheet template.
fn template_row(row: &Row<'_>, what: &str) -> Result<Draft, Vec<String>> {
    let date = |prefix: &str| -> Result<Option<(Day, Day)>, String> {
        let get = |k: &str| row.get(&format!("{prefix}{k}"));
        let (y, m, d) = (get("year"), get("month"), get("day"));
        if y.is_empty() && m.is_empty() && d.is_empty() {
            return Ok(None);
        }
        let mut obj = serde_json::Map::new();
        for (k, v) in [("year", y), ("month", m), ("day", d)] {
            obj.insert(k.to_owned(), Value::String(v.to_owned()));
        }
        let name = if prefix.is_empty() { "start" } else { "end" };
        tl_date(&Value::Object(obj), &format!("{what}: {name}")).map(Some)
    };
    let (start, end) = match (date(""), date("end ")) {
        (Ok(Some((s, e))), Ok(None)) => (s, e),
        (Ok(Some((s, _))), Ok(Some((_, e)))) if e >= s => (s, e),
        (Ok(Some((s, _))), Ok(Some((_, e)))) => {
            return Err(vec![format!(
                "{what}: it ends ({e}) before it starts ({s})"
            )]);
        }
        (Ok(None), _) => return Err(vec![format!("{what}: the year is missing")]),
        (a, b) => return Err(a.err().into_iter().chain(b.err()).collect()),
    };
    let date = date_of(start, end, &html_text(row.get("display date")), None);
    let body = html_text(row.get("text"));
    let mut label = html_text(row.get("headline"));
    if label.is_empty() {
        label.clone_from(&date.wording);
    }
    Ok(Draft {
        id: None,
        date,
        group: row.get("group").to_owned(),
        label,
        body: Some((body, None)),
        paragraph: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_fields_become_text_with_the_mark() {
        let ps = html_paragraphs(
            "<p>در <b>۲۸ مه</b> &amp; <mark>دهه ۱۹۹۰</mark> شد.</p><p>منابع: واینت</p>",
        );
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text, "در ۲۸ مه & دهه ۱۹۹۰ شد.");
        let r = ps[0].mark.clone().unwrap_or_default();
        assert_eq!(&ps[0].text[r], "دهه ۱۹۹۰");
        assert_eq!(ps[1].text, "منابع: واینت");
        assert_eq!(
            html_text("a&#39;b &lt;c&gt; &#x41; &bogus x"),
            "a'b <c> A &bogus x"
        );
    }

    #[test]
    fn csv_records_follow_rfc_4180() {
        let recs = csv_records(
            "a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\n\n",
            ',',
        )
        .unwrap_or_else(|(l, m)| panic!("{l}: {m}"));
        let rows: Vec<Vec<String>> = recs.iter().map(|(_, r)| r.clone()).collect();
        assert_eq!(
            rows,
            [
                vec!["a".to_owned(), "b".to_owned()],
                vec!["x,1".to_owned(), "say \"hi\"".to_owned()],
                vec!["two\nlines".to_owned(), "z".to_owned()],
            ]
        );
        assert_eq!(recs[2].0, 3, "line of the third record");
        assert!(csv_records("a,\"open\n", ',').is_err());
    }

    #[test]
    fn csv_days() {
        for (s, want) in [
            ("2020-09-27", Some(("2020-09-27", "2020-09-27"))),
            ("۲۰۲۰-۰۹-۲۷", Some(("2020-09-27", "2020-09-27"))),
            ("2024-02", Some(("2024-02-01", "2024-02-29"))),
            ("1990", Some(("1990-01-01", "1990-12-31"))),
            ("2020-13-01", None),
            ("2023-02-29", None),
            ("27/09/2020", None),
            ("", None),
            ("soon", None),
        ] {
            let got = csv_day(s).ok().map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(
                got,
                want.map(|(a, b)| (a.to_owned(), b.to_owned())),
                "{s:?}"
            );
        }
    }

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

    #[test]
    fn template_csv_is_read() {
        let csv = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Group\n\
                   2020,9,27,,2020,11,10,,,جنگ ۴۴ روزه,<p>آغاز جنگ</p>,,جنگ قره‌باغ\n\
                   1991,,,,,,,,,استقلال,,,\n";
        let a = from_csv(csv, "template.csv").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.events.len(), 2);
        assert_eq!(a.category(&a.events[0].category).fa, "جنگ قره‌باغ");
        assert_eq!(a.events[1].category, crate::model::category::OTHER);
        assert_eq!(
            (
                a.events[0].date.start.to_string(),
                a.events[0].date.end.to_string()
            ),
            ("2020-09-27".to_owned(), "2020-11-10".to_owned())
        );
        assert_eq!(a.events[1].date.precision, Precision::Year);
        assert!(a.problems().is_empty(), "{:?}", a.problems());
    }
}
