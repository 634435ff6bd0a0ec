//! libphonenumber's `parse`, step for step (Python phonenumbers 9.0.33).
//!
//! Each function names the reference function it mirrors. The input arrives
//! trimmed and at most 64 characters long; the result is a country calling
//! code, a national significant number (ASCII digits) and an extension.
//!
//! Two stages: the text is reduced to whether it starts with a plus sign, its
//! digits and its extension ([`text::plain_number`] for the common plain
//! input, [`read_text`] for the rest); then calling code and national prefix
//! are worked out on digits held inline, so a plain number is parsed without
//! allocating.
//!
//! Where this departs from the `phonenumber` crate's parser (whose bugs it must
//! not inherit): the national prefix is stripped with the metadata of the
//! number's own country, never the default region's; `nationalPrefixForParsing`
//! falls back to the national prefix (trunk prefix `8` in BY, RU, KZ, LT);
//! digits of every script are folded; and patterns are matched in full, never
//! as prefixes.

use super::digits::Digits;
use super::metadata::{Metadata, Territory};
use super::pattern::Captures;
use super::text;

/// Shortest and longest national significant numbers the parser accepts.
const MIN_LENGTH_FOR_NSN: usize = 2;
const MAX_LENGTH_FOR_NSN: usize = 17;
/// Country calling codes have at most three digits.
const MAX_LENGTH_COUNTRY_CODE: usize = 3;

const RFC3966_PHONE_CONTEXT: &str = ";phone-context=";
const RFC3966_PREFIX: &str = "tel:";
const RFC3966_ISDN_SUBADDRESS: &str = ";isub=";

/// A parsed number, not yet validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) country_code: u16,
    /// National significant number, ASCII digits.
    pub(crate) national_number: Digits,
    /// Extension digits, folded to ASCII.
    pub(crate) extension: Option<String>,
}

/// Why parsing failed: libphonenumber's `NumberParseException` types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// `NOT_A_NUMBER` from an invalid `;phone-context=` value.
    InvalidPhoneContext,
    /// `NOT_A_NUMBER`: the text does not have the shape of a phone number.
    NotANumber,
    /// `INVALID_COUNTRY_CODE`.
    InvalidCountryCode,
    /// `TOO_SHORT_AFTER_IDD`.
    TooShortAfterIdd,
    /// `TOO_SHORT_NSN`.
    TooShortNsn,
    /// `TOO_LONG` (national significant number over 17 digits).
    TooLong,
}

/// What the parser needs of the text: whether the number (without its
/// extension) starts with a plus sign, its normalized digits, and the
/// extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub(crate) plus: bool,
    pub(crate) digits: Digits,
    pub(crate) extension: Option<String>,
}

/// `parse(number, region)` with `region`'s metadata as `default`.
pub(crate) fn parse(
    input: &str,
    default: &Territory,
    meta: &Metadata,
) -> Result<Parsed, ParseError> {
    let Text {
        plus,
        digits,
        extension,
    } = match text::plain_number(input) {
        Some((plus, digits)) => Text {
            plus,
            digits,
            extension: None,
        },
        None => read_text(input)?,
    };
    let digits = digits.as_bytes();

    let extracted = match maybe_extract_country_code(plus, digits, default, meta) {
        // Without the plus signs, try again as an IDD or national number.
        // (`_normalize` drops plus signs, so the digits are the same.)
        Err(ParseError::InvalidCountryCode) if plus => {
            match maybe_extract_country_code(false, digits, default, meta)? {
                Some(found) => Some(found),
                None => return Err(ParseError::InvalidCountryCode),
            }
        }
        other => other?,
    };

    let (country_code, mut national_number, territory) = match extracted {
        // The number's own country: `region_code_for_country_code` picks the
        // main region of the code (the default region itself when it is that).
        Some((code, rest)) => {
            let territory = meta
                .main_for_country_code(code)
                .ok_or(ParseError::InvalidCountryCode)?;
            (code, rest, territory)
        }
        None => (default.country_code, Digits::from(digits), default),
    };

    if national_number.len() < MIN_LENGTH_FOR_NSN {
        return Err(ParseError::TooShortNsn);
    }
    // Strip a national prefix only if what remains could be a full number.
    let stripped = strip_national_prefix(national_number.as_bytes(), territory);
    if matches!(
        test_length(stripped.as_bytes(), territory),
        Length::Possible | Length::TooLong
    ) {
        national_number = stripped;
    }
    if national_number.len() > MAX_LENGTH_FOR_NSN {
        return Err(ParseError::TooLong);
    }
    Ok(Parsed {
        country_code,
        national_number,
        extension,
    })
}

