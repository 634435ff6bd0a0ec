//! Email addresses (SPEC §3.1): conformance with email-validator 2.4.0,
//! pinned examples for every error, and the match-key contract.

use std::collections::HashSet;

use person_match::{EmailAddress, EmailError};
use proptest::prelude::*;
use serde::Deserialize;

/// One reference verdict, as `scripts/gen_email_vectors.py` writes it.
#[derive(Debug, Deserialize)]
struct Vector {
    input: String,
    valid: bool,
    stored: Option<String>,
    key: Option<String>,
    /// Set where the crate deliberately differs from email-validator.
    #[serde(default)]
    deviation: Option<String>,
}

fn vectors() -> Vec<Vector> {
    let text = include_str!("data/email_vectors.json");
    serde_json::from_str(text).expect("tests/data/email_vectors.json is valid")
}

fn show(s: &str) -> String {
    let mut out: String = s.chars().take(80).flat_map(char::escape_debug).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

#[test]
fn conformance_with_email_validator() {
    let vectors = vectors();
    assert!(vectors.len() > 1000, "the vector file looks truncated");
    let mut failures = Vec::new();
    for v in &vectors {
        let got = EmailAddress::parse(&v.input);
        let agrees = match (&got, v.valid) {
            (Ok(a), true) => {
                Some(a.as_str()) == v.stored.as_deref() && Some(a.key()) == v.key.as_deref()
            }
            (Err(_), false) => true,
            _ => false,
        };
        if !agrees {
            let got = match &got {
                Ok(a) => format!("valid, stored {:?}, key {:?}", a.as_str(), a.key()),
                Err(e) => format!("invalid ({e})"),
            };
            let want = if v.valid {
                format!(
                    "valid, stored {:?}, key {:?}",
                    v.stored.as_deref().unwrap_or_default(),
                    v.key.as_deref().unwrap_or_default()
                )
            } else {
                "invalid".to_owned()
            };
            failures.push(format!("  \"{}\": got {got}; want {want}", show(&v.input)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors disagree with email-validator 2.4.0; the first {}:\n{}",
        failures.len(),
        vectors.len(),
        failures.len().min(20),
        failures[..failures.len().min(20)].join("\n")
    );
}

/// The crate rejects a few addresses email-validator accepts; the vector
/// file names why, and each reason has one error.
#[test]
fn deviations_are_the_documented_ones() {
    let vectors = vectors();
    let mut seen = HashSet::new();
    for v in vectors.iter().filter(|v| v.deviation.is_some()) {
        let reason = v.deviation.as_deref().unwrap_or_default();
        let expected = match reason {
            "local_part_over_64_octets" => EmailError::LocalPartTooLong,
            "bidi_class_changed_after_unicode_14" => EmailError::InvalidIdn,
            other => panic!("undocumented deviation {other:?}"),
        };
        assert_eq!(
            EmailAddress::parse(&v.input),
            Err(expected),
            "\"{}\"",
            show(&v.input)
        );
        seen.insert(reason);
    }
    assert_eq!(seen.len(), 2);
}

#[test]
fn stored_forms_parse_to_themselves() {
    for v in vectors().iter().filter(|v| v.valid) {
        let a = EmailAddress::parse(&v.input).expect("valid vector");
        let again = EmailAddress::parse(a.as_str()).expect("stored form is valid");
        assert_eq!(again, a, "\"{}\"", show(&v.input));
        assert_eq!(again.key(), a.key());
    }
}

proptest! {
    #[test]
    fn parse_never_panics(s in "\\PC{0,80}") {
        let _ = EmailAddress::parse(&s);
    }

    #[test]
    fn parsed_addresses_are_stable(
        local in "[a-zA-Z0-9.+_-]{1,10}|[a-zéÉßẞσςΣ中\u{301}+.]{1,8}",
        labels in prop::collection::vec("[a-zA-Z0-9-]{1,8}|[a-züÜß中例え\u{5d0}\u{627}-]{1,6}", 1..4),
        tld in "com|de|XN--P1AI|рф|[a-z]{2,6}",
        pad in "[ \t\n]{0,2}",
    ) {
        let input = format!("{pad}{local}@{}.{tld}{pad}", labels.join("."));
        if let Ok(a) = EmailAddress::parse(&input) {
            let again = EmailAddress::parse(a.as_str()).expect("stored form is valid");
            prop_assert_eq!(&again, &a);
            let by_key = EmailAddress::parse(a.key()).expect("key is a valid address");
            prop_assert_eq!(by_key.key(), a.key());
            // Case in the local part never changes the key (in the domain
            // it can: ß is not ss there).
            let upper = format!("{}@{}.{tld}", local.to_uppercase(), labels.join("."));
            if let Ok(upper) = EmailAddress::parse(&upper) {
                prop_assert_eq!(upper.key(), a.key());
            }
        }
    }
}

#[track_caller]
fn accepts(input: &str, stored: &str, key: &str) {
    let a = EmailAddress::parse(input)
        .unwrap_or_else(|e| panic!("{input:?} should be valid, got: {e}"));
    assert_eq!(a.as_str(), stored, "stored form of {input:?}");
    assert_eq!(a.key(), key, "key of {input:?}");
    assert_eq!(a.to_string(), stored);
}

#[track_caller]
fn rejects(input: &str, error: EmailError, message: &str) {
    assert_eq!(EmailAddress::parse(input), Err(error), "{input:?}");
    assert_eq!(error.to_string(), message);
}

#[test]
fn accepted_examples() {
    // (input, stored form, match key)
    let cases = [
        ("user@example.com", "user@example.com", "user@example.com"),
        (
            "  User@Example.COM\n",
            "User@example.com",
            "user@example.com",
        ),
        (
            "a.b+tag@sub.example.co.uk",
            "a.b+tag@sub.example.co.uk",
            "a.b+tag@sub.example.co.uk",
        ),
        (
            "a!#$%&'*+-/=?^_`{|}~@x.org",
            "a!#$%&'*+-/=?^_`{|}~@x.org",
            "a!#$%&'*+-/=?^_`{|}~@x.org",
        ),
        // RFC 2142 role names are lowercased, as email-validator does.
        (
            "Postmaster@Example.com",
            "postmaster@example.com",
            "postmaster@example.com",
        ),
        // IDN: stored as U-labels, keyed by A-labels.
        (
            "user@bücher.example.com",
            "user@bücher.example.com",
            "user@xn--bcher-kva.example.com",
        ),
        (
            "user@XN--BCHER-KVA.example.com",
            "user@bücher.example.com",
            "user@xn--bcher-kva.example.com",
        ),
        ("user@例え。ＪＰ", "user@例え.jp", "user@xn--r8jz45g.jp"),
        ("user@faß.de", "user@faß.de", "user@xn--fa-hia.de"),
        (
            "user@col·legi.cat",
            "user@col·legi.cat",
            "user@xn--collegi-xma.cat",
        ),
        (
            "用户@例子.广告",
            "用户@例子.广告",
            "用户@xn--fsqu00a.xn--4rr70v",
        ),
        // NFC for the stored form, then full case folding for the key.
        (
            "Pele\u{301}@example.com",
            "Pelé@example.com",
            "pelé@example.com",
        ),
        (
            "STRASSE@example.com",
            "STRASSE@example.com",
            "strasse@example.com",
        ),
        (
            "Straße@example.com",
            "Straße@example.com",
            "strasse@example.com",
        ),
        ("ΟΔΟΣ@example.com", "ΟΔΟΣ@example.com", "οδοσ@example.com"),
    ];
    for (input, stored, key) in cases {
        accepts(input, stored, key);
    }
    // 64 octets before the @ is the limit; 254 in all.
    let local = format!("{}@example.com", "a".repeat(64));
    accepts(&local, &local, &local);
    let long = format!(
        "{}@{}.{}.{}.com",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(57)
    );
    assert_eq!(long.len(), 254);
    accepts(&long, &long, &long);
}

#[test]
fn rejected_examples_before_the_at_sign() {
    use EmailError as E;
    let cases: Vec<(String, EmailError, &str)> = vec![
        (" \t ".to_owned(), E::Empty, "email address is empty"),
        (
            "user.example.com".to_owned(),
            E::MissingAtSign,
            "email address has no @-sign",
        ),
        (
            "user＠example.com".to_owned(),
            E::LookalikeAtSign,
            "email address has a full-width or small @ instead of the @-sign",
        ),
        (
            "Jane Doe <jane@example.com>".to_owned(),
            E::DisplayName,
            "email address has a display name or angle brackets; only the bare address is accepted",
        ),
        (
            "@example.com".to_owned(),
            E::EmptyLocalPart,
            "email address has nothing before the @-sign",
        ),
        (
            format!("{}@example.com", "a".repeat(65)),
            E::LocalPartTooLong,
            "email address has more than 64 octets before the @-sign",
        ),
        (
            "\"john doe\"@example.com".to_owned(),
            E::QuotedLocalPart,
            "email address has a quoted part before the @-sign, which is not accepted",
        ),
        (
            "john,doe@example.com".to_owned(),
            E::InvalidLocalPartCharacter,
            "email address has a character that is not allowed before the @-sign",
        ),
        (
            "john..doe@example.com".to_owned(),
            E::LocalPartDot,
            "email address has a dot at the start or end of the part before the @-sign, or two dots in a row",
        ),
        (
            "john doe@example.com".to_owned(),
            E::Whitespace,
            "email address contains whitespace",
        ),
        (
            "john\u{7}@example.com".to_owned(),
            E::ControlCharacter,
            "email address contains a control character",
        ),
        (
            "john\u{200B}@example.com".to_owned(),
            E::UnsafeCharacter,
            "email address contains an invisible formatting, private-use or unassigned character",
        ),
        (
            "\u{301}john@example.com".to_owned(),
            E::LeadingCombiningMark,
            "email address has a combining mark at the start of a part",
        ),
    ];
    for (input, error, message) in &cases {
        rejects(input, *error, message);
    }
}

#[test]
fn rejected_examples_after_the_at_sign() {
    use EmailError as E;
    let cases: Vec<(String, EmailError, &str)> = vec![
        (
            "john@".to_owned(),
            E::EmptyDomain,
            "email address has nothing after the @-sign",
        ),
        (
            "john@[192.0.2.1]".to_owned(),
            E::DomainLiteral,
            "email address has a domain literal (a bracketed address) after the @-sign, which is not accepted",
        ),
        (
            "john@exa_mple.com".to_owned(),
            E::InvalidDomainCharacter,
            "email domain contains a character that is not allowed in a domain name",
        ),
        (
            "john@example..com".to_owned(),
            E::DomainDot,
            "email domain starts or ends with a dot, or has two dots in a row",
        ),
        (
            "john@-example.com".to_owned(),
            E::LabelHyphen,
            "email domain has a label that starts or ends with a hyphen",
        ),
        (
            "john@ab--cd.com".to_owned(),
            E::LabelReservedHyphens,
            "email domain has a label with hyphens in the third and fourth positions",
        ),
        (
            format!("john@{}.com", "a".repeat(64)),
            E::LabelTooLong,
            "email domain has a label longer than 63 octets",
        ),
        (
            // Short in Unicode (ǆ is two octets), 270 octets as A-labels.
            format!("j@{}.com", vec!["ǆ".repeat(20); 6].join(".")),
            E::DomainTooLong,
            "email domain is longer than 253 octets",
        ),
        (
            "john@localhost".to_owned(),
            E::DomainNoDot,
            "email domain has no dot",
        ),
        (
            "john@192.0.2.1".to_owned(),
            E::InvalidTopLevelDomain,
            "email domain has a top-level domain that does not end with a letter",
        ),
        (
            "john@printer.local".to_owned(),
            E::SpecialUseDomain,
            "email domain is a special-use or reserved name",
        ),
        (
            "john@\u{2603}.net".to_owned(),
            E::InvalidIdn,
            "email domain is not a valid internationalized domain name",
        ),
        (
            "john@xn---bbk.com".to_owned(),
            E::InvalidPunycode,
            "email domain has an xn-- label that is not valid, canonical punycode",
        ),
        (
            format!("{}@{}.com", "a".repeat(60), "b".repeat(190)),
            E::AddressTooLong,
            "email address is longer than 254 octets",
        ),
    ];
    for (input, error, message) in &cases {
        rejects(input, *error, message);
    }
}

#[test]
fn every_error_has_a_distinct_message() {
    use EmailError as E;
    let all = [
        E::Empty,
        E::MissingAtSign,
        E::LookalikeAtSign,
        E::DisplayName,
        E::EmptyLocalPart,
        E::LocalPartTooLong,
        E::QuotedLocalPart,
        E::InvalidLocalPartCharacter,
        E::LocalPartDot,
        E::Whitespace,
        E::ControlCharacter,
        E::UnsafeCharacter,
        E::LeadingCombiningMark,
        E::EmptyDomain,
        E::DomainLiteral,
        E::InvalidDomainCharacter,
        E::DomainDot,
        E::LabelHyphen,
        E::LabelReservedHyphens,
        E::LabelTooLong,
        E::DomainTooLong,
        E::DomainNoDot,
        E::InvalidTopLevelDomain,
        E::SpecialUseDomain,
        E::InvalidIdn,
        E::InvalidPunycode,
        E::AddressTooLong,
    ];
    let messages: HashSet<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), all.len());
    for m in &messages {
        assert!(m.starts_with("email "), "{m}");
        assert_eq!(m, &m.to_lowercase(), "{m}");
    }
}

#[test]
fn every_special_use_name_is_rejected() {
    for name in ["arpa", "invalid", "local", "localhost", "onion", "test"] {
        for domain in [format!("x.{name}"), format!("a.b.{}", name.to_uppercase())] {
            assert_eq!(
                EmailAddress::parse(&format!("user@{domain}")),
                Err(EmailError::SpecialUseDomain),
                "{domain}"
            );
        }
        assert!(
            EmailAddress::parse(&format!("user@{name}.com")).is_ok(),
            "{name}.com"
        );
    }
}

#[test]
fn case_and_whitespace_variants_share_a_key() {
    let variants = [
        "jane.doe@example.com",
        "Jane.Doe@Example.com",
        "JANE.DOE@EXAMPLE.COM",
        "  jane.doe@example.com",
        "jane.doe@example.com\t\r\n",
        "\u{A0}JANE.doe@example.COM\u{3000}",
    ];
    let keys: HashSet<String> = variants
        .iter()
        .map(|v| EmailAddress::parse(v).unwrap().key().to_owned())
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    // Dots and +tags are part of the mailbox.
    let others = ["janedoe@example.com", "jane.doe+x@example.com"];
    for other in others {
        assert!(!keys.contains(EmailAddress::parse(other).unwrap().key()));
    }
}

#[test]
fn idn_u_label_and_a_label_share_a_key() {
    let pairs = [
        ("user@bücher.example.com", "user@xn--bcher-kva.example.com"),
        ("USER@BÜCHER.EXAMPLE.COM", "user@XN--BCHER-KVA.example.com"),
        ("user@пример.рф", "user@xn--e1afmkfd.xn--p1ai"),
        ("user@例え.jp", "user@xn--r8jz45g.jp"),
        ("user@faß.de", "user@xn--fa-hia.de"),
    ];
    for (u, a) in pairs {
        let u = EmailAddress::parse(u).unwrap();
        let a = EmailAddress::parse(a).unwrap();
        assert_eq!(u.key(), a.key());
        assert_eq!(u.as_str().to_lowercase(), a.as_str().to_lowercase());
    }
    // Nontransitional: ß is not ss in a domain.
    assert_ne!(
        EmailAddress::parse("user@faß.de").unwrap().key(),
        EmailAddress::parse("user@fass.de").unwrap().key()
    );
}

#[test]
fn huge_inputs_are_rejected_cheaply() {
    let huge = format!("{}@example.com", "é".repeat(1 << 20));
    assert_eq!(EmailAddress::parse(&huge), Err(EmailError::AddressTooLong));
    let huge = format!("user@{}.com", "ü".repeat(1 << 20));
    assert_eq!(EmailAddress::parse(&huge), Err(EmailError::AddressTooLong));
    let padded = format!(
        "{}user@example.com{}",
        " ".repeat(1 << 20),
        "\n".repeat(1 << 20)
    );
    assert!(EmailAddress::parse(&padded).is_ok());
}

#[test]
fn traits_agree_with_parse() {
    let parsed = EmailAddress::parse(" A@b.example ").unwrap();
    assert_eq!(" A@b.example ".parse::<EmailAddress>().unwrap(), parsed);
    assert_eq!(EmailAddress::try_from(" A@b.example ").unwrap(), parsed);
    assert_eq!(
        EmailAddress::try_from(" A@b.example ".to_owned()).unwrap(),
        parsed
    );
    assert_eq!(format!("{parsed}"), "A@b.example");
    assert_eq!(format!("{parsed:?}"), "EmailAddress(\"A@b.example\")");
    assert_eq!(
        "nope".parse::<EmailAddress>(),
        Err(EmailError::MissingAtSign)
    );
}

#[test]
fn equal_addresses_hash_equally_and_order_by_stored_form() {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    let hash = |a: &EmailAddress| {
        let mut h = DefaultHasher::new();
        a.hash(&mut h);
        h.finish()
    };
    let a = EmailAddress::parse("x@bücher.example").unwrap();
    let b = EmailAddress::parse("X@XN--BCHER-KVA.example").unwrap();
    let c = EmailAddress::parse("  x@BÜCHER.example ").unwrap();
    assert_eq!(a, c);
    assert_eq!(hash(&a), hash(&c));
    assert_ne!(a, b);
    assert_eq!(a.key(), b.key());
    assert!(b < a);
}

#[test]
fn errors_never_echo_the_address() {
    for input in [
        "secret name@example.com",
        "secret@exa_mple.com",
        "secret\u{200B}@x.com",
    ] {
        let err = EmailAddress::parse(input).unwrap_err();
        assert!(!err.to_string().contains("secret"));
        assert!(!format!("{err:?}").contains("secret"));
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EmailAddress>();
    assert_send_sync::<EmailError>();
}
