//! Naive oracles: slow, obviously correct implementations of the spec,
//! written from its text and not from `src/`, for the `prop_*` tests to
//! compare the crate with.
//!
//! - [`rank_oracle`]: SPEC §4.3 as a linear scan over a `Vec` of persons.
//! - [`scope_oracle`], [`names_both_forms`], [`sufficient`]: §4.2, §4.1, §4.4.
//! - [`NaiveApi`]: the whole API over a `Vec`, one record at a time (§4.5).
//! - [`one_by_one`]: a batch sent through the crate as single-record requests.
//! - [`IndexModel`]: the index as a plain `HashMap`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use person_match::GroupId;
use person_match::{
    Ambiguity, Context, EmailAddress, ErrorKind, ExternalRef, FailureType, Field,
    IdentityConflictPolicy, IndexError, MatchOutcome, MatchedBy, NormalizedRecord, Options,
    Outcome, Person, PersonFields, PersonIndex, PersonRecord, PhoneNumber, Request, Response,
    SequentialIdentifiers,
};

/// A person in the oracles' plain stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelPerson {
    /// The identifier.
    pub identifier: String,
    /// The stored fields.
    pub fields: PersonFields,
    /// The groups, as a set.
    pub groups: BTreeSet<GroupId>,
}

impl ModelPerson {
    /// The model of a [`Person`].
    pub fn of(person: &Person) -> ModelPerson {
        ModelPerson {
            identifier: person.identifier.clone(),
            fields: person.fields.clone(),
            groups: person.groups.iter().cloned().collect(),
        }
    }

    /// Whether the person belongs to at least one of `scope`'s groups.
    pub fn in_scope(&self, scope: &[GroupId]) -> bool {
        scope.iter().any(|g| self.groups.contains(g))
    }
}

/// Everything a store holds: identifier → (fields, groups as a set).
pub type Contents = BTreeMap<String, (PersonFields, BTreeSet<GroupId>)>;

/// The contents of a [`PersonIndex`], read through its public API.
pub fn contents(index: &PersonIndex) -> Contents {
    index
        .iter()
        .map(|p| {
            (
                p.identifier().to_owned(),
                (p.fields().clone(), p.groups().cloned().collect()),
            )
        })
        .collect()
}

/// The contents of a list of model persons.
pub fn model_contents<'a>(persons: impl IntoIterator<Item = &'a ModelPerson>) -> Contents {
    persons
        .into_iter()
        .map(|p| (p.identifier.clone(), (p.fields.clone(), p.groups.clone())))
        .collect()
}

// ---------------------------------------------------------------------------
// Keys, compared as SPEC §3 says

fn same_ref(a: Option<&ExternalRef>, b: &ExternalRef) -> bool {
    a.is_some_and(|a| a.as_str() == b.as_str())
}

fn same_email(a: Option<&EmailAddress>, b: &EmailAddress) -> bool {
    a.is_some_and(|a| a.key() == b.key())
}

fn same_phone(a: Option<&PhoneNumber>, b: &PhoneNumber) -> bool {
    a.is_some_and(|a| a.as_str() == b.as_str())
}

fn identifiers(persons: &[&ModelPerson]) -> Vec<String> {
    let mut ids: Vec<String> = persons.iter().map(|p| p.identifier.clone()).collect();
    ids.sort();
    ids
}

// ---------------------------------------------------------------------------
// SPEC §4.3: ranked matching, as a linear scan

/// How a found person is reported when no identity conflict intervenes.
type Found = fn(String) -> MatchOutcome<String>;

