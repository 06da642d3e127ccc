//! PDF documents: the text drawn on each page, put back in reading order, then the same
//! repair, tagging and attribution as a text file.
//!
//! `pdf-extract` (on `lopdf`) parses the file, its fonts and their `ToUnicode` maps and hands
//! over every glyph with its position; it was chosen over `lopdf`'s own `extract_text`
//! (which returns each page's strings in drawing order with no positions, so columns and
//! right-to-left lines cannot be told apart) and over binding poppler (a C++ library the
//! build would need installed). What this module adds is what PDF does to Persian:
//!
//! - glyphs come in *visual* order, left to right, so a Persian line reads backwards; each
//!   line is reversed, and runs that were drawn left to right inside it (Latin words,
//!   numbers) are turned back, as the Unicode bidi algorithm had turned them;
//! - brackets drawn in a right-to-left line are the mirrored glyphs;
//! - lines are grouped into columns (read right to left for Persian) and paragraphs by
//!   their positions; a line that spans the columns (a title) is read before them;
//! - the page number of each paragraph is kept on its block.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::text::{ImportError, ImportOptions, Imported, import_text_with};
use crate::persian::fold::fold_text;

/// One glyph as drawn: its page, box and text (one or more characters for a ligature).
#[derive(Clone, Debug)]
struct Glyph {
    page: u32,
    x0: f64,
    x1: f64,
    /// Baseline, top of the page first (PDF's y grows upwards; this one downwards).
    y: f64,
    size: f64,
    text: String,
}

/// Collects glyphs from `pdf-extract`.
#[derive(Default)]
struct Collector {
    page: u32,
    height: f64,
    glyphs: Vec<Glyph>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page_num;
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if char.chars().all(char::is_control) {
            return Ok(());
        }
        // The side of the square with the area of the transformed em (as pdf-extract's
        // own text output measures it).
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).abs().sqrt();
        let x = trm.m31;
        let w = width * size;
        self.glyphs.push(Glyph {
            page: self.page,
            x0: x.min(x + w),
            x1: x.max(x + w),
            y: self.height - trm.m32,
            size: if size.is_finite() && size > 0.0 {
                size
            } else {
                1.0
            },
            text: char.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A paragraph read back from a PDF, with the page it starts on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfParagraph {
    pub page: u32,
    pub text: String,
}

/// Why a PDF gave no text.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{name}: not a readable PDF: {cause}")]
    Unreadable { name: String, cause: String },
    #[error("{name}: the PDF holds no text (a scan needs OCR first)")]
    NoText { name: String },
}

/// The paragraphs of a PDF in reading order.
///
/// # Errors
/// [`PdfError`] when the file does not parse or draws no text.
pub fn read_pdf(bytes: &[u8], name: &str) -> Result<Vec<PdfParagraph>, PdfError> {
    let unreadable = |cause: String| PdfError::Unreadable {
        name: name.to_owned(),
        cause,
    };
    // pdf-extract panics on some malformed files; a bad file is an error, never a crash.
    let glyphs = std::panic::catch_unwind(|| -> Result<Vec<Glyph>, String> {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        if doc.is_encrypted() {
            return Err("the file is encrypted".to_owned());
        }
        let mut out = Collector::default();
        pdf_extract::output_doc(&doc, &mut out).map_err(|e| format!("{e:?}"))?;
        Ok(out.glyphs)
    })
    .map_err(|_| unreadable("the PDF parser failed on it".to_owned()))?
    .map_err(unreadable)?;
    let mut paragraphs = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let page = glyphs[start].page;
        let end = start
            + glyphs[start..]
                .iter()
                .position(|g| g.page != page)
                .unwrap_or(glyphs.len() - start);
        paragraphs.extend(page_paragraphs(&glyphs[start..end]));
        start = end;
    }
    if paragraphs.is_empty() {
        return Err(PdfError::NoText {
            name: name.to_owned(),
        });
    }
    Ok(paragraphs)
}

/// One visual line segment: glyphs on one baseline with no column gap between them.
#[derive(Clone, Debug)]
struct Segment {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    rtl: bool,
}

