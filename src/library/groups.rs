//! The same happening reported by several articles, found and grouped: two events of
//! different articles are linked when their date intervals overlap (each widened by
//! [`DATE_SLACK_DAYS`], so two accounts a day or two apart still meet) and their labels
//! share most of their words under folding. Groups are the linked events' connected
//! components, after the reader's decisions ([`Decisions`]: confirm, split, merge) are
//! applied. Dates are the model's Gregorian intervals, so a Solar Hijri and a Gregorian
//! wording of the same day meet.
//!
//! [`MergedTimeline`] lays the groups out in lanes (by category, outlet or article) as
//! headless marks a timeline widget can draw: one mark per group and lane, with the
//! number of reports.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::catalog::{Entry, EventRow};
use super::tokenizer;
use crate::model::Day;

/// Days each interval is widened by before two events' dates are compared.
pub const DATE_SLACK_DAYS: i64 = 3;
/// Fewest content words two labels must share to be linked.
pub const MIN_SHARED_WORDS: usize = 2;
/// Least Dice similarity (2·shared / (|a| + |b|)) of two labels' word sets to be linked.
pub const MIN_SIMILARITY: f64 = 0.5;
/// Words in more events than this are too common to link events by (with events over a
/// short span they would make the pairing quadratic); they still count towards the
/// similarity of pairs linked by others.
pub const MAX_WORD_EVENTS: usize = 5000;

/// Persian function words, folded, that say nothing about which happening it is.
const STOPWORDS: &[&str] = &[
    "و",
    "در",
    "به",
    "از",
    "که",
    "این",
    "ان",
    "با",
    "را",
    "برای",
    "است",
    "بود",
    "شد",
    "کرد",
    "های",
    "ها",
    "یک",
    "تا",
    "بر",
    "هم",
    "نیز",
    "می",
    "ای",
    "اند",
    "شده",
    "کرده",
    "خود",
    "او",
    "وی",
    "پس",
    "پیش",
    "سال",
    "ماه",
    "روز",
    "گفت",
    "اعلام",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
];

/// One event of the library: an index into the entries and into that entry's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventRef {
    pub entry: u32,
    pub event: u32,
}

impl EventRef {
    /// The event's row.
    pub fn row(self, entries: &[Entry]) -> &EventRow {
        &entries[self.entry as usize].events[self.event as usize]
    }

    /// The key decisions are saved under: `"{article id}/{event id}"`.
    pub fn key(self, entries: &[Entry]) -> String {
        let e = &entries[self.entry as usize];
        format!("{}/{}", e.id, e.events[self.event as usize].id)
    }
}

/// The reader's decisions on groups, saved in the library folder (`groups.ron`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Decisions {
    /// Events (by key) the reader put in one group: each pair is linked.
    pub merged: Vec<(String, String)>,
    /// Events the reader took out of their group: found links to them are dropped.
    pub split: Vec<String>,
    /// Groups the reader confirmed, by their events' keys.
    pub confirmed: Vec<Vec<String>>,
}

/// Reports of one happening (one event alone is a group of one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The reports, in library order.
    pub reports: Vec<EventRef>,
    /// Earliest start and latest end of the reports' dates.
    pub start: Day,
    pub end: Day,
    /// Whether the reader confirmed exactly this group.
    pub confirmed: bool,
}

/// Every event of the library in groups.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    pub groups: Vec<Group>,
    /// The group of each event.
    pub of_event: HashMap<EventRef, usize>,
}

impl Groups {
    /// Groups of two or more reports.
    pub fn merged(&self) -> impl Iterator<Item = (usize, &Group)> {
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.reports.len() > 1)
    }
}

