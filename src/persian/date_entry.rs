//! Dates as a reader types them into a date field: any wording the date tagger reads
//! («اواخر دهه ۱۳۶۰», «۱۲ بهمن ۱۳۵۷», «spring 1999», «1357/11/12»), in either calendar and
//! in Persian or Latin digits, read by the tagger itself so the field and the importer
//! agree; the whole entry must be the date, or the entry is refused with what was and was
//! not understood.

use crate::model::FuzzyDate;

use super::dates::{Calendar, day_text};
use super::tagger::{DocContext, Tagger};

/// Why an entry is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("no date entered")]
    Empty,
    #[error("«{0}» is not a date the tagger can read")]
    NotADate(String),
    #[error("only «{understood}» is a date; «{rest}» is not understood")]
    Leftover { understood: String, rest: String },
}

impl EntryError {
    /// The message in Persian (`fa`) or English.
    pub fn message(&self, fa: bool) -> String {
        if !fa {
            return self.to_string();
        }
        match self {
            Self::Empty => "تاریخی وارد نشده است".to_owned(),
            Self::NotADate(s) => format!("«{s}» تاریخی خواندنی نیست"),
            Self::Leftover { understood, rest } => {
                format!("فقط «{understood}» تاریخ است؛ «{rest}» خوانده نشد")
            }
        }
    }
}

/// Marks allowed around a date in an entry: they are not part of it.
fn is_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '،' | ',' | '؛' | ';' | '«' | '»' | '"' | '(' | ')')
}

/// Reads `input` as one date in the context of its document (`doc` anchors relative
/// wordings such as «دیروز» and bare two-digit years). The date's wording is the input,
/// trimmed.
pub fn parse(input: &str, doc: &DocContext) -> Result<FuzzyDate, EntryError> {
    let text = input.trim_matches(is_filler);
    if text.is_empty() {
        return Err(EntryError::Empty);
    }
    let mut tagger = Tagger::with_context(doc.clone());
    let found = tagger.tag(text);
    let Some(first) = found.into_iter().next() else {
        return Err(EntryError::NotADate(text.to_owned()));
    };
    let before = &text[..first.range.start];
    let after = &text[first.range.end..];
    if !before.chars().all(is_filler) || !after.chars().all(is_filler) {
        let rest = format!("{before} {after}");
        return Err(EntryError::Leftover {
            understood: first.date.wording.clone(),
            rest: rest.trim_matches(is_filler).to_owned(),
        });
    }
    let mut date = first.date;
    date.wording = text.to_owned();
    Ok(date)
}

/// The exact days a date covers in one calendar: «۱ فروردین ۱۳۶۶ – ۲۹ اسفند ۱۳۶۸», or
/// one day.
pub fn days_text(date: &FuzzyDate, cal: Calendar, fa: bool) -> String {
    if date.start == date.end {
        day_text(date.start, cal, fa)
    } else {
        format!(
            "{} – {}",
            day_text(date.start, cal, fa),
            day_text(date.end, cal, fa)
        )
    }
}

/// The resolved interval in both calendars, Solar Hijri first in Persian and Gregorian
/// first in English, one per line.
pub fn resolved_text(date: &FuzzyDate, fa: bool) -> String {
    let (a, b) = if fa {
        (Calendar::SolarHijri, Calendar::Gregorian)
    } else {
        (Calendar::Gregorian, Calendar::SolarHijri)
    };
    format!("{}\n{}", days_text(date, a, fa), days_text(date, b, fa))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    fn doc() -> DocContext {
        DocContext {
            date: "2024-05-01".parse().ok(),
            calendar: None,
        }
    }

    #[test]
    fn wordings_in_both_calendars_and_scripts() {
        for (input, start, end, precision) in [
            ("۱۲ بهمن ۱۳۵۷", "1979-02-01", "1979-02-01", Precision::Day),
            ("12 بهمن 1357", "1979-02-01", "1979-02-01", Precision::Day),
            (
                "اواخر دهه ۱۳۶۰",
                "1988-03-21",
                "1991-03-20",
                Precision::PartOfDecade,
            ),
            ("spring 1999", "1999-03-20", "1999-06-20", Precision::Season),
            (
                "Spring of 1999",
                "1999-03-20",
                "1999-06-20",
                Precision::Season,
            ),
            ("March 1999", "1999-03-01", "1999-03-31", Precision::Month),
            ("the 1990s", "1990-01-01", "1999-12-31", Precision::Decade),
            (
                "late 1980s",
                "1987-01-01",
                "1989-12-31",
                Precision::PartOfDecade,
            ),
            (
                "mid-1990s",
                "1994-01-01",
                "1996-12-31",
                Precision::PartOfDecade,
            ),
            ("early 2003", "2003-01-01", "2003-05-01", Precision::Range),
            (
                "12 February 1979",
                "1979-02-12",
                "1979-02-12",
                Precision::Day,
            ),
            ("۱۳۵۷/۱۱/۱۲", "1979-02-01", "1979-02-01", Precision::Day),
            ("۲۰۱۹", "2019-01-01", "2019-12-31", Precision::Year),
            ("پاییز ۲۰۲۲", "2022-09-23", "2022-12-21", Precision::Season),
            ("«دیروز».", "2024-04-30", "2024-04-30", Precision::Day),
        ] {
            let d = parse(input, &doc()).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(
                (d.start.to_string(), d.end.to_string(), d.precision),
                (start.to_owned(), end.to_owned(), precision),
                "{input}"
            );
            assert_eq!(d.wording, input.trim_matches(is_filler), "{input}");
        }
    }

    #[test]
    fn what_is_not_a_date_is_said() {
        for (input, want) in [
            ("", EntryError::Empty),
            ("  ، ", EntryError::Empty),
            ("چیزی نیست", EntryError::NotADate("چیزی نیست".into())),
            ("spring", EntryError::NotADate("spring".into())),
            (
                "۱۲ بهمن ۱۳۵۷ ساعت نه",
                EntryError::Leftover {
                    understood: "۱۲ بهمن ۱۳۵۷".into(),
                    rest: "ساعت نه".into(),
                },
            ),
        ] {
            assert_eq!(parse(input, &doc()), Err(want.clone()), "«{input}»");
            assert!(!want.message(true).is_empty());
        }
    }

    #[test]
    fn the_interval_reads_in_both_calendars() {
        let d = parse("۱۲ بهمن ۱۳۵۷", &doc()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resolved_text(&d, true), "۱۲ بهمن ۱۳۵۷\n۱ فوریه ۱۹۷۹");
        assert_eq!(resolved_text(&d, false), "1 February 1979\n12 Bahman 1357");
        let d = parse("spring 1999", &doc()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            resolved_text(&d, false),
            "20 March 1999 – 20 June 1999\n29 Esfand 1377 – 30 Khordad 1378"
        );
    }
}
