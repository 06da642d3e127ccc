//! Attribution patterns that are not «subject + reporting verb»: cue phrases («به گزارش
//! X»، «به نقل از X»، «به گفته X»، «به نوشته X»، «طبق/بنابر/براساس گزارش X»، «براساس
//! اعلام X»)، a dateline source at the start of an item («خبرگزاری X: …»)، the passive
//! «توسط/از سوی X اعلام شد»، and the outlet of an interview («در گفت‌وگو با شبکه X»).

use std::ops::Range;
use std::sync::LazyLock;

use crate::model::ClaimKind;
use crate::persian::fold::fold_text;

use super::names::{
    INSTITUTION_WORDS, OFFICIAL_WORDS, OUTLET_WORDS, STOPS, TITLES, key, speaker, trim,
};
use super::{Speaker, Via};

/// Cue phrases before a source (folded, words joined without spaces), and whether the
/// source must be headed by an institution or outlet word (after «آمار»: «طبق آمار
/// رسمی» names no source).
const CUES: &[(&str, bool)] = &[
    ("به گزارش", false),
    ("به نقل از", false),
    ("به نقل", false),
    ("به گفته", false),
    ("به نوشته", false),
    ("به اعلام", false),
    ("به روایت", false),
    ("به ادعای", false),
    ("به تصریح", false),
    ("از قول", false),
    ("طبق گزارش", false),
    ("طبق اعلام", false),
    ("طبق اظهارات", false),
    ("بنابر گزارش", false),
    ("بنا بر گزارش", false),
    ("بنا به گزارش", false),
    ("بنابر اعلام", false),
    ("بر اساس گزارش", false),
    ("بر اساس اعلام", false),
    ("بر پایه گزارش", false),
    ("بر اساس آمار", true),
    ("طبق آمار", true),
    ("بنابر آمار", true),
];

/// The most words a cue spans.
const CUE_WORDS: usize = 3;

static CUE_KEYS: LazyLock<Vec<(String, usize, bool)>> = LazyLock::new(|| {
    CUES.iter()
        .map(|(c, strict)| {
            (
                c.split(' ').map(|w| fold_text(w).into_owned()).collect(),
                c.split(' ').count(),
                *strict,
            )
        })
        .collect()
});

/// Words of `text[r]` split on whitespace, as absolute byte ranges.
pub fn words(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[r.clone()];
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push(r.start + st..r.start + i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(r.start + st..r.end);
    }
    out
}

/// A source named by a cue phrase, and the byte range of the whole phrase (cue, source
/// and the comma after it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cited {
    pub speaker: Speaker,
    pub phrase: Range<usize>,
}

/// Sources named by cue phrases in the sentence `sent` of `text`, in order.
pub fn cues(text: &str, sent: Range<usize>, verbs: &[Range<usize>]) -> Vec<Cited> {
    let ws = words(text, sent.clone());
    let mut out: Vec<Cited> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let Some((n, strict)) = cue_at(text, &ws, i) else {
            i += 1;
            continue;
        };
        let from = ws[i + n - 1].end;
        // The cue's own last word may carry the comma («به گزارش،»): nothing to name.
        if text[ws[i + n - 1].clone()].ends_with(['،', ',']) {
            i += n;
            continue;
        }
        let (np, phrase_end) = cited_phrase(text, &ws, i + n, sent.end, verbs);
        i += n;
        let Some(np) = np else { continue };
        let first = text[np.clone()]
            .split_whitespace()
            .next()
            .map(key)
            .unwrap_or_default();
        if matches!(
            first.as_ref(),
            "این" | "همین" | "ان" | "همان" | "وی" | "او" | "خود"
        ) || strict
            && !INSTITUTION_WORDS.contains(&first.as_ref())
            && !OUTLET_WORDS.contains(&first.as_ref())
        {
            continue;
        }
        if let Some(sp) = speaker(text, np, ClaimKind::Report, false, "", Via::Cue) {
            out.push(Cited {
                speaker: sp,
                phrase: ws[i - n].start.min(from)..phrase_end,
            });
        }
    }
    out
}

