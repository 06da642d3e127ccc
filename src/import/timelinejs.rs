//! Knight Lab TimelineJS JSON taken back as an article: each slide's HTML text becomes a
//! paragraph (the `<mark>` in it, when there is one, is the event's anchor), its
//! `group` the event's category.

use std::ops::Range;

use serde_json::Value;

use super::events::{Draft, InteropError, assemble, date_of, invalid, stem};
use crate::model::{Article, Day};

/// A paragraph of an HTML field: its text, and the range of a `<mark>` in it.
struct HtmlParagraph {
    text: String,
    mark: Option<Range<usize>>,
}

/// Decodes the entities of a run of HTML text: HTML5's named entities and numeric
/// references, by the html-escape crate (one pass; each `&` is scanned only up to the
/// next `&` or `;`, so the work is linear in the text).
fn decode_entities(s: &str, out: &mut String) {
    html_escape::decode_html_entities_to_string(s, out);
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
pub(super) fn html_text(html: &str) -> String {
    html_paragraphs(html)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A TimelineJS date object as days: its first and last day (a year, month or day).
pub(super) fn tl_date(v: &Value, what: &str) -> Result<(Day, Day), String> {
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
        assert_eq!(
            html_text("می&zwnj;شود&nbsp;&eacute;"),
            "می\u{200c}شود\u{a0}é"
        );
    }

    /// A million bare `&` (issue 15: 28 s when each `&` searched the rest of the text for
    /// a `;`) decode to themselves; `benches/formats.rs` measures the time.
    #[test]
    fn a_million_ampersands_decode_to_themselves() {
        for text in [
            "&".repeat(1 << 20),
            "&a".repeat(1 << 19),
            "&#1".repeat(1 << 18),
        ] {
            let mut out = String::new();
            decode_entities(&text, &mut out);
            assert!(out == text, "{} bytes changed", text.len());
        }
    }

    #[test]
    fn a_thousand_problems_are_counted_as_a_thousand() {
        let events: Vec<String> = (0..1000)
            .map(|i| format!(r#"{{"text": {{"headline": "رویداد {i}"}}}}"#))
            .collect();
        let text = format!(r#"{{"events": [{}]}}"#, events.join(","));
        let e = from_timelinejs(&text, "t.json")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("t.json: 1000 problem(s)"), "{e}");
        assert!(e.ends_with("and 980 more"), "{e}");
    }
}
