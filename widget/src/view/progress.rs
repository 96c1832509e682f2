//! "Check progress": the resident's reference and code give where the case stands (never
//! its content), and, after a stage 1 response, the way to ask for a review (stage 2).

use super::ctx::Ctx;
use crate::api::{self, Outcome};
use crate::draft::Step;
use crate::json;
use crate::text::{self, long_date};
use feedback_shared::Language;
use feedback_shared::case::Status;
use feedback_shared::wire::{CaseCode, StatusView};
use leptos::prelude::*;
use time::Date;

/// What the page shows under the form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    None,
    Asking,
    Found(StatusView),
    NotFound,
    /// The case was found but a review cannot be asked for now.
    NotNow,
    Failed,
}

fn status_words(status: Status) -> text::Text {
    match status {
        Status::Received => text::STATUS_RECEIVED,
        Status::Acknowledged => text::STATUS_ACKNOWLEDGED,
        Status::Responded => text::STATUS_RESPONDED,
        Status::Closed => text::STATUS_CLOSED,
        Status::Withdrawn => text::STATUS_WITHDRAWN,
        Status::NotAccepted => text::STATUS_NOT_ACCEPTED,
    }
}

async fn ask(ctx: Ctx, path: &str, reference: &str, code: &str) -> Answer {
    let body = json::write(&CaseCode {
        reference: reference.trim().to_owned(),
        status_token: code.trim().to_owned(),
    });
    let (api_base, council) = (ctx.api.get_value(), ctx.council_id.get_value());
    let path = format!("v1/councils/{council}/{path}");
    match api::post(&api_base, &path, &body, None).await {
        Outcome::Accepted(text) => json::read(&text).map_or(Answer::Failed, Answer::Found),
        Outcome::Refused(_) if path.ends_with("/escalation") => Answer::NotNow,
        Outcome::Refused(_) => Answer::NotFound,
        _ => Answer::Failed,
    }
}

/// Check progress with the reference and code; ask for a review after stage 1.
#[component(transparent)]
pub fn ProgressPage(ctx: Ctx, lang: Language) -> impl IntoView {
    let prefix = ctx.council.with_untracked(|c| c.reference_prefix.clone());
    let example = format!(
        "{} {prefix}-{}-000123",
        text::FOR_EXAMPLE.get(lang),
        ctx.today().year()
    );
    let reference = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let answer = RwSignal::new(Answer::None);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        answer.set(Answer::Asking);
        leptos::task::spawn_local(async move {
            let found = ask(
                ctx,
                "status",
                &reference.get_untracked(),
                &code.get_untracked(),
            )
            .await;
            answer.try_set(found);
        });
    };
    let escalate = move |_| {
        answer.set(Answer::Asking);
        leptos::task::spawn_local(async move {
            let found = ask(
                ctx,
                "escalation",
                &reference.get_untracked(),
                &code.get_untracked(),
            )
            .await;
            answer.try_set(found);
        });
    };
    let date = move |d: Option<Date>| d.map(|d| long_date(d, lang));
    let result = move || match answer.get() {
        Answer::None => ().into_any(),
        Answer::Asking => view! { <p class="cf-body">{text::SENDING.get(lang)}</p> }.into_any(),
        Answer::NotFound => {
            view! { <p class="cf-send-problem">{text::NO_MATCH.get(lang)}</p> }.into_any()
        }
        Answer::NotNow => {
            view! { <p class="cf-send-problem">{text::NOT_NOW.get(lang)}</p> }.into_any()
        }
        Answer::Failed => {
            view! { <p class="cf-send-problem">{text::SEND_FAILED_SHORT.get(lang)}</p> }.into_any()
        }
        Answer::Found(p) => {
            let stage = p
                .stage
                .map(|s| format!("{} {}", text::STAGE.get(lang), s.number()));
            let rows = [
                (text::REFERENCE_ROW, Some(p.reference.to_string())),
                (
                    text::STATUS_ROW,
                    Some(status_words(p.status).get(lang).to_owned()),
                ),
                (text::STAGE_ROW, stage),
                (text::RECEIVED_ROW, date(Some(p.received_on))),
                (text::RESPOND_BY_ROW, date(p.respond_by)),
                (text::RESPONDED_ROW, date(p.responded_on)),
            ]
            .into_iter()
            .filter_map(|(k, v)| {
                v.map(|v| {
                    view! {
                        <div class="cf-summary-row">
                            <dt class="cf-summary-key">{k.get(lang)}</dt>
                            <dd class="cf-summary-value">{v}</dd>
                        </div>
                    }
                })
            })
            .collect_view();
            let review = p.can_escalate.then(|| view! {
                <p class="cf-body">
                    {text::REVIEW_INTRO.get(lang)}
                    {date(p.escalate_by).map(|d| format!(" {} {d}.", text::BY.get(lang)))}
                </p>
                <button type="button" id="cf-escalate" class="cf-button cf-button-secondary" on:click=escalate>
                    {text::ASK_REVIEW.get(lang)}
                </button>
            });
            view! { <dl id="cf-progress" class="cf-summary-list">{rows}</dl>{review} }.into_any()
        }
    };
    view! {
        <button type="button" class="cf-back" on:click=move |_| ctx.go(Step::Kind)>{text::BACK.get(lang)}</button>
        <form class="cf-form" novalidate on:submit=check>
            <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">{text::PROGRESS_HEADING.get(lang)}</h2>
            <p class="cf-body">{text::PROGRESS_INTRO.get(lang)}</p>
            <div class="cf-group">
                <label class="cf-label" for="cf-case-reference">{text::REFERENCE_ROW.get(lang)}</label>
                <div id="cf-case-reference-hint" class="cf-hint">{example}</div>
                <input id="cf-case-reference" class="cf-input cf-w-20" type="text" autocomplete="off"
                    spellcheck="false" aria-describedby="cf-case-reference-hint"
                    prop:value=move || reference.get()
                    on:input=move |ev| reference.set(event_target_value(&ev)) />
            </div>
            <div class="cf-group">
                <label class="cf-label" for="cf-case-code">{text::CODE.get(lang)}</label>
                <input id="cf-case-code" class="cf-input cf-w-20" type="text" autocomplete="off"
                    spellcheck="false"
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev)) />
            </div>
            <button id="cf-check-progress" type="submit" class="cf-button">{text::CHECK_PROGRESS.get(lang)}</button>
        </form>
        <div id="cf-progress-result" class="cf-progress-result" tabindex="-1">{result}</div>
    }
}
