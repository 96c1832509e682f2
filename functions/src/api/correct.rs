//! Rectification and redaction (any officer of the council, managers too: see
//! `cases::personal_data::correct` for why): an officer corrects the resident's contact
//! details, or removes a span of their words, with a reason. Neither answer nor any
//! later one carries the old value.
//!
//! Where the deployment keeps copies of sent emails (the local server's outbox folder),
//! the server puts its notifier in a [`LocalCopies`] extension, and these routes (and the
//! erasure's) remove the case's copies as `feedback erase` does. In AWS there is none.

use super::extract::{Caller, JsonBody, PathParams};
use super::officer::parse_reference;
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::personal_data::correct;
use crate::notify::Notifier;
use axum::extract::State;
use axum::{Extension, Json};
use feedback_shared::wire::{ContactCorrection, Corrected, Problem, RedactionRequest};
use std::sync::Arc;

/// The notifier whose copies of sent emails the personal data routes remove.
#[derive(Clone)]
pub struct LocalCopies(pub Arc<dyn Notifier>);

/// The notifier in `copies`, if the server put one there.
pub(super) fn notifier(copies: &Option<Extension<LocalCopies>>) -> Option<&dyn Notifier> {
    copies.as_ref().map(|Extension(copies)| copies.0.as_ref())
}

/// Corrects the resident's contact details (and their representative's) to those given,
/// for the reason given, which the timeline shows with the fields changed (never the
/// values). The search terms, message records and messages not yet sent move to the new
/// details; a message queued only to an address removed is not sent. Refused (409) if
/// the case changed since `version`, or its personal data is gone.
#[utoipa::path(post, path = "/v1/councils/{council}/cases/{reference}/rectification", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)), request_body = ContactCorrection,
    responses((status = 200, body = Corrected),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Changed since read, anonymous, or its personal data already removed"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn rectify_case(
    State(app): State<SharedApp>,
    caller: Caller,
    copies: Option<Extension<LocalCopies>>,
    PathParams((council, reference)): PathParams<(String, String)>,
    JsonBody(request): JsonBody<ContactCorrection>,
) -> Result<Json<Corrected>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let reference = parse_reference(&reference)?;
    let officer = &caller.0.officer;
    let done = correct::rectify(
        &app,
        council,
        &reference,
        &request,
        officer,
        notifier(&copies),
    )
    .await?;
    Ok(Json(done))
}

/// Replaces the exact text `span` with "[redacted]" in the resident's field `field` (and
/// any other of their fields holding it), and in every stored copy: the timeline, message
/// records and messages not yet sent. The timeline says a redaction was made, by whom,
/// when and why (never the text). A span not in the field, or part of the reference or a
/// date, is a field error (422) on `span`.
#[utoipa::path(post, path = "/v1/councils/{council}/cases/{reference}/redaction", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)), request_body = RedactionRequest,
    responses((status = 200, body = Corrected),
        (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Changed since read, or its personal data already removed"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn redact_case(
    State(app): State<SharedApp>,
    caller: Caller,
    copies: Option<Extension<LocalCopies>>,
    PathParams((council, reference)): PathParams<(String, String)>,
    JsonBody(request): JsonBody<RedactionRequest>,
) -> Result<Json<Corrected>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let reference = parse_reference(&reference)?;
    let officer = &caller.0.officer;
    let done = correct::redact_text(
        &app,
        council,
        &reference,
        &request,
        officer,
        notifier(&copies),
    )
    .await?;
    Ok(Json(done))
}
