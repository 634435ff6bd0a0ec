//! One input line of the `normalize` example to one output line (SPEC §7.2).

use person_match::{
    EmailAddress, ExternalRef, Name, NormalizedRecord, Options, PersonRecord, PhoneNumber,
    Sufficiency,
};
use serde::Serialize;

#[derive(Serialize)]
struct Keys<'a> {
    external_ref: Option<&'a str>,
    email_address: Option<&'a str>,
    phone_number: Option<&'a str>,
    phone_extension: Option<&'a str>,
    first_name: Option<String>,
    last_name: Option<String>,
    sufficient: bool,
    errors: Vec<LineError>,
}

#[derive(Serialize)]
struct LineError {
    field: Option<&'static str>,
    #[serde(rename = "type")]
    kind: &'static str,
    message: String,
}

fn keys(record: &NormalizedRecord) -> Keys<'_> {
    let f = &record.fields;
    Keys {
        external_ref: f.external_ref.as_ref().map(ExternalRef::as_str),
        email_address: f.email_address.as_ref().map(EmailAddress::key),
        phone_number: f.phone_number.as_ref().map(PhoneNumber::e164),
        phone_extension: f.phone_number.as_ref().and_then(PhoneNumber::extension),
        first_name: f.first_name.as_ref().map(Name::tie_break_key),
        last_name: f.last_name.as_ref().map(Name::tie_break_key),
        sufficient: Sufficiency::of(f).is_sufficient(),
        errors: record
            .errors
            .iter()
            .map(|e| LineError {
                field: Some(e.field.as_str()),
                kind: e.failure_type().as_str(),
                message: e.to_string(),
            })
            .collect(),
    }
}

fn not_a_record(message: String) -> Keys<'static> {
    Keys {
        external_ref: None,
        email_address: None,
        phone_number: None,
        phone_extension: None,
        first_name: None,
        last_name: None,
        sufficient: false,
        errors: vec![LineError {
            field: None,
            kind: "invalid_request",
            message,
        }],
    }
}

/// Normalizes one line (its number counts from 1) and returns the output
/// line, without the newline.
pub fn normalize_line(line: &[u8], number: usize, options: &Options) -> String {
    let keys = match std::str::from_utf8(line) {
        Err(_) => not_a_record(format!("line {number}: not valid UTF-8")),
        Ok(text) => match serde_json::from_str::<PersonRecord>(text) {
            Ok(record) => return to_line(&keys(&NormalizedRecord::new(&record, options))),
            Err(e) => not_a_record(format!("line {number}: {e}")),
        },
    };
    to_line(&keys)
}

fn to_line(keys: &Keys<'_>) -> String {
    // Serializing plain strings, booleans and lists cannot fail.
    serde_json::to_string(keys).unwrap_or_default()
}
