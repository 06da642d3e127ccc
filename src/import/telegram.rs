//! Telegram channel exports: Telegram Desktop's "Export chat history" in JSON
//! (`result.json`). Each post with text becomes an article: its date is the document date
//! (so «امروز» in a post is the day it was posted), the channel is the outlet, and a post
//! "forwarded from" another channel or person names that one as its source, with the post
//! as the source's report. A channel export is a library of its own (`library add`).
//!
//! The format: `{"name", "type", "messages": [{"id", "type": "message", "date":
//! "2024-03-05T10:00:00", "from", "forwarded_from", "text": "…" | ["…", {"type", "text",
//! "href"}…]}]}`; a full account export holds such chats under `chats.list`.

use serde_json::Value;

use super::text::{ImportOptions, Imported, import_text_with};
use crate::model::{Anchor, Claim, ClaimKind, Day, Source, SourceKind};

/// Why a file is not a Telegram export.
#[derive(Debug, thiserror::Error)]
pub enum TelegramError {
    #[error("{name}: not JSON: {cause}")]
    Json {
        name: String,
        cause: serde_json::Error,
    },
    #[error("{name}: not a Telegram chat export (no \"messages\" list)")]
    NotAnExport { name: String },
    #[error("{name}: the export holds no post with text")]
    Empty { name: String },
}

/// One post of a channel, as read from the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// The post's number in its channel.
    pub id: i64,
    /// The channel (or chat) it was posted in.
    pub channel: String,
    /// The day it was posted (the exporting computer's local time, as Telegram writes it).
    pub date: Option<Day>,
    /// The channel or person it was forwarded from.
    pub forwarded_from: Option<String>,
    /// The post's text, links' words kept, formatting dropped.
    pub text: String,
}

/// Whether `bytes` look like a Telegram export: JSON whose top level names `messages` or
/// `chats` (checked on the first kilobytes, without parsing the whole file).
pub fn looks_like_telegram(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    start.is_some_and(|s| head[s] == b'{')
        && (memchr::memmem::find(head, b"\"messages\"").is_some()
            || memchr::memmem::find(head, b"\"chats\"").is_some())
}

/// The posts of an export, in the order they were posted.
///
/// # Errors
/// [`TelegramError`] when the text is not JSON or not a chat export.
pub fn read_posts(json: &str, name: &str) -> Result<Vec<Post>, TelegramError> {
    let root: Value = serde_json::from_str(json).map_err(|cause| TelegramError::Json {
        name: name.to_owned(),
        cause,
    })?;
    let chats: Vec<&Value> = if root.get("messages").is_some() {
        vec![&root]
    } else if let Some(list) = root.pointer("/chats/list").and_then(Value::as_array) {
        list.iter().collect()
    } else {
        return Err(TelegramError::NotAnExport {
            name: name.to_owned(),
        });
    };
    let mut posts = Vec::new();
    for chat in chats {
        let channel = chat
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned();
        let Some(messages) = chat.get("messages").and_then(Value::as_array) else {
            continue;
        };
        for m in messages {
            if m.get("type").and_then(Value::as_str) != Some("message") {
                continue;
            }
            let text = message_text(m.get("text").unwrap_or(&Value::Null));
            if text.trim().is_empty() {
                continue;
            }
            posts.push(Post {
                id: m.get("id").and_then(Value::as_i64).unwrap_or_default(),
                channel: channel.clone(),
                date: m
                    .get("date")
                    .and_then(Value::as_str)
                    .and_then(|d| d.get(..10))
                    .and_then(|d| crate::persian::tagger::parse_date_arg(d).ok()),
                forwarded_from: m
                    .get("forwarded_from")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned),
                text,
            });
        }
    }
    Ok(posts)
}

/// A message's `text`: a string, or a list of strings and entities (`{"type", "text"}`).
fn message_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .map(|p| match p {
                Value::String(s) => s.as_str(),
                other => other
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            })
            .collect(),
        _ => String::new(),
    }
}

/// Imports every post with text as an article (see the module's documentation).
/// `options.date` is ignored: each post has its own date.
///
/// # Errors
/// [`TelegramError`] when the file is not an export or holds no post with text.
pub fn import_telegram(
    json: &str,
    name: &str,
    _options: &ImportOptions,
) -> Result<Vec<Imported>, TelegramError> {
    let posts = read_posts(json, name)?;
    let out: Vec<Imported> = posts.iter().filter_map(|p| import_post(p, name)).collect();
    if out.is_empty() {
        return Err(TelegramError::Empty {
            name: name.to_owned(),
        });
    }
    Ok(out)
}

