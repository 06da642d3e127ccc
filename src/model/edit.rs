//! The reader's edits as data. Every change the reader makes to an article is an [`Edit`];
//! applying one to an [`Article`] returns its inverse, so undo and redo are two stacks of
//! edits ([`History`]) and nothing else records state. An edit that cannot apply (an
//! unknown id, an anchor not in the text) leaves the article as it was and says why.
//!
//! ```
//! use gahnegar::model::edit::{Edit, History, Item};
//! let mut article = gahnegar::store::builtin();
//! let before = article.clone();
//! let id = article.events[0].id.clone();
//! let mut history = History::default();
//! history
//!     .apply(&mut article, Edit::SetNote { item: Item::Event(id), note: "یادداشت".into() })
//!     .unwrap();
//! assert!(history.is_dirty());
//! history.undo(&mut article).unwrap();
//! assert_eq!(article, before);
//! ```

use super::{
    Anchor, Article, Category, Certainty, Claim, Event, FuzzyDate, Highlight, Rgb, Source,
};

/// An item that carries a note (and, for events and claims, a certainty), by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Event(String),
    Source(String),
    Claim(String),
    Highlight(String),
}

/// An edit's name in both languages, as the Edit menu shows it («Undo: …»).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    pub fa: &'static str,
    pub en: &'static str,
}

impl Name {
    /// The name in Persian (`fa`) or English.
    pub fn get(self, fa: bool) -> &'static str {
        if fa { self.fa } else { self.en }
    }
}

/// One change the reader makes to an article.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// An event's timeline title (trimmed; not empty).
    SetTitle { event: String, title: String },
    /// An event's date (a well-formed interval).
    SetDate { event: String, date: FuzzyDate },
    /// The category (lane) an event is drawn in; the category must exist.
    SetCategory { event: String, category: String },
    /// The certainty of an event or a claim.
    SetCertainty { item: Item, certainty: Certainty },
    /// The note of an event, source, claim or highlight (empty removes it).
    SetNote { item: Item, note: String },
    /// Inserts `event` at index `at` (clamped to the end) and names it in the claims given
    /// as (claim id, index in the claim's event list).
    AddEvent {
        event: Event,
        at: usize,
        claims: Vec<(String, usize)>,
    },
    /// Removes an event and every claim's reference to it.
    DeleteEvent { event: String },
    /// Folds `absorb` into `keep`: `keep`'s date widens to cover both, the notes join,
    /// the claims of `absorb` support `keep`, and `absorb` goes.
    MergeEvents { keep: String, absorb: String },
    /// Splits off a copy of `event` with id `new`, its own `date` and `title`, right after
    /// it, supported by the same claims; the copy is the reader's ([`super::Origin::Manual`]).
    SplitEvent {
        event: String,
        new: String,
        date: FuzzyDate,
        title: String,
    },
    /// Inserts a source at index `at` (clamped).
    AddSource { source: Source, at: usize },
    /// Removes a source no claim cites.
    DeleteSource { source: String },
    /// Inserts a claim at index `at` (clamped); its source and events must exist.
    AddClaim { claim: Claim, at: usize },
    /// Removes a claim.
    DeleteClaim { claim: String },
    /// Which events a claim supports ("add as claim of …").
    SetClaimEvents { claim: String, events: Vec<String> },
    /// Inserts a highlight at index `at` (clamped).
    AddHighlight { highlight: Highlight, at: usize },
    /// Removes a highlight.
    DeleteHighlight { highlight: String },
    /// Inserts a category (lane) at index `at` (clamped).
    AddCategory { category: Category, at: usize },
    /// A category's Persian and English names (the Persian one not empty).
    RenameCategory {
        category: String,
        fa: String,
        en: String,
    },
    /// A category's colours for light and dark backgrounds.
    RecolourCategory {
        category: String,
        color: Rgb,
        dark: Option<Rgb>,
    },
    /// Moves a category to index `to` (clamped) of the lane order.
    MoveCategory { category: String, to: usize },
    /// Deletes a category; its events move to `move_to`.
    DeleteCategory { category: String, move_to: String },
    /// Several edits applied in order as one (what merging, splitting and deleting a
    /// category undo as).
    Batch(Vec<Edit>),
    /// The whole article in place of the current one: a re-import of its text with the
    /// reader's work carried over ([`super::reimport`]); its inverse is the old article.
    Replace(Box<Article>),
}