/// A page's paragraphs: segments grouped into lines, columns and paragraphs.
fn page_paragraphs(glyphs: &[Glyph]) -> Vec<PdfParagraph> {
    let page = glyphs.first().map_or(1, |g| g.page);
    let segments = segments(glyphs);
    if segments.is_empty() {
        return Vec::new();
    }
    let left = segments.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let right = segments
        .iter()
        .map(|s| s.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let width = (right - left).max(1.0);
    let rtl_page = segments.iter().filter(|s| s.rtl).count() * 2 >= segments.len();
    // Columns: the gutters are x ranges no narrower segment crosses.
    let narrow: Vec<&Segment> = segments
        .iter()
        .filter(|s| s.x1 - s.x0 < width * 0.6)
        .collect();
    let mut columns: Vec<(f64, f64)> = Vec::new();
    let mut by_x: Vec<&&Segment> = narrow.iter().collect();
    by_x.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    for s in by_x {
        match columns.last_mut() {
            Some((_, end)) if s.x0 <= *end + s.size => *end = end.max(s.x1),
            _ => columns.push((s.x0, s.x1)),
        }
    }
    let several = columns.len() > 1 && columns.iter().all(|(a, b)| b - a > width * 0.2);
    let column_of = |s: &Segment| -> Option<usize> {
        if !several || s.x1 - s.x0 >= width * 0.6 {
            return None;
        }
        columns
            .iter()
            .position(|(a, b)| s.x0 >= a - 1.0 && s.x1 <= b + 1.0)
    };
    // Bands: segments spanning the page split it; within a band, columns in reading order.
    let mut order: Vec<(usize, Option<usize>, &Segment)> = Vec::new();
    let mut band = 0;
    let mut sorted: Vec<&Segment> = segments.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(b.x1.total_cmp(&a.x1)));
    for s in sorted {
        let col = column_of(s);
        if col.is_none() && several {
            band += 1;
            order.push((band, None, s));
            band += 1;
        } else {
            order.push((band, col, s));
        }
    }
    order.sort_by(|a, b| {
        let col = |c: Option<usize>| {
            let c = c.unwrap_or(0);
            if rtl_page { usize::MAX - c } else { c }
        };
        a.0.cmp(&b.0)
            .then(col(a.1).cmp(&col(b.1)))
            .then(a.2.y.total_cmp(&b.2.y))
            .then(if a.2.rtl {
                b.2.x1.total_cmp(&a.2.x1)
            } else {
                a.2.x0.total_cmp(&b.2.x0)
            })
    });
    // The page's line pitch: the commonest distance between consecutive lines of a column.
    let size = order.first().map_or(12.0, |o| o.2.size);
    let mut steps: Vec<f64> = order
        .windows(2)
        .filter(|w| w[0].0 == w[1].0 && w[0].1 == w[1].1)
        .map(|w| w[1].2.y - w[0].2.y)
        .filter(|d| *d > size * 0.5 && *d < size * 4.0)
        .collect();
    steps.sort_by(f64::total_cmp);
    let pitch = steps.get(steps.len() / 2).copied().unwrap_or(size * 1.5);
    // Paragraphs: a new one after a gap wider than the line pitch, a change of size, a
    // change of column, or a line that ends well short of its column's edge (a third of
    // the column: ragged lines are shorter than that).
    let mut out: Vec<PdfParagraph> = Vec::new();
    let mut current = String::new();
    let mut prev: Option<(usize, Option<usize>, &Segment)> = None;
    let mut short_before = false;
    for (band, col, s) in order {
        let breaks = match prev {
            None => true,
            // From the foot of a column to the head of the next, a paragraph goes on
            // unless its last line stopped short.
            Some((pb, pc, p)) if pb == band && pc != col => {
                short_before || (s.size - p.size).abs() > p.size * 0.15
            }
            Some((pb, _, p)) => {
                pb != band
                    || (s.y - p.y).abs() > pitch * 1.3
                    || (s.size - p.size).abs() > p.size * 0.15
                    || short_before
            }
        };
        let same_line = prev
            .is_some_and(|(pb, pc, p)| pb == band && pc == col && (s.y - p.y).abs() < p.size * 0.3);
        if breaks && !same_line && !current.is_empty() {
            out.push(PdfParagraph {
                page,
                text: std::mem::take(&mut current),
            });
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&s.text);
        let (a, b) = col.map_or((left, right), |c| columns[c]);
        // A line that stops short of its column's far edge ends its paragraph.
        let short = if s.rtl { s.x0 - a } else { b - s.x1 };
        short_before = short > (b - a) / 3.0;
        prev = Some((band, col, s));
    }
    if !current.is_empty() {
        out.push(PdfParagraph {
            page,
            text: current,
        });
    }
    out
}

