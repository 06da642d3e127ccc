//! Importing a text file in the background (progress, cancel) and the review pane that
//! follows: the found events (each with its sentence) and sources to accept, reject or
//! edit, and the repairs — each with a few words of context, undone a step at a time —
//! before the article is opened. Everything is in the UI's language and direction.

mod controls;
pub mod corrections;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use egui::Ui;

use crate::import::{Extracted, ImportError, ImportOptions, Imported};
use crate::model::Article;
use crate::persian::dates::{Calendar, interval_text};
use crate::persian::repair::RepairRule;
use crate::persian::sentence::sentence_around;
use crate::text::{Paragraph, Span, SpanFormat, TextField, TextJob, measure_text, paint_text};

use super::i18n::{Lang, isolate};
use super::theme::Theme;
use super::{theme, widgets};
use controls::{RowHeights, check_box, label, row};
use corrections::Correction;

/// A finished import: the import and the text it was made from (with what finishes it: a
/// page's metadata, a PDF's pages), or the error message.
pub type ImportOutcome = Result<(Imported, Extracted), String>;

/// A running import: progress in thousandths, a cancel flag, and the result when done.
pub struct ImportJob {
    pub path: PathBuf,
    /// A re-import of the open article's text: its review merges into that article.
    pub reimport: bool,
    /// The bytes came from the clipboard, not from `path`.
    pasted: bool,
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    result: Arc<Mutex<Option<ImportOutcome>>>,
}

impl ImportJob {
    /// Starts importing `path` on a background thread; `ctx` is asked to repaint as it goes.
    pub fn start(path: &Path, ctx: &egui::Context) -> Self {
        Self::spawn(path.to_path_buf(), None, ctx)
    }

    /// Starts importing `bytes` (pasted text or HTML) named `name`, as [`Self::start`] does
    /// a file.
    pub fn start_bytes(name: PathBuf, bytes: Vec<u8>, ctx: &egui::Context) -> Self {
        Self::spawn(name, Some(bytes), ctx)
    }

    /// Whether the job reads a file (not pasted text).
    pub fn is_file(&self) -> bool {
        !self.pasted
    }

    fn spawn(path: PathBuf, bytes: Option<Vec<u8>>, ctx: &egui::Context) -> Self {
        let job = Self {
            reimport: false,
            pasted: bytes.is_some(),
            path,
            progress: Arc::new(AtomicU32::new(0)),
            cancel: Arc::new(AtomicBool::new(false)),
            result: Arc::new(Mutex::new(None)),
        };
        let (progress, cancel, result, path, ctx) = (
            job.progress.clone(),
            job.cancel.clone(),
            job.result.clone(),
            job.path.clone(),
            ctx.clone(),
        );
        std::thread::spawn(move || {
            let out = run_import(&path, bytes, &progress, &cancel, &ctx);
            if let Some(out) = out {
                *result
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(out);
            }
            ctx.request_repaint();
        });
        job
    }

    /// Progress from 0 to 1.
    pub fn progress(&self) -> f32 {
        self.progress.load(Ordering::Relaxed) as f32 / 1000.0
    }

