//! The lexicon (hazm's word list with corpus frequencies, and its verb stems) and the
//! hashers its maps use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// FNV-1a: a fast hash for short keys (the lexicon is fixed data, not attacker-chosen
/// keys, so `SipHash`'s flood resistance buys nothing here).
#[derive(Clone, Copy, Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Builds [`Fnv`] hashers.
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// A faster hash for short keys than [`Fnv`]: a key is hashed by its first and last eight
/// bytes and its length, in constant time (keys that share those collide, which costs a
/// comparison, never a wrong answer); multiply and add as rustc's `FxHash`. For maps that
/// are only looked up, never iterated: the lexicon's word list keeps [`Fnv`], whose
/// iteration order decides ties when it is parsed.
#[derive(Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, word: u64) {
        self.0 = self.0.wrapping_add(word).wrapping_mul(Self::K);
    }
}

/// The eight bytes of `b` from `at` (`at + 8 <= b.len()`), little-endian.
pub(super) fn le_u64(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(w)
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply mixes into the high bits; the table indexes with the low ones.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        if n >= 8 {
            self.add(le_u64(bytes, 0));
            self.add(le_u64(bytes, n - 8));
        } else {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(bytes);
            self.add(u64::from_le_bytes(w));
        }
        self.add(n as u64);
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
}

/// A word as a map key: hashed as [`WordHasher`] hashes its bytes, and compared inline
/// (a word is mostly under sixteen bytes, not worth a call to `memcmp`).
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

/// Builds [`WordHasher`]s.
pub type WordBuild = std::hash::BuildHasherDefault<WordHasher>;

/// hazm's word list and verb stems (MIT; see `assets/lexicon/README.md`).
pub struct Lexicon {
    /// Every word as the lexicon spells it, with its corpus frequency (0 for unattested
    /// variants).
    freq: HashMap<String, u64, FnvBuild>,
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

/// The built-in lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    /// Parses `word<TAB>freq` lines and `past#present` verb stems.
    pub fn parse(words: &str, verbs: &str) -> Self {
        let mut freq: HashMap<String, u64, FnvBuild> =
            HashMap::with_capacity_and_hasher(200_000, FnvBuild::default());
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
        let mut zwnj: HashMap<String, (String, u64), FnvBuild> = HashMap::default();
        for (w, &f) in &freq {
            if !w.contains('\u{200C}') {
                continue;
            }
            let key = w.replace('\u{200C}', "");
            if freq.get(&key).is_some_and(|&g| g > 0) {
                continue; // ambiguous: the joined form is a word too
            }
            match zwnj.get(&key) {
                Some((_, g)) if *g >= f => {}
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
