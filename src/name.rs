//! Person names (first and last).

use std::fmt;
use std::str::FromStr;

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use crate::chars::{exceeds_chars, is_bidi_override, trim};

/// The most characters a name may have, counted after normalization.
pub const NAME_MAX_CHARS: usize = 255;

/// Inputs longer than this many bytes are refused before normalization,
/// however much whitespace they hold.
const NAME_MAX_INPUT_BYTES: usize = 4096;

/// A valid first or last name: trimmed, each run of whitespace one space, NFC.
///
/// Names are never match keys; [`Name::tie_break_key`] gives a form for
/// comparing them loosely.
///
/// ```
/// use person_match::Name;
///
/// let name = Name::parse("  Anne \t  Marie ").unwrap();
/// assert_eq!(name.as_str(), "Anne Marie");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(String);

impl Name {
    /// Normalizes `input` and checks it.
    ///
    /// Whitespace of any kind (tabs and line breaks included) collapses to
    /// one space; any other control character, and the bidirectional
    /// override characters, are rejected.
    pub fn parse(input: &str) -> Result<Name, NameError> {
        let trimmed = trim(input);
        if trimmed.is_empty() {
            return Err(NameError::Empty);
        }
        // Refuse absurd inputs before any work; the real limit is checked
        // on the normalized form below.
        if trimmed.len() > NAME_MAX_INPUT_BYTES {
            return Err(NameError::TooLong);
        }
        if is_plain_ascii(trimmed) {
            // Already its own normal form: printable ASCII, single spaces.
            return if trimmed.len() > NAME_MAX_CHARS {
                Err(NameError::TooLong)
            } else {
                Ok(Name(trimmed.to_owned()))
            };
        }
        let mut collapsed = String::with_capacity(trimmed.len());
        let mut in_space = false;
        for c in trimmed.chars() {
            if c.is_whitespace() {
                in_space = true;
                continue;
            }
            if c.is_control() {
                return Err(NameError::ControlCharacter);
            }
            if is_bidi_override(c) {
                return Err(NameError::BidiOverride);
            }
            if in_space {
                collapsed.push(' ');
                in_space = false;
            }
            collapsed.push(c);
        }
        let normalized =
            if is_nfc_quick(collapsed.chars()) == unicode_normalization::IsNormalized::Yes {
                collapsed
            } else {
                collapsed.nfc().collect()
            };
        if exceeds_chars(&normalized, NAME_MAX_CHARS) {
            return Err(NameError::TooLong);
        }
        Ok(Name(normalized))
    }

    /// The stored value.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A loose comparison form: NFKC, then lowercased.
    ///
    /// Unicode's full case fold differs from lowercasing for a handful of
    /// characters (`ß` stays `ß` here); names only break ties, so the
    /// simpler mapping is enough.
    #[must_use]
    pub fn tie_break_key(&self) -> String {
        self.0.nfkc().flat_map(char::to_lowercase).collect()
    }
}

/// Printable ASCII with no run of spaces: such a trimmed name is its own
/// normal form (ASCII is NFC, and there is nothing to collapse or refuse).
fn is_plain_ascii(s: &str) -> bool {
    // One pass over the bytes: every name of a request comes through here.
    let mut after_space = false;
    s.bytes().all(|b| {
        let plain = (b' '..=b'~').contains(&b) && !(after_space && b == b' ');
        after_space = b == b' ';
        plain
    })
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Name {
    type Err = NameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Name::parse(s)
    }
}

impl TryFrom<&str> for Name {
    type Error = NameError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Name::parse(s)
    }
}

impl TryFrom<String> for Name {
    type Error = NameError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Name::parse(&s)
    }
}

/// Why a name was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NameError {
    /// Nothing but whitespace.
    Empty,
    /// More than [`NAME_MAX_CHARS`] characters.
    TooLong,
    /// A control character other than whitespace.
    ControlCharacter,
    /// A bidirectional embedding, override or isolate character.
    BidiOverride,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameError::Empty => "name is empty",
            NameError::TooLong => "name is longer than 255 characters",
            NameError::ControlCharacter => "name contains a control character",
            NameError::BidiOverride => "name contains a bidirectional override character",
        })
    }
}

impl std::error::Error for NameError {}
