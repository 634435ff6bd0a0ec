//! Group identifiers: group ids and group external references.

use std::fmt;

use crate::chars::trim;

/// The entries of a group list as normalization reads them: each trimmed,
/// blank ones dropped (duplicates are kept). Planning reads a request's
/// lists through this without allocating the identifiers.
pub(crate) fn entries<S: AsRef<str>>(inputs: &[S]) -> impl Iterator<Item = &str> {
    inputs
        .iter()
        .map(|input| trim(input.as_ref()))
        .filter(|entry| !entry.is_empty())
}

macro_rules! group_identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Trims `input`; `None` when nothing is left.
            #[must_use]
            pub fn parse(input: &str) -> Option<$name> {
                let trimmed = trim(input);
                (!trimmed.is_empty()).then(|| $name(trimmed.to_owned()))
            }

            /// The identifier, compared exactly.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Normalizes a list as the API receives it: each entry trimmed,
            /// empty entries dropped, later duplicates dropped, order kept.
            #[must_use]
            pub fn parse_list<S: AsRef<str>>(inputs: &[S]) -> Vec<$name> {
                let mut out: Vec<$name> = Vec::with_capacity(inputs.len());
                for entry in entries(inputs) {
                    if !out.iter().any(|id| id.as_str() == entry) {
                        out.push($name(entry.to_owned()));
                    }
                }
                out
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

group_identifier!(
    /// A group's identifier, as the API issues it (`group-1`).
    GroupId
);

group_identifier!(
    /// A group's external reference, the caller's own name for it.
    GroupRef
);
