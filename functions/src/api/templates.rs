//! Routes for the council's response templates: every officer reads them (to start a
//! response from one); managers add, change and remove them. A change or removal names the
//! version read in `If-Match`, so it never overwrites a colleague's.

use super::extract::{Caller, JsonBody, PathParams, if_match};
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::templates;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use feedback_shared::template::{ResponseTemplate, TemplateDraft};
use feedback_shared::wire::Problem;

/// The version a change must name; a change without one is refused rather than applied
/// blind.
fn required_version(headers: &HeaderMap) -> Result<u64, ApiError> {
    if_match(headers, "the template's version number")?.ok_or_else(|| {
        ApiError::BadRequest(
            "send the template's version, as read, in If-Match: a change is applied only over the version you saw"
                .into(),
        )
    })
}

/// The council's response templates, by title.
#[utoipa::path(get, path = "/v1/councils/{council}/templates", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = Vec<ResponseTemplate>),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn list_templates(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<Vec<ResponseTemplate>>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    Ok(Json(templates::list(&app, council).await?))
}

/// Add a response template. Managers only. Placeholders are written `((name))`; an
/// unknown or unclosed one is refused on its field.
#[utoipa::path(post, path = "/v1/councils/{council}/templates", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)), request_body = TemplateDraft,
    responses((status = 201, body = ResponseTemplate),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn add_template(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
    JsonBody(draft): JsonBody<TemplateDraft>,
) -> Result<(StatusCode, Json<ResponseTemplate>), ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let template = templates::create(&app, council, &draft, &caller.0.officer).await?;
    Ok((StatusCode::CREATED, Json(template)))
}

/// Change a response template's title and text. Managers only; `If-Match` is the version
/// read, and a template changed since is refused (409) with nothing overwritten.
#[utoipa::path(put, path = "/v1/councils/{council}/templates/{id}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("id" = String, Path), ("If-Match" = String, Header, description = "The template's version, as read")),
    request_body = TemplateDraft,
    responses((status = 200, body = ResponseTemplate),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The template changed since it was read"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn change_template(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, id)): PathParams<(String, String)>,
    headers: HeaderMap,
    JsonBody(draft): JsonBody<TemplateDraft>,
) -> Result<Json<ResponseTemplate>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let expected = required_version(&headers)?;
    let template =
        templates::change(&app, council, &id, expected, &draft, &caller.0.officer).await?;
    Ok(Json(template))
}

/// Remove a response template. Managers only; `If-Match` is the version read.
#[utoipa::path(delete, path = "/v1/councils/{council}/templates/{id}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("id" = String, Path), ("If-Match" = String, Header, description = "The template's version, as read")),
    responses((status = 204, description = "Removed"),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "The template changed since it was read"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn remove_template(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, id)): PathParams<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let expected = required_version(&headers)?;
    templates::remove(&app, council, &id, expected).await?;
    Ok(StatusCode::NO_CONTENT)
}
