//! Where a speaker's name starts and ends: the subject noun phrase before a reporting
//! verb, cut at stop words, split into a name and its role («ابراهیم نوری سخنگوی وزارت
//! نیرو» → name «ابراهیم نوری», role «سخنگوی وزارت نیرو»), with apposition across commas,
//! coordination («منابع دولتی … و رهبران …»), Latin aliases in brackets, and the kind of
//! source it names. Pronouns and demonstratives («وی»، «او»، «این مقام») are reported as
//! anaphors for `coref` to resolve; stock phrases and clause fragments are never names.

use std::borrow::Cow;
use std::ops::Range;

use crate::model::{ClaimKind, SourceKind};
use crate::persian::fold::fold_text;

use super::{Speaker, Via};

/// Words that end a subject noun phrase (folded).
pub const STOPS: &[&str] = &[
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
    "پریروز",
    "امشب",
    "دیشب",
    "شب",
    "صبح",
    "عصر",
    "ظهر",
    "بامداد",
    "سحرگاه",
    "شامگاه",
    "هفته",
    "امسال",
    "پارسال",
    "اخیرا",
    "اکنون",
    "هماکنون",
    "تاکنون",
    "همچنان",
    "درباره",
    "دربارهی",
    "پیرامون",
    "خطاب",
    "هنگام",
    "حین",
    "درخصوص",
    "طبق",
    "براساس",
    "بنابر",
    "سپس",
    "بعدها",
    "پیشتر",
    "قبلا",
    "تنها",
    "فقط",
    "هرگز",
    "بلافاصله",
    "ابتدا",
    "سرانجام",
    "بین",
    "میان",
    "علیه",
    "نسبت",
    "مانند",
    "همراه",
    "ان",
    "این",
    "وی",
    "او",
    "ایشان",
    "دوشنبه",
    "سهشنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
    "شنبه",
    "یکشنبه",
];

/// Words that show a phrase is a clause, not a name (folded).
const CLAUSE_WORDS: &[&str] = &[
    "است",
    "بود",
    "شد",
    "شده",
    "نیست",
    "هست",
    "باید",
    "میشود",
    "میکند",
    "کرد",
    "داد",
    "دارد",
    "ندارد",
    "می",
    "نمی",
    "کند",
    "کنند",
    "شود",
    "شوند",
    "دهد",
    "دارند",
    "بودند",
    "کردند",
    "شدند",
    "اند",
    "کرده",
    "داده",
    "داریم",
    "نداریم",
    "هستیم",
    "نیستیم",
    "میکنیم",
    "نمیکنیم",
    "کردیم",
    "شدیم",
];

/// Finite verbs in the first person plural, which end a headline run into its item
/// («… نداریم وزیر کار گفت») and never belong to the subject of a reporting verb.
const FIRST_PLURAL: &[&str] = &[
    "داریم",
    "نداریم",
    "هستیم",
    "نیستیم",
    "میکنیم",
    "نمیکنیم",
    "کردیم",
    "شدیم",
];

/// First words of a comma-delimited segment that make it an adverbial, not a subject.
const ADVERB_STARTS: &[&str] = &[
    "در",
    "از",
    "پس",
    "طی",
    "به",
    "بر",
    "برای",
    "با",
    "ضمن",
    "که",
    "تا",
    "هنگام",
    "پیش",
    "قبل",
    "بعد",
    "درباره",
    "پیرامون",
    "همزمان",
    "اگر",
    "اگرچه",
    "چون",
    "زیرا",
    "وقتی",
    "هرچند",
    "درحالی",
    "یا",
    "طبق",
    "براساس",
    "بنابر",
    "بنابراین",
    "علاوه",
    "گفتنی",
    "همچنین",
    "سپس",
    "ضمنا",
    "البته",
    "اما",
    "ولی",
    "چنانکه",
    "همانطور",
    "درخصوص",
    "حال",
    "حالا",
    "اکنون",
    "امروز",
    "دیروز",
];

/// Connectives skipped at the start of a subject: «و»، «اما»، «همچنین» …
const LEADING: &[&str] = &[
    "و",
    "یا",
    "اما",
    "ولی",
    "همچنین",
    "سپس",
    "البته",
    "ضمنا",
    "نیز",
    "بلکه",
    "حالا",
];

/// Pronouns: a subject that is one of them is an anaphor.
const PRONOUNS: &[&str] = &["وی", "او", "ایشان", "نامبرده", "انها", "انان", "ایشان"];

/// Never the first word of a source: pronouns that cannot be resolved, conjunctions,
/// quantifiers, stock phrases.
const NEVER_FIRST: &[&str] = &[
    "ما",
    "من",
    "تو",
    "شما",
    "همه",
    "یکی",
    "اگر",
    "اگرچه",
    "تا",
    "بنابراین",
    "هیچ",
    "کسی",
    "چه",
    "چرا",
    "ایا",
    "هر",
    "ان",
    "اینها",
    "انچه",
    "چنین",
    "همین",
    "همان",
    "خود",
    "گفتنی",
    "لازم",
    "بنا",
    // An indefinite item of news or a question is what is said, not who says it
    // («خبری که …»، «پرسش‌های زیادی …»).
    "خبری",
    "مطلبی",
    "پیامی",
    "سوالات",
    "سئوالات",
    "سوالهای",
    "پرسشهای",
    "پرسشها",
];

/// First words of unnamed groups, which may take «در <place>»: «منابع دولتی در اورشلیم».
pub const UNNAMED_HEADS: &[&str] = &[
    "منابع",
    "گزارشها",
    "گزارش",
    "مقامات",
    "رهبران",
    "برخی",
    "بسیاری",
    "کارشناسان",
    "ناظران",
    "نمایندگان",
    "فعالان",
    "شاهدان",
    "تحلیلگران",
    "مسئولان",
    "مسیولان",
    "ساکنان",
    "پژوهشگران",
    "دانشمندان",
    "محققان",
];

