//! The lexicon (hazm's word list with corpus frequencies, and its verb stems) and the
//! hashers its maps use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The hasher of the word maps: rustc's `FxHash` (the `rustc-hash` crate, already in the
/// tree through egui-wgpu). The keys are fixed data or the text being read, not
/// attacker-chosen keys that `SipHash`'s flood resistance would guard against, and no
/// result depends on a map's iteration order (ties are broken by explicit rules).
/// Measured against the two hand-written hashers it replaced (FNV-1a, and a hash of a
/// word's first and last eight bytes): see docs/PERFORMANCE.md.
pub type WordBuild = rustc_hash::FxBuildHasher;

/// The eight bytes of `b` from `at` (`at + 8 <= b.len()`), little-endian.
fn le_u64(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(w)
}

/// A word as a map key: hashed by its bytes, and compared inline (a word is mostly under
/// sixteen bytes, not worth a call to `memcmp`).
#[derive(Clone, Copy, Debug)]
pub(super) struct WordKey<'a>(pub(super) &'a str);

impl PartialEq for WordKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        let n = a.len();
        if n != b.len() {
            return false;
        }
        if (8..=16).contains(&n) {
            le_u64(a, 0) == le_u64(b, 0) && le_u64(a, n - 8) == le_u64(b, n - 8)
        } else {
            a == b
        }
    }
}

impl Eq for WordKey<'_> {}

impl std::hash::Hash for WordKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
    }
}

/// hazm's word list and verb stems (MIT; see `assets/lexicon/README.md`).
pub struct Lexicon {
    /// Every word as the lexicon spells it, with its corpus frequency (0 for unattested
    /// variants).
    freq: HashMap<String, u64, WordBuild>,
    /// Word with ZWNJ removed → the most frequent lexicon spelling with ZWNJ, unless the
    /// form without ZWNJ is itself an attested word.
    zwnj: HashMap<String, String, WordBuild>,
    /// Conjugated verb forms (present and past stems plus endings); hazm's word list
    /// holds no verbs.
    verbs: HashSet<String, WordBuild>,
    /// Present stems alone («توان» in «می‌توان»).
    present_stems: HashSet<String, WordBuild>,
}

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(
        include_str!("../../../assets/lexicon/words.tsv"),
        include_str!("../../../assets/lexicon/verbs.txt"),
    )
});

/// Whether spelling `a` (word, corpus frequency) of a word written without ZWNJ beats
/// spelling `b`: the more frequent wins; between equally frequent ones the one with fewer
/// ZWNJs (closer to the text as written, «همجنس‌گرایی» over «هم‌جنس‌گرایی»), then the
/// smaller in code point order, so the choice never depends on a map's iteration order.
fn spelling_wins(a: (&str, u64), b: (&str, u64)) -> bool {
    let zwnjs = |w: &str| w.matches('\u{200C}').count();
    (b.1, zwnjs(a.0), a.0) < (a.1, zwnjs(b.0), b.0)
}

