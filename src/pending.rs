//! The index as the earlier records of a plan would leave it: the base
//! lookup, untouched, seen through the plan's own creations and updates.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::{HashMap, HashTable};

use crate::plan::Target;
use crate::{
    Candidate, EmailAddress, ExternalRef, GroupId, PersonFields, PersonLookup, PhoneNumber, Scope,
};

/// A person the plan has created or changed: its keys as they now stand,
/// and the groups it has (created) or gained (existing).
struct PendingPerson<Id> {
    target: Target<Id>,
    external_ref: Option<String>,
    email_key: Option<String>,
    phone_key: Option<String>,
    groups: Vec<GroupId>,
}

impl<Id: Copy> PendingPerson<Id> {
    fn candidate(&self) -> Candidate<'_, Target<Id>> {
        Candidate {
            id: self.target,
            external_ref: self.external_ref.as_deref(),
            email_key: self.email_key.as_deref(),
            phone_key: self.phone_key.as_deref(),
        }
    }

    /// Takes the match keys of the present fields of `fields`.
    fn overwrite_keys(&mut self, fields: &PersonFields) {
        if let Some(r) = &fields.external_ref {
            self.external_ref = Some(r.as_str().to_owned());
        }
        if let Some(e) = &fields.email_address {
            self.email_key = Some(e.key().to_owned());
        }
        if let Some(p) = &fields.phone_number {
            self.phone_key = Some(p.as_str().to_owned());
        }
    }
}

pub(crate) struct Pending<'a, L: PersonLookup> {
    base: &'a L,
    persons: Vec<PendingPerson<L::PersonId>>,
    /// Existing persons the plan has changed → their place in `persons`.
    touched: HashMap<L::PersonId, usize, FixedState>,
    /// Created persons, in order → their place in `persons`.
    created: Vec<usize>,
    /// Places in `persons` by each key they have held.
    by_ref: KeyTable,
    by_email: KeyTable,
    by_phone: KeyTable,
}

/// A scope prepared for both the base lookup and the pending persons.
pub(crate) struct PendingScope<S> {
    base: S,
    groups: Vec<GroupId>,
}

fn intersects(a: &[GroupId], b: &[GroupId]) -> bool {
    a.iter().any(|g| b.contains(g))
}

/// Places in `persons` by one key, as (hash of the key, place), each pair
/// once. Entries go stale when a person's key changes, so every hit is
/// checked against the person's current key; nothing is allocated per key.
#[derive(Default)]
struct KeyTable {
    hasher: FixedState,
    entries: HashTable<(u64, usize)>,
}

impl KeyTable {
    fn remember(&mut self, key: Option<&str>, place: usize) {
        let Some(key) = key else { return };
        let hash = self.hasher.hash_one(key);
        if !self.entries.iter_hash(hash).any(|&e| e == (hash, place)) {
            self.entries.insert_unique(hash, (hash, place), |&(h, _)| h);
        }
    }

