//! Re-importing an article the reader has worked on: the new import of its (possibly
//! changed) text, with the reader's work carried over from the old article and each piece
//! re-anchored where its text now stands ([`super::reanchor`]).
//!
//! What is carried:
//! - **highlights** and the reader's own (**manual**) events, always;
//! - the importer's **events** found again at the same place in the new import (their
//!   anchors overlap): the reader's title, date, category, certainty and note win over the
//!   importer's, under the new event's id;
//! - the importer's events the new import has no counterpart for, when the reader
//!   annotated them (a note or a certainty) or their quote is still in the text unchanged;
//! - **claims** the same way (the reader's note, certainty and linked events go to the new
//!   claim of the same source at the same place), and claims of sources the new import
//!   does not have (the reader's own), with those sources;
//! - **sources**' notes, matched by name; **categories** as the reader left them (the new
//!   import's other categories after them).
//!
//! An item of the reader's whose text cannot be found is kept, its anchor marked
//! [`Anchor::orphaned`], and listed in the report. Only the importer's own unannotated
//! events and claims whose passage is gone are left out (also listed).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::reanchor::{Found, How, reanchor};
use super::{Anchor, AnchorOwner, Article, Certainty, Claim, Event, Origin};

/// What a re-import did with the reader's work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReimportReport {
    /// Anchors found again with their quote unchanged.
    pub exact: usize,
    /// Anchors found again between their unchanged context (the quote was edited).
    pub by_context: usize,
    /// Anchors found again at an approximate occurrence of their quote.
    pub fuzzy: usize,
    /// The reader's items kept with an orphaned anchor: their text was not found.
    pub orphaned: Vec<AnchorOwner>,
    /// The importer's unannotated events and claims whose passage is gone, left out.
    pub dropped: Vec<AnchorOwner>,
}

/// Ids taken in the merged article, and fresh ones by prefix.
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    fn new(a: &Article) -> Self {
        let taken = a.ids().cloned().collect();
        Self {
            taken,
            next: HashMap::new(),
        }
    }

    /// `id` itself when no item of the merged article has it, else a fresh id with its
    /// prefix (the part before its digits).
    fn keep(&mut self, id: &str) -> String {
        if self.taken.insert(id.to_owned()) {
            return id.to_owned();
        }
        let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit());
        let n = self.next.entry(prefix.to_owned()).or_insert(1);
        loop {
            let fresh = format!("{prefix}{n}");
            *n += 1;
            if self.taken.insert(fresh.clone()) {
                return fresh;
            }
        }
    }
}

/// Whether two byte ranges share a byte (or are the same empty place).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a == b || (a.start < b.end && b.start < a.end)
}

/// The items of `article` (events or claims) by block index: (range, index). Blocks are
/// found by id through a map: an article of thousands of blocks and anchors stays linear.
fn by_block<T>(
    article: &Article,
    items: &[T],
    anchor: impl Fn(&T) -> &Anchor,
) -> HashMap<usize, Vec<(Range<usize>, usize)>> {
    let blocks: HashMap<&str, usize> = article
        .blocks
        .iter()
        .enumerate()
        .rev()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let mut map: HashMap<usize, Vec<(Range<usize>, usize)>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let a = anchor(item);
        let Some(&b) = blocks.get(a.block.as_str()) else {
            continue;
        };
        if let Some(r) = a.resolve(&article.blocks[b].text) {
            map.entry(b).or_default().push((r, i));
        }
    }
    map
}

/// The first item not yet `taken` at a place overlapping `found` that `fits`.
fn counterpart(
    map: &HashMap<usize, Vec<(Range<usize>, usize)>>,
    found: &Found,
    taken: &[bool],
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    map.get(&found.block)?
        .iter()
        .find(|(r, i)| !taken[*i] && overlaps(r, &found.range) && fits(*i))
        .map(|(_, i)| *i)
}

/// `items` with `slots[0]` before the first, `slots[i + 1]` after the `i`-th.
fn interleave<T>(items: Vec<T>, slots: Vec<Vec<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len() + slots.iter().map(Vec::len).sum::<usize>());
    let mut slots = slots.into_iter();
    out.extend(slots.next().into_iter().flatten());
    for (item, after) in items.into_iter().zip(slots) {
        out.push(item);
        out.extend(after);
    }
    out
}

