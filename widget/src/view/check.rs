//! "Check your answers": every answer with a Change link, then Send.

use super::ctx::{Ctx, Sending};
use super::fields::PrivacyLink;
use crate::draft::{Draft, Step};
use crate::text::{self, Text};
use feedback_shared::contact::ContactMethod;
use feedback_shared::{Kind, Language};
use leptos::prelude::*;

fn or_not_given(s: &str, lang: Language) -> String {
    if s.trim().is_empty() {
        text::NOT_GIVEN.get(lang).to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// The date it happened written out ("3 November 2026"), as typed if it is not a date.
fn when(d: &Draft, lang: Language) -> String {
    let iso = d.when.iso();
    match feedback_shared::input::parse_iso_date(&iso) {
        Ok(date) => feedback_shared::labels::day_month_year(date, lang),
        Err(_) => or_not_given(&iso, lang),
    }
}

/// The rows: (question, answer, page to change it on).
fn rows(d: &Draft, ctx: &Ctx, lang: Language) -> Vec<(Text, String, Step)> {
    let kind = match d.kind {
        Some(Kind::Complaint) => text::KIND_COMPLAINT,
        Some(Kind::Compliment) => text::KIND_COMPLIMENT,
        _ => text::KIND_COMMENT,
    };
    let service = ctx.council.with_untracked(|c| {
        c.service(&d.service)
            .map(|s| s.name_in(lang).to_owned())
            .unwrap_or_default()
    });
    let mut rows = vec![
        (text::KIND_ROW, kind.get(lang).to_owned(), Step::Kind),
        (text::SERVICE_ROW, service, Step::Service),
        (
            text::WHAT_HAPPENED,
            d.what_happened.trim().to_owned(),
            Step::Details,
        ),
        (text::WHEN_LEGEND, when(d, lang), Step::Details),
    ];
    if d.kind == Some(Kind::Complaint) {
        rows.push((
            text::PUT_RIGHT,
            d.put_right.trim().to_owned(),
            Step::Details,
        ));
    }
    if d.kind == Some(Kind::Compliment) {
        rows.push((
            text::STAFF_NAME,
            or_not_given(&d.staff_name, lang),
            Step::Details,
        ));
    }
    if d.is_anonymous() {
        rows.push((
            text::ABOUT_HEADING,
            text::ANONYMOUS.get(lang).to_owned(),
            Step::About,
        ));
    } else {
        rows.push((text::NAME, d.name.trim().to_owned(), Step::About));
        let preferred = match d.preferred {
            Some(ContactMethod::Phone) => text::BY_PHONE.get(lang),
            Some(ContactMethod::Post) => text::BY_POST.get(lang),
            Some(ContactMethod::Email) => text::BY_EMAIL.get(lang),
            None => "",
        };
        let contact: Vec<&str> = [
            d.email.trim(),
            d.phone.trim(),
            d.address.trim(),
            d.postcode.trim(),
            preferred,
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        rows.push((text::CONTACT_ROW, contact.join("\n"), Step::About));
        if d.for_someone_else {
            rows.push((
                text::FOR_ROW,
                format!("{} ({})", d.represented_name.trim(), d.relationship.trim()),
                Step::About,
            ));
        }
        let mut needs: Vec<String> = d
            .needs
            .iter()
            .map(|n| text::need_label(*n, lang).to_owned())
            .collect();
        if !d.needs_details.trim().is_empty() {
            needs.push(d.needs_details.trim().to_owned());
        }
        rows.push((
            text::SUPPORT_ROW,
            or_not_given(&needs.join("\n"), lang),
            Step::Adjustments,
        ));
    }
    let equality = if d.equality.0.is_empty() {
        text::NOT_GIVEN.get(lang)
    } else {
        text::ANSWERED.get(lang)
    };
    rows.push((text::EQUALITY_ROW, equality.to_owned(), Step::Equality));
    rows
}

#[component(transparent)]
pub fn CheckPage(ctx: Ctx, lang: Language) -> impl IntoView {
    let list = move || {
        ctx.draft.with(|d| {
            rows(d, &ctx, lang)
                .into_iter()
                .map(|(question, answer, step)| {
                    let question = question.get(lang);
                    view! {
                        <div class="cf-summary-row">
                            <dt class="cf-summary-key">{question}</dt>
                            <dd class="cf-summary-value">{answer}</dd>
                            <dd class="cf-summary-action">
                                <button
                                    type="button"
                                    class="cf-link-button"
                                    on:click=move |_| {
                                        if ctx.busy() {
                                            return;
                                        }
                                        ctx.draft.update(|d| d.changing = true);
                                        ctx.go(step);
                                    }
                                >
                                    {text::CHANGE.get(lang)}
                                    <span class="cf-visually-hidden">" "{question}</span>
                                </button>
                            </dd>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    let status = move || match ctx.sending.get() {
        Sending::Idle => String::new(),
        Sending::Sending => text::SENDING.get(lang).to_owned(),
        Sending::Retrying(n) => format!("{} ({n})…", text::RETRYING.get(lang)),
        Sending::Offline => text::OFFLINE.get(lang).to_owned(),
        Sending::Failed => text::SEND_FAILED.get(lang).to_owned(),
        Sending::Refused => text::REFUSED.get(lang).to_owned(),
    };
    let busy = move || matches!(ctx.sending.get(), Sending::Sending | Sending::Retrying(_));
    view! {
        <h2 id=crate::focus::HEADING_ID class="cf-heading" tabindex="-1">
            {text::CHECK_HEADING.get(lang)}
        </h2>
        <dl class="cf-summary-list">{list}</dl>
        <PrivacyLink ctx lang />
        // A trap for robots: people never see or reach it, so any value means a script.
        <div class="cf-trap" aria-hidden="true">
            <label for="cf-website">{text::HONEYPOT.get(lang)}</label>
            <input
                id="cf-website"
                type="text"
                name="website"
                tabindex="-1"
                autocomplete="off"
                prop:value=move || ctx.honeypot.get()
                on:input=move |ev| ctx.honeypot.set(event_target_value(&ev))
            />
        </div>
        <p
            id="cf-send-status"
            class="cf-send-status"
            class:cf-send-problem=move || matches!(ctx.sending.get(), Sending::Offline | Sending::Failed | Sending::Refused)
            role="status"
        >
            {status}
        </p>
        <button id="cf-send" type="submit" class="cf-button" aria-disabled=move || busy().then_some("true")>
            {text::SEND.get(lang)}
        </button>
    }
}
