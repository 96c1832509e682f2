//! "Check progress": the resident's reference and code give where the case stands (never
//! its content), and, after a stage 1 response, the way to ask for a review (stage 2).

use super::ctx::Ctx;
use crate::api::{self, Outcome};
use crate::draft::Step;
use crate::json;
use crate::text::{self, long_date};
use feedback_shared::case::Status;
use feedback_shared::wire::{CaseCode, StatusView};
use feedback_shared::{Language, Stage};
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

/// The two fields' ids and the words when each is left empty.
const REFERENCE_ID: &str = "cf-case-reference";
const CODE_ID: &str = "cf-case-code";

/// What is missing, in the order the fields are asked: (field id, message).
fn missing(reference: &str, code: &str) -> Vec<(&'static str, text::Text)> {
    let mut errors = Vec::new();
    if reference.trim().is_empty() {
        errors.push((REFERENCE_ID, text::NEED_REFERENCE));
    }
    if code.trim().is_empty() {
        errors.push((CODE_ID, text::NEED_CODE));
    }
    errors
}

/// After the final (stage 2) response: the council's Ombudsman, and how to go to them.
fn ombudsman(ctx: Ctx, found: &StatusView, lang: Language) -> Option<impl IntoView + use<>> {
    let final_response = found.stage == Some(Stage::Two) && found.responded_on.is_some();
    if !final_response {
        return None;
    }
    let o = ctx.council.with_untracked(|c| c.ombudsman.clone());
    let name = o.name_in(lang).to_owned();
    (!name.is_empty()).then(|| {
        view! {
            <div id="cf-ombudsman" class="cf-inset">
                <p class="cf-body">{text::OMBUDSMAN_INTRO.with(lang, &name)}</p>
                <p class="cf-body">{text::PHONE_ROW.get(lang)}": "{o.phone.clone()}</p>
                <p class="cf-body">
                    <a class="cf-link" href=o.website.clone() target="_blank" rel="noopener">
                        {text::OMBUDSMAN_CONTACT.get(lang)}{text::NEW_WINDOW.get(lang)}
                    </a>
                </p>
            </div>
        }
    })
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
    // This page's own errors (its fields are not the form's), shown as the form's are.
    let errors = RwSignal::new(Vec::<(&'static str, text::Text)>::new());
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let empty = missing(&reference.get_untracked(), &code.get_untracked());
        let stop = !empty.is_empty();
        errors.set(empty);
        if stop {
            answer.set(Answer::None);
            ctx.focus(crate::focus::SUMMARY_ID);
            return;
        }
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
            let ombudsman = ombudsman(ctx, &p, lang);
            view! { <dl id="cf-progress" class="cf-summary-list">{rows}</dl>{review}{ombudsman} }
                .into_any()
        }
    };
    view! {
        <button type="button" class="cf-back" on:click=move |_| ctx.go(Step::Kind)>{text::BACK.get(lang)}</button>
        <form class="cf-form cf-progress-form" novalidate on:submit=check>
            {move || summary(ctx, errors, lang)}
            <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">{text::PROGRESS_HEADING.get(lang)}</h2>
            <p class="cf-body">{text::PROGRESS_INTRO.get(lang)}</p>
            <ProgressField id=REFERENCE_ID label=text::REFERENCE_ROW hint=example value=reference errors lang />
            <ProgressField id=CODE_ID label=text::CODE hint=text::CODE_HINT.get(lang).to_owned() value=code errors lang />
            <button id="cf-check-progress" type="submit" class="cf-button">{text::CHECK_PROGRESS.get(lang)}</button>
        </form>
        <div id="cf-progress-result" class="cf-progress-result" tabindex="-1">{result}</div>
    }
}

/// "There is a problem" with a link to each empty field, as the form's own summary.
fn summary(
    ctx: Ctx,
    errors: RwSignal<Vec<(&'static str, text::Text)>>,
    lang: Language,
) -> impl IntoView {
    let errors = errors.get();
    (!errors.is_empty()).then(|| {
        let links = errors
            .into_iter()
            .map(|(id, message)| {
                view! {
                    <li>
                        <a
                            href=format!("#{id}")
                            class="cf-link"
                            on:click=move |ev| {
                                // Fragment links do not reach into a shadow root.
                                ev.prevent_default();
                                ctx.container.with_value(|c| crate::focus::focus_by_id(c, id));
                            }
                        >
                            {message.get(lang)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div id=crate::focus::SUMMARY_ID class="cf-error-summary" tabindex="-1" aria-labelledby="cf-error-summary-title">
                <div role="alert">
                    <h2 id="cf-error-summary-title" class="cf-error-summary-title">{text::ERROR_SUMMARY.get(lang)}</h2>
                    <ul class="cf-error-summary-list">{links}</ul>
                </div>
            </div>
        }
    })
}

/// One of the page's two text fields, with its hint and, when empty on Check, its error.
#[component(transparent)]
fn ProgressField(
    /// The input's id.
    id: &'static str,
    label: text::Text,
    hint: String,
    value: RwSignal<String>,
    errors: RwSignal<Vec<(&'static str, text::Text)>>,
    lang: Language,
) -> impl IntoView {
    let error = move || errors.with(|es| es.iter().find(|(i, _)| *i == id).map(|(_, m)| *m));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    view! {
        <div class="cf-group" class:cf-group-error=move || error().is_some()>
            <label class="cf-label" for=id>{label.get(lang)}</label>
            <div id=hint_id class="cf-hint">{hint}</div>
            {move || error().map(|m| view! {
                <p id=error_id.clone() class="cf-error">
                    <span class="cf-visually-hidden">{text::ERROR_PREFIX.get(lang)}</span>{m.get(lang)}
                </p>
            })}
            <input id=id class="cf-input cf-w-20" type="text" autocomplete="off" spellcheck="false"
                aria-describedby=described
                aria-invalid=move || error().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_named_in_the_order_asked() {
        let ids = |r: &str, c: &str| {
            missing(r, c)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("", " "), [REFERENCE_ID, CODE_ID]);
        assert_eq!(ids("DEMO-2026-000001", ""), [CODE_ID]);
        assert!(ids("DEMO-2026-000001", "7K3M").is_empty());
    }
}
