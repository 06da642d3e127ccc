//! Search folding for Find: Persian spelling variants, ZWNJ and spaces, diacritics,
//! digits and Latin case are made alike, with a map back to the original text.
//!
//! Folding rules (applied per char, in one pass):
//! - ي ى ئ → ی; ك → ک; ة ۀ ھ → ه; أ إ ٱ آ ٲ ٳ → ا; ؤ → و;
//! - diacritics (U+064B–U+065F, U+0670), tatweel (U+0640), ZWNJ, ZWJ, bidi controls,
//!   the BOM and all whitespace are removed, so «علی‌اف», «علی اف» and «علیاف» fold alike;
//! - Persian (۰–۹) and Arabic-Indic (٠–٩) digits become ASCII digits;
//! - everything else is lower-cased (`char::to_lowercase`).

use std::ops::Range;
use std::sync::LazyLock;

/// Folded text and, for each of its bytes, the byte offset in the original text of the
/// char it came from.
///
/// Invariant: `map.len() == text.len() + 1`; the last entry is the original length;
/// the entries are non-decreasing and each is a char boundary of the original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each folded byte, the original byte offset of its source char; plus one final
    /// entry equal to the original length.
    pub map: Vec<usize>,
}

/// What one char folds to.
enum Fold {
    /// Dropped entirely (diacritic, tatweel, ZWNJ, space, control).
    Drop,
    /// Replaced by one char.
    One(char),
    /// Lower-cased, possibly into several chars.
    Lower,
}

/// True for Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef …).
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// `char::is_alphabetic`, answered without the standard library's table lookup for ASCII
/// and the common Persian letters, digits and marks (that lookup is slow outside ASCII).
pub fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | 'پ'
        | 'چ'
        | 'ژ'
        | 'ک'
        | 'گ'
        | 'ی'
        | 'À'..='Ö'
        | 'Ø'..='ö'
        | 'ø'..='ÿ'
        | '\u{0400}'..='\u{0481}'
        | '\u{048A}'..='\u{04FF}' => true,
        '\0'..='\u{7F}' | '\u{06F0}'..='\u{06F9}' | '\u{200C}' | '،' | '«' | '»' => false,
        _ => c.is_alphabetic(),
    }
}

/// A char of a word: a letter (tatweel is one), ZWNJ or a diacritic.
pub fn is_word_char(c: char) -> bool {
    is_alphabetic(c) || c == '\u{200C}' || is_diacritic(c)
}

/// Whether folding keeps `c` as it is.
pub fn folds_to_itself(c: char) -> bool {
    matches!(fold_char(c), Fold::One(r) if r == c)
}

/// For each char of U+0600–U+06FF (by code point − U+0600): whether it is a word char,
/// and whether it is one that folding keeps as it is.
static ARABIC_BLOCK: LazyLock<[(bool, bool); 256]> = LazyLock::new(|| {
    let mut t = [(false, false); 256];
    for (c, e) in ('\u{0600}'..='\u{06FF}').zip(t.iter_mut()) {
        *e = (is_word_char(c), is_word_char(c) && folds_to_itself(c));
    }
    t
});

/// Word chars for tokenizers, by byte: ASCII and the Arabic block (U+0600–U+06FF, two
/// bytes led by D8–DB) by table, other chars decoded.
#[derive(Clone, Copy)]
pub struct WordChars(&'static [(bool, bool); 256]);

impl Default for WordChars {
    fn default() -> Self {
        Self(&ARABIC_BLOCK)
    }
}

impl WordChars {
    /// The byte length of the char at byte `i` of `s` (a char boundary) if it is a word
    /// char ([`is_word_char`]) and, with `plain`, one that folding keeps as it is; else 0
    /// (and 0 at the end).
    #[inline]
    pub fn len_at(self, s: &str, i: usize, plain: bool) -> usize {
        let b = s.as_bytes();
        let Some(&lead) = b.get(i) else {
            return 0;
        };
        if lead < 0x80 {
            // ASCII: a letter, which folding keeps unless it is upper case.
            return usize::from(
                lead.is_ascii_alphabetic() && !(plain && lead.is_ascii_uppercase()),
            );
        }
        if lead & 0xFC == 0xD8
            && let Some(&cont) = b.get(i + 1)
        {
            let (word, same) = self.0[usize::from(lead & 0x03) << 6 | usize::from(cont & 0x3F)];
            return if (plain && same) || (!plain && word) {
                2
            } else {
                0
            };
        }
        s.get(i..)
            .and_then(|t| t.chars().next())
            .filter(|&c| is_word_char(c) && (!plain || folds_to_itself(c)))
            .map_or(0, char::len_utf8)
    }
}

/// The byte length of the char whose first byte is `lead` (1 for a stray continuation
/// byte).
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

fn fold_char(c: char) -> Fold {
    match c {
        // Fast path: Persian letters that fold to themselves.
        '\u{0627}'..='\u{0628}'
        | '\u{062A}'..='\u{063A}'
        | '\u{0641}'..='\u{0642}'
        | '\u{0644}'..='\u{0648}'
        | '\u{067E}'
        | '\u{0686}'
        | '\u{0698}'
        | '\u{06AF}' => Fold::One(c),
        '\u{064A}' | '\u{0649}' | '\u{0626}' | '\u{06CC}' => Fold::One('ی'),
        '\u{0643}' | '\u{06A9}' => Fold::One('ک'),
        '\u{0629}' | '\u{06C0}' | '\u{06BE}' => Fold::One('ه'),
        '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0622}' | '\u{0672}' | '\u{0673}' => {
            Fold::One('ا')
        }
        '\u{0624}' => Fold::One('و'),
        '\u{06F0}'..='\u{06F9}' => Fold::One(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{0660}'..='\u{0669}' => Fold::One(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{0640}' => Fold::Drop,
        c if is_diacritic(c) => Fold::Drop,
        // ZWSP, ZWNJ, ZWJ, LRM, RLM, bidi embeddings/isolates, word joiner, BOM, soft hyphen.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}' => Fold::Drop,
        c if c.is_whitespace() => Fold::Drop,
        c if c.is_ascii() => Fold::One(c.to_ascii_lowercase()),
        // Caseless: `to_lowercase` gives them back as they are (skips its table search).
        '\u{0600}'..='\u{06FF}' | '«' | '»' | '–' | '—' | '…' | '\u{2018}'..='\u{201F}' => {
            Fold::One(c)
        }
        _ => Fold::Lower,
    }
}

/// Folds `s` for searching; see the module docs for the rules.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (off, c) in s.char_indices() {
        let before = text.len();
        push_folded(&mut text, c);
        map.resize(map.len() + (text.len() - before), off);
    }
    map.push(s.len());
    Folded { text, map }
}

