//! Routes officers use to log and work cases. Each needs a bearer token for the council.

use super::extract::{Caller, JsonBody, PathParams, QueryParams, if_match};
use super::problem::ApiError;
use super::views::{case_detail, case_summary};
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::limits::Gate;
use crate::cases::read::{self, CaseWithTimeline};
use crate::cases::{NewSubmission, act, body_hash, submit};
use crate::config::CouncilConfig;
use crate::report_render::{ReportFormat, render, render_list};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use feedback_shared::Reference;
use feedback_shared::case::{Action, Actor};
use feedback_shared::deadlines::SUPPORTED_YEARS;
use feedback_shared::london::london_date;
use feedback_shared::report::Report;
use feedback_shared::wire::{
    CaseCounts, CaseDetail, CaseList, CaseListQuery, LogCase, MessageSent, Problem, ReportQuery,
    Submitted,
};

/// The case as officers see it, with its timeline.
async fn detail(
    app: &SharedApp,
    council: &CouncilConfig,
    read: CaseWithTimeline,
) -> Result<Json<CaseDetail>, ApiError> {
    let today = london_date(app.clock.now());
    let CaseWithTimeline {
        record,
        timeline,
        messages,
    } = read;
    // Every case of a restricted person shows the restriction, whoever opens it.
    let restrictions = crate::cases::restrictions::for_case(app, council, &record.details).await?;
    let mut detail = case_detail(record, timeline, council, &app.calendar, today);
    detail.messages = messages.into_iter().map(message_sent).collect();
    detail.restrictions = restrictions;
    Ok(Json(detail))
}

fn message_sent(m: crate::store::MessageRecord) -> MessageSent {
    MessageSent {
        id: m.id,
        queued_at: m.queued_at,
        to: m.to,
        subject: m.subject,
        language: m.language,
    }
}

pub(super) fn parse_reference(raw: &str) -> Result<Reference, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound)
}

/// Log feedback received by phone, email, letter, in person or through an MP or councillor.
#[utoipa::path(post, path = "/v1/councils/{council}/cases", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Optional: the same key on a retry answers the first case")),
    request_body = LogCase,
    responses((status = 201, body = Submitted), (status = 200, body = Submitted, description = "A retry of an earlier logging"),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn log_case(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
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
    if !SUPPORTED_YEARS.contains(&log.received_at.year()) {
        return Err(ApiError::BadRequest(format!(
            "received_at must fall in the years {} to {}",
            SUPPORTED_YEARS.start(),
            SUPPORTED_YEARS.end()
        )));
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
        // Officers are signed in: the public routes' limits are not theirs.
        gate: Gate::new(),
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

/// One page of the council's cases: filtered, searched and sorted (by default the most
/// overdue and then the soonest next deadline first), `limit` at a time. Send
/// `next_cursor` back as `cursor`, with the same filters, for the next page.
#[utoipa::path(get, path = "/v1/councils/{council}/cases", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), CaseListQuery),
    responses((status = 200, body = CaseList), (status = 400, body = Problem, content_type = "application/problem+json", description = "A parameter is malformed, `limit` is out of range, or `cursor` was not given for this query"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn list_cases(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
    QueryParams(query): QueryParams<CaseListQuery>,
) -> Result<Json<CaseList>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let today = london_date(app.clock.now());
    let page = read::page(&app, council, &query, today).await?;
    Ok(Json(CaseList {
        cases: page
            .records
            .iter()
            .map(|r| case_summary(r, council, &app.calendar, today))
            .collect(),
        next_cursor: page.next_cursor,
        items_read: page.items_read,
    }))
}

/// How many of the council's cases have each status, stage and kind, and how many are
/// open and overdue: the counts beside the queue's filters, asked for apart from the
/// queue's pages so that a page costs only the page.
#[utoipa::path(get, path = "/v1/councils/{council}/case-counts", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = CaseCounts), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn case_counts(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<CaseCounts>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let today = london_date(app.clock.now());
    Ok(Json(read::counts(&app, council, today).await?))
}

/// One case with its whole timeline.
#[utoipa::path(get, path = "/v1/councils/{council}/cases/{reference}", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)),
    responses((status = 200, body = CaseDetail), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn get_case(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, reference)): PathParams<(String, String)>,
) -> Result<Json<CaseDetail>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let reference = parse_reference(&reference)?;
    let case = read::case(&app, council, &reference).await?;
    detail(&app, council, case).await
}

/// Acknowledge, assign, respond, extend, escalate, close, withdraw, not accept,
/// reclassify, promote, note, record an Ombudsman referral or decision, or promise,
/// complete or (a complaints manager, with a reason) close over open promised actions.
/// Send `If-Match: <version>` to refuse the change if someone else changed the case first.
#[utoipa::path(post, path = "/v1/councils/{council}/cases/{reference}/actions", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path), ("If-Match" = Option<String>, Header, description = "The case's version, as read")),
    request_body(content = Action, description = "An action, tagged by `action`: e.g. {\"action\":\"acknowledge\",\"on\":\"2026-11-24\"}"),
    responses((status = 200, body = CaseDetail), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not allowed at the case's stage or status, or the case changed since it was read"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn act_on_case(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, reference)): PathParams<(String, String)>,
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
    // Closing over open promised actions is a manager's decision (Code 6.6).
    if matches!(action, Action::CloseOverridingActions { .. })
        && caller.0.role_at(&council.id) < Some(Role::Manager)
    {
        return Err(ApiError::Forbidden(
            "only a complaints manager can close a case whose promised actions are open",
        ));
    }
    let expected = if_match(&headers, "the case's version number")?;
    let actor = Actor::Officer(caller.0.officer.clone());
    let (record, _) = act(&app, council, &reference, actor, action, expected).await?;
    let case = read::with_timeline(&app, council, record).await?;
    detail(&app, council, case).await
}

/// The council's whole configuration: policy, services, origins. Managers only.
#[utoipa::path(get, path = "/v1/councils/{council}/configuration", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path)),
    responses((status = 200, body = CouncilConfig), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn configuration(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
) -> Result<Json<crate::config::CouncilConfig>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    Ok(Json(council.clone()))
}

/// The reports in the format asked for, written by `write` (one council's report as one
/// object, a partnership's always as a list).
fn report_response(
    reports: &[Report],
    write: fn(&[Report], ReportFormat) -> String,
    query: &ReportQuery,
    headers: &HeaderMap,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let accept = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    let format = ReportFormat::from_query_or_accept(query.format.as_deref(), accept)
        .map_err(ApiError::BadRequest)?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, format.content_type())],
        write(reports, format),
    )
        .into_response())
}

