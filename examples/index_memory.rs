//! `cargo run --release --example index_memory [-- PERSONS]`
//!
//! Builds an index of PERSONS synthetic persons (default 1,000,000) and
//! prints the heap it takes per person beyond the stored strings
//! themselves (SPEC §8: at most 120 bytes).
//!
//! Heap bytes are counted by a global allocator wrapper; the strings'
//! share is the sum of the lengths of the texts the index keeps.

use std::alloc::System;

use person_match::{
    EmailAddress, ExternalRef, GroupId, Name, Person, PersonFields, PersonIndex, PhoneNumber,
    Region,
};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region as AllocRegion, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn person(i: usize, groups: &[GroupId]) -> Person {
    Person {
        identifier: format!("p-{i}"),
        fields: PersonFields {
            external_ref: Some(ExternalRef::parse(&format!("crm-{i:08}")).unwrap()),
            email_address: Some(
                EmailAddress::parse(&format!("person.{i}@example{}.com", i % 1000)).unwrap(),
            ),
            phone_number: Some(PhoneNumber::parse(&format!("+4471{i:08}"), Region::GB).unwrap()),
            first_name: Some(Name::parse(&format!("First{}", i % 5000)).unwrap()),
            last_name: Some(Name::parse(&format!("Last{i}")).unwrap()),
        },
        groups: vec![groups[i % groups.len()].clone()],
    }
}

fn string_bytes(p: &Person) -> usize {
    let f = &p.fields;
    p.identifier.len()
        + f.external_ref.as_ref().map_or(0, |v| v.as_str().len())
        // The index keeps an email's key apart only where it differs.
        + f.email_address.as_ref().map_or(0, |v| {
            v.as_str().len() + if v.key() == v.as_str() { 0 } else { v.key().len() }
        })
        + f.phone_number.as_ref().map_or(0, |v| v.as_str().len())
        + f.first_name.as_ref().map_or(0, |v| v.as_str().len())
        + f.last_name.as_ref().map_or(0, |v| v.as_str().len())
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(Ok(1_000_000), |a| a.parse())
        .unwrap_or_else(|e| {
            eprintln!("index_memory: PERSONS must be a number: {e}");
            std::process::exit(2);
        });
    let groups: Vec<GroupId> = (0..10)
        .map(|g| GroupId::parse(&format!("group-{g}")).unwrap())
        .collect();
    // Count from before the persons are made: their strings move into the
    // index, and everything else made on the way is freed again.
    let region = AllocRegion::new(GLOBAL);
    let mut strings = 0;
    let mut index = PersonIndex::new();
    for i in 0..n {
        let p = person(i, &groups);
        strings += string_bytes(&p);
        index.insert(p).unwrap();
    }
    let change = region.change();
    // Reallocations are already counted in the allocated and deallocated
    // totals.
    let live = change
        .bytes_allocated
        .saturating_sub(change.bytes_deallocated);
    #[allow(clippy::cast_precision_loss)] // a report, not arithmetic
    {
        let per_person = live as f64 / n as f64;
        let strings_per_person = strings as f64 / n as f64;
        println!("persons:                    {n}");
        println!("index heap:                 {live} bytes ({per_person:.1} per person)");
        println!(
            "stored strings (lengths):   {strings} bytes ({strings_per_person:.1} per person)"
        );
        println!(
            "beyond the strings:         {:.1} bytes per person",
            per_person - strings_per_person
        );
    }
    drop(index);
}
