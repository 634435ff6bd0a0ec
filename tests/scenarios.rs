//! Scenario files for the `upsert` example (SPEC §7.1), each checked
//! against its expected output `NAME.out.json`.
//!
//! After a deliberate change of behaviour, `BLESS=1 cargo test --test
//! scenarios` rewrites the expected outputs; review the diff before
//! committing it.

#[path = "../examples/upsert/scenario.rs"]
mod scenario;

use std::path::{Path, PathBuf};

fn scenario_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("examples/scenarios/seed.json")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root.join("tests/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".out.json")
        })
        .collect();
    more.sort();
    files.extend(more);
    files
}

fn expected_path(scenario: &Path) -> PathBuf {
    let name = scenario.file_stem().unwrap().to_string_lossy();
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(format!("{name}.out.json"))
}

#[test]
fn every_scenario_gives_its_expected_output() {
    let files = scenario_files();
    assert!(files.len() >= 11, "the seed and at least ten scenarios");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for file in &files {
        let input = std::fs::read_to_string(file).unwrap();
        let output = scenario::run(&input).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let expected_file = expected_path(file);
        if bless {
            std::fs::write(&expected_file, format!("{output}\n")).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_file)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_file.display()));
        let got: serde_json::Value = serde_json::from_str(&output).unwrap();
        let want: serde_json::Value = serde_json::from_str(&expected).unwrap();
        if got != want {
            failures.push(format!("{}:\n{output}", file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} scenarios differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_seed_scenario_answers_as_the_seed_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let input = std::fs::read_to_string(root.join("examples/scenarios/seed.json")).unwrap();
    let output: serde_json::Value = serde_json::from_str(&scenario::run(&input).unwrap()).unwrap();
    let results = output["responses"][0]["persons"].as_array().unwrap();
    let success: Vec<_> = results
        .iter()
        .map(|r| r["success"].as_bool().unwrap())
        .collect();
    assert_eq!(success, [true, true, false]);
    assert_eq!(
        results[2]["failure_reason"],
        "Insufficient information to create a new person record. Please provide either an external reference or a combination of phone number OR email address AND first name OR last name."
    );
    assert_eq!(results[2]["groups"], serde_json::json!(["group-1"]));
}

#[test]
fn a_scenario_of_the_wrong_shape_is_an_error() {
    for (input, needle) in [
        ("not json", "not a valid scenario"),
        (r#"{"requests": 3}"#, "not a valid scenario"),
        (r#"{"grups": []}"#, "unknown field `grups`"),
        (r#"{"default_region": "XX"}"#, "default_region"),
        (
            r#"{"options": {"identity_conflict": "merge"}}"#,
            "options.identity_conflict",
        ),
        (
            r#"{"existing": [{"identifier": "p", "email_address": "nope"}]}"#,
            "existing[0].email_address",
        ),
        (
            r#"{"existing": [{"identifier": "p"}, {"identifier": "p"}]}"#,
            "existing[1]",
        ),
        (
            r#"{"groups": [{"identifier": "g"}, {"identifier": "g"}]}"#,
            "groups[1]",
        ),
    ] {
        let err = scenario::run(input).map(|_| ()).unwrap_err().to_string();
        assert!(err.contains(needle), "{input}: {err}");
    }
}
