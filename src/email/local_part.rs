//! The local part (before the @-sign): an unquoted dot-atom of ASCII `atext`
//! and non-ASCII characters, email-validator's unsafe-character rules, NFC.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::EmailError;
use super::unicode::unsafe_character;

/// RFC 5321 §4.5.3.1.1: at most 64 octets (SPEC §3.1).
pub(super) const MAX_OCTETS: usize = 64;

/// RFC 2142 mailbox names, which email-validator lowercases.
const CASE_INSENSITIVE_MAILBOX_NAMES: [&str; 15] = [
    "info",
    "marketing",
    "sales",
    "support",
    "abuse",
    "noc",
    "security",
    "postmaster",
    "hostmaster",
    "usenet",
    "news",
    "webmaster",
    "www",
    "uucp",
    "ftp",
];

/// RFC 5322 §3.2.3 `atext` (ASCII part) and the dot, by byte value.
static DOT_ATEXT: [bool; 128] = {
    let mut table = [false; 128];
    let mut b: u8 = 0;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric();
        b += 1;
    }
    let specials = b".!#$%&'*+-/=?^_`{|}~";
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_dot_or_atext(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_dot_or_atext_byte)
}

fn is_dot_or_atext_byte(b: u8) -> bool {
    DOT_ATEXT.get(usize::from(b)).copied().unwrap_or(false)
}

/// Validates `local` and returns its stored form: NFC, with RFC 2142 mailbox
/// names lowercased. Borrowed when that is `local` itself.
pub(super) fn normalize(local: &str) -> Result<Cow<'_, str>, EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocalPart);
    }
    if local.starts_with('"') {
        return Err(EmailError::QuotedLocalPart);
    }
    // Before NFC, so that a long input is never normalized.
    if local.len() > MAX_OCTETS {
        return Err(EmailError::LocalPartTooLong);
    }
    check_dot_atom(local)?;
    let mut text = Cow::Borrowed(local);
    if !local.is_ascii() && is_nfc_quick(local.chars()) != IsNormalized::Yes {
        let nfc: String = local.nfc().collect();
        if nfc != local {
            // email-validator validates the NFC form again: NFC can turn a
            // character into ASCII that is not allowed (U+037E into ';').
            check_dot_atom(&nfc)?;
            if nfc.len() > MAX_OCTETS {
                return Err(EmailError::LocalPartTooLong);
            }
            text = Cow::Owned(nfc);
        }
    }
    if text.is_ascii()
        && text.bytes().any(|b| b.is_ascii_uppercase())
        && CASE_INSENSITIVE_MAILBOX_NAMES
            .iter()
            .any(|name| name.eq_ignore_ascii_case(&text))
    {
        text = Cow::Owned(text.to_ascii_lowercase());
    }
    Ok(text)
}

/// The dot-atom rule (RFC 5322 §3.2.3, internationalized by RFC 6531 §3.3)
/// plus email-validator's check on unsafe Unicode characters.
fn check_dot_atom(local: &str) -> Result<(), EmailError> {
    if local.is_ascii() {
        // The common case, byte by byte.
        if let Some((i, b)) = local
            .bytes()
            .enumerate()
            .find(|&(_, b)| !is_dot_or_atext_byte(b))
        {
            return Err(ascii_character_error(b, i));
        }
    } else {
        for (i, c) in local.chars().enumerate() {
            if is_dot_or_atext(c) {
                continue;
            }
            if let Ok(b) = u8::try_from(c)
                && b.is_ascii()
            {
                return Err(ascii_character_error(b, i));
            }
            if let Some(e) = unsafe_character(c, i) {
                return Err(e);
            }
        }
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailError::LocalPartDot);
    }
    Ok(())
}

/// What is wrong with an ASCII character outside `atext` at character
/// index `i` of the local part.
fn ascii_character_error(b: u8, i: usize) -> EmailError {
    match b {
        b'"' if i == 0 => EmailError::QuotedLocalPart,
        b'<' | b'>' => EmailError::DisplayName,
        b' ' | b'\t'..=b'\r' => EmailError::Whitespace,
        _ if b.is_ascii_control() => EmailError::ControlCharacter,
        _ => EmailError::InvalidLocalPartCharacter,
    }
}
