//! The API's own example, through the library (SPEC §7.1's default scenario).

mod common;

use common::{request, seed_context};
use person_match::{
    FailureType, INSUFFICIENT_INFORMATION_MESSAGE, NormalizedRecord, Options, Outcome, PersonIndex,
    SequentialIdentifiers, Sufficiency,
};
use serde_json::json;

fn seed_request() -> serde_json::Value {
    json!({"persons": [
        {"email_address": "test1@example.com", "first_name": "Test", "last_name": "Person 1",
         "external_ref": "id-1", "phone_number": "01234567890", "group_ids": "['group-1', 'group-2']"},
        {"email_address": "test2@example.com", "first_name": "Test", "last_name": "Person 2",
         "external_ref": "id-2", "phone_number": "01234567891", "group_ids": "['group-1']"},
        {"first_name": "Test insuficient info", "groups_external_refs": "['group-external-ref-1']"}
    ]})
}

#[test]
fn the_seed_records_normalize_and_judge_as_the_seed_says() {
    let body = request(seed_request());
    let options = Options::default();
    let judged: Vec<_> = body
        .persons
        .iter()
        .map(|r| {
            let n = NormalizedRecord::new(r, &options);
            assert!(n.errors.is_empty());
            Sufficiency::of(&n.fields)
        })
        .collect();
    assert_eq!(
        judged,
        [
            Sufficiency::ExternalRef,
            Sufficiency::ExternalRef,
            Sufficiency::Insufficient
        ]
    );
    let first = NormalizedRecord::new(&body.persons[0], &options);
    assert_eq!(first.fields.phone_number.unwrap().as_str(), "+441234567890");
}

#[test]
fn the_seed_request_answers_as_the_seed_does() {
    let mut index = PersonIndex::new();
    let mut ids = SequentialIdentifiers::new("internal-id-");
    let response = index
        .upsert(
            &request(seed_request()),
            &seed_context(),
            &Options::default(),
            &mut ids,
        )
        .unwrap();
    let json = serde_json::to_value(&response).unwrap();
    assert_eq!(
        json,
        json!({"persons": [
            {"identifier": "internal-id-1", "email_address": "test1@example.com", "first_name": "Test",
             "last_name": "Person 1", "external_ref": "id-1", "phone_number": "01234567890",
             "groups": ["group-1", "group-2"], "success": true, "failure_reason": "", "outcome": "created"},
            {"identifier": "internal-id-2", "email_address": "test2@example.com", "first_name": "Test",
             "last_name": "Person 2", "external_ref": "id-2", "phone_number": "01234567891",
             "groups": ["group-1"], "success": true, "failure_reason": "", "outcome": "created"},
            {"first_name": "Test insuficient info", "groups": ["group-1"], "success": false,
             "failure_reason": "Insufficient information to create a new person record. Please provide either an external reference or a combination of phone number OR email address AND first name OR last name.",
             "outcome": "failed", "failure_type": "insufficient_information"}
        ]})
    );
    assert_eq!(
        response.persons[2].failure_type,
        Some(FailureType::InsufficientInformation)
    );
    assert_eq!(
        response.persons[2].failure_reason,
        INSUFFICIENT_INFORMATION_MESSAGE
    );
    assert_eq!(response.persons[0].outcome, Outcome::Created);
    assert_eq!(index.len(), 2);
}
