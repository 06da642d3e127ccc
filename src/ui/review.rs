//! Importing a text file in the background (progress, cancel) and the review pane that
//! follows: the repairs as a diff, the found events and sources to accept, reject or edit,
//! before the article is opened.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use egui::Ui;

use crate::import::{ImportError, ImportOptions, Imported};
use crate::model::Article;
use crate::persian::dates::{Calendar, interval_text};
use crate::text::{Paragraph, TextJob};

use super::i18n::Lang;
use super::theme;
use super::widgets::header;

/// A finished import: the import and its decoded text, or the error message.
pub type ImportOutcome = Result<(Imported, String), String>;

/// A running import: progress in thousandths, a cancel flag, and the result when done.
pub struct ImportJob {
    pub path: PathBuf,
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    result: Arc<Mutex<Option<ImportOutcome>>>,
}

impl ImportJob {
    /// Starts importing `path` on a background thread; `ctx` is asked to repaint as it goes.
    pub fn start(path: &Path, ctx: &egui::Context) -> Self {
        let job = Self {
            path: path.to_path_buf(),
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
            let out = run_import(&path, &progress, &cancel, &ctx);
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
    let limit = crate::persian::decode::MAX_INPUT_BYTES as u64;
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return Some(Err(format!("{name}: {e}"))),
    };
    if size > limit {
        return Some(Err(ImportError::Decode {
            name,
            cause: crate::persian::decode::DecodeError::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: crate::persian::decode::MAX_INPUT_BYTES,
            },
        }
        .to_string()));
    }
    if !step(50) {
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Some(Err(format!("{name}: {e}"))),
    };
    if !step(200) {
        return None;
    }
    let decoded = match crate::persian::decode::decode(&bytes) {
        Ok(d) => d,
        Err(e) => return Some(Err(format!("{name}: {e}"))),
    };
    drop(bytes);
    if !step(350) {
        return None;
    }
    let stem = path
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    let Some(mut imported) = crate::import::import_text(&decoded.text, &stem) else {
        return Some(Err(format!("{name}: the file holds no text")));
    };
    let mut warnings: Vec<String> = decoded
        .warnings
        .iter()
        .map(|w| format!("bytes {}..{}: {}", w.bytes.start, w.bytes.end, w.message))
        .collect();
    warnings.append(&mut imported.warnings);
    imported.warnings = warnings;
    if !step(1000) {
        return None;
    }
    Some(Ok((imported, decoded.text)))
}

/// The review of an import: what to keep.
pub struct Review {
    pub imported: Imported,
    pub source_path: PathBuf,
    /// The decoded text, to re-run the import with some repair steps undone.
    text: String,
    /// Repair steps the user undid (indices of `persian::repair::STEPS`).
    pub skipped: HashSet<u8>,
    /// The steps the first import used: name and number of repairs.
    pub steps: BTreeMap<u8, (String, usize)>,
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
}

/// What the user decided in the review pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    Accept,
    Cancel,
}

