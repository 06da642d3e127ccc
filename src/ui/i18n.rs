//! Every UI string, in Persian and English, in one table.

use crate::model::{AnchorOwner, Problem};
use crate::persian::repair::RepairRule;

pub use crate::chart::{Lang, isolate};

impl Lang {
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Fa => &FA,
            Lang::En => &EN,
        }
    }
}

/// The UI strings of one language.
#[derive(Debug)]
pub struct Strings {
    pub app_name: &'static str,
    pub menu_file: &'static str,
    pub menu_view: &'static str,
    pub menu_edit: &'static str,
    pub certainty: &'static str,
    pub restore_title: &'static str,
    pub restore_body: &'static str,
    pub restore: &'static str,
    pub open: &'static str,
    pub save: &'static str,
    pub save_as: &'static str,
    pub import_text: &'static str,
    pub recent: &'static str,
    pub no_recent: &'static str,
    pub builtin_article: &'static str,
    pub quit: &'static str,
    pub theme_dark: &'static str,
    pub theme_light: &'static str,
    pub font_larger: &'static str,
    pub font_smaller: &'static str,
    pub calendar: &'static str,
    pub cal_gregorian: &'static str,
    pub cal_solar: &'static str,
    pub cal_both: &'static str,
    pub time_direction: &'static str,
    pub time_rtl: &'static str,
    pub time_ltr: &'static str,
    pub language: &'static str,
    pub typography_sample: &'static str,
    pub back_to_article: &'static str,
    pub copy: &'static str,
    pub timeline: &'static str,
    pub sources: &'static str,
    pub article: &'static str,
    pub by: &'static str,
    pub find: &'static str,
    pub find_next: &'static str,
    pub find_prev: &'static str,
    pub find_close: &'static str,
    pub matches: &'static str,
    pub no_matches: &'static str,
    pub fit_all: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub prev_event: &'static str,
    pub next_event: &'static str,
    pub events: &'static str,
    pub claims: &'static str,
    pub unsourced: &'static str,
    pub no_events: &'static str,
    pub kind_outlet: &'static str,
    pub kind_institution: &'static str,
    pub kind_official: &'static str,
    pub kind_unnamed: &'static str,
    pub filter_lanes: &'static str,
    pub filter_sources_only: &'static str,
    pub clear_selection: &'static str,
    pub back: &'static str,
    pub forward: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_body: &'static str,
    pub discard: &'static str,
    pub cancel: &'static str,
    pub path_prompt_open: &'static str,
    pub path_prompt_save: &'static str,
    pub ok: &'static str,
    pub problems: &'static str,
    pub error: &'static str,
    pub gregorian: &'static str,
    pub solar_hijri: &'static str,
    pub selected_event: &'static str,
    pub sources_of_event: &'static str,
    pub approximate: &'static str,
    pub dismiss: &'static str,
    pub lane: &'static str,
    pub review_accept: &'static str,
    pub review_keep: &'static str,
    pub review_repairs: &'static str,
    pub importing: &'static str,
    pub export: &'static str,
    pub exported: &'static str,
    pub overwrite_title: &'static str,
    pub overwrite_body: &'static str,
    pub overwrite: &'static str,
    pub review_title: &'static str,
    pub review_date: &'static str,
    pub review_date_apply: &'static str,
    pub review_date_none: &'static str,
    pub review_name: &'static str,
    // The review pane: sections, a correction's parts, events without a sentence.
    /// Header of the import's notes (decoding problems and the like).
    pub review_warnings: &'static str,
    /// A correction's removed text (AccessKit label of its row).
    pub review_removed: &'static str,
    /// A correction's inserted text (AccessKit label of its row).
    pub review_inserted: &'static str,
    /// Shown when the import repaired nothing.
    pub review_no_repairs: &'static str,
    /// Shown under an event whose sentence is not found in the text.
    pub review_no_sentence: &'static str,
    /// Shown beside the date field when the typed date does not parse.
    pub review_date_bad: &'static str,
    /// The date field's hint (a Solar Hijri date in this language's digits).
    pub review_date_hint: &'static str,
    /// A space character, named where a correction only adds or removes spaces.
    pub review_space: &'static str,
    /// Timeline: the word after a cluster's count («۵ رویداد»).
    pub cluster_events: &'static str,
    /// Timeline: the overview strip under the chart.
    pub overview: &'static str,
    /// Timeline: the field that goes to a typed year or decade, and its hint.
    pub go_to: &'static str,
    pub go_to_hint: &'static str,
    /// Timeline: show the decade, year or month around the selection.
    pub span_decade: &'static str,
    pub span_year: &'static str,
    pub span_month: &'static str,
    /// Timeline: the lanes' vertical scroll bar.
    pub lanes_scroll: &'static str,
    /// Timeline: events left outside a focused fit, before and after the window.
    pub earlier_events: &'static str,
    pub later_events: &'static str,
    // The mirrored shell (issue 12).
    /// Find: the word between the current match and the count («۱۰ از ۵۲», "10 of 52").
    pub find_of: &'static str,
    /// The typography sample's close button.
    pub close_sample: &'static str,
    /// View: the zoom of the whole window (slider label).
    pub zoom_ui: &'static str,
    /// View: back to 100 % zoom.
    pub zoom_reset: &'static str,
}