/// The number of words and strictness of a cue starting at word `i`, if one does.
fn cue_at(text: &str, ws: &[Range<usize>], i: usize) -> Option<(usize, bool)> {
    // A cue starts with one of these letters, and its words may be joined
    // («به‌گزارش»، «براساس»).
    let first = key(&text[ws[i].clone()]);
    if !(first.starts_with("به")
        || first.starts_with("از")
        || first.starts_with("طبق")
        || first.starts_with("بنا")
        || first.starts_with("بر"))
    {
        return None;
    }
    let mut joined = String::new();
    let mut best = None;
    for n in 1..=CUE_WORDS.min(ws.len() - i) {
        let w = &text[ws[i + n - 1].clone()];
        // Words of a cue are not split by punctuation.
        if n > 1 && text[ws[i + n - 2].clone()].ends_with(['،', ',']) {
            break;
        }
        joined.push_str(&key(w));
        if !CUE_KEYS
            .iter()
            .any(|(k, _, _)| k.starts_with(joined.as_str()))
        {
            break;
        }
        // «براساس» is one word or two: match the joined folded words.
        for (k, _, strict) in CUE_KEYS.iter() {
            if *k == joined {
                best = Some((n, *strict));
            }
        }
    }
    best
}

/// The source after a cue, from word `from`: up to a comma or colon within ten words
/// (an outlet's «از <place>» / «در <place>» dropped), else up to a stop word, a verb, or
/// six words. Returns the name's range and the end of the whole phrase.
fn cited_phrase(
    text: &str,
    ws: &[Range<usize>],
    from: usize,
    sent_end: usize,
    verbs: &[Range<usize>],
) -> (Option<Range<usize>>, usize) {
    if from >= ws.len() {
        return (None, sent_end);
    }
    let start = ws[from].start;
    let is_verb = |r: &Range<usize>| verbs.iter().any(|v| v.start <= r.start && r.start < v.end);
    // A comma (or colon) within ten words, before any verb or «.
    let mut comma = None;
    for (k, w) in ws.iter().enumerate().skip(from).take(10) {
        let t = &text[w.clone()];
        if is_verb(w) || t.starts_with('«') {
            break;
        }
        if let Some(p) = t.find(['،', ',', ':', '؛']) {
            comma = Some((k, w.start + p));
            break;
        }
        // «به گزارش X و به نقل از Y»: another cue ends this one.
        if key(t) == "و" && k + 1 < ws.len() && cue_at(text, ws, k + 1).is_some() {
            comma = Some((k, w.start));
            break;
        }
    }
    let outlet = OUTLET_WORDS.contains(&key(&text[ws[from].clone()]).as_ref());
    if let Some((k, at)) = comma {
        let mut end = at;
        for (j, w) in ws.iter().enumerate().take(k + 1).skip(from + 1) {
            let kw = key(&text[w.clone()]);
            if outlet && matches!(kw.as_ref(), "از" | "در")
                || kw == "و" && w.start >= at
                || cue_at(text, ws, j).is_some()
                || outlet && j >= from + 2 && glued_place(&kw)
            {
                end = w.start;
                break;
            }
        }
        // A long phrase runs into the clause («به گفته رئیس X قیمت نان در …»): cut it at
        // a stop word other than the «از» of a name.
        if ws[from..=k].len() > 6
            && let Some(w) = ws[from + 1..=k].iter().find(|w| {
                let kw = key(&text[(*w).clone()]);
                STOPS.contains(&kw.as_ref()) && kw != "از"
            })
        {
            end = end.min(w.start);
        }
        let phrase_end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        let np = trim(text, start..end.min(at));
        return ((!np.is_empty()).then_some(np), phrase_end);
    }
    // No comma: «به گزارش خبرگزاری X وزیر Y گفت» — a role or title after the source
    // starts the verb's subject.
    let mut end = start;
    for (k, w) in ws.iter().enumerate().skip(from).take(6) {
        let t = &text[w.clone()];
        let kw = key(t);
        let next = ws.get(k + 1).map(|n| key(&text[n.clone()]));
        if is_verb(w)
            || STOPS.contains(&kw.as_ref())
            || k > from && cue_at(text, ws, k).is_some()
            || t.starts_with('«')
            || k > from
                && (OFFICIAL_WORDS.contains(&kw.as_ref())
                    || matches!(kw.as_ref(), "وی" | "او" | "ایشان" | "این")
                    || TITLES.contains(&kw.as_ref())
                    || kw == "نخست" && next.as_deref() == Some("وزیر"))
        {
            break;
        }
        end = w.end;
        if t.ends_with(['.', '»', ')']) {
            break;
        }
    }
    let np = trim(text, start..end);
    ((!np.is_empty()).then_some(np.clone()), np.end)
}

