//! The use cases behind the routes: submitting, working and reading a case, what a
//! resident may do with theirs, and the report. Handlers parse HTTP and shape answers;
//! these functions hold the rules of storage and replay, and are the only way the API
//! reaches the store. They know nothing of HTTP: each failure is a [`CaseError`].

mod act;
pub mod api_keys;
pub mod cursor;
mod error;
pub mod holds;
pub mod limits;
pub mod personal_data;
mod preview;
pub mod read;
pub mod resident;
pub mod restrictions;
pub mod signin;
mod submit;
pub mod templates;

pub use act::act;
pub use error::CaseError;
pub use preview::preview;
pub use submit::{NewSubmission, body_hash, submit};
