//! Personal data (managers only): answering a subject access request in minutes. Search
//! for a person by email, phone, name or reference; tick their cases; export the bundle
//! (downloaded as JSON and as a printable page, optionally with spans of other people's
//! words blanked); erase a closed case's personal data behind a confirmation page; and
//! set and lift the legal holds that keep a case from the retention job and from erasure.
//!
//! Every form keeps what was typed when a request fails, and shows GOV.UK's error summary
//! with the server's field errors beside their controls.

use super::fields::{Banner, ErrorSummary, TextArea, TextInput, show_errors};
use super::{Console, Link};
use crate::api::{Failure, Session};
use crate::deadline::short_date;
use crate::forms::{self, FormError};
use crate::personal_data as calls;
use crate::route::Route;
use feedback_shared::Reference;
use feedback_shared::wire::{
    LegalHold, MatchedField, PersonMatch, PersonSearch, SubjectAccessBundle, SubjectAccessRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;

/// The search form's id prefix: `person-email`, `person-phone`, `person-name`, `person-reference`.
const SEARCH: &str = "person";
/// The export form's id prefix: `bundle-redact`.
const EXPORT: &str = "bundle";

/// The errors to show for a failed call (or `None` after signing out, which ends the page).
/// Correcting and redacting (`correct.rs`) answer their failures the same way.
pub(super) fn errors_of(form: &str, failure: Failure) -> Option<Vec<FormError>> {
    if failure.is_unauthenticated() {
        Console::get().sign_out();
        return None;
    }
    Some(match failure {
        Failure::Problem(problem) => forms::from_problem(form, &problem),
        other => vec![FormError {
            target: None,
            message: other.message(),
        }],
    })
}

fn matched_words(matched: &[MatchedField]) -> String {
    matched
        .iter()
        .map(|m| match m {
            MatchedField::Email => "email",
            MatchedField::Phone => "phone",
            MatchedField::Name => "name",
            MatchedField::RepresentedName => "name of the person represented",
            MatchedField::Reference => "reference",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The search, its results with a tick box each, and the export.
#[component]
pub fn PersonalDataPage(session: Session) -> impl IntoView {
    let flash = Console::get()
        .flash
        .try_update_untracked(Option::take)
        .flatten();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let redact = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<PersonMatch>>);
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let bundle = RwSignal::new(None::<SubjectAccessBundle>);
    let busy = RwSignal::new(false);

    let search = {
        let session = session.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let query = PersonSearch {
                email: email.get_untracked(),
                phone: phone.get_untracked(),
                name: name.get_untracked(),
                reference: reference.get_untracked(),
            };
            let session = session.clone();
            busy.set(true);
            spawn_local(async move {
                match calls::search(&session, &query).await {
                    Ok(list) => {
                        errors.set(Vec::new());
                        // Every case found is ticked: most requests want them all.
                        chosen.set(list.iter().map(|m| m.reference.to_string()).collect());
                        bundle.set(None);
                        found.set(Some(list));
                        super::focus_later("results-heading");
                    }
                    Err(failure) => {
                        if let Some(list) = errors_of(SEARCH, failure) {
                            show_errors(errors, list);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };

    let export = {
        let session = session.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let references: Vec<Reference> = chosen
                .get_untracked()
                .iter()
                .filter_map(|r| r.parse().ok())
                .collect();
            if references.is_empty() {
                show_errors(
                    errors,
                    vec![FormError {
                        target: Some("results-table".into()),
                        message: "Select at least one case to export".into(),
                    }],
                );
                return;
            }
            let request = SubjectAccessRequest {
                references,
                redact: redact
                    .get_untracked()
                    .lines()
                    .filter(|line| !line.trim().is_empty())
                    .map(str::to_owned)
                    .collect(),
            };
            let session = session.clone();
            busy.set(true);
            spawn_local(async move {
                match calls::export(&session, &request).await {
                    Ok(ready) => {
                        errors.set(Vec::new());
                        bundle.set(Some(ready));
                        super::focus_later("bundle-ready");
                    }
                    Err(failure) => {
                        if let Some(list) = errors_of(EXPORT, failure) {
                            show_errors(errors, list);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };

    let download = move |html: bool| {
        let Some(ready) = bundle.get_untracked() else {
            return;
        };
        let stamp = ready.exported_at.date();
        let saved = if html {
            crate::figures::save(
                &ready.html,
                "text/html; charset=utf-8",
                &format!("subject-access-{stamp}.html"),
            )
        } else {
            let json = serde_json::to_string_pretty(&ready).unwrap_or_default();
            crate::figures::save(
                &json,
                "application/json",
                &format!("subject-access-{stamp}.json"),
            )
        };
        if saved.is_err() {
            show_errors(
                errors,
                vec![FormError {
                    target: None,
                    message: "The browser could not save the file. Try again.".into(),
                }],
            );
        }
    };

    view! {
        {flash.map(|message| view! { <Banner message=message /> })}
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Personal data"</h1>
        <p class="govuk-body">
            "Find every case a person is named in, to answer a subject access request or a request to erase their data. "
            <Link to=Route::Holds>"Legal holds"</Link>
            " keep a case from erasure and from the retention schedule."
        </p>
        <form novalidate on:submit=search>
            <h2 class="govuk-heading-m">"Find a person"</h2>
            <p class="govuk-body">"Give one or more of their details. Email and phone number must match exactly; a name matches whatever its case, accents or spacing."</p>
            <TextInput id=format!("{SEARCH}-email") label="Email address" value=email errors=errors />
            <TextInput id=format!("{SEARCH}-phone") label="Phone number" value=phone errors=errors />
            <TextInput id=format!("{SEARCH}-name") label="Full name" value=name errors=errors />
            <TextInput
                id=format!("{SEARCH}-reference")
                label="Case reference"
                hint="For example, DEMO-2026-000042"
                value=reference
                errors=errors
            />
            <button type="submit" class="govuk-button" id="person-search" aria-disabled=move || busy.get().then_some("true")>
                "Search"
            </button>
        </form>
        {move || found.get().map(|list| {
            let count = list.len();
            view! {
                <h2 class="govuk-heading-m" id="results-heading" tabindex="-1">
                    {match count {
                        0 => "No cases found".to_owned(),
                        1 => "1 case found".to_owned(),
                        n => format!("{n} cases found"),
                    }}
                </h2>
                {(count > 0).then(|| view! {
                    <form novalidate on:submit=export.clone()>
                        <table class="govuk-table" id="results-table" tabindex="-1">
                            <caption class="govuk-table__caption govuk-visually-hidden">"Cases of the person"</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Export"</th>
                                    <th scope="col" class="govuk-table__header">"Reference"</th>
                                    <th scope="col" class="govuk-table__header">"Kind"</th>
                                    <th scope="col" class="govuk-table__header">"Status"</th>
                                    <th scope="col" class="govuk-table__header">"Received"</th>
                                    <th scope="col" class="govuk-table__header">"Closed"</th>
                                    <th scope="col" class="govuk-table__header">"Matched on"</th>
                                    <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Erase"</span></th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {list.into_iter().map(|m| result_row(m, chosen)).collect_view()}
                            </tbody>
                        </table>
                        <TextArea
                            id=format!("{EXPORT}-redact")
                            label="Text to blank in the bundle (optional)"
                            hint="Other people’s personal data, such as a neighbour’s name: give the exact words, one piece of text a line. Each becomes [redacted] in the bundle; the case keeps them."
                            value=redact
                            errors=errors
                        />
                        <button type="submit" class="govuk-button" id="export-bundle" aria-disabled=move || busy.get().then_some("true")>
                            "Export the selected cases"
                        </button>
                    </form>
                })}
            }
        })}
        {move || bundle.get().map(|ready| view! {
            <div class="govuk-panel govuk-panel--confirmation" id="bundle-ready" tabindex="-1">
                <h2 class="govuk-panel__title">"Bundle ready"</h2>
                <div class="govuk-panel__body">
                    {format!("{} {} exported; the export is on each case’s timeline", ready.cases.len(), if ready.cases.len() == 1 { "case" } else { "cases" })}
                </div>
            </div>
            <div class="govuk-button-group">
                <button type="button" class="govuk-button" id="download-bundle-html" on:click=move |_| download(true)>
                    "Download the printable page (HTML)"
                </button>
                <button type="button" class="govuk-button govuk-button--secondary" id="download-bundle-json" on:click=move |_| download(false)>
                    "Download the bundle (JSON)"
                </button>
            </div>
        })}
    }
}

/// One case found, with its tick box and a link to erase it.
fn result_row(m: PersonMatch, chosen: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let key = m.reference.to_string();
    let box_id = format!("export-{key}");
    let checked = {
        let key = key.clone();
        move || chosen.with(|c| c.contains(&key))
    };
    let toggle = {
        let key = key.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            chosen.update(|c| {
                if on {
                    c.insert(key.clone());
                } else {
                    c.remove(&key);
                }
            });
        }
    };
    let status = m.status.label(feedback_shared::Language::En);
    let erase_label = format!(" {key}");
    let erase = (!m.anonymised).then(|| {
        view! {
            <Link to=Route::Erase(m.reference.clone())>
                "Erase"<span class="govuk-visually-hidden">{erase_label}</span>
            </Link>
        }
    });
    view! {
        <tr class="govuk-table__row">
            <td class="govuk-table__cell">
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id=box_id.clone() type="checkbox" prop:checked=checked on:change=toggle />
                        <label class="govuk-label govuk-checkboxes__label" for=box_id>
                            <span class="govuk-visually-hidden">{format!("Export {key}")}</span>
                        </label>
                    </div>
                </div>
            </td>
            <td class="govuk-table__cell">
                <Link to=Route::Case(m.reference.clone())>{key.clone()}</Link>
            </td>
            <td class="govuk-table__cell">{m.kind.label(feedback_shared::Language::En)}</td>
            <td class="govuk-table__cell">
                {status}
                {m.anonymised.then(|| view! { <strong class="govuk-tag govuk-tag--grey govuk-!-margin-left-1">"Data removed"</strong> })}
            </td>
            <td class="govuk-table__cell">{short_date(m.received_on)}</td>
            <td class="govuk-table__cell">{m.closed_on.map(short_date).unwrap_or_default()}</td>
            <td class="govuk-table__cell">{matched_words(&m.matched)}</td>
            <td class="govuk-table__cell">{erase}</td>
        </tr>
    }
}

/// Erasing one case's personal data, after a warning and a reason.
#[component]
pub fn ErasePage(session: Session, reference: Reference) -> impl IntoView {
    let console = Console::get();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = {
        let reference = reference.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let (session, reference) = (session.clone(), reference.clone());
            busy.set(true);
            spawn_local(async move {
                match calls::erase(&session, &reference, &reason.get_untracked()).await {
                    Ok(_) => {
                        console.flash.set(Some(format!(
                            "The personal data of {reference} has been erased"
                        )));
                        console.go(Route::PersonalData);
                    }
                    Err(failure) => {
                        if let Some(list) = errors_of("erase", failure) {
                            show_errors(errors, list);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };
    view! {
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">
            {format!("Erase the personal data of {reference}")}
        </h1>
        <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
            <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">"Warning"</span>
                "This removes the resident’s name, contact details and words, and the officers’ notes about them, from the case, its timeline and its messages. It cannot be undone. The case’s figures stay in the reports."
            </strong>
        </div>
        <p class="govuk-body">"Only a closed case can be erased: close it (or record its withdrawal) first. A case under a legal hold cannot be erased until the hold is lifted."</p>
        <form novalidate on:submit=submit>
            <TextArea
                id="erase-reason".to_owned()
                label="Why is the data being erased?"
                hint="For example, the resident’s request of 20 November 2026. The case’s timeline keeps this."
                value=reason
                errors=errors
                rows=3
            />
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button govuk-button--warning" id="erase-confirm" aria-disabled=move || busy.get().then_some("true")>
                    "Erase personal data"
                </button>
                <Link to=Route::PersonalData>"Cancel"</Link>
            </div>
        </form>
    }
}

/// The council's legal holds, each with a button to lift it, and a form to set one.
#[component]
pub fn HoldsPage(session: Session) -> impl IntoView {
    let errors = RwSignal::new(Vec::<FormError>::new());
    let reference = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let holds = RwSignal::new(None::<Result<Vec<LegalHold>, String>>);
    let banner = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reload = {
        let session = session.clone();
        move || {
            let session = session.clone();
            spawn_local(async move {
                match calls::holds(&session).await {
                    Ok(list) => holds.set(Some(Ok(list))),
                    Err(f) if f.is_unauthenticated() => Console::get().sign_out(),
                    Err(f) => holds.set(Some(Err(f.message()))),
                }
            });
        }
    };
    reload();
    let set = {
        let (session, reload) = (session.clone(), reload.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Ok(case) = reference.get_untracked().trim().parse::<Reference>() else {
                show_errors(
                    errors,
                    vec![FormError {
                        target: Some("hold-reference".into()),
                        message: "Enter a case reference, like DEMO-2026-000042".into(),
                    }],
                );
                return;
            };
            let (session, reload) = (session.clone(), reload.clone());
            busy.set(true);
            spawn_local(async move {
                match calls::set_hold(&session, &case, &reason.get_untracked()).await {
                    Ok(_) => {
                        errors.set(Vec::new());
                        reference.set(String::new());
                        reason.set(String::new());
                        banner.set(Some(format!("{case} is now held")));
                        reload();
                    }
                    Err(failure) => {
                        if let Some(list) = errors_of("hold", failure) {
                            show_errors(errors, list);
                        }
                    }
                }
                busy.set(false);
            });
        }
    };
    let lift = move |case: Reference| {
        let (session, reload) = (session.clone(), reload.clone());
        spawn_local(async move {
            match calls::lift_hold(&session, &case).await {
                Ok(()) => {
                    banner.set(Some(format!("The hold on {case} has been lifted")));
                    reload();
                }
                Err(failure) => {
                    if let Some(list) = errors_of("hold", failure) {
                        show_errors(errors, list);
                    }
                }
            }
        });
    };
    view! {
        {move || banner.get().map(|message| view! { <Banner message=message /> })}
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Legal holds"</h1>
        <p class="govuk-body">"A held case is kept whole: the retention schedule skips it and it cannot be erased, until the hold is lifted. "
            <Link to=Route::PersonalData>"Back to personal data"</Link>
        </p>
        {move || match holds.get() {
            None => view! { <p class="govuk-body" role="status">"Loading the holds…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <p class="govuk-body">"No case is held."</p> }.into_any(),
            Some(Ok(list)) => {
                let lift = lift.clone();
                view! {
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">"Cases held"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Reference"</th>
                                <th scope="col" class="govuk-table__header">"Why"</th>
                                <th scope="col" class="govuk-table__header">"Set"</th>
                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Lift"</span></th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {list.into_iter().map(|hold| {
                                let lift = lift.clone();
                                let case = hold.reference.clone();
                                let label = format!("Lift the hold on {case}");
                                view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell">{hold.reference.to_string()}</td>
                                        <td class="govuk-table__cell">{hold.reason.clone()}</td>
                                        <td class="govuk-table__cell">{format!("{} by {}", short_date(hold.at.date()), hold.by.0)}</td>
                                        <td class="govuk-table__cell">
                                            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" aria-label=label on:click=move |_| lift(case.clone())>
                                                "Lift"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        }}
        <form novalidate on:submit=set>
            <h2 class="govuk-heading-m">"Hold a case"</h2>
            <TextInput id="hold-reference".to_owned() label="Case reference" value=reference errors=errors />
            <TextArea
                id="hold-reason".to_owned()
                label="Why is it held?"
                hint="For example, Ombudsman investigation 24 001 234"
                value=reason
                errors=errors
                rows=2
            />
            <button type="submit" class="govuk-button" id="hold-set" aria-disabled=move || busy.get().then_some("true")>
                "Hold the case"
            </button>
        </form>
    }
}
