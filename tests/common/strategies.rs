//! Proptest strategies for the `prop_*` tests: realistic values and hostile
//! ones, records with every mix of present, absent, empty and invalid
//! fields, and small indexes whose persons deliberately share keys.
//!
//! The realistic pools are small on purpose: random records and stored
//! persons keep running into each other's external references, emails and
//! phones, which is where ranked matching and batches get interesting.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::FileFailurePersistence;
use unicode_normalization::UnicodeNormalization;

use person_match::{
    Context, EmailAddress, ExternalRef, GroupId, IdentityConflictPolicy, Name, Options, Person,
    PersonFields, PersonRecord, PhoneNumber, Region, Request,
};

// ---------------------------------------------------------------------------
// Configuration

/// proptest's default configuration (so `PROPTEST_CASES` still applies),
/// saving failing seeds in `regressions` (a path from the package root, such
/// as `proptest-regressions/prop_matching.txt`).
pub fn config(regressions: &'static str) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        ..ProptestConfig::default()
    }
}

/// As [`config`], for expensive cases: the default case count (or
/// `PROPTEST_CASES`) divided by `divisor`, at least one.
pub fn config_expensive(regressions: &'static str, divisor: u32) -> ProptestConfig {
    let base = config(regressions);
    ProptestConfig {
        cases: (base.cases / divisor).max(1),
        ..base
    }
}

// ---------------------------------------------------------------------------
// Hostile text

/// Characters that break naive code: whitespace of every kind, controls,
/// invisible format characters, bidi controls, combining marks, quotes and
/// backslashes, the characters the parsers split on, non-ASCII digits,
/// astral characters and characters whose case mapping changes their length.
pub const NASTY_CHARS: &[char] = &[
    ' ',
    '\t',
    '\n',
    '\r',
    '\u{0}',
    '\u{7}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{ad}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{2028}',
    '\u{3000}',
    '\u{feff}',
    '\u{301}',
    '\u{308}',
    '\u{e0041}',
    '"',
    '\'',
    '\\',
    '@',
    '+',
    '.',
    '-',
    '(',
    ')',
    '[',
    ']',
    ',',
    ';',
    '=',
    '#',
    'x',
    '0',
    '4',
    '7',
    '\u{ff10}',
    '\u{ff14}',
    '\u{ff0b}',
    '\u{663}',
    '\u{6f4}',
    '\u{fffd}',
    '\u{10ffff}',
    '\u{1f600}',
    'ß',
    'İ',
    'ﬁ',
    'é',
    'Σ',
];

/// One character, usually from [`NASTY_CHARS`], sometimes any at all.
pub fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![3 => select(NASTY_CHARS), 1 => any::<char>()]
}

/// Runs of whitespace, including the empty string and non-ASCII spaces.
pub fn whitespace() -> impl Strategy<Value = String> {
    vec(
        select(
            &[
                ' ', ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{2003}',
                '\u{2028}', '\u{3000}',
            ][..],
        ),
        0..5,
    )
    .prop_map(String::from_iter)
}

/// Any Unicode text, weighted towards [`NASTY_CHARS`].
pub fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        vec(nasty_char(), 0..24).prop_map(String::from_iter),
        vec(
            prop_oneof![
                nasty_char(),
                proptest::char::range('a', 'z'),
                proptest::char::range('0', '9'),
            ],
            0..48,
        )
        .prop_map(String::from_iter),
        whitespace(),
    ]
}

