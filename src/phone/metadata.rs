//! libphonenumber's metadata, as the parser and validator need it.
//!
//! The data is the `phonenumber` crate's copy of `PhoneNumberMetadata.xml`
//! (9.0.33), read once. That copy is the raw XML, so this module applies the
//! derivations libphonenumber's metadata builder makes and the reference
//! implementation relies on:
//! - a general description's possible lengths are the union of those of the
//!   number types, and its local-only lengths the union of theirs less those
//!   (the XML leaves both out);
//! - `nationalPrefixForParsing` defaults to `nationalPrefix`;
//! - patterns lose the XML's layout whitespace (see [`Pattern::new`]).
//!
//! Patterns are parsed here, once; each is compiled to its automata on first
//! use (see `pattern`), so a process that only meets a few regions only pays
//! for those.

use std::sync::{LazyLock, OnceLock};

use phonenumber::metadata::{DATABASE, Descriptor};

use super::digits::MAX_INSERTED;
use super::pattern::Pattern;
use super::validate::TypeMatcher;

/// A number type's description: the national significant numbers it covers.
#[derive(Debug)]
pub(crate) struct Desc {
    /// Pattern a national significant number of this type matches in full.
    pub(crate) pattern: Pattern,
    /// Possible lengths of such numbers.
    pub(crate) lengths: Lengths,
    /// Lengths only diallable locally.
    pub(crate) local_lengths: Lengths,
}

impl Desc {
    /// The length half of libphonenumber's `_is_number_matching_desc`: no
    /// possible lengths listed, or `len` among them.
    pub(crate) fn fits_length(&self, len: usize) -> bool {
        self.lengths.is_empty() || self.lengths.contains(len)
    }
}

/// A set of number lengths, one bit each (the metadata's are at most 17).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lengths(u32);

impl Lengths {
    /// The set of `lengths`, or `None` if one is too large to hold.
    fn new(lengths: impl IntoIterator<Item = u16>) -> Option<Lengths> {
        lengths.into_iter().try_fold(Lengths(0), |set, length| {
            Some(Lengths(set.0 | 1u32.checked_shl(u32::from(length))?))
        })
    }

    pub(crate) fn contains(self, length: usize) -> bool {
        u32::try_from(length)
            .ok()
            .and_then(|l| self.0.checked_shr(l))
            .is_some_and(|bits| bits & 1 != 0)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The shortest and the longest length, if any.
    pub(crate) fn bounds(self) -> Option<(usize, usize)> {
        (self.0 != 0).then(|| (self.0.trailing_zeros() as usize, self.0.ilog2() as usize))
    }

    fn union(self, other: Lengths) -> Lengths {
        Lengths(self.0 | other.0)
    }

    fn difference(self, other: Lengths) -> Lengths {
        Lengths(self.0 & !other.0)
    }
}

/// One territory of the metadata: a region, or a non-geographical entity.
#[derive(Debug)]
pub(crate) struct Territory {
    /// Region code (`GB`), or `001` for non-geographical entities (+800 etc.).
    pub(crate) id: String,
    /// Country calling code.
    pub(crate) country_code: u16,
    /// The calling code in decimal digits (`44`).
    pub(crate) country_code_digits: String,
    /// International dialling prefix(es), if the territory has one.
    pub(crate) international_prefix: Option<Pattern>,
    /// Prefix (national prefix, carrier code) stripped from national numbers.
    pub(crate) national_prefix_for_parsing: Option<Pattern>,
    /// Replacement for a `national_prefix_for_parsing` match (`$1`-style):
    /// digits, and at most one group reference (see [`is_supported_rule`]).
    pub(crate) national_prefix_transform_rule: Option<String>,
    /// Description covering every number of the territory.
    pub(crate) general: Desc,
    /// The number types consulted for validity (fixed line, mobile, etc.).
    pub(crate) types: Vec<Desc>,
    /// For territories sharing a calling code: leading digits of their numbers.
    pub(crate) leading_digits: Option<Pattern>,
    /// The descriptions as the validator tests them, built on first use.
    pub(crate) type_matcher: OnceLock<TypeMatcher>,
}

/// All territories, indexed by region code and by country calling code.
#[derive(Debug)]
pub(crate) struct Metadata {
    territories: Vec<Territory>,
    /// Per region code (`AA` to `ZZ`, see [`region_slot`]), its territory.
    by_region: Vec<Option<usize>>,
    /// Per calling code (0 to 999), its territories with the main one first
    /// (the order of libphonenumber's `COUNTRY_CODE_TO_REGION_CODE`).
    by_code: Vec<Vec<usize>>,
    /// Patterns of the XML this engine could not compile, and transform
    /// rules and lengths the parser has no room for (none, by test).
    #[cfg_attr(not(test), expect(dead_code))]
    unsupported_patterns: Vec<String>,
}

impl Metadata {
    /// The territory of a two-letter region code (upper case).
    pub(crate) fn region(&self, code: [u8; 2]) -> Option<&Territory> {
        let slot = region_slot(code)?;
        self.by_region
            .get(slot)
            .copied()
            .flatten()
            .and_then(|i| self.territories.get(i))
    }

