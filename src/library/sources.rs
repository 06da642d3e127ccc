//! Sources across the library: one entry per person, outlet or body, however each article
//! spells it (names are folded: ی/ي, ک/ك, ZWNJ and spaces, diacritics), with every claim —
//! in which article, on which events — and where two sources disagree on the date of the
//! same happening (a group of [`super::groups`]).

use std::collections::HashMap;

use super::catalog::Entry;
use super::groups::{EventRef, Groups};
use crate::model::SourceKind;
use crate::persian::fold::fold_text;

/// One person, outlet or body across the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibrarySource {
    /// The folded name every spelling shares.
    pub key: String,
    /// The name as first written.
    pub name: String,
    /// The English name, when an article gives one.
    pub name_en: String,
    /// Every spelling met, first first.
    pub spellings: Vec<String>,
    pub kind: SourceKind,
    pub claims: Vec<ClaimRef>,
}

/// A claim of a [`LibrarySource`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimRef {
    /// Index into the entries, and of the claim in the entry.
    pub entry: u32,
    pub claim: u32,
    /// The events it supports.
    pub events: Vec<EventRef>,
}

/// The key sources are merged by: the folded name (the English name when there is no
/// Persian one).
pub fn source_key(name: &str, name_en: &str) -> String {
    let k = fold_text(name.trim());
    if k.is_empty() {
        fold_text(name_en.trim()).into_owned()
    } else {
        k.into_owned()
    }
}

/// The sources of the usable entries, in the order first met.
pub fn library_sources(entries: &[Entry], usable: &[bool]) -> Vec<LibrarySource> {
    let mut out: Vec<LibrarySource> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if !usable.get(i).copied().unwrap_or(false) {
            continue;
        }
        let events: HashMap<&str, u32> = e
            .events
            .iter()
            .enumerate()
            .map(|(k, ev)| (ev.id.as_str(), k as u32))
            .collect();
        // The article's own source ids mapped to library sources.
        let mut local: HashMap<&str, usize> = HashMap::new();
        for s in &e.sources {
            let key = source_key(&s.name, &s.name_en);
            if key.is_empty() {
                continue;
            }
            let at = *by_key.entry(key.clone()).or_insert_with(|| {
                out.push(LibrarySource {
                    key,
                    name: s.name.clone(),
                    name_en: s.name_en.clone(),
                    spellings: Vec::new(),
                    kind: s.kind,
                    claims: Vec::new(),
                });
                out.len() - 1
            });
            let src = &mut out[at];
            if !src.spellings.contains(&s.name) {
                src.spellings.push(s.name.clone());
            }
            if src.name_en.is_empty() {
                src.name_en.clone_from(&s.name_en);
            }
            local.insert(s.id.as_str(), at);
        }
        for (k, c) in e.claims.iter().enumerate() {
            let Some(&at) = local.get(c.source.as_str()) else {
                continue;
            };
            out[at].claims.push(ClaimRef {
                entry: i as u32,
                claim: k as u32,
                events: c
                    .events
                    .iter()
                    .filter_map(|id| events.get(id.as_str()))
                    .map(|&event| EventRef {
                        entry: i as u32,
                        event,
                    })
                    .collect(),
            });
        }
    }
    out
}

/// Two sources giving different dates for the same happening: neither interval holds the
/// other (so «مارس ۲۰۲۰» and «۱۲ مارس ۲۰۲۰» agree, «۱۲ مارس» and «۱۴ مارس» do not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// Index in [`Groups::groups`].
    pub group: usize,
    /// Each side: the source (index in the list of [`library_sources`]) and its report.
    pub a: (usize, EventRef),
    pub b: (usize, EventRef),
}

/// Every disagreement on a date within a group of several reports, once per pair of
/// sources and reports.
pub fn disagreements(
    entries: &[Entry],
    groups: &Groups,
    sources: &[LibrarySource],
) -> Vec<Disagreement> {
    // Reports each source backs, by group.
    let mut by_group: HashMap<usize, Vec<(usize, EventRef)>> = HashMap::new();
    for (s, src) in sources.iter().enumerate() {
        for c in &src.claims {
            for r in &c.events {
                if let Some(&g) = groups.of_event.get(r)
                    && groups.groups[g].reports.len() > 1
                {
                    let list = by_group.entry(g).or_default();
                    if !list.contains(&(s, *r)) {
                        list.push((s, *r));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut groups_in_order: Vec<_> = by_group.into_iter().collect();
    groups_in_order.sort_unstable_by_key(|(g, _)| *g);
    for (g, list) in groups_in_order {
        for (x, &(sa, ra)) in list.iter().enumerate() {
            for &(sb, rb) in &list[x + 1..] {
                if sa == sb {
                    continue;
                }
                let (a, b) = (ra.row(entries), rb.row(entries));
                let nested = (a.start <= b.start && b.end <= a.end)
                    || (b.start <= a.start && a.end <= b.end);
                if !nested {
                    out.push(Disagreement {
                        group: g,
                        a: (sa, ra),
                        b: (sb, rb),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_fold_to_one_key() {
        for (a, b) in [
            ("سرگئی لاوروف", "سرگئي لاوروف"),
            ("خبرگزاری ایرنا", "خبرگزاري ايرنا"),
            ("وزارت‌خارجه", "وزارت خارجه"),
            ("کرملین", "كرملين"),
        ] {
            assert_eq!(source_key(a, ""), source_key(b, ""), "«{a}» vs «{b}»");
        }
        assert_eq!(source_key("", "INSS"), "inss");
    }
}