/// Very long text: from 1 KB up to about 100 KB, either noise or a value
/// that looks valid apart from its length.
pub fn long_text() -> impl Strategy<Value = String> {
    let noise = (
        hostile_text(),
        vec(nasty_char(), 1..4),
        1_000usize..=100_000,
    )
        .prop_map(|(head, unit, len)| {
            let unit = String::from_iter(unit);
            let mut s = head;
            s.push_str(&unit.repeat(len / unit.len() + 1));
            s
        });
    let plausible = (
        select(
            &[
                "a", "7", "é", "1 ", "x.", "\u{ff11}", "Anne ", "group-1,", "'g',",
            ][..],
        ),
        select(&["", "@example.com", "+44", "0", " ", "['", "[", "\u{202e}"][..]),
        1_000usize..=100_000,
    )
        .prop_map(|(unit, affix, len)| {
            let body = unit.repeat(len / unit.len() + 1);
            format!("{affix}{body}{affix}")
        });
    prop_oneof![noise, plausible]
}

/// Anything: hostile text usually, very long text now and then.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![20 => hostile_text(), 1 => long_text()]
}

// ---------------------------------------------------------------------------
// Realistic values, with the variants a caller may send

/// Pads `value` with the given whitespace.
fn padded(value: &str, before: &str, after: &str) -> String {
    format!("{before}{value}{after}")
}

/// Flips the case of each character whose case maps one-to-one (so the
/// variant is the same address ignoring case, in every sense of it).
pub fn flip_case(value: &str, flips: &[bool]) -> String {
    value
        .chars()
        .zip(flips.iter().chain(std::iter::repeat(&false)))
        .map(|(c, &flip)| {
            if !flip {
                return c;
            }
            let mut upper = c.to_uppercase();
            let mut lower = c.to_lowercase();
            match (upper.next(), upper.next(), lower.next(), lower.next()) {
                (Some(u), None, Some(l), None)
                    if u.to_lowercase().eq(std::iter::once(l))
                        && l.to_uppercase().eq(std::iter::once(u)) =>
                {
                    if c == u {
                        l
                    } else {
                        u
                    }
                }
                _ => c,
            }
        })
        .collect()
}

/// `value` with random case flips and surrounding whitespace.
pub fn case_and_space_variant(value: &'static str) -> impl Strategy<Value = String> {
    (vec(any::<bool>(), 64), whitespace(), whitespace())
        .prop_map(move |(flips, before, after)| padded(&flip_case(value, &flips), &before, &after))
}

/// External references: a small pool with case variants (they must not
/// match each other).
pub const EXTERNAL_REFS: [&str; 5] = ["id-1", "ID-1", "id-2", "A-17", "ref with spaces"];

/// External references that are not valid.
pub const INVALID_EXTERNAL_REFS: [&str; 3] = ["bad\u{0}ref", "in\u{200b}visible", "tab\tinside"];

/// Email addresses, valid under SPEC §3.1 (checked against
/// `email-validator` 2.4.0). Distinct ignoring case.
pub const EMAILS: [&str; 4] = [
    "family@example.com",
    "anna.b+news@example.org",
    "ben@mail.example.co.uk",
    "o'neil@example.net",
];

/// Email addresses invalid under every reading of SPEC §3.1.
pub const INVALID_EMAILS: [&str; 4] = ["not-an-email", "@example.com", "user@localhost", "a@b"];

/// Phone numbers of the realistic pool, as national significant numbers
/// (GB), all valid in libphonenumber's metadata.
pub const PHONES: [&str; 4] = ["2079460123", "1234567890", "7400123456", "1614960000"];

/// Phone numbers that are not valid.
pub const INVALID_PHONES: [&str; 4] = ["12", "999", "0123", "+1"];

/// Names in several scripts (the pool of realistic records).
pub const NAMES: [&str; 8] = [
    "Anne",
    "Ben",
    "José",
    "Zoë",
    "Δημήτρης",
    "Владимир",
    "李小明",
    "김민준",
];

/// Names that are not valid: a control character, a bidi override.
pub const INVALID_NAMES: [&str; 3] = ["Bad\u{0}Name", "Anne\u{202e}tsuJ", "a\u{7}"];

/// Strings that mean "absent" on the wire.
pub const BLANKS: [&str; 5] = ["", " ", "\t", "  \n ", "\u{a0}"];