fn push_folded(text: &mut String, c: char) {
    match fold_char(c) {
        Fold::Drop => {}
        Fold::One(r) => text.push(r),
        Fold::Lower => text.extend(c.to_lowercase()),
    }
}

/// The folded text of `s` alone (`fold(s).text` without the map), borrowed when folding
/// changes nothing (the common case for a single Persian word).
pub fn fold_text(s: &str) -> std::borrow::Cow<'_, str> {
    crate::work::count(s.len());
    let Some(changed) = s
        .char_indices()
        .find(|&(_, c)| !matches!(fold_char(c), Fold::One(r) if r == c))
        .map(|(i, _)| i)
    else {
        return std::borrow::Cow::Borrowed(s);
    };
    let mut text = String::with_capacity(s.len());
    text.push_str(&s[..changed]);
    for c in s[changed..].chars() {
        push_folded(&mut text, c);
    }
    std::borrow::Cow::Owned(text)
}

/// Non-overlapping matches of `needle` in `haystack` under folding, as byte ranges of the
/// original `haystack`, in order, each on char boundaries.
///
/// A match starts at the first kept char of the match (never inside a dropped ZWNJ/space
/// run) and ends after its last kept char plus any diacritics attached to it (so a
/// highlight never splits a letter from its harakat). An empty needle (after folding)
/// matches nothing.
pub fn find_all(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    find_all_folded(haystack, &fold(haystack), &fold(needle).text)
}

