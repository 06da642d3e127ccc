//! The library's merged timeline: the groups of the articles in view as marks in lanes (by
//! category, outlet or article), a group reported by several articles one mark with its
//! number of reports. The axis and grid are the chart's ([`crate::chart::paint`]), time to
//! x is [`Transform`]'s and culling and binning [`crate::chart::merged`]'s; the merged
//! timeline and its placed marks are cached by key (library, lanes, view, source, window),
//! so an idle frame only paints. Clicking a mark opens its reports side by side, with
//! confirm, split and merge.

use std::collections::{HashMap, HashSet};

use egui::{Rect, Sense, Ui, pos2, vec2};

use crate::chart::merged::{MergedIndex, Placed, place};
use crate::chart::paint::{AxisFrame, HAlign, Look, axis_shapes, grid_shapes};
use crate::chart::sizes::TICK_ROW_H;
use crate::chart::{TimeDirection, Transform};
use crate::library::{EventRef, LaneBy, Library, MergedTimeline};
use crate::persian::dates::{Calendar, day_text};
use crate::text::{Direction, Paragraph, TextJob, paint_text};

use super::i18n::{Lang, isolate};
use super::library::{lane_by_options, tr};
use super::library_sources::SourcesCache;
use super::theme::{self, Theme};
use super::timeline::paint::{UiMeasure, paint_shape};
use super::widgets;

/// Height of a lane, points.
const LANE_H: f32 = 30.0;
/// Width of the lane names' column, points.
const NAME_W: f32 = 140.0;
/// Width of the columns short marks of a lane are binned in, points.
const BIN_GAP: f32 = 6.0;
/// Most marks given their own AccessKit node and hit box in a frame.
const MAX_INTERACTIVE: usize = 3000;

/// The merged timeline's state and caches.
#[derive(Default)]
pub struct MergedView {
    pub lane_by: LaneByChoice,
    /// The visible window (day numbers); `None` until fitted to the marks.
    window: Option<(f64, f64)>,
    pub timeline: MergedTimeline,
    index: MergedIndex,
    key: Option<(u64, LaneBy, u64, Option<usize>)>,
    placed: Vec<Placed>,
    /// AccessKit labels of the placed marks drawn so far (made when first drawn after a
    /// placing, not every frame).
    labels: HashMap<usize, String>,
    /// How far the lanes are scrolled, points.
    lane_scroll: f32,
    placed_key: Option<(u64, [u64; 4], u32)>,
    /// The group whose reports are shown side by side.
    pub selected: Option<usize>,
    /// A report chosen to be merged with the next mark clicked.
    pub merge_from: Option<EventRef>,
    /// Why the last decision could not be saved.
    pub error: Option<String>,
    /// An article a report's Open button asked for (taken by the view).
    pub open_request: Option<String>,
    /// The number of articles the window was last fitted for.
    fitted_for: Option<usize>,
}

/// [`LaneBy`] with a default (by outlet: the lanes a reader of many outlets wants first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LaneByChoice(pub LaneBy);

impl Default for LaneByChoice {
    fn default() -> Self {
        Self(LaneBy::Outlet)
    }
}

impl MergedView {
    /// Makes the merged timeline again when the library, the lanes, the articles in view or
    /// the source filter changed.
    fn refresh(
        &mut self,
        lib: &Library,
        generation: u64,
        in_view: &HashSet<u32>,
        view_key: u64,
        sources: &SourcesCache,
    ) {
        let key = (generation, self.lane_by.0, view_key, sources.filter);
        if self.key == Some(key) {
            return;
        }
        let only = sources.filter_events();
        self.timeline = lib.merged_timeline(self.lane_by.0, &|r| {
            in_view.contains(&r.entry) && only.is_none_or(|s| s.contains(&r))
        });
        self.index = MergedIndex::new(&self.timeline);
        self.key = Some(key);
        self.placed_key = None;
        // Fitted to the marks when first shown with some, and after articles came or went.
        let count = lib.entries().len();
        if self.fitted_for != Some(count) && self.index.span().is_some() {
            self.fit();
            self.fitted_for = Some(count);
        }
    }

    /// Fits the window to every mark.
    pub fn fit(&mut self) {
        if let Some((s, e)) = self.index.span() {
            let pad = ((e - s) * 0.05).max(15.0);
            self.window = Some((s - pad, e + pad));
        }
    }

    /// The marks drawn last frame.
    pub fn placed(&self) -> &[Placed] {
        &self.placed
    }

