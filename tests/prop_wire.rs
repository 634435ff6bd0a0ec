//! The wire format (SPEC §2) as properties: responses, errors and requests
//! survive a JSON round trip; a Python-style list literal reads as the JSON
//! array it spells; every alias and list form reads alike.

mod common;

use common::index_of;
use common::strategies::{
    GroupForms, access, config, group_name, hostile_text, literal_layout, options,
    python_list_literal, realistic_request, stored_persons,
};
use person_match::{
    ErrorKind, FailureType, MatchedBy, Outcome, PersonRecord, PersonResult, Request, RequestError,
    Response, SequentialIdentifiers,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

fn outcome() -> impl Strategy<Value = Outcome> {
    select(&[Outcome::Created, Outcome::Updated, Outcome::Failed][..])
}

fn matched_by() -> impl Strategy<Value = MatchedBy> {
    select(
        &[
            MatchedBy::ExternalRef,
            MatchedBy::EmailAddress,
            MatchedBy::PhoneNumber,
        ][..],
    )
}

fn failure_type() -> impl Strategy<Value = FailureType> {
    select(
        &[
            FailureType::InsufficientInformation,
            FailureType::InvalidEmailAddress,
            FailureType::InvalidPhoneNumber,
            FailureType::InvalidName,
            FailureType::InvalidExternalRef,
            FailureType::AmbiguousMatch,
            FailureType::IdentityConflict,
            FailureType::NoAccessToGroup,
        ][..],
    )
}

/// Any result, consistent or not: the wire types must carry whatever they hold.
fn person_result() -> impl Strategy<Value = PersonResult> {
    let text = || option::of(hostile_text());
    (
        (text(), text(), text(), text(), text(), text()),
        option::of(vec(hostile_text(), 0..4)),
        any::<bool>(),
        hostile_text(),
        outcome(),
        option::of(matched_by()),
        option::of(failure_type()),
    )
        .prop_map(
            |(
                (identifier, email_address, first_name, last_name, external_ref, phone_number),
                groups,
                success,
                failure_reason,
                outcome,
                matched_by,
                failure_type,
            )| PersonResult {
                identifier,
                email_address,
                first_name,
                last_name,
                external_ref,
                phone_number,
                groups,
                success,
                failure_reason,
                outcome,
                matched_by,
                failure_type,
            },
        )
}

/// Any record, with hostile text in every field and list.
fn wire_record() -> impl Strategy<Value = PersonRecord> {
    common::strategies::record_from(hostile_text)
}

/// What a record reads as: blank text is absent (SPEC §2.1), lists as sent.
fn as_read(record: &PersonRecord) -> PersonRecord {
    let text = |t: &Option<String>| t.clone().filter(|s| !s.trim().is_empty());
    PersonRecord {
        email_address: text(&record.email_address),
        first_name: text(&record.first_name),
        last_name: text(&record.last_name),
        external_ref: text(&record.external_ref),
        phone_number: text(&record.phone_number),
        group_ids: record.group_ids.clone(),
        groups_external_refs: record.groups_external_refs.clone(),
    }
}

fn read_request(body: &Value) -> Result<Request, TestCaseError> {
    serde_json::from_value(body.clone()).map_err(|e| TestCaseError::fail(format!("{e}: {body}")))
}

proptest! {
    #![proptest_config(config("proptest-regressions/prop_wire.txt"))]

    #[test]
    fn any_response_survives_a_json_round_trip(persons in vec(person_result(), 0..4)) {
        let response = Response { persons };
        let json = serde_json::to_string(&response).unwrap();
        let back: Response = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, response);
    }

    /// Real responses too, and their JSON omits what is absent (§2.2).
    #[test]
    fn real_responses_survive_a_json_round_trip(
        persons in stored_persons(4),
        access in access(),
        options in options(),
        request in realistic_request(GroupForms::One, 6),
    ) {
        let mut index = index_of(persons);
        let mut ids = SequentialIdentifiers::new("person-");
        let response = index
            .upsert(&request, &access.context(), &options, &mut ids)
            .unwrap();
        let json = serde_json::to_value(&response).unwrap();
        for (result, record) in json["persons"].as_array().unwrap().iter().zip(&request.persons) {
            let object = result.as_object().unwrap();
            prop_assert_eq!(object.contains_key("identifier"), object["success"] == json!(true));
            prop_assert_eq!(object.contains_key("email_address"), record.email_address.is_some());
            prop_assert!(object.values().all(|v| !v.is_null()), "{}", result);
        }
        let back: Response = serde_json::from_value(json).unwrap();
        prop_assert_eq!(back, response);
    }

    #[test]
    fn request_errors_survive_a_json_round_trip(
        which in 0..6usize,
        limit in any::<usize>(),
        cause in hostile_text(),
    ) {
        let error = match which {
            0 => RequestError::missing_authorization(),
            1 => RequestError::expired_token(),
            2 => RequestError::invalid_authorization(),
            3 => RequestError::both_group_identifiers_provided(),
            4 => RequestError::invalid_request(cause),
            _ => RequestError::too_many_persons(limit),
        };
        let envelope = error.to_response();
        let json = serde_json::to_value(&envelope).unwrap();
        prop_assert_eq!(&json["error"]["type"], &json!(error.kind().as_str()));
        prop_assert_eq!(&json["error"]["message"], &json!(error.message()));
        let back: person_match::ErrorResponse = serde_json::from_value(json).unwrap();
        prop_assert_eq!(back, envelope);
    }

    /// A request survives serialization, up to what reading it forgets:
    /// blank text becomes absent. Read again, it is a fixed point.
    #[test]
    fn any_request_survives_a_json_round_trip(persons in vec(wire_record(), 0..4)) {
        let request = Request { persons };
        let json = serde_json::to_string(&request).unwrap();
        let back: Request = serde_json::from_str(&json).unwrap();
        let expected = Request { persons: request.persons.iter().map(as_read).collect() };
        prop_assert_eq!(&back, &expected);
        let again: Request = serde_json::from_str(&serde_json::to_string(&back).unwrap()).unwrap();
        prop_assert_eq!(again, back);
    }

    /// `"['a', \"b\"]"` reads as `["a", "b"]`, whatever the quotes, escapes,
    /// spacing and trailing comma, under every alias of both lists.
    #[test]
    fn a_python_list_literal_reads_as_the_json_array(
        items in vec(group_name(), 0..5),
        layout in literal_layout(),
        key in select(&[
            "group_ids", "group_id", "groups_external_refs", "group_external_refs",
            "group_external_ref",
        ][..]),
    ) {
        let literal = python_list_literal(&items, &layout);
        let from_literal = read_request(&json!({"persons": [{key: literal}]}))?;
        let from_array = read_request(&json!({"persons": [{key: items}]}))?;
        prop_assert_eq!(&from_literal, &from_array, "{}", literal);
        let record = &from_array.persons[0];
        let list = record.group_ids.as_ref().or(record.groups_external_refs.as_ref());
        prop_assert_eq!(list, Some(&items));
    }

    /// A list literal that is cut short, or has an item without quotes, is
    /// an `invalid_request` naming the record and field, never a panic.
    #[test]
    fn a_malformed_list_literal_is_an_invalid_request(
        items in vec(group_name(), 1..4),
        layout in literal_layout(),
        cut in 1usize..4,
        record_index in 0usize..3,
    ) {
        let literal = python_list_literal(&items, &layout);
        let trimmed = literal.trim();
        // Drop the closing bracket and `cut - 1` characters before it.
        let chars: Vec<char> = trimmed.chars().collect();
        let broken: String = chars[..chars.len().saturating_sub(cut)].iter().collect();
        prop_assume!(broken.trim_start().starts_with('['));
        let mut persons = vec![json!({}); record_index];
        persons.push(json!({"group_ids": broken}));
        let body = json!({"persons": persons});
        let result = serde_json::from_value::<Request>(body);
        // A cut literal may still be well formed (it lost only spaces after a
        // trailing comma...); otherwise the error names where it is.
        if let Err(e) = result {
            let error = RequestError::invalid_request(e);
            prop_assert_eq!(error.kind(), ErrorKind::InvalidRequest);
            let location = format!("persons[{record_index}].group_ids");
            prop_assert!(error.message().contains(&location), "{}", error.message());
        }
    }

    /// Every alias, and a lone string, reads as the canonical name with an
    /// array; values of other fields are kept as sent (blank ones dropped).
    #[test]
    fn every_alias_and_form_reads_alike(
        ids in vec("[a-z0-9-]{1,8}", 1..4),
        refs in vec("[a-z0-9-]{1,8}", 1..4),
        id_key in select(&["group_ids", "group_id"][..]),
        ref_key in select(&["groups_external_refs", "group_external_refs", "group_external_ref"][..]),
        lone in any::<bool>(),
        unknown in "[a-z_]{1,12}",
        first_name in hostile_text(),
    ) {
        let known = [
            "group_ids", "group_id", "groups_external_refs", "group_external_refs",
            "group_external_ref", "first_name", "email_address", "last_name", "external_ref",
            "phone_number",
        ];
        prop_assume!(!known.contains(&unknown.as_str()));
        let list = |l: &Vec<String>| if lone && l.len() == 1 { json!(l[0]) } else { json!(l) };
        let mut aliased = Map::new();
        aliased.insert(id_key.to_owned(), list(&ids));
        aliased.insert(ref_key.to_owned(), list(&refs));
        aliased.insert(unknown.clone(), json!({"ignored": [1, 2]}));
        aliased.insert("first_name".to_owned(), json!(first_name));
        let canonical = json!({"persons": [{
            "group_ids": ids, "groups_external_refs": refs, "first_name": first_name,
        }]});
        prop_assert_eq!(
            read_request(&json!({"persons": [Value::Object(aliased)]}))?,
            read_request(&canonical)?
        );
    }
}