    /// Asks the job to stop; its result will be dropped.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result, once the job is done (taken once).
    pub fn take_result(&self) -> Option<ImportOutcome> {
        self.result
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

/// The import in stages: read, decode, repair and extract. `None` when cancelled.
fn run_import(
    path: &Path,
    pasted: Option<Vec<u8>>,
    progress: &AtomicU32,
    cancel: &AtomicBool,
    ctx: &egui::Context,
) -> Option<ImportOutcome> {
    let step = |p: u32| {
        progress.store(p, Ordering::Relaxed);
        ctx.request_repaint();
        !cancel.load(Ordering::Relaxed)
    };
    let name = path.display().to_string();
    if !step(50) {
        return None;
    }
    let limit = crate::persian::decode::MAX_INPUT_BYTES;
    // Bounded whatever the path is (a FIFO or a device reports no size).
    let read = match pasted {
        Some(b) if b.len() > limit => Err(crate::bounded::BoundedReadError::TooLarge {
            size: b.len() as u64,
            limit: limit as u64,
        }),
        Some(b) => Ok(b),
        None => crate::bounded::read_path_at_most(path, limit as u64),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(crate::bounded::BoundedReadError::TooLarge { size, .. }) => {
            return Some(Err(ImportError::Decode {
                name,
                cause: crate::persian::decode::DecodeError::TooLarge {
                    size: usize::try_from(size).unwrap_or(usize::MAX),
                    limit,
                },
            }
            .to_string()));
        }
        Err(crate::bounded::BoundedReadError::Io(e)) => return Some(Err(format!("{name}: {e}"))),
    };
    if !step(200) {
        return None;
    }
    let stem = path
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Text, a saved page or a PDF, told apart by content.
    let extracted =
        match crate::import::extract_text(&bytes, &name, &ext, &ImportOptions::default()) {
            Some(Ok(x)) => x,
            Some(Err(e)) => return Some(Err(e)),
            None => {
                return Some(Err(format!(
                    "{name}: not text, a web page or a PDF; open it instead"
                )));
            }
        };
    drop(bytes);
    if !step(350) {
        return None;
    }
    let Some(mut imported) =
        crate::import::import_text_with(&extracted.text, &stem, &extracted.options)
    else {
        return Some(Err(format!("{name}: the file holds no text")));
    };
    extracted.finish(&mut imported);
    let mut warnings = extracted.warnings.clone();
    warnings.append(&mut imported.warnings);
    imported.warnings = warnings;
    if !step(1000) {
        return None;
    }
    Some(Ok((imported, extracted)))
}

/// The review of an import: what to keep.
pub struct Review {
    pub imported: Imported,
    /// A re-import of the open article's text: accepting merges it into that article,
    /// keeping the reader's work (`model::reimport`), rather than replacing it.
    pub reimport: bool,
    pub source_path: PathBuf,
    /// The text imported (and what finishes the article), to re-run the import with some
    /// repair steps undone.
    source: Extracted,
    /// Repair steps the user undid (indices of `persian::repair::STEPS`).
    pub skipped: HashSet<u8>,
    /// The steps the first import used: the rules of each that made repairs, with how many
    /// each made.
    pub steps: BTreeMap<u8, Vec<(RepairRule, usize)>>,
    /// Ids of rejected events and sources.
    pub rejected_events: HashSet<String>,
    pub rejected_sources: HashSet<String>,
    /// The document date field as typed (Solar Hijri below the year 1700, Gregorian
    /// otherwise; Persian or Latin digits); empty for the dateline found in the text.
    pub date_text: String,
    /// Why the typed date was refused, shown beside the field.
    pub date_error: Option<String>,
    /// The options of the last import (the date given).
    options: ImportOptions,
    /// The repairs of the current import, each with its context.
    corrections: Vec<Correction>,
    /// Counts the imports, so that the list's remembered row heights follow its contents.
    generation: u64,
    /// Heights of the event and source list's rows.
    rows: RowHeights,
}

/// What the user decided in the review pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    Accept,
    Cancel,
}

/// A row of the event and source list.
#[derive(Clone, Copy, Debug)]
enum Item {
    Heading(Section),
    Event(usize),
    Source(usize),
    Warning(usize),
}

#[derive(Clone, Copy, Debug)]
enum Section {
    Events,
    Sources,
    Warnings,
}

impl Item {
    /// A guess of the row's height before it is first laid out.
    fn estimate(self) -> f32 {
        match self {
            Item::Heading(_) => 30.0,
            Item::Event(_) => 96.0,
            Item::Source(_) => 34.0,
            Item::Warning(_) => 26.0,
        }
    }
}

/// Width (points) from which events and sources stand beside the repairs, not above.
const TWO_COLUMNS: f32 = 960.0;

/// Font size of the pane's small text (dates, sentences, corrections), in points.
const SMALL: f32 = 13.0;

impl Review {
    pub fn new(imported: Imported, source_path: PathBuf, source: Extracted) -> Self {
        let mut steps: BTreeMap<u8, Vec<(RepairRule, usize)>> = BTreeMap::new();
        for r in &imported.repairs {
            let rules = steps.entry(r.rule.step()).or_default();
            match rules.iter_mut().find(|(rule, _)| *rule == r.rule) {
                Some((_, n)) => *n += 1,
                None => rules.push((r.rule, 1)),
            }
        }
        let corrections = corrections::corrections(&source.text, &imported.repairs);
        Self {
            imported,
            reimport: false,
            options: source.options.clone(),
            source_path,
            source,
            skipped: HashSet::new(),
            steps,
            rejected_events: HashSet::new(),
            rejected_sources: HashSet::new(),
            date_text: String::new(),
            date_error: None,
            corrections,
            generation: 0,
            rows: RowHeights::default(),
        }
    }

