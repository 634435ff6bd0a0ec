//! person-match: the pure core of a bulk "create or update persons" API
//! (`POST /persons/multiple/`).
//!
//! For each record of a request it decides which person the record is,
//! whether a person may be created, and what the API answers. There is no
//! IO: the embedding service owns authentication, storage and transport.
//!
//! ```
//! use person_match::{
//!     Context, GroupDirectory, GroupId, GroupRef, Options, PersonIndex, Request,
//!     SequentialIdentifiers,
//! };
//!
//! // Who is asking: the groups that exist, and those the caller can access.
//! let mut directory = GroupDirectory::new();
//! directory.insert(GroupId::parse("group-1").unwrap(), GroupRef::parse("group-external-ref-1"))?;
//! directory.insert(GroupId::parse("group-2").unwrap(), None)?;
//! let context = Context::new(directory, GroupId::parse_list(&["group-1", "group-2"]));
//!
//! // The request, as the API receives it.
//! let request: Request = serde_json::from_str(r#"{"persons": [
//!     {"email_address": "test@example.com", "first_name": "Test", "external_ref": "id-1",
//!      "phone_number": "01234567890", "group_ids": "['group-1', 'group-2']"},
//!     {"first_name": "Test insuficient info", "groups_external_refs": "['group-external-ref-1']"}
//! ]}"#)?;
//!
//! let mut index = PersonIndex::new();
//! let mut ids = SequentialIdentifiers::new("person-");
//! let response = index.upsert(&request, &context, &Options::default(), &mut ids)?;
//!
//! assert_eq!(response.persons[0].identifier.as_deref(), Some("person-1"));
//! assert!(!response.persons[1].success);
//! assert_eq!(response.persons[1].groups, Some(vec!["group-1".to_owned()]));
//! assert_eq!(index.get("person-1").unwrap().fields().phone_number.as_ref().unwrap().as_str(), "+441234567890");
//!
//! // Sent again, the request updates the same person and creates nobody.
//! let again = index.upsert(&request, &context, &Options::default(), &mut ids)?;
//! assert_eq!(again.persons[0].identifier.as_deref(), Some("person-1"));
//! assert_eq!(index.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Where data enters and leaves
//! - [`Request`] and [`PersonRecord`]: the wire (SPEC §2.1).
//! - [`NormalizedRecord`]: each field through its newtype, [`ExternalRef`],
//!   [`EmailAddress`], [`PhoneNumber`], [`Name`], [`GroupId`], [`GroupRef`] (§3).
//! - [`check_group_identifiers`] and [`Sufficiency`]: the rules (§4.1, §4.4).
//! - [`Context::scope`]: which groups a record sees (§4.2).
//! - [`rank`] over any [`PersonLookup`]: which person a record is (§4.3).
//! - [`plan`], then [`PersonIndex::apply`], then [`Plan::response`]: a batch
//!   (§4.5, §4.6), ending in a [`Response`] or a [`RequestError`].

mod auth;
mod chars;
mod email;
mod error;
mod external_ref;
mod group;
mod index;
mod lookup;
mod matching;
mod name;
mod options;
mod pending;
mod phone;
mod plan;
mod record;
mod request;
mod response;
mod rules;
mod scope;

pub use auth::bearer_token;
pub use email::{EmailAddress, EmailError};
pub use error::{
    BOTH_GROUP_IDENTIFIERS_MESSAGE, ErrorBody, ErrorKind, ErrorResponse, RequestError,
};
pub use external_ref::{EXTERNAL_REF_MAX_CHARS, ExternalRef, ExternalRefError};
pub use group::{GroupId, GroupRef};
pub use index::{
    IDENTIFIER_MAX_BYTES, IdentifierAllocator, IndexError, IndexScope, Person, PersonHandle,
    PersonIndex, PersonView, SequentialIdentifiers,
};
pub use lookup::{Candidate, PersonLookup};
pub use matching::{Ambiguity, MatchOutcome, rank};
pub use name::{NAME_MAX_CHARS, Name, NameError};
pub use options::{IdentityConflictPolicy, Options};
pub use phone::{PhoneError, PhoneNumber, Region, RegionError};
pub use plan::{Applied, Decision, Plan, PlannedRecord, Target, plan};
pub use record::{FieldError, InvalidField, NormalizedRecord, PersonFields};
pub use request::{Field, PersonRecord, Request};
pub use response::{
    FailureType, INSUFFICIENT_INFORMATION_MESSAGE, MatchedBy, Outcome, PersonResult, Response,
};
pub use rules::{Sufficiency, check_group_identifiers};
pub use scope::{Context, DirectoryError, GroupDirectory, Scope, ScopeError};