impl Review {
    pub fn new(imported: Imported, source_path: PathBuf, text: String) -> Self {
        let mut steps: BTreeMap<u8, (String, usize)> = BTreeMap::new();
        for r in &imported.repairs {
            let e = steps
                .entry(r.rule.step())
                .or_insert_with(|| (String::new(), 0));
            if !e.0.contains(r.rule.describe()) {
                if !e.0.is_empty() {
                    e.0.push_str(", ");
                }
                e.0.push_str(r.rule.describe());
            }
            e.1 += 1;
        }
        Self {
            imported,
            source_path,
            text,
            skipped: HashSet::new(),
            steps,
            rejected_events: HashSet::new(),
            rejected_sources: HashSet::new(),
            date_text: String::new(),
            date_error: None,
            options: ImportOptions::default(),
        }
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
            &self.text,
            &stem,
            &self.skipped,
            &self.options,
        ) {
            // Decoding warnings came first; keep them.
            let decode_warnings: Vec<String> = self
                .imported
                .warnings
                .iter()
                .filter(|w| w.starts_with("bytes "))
                .cloned()
                .collect();
            again.warnings.splice(0..0, decode_warnings);
            self.imported = again;
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

    /// The pane. Returns the decision when one is made.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang, dark: bool) -> Option<ReviewAction> {
        let s = lang.strings();
        let fa = lang == Lang::Fa;
        let rtl = lang.is_rtl();
        let ink = theme::ink(dark);
        let muted = theme::muted(dark);
        let mut action = None;
        ui.horizontal(|ui| {
            if ui.button(s.review_accept).clicked() {
                action = Some(ReviewAction::Accept);
            }
            if ui.button(s.cancel).clicked() {
                action = Some(ReviewAction::Cancel);
            }
            ui.label(self.source_path.display().to_string());
        });
        let mut apply_date = false;
        ui.horizontal(|ui| {
            let label_id = ui.label(s.review_date).id;
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.date_text)
                        .desired_width(120.0)
                        .hint_text("1402/03/11")
                        .id_salt("review-date"),
                )
                .labelled_by(label_id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            apply_date = ui.button(s.review_date_apply).clicked() || entered;
            if let Some(err) = &self.date_error {
                ui.colored_label(ui.visuals().error_fg_color, err);
            } else if let Some(d) = self.imported.article.meta.date {
                let date = crate::model::FuzzyDate::new(d, d, crate::model::Precision::Day, "");
                let shown = format!(
                    "{} · {}",
                    interval_text(&date, Calendar::SolarHijri, fa),
                    interval_text(&date, Calendar::Gregorian, fa)
                );
                Paragraph::new(TextJob::new(shown).size(13.0).color(muted))
                    .id_salt("review-date-shown")
                    .show(ui);
            } else {
                Paragraph::new(TextJob::new(s.review_date_none).size(13.0).color(muted))
                    .id_salt("review-date-none")
                    .show(ui);
            }
        });
        if apply_date {
            self.apply_date();
        }
        ui.separator();
        let width = ui.available_width();
        let mut toggled: Option<(u8, bool)> = None;
        let a = &mut self.imported.article;
        egui::ScrollArea::vertical()
            .id_salt("review-scroll")
            .auto_shrink(false)
            .show(ui, |ui| {
                // Events.
                header(
                    ui,
                    &TextJob::new(format!("{} ({})", s.events, a.events.len()))
                        .size(15.0)
                        .weight(800.0)
                        .color(ink),
                    rtl,
                );
                let categories = &a.categories;
                for e in &mut a.events {
                    ui.horizontal(|ui| {
                        let label_id = ui.label(s.review_title).id;
                        let mut keep = !self.rejected_events.contains(&e.id);
                        if ui.checkbox(&mut keep, s.review_keep).changed() {
                            if keep {
                                self.rejected_events.remove(&e.id);
                            } else {
                                self.rejected_events.insert(e.id.clone());
                            }
                        }
                        let current = categories
                            .iter()
                            .find(|c| c.id == e.category)
                            .unwrap_or_else(|| crate::model::category::other());
                        egui::ComboBox::new(("review-lane", &e.id), s.lane)
                            .selected_text(current.name(fa))
                            .show_ui(ui, |ui| {
                                for c in categories {
                                    ui.selectable_value(&mut e.category, c.id.clone(), c.name(fa));
                                }
                            });
                        ui.add(
                            egui::TextEdit::singleline(&mut e.label)
                                .desired_width(260.0)
                                .id_salt(("review-label", &e.id)),
                        )
                        .labelled_by(label_id);
                    });
                    let line = format!(
                        "«{}» — {}",
                        e.date.wording,
                        interval_text(&e.date, Calendar::Gregorian, fa)
                    );
                    Paragraph::new(TextJob::new(line).size(13.0).color(muted))
                        .width(width - 16.0)
                        .id_salt(("review-ev", &e.id))
                        .show(ui);
                    ui.add_space(4.0);
                }
                ui.separator();
                // Sources.
                header(
                    ui,
                    &TextJob::new(format!("{} ({})", s.sources, a.sources.len()))
                        .size(15.0)
                        .weight(800.0)
                        .color(ink),
                    rtl,
                );
                for src in &mut a.sources {
                    ui.horizontal(|ui| {
                        let label_id = ui.label(s.review_name).id;
                        let mut keep = !self.rejected_sources.contains(&src.id);
                        if ui.checkbox(&mut keep, s.review_keep).changed() {
                            if keep {
                                self.rejected_sources.remove(&src.id);
                            } else {
                                self.rejected_sources.insert(src.id.clone());
                            }
                        }
                        ui.add(
                            egui::TextEdit::singleline(&mut src.name)
                                .desired_width(260.0)
                                .id_salt(("review-src", &src.id)),
                        )
                        .labelled_by(label_id);
                    });
                }
                ui.separator();
                // Repairs, counted by rule, then each as before → after.
                header(
                    ui,
                    &TextJob::new(format!(
                        "{} ({})",
                        s.review_repairs,
                        self.imported.repairs.len()
                    ))
                    .size(15.0)
                    .weight(800.0)
                    .color(ink),
                    rtl,
                );
                // One row per kind of repair: untick to undo it (the text is imported again).
                for (step, (name, n)) in &self.steps {
                    let mut apply = !self.skipped.contains(step);
                    if ui.checkbox(&mut apply, format!("{name} ({n})")).changed() {
                        toggled = Some((*step, apply));
                    }
                }

                for (i, r) in self.imported.repairs.iter().enumerate().take(400) {
                    // Invisible characters are shown by their code points.
                    let shown = |t: &str| {
                        if t.trim().is_empty() {
                            t.escape_unicode().to_string()
                        } else {
                            t.to_owned()
                        }
                    };
                    let (before, after) = (
                        shown(&r.before),
                        if r.after.is_empty() {
                            "—".to_owned()
                        } else {
                            shown(&r.after)
                        },
                    );
                    let job = TextJob::new(format!("{before}  ←  {after}"))
                        .size(13.0)
                        .color(ink)
                        .span(crate::text::Span::styled(
                            0..before.len(),
                            crate::text::SpanFormat {
                                color: Some(theme::accent(dark)),
                                ..Default::default()
                            },
                        ));
                    Paragraph::new(job)
                        .width(width - 16.0)
                        .id_salt(("repair", i))
                        .show(ui);
                }
                if !self.imported.warnings.is_empty() {
                    ui.separator();
                    for w in &self.imported.warnings {
                        ui.colored_label(ui.visuals().warn_fg_color, w);
                    }
                }
            });
        if let Some((step, apply)) = toggled {
            self.set_step(step, apply);
        }
        action
    }
}
