//! Absolute forms: numeric dates and timestamps, a day and month in any calendar (with
//! ordinal days, fillers «ماه»/«سال», glosses in a second calendar and years inherited
//! from the context), months, seasons, years (with calendar words, two-digit and lunar
//! years), decades and their parts, centuries, and ranges of any of these.

use crate::model::{Day, FuzzyDate, Precision};

use super::calendars::{self as cals, Cal, year_calendar};
use super::context::{DocContext, habitual, past_tense};
use super::tokens::{Kind, Tok};
use super::words;

/// A parsed date before its wording is attached.
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub start: Day,
    pub end: Day,
    pub precision: Precision,
    pub approximate: bool,
    /// Token index one past the last token used.
    pub next: usize,
    /// How the reading was chosen (see [`FuzzyDate::note`]).
    pub note: String,
    /// A publication date («تاریخ انتشار: …», a timestamp).
    pub dateline: bool,
    /// The calendar of a year the wording states outright.
    pub cal: Option<Cal>,
}

impl Found {
    pub fn new((start, end): (Day, Day), precision: Precision, next: usize) -> Self {
        Self {
            start,
            end,
            precision,
            approximate: false,
            next,
            note: String::new(),
            dateline: false,
            cal: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }
}

/// What the rules read: the tokens, the last date found, the document context and the
/// last explicit year of the section.
pub(super) struct Ctx<'a> {
    pub toks: &'a [Tok<'a>],
    pub last: Option<&'a FuzzyDate>,
    pub doc: &'a DocContext,
    /// The last year the text stated outright: (year, calendar, its token index in this
    /// text if it is in this text).
    pub year_hint: Option<(i32, Cal, Option<usize>)>,
}

impl Ctx<'_> {
    pub fn key(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.key.as_ref())
    }

    pub fn is(&self, i: usize, words: &[&str]) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind != Kind::Num && words.contains(&t.key.as_ref()))
    }

    pub fn num(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(Tok::value)
    }

    pub fn digits(&self, i: usize) -> usize {
        self.toks.get(i).map_or(0, Tok::digits)
    }

    /// Whether tokens `i` and `i + 1` touch (no space between).
    pub fn touching(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.range.end == b.range.start,
            _ => false,
        }
    }

    pub fn followed_by_unit(&self, i: usize) -> bool {
        self.is(i, &words::UNITS)
    }

    /// Optional calendar word(s) at `i`: (calendar, next index).
    pub fn calendar_word(&self, i: usize) -> (Option<Cal>, usize) {
        let k = self.key(i);
        match k {
            "میلادی" => (Some(Cal::Gregorian), i + 1),
            "م" if self.key(i + 1) == "." => (Some(Cal::Gregorian), i + 2),
            "شمسی" | "خورشیدی" => (Some(Cal::Solar), i + 1),
            "قمری" => (Some(Cal::Lunar), i + 1),
            "هجری" => match self.key(i + 1) {
                "شمسی" | "خورشیدی" => (Some(Cal::Solar), i + 2),
                "قمری" => (Some(Cal::Lunar), i + 2),
                _ => (Some(Cal::Lunar), i + 1),
            },
            // «ه.ق.», «ه.ش.», «ه ق», «هـ.ق»
            "ه" | "هق" | "هش" => {
                let mut j = i + 1;
                if self.key(j) == "." {
                    j += 1;
                }
                let cal = match (k, self.key(j)) {
                    ("هق", _) => Some(Cal::Lunar),
                    ("هش", _) => Some(Cal::Solar),
                    (_, "ق") => Some(Cal::Lunar),
                    (_, "ش") => Some(Cal::Solar),
                    _ => None,
                };
                match cal {
                    Some(c) => {
                        let mut n = if k == "ه" { j + 1 } else { i + 1 };
                        if self.key(n) == "." {
                            n += 1;
                        }
                        (Some(c), n)
                    }
                    None => (None, i),
                }
            }
            _ => (None, i),
        }
    }

    /// The year a day or month without one takes, and why: the year stated earlier in the
    /// block, else the document date's year (the year before when the date would fall after
    /// the document date in a past-tense sentence), else `None` (undated).
    pub fn inherit_year(
        &self,
        cal: Cal,
        month: u8,
        interval: impl Fn(i32) -> Option<(Day, Day)>,
        sentence_from: usize,
    ) -> Option<((Day, Day), String)> {
        // With a document date, only a year stated earlier in the same sentence tells that
        // the sentence is telling history.
        let hint = self
            .year_hint
            .filter(|&(_, _, at)| match (self.doc.date, at) {
                (None, _) => true,
                (Some(_), None) => false,
                // (A sentence is taken to be shorter than 120 tokens: this stays linear.)
                (Some(_), Some(p)) => {
                    let end = sentence_from.min(self.toks.len());
                    end.saturating_sub(p) < 120
                        && self.toks[p.min(end)..end]
                            .iter()
                            .all(|t| !matches!(t.key.as_ref(), "." | "؟" | "!" | "؛"))
                }
            });
        if let Some((hy, hcal, _)) = hint {
            let y = match (hcal, cal) {
                (a, b) if a == b => Some(hy),
                (Cal::Gregorian, Cal::Solar) => Some(hy - if month <= 9 { 621 } else { 622 }),
                (Cal::Solar, Cal::Gregorian) => Some(hy + if month >= 4 { 621 } else { 622 }),
                _ => None,
            };
            // A history told in the block wins over the dateline when it is not this year.
            let doc_y = self.doc.date.map(|d| cals::year_of(d, cal));
            if let Some(y) = y.filter(|y| doc_y != Some(*y)) {
                return interval(y).map(|iv| (iv, format!("year {y} from the text before")));
            }
        }
        let doc = self.doc.date?;
        let y = cals::year_of(doc, cal);
        let iv = interval(y)?;
        // Two weeks of slack: news announces what comes in the next days.
        if iv.0 > doc.add_days(14) && past_tense(self.toks, sentence_from) == Some(true) {
            let prev = interval(y - 1)?;
            return Some((
                prev,
                format!("year {}: past tense, before the document date", y - 1),
            ));
        }
        Some((iv, format!("year {y} of the document date")))
    }

    /// A year word group after a month or season: «امسال», «سال جاری», «پارسال»,
    /// «سال گذشته», «سال قبل», «سال آینده», «آینده», «گذشته»: (offset from the document
    /// year, next index).
    pub fn year_word(&self, i: usize) -> Option<(i32, usize)> {
        match self.key(i) {
            "امسال" => Some((0, i + 1)),
            "پارسال" => Some((-1, i + 1)),
            "سال" => match self.key(i + 1) {
                "جاری" | "جار" => Some((0, i + 2)),
                "گذشته" | "قبل" | "پیش" => Some((-1, i + 2)),
                "اینده" | "بعد" => Some((1, i + 2)),
                _ => None,
            },
            "اینده" => Some((1, i + 1)),
            "گذشته" => Some((-1, i + 1)),
            _ => None,
        }
    }
}

