//! Routes managers use to issue, list and revoke the council's API keys for
//! server-to-server submissions.

use super::extract::{Caller, JsonBody, PathParams};
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::api_keys;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use feedback_shared::wire::{ApiKeyView, IssuedApiKey, NewApiKey, Problem};

/// The council's API keys, revoked ones too; never their secrets. Managers only.
#[utoipa::path(get, path = "/v1/councils/{council}/api-keys", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = Vec<ApiKeyView>),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn list_api_keys(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<Vec<ApiKeyView>>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(api_keys::list(&app, council).await?))
}

/// Issue an API key. Its secret is in this answer only: store it in the calling system.
#[utoipa::path(post, path = "/v1/councils/{council}/api-keys", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)), request_body = NewApiKey,
    responses((status = 201, body = IssuedApiKey),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn issue_api_key(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
    JsonBody(new): JsonBody<NewApiKey>,
) -> Result<(StatusCode, Json<IssuedApiKey>), ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let issued = api_keys::issue(&app, council, &new.label, &caller.0.officer).await?;
    Ok((StatusCode::CREATED, Json(issued)))
}

/// Revoke an API key: submissions with it are refused from now on.
#[utoipa::path(delete, path = "/v1/councils/{council}/api-keys/{id}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = ApiKeyView),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn revoke_api_key(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, id)): PathParams<(String, String)>,
) -> Result<Json<ApiKeyView>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(api_keys::revoke(&app, council, &id).await?))
}
