//! The index as the earlier records of a plan would leave it: the base
//! lookup, untouched, seen through the plan's own creations and updates.

use std::hash::BuildHasher;
use std::sync::Arc;

use foldhash::fast::FixedState;
use hashbrown::{HashMap, HashTable};

use crate::plan::Target;
use crate::{
    Candidate, EmailAddress, ExternalRef, GroupId, PersonFields, PersonLookup, PhoneNumber, Scope,
};

/// One match key of a pending person.
enum PendingKey {
    /// As the base store holds it (an existing person, this key unchanged).
    Base,
    /// Absent.
    Absent,
    /// Set by the plan: the key is `Pending::texts[start..end]`.
    Set { start: usize, end: usize },
}

/// The match keys in [`Candidate`] order: external ref, email, phone.
const REF: usize = 0;
const EMAIL: usize = 1;
const PHONE: usize = 2;

/// The keys `fields` sets, in `REF`, `EMAIL`, `PHONE` order.
fn keys_of(fields: &PersonFields) -> [Option<&str>; 3] {
    [
        fields.external_ref.as_ref().map(ExternalRef::as_str),
        fields.email_address.as_ref().map(EmailAddress::key),
        fields.phone_number.as_ref().map(PhoneNumber::as_str),
    ]
}

/// A person the plan has created or changed: its keys as they now stand,
/// and the groups it has (created) or gained (existing).
struct PendingPerson<Id> {
    target: Target<Id>,
    keys: [PendingKey; 3],
    groups: Joined,
}

/// The groups a pending person has (created) or has gained (existing).
/// Mostly one record's scope, shared with its decision; a union of its own
/// only once records with different scopes touch the person.
enum Joined {
    Shared(Arc<[GroupId]>),
    Union(Vec<GroupId>),
}

impl Joined {
    /// No groups yet (an empty shared list allocates nothing).
    fn none() -> Joined {
        Joined::Shared(Arc::default())
    }

    fn groups(&self) -> &[GroupId] {
        match self {
            Joined::Shared(groups) => groups,
            Joined::Union(groups) => groups,
        }
    }

    /// Adds `groups`, each once.
    fn join(&mut self, groups: &Arc<[GroupId]>) {
        let held = self.groups();
        if groups.iter().all(|g| held.contains(g)) {
            return;
        }
        if held.is_empty() {
            *self = Joined::Shared(Arc::clone(groups));
            return;
        }
        if let Joined::Shared(shared) = self {
            *self = Joined::Union(shared.to_vec());
        }
        if let Joined::Union(union) = self {
            for g in groups.iter() {
                if !union.contains(g) {
                    union.push(g.clone());
                }
            }
        }
    }
}

pub(crate) struct Pending<'a, L: PersonLookup> {
    base: &'a L,
    persons: Vec<PendingPerson<L::PersonId>>,
    /// The keys the plan sets, one after another ([`PendingKey::Set`]),
    /// so that setting one allocates nothing of its own.
    texts: String,
    /// Existing persons the plan has changed → their place in `persons`.
    touched: HashMap<L::PersonId, usize, FixedState>,
    /// Created persons, in order → their place in `persons`.
    created: Vec<usize>,
    hasher: FixedState,
    /// Places in `persons` by each key they have held.
    by_ref: KeyTable,
    by_email: KeyTable,
    by_phone: KeyTable,
}

/// A scope prepared for both the base lookup and the pending persons.
pub(crate) struct PendingScope<S> {
    base: S,
    groups: Arc<[GroupId]>,
}

fn intersects(a: &[GroupId], b: &[GroupId]) -> bool {
    a.iter().any(|g| b.contains(g))
}

/// Places in `persons` by one key, as (hash of the key, place), each pair
/// once. Entries go stale when a person's key changes, so every hit is
/// checked against the person's current key; nothing is allocated per key.
#[derive(Default)]
struct KeyTable {
    entries: HashTable<(u64, usize)>,
}

