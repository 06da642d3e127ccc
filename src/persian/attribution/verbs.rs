//! The lexicon of reporting verbs («گفت»، «افزود»، «اظهار داشت»، «اعلام کرده‌اند»،
//! «می‌گوید» …) and the finder that spots them in a sentence.
//!
//! Every form is generated from a verb's stems, not listed by hand: the past stem and the
//! present stems come from hazm's verb list (`assets/lexicon/verbs.txt`, MIT, see
//! `assets/lexicon/README.md`), and [`forms`] conjugates them in every person, in the
//! simple past, present and past progressive, present perfect, past perfect and future,
//! affirmative and negated. A form is a list of segments between which a writer may put a
//! space, a ZWNJ or nothing («می گوید», «می‌گوید», «میگوید»; «اظهار داشت»,
//! «اظهارداشت»; «گفته اند», «گفته‌اند»), so forms are matched on the folded text of one
//! to [`MAX_WORDS`] words joined without spaces.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::model::ClaimKind;
use crate::persian::fold::{WordChars, fold_text, utf8_len};
use crate::persian::repair::WordBuild;

/// A reporting verb: its nominal part (empty for a simple verb; words separated by a space
/// may be written apart or joined), the past stem of its verb, and what it reports.
#[derive(Clone, Copy, Debug)]
pub struct Lemma {
    pub nominal: &'static str,
    pub past: &'static str,
    pub kind: ClaimKind,
}

const fn lemma(nominal: &'static str, past: &'static str, kind: ClaimKind) -> Lemma {
    Lemma {
        nominal,
        past,
        kind,
    }
}

use ClaimKind::{Report, Statement};

/// The reporting verbs. Light verbs: کرد، نمود، داشت، داد، شد، ساخت.
pub const LEMMAS: &[Lemma] = &[
    lemma("", "گفت", Statement),
    lemma("", "افزود", Statement),
    lemma("", "نوشت", Report),
    lemma("", "خواست", Statement),
    lemma("گزارش", "داد", Report),
    lemma("گزارش", "کرد", Report),
    lemma("خبر", "داد", Report),
    lemma("فاش", "کرد", Report),
    lemma("فاش", "ساخت", Report),
    lemma("نشان", "داد", Report),
    lemma("اعلام", "کرد", Statement),
    lemma("اعلام", "نمود", Statement),
    lemma("اعلام", "داشت", Statement),
    lemma("اظهار", "کرد", Statement),
    lemma("اظهار", "داشت", Statement),
    lemma("اظهار", "نمود", Statement),
    lemma("بیان", "کرد", Statement),
    lemma("بیان", "داشت", Statement),
    lemma("بیان", "نمود", Statement),
    lemma("تصریح", "کرد", Statement),
    lemma("تصریح", "نمود", Statement),
    lemma("خاطر نشان", "کرد", Statement),
    lemma("خاطر نشان", "ساخت", Statement),
    lemma("خاطر نشان", "نمود", Statement),
    lemma("تأکید", "کرد", Statement),
    lemma("تأکید", "نمود", Statement),
    lemma("تأکید", "داشت", Statement),
    lemma("مدعی", "شد", Statement),
    lemma("ادعا", "کرد", Statement),
    lemma("هشدار", "داد", Statement),
    lemma("ادامه", "داد", Statement),
    lemma("یادآور", "شد", Statement),
    lemma("یادآوری", "کرد", Statement),
    lemma("متذکر", "شد", Statement),
    lemma("عنوان", "کرد", Statement),
    lemma("عنوان", "داشت", Statement),
    lemma("اضافه", "کرد", Statement),
    lemma("اضافه", "نمود", Statement),
    lemma("توضیح", "داد", Statement),
    lemma("اذعان", "کرد", Statement),
    lemma("اذعان", "داشت", Statement),
    lemma("ابراز", "کرد", Statement),
    lemma("ابراز", "داشت", Statement),
    lemma("اظهار امیدواری", "کرد", Statement),
    lemma("ابراز امیدواری", "کرد", Statement),
    lemma("ابراز نگرانی", "کرد", Statement),
    lemma("اظهار نگرانی", "کرد", Statement),
    lemma("تأیید", "کرد", Statement),
    lemma("تکذیب", "کرد", Statement),
    lemma("پیش بینی", "کرد", Statement),
    lemma("اشاره", "کرد", Statement),
    lemma("یاد", "کرد", Statement),
    lemma("معرفی", "کرد", Statement),
    lemma("توصیف", "کرد", Statement),
    lemma("خواستار", "شد", Statement),
    lemma("پاسخ", "داد", Statement),
    lemma("نقل", "کرد", Report),
    lemma("گفت و گو", "کرد", Statement),
];