    /// Draws the timeline (and the selected group's window). Returns whether a decision
    /// changed the library's groups.
    #[expect(
        clippy::too_many_arguments,
        reason = "the library, its caches and the look, borrowed apart from the view"
    )]
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lib: &mut Library,
        generation: u64,
        in_view: &HashSet<u32>,
        view_key: u64,
        sources: &SourcesCache,
        lang: Lang,
        theme: Theme,
    ) -> bool {
        self.refresh(lib, generation, in_view, view_key, sources);
        let rtl = lang.is_rtl();
        let layout = if rtl {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        };
        let ink = theme::ink(theme);
        let muted = theme::muted(theme);
        // Toolbar.
        ui.allocate_ui_with_layout(vec2(ui.available_width(), 28.0), layout, |ui| {
            let title = tr(lang, "گاه‌شمار یکپارچه", "Merged timeline");
            widgets::header(
                ui,
                &widgets::control_job(title, ink, rtl).weight(700.0),
                rtl,
            );
            let mut by = self.lane_by.0;
            widgets::combo_box(
                ui,
                "merged-lanes",
                tr(lang, "ردیف‌ها", "Lanes"),
                &mut by,
                &lane_by_options(lang),
                rtl,
            );
            self.lane_by = LaneByChoice(by);
            if ui.button(tr(lang, "همه", "Fit")).clicked() {
                self.fit();
            }
            let shared = self
                .timeline
                .marks
                .iter()
                .filter(|m| m.reports > 1)
                .map(|m| m.group)
                .collect::<HashSet<_>>()
                .len();
            let text = match lang {
                Lang::Fa => format!("{} رویداد با چند گزارش", lang.num_isolated(shared)),
                Lang::En => format!("events with several reports: {shared}"),
            };
            widgets::header(ui, &widgets::control_job(&text, muted, rtl), rtl);
            if let Some(e) = &self.error {
                widgets::header(ui, &widgets::control_job(e, theme::accent(theme), rtl), rtl);
            }
        });
        let direction = if rtl {
            TimeDirection::RightToLeft
        } else {
            TimeDirection::LeftToRight
        };
        let avail = ui.available_rect_before_wrap();
        let (chart, names) = if rtl {
            (
                Rect::from_min_max(avail.min, pos2(avail.right() - NAME_W, avail.bottom())),
                Rect::from_min_max(pos2(avail.right() - NAME_W, avail.top()), avail.max),
            )
        } else {
            (
                Rect::from_min_max(pos2(avail.left() + NAME_W, avail.top()), avail.max),
                Rect::from_min_max(avail.min, pos2(avail.left() + NAME_W, avail.bottom())),
            )
        };
        let resp = ui.allocate_rect(avail, Sense::click_and_drag());
        let window = self.window.unwrap_or((0.0, 365.0));
        let mut transform = Transform::new(chart.left(), chart.right(), window, direction);
        // Input: drag pans, Ctrl+wheel or pinch zooms at the pointer.
        if resp.dragged() {
            transform.pan(f64::from(resp.drag_delta().x));
        }
        let axis_top = avail.top();
        let lanes_top = axis_top + TICK_ROW_H + 4.0;
        let lanes_h = (avail.bottom() - lanes_top).max(0.0);
        let max_scroll = (self.timeline.lanes.len() as f32 * LANE_H - lanes_h).max(0.0);
        if resp.hovered() {
            let (zoom, wheel) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta.y));
            if (zoom - 1.0).abs() > 1e-4
                && let Some(p) = resp.hover_pos()
            {
                transform.zoom_at(f64::from(p.x), f64::from(zoom));
            } else if wheel != 0.0 {
                // The wheel scrolls the lanes.
                self.lane_scroll -= wheel;
            }
        }
        self.lane_scroll = self.lane_scroll.clamp(0.0, max_scroll);
        self.window = Some(transform.range());
        // The lanes on screen.
        let first_lane = (self.lane_scroll / LANE_H).floor() as usize;
        let lane_y = |k: usize| lanes_top + k as f32 * LANE_H - self.lane_scroll;
        // Placing, when the window, the width or the timeline changed.
        let (w0, w1) = transform.range();
        let pkey = (
            self.key.map_or(0, |k| k.0 ^ k.2.rotate_left(17)),
            [
                w0.to_bits(),
                w1.to_bits(),
                f64::from(chart.left()).to_bits(),
                f64::from(chart.right()).to_bits(),
            ],
            self.lane_by.0 as u32 | (u32::from(lang == Lang::En) << 8),
        );
        if self.placed_key != Some(pkey) {
            self.placed = place(&self.timeline, &self.index, &transform, BIN_GAP);
            self.labels.clear();
            self.placed_key = Some(pkey);
        }
        let look = Look {
            theme,
            lang,
            emphasis: false,
            hovered: None,
        };
        let painter = ui.painter_at(avail);
        let lane_count = self.timeline.lanes.len();
        let lanes_bottom = (lane_y(lane_count)).clamp(lanes_top, avail.bottom());
        let lanes_clip = Rect::from_x_y_ranges(avail.x_range(), lanes_top..=avail.bottom());
        let names_clip = names.intersect(lanes_clip);
        // Lane bands and names, of the lanes on screen.
        for (k, lane) in self.timeline.lanes.iter().enumerate().skip(first_lane) {
            let y0 = lane_y(k);
            if y0 > avail.bottom() {
                break;
            }
            if k % 2 == 0 {
                painter.with_clip_rect(lanes_clip).rect_filled(
                    Rect::from_x_y_ranges(avail.x_range(), y0..=y0 + LANE_H),
                    0.0,
                    ui.visuals().faint_bg_color,
                );
            }
            let name = if lang == Lang::Fa {
                &lane.name_fa
            } else {
                &lane.name_en
            };
            let job = TextJob::new(name.as_str())
                .size(12.5)
                .weight(600.0)
                .color(muted)
                .selectable(false)
                .direction(Direction::Auto);
            let (pos, anchor) = if rtl {
                (
                    pos2(names.right() - 6.0, y0 + LANE_H / 2.0),
                    egui::Align2::RIGHT_CENTER,
                )
            } else {
                (
                    pos2(names.left() + 6.0, y0 + LANE_H / 2.0),
                    egui::Align2::LEFT_CENTER,
                )
            };
            paint_text(&painter.with_clip_rect(names_clip), &job, pos, anchor);
        }
        // Grid and axis from the chart.
        let calendars = [Calendar::Gregorian];
        for s in grid_shapes(
            &transform,
            Calendar::Gregorian,
            (lanes_top, lanes_bottom),
            look,
        ) {
            paint_shape(&painter, &s.shape, 0.0);
        }
        let name_x = if rtl {
            (names.right() - 6.0, HAlign::Right)
        } else {
            (names.left() + 6.0, HAlign::Left)
        };
        let (axis, _) = axis_shapes(
            &transform,
            &calendars,
            AxisFrame {
                top: axis_top,
                name_x,
                reserved: &[],
            },
            look,
            &mut UiMeasure(ui.ctx()),
        );
        for s in &axis {
            paint_shape(&painter, &s.shape, 0.0);
        }
        // Marks.
        let accent = theme::accent(theme);
        let mark_color = theme::date_mark(theme);
        let chart_painter = painter.with_clip_rect(chart.intersect(lanes_clip));
        let last_lane = first_lane + (lanes_h / LANE_H).ceil() as usize + 1;
        let mut interactive = 0;
        let mut clicked: Option<usize> = None;
        for (n, p) in self.placed.iter().enumerate() {
            if p.lane < first_lane || p.lane > last_lane {
                continue;
            }
            let y = lane_y(p.lane) + LANE_H / 2.0;
            let groups: Vec<usize> = p
                .marks
                .iter()
                .map(|&m| self.timeline.marks[m as usize].group)
                .collect();
            let selected = self.selected.is_some_and(|g| groups.contains(&g));
            let color = if selected { accent } else { mark_color };
            // One mark: its group's reports (in every lane); marks binned together: the
            // reports in this lane.
            let reports = match p.marks.as_slice() {
                [m] => self.timeline.marks[*m as usize].reports,
                _ => p.reports,
            };
            let radius = if reports > 1 { 10.0 } else { 5.5 };
            let rect = if p.x1 - p.x0 > 2.0 * radius {
                let r = Rect::from_x_y_ranges(p.x0..=p.x1, y - 5.0..=y + 5.0);
                chart_painter.rect_filled(r, 3.0, color.gamma_multiply(0.8));
                r
            } else {
                let c = pos2((p.x0 + p.x1) / 2.0, y);
                chart_painter.circle_filled(c, radius, color);
                Rect::from_center_size(c, vec2(radius * 2.0, radius * 2.0))
            };
            if reports > 1 {
                let job = TextJob::new(lang.num(reports))
                    .size(10.5)
                    .weight(700.0)
                    .color(egui::Color32::WHITE)
                    .selectable(false);
                paint_text(
                    &chart_painter,
                    &job,
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                );
            }
            if selected {
                chart_painter.rect_stroke(
                    rect.expand(2.0),
                    4.0,
                    egui::Stroke::new(2.0, ink),
                    egui::StrokeKind::Outside,
                );
            }
            if interactive < MAX_INTERACTIVE
                && chart.intersects(rect)
                && lanes_clip.intersects(rect)
            {
                interactive += 1;
                let g = groups[0];
                if !self.labels.contains_key(&n) {
                    let label = self.mark_label(lib, g, groups.len(), reports, lang);
                    self.labels.insert(n, label);
                }
                let label = self.labels.get(&n).map_or("", String::as_str);
                let id = ui.make_persistent_id(("merged-mark", p.lane, g));
                let r = ui
                    .interact(rect.expand(3.0).intersect(avail), id, Sense::click())
                    .on_hover_cursor(egui::CursorIcon::PointingHand);
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
                if r.clicked() {
                    clicked = Some(g);
                }
            }
        }
        let mut changed = false;
        if let Some(g) = clicked {
            if let Some(from) = self.merge_from.take() {
                let to = lib
                    .groups()
                    .groups
                    .get(g)
                    .and_then(|gr| gr.reports.first().copied());
                if let Some(to) = to {
                    changed |= self.decided(lib.merge_events(from, to));
                }
            } else {
                self.selected = Some(g);
            }
        }
        if self.selected.is_some() {
            changed |= self.reports_window(ui.ctx(), lib, lang, theme);
        }
        changed
    }

    /// The AccessKit label of a mark: its first report's label and date, and its number of
    /// reports, or for marks binned together how many more events it holds.
    fn mark_label(
        &self,
        lib: &Library,
        g: usize,
        groups: usize,
        reports: usize,
        lang: Lang,
    ) -> String {
        let entries = lib.entries();
        let Some(r) = lib.groups().groups.get(g).and_then(|gr| gr.reports.first()) else {
            return String::new();
        };
        let row = r.row(entries);
        let mut s = format!(
            "{} — {}",
            row.label,
            day_text(row.start, Calendar::Gregorian, lang == Lang::Fa)
        );
        if groups > 1 {
            // Marks too close to tell apart at this zoom, drawn as one.
            s.push_str(&format!(
                " {} {} {}",
                tr(lang, "و", "and"),
                lang.num(groups - 1),
                tr(lang, "رویداد دیگر", "more events")
            ));
        } else if reports > 1 {
            s.push_str(&format!(
                " ({} {})",
                lang.num(reports),
                tr(lang, "گزارش", "reports")
            ));
        }
        s
    }

    /// Notes a decision's outcome; returns whether it was saved.
    fn decided(&mut self, r: anyhow::Result<()>) -> bool {
        match r {
            Ok(()) => {
                self.error = None;
                // The groups are numbered again.
                self.selected = None;
                true
            }
            Err(e) => {
                self.error = Some(format!("{e:#}"));
                false
            }
        }
    }

    /// The selected group's reports side by side, each with its article, source and
    /// quote, and the confirm, split and merge buttons.
    fn reports_window(
        &mut self,
        ctx: &egui::Context,
        lib: &mut Library,
        lang: Lang,
        theme: Theme,
    ) -> bool {
        let Some(g) = self.selected else { return false };
        let Some(group) = lib.groups().groups.get(g).cloned() else {
            self.selected = None;
            return false;
        };
        let rtl = lang.is_rtl();
        let fa = lang == Lang::Fa;
        let ink = theme::ink(theme);
        let muted = theme::muted(theme);
        let mut open = true;
        let mut action: Option<Decision> = None;
        let title = tr(lang, "گزارش‌های یک رویداد", "Reports of one event");
        // No egui title bar (egui's text has no bidi): the title and the close button are
        // drawn in the window with the engine.
        egui::Window::new(title)
            .id(egui::Id::unique("merged-reports"))
            .title_bar(false)
            .default_pos(ctx.content_rect().center_top() + vec2(-360.0, 90.0))
            .default_width(720.0)
            .max_height(420.0)
            .show(ctx, |ui| {
                let head = if rtl {
                    egui::Layout::right_to_left(egui::Align::Center)
                } else {
                    egui::Layout::left_to_right(egui::Align::Center)
                };
                ui.allocate_ui_with_layout(vec2(ui.available_width(), 28.0), head, |ui| {
                    widgets::header(
                        ui,
                        &widgets::control_job(title, ink, rtl)
                            .size(16.0)
                            .weight(700.0),
                        rtl,
                    );
                    if ui.button(tr(lang, "بستن", "Close")).clicked() {
                        open = false;
                    }
                });
                let layout = if rtl {
                    egui::Layout::right_to_left(egui::Align::Min)
                } else {
                    egui::Layout::left_to_right(egui::Align::Min)
                };
                ui.allocate_ui_with_layout(vec2(ui.available_width(), 28.0), layout, |ui| {
                    let state = if group.confirmed {
                        tr(lang, "تأییدشده", "confirmed")
                    } else {
                        tr(lang, "تأییدنشده", "not confirmed")
                    };
                    let text = format!(
                        "{} {} — {}",
                        lang.num_isolated(group.reports.len()),
                        tr(lang, "گزارش", "reports"),
                        state
                    );
                    widgets::header(ui, &widgets::control_job(&text, muted, rtl), rtl);
                    if group.reports.len() > 1
                        && !group.confirmed
                        && ui.button(tr(lang, "تأیید گروه", "Confirm group")).clicked()
                    {
                        action = Some(Decision::Confirm);
                    }
                    if self.merge_from.is_some()
                        && ui.button(tr(lang, "لغو ادغام", "Cancel merge")).clicked()
                    {
                        self.merge_from = None;
                    }
                });
                egui::ScrollArea::horizontal()
                    .id_salt("merged-reports-scroll")
                    .show(ui, |ui| {
                        ui.with_layout(layout, |ui| {
                            for (k, r) in group.reports.iter().enumerate() {
                                let d = report_column(ui, lib, *r, k, lang, (ink, muted), fa);
                                if let Some(d) = d {
                                    action = Some(d);
                                }
                            }
                        });
                    });
            });
        if !open {
            self.selected = None;
            self.merge_from = None;
        }
        match action {
            Some(Decision::Confirm) => self.decided(lib.confirm_group(g)),
            Some(Decision::Split(r)) => self.decided(lib.split_event(r)),
            Some(Decision::Open(id)) => {
                self.open_request = Some(id);
                false
            }
            Some(Decision::MergeFrom(r)) => {
                self.merge_from = Some(r);
                false
            }
            None => false,
        }
    }
}