/// Words that head an outlet's name (folded).
pub const OUTLET_WORDS: &[&str] = &[
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
    "فصلنامه",
    "نشریه",
    "مجله",
    "خبرنگار",
    "خبرگزاریهای",
    "رسانه",
    "رسانههای",
    "روزنامههای",
    "دانشنامه",
];

/// Words that head an institution's name (folded).
pub const INSTITUTION_WORDS: &[&str] = &[
    "موسسه",
    "وزارت",
    "وزارتخانه",
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
    "دفتر",
    "روابط",
    "اداره",
    "کمیسیون",
    "کمیته",
    "شورای",
    "شورا",
    "هیئت",
    "هییت",
    "گروه",
    "قوه",
    "نیروهای",
    "نیروی",
    "جمعیت",
    "انجمن",
    "کانون",
    "حزب",
    "جبهه",
    "فرمانداری",
    "استانداری",
    "شهرداری",
    "دادگاه",
    "دادستانی",
    "پلیس",
    "سفارت",
    "کنسولگری",
    "قرارگاه",
    "دبیرخانه",
    "نهاد",
    "بنیاد",
    "صندوق",
    "اتحادیه",
    "فدراسیون",
    "کارگروه",
    "مجمع",
    "دیوان",
    "فرهنگستان",
    "پژوهشگاه",
    "پژوهشکده",
    "اژانس",
    "اتاق",
    "بورس",
    "گمرک",
    "ناتو",
    "اتحادیه",
];

/// Words that head an official's role (folded).
pub const OFFICIAL_WORDS: &[&str] = &[
    "وزیر",
    "رییس",
    "سخنگوی",
    "سخنگو",
    "تحلیلگر",
    "سفیر",
    "دستیار",
    "معاون",
    "نایبرییس",
    "نایب",
    "فرمانده",
    "نماینده",
    "مشاور",
    "دبیرکل",
    "دبیر",
    "نخستوزیر",
    "مدیرعامل",
    "مدیر",
    "مدیرکل",
    "استاندار",
    "فرماندار",
    "شهردار",
    "دادستان",
    "رییسجمهور",
    "رییسجمهوری",
    "رییسکل",
    "قاییممقام",
    "جانشین",
    "سرپرست",
    "رهبر",
    "کاردار",
    "سرکنسول",
    "عضو",
    "کارشناس",
    "پژوهشگر",
    "نویسنده",
    "وزیرکار",
];

/// Titles before a personal name (folded): a name may start with them, and they are
/// dropped when a surname is compared.
pub const TITLES: &[&str] = &[
    "اقای",
    "خانم",
    "دکتر",
    "سردار",
    "سرتیپ",
    "سرلشکر",
    "سرهنگ",
    "تیمسار",
    "سید",
    "سیده",
    "حجتالاسلام",
    "حجتالاسلاموالمسلمین",
    "ایتالله",
    "ایت",
    "مهندس",
    "استاد",
    "شیخ",
    "حضرت",
    "امام",
];

/// What stands before a reporting verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// No source: nothing, a clause, a stock phrase.
    None,
    /// A pronoun or demonstrative («وی»، «این مقام»): a follow-up of an earlier speaker.
    Anaphor(Range<usize>),
    /// Named speakers.
    Speakers(Vec<Speaker>),
}

/// Words of `s` (split on spaces) with their byte offsets in `s`.
fn words_of(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for w in s.split(' ') {
        if !w.is_empty() {
            out.push((at, w));
        }
        at += w.len() + 1;
    }
    out
}

/// Folded word without trailing punctuation.
pub fn key(w: &str) -> Cow<'_, str> {
    fold_text(w.trim_matches(|c: char| {
        matches!(
            c,
            '،' | ',' | ':' | '؛' | ';' | '.' | '«' | '»' | '"' | '(' | ')' | '[' | ']' | '-'
        )
    }))
}

