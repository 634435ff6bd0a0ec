//! The in-memory person index.
//!
//! Persons live in a slot vector addressed by dense `u32` handles. Each
//! match key has a hash table holding only the handle of the first person
//! with that key (compared against that person's own stored key, so no key
//! string is held twice); persons sharing a key are chained through a
//! `next` handle in their slot. A lookup hashes the key once, walks the
//! chain, and allocates nothing.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

use crate::plan::{Decision, Target};
use crate::{
    Applied, Candidate, Context, EmailAddress, ExternalRef, GroupId, Options, PersonFields,
    PersonLookup, PhoneNumber, Plan, Request, RequestError, Response, Scope, plan,
};

/// A person as stored: identifier, fields and groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// The API's identifier for the person.
    pub identifier: String,
    /// The stored fields.
    pub fields: PersonFields,
    /// The groups the person belongs to.
    pub groups: Vec<GroupId>,
}

/// A person's place in a [`PersonIndex`]: dense, and reused after removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonHandle(u32);

impl PersonHandle {
    fn slot(self) -> usize {
        self.0 as usize
    }
}

const NONE: u32 = u32::MAX;

/// The three match keys.
#[derive(Clone, Copy)]
enum Key {
    ExternalRef = 0,
    Email = 1,
    Phone = 2,
}

const KEYS: [Key; 3] = [Key::ExternalRef, Key::Email, Key::Phone];

struct Slot {
    identifier: String,
    fields: PersonFields,
    /// Group handles, sorted.
    groups: Box<[u32]>,
    /// The next person with the same key, per [`Key`].
    next: [u32; 3],
}

impl Slot {
    fn key(&self, key: Key) -> Option<&str> {
        match key {
            Key::ExternalRef => self.fields.external_ref.as_ref().map(ExternalRef::as_str),
            Key::Email => self.fields.email_address.as_ref().map(EmailAddress::key),
            Key::Phone => self.fields.phone_number.as_ref().map(PhoneNumber::as_str),
        }
    }
}

/// An in-memory store of persons, indexed by external reference, email key
/// and phone key, with group membership.
///
/// Several persons may share any key (families share phones and emails).
/// Lookups go through [`PersonLookup`], as ranked matching does.
///
/// ```
/// use person_match::{GroupId, Person, PersonFields, PersonIndex, PhoneNumber, Region};
///
/// let mut index = PersonIndex::new();
/// index.insert(Person {
///     identifier: "p-1".into(),
///     fields: PersonFields {
///         phone_number: Some(PhoneNumber::parse("01234 567890", Region::GB).unwrap()),
///         ..PersonFields::default()
///     },
///     groups: vec![GroupId::parse("group-1").unwrap()],
/// }).unwrap();
/// assert_eq!(index.len(), 1);
/// assert!(index.get("p-1").is_some());
/// ```
pub struct PersonIndex {
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    len: usize,
    hasher: FixedState,
    identifiers: HashTable<u32>,
    heads: [HashTable<u32>; 3],
    group_ids: Vec<GroupId>,
    group_handles: HashMap<GroupId, u32>,
    version: u64,
}

impl Default for PersonIndex {
    fn default() -> Self {
        PersonIndex::new()
    }
}

impl fmt::Debug for PersonIndex {
    /// Counts only: the index holds personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PersonIndex")
            .field("persons", &self.len)
            .field("groups", &self.group_ids.len())
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// The hash seed of [`PersonIndex::new`].
const DEFAULT_HASH_SEED: u64 = 0x7065_7273_6f6e_6d61;

impl PersonIndex {
    /// An empty index with the default hash seed.
    #[must_use]
    pub fn new() -> PersonIndex {
        PersonIndex::with_hash_seed(DEFAULT_HASH_SEED)
    }

    /// An empty index whose hash tables use `seed`. Results never depend on
    /// the seed; a service that indexes keys its callers choose may pick a
    /// secret one so that nobody can aim collisions at it.
    #[must_use]
    pub fn with_hash_seed(seed: u64) -> PersonIndex {
        PersonIndex {
            slots: Vec::new(),
            free: Vec::new(),
            len: 0,
            hasher: FixedState::with_seed(seed),
            identifiers: HashTable::new(),
            heads: [HashTable::new(), HashTable::new(), HashTable::new()],
            group_ids: Vec::new(),
            group_handles: HashMap::new(),
            version: 0,
        }
    }

