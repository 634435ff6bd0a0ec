//! Ranked matching against indexes of 1k, 100k and 1M persons, beside bare
//! hash-table probes of the same keys in the same group (SPEC §8).
//!
//! Each query is a record that finds its person by one key: a third by
//! external reference, a third by email, a third by phone. The bare probe
//! looks the same key up in a `HashMap` from key string to handle.

#![allow(missing_docs)] // criterion's macros generate undocumented items

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use person_match::{EmailAddress, PersonFields, PersonLookup, PhoneNumber, Scope, rank};

const QUERIES: usize = 1000;

fn matching(c: &mut Criterion) {
    let mut group = c.benchmark_group("matching");
    group.throughput(Throughput::Elements(QUERIES as u64));
    for n in [1_000, 100_000, 1_000_000] {
        let index = common::index_of(n);
        let scope = index.prepare_scope(&Scope::of(common::group_ids()));
        let queries: Vec<PersonFields> = common::sample(n, QUERIES)
            .into_iter()
            .enumerate()
            .map(|(q, i)| {
                let mut fields = common::person(i).fields;
                match q % 3 {
                    0 => {
                        fields.email_address = None;
                        fields.phone_number = None;
                    }
                    1 => {
                        fields.external_ref = None;
                        fields.phone_number = None;
                    }
                    _ => {
                        fields.external_ref = None;
                        fields.email_address = None;
                    }
                }
                fields
            })
            .collect();
        // The bare reference: one table per key, key string to handle.
        let mut refs = hashbrown::HashMap::with_hasher(foldhash::fast::FixedState::with_seed(1));
        let mut emails = refs.clone();
        let mut phones = refs.clone();
        for (h, p) in index.iter().enumerate() {
            let f = p.fields();
            refs.insert(f.external_ref.as_ref().unwrap().as_str().to_owned(), h);
            emails.insert(
                f.email_address
                    .as_ref()
                    .map(EmailAddress::key)
                    .unwrap()
                    .to_owned(),
                h,
            );
            phones.insert(
                f.phone_number
                    .as_ref()
                    .map(PhoneNumber::as_str)
                    .unwrap()
                    .to_owned(),
                h,
            );
        }
        for q in &queries {
            assert!(
                rank(&index, q, &scope).found().is_some(),
                "every query finds its person"
            );
        }
        group.bench_with_input(BenchmarkId::new("rank", n), &queries, |b, queries| {
            b.iter(|| {
                for q in queries {
                    black_box(rank(&index, black_box(q), &scope));
                }
            });
        });
        group.bench_with_input(BenchmarkId::new("bare_probe", n), &queries, |b, queries| {
            b.iter(|| {
                for q in queries {
                    let q = black_box(q);
                    let hit = if let Some(r) = &q.external_ref {
                        refs.get(r.as_str())
                    } else if let Some(e) = &q.email_address {
                        emails.get(e.key())
                    } else {
                        q.phone_number.as_ref().and_then(|p| phones.get(p.as_str()))
                    };
                    black_box(hit);
                }
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = matching
}
criterion_main!(benches);
