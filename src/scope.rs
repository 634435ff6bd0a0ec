//! Scope (SPEC §4.2): which groups a record may see and join.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use foldhash::fast::FixedState;

use crate::record::{submitted_group_ids, submitted_group_refs, submitted_names_groups};
use crate::{GroupId, GroupRef, NormalizedRecord, PersonRecord};

/// The groups that exist: each group id and its external reference, if any.
///
/// ```
/// use person_match::{GroupDirectory, GroupId, GroupRef};
///
/// let mut directory = GroupDirectory::new();
/// directory.insert(GroupId::parse("group-1").unwrap(), GroupRef::parse("group-external-ref-1")).unwrap();
/// assert_eq!(
///     directory.resolve(&GroupRef::parse("group-external-ref-1").unwrap()).map(GroupId::as_str),
///     Some("group-1"),
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct GroupDirectory {
    /// External reference → group id, keyed by the text so that a
    /// request's references resolve without being allocated.
    refs: HashMap<String, GroupId>,
    ids: HashMap<GroupId, Option<GroupRef>>,
}

impl GroupDirectory {
    /// An empty directory.
    #[must_use]
    pub fn new() -> GroupDirectory {
        GroupDirectory::default()
    }

    /// Adds a group. A group id or external reference may be added once.
    pub fn insert(
        &mut self,
        id: GroupId,
        external_ref: Option<GroupRef>,
    ) -> Result<(), DirectoryError> {
        if self.ids.contains_key(&id) {
            return Err(DirectoryError::DuplicateId);
        }
        if let Some(r) = &external_ref {
            if self.refs.contains_key(r.as_str()) {
                return Err(DirectoryError::DuplicateExternalRef);
            }
            self.refs.insert(r.as_str().to_owned(), id.clone());
        }
        self.ids.insert(id, external_ref);
        Ok(())
    }

    /// The id of the group with this external reference.
    #[must_use]
    pub fn resolve(&self, external_ref: &GroupRef) -> Option<&GroupId> {
        self.resolve_str(external_ref.as_str())
    }

    /// [`GroupDirectory::resolve`] for a normalized reference's text.
    fn resolve_str(&self, external_ref: &str) -> Option<&GroupId> {
        self.refs.get(external_ref)
    }

    /// Whether a group with this id exists.
    #[must_use]
    pub fn contains(&self, id: &GroupId) -> bool {
        self.ids.contains_key(id)
    }
}

/// Why a group could not be added to a [`GroupDirectory`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DirectoryError {
    /// The group id is already in the directory.
    DuplicateId,
    /// Another group already has this external reference.
    DuplicateExternalRef,
}

impl fmt::Display for DirectoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DirectoryError::DuplicateId => "group id is already in the directory",
            DirectoryError::DuplicateExternalRef => {
                "another group already has this external reference"
            }
        })
    }
}

impl std::error::Error for DirectoryError {}

/// Who is asking: the group directory and the groups the authenticated
/// user can access.
#[derive(Debug, Clone, Default)]
pub struct Context {
    directory: GroupDirectory,
    /// Sorted; shared as the scope of every record that names no groups.
    accessible: Arc<[GroupId]>,
}

impl Context {
    /// A context for a user who can access `accessible` (ids not in the
    /// directory are ignored: a group that does not exist cannot be used).
    #[must_use]
    pub fn new(
        directory: GroupDirectory,
        accessible: impl IntoIterator<Item = GroupId>,
    ) -> Context {
        let mut accessible: Vec<GroupId> = accessible
            .into_iter()
            .filter(|id| directory.contains(id))
            .collect();
        accessible.sort_unstable();
        accessible.dedup();
        Context {
            directory,
            accessible: accessible.into(),
        }
    }

    /// The group directory.
    #[must_use]
    pub fn directory(&self) -> &GroupDirectory {
        &self.directory
    }

    /// The accessible group ids, sorted.
    #[must_use]
    pub fn accessible(&self) -> &[GroupId] {
        &self.accessible
    }

    /// Where `id` is in [`Context::accessible`], if the user can access it.
    fn position(&self, id: &str) -> Option<usize> {
        self.accessible
            .binary_search_by(|g| g.as_str().cmp(id))
            .ok()
    }

    /// The scope of a record that names no groups: every accessible group.
    fn unnamed_scope(&self) -> Result<Scope, ScopeError> {
        // A caller who can access no group cannot place a person anywhere:
        // a person in no group could never be matched again.
        if self.accessible.is_empty() {
            return Err(ScopeError::NoAccessToGroup);
        }
        Ok(Scope {
            groups: Arc::clone(&self.accessible),
            named: false,
        })
    }

