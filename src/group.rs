//! Group identifiers: group ids and group external references.

use std::fmt;

macro_rules! group_identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Trims `input`; `None` when nothing is left.
            #[must_use]
            pub fn parse(input: &str) -> Option<$name> {
                let trimmed = input.trim();
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
                for input in inputs {
                    if let Some(id) = $name::parse(input.as_ref()) {
                        if !out.contains(&id) {
                            out.push(id);
                        }
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
