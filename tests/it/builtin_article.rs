//! The built-in article (`assets/articles/caucasus-gem.ron`) as data: it parses, its
//! references are sound, its text is clean of PDF-extraction damage, and its events,
//! sources and claims are anchored in the text they come from.

use gahnegar::model::{Article, BlockKind, Day, Event, Precision};

const RON: &str = include_str!("../../assets/articles/caucasus-gem.ron");

const ZWNJ: char = '\u{200C}';

/// ZWNJs in the block text once restored (111 at the time of writing); a drop means
/// some were lost again.
const MIN_ZWNJ: usize = 110;

fn article() -> Article {
    ron::from_str::<Article>(RON).unwrap_or_else(|e| panic!("caucasus-gem.ron does not parse: {e}"))
}

fn day(s: &str) -> Day {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test date {s}: {e}"))
}

fn event_by_wording<'a>(a: &'a Article, wording: &str) -> &'a Event {
    let found: Vec<&Event> = a
        .events
        .iter()
        .filter(|e| e.date.wording == wording)
        .collect();
    assert!(
        found.len() == 1,
        "expected exactly one event worded «{wording}», found {}",
        found.len()
    );
    found[0]
}

fn block_text<'a>(a: &'a Article, id: &str) -> &'a str {
    a.block(id)
        .map(|b| b.text.as_str())
        .unwrap_or_else(|| panic!("no block «{id}»"))
}

/// Every text a reader sees: title, lead, author and blocks.
fn all_texts(a: &Article) -> Vec<(String, &str)> {
    let mut out = vec![
        ("title".to_owned(), a.meta.title.as_str()),
        ("author".to_owned(), a.meta.author.as_str()),
    ];
    out.extend(
        a.meta
            .lead
            .iter()
            .enumerate()
            .map(|(i, l)| (format!("lead[{i}]"), l.as_str())),
    );
    out.extend(
        a.blocks
            .iter()
            .map(|b| (format!("block {}", b.id), b.text.as_str())),
    );
    out
}

#[test]
fn parses_and_is_sound() {
    let a = article();
    assert!(
        a.schema == gahnegar::model::SCHEMA_VERSION,
        "schema {} != {}",
        a.schema,
        gahnegar::model::SCHEMA_VERSION
    );
    let problems = a.problems();
    assert!(
        problems.is_empty(),
        "article has {} problems:\n{}",
        problems.len(),
        gahnegar::store::list_problems(&problems)
    );
    assert!(
        a.meta.title == "نگین قفقاز بر انگشتری صهیونیست",
        "title «{}»",
        a.meta.title
    );
    assert!(a.meta.author == "زهرا صمصامی", "author «{}»", a.meta.author);
    assert!(a.meta.language == "fa", "language «{}»", a.meta.language);
    assert!(
        a.meta.lead.len() == 2,
        "lead should be the two questions, got {:?}",
        a.meta.lead
    );
    for l in &a.meta.lead {
        assert!(l.ends_with('؟'), "lead line is not a question: «{l}»");
    }
    assert!(a.events.len() >= 28, "only {} events", a.events.len());
    assert!(a.sources.len() >= 15, "only {} sources", a.sources.len());
    assert!(a.claims.len() >= 15, "only {} claims", a.claims.len());
}

#[test]
fn structure() {
    let a = article();
    let headings: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    assert!(
        headings
            == [
                "رفاقت روباه و خارپشت",
                "نخ تسبیح امنیت اسرائیل",
                "به نام قفقاز، به کام تل\u{200C}آویو",
                "میانجی صلح بر دروازه دوزخ"
            ],
        "headings {headings:?}"
    );
    let first = &a.blocks[0];
    assert!(
        first.kind == BlockKind::Paragraph
            && first.text.starts_with(
                "آذربایجان، نگین قفقاز، در نقطه\u{200C}ای استراتژیک میان اروپا و آسیا قرار دارد"
            ),
        "the article opens with the displaced first line put back, got «{}»",
        first.text
    );
    // The sidebar on the Jewish community of Azerbaijan: boxed, after the main text.
    let sidebar: Vec<usize> = a
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.sidebar)
        .map(|(i, _)| i)
        .collect();
    assert!(!sidebar.is_empty(), "no sidebar block");
    let first_sidebar = sidebar[0];
    assert!(
        sidebar
            .iter()
            .enumerate()
            .all(|(k, &i)| i == first_sidebar + k)
            && sidebar.last() == Some(&(a.blocks.len() - 1)),
        "sidebar blocks should be contiguous at the end, at {sidebar:?} of {}",
        a.blocks.len()
    );
    let side_text: String = sidebar.iter().map(|&i| a.blocks[i].text.as_str()).collect();
    assert!(
        side_text.contains("جامعه یهودی") && side_text.contains("(۱۹۱۸-۱۹۲۰)"),
        "sidebar «{side_text}»"
    );
    for b in &a.blocks {
        assert!(
            !b.sidebar || b.kind != BlockKind::Heading,
            "unexpected sidebar heading {}",
            b.id
        );
        let prefix = match b.kind {
            BlockKind::Heading => 'h',
            BlockKind::Paragraph => 'p',
            BlockKind::PullQuote => 'q',
        };
        assert!(
            b.id.starts_with(prefix) && b.id[1..].parse::<u32>().is_ok(),
            "block id «{}» for a {:?}",
            b.id,
            b.kind
        );
        if b.kind == BlockKind::Paragraph {
            assert!(
                b.text.ends_with('.') || b.text.ends_with(".»"),
                "paragraph {} does not end a sentence: «…{}»",
                b.id,
                b.text
                    .chars()
                    .rev()
                    .take(30)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
            );
        }
    }
}