/// Why an edit could not apply. The article is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {what} «{id}»")]
    Unknown { what: &'static str, id: String },
    #[error("the id «{0}» is already taken")]
    DuplicateId(String),
    #[error("«{exact}» is not in block «{block}»")]
    BrokenAnchor { block: String, exact: String },
    #[error("the {0} cannot be empty")]
    Empty(&'static str),
    #[error("a {0} has no certainty")]
    NoCertainty(&'static str),
    #[error("an event cannot be merged with itself")]
    SelfMerge,
    #[error("events of a deleted category must move to another one")]
    MoveToItself,
    #[error("source «{0}» still has claims")]
    SourceInUse(String),
    #[error("the date ends before it starts")]
    IllFormedDate,
}

fn unknown(what: &'static str, id: &str) -> EditError {
    EditError::Unknown {
        what,
        id: id.to_owned(),
    }
}

fn index_of<T>(
    items: &[T],
    id: &str,
    get: impl Fn(&T) -> &str,
    what: &'static str,
) -> Result<usize, EditError> {
    items
        .iter()
        .position(|x| get(x) == id)
        .ok_or_else(|| unknown(what, id))
}

fn event_index(a: &Article, id: &str) -> Result<usize, EditError> {
    index_of(&a.events, id, |e| &e.id, "event")
}

fn claim_index(a: &Article, id: &str) -> Result<usize, EditError> {
    index_of(&a.claims, id, |c| &c.id, "claim")
}

fn source_index(a: &Article, id: &str) -> Result<usize, EditError> {
    index_of(&a.sources, id, |s| &s.id, "source")
}

fn highlight_index(a: &Article, id: &str) -> Result<usize, EditError> {
    index_of(&a.highlights, id, |h| &h.id, "highlight")
}

fn category_index(a: &Article, id: &str) -> Result<usize, EditError> {
    index_of(&a.categories, id, |c| &c.id, "category")
}

/// Refuses an id any block, event, source, claim or highlight already has.
fn check_fresh(a: &Article, id: &str) -> Result<(), EditError> {
    if id.is_empty() {
        return Err(EditError::Empty("id"));
    }
    if a.has_id(id) {
        return Err(EditError::DuplicateId(id.to_owned()));
    }
    Ok(())
}

fn check_anchor(a: &Article, anchor: &Anchor) -> Result<(), EditError> {
    // An orphan (see `Anchor::orphaned`) is kept as it is, not checked.
    if anchor.orphaned {
        return Ok(());
    }
    match a.resolve(anchor) {
        Some(_) => Ok(()),
        None => Err(EditError::BrokenAnchor {
            block: anchor.block.clone(),
            exact: anchor.exact.clone(),
        }),
    }
}

fn check_date(date: &FuzzyDate) -> Result<(), EditError> {
    if date.is_well_formed() {
        Ok(())
    } else {
        Err(EditError::IllFormedDate)
    }
}

/// A field's new value in place of its old one; returns the old.
fn swap<T>(slot: &mut T, value: T) -> T {
    std::mem::replace(slot, value)
}

impl Edit {
    /// The edit's name in both languages.
    pub fn name(&self) -> Name {
        let (fa, en) = match self {
            Self::SetTitle { .. } => ("تغییر عنوان رویداد", "Edit event title"),
            Self::SetDate { .. } => ("تغییر تاریخ رویداد", "Edit event date"),
            Self::SetCategory { .. } => ("تغییر دسته رویداد", "Change event category"),
            Self::SetCertainty { .. } => ("تغییر قطعیت", "Change certainty"),
            Self::SetNote { .. } => ("ویرایش یادداشت", "Edit note"),
            Self::AddEvent { .. } => ("افزودن رویداد", "Add event"),
            Self::DeleteEvent { .. } => ("حذف رویداد", "Delete event"),
            Self::MergeEvents { .. } => ("ادغام رویدادها", "Merge events"),
            Self::SplitEvent { .. } => ("تقسیم رویداد", "Split event"),
            Self::AddSource { .. } => ("افزودن منبع", "Add source"),
            Self::DeleteSource { .. } => ("حذف منبع", "Delete source"),
            Self::AddClaim { .. } => ("افزودن ادعا", "Add claim"),
            Self::DeleteClaim { .. } => ("حذف ادعا", "Delete claim"),
            Self::SetClaimEvents { .. } => ("پیوند ادعا به رویدادها", "Link claim to events"),
            Self::AddHighlight { .. } => ("برجسته‌سازی", "Highlight"),
            Self::DeleteHighlight { .. } => ("حذف برجسته‌سازی", "Delete highlight"),
            Self::AddCategory { .. } => ("افزودن دسته", "Add category"),
            Self::RenameCategory { .. } => ("تغییر نام دسته", "Rename category"),
            Self::RecolourCategory { .. } => ("تغییر رنگ دسته", "Recolour category"),
            Self::MoveCategory { .. } => ("جابه‌جایی دسته", "Reorder categories"),
            Self::DeleteCategory { .. } => ("حذف دسته", "Delete category"),
            Self::Batch(_) => ("چند ویرایش", "Several edits"),
            Self::Replace(_) => ("درون‌ریزی دوبارهٔ متن", "Re-import text"),
        };
        Name { fa, en }
    }

    /// Applies the edit to `article` and returns its inverse: applying that undoes this
    /// one exactly. On error the article is unchanged.
    pub fn apply(self, article: &mut Article) -> Result<Edit, EditError> {
        let a = article;
        Ok(match self {
            Self::SetTitle { event, title } => {
                let title = title.trim().to_owned();
                if title.is_empty() {
                    return Err(EditError::Empty("title"));
                }
                let i = event_index(a, &event)?;
                let old = swap(&mut a.events[i].label, title);
                Self::SetTitle { event, title: old }
            }
            Self::SetDate { event, date } => {
                check_date(&date)?;
                let i = event_index(a, &event)?;
                let old = swap(&mut a.events[i].date, date);
                Self::SetDate { event, date: old }
            }
            Self::SetCategory { event, category } => {
                category_index(a, &category)?;
                let i = event_index(a, &event)?;
                let old = swap(&mut a.events[i].category, category);
                Self::SetCategory {
                    event,
                    category: old,
                }
            }
            Self::SetCertainty { item, certainty } => {
                let slot = match &item {
                    Item::Event(id) => {
                        let i = event_index(a, id)?;
                        &mut a.events[i].certainty
                    }
                    Item::Claim(id) => {
                        let i = claim_index(a, id)?;
                        &mut a.claims[i].certainty
                    }
                    Item::Source(_) => return Err(EditError::NoCertainty("source")),
                    Item::Highlight(_) => return Err(EditError::NoCertainty("highlight")),
                };
                let old = swap(slot, certainty);
                Self::SetCertainty {
                    item,
                    certainty: old,
                }
            }
            Self::SetNote { item, note } => {
                let slot = match &item {
                    Item::Event(id) => {
                        let i = event_index(a, id)?;
                        &mut a.events[i].note
                    }
                    Item::Source(id) => {
                        let i = source_index(a, id)?;
                        &mut a.sources[i].note
                    }
                    Item::Claim(id) => {
                        let i = claim_index(a, id)?;
                        &mut a.claims[i].note
                    }
                    Item::Highlight(id) => {
                        let i = highlight_index(a, id)?;
                        &mut a.highlights[i].note
                    }
                };
                let old = swap(slot, note);
                Self::SetNote { item, note: old }
            }
            Self::AddEvent { event, at, claims } => {
                check_fresh(a, &event.id)?;
                check_date(&event.date)?;
                category_index(a, &event.category)?;
                check_anchor(a, &event.anchor)?;
                let refs = claims
                    .iter()
                    .map(|(c, pos)| claim_index(a, c).map(|i| (i, *pos)))
                    .collect::<Result<Vec<_>, _>>()?;
                for (i, pos) in refs {
                    let list = &mut a.claims[i].events;
                    list.insert(pos.min(list.len()), event.id.clone());
                }
                let id = event.id.clone();
                a.events.insert(at.min(a.events.len()), event);
                Self::DeleteEvent { event: id }
            }
            Self::DeleteEvent { event } => {
                let i = event_index(a, &event)?;
                let mut claims = Vec::new();
                for c in &mut a.claims {
                    if let Some(pos) = c.events.iter().position(|e| *e == event) {
                        c.events.remove(pos);
                        claims.push((c.id.clone(), pos));
                    }
                }
                let removed = a.events.remove(i);
                Self::AddEvent {
                    event: removed,
                    at: i,
                    claims,
                }
            }
            Self::MergeEvents { keep, absorb } => {
                if keep == absorb {
                    return Err(EditError::SelfMerge);
                }
                let k = &a.events[event_index(a, &keep)?];
                let b = &a.events[event_index(a, &absorb)?];
                let mut steps = Vec::new();
                if (k.date.start, k.date.end) != (b.date.start, b.date.end) {
                    let mut date = FuzzyDate::new(
                        k.date.start.min(b.date.start),
                        k.date.end.max(b.date.end),
                        super::Precision::Range,
                        k.date.wording.clone(),
                    )
                    .approximate(k.date.approximate || b.date.approximate);
                    date.note.clone_from(&k.date.note);
                    steps.push(Self::SetDate {
                        event: keep.clone(),
                        date,
                    });
                }
                if !b.note.is_empty() {
                    let note = if k.note.is_empty() {
                        b.note.clone()
                    } else {
                        format!("{}\n{}", k.note, b.note)
                    };
                    steps.push(Self::SetNote {
                        item: Item::Event(keep.clone()),
                        note,
                    });
                }
                for c in &a.claims {
                    if c.events.contains(&absorb) {
                        let mut events: Vec<String> = Vec::with_capacity(c.events.len());
                        for e in &c.events {
                            let e = if *e == absorb { &keep } else { e };
                            if !events.contains(e) {
                                events.push(e.clone());
                            }
                        }
                        steps.push(Self::SetClaimEvents {
                            claim: c.id.clone(),
                            events,
                        });
                    }
                }
                steps.push(Self::DeleteEvent { event: absorb });
                Self::Batch(steps).apply(a)?
            }
            Self::SplitEvent {
                event,
                new,
                date,
                title,
            } => {
                let i = event_index(a, &event)?;
                let title = title.trim().to_owned();
                if title.is_empty() {
                    return Err(EditError::Empty("title"));
                }
                let mut copy = a.events[i].clone();
                copy.id = new;
                copy.date = date;
                copy.label = title;
                copy.origin = super::Origin::Manual;
                let claims = a
                    .claims
                    .iter()
                    .filter_map(|c| {
                        let pos = c.events.iter().position(|e| *e == event)?;
                        Some((c.id.clone(), pos + 1))
                    })
                    .collect();
                Self::AddEvent {
                    event: copy,
                    at: i + 1,
                    claims,
                }
                .apply(a)?
            }
            Self::AddSource { source, at } => {
                check_fresh(a, &source.id)?;
                if source.name.trim().is_empty() {
                    return Err(EditError::Empty("source name"));
                }
                for m in &source.mentions {
                    check_anchor(a, m)?;
                }
                let id = source.id.clone();
                a.sources.insert(at.min(a.sources.len()), source);
                Self::DeleteSource { source: id }
            }
            Self::DeleteSource { source } => {
                let i = source_index(a, &source)?;
                if a.claims.iter().any(|c| c.source == source) {
                    return Err(EditError::SourceInUse(source));
                }
                Self::AddSource {
                    source: a.sources.remove(i),
                    at: i,
                }
            }
            Self::AddClaim { claim, at } => {
                check_fresh(a, &claim.id)?;
                source_index(a, &claim.source)?;
                for e in &claim.events {
                    event_index(a, e)?;
                }
                check_anchor(a, &claim.anchor)?;
                let id = claim.id.clone();
                a.claims.insert(at.min(a.claims.len()), claim);
                Self::DeleteClaim { claim: id }
            }
            Self::DeleteClaim { claim } => {
                let i = claim_index(a, &claim)?;
                Self::AddClaim {
                    claim: a.claims.remove(i),
                    at: i,
                }
            }
            Self::SetClaimEvents { claim, events } => {
                let i = claim_index(a, &claim)?;
                for e in &events {
                    event_index(a, e)?;
                }
                let old = swap(&mut a.claims[i].events, events);
                Self::SetClaimEvents { claim, events: old }
            }
            Self::AddHighlight { highlight, at } => {
                check_fresh(a, &highlight.id)?;
                check_anchor(a, &highlight.anchor)?;
                let id = highlight.id.clone();
                a.highlights.insert(at.min(a.highlights.len()), highlight);
                Self::DeleteHighlight { highlight: id }
            }
            Self::DeleteHighlight { highlight } => {
                let i = highlight_index(a, &highlight)?;
                Self::AddHighlight {
                    highlight: a.highlights.remove(i),
                    at: i,
                }
            }
            Self::AddCategory { category, at } => {
                if category.id.is_empty() {
                    return Err(EditError::Empty("category id"));
                }
                if category.fa.trim().is_empty() {
                    return Err(EditError::Empty("category name"));
                }
                if a.category_index(&category.id).is_some() {
                    return Err(EditError::DuplicateId(category.id));
                }
                let id = category.id.clone();
                let at = at.min(a.categories.len());
                a.categories.insert(at, category);
                // Undone by a delete that has no events to move.
                Self::DeleteCategory {
                    category: id.clone(),
                    move_to: id,
                }
            }
            Self::RenameCategory { category, fa, en } => {
                let fa = fa.trim().to_owned();
                if fa.is_empty() {
                    return Err(EditError::Empty("category name"));
                }
                let i = category_index(a, &category)?;
                let c = &mut a.categories[i];
                let old_fa = swap(&mut c.fa, fa);
                let old_en = swap(&mut c.en, en.trim().to_owned());
                Self::RenameCategory {
                    category,
                    fa: old_fa,
                    en: old_en,
                }
            }
            Self::RecolourCategory {
                category,
                color,
                dark,
            } => {
                let i = category_index(a, &category)?;
                let c = &mut a.categories[i];
                let old = swap(&mut c.color, color);
                let old_dark = swap(&mut c.dark, dark);
                Self::RecolourCategory {
                    category,
                    color: old,
                    dark: old_dark,
                }
            }
            Self::MoveCategory { category, to } => {
                let i = category_index(a, &category)?;
                let c = a.categories.remove(i);
                a.categories.insert(to.min(a.categories.len()), c);
                Self::MoveCategory { category, to: i }
            }
            Self::DeleteCategory { category, move_to } => {
                let i = category_index(a, &category)?;
                let moving: Vec<String> = a
                    .events
                    .iter()
                    .filter(|e| e.category == category)
                    .map(|e| e.id.clone())
                    .collect();
                if !moving.is_empty() {
                    if move_to == category {
                        return Err(EditError::MoveToItself);
                    }
                    category_index(a, &move_to)?;
                }
                for e in &mut a.events {
                    if e.category == category {
                        e.category.clone_from(&move_to);
                    }
                }
                let removed = a.categories.remove(i);
                let mut undo = vec![Self::AddCategory {
                    category: removed,
                    at: i,
                }];
                undo.extend(moving.into_iter().map(|event| Self::SetCategory {
                    event,
                    category: category.clone(),
                }));
                Self::Batch(undo)
            }
            Self::Batch(edits) => {
                let mut undo: Vec<Edit> = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply(a) {
                        Ok(inverse) => undo.push(inverse),
                        Err(err) => {
                            // All or nothing: take back what was applied.
                            for inverse in undo.into_iter().rev() {
                                let _ = inverse.apply(a);
                            }
                            return Err(err);
                        }
                    }
                }
                undo.reverse();
                Self::Batch(undo)
            }
            Self::Replace(article) => Self::Replace(Box::new(std::mem::replace(a, *article))),
        })
    }
}

/// One step of the history: what to apply to move, and the name of the edit it belongs to.
#[derive(Clone, Debug)]
struct Step {
    name: Name,
    edit: Edit,
}

/// Undo and redo: the inverses of applied edits, and the edits undone. A new history
/// counts the article as saved (as opened).
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Depth of the undo stack when the article was last saved (or opened); `None` when
    /// that state can no longer be reached.
    saved: Option<usize>,
}

