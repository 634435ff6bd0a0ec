//! The in-memory index: insert, update, remove, shared keys, groups.

mod common;

use common::{fields, index_of, person};
use person_match::{
    GroupId, IndexError, IndexScope, PersonFields, PersonHandle, PersonIndex, PersonLookup, Scope,
};

/// Identifiers, sorted, of the persons a lookup visits within `groups`.
fn visited(
    index: &PersonIndex,
    groups: &[&str],
    lookup: impl FnOnce(&IndexScope, &mut dyn FnMut(PersonHandle)),
) -> Vec<String> {
    let scope = index.prepare_scope(&Scope::of(GroupId::parse_list(groups)));
    let mut found = Vec::new();
    lookup(&scope, &mut |h| {
        found.push(index.view(h).unwrap().identifier().to_owned());
    });
    found.sort();
    found
}

fn by_email(index: &PersonIndex, email: &str, groups: &[&str]) -> Vec<String> {
    let key = person_match::EmailAddress::parse(email).unwrap();
    visited(index, groups, |scope, found| {
        index.visit_by_email(&key, scope, |c| found(c.id));
    })
}

fn by_phone(index: &PersonIndex, phone: &str) -> Vec<String> {
    let key = person_match::PhoneNumber::parse(phone, person_match::Region::GB).unwrap();
    visited(index, &["g1", "g2"], |scope, found| {
        index.visit_by_phone(&key, scope, |c| found(c.id));
    })
}

/// A plan for `body` against `index`, for a caller who can access group
/// `g1` only.
fn plan_in_g1(index: &PersonIndex, body: serde_json::Value) -> person_match::Plan<PersonHandle> {
    let request = common::request(body);
    let context = common::context(&[("g1", None)], &["g1"]);
    person_match::plan(&request, &context, index, &person_match::Options::default()).unwrap()
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<PersonIndex>();
    check::<person_match::Request>();
    check::<person_match::Response>();
    check::<person_match::Plan<PersonHandle>>();
    check::<person_match::Context>();
    check::<person_match::RequestError>();
}

#[test]
fn shared_keys_find_every_holder_until_removed() {
    let mut index = index_of(vec![
        person(
            "a",
            fields(
                None,
                Some("fam@example.com"),
                Some("+44 1234 567890"),
                None,
                None,
            ),
            &["g1"],
        ),
        person(
            "b",
            fields(
                None,
                Some("fam@example.com"),
                Some("+44 1234 567890"),
                None,
                None,
            ),
            &["g1"],
        ),
        person(
            "c",
            fields(None, Some("fam@example.com"), None, None, None),
            &["g2"],
        ),
    ]);
    assert_eq!(
        by_email(&index, "FAM@example.com", &["g1", "g2"]),
        ["a", "b", "c"]
    );
    assert_eq!(by_email(&index, "fam@example.com", &["g2"]), ["c"]);
    // Remove from the middle, the head and the tail of the chain.
    assert_eq!(index.remove("b").unwrap().identifier, "b");
    assert_eq!(
        by_email(&index, "fam@example.com", &["g1", "g2"]),
        ["a", "c"]
    );
    assert_eq!(by_phone(&index, "01234 567890"), ["a"]);
    index.remove("c");
    index.remove("a");
    assert!(by_email(&index, "fam@example.com", &["g1", "g2"]).is_empty());
    assert!(index.is_empty());
    assert_eq!(index.remove("a"), None);
}

#[test]
fn update_reindexes_changed_keys_and_keeps_absent_ones() {
    let mut index = index_of(vec![
        person(
            "a",
            fields(
                Some("r"),
                Some("a@example.com"),
                Some("+44 1234 567890"),
                Some("A"),
                None,
            ),
            &["g1"],
        ),
        person(
            "b",
            fields(None, Some("a@example.com"), None, None, None),
            &["g1"],
        ),
    ]);
    let a = index.handle("a").unwrap();
    index
        .update(
            a,
            &fields(None, Some("new@example.com"), None, None, Some("Last")),
        )
        .unwrap();
    assert_eq!(by_email(&index, "a@example.com", &["g1"]), ["b"]);
    assert_eq!(by_email(&index, "new@example.com", &["g1"]), ["a"]);
    assert_eq!(by_phone(&index, "01234 567890"), ["a"]);
    let f = index.get("a").unwrap().fields().clone();
    assert_eq!(f.external_ref.unwrap().as_str(), "r");
    assert_eq!(f.first_name.unwrap().as_str(), "A");
    assert_eq!(f.last_name.unwrap().as_str(), "Last");
}