    /// How many persons the index holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the index holds nobody.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    fn slot(&self, handle: u32) -> Option<&Slot> {
        slot_at(&self.slots, handle)
    }

    /// The handle of the person with this identifier.
    #[must_use]
    pub fn handle(&self, identifier: &str) -> Option<PersonHandle> {
        let slots = &self.slots;
        self.identifiers
            .find(self.hash(identifier), |&h| {
                slots[h as usize]
                    .as_ref()
                    .is_some_and(|s| s.identifier == identifier)
            })
            .map(|&h| PersonHandle(h))
    }

    /// The person with this identifier.
    #[must_use]
    pub fn get(&self, identifier: &str) -> Option<PersonView<'_>> {
        self.handle(identifier).and_then(|h| self.view(h))
    }

    /// The person at this handle.
    #[must_use]
    pub fn view(&self, handle: PersonHandle) -> Option<PersonView<'_>> {
        self.slot(handle.0).map(|slot| PersonView {
            index: self,
            handle,
            slot,
        })
    }

    /// Every person, in handle order.
    pub fn iter(&self) -> impl Iterator<Item = PersonView<'_>> {
        self.slots.iter().enumerate().filter_map(|(i, slot)| {
            slot.as_ref().map(|slot| PersonView {
                index: self,
                handle: PersonHandle(u32::try_from(i).unwrap_or(NONE)),
                slot,
            })
        })
    }

    fn intern_groups(&mut self, groups: &[GroupId]) -> Vec<u32> {
        groups
            .iter()
            .map(|g| {
                if let Some(&h) = self.group_handles.get(g) {
                    h
                } else {
                    let h = u32::try_from(self.group_ids.len()).unwrap_or(NONE);
                    self.group_ids.push(g.clone());
                    self.group_handles.insert(g.clone(), h);
                    h
                }
            })
            .collect()
    }

    /// Adds a person. Its identifier must be new.
    pub fn insert(&mut self, person: Person) -> Result<PersonHandle, IndexError> {
        if person.identifier.trim().is_empty() {
            return Err(IndexError::EmptyIdentifier);
        }
        if self.handle(&person.identifier).is_some() {
            return Err(IndexError::DuplicateIdentifier);
        }
        let handle = match self.free.pop() {
            Some(h) => h,
            None => match u32::try_from(self.slots.len()) {
                Ok(h) if h != NONE => {
                    self.slots.push(None);
                    h
                }
                _ => return Err(IndexError::Full),
            },
        };
        let mut groups = self.intern_groups(&person.groups);
        groups.sort_unstable();
        groups.dedup();
        let hash = self.hash(&person.identifier);
        self.slots[handle as usize] = Some(Slot {
            identifier: person.identifier,
            fields: person.fields,
            groups: groups.into_boxed_slice(),
            next: [NONE; 3],
        });
        let slots = &self.slots;
        let hasher = &self.hasher;
        self.identifiers.insert_unique(hash, handle, |&h| {
            slots[h as usize]
                .as_ref()
                .map_or(0, |s| hasher.hash_one(s.identifier.as_str()))
        });
        for key in KEYS {
            self.link(key, handle);
        }
        self.len += 1;
        self.version += 1;
        Ok(PersonHandle(handle))
    }

    /// Puts `handle` at the head of the chain for its `key`.
    fn link(&mut self, key: Key, handle: u32) {
        let Some(value) = slot_at(&self.slots, handle).and_then(|s| s.key(key)) else {
            return;
        };
        let hash = self.hasher.hash_one(value);
        let slots = &self.slots;
        let hasher = &self.hasher;
        let table = &mut self.heads[key as usize];
        let same_key = |&h: &u32| slot_at(slots, h).and_then(|s| s.key(key)) == Some(value);
        let old_head = if let Some(head) = table.find_mut(hash, same_key) {
            std::mem::replace(head, handle)
        } else {
            table.insert_unique(hash, handle, |&h| {
                slot_at(slots, h)
                    .and_then(|s| s.key(key))
                    .map_or(0, |k| hasher.hash_one(k))
            });
            NONE
        };
        if let Some(slot) = self.slots[handle as usize].as_mut() {
            slot.next[key as usize] = old_head;
        }
    }

    /// Takes `handle` out of the chain for its current `key`.
    fn unlink(&mut self, key: Key, handle: u32) {
        let k = key as usize;
        let Some((hash, next)) = slot_at(&self.slots, handle).and_then(|s| {
            s.key(key)
                .map(|value| (self.hasher.hash_one(value), s.next[k]))
        }) else {
            return;
        };
        let Ok(entry) = self.heads[k].find_entry(hash, |&h| h == handle) else {
            // Not the head: find the person before it in the chain.
            let slots = &self.slots;
            let Some(value) = slot_at(slots, handle).and_then(|s| s.key(key)) else {
                return;
            };
            let Some(&head) = self.heads[k].find(hash, |&h| {
                slot_at(slots, h).and_then(|s| s.key(key)) == Some(value)
            }) else {
                return;
            };
            let mut prev = head;
            while let Some(slot) = self.slot(prev) {
                if slot.next[k] == handle {
                    break;
                }
                prev = slot.next[k];
            }
            if let Some(slot) = self.slots.get_mut(prev as usize).and_then(Option::as_mut) {
                slot.next[k] = next;
            }
            return;
        };
        if next == NONE {
            entry.remove();
        } else {
            *entry.into_mut() = next;
        }
    }

    /// Overwrites the person's fields with the present fields of `changes`
    /// (absent ones stay) and re-indexes the keys that changed.
    pub fn update(
        &mut self,
        handle: PersonHandle,
        changes: &PersonFields,
    ) -> Result<(), IndexError> {
        let slot = self.slot(handle.0).ok_or(IndexError::UnknownPerson)?;
        let mut updated = slot.fields.clone();
        updated.overwrite_with(changes);
        let moved: Vec<Key> = KEYS
            .into_iter()
            .filter(|&key| {
                let before = slot.key(key);
                let after = match key {
                    Key::ExternalRef => updated.external_ref.as_ref().map(ExternalRef::as_str),
                    Key::Email => updated.email_address.as_ref().map(EmailAddress::key),
                    Key::Phone => updated.phone_number.as_ref().map(PhoneNumber::as_str),
                };
                before != after
            })
            .collect();
        for &key in &moved {
            self.unlink(key, handle.0);
        }
        if let Some(slot) = self.slots[handle.slot()].as_mut() {
            slot.fields = updated;
        }
        for &key in &moved {
            self.link(key, handle.0);
        }
        self.version += 1;
        Ok(())
    }

    /// Adds the person to `groups` (memberships are never removed here).
    pub fn add_groups(
        &mut self,
        handle: PersonHandle,
        groups: &[GroupId],
    ) -> Result<(), IndexError> {
        if self.slot(handle.0).is_none() {
            return Err(IndexError::UnknownPerson);
        }
        let added = self.intern_groups(groups);
        if let Some(slot) = self.slots[handle.slot()].as_mut() {
            let mut all: Vec<u32> = slot.groups.iter().copied().chain(added).collect();
            all.sort_unstable();
            all.dedup();
            slot.groups = all.into_boxed_slice();
        }
        self.version += 1;
        Ok(())
    }

    /// Removes the person with this identifier and returns it.
    pub fn remove(&mut self, identifier: &str) -> Option<Person> {
        let handle = self.handle(identifier)?.0;
        for key in KEYS {
            self.unlink(key, handle);
        }
        let hash = self.hash(identifier);
        if let Ok(entry) = self.identifiers.find_entry(hash, |&h| h == handle) {
            entry.remove();
        }
        let slot = self.slots[handle as usize].take()?;
        self.free.push(handle);
        self.len -= 1;
        self.version += 1;
        Some(Person {
            identifier: slot.identifier,
            fields: slot.fields,
            groups: slot
                .groups
                .iter()
                .map(|&g| self.group_ids[g as usize].clone())
                .collect(),
        })
    }

    /// Applies a plan made against this index at its current version.
    ///
    /// Identifiers for created persons come from `allocator`; one already
    /// in use is skipped. Either every decision is applied or, on error,
    /// nothing is.
    pub fn apply(
        &mut self,
        plan: &Plan<PersonHandle>,
        allocator: &mut impl IdentifierAllocator,
    ) -> Result<Applied, IndexError> {
        if plan.basis() != Some(self.version) {
            return Err(IndexError::StalePlan);
        }
        let room = (NONE as usize) - (self.slots.len() - self.free.len());
        if plan.created_count() > room {
            return Err(IndexError::Full);
        }
        // Choose every new identifier before changing anything.
        let mut fresh: Vec<String> = Vec::with_capacity(plan.created_count());
        while fresh.len() < plan.created_count() {
            let mut tries = 0usize;
            let id = loop {
                let id = allocator.next_identifier();
                if !id.trim().is_empty() && self.handle(&id).is_none() && !fresh.contains(&id) {
                    break id;
                }
                tries += 1;
                if tries > self.len + plan.created_count() {
                    return Err(IndexError::DuplicateIdentifier);
                }
            };
            fresh.push(id);
        }
        let mut fresh = fresh.into_iter();
        let mut created: Vec<PersonHandle> = Vec::with_capacity(plan.created_count());
        let mut identifiers = Vec::with_capacity(plan.records().len());
        for record in plan.records() {
            let identifier = match &record.decision {
                Decision::Create { fields, groups } => {
                    let identifier = fresh.next().ok_or(IndexError::StalePlan)?;
                    let handle = self.insert(Person {
                        identifier: identifier.clone(),
                        fields: fields.clone(),
                        groups: groups.clone(),
                    })?;
                    created.push(handle);
                    Some(identifier)
                }
                Decision::Update {
                    person,
                    fields,
                    groups,
                    ..
                } => {
                    let handle = match *person {
                        Target::Existing(h) => h,
                        Target::New(n) => *created.get(n).ok_or(IndexError::StalePlan)?,
                    };
                    self.update(handle, fields)?;
                    self.add_groups(handle, groups)?;
                    self.view(handle).map(|p| p.identifier().to_owned())
                }
                Decision::Fail { .. } => None,
            };
            identifiers.push(identifier);
        }
        Ok(Applied { identifiers })
    }
}