pub static FA: Strings = Strings {
    app_name: "گاه‌نگار",
    menu_file: "پرونده",
    menu_view: "نما",
    menu_edit: "ویرایش",
    certainty: "قطعیت",
    restore_title: "بازیابی ویرایش‌های ذخیره‌نشده",
    restore_body: "گاه‌نگار بار پیش بی‌آنکه ویرایش‌ها ذخیره شوند بسته شد. نسخه‌ای از آن‌ها نگه داشته شده است. بازیابی شود؟",
    restore: "بازیابی",
    open: "باز کردن…",
    save: "ذخیره",
    save_as: "ذخیره با نام…",
    import_text: "وارد کردن متن…",
    recent: "پرونده‌های اخیر",
    no_recent: "(هیچ)",
    builtin_article: "مقاله‌ی پیش‌فرض",
    quit: "خروج",
    theme_dark: "پوسته‌ی تیره",
    theme_light: "پوسته‌ی روشن",
    font_larger: "قلم بزرگ‌تر",
    font_smaller: "قلم کوچک‌تر",
    calendar: "تقویم",
    cal_gregorian: "میلادی",
    cal_solar: "خورشیدی",
    cal_both: "هر دو",
    time_direction: "جهت زمان",
    time_rtl: "راست به چپ",
    time_ltr: "چپ به راست",
    language: "English",
    typography_sample: "نمونه‌ی حروف‌نگاری",
    back_to_article: "بازگشت به مقاله",
    copy: "کپی",
    timeline: "گاه‌شمار",
    sources: "منابع",
    article: "مقاله",
    by: "نوشته‌ی",
    find: "جست‌وجو",
    find_next: "بعدی",
    find_prev: "قبلی",
    find_close: "بستن",
    matches: "مورد",
    no_matches: "یافت نشد",
    fit_all: "نمای کامل",
    zoom_in: "بزرگ‌نمایی",
    zoom_out: "کوچک‌نمایی",
    prev_event: "رویداد قبلی",
    next_event: "رویداد بعدی",
    events: "رویدادها",
    claims: "ادعاها",
    unsourced: "بدون منبع",
    no_events: "این مقاله رویداد تاریخ‌داری ندارد.",
    kind_outlet: "رسانه‌ها",
    kind_institution: "نهادها",
    kind_official: "مقام‌ها",
    kind_unnamed: "منابع بی‌نام",
    filter_lanes: "رده‌ها",
    filter_sources_only: "فقط رویدادهای منبع برگزیده",
    clear_selection: "لغو انتخاب",
    back: "پیشین",
    forward: "پسین",
    unsaved_title: "تغییرات ذخیره نشده",
    unsaved_body: "تغییرات این مقاله ذخیره نشده است. پیش از ادامه ذخیره شود؟",
    discard: "بی‌خیال تغییرات",
    cancel: "انصراف",
    path_prompt_open: "نشانی پرونده برای باز کردن:",
    path_prompt_save: "نشانی پرونده برای ذخیره:",
    ok: "تأیید",
    problems: "مشکلات",
    error: "خطا",
    gregorian: "میلادی",
    solar_hijri: "خورشیدی",
    selected_event: "رویداد برگزیده",
    sources_of_event: "منابع این رویداد",
    approximate: "تقریبی",
    dismiss: "بستن",
    lane: "رده",
    review_accept: "پذیرفتن و باز کردن",
    review_keep: "نگه داشتن",
    review_repairs: "اصلاح‌ها",
    importing: "در حال وارد کردن…",
    export: "برون‌بری",
    exported: "برون‌بری انجام شد",
    overwrite_title: "پرونده وجود دارد",
    overwrite_body: "این پرونده از پیش هست. جایگزین شود؟",
    overwrite: "جایگزین کن",
    review_title: "عنوان",
    review_date: "تاریخ سند",
    review_date_apply: "به‌کار بستن",
    review_date_none: "تاریخی در متن پیدا نشد؛ «امروز» و «دیروز» بی‌تاریخ می‌مانند",
    review_name: "نام",
    review_warnings: "یادداشت‌های وارد کردن",
    review_removed: "حذف",
    review_inserted: "افزوده",
    review_no_repairs: "متن به اصلاحی نیاز نداشت.",
    review_no_sentence: "جمله‌ی این رویداد در متن پیدا نشد.",
    review_date_bad: "این تاریخ خوانده نشد",
    review_date_hint: "۱۴۰۲/۰۳/۱۱",
    review_space: "فاصله",
    cluster_events: "رویداد",
    overview: "نمای کلی گاه‌شمار",
    go_to: "برو به سال یا دهه",
    go_to_hint: "۱۳۵۷، ۱۹۷۹، دهه ۶۰…",
    span_decade: "دهه",
    span_year: "سال",
    span_month: "ماه",
    lanes_scroll: "پیمایش ردیف‌ها",
    earlier_events: "رویداد پیش‌تر",
    later_events: "رویداد پس‌تر",
    find_of: "از",
    close_sample: "بستن نمونه",
    zoom_ui: "اندازه‌ی نما",
    zoom_reset: "اندازه‌ی عادی",
};

