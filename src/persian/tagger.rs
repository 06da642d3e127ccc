//! The date tagger: finds dates in Persian text and resolves them to [`FuzzyDate`]
//! intervals — Gregorian months in Persian (with spelling variants), Solar Hijri dates in
//! words and numbers, years, decades and their parts, seasons, ranges, and references
//! relative to the last date («همان سال», «یک ماه بعد»).
//!
//! Years: a 4-digit year from 1700 to 2100 is Gregorian, from 1200 to 1499 Solar Hijri;
//! after «سال», a 2-digit year is Solar Hijri (۹۶ → ۱۳۹۶, ۰۲ → ۱۴۰۲). A decade written with
//! two digits is Solar Hijri unless «میلادی» follows. Calendar conversion is
//! [`Day::from_solar_hijri`] (icu_calendar).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::model::{Day, FuzzyDate, Precision};

use super::digits::digit_value;
use super::fold::fold_text;
use super::repair::WordBuild;

/// A date found in a text.
///
/// Invariant: `date.wording == text[range]` for the text it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedDate {
    /// Byte range of the wording in the text.
    pub range: Range<usize>,
    pub date: FuzzyDate,
}

/// Finds the dates in one text; relative references resolve against earlier dates of the
/// same text only. See [`Tagger`] to carry the last date across paragraphs.
pub fn tag_dates(text: &str) -> Vec<TaggedDate> {
    Tagger::default().tag(text)
}

/// A date tagger that remembers the last date it found, so «همان سال» in a later paragraph
/// resolves against a date in an earlier one.
#[derive(Clone, Debug, Default)]
pub struct Tagger {
    /// The last date found (absolute or resolved).
    pub last: Option<FuzzyDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
struct Tok<'a> {
    range: Range<usize>,
    kind: Kind,
    /// Folded text (ZWNJ, diacritics, letter variants ignored; ASCII digits).
    key: std::borrow::Cow<'a, str>,
}

impl Tok<'_> {
    /// Value of a plain number (digits only).
    fn value(&self) -> Option<u32> {
        if self.kind != Kind::Num
            || !self.key.bytes().all(|b| b.is_ascii_digit())
            || self.key.len() > 6
        {
            return None;
        }
        self.key.parse().ok()
    }

    fn digits(&self) -> usize {
        self.key.len()
    }
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    use super::fold::{WordChars, is_word_char};
    let wc = WordChars::default();
    let b = text.as_bytes();
    // About a token for every six bytes of Persian text.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    while i < b.len() {
        // The common case first: a word of letters that folding keeps as they are.
        let n = wc.len_at(text, i, true);
        if n > 0 {
            let mut end = i + n;
            loop {
                let n = wc.len_at(text, end, true);
                if n == 0 {
                    break;
                }
                end += n;
            }
            if wc.len_at(text, end, false) == 0 {
                out.push(Tok {
                    range: i..end,
                    kind: Kind::Word,
                    key: std::borrow::Cow::Borrowed(&text[i..end]),
                });
                i = end;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // (kind, end of the token, where the next one may start)
        let (kind, end, next) = if digit_value(c).is_some() {
            let mut end = i + c.len_utf8();
            loop {
                match text[end..].chars().next() {
                    Some(d) if digit_value(d).is_some() => end += d.len_utf8(),
                    Some('/')
                        if text[end + 1..]
                            .chars()
                            .next()
                            .is_some_and(|n| digit_value(n).is_some()) =>
                    {
                        end += 1;
                    }
                    _ => break,
                }
            }
            (Kind::Num, end, end)
        } else if is_word_char(c) {
            let mut end = i + c.len_utf8();
            loop {
                let n = wc.len_at(text, end, false);
                if n == 0 {
                    break;
                }
                end += n;
            }
            // A ZWNJ at the end belongs to no word.
            let trimmed = text[i..end].trim_end_matches('\u{200C}');
            (Kind::Word, i + trimmed.len(), end)
        } else {
            (Kind::Punct, i + c.len_utf8(), i + c.len_utf8())
        };
        out.push(Tok {
            range: i..end,
            kind,
            key: fold_text(&text[i..end]),
        });
        i = next;
    }
    out
}

