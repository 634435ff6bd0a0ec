//! Phone numbers: E.164 plus an optional extension (SPEC §3.2).
//!
//! A number is accepted exactly when Python `phonenumbers` 9.0.33 (Google's
//! libphonenumber) parses it with the default region and finds it valid, and
//! it is stored as the E.164 form phonenumbers gives, so every way of writing a
//! number (`020 7031 3000`, `+44 (0)20 7031-3000`, `0044 20 7031 3000`,
//! `tel:+44-20-7031-3000`, fullwidth or Arabic-Indic digits) has one key.
//!
//! On top of the reference: input is trimmed first and may be at most 64
//! characters; an extension's digits are stored folded to ASCII.
//!
//! Where the data enters and leaves (submodules of `phone/`):
//! - `text`: the character-level shape checks (viability, extensions,
//!   `tel:` URIs, digit folding), over the input's characters, with
//!   `unicode_tables` holding Python's view of digits and word characters,
//!   and a one-pass answer for plain input (ASCII digits and punctuation);
//! - `parse`: libphonenumber's parse steps (calling code, international and
//!   national prefixes) over `metadata`, on `digits` held inline;
//! - `pattern` runs the metadata's regular expressions, as DFAs built on
//!   first use by `dfa`;
//! - `validate`: the validity verdict;
//! - this file: the public types.
//!
//! A plain number allocates only its canonical string.

mod dfa;
mod digits;
mod metadata;
mod parse;
mod pattern;
mod text;
mod unicode_tables;
mod validate;

use std::fmt;
use std::str::FromStr;

use parse::{Length, ParseError};

use crate::chars;

/// Longest accepted input, in characters, after trimming.
const MAX_INPUT_CHARS: usize = 64;

// The position sets in `text` must cover every accepted input, and the digit
// buffers every digit of one.
const _: () = assert!(MAX_INPUT_CHARS <= text::MAX_CHARS);
const _: () = assert!(MAX_INPUT_CHARS <= digits::MAX_INPUT_DIGITS);

/// A region (ISO 3166-1 alpha-2, such as `GB`) known to libphonenumber's
/// metadata, whose numbering plan applies to numbers written without a
/// country calling code.
///
/// ```
/// use person_match::Region;
///
/// let region: Region = "de".parse().unwrap();
/// assert_eq!(region.as_str(), "DE");
/// assert_eq!(Region::default(), Region::GB);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region([u8; 2]);

impl Region {
    /// Great Britain, the default region.
    pub const GB: Region = Region(*b"GB");

    /// The region with this two-letter code, in any case.
    pub fn new(code: &str) -> Result<Region, RegionError> {
        let &[a, b] = code.as_bytes() else {
            return Err(RegionError::Malformed);
        };
        if !a.is_ascii_alphabetic() || !b.is_ascii_alphabetic() {
            return Err(RegionError::Malformed);
        }
        let upper = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
        match metadata::metadata().region(upper) {
            Some(_) => Ok(Region(upper)),
            None => Err(RegionError::Unknown),
        }
    }

    /// The region's two-letter code, upper case.
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

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Region {
    type Err = RegionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Region::new(s)
    }
}

/// Why a region code was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionError {
    /// The code is not two ASCII letters.
    Malformed,
    /// Two letters, but not a region in libphonenumber's metadata.
    Unknown,
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RegionError::Malformed => "region code must be two ASCII letters",
            RegionError::Unknown => "region code is not a known ISO 3166-1 alpha-2 region",
        })
    }
}

impl std::error::Error for RegionError {}

/// A valid phone number in canonical form: E.164, then `;ext=` and the
/// extension's digits if it has one.
///
/// ```
/// use person_match::{PhoneNumber, Region};
///
/// let n = PhoneNumber::parse("020 7031 3000 ext. 12", Region::GB).unwrap();
/// assert_eq!(n.as_str(), "+442070313000;ext=12");
/// assert_eq!(n.e164(), "+442070313000");
/// assert_eq!(n.extension(), Some("12"));
///
/// let same = PhoneNumber::parse("+44 (0)20 7031-3000 x12", Region::GB).unwrap();
/// assert_eq!(n, same);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber {
    canonical: String,
}

/// Separates E.164 from the extension in the canonical form (RFC 3966 style).
const EXTENSION_SEPARATOR: &str = ";ext=";

