//! The cached index of an article's events by time (one place, [`event_days`], reads an
//! event's dates): sorted by start day, one list per
//! lane with a running maximum of end days so a window is culled by binary search, a map
//! from event id, and a coarse histogram for the overview strip. Rebuilt only when the
//! article's [`article_key`] changes.

use std::collections::HashMap;

use fixedbitset::FixedBitSet;
use std::hash::{Hash, Hasher};

use crate::model::{Article, Category, Event, Precision, category};

/// A set of an article's events by their index in `article.events`: the timeline's
/// filter (the events shown) and emphasis (the events marked). Built once when the
/// article or the filter changes and read every frame, by index, without hashing ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventSet(FixedBitSet);

impl EventSet {
    /// The set of `indices` among `len` events (indices `>= len` are ignored).
    pub fn from_indices(len: usize, indices: impl IntoIterator<Item = usize>) -> Self {
        let mut bits = FixedBitSet::with_capacity(len);
        for i in indices {
            if i < len {
                bits.insert(i);
            }
        }
        Self(bits)
    }

    /// Whether event `i` (index into `article.events`) is in the set.
    pub fn contains(&self, i: usize) -> bool {
        self.0.contains(i)
    }

    /// Whether no event is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.is_clear()
    }

    /// Number of events in the set.
    pub fn len(&self) -> usize {
        self.0.count_ones(..)
    }

    /// The indices in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.ones()
    }
}

/// Number of bins of the overview histogram.
pub const OVERVIEW_BINS: usize = 256;

/// A cheap fingerprint of an article's events: their count, the title, and the ids, dates
/// and lanes of up to 64 evenly spread events (first and last included). O(1) in the number
/// of events, so it can be computed every frame.
pub fn article_key(article: &Article) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    article.events.len().hash(&mut h);
    article.meta.title.hash(&mut h);
    for c in &article.categories {
        c.id.hash(&mut h);
    }
    let n = article.events.len();
    let samples = n.min(64);
    for i in 0..samples {
        let j = if samples <= 1 {
            0
        } else {
            i * (n - 1) / (samples - 1)
        };
        if let Some(e) = article.events.get(j) {
            e.id.hash(&mut h);
            e.date.start.hash(&mut h);
            e.date.end.hash(&mut h);
            e.category.hash(&mut h);
            e.label.len().hash(&mut h);
        }
    }
    h.finish()
}

/// An event's days: its first day number and the day number after its last (a malformed
/// interval, `start > end`, is shown over the same days, in order). The one place that
/// turns an event's dates into the chart's time.
pub fn event_days(e: &Event) -> (f64, f64) {
    let a = e.date.start.day_number() as f64;
    let b = e.date.end.day_number() as f64;
    (a.min(b), a.max(b) + 1.0)
}

/// The lane of events whose category is not among the article's categories.
pub const UNKNOWN_LANE: u16 = u16::MAX;

/// The category a lane stands for: the article's, or the catch-all one.
pub fn lane_category(article: &Article, lane: u16) -> &Category {
    article
        .categories
        .get(usize::from(lane))
        .unwrap_or_else(|| category::other())
}

/// How an event is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A dot: Day and Month precision.
    Point,
    /// A bar over its interval: ranges, seasons, years, decades.
    Bar,
}

/// One event, in time order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// Index into `article.events`.
    pub event: u32,
    /// First day number (inclusive).
    pub start: f64,
    /// Day number after the last day (exclusive): `start < end`.
    pub end: f64,
    /// Index of its category in `article.categories` ([`UNKNOWN_LANE`] when missing).
    pub lane: u16,
    pub shape: Shape,
    /// Soft edges: decade, part of a decade, season, or approximate.
    pub fuzzy: bool,
}

impl Item {
    fn of(i: u32, e: &Event, lane: u16) -> Self {
        let (start, end) = event_days(e);
        let shape = match e.date.precision {
            Precision::Day | Precision::Month => Shape::Point,
            _ => Shape::Bar,
        };
        let fuzzy = e.date.approximate
            || matches!(
                e.date.precision,
                Precision::Decade | Precision::PartOfDecade | Precision::Season
            );
        Self {
            event: i,
            start,
            end,
            lane,
            shape,
            fuzzy,
        }
    }