/// What the reader decided in the reports' window.
enum Decision {
    Confirm,
    Split(EventRef),
    MergeFrom(EventRef),
    /// Open the report's article.
    Open(String),
}

/// One report's column: the article, its outlet, the date as written, the event, and the
/// sources with their quotes.
fn report_column(
    ui: &mut Ui,
    lib: &Library,
    r: EventRef,
    k: usize,
    lang: Lang,
    (ink, muted): (egui::Color32, egui::Color32),
    fa: bool,
) -> Option<Decision> {
    const W: f32 = 230.0;
    let entries = lib.entries();
    let e = &entries[r.entry as usize];
    let row = r.row(entries);
    let mut out = None;
    egui::Frame::new()
        .inner_margin(6.0)
        .corner_radius(4.0)
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.set_width(W);
            ui.vertical(|ui| {
                let para = |ui: &mut Ui, text: &str, size: f32, weight: f32, color, salt: &str| {
                    Paragraph::new(
                        TextJob::new(text)
                            .size(size)
                            .weight(weight)
                            .color(color)
                            .selectable(true),
                    )
                    .width(W)
                    .id_salt(("report", k, salt))
                    .show(ui);
                };
                para(ui, &e.title, 13.5, 700.0, ink, "title");
                if !e.outlet.is_empty() {
                    para(ui, &e.outlet, 12.5, 500.0, muted, "outlet");
                }
                let date = format!(
                    "«{}» — {}",
                    row.wording,
                    isolate(&day_text(row.start, Calendar::Gregorian, fa))
                );
                para(ui, &date, 12.5, 400.0, muted, "date");
                para(ui, &row.label, 13.5, 500.0, ink, "label");
                for c in e.claims.iter().filter(|c| c.events.contains(&row.id)) {
                    let who = e
                        .sources
                        .iter()
                        .find(|s| s.id == c.source)
                        .map_or("", |s| s.name.as_str());
                    para(ui, who, 12.5, 700.0, muted, &format!("src-{}", c.id));
                    para(
                        ui,
                        &format!("«{}»", c.quote),
                        12.5,
                        400.0,
                        ink,
                        &format!("q-{}", c.id),
                    );
                }
                ui.horizontal(|ui| {
                    let open = format!("{} {}", tr(lang, "باز کردن", "Open"), lang.num(k + 1));
                    if ui.button(open).clicked() {
                        out = Some(Decision::Open(e.id.clone()));
                    }
                    let split = format!("{} {}", tr(lang, "جدا کردن", "Split"), lang.num(k + 1));
                    if ui.button(split).clicked() {
                        out = Some(Decision::Split(r));
                    }
                    let merge = format!(
                        "{} {}",
                        tr(lang, "ادغام با…", "Merge with…"),
                        lang.num(k + 1)
                    );
                    if ui.button(merge).clicked() {
                        out = Some(Decision::MergeFrom(r));
                    }
                });
            });
        });
    out
}
