//! Routes residents reach through the widget. CORS-limited to each council's origins.

use super::extract::{JsonBody, PathParams};
use super::problem::ApiError;
use super::views::{council_view, status_view};
use crate::app::SharedApp;
use crate::cases::{NewSubmission, body_hash, resident, submit};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use feedback_shared::Channel;
use feedback_shared::case::Actor;
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::london::london_date;
use feedback_shared::wire::{
    CaseCode, CouncilView, FeedbackSubmission, Problem, StatusView, Submitted,
};

/// What the widget needs: name, languages, services and their other routes, timescales.
#[utoipa::path(get, path = "/v1/councils/{council}", tag = "public",
    params(("council" = String, Path, description = "Council id, e.g. demo")),
    responses((status = 200, body = CouncilView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn council(
    State(app): State<SharedApp>,
    PathParams(council): PathParams<String>,
) -> Result<Json<CouncilView>, ApiError> {
    let council = app.council(&council).ok_or(ApiError::NotFound)?;
    let form_token = app.form_token(&council.id, app.clock.now());
    Ok(Json(council_view(council, form_token)))
}

/// Seconds a person needs at least to fill in the form; a faster send is a script's.
pub const MIN_FILL_SECONDS: i64 = 5;

/// The spam checks, run before anything is stored. The trap field (`website`), which
/// people never see, must be empty. The form token says when the form was opened: it is
/// required from browsers (requests with an `Origin`), and wherever it is given it must be
/// genuine and at least [`MIN_FILL_SECONDS`] old. Too soon is answered with 429 and
/// `Retry-After`, so a person who was just quick loses nothing: the widget waits and
/// sends again.
fn spam_checks(
    app: &SharedApp,
    council: &feedback_shared::CouncilId,
    headers: &HeaderMap,
    submission: &FeedbackSubmission,
) -> Result<(), ApiError> {
    if !submission.website.trim().is_empty() {
        tracing::info!("spam trap filled in");
        return Err(ApiError::NotAccepted);
    }
    let token = submission.form_token.as_str();
    if token.is_empty() {
        return if headers.contains_key(axum::http::header::ORIGIN) {
            Err(ApiError::BadRequest(
                "send the form_token from the council's description".into(),
            ))
        } else {
            Ok(())
        };
    }
    match app.form_age(council, token, app.clock.now()) {
        None => {
            tracing::info!("forged form token");
            Err(ApiError::NotAccepted)
        }
        Some(age) if age < MIN_FILL_SECONDS => {
            Err(ApiError::TooSoon((MIN_FILL_SECONDS - age.max(0)) as u64))
        }
        Some(_) => Ok(()),
    }
}

/// Longest accepted `Idempotency-Key`.
const MAX_KEY: usize = 255;

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| {
            ApiError::BadRequest(
                "send an Idempotency-Key header, e.g. a random UUID per submission".into(),
            )
        })?;
    if key.len() > MAX_KEY || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::BadRequest(format!(
            "the Idempotency-Key must be 1 to {MAX_KEY} visible ASCII characters"
        )));
    }
    Ok(key.to_owned())
}

/// Leave feedback. Send the same `Idempotency-Key` when retrying: the first case is answered again.
#[utoipa::path(post, path = "/v1/councils/{council}/feedback", tag = "public",
    params(("council" = String, Path), ("Idempotency-Key" = String, Header, description = "A fresh random key per submission, reused on retry")),
    request_body = FeedbackSubmission,
    responses((status = 201, body = Submitted), (status = 200, body = Submitted, description = "A retry of an earlier submission"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Malformed, no Idempotency-Key, or refused by the spam checks"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Answers to change (see errors), or the key was used with other answers"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Sent sooner than a person fills the form in: send again after Retry-After"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn submit_feedback(
    State(app): State<SharedApp>,
    PathParams(council): PathParams<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<(StatusCode, Json<Submitted>), ApiError> {
    let council = app.council(&council).ok_or(ApiError::NotFound)?;
    let key = idempotency_key(&headers)?;
    let hash = body_hash(&body);
    let submission: FeedbackSubmission =
        serde_json::from_value(body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    spam_checks(&app, &council.id, &headers, &submission)?;
    let new = NewSubmission {
        council,
        form: submission.form,
        channel: Channel::Web,
        received_at: app.clock.now(),
        actor: Actor::Resident,
        idempotency: Some((key, hash)),
    };
    let (submitted, created) = submit(&app, new).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(submitted)))
}

/// Where a case stands. Reveals nothing of its content.
#[utoipa::path(post, path = "/v1/councils/{council}/status", tag = "public",
    params(("council" = String, Path)), request_body = CaseCode,
    responses((status = 200, body = StatusView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such council, or no case with that reference and code"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn status(
    State(app): State<SharedApp>,
    PathParams(council_id): PathParams<String>,
    JsonBody(code): JsonBody<CaseCode>,
) -> Result<Json<StatusView>, ApiError> {
    let council = app.council(&council_id).ok_or(ApiError::NotFound)?;
    let record = resident::find(&app, council, &code.reference, &code.status_token).await?;
    let today = london_date(app.clock.now());
    Ok(Json(status_view(&record, app.rules(council), today)))
}

/// Ask for stage 2. No reason is needed.
#[utoipa::path(post, path = "/v1/councils/{council}/escalation", tag = "public",
    params(("council" = String, Path)), request_body = CaseCode,
    responses((status = 200, body = StatusView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such council, or no case with that reference and code"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "A review cannot be asked for now"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn escalate(
    State(app): State<SharedApp>,
    PathParams(council_id): PathParams<String>,
    JsonBody(code): JsonBody<CaseCode>,
) -> Result<Json<StatusView>, ApiError> {
    let council = app.council(&council_id).ok_or(ApiError::NotFound)?;
    let record = resident::escalate(&app, council, &code.reference, &code.status_token).await?;
    let today = london_date(app.clock.now());
    Ok(Json(status_view(&record, app.rules(council), today)))
}

/// Keep a resident's optional equality answers, apart from any case: no reference, no
/// contact details, only the council and the year.
#[utoipa::path(post, path = "/v1/councils/{council}/equality", tag = "public",
    params(("council" = String, Path)),
    request_body(content = EqualityAnswers, description = "Question name to answer code, e.g. {\"age\": \"25_44\"}; every question may be left out"),
    responses((status = 202, description = "Kept"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn equality(
    State(app): State<SharedApp>,
    PathParams(council): PathParams<String>,
    JsonBody(answers): JsonBody<EqualityAnswers>,
) -> Result<StatusCode, ApiError> {
    let council = app.council(&council).ok_or(ApiError::NotFound)?;
    resident::record_equality(&app, council, &answers).await?;
    Ok(StatusCode::ACCEPTED)
}
