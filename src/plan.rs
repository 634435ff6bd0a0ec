//! Batch planning (SPEC §4.6): deciding every record of a request without
//! changing the store, and building the response once a plan is applied.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::pending::Pending;
use crate::record::{normalize_fields, submitted_names_both_forms, submitted_names_groups};
use crate::scope::Scopes;
use crate::{
    Context, FailureType, GroupId, INSUFFICIENT_INFORMATION_MESSAGE, IdentityConflictPolicy,
    InvalidField, MatchOutcome, MatchedBy, Options, Outcome, PersonFields, PersonLookup,
    PersonRecord, PersonResult, Request, RequestError, Response, Scope, ScopeError, Sufficiency,
    rank,
};

/// A person a plan refers to: one already in the store, or the `n`-th
/// person the plan creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target<Id> {
    /// A person in the store.
    Existing(Id),
    /// The `n`-th person created by this plan (counting from 0).
    New(usize),
}

/// What a plan does with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision<Id> {
    /// Create a person with these fields, in these groups.
    Create {
        /// The valid fields of the record.
        fields: PersonFields,
        /// The record's scope (shared by the plan's records with the same
        /// scope).
        groups: Arc<[GroupId]>,
    },
    /// Update a person: present fields overwrite, absent ones stay (§4.5),
    /// and the person gains the record's scope groups.
    Update {
        /// Who.
        person: Target<Id>,
        /// Which key found them.
        matched_by: MatchedBy,
        /// The valid fields of the record.
        fields: PersonFields,
        /// The record's scope groups, gained by the person (shared by the
        /// plan's records with the same scope).
        groups: Arc<[GroupId]>,
    },
    /// Change nothing.
    Fail {
        /// Why, for machines.
        failure_type: FailureType,
        /// Why, for people.
        reason: String,
    },
}

/// One record's part of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRecord<Id> {
    /// What happens to the record.
    pub decision: Decision<Id>,
    /// The groups it was scoped to, when it named groups (echoed as
    /// `groups`; empty when none of them could be used).
    pub groups: Option<Arc<[GroupId]>>,
}

/// Every record of a request decided, in order, against the store as the
/// records before it would leave it. Making a plan changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<Id> {
    records: Vec<PlannedRecord<Id>>,
    created: usize,
    basis: Option<u64>,
}

impl<Id> Plan<Id> {
    /// One entry per request record, in request order.
    #[must_use]
    pub fn records(&self) -> &[PlannedRecord<Id>] {
        &self.records
    }

    /// How many persons applying the plan creates.
    #[must_use]
    pub fn created_count(&self) -> usize {
        self.created
    }

    /// The store's [`PersonLookup::version`] the plan was made against.
    #[must_use]
    pub fn basis(&self) -> Option<u64> {
        self.basis
    }

    /// The response (SPEC §2.2), once the plan is applied: `applied`
    /// holds, per record, the identifier of the person created or updated.
    ///
    /// Fields are echoed from `request`, which must be the request planned.
    #[must_use]
    pub fn response(&self, request: &Request, applied: &Applied) -> Response {
        let persons = self
            .records
            .iter()
            .zip(&request.persons)
            .enumerate()
            .map(|(i, (planned, submitted))| {
                let echo = Echo {
                    email_address: submitted.email_address.clone(),
                    first_name: submitted.first_name.clone(),
                    last_name: submitted.last_name.clone(),
                    external_ref: submitted.external_ref.clone(),
                    phone_number: submitted.phone_number.clone(),
                    groups: planned.groups.as_deref().map(group_texts),
                };
                let identifier = applied.identifiers.get(i).cloned().flatten();
                let reason = match &planned.decision {
                    Decision::Fail { reason, .. } => reason.clone(),
                    _ => String::new(),
                };
                result(planned, echo, identifier, reason)
            })
            .collect();
        Response { persons }
    }

