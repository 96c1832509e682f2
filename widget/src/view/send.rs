//! Sending the feedback: one idempotency key for every attempt, backoff on network
//! errors and 5xx, an honest message when offline or out of attempts, and the answers
//! kept until the council has them.

use super::ctx::{Ctx, Sending, Shown, Submitted};
use crate::api::{self, ATTEMPTS, Outcome};
use crate::draft::{Draft, Step};
use crate::focus;
use feedback_shared::Field;
use leptos::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct FieldProblem {
    field: Field,
    message: String,
}

#[derive(Deserialize)]
struct Problem {
    #[serde(default)]
    errors: Vec<FieldProblem>,
}

/// The body to POST: the form, the spam trap's value and the form token.
fn body(ctx: &Ctx, draft: &Draft) -> String {
    let mut value = serde_json::to_value(draft.form(ctx.lang.get_untracked()))
        .unwrap_or(serde_json::Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("website".into(), ctx.honeypot.get_untracked().into());
        object.insert("form_token".into(), draft.form_token.clone().into());
    }
    value.to_string()
}

/// Sends the draft, then shows the confirmation or says what stopped it.
pub fn send(ctx: Ctx) {
    if matches!(
        ctx.sending.get_untracked(),
        Sending::Sending | Sending::Retrying(_)
    ) {
        return;
    }
    // The key is made once and saved with the draft, so a reload and a resend still
    // reach the same case.
    if ctx.draft.with_untracked(|d| d.idempotency_key.is_empty()) {
        ctx.draft.update(|d| d.idempotency_key = api::new_key());
    }
    leptos::task::spawn_local(async move {
        let (api_base, council) = (ctx.api.get_value(), ctx.council_id.get_value());
        let path = format!("v1/councils/{council}/feedback");
        let mut attempt = 0;
        loop {
            if !api::online() {
                ctx.sending.set(Sending::Offline);
                return;
            }
            attempt += 1;
            ctx.sending.set(if attempt == 1 {
                Sending::Sending
            } else {
                Sending::Retrying(attempt - 1)
            });
            let (body, key) = ctx
                .draft
                .with_untracked(|d| (body(&ctx, d), d.idempotency_key.clone()));
            match api::post(&api_base, &path, &body, Some(&key)).await {
                Outcome::Accepted(text) => return accepted(ctx, &council, &text).await,
                Outcome::Invalid(text) => return invalid(ctx, &text),
                Outcome::Refused => {
                    ctx.sending.set(Sending::Refused);
                    return;
                }
                Outcome::Later(seconds) if attempt < ATTEMPTS => {
                    ctx.sending.set(Sending::Retrying(attempt));
                    api::sleep(seconds * 1000).await;
                }
                Outcome::Transient if attempt < ATTEMPTS => {
                    ctx.sending.set(Sending::Retrying(attempt));
                    api::sleep(api::backoff_ms(attempt)).await;
                }
                Outcome::Later(_) | Outcome::Transient => {
                    ctx.sending.set(if api::online() {
                        Sending::Failed
                    } else {
                        Sending::Offline
                    });
                    return;
                }
            }
        }
    });
}

async fn accepted(ctx: Ctx, council: &str, text: &str) {
    let Ok(mut submitted) = serde_json::from_str::<Submitted>(text) else {
        ctx.sending.set(Sending::Failed);
        return;
    };
    let (equality, emailed, anonymous) = ctx.draft.with_untracked(|d| {
        (
            d.equality.clone(),
            !d.is_anonymous() && !d.email.trim().is_empty(),
            d.is_anonymous(),
        )
    });
    submitted.emailed = emailed;
    submitted.anonymous = anonymous;
    crate::storage::clear(council);
    ctx.sent.set(Some(submitted));
    ctx.sending.set(Sending::Idle);
    ctx.draft.set(Draft {
        step: Step::Sent,
        form_token: ctx.council.with_untracked(|c| c.form_token.clone()),
        ..Default::default()
    });
    crate::storage::clear(council);
    ctx.focus(focus::HEADING_ID);
    // The equality answers go on their own, with nothing that links them to the case.
    if !equality.0.is_empty() {
        if let Ok(body) = serde_json::to_string(&equality) {
            let path = format!("v1/councils/{council}/equality");
            let api_base = ctx.api.get_value();
            for attempt in 1..=3 {
                match api::post(&api_base, &path, &body, None).await {
                    Outcome::Transient => api::sleep(api::backoff_ms(attempt)).await,
                    _ => break,
                }
            }
        }
    }
}

/// The server disagreed about a field (its rules changed, or the list of services did):
/// show its messages on the page that asks the first such field.
fn invalid(ctx: Ctx, text: &str) {
    ctx.sending.set(Sending::Idle);
    let errors: Vec<Shown> = serde_json::from_str::<Problem>(text)
        .map(|p| {
            p.errors
                .into_iter()
                .map(|e| Shown {
                    field: e.field,
                    message: e.message,
                })
                .collect()
        })
        .unwrap_or_default();
    let Some(first) = errors.first() else {
        ctx.sending.set(Sending::Refused);
        return;
    };
    let step = Step::asking(first.field);
    let errors: Vec<Shown> = errors
        .into_iter()
        .filter(|e| step.fields().contains(&e.field))
        .collect();
    ctx.draft.update(|d| {
        d.step = step;
        d.changing = true;
    });
    ctx.errors.set(errors);
    ctx.focus(focus::SUMMARY_ID);
}
