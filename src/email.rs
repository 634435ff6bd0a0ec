//! Email addresses (SPEC §3.1).
//!
//! The reference is Python `email-validator` 2.4.0 called as
//! `validate_email(s.strip(), check_deliverability=False)` with its other
//! options at their defaults (with `idna` 3.20 and Python 3.11's Unicode
//! 14.0.0 data): an address is valid exactly when it accepts it, with the
//! two differences listed below. The rules, in the order the input meets
//! them:
//!
//! - Surrounding whitespace (as Python's `str.strip` sees it) is trimmed.
//!   What remains is at most 254 octets, checked before any other work, so a
//!   megabyte of input is rejected without being normalized.
//! - It splits at the first `@`. No display name (`Name <addr>`), no quoted
//!   local part, no domain literal (`[192.0.2.1]`).
//! - Local part: a dot-atom of RFC 5322 `atext` and non-ASCII characters
//!   (RFC 6531), with no separators, control, format, private-use or
//!   unassigned characters, and no combining mark first; valid again after
//!   NFC. RFC 2142 role names (`Postmaster`, `Info`, …) are lowercased, as
//!   email-validator does.
//! - Domain: the characters above, mapped by UTS #46 (nontransitional, no
//!   STD3 rules: email-validator's `idna.uts46_remap` call, and the `idna`
//!   crate's `AsciiDenyList::EMPTY` and `Hyphens::Allow`), then every label
//!   checked by the IDNA 2008 rules (PVALID or CONTEXTO code points, the Bidi
//!   Rule across the domain, canonical Punycode), hostname syntax, at most 63
//!   octets a label and 253 in all (as A-labels), a dot, a top-level domain
//!   ending in a letter, and not a special-use name (`.arpa`, `.invalid`,
//!   `.local`, `.localhost`, `.onion`, `.test`, or those names alone).
//! - The address is at most 254 octets as given, as stored, and with its
//!   domain in A-labels.
//!
//! **Deliberate differences** (the vector file marks each one):
//!
//! - A local part longer than 64 octets (as given or after NFC) is rejected,
//!   as SPEC §3.1 and RFC 5321 §4.5.3.1.1 require; email-validator checks
//!   that limit only in its `strict` mode.
//! - Four combining marks (U+1B3A, U+1B3C, U+1B42, U+1171E) had bidi class
//!   NSM in Unicode 14.0 and are left-to-right in the newer data of the
//!   `idna` crate, whose UTS #46 step therefore rejects them inside a
//!   right-to-left label (such as Hebrew followed by a Balinese vowel sign).
//!   A sweep of every code point in several positions found no other case.
//!
//! The Unicode data the rules need (general category, bidi class, IDNA 2008
//! code point classes, case folding) is generated from the reference by
//! `scripts/gen_email_vectors.py` into `src/email/tables.rs`, which also
//! writes the conformance vectors in `tests/data/email_vectors.json`.
//!
//! # Stored value and match key
//!
//! [`EmailAddress::as_str`] is email-validator's `normalized` form: the NFC
//! local part, `@`, the domain lowercased in Unicode (U-label) form, so
//! `Jane@BÜCHER.example` and `Jane@xn--bcher-kva.example` are both stored as
//! `Jane@bücher.example`. Dots and `+tags` are kept.
//!
//! [`EmailAddress::key`] is the match key: `NFC(casefold(local part))`, `@`,
//! the A-label domain. Two addresses have the same key exactly when their
//! normalized forms are equal ignoring case, and an IDN domain has the same
//! key in either form. Case is ignored by full Unicode case folding (Python's
//! `str.casefold`), not by lowercasing: folding is the Unicode definition of
//! caseless matching, so `STRASSE` and `straße`, `ΟΔΟΣ` and `οδοσ` (final
//! sigma), or `ſ` and `s` match, where lowercasing would keep them apart;
//! the NFC after folding keeps the key canonical. The folding table is
//! generated from the reference's Unicode data, so keys do not change with
//! the Rust toolchain.

mod domain;
mod error;
mod idna2008;
mod local_part;
mod tables;
mod unicode;