/// The content words of an event's label, folded, as ids in `vocabulary` (a word's id is
/// its number in order of first sight), sorted, without repeats. Ids rather than strings:
/// 300,000 labels hold about two million words, and each would be a string of its own.
fn content_words(label: &str, vocabulary: &mut HashMap<String, u32>) -> Vec<u32> {
    let mut w: Vec<u32> = tokenizer::words(label)
        .into_iter()
        .filter(|w| w.folded.chars().count() > 1 && !STOPWORDS.contains(&w.folded.as_str()))
        .map(|w| {
            let next = vocabulary.len() as u32;
            *vocabulary.entry(w.folded).or_insert(next)
        })
        .collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// Number of ids two sorted lists share.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn dates_meet(a: &EventRow, b: &EventRow) -> bool {
    a.start.day_number() - DATE_SLACK_DAYS <= b.end.day_number() + DATE_SLACK_DAYS
        && b.start.day_number() - DATE_SLACK_DAYS <= a.end.day_number() + DATE_SLACK_DAYS
}

/// Union-find over event indices.
struct Sets(Vec<u32>);

impl Sets {
    fn find(&mut self, mut i: u32) -> u32 {
        while self.0[i as usize] != i {
            let up = self.0[self.0[i as usize] as usize];
            self.0[i as usize] = up;
            i = up;
        }
        i
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b) as usize] = a.min(b);
        }
    }
}

/// Groups the events of `entries` (those with `usable[i]`), applying `decisions`.
///
/// Linear in the events and their words but for the pairs that share a word and whose
/// dates meet: each event's words are looked up in an inverted index whose lists are in
/// date order, and only the stretch of a list whose dates can meet the event's is read.
/// Shared words are counted in one scratch array (no map of pairs).
pub fn group_events(entries: &[Entry], usable: &[bool], decisions: &Decisions) -> Groups {
    let refs: Vec<EventRef> = entries
        .iter()
        .enumerate()
        .filter(|(i, _)| usable.get(*i).copied().unwrap_or(false))
        .flat_map(|(i, e)| {
            (0..e.events.len()).map(move |k| EventRef {
                entry: i as u32,
                event: k as u32,
            })
        })
        .collect();
    // Event keys, only when the reader has decided something (300,000 keys otherwise made
    // for nothing).
    let has_decisions = !(decisions.merged.is_empty()
        && decisions.split.is_empty()
        && decisions.confirmed.is_empty());
    let index_of: HashMap<String, u32> = if has_decisions {
        refs.iter()
            .enumerate()
            .map(|(i, r)| (r.key(entries), i as u32))
            .collect()
    } else {
        HashMap::new()
    };
    let split: std::collections::HashSet<u32> = decisions
        .split
        .iter()
        .filter_map(|k| index_of.get(k).copied())
        .collect();
    let mut vocabulary = HashMap::new();
    let words: Vec<Vec<u32>> = refs
        .iter()
        .map(|r| content_words(&r.row(entries).label, &mut vocabulary))
        .collect();
    // Events in date order (start, end, then index: one total order every list keeps),
    // and each event's rank in it.
    let span = |i: u32| {
        let row = refs[i as usize].row(entries);
        (row.start.day_number(), row.end.day_number())
    };
    let spans: Vec<(i64, i64)> = (0..refs.len() as u32).map(span).collect();
    let mut order: Vec<u32> = (0..refs.len() as u32).collect();
    order.sort_unstable_by_key(|&i| (spans[i as usize], i));
    // The inverted index: per word, its events in date order.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.len()];
    drop(vocabulary);
    for &i in &order {
        if split.contains(&i) {
            continue;
        }
        for &w in &words[i as usize] {
            postings[w as usize].push(i);
        }
    }
    let mut sets = Sets((0..refs.len() as u32).collect());
    // Shared words of the event being looked at with each later one; `touched` lists the
    // counters to read and reset.
    let mut counts: Vec<u16> = vec![0; refs.len()];
    let mut touched: Vec<u32> = Vec::new();
    let key = |i: u32| (spans[i as usize], i);
    for &a in &order {
        if split.contains(&a) {
            continue;
        }
        let reach = spans[a as usize].1 + 2 * DATE_SLACK_DAYS;
        for &w in &words[a as usize] {
            let list = &postings[w as usize];
            if list.len() > MAX_WORD_EVENTS {
                continue;
            }
            let at = list.partition_point(|&b| key(b) <= key(a));
            for &b in &list[at..] {
                if spans[b as usize].0 > reach {
                    break;
                }
                if refs[a as usize].entry != refs[b as usize].entry {
                    if counts[b as usize] == 0 {
                        touched.push(b);
                    }
                    counts[b as usize] = counts[b as usize].saturating_add(1);
                }
            }
        }
        for b in touched.drain(..) {
            let n = usize::from(std::mem::take(&mut counts[b as usize]));
            let (wa, wb) = (&words[a as usize], &words[b as usize]);
            // Shared words counted in full (common words included) once a pair is a
            // candidate.
            let n = if n >= MIN_SHARED_WORDS {
                n
            } else {
                shared_count(wa, wb)
            };
            let dice = 2.0 * n as f64 / (wa.len() + wb.len()) as f64;
            if n >= MIN_SHARED_WORDS
                && dice >= MIN_SIMILARITY
                && dates_meet(refs[a as usize].row(entries), refs[b as usize].row(entries))
            {
                sets.union(a, b);
            }
        }
    }
    let linked = |keys: &[String], sets: &mut Sets| {
        let ids: Vec<u32> = keys
            .iter()
            .filter_map(|k| index_of.get(k).copied())
            .collect();
        for w in ids.windows(2) {
            sets.union(w[0], w[1]);
        }
    };
    for (a, b) in &decisions.merged {
        linked(&[a.clone(), b.clone()], &mut sets);
    }
    for c in &decisions.confirmed {
        linked(c, &mut sets);
    }
    // Components, in library order.
    let mut group_of_root: HashMap<u32, usize> = HashMap::new();
    let mut out = Groups::default();
    for (i, r) in refs.iter().enumerate() {
        let root = sets.find(i as u32);
        let row = r.row(entries);
        let g = *group_of_root.entry(root).or_insert_with(|| {
            out.groups.push(Group {
                reports: Vec::new(),
                start: row.start,
                end: row.end,
                confirmed: false,
            });
            out.groups.len() - 1
        });
        let group = &mut out.groups[g];
        group.reports.push(*r);
        group.start = group.start.min(row.start);
        group.end = group.end.max(row.end);
        out.of_event.insert(*r, g);
    }
    for c in &decisions.confirmed {
        let mut ids: Vec<EventRef> = c
            .iter()
            .filter_map(|k| index_of.get(k).map(|&i| refs[i as usize]))
            .collect();
        ids.sort_unstable();
        if let Some(&g) = ids.first().and_then(|r| out.of_event.get(r)) {
            let mut members = out.groups[g].reports.clone();
            members.sort_unstable();
            if members == ids {
                out.groups[g].confirmed = true;
            }
        }
    }
    out
}