/// A phone from [`PHONES`] in a form that any GB parser (the placeholder
/// included) reads: national, or `+44` without the `(0)`.
pub fn pool_phone() -> impl Strategy<Value = String> {
    (colliding(&PHONES), 0..4usize).prop_map(|(nsn, form)| match form {
        0 => format!("0{nsn}"),
        1 => format!("0{} {}", &nsn[..4], &nsn[4..]),
        2 => format!("+44{nsn}"),
        _ => format!("+44 {} {}", &nsn[..4], &nsn[4..]),
    })
}

/// An email from [`EMAILS`] with case and whitespace variants.
pub fn pool_email() -> impl Strategy<Value = String> {
    colliding(&EMAILS).prop_flat_map(case_and_space_variant)
}

/// A wire value for one text field: absent, blank, valid or invalid.
pub fn wire_field(
    valid: impl Strategy<Value = String>,
    invalid: &'static [&'static str],
) -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        8 => Just(None),
        2 => select(&BLANKS[..]).prop_map(|s| Some(s.to_owned())),
        16 => valid.prop_map(Some),
        1 => select(invalid).prop_map(|s| Some(s.to_owned())),
    ]
}

// ---------------------------------------------------------------------------
// Groups and scope

/// The group directory of every generated context: id and external ref.
pub const DIRECTORY: [(&str, Option<&str>); 5] = [
    ("g1", Some("ref-1")),
    ("g2", Some("ref-2")),
    ("g3", None),
    ("g4", Some("ref-4")),
    ("g5", Some("ref-5")),
];

/// Group ids a record may name: known ones, an unknown one, padded and
/// blank entries, and a group *ref* used as an id.
pub const NAMED_IDS: [&str; 9] = ["g1", "g2", "g3", "g4", "g5", "g9", " g2 ", "", "ref-1"];

/// Group external refs a record may name, in the same spirit.
pub const NAMED_REFS: [&str; 8] = [
    "ref-1", "ref-2", "ref-4", "ref-5", "ref-9", " ref-1", "", "g1",
];

/// Which groups the caller can access (a subset of the directory, plus an
/// id that is not in it, which must be ignored).
#[derive(Debug, Clone)]
pub struct Access {
    /// The accessible group ids as given to [`Context::new`].
    pub accessible: Vec<&'static str>,
}

impl Access {
    /// The context: [`DIRECTORY`] and these accessible groups.
    pub fn context(&self) -> Context {
        super::context(&DIRECTORY, &self.accessible)
    }
}

/// Random access: usually most groups, sometimes none.
pub fn access() -> impl Strategy<Value = Access> {
    let groups = &["g1", "g2", "g3", "g4", "g5", "g9"][..];
    prop_oneof![1 => subsequence(groups, 0..=6), 3 => subsequence(groups, 3..=6)]
        .prop_map(|accessible| Access { accessible })
}

/// A random scope for direct lookups: any subset of the directory's groups
/// and an unknown one.
pub fn scope_groups() -> impl Strategy<Value = Vec<GroupId>> {
    let groups = &["g1", "g2", "g3", "g4", "g5", "g9"][..];
    prop_oneof![1 => subsequence(groups, 0..=6), 4 => subsequence(groups, 2..=5)]
        .prop_shuffle()
        .prop_map(|groups| GroupId::parse_list(&groups))
}

/// Groups of a stored person: any subset of the directory (even none, when
/// the person is then in no scope at all).
pub fn stored_groups() -> impl Strategy<Value = Vec<GroupId>> {
    let groups = &["g1", "g2", "g3", "g4", "g5"][..];
    prop_oneof![1 => Just(Vec::new()), 8 => subsequence(groups, 1..=3)]
        .prop_shuffle()
        .prop_map(|groups| GroupId::parse_list(&groups))
}

