//! The dashboard's routes: the council's figures, and its undelivered messages with a
//! retry. Any officer of the council may use them.

use super::extract::{Caller, PathParams};
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use feedback_shared::london::london_date;
use feedback_shared::wire::{Dashboard, Problem, UndeliveredMessage};

/// Open cases by stage and status, due this week, overdue, and this quarter's and year to
/// date's timeliness and escalation; each count with the list filters that show its cases.
#[utoipa::path(get, path = "/v1/councils/{council}/dashboard", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = Dashboard), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn dashboard(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<Dashboard>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let today = london_date(app.clock.now());
    Ok(Json(
        crate::dashboard::council_dashboard(&app, council, today).await?,
    ))
}

/// Messages the sender gave up on after its last attempt, the latest first; recipients
/// masked.
#[utoipa::path(get, path = "/v1/councils/{council}/outbox/undelivered", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = Vec<UndeliveredMessage>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn list_undelivered(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<Vec<UndeliveredMessage>>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    Ok(Json(crate::dashboard::undelivered(&app, council).await?))
}

/// Queues an undelivered message again, now, for one more attempt; once only (404 when it
/// is no longer listed).
#[utoipa::path(post, path = "/v1/councils/{council}/outbox/undelivered/{message}/retry", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("message" = String, Path, description = "The message's id, as listed")),
    responses((status = 204, description = "Queued again"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn retry_undelivered(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, id)): PathParams<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    crate::dashboard::retry(&app, council, &id, app.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