fn is_in(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Whether folded word `w` (with the next one, for «نخست وزیر» / «رئیس جمهور») heads a
/// role.
fn is_role_head(w: &str, next: Option<&str>) -> bool {
    is_in(OFFICIAL_WORDS, w) || (w == "نخست" && next == Some("وزیر"))
}

/// Whether a comma-delimited segment is an adverbial rather than a subject: it opens
/// with a preposition or conjunction, or is a time phrase («یک ماه بعد»، «سال ۲۰۱۸»).
fn is_adverbial(seg: &str) -> bool {
    let ws = words_of(seg);
    let Some((_, first)) = ws.iter().find(|(_, w)| !is_in(LEADING, &key(w))) else {
        return true;
    };
    let k = key(first);
    if is_in(ADVERB_STARTS, &k) {
        return true;
    }

    let time_words = [
        "بعد",
        "پیش",
        "قبل",
        "سال",
        "ماه",
        "امروز",
        "دیروز",
        "اکنون",
        "سپس",
        "گذشته",
        "اخیر",
    ];
    ws.len() <= 4
        && (seg.chars().any(char::is_numeric)
            || ws.last().is_some_and(|(_, w)| is_in(&time_words, &key(w))))
}

/// Whether a short segment opens with a time word: «روز دوشنبه»، «عصر جمعه طی سخنانی».
fn time_phrase(seg: &str) -> bool {
    const TIME_STARTS: &[&str] = &[
        "روز",
        "امروز",
        "دیروز",
        "صبح",
        "عصر",
        "ظهر",
        "شب",
        "بامداد",
        "سحرگاه",
        "شامگاه",
        "هفته",
        "امسال",
        "پارسال",
        "شنبه",
        "یکشنبه",
        "دوشنبه",
        "سهشنبه",
        "چهارشنبه",
        "پنجشنبه",
        "جمعه",
    ];
    let ws = words_of(seg);
    ws.len() <= 5 && ws.first().is_some_and(|(_, w)| is_in(TIME_STARTS, &key(w)))
}

/// Byte ranges (in `text`) of the segments of `r` between commas and semicolons that are
/// not inside «quotations» or brackets.
fn segments(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = r.start;
    for (i, c) in text[r.clone()].char_indices() {
        match c {
            '«' | '(' => depth += 1,
            '»' | ')' => depth = (depth - 1).max(0),
            // «۱۱:۲۰»: a colon between digits is part of a time.
            ':' if text[..r.start + i]
                .chars()
                .next_back()
                .is_some_and(char::is_numeric)
                && text[r.start + i + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_numeric) => {}
            '،' | ',' | '؛' | ';' | ':' if depth == 0 => {
                out.push(start..r.start + i);
                start = r.start + i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(start..r.end);
    out.into_iter().map(|s| trim(text, s)).collect()
}

/// `r` without surrounding whitespace.
pub fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// `r` without leading connectives («و»، «اما» …) and numbers or dashes («۱۱:۲۰:۰۷ -»).
fn skip_leading(text: &str, mut r: Range<usize>) -> Range<usize> {
    loop {
        let s = &text[r.clone()];
        let Some((w, rest)) = s.split_once(' ') else {
            return r;
        };
        // A dateline's «۱۴۰۲/۰۱/۰۱ - ۱۱:۲۰:۰۷» run into the item (a time or a dash in
        // the run of numbers).
        let numbers: Vec<&str> = s
            .split(' ')
            .take_while(|w| {
                !w.is_empty()
                    && w.chars().all(|c| {
                        c.is_numeric() || c.is_ascii_punctuation() || matches!(c, '٫' | '–')
                    })
            })
            .collect();
        if numbers.iter().any(|w| w.contains([':', '-', '–']))
            && numbers.len() < s.split(' ').count()
        {
            let skip: usize = numbers.iter().map(|w| w.len() + 1).sum();
            r = trim(text, r.start + skip..r.end);
            continue;
        }
        if is_in(LEADING, &key(w)) && !rest.is_empty() {
            r = trim(text, r.start + w.len() + 1..r.end);
        } else {
            return r;
        }
    }
}

/// The subject of a reporting verb in `pre` (the clause before the verb, in `text`).
pub fn subject(text: &str, pre: Range<usize>, verb_kind: ClaimKind) -> Subject {
    let mut pre = skip_desk(text, trim(text, pre));
    // «کاوه نیکو» پیش‌تر گفته بود: a short quoted name run into the clause (no comma
    // after it) is the subject.
    if let Some((name, after)) = quoted_name(text, pre.clone()) {
        // «کاوه نیکو» وزیر نیرو گفته بود: a role after it.
        let role = if words_of(&text[after.clone()])
            .first()
            .is_some_and(|(_, w)| is_role_head(&key(w), None))
        {
            text[after].to_owned()
        } else {
            String::new()
        };
        return speakers_of(text, name, verb_kind, role);
    }
    // «…»، X گفت: the quotation before the speaker is the claim, not the subject.
    if text[pre.clone()].starts_with('«')
        && let Some(close) = text[pre.clone()].rfind('»')
    {
        pre = trim(text, pre.start + close + '»'.len_utf8()..pre.end);
        pre = trim(
            text,
            pre.start + usize::from(text[pre.clone()].starts_with('،')) * '،'.len_utf8()..pre.end,
        );
    }
    let mut segs: Vec<Range<usize>> = segments(text, pre)
        .into_iter()
        .map(|s| skip_leading(text, s))
        .collect();
    // «X، با بیان اینکه …، … است، افزود»: the segments after a «با بیان اینکه» belong to
    // its clause; the subject stands before it.
    if let Some(j) = segs
        .iter()
        .position(|r| complement_opener(&text[r.clone()]))
        && j > 0
    {
        segs.truncate(j + 1);
    }
    // The last segment that is not an adverbial holds the subject.
    let Some(k) = (0..segs.len()).rev().find(|&k| {
        let s = &text[segs[k].clone()];
        s.chars().any(char::is_alphabetic) && !is_adverbial(s) && !(k > 0 && time_phrase(s))
    }) else {
        return Subject::None;
    };
    let seg = segs[k].clone();
    let ws = words_of(&text[seg.clone()]);
    let Some(&(_, first)) = ws.first() else {
        return Subject::None;
    };
    let first = key(first);
    if is_in(PRONOUNS, &first) {
        return Subject::Anaphor(seg.start..seg.start + ws[0].1.len());
    }
    // «معظم‌له»، «معظم له»: an honorific pronoun.
    if first == "معظمله" || first == "معظم" && ws.get(1).is_some_and(|(_, w)| key(w) == "له")
    {
        let n = if first == "معظم" { 2 } else { 1 };
        let end = ws
            .get(n - 1)
            .map_or(seg.end, |(at, w)| seg.start + at + w.len());
        return Subject::Anaphor(seg.start..end);
    }
    // A list («الف، ب، ج، د …»): the segment before the verb is its last item, not the
    // subject.
    let short = |r: &Range<usize>, n: usize| words_of(&text[r.clone()]).len() <= n;
    if k >= 2 && short(&segs[k - 1], 6) && short(&segs[k - 2], 4) {
        let roleish = |r: &Range<usize>| {
            words_of(&text[r.clone()])
                .first()
                .is_some_and(|(_, w)| is_role_head(&key(w), None) || key(w) == "یک")
        };
        if !roleish(&segs[k - 1]) && !roleish(&segs[k - 2]) && !roleish(&seg) {
            return Subject::None;
        }
    }
    // «این مقام»، «این مسئول»، «این وزیر»: a demonstrative noun phrase is a follow-up; «این
    // گزارش» is the article's own phrase, never a source.
    if first == "این" {
        let second = ws.get(1).map(|(_, w)| key(w)).unwrap_or_default();
        if second.is_empty() || second.starts_with("گزارش") || second == "خبر" {
            return Subject::None;
        }
        let end = ws
            .iter()
            .skip(1)
            .take(3)
            .take_while(|(_, w)| !is_in(STOPS, &key(w)))
            .last()
            .map_or(seg.start + 4, |(at, w)| seg.start + at + w.len());
        return Subject::Anaphor(seg.start..end);
    }
    // Apposition: «نام، نقش» (the role segment stands before the verb) or «نقش، نام».
    let prev = k.checked_sub(1).map(|p| segs[p].clone());
    // A role, or an indefinite description («یک تاجر فلزات»).
    let role_only = |r: &Range<usize>| {
        let ws = words_of(&text[r.clone()]);
        ws.first().is_some_and(|(_, w)| {
            let k = key(w);
            k == "یک" || is_role_head(&k, ws.get(1).map(|(_, n)| key(n)).as_deref())
        })
    };
    let name_like = |r: &Range<usize>| {
        let s = &text[r.clone()];
        let ws = words_of(s);
        (1..=4).contains(&ws.len())
            && !s.chars().any(char::is_numeric)
            && ws.iter().all(|(_, w)| {
                let k = key(w);
                !is_in(STOPS, &k)
                    && !is_in(CLAUSE_WORDS, &k)
                    && !is_in(OFFICIAL_WORDS, &k)
                    && !is_in(INSTITUTION_WORDS, &k)
                    && !is_in(OUTLET_WORDS, &k)
                    && !is_in(UNNAMED_HEADS, &k)
                    && !is_in(PRONOUNS, &k)
                    && !is_in(NEVER_FIRST, &k)
            })
    };
    if let Some(p) = prev.filter(|p| !p.is_empty()) {
        if role_only(&seg) && name_like(&p) {
            let role = noun_phrase(text, seg.clone()).map(|r| text[r].to_owned());
            if let Some(role) = role {
                return speakers_of(text, p, verb_kind, role);
            }
        }
        if name_like(&seg) && role_only(&p) && noun_phrase(text, seg.clone()).is_some() {
            let role = text[p].to_owned();
            return speakers_of(text, seg, verb_kind, role);
        }
    }
    // «نایب‌رئیس انجمن پیشگیری از بیماری ایران، با …»: a whole segment headed by a role
    // or an institution, set off by a comma, is the name even with «از» or «در» in it.
    if k + 1 < segs.len()
        && let Some(sp) = whole_segment(text, seg.clone(), verb_kind)
    {
        return Subject::Speakers(vec![sp]);
    }
    speakers_of(text, seg, verb_kind, String::new())
}

/// Whether a segment opens an adverbial with a complement clause: «با بیان اینکه …»،
/// «با اشاره به این که …»، «ضمن تاکید بر آنکه …».
fn complement_opener(seg: &str) -> bool {
    let ws: Vec<Cow<'_, str>> = seg.split_whitespace().take(6).map(key).collect();
    ws.first()
        .is_some_and(|w| matches!(w.as_ref(), "با" | "ضمن"))
        && ws.iter().enumerate().any(|(i, w)| {
            matches!(w.as_ref(), "اینکه" | "انکه")
                || matches!(w.as_ref(), "این" | "ان") && ws.get(i + 1).is_some_and(|n| n == "که")
        })
}

/// `pre` without a desk prefix «گروه سیاسی- …» / «سرویس علمی – …» (a desk name of one to
/// three words ended by a dash) at its start.
fn skip_desk(text: &str, pre: Range<usize>) -> Range<usize> {
    let s = &text[pre.clone()];
    let ws = words_of(s);
    let dash = |c: char| matches!(c, '-' | '–' | '—' | '_');
    // The last desk prefix: a headline may run into it («… داریم گروه سیاسی- X گفت»).
    let mut from = None;
    for (i, (_, w)) in ws.iter().enumerate() {
        if !matches!(key(w).as_ref(), "گروه" | "سرویس") {
            continue;
        }
        for &(at, w) in ws.iter().skip(i + 1).take(3) {
            if w.ends_with(dash) || w.chars().all(dash) {
                from = Some(at + w.len());
                break;
            }
            if w.contains(dash) {
                break;
            }
        }
    }
    from.map_or(pre.clone(), |f| trim(text, pre.start + f..pre.end))
}

/// A short name in quotation marks at the start of `pre` (after adverbs such as «پیش‌تر»
/// at most), directly followed by more of the clause (no comma or colon after it):
/// «کاوه نیکو» … گفته بود. Returns the name and the rest of `pre`.
fn quoted_name(text: &str, pre: Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    const ADVERBS: &[&str] = &[
        "پیشتر",
        "قبلا",
        "اخیرا",
        "همچنین",
        "سپس",
        "البته",
        "اما",
        "ولی",
        "نیز",
        "پیش",
        "از",
        "این",
        "و",
    ];
    let s = &text[pre.clone()];
    let q = s.find(['«', '"'])?;
    if !s[..q].split_whitespace().all(|w| is_in(ADVERBS, &key(w)))
        || s[..q].split_whitespace().count() > 3
    {
        return None;
    }
    let pre = pre.start + q..pre.end;
    let s = &text[pre.clone()];
    let (open, close) = if s.starts_with('«') {
        ('«', '»')
    } else if s.starts_with('"') {
        ('"', '"')
    } else {
        return None;
    };
    let inner_start = open.len_utf8();
    let close_at = inner_start + s[inner_start..].find(close)?;
    let inner = &s[inner_start..close_at];
    let after = s[close_at + close.len_utf8()..].trim_start();
    let ws = words_of(inner);
    let plain = (1..=4).contains(&ws.len())
        && !inner
            .chars()
            .any(|c| c.is_numeric() || ".،,:؛!?؟".contains(c))
        && ws.iter().all(|(_, w)| {
            let k = key(w);
            !is_in(STOPS, &k) && !is_in(CLAUSE_WORDS, &k) && !is_in(PRONOUNS, &k)
        });
    if !plain || after.is_empty() || after.starts_with(['،', ',', ':', '؛', '-']) {
        return None;
    }
    let r = trim(text, pre.start + inner_start..pre.start + close_at);
    let rest = trim(text, pre.start + close_at + close.len_utf8()..pre.end);
    (!r.is_empty()).then_some((r, rest))
}

/// The segment `seg` as one name, if it is headed by a role or an institution, holds no
/// clause and at most nine words, and its only stop words are prepositions of a name.
fn whole_segment(text: &str, seg: Range<usize>, verb_kind: ClaimKind) -> Option<Speaker> {
    let ws = words_of(&text[seg.clone()]);
    let keys: Vec<Cow<'_, str>> = ws.iter().map(|(_, w)| key(w)).collect();
    let first = keys.first()?;
    let headed = is_in(INSTITUTION_WORDS, first)
        || is_role_head(first, keys.get(1).map(|c| &**c))
        || is_in(OUTLET_WORDS, first);
    let clean = keys.iter().skip(1).all(|k| {
        !is_in(CLAUSE_WORDS, k)
            && (!is_in(STOPS, k) || matches!(k.as_ref(), "از" | "در" | "با" | "برای"))
    });
    let has_stop = keys.iter().skip(1).any(|k| is_in(STOPS, k));
    if !headed
        || !clean
        || !has_stop
        || ws.len() > 9
        || keys.last().is_some_and(|k| is_in(STOPS, k))
    {
        return None;
    }
    speaker(text, seg, verb_kind, false, "", Via::Subject)
}

/// The noun phrase at the start of `r`: up to the first stop word; `None` when it is the
/// verb's object («… را») or a clause.
fn noun_phrase(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let ws = words_of(s);
    // A clause before the subject («… ندارد کاوه نیکو گفت», a headline run into its
    // item): the subject starts after its verb.
    let mut s0 = ws
        .iter()
        .rposition(|(_, w)| is_in(CLAUSE_WORDS, &key(w)))
        .map_or(0, |p| p + 1);
    // «X … را بررسی کرد و نوشت»: a verb coordinated with the clause before shares its
    // subject; so does a subject cut by a stop word before the first clause word («X
    // رئیس Y با اشاره به لوایح تصویب شده …، خواستار … شد»).
    let shares = s0 > 0 && ws[s0..].iter().all(|(_, w)| is_in(LEADING, &key(w)));
    let first_clause = ws.iter().position(|(_, w)| is_in(CLAUSE_WORDS, &key(w)));
    let cut_before = first_clause.is_some_and(|c| {
        c > 1
            && !is_in(FIRST_PLURAL, &key(ws[c].1))
            && ws[1..c].iter().any(|(_, w)| {
                let k = key(w);
                is_in(STOPS, &k) && k != "را" && k != "که"
            })
            && !ws[..c].iter().any(|(_, w)| key(w) == "را")
    });
    if shares || cut_before {
        s0 = 0;
    }
    let &(start_at, _) = ws.get(s0)?;
    let r = r.start + start_at..r.end;
    let s = &text[r.clone()];
    let ws = words_of(s);
    let first = ws.first().map(|(_, w)| key(w)).unwrap_or_default();
    let unnamed = is_in(UNNAMED_HEADS, &first);
    // «بسیاری از کارشناسان»: a quantifier keeps its «از».
    let quantifier = matches!(first.as_ref(), "بسیاری" | "برخی" | "شماری" | "تعدادی");
    let mut end = s.len();
    let mut k = 0;
    while k < ws.len() {
        let (at, w) = ws[k];
        let kw = key(w);
        if k == 1 && quantifier && kw == "از" {
            k += 1;
            continue;
        }
        // «فاطمه(س)در»: a stop word glued to a closing bracket.
        if k > 0
            && let Some(p) = w.find(')')
            && p + 1 < w.len()
            && is_in(STOPS, &key(&w[p + 1..]))
        {
            end = at + p + 1;
            break;
        }
        // «نیکو زمانی که …»، «نیکو وقتی که …»: a time clause ends the name.
        if k > 0
            && matches!(kw.as_ref(), "زمانی" | "هنگامی" | "وقتی" | "موقعی")
            && ws.get(k + 1).is_some_and(|(_, n)| key(n) == "که")
        {
            end = at.saturating_sub(1);
            break;
        }
        // «درهمایش»: «در» glued to the next word ends the name too.
        if k > 1 && glued_preposition(w) {
            end = at.saturating_sub(1);
            break;
        }
        if k > 0 && is_in(STOPS, &kw) {
            // «منابع دولتی در اورشلیم»: an unnamed group keeps a place.
            if unnamed
                && kw == "در"
                && k <= 3
                && let Some(&(pat, place)) = ws.get(k + 1)
                && !matches!(
                    key(place).as_ref(),
                    "مورد"
                        | "باره"
                        | "خصوص"
                        | "پاسخ"
                        | "ادامه"
                        | "حالی"
                        | "این"
                        | "ان"
                        | "همین"
                )
                && !place.starts_with('«')
            {
                end = pat + place.len();
                k += 2;
                continue;
            }
            // «X را اعلام کرد»: X is the object; so is a phrase cut at a preposition with
            // «را» further on.
            // A phrase headed by an outlet, institution or role is a subject even then
            // («شبکه X این قسمت از گفته‌ها را …»).
            let headed = is_in(OUTLET_WORDS, &first) || is_in(INSTITUTION_WORDS, &first);
            let object_follows = || ws[k..].iter().any(|(_, w)| key(w) == "را");
            if kw == "را"
                || (matches!(kw.as_ref(), "در" | "از" | "به" | "با" | "بر" | "برای")
                    && !headed
                    && object_follows())
            {
                return None;
            }
            end = at.saturating_sub(1);
            break;
        }
        k += 1;
        end = s.len();
    }
    let np = trim(text, r.start..r.start + end.min(s.len()));
    let np_s = text[np.clone()].trim_end_matches([':', '،', ',']);
    (!np_s.is_empty()).then(|| np.start..np.start + np_s.len())
}

/// Whether `w` is «در» glued to a word («درهمایش»، «درپایان»): not a word itself, and a
/// frequent word after «در» (hazm's word list).
fn glued_preposition(w: &str) -> bool {
    let w = w.trim_end_matches(['،', ',', ':']);
    let Some(rest) = w.strip_prefix("در") else {
        return false;
    };
    let lex = crate::persian::repair::lexicon();
    rest.chars().count() >= 3 && !lex.is_frequent(w) && lex.is_frequent(rest)
}

/// Speakers of the subject segment `seg`: coordinated speakers are split at « و » before
/// an unnamed group or a role.
fn speakers_of(text: &str, seg: Range<usize>, verb_kind: ClaimKind, role: String) -> Subject {
    let Some(np) = noun_phrase(text, seg) else {
        return Subject::None;
    };
    let s = &text[np.clone()];
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut from = np.start;
    for (i, _) in s.match_indices(" و ") {
        let rest = &s[i + " و ".len()..];
        let next = rest.split(' ').next().map(key).unwrap_or_default();
        if is_in(UNNAMED_HEADS, &next) || is_in(OFFICIAL_WORDS, &next) {
            parts.push(from..np.start + i);
            from = np.start + i + " و ".len();
        }
    }
    parts.push(from..np.end);
    let coordinated = parts.len() > 1;
    let out: Vec<Speaker> = parts
        .into_iter()
        .filter_map(|p| speaker(text, p, verb_kind, coordinated, &role, Via::Subject))
        .collect();
    if out.is_empty() {
        Subject::None
    } else {
        Subject::Speakers(out)
    }
}

/// One speaker from the noun phrase `r` (already cut at stop words), with its name split
/// from a role, a Latin alias in brackets, and its kind; `role` is a role found in
/// apposition. `None` for phrases that cannot be names.
pub fn speaker(
    text: &str,
    r: Range<usize>,
    verb_kind: ClaimKind,
    coordinated: bool,
    role: &str,
    via: Via,
) -> Option<Speaker> {
    let r = trim(text, r);
    let np = &text[r.clone()];
    let np_trim = np.trim_end_matches([':', '،', ',', ' ', '-']);
    let r = r.start..r.start + np_trim.len();
    let np = &text[r.clone()];
    let ws = words_of(np);
    let first = ws.first().map(|(_, w)| key(w)).unwrap_or_default();
    if first.is_empty()
        || first.starts_with(|c: char| c.is_numeric() || c == '[')
        || is_in(PRONOUNS, &first)
        || is_in(NEVER_FIRST, &first)
        || is_in(LEADING, &first)
        || first == "این"
        || is_in(STOPS, &first)
        || ws.len() > 9
        || ws.iter().any(|(_, w)| is_in(CLAUSE_WORDS, &key(w)))
    {
        return None;
    }
    // «گزارش خبرگزاری X»: the outlet is the source.
    if first == "گزارش" && ws.len() > 1 && is_in(OUTLET_WORDS, &key(ws[1].1)) {
        return speaker(
            text,
            r.start + ws[1].0..r.end,
            verb_kind,
            coordinated,
            role,
            via,
        );
    }
    let unnamed_head = is_in(UNNAMED_HEADS, &first);
    let keys: Vec<Cow<'_, str>> = ws.iter().map(|(_, w)| key(w)).collect();
    let head_at = |k: usize| is_role_head(&keys[k], keys.get(k + 1).map(|c| &**c));
    let org_word =
        |k: &str| is_in(INSTITUTION_WORDS, k) || is_in(OUTLET_WORDS, k) || is_in(UNNAMED_HEADS, k);
    // Name and role inside the phrase.
    let mut name_r = r.clone();
    let mut role = role.to_owned();
    if head_at(0) {
        // «رئیس پلیس راه سردار کاوه نیکو»: a title after the role starts the name.
        if let Some(t) = (1..ws.len()).find(|&k| is_in(TITLES, &keys[k]) && k + 1 < ws.len()) {
            name_r = r.start + ws[t].0..r.end;
            if role.is_empty() {
                role = np[..ws[t].0].trim().to_owned();
            }
        }
    } else if let Some(h) = (1..ws.len()).find(|&k| head_at(k))
        && (0..h).all(|k| !org_word(&keys[k]))
    {
        // «ابراهیم نوری سخنگوی وزارت نیرو»: the name, then its role.
        name_r = r.start..r.start + ws[h - 1].0 + ws[h - 1].1.len();
        if role.is_empty() {
            role = np[ws[h].0..].trim().to_owned();
        }
    }
    // «روزنامه الاتحاد چاپ امارات»: where an outlet is printed is a qualifier.
    {
        let nm = &text[name_r.clone()];
        let nws = words_of(nm);
        if let Some(c) = (1..nws.len()).find(|&k| key(nws[k].1) == "چاپ")
            && is_in(OUTLET_WORDS, &key(nws[0].1))
        {
            name_r = trim(text, name_r.start..name_r.start + nws[c].0);
        }
    }
    // «گروه اقتصادی خبرگزاری X»: a desk of an outlet; the outlet is the source.
    {
        let nm = &text[name_r.clone()];
        let nws = words_of(nm);
        if nws.len() > 2
            && key(nws[0].1) == "گروه"
            && let Some(o) = (1..nws.len()).find(|&k| is_in(OUTLET_WORDS, &key(nws[k].1)))
        {
            if role.is_empty() {
                role = nm[..nws[o].0].trim().to_owned();
            }
            name_r = name_r.start + nws[o].0..name_r.end;
        }
    }
    let mention = text[name_r.clone()].to_owned();
    // A Latin alias in brackets: «(INSS)», «وب‌سایت (IzRus)».
    let (mut name, alias) = match (mention.find('('), mention.rfind(')')) {
        (Some(a), Some(b)) if a < b => {
            let inside = mention[a + 1..b].trim();
            // «(س)»، «(ره)»: an honorific, not an alias.
            let honorific = inside.chars().count() <= 2 && !inside.is_ascii();
            let alias = if honorific {
                String::new()
            } else {
                inside.to_owned()
            };
            let outside = format!("{}{}", &mention[..a], &mention[b + 1..])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (outside, alias)
        }
        _ => (mention.clone(), String::new()),
    };
    let mut range = name_r.clone();
    let alias_range = || {
        mention
            .find('(')
            .map(|a| name_r.start + a + 1..name_r.start + a + 1 + alias.len())
    };
    if name.is_empty() {
        name.clone_from(&alias);
        if let Some(ar) = alias_range() {
            range = ar;
        }
    }
    // An outlet word followed by its Latin name: the Latin name is the source.
    if !alias.is_empty() && name.split_whitespace().count() == 1 && is_in(OUTLET_WORDS, &key(&name))
    {
        role.clone_from(&name);
        name.clone_from(&alias);
        if let Some(ar) = alias_range() {
            range = ar;
        }
    }
    if name.is_empty() || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    if text.get(range.clone()).is_none() {
        range = name_r;
    }
    let kind = classify(&name, &alias, &role, verb_kind, unnamed_head);
    // A long phrase that matches no kind of source is more likely a clause than a name.
    let n_words = name.split_whitespace().count();
    if !coordinated
        && n_words > 4
        && kind == SourceKind::Outlet
        && via == Via::Subject
        && !is_outlet(&name)
    {
        return None;
    }
    let org = is_outlet(&name)
        || name
            .split_whitespace()
            .next()
            .is_some_and(|w| is_in(INSTITUTION_WORDS, &key(w)) || is_role_head(&key(w), None));
    if n_words > if org { 9 } else { 7 } {
        return None;
    }
    Some(Speaker {
        range,
        name,
        alias,
        role,
        kind,
        via,
    })
}

/// Guesses what kind of source a name is.
pub fn classify(
    name: &str,
    alias: &str,
    role: &str,
    verb_kind: ClaimKind,
    unnamed_head: bool,
) -> SourceKind {
    let words: Vec<Cow<'_, str>> = name.split_whitespace().map(key).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_ref()));
    let first_in = |list: &[&str]| words.first().is_some_and(|w| list.contains(&w.as_ref()));
    let role_has = |list: &[&str]| {
        role.split_whitespace()
            .map(key)
            .any(|w| list.contains(&w.as_ref()))
    };
    if name.contains('.') && name.is_ascii() {
        return SourceKind::Outlet; // a domain
    }
    if words.first().is_some_and(|w| w == "نمایندگان") && has(INSTITUTION_WORDS) {
        return SourceKind::Institution;
    }
    if unnamed_head {
        return SourceKind::Unnamed;
    }
    if first_in(OUTLET_WORDS) {
        return SourceKind::Outlet;
    }
    if first_in(OFFICIAL_WORDS) || first_in(TITLES) || words.first().is_some_and(|w| w == "نخست")
    {
        return SourceKind::Official;
    }
    if first_in(INSTITUTION_WORDS) {
        return SourceKind::Institution;
    }
    if has(OFFICIAL_WORDS) {
        return SourceKind::Official;
    }
    if has(OUTLET_WORDS) || role_has(OUTLET_WORDS) {
        return SourceKind::Outlet;
    }
    if has(INSTITUTION_WORDS) || role_has(&["اندیشکده", "موسسه", "مرکز", "دانشگاه"])
    {
        return SourceKind::Institution;
    }
    if !role.is_empty() && role_has(OFFICIAL_WORDS) {
        return SourceKind::Official;
    }
    if name.chars().all(|c| c.is_ascii_uppercase()) || name.is_ascii() && !alias.is_empty() {
        return SourceKind::Institution; // an acronym: INSS, MIT
    }
    match verb_kind {
        ClaimKind::Report => SourceKind::Outlet,
        _ if words.len() >= 2 => SourceKind::Official,
        _ => SourceKind::Institution,
    }
}

/// Folded words of a personal name without titles and with the Arabic article «ال»
/// dropped from each («سردار کاوه نیکو» → «کاوه نیکو»، «الجعفری» → «جعفری»): what a
/// surname is compared on.
pub fn name_tokens(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| key(w).into_owned())
        .filter(|w| !is_in(TITLES, w) && w != "الله")
        .map(|w| match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 3 => rest.to_owned(),
            _ => w,
        })
        .collect()
}

/// Whether the name is only connectives («و»، «اما»): never a source.
pub fn is_connective(name: &str) -> bool {
    name.split_whitespace().all(|w| is_in(LEADING, &key(w)))
}

/// Whether the name starts with a role word (a role standing for a person: «وزیر کشور»).
pub fn is_role_only(name: &str) -> bool {
    let ws: Vec<Cow<'_, str>> = name.split_whitespace().map(key).collect();
    ws.first()
        .is_some_and(|w| is_role_head(w, ws.get(1).map(|c| &**c)))
}

/// Whether the name starts with an outlet word («روزنامه …»).
pub fn is_outlet(name: &str) -> bool {
    name.split_whitespace()
        .next()
        .is_some_and(|w| is_in(OUTLET_WORDS, &key(w)))
}

/// Whether the name is of a person (no institution, outlet or group word in it).
pub fn is_personal(name: &str) -> bool {
    let ws: Vec<Cow<'_, str>> = name.split_whitespace().map(key).collect();
    !ws.is_empty()
        && ws.len() <= 4
        && !ws.iter().any(|w| {
            is_in(INSTITUTION_WORDS, w)
                || is_in(OUTLET_WORDS, w)
                || is_in(UNNAMED_HEADS, w)
                || is_role_head(w, None)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subj(text: &str) -> Vec<(String, String)> {
        match subject(text, 0..text.len(), ClaimKind::Statement) {
            Subject::Speakers(v) => v.into_iter().map(|s| (s.name, s.role)).collect(),
            Subject::Anaphor(r) => vec![(format!("ANAPHOR {}", &text[r]), String::new())],
            Subject::None => Vec::new(),
        }
    }

    #[test]
    fn names_and_roles() {
        for (text, want) in [
            (
                "مریم سلطانی سخنگوی وزارت نیرو",
                vec![("مریم سلطانی", "سخنگوی وزارت نیرو")],
            ),
            (
                "مریم سلطانی، سخنگوی وزارت نیرو",
                vec![("مریم سلطانی", "سخنگوی وزارت نیرو")],
            ),
            (
                "سخنگوی وزارت نیرو، مریم سلطانی،",
                vec![("مریم سلطانی", "سخنگوی وزارت نیرو")],
            ),
            (
                "رئیس اداره بنادر سردار کاوه نیکو",
                vec![("سردار کاوه نیکو", "رئیس اداره بنادر")],
            ),
            ("وزیر نیرو دیروز در جمع خبرنگاران", vec![("وزیر نیرو", "")]),
            ("دفتر نخست وزیر کشور", vec![("دفتر نخست وزیر کشور", "")]),
            ("روزنامه الفجر چاپ لندن", vec![("روزنامه الفجر", "")]),
            (
                "گروه سیاسی خبرگزاری پارس",
                vec![("خبرگزاری پارس", "گروه سیاسی")],
            ),
            ("کاوه نیکو، با اشاره به بارش باران", vec![("کاوه نیکو", "")]),
            (
                "کاوه نیکو، یک بازرگان فرش درباره بازار",
                vec![("کاوه نیکو", "یک بازرگان فرش")],
            ),
            (
                "مدیر بنیاد فاطمه(س)در نشستی",
                vec![("مدیر بنیاد فاطمه", "")],
            ),
            ("«باران می‌بارد»، کاوه نیکو", vec![("کاوه نیکو", "")]),
            ("وی در ادامه", vec![("ANAPHOR وی", "")]),
            ("این مقام مسئول", vec![("ANAPHOR این مقام مسئول", "")]),
            ("این گزارش", vec![]),
            ("یکی از حاضران", vec![]),
            ("شبکه پارس این قسمت از گفته‌ها را", vec![("شبکه پارس", "")]),
            ("با برشمردن گرانی، بیکاری، تورم، مشکلات اداری در شهر", vec![]),
            ("معظم له با اشاره به", vec![("ANAPHOR معظم له", "")]),
            (
                "تاریخ انتشار: ۱۴۰۲/۰۱/۰۱ - ۱۱:۲۰:۰۷ سردار کاوه نیکو، با اشاره به",
                vec![("سردار کاوه نیکو", "")],
            ),
            (
                "آیا این کار خوب است یا بد، کاوه نیکو",
                vec![("کاوه نیکو", "")],
            ),
            ("بسیاری از کارشناسان", vec![("بسیاری از کارشناسان", "")]),
            ("باران ندارد کاوه نیکو", vec![("کاوه نیکو", "")]),
            ("۱۴۰۲ آمار تازه", vec![]),
            (
                "مینا راد رئیس انجمن باغداران با اشاره به لوایح تصویب شده در مجلس",
                vec![("مینا راد", "رئیس انجمن باغداران")],
            ),
            ("دکتر مینا راد درهمایش روز", vec![("دکتر مینا راد", "")]),
            ("گزارش خبرگزاری پارس", vec![("خبرگزاری پارس", "")]),
            (
                "نایب‌رئیس انجمن پیشگیری از بیماری ایران، با اشاره به",
                vec![("نایب‌رئیس انجمن پیشگیری از بیماری ایران", "")],
            ),
            ("اگر چه او", vec![]),
            ("باران شهر را", vec![]),
            ("ارتش کشور دیروز خبر را", vec![("ارتش کشور", "")]),
            (
                "قیمت نان بالا رفته است، وزیر کشاورزی",
                vec![("وزیر کشاورزی", "")],
            ),
            ("در سال ۱۴۰۰، شرکت نفت", vec![("شرکت نفت", "")]),
        ] {
            let want: Vec<(String, String)> = want
                .into_iter()
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect();
            assert_eq!(subj(text), want, "subject of «{text}»");
        }
    }

    #[test]
    fn kinds() {
        use SourceKind::*;
        for (name, kind) in [
            ("خبرگزاری پارس", Outlet),
            ("وزارت نیرو", Institution),
            ("وزیر نیرو", Official),
            ("منابع آگاه", Unnamed),
            ("سردار کاوه نیکو", Official),
        ] {
            assert_eq!(
                classify(
                    name,
                    "",
                    "",
                    ClaimKind::Statement,
                    is_in(UNNAMED_HEADS, &key(name.split(' ').next().unwrap_or("")))
                ),
                kind,
                "kind of «{name}»"
            );
        }
    }

    #[test]
    fn surname_tokens() {
        for (name, want) in [
            ("سردار کاوه نیکو", vec!["کاوه", "نیکو"]),
            ("حسن الرفاعی", vec!["حسن", "رفاعی"]),
        ] {
            assert_eq!(name_tokens(name), want, "tokens of «{name}»");
        }
    }
}