/// Gregorian months, folded spellings (see `fold`).
const GREGORIAN: [&[&str]; 12] = [
    &["ژانویه", "ژانوییه", "ژانوبه", "جنوری"],
    &["فوریه", "فبریه", "فوریه", "فبروری"],
    &["مارس", "مارچ"],
    &["اوریل", "اپریل"],
    &["مه", "می", "میی"],
    &["ژوین", "جون", "ژوءن"],
    &["ژوییه", "جولای", "ژوبیه", "جولا"],
    &["اوت", "اگوست", "اگست"],
    &["سپتامبر"],
    &["اکتبر", "اکتوبر"],
    &["نوامبر", "نوومبر"],
    &["دسامبر", "دیسامبر"],
];

const SOLAR: [&[&str]; 12] = [
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

fn gregorian_month(key: &str) -> Option<u8> {
    GREGORIAN
        .iter()
        .position(|names| names.contains(&key))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn solar_month(key: &str) -> Option<u8> {
    let key = key
        .strip_suffix("ماه")
        .filter(|k| !k.is_empty())
        .unwrap_or(key);
    SOLAR
        .iter()
        .position(|names| names.contains(&key))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Number words one to twelve.
const NUMBER_WORDS: [&str; 12] = [
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

fn number_word(key: &str) -> Option<i64> {
    NUMBER_WORDS
        .iter()
        .position(|&w| w == key)
        .and_then(|i| i64::try_from(i + 1).ok())
}

/// Words after a number that make it a quantity, not a year.
const UNITS: [&str; 24] = [
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
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cal {
    Gregorian,
    Solar,
}

/// The calendar a 4-digit year belongs to.
fn year_calendar(y: u32) -> Option<Cal> {
    match y {
        1700..=2100 => Some(Cal::Gregorian),
        1200..=1499 => Some(Cal::Solar),
        _ => None,
    }
}

fn solar_year_interval(y: i32) -> Option<(Day, Day)> {
    let start = Day::from_solar_hijri(y, 1, 1).ok()?;
    let next = Day::from_solar_hijri(y + 1, 1, 1).ok()?;
    Some((start, next.add_days(-1)))
}

fn solar_month_interval(y: i32, m: u8) -> Option<(Day, Day)> {
    let start = Day::from_solar_hijri(y, m, 1).ok()?;
    let len = Day::solar_hijri_month_len(y, m)?;
    Some((start, start.add_days(i64::from(len) - 1)))
}

fn year_interval(y: u32, cal: Cal) -> Option<(Day, Day)> {
    let y = i32::try_from(y).ok()?;
    match cal {
        Cal::Gregorian => Some((Day::new(y, 1, 1).ok()?, Day::new(y, 12, 31).ok()?)),
        Cal::Solar => solar_year_interval(y),
    }
}

/// A parsed date before its wording is attached.
#[derive(Clone, Debug)]
struct Found {
    start: Day,
    end: Day,
    precision: Precision,
    approximate: bool,
    /// Token index one past the last token used.
    next: usize,
}

impl Found {
    fn new((start, end): (Day, Day), precision: Precision, next: usize) -> Self {
        Self {
            start,
            end,
            precision,
            approximate: false,
            next,
        }
    }
}

struct Ctx<'a> {
    toks: &'a [Tok<'a>],
    last: Option<&'a FuzzyDate>,
}

impl Ctx<'_> {
    fn key(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.key.as_ref())
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind != Kind::Num && words.contains(&t.key.as_ref()))
    }

    fn num(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(Tok::value)
    }

    /// A plausible 4-digit year at `i` (not a quantity): value and calendar.
    fn year4(&self, i: usize) -> Option<(u32, Cal)> {
        let t = self.toks.get(i)?;
        if t.digits() != 4 {
            return None;
        }
        let y = t.value()?;
        Some((y, year_calendar(y)?))
    }

    fn followed_by_unit(&self, i: usize) -> bool {
        self.is(i, &UNITS)
    }

    /// Optional calendar word after a date: returns (calendar hint, next index).
    fn calendar_word(&self, i: usize) -> (Option<Cal>, usize) {
        if self.is(i, &["میلادی"]) {
            (Some(Cal::Gregorian), i + 1)
        } else if self.is(i, &["شمسی", "خورشیدی"]) {
            (Some(Cal::Solar), i + 1)
        } else if self.is(i, &["هجری"]) && self.is(i + 1, &["شمسی", "خورشیدی"]) {
            (Some(Cal::Solar), i + 2)
        } else {
            (None, i)
        }
    }
}

