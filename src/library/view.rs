//! What a library view shows, headless: the articles' list sorted by a column and filtered
//! by words (folded: ی/ي, ک/ك, ZWNJ and spaces, diacritics) and by outlet, computed once per
//! (catalog, sort, filter) and kept by the view, so a frame only draws the rows on screen.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::catalog::Entry;
use super::groups::EventRef;
use super::sources::LibrarySource;
use crate::persian::fold::fold_text;

/// A column of the articles' list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Title,
    Outlet,
    Author,
    #[default]
    Date,
    Events,
    Sources,
}

impl Column {
    /// Every column, in the order the list shows them (from the start edge).
    pub const ALL: [Column; 6] = [
        Column::Title,
        Column::Outlet,
        Column::Author,
        Column::Date,
        Column::Events,
        Column::Sources,
    ];
}

/// How the list is sorted and filtered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListQuery {
    pub sort: Column,
    /// Largest (or latest, or last in the alphabet) first.
    pub descending: bool,
    /// Words every shown article's title, outlet or author holds (folded); empty: all.
    pub words: String,
    /// Only this outlet (folded, see [`outlet_key`]); `None`: every outlet.
    pub outlet: Option<String>,
}

/// The folded key outlets are told apart by.
pub fn outlet_key(outlet: &str) -> String {
    fold_text(outlet.trim()).into_owned()
}

/// The text a list filter looks in, folded once per entry (see [`filtered_order`]).
pub fn haystack(e: &Entry) -> String {
    fold_text(&format!("{}\n{}\n{}", e.title, e.outlet, e.author)).into_owned()
}

/// The entries `usable` and matching `q`, as indices in the order `q` sorts them (ties in
/// library order). `haystacks` are [`haystack`] of each entry.
pub fn filtered_order(
    entries: &[Entry],
    usable: &dyn Fn(usize) -> bool,
    haystacks: &[String],
    q: &ListQuery,
) -> Vec<u32> {
    let words: Vec<String> = fold_text(&q.words)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut out: Vec<u32> = (0..entries.len())
        .filter(|&i| usable(i))
        .filter(|&i| {
            q.outlet
                .as_ref()
                .is_none_or(|o| outlet_key(&entries[i].outlet) == *o)
        })
        .filter(|&i| {
            let h = haystacks.get(i).map_or("", String::as_str);
            words.iter().all(|w| h.contains(w.as_str()))
        })
        .map(|i| i as u32)
        .collect();
    let by = |a: &u32, b: &u32| {
        let (x, y) = (&entries[*a as usize], &entries[*b as usize]);
        match q.sort {
            Column::Title => x.title.cmp(&y.title),
            Column::Outlet => x.outlet.cmp(&y.outlet),
            Column::Author => x.author.cmp(&y.author),
            Column::Date => x.date.cmp(&y.date),
            Column::Events => x.events.len().cmp(&y.events.len()),
            Column::Sources => x.sources.len().cmp(&y.sources.len()),
        }
    };
    if q.descending {
        out.sort_by(|a, b| by(b, a).then(a.cmp(b)));
    } else {
        out.sort_by(|a, b| by(a, b).then(a.cmp(b)));
    }
    out
}

/// The outlets of the usable entries: (key, name as first written, articles), by key (so
/// ي and ی sort alike).
pub fn outlets(entries: &[Entry], usable: &dyn Fn(usize) -> bool) -> Vec<(String, String, usize)> {
    let mut out: Vec<(String, String, usize)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if !usable(i) || e.outlet.trim().is_empty() {
            continue;
        }
        let key = outlet_key(&e.outlet);
        match at.get(&key) {
            Some(&k) => out[k].2 += 1,
            None => {
                at.insert(key.clone(), out.len());
                out.push((key, e.outlet.trim().to_owned(), 1));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The events a source backs with its claims (for filtering the merged timeline by one
/// source).
pub fn events_of_source(source: &LibrarySource) -> HashSet<EventRef> {
    source
        .claims
        .iter()
        .flat_map(|c| c.events.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Day;

    fn entry(title: &str, outlet: &str, date: Option<Day>, events: usize) -> Entry {
        let d = Day::new(2024, 1, 1).unwrap_or_else(|e| panic!("{e}"));
        Entry {
            id: title.into(),
            hash: String::new(),
            origin: None,
            original: String::new(),
            bytes: 0,
            added: 0,
            title: title.into(),
            author: String::new(),
            outlet: outlet.into(),
            date,
            blocks: 1,
            events: (0..events)
                .map(|k| super::super::catalog::EventRow {
                    id: format!("e{k}"),
                    start: d,
                    end: d,
                    precision: crate::model::Precision::Day,
                    approximate: false,
                    wording: String::new(),
                    label: String::new(),
                    category: String::new(),
                    category_fa: String::new(),
                    category_en: String::new(),
                    block: 0,
                })
                .collect(),
            sources: Vec::new(),
            claims: Vec::new(),
        }
    }

    fn day(y: i32) -> Option<Day> {
        Day::new(y, 1, 1).ok()
    }

    #[test]
    fn sorts_filters_and_folds() {
        let entries = vec![
            entry("سفر وزير به باکو", "ایرنا", day(2024), 3),
            entry("نشست ژنو", "ايسنا", day(2020), 1),
            entry("بازار کتاب", "ایرنا", None, 2),
        ];
        let hay: Vec<String> = entries.iter().map(haystack).collect();
        let all = |_| true;
        let order = |q: &ListQuery| filtered_order(&entries, &all, &hay, q);
        let mut q = ListQuery::default();
        assert_eq!(order(&q), [2, 1, 0], "by date, no date first: {q:?}");
        q.descending = true;
        assert_eq!(order(&q), [0, 1, 2], "{q:?}");
        q.sort = Column::Events;
        assert_eq!(order(&q), [0, 2, 1], "{q:?}");
        // Filter words fold: «وزیر» finds «وزير».
        q.words = "وزیر".into();
        assert_eq!(order(&q), [0], "{q:?}");
        q.words = String::new();
        q.outlet = Some(outlet_key("ایسنا"));
        assert_eq!(order(&q), [1], "ایسنا matches ايسنا: {q:?}");
        // Unusable entries are left out.
        q.outlet = None;
        assert_eq!(filtered_order(&entries, &|i| i != 0, &hay, &q), [2, 1]);
        let names: Vec<(String, usize)> = outlets(&entries, &all)
            .into_iter()
            .map(|(_, n, c)| (n, c))
            .collect();
        assert_eq!(names, [("ایرنا".to_owned(), 2), ("ايسنا".to_owned(), 1)]);
    }
}