/// The most words a form spans («اظهار امیدواری نمی کرده اند» is five).
pub const MAX_WORDS: usize = 6;

/// hazm's verb list: `past#present` per line.
const HAZM_VERBS: &str = include_str!("../../../assets/lexicon/verbs.txt");

/// The present stems hazm gives for a past stem, with the glide «ی» added after a final
/// «ا» («افزا» → «افزای»), as hazm's own conjugator does.
pub fn present_stems(past: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in HAZM_VERBS.lines() {
        if let Some((p, r)) = line.split_once('#')
            && p == past
            && !r.is_empty()
        {
            let r = if r.ends_with('ا') {
                format!("{r}ی")
            } else {
                r.to_owned()
            };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

const PAST_ENDS: [&str; 6] = ["", "م", "ی", "یم", "ید", "ند"];
const PRESENT_ENDS: [&str; 6] = ["م", "ی", "د", "یم", "ید", "ند"];
/// Auxiliaries after a past participle: present perfect («گفته است/اند/ام …») and past
/// perfect («گفته بود/بودند …»).
const PERFECT_AUX: [&str; 12] = [
    "است",
    "اند",
    "ام",
    "ای",
    "ایم",
    "اید",
    "بود",
    "بودند",
    "بودم",
    "بودی",
    "بودیم",
    "بودید",
];

/// Every conjugated form of the verb with stems `past` and `presents`, each as the list of
/// its segments (a writer may join or split them).
pub fn forms(past: &str, presents: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for neg in ["", "ن"] {
        // Simple past: گفت، گفتند، نگفت.
        for e in PAST_ENDS {
            out.push(vec![format!("{neg}{past}{e}")]);
        }
        // Past progressive: می‌گفت، نمی‌گفتند.
        for e in PAST_ENDS {
            out.push(vec![format!("{neg}می"), format!("{past}{e}")]);
        }
        // Present: می‌گوید، نمی‌گویند.
        for r in presents {
            for e in PRESENT_ENDS {
                out.push(vec![format!("{neg}می"), format!("{r}{e}")]);
            }
        }
        // Perfects: گفته است، نگفته‌اند، گفته بود.
        for a in PERFECT_AUX {
            out.push(vec![format!("{neg}{past}ه"), a.to_owned()]);
        }
        // Future: خواهد گفت، نخواهند گفت.
        for e in PRESENT_ENDS {
            out.push(vec![format!("{neg}خواه{e}"), past.to_owned()]);
        }
    }
    out
}

/// The folded keys of all forms, with their kinds, and the folded words a form may end
/// with (to try a match only where one of them stands).
pub struct Lexicon {
    /// A whole form, folded, its words joined without spaces → its kind.
    keys: HashMap<String, ClaimKind, WordBuild>,
    /// A form's possible last words (a suffix of its segments, joined), folded.
    last: HashSet<String, WordBuild>,
    /// The last chars of [`Lexicon::last`]: a word ending otherwise is not folded.
    ends: Vec<char>,
}

impl Lexicon {
    fn build() -> Self {
        let mut keys: HashMap<String, ClaimKind, WordBuild> = HashMap::default();
        let mut last: HashSet<String, WordBuild> = HashSet::default();
        for l in LEMMAS {
            let presents = present_stems(l.past);
            let nominal: Vec<String> = l.nominal.split(' ').map(str::to_owned).collect();
            for form in forms(l.past, &presents) {
                let segs: Vec<String> = nominal
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .chain(form)
                    .map(|s| fold_text(&s).into_owned())
                    .collect();
                for k in 0..segs.len() {
                    last.insert(segs[k..].concat());
                }
                keys.entry(segs.concat()).or_insert(l.kind);
            }
        }
        // «معتقد است»: a belief reported with a copula.
        for aux in ["است", "اند", "هستند", "بود", "بودند", "ند"] {
            let segs = ["معتقد".to_owned(), aux.to_owned()];
            for k in 0..segs.len() {
                last.insert(segs[k..].concat());
            }
            keys.entry(segs.concat()).or_insert(Statement);
        }
        let mut ends: Vec<char> = last.iter().filter_map(|w| w.chars().next_back()).collect();
        ends.sort_unstable();
        ends.dedup();
        Self { keys, last, ends }
    }

    /// The kind of the folded form `key` (words joined without spaces), if it is one.
    pub fn kind(&self, key: &str) -> Option<ClaimKind> {
        self.keys.get(key).copied()
    }

    /// Whether the folded word `w` may end a form.
    pub fn may_end(&self, w: &str) -> bool {
        self.last.contains(w)
    }

    /// Whether the unfolded word `w` may fold to a word that ends a form (a cheap test on
    /// its last kept char).
    fn may_end_raw(&self, w: &str) -> bool {
        let mut buf = [0u8; 4];
        w.chars()
            .rev()
            .find_map(|c| fold_text(c.encode_utf8(&mut buf)).chars().next_back())
            .is_some_and(|c| self.ends.contains(&c))
    }
}

/// The lexicon, built once.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// Ranges of words (letters, ZWNJ, diacritics) in `s`.
pub fn word_ranges(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let wc = WordChars::default();
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let lead = *b.get(i)?;
            if wc.len_at(s, i, false) > 0 {
                break i;
            }
            i += utf8_len(lead);
        };
        loop {
            let n = wc.len_at(s, i, false);
            if n == 0 {
                break;
            }
            i += n;
        }
        Some(start..i)
    })
}