fn named_list(pool: &'static [&'static str]) -> impl Strategy<Value = Option<Vec<String>>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(Vec::new())),
        1 => vec(select(&["", " ", "\t"][..]), 1..3)
            .prop_map(|l| Some(l.into_iter().map(str::to_owned).collect())),
        4 => vec(select(pool), 1..4)
            .prop_map(|l| Some(l.into_iter().map(str::to_owned).collect())),
    ]
}

/// Whether a wire group list names a group (a non-blank entry).
pub fn names_a_group(list: Option<&Vec<String>>) -> bool {
    list.is_some_and(|l| l.iter().any(|s| !s.trim().is_empty()))
}

/// Whether generated records may name both group forms (a request-level
/// error, SPEC §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupForms {
    /// At most one form per record (blank entries of the other are allowed).
    One,
    /// Either, both or none.
    Any,
}

/// The two group lists of a record.
pub fn group_lists(
    forms: GroupForms,
) -> impl Strategy<Value = (Option<Vec<String>>, Option<Vec<String>>)> {
    (named_list(&NAMED_IDS), named_list(&NAMED_REFS)).prop_map(move |(mut ids, refs)| {
        if forms == GroupForms::One && names_a_group(ids.as_ref()) && names_a_group(refs.as_ref()) {
            // Keep one form; the other keeps only its blank entries, if any.
            ids = ids.map(|l| l.into_iter().filter(|s| s.trim().is_empty()).collect());
        }
        (ids, refs)
    })
}

// ---------------------------------------------------------------------------
// Records and requests

/// A realistic record: each field absent, blank, valid (from the colliding
/// pools, with case, whitespace and format variants) or invalid.
pub fn realistic_record(forms: GroupForms) -> impl Strategy<Value = PersonRecord> {
    (
        wire_field(
            select(&EXTERNAL_REFS[..]).prop_map(str::to_owned),
            &INVALID_EXTERNAL_REFS,
        ),
        wire_field(pool_email(), &INVALID_EMAILS),
        wire_field(pool_phone(), &INVALID_PHONES),
        wire_field(select(&NAMES[..]).prop_map(str::to_owned), &INVALID_NAMES),
        wire_field(select(&NAMES[..]).prop_map(str::to_owned), &INVALID_NAMES),
        group_lists(forms),
    )
        .prop_map(
            |(external_ref, email_address, phone_number, first_name, last_name, groups)| {
                PersonRecord {
                    email_address,
                    first_name,
                    last_name,
                    external_ref,
                    phone_number,
                    group_ids: groups.0,
                    groups_external_refs: groups.1,
                }
            },
        )
}

/// A request of up to `max` realistic records.
pub fn realistic_request(forms: GroupForms, max: usize) -> impl Strategy<Value = Request> {
    vec(realistic_record(forms), 0..=max).prop_map(|persons| Request { persons })
}

/// A record whose every field is hostile text (or absent).
pub fn hostile_record() -> impl Strategy<Value = PersonRecord> {
    record_from(any_text)
}

/// A record whose text fields come from `text` and whose group lists hold
/// hostile text, each field or list present or absent.
pub fn record_from<T: Strategy<Value = String>>(
    text: impl Fn() -> T,
) -> impl Strategy<Value = PersonRecord> {
    let field = || proptest::option::of(text());
    let list = || proptest::option::of(vec(hostile_text(), 0..4));
    (field(), field(), field(), field(), field(), list(), list()).prop_map(
        |(email_address, first_name, last_name, external_ref, phone_number, ids, refs)| {
            PersonRecord {
                email_address,
                first_name,
                last_name,
                external_ref,
                phone_number,
                group_ids: ids,
                groups_external_refs: refs,
            }
        },
    )
}

/// Any of the three identity-conflict policies.
pub fn policy() -> impl Strategy<Value = IdentityConflictPolicy> {
    select(
        &[
            IdentityConflictPolicy::Reject,
            IdentityConflictPolicy::CreateNew,
            IdentityConflictPolicy::Overwrite,
        ][..],
    )
}