use std::fmt;
use std::str::FromStr;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub use error::EmailError;

use domain::push_lowercase;

/// RFC 3696 errata 1690 / RFC 5321 §4.5.3.1.3: 254 octets.
const MAX_ADDRESS_OCTETS: usize = 254;

/// A valid email address: its stored form and its match key.
///
/// Built only by [`EmailAddress::parse`] (or `FromStr`/`TryFrom`). Equality,
/// ordering and hashing are those of the stored form; use
/// [`EmailAddress::key`] to compare addresses ignoring case.
///
/// ```
/// use person_match::EmailAddress;
///
/// let a = EmailAddress::parse("  Jane.Doe+news@BÜCHER.example.com ").unwrap();
/// assert_eq!(a.as_str(), "Jane.Doe+news@bücher.example.com");
/// assert_eq!(a.key(), "jane.doe+news@xn--bcher-kva.example.com");
///
/// let b: EmailAddress = "jane.doe+NEWS@xn--bcher-kva.example.com".parse().unwrap();
/// assert_ne!(a, b);
/// assert_eq!(a.key(), b.key());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress {
    stored: Box<str>,
    /// `None` when the key equals the stored form (the common all-lowercase
    /// ASCII address), which saves an allocation.
    key: Option<Box<str>>,
}

impl EmailAddress {
    /// Parses and validates `input` (surrounding whitespace is ignored).
    pub fn parse(input: &str) -> Result<EmailAddress, EmailError> {
        let address = input.trim_matches(unicode::is_python_whitespace);
        if address.is_empty() {
            return Err(EmailError::Empty);
        }
        // Every later step is bounded by this, so it comes first.
        if address.len() > MAX_ADDRESS_OCTETS {
            return Err(EmailError::AddressTooLong);
        }
        let Some((local, domain)) = address.split_once('@') else {
            return Err(if address.contains(['\u{FF20}', '\u{FE6B}']) {
                EmailError::LookalikeAtSign
            } else {
                EmailError::MissingAtSign
            });
        };
        if !local.starts_with('"')
            && (local.contains('<') || (address.ends_with('>') && address.contains('<')))
        {
            return Err(EmailError::DisplayName);
        }
        let local = local_part::normalize(local)?;
        let domain = domain::normalize(domain)?;

        let stored_len = local.len() + 1 + domain.unicode.len();
        if stored_len > MAX_ADDRESS_OCTETS
            || local.len() + 1 + domain.ascii.len() > MAX_ADDRESS_OCTETS
        {
            return Err(EmailError::AddressTooLong);
        }

        let mut stored = String::with_capacity(stored_len);
        stored.push_str(&local);
        stored.push('@');
        push_lowercase(&mut stored, &domain.unicode);

        let key_is_stored = local
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            && domain.unicode == domain.ascii;
        let key = if key_is_stored {
            None
        } else {
            let mut key = String::with_capacity(local.len() + 1 + domain.ascii.len());
            if local.is_ascii() {
                push_lowercase(&mut key, &local);
            } else {
                unicode::push_case_folded(&mut key, &local);
                if is_nfc_quick(key.chars()) != IsNormalized::Yes {
                    key = key.nfc().collect();
                }
            }
            key.push('@');
            push_lowercase(&mut key, &domain.ascii);
            (key != stored).then(|| key.into_boxed_str())
        };
        Ok(EmailAddress {
            stored: stored.into_boxed_str(),
            key,
        })
    }

    /// The stored value: trimmed, NFC local part, `@`, the lowercased domain
    /// in Unicode (U-label) form (email-validator's `normalized`).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.stored
    }

    /// The match key: the case-folded NFC local part, `@`, the lowercased
    /// domain in ASCII (A-label) form. Equal keys mean the same mailbox.
    #[must_use]
    pub fn key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.stored)
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EmailAddress").field(&self.stored).finish()
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.stored)
    }
}

impl FromStr for EmailAddress {
    type Err = EmailError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EmailAddress::parse(s)
    }
}

impl TryFrom<&str> for EmailAddress {
    type Error = EmailError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        EmailAddress::parse(s)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = EmailError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        EmailAddress::parse(&s)
    }
}
