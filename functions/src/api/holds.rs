//! Legal holds: managers keep a case from the retention job (litigation, an open
//! Ombudsman investigation), lift the hold, and list the council's holds.

use super::extract::{Caller, JsonBody, PathParams};
use super::officer::parse_reference;
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::holds;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use feedback_shared::wire::{LegalHold, NewLegalHold, Problem};

/// The council's legal holds, by reference. Managers only.
#[utoipa::path(get, path = "/v1/councils/{council}/holds", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = Vec<LegalHold>),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn list_holds(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<Vec<LegalHold>>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(holds::list(&app, council).await?))
}

/// Keep a case from the retention job until the hold is lifted (setting it again replaces
/// the reason). Managers only.
#[utoipa::path(put, path = "/v1/councils/{council}/cases/{reference}/hold", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)), request_body = NewLegalHold,
    responses((status = 200, body = LegalHold),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn set_hold(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, reference)): PathParams<(String, String)>,
    JsonBody(new): JsonBody<NewLegalHold>,
) -> Result<Json<LegalHold>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let reference = parse_reference(&reference)?;
    let hold = holds::set(&app, council, &reference, &new, &caller.0.officer).await?;
    Ok(Json(hold))
}

/// Lift the legal hold on a case: the retention job may then remove its personal data
/// when it is due. Managers only.
#[utoipa::path(delete, path = "/v1/councils/{council}/cases/{reference}/hold", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)),
    responses((status = 204, description = "Lifted"),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json", description = "No such case, or it has no hold"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn lift_hold(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, reference)): PathParams<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let reference = parse_reference(&reference)?;
    holds::lift(&app, council, &reference).await?;
    Ok(StatusCode::NO_CONTENT)
}
