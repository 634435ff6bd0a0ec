//! The index (SPEC §5) against a model over a plain `HashMap`: random
//! sequences of insert, update, `add_groups` and remove, with lookups by each
//! key within random scopes after every step.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::oracles::{IndexModel, KeyKind, contents};
use common::strategies::{
    EMAILS, EXTERNAL_REFS, PHONES, config, scope_groups, stored_fields, stored_groups,
};
use person_match::{
    EmailAddress, ExternalRef, GroupId, IndexError, Person, PersonFields, PersonHandle,
    PersonIndex, PersonLookup, PhoneNumber, Region, Scope,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Identifiers the operations use: a few persons, one differing only by a
/// trailing space (identifiers are exact), and blank ones (refused).
const IDENTIFIERS: [&str; 7] = ["p0", "p1", "p2", "p3", "p0 ", " ", ""];

#[derive(Debug, Clone)]
enum Op {
    Insert(Person),
    Update(&'static str, PersonFields),
    AddGroups(&'static str, Vec<GroupId>),
    Remove(&'static str),
    Lookup(Vec<GroupId>),
}

fn op() -> impl Strategy<Value = Op> {
    let identifier = || select(&IDENTIFIERS[..]);
    prop_oneof![
        4 => (identifier(), stored_fields(), stored_groups()).prop_map(|(id, fields, groups)| {
            Op::Insert(Person { identifier: id.to_owned(), fields, groups })
        }),
        4 => (identifier(), stored_fields()).prop_map(|(id, changes)| Op::Update(id, changes)),
        2 => (identifier(), stored_groups()).prop_map(|(id, groups)| Op::AddGroups(id, groups)),
        2 => identifier().prop_map(Op::Remove),
        2 => scope_groups().prop_map(Op::Lookup),
    ]
}

/// One probe per key value of the pools: fields holding just that key.
fn probes() -> Vec<(KeyKind, PersonFields)> {
    let refs = EXTERNAL_REFS.iter().map(|r| {
        (
            KeyKind::ExternalRef,
            PersonFields {
                external_ref: Some(ExternalRef::parse(r).unwrap()),
                ..PersonFields::default()
            },
        )
    });
    let emails = EMAILS.iter().map(|e| {
        (
            KeyKind::Email,
            PersonFields {
                email_address: Some(EmailAddress::parse(&e.to_uppercase()).unwrap()),
                ..PersonFields::default()
            },
        )
    });
    let phones = PHONES.iter().map(|p| {
        (
            KeyKind::Phone,
            PersonFields {
                phone_number: Some(PhoneNumber::parse(&format!("0{p}"), Region::GB).unwrap()),
                ..PersonFields::default()
            },
        )
    });
    refs.chain(emails).chain(phones).collect()
}

/// The identifiers `index` finds for a probe within a scope, sorted; each
/// candidate's keys are checked against the stored person.
fn find(
    index: &PersonIndex,
    kind: KeyKind,
    probe: &PersonFields,
    scope: &[GroupId],
) -> Result<Vec<String>, TestCaseError> {
    let prepared = index.prepare_scope(&Scope::of(scope.to_vec()));
    let mut found = Vec::new();
    let mut mismatched = Vec::new();
    let mut visit = |c: person_match::Candidate<'_, PersonHandle>| {
        let person = index.view(c.id).expect("a candidate is a live person");
        let stored = person.fields();
        if c.external_ref() != stored.external_ref.as_ref().map(ExternalRef::as_str)
            || c.email_key() != stored.email_address.as_ref().map(EmailAddress::key)
            || c.phone_key() != stored.phone_number.as_ref().map(PhoneNumber::as_str)
            || c.keys() != [c.external_ref(), c.email_key(), c.phone_key()]
        {
            mismatched.push(person.identifier().to_owned());
        }
        found.push(person.identifier().to_owned());
    };
    match kind {
        KeyKind::ExternalRef => {
            index.visit_by_external_ref(
                probe.external_ref.as_ref().unwrap(),
                &prepared,
                &mut visit,
            );
        }
        KeyKind::Email => {
            index.visit_by_email(probe.email_address.as_ref().unwrap(), &prepared, &mut visit);
        }
        KeyKind::Phone => {
            index.visit_by_phone(probe.phone_number.as_ref().unwrap(), &prepared, &mut visit);
        }
    }
    prop_assert!(
        mismatched.is_empty(),
        "candidates with other keys: {:?}",
        mismatched
    );
    found.sort();
    let unique = found.len();
    found.dedup();
    prop_assert_eq!(found.len(), unique, "a person visited twice");
    Ok(found)
}

/// Contents, length, every identifier's person and handle, scope
/// membership and candidates agree with the model.
fn agree(index: &PersonIndex, model: &IndexModel) -> Result<(), TestCaseError> {
    prop_assert_eq!(index.len(), model.len());
    prop_assert_eq!(index.is_empty(), model.len() == 0);
    prop_assert_eq!(contents(index), model.contents());
    prop_assert_eq!(index.iter().count(), model.len());
    for identifier in IDENTIFIERS {
        let handle = index.handle(identifier);
        prop_assert_eq!(
            handle.is_some(),
            model.get(identifier).is_some(),
            "{:?}",
            identifier
        );
        if let Some(handle) = handle {
            let view = index.view(handle).unwrap();
            prop_assert_eq!(view.identifier(), identifier);
            prop_assert_eq!(index.get(identifier).map(|v| v.handle()), Some(handle));
            let candidate = index.candidate(handle).unwrap();
            prop_assert_eq!(candidate.id, handle);
            let stored = view.fields();
            prop_assert_eq!(
                candidate.external_ref(),
                stored.external_ref.as_ref().map(ExternalRef::as_str)
            );
            prop_assert_eq!(
                candidate.email_key(),
                stored.email_address.as_ref().map(EmailAddress::key)
            );
            prop_assert_eq!(
                candidate.phone_key(),
                stored.phone_number.as_ref().map(PhoneNumber::as_str)
            );
        }
    }
    Ok(())
}

/// Lookups by every key of the pools, and scope membership, within `scope`.
fn lookups_agree(
    index: &PersonIndex,
    model: &IndexModel,
    scope: &[GroupId],
) -> Result<(), TestCaseError> {
    for (kind, probe) in probes() {
        prop_assert_eq!(
            find(index, kind, &probe, scope)?,
            model.lookup(kind, &probe, scope),
            "{:?} {:?} in {:?}",
            kind,
            probe,
            scope
        );
    }
    let prepared = index.prepare_scope(&Scope::of(scope.to_vec()));
    for person in index.iter() {
        let expected = model.get(person.identifier()).unwrap().in_scope(scope);
        prop_assert_eq!(index.in_scope(person.handle(), &prepared), expected);
    }
    Ok(())
}

/// A stale handle (of a removed person whose slot is still free).
fn free_handle(
    index: &PersonIndex,
    stale: &HashMap<&str, PersonHandle>,
    identifier: &str,
) -> Option<PersonHandle> {
    stale
        .get(identifier)
        .copied()
        .filter(|&h| index.view(h).is_none())
}

/// Applies one operation to the index and the model; whether it changed
/// the store.
fn step(
    index: &mut PersonIndex,
    model: &mut IndexModel,
    stale: &mut HashMap<&'static str, PersonHandle>,
    op: &Op,
) -> Result<bool, TestCaseError> {
    Ok(match op {
        Op::Insert(person) => {
            let got = index.insert(person.clone());
            let expected = model.insert(person);
            prop_assert_eq!(got.as_ref().err(), expected.as_ref().err(), "{:?}", op);
            if let Ok(handle) = got {
                let identifier = index.view(handle).map(|v| v.identifier());
                prop_assert_eq!(identifier, Some(person.identifier.as_str()));
            }
            expected.is_ok()
        }
        Op::Update(identifier, changes) => {
            if let Some(handle) = index.handle(identifier) {
                let before = model.clone();
                prop_assert_eq!(index.update(handle, changes), Ok(()));
                prop_assert!(model.update(identifier, changes));
                *model != before
            } else {
                prop_assert!(!model.update(identifier, changes));
                if let Some(h) = free_handle(index, stale, identifier) {
                    prop_assert_eq!(index.update(h, changes), Err(IndexError::UnknownPerson));
                }
                false
            }
        }
        Op::AddGroups(identifier, groups) => {
            if let Some(handle) = index.handle(identifier) {
                let before = model.clone();
                prop_assert_eq!(index.add_groups(handle, groups), Ok(()));
                prop_assert!(model.add_groups(identifier, groups));
                *model != before
            } else {
                prop_assert!(!model.add_groups(identifier, groups));
                if let Some(h) = free_handle(index, stale, identifier) {
                    prop_assert_eq!(index.add_groups(h, groups), Err(IndexError::UnknownPerson));
                }
                false
            }
        }
        Op::Remove(identifier) => {
            let handle = index.handle(identifier);
            let got = index.remove(identifier);
            let expected = model.remove(identifier);
            prop_assert_eq!(got.is_some(), expected.is_some());
            if let (Some(got), Some(expected), Some(handle)) = (got, expected, handle) {
                prop_assert_eq!(&got.identifier, &expected.identifier);
                prop_assert_eq!(&got.fields, &expected.fields);
                prop_assert_eq!(
                    got.groups.into_iter().collect::<BTreeSet<_>>(),
                    expected.groups
                );
                stale.insert(identifier, handle);
                true
            } else {
                false
            }
        }
        Op::Lookup(scope) => {
            lookups_agree(index, model, scope)?;
            false
        }
    })
}

/// Runs `ops` on `index`, checking it against the model after each.
fn run(index: &mut PersonIndex, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut model = IndexModel::default();
    // Handles of removed persons, to check that a stale handle is refused.
    let mut stale = HashMap::new();
    for op in ops {
        let version = index.version();
        let changed = step(index, &mut model, &mut stale, op)?;
        // The version moves on every change, and only then.
        if changed {
            prop_assert!(
                index.version() > version,
                "{:?} left the version at {:?}",
                op,
                version
            );
        } else {
            prop_assert_eq!(index.version(), version, "{:?} changed the version", op);
        }
        agree(index, &model)?;
    }
    for scope in [
        &["g1"][..],
        &["g2", "g3"],
        &["g1", "g2", "g3", "g4", "g5"],
        &[],
    ] {
        lookups_agree(index, &model, &GroupId::parse_list(scope))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config("proptest-regressions/prop_index.txt"))]

    #[test]
    fn the_index_agrees_with_a_hashmap_model(ops in vec(op(), 1..40)) {
        run(&mut PersonIndex::new(), &ops)?;
    }

    /// Results never depend on the hash seed.
    #[test]
    fn the_index_agrees_with_the_model_under_any_hash_seed(ops in vec(op(), 1..40), seed in any::<u64>()) {
        run(&mut PersonIndex::with_hash_seed(seed), &ops)?;
    }
}
