//! Sending the feedback: one idempotency key for every attempt, backoff on network
//! errors and 5xx, an honest message when offline or out of attempts, and the answers
//! kept until the council has them.

use super::ctx::{Ctx, Sending, Shown};
use crate::api::{self, ATTEMPTS, Outcome};
use crate::confirmation::Confirmation;
use crate::draft::{Draft, Step};
use crate::{focus, json};
use feedback_shared::wire::problem::ProblemType;
use feedback_shared::wire::{FeedbackSubmission, Problem, Submitted};
use leptos::prelude::*;

/// The body to POST: the form, the spam trap's value and the form token.
fn body(ctx: &Ctx, draft: &Draft) -> String {
    json::write(&FeedbackSubmission {
        form: draft.form(ctx.lang.get_untracked()),
        website: ctx.honeypot.get_untracked(),
        form_token: draft.form_token.clone(),
    })
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
    // The body is fixed for the whole send (answers cannot change while it runs). The
    // body of the key's previous attempt is kept too: if that attempt reached the council
    // before answers were changed, the server refuses the new body under the old key,
    // and the earlier answers are fetched back instead of the resident being turned away.
    let (mut body, key, earlier) = ctx.draft.with_untracked(|d| {
        (
            self::body(&ctx, d),
            d.idempotency_key.clone(),
            d.sent_body.clone(),
        )
    });
    let mut took_earlier = false;
    let mut renewed = false;
    ctx.draft.update(|d| d.sent_body = body.clone());
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
            match api::post(&api_base, &path, &body, Some(&key)).await {
                Outcome::Accepted(text) => {
                    return accepted(ctx, &council, &text, took_earlier).await;
                }
                Outcome::Invalid(text)
                    if key_reused(&text) && !took_earlier && !earlier.is_empty() =>
                {
                    took_earlier = true;
                    body = earlier.clone();
                    ctx.draft.update(|d| d.sent_body = body.clone());
                }
                Outcome::Invalid(text) => return invalid(ctx, &text),
                // A form left open past its token's lifetime (or sent more times than it
                // may): a fresh token from the council, then the same answers again.
                Outcome::Refused(text) if !renewed && form_expired(&text) => {
                    renewed = true;
                    let Ok(info) = api::council(&api_base, &council).await else {
                        ctx.sending.set(Sending::Failed);
                        return;
                    };
                    ctx.draft.update(|d| d.form_token = info.form_token);
                    body = ctx.draft.with_untracked(|d| self::body(&ctx, d));
                    ctx.draft.update(|d| d.sent_body = body.clone());
                }
                Outcome::Refused(_) => {
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

/// Whether a refusal says the form token has run out.
fn form_expired(text: &str) -> bool {
    json::read::<Problem>(text).is_some_and(|p| p.is(ProblemType::FormExpired))
}

/// Whether a 422 says the key was used with other answers (an earlier attempt landed).
fn key_reused(text: &str) -> bool {
    json::read::<Problem>(text).is_some_and(|p| p.is(ProblemType::IdempotencyKeyReused))
}

async fn accepted(ctx: Ctx, council: &str, text: &str, earlier: bool) {
    let Some(answer) = json::read::<Submitted>(text) else {
        ctx.sending.set(Sending::Failed);
        return;
    };
    let (equality, anonymous) = ctx
        .draft
        .with_untracked(|d| (d.equality.clone(), d.is_anonymous()));
    // The server says whether it queued an acknowledgement: only a complaint with an
    // address gets one, and not once the address has had its day's emails.
    let emailed = answer.emailed;
    let sent = Confirmation {
        answer,
        emailed,
        anonymous,
        earlier,
    };
    let key = ctx.draft_key.get_value();
    crate::storage::save_sent(&key, &sent);
    crate::storage::clear(&key);
    ctx.sent.set(Some(sent));
    ctx.sending.set(Sending::Idle);
    ctx.draft.set(Draft {
        step: Step::Sent,
        form_token: ctx.council.with_untracked(|c| c.form_token.clone()),
        ..Default::default()
    });
    ctx.add_history(Step::Check, Step::Sent);
    ctx.focus(focus::HEADING_ID);
    // The equality answers go on their own, with nothing that links them to the case.
    // Sent once with keepalive (it survives the tab closing): a retry after an answer
    // that was lost on the way back would count the same person twice.
    if !equality.0.is_empty() {
        let path = format!("v1/councils/{council}/equality");
        let _ = api::post(&ctx.api.get_value(), &path, &json::write(&equality), None).await;
    }
}

/// The server disagreed about a field (its rules changed, or the list of services did):
/// show its messages on the page that asks the first such field.
fn invalid(ctx: Ctx, text: &str) {
    ctx.sending.set(Sending::Idle);
    let errors: Vec<Shown> = json::read::<Problem>(text)
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
