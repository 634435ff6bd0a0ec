//! Ranked matching (SPEC §4.3): which person a record is.

use std::fmt;

use crate::{
    Candidate, EmailAddress, ExternalRef, MatchedBy, PersonFields, PersonLookup, PhoneNumber,
};

/// What ranked matching found for a record. It explains itself: which key
/// matched, or why no single person could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchOutcome<Id> {
    /// Exactly one person in scope has the record's external reference.
    ByExternalRef(Id),
    /// Exactly one person in scope has the record's email address.
    ByEmailAddress(Id),
    /// Several persons in scope have the record's email address, and exactly
    /// one of them also has its phone number.
    ByEmailAndPhone(Id),
    /// Nobody has the record's email address, and exactly one person in
    /// scope has its phone number.
    ByPhoneNumber(Id),
    /// Several persons match and nothing in the record tells them apart.
    Ambiguous(Ambiguity<Id>),
    /// The record's external reference matched nobody, and its email or
    /// phone found a person with a different external reference.
    IdentityConflict {
        /// The person the email or phone found.
        person: Id,
        /// Which key found it.
        by: MatchedBy,
    },
    /// Nobody in scope matches.
    NoMatch,
}

impl<Id: Copy> MatchOutcome<Id> {
    /// The person matched, with the key reported as `matched_by`.
    #[must_use]
    pub fn found(&self) -> Option<(Id, MatchedBy)> {
        match *self {
            MatchOutcome::ByExternalRef(id) => Some((id, MatchedBy::ExternalRef)),
            MatchOutcome::ByEmailAddress(id) | MatchOutcome::ByEmailAndPhone(id) => {
                Some((id, MatchedBy::EmailAddress))
            }
            MatchOutcome::ByPhoneNumber(id) => Some((id, MatchedBy::PhoneNumber)),
            _ => None,
        }
    }
}

/// Several persons that one record matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity<Id> {
    /// The key they share.
    pub by: MatchedBy,
    /// Every person with that key in scope, sorted.
    pub candidates: Vec<Id>,
    /// When the record also had a phone number that was used to narrow
    /// several persons sharing its email: how many of them have it.
    pub with_phone: Option<usize>,
}

impl<Id> fmt::Display for Ambiguity<Id> {
    /// The `failure_reason`: how many match, by which field, and what would
    /// tell them apart.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.candidates.len();
        match (self.by, self.with_phone) {
            (MatchedBy::ExternalRef, _) => write!(
                f,
                "{n} persons in scope have this external_ref; an external_ref should identify one person, so name the groups that hold only the intended one"
            ),
            (MatchedBy::EmailAddress, None) => write!(
                f,
                "{n} persons in scope have this email_address; add the phone_number or external_ref of the intended one to tell them apart"
            ),
            (MatchedBy::EmailAddress, Some(m)) => write!(
                f,
                "{n} persons in scope have this email_address and {m} of them have this phone_number; add the external_ref of the intended one to tell them apart"
            ),
            (MatchedBy::PhoneNumber, _) => write!(
                f,
                "{n} persons in scope have this phone_number; add the email_address or external_ref of the intended one to tell them apart"
            ),
        }
    }
}

/// Persons seen for one key: how many, the first, and whether the first
/// carries an external reference that conflicts with the record's.
struct Tally<Id> {
    count: usize,
    first: Option<(Id, bool)>,
}

impl<Id> Tally<Id> {
    fn new() -> Self {
        Tally {
            count: 0,
            first: None,
        }
    }

    fn add(&mut self, id: Id, conflicts: bool) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((id, conflicts));
        }
    }
}

