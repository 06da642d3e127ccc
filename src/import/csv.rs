//! CSV of events taken back as an article: the columns of
//! [`crate::export::dump_csv`], or those of TimelineJS's spreadsheet template.

use super::events::{Draft, InteropError, assemble, date_of, invalid, precision_from, stem};
use serde_json::Value;

use super::timelinejs::{html_text, tl_date};
use crate::export::CSV_HEADER;
use crate::model::{Article, Day};

/// A CSV record: the line it starts on, and its fields.
type Record = (usize, Vec<String>);

/// The records of a CSV text (RFC 4180: quoted fields may hold the delimiter, quotes
/// and line breaks; read by the `csv` crate, rows of blanks skipped), or the line of an
/// unclosed quote and why. `delimiter` is ASCII (`,`, `;` or a tab).
pub(super) fn csv_records(text: &str, delimiter: char) -> Result<Vec<Record>, (usize, String)> {
    let delimiter = u8::try_from(delimiter)
        .ok()
        .filter(u8::is_ascii)
        .ok_or_else(|| (1, format!("the delimiter {delimiter:?} is not ASCII")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // (line, byte) where the last record starts, lines counted from the crate's byte
    // offsets.
    let mut last = (1, 0);
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(last.0, |p| lines.line_at(to_usize(p.byte())));
                return Err((line, e.to_string()));
            }
        }
        if let Some(p) = record.position() {
            // The crate's offset can stand before the previous record's line break.
            let mut byte = to_usize(p.byte());
            while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            last = (lines.line_at(byte), byte);
        }
        // Fields as written, without the export's guard against formula injection.
        let fields: Vec<String> = record
            .iter()
            .map(|f| crate::export::csv_unneutralize(f).to_owned())
            .collect();
        if fields.iter().any(|f| !f.trim().is_empty()) {
            records.push((last.0, fields));
        }
    }
    // The crate ends a quoted field that is never closed at the end of the text; such a
    // field can only be in the last record, so that record is scanned for one.
    let rest = text.as_bytes().get(last.1..).unwrap_or_default();
    if ends_inside_quotes(rest, delimiter) {
        return Err((last.0, "a quoted field is never closed".to_owned()));
    }
    Ok(records)
}

/// A byte offset of the crate's `Position`.
fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Line numbers (from 1) of byte offsets asked for in increasing order.
struct LineCounter<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        let to = byte.min(self.text.len());
        if to > self.at {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.at..to]).count();
            self.at = to;
        }
        self.line
    }
}

/// Whether a record's bytes end inside a quoted field (a quote opens a field only at its
/// start; `""` inside one is a quote).
fn ends_inside_quotes(record: &[u8], delimiter: u8) -> bool {
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = record.iter().peekable();
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' && bytes.next_if_eq(&&b'"').is_none() {
                quoted = false;
            }
        } else if b == b'"' && field_start {
            quoted = true;
            field_start = false;
        } else {
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
    }
    quoted
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
    use crate::model::Precision;

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
        let lines: Vec<usize> = csv_records("a\n\"b\r\nc\"\n\nd\r\n", ',')
            .map(|r| r.iter().map(|(l, _)| *l).collect())
            .unwrap_or_default();
        assert_eq!(
            lines,
            [1, 2, 5],
            "lines after a quoted line break and a blank line"
        );
        assert!(
            csv_records("a,b\n\"x\"\"\n", ',').is_err(),
            "a doubled quote does not close"
        );
        for ok in ["a,\"closed\"\n", "a,b\"c\n", "x\ty\n\"t\"\"q\"\"\"\n"] {
            let delimiter = if ok.contains('\t') { '\t' } else { ',' };
            assert!(csv_records(ok, delimiter).is_ok(), "{ok:?}");
        }
        assert_eq!(
            csv_records("a;b\r\n\r\n c ; d \r\n", ';').map(|r| r.len()),
            Ok(2),
            "blank lines are skipped"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any text is read or refused with a line, never a panic.
        #[test]
        fn arbitrary_text_is_read_or_refused(text in "\\PC{0,300}", d in 0..3usize) {
            let delimiter = [',', ';', '\t'][d];
            if let Err((line, _)) = csv_records(&text, delimiter) {
                proptest::prop_assert!(line >= 1);
            }
        }

        /// Fields written as the CSV export writes them are read back unchanged.
        #[test]
        fn written_fields_read_back(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z\u{0627}-\u{064A},\"\n\r =+@'-]{0,8}", 1..5),
                1..6,
            )
        ) {
            let mut text = String::new();
            for row in &rows {
                crate::export::csv_record(&mut text, row.iter().map(String::as_str));
            }
            let got = csv_records(&text, ',').map_err(|(l, m)| format!("{l}: {m}"));
            let got: Vec<Vec<String>> = got
                .map_err(proptest::test_runner::TestCaseError::fail)?
                .into_iter()
                .map(|(_, r)| r)
                .collect();
            let want: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
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
