//! The library as one flat table for other tools (DuckDB, pandas, a spreadsheet): events,
//! sources and claims as rows of the same columns, told apart by the `kind` column, as
//! JSON Lines or CSV (UTF-8 with a byte-order mark, as the article CSV export). README's
//! "Library dump" section documents the columns.

use serde::Serialize;

use super::Library;
use super::groups::EventRef;

/// The dump formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpFormat {
    Jsonl,
    Csv,
}

/// One row. Empty strings and `None` where a column does not apply to the row's kind.
#[derive(Debug, Default, Serialize)]
struct Row<'a> {
    /// `event`, `source` or `claim`.
    kind: &'static str,
    /// The group of the same happening: the key (`article/event`) of its first report.
    group: String,
    /// Reports in the group (events), or claims of the source (sources).
    count: Option<usize>,
    article: &'a str,
    title: &'a str,
    outlet: &'a str,
    event: &'a str,
    start: String,
    end: String,
    precision: &'a str,
    wording: &'a str,
    label: &'a str,
    category: &'a str,
    /// The folded name every spelling of the source shares.
    source: &'a str,
    name: &'a str,
    source_kind: &'a str,
    claim: &'a str,
    quote: &'a str,
}

/// The library's events, sources and claims as `format`.
///
/// # Errors
/// Only when a row cannot be written to memory (never in practice).
pub fn dump(lib: &Library, format: DumpFormat) -> anyhow::Result<String> {
    let entries = lib.entries();
    let groups = lib.groups();
    let sources = lib.sources();
    let group_key = |r: EventRef| -> (String, Option<usize>) {
        groups.of_event.get(&r).map_or((String::new(), None), |&g| {
            let group = &groups.groups[g];
            (
                group
                    .reports
                    .first()
                    .map(|f| f.key(entries))
                    .unwrap_or_default(),
                Some(group.reports.len()),
            )
        })
    };
    let mut rows: Vec<Row<'_>> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if !lib.is_usable(i) {
            continue;
        }
        for (k, ev) in e.events.iter().enumerate() {
            let (group, count) = group_key(EventRef {
                entry: i as u32,
                event: k as u32,
            });
            rows.push(Row {
                kind: "event",
                group,
                count,
                article: &e.id,
                title: &e.title,
                outlet: &e.outlet,
                event: &ev.id,
                start: ev.start.to_string(),
                end: ev.end.to_string(),
                precision: ev.precision.as_str(),
                wording: &ev.wording,
                label: &ev.label,
                category: &ev.category,
                ..Row::default()
            });
        }
    }
    for s in &sources {
        rows.push(Row {
            kind: "source",
            count: Some(s.claims.len()),
            source: &s.key,
            name: &s.name,
            source_kind: s.kind.as_str(),
            ..Row::default()
        });
    }
    for s in &sources {
        for c in &s.claims {
            let e = &entries[c.entry as usize];
            let claim = &e.claims[c.claim as usize];
            let base = || Row {
                kind: "claim",
                article: &e.id,
                title: &e.title,
                outlet: &e.outlet,
                source: &s.key,
                name: &s.name,
                source_kind: s.kind.as_str(),
                claim: &claim.id,
                quote: &claim.quote,
                ..Row::default()
            };
            if c.events.is_empty() {
                rows.push(base());
            }
            for r in &c.events {
                let (group, count) = group_key(*r);
                rows.push(Row {
                    event: &r.row(entries).id,
                    group,
                    count,
                    ..base()
                });
            }
        }
    }
    match format {
        DumpFormat::Jsonl => {
            let mut out = String::new();
            for r in &rows {
                out.push_str(&serde_json::to_string(r)?);
                out.push('\n');
            }
            Ok(out)
        }
        DumpFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
            for r in &rows {
                w.serialize(r)?;
            }
            if rows.is_empty() {
                w.serialize(Row::default())?;
            }
            let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
            let text = String::from_utf8(bytes)?;
            Ok(if rows.is_empty() {
                // The header alone.
                text.lines()
                    .next()
                    .map(|h| format!("{h}\n"))
                    .unwrap_or_default()
            } else {
                text
            })
        }
    }
}
