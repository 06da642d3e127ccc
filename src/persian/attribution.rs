//! The attribution finder: who reported, announced, stressed or said what. Finds the
//! reporting verbs of a paragraph («گزارش داد»، «اعلام کرد»، «تأکید کرد»، «گفت» …), the
//! speaker before each (an outlet, institution, official or unnamed group such as
//! «منابع دولتی در اورشلیم» or «گزارش‌ها»), its role in apposition, and the clause that
//! carries the claim; a clause holding «a quotation» is a quotation claim.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::{ClaimKind, SourceKind};

use std::sync::LazyLock;

use std::collections::HashMap;

use super::fold::{WordChars, fold, fold_text, utf8_len};
use super::repair::find_pair;

/// One speaker of an attribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// Byte range of the mention in the text (name, with its parenthesized alias if any).
    pub range: Range<usize>,
    /// The name as written, without brackets.
    pub name: String,
    /// A Latin alias written beside it: «(INSS)».
    pub alias: String,
    /// Role in apposition: «سرگئی لاوروف، وزیر خارجه روسیه» → «وزیر خارجه روسیه».
    pub role: String,
    pub kind: SourceKind,
}

/// A claim: speakers, a reporting verb and the clause they carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub speakers: Vec<Speaker>,
    pub kind: ClaimKind,
    /// Byte range of the claim's clause or sentence (trimmed).
    pub clause: Range<usize>,
    /// Byte range of the reporting verb.
    pub verb: Range<usize>,
}

/// Reporting verbs, longest first; a plural ending «ند» may follow the last word.
const VERBS: [(&str, ClaimKind); 33] = [
    ("گزارش داده است", ClaimKind::Report),
    ("اعلام کرده است", ClaimKind::Statement),
    ("تأکید کرده است", ClaimKind::Statement),
    ("گفته است", ClaimKind::Statement),
    ("نوشته است", ClaimKind::Report),
    ("افزوده است", ClaimKind::Statement),
    ("می‌گوید", ClaimKind::Statement),
    ("گزارش داد", ClaimKind::Report),
    ("اعلام کرد", ClaimKind::Statement),
    ("اعلام نمود", ClaimKind::Statement),
    ("تأکید کرد", ClaimKind::Statement),
    ("اشاره کرد", ClaimKind::Statement),
    ("یاد کرد", ClaimKind::Statement),
    ("اظهار داشت", ClaimKind::Statement),
    ("مدعی شد", ClaimKind::Statement),
    ("ادعا کرد", ClaimKind::Statement),
    ("تصریح کرد", ClaimKind::Statement),
    ("خاطرنشان کرد", ClaimKind::Statement),
    ("هشدار داد", ClaimKind::Statement),
    ("خبر داد", ClaimKind::Report),
    ("بیان کرد", ClaimKind::Statement),
    ("عنوان کرد", ClaimKind::Statement),
    ("فاش کرد", ClaimKind::Report),
    ("اذعان کرد", ClaimKind::Statement),
    ("معرفی کرد", ClaimKind::Statement),
    ("توصیف کرد", ClaimKind::Statement),
    ("خواستار شد", ClaimKind::Statement),
    ("گفت‌وگو کرد", ClaimKind::Statement),
    ("نشان داد", ClaimKind::Report),
    ("خواست", ClaimKind::Statement),
    ("افزود", ClaimKind::Statement),
    ("نوشت", ClaimKind::Report),
    ("گفت", ClaimKind::Statement),
];

/// Subjects with which «نشان داد» reports («گزارش‌ها نشان داد»).
const EVIDENCE_HEADS: [&str; 6] = ["گزارش", "امار", "بررسی", "تحقیق", "نظرسنجی", "مطالعه"];

/// Words that end a subject noun phrase.
const STOPS: [&str; 22] = [
    "نیز",
    "هم",
    "همچنین",
    "حتی",
    "در",
    "از",
    "به",
    "با",
    "بر",
    "که",
    "را",
    "برای",
    "پس",
    "طی",
    "ضمن",
    "بار",
    "اما",
    "ولی",
    "روز",
    "امروز",
    "دیروز",
    "بعدها",
];

