//! Why an email address was rejected.

use std::fmt;

/// Why an email address was rejected.
///
/// The messages say what is wrong and never repeat the address, so they can
/// be logged and returned to API clients without leaking personal data.
///
/// ```
/// use person_match::{EmailAddress, EmailError};
///
/// let err = EmailAddress::parse("jane.doe@localhost").unwrap_err();
/// assert_eq!(err, EmailError::DomainNoDot);
/// assert_eq!(err.to_string(), "email domain has no dot");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EmailError {
    /// Nothing but whitespace.
    Empty,
    /// No `@`.
    MissingAtSign,
    /// A full-width `＠` or small `﹫` where the `@` should be.
    LookalikeAtSign,
    /// `Name <address>` or `<address>`: only the bare address is accepted.
    DisplayName,
    /// Nothing before the `@`.
    EmptyLocalPart,
    /// More than 64 octets (UTF-8) before the `@`, as given or after NFC.
    LocalPartTooLong,
    /// A quoted local part (`"john doe"@example.com`).
    QuotedLocalPart,
    /// A character outside RFC 5322 `atext` and non-ASCII before the `@`
    /// (such as `(`, `,`, `:` or `\`).
    InvalidLocalPartCharacter,
    /// A dot at the start or end of the local part, or two dots in a row.
    LocalPartDot,
    /// Whitespace inside the address (surrounding whitespace is trimmed).
    Whitespace,
    /// A control character.
    ControlCharacter,
    /// An invisible format character (such as a zero-width space or a bidi
    /// control), a private-use, surrogate or unassigned code point.
    UnsafeCharacter,
    /// A combining mark at the start of the local part, the domain or a
    /// domain label, where it would combine with what precedes it.
    LeadingCombiningMark,
    /// Nothing after the `@`.
    EmptyDomain,
    /// A domain literal (`user@[192.0.2.1]`).
    DomainLiteral,
    /// A character that is not allowed in a domain name (such as `_` or `!`).
    InvalidDomainCharacter,
    /// A dot at the start or end of the domain, or two dots in a row.
    DomainDot,
    /// A domain label that starts or ends with a hyphen.
    LabelHyphen,
    /// A domain label with `--` in the third and fourth positions that is
    /// not a valid A-label (RFC 5890 reserves them).
    LabelReservedHyphens,
    /// A domain label longer than 63 octets (in its A-label form).
    LabelTooLong,
    /// A domain longer than 253 octets (in its A-label form).
    DomainTooLong,
    /// A domain without a dot (`user@localhost`).
    DomainNoDot,
    /// A top-level domain that does not end with a letter (`user@1.2.3.4`).
    InvalidTopLevelDomain,
    /// A special-use or reserved domain (`.test`, `.local`, `.localhost`,
    /// `.invalid`, `.arpa`, `.onion`).
    SpecialUseDomain,
    /// A domain that breaks the IDNA 2008 rules: a disallowed code point, a
    /// contextual rule, or the bidi rule for right-to-left labels.
    InvalidIdn,
    /// An `xn--` label that is not valid, canonical Punycode.
    InvalidPunycode,
    /// More than 254 octets in all, as given, normalized, or with the
    /// domain in A-labels.
    AddressTooLong,
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EmailError::Empty => "email address is empty",
            EmailError::MissingAtSign => "email address has no @-sign",
            EmailError::LookalikeAtSign => {
                "email address has a full-width or small @ instead of the @-sign"
            }
            EmailError::DisplayName => {
                "email address has a display name or angle brackets; only the bare address is accepted"
            }
            EmailError::EmptyLocalPart => "email address has nothing before the @-sign",
            EmailError::LocalPartTooLong => {
                "email address has more than 64 octets before the @-sign"
            }
            EmailError::QuotedLocalPart => {
                "email address has a quoted part before the @-sign, which is not accepted"
            }
            EmailError::InvalidLocalPartCharacter => {
                "email address has a character that is not allowed before the @-sign"
            }
            EmailError::LocalPartDot => {
                "email address has a dot at the start or end of the part before the @-sign, or two dots in a row"
            }
            EmailError::Whitespace => "email address contains whitespace",
            EmailError::ControlCharacter => "email address contains a control character",
            EmailError::UnsafeCharacter => {
                "email address contains an invisible formatting, private-use or unassigned character"
            }
            EmailError::LeadingCombiningMark => {
                "email address has a combining mark at the start of a part"
            }
            EmailError::EmptyDomain => "email address has nothing after the @-sign",
            EmailError::DomainLiteral => {
                "email address has a domain literal (a bracketed address) after the @-sign, which is not accepted"
            }
            EmailError::InvalidDomainCharacter => {
                "email domain contains a character that is not allowed in a domain name"
            }
            EmailError::DomainDot => {
                "email domain starts or ends with a dot, or has two dots in a row"
            }
            EmailError::LabelHyphen => {
                "email domain has a label that starts or ends with a hyphen"
            }
            EmailError::LabelReservedHyphens => {
                "email domain has a label with hyphens in the third and fourth positions"
            }
            EmailError::LabelTooLong => "email domain has a label longer than 63 octets",
            EmailError::DomainTooLong => "email domain is longer than 253 octets",
            EmailError::DomainNoDot => "email domain has no dot",
            EmailError::InvalidTopLevelDomain => {
                "email domain has a top-level domain that does not end with a letter"
            }
            EmailError::SpecialUseDomain => "email domain is a special-use or reserved name",
            EmailError::InvalidIdn => {
                "email domain is not a valid internationalized domain name"
            }
            EmailError::InvalidPunycode => {
                "email domain has an xn-- label that is not valid, canonical punycode"
            }
            EmailError::AddressTooLong => "email address is longer than 254 octets",
        })
    }
}

impl std::error::Error for EmailError {}