impl Default for History {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            saved: Some(0),
        }
    }
}

/// Most undo steps kept; the oldest go first.
pub const MAX_UNDO: usize = 1000;

impl History {
    /// Applies `edit` to `article` and records it. On error nothing changes.
    pub fn apply(&mut self, article: &mut Article, edit: Edit) -> Result<(), EditError> {
        let name = edit.name();
        let inverse = edit.apply(article)?;
        if self.saved.is_some_and(|s| s > self.undo.len()) {
            self.saved = None;
        }
        self.redo.clear();
        self.undo.push(Step {
            name,
            edit: inverse,
        });
        if self.undo.len() > MAX_UNDO {
            self.undo.remove(0);
            // The saved state may fall off the stack with the oldest step.
            self.saved = self.saved.and_then(|s| s.checked_sub(1));
        }
        Ok(())
    }

    /// Undoes the last edit; returns its name, or `None` when there is nothing to undo.
    pub fn undo(&mut self, article: &mut Article) -> Result<Option<Name>, EditError> {
        Self::step(&mut self.undo, &mut self.redo, article)
    }

    /// Redoes the last undone edit; returns its name, or `None` when there is none.
    pub fn redo(&mut self, article: &mut Article) -> Result<Option<Name>, EditError> {
        Self::step(&mut self.redo, &mut self.undo, article)
    }

