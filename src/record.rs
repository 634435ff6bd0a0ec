//! A record after normalization: valid values, and what was invalid.

use std::fmt;

use crate::{
    EmailAddress, EmailError, ExternalRef, ExternalRefError, FailureType, Field, GroupId, GroupRef,
    Name, NameError, Options, PersonRecord, PhoneError, PhoneNumber,
};
use crate::{chars, group};

/// The identity and name fields of a person, each valid or absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PersonFields {
    /// The caller's identifier for the person.
    pub external_ref: Option<ExternalRef>,
    /// The email address.
    pub email_address: Option<EmailAddress>,
    /// The phone number.
    pub phone_number: Option<PhoneNumber>,
    /// The first name.
    pub first_name: Option<Name>,
    /// The last name.
    pub last_name: Option<Name>,
}

impl PersonFields {
    /// Writes every field present in `changes` over this one; absent fields
    /// leave the stored value alone (SPEC §4.5).
    pub fn overwrite_with(&mut self, changes: &PersonFields) {
        fn take<T: Clone>(slot: &mut Option<T>, value: Option<&T>) {
            if let Some(value) = value {
                *slot = Some(value.clone());
            }
        }
        take(&mut self.external_ref, changes.external_ref.as_ref());
        take(&mut self.email_address, changes.email_address.as_ref());
        take(&mut self.phone_number, changes.phone_number.as_ref());
        take(&mut self.first_name, changes.first_name.as_ref());
        take(&mut self.last_name, changes.last_name.as_ref());
    }
}

/// A record normalized field by field.
///
/// Invalid values are kept out of [`Self::fields`] and listed in
/// [`Self::errors`]; a record with any error fails as a whole.
///
/// ```
/// use person_match::{NormalizedRecord, Options, PersonRecord};
///
/// let record = PersonRecord {
///     first_name: Some(" Test ".into()),
///     external_ref: Some("id-1".into()),
///     ..PersonRecord::default()
/// };
/// let normalized = NormalizedRecord::new(&record, &Options::default());
/// assert!(normalized.errors.is_empty());
/// assert_eq!(normalized.fields.first_name.unwrap().as_str(), "Test");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormalizedRecord {
    /// The valid values.
    pub fields: PersonFields,
    /// Group ids named by the record, normalized; empty when none.
    pub group_ids: Vec<GroupId>,
    /// Group external references named by the record, normalized; empty when none.
    pub group_refs: Vec<GroupRef>,
    /// The invalid values, in field order.
    pub errors: Vec<InvalidField>,
}

impl NormalizedRecord {
    /// Normalizes every field of `record`.
    #[must_use]
    pub fn new(record: &PersonRecord, options: &Options) -> NormalizedRecord {
        let (fields, errors) = normalize_fields(record, options);
        NormalizedRecord {
            fields,
            group_ids: record
                .group_ids
                .as_deref()
                .map(GroupId::parse_list)
                .unwrap_or_default(),
            group_refs: record
                .groups_external_refs
                .as_deref()
                .map(GroupRef::parse_list)
                .unwrap_or_default(),
            errors,
        }
    }

    /// Whether the record names groups in either form.
    #[must_use]
    pub fn names_groups(&self) -> bool {
        !self.group_ids.is_empty() || !self.group_refs.is_empty()
    }
}

/// The identity and name fields of `record` normalized, and the invalid
/// ones. Planning needs no more: it reads the group lists off the record
/// itself ([`submitted_group_ids`]), without allocating them.
pub(crate) fn normalize_fields(
    record: &PersonRecord,
    options: &Options,
) -> (PersonFields, Vec<InvalidField>) {
    let mut errors = Vec::new();
    let fields = PersonFields {
        email_address: check(
            &mut errors,
            Field::EmailAddress,
            record.email_address.as_deref(),
            EmailAddress::parse,
        ),
        first_name: check(
            &mut errors,
            Field::FirstName,
            record.first_name.as_deref(),
            Name::parse,
        ),
        last_name: check(
            &mut errors,
            Field::LastName,
            record.last_name.as_deref(),
            Name::parse,
        ),
        external_ref: check(
            &mut errors,
            Field::ExternalRef,
            record.external_ref.as_deref(),
            ExternalRef::parse,
        ),
        phone_number: check(
            &mut errors,
            Field::PhoneNumber,
            record.phone_number.as_deref(),
            |s| PhoneNumber::parse(s, options.default_region),
        ),
    };
    (fields, errors)
}

