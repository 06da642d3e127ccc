//! The attribution finder: who reported, announced, stressed or said what.
//!
//! A paragraph is split into [`sentences`]; in each, the finder looks for
//! - reporting verbs ([`verbs`]: «گفت»، «افزود»، «اظهار داشت»، «اعلام کرده‌اند»،
//!   «می‌گوید» … in every person, tense, negation and spelling) and the subject before
//!   each ([`names`]: where a name starts and ends, its role, its kind);
//! - cue phrases, datelines, passive agents and interviewers ([`patterns`]: «به گزارش
//!   X»، «X: …»، «توسط X اعلام شد»، «در گفت‌وگو با شبکه X»);
//! - follow-ups («وی افزود»، «این مقام تصریح کرد»), reported as anaphors and resolved
//!   across the article, with surnames and roles, by [`coref::Resolver`].
//!
//! ```
//! use gahnegar::persian::attribution::find_attributions;
//! let found = find_attributions("به گزارش خبرگزاری پارس، کاوه نیکو گفت: باران می‌آید.");
//! let names: Vec<&str> = found
//!     .iter()
//!     .flat_map(|a| a.speakers.iter().map(|s| s.name.as_str()))
//!     .collect();
//! assert_eq!(names, ["خبرگزاری پارس", "کاوه نیکو"]);
//! ```

use std::ops::Range;

use crate::model::{ClaimKind, SourceKind};
use crate::persian::fold::fold_text;

pub mod coref;
pub mod names;
pub mod patterns;
mod sentences;
pub mod verbs;

pub use sentences::sentences;

/// How a speaker is tied to its claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    /// The subject of a reporting verb: «X گفت».
    Subject,
    /// Named by a cue phrase: «به گزارش X»، «به نقل از X».
    Cue,
    /// A dateline at the start of an item: «X: …».
    Dateline,
    /// The agent of a passive report: «توسط X اعلام شد».
    Agent,
    /// The outlet a subject spoke to: «در گفت‌وگو با شبکه X».
    Interview,
}

/// One speaker of an attribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// Byte range of the mention in the text (the name, or its Latin alias).
    pub range: Range<usize>,
    /// The name as written, without brackets or role.
    pub name: String,
    /// A Latin alias written beside it: «(INSS)».
    pub alias: String,
    /// Role in apposition: «سرگئی لاوروف، وزیر خارجه روسیه» → «وزیر خارجه روسیه».
    pub role: String,
    pub kind: SourceKind,
    pub via: Via,
}

/// A claim: speakers, a reporting verb and the clause they carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The named speakers; empty when [`Attribution::anaphor`] is set.
    pub speakers: Vec<Speaker>,
    /// Byte range of a pronoun or demonstrative subject («وی»، «این مقام») whose speaker
    /// is an earlier one (see [`coref::Resolver`]).
    pub anaphor: Option<Range<usize>>,
    pub kind: ClaimKind,
    /// Byte range of the claim's clause or sentence (trimmed).
    pub clause: Range<usize>,
    /// Byte range of the reporting verb (or of the cue phrase for a cue, dateline or
    /// passive).
    pub verb: Range<usize>,
    /// The verb continues a speech («افزود»، «ادامه داد»): a speaker named here for the
    /// first time may be the one who was speaking, named so far only by a role.
    pub continues: bool,
}

/// Verbs that continue a speech (folded, without spaces).
const CONTINUING: [&str; 4] = ["افزود", "افزای", "ادامهداد", "اضافهکرد"];

/// Subjects with which «نشان داد» reports («گزارش‌ها نشان داد»); studies and statistics
/// («بررسی‌ها نشان می‌دهد») are evidence, not sources.
const EVIDENCE_HEADS: [&str; 2] = ["گزارش", "نظرسنجی"];

/// Attributions in a paragraph, in order. A sentence with several reporting verbs gives a
/// claim per verb (the later ones from after the previous verb), with the same speakers
/// unless a new subject stands before the verb. Follow-ups within the paragraph are left
/// as anaphors.
pub fn find_attributions(text: &str) -> Vec<Attribution> {
    find_attributions_in(text, &sentences(text))
}