/// The text stage for any input: the number for parsing, its viability, and
/// `_maybe_strip_extension` (an extension counts only if what precedes it is
/// itself a viable number).
pub(crate) fn read_text(input: &str) -> Result<Text, ParseError> {
    let national = national_number_for_parsing(input)?;
    if !text::is_viable(&national) {
        return Err(ParseError::NotANumber);
    }
    let (number, extension) = match text::find_extension(&national) {
        Some(i) if national.get(..i).is_some_and(text::is_viable) => (
            national.get(..i).unwrap_or_default(),
            Some(text::trailing_digits(national.get(i..).unwrap_or_default())),
        ),
        _ => (&national[..], None),
    };
    Ok(Text {
        plus: text::leading_plus_signs(number) > 0,
        digits: text::normalize(number),
        extension,
    })
}

/// `_build_national_number_for_parsing`: RFC 3966 (`tel:` URIs with
/// `;phone-context=`) or else `_extract_possible_number`; then drop any
/// `;isub=` ISDN subaddress.
fn national_number_for_parsing(number: &str) -> Result<Vec<char>, ParseError> {
    let mut national: Vec<char> = if let Some(index) = number.find(RFC3966_PHONE_CONTEXT) {
        let after = number
            .get(index + RFC3966_PHONE_CONTEXT.len()..)
            .unwrap_or_default();
        let context = after.split(';').next().unwrap_or_default();
        let context_chars: Vec<char> = context.chars().collect();
        if !text::is_phone_context_valid(&context_chars) {
            return Err(ParseError::InvalidPhoneContext);
        }
        // A global number in the context is the number's prefix; a domain
        // name adds nothing.
        let mut national = if context.starts_with('+') {
            context_chars
        } else {
            Vec::new()
        };
        let start = number
            .find(RFC3966_PREFIX)
            .map_or(0, |i| i + RFC3966_PREFIX.len());
        national.extend(number.get(start..index).unwrap_or_default().chars());
        national
    } else {
        let chars: Vec<char> = number.chars().collect();
        text::extract_possible_number(&chars).to_vec()
    };
    let isub: Vec<char> = RFC3966_ISDN_SUBADDRESS.chars().collect();
    if let Some(i) = national
        .windows(isub.len())
        .position(|w| w == isub.as_slice())
        && i > 0
    {
        national.truncate(i);
    }
    Ok(national)
}

/// Where a country calling code came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Plus,
    Idd,
    Default,
}

/// `_maybe_extract_country_code` for a number with (`plus`) or without a
/// leading plus sign, normalized to `number`: the calling code and the rest of
/// the number, or `None` if the number carries no calling code.
///
/// The reference returns early for an empty number; a viable number has
/// digits (or, as a vanity number, letters), so `number` is never empty here.
fn maybe_extract_country_code(
    plus: bool,
    number: &[u8],
    default: &Territory,
    meta: &Metadata,
) -> Result<Option<(u16, Digits)>, ParseError> {
    let (source, full) = strip_international_prefix(plus, number, default);
    if source != Source::Default {
        if full.len() <= MIN_LENGTH_FOR_NSN {
            return Err(ParseError::TooShortAfterIdd);
        }
        return match extract_country_code(full, meta) {
            Some((code, rest)) => Ok(Some((code, Digits::from(rest)))),
            None => Err(ParseError::InvalidCountryCode),
        };
    }
    // A national number that starts with the default region's calling code
    // (`44 20 7031 3000`): take the code off if only the rest matches the
    // general pattern, or if the number is too long with it.
    if let Some(rest) = full.strip_prefix(default.country_code_digits.as_bytes()) {
        let general = &default.general.pattern;
        let potential = strip_national_prefix(rest, default);
        if (!general.is_full_match(full) && general.is_full_match(potential.as_bytes()))
            || test_length(full, default) == Length::TooLong
        {
            return Ok(Some((default.country_code, potential)));
        }
    }
    Ok(None)
}

/// `_maybe_strip_i18n_prefix_and_normalize`, after normalization: a leading
/// run of plus signs, or the default region's international prefix (unless a
/// `0` follows it, as no calling code starts with 0).
fn strip_international_prefix<'n>(
    plus: bool,
    number: &'n [u8],
    default: &Territory,
) -> (Source, &'n [u8]) {
    if plus {
        return (Source::Plus, number);
    }
    if let Some(rest) = default
        .international_prefix
        .as_ref()
        .and_then(|idd| idd.match_end(number))
        .and_then(|end| number.get(end..))
        && !rest.starts_with(b"0")
    {
        return (Source::Idd, rest);
    }
    (Source::Default, number)
}

/// `_extract_country_code`: the shortest leading 1-3 digits that form an
/// assigned calling code, and the rest.
fn extract_country_code<'n>(full: &'n [u8], meta: &Metadata) -> Option<(u16, &'n [u8])> {
    if full.starts_with(b"0") {
        return None;
    }
    let mut code: u16 = 0;
    for (len, &digit) in full.iter().take(MAX_LENGTH_COUNTRY_CODE).enumerate() {
        code = code * 10 + u16::from(digit.wrapping_sub(b'0'));
        if meta.has_country_code(code) {
            return Some((code, full.get(len + 1..).unwrap_or_default()));
        }
    }
    None
}