/// The annual complaints performance and service improvement report. Managers only.
#[utoipa::path(get, path = "/v1/councils/{council}/reports", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ReportQuery),
    responses((status = 200, description = "The report as JSON (one report), CSV or printable HTML", content(
            (Report = "application/json"), (String = "text/csv"), (String = "text/html"))),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn council_report(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(council): PathParams<String>,
    headers: HeaderMap,
    QueryParams(query): QueryParams<ReportQuery>,
) -> Result<axum::response::Response, ApiError> {
    let council = caller.authorise(&app, &council, Role::Manager)?;
    let period = query
        .period(london_date(app.clock.now()))
        .map_err(ApiError::BadRequest)?;
    // The Welsh and Scottish returns are CSVs of their own shape.
    if let Some(kind) = query
        .format
        .as_deref()
        .and_then(crate::report_render::returns::Return::parse)
    {
        use axum::response::IntoResponse;
        let csv = crate::reports::council_return(&app, council, period, kind).await?;
        return Ok((
            [(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            csv,
        )
            .into_response());
    }
    let (report, _) = crate::reports::council_report(&app, council, period).await?;
    report_response(&[report], render, &query, &headers)
}

/// The same report for every council of a partnership the caller manages, side by side.
#[utoipa::path(get, path = "/v1/partnerships/{partnership}/reports", tag = "officer", security(("bearer" = [])),
    params(("partnership" = String, Path), ReportQuery),
    responses((status = 200, description = "One report per council the caller manages, as a list even when there is one", content(
            (Vec<Report> = "application/json"), (String = "text/csv"), (String = "text/html"))),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json", description = "The path does not decode"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn partnership_report(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams(partnership): PathParams<String>,
    headers: HeaderMap,
    QueryParams(query): QueryParams<ReportQuery>,
) -> Result<axum::response::Response, ApiError> {
    let period = query
        .period(london_date(app.clock.now()))
        .map_err(ApiError::BadRequest)?;
    // Only the councils the caller manages: a partnership never widens access.
    let councils: Vec<_> = app
        .councils
        .values()
        .filter(|c| c.partnership.as_deref() == Some(partnership.as_str()))
        .filter(|c| caller.0.role_at(&c.id) == Some(Role::Manager))
        .collect();
    if councils.is_empty() {
        return Err(ApiError::Forbidden(
            "you manage no council of this partnership",
        ));
    }
    let mut reports = Vec::new();
    for council in councils {
        reports.push(
            crate::reports::council_report(&app, council, period)
                .await?
                .0,
        );
    }
    report_response(&reports, render_list, &query, &headers)
}
