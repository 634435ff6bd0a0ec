//! Normalization throughput: phone numbers against the `phonenumber`
//! crate's `parse` + `is_valid` + E.164 in the same group (SPEC §8), and
//! emails and names.
//!
//! The phone corpora come from the committed conformance vectors: every
//! valid input, in the forms the vectors hold (national, international,
//! E.164, punctuated), across every region; and the GB national ones.

#![allow(missing_docs)] // criterion's macros generate undocumented items

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use person_match::{EmailAddress, Name, PhoneNumber, Region};
use phonenumber::Mode;

const PHONE_VECTORS: &str = include_str!("../tests/data/phone_vectors.tsv");

/// (region, input) for every valid vector.
fn phone_corpus() -> Vec<(Region, phonenumber::country::Id, String)> {
    PHONE_VECTORS
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let region = cols.next()?;
            let input = cols.next()?;
            let valid = cols.next()? == "1";
            let ours = Region::new(region).ok()?;
            let theirs = region.parse().ok()?;
            (valid && PhoneNumber::parse(input, ours).is_ok())
                .then(|| (ours, theirs, input.to_owned()))
        })
        .collect()
}

fn reference(id: phonenumber::country::Id, input: &str) -> Option<String> {
    let number = phonenumber::parse(Some(id), input).ok()?;
    number
        .is_valid()
        .then(|| number.format().mode(Mode::E164).to_string())
}

fn phones(c: &mut Criterion) {
    let all = phone_corpus();
    let uk: Vec<_> = all
        .iter()
        .filter(|(r, _, input)| {
            *r == Region::GB && input.trim_start().starts_with('0') && !input.contains("00")
        })
        .cloned()
        .collect();
    for (name, corpus) in [("phone/every_region", &all), ("phone/uk_national", &uk)] {
        assert!(!corpus.is_empty(), "{name}: empty corpus");
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(corpus.len() as u64));
        group.bench_function("person_match", |b| {
            b.iter(|| {
                for (region, _, input) in corpus {
                    black_box(PhoneNumber::parse(black_box(input), *region).ok());
                }
            });
        });
        group.sample_size(10);
        group.bench_function("phonenumber_crate", |b| {
            b.iter(|| {
                for (_, id, input) in corpus {
                    black_box(reference(*id, black_box(input)));
                }
            });
        });
        group.finish();
    }
}

fn emails_and_names(c: &mut Criterion) {
    let emails: Vec<String> = (0..1000)
        .map(|i| match i % 4 {
            0 => format!("person.{i}@example.com"),
            1 => format!("  Person.{i}+Tag@Example.CO.UK "),
            2 => format!("j\u{f6}rg.{i}@b\u{fc}cher.example"),
            _ => format!("user{i}@xn--bcher-kva.example"),
        })
        .collect();
    let names: Vec<String> = (0..1000)
        .map(|i| match i % 3 {
            0 => format!("Person {i}"),
            1 => format!("  Ze\u{301}phyr   {i} "),
            _ => format!("\u{674e} \u{5c0f}\u{9f8d}{i}"),
        })
        .collect();
    let mut group = c.benchmark_group("email");
    group.throughput(Throughput::Elements(emails.len() as u64));
    group.bench_function("person_match", |b| {
        b.iter(|| {
            for e in &emails {
                black_box(EmailAddress::parse(black_box(e)).ok());
            }
        });
    });
    group.finish();
    let mut group = c.benchmark_group("name");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("person_match", |b| {
        b.iter(|| {
            for n in &names {
                black_box(Name::parse(black_box(n)).ok());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, phones, emails_and_names);
criterion_main!(benches);
