//! An article with Persian, Russian, English and other-script paragraphs in the real app:
//! a snapshot image (embedded fonts only, so it matches on every machine), and each
//! paragraph's ink checked on the rendered image: left-to-right paragraphs start at the
//! column's left edge, Persian ones at its right edge.

use crate::common::Settle as _;
use egui::Vec2;
use egui_kittest::Harness;
use gahnegar::model::{Block, BlockKind};
use gahnegar::store;
use gahnegar::text::fonts;
use gahnegar::ui::{Document, GahnegarApp};

const TITLE: &str = "راه تازهٔ نفت خزر: باکو → تفلیس → جیحان";

/// (id, kind, text): written for this test.
const BLOCKS: &[(&str, BlockKind, &str)] = &[
    (
        "fa",
        BlockKind::Paragraph,
        "خط لوله از باکو → تفلیس → جیحان می‌گذرد و نفت خزر را به مدیترانه می‌رساند.",
    ),
    ("ru-h", BlockKind::Heading, "Новый маршрут"),
    (
        "ru",
        BlockKind::Paragraph,
        "Трубопровод идёт Баку → Тбилиси → Джейхан.",
    ),
    (
        "en",
        BlockKind::Paragraph,
        "The pipeline runs Baku → Tbilisi → Ceyhan.",
    ),
    (
        "mixed",
        BlockKind::Paragraph,
        "Ελληνικά · עברית · Հայերեն · ქართული ✓",
    ),
    (
        "fa2",
        BlockKind::Paragraph,
        "به گزارش خبرگزاری‌ها (Reuters) این مسیر ۱۷۶۸ کیلومتر است.",
    ),
];

fn harness() -> Harness<'static, GahnegarApp> {
    let mut article = store::builtin();
    article.meta.title = TITLE.to_owned();
    article.meta.author = "آزمون".to_owned();
    article.meta.lead.clear();
    article.events.clear();
    article.sources.clear();
    article.claims.clear();
    article.blocks = BLOCKS
        .iter()
        .map(|&(id, kind, text)| Block {
            id: id.to_owned(),
            kind,
            text: text.to_owned(),
            sidebar: false,
            page: None,
        })
        .collect();
    let mut app = GahnegarApp::new(None, None);
    app.settings.native_dialogs = false;
    app.doc = Document::new(article, None);
    let mut h = Harness::builder()
        .with_size(Vec2::new(1100.0, 700.0))
        .with_pixels_per_point(1.0)
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut GahnegarApp| app.ui_root(ui), app);
    h.settle();
    h
}

#[test]
fn test_text_needs_no_system_font() {
    for text in std::iter::once(TITLE).chain(BLOCKS.iter().map(|b| b.2)) {
        assert!(
            fonts::uncovered(text).is_empty(),
            "«{text}» needs a system font for {:?}: the snapshot would depend on the machine",
            fonts::uncovered(text)
        );
    }
}

#[test]
fn mixed_script_article_snapshot() {
    let mut h = harness();
    h.snapshot("fonts_mixed_article");
}

/// Horizontal extent (min x, max x) of the ink on the last text line inside `rect`, in an
/// image of `size` pixels read through `px`.
fn last_line_ink(
    px: &dyn Fn(u32, u32) -> [u8; 4],
    size: (u32, u32),
    rect: egui::Rect,
) -> Option<(u32, u32)> {
    let (x0, x1) = (
        rect.left().max(0.0) as u32,
        (rect.right() as u32).min(size.0),
    );
    let (y0, y1) = (
        rect.top().max(0.0) as u32,
        (rect.bottom() as u32).min(size.1),
    );
    let paper = px(x0, y0);
    let ink = |x: u32, y: u32| {
        let p = px(x, y);
        (0..3).map(|i| p[i].abs_diff(paper[i]) as u32).sum::<u32>() > 120
    };
    let bottom = (y0..y1).rev().find(|&y| (x0..x1).any(|x| ink(x, y)))?;
    // A line box is at least 20 px high at this size; its ink lies within that band.
    let band = bottom.saturating_sub(20).max(y0)..=bottom;
    let xs: Vec<u32> = (x0..x1)
        .filter(|&x| band.clone().any(|y| ink(x, y)))
        .collect();
    Some((*xs.first()?, *xs.last()?))
}

#[test]
fn paragraphs_start_on_the_side_of_their_direction() {
    let mut h = harness();
    let img = h
        .render()
        .unwrap_or_else(|e| panic!("rendering the window: {e}"));
    let size = (img.width(), img.height());
    let app = h.state();
    let items = &app.article_view.visible_items;
    // Items: title, author, then the blocks (no lead).
    let rect_of = |block: usize| {
        items
            .iter()
            .find(|(i, _)| *i == 2 + block)
            .map(|(_, r)| *r)
            .unwrap_or_else(|| panic!("block {block} is not drawn"))
    };
    for (b, &(id, _, text)) in BLOCKS.iter().enumerate() {
        let rect = rect_of(b);
        let (left, right) = last_line_ink(&|x, y| img.get_pixel(x, y).0, size, rect)
            .unwrap_or_else(|| panic!("no ink for «{text}»"));
        let gap_left = left as f32 - rect.left();
        let gap_right = rect.right() - right as f32;
        let rtl = id.starts_with("fa");
        let (near, far) = if rtl {
            (gap_right, gap_left)
        } else {
            (gap_left, gap_right)
        };
        let side = if rtl { "right" } else { "left" };
        assert!(
            near < 6.0 && far > 60.0,
            "«{text}» starts at the {side} edge of its column: ink {left}..{right} in \
             {:.0}..{:.0}",
            rect.left(),
            rect.right()
        );
    }
}
