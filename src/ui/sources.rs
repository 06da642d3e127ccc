//! The sources panel: the selected event with its sources, the selected source with its
//! claims, every source grouped by kind with claim counts, unsourced events, and filters.

use std::collections::HashSet;

use egui::Ui;

use crate::model::{Article, CategoryId, Certainty, ClaimId, EventId, SourceId, SourceKind};
use crate::persian::dates::{Calendar, interval_text};
use crate::text::{Direction, Paragraph, TextJob};

use super::i18n::{Lang, isolate};
use super::theme::{self, Theme};
use super::widgets::{check_box, combo_box, header, text_row};

/// What the sources panel is given each frame.
pub struct SourcesInput<'a> {
    pub article: &'a Article,
    pub selected_event: Option<&'a EventId>,
    pub selected_source: Option<&'a SourceId>,
    pub lang: Lang,
    pub theme: Theme,
    /// Ids of the categories whose events are hidden.
    pub hidden_lanes: &'a HashSet<CategoryId>,
    pub only_selected_source: bool,
    /// Unsourced events and claim counts, computed once per article.
    pub index: &'a super::DocIndex,
}

/// What the user did in the sources panel.
#[derive(Clone, Debug, PartialEq)]
pub enum SourcesAction {
    SelectSource(SourceId),
    SelectEvent(EventId),
    /// Scroll the article to this claim.
    ShowClaim(ClaimId),
    /// Show or hide a category's events (by category id).
    ToggleLane(CategoryId),
    SetOnlySelectedSource(bool),
    /// Move an event (by id) to another category (by id): an edit of the article.
    SetLane(EventId, CategoryId),
    /// Set a claim's certainty: an edit of the article.
    SetClaimCertainty(ClaimId, Certainty),
}

fn kind_title(kind: SourceKind, lang: Lang) -> &'static str {
    let s = lang.strings();
    match kind {
        SourceKind::Outlet => s.kind_outlet,
        SourceKind::Institution => s.kind_institution,
        SourceKind::Official => s.kind_official,
        SourceKind::Unnamed => s.kind_unnamed,
    }
}

/// A claim's certainty as a combo box («قطعیت»), its value coloured as the reader judged
/// it; choosing another proposes the edit.
fn certainty_ui(ui: &mut Ui, c: &crate::model::Claim, lang: Lang, out: &mut Vec<SourcesAction>) {
    let fa = lang == Lang::Fa;
    let label = if fa { "قطعیت" } else { "Certainty" };
    let options: Vec<(Certainty, String)> = Certainty::ALL
        .iter()
        .map(|&k| (k, k.name(fa).to_owned()))
        .collect();
    let mut chosen = c.certainty;
    // A disputed claim's box is tinted with the warning colour, a confirmed one's with the
    // selection's, so the panel's list shows them at a glance.
    let tint = match c.certainty {
        Certainty::Confirmed => Some(ui.visuals().selection.bg_fill),
        Certainty::Disputed => Some(ui.visuals().warn_fg_color),
        Certainty::Reported => None,
    };
    let resp = ui
        .scope(|ui| {
            if let Some(t) = tint {
                ui.visuals_mut().widgets.inactive.weak_bg_fill = t.gamma_multiply(0.35);
            }
            combo_box(
                ui,
                ("claim-certainty", &c.id),
                label,
                &mut chosen,
                &options,
                lang.is_rtl(),
            )
        })
        .inner;
    if resp.changed() && chosen != c.certainty {
        out.push(SourcesAction::SetClaimCertainty(
            c.id.as_str().into(),
            chosen,
        ));
    }
}

/// `text` followed by a count in parentheses, the count in the UI's digits and isolated.
fn counted(text: &str, n: usize, lang: Lang) -> String {
    format!("{text} ({})", lang.num_isolated(n))
}

/// A row's text in the UI's direction (see [`control_job`]).
fn row_job(
    text: impl Into<std::sync::Arc<str>>,
    size: f32,
    color: egui::Color32,
    rtl: bool,
) -> TextJob {
    TextJob::new(text)
        .size(size)
        .color(color)
        .direction(if rtl { Direction::Rtl } else { Direction::Ltr })
}

