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

use std::sync::LazyLock;

use phonenumber::metadata::{DATABASE, Descriptor};

use super::pattern::Pattern;

/// A number type's description: the national significant numbers it covers.
#[derive(Debug)]
pub(crate) struct Desc {
    /// Pattern a national significant number of this type matches in full.
    pub(crate) pattern: Pattern,
    /// Possible lengths of such numbers, sorted.
    pub(crate) lengths: Vec<usize>,
    /// Lengths only diallable locally, sorted.
    pub(crate) local_lengths: Vec<usize>,
}

impl Desc {
    /// libphonenumber's `_is_number_matching_desc`: length, then pattern.
    pub(crate) fn matches(&self, nsn: &str) -> bool {
        (self.lengths.is_empty() || self.lengths.contains(&nsn.len()))
            && self.pattern.is_full_match(nsn)
    }
}

/// One territory of the metadata: a region, or a non-geographical entity.
#[derive(Debug)]
pub(crate) struct Territory {
    /// Region code (`GB`), or `001` for non-geographical entities (+800 etc.).
    pub(crate) id: String,
    /// Country calling code.
    pub(crate) country_code: u16,
    /// International dialling prefix(es), if the territory has one.
    pub(crate) international_prefix: Option<Pattern>,
    /// Prefix (national prefix, carrier code) stripped from national numbers.
    pub(crate) national_prefix_for_parsing: Option<Pattern>,
    /// Replacement for a `national_prefix_for_parsing` match (`$1`-style).
    pub(crate) national_prefix_transform_rule: Option<String>,
    /// Description covering every number of the territory.
    pub(crate) general: Desc,
    /// The number types consulted for validity (fixed line, mobile, etc.).
    pub(crate) types: Vec<Desc>,
    /// For territories sharing a calling code: leading digits of their numbers.
    pub(crate) leading_digits: Option<Pattern>,
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
    /// Patterns of the XML this engine could not compile (none, by test).
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
            let mut lengths = Vec::new();
            let mut local_lengths = Vec::new();
            let mut types = Vec::new();
            for d in type_descriptors.into_iter().flatten() {
                lengths.extend(d.possible_length().iter().map(|&l| usize::from(l)));
                local_lengths.extend(d.possible_local_length().iter().map(|&l| usize::from(l)));
                types.push(desc(d, &mut compile));
            }
            sort_dedup(&mut lengths);
            sort_dedup(&mut local_lengths);
            // The builder keeps a length local-only only if it is not also a
            // full national length of some type.
            local_lengths.retain(|l| !lengths.contains(l));
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
            let territory = Territory {
                id: meta.id().to_owned(),
                country_code: meta.country_code(),
                international_prefix: meta.international_prefix().map(|p| compile(p.as_str())),
                national_prefix_for_parsing,
                national_prefix_transform_rule: meta
                    .national_prefix_transform_rule()
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned),
                general,
                types,
                leading_digits: meta.leading_digits().map(|p| compile(p.as_str())),
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
    Metadata {
        territories,
        by_region,
        by_code,
        unsupported_patterns: unsupported,
    }
}

fn desc(d: &Descriptor, compile: &mut impl FnMut(&str) -> Pattern) -> Desc {
    let mut lengths: Vec<usize> = d
        .possible_length()
        .iter()
        .map(|&l| usize::from(l))
        .collect();
    let mut local_lengths: Vec<usize> = d
        .possible_local_length()
        .iter()
        .map(|&l| usize::from(l))
        .collect();
    sort_dedup(&mut lengths);
    sort_dedup(&mut local_lengths);
    Desc {
        pattern: compile(d.national_number().as_str()),
        lengths,
        local_lengths,
    }
}

fn sort_dedup(v: &mut Vec<usize>) {
    v.sort_unstable();
    v.dedup();
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
