//! Any file Gahnegar reads, told apart by its content first and its extension second: a
//! saved article (RON), a saved web page, a Telegram channel export, TimelineJS JSON, CSV,
//! a PDF, or text. The command line's `import`, `dump` and `export` and the app's Open all
//! come through here, so a page saved as `.txt` or an export renamed `.json` is still read
//! for what it is.

use std::path::Path;

use anyhow::Context as _;

use super::text::{ImportOptions, Imported};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Gahnegar article (RON).
    Article,
    /// A saved web page.
    Html,
    /// Telegram Desktop's JSON export of a channel or chat.
    Telegram,
    /// Knight Lab TimelineJS JSON.
    TimelineJs,
    /// CSV of events (Gahnegar's columns or TimelineJS's spreadsheet template).
    Csv,
    /// A PDF document.
    Pdf,
    /// Text, in any encoding the decoder reads (a CSV feed of news items included).
    Text,
}

impl FileKind {
    /// The kind's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "a Gahnegar article",
            Self::Html => "a web page",
            Self::Telegram => "a Telegram export",
            Self::TimelineJs => "TimelineJS JSON",
            Self::Csv => "CSV of events",
            Self::Pdf => "a PDF document",
            Self::Text => "text",
        }
    }
}

/// Extensions of the files Gahnegar reads (articles, texts, pages, web archives, PDFs,
/// event tables and Telegram exports), for file dialogs and for the files a folder adds.
/// Content decides what a file is ([`sniff`]); these only choose which files to offer.
pub const EXTENSIONS: [&str; 11] = [
    "ron", "txt", "text", "csv", "tsv", "json", "html", "htm", "mhtml", "mht", "pdf",
];

/// Tells what `bytes` hold; `ext` (the file's extension, any case) only decides between
/// kinds the content leaves open: CSV of events and a CSV feed (imported as text), and
/// JSON that is neither a Telegram export nor obviously TimelineJS.
pub fn sniff(bytes: &[u8], ext: &str) -> FileKind {
    let ext = ext.to_ascii_lowercase();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let t = &body[start..];
    if t.starts_with(b"%PDF-") {
        return FileKind::Pdf;
    }
    if super::telegram::looks_like_telegram(bytes) {
        return FileKind::Telegram;
    }
    if t.starts_with(b"{") || t.starts_with(b"[") {
        return FileKind::TimelineJs;
    }
    if super::html::looks_like_html(bytes) {
        return FileKind::Html;
    }
    if is_ron_article(t) {
        return FileKind::Article;
    }
    match ext.as_str() {
        "ron" => FileKind::Article,
        "csv" => FileKind::Csv,
        "json" => FileKind::TimelineJs,
        "html" | "htm" | "xhtml" | "mhtml" | "mht" => FileKind::Html,
        "pdf" => FileKind::Pdf,
        _ => FileKind::Text,
    }
}

/// A RON article: after `//` comment lines, a `#![enable(…)]` line or an opening `(` (or
/// `Article(`) followed by a field name and a colon (`schema:` or `meta:`). A text that
/// opens with «(ایسنا)» is text.
fn is_ron_article(t: &[u8]) -> bool {
    let mut t = t;
    while t.starts_with(b"//") {
        let end = memchr::memchr(b'\n', t).map_or(t.len(), |i| i + 1);
        t = t[end..].trim_ascii_start();
    }
    if t.starts_with(b"#![enable(") {
        return true;
    }
    let Some(rest) = t.strip_prefix(b"Article(").or_else(|| t.strip_prefix(b"(")) else {
        return false;
    };
    let rest = rest.trim_ascii_start();
    let field = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .unwrap_or(rest.len());
    field > 0 && rest[field..].trim_ascii_start().starts_with(b":")
}

/// Reads and imports any file Gahnegar reads: one article, or one a post for a Telegram
/// export. An article, TimelineJS or CSV comes back with no repairs.
///
/// # Errors
/// A message naming the file and what is wrong: unreadable, over the limit, or not what
/// its content starts as.
pub fn import_file(path: &Path, options: &ImportOptions) -> anyhow::Result<Vec<Imported>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let limit = crate::persian::decode::MAX_INPUT_BYTES
        .max(usize::try_from(crate::store::MAX_FILE_BYTES).unwrap_or(usize::MAX));
    let bytes = crate::bounded::read_path_at_most(path, limit as u64)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.display().to_string();
    let stem = path
        .file_stem()
        .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
    let whole = |article| {
        vec![Imported {
            article,
            repairs: Vec::new(),
            warnings: Vec::new(),
        }]
    };
    let kind = sniff(&bytes, &ext);
    Ok(match kind {
        // Read again by the store, for its own limit and located errors.
        FileKind::Article => whole(crate::store::load(path)?),
        FileKind::Html => vec![
            super::html::import_html(&bytes, &stem, options)
                .map_err(|e| anyhow::anyhow!("{}", rename(&e.to_string(), &stem, &name)))?,
        ],
        FileKind::Telegram => {
            super::telegram::import_telegram(&utf8(&bytes, &name)?, &name, options)?
        }
        FileKind::TimelineJs => whole(super::from_timelinejs(&utf8(&bytes, &name)?, &name)?),
        FileKind::Csv => whole(super::from_csv(&utf8(&bytes, &name)?, &name)?),
        FileKind::Pdf => vec![super::pdf::import_pdf(&bytes, &name, options)?],
        FileKind::Text => vec![super::import_path_with(path, options)?],
    })
}