/// Options with any policy and the default region and limit.
pub fn options() -> impl Strategy<Value = Options> {
    policy().prop_map(|identity_conflict| Options {
        identity_conflict,
        ..Options::default()
    })
}

// ---------------------------------------------------------------------------
// Stored persons and small indexes

/// Parses a pool value; the pools hold only valid values.
#[track_caller]
fn valid<T, E: std::fmt::Debug>(parsed: Result<T, E>) -> T {
    parsed.expect("pool values are valid")
}

/// A pool value, favouring the first two so that keys collide often.
fn colliding(pool: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop_oneof![3 => Just(pool[0]), 2 => Just(pool[1]), 2 => select(pool)]
}

fn pool_fields(presence: f64) -> impl Strategy<Value = PersonFields> {
    (
        proptest::option::weighted(presence, colliding(&EXTERNAL_REFS)),
        proptest::option::weighted(presence, colliding(&EMAILS)),
        proptest::option::weighted(presence, colliding(&PHONES)),
        proptest::option::weighted(0.5, select(&NAMES[..])),
        proptest::option::weighted(0.5, select(&NAMES[..])),
    )
        .prop_map(|(r, e, p, f, l)| PersonFields {
            external_ref: r.map(|s| valid(ExternalRef::parse(s))),
            email_address: e.map(|s| valid(EmailAddress::parse(s))),
            phone_number: p.map(|s| valid(PhoneNumber::parse(&format!("+44{s}"), Region::GB))),
            first_name: f.map(|s| valid(Name::parse(s))),
            last_name: l.map(|s| valid(Name::parse(s))),
        })
}

/// Stored fields from the colliding pools, each present or absent.
pub fn stored_fields() -> impl Strategy<Value = PersonFields> {
    pool_fields(0.5)
}

/// The fields of a query: from the same pools, any mix, including none.
pub fn query_fields() -> impl Strategy<Value = PersonFields> {
    pool_fields(0.6)
}

