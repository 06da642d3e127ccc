//! Handing an article to other tools (taking theirs back is [`crate::import`]).
//!
//! - Dumps (pure functions from [`Article`] to text, [`dump`]): the JSON of DESIGN.md,
//!   plain text, CSV of events, Knight Lab TimelineJS JSON, CSL-JSON of the sources
//!   ([`csl`]) and one self-contained HTML page ([`html`]).
//! - The timeline as a picture: [`scene`] builds an egui-free list of primitives (glyphs
//!   as outlines), which [`svg`] writes as SVG paths and [`raster`] renders to PNG.
//! - Files: every `write_*` function refuses an existing file unless told to overwrite and
//!   writes atomically ([`file`]).

pub mod csl;
pub mod file;
pub mod html;
pub mod raster;
pub mod scene;
pub mod svg;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::chart::Lang;
use crate::model::{Article, BlockKind, Day, Event, FuzzyDate, Precision};

pub use file::ExportError;
pub use scene::{ImageOptions, timeline_scene};

/// The `--format` values, as the command line spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Text,
    Csv,
    TimelineJs,
    /// CSL-JSON of the sources (reference managers).
    Csl,
    /// One self-contained HTML page.
    Html,
}

/// The article in `format`. Every format but CSV ends with a newline; CSV ends each
/// record with CRLF.
pub fn dump(article: &Article, format: Format) -> String {
    match format {
        Format::Json => dump_json(article),
        Format::Text => dump_text(article),
        Format::Csv => dump_csv(article),
        Format::TimelineJs => dump_timelinejs(article),
        Format::Csl => csl::dump_csl(article),
        Format::Html => html::dump_html(article),
    }
}

// ---- files ------------------------------------------------------------------------

/// Writes the events as CSV ([`dump_csv`]) to `path`. Refuses an existing file unless
/// `overwrite`; writes atomically.
pub fn write_csv(article: &Article, path: &Path, overwrite: bool) -> Result<(), ExportError> {
    file::write_atomic(path, dump_csv(article).as_bytes(), overwrite)
}

/// Writes Knight Lab TimelineJS JSON ([`dump_timelinejs`]) to `path`. Refuses an existing
/// file unless `overwrite`; writes atomically.
pub fn write_timelinejs(
    article: &Article,
    path: &Path,
    overwrite: bool,
) -> Result<(), ExportError> {
    file::write_atomic(path, dump_timelinejs(article).as_bytes(), overwrite)
}

/// Writes the sources as CSL-JSON ([`csl::dump_csl`]) to `path`. Refuses an existing file
/// unless `overwrite`; writes atomically.
pub fn write_csl(article: &Article, path: &Path, overwrite: bool) -> Result<(), ExportError> {
    file::write_atomic(path, csl::dump_csl(article).as_bytes(), overwrite)
}

/// Writes the article as one self-contained HTML page ([`html::dump_html`]) to `path`.
/// Refuses an existing file unless `overwrite`; writes atomically.
pub fn write_html(article: &Article, path: &Path, overwrite: bool) -> Result<(), ExportError> {
    file::write_atomic(path, html::dump_html(article).as_bytes(), overwrite)
}

/// Writes the timeline as SVG (labels as outlines, no font needed) to `path`: the days
/// `view` (inclusive) or, when `None`, the whole span of the events. Refuses an article
/// without events, and an existing file unless `overwrite`; writes atomically.
pub fn write_timeline_svg(
    article: &Article,
    view: Option<(Day, Day)>,
    path: &Path,
    lang: Lang,
    overwrite: bool,
) -> Result<(), ExportError> {
    let options = ImageOptions {
        view,
        ..ImageOptions::new(lang)
    };
    write_timeline_svg_with(article, &options, path, overwrite)
}

/// [`write_timeline_svg`] with every option.
pub fn write_timeline_svg_with(
    article: &Article,
    options: &ImageOptions,
    path: &Path,
    overwrite: bool,
) -> Result<(), ExportError> {
    file::refuse_existing(path, overwrite)?;
    file::write_atomic(
        path,
        &timeline_svg_bytes(article, options, path)?,
        overwrite,
    )
}

/// The timeline as SVG (what [`write_timeline_svg_with`] writes); `path` names the file in
/// errors.
pub fn timeline_svg_bytes(
    article: &Article,
    options: &ImageOptions,
    path: &Path,
) -> Result<Vec<u8>, ExportError> {
    let scene = image_scene(article, options, path)?;
    Ok(svg::to_svg(&scene, false).into_bytes())
}