/// Ranked matching read straight from SPEC §4.3, over every person in turn.
/// Persons are named by identifier; ambiguous candidates are sorted.
pub fn rank_oracle(
    persons: &[ModelPerson],
    record: &PersonFields,
    scope: &[GroupId],
) -> MatchOutcome<String> {
    let in_scope: Vec<&ModelPerson> = persons.iter().filter(|p| p.in_scope(scope)).collect();

    // 1. external_ref: one holder decides, several are ambiguous.
    if let Some(r) = &record.external_ref {
        let holders: Vec<&ModelPerson> = in_scope
            .iter()
            .copied()
            .filter(|p| same_ref(p.fields.external_ref.as_ref(), r))
            .collect();
        match holders.len() {
            0 => {}
            1 => return MatchOutcome::ByExternalRef(holders[0].identifier.clone()),
            _ => {
                return MatchOutcome::Ambiguous(Ambiguity {
                    by: MatchedBy::ExternalRef,
                    candidates: identifiers(&holders),
                    with_phone: None,
                });
            }
        }
    }

    // 2. email and phone.
    let e: Vec<&ModelPerson> = match &record.email_address {
        Some(email) => in_scope
            .iter()
            .copied()
            .filter(|p| same_email(p.fields.email_address.as_ref(), email))
            .collect(),
        None => Vec::new(),
    };
    let p: Vec<&ModelPerson> = match &record.phone_number {
        Some(phone) => in_scope
            .iter()
            .copied()
            .filter(|p| same_phone(p.fields.phone_number.as_ref(), phone))
            .collect(),
        None => Vec::new(),
    };
    let found: Option<(&ModelPerson, MatchedBy, Found)> = if e.len() == 1 {
        Some((e[0], MatchedBy::EmailAddress, MatchOutcome::ByEmailAddress))
    } else if e.len() > 1 {
        if record.phone_number.is_some() {
            let both: Vec<&ModelPerson> = e
                .iter()
                .copied()
                .filter(|x| p.iter().any(|y| y.identifier == x.identifier))
                .collect();
            if both.len() == 1 {
                Some((
                    both[0],
                    MatchedBy::EmailAddress,
                    MatchOutcome::ByEmailAndPhone,
                ))
            } else {
                return MatchOutcome::Ambiguous(Ambiguity {
                    by: MatchedBy::EmailAddress,
                    candidates: identifiers(&e),
                    with_phone: Some(both.len()),
                });
            }
        } else {
            return MatchOutcome::Ambiguous(Ambiguity {
                by: MatchedBy::EmailAddress,
                candidates: identifiers(&e),
                with_phone: None,
            });
        }
    } else if p.len() == 1 {
        Some((p[0], MatchedBy::PhoneNumber, MatchOutcome::ByPhoneNumber))
    } else if p.len() > 1 {
        return MatchOutcome::Ambiguous(Ambiguity {
            by: MatchedBy::PhoneNumber,
            candidates: identifiers(&p),
            with_phone: None,
        });
    } else {
        None
    };

    // 3. identity conflict: the record's ref matched nobody (else step 1
    // returned) and the person found holds another one.
    match found {
        Some((person, by, _))
            if record.external_ref.is_some()
                && person.fields.external_ref.is_some()
                && person.fields.external_ref != record.external_ref =>
        {
            MatchOutcome::IdentityConflict {
                person: person.identifier.clone(),
                by,
            }
        }
        Some((person, _, outcome)) => outcome(person.identifier.clone()),
        // 4. nobody.
        None => MatchOutcome::NoMatch,
    }
}

// ---------------------------------------------------------------------------
// SPEC §4.4, §4.1, §4.2

/// SPEC §4.4: `external_ref` OR ((`phone_number` OR `email_address`) AND
/// (`first_name` OR `last_name`)), over valid values.
pub fn sufficient(fields: &PersonFields) -> bool {
    fields.external_ref.is_some()
        || ((fields.phone_number.is_some() || fields.email_address.is_some())
            && (fields.first_name.is_some() || fields.last_name.is_some()))
}

/// The entries of a wire group list that name something: trimmed, blanks
/// dropped, later duplicates dropped.
pub fn named(list: Option<&Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for entry in list.into_iter().flatten() {
        let entry = entry.trim();
        if !entry.is_empty() && !out.iter().any(|e| e == entry) {
            out.push(entry.to_owned());
        }
    }
    out
}

/// SPEC §4.1: the record names both group ids and group external refs.
pub fn names_both_forms(record: &PersonRecord) -> bool {
    !named(record.group_ids.as_ref()).is_empty()
        && !named(record.groups_external_refs.as_ref()).is_empty()
}