    /// Middle day.
    pub fn mid(&self) -> f64 {
        (self.start + self.end) * 0.5
    }
}

/// One event of a lane, with what culling and clustering read, stored contiguously so a
/// pass over a lane is a linear scan (not a gather across all events).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaneEntry {
    pub start: f64,
    pub end: f64,
    /// Position in [`EventIndex::items`].
    pub pos: u32,
    /// Drawn as a bar when wide enough.
    pub bar: bool,
}

impl LaneEntry {
    pub fn mid(&self) -> f64 {
        (self.start + self.end) * 0.5
    }
}

/// The events of one lane, sorted by start.
#[derive(Clone, Debug, Default)]
pub struct LaneIndex {
    /// Index of the lane's category in `article.categories` ([`UNKNOWN_LANE`] for events
    /// whose category the article lacks); see [`lane_category`].
    pub lane: Option<u16>,
    /// The lane's events in time order.
    pub entries: Vec<LaneEntry>,
    /// `end_max[i]` = the largest `end` among `entries[..=i]` (non-decreasing).
    end_max: Vec<f64>,
}

/// All events of an article by time.
#[derive(Clone, Debug, Default)]
pub struct EventIndex {
    pub key: u64,
    /// Sorted by (start, end, article order).
    pub items: Vec<Item>,
    /// One per category that has events, in the article's category order, then one for
    /// events of unknown categories if any.
    pub lanes: Vec<LaneIndex>,
    by_id: HashMap<String, u32>,
    /// Earliest start and latest end of all events.
    pub span: Option<(f64, f64)>,
    /// Event counts by start over `span`, [`OVERVIEW_BINS`] bins.
    pub histogram: Vec<u32>,
    /// Every event's end day, sorted (to count events before a window).
    ends: Vec<f64>,
}