    /// Territories sharing `country_code`, the main one first.
    pub(crate) fn for_country_code(&self, country_code: u16) -> impl Iterator<Item = &Territory> {
        self.by_code
            .get(usize::from(country_code))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.territories.get(i))
    }

    /// The main territory of `country_code` (libphonenumber's
    /// `region_code_for_country_code`, then its metadata).
    pub(crate) fn main_for_country_code(&self, country_code: u16) -> Option<&Territory> {
        self.for_country_code(country_code).next()
    }

    /// Whether `country_code` is assigned.
    pub(crate) fn has_country_code(&self, country_code: u16) -> bool {
        self.by_code
            .get(usize::from(country_code))
            .is_some_and(|t| !t.is_empty())
    }

    /// Every territory, for tests that check them all.
    #[cfg(test)]
    pub(crate) fn territories(&self) -> &[Territory] {
        &self.territories
    }

    /// Every pattern, for tests that run them all.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        self.territories.iter().flat_map(|t| {
            [
                &t.international_prefix,
                &t.national_prefix_for_parsing,
                &t.leading_digits,
            ]
            .into_iter()
            .flatten()
            .chain(std::iter::once(&t.general.pattern))
            .chain(t.types.iter().map(|d| &d.pattern))
        })
    }
}

/// Index of an upper-case two-letter region code in `Metadata::by_region`.
fn region_slot([a, b]: [u8; 2]) -> Option<usize> {
    let letter = |c: u8| c.is_ascii_uppercase().then(|| usize::from(c - b'A'));
    Some(letter(a)? * 26 + letter(b)?)
}

/// The metadata, built on first use.
pub(crate) fn metadata() -> &'static Metadata {
    static METADATA: LazyLock<Metadata> = LazyLock::new(build);
    &METADATA
}

/// Highest country calling code (three digits).
const MAX_COUNTRY_CODE: u16 = 999;

