//! What can be wrong with an article's internal references ([`super::Article::problems`]):
//! one value per problem, with the ids it concerns, formatted where it is shown (English
//! here, for the command line and error messages; the GUI words it in its own language).

use std::fmt;

use super::Day;

/// What holds an anchor that does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorOwner {
    /// The event with this id.
    Event(String),
    /// A mention of the source with this id.
    Mention(String),
    /// The claim with this id.
    Claim(String),
    /// The reader's highlight with this id.
    Highlight(String),
}

impl fmt::Display for AnchorOwner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Event(id) => write!(f, "event {id}"),
            Self::Mention(id) => write!(f, "source {id} mention"),
            Self::Claim(id) => write!(f, "claim {id}"),
            Self::Highlight(id) => write!(f, "highlight {id}"),
        }
    }
}

/// A problem with an article's internal references.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Two categories share this id.
    DuplicateCategory { id: String },
    /// An event names a category the article does not have.
    UnknownCategory { event: String, category: String },
    /// Two blocks, events, sources or claims share this id.
    DuplicateId { id: String },
    /// An anchor names a block the article does not have.
    UnknownBlock { owner: AnchorOwner, block: String },
    /// An anchor's text is not in its block.
    BrokenAnchor {
        owner: AnchorOwner,
        exact: String,
        block: String,
    },
    /// An anchor a re-import could not find in the new text, kept as it was.
    Orphaned { owner: AnchorOwner, exact: String },
    /// An event's interval ends before it starts.
    BadInterval { event: String, start: Day, end: Day },
    /// A claim names a source the article does not have.
    UnknownSource { claim: String, source: String },
    /// A claim names an event the article does not have.
    UnknownEvent { claim: String, event: String },
}

impl Problem {
    /// Whether the article is unsound with it: every problem but an orphan, which a
    /// re-import keeps on purpose (so nothing the reader made is lost) and lists.
    pub fn is_broken(&self) -> bool {
        !matches!(self, Self::Orphaned { .. })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DuplicateCategory { id } => write!(f, "duplicate category id «{id}»"),
            Self::UnknownCategory { event, category } => {
                write!(f, "event {event}: unknown category «{category}»")
            }
            Self::DuplicateId { id } => write!(f, "duplicate id «{id}»"),
            Self::UnknownBlock { owner, block } => {
                write!(f, "{owner}: anchor names unknown block «{block}»")
            }
            Self::BrokenAnchor {
                owner,
                exact,
                block,
            } => write!(
                f,
                "{owner}: broken anchor «{exact}» not found in block «{block}»"
            ),
            Self::Orphaned { owner, exact } => {
                write!(
                    f,
                    "{owner}: orphaned anchor «{exact}», not found on re-import"
                )
            }
            Self::BadInterval { event, start, end } => {
                write!(
                    f,
                    "event {event}: interval {start}..{end} ends before it starts"
                )
            }
            Self::UnknownSource { claim, source } => {
                write!(f, "claim {claim}: unknown source «{source}»")
            }
            Self::UnknownEvent { claim, event } => {
                write!(f, "claim {claim}: unknown event «{event}»")
            }
        }
    }
}