impl PhoneNumber {
    /// Parses and validates `input`; numbers without a country calling code
    /// (no `+` or international prefix) use `default_region`'s plan.
    pub fn parse(input: &str, default_region: Region) -> Result<PhoneNumber, PhoneError> {
        let input = chars::trim(input);
        // Bounded before anything else looks at the text.
        if input.len() > MAX_INPUT_CHARS && input.chars().nth(MAX_INPUT_CHARS).is_some() {
            return Err(PhoneError::InputTooLong);
        }
        if input.is_empty() {
            return Err(PhoneError::Empty);
        }
        let meta = metadata::metadata();
        // Every `Region` is in the metadata (checked on construction).
        let default = meta
            .region(default_region.0)
            .ok_or(PhoneError::InvalidCountryCode)?;
        let parsed = parse::parse(input, default, meta).map_err(|e| match e {
            ParseError::InvalidPhoneContext => PhoneError::InvalidPhoneContext,
            ParseError::NotANumber if !input.chars().any(text::is_digit) => PhoneError::NoDigits,
            ParseError::NotANumber => PhoneError::NotAPhoneNumber,
            ParseError::InvalidCountryCode => PhoneError::InvalidCountryCode,
            ParseError::TooShortAfterIdd => PhoneError::TooShortAfterInternationalPrefix,
            ParseError::TooShortNsn => PhoneError::TooShort,
            ParseError::TooLong => PhoneError::TooLong,
        })?;
        let national_number = parsed.national_number.as_bytes();
        if !validate::is_valid(meta, parsed.country_code, national_number) {
            // Say what is wrong against the main territory of the calling code.
            let length = meta
                .main_for_country_code(parsed.country_code)
                .map(|t| parse::test_length(national_number, t));
            return Err(match length {
                Some(Length::TooShort | Length::PossibleLocalOnly) => PhoneError::TooShort,
                Some(Length::TooLong) => PhoneError::TooLong,
                _ => PhoneError::InvalidForRegion,
            });
        }
        // Every calling code is in the metadata (parsing checked).
        let country_code = meta
            .main_for_country_code(parsed.country_code)
            .map_or("", |t| t.country_code_digits.as_str());
        let extension = parsed.extension.as_deref();
        let mut canonical = String::with_capacity(
            1 + country_code.len()
                + national_number.len()
                + extension.map_or(0, |e| EXTENSION_SEPARATOR.len() + e.len()),
        );
        canonical.push('+');
        canonical.push_str(country_code);
        // ASCII digits, one `char` each.
        canonical.extend(national_number.iter().map(|&digit| char::from(digit)));
        if let Some(extension) = extension {
            canonical.push_str(EXTENSION_SEPARATOR);
            canonical.push_str(extension);
        }
        Ok(PhoneNumber { canonical })
    }

    /// The stored value and match key: E.164, then `;ext=` and the extension
    /// if any.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// The number in E.164 (`+`, calling code, national number), without the
    /// extension.
    #[must_use]
    pub fn e164(&self) -> &str {
        match self.canonical.split_once(EXTENSION_SEPARATOR) {
            Some((e164, _)) => e164,
            None => &self.canonical,
        }
    }

    /// The extension's digits (ASCII), if the number has one.
    #[must_use]
    pub fn extension(&self) -> Option<&str> {
        self.canonical
            .split_once(EXTENSION_SEPARATOR)
            .map(|(_, extension)| extension)
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneError;

    /// Parses with the default region, [`Region::GB`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PhoneNumber::parse(s, Region::GB)
    }
}

impl TryFrom<&str> for PhoneNumber {
    type Error = PhoneError;

    /// Parses with the default region, [`Region::GB`].
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        PhoneNumber::parse(s, Region::GB)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneError;

    /// Parses with the default region, [`Region::GB`].
    fn try_from(s: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&s, Region::GB)
    }
}

/// Why a phone number was rejected. Messages never repeat the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PhoneError {
    /// Nothing but whitespace.
    Empty,
    /// More than 64 characters after trimming.
    InputTooLong,
    /// No digit in any script.
    NoDigits,
    /// Digits, but not laid out as a phone number (too few of them, or
    /// characters a phone number cannot contain).
    NotAPhoneNumber,
    /// A `tel:` URI whose `phone-context` is neither a number nor a domain.
    InvalidPhoneContext,
    /// The number starts with `+` or an international prefix followed by no
    /// assigned country calling code.
    InvalidCountryCode,
    /// Too few digits after `+` or an international prefix.
    TooShortAfterInternationalPrefix,
    /// Fewer digits than any number of its country (or only enough for a
    /// local number without area code).
    TooShort,
    /// More digits than any number of its country.
    TooLong,
    /// A plausible length, but no number type of its region matches.
    InvalidForRegion,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PhoneError::Empty => "phone number is empty",
            PhoneError::InputTooLong => "phone number is longer than 64 characters",
            PhoneError::NoDigits => "phone number contains no digits",
            PhoneError::NotAPhoneNumber => {
                "phone number has too few digits or characters a phone number cannot contain"
            }
            PhoneError::InvalidPhoneContext => {
                "phone number has an invalid phone-context parameter"
            }
            PhoneError::InvalidCountryCode => "phone number has an unknown country calling code",
            PhoneError::TooShortAfterInternationalPrefix => {
                "phone number is too short after its international prefix"
            }
            PhoneError::TooShort => "phone number is too short",
            PhoneError::TooLong => "phone number is too long",
            PhoneError::InvalidForRegion => "phone number is not a valid number for its region",
        })
    }
}

impl std::error::Error for PhoneError {}
