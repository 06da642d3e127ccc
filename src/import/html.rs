//! Saved web pages (`.html`, `.htm`): the page's main text, found by `dom_smoothie` (a port
//! of Mozilla's Readability, the algorithm behind Firefox's reader view), with the title,
//! byline, outlet and publication date from the page's metadata (`article:published_time`,
//! JSON-LD `datePublished`, else the first `<time datetime>`). The publication date becomes
//! the document date that anchors «دیروز» and the like. Headings and paragraphs are kept
//! as the page marks them; links (http(s) only) become the links of the sources they name.
//! The text then goes through the same repair, tagging and attribution as a text file.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use super::text::{ImportError, ImportOptions, Imported, import_text_with};
use crate::model::{BlockKind, Day};
use crate::persian::decode::{DecodeError, MAX_INPUT_BYTES};
use crate::persian::fold::fold_text;

/// What a page holds once its chrome (menus, adverts, comments) is gone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The article's title (the page's `<title>` without the site's name, or its `<h1>`).
    pub title: String,
    /// The author line, if the page names one.
    pub byline: Option<String>,
    /// The outlet (`og:site_name` and the like).
    pub site_name: Option<String>,
    /// The publication date from the page's metadata.
    pub published: Option<Day>,
    /// The main text's blocks in reading order.
    pub blocks: Vec<PageBlock>,
    /// Links in the main text: (the linked words, the address), http(s) only.
    pub links: Vec<(String, String)>,
}

/// One block of a page's main text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageBlock {
    /// A heading (`<h1>`–`<h6>`) or a paragraph (anything else that holds text).
    pub heading: bool,
    /// The block's text, white space collapsed.
    pub text: String,
}

/// Whether `bytes` look like an HTML page: after a byte-order mark and white space, a
/// doctype, `<html>`, `<head>`, a comment or a `<meta>`; or an `<html` tag in the first
/// kilobyte.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    if looks_like_mhtml(bytes) {
        return true;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let start = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(lower.len());
    let t = &lower[start..];
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<meta",
        b"<!--",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || memchr::memmem::find(&lower, b"<html").is_some()
}

/// Whether `bytes` are a web archive (MHTML: a browser's "save as a single file"): mail
/// headers in the first kilobytes that announce a `multipart/related` body.
pub fn looks_like_mhtml(bytes: &[u8]) -> bool {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let has = |needle: &[u8]| memchr::memmem::find(&head, needle).is_some();
    has(b"mime-version:") && has(b"multipart/related")
}

/// The page of a web archive: its first `text/html` part, with the transfer encoding
/// (quoted-printable, base64) and the part's declared charset undone by `mail-parser`.
fn mhtml_page(bytes: &[u8]) -> Option<String> {
    use mail_parser::MimeHeaders as _;
    let message = mail_parser::MessageParser::default().parse(bytes)?;
    message
        .parts
        .iter()
        .find(|p| {
            p.content_type().is_some_and(|ct| {
                ct.ctype().eq_ignore_ascii_case("text")
                    && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("html"))
            })
        })
        .and_then(|p| p.text_contents())
        .map(str::to_owned)
}

/// Decodes a page as it declares itself: a web archive's HTML part (see
/// [`looks_like_mhtml`]), else a byte-order mark, else the `charset` of a
/// `<meta>` in the first kilobyte (the HTML standard's prescan, simplified), else UTF-8
/// when the bytes are valid UTF-8, else the project's decoder (which recognises the legacy
/// Persian code pages).
///
/// # Errors
/// [`DecodeError`] when the page is over the import limit or undecodable.
pub fn decode_page(bytes: &[u8]) -> Result<(String, Vec<String>), DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if looks_like_mhtml(bytes) {
        // The part's text is already decoded from the charset its header declares; the
        // page's own `<meta charset>` must not be applied again.
        return match mhtml_page(bytes) {
            Some(html) => Ok((html, Vec::new())),
            None => Err(DecodeError::ArchiveWithoutPage),
        };
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), Vec::new()));
    }
    if let Some(enc) = declared_charset(bytes) {
        let (text, _, bad) = enc.decode(bytes);
        let warnings = if bad {
            vec![format!(
                "the page says it is {} but holds bytes that are not; they were replaced",
                enc.name()
            )]
        } else {
            Vec::new()
        };
        return Ok((text.into_owned(), warnings));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), Vec::new()));
    }
    let decoded = crate::persian::decode::decode(bytes)?;
    let warnings = vec![format!(
        "the page declares no encoding; read as {}",
        decoded.encoding.name()
    )];
    Ok((decoded.text, warnings))
}

