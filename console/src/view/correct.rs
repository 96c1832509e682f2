//! Correcting a case's personal data, from the case page (any officer of the council):
//! "Correct contact details" (the form prefilled with what is held, and a reason), and
//! "Redact text" (choose the field, paste the exact text, a reason, then a confirmation
//! page with GOV.UK's warning text, since a redaction cannot be undone). After either,
//! the case page shows the timeline's entry for it.
//!
//! A failed request keeps everything typed, with the error summary and the server's
//! field errors beside their controls.

use super::fields::{ErrorSummary, TextArea, TextInput, show_errors};
use super::personal_data::errors_of;
use super::{Console, Link};
use crate::api::{self, Session};
use crate::forms::{self, FormError};
use crate::personal_data as calls;
use crate::route::{Route, from_wire_name, wire_name};
use feedback_shared::case::{FreeTextField, text_of};
use feedback_shared::contact::{ContactForm, ContactMethod, Submitter};
use feedback_shared::validation::{FieldError, Problem};
use feedback_shared::wire::{
    CaseDetail, ContactCorrection, RedactionRequest, RepresentativeCorrection,
};
use feedback_shared::{Field, Language, Reference};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The rectification form's id prefix: `correct-name`, `correct-email`, …
const CORRECT: &str = "correct";
/// The redaction form's id prefix: `redact-span`, `redact-reason`, `redact-field-…`.
const REDACT: &str = "redact";

/// Reads the case into `loaded`.
fn load(
    session: &Session,
    reference: &Reference,
    loaded: RwSignal<Option<Result<CaseDetail, String>>>,
) {
    let (session, reference) = (session.clone(), reference.clone());
    spawn_local(async move {
        match api::case(&session, &reference).await {
            Ok(detail) => loaded.set(Some(Ok(detail))),
            Err(f) if f.is_unauthenticated() => Console::get().sign_out(),
            Err(f) => loaded.set(Some(Err(f.message()))),
        }
    });
}

/// Why a case's personal data cannot be corrected, if it cannot.
fn nothing_to_correct(detail: &CaseDetail) -> Option<&'static str> {
    if detail.case.anonymised.is_some() {
        Some("This case’s personal data has been removed: there is nothing to correct.")
    } else if matches!(detail.details.submitter, Submitter::Anonymous) {
        Some("This feedback was anonymous: there are no contact details to correct.")
    } else {
        None
    }
}