/// Day, month and year, or month and year, in words: «۱۲ مهر ۱۴۰۳», «مهر ۱۴۰۳»,
/// «۲۷ سپتامبر ۲۰۲۰», «دسامبر ۲۰۲۳», «مهرماه ۱۳۹۹», «مهر ماه ۹۹».
fn month_date(c: &Ctx, i: usize) -> Option<Found> {
    let (day, mi) = match c.num(i) {
        Some(d) if (1..=31).contains(&d) && c.toks[i].digits() <= 2 => (Some(d), i + 1),
        _ => (None, i),
    };
    let key = c.key(mi);
    let mut yi = mi + 1;
    if let Some(m) = gregorian_month(key) {
        let (y, _) = c.year4(yi).filter(|&(_, cal)| cal == Cal::Gregorian)?;
        let y = i32::try_from(y).ok()?;
        let (_, next) = c.calendar_word(yi + 1);
        return Some(match day {
            Some(d) => {
                let d = Day::new(y, m, u8::try_from(d).ok()?).ok()?;
                Found::new((d, d), Precision::Day, next)
            }
            None => Found::new(
                (
                    Day::first_of_month(y, m).ok()?,
                    Day::last_of_month(y, m).ok()?,
                ),
                Precision::Month,
                next,
            ),
        });
    }
    let m = solar_month(key)?;
    if c.is(yi, &["ماه"]) {
        yi += 1;
    }
    let t = c.toks.get(yi)?;
    let y = match (t.digits(), t.value()?) {
        (4, y) if year_calendar(y) == Some(Cal::Solar) => y,
        (2, y) => {
            if y >= 40 {
                1300 + y
            } else {
                1400 + y
            }
        }
        _ => return None,
    };
    let y = i32::try_from(y).ok()?;
    let (_, next) = c.calendar_word(yi + 1);
    Some(match day {
        Some(d) => {
            let d = Day::from_solar_hijri(y, m, u8::try_from(d).ok()?).ok()?;
            Found::new((d, d), Precision::Day, next)
        }
        None => Found::new(solar_month_interval(y, m)?, Precision::Month, next),
    })
}