/// Writes `bytes` (an export made beforehand) to `path` atomically, refusing an existing
/// file unless `overwrite`.
pub fn write_bytes(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    file::write_atomic(path, bytes, overwrite)
}

/// Writes the timeline as PNG at `scale` pixels per point (1 or 2 for 1×/2×) to `path`:
/// the days `view` (inclusive) or, when `None`, the whole span of the events. Refuses an
/// article without events, and an existing file unless `overwrite`; writes atomically.
pub fn write_timeline_png(
    article: &Article,
    view: Option<(Day, Day)>,
    scale: f32,
    path: &Path,
    lang: Lang,
    overwrite: bool,
) -> Result<(), ExportError> {
    let options = ImageOptions {
        view,
        ..ImageOptions::new(lang)
    };
    write_timeline_png_with(article, &options, scale, path, overwrite)
}

/// [`write_timeline_png`] with every option.
pub fn write_timeline_png_with(
    article: &Article,
    options: &ImageOptions,
    scale: f32,
    path: &Path,
    overwrite: bool,
) -> Result<(), ExportError> {
    file::refuse_existing(path, overwrite)?;
    let png = timeline_png_bytes(article, options, scale, path)?;
    file::write_atomic(path, &png, overwrite)
}

/// The timeline as PNG at `scale` (what [`write_timeline_png_with`] writes); `path` names
/// the file in errors.
pub fn timeline_png_bytes(
    article: &Article,
    options: &ImageOptions,
    scale: f32,
    path: &Path,
) -> Result<Vec<u8>, ExportError> {
    let scene = image_scene(article, options, path)?;
    raster::to_png(&scene, scale).map_err(|message| ExportError::Image {
        path: path.to_owned(),
        message,
    })
}

/// The scene of the timeline image, or [`ExportError::EmptyTimeline`].
fn image_scene(
    article: &Article,
    options: &ImageOptions,
    path: &Path,
) -> Result<scene::Scene, ExportError> {
    if article.events.is_empty() {
        return Err(ExportError::EmptyTimeline {
            path: path.to_owned(),
        });
    }
    let mut engine = crate::text::TextEngine::new();
    Ok(timeline_scene(article, options, &mut engine))
}

/// Stable lower-case name of a block kind, as in the JSON dump.
pub fn block_kind_id(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::PullQuote => "pull_quote",
    }
}

/// Serializes a view struct. Views hold only strings, numbers, bools and sequences, so
/// this cannot fail.
fn to_json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value)
        .expect("invariant: view structs of plain data serialize to JSON");
    s.push('\n');
    s
}

// ---- JSON -------------------------------------------------------------------------

#[derive(Serialize)]
struct JsonArticle<'a> {
    title: &'a str,
    author: &'a str,
    lead: &'a [String],
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publication: Option<&'a str>,
    /// The document's own date, `YYYY-MM-DD`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    paragraphs: Vec<JsonBlock<'a>>,
    events: Vec<JsonEvent<'a>>,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonBlock<'a> {
    id: &'a str,
    kind: &'static str,
    text: &'a str,
    sidebar: bool,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    /// Inclusive, `YYYY-MM-DD`.
    start: String,
    /// Inclusive, `YYYY-MM-DD`.
    end: String,
    precision: &'static str,
    approximate: bool,
    /// The date wording as the model records it.
    wording: &'a str,
    /// The anchor's exact text in `paragraph`.
    cue: &'a str,
    label: &'a str,
    lane: &'a str,
    lane_label: &'a str,
    /// How the date was read when that took a choice (calendar, year, document date).
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    paragraph: &'a str,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    role: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    claims: Vec<JsonClaim<'a>>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: &'a str,
    kind: &'static str,
    quote: &'a str,
    paragraph: &'a str,
    events: &'a [String],
}

