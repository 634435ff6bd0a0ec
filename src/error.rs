//! Request-level errors and their wire envelope (SPEC §2.3).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The seed's message for `both_group_identifiers_provided`, exactly.
pub const BOTH_GROUP_IDENTIFIERS_MESSAGE: &str = "You have provided both group ids and group external references for a person in your request body. Please only provide one of the two.";

/// The kinds of request-level error the API answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// No `Authorization` header (raised by the embedding service).
    MissingAuthorization,
    /// The bearer token has expired (raised by the embedding service).
    ExpiredToken,
    /// The `Authorization` header is not a usable bearer token.
    InvalidAuthorization,
    /// Some record names both group ids and group external references.
    BothGroupIdentifiersProvided,
    /// The body is not the shape of a request.
    InvalidRequest,
    /// More records than the configured limit.
    TooManyPersons,
}

impl ErrorKind {
    /// The kind's name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::MissingAuthorization => "missing_authorization",
            ErrorKind::ExpiredToken => "expired_token",
            ErrorKind::InvalidAuthorization => "invalid_authorization",
            ErrorKind::BothGroupIdentifiersProvided => "both_group_identifiers_provided",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::TooManyPersons => "too_many_persons",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request-level error: nothing of the request is applied.
///
/// ```
/// use person_match::{ErrorKind, RequestError};
///
/// let err = RequestError::too_many_persons(1000);
/// assert_eq!(err.kind(), ErrorKind::TooManyPersons);
/// let json = serde_json::to_string(&err.to_response()).unwrap();
/// assert!(json.starts_with(r#"{"error":{"type":"too_many_persons","#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    kind: ErrorKind,
    message: String,
}

impl RequestError {
    /// `missing_authorization`, with the seed's message.
    #[must_use]
    pub fn missing_authorization() -> RequestError {
        RequestError::new(
            ErrorKind::MissingAuthorization,
            "Your request does not include an 'Authorization' header with a bearer token for your account.",
        )
    }

    /// `expired_token`, with the seed's message.
    #[must_use]
    pub fn expired_token() -> RequestError {
        RequestError::new(
            ErrorKind::ExpiredToken,
            "The bearer token you have provided in the 'Authorization' header has expired. Please obtain a new one.",
        )
    }

    /// `invalid_authorization`, with the seed's message.
    #[must_use]
    pub fn invalid_authorization() -> RequestError {
        RequestError::new(
            ErrorKind::InvalidAuthorization,
            "The bearer token you have provided in the 'Authorization' header is invalid.",
        )
    }

    /// `both_group_identifiers_provided`, with the seed's message.
    #[must_use]
    pub fn both_group_identifiers_provided() -> RequestError {
        RequestError::new(
            ErrorKind::BothGroupIdentifiersProvided,
            BOTH_GROUP_IDENTIFIERS_MESSAGE,
        )
    }

    /// `invalid_request`, for a body that did not deserialize: pass the
    /// deserializer's error, which names the record index and field.
    ///
    /// ```
    /// use person_match::{Request, RequestError};
    ///
    /// let err = serde_json::from_str::<Request>(r#"{"persons": [{}, {"phone_number": 7}]}"#)
    ///     .map_err(RequestError::invalid_request)
    ///     .unwrap_err();
    /// assert!(err.message().starts_with("persons[1].phone_number: expected a string, found a number"));
    /// ```
    #[must_use]
    #[allow(clippy::needless_pass_by_value)] // so that `map_err(RequestError::invalid_request)` reads well
    pub fn invalid_request<E: fmt::Display>(cause: E) -> RequestError {
        RequestError::new(ErrorKind::InvalidRequest, cause.to_string())
    }

    /// `too_many_persons`, stating the limit.
    #[must_use]
    pub fn too_many_persons(limit: usize) -> RequestError {
        RequestError::new(
            ErrorKind::TooManyPersons,
            format!("A request may contain at most {limit} person records."),
        )
    }

    fn new(kind: ErrorKind, message: impl Into<String>) -> RequestError {
        RequestError {
            kind,
            message: message.into(),
        }
    }

    /// The error's kind.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message the API answers with.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The wire envelope, `{"error": {"type": ..., "message": ...}}`.
    #[must_use]
    pub fn to_response(&self) -> ErrorResponse {
        ErrorResponse {
            error: ErrorBody {
                kind: self.kind,
                message: self.message.clone(),
            },
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for RequestError {}

/// The wire form of a request-level error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// The error.
    pub error: ErrorBody,
}

/// The body of [`ErrorResponse`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// `type` on the wire.
    #[serde(rename = "type")]
    pub kind: ErrorKind,
    /// A message for people.
    pub message: String,
}