#[test]
fn text_is_free_of_extraction_damage() {
    let a = article();
    for (what, t) in all_texts(&a) {
        for (bad, name) in [
            ('\u{0640}', "tatweel"),
            ('\u{064A}', "Arabic yeh ي"),
            ('\u{0643}', "Arabic kaf ك"),
            ('\u{0649}', "alef maksura ى"),
            ('\n', "newline"),
            ('\t', "tab"),
            ('\u{00A0}', "no-break space"),
            ('\u{200F}', "RLM"),
            ('\u{200E}', "LRM"),
        ] {
            assert!(!t.contains(bad), "{what} contains {name}: «{t}»");
        }
        assert!(!t.contains("  "), "{what} contains a double space: «{t}»");
        assert!(
            t == t.trim(),
            "{what} has leading or trailing whitespace: «{t}»"
        );
        // Digits: Persian ones only; no Latin or Arabic-Indic digits anywhere (the Latin
        // names the article cites, INSS, IzRus, Zman.co.il, XKX, MIT, have none).
        if let Some(c) = t
            .chars()
            .find(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(c))
        {
            panic!("{what} contains a non-Persian digit «{c}»: «{t}»");
        }
        // Guillemets and parentheses open before they close, and never nest.
        for (open, close) in [('«', '»'), ('(', ')')] {
            let mut depth = 0;
            for (i, c) in t.char_indices() {
                if c == open {
                    depth += 1;
                    assert!(
                        depth == 1,
                        "{what}: nested or unclosed «{open}» at byte {i}: «{t}»"
                    );
                } else if c == close {
                    assert!(
                        depth == 1,
                        "{what}: mirrored «{close}» before «{open}» at byte {i}: «{t}»"
                    );
                    depth -= 1;
                }
            }
            assert!(depth == 0, "{what}: unclosed «{open}»: «{t}»");
        }
        // A ZWNJ sits between two letters, never beside a space, punctuation or another ZWNJ.
        let chars: Vec<char> = t.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == ZWNJ {
                let ok = |j: Option<&char>| j.is_some_and(|c| c.is_alphabetic());
                assert!(
                    i > 0 && ok(chars.get(i - 1)) && ok(chars.get(i + 1)),
                    "{what}: stray ZWNJ at char {i}: «{}»",
                    chars[i.saturating_sub(10)..(i + 10).min(chars.len())]
                        .iter()
                        .collect::<String>()
                );
            }
        }
        // Space before punctuation, or a split word left by the extraction.
        for bad in [
            " ،",
            " .",
            " ؛",
            " :",
            "تأ کید",
            "ا کتبر",
            "استراتژ یک",
            "( ",
            " )",
        ] {
            assert!(!t.contains(bad), "{what} contains «{bad}»: «{t}»");
        }
    }

    let body: String = a
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let zwnj = body.chars().filter(|&c| c == ZWNJ).count();
    assert!(
        zwnj >= MIN_ZWNJ,
        "only {zwnj} ZWNJs in the block text, expected at least {MIN_ZWNJ}"
    );

    // Words the extraction glued together, restored; their glued forms must be gone.
    for word in [
        "می\u{200C}کند",
        "سال\u{200C}های",
        "به\u{200C}عنوان",
        "فوق\u{200C}العاده\u{200C}ای",
        "رئیس\u{200C}جمهور",
        "علی\u{200C}اف",
        "حزب\u{200C}الله",
        "گزارش\u{200C}ها",
        "همکاری\u{200C}های",
        "بین\u{200C}المللی",
        "نه\u{200C}تنها",
        "قره\u{200C}باغ",
        "تل\u{200C}آویو",
        "اسرائیل\u{200C}هایوم",
    ] {
        assert!(body.contains(word), "restored word «{word}» is missing");
        let glued: String = word.chars().filter(|&c| c != ZWNJ).collect();
        assert!(
            !body.contains(&glued),
            "glued form «{glued}» of «{word}» is still in the text"
        );
    }
    for (word, min) in [("تأکید", 6), ("اکتبر", 3), ("استراتژیک", 8), ("تلاش", 5)]
    {
        let n = body.matches(word).count();
        assert!(
            n >= min,
            "«{word}» occurs {n} times, expected at least {min}"
        );
    }
    // The author's own spellings are kept: she writes both forms.
    assert!(
        body.contains("به عنوان") && body.contains("به\u{200C}عنوان"),
        "both «به عنوان» and «به‌عنوان» should survive"
    );
    assert!(
        body.contains("بیش از پیش") && body.contains("بیش\u{200C}ازپیش"),
        "both «بیش از پیش» and «بیش‌ازپیش» should survive"
    );
    for latin in ["(INSS)", "(IzRus)", "(Zman.co.il)", "(XKX)", "(MIT)"] {
        assert!(body.contains(latin), "Latin name «{latin}» is missing");
    }
}

