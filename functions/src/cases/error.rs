//! What can stop a use case, in the use case's own terms. The API turns each into a
//! problem response in one place (`api::problem`); the command line prints it.

use crate::store::StoreError;
use feedback_shared::case::TransitionError;
use feedback_shared::equality::EqualityError;
use feedback_shared::{FieldErrors, Language};

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The answers do not parse; each error names its field, in the answers' language.
    #[error("some answers need changing")]
    Validation {
        errors: FieldErrors,
        language: Language,
    },
    /// Equality answers to questions, or with answers, that do not exist.
    #[error("{0}")]
    Equality(#[from] EqualityError),
    #[error("no such case")]
    NotFound,
    /// A resident's reference and code do not match a case: which of the two is wrong is
    /// not said.
    #[error("no case matches that reference and code")]
    NoMatchingCase,
    /// An idempotency key sent again with different answers.
    #[error("this idempotency key was already used with different answers")]
    IdempotencyMismatch,
    /// The case changed after the caller read it.
    #[error("the case changed since it was read")]
    VersionConflict,
    /// A response template changed (or went) after the manager read it.
    #[error("the template changed since it was read")]
    TemplateChanged,
    /// The procedure does not allow the action now.
    #[error("{0}")]
    Transition(#[from] TransitionError),
    /// The case's state refuses the request, for the reason given (a legal hold on an
    /// erasure, say).
    #[error("{0}")]
    Conflict(String),
    /// Input a use case refuses outside a form (officers' and managers' requests).
    #[error("{0}")]
    BadInput(String),
    /// A server-to-server submission without a live API key of the council.
    #[error("send the council's API key in the X-Api-Key header")]
    BadApiKey,
    /// A limit on the public routes was reached: try again in this many seconds.
    #[error("too many requests: try again in {retry_after} seconds")]
    TooMany { retry_after: u64 },
    /// The form token has run out (its lifetime or its uses): open the form again.
    #[error("this form has expired: open it again to send")]
    FormExpired,
    #[error(transparent)]
    Store(StoreError),
    /// Something that cannot happen unless the stored data or the code is wrong.
    #[error("{0}")]
    Unexpected(String),
}

impl From<StoreError> for CaseError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::VersionConflict { .. } => CaseError::VersionConflict,
            StoreError::NotFound => CaseError::NotFound,
            other => CaseError::Store(other),
        }
    }
}
