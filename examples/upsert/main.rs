//! `cargo run --release --example upsert [-- SCENARIO.json]`
//!
//! Runs a scenario (SPEC §7.1) and prints one JSON document: every
//! response, then every person. Without an argument it runs the API's own
//! example request against an empty index. A scenario that is not valid
//! JSON of the scenario shape: a message on stderr and exit status 2.

mod scenario;

use std::process::ExitCode;

const SEED_SCENARIO: &str = include_str!("../scenarios/seed.json");

fn main() -> ExitCode {
    let input = match std::env::args_os().nth(1) {
        None => SEED_SCENARIO.to_owned(),
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("upsert: cannot read {}: {e}", path.to_string_lossy());
                return ExitCode::from(2);
            }
        },
    };
    match scenario::run(&input) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("upsert: {e}");
            ExitCode::from(2)
        }
    }
}
