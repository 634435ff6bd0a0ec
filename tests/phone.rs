//! Phone numbers (SPEC §3.2): conformance with Python `phonenumbers` 9.0.33,
//! pinned examples of every error, and region codes.

use person_match::{PhoneError, PhoneNumber, Region};

mod common;

use common::vectors::phone_vectors;

/// Whether an error is the crate's account of phonenumbers' `outcome`.
fn error_matches(outcome: &str, err: PhoneError) -> bool {
    match outcome {
        "INPUT_TOO_LONG" => err == PhoneError::InputTooLong,
        "NOT_A_NUMBER" => matches!(
            err,
            PhoneError::Empty
                | PhoneError::NoDigits
                | PhoneError::NotAPhoneNumber
                | PhoneError::InvalidPhoneContext
        ),
        "INVALID_COUNTRY_CODE" => err == PhoneError::InvalidCountryCode,
        "TOO_SHORT_AFTER_IDD" => err == PhoneError::TooShortAfterInternationalPrefix,
        "TOO_SHORT_NSN" => err == PhoneError::TooShort,
        "TOO_LONG" => err == PhoneError::TooLong,
        "invalid" => matches!(
            err,
            PhoneError::TooShort | PhoneError::TooLong | PhoneError::InvalidForRegion
        ),
        _ => false,
    }
}

#[test]
fn agrees_with_phonenumbers_on_every_vector() {
    let mut rows = 0;
    let mut disagreements = Vec::new();
    for vector in phone_vectors() {
        let (input, e164, extension, outcome) =
            (&vector.input, vector.e164, vector.extension, vector.outcome);
        let valid = if vector.valid { "1" } else { "0" };
        rows += 1;
        let region = Region::new(vector.region).expect("vector region");
        let got = PhoneNumber::parse(input, region);
        let agrees = match (&got, valid) {
            (Ok(n), "1") => {
                n.e164() == e164
                    && n.extension().unwrap_or("") == extension
                    && n.as_str()
                        == if extension.is_empty() {
                            e164.to_owned()
                        } else {
                            format!("{e164};ext={extension}")
                        }
            }
            (Err(err), "0") => error_matches(outcome, *err),
            _ => false,
        };
        if !agrees {
            disagreements.push(format!(
                "{region} {input:?}: expected {outcome} {e164:?} ext {extension:?}, got {got:?}"
            ));
        }
    }
    assert!(rows >= 5000, "only {rows} vectors");
    assert!(
        disagreements.is_empty(),
        "{} of {rows} vectors disagree:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(20)].join("\n")
    );
}

#[track_caller]
fn accepts(input: &str, region: &str, key: &str) {
    let region = Region::new(region).expect("region");
    match PhoneNumber::parse(input, region) {
        Ok(n) => assert_eq!(n.as_str(), key, "{input:?} in {region}"),
        Err(e) => panic!("{input:?} in {region}: {e}"),
    }
}

#[track_caller]
fn rejects(input: &str, region: &str, message: &str) {
    let region = Region::new(region).expect("region");
    match PhoneNumber::parse(input, region) {
        Ok(n) => panic!("{input:?} in {region} accepted as {n}"),
        Err(e) => assert_eq!(e.to_string(), message, "{input:?} in {region}"),
    }
}

#[test]
fn uk_entry_styles_share_one_key() {
    for input in [
        "020 7031 3000",
        "02070313000",
        "(020) 7031 3000",
        "020-7031-3000",
        "+44 20 7031 3000",
        "+44 (0)20 7031 3000",
        "+44(0)20-7031-3000",
        "0044 20 7031 3000",
        "00 44 (0)20 7031 3000",
        "44 20 7031 3000",
        "tel:+44-20-7031-3000",
        "  020 7031 3000\t",
        "０２０ ７０３１ ３０００",
        "Tel: 020 7031 3000",
    ] {
        accepts(input, "GB", "+442070313000");
    }
    accepts("07400 123456", "GB", "+447400123456");
    accepts("01234567890", "GB", "+441234567890");
}

#[test]
fn other_countries_keep_their_own_plan() {
    // The `phonenumber` crate strips GB's national prefix from these.
    accepts("+39 02 1234 5678", "GB", "+390212345678");
    accepts("+39 06 1234 5678", "GB", "+390612345678");
    accepts("+378 0549 886377", "GB", "+3780549886377");
    // Trunk prefix 8 (the crate mishandles it).
    accepts("8 017 123 45 67", "BY", "+375171234567");
    accepts("8 (495) 123-45-67", "RU", "+74951234567");
    accepts("8 612 34567", "LT", "+37061234567");
    accepts("8 (7172) 12 34 56", "KZ", "+77172123456");
    accepts("810 44 20 7031 3000", "RU", "+442070313000");
    // Digits of other scripts (the crate rejects them).
    accepts("٠٢٠ ٧٠٣١ ٣٠٠٠", "GB", "+442070313000");
    accepts("۰۲۰ ۷۰۳۱ ۳۰۰۰", "GB", "+442070313000");
    accepts("＋４４ ２０ ７０３１ ３０００", "DE", "+442070313000");
    accepts("+1 650 253 0000", "GB", "+16502530000");
    accepts("(650) 253-0000", "US", "+16502530000");
    accepts("+800 1234 5678", "GB", "+80012345678");
}