#[test]
fn events_are_anchored_on_their_wording() {
    let a = article();
    let mut last_pos: Option<(usize, usize, &str)> = None;
    for e in &a.events {
        assert!(
            e.id.starts_with('e') && e.id[1..].parse::<u32>().is_ok(),
            "event id «{}»",
            e.id
        );
        assert!(
            e.anchor.exact == e.date.wording,
            "event {}: anchor «{}» != wording «{}»",
            e.id,
            e.anchor.exact,
            e.date.wording
        );
        let text = block_text(&a, &e.anchor.block);
        assert!(
            text.contains(&e.date.wording),
            "event {}: «{}» not in block {}",
            e.id,
            e.date.wording,
            e.anchor.block
        );
        assert!(
            e.date.start <= e.date.end,
            "event {}: {} > {}",
            e.id,
            e.date.start,
            e.date.end
        );
        let n = text.matches(&e.date.wording).count();
        assert!(
            n == 1 || !(e.anchor.prefix.is_empty() && e.anchor.suffix.is_empty()),
            "event {}: «{}» occurs {n} times in {} but the anchor has no context",
            e.id,
            e.date.wording,
            e.anchor.block
        );
        assert!(
            !e.label.trim().is_empty() && e.label.split(' ').count() <= 8,
            "event {}: label «{}»",
            e.id,
            e.label
        );
        if matches!(
            e.date.precision,
            Precision::Season | Precision::PartOfDecade
        ) {
            assert!(
                e.date.approximate,
                "event {} («{}») should be approximate",
                e.id, e.date.wording
            );
        }
        // Events are listed in the order they are first mentioned.
        let (bi, range) = a
            .resolve(&e.anchor)
            .unwrap_or_else(|| panic!("event {} does not resolve", e.id));
        if let Some((pb, pr, pid)) = last_pos {
            assert!(
                (pb, pr) < (bi, range.start),
                "event {} is listed after {pid} but mentioned before it",
                e.id
            );
        }
        last_pos = Some((bi, range.start, e.id.as_str()));
    }
}