/// One post as an article.
fn import_post(post: &Post, name: &str) -> Option<Imported> {
    // A post's lines are its paragraphs (Telegram has no other paragraph mark).
    let text = post
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let label = format!("{name} #{}", post.id);
    let options = ImportOptions { date: post.date };
    let mut imported = import_text_with(&text, &label, &options)?;
    let a = &mut imported.article;
    // A post rarely has a headline: without one, its first words are its title.
    if a.meta.title.is_empty() || a.meta.title == super::text::title_from_name(&label) {
        let first = text.lines().next().unwrap_or_default();
        let words: Vec<&str> = first.split_whitespace().take(12).collect();
        let more = first.split_whitespace().count() > words.len();
        a.meta.title = format!("{}{}", words.join(" "), if more { "…" } else { "" });
    }
    if !post.channel.is_empty() {
        a.meta.publication = Some(post.channel.clone());
    }
    if a.meta.date.is_none() {
        a.meta.date = post.date;
    }
    if let Some(from) = &post.forwarded_from
        && let Some(first) = a.blocks.first()
    {
        let id = fresh_id(a.sources.iter().map(|s| s.id.as_str()), "s");
        let claim_id = fresh_id(a.claims.iter().map(|c| c.id.as_str()), "c");
        let anchor = Anchor::new(first.id.clone(), first.text.clone());
        a.sources.push(Source {
            id: id.clone(),
            name: from.clone(),
            name_en: String::new(),
            kind: SourceKind::Outlet,
            role: String::new(),
            link: None,
            aliases: Vec::new(),
            mentions: Vec::new(),
            note: String::new(),
        });
        a.claims.push(Claim {
            id: claim_id,
            source: id,
            kind: ClaimKind::Report,
            anchor,
            events: a.events.iter().map(|e| e.id.clone()).collect(),
            certainty: Default::default(),
            note: String::new(),
        });
    }
    Some(imported)
}

/// `prefix` followed by the smallest number no id in `taken` uses.
fn fresh_id<'a>(taken: impl Iterator<Item = &'a str>, prefix: &str) -> String {
    let used: rustc_hash::FxHashSet<&str> = taken.collect();
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !used.contains(id.as_str()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An export as Telegram Desktop writes it (text made up for the test).
    pub(crate) const EXPORT: &str = r#"{
 "name": "کانال خبری نمونه",
 "type": "public_channel",
 "id": 1234,
 "messages": [
  {"id": 1, "type": "service", "date": "2024-03-01T09:00:00", "action": "create_channel", "text": ""},
  {"id": 2, "type": "message", "date": "2024-03-05T10:20:00", "date_unixtime": "1709621400",
   "from": "کانال خبری نمونه", "from_id": "channel1234",
   "text": "وزیر نیرو امروز از افتتاح نیروگاه تازه در استان فارس خبر داد.", "text_entities": []},
  {"id": 3, "type": "message", "date": "2024-03-06T08:00:00", "date_unixtime": "1709699400",
   "from": "کانال خبری نمونه", "forwarded_from": "خبرگزاری دیگر",
   "text": [{"type": "bold", "text": "فوری"}, "\nسازمان هواشناسی دیروز از بارش برف در تهران خبر داد.\n",
            {"type": "text_link", "text": "جزئیات", "href": "https://example.org/x"}]},
  {"id": 4, "type": "message", "date": "2024-03-06T09:00:00", "text": ""}
 ]
}"#;

    #[test]
    fn each_post_is_an_article_dated_by_its_post() {
        let out = import_telegram(EXPORT, "result", &ImportOptions::default()).unwrap();
        assert_eq!(out.len(), 2, "two posts have text");
        let first = &out[0].article;
        assert_eq!(first.meta.publication.as_deref(), Some("کانال خبری نمونه"));
        assert_eq!(first.meta.date, Some(Day::new(2024, 3, 5).unwrap()));
        let today = first
            .events
            .iter()
            .find(|e| e.date.wording.contains("امروز"))
            .expect("«امروز» is an event");
        assert_eq!(today.date.start, Day::new(2024, 3, 5).unwrap());
        let second = &out[1].article;
        let yesterday = second
            .events
            .iter()
            .find(|e| e.date.wording.contains("دیروز"))
            .expect("«دیروز» is an event");
        assert_eq!(yesterday.date.start, Day::new(2024, 3, 5).unwrap());
        let fwd = second
            .sources
            .iter()
            .find(|s| s.name == "خبرگزاری دیگر")
            .expect("the forwarding source");
        let claim = second.claims.iter().find(|c| c.source == fwd.id).unwrap();
        assert!(claim.events.contains(&yesterday.id));
        assert!(second.problems().is_empty(), "{:?}", second.problems());
    }

    #[test]
    fn other_json_is_refused_clearly() {
        let e = import_telegram(r#"{"events": []}"#, "x.json", &ImportOptions::default());
        assert!(matches!(e, Err(TelegramError::NotAnExport { .. })));
        assert!(looks_like_telegram(EXPORT.as_bytes()));
        assert!(!looks_like_telegram(br#"{"events": [], "title": {}}"#));
        let e = import_telegram("{", "x.json", &ImportOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("x.json: not JSON"), "{e}");
    }
}
