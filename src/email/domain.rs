//! The domain (after the @-sign): email-validator's character checks, UTS #46
//! mapping through the `idna` crate, the IDNA 2008 label rules, hostname
//! syntax, length limits and special-use names.

use std::borrow::Cow;

use idna::AsciiDenyList;
use idna::punycode;
use idna::uts46::{ErrorPolicy, Hyphens, ProcessingSuccess, Uts46};

use super::EmailError;
use super::idna2008::{check_bidi, check_label};
use super::unicode::{Bidi, bidi, decomposes_to_dot, unsafe_character};

/// RFC 1035 §2.3.4 without the root dot.
const MAX_OCTETS: usize = 253;
/// RFC 1035 §2.3.1.
const MAX_LABEL_OCTETS: usize = 63;

/// email-validator's `SPECIAL_USE_DOMAIN_NAMES` (IANA special-use names that
/// cannot have globally deliverable addresses).
const SPECIAL_USE: [&str; 6] = ["arpa", "invalid", "local", "localhost", "onion", "test"];

/// The two forms of a valid domain.
///
/// Both may still hold ASCII capitals when borrowed from the input; callers
/// write them with [`push_lowercase`].
pub(super) struct Domain<'a> {
    /// U-labels: email-validator's `domain`, used in the stored address.
    pub(super) unicode: Cow<'a, str>,
    /// A-labels: email-validator's `ascii_domain`, used in the match key.
    pub(super) ascii: Cow<'a, str>,
}

/// Appends `s` with ASCII letters lowercased.
pub(super) fn push_lowercase(out: &mut String, s: &str) {
    let start = out.len();
    out.push_str(s);
    if let Some(tail) = out.get_mut(start..) {
        tail.make_ascii_lowercase();
    }
}

/// Validates `domain` (the text after the first @-sign).
pub(super) fn normalize(domain: &str) -> Result<Domain<'_>, EmailError> {
    if domain.is_empty() {
        return Err(EmailError::EmptyDomain);
    }
    if domain.starts_with('[') && domain.ends_with(']') {
        return Err(EmailError::DomainLiteral);
    }
    if domain.len() > MAX_OCTETS && domain.chars().nth(MAX_OCTETS).is_some() {
        return Err(EmailError::DomainTooLong);
    }
    let forms = if domain.is_ascii() {
        // ASCII maps to itself lowercased under UTS #46, so the common case
        // needs no mapping and no copy.
        let has_a_label = check_hostname_syntax(domain)?;
        if has_a_label {
            idna_forms(&domain.to_ascii_lowercase())?
        } else {
            Domain {
                unicode: Cow::Borrowed(domain),
                ascii: Cow::Borrowed(domain),
            }
        }
    } else {
        check_input_characters(domain)?;
        idna_forms(domain)?
    };
    check_ascii_form(&forms.ascii)?;
    Ok(forms)
}

/// What is wrong with an ASCII character that is not a letter, digit,
/// hyphen or dot in a domain.
fn ascii_domain_character_error(b: u8) -> EmailError {
    match b {
        b' ' | b'\t'..=b'\r' => EmailError::Whitespace,
        _ if b.is_ascii_control() => EmailError::ControlCharacter,
        b'<' | b'>' => EmailError::DisplayName,
        _ => EmailError::InvalidDomainCharacter,
    }
}

/// email-validator's checks on a non-ASCII domain as given: hostname
/// characters or non-ASCII, no unsafe characters, nothing that decomposes
/// to a dot.
fn check_input_characters(domain: &str) -> Result<(), EmailError> {
    for (i, c) in domain.chars().enumerate() {
        if let Ok(b) = u8::try_from(c)
            && b.is_ascii()
        {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
                continue;
            }
            return Err(ascii_domain_character_error(b));
        }
        if let Some(e) = unsafe_character(c, i) {
            return Err(e);
        }
        if decomposes_to_dot(c) {
            return Err(EmailError::InvalidDomainCharacter);
        }
    }
    Ok(())
}

/// Hostname syntax after mapping (RFC 952, RFC 1123 §2.1, RFC 5890 R-LDH):
/// ASCII characters are letters, digits, hyphens and dots; no empty label;
/// no label starts or ends with a hyphen or has "--" in positions 3 and 4
/// unless it starts with "xn--". Returns whether some label starts with
/// "xn--" (any case).
fn check_hostname_syntax(domain: &str) -> Result<bool, EmailError> {
    if let Some(&b) = domain
        .as_bytes()
        .iter()
        .find(|&&b| b.is_ascii() && !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.'))
    {
        return Err(ascii_domain_character_error(b));
    }
    let mut has_a_label = false;
    for bytes in domain.as_bytes().split(|&b| b == b'.') {
        if bytes.is_empty() {
            return Err(EmailError::DomainDot);
        }
        if bytes.first() == Some(&b'-') || bytes.last() == Some(&b'-') {
            return Err(EmailError::LabelHyphen);
        }
        // Positions are in characters (Python's regex `(?!xn)..--`).
        let hyphens = if bytes.is_ascii() {
            bytes.get(2..4) == Some(b"--")
        } else {
            let mut chars = std::str::from_utf8(bytes)
                .unwrap_or_default()
                .chars()
                .skip(2);
            chars.next() == Some('-') && chars.next() == Some('-')
        };
        if hyphens {
            if bytes
                .get(..2)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"xn"))
            {
                has_a_label = true;
            } else {
                return Err(EmailError::LabelReservedHyphens);
            }
        }
    }
    Ok(has_a_label)
}