#[test]
fn add_groups_never_removes_and_widens_scope() {
    let mut index = index_of(vec![person(
        "a",
        fields(None, Some("a@example.com"), None, None, None),
        &["g1"],
    )]);
    assert!(by_email(&index, "a@example.com", &["g2"]).is_empty());
    let a = index.handle("a").unwrap();
    index
        .add_groups(a, &GroupId::parse_list(&["g2", "g1"]))
        .unwrap();
    assert_eq!(by_email(&index, "a@example.com", &["g2"]), ["a"]);
    let groups: Vec<_> = index
        .get("a")
        .unwrap()
        .groups()
        .map(GroupId::as_str)
        .collect();
    assert_eq!(groups, ["g1", "g2"]);
}

#[test]
fn identifiers_are_unique_and_non_empty() {
    let mut index = index_of(vec![person("a", PersonFields::default(), &[])]);
    assert_eq!(
        index.insert(person("a", PersonFields::default(), &[])),
        Err(IndexError::DuplicateIdentifier)
    );
    assert_eq!(
        index.insert(person(" ", PersonFields::default(), &[])),
        Err(IndexError::EmptyIdentifier)
    );
    assert_eq!(index.len(), 1);
}

#[test]
fn handles_are_reused_after_removal_and_stale_ones_refused() {
    let mut index = index_of(vec![person("a", PersonFields::default(), &[])]);
    let a = index.handle("a").unwrap();
    index.remove("a");
    assert_eq!(
        index.update(a, &PersonFields::default()),
        Err(IndexError::UnknownPerson)
    );
    assert_eq!(index.add_groups(a, &[]), Err(IndexError::UnknownPerson));
    let b = index
        .insert(person("b", PersonFields::default(), &[]))
        .unwrap();
    assert_eq!(a, b);
    assert_eq!(index.get("b").unwrap().handle(), b);
    assert!(index.get("a").is_none());
}

#[test]
fn iteration_is_in_handle_order_and_debug_hides_personal_data() {
    let index = index_of(vec![
        person(
            "x",
            fields(None, Some("secret@example.com"), None, None, None),
            &["g1"],
        ),
        person("y", PersonFields::default(), &["g1"]),
    ]);
    let order: Vec<_> = index.iter().map(|p| p.identifier()).collect();
    assert_eq!(order, ["x", "y"]);
    let debug = format!("{index:?} {:?}", index.get("x").unwrap());
    assert!(!debug.contains("secret"), "{debug}");
    assert_eq!(
        index
            .get("x")
            .unwrap()
            .to_person()
            .fields
            .email_address
            .unwrap()
            .as_str(),
        "secret@example.com"
    );
}

#[test]
fn the_version_changes_on_every_change_and_only_then() {
    let mut index = PersonIndex::new();
    let v0 = index.version();
    let h = index
        .insert(person("a", PersonFields::default(), &["g1"]))
        .unwrap();
    let v1 = index.version();
    let changes = fields(None, Some("a@example.com"), None, None, None);
    index.update(h, &changes).unwrap();
    let v2 = index.version();
    index.update(h, &changes).unwrap();
    index.update(h, &PersonFields::default()).unwrap();
    index.add_groups(h, &GroupId::parse_list(&["g1"])).unwrap();
    assert_eq!(index.version(), v2, "updates that change nothing");
    index.add_groups(h, &GroupId::parse_list(&["g2"])).unwrap();
    let v3 = index.version();
    index.remove("a");
    let v4 = index.version();
    assert!(v0 < v1 && v1 < v2 && v2 < v3 && v3 < v4);
}