/// The anchor `found` in `article`'s text, or `old` marked orphaned.
fn placed(article: &Article, old: &Anchor, found: Option<&Found>) -> Anchor {
    match found {
        Some(f) => {
            let b = &article.blocks[f.block];
            Anchor::from_range(b.id.clone(), &b.text, f.range.clone())
        }
        None => Anchor {
            orphaned: true,
            ..old.clone()
        },
    }
}

/// `new`, the import of `old`'s text as it is now, with the reader's work on `old` carried
/// over (see the module docs).
pub fn reimport(old: &Article, mut new: Article) -> (Article, ReimportReport) {
    let mut report = ReimportReport::default();
    // Every anchor of the old article, found in the new text in one go.
    let mut anchors: Vec<&Anchor> = Vec::new();
    anchors.extend(old.events.iter().map(|e| &e.anchor));
    anchors.extend(old.claims.iter().map(|c| &c.anchor));
    anchors.extend(old.highlights.iter().map(|h| &h.anchor));
    let mentions_from = anchors.len();
    anchors.extend(old.sources.iter().flat_map(|s| &s.mentions));
    let found = reanchor(&old.blocks, &new.blocks, &anchors);
    for f in found[..mentions_from].iter().flatten() {
        match f.how {
            How::Exact => report.exact += 1,
            How::Context => report.by_context += 1,
            How::Fuzzy => report.fuzzy += 1,
        }
    }
    let (event_found, rest) = found.split_at(old.events.len());
    let (claim_found, rest) = rest.split_at(old.claims.len());
    let (highlight_found, mention_found) = rest.split_at(old.highlights.len());
    let mut ids = Ids::new(&new);

    // Categories as the reader left them, then the new import's others.
    let mut categories = old.categories.clone();
    for c in &new.categories {
        if !categories.iter().any(|k| k.id == c.id) {
            categories.push(c.clone());
        }
    }
    new.categories = categories;

    // Events.
    let new_events = by_block(&new, &new.events, |e| &e.anchor);
    let mut event_taken = vec![false; new.events.len()];
    let mut event_map: HashMap<&str, String> = HashMap::new();
    // Carried events go after the new event the old one before them became, so the
    // reader's order stays where the text did not change.
    let mut carried_events: Vec<Vec<Event>> = vec![Vec::new(); new.events.len() + 1];
    let mut slot = 0;
    for (e, f) in old.events.iter().zip(event_found) {
        let manual = e.origin == Origin::Manual;
        let annotated = !e.note.is_empty() || e.certainty != Certainty::default();
        if let Some(f) = f.as_ref().filter(|_| !manual)
            && let Some(n) = counterpart(&new_events, f, &event_taken, |_| true)
        {
            event_taken[n] = true;
            let into = &mut new.events[n];
            into.label.clone_from(&e.label);
            into.date = e.date.clone();
            into.category.clone_from(&e.category);
            into.certainty = e.certainty;
            into.note.clone_from(&e.note);
            event_map.insert(&e.id, into.id.clone());
            slot = n + 1;
            continue;
        }
        let exact = f.as_ref().is_some_and(|f| f.how == How::Exact);
        if !(manual || annotated || exact) {
            report.dropped.push(AnchorOwner::Event(e.id.clone()));
            continue;
        }
        let id = ids.keep(&e.id);
        if f.is_none() {
            report.orphaned.push(AnchorOwner::Event(id.clone()));
        }
        let mut kept = e.clone();
        kept.anchor = placed(&new, &e.anchor, f.as_ref());
        kept.id.clone_from(&id);
        event_map.insert(&e.id, id);
        carried_events[slot].push(kept);
    }
    new.events = interleave(std::mem::take(&mut new.events), carried_events);

    // Sources: the same name is the same source.
    let by_name: HashMap<String, usize> = new
        .sources
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.name.clone(), i))
        .collect();
    let mut source_map: HashMap<&str, String> = HashMap::new();
    for s in &old.sources {
        if let Some(&i) = by_name.get(s.name.as_str()) {
            let into = &mut new.sources[i];
            if into.note.is_empty() {
                into.note.clone_from(&s.note);
            }
            source_map.insert(&s.id, into.id.clone());
        }
    }

    // Claims.
    let new_claims = by_block(&new, &new.claims, |c| &c.anchor);
    let mut claim_taken = vec![false; new.claims.len()];
    let mut carried_claims: Vec<Vec<Claim>> = vec![Vec::new(); new.claims.len() + 1];
    let mut slot = 0;
    let mut needed_sources: HashSet<&str> = HashSet::new();
    for (c, f) in old.claims.iter().zip(claim_found) {
        let events: Vec<String> = c
            .events
            .iter()
            .filter_map(|e| event_map.get(e.as_str()).cloned())
            .collect();
        let source = source_map.get(c.source.as_str());
        if let (Some(f), Some(source)) = (f, source)
            && let Some(n) = counterpart(&new_claims, f, &claim_taken, |i| {
                new.claims[i].source == *source
            })
        {
            claim_taken[n] = true;
            slot = n + 1;
            let into = &mut new.claims[n];
            into.certainty = c.certainty;
            if !c.note.is_empty() {
                into.note.clone_from(&c.note);
            }
            for e in events {
                if !into.events.contains(&e) {
                    into.events.push(e);
                }
            }
            continue;
        }
        let annotated = !c.note.is_empty() || c.certainty != Certainty::default();
        let readers_source = source.is_none();
        let exact = f.as_ref().is_some_and(|f| f.how == How::Exact);
        if !(annotated || readers_source || exact) {
            report.dropped.push(AnchorOwner::Claim(c.id.clone()));
            continue;
        }
        let id = ids.keep(&c.id);
        if f.is_none() {
            report.orphaned.push(AnchorOwner::Claim(id.clone()));
        }
        if readers_source {
            needed_sources.insert(&c.source);
        }
        let mut kept = c.clone();
        kept.id = id;
        kept.anchor = placed(&new, &c.anchor, f.as_ref());
        kept.events = events;
        carried_claims[slot].push(kept);
    }

    // The sources those claims cite that the new import does not have, with their
    // mentions re-anchored.
    let mut mention_at = 0;
    for s in &old.sources {
        let found = &mention_found[mention_at..mention_at + s.mentions.len()];
        mention_at += s.mentions.len();
        // Kept: a source the carried claims cite, or one of the reader's (no mentions)
        // or with the reader's note that the new import does not have.
        let readers = s.mentions.is_empty() || !s.note.is_empty();
        if !needed_sources.contains(s.id.as_str())
            && (source_map.contains_key(s.id.as_str()) || !readers)
        {
            continue;
        }
        let id = ids.keep(&s.id);
        let mut kept = s.clone();
        kept.id.clone_from(&id);
        kept.mentions = s
            .mentions
            .iter()
            .zip(found)
            .map(|(m, f)| placed(&new, m, f.as_ref()))
            .collect();
        if kept.mentions.iter().any(|m| m.orphaned) {
            report.orphaned.push(AnchorOwner::Mention(id.clone()));
        }
        source_map.insert(&s.id, id);
        new.sources.push(kept);
    }
    for c in carried_claims.iter_mut().flatten() {
        if let Some(id) = source_map.get(c.source.as_str()) {
            c.source.clone_from(id);
        }
    }
    new.claims = interleave(std::mem::take(&mut new.claims), carried_claims);

    // Highlights, every one.
    for (h, f) in old.highlights.iter().zip(highlight_found) {
        let id = ids.keep(&h.id);
        if f.is_none() {
            report.orphaned.push(AnchorOwner::Highlight(id.clone()));
        }
        let mut kept = h.clone();
        kept.id = id;
        kept.anchor = placed(&new, &h.anchor, f.as_ref());
        new.highlights.push(kept);
    }
    (new, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{Edit, Item};
    use crate::model::{Highlight, Problem};

    const V1: &str = "روابط آذربایجان و اسرائیل

در سال ۱۹۹۲ جمهوری آذربایجان با اسرائیل روابط دیپلماتیک برقرار کرد و سفارت اسرائیل در باکو یک سال بعد گشایش یافت.

به گزارش آسوشیتدپرس، ارزش مبادلات دو کشور در سال ۲۰۱۲ به چهار میلیارد دلار رسید. این رقم در سال ۲۰۱۶ کاهش یافت.

سرگئی لاوروف، وزیر خارجه روسیه، در ۱۲ بهمن ۱۴۰۱ گفت که مسکو این روند را از نزدیک دنبال می‌کند.
";

    fn import(text: &str) -> Article {
        crate::import::import_text(text, "test")
            .unwrap_or_else(|| panic!("no article from {text}"))
            .article
    }

    /// An anchor on `quote` in the article's text (its first occurrence).
    fn anchor(a: &Article, quote: &str) -> Anchor {
        a.blocks
            .iter()
            .find_map(|b| {
                let at = b.text.find(quote)?;
                Some(Anchor::from_range(
                    b.id.clone(),
                    &b.text,
                    at..at + quote.len(),
                ))
            })
            .unwrap_or_else(|| panic!("«{quote}» not in the article"))
    }

    fn event_at<'a>(a: &'a Article, wording: &str) -> &'a Event {
        a.events
            .iter()
            .find(|e| e.anchor.exact == wording)
            .unwrap_or_else(|| panic!("no event at «{wording}»: {:?}", a.events))
    }

    /// The article of `V1` with the reader's work: a note, a title, a certainty, two
    /// highlights, a manual event and a claim's note.
    fn worked() -> Article {
        let mut a = import(V1);
        let e2012 = event_at(&a, "سال ۲۰۱۲").id.clone();
        let claim = a.claims[0].id.clone();
        let manual = Event {
            id: a.fresh_id("e"),
            label: "گشایش سفارت اسرائیل".into(),
            anchor: anchor(&a, "سفارت اسرائیل در باکو"),
            origin: Origin::Manual,
            ..a.events[0].clone()
        };
        let edits = [
            Edit::SetNote {
                item: Item::Event(e2012.clone()),
                note: "رقم را با آمار گمرک مقایسه کن".into(),
            },
            Edit::SetTitle {
                event: e2012.clone(),
                title: "اوج مبادلات".into(),
            },
            Edit::SetCertainty {
                item: Item::Event(e2012),
                certainty: Certainty::Disputed,
            },
            Edit::SetNote {
                item: Item::Claim(claim),
                note: "منبع اصلی پیدا شود".into(),
            },
            Edit::AddHighlight {
                highlight: Highlight {
                    id: "h1".into(),
                    anchor: anchor(&a, "مسکو این روند را از نزدیک دنبال می‌کند"),
                    note: "موضع روسیه".into(),
                },
                at: 0,
            },
            Edit::AddHighlight {
                highlight: Highlight {
                    id: "h2".into(),
                    anchor: anchor(&a, "این رقم در سال ۲۰۱۶ کاهش یافت"),
                    note: String::new(),
                },
                at: 1,
            },
            Edit::AddEvent {
                event: manual,
                at: 0,
                claims: Vec::new(),
            },
        ];
        for e in edits {
            let name = e.name().en;
            e.apply(&mut a)
                .unwrap_or_else(|err| panic!("{name}: {err}"));
        }
        assert!(a.problems().is_empty(), "{:?}", a.problems());
        a
    }

    fn quoted<'a>(a: &'a Article, anchor: &Anchor) -> &'a str {
        let (b, r) = a
            .resolve(anchor)
            .unwrap_or_else(|| panic!("{anchor:?} does not resolve"));
        &a.blocks[b].text[r]
    }

    #[test]
    fn an_unchanged_text_gives_back_the_readers_article() {
        let old = worked();
        let (merged, report) = reimport(&old, import(V1));
        assert!(
            report.orphaned.is_empty() && report.dropped.is_empty(),
            "{report:?}"
        );
        assert_eq!(report.by_context + report.fuzzy, 0, "{report:?}");
        assert_eq!(merged.events, old.events);
        assert_eq!(merged.claims, old.claims);
        assert_eq!(merged.highlights, old.highlights);
        assert_eq!(merged.sources, old.sources);
    }

    #[test]
    fn an_edited_text_keeps_notes_highlights_and_manual_events_where_their_text_now_is() {
        let old = worked();
        // A paragraph added at the top, a word changed inside a highlighted passage, the
        // sentence of the second highlight deleted, and the claim's sentence edited.
        let v2 = V1
            .replace(
                "\n\nدر سال ۱۹۹۲",
                "\n\nاین گزارش در سال ۱۴۰۲ به‌روز شد.\n\nدر سال ۱۹۹۲",
            )
            .replace("از نزدیک دنبال", "با دقت دنبال")
            .replace(" این رقم در سال ۲۰۱۶ کاهش یافت.", "")
            .replace("به چهار میلیارد دلار", "به حدود چهار میلیارد دلار");
        let new = import(&v2);
        assert_ne!(new.blocks, old.blocks);
        let (merged, report) = reimport(&old, new);

        let e2012 = event_at(&merged, "سال ۲۰۱۲");
        assert_eq!(e2012.label, "اوج مبادلات");
        assert_eq!(e2012.note, "رقم را با آمار گمرک مقایسه کن");
        assert_eq!(e2012.certainty, Certainty::Disputed);
        assert_eq!(quoted(&merged, &e2012.anchor), "سال ۲۰۱۲");
        assert_eq!(
            merged.block(&e2012.anchor.block).map(|b| b.id.as_str()),
            Some("p3")
        );

        let manual: Vec<&Event> = merged
            .events
            .iter()
            .filter(|e| e.origin == Origin::Manual)
            .collect();
        assert_eq!(manual.len(), 1, "{:?}", merged.events);
        assert_eq!(quoted(&merged, &manual[0].anchor), "سفارت اسرائیل در باکو");

        let h1 = &merged.highlights[0];
        assert_eq!(h1.note, "موضع روسیه");
        assert_eq!(
            quoted(&merged, &h1.anchor),
            "مسکو این روند را با دقت دنبال می‌کند"
        );
        let h2 = &merged.highlights[1];
        assert!(h2.anchor.orphaned, "{h2:?}");
        assert_eq!(report.orphaned, vec![AnchorOwner::Highlight(h2.id.clone())]);
        // The 2016 event went with its sentence: the importer's, unannotated.
        assert!(merged.events.iter().all(|e| e.date.wording != "سال ۲۰۱۶"));
        assert_eq!(report.dropped.len(), 1, "{report:?}");

        let claim = merged
            .claims
            .iter()
            .find(|c| c.note == "منبع اصلی پیدا شود")
            .unwrap_or_else(|| panic!("the claim's note is lost: {:?}", merged.claims));
        assert!(quoted(&merged, &claim.anchor).contains("حدود چهار میلیارد"));
        assert!(claim.events.contains(&e2012.id), "{claim:?}");

        // The orphan is the only problem, and it says so; the file keeps it.
        assert_eq!(
            merged.problems(),
            vec![Problem::Orphaned {
                owner: AnchorOwner::Highlight(h2.id.clone()),
                exact: "این رقم در سال ۲۰۱۶ کاهش یافت".into(),
            }]
        );
        let ron = crate::store::to_string(&merged).unwrap_or_else(|e| panic!("{e}"));
        assert!(ron.contains("orphaned: true"), "{ron}");
        let back = crate::store::from_str(&ron, "test").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, merged);

        // A second re-import of the same text changes nothing, the orphan still kept.
        let (again, report) = reimport(&merged, import(&v2));
        assert_eq!(again, merged);
        assert_eq!(report.orphaned, vec![AnchorOwner::Highlight(h2.id.clone())]);
    }

    #[test]
    fn the_readers_sources_and_their_claims_are_carried() {
        let mut old = import(V1);
        let source = crate::model::Source {
            id: "s9".into(),
            name: "خبرگزاری آنا".into(),
            name_en: String::new(),
            kind: crate::model::SourceKind::Outlet,
            role: String::new(),
            link: None,
            aliases: Vec::new(),
            mentions: Vec::new(),
            note: String::new(),
        };
        let claim = crate::model::Claim {
            id: "c9".into(),
            source: "s9".into(),
            kind: crate::model::ClaimKind::Report,
            anchor: anchor(&old, "روابط دیپلماتیک برقرار کرد"),
            events: vec![event_at(&old, "سال ۱۹۹۲").id.clone()],
            certainty: Certainty::Confirmed,
            note: String::new(),
        };
        for e in [
            Edit::AddSource { source, at: 9 },
            Edit::AddClaim { claim, at: 9 },
        ] {
            e.apply(&mut old).unwrap_or_else(|err| panic!("{err}"));
        }
        let v2 = V1.replace("برقرار کرد", "برقرار ساخت");
        let (merged, report) = reimport(&old, import(&v2));
        let s = merged
            .sources
            .iter()
            .find(|s| s.name == "خبرگزاری آنا")
            .unwrap_or_else(|| panic!("the reader's source is lost"));
        let c = merged
            .claims
            .iter()
            .find(|c| c.source == s.id)
            .unwrap_or_else(|| panic!("its claim is lost"));
        assert_eq!(quoted(&merged, &c.anchor), "روابط دیپلماتیک برقرار ساخت");
        assert_eq!(c.events, vec![event_at(&merged, "سال ۱۹۹۲").id.clone()]);
        assert_eq!(report.by_context, 1, "{report:?}");
        assert!(merged.problems().is_empty(), "{:?}", merged.problems());
    }
}