    /// As [`Plan::response`], moving the request's fields and the
    /// identifiers into the response instead of copying them: what a
    /// service that is done with the request wants.
    #[must_use]
    pub fn into_response(self, request: Request, applied: Applied) -> Response {
        let mut identifiers = applied.identifiers.into_iter();
        let persons = self
            .records
            .into_iter()
            .zip(request.persons)
            .map(|(mut planned, submitted)| {
                let echo = Echo {
                    email_address: submitted.email_address,
                    first_name: submitted.first_name,
                    last_name: submitted.last_name,
                    external_ref: submitted.external_ref,
                    phone_number: submitted.phone_number,
                    groups: planned
                        .groups
                        .as_deref()
                        .map(|groups| echo_groups(groups, submitted.group_ids)),
                };
                let identifier = identifiers.next().flatten();
                let reason = match &mut planned.decision {
                    Decision::Fail { reason, .. } => std::mem::take(reason),
                    _ => String::new(),
                };
                result(&planned, echo, identifier, reason)
            })
            .collect();
        Response { persons }
    }
}

/// What a result repeats: the record's own fields as submitted, and the
/// groups it was scoped to when it named groups.
struct Echo {
    email_address: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    external_ref: Option<String>,
    phone_number: Option<String>,
    groups: Option<Vec<String>>,
}

/// Group ids as the response lists them.
fn group_texts(groups: &[GroupId]) -> Vec<String> {
    groups.iter().map(|g| g.as_str().to_owned()).collect()
}

/// [`group_texts`], taking the record's own `group_ids` list instead when
/// it holds exactly those ids as sent (the common case), rather than
/// copying every id again.
fn echo_groups(groups: &[GroupId], submitted: Option<Vec<String>>) -> Vec<String> {
    match submitted {
        Some(sent)
            if sent.len() == groups.len()
                && sent.iter().zip(groups).all(|(s, g)| s == g.as_str()) =>
        {
            sent
        }
        _ => group_texts(groups),
    }
}

/// One record's result: its echo, what was decided, and the identifier of
/// the person (kept only on success).
fn result<Id>(
    planned: &PlannedRecord<Id>,
    echo: Echo,
    identifier: Option<String>,
    failure_reason: String,
) -> PersonResult {
    let (success, outcome, matched_by, failure_type) = match &planned.decision {
        Decision::Create { .. } => (true, Outcome::Created, None, None),
        Decision::Update { matched_by, .. } => (true, Outcome::Updated, Some(*matched_by), None),
        Decision::Fail { failure_type, .. } => (false, Outcome::Failed, None, Some(*failure_type)),
    };
    PersonResult {
        identifier: identifier.filter(|_| success),
        email_address: echo.email_address,
        first_name: echo.first_name,
        last_name: echo.last_name,
        external_ref: echo.external_ref,
        phone_number: echo.phone_number,
        groups: echo.groups,
        success,
        failure_reason,
        outcome,
        matched_by,
        failure_type,
    }
}

/// What applying a plan gave: per record, the identifier of the person
/// created or updated (`None` for failed records).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// One entry per request record.
    pub identifiers: Vec<Option<String>>,
}

/// Decides every record of `request` against `store` (SPEC §4.6).
///
/// Request-level errors come first and decide nothing: more records than
/// [`Options::max_persons`], then a record naming both group forms (§4.1).
/// Each record is then normalized (§3), scoped (§4.2), matched (§4.3) and
/// judged (§4.4) against the store as the records before it would leave
/// it, so a batch decides exactly as the same records sent one per request.
pub fn plan<L: PersonLookup>(
    request: &Request,
    context: &Context,
    store: &L,
    options: &Options,
) -> Result<Plan<L::PersonId>, RequestError> {
    if request.persons.len() > options.max_persons {
        return Err(RequestError::too_many_persons(options.max_persons));
    }
    // The fields of every record, normalized before anything is decided;
    // the group lists are read where they are used, without copies.
    let normalized: Vec<(PersonFields, Vec<InvalidField>)> = request
        .persons
        .iter()
        .map(|record| normalize_fields(record, options))
        .collect();
    if request.persons.iter().any(submitted_names_both_forms) {
        return Err(RequestError::both_group_identifiers_provided());
    }
    let mut pending = Pending::new(store);
    pending.reserve(request.persons.len());
    let mut scopes = Scopes::default();
    let records = normalized
        .into_iter()
        .zip(&request.persons)
        .map(|((fields, errors), submitted)| {
            let scope = context.scope_of_submitted(submitted, &mut scopes);
            decide(submitted, fields, &errors, scope, &mut pending, options)
        })
        .collect();
    Ok(Plan {
        records,
        created: pending.created_count(),
        basis: store.version(),
    })
}