    /// The named groups that can be used, as places in `accessible`, into
    /// `out`: group ids, then external references resolved, in the record's
    /// order, each group once (two refs may name one id). Unknown and
    /// inaccessible groups are skipped alike.
    fn named_positions<'a>(
        &'a self,
        ids: impl Iterator<Item = &'a str>,
        refs: impl Iterator<Item = &'a str>,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        let resolved = ids.chain(
            refs.filter_map(|r| self.directory.resolve_str(r))
                .map(GroupId::as_str),
        );
        for place in resolved.filter_map(|id| self.position(id)) {
            if !out.contains(&place) {
                out.push(place);
            }
        }
    }

    /// The groups at `places` in `accessible`, in that order.
    fn groups_at(&self, places: &[usize]) -> Arc<[GroupId]> {
        places.iter().map(|&p| self.accessible[p].clone()).collect()
    }

    /// The scope of a record (SPEC §4.2).
    ///
    /// Named groups that are unknown or not accessible are skipped alike;
    /// a record that names none has every accessible group. With no usable
    /// group at all, named or accessible, the record has no scope.
    ///
    /// ```
    /// use person_match::{Context, GroupDirectory, GroupId, GroupRef, NormalizedRecord, ScopeError};
    ///
    /// let mut directory = GroupDirectory::new();
    /// for (id, r) in [("group-1", "ref-1"), ("group-2", "ref-2")] {
    ///     directory.insert(GroupId::parse(id).unwrap(), GroupRef::parse(r)).unwrap();
    /// }
    /// let context = Context::new(directory, [GroupId::parse("group-1").unwrap()]);
    ///
    /// let record = NormalizedRecord {
    ///     group_refs: GroupRef::parse_list(&["ref-1", "ref-2", "no-such-ref"]),
    ///     ..NormalizedRecord::default()
    /// };
    /// let scope = context.scope(&record).unwrap();
    /// assert_eq!(scope.groups().len(), 1);
    ///
    /// let inaccessible = NormalizedRecord {
    ///     group_ids: GroupId::parse_list(&["group-2"]),
    ///     ..NormalizedRecord::default()
    /// };
    /// assert_eq!(context.scope(&inaccessible), Err(ScopeError::NoAccessToGroup));
    /// ```
    pub fn scope(&self, record: &NormalizedRecord) -> Result<Scope, ScopeError> {
        if !record.names_groups() {
            return self.unnamed_scope();
        }
        // Keep the record's order: it is echoed in the response.
        let mut places = Vec::with_capacity(record.group_ids.len() + record.group_refs.len());
        self.named_positions(
            record.group_ids.iter().map(GroupId::as_str),
            record.group_refs.iter().map(GroupRef::as_str),
            &mut places,
        );
        Scope::named(self.groups_at(&places))
    }

    /// [`Context::scope`] of a submitted record, read straight off the wire
    /// (entries trimmed and blank ones dropped, as normalization does),
    /// with each distinct scope of a request allocated once in `scopes`.
    pub(crate) fn scope_of_submitted(
        &self,
        record: &PersonRecord,
        scopes: &mut Scopes,
    ) -> Result<Scope, ScopeError> {
        if !submitted_names_groups(record) {
            return self.unnamed_scope();
        }
        let ids = submitted_group_ids(record);
        let refs = submitted_group_refs(record);
        self.named_positions(ids, refs, &mut scopes.places);
        if scopes.places.is_empty() {
            return Err(ScopeError::NoAccessToGroup);
        }
        if let Some(groups) = scopes.named.get(&scopes.places[..]) {
            return Scope::named(Arc::clone(groups));
        }
        let groups = self.groups_at(&scopes.places);
        let places = scopes.places.as_slice().into();
        scopes.named.insert(places, Arc::clone(&groups));
        Scope::named(groups)
    }
}

/// The named scopes of one request's records, by their groups' places in
/// [`Context::accessible`]: records naming the same groups share one list
/// instead of each allocating a copy of every group id.
#[derive(Default)]
pub(crate) struct Scopes {
    named: HashMap<Box<[usize]>, Arc<[GroupId]>, FixedState>,
    /// The places of the record being scoped, reused across records.
    places: Vec<usize>,
}

/// The groups a record is matched within, and that a person it creates or
/// updates joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Shared: by every record of a plan naming the same groups, and with
    /// the context by every record naming none.
    groups: Arc<[GroupId]>,
    named: bool,
}

impl Scope {
    /// A scope of exactly these groups, as if the record had named them.
    #[must_use]
    pub fn of(groups: Vec<GroupId>) -> Scope {
        Scope {
            groups: groups.into(),
            named: true,
        }
    }

    /// The scope of a record that named `groups` (those it could use): no
    /// scope at all when there are none.
    fn named(groups: Arc<[GroupId]>) -> Result<Scope, ScopeError> {
        if groups.is_empty() {
            Err(ScopeError::NoAccessToGroup)
        } else {
            Ok(Scope {
                groups,
                named: true,
            })
        }
    }

    /// The group ids: the record's named groups that can be used, in the
    /// record's order, or every accessible group, sorted.
    #[must_use]
    pub fn groups(&self) -> &[GroupId] {
        &self.groups
    }

    /// The group ids, shared rather than copied: scopes of one
    /// [`Context`] or one plan that have the same groups hold one list.
    #[must_use]
    pub fn into_groups(self) -> Arc<[GroupId]> {
        self.groups
    }

    /// The group ids as shared by [`Scope::into_groups`], borrowed.
    pub(crate) fn shared_groups(&self) -> &Arc<[GroupId]> {
        &self.groups
    }

    /// Whether the record named its groups (the response then lists them).
    #[must_use]
    pub fn is_named(&self) -> bool {
        self.named
    }
}

/// Why a record has no scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScopeError {
    /// It named groups and none of them can be used, or it named none and
    /// the caller can access no group.
    NoAccessToGroup,
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("none of the named groups can be used")
    }
}

impl std::error::Error for ScopeError {}