/// Whether the folded word `w` is «از» glued to a place («ازفارس»): after an outlet's
/// name it gives the outlet's location, not part of its name.
fn glued_place(w: &str) -> bool {
    let Some(rest) = w.strip_prefix("از") else {
        return false;
    };
    let lex = crate::persian::repair::lexicon();
    rest.chars().count() >= 3 && !lex.is_frequent(w)
}

/// A dateline source at the start of the sentence `sent`: «خبرگزاری X: …» or «سخنگوی
/// X: …», a phrase of one to six words headed by an outlet, institution or role word,
/// then a colon (leading record numbers «12,345,» of a feed are skipped). The byte range
/// of the phrase with its colon is returned too.
pub fn dateline(text: &str, sent: Range<usize>, verbs: &[Range<usize>]) -> Option<Cited> {
    let s = &text[sent.clone()];
    let skip = s.len()
        - s.trim_start_matches(|c: char| c.is_numeric() || c == ',' || c.is_whitespace())
            .len();
    let from = sent.start + skip;
    // A headline and a «تاریخ انتشار: …» line run into the item: the dateline source may
    // also follow the first word with digits (no reporting verb between it and the
    // colon).
    let ws = words(text, from..sent.end);
    let after_date = ws
        .iter()
        .take(40)
        .position(|w| text[w.clone()].chars().any(char::is_numeric))
        .and_then(|d| ws.get(d + 1))
        .map(|w| w.start);
    [Some(from), after_date]
        .into_iter()
        .flatten()
        .find_map(|st| dateline_at(text, st, sent.end, verbs))
}

/// A dateline phrase starting at `from`, before a colon.
fn dateline_at(text: &str, from: usize, end: usize, verbs: &[Range<usize>]) -> Option<Cited> {
    let colon = text[from..end].find(':')?;
    let phrase = trim(text, from..from + colon);
    let ws = words(text, phrase.clone());
    if ws.is_empty()
        || ws.len() > 6
        || verbs
            .iter()
            .any(|v| from <= v.start && v.start < from + colon)
    {
        return None;
    }
    let first = key(&text[ws[0].clone()]);
    // «گروه علمی: …» is a desk's byline, «خبرنگار: …»، «عکس: …» a byline: never sources.
    if is_byline_head(&first) {
        return None;
    }
    if !(OUTLET_WORDS.contains(&first.as_ref())
        || INSTITUTION_WORDS.contains(&first.as_ref())
        || OFFICIAL_WORDS.contains(&first.as_ref()))
        || text[phrase.clone()].contains(['،', ',', '«', '»', '.'])
        || ws
            .iter()
            .any(|w| STOPS.contains(&key(&text[w.clone()]).as_ref()))
    {
        return None;
    }
    let sp = speaker(
        text,
        phrase.clone(),
        ClaimKind::Report,
        false,
        "",
        Via::Dateline,
    )?;
    Some(Cited {
        speaker: sp,
        phrase: phrase.start..from + colon + 1,
    })
}

/// First words (folded) of a desk line or a byline: «گروه علمی: …»، «خبرنگار: …»،
/// «گزارش: …»، «عکس: …»، «ترجمه: …».
pub fn is_byline_head(w: &str) -> bool {
    matches!(
        w,
        "گروه"
            | "سرویس"
            | "خبرنگار"
            | "خبرنگاران"
            | "گزارش"
            | "گزارشگر"
            | "عکس"
            | "عکاس"
            | "عکسها"
            | "ترجمه"
            | "مترجم"
            | "نویسنده"
            | "تنظیم"
            | "گردآوری"
            | "ویراستار"
            | "تدوین"
    )
}

