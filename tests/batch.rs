//! Batches (SPEC §4.5, §4.6) and the response they give (SPEC §2.2).

mod common;

use common::{fields, index_of, person, request, seed_context, stored, upsert};
use person_match::{
    ErrorKind, FailureType, IdentityConflictPolicy, IndexError, MatchedBy, Options, Outcome,
    PersonIndex, SequentialIdentifiers, plan,
};
use serde_json::json;

fn ids() -> SequentialIdentifiers {
    SequentialIdentifiers::new("person-")
}

/// One request in the seed's context with default options and fresh
/// identifiers.
#[track_caller]
fn upsert_seed(index: &mut PersonIndex, body: serde_json::Value) -> person_match::Response {
    upsert(
        index,
        &seed_context(),
        body,
        &Options::default(),
        &mut ids(),
    )
}

#[test]
fn the_same_new_person_twice_in_one_request_is_created_once() {
    let mut index = PersonIndex::new();
    let body = json!({"persons": [
        {"email_address": "new@example.com", "first_name": "New"},
        {"email_address": "NEW@example.com", "last_name": "Person"}
    ]});
    let response = upsert_seed(&mut index, body);
    assert_eq!(response.persons[0].outcome, Outcome::Created);
    assert_eq!(response.persons[1].outcome, Outcome::Updated);
    assert_eq!(
        response.persons[1].matched_by,
        Some(MatchedBy::EmailAddress)
    );
    assert_eq!(
        response.persons[0].identifier,
        response.persons[1].identifier
    );
    assert_eq!(index.len(), 1);
    assert_eq!(stored(&index, "person-1")["last_name"], "Person");
    assert_eq!(stored(&index, "person-1")["first_name"], "New");
}

#[test]
fn a_repeated_request_creates_nothing_new() {
    let mut index = PersonIndex::new();
    let mut ids = ids();
    let body = json!({"persons": [
        {"external_ref": "id-1", "first_name": "A"},
        {"email_address": "b@example.com", "first_name": "B"},
        {"phone_number": "01234 567890", "last_name": "C"}
    ]});
    let first = upsert(
        &mut index,
        &seed_context(),
        body.clone(),
        &Options::default(),
        &mut ids,
    );
    let before: Vec<_> = ["person-1", "person-2", "person-3"]
        .iter()
        .map(|p| stored(&index, p))
        .collect();
    let second = upsert(
        &mut index,
        &seed_context(),
        body,
        &Options::default(),
        &mut ids,
    );
    assert_eq!(index.len(), 3);
    for (a, b) in first.persons.iter().zip(&second.persons) {
        assert_eq!(a.identifier, b.identifier);
        assert_eq!(b.outcome, Outcome::Updated);
    }
    let after: Vec<_> = ["person-1", "person-2", "person-3"]
        .iter()
        .map(|p| stored(&index, p))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn updates_leave_absent_fields_alone() {
    let mut index = index_of(vec![person(
        "p-1",
        fields(
            Some("id-1"),
            Some("old@example.com"),
            Some("01234 567890"),
            Some("Old"),
            Some("Name"),
        ),
        &["group-1"],
    )]);
    let body = json!({"persons": [{"external_ref": "id-1", "first_name": "New", "last_name": null, "email_address": "  "}]});
    let response = upsert_seed(&mut index, body);
    assert_eq!(response.persons[0].identifier.as_deref(), Some("p-1"));
    assert_eq!(
        stored(&index, "p-1"),
        json!({
            "external_ref": "id-1", "email_address": "old@example.com", "phone_number": "+441234567890",
            "first_name": "New", "last_name": "Name", "groups": ["group-1", "group-2"]
        })
    );
}

#[test]
fn a_person_without_a_ref_takes_the_records_ref_and_keys_are_reindexed() {
    let mut index = index_of(vec![person(
        "p-1",
        fields(None, Some("a@example.com"), None, Some("A"), None),
        &["group-1"],
    )]);
    let context = seed_context();
    let mut ids = ids();
    let body = json!({"persons": [{"email_address": "a@example.com", "external_ref": "id-9", "phone_number": "01234 567890"}]});
    upsert(&mut index, &context, body, &Options::default(), &mut ids);
    assert_eq!(stored(&index, "p-1")["external_ref"], "id-9");
    // The new ref and phone find the person; a changed email moves its key.
    let body = json!({"persons": [
        {"external_ref": "id-9", "email_address": "changed@example.com"},
        {"email_address": "changed@example.com"},
        {"phone_number": "+44 1234 567890"},
        {"email_address": "a@example.com", "first_name": "Nobody"}
    ]});
    let response = upsert(&mut index, &context, body, &Options::default(), &mut ids);
    let got: Vec<_> = response
        .persons
        .iter()
        .map(|r| (r.outcome, r.matched_by, r.identifier.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Outcome::Updated, Some(MatchedBy::ExternalRef), Some("p-1")),
            (Outcome::Updated, Some(MatchedBy::EmailAddress), Some("p-1")),
            (Outcome::Updated, Some(MatchedBy::PhoneNumber), Some("p-1")),
            (Outcome::Created, None, Some("person-1")),
        ]
    );
}

