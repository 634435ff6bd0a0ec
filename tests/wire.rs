//! The wire format (SPEC §2): requests, responses, request-level errors.

use person_match::{
    ErrorKind, ErrorResponse, FailureType, MatchedBy, Outcome, PersonRecord, PersonResult, Request,
    RequestError, Response, bearer_token,
};

#[track_caller]
fn parse(json: &str) -> Request {
    serde_json::from_str(json).unwrap()
}

#[track_caller]
fn parse_err(json: &str) -> String {
    serde_json::from_str::<Request>(json)
        .map_err(RequestError::invalid_request)
        .unwrap_err()
        .message()
        .to_owned()
}

#[allow(clippy::unnecessary_wraps)] // compared with the optional list fields
fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| (*s).to_owned()).collect())
}

#[test]
fn group_lists_in_every_documented_form() {
    let forms = [
        r#"["group-1", "group-2"]"#,
        r#""['group-1', 'group-2']""#,
        r#""[\"group-1\", \"group-2\"]""#,
        r#""['group-1','group-2',]""#,
    ];
    for form in forms {
        let request = parse(&format!(r#"{{"persons": [{{"group_ids": {form}}}]}}"#));
        assert_eq!(
            request.persons[0].group_ids,
            strings(&["group-1", "group-2"]),
            "{form}"
        );
    }
    let single = parse(r#"{"persons": [{"group_ids": "group-1"}]}"#);
    assert_eq!(single.persons[0].group_ids, strings(&["group-1"]));
}

#[test]
fn field_aliases() {
    let request = parse(
        r#"{"persons": [
            {"group_id": "g"},
            {"group_external_refs": ["r"]},
            {"group_external_ref": "r"},
            {"groups_external_refs": "['r']"}
        ]}"#,
    );
    assert_eq!(request.persons[0].group_ids, strings(&["g"]));
    for record in &request.persons[1..] {
        assert_eq!(record.groups_external_refs, strings(&["r"]));
    }
}

#[test]
fn alias_and_field_together_is_an_error() {
    let message = parse_err(r#"{"persons": [{"group_ids": "a", "group_id": "b"}]}"#);
    assert!(
        message.starts_with("persons[0].group_ids: given twice (directly or through an alias)"),
        "{message}"
    );
}

#[test]
fn null_empty_and_blank_are_absent() {
    let request = parse(
        r#"{"persons": [{"email_address": null, "first_name": "", "last_name": "  \t",
            "external_ref": "x", "group_ids": null}]}"#,
    );
    assert_eq!(
        request.persons[0],
        PersonRecord {
            external_ref: Some("x".into()),
            ..PersonRecord::default()
        }
    );
}