/// [`find_all`] with the haystack already folded (`folded == fold(haystack)`) and the
/// needle folded, for searching one text for many needles.
pub fn find_all_folded(haystack: &str, folded: &Folded, needle: &str) -> Vec<Range<usize>> {
    let (n, h) = (needle, folded);
    if n.is_empty() || h.map.len() != h.text.len() + 1 {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for (a, m) in h.text.match_indices(n) {
        let b = a + m.len();
        let start = h.map[a];
        let last = h.map[b - 1];
        let Some(rest) = haystack.get(last..) else {
            continue;
        };
        let mut end = last + rest.chars().next().map_or(0, char::len_utf8);
        for c in haystack[end..].chars() {
            if is_diacritic(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        // A char that folds into several chars can be shared by two folded matches;
        // keep the original ranges disjoint.
        if out.last().is_some_and(|p| start < p.end) {
            continue;
        }
        out.push(start..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_one_folds_agree_with_lower_case() {
        // A char folded to itself is one that lower-casing would also leave as it is.
        for c in (0..0x3000).filter_map(char::from_u32) {
            if folds_to_itself(c) && !c.is_ascii() {
                assert!(c.to_lowercase().eq([c]), "{c:?}");
            }
        }
    }

    #[test]
    fn word_chars_by_byte() {
        let wc = WordChars::default();
        let mut b = [0u8; 4];
        for c in (0..0x3000).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut b);
            let word = is_word_char(c);
            assert_eq!(
                wc.len_at(s, 0, false),
                if word { s.len() } else { 0 },
                "{c:?}"
            );
            let plain = word && folds_to_itself(c);
            assert_eq!(
                wc.len_at(s, 0, true),
                if plain { s.len() } else { 0 },
                "{c:?}"
            );
            assert_eq!(utf8_len(s.as_bytes()[0]), s.len(), "{c:?}");
        }
        assert!(is_word_char('\u{0640}'), "tatweel is a letter");
        assert_eq!(wc.len_at("ab", 2, false), 0);
    }

    #[test]
    fn is_alphabetic_agrees_with_std() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(
                is_alphabetic(c),
                c.is_alphabetic(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
    use proptest::prelude::*;

    #[test]
    fn folds_variants_alike() {
        for (a, b) in [
            ("علی‌اف", "علیاف"),
            ("علی‌اف", "علي اف"),
            ("علی اف", "علیاف"),
            ("كشور", "کشور"),
            ("عَلِیّ", "علی"),
            ("مـــدرسه", "مدرسه"),
            ("۲۰۲۴", "2024"),
            ("٢٠٢٤", "۲۰۲۴"),
            ("مدرسة", "مدرسه"),
            ("أحمد إسلام آب ٱلله", "احمد اسلام اب الله"),
            ("مؤسسه", "موسسه"),
            ("مسئله", "مسیله"),
            ("INSS", "inss"),
            ("قرآن", "قران"),
            ("ى", "ی"),
        ] {
            assert_eq!(fold(a).text, fold(b).text, "fold({a}) vs fold({b})");
            assert_eq!(fold_text(a), fold(a).text, "fold_text({a})");
        }
    }

    #[test]
    fn map_points_to_source_chars() {
        let s = "a\u{200C}ي۲";
        let f = fold(s);
        assert_eq!(f.text, "aی2", "{s}");
        assert_eq!(f.map, vec![0, 4, 4, 6, 8], "{s}");
    }

    #[test]
    fn finds_under_folding() {
        let hay = "رئیس‌جمهور آذربایجان، الهام علی‌اف، در سال ۲۰۲۴ گفت.";
        for (needle, expected) in [
            ("علیاف", Some("علی‌اف")),
            ("علي اف", Some("علی‌اف")),
            ("علی‌اف", Some("علی‌اف")),
            ("2024", Some("۲۰۲۴")),
            ("رییس جمهور", Some("رئیس‌جمهور")),
            ("آذربايجان", Some("آذربایجان")),
            ("اف، در", Some("اف، در")),
            ("ترکیه", None),
            ("", None),
            ("\u{200C} ", None),
        ] {
            let got: Vec<&str> = find_all(hay, needle).into_iter().map(|r| &hay[r]).collect();
            assert_eq!(
                got,
                expected.into_iter().collect::<Vec<_>>(),
                "needle «{needle}» in «{hay}»"
            );
        }
    }

    #[test]
    fn trims_and_keeps_harakat() {
        for (hay, needle, expected) in [
            ("x علی \u{200C}اف y", "علیاف", vec!["علی \u{200C}اف"]),
            ("عَلیّ و علی", "علی", vec!["عَلیّ", "علی"]),
            ("aaaa", "aa", vec!["aa", "aa"]),
            (" علی ", " علی ", vec!["علی"]),
            ("ـعلیـ", "علی", vec!["علی"]),
        ] {
            let got: Vec<&str> = find_all(hay, needle).into_iter().map(|r| &hay[r]).collect();
            assert_eq!(got, expected, "needle «{needle}» in «{hay}»");
        }
    }

    proptest! {
        #[test]
        fn matches_are_valid_ranges(hay in "\\PC{0,40}", needle in "\\PC{0,4}") {
            check(&hay, &needle);
        }

        #[test]
        fn persian_like_matches(hay in "[ا-یيكة‌ ۰-۹0-9ـَِ\u{200C}A-Za-zİß]{0,40}", start in 0usize..40, len in 0usize..6) {
            let chars: Vec<char> = hay.chars().collect();
            let s = start.min(chars.len());
            let e = (s + len).min(chars.len());
            let needle: String = chars[s..e].iter().collect();
            let found = check(&hay, &needle);
            if !fold(&needle).text.is_empty() {
                prop_assert!(!found.is_empty(), "«{}» not found in «{}»", needle, hay);
            }
        }

        #[test]
        fn fold_map_invariants(s in any::<String>()) {
            let f = fold(&s);
            prop_assert_eq!(f.map.len(), f.text.len() + 1);
            prop_assert_eq!(f.map.last().copied(), Some(s.len()));
            prop_assert!(f.map.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(f.map.iter().all(|&o| s.is_char_boundary(o)));
        }
    }

    fn check(hay: &str, needle: &str) -> Vec<Range<usize>> {
        let found = find_all(hay, needle);
        let n = fold(needle).text;
        let mut prev_end = 0;
        for r in &found {
            assert!(r.start < r.end && r.end <= hay.len(), "{r:?} in «{hay}»");
            assert!(
                hay.is_char_boundary(r.start) && hay.is_char_boundary(r.end),
                "{r:?} in «{hay}»"
            );
            assert!(r.start >= prev_end, "overlap {r:?} in «{hay}»");
            prev_end = r.end;
            assert!(
                fold(&hay[r.clone()]).text.contains(n.as_str()),
                "{r:?} of «{hay}» does not hold «{needle}»"
            );
        }
        found
    }
}