/// First words of unnamed groups, which may take «در <place>»: «منابع دولتی در اورشلیم».
const UNNAMED_HEADS: [&str; 12] = [
    "منابع",
    "گزارشها",
    "گزارش",
    "مقامات",
    "رهبران",
    "برخی",
    "کارشناسان",
    "ناظران",
    "نمایندگان",
    "فعالان",
    "شاهدان",
    "تحلیلگران",
];
const OUTLET_WORDS: [&str; 12] = [
    "خبرگزاری",
    "روزنامه",
    "وبسایت",
    "سایت",
    "پایگاه",
    "شبکه",
    "رادیو",
    "تلویزیون",
    "هفتهنامه",
    "ماهنامه",
    "نشریه",
    "مجله",
];
const INSTITUTION_WORDS: [&str; 16] = [
    "موسسه",
    "وزارت",
    "مجلس",
    "پارلمان",
    "دولت",
    "سازمان",
    "شرکت",
    "بانک",
    "دانشگاه",
    "ارتش",
    "سپاه",
    "اندیشکده",
    "مرکز",
    "کاخ",
    "کنست",
    "ستاد",
];
const OFFICIAL_WORDS: [&str; 14] = [
    "وزیر",
    "رییس",
    "سخنگوی",
    "سخنگو",
    "تحلیلگر",
    "سفیر",
    "دستیار",
    "معاون",
    "نایبرییس",
    "فرمانده",
    "نماینده",
    "مشاور",
    "دبیرکل",
    "نخستوزیر",
];