/// The encoding named by `charset=` in the first kilobyte (a `<meta charset>` or a
/// `<meta http-equiv="Content-Type" content="…; charset=…">`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let at = memchr::memmem::find(&head, b"charset=")? + b"charset=".len();
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let enc = encoding_rs::Encoding::for_label(&rest[..end])?;
    // A page that says UTF-16 in ASCII is not UTF-16 (the standard's rule).
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        Some(encoding_rs::UTF_8)
    } else {
        Some(enc)
    }
}

/// Reads a page: its metadata and main text. When Readability finds no main text (a short
/// page), the whole `<body>` is taken.
pub fn read_page(html: &str) -> Page {
    let config = Config {
        // Persian news items are often short; take the text rather than nothing.
        char_threshold: 200,
        ..Config::default()
    };
    let doc = Document::from(html);
    let first_time = doc
        .select("time[datetime]")
        .nodes()
        .first()
        .and_then(|n| n.attr("datetime"))
        .map(|t| t.to_string());
    let mut page = Page::default();
    let content = match Readability::with_document(doc, None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok())
    {
        Some(article) => {
            page.title = collapse(&article.title);
            page.byline = article
                .byline
                .map(|b| collapse(&b))
                .filter(|b| !b.is_empty());
            page.site_name = article
                .site_name
                .map(|s| collapse(&s))
                .filter(|s| !s.is_empty());
            page.published = article
                .published_time
                .as_deref()
                .and_then(parse_published)
                .or_else(|| first_time.as_deref().and_then(parse_published));
            Document::from(article.content.to_string())
        }
        None => {
            page.published = first_time.as_deref().and_then(parse_published);
            let whole = Document::from(html);
            whole
                .select("script, style, noscript, nav, header, footer")
                .remove();
            page.title = collapse(&whole.select("title").text());
            whole
        }
    };
    let mut walk = Walk::default();
    for root in content.select("body").nodes() {
        walk.node(root);
    }
    if content.select("body").nodes().is_empty() {
        walk.node(&content.root());
    }
    walk.flush();
    page.blocks = walk.blocks;
    page.links = walk.links;
    // Readability keeps the article's own <h1> in the text when it differs from the
    // page's title; a first heading equal to the title is said once.
    if page
        .blocks
        .first()
        .is_some_and(|b| b.heading && fold_text(&b.text) == fold_text(&page.title))
    {
        page.blocks.remove(0);
    }
    page
}

/// A publication date as pages write it: ISO 8601 (`2024-03-05T10:00:00+03:30`: the date as
/// written, in the publisher's own offset), a numeric date in either calendar (Solar Hijri
/// below the year 1700, Persian or Latin digits), or a wording the date tagger reads.
fn parse_published(s: &str) -> Option<Day> {
    let s = s.trim();
    let first = s
        .split(|c: char| c == 'T' || c.is_whitespace())
        .next()
        .unwrap_or(s);
    crate::persian::tagger::parse_date_arg(first)
        .ok()
        .or_else(|| crate::persian::tagger::find_dateline(s))
}

/// Block-level elements: text on either side of one is a separate block.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "dl",
    "dt",
    "dd",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Collects blocks and links in document order.
#[derive(Default)]
struct Walk {
    blocks: Vec<PageBlock>,
    links: Vec<(String, String)>,
    text: String,
    heading: bool,
}