/// Draws the panel; returns what the user did.
pub fn sources_ui(ui: &mut Ui, input: &SourcesInput<'_>) -> Vec<SourcesAction> {
    let mut out = Vec::new();
    let a = input.article;
    let lang = input.lang;
    let s = lang.strings();
    let rtl = lang.is_rtl();
    let fa = lang == Lang::Fa;
    let ink = theme::ink(input.theme);
    let muted = theme::muted(input.theme);
    let accent = theme::accent(input.theme);
    let width = ui.available_width();
    let event_sources: HashSet<&str> = input
        .selected_event
        .map(|e| a.sources_of_event(e.as_str()).into_iter().collect())
        .unwrap_or_default();

    egui::ScrollArea::vertical()
        .id_salt("sources-scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            // The selected event.
            if let Some(e) = input.selected_event.and_then(|id| a.event(id.as_str())) {
                header(
                    ui,
                    &TextJob::new(s.selected_event)
                        .size(13.0)
                        .weight(700.0)
                        .color(muted),
                    rtl,
                );
                Paragraph::new(
                    TextJob::new(e.label.as_str())
                        .size(15.0)
                        .weight(700.0)
                        .color(ink),
                )
                .width(width - 8.0)
                .id_salt("sel-ev-label")
                .show(ui);
                Paragraph::new(
                    TextJob::new(format!("«{}»", e.date.wording))
                        .size(13.0)
                        .color(muted),
                )
                .width(width - 8.0)
                .id_salt("sel-ev-wording")
                .show(ui);
                for (cal, name) in [
                    (Calendar::Gregorian, s.gregorian),
                    (Calendar::SolarHijri, s.solar_hijri),
                ] {
                    Paragraph::new(
                        TextJob::new(format!("{name}: {}", interval_text(&e.date, cal, fa)))
                            .size(13.0)
                            .color(ink),
                    )
                    .width(width - 8.0)
                    .id_salt(("sel-ev-cal", name))
                    .show(ui);
                }
                let options: Vec<(&str, String)> = a
                    .categories
                    .iter()
                    .map(|c| (c.id.as_str(), c.name(fa).to_owned()))
                    .collect();
                let mut lane = e.category.as_str();
                combo_box(ui, "lane", s.lane, &mut lane, &options, rtl);
                if lane != e.category {
                    out.push(SourcesAction::SetLane(e.id.as_str().into(), lane.into()));
                }
                header(
                    ui,
                    &TextJob::new(s.sources_of_event)
                        .size(13.0)
                        .weight(700.0)
                        .color(muted),
                    rtl,
                );
                if event_sources.is_empty() {
                    header(ui, &TextJob::new(s.unsourced).size(13.0).color(accent), rtl);
                }
                for sid in a.sources_of_event(&e.id) {
                    if let Some(src) = a.source(sid) {
                        let job = row_job(src.name.as_str(), 14.0, ink, rtl);
                        if text_row(
                            ui,
                            &job,
                            input.selected_source.map(SourceId::as_str) == Some(sid),
                            true,
                            &src.name,
                            rtl,
                        )
                        .clicked()
                        {
                            out.push(SourcesAction::SelectSource(src.id.as_str().into()));
                        }
                    }
                }
                ui.separator();
            }

            // The selected source and its claims.
            if let Some(src) = input.selected_source.and_then(|id| a.source(id.as_str())) {
                Paragraph::new(
                    TextJob::new(src.name.as_str())
                        .size(16.0)
                        .weight(700.0)
                        .color(accent),
                )
                .width(width - 8.0)
                .id_salt("sel-src")
                .show(ui);
                if !src.role.is_empty() {
                    Paragraph::new(TextJob::new(src.role.as_str()).size(13.0).color(muted))
                        .width(width - 8.0)
                        .id_salt("sel-src-role")
                        .show(ui);
                }
                header(
                    ui,
                    &TextJob::new(s.claims).size(13.0).weight(700.0).color(muted),
                    rtl,
                );
                for c in a.claims_of_source(&src.id) {
                    // A claim whose words a re-import could not find shows its old words.
                    let quote = a
                        .resolve(&c.anchor)
                        .map_or(c.anchor.exact.as_str(), |(b, r)| &a.blocks[b].text[r]);
                    let date = c
                        .events
                        .first()
                        .and_then(|e| a.event(e))
                        .map(|e| interval_text(&e.date, Calendar::Gregorian, fa));
                    let frame = egui::Frame::new()
                        .inner_margin(6.0)
                        .corner_radius(4.0)
                        .fill(ui.visuals().faint_bg_color);
                    let resp = frame
                        .show(ui, |ui| {
                            if let Some(d) = &date {
                                Paragraph::new(
                                    TextJob::new(d.as_str())
                                        .size(12.0)
                                        .weight(600.0)
                                        .color(theme::date_mark(input.theme)),
                                )
                                .width(width - 24.0)
                                .id_salt(("claim-date", &c.id))
                                .show(ui);
                            }
                            Paragraph::new(TextJob::new(quote).size(13.5).color(ink))
                                .width(width - 24.0)
                                .id_salt(("claim", &c.id))
                                .show(ui)
                        })
                        .response;
                    let resp = ui
                        .interact(
                            resp.rect,
                            ui.scope_id().with(("claim-click", &c.id)),
                            egui::Sense::click(),
                        )
                        .on_hover_cursor(egui::CursorIcon::PointingHand);
                    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, quote));
                    if resp.clicked() {
                        out.push(SourcesAction::ShowClaim(c.id.as_str().into()));
                    }
                    // Under the claim's card, not in it: the card is one click target.
                    certainty_ui(ui, c, input.lang, &mut out);
                    ui.add_space(4.0);
                }
                ui.separator();
            }

            // All sources by kind.
            header(
                ui,
                &TextJob::new(s.sources).size(15.0).weight(800.0).color(ink),
                rtl,
            );
            for kind in SourceKind::ALL {
                let group: Vec<_> = a
                    .sources
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.kind == kind)
                    .collect();
                if group.is_empty() {
                    continue;
                }
                let title = counted(kind_title(kind, lang), group.len(), lang);
                header(ui, &row_job(title, 13.0, muted, rtl).weight(700.0), rtl);
                for (i, src) in group {
                    let n = input.index.claim_counts.get(i).copied().unwrap_or(0);
                    let job = row_job(counted(&isolate(&src.name), n, lang), 14.0, ink, rtl);
                    let selected =
                        input.selected_source.map(SourceId::as_str) == Some(src.id.as_str());
                    let marked = event_sources.contains(src.id.as_str());
                    if text_row(ui, &job, selected, marked, &src.name, rtl).clicked() {
                        out.push(SourcesAction::SelectSource(src.id.as_str().into()));
                    }
                }
            }

            // Unsourced events.
            let unsourced = &input.index.unsourced;
            // A long list is cut: the timeline and the article show every event anyway.
            const MAX_LISTED: usize = 60;
            if !unsourced.is_empty() {
                ui.add_space(6.0);
                let title = counted(s.unsourced, unsourced.len(), lang);
                header(ui, &row_job(title, 13.0, muted, rtl).weight(700.0), rtl);
                let listed = unsourced.iter().take(MAX_LISTED);
                for e in listed.filter_map(|&i| a.events.get(i)) {
                    let job = row_job(e.label.as_str(), 13.5, ink, rtl);
                    if text_row(
                        ui,
                        &job,
                        input.selected_event.map(EventId::as_str) == Some(e.id.as_str()),
                        false,
                        &e.label,
                        rtl,
                    )
                    .clicked()
                    {
                        out.push(SourcesAction::SelectEvent(e.id.as_str().into()));
                    }
                }
            }

            // Filters.
            ui.add_space(6.0);
            ui.separator();
            header(
                ui,
                &TextJob::new(s.filter_lanes)
                    .size(13.0)
                    .weight(700.0)
                    .color(muted),
                rtl,
            );
            for c in &a.categories {
                let n = a.events.iter().filter(|e| e.category == c.id).count();
                if n == 0 {
                    continue;
                }
                let mut shown = !input.hidden_lanes.contains(c.id.as_str());
                if check_box(ui, &mut shown, &counted(c.name(fa), n, lang), rtl).changed() {
                    out.push(SourcesAction::ToggleLane(c.id.as_str().into()));
                }
            }
            let mut only = input.only_selected_source;
            if check_box(ui, &mut only, s.filter_sources_only, rtl).changed() {
                out.push(SourcesAction::SetOnlySelectedSource(only));
            }
        });
    out
}
