//! Sources across the library, in the library view's side panel: the outlets (a Telegram
//! channel is one) with their articles, and one entry per person, outlet or body with its
//! claims across articles (a post "forwarded from" a channel names that channel here),
//! most claims first, filtered by words; choosing one filters the merged timeline to the
//! events it backs and lists its claims and where it disagrees with another source on a
//! date. The lists are made once per change of the library and drawn row by row on screen.

use std::collections::HashSet;

use egui::Ui;

use crate::library::sources::LibrarySource;
use crate::library::view::events_of_source;
use crate::library::{Disagreement, EventRef, Library};
use crate::persian::dates::{Calendar, day_text};
use crate::persian::fold::fold_text;
use crate::text::{Direction, Paragraph, TextField, TextJob};

use super::i18n::{Lang, isolate};
use super::library::tr;
use super::theme::{self, Theme};
use super::widgets;

/// Height of a source's row, points.
const ROW_H: f32 = 24.0;

/// What the panel asks of the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourcesPick {
    /// Show only this outlet's articles (folded key), or every outlet.
    Outlet(Option<String>),
}

/// The sources across the library, cached per change of the library.
#[derive(Default)]
pub struct SourcesCache {
    key: Option<u64>,
    pub list: Vec<LibrarySource>,
    /// Sources by number of claims, most first.
    order: Vec<usize>,
    /// Folded names, for the filter.
    folded: Vec<String>,
    disagreements: Vec<Disagreement>,
    /// The source the merged timeline is filtered by (index in `list`).
    pub filter: Option<usize>,
    filter_events: HashSet<EventRef>,
    /// Words the listed names hold.
    pub words: String,
    shown: Vec<usize>,
    shown_key: Option<(u64, String)>,
}

impl SourcesCache {
    fn refresh(&mut self, lib: &Library, generation: u64) {
        if self.key != Some(generation) {
            let keep = self
                .filter
                .and_then(|i| self.list.get(i))
                .map(|s| s.key.clone());
            self.list = lib.sources();
            self.disagreements = lib.disagreements(&self.list);
            let mut order: Vec<usize> = (0..self.list.len()).collect();
            // Most claims first; ties by name, so the order does not hang on the order
            // the articles were added in (in parallel).
            order.sort_by(|&a, &b| {
                let (x, y) = (&self.list[a], &self.list[b]);
                y.claims
                    .len()
                    .cmp(&x.claims.len())
                    .then_with(|| x.key.cmp(&y.key))
            });
            self.order = order;
            self.folded = self
                .list
                .iter()
                .map(|s| fold_text(&format!("{} {}", s.name, s.name_en)).into_owned())
                .collect();
            self.filter = keep.and_then(|k| self.list.iter().position(|s| s.key == k));
            self.filter_events = self
                .filter
                .map(|i| events_of_source(&self.list[i]))
                .unwrap_or_default();
            self.key = Some(generation);
            self.shown_key = None;
        }
        let skey = (generation, self.words.clone());
        if self.shown_key.as_ref() != Some(&skey) {
            let words: Vec<String> = fold_text(&self.words)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            self.shown = self
                .order
                .iter()
                .copied()
                .filter(|&i| words.iter().all(|w| self.folded[i].contains(w.as_str())))
                .collect();
            self.shown_key = Some(skey);
        }
    }

    /// The events of the source the timeline is filtered by, if one is chosen.
    pub fn filter_events(&self) -> Option<&HashSet<EventRef>> {
        self.filter.map(|_| &self.filter_events)
    }

    /// Chooses (or, with `None`, clears) the source the timeline is filtered by.
    pub fn set_filter(&mut self, i: Option<usize>) {
        self.filter = i.filter(|&i| i < self.list.len());
        self.filter_events = self
            .filter
            .map(|i| events_of_source(&self.list[i]))
            .unwrap_or_default();
    }

