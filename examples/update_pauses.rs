//! How long single updates take while the index reclaims the space of
//! superseded person blocks: N persons, then N updates that each rewrite a
//! person, timing every one.
//!
//! ```sh
//! cargo run --release --example update_pauses            # 1,000,000 persons
//! cargo run --release --example update_pauses -- 100000
//! ```

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use person_match::{Name, PersonFields};

fn main() {
    let persons: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 1_000_000,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: update_pauses [PERSONS]");
            std::process::exit(2);
        }
    };
    let mut index = common::index_of(persons);
    let handles: Vec<_> = (0..persons)
        .filter_map(|i| index.handle(&format!("p-{i}")))
        .collect();
    let mut total = Duration::ZERO;
    let mut slowest = Duration::ZERO;
    let mut over_1ms = 0usize;
    for (k, &handle) in handles.iter().enumerate() {
        let changes = PersonFields {
            last_name: Name::parse(&format!("Changed{k}")).ok(),
            ..PersonFields::default()
        };
        let start = Instant::now();
        if let Err(e) = index.update(handle, &changes) {
            eprintln!("update {k}: {e}");
            std::process::exit(1);
        }
        let took = start.elapsed();
        total += took;
        slowest = slowest.max(took);
        over_1ms += usize::from(took > Duration::from_millis(1));
    }
    println!("persons:           {persons}");
    println!("updates:           {}", handles.len());
    println!("total:             {total:?}");
    println!("slowest update:    {slowest:?}");
    println!("updates over 1 ms: {over_1ms}");
}