/// The groups that exist and those the caller can access.
#[derive(Debug, Clone)]
pub struct Groups {
    /// Group id and external ref.
    pub directory: Vec<(String, Option<String>)>,
    /// Accessible group ids (ids not in the directory mean nothing).
    pub accessible: Vec<String>,
}

impl Groups {
    /// From the directory and accessible ids of a generated context.
    pub fn new(directory: &[(&str, Option<&str>)], accessible: &[&str]) -> Groups {
        Groups {
            directory: directory
                .iter()
                .map(|(id, r)| ((*id).to_owned(), r.map(str::to_owned)))
                .collect(),
            accessible: accessible.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn usable(&self, id: &str) -> bool {
        self.directory.iter().any(|(d, _)| d == id) && self.accessible.iter().any(|a| a == id)
    }

    fn resolve(&self, external_ref: &str) -> Option<&str> {
        self.directory
            .iter()
            .find(|(_, r)| r.as_deref() == Some(external_ref))
            .map(|(id, _)| id.as_str())
    }
}

/// SPEC §4.2: the record's scope, or `None` when it named groups and none
/// can be used. Named groups keep the record's order (ids, then refs);
/// without named groups, every accessible group, sorted.
pub fn scope_oracle(groups: &Groups, record: &PersonRecord) -> Option<Vec<GroupId>> {
    let ids = named(record.group_ids.as_ref());
    let refs = named(record.groups_external_refs.as_ref());
    if ids.is_empty() && refs.is_empty() {
        // Nothing accessible: no scope (a person in no group could never
        // be matched again).
        let mut all: Vec<String> = groups
            .accessible
            .iter()
            .filter(|id| groups.usable(id))
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        return (!all.is_empty()).then(|| GroupId::parse_list(&all));
    }
    let mut scope: Vec<String> = Vec::new();
    let resolved = ids
        .iter()
        .map(String::as_str)
        .chain(refs.iter().filter_map(|r| groups.resolve(r)));
    for id in resolved {
        if groups.usable(id) && !scope.iter().any(|s| s == id) {
            scope.push(id.to_owned());
        }
    }
    (!scope.is_empty()).then(|| GroupId::parse_list(&scope))
}

/// The failure type of an invalid field (SPEC §6).
fn invalid_field_failure(field: Field) -> FailureType {
    match field {
        Field::EmailAddress => FailureType::InvalidEmailAddress,
        Field::PhoneNumber => FailureType::InvalidPhoneNumber,
        Field::ExternalRef => FailureType::InvalidExternalRef,
        Field::FirstName | Field::LastName => FailureType::InvalidName,
        other => panic!("{other} is never invalid"),
    }
}

// ---------------------------------------------------------------------------
// The whole API over a Vec, one record at a time

/// What the API answers for one record, in the terms the oracle decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// `outcome`.
    pub outcome: Outcome,
    /// `identifier`.
    pub identifier: Option<String>,
    /// `matched_by`.
    pub matched_by: Option<MatchedBy>,
    /// `failure_type`.
    pub failure_type: Option<FailureType>,
    /// `groups`.
    pub groups: Option<Vec<String>>,
}

/// The crate's response in the same terms.
pub fn answers(response: &Response) -> Vec<Answer> {
    response
        .persons
        .iter()
        .map(|r| Answer {
            outcome: r.outcome,
            identifier: r.identifier.clone(),
            matched_by: r.matched_by,
            failure_type: r.failure_type,
            groups: r.groups.clone(),
        })
        .collect()
}

/// The API as SPEC §4 describes it, over a `Vec` of persons: every record
/// decided against the store as the records before it left it, changes
/// applied at once. Normalization (§3) is the crate's, the rest is not.
#[derive(Debug, Clone)]
pub struct NaiveApi {
    /// The store.
    pub persons: Vec<ModelPerson>,
    /// The directory and access.
    pub groups: Groups,
    /// The options.
    pub options: Options,
    prefix: String,
    next: u64,
}

impl NaiveApi {
    /// A store holding `persons`, handing out identifiers `person-1`, ... .
    pub fn new(persons: &[Person], groups: Groups, options: Options) -> NaiveApi {
        NaiveApi {
            persons: persons.iter().map(ModelPerson::of).collect(),
            groups,
            options,
            prefix: "person-".to_owned(),
            next: 1,
        }
    }

