//! Text anchors in the manner of web annotation's `TextQuoteSelector`: the exact text
//! plus a little context before and after, so an anchor survives re-flowing and small edits.

use serde::{Deserialize, Serialize};

/// A quote inside one block: `exact` text, optionally disambiguated by the text just
/// before (`prefix`) and just after (`suffix`) it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Id of the block the quote is in.
    pub block: String,
    /// The quoted text, exactly as it stands in the block.
    pub exact: String,
    /// Text immediately before `exact` (may be empty; a suffix of it is enough).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Text immediately after `exact` (may be empty; a prefix of it is enough).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

impl Anchor {
    /// An anchor with no context.
    pub fn new(block: impl Into<String>, exact: impl Into<String>) -> Self {
        Self {
            block: block.into(),
            exact: exact.into(),
            prefix: String::new(),
            suffix: String::new(),
        }
    }

    /// Finds the quote in `text` (the anchored block's text): the byte range of the
    /// occurrence of `exact` whose surroundings match `prefix`/`suffix` best.
    /// `None` when `exact` is empty or does not occur.
    pub fn resolve(&self, text: &str) -> Option<std::ops::Range<usize>> {
        if self.exact.is_empty() {
            return None;
        }
        let mut best: Option<(usize, std::ops::Range<usize>)> = None;
        for (start, _) in text.match_indices(self.exact.as_str()) {
            let end = start + self.exact.len();
            let score = common_suffix_len(&text[..start], &self.prefix)
                + common_prefix_len(&text[end..], &self.suffix);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, start..end));
            }
        }
        best.map(|(_, r)| r)
    }
}

/// Number of chars that `a` and `b` share at their ends.
fn common_suffix_len(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Number of chars that `a` and `b` share at their starts.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_with_context() {
        let text = "در سال ۲۰۱۹ چنین شد و در سال ۲۰۲۲ چنان.";
        let mut a = Anchor::new("p1", "در سال");
        assert_eq!(a.resolve(text), Some(0..text.find(" ۲۰۱۹").unwrap_or(0)));
        a.suffix = " ۲۰۲۲".into();
        let second = text.rfind("در سال").unwrap_or(0);
        assert_eq!(a.resolve(text), Some(second..second + "در سال".len()));
        assert_eq!(Anchor::new("p1", "نیست").resolve(text), None);
        assert_eq!(Anchor::new("p1", "").resolve(text), None);
    }
}
