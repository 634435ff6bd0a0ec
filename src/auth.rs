//! Classifying an `Authorization` header (SPEC §2.3).

use crate::RequestError;

/// Classifies an `Authorization` header value, for the embedding service.
///
/// No header (or a blank one) is `missing_authorization`; anything but `bearer <token>`
/// (scheme case-insensitive, token non-empty) is `invalid_authorization`;
/// otherwise the token is returned for the service to verify, which alone
/// can tell an expired token.
///
/// ```
/// use person_match::{ErrorKind, bearer_token};
///
/// assert_eq!(bearer_token(Some("Bearer abc.def")), Ok("abc.def"));
/// assert_eq!(bearer_token(None).unwrap_err().kind(), ErrorKind::MissingAuthorization);
/// assert_eq!(bearer_token(Some("Basic x")).unwrap_err().kind(), ErrorKind::InvalidAuthorization);
/// ```
pub fn bearer_token(header: Option<&str>) -> Result<&str, RequestError> {
    let header = header
        .filter(|h| !h.trim().is_empty())
        .ok_or_else(RequestError::missing_authorization)?;
    let mut parts = header.trim().splitn(2, char::is_whitespace);
    let scheme = parts.next().unwrap_or_default();
    let token = parts.next().unwrap_or_default().trim();
    if scheme.eq_ignore_ascii_case("bearer")
        && !token.is_empty()
        && !token.contains(char::is_whitespace)
    {
        Ok(token)
    } else {
        Err(RequestError::invalid_authorization())
    }
}