    /// The next identifier nobody has, as [`SequentialIdentifiers`] would
    /// give it.
    fn allocate(&mut self) -> String {
        loop {
            let id = format!("{}{}", self.prefix, self.next);
            self.next += 1;
            if !self.persons.iter().any(|p| p.identifier == id) {
                return id;
            }
        }
    }

    /// One request: request-level errors first (§2.3, §4.1), then each
    /// record in order.
    pub fn upsert(&mut self, request: &Request) -> Result<Vec<Answer>, ErrorKind> {
        if request.persons.len() > self.options.max_persons {
            return Err(ErrorKind::TooManyPersons);
        }
        if request.persons.iter().any(names_both_forms) {
            return Err(ErrorKind::BothGroupIdentifiersProvided);
        }
        Ok(request.persons.iter().map(|r| self.decide(r)).collect())
    }

    fn decide(&mut self, record: &PersonRecord) -> Answer {
        let scope = scope_oracle(&self.groups, record);
        let names_groups = !named(record.group_ids.as_ref()).is_empty()
            || !named(record.groups_external_refs.as_ref()).is_empty();
        let echoed = names_groups.then(|| {
            scope
                .iter()
                .flatten()
                .map(|g| g.as_str().to_owned())
                .collect()
        });
        let fail = |failure_type| Answer {
            outcome: Outcome::Failed,
            identifier: None,
            matched_by: None,
            failure_type: Some(failure_type),
            groups: echoed.clone(),
        };
        let normalized = NormalizedRecord::new(record, &self.options);
        // An invalid value fails the record; the first field in wire order names the type.
        if let Some(first) = normalized.errors.iter().map(|e| e.field).min() {
            return fail(invalid_field_failure(first));
        }
        let Some(scope) = scope else {
            return fail(FailureType::NoAccessToGroup);
        };
        let fields = normalized.fields;
        let (person, matched_by) = match rank_oracle(&self.persons, &fields, &scope) {
            MatchOutcome::Ambiguous(_) => return fail(FailureType::AmbiguousMatch),
            MatchOutcome::IdentityConflict { person, by } => match self.options.identity_conflict {
                IdentityConflictPolicy::Reject => return fail(FailureType::IdentityConflict),
                IdentityConflictPolicy::CreateNew => (None, None),
                IdentityConflictPolicy::Overwrite => (Some(person), Some(by)),
            },
            MatchOutcome::ByExternalRef(p) => (Some(p), Some(MatchedBy::ExternalRef)),
            MatchOutcome::ByEmailAddress(p) | MatchOutcome::ByEmailAndPhone(p) => {
                (Some(p), Some(MatchedBy::EmailAddress))
            }
            MatchOutcome::ByPhoneNumber(p) => (Some(p), Some(MatchedBy::PhoneNumber)),
            MatchOutcome::NoMatch => (None, None),
        };
        if let Some(identifier) = person {
            let stored = self
                .persons
                .iter_mut()
                .find(|p| p.identifier == identifier)
                .expect("the oracle found this person");
            overwrite(&mut stored.fields, &fields);
            stored.groups.extend(scope);
            return Answer {
                outcome: Outcome::Updated,
                identifier: Some(identifier),
                matched_by,
                failure_type: None,
                groups: echoed,
            };
        }
        if !sufficient(&fields) {
            return fail(FailureType::InsufficientInformation);
        }
        let identifier = self.allocate();
        self.persons.push(ModelPerson {
            identifier: identifier.clone(),
            fields,
            groups: scope.into_iter().collect(),
        });
        Answer {
            outcome: Outcome::Created,
            identifier: Some(identifier),
            matched_by: None,
            failure_type: None,
            groups: echoed,
        }
    }
}

/// SPEC §4.5: present fields overwrite, absent ones leave the stored value.
pub fn overwrite(stored: &mut PersonFields, changes: &PersonFields) {
    if let Some(v) = &changes.external_ref {
        stored.external_ref = Some(v.clone());
    }
    if let Some(v) = &changes.email_address {
        stored.email_address = Some(v.clone());
    }
    if let Some(v) = &changes.phone_number {
        stored.phone_number = Some(v.clone());
    }
    if let Some(v) = &changes.first_name {
        stored.first_name = Some(v.clone());
    }
    if let Some(v) = &changes.last_name {
        stored.last_name = Some(v.clone());
    }
}

// ---------------------------------------------------------------------------
// A batch as single-record requests, through the crate

/// Sends each record of `request` as its own request, in order, and joins
/// the answers. Request-level errors fail the record alone, so callers
/// compare only requests without them.
#[track_caller]
pub fn one_by_one(
    index: &mut PersonIndex,
    request: &Request,
    context: &Context,
    options: &Options,
    ids: &mut SequentialIdentifiers,
) -> Response {
    let mut persons = Vec::with_capacity(request.persons.len());
    for record in &request.persons {
        let single = Request {
            persons: vec![record.clone()],
        };
        let response = index
            .upsert(&single, context, options, ids)
            .expect("no request-level error for one record");
        persons.extend(response.persons);
    }
    Response { persons }
}

// ---------------------------------------------------------------------------
// The index as a HashMap

/// Which key a lookup goes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// External reference.
    ExternalRef,
    /// Email key.
    Email,
    /// Phone key.
    Phone,
}

