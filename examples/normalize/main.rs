//! `cargo run --release --example normalize [-- --region GB] < records.jsonl`
//!
//! One request record (SPEC §2.1) per input line; one JSON object per
//! output line, in order (SPEC §7.2): the match keys (`null` where absent
//! or invalid; the phone as E.164 with its extension apart), whether the
//! record could create a person, and what was invalid. A line that is not
//! a record gives an output line with an error, and the rest go on.

mod lines;

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use person_match::{Options, Region};

fn options_from_args() -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--region" => {
                let code = args
                    .next()
                    .ok_or("--region needs a region code, such as GB")?;
                options.default_region =
                    Region::new(&code).map_err(|e| format!("--region: {e}"))?;
            }
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: normalize [--region GB] < records.jsonl"
                ));
            }
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match options_from_args() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("normalize: {e}");
            return ExitCode::from(2);
        }
    };
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, line) in stdin.split(b'\n').enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("normalize: cannot read standard input: {e}");
                return ExitCode::FAILURE;
            }
        };
        if writeln!(out, "{}", lines::normalize_line(&line, i + 1, &options)).is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