#[test]
fn identity_conflict_policies() {
    let existing = || {
        index_of(vec![person(
            "p-1",
            fields(Some("id-1"), Some("a@example.com"), None, Some("A"), None),
            &["group-1"],
        )])
    };
    let body = json!({"persons": [{"external_ref": "id-2", "email_address": "a@example.com", "first_name": "B"}]});

    let mut index = existing();
    let reject = upsert_seed(&mut index, body.clone());
    assert_eq!(
        reject.persons[0].failure_type,
        Some(FailureType::IdentityConflict)
    );
    assert_eq!(
        reject.persons[0].failure_reason,
        "the email_address matches a person in scope whose external_ref is different; send that person's external_ref to update them, or leave out the email_address"
    );
    assert_eq!(index.len(), 1);
    assert_eq!(stored(&index, "p-1")["first_name"], "A");

    let mut index = existing();
    let options = Options {
        identity_conflict: IdentityConflictPolicy::CreateNew,
        ..Options::default()
    };
    let create = upsert(
        &mut index,
        &seed_context(),
        body.clone(),
        &options,
        &mut ids(),
    );
    assert_eq!(create.persons[0].outcome, Outcome::Created);
    assert_eq!(index.len(), 2);
    assert_eq!(stored(&index, "person-1")["external_ref"], "id-2");
    assert_eq!(stored(&index, "p-1")["external_ref"], "id-1");

    let mut index = existing();
    let options = Options {
        identity_conflict: IdentityConflictPolicy::Overwrite,
        ..Options::default()
    };
    let overwrite = upsert(&mut index, &seed_context(), body, &options, &mut ids());
    assert_eq!(overwrite.persons[0].outcome, Outcome::Updated);
    assert_eq!(
        overwrite.persons[0].matched_by,
        Some(MatchedBy::EmailAddress)
    );
    assert_eq!(index.len(), 1);
    assert_eq!(stored(&index, "p-1")["external_ref"], "id-2");
    assert_eq!(stored(&index, "p-1")["first_name"], "B");
}

#[test]
fn a_failed_record_changes_nothing_and_later_records_go_on() {
    let mut index = index_of(vec![person(
        "p-1",
        fields(Some("id-1"), None, None, Some("A"), None),
        &["group-1"],
    )]);
    let body = json!({"persons": [
        {"external_ref": "id-1", "first_name": "Changed", "email_address": "not an email"},
        {"external_ref": "id-1", "last_name": "Kept"}
    ]});
    let response = upsert_seed(&mut index, body);
    assert!(!response.persons[0].success);
    assert_eq!(
        response.persons[0].failure_type,
        Some(FailureType::InvalidEmailAddress)
    );
    assert!(
        response.persons[0]
            .failure_reason
            .starts_with("email_address is not valid: ")
    );
    assert_eq!(response.persons[0].identifier, None);
    assert!(response.persons[1].success);
    assert_eq!(stored(&index, "p-1")["first_name"], "A");
    assert_eq!(stored(&index, "p-1")["last_name"], "Kept");
}