impl KeyTable {
    fn remember(&mut self, hash: Option<u64>, place: usize) {
        let Some(hash) = hash else { return };
        if !self.entries.iter_hash(hash).any(|&e| e == (hash, place)) {
            self.entries.insert_unique(hash, (hash, place), |&(h, _)| h);
        }
    }

    fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional, |&(h, _)| h);
    }

    fn places(&self, hash: u64) -> impl Iterator<Item = usize> + '_ {
        self.entries
            .iter_hash(hash)
            .filter(move |&&(h, _)| h == hash)
            .map(|&(_, place)| place)
    }
}

impl<'a, L: PersonLookup> Pending<'a, L> {
    pub(crate) fn new(base: &'a L) -> Self {
        Pending {
            base,
            persons: Vec::new(),
            texts: String::new(),
            hasher: FixedState::default(),
            touched: HashMap::with_hasher(FixedState::default()),
            created: Vec::new(),
            by_ref: KeyTable::default(),
            by_email: KeyTable::default(),
            by_phone: KeyTable::default(),
        }
    }

    /// Makes room for a plan of `records` records, each touching at most
    /// one person, so that the tables do not grow and rehash on the way.
    pub(crate) fn reserve(&mut self, records: usize) {
        self.persons.reserve(records);
        self.touched.reserve(records);
        self.created.reserve(records);
        self.by_ref.reserve(records);
        self.by_email.reserve(records);
        self.by_phone.reserve(records);
    }

    pub(crate) fn created_count(&self) -> usize {
        self.created.len()
    }