pub static EN: Strings = Strings {
    app_name: "Gahnegar",
    menu_file: "File",
    menu_view: "View",
    menu_edit: "Edit",
    certainty: "Certainty",
    restore_title: "Restore unsaved edits",
    restore_body: "Gahnegar closed last time without saving its edits. A copy of them was kept. Restore it?",
    restore: "Restore",
    open: "Open…",
    save: "Save",
    save_as: "Save As…",
    import_text: "Import text…",
    recent: "Recent files",
    no_recent: "(none)",
    builtin_article: "Built-in article",
    quit: "Quit",
    theme_dark: "Dark theme",
    theme_light: "Light theme",
    font_larger: "Larger text",
    font_smaller: "Smaller text",
    calendar: "Calendar",
    cal_gregorian: "Gregorian",
    cal_solar: "Solar Hijri",
    cal_both: "Both",
    time_direction: "Time direction",
    time_rtl: "Right to left",
    time_ltr: "Left to right",
    language: "فارسی",
    typography_sample: "Typography sample",
    back_to_article: "Back to the article",
    copy: "Copy",
    timeline: "Timeline",
    sources: "Sources",
    article: "Article",
    by: "by",
    find: "Find",
    find_next: "Next",
    find_prev: "Previous",
    find_close: "Close",
    matches: "matches",
    no_matches: "No matches",
    fit_all: "Fit all",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    prev_event: "Previous event",
    next_event: "Next event",
    events: "Events",
    claims: "Claims",
    unsourced: "Unsourced",
    no_events: "This article has no dated events.",
    kind_outlet: "Outlets",
    kind_institution: "Institutions",
    kind_official: "Officials",
    kind_unnamed: "Unnamed sources",
    filter_lanes: "Categories",
    filter_sources_only: "Only the selected source's events",
    clear_selection: "Clear selection",
    back: "Back",
    forward: "Forward",
    unsaved_title: "Unsaved changes",
    unsaved_body: "This article has unsaved changes. Save them before going on?",
    discard: "Discard changes",
    cancel: "Cancel",
    path_prompt_open: "Path of the file to open:",
    path_prompt_save: "Path to save to:",
    ok: "OK",
    problems: "Problems",
    error: "Error",
    gregorian: "Gregorian",
    solar_hijri: "Solar Hijri",
    selected_event: "Selected event",
    sources_of_event: "Sources of this event",
    approximate: "approximate",
    dismiss: "Dismiss",
    lane: "Category",
    review_accept: "Accept and open",
    review_keep: "Keep",
    review_repairs: "Repairs",
    importing: "Importing…",
    export: "Export",
    exported: "Exported",
    overwrite_title: "The file exists",
    overwrite_body: "This file already exists. Replace it?",
    overwrite: "Replace",
    review_title: "Title",
    review_date: "Document date",
    review_date_apply: "Apply",
    review_date_none: "No date found in the text; «today» and «yesterday» stay undated",
    review_name: "Name",
    review_warnings: "Import notes",
    review_removed: "removed",
    review_inserted: "inserted",
    review_no_repairs: "The text needed no repairs.",
    review_no_sentence: "The sentence of this event was not found in the text.",
    review_date_bad: "This date could not be read",
    review_date_hint: "1402/03/11",
    review_space: "space",
    cluster_events: "events",
    overview: "Timeline overview",
    go_to: "Go to year or decade",
    go_to_hint: "1979, 1990s, ۱۳۵۷…",
    span_decade: "Decade",
    span_year: "Year",
    span_month: "Month",
    lanes_scroll: "Scroll lanes",
    earlier_events: "earlier events",
    later_events: "later events",
    find_of: "of",
    close_sample: "Close the sample",
    zoom_ui: "Zoom",
    zoom_reset: "Actual size",
};