/// Nominals of passive reports: «توسط X اعلام شد».
const PASSIVE_NOMINALS: &[&str] = &[
    "اعلام",
    "تایید",
    "گزارش",
    "تکذیب",
    "منتشر",
    "ابلاغ",
    "اعلان",
    "بیان",
    "مطرح",
];
const PASSIVE_LIGHT: &[&str] = &["شد", "شده", "گردید", "گردیده", "میشود", "شدهاست"];

/// Agents of passive reports in `sent`: «توسط X اعلام شد»، «از سوی X تأیید گردید».
pub fn passives(text: &str, sent: Range<usize>) -> Vec<Cited> {
    let ws = words(text, sent);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let k0 = key(&text[ws[i].clone()]);
        let n = if matches!(k0.as_ref(), "توسط" | "ازسوی" | "ازطرف") {
            1
        } else if k0 == "از"
            && ws
                .get(i + 1)
                .is_some_and(|w| matches!(key(&text[w.clone()]).as_ref(), "سوی" | "طرف"))
        {
            2
        } else {
            i += 1;
            continue;
        };
        let from = i + n;
        // The nominal and light verb within eight words.
        let found = (from + 1..ws.len().min(from + 9)).find(|&k| {
            PASSIVE_NOMINALS.contains(&key(&text[ws[k].clone()]).as_ref())
                && ws
                    .get(k + 1)
                    .is_some_and(|w| PASSIVE_LIGHT.contains(&key(&text[w.clone()]).as_ref()))
        });
        if let Some(k) = found {
            let np = trim(text, ws[from].start..ws[k - 1].end);
            let np_end = ws[from..k]
                .iter()
                .position(|w| {
                    let t = &text[w.clone()];
                    STOPS.contains(&key(t).as_ref()) || t.contains(['،', ','])
                })
                .map_or(np.end, |p| {
                    let w = &ws[from + p];
                    // «از سوی X پیشنهاد، تصویب یا تأیید شد»: coordinated nominals.
                    let listed = ws[from + p + 1..k]
                        .iter()
                        .any(|w| matches!(key(&text[w.clone()]).as_ref(), "یا" | "و"));
                    if text[w.clone()].contains(['،', ',']) && !listed {
                        w.end
                    } else {
                        w.start
                    }
                });
            let np = trim(text, np.start..np_end.max(np.start));
            if !np.is_empty()
                && let Some(sp) = speaker(text, np, ClaimKind::Statement, false, "", Via::Agent)
            {
                out.push(Cited {
                    speaker: sp,
                    phrase: ws[i].start..ws[k + 1].end,
                });
            }
            i = k + 2;
        } else {
            i += 1;
        }
    }
    out
}

/// Words that end an outlet's name (folded).
const OUTLET_STOPS: &[&str] = &[
    "در",
    "از",
    "به",
    "با",
    "که",
    "را",
    "برای",
    "نیز",
    "هم",
    "درباره",
    "پیرامون",
];

