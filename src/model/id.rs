//! Typed ids: an event's id cannot be passed where a source's is expected. Each is a
//! `String` on disk (`#[serde(transparent)]`), so the RON format is unchanged.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the article.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// Id of an [`Event`](super::Event), e.g. `"e7"`.
    EventId
);
id_type!(
    /// Id of a [`Source`](super::Source), e.g. `"s3"`.
    SourceId
);
id_type!(
    /// Id of a [`Claim`](super::Claim), e.g. `"c4"`.
    ClaimId
);
id_type!(
    /// Id of a [`Category`](super::Category), e.g. `"politics"`.
    CategoryId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_strings_on_disk() {
        let ids = (
            EventId::from("e7"),
            SourceId::from("s3"),
            CategoryId::from("politics"),
        );
        let text = ron::to_string(&ids).unwrap_or_default();
        assert_eq!(text, r#"("e7","s3","politics")"#);
        let back: (EventId, SourceId, CategoryId) = ron::from_str(&text).unwrap_or_default();
        assert_eq!(back, ids);
        assert_eq!(ids.0, "e7");
        assert_eq!(ids.1.to_string(), "s3");
    }
}
