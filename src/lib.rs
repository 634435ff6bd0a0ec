//! person-match: the pure core of a bulk "create or update persons" API.

mod email;
mod phone;

pub use email::{EmailAddress, EmailError};
pub use phone::{PhoneError, PhoneNumber, Region};