impl PersonIndex {
    /// Plans, applies and answers a request in one step: the whole job of
    /// `POST /persons/multiple/` once the body is deserialized.
    ///
    /// On a request-level error nothing is applied.
    pub fn upsert(
        &mut self,
        request: &Request,
        context: &Context,
        options: &Options,
        allocator: &mut impl IdentifierAllocator,
    ) -> Result<Response, RequestError> {
        let plan = plan(request, context, &*self, options)?;
        // A plan made against this index just now always applies.
        let applied = self.apply(&plan, allocator).unwrap_or_default();
        Ok(plan.response(request, &applied))
    }
}

/// A person in a [`PersonIndex`], borrowed.
#[derive(Clone, Copy)]
pub struct PersonView<'a> {
    index: &'a PersonIndex,
    handle: PersonHandle,
    slot: &'a Slot,
}

impl<'a> PersonView<'a> {
    /// The person's handle.
    #[must_use]
    pub fn handle(&self) -> PersonHandle {
        self.handle
    }

    /// The person's identifier.
    #[must_use]
    pub fn identifier(&self) -> &'a str {
        &self.slot.identifier
    }

    /// The stored fields.
    #[must_use]
    pub fn fields(&self) -> &'a PersonFields {
        &self.slot.fields
    }

    /// The groups the person belongs to.
    pub fn groups(&self) -> impl Iterator<Item = &'a GroupId> + 'a {
        let index = self.index;
        self.slot
            .groups
            .iter()
            .map(move |&g| &index.group_ids[g as usize])
    }

    /// An owned copy.
    #[must_use]
    pub fn to_person(&self) -> Person {
        Person {
            identifier: self.slot.identifier.clone(),
            fields: self.slot.fields.clone(),
            groups: self.groups().cloned().collect(),
        }
    }
}

