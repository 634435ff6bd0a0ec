//! The lookup trait that ranked matching runs over.

use std::fmt;
use std::hash::Hash;

use crate::{EmailAddress, ExternalRef, PhoneNumber, Scope};

/// A person as a lookup shows it to ranked matching: its id and its match
/// keys, as [`ExternalRef::as_str`], [`EmailAddress::key`] and
/// [`PhoneNumber::as_str`] give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a, Id> {
    /// The person's id in the store.
    pub id: Id,
    /// The person's external reference.
    pub external_ref: Option<&'a str>,
    /// The person's email key.
    pub email_key: Option<&'a str>,
    /// The person's phone key.
    pub phone_key: Option<&'a str>,
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
