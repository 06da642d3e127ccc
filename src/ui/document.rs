//! The open article, what is selected in it, and what is derived from it once.

use super::*;

/// What is selected: shared by all three panes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub event: Option<EventId>,
    pub source: Option<SourceId>,
}

impl Selection {
    /// The selected event's id as a string.
    pub fn event_id(&self) -> Option<&str> {
        self.event.as_ref().map(EventId::as_str)
    }

    /// The selected source's id as a string.
    pub fn source_id(&self) -> Option<&str> {
        self.source.as_ref().map(SourceId::as_str)
    }
}

/// The open article.
pub struct Document {
    pub article: Article,
    /// Where it was loaded from / saved to; `None` for the built-in article.
    pub path: Option<PathBuf>,
    /// Changed outside the edit history (imported, restored, or changes discarded).
    pub dirty: bool,
    /// The reader's edits, for undo and redo; knows whether they are saved.
    pub edits: History,
    /// What is derived from the article once, not every frame.
    pub index: DocIndex,
}

/// Facts about an article the panes show every frame, computed when it is opened or
/// edited; and what the frame derives from the article and the view's filters, kept
/// until the filters change (by event index, not by id string).
#[derive(Clone, Debug, Default)]
pub struct DocIndex {
    /// `Article::problems()`: broken anchors and references.
    pub problems: Vec<Problem>,
    /// Indices of events no claim supports.
    pub unsourced: Vec<usize>,
    /// Number of claims of each source, by its index in `article.sources`.
    pub claim_counts: Vec<usize>,
    /// The events shown under the filters, for the filters it was computed for.
    visible: Option<(FilterKey, Option<EventSet>)>,
    /// The events of the selected source's claims, for that source.
    marked: Option<(Option<SourceId>, EventSet)>,
    /// The problems line as shown, for the language it was written in.
    problems_line: Option<(Lang, String)>,
    /// How many times a filter or emphasis set was built (work counter for tests: a
    /// steady frame builds none).
    pub sets_built: usize,
}

/// What the timeline's filter depends on besides the article.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FilterKey {
    hidden_lanes: HashSet<CategoryId>,
    hidden_certainties: HashSet<Certainty>,
    only_source: Option<SourceId>,
}

impl DocIndex {
    pub fn new(a: &Article) -> Self {
        let supported: HashSet<&str> = a
            .claims
            .iter()
            .flat_map(|c| c.events.iter().map(String::as_str))
            .collect();
        let source_index: std::collections::HashMap<&str, usize> = a
            .sources
            .iter()
            .enumerate()
            .rev() // the first of sources sharing an id wins, as `Article::source` finds it
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut claim_counts = vec![0; a.sources.len()];
        for c in &a.claims {
            if let Some(&i) = source_index.get(c.source.as_str()) {
                claim_counts[i] += 1;
            }
        }
        Self {
            problems: a.problems(),
            unsourced: a
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| !supported.contains(e.id.as_str()))
                .map(|(i, _)| i)
                .collect(),
            claim_counts,
            ..Self::default()
        }
    }

    /// The timeline's sets: the events shown (those outside `hidden_lanes` and, with
    /// `only_source`, among that source's claims; `None` when nothing is filtered) and the
    /// events marked (those `marked_source`'s claims support; empty without one). Each is
    /// built when what it depends on changes, then read from the cache.
    pub fn timeline_sets(
        &mut self,
        a: &Article,
        hidden_lanes: &HashSet<CategoryId>,
        hidden_certainties: &HashSet<Certainty>,
        only_source: Option<&SourceId>,
        marked_source: Option<&SourceId>,
    ) -> (Option<&EventSet>, &EventSet) {
        let fresh = self.visible.as_ref().is_some_and(|(k, _)| {
            k.only_source.as_ref() == only_source
                && k.hidden_lanes == *hidden_lanes
                && k.hidden_certainties == *hidden_certainties
        });
        if !fresh {
            self.sets_built += 1;
            let filtered =
                !hidden_lanes.is_empty() || !hidden_certainties.is_empty() || only_source.is_some();
            let set = filtered.then(|| {
                let of_source = only_source.map(|s| source_events(a, s));
                EventSet::from_indices(
                    a.events.len(),
                    a.events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| !hidden_lanes.contains(e.category.as_str()))
                        .filter(|(_, e)| !hidden_certainties.contains(&e.certainty))
                        .filter(|&(i, _)| of_source.as_ref().is_none_or(|set| set.contains(i)))
                        .map(|(i, _)| i),
                )
            });
            let key = FilterKey {
                hidden_lanes: hidden_lanes.clone(),
                hidden_certainties: hidden_certainties.clone(),
                only_source: only_source.cloned(),
            };
            self.visible = Some((key, set));
        }
        if self
            .marked
            .as_ref()
            .is_none_or(|(k, _)| k.as_ref() != marked_source)
        {
            self.sets_built += 1;
            let set = marked_source
                .map(|s| source_events(a, s))
                .unwrap_or_default();
            self.marked = Some((marked_source.cloned(), set));
        }
        let marked = &self.marked.get_or_insert_default().1;
        let visible = self.visible.as_ref().and_then(|(_, set)| set.as_ref());
        (visible, marked)
    }

    /// The problems as one line in `lang` (the label, then each problem in that language,
    /// its ids isolated); `None` when there are none. Written once a language.
    pub fn problems_line(&mut self, lang: Lang) -> Option<&str> {
        if self.problems.is_empty() {
            return None;
        }
        if self.problems_line.as_ref().is_none_or(|(l, _)| *l != lang) {
            let list: Vec<String> = self
                .problems
                .iter()
                .map(|p| i18n::problem_text(p, lang))
                .collect();
            let line = format!("{}: {}", lang.strings().problems, list.join(" · "));
            self.problems_line = Some((lang, line));
        }
        self.problems_line.as_ref().map(|(_, line)| line.as_str())
    }
}

/// The indices of the events source `s`'s claims support.
fn source_events(a: &Article, s: &SourceId) -> EventSet {
    let ids: HashSet<&str> = a
        .claims_of_source(s.as_str())
        .flat_map(|c| c.events.iter().map(String::as_str))
        .collect();
    EventSet::from_indices(
        a.events.len(),
        a.events
            .iter()
            .enumerate()
            .filter(|(_, e)| ids.contains(e.id.as_str()))
            .map(|(i, _)| i),
    )
}

impl Document {
    pub fn new(article: Article, path: Option<PathBuf>) -> Self {
        let index = DocIndex::new(&article);
        Self {
            article,
            path,
            dirty: false,
            edits: History::default(),
            index,
        }
    }

    /// Whether the article has changes not saved to its file.
    pub fn is_dirty(&self) -> bool {
        self.dirty || self.edits.is_dirty()
    }

    /// After a change to the article outside the edit history: marks it unsaved and
    /// rebuilds its index (and so drops the sets cached for the old article).
    pub fn edited(&mut self) {
        self.dirty = true;
        self.index = DocIndex::new(&self.article);
    }
}
