//! `POST /v1/signin`: the console exchanges a one-time sign-in code for a short-lived
//! officer token. Only the local server answers it; in AWS it is a 404 problem.

use super::extract::JsonBody;
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::AuthError;
use crate::cases::signin::{ExchangeError, exchange};
use axum::Json;
use axum::extract::State;
use feedback_shared::wire::{Problem, SignInRequest, SignedIn};

impl From<ExchangeError> for ApiError {
    fn from(e: ExchangeError) -> Self {
        match e {
            ExchangeError::NotHere => ApiError::NotFound,
            ExchangeError::Refused(reason) => ApiError::Unauthenticated(AuthError::SignIn(reason)),
            ExchangeError::Store(e) => ApiError::Internal(e.to_string()),
        }
    }
}

/// Exchange a sign-in link's code (from `feedback signin`) for an officer token, once.
#[utoipa::path(post, path = "/v1/signin", tag = "officer",
    request_body = SignInRequest,
    responses((status = 200, body = SignedIn, description = "A token for the officer routes, valid for an hour"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "The code is forged, expired or used already"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "This deployment signs officers in another way"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn sign_in(
    State(app): State<SharedApp>,
    JsonBody(body): JsonBody<SignInRequest>,
) -> Result<Json<SignedIn>, ApiError> {
    Ok(Json(exchange(&app, &body.code).await?))
}