#[test]
fn sources_and_claims_are_anchored() {
    let a = article();
    for s in &a.sources {
        assert!(
            !s.name.is_empty() && !s.name_en.is_empty(),
            "source {} lacks a name",
            s.id
        );
        assert!(
            !s.mentions.is_empty(),
            "source {} («{}») is never mentioned",
            s.id,
            s.name
        );
        for m in &s.mentions {
            assert!(
                block_text(&a, &m.block).contains(&m.exact),
                "source {}: mention «{}» not in {}",
                s.id,
                m.exact,
                m.block
            );
        }
        assert!(
            a.claims_of_source(&s.id).next().is_some(),
            "source {} («{}») makes no claim",
            s.id,
            s.name
        );
    }
    for c in &a.claims {
        let text = block_text(&a, &c.anchor.block);
        assert!(
            text.contains(&c.anchor.exact),
            "claim {}: quote «{}» not verbatim in {}",
            c.id,
            c.anchor.exact,
            c.anchor.block
        );
        let source = a
            .source(&c.source)
            .unwrap_or_else(|| panic!("claim {}: unknown source {}", c.id, c.source));
        assert!(
            source.mentions.iter().any(|m| m.block == c.anchor.block),
            "claim {}: source {} is not mentioned in block {}",
            c.id,
            source.id,
            c.anchor.block
        );
        for eid in &c.events {
            let e = a
                .event(eid)
                .unwrap_or_else(|| panic!("claim {}: unknown event {eid}", c.id));
            if e.anchor.block == c.anchor.block && c.anchor.exact.contains(&e.date.wording) {
                continue;
            }
            // Otherwise the claim speaks of an event told earlier in the same section («این جنگ»).
            let (eb, _) = a
                .resolve(&e.anchor)
                .unwrap_or_else(|| panic!("event {eid} does not resolve"));
            let (cb, _) = a
                .resolve(&c.anchor)
                .unwrap_or_else(|| panic!("claim {} does not resolve", c.id));
            assert!(
                eb <= cb && cb - eb <= 1,
                "claim {} supports event {eid} which is far from it",
                c.id
            );
        }
    }
    let supported = a
        .events
        .iter()
        .filter(|e| !a.sources_of_event(&e.id).is_empty())
        .count();
    assert!(
        supported >= 15,
        "only {supported} events are backed by a source's claim"
    );
    for (name, role) in [
        ("سرگئی لاوروف", "وزیر خارجه روسیه"),
        ("الی کوهن", "وزیر خارجه اسرائیل"),
        ("بنی گانتز", "وزیر دفاع اسرائیل"),
    ] {
        assert!(
            a.sources.iter().any(|s| s.name == name && s.role == role),
            "source «{name}» («{role}») missing"
        );
    }
    let hayom = a
        .sources
        .iter()
        .find(|s| s.name_en == "Israel Hayom")
        .unwrap_or_else(|| panic!("Israel Hayom is not a source"));
    assert!(
        hayom.mentions.len() == 3,
        "Israel Hayom is named 3 times, got {:?}",
        hayom.mentions
    );
}