/// Two-digit year in `cal`: Solar «۵۷» → 1357, «۰۲» → 1402; Gregorian «۹۰» → 1990.
pub(super) fn two_digit_year(v: u32, cal: Cal, doc: Option<Day>) -> Option<u32> {
    match cal {
        Cal::Solar => {
            let y = if v >= 40 { 1300 + v } else { 1400 + v };
            let limit = doc.map_or(1410, |d| {
                u32::try_from(d.to_solar_hijri().0 + 5).unwrap_or(1410)
            });
            (y <= limit).then_some(y)
        }
        Cal::Gregorian => {
            let y = if v >= 30 { 1900 + v } else { 2000 + v };
            let limit = doc.map_or(2030, |d| u32::try_from(d.year + 5).unwrap_or(2030));
            (y <= limit).then_some(y)
        }
        Cal::Lunar => None,
    }
}

/// Numeric dates: «۱۴۰۳/۰۷/۱۲», «2024/03/20», «1403-11-02» (also with a time after,
/// which makes it a timestamp: a dateline). Not inside a path or URL.
fn numeric_date(c: &Ctx, i: usize) -> Option<Found> {
    let t = c.toks.get(i)?;
    if t.kind != Kind::Num {
        return None;
    }
    // Inside a path: «…/2016/01/19/…».
    if i > 0 && c.key(i - 1) == "/" && c.touching(i - 1) {
        return None;
    }
    let sep = c.key(i + 1);
    let (parts, next): (Vec<&str>, usize) = if t.key.contains('/') {
        (t.key.split('/').collect(), i + 1)
    } else if matches!(sep, "-" | ".")
        && c.key(i + 3) == sep
        && c.touching(i)
        && c.touching(i + 2)
        && c.toks.get(i + 2).is_some_and(|t| t.kind == Kind::Num)
        && c.toks.get(i + 4).is_some_and(|t| t.kind == Kind::Num)
    {
        (vec![c.key(i), c.key(i + 2), c.key(i + 4)], i + 5)
    } else {
        return None;
    };
    if c.key(next) == "/" && c.touching(next - 1) {
        return None;
    }
    let [mut y, m, mut d] = parts[..] else {
        return None;
    };
    // «۱۲/۰۷/۱۴۰۳»: day first, for Solar years only (a Gregorian «05/09/2025» may be
    // either order).
    if d.len() == 4 && y.len() <= 2 && d.starts_with('1') && matches!(&d[..2], "13" | "14") {
        std::mem::swap(&mut y, &mut d);
    }
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let (y, m, d): (u32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let cal = year_calendar(y)?;
    let day = cals::day(i32::try_from(y).ok()?, m, d, cal)?;
    let mut f = Found::new((day, day), Precision::Day, next);
    // A time right after («11:30», «- ۰۹:۳۵») makes it a timestamp.
    let ti = if c.key(next) == "-" { next + 1 } else { next };
    f.dateline = c.num(ti).is_some() && c.key(ti + 1) == ":";
    Some(f)
}

/// A day at `i`: a number 1..=31 (not a quantity) or an ordinal word: (day, next).
fn day_at(c: &Ctx, i: usize) -> Option<(u32, usize)> {
    if let Some(d) = c.num(i) {
        // The minutes of a time («۱۸:۲۹») or the number after a decimal point.
        if i > 0 && matches!(c.key(i - 1), ":" | ".") && c.touching(i - 1) {
            return None;
        }
        if (1..=31).contains(&d) && c.digits(i) <= 2 {
            return Some((d, i + 1));
        }
        return None;
    }
    words::ordinal_day(c.toks, i)
}

/// A month name at `i` in any calendar (lunar names may be two words): (cal, month, next).
fn month_at(c: &Ctx, i: usize) -> Option<(Cal, u8, usize)> {
    let t = c.toks.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    if let Some((cal, m)) = words::any_month(&t.key) {
        // «ربیع» alone is not a month; «ماه ربیع الاول» is.
        return Some((cal, m, i + 1));
    }
    let m = words::lunar_two_words(&t.key, c.key(i + 1))?;
    Some((Cal::Lunar, m, i + 2))
}

/// A year after a month or day: «۱۴۰۳», «۵۷», «سال ۲۰۰۲ میلادی», «۱۴۴۵ ه.ق.»:
/// (year, calendar it is written in, next).
fn year_after(c: &Ctx, i: usize, month_cal: Cal) -> Option<(i32, Cal, usize)> {
    let mut yi = i;
    if c.is(yi, &["سال"]) {
        yi += 1;
    }
    let t = c.toks.get(yi)?;
    let v = t.value()?;
    if t.digits() < 4 && c.followed_by_unit(yi + 1) {
        return None;
    }
    let (hint, next) = c.calendar_word(yi + 1);
    let y = match t.digits() {
        4 => {
            let cal = hint.or_else(|| year_calendar(v)).unwrap_or(month_cal);
            if month_cal == Cal::Lunar && cal != Cal::Lunar && hint.is_none() {
                return Some((i32::try_from(v).ok()?, Cal::Lunar, next));
            }
            return Some((i32::try_from(v).ok()?, cal, next));
        }
        2 if month_cal != Cal::Lunar => two_digit_year(v, month_cal, c.doc.date)?,
        1..=3 if hint.is_some() => v,
        _ => return None,
    };
    Some((i32::try_from(y).ok()?, hint.unwrap_or(month_cal), next))
}

/// A second-calendar gloss of the same day, swallowed: «(۱۴ آبان)», «/۱۹ شهریور»,
/// «، ۵ سپتامبر», «۱۹ شهریور ماه» right after. Returns the index after it.
fn gloss(c: &Ctx, i: usize, cal: Cal) -> usize {
    let (open, j) = match c.key(i) {
        "(" => (true, i + 1),
        "/" | "،" | "-" | "," => (false, i + 1),
        _ => (false, i),
    };
    let Some((_, mj)) = day_at(c, j) else {
        return i;
    };
    let Some((mcal, _, mut k)) = month_at(c, mj) else {
        return i;
    };
    if mcal == cal {
        return i;
    }
    if c.is(k, &["ماه"]) {
        k += 1;
    }
    if open {
        if c.key(k) != ")" {
            return i;
        }
        k += 1;
    }
    k
}

/// A day and month (and year), or a month and year, in words: «۱۲ مهر ۱۴۰۳»,
/// «دوازدهم بهمن ماه سال ۱۳۵۷», «پنجم ماه ژوئن (۱۶ خرداد) ۱۹۴۷», «۲۷ سپتامبر ۲۰۲۰»,
/// «۱۵ رمضان ۱۴۴۵», «مهرماه ۹۹», «سپتامبر سال ۲۰۰۲ میلادی», «۱۷ بهمن امسال»; a weekday
/// before is part of it («دوشنبه ۱۷ شهریور ۱۴۰۴», «روز دوشنبه (۲۷ آبان)»); `paren_out`
/// says a parenthesis was opened after the weekday.
fn month_date_inner(c: &Ctx, i: usize, paren_out: &mut bool) -> Option<Found> {
    let mut at = i;
    // «امروز شنبه ۲۱ تیر ۱۴۰۴»: the deictic word names the same day.
    if c.is(at, &["امروز", "دیروز"])
        && (words::weekday_at(c.toks, at + 1).is_some() || day_at(c, at + 1).is_some())
    {
        at += 1;
    }
    // «روز جمعه - ۱۴ شهریور», «دوشنبه ۱۷ شهریور»
    if c.is(at, &["روز"]) && words::weekday_at(c.toks, at + 1).is_some() {
        at += 1;
    }
    if let Some((_, after)) = words::weekday_at(c.toks, at) {
        at = after;
        match c.key(at) {
            "-" | "،" | "," => at += 1,
            "(" => {
                // «روز دوشنبه (۲۷ آبان)»
                at += 1;
                *paren_out = true;
            }
            _ => {}
        }
    }
    let (day, mut mi) = match day_at(c, at) {
        Some((d, n)) => (Some(d), n),
        None if at == i => (None, at),
        None => return None,
    };
    if day.is_some() && c.is(mi, &["ماه"]) {
        mi += 1; // «پنجم ماه ژوئن»
    }
    let (cal, m, mut k) = month_at(c, mi)?;
    // A bare month needs something that makes it a date; see `month_alone`.
    if c.is(k, &["ماه"]) {
        k += 1;
    }
    if cal == Cal::Lunar && c.is(k, &words::LUNAR_HONORIFICS) {
        k += 1;
    }
    // «آگوست (اوت)»: the same month in another spelling.
    if c.key(k) == "("
        && c.key(k + 2) == ")"
        && month_at(c, k + 1).is_some_and(|(c2, m2, _)| c2 == cal && m2 == m)
    {
        k += 3;
    }
    // «ژوئن (۱۶ خرداد) ۱۹۴۷»: a gloss between month and year.
    let k2 = gloss(c, k, cal);
    let (year, after) = match year_after(c, k2, cal) {
        Some(y) => (Some(y), y.2),
        None => (None, k),
    };
    let (ycal, y, note, next) = match year {
        Some((y, ycal, next)) => (ycal, Some(y), String::new(), next),
        None => (cal, None, String::new(), after),
    };
    if ycal != cal && day.is_none() {
        return None;
    }
    let cal_for = if ycal == cal { cal } else { return None };
    let build = |y: i32| -> Option<(Day, Day)> {
        match day {
            Some(d) => {
                let d = cals::day(y, m, u8::try_from(d).ok()?, cal_for)?;
                Some((d, d))
            }
            None => cals::month_interval(y, m, cal_for),
        }
    };
    let precision = if day.is_some() {
        Precision::Day
    } else {
        Precision::Month
    };
    if let Some(y) = y {
        let mut f = Found::new(build(y)?, precision, next).with_note(note);
        f.next = gloss(c, f.next, cal);
        f.cal = Some(cal);
        return Some(f);
    }
    // No year: a year word («امسال», «پارسال»), else the context's year.
    if c.is(k, &["همان", "همین"]) {
        return None; // «نوامبر همان سال»: relative to the date before
    }
    if day.is_none() && !month_alone_ok(c, i, mi, k) {
        return None;
    }
    if day.is_some() && i > 0 && c.is(i - 1, &words::NAME_BEFORE) {
        return None; // «خیابان ۱۶ آذر»
    }
    // «…،1 بهمن،…»: a number glued to a comma is a list item (or bidi-reversed «بهمن 1»).
    if day.is_some() && i > 0 && matches!(c.key(i - 1), "،" | ",") && c.touching(i - 1) {
        return None;
    }
    if let Some((off, n)) = c.year_word(k) {
        let doc = c.doc.date?;
        let y = cals::year_of(doc, cal) + off;
        let iv = if off == 1 && c.key(k) == "اینده" {
            // «ماه مارس آینده»: the next such month.
            let iv0 = build(y - 1)?;
            if iv0.0 > doc { iv0 } else { build(y)? }
        } else {
            build(y)?
        };
        let f = Found::new(iv, precision, n).with_note("year from the document date");
        return Some(f);
    }
    if habitual(c.toks, i) {
        return None; // «هر سال در اواخر فروردین …»: any year's
    }
    let next = gloss(c, k, cal);
    let (iv, note) = c.inherit_year(cal, m, build, next)?;
    Some(Found::new(iv, precision, next).with_note(note))
}

/// [`month_date_inner`], closing a parenthesis opened after a weekday.
fn month_date(c: &Ctx, i: usize) -> Option<Found> {
    let mut paren = false;
    let mut f = month_date_inner(c, i, &mut paren)?;
    if paren {
        if c.key(f.next) != ")" {
            return None;
        }
        f.next += 1;
    }
    Some(f)
}

/// Whether a month name without a day or year at `mi` reads as a date: «ماه» written
/// with it or before it, or an unambiguous name after a preposition.
fn month_alone_ok(c: &Ctx, i: usize, mi: usize, k: usize) -> bool {
    let key = c.key(mi);
    let joined_mah = key.ends_with("ماه") && key != "ماه";
    let mah_after = k > mi + 1;
    let mah_before = mi > 0 && c.is(mi - 1, &["ماه"]);
    if c.is(k, &["هر"]) || (k > 0 && c.is(k - 1, &["هر"])) {
        return false; // «دی ماه هر سال»: every year
    }
    if joined_mah || mah_after || mah_before {
        return true;
    }
    if words::month(key, Cal::Lunar).is_some() {
        return false; // «صفر», «رجب», «محرم» are also words and names
    }
    if words::AMBIGUOUS_GREGORIAN.contains(&key) || words::AMBIGUOUS_SOLAR.contains(&key) {
        return false;
    }
    // «آبان امسال», «مارس سال گذشته»: a month of a named year is a date without «در».
    if c.is(k, &["امسال", "پارسال", "سال"]) && c.year_word(k).is_some() {
        return true;
    }
    i > 0
        && c.is(
            i - 1,
            &[
                "در",
                "از",
                "طی",
                "تا",
                "اوایل",
                "اواخر",
                "اواسط",
                "ابتدای",
                "پایان",
                "نیمه",
                "اول",
                "اخر",
                "اغاز",
                "انتهای",
            ],
        )
}

/// Seasons: «پاییز ۲۰۲۲» (approximate, astronomical), «بهار ۱۴۰۲», «فصل بهار ۱۳۸۴»,
/// «بهار سال ۸۴» (exact Solar Hijri months), «زمستان سال گذشته», «فصل تابستان» (the
/// context's year).
fn season(c: &Ctx, i: usize) -> Option<Found> {
    let fasl = c.is(i, &["فصل"]);
    let si = if fasl { i + 1 } else { i };
    let s = words::season(c.key(si))?;
    let mut yi = si + 1;
    if let Some((off, n)) = c.year_word(yi) {
        let doc = c.doc.date?;
        let (cal, why) = super::relative::DEICTIC;
        let y = cals::year_of(doc, cal) + off;
        return Some(
            Found::new(cals::season_interval(y, s, cal)?, Precision::Season, n)
                .with_note(format!("{}: {why}", cal.name())),
        );
    }
    let sal = c.is(yi, &["سال"]);
    if sal {
        yi += 1;
    }
    let t = c.toks.get(yi);
    let year = t.and_then(|t| {
        let v = t.value()?;
        let (hint, next) = c.calendar_word(yi + 1);
        match t.digits() {
            4 => Some((v, hint.or_else(|| year_calendar(v))?, next)),
            2 if sal => {
                let cal = hint.unwrap_or(c.doc.counting().0);
                Some((two_digit_year(v, cal, c.doc.date)?, cal, next))
            }
            _ => None,
        }
    });
    if let Some((y, cal, next)) = year {
        let y = i32::try_from(y).ok()?;
        let mut f = Found::new(cals::season_interval(y, s, cal)?, Precision::Season, next);
        f.approximate = cal == Cal::Gregorian;
        f.cal = Some(cal);
        return Some(f);
    }
    if !fasl || habitual(c.toks, i) {
        return None;
    }
    let (cal, why) = c.doc.counting();
    let (iv, note) =
        c.inherit_year(cal, 1 + s * 3, |y| cals::season_interval(y, s, cal), si + 1)?;
    Some(Found::new(iv, Precision::Season, si + 1).with_note(format!("{note}; {why}")))
}

/// The decade number at `i`: (first year, calendar, note, next). Four digits say their
/// calendar; two digits and words take a calendar word or the document's.
fn decade_number(c: &Ctx, i: usize) -> Option<(u32, Cal, String, usize)> {
    let t = c.toks.get(i)?;
    let (v, digits) = match t.value() {
        Some(v) => (v, t.digits()),
        None => (words::decade_word(&t.key)?, 2),
    };
    let (hint, next) = c.calendar_word(i + 1);
    match digits {
        4 if v % 10 == 0 => Some((v, hint.or_else(|| year_calendar(v))?, String::new(), next)),
        1 | 2 if v % 10 == 0 && v > 0 => {
            let (cal, why) = match hint {
                Some(h) => (h, "calendar word"),
                None => c.doc.counting(),
            };
            let base = match cal {
                Cal::Gregorian => 1900,
                Cal::Solar => 1300,
                Cal::Lunar => 1400,
            };
            Some((base + v, cal, format!("{}: {why}", cal.name()), next))
        }
        _ => None,
    }
}

/// Decades and their parts: «دهه ۱۹۹۰», «دهه ۹۰ میلادی», «دهه هفتاد», «اواخر دهه ۲۰۰۰»,
/// «سال‌های پایانی دهه ۴۰», and «دهه‌های ۴۰ و ۵۰» (a range of decades).
fn decade(c: &Ctx, i: usize) -> Option<Found> {
    let mut di = i;
    if c.is(di, &["سالهای", "سالهایی"]) {
        di += 1;
    }
    let (part, di) = match c.key(di) {
        "اوایل" | "اواءل" | "ابتدای" | "اغاز" | "نخستین" => {
            (Some((0, 3)), di + 1)
        }
        "اواسط" | "میانه" => (Some((4, 6)), di + 1),
        "اواخر" | "پایانی" | "پایان" | "انتهای" => (Some((7, 9)), di + 1),
        _ => (None, di),
    };
    if !c.is(di, &["دهه", "دهههای"]) {
        return None;
    }
    let ni = if c.is(di, &["دهه"]) && c.is(di + 1, &["های"]) {
        di + 2
    } else {
        di + 1
    };
    let (first, cal, note, next) = decade_number(c, ni)?;
    let (a, b) = part.unwrap_or((0, 9));
    let y = |n: u32| i32::try_from(n).ok();
    // «دهه‌های ۴۰ و ۵۰», «دهه ۴۰ و ۵۰»
    if matches!(c.key(next), "و" | "تا" | "-")
        && let Some((second, cal2, _, next2)) = decade_number(c, next + 1)
        && cal2 == cal
        && second > first
        && second - first <= 100
    {
        let iv = cals::years_interval(y(first)?, y(second + 9)?, cal)?;
        return Some(Found::new(iv, Precision::Range, next2).with_note(note));
    }
    let iv = cals::years_interval(y(first + a)?, y(first + b)?, cal)?;
    let mut f = Found::new(
        iv,
        if part.is_some() {
            Precision::PartOfDecade
        } else {
            Precision::Decade
        },
        next,
    )
    .with_note(note);
    f.approximate = part.is_some();
    Some(f)
}

/// Centuries: «قرن ۱۹», «قرن نوزدهم», «سده ۱۴ شمسی». 15 and above are Gregorian; 13 and 14
/// Solar unless a calendar word says otherwise.
fn century(c: &Ctx, i: usize) -> Option<Found> {
    if !c.is(i, &["قرن", "سده"]) {
        return None;
    }
    let (n, ni) = words::century_word(c.toks, i + 1)?;
    if c.followed_by_unit(ni) {
        return None;
    }
    let (hint, next) = c.calendar_word(ni);
    let cal = hint.unwrap_or(if n >= 15 { Cal::Gregorian } else { Cal::Solar });
    if !(1..=21).contains(&n) || cal == Cal::Lunar && n > 15 {
        return None;
    }
    let first = i32::try_from((n - 1) * 100).ok()?;
    let iv = cals::years_interval(first.max(1), first + 99, cal)?;
    let mut f =
        Found::new(iv, Precision::Range, next).with_note(format!("century, {}", cal.name()));
    f.approximate = true;
    Some(f)
}

/// A year: «سال ۲۰۱۹», «سال ۱۳۹۹», «سال ۹۶» (the document's calendar), «۲۵۷ هجری قمری»,
/// «۸۷۰ میلادی», or a bare plausible 4-digit year not followed by a unit («۲۰۲۴»). A gloss
/// in a second calendar after «/» is swallowed («۲۵۷ هجری قمری/ ۸۷۰ میلادی»).
fn year(c: &Ctx, i: usize) -> Option<Found> {
    let has_sal = c.is(i, &["سال"]);
    let yi = if has_sal { i + 1 } else { i };
    let t = c.toks.get(yi)?;
    let v = t.value()?;
    if t.key.contains('/') {
        return None;
    }
    let (hint, next) = c.calendar_word(yi + 1);
    let (y, cal, note) = match t.digits() {
        4 => {
            let cal = match (hint, year_calendar(v)) {
                (Some(h), _) => h,
                (None, Some(cal)) => cal,
                (None, None) => return None,
            };
            (v, cal, String::new())
        }
        2 if has_sal && hint != Some(Cal::Lunar) => {
            let (cal, why) = match hint {
                Some(h) => (h, "calendar word"),
                None => c.doc.counting(),
            };
            (
                two_digit_year(v, cal, c.doc.date)?,
                cal,
                format!("{}: {why}", cal.name()),
            )
        }
        1..=3 if hint.is_some() && v > 0 => (v, hint?, String::new()),
        _ => return None,
    };
    if hint.is_none() && (c.followed_by_unit(yi + 1) || (!has_sal && c.key(yi + 1) == "/")) {
        return None;
    }
    // «۱۹۵۸،۱۹۴۸» and other lists are fine; a number glued to letters or a phone number is not.
    if !has_sal
        && hint.is_none()
        && i > 0
        && (matches!(c.key(i - 1), ":" | "+" | "#") || c.is(i - 1, &words::ID_BEFORE))
    {
        return None;
    }
    let explicit = note.is_empty();
    let mut f = Found::new(
        cals::year_interval(i32::try_from(y).ok()?, cal)?,
        Precision::Year,
        next,
    )
    .with_note(note);
    if explicit {
        f.cal = Some(cal);
    }
    // «… هجری قمری / ۸۷۰ میلادی»: the gloss.
    if hint.is_some()
        && c.key(next) == "/"
        && let Some(v2) = c.num(next + 1)
        && v2 > 0
    {
        let (h2, n2) = c.calendar_word(next + 2);
        if h2.is_some_and(|h| Some(h) != hint) {
            f.next = n2;
        }
    }
    Some(f)
}

/// An English date, as in English datelines: «Wednesday, August 15, 2017»,
/// «15 August 2017», «Aug 15 2017».
fn english_date(c: &Ctx, i: usize) -> Option<Found> {
    let mut at = i;
    if matches!(
        c.key(at),
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    ) {
        at += 1;
        if c.key(at) == "," {
            at += 1;
        }
    }
    let (m, d, mut k) = if let Some(m) = words::english_month(c.key(at)) {
        (m, c.num(at + 1)?, at + 2)
    } else {
        let d = c.num(at)?;
        (words::english_month(c.key(at + 1))?, d, at + 2)
    };
    if c.key(k) == "," {
        k += 1;
    }
    if c.digits(k) != 4 {
        return None;
    }
    let y = i32::try_from(c.num(k)?).ok()?;
    let day = Day::new(y, m, u8::try_from(d).ok()?).ok()?;
    let mut f = Found::new((day, day), Precision::Day, k + 1);
    f.cal = Some(Cal::Gregorian);
    Some(f)
}

/// The year and calendar of an interval that is exactly one Solar or Gregorian year.
fn whole_year(start: Day, end: Day) -> Option<(i32, Cal)> {
    [Cal::Solar, Cal::Gregorian].into_iter().find_map(|cal| {
        let y = cals::year_of(start, cal);
        (cals::year_interval(y, cal)? == (start, end)).then_some((y, cal))
    })
}

/// The ordinal of a part after «سه ماهه», «شش ماهه», «نیمه»: 0-based, and the next index.
fn part_ordinal(c: &Ctx, i: usize) -> Option<(u8, usize)> {
    let n = match c.key(i) {
        "اول" | "نخست" | "نخستین" => 0,
        "دوم" => 1,
        "سوم" => 2,
        "چهارم" => 3,
        _ => return None,
    };
    Some((n, i + 1))
}

/// A part of a year or month: «سه ماهه اول سال جاری» (Farvardin–Khordad of that Solar
/// year), «سه‌ماهه سوم ۲۰۲۳», «نیمه دوم سال ۱۳۹۰», «شش ماهه نخست امسال», «اوایل / اواسط /
/// اواخر» a month (its first, middle or last ten days) or a year (its first, middle or
/// last third).
pub(super) fn part_of(c: &Ctx, i: usize) -> Option<Found> {
    // (months in a part, which part) or a third (0, 1, 2).
    let (kind, j) = match (c.key(i), c.key(i + 1)) {
        ("سه", "ماهه") => (Some(3), i + 2),
        ("سهماهه", _) => (Some(3), i + 1),
        ("شش", "ماهه") => (Some(6), i + 2),
        ("ششماهه", _) => (Some(6), i + 1),
        ("نیمه", _) => (Some(6), i + 1),
        ("اوایل" | "اواءل", _) => (None, i + 1),
        ("اواسط", _) => (None, i + 1),
        ("اواخر", _) => (None, i + 1),
        _ => return None,
    };
    let third: i64 = match c.key(i) {
        "اوایل" | "اواءل" => 0,
        "اواسط" => 1,
        _ => 2,
    };
    let (part, j) = match kind {
        Some(_) => part_ordinal(c, j)?,
        None => (0, j),
    };
    let inner = absolute(c, j).or_else(|| super::relative::relative(c, j))?;
    if inner.next <= j || inner.dateline {
        return None;
    }
    let (start, end) = match kind {
        Some(months) => {
            if inner.precision != Precision::Year || part >= 12 / months {
                return None;
            }
            let (y, cal) = whole_year(inner.start, inner.end)?;
            let first = part * months + 1;
            let (s, _) = cals::month_interval(y, first, cal)?;
            let (_, e) = cals::month_interval(y, first + months - 1, cal)?;
            (s, e)
        }
        None => {
            if !matches!(inner.precision, Precision::Year | Precision::Month) {
                return None;
            }
            let n = inner.end.day_number() - inner.start.day_number() + 1;
            let (a, b) = if inner.precision == Precision::Month {
                // The first, middle and last ten days.
                (third * 10, if third == 2 { n - 1 } else { third * 10 + 9 })
            } else {
                (n * third / 3, n * (third + 1) / 3 - 1)
            };
            (inner.start.add_days(a), inner.start.add_days(b.min(n - 1)))
        }
    };
    if end < start {
        return None;
    }
    let precision = if kind == Some(3) {
        Precision::Season
    } else {
        Precision::Range
    };
    let mut f = Found::new((start, end), precision, inner.next);
    f.note = if inner.note.is_empty() {
        "a part of the period".to_owned()
    } else {
        format!("a part of the period; {}", inner.note)
    };
    f.approximate = kind.is_none() || inner.approximate;
    Some(f)
}

/// One absolute date at `i`, the longest form first.
pub(super) fn absolute(c: &Ctx, i: usize) -> Option<Found> {
    numeric_date(c, i)
        .or_else(|| english_date(c, i))
        .or_else(|| super::english::period(c, i))
        .or_else(|| month_date(c, i))
        .or_else(|| season(c, i))
        .or_else(|| decade(c, i))
        .or_else(|| century(c, i))
        .or_else(|| year(c, i))
}

/// A range of days of one month: «۱۶ تا ۲۵ فروردین», «از ۳ تا ۹ اسفند سال ۱۳۵۸».
fn day_range(c: &Ctx, i: usize) -> Option<Found> {
    let (d1, si) = day_at(c, i)?;
    if !matches!(c.key(si), "تا" | "-" | "الی" | "و") {
        return None;
    }
    let second = month_date(c, si + 1)?;
    if second.precision != Precision::Day {
        return None;
    }
    let d2 = second.start;
    // The first day is in the second's month.
    let first = d2.add_days(-(i64::from(day_of_month(c, si + 1)?) - i64::from(d1)));
    if first > d2 {
        return None;
    }
    let mut f = Found::new((first, d2), Precision::Range, second.next).with_note(second.note);
    f.approximate = second.approximate;
    Some(f)
}

/// The first date within a few words after `k` (the words after «تا» in «از X تا … Y»),
/// in the same clause; `None` at a sentence end, another «از» or «تا», or a dateline.
fn end_after_words(c: &Ctx, k: usize) -> Option<Found> {
    for p in k..k.saturating_add(8).min(c.toks.len()) {
        if matches!(
            c.key(p),
            "." | "؛" | "!" | "؟" | ":" | "از" | "تا" | "(" | ")"
        ) {
            return None;
        }
        if !words::may_start(&c.toks[p]) {
            continue;
        }
        if let Some(f) = absolute(c, p) {
            return (!f.dateline
                && matches!(
                    f.precision,
                    Precision::Day | Precision::Month | Precision::Season | Precision::Year
                ))
            .then_some(f);
        }
    }
    None
}

/// The day number written at `i` (digits or ordinal).
fn day_of_month(c: &Ctx, i: usize) -> Option<u32> {
    day_at(c, i).map(|(d, _)| d)
}

/// A range: «نوامبر ۲۰۲۱ تا مارس ۲۰۲۲», «۲۰۰۰-۲۰۰۴», «۱۹۸۸-۱۹۸۰», «از ۲۰۰۸ تا ۲۰۱۰»,
/// «سال‌های ۲۰۲۱ و ۲۰۲۲», «بین سال‌های ۱۹۵۸، ۱۹۴۸», «طی سال‌های ۱۳۴۰ تا ۱۳۵۰», a range of
/// days, and «از … تاکنون» (to the document date).
pub(super) fn range(c: &Ctx, i: usize) -> Option<Found> {
    let bein = c.is(i, &["بین", "میان"]);
    let mut si = if bein { i + 1 } else { i };
    let az = c.is(si, &["از"]);
    if az {
        si += 1;
    }
    // «از ابتدای / اول / اوایل …»
    let from_start = az && c.is(si, &["ابتدای", "اغاز", "ابتدا"]);
    if from_start {
        si += 1;
    }
    let plural_sal = c.is(si, &["سالهای", "سالهایی"]);
    if plural_sal {
        si += 1;
    }
    if let Some(f) = day_range(c, si) {
        return Some(f);
    }
    let first = if plural_sal {
        let t = c.toks.get(si)?;
        let v = t.value()?;
        let (y, cal) = match t.digits() {
            4 => (v, year_calendar(v)?),
            2 => {
                let cal = c.doc.counting().0;
                (two_digit_year(v, cal, c.doc.date)?, cal)
            }
            _ => return None,
        };
        Found::new(
            cals::year_interval(i32::try_from(y).ok()?, cal)?,
            Precision::Year,
            si + 1,
        )
    } else {
        absolute(c, si).or_else(|| super::relative::deictic(c, si))?
    };
    // «… تاکنون», «… تا کنون», «… تا به امروز»
    let j = first.next;
    let until_now = match (c.key(j), c.key(j + 1), c.key(j + 2)) {
        ("تاکنون" | "تاکنو" | "تابحال" | "تاامروز", _, _) => Some(j + 1),
        ("تا", "کنون" | "امروز" | "حالا" | "اکنون", _) => Some(j + 2),
        ("تا", "به", "امروز" | "حال") => Some(j + 3),
        _ => None,
    };
    if let Some(next) = until_now {
        if !(az || from_start || plural_sal) {
            return None;
        }
        return Some(match c.doc.date {
            Some(doc) if doc >= first.start => {
                let mut f = Found::new((first.start, doc), Precision::Range, next)
                    .with_note("until the document date");
                f.approximate = first.approximate;
                f
            }
            // No document date: the start alone, the wording kept whole.
            _ => {
                let mut f = first;
                f.next = next;
                f
            }
        });
    }
    let sep = c.key(j);
    let ok_sep = match sep {
        "تا" | "الی" => true,
        "-" | "–" | "—" => !az,
        "و" => plural_sal || bein,
        "،" | "," => plural_sal && bein,
        _ => false,
    };
    if !ok_sep {
        return None;
    }
    let k = j + 1;
    let direct = || -> Option<Found> {
        if !(plural_sal || first.precision == Precision::Year) {
            return absolute(c, k);
        }
        let t = c.toks.get(k)?;
        let v = t.value()?;
        let y = match t.digits() {
            4 => v,
            2 if plural_sal => two_digit_year(v, c.doc.counting().0, c.doc.date)?,
            _ => return None,
        };
        let cal = if t.digits() == 4 {
            year_calendar(y)?
        } else {
            c.doc.counting().0
        };
        let (_, next) = c.calendar_word(k + 1);
        Some(Found::new(
            cals::year_interval(i32::try_from(y).ok()?, cal)?,
            Precision::Year,
            next,
        ))
    };
    let second = match direct() {
        Some(f) => f,
        // «از سال ۱۳۷۰ تا روز درگذشت او در سال ۱۳۸۸», «از ۱۳۹۰ تا پایان سال ۱۳۹۴»: the
        // end a few words after «تا».
        None if az && matches!(sep, "تا" | "الی") => end_after_words(c, k)?,
        None => return None,
    };
    let (mut a, mut b) = (first, second);
    let years = a.precision == Precision::Year && b.precision == Precision::Year;
    if b.end < a.start && years {
        // «۱۹۸۸-۱۹۸۰», «۱۹۵۸، ۱۹۴۸»: written in the other order.
        std::mem::swap(&mut a, &mut b);
        std::mem::swap(&mut a.next, &mut b.next);
    }
    if b.end < a.start || (years && b.end.year - a.start.year > 300) {
        return None;
    }
    let next = a.next.max(b.next);
    // «(۳ مه ۱۹۰۱ – ۹ ژوئیه ۱۹۷۲)» after a name: a birth and a death, two days, not a span.
    if matches!(sep, "-" | "–" | "—")
        && a.precision == Precision::Day
        && b.precision == Precision::Day
        && a.cal.is_some()
        && b.cal.is_some()
        && si > 0
        && c.is(si - 1, &["("])
        && c.is(next, &[")"])
    {
        return None;
    }
    let mut f = Found::new((a.start, b.end), Precision::Range, next);
    f.approximate = a.approximate || b.approximate;
    f.note = if a.note.is_empty() { b.note } else { a.note };
    Some(f)
}