/// Glyphs grouped by baseline, then cut where a gap is wider than two ems.
fn segments(glyphs: &[Glyph]) -> Vec<Segment> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y - g.y).abs() < line[0].size * 0.3 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut run: Vec<&Glyph> = Vec::new();
        for g in line {
            if let Some(last) = run.last()
                && g.x0 - last.x1 > last.size * 2.0
            {
                out.push(segment(&run));
                run.clear();
            }
            run.push(g);
        }
        if !run.is_empty() {
            out.push(segment(&run));
        }
    }
    out.retain(|s| !s.text.trim().is_empty());
    out
}

/// A run of glyphs (left to right on the page) as logical text.
fn segment(run: &[&Glyph]) -> Segment {
    // Visual text, with a space where glyphs stand apart and none was drawn. A space glyph
    // that does not advance (the next glyph starts where it does) is a zero-width
    // non-joiner: Chromium and other shapers draw ZWNJ with the space's glyph at no width.
    let mut visual: Vec<String> = Vec::with_capacity(run.len());
    for (i, g) in run.iter().enumerate() {
        if i > 0 {
            let prev = run[i - 1];
            let gap = g.x0 - prev.x1;
            let spaced = visual.last().is_some_and(|t| t.ends_with(' ')) || g.text.starts_with(' ');
            if gap > g.size * 0.12 && !spaced {
                visual.push(" ".to_owned());
            }
        }
        let zero_width = g.text == " "
            && run
                .get(i + 1)
                .is_some_and(|next| (next.x0 - g.x0).abs() < g.size * 0.05);
        visual.push(if zero_width {
            "\u{200c}".to_owned()
        } else {
            g.text.clone()
        });
    }
    let (strong_rtl, strong_ltr) =
        visual
            .iter()
            .flat_map(|t| t.chars())
            .fold((0, 0), |(r, l), c| match direction(c) {
                Dir::Rtl => (r + 1, l),
                Dir::Ltr => (r, l + 1),
                _ => (r, l),
            });
    let rtl = strong_rtl > 0 && strong_rtl >= strong_ltr;
    let text = if rtl {
        logical_from_rtl_visual(visual)
    } else {
        visual.concat()
    };
    Segment {
        x0: run.first().map_or(0.0, |g| g.x0),
        x1: run.iter().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max),
        y: run.first().map_or(0.0, |g| g.y),
        size: run.first().map_or(1.0, |g| g.size),
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        rtl,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Rtl,
    Ltr,
    /// A digit: drawn left to right inside a right-to-left line.
    Number,
    Neutral,
}

fn direction(c: char) -> Dir {
    use unicode_bidi::BidiClass::{AL, AN, EN, L, R};
    match unicode_bidi::bidi_class(c) {
        R | AL => Dir::Rtl,
        L => Dir::Ltr,
        EN | AN => Dir::Number,
        _ => Dir::Neutral,
    }
}

/// A right-to-left line's glyphs (in visual order, left to right) as logical text: the
/// glyph order reversed, then each run that the bidi algorithm drew left to right (Latin
/// words with the spaces and punctuation between them, numbers with their separators)
/// turned back, and mirrored brackets swapped.
fn logical_from_rtl_visual(mut visual: Vec<String>) -> String {
    visual.reverse();
    let dirs: Vec<Dir> = visual
        .iter()
        .map(|t| {
            let mut d = Dir::Neutral;
            for c in t.chars() {
                match direction(c) {
                    Dir::Neutral => {}
                    other => {
                        d = other;
                        break;
                    }
                }
            }
            d
        })
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < visual.len() {
        if matches!(dirs[i], Dir::Ltr | Dir::Number) {
            // The run: LTR/number units, with neutrals inside it (not at its ends).
            let number_run = dirs[i] == Dir::Number;
            let mut j = i + 1;
            let mut end = i + 1;
            while j < visual.len() {
                match dirs[j] {
                    Dir::Rtl => break,
                    Dir::Ltr if number_run => break,
                    Dir::Ltr | Dir::Number => end = j + 1,
                    Dir::Neutral => {
                        // A number keeps only separators (no spaces) inside it.
                        if number_run && visual[j].trim().is_empty() {
                            break;
                        }
                    }
                }
                j += 1;
            }
            for t in visual[i..end].iter().rev() {
                out.push_str(t);
            }
            i = end;
        } else {
            for c in visual[i].chars() {
                out.push(mirror(c));
            }
            i += 1;
        }
    }
    out
}

