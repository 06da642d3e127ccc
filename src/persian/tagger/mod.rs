//! The date tagger: finds dates in Persian text and resolves them to [`FuzzyDate`]
//! intervals, reading them as a careful reader does — in the context of their document.
//!
//! - `tokens`: folded words, numbers and punctuation;
//! - `words`: month names of the three calendars, weekdays, seasons, number words,
//!   ordinals, decade words, units;
//! - `calendars`: Gregorian, Solar Hijri and lunar Hijri days, months, seasons and years
//!   as Gregorian intervals (icu_calendar);
//! - `context`: the document date (dateline, «تاریخ انتشار», `--date`), the calendar the
//!   document counts in, and the tense of a sentence;
//! - `rules`: absolute forms and ranges;
//! - `english`: English periods as a reader types them («spring 1999», «late 1980s»);
//! - `relative`: words relative to the last date («همان سال») or to the document date
//!   («دیروز», «هفته گذشته», «روز یکشنبه»).
//!
//! Years: a 4-digit year from 1700 to 2100 is Gregorian, from 1200 to 1499 Solar Hijri;
//! a calendar word («میلادی», «هجری قمری», «ه.ش.») decides when present. Two-digit years
//! and decades («سال ۹۶», «دهه ۴۰», «دهه هفتاد») take the calendar the document counts in
//! (Solar Hijri when it cannot be told). A day and month without a year take the year
//! stated earlier in the paragraph, else the document date's year (the year before when
//! a past-tense sentence would otherwise be dated after its document); without either
//! they are not dated. Each inferred choice is said in [`FuzzyDate::note`].
//!
//! ```
//! use gahnegar::persian::tagger::{DocContext, Tagger};
//! let mut t = Tagger::with_context(DocContext {
//!     date: "2025-09-06".parse().ok(),
//!     calendar: None,
//! });
//! let found = t.tag("دیروز نشستی برگزار شد.");
//! assert_eq!(found[0].date.start.to_string(), "2025-09-05");
//! ```

mod calendars;
mod context;
mod english;
mod relative;
mod rules;
mod tokens;
mod words;

use std::ops::Range;

use crate::model::{Day, FuzzyDate, Precision};

/// Whether a folded word (see `persian::fold`) names a month of any calendar or a
/// weekday, in Persian or English.
pub fn is_calendar_word(key: &str) -> bool {
    words::any_month(key).is_some()
        || words::weekday(key).is_some()
        || words::english_month(key).is_some()
}

pub use calendars::Cal;
pub use context::{CalendarVotes, DateArgError, DocContext, document_calendar, parse_date_arg};

use rules::{Ctx, Found};
use tokens::{Kind, tokenize};

/// A date found in a text.
///
/// Invariant: `date.wording == text[range]` for the text it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaggedDate {
    /// Byte range of the wording in the text.
    pub range: Range<usize>,
    pub date: FuzzyDate,
    /// The date of the document itself (a dateline, «تاریخ انتشار: …», a timestamp), not
    /// of something it reports.
    pub dateline: bool,
}

/// Finds the dates in one text with no document context; relative references resolve
/// against earlier dates of the same text only. See [`Tagger`] to carry context.
pub fn tag_dates(text: &str) -> Vec<TaggedDate> {
    Tagger::default().tag(text)
}

