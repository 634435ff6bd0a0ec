//! Ranked matching (SPEC §4.3).

mod common;

use common::{fields, index_of, person};
use person_match::{
    Ambiguity, GroupId, MatchOutcome, MatchedBy, PersonFields, PersonHandle, PersonIndex,
    PersonLookup, Scope, rank,
};

fn everywhere() -> Scope {
    Scope::of(GroupId::parse_list(&["group-1", "group-2"]))
}

fn handle(index: &PersonIndex, identifier: &str) -> PersonHandle {
    index.handle(identifier).unwrap()
}

#[track_caller]
fn rank_in(
    index: &PersonIndex,
    record: &PersonFields,
    scope: &Scope,
) -> MatchOutcome<PersonHandle> {
    rank(index, record, &index.prepare_scope(scope))
}

/// A small town: two persons share a family email, two share a phone.
fn town() -> PersonIndex {
    index_of(vec![
        person(
            "anna",
            fields(
                Some("A-1"),
                Some("family@example.com"),
                Some("+44 1234 567890"),
                Some("Anna"),
                None,
            ),
            &["group-1"],
        ),
        person(
            "ben",
            fields(
                None,
                Some("family@example.com"),
                Some("+44 1234 567891"),
                Some("Ben"),
                None,
            ),
            &["group-1"],
        ),
        person(
            "cara",
            fields(
                Some("C-1"),
                Some("cara@example.com"),
                Some("+44 1234 567899"),
                Some("Cara"),
                None,
            ),
            &["group-1"],
        ),
        person(
            "dan",
            fields(
                None,
                Some("dan@example.com"),
                Some("+44 1234 567899"),
                Some("Dan"),
                None,
            ),
            &["group-2"],
        ),
        person(
            "eve",
            fields(
                Some("E-1"),
                Some("eve@example.com"),
                None,
                Some("Eve"),
                None,
            ),
            &["group-2"],
        ),
    ])
}

#[test]
fn external_ref_matches_exactly() {
    let index = town();
    let record = fields(Some("A-1"), None, None, None, None);
    assert_eq!(
        rank_in(&index, &record, &everywhere()),
        MatchOutcome::ByExternalRef(handle(&index, "anna"))
    );
}

#[test]
fn external_ref_is_case_sensitive() {
    let index = town();
    let record = fields(Some("a-1"), None, None, None, None);
    assert_eq!(
        rank_in(&index, &record, &everywhere()),
        MatchOutcome::NoMatch
    );
}

#[test]
fn external_ref_outranks_email_and_phone() {
    let index = town();
    // Eve's ref, with Cara's email and phone: the ref decides.
    let record = fields(
        Some("E-1"),
        Some("cara@example.com"),
        Some("+44 1234 567899"),
        None,
        None,
    );
    let outcome = rank_in(&index, &record, &everywhere());
    assert_eq!(outcome, MatchOutcome::ByExternalRef(handle(&index, "eve")));
    assert_eq!(
        outcome.found(),
        Some((handle(&index, "eve"), MatchedBy::ExternalRef))
    );
}

#[test]
fn email_matches_whatever_the_case_and_whitespace() {
    let index = town();
    for email in [
        "cara@example.com",
        "  CARA@Example.COM ",
        "Cara@EXAMPLE.com\t",
    ] {
        let record = fields(None, Some(email), None, None, None);
        assert_eq!(
            rank_in(&index, &record, &everywhere()),
            MatchOutcome::ByEmailAddress(handle(&index, "cara")),
            "{email:?}"
        );
    }
}

#[test]
fn phone_matches_in_national_and_international_forms() {
    let index = index_of(vec![person(
        "p",
        fields(None, None, Some("+441234567890"), None, None),
        &["group-1"],
    )]);
    for phone in [
        "01234 567890",
        "+44 1234 567890",
        "+44 (0)1234 567890",
        "0044 1234 567890",
        "01234-567-890",
    ] {
        let record = PersonFields {
            phone_number: Some(
                person_match::PhoneNumber::parse(phone, person_match::Region::GB).unwrap(),
            ),
            ..PersonFields::default()
        };
        assert_eq!(
            rank_in(&index, &record, &everywhere()),
            MatchOutcome::ByPhoneNumber(handle(&index, "p")),
            "{phone}"
        );
    }
}

#[test]
fn email_outranks_phone() {
    let index = town();
    // Dan's email, Cara's (shared) phone: the email decides.
    let record = fields(
        None,
        Some("dan@example.com"),
        Some("+44 1234 567899"),
        None,
        None,
    );
    assert_eq!(
        rank_in(&index, &record, &everywhere()),
        MatchOutcome::ByEmailAddress(handle(&index, "dan"))
    );
}

#[test]
fn a_shared_email_alone_is_ambiguous() {
    let index = town();
    let record = fields(None, Some("family@example.com"), None, None, None);
    let outcome = rank_in(&index, &record, &everywhere());
    let mut both = vec![handle(&index, "anna"), handle(&index, "ben")];
    both.sort();
    assert_eq!(
        outcome,
        MatchOutcome::Ambiguous(Ambiguity {
            by: MatchedBy::EmailAddress,
            candidates: both,
            with_phone: None
        })
    );
    let MatchOutcome::Ambiguous(a) = outcome else {
        unreachable!()
    };
    assert_eq!(
        a.to_string(),
        "2 persons in scope have this email_address; add the phone_number or external_ref of the intended one to tell them apart"
    );
}