/// Sentences of a paragraph: ends at `. ! ? ؟` followed by a space or the end, not inside
/// «guillemets»; a closing `»` or `)` right after the mark belongs to the sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut start = 0;
    // The chars that matter: « » (C2 AB, C2 BB), . ! ? and ؟ (D8 9F).
    let hit = |c: u8, n: u8| {
        (c == b'.')
            | (c == b'!')
            | (c == b'?')
            | (c == 0xC2) & ((n == 0xAB) | (n == 0xBB))
            | (c == 0xD8) & (n == 0x9F)
    };
    let mut i = 0;
    while let Some(at) = find_pair(b, i, hit) {
        i = at;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        match c {
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            '.' | '!' | '?' | '؟' => {
                let mut j = next;
                // «…شد.»: the guillemet closes the quote and the sentence.
                while let Some(n) = text[j..].chars().next()
                    && matches!(n, '»' | ')' | '"')
                {
                    if n == '»' {
                        depth = depth.saturating_sub(1);
                    }
                    j += n.len_utf8();
                }
                let at_end = text[j..].chars().next().is_none_or(char::is_whitespace);
                let decimal = c == '.' && text[next..].chars().next().is_some_and(char::is_numeric);
                if depth == 0 && at_end && !decimal {
                    push_trimmed(&mut out, text, start..j);
                    start = j;
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i = next;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

type WordMap<K, V> = HashMap<K, V, super::repair::WordBuild>;

/// Reporting verbs keyed by their folded words joined by one space.
static VERB_KEYS: LazyLock<WordMap<String, ClaimKind>> = LazyLock::new(|| {
    VERBS
        .iter()
        .map(|(v, k)| {
            (
                v.split(' ')
                    .map(|w| fold(w).text)
                    .collect::<Vec<_>>()
                    .join(" "),
                *k,
            )
        })
        .collect()
});

/// Folded last words of the reporting verbs: only where one of these stands is a verb tried.
static VERB_LAST: LazyLock<WordMap<String, ()>> = LazyLock::new(|| {
    VERBS
        .iter()
        .filter_map(|(v, _)| v.rsplit(' ').next().map(|w| (fold(w).text, ())))
        .collect()
});

/// The last chars of the folded last words of the reporting verbs, and «د» for their plural
/// «ند»: a word that ends otherwise is no verb, and is not folded to find out.
static VERB_ENDS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut ends: Vec<char> = VERB_LAST
        .keys()
        .filter_map(|w| w.chars().next_back())
        .collect();
    ends.push('د');
    ends.sort_unstable();
    ends.dedup();
    ends
});

/// Whether the folded form of the word `w` ends in one of [`VERB_ENDS`] (folding is char
/// by char, so its last char is that of the last char that folding keeps).
fn may_be_verb(w: &str) -> bool {
    let mut buf = [0u8; 4];
    w.chars()
        .rev()
        .find_map(|c| fold_text(c.encode_utf8(&mut buf)).chars().next_back())
        .is_some_and(|c| VERB_ENDS.contains(&c))
}

/// Reporting verbs in `s`: (byte range, kind), in order, on word boundaries; looked up
/// word by word (1 to 3 words, the last with an optional plural «ند»).
fn verbs_in(s: &str) -> Vec<(Range<usize>, ClaimKind)> {
    let words: Vec<Range<usize>> = word_ranges(s).collect();
    // Folded words, computed when first needed.
    let mut folded: Vec<Option<std::borrow::Cow<'_, str>>> = vec![None; words.len()];
    let mut found: Vec<(Range<usize>, ClaimKind)> = Vec::new();
    let mut key = String::new();
    for j in 0..words.len() {
        if !may_be_verb(&s[words[j].clone()]) {
            continue;
        }
        let w: &str = folded[j].get_or_insert_with(|| fold_text(&s[words[j].clone()]));
        let singular = w.strip_suffix("ند").filter(|x| VERB_LAST.contains_key(*x));
        let last = if VERB_LAST.contains_key(w) {
            w
        } else if let Some(x) = singular {
            x
        } else {
            continue;
        };
        let last = last.to_owned();
        for n in (1..=3usize).rev() {
            let Some(i) = (j + 1).checked_sub(n) else {
                continue;
            };
            if found.last().is_some_and(|(r, _)| r.end > words[i].start) {
                continue;
            }
            // Words must be separated by spaces only.
            if (i..j).any(|k| {
                s[words[k].end..words[k + 1].start]
                    .chars()
                    .any(|c| !c.is_whitespace())
            }) {
                continue;
            }
            key.clear();
            for k in i..j {
                key.push_str(folded[k].get_or_insert_with(|| fold_text(&s[words[k].clone()])));
                key.push(' ');
            }
            key.push_str(&last);
            if let Some(&kind) = VERB_KEYS.get(&key) {
                found.push((words[i].start..words[j].end, kind));
                break;
            }
        }
    }
    found
}

/// Ranges of words (letters, ZWNJ, diacritics) in `s`.
fn word_ranges(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
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

/// Folded first word of `s`.
fn first_word_key(s: &str) -> Cow<'_, str> {
    s.split_whitespace()
        .next()
        .map(fold_text)
        .unwrap_or_default()
}

/// The speakers of the subject phrase `pre` (the text before the verb), at `base` offset.
fn speakers_in(text: &str, pre: Range<usize>, verb_kind: ClaimKind) -> Vec<Speaker> {
    let mut s = pre.start;
    let e = pre.end;
    // Drop leading adverbials: «در فوریه ۲۰۲۴،», «پس از جنگ،».
    loop {
        let t = &text[s..e];
        let tt = t.trim_start();
        let lead = t.len() - tt.len();
        // A time phrase before a comma: «یک ماه بعد،», «سال ۲۰۱۸،».
        let time_phrase = |head: &str| {
            head.chars().any(|c| c.is_numeric())
                || [
                    "بعد",
                    "پیش",
                    "قبل",
                    "سال",
                    "ماه",
                    "امروز",
                    "دیروز",
                    "اکنون",
                    "سپس",
                    "همچنین",
                ]
                .iter()
                .any(|w| head.trim_end().ends_with(w))
        };
        let starts_adverbial = [
            "در ",
            "از ",
            "پس از ",
            "طی ",
            "به گزارش ",
            "بر اساس ",
            "به نوشته ",
        ]
        .iter()
        .any(|p| tt.starts_with(p))
            || tt.find('،').is_some_and(|c| time_phrase(&tt[..c]));
        match tt.find('،') {
            Some(c) if starts_adverbial && c < 80 => s += lead + c + '،'.len_utf8(),
            _ => {
                s += lead;
                break;
            }
        }
    }
    let np = &text[s..e];
    if np.trim().is_empty() {
        return Vec::new();
    }
    // Coordinated speakers: «منابع دولتی در اورشلیم و رهبران یهودیان دیاسپورا».
    let mut out = Vec::new();
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut from = s;
    for (i, _) in np.match_indices(" و ") {
        let next_word = first_word_key(&np[i + " و ".len()..]);
        if UNNAMED_HEADS.contains(&next_word.as_ref())
            || OFFICIAL_WORDS.contains(&next_word.as_ref())
        {
            parts.push(from..s + i);
            from = s + i + " و ".len();
        }
    }
    parts.push(from..e);
    let n_parts = parts.len();
    for p in parts {
        if let Some(sp) = speaker(text, p, verb_kind, n_parts > 1) {
            out.push(sp);
        }
    }
    out
}

/// One speaker from a noun phrase: name up to a comma (then the role) or a stop word.
fn speaker(
    text: &str,
    r: Range<usize>,
    verb_kind: ClaimKind,
    coordinated: bool,
) -> Option<Speaker> {
    let np = &text[r.clone()];
    let lead = np.len() - np.trim_start().len();
    let start = r.start + lead;
    let np = np.trim();
    let words: Vec<(usize, &str)> = np
        .split(' ')
        .scan(0usize, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let first = words.first().map(|(_, w)| fold_text(w)).unwrap_or_default();
    if matches!(
        first.as_ref(),
        "او" | "وی" | "انها" | "این" | "ان" | "ما" | "من" | "همه"
    ) || first.is_empty()
        || STOPS.contains(&first.as_ref())
    {
        return None;
    }
    let unnamed_head = UNNAMED_HEADS.contains(&first.as_ref());
    // Cut at the first stop word (an unnamed group keeps «در <place>»), or at a comma.
    let mut name_end = np.len();
    let mut role = String::new();
    let mut k = 0;
    while k < words.len() {
        let (at, w) = words[k];
        let key = fold_text(w.trim_end_matches(['،', ',', ':']));
        if k > 0 && STOPS.contains(&key.as_ref()) {
            if unnamed_head && key == "در" && k + 1 < words.len() && k <= 3 {
                // «منابع دولتی در اورشلیم»: keep the place, one word.
                k += 2;
                name_end = words.get(k).map_or(np.len(), |&(a, _)| a - 1);
                if k >= words.len() {
                    break;
                }
                continue;
            }
            // «X را اعلام کرد»: X is the verb's object, not its subject; so is a phrase cut
            // at a preposition with «را» further on («افتتاح سفارت خود در اسرائیل را»).
            let object_follows = || words[k..].iter().any(|(_, w)| *w == "را");
            if key == "را"
                || (matches!(key.as_ref(), "در" | "از" | "به" | "با" | "بر" | "برای")
                    && object_follows())
            {
                return None;
            }
            name_end = at.saturating_sub(1);
            break;
        }
        if w.ends_with('،') || w.ends_with(',') {
            name_end = at + w.len() - '،'.len_utf8().min(w.len());
            if w.ends_with(',') {
                name_end = at + w.len() - 1;
            }
            // The role: after the comma up to a stop word or another comma.
            let rest = &np[at + w.len()..];
            let mut rw = Vec::new();
            for x in rest.split_whitespace() {
                let kx = fold_text(x.trim_end_matches('،'));
                if STOPS.contains(&kx.as_ref()) {
                    break;
                }
                rw.push(x.trim_end_matches('،'));
                if x.ends_with('،') {
                    break;
                }
            }
            role = rw.join(" ");
            break;
        }
        k += 1;
        name_end = np.len();
    }
    let mention = np[..name_end.min(np.len())].trim_end_matches(['،', ',', ' ', ':']);
    if mention.is_empty() || mention.split_whitespace().count() > 7 {
        return None;
    }
    // A Latin alias in brackets: «(INSS)», «وب‌سایت (IzRus)».
    let (mut name, alias) = match (mention.find('('), mention.rfind(')')) {
        (Some(a), Some(b)) if a < b => {
            let alias = mention[a + 1..b].trim().to_owned();
            let outside = format!("{}{}", &mention[..a], &mention[b + 1..])
                .trim()
                .to_owned();
            (outside, alias)
        }
        _ => (mention.to_owned(), String::new()),
    };
    let mut mention_range = start..start + mention.len();
    if name.is_empty() {
        name = alias.clone();
        if let Some(a) = mention.find('(') {
            mention_range = start + a + 1..start + a + 1 + alias.len();
        }
    }
    // An outlet word followed by its Latin name: the Latin name is the source.
    let name_key = first_word_key(&name);
    if !alias.is_empty()
        && OUTLET_WORDS.contains(&name_key.as_ref())
        && name.split_whitespace().count() == 1
    {
        role = name.clone();
        name = alias.clone();
        if let Some(a) = mention.find('(') {
            mention_range = start + a + 1..start + a + 1 + alias.len();
        }
    }
    if name.is_empty() || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let kind = classify(&name, &alias, &role, verb_kind, unnamed_head);
    // A long phrase that matches no kind of source is more likely a clause than a name.
    if !coordinated && name.split_whitespace().count() > 4 && kind == SourceKind::Outlet {
        return None;
    }
    Some(Speaker {
        range: mention_range,
        name,
        alias,
        role,
        kind,
    })
}

/// Guesses what kind of source a name is.
fn classify(
    name: &str,
    alias: &str,
    role: &str,
    verb_kind: ClaimKind,
    unnamed_head: bool,
) -> SourceKind {
    let words: Vec<Cow<'_, str>> = name.split_whitespace().map(fold_text).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_ref()));
    let role_has = |list: &[&str]| {
        role.split_whitespace()
            .map(fold_text)
            .any(|w| list.contains(&w.as_ref()))
    };
    if name.contains('.') && name.is_ascii() {
        return SourceKind::Outlet; // a domain
    }
    if words.first().is_some_and(|w| w == "نمایندگان") && has(&INSTITUTION_WORDS) {
        return SourceKind::Institution;
    }
    if unnamed_head {
        return SourceKind::Unnamed;
    }
    if has(&OFFICIAL_WORDS) {
        return SourceKind::Official;
    }
    if has(&OUTLET_WORDS) || role_has(&OUTLET_WORDS) {
        return SourceKind::Outlet;
    }
    if has(&INSTITUTION_WORDS) || role_has(&["اندیشکده", "موسسه", "مرکز", "دانشگاه"])
    {
        return SourceKind::Institution;
    }
    if !role.is_empty() && role_has(&OFFICIAL_WORDS) {
        return SourceKind::Official;
    }
    if name.is_ascii() && name.chars().all(|c| c.is_ascii_uppercase()) && !alias.is_empty()
        || name.chars().all(|c| c.is_ascii_uppercase())
    {
        return SourceKind::Institution; // an acronym: INSS, MIT
    }
    match verb_kind {
        ClaimKind::Report => SourceKind::Outlet,
        _ if words.len() >= 2 => SourceKind::Official,
        _ => SourceKind::Institution,
    }
}

/// Attributions in a paragraph, in order. A sentence with several reporting verbs gives a
/// claim per verb (the later ones from after the previous verb), with the same speakers
/// unless a new subject stands before the verb.
pub fn find_attributions(text: &str) -> Vec<Attribution> {
    find_attributions_in(text, &sentences(text))
}

/// [`find_attributions`] with the paragraph's [`sentences`] already found.
pub fn find_attributions_in(text: &str, sentences: &[Range<usize>]) -> Vec<Attribution> {
    let mut out = Vec::new();
    for sent in sentences.iter().cloned() {
        let s = &text[sent.clone()];
        let verbs = verbs_in(s);
        // Verbs inside a quotation are the quoted speaker's, not the writer's.
        let verbs: Vec<_> = verbs
            .into_iter()
            .filter(|(r, _)| !inside_quote(s, r.start))
            .collect();
        let mut prev_end = 0usize;
        let mut prev_speakers: Vec<Speaker> = Vec::new();
        for (idx, (vr, vkind)) in verbs.iter().enumerate() {
            let clause_start = if idx == 0 {
                0
            } else {
                after_conjunction(s, prev_end)
            };
            let pre = sent.start + clause_start..sent.start + vr.start;
            let mut speakers = speakers_in(text, pre, *vkind);
            if *vkind == ClaimKind::Report
                && fold_text(&text[sent.start + vr.start..sent.start + vr.end])
                    .starts_with("نشانداد")
            {
                speakers.retain(|sp| {
                    EVIDENCE_HEADS
                        .iter()
                        .any(|h| fold_text(&sp.name).starts_with(h))
                });
                if speakers.is_empty() {
                    prev_end = vr.end;
                    continue;
                }
            }
            if speakers.is_empty() && idx > 0 {
                speakers = prev_speakers.clone();
            }
            if speakers.is_empty() {
                prev_end = vr.end;
                continue;
            }
            let last = idx + 1 == verbs.len();
            let clause_end = if last { s.len() } else { vr.end };
            let clause = &s[clause_start..clause_end];
            let kind = if clause.contains('«') {
                ClaimKind::Quotation
            } else {
                *vkind
            };
            let lead = clause.len() - clause.trim_start().len();
            let trimmed = clause.trim();
            out.push(Attribution {
                speakers: speakers.clone(),
                kind,
                clause: sent.start + clause_start + lead
                    ..sent.start + clause_start + lead + trimmed.len(),
                verb: sent.start + vr.start..sent.start + vr.end,
            });
            prev_speakers = speakers;
            prev_end = vr.end;
        }
    }
    out
}

fn inside_quote(s: &str, at: usize) -> bool {
    let before = &s[..at];
    before.matches('«').count() > before.matches('»').count()
}

/// Offset just after « و » following `at`, else `at`.
fn after_conjunction(s: &str, at: usize) -> usize {
    let rest = &s[at..];
    let t = rest.trim_start();
    let skip = rest.len() - t.len();
    if let Some(r) = t.strip_prefix("و ") {
        at + skip + (t.len() - r.len())
    } else {
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// (speakers with their kinds, claim kind, clause) of one attribution.
    type Found = (Vec<(String, SourceKind)>, ClaimKind, String);

    fn names(text: &str) -> Vec<Found> {
        find_attributions(text)
            .into_iter()
            .map(|a| {
                for sp in &a.speakers {
                    assert!(
                        text.get(sp.range.clone()).is_some(),
                        "speaker range in «{text}»"
                    );
                }
                (
                    a.speakers
                        .iter()
                        .map(|s| (s.name.clone(), s.kind))
                        .collect(),
                    a.kind,
                    text[a.clause].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn finds_speakers_and_claims() {
        use SourceKind::*;
        for (text, expected) in [
            (
                "در دسامبر ۲۰۲۳، گزارش‌ها نشان داد آذربایجان تنها کشور مسلمانی است.",
                vec![(vec![("گزارش‌ها", Unnamed)], ClaimKind::Report)],
            ),
            (
                "در فوریه ۲۰۲۴، منابع دولتی در اورشلیم و رهبران یهودیان دیاسپورا اعلام کردند رئیس‌جمهور در کنار اسرائیل ایستاده است.",
                vec![(
                    vec![
                        ("منابع دولتی در اورشلیم", Unnamed),
                        ("رهبران یهودیان دیاسپورا", Unnamed),
                    ],
                    ClaimKind::Statement,
                )],
            ),
            (
                "سرگئی لاوروف، وزیر خارجه روسیه نیز از علی‌اف به عنوان «دوست اسرائیل» یاد کرد و بر نقش ویژه او تأکید کرد.",
                vec![
                    (vec![("سرگئی لاوروف", Official)], ClaimKind::Quotation),
                    (vec![("سرگئی لاوروف", Official)], ClaimKind::Statement),
                ],
            ),
            (
                "واینت گزارش داد این همکاری‌ها تشدید شد.",
                vec![(vec![("واینت", Outlet)], ClaimKind::Report)],
            ),
            (
                "در سال ۲۰۲۲، (Zman.co.il) اعلام کرد که بیشتر سوخت وارد می‌شود.",
                vec![(vec![("Zman.co.il", Outlet)], ClaimKind::Statement)],
            ),
            (
                "در ژوئن ۲۰۱۲، وب‌سایت (IzRus)، گزارش داد مقامات باکو تلاش می‌کنند.",
                vec![(vec![("IzRus", Outlet)], ClaimKind::Report)],
            ),
            (
                "در همان سال، مؤسسه مطالعات امنیت ملی اسرائیل (INSS) اشاره کرد که ترکیه نتوانست.",
                vec![(
                    vec![("مؤسسه مطالعات امنیت ملی اسرائیل", Institution)],
                    ClaimKind::Statement,
                )],
            ),
            (
                "وزیر امور خارجه آذربایجان اعلام کرد: «ما در طول جنگ برخوردار بودیم.» پیروزی آذربایجان به جهانیان نشان داد.",
                vec![(
                    vec![("وزیر امور خارجه آذربایجان", Official)],
                    ClaimKind::Quotation,
                )],
            ),
            (
                "منابع اسرائیلی حتی به استفاده بالقوه اشاره کردند.",
                vec![(vec![("منابع اسرائیلی", Unnamed)], ClaimKind::Statement)],
            ),
            (
                "یک ماه بعد، آذربایجان افتتاح سفارت خود را اعلام کرد.",
                vec![],
            ),
            (
                "یک ماه بعد، وزارت خارجه اعلام کرد.",
                vec![(vec![("وزارت خارجه", Institution)], ClaimKind::Statement)],
            ),
            ("او گفت که می‌آید.", vec![]),
        ] {
            let got: Vec<(Vec<(String, SourceKind)>, ClaimKind)> =
                names(text).into_iter().map(|(s, k, _)| (s, k)).collect();
            let want: Vec<(Vec<(String, SourceKind)>, ClaimKind)> = expected
                .into_iter()
                .map(|(s, k)| (s.into_iter().map(|(n, k)| (n.to_owned(), k)).collect(), k))
                .collect();
            assert_eq!(got, want, "attributions in «{text}»");
        }
    }

    #[test]
    fn clauses() {
        let text = "سرگئی لاوروف نیز از علی‌اف به عنوان «دوست اسرائیل» یاد کرد و بر نقش ویژه او تأکید کرد. در ژوئیه ۲۰۲۴ چیزی شد.";
        let got: Vec<String> = names(text).into_iter().map(|(_, _, c)| c).collect();
        assert_eq!(
            got,
            vec![
                "سرگئی لاوروف نیز از علی‌اف به عنوان «دوست اسرائیل» یاد کرد",
                "بر نقش ویژه او تأکید کرد."
            ],
            "{text}"
        );
    }

    #[test]
    fn sentence_split() {
        let text = "اول گفت: «یک. دو.» سوم ۳.۵ درصد است. چهارم؟ پنجم";
        let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            vec!["اول گفت: «یک. دو.»", "سوم ۳.۵ درصد است.", "چهارم؟", "پنجم"],
            "{text}"
        );
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,100}") {
            for a in find_attributions(&s) {
                prop_assert!(s.get(a.clause.clone()).is_some());
                for sp in a.speakers {
                    prop_assert!(s.get(sp.range.clone()).is_some());
                }
            }
        }

        #[test]
        fn persianish_text(s in "(در|سال|منابع|گزارش داد|اعلام کرد|گفت|، |«|»|\\(|\\)|و|نیز|وزیر|[ا-ی]{1,5}|\\.| ){0,20}") {
            for a in find_attributions(&s) {
                prop_assert!(s.get(a.clause.clone()).is_some());
                for sp in a.speakers {
                    prop_assert!(s.get(sp.range.clone()).is_some());
                }
            }
        }
    }
}