    fn step(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        article: &mut Article,
    ) -> Result<Option<Name>, EditError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        match step.edit.clone().apply(article) {
            Ok(back) => {
                to.push(Step {
                    name: step.name,
                    edit: back,
                });
                Ok(Some(step.name))
            }
            Err(e) => {
                from.push(step);
                Err(e)
            }
        }
    }

    /// Name of the edit [`History::undo`] would undo.
    pub fn undo_name(&self) -> Option<Name> {
        self.undo.last().map(|s| s.name)
    }

    /// Name of the edit [`History::redo`] would redo.
    pub fn redo_name(&self) -> Option<Name> {
        self.redo.last().map(|s| s.name)
    }

    /// Records the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.undo.len());
    }

    /// Whether the article differs from its last saved (or opened) state.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.undo.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, ClaimKind, Day, Origin, Precision, SourceKind};
    use crate::store;

    fn article() -> Article {
        store::builtin()
    }

    fn day(s: &str) -> Day {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    /// An event with a claim that supports it and one that does not.
    fn claimed_event(a: &Article) -> (String, String) {
        let c = a
            .claims
            .iter()
            .find(|c| !c.events.is_empty())
            .unwrap_or_else(|| panic!("the built-in article has a claim with events"));
        (c.events[0].clone(), c.id.clone())
    }

    /// A passage of the article's first paragraph, as an anchor.
    fn passage(a: &Article) -> Anchor {
        let b = a
            .blocks
            .iter()
            .find(|b| b.text.chars().count() > 20)
            .unwrap_or_else(|| panic!("a paragraph"));
        let exact: String = b.text.chars().skip(3).take(12).collect();
        Anchor::new(b.id.clone(), exact)
    }

    /// A check that an edit did what it says.
    type Effect = Box<dyn Fn(&Article) -> bool>;

    /// Every kind of edit, each applicable to the built-in article, with a check of its
    /// effect.
    fn edits(a: &Article) -> Vec<(Edit, Effect)> {
        let (ev, claim) = claimed_event(a);
        let other = a
            .events
            .iter()
            .find(|e| e.id != ev)
            .map(|e| e.id.clone())
            .unwrap_or_default();
        let src = a
            .claims
            .iter()
            .find(|c| c.id == claim)
            .map(|c| c.source.clone())
            .unwrap_or_default();
        let cat = a.categories[0].id.clone();
        let cat2 = a.categories[1].id.clone();
        let date = FuzzyDate::new(
            day("1987-03-21"),
            day("1989-03-20"),
            Precision::Range,
            "اواخر دهه ۱۳۶۰",
        );
        let mut manual = a.events[0].clone();
        manual.id = a.fresh_id("e");
        manual.label = "رویداد تازه".into();
        manual.anchor = passage(a);
        manual.origin = Origin::Manual;
        let new_id = manual.id.clone();
        let hl = Highlight {
            id: a.fresh_id("h"),
            anchor: passage(a),
            note: "خط اول\nخط دوم".into(),
        };
        let hl_id = hl.id.clone();
        let source = Source {
            id: a.fresh_id("s"),
            name: "منبع تازه".into(),
            name_en: "New source".into(),
            kind: SourceKind::Outlet,
            role: String::new(),
            link: None,
            aliases: Vec::new(),
            mentions: vec![passage(a)],
            note: String::new(),
        };
        let source_id = source.id.clone();
        let new_claim = Claim {
            id: a.fresh_id("c"),
            source: src.clone(),
            kind: ClaimKind::Report,
            anchor: passage(a),
            events: vec![ev.clone()],
            certainty: Certainty::Disputed,
            note: String::new(),
        };
        let new_claim_id = new_claim.id.clone();
        let n_events = a.events.len();
        let n_cats = a.categories.len();
        let ev2 = ev.clone();
        let ev3 = ev.clone();
        let ev4 = ev.clone();
        let ev5 = ev.clone();
        let ev6 = ev.clone();
        let other2 = other.clone();
        let cat_a = cat.clone();
        let cat_b = cat.clone();
        let cat_c = cat.clone();
        let claim2 = claim.clone();
        vec![
            (
                Edit::SetTitle {
                    event: ev.clone(),
                    title: "  عنوان نو ".into(),
                },
                Box::new(move |a: &Article| a.event(&ev2).is_some_and(|e| e.label == "عنوان نو")),
            ),
            (
                Edit::SetDate {
                    event: ev.clone(),
                    date: date.clone(),
                },
                Box::new(move |a: &Article| {
                    a.event(&ev3)
                        .is_some_and(|e| e.date.wording == "اواخر دهه ۱۳۶۰")
                }),
            ),
            (
                Edit::SetCategory {
                    event: ev.clone(),
                    category: cat2.clone(),
                },
                Box::new(move |a: &Article| a.event(&ev4).is_some_and(|e| e.category == cat2)),
            ),
            (
                Edit::SetCertainty {
                    item: Item::Event(ev.clone()),
                    certainty: Certainty::Disputed,
                },
                Box::new(move |a: &Article| {
                    a.event(&ev5)
                        .is_some_and(|e| e.certainty == Certainty::Disputed)
                }),
            ),
            (
                Edit::SetCertainty {
                    item: Item::Claim(claim.clone()),
                    certainty: Certainty::Confirmed,
                },
                Box::new(move |a: &Article| {
                    a.claims
                        .iter()
                        .any(|c| c.id == claim2 && c.certainty == Certainty::Confirmed)
                }),
            ),
            (
                Edit::SetNote {
                    item: Item::Event(ev.clone()),
                    note: "یادداشت\nدو خط".into(),
                },
                Box::new(move |a: &Article| {
                    a.event(&ev6).is_some_and(|e| e.note == "یادداشت\nدو خط")
                }),
            ),
            (
                Edit::SetNote {
                    item: Item::Source(src.clone()),
                    note: "منبع معتبر".into(),
                },
                Box::new(move |a: &Article| a.sources.iter().any(|s| s.note == "منبع معتبر")),
            ),
            (
                Edit::SetNote {
                    item: Item::Claim(claim.clone()),
                    note: "ادعا".into(),
                },
                Box::new(move |a: &Article| a.claims.iter().any(|c| c.note == "ادعا")),
            ),
            (
                Edit::AddEvent {
                    event: manual,
                    at: 3,
                    claims: vec![(claim.clone(), 0)],
                },
                Box::new(move |a: &Article| {
                    a.events.len() == n_events + 1
                        && a.events[3].id == new_id
                        && a.claims.iter().any(|c| c.events.first() == Some(&new_id))
                }),
            ),
            (Edit::DeleteEvent { event: ev.clone() }, {
                let ev = ev.clone();
                Box::new(move |a: &Article| {
                    a.event(&ev).is_none() && a.claims.iter().all(|c| !c.events.contains(&ev))
                })
            }),
            (
                Edit::MergeEvents {
                    keep: other.clone(),
                    absorb: ev.clone(),
                },
                {
                    let ev = ev.clone();
                    Box::new(move |a: &Article| {
                        a.event(&ev).is_none()
                            && a.claims.iter().any(|c| c.events.contains(&other2))
                            && a.problems().is_empty()
                    })
                },
            ),
            (
                Edit::SplitEvent {
                    event: ev.clone(),
                    new: "e-split".into(),
                    date: date.clone(),
                    title: "نیمه دوم".into(),
                },
                Box::new(move |a: &Article| {
                    a.event("e-split")
                        .is_some_and(|e| e.origin == Origin::Manual && e.label == "نیمه دوم")
                        && a.claims
                            .iter()
                            .any(|c| c.events.iter().any(|e| e == "e-split"))
                }),
            ),
            (
                Edit::AddSource { source, at: 0 },
                Box::new(move |a: &Article| a.sources[0].id == source_id),
            ),
            (
                Edit::AddClaim {
                    claim: new_claim,
                    at: 1,
                },
                Box::new(move |a: &Article| a.claims[1].id == new_claim_id),
            ),
            (
                Edit::SetClaimEvents {
                    claim: claim.clone(),
                    events: vec![other.clone(), ev.clone()],
                },
                {
                    let claim = claim.clone();
                    let other = other.clone();
                    Box::new(move |a: &Article| {
                        a.claims
                            .iter()
                            .any(|c| c.id == claim && c.events[0] == other)
                    })
                },
            ),
            (
                Edit::DeleteClaim {
                    claim: claim.clone(),
                },
                Box::new(move |a: &Article| a.claims.iter().all(|c| c.id != claim)),
            ),
            (
                Edit::AddHighlight {
                    highlight: hl,
                    at: 0,
                },
                Box::new(move |a: &Article| a.highlights.len() == 1 && a.highlights[0].id == hl_id),
            ),
            (
                Edit::AddCategory {
                    category: Category::new("mine", "دسته من", "Mine", Rgb([1, 2, 3])),
                    at: 1,
                },
                Box::new(move |a: &Article| {
                    a.categories.len() == n_cats + 1 && a.categories[1].id == "mine"
                }),
            ),
            (
                Edit::RenameCategory {
                    category: cat.clone(),
                    fa: "نام نو".into(),
                    en: "New name".into(),
                },
                Box::new(move |a: &Article| {
                    a.categories
                        .iter()
                        .any(|c| c.id == cat_a && c.fa == "نام نو" && c.en == "New name")
                }),
            ),
            (
                Edit::RecolourCategory {
                    category: cat.clone(),
                    color: Rgb([9, 9, 9]),
                    dark: Some(Rgb([200, 200, 200])),
                },
                Box::new(move |a: &Article| {
                    a.categories
                        .iter()
                        .any(|c| c.id == cat_b && c.color == Rgb([9, 9, 9]))
                }),
            ),
            (
                Edit::MoveCategory {
                    category: cat.clone(),
                    to: 2,
                },
                Box::new(move |a: &Article| a.categories[2].id == cat_c),
            ),
            (
                Edit::DeleteCategory {
                    category: cat.clone(),
                    move_to: a.categories[2].id.clone(),
                },
                {
                    let cat = cat.clone();
                    Box::new(move |a: &Article| {
                        a.category_index(&cat).is_none()
                            && a.events.iter().all(|e| e.category != cat)
                            && a.problems().is_empty()
                    })
                },
            ),
        ]
    }

    #[test]
    fn every_edit_and_its_inverse_restore_the_article_exactly() {
        let original = article();
        let original_ron = store::to_string(&original).unwrap_or_else(|e| panic!("{e}"));
        for (edit, effect) in edits(&original) {
            let what = format!("{edit:?}");
            let mut a = original.clone();
            let inverse = edit
                .clone()
                .apply(&mut a)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(effect(&a), "{what}: no effect");
            assert_ne!(a, original, "{what}: nothing changed");
            assert!(a.problems().is_empty(), "{what}: {:?}", a.problems());
            // The edited article survives a save and a load.
            let edited_ron = store::to_string(&a).unwrap_or_else(|e| panic!("{e}"));
            let reloaded =
                store::from_str(&edited_ron, "edited").unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(reloaded, a, "{what}: RON round trip");
            let after = a.clone();
            let redo = inverse
                .apply(&mut a)
                .unwrap_or_else(|e| panic!("{what}: undo: {e}"));
            assert_eq!(a, original, "{what}: undo");
            assert_eq!(
                store::to_string(&a).ok().as_ref(),
                Some(&original_ron),
                "{what}: undo, as RON"
            );
            redo.apply(&mut a)
                .unwrap_or_else(|e| panic!("{what}: redo: {e}"));
            assert_eq!(a, after, "{what}: redo");
        }
    }

    #[test]
    fn a_new_field_left_default_saves_as_before() {
        // Files written before notes, certainty and highlights existed load, and save
        // byte for byte as they were.
        let ron = store::to_string(&article()).unwrap_or_else(|e| panic!("{e}"));
        for word in ["certainty", "origin", "note:", "highlights"] {
            assert!(!ron.contains(word), "{word} written for a default");
        }
        let mut a = article();
        a.events[0].certainty = Certainty::Confirmed;
        a.events[0].origin = Origin::Manual;
        a.events[0].note = "یک\nدو".into();
        let ron = store::to_string(&a).unwrap_or_else(|e| panic!("{e}"));
        for word in [
            "certainty: Confirmed",
            "origin: Manual",
            "note: \"یک\\nدو\"",
        ] {
            assert!(ron.contains(word), "{word} missing");
        }
        assert_eq!(store::from_str(&ron, "t").ok(), Some(a));
    }

    #[test]
    fn bad_edits_change_nothing_and_say_why() {
        let original = article();
        let (ev, _) = claimed_event(&original);
        let first_block = original.blocks[0].id.clone();
        let bad = [
            (
                Edit::SetTitle {
                    event: "nope".into(),
                    title: "x".into(),
                },
                "no event «nope»",
            ),
            (
                Edit::SetTitle {
                    event: ev.clone(),
                    title: "  ".into(),
                },
                "title cannot be empty",
            ),
            (
                Edit::SetCategory {
                    event: ev.clone(),
                    category: "nope".into(),
                },
                "no category «nope»",
            ),
            (
                Edit::SetCertainty {
                    item: Item::Source("s1".into()),
                    certainty: Certainty::Disputed,
                },
                "source has no certainty",
            ),
            (
                Edit::MergeEvents {
                    keep: ev.clone(),
                    absorb: ev.clone(),
                },
                "with itself",
            ),
            (
                Edit::DeleteEvent {
                    event: "nope".into(),
                },
                "no event",
            ),
            (
                Edit::AddHighlight {
                    highlight: Highlight {
                        id: "hx".into(),
                        anchor: Anchor::new(first_block, "متنی که نیست"),
                        note: String::new(),
                    },
                    at: 0,
                },
                "is not in block",
            ),
            (
                Edit::AddHighlight {
                    highlight: Highlight {
                        id: ev.clone(),
                        anchor: passage(&original),
                        note: String::new(),
                    },
                    at: 0,
                },
                "already taken",
            ),
            (
                Edit::DeleteCategory {
                    category: original.events[0].category.clone(),
                    move_to: original.events[0].category.clone(),
                },
                "must move to another",
            ),
            (
                Edit::Batch(vec![
                    Edit::SetNote {
                        item: Item::Event(ev.clone()),
                        note: "applied first".into(),
                    },
                    Edit::DeleteEvent {
                        event: "nope".into(),
                    },
                ]),
                "no event «nope»",
            ),
        ];
        for (edit, want) in bad {
            let what = format!("{edit:?}");
            let mut a = original.clone();
            let err = edit
                .apply(&mut a)
                .err()
                .unwrap_or_else(|| panic!("{what} applied"));
            assert!(err.to_string().contains(want), "{what}: {err}");
            assert_eq!(a, original, "{what} changed the article");
        }
    }

    #[test]
    fn history_undoes_and_redoes_with_names_and_tracks_saving() {
        let original = article();
        let (ev, _) = claimed_event(&original);
        let mut a = original.clone();
        let mut h = History::default();
        assert!(!h.is_dirty());
        assert_eq!(h.undo(&mut a), Ok(None), "nothing to undo");
        h.apply(
            &mut a,
            Edit::SetTitle {
                event: ev.clone(),
                title: "یک".into(),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let one = a.clone();
        h.apply(&mut a, Edit::DeleteEvent { event: ev.clone() })
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(h.is_dirty());
        assert_eq!(h.undo_name().map(|n| n.en), Some("Delete event"));
        assert_eq!(h.undo_name().map(|n| n.fa), Some("حذف رویداد"));
        h.mark_saved();
        assert!(!h.is_dirty());
        assert_eq!(
            h.undo(&mut a).ok().flatten().map(|n| n.en),
            Some("Delete event")
        );
        assert_eq!(a, one);
        assert!(h.is_dirty(), "undone past the save");
        assert_eq!(h.redo_name().map(|n| n.en), Some("Delete event"));
        h.undo(&mut a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a, original);
        h.redo(&mut a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a, one);
        h.redo(&mut a).unwrap_or_else(|e| panic!("{e}"));
        assert!(!h.is_dirty(), "back at the saved state");
        h.undo(&mut a).unwrap_or_else(|e| panic!("{e}"));
        // A new edit drops the redo branch and with it the saved state.
        h.apply(
            &mut a,
            Edit::SetNote {
                item: Item::Event(ev.clone()),
                note: "n".into(),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(h.redo_name(), None);
        h.undo(&mut a).unwrap_or_else(|e| panic!("{e}"));
        assert!(h.is_dirty(), "the saved state is gone for good");
        // A failed edit is not recorded.
        assert!(
            h.apply(
                &mut a,
                Edit::DeleteEvent {
                    event: "nope".into()
                }
            )
            .is_err()
        );
        assert_eq!(h.undo_name().map(|n| n.en), Some("Edit event title"));
    }
}