impl EventIndex {
    pub fn build(article: &Article) -> Self {
        let mut items: Vec<Item> = article
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let lane = article
                    .category_index(&e.category)
                    .and_then(|c| u16::try_from(c).ok())
                    .unwrap_or(UNKNOWN_LANE);
                Item::of(u32::try_from(i).unwrap_or(u32::MAX), e, lane)
            })
            .collect();
        items.sort_by(|a, b| {
            a.start
                .total_cmp(&b.start)
                .then(a.end.total_cmp(&b.end))
                .then(a.event.cmp(&b.event))
        });
        let mut by_id = HashMap::with_capacity(items.len());
        for (pos, it) in items.iter().enumerate() {
            if let Some(e) = article.events.get(it.event as usize) {
                by_id.entry(e.id.clone()).or_insert(pos as u32);
            }
        }
        let mut lanes = Vec::new();
        let n_categories = u16::try_from(article.categories.len()).unwrap_or(UNKNOWN_LANE);
        for lane in (0..n_categories).chain([UNKNOWN_LANE]) {
            let entries: Vec<LaneEntry> = items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.lane == lane)
                .map(|(p, it)| LaneEntry {
                    start: it.start,
                    end: it.end,
                    pos: p as u32,
                    bar: it.shape == Shape::Bar,
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            let mut end_max = Vec::with_capacity(entries.len());
            let mut m = f64::NEG_INFINITY;
            for e in &entries {
                m = m.max(e.end);
                end_max.push(m);
            }
            lanes.push(LaneIndex {
                lane: Some(lane),
                entries,
                end_max,
            });
        }
        let span = if items.is_empty() {
            None
        } else {
            let lo = items.first().map_or(0.0, |i| i.start);
            let hi = items
                .iter()
                .map(|i| i.end)
                .fold(f64::NEG_INFINITY, f64::max);
            Some((lo, hi))
        };
        let mut histogram = vec![0u32; OVERVIEW_BINS];
        if let Some((lo, hi)) = span {
            let w = (hi - lo).max(1.0);
            for it in &items {
                let b = (((it.mid() - lo) / w) * OVERVIEW_BINS as f64).floor();
                let b = (b.max(0.0) as usize).min(OVERVIEW_BINS - 1);
                histogram[b] = histogram[b].saturating_add(1);
            }
        }
        let mut ends: Vec<f64> = items.iter().map(|i| i.end).collect();
        ends.sort_by(f64::total_cmp);
        Self {
            key: article_key(article),
            items,
            lanes,
            by_id,
            span,
            histogram,
            ends,
        }
    }

    /// How many events overlap the window `from..to` (day numbers), and the span of
    /// their days cut to the window: what a picture of that window shows.
    pub fn shown_in(&self, (from, to): (f64, f64)) -> (usize, Option<(f64, f64)>) {
        let mut n = 0;
        let mut span: Option<(f64, f64)> = None;
        for lane in &self.lanes {
            for e in Self::cull(lane, from, to) {
                n += 1;
                let (a, b) = (e.start.max(from), e.end.min(to));
                span = Some(span.map_or((a, b), |(lo, hi)| (lo.min(a), hi.max(b))));
            }
        }
        (n, span)
    }

    /// The span of the shown events' days (all when `visible` is `None`).
    pub fn span_of(&self, visible: Option<&EventSet>) -> Option<(f64, f64)> {
        match visible {
            None => self.span,
            Some(set) => self
                .items
                .iter()
                .enumerate()
                .filter(|&(p, _)| self.is_shown(p, set))
                .fold(None, |acc: Option<(f64, f64)>, (_, it)| {
                    Some(acc.map_or((it.start, it.end), |(lo, hi)| {
                        (lo.min(it.start), hi.max(it.end))
                    }))
                }),
        }
    }

    /// Middle days of the shown events, sorted (for a focused fit).
    pub fn mids_of(&self, visible: Option<&EventSet>) -> Vec<f64> {
        let mut mids: Vec<f64> = self
            .items
            .iter()
            .enumerate()
            .filter(|&(p, _)| visible.is_none_or(|set| self.is_shown(p, set)))
            .map(|(_, it)| it.mid())
            .collect();
        mids.sort_by(f64::total_cmp);
        mids
    }

    /// How many shown events lie wholly before and wholly after the window `from..to`.
    /// Binary searches without a filter; a pass over the events with one.
    pub fn outside(&self, visible: Option<&EventSet>, (from, to): (f64, f64)) -> (usize, usize) {
        match visible {
            None => (
                self.ends.partition_point(|&e| e <= from),
                self.items.len() - self.items.partition_point(|i| i.start < to),
            ),
            Some(set) => self
                .items
                .iter()
                .enumerate()
                .filter(|&(p, _)| self.is_shown(p, set))
                .fold((0, 0), |(b, a), (_, it)| {
                    (
                        b + usize::from(it.end <= from),
                        a + usize::from(it.start >= to),
                    )
                }),
        }
    }

    /// Position in [`Self::items`] of the event with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&p| p as usize)
    }

    /// `lane`'s events (time order) that overlap the window `from..to`: a binary search on
    /// the running maximum of ends, then a linear scan until the first start past `to`.
    pub fn cull(lane: &LaneIndex, from: f64, to: f64) -> impl Iterator<Item = &LaneEntry> {
        let first = lane.end_max.partition_point(|&e| e <= from);
        lane.entries[first..]
            .iter()
            .take_while(move |e| e.start < to)
            .filter(move |e| e.end > from)
    }

    /// The lanes that hold at least one shown event.
    pub fn shown_lanes(&self, visible: Option<&EventSet>) -> Vec<usize> {
        (0..self.lanes.len())
            .filter(|&l| match visible {
                None => true,
                Some(set) => self.lanes[l]
                    .entries
                    .iter()
                    .any(|e| self.is_shown(e.pos as usize, set)),
            })
            .collect()
    }

    /// Whether the event at position `pos` (time order) is in `set`.
    pub fn is_shown(&self, pos: usize, set: &EventSet) -> bool {
        self.items
            .get(pos)
            .is_some_and(|it| set.contains(it.event as usize))
    }

    /// The shown event after (`forward`) or before position `from` in time; from
    /// `None`, the first (or last) shown event.
    pub fn step(
        &self,
        visible: Option<&EventSet>,
        from: Option<usize>,
        forward: bool,
    ) -> Option<usize> {
        let shown = |p: usize| visible.is_none_or(|set| self.is_shown(p, set));
        let n = self.items.len();
        match (from, forward) {
            (None, true) => (0..n).find(|&p| shown(p)),
            (None, false) => (0..n).rev().find(|&p| shown(p)),
            (Some(f), true) => (f.saturating_add(1)..n).find(|&p| shown(p)),
            (Some(f), false) => (0..f.min(n)).rev().find(|&p| shown(p)),
        }
    }

    /// The first shown event starting at or after `day` (forward) or the last starting at or
    /// before it (backward).
    pub fn near(&self, visible: Option<&EventSet>, day: f64, forward: bool) -> Option<usize> {
        let p = self.items.partition_point(|i| i.start < day);
        if forward {
            self.step(visible, p.checked_sub(1), true)
        } else {
            let q = self.items.partition_point(|i| i.start <= day);
            self.step(visible, Some(q), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Day, FuzzyDate, Meta};

    fn article(dates: &[(&str, &str, &str)]) -> Article {
        let events = dates
            .iter()
            .enumerate()
            .map(|(i, (s, e, lane))| {
                let s: Day = s.parse().unwrap_or_else(|e| panic!("{e}"));
                let e: Day = e.parse().unwrap_or_else(|e| panic!("{e}"));
                Event {
                    id: format!("e{i}"),
                    date: FuzzyDate::new(s, e, Precision::Range, ""),
                    category: (*lane).to_owned(),
                    label: format!("رویداد {i}"),
                    anchor: Anchor::new("p1", ""),
                }
            })
            .collect();
        Article {
            schema: crate::model::SCHEMA_VERSION,
            meta: Meta::default(),
            categories: crate::model::news_categories(),
            blocks: Vec::new(),
            events,
            sources: Vec::new(),
            claims: Vec::new(),
        }
    }

    #[test]
    fn culls_by_binary_search_including_long_bars() {
        let a = article(&[
            ("1990-01-01", "1999-12-31", "politics"),
            ("2020-01-01", "2020-01-01", "politics"),
            ("2021-05-01", "2021-05-01", "politics"),
            ("2010-01-01", "2010-01-01", "society"),
        ]);
        let idx = EventIndex::build(&a);
        assert_eq!(idx.lanes.len(), 2);
        let day = |s: &str| {
            s.parse::<Day>()
                .map(|d| d.day_number() as f64)
                .unwrap_or(0.0)
        };
        let energy = &idx.lanes[0];
        let ids = |from: &str, to: &str| -> Vec<String> {
            EventIndex::cull(energy, day(from), day(to))
                .map(|e| {
                    a.events[idx.items[e.pos as usize].event as usize]
                        .id
                        .clone()
                })
                .collect()
        };
        assert_eq!(
            ids("1995-01-01", "1996-01-01"),
            ["e0"],
            "inside the long bar"
        );
        assert_eq!(ids("2019-12-01", "2020-02-01"), ["e1"]);
        assert_eq!(ids("1980-01-01", "2030-01-01"), ["e0", "e1", "e2"]);
        assert!(ids("2000-01-02", "2019-01-01").is_empty());
    }

    #[test]
    fn steps_in_time_order_with_filters() {
        let a = article(&[
            ("2020-01-01", "2020-01-01", "politics"),
            ("2010-01-01", "2010-01-01", "society"),
            ("2015-01-01", "2015-01-01", "politics"),
        ]);
        let idx = EventIndex::build(&a);
        let id = |p: Option<usize>| p.map(|p| a.events[idx.items[p].event as usize].id.clone());
        assert_eq!(id(idx.step(None, None, true)).as_deref(), Some("e1"));
        assert_eq!(id(idx.step(None, None, false)).as_deref(), Some("e0"));
        let from = idx.position("e2");
        assert_eq!(id(idx.step(None, from, true)).as_deref(), Some("e0"));
        assert_eq!(id(idx.step(None, from, false)).as_deref(), Some("e1"));
        let only = EventSet::from_indices(a.events.len(), [0, 1]);
        assert_eq!(
            id(idx.step(Some(&only), idx.position("e1"), true)).as_deref(),
            Some("e0")
        );
        assert_eq!(
            idx.shown_lanes(Some(&EventSet::from_indices(a.events.len(), [1]))),
            [1]
        );
        assert_eq!(idx.histogram.iter().sum::<u32>(), 3);
        assert_ne!(article_key(&a), article_key(&article(&[])));
        let empty = EventIndex::build(&article(&[]));
        assert!(empty.span.is_none() && empty.step(None, None, true).is_none());
    }
}