/// Numeric dates: «۱۴۰۳/۰۷/۱۲», «1403/7/12», «2024/03/20», «2024-03-20».
fn numeric_date(c: &Ctx, i: usize) -> Option<Found> {
    let t = c.toks.get(i)?;
    if t.kind != Kind::Num {
        return None;
    }
    let (parts, next): (Vec<&str>, usize) = if t.key.contains('/') {
        (t.key.split('/').collect(), i + 1)
    } else if c.key(i + 1) == "-"
        && c.key(i + 3) == "-"
        && c.toks.get(i + 2).is_some_and(|t| t.kind == Kind::Num)
        && c.toks.get(i + 4).is_some_and(|t| t.kind == Kind::Num)
    {
        (vec![c.key(i), c.key(i + 2), c.key(i + 4)], i + 5)
    } else {
        return None;
    };
    let [y, m, d] = parts[..] else { return None };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let (y, m, d): (u32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let day = match year_calendar(y)? {
        Cal::Gregorian => Day::new(i32::try_from(y).ok()?, m, d).ok()?,
        Cal::Solar => Day::from_solar_hijri(i32::try_from(y).ok()?, m, d).ok()?,
    };
    Some(Found::new((day, day), Precision::Day, next))
}

/// Seasons: «پاییز ۲۰۲۲» (approximate, astronomical), «بهار ۱۴۰۲» (exact Solar Hijri months).
fn season(c: &Ctx, i: usize) -> Option<Found> {
    let s = ["بهار", "تابستان", "پاییز", "زمستان"]
        .iter()
        .position(|&w| c.key(i) == w)?;
    let mut yi = i + 1;
    if c.is(yi, &["سال"]) {
        yi += 1;
    }
    let (y, cal) = c.year4(yi)?;
    let y = i32::try_from(y).ok()?;
    let (_, next) = c.calendar_word(yi + 1);
    let s8 = u8::try_from(s).ok()?;
    Some(match cal {
        Cal::Solar => {
            let (start, _) = solar_month_interval(y, 1 + s8 * 3)?;
            let (_, end) = solar_month_interval(y, 3 + s8 * 3)?;
            Found::new((start, end), Precision::Season, next)
        }
        Cal::Gregorian => {
            let (a, b) = match s {
                0 => (Day::new(y, 3, 20).ok()?, Day::new(y, 6, 20).ok()?),
                1 => (Day::new(y, 6, 21).ok()?, Day::new(y, 9, 22).ok()?),
                2 => (Day::new(y, 9, 23).ok()?, Day::new(y, 12, 21).ok()?),
                _ => (Day::new(y, 12, 22).ok()?, Day::new(y + 1, 3, 19).ok()?),
            };
            let mut f = Found::new((a, b), Precision::Season, next);
            f.approximate = true;
            f
        }
    })
}

/// Decades and their parts: «دهه ۱۹۹۰», «دهه ۹۰ میلادی», «دهه ۶۰ شمسی», «اواخر دهه ۲۰۰۰».
fn decade(c: &Ctx, i: usize) -> Option<Found> {
    let (part, di) = match c.key(i) {
        "اوایل" | "اواءل" => (Some(0..=3), i + 1),
        "اواسط" => (Some(4..=6), i + 1),
        "اواخر" => (Some(7..=9), i + 1),
        _ => (None, i),
    };
    if !c.is(di, &["دهه"]) {
        return None;
    }
    let t = c.toks.get(di + 1)?;
    let v = t.value()?;
    let (hint, next) = c.calendar_word(di + 2);
    let (first, cal) = match t.digits() {
        4 if v % 10 == 0 => (v, year_calendar(v)?),
        2 | 1 if v % 10 == 0 => match hint {
            Some(Cal::Gregorian) => (1900 + v, Cal::Gregorian),
            _ => (1300 + v, Cal::Solar),
        },
        _ => return None,
    };
    let (a, b) = part.clone().map_or((0, 9), |p| (*p.start(), *p.end()));
    let (start, _) = year_interval(first + a, cal)?;
    let (_, end) = year_interval(first + b, cal)?;
    let mut f = Found::new(
        (start, end),
        if part.is_some() {
            Precision::PartOfDecade
        } else {
            Precision::Decade
        },
        next,
    );
    f.approximate = part.is_some();
    Some(f)
}

/// A year: «سال ۲۰۱۹», «سال ۱۳۹۹», «سال ۹۶», or a bare plausible 4-digit year not followed
/// by a unit («۲۰۲۴»).
fn year(c: &Ctx, i: usize) -> Option<Found> {
    let has_sal = c.is(i, &["سال"]);
    let yi = if has_sal { i + 1 } else { i };
    let t = c.toks.get(yi)?;
    let v = t.value()?;
    let (hint, next) = c.calendar_word(yi + 1);
    let (y, cal) = match t.digits() {
        4 => {
            let cal = year_calendar(v)?;
            if hint.is_some_and(|h| h != cal) {
                return None;
            }
            (v, cal)
        }
        2 if has_sal && hint != Some(Cal::Gregorian) => {
            (if v >= 40 { 1300 + v } else { 1400 + v }, Cal::Solar)
        }
        _ => return None,
    };
    if !has_sal && (c.followed_by_unit(yi + 1) || c.key(yi + 1) == "/") {
        return None;
    }
    Some(Found::new(year_interval(y, cal)?, Precision::Year, next))
}

/// One absolute date at `i`, the longest form first.
fn absolute(c: &Ctx, i: usize) -> Option<Found> {
    numeric_date(c, i)
        .or_else(|| month_date(c, i))
        .or_else(|| season(c, i))
        .or_else(|| decade(c, i))
        .or_else(|| year(c, i))
}

/// A range: «نوامبر ۲۰۲۱ تا مارس ۲۰۲۲», «۲۰۰۰-۲۰۰۴», «از ۲۰۰۸ تا ۲۰۱۰»,
/// «سال‌های ۲۰۲۱ و ۲۰۲۲», «دهه‌های ۱۹۸۰ و ۱۹۹۰».
fn range(c: &Ctx, i: usize) -> Option<Found> {
    let plural_sal = c.is(i, &["سالهای"]);
    let plural_dahe = c.is(i, &["دهههای"]);
    let az = c.is(i, &["از"]);
    let si = if plural_sal || plural_dahe || az {
        i + 1
    } else {
        i
    };
    let first = if plural_dahe {
        // «دهه‌های X و Y»: treat each number as a decade.
        let v = c.year4(si)?;
        let (s, _) = year_interval(v.0, v.1)?;
        Found::new((s, s), Precision::Decade, si + 1)
    } else if plural_sal {
        let (y, cal) = c.year4(si)?;
        Found::new(year_interval(y, cal)?, Precision::Year, si + 1)
    } else {
        absolute(c, si)?
    };
    let sep = c.key(first.next);
    let ok_sep = match sep {
        "تا" => true,
        "-" | "–" | "—" => !az,
        "و" => plural_sal || plural_dahe,
        _ => false,
    };
    if !ok_sep {
        return None;
    }
    let j = first.next + 1;
    let second = if plural_dahe {
        let (v, cal) = c.year4(j)?;
        let (_, e) = year_interval(v + 9, cal)?;
        Found::new((e, e), Precision::Decade, j + 1)
    } else if plural_sal || first.precision == Precision::Year {
        let (y, cal) = c.year4(j)?;
        let mut f = Found::new(year_interval(y, cal)?, Precision::Year, j + 1);
        let (_, next) = c.calendar_word(j + 1);
        f.next = next;
        f
    } else {
        absolute(c, j)?
    };
    if second.end < first.start
        || (first.precision == Precision::Year && second.end.year - first.start.year > 300)
    {
        return None;
    }
    let mut f = Found::new((first.start, second.end), Precision::Range, second.next);
    f.approximate = first.approximate || second.approximate;
    Some(f)
}

fn month_shift(d: Day, months: i64) -> Option<(Day, Day)> {
    let total = i64::from(d.year) * 12 + i64::from(d.month) - 1 + months;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = u8::try_from(total.rem_euclid(12) + 1).ok()?;
    Some((
        Day::first_of_month(y, m).ok()?,
        Day::last_of_month(y, m).ok()?,
    ))
}

/// References relative to the last date: «همان سال», «نوامبر همان سال», «یک ماه بعد»,
/// «سال بعد», «دو سال پیش», «سه روز بعد».
fn relative(c: &Ctx, i: usize) -> Option<Found> {
    let last = c.last?;
    let base = last.start;
    // «همان سال», «همین سال», «همان ماه»
    if c.is(i, &["همان", "همین"]) {
        if c.is(i + 1, &["سال"]) {
            return Some(Found::new(
                year_interval(u32::try_from(base.year).ok()?, Cal::Gregorian)?,
                Precision::Year,
                i + 2,
            ));
        }
        if c.is(i + 1, &["ماه"]) {
            return Some(Found::new(month_shift(base, 0)?, Precision::Month, i + 2));
        }
        return None;
    }
    // «نوامبر همان سال»
    if let Some(m) = gregorian_month(c.key(i)) {
        if c.is(i + 1, &["همان", "همین"]) && c.is(i + 2, &["سال"]) {
            let y = base.year;
            return Some(Found::new(
                (
                    Day::first_of_month(y, m).ok()?,
                    Day::last_of_month(y, m).ok()?,
                ),
                Precision::Month,
                i + 3,
            ));
        }
        return None;
    }
    // «[N] سال/ماه/روز بعد/پیش/قبل»
    let (n, ui) = match (c.num(i), number_word(c.key(i))) {
        (Some(v), _) if c.toks[i].digits() <= 2 => (i64::from(v), i + 1),
        (_, Some(v)) => (v, i + 1),
        _ => (1, i),
    };
    let unit = c.key(ui);
    if !matches!(unit, "سال" | "ماه" | "روز") {
        return None;
    }
    let dir = c.key(ui + 1);
    let sign = match dir {
        "بعد" | "بعدتر" => 1,
        "پیش" | "قبل" => -1,
        _ => return None,
    };
    if c.is(ui + 2, &["از"]) {
        return None; // «دو سال پیش از انقلاب»: relative to something else
    }
    if ui == i && unit != "سال" {
        return None; // «ماه بعد» alone is too vague
    }
    let next = ui + 2;
    let mut f = match unit {
        "سال" => {
            let y = u32::try_from(i64::from(base.year) + sign * n).ok()?;
            Found::new(year_interval(y, Cal::Gregorian)?, Precision::Year, next)
        }
        "ماه" => Found::new(month_shift(base, sign * n)?, Precision::Month, next),
        _ => {
            let d = base.add_days(sign * n);
            Found::new((d, d), Precision::Day, next)
        }
    };
    f.approximate = ui != i || unit != "سال";
    Some(f)
}

/// Words (folded) other than month names and number words that may start a date.
const STARTS: [&str; 22] = [
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
];

/// Every word that may start a date: [`STARTS`], month names and number words.
static START_WORDS: LazyLock<HashSet<&'static str, WordBuild>> = LazyLock::new(|| {
    let months = GREGORIAN.iter().chain(SOLAR.iter()).flat_map(|n| n.iter());
    STARTS
        .iter()
        .chain(months)
        .chain(NUMBER_WORDS.iter())
        .copied()
        .collect()
});

