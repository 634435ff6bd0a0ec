//! Scope (SPEC §4.2): which groups a record may see and join.

use std::collections::HashMap;
use std::fmt;

use crate::{GroupId, GroupRef, NormalizedRecord};

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
    refs: HashMap<GroupRef, GroupId>,
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
            if self.refs.contains_key(r) {
                return Err(DirectoryError::DuplicateExternalRef);
            }
            self.refs.insert(r.clone(), id.clone());
        }
        self.ids.insert(id, external_ref);
        Ok(())
    }

    /// The id of the group with this external reference.
    #[must_use]
    pub fn resolve(&self, external_ref: &GroupRef) -> Option<&GroupId> {
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
    accessible: Vec<GroupId>,
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
            accessible,
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

    fn is_accessible(&self, id: &GroupId) -> bool {
        self.accessible.binary_search(id).is_ok()
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
            // A caller who can access no group cannot place a person
            // anywhere: a person in no group could never be matched again.
            if self.accessible.is_empty() {
                return Err(ScopeError::NoAccessToGroup);
            }
            return Ok(Scope {
                groups: self.accessible.clone(),
                named: false,
            });
        }
        // Keep the record's order (it is echoed in the response); the
        // normalized lists hold no duplicates, but two refs may name one id.
        let mut groups: Vec<GroupId> =
            Vec::with_capacity(record.group_ids.len() + record.group_refs.len());
        let resolved = record.group_ids.iter().chain(
            record
                .group_refs
                .iter()
                .filter_map(|r| self.directory.resolve(r)),
        );
        for id in resolved {
            if self.is_accessible(id) && !groups.contains(id) {
                groups.push(id.clone());
            }
        }
        if groups.is_empty() {
            Err(ScopeError::NoAccessToGroup)
        } else {
            Ok(Scope {
                groups,
                named: true,
            })
        }
    }
}

/// The groups a record is matched within, and that a person it creates or
/// updates joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    groups: Vec<GroupId>,
    named: bool,
}

impl Scope {
    /// A scope of exactly these groups, as if the record had named them.
    #[must_use]
    pub fn of(groups: Vec<GroupId>) -> Scope {
        Scope {
            groups,
            named: true,
        }
    }

    /// The group ids: the record's named groups that can be used, in the
    /// record's order, or every accessible group, sorted.
    #[must_use]
    pub fn groups(&self) -> &[GroupId] {
        &self.groups
    }

    /// The group ids, owned.
    #[must_use]
    pub fn into_groups(self) -> Vec<GroupId> {
        self.groups
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