/// The group ids a submitted record names, as [`NormalizedRecord::group_ids`]
/// holds them but borrowed (duplicates not yet dropped).
pub(crate) fn submitted_group_ids(record: &PersonRecord) -> impl Iterator<Item = &str> {
    group::entries(record.group_ids.as_deref().unwrap_or_default())
}

/// The group external references a submitted record names, as
/// [`NormalizedRecord::group_refs`] holds them but borrowed.
pub(crate) fn submitted_group_refs(record: &PersonRecord) -> impl Iterator<Item = &str> {
    group::entries(record.groups_external_refs.as_deref().unwrap_or_default())
}

/// Whether a submitted record names groups in both forms (SPEC §4.1), as
/// [`crate::check_group_identifiers`] judges its normalized record.
pub(crate) fn submitted_names_both_forms(record: &PersonRecord) -> bool {
    submitted_group_ids(record).next().is_some() && submitted_group_refs(record).next().is_some()
}

/// [`NormalizedRecord::names_groups`] of a submitted record.
pub(crate) fn submitted_names_groups(record: &PersonRecord) -> bool {
    submitted_group_ids(record).next().is_some() || submitted_group_refs(record).next().is_some()
}

/// Normalizes one field: blank text is absent (whoever built the record),
/// an invalid value is listed in `errors`.
fn check<T, E: Into<FieldError>>(
    errors: &mut Vec<InvalidField>,
    field: Field,
    value: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Option<T> {
    let value = value.filter(|s| !chars::trim(s).is_empty())?;
    match parse(value) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            errors.push(InvalidField {
                field,
                error: error.into(),
            });
            None
        }
    }
}

/// A field whose value is not valid, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidField {
    /// The field.
    pub field: Field,
    /// What is wrong with its value.
    pub error: FieldError,
}

impl InvalidField {
    /// The record failure type this gives (SPEC §6).
    #[must_use]
    pub fn failure_type(&self) -> FailureType {
        match self.error {
            FieldError::ExternalRef(_) => FailureType::InvalidExternalRef,
            FieldError::EmailAddress(_) => FailureType::InvalidEmailAddress,
            FieldError::PhoneNumber(_) => FailureType::InvalidPhoneNumber,
            FieldError::Name(_) => FailureType::InvalidName,
        }
    }
}

impl fmt::Display for InvalidField {
    /// Names the field and says why, without echoing the value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not valid: {}", self.field, self.error)
    }
}

impl std::error::Error for InvalidField {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// The error of one field's normalizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldError {
    /// From [`ExternalRef::parse`].
    ExternalRef(ExternalRefError),
    /// From [`EmailAddress::parse`].
    EmailAddress(EmailError),
    /// From [`PhoneNumber::parse`].
    PhoneNumber(PhoneError),
    /// From [`Name::parse`].
    Name(NameError),
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::ExternalRef(e) => e.fmt(f),
            FieldError::EmailAddress(e) => e.fmt(f),
            FieldError::PhoneNumber(e) => e.fmt(f),
            FieldError::Name(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for FieldError {}

impl From<ExternalRefError> for FieldError {
    fn from(e: ExternalRefError) -> Self {
        FieldError::ExternalRef(e)
    }
}

impl From<EmailError> for FieldError {
    fn from(e: EmailError) -> Self {
        FieldError::EmailAddress(e)
    }
}

impl From<PhoneError> for FieldError {
    fn from(e: PhoneError) -> Self {
        FieldError::PhoneNumber(e)
    }
}

impl From<NameError> for FieldError {
    fn from(e: NameError) -> Self {
        FieldError::Name(e)
    }
}
