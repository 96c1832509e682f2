//! `POST /v1/councils/{council}/cases/{reference}/preview`: what an action would send,
//! written out but not sent and the case left as it is. Refused exactly as the actions
//! route would refuse the action.

use super::extract::{Caller, JsonBody, PathParams};
use super::officer::parse_reference;
use super::problem::ApiError;
use crate::app::SharedApp;
use crate::auth::Role;
use crate::cases::preview;
use crate::notify::templates::Audience;
use axum::Json;
use axum::extract::State;
use feedback_shared::case::{Action, Actor};
use feedback_shared::wire::{ActionPreview, MessagePreview, Problem, Recipient};

/// Preview the messages an action would send (the resident's letter or email in their
/// language, an officer's notice) without taking it. The body is the actions route's.
#[utoipa::path(post, path = "/v1/councils/{council}/cases/{reference}/preview", tag = "officer", security(("bearer" = [])),
    params(("council" = String, Path), ("reference" = String, Path)),
    request_body(content = Action, description = "The action to preview, as for the actions route: e.g. {\"action\":\"extend\",\"to\":\"2026-12-16\",\"reason\":\"…\"}"),
    responses((status = 200, body = ActionPreview), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json", description = "Not allowed at the case's stage or status"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 500, body = Problem, content_type = "application/problem+json")))]
pub async fn preview_action(
    State(app): State<SharedApp>,
    caller: Caller,
    PathParams((council, reference)): PathParams<(String, String)>,
    JsonBody(action): JsonBody<Action>,
) -> Result<Json<ActionPreview>, ApiError> {
    let council = caller.authorise(&app, &council, Role::Officer)?;
    let reference = parse_reference(&reference)?;
    if matches!(action, Action::Receive { .. }) {
        return Err(ApiError::BadRequest(
            "a case is received once, when it is created".into(),
        ));
    }
    let actor = Actor::Officer(caller.0.officer.clone());
    let letters = preview(&app, council, &reference, actor, action).await?;
    let messages = letters
        .into_iter()
        .map(|letter| MessagePreview {
            recipient: match letter.audience {
                Audience::Resident => Recipient::Resident,
                Audience::Officer => Recipient::Officer,
            },
            to: letter.to,
            subject: letter.rendered.subject,
            text: letter.rendered.text,
            html: letter.rendered.html,
            language: letter.language,
        })
        .collect();
    Ok(Json(ActionPreview { messages }))
}