    /// The label of the check box that undoes repair step `step`: the names of its rules
    /// in `lang` and how many repairs the first import made, e.g. «نیم‌فاصله (۱۲)». As
    /// AccessKit reads it (no isolate controls).
    pub fn step_label(&self, step: u8, lang: Lang) -> Option<String> {
        self.step_text(step, lang).map(|t| controls::plain(&t))
    }

    /// [`Review::step_label`] as drawn (the count isolated).
    fn step_text(&self, step: u8, lang: Lang) -> Option<String> {
        let rules = self.steps.get(&step)?;
        let sep = if lang.is_rtl() { "، " } else { ", " };
        let names: Vec<&str> = rules.iter().map(|(r, _)| lang.rule_name(*r)).collect();
        let n: usize = rules.iter().map(|(_, n)| n).sum();
        Some(format!("{} ({})", names.join(sep), lang.num_isolated(n)))
    }

    /// The repairs of the current import with their context, in the import's order.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// Takes the document date typed in the field (empty: the dateline found in the text)
    /// and imports the text again with it; a date that does not parse is refused with a
    /// message and changes nothing.
    pub fn apply_date(&mut self) {
        let typed = self.date_text.trim();
        let date = if typed.is_empty() {
            None
        } else {
            match crate::persian::tagger::parse_date_arg(typed) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.date_error = Some(e.to_string());
                    return;
                }
            }
        };
        self.date_error = None;
        self.options.date = date;
        self.reimport();
    }

    /// Undoes (`apply == false`) or redoes a repair step and imports the text again.
    /// Rejections are cleared: the events and sources found may change.
    pub fn set_step(&mut self, step: u8, apply: bool) {
        if apply {
            self.skipped.remove(&step);
        } else {
            self.skipped.insert(step);
        }
        self.reimport();
    }

    /// Imports the text again with the current steps and options. Rejections are
    /// cleared: the events and sources found may change.
    fn reimport(&mut self) {
        let stem = self.imported.article.meta.title.clone();
        let stem = self
            .source_path
            .file_stem()
            .map_or(stem, |s| s.to_string_lossy().into_owned());
        if let Some(mut again) = crate::import::import_text_skipping_with(
            &self.source.text,
            &stem,
            &self.skipped,
            &self.options,
        ) {
            self.source.finish(&mut again);
            // Decoding warnings came first; keep them.
            again
                .warnings
                .splice(0..0, self.source.warnings.iter().cloned());
            self.corrections = corrections::corrections(&self.source.text, &again.repairs);
            self.imported = again;
            self.generation += 1;
            self.rejected_events.clear();
            self.rejected_sources.clear();
        }
    }

    /// The article with what was rejected removed (claims of rejected sources dropped, and
    /// rejected events unlinked from claims).
    pub fn accepted_article(&self) -> Article {
        let mut a = self.imported.article.clone();
        a.events.retain(|e| !self.rejected_events.contains(&e.id));
        a.sources.retain(|s| !self.rejected_sources.contains(&s.id));
        a.claims
            .retain(|c| !self.rejected_sources.contains(&c.source));
        for c in &mut a.claims {
            c.events.retain(|e| !self.rejected_events.contains(e));
        }
        a
    }

    /// The pane: the decision and the document date on top; below, the found events and
    /// sources beside the repairs (mirrored in a right-to-left UI; above them in a narrow
    /// window). Returns the decision when one is made.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang, theme: Theme) -> Option<ReviewAction> {
        let s = lang.strings();
        let rtl = lang.is_rtl();
        let muted = theme::muted(theme);
        let mut action = None;
        row(ui, rtl, false, |ui| {
            let accept = if self.reimport {
                super::reimport::MERGE.get(lang == Lang::Fa)
            } else {
                s.review_accept
            };
            if ui.button(accept).clicked() {
                action = Some(ReviewAction::Accept);
            }
            if ui.button(s.cancel).clicked() {
                action = Some(ReviewAction::Cancel);
            }
            let path = path_text(&self.source_path);
            label(ui, &TextJob::new(path).size(SMALL).color(muted));
        });
        if self.date_ui(ui, lang, theme) {
            self.apply_date();
        }
        ui.separator();
        let mut toggled = None;
        if ui.available_width() >= TWO_COLUMNS {
            ui.columns(2, |cols| {
                let [left, right] = cols else { return };
                let (main, side) = if rtl { (right, left) } else { (left, right) };
                toggled = self.repairs_ui(side, lang, theme);
                self.items_ui(main, lang, theme);
            });
        } else {
            // A narrow window: events and sources above, repairs below.
            let top = egui::vec2(ui.available_width(), ui.available_height() * 0.55);
            ui.allocate_ui(top, |ui| self.items_ui(ui, lang, theme));
            ui.separator();
            toggled = self.repairs_ui(ui, lang, theme);
        }
        if let Some((step, apply)) = toggled {
            self.set_step(step, apply);
        }
        action
    }

    /// The document date row. Returns whether the typed date is to be applied.
    fn date_ui(&mut self, ui: &mut Ui, lang: Lang, theme: Theme) -> bool {
        let s = lang.strings();
        let fa = lang == Lang::Fa;
        let (ink, muted) = (theme::ink(theme), theme::muted(theme));
        let mut apply_date = false;
        row(ui, lang.is_rtl(), false, |ui| {
            let label_id = label(ui, &TextJob::new(s.review_date).size(14.0).color(ink)).id;
            let field = TextField::singleline(&mut self.date_text)
                .width(120.0)
                .hint(s.review_date_hint)
                .label(s.review_date)
                .id_salt("review-date")
                .rtl_when_empty(lang.is_rtl())
                .show(ui);
            field.response.labelled_by(label_id);
            let entered = field.submitted;
            apply_date = ui.button(s.review_date_apply).clicked() || entered;
            if let Some(err) = &self.date_error {
                let text = format!("{}: {}", s.review_date_bad, isolate(err));
                label(
                    ui,
                    &TextJob::new(text)
                        .size(SMALL)
                        .color(ui.visuals().error_fg_color),
                );
            } else if let Some(d) = self.imported.article.meta.date {
                let date = crate::model::FuzzyDate::new(d, d, crate::model::Precision::Day, "");
                let shown = format!(
                    "{} · {}",
                    isolate(&interval_text(&date, Calendar::SolarHijri, fa)),
                    isolate(&interval_text(&date, Calendar::Gregorian, fa))
                );
                label(ui, &TextJob::new(shown).size(SMALL).color(muted));
            } else {
                label(
                    ui,
                    &TextJob::new(s.review_date_none).size(SMALL).color(muted),
                );
            }
        });
        apply_date
    }

    /// The repairs column: a check box per repair step (untick to undo the step: the text
    /// is imported again), then every correction with its context, only those in view laid
    /// out. Returns a step toggled this frame.
    fn repairs_ui(&mut self, ui: &mut Ui, lang: Lang, theme: Theme) -> Option<(u8, bool)> {
        let s = lang.strings();
        let rtl = lang.is_rtl();
        let (ink, muted) = (theme::ink(theme), theme::muted(theme));
        heading(
            ui,
            format!(
                "{} ({})",
                s.review_repairs,
                lang.num_isolated(self.corrections.len())
            ),
            ink,
            rtl,
        );
        let mut toggled = None;
        row(ui, rtl, true, |ui| {
            for step in self.steps.keys() {
                let Some(text) = self.step_text(*step, lang) else {
                    continue;
                };
                let mut apply = !self.skipped.contains(step);
                let name = controls::plain(&text);
                let job = TextJob::new(text).size(SMALL).color(ink).selectable(false);
                let id = egui::Id::unique(("review-step", *step));
                if check_box(ui, id, &mut apply, &job, &name, rtl).changed() {
                    toggled = Some((*step, apply));
                }
            }
        });
        ui.separator();
        if self.corrections.is_empty() {
            row(ui, rtl, false, |ui| {
                label(
                    ui,
                    &TextJob::new(s.review_no_repairs).size(SMALL).color(muted),
                );
            });
            return toggled;
        }
        let pal = corrections::Palette::new(theme);
        let sample = TextJob::new("نمونه").size(SMALL);
        let row_height = measure_text(ui.ctx(), &sample).y + 4.0;
        // The rule names stand in a column as wide as the widest of them.
        let rule_job = |rule: RepairRule| {
            TextJob::new(lang.rule_name(rule))
                .size(SMALL - 1.0)
                .color(muted)
                .selectable(false)
        };
        let name_width = self
            .steps
            .values()
            .flatten()
            .map(|(r, _)| measure_text(ui.ctx(), &rule_job(*r)).x)
            .fold(0.0_f32, f32::max)
            + 12.0;
        let list = &self.corrections;
        egui::ScrollArea::vertical()
            .id_salt("review-repairs")
            .auto_shrink(false)
            .show_rows(ui, row_height, list.len(), |ui, range| {
                for c in &list[range] {
                    let width = ui.available_width();
                    let (rect, resp) =
                        ui.allocate_exact_size(egui::vec2(width, row_height), egui::Sense::hover());
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Label,
                            true,
                            corrections::correction_label(c, lang),
                        )
                    });
                    if !ui.is_rect_visible(rect) {
                        continue;
                    }
                    let (name_rect, text_rect) = if rtl {
                        let (l, r) = rect.split_left_right_at_x(rect.right() - name_width);
                        (r, l)
                    } else {
                        rect.split_left_right_at_x(rect.left() + name_width)
                    };
                    let (anchor, name_pos, text_pos) = if rtl {
                        (
                            egui::Align2::RIGHT_CENTER,
                            name_rect.right_center(),
                            text_rect.right_center(),
                        )
                    } else {
                        (
                            egui::Align2::LEFT_CENTER,
                            name_rect.left_center(),
                            text_rect.left_center(),
                        )
                    };
                    paint_text(
                        &ui.painter_at(name_rect),
                        &rule_job(c.rule),
                        name_pos,
                        anchor,
                    );
                    let job = corrections::correction_job(c, lang, &pal, SMALL);
                    paint_text(&ui.painter_at(text_rect), &job, text_pos, anchor);
                }
            });
        toggled
    }

    /// The events and sources column (and the import's notes): a row per item, only those
    /// in view laid out.
    fn items_ui(&mut self, ui: &mut Ui, lang: Lang, theme: Theme) {
        let a = &mut self.imported.article;
        let warnings = &self.imported.warnings;
        let mut items: Vec<Item> =
            Vec::with_capacity(a.events.len() + a.sources.len() + warnings.len() + 3);
        items.push(Item::Heading(Section::Events));
        items.extend((0..a.events.len()).map(Item::Event));
        items.push(Item::Heading(Section::Sources));
        items.extend((0..a.sources.len()).map(Item::Source));
        if !warnings.is_empty() {
            items.push(Item::Heading(Section::Warnings));
            items.extend((0..warnings.len()).map(Item::Warning));
        }
        let generation = self.generation * 2 + u64::from(lang == Lang::En);
        let (rejected_events, rejected_sources) =
            (&mut self.rejected_events, &mut self.rejected_sources);
        let s = lang.strings();
        let rtl = lang.is_rtl();
        let ink = theme::ink(theme);
        controls::lazy_rows(
            ui,
            "review-items",
            &mut self.rows,
            generation,
            items.len(),
            &|i| items.get(i).map_or(30.0, |it| it.estimate()),
            &mut |ui, i| match items.get(i) {
                Some(Item::Heading(section)) => {
                    let (name, n) = match section {
                        Section::Events => (s.events, a.events.len()),
                        Section::Sources => (s.sources, a.sources.len()),
                        Section::Warnings => (s.review_warnings, warnings.len()),
                    };
                    ui.add_space(4.0);
                    heading(ui, format!("{name} ({})", lang.num_isolated(n)), ink, rtl);
                }
                Some(Item::Event(k)) => {
                    let crate::model::Article {
                        events,
                        blocks,
                        categories,
                        ..
                    } = &mut *a;
                    if let Some(e) = events.get_mut(*k) {
                        event_ui(ui, e, categories, blocks, rejected_events, lang, theme);
                    }
                }
                Some(Item::Source(k)) => {
                    let claims = &a.claims;
                    if let Some(src) = a.sources.get_mut(*k) {
                        let n = claims.iter().filter(|c| c.source == src.id).count();
                        source_ui(ui, src, n, rejected_sources, lang, theme);
                    }
                }
                Some(Item::Warning(k)) => {
                    if let Some(w) = warnings.get(*k) {
                        let color = ui.visuals().warn_fg_color;
                        Paragraph::new(TextJob::new(w.as_str()).size(SMALL).color(color))
                            .width(ui.available_width() - 8.0)
                            .id_salt(("review-warning", *k))
                            .show(ui);
                    }
                }
                None => {}
            },
        );
    }
}

