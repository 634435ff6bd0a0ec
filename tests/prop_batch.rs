//! Batches (SPEC §4.5, §4.6) as properties: a batch decides exactly as its
//! records sent one per request, and exactly as a naive model of the whole
//! API written from the spec.

mod common;

use common::index_of;
use common::oracles::{Groups, NaiveApi, answers, contents, model_contents, one_by_one};
use common::strategies::{
    Access, DIRECTORY, GroupForms, access, config, hostile_record, options, realistic_record,
    realistic_request, stored_persons,
};
use person_match::{
    FailureType, INSUFFICIENT_INFORMATION_MESSAGE, Options, Outcome, Person, Request, Response,
    SequentialIdentifiers,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// The answers' parts that the model does not decide: echoed fields,
/// `success`, `failure_reason`, one result per record.
fn check_echo(request: &Request, response: &Response) -> Result<(), TestCaseError> {
    prop_assert_eq!(response.persons.len(), request.persons.len());
    for (record, result) in request.persons.iter().zip(&response.persons) {
        prop_assert_eq!(&result.email_address, &record.email_address);
        prop_assert_eq!(&result.first_name, &record.first_name);
        prop_assert_eq!(&result.last_name, &record.last_name);
        prop_assert_eq!(&result.external_ref, &record.external_ref);
        prop_assert_eq!(&result.phone_number, &record.phone_number);
        prop_assert_eq!(result.success, result.outcome != Outcome::Failed);
        prop_assert_eq!(result.identifier.is_some(), result.success);
        prop_assert_eq!(result.failure_reason.is_empty(), result.success);
        prop_assert_eq!(result.failure_type.is_some(), !result.success);
        prop_assert_eq!(
            result.matched_by.is_some(),
            result.outcome == Outcome::Updated
        );
        if result.failure_type == Some(FailureType::InsufficientInformation) {
            prop_assert_eq!(&result.failure_reason, INSUFFICIENT_INFORMATION_MESSAGE);
        }
    }
    Ok(())
}

/// A store, who is asking, and requests in a row; some requests hold a
/// record naming both group forms, or hostile text in any field.
fn requests_in_a_row() -> impl Strategy<Value = (Vec<Person>, Access, Options, Vec<Request>)> {
    (
        stored_persons(6),
        access(),
        options(),
        prop_oneof![4 => Just(1000usize), 1 => 0usize..6],
        vec(
            prop_oneof![
                4 => realistic_request(GroupForms::One, 8),
                1 => realistic_request(GroupForms::Any, 4),
                1 => vec(
                    prop_oneof![6 => realistic_record(GroupForms::One), 1 => hostile_record()],
                    0..6,
                )
                .prop_map(|persons| Request { persons }),
            ],
            1..4,
        ),
    )
        .prop_map(|(persons, access, options, max_persons, requests)| {
            let options = Options {
                max_persons,
                ..options
            };
            (persons, access, options, requests)
        })
}

proptest! {
    #![proptest_config(config("proptest-regressions/prop_batch.txt"))]

    #[test]
    fn a_batch_decides_as_its_records_sent_one_per_request(
        persons in stored_persons(6),
        access in access(),
        options in options(),
        request in realistic_request(GroupForms::One, 8),
    ) {
        let context = access.context();
        let mut batched = index_of(persons.clone());
        let mut batched_ids = SequentialIdentifiers::new("person-");
        let batch = batched
            .upsert(&request, &context, &options, &mut batched_ids)
            .expect("no request-level error");
        let mut single = index_of(persons);
        let mut single_ids = SequentialIdentifiers::new("person-");
        let looped = one_by_one(&mut single, &request, &context, &options, &mut single_ids);
        prop_assert_eq!(&batch, &looped);
        prop_assert_eq!(contents(&batched), contents(&single));
    }

    /// The crate and the naive model of SPEC §4 agree on every answer,
    /// every request-level error and the store after each request.
    #[test]
    fn requests_decide_as_the_naive_model((persons, access, options, requests) in requests_in_a_row()) {
        let context = access.context();
        let mut index = index_of(persons.clone());
        let mut ids = SequentialIdentifiers::new("person-");
        let mut model = NaiveApi::new(&persons, Groups::new(&DIRECTORY, &access.accessible), options);
        for request in &requests {
            let before = contents(&index);
            let got = index.upsert(request, &context, &options, &mut ids);
            let expected = model.upsert(request);
            match (&got, &expected) {
                (Ok(response), Ok(expected)) => {
                    prop_assert_eq!(&answers(response), expected);
                    check_echo(request, response)?;
                }
                (Err(error), Err(kind)) => {
                    prop_assert_eq!(error.kind(), *kind);
                    prop_assert_eq!(&contents(&index), &before, "a request-level error changed the index");
                }
                _ => prop_assert!(false, "crate {:?}, model {:?}", got, expected),
            }
            prop_assert_eq!(contents(&index), model_contents(&model.persons));
        }
    }
}
