//! `cargo run --release --example gen_scenario -- RECORDS > scenario.json`
//!
//! Writes a scenario for the `upsert` example with RECORDS request records
//! (in requests of 1,000) against RECORDS / 2 existing persons: updates by
//! external reference, email and phone, new persons, and failures. Used to
//! show that `upsert` stays linear (see BENCHMARKS.md).

use serde_json::{Value, json};

fn strings(i: usize) -> (String, String, String) {
    (
        format!("crm-{i:08}"),
        format!("person.{i}@example{}.com", i % 1000),
        format!("+4471{i:08}"),
    )
}

fn main() {
    let Some(Ok(records)) = std::env::args().nth(1).map(|a| a.parse::<usize>()) else {
        eprintln!("usage: gen_scenario RECORDS");
        std::process::exit(2);
    };
    let existing_count = records / 2;
    let groups: Vec<Value> = (0..10)
        .map(|g| json!({"identifier": format!("group-{g}"), "external_ref": format!("ref-{g}")}))
        .collect();
    let existing: Vec<Value> = (0..existing_count)
        .map(|i| {
            let (r, e, p) = strings(i);
            json!({"identifier": format!("p-{i}"), "external_ref": r, "email_address": e,
                   "phone_number": p, "first_name": format!("First{i}"), "group_ids": [format!("group-{}", i % 10)]})
        })
        .collect();
    let persons: Vec<Value> = (0..records)
        .map(|k| {
            let i = (k * 7919) % existing_count.max(1);
            let (r, e, p) = strings(i);
            let group = json!([format!("group-{}", i % 10)]);
            match k % 10 {
                0..=2 => json!({"external_ref": r, "last_name": "Updated", "group_ids": group}),
                3..=5 => json!({"email_address": e.to_uppercase(), "last_name": "Updated", "group_ids": group}),
                6 | 7 => json!({"phone_number": format!("0{}", &p[3..]), "last_name": "Updated", "group_ids": group}),
                8 => {
                    let (r, e, p) = strings(existing_count + k);
                    json!({"external_ref": r, "email_address": e, "phone_number": p, "first_name": "New"})
                }
                _ => json!({"email_address": format!("not an email {k}"), "first_name": "Bad"}),
            }
        })
        .collect();
    let requests: Vec<Value> = persons
        .chunks(1000)
        .map(|c| json!({"persons": c}))
        .collect();
    let scenario = json!({"groups": groups, "existing": existing, "requests": requests});
    println!("{scenario}");
}