/// `_maybe_strip_national_prefix_carrier_code`: the number without its
/// national prefix (and carrier code), transformed where the territory says
/// so. Nothing is stripped if that would turn a number matching the general
/// pattern into one that does not.
fn strip_national_prefix(number: &[u8], territory: &Territory) -> Digits {
    let unchanged = || Digits::from(number);
    let Some(prefix) = territory.national_prefix_for_parsing.as_ref() else {
        return unchanged();
    };
    if number.is_empty() {
        return unchanged();
    }
    let transformed = match territory.national_prefix_transform_rule.as_deref() {
        // Only the match's end matters: the DFA answers.
        None => {
            let Some(rest) = prefix.match_end(number).and_then(|end| number.get(end..)) else {
                return unchanged();
            };
            Digits::from(rest)
        }
        Some(rule) => {
            let Some(m) = prefix.captures(number) else {
                return unchanged();
            };
            let rest = number.get(m.end()..).unwrap_or_default();
            // The rule applies only when the pattern's last group took part.
            let last_group = prefix.groups();
            if last_group > 0 && m.group(last_group).is_some() {
                let mut out = expand(rule, &m, number);
                out.extend(rest);
                out
            } else {
                Digits::from(rest)
            }
        }
    };
    let general = &territory.general.pattern;
    if general.is_full_match(number) && !general.is_full_match(transformed.as_bytes()) {
        return unchanged();
    }
    transformed
}

/// Expands a transform rule (`$1`, or Python's `\1`) with a match's groups;
/// a group that did not take part expands to nothing. The metadata's rules
/// fit the buffer (see `metadata`).
fn expand(rule: &str, m: &Captures, number: &[u8]) -> Digits {
    let mut out = Digits::new();
    let mut bytes = rule.bytes().peekable();
    while let Some(b) = bytes.next() {
        if matches!(b, b'$' | b'\\')
            && let Some(d) = bytes.next_if(u8::is_ascii_digit)
        {
            if let Some((a, b)) = m.group(usize::from(d - b'0')) {
                out.extend(number.get(a..b).unwrap_or_default());
            }
            continue;
        }
        out.push(b);
    }
    out
}

/// `ValidationResult` of `_test_number_length` for the general description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Length {
    Possible,
    PossibleLocalOnly,
    TooShort,
    TooLong,
    /// Between the shortest and longest, but not a listed length.
    Unlisted,
}

/// `_test_number_length(number, metadata)`.
pub(crate) fn test_length(number: &[u8], territory: &Territory) -> Length {
    let general = &territory.general;
    let len = number.len();
    if general.local_lengths.contains(len) {
        return Length::PossibleLocalOnly;
    }
    let Some((min, max)) = general.lengths.bounds() else {
        return Length::Unlisted;
    };
    if len == min {
        Length::Possible
    } else if len < min {
        Length::TooShort
    } else if len > max {
        Length::TooLong
    } else if general.lengths.contains(len) {
        Length::Possible
    } else {
        Length::Unlisted
    }
}

#[cfg(test)]
mod tests {
    use super::super::pattern::TestRng;
    use super::{Text, read_text};
    use crate::phone::text::plain_number;

    /// Where the fast path answers, the general one gives the same answer:
    /// on inputs mixing digits, plus signs and plain punctuation, with now and
    /// then a character that is not plain.
    #[test]
    fn plain_numbers_read_as_the_general_path_reads_them() {
        let plain = [
            "0", "1", "4", "7", "9", "23", "56", "800", "+", "\u{FF0B}", " ", "-", "(", ")", ".",
            "/", "[", "]", "\u{A0}", "\u{2010}", "\u{3000}", "\u{FF0F}", "\u{AD}",
        ];
        let other = [
            "x", "~", "\u{30FC}", "a", "#", ";", ",", "\u{FF11}", "e", "t",
        ];
        let mut rng = TestRng(0xD1B5_4A32_D192_ED03);
        let mut answered = 0;
        for _ in 0..20_000 {
            let mut input = String::new();
            for _ in 0..=rng.below(16) {
                let pieces: &[&str] = if rng.below(30) == 0 { &other } else { &plain };
                input.push_str(pieces[rng.below(pieces.len())]);
            }
            let input = input.trim();
            if let Some((plus, digits)) = plain_number(input) {
                answered += 1;
                let expected = Text {
                    plus,
                    digits,
                    extension: None,
                };
                assert_eq!(read_text(input), Ok(expected), "{input:?}");
            }
        }
        assert!(answered > 4_000, "{answered} answered");
    }
}
