//! Routes for the annual record of the Code's section 8 (self-assessment, service
//! improvements, the Ombudsman's letter). Managers only. A save names the version read in
//! `If-Match` (none for the first save), so two managers never overwrite each other.

use super::extract::{Caller, JsonBody, PathParams, if_match};
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use feedback_shared::wire::{AnnualDraft, AnnualRecord, AnnualView, Problem};

/// The Code's checklist for the financial year starting in `year`, pre-filled from the
/// year's figures where they speak to a requirement, with the record saved so far.
#[utoipa::path(get, path = "/v1/councils/{council}/annual/{year}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("year" = i32, Path, description = "The year the financial year starts (2026: April 2026 to March 2027)")),
    responses((status = 200, body = AnnualView),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn annual_view(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, year)): PathParams<(String, i32)>,
) -> Result<Json<AnnualView>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(crate::annual::view(&app, council, year).await?))
}

/// Save the year's self-assessment, improvements and Ombudsman's letter, whole.
/// `If-Match` is the version read; leave it out for the first save.
#[utoipa::path(put, path = "/v1/councils/{council}/annual/{year}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("year" = i32, Path), ("If-Match" = Option<String>, Header, description = "The record's version, as read; absent for the first save")),
    request_body = AnnualDraft,
    responses((status = 200, body = AnnualRecord),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The record changed since it was read"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn save_annual(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, year)): PathParams<(String, i32)>,
    headers: HeaderMap,
    JsonBody(draft): JsonBody<AnnualDraft>,
) -> Result<Json<AnnualRecord>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let expected = if_match(&headers, "the annual record's version number")?;
    let record =
        crate::annual::save(&app, council, year, &draft, expected, &caller.0.officer).await?;
    Ok(Json(record))
}
