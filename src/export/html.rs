//! The whole article as one self-contained HTML page: `dir="rtl" lang="fa"`, each title,
//! lead and block `dir="auto"` (a Russian or English paragraph reads left to right),
//! Vazirmatn embedded as a base64 `@font-face` and, when the text has characters Vazirmatn
//! lacks, the regular faces of the embedded fallback families that have them (the browser
//! synthesizes their bold), CSS inline, no scripts and nothing fetched. In the
//! text, each event's date links to the event (`#event-{id}`), each source mention to the
//! source (`#source-{id}`), each claim is marked (`#claim-{id}`); the timeline (an inline
//! SVG whose marks link to the events) and the list of events link back to the text, and
//! each source lists its claims linked to their paragraphs.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use super::html_escape as esc;
use super::scene::{ImageOptions, Rgba, timeline_scene};
use super::svg::to_svg;
use crate::chart::Lang;
use crate::chart::palette as theme;
use crate::chart::palette::lane_color;
use crate::model::Theme;
use crate::model::{Article, BlockKind, SourceKind};
use crate::persian::dates::{self, Calendar};
use crate::text::fonts::{self, FALLBACK_FACES, VAZIRMATN};

/// Standard base64 (RFC 4648, with padding).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn css_color(c: Rgba) -> String {
    c.hex()
}

fn kind_fa(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Outlet => "رسانه",
        SourceKind::Institution => "نهاد",
        SourceKind::Official => "مقام",
        SourceKind::Unnamed => "منبع بی‌نام",
    }
}

/// A span of a block's text to wrap in markup.
struct Span {
    range: Range<usize>,
    /// Nesting rank: claims outside, links inside.
    rank: u8,
    /// The `id` of its first piece.
    id: String,
    open: String,
    close: &'static str,
    /// A link (`<a>`): links never nest.
    link: bool,
}

/// The block's text with its spans as properly nested markup: where spans overlap without
/// nesting, the inner one is closed and reopened (only its first piece carries its `id`);
/// a link inside another link is left out for that stretch.
fn marked_text(text: &str, spans: &[Span], ids: &mut HashSet<String>) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for s in spans {
        cuts.push(s.range.start);
        cuts.push(s.range.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut opened: HashSet<usize> = HashSet::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut active: Vec<usize> = (0..spans.len())
            .filter(|&i| spans[i].range.start <= a && spans[i].range.end >= b)
            .collect();
        active.sort_by_key(|&i| {
            (
                spans[i].rank,
                spans[i].range.start,
                usize::MAX - spans[i].range.end,
                i,
            )
        });
        let mut link = false;
        active.retain(|&i| {
            if spans[i].link {
                if link {
                    return false;
                }
                link = true;
            }
            true
        });
        let keep = stack
            .iter()
            .zip(&active)
            .take_while(|(x, y)| x == y)
            .count();
        while stack.len() > keep {
            if let Some(i) = stack.pop() {
                out.push_str(spans[i].close);
            }
        }
        for &i in &active[keep..] {
            let s = &spans[i];
            out.push_str(&s.open);
            if opened.insert(i) && ids.insert(s.id.clone()) {
                // `open` ends with `>`; put the id before it.
                out.pop();
                let _ = write!(out, " id=\"{}\">", esc(&s.id));
            }
            stack.push(i);
        }
        out.push_str(&esc(&text[a..b]));
    }
    while let Some(i) = stack.pop() {
        out.push_str(spans[i].close);
    }
    out
}