/// The JSON dump: one object with `title`, `author`, `paragraphs` (every block, in
/// reading order, each with a `kind`), `events` (inclusive ISO `start`/`end`, the `cue`
/// as it stands in `paragraph`, supporting `sources`) and `sources` with their `claims`.
pub fn dump_json(article: &Article) -> String {
    let m = &article.meta;
    let view = JsonArticle {
        title: &m.title,
        author: &m.author,
        lead: &m.lead,
        language: &m.language,
        publication: m.publication.as_deref(),
        date: m.date.map(|d| d.to_string()),
        paragraphs: article
            .blocks
            .iter()
            .map(|b| JsonBlock {
                id: &b.id,
                kind: block_kind_id(b.kind),
                text: &b.text,
                sidebar: b.sidebar,
            })
            .collect(),
        events: article
            .events
            .iter()
            .map(|e| JsonEvent {
                id: &e.id,
                start: e.date.start.to_string(),
                end: e.date.end.to_string(),
                precision: e.date.precision.as_str(),
                approximate: e.date.approximate,
                wording: &e.date.wording,
                cue: &e.anchor.exact,
                label: &e.label,
                lane: &e.category,
                lane_label: &article.category(&e.category).fa,
                note: &e.date.note,
                paragraph: &e.anchor.block,
                sources: article.sources_of_event(&e.id),
            })
            .collect(),
        sources: article
            .sources
            .iter()
            .map(|s| JsonSource {
                id: &s.id,
                name: &s.name,
                name_en: &s.name_en,
                kind: s.kind.as_str(),
                role: &s.role,
                link: s.link.as_deref(),
                claims: article
                    .claims_of_source(&s.id)
                    .map(|c| JsonClaim {
                        id: &c.id,
                        kind: match c.kind {
                            crate::model::ClaimKind::Report => "report",
                            crate::model::ClaimKind::Quotation => "quotation",
                            crate::model::ClaimKind::Statement => "statement",
                        },
                        quote: &c.anchor.exact,
                        paragraph: &c.anchor.block,
                        events: &c.events,
                    })
                    .collect(),
            })
            .collect(),
    };
    to_json(&view)
}

// ---- text -------------------------------------------------------------------------

/// Marks the start and end of a boxed sidebar in the text dump.
pub const SIDEBAR_START: &str = "[sidebar]";
pub const SIDEBAR_END: &str = "[end of sidebar]";

