//! Font fallback and paragraph direction through the text engine: the embedded Noto
//! fallbacks give every character of the region's scripts a real glyph (never .notdef),
//! Persian and Latin stay in Vazirmatn, bold text takes the bold faces, and each paragraph
//! takes its direction from its first strong character.

use gahnegar::text::fonts::{self, FALLBACK_FACES, VAZIRMATN};
use gahnegar::text::{Align, ShapedText, TextEngine, TextJob};

/// Samples of the scripts the embedded fallbacks are for (written for this test).
const SAMPLES: &[(&str, &str)] = &[
    (
        "Cyrillic",
        "Москва и Ереван подписали соглашение; Ёлка, Її, Ґґ, Ўў, Әә, Ққ.",
    ),
    (
        "Greek",
        "Η Αθήνα και η Λευκωσία συμφώνησαν: Ωω, Ψψ, άέήίόύώ.",
    ),
    ("Hebrew", "הכנסת אישרה את ההסכם בירושלים, שָׁלוֹם."),
    ("Armenian", "Հայաստանի խորհրդարանը հաստատեց համաձայնագիրը ֏"),
    ("Georgian", "საქართველოს პარლამენტმა შეთანხმება დაამტკიცა ₾"),
    (
        "arrows and symbols",
        "→ ← ↔ ↑ ↓ ⇒ ⟶ ✓ ✗ ★ ☆ ● ■ ▲ ▶ ◀ ≈ ≠ ± №",
    ),
    (
        "Latin extended",
        "Əliyev, Ağdam, Şuşa, İstanbul; Ḥasan, Ṣafavī, Ẓahīr; ₽ ₺ ₼ ₪ €",
    ),
];

/// Which embedded file a font's data is (its name), or `None` for a system font.
fn embedded_name(data: &[u8]) -> Option<&'static str> {
    if data.as_ptr() == VAZIRMATN.as_ptr() {
        return Some("Vazirmatn");
    }
    FALLBACK_FACES
        .iter()
        .find(|f| f.data.as_ptr() == data.as_ptr())
        .map(|f| f.file)
}

/// The embedded file of every glyph of `shaped`, in glyph order.
fn glyph_files(shaped: &ShapedText) -> Vec<Option<&'static str>> {
    shaped
        .glyphs
        .iter()
        .map(|g| {
            shaped
                .fonts
                .get(usize::from(g.font))
                .and_then(|f| embedded_name(f.font.data.as_ref()))
        })
        .collect()
}

#[test]
fn embedded_scripts_have_no_notdef_glyph() {
    let mut eng = TextEngine::new();
    for &(script, text) in SAMPLES {
        assert!(
            fonts::uncovered(text).is_empty(),
            "{script}: the embedded fonts miss {:?}",
            fonts::uncovered(text)
        );
        for weight in [400.0, 800.0] {
            let job = TextJob::new(text).weight(weight);
            let shaped = eng.layout(&job, Some(400.0), 1.0);
            assert!(!shaped.glyphs.is_empty(), "{script}: no glyphs");
            for (g, file) in shaped.glyphs.iter().zip(glyph_files(shaped)) {
                assert_ne!(
                    g.id, 0,
                    "{script} at weight {weight}: a .notdef glyph in «{text}»"
                );
                assert!(
                    file.is_some(),
                    "{script} at weight {weight}: a glyph from a system font in «{text}»"
                );
            }
        }
    }
}

#[test]
fn each_script_takes_its_own_fallback_face() {
    let cases = [
        ("Москва", 400.0, "NotoSans-Regular.ttf"),
        ("Москва", 800.0, "NotoSans-Bold.ttf"),
        ("Αθήνα", 400.0, "NotoSans-Regular.ttf"),
        ("ירושלים", 400.0, "NotoSansHebrew-Regular.ttf"),
        ("ירושלים", 700.0, "NotoSansHebrew-Bold.ttf"),
        ("Երևան", 400.0, "NotoSansArmenian-Regular.ttf"),
        ("Երևան", 700.0, "NotoSansArmenian-Bold.ttf"),
        ("თბილისი", 400.0, "NotoSansGeorgian-Regular.ttf"),
        ("თბილისი", 700.0, "NotoSansGeorgian-Bold.ttf"),
        ("→", 400.0, "NotoSansMath-Regular.ttf"),
        ("★", 400.0, "NotoSansSymbols2-Regular.ttf"),
    ];
    let mut eng = TextEngine::new();
    for (text, weight, want) in cases {
        let shaped = eng.layout(&TextJob::new(text).weight(weight), None, 1.0);
        let files = glyph_files(shaped);
        assert!(
            files.iter().all(|f| *f == Some(want)),
            "«{text}» at weight {weight}: want every glyph from {want}, got {files:?}"
        );
    }
}

