//! libphonenumber's `parse`, step for step (Python phonenumbers 9.0.33).
//!
//! Each function names the reference function it mirrors. The input arrives
//! trimmed and at most 64 characters long; the result is a country calling
//! code, a national significant number (ASCII digits) and an extension.
//!
//! Where this departs from the `phonenumber` crate's parser (whose bugs it must
//! not inherit): the national prefix is stripped with the metadata of the
//! number's own country, never the default region's; `nationalPrefixForParsing`
//! falls back to the national prefix (trunk prefix `8` in BY, RU, KZ, LT);
//! digits of every script are folded; and patterns are matched in full, never
//! as prefixes.

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
    pub(crate) national_number: String,
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

/// `parse(number, region)` with `region`'s metadata as `default`.
pub(crate) fn parse(
    input: &str,
    default: &Territory,
    meta: &Metadata,
) -> Result<Parsed, ParseError> {
    let national = national_number_for_parsing(input)?;
    if !text::is_viable(&national) {
        return Err(ParseError::NotANumber);
    }

    // `_maybe_strip_extension`: an extension counts only if what precedes it
    // is itself a viable number.
    let (number, extension) = match text::find_extension(&national) {
        Some(i) if national.get(..i).is_some_and(text::is_viable) => (
            national.get(..i).unwrap_or_default(),
            Some(text::trailing_digits(national.get(i..).unwrap_or_default())),
        ),
        _ => (&national[..], None),
    };

    let extracted = match maybe_extract_country_code(number, default, meta) {
        Err(ParseError::InvalidCountryCode) if text::leading_plus_signs(number) > 0 => {
            // Strip the plus signs and try again, as an IDD or national number.
            let plus = text::leading_plus_signs(number);
            match maybe_extract_country_code(number.get(plus..).unwrap_or_default(), default, meta)?
            {
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
        None => (default.country_code, text::normalize(number), default),
    };

    if national_number.len() < MIN_LENGTH_FOR_NSN {
        return Err(ParseError::TooShortNsn);
    }
    // Strip a national prefix only if what remains could be a full number.
    let stripped = strip_national_prefix(&national_number, territory);
    if matches!(
        test_length(&stripped, territory),
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

/// `_maybe_extract_country_code`: the calling code and the rest of the
/// number (normalized), or `None` if the number carries no calling code.
fn maybe_extract_country_code(
    number: &[char],
    default: &Territory,
    meta: &Metadata,
) -> Result<Option<(u16, String)>, ParseError> {
    if number.is_empty() {
        return Ok(None);
    }
    let (source, full) = strip_international_prefix(number, default);
    if source != Source::Default {
        if full.len() <= MIN_LENGTH_FOR_NSN {
            return Err(ParseError::TooShortAfterIdd);
        }
        return match extract_country_code(&full, meta) {
            Some(found) => Ok(Some(found)),
            None => Err(ParseError::InvalidCountryCode),
        };
    }
    // A national number that starts with the default region's calling code
    // (`44 20 7031 3000`): take the code off if only the rest matches the
    // general pattern, or if the number is too long with it.
    let code = default.country_code.to_string();
    if let Some(rest) = full.strip_prefix(code.as_str()) {
        let general = &default.general.pattern;
        let potential = strip_national_prefix(rest, default);
        if (!general.is_full_match(&full) && general.is_full_match(&potential))
            || test_length(&full, default) == Length::TooLong
        {
            return Ok(Some((default.country_code, potential)));
        }
    }
    Ok(None)
}

/// `_maybe_strip_i18n_prefix_and_normalize`: a leading run of plus signs, or
/// the default region's international prefix (unless a `0` follows it, as no
/// calling code starts with 0). The result is normalized either way.
fn strip_international_prefix(number: &[char], default: &Territory) -> (Source, String) {
    let plus = text::leading_plus_signs(number);
    if plus > 0 {
        return (
            Source::Plus,
            text::normalize(number.get(plus..).unwrap_or_default()),
        );
    }
    let normalized = text::normalize(number);
    if let Some(end) = default
        .international_prefix
        .as_ref()
        .and_then(|idd| idd.prefix_match(&normalized))
        .map(|m| m.end())
    {
        let rest = normalized.get(end..).unwrap_or_default();
        if !rest.starts_with('0') {
            return (Source::Idd, rest.to_owned());
        }
    }
    (Source::Default, normalized)
}

/// `_extract_country_code`: the shortest leading 1-3 digits that form an
/// assigned calling code.
fn extract_country_code(full: &str, meta: &Metadata) -> Option<(u16, String)> {
    if full.starts_with('0') {
        return None;
    }
    (1..=MAX_LENGTH_COUNTRY_CODE.min(full.len())).find_map(|len| {
        let code: u16 = full.get(..len)?.parse().ok()?;
        meta.has_country_code(code)
            .then(|| (code, full.get(len..).unwrap_or_default().to_owned()))
    })
}

/// `_maybe_strip_national_prefix_carrier_code`: the number without its
/// national prefix (and carrier code), transformed where the territory says
/// so. Nothing is stripped if that would turn a number matching the general
/// pattern into one that does not.
fn strip_national_prefix(number: &str, territory: &Territory) -> String {
    let unchanged = || number.to_owned();
    let Some(prefix) = territory.national_prefix_for_parsing.as_ref() else {
        return unchanged();
    };
    if number.is_empty() {
        return unchanged();
    }
    let Some(m) = prefix.prefix_match(number) else {
        return unchanged();
    };
    let general = &territory.general.pattern;
    let viable_original = general.is_full_match(number);
    let rest = number.get(m.end()..).unwrap_or_default();
    // A transform rule applies only when the pattern's last group took part.
    let last_group = prefix.groups();
    let transformed = match territory.national_prefix_transform_rule.as_deref() {
        Some(rule) if last_group > 0 && m.group(last_group).is_some() => {
            let mut out = expand(rule, &m, number);
            out.push_str(rest);
            out
        }
        _ => rest.to_owned(),
    };
    if viable_original && !general.is_full_match(&transformed) {
        return unchanged();
    }
    transformed
}

/// Expands a transform rule (`$1`, or Python's `\1`) with a match's groups;
/// a group that did not take part expands to nothing.
fn expand(rule: &str, m: &Captures, number: &str) -> String {
    let mut out = String::new();
    let mut chars = rule.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '$' | '\\')
            && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
        {
            chars.next();
            if let Some((a, b)) = m.group(d as usize) {
                out.push_str(number.get(a..b).unwrap_or_default());
            }
            continue;
        }
        out.push(c);
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
pub(crate) fn test_length(number: &str, territory: &Territory) -> Length {
    let general = &territory.general;
    let len = number.len();
    if general.local_lengths.contains(&len) {
        return Length::PossibleLocalOnly;
    }
    let (Some(&min), Some(&max)) = (general.lengths.first(), general.lengths.last()) else {
        return Length::Unlisted;
    };
    if len == min {
        Length::Possible
    } else if len < min {
        Length::TooShort
    } else if len > max {
        Length::TooLong
    } else if general.lengths.contains(&len) {
        Length::Possible
    } else {
        Length::Unlisted
    }
}
