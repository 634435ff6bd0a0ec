//! The `normalize` example (SPEC §7.2) agrees with the references on every
//! committed vector: each vector goes through exactly the line function the
//! example runs.

mod common;

#[path = "../examples/normalize/lines.rs"]
mod lines;

use common::vectors::phone_vectors;
use person_match::{Options, Region};
use serde_json::{Value, json};

#[track_caller]
fn normalize(record: &Value, options: &Options) -> Value {
    let line = serde_json::to_vec(record).unwrap();
    serde_json::from_str(&lines::normalize_line(&line, 1, options)).unwrap()
}

#[test]
fn phone_keys_agree_with_phonenumbers_on_every_vector() {
    let mut disagreements = Vec::new();
    let vectors = phone_vectors();
    for v in &vectors {
        let options = Options {
            default_region: Region::new(v.region).unwrap(),
            ..Options::default()
        };
        let out = normalize(&json!({"phone_number": v.input}), &options);
        let blank = v.input.trim().is_empty();
        let expected = if v.valid {
            (
                json!(v.e164),
                if v.extension.is_empty() {
                    Value::Null
                } else {
                    json!(v.extension)
                },
                0,
            )
        } else {
            (Value::Null, Value::Null, usize::from(!blank))
        };
        let got = (
            out["phone_number"].clone(),
            out["phone_extension"].clone(),
            out["errors"].as_array().unwrap().len(),
        );
        if got != expected {
            disagreements.push(format!(
                "{} {:?}: expected {expected:?}, got {got:?}",
                v.region, v.input
            ));
        }
        if !v.valid && !blank {
            assert_eq!(out["errors"][0]["type"], "invalid_phone_number");
            assert_eq!(out["errors"][0]["field"], "phone_number");
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} vectors disagree:\n{}",
        disagreements.len(),
        vectors.len(),
        disagreements[..disagreements.len().min(20)].join("\n")
    );
}

#[test]
fn email_keys_agree_with_email_validator_on_every_vector() {
    #[derive(serde::Deserialize)]
    struct Vector {
        input: String,
        valid: bool,
        key: Option<String>,
    }
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("data/email_vectors.json")).unwrap();
    let options = Options::default();
    let mut disagreements = Vec::new();
    for v in &vectors {
        let out = normalize(&json!({"email_address": v.input}), &options);
        let blank = v.input.trim().is_empty();
        let errors = out["errors"].as_array().unwrap().len();
        let expected = (json!(v.key), usize::from(!v.valid && !blank));
        if (out["email_address"].clone(), errors) != expected {
            disagreements.push(format!("{:?}: expected {expected:?}, got {}", v.input, out));
        }
    }
    assert!(vectors.len() > 10_000);
    assert!(
        disagreements.is_empty(),
        "{} of {} vectors disagree:\n{}",
        disagreements.len(),
        vectors.len(),
        disagreements[..disagreements.len().min(20)].join("\n")
    );
}

#[test]
fn a_line_holds_keys_verdict_and_errors() {
    let options = Options::default();
    let out = normalize(
        &json!({"email_address": "  Test@Example.com ", "first_name": " ANNE  Marie ",
                "phone_number": "01234 567890 ext. 12", "external_ref": "id-1", "last_name": "a\u{7}"}),
        &options,
    );
    assert_eq!(out["external_ref"], "id-1");
    assert_eq!(out["phone_number"], "+441234567890");
    assert_eq!(out["phone_extension"], "12");
    assert_eq!(out["first_name"], "anne marie");
    assert_eq!(out["last_name"], Value::Null);
    assert_eq!(out["sufficient"], true);
    assert_eq!(
        out["errors"],
        json!([{"field": "last_name", "type": "invalid_name",
        "message": "last_name is not valid: name contains a control character"}])
    );
}

#[test]
fn a_line_that_is_not_a_record_gives_an_error_line() {
    let options = Options::default();
    for (line, message) in [
        (
            &b"not json"[..],
            "line 3: expected ident at line 1 column 2",
        ),
        (
            &b"[1]"[..],
            "line 3: record: expected a person record (an object), found a list",
        ),
        (
            &b"{\"phone_number\": 5}"[..],
            "line 3: phone_number: expected a string, found a number",
        ),
        (&b"\xff"[..], "line 3: not valid UTF-8"),
    ] {
        let out: Value = serde_json::from_str(&lines::normalize_line(line, 3, &options)).unwrap();
        assert_eq!(out["sufficient"], false);
        assert_eq!(out["errors"][0]["type"], "invalid_request");
        let got = out["errors"][0]["message"].as_str().unwrap();
        assert!(got.starts_with(message), "{got}");
    }
}