#[test]
fn extensions_stay_out_of_e164() {
    for (input, key) in [
        ("020 7031 3000 ext. 123", "+442070313000;ext=123"),
        ("020 7031 3000 x123", "+442070313000;ext=123"),
        ("020 7031 3000 #123", "+442070313000;ext=123"),
        ("020 7031 3000;ext=123", "+442070313000;ext=123"),
        ("tel:+44-20-7031-3000;ext=123", "+442070313000;ext=123"),
        ("020 7031 3000 ext. １２３", "+442070313000;ext=123"),
    ] {
        accepts(input, "GB", key);
    }
    let n = PhoneNumber::parse("+1 650 253 0000 ext. 7", Region::GB).expect("valid");
    assert_eq!((n.e164(), n.extension()), ("+16502530000", Some("7")));
    let n = PhoneNumber::parse("+1 650 253 0000", Region::GB).expect("valid");
    assert_eq!((n.e164(), n.extension()), ("+16502530000", None));
}

#[test]
fn vanity_numbers_use_keypad_digits() {
    accepts("1-800-FLOWERS", "US", "+18003569377");
    accepts("0800 FLOWERS", "GB", "+448003569377");
}

#[test]
fn every_error_has_a_precise_message() {
    rejects("", "GB", "phone number is empty");
    rejects(" \t ", "GB", "phone number is empty");
    rejects(
        &"1".repeat(65),
        "GB",
        "phone number is longer than 64 characters",
    );
    rejects(
        &format!("+44 20 7031 3000{}", "-".repeat(49)),
        "GB",
        "phone number is longer than 64 characters",
    );
    // Surrounding whitespace is trimmed before the length is checked.
    accepts(
        &format!("  +44 20 7031 3000{}", " ".repeat(60)),
        "GB",
        "+442070313000",
    );
    rejects("n/a", "GB", "phone number contains no digits");
    rejects(
        "12 é",
        "GB",
        "phone number has too few digits or characters a phone number cannot contain",
    );
    rejects(
        "tel:020-7031-3000;phone-context=",
        "GB",
        "phone number has an invalid phone-context parameter",
    );
    rejects(
        "+999 1234 5678",
        "GB",
        "phone number has an unknown country calling code",
    );
    rejects(
        "0044",
        "GB",
        "phone number is too short after its international prefix",
    );
    rejects("12", "GB", "phone number is too short");
    rejects("020 7031 30000", "GB", "phone number is too long");
    rejects(&"9".repeat(18), "GB", "phone number is too long");
    rejects(
        "07700 900123",
        "GB",
        "phone number is not a valid number for its region",
    );
    rejects(
        "+378 0549 123456",
        "GB",
        "phone number is not a valid number for its region",
    );
}

#[test]
fn errors_never_echo_the_input() {
    for input in ["secret 12", "+999 1234 5678", "07700 900123", "n/a secret"] {
        let err = PhoneNumber::parse(input, Region::GB).expect_err("invalid");
        for shown in [err.to_string(), format!("{err:?}")] {
            assert!(
                !shown.contains("secret") && !shown.contains("1234") && !shown.contains("0000")
            );
        }
    }
}

#[test]
fn conversions_use_gb() {
    let key = "+442070313000";
    assert_eq!(
        "020 7031 3000"
            .parse::<PhoneNumber>()
            .expect("valid")
            .as_str(),
        key
    );
    assert_eq!(
        PhoneNumber::try_from("020 7031 3000")
            .expect("valid")
            .as_str(),
        key
    );
    assert_eq!(
        PhoneNumber::try_from(String::from("020 7031 3000"))
            .expect("valid")
            .to_string(),
        key
    );
    assert_eq!(
        "12".parse::<PhoneNumber>().expect_err("invalid"),
        PhoneError::TooShort
    );
}

#[test]
fn equal_numbers_are_equal_values() {
    let a = PhoneNumber::parse("020 7031 3000", Region::GB).expect("valid");
    let b = PhoneNumber::parse("+44 20 7031 3000", Region::new("US").expect("US")).expect("valid");
    assert_eq!(a, b);
    assert!(a < PhoneNumber::parse("020 7031 3001", Region::GB).expect("valid"));
}

#[test]
fn regions_parse_case_insensitively() {
    assert_eq!(Region::new("GB"), Ok(Region::GB));
    assert_eq!(Region::new("gb"), Ok(Region::GB));
    assert_eq!("Gb".parse::<Region>(), Ok(Region::GB));
    assert_eq!(Region::default(), Region::GB);
    let de = Region::new("de").expect("DE");
    assert_eq!((de.as_str(), de.to_string()), ("DE", String::from("DE")));
    for code in [
        "JE", "IM", "GG", "AC", "TA", "XK", "BY", "RU", "LT", "KZ", "US", "IT",
    ] {
        assert_eq!(Region::new(code).expect(code).as_str(), code);
    }
}

#[test]
fn unknown_or_malformed_regions_are_typed_errors() {
    for code in ["UK", "ZZ", "XX", "EU", "AA"] {
        let err = Region::new(code).expect_err(code);
        assert_eq!(
            err.to_string(),
            "region code is not a known ISO 3166-1 alpha-2 region"
        );
    }
    for code in ["", "G", "GBR", "001", "G1", " GB", "ＧＢ", "é"] {
        let err = code.parse::<Region>().expect_err(code);
        assert_eq!(err.to_string(), "region code must be two ASCII letters");
    }
    let err: Box<dyn std::error::Error> = Box::new(Region::new("ZZ").expect_err("ZZ"));
    assert!(!err.to_string().is_empty());
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<PhoneNumber>();
    assert_send_sync::<PhoneError>();
    assert_send_sync::<Region>();
}