    fn places<'t>(&'t self, key: &str) -> impl Iterator<Item = usize> + 't {
        let hash = self.hasher.hash_one(key);
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
            touched: HashMap::with_hasher(FixedState::default()),
            created: Vec::new(),
            by_ref: KeyTable::default(),
            by_email: KeyTable::default(),
            by_phone: KeyTable::default(),
        }
    }

    pub(crate) fn created_count(&self) -> usize {
        self.created.len()
    }

    fn index_keys(&mut self, place: usize) {
        let p = &self.persons[place];
        self.by_ref.remember(p.external_ref.as_deref(), place);
        self.by_email.remember(p.email_key.as_deref(), place);
        self.by_phone.remember(p.phone_key.as_deref(), place);
    }

    /// Records a new person; returns its target.
    pub(crate) fn create(
        &mut self,
        fields: &PersonFields,
        groups: &[GroupId],
    ) -> Target<L::PersonId> {
        let target = Target::New(self.created.len());
        let mut person = PendingPerson {
            target,
            external_ref: None,
            email_key: None,
            phone_key: None,
            groups: groups.to_vec(),
        };
        person.overwrite_keys(fields);
        self.persons.push(person);
        let place = self.persons.len() - 1;
        self.created.push(place);
        self.index_keys(place);
        target
    }

    /// Records an update of `target` with the present fields of `changes`,
    /// gaining `groups`.
    pub(crate) fn update(
        &mut self,
        target: Target<L::PersonId>,
        changes: &PersonFields,
        groups: &[GroupId],
    ) {
        let place = match target {
            Target::New(n) => self.created.get(n).copied(),
            Target::Existing(id) => match self.touched.get(&id) {
                Some(&place) => Some(place),
                None => self.base.candidate(id).map(|c| {
                    self.persons.push(PendingPerson {
                        target,
                        external_ref: c.external_ref.map(str::to_owned),
                        email_key: c.email_key.map(str::to_owned),
                        phone_key: c.phone_key.map(str::to_owned),
                        groups: Vec::new(),
                    });
                    let place = self.persons.len() - 1;
                    self.touched.insert(id, place);
                    place
                }),
            },
        };
        // A target comes from matching over this very view, so it exists.
        let Some(place) = place else { return };
        let person = &mut self.persons[place];
        person.overwrite_keys(changes);
        for g in groups {
            if !person.groups.contains(g) {
                person.groups.push(g.clone());
            }
        }
        self.index_keys(place);
    }

    fn visit_pending<F>(
        &self,
        table: &KeyTable,
        key: &str,
        key_of: fn(&PendingPerson<L::PersonId>) -> Option<&str>,
        scope: &PendingScope<L::Scope>,
        visit: &mut F,
    ) where
        F: FnMut(Candidate<'_, Target<L::PersonId>>),
    {
        for place in table.places(key) {
            let person = &self.persons[place];
            if key_of(person) == Some(key) && self.in_scope(person.target, scope) {
                visit(person.candidate());
            }
        }
    }
}

/// Maps a base candidate to the plan's ids.
fn existing<Id>(c: Candidate<'_, Id>) -> Candidate<'_, Target<Id>> {
    Candidate {
        id: Target::Existing(c.id),
        external_ref: c.external_ref,
        email_key: c.email_key,
        phone_key: c.phone_key,
    }
}

impl<L: PersonLookup> PersonLookup for Pending<'_, L> {
    type PersonId = Target<L::PersonId>;
    type Scope = PendingScope<L::Scope>;

    fn prepare_scope(&self, scope: &Scope) -> Self::Scope {
        PendingScope {
            base: self.base.prepare_scope(scope),
            groups: if self.persons.is_empty() {
                Vec::new()
            } else {
                scope.groups().to_vec()
            },
        }
    }

    fn in_scope(&self, person: Self::PersonId, scope: &Self::Scope) -> bool {
        match person {
            Target::Existing(id) => {
                self.base.in_scope(id, &scope.base)
                    || self.touched.get(&id).is_some_and(|&place| {
                        intersects(&self.persons[place].groups, &scope.groups)
                    })
            }
            Target::New(n) => self
                .created
                .get(n)
                .is_some_and(|&place| intersects(&self.persons[place].groups, &scope.groups)),
        }
    }

    fn candidate(&self, person: Self::PersonId) -> Option<Candidate<'_, Self::PersonId>> {
        match person {
            Target::Existing(id) => match self.touched.get(&id) {
                Some(&place) => Some(self.persons[place].candidate()),
                None => self.base.candidate(id).map(existing),
            },
            Target::New(n) => self
                .created
                .get(n)
                .map(|&place| self.persons[place].candidate()),
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
        self.visit_pending(
            &self.by_ref,
            key.as_str(),
            |p| p.external_ref.as_deref(),
            scope,
            &mut visit,
        );
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
        self.visit_pending(
            &self.by_email,
            key.key(),
            |p| p.email_key.as_deref(),
            scope,
            &mut visit,
        );
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
        self.visit_pending(
            &self.by_phone,
            key.as_str(),
            |p| p.phone_key.as_deref(),
            scope,
            &mut visit,
        );
    }
}
