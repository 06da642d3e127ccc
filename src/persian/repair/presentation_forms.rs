//! Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) and their letters, from
//! Unicode's NFKC mapping through `icu_normalizer` (its compiled data, already in the tree
//! through parley). Built once, on first use, into a table sorted by code point, so the
//! repair step looks a form up by binary search as it did with the hand-kept table this
//! replaces.
//!
//! Two rules on top of NFKC: the leading space of the isolated harakat forms
//! (U+FE70 → « ً») is dropped, so a mark stays on its letter; and the two phrase ligatures
//! whose mapping is several words (U+FDFA «صلى الله عليه وسلم», U+FDFB «جل جلاله») are left
//! as they are, since expanding one glyph into a phrase is not a repair of damaged text.
//! The table equals the hand-kept one it replaced except for U+FBDD (ۇٴ isolated), which
//! now maps to its full NFKC «ۇٴ» (U+06C7 U+0674) instead of U+0677, itself a
//! compatibility character with that same NFKC; not a Persian letter.

use std::sync::LazyLock;

/// The blocks of Arabic presentation forms.
const RANGES: [std::ops::RangeInclusive<char>; 2] =
    ['\u{FB50}'..='\u{FDFF}', '\u{FE70}'..='\u{FEFE}'];

/// (presentation form, its letters), sorted by code point; forms without a compatibility
/// mapping are absent.
pub(super) static TABLE: LazyLock<Vec<(char, Box<str>)>> = LazyLock::new(|| {
    let nfkc = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc();
    let mut buf = [0u8; 4];
    RANGES
        .iter()
        .flat_map(|r| r.clone())
        .filter_map(|c| {
            let form: &str = c.encode_utf8(&mut buf);
            let letters = nfkc.normalize(form);
            let letters = letters.trim_start_matches(' ');
            (letters != form && !letters.is_empty() && !letters.contains(' '))
                .then(|| (c, letters.into()))
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(c: char) -> Option<&'static str> {
        TABLE
            .binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .map(|i| &*TABLE[i].1)
    }

    #[test]
    fn forms_map_to_their_letters() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        let cases = [
            ('\u{FB56}', Some("\u{067E}")),                         // پ isolated
            ('\u{FB8E}', Some("\u{06A9}")),                         // ک isolated
            ('\u{FBFC}', Some("\u{06CC}")),                         // ی isolated
            ('\u{FE81}', Some("\u{0622}")),                         // آ: composed, not alef + madda
            ('\u{FEFB}', Some("\u{0644}\u{0627}")),                 // لا ligature
            ('\u{FE70}', Some("\u{064B}")),                         // fathatan, its space dropped
            ('\u{FDF2}', Some("\u{0627}\u{0644}\u{0644}\u{0647}")), // Allah ligature
            ('\u{FDFA}', None),                                     // a phrase: left alone
            ('\u{FE73}', None),                                     // no mapping
            ('\u{FDFD}', None),
        ];
        for (c, want) in cases {
            assert_eq!(lookup(c), want, "U+{:04X}", u32::from(c));
        }
        assert!(TABLE.len() > 700, "{} forms", TABLE.len());
    }
}