/// The article as plain text in reading order: title, author, lead, then one block per
/// line; headings are set apart by blank lines, pull quotes start with `> `, and a
/// sidebar sits between [`SIDEBAR_START`] and [`SIDEBAR_END`] lines.
pub fn dump_text(article: &Article) -> String {
    let m = &article.meta;
    let mut out = String::new();
    out.push_str(&m.title);
    out.push('\n');
    if !m.author.is_empty() {
        out.push_str(&m.author);
        out.push('\n');
    }
    if let Some(p) = &m.publication {
        out.push_str(p);
        out.push('\n');
    }
    if !m.lead.is_empty() {
        out.push('\n');
        for l in &m.lead {
            out.push_str(l);
            out.push('\n');
        }
    }
    out.push('\n');
    let mut in_sidebar = false;
    // A blank line, unless one is there already or a sidebar has just opened.
    let blank = |out: &mut String| {
        if !out.ends_with("\n\n") && !out.ends_with(&format!("{SIDEBAR_START}\n")) {
            out.push('\n');
        }
    };
    for b in &article.blocks {
        if b.sidebar != in_sidebar {
            if b.sidebar {
                blank(&mut out);
                out.push_str(SIDEBAR_START);
                out.push('\n');
            } else {
                out.push_str(SIDEBAR_END);
                out.push_str("\n\n");
            }
            in_sidebar = b.sidebar;
        }
        match b.kind {
            BlockKind::Heading => {
                blank(&mut out);
                out.push_str(&b.text);
                out.push_str("\n\n");
            }
            BlockKind::Paragraph => {
                out.push_str(&b.text);
                out.push('\n');
            }
            BlockKind::PullQuote => {
                out.push_str("> ");
                out.push_str(&b.text);
                out.push('\n');
            }
        }
    }
    if in_sidebar {
        out.push_str(SIDEBAR_END);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

// ---- CSV --------------------------------------------------------------------------

/// The CSV header row.
pub const CSV_HEADER: [&str; 9] = [
    "id",
    "start",
    "end",
    "precision",
    "lane",
    "label",
    "cue",
    "paragraph",
    "sources",
];

/// One field, quoted per RFC 4180 when it holds a comma, quote or line break.
///
/// Kept hand-written, with the `csv` crate reading (import/csv.rs): the crate's `Writer`
/// measured 3–4 % slower on `benches/formats` `dump_csv` (a 1 MB article: 724 → 745 µs and
/// 708 → 736 µs in alternating runs, AMD EPYC, 2 cores, issue 14), mostly checking its
/// output is UTF-8 again. The property test in import/csv.rs reads what this writes back
/// through the crate.
///
/// A field a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) is written after a `'`, OWASP's rule against CSV injection;
/// Gahnegar's own reader takes that `'` off again ([`csv_unneutralize`]).
fn csv_field(out: &mut String, field: &str) {
    let guarded;
    // (A field that already starts with `'` and a formula character is guarded too, so
    // that reading it back takes off only the guard.)
    let field = if field.starts_with(FORMULA_STARTS) || is_guarded(field) {
        guarded = format!("'{field}");
        guarded.as_str()
    } else {
        field
    };
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// `link` when it is a web address (http or https) that is safe to put in an `href` or a
/// citation; `None` for any other scheme (`javascript:`, `data:`, `file:` …) or a link
/// holding control characters or spaces.
pub fn web_link(link: &str) -> Option<&str> {
    let l = link.trim();
    let lower = l.get(..8).unwrap_or(l).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    (web && !l.chars().any(|c| c.is_control() || c.is_whitespace())).then_some(l)
}

/// What a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `field` reads as guarded: a `'` before a formula character or another `'`.
fn is_guarded(field: &str) -> bool {
    field
        .strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with(FORMULA_STARTS) || rest.starts_with('\''))
}

/// A field as it was before [`csv_field`] guarded it against formula injection.
pub(crate) fn csv_unneutralize(field: &str) -> &str {
    if is_guarded(field) {
        &field[1..]
    } else {
        field
    }
}

pub(crate) fn csv_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

/// One row per event (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheets read
/// the Persian right): id, inclusive ISO start and end, precision, lane id, label, cue,
/// paragraph id, and the supporting source ids separated by spaces.
pub fn dump_csv(article: &Article) -> String {
    let mut out = String::from("\u{feff}");
    csv_record(&mut out, CSV_HEADER);
    for e in &article.events {
        let (start, end) = (e.date.start.to_string(), e.date.end.to_string());
        let sources = article.sources_of_event(&e.id).join(" ");
        csv_record(
            &mut out,
            [
                e.id.as_str(),
                &start,
                &end,
                e.date.precision.as_str(),
                &e.category,
                &e.label,
                &e.anchor.exact,
                &e.anchor.block,
                &sources,
            ],
        );
    }
    out
}

// ---- TimelineJS -------------------------------------------------------------------

#[derive(Serialize)]
struct TlTimeline<'a> {
    title: TlSlide<'a>,
    events: Vec<TlEvent<'a>>,
}

#[derive(Serialize)]
struct TlSlide<'a> {
    text: TlText,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<&'a str>,
}

#[derive(Serialize)]
struct TlText {
    headline: String,
    text: String,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
struct TlDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
}

#[derive(Serialize)]
struct TlEvent<'a> {
    start_date: TlDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TlDate>,
    text: TlText,
    group: &'a str,
    display_date: &'a str,
    unique_id: &'a str,
}

/// How finely a date can be stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Grain {
    Year,
    Month,
    Day,
}

/// The grain of a fuzzy date: from its precision, or for a range from its ends.
pub(crate) fn grain(d: &FuzzyDate) -> Grain {
    match d.precision {
        // A season's bounds are days (an equinox or a solstice), not whole months.
        Precision::Day | Precision::Season => Grain::Day,
        Precision::Month => Grain::Month,
        Precision::Year | Precision::Decade | Precision::PartOfDecade => Grain::Year,
        Precision::Range => {
            let month_end =
                Day::last_of_month(d.end.year, d.end.month).is_ok_and(|last| last == d.end);
            if d.start.day != 1 || !month_end {
                Grain::Day
            } else if d.start.month != 1 || d.end.month != 12 {
                Grain::Month
            } else {
                Grain::Year
            }
        }
    }
}

fn tl_date(d: Day, g: Grain) -> TlDate {
    TlDate {
        year: d.year,
        month: (g != Grain::Year).then_some(d.month),
        day: (g == Grain::Day).then_some(d.day),
    }
}

