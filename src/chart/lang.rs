//! The language of the interface and of the chart's labels: Persian (right-to-left,
//! Persian digits) or English. The UI's string table (`ui::i18n`) adds its strings to
//! this type; the chart and the exports only need the digits and the direction.

use serde::{Deserialize, Serialize};

/// The UI language. Persian is the default and lays the shell out right-to-left.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fa,
    En,
}

impl Lang {
    pub fn is_rtl(self) -> bool {
        self == Lang::Fa
    }

    /// A number (or any text with digits) in this language's digits: Persian digits in
    /// the Persian UI, Latin in the English one.
    pub fn num(self, n: impl std::fmt::Display) -> String {
        let s = n.to_string();
        match self {
            Lang::Fa => crate::persian::digits::to_persian(&s),
            Lang::En => crate::persian::digits::to_ascii(&s),
        }
    }

    /// `n` in this language's digits, isolated (FSI … PDI) for placing inside a sentence.
    pub fn num_isolated(self, n: impl std::fmt::Display) -> String {
        isolate(&self.num(n))
    }
}

/// `s` wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so a number, a Latin name
/// or a path put inside a sentence keeps its own direction and does not reorder its
/// neighbours (UAX #9 rules X5c, X6a).
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}