/// Up to `max` stored persons with unique identifiers. Some identifiers
/// look like those [`person_match::SequentialIdentifiers`] hands out, so
/// that allocation must skip them.
pub fn stored_persons(max: usize) -> impl Strategy<Value = Vec<Person>> {
    vec((stored_fields(), stored_groups(), any::<bool>()), 0..=max).prop_map(|persons| {
        persons
            .into_iter()
            .enumerate()
            .map(|(i, (fields, groups, sequential))| Person {
                identifier: if sequential {
                    format!("person-{}", 2 * i + 1)
                } else {
                    format!("existing-{i}")
                },
                fields,
                groups,
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------
// Email addresses, for the normalization properties

/// Valid addresses whose key must be the same for every case and
/// whitespace variant (accepted by `email-validator` 2.4.0).
pub const EMAIL_SAMPLES: [&str; 10] = [
    "test@example.com",
    "Test.User+tag@Example.COM",
    "o'brien@mail.example.co.uk",
    "first.last@sub.example.net",
    "zoë@example.com",
    "josé.ñúñez@example.org",
    "user_name-1@example-domain.com",
    "x@x.io",
    "UPPER@EXAMPLE.ORG",
    "δοκιμή@example.com",
];

/// Internationalized domains with their A-label form (SPEC §3.1: one key).
pub const IDN_PAIRS: [(&str, &str); 3] = [
    ("user@bücher.example", "user@xn--bcher-kva.example"),
    ("user@münchen.de", "user@xn--mnchen-3ya.de"),
    (
        "info@παράδειγμα.δοκιμή",
        "info@xn--hxajbheg2az3al.xn--jxalpdlp",
    ),
];

/// A valid address and a variant of it differing only in case and
/// surrounding whitespace.
pub fn email_and_variant() -> impl Strategy<Value = (&'static str, String)> {
    select(&EMAIL_SAMPLES[..]).prop_flat_map(|e| (Just(e), case_and_space_variant(e)))
}

// ---------------------------------------------------------------------------
// GB phone numbers, for the normalization properties

/// National significant number templates, grouped as written, whose every
/// completion (`_` is any digit) is valid in libphonenumber 9.0.33's GB
/// metadata. The drama ranges Ofcom reserves (020 7946 0xxx, 0113 496
/// 0xxx, ...) are among them; 07700 900xxx is *not* valid there, so it is
/// left out.
pub const GB_TEMPLATES: [&str; 16] = [
    "20 7946 0___",
    "20 7___ ____",
    "20 3___ ____",
    "113 496 0___",
    "114 496 0___",
    "117 496 0___",
    "121 496 0___",
    "131 496 0___",
    "161 496 0___",
    "191 498 0___",
    "28 9649 6___",
    "29 2018 0___",
    "1234 ______",
    "1865 ______",
    "7400 ______",
    "7981 ______",
];

/// A valid GB number: its national significant number grouped as written
/// (`20 7946 0123`).
pub fn gb_number() -> impl Strategy<Value = String> {
    (select(&GB_TEMPLATES[..]), vec(0u8..10, 10)).prop_map(|(template, digits)| {
        let mut digits = digits.into_iter();
        template
            .chars()
            .map(|c| {
                if c == '_' {
                    char::from(b'0' + digits.next().unwrap_or(0))
                } else {
                    c
                }
            })
            .collect()
    })
}

/// The ways of writing a number that SPEC §3.2 folds to one E.164.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneForm {
    /// `02079460123`
    NationalCompact,
    /// `020 7946 0123`
    NationalSpaced,
    /// `(020) 7946 0123`
    NationalParenthesized,
    /// `020-7946-0123`
    NationalDashes,
    /// `020.7946.0123`
    NationalDots,
    /// `+442079460123`: E.164 itself
    E164,
    /// `+44 20 7946 0123`
    InternationalSpaced,
    /// `+44-20-7946-0123`
    InternationalDashes,
    /// `+44 (0)20 7946 0123`
    InternationalTrunkZero,
    /// `+44(0)2079460123`
    InternationalTrunkZeroCompact,
    /// `0044 20 7946 0123`
    DoubleZero,
    /// `00 44 20 7946 0123`
    DoubleZeroSpaced,
    /// `(+44) 20 7946 0123`
    ParenthesizedCountryCode,
}

/// Every [`PhoneForm`].
pub const PHONE_FORMS: [PhoneForm; 13] = [
    PhoneForm::NationalCompact,
    PhoneForm::NationalSpaced,
    PhoneForm::NationalParenthesized,
    PhoneForm::NationalDashes,
    PhoneForm::NationalDots,
    PhoneForm::E164,
    PhoneForm::InternationalSpaced,
    PhoneForm::InternationalDashes,
    PhoneForm::InternationalTrunkZero,
    PhoneForm::InternationalTrunkZeroCompact,
    PhoneForm::DoubleZero,
    PhoneForm::DoubleZeroSpaced,
    PhoneForm::ParenthesizedCountryCode,
];

/// How digits are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// `0-9`
    Ascii,
    /// `０-９` (and `＋`)
    Fullwidth,
    /// `٠-٩`
    ArabicIndic,
    /// `۰-۹`
    ExtendedArabicIndic,
}

/// Writes a number (its grouped national significant number) in `form`.
pub fn render_phone(grouped: &str, form: PhoneForm) -> String {
    let compact: String = grouped.chars().filter(|c| *c != ' ').collect();
    let (area, rest) = grouped.split_once(' ').unwrap_or((grouped, ""));
    match form {
        PhoneForm::NationalCompact => format!("0{compact}"),
        PhoneForm::NationalSpaced => format!("0{grouped}"),
        PhoneForm::NationalParenthesized => format!("(0{area}) {rest}"),
        PhoneForm::NationalDashes => format!("0{}", grouped.replace(' ', "-")),
        PhoneForm::NationalDots => format!("0{}", grouped.replace(' ', ".")),
        PhoneForm::E164 => format!("+44{compact}"),
        PhoneForm::InternationalSpaced => format!("+44 {grouped}"),
        PhoneForm::InternationalDashes => format!("+44-{}", grouped.replace(' ', "-")),
        PhoneForm::InternationalTrunkZero => format!("+44 (0){grouped}"),
        PhoneForm::InternationalTrunkZeroCompact => format!("+44(0){compact}"),
        PhoneForm::DoubleZero => format!("0044 {grouped}"),
        PhoneForm::DoubleZeroSpaced => format!("00 44 {grouped}"),
        PhoneForm::ParenthesizedCountryCode => format!("(+44) {grouped}"),
    }
}

/// Rewrites the ASCII digits (and `+`) of `text` in another digit form.
pub fn with_digits(text: &str, digits: Digits) -> String {
    let zero = match digits {
        Digits::Ascii => return text.to_owned(),
        Digits::Fullwidth => '\u{ff10}',
        Digits::ArabicIndic => '\u{660}',
        Digits::ExtendedArabicIndic => '\u{6f0}',
    };
    text.chars()
        .map(|c| match c {
            '0'..='9' => {
                char::from_u32(u32::from(zero) + (u32::from(c) - u32::from('0'))).unwrap_or(c)
            }
            '+' if digits == Digits::Fullwidth => '\u{ff0b}',
            c => c,
        })
        .collect()
}

/// The E.164 form of a grouped GB national significant number.
pub fn gb_e164(grouped: &str) -> String {
    let compact: String = grouped.chars().filter(|c| *c != ' ').collect();
    format!("+44{compact}")
}

/// A form of a number as a caller may send it: any [`PhoneForm`], any
/// [`Digits`], surrounding whitespace.
pub fn phone_variant(grouped: String) -> impl Strategy<Value = String> {
    (
        select(&PHONE_FORMS[..]),
        prop_oneof![
            6 => Just(Digits::Ascii),
            1 => Just(Digits::Fullwidth),
            1 => Just(Digits::ArabicIndic),
            1 => Just(Digits::ExtendedArabicIndic),
        ],
        select(&["", " ", "\t", " \n"][..]),
        select(&["", " ", "\n", "  "][..]),
    )
        .prop_map(move |(form, digits, before, after)| {
            padded(
                &with_digits(&render_phone(&grouped, form), digits),
                before,
                after,
            )
        })
}

/// Ways of writing an extension, with `{}` for its digits.
pub const EXTENSION_FORMS: [&str; 5] = [" ext. {}", " ext {}", ";ext={}", " x{}", " #{}"];

// ---------------------------------------------------------------------------
// Names, for the normalization properties

/// Name words in several scripts, some with combining marks that NFC
/// composes (Vietnamese, Yoruba) and some without a precomposed form.
pub const NAME_WORDS: [&str; 22] = [
    "Anne",
    "Marie",
    "O'Neil",
    "Jean-Luc",
    "José",
    "Zoë",
    "Þór",
    "Łukasz",
    "Nguyễn",
    "Ṣọlá",
    "Δημήτρης",
    "Владимир",
    "Ёжиков",
    "محمد",
    "שָׁלוֹם",
    "李",
    "小明",
    "さくら",
    "김민준",
    "राहुल",
    "สมชาย",
    "ǅemal",
];

/// The words of a name and a messy way of writing it: whitespace runs of
/// any kind between words and around them, and the words in NFD when
/// `decompose`.
pub fn name_and_variant() -> impl Strategy<Value = (Vec<&'static str>, String)> {
    (
        vec(select(&NAME_WORDS[..]), 1..4),
        vec(
            prop_oneof![
                Just(" ".to_owned()),
                whitespace().prop_map(|w| format!(" {w}"))
            ],
            4,
        ),
        any::<bool>(),
    )
        .prop_map(|(words, spaces, decompose)| {
            let mut messy = spaces[0].clone();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    messy.push_str(&spaces[i]);
                }
                if decompose {
                    messy.extend(w.nfd());
                } else {
                    messy.push_str(w);
                }
            }
            messy.push_str(&spaces[3]);
            (words, messy)
        })
}

// ---------------------------------------------------------------------------
// Group names and Python-style list literals

/// A group name that needs escaping in a list literal: quotes of both
/// kinds, backslashes, commas, brackets, spaces, non-ASCII letters.
pub fn group_name() -> impl Strategy<Value = String> {
    vec(
        prop_oneof![
            4 => proptest::char::range('a', 'z'),
            2 => select(&['-', '_', '1', '2', ' ', ','][..]),
            2 => select(&['\'', '"', '\\'][..]),
            1 => select(&['[', ']', 'é', 'ü', '李', 'Я', '\u{1f600}'][..]),
        ],
        0..12,
    )
    .prop_map(String::from_iter)
}

/// How one item of a list literal is quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    /// `'...'`, escaping `'` and `\`.
    Single,
    /// `"..."`, escaping `"` and `\`.
    Double,
    /// As Python's `repr` would: single quotes unless the item holds a `'`
    /// and no `"`.
    Repr,
    /// Single quotes, and `"` escaped too (Python accepts `\"` anywhere).
    SingleEscapingBoth,
}

