//! Names, external references and group identifiers (SPEC §3).

use person_match::{ExternalRef, GroupId, GroupRef, Name};

#[test]
fn external_refs_are_trimmed_and_case_sensitive() {
    let r = ExternalRef::parse("  id-1\t").unwrap();
    assert_eq!(r.as_str(), "id-1");
    assert_eq!(r.to_string(), "id-1");
    assert_ne!(r, ExternalRef::parse("ID-1").unwrap());
    assert_eq!("id-1".parse::<ExternalRef>().unwrap(), r);
    assert_eq!(ExternalRef::try_from(String::from("id-1")).unwrap(), r);
}

#[test]
fn external_ref_limits() {
    let longest = "x".repeat(255);
    assert_eq!(ExternalRef::parse(&longest).unwrap().as_str(), longest);
    assert_eq!(
        ExternalRef::parse(&"é".repeat(255))
            .unwrap()
            .as_str()
            .chars()
            .count(),
        255
    );
    let cases = [
        (
            "x".repeat(256),
            "external reference is longer than 255 characters",
        ),
        (
            "é".repeat(256),
            "external reference is longer than 255 characters",
        ),
        ("   ".to_owned(), "external reference is empty"),
        (
            "id\u{0}1".to_owned(),
            "external reference contains a control or invisible formatting character",
        ),
        (
            "id\n1".to_owned(),
            "external reference contains a control or invisible formatting character",
        ),
        (
            "id\u{200B}1".to_owned(),
            "external reference contains a control or invisible formatting character",
        ),
        (
            "id\u{FEFF}".to_owned(),
            "external reference contains a control or invisible formatting character",
        ),
        (
            "id\u{202E}1".to_owned(),
            "external reference contains a control or invisible formatting character",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            ExternalRef::parse(&input).unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
}

#[test]
fn a_megabyte_external_ref_is_refused_cheaply() {
    let huge = "x".repeat(1 << 20);
    assert!(ExternalRef::parse(&huge).is_err());
}

#[test]
fn names_are_trimmed_collapsed_and_nfc() {
    let cases = [
        ("  Test  ", "Test"),
        ("Anne \t\n  Marie", "Anne Marie"),
        ("Ze\u{0301}phyr", "Z\u{e9}phyr"),
        ("Person\u{3000}1", "Person 1"),
        ("李 小龍", "李 小龍"),
        ("O'Brien-Smith", "O'Brien-Smith"),
    ];
    for (input, stored) in cases {
        assert_eq!(Name::parse(input).unwrap().as_str(), stored, "{input:?}");
    }
}

#[test]
fn rejected_names() {
    let cases = [
        (" \t ".to_owned(), "name is empty"),
        ("a".repeat(256), "name is longer than 255 characters"),
        ("a ".repeat(5000), "name is longer than 255 characters"),
        ("Te\u{7}st".to_owned(), "name contains a control character"),
        (
            "Te\u{202E}st".to_owned(),
            "name contains a bidirectional override character",
        ),
        (
            "Te\u{2067}st".to_owned(),
            "name contains a bidirectional override character",
        ),
    ];
    for (input, message) in cases {
        assert_eq!(
            Name::parse(&input).unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
    // 255 characters after collapsing is fine, however much space came in.
    let spaced = format!("{}   {}", "a".repeat(127), "b".repeat(127));
    assert_eq!(Name::parse(&spaced).unwrap().as_str().chars().count(), 255);
}

#[test]
fn name_tie_break_key_is_nfkc_and_lowercase() {
    assert_eq!(Name::parse("ＡＮＮＥ").unwrap().tie_break_key(), "anne");
    assert_eq!(Name::parse("Ǆ").unwrap().tie_break_key(), "dž");
}

#[test]
fn group_lists_are_trimmed_deduplicated_in_order() {
    let ids = GroupId::parse_list(&[" group-2 ", "", "group-1", "group-2", "  "]);
    let ids: Vec<&str> = ids.iter().map(GroupId::as_str).collect();
    assert_eq!(ids, ["group-2", "group-1"]);
    assert_eq!(GroupRef::parse("  r ").unwrap().as_str(), "r");
    assert_eq!(GroupRef::parse("  "), None);
}
