//! Every error leaves the API as `application/problem+json` (RFC 9457), with field-level
//! details a form can show beside each input.

use crate::auth::AuthError;
use crate::cases::CaseError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use feedback_shared::case::TransitionError;
use feedback_shared::wire::problem::ProblemType;
use feedback_shared::wire::{FieldProblem, Problem};
use feedback_shared::{Field, FieldErrors, Language};

/// The errors of the API boundary, each mapped once to a status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("some answers need changing")]
    Validation {
        errors: FieldErrors,
        language: Language,
    },
    #[error("{0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    #[error("this path does not take that method: see the Allow header")]
    MethodNotAllowed,
    #[error("no case matches that reference and code")]
    NoMatchingCase,
    #[error("sign in as an officer")]
    Unauthenticated(#[source] AuthError),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("this Idempotency-Key was already used with a different request")]
    IdempotencyMismatch,
    #[error("the case changed since you loaded it: reload and try again")]
    VersionConflict,
    #[error(
        "someone changed this template since you loaded it: reload it and make your change again"
    )]
    TemplateChanged,
    #[error("{0}")]
    Transition(TransitionError),
    /// The case's state refuses the request, for the reason given.
    #[error("{0}")]
    Conflict(String),
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    #[error("something went wrong on our side")]
    Internal(String),
    /// The spam checks' answer: sent faster than a person can fill the form in.
    #[error("please check your answers, then send again in {0} seconds")]
    TooSoon(u64),
    /// The spam trap was filled in, or the form token is forged.
    #[error("this form could not be accepted: contact the council another way")]
    NotAccepted,
    /// A limit on the public routes: wait this many seconds.
    #[error("too many requests: try again in {0} seconds")]
    RateLimited(u64),
    /// The form token is past its lifetime or its uses.
    #[error("this form has expired: open it again to send")]
    FormExpired,
    /// A server-to-server submission without a live API key.
    #[error("send the council's API key in the X-Api-Key header (issued by a manager)")]
    BadApiKey,
}

/// The one place a use case's failure becomes an API error (and so a status and a problem
/// type). Storage failures are logged, never shown.
impl From<CaseError> for ApiError {
    fn from(e: CaseError) -> Self {
        match e {
            CaseError::Validation { errors, language } => ApiError::Validation { errors, language },
            CaseError::Equality(e) => ApiError::BadRequest(e.to_string()),
            CaseError::NotFound => ApiError::NotFound,
            CaseError::NoMatchingCase => ApiError::NoMatchingCase,
            CaseError::IdempotencyMismatch => ApiError::IdempotencyMismatch,
            CaseError::VersionConflict => ApiError::VersionConflict,
            CaseError::TemplateChanged => ApiError::TemplateChanged,
            CaseError::Transition(e) => ApiError::Transition(e),
            CaseError::Conflict(detail) => ApiError::Conflict(detail),
            CaseError::BadInput(detail) => ApiError::BadRequest(detail),
            CaseError::BadApiKey => ApiError::BadApiKey,
            CaseError::TooMany { retry_after } => ApiError::RateLimited(retry_after),
            CaseError::FormExpired => ApiError::FormExpired,
            CaseError::Store(e) => ApiError::Internal(e.to_string()),
            CaseError::Unexpected(detail) => ApiError::Internal(detail),
        }
    }
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound | ApiError::NoMatchingCase => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::IdempotencyMismatch => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::VersionConflict | ApiError::TemplateChanged => StatusCode::CONFLICT,
            ApiError::Transition(e) if is_bad_date(e) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Transition(_) | ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::TooSoon(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::NotAccepted => StatusCode::BAD_REQUEST,
            ApiError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::FormExpired => StatusCode::BAD_REQUEST,
            ApiError::BadApiKey => StatusCode::UNAUTHORIZED,
        }
    }

    /// The kind of problem, whose slug ends the `type` URL.
    fn problem_type(&self) -> ProblemType {
        match self {
            ApiError::Validation { .. } => ProblemType::Validation,
            ApiError::BadRequest(_) => ProblemType::BadRequest,
            ApiError::NotFound => ProblemType::NotFound,
            ApiError::MethodNotAllowed => ProblemType::MethodNotAllowed,
            ApiError::NoMatchingCase => ProblemType::NoMatchingCase,
            ApiError::Unauthenticated(_) => ProblemType::Unauthenticated,
            ApiError::Forbidden(_) => ProblemType::Forbidden,
            ApiError::IdempotencyMismatch => ProblemType::IdempotencyKeyReused,
            ApiError::VersionConflict | ApiError::TemplateChanged => ProblemType::VersionConflict,
            ApiError::Transition(e) if is_bad_date(e) => ProblemType::Validation,
            ApiError::Transition(_) | ApiError::Conflict(_) => ProblemType::NotAllowedNow,
            ApiError::TooLarge(_) => ProblemType::TooLarge,
            ApiError::Internal(_) => ProblemType::Internal,
            ApiError::TooSoon(_) => ProblemType::TooSoon,
            ApiError::NotAccepted => ProblemType::NotAccepted,
            ApiError::RateLimited(_) => ProblemType::RateLimited,
            ApiError::FormExpired => ProblemType::FormExpired,
            ApiError::BadApiKey => ProblemType::Unauthenticated,
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        let field_problems = |errors: &FieldErrors, language: Language| {
            errors
                .iter()
                .map(|e| FieldProblem {
                    field: e.field,
                    key: e.key().to_owned(),
                    message: e.text(language),
                })
                .collect()
        };
        let errors = match self {
            ApiError::Validation { errors, language } => field_problems(errors, *language),
            ApiError::Transition(TransitionError::Field(e)) => {
                field_problems(&FieldErrors(vec![e.clone()]), Language::En)
            }
            ApiError::Transition(
                e @ (TransitionError::FutureDate { .. }
                | TransitionError::BeforeStart { .. }
                | TransitionError::DueDatePassed { .. }),
            ) => vec![FieldProblem {
                field: Field::Date,
                key: match e {
                    TransitionError::FutureDate { .. } => "date.in_future",
                    TransitionError::DueDatePassed { .. } => "date.passed",
                    _ => "date.before_start",
                }
                .to_owned(),
                message: e.to_string(),
            }],
            // The review date a kept or changed adjustment needs: a field to fill in.
            ApiError::Transition(e @ TransitionError::NextReviewNeeded) => vec![FieldProblem {
                field: Field::Date,
                key: "date.required".to_owned(),
                message: e.to_string(),
            }],
            _ => Vec::new(),
        };
        Problem {
            kind: self.problem_type().url(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            // Internal details stay in the log; the client gets the plain message.
            detail: self.to_string(),
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(detail) => tracing::error!(error = %detail, "request failed"),
            ApiError::Unauthenticated(reason) => tracing::info!(%reason, "unauthenticated"),
            _ => {}
        }
        let mut response = problem_response(self.status(), &self.problem());
        if let ApiError::TooSoon(seconds) | ApiError::RateLimited(seconds) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A refusal that is about the date the officer gave (a field to correct, so 422), not
/// about the case's state (409).
fn is_bad_date(e: &TransitionError) -> bool {
    matches!(
        e,
        TransitionError::Field(_)
            | TransitionError::FutureDate { .. }
            | TransitionError::BeforeStart { .. }
            | TransitionError::DueDatePassed { .. }
            | TransitionError::NextReviewNeeded
    )
}

pub fn problem_response(status: StatusCode, problem: &Problem) -> Response {
    let body = serde_json::to_vec(problem).expect("problems serialise");
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}