impl fmt::Debug for PersonView<'_> {
    /// The handle only: the person's fields are personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PersonView")
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}

/// A scope in the index's terms: group handles, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexScope(Vec<u32>);

impl PersonIndex {
    fn visit<F>(&self, key: Key, value: &str, scope: &IndexScope, mut visit: F)
    where
        F: FnMut(Candidate<'_, PersonHandle>),
    {
        let slots = &self.slots;
        let Some(&head) = self.heads[key as usize].find(self.hash(value), |&h| {
            slots[h as usize].as_ref().and_then(|s| s.key(key)) == Some(value)
        }) else {
            return;
        };
        let mut h = head;
        while let Some(slot) = self.slot(h) {
            if in_groups(&slot.groups, &scope.0) {
                visit(Candidate {
                    id: PersonHandle(h),
                    external_ref: slot.fields.external_ref.as_ref(),
                    email_address: slot.fields.email_address.as_ref(),
                    phone_number: slot.fields.phone_number.as_ref(),
                });
            }
            h = slot.next[key as usize];
        }
    }
}

fn slot_at(slots: &[Option<Slot>], handle: u32) -> Option<&Slot> {
    slots.get(handle as usize).and_then(Option::as_ref)
}

/// Whether two sorted handle lists share an element.
fn in_groups(person: &[u32], scope: &[u32]) -> bool {
    person.iter().any(|g| scope.binary_search(g).is_ok())
}

impl PersonLookup for PersonIndex {
    type PersonId = PersonHandle;
    type Scope = IndexScope;