#[test]
fn persian_and_latin_stay_in_vazirmatn() {
    let cases = [
        "در سال ۲۰۱۹ مؤسسهٔ مطالعات امنیت ملی (INSS) گزارش داد.",
        "The Institute for National Security Studies (INSS), 2019: «Tel Aviv» & Baku.",
        "İstanbul, Ağdam, Əliyev",
    ];
    let mut eng = TextEngine::new();
    for text in cases {
        for weight in [400.0, 800.0] {
            let shaped = eng.layout(&TextJob::new(text).weight(weight), Some(300.0), 1.0);
            let files = glyph_files(shaped);
            assert!(
                files.iter().all(|f| *f == Some("Vazirmatn")),
                "«{text}» at weight {weight}: every glyph from Vazirmatn, got {files:?}"
            );
        }
    }
}

/// A Russian sentence inside Persian keeps the Persian paragraph right to left, with the
/// Cyrillic glyphs from Noto Sans and the Persian ones from Vazirmatn.
#[test]
fn mixed_paragraph_falls_back_per_cluster() {
    let text = "خبرگزاری روسی نوشت «Москва → Баку» و سپس گزارش را پس گرفت.";
    let mut eng = TextEngine::new();
    let shaped = eng.layout(&TextJob::new(text), Some(1000.0), 1.0);
    assert!(shaped.rtl, "the paragraph is Persian, so right to left");
    let files = glyph_files(shaped);
    for want in [
        "Vazirmatn",
        "NotoSans-Regular.ttf",
        "NotoSansMath-Regular.ttf",
    ] {
        assert!(files.contains(&Some(want)), "{want} is used: {files:?}");
    }
    assert!(
        shaped.glyphs.iter().all(|g| g.id != 0),
        "no .notdef in «{text}»"
    );
}

/// Where the logical first cluster of a paragraph sits on its first line: (left edge,
/// right edge) in pixels, and whether the paragraph is right to left. The job is built as
/// the article pane builds body paragraphs: justified, direction left to the engine.
fn first_cluster(eng: &mut TextEngine, text: &str, width: f32) -> (f32, f32, bool) {
    let job = TextJob::new(text).size(17.0).align(Align::Justify);
    let shaped = eng.layout(&job, Some(width), 1.0);
    let line = shaped
        .lines
        .first()
        .unwrap_or_else(|| panic!("no line for «{text}»"));
    let c = line
        .clusters
        .iter()
        .find(|c| c.text_range.start == 0)
        .unwrap_or_else(|| panic!("no first cluster in «{text}»"));
    (c.x, c.x + c.advance, shaped.rtl)
}

#[test]
fn each_paragraph_takes_the_direction_of_its_first_strong_character() {
    let width = 600.0;
    let ltr = [
        "Новый маршрут соединяет Каспийское море со Средиземным и проходит через три страны, \
         минуя прежние пути.",
        "The new route links the Caspian Sea with the Mediterranean → and crosses three countries.",
        "«Ελληνικά» πρώτα, και μετά فارسی.",
        "2024: Тбилиси → Баку.",
    ];
    let rtl = [
        "گزارش تازه نشان می‌دهد که مسیر انتقال انرژی از دریای خزر تا مدیترانه → کوتاه‌تر شده \
         است و از سه کشور می‌گذرد.",
        "(۲۰۲۴) خبرگزاری‌ها «Москва» را این‌گونه نوشتند.",
        "«گزارش» ۱۴۰۳.",
    ];
    let mut eng = TextEngine::new();
    for text in ltr {
        let (left, _, is_rtl) = first_cluster(&mut eng, text, width);
        assert!(!is_rtl, "«{text}» is left to right");
        assert!(
            left.abs() < 0.5,
            "«{text}» starts at the left edge, not at {left}"
        );
    }
    for text in rtl {
        let (_, right, is_rtl) = first_cluster(&mut eng, text, width);
        assert!(is_rtl, "«{text}» is right to left");
        assert!(
            (right - width).abs() < 0.5,
            "«{text}» starts at the right edge ({width}), not at {right}"
        );
    }
}

/// The built-in article and the UI strings are what the window snapshots show: if they
/// needed a system font, the snapshots would depend on the machine's fonts.
#[test]
fn builtin_article_and_ui_need_no_system_font() {
    let article = serde_json::to_string(&gahnegar::store::builtin())
        .unwrap_or_else(|e| panic!("serializing the built-in article: {e}"));
    assert_eq!(
        fonts::uncovered(&article),
        Vec::<char>::new(),
        "built-in article"
    );
    for lang in [gahnegar::ui::Lang::Fa, gahnegar::ui::Lang::En] {
        let strings = format!("{:?}", lang.strings());
        assert_eq!(
            fonts::uncovered(&strings),
            Vec::<char>::new(),
            "UI strings of {lang:?}"
        );
    }
}