/// [`find_attributions`] with the paragraph's [`sentences`] already found.
pub fn find_attributions_in(text: &str, sentences: &[Range<usize>]) -> Vec<Attribution> {
    let mut out = Vec::new();
    for sent in sentences.iter().cloned() {
        if text.get(sent.clone()).is_none() {
            continue;
        }
        sentence_attributions(text, sent, &mut out);
    }
    out
}

fn sentence_attributions(text: &str, sent: Range<usize>, out: &mut Vec<Attribution>) {
    let s = &text[sent.clone()];
    let all_verbs: Vec<(Range<usize>, ClaimKind)> = verbs::verbs_in(s)
        .into_iter()
        .map(|(r, k)| (sent.start + r.start..sent.start + r.end, k))
        .collect();
    // Verbs inside a quotation, or after a «X گفت:» colon, are the quoted speaker's.
    let quotes = Quotes::new(s);
    let mut verbs: Vec<(Range<usize>, ClaimKind)> = Vec::new();
    for (r, k) in all_verbs {
        if quotes.inside(r.start - sent.start) {
            continue;
        }
        if let Some((prev, _)) = verbs.last()
            && text[prev.end..r.start].trim_start().starts_with(':')
            && !text[prev.end..r.start].contains(['.', '!', '?', '؟'])
        {
            break;
        }
        verbs.push((r, k));
    }
    let verb_ranges: Vec<Range<usize>> = verbs.iter().map(|(r, _)| r.clone()).collect();
    let clause_of = |r: Range<usize>| {
        let r = names::trim(text, r);
        let kind = if text[r.clone()].contains('«') {
            ClaimKind::Quotation
        } else {
            ClaimKind::Report
        };
        (r, kind)
    };
    // A dateline source, then cue phrases and passive agents: each a claim on the sentence.
    let mut cited: Vec<patterns::Cited> = Vec::new();
    if let Some(d) = patterns::dateline(text, sent.clone(), &verb_ranges) {
        cited.push(d);
    }
    cited.extend(patterns::cues(text, sent.clone(), &verb_ranges));
    // A passive inside a quotation, or after the first «X گفت:» colon, is the quoted
    // speaker's words.
    let first_colon = verbs
        .iter()
        .filter_map(|(v, _)| {
            let rest = &text[v.end..sent.end];
            let t = rest.trim_start();
            t.starts_with(':').then(|| v.end + rest.len() - t.len())
        })
        .min();
    cited.extend(
        patterns::passives(text, sent.clone())
            .into_iter()
            .filter(|c| {
                let at = c.phrase.start;
                !(quotes.open_at(at - sent.start) || first_colon.is_some_and(|colon| colon < at))
            }),
    );
    for c in &cited {
        let (clause, kind) = clause_of(if c.speaker.via == Via::Dateline {
            c.phrase.end..sent.end
        } else {
            sent.clone()
        });
        if clause.is_empty() {
            continue;
        }
        out.push(Attribution {
            speakers: vec![c.speaker.clone()],
            anaphor: None,
            kind,
            clause,
            verb: c.phrase.clone(),
            continues: false,
        });
    }
    let mut prev_end = sent.start;
    let mut prev: Option<(Vec<Speaker>, Option<Range<usize>>)> = None;
    for (idx, (vr, vkind)) in verbs.iter().enumerate() {
        let clause_start = if idx == 0 {
            sent.start
        } else {
            after_conjunction(text, prev_end)
        };
        // The subject stands after the cue phrases that precede the verb.
        let subj_start = cited
            .iter()
            .filter(|c| c.phrase.end <= vr.start && c.speaker.via != Via::Agent)
            .map(|c| c.phrase.end)
            .max()
            .unwrap_or(clause_start)
            .max(clause_start)
            .min(vr.start);
        let mut pre = subj_start..vr.start;
        let mut subject = names::subject(text, pre.clone(), *vkind);
        // «روزنامه X به نقل از منابع Y نوشت»: the subject stands before the cue.
        if subject == names::Subject::None
            && let Some(c) = cited.iter().rev().find(|c| {
                c.speaker.via == Via::Cue
                    && clause_start <= c.phrase.start
                    && c.phrase.end <= vr.start
            })
        {
            pre = clause_start..c.phrase.start;
            subject = names::subject(text, pre.clone(), *vkind);
        }
        if *vkind == ClaimKind::Report && fold_text(&text[vr.clone()]).starts_with("نشان") {
            subject = match subject {
                names::Subject::Speakers(mut v) => {
                    v.retain(|sp| {
                        EVIDENCE_HEADS
                            .iter()
                            .any(|h| fold_text(&sp.name).starts_with(h))
                    });
                    if v.is_empty() {
                        names::Subject::None
                    } else {
                        names::Subject::Speakers(v)
                    }
                }
                _ => names::Subject::None,
            };
            if subject == names::Subject::None {
                prev_end = vr.end;
                continue;
            }
        }
        // «X … ارزیابی کرد و گفت»: a verb after «و» with no subject of its own found
        // continues the previous verb's subject (a lone connective is never a name).
        let after_and = words_before(text, pre.clone()).is_some_and(|w| fold_text(w) == "و");
        if after_and {
            if let names::Subject::Speakers(v) = &subject
                && v.iter().all(|sp| names::is_connective(&sp.name))
            {
                subject = names::Subject::None;
            }
            if subject == names::Subject::None && prev.is_none() {
                let w = text[pre.clone()].trim_end();
                let at = pre.start + w.len() - "و".len();
                subject = names::Subject::Anaphor(at..pre.start + w.len());
            }
        }
        let (mut speakers, anaphor) = match subject {
            names::Subject::Speakers(v) => (v, None),
            names::Subject::Anaphor(r) => (Vec::new(), Some(r)),
            names::Subject::None => match (&prev, idx > 0) {
                (Some((v, a)), true) => (v.clone(), a.clone()),
                _ => {
                    prev_end = vr.end;
                    continue;
                }
            },
        };
        if let Some(outlet) = patterns::interviewer(text, pre)
            && (!speakers.is_empty() || anaphor.is_some())
        {
            speakers.push(outlet);
        }
        let last = idx + 1 == verbs.len();
        let clause_end = if last { sent.end } else { vr.end };
        let (clause, qkind) = clause_of(clause_start..clause_end);
        let kind = if qkind == ClaimKind::Quotation {
            ClaimKind::Quotation
        } else {
            *vkind
        };
        let folded_verb = fold_text(&text[vr.clone()]);
        let continues = CONTINUING.iter().any(|v| folded_verb.contains(v));
        out.push(Attribution {
            speakers: speakers.clone(),
            anaphor: anaphor.clone(),
            kind,
            clause,
            verb: vr.clone(),
            continues,
        });
        prev = Some((
            speakers
                .into_iter()
                .filter(|s| s.via == Via::Subject)
                .collect(),
            anaphor,
        ));
        prev_end = vr.end;
    }
}

