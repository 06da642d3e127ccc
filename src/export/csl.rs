//! The article's sources as CSL-JSON, the format Zotero, Mendeley, Pandoc and other
//! reference managers import: one item per source, its claims in the `note`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Article, SourceKind};

#[derive(Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(rename = "original-title", skip_serializing_if = "str::is_empty")]
    original_title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    genre: &'a str,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    language: &'a str,
    note: String,
}

#[derive(Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

/// The CSL item type of a kind of source.
pub fn csl_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Outlet => "article-newspaper",
        SourceKind::Institution => "report",
        SourceKind::Official => "speech",
        SourceKind::Unnamed => "personal_communication",
    }
}

/// A CSL-JSON array with one item per source (`id` the source's id, `type` by its kind,
/// `title` its Persian name, `original-title` its English one, `author` for institutions
/// and officials, `container-title` for outlets, `genre` its role, `URL` its link). The
/// `note` says which article cites it and lists its claims: each quote with its
/// paragraph and the events it supports.
pub fn dump_csl(article: &Article) -> String {
    let m = &article.meta;
    let items: Vec<CslItem<'_>> = article
        .sources
        .iter()
        .map(|s| {
            let mut note = format!("ذکرشده در «{}»", m.title);
            if !m.author.is_empty() {
                let _ = write!(note, "، {}", m.author);
            }
            if let Some(p) = &m.publication {
                let _ = write!(note, "، {p}");
            }
            note.push('.');
            for c in article.claims_of_source(&s.id) {
                let _ = write!(note, "\n- «{}» (بند {}", c.anchor.exact, c.anchor.block);
                let events: Vec<String> = c
                    .events
                    .iter()
                    .filter_map(|id| article.event(id))
                    .map(|e| format!("{} [{}، {}]", e.label, e.date.wording, e.id))
                    .collect();
                if !events.is_empty() {
                    let _ = write!(note, "؛ رویدادها: {}", events.join("؛ "));
                }
                note.push(')');
            }
            let named = matches!(s.kind, SourceKind::Institution | SourceKind::Official);
            CslItem {
                id: &s.id,
                kind: csl_type(s.kind),
                title: &s.name,
                original_title: &s.name_en,
                author: if named {
                    vec![CslName { literal: &s.name }]
                } else {
                    Vec::new()
                },
                container_title: (s.kind == SourceKind::Outlet).then_some(s.name.as_str()),
                genre: &s.role,
                url: s.link.as_deref().and_then(super::web_link),
                language: &m.language,
                note,
            }
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items)
        .expect("invariant: CSL items of plain data serialize to JSON");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn one_item_per_source_with_claims_in_the_note() {
        let a = crate::store::from_str(include_str!("../../tests/data/mini.ron"), "mini.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        let v: Value = serde_json::from_str(&dump_csl(&a)).unwrap_or_else(|e| panic!("{e}"));
        let items = v.as_array().cloned().unwrap_or_default();
        assert_eq!(items.len(), a.sources.len());
        for (item, s) in items.iter().zip(&a.sources) {
            assert_eq!(item["id"], s.id);
            assert_eq!(item["title"], s.name);
            assert!(item["type"].is_string(), "{item}");
            let note = item["note"].as_str().unwrap_or("");
            for c in a.claims_of_source(&s.id) {
                assert!(note.contains(&c.anchor.exact), "{note}");
            }
        }
        assert_eq!(items[1]["URL"], "https://www.inss.org.il");
        assert_eq!(items[2]["author"][0]["literal"], "سرگئی لاوروف");
        assert_eq!(items[0]["container-title"], "واینت");
    }
}
