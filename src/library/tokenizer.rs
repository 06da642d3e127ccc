//! The Persian tokenizer of the library's search index: words cut at anything that is not a
//! letter, digit, ZWNJ or diacritic, each folded with the app's own find folding
//! ([`crate::persian::fold`]: ی/ي, ک/ك, diacritics, tatweel, digit scripts, case), so the
//! index and the find bar agree on what matches.
//!
//! A word written with a ZWNJ («رئیس‌جمهور») is indexed whole, folded without the ZWNJ
//! («رییسجمهور»), and also as its parts («رییس», «جمهور») at consecutive positions. So a
//! query written joined («رييسجمهور»), with a ZWNJ, or with a space («رییس جمهور», a phrase
//! of the parts) finds it, and a text written with a space is found by a query written
//! with a ZWNJ (the query's parts as a phrase, see `search`). Not found: a query written
//! joined against a text written with a space (that would need every pair of words
//! indexed again, doubling the index).

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::persian::fold::{fold_text, is_word_char};

/// The name the tokenizer is registered under in the index.
pub const NAME: &str = "fa_fold";

/// Longest token kept, in bytes of folded text: longer runs (a base64 blob, a URL without
/// separators) are not words anyone searches for, and tantivy refuses terms over 64 KiB.
pub const MAX_TOKEN_BYTES: usize = 120;

/// One word of a text: its byte range in the text, its folded form, and, when it holds a
/// ZWNJ, the folded parts between the ZWNJs (empty otherwise).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the word in the text.
    pub range: Range<usize>,
    /// The word folded (never empty).
    pub folded: String,
    /// The folded parts when the word holds a ZWNJ and has two or more of them.
    pub parts: Vec<String>,
}

/// Whether `c` belongs to a word: a letter, ZWNJ or diacritic ([`is_word_char`]) or a digit
/// of any script.
fn in_word(c: char) -> bool {
    is_word_char(c) || c.is_numeric()
}

/// The words of `text`, in order. Words whose folded form is empty or longer than
/// [`MAX_TOKEN_BYTES`] are skipped; so are parts over that length.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |range: Range<usize>| {
        let w = &text[range.clone()];
        let folded = fold_text(w);
        if folded.is_empty() || folded.len() > MAX_TOKEN_BYTES {
            return;
        }
        let parts: Vec<String> = if w.contains('\u{200C}') {
            w.split('\u{200C}')
                .map(|p| fold_text(p).into_owned())
                .filter(|p| !p.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        out.push(Word {
            range,
            folded: folded.into_owned(),
            parts: if parts.len() > 1 { parts } else { Vec::new() },
        });
    };
    for (i, c) in text.char_indices() {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s..text.len());
    }
    out
}

/// The tantivy tokenizer over [`words`]: each word's folded form, then its parts at the
/// next positions (the whole word shares the first part's position).
#[derive(Clone, Copy, Debug, Default)]
pub struct FaTokenizer;

/// The tokens of one text, made eagerly (a block is a paragraph: small).
pub struct FaTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one; 0 before the first `advance`.
    next: usize,
    /// What `token` gives before the first `advance` or on a text without words.
    blank: Token,
}

impl Tokenizer for FaTokenizer {
    type TokenStream<'a> = FaTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FaTokenStream {
        let mut tokens = Vec::new();
        let mut position = 0;
        for w in words(text) {
            let token = |text: String, position: usize| Token {
                offset_from: w.range.start,
                offset_to: w.range.end,
                position,
                text,
                position_length: 1,
            };
            let n = w.parts.len().max(1);
            tokens.push(token(w.folded.clone(), position));
            for (k, p) in w.parts.iter().enumerate() {
                if p.len() <= MAX_TOKEN_BYTES {
                    tokens.push(token(p.clone(), position + k));
                }
            }
            position += n;
        }
        FaTokenStream {
            tokens,
            next: 0,
            blank: Token::default(),
        }
    }
}

impl TokenStream for FaTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next.checked_sub(1) {
            Some(i) => &self.tokens[i],
            None => &self.blank,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) => &mut self.tokens[i],
            None => &mut self.blank,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut t = FaTokenizer;
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    #[test]
    fn folds_and_splits() {
        for (text, want) in [
            (
                "رئیس‌جمهور گفت.",
                vec![("رییسجمهور", 0), ("رییس", 0), ("جمهور", 1), ("گفت", 2)],
            ),
            ("كشور ي", vec![("کشور", 0), ("ی", 1)]),
            (
                "سال ۲۰۲۴، ماه ٣",
                vec![("سال", 0), ("2024", 1), ("ماه", 2), ("3", 3)],
            ),
            ("عَلِیّ (INSS)", vec![("علی", 0), ("inss", 1)]),
            ("«نه»", vec![("نه", 0)]),
            ("", vec![]),
            ("، . ‌ ", vec![]),
        ] {
            let got = tokens(text);
            let want: Vec<(String, usize)> =
                want.into_iter().map(|(s, p)| (s.to_owned(), p)).collect();
            assert_eq!(got, want, "tokens of «{text}»");
        }
    }

    #[test]
    fn word_ranges_are_the_original_text() {
        let text = "الهام علی‌اف، ۲۰۲۴";
        let got: Vec<&str> = words(text).iter().map(|w| &text[w.range.clone()]).collect();
        assert_eq!(got, ["الهام", "علی‌اف", "۲۰۲۴"], "{text}");
    }

    #[test]
    fn long_runs_are_skipped() {
        let long = "ب".repeat(MAX_TOKEN_BYTES);
        assert!(tokens(&long).is_empty(), "a {}-byte word", long.len());
        assert_eq!(tokens(&format!("{long} آب")), [("اب".to_owned(), 0)]);
    }

    proptest! {
        #[test]
        fn never_panics(text in any::<String>()) {
            let toks = tokens(&text);
            for w in words(&text) {
                prop_assert!(text.is_char_boundary(w.range.start) && text.is_char_boundary(w.range.end));
                prop_assert!(!w.folded.is_empty() && w.folded.len() <= MAX_TOKEN_BYTES);
            }
            prop_assert!(toks.iter().all(|(t, _)| !t.is_empty()));
            prop_assert!(toks.windows(2).all(|p| p[0].1 <= p[1].1));
        }

        #[test]
        fn never_panics_on_persian(text in "[ا-یيكة‌ ۰-۹0-9ـَِ\u{200C}\u{200D}،.«»A-Za-z]{0,60}") {
            let _ = tokens(&text);
        }
    }
}