fn build() -> Metadata {
    let mut unsupported = Vec::new();
    let mut compile = |source: &str| {
        Pattern::new(source).unwrap_or_else(|_| {
            unsupported.push(source.to_owned());
            Pattern::never()
        })
    };

    let mut unbounded_rules = Vec::new();
    let mut unsupported_lengths = Vec::new();
    let mut territories = Vec::new();
    let mut by_region = vec![None; 26 * 26];
    let mut by_code = vec![Vec::new(); usize::from(MAX_COUNTRY_CODE) + 1];
    // The crate indexes non-geographical entities only by calling code (they
    // share the id "001"), so walk the calling codes; the crate keeps each
    // code's territories main-first, then in XML order, as libphonenumber does.
    for code in 1..=MAX_COUNTRY_CODE {
        let Some(entries) = DATABASE.by_code(&code) else {
            continue;
        };
        for meta in entries {
            let descriptors = meta.descriptors();
            let type_descriptors = [
                descriptors.premium_rate(),
                descriptors.toll_free(),
                descriptors.shared_cost(),
                descriptors.voip(),
                descriptors.personal_number(),
                descriptors.pager(),
                descriptors.uan(),
                descriptors.voicemail(),
                descriptors.fixed_line(),
                descriptors.mobile(),
            ];
            let types: Vec<Desc> = type_descriptors
                .into_iter()
                .flatten()
                .map(|d| desc(d, &mut compile, &mut unsupported_lengths))
                .collect();
            let lengths = types
                .iter()
                .fold(Lengths::default(), |all, t| all.union(t.lengths));
            // The builder keeps a length local-only only if it is not also a
            // full national length of some type.
            let local_lengths = types
                .iter()
                .fold(Lengths::default(), |all, t| all.union(t.local_lengths))
                .difference(lengths);
            let general = Desc {
                pattern: compile(descriptors.general().national_number().as_str()),
                lengths,
                local_lengths,
            };
            let national_prefix_for_parsing = meta
                .national_prefix_for_parsing()
                .map(|p| p.as_str().to_owned())
                .or_else(|| meta.national_prefix().map(str::to_owned))
                .filter(|p| !p.is_empty())
                .map(|p| compile(&p));
            let national_prefix_transform_rule = meta
                .national_prefix_transform_rule()
                .filter(|r| !r.is_empty())
                .map(str::to_owned);
            // The parser's digit buffers hold what the rules insert.
            if let Some(rule) = &national_prefix_transform_rule
                && !is_supported_rule(rule)
            {
                unbounded_rules.push(rule.clone());
            }
            let territory = Territory {
                id: meta.id().to_owned(),
                country_code: meta.country_code(),
                country_code_digits: meta.country_code().to_string(),
                international_prefix: meta.international_prefix().map(|p| compile(p.as_str())),
                national_prefix_for_parsing,
                national_prefix_transform_rule,
                general,
                types,
                leading_digits: meta.leading_digits().map(|p| compile(p.as_str())),
                type_matcher: OnceLock::new(),
            };
            let index = territories.len();
            if let &[a, b] = territory.id.as_bytes()
                && let Some(slot) = region_slot([a, b]).and_then(|s| by_region.get_mut(s))
            {
                *slot = Some(index);
            }
            if let Some(list) = by_code.get_mut(usize::from(code)) {
                list.push(index);
            }
            territories.push(territory);
        }
    }
    unsupported.extend(unbounded_rules);
    unsupported.extend(unsupported_lengths);
    Metadata {
        territories,
        by_region,
        by_code,
        unsupported_patterns: unsupported,
    }
}

/// A number type's description; lengths too large for [`Lengths`] are
/// reported in `unsupported` (and left out).
fn desc(
    d: &Descriptor,
    compile: &mut impl FnMut(&str) -> Pattern,
    unsupported: &mut Vec<String>,
) -> Desc {
    let mut lengths = |list: &[u16]| {
        Lengths::new(list.iter().copied()).unwrap_or_else(|| {
            unsupported.push(format!("possible lengths {list:?}"));
            Lengths::default()
        })
    };
    Desc {
        lengths: lengths(d.possible_length()),
        local_lengths: lengths(d.possible_local_length()),
        pattern: compile(d.national_number().as_str()),
    }
}

/// Whether a transform rule is ASCII digits and at most one group reference
/// (`$1` or `\1`), adding at most [`MAX_INSERTED`] digits: its expansion,
/// followed by the rest of the number, then fits a `Digits` buffer and is
/// digits only.
fn is_supported_rule(rule: &str) -> bool {
    let mut references = 0;
    let mut inserted = 0;
    let mut bytes = rule.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'$' | b'\\' if bytes.next().is_some_and(|d| d.is_ascii_digit()) => references += 1,
            b'0'..=b'9' => inserted += 1,
            _ => return false,
        }
    }
    references <= 1 && inserted <= MAX_INSERTED
}

#[cfg(test)]
mod tests {
    use super::metadata;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(metadata().unsupported_patterns, Vec::<String>::new());
    }

    #[test]
    fn regions_and_calling_codes() {
        let meta = metadata();
        assert_eq!(meta.by_region.iter().flatten().count(), 245);
        assert!(meta.region(*b"gb").is_none() && meta.region(*b"ZZ").is_none());
        let ids: Vec<&str> = meta.for_country_code(44).map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["GB", "GG", "IM", "JE"]);
        assert_eq!(
            meta.main_for_country_code(800).map(|t| t.id.as_str()),
            Some("001")
        );
        let ru = meta.region(*b"RU").expect("RU");
        assert!(
            ru.national_prefix_for_parsing.is_some(),
            "falls back to the national prefix 8"
        );
    }
}