// The review pane: names of the repair rules and of invisible characters, both languages
// in one match so that none can lack a name in either.

impl Lang {
    /// The name of repair rule `rule` in this language (the review pane's rows and
    /// check boxes).
    pub fn rule_name(self, rule: RepairRule) -> &'static str {
        let (fa, en) = match rule {
            RepairRule::LineEnding => ("پایان سطر", "line ending"),
            RepairRule::PresentationForm => ("شکل نمایشی حرف", "presentation form"),
            RepairRule::ArabicLetter => ("نویسه‌ی عربی", "Arabic letter variant"),
            RepairRule::Tatweel => ("کشیده", "tatweel"),
            RepairRule::InvisibleControl => ("نویسه‌ی نامرئی", "invisible control"),
            RepairRule::BrokenZwnj => ("نیم‌فاصله‌ی خراب", "broken ZWNJ"),
            RepairRule::DisplacedFragment => ("تکه‌ی جابه‌جا", "displaced fragment"),
            RepairRule::LineJoin => ("پیوستن سطرها", "line join"),
            RepairRule::ParagraphBreak => ("جدایی بندها", "paragraph break"),
            RepairRule::PageNumber => ("شماره‌ی صفحه", "page number"),
            RepairRule::SplitWord => ("واژه‌ی شکسته", "split word"),
            RepairRule::SplitAffix => ("پسوند و پیشوند جدا", "affix written apart"),
            RepairRule::Zwnj => ("نیم‌فاصله", "ZWNJ"),
            RepairRule::MixedDigits => ("رقم‌های درهم", "mixed digits"),
            RepairRule::ReversedDigits => ("بازه‌ی وارونه", "reversed year range"),
            RepairRule::MirroredBracket => ("کمانک و گیومه‌ی وارونه", "mirrored bracket"),
            RepairRule::Spacing => ("فاصله‌گذاری", "spacing"),
            RepairRule::MissingSpace => ("فاصله‌ی جاافتاده", "missing space"),
        };
        match self {
            Lang::Fa => fa,
            Lang::En => en,
        }
    }

    /// The name of an invisible or easily confused character `c` in this language, for
    /// showing it in a correction; `None` for a character shown as itself.
    pub fn char_name(self, c: char) -> Option<&'static str> {
        let (fa, en) = match c {
            '\u{200C}' => ("نیم‌فاصله", "ZWNJ"),
            '\u{200D}' => ("اتصال نامرئی", "ZWJ"),
            '\u{A0}' => ("فاصله‌ی نشکن", "no-break space"),
            '\u{202F}' => ("فاصله‌ی نشکن باریک", "narrow no-break space"),
            '\u{200B}' => ("فاصله‌ی صفر", "zero-width space"),
            '\u{200E}' => ("نشانه‌ی چپ‌به‌راست", "LRM"),
            '\u{200F}' => ("نشانه‌ی راست‌به‌چپ", "RLM"),
            '\u{FEFF}' => ("نشانه‌ی ترتیب بایت", "BOM"),
            '\u{AD}' => ("خط تیره‌ی نرم", "soft hyphen"),
            '\u{640}' => ("کشیده", "tatweel"),
            '\t' => ("جهش", "tab"),
            '\r' => ("بازگشت نورد", "carriage return"),
            '\u{2028}' => ("جداکننده‌ی سطر", "line separator"),
            '\u{2029}' => ("جداکننده‌ی بند", "paragraph separator"),
            _ => return None,
        };
        Some(match self {
            Lang::Fa => fa,
            Lang::En => en,
        })
    }
}

