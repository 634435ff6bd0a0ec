//! Policies, passed as one options struct.

use crate::Region;

/// Every policy the crate has, with the API's defaults.
///
/// ```
/// use person_match::{IdentityConflictPolicy, Options, Region};
///
/// let options = Options {
///     identity_conflict: IdentityConflictPolicy::Overwrite,
///     ..Options::default()
/// };
/// assert_eq!(options.default_region, Region::GB);
/// assert_eq!(options.max_persons, 1000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The region whose numbering plan applies to phone numbers written
    /// without a country code. Default: GB.
    pub default_region: Region,
    /// What to do when a record's email or phone finds a person whose
    /// external reference differs from the record's. Default: reject.
    pub identity_conflict: IdentityConflictPolicy,
    /// The most records one request may hold. Default: 1000.
    pub max_persons: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            default_region: Region::GB,
            identity_conflict: IdentityConflictPolicy::Reject,
            max_persons: 1000,
        }
    }
}

/// The policy for an identity conflict (SPEC §4.3 step 3): the record's
/// `external_ref` matched nobody, and its email or phone found a person
/// whose own `external_ref` is set and different.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum IdentityConflictPolicy {
    /// Fail the record with `identity_conflict`.
    #[default]
    Reject,
    /// Ignore the email/phone match and create a new person.
    CreateNew,
    /// Update the person found and replace its external reference.
    Overwrite,
}

impl IdentityConflictPolicy {
    /// The policy's name in scenario files: `reject`, `create_new`, `overwrite`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityConflictPolicy::Reject => "reject",
            IdentityConflictPolicy::CreateNew => "create_new",
            IdentityConflictPolicy::Overwrite => "overwrite",
        }
    }

    /// Reads a policy name as [`Self::as_str`] writes it.
    #[must_use]
    pub fn from_name(name: &str) -> Option<IdentityConflictPolicy> {
        [
            IdentityConflictPolicy::Reject,
            IdentityConflictPolicy::CreateNew,
            IdentityConflictPolicy::Overwrite,
        ]
        .into_iter()
        .find(|p| p.as_str() == name)
    }
}