/// Escapes text for HTML and SVG text and quoted attributes and TimelineJS's HTML fields
/// (`& < > " '`, by the html-escape crate). Characters XML 1.0 forbids (and HTML calls
/// errors) are left out first, so every SVG and HTML export parses.
pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.chars().all(is_xml_char) {
        ::html_escape::encode_quoted_attribute_to_string(s, &mut out);
    } else {
        let allowed: String = s.chars().filter(|&c| is_xml_char(c)).collect();
        ::html_escape::encode_quoted_attribute_to_string(&allowed, &mut out);
    }
    out
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The event's paragraph as HTML with the cue marked, and its sources.
/// Look-ups the TimelineJS export makes for every event, built once: blocks by id, each
/// event's source names (in claim order) by event id.
struct TlIndex<'a> {
    blocks: HashMap<&'a str, usize>,
    sources_of: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> TlIndex<'a> {
    fn new(article: &'a Article) -> Self {
        let blocks = article
            .blocks
            .iter()
            .enumerate()
            .rev()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let names: HashMap<&str, &str> = article
            .sources
            .iter()
            .rev()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        let mut sources_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for c in &article.claims {
            let Some(&name) = names.get(c.source.as_str()) else {
                continue;
            };
            for e in &c.events {
                let v = sources_of.entry(e.as_str()).or_default();
                if !v.contains(&name) {
                    v.push(name);
                }
            }
        }
        Self { blocks, sources_of }
    }
}

/// Blocks up to this many bytes are shown whole in an event's TimelineJS slide.
const TL_WHOLE_BLOCK: usize = 8 * 1024;
/// Bytes of a longer block shown on each side of an event's mark.
const TL_CONTEXT: usize = 1500;

fn tl_event_html(article: &Article, index: &TlIndex<'_>, e: &Event) -> String {
    let mut html = String::from("<p>");
    let found = index
        .blocks
        .get(e.anchor.block.as_str())
        .and_then(|&i| Some((i, e.anchor.resolve(&article.blocks[i].text)?)));
    match found {
        Some((i, r)) => {
            // The block, or around the mark in a long one: a slide per event must not
            // repeat a long block once per event.
            let t = &article.blocks[i].text;
            let context = if t.len() <= TL_WHOLE_BLOCK {
                t.len()
            } else {
                TL_CONTEXT
            };
            let mut from = r.start.saturating_sub(context);
            while !t.is_char_boundary(from) {
                from += 1;
            }
            let mut to = r.end.saturating_add(context).min(t.len());
            while !t.is_char_boundary(to) {
                to -= 1;
            }
            let _ = write!(
                html,
                "{}{}<mark>{}</mark>{}{}",
                if from > 0 { "… " } else { "" },
                html_escape(&t[from..r.start]),
                html_escape(&t[r.clone()]),
                html_escape(&t[r.end..to]),
                if to < t.len() { " …" } else { "" }
            );
        }
        None => html.push_str(&html_escape(&e.anchor.exact)),
    }
    html.push_str("</p>");
    if let Some(names) = index.sources_of.get(e.id.as_str()) {
        let names: Vec<String> = names.iter().map(|n| html_escape(n)).collect();
        let _ = write!(html, "<p>منابع: {}</p>", names.join("، "));
    }
    crate::work::count(html.len() + 2);
    html
}

