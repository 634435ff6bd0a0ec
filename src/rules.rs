//! The validation rules: group-identifier conflict (SPEC §4.1) and
//! sufficiency to create (SPEC §4.4).

use crate::{NormalizedRecord, PersonFields, RequestError};

/// Fails the whole request when any record names both group ids and group
/// external references (SPEC §4.1), with the API's own message.
///
/// ```
/// use person_match::{check_group_identifiers, GroupId, GroupRef, NormalizedRecord};
///
/// let both = NormalizedRecord {
///     group_ids: GroupId::parse_list(&["group-1"]),
///     group_refs: GroupRef::parse_list(&["ref-1"]),
///     ..NormalizedRecord::default()
/// };
/// assert!(check_group_identifiers(&[NormalizedRecord::default()]).is_ok());
/// assert!(check_group_identifiers(&[NormalizedRecord::default(), both]).is_err());
/// ```
pub fn check_group_identifiers(records: &[NormalizedRecord]) -> Result<(), RequestError> {
    if records
        .iter()
        .any(|r| !r.group_ids.is_empty() && !r.group_refs.is_empty())
    {
        Err(RequestError::both_group_identifiers_provided())
    } else {
        Ok(())
    }
}

/// Whether a record may create a person, and on what grounds (SPEC §4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sufficiency {
    /// It has an external reference.
    ExternalRef,
    /// It has a phone number or email address, and a first or last name.
    ContactAndName,
    /// Neither: it can update a person it matches, but not create one.
    Insufficient,
}

impl Sufficiency {
    /// Judges the valid fields of a record: `external_ref` OR
    /// ((`phone_number` OR `email_address`) AND (`first_name` OR `last_name`)).
    ///
    /// ```
    /// use person_match::{EmailAddress, Name, PersonFields, Sufficiency};
    ///
    /// let mut fields = PersonFields {
    ///     email_address: Some(EmailAddress::parse("test@example.com").unwrap()),
    ///     ..PersonFields::default()
    /// };
    /// assert_eq!(Sufficiency::of(&fields), Sufficiency::Insufficient);
    /// fields.first_name = Some(Name::parse("Test").unwrap());
    /// assert_eq!(Sufficiency::of(&fields), Sufficiency::ContactAndName);
    /// ```
    #[must_use]
    pub fn of(fields: &PersonFields) -> Sufficiency {
        let contact = fields.phone_number.is_some() || fields.email_address.is_some();
        let name = fields.first_name.is_some() || fields.last_name.is_some();
        if fields.external_ref.is_some() {
            Sufficiency::ExternalRef
        } else if contact && name {
            Sufficiency::ContactAndName
        } else {
            Sufficiency::Insufficient
        }
    }

    /// Whether a person may be created.
    #[must_use]
    pub fn is_sufficient(self) -> bool {
        self != Sufficiency::Insufficient
    }
}