/// `path` to show inside a sentence: left to right as a whole (LRI … PDI), each folder
/// and file name isolated in its own direction, so a Persian name keeps its words in order
/// and its place between the slashes.
fn path_text(path: &Path) -> String {
    let shown = path.display().to_string();
    let names: Vec<String> = shown
        .split('/')
        .map(|n| {
            if n.is_empty() {
                String::new()
            } else {
                isolate(n)
            }
        })
        .collect();
    format!("\u{2066}{}\u{2069}", names.join("/"))
}

/// A section heading, on the start side.
fn heading(ui: &mut Ui, text: String, ink: egui::Color32, rtl: bool) {
    row(ui, rtl, false, |ui| {
        label(
            ui,
            &TextJob::new(text)
                .size(15.0)
                .weight(800.0)
                .color(ink)
                .selectable(false),
        );
    });
}

/// The «keep» check box of the event or source `id` (AccessKit: «keep: `what`»): unticked,
/// `id` is in `rejected`.
fn keep_box(
    ui: &mut Ui,
    rejected: &mut HashSet<String>,
    id: &str,
    what: &str,
    lang: Lang,
    ink: egui::Color32,
) {
    let s = lang.strings();
    let mut keep = !rejected.contains(id);
    let job = TextJob::new(s.review_keep)
        .size(SMALL)
        .color(ink)
        .selectable(false);
    let name = format!("{}: {what}", s.review_keep);
    let widget = ui.make_persistent_id(("review-keep", id));
    if check_box(ui, widget, &mut keep, &job, &name, lang.is_rtl()).changed() {
        if keep {
            rejected.remove(id);
        } else {
            rejected.insert(id.to_owned());
        }
    }
}