#[test]
fn a_phone_narrows_a_shared_email() {
    let index = town();
    let record = fields(
        None,
        Some("family@example.com"),
        Some("01234 567891"),
        None,
        None,
    );
    let outcome = rank_in(&index, &record, &everywhere());
    assert_eq!(
        outcome,
        MatchOutcome::ByEmailAndPhone(handle(&index, "ben"))
    );
    assert_eq!(
        outcome.found().map(|(_, by)| by),
        Some(MatchedBy::EmailAddress)
    );
}

#[test]
fn a_phone_that_narrows_to_nobody_leaves_it_ambiguous() {
    let index = town();
    let record = fields(
        None,
        Some("family@example.com"),
        Some("01234 567899"),
        None,
        None,
    );
    let MatchOutcome::Ambiguous(a) = rank_in(&index, &record, &everywhere()) else {
        panic!("ambiguous expected")
    };
    assert_eq!(a.with_phone, Some(0));
    assert_eq!(
        a.to_string(),
        "2 persons in scope have this email_address and 0 of them have this phone_number; add the external_ref of the intended one to tell them apart"
    );
}

#[test]
fn a_shared_phone_alone_is_ambiguous() {
    let index = town();
    let record = fields(None, None, Some("01234 567899"), None, None);
    let MatchOutcome::Ambiguous(a) = rank_in(&index, &record, &everywhere()) else {
        panic!("ambiguous expected")
    };
    assert_eq!(a.by, MatchedBy::PhoneNumber);
    assert_eq!(a.candidates.len(), 2);
    assert!(
        a.to_string()
            .starts_with("2 persons in scope have this phone_number")
    );
}

#[test]
fn scope_narrows_a_shared_phone() {
    let index = town();
    let record = fields(None, None, Some("01234 567899"), None, None);
    let group_2 = Scope::of(GroupId::parse_list(&["group-2"]));
    assert_eq!(
        rank_in(&index, &record, &group_2),
        MatchOutcome::ByPhoneNumber(handle(&index, "dan"))
    );
}

#[test]
fn persons_outside_the_scope_are_never_found() {
    let index = town();
    let group_1 = Scope::of(GroupId::parse_list(&["group-1"]));
    let eve_ref = fields(Some("E-1"), None, None, None, None);
    assert_eq!(rank_in(&index, &eve_ref, &group_1), MatchOutcome::NoMatch);
    let eve_email = fields(None, Some("eve@example.com"), None, None, None);
    assert_eq!(rank_in(&index, &eve_email, &group_1), MatchOutcome::NoMatch);
    let unknown_group = Scope::of(GroupId::parse_list(&["group-9"]));
    assert_eq!(
        rank_in(&index, &eve_email, &unknown_group),
        MatchOutcome::NoMatch
    );
}

#[test]
fn a_duplicated_external_ref_is_ambiguous() {
    let index = index_of(vec![
        person("x", fields(Some("R"), None, None, None, None), &["group-1"]),
        person("y", fields(Some("R"), None, None, None, None), &["group-2"]),
    ]);
    let record = fields(Some("R"), Some("x@example.com"), None, None, None);
    let MatchOutcome::Ambiguous(a) = rank_in(&index, &record, &everywhere()) else {
        panic!("ambiguous expected")
    };
    assert_eq!(a.by, MatchedBy::ExternalRef);
    assert_eq!(a.candidates.len(), 2);
    // One group tells them apart.
    let group_2 = Scope::of(GroupId::parse_list(&["group-2"]));
    assert_eq!(
        rank_in(&index, &record, &group_2),
        MatchOutcome::ByExternalRef(handle(&index, "y"))
    );
}

#[test]
fn identity_conflict_when_email_finds_a_person_with_another_ref() {
    let index = town();
    let record = fields(Some("Z-9"), Some("cara@example.com"), None, None, None);
    assert_eq!(
        rank_in(&index, &record, &everywhere()),
        MatchOutcome::IdentityConflict {
            person: handle(&index, "cara"),
            by: MatchedBy::EmailAddress
        }
    );
    let by_phone = fields(Some("Z-9"), None, Some("01234 567890"), None, None);
    assert_eq!(
        rank_in(&index, &by_phone, &everywhere()),
        MatchOutcome::IdentityConflict {
            person: handle(&index, "anna"),
            by: MatchedBy::PhoneNumber
        }
    );
}

#[test]
fn no_conflict_when_the_found_person_has_no_ref() {
    let index = town();
    let record = fields(Some("D-1"), Some("dan@example.com"), None, None, None);
    assert_eq!(
        rank_in(&index, &record, &everywhere()),
        MatchOutcome::ByEmailAddress(handle(&index, "dan"))
    );
}

#[test]
fn nobody_without_keys() {
    let index = town();
    let record = fields(None, None, None, Some("Anna"), None);
    assert_eq!(
        rank_in(&index, &record, &everywhere()),
        MatchOutcome::NoMatch
    );
}
