//! What a careful reader knows before reading a date: the document's own date (its
//! dateline, «تاریخ انتشار: …», a timestamp, or one given with `--date`), the calendar the
//! document counts in (decided by counting explicit years and month names of each
//! calendar), and the tense of the sentence a date stands in.

use crate::model::Day;

use super::calendars::{Cal, year_calendar};
use super::tokens::{Kind, Tok, tokenize};
use super::words;

/// The context dates of one section are read in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocContext {
    /// The date of the document or section (its dateline), if known.
    pub date: Option<Day>,
    /// The calendar the document counts in, if it could be told.
    pub calendar: Option<Cal>,
}

impl DocContext {
    /// The calendar bare years and decades are read in, and why.
    pub fn counting(&self) -> (Cal, &'static str) {
        match self.calendar {
            Some(Cal::Gregorian) => (Cal::Gregorian, "document counts in Gregorian years"),
            Some(Cal::Solar) => (Cal::Solar, "document counts in Solar Hijri years"),
            _ => (
                Cal::Solar,
                "no clear calendar evidence; Solar Hijri assumed",
            ),
        }
    }
}

/// Why a `--date` argument was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "«{0}» is not a date of the form YYYY-MM-DD or YYYY/MM/DD (Solar Hijri when the year is below 1700)"
)]
pub struct DateArgError(pub String);

/// Parses a document date given by the user: `YYYY-MM-DD` or `YYYY/MM/DD`, Persian or
/// Latin digits; Solar Hijri when the year is below 1700, else Gregorian.
///
/// # Errors
/// [`DateArgError`] when the text is not such a date or the day does not exist.
pub fn parse_date_arg(s: &str) -> Result<Day, DateArgError> {
    let err = || DateArgError(s.to_owned());
    let ascii = crate::persian::digits::to_ascii(s.trim());
    let parts: Vec<&str> = ascii.split(['-', '/']).collect();
    let [y, m, d] = parts[..] else {
        return Err(err());
    };
    if y.is_empty() || m.is_empty() || d.is_empty() || m.len() > 2 || d.len() > 2 {
        return Err(err());
    }
    let y: i32 = y.parse().map_err(|_| err())?;
    let m: u8 = m.parse().map_err(|_| err())?;
    let d: u8 = d.parse().map_err(|_| err())?;
    if y < 1700 {
        Day::from_solar_hijri(y, m, d).map_err(|_| err())
    } else {
        Day::new(y, m, d).map_err(|_| err())
    }
}

/// Counts the evidence for each calendar in `text`: explicit 4-digit years (13xx/14xx
/// Solar, 17xx–20xx Gregorian), calendar words and month names. Dates written with
/// slashes («۱۳۸۱/۱۰/۱۶») and timestamps do not count: they are datelines, not the
/// document's story. `None` when the evidence is even or absent.
pub fn document_calendar(text: &str) -> Option<Cal> {
    let mut v = CalendarVotes::default();
    v.add(text);
    v.decide()
}

/// The evidence for each calendar, summed over the texts of a document (see
/// [`document_calendar`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CalendarVotes {
    pub solar: u32,
    pub gregorian: u32,
}

impl CalendarVotes {
    /// Adds the evidence of one text.
    pub fn add(&mut self, text: &str) {
        let (solar, greg) = votes(text);
        self.solar += solar;
        self.gregorian += greg;
    }

    /// Solar Hijri when it has more evidence; Gregorian only when its evidence is more
    /// than twice the Solar (Persian news that quotes foreign figures in Gregorian years
    /// still counts its own years in Solar Hijri); `None` otherwise.
    pub fn decide(&self) -> Option<Cal> {
        if self.solar > self.gregorian {
            Some(Cal::Solar)
        } else if self.gregorian >= 2 && self.gregorian > 2 * self.solar {
            Some(Cal::Gregorian)
        } else {
            None
        }
    }
}

fn votes(text: &str) -> (u32, u32) {
    let toks = tokenize(text);
    let (mut solar, mut greg) = (0u32, 0u32);
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Num => {
                if t.digits() != 4 {
                    continue;
                }
                // A year in a date: after «سال», a month name or «دهه», or before a
                // calendar word. Other 4-digit numbers are counts more often than years.
                let prev = if i > 0 { toks[i - 1].key.as_ref() } else { "" };
                let in_date = matches!(prev, "سال" | "سالهای" | "دهه" | "از" | "تا" | "در")
                    || words::any_month(prev).is_some()
                    || toks.get(i + 1).is_some_and(|n| {
                        matches!(n.key.as_ref(), "میلادی" | "شمسی" | "خورشیدی" | "هجری")
                    });
                if !in_date {
                    continue;
                }
                match t.value().and_then(year_calendar) {
                    Some(Cal::Solar) => solar += 2,
                    Some(Cal::Gregorian) => greg += 2,
                    _ => {}
                }
            }
            Kind::Word => {
                let k = t.key.as_ref();
                match k {
                    "میلادی" => greg += 1,
                    "شمسی" | "خورشیدی" => solar += 1,
                    _ => match words::any_month(k) {
                        Some((Cal::Solar, _)) if !words::AMBIGUOUS_SOLAR.contains(&k) => {
                            solar += 1;
                        }
                        Some((Cal::Gregorian, _)) if !words::AMBIGUOUS_GREGORIAN.contains(&k) => {
                            greg += 1;
                        }
                        _ => {}
                    },
                }
            }
            Kind::Punct => {}
        }
    }
    (solar, greg)
}