/// One found event: keep it or not, its date, its category and title; under them the
/// sentence it was read from, its date wording marked.
fn event_ui(
    ui: &mut Ui,
    e: &mut crate::model::Event,
    categories: &[crate::model::Category],
    blocks: &[crate::model::Block],
    rejected: &mut HashSet<String>,
    lang: Lang,
    theme: Theme,
) {
    let s = lang.strings();
    let fa = lang == Lang::Fa;
    let rtl = lang.is_rtl();
    let ink = theme::ink(theme);
    row(ui, rtl, false, |ui| {
        keep_box(ui, rejected, &e.id, &e.label, lang, ink);
        let date = interval_text(&e.date, Calendar::Gregorian, fa);
        label(
            ui,
            &TextJob::new(date)
                .size(SMALL)
                .weight(700.0)
                .color(theme::accent(theme))
                .selectable(false),
        );
        let label_id = label(
            ui,
            &TextJob::new(s.review_title)
                .size(SMALL)
                .color(ink)
                .selectable(false),
        )
        .id;
        let options: Vec<(String, String)> = categories
            .iter()
            .map(|c| (c.id.clone(), c.name(fa).to_owned()))
            .collect();
        // The field takes what the category box (and its label) leave of the row.
        let (_, combo_w) = widgets::combo_box_size(ui, s.lane, &options, rtl);
        let gap = ui.spacing().item_spacing.x;
        let field_width = (ui.available_width() - combo_w - 2.0 * gap).clamp(120.0, 320.0);
        TextField::singleline(&mut e.label)
            .width(field_width)
            .label(format!("{}: {}", s.review_title, e.id))
            .id_salt(("review-label", &e.id))
            .rtl_when_empty(lang.is_rtl())
            .show(ui)
            .response
            .labelled_by(label_id);
        widgets::combo_box(
            ui,
            ("review-lane", &e.id),
            s.lane,
            &mut e.category,
            &options,
            lang.is_rtl(),
        );
    });
    let job = sentence_job(e, blocks, lang, theme);
    row(ui, rtl, false, |ui| {
        Paragraph::new(job)
            .width(ui.available_width() - 24.0)
            .id_salt(("review-sentence", &e.id))
            .show(ui);
    });
    ui.add_space(6.0);
}