#[test]
fn updated_persons_gain_the_scope_groups() {
    let mut index = index_of(vec![person(
        "p-1",
        fields(Some("id-1"), None, None, None, None),
        &["group-1"],
    )]);
    let body = json!({"persons": [{"external_ref": "id-1", "group_ids": ["group-1", "group-2"]}]});
    let response = upsert_seed(&mut index, body);
    assert_eq!(
        response.persons[0].groups,
        Some(vec!["group-1".to_owned(), "group-2".to_owned()])
    );
    assert_eq!(
        stored(&index, "p-1")["groups"],
        json!(["group-1", "group-2"])
    );
}

#[test]
fn no_access_to_group_fails_the_record_only() {
    let context = common::context(&[("g1", None), ("g2", None)], &["g1"]);
    let mut index = PersonIndex::new();
    let body = json!({"persons": [
        {"external_ref": "a", "group_ids": ["g2"]},
        {"external_ref": "b", "group_ids": ["g1", "g2", "g9"]}
    ]});
    let response = upsert(&mut index, &context, body, &Options::default(), &mut ids());
    assert_eq!(
        response.persons[0].failure_type,
        Some(FailureType::NoAccessToGroup)
    );
    assert_eq!(
        response.persons[0].failure_reason,
        "none of the named groups can be used"
    );
    assert_eq!(response.persons[0].groups, Some(vec![]));
    assert_eq!(response.persons[1].groups, Some(vec!["g1".to_owned()]));
    assert_eq!(index.len(), 1);
}

#[test]
fn a_record_naming_no_groups_joins_every_accessible_group_and_echoes_none() {
    let mut index = PersonIndex::new();
    let body = json!({"persons": [{"external_ref": "a"}]});
    let response = upsert_seed(&mut index, body);
    assert_eq!(response.persons[0].groups, None);
    assert_eq!(
        stored(&index, "person-1")["groups"],
        json!(["group-1", "group-2"])
    );
}

#[test]
fn request_level_errors_apply_nothing() {
    let mut index = PersonIndex::new();
    let context = seed_context();
    let both = request(json!({"persons": [
        {"external_ref": "a"},
        {"external_ref": "b", "group_ids": ["group-1"], "groups_external_refs": ["group-external-ref-1"]}
    ]}));
    let err = index
        .upsert(&both, &context, &Options::default(), &mut ids())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BothGroupIdentifiersProvided);
    assert!(index.is_empty());

    let three = request(
        json!({"persons": [{"external_ref": "a"}, {"external_ref": "b"}, {"external_ref": "c"}]}),
    );
    let options = Options {
        max_persons: 2,
        ..Options::default()
    };
    let err = index
        .upsert(&three, &context, &options, &mut ids())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooManyPersons);
    assert_eq!(
        err.message(),
        "A request may contain at most 2 person records."
    );
    assert!(index.is_empty());
    let options = Options {
        max_persons: 3,
        ..Options::default()
    };
    assert!(index.upsert(&three, &context, &options, &mut ids()).is_ok());
}

#[test]
fn the_default_limit_is_a_thousand_records() {
    let context = seed_context();
    let index = PersonIndex::new();
    let records: Vec<_> = (0..1001)
        .map(|i| json!({"external_ref": format!("r{i}")}))
        .collect();
    let mut body = request(json!({ "persons": records }));
    assert_eq!(
        plan(&body, &context, &index, &Options::default())
            .unwrap_err()
            .kind(),
        ErrorKind::TooManyPersons
    );
    body.persons.pop();
    assert!(plan(&body, &context, &index, &Options::default()).is_ok());
}