/// The contact details form, prefilled with what the case holds.
#[component]
pub fn CorrectPage(session: Session, reference: Reference) -> impl IntoView {
    let console = Console::get();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let loaded = RwSignal::new(None::<Result<CaseDetail, String>>);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let postcode = RwSignal::new(String::new());
    let preferred = RwSignal::new(String::new());
    let represented = RwSignal::new(None::<()>);
    let represented_name = RwSignal::new(String::new());
    let relationship = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    load(&session, &reference, loaded);
    // The held values prefill the form once, when the case arrives.
    Effect::new(move |_| {
        if let Some(Ok(detail)) = loaded.get()
            && let Submitter::Identified(person) = &detail.details.submitter
        {
            let c = &person.contact;
            name.set(c.name.to_string());
            email.set(c.email.as_ref().map(|e| e.to_string()).unwrap_or_default());
            phone.set(c.phone.as_ref().map(|p| p.to_string()).unwrap_or_default());
            address.set(
                c.address
                    .as_ref()
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
            );
            postcode.set(
                c.postcode
                    .as_ref()
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
            );
            preferred.set(wire_name(&c.preferred));
            if let Some(rep) = &person.representative {
                represented.set(Some(()));
                represented_name.set(rep.represented_name.to_string());
                relationship.set(rep.relationship.to_string());
            }
        }
    });
    let submit = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Some(Ok(detail)) = loaded.get_untracked() else {
                return;
            };
            let body = ContactCorrection {
                contact: ContactForm {
                    name: name.get_untracked(),
                    email: email.get_untracked(),
                    phone: phone.get_untracked(),
                    address: address.get_untracked(),
                    postcode: postcode.get_untracked(),
                    preferred: from_wire_name::<ContactMethod>(&preferred.get_untracked()),
                },
                representative: represented
                    .get_untracked()
                    .map(|()| RepresentativeCorrection {
                        represented_name: represented_name.get_untracked(),
                        relationship: relationship.get_untracked(),
                    }),
                reason: reason.get_untracked(),
                version: detail.case.version,
            };
            let (session, reference) = (session.clone(), reference.clone());
            busy.set(true);
            spawn_local(async move {
                match calls::rectify(&session, &reference, &body).await {
                    Ok(_) => {
                        console.flash.set(Some("Contact details corrected".into()));
                        console.go(Route::Case(reference));
                    }
                    Err(failure) => {
                        if let Some(list) = errors_of(CORRECT, failure) {
                            show_errors(errors, list);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };
    let method = move |value: &'static str, label: &'static str| {
        let id = if value == "email" {
            format!("{CORRECT}-contact_method")
        } else {
            format!("{CORRECT}-contact_method-{value}")
        };
        view! {
            <div class="govuk-radios__item">
                <input
                    class="govuk-radios__input"
                    id=id.clone()
                    name="correct-contact_method"
                    type="radio"
                    value=value
                    prop:checked=move || preferred.get() == value
                    on:change=move |_| preferred.set(value.to_owned())
                />
                <label class="govuk-label govuk-radios__label" for=id>{label}</label>
            </div>
        }
    };
    let back = reference.clone();
    let heading = format!("Correct the contact details of {reference}");
    view! {
        <p class="govuk-body"><Link to=Route::Case(back) class="govuk-back-link">"Back to the case"</Link></p>
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{heading}</h1>
        {move || match loaded.get() {
            None => view! { <p class="govuk-body" role="status">"Loading the case…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="govuk-body" role="alert">{message}</p> }.into_any(),
            Some(Ok(detail)) if nothing_to_correct(&detail).is_some() => {
                let why = nothing_to_correct(&detail).unwrap_or_default();
                view! { <p class="govuk-body">{why}</p> }.into_any()
            }
            Some(Ok(_)) => view! {
                <p class="govuk-body">"Change what is wrong. The old details are not kept or shown again: the case, its search and messages not yet sent move to the new ones. The timeline records which details changed and why, never the details themselves."</p>
                <form novalidate on:submit=submit.clone()>
                    <TextInput id=format!("{CORRECT}-name") label="Full name" value=name errors=errors />
                    <TextInput id=format!("{CORRECT}-email") label="Email address" hint="Leave empty if they have none" value=email errors=errors />
                    <TextInput id=format!("{CORRECT}-phone") label="Phone number" value=phone errors=errors />
                    <TextArea id=format!("{CORRECT}-address") label="Address" value=address errors=errors rows=3 />
                    <TextInput id=format!("{CORRECT}-postcode") label="Postcode" value=postcode errors=errors />
                    <div class="govuk-form-group">
                        <fieldset class="govuk-fieldset">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"How they want to hear from us"</legend>
                            <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                                {method("email", "Email")}
                                {method("phone", "Phone")}
                                {method("post", "Post")}
                            </div>
                        </fieldset>
                    </div>
                    {move || represented.get().map(|()| view! {
                        <h2 class="govuk-heading-m">"The person they act for"</h2>
                        <TextInput id=format!("{CORRECT}-represented_name") label="Name of the person represented" value=represented_name errors=errors />
                        <TextInput id=format!("{CORRECT}-relationship") label="Relationship to them" value=relationship errors=errors />
                    })}
                    <TextArea
                        id=format!("{CORRECT}-reason")
                        label="Why are the details being corrected?"
                        hint="For example, the resident rang with a new email address. The timeline shows this: do not repeat the old details."
                        value=reason
                        errors=errors
                        rows=3
                    />
                    <button type="submit" class="govuk-button" id="correct-save" aria-disabled=move || busy.get().then_some("true")>
                        "Save the corrected details"
                    </button>
                </form>
            }
            .into_any(),
        }}
    }
}

/// The free-text fields of the case that hold words, with their text.
fn texts(detail: &CaseDetail) -> Vec<(FreeTextField, String)> {
    FreeTextField::ALL
        .into_iter()
        .filter_map(|f| text_of(&detail.details, f).map(|t| (f, t.to_owned())))
        .collect()
}

/// Redacting a span of the resident's words: the form, then a confirmation.
#[component]
pub fn RedactPage(session: Session, reference: Reference) -> impl IntoView {
    let console = Console::get();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let loaded = RwSignal::new(None::<Result<CaseDetail, String>>);
    let field = RwSignal::new(FreeTextField::WhatHappened);
    let span = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let checking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    load(&session, &reference, loaded);
    let span_id = forms::control_id(REDACT, Field::Span);
    let reason_id = forms::control_id(REDACT, Field::Reason);

    // The form's own checks, so the confirmation only shows what the server would take.
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Ok(detail)) = loaded.get_untracked() else {
            return;
        };
        let mut list = Vec::new();
        let typed = span.get_untracked();
        let error = |field: Field, problem: Problem| FormError {
            target: Some(forms::control_id(REDACT, field)),
            message: FieldError::new(field, problem).text(Language::En),
        };
        if typed.trim().chars().count() < 2 {
            list.push(error(Field::Span, Problem::Required));
        } else if !text_of(&detail.details, field.get_untracked())
            .is_some_and(|text| text.contains(typed.trim()))
        {
            list.push(error(Field::Span, Problem::SpanNotFound));
        }
        if reason.get_untracked().trim().is_empty() {
            list.push(error(Field::Reason, Problem::Required));
        }
        if list.is_empty() {
            errors.set(Vec::new());
            checking.set(true);
            super::focus_later("redact-check-heading");
        } else {
            show_errors(errors, list);
        }
    };
    let confirm = {
        let (session, reference) = (session.clone(), reference.clone());
        move |_| {
            if busy.get_untracked() {
                return;
            }
            let Some(Ok(detail)) = loaded.get_untracked() else {
                return;
            };
            let body = RedactionRequest {
                field: field.get_untracked(),
                span: span.get_untracked().trim().to_owned(),
                reason: reason.get_untracked(),
                version: detail.case.version,
            };
            let (session, reference) = (session.clone(), reference.clone());
            busy.set(true);
            spawn_local(async move {
                match calls::redact(&session, &reference, &body).await {
                    Ok(_) => {
                        console.flash.set(Some("Text redacted".into()));
                        console.go(Route::Case(reference));
                    }
                    Err(failure) => {
                        // Back to the form, everything typed kept, with what was wrong.
                        checking.set(false);
                        if let Some(list) = errors_of(REDACT, failure) {
                            show_errors(errors, list);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };
    let back = reference.clone();
    let heading = format!("Redact text on {reference}");
    let form = move |detail: CaseDetail| {
        let choices = texts(&detail);
        let current = {
            let choices = choices.clone();
            move || {
                choices
                    .iter()
                    .find(|(f, _)| *f == field.get())
                    .map(|(_, text)| text.clone())
                    .unwrap_or_default()
            }
        };
        let (span_id, reason_id) = (span_id.clone(), reason_id.clone());
        view! {
            <p class="govuk-body">"Remove other people’s personal data, or anything else the case should not hold, from what the resident wrote. The text becomes [redacted] everywhere the case keeps it. The timeline records that a redaction was made, by whom and why, never the text."</p>
            <form novalidate on:submit=check>
                <div class="govuk-form-group">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Which part of what they wrote?"</legend>
                        <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                            {choices.iter().map(|(f, _)| {
                                let f = *f;
                                let id = format!("{REDACT}-field-{}", wire_name(&f));
                                view! {
                                    <div class="govuk-radios__item">
                                        <input
                                            class="govuk-radios__input"
                                            id=id.clone()
                                            name="redact-field"
                                            type="radio"
                                            prop:checked=move || field.get() == f
                                            on:change=move |_| field.set(f)
                                        />
                                        <label class="govuk-label govuk-radios__label" for=id>{sentence(f.label())}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
                <h2 class="govuk-heading-s">"What it says now"</h2>
                <div class="govuk-inset-text" id="redact-current">{current}</div>
                <TextArea
                    id=span_id
                    label="Text to redact"
                    hint="Copy the exact words from above, for example a neighbour’s name and health condition."
                    value=span
                    errors=errors
                    rows=3
                />
                <TextArea
                    id=reason_id
                    label="Why is it being redacted?"
                    hint="For example, another person’s health details. The timeline shows this: do not repeat the text."
                    value=reason
                    errors=errors
                    rows=3
                />
                <button type="submit" class="govuk-button" id="redact-continue">"Continue"</button>
            </form>
        }
    };
    let check_page = move || {
        view! {
            <h2 class="govuk-heading-m" id="redact-check-heading" tabindex="-1">"Check before you redact"</h2>
            <dl class="govuk-summary-list">
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Part"</dt>
                    <dd class="govuk-summary-list__value">{move || sentence(field.get().label())}</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Text to redact"</dt>
                    <dd class="govuk-summary-list__value">{move || span.get()}</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Reason"</dt>
                    <dd class="govuk-summary-list__value">{move || reason.get()}</dd>
                </div>
            </dl>
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "The text will be replaced with [redacted] in the case, its timeline, its search and messages not yet sent. It cannot be undone."
                </strong>
            </div>
            <div class="govuk-button-group">
                <button type="button" class="govuk-button govuk-button--warning" id="redact-confirm" on:click=confirm.clone() aria-disabled=move || busy.get().then_some("true")>
                    "Redact text"
                </button>
                <button type="button" class="govuk-button govuk-button--secondary" id="redact-change" on:click=move |_| checking.set(false)>
                    "Change"
                </button>
            </div>
        }
    };
    view! {
        <p class="govuk-body"><Link to=Route::Case(back) class="govuk-back-link">"Back to the case"</Link></p>
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{heading}</h1>
        {move || match loaded.get() {
            None => view! { <p class="govuk-body" role="status">"Loading the case…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="govuk-body" role="alert">{message}</p> }.into_any(),
            Some(Ok(detail)) if detail.case.anonymised.is_some() => view! {
                <p class="govuk-body">"This case’s personal data has been removed: there is nothing to redact."</p>
            }
            .into_any(),
            Some(Ok(_)) if checking.get() => check_page().into_any(),
            Some(Ok(detail)) => form(detail).into_any(),
        }}
    }
}

/// `text` starting with a capital letter.
fn sentence(text: &str) -> String {
    forms::sentence(text)
}