/// Whether a date expression can start at this token (a cheap filter before parsing).
fn may_start(t: &Tok) -> bool {
    match t.kind {
        Kind::Num => true,
        Kind::Punct => false,
        Kind::Word => {
            let k = t.key.as_ref();
            // A Solar Hijri month may be written with «ماه» joined to it: «مهرماه».
            START_WORDS.contains(k) || (k.ends_with("ماه") && solar_month(k).is_some())
        }
    }
}

impl Tagger {
    /// Finds the dates in `text`, in order, non-overlapping.
    pub fn tag(&mut self, text: &str) -> Vec<TaggedDate> {
        let toks = tokenize(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !may_start(&toks[i]) {
                i += 1;
                continue;
            }
            let found = {
                let c = Ctx {
                    toks: &toks,
                    last: self.last.as_ref(),
                };
                // «حدود»: approximate.
                let about = c.is(i, &["حدود", "حدودا", "حوالی"]);
                let at = if about { i + 1 } else { i };
                let f = range(&c, at)
                    .or_else(|| absolute(&c, at))
                    .or_else(|| relative(&c, at));
                f.map(|mut f| {
                    f.approximate |= about;
                    (i, f)
                })
            };
            match found {
                Some((from, f)) if f.next > from => {
                    let range = toks[from].range.start..toks[f.next - 1].range.end;
                    let mut date =
                        FuzzyDate::new(f.start, f.end, f.precision, &text[range.clone()]);
                    date.approximate = f.approximate;
                    self.last = Some(date.clone());
                    out.push(TaggedDate { range, date });
                    i = f.next;
                }
                _ => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// (text, [(wording, start, end, precision, approximate)])
    fn check(text: &str, expected: &[(&str, &str, &str, Precision, bool)]) {
        let got = tag_dates(text);
        let got: Vec<(String, String, String, Precision, bool)> = got
            .iter()
            .map(|t| {
                assert_eq!(
                    t.date.wording,
                    &text[t.range.clone()],
                    "wording of «{text}»"
                );
                (
                    t.date.wording.clone(),
                    t.date.start.to_string(),
                    t.date.end.to_string(),
                    t.date.precision,
                    t.date.approximate,
                )
            })
            .collect();
        let want: Vec<(String, String, String, Precision, bool)> = expected
            .iter()
            .map(|&(w, s, e, p, a)| (w.to_owned(), s.to_owned(), e.to_owned(), p, a))
            .collect();
        assert_eq!(got, want, "dates in «{text}»");
    }

    #[test]
    fn gregorian_months() {
        use Precision::*;
        for (text, exp) in [
            (
                "در دسامبر ۲۰۲۳، گزارش‌ها",
                vec![("دسامبر ۲۰۲۳", "2023-12-01", "2023-12-31", Month, false)],
            ),
            (
                "در فوریه ۲۰۲۴ و فبریه 2023",
                vec![
                    ("فوریه ۲۰۲۴", "2024-02-01", "2024-02-29", Month, false),
                    ("فبریه 2023", "2023-02-01", "2023-02-28", Month, false),
                ],
            ),
            (
                "ژانويه ۲۰۲۰",
                vec![("ژانويه ۲۰۲۰", "2020-01-01", "2020-01-31", Month, false)],
            ),
            (
                "۲۷ سپتامبر ۲۰۲۰",
                vec![("۲۷ سپتامبر ۲۰۲۰", "2020-09-27", "2020-09-27", Day, false)],
            ),
            (
                "آپریل ۲۰۱۹",
                vec![("آپریل ۲۰۱۹", "2019-04-01", "2019-04-30", Month, false)],
            ),
            (
                "مى ۲۰۱۹ و مه ۲۰۱۸",
                vec![
                    ("مى ۲۰۱۹", "2019-05-01", "2019-05-31", Month, false),
                    ("مه ۲۰۱۸", "2018-05-01", "2018-05-31", Month, false),
                ],
            ),
            (
                "ژوئن ۲۰۱۲ و جولای ۲۰۱۲",
                vec![
                    ("ژوئن ۲۰۱۲", "2012-06-01", "2012-06-30", Month, false),
                    ("جولای ۲۰۱۲", "2012-07-01", "2012-07-31", Month, false),
                ],
            ),
            (
                "ژوئیه ۲۰۲۴",
                vec![("ژوئیه ۲۰۲۴", "2024-07-01", "2024-07-31", Month, false)],
            ),
            (
                "اوت ۲۰۲۱ یا آگوست ۲۰۲۱",
                vec![
                    ("اوت ۲۰۲۱", "2021-08-01", "2021-08-31", Month, false),
                    ("آگوست ۲۰۲۱", "2021-08-01", "2021-08-31", Month, false),
                ],
            ),
            (
                "اکتوبر ۲۰۲۲، نوامبر 2022",
                vec![
                    ("اکتوبر ۲۰۲۲", "2022-10-01", "2022-10-31", Month, false),
                    ("نوامبر 2022", "2022-11-01", "2022-11-30", Month, false),
                ],
            ),
            (
                "مارس ۲۰۲۲",
                vec![("مارس ۲۰۲۲", "2022-03-01", "2022-03-31", Month, false)],
            ),
            // No 31 February: the month alone is found.
            (
                "۳۱ فوریه ۲۰۲۳",
                vec![("فوریه ۲۰۲۳", "2023-02-01", "2023-02-28", Month, false)],
            ),
        ] {
            check(text, &exp);
        }
    }

    #[test]
    fn solar_hijri() {
        use Precision::*;
        for (text, exp) in [
            (
                "۱۲ مهر ۱۴۰۳",
                vec![("۱۲ مهر ۱۴۰۳", "2024-10-03", "2024-10-03", Day, false)],
            ),
            (
                "مهر ۱۴۰۳",
                vec![("مهر ۱۴۰۳", "2024-09-22", "2024-10-21", Month, false)],
            ),
            (
                "۱۴۰۳/۰۷/۱۲",
                vec![("۱۴۰۳/۰۷/۱۲", "2024-10-03", "2024-10-03", Day, false)],
            ),
            (
                "1403/7/12",
                vec![("1403/7/12", "2024-10-03", "2024-10-03", Day, false)],
            ),
            (
                "۲۴ مرداد ۱۳۹۶ - ۱۹:۴۰",
                vec![("۲۴ مرداد ۱۳۹۶", "2017-08-15", "2017-08-15", Day, false)],
            ),
            (
                "سال ۱۳۹۹",
                vec![("سال ۱۳۹۹", "2020-03-20", "2021-03-20", Year, false)],
            ),
            (
                "در سال ۹۶",
                vec![("سال ۹۶", "2017-03-21", "2018-03-20", Year, false)],
            ),
            (
                "اسفندماه ۱۴۰۲",
                vec![("اسفندماه ۱۴۰۲", "2024-02-20", "2024-03-19", Month, false)],
            ),
            (
                "2024/03/20",
                vec![("2024/03/20", "2024-03-20", "2024-03-20", Day, false)],
            ),
        ] {
            check(text, &exp);
        }
    }

    #[test]
    fn years_decades_seasons_ranges() {
        use Precision::*;
        for (text, exp) in [
            (
                "در سال ۲۰۱۹، اسرائیل",
                vec![("سال ۲۰۱۹", "2019-01-01", "2019-12-31", Year, false)],
            ),
            (
                "در اوج جنگ ۲۰۲۴، آذربایجان",
                vec![("۲۰۲۴", "2024-01-01", "2024-12-31", Year, false)],
            ),
            ("بیش از ۳۰۰۰ نفر و ۲۰۲۴ درصد", vec![]),
            (
                "از دهه ۱۹۹۰، آذربایجان",
                vec![("دهه ۱۹۹۰", "1990-01-01", "1999-12-31", Decade, false)],
            ),
            (
                "دهه ۹۰ میلادی",
                vec![("دهه ۹۰ میلادی", "1990-01-01", "1999-12-31", Decade, false)],
            ),
            (
                "دهه ۶۰ شمسی",
                vec![("دهه ۶۰ شمسی", "1981-03-21", "1991-03-20", Decade, false)],
            ),
            (
                "از اواخر دهه ۲۰۰۰،",
                vec![(
                    "اواخر دهه ۲۰۰۰",
                    "2007-01-01",
                    "2009-12-31",
                    PartOfDecade,
                    true,
                )],
            ),
            (
                "اوایل دهه ۲۰۰۰",
                vec![(
                    "اوایل دهه ۲۰۰۰",
                    "2000-01-01",
                    "2003-12-31",
                    PartOfDecade,
                    true,
                )],
            ),
            (
                "اواسط دهه ۲۰۰۰",
                vec![(
                    "اواسط دهه ۲۰۰۰",
                    "2004-01-01",
                    "2006-12-31",
                    PartOfDecade,
                    true,
                )],
            ),
            (
                "در پاییز ۲۰۲۲ اشاره",
                vec![("پاییز ۲۰۲۲", "2022-09-23", "2022-12-21", Season, true)],
            ),
            (
                "بهار ۱۴۰۲",
                vec![("بهار ۱۴۰۲", "2023-03-21", "2023-06-21", Season, false)],
            ),
            (
                "انتفاضه دوم (۲۰۰۰-۲۰۰۴)،",
                vec![("۲۰۰۰-۲۰۰۴", "2000-01-01", "2004-12-31", Range, false)],
            ),
            (
                "(۱۹۱۸-۱۹۲۰)",
                vec![("۱۹۱۸-۱۹۲۰", "1918-01-01", "1920-12-31", Range, false)],
            ),
            (
                "در نوامبر ۲۰۲۱ تا مارس ۲۰۲۲ شد",
                vec![(
                    "نوامبر ۲۰۲۱ تا مارس ۲۰۲۲",
                    "2021-11-01",
                    "2022-03-31",
                    Range,
                    false,
                )],
            ),
            (
                "از ۲۰۰۸ تا ۲۰۱۰",
                vec![("از ۲۰۰۸ تا ۲۰۱۰", "2008-01-01", "2010-12-31", Range, false)],
            ),
            (
                "در سال‌های ۲۰۲۱ و ۲۰۲۲، سپاه",
                vec![(
                    "سال‌های ۲۰۲۱ و ۲۰۲۲",
                    "2021-01-01",
                    "2022-12-31",
                    Range,
                    false,
                )],
            ),
            ("۶۰ تا ۶۹ درصد", vec![]),
            (
                "حدود سال ۲۰۱۰",
                vec![("حدود سال ۲۰۱۰", "2010-01-01", "2010-12-31", Year, true)],
            ),
        ] {
            check(text, &exp);
        }
    }

    #[test]
    fn relative_references() {
        use Precision::*;
        for (text, exp) in [
            (
                "در اکتبر ۲۰۲۴ تأکید کرد. در نوامبر همان سال، واینت",
                vec![
                    ("اکتبر ۲۰۲۴", "2024-10-01", "2024-10-31", Month, false),
                    ("نوامبر همان سال", "2024-11-01", "2024-11-30", Month, false),
                ],
            ),
            (
                "در اکتبر ۲۰۲۲، بنی گانتز تأکید کرد. یک ماه بعد، آذربایجان",
                vec![
                    ("اکتبر ۲۰۲۲", "2022-10-01", "2022-10-31", Month, false),
                    ("یک ماه بعد", "2022-11-01", "2022-11-30", Month, true),
                ],
            ),
            (
                "در ژوئن ۲۰۱۲، وب‌سایت. در همان سال، مؤسسه",
                vec![
                    ("ژوئن ۲۰۱۲", "2012-06-01", "2012-06-30", Month, false),
                    ("همان سال", "2012-01-01", "2012-12-31", Year, false),
                ],
            ),
            (
                "سال ۲۰۱۵ بود و سال بعد و دو سال پیش",
                vec![
                    ("سال ۲۰۱۵", "2015-01-01", "2015-12-31", Year, false),
                    ("سال بعد", "2016-01-01", "2016-12-31", Year, false),
                    ("دو سال پیش", "2014-01-01", "2014-12-31", Year, true),
                ],
            ),
            ("یک ماه بعد بدون تاریخ", vec![]),
            (
                "یک قرن پیش از پیمان و دو سال پیش از انقلاب در ۲۰۱۰",
                vec![("۲۰۱۰", "2010-01-01", "2010-12-31", Year, false)],
            ),
        ] {
            check(text, &exp);
        }
    }

    #[test]
    fn seed_trap_split_month_after_repair() {
        // «ا کتبر ۲۰۲۴» is found once the repair joins it.
        let fixed = crate::persian::repair::normalize("در ا کتبر ۲۰۲۴ بار دیگر");
        check(
            &fixed,
            &[(
                "اکتبر ۲۰۲۴",
                "2024-10-01",
                "2024-10-31",
                Precision::Month,
                false,
            )],
        );
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,80}") {
            for t in tag_dates(&s) {
                prop_assert_eq!(&t.date.wording, &s[t.range.clone()]);
                prop_assert!(t.date.start <= t.date.end);
            }
        }

        #[test]
        fn dateish_text(s in "(در|سال|دهه|اواخر|همان|یک|ماه|بعد|پیش|تا|و|-|/|مهر|نوامبر|پاییز|[۰-۹]{1,4}|[0-9]{1,4}| ){0,12}") {
            for t in tag_dates(&s) {
                prop_assert_eq!(&t.date.wording, &s[t.range.clone()]);
                prop_assert!(t.date.start <= t.date.end);
            }
        }
    }
}
