//! Tokens for the tagger: words (folded), numbers (digits of any script, with `/` inside
//! kept: «۱۴۰۳/۰۷/۱۲» is one token) and single punctuation marks. Whitespace separates
//! tokens and is dropped; a letter–digit boundary also separates them («۱۶آذر» is two).

use std::ops::Range;

use crate::persian::digits::digit_value;
use crate::persian::fold::fold_text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
pub(super) struct Tok<'a> {
    pub range: Range<usize>,
    pub kind: Kind,
    /// Folded text (ZWNJ, diacritics, letter variants ignored; ASCII digits).
    pub key: std::borrow::Cow<'a, str>,
}

impl Tok<'_> {
    /// Value of a plain number (digits only).
    pub fn value(&self) -> Option<u32> {
        if self.kind != Kind::Num
            || !self.key.bytes().all(|b| b.is_ascii_digit())
            || self.key.len() > 6
        {
            return None;
        }
        self.key.parse().ok()
    }

    pub fn digits(&self) -> usize {
        self.key.len()
    }
}

pub(super) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    use crate::persian::fold::{WordChars, is_word_char};
    let wc = WordChars::default();
    let b = text.as_bytes();
    // About a token for every six bytes of Persian text.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    while i < b.len() {
        // The common case first: a word of letters that folding keeps as they are.
        let n = wc.len_at(text, i, true);
        if n > 0 {
            let mut end = i + n;
            loop {
                let n = wc.len_at(text, end, true);
                if n == 0 {
                    break;
                }
                end += n;
            }
            if wc.len_at(text, end, false) == 0 {
                out.push(Tok {
                    range: i..end,
                    kind: Kind::Word,
                    key: std::borrow::Cow::Borrowed(&text[i..end]),
                });
                i = end;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        // (kind, end of the token, where the next one may start)
        let (kind, end, next) = if digit_value(c).is_some() {
            let mut end = i + c.len_utf8();
            loop {
                match text[end..].chars().next() {
                    Some(d) if digit_value(d).is_some() => end += d.len_utf8(),
                    Some('/')
                        if text[end + 1..]
                            .chars()
                            .next()
                            .is_some_and(|n| digit_value(n).is_some()) =>
                    {
                        end += 1;
                    }
                    _ => break,
                }
            }
            (Kind::Num, end, end)
        } else if is_word_char(c) {
            let mut end = i + c.len_utf8();
            loop {
                let n = wc.len_at(text, end, false);
                if n == 0 {
                    break;
                }
                end += n;
            }
            // A ZWNJ at the end belongs to no word.
            let trimmed = text[i..end].trim_end_matches('\u{200C}');
            (Kind::Word, i + trimmed.len(), end)
        } else {
            (Kind::Punct, i + c.len_utf8(), i + c.len_utf8())
        };
        out.push(Tok {
            range: i..end,
            kind,
            key: fold_text(&text[i..end]),
        });
        i = next;
    }
    out
}