/// A file's text before repair (what the review pane shows repairs against), with what
/// the importer needs to finish the article: a page's metadata, a PDF's pages.
pub struct Extracted {
    /// The text the text importer reads.
    pub text: String,
    /// The options to import it with (a page's date as the document date).
    pub options: ImportOptions,
    /// Decoding notes for the user.
    pub warnings: Vec<String>,
    finish: Finish,
}

enum Finish {
    Text,
    Html(Box<super::html::Page>),
    Pdf(Vec<super::pdf::PdfParagraph>),
}

impl Extracted {
    /// Adds what the text alone does not say to an article imported from [`Self::text`].
    pub fn finish(&self, imported: &mut Imported) {
        match &self.finish {
            Finish::Text => {}
            Finish::Html(page) => super::html::apply_page(imported, page, &self.options),
            Finish::Pdf(paragraphs) => super::pdf::apply_pages(imported, paragraphs),
        }
    }
}

/// The text of a file that is read as text, a saved page or a PDF (told apart by content),
/// for an import that reviews the repairs before opening. `None` for other kinds (an
/// article, TimelineJS, CSV of events, a Telegram export), which open directly.
///
/// # Errors
/// A message naming the file when it cannot be decoded or parsed.
pub fn extract_text(
    bytes: &[u8],
    name: &str,
    ext: &str,
    options: &ImportOptions,
) -> Option<Result<Extracted, String>> {
    let kind = sniff(bytes, ext);
    let out = match kind {
        FileKind::Text => crate::persian::decode::decode(bytes)
            .map(|d| {
                let mut warnings: Vec<String> = d
                    .warnings
                    .iter()
                    .map(|w| format!("bytes {}..{}: {}", w.bytes.start, w.bytes.end, w.message))
                    .collect();
                if d.encoding != crate::persian::decode::SourceEncoding::Utf8 {
                    warnings.insert(0, format!("read as {}", d.encoding.name()));
                }
                Extracted {
                    text: d.text,
                    options: options.clone(),
                    warnings,
                    finish: Finish::Text,
                }
            })
            .map_err(|e| format!("{name}: {e}")),
        FileKind::Html => super::html::decode_page(bytes)
            .map(|(html, warnings)| {
                let page = super::html::read_page(&html);
                Extracted {
                    text: super::html::page_text(&page),
                    options: super::html::page_options(&page, options),
                    warnings,
                    finish: Finish::Html(Box::new(page)),
                }
            })
            .map_err(|e| format!("{name}: {e}")),
        FileKind::Pdf => super::pdf::read_pdf(bytes, name)
            .map(|paragraphs| Extracted {
                text: super::pdf::pdf_text(&paragraphs),
                options: options.clone(),
                warnings: Vec::new(),
                finish: Finish::Pdf(paragraphs),
            })
            .map_err(|e| e.to_string()),
        FileKind::Article | FileKind::Telegram | FileKind::TimelineJs | FileKind::Csv => {
            return None;
        }
    };
    Some(out)
}

/// An error text whose leading file stem is replaced by the full path.
fn rename(message: &str, stem: &str, name: &str) -> String {
    message
        .strip_prefix(stem)
        .map_or_else(|| message.to_owned(), |rest| format!("{name}{rest}"))
}

fn utf8(bytes: &[u8], name: &str) -> anyhow::Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text: invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_before_the_extension() {
        assert_eq!(sniff(b"%PDF-1.7\n", "txt"), FileKind::Pdf);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<!DOCTYPE html><p>x</p>", "txt"),
            FileKind::Html
        );
        assert_eq!(sniff(b"<html><body>x</body></html>", ""), FileKind::Html);
        assert_eq!(
            sniff(
                br#"{"name": "c", "type": "public_channel", "messages": []}"#,
                "txt"
            ),
            FileKind::Telegram
        );
        assert_eq!(sniff(br#"{"events": []}"#, "txt"), FileKind::TimelineJs);
        assert_eq!(
            sniff(b"#![enable(implicit_some)]\n(meta: ())", "txt"),
            FileKind::Article
        );
        assert_eq!(sniff(b"// note\n(\n    schema: 1,", ""), FileKind::Article);
        assert_eq!(
            sniff("(ایسنا) - وزیر گفت".as_bytes(), "txt"),
            FileKind::Text
        );
        assert_eq!(sniff("سلام (دنیا)".as_bytes(), "txt"), FileKind::Text);
        assert_eq!(sniff(b"date,title\n", "csv"), FileKind::Csv);
        assert_eq!(sniff(b"date,title\n", "txt"), FileKind::Text);
        assert_eq!(sniff(b"", "ron"), FileKind::Article);
    }
}