/// Finds the person a record is, within a scope (SPEC §4.3).
///
/// 1. An external reference held by exactly one person in scope decides;
///    held by several, the match is ambiguous.
/// 2. Otherwise the email decides if one person has it; if several do, the
///    phone must narrow them to one. Without an email match, the phone
///    decides if one person has it.
/// 3. A person found in step 2 whose own external reference is set and
///    differs from the record's is an identity conflict (the caller's
///    policy decides what to do, see [`crate::IdentityConflictPolicy`]).
///
/// It never picks one of several candidates, and it allocates only to list
/// the candidates of an ambiguous match.
// Inlined into its caller's loop, the lookups' setup and the registers
// they need are paid once per loop rather than once per record: 15% fewer
// instructions per query (callgrind).
#[inline]
pub fn rank<L: PersonLookup>(
    lookup: &L,
    record: &PersonFields,
    scope: &L::Scope,
) -> MatchOutcome<L::PersonId> {
    let record_ref = record.external_ref.as_ref().map(ExternalRef::as_str);
    if let Some(key) = &record.external_ref {
        let mut refs = Tally::new();
        lookup.visit_by_external_ref(key, scope, |c| refs.add(c.id, false));
        match (refs.count, refs.first) {
            (1, Some((id, _))) => return MatchOutcome::ByExternalRef(id),
            (0, _) => {}
            _ => {
                return ambiguous(lookup, scope, Shared::ExternalRef(key), refs.count, None);
            }
        }
    }

    // A found person conflicts when the record has a reference (which, by
    // step 1, nobody in scope holds) and the person holds another one.
    // The candidate's own reference is read only when the record has one.
    let conflicts = |c: &Candidate<'_, L::PersonId>| {
        record_ref.is_some() && c.external_ref().is_some_and(|r| Some(r) != record_ref)
    };

    let phone = record.phone_number.as_ref();
    let phone_key = phone.map(PhoneNumber::as_str);
    if let Some(email) = &record.email_address {
        let mut emails = Tally::new();
        let mut both = Tally::new();
        lookup.visit_by_email(email, scope, |c| {
            let conflict = conflicts(&c);
            emails.add(c.id, conflict);
            if phone_key.is_some() && c.phone_key() == phone_key {
                both.add(c.id, conflict);
            }
        });
        match (emails.count, emails.first, phone) {
            (0, _, _) => {}
            (1, Some(first), _) => {
                return settle(first, MatchedBy::EmailAddress, MatchOutcome::ByEmailAddress);
            }
            (_, _, Some(_)) if both.count == 1 => {
                if let Some(first) = both.first {
                    return settle(
                        first,
                        MatchedBy::EmailAddress,
                        MatchOutcome::ByEmailAndPhone,
                    );
                }
            }
            (n, _, _) => {
                return ambiguous(
                    lookup,
                    scope,
                    Shared::EmailAddress(email),
                    n,
                    phone.map(|_| both.count),
                );
            }
        }
    }

    if let Some(phone) = phone {
        let mut phones = Tally::new();
        lookup.visit_by_phone(phone, scope, |c| {
            phones.add(c.id, conflicts(&c));
        });
        match (phones.count, phones.first) {
            (0, _) => {}
            (1, Some(first)) => {
                return settle(first, MatchedBy::PhoneNumber, MatchOutcome::ByPhoneNumber);
            }
            _ => {
                return ambiguous(
                    lookup,
                    scope,
                    Shared::PhoneNumber(phone),
                    phones.count,
                    None,
                );
            }
        }
    }
    MatchOutcome::NoMatch
}

fn settle<Id>(
    (id, conflicts): (Id, bool),
    by: MatchedBy,
    found: fn(Id) -> MatchOutcome<Id>,
) -> MatchOutcome<Id> {
    if conflicts {
        MatchOutcome::IdentityConflict { person: id, by }
    } else {
        found(id)
    }
}

/// The key several persons share.
#[derive(Clone, Copy)]
enum Shared<'r> {
    ExternalRef(&'r ExternalRef),
    EmailAddress(&'r EmailAddress),
    PhoneNumber(&'r PhoneNumber),
}

/// Lists the `count` persons in scope sharing `key`. Kept out of line:
/// it is the rare path, and inlined it would make every ranking pay for
/// its three more copies of the lookup.
#[cold]
#[inline(never)]
fn ambiguous<L: PersonLookup>(
    lookup: &L,
    scope: &L::Scope,
    key: Shared<'_>,
    count: usize,
    with_phone: Option<usize>,
) -> MatchOutcome<L::PersonId> {
    let mut candidates = Vec::with_capacity(count);
    let by = match key {
        Shared::ExternalRef(key) => {
            lookup.visit_by_external_ref(key, scope, |c| candidates.push(c.id));
            MatchedBy::ExternalRef
        }
        Shared::EmailAddress(key) => {
            lookup.visit_by_email(key, scope, |c| candidates.push(c.id));
            MatchedBy::EmailAddress
        }
        Shared::PhoneNumber(key) => {
            lookup.visit_by_phone(key, scope, |c| candidates.push(c.id));
            MatchedBy::PhoneNumber
        }
    };
    candidates.sort_unstable();
    MatchOutcome::Ambiguous(Ambiguity {
        by,
        candidates,
        with_phone,
    })
}
