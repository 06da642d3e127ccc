//! The words of dates, folded (see `persian::fold`: ی/ک, آ → ا, ئ → ی, no ZWNJ): month
//! names of the three calendars with their spelling variants, weekdays, seasons, number
//! words, ordinals and decade words, and the units that make a number a quantity.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::persian::repair::WordBuild;

use super::calendars::Cal;
use super::tokens::{Kind, Tok};

/// Gregorian months.
pub const GREGORIAN: [&[&str]; 12] = [
    &["ژانویه", "ژانوییه", "ژانوبه", "جنوری", "ژانویهی"],
    &["فوریه", "فبریه", "فبروری"],
    &["مارس", "مارچ"],
    &["اوریل", "اپریل"],
    &["مه", "می", "میی"],
    &["ژوین", "جون", "ژوءن"],
    &["ژوییه", "جولای", "ژوبیه", "جولا"],
    &["اوت", "اگوست", "اگست", "اوگوست"],
    &["سپتامبر"],
    &["اکتبر", "اکتوبر"],
    &["نوامبر", "نوومبر"],
    &["دسامبر", "دیسامبر"],
];

/// Solar Hijri months.
pub const SOLAR: [&[&str]; 12] = [
    &["فروردین"],
    &["اردیبهشت"],
    &["خرداد"],
    &["تیر"],
    &["مرداد", "امرداد"],
    &["شهریور"],
    &["مهر"],
    &["ابان"],
    &["اذر"],
    &["دی"],
    &["بهمن"],
    &["اسفند"],
];

/// Lunar Hijri months, as one token (words joined: «ربیع‌الاول», «ربیع الاول» → «ربیعالاول»).
pub const LUNAR: [&[&str]; 12] = [
    &["محرم", "محرمالحرام"],
    &["صفر", "صفرالمظفر"],
    &["ربیعالاول", "ربیعالاولی", "ربیعاول"],
    &[
        "ربیعالثانی",
        "ربیعالاخر",
        "ربیعالثانیه",
        "ربیعثانی",
        "ربیعالاخیر",
    ],
    &["جمادیالاول", "جمادیالاولی", "جمادیاول"],
    &[
        "جمادیالثانی",
        "جمادیالاخر",
        "جمادیالاخره",
        "جمادیالثانیه",
        "جمادیثانی",
    ],
    &["رجب", "رجبالمرجب"],
    &["شعبان", "شعبانالمعظم"],
    &["رمضان", "رمضانالمبارک"],
    &["شوال", "شوالالمکرم"],
    &["ذیقعده", "ذیالقعده", "ذوالقعده"],
    &["ذیحجه", "ذیالحجه", "ذوالحجه"],
];

/// English month names (lower case), for English datelines.
const ENGLISH: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// The month number of an English month name.
pub fn english_month(key: &str) -> Option<u8> {
    ENGLISH
        .iter()
        .position(|n| n.contains(&key))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Honorifics after a lunar month name: «رمضان المبارک», «محرم الحرام».
pub const LUNAR_HONORIFICS: [&str; 6] =
    ["المبارک", "الحرام", "المرجب", "المعظم", "المکرم", "المظفر"];

/// Gregorian month names that are also common words («مه» fog, «می» the verb prefix):
/// read as months only next to a day, a year or «ماه».
pub const AMBIGUOUS_GREGORIAN: [&str; 3] = ["مه", "می", "میی"];

/// Solar month names that are also common words («تیر» arrow, «مهر» seal, «دی» …).
pub const AMBIGUOUS_SOLAR: [&str; 4] = ["تیر", "مهر", "دی", "بهمن"];

/// Every month name of the three calendars: (calendar, month 1..=12).
static MONTHS: LazyLock<HashMap<&'static str, (Cal, u8), WordBuild>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for (cal, table) in [
        (Cal::Lunar, &LUNAR),
        (Cal::Gregorian, &GREGORIAN),
        (Cal::Solar, &SOLAR),
    ] {
        for (n, names) in (1u8..).zip(table.iter()) {
            for name in *names {
                m.insert(*name, (cal, n));
            }
        }
    }
    m
});