    fn prepare_scope(&self, scope: &Scope) -> IndexScope {
        let mut groups: Vec<u32> = scope
            .groups()
            .iter()
            .filter_map(|g| self.group_handles.get(g).copied())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        IndexScope(groups)
    }

    fn in_scope(&self, person: PersonHandle, scope: &IndexScope) -> bool {
        self.slot(person.0)
            .is_some_and(|slot| in_groups(&slot.groups, &scope.0))
    }

    fn candidate(&self, person: PersonHandle) -> Option<Candidate<'_, PersonHandle>> {
        self.slot(person.0).map(|slot| Candidate {
            id: person,
            external_ref: slot.fields.external_ref.as_ref(),
            email_address: slot.fields.email_address.as_ref(),
            phone_number: slot.fields.phone_number.as_ref(),
        })
    }

    fn visit_by_external_ref<F>(&self, key: &ExternalRef, scope: &IndexScope, visit: F)
    where
        F: FnMut(Candidate<'_, PersonHandle>),
    {
        self.visit(Key::ExternalRef, key.as_str(), scope, visit);
    }

    fn visit_by_email<F>(&self, key: &EmailAddress, scope: &IndexScope, visit: F)
    where
        F: FnMut(Candidate<'_, PersonHandle>),
    {
        self.visit(Key::Email, key.key(), scope, visit);
    }

    fn visit_by_phone<F>(&self, key: &PhoneNumber, scope: &IndexScope, visit: F)
    where
        F: FnMut(Candidate<'_, PersonHandle>),
    {
        self.visit(Key::Phone, key.as_str(), scope, visit);
    }

    fn version(&self) -> Option<u64> {
        Some(self.version)
    }
}

/// Gives identifiers to created persons.
pub trait IdentifierAllocator {
    /// A new identifier. One already in use is skipped and another asked for.
    fn next_identifier(&mut self) -> String;
}

/// Identifiers `prefix1`, `prefix2`, …: deterministic, as the crate must be.
///
/// ```
/// use person_match::{IdentifierAllocator, SequentialIdentifiers};
///
/// let mut ids = SequentialIdentifiers::new("person-");
/// assert_eq!(ids.next_identifier(), "person-1");
/// assert_eq!(ids.next_identifier(), "person-2");
/// ```
#[derive(Debug, Clone)]
pub struct SequentialIdentifiers {
    prefix: String,
    next: u64,
}

impl SequentialIdentifiers {
    /// Starts at `{prefix}1`.
    #[must_use]
    pub fn new(prefix: impl Into<String>) -> SequentialIdentifiers {
        SequentialIdentifiers {
            prefix: prefix.into(),
            next: 1,
        }
    }
}

impl IdentifierAllocator for SequentialIdentifiers {
    fn next_identifier(&mut self) -> String {
        let id = format!("{}{}", self.prefix, self.next);
        self.next += 1;
        id
    }
}

/// Why the index refused a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IndexError {
    /// A person with this identifier already exists (or the allocator gave
    /// no unused identifier).
    DuplicateIdentifier,
    /// The identifier is empty.
    EmptyIdentifier,
    /// No person has this handle.
    UnknownPerson,
    /// The plan was made against another version of the index.
    StalePlan,
    /// The index holds as many persons as handles can address.
    Full,
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IndexError::DuplicateIdentifier => "a person with this identifier already exists",
            IndexError::EmptyIdentifier => "person identifier is empty",
            IndexError::UnknownPerson => "no person has this handle",
            IndexError::StalePlan => "the plan was made against another version of the index",
            IndexError::Full => "the index is full",
        })
    }
}

impl std::error::Error for IndexError {}
