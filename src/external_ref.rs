//! External references: the caller's own identifier for a person.

use std::fmt;
use std::str::FromStr;

use crate::chars::{exceeds_chars, is_format, trim};

/// The most characters an external reference may have.
pub const EXTERNAL_REF_MAX_CHARS: usize = 255;

/// A valid external reference: trimmed, compared exactly (case-sensitive).
///
/// ```
/// use person_match::ExternalRef;
///
/// let r = ExternalRef::parse("  id-1 ").unwrap();
/// assert_eq!(r.as_str(), "id-1");
/// assert_ne!(r, ExternalRef::parse("ID-1").unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExternalRef(String);

impl ExternalRef {
    /// Trims `input` and checks it.
    pub fn parse(input: &str) -> Result<ExternalRef, ExternalRefError> {
        let trimmed = trim(input);
        if trimmed.is_empty() {
            return Err(ExternalRefError::Empty);
        }
        if exceeds_chars(trimmed, EXTERNAL_REF_MAX_CHARS) {
            return Err(ExternalRefError::TooLong);
        }
        // Printable ASCII (most references) holds neither kind, and is
        // checked a byte at a time instead of against every format range.
        let printable_ascii = trimmed.bytes().all(|b| (b' '..=b'~').contains(&b));
        if !printable_ascii && trimmed.chars().any(|c| c.is_control() || is_format(c)) {
            return Err(ExternalRefError::InvisibleCharacter);
        }
        Ok(ExternalRef(trimmed.to_owned()))
    }

    /// The stored value, which is also the match key.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ExternalRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ExternalRef {
    type Err = ExternalRefError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ExternalRef::parse(s)
    }
}

impl TryFrom<&str> for ExternalRef {
    type Error = ExternalRefError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        ExternalRef::parse(s)
    }
}

impl TryFrom<String> for ExternalRef {
    type Error = ExternalRefError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        ExternalRef::parse(&s)
    }
}

/// Why an external reference was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExternalRefError {
    /// Nothing but whitespace.
    Empty,
    /// More than [`EXTERNAL_REF_MAX_CHARS`] characters.
    TooLong,
    /// A control or invisible formatting character.
    InvisibleCharacter,
}

impl fmt::Display for ExternalRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExternalRefError::Empty => "external reference is empty",
            ExternalRefError::TooLong => "external reference is longer than 255 characters",
            ExternalRefError::InvisibleCharacter => {
                "external reference contains a control or invisible formatting character"
            }
        })
    }
}

impl std::error::Error for ExternalRefError {}