/// The last word of `r`, if any.
fn words_before(text: &str, r: Range<usize>) -> Option<&str> {
    text.get(r)?.split_whitespace().next_back()
}

/// Where a sentence's guillemets are, so that whether an offset is quoted is a binary
/// search, not a count over the text before it (a long sentence with many verbs, or an
/// unbalanced «, made that quadratic).
struct Quotes {
    /// Offsets of «, in order.
    opens: Vec<usize>,
    /// Offsets of », in order.
    closes: Vec<usize>,
}

impl Quotes {
    fn new(s: &str) -> Self {
        let b = s.as_bytes();
        let (mut opens, mut closes) = (Vec::new(), Vec::new());
        // « is C2 AB and » is C2 BB in UTF-8.
        for i in memchr::memchr_iter(0xC2, b) {
            match b.get(i + 1) {
                Some(0xAB) => opens.push(i),
                Some(0xBB) => closes.push(i),
                _ => {}
            }
        }
        crate::work::count(s.len());
        Self { opens, closes }
    }

    /// Whether more « than » stand before `at` (quoted speech, closed or not: the
    /// quotation may run over sentences).
    fn open_at(&self, at: usize) -> bool {
        self.opens.partition_point(|&o| o < at) > self.closes.partition_point(|&c| c < at)
    }

