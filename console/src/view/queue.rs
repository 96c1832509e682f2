//! The queue: one page of the council's cases in a GOV.UK table whose column headers sort
//! it (MOJ's sortable table, sorted by the server), MOJ badges for deadlines that are
//! overdue, due today or due soon, MOJ's filter layout with a search box beside it, and
//! GOV.UK pagination by cursor. Everything the page shows is in its address
//! ([`Route::Queue`]), so a link, a reload or Back shows the same page.

use super::fields::{Banner, ErrorSummary, TextInput, show_errors};
use super::{Console, Link};
use crate::api::{self, Session};
use crate::deadline::{badge, short_date};
use crate::forms::FormError;
use crate::route::{Route, from_wire_name, stage_from, wire_name};
use feedback_shared::case::Status;
use feedback_shared::input::parse_iso_date;
use feedback_shared::wire::{
    CaseCounts, CaseList, CaseListQuery, CaseSort, SortOrder, StatusFilter,
};
use feedback_shared::{Channel, Kind, Language, OfficerId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::collections::HashMap;

const STATUSES: [Status; 6] = [
    Status::Received,
    Status::Acknowledged,
    Status::Responded,
    Status::Closed,
    Status::Withdrawn,
    Status::NotAccepted,
];

thread_local! {
    /// The cursor of the page before each page reached by "Next" (`None` for the first),
    /// so "Previous" can go back: the API's cursors only go forward.
    static PREVIOUS: RefCell<HashMap<String, Option<String>>> = RefCell::new(HashMap::new());
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(CaseList),
    Failed(String),
}

/// The queue page, showing what `query` asks for.
#[component]
pub fn Queue(session: Session, query: CaseListQuery) -> impl IntoView {
    let console = Console::get();
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let search = text(query.q.clone());
    let status = text(query.status.map(|s| wire_name(&s)));
    let kind = text(query.kind.map(|k| wire_name(&k)));
    let stage = text(query.stage.map(|s| u8::from(s).to_string()));
    let service = text(query.service.clone());
    let channel = text(query.channel.map(|c| wire_name(&c)));
    let assigned = RwSignal::new(
        if query.unassigned == Some(true) {
            "unassigned"
        } else if query
            .assigned_to
            .as_ref()
            .is_some_and(|o| o.0 == session.officer)
        {
            "me"
        } else {
            "anyone"
        }
        .to_owned(),
    );
    let received_from = text(query.received_from.map(|d| d.to_string()));
    let received_to = text(query.received_to.map(|d| d.to_string()));
    let errors = RwSignal::new(Vec::<FormError>::new());
    let services = RwSignal::new(Vec::<(String, String)>::new());
    {
        let council = session.council.clone();
        spawn_local(async move {
            if let Ok(view) = api::council(&council).await {
                services.set(view.services.into_iter().map(|s| (s.id, s.name)).collect());
            }
        });
    }
    // The counts come by a request of their own, after the page: they read every case's
    // queue entry, and the page must not wait behind them (on SQLite they hold its one
    // connection; on DynamoDB a large council's counts take seconds). The filters show
    // them when they arrive.
    let counts = RwSignal::new(None::<CaseCounts>);
    let cases = RwSignal::new(Load::Loading);
    {
        let (session, query) = (session.clone(), query.clone());
        spawn_local(async move {
            let listed = api::cases(&session, &query).await;
            let unauthenticated = matches!(&listed, Err(f) if f.is_unauthenticated());
            if !unauthenticated {
                let session = session.clone();
                spawn_local(async move { counts.set(api::case_counts(&session).await.ok()) });
            }
            match listed {
                Ok(list) => cases.set(Load::Loaded(list)),
                Err(failure) if failure.is_unauthenticated() => console.sign_out(),
                Err(failure) => {
                    // The filters stay as typed; the summary says what the API refused.
                    cases.set(Load::Failed(failure.message()));
                    show_errors(
                        errors,
                        vec![FormError {
                            target: None,
                            message: failure.message(),
                        }],
                    );
                }
            }
        });
    }
    let apply = {
        let (session, base) = (session.clone(), query.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut problems = Vec::new();
            let mut date = |id: &str, value: String, what: &str| {
                let value = value.trim().to_owned();
                if value.is_empty() {
                    return None;
                }
                match parse_iso_date(&value) {
                    Ok(date) => Some(date),
                    Err(_) => {
                        problems.push(FormError {
                            target: Some(id.to_owned()),
                            message: format!(
                                "Enter the date {what} as year-month-day, for example 2026-11-01"
                            ),
                        });
                        None
                    }
                }
            };
            let from = date(
                "filter-received-from",
                received_from.get_untracked(),
                "received from",
            );
            let to = date(
                "filter-received-to",
                received_to.get_untracked(),
                "received to",
            );
            if let (Some(from), Some(to)) = (from, to)
                && from > to
            {
                problems.push(FormError {
                    target: Some("filter-received-to".into()),
                    message:
                        "The date received to must be the same as or after the date received from"
                            .into(),
                });
            }
            if !problems.is_empty() {
                show_errors(errors, problems);
                return;
            }
            let assigned_now = assigned.get_untracked();
            let next = CaseListQuery {
                q: Some(search.get_untracked().trim().to_owned()).filter(|q| !q.is_empty()),
                status: from_wire_name(&status.get_untracked()),
                kind: from_wire_name(&kind.get_untracked()),
                stage: stage_from(&stage.get_untracked()),
                service: Some(service.get_untracked()).filter(|s| !s.is_empty()),
                channel: from_wire_name(&channel.get_untracked()),
                assigned_to: (assigned_now == "me").then(|| OfficerId(session.officer.clone())),
                unassigned: (assigned_now == "unassigned").then_some(true),
                received_from: from,
                received_to: to,
                // Kept from a link (the dashboard's), shown as tags above the table.
                due_before: base.due_before,
                overdue: base.overdue,
                sort: base.sort,
                order: base.order,
                limit: base.limit.clone(),
                cursor: None,
            };
            console.go(Route::Queue(next));
        }
    };
    let flash = console.flash.get_untracked();
    console.flash.set(None);
    let status_options = move || -> Vec<(String, String)> {
        let counts = counts.get();
        let open = counts.as_ref().map(|c| c.open);
        std::iter::once(("open".to_owned(), counted("Open (not finished)", open)))
            .chain(STATUSES.iter().map(|s| {
                let name = wire_name(&StatusFilter::from(*s));
                let n = counts.as_ref().map(|c| CaseCounts::of(&c.status, &name));
                (name, counted(s.label(Language::En), n))
            }))
            .collect()
    };
    let kind_options = move || -> Vec<(String, String)> {
        let counts = counts.get();
        Kind::ALL
            .iter()
            .map(|k| {
                let name = wire_name(k);
                let n = counts.as_ref().map(|c| CaseCounts::of(&c.kind, &name));
                (name, counted(k.label(Language::En), n))
            })
            .collect()
    };
    let stage_options = move || -> Vec<(String, String)> {
        let counts = counts.get();
        ["1", "2"]
            .iter()
            .map(|n| {
                let count = counts.as_ref().map(|c| CaseCounts::of(&c.stage, n));
                ((*n).to_owned(), counted(&format!("Stage {n}"), count))
            })
            .collect()
    };
    let overdue_link = {
        let query = query.clone();
        move || {
            counts.get().filter(|c| c.overdue > 0).map(|c| {
                let to = Route::Queue(CaseListQuery {
                    overdue: Some(true),
                    cursor: None,
                    ..query.clone()
                });
                view! {
                    <p class="govuk-body">
                        <Link to=to>{format!("Show the overdue cases ({})", c.overdue)}</Link>
                    </p>
                }
            })
        }
    };
    let assigned_radio = move |value: &'static str, words: &'static str| {
        let id = format!("filter-assigned-{value}");
        view! {
            <div class="govuk-radios__item">
                <input
                    class="govuk-radios__input"
                    id=id.clone()
                    name="filter-assigned"
                    type="radio"
                    value=value
                    prop:checked=move || assigned.get() == value
                    on:change=move |_| assigned.set(value.to_owned())
                />
                <label class="govuk-label govuk-radios__label" for=id>{words}</label>
            </div>
        }
    };
    let shown = query.clone();
    view! {
        {flash.map(|message| view! { <Banner message=message /> })}
        <ErrorSummary errors=errors />
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
                        <SelectedFilters query=shown.clone() />
                        {overdue_link}
                        <form class="moj-filter__options" on:submit=apply>
                            <button type="submit" class="govuk-button">"Apply filters"</button>
                            <TextInput id="filter-q".into() label="Search" hint="A reference, name, email address, phone number or words" value=search errors=errors />
                            {move || view! { <Choice id="filter-status" label="Status" value=status options=status_options() /> }}
                            {move || view! { <Choice id="filter-kind" label="Kind" value=kind options=kind_options() /> }}
                            {move || view! { <Choice id="filter-stage" label="Stage" value=stage options=stage_options() /> }}
                            {move || {
                                let mut options = services.get();
                                let current = service.get_untracked();
                                if !current.is_empty() && !options.iter().any(|(id, _)| *id == current) {
                                    options.push((current.clone(), current));
                                }
                                view! { <Choice id="filter-service" label="Service" value=service options=options /> }
                            }}
                            <Choice id="filter-channel" label="Channel" value=channel options=Channel::ALL.iter().map(|c| (wire_name(c), c.label().to_owned())).collect() />
                            <div class="govuk-form-group">
                                <fieldset class="govuk-fieldset">
                                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Assigned to"</legend>
                                    <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                                        {assigned_radio("anyone", "Anyone")}
                                        {assigned_radio("me", "Me")}
                                        {assigned_radio("unassigned", "Nobody (unassigned)")}
                                    </div>
                                </fieldset>
                            </div>
                            <TextInput id="filter-received-from".into() label="Received from" hint="For example, 2026-11-01" value=received_from errors=errors />
                            <TextInput id="filter-received-to".into() label="Received to" hint="For example, 2026-11-30" value=received_to errors=errors />
                        </form>
                    </div>
                </div>
            </div>
            <div class="moj-filter-layout__content">
                {move || match cases.get() {
                    Load::Loading => view! { <p class="govuk-body" role="status">"Loading cases…"</p> }.into_any(),
                    Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
                    Load::Loaded(list) if list.cases.is_empty() && query.cursor.is_none() => view! { <p class="govuk-body">"No cases match."</p> }.into_any(),
                    Load::Loaded(list) => view! { <CaseTable list=list query=query.clone() /> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// An option's words with its count, once the counts have come.
fn counted(words: &str, count: Option<u64>) -> String {
    match count {
        Some(n) => format!("{words} ({n})"),
        None => words.to_owned(),
    }
}

/// The filters that came with a link and have no control (overdue, due before), as MOJ
/// filter tags that remove them.
#[component]
fn SelectedFilters(query: CaseListQuery) -> impl IntoView {
    let mut tags = Vec::new();
    if let Some(overdue) = query.overdue {
        let without = CaseListQuery {
            overdue: None,
            cursor: None,
            ..query.clone()
        };
        tags.push((
            if overdue { "Overdue" } else { "Not overdue" }.to_owned(),
            without,
        ));
    }
    if let Some(before) = query.due_before {
        let without = CaseListQuery {
            due_before: None,
            cursor: None,
            ..query.clone()
        };
        tags.push((format!("Due by {}", short_date(before)), without));
    }
    (!tags.is_empty()).then(|| {
        view! {
            <div class="moj-filter__selected">
                <h2 class="govuk-heading-s">"Also filtered by"</h2>
                <ul class="moj-filter-tags">
                    {tags
                        .into_iter()
                        .map(|(words, without)| view! {
                            <li>
                                <Link to=Route::Queue(without) class="moj-filter__tag">
                                    <span class="govuk-visually-hidden">"Remove this filter "</span>
                                    {words}
                                </Link>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
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

/// A column header that sorts the queue by `sort`: a link to the same queue sorted by it
/// (or, if it already is, in the other order), with `aria-sort` saying how it is sorted.
#[component]
fn SortHeader(query: CaseListQuery, sort: CaseSort, label: &'static str) -> impl IntoView {
    let current = query.sort.unwrap_or_default();
    let order = query.order.unwrap_or(current.natural_order());
    let searching = query.q.as_deref().is_some_and(|q| !q.trim().is_empty());
    let aria = match (searching, current == sort, order) {
        (true, _, _) => "none",
        (false, true, SortOrder::Asc) => "ascending",
        (false, true, SortOrder::Desc) => "descending",
        (false, false, _) => "none",
    };
    let next_order = if current == sort && !searching {
        order.reversed()
    } else {
        sort.natural_order()
    };
    let to = Route::Queue(CaseListQuery {
        sort: Some(sort),
        order: Some(next_order),
        cursor: None,
        ..query
    });
    view! {
        <th scope="col" class="govuk-table__header" aria-sort=aria>
            <Link to=to class="govuk-link--no-visited-state">{label}</Link>
        </th>
    }
}

#[component]
fn CaseTable(list: CaseList, query: CaseListQuery) -> impl IntoView {
    let count = list.cases.len();
    let searching = query.q.as_deref().is_some_and(|q| !q.trim().is_empty());
    let this_cursor = query.cursor.clone();
    let next = list.next_cursor.clone().map(|cursor| {
        PREVIOUS.with(|p| p.borrow_mut().insert(cursor.clone(), this_cursor.clone()));
        Route::Queue(CaseListQuery {
            cursor: Some(cursor),
            ..query.clone()
        })
    });
    let previous = this_cursor.as_ref().map(|cursor| {
        let before = PREVIOUS.with(|p| p.borrow().get(cursor).cloned()).flatten();
        Route::Queue(CaseListQuery {
            cursor: before,
            ..query.clone()
        })
    });
    let header = |sort: CaseSort, label: &'static str| view! { <SortHeader query=query.clone() sort=sort label=label /> };
    // On a narrow screen the table scrolls sideways in its own pane, which the keyboard
    // can reach (MOJ's scrollable pane), rather than the page.
    view! {
        {searching.then(|| view! { <p class="govuk-body">"Search results, newest first."</p> })}
        <div class="moj-scrollable-pane" tabindex="0" role="region" aria-label="Cases">
        <table class="govuk-table" data-module="moj-sortable-table">
            <caption class="govuk-table__caption govuk-table__caption--m">
                {format!("{count} {} on this page", if count == 1 { "case" } else { "cases" })}
            </caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    {header(CaseSort::Reference, "Reference")}
                    {header(CaseSort::Kind, "Kind")}
                    {header(CaseSort::Service, "Service")}
                    {header(CaseSort::Status, "Status")}
                    {header(CaseSort::Received, "Received")}
                    {header(CaseSort::Deadline, "Next due")}
                    {header(CaseSort::Assigned, "Assigned to")}
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {list
                    .cases
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
                                <td class="govuk-table__cell">
                                    {case.assigned_to.map(|o| o.0).unwrap_or_else(|| "Nobody".into())}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        {(next.is_some() || previous.is_some()).then(|| view! {
            <nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of cases">
                {previous.map(|to| view! {
                    <div class="govuk-pagination__prev">
                        <Link to=to class="govuk-pagination__link">
                            <span class="govuk-pagination__link-title">"Previous"<span class="govuk-visually-hidden">" page"</span></span>
                        </Link>
                    </div>
                })}
                {next.map(|to| view! {
                    <div class="govuk-pagination__next">
                        <Link to=to class="govuk-pagination__link">
                            <span class="govuk-pagination__link-title">"Next"<span class="govuk-visually-hidden">" page"</span></span>
                        </Link>
                    </div>
                })}
            </nav>
        })}
    }
}