/// The article stores its events in the order they are first mentioned (the model's
/// invariant): by block, then by the position of the anchored wording in the block. Read
/// by date, the earliest is the 1918–1920 republic and the latest November 2024.
#[test]
fn events_by_date() {
    let a = article();
    let mut prev: Option<(usize, usize, &str)> = None;
    for e in &a.events {
        let (block, range) = a
            .resolve(&e.anchor)
            .unwrap_or_else(|| panic!("{}: anchor «{}» does not resolve", e.id, e.anchor.exact));
        if let Some((pb, ps, pid)) = prev {
            assert!(
                (pb, ps) <= (block, range.start),
                "stored out of reading order: {pid} (block {pb}, byte {ps}) before {} (block \
                 {block}, byte {})",
                e.id,
                range.start
            );
        }
        prev = Some((block, range.start, &e.id));
    }

    let mut by_date: Vec<&Event> = a.events.iter().collect();
    by_date.sort_by_key(|e| (e.date.start, e.date.end));
    let listing: Vec<String> = by_date
        .iter()
        .map(|e| {
            format!(
                "{}..{}  {:<14}  {}{} — {}",
                e.date.start,
                e.date.end,
                e.date.precision.as_str(),
                if e.date.approximate { "~" } else { "" },
                e.date.wording,
                e.label
            )
        })
        .collect();
    println!("{}", listing.join("\n"));
    let first = by_date[0];
    assert!(
        first.date.wording == "۱۹۱۸-۱۹۲۰",
        "earliest event is «{}», not the 1918–1920 republic",
        first.date.wording
    );
    assert!(
        first.date.start == day("1918-01-01")
            && first.date.end == day("1920-12-31")
            && first.date.precision == Precision::Range,
        "1918–1920 is {}..{} {:?}",
        first.date.start,
        first.date.end,
        first.date.precision
    );
    let last = by_date[by_date.len() - 1];
    assert!(
        last.date.wording == "نوامبر همان سال",
        "latest event is «{}», expected November 2024",
        last.date.wording
    );

    let check = |wording: &str, start: &str, end: &str, precision: Precision| {
        let e = event_by_wording(&a, wording);
        assert!(
            e.date.start == day(start) && e.date.end == day(end) && e.date.precision == precision,
            "«{wording}» is {}..{} {:?}, expected {start}..{end} {precision:?}",
            e.date.start,
            e.date.end,
            e.date.precision
        );
    };
    check("دسامبر ۲۰۲۳", "2023-12-01", "2023-12-31", Precision::Month);
    check("فوریه ۲۰۲۴", "2024-02-01", "2024-02-29", Precision::Month);
    check(
        "انتفاضه دوم (۲۰۰۰-۲۰۰۴)",
        "2000-01-01",
        "2004-12-31",
        Precision::Range,
    );
    check(
        "اواخر دهه ۲۰۰۰",
        "2007-01-01",
        "2009-12-31",
        Precision::PartOfDecade,
    );
    check(
        "نوامبر ۲۰۲۱ تا مارس ۲۰۲۲",
        "2021-11-01",
        "2022-03-31",
        Precision::Range,
    );
    check("سال ۲۰۱۹", "2019-01-01", "2019-12-31", Precision::Year);
    for e in a.events.iter().filter(|e| e.date.wording == "دهه ۱۹۹۰") {
        assert!(
            e.date.start == day("1990-01-01")
                && e.date.end == day("1999-12-31")
                && e.date.precision == Precision::Decade,
            "{}: «دهه ۱۹۹۰» is {}..{}",
            e.id,
            e.date.start,
            e.date.end
        );
    }
    // Autumn 2022 = the Solar Hijri autumn, 1 Mehr to 30 Azar 1401.
    let autumn = event_by_wording(&a, "پاییز ۲۰۲۲");
    let (mehr, azar) = (
        Day::from_solar_hijri(1401, 7, 1),
        Day::from_solar_hijri(1401, 9, 30),
    );
    assert!(
        Ok(autumn.date.start) == mehr && Ok(autumn.date.end) == azar && autumn.date.approximate,
        "«پاییز ۲۰۲۲» is {}..{}, expected {mehr:?}..{azar:?}, approximate",
        autumn.date.start,
        autumn.date.end
    );

    // Relative dates resolve against the event mentioned just before them.
    let previous = |wording: &str| -> (&Event, &Event) {
        let i = a
            .events
            .iter()
            .position(|e| e.date.wording == wording)
            .unwrap_or_else(|| panic!("no «{wording}»"));
        assert!(i > 0, "«{wording}» has nothing to be relative to");
        (&a.events[i], &a.events[i - 1])
    };
    let (later, reference) = previous("یک ماه بعد");
    assert!(
        reference.date.wording == "اکتبر ۲۰۲۲",
        "«یک ماه بعد» follows «{}»",
        reference.date.wording
    );
    let month_after = reference.date.end.add_days(1);
    let month_after_end = Day::last_of_month(month_after.year, month_after.month)
        .unwrap_or_else(|e| panic!("last of month: {e}"));
    assert!(
        later.date.start == month_after
            && later.date.end == month_after_end
            && later.date.precision == Precision::Month,
        "«یک ماه بعد» is {}..{}, expected the month after {} ({month_after}..{month_after_end})",
        later.date.start,
        later.date.end,
        reference.date.wording
    );
    let (same_year, reference) = previous("نوامبر همان سال");
    assert!(
        reference.date.wording == "اکتبر ۲۰۲۴"
            && same_year.date.start
                == Day::new(reference.date.start.year, 11, 1).unwrap_or_else(|e| panic!("{e}"))
            && same_year.date.end
                == Day::new(reference.date.start.year, 11, 30).unwrap_or_else(|e| panic!("{e}")),
        "«نوامبر همان سال» is {}..{}, reference «{}»",
        same_year.date.start,
        same_year.date.end,
        reference.date.wording
    );
    let (same_year, reference) = previous("همان سال");
    assert!(
        reference.date.wording == "ژوئن ۲۰۱۲"
            && same_year.date.precision == Precision::Year
            && same_year.date.start.year == reference.date.start.year
            && same_year.date.end.year == reference.date.start.year,
        "«همان سال» is {}..{}, reference «{}»",
        same_year.date.start,
        same_year.date.end,
        reference.date.wording
    );

    // The Karabakh war comes before what was said about it.
    let war = event_by_wording(&a, "جنگ ۴۴ روزه قره\u{200C}باغ");
    let kuperwasser = event_by_wording(&a, "فوریه ۲۰۲۱");
    let pos = |e: &Event| {
        by_date
            .iter()
            .position(|x| x.id == e.id)
            .unwrap_or(usize::MAX)
    };
    assert!(
        pos(war) < pos(kuperwasser),
        "the 44-day war should come before February 2021 in the listing"
    );
    assert!(
        war.date.start == day("2020-09-27") && war.date.end == day("2020-11-10"),
        "44-day war {}..{}",
        war.date.start,
        war.date.end
    );
}