#[test]
fn persons_in_many_groups_keep_them_all() {
    let mut index = index_of(vec![person(
        "a",
        fields(None, Some("a@example.com"), None, None, None),
        &["g3", "g1"],
    )]);
    let a = index.handle("a").unwrap();
    index
        .add_groups(a, &GroupId::parse_list(&["g4", "g2", "g1"]))
        .unwrap();
    let groups: Vec<_> = index
        .get("a")
        .unwrap()
        .groups()
        .map(GroupId::as_str)
        .collect();
    assert_eq!(groups, ["g3", "g1", "g4", "g2"]);
    for g in ["g1", "g2", "g3", "g4"] {
        assert_eq!(by_email(&index, "a@example.com", &[g]), ["a"], "{g}");
    }
    assert!(by_email(&index, "a@example.com", &["g5"]).is_empty());
    let removed = index.remove("a").unwrap();
    assert_eq!(removed.groups.len(), 4);
    // The handle's next owner starts with none of them.
    index
        .insert(person(
            "b",
            fields(None, Some("a@example.com"), None, None, None),
            &[],
        ))
        .unwrap();
    assert!(by_email(&index, "a@example.com", &["g1", "g2", "g3", "g4"]).is_empty());
}

#[test]
fn stored_fields_read_back_as_given() {
    let given = fields(
        Some("R-1"),
        Some("Anna@Example.com"),
        Some("+44 1234 567890"),
        Some("Anna"),
        Some("Smith"),
    );
    let index = index_of(vec![person("a", given.clone(), &["g1"])]);
    let view = index.get("a").unwrap();
    assert_eq!(view.fields(), given);
    assert_eq!(view.external_ref(), Some("R-1"));
    assert_eq!(
        view.email_address(),
        given
            .email_address
            .as_ref()
            .map(person_match::EmailAddress::as_str)
    );
    assert_eq!(
        view.email_key(),
        given
            .email_address
            .as_ref()
            .map(person_match::EmailAddress::key)
    );
    assert_eq!(view.phone_number(), Some("+441234567890"));
    assert_eq!(
        (view.first_name(), view.last_name()),
        (Some("Anna"), Some("Smith"))
    );
}

#[test]
fn an_identifier_too_long_to_store_is_refused() {
    let mut index = PersonIndex::new();
    let long = "x".repeat(1025);
    assert_eq!(
        index.insert(person(&long, PersonFields::default(), &[])),
        Err(IndexError::TooLong)
    );
    assert_eq!(
        IndexError::TooLong.to_string(),
        "person identifier is longer than 1024 bytes"
    );
    assert!(index.is_empty());
    assert!(
        index
            .insert(person(&long[1..], PersonFields::default(), &[]))
            .is_ok()
    );
}

#[test]
fn an_allocator_giving_only_unusable_identifiers_applies_nothing() {
    struct Long;
    impl person_match::IdentifierAllocator for Long {
        fn next_identifier(&mut self) -> String {
            "x".repeat(2000)
        }
    }
    let mut index = PersonIndex::new();
    let planned = plan_in_g1(
        &index,
        serde_json::json!({"persons": [{"external_ref": "a"}]}),
    );
    assert_eq!(
        index.apply(&planned, &mut Long),
        Err(IndexError::DuplicateIdentifier)
    );
    assert!(index.is_empty());
}

#[test]
fn scopes_reach_every_group_however_many() {
    let groups: Vec<String> = (0..150).map(|g| format!("g{g}")).collect();
    let mut index = PersonIndex::new();
    for (i, g) in groups.iter().enumerate() {
        let email = format!("p{i}@example.com");
        index
            .insert(person(
                &format!("p{i}"),
                fields(None, Some(&email), None, None, None),
                &[g],
            ))
            .unwrap();
    }
    for i in [0, 63, 64, 127, 128, 149] {
        let email = format!("p{i}@example.com");
        let own = format!("g{i}");
        let other = format!("g{}", (i + 1) % 150);
        assert_eq!(by_email(&index, &email, &[&own]), [format!("p{i}")], "{i}");
        assert!(by_email(&index, &email, &[&other]).is_empty(), "{i}");
    }
}

