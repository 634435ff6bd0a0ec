//! Validity of a parsed number: libphonenumber's `is_valid_number`.
//!
//! This is the one place that decides validity from a calling code and a
//! national significant number (ASCII digits). A territory's general and
//! number-type patterns run together as one product DFA (see `dfa`), built on
//! first use, so a verdict costs a table look-up per digit and a mask of the
//! descriptions whose lengths fit, and allocates nothing.

use super::dfa::{Dfa, Product};
use super::metadata::{Desc, Metadata, Territory};

/// `is_valid_number`: the number belongs to a territory of its calling code
/// (`region_code_for_number`) and matches one of that territory's number types.
pub(crate) fn is_valid(meta: &Metadata, country_code: u16, national_number: &[u8]) -> bool {
    let mut territories = meta.for_country_code(country_code).peekable();
    let Some(first) = territories.next() else {
        return false;
    };
    if territories.peek().is_none() {
        return has_known_type(first, national_number);
    }
    // `region_code_for_number`: the first territory (main first) whose leading
    // digits match, or, for territories without leading digits, whose number
    // types match; then that territory's verdict.
    for territory in std::iter::once(first).chain(territories) {
        match &territory.leading_digits {
            Some(leading) if leading.is_prefix_match(national_number) => {
                return has_known_type(territory, national_number);
            }
            None if has_known_type(territory, national_number) => return true,
            Some(_) | None => {}
        }
    }
    false
}

/// `_number_type_helper(..) != UNKNOWN`: the general description matches and
/// so does one of the number types (`_is_number_matching_desc`: length, then
/// pattern).
fn has_known_type(territory: &Territory, national_number: &[u8]) -> bool {
    let matcher = type_matcher(territory);
    let known = matcher.patterns.full_matches(national_number)
        & matcher.fitting_length(national_number.len());
    known & GENERAL != 0 && known & !GENERAL != 0
}

/// Bit of the general description in a [`TypeMatcher`]; type `i` has bit
/// `1 + i`.
const GENERAL: u32 = 1;

/// A territory's descriptions, general and per number type, ready to test a
/// number against all of them at once.
#[derive(Debug)]
pub(crate) struct TypeMatcher {
    /// The descriptions' patterns as one automaton.
    patterns: Product,
    /// Per length below 32, the descriptions that allow numbers that long.
    by_length: [u32; 32],
    /// The descriptions that allow any length (they list none).
    any_length: u32,
}

impl TypeMatcher {
    fn new(territory: &Territory) -> TypeMatcher {
        let descs: Vec<&Desc> = std::iter::once(&territory.general)
            .chain(&territory.types)
            .collect();
        debug_assert!(descs.len() <= Product::MAX_PARTS);
        let parts: Vec<&Dfa> = descs.iter().map(|d| d.pattern.any_path()).collect();
        let allowing = |len: usize| {
            (0..)
                .zip(&descs)
                .filter(|(_, d)| d.fits_length(len))
                .fold(0, |bits, (i, _)| bits | 1 << i)
        };
        TypeMatcher {
            patterns: Product::new(&parts),
            by_length: std::array::from_fn(allowing),
            // No listed length reaches 32 (`Lengths` holds below 32 only).
            any_length: allowing(usize::MAX),
        }
    }

    /// The descriptions whose lengths allow a number of `len` digits.
    fn fitting_length(&self, len: usize) -> u32 {
        self.by_length.get(len).copied().unwrap_or(self.any_length)
    }
}

/// The territory's [`TypeMatcher`], built on first use.
fn type_matcher(territory: &Territory) -> &TypeMatcher {
    territory
        .type_matcher
        .get_or_init(|| TypeMatcher::new(territory))
}

#[cfg(test)]
mod tests {
    use super::super::metadata::metadata;
    use super::super::pattern::TestRng;
    use super::{GENERAL, has_known_type, type_matcher};

    /// Each territory's matcher answers as its descriptions do one by one
    /// (`_is_number_matching_desc`), on digits sampled from each pattern (and
    /// with a digit changed), and stays small.
    #[test]
    fn type_matchers_agree_with_each_description() {
        let mut rng = TestRng(0x2545_F491_4F6C_DD1D);
        let (mut states, mut bytes) = (0, 0);
        for territory in metadata().territories() {
            let descs: Vec<_> = std::iter::once(&territory.general)
                .chain(&territory.types)
                .collect();
            let matcher = type_matcher(territory);
            for _ in 0..8 {
                for desc in &descs {
                    let mut s = desc.pattern.sample(&mut rng);
                    for _ in 0..2 {
                        let expected = (0..)
                            .zip(&descs)
                            .filter(|(_, d)| d.pattern.is_full_match(&s))
                            .fold(0, |bits, (i, _)| bits | 1 << i);
                        let matcher_says = matcher.patterns.full_matches(&s);
                        assert_eq!(matcher_says, expected, "{}", territory.id);
                        let fits = (0..)
                            .zip(&descs)
                            .filter(|(_, d)| d.fits_length(s.len()))
                            .fold(0, |bits, (i, _)| bits | 1 << i);
                        assert_eq!(matcher.fitting_length(s.len()), fits);
                        let known = expected & fits;
                        assert_eq!(
                            has_known_type(territory, &s),
                            known & GENERAL != 0 && known & !GENERAL != 0
                        );
                        let at = rng.below(s.len().max(1));
                        if let Some(d) = s.get_mut(at) {
                            *d = rng.digit();
                        }
                    }
                }
            }
            states += matcher.patterns.len();
            bytes += matcher.patterns.heap_bytes();
        }
        println!("type patterns: {states} states, {bytes} bytes");
        assert!(bytes < 10 << 20, "{bytes} bytes");
    }
}