    /// The panel. `outlets` are the view's (key, name, articles); `outlet` the one chosen.
    #[expect(
        clippy::too_many_arguments,
        reason = "the library, its caches and the look, borrowed apart from the view"
    )]
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lib: &Library,
        generation: u64,
        outlets: &[(String, String, usize)],
        outlet: Option<&String>,
        lang: Lang,
        theme: Theme,
    ) -> Option<SourcesPick> {
        self.refresh(lib, generation);
        let rtl = lang.is_rtl();
        let fa = lang == Lang::Fa;
        let (ink, muted, accent) = (theme::ink(theme), theme::muted(theme), theme::accent(theme));
        let width = ui.available_width();
        let row = |text: &str, color| {
            TextJob::new(text)
                .size(13.5)
                .color(color)
                .selectable(false)
                .direction(if rtl { Direction::Rtl } else { Direction::Ltr })
        };
        let mut pick = None;
        // Outlets (channels).
        widgets::header(
            ui,
            &row(tr(lang, "رسانه‌ها و کانال‌ها", "Outlets and channels"), ink).weight(800.0),
            rtl,
        );
        egui::ScrollArea::vertical()
            .id_salt("library-outlets")
            .max_height(140.0)
            .show(ui, |ui| {
                for (key, name, n) in outlets {
                    let text = format!("{} ({})", isolate(name), lang.num_isolated(n));
                    let on = outlet == Some(key);
                    if widgets::text_row(ui, &row(&text, ink), on, false, name, rtl).clicked() {
                        pick = Some(SourcesPick::Outlet((!on).then(|| key.clone())));
                    }
                }
            });
        ui.separator();
        widgets::header(
            ui,
            &row(
                tr(lang, "منابع در همهٔ نوشته‌ها", "Sources across articles"),
                ink,
            )
            .weight(800.0),
            rtl,
        );
        TextField::singleline(&mut self.words)
            .id_salt("library-sources-filter")
            .label(tr(lang, "پالایش منابع", "Filter sources"))
            .hint(tr(lang, "پالایش منابع", "Filter sources"))
            .rtl_when_empty(rtl)
            .width(width - 8.0)
            .show(ui);
        // The chosen source: its claims and disagreements.
        if let Some(i) = self.filter {
            let src = &self.list[i];
            Paragraph::new(
                TextJob::new(src.name.as_str())
                    .size(15.0)
                    .weight(700.0)
                    .color(accent),
            )
            .width(width - 8.0)
            .id_salt("lib-src-name")
            .show(ui);
            if ui.button(tr(lang, "نمایش همه", "Show all")).clicked() {
                self.set_filter(None);
                return pick;
            }
            let entries = lib.entries();
            egui::ScrollArea::vertical()
                .id_salt("library-source-claims")
                .max_height(220.0)
                .show(ui, |ui| {
                    for (k, c) in src.claims.iter().take(100).enumerate() {
                        let e = &entries[c.entry as usize];
                        let Some(claim) = e.claims.get(c.claim as usize) else {
                            continue;
                        };
                        let text = format!("{} — «{}»", e.title, claim.quote);
                        Paragraph::new(TextJob::new(text).size(12.5).color(ink))
                            .width(width - 16.0)
                            .id_salt(("lib-claim", k))
                            .show(ui);
                    }
                    for (k, d) in self
                        .disagreements
                        .iter()
                        .filter(|d| d.a.0 == i || d.b.0 == i)
                        .take(50)
                        .enumerate()
                    {
                        let (other, mine, theirs) = if d.a.0 == i {
                            (d.b.0, d.a.1, d.b.1)
                        } else {
                            (d.a.0, d.b.1, d.a.1)
                        };
                        let text = format!(
                            "{}: {} ≠ {} ({})",
                            tr(lang, "ناهمخوانی", "Disagrees"),
                            isolate(&day_text(mine.row(entries).start, Calendar::Gregorian, fa)),
                            isolate(&day_text(
                                theirs.row(entries).start,
                                Calendar::Gregorian,
                                fa
                            )),
                            self.list[other].name
                        );
                        Paragraph::new(TextJob::new(text).size(12.5).color(accent))
                            .width(width - 16.0)
                            .id_salt(("lib-disagree", k))
                            .show(ui);
                    }
                });
            ui.separator();
        }
        let shown = &self.shown;
        let mut chosen = None;
        egui::ScrollArea::vertical()
            .id_salt("library-sources")
            .auto_shrink(false)
            .show_rows(ui, ROW_H, shown.len(), |ui, range| {
                for &i in &shown[range] {
                    let s = &self.list[i];
                    let articles = s
                        .claims
                        .iter()
                        .map(|c| c.entry)
                        .collect::<HashSet<_>>()
                        .len();
                    let text = format!(
                        "{} ({} {}{} {} {})",
                        isolate(&s.name),
                        lang.num_isolated(s.claims.len()),
                        tr(lang, "گفته", "claims"),
                        tr(lang, "،", ","),
                        lang.num_isolated(articles),
                        tr(lang, "نوشته", "articles"),
                    );
                    let on = self.filter == Some(i);
                    let color = if on { accent } else { ink };
                    if widgets::text_row(ui, &row(&text, color), on, false, &s.name, rtl).clicked()
                    {
                        chosen = Some(if on { None } else { Some(i) });
                    }
                }
            });
        if shown.is_empty() {
            widgets::header(ui, &row(tr(lang, "منبعی نیست", "No sources"), muted), rtl);
        }
        if let Some(c) = chosen {
            self.set_filter(c);
        }
        pick
    }
}