/// The bracket a mirrored glyph stands for.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '«' => '»',
        '»' => '«',
        '<' => '>',
        '>' => '<',
        other => other,
    }
}

/// The paragraphs as the text importer reads them, separated by blank lines.
pub fn pdf_text(paragraphs: &[PdfParagraph]) -> String {
    paragraphs
        .iter()
        .map(|p| format!("{}\n\n", p.text))
        .collect()
}

/// Imports a PDF's bytes: its paragraphs in reading order through the text importer, each
/// block given the page its paragraph starts on.
///
/// # Errors
/// [`PdfError`] when the PDF does not parse or draws no text.
pub fn import_pdf(bytes: &[u8], name: &str, options: &ImportOptions) -> Result<Imported, PdfError> {
    let paragraphs = read_pdf(bytes, name)?;
    let mut imported =
        import_text_with(&pdf_text(&paragraphs), name, options).ok_or_else(|| {
            PdfError::NoText {
                name: name.to_owned(),
            }
        })?;
    apply_pages(&mut imported, &paragraphs);
    Ok(imported)
}

/// Gives each block the page of the paragraph its text starts with. Blocks come in the
/// paragraphs' order; repair may have joined or changed paragraphs, so a block that
/// matches none keeps the page of the one before.
pub fn apply_pages(imported: &mut Imported, paragraphs: &[PdfParagraph]) {
    let starts: Vec<(String, u32)> = paragraphs
        .iter()
        .map(|p| (fold_text(&p.text).into_owned(), p.page))
        .collect();
    let mut at = 0;
    let mut page = paragraphs.first().map_or(1, |p| p.page);
    for block in &mut imported.article.blocks {
        let head: String = fold_text(&block.text)
            .into_owned()
            .chars()
            .take(24)
            .collect();
        if let Some(k) = starts[at..]
            .iter()
            .position(|(t, _)| !head.is_empty() && t.starts_with(&head))
        {
            at += k;
            page = starts[at].1;
        }
        block.page = Some(page);
    }
}

impl From<PdfError> for ImportError {
    fn from(e: PdfError) -> Self {
        match e {
            PdfError::NoText { name } => ImportError::Empty { name },
            PdfError::Unreadable { name, cause } => ImportError::Io {
                name,
                cause: std::io::Error::new(std::io::ErrorKind::InvalidData, cause),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(s: &str) -> Vec<String> {
        s.chars().map(String::from).collect()
    }

    #[test]
    fn a_persian_line_drawn_left_to_right_reads_in_logical_order() {
        // «در سال 2019 (INSS) گفت» as drawn: Persian reversed, the number and the Latin
        // word left to right, brackets mirrored.
        let visual: String = "تفگ (INSS) 2019 لاس رد".to_owned();
        assert_eq!(
            logical_from_rtl_visual(glyphs(&visual)),
            "در سال 2019 (INSS) گفت"
        );
        assert_eq!(
            logical_from_rtl_visual(glyphs("۱۳۹۸/۰۲/۱۵ خیرات")),
            "تاریخ ۱۳۹۸/۰۲/۱۵"
        );
        assert_eq!(
            logical_from_rtl_visual(glyphs("Tel Aviv رد")),
            "در Tel Aviv"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(matches!(
            read_pdf(b"%PDF-1.7\n%garbage", "x.pdf"),
            Err(PdfError::Unreadable { .. })
        ));
        assert!(read_pdf(b"", "x.pdf").is_err());
    }
}
