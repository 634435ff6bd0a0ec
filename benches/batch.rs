//! Whole requests: 1,000 records from wire structs to response structs
//! (plan, apply, respond) against an index of 1,000,000 persons (SPEC §8).
//! The request is owned, as a service that deserialized it holds it, so its
//! fields move into the response.
//!
//! A request mixes what a real one holds: updates by external reference,
//! by email and by phone, new persons, and records that fail. The persons
//! it creates are removed again outside the timed part, so every iteration
//! meets the same index.

#![allow(missing_docs)] // criterion's macros generate undocumented items

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use person_match::{
    Context, GroupDirectory, Options, PersonIndex, PersonRecord, Request, SequentialIdentifiers,
    plan,
};

const PERSONS: usize = 1_000_000;
const RECORDS: usize = 1000;

fn request(n: usize) -> Request {
    let persons = common::sample(n, RECORDS)
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            let [external_ref, email, phone, first, last] = common::person_strings(i);
            let mut record = PersonRecord {
                first_name: Some(first),
                last_name: Some(format!("{last} updated")),
                ..PersonRecord::default()
            };
            match k % 10 {
                0..=2 => record.external_ref = Some(external_ref),
                3..=5 => record.email_address = Some(email.to_uppercase()),
                6 | 7 => record.phone_number = Some(format!("0{}", &phone[3..])),
                8 => {
                    // Someone new.
                    let [external_ref, email, phone, ..] = common::person_strings(n + k);
                    record.external_ref = Some(external_ref);
                    record.email_address = Some(email);
                    record.phone_number = Some(phone);
                }
                _ => record.email_address = Some(format!("not an email {k}")),
            }
            record.group_ids = Some(vec![format!("group-{}", i % common::GROUPS)]);
            record
        })
        .collect();
    Request { persons }
}

fn context() -> Context {
    let mut directory = GroupDirectory::new();
    for g in common::group_ids() {
        directory.insert(g, None).unwrap();
    }
    Context::new(directory, common::group_ids())
}

/// What a service does with a deserialized request it owns.
fn run(index: &mut PersonIndex, request: Request, context: &Context) -> person_match::Response {
    let options = Options::default();
    let planned = plan(&request, context, &*index, &options).unwrap();
    let applied = index
        .apply(&planned, &mut SequentialIdentifiers::new("new-"))
        .unwrap();
    planned.into_response(request, applied)
}

fn batch(c: &mut Criterion) {
    let mut index = common::index_of(PERSONS);
    let request = request(PERSONS);
    let context = context();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(RECORDS as u64));
    group.sample_size(20);
    group.bench_function("1000_records_against_1M", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                // The request arrives owned (deserialized); its copy is made
                // outside the timed part.
                let owned = request.clone();
                let start = Instant::now();
                let response = black_box(run(&mut index, black_box(owned), &context));
                total += start.elapsed();
                for result in &response.persons {
                    if result.outcome == person_match::Outcome::Created {
                        index.remove(result.identifier.as_deref().unwrap());
                    }
                }
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