#[test]
fn planning_changes_nothing_and_a_stale_plan_is_refused() {
    let mut index = index_of(vec![person(
        "p-1",
        fields(Some("id-1"), None, None, None, None),
        &["group-1"],
    )]);
    let context = seed_context();
    let body = request(
        json!({"persons": [{"external_ref": "id-1", "first_name": "X"}, {"external_ref": "id-2"}]}),
    );
    let before = stored(&index, "p-1");
    let planned = plan(&body, &context, &index, &Options::default()).unwrap();
    assert_eq!(planned.created_count(), 1);
    assert_eq!(stored(&index, "p-1"), before);
    assert_eq!(index.len(), 1);

    let other = plan(&body, &context, &index, &Options::default()).unwrap();
    let applied = index.apply(&planned, &mut ids()).unwrap();
    assert_eq!(
        applied.identifiers,
        [Some("p-1".to_owned()), Some("person-1".to_owned())]
    );
    assert_eq!(
        index.apply(&other, &mut ids()).unwrap_err(),
        IndexError::StalePlan
    );
    assert_eq!(index.len(), 2);
}

#[test]
fn new_identifiers_skip_those_in_use() {
    let mut index = index_of(vec![person(
        "person-1",
        fields(Some("x"), None, None, None, None),
        &["group-1"],
    )]);
    let body = json!({"persons": [{"external_ref": "a"}, {"external_ref": "b"}]});
    let response = upsert_seed(&mut index, body);
    let got: Vec<_> = response
        .persons
        .iter()
        .map(|r| r.identifier.clone().unwrap())
        .collect();
    assert_eq!(got, ["person-2", "person-3"]);
}

#[test]
fn a_batch_decides_as_one_request_per_record() {
    let body = json!({"persons": [
        {"email_address": "a@example.com", "first_name": "A"},
        {"phone_number": "01234 567890", "email_address": "a@example.com"},
        {"phone_number": "+44 1234 567890", "external_ref": "r-1"},
        {"external_ref": "r-1", "email_address": "b@example.com", "group_ids": ["group-2"]},
        {"email_address": "b@example.com", "first_name": "B", "group_ids": ["group-1"]},
        {"first_name": "nobody"}
    ]});
    let mut batched = PersonIndex::new();
    let together = upsert(
        &mut batched,
        &seed_context(),
        body.clone(),
        &Options::default(),
        &mut ids(),
    );

    let mut single = PersonIndex::new();
    let mut single_ids = ids();
    let one_by_one: Vec<_> = body["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            upsert(
                &mut single,
                &seed_context(),
                json!({"persons": [r]}),
                &Options::default(),
                &mut single_ids,
            )
            .persons
            .remove(0)
        })
        .collect();
    assert_eq!(together.persons, one_by_one);
    let all = |index: &PersonIndex| index.iter().map(|p| p.to_person()).collect::<Vec<_>>();
    assert_eq!(all(&batched), all(&single));
}

#[test]
fn into_response_moves_what_response_copies() {
    let body = request(json!({"persons": [
        {"external_ref": "a", "email_address": "A@example.com", "group_ids": ["group-1"]},
        {"first_name": "nobody", "groups_external_refs": ["group-external-ref-1"]},
        {"email_address": "a@example.com", "last_name": "Again"},
        {"email_address": "not an email", "phone_number": "12"},
        {"external_ref": "b", "group_ids": [" group-2 ", "group-9", "group-2"]},
        {"external_ref": "c", "group_ids": ["group-2", "group-1"]}
    ]}));
    let context = seed_context();
    let mut index = PersonIndex::new();
    let planned = plan(&body, &context, &index, &Options::default()).unwrap();
    let applied = index.apply(&planned, &mut ids()).unwrap();
    let copied = planned.response(&body, &applied);
    assert_eq!(planned.into_response(body, applied), copied);
    assert_eq!(copied.persons[0].identifier.as_deref(), Some("person-1"));
    assert_eq!(copied.persons[2].identifier.as_deref(), Some("person-1"));
    assert_eq!(copied.persons[1].identifier, None);
    let reason = &copied.persons[3].failure_reason;
    assert!(reason.starts_with("email_address is not valid"), "{reason}");
    assert!(reason.contains("; phone_number"), "{reason}");
    // The echo is the scope: trimmed, usable, each once; the record's own
    // list when that is what it sent.
    let groups = |i: usize| copied.persons[i].groups.clone();
    assert_eq!(groups(4), Some(vec!["group-2".to_owned()]));
    assert_eq!(
        groups(5),
        Some(vec!["group-2".to_owned(), "group-1".to_owned()])
    );
}
