//! Synthetic persons shared by the matching and batch benches.
#![allow(dead_code)] // each bench uses its own subset

use person_match::{
    EmailAddress, ExternalRef, GroupId, Name, Person, PersonFields, PersonIndex, PhoneNumber,
    Region,
};

/// Groups persons are spread over.
pub const GROUPS: usize = 10;

pub fn group_ids() -> Vec<GroupId> {
    (0..GROUPS)
        .map(|g| GroupId::parse(&format!("group-{g}")).unwrap())
        .collect()
}

/// The wire strings of person `i`: external ref, email, phone (GB mobile
/// range 071…, valid for every `i` below 10^8), first and last name.
pub fn person_strings(i: usize) -> [String; 5] {
    [
        format!("crm-{i:08}"),
        format!("person.{i}@example{}.com", i % 1000),
        format!("+4471{i:08}"),
        format!("First{}", i % 5000),
        format!("Last{i}"),
    ]
}

pub fn person(i: usize) -> Person {
    let [external_ref, email, phone, first, last] = person_strings(i);
    Person {
        identifier: format!("p-{i}"),
        fields: PersonFields {
            external_ref: Some(ExternalRef::parse(&external_ref).unwrap()),
            email_address: Some(EmailAddress::parse(&email).unwrap()),
            phone_number: Some(PhoneNumber::parse(&phone, Region::GB).unwrap()),
            first_name: Some(Name::parse(&first).unwrap()),
            last_name: Some(Name::parse(&last).unwrap()),
        },
        groups: vec![group_ids()[i % GROUPS].clone()],
    }
}

pub fn index_of(n: usize) -> PersonIndex {
    let mut index = PersonIndex::new();
    for i in 0..n {
        index.insert(person(i)).unwrap();
    }
    index
}

/// A deterministic spread of `count` person numbers below `n`.
pub fn sample(n: usize, count: usize) -> Vec<usize> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..count)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            usize::try_from(x % n as u64).unwrap()
        })
        .collect()
}
