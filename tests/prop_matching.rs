//! Ranked matching (SPEC §4.3) against a linear scan written from the spec,
//! over small indexes whose persons share external refs, emails and phones.

mod common;

use common::index_of;
use common::oracles::{ModelPerson, rank_oracle};
use common::strategies::{EXTERNAL_REFS, config, query_fields, scope_groups, stored_persons};
use person_match::{
    Ambiguity, ExternalRef, GroupId, MatchOutcome, MatchedBy, Person, PersonFields, PersonHandle,
    PersonIndex, PersonLookup, Scope, rank,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Ranks within `scope` and names persons by identifier.
fn ranked(index: &PersonIndex, query: &PersonFields, scope: &[GroupId]) -> MatchOutcome<String> {
    let prepared = index.prepare_scope(&Scope::of(scope.to_vec()));
    let name = |h: PersonHandle| {
        index
            .view(h)
            .expect("a live person")
            .identifier()
            .to_owned()
    };
    match rank(index, query, &prepared) {
        MatchOutcome::ByExternalRef(h) => MatchOutcome::ByExternalRef(name(h)),
        MatchOutcome::ByEmailAddress(h) => MatchOutcome::ByEmailAddress(name(h)),
        MatchOutcome::ByEmailAndPhone(h) => MatchOutcome::ByEmailAndPhone(name(h)),
        MatchOutcome::ByPhoneNumber(h) => MatchOutcome::ByPhoneNumber(name(h)),
        MatchOutcome::Ambiguous(a) => {
            let mut candidates: Vec<String> = a.candidates.into_iter().map(name).collect();
            candidates.sort();
            MatchOutcome::Ambiguous(Ambiguity {
                by: a.by,
                candidates,
                with_phone: a.with_phone,
            })
        }
        MatchOutcome::IdentityConflict { person, by } => MatchOutcome::IdentityConflict {
            person: name(person),
            by,
        },
        MatchOutcome::NoMatch => MatchOutcome::NoMatch,
    }
}

/// Every person an outcome names.
fn named_persons(outcome: &MatchOutcome<String>) -> Vec<&str> {
    match outcome {
        MatchOutcome::ByExternalRef(p)
        | MatchOutcome::ByEmailAddress(p)
        | MatchOutcome::ByEmailAndPhone(p)
        | MatchOutcome::ByPhoneNumber(p)
        | MatchOutcome::IdentityConflict { person: p, .. } => vec![p.as_str()],
        MatchOutcome::Ambiguous(a) => a.candidates.iter().map(String::as_str).collect(),
        MatchOutcome::NoMatch => Vec::new(),
    }
}

fn models(persons: &[Person]) -> Vec<ModelPerson> {
    persons.iter().map(ModelPerson::of).collect()
}

proptest! {
    #![proptest_config(config("proptest-regressions/prop_matching.txt"))]

    #[test]
    fn ranked_matching_equals_the_linear_scan(
        persons in stored_persons(10),
        query in query_fields(),
        scope in scope_groups(),
    ) {
        let index = index_of(persons.clone());
        prop_assert_eq!(
            ranked(&index, &query, &scope),
            rank_oracle(&models(&persons), &query, &scope)
        );
    }

    /// The index's insertion order, handle reuse and hash seed change nothing.
    #[test]
    fn ranking_does_not_depend_on_how_the_index_was_built(
        persons in stored_persons(10),
        removed in stored_persons(4),
        query in query_fields(),
        scope in scope_groups(),
        seed in any::<u64>(),
    ) {
        let plain = index_of(persons.clone());
        let mut other = PersonIndex::with_hash_seed(seed);
        // Insert some persons that are removed again, so handles are reused.
        for mut p in removed.clone() {
            p.identifier = format!("removed-{}", p.identifier);
            other.insert(p).unwrap();
        }
        for p in persons.iter().rev() {
            other.insert(p.clone()).unwrap();
        }
        for p in &removed {
            let identifier = format!("removed-{}", p.identifier);
            prop_assert!(other.remove(&identifier).is_some());
        }
        prop_assert_eq!(ranked(&other, &query, &scope), ranked(&plain, &query, &scope));
    }

    #[test]
    fn matching_never_names_a_person_outside_the_scope(
        persons in stored_persons(10),
        query in query_fields(),
        scope in scope_groups(),
    ) {
        let index = index_of(persons);
        let outcome = ranked(&index, &query, &scope);
        for identifier in named_persons(&outcome) {
            let person = index.get(identifier).unwrap();
            prop_assert!(
                person.groups().any(|g| scope.contains(g)),
                "{} is outside {:?}", identifier, scope
            );
        }
    }

    /// When someone in scope holds the record's external_ref, the email and
    /// phone change nothing: the outcome is the ref's alone.
    #[test]
    fn an_external_ref_match_outranks_email_and_phone(
        persons in stored_persons(10),
        query in query_fields(),
        external_ref in select(&EXTERNAL_REFS[..]),
        scope in scope_groups(),
    ) {
        let index = index_of(persons.clone());
        let mut query = query;
        query.external_ref = Some(ExternalRef::parse(external_ref).unwrap());
        let held = persons.iter().any(|p| {
            p.fields.external_ref == query.external_ref && p.groups.iter().any(|g| scope.contains(g))
        });
        let outcome = ranked(&index, &query, &scope);
        let ref_only = PersonFields {
            external_ref: query.external_ref.clone(),
            ..PersonFields::default()
        };
        if held {
            let by_ref = matches!(
                &outcome,
                MatchOutcome::ByExternalRef(_)
                    | MatchOutcome::Ambiguous(Ambiguity { by: MatchedBy::ExternalRef, .. })
            );
            prop_assert!(by_ref, "{:?}", outcome);
            prop_assert_eq!(&outcome, &ranked(&index, &ref_only, &scope));
        } else {
            prop_assert_eq!(ranked(&index, &ref_only, &scope), MatchOutcome::NoMatch);
        }
    }
}