/// Month number (1..=12) of a month name in `cal`, with «ماه» joined after a Solar or
/// lunar name allowed («تیرماه»).
pub fn month(key: &str, cal: Cal) -> Option<u8> {
    any_month(key).filter(|&(c, _)| c == cal).map(|(_, m)| m)
}

/// Any calendar's month: (calendar, month).
pub fn any_month(key: &str) -> Option<(Cal, u8)> {
    if let Some(&found) = MONTHS.get(key) {
        return Some(found);
    }
    let k = key.strip_suffix("ماه").filter(|k| !k.is_empty())?;
    MONTHS.get(k).copied().filter(|&(c, _)| c != Cal::Gregorian)
}

/// Lunar month names written as two or three words: the first word and the words that
/// may follow it to make the name.
pub fn lunar_two_words(a: &str, b: &str) -> Option<u8> {
    if !matches!(a, "ربیع" | "جمادی" | "ذی" | "ذو") {
        return None;
    }
    let joined = format!("{a}{b}");
    month(&joined, Cal::Lunar)
}

/// Weekdays, 0 = Saturday … 6 = Friday.
pub const WEEKDAYS: [&[&str]; 7] = [
    &["شنبه"],
    &["یکشنبه", "یک‌شنبه"],
    &["دوشنبه"],
    &["سهشنبه", "سه‌شنبه"],
    &["چهارشنبه"],
    &["پنجشنبه", "پنج‌شنبه"],
    &["جمعه"],
];

pub fn weekday(key: &str) -> Option<u8> {
    WEEKDAYS
        .iter()
        .position(|w| w.contains(&key))
        .and_then(|i| u8::try_from(i).ok())
}

/// The weekday at token `i` («سه‌شنبه», «سه شنبه»): (0 = Saturday …, index after it).
pub fn weekday_at(toks: &[Tok], i: usize) -> Option<(u8, usize)> {
    let key = |j: usize| toks.get(j).map_or("", |t| t.key.as_ref());
    if let Some(w) = weekday(key(i)) {
        return Some((w, i + 1));
    }
    if key(i + 1) == "شنبه" {
        let w = match key(i) {
            "یک" => 1,
            "دو" => 2,
            "سه" => 3,
            "چهار" => 4,
            "پنج" => 5,
            _ => return None,
        };
        return Some((w, i + 2));
    }
    None
}

/// Seasons, 0 = spring.
pub fn season(key: &str) -> Option<u8> {
    ["بهار", "تابستان", "پاییز", "زمستان"]
        .iter()
        .position(|&w| w == key)
        .and_then(|i| u8::try_from(i).ok())
}

/// Number words one to twelve.
pub const NUMBER_WORDS: [&str; 12] = [
    "یک",
    "دو",
    "سه",
    "چهار",
    "پنج",
    "شش",
    "هفت",
    "هشت",
    "نه",
    "ده",
    "یازده",
    "دوازده",
];

pub fn number_word(key: &str) -> Option<i64> {
    NUMBER_WORDS
        .iter()
        .position(|&w| w == key)
        .and_then(|i| i64::try_from(i + 1).ok())
        .or(match key {
            "یکسال" => Some(1),
            _ => None,
        })
}

/// Ordinals one to nineteen («اول» … «نوزدهم»).
const ORDINALS: [&[&str]; 19] = [
    &["اول", "یکم"],
    &["دوم"],
    &["سوم"],
    &["چهارم"],
    &["پنجم"],
    &["ششم"],
    &["هفتم"],
    &["هشتم"],
    &["نهم"],
    &["دهم"],
    &["یازدهم"],
    &["دوازدهم"],
    &["سیزدهم"],
    &["چهاردهم"],
    &["پانزدهم", "پونزدهم"],
    &["شانزدهم"],
    &["هفدهم", "هیفدهم"],
    &["هجدهم", "هیجدهم", "هژدهم"],
    &["نوزدهم"],
];