/// Reporting verbs in `s`: (byte range, kind), in order, not overlapping, on word
/// boundaries; the longest form ending at a word wins. «گفت» of «گفت و گو» / «گفت‌وگو»
/// (a conversation) is not a verb. Linear in `s` (at most [`MAX_WORDS`] lookups a word).
pub fn verbs_in(s: &str) -> Vec<(Range<usize>, ClaimKind)> {
    let lex = &*LEXICON;
    let words: Vec<Range<usize>> = word_ranges(s).collect();
    let mut folded: Vec<Option<std::borrow::Cow<'_, str>>> = vec![None; words.len()];
    let mut found: Vec<(Range<usize>, ClaimKind)> = Vec::new();
    let mut key = String::new();
    for j in 0..words.len() {
        if !lex.may_end_raw(&s[words[j].clone()]) {
            continue;
        }
        let w: &str = folded[j].get_or_insert_with(|| fold_text(&s[words[j].clone()]));
        if !lex.may_end(w) {
            continue;
        }
        // The longest run of words ending at `j`, separated by spaces only, that is a form.
        let mut first = j;
        while first > 0
            && j - first + 1 < MAX_WORDS
            && s[words[first - 1].end..words[first].start]
                .chars()
                .all(char::is_whitespace)
            && found
                .last()
                .is_none_or(|(r, _)| r.end <= words[first - 1].start)
        {
            first -= 1;
        }
        let mut hit = None;
        for i in first..=j {
            key.clear();
            for k in i..=j {
                key.push_str(folded[k].get_or_insert_with(|| fold_text(&s[words[k].clone()])));
            }
            if let Some(kind) = lex.kind(&key) {
                hit = Some((i, kind));
                break;
            }
        }
        let Some((i, kind)) = hit else { continue };
        // «به کار خود ادامه داد» (went on doing) is no report: these verbs report only
        // before the speech («ادامه داد: …»، «توضیح داد که …»).
        let head = folded[i].get_or_insert_with(|| fold_text(&s[words[i].clone()]));
        if SPEECH_ONLY.iter().any(|n| head.starts_with(n)) {
            let after = s[words[j].end..].trim_start();
            let next = words.get(j + 1).map(|w| fold_text(&s[w.clone()]));
            if !(after.starts_with([':', '«', '"']) || next.as_deref() == Some("که")) {
                continue;
            }
        }
        if is_conversation(s, &words, &mut folded, i, j) {
            continue;
        }
        found.push((words[i].start..words[j].end, kind));
    }
    // «خواستار … شد»، «خبر … را دادند»: a nominal and its light verb around the thing
    // asked for or announced.
    for (j, w) in words.iter().enumerate() {
        let raw = &s[w.clone()];
        if !raw.starts_with('خ') {
            continue;
        }
        let nominal = fold_text(raw);
        let Some((_, lights)) = SPLIT.iter().find(|(n, _)| *n == nominal) else {
            continue;
        };
        let light = words
            .iter()
            .skip(j + 1)
            .take(SPLIT_SPAN)
            .take_while(|x| !s[w.end..x.start].contains(['.', '،', ':', '؛']))
            .any(|x| lights.contains(&fold_text(&s[x.clone()]).as_ref()));
        if light
            && !found
                .iter()
                .any(|(r, _)| r.start <= w.start && w.start < r.end)
        {
            found.push((w.clone(), Statement));
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

/// Nominals whose verb reports only when the speech follows (folded).
const SPEECH_ONLY: [&str; 4] = ["ادامه", "اضافه", "پاسخ", "توضیح"];

/// How many words «خواستار … شد» may hold between its parts.
const SPLIT_SPAN: usize = 16;

/// Nominals that may stand apart from their light verb, and the light verb's forms
/// (folded).
const SPLIT: [(&str, &[&str]); 2] = [
    (
        "خواستار",
        &[
            "شد",
            "شدند",
            "شده",
            "میشود",
            "میشوند",
            "شدهاند",
            "شدهاست",
            "گردید",
        ],
    ),
    (
        "خبر",
        &["داد", "دادند", "دادهاند", "دادهاست", "میدهد", "میدهند"],
    ),
];

/// Whether the verb of words `i..=j` is «گفت» in «گفت و گو» / «گفت‌وگو» (a noun).
fn is_conversation<'a>(
    s: &'a str,
    words: &[Range<usize>],
    folded: &mut [Option<std::borrow::Cow<'a, str>>],
    i: usize,
    j: usize,
) -> bool {
    if i != j {
        return false;
    }
    let f = |k: usize, folded: &mut [Option<std::borrow::Cow<'a, str>>]| -> String {
        words
            .get(k)
            .map(|r| {
                folded[k]
                    .get_or_insert_with(|| fold_text(&s[r.clone()]))
                    .to_string()
            })
            .unwrap_or_default()
    };
    let w = f(j, folded);
    if !w.ends_with("گفت") {
        return false;
    }
    let next = f(j + 1, folded);
    next.starts_with("وگو") || (next == "و" && f(j + 2, folded).starts_with("گو"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<&str> {
        verbs_in(s).into_iter().map(|(r, _)| &s[r]).collect()
    }

    #[test]
    fn stems_come_from_hazm() {
        for (past, present) in [
            ("گفت", "گوی"),
            ("افزود", "افزای"),
            ("کرد", "کن"),
            ("داشت", "دار"),
            ("داد", "ده"),
            ("شد", "شو"),
            ("نمود", "نمای"),
            ("نوشت", "نویس"),
        ] {
            assert!(
                present_stems(past).iter().any(|r| r == present),
                "present stem {present} of {past}: {:?}",
                present_stems(past)
            );
        }
    }

    #[test]
    fn finds_every_spelling() {
        for (text, want) in [
            ("مدیر بانک گفت که", vec!["گفت"]),
            ("مدیران بانک گفتند که", vec!["گفتند"]),
            ("او می گوید که", vec!["می گوید"]),
            ("او می‌گوید که", vec!["می‌گوید"]),
            ("او میگوید که", vec!["میگوید"]),
            ("آنان گفته اند که", vec!["گفته اند"]),
            ("آنان گفته‌اند که", vec!["گفته‌اند"]),
            ("وزیر اظهارداشت: بله", vec!["اظهارداشت"]),
            ("وزیر اظهار داشت: بله", vec!["اظهار داشت"]),
            ("وزیر اظهار می‌دارد که", vec!["اظهار می‌دارد"]),
            ("سخنگو خاطرنشان کرد که", vec!["خاطرنشان کرد"]),
            ("سخنگو خاطر نشان ساخت که", vec!["خاطر نشان ساخت"]),
            ("سخنگو تاکید کرد که", vec!["تاکید کرد"]),
            ("سخنگو تأکید نمود که", vec!["تأکید نمود"]),
            ("سخنگو اعلام نکرد که", vec!["اعلام نکرد"]),
            ("سخنگو اعلام نکرده است که", vec!["اعلام نکرده است"]),
            ("سخنگو نمی‌افزاید", vec!["نمی‌افزاید"]),
            ("سخنگو خواهد افزود", vec!["خواهد افزود"]),
            ("کارشناس یادآور شد که", vec!["یادآور شد"]),
            ("روزنامه نوشت که", vec!["نوشت"]),
            ("روزنامه گزارش داده بود که", vec!["گزارش داده بود"]),
            ("او در گفت وگو با ما", vec![]),
            ("او در گفت‌وگو با ما", vec![]),
            ("او در گفت و گو با ما", vec![]),
            ("گفتار او", vec![]),
            ("شرکت به کار خود ادامه داد و", vec![]),
            ("مدیر ادامه داد: بله", vec!["ادامه داد"]),
            ("مدیر توضیح داد که", vec!["توضیح داد"]),
            ("وزیر خواستار افزایش بودجه شد", vec!["خواستار"]),
            ("وزیر معتقد است که", vec!["معتقد است"]),
            ("پلیس خبر از کشف محموله را داد", vec!["خبر"]),
            ("پلیس خبر کشف محموله را تأیید کرد", vec!["تأیید کرد"]),
        ] {
            assert_eq!(found(text), want, "verbs in «{text}»");
        }
    }

    #[test]
    fn kinds() {
        for (text, kind) in [
            ("روزنامه گزارش داد", Report),
            ("روزنامه نوشت", Report),
            ("وزیر افزود", Statement),
            ("بررسی ها نشان می دهد", Report),
        ] {
            let got: Vec<ClaimKind> = verbs_in(text).into_iter().map(|(_, k)| k).collect();
            assert_eq!(got, vec![kind], "kind of «{text}»");
        }
    }
}
