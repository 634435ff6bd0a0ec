//! Validity of a parsed number: libphonenumber's `is_valid_number`.
//!
//! This is the one place that decides validity from a calling code and a
//! national significant number, so a faster validator (say, the metadata
//! patterns compiled to automata ahead of time) can replace it wholesale.

use super::metadata::{Metadata, Territory};

/// `is_valid_number`: the number belongs to a territory of its calling code
/// (`region_code_for_number`) and matches one of that territory's number types.
pub(crate) fn is_valid(meta: &Metadata, country_code: u16, national_number: &str) -> bool {
    territory_for_number(meta, country_code, national_number)
        .is_some_and(|t| has_known_type(t, national_number))
}

/// `region_code_for_number`: the only territory of the calling code, or the
/// first (main first) whose leading digits match, or, for territories without
/// leading digits, whose number types match.
fn territory_for_number<'m>(
    meta: &'m Metadata,
    country_code: u16,
    national_number: &str,
) -> Option<&'m Territory> {
    let mut territories = meta.for_country_code(country_code);
    let first = territories.next()?;
    let mut rest = territories.peekable();
    if rest.peek().is_none() {
        return Some(first);
    }
    std::iter::once(first)
        .chain(rest)
        .find(|t| match &t.leading_digits {
            Some(leading) => leading.is_prefix_match(national_number),
            None => has_known_type(t, national_number),
        })
}

/// `_number_type_helper(..) != UNKNOWN`: the general description matches and
/// so does one of the number types.
fn has_known_type(territory: &Territory, national_number: &str) -> bool {
    territory.general.matches(national_number)
        && territory.types.iter().any(|d| d.matches(national_number))
}