/// The first dateline in the first few thousand bytes of `text`, if any: the date a
/// section of news was published.
pub fn find_dateline(text: &str) -> Option<Day> {
    let mut cut = text.len().min(3000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut t = Tagger::default();
    t.tag(&text[..cut])
        .into_iter()
        .find(|d| d.dateline)
        .map(|d| d.date.start)
}

/// A date tagger that carries context across paragraphs: the last date it found (so
/// «همان سال» in a later paragraph resolves against a date in an earlier one) and the
/// document's date and calendar.
#[derive(Clone, Debug, Default)]
pub struct Tagger {
    /// The last date found (absolute or resolved).
    pub last: Option<FuzzyDate>,
    /// The document (or section) the text belongs to. A dateline found in the text
    /// replaces `doc.date` for the text after it.
    pub doc: DocContext,
    /// The last year the text stated outright, its calendar, and its token index in the
    /// text being tagged (`None` when it was stated in an earlier text).
    year_hint: Option<(i32, Cal, Option<usize>)>,
}

impl Tagger {
    /// A tagger for a document with a known context.
    pub fn with_context(doc: DocContext) -> Self {
        Self {
            doc,
            ..Self::default()
        }
    }

    /// Starts a new section (a news item): forgets the last date and year, and takes
    /// `date` as the section's document date.
    pub fn start_section(&mut self, date: Option<Day>) {
        self.last = None;
        self.year_hint = None;
        self.doc.date = date;
    }

    /// Finds the dates in `text`, in order, non-overlapping.
    pub fn tag(&mut self, text: &str) -> Vec<TaggedDate> {
        let toks = tokenize(text);
        if self.doc.date.is_some() {
            // With a document date, a year stated in an earlier paragraph does not carry.
            self.year_hint = None;
        }
        if let Some(h) = &mut self.year_hint {
            h.2 = None;
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !words::may_start(&toks[i]) {
                i += 1;
                continue;
            }
            let found = {
                let c = Ctx {
                    toks: &toks,
                    last: self.last.as_ref(),
                    doc: &self.doc,
                    year_hint: self.year_hint,
                };
                // «حدود»: approximate.
                let about = c.is(i, &["حدود", "حدودا", "حوالی", "نزدیک"]);
                let at = if about { i + 1 } else { i };
                let f = rules::part_of(&c, at)
                    .or_else(|| rules::range(&c, at))
                    .or_else(|| rules::absolute(&c, at))
                    .or_else(|| relative::relative(&c, at));
                f.map(|mut f| {
                    f.approximate |= about;
                    if !f.dateline && f.precision == Precision::Day {
                        f.dateline = is_dateline(&c, i, f.next);
                    }
                    (i, f)
                })
            };
            match found {
                Some((from, f)) if f.next > from && f.next <= toks.len() => {
                    let range = toks[from].range.start..toks[f.next - 1].range.end;
                    let dateline = f.dateline;
                    let explicit = f.cal.filter(|_| f.note.is_empty());
                    let date = to_date(f.clone(), &text[range.clone()]);
                    if dateline {
                        self.doc.date = Some(date.start);
                    } else if let Some(cal) = explicit {
                        self.year_hint =
                            Some((calendars::year_of(date.start, cal), cal, Some(from)));
                    }
                    self.last = Some(date.clone());
                    out.push(TaggedDate {
                        range,
                        date,
                        dateline,
                    });
                    i = f.next;
                }
                _ => i += 1,
            }
        }
        out
    }
}

fn to_date(f: Found, wording: &str) -> FuzzyDate {
    let mut date = FuzzyDate::new(f.start, f.end, f.precision, wording);
    date.approximate = f.approximate;
    date.note = f.note;
    date
}

/// Whether the day found at tokens `from..next` is a dateline: after «تاریخ انتشار:» /
/// «تاریخ:», or alone in its text (a time after it allowed).
fn is_dateline(c: &Ctx, from: usize, next: usize) -> bool {
    let label = |k: usize| {
        k >= 2
            && c.key(k - 1) == ":"
            && matches!(
                c.key(k - 2),
                "انتشار" | "تاریخ" | "تاریخانتشار" | "بروزرسانی" | "date"
            )
    };
    // «تاریخ انتشار: ۱۲:۳۰ - ۱۲ مهر ۱۴۰۳»: a time may stand between label and date.
    let mut j = from;
    let time_part = |k: usize| c.toks[k].kind == Kind::Num && c.toks[k].digits() <= 2;
    while j > 0 && from - j < 6 && (time_part(j - 1) || c.key(j - 1) == "-") {
        j -= 1;
        if j > 1 && c.key(j - 1) == ":" && time_part(j - 2) {
            j -= 1;
        }
    }
    let after_label = label(from) || (j < from && label(j));
    let alone = from == 0
        && c.toks[next..]
            .iter()
            .all(|t| t.kind == Kind::Num || matches!(t.key.as_ref(), ":" | "-" | "+" | "." | "،"));
    after_label || alone
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

    /// Dates found with a document context: (wording, start, end) of each.
    fn check_in(doc: Option<&str>, cal: Option<Cal>, text: &str, expected: &[(&str, &str, &str)]) {
        let date = doc.map(|d| d.parse::<Day>().unwrap_or_else(|e| panic!("{d}: {e}")));
        let mut t = Tagger::with_context(DocContext {
            date,
            calendar: cal,
        });
        let got: Vec<(String, String, String)> = t
            .tag(text)
            .iter()
            .map(|t| {
                assert_eq!(
                    t.date.wording,
                    &text[t.range.clone()],
                    "wording in «{text}»"
                );
                (
                    t.date.wording.clone(),
                    t.date.start.to_string(),
                    t.date.end.to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = expected
            .iter()
            .map(|&(w, s, e)| (w.to_owned(), s.to_owned(), e.to_owned()))
            .collect();
        assert_eq!(got, want, "dates in «{text}» (document date {doc:?})");
    }

    /// A Saturday: 15 Shahrivar 1404.
    const SAT: Option<&str> = Some("2025-09-06");

    #[test]
    fn words_relative_to_the_document_date() {
        for (text, exp) in [
            (
                "دیروز نشست برگزار شد.",
                vec![("دیروز", "2025-09-05", "2025-09-05")],
            ),
            (
                "امروز قرارداد امضا می‌شود.",
                vec![("امروز", "2025-09-06", "2025-09-06")],
            ),
            (
                "روز گذشته وزیر سخن گفت.",
                vec![("روز گذشته", "2025-09-05", "2025-09-05")],
            ),
            (
                "وزیر روز دوشنبه به کابل رفت.",
                vec![("روز دوشنبه", "2025-09-01", "2025-09-01")],
            ),
            (
                "مسابقه از روز شنبه آغاز شد.",
                vec![("روز شنبه", "2025-09-06", "2025-09-06")],
            ),
            (
                "دوشنبه آینده جلسه برگزار می‌شود.",
                vec![("دوشنبه آینده", "2025-09-08", "2025-09-08")],
            ),
            (
                "پنجشنبه گذشته باران بارید.",
                vec![("پنجشنبه گذشته", "2025-09-04", "2025-09-04")],
            ),
            (
                "جلسه روز سه شنبه برگزار خواهد شد.",
                vec![("روز سه شنبه", "2025-09-09", "2025-09-09")],
            ),
            (
                "هفته گذشته بازار آرام بود.",
                vec![("هفته گذشته", "2025-08-30", "2025-09-05")],
            ),
            (
                "هفته آینده نتایج اعلام می‌شود.",
                vec![("هفته آینده", "2025-09-13", "2025-09-19")],
            ),
            (
                "ماه گذشته صادرات کم شد.",
                vec![("ماه گذشته", "2025-07-23", "2025-08-22")],
            ),
            (
                "سال گذشته تورم بالا بود.",
                vec![("سال گذشته", "2024-03-20", "2025-03-20")],
            ),
            (
                "پارسال تورم بالا بود.",
                vec![("پارسال", "2024-03-20", "2025-03-20")],
            ),
            (
                "امسال باران کم بود.",
                vec![("امسال", "2025-03-21", "2026-03-20")],
            ),
            (
                "در مردادماه پارسال ابلاغ شد.",
                vec![("مردادماه پارسال", "2024-07-22", "2024-08-21")],
            ),
            (
                "در ماه مارس آینده",
                vec![("مارس آینده", "2026-03-01", "2026-03-31")],
            ),
            (
                "در زمستان سال گذشته",
                vec![("زمستان سال گذشته", "2024-12-21", "2025-03-20")],
            ),
            (
                "از آغاز سال جاری میلادی تاکنون",
                vec![("از آغاز سال جاری میلادی تاکنون", "2025-01-01", "2025-09-06")],
            ),
            (
                "از ابتدای مردادماه تا کنون",
                vec![("از ابتدای مردادماه تا کنون", "2025-07-23", "2025-09-06")],
            ),
            (
                "طی دو ماه گذشته",
                vec![("دو ماه گذشته", "2025-07-06", "2025-09-06")],
            ),
            (
                "طی یکسال گذشته",
                vec![("یکسال گذشته", "2024-09-06", "2025-09-06")],
            ),
            (
                "سه‌شنبه هفته گذشته رفت.",
                vec![("سه\u{200c}شنبه هفته گذشته", "2025-09-02", "2025-09-02")],
            ),
            // «این هفته» alone is too vague to date an event.
            ("این هفته", vec![]),
            (
                "سه روز پیش",
                vec![("سه روز پیش", "2025-09-03", "2025-09-03")],
            ),
            (
                "دو سال پیش",
                vec![("دو سال پیش", "2023-03-21", "2024-03-19")],
            ),
            ("چهارشنبه سوری نزدیک است.", vec![]),
            ("روزنامه امروز نوشت.", vec![]),
            ("هر دوشنبه جلسه دارند.", vec![]),
            ("هر سال دولت در اواخر فروردین بودجه را ابلاغ می‌کند.", vec![]),
        ] {
            check_in(SAT, None, text, &exp);
        }
    }

    #[test]
    fn nights_months_of_named_years_and_reported_weekdays() {
        for (doc, text, exp) in [
            (
                SAT,
                "شب گذشته در مهمانی سخن گفت.",
                vec![("شب گذشته", "2025-09-05", "2025-09-05")],
            ),
            (
                SAT,
                "نیمه‌شب گذشته زمین لرزید.",
                vec![("نیمه‌شب گذشته", "2025-09-05", "2025-09-05")],
            ),
            (
                SAT,
                "گزارش را خرداد امسال منتشر کرد.",
                vec![("خرداد امسال", "2025-05-22", "2025-06-21")],
            ),
            (
                SAT,
                "مهلت را اسفند پارسال تمدید کردند.",
                vec![("اسفند پارسال", "2025-02-19", "2025-03-20")],
            ),
            // The reporting verb sets the tense, not the complement after «که».
            (
                SAT,
                "وزیر روز سه‌شنبه در نشستی گفت که انتظار دارد تورم کم شود.",
                vec![("روز سه‌شنبه", "2025-09-02", "2025-09-02")],
            ),
            (
                SAT,
                "وزیر روز سه‌شنبه به کرمان خواهد رفت.",
                vec![("روز سه‌شنبه", "2025-09-09", "2025-09-09")],
            ),
        ] {
            check_in(doc, None, text, &exp);
        }
    }

    #[test]
    fn parts_of_years_and_months() {
        for (doc, text, exp) in [
            (
                SAT,
                "تورم در سه ماهه دوم سال جاری کم شد.",
                vec![("سه ماهه دوم سال جاری", "2025-06-22", "2025-09-22")],
            ),
            (
                SAT,
                "صادرات در سه‌ماهه نخست امسال بالا رفت.",
                vec![("سه‌ماهه نخست امسال", "2025-03-21", "2025-06-21")],
            ),
            (
                None,
                "در نیمه دوم سال ۱۴۰۲ چنین بود.",
                vec![("نیمه دوم سال ۱۴۰۲", "2023-09-23", "2024-03-19")],
            ),
            (
                None,
                "در شش ماهه اول سال ۲۰۱۹ چنین بود.",
                vec![("شش ماهه اول سال ۲۰۱۹", "2019-01-01", "2019-06-30")],
            ),
            (
                None,
                "در اواخر مرداد ۱۴۰۳ چنین بود.",
                vec![("اواخر مرداد ۱۴۰۳", "2024-08-11", "2024-08-21")],
            ),
            (
                None,
                "در اوایل مارس ۲۰۲۰ چنین بود.",
                vec![("اوایل مارس ۲۰۲۰", "2020-03-01", "2020-03-10")],
            ),
        ] {
            check_in(doc, None, text, &exp);
        }
    }

    #[test]
    fn ranges_with_words_between_and_life_spans() {
        for (doc, text, exp) in [
            (
                None,
                "او از سال ۱۹۷۰ تا زمان بازنشستگی در سال ۱۹۹۲ معلم بود.",
                vec![(
                    "از سال ۱۹۷۰ تا زمان بازنشستگی در سال ۱۹۹۲",
                    "1970-01-01",
                    "1992-12-31",
                )],
            ),
            (
                None,
                "از ۱۳۹۰ تا پایان سال ۱۳۹۴ ادامه داشت.",
                vec![("از ۱۳۹۰ تا پایان سال ۱۳۹۴", "2011-03-21", "2016-03-19")],
            ),
            // Too far apart: two dates.
            (
                None,
                "از سال ۱۹۷۰ تا وقتی که همه شاگردان او در آن مدرسه درس خواندند و در سال ۱۹۹۲ رفتند.",
                vec![
                    ("سال ۱۹۷۰", "1970-01-01", "1970-12-31"),
                    ("سال ۱۹۹۲", "1992-01-01", "1992-12-31"),
                ],
            ),
            // «آن سال»: the year of the date before.
            (
                None,
                "در سال ۱۹۹۰ به شهر آمد و آن سال را فراموش نکرد.",
                vec![
                    ("سال ۱۹۹۰", "1990-01-01", "1990-12-31"),
                    ("آن سال", "1990-01-01", "1990-12-31"),
                ],
            ),
            // A birth and a death after a name.
            (
                None,
                "گاندی (۲ اکتبر ۱۸۶۹ – ۳۰ ژانویه ۱۹۴۸) رهبر بود.",
                vec![
                    ("۲ اکتبر ۱۸۶۹", "1869-10-02", "1869-10-02"),
                    ("۳۰ ژانویه ۱۹۴۸", "1948-01-30", "1948-01-30"),
                ],
            ),
        ] {
            check_in(doc, None, text, &exp);
        }
    }

    #[test]
    fn relative_words_without_a_document_date_are_not_dated() {
        for text in [
            "دیروز نشست برگزار شد.",
            "روزنامه امروز آمریکا نوشت.",
            "وزیر روز دوشنبه به کابل رفت.",
            "سال گذشته تورم بالا بود.",
            "در ۱۷ بهمن امسال",
        ] {
            check_in(None, None, text, &[]);
        }
    }

    #[test]
    fn days_and_months_take_the_year_of_their_context() {
        // 24 Dey 1381 = 14 January 2003.
        let dey = Some("2003-01-14");
        for (doc, text, exp) in [
            (
                dey,
                "نشست پنجشنبه ۲۶ دی برگزار می‌شود.",
                vec![("پنجشنبه ۲۶ دی", "2003-01-16", "2003-01-16")],
            ),
            (
                dey,
                "قرارداد ۲۰ اسفند امضا شد.",
                vec![("۲۰ اسفند", "2002-03-11", "2002-03-11")],
            ),
            (
                dey,
                "مراسم دوازدهم بهمن ماه است.",
                vec![("دوازدهم بهمن ماه", "2003-02-01", "2003-02-01")],
            ),
            (
                dey,
                "در بیست و دوم بهمن",
                vec![("بیست و دوم بهمن", "2003-02-11", "2003-02-11")],
            ),
            (
                dey,
                "در ۱۲ بهمن ۸۱",
                vec![("۱۲ بهمن ۸۱", "2003-02-01", "2003-02-01")],
            ),
            (
                dey,
                "در بهمن ماه ۵۷",
                vec![("بهمن ماه ۵۷", "1979-01-21", "1979-02-19")],
            ),
            (
                dey,
                "۱۷ بهمن امسال",
                vec![("۱۷ بهمن امسال", "2003-02-06", "2003-02-06")],
            ),
            (
                dey,
                "در فصل تابستان",
                vec![("فصل تابستان", "2002-06-22", "2002-09-22")],
            ),
            (
                None,
                "پیمان در سال ۱۹۹۸ آماده شد و در ۵ نوامبر امضا شد.",
                vec![
                    ("سال ۱۹۹۸", "1998-01-01", "1998-12-31"),
                    ("۵ نوامبر", "1998-11-05", "1998-11-05"),
                ],
            ),
            (None, "در ۵ نوامبر امضا شد.", vec![]),
            (dey, "خیابان ۱۶ آذر و نبش۱۶آذر", vec![]),
            (dey, "سینماهای آزادی،۱ بهمن، ساحل", vec![]),
            (dey, "نمایشگاه در دی ماه هر سال برپا می‌شود.", vec![]),
        ] {
            check_in(doc, None, text, &exp);
        }
    }

    #[test]
    fn one_day_in_two_calendars_is_one_date() {
        for (doc, text, exp) in [
            (
                None,
                "در هشتم ماه ژوئیه (۱۸ تیر) ۲۰۲۴ امضا شد",
                vec![("هشتم ماه ژوئیه (۱۸ تیر) ۲۰۲۴", "2024-07-08", "2024-07-08")],
            ),
            (
                SAT,
                "در ۱۰ سپتامبر ۱۹ شهریور ماه",
                vec![("۱۰ سپتامبر ۱۹ شهریور ماه", "2025-09-10", "2025-09-10")],
            ),
            (
                SAT,
                "روز سه‌شنبه - ۱۱ شهریور، ۲ سپتامبر - بورس",
                vec![(
                    "روز سه‌شنبه - ۱۱ شهریور، ۲ سپتامبر",
                    "2025-09-02",
                    "2025-09-02",
                )],
            ),
            (
                SAT,
                "بازار در آگوست (اوت) آرام بود",
                vec![("آگوست (اوت)", "2025-08-01", "2025-08-31")],
            ),
            (
                SAT,
                "امروز شنبه ۱۵ شهریور ۱۴۰۴",
                vec![("امروز شنبه ۱۵ شهریور ۱۴۰۴", "2025-09-06", "2025-09-06")],
            ),
        ] {
            check_in(doc, None, text, &exp);
        }
    }

    #[test]
    fn lunar_hijri() {
        for (text, start) in [
            ("۱۵ رمضان ۱۴۴۵", "2024-03-2"),
            ("ماه رمضان المبارک ۱۴۴۶", "2025-0"),
            ("ربیع الاول ۱۴۴۷", "2025-08-2"),
            ("ذی‌الحجه ۱۴۴۵ ه.ق.", "2024-06-0"),
            ("در حدود سال ۲۵۷ هجری قمری/ ۸۷۰ میلادی", "0870-12"),
        ] {
            let got = tag_dates(text);
            assert_eq!(got.len(), 1, "one date in «{text}»: {got:?}");
            let s = got[0].date.start.to_string();
            assert!(s.starts_with(start), "«{text}» starts {s}, want {start}…");
        }
        // A lunar month alone is a word, not a date.
        check_in(SAT, None, "عدد صفر و ماه", &[]);
    }

    #[test]
    fn bare_years_and_decades_take_the_document_calendar() {
        let g = Some(Cal::Gregorian);
        let s = Some(Cal::Solar);
        for (cal, text, exp) in [
            (
                g,
                "در دهه ۴۰ ساخته شد",
                vec![("دهه ۴۰", "1940-01-01", "1949-12-31")],
            ),
            (
                s,
                "در دهه ۴۰ ساخته شد",
                vec![("دهه ۴۰", "1961-03-21", "1971-03-20")],
            ),
            (
                s,
                "در دهه هفتاد",
                vec![("دهه هفتاد", "1991-03-21", "2001-03-20")],
            ),
            (
                s,
                "اوایل دهه هفتاد",
                vec![("اوایل دهه هفتاد", "1991-03-21", "1995-03-20")],
            ),
            (
                g,
                "آثار دهه‌های ۴۰ و ۵۰",
                vec![("دهه‌های ۴۰ و ۵۰", "1940-01-01", "1959-12-31")],
            ),
            (
                g,
                "در سال‌های پایانی دهه ۴۰",
                vec![("سال‌های پایانی دهه ۴۰", "1947-01-01", "1949-12-31")],
            ),
            (g, "در قرن ۱۹", vec![("قرن ۱۹", "1800-01-01", "1899-12-31")]),
            (
                s,
                "در قرن نوزدهم",
                vec![("قرن نوزدهم", "1800-01-01", "1899-12-31")],
            ),
            (
                s,
                "بهار سال ۸۴",
                vec![("بهار سال ۸۴", "2005-03-21", "2005-06-21")],
            ),
            (s, "دهه فجر و ده‌ها سال", vec![]),
        ] {
            check_in(None, cal, text, &exp);
        }
    }

    #[test]
    fn ranges() {
        let farvardin = Some("2006-04-13");
        for (doc, text, exp) in [
            (
                farvardin,
                "نمایشگاه /۱۶تا۲۵ فروردین/ خیابان",
                vec![("۱۶تا۲۵ فروردین", "2006-04-05", "2006-04-14")],
            ),
            (
                None,
                "از ۳ تا ۹ اسفند سال ۱۳۵۸",
                vec![("از ۳ تا ۹ اسفند سال ۱۳۵۸", "1980-02-22", "1980-02-28")],
            ),
            (
                None,
                "جنگ (۱۹۸۸- ۱۹۸۰)",
                vec![("۱۹۸۸- ۱۹۸۰", "1980-01-01", "1988-12-31")],
            ),
            (
                None,
                "بین سال‌های ۱۹۵۸، ۱۹۴۸",
                vec![("بین سال‌های ۱۹۵۸، ۱۹۴۸", "1948-01-01", "1958-12-31")],
            ),
            (
                None,
                "طی سال‌های ۱۳۴۰ تا ۱۳۵۰",
                vec![("سال‌های ۱۳۴۰ تا ۱۳۵۰", "1961-03-21", "1972-03-20")],
            ),
            (
                None,
                "از ۱۹۹۱ تا ۱۹۹۴",
                vec![("از ۱۹۹۱ تا ۱۹۹۴", "1991-01-01", "1994-12-31")],
            ),
            (
                None,
                "از سال ۱۳۶۱ تاکنون",
                vec![("از سال ۱۳۶۱ تاکنون", "1982-03-21", "1983-03-20")],
            ),
        ] {
            check_in(doc, None, text, &exp);
        }
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for text in [
            "تا پایان سال ۲۵ درصد کاهش",
            "کودکان زیر ۱۶ سال",
            "جوانان ۱۵ و ۲۴ ساله",
            "پس از ۵۰ سال",
            "سرشماری‌های ۱۰ ساله",
            "نشانی https://example.ir/2016/01/19/news",
            "ساعت ۱۸:۳۰ آغاز می‌شود",
            "کد مطلب ۳۵۹۵۹۸",
            "تلفن: ۸۸۹۶۰۴۵۳",
            "قیمت ۱۲۵۰۰ تومان",
            "نشانی: پلاک ۱۳۲۰ و ماده ۱۹۸۰ قانون",
        ] {
            check_in(SAT, None, text, &[]);
        }
    }

    #[test]
    fn datelines_set_the_document_date() {
        for (text, want) in [
            ("تاریخ انتشار: ۱۴۰۳/۰۹/۲۲ - ۱۱:۲۰:۰۷", "2024-12-12"),
            ("تاریخ انتشار: 1384/04/08", "2005-06-29"),
            ("1403-11-02 08:14:51+0330", "2025-01-21"),
            ("۲۴ مرداد ۱۳۹۶", "2017-08-15"),
            ("Wednesday, August 15, 2017", "2017-08-15"),
            ("تاریخ انتشار: دوشنبه ۱۲ آذر ۱۴۰۳ - ۱۸:۲۹", "2024-12-02"),
            ("تاریخ انتشار: ۱۸:۲۹ - ۱۲ آذر ۱۴۰۳", "2024-12-02"),
            ("تاریخ: ۳۰/۰۵/۱۴۰۴", "2025-08-21"),
            ("1404.05.30", "2025-08-21"),
        ] {
            assert_eq!(
                find_dateline(text).map(|d| d.to_string()),
                Some(want.to_owned()),
                "dateline «{text}»"
            );
        }
        assert_eq!(
            find_dateline("در ۲۴ مرداد ۱۳۹۶ نشستی بود."),
            None,
            "not a dateline"
        );
        // A dateline in the text anchors the words after it.
        let mut t = Tagger::default();
        let found = t.tag("تاریخ انتشار: ۱۴۰۳/۰۹/۲۲ - ۱۱:۲۰ دیروز سفیر گفت.");
        let got: Vec<(bool, String)> = found
            .iter()
            .map(|d| (d.dateline, d.date.start.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (true, "2024-12-12".to_owned()),
                (false, "2024-12-11".to_owned())
            ]
        );
        // A new section forgets the old date.
        t.start_section(None);
        assert!(
            t.tag("دیروز").is_empty(),
            "no date after start_section(None)"
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
        fn arbitrary_text_in_context_never_panics(s in "\\PC{0,120}") {
            let mut t = Tagger::with_context(DocContext {
                date: "2025-09-06".parse().ok(),
                calendar: Some(Cal::Gregorian),
            });
            let mut end = 0;
            for d in t.tag(&s) {
                prop_assert!(s.is_char_boundary(d.range.start) && s.is_char_boundary(d.range.end));
                prop_assert!(d.range.start <= d.range.end && end <= d.range.start);
                end = d.range.end;
                prop_assert_eq!(&d.date.wording, &s[d.range.clone()]);
                prop_assert!(d.date.start <= d.date.end);
            }
        }

        #[test]
        fn dateish_text_in_context(s in "(در|سال|دهه|اواخر|همان|یک|ماه|بعد|پیش|تا|تاکنون|از|ابتدای|و|-|/|:|\\(|\\)|،|مهر|بهمن|رمضان|ربیع|الاول|نوامبر|پاییز|فصل|امروز|دیروز|گذشته|آینده|روز|شنبه|دوشنبه|هفته|امسال|پارسال|قرن|هجری|قمری|میلادی|دوازدهم|بیست|[۰-۹]{1,4}|[0-9]{1,4}| ){0,16}") {
            let mut t = Tagger::with_context(DocContext {
                date: "2003-01-14".parse().ok(),
                calendar: None,
            });
            for d in t.tag(&s) {
                prop_assert!(s.is_char_boundary(d.range.start) && s.is_char_boundary(d.range.end));
                prop_assert_eq!(&d.date.wording, &s[d.range.clone()]);
                prop_assert!(d.date.start <= d.date.end);
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
