//! The lookup trait that ranked matching runs over.

use std::fmt;
use std::hash::Hash;

use crate::index::{Key, Slot};
use crate::{EmailAddress, ExternalRef, PhoneNumber, Scope};

/// A person as a lookup shows it to ranked matching: its id, and its match
/// keys as [`ExternalRef::as_str`], [`EmailAddress::key`] and
/// [`PhoneNumber::as_str`] give them.
///
/// The keys are read when asked for, not when the candidate is made:
/// ranking asks only for the keys its rules need, so a record with one key
/// reads no key of the person it finds.
///
/// ```
/// use person_match::Candidate;
///
/// let c = Candidate::new(7, Some("crm-7"), None, Some("+441234567890"));
/// assert_eq!((c.id, c.external_ref(), c.email_key()), (7, Some("crm-7"), None));
/// ```
#[derive(Clone, Copy)]
pub struct Candidate<'a, Id> {
    /// The person's id in the store.
    pub id: Id,
    keys: Keys<'a>,
}

/// Where a candidate's keys come from.
#[derive(Clone, Copy)]
enum Keys<'a> {
    /// Given by the store.
    Given([Option<&'a str>; 3]),
    /// Read off a person as [`crate::PersonIndex`] stores it.
    Stored(Slot<'a>),
}

impl<'a, Id> Candidate<'a, Id> {
    /// A candidate with these keys.
    #[must_use]
    pub fn new(
        id: Id,
        external_ref: Option<&'a str>,
        email_key: Option<&'a str>,
        phone_key: Option<&'a str>,
    ) -> Self {
        Candidate {
            id,
            keys: Keys::Given([external_ref, email_key, phone_key]),
        }
    }

    pub(crate) fn stored(id: Id, slot: Slot<'a>) -> Self {
        Candidate {
            id,
            keys: Keys::Stored(slot),
        }
    }

    /// The same person under another id (a view over a store that names
    /// persons its own way).
    #[must_use]
    pub fn with_id<T>(self, id: T) -> Candidate<'a, T> {
        Candidate {
            id,
            keys: self.keys,
        }
    }

    /// The person's external reference.
    #[must_use]
    pub fn external_ref(&self) -> Option<&'a str> {
        match self.keys {
            Keys::Given([external_ref, ..]) => external_ref,
            Keys::Stored(slot) => slot.key(Key::ExternalRef),
        }
    }

    /// The person's email key.
    #[must_use]
    pub fn email_key(&self) -> Option<&'a str> {
        match self.keys {
            Keys::Given([_, email_key, _]) => email_key,
            Keys::Stored(slot) => slot.key(Key::Email),
        }
    }

    /// The person's phone key.
    #[must_use]
    pub fn phone_key(&self) -> Option<&'a str> {
        match self.keys {
            Keys::Given([.., phone_key]) => phone_key,
            Keys::Stored(slot) => slot.key(Key::Phone),
        }
    }

    /// The three keys: external reference, email key, phone key.
    #[must_use]
    pub fn keys(&self) -> [Option<&'a str>; 3] {
        match self.keys {
            Keys::Given(keys) => keys,
            Keys::Stored(slot) => slot.keys(),
        }
    }
}

impl<Id: PartialEq> PartialEq for Candidate<'_, Id> {
    /// The same id with the same keys, however the store gave them.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.keys() == other.keys()
    }
}

impl<Id: Eq> Eq for Candidate<'_, Id> {}

impl<Id: fmt::Debug> fmt::Debug for Candidate<'_, Id> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Candidate")
            .field("id", &self.id)
            .field("external_ref", &self.external_ref())
            .field("email_key", &self.email_key())
            .field("phone_key", &self.phone_key())
            .finish()
    }
}

/// A store of persons indexed by the three match keys, within a scope.
///
/// Ranked matching ([`crate::rank`]) and batch planning ([`crate::plan`])
/// run over this trait, so a store other than [`crate::PersonIndex`] (a
/// database with indexes on the same keys) gets exactly the same ranking.
/// Keys compare as [`ExternalRef::as_str`], [`EmailAddress::key`] and
/// [`PhoneNumber::as_str`] do; a person is in scope when it belongs to at
/// least one of the scope's groups.
pub trait PersonLookup {
    /// How the store names a person.
    type PersonId: Copy + Eq + Ord + Hash + fmt::Debug;

    /// A scope in the store's own terms, prepared once per record.
    type Scope;

    /// Prepares a record's scope for the lookups below.
    fn prepare_scope(&self, scope: &Scope) -> Self::Scope;

    /// Whether `person` belongs to at least one group of `scope`.
    fn in_scope(&self, person: Self::PersonId, scope: &Self::Scope) -> bool;

    /// The person's keys, if it exists.
    fn candidate(&self, person: Self::PersonId) -> Option<Candidate<'_, Self::PersonId>>;

    /// Calls `visit` for each person in scope with this external reference.
    fn visit_by_external_ref<F>(&self, key: &ExternalRef, scope: &Self::Scope, visit: F)
    where
        F: FnMut(Candidate<'_, Self::PersonId>);

    /// Calls `visit` for each person in scope with this email key.
    fn visit_by_email<F>(&self, key: &EmailAddress, scope: &Self::Scope, visit: F)
    where
        F: FnMut(Candidate<'_, Self::PersonId>);

    /// Calls `visit` for each person in scope with this phone key.
    fn visit_by_phone<F>(&self, key: &PhoneNumber, scope: &Self::Scope, visit: F)
    where
        F: FnMut(Candidate<'_, Self::PersonId>);

    /// A number that changes whenever the store changes, if the store keeps
    /// one: a plan made at one version is refused by a store at another.
    fn version(&self) -> Option<u64> {
        None
    }
}