/// The built-in lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    /// Parses `word<TAB>freq` lines and `past#present` verb stems.
    pub fn parse(words: &str, verbs: &str) -> Self {
        let mut freq: HashMap<String, u64, WordBuild> =
            HashMap::with_capacity_and_hasher(200_000, WordBuild::default());
        for line in words.lines() {
            let mut cols = line.split('\t');
            // A ZWNJ at a word's edge («جوان‌») is noise in the list, not a spelling.
            let Some(w) = cols
                .next()
                .map(|w| w.trim_matches('\u{200C}'))
                .filter(|w| !w.is_empty())
            else {
                continue;
            };
            let f: u64 = cols.next().and_then(|f| f.trim().parse().ok()).unwrap_or(0);
            let e = freq.entry(w.to_owned()).or_insert(0);
            *e = (*e).max(f);
        }
        let mut zwnj: HashMap<String, (String, u64), WordBuild> = HashMap::default();
        for (w, &f) in &freq {
            if !w.contains('\u{200C}') {
                continue;
            }
            let key = w.replace('\u{200C}', "");
            if freq.get(&key).is_some_and(|&g| g > 0) {
                continue; // ambiguous: the joined form is a word too
            }
            match zwnj.get(&key) {
                Some((old, g)) if !spelling_wins((w, f), (old, *g)) => {}
                _ => {
                    zwnj.insert(key, (w.clone(), f));
                }
            }
        }
        let zwnj = zwnj.into_iter().map(|(k, (w, _))| (k, w)).collect();
        let mut forms: HashSet<String, WordBuild> = HashSet::default();
        let mut stems: HashSet<String, WordBuild> = HashSet::default();
        const PRESENT: [&str; 6] = ["م", "ی", "د", "یم", "ید", "ند"];
        const PAST: [&str; 7] = ["م", "ی", "", "یم", "ید", "ند", "ه"];
        for line in verbs.lines() {
            let mut parts = line.split('#');
            let (Some(past), Some(present)) = (parts.next(), parts.next()) else {
                continue;
            };
            if !past.is_empty() {
                for e in PAST {
                    forms.insert(format!("{past}{e}"));
                }
            }
            if !present.is_empty() {
                stems.insert(present.to_owned());
                for e in PRESENT {
                    forms.insert(format!("{present}{e}"));
                    if present.ends_with(['ا', 'و', 'آ']) {
                        forms.insert(format!("{present}ی{e}"));
                    }
                }
            }
        }
        Self {
            freq,
            zwnj,
            verbs: forms,
            present_stems: stems,
        }
    }

    /// Whether the lexicon lists `w` (spelled exactly so, or with ZWNJ), attested or not.
    pub fn contains(&self, w: &str) -> bool {
        self.freq.contains_key(w) || self.zwnj.contains_key(w)
    }

    /// Whether `w`, spelled exactly so, is an attested word (corpus frequency above zero).
    pub fn is_frequent(&self, w: &str) -> bool {
        self.freq.get(w).is_some_and(|&f| f > 0)
    }

    /// Whether `w` is an attested word, a verb form, or an attested word written without
    /// its ZWNJ.
    pub fn is_known(&self, w: &str) -> bool {
        self.is_frequent(w)
            || self.verbs.contains(w)
            || self.with_zwnj(w).is_some_and(|z| self.is_frequent(z))
    }

    /// The lexicon's spelling with ZWNJ of a word written without it.
    pub fn with_zwnj(&self, w: &str) -> Option<&str> {
        self.zwnj.get(w).map(String::as_str)
    }

    /// Corpus frequency of `w`, spelled so or with its ZWNJ (0 when unknown).
    pub fn freq(&self, w: &str) -> u64 {
        let own = self.freq.get(w).copied().unwrap_or(0);
        let z = self
            .with_zwnj(w)
            .and_then(|z| self.freq.get(z))
            .copied()
            .unwrap_or(0);
        own.max(z)
    }

    pub(super) fn is_verb_form(&self, w: &str) -> bool {
        self.verbs.contains(w)
    }

    /// Whether `w` is a present stem alone («توان» in «می‌توان»).
    pub(super) fn is_present_stem(&self, w: &str) -> bool {
        self.present_stems.contains(w)
    }

    /// Whether the list holds `w` spelled exactly so, attested or not.
    pub(super) fn is_listed(&self, w: &str) -> bool {
        self.freq.contains_key(w)
    }
}

/// True for the letters of Persian words (Arabic-script letters and hamza marks).
pub const fn is_fa_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0654}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}')
}

/// Letters after which a following letter would join; a ZWNJ is needed to keep them apart.
pub(super) fn is_joining(c: char) -> bool {
    is_fa_letter(c)
        && !matches!(
            c,
            'ا' | 'آ' | 'أ' | 'إ' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و' | 'ؤ' | 'ة' | 'ء'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equally frequent spellings are chosen by the explicit rule, whatever the order of
    /// the list (and so of the map it is read into).
    #[test]
    fn zwnj_spelling_ties_follow_the_rule() {
        let z = '\u{200C}';
        let (one, two) = (format!("همجنس{z}گرایی"), format!("هم{z}جنس{z}گرایی"));
        let (a, b) = (format!("الف{z}ب"), format!("ال{z}فب"));
        for words in [
            format!("{one}\t0\n{two}\t0\n{a}\t5\n{b}\t5\n"),
            format!("{two}\t0\n{one}\t0\n{b}\t5\n{a}\t5\n"),
        ] {
            let lex = Lexicon::parse(&words, "");
            assert_eq!(lex.with_zwnj("همجنسگرایی"), Some(one.as_str()), "{words:?}");
            // One ZWNJ each: the smaller in code point order.
            assert_eq!(
                lex.with_zwnj("الفب"),
                Some(a.clone().min(b.clone()).as_str()),
                "{words:?}"
            );
        }
        // The more frequent spelling wins whatever its ZWNJs.
        let lex = Lexicon::parse(&format!("{one}\t1\n{two}\t2\n"), "");
        assert_eq!(lex.with_zwnj("همجنسگرایی"), Some(two.as_str()));
    }

    #[test]
    fn edge_zwnj_is_no_spelling() {
        let lex = lexicon();
        // hazm lists «جوان‌» with a final ZWNJ: it is «جوان», with no ZWNJ to restore.
        assert_eq!(lex.with_zwnj("جوان"), None);
        assert!(lex.is_listed("جوان"));
        assert!(lex.is_present_stem("توان"));
        assert!(lex.is_verb_form("نویسد"));
    }
}