fn ordinal_unit(key: &str) -> Option<u32> {
    ORDINALS
        .iter()
        .position(|w| w.contains(&key))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A day written as an ordinal word («دوازدهم», «بیست و دوم», «سی‌ام») or a number with
/// «ام»: (day 1..=31, index after it).
pub fn ordinal_day(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let key = t.key.as_ref();
    if t.kind == Kind::Num {
        // «۱۲ام» / «۱۲ ام»
        let v = t.value()?;
        if (1..=31).contains(&v)
            && toks
                .get(i + 1)
                .is_some_and(|n| n.key == "ام" || n.key == "م")
        {
            return Some((v, i + 2));
        }
        return None;
    }
    if let Some(v) = ordinal_unit(key) {
        return Some((v, i + 1));
    }
    match key {
        "بیستم" => return Some((20, i + 1)),
        "سیام" | "سیم" | "سی‌ام" => return Some((30, i + 1)),
        _ => {}
    }
    let tens = match key {
        "بیست" => 20,
        "سی" => 30,
        _ => return None,
    };
    if toks.get(i + 1).is_some_and(|t| t.key == "و") {
        let u = toks.get(i + 2).and_then(|t| ordinal_unit(&t.key))?;
        let v = tens + u;
        if v <= 31 && u <= 9 {
            return Some((v, i + 3));
        }
    }
    None
}

/// Decade words: «بیست» … «نود» → 20 … 90 (also as ordinal tens «هفتاد»).
pub fn decade_word(key: &str) -> Option<u32> {
    Some(match key {
        "بیست" => 20,
        "سی" => 30,
        "چهل" => 40,
        "پنجاه" => 50,
        "شصت" => 60,
        "هفتاد" => 70,
        "هشتاد" => 80,
        "نود" => 90,
        _ => return None,
    })
}

/// Century ordinals: «نوزدهم» … «بیست و یکم», and numbers.
pub fn century_word(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if let Some(v) = t.value().filter(|_| t.digits() <= 2) {
        return Some((v, i + 1));
    }
    match t.key.as_ref() {
        "چهاردهم" => Some((14, i + 1)),
        "پانزدهم" => Some((15, i + 1)),
        "هفدهم" => Some((17, i + 1)),
        "هجدهم" | "هیجدهم" => Some((18, i + 1)),
        "نوزدهم" => Some((19, i + 1)),
        "بیستم" => Some((20, i + 1)),
        "بیست"
            if toks.get(i + 1).is_some_and(|t| t.key == "و")
                && toks.get(i + 2).is_some_and(|t| t.key == "یکم") =>
        {
            Some((21, i + 3))
        }
        _ => None,
    }
}

/// Words after a number that make it a quantity, not a year or a day.
pub const UNITS: [&str; 32] = [
    "نفر",
    "درصد",
    "کیلومتر",
    "متر",
    "دلار",
    "یورو",
    "تومان",
    "ریال",
    "میلیون",
    "میلیارد",
    "هزار",
    "روز",
    "ماه",
    "ساعت",
    "دقیقه",
    "بار",
    "کیلوگرم",
    "تن",
    "عدد",
    "مورد",
    "نفری",
    "روزه",
    "ساله",
    "سال",
    "سالگی",
    "سالی",
    "ساعته",
    "هفته",
    "دهه",
    "قرن",
    "اونس",
    "واحد",
];

/// Words before a bare number that make it an identifier, not a year: «پلاک ۱۳۲۰»,
/// «کد مطلب ۱۴۰۳», «ماده ۱۳۸۶».
pub const ID_BEFORE: [&str; 16] = [
    "پلاک",
    "کد",
    "شماره",
    "تلفن",
    "ماده",
    "بند",
    "اصل",
    "مطلب",
    "خبر",
    "شناسه",
    "طبقه",
    "واحد",
    "صندوق",
    "کدپستی",
    "نمابر",
    "فکس",
];

/// Words before a day and month that make them a name, not a date: streets, squares,
/// universities («خیابان ۱۶ آذر», «میدان ۱۵ خرداد»).
pub const NAME_BEFORE: [&str; 12] = [
    "خیابان",
    "میدان",
    "دانشگاه",
    "بلوار",
    "نبش",
    "کوچه",
    "پل",
    "بزرگراه",
    "خ",
    "مجتمع",
    "ورزشگاه",
    "مدرسه",
];

/// Words (folded) other than month names and number words that may start a date.
const STARTS: [&str; 57] = [
    "سال",
    "سالهای",
    "دهه",
    "دهههای",
    "از",
    "حدود",
    "حدودا",
    "حوالی",
    "اوایل",
    "اواءل",
    "اواسط",
    "اواخر",
    "همان",
    "همین",
    "بهار",
    "تابستان",
    "پاییز",
    "زمستان",
    "ماه",
    "روز",
    "چند",
    "نیمه",
    "امروز",
    "دیروز",
    "پریروز",
    "فردا",
    "پارسال",
    "امسال",
    "هفته",
    "قرن",
    "سده",
    "فصل",
    "بین",
    "طی",
    "ابتدای",
    "اول",
    "اوایل",
    "پایان",
    "سالهایی",
    "تاریخ",
    "بیست",
    "سی",
    "اکنون",
    "دیشب",
    "امشب",
    "صبح",
    "عصر",
    "شب",
    "ظهر",
    "سحرگاه",
    "بامداد",
    "دو",
    "یکسال",
    "پایانی",
    "اخیر",
    "اخر",
    "انتهای",
];

/// Every word that may start a date.
static START_WORDS: LazyLock<HashSet<&'static str, WordBuild>> = LazyLock::new(|| {
    let months = GREGORIAN
        .iter()
        .chain(SOLAR.iter())
        .chain(LUNAR.iter())
        .chain(WEEKDAYS.iter())
        .flat_map(|n| n.iter());
    STARTS
        .iter()
        .chain(months)
        .chain(NUMBER_WORDS.iter())
        .chain(ORDINALS.iter().flat_map(|n| n.iter()))
        .copied()
        .chain(["ربیع", "جمادی", "ذی", "ذو", "بیستم", "ش"])
        .chain(["سهماهه", "ششماهه", "نیمهشب", "نیمه", "شش", "ان"])
        .chain(ENGLISH.iter().flat_map(|n| n.iter()).copied())
        .chain(super::english::STARTS)
        .chain([
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ])
        .collect()
});