/// `@font-face` rules for the embedded fallback families the article's text needs, and the
/// page's font stack: Vazirmatn, those families, then the browser's sans-serif.
fn fallback_fonts_css(article: &Article) -> String {
    let m = &article.meta;
    let mut text = format!(
        "{} {} {}",
        m.title,
        m.author,
        m.publication.as_deref().unwrap_or("")
    );
    let parts = m
        .lead
        .iter()
        .chain(article.blocks.iter().map(|b| &b.text))
        .chain(
            article
                .events
                .iter()
                .flat_map(|e| [&e.label, &e.date.wording]),
        )
        .chain(article.sources.iter().flat_map(|s| [&s.name, &s.role]));
    for p in parts {
        text.push(' ');
        text.push_str(p);
    }
    let families = fonts::fallback_families_needed(&text);
    let mut css = String::new();
    for family in &families {
        for face in FALLBACK_FACES
            .iter()
            .filter(|f| f.family == *family && f.weight == 400)
        {
            let _ = writeln!(
                css,
                "@font-face{{font-family:\"{family}\";src:url(\"data:font/ttf;base64,{}\") \
                 format(\"truetype\");font-weight:400;font-display:block}}",
                base64(face.data)
            );
        }
    }
    let stack: String = families.iter().map(|f| format!("\"{f}\",")).collect();
    let _ = writeln!(css, "body{{font-family:\"Vazirmatn\",{stack}sans-serif}}");
    css
}