/// The index as a `HashMap` from identifier to person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexModel {
    persons: HashMap<String, ModelPerson>,
}

impl IndexModel {
    /// How many persons.
    pub fn len(&self) -> usize {
        self.persons.len()
    }

    /// The person with this identifier.
    pub fn get(&self, identifier: &str) -> Option<&ModelPerson> {
        self.persons.get(identifier)
    }

    /// Adds a person whose identifier is new and not blank.
    pub fn insert(&mut self, person: &Person) -> Result<(), IndexError> {
        if person.identifier.trim().is_empty() {
            return Err(IndexError::EmptyIdentifier);
        }
        if self.persons.contains_key(&person.identifier) {
            return Err(IndexError::DuplicateIdentifier);
        }
        self.persons
            .insert(person.identifier.clone(), ModelPerson::of(person));
        Ok(())
    }

    /// Present fields of `changes` overwrite; `false` if nobody has this identifier.
    pub fn update(&mut self, identifier: &str, changes: &PersonFields) -> bool {
        self.persons
            .get_mut(identifier)
            .map(|p| overwrite(&mut p.fields, changes))
            .is_some()
    }

    /// Adds groups; `false` if nobody has this identifier.
    pub fn add_groups(&mut self, identifier: &str, groups: &[GroupId]) -> bool {
        self.persons
            .get_mut(identifier)
            .map(|p| p.groups.extend(groups.iter().cloned()))
            .is_some()
    }

    /// Removes and returns the person.
    pub fn remove(&mut self, identifier: &str) -> Option<ModelPerson> {
        self.persons.remove(identifier)
    }

    /// The identifiers of persons in `scope` whose key of `kind` equals
    /// that of `probe`, sorted.
    pub fn lookup(&self, kind: KeyKind, probe: &PersonFields, scope: &[GroupId]) -> Vec<String> {
        let mut found: Vec<String> = self
            .persons
            .values()
            .filter(|p| p.in_scope(scope))
            .filter(|p| match kind {
                KeyKind::ExternalRef => probe
                    .external_ref
                    .as_ref()
                    .is_some_and(|k| same_ref(p.fields.external_ref.as_ref(), k)),
                KeyKind::Email => probe
                    .email_address
                    .as_ref()
                    .is_some_and(|k| same_email(p.fields.email_address.as_ref(), k)),
                KeyKind::Phone => probe
                    .phone_number
                    .as_ref()
                    .is_some_and(|k| same_phone(p.fields.phone_number.as_ref(), k)),
            })
            .map(|p| p.identifier.clone())
            .collect();
        found.sort();
        found
    }

    /// Everything held.
    pub fn contents(&self) -> Contents {
        model_contents(self.persons.values())
    }
}