/// The outlet of an interview in `pre`: «در گفت‌وگو با شبکه X»، «در مصاحبه با روزنامه X»;
/// only an outlet (or a reporter) counts.
pub fn interviewer(text: &str, pre: Range<usize>) -> Option<Speaker> {
    let ws = words(text, pre);
    for i in 0..ws.len() {
        let k = key(&text[ws[i].clone()]);
        let (is_talk, n) = match k.as_ref() {
            "گفتوگو" | "گفتگو" | "مصاحبه" => (true, 1),
            "گفت"
                if ws
                    .get(i + 1)
                    .is_some_and(|w| key(&text[w.clone()]).starts_with("وگو")) =>
            {
                (true, 2)
            }
            "گفت"
                if ws.get(i + 1).is_some_and(|w| key(&text[w.clone()]) == "و")
                    && ws.get(i + 2).is_some_and(|w| key(&text[w.clone()]) == "گو") =>
            {
                (true, 3)
            }
            _ => (false, 0),
        };
        if !is_talk || ws.get(i + n).is_none_or(|w| key(&text[w.clone()]) != "با") {
            continue;
        }
        let from = i + n + 1;
        let first = ws.get(from)?;
        if !OUTLET_WORDS.contains(&key(&text[first.clone()]).as_ref()) {
            return None;
        }
        let mut end = first.end;
        for w in ws.iter().skip(from).take(5) {
            let t = &text[w.clone()];
            let kw = key(t);
            // An outlet's name may hold time words («روزنامه صبح»): only prepositions
            // and conjunctions end it.
            if w.start > first.start && OUTLET_STOPS.contains(&kw.as_ref()) {
                break;
            }
            end = w.end;
            if t.ends_with(['،', ',']) {
                end = w.end - t.chars().next_back().map_or(0, char::len_utf8);
                break;
            }
        }
        return speaker(
            text,
            first.start..end,
            ClaimKind::Report,
            false,
            "",
            Via::Interview,
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(text: &str) -> Vec<String> {
        cues(text, 0..text.len(), &[])
            .into_iter()
            .map(|c| c.speaker.name)
            .collect()
    }

    #[test]
    fn cue_phrases() {
        for (text, want) in [
            (
                "به گزارش خبرگزاری پارس از تبریز، باران آمد.",
                vec!["خبرگزاری پارس"],
            ),
            ("به گزارش ایسنا، باران آمد.", vec!["ایسنا"]),
            ("به‌گزارش ایسنا، باران آمد.", vec!["ایسنا"]),
            (
                "به نقل از روابط عمومی انجمن باغداران ایران، باران آمد.",
                vec!["روابط عمومی انجمن باغداران ایران"],
            ),
            (
                "به گزارش گروه علمی خبرگزاری پارس و به نقل از انجمن باغداران، باران آمد.",
                vec!["خبرگزاری پارس", "انجمن باغداران"],
            ),
            ("براساس گزارش روزنامه صبح، باران آمد.", vec!["روزنامه صبح"]),
            (
                "بر اساس اعلام مرکز هواشناسی، باران آمد.",
                vec!["مرکز هواشناسی"],
            ),
            ("بنابراین گزارش، باران آمد.", vec![]),
            ("بنا بر این گزارش، باران آمد.", vec![]),
            ("طبق آمار رسمی باران آمد.", vec![]),
            ("به گفته این مقام باران آمد.", vec![]),
            (
                "به گزارش خبرگزاری پارس وزیر نیرو گفت باران آمد.",
                vec!["خبرگزاری پارس"],
            ),
        ] {
            assert_eq!(cited(text), want, "cues in «{text}»");
        }
    }

    #[test]
    fn datelines() {
        for (text, want) in [
            ("خبرگزاری پارس: باران آمد.", Some("خبرگزاری پارس")),
            ("12,3456,سخنگوی شهرداری: باران آمد.", Some("سخنگوی شهرداری")),
            ("۱۲,۳۴۵۶,سخنگوی شهرداری: باران آمد.", Some("سخنگوی شهرداری")),
            ("تاریخ انتشار: ۱۴۰۲/۰۱/۰۱", None),
            ("نتیجه: باران آمد.", None),
            ("گروه علمی: باران آمد.", None),
            (
                "باران آمد تاریخ انتشار: ۱۴۰۲/۰۱/۰۱ خبرگزاری پارس: باران آمد.",
                Some("خبرگزاری پارس"),
            ),
        ] {
            let got = dateline(text, 0..text.len(), &[]).map(|c| c.speaker.name);
            assert_eq!(got.as_deref(), want, "dateline of «{text}»");
        }
    }

    #[test]
    fn passive_agents() {
        for (text, want) in [
            ("این خبر توسط وزارت نیرو اعلام شد.", vec!["وزارت نیرو"]),
            ("این خبر از سوی شرکت آب تأیید گردید.", vec!["شرکت آب"]),
            ("این خانه توسط پدرم ساخته شد.", vec![]),
        ] {
            let got: Vec<String> = passives(text, 0..text.len())
                .into_iter()
                .map(|c| c.speaker.name)
                .collect();
            assert_eq!(got, want, "agents in «{text}»");
        }
    }

    #[test]
    fn interviews() {
        for (text, want) in [
            ("وزیر در گفت‌وگو با شبکه خبر", Some("شبکه خبر")),
            ("وزیر در گفت و گو با روزنامه صبح، ", Some("روزنامه صبح")),
            ("وزیر در گفتگو با مردم", None),
        ] {
            let got = interviewer(text, 0..text.len()).map(|s| s.name);
            assert_eq!(got.as_deref(), want, "interviewer in «{text}»");
        }
    }
}