/// The article as one self-contained HTML page (see the module documentation).
pub fn dump_html(article: &Article) -> String {
    let m = &article.meta;
    let theme = Theme::Light;
    let mut ids: HashSet<String> = HashSet::new();
    let mut h = String::with_capacity(VAZIRMATN.len() * 4 / 3 + 64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Gahnegar {version}\">\n<title>{title}</title>\n<style>\n",
        lang = esc(&m.language),
        version = env!("CARGO_PKG_VERSION"),
        title = esc(&m.title),
    );
    let _ = write!(
        h,
        "@font-face{{font-family:\"Vazirmatn\";src:url(\"data:font/ttf;base64,{font}\") format(\"truetype\");\
         font-weight:100 900;font-display:block}}\n{fallbacks}\
         :root{{--ink:{ink};--muted:{muted};--paper:{paper};--accent:{accent};--date:{date};--source:{source};--side:{side}}}\n",
        font = base64(VAZIRMATN),
        fallbacks = fallback_fonts_css(article),
        ink = css_color(theme::ink(theme)),
        muted = css_color(theme::muted(theme)),
        paper = css_color(theme::paper(theme)),
        accent = css_color(theme::accent(theme)),
        date = css_color(theme::date_mark(theme)),
        source = css_color(theme::source_mark(theme)),
        side = css_color(theme::sidebar(theme)),
    );
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n<main>\n<header>\n");
    let _ = writeln!(h, "<h1 id=\"title\" dir=\"auto\">{}</h1>", esc(&m.title));
    ids.insert("title".to_owned());
    let byline: Vec<&str> = std::iter::once(m.author.as_str())
        .chain(m.publication.as_deref())
        .filter(|s| !s.is_empty())
        .collect();
    if !byline.is_empty() {
        let _ = writeln!(h, "<p class=\"byline\">{}</p>", esc(&byline.join(" · ")));
    }
    if !m.lead.is_empty() {
        h.push_str("<div class=\"lead\">\n");
        for l in &m.lead {
            let _ = writeln!(h, "<p dir=\"auto\">{}</p>", esc(l));
        }
        h.push_str("</div>\n");
    }
    h.push_str(
        "<nav><a href=\"#text\">متن</a> · <a href=\"#timeline\">گاه‌شمار رویدادها</a> · \
         <a href=\"#sources\">منابع</a></nav>\n</header>\n",
    );

    // The text, with dates, mentions and claims marked.
    h.push_str("<article id=\"text\">\n");
    ids.extend(["text", "timeline", "sources"].map(str::to_owned));
    // Every mark, resolved once and sorted to its block: linear in the anchors, where
    // resolving every anchor for every block was blocks × anchors.
    let block_of: HashMap<&str, usize> = article
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let place = |a: &crate::model::Anchor| {
        let i = *block_of.get(a.block.as_str())?;
        a.resolve(&article.blocks[i].text).map(|r| (i, r))
    };
    let mut spans_of: Vec<Vec<Span>> = article.blocks.iter().map(|_| Vec::new()).collect();
    for c in &article.claims {
        if let Some((i, r)) = place(&c.anchor) {
            spans_of[i].push(Span {
                range: r,
                rank: 0,
                id: format!("claim-{}", c.id),
                open: format!("<mark class=\"claim\" data-source=\"{}\">", esc(&c.source)),
                close: "</mark>",
                link: false,
            });
        }
    }
    for e in &article.events {
        if let Some((i, r)) = place(&e.anchor) {
            spans_of[i].push(Span {
                range: r,
                rank: 1,
                id: format!("cue-{}", e.id),
                open: format!(
                    "<a class=\"cue\" href=\"#event-{}\" title=\"{}\">",
                    esc(&e.id),
                    esc(&e.label)
                ),
                close: "</a>",
                link: true,
            });
        }
    }
    for s in &article.sources {
        for (k, mention) in s.mentions.iter().enumerate() {
            if let Some((i, r)) = place(mention) {
                spans_of[i].push(Span {
                    range: r,
                    rank: 2,
                    id: format!("mention-{}-{k}", s.id),
                    open: format!("<a class=\"mention\" href=\"#source-{}\">", esc(&s.id)),
                    close: "</a>",
                    link: true,
                });
            }
        }
    }
    let mut in_sidebar = false;
    for (bi, b) in article.blocks.iter().enumerate() {
        if b.sidebar != in_sidebar {
            h.push_str(if b.sidebar {
                "<aside class=\"sidebar\">\n"
            } else {
                "</aside>\n"
            });
            in_sidebar = b.sidebar;
        }
        let spans = std::mem::take(&mut spans_of[bi]);
        let tag = match b.kind {
            BlockKind::Heading => "h2",
            BlockKind::Paragraph => "p",
            BlockKind::PullQuote => "blockquote",
        };
        ids.insert(b.id.clone());
        let body = marked_text(&b.text, &spans, &mut ids);
        let _ = writeln!(
            h,
            "<{tag} id=\"{}\" dir=\"auto\">{body}</{tag}>",
            esc(&b.id)
        );
    }
    if in_sidebar {
        h.push_str("</aside>\n");
    }
    h.push_str("</article>\n");

    // The timeline: a picture, then the events in time order.
    h.push_str("<section id=\"timeline\">\n<h2>گاه‌شمار رویدادها</h2>\n");
    if article.events.is_empty() {
        h.push_str("<p class=\"empty\">این مقاله رویداد تاریخ‌داری ندارد.</p>\n");
    } else {
        let mut engine = crate::text::TextEngine::new();
        let scene = timeline_scene(article, &ImageOptions::new(Lang::Fa), &mut engine);
        h.push_str("<figure class=\"chart\">\n");
        h.push_str(&to_svg(&scene, true));
        h.push_str("</figure>\n<ol class=\"events\">\n");
        let mut order: Vec<usize> = (0..article.events.len()).collect();
        order.sort_by_key(|&i| (article.events[i].date.start, article.events[i].date.end, i));
        for i in order {
            let e = &article.events[i];
            let back = if ids.contains(&format!("cue-{}", e.id)) {
                format!("cue-{}", e.id)
            } else {
                e.anchor.block.clone()
            };
            let id = format!("event-{}", e.id);
            ids.insert(id.clone());
            let _ = write!(
                h,
                "<li id=\"{id}\" style=\"--lane:{color}\"><a class=\"date\" href=\"#{back}\">{wording}</a> \
                 <span class=\"interval\">{greg} · {sh}</span> <strong>{label}</strong> \
                 <span class=\"lane\">{lane}</span>",
                id = esc(&id),
                color = css_color(lane_color(article.category(&e.category), theme)),
                back = esc(&back),
                wording = esc(&e.date.wording),
                greg = esc(&dates::interval_text(&e.date, Calendar::Gregorian, true)),
                sh = esc(&dates::interval_text(&e.date, Calendar::SolarHijri, true)),
                label = esc(&e.label),
                lane = esc(&article.category(&e.category).fa),
            );
            let sources: Vec<String> = article
                .sources_of_event(&e.id)
                .into_iter()
                .filter_map(|id| article.source(id))
                .map(|s| format!("<a href=\"#source-{}\">{}</a>", esc(&s.id), esc(&s.name)))
                .collect();
            if !sources.is_empty() {
                let _ = write!(
                    h,
                    " <span class=\"srcs\">منابع: {}</span>",
                    sources.join("، ")
                );
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");

    // The sources, each with its claims.
    h.push_str("<section id=\"sources\">\n<h2>منابع</h2>\n");
    if article.sources.is_empty() {
        h.push_str("<p class=\"empty\">منبعی ثبت نشده است.</p>\n");
    } else {
        h.push_str("<ol class=\"sources\">\n");
        for s in &article.sources {
            let _ = write!(
                h,
                "<li id=\"source-{}\"><strong>{}</strong>",
                esc(&s.id),
                esc(&s.name)
            );
            if !s.name_en.is_empty() {
                let _ = write!(
                    h,
                    " <span class=\"en\" lang=\"en\" dir=\"ltr\">{}</span>",
                    esc(&s.name_en)
                );
            }
            let _ = write!(h, " <span class=\"kind\">{}</span>", kind_fa(s.kind));
            if !s.role.is_empty() {
                let _ = write!(h, " <span class=\"role\">{}</span>", esc(&s.role));
            }
            if let Some(link) = s.link.as_deref().and_then(super::web_link) {
                let _ = write!(
                    h,
                    " <a class=\"ext\" href=\"{0}\" dir=\"ltr\" rel=\"noopener\">{0}</a>",
                    esc(link)
                );
            }
            let claims: Vec<_> = article.claims_of_source(&s.id).collect();
            if !claims.is_empty() {
                h.push_str("\n<ul class=\"claims\">\n");
                for c in claims {
                    let target = if ids.contains(&format!("claim-{}", c.id)) {
                        format!("claim-{}", c.id)
                    } else {
                        c.anchor.block.clone()
                    };
                    let _ = write!(
                        h,
                        "<li><a class=\"quote\" href=\"#{}\">«{}»</a> <a class=\"para\" href=\"#{}\" title=\"بند\">¶</a>",
                        esc(&target),
                        esc(c.anchor.exact.trim_matches(['«', '»'])),
                        esc(&c.anchor.block)
                    );
                    let events: Vec<String> = c
                        .events
                        .iter()
                        .filter_map(|id| article.event(id))
                        .map(|e| format!("<a href=\"#event-{}\">{}</a>", esc(&e.id), esc(&e.label)))
                        .collect();
                    if !events.is_empty() {
                        let _ = write!(h, " ← {}", events.join("، "));
                    }
                    h.push_str("</li>\n");
                }
                h.push_str("</ul>\n");
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n<footer>ساخته‌شده با گاه‌نگار</footer>\n</main>\n</body>\n</html>\n");
    h
}

const CSS: &str = "\
*{box-sizing:border-box}
html{background:var(--paper)}
body{margin:0;color:var(--ink);font-size:17px;line-height:1.9}
main{max-width:48rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.9rem;line-height:1.5;margin:0 0 .5rem}
h2{font-size:1.25rem;color:var(--accent);margin:2rem 0 .5rem}
.byline,.interval,.kind,.role,.en,footer,nav{color:var(--muted)}
.lead p{font-weight:500;margin:.25rem 0}
nav{margin:1rem 0;font-size:.95rem}
a{color:var(--date)}
p{text-align:justify;margin:0 0 1rem}
blockquote{font-size:1.2rem;color:var(--accent);margin:1.5rem 2rem;border-inline-start:3px solid var(--accent);padding-inline-start:1rem}
aside.sidebar{background:var(--side);padding:.75rem 1.25rem;border-radius:6px;margin:1.5rem 0}
a.cue{text-decoration:underline dotted;text-underline-offset:.3em}
a.mention{color:var(--source);text-decoration:none;border-bottom:1px solid currentColor}
mark.claim{background:none;color:inherit;border-bottom:2px solid color-mix(in srgb,var(--source) 45%,transparent)}
:target{background:#ffd84a66;border-radius:3px}
figure.chart{margin:1rem 0;overflow-x:auto}
figure.chart svg{max-width:100%;height:auto}
ol.events,ol.sources{padding-inline-start:1.75rem;list-style-type:persian}
ol.events li{margin:.35rem 0;border-inline-start:4px solid var(--lane);padding-inline-start:.5rem;list-style-position:outside}
.lane{font-size:.85rem;color:var(--lane)}
.interval{font-size:.85rem}
ul.claims{margin:.25rem 0 .75rem;font-size:.95rem}
a.para{text-decoration:none;color:var(--muted)}
footer{margin-top:3rem;font-size:.85rem}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_known_strings() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), want, "{input:?}");
        }
    }

    fn span(range: Range<usize>, rank: u8, id: &str, tag: &'static str, link: bool) -> Span {
        Span {
            range,
            rank,
            id: id.to_owned(),
            open: format!("<{tag}>"),
            close: if tag == "a" { "</a>" } else { "</m>" },
            link,
        }
    }

    #[test]
    fn overlapping_spans_nest() {
        let mut ids = HashSet::new();
        // A claim 0..6, a cue 4..8 across its end, a mention 5..7 inside the cue (a link
        // in a link: left out); the cue is reopened, without its id, after the claim.
        let spans = [
            span(0..6, 0, "c", "m", false),
            span(4..8, 1, "e", "a", true),
            span(5..7, 2, "s", "a", true),
        ];
        let out = marked_text("abcdefgh<", &spans, &mut ids);
        assert_eq!(out, "<m id=\"c\">abcd<a id=\"e\">ef</a></m><a>gh</a>&lt;");
    }

    #[test]
    fn page_links_resolve_within_it() {
        let a = crate::store::from_str(include_str!("../../tests/data/mini.ron"), "mini.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        let page = dump_html(&a);
        assert!(page.starts_with("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"fa\">"));
        let ids: HashSet<&str> = page
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        for target in page
            .split("href=\"#")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            assert!(ids.contains(target), "#{target} has no element");
        }
        for e in &a.events {
            assert!(
                page.contains(&format!("href=\"#event-{}\"", e.id)),
                "{}",
                e.id
            );
        }
        assert!(!page.contains("<script"), "no scripts");
        assert!(!page.contains("<text"), "SVG text is outlines");
        assert!(
            !page.contains("Noto"),
            "a Persian article needs no fallback font"
        );
    }

    #[test]
    fn blocks_take_their_own_direction_and_the_fonts_they_need() {
        let mut a = crate::store::from_str(include_str!("../../tests/data/mini.ron"), "mini.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut ru = a.blocks[0].clone();
        ru.id = "ru".to_owned();
        ru.text = "Трубопровод идёт Баку → Тбилиси.".to_owned();
        a.blocks.push(ru);
        let page = dump_html(&a);
        assert!(page.contains("<h1 id=\"title\" dir=\"auto\">"), "title");
        assert!(
            page.contains(" id=\"ru\" dir=\"auto\">Трубопровод"),
            "Russian block"
        );
        for family in ["Noto Sans", "Noto Sans Math"] {
            assert!(
                page.contains(&format!("@font-face{{font-family:\"{family}\";")),
                "{family} embedded"
            );
        }
        assert!(
            !page.contains("Noto Sans Hebrew"),
            "no Hebrew font for no Hebrew"
        );
        assert!(page.contains(
            "body{font-family:\"Vazirmatn\",\"Noto Sans\",\"Noto Sans Math\",sans-serif}"
        ));
    }

    #[test]
    fn a_script_link_never_reaches_the_page_or_the_citations() {
        let mut a = crate::store::builtin();
        a.sources[0].link = Some("javascript:alert(document.cookie)".into());
        a.sources[1].link = Some("https://example.org/report".into());
        let html = dump_html(&a);
        assert!(!html.to_lowercase().contains("javascript:"));
        assert!(html.contains("href=\"https://example.org/report\""));
        let csl = crate::export::dump(&a, crate::export::Format::Csl);
        assert!(!csl.contains("javascript:"), "{csl}");
    }
}