#[test]
fn persons_stay_found_through_many_rewrites() {
    // Identifiers of 1000 bytes make each person's stored block about a
    // kilobyte; 3,000 updates leave megabytes of superseded blocks for the
    // index to reclaim while keys move between chains.
    let id = |i: usize| format!("{i:0>1000}");
    let persons = (0..30)
        .map(|i| {
            let phone = format!("+44 1234 5678{:02}", i / 2); // pairs share a phone
            person(
                &id(i),
                fields(
                    Some(&format!("ref-{i}")),
                    Some(&format!("p{i}@example.com")),
                    Some(&phone),
                    None,
                    None,
                ),
                &["g1"],
            )
        })
        .collect();
    let mut index = index_of(persons);
    for round in 0..100 {
        for i in 0..30 {
            let handle = index.handle(&id(i)).unwrap();
            let changes = fields(
                None,
                Some(&format!("p{i}.{}@example.com", round % 3)),
                None,
                Some(&format!("Round{round}")),
                None,
            );
            index.update(handle, &changes).unwrap();
        }
    }
    for i in 0..30 {
        let view = index.get(&id(i)).unwrap();
        assert_eq!(view.external_ref(), Some(format!("ref-{i}").as_str()));
        assert_eq!(view.first_name(), Some("Round99"));
        let email = format!("p{i}.0@example.com");
        assert_eq!(by_email(&index, &email, &["g1"]), vec![id(i)]);
        let old_email = format!("p{i}@example.com");
        assert!(by_email(&index, &old_email, &["g1"]).is_empty());
        let phone = format!("+44 1234 5678{:02}", i / 2);
        let mut pair = vec![id(i / 2 * 2), id(i / 2 * 2 + 1)];
        pair.sort();
        assert_eq!(by_phone(&index, &phone), pair);
        let by_ref = person_match::ExternalRef::parse(&format!("ref-{i}")).unwrap();
        let found = visited(&index, &["g1"], |scope, found| {
            index.visit_by_external_ref(&by_ref, scope, |c| found(c.id));
        });
        assert_eq!(found, vec![id(i)]);
    }
}

#[test]
fn an_allocator_repeating_an_identifier_within_a_plan_is_asked_again() {
    struct Repeating(std::vec::IntoIter<&'static str>);
    impl person_match::IdentifierAllocator for Repeating {
        fn next_identifier(&mut self) -> String {
            self.0.next().unwrap_or("spare").to_owned()
        }
    }
    let mut index = PersonIndex::new();
    let planned = plan_in_g1(
        &index,
        serde_json::json!({"persons": [{"external_ref": "a"}, {"external_ref": "b"}]}),
    );
    let mut allocator = Repeating(vec!["p-1", "p-1", "p-2"].into_iter());
    let applied = index.apply(&planned, &mut allocator).unwrap();
    assert_eq!(
        applied.identifiers,
        vec![Some("p-1".to_owned()), Some("p-2".to_owned())]
    );
    assert_eq!(index.get("p-2").unwrap().external_ref(), Some("b"));
}

#[test]
fn persons_never_updated_stay_found_when_their_space_is_reclaimed() {
    // 1,200 persons of about a kilobyte each fill three chunks; updating
    // every other one, round after round, leaves those chunks half dead,
    // so reclaiming them moves the persons that never changed.
    let id = |i: usize| format!("{i:0>1000}");
    let keys = |i: usize| {
        (
            format!("ref-{i}"),
            format!("p{i}@example.com"),
            format!("+44 1234 5{i:05}"),
        )
    };
    let persons = (0..1200)
        .map(|i| {
            let (r, e, p) = keys(i);
            person(
                &id(i),
                fields(Some(&r), Some(&e), Some(&p), None, None),
                &["g1"],
            )
        })
        .collect();
    let mut index = index_of(persons);
    for round in 0..6 {
        for i in (0..1200).step_by(2) {
            let handle = index.handle(&id(i)).unwrap();
            let name = format!("Round{round}");
            let changes = fields(None, None, None, Some(&name), None);
            index.update(handle, &changes).unwrap();
        }
    }
    for i in 0..1200 {
        let (r, e, p) = keys(i);
        assert_eq!(by_email(&index, &e, &["g1"]), vec![id(i)], "person {i}");
        assert_eq!(by_phone(&index, &p), vec![id(i)], "person {i}");
        let by_ref = person_match::ExternalRef::parse(&r).unwrap();
        let found = visited(&index, &["g1"], |scope, found| {
            index.visit_by_external_ref(&by_ref, scope, |c| found(c.id));
        });
        assert_eq!(found, vec![id(i)], "person {i}");
        let expected_name = (i % 2 == 0).then_some("Round5");
        assert_eq!(index.get(&id(i)).unwrap().first_name(), expected_name);
    }
}
