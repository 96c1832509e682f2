//! Contact restrictions (unreasonable behaviour): managers list, record, read and review
//! them. Officers see the ones in force on a case's page (its detail carries them).

use super::extract::{Caller, JsonBody, PathParams};
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::restrictions;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use feedback_shared::restriction::Restriction;
use feedback_shared::wire::{Problem, RestrictionDraft, RestrictionReviewDraft};

/// The council's restrictions on how people contact it, in force and ended (ended ones
/// stay on record), newest decision first. Managers only.
#[utoipa::path(get, path = "/v1/councils/{council}/restrictions", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = Vec<Restriction>),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn list_restrictions(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<Vec<Restriction>>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(restrictions::list(&app, council).await?))
}

/// Record a restriction on how a person contacts the council: what is restricted, the
/// behaviour that led to it, who decided, when it was explained to them, and a review
/// date at most 12 months on. It never stops their complaints being logged or handled.
/// Managers only.
#[utoipa::path(post, path = "/v1/councils/{council}/restrictions", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)), request_body = RestrictionDraft,
    responses((status = 201, body = Restriction),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn record_restriction(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
    JsonBody(draft): JsonBody<RestrictionDraft>,
) -> Result<(StatusCode, Json<Restriction>), ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let restriction = restrictions::record(&app, council, &draft, &caller.0.officer).await?;
    Ok((StatusCode::CREATED, Json(restriction)))
}

/// One restriction with its reviews. Managers only.
#[utoipa::path(get, path = "/v1/councils/{council}/restrictions/{restriction}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("restriction" = String, Path)),
    responses((status = 200, body = Restriction),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn get_restriction(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, id)): PathParams<(String, String)>,
) -> Result<Json<Restriction>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(restrictions::get(&app, council, &id).await?))
}

/// Review a restriction in force: continue it to a new review date (at most 12 months
/// on), or end it with the reason (it stays on record). Managers only.
#[utoipa::path(post, path = "/v1/councils/{council}/restrictions/{restriction}/review", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("restriction" = String, Path)), request_body = RestrictionReviewDraft,
    responses((status = 200, body = Restriction),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn review_restriction(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, id)): PathParams<(String, String)>,
    JsonBody(draft): JsonBody<RestrictionReviewDraft>,
) -> Result<Json<Restriction>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let restriction = restrictions::review(&app, council, &id, &draft, &caller.0.officer).await?;
    Ok(Json(restriction))
}