impl Walk {
    fn node(&mut self, node: &NodeRef) {
        if node.is_text() {
            self.text.push_str(&node.text());
            return;
        }
        if !node.is_element() && !node.is_document() {
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            "script" | "style" | "noscript" | "template" | "svg" | "button" | "form" => return,
            "br" => {
                self.flush();
                return;
            }
            _ => {}
        }
        let block = is_heading(&name) || BLOCKS.contains(&name.as_str());
        if block {
            self.flush();
            self.heading = is_heading(&name);
        }
        let before = self.text.len();
        for child in node.children_it(false) {
            self.node(&child);
        }
        if name == "a"
            && let Some(href) = node.attr("href")
            && let Some(link) = crate::export::web_link(&href)
        {
            let words = collapse(&self.text[before..]);
            if !words.is_empty() {
                self.links.push((words, link.to_owned()));
            }
        }
        if block {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let text = collapse(&self.text);
        self.text.clear();
        if !text.is_empty() {
            self.blocks.push(PageBlock {
                heading: self.heading,
                text,
            });
        }
        self.heading = false;
    }
}

/// White space collapsed to single spaces, trimmed (ZWNJ is not white space and stays).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's main text as the text importer reads it: the title, then each block, blocks
/// separated by a blank line.
pub fn page_text(page: &Page) -> String {
    let mut text = String::new();
    if !page.title.is_empty() {
        text.push_str(&page.title);
        text.push_str("\n\n");
    }
    for b in &page.blocks {
        text.push_str(&b.text);
        text.push_str("\n\n");
    }
    text
}

/// The options for importing `page`'s text: `options.date` (`--date`) wins over the
/// page's own date.
pub fn page_options(page: &Page, options: &ImportOptions) -> ImportOptions {
    ImportOptions {
        date: options.date.or(page.published),
    }
}

/// Imports a saved web page's bytes: the main text through the text importer, with the
/// page's title, byline, outlet and date, headings kept, and links given to the sources
/// they name. `options.date` (`--date`) wins over the page's own date.
///
/// # Errors
/// [`ImportError`] when the page cannot be decoded or holds no text.
pub fn import_html(
    bytes: &[u8],
    name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let (html, mut warnings) = decode_page(bytes).map_err(|cause| ImportError::Decode {
        name: name.to_owned(),
        cause,
    })?;
    let page = read_page(&html);
    let options = page_options(&page, options);
    let mut imported =
        import_text_with(&page_text(&page), name, &options).ok_or_else(|| ImportError::Empty {
            name: name.to_owned(),
        })?;
    apply_page(&mut imported, &page, &options);
    warnings.append(&mut imported.warnings);
    imported.warnings = warnings;
    Ok(imported)
}

/// What the page says and the text cannot: title, byline, outlet, date, which blocks are
/// headings, and the links of the sources the page links.
pub fn apply_page(imported: &mut Imported, page: &Page, options: &ImportOptions) {
    let a = &mut imported.article;
    if !page.title.is_empty() {
        a.meta.title = crate::persian::repair::normalize(&page.title)
            .trim()
            .to_owned();
    }
    // Metadata is text too: a legacy page's ي and ك are repaired like the body's.
    let repaired = |s: &str| crate::persian::repair::normalize(s).trim().to_owned();
    if let Some(by) = &page.byline {
        a.meta.author = repaired(by);
    }
    if let Some(site) = &page.site_name {
        a.meta.publication = Some(repaired(site));
    }
    if a.meta.date.is_none() {
        a.meta.date = options.date;
    }
    // The page says which blocks are headings; the text importer only guesses.
    let headings: rustc_hash::FxHashSet<String> = page
        .blocks
        .iter()
        .filter(|b| b.heading)
        .map(|b| fold_text(&b.text).into_owned())
        .collect();
    for block in &mut a.blocks {
        if block.kind == BlockKind::Paragraph && headings.contains(fold_text(&block.text).as_ref())
        {
            block.kind = BlockKind::Heading;
        }
    }
    for source in &mut a.sources {
        if source.link.is_some() {
            continue;
        }
        let names: Vec<String> = std::iter::once(&source.name)
            .chain(&source.aliases)
            .map(|n| fold_text(n).into_owned())
            .filter(|n| !n.is_empty())
            .collect();
        source.link = page
            .links
            .iter()
            .find(|(words, _)| {
                let w = fold_text(words).into_owned();
                names.iter().any(|n| w.contains(n.as_str()))
            })
            .map(|(_, href)| href.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(part_headers: &str, body: &str) -> Vec<u8> {
        format!(
            "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\
             \tboundary=\"--b--\"\r\n\r\n----b--\r\n{part_headers}\r\n\r\n{body}\r\n----b----\r\n"
        )
        .into_bytes()
    }

    /// The part's charset decodes it; the page's own `<meta charset>` (here a different
    /// one, as a browser leaves it after re-encoding) is not applied a second time.
    #[test]
    fn a_web_archive_is_read_by_its_part_header() {
        let html =
            "<html><head><meta charset=\"windows-1256\"></head><body><p>سلام دنیا</p></body></html>";
        let bytes = archive(
            "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64",
            &base64_lines(html.as_bytes()),
        );
        assert!(looks_like_mhtml(&bytes) && looks_like_html(&bytes));
        let (page, warnings) = decode_page(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(page.contains("سلام دنیا"), "{page}");
        assert!(warnings.is_empty());
        // An archive of images only says so.
        let bytes = archive(
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64",
            "AAAA",
        );
        assert!(matches!(
            decode_page(&bytes),
            Err(DecodeError::ArchiveWithoutPage)
        ));
    }

    fn base64_lines(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in bytes.chunks(3) {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(if i <= c.len() {
                    A[(n >> (18 - 6 * i) & 63) as usize] as char
                } else {
                    '='
                });
            }
        }
        out
    }

    proptest::proptest! {
        /// Any bytes after an archive's headers: a page, an error, never a panic.
        #[test]
        fn any_archive_body_is_read_or_refused(body in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            let mut bytes = archive("Content-Type: text/html; charset=\"windows-1256\"\r\nContent-Transfer-Encoding: quoted-printable", "");
            bytes.extend_from_slice(&body);
            let _ = decode_page(&bytes);
        }
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>نشست تهران | خبرگزاری نمونه</title>
<meta property="og:site_name" content="خبرگزاری نمونه">
<meta property="article:published_time" content="2024-03-05T10:00:00+03:30">
<meta name="author" content="مریم احمدی">
</head><body>
<nav><a href="/">صفحه نخست</a> <a href="/sport">ورزش</a></nav>
<article>
<h1>نشست تهران</h1>
<p>وزیر امور خارجه دیروز در نشستی با خبرنگاران گفت که گفت‌وگوها ادامه دارد و دور بعدی مذاکرات در هفته آینده برگزار می‌شود.</p>
<h2>پیشینه</h2>
<p>به گزارش <a href="https://example.org/agency">خبرگزاری ایسنا</a>، نخستین دور این گفت‌وگوها در سال ۱۳۹۸ برگزار شده بود و تا کنون چهار دور دیگر نیز برگزار شده است.</p>
<p>این نشست <a href="javascript:alert(1)">در اینجا</a> به طور کامل پخش شد و نمایندگان هر دو کشور در آن حضور داشتند و درباره آینده همکاری سخن گفتند.</p>
</article>
<footer>همه حقوق محفوظ است</footer>
</body></html>"#;

    #[test]
    fn a_page_gives_its_metadata_and_main_text() {
        let page = read_page(PAGE);
        assert_eq!(page.site_name.as_deref(), Some("خبرگزاری نمونه"));
        assert_eq!(page.published, Some(Day::new(2024, 3, 5).unwrap()));
        assert_eq!(page.byline.as_deref(), Some("مریم احمدی"));
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("وزیر امور خارجه دیروز")),
            "{texts:?}"
        );
        assert!(
            page.blocks.iter().any(|b| b.heading && b.text == "پیشینه"),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("صفحه نخست")),
            "menu kept: {texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("حقوق محفوظ")),
            "footer kept: {texts:?}"
        );
        assert_eq!(
            page.links,
            vec![(
                "خبرگزاری ایسنا".to_owned(),
                "https://example.org/agency".to_owned()
            )],
            "only http(s) links, with their words"
        );
    }

    #[test]
    fn the_page_date_anchors_yesterday() {
        let imported = import_html(PAGE.as_bytes(), "page", &ImportOptions::default()).unwrap();
        let a = &imported.article;
        assert_eq!(a.meta.date, Some(Day::new(2024, 3, 5).unwrap()));
        assert_eq!(a.meta.publication.as_deref(), Some("خبرگزاری نمونه"));
        assert_eq!(a.meta.author, "مریم احمدی");
        let yesterday = a
            .events
            .iter()
            .find(|e| e.date.wording.contains("دیروز"))
            .unwrap_or_else(|| panic!("no event for «دیروز»: {:?}", a.events));
        assert_eq!(yesterday.date.start, Day::new(2024, 3, 4).unwrap());
        assert!(
            a.blocks
                .iter()
                .any(|b| b.kind == BlockKind::Heading && b.text == "پیشینه"),
            "the page's heading is a heading"
        );
    }

    #[test]
    fn a_declared_legacy_charset_is_honoured() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body><p>سلام دنيا</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(html);
        let (text, warnings) = decode_page(&bytes).unwrap();
        // windows-1256 has Arabic ي, not Persian ی: the repair folds it later.
        assert!(text.contains("سلام دنيا"), "{text}");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(looks_like_html(&bytes));
        assert!(!looks_like_html("سلام، این یک متن است".as_bytes()));
    }

    #[test]
    fn dates_as_pages_write_them() {
        let d = |y, m, dd| Some(Day::new(y, m, dd).unwrap());
        assert_eq!(parse_published("2024-03-05T23:30:00Z"), d(2024, 3, 5));
        assert_eq!(parse_published("2024-03-05"), d(2024, 3, 5));
        assert_eq!(
            parse_published("۱۴۰۲/۱۲/۱۵ - ۱۰:۲۰"),
            Day::from_solar_hijri(1402, 12, 15).ok()
        );
        assert_eq!(parse_published("no date here"), None);
    }
}
