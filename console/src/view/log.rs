//! Logging a case received by phone, email, letter, in person or through an MP or
//! councillor. The answers are checked by the shared parsers before they are sent, and a
//! failed send keeps everything typed.

use super::fields::{DateInput, ErrorSummary, Select, TextArea, TextInput, show_errors};
use super::{Console, today};
use crate::api::{self, Session};
use crate::forms::{self, DateParts, FormError, LogInput};
use crate::route::{Route, from_wire_name, wire_name};
use feedback_shared::wire::ServiceView;
use feedback_shared::{Channel, Field, Kind, Language};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's id prefix: its controls are `log-{field}`.
const FORM: &str = "log";

/// The log-a-case page.
#[component]
pub fn LogCasePage(session: Session) -> impl IntoView {
    let console = Console::get();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let services = RwSignal::new(Vec::<ServiceView>::new());
    let channel = RwSignal::new(wire_name(&Channel::Phone));
    let kind = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let received = RwSignal::new(DateParts::of(today()));
    let what_happened = RwSignal::new(String::new());
    let put_right = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    // A retry of the same answers must not log a second case.
    let key = StoredValue::new(idempotency_key());
    {
        let council = session.council.clone();
        spawn_local(async move {
            if let Ok(view) = api::council(&council).await {
                services.set(view.services);
            }
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = LogInput {
            channel: from_wire_name(&channel.get_untracked()).unwrap_or(Channel::Phone),
            kind: kind.get_untracked(),
            service: service.get_untracked(),
            received: received.get_untracked(),
            what_happened: what_happened.get_untracked(),
            put_right: put_right.get_untracked(),
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
        };
        let ids: Vec<String> =
            services.with_untracked(|s| s.iter().map(|s| s.id.clone()).collect());
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let log = match forms::log_case(&input, &ids, now()) {
            Ok(log) => log,
            Err(found) => return show_errors(errors, forms::from_field_errors(FORM, &found)),
        };
        let session = session.clone();
        spawn_local(async move {
            match api::log_case(&session, &log, &key.get_value()).await {
                Ok(submitted) => {
                    console
                        .flash
                        .set(Some(format!("Case {} logged", submitted.reference)));
                    console.go(Route::Case(submitted.reference));
                }
                Err(failure) if failure.is_unauthenticated() => console.sign_out(),
                Err(api::Failure::Problem(problem)) => {
                    show_errors(errors, forms::from_problem(FORM, &problem))
                }
                Err(failure) => show_errors(
                    errors,
                    vec![FormError {
                        target: None,
                        message: failure.message(),
                    }],
                ),
            }
        });
    };
    let channels = Signal::derive(|| {
        Channel::ALL
            .iter()
            .filter(|c| **c != Channel::Web)
            .map(|c| (wire_name(c), c.label().to_owned()))
            .collect()
    });
    let kinds = Signal::derive(|| {
        Kind::ALL
            .iter()
            .map(|k| (wire_name(k), k.label(Language::En).to_owned()))
            .collect()
    });
    let service_options =
        Signal::derive(move || services.get().into_iter().map(|s| (s.id, s.name)).collect());
    view! {
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Log a case"</h1>
        <form novalidate on:submit=submit>
            <Select id=format!("{FORM}-channel") label="How it reached us" value=channel options=channels errors=errors />
            <DateInput form=FORM legend="Received on" value=received errors=errors />
            <Select id=forms::control_id(FORM, Field::Kind) label="What it is" value=kind options=kinds errors=errors any="Choose" />
            <Select id=forms::control_id(FORM, Field::Service) label="Service" value=service options=service_options errors=errors any="Choose" />
            <TextArea id=forms::control_id(FORM, Field::WhatHappened) label="What happened" hint="In the resident's words, as far as you can." value=what_happened errors=errors />
            <TextArea id=forms::control_id(FORM, Field::PutRight) label="What would put it right (complaints)" value=put_right errors=errors />
            <h2 class="govuk-heading-m">"Their contact details"</h2>
            <TextInput id=forms::control_id(FORM, Field::Name) label="Full name" value=name errors=errors />
            <TextInput id=forms::control_id(FORM, Field::Email) label="Email address" value=email errors=errors />
            <TextInput id=forms::control_id(FORM, Field::Phone) label="Phone number" value=phone errors=errors />
            <button type="submit" class="govuk-button">"Log the case"</button>
        </form>
    }
}

fn now() -> time::OffsetDateTime {
    let seconds = (js_sys::Date::now() / 1000.0) as i64;
    time::OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// A fresh idempotency key: random enough for one officer's form.
fn idempotency_key() -> String {
    let part = || format!("{:012x}", (js_sys::Math::random() * 2f64.powi(48)) as u64);
    format!("console-{}{}", part(), part())
}