    /// A pending person's keys as they now stand, in `REF`, `EMAIL`,
    /// `PHONE` order; the base store is asked once, and only when a key is
    /// still the base store's.
    fn keys<'p>(&'p self, person: &'p PendingPerson<L::PersonId>) -> [Option<&'p str>; 3] {
        let keeps_base = person.keys.iter().any(|k| matches!(k, PendingKey::Base));
        let base = if keeps_base {
            self.base_keys(person.target)
        } else {
            None
        };
        self.keys_over(person, base)
    }

    /// A pending person's keys as they now stand, given the base store's
    /// keys for it (`base`, for an existing person) when the caller
    /// already has them.
    fn keys_over<'p>(
        &'p self,
        person: &'p PendingPerson<L::PersonId>,
        base: Option<[Option<&'p str>; 3]>,
    ) -> [Option<&'p str>; 3] {
        [REF, EMAIL, PHONE].map(|k| match person.keys[k] {
            PendingKey::Set { start, end } => self.texts.get(start..end),
            PendingKey::Base => base.and_then(|b| b[k]),
            PendingKey::Absent => None,
        })
    }

    /// The base store's keys of `target`, when it is an existing person.
    fn base_keys(&self, target: Target<L::PersonId>) -> Option<[Option<&'a str>; 3]> {
        let base: &'a L = self.base;
        match target {
            Target::Existing(id) => base.candidate(id).map(|c| c.keys()),
            Target::New(_) => None,
        }
    }

    fn pending_candidate<'p>(
        &'p self,
        person: &'p PendingPerson<L::PersonId>,
    ) -> Candidate<'p, Target<L::PersonId>> {
        let [external_ref, email_key, phone_key] = self.keys(person);
        Candidate::new(person.target, external_ref, email_key, phone_key)
    }

    /// Files a pending person under each key it now has (unchanged base
    /// keys too: the base lookup no longer answers for a touched person);
    /// `base` as [`Pending::base_keys`] gives it.
    fn index_keys(&mut self, place: usize, base: Option<[Option<&str>; 3]>) {
        let hashes = self
            .keys_over(&self.persons[place], base)
            .map(|key| key.map(|key| self.hasher.hash_one(key)));
        self.by_ref.remember(hashes[REF], place);
        self.by_email.remember(hashes[EMAIL], place);
        self.by_phone.remember(hashes[PHONE], place);
    }

    /// Writes the keys `changes` sets over a pending person's; a key equal
    /// to the base store's (`base`, as [`Pending::base_keys`] gives it)
    /// stays [`PendingKey::Base`].
    fn overwrite_keys(
        &mut self,
        place: usize,
        changes: &PersonFields,
        base: Option<[Option<&str>; 3]>,
    ) {
        let person = &mut self.persons[place];
        for (k, change) in keys_of(changes).into_iter().enumerate() {
            if let Some(value) = change {
                person.keys[k] = if base.is_some_and(|b| b[k] == Some(value)) {
                    PendingKey::Base
                } else {
                    let start = self.texts.len();
                    self.texts.push_str(value);
                    PendingKey::Set {
                        start,
                        end: self.texts.len(),
                    }
                };
            }
        }
    }

    /// Records a new person; returns its target.
    pub(crate) fn create(
        &mut self,
        fields: &PersonFields,
        groups: &Arc<[GroupId]>,
    ) -> Target<L::PersonId> {
        let target = Target::New(self.created.len());
        self.persons.push(PendingPerson {
            target,
            keys: [PendingKey::Absent, PendingKey::Absent, PendingKey::Absent],
            groups: Joined::Shared(Arc::clone(groups)),
        });
        let place = self.persons.len() - 1;
        self.created.push(place);
        self.overwrite_keys(place, fields, None);
        self.index_keys(place, None);
        target
    }

    /// Records an update of `target` with the present fields of `changes`,
    /// gaining `groups`.
    pub(crate) fn update(
        &mut self,
        target: Target<L::PersonId>,
        changes: &PersonFields,
        groups: &Arc<[GroupId]>,
    ) {
        // Asked once: whether the person exists, and which keys it keeps.
        let base = self.base_keys(target);
        let place = match target {
            Target::New(n) => self.created.get(n).copied(),
            Target::Existing(id) => match self.touched.get(&id) {
                Some(&place) => Some(place),
                None => base.map(|_| {
                    self.persons.push(PendingPerson {
                        target,
                        keys: [PendingKey::Base, PendingKey::Base, PendingKey::Base],
                        groups: Joined::none(),
                    });
                    let place = self.persons.len() - 1;
                    self.touched.insert(id, place);
                    place
                }),
            },
        };
        // A target comes from matching over this very view, so it exists.
        let Some(place) = place else { return };
        self.overwrite_keys(place, changes, base);
        self.persons[place].groups.join(groups);
        self.index_keys(place, base);
    }

    fn visit_pending<F>(
        &self,
        table: &KeyTable,
        k: usize,
        key: &str,
        scope: &PendingScope<L::Scope>,
        visit: &mut F,
    ) where
        F: FnMut(Candidate<'_, Target<L::PersonId>>),
    {
        if self.persons.is_empty() {
            return;
        }
        for place in table.places(self.hasher.hash_one(key)) {
            let person = &self.persons[place];
            if self.keys(person)[k] == Some(key) && self.in_scope(person.target, scope) {
                visit(self.pending_candidate(person));
            }
        }
    }
}