#[test]
fn coverage_tells_embedded_from_missing_characters() {
    let cases = [
        ('ب', true),
        ('A', true),
        ('ж', true),
        ('ש', true),
        ('→', true),
        ('\u{200c}', true), // ZWNJ needs no glyph
        ('\n', true),
        ('中', false),
        ('ᚠ', false),
        ('─', false),
    ];
    for (c, want) in cases {
        assert_eq!(fonts::is_covered(c), want, "{c:?} U+{:04X}", u32::from(c));
    }
    assert_eq!(fonts::uncovered("ab中cd中─"), vec!['中', '─']);
}

/// The glyphs (id, whether from an embedded font) drawn for the character at byte `at`.
fn glyphs_at(shaped: &ShapedText, at: usize) -> Vec<(u32, bool)> {
    let files = glyph_files(shaped);
    shaped
        .lines
        .iter()
        .flat_map(|l| &l.clusters)
        .filter(|c| c.text_range.contains(&at))
        .flat_map(|c| c.glyphs.clone())
        .map(|i| (shaped.glyphs[i].id, files[i].is_some()))
        .collect()
}

/// Box drawing and Han characters are in no embedded font: they come from a system font
/// when the machine has one (Debian's fonts-dejavu-core has box drawing), and the Persian
/// around them stays in Vazirmatn.
#[test]
fn characters_no_embedded_font_has_come_from_a_system_font() {
    let text = "جدول ┌─┐ و واژهٔ 中文";
    let mut eng = TextEngine::new();
    let shaped = eng.layout(&TextJob::new(text), None, 1.0);
    for c in ['─', '中'] {
        let at = text.find(c).unwrap_or_else(|| panic!("{c:?}"));
        let glyphs = glyphs_at(shaped, at);
        assert!(!glyphs.is_empty(), "{c:?} is drawn");
        match fonts::system_family_for(c) {
            Some(family) => assert!(
                glyphs.iter().all(|&(id, embedded)| id != 0 && !embedded),
                "{c:?} from the system family {family}: {glyphs:?}"
            ),
            None => eprintln!("no system font has {c:?} here; its glyph is .notdef"),
        }
    }
    let at = text.find('ج').unwrap_or_else(|| panic!("ج"));
    assert_eq!(
        glyphs_at(shaped, at).first().map(|g| g.1),
        Some(true),
        "ج from Vazirmatn"
    );
}

/// Invisible characters alone (a Mongolian free variation selector, an emoji variation
/// selector, a word joiner, found by the property test below) draw no .notdef box and
/// take no width.
#[test]
fn invisible_characters_alone_draw_no_box() {
    let mut eng = TextEngine::new();
    let advance = |t: &gahnegar::text::ShapedText| -> f32 {
        t.lines
            .iter()
            .flat_map(|l| l.clusters.iter().map(|c| c.advance))
            .sum()
    };
    for text in [
        "\u{180F}",
        "\u{FE0F}",
        "\u{2060}",
        "a\u{180F}b",
        "\u{E0100}",
    ] {
        let shaped = eng.layout(&TextJob::new(text), Some(200.0), 1.0);
        assert!(
            shaped.glyphs.iter().all(|g| g.id != 0),
            "{:?} drew .notdef",
            text.escape_unicode().to_string()
        );
        let with = advance(shaped);
        let plain = text.replace(|c: char| !c.is_ascii_alphabetic(), "");
        let without = advance(eng.layout(&TextJob::new(plain.as_str()), Some(200.0), 1.0));
        assert!(
            (with - without).abs() < 0.01,
            "{:?} took width",
            text.escape_unicode().to_string()
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
    /// Any text, in any script or none, lays out without panicking, and every character
    /// an embedded font has gets a real glyph.
    #[test]
    fn any_text_lays_out(text in "\\PC{0,24}", weight in 100.0f32..900.0) {
        let mut eng = TextEngine::new();
        let shaped = eng.layout(&TextJob::new(text.as_str()).weight(weight), Some(200.0), 1.0);
        for line in &shaped.lines {
            for c in &line.clusters {
                let s = &text[c.text_range.clone()];
                if s.chars().count() == 1 && s.chars().all(|ch| fonts::is_covered(ch) && !ch.is_whitespace() && !ch.is_control()) {
                    for g in &shaped.glyphs[c.glyphs.clone()] {
                        proptest::prop_assert_ne!(g.id, 0, "{:?} in {:?}", s, text);
                    }
                }
            }
        }
    }
}