/// A problem of the article in `lang`: its ids (Latin) isolated, so they keep their
/// order inside a Persian sentence.
pub fn problem_text(p: &Problem, lang: Lang) -> String {
    if lang == Lang::En {
        return isolate(&p.to_string());
    }
    let owner = |o: &AnchorOwner| match o {
        AnchorOwner::Event(id) => format!("رویداد {}", isolate(id)),
        AnchorOwner::Mention(id) => format!("نام منبع {}", isolate(id)),
        AnchorOwner::Claim(id) => format!("ادعای {}", isolate(id)),
        AnchorOwner::Highlight(id) => format!("برجسته‌سازی {}", isolate(id)),
    };
    match p {
        Problem::DuplicateCategory { id } => format!("شناسه‌ی دسته‌ی تکراری «{}»", isolate(id)),
        Problem::UnknownCategory { event, category } => format!(
            "رویداد {}: دسته‌ی ناشناخته‌ی «{}»",
            isolate(event),
            isolate(category)
        ),
        Problem::DuplicateId { id } => format!("شناسه‌ی تکراری «{}»", isolate(id)),
        Problem::UnknownBlock { owner: o, block } => {
            format!("{}: بند «{}» در مقاله نیست", owner(o), isolate(block))
        }
        Problem::BrokenAnchor {
            owner: o,
            exact,
            block,
        } => format!(
            "{}: «{exact}» در بند «{}» پیدا نشد",
            owner(o),
            isolate(block)
        ),
        Problem::Orphaned { owner: o, exact } => format!(
            "{}: «{exact}» پس از درون‌ریزی دوباره در متن پیدا نشد (نگه داشته شد)",
            owner(o)
        ),
        Problem::BadInterval { event, start, end } => format!(
            "رویداد {}: بازه‌ی {} پیش از آغازش پایان می‌یابد",
            isolate(event),
            isolate(&format!("{start}..{end}"))
        ),
        Problem::UnknownSource { claim, source } => format!(
            "ادعای {}: منبع ناشناخته‌ی «{}»",
            isolate(claim),
            isolate(source)
        ),
        Problem::UnknownEvent { claim, event } => format!(
            "ادعای {}: رویداد ناشناخته‌ی «{}»",
            isolate(claim),
            isolate(event)
        ),
    }
}

