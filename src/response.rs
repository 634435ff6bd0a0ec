//! The response body (SPEC §2.2) and the record failure types (SPEC §6).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The seed's `failure_reason` for `insufficient_information`, exactly
/// (its spelling included).
pub const INSUFFICIENT_INFORMATION_MESSAGE: &str = "Insufficient information to create a new person record. Please provide either an external reference or a combination of phone number OR email address AND first name OR last name.";

/// A whole response: one result per request record, in request order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// The results.
    pub persons: Vec<PersonResult>,
}

/// The answer for one record.
///
/// The record's own fields are echoed as submitted; absent ones are
/// omitted. `outcome`, `matched_by` and `failure_type` are additions that
/// clients written against the original API ignore.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonResult {
    /// The person's identifier; present when `success` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// `email_address` as submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    /// `first_name` as submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// `last_name` as submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// `external_ref` as submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_ref: Option<String>,
    /// `phone_number` as submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The group ids the record was scoped to; present when it named groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
    /// Whether the record was created or updated.
    pub success: bool,
    /// Why it failed; `""` on success.
    pub failure_reason: String,
    /// What happened.
    pub outcome: Outcome,
    /// Which key found the person, on updates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<MatchedBy>,
    /// Why it failed, for machines; on failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_type: Option<FailureType>,
}

/// What happened to a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A new person was created.
    Created,
    /// An existing person was updated.
    Updated,
    /// Nothing was changed.
    #[default]
    Failed,
}

/// The key by which a record found its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The exact external reference.
    ExternalRef,
    /// The email address (when the phone number also narrowed several
    /// persons with that email to one, this is still the email).
    EmailAddress,
    /// The phone number.
    PhoneNumber,
}

impl MatchedBy {
    /// The name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::ExternalRef => "external_ref",
            MatchedBy::EmailAddress => "email_address",
            MatchedBy::PhoneNumber => "phone_number",
        }
    }
}

impl fmt::Display for MatchedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a record failed (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FailureType {
    /// Nobody matched and the record cannot create a person.
    InsufficientInformation,
    /// The email address is not valid.
    InvalidEmailAddress,
    /// The phone number is not valid.
    InvalidPhoneNumber,
    /// The first or last name is not valid.
    InvalidName,
    /// The external reference is not valid.
    InvalidExternalRef,
    /// Several persons match and nothing tells them apart.
    AmbiguousMatch,
    /// The email or phone matches a person with another external reference.
    IdentityConflict,
    /// None of the named groups can be used.
    NoAccessToGroup,
}

impl FailureType {
    /// The name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FailureType::InsufficientInformation => "insufficient_information",
            FailureType::InvalidEmailAddress => "invalid_email_address",
            FailureType::InvalidPhoneNumber => "invalid_phone_number",
            FailureType::InvalidName => "invalid_name",
            FailureType::InvalidExternalRef => "invalid_external_ref",
            FailureType::AmbiguousMatch => "ambiguous_match",
            FailureType::IdentityConflict => "identity_conflict",
            FailureType::NoAccessToGroup => "no_access_to_group",
        }
    }
}

impl fmt::Display for FailureType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
