//! The sufficiency check (SPEC §4.4) and the group-identifier conflict
//! check (SPEC §4.1).

mod common;

use common::record;
use person_match::{
    ErrorKind, FailureType, NormalizedRecord, Options, PersonRecord, Sufficiency,
    check_group_identifiers,
};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Absent,
    Valid,
    Invalid,
}

const STATES: [State; 3] = [State::Absent, State::Valid, State::Invalid];

fn value(state: State, valid: &str, invalid: &str) -> Option<String> {
    match state {
        State::Absent => None,
        State::Valid => Some(valid.to_owned()),
        State::Invalid => Some(invalid.to_owned()),
    }
}

#[test]
fn sufficiency_truth_table_over_present_absent_and_invalid_fields() {
    let options = Options::default();
    let mut seen = 0;
    for r in STATES {
        for e in STATES {
            for p in STATES {
                for f in STATES {
                    for l in STATES {
                        let rec = PersonRecord {
                            external_ref: value(r, "id-1", "id\u{0}1"),
                            email_address: value(e, "test@example.com", "not-an-email"),
                            phone_number: value(p, "+44 1234 567890", "12"),
                            first_name: value(f, "Test", "Te\u{202E}st"),
                            last_name: value(l, "Person", "Pe\u{7}rson"),
                            ..PersonRecord::default()
                        };
                        let n = NormalizedRecord::new(&rec, &options);
                        let valid = |s: State| s == State::Valid;
                        let expected = if valid(r) {
                            Sufficiency::ExternalRef
                        } else if (valid(p) || valid(e)) && (valid(f) || valid(l)) {
                            Sufficiency::ContactAndName
                        } else {
                            Sufficiency::Insufficient
                        };
                        let states = [r, e, p, f, l];
                        assert_eq!(Sufficiency::of(&n.fields), expected, "{states:?}");
                        assert_eq!(
                            expected.is_sufficient(),
                            expected != Sufficiency::Insufficient
                        );
                        let invalid = states.iter().filter(|s| **s == State::Invalid).count();
                        assert_eq!(n.errors.len(), invalid, "{states:?}");
                        seen += 1;
                    }
                }
            }
        }
    }
    assert_eq!(seen, 243);
}

#[test]
fn the_apis_own_examples_of_sufficiency() {
    let options = Options::default();
    let judge = |json| Sufficiency::of(&NormalizedRecord::new(&record(json), &options).fields);
    assert_eq!(
        judge(json!({"email_address": "test@example.com", "first_name": "Test"})),
        Sufficiency::ContactAndName
    );
    assert_eq!(
        judge(json!({"email_address": "test@example.com", "phone_number": "01234567890"})),
        Sufficiency::Insufficient
    );
    assert_eq!(
        judge(json!({"external_ref": "id-1"})),
        Sufficiency::ExternalRef
    );
    assert_eq!(
        judge(json!({"first_name": "Test insuficient info"})),
        Sufficiency::Insufficient
    );
}

#[test]
fn invalid_fields_give_their_failure_types_and_say_which_field() {
    let options = Options::default();
    let n = NormalizedRecord::new(
        &record(json!({
            "email_address": "nope", "phone_number": "12", "first_name": "a\u{7}",
            "last_name": "b\u{202E}", "external_ref": "\u{200B}"
        })),
        &options,
    );
    let got: Vec<(String, FailureType)> = n
        .errors
        .iter()
        .map(|e| (e.field.to_string(), e.failure_type()))
        .collect();
    assert_eq!(
        got,
        [
            ("email_address".to_owned(), FailureType::InvalidEmailAddress),
            ("first_name".to_owned(), FailureType::InvalidName),
            ("last_name".to_owned(), FailureType::InvalidName),
            ("external_ref".to_owned(), FailureType::InvalidExternalRef),
            ("phone_number".to_owned(), FailureType::InvalidPhoneNumber),
        ]
    );
    assert_eq!(
        n.errors[1].to_string(),
        "first_name is not valid: name contains a control character"
    );
    assert!(n.fields == person_match::PersonFields::default());
}

fn normalized(json: serde_json::Value) -> NormalizedRecord {
    NormalizedRecord::new(&record(json), &Options::default())
}

#[test]
fn group_conflict_fires_exactly_when_a_record_names_both_forms() {
    let neither = normalized(json!({"first_name": "A"}));
    let ids = normalized(json!({"group_ids": ["g"]}));
    let refs = normalized(json!({"groups_external_refs": "['r']"}));
    let both = normalized(json!({"group_id": "g", "group_external_ref": "r"}));
    let both_empty = normalized(json!({"group_ids": [], "groups_external_refs": ["", " "]}));
    let one_empty = normalized(json!({"group_ids": "[]", "groups_external_refs": ["r"]}));

    for ok in [
        vec![],
        vec![neither.clone()],
        vec![ids.clone(), refs.clone(), neither.clone()],
        vec![both_empty],
        vec![one_empty],
    ] {
        assert!(check_group_identifiers(&ok).is_ok());
    }
    for records in [vec![both.clone()], vec![ids, refs, neither, both]] {
        let err = check_group_identifiers(&records).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BothGroupIdentifiersProvided);
        assert_eq!(
            err.message(),
            "You have provided both group ids and group external references for a person in your request body. Please only provide one of the two."
        );
    }
}
