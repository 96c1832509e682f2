//! Routes officers use to log and work cases. Each needs a bearer token for the council.

use super::extract::{Caller, JsonBody};
use super::problem::ApiError;
use super::views::{CaseDetail, CaseSummary};
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::{NewSubmission, Submitted, act, body_hash, submit};
use crate::config::CouncilConfig;
use crate::store::{CaseFilter, CaseRecord};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use feedback_shared::case::{Action, Actor};
use feedback_shared::london::london_date;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Channel, Reference};
use serde::Deserialize;
use time::OffsetDateTime;
use utoipa::ToSchema;

/// A case received another way, logged by an officer with its real receipt time.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogCase {
    #[schema(value_type = String, example = "phone")]
    pub channel: Channel,
    /// When it reached the council (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub received_at: OffsetDateTime,
    #[schema(value_type = Object)]
    pub feedback: FeedbackForm,
}

/// The case as officers see it, with its timeline read fresh from the store.
async fn detail(
    app: &SharedApp,
    council: &CouncilConfig,
    record: CaseRecord,
) -> Result<Json<CaseDetail>, ApiError> {
    let timeline = app.store.events(&council.id, record.reference()).await?;
    let today = london_date(app.clock.now());
    Ok(Json(CaseDetail {
        summary: CaseSummary::of(&record, council, &app.calendar, today),
        case: record.case,
        details: record.details,
        timeline,
    }))
}

fn parse_reference(raw: &str) -> Result<Reference, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound)
}

/// Log feedback received by phone, email, letter, in person or through an MP or councillor.
#[utoipa::path(post, path = "/v1/councils/{council}/cases", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)), request_body = LogCase,
    responses((status = 201, body = Submitted), (status = 401, body = super::problem::Problem), (status = 403, body = super::problem::Problem), (status = 422, body = super::problem::Problem)))]
pub async fn log_case(
    State(app): State<SharedApp>,
    caller: Caller,
    Path(council): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<(StatusCode, Json<Submitted>), ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let hash = body_hash(&body);
    let log: LogCase =
        serde_json::from_value(body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    if log.received_at > app.clock.now() {
        return Err(ApiError::BadRequest("received_at is in the future".into()));
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|k| (k.trim().to_owned(), hash));
    let new = NewSubmission {
        council,
        form: log.feedback,
        channel: log.channel,
        received_at: log.received_at,
        actor: Actor::Officer(caller.0.officer.clone()),
        idempotency: key.filter(|(k, _)| !k.is_empty()),
    };
    let (submitted, created) = submit(&app, new).await?;
    Ok((
        if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(submitted),
    ))
}

/// The council's cases, newest first, filtered.
#[utoipa::path(get, path = "/v1/councils/{council}/cases", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path),
        ("status" = Option<String>, Query), ("kind" = Option<String>, Query), ("service" = Option<String>, Query),
        ("stage" = Option<u8>, Query), ("assigned_to" = Option<String>, Query),
        ("due_before" = Option<String>, Query, description = "YYYY-MM-DD"), ("overdue" = Option<bool>, Query)),
    responses((status = 200, body = Vec<CaseSummary>), (status = 401, body = super::problem::Problem), (status = 403, body = super::problem::Problem)))]
pub async fn list_cases(
    State(app): State<SharedApp>,
    caller: Caller,
    Path(council): Path<String>,
    query: Result<Query<CaseFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<CaseSummary>>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let Query(mut filter) = query.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let today = london_date(app.clock.now());
    filter.today = Some(today);
    let records = app.store.list_cases(&council.id, &filter).await?;
    Ok(Json(
        records
            .iter()
            .map(|r| CaseSummary::of(r, council, &app.calendar, today))
            .collect(),
    ))
}

/// One case with its whole timeline.
#[utoipa::path(get, path = "/v1/councils/{council}/cases/{reference}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)),
    responses((status = 200, body = CaseDetail), (status = 404, body = super::problem::Problem)))]
pub async fn get_case(
    State(app): State<SharedApp>,
    caller: Caller,
    Path((council, reference)): Path<(String, String)>,
) -> Result<Json<CaseDetail>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let reference = parse_reference(&reference)?;
    let record = app
        .store
        .get_case(&council.id, &reference)
        .await?
        .ok_or(ApiError::NotFound)?;
    detail(&app, council, record).await
}

/// Acknowledge, assign, respond, extend, escalate, close, withdraw, not accept,
/// reclassify, promote, note, or record an Ombudsman referral or decision.
/// Send `If-Match: <version>` to refuse the change if someone else changed the case first.
#[utoipa::path(post, path = "/v1/councils/{council}/cases/{reference}/actions", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body(content = Object, description = "An action, tagged by `action`: e.g. {\"action\":\"acknowledge\",\"on\":\"2026-11-24\"}"),
    responses((status = 200, body = CaseDetail), (status = 409, body = super::problem::Problem), (status = 422, body = super::problem::Problem)))]
pub async fn act_on_case(
    State(app): State<SharedApp>,
    caller: Caller,
    Path((council, reference)): Path<(String, String)>,
    headers: HeaderMap,
    JsonBody(action): JsonBody<Action>,
) -> Result<Json<CaseDetail>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let reference = parse_reference(&reference)?;
    if matches!(action, Action::Receive { .. }) {
        return Err(ApiError::BadRequest(
            "a case is received once, when it is created".into(),
        ));
    }
    let expected = match headers.get(axum::http::header::IF_MATCH) {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .map(|s| s.trim().trim_matches('"'))
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or_else(|| {
                    ApiError::BadRequest("If-Match must be the case's version number".into())
                })?,
        ),
    };
    let actor = Actor::Officer(caller.0.officer.clone());
    let (record, _) = act(&app, council, &reference, actor, action, expected).await?;
    detail(&app, council, record).await
}

/// The council's whole configuration: policy, services, origins. Managers only.
#[utoipa::path(get, path = "/v1/councils/{council}/configuration", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = Object), (status = 403, body = super::problem::Problem)))]
pub async fn configuration(
    State(app): State<SharedApp>,
    caller: Caller,
    Path(council): Path<String>,
) -> Result<Json<crate::config::CouncilConfig>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(council.clone()))
}