/// What the lanes of a merged timeline stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LaneBy {
    /// The events' categories (the lane of a group is its reports' most common one).
    Category,
    /// The articles' outlets (an article without one is in a lane of its own title).
    Outlet,
    /// One lane per article.
    Article,
}

/// A lane of a merged timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Category id, folded outlet name, or article id.
    pub key: String,
    /// The name to show, in Persian and in English (the same text when the data has only
    /// one).
    pub name_fa: String,
    pub name_en: String,
}

/// One group drawn in one lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Index in [`Groups::groups`].
    pub group: usize,
    /// Index in [`MergedTimeline::lanes`].
    pub lane: usize,
    /// The span of the group's reports in view.
    pub start: Day,
    pub end: Day,
    /// The group's reports in view, and how many of them belong to this lane.
    pub reports: usize,
    pub reports_in_lane: usize,
}

/// The events of the articles in view as marks in lanes: a headless structure for the
/// timeline to draw and hit-test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergedTimeline {
    /// Sorted by name.
    pub lanes: Vec<Lane>,
    /// By start day, then lane.
    pub marks: Vec<Mark>,
}

/// The merged timeline of the reports that `in_view` keeps (all, a search result's
/// articles, a chosen set, one source's events).
pub fn merged_timeline(
    entries: &[Entry],
    groups: &Groups,
    lane_by: LaneBy,
    in_view: &dyn Fn(EventRef) -> bool,
) -> MergedTimeline {
    let lane_of = |r: EventRef| -> Lane {
        let e = &entries[r.entry as usize];
        match lane_by {
            LaneBy::Category => {
                let row = r.row(entries);
                Lane {
                    key: row.category.clone(),
                    name_fa: row.category_fa.clone(),
                    name_en: row.category_en.clone(),
                }
            }
            LaneBy::Outlet if !e.outlet.is_empty() => Lane {
                key: crate::persian::fold::fold_text(&e.outlet).into_owned(),
                name_fa: e.outlet.clone(),
                name_en: e.outlet.clone(),
            },
            LaneBy::Outlet | LaneBy::Article => Lane {
                key: e.id.clone(),
                name_fa: e.title.clone(),
                name_en: e.title.clone(),
            },
        }
    };
    let mut lanes: Vec<Lane> = Vec::new();
    let mut lane_index: HashMap<String, usize> = HashMap::new();
    let mut marks = Vec::new();
    for (g, group) in groups.groups.iter().enumerate() {
        let shown: Vec<EventRef> = group
            .reports
            .iter()
            .copied()
            .filter(|r| in_view(*r))
            .collect();
        let (Some(start), Some(end)) = (
            shown.iter().map(|r| r.row(entries).start).min(),
            shown.iter().map(|r| r.row(entries).end).max(),
        ) else {
            continue;
        };
        // Lanes of this group's reports, with their counts, in first-seen order.
        let mut here: Vec<(usize, usize)> = Vec::new();
        for r in &shown {
            let lane = lane_of(*r);
            let i = *lane_index.entry(lane.key.clone()).or_insert_with(|| {
                lanes.push(lane);
                lanes.len() - 1
            });
            match here.iter_mut().find(|(l, _)| *l == i) {
                Some((_, n)) => *n += 1,
                None => here.push((i, 1)),
            }
        }
        if lane_by == LaneBy::Category {
            // One mark, in the most common category.
            let best = here
                .iter()
                .copied()
                .max_by_key(|&(l, n)| (n, std::cmp::Reverse(l)));
            here = best.into_iter().collect();
        }
        for (lane, n) in here {
            marks.push(Mark {
                group: g,
                lane,
                start,
                end,
                reports: shown.len(),
                reports_in_lane: if lane_by == LaneBy::Category {
                    shown.len()
                } else {
                    n
                },
            });
        }
    }
    // Lanes by name; marks renumbered.
    let mut order: Vec<usize> = (0..lanes.len()).collect();
    order.sort_by(|&a, &b| lanes[a].name_fa.cmp(&lanes[b].name_fa));
    let mut new_index = vec![0; lanes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let lanes = order.iter().map(|&i| lanes[i].clone()).collect();
    for m in &mut marks {
        m.lane = new_index[m.lane];
    }
    marks.sort_by_key(|m| (m.start, m.lane, m.group));
    MergedTimeline { lanes, marks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    fn entry(id: &str, outlet: &str, events: &[(&str, Day, Day, &str)]) -> Entry {
        Entry {
            id: id.into(),
            hash: String::new(),
            origin: None,
            original: String::new(),
            bytes: 0,
            added: 0,
            title: format!("عنوان {id}"),
            author: String::new(),
            outlet: outlet.into(),
            date: None,
            blocks: 1,
            events: events
                .iter()
                .map(|(eid, start, end, label)| EventRow {
                    id: (*eid).into(),
                    start: *start,
                    end: *end,
                    precision: Precision::Day,
                    approximate: false,
                    wording: String::new(),
                    label: (*label).into(),
                    category: "politics".into(),
                    category_fa: "سیاست".into(),
                    category_en: "Politics".into(),
                    block: 0,
                })
                .collect(),
            sources: Vec::new(),
            claims: Vec::new(),
        }
    }

    fn day(y: i32, m: u8, d: u8) -> Day {
        Day::new(y, m, d).unwrap_or_else(|e| panic!("{e}"))
    }

    fn sizes(g: &Groups) -> Vec<usize> {
        g.groups.iter().map(|g| g.reports.len()).collect()
    }

    #[test]
    fn same_happening_is_one_group() {
        let (d, d2) = (day(2024, 3, 10), day(2024, 3, 11));
        let entries = vec![
            entry(
                "a",
                "ایسنا",
                &[("e1", d, d, "سفر وزیر خارجه روسیه به باکو")],
            ),
            entry(
                "b",
                "ایرنا",
                &[
                    ("e1", d2, d2, "سفر وزير خارجه روسيه به باکو"),
                    ("e2", d, d, "افتتاح نمایشگاه کتاب تهران"),
                ],
            ),
            // Same words, another year: another happening.
            entry(
                "c",
                "",
                &[(
                    "e1",
                    day(2020, 1, 1),
                    day(2020, 1, 1),
                    "سفر وزیر خارجه روسیه به باکو",
                )],
            ),
        ];
        let g = group_events(&entries, &[true; 3], &Decisions::default());
        assert_eq!(sizes(&g), [2, 1, 1], "{g:?}");
        let both = &g.groups[0];
        assert_eq!((both.start, both.end), (d, d2));
        // Unusable articles are left out.
        let g = group_events(&entries, &[true, false, true], &Decisions::default());
        assert_eq!(sizes(&g), [1, 1]);
    }

    #[test]
    fn decisions_split_merge_confirm() {
        let d = day(2024, 3, 10);
        let entries = vec![
            entry("a", "", &[("e1", d, d, "سفر وزیر خارجه روسیه به باکو")]),
            entry("b", "", &[("e1", d, d, "سفر وزیر خارجه روسیه به باکو")]),
            entry("c", "", &[("e1", d, d, "نشست سران در ژنو")]),
        ];
        let all = [true; 3];
        let split = Decisions {
            split: vec!["b/e1".into()],
            ..Decisions::default()
        };
        assert_eq!(sizes(&group_events(&entries, &all, &split)), [1, 1, 1]);
        let merged = Decisions {
            merged: vec![("a/e1".into(), "c/e1".into())],
            ..Decisions::default()
        };
        assert_eq!(sizes(&group_events(&entries, &all, &merged)), [3]);
        let confirmed = Decisions {
            confirmed: vec![vec!["b/e1".into(), "a/e1".into()]],
            ..Decisions::default()
        };
        let g = group_events(&entries, &all, &confirmed);
        assert!(g.groups[0].confirmed && !g.groups[1].confirmed, "{g:?}");
    }

    #[test]
    fn lanes_by_outlet_and_category() {
        let d = day(2024, 3, 10);
        let entries = vec![
            entry(
                "a",
                "ایسنا",
                &[("e1", d, d, "سفر وزیر خارجه روسیه به باکو")],
            ),
            entry(
                "b",
                "ایرنا",
                &[("e1", d, d, "سفر وزیر خارجه روسیه به باکو")],
            ),
        ];
        let g = group_events(&entries, &[true; 2], &Decisions::default());
        let t = merged_timeline(&entries, &g, LaneBy::Category, &|_| true);
        assert_eq!(t.lanes.len(), 1);
        assert_eq!(t.marks.len(), 1, "one mark for the shared event");
        assert_eq!(t.marks[0].reports, 2);
        let t = merged_timeline(&entries, &g, LaneBy::Outlet, &|_| true);
        let names: Vec<&str> = t.lanes.iter().map(|l| l.name_fa.as_str()).collect();
        assert_eq!(names, ["ایرنا", "ایسنا"]);
        assert_eq!(t.marks.len(), 2);
        assert!(
            t.marks
                .iter()
                .all(|m| m.reports == 2 && m.reports_in_lane == 1)
        );
        let only_a = merged_timeline(&entries, &g, LaneBy::Outlet, &|r| r.entry == 0);
        assert_eq!(only_a.marks.len(), 1);
        assert_eq!(only_a.marks[0].reports, 1);
    }
}