/// Quotes one item as in a Python list literal.
pub fn quote_item(item: &str, quote: Quote) -> String {
    let (q, escape_other) = match quote {
        Quote::Single => ('\'', false),
        Quote::Double => ('"', false),
        Quote::Repr => {
            if item.contains('\'') && !item.contains('"') {
                ('"', false)
            } else {
                ('\'', false)
            }
        }
        Quote::SingleEscapingBoth => ('\'', true),
    };
    let mut out = String::new();
    out.push(q);
    for c in item.chars() {
        if c == '\\' || c == q || (escape_other && (c == '"' || c == '\'')) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push(q);
    out
}

/// Layout of a list literal.
#[derive(Debug, Clone)]
pub struct LiteralLayout {
    /// The quoting of each item (cycled).
    pub quotes: Vec<Quote>,
    /// Whitespace after `[`, around each comma and before `]` (cycled).
    pub spaces: Vec<&'static str>,
    /// A trailing comma after the last item, as Python allows.
    pub trailing_comma: bool,
}

/// Any layout.
pub fn literal_layout() -> impl Strategy<Value = LiteralLayout> {
    (
        vec(
            select(
                &[
                    Quote::Single,
                    Quote::Double,
                    Quote::Repr,
                    Quote::SingleEscapingBoth,
                ][..],
            ),
            1..4,
        ),
        vec(select(&["", " ", "  ", "\t", "\n"][..]), 1..4),
        any::<bool>(),
    )
        .prop_map(|(quotes, spaces, trailing_comma)| LiteralLayout {
            quotes,
            spaces,
            trailing_comma,
        })
}

/// Writes `items` as a Python-style list literal, `['a', "b"]`.
pub fn python_list_literal(items: &[String], layout: &LiteralLayout) -> String {
    let space = |i: usize| layout.spaces[i % layout.spaces.len()];
    let mut out = format!("{}[{}", space(0), space(1));
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(space(i + 2));
            out.push(',');
            out.push_str(space(i + 3));
        }
        out.push_str(&quote_item(item, layout.quotes[i % layout.quotes.len()]));
    }
    if layout.trailing_comma && !items.is_empty() {
        out.push(',');
    }
    out.push_str(space(items.len() + 4));
    out.push(']');
    out.push_str(space(items.len() + 5));
    out
}