/// UTS #46 mapping (nontransitional, no STD3 rules, as email-validator calls
/// `idna.uts46_remap`), then the IDNA 2008 checks `idna.alabel`,
/// `idna.ulabel` and email-validator apply to the result.
fn idna_forms(domain: &str) -> Result<Domain<'static>, EmailError> {
    let mut unicode = String::with_capacity(domain.len());
    let mut ascii = String::new();
    let outcome = Uts46::new().process(
        domain.as_bytes(),
        AsciiDenyList::EMPTY,
        Hyphens::Allow,
        ErrorPolicy::FailFast,
        |_, _, _| true,
        &mut unicode,
        Some(&mut ascii),
    );
    match outcome {
        Ok(ProcessingSuccess::Passthrough) => {
            unicode.clear();
            unicode.push_str(domain);
        }
        Ok(ProcessingSuccess::WroteToSink) => {}
        // `Uts46::process` fails on disallowed code points, bad Punycode
        // and its own validity rules, all of which the reference rejects.
        Err(_) => return Err(idna_failure(domain)),
    }
    if ascii.is_empty() {
        ascii.clone_from(&unicode);
    }

    check_hostname_syntax(&unicode)?;
    let mut has_rtl = false;
    let mut u_labels = unicode.split('.');
    let mut a_labels = ascii.split('.');
    loop {
        match (u_labels.next(), a_labels.next()) {
            (None, None) => break,
            (Some(u), Some(a)) if u.is_ascii() => {
                if u != a {
                    return Err(EmailError::InvalidIdn);
                }
            }
            (Some(u), Some(a)) => {
                check_label(u)?;
                has_rtl |= u
                    .chars()
                    .any(|c| matches!(bidi(c), Bidi::R | Bidi::Al | Bidi::An));
                // The A-label must be the canonical encoding of its U-label
                // (RFC 5891 §5.3): `idna.ulabel` rejects any other spelling.
                let canonical = a.strip_prefix("xn--").is_some_and(|puny| {
                    punycode::encode_str(u).is_some_and(|expected| expected == puny)
                });
                if !canonical {
                    return Err(EmailError::InvalidPunycode);
                }
            }
            _ => return Err(EmailError::InvalidIdn),
        }
    }
    // The Bidi Rule covers every label once any label is right-to-left
    // (RFC 5893 §1.4, UTS #46 CheckBidi), as email-validator checks it.
    if has_rtl {
        for label in unicode.split('.') {
            let chars: Vec<char> = label.chars().collect();
            check_bidi(&chars, true)?;
        }
    }
    Ok(Domain {
        unicode: Cow::Owned(unicode),
        ascii: Cow::Owned(ascii),
    })
}

/// Names what made `Uts46::process` fail: a malformed or non-canonical
/// `xn--` label, or else the IDNA rules.
fn idna_failure(domain: &str) -> EmailError {
    let bad_punycode = domain.split('.').any(|label| {
        label.is_ascii()
            && label
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
            && label.get(4..).is_none_or(|puny| {
                let puny = puny.to_ascii_lowercase();
                puny.is_empty()
                    || puny.ends_with('-')
                    || punycode::decode_to_string(&puny)
                        .and_then(|u| punycode::encode_str(&u))
                        .is_none_or(|again| again != puny)
            })
    });
    if bad_punycode {
        EmailError::InvalidPunycode
    } else {
        EmailError::InvalidIdn
    }
}

/// Checks on the A-label form: length, a dot, a top-level domain ending in a
/// letter, not a special-use name.
fn check_ascii_form(ascii: &str) -> Result<(), EmailError> {
    if ascii.len() > MAX_OCTETS {
        return Err(EmailError::DomainTooLong);
    }
    if ascii
        .as_bytes()
        .split(|&b| b == b'.')
        .any(|label| label.len() > MAX_LABEL_OCTETS)
    {
        return Err(EmailError::LabelTooLong);
    }
    if !ascii.contains('.') {
        return Err(EmailError::DomainNoDot);
    }
    if !ascii.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(EmailError::InvalidTopLevelDomain);
    }
    let bytes = ascii.as_bytes();
    let is_special = SPECIAL_USE.iter().any(|name| {
        bytes.len() > name.len()
            && bytes[bytes.len() - name.len() - 1] == b'.'
            && bytes[bytes.len() - name.len()..].eq_ignore_ascii_case(name.as_bytes())
    });
    if is_special {
        return Err(EmailError::SpecialUseDomain);
    }
    Ok(())
}