#[cfg(test)]
mod problem_tests {
    use super::{Lang, isolate, problem_text};
    use crate::model::{AnchorOwner, Problem};

    #[test]
    fn problems_are_worded_in_each_language_with_their_ids_isolated() {
        let broken = Problem::BrokenAnchor {
            owner: AnchorOwner::Claim("c4".into()),
            exact: "«نه»".into(),
            block: "p12".into(),
        };
        assert_eq!(
            problem_text(&broken, Lang::En),
            isolate("claim c4: broken anchor ««نه»» not found in block «p12»")
        );
        let fa = problem_text(&broken, Lang::Fa);
        assert!(
            fa.starts_with(&format!("ادعای {}", isolate("c4")))
                && fa.contains("«نه»")
                && fa.contains(&isolate("p12")),
            "{fa}"
        );
        let unknown = Problem::UnknownEvent {
            claim: "c1".into(),
            event: "e9".into(),
        };
        assert_eq!(unknown.to_string(), "claim c1: unknown event «e9»");
        assert!(problem_text(&unknown, Lang::Fa).contains(&isolate("e9")));
    }
}

#[cfg(test)]
mod num_tests {
    use super::{Lang, isolate};

    #[test]
    fn numbers_follow_the_ui_language() {
        assert_eq!(Lang::Fa.num(52), "۵۲");
        assert_eq!(Lang::En.num("۱۰ / 52"), "10 / 52");
        assert_eq!(Lang::Fa.num_isolated(10), "\u{2068}۱۰\u{2069}");
        assert_eq!(isolate("IzRus"), "\u{2068}IzRus\u{2069}");
    }
}

#[cfg(test)]
mod rule_name_tests {
    use super::Lang;
    use crate::persian::repair::RepairRule;

    fn persian(name: &str) -> bool {
        name.chars().any(|c| ('\u{0620}'..='\u{06FF}').contains(&c))
            && !name.chars().any(|c| c.is_ascii_alphabetic())
    }

    fn english(name: &str) -> bool {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
    }

    /// Every rule the importer can report has a Persian and an English name, and no two
    /// rules share a name in either language.
    #[test]
    fn every_repair_rule_has_both_names() {
        for lang in [Lang::Fa, Lang::En] {
            let mut seen = std::collections::HashSet::new();
            for rule in RepairRule::ALL {
                let name = lang.rule_name(rule);
                let ok = if lang == Lang::Fa {
                    persian(name)
                } else {
                    english(name)
                };
                assert!(ok, "{rule:?} in {lang:?}: «{name}»");
                assert!(
                    seen.insert(name),
                    "{rule:?} in {lang:?}: «{name}» used twice"
                );
            }
        }
    }

    #[test]
    fn invisible_characters_have_both_names() {
        for c in [
            '\u{200C}', '\u{200D}', '\u{A0}', '\u{202F}', '\u{200B}', '\u{200E}', '\u{200F}',
            '\u{FEFF}', '\u{AD}', '\u{640}', '\t', '\r', '\u{2028}', '\u{2029}',
        ] {
            let (fa, en) = (Lang::Fa.char_name(c), Lang::En.char_name(c));
            assert!(fa.is_some_and(persian), "{c:?}: {fa:?}");
            assert!(en.is_some_and(|n| n.is_ascii()), "{c:?}: {en:?}");
        }
        assert_eq!(Lang::Fa.char_name('ک'), None, "a letter is shown as itself");
    }
}