/// Knight Lab TimelineJS JSON: a title slide and one slide per event, grouped by lane,
/// with the Persian wording as the displayed date. `month`/`day` are left out where the
/// date's precision does not state them; `end_date` only where the interval spans more
/// than one unit of that precision.
pub fn dump_timelinejs(article: &Article) -> String {
    let m = &article.meta;
    let index = TlIndex::new(article);
    let mut intro = String::new();
    for line in std::iter::once(&m.author)
        .chain(&m.lead)
        .filter(|l| !l.is_empty())
    {
        let _ = write!(intro, "<p>{}</p>", html_escape(line));
    }
    let view = TlTimeline {
        title: TlSlide {
            text: TlText {
                headline: html_escape(&m.title),
                text: intro,
            },
            unique_id: None,
        },
        events: article
            .events
            .iter()
            .map(|e| {
                let g = grain(&e.date);
                let start = tl_date(e.date.start, g);
                let end = tl_date(e.date.end, g);
                TlEvent {
                    end_date: (end != start).then_some(end),
                    start_date: start,
                    text: TlText {
                        headline: html_escape(&e.label),
                        text: tl_event_html(article, &index, e),
                    },
                    group: &article.category(&e.category).fa,
                    display_date: &e.date.wording,
                    unique_id: &e.id,
                }
            })
            .collect(),
    };
    to_json(&view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SCHEMA_VERSION};
    use serde_json::Value;

    fn mini() -> Article {
        crate::store::from_str(include_str!("../../tests/data/mini.ron"), "mini.ron")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn day(s: &str) -> Day {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn json_follows_the_contract() {
        let a = mini();
        let v = json(&dump_json(&a));
        assert_eq!(v["title"], a.meta.title);
        assert_eq!(v["author"], a.meta.author);
        assert_eq!(
            v["paragraphs"].as_array().map(Vec::len),
            Some(a.blocks.len())
        );
        assert_eq!(v["paragraphs"][0]["kind"], "heading");
        assert_eq!(v["paragraphs"][3]["kind"], "pull_quote");
        let e = &v["events"][1];
        for (key, want) in [
            ("id", "e2"),
            ("start", "1990-01-01"),
            ("end", "1999-12-31"),
            ("precision", "decade"),
            ("cue", "دهه ۱۹۹۰"),
            ("lane", "diplomacy"),
            ("paragraph", "p1"),
        ] {
            assert_eq!(e[key], want, "event field {key}");
        }
        assert_eq!(e["sources"], serde_json::json!(["s1", "s2"]));
        let s = &v["sources"][0];
        assert_eq!(
            (s["id"].as_str(), s["name_en"].as_str(), s["kind"].as_str()),
            (Some("s1"), Some("Ynet"), Some("outlet"))
        );
        assert_eq!(s["claims"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            s["claims"][0]["quote"],
            "به گزارش واینت، در دهه ۱۹۹۰ روابط آغاز شد"
        );
        assert_eq!(s["claims"][0]["events"], serde_json::json!(["e2"]));
    }

    #[test]
    fn text_is_in_reading_order_with_headings_apart() {
        let a = mini();
        let t = dump_text(&a);
        let mut last = 0;
        for piece in std::iter::once(&a.meta.title)
            .chain(&a.meta.lead)
            .chain(a.blocks.iter().map(|b| &b.text))
        {
            let at = t[last..]
                .find(piece.as_str())
                .unwrap_or_else(|| panic!("«{piece}» missing or out of order in\n{t}"));
            last += at;
        }
        assert!(t.contains("\n\nآغاز روابط\n\n"), "{t}");
        assert!(t.contains("\n\n[sidebar]\nکادر: انرژی\n\n"), "{t}");
        assert!(
            t.contains("به گفته منابع دولتی در اورشلیم.\n[end of sidebar]\n"),
            "{t}"
        );
        assert!(t.contains("\n> «همکاری"), "{t}");
        assert!(t.ends_with('\n') && !t.ends_with("\n\n"), "{t:?}");
    }

    #[test]
    fn control_characters_never_reach_svg_or_html() {
        let mut a = crate::store::builtin();
        a.meta.title = "عنوان\u{1}\u{8}با\u{ffff}نویسه".into();
        if let Some(e) = a.events.first_mut() {
            e.label = "رویداد\u{0}\u{1b}[31m".into();
        }
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("t.svg");
        write_timeline_svg(&a, None, &p, Lang::Fa, false).unwrap_or_else(|e| panic!("{e}"));
        let svg = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("the SVG is not XML: {e}"));
        let html = html::dump_html(&a);
        assert!(!html.contains(['\u{0}', '\u{1}', '\u{8}', '\u{1b}', '\u{ffff}']));
    }

    #[test]
    fn only_web_links_are_exported_as_links() {
        assert_eq!(
            web_link(" https://example.org/a "),
            Some("https://example.org/a")
        );
        assert_eq!(web_link("HTTP://example.org"), Some("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "https://a b",
            "https://a\u{7}",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn formula_cells_are_neutralised() {
        let mut out = String::new();
        csv_record(
            &mut out,
            [
                "=HYPERLINK(\"x\")",
                "+1",
                "-0500-01-01",
                "@SUM",
                "عادی",
                "'-",
            ],
        );
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-0500-01-01,'@SUM,عادی,''-\r\n"
        );
        assert_eq!(csv_unneutralize("'-0500-01-01"), "-0500-01-01");
        assert_eq!(csv_unneutralize("'نقل"), "'نقل");
    }

    #[test]
    fn csv_fields_are_quoted_per_rfc_4180() {
        for (field, want) in [
            ("plain", "plain"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""),
            ("«گیومه»، ویرگول", "«گیومه»، ویرگول"),
        ] {
            let mut out = String::new();
            csv_field(&mut out, field);
            assert_eq!(out, want, "field {field:?}");
        }
    }

    #[test]
    fn csv_has_bom_header_and_a_row_per_event() {
        let a = mini();
        let c = dump_csv(&a);
        assert!(
            c.starts_with("\u{feff}id,start,end,precision,lane,label,cue,paragraph,sources\r\n"),
            "{c}"
        );
        assert_eq!(c.matches("\r\n").count(), a.events.len() + 1);
        assert!(c.contains("\r\ne2,1990-01-01,1999-12-31,decade,diplomacy,\"آغاز روابط، با \"\"نقل\"\", و ویرگول\",دهه ۱۹۹۰,p1,s1 s2\r\n"), "{c}");
    }

    #[test]
    fn timeline_grain_follows_precision() {
        let fd = |s, e, p| FuzzyDate::new(day(s), day(e), p, "w");
        let d = |y, m, dd| TlDate {
            year: y,
            month: m,
            day: dd,
        };
        for (date, start, end) in [
            (
                fd("2020-09-27", "2020-09-27", Precision::Day),
                d(2020, Some(9), Some(27)),
                None,
            ),
            (
                fd("2024-02-01", "2024-02-29", Precision::Month),
                d(2024, Some(2), None),
                None,
            ),
            (
                fd("2022-09-23", "2022-12-21", Precision::Season),
                d(2022, Some(9), Some(23)),
                Some(d(2022, Some(12), Some(21))),
            ),
            (
                fd("2019-01-01", "2019-12-31", Precision::Year),
                d(2019, None, None),
                None,
            ),
            (
                fd("1990-01-01", "1999-12-31", Precision::Decade),
                d(1990, None, None),
                Some(d(1999, None, None)),
            ),
            (
                fd("2000-01-01", "2004-12-31", Precision::Range),
                d(2000, None, None),
                Some(d(2004, None, None)),
            ),
            (
                fd("2021-11-01", "2022-03-31", Precision::Range),
                d(2021, Some(11), None),
                Some(d(2022, Some(3), None)),
            ),
            (
                fd("2021-11-05", "2022-03-31", Precision::Range),
                d(2021, Some(11), Some(5)),
                Some(d(2022, Some(3), Some(31))),
            ),
        ] {
            let g = grain(&date);
            let (s, e) = (tl_date(date.start, g), tl_date(date.end, g));
            let e = (e != s).then_some(e);
            assert_eq!(
                (&s, &e),
                (&start, &end),
                "{:?} {}..{}",
                date.precision,
                date.start,
                date.end
            );
        }
    }

    #[test]
    fn timelinejs_slides() {
        let a = mini();
        let v = json(&dump_timelinejs(&a));
        assert_eq!(v["title"]["text"]["headline"], a.meta.title);
        let events = v["events"].as_array().cloned().unwrap_or_default();
        assert_eq!(events.len(), a.events.len());
        for (ev, e) in events.iter().zip(&a.events) {
            assert_eq!(ev["unique_id"], e.id);
            assert_eq!(ev["display_date"], e.date.wording);
            assert_eq!(ev["group"], a.category(&e.category).fa);
            assert!(ev["start_date"]["year"].is_i64(), "{ev}");
            assert!(
                ev["text"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(&format!("<mark>{}</mark>", e.anchor.exact))),
                "{ev}"
            );
        }
        assert_eq!(
            events[0]["start_date"],
            serde_json::json!({"year": 1918, "month": 5, "day": 28})
        );
        assert!(events[0].get("end_date").is_none());
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/b&gt;"
        );
    }

    #[test]
    fn empty_article_dumps() {
        let a = Article {
            schema: SCHEMA_VERSION,
            meta: Meta {
                title: "t".into(),
                ..Meta::default()
            },
            categories: vec![],
            blocks: vec![],
            events: vec![],
            sources: vec![],
            claims: vec![],
            highlights: Vec::new(),
        };
        for f in [
            Format::Json,
            Format::Text,
            Format::Csv,
            Format::TimelineJs,
            Format::Csl,
            Format::Html,
        ] {
            assert!(!dump(&a, f).is_empty(), "{f:?}");
        }
    }
}