    /// Whether `at` is inside a «quotation» that closes (an unclosed «, common in damaged
    /// text, quotes nothing).
    fn inside(&self, at: usize) -> bool {
        self.open_at(at) && self.closes.last().is_some_and(|&c| c >= at)
    }
}

/// Offset just after « و » following `at`, else `at`.
fn after_conjunction(text: &str, at: usize) -> usize {
    let rest = &text[at..];
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
                let mut who: Vec<(String, SourceKind)> = a
                    .speakers
                    .iter()
                    .map(|s| (s.name.clone(), s.kind))
                    .collect();
                if let Some(r) = &a.anaphor {
                    who.push((format!("→{}", &text[r.clone()]), SourceKind::Unnamed));
                }
                (who, a.kind, text[a.clause].to_owned())
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
            (
                "او گفت که می‌آید.",
                vec![(vec![("→او", Unnamed)], ClaimKind::Statement)],
            ),
            (
                "به گزارش خبرگزاری پارس از شیراز، کاوه نیکو شهردار شیراز گفت: باران می‌آید.",
                vec![
                    (vec![("خبرگزاری پارس", Outlet)], ClaimKind::Report),
                    (vec![("کاوه نیکو", Official)], ClaimKind::Statement),
                ],
            ),
            (
                "«باران می‌آید»، کاوه نیکو گفت.",
                vec![(vec![("کاوه نیکو", Official)], ClaimKind::Quotation)],
            ),
            (
                "شهردار شیراز در گفت‌وگو با شبکه پارس اظهارداشت: باران می‌آید.",
                vec![(
                    vec![("شهردار شیراز", Official), ("شبکه پارس", Outlet)],
                    ClaimKind::Statement,
                )],
            ),
            (
                "خبرگزاری پارس: شهردار شیراز اعلام کرد باران می‌آید.",
                vec![
                    (vec![("خبرگزاری پارس", Outlet)], ClaimKind::Report),
                    (vec![("شهردار شیراز", Official)], ClaimKind::Statement),
                ],
            ),
            (
                "نرخ تازه توسط وزارت نیرو اعلام شد.",
                vec![(vec![("وزارت نیرو", Institution)], ClaimKind::Report)],
            ),
            ("بنابراین گزارش، باران آمد.", vec![]),
            ("تاریخ انتشار: ۱۴۰۲/۰۱/۰۱", vec![]),
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

    /// Speaker names (anaphors as «→…») of each attribution.
    fn who(text: &str) -> Vec<Vec<String>> {
        names(text)
            .into_iter()
            .map(|(s, _, _)| s.into_iter().map(|(n, _)| n).collect())
            .collect()
    }

    #[test]
    fn name_boundaries_and_continuations() {
        for (text, want) in [
            // A verb after «و» continues the previous verb's subject.
            (
                "رئیس سازمان آب وضعیت سدها را نگران‌کننده ارزیابی کرد و گفت: ذخایر کم است.",
                vec![vec!["→و"]],
            ),
            (
                "کاوه نیکو برنامه‌ها را تشریح کرد و گفت: باران کم است.",
                vec![vec!["→و"]],
            ),
            // Another cue ends an outlet's name; the subject after a time phrase.
            (
                "به گزارش خبرگزاری پارس به نقل از رویترز، کاوه نیکو، وزیر نیرو کشور، روز دوشنبه اعلام کرد که باران می‌آید.",
                vec![vec!["خبرگزاری پارس"], vec!["رویترز"], vec!["کاوه نیکو"]],
            ),
            // A glued «از» + place after an outlet is its location.
            (
                "به گزارش خبرگزاری پارس ازفارس شمالی؛ کاوه نیکو عصر شنبه در جمع کشاورزان سخن گفت.",
                vec![vec!["خبرگزاری پارس"], vec!["کاوه نیکو"]],
            ),
            // «زمانی که» opens a clause.
            (
                "با این حال، نیکو زمانی که به جلسه می‌رفت به خبرنگاران گفت که باران می‌آید.",
                vec![vec!["نیکو"]],
            ),
            // A passive in quoted speech is the speaker's words, with or without the
            // closing mark in the sentence.
            (
                "نیکو افزود: «تنها طرح‌هایی اجرا می‌شود که از سوی دولت فارس پیشنهاد، تصویب یا تأیید شده باشد.»",
                vec![vec!["نیکو"]],
            ),
            (
                "نیکو افزود: «تنها طرح‌هایی اجرا می‌شود که از سوی دولت فارس پیشنهاد، تصویب یا تأیید شده باشد. این کار مهم است.",
                vec![vec!["نیکو"]],
            ),
            // The segments after «با بیان اینکه» are its clause.
            (
                "به گزارش خبرگزاری پارس،کاوه نیکو مدیرکل روابط عمومی استانداری فارس، با بیان اینکه هدف از این جشنواره، شادی‌آفرینی در شهر و معرفی هنرمندان است، افزود: غرفه‌ها آماده است.",
                vec![vec!["خبرگزاری پارس"], vec!["کاوه نیکو"]],
            ),
            // A desk prefix, also after a run-in headline.
            (
                "گروه اقتصادی- کاوه نیکو درباره قیمت نان گفت: نان گران نمی‌شود.",
                vec![vec!["کاوه نیکو"]],
            ),
            (
                "نان ارزان می‌ماند گروه اقتصادی- کاوه نیکو درباره قیمت نان گفت: نان گران نمی‌شود.",
                vec![vec!["کاوه نیکو"]],
            ),
            // A quoted name with a pluperfect verb.
            (
                "«کاوه نیکو» پیش از این گفته بود که نان گران نمی‌شود.",
                vec![vec!["کاوه نیکو"]],
            ),
            (
                "به گزارش خبرگزاری پارس، پیش‌تر «کاوه نیکو» وزیر نیرو گفته بود سد پر می‌شود.",
                vec![vec!["خبرگزاری پارس"], vec!["کاوه نیکو"]],
            ),
            // A headline run into its item; an item of news is not a source.
            (
                "گزارش تازه‌ای از بازار نداریم وزیر کار روز گذشته گفت: آمار به زودی می‌آید.",
                vec![vec!["وزیر کار"]],
            ),
            ("خبری که دیروز منتشر شد را وزارت نیرو تکذیب کرد.", vec![]),
            // Bylines are never sources.
            ("خبرنگار: سارا نیکو", vec![]),
            ("عکس: سارا نیکو", vec![]),
        ] {
            let want: Vec<Vec<String>> = want
                .into_iter()
                .map(|v| v.into_iter().map(str::to_owned).collect())
                .collect();
            assert_eq!(who(text), want, "speakers in «{text}»");
        }
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,100}") {
            for a in find_attributions(&s) {
                prop_assert!(s.get(a.clause.clone()).is_some());
                prop_assert!(s.get(a.verb.clone()).is_some());
                for sp in a.speakers {
                    prop_assert!(s.get(sp.range.clone()).is_some());
                }
                if let Some(r) = a.anaphor {
                    prop_assert!(s.get(r).is_some());
                }
            }
        }

        #[test]
        fn persianish_text(s in "(در|سال|منابع|گزارش داد|اعلام کرد|گفت|به گزارش|به نقل از|توسط|اعلام شد|وی|افزود|این مقام|: |، |«|»|\\(|\\)|و|نیز|وزیر|سردار|خبرگزاری|[ا-ی]{1,5}|\\.| ){0,24}") {
            for a in find_attributions(&s) {
                prop_assert!(s.get(a.clause.clone()).is_some());
                prop_assert!(s.get(a.verb.clone()).is_some());
                for sp in a.speakers {
                    prop_assert!(s.get(sp.range.clone()).is_some());
                }
                if let Some(r) = a.anaphor {
                    prop_assert!(s.get(r).is_some());
                }
            }
        }
    }
}
