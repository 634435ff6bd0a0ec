//! Planning and applying (SPEC §4.5, §4.6) as properties: a plan changes
//! nothing, applies once, and applying it loses nothing: every successful
//! record's valid fields end up on its person, absent fields and failed
//! records change nothing.

mod common;

use std::collections::BTreeSet;

use common::index_of;
use common::oracles::{Contents, Groups, contents, overwrite, scope_oracle};
use common::strategies::{
    DIRECTORY, EMAILS, EXTERNAL_REFS, GroupForms, INVALID_NAMES, NAMES, PHONES, access, config,
    hostile_record, options, realistic_record, realistic_request, stored_persons, wire_field,
};
use person_match::{
    Decision, IndexError, NormalizedRecord, Outcome, PersonFields, PersonIndex, PersonRecord,
    Request, SequentialIdentifiers, plan,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Everything observable about an index: contents, length, version.
fn snapshot(index: &PersonIndex) -> (Contents, usize, Option<u64>) {
    use person_match::PersonLookup;
    (contents(index), index.len(), index.version())
}

proptest! {
    #![proptest_config(config("proptest-regressions/prop_apply.txt"))]

    #[test]
    fn planning_never_changes_the_index(
        persons in stored_persons(6),
        access in access(),
        options in options(),
        request in prop_oneof![
            3 => realistic_request(GroupForms::Any, 8),
            1 => vec(hostile_record(), 0..3).prop_map(|persons| Request { persons }),
        ],
    ) {
        let index = index_of(persons);
        let before = snapshot(&index);
        let _ = plan(&request, &access.context(), &index, &options);
        let _ = plan(&request, &access.context(), &index, &options);
        prop_assert_eq!(snapshot(&index), before);
    }

    /// A plan applies once: applied again it is refused as stale, or, when
    /// the first application left the version alone (it created and
    /// updated nobody), it changes nothing again.
    #[test]
    fn a_plan_applies_once(
        persons in stored_persons(6),
        access in access(),
        options in options(),
        request in realistic_request(GroupForms::One, 8),
    ) {
        let mut index = index_of(persons);
        let planned = plan(&request, &access.context(), &index, &options).unwrap();
        let before = snapshot(&index);
        let mut ids = SequentialIdentifiers::new("person-");
        let applied = index.apply(&planned, &mut ids).unwrap();
        let after = snapshot(&index);
        let again = index.apply(&planned, &mut ids);
        if after.2 == before.2 {
            prop_assert_eq!(again, Ok(applied));
        } else {
            prop_assert_eq!(again, Err(IndexError::StalePlan));
        }
        prop_assert_eq!(snapshot(&index), after);
    }

    /// A record sent again creates nobody and changes nothing: it finds the
    /// person it created or updated, or fails again for the same reason.
    #[test]
    fn a_record_sent_twice_changes_nothing_the_second_time(
        persons in stored_persons(6),
        access in access(),
        options in options(),
        record in realistic_record(GroupForms::One),
    ) {
        let context = access.context();
        let request = Request { persons: vec![record] };
        let mut index = index_of(persons);
        let mut ids = SequentialIdentifiers::new("person-");
        let first = index.upsert(&request, &context, &options, &mut ids).unwrap();
        let after_first = contents(&index);
        let second = index.upsert(&request, &context, &options, &mut ids).unwrap();
        prop_assert_eq!(contents(&index), after_first);
        let (first, second) = (&first.persons[0], &second.persons[0]);
        prop_assert_ne!(second.outcome, Outcome::Created);
        prop_assert_eq!(&second.identifier, &first.identifier);
        prop_assert_eq!(second.failure_type, first.failure_type);
    }

    /// Nothing is lost: after a request, each person holds, field by field,
    /// the value of the last successful record that gave that field for it,
    /// else what it held before; it is in its old groups and every scope
    /// group of those records; persons no successful record names are
    /// untouched; nobody disappears.
    #[test]
    fn nothing_is_lost(
        persons in stored_persons(6),
        access in access(),
        options in options(),
        request in realistic_request(GroupForms::One, 8),
    ) {
        let context = access.context();
        let groups = Groups::new(&DIRECTORY, &access.accessible);
        let mut index = index_of(persons);
        let before = contents(&index);
        let mut ids = SequentialIdentifiers::new("person-");
        let response = index.upsert(&request, &context, &options, &mut ids).unwrap();
        let after = contents(&index);

        let mut expected = before.clone();
        let mut created = 0;
        for (record, result) in request.persons.iter().zip(&response.persons) {
            let Some(identifier) = result.identifier.as_ref().filter(|_| result.success) else {
                continue;
            };
            if result.outcome == Outcome::Created {
                created += 1;
                prop_assert!(!expected.contains_key(identifier), "{} created twice", identifier);
                expected.insert(identifier.clone(), (PersonFields::default(), BTreeSet::new()));
            }
            let normalized = NormalizedRecord::new(record, &options);
            prop_assert!(normalized.errors.is_empty(), "a record with invalid fields succeeded");
            let scope = scope_oracle(&groups, record);
            prop_assert!(scope.is_some(), "a record without scope succeeded");
            let entry = expected.get_mut(identifier);
            prop_assert!(entry.is_some(), "{} updated but unknown", identifier);
            let (fields, person_groups) = entry.unwrap();
            overwrite(fields, &normalized.fields);
            person_groups.extend(scope.into_iter().flatten());
        }
        prop_assert_eq!(after.len(), before.len() + created);
        prop_assert_eq!(after, expected);
    }

    /// Records that fail change nothing: a request of records that each
    /// fail on their own fails whole and leaves the index as it was.
    #[test]
    fn failed_records_change_nothing(
        persons in stored_persons(6),
        access in access(),
        options in options(),
        request in realistic_request(GroupForms::One, 8),
    ) {
        let context = access.context();
        let mut index = index_of(persons);
        let before = snapshot(&index);
        let fails_alone = |record: &PersonRecord| {
            let alone = Request { persons: vec![record.clone()] };
            let planned = plan(&alone, &context, &index, &options).unwrap();
            matches!(planned.records()[0].decision, Decision::Fail { .. })
        };
        let failing = Request {
            persons: request.persons.iter().filter(|r| fails_alone(r)).cloned().collect(),
        };
        let mut ids = SequentialIdentifiers::new("person-");
        let response = index.upsert(&failing, &context, &options, &mut ids).unwrap();
        prop_assert!(response.persons.iter().all(|r| !r.success));
        prop_assert_eq!(snapshot(&index), before);
    }

    /// A request sent again creates nobody and changes nothing, when its
    /// records each identify by one key of their own and share a scope.
    /// (Not in general: a later record may move a key an earlier record
    /// matched by; see the regression test below.)
    #[test]
    fn a_request_of_distinct_keys_sent_twice_changes_nothing_the_second_time(
        persons in stored_persons(6),
        access in access(),
        options in options(),
        request in one_key_each(),
    ) {
        let context = access.context();
        let mut index = index_of(persons);
        let mut ids = SequentialIdentifiers::new("person-");
        let first = index.upsert(&request, &context, &options, &mut ids).unwrap();
        let after_first = contents(&index);
        let second = index.upsert(&request, &context, &options, &mut ids).unwrap();
        prop_assert!(second.persons.iter().all(|r| r.outcome != Outcome::Created));
        prop_assert_eq!(contents(&index), after_first);
        for (a, b) in first.persons.iter().zip(&second.persons) {
            if a.success {
                prop_assert_eq!(&b.identifier, &a.identifier);
            }
        }
    }
}

/// Records that each carry at most one identity key (`external_ref`, email or
/// phone), no two the same, and names; none names groups.
fn one_key_each() -> impl Strategy<Value = Request> {
    let keys: Vec<PersonRecord> = EXTERNAL_REFS
        .iter()
        .map(|r| PersonRecord {
            external_ref: Some((*r).to_owned()),
            ..PersonRecord::default()
        })
        .chain(EMAILS.iter().map(|e| PersonRecord {
            email_address: Some((*e).to_owned()),
            ..PersonRecord::default()
        }))
        .chain(PHONES.iter().map(|p| PersonRecord {
            phone_number: Some(format!("0{p}")),
            ..PersonRecord::default()
        }))
        .collect();
    let name = || wire_field(select(&NAMES[..]).prop_map(str::to_owned), &INVALID_NAMES);
    (
        Just(keys).prop_shuffle(),
        vec((any::<bool>(), name(), name()), 0..=8),
    )
        .prop_map(|(keys, records)| Request {
            persons: records
                .into_iter()
                .zip(keys)
                .map(|((keyed, first_name, last_name), key)| PersonRecord {
                    first_name,
                    last_name,
                    ..if keyed { key } else { PersonRecord::default() }
                })
                .collect(),
        })
}

// ---------------------------------------------------------------------------
// Regression tests for what the properties above found

fn seed_like_context(accessible: &[&str]) -> person_match::Context {
    common::context(&[("group-1", None), ("group-2", None)], accessible)
}

/// Found by `a_record_sent_twice_changes_nothing_the_second_time`: a caller
/// who can access no group, sending a record that names no groups, gets an
/// empty scope; the record is created in *no* group, where no scope ever
/// sees it, so sending it again creates a duplicate, and so on forever.
///
/// Expected (SPEC §4.2, a careful reading): a record whose scope is empty
/// fails with `no_access_to_group` whether or not it named groups.
#[test]
fn a_caller_without_groups_creates_nobody() {
    let context = seed_like_context(&[]);
    let request = common::request(serde_json::json!({"persons": [{"external_ref": "id-1"}]}));
    let mut index = PersonIndex::new();
    let mut ids = SequentialIdentifiers::new("person-");
    let options = person_match::Options::default();
    let first = index
        .upsert(&request, &context, &options, &mut ids)
        .unwrap();
    let second = index
        .upsert(&request, &context, &options, &mut ids)
        .unwrap();
    assert_eq!(index.len(), 0, "persons in no group were created");
    for response in [first, second] {
        assert_eq!(
            response.persons[0].failure_type,
            Some(person_match::FailureType::NoAccessToGroup)
        );
    }
}

/// Found by `a_plan_applies_once`, which first expected every second
/// application to be stale: a plan that creates and updates nobody leaves
/// the version alone, so it applies again, harmlessly.
#[test]
fn a_plan_that_changes_nothing_applies_again_harmlessly() {
    let mut index = common::index_of(vec![common::person(
        "existing-0",
        common::fields(None, Some("family@example.com"), None, None, None),
        &["group-1"],
    )]);
    let context = seed_like_context(&["group-1"]);
    let request = Request { persons: vec![] };
    let options = person_match::Options::default();
    let planned = plan(&request, &context, &index, &options).unwrap();
    let before = snapshot(&index);
    let mut ids = SequentialIdentifiers::new("person-");
    assert!(index.apply(&planned, &mut ids).is_ok());
    assert!(index.apply(&planned, &mut ids).is_ok());
    assert_eq!(snapshot(&index), before);
}

/// Found by a general "a request sent twice changes nothing" property,
/// which SPEC §4.6 does not promise: records are decided in order, so a
/// later record may move a key that an earlier record matched by. Here the
/// third record finds the person by phone and changes its email; sent
/// again, the first record's email finds nobody and it creates a second
/// person, exactly as the records sent one per request would.
#[test]
fn a_request_whose_later_record_moves_a_key_creates_again_when_repeated() {
    let context = seed_like_context(&["group-1"]);
    let body = serde_json::json!({"persons": [
        {"email_address": "anna.b+news@example.org", "first_name": "Anne"},
        {"email_address": "anna.b+news@example.org", "phone_number": "01234567890"},
        {"email_address": "family@example.com", "phone_number": "01234567890"}
    ]});
    let request = common::request(body);
    let options = person_match::Options::default();
    let mut index = PersonIndex::new();
    let mut ids = SequentialIdentifiers::new("person-");
    let first = index
        .upsert(&request, &context, &options, &mut ids)
        .unwrap();
    let outcomes = |r: &person_match::Response| -> Vec<Outcome> {
        r.persons.iter().map(|p| p.outcome).collect()
    };
    assert_eq!(
        outcomes(&first),
        [Outcome::Created, Outcome::Updated, Outcome::Updated]
    );
    assert_eq!(
        common::stored(&index, "person-1")["email_address"],
        "family@example.com"
    );
    let second = index
        .upsert(&request, &context, &options, &mut ids)
        .unwrap();
    assert_eq!(
        outcomes(&second),
        [Outcome::Created, Outcome::Updated, Outcome::Updated]
    );
    assert_eq!(second.persons[0].identifier.as_deref(), Some("person-2"));
    assert_eq!(index.len(), 2);

    // The same as the records sent one per request.
    let mut single = PersonIndex::new();
    let mut single_ids = SequentialIdentifiers::new("person-");
    for _ in 0..2 {
        common::oracles::one_by_one(&mut single, &request, &context, &options, &mut single_ids);
    }
    assert_eq!(contents(&single), contents(&index));
}
