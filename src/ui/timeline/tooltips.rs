//! What a mark tells on hover and to AccessKit: its name (the event's label, or «۳۰
//! رویداد» for a cluster) and a tooltip with the event's wording, its dates in both
//! calendars and its sources, or the cluster's span and first few events.

use egui::{Color32, Response, Ui};

use crate::chart::{EventIndex, Mark, MarkKind};
use crate::model::{Article, Day, Event, FuzzyDate, Precision};
use crate::persian::dates::{self, Calendar};
use crate::text::{Align, Paragraph, TextJob, measure_text};
use crate::ui::i18n::{Lang, isolate};
use crate::ui::theme;
use crate::ui::widgets::plain;

use super::TimelineInput;

/// Adds AccessKit info, cursor and tooltip to a mark's response.
pub(super) fn mark_response(
    resp: Response,
    m: &Mark,
    article: &Article,
    index: &EventIndex,
    input: &TimelineInput<'_>,
) -> Response {
    let s = input.lang.strings();
    let event_of = |p: u32| {
        index
            .items
            .get(p as usize)
            .and_then(|it| article.events.get(it.event as usize))
    };
    let resp = resp.on_hover_cursor(egui::CursorIcon::PointingHand);
    match m.kind {
        MarkKind::Cluster => {
            // «۳۰ رویداد»: the count isolated in the tooltip, plain for AccessKit.
            let label = format!("{} {}", input.lang.num_isolated(m.count), s.cluster_events);
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, plain(&label)));
            resp.on_hover_ui(|ui| {
                cluster_tooltip_ui(ui, m, &label, input, |p| {
                    event_of(p).map(|e| e.label.as_str())
                })
            })
        }
        _ => {
            let Some(e) = event_of(m.item) else {
                return resp;
            };
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &e.label));
            resp.on_hover_ui(|ui| event_tooltip_ui(ui, article, e, input))
        }
    }
}

/// Shows `lines` (text, size, weight, colour) as engine paragraphs no wider than needed,
/// in the UI's direction (a date range with no letters reads the UI's way round).
fn tooltip_lines(ui: &mut Ui, lines: Vec<(String, f32, f32, Color32)>, lang: Lang) {
    let direction = if lang.is_rtl() {
        crate::text::Direction::Rtl
    } else {
        crate::text::Direction::Ltr
    };
    let jobs: Vec<TextJob> = lines
        .into_iter()
        .map(|(t, size, weight, color)| {
            TextJob::new(t)
                .size(size)
                .weight(weight)
                .color(color)
                .selectable(false)
                .align(Align::Start)
                .direction(direction)
        })
        .collect();
    let w = jobs
        .iter()
        .map(|j| measure_text(ui.ctx(), j).x)
        .fold(0.0f32, f32::max)
        .clamp(60.0, 360.0)
        + 2.0;
    ui.spacing_mut().item_spacing.y = 0.0;
    for (k, job) in jobs.into_iter().enumerate() {
        Paragraph::new(job)
            .id_salt(("timeline-tip", k))
            .width(w)
            .show(ui);
    }
}

/// Tooltip of an event: label, wording, interval in both calendars, sources.
fn event_tooltip_ui(ui: &mut Ui, article: &Article, e: &Event, input: &TimelineInput<'_>) {
    let s = input.lang.strings();
    let fa = input.lang == Lang::Fa;
    let (ink, muted) = (theme::ink(input.theme), theme::muted(input.theme));
    let mut lines = vec![(e.label.clone(), 13.5, 700.0, ink)];
    if !e.date.wording.is_empty() {
        lines.push((format!("«{}»", e.date.wording), 12.0, 400.0, muted));
    }
    lines.push((
        format!(
            "{}: {}",
            s.gregorian,
            dates::interval_text(&e.date, Calendar::Gregorian, fa)
        ),
        12.0,
        400.0,
        ink,
    ));
    lines.push((
        format!(
            "{}: {}",
            s.solar_hijri,
            dates::interval_text(&e.date, Calendar::SolarHijri, fa)
        ),
        12.0,
        400.0,
        ink,
    ));
    let names: Vec<String> = article
        .sources_of_event(&e.id)
        .into_iter()
        .filter_map(|id| article.source(id))
        .map(|src| {
            isolate(if fa || src.name_en.is_empty() {
                &src.name
            } else {
                &src.name_en
            })
        })
        .collect();
    let sources = if names.is_empty() {
        s.unsourced.to_owned()
    } else {
        names.join(if fa { "، " } else { ", " })
    };
    lines.push((
        format!("{}: {sources}", s.sources_of_event),
        12.0,
        400.0,
        muted,
    ));
    tooltip_lines(ui, lines, input.lang);
}

/// Tooltip of a cluster: its count, its span, the first few labels.
fn cluster_tooltip_ui<'a>(
    ui: &mut Ui,
    m: &Mark,
    title: &str,
    input: &TimelineInput<'_>,
    label_of: impl Fn(u32) -> Option<&'a str>,
) {
    let fa = input.lang == Lang::Fa;
    let (ink, muted) = (theme::ink(input.theme), theme::muted(input.theme));
    let cal = input.calendar.main();
    let a = Day::from_day_number(m.days.0.floor() as i64);
    let b = Day::from_day_number((m.days.1.ceil() as i64 - 1).max(m.days.0.floor() as i64));
    let span = FuzzyDate::new(
        a,
        b,
        if a == b {
            Precision::Day
        } else {
            Precision::Range
        },
        "",
    );
    let mut lines = vec![
        (title.to_owned(), 13.5, 700.0, ink),
        (dates::interval_text(&span, cal, fa), 12.0, 400.0, muted),
    ];
    for &p in m.members.iter().take(5) {
        if let Some(l) = label_of(p) {
            lines.push((format!("• {l}"), 12.0, 400.0, ink));
        }
    }
    if m.count > 5 {
        lines.push(("…".to_owned(), 12.0, 400.0, muted));
    }
    tooltip_lines(ui, lines, input.lang);
}