/// Words after a date in its sentence that say it lies ahead (or is ongoing): future and
/// present verbs, «آینده».
fn ahead_word(t: &Tok) -> bool {
    let k = t.key.as_ref();
    matches!(
        k,
        "خواهد"
            | "خواهند"
            | "قرار"
            | "اینده"
            | "می"
            | "میشود"
            | "میکند"
            | "میشوند"
            | "میکنند"
            | "میگردد"
            | "مییابد"
            | "میدهد"
            | "میرسد"
            | "میگیرد"
            | "میاید"
            | "شود"
            | "کند"
            | "شوند"
            | "دارد"
            | "دارند"
    ) || (k.starts_with("می")
        && k.chars().count() > 3
        && [
            "شود",
            "کند",
            "گردد",
            "یابد",
            "دهد",
            "رسد",
            "گیرد",
            "اید",
            "پردازد",
            "نماید",
        ]
        .iter()
        .any(|e| k.ends_with(e)))
}

/// Past-tense verbs that end a news sentence («شد», «کرد», «گفت» …).
fn past_word(t: &Tok) -> bool {
    let k = t.key.as_ref();
    matches!(
        k,
        "شد" | "شدند"
            | "کرد"
            | "کردند"
            | "بود"
            | "بودند"
            | "داشت"
            | "داشتند"
            | "گفت"
            | "رسید"
            | "افتاد"
            | "داد"
            | "دادند"
            | "امد"
            | "گرفت"
            | "گرفتند"
            | "انداخت"
            | "نوشت"
            | "کشت"
            | "پیوست"
            | "رفت"
            | "ماند"
            | "یافت"
            | "گذاشت"
            | "خواند"
            | "دید"
            | "زد"
    ) || k.ends_with("ید") && k.starts_with("کرد")
}

/// The tense of the rest of the sentence after token `i`: `Some(true)` when it reads as
/// past, `Some(false)` when it lies ahead or is ongoing, `None` when it cannot be told.
pub fn past_tense(toks: &[Tok], i: usize) -> Option<bool> {
    let mut past = false;
    for t in toks.iter().skip(i).take(40) {
        if t.kind == Kind::Punct && matches!(t.key.as_ref(), "." | "؟" | "!" | "؛") {
            break;
        }
        // «… اعلام کرد که … خواهد بود»: the reporting verb before «که» sets the tense
        // of the clause; what follows is its complement.
        if past && t.key.as_ref() == "که" {
            return Some(true);
        }
        if ahead_word(t) {
            return Some(false);
        }
        past |= past_word(t);
    }
    past.then_some(true)
}

/// Whether the sentence before token `i` says the statement is habitual («هر سال»,
/// «هرساله», «همه ساله», «سالانه»): a month or weekday in it is any year's, not a date.
pub fn habitual(toks: &[Tok], i: usize) -> bool {
    let from = i.saturating_sub(30);
    let mut prev = "";
    for t in toks[from..i.min(toks.len())].iter().rev() {
        let k = t.key.as_ref();
        if t.kind == Kind::Punct && matches!(k, "." | "؟" | "!" | "؛") {
            return false;
        }
        if matches!(k, "هرساله" | "همهساله" | "سالانه" | "هرسال")
            || (k == "هر" && matches!(prev, "سال" | "ساله" | "هفته" | "ماه"))
            || (k == "همه" && prev == "ساله")
        {
            return true;
        }
        prev = k;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_arguments() {
        for (arg, want) in [
            ("1398-06-24", Some("2019-09-15")),
            ("۱۳۹۸/۰۶/۲۴", Some("2019-09-15")),
            ("2017-08-15", Some("2017-08-15")),
            ("2017/8/15", Some("2017-08-15")),
            ("1398-13-01", None),
            ("yesterday", None),
            ("2017-08", None),
        ] {
            assert_eq!(
                parse_date_arg(arg).ok().map(|d| d.to_string()),
                want.map(str::to_owned),
                "--date {arg}"
            );
        }
    }

    #[test]
    fn calendars_of_documents() {
        for (text, want) in [
            (
                "جنگ در ۱۹۴۸ آغاز شد و در ۱۹۵۸ پایان یافت.",
                Some(Cal::Gregorian),
            ),
            (
                "قانون در سال ۱۳۷۶ و اصلاحیه در مهر ۱۳۸۰ آمد.",
                Some(Cal::Solar),
            ),
            (
                "تاریخ انتشار: ۱۳۸۱/۱۰/۱۶ دیدار در ژانویه ۱۹۹۹ بود.",
                Some(Cal::Gregorian),
            ),
            ("هیچ سالی اینجا نیست.", None),
        ] {
            assert_eq!(document_calendar(text), want, "calendar of «{text}»");
        }
    }

    #[test]
    fn habitual_sentences() {
        for (text, want) in [
            ("هر سال، دولت در اواخر فروردین", true),
            ("جشن هرساله در مهر", true),
            ("سال گذشته در مهر", false),
            ("هر سال چنین بود. در مهر", false),
        ] {
            let toks = tokenize(text);
            assert_eq!(habitual(&toks, toks.len()), want, "habitual «{text}»");
        }
    }

    #[test]
    fn tenses() {
        for (text, want) in [
            ("نشست برگزار شد.", Some(true)),
            ("نشست برگزار می‌شود.", Some(false)),
            ("نشست برگزار خواهد شد.", Some(false)),
            ("نشست در تهران.", None),
        ] {
            assert_eq!(past_tense(&tokenize(text), 0), want, "tense of «{text}»");
        }
    }
}