/// The sentence event `e` was read from, its date wording marked; the wording alone with
/// a note when the sentence is not found.
fn sentence_job(
    e: &crate::model::Event,
    blocks: &[crate::model::Block],
    lang: Lang,
    theme: Theme,
) -> TextJob {
    let muted = theme::muted(theme);
    let found = blocks
        .iter()
        .find(|b| b.id == e.anchor.block)
        .and_then(|b| e.anchor.resolve(&b.text).map(|r| (b.text.as_str(), r)));
    let Some((text, r)) = found else {
        let text = format!(
            "«{}» — {}",
            e.date.wording,
            lang.strings().review_no_sentence
        );
        return TextJob::new(text).size(SMALL).color(muted);
    };
    let sent = sentence_around(text, r.clone());
    let wording = r.start.saturating_sub(sent.start)..r.end.saturating_sub(sent.start);
    TextJob::new(&text[sent])
        .size(SMALL)
        .color(muted)
        .span(Span::styled(
            wording,
            SpanFormat {
                color: Some(theme::ink(theme)),
                background: Some(theme::highlight(theme)),
                ..Default::default()
            },
        ))
}

/// One found source: keep it or not, its name (editable) and how many claims it makes.
fn source_ui(
    ui: &mut Ui,
    src: &mut crate::model::Source,
    claims: usize,
    rejected: &mut HashSet<String>,
    lang: Lang,
    theme: Theme,
) {
    let s = lang.strings();
    let rtl = lang.is_rtl();
    let (ink, muted) = (theme::ink(theme), theme::muted(theme));
    row(ui, rtl, false, |ui| {
        keep_box(ui, rejected, &src.id, &src.name, lang, ink);
        let label_id = label(
            ui,
            &TextJob::new(s.review_name)
                .size(SMALL)
                .color(ink)
                .selectable(false),
        )
        .id;
        TextField::singleline(&mut src.name)
            .width(260.0)
            .label(format!("{}: {}", s.review_name, src.id))
            .id_salt(("review-src", &src.id))
            .rtl_when_empty(lang.is_rtl())
            .show(ui)
            .response
            .labelled_by(label_id);
        let count = format!("{}: {}", s.claims, lang.num_isolated(claims));
        label(
            ui,
            &TextJob::new(count)
                .size(SMALL)
                .color(muted)
                .selectable(false),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::path_text;

    #[test]
    fn a_path_isolates_each_name() {
        assert_eq!(
            path_text(std::path::Path::new("/خبرها/سد تازه.txt")),
            "\u{2066}/\u{2068}خبرها\u{2069}/\u{2068}سد تازه.txt\u{2069}\u{2069}"
        );
    }
}
