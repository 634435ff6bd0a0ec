//! Email addresses (SPEC §3.1).
//!
//! Placeholder: the full implementation replaces this file.

use std::fmt;

/// A valid email address: the stored form and its match key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress {
    stored: String,
    key: String,
}

impl EmailAddress {
    /// Parses and validates `input` (surrounding whitespace is ignored).
    pub fn parse(input: &str) -> Result<EmailAddress, EmailError> {
        let trimmed = input.trim();
        match trimmed.split_once('@') {
            Some((local, domain)) if !local.is_empty() && domain.contains('.') => {
                Ok(EmailAddress {
                    stored: format!("{local}@{}", domain.to_lowercase()),
                    key: trimmed.to_lowercase(),
                })
            }
            _ => Err(EmailError::Invalid),
        }
    }

    /// The stored value: trimmed, NFC, domain lowercased.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.stored
    }

    /// The match key: case-insensitive, IDN domain as its A-label.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stored)
    }
}

/// Why an email address was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailError {
    /// Not a valid address.
    Invalid,
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("email address is not valid")
    }
}

impl std::error::Error for EmailError {}