/// Whether a date expression can start at this token (a cheap filter before parsing).
pub fn may_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Punct => false,
        Kind::Word => {
            let k = t.key.as_ref();
            START_WORDS.contains(k) || (k.ends_with("ماه") && any_month(k).is_some())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persian::fold::fold_text;

    #[test]
    fn month_names_fold_to_the_tables() {
        for (word, cal, m) in [
            ("ژوئن", Cal::Gregorian, 6),
            ("آگوست", Cal::Gregorian, 8),
            ("آوریل", Cal::Gregorian, 4),
            ("آبان", Cal::Solar, 8),
            ("تیرماه", Cal::Solar, 4),
            ("خردادماه", Cal::Solar, 3),
            ("ربیع‌الاول", Cal::Lunar, 3),
            ("ربيع‌الثاني", Cal::Lunar, 4),
            ("ذی‌الحجه", Cal::Lunar, 12),
            ("ذيقعده", Cal::Lunar, 11),
            ("جمادی‌الاولی", Cal::Lunar, 5),
            ("رمضان", Cal::Lunar, 9),
        ] {
            assert_eq!(month(&fold_text(word), cal), Some(m), "month of «{word}»");
        }
        assert_eq!(lunar_two_words("ربیع", "الثانی"), Some(4), "«ربیع الثانی»");
        for (w, d) in [("یکشنبه", 1), ("پنج‌شنبه", 5), ("جمعه", 6)] {
            assert_eq!(weekday(&fold_text(w)), Some(d), "weekday «{w}»");
        }
    }

    #[test]
    fn ordinal_days() {
        for (text, want) in [
            ("دوازدهم", Some(12)),
            ("بیست و دوم", Some(22)),
            ("سی و یکم", Some(31)),
            ("هجدهم", Some(18)),
            ("اول", Some(1)),
            ("بیست و نهم", Some(29)),
            ("سی و دوم", None),
            ("دوازده", None),
        ] {
            let toks = super::super::tokens::tokenize(text);
            assert_eq!(
                ordinal_day(&toks, 0).map(|(d, _)| d),
                want,
                "ordinal «{text}»"
            );
        }
    }
}
