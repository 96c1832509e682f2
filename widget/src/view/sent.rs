//! The confirmation: the reference in a panel, the dates to expect, what happens next and
//! how to check progress.

use super::ctx::Ctx;
use crate::draft::Step;
use crate::text::{self, long_date};
use feedback_shared::{Kind, Language};
use leptos::prelude::*;

/// The confirmation panel and what happens next.
#[component(transparent)]
pub fn SentPage(ctx: Ctx, lang: Language) -> impl IntoView {
    let Some(sent) = ctx.sent.get_untracked() else {
        return view! {
            <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">{text::HEADING.get(lang)}</h2>
        }
        .into_any();
    };
    let answer = &sent.answer;
    let title = match answer.kind {
        Kind::Complaint => text::SENT_COMPLAINT,
        Kind::Compliment => text::SENT_COMPLIMENT,
        _ => text::SENT_COMMENT,
    };
    let next = if answer.kind == Kind::Complaint {
        let ack = answer.acknowledge_by.map(|d| long_date(d, lang)).map(|d| {
            view! { <li>{text::ACK_BY.get(lang)}" "<strong>{d}</strong>"."</li> }
        });
        let respond = answer.respond_by.map(|d| long_date(d, lang)).map(|d| {
            view! { <li>{text::RESPOND_BY.get(lang)}" "<strong>{d}</strong>"."</li> }
        });
        view! {
            <ul class="cf-list">{ack}{respond}</ul>
            <p class="cf-body">{text::EXTEND_NOTE.get(lang)}</p>
        }
        .into_any()
    } else {
        let thanks = if answer.kind == Kind::Compliment {
            text::COMPLIMENT_NEXT
        } else {
            text::COMMENT_NEXT
        };
        view! { <p class="cf-body">{thanks.get(lang)}</p> }.into_any()
    };
    let follow_up = if sent.anonymous {
        view! { <p class="cf-body">{text::ANON_NEXT.get(lang)}</p> }.into_any()
    } else {
        view! {
            <p class="cf-body">{text::STATUS_CODE.get(lang)}</p>
            <p class="cf-code"><code id="cf-status-token">{answer.status_token.clone()}</code></p>
            // What will actually happen: the acknowledgement email goes only to a
            // complainant who gave an address.
            <p id="cf-email-note" class="cf-body">
                {if sent.emailed { text::EMAIL_SENT.get(lang) } else { text::NO_EMAIL.get(lang) }}
            </p>
            <p class="cf-body">{text::PROGRESS_LATER.get(lang)}</p>
        }
        .into_any()
    };
    view! {
        <div class="cf-panel">
            <h2 id=crate::focus::HEADING_ID class="cf-panel-title" tabindex="-1">{title.get(lang)}</h2>
            <div class="cf-panel-body">
                {text::YOUR_REFERENCE.get(lang)}<br />
                <strong id="cf-reference">{answer.reference.to_string()}</strong>
            </div>
        </div>
        {sent.earlier.then(|| view! { <div class="cf-inset">{text::EARLIER.get(lang)}</div> })}
        <h3 class="cf-subheading">{text::NEXT_HEADING.get(lang)}</h3>
        {next}
        {follow_up}
        <p class="cf-body">
            <button
                type="button"
                class="cf-link-button"
                on:click=move |_| {
                    crate::storage::clear_sent(&ctx.draft_key.get_value());
                    ctx.sent.set(None);
                    ctx.go(Step::Kind);
                }
            >
                {text::START_AGAIN.get(lang)}
            </button>
        </p>
    }
    .into_any()
}