fn fail<Id>(failure_type: FailureType, reason: impl Into<String>) -> Decision<Id> {
    Decision::Fail {
        failure_type,
        reason: reason.into(),
    }
}

/// Decides one record: its normalized fields, the invalid ones, and its
/// scope (`submitted` says whether it named groups).
fn decide<L: PersonLookup>(
    submitted: &PersonRecord,
    fields: PersonFields,
    errors: &[InvalidField],
    scope: Result<Scope, ScopeError>,
    pending: &mut Pending<'_, L>,
    options: &Options,
) -> PlannedRecord<L::PersonId> {
    let groups = match &scope {
        Ok(scope) => scope.is_named().then(|| Arc::clone(scope.shared_groups())),
        // Named groups, none usable: the response lists none.
        Err(_) => submitted_names_groups(submitted).then(Arc::default),
    };
    let decision = match (errors.first(), scope) {
        (Some(first), _) => fail(first.failure_type(), invalid_fields_reason(errors)),
        (None, Err(e)) => fail(FailureType::NoAccessToGroup, e.to_string()),
        (None, Ok(scope)) => decide_in_scope(fields, scope, pending, options),
    };
    PlannedRecord { decision, groups }
}

/// The `failure_reason` of a record with invalid fields: each one's
/// message, joined by `; `, written into one string.
fn invalid_fields_reason(errors: &[InvalidField]) -> String {
    let mut reason = String::with_capacity(64 * errors.len());
    for (i, error) in errors.iter().enumerate() {
        if i > 0 {
            reason.push_str("; ");
        }
        // Writing to a String cannot fail.
        let _ = write!(reason, "{error}");
    }
    reason
}

/// Matches a valid record within its scope, then creates, updates or
/// fails it (SPEC §4.3, §4.4).
fn decide_in_scope<L: PersonLookup>(
    fields: PersonFields,
    scope: Scope,
    pending: &mut Pending<'_, L>,
    options: &Options,
) -> Decision<L::PersonId> {
    let prepared = pending.prepare_scope(&scope);
    let outcome = rank(&*pending, &fields, &prepared);
    if let Some((person, by)) = outcome.found() {
        return update(fields, scope, pending, person, by);
    }
    match outcome {
        MatchOutcome::Ambiguous(ambiguity) => {
            fail(FailureType::AmbiguousMatch, ambiguity.to_string())
        }
        MatchOutcome::IdentityConflict { person, by } => match options.identity_conflict {
            IdentityConflictPolicy::Reject => fail(
                FailureType::IdentityConflict,
                format!(
                    "the {by} matches a person in scope whose external_ref is different; send that person's external_ref to update them, or leave out the {by}"
                ),
            ),
            IdentityConflictPolicy::CreateNew => create(fields, scope, pending),
            IdentityConflictPolicy::Overwrite => update(fields, scope, pending, person, by),
        },
        _ => create(fields, scope, pending),
    }
}

fn create<L: PersonLookup>(
    fields: PersonFields,
    scope: Scope,
    pending: &mut Pending<'_, L>,
) -> Decision<L::PersonId> {
    if !Sufficiency::of(&fields).is_sufficient() {
        return fail(
            FailureType::InsufficientInformation,
            INSUFFICIENT_INFORMATION_MESSAGE,
        );
    }
    let groups = scope.into_groups();
    pending.create(&fields, &groups);
    Decision::Create { fields, groups }
}

fn update<L: PersonLookup>(
    fields: PersonFields,
    scope: Scope,
    pending: &mut Pending<'_, L>,
    person: Target<L::PersonId>,
    matched_by: MatchedBy,
) -> Decision<L::PersonId> {
    let groups = scope.into_groups();
    pending.update(person, &fields, &groups);
    Decision::Update {
        person,
        matched_by,
        fields,
        groups,
    }
}
