//! Routes residents reach through the widget. CORS-limited to each council's origins.

use super::client::ClientAddress;
use super::extract::{JsonBody, PathParams};
use super::problem::ApiError;
use super::views::{council_view, status_view};
use crate::app::SharedApp;
use crate::cases::limits::{Gate, PublicUse, check_form_token};
use crate::cases::{NewSubmission, api_keys, body_hash, resident, submit};
use crate::config::CouncilConfig;
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
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many forms opened from this address: send again after Retry-After"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn council(
    State(app): State<SharedApp>,
    PathParams(council): PathParams<String>,
    ClientAddress(client): ClientAddress,
) -> Result<Json<CouncilView>, ApiError> {
    let council = app.council(&council).ok_or(ApiError::NotFound)?;
    let now = app.clock.now();
    Gate::new()
        .per_address(&app, council, client, PublicUse::FormLoad, now)
        .pass(&app, now)
        .await?;
    let form_token = app.form_token(&council.id, now);
    Ok(Json(council_view(council, form_token)))
}

/// Seconds a person needs at least to fill in the form; a faster send is a script's.
pub const MIN_FILL_SECONDS: i64 = 5;

/// The checks run before anything is stored, and the limits a new case must then pass.
///
/// - The trap field (`website`), which people never see, must be empty.
/// - A browser (a request with an `Origin`) sends the form token from the council's
///   description: genuine, within its lifetime and uses, and at least
///   [`MIN_FILL_SECONDS`] old. Too soon is answered with 429 and `Retry-After`, so a person
///   who was just quick loses nothing: the widget waits and sends again. Its address and
///   the council are counted.
/// - A server (no `Origin`) sends one of the council's API keys in `X-Api-Key`; the key
///   and the council are counted.
async fn admission(
    app: &SharedApp,
    council: &CouncilConfig,
    headers: &HeaderMap,
    client: Option<std::net::IpAddr>,
    submission: &FeedbackSubmission,
) -> Result<Gate, ApiError> {
    if !submission.website.trim().is_empty() {
        tracing::info!("spam trap filled in");
        return Err(ApiError::NotAccepted);
    }
    let now = app.clock.now();
    let gate = Gate::new().per_council(council, now);
    if !headers.contains_key(axum::http::header::ORIGIN) {
        let presented = headers
            .get(API_KEY_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError::BadApiKey)?;
        let key = api_keys::verify(app, council, presented).await?;
        return Ok(gate.per_api_key(council, &key.id, now));
    }
    let gate = gate.per_address(app, council, client, PublicUse::Submission, now);
    let token = submission.form_token.as_str();
    if token.is_empty() {
        return Err(ApiError::BadRequest(
            "send the form_token from the council's description".into(),
        ));
    }
    match check_form_token(app, council, token, now)? {
        None => {
            tracing::info!("forged form token");
            Err(ApiError::NotAccepted)
        }
        Some(valid) if valid.age < MIN_FILL_SECONDS => Err(ApiError::TooSoon(
            (MIN_FILL_SECONDS - valid.age.max(0)) as u64,
        )),
        Some(valid) => Ok(gate.form_token(council, &valid)),
    }
}

/// The header a council's server sends its API key in.
pub const API_KEY_HEADER: &str = "x-api-key";

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
    params(("council" = String, Path), ("Idempotency-Key" = String, Header, description = "A fresh random key per submission, reused on retry"),
        ("X-Api-Key" = Option<String>, Header, description = "The council's API key, for server-to-server submissions (requests without an Origin)")),
    request_body = FeedbackSubmission,
    responses((status = 201, body = Submitted), (status = 200, body = Submitted, description = "A retry of an earlier submission"),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Malformed, no Idempotency-Key, refused by the spam checks, or the form token has expired (form-expired: fetch the council again)"),
        (status = 401, body = Problem, content_type = "application/problem+json", description = "No Origin (not a browser) and no live API key of the council"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "Answers to change (see errors), or the key was used with other answers"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Sent sooner than a person fills the form in (too-soon), or too many from this address or to this council (rate-limited): send again after Retry-After"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn submit_feedback(
    State(app): State<SharedApp>,
    PathParams(council): PathParams<String>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    JsonBody(body): JsonBody<serde_json::Value>,
) -> Result<(StatusCode, Json<Submitted>), ApiError> {
    let council = app.council(&council).ok_or(ApiError::NotFound)?;
    let key = idempotency_key(&headers)?;
    let hash = body_hash(&body);
    let submission: FeedbackSubmission =
        serde_json::from_value(body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let gate = admission(&app, council, &headers, client, &submission).await?;
    let new = NewSubmission {
        council,
        form: submission.form,
        channel: Channel::Web,
        received_at: app.clock.now(),
        actor: Actor::Resident,
        idempotency: Some((key, hash)),
        gate,
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
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many lookups from this address: send again after Retry-After"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn status(
    State(app): State<SharedApp>,
    PathParams(council_id): PathParams<String>,
    ClientAddress(client): ClientAddress,
    JsonBody(code): JsonBody<CaseCode>,
) -> Result<Json<StatusView>, ApiError> {
    let council = app.council(&council_id).ok_or(ApiError::NotFound)?;
    let now = app.clock.now();
    Gate::new()
        .per_address(&app, council, client, PublicUse::Lookup, now)
        .pass(&app, now)
        .await?;
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
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many lookups from this address: send again after Retry-After"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn escalate(
    State(app): State<SharedApp>,
    PathParams(council_id): PathParams<String>,
    ClientAddress(client): ClientAddress,
    JsonBody(code): JsonBody<CaseCode>,
) -> Result<Json<StatusView>, ApiError> {
    let council = app.council(&council_id).ok_or(ApiError::NotFound)?;
    let now = app.clock.now();
    Gate::new()
        .per_address(&app, council, client, PublicUse::Lookup, now)
        .pass(&app, now)
        .await?;
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
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many from this address: send again after Retry-After"),
        (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn equality(
    State(app): State<SharedApp>,
    PathParams(council): PathParams<String>,
    ClientAddress(client): ClientAddress,
    JsonBody(answers): JsonBody<EqualityAnswers>,
) -> Result<StatusCode, ApiError> {
    let council = app.council(&council).ok_or(ApiError::NotFound)?;
    let now = app.clock.now();
    Gate::new()
        .per_address(&app, council, client, PublicUse::Equality, now)
        .pass(&app, now)
        .await?;
    resident::record_equality(&app, council, &answers).await?;
    Ok(StatusCode::ACCEPTED)
}