#[test]
fn values_are_kept_as_submitted() {
    let request = parse(r#"{"persons": [{"email_address": "  Test@Example.COM "}]}"#);
    assert_eq!(
        request.persons[0].email_address.as_deref(),
        Some("  Test@Example.COM ")
    );
}

#[test]
fn unknown_fields_are_ignored() {
    let request =
        parse(r#"{"persons": [{"nickname": {"a": [1]}, "first_name": "A"}], "extra": 1}"#);
    assert_eq!(request.persons[0].first_name.as_deref(), Some("A"));
}

#[test]
fn wrong_types_name_record_and_field_without_the_value() {
    let cases = [
        (
            r#"{"persons": [{}, {"phone_number": 7}]}"#,
            "persons[1].phone_number: expected a string, found a number",
        ),
        (
            r#"{"persons": [{"email_address": true}]}"#,
            "persons[0].email_address: expected a string, found a boolean",
        ),
        (
            r#"{"persons": [{"first_name": ["a"]}]}"#,
            "persons[0].first_name: expected a string, found a list",
        ),
        (
            r#"{"persons": [{"last_name": {}}]}"#,
            "persons[0].last_name: expected a string, found an object",
        ),
        (
            r#"{"persons": [{"group_ids": 3}]}"#,
            "persons[0].group_ids: expected a list of strings, found a number",
        ),
        (
            r#"{"persons": [{"group_ids": ["a", 3]}]}"#,
            "persons[0].group_ids: expected a list of strings, found a number in the list",
        ),
        (
            r#"{"persons": [{"group_ids": ["a", null]}]}"#,
            "persons[0].group_ids: expected a list of strings, found null in the list",
        ),
        (
            r#"{"persons": [{"groups_external_refs": "['a"}]}"#,
            "persons[0].groups_external_refs: malformed list literal; expected a form such as ['group-1', 'group-2']",
        ),
        (
            r#"{"persons": [{}, {}, "secret@example.com"]}"#,
            "persons[2]: expected a person record (an object), found a string",
        ),
        (
            r#"{"persons": [null]}"#,
            "persons[0]: expected a person record (an object), found null",
        ),
        (
            r#"{"persons": {}}"#,
            "`persons` must be a list, found an object",
        ),
        (
            r#"{"persons": "x"}"#,
            "`persons` must be a list, found a string",
        ),
        (r#"{"people": []}"#, "the request has no `persons` list"),
        (
            r"[]",
            "the request must be an object with a `persons` list, found a list",
        ),
        (
            r#""secret""#,
            "the request must be an object with a `persons` list, found a string",
        ),
        (
            r"null",
            "the request must be an object with a `persons` list, found null",
        ),
    ];
    for (json, expected) in cases {
        let message = parse_err(json);
        assert!(
            message.starts_with(expected),
            "{json}\n  gave {message}\n  want {expected}"
        );
        assert!(!message.contains("secret"), "{message}");
    }
}

#[test]
fn lone_record_errors_name_the_field() {
    let err = serde_json::from_str::<PersonRecord>(r#"{"external_ref": 12}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("external_ref: expected a string, found a number"),
        "{err}"
    );
}

#[test]
fn requests_round_trip() {
    let request = parse(
        r#"{"persons": [{"email_address": "a@example.com", "group_ids": "['g1', 'g2']"},
                        {"groups_external_refs": ["r"], "phone_number": "01234 567890"}]}"#,
    );
    let json = serde_json::to_string(&request).unwrap();
    assert_eq!(parse(&json), request);
}

#[test]
fn responses_serialize_in_the_seed_order_and_round_trip() {
    let response = Response {
        persons: vec![
            PersonResult {
                identifier: Some("person-1".into()),
                email_address: Some("a@example.com".into()),
                external_ref: Some("id-1".into()),
                success: true,
                outcome: Outcome::Updated,
                matched_by: Some(MatchedBy::ExternalRef),
                ..PersonResult::default()
            },
            PersonResult {
                first_name: Some("Test".into()),
                groups: Some(vec!["group-1".into()]),
                success: false,
                failure_reason: "why".into(),
                outcome: Outcome::Failed,
                failure_type: Some(FailureType::InsufficientInformation),
                ..PersonResult::default()
            },
        ],
    };
    let json = serde_json::to_string(&response).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"persons":[{"identifier":"person-1","email_address":"a@example.com","external_ref":"id-1","#,
            r#""success":true,"failure_reason":"","outcome":"updated","matched_by":"external_ref"},"#,
            r#"{"first_name":"Test","groups":["group-1"],"success":false,"failure_reason":"why","#,
            r#""outcome":"failed","failure_type":"insufficient_information"}]}"#
        )
    );
    assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), response);
}

#[test]
fn error_envelopes_carry_the_seed_messages() {
    let cases = [
        (
            RequestError::missing_authorization(),
            "missing_authorization",
            "Your request does not include an 'Authorization' header with a bearer token for your account.",
        ),
        (
            RequestError::expired_token(),
            "expired_token",
            "The bearer token you have provided in the 'Authorization' header has expired. Please obtain a new one.",
        ),
        (
            RequestError::invalid_authorization(),
            "invalid_authorization",
            "The bearer token you have provided in the 'Authorization' header is invalid.",
        ),
        (
            RequestError::both_group_identifiers_provided(),
            "both_group_identifiers_provided",
            "You have provided both group ids and group external references for a person in your request body. Please only provide one of the two.",
        ),
        (
            RequestError::too_many_persons(1000),
            "too_many_persons",
            "A request may contain at most 1000 person records.",
        ),
    ];
    for (error, kind, message) in cases {
        let json = serde_json::to_value(error.to_response()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": {"type": kind, "message": message}})
        );
        let back: ErrorResponse = serde_json::from_value(json).unwrap();
        assert_eq!(back.error.kind.as_str(), kind);
    }
    assert_eq!(
        RequestError::invalid_request("x").kind(),
        ErrorKind::InvalidRequest
    );
}

#[test]
fn authorization_header_classifier() {
    assert_eq!(bearer_token(Some("bearer abc")), Ok("abc"));
    assert_eq!(bearer_token(Some("Bearer abc")), Ok("abc"));
    assert_eq!(bearer_token(Some("BEARER   abc  ")), Ok("abc"));
    for missing in [None, Some(""), Some("   ")] {
        assert_eq!(
            bearer_token(missing).unwrap_err().kind(),
            ErrorKind::MissingAuthorization
        );
    }
    for invalid in [
        "bearer",
        "bearer ",
        "Basic abc",
        "abc",
        "bearer a b",
        "bearerabc",
    ] {
        assert_eq!(
            bearer_token(Some(invalid)).unwrap_err().kind(),
            ErrorKind::InvalidAuthorization,
            "{invalid}"
        );
    }
}
