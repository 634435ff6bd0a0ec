//! Phone numbers: E.164 plus an optional extension (SPEC §3.2).
//!
//! Placeholder: the full implementation replaces this file.

use std::fmt;

/// A region (ISO 3166-1 alpha-2) whose national numbering plan applies to
/// numbers written without a country code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region([u8; 2]);

impl Region {
    /// Great Britain, the default region.
    pub const GB: Region = Region(*b"GB");

    /// Parses a two-letter region code.
    pub fn new(code: &str) -> Result<Region, PhoneError> {
        match code.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(Region([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(PhoneError::Invalid),
        }
    }

    /// The region's two-letter code.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("GB")
    }
}

impl Default for Region {
    fn default() -> Self {
        Region::GB
    }
}

/// A valid phone number in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber {
    canonical: String,
}

impl PhoneNumber {
    /// Parses and validates `input`; numbers without a country code use `default_region`.
    pub fn parse(input: &str, default_region: Region) -> Result<PhoneNumber, PhoneError> {
        let _ = default_region;
        let trimmed = input.trim();
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        if trimmed.starts_with('+') && digits.len() > 6 {
            Ok(PhoneNumber {
                canonical: format!("+{digits}"),
            })
        } else if digits.len() == 11 && digits.starts_with('0') {
            Ok(PhoneNumber {
                canonical: format!("+44{}", &digits[1..]),
            })
        } else {
            Err(PhoneError::Invalid)
        }
    }

    /// The stored value and match key: E.164, then `;ext=` and the extension if any.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// The number in E.164, without the extension.
    #[must_use]
    pub fn e164(&self) -> &str {
        self.canonical.split(';').next().unwrap_or("")
    }

    /// The extension, if the number has one.
    #[must_use]
    pub fn extension(&self) -> Option<&str> {
        self.canonical.split_once(";ext=").map(|(_, ext)| ext)
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

/// Why a phone number was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneError {
    /// Not a valid number.
    Invalid,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("phone number is not valid")
    }
}

impl std::error::Error for PhoneError {}