/// Maps a base candidate to the plan's ids.
fn existing<Id: Copy>(c: Candidate<'_, Id>) -> Candidate<'_, Target<Id>> {
    c.with_id(Target::Existing(c.id))
}

impl<L: PersonLookup> PersonLookup for Pending<'_, L> {
    type PersonId = Target<L::PersonId>;
    type Scope = PendingScope<L::Scope>;

    fn prepare_scope(&self, scope: &Scope) -> Self::Scope {
        PendingScope {
            base: self.base.prepare_scope(scope),
            groups: Arc::clone(scope.shared_groups()),
        }
    }

    fn in_scope(&self, person: Self::PersonId, scope: &Self::Scope) -> bool {
        match person {
            Target::Existing(id) => {
                self.base.in_scope(id, &scope.base)
                    || self.touched.get(&id).is_some_and(|&place| {
                        intersects(self.persons[place].groups.groups(), &scope.groups)
                    })
            }
            Target::New(n) => self.created.get(n).is_some_and(|&place| {
                intersects(self.persons[place].groups.groups(), &scope.groups)
            }),
        }
    }

    fn candidate(&self, person: Self::PersonId) -> Option<Candidate<'_, Self::PersonId>> {
        match person {
            Target::Existing(id) => match self.touched.get(&id) {
                Some(&place) => Some(self.pending_candidate(&self.persons[place])),
                None => self.base.candidate(id).map(existing),
            },
            Target::New(n) => self
                .created
                .get(n)
                .map(|&place| self.pending_candidate(&self.persons[place])),
        }
    }

    fn visit_by_external_ref<F>(&self, key: &ExternalRef, scope: &Self::Scope, mut visit: F)
    where
        F: FnMut(Candidate<'_, Self::PersonId>),
    {
        self.base.visit_by_external_ref(key, &scope.base, |c| {
            if !self.touched.contains_key(&c.id) {
                visit(existing(c));
            }
        });
        self.visit_pending(&self.by_ref, REF, key.as_str(), scope, &mut visit);
    }

    fn visit_by_email<F>(&self, key: &EmailAddress, scope: &Self::Scope, mut visit: F)
    where
        F: FnMut(Candidate<'_, Self::PersonId>),
    {
        self.base.visit_by_email(key, &scope.base, |c| {
            if !self.touched.contains_key(&c.id) {
                visit(existing(c));
            }
        });
        self.visit_pending(&self.by_email, EMAIL, key.key(), scope, &mut visit);
    }

    fn visit_by_phone<F>(&self, key: &PhoneNumber, scope: &Self::Scope, mut visit: F)
    where
        F: FnMut(Candidate<'_, Self::PersonId>),
    {
        self.base.visit_by_phone(key, &scope.base, |c| {
            if !self.touched.contains_key(&c.id) {
                visit(existing(c));
            }
        });
        self.visit_pending(&self.by_phone, PHONE, key.as_str(), scope, &mut visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GroupId, Person, PersonIndex, Region};

    fn fields(external_ref: &str, email: &str, phone: &str) -> PersonFields {
        PersonFields {
            external_ref: ExternalRef::parse(external_ref).ok(),
            email_address: EmailAddress::parse(email).ok(),
            phone_number: PhoneNumber::parse(phone, Region::GB).ok(),
            ..PersonFields::default()
        }
    }

    #[test]
    fn candidates_show_keys_as_the_plan_left_them() {
        let mut index = PersonIndex::new();
        let existing = index
            .insert(Person {
                identifier: "p-1".into(),
                fields: fields("r-1", "Old@Example.com", "01234 567890"),
                groups: GroupId::parse_list(&["g"]),
            })
            .unwrap();
        let mut pending = Pending::new(&index);
        let untouched = pending.candidate(Target::Existing(existing)).unwrap();
        assert_eq!(untouched.email_key(), Some("old@example.com"));

        let new = pending.create(
            &fields("r-2", "new@example.com", "+44 1234 567891"),
            &Arc::default(),
        );
        let created = pending.candidate(new).unwrap();
        assert_eq!(
            (
                created.external_ref(),
                created.email_key(),
                created.phone_key()
            ),
            (Some("r-2"), Some("new@example.com"), Some("+441234567891"))
        );

        let changes = PersonFields {
            email_address: EmailAddress::parse("changed@example.com").ok(),
            ..PersonFields::default()
        };
        pending.update(Target::Existing(existing), &changes, &Arc::default());
        let updated = pending.candidate(Target::Existing(existing)).unwrap();
        assert_eq!(
            (
                updated.external_ref(),
                updated.email_key(),
                updated.phone_key()
            ),
            (
                Some("r-1"),
                Some("changed@example.com"),
                Some("+441234567890")
            )
        );
        assert!(pending.candidate(Target::New(5)).is_none());
    }
}
