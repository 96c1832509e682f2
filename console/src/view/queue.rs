//! The queue: the council's cases in a GOV.UK table, with MOJ badges for deadlines that
//! are overdue, due today or due soon, and MOJ's filter layout beside it.

use super::fields::Banner;
use super::{Console, Link};
use crate::api::{self, Session};
use crate::deadline::{badge, short_date};
use crate::route::{Route, from_wire_name, stage_from, wire_name};
use feedback_shared::case::Status;
use feedback_shared::wire::{CaseListQuery, CaseSummary};
use feedback_shared::{Kind, Language};
use leptos::prelude::*;
use leptos::task::spawn_local;

const STATUSES: [Status; 6] = [
    Status::Received,
    Status::Acknowledged,
    Status::Responded,
    Status::Closed,
    Status::Withdrawn,
    Status::NotAccepted,
];

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Vec<CaseSummary>),
    Failed(String),
}

/// The queue page.
#[component]
pub fn Queue(session: Session) -> impl IntoView {
    let console = Console::get();
    let (status, kind, stage) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let cases = RwSignal::new(Load::Loading);
    let load = {
        let session = session.clone();
        move || {
            let query = CaseListQuery {
                status: from_wire_name(&status.get_untracked()),
                kind: from_wire_name(&kind.get_untracked()),
                stage: stage_from(&stage.get_untracked()),
                ..CaseListQuery::default()
            };
            let session = session.clone();
            cases.set(Load::Loading);
            spawn_local(async move {
                match api::cases(&session, &query).await {
                    Ok(list) => cases.set(Load::Loaded(list.cases)),
                    Err(failure) if failure.is_unauthenticated() => console.sign_out(),
                    Err(failure) => cases.set(Load::Failed(failure.message())),
                }
            });
        }
    };
    load();
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load();
    };
    let flash = console.flash.get_untracked();
    console.flash.set(None);
    view! {
        {flash.map(|message| view! { <Banner message=message /> })}
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Cases"</h1>
        <div class="moj-filter-layout">
            <div class="moj-filter-layout__filter">
                <div class="moj-filter">
                    <div class="moj-filter__header">
                        <div class="moj-filter__header-title">
                            <h2 class="govuk-heading-m">"Filter"</h2>
                        </div>
                    </div>
                    <div class="moj-filter__content">
                        <form class="moj-filter__options" on:submit=apply>
                            <button type="submit" class="govuk-button">"Apply filters"</button>
                            <Choice id="filter-status" label="Status" value=status options=STATUSES.iter().map(|s| (wire_name(s), s.label(Language::En).to_owned())).collect() />
                            <Choice id="filter-kind" label="Kind" value=kind options=Kind::ALL.iter().map(|k| (wire_name(k), k.label(Language::En).to_owned())).collect() />
                            <Choice id="filter-stage" label="Stage" value=stage options=vec![("1".to_owned(), "Stage 1".to_owned()), ("2".to_owned(), "Stage 2".to_owned())] />
                        </form>
                    </div>
                </div>
            </div>
            <div class="moj-filter-layout__content">
                {move || match cases.get() {
                    Load::Loading => view! { <p class="govuk-body" role="status">"Loading cases…"</p> }.into_any(),
                    Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
                    Load::Loaded(list) if list.is_empty() => view! { <p class="govuk-body">"No cases match."</p> }.into_any(),
                    Load::Loaded(list) => view! { <CaseTable cases=list /> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// A GOV.UK select with "Any" first.
#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// (value, words) pairs.
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for=id>{label}</label>
            <select
                class="govuk-select"
                id=id
                name=id
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" selected=move || value.get().is_empty()>"Any"</option>
                {options
                    .into_iter()
                    .map(|(option, words)| {
                        let this = option.clone();
                        view! { <option value=option selected=move || value.get() == this>{words}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn CaseTable(cases: Vec<CaseSummary>) -> impl IntoView {
    // On a narrow screen the table scrolls sideways in its own pane, which the keyboard
    // can reach (MOJ's scrollable pane), rather than the page.
    view! {
        <div class="moj-scrollable-pane" tabindex="0" role="region" aria-label="Cases">
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">
                {format!("{} {}", cases.len(), if cases.len() == 1 { "case" } else { "cases" })}
            </caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Reference"</th>
                    <th scope="col" class="govuk-table__header">"Kind"</th>
                    <th scope="col" class="govuk-table__header">"Service"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    <th scope="col" class="govuk-table__header">"Received"</th>
                    <th scope="col" class="govuk-table__header">"Next due"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {cases
                    .into_iter()
                    .map(|case| {
                        let badge = case.next_due_status.as_ref().and_then(badge);
                        view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">
                                    <Link to=Route::Case(case.reference.clone())>{case.reference.to_string()}</Link>
                                </td>
                                <td class="govuk-table__cell">{case.kind.label(Language::En)}</td>
                                <td class="govuk-table__cell">{case.service.clone()}</td>
                                <td class="govuk-table__cell">
                                    {case.status.label(Language::En)}
                                    {case.stage.map(|s| format!(", stage {}", u8::from(s)))}
                                </td>
                                <td class="govuk-table__cell">{short_date(case.received_on)}</td>
                                <td class="govuk-table__cell">
                                    {case.next_due.map(short_date).unwrap_or_else(|| "None".into())}
                                    {badge.map(|b| view! { " " <strong class=b.class>{b.text}</strong> })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
    }
}
