//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses its own subset

pub mod oracles;
pub mod strategies;
pub mod vectors;

use person_match::{
    Context, EmailAddress, ExternalRef, GroupDirectory, GroupId, GroupRef, Name, Options, Person,
    PersonFields, PersonIndex, PersonRecord, PhoneNumber, Region, Request, Response,
    SequentialIdentifiers,
};
use serde_json::Value;

/// A record from JSON, as the API would receive it.
#[track_caller]
pub fn record(json: Value) -> PersonRecord {
    serde_json::from_value(json).expect("a valid record")
}

/// A request from JSON.
#[track_caller]
pub fn request(json: Value) -> Request {
    serde_json::from_value(json).expect("a valid request")
}

/// A context over `groups` (id, optional external ref) where the caller
/// can access `accessible`.
pub fn context(groups: &[(&str, Option<&str>)], accessible: &[&str]) -> Context {
    let mut directory = GroupDirectory::new();
    for (id, r) in groups {
        directory
            .insert(GroupId::parse(id).unwrap(), r.and_then(GroupRef::parse))
            .unwrap();
    }
    Context::new(directory, GroupId::parse_list(accessible))
}

/// The seed's context: `group-1` (ref `group-external-ref-1`) and `group-2`, both accessible.
pub fn seed_context() -> Context {
    context(
        &[("group-1", Some("group-external-ref-1")), ("group-2", None)],
        &["group-1", "group-2"],
    )
}

/// Valid fields from optional strings (GB default region).
#[track_caller]
pub fn fields(
    external_ref: Option<&str>,
    email_address: Option<&str>,
    phone_number: Option<&str>,
    first_name: Option<&str>,
    last_name: Option<&str>,
) -> PersonFields {
    PersonFields {
        external_ref: external_ref.map(|s| ExternalRef::parse(s).unwrap()),
        email_address: email_address.map(|s| EmailAddress::parse(s).unwrap()),
        phone_number: phone_number.map(|s| PhoneNumber::parse(s, Region::GB).unwrap()),
        first_name: first_name.map(|s| Name::parse(s).unwrap()),
        last_name: last_name.map(|s| Name::parse(s).unwrap()),
    }
}

/// A stored person.
pub fn person(identifier: &str, fields: PersonFields, groups: &[&str]) -> Person {
    Person {
        identifier: identifier.to_owned(),
        fields,
        groups: GroupId::parse_list(groups),
    }
}

/// An index holding `persons`.
#[track_caller]
pub fn index_of(persons: Vec<Person>) -> PersonIndex {
    let mut index = PersonIndex::new();
    for p in persons {
        index.insert(p).unwrap();
    }
    index
}

/// Runs one request through plan, apply and response.
#[track_caller]
pub fn upsert(
    index: &mut PersonIndex,
    context: &Context,
    body: Value,
    options: &Options,
    ids: &mut SequentialIdentifiers,
) -> Response {
    index
        .upsert(&request(body), context, options, ids)
        .expect("no request-level error")
}

/// The stored fields of a person, as strings, for assertions.
#[track_caller]
pub fn stored(index: &PersonIndex, identifier: &str) -> Value {
    let p = index.get(identifier).expect("the person exists");
    let f = p.fields();
    serde_json::json!({
        "external_ref": f.external_ref.as_ref().map(ExternalRef::as_str),
        "email_address": f.email_address.as_ref().map(EmailAddress::as_str),
        "phone_number": f.phone_number.as_ref().map(PhoneNumber::as_str),
        "first_name": f.first_name.as_ref().map(Name::as_str),
        "last_name": f.last_name.as_ref().map(Name::as_str),
        "groups": p.groups().map(GroupId::as_str).collect::<Vec<_>>(),
    })
}
