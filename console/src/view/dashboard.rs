//! The dashboard: open cases by stage and status, what is due this week and overdue, this
//! quarter's and the year's timeliness, and the messages that could not be delivered,
//! each with a Retry button. Every count links to the queue filtered to its cases, with
//! the list route's own query parameters (`/console/?overdue=true`).

use super::Console;
use super::fields::Banner;
use crate::api::Session;
use crate::deadline::short_date;
use crate::figures;
use crate::route::{Route, wire_name};
use feedback_shared::Language;
use feedback_shared::london::to_london;
use feedback_shared::report::{Period, StageFigures};
use feedback_shared::wire::{CaseListQuery, Dashboard, Timeliness, UndeliveredMessage};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum Load<T> {
    Loading,
    Loaded(T),
    Failed(String),
}

/// The queue's address for `query`: its set filters, by their API names (the queue's
/// own [`Route::path`]).
pub fn queue_href(query: &CaseListQuery) -> String {
    Route::Queue(query.clone()).path()
}

/// A count linking to the queue of its cases, followed without reloading. `hidden` ends
/// the link's words for screen readers where the count stands alone on screen.
#[component]
fn QueueLink(
    query: CaseListQuery,
    count: u32,
    #[prop(optional)] hidden: &'static str,
) -> impl IntoView {
    let console = Console::get();
    let href = queue_href(&query);
    let to = query;
    view! {
        <a
            class="govuk-link"
            href=href
            on:click=move |ev: leptos::ev::MouseEvent| {
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                console.go(Route::Queue(to.clone()));
            }
        >
            {count}
            {(!hidden.is_empty()).then(|| view! { <span class="govuk-visually-hidden">{hidden}</span> })}
        </a>
    }
}

/// The dashboard page.
#[component]
pub fn DashboardPage(session: Session) -> impl IntoView {
    let console = Console::get();
    let figures_load = RwSignal::new(Load::<Dashboard>::Loading);
    let messages = RwSignal::new(Load::<Vec<UndeliveredMessage>>::Loading);
    let banner = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let load = {
        let session = session.clone();
        move || {
            let session = session.clone();
            spawn_local(async move {
                match figures::dashboard(&session).await {
                    Ok(d) => figures_load.set(Load::Loaded(d)),
                    Err(f) if f.is_unauthenticated() => console.sign_out(),
                    Err(f) => figures_load.set(Load::Failed(f.message())),
                }
                match figures::undelivered(&session).await {
                    Ok(list) => messages.set(Load::Loaded(list)),
                    Err(f) if f.is_unauthenticated() => console.sign_out(),
                    Err(f) => messages.set(Load::Failed(f.message())),
                }
            });
        }
    };
    load();
    let retry = {
        let session = session.clone();
        move |message: UndeliveredMessage| {
            let session = session.clone();
            spawn_local(async move {
                match figures::retry(&session, &message.id).await {
                    Ok(()) => {
                        failure.set(None);
                        messages.update(|m| {
                            if let Load::Loaded(list) = m {
                                list.retain(|x| x.id != message.id);
                            }
                        });
                        banner.set(Some(format!(
                            "“{}” will be sent again within a few minutes.",
                            message.subject
                        )));
                        super::focus_later("banner-title");
                    }
                    Err(f) if f.is_unauthenticated() => console.sign_out(),
                    Err(f) => {
                        failure.set(Some(f.message()));
                        super::focus_later("retry-failure");
                    }
                }
            });
        }
    };
    view! {
        {move || banner.get().map(|message| view! { <Banner message=message /> })}
        {move || failure.get().map(|message| view! {
            <div class="govuk-error-summary" id="retry-failure" tabindex="-1">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body"><p class="govuk-body">{message}</p></div>
                </div>
            </div>
        })}
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Dashboard"</h1>
        {move || match figures_load.get() {
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading figures…"</p> }.into_any(),
            Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Load::Loaded(d) => view! { <Figures dashboard=d /> }.into_any(),
        }}
        <h2 class="govuk-heading-m" id="undelivered">"Messages that could not be delivered"</h2>
        {move || match messages.get() {
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading messages…"</p> }.into_any(),
            Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Load::Loaded(list) if list.is_empty() => view! { <p class="govuk-body">"Every message has been delivered."</p> }.into_any(),
            Load::Loaded(list) => view! { <Undelivered list=list retry=retry.clone() /> }.into_any(),
        }}
    }
}

/// The figures, once loaded.
#[component]
fn Figures(dashboard: Dashboard) -> impl IntoView {
    let Dashboard {
        today,
        open,
        due_this_week,
        overdue,
        quarter,
        year_to_date,
        undelivered,
    } = dashboard;
    let statuses = open
        .first()
        .map(|row| row.by_status.iter().map(|c| c.status).collect::<Vec<_>>())
        .unwrap_or_default();
    view! {
        <p class="govuk-body">{format!("Figures for {}.", short_date(today))}</p>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-third">
                <h2 class="govuk-heading-s">"Overdue"</h2>
                <p class="govuk-heading-xl" id="figure-overdue">
                    <QueueLink query=overdue.query count=overdue.count hidden=" overdue" />
                </p>
            </div>
            <div class="govuk-grid-column-one-third">
                <h2 class="govuk-heading-s">"Due this week"</h2>
                <p class="govuk-heading-xl" id="figure-due-this-week">
                    <QueueLink query=due_this_week.query count=due_this_week.count hidden=" due this week" />
                </p>
            </div>
            <div class="govuk-grid-column-one-third">
                <h2 class="govuk-heading-s">"Undelivered messages"</h2>
                <p class="govuk-heading-xl">
                    <a class="govuk-link" href="#undelivered">
                        {undelivered}
                        <span class="govuk-visually-hidden">" undelivered messages"</span>
                    </a>
                </p>
            </div>
        </div>
        <div class="moj-scrollable-pane" tabindex="0" role="region" aria-label="Open cases">
        <table class="govuk-table" id="open-cases">
            <caption class="govuk-table__caption govuk-table__caption--m">"Open cases"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Cases"</th>
                    {statuses.iter().map(|s| view! {
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{s.label(Language::En)}</th>
                    }).collect_view()}
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {open.into_iter().map(|row| {
                    let name = match (row.stage, row.kind) {
                        (Some(stage), _) => format!("Stage {} complaints", u8::from(stage)),
                        (None, Some(kind)) => plural(kind.label(Language::En)),
                        (None, None) => "Other".to_owned(),
                    };
                    view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{name}</th>
                            {row.by_status.into_iter().map(|c| view! {
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-status=wire_name(&c.status)>
                                    <QueueLink query=c.query count=c.count />
                                </td>
                            }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <TimelinessTable caption="This quarter" id="timeliness-quarter" figures=quarter />
        <TimelinessTable caption="This financial year to date" id="timeliness-year" figures=year_to_date />
    }
}

/// "Comment" → "Comments", for row headers.
fn plural(label: &str) -> String {
    format!("{label}s")
}

fn period_words(period: &Period) -> String {
    format!("{} to {}", short_date(period.from), short_date(period.to))
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "No responses".to_owned(), |p| format!("{p}%"))
}

/// Responses within the Code's time at each stage, and escalations, over a period.
#[component]
fn TimelinessTable(caption: &'static str, id: &'static str, figures: Timeliness) -> impl IntoView {
    let row = |f: &StageFigures| {
        view! {
            <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">{format!("Stage {}", f.stage)}</th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{f.responses}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{percent(f.percent_within_timescale)}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{f.within_extension}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{f.late}</td>
            </tr>
        }
    };
    let escalation = &figures.escalation;
    let escalation_words = format!(
        "Escalation rate: {} ({} of {} stage 1 responses escalated to stage 2).",
        escalation
            .rate_percent
            .map_or_else(|| "none yet".to_owned(), |p| format!("{p}%")),
        escalation.escalations,
        escalation.stage1_responses
    );
    view! {
        <div class="moj-scrollable-pane" tabindex="0" role="region" aria-label=caption>
        <table class="govuk-table" id=id>
            <caption class="govuk-table__caption govuk-table__caption--m">
                {caption}
                <span class="govuk-caption-m">{period_words(&figures.period)}</span>
            </caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Stage"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Responses"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Within the Code’s time"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Within an extension"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Late"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {figures.stages.iter().map(row).collect_view()}
            </tbody>
        </table>
        </div>
        <p class="govuk-body">{escalation_words}</p>
    }
}

/// The undelivered messages, each with a Retry button.
#[component]
fn Undelivered<F>(list: Vec<UndeliveredMessage>, retry: F) -> impl IntoView
where
    F: Fn(UndeliveredMessage) + Clone + Send + Sync + 'static,
{
    view! {
        <div class="moj-scrollable-pane" tabindex="0" role="region" aria-label="Undelivered messages">
        <table class="govuk-table" id="undelivered-messages">
            <caption class="govuk-table__caption govuk-table__caption--s">
                {format!("{} {}", list.len(), if list.len() == 1 { "message" } else { "messages" })}
            </caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"To"</th>
                    <th scope="col" class="govuk-table__header">"Subject"</th>
                    <th scope="col" class="govuk-table__header">"Why it failed"</th>
                    <th scope="col" class="govuk-table__header">"Given up"</th>
                    <th scope="col" class="govuk-table__header">"Action"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {list.into_iter().map(|message| {
                    let retry = retry.clone();
                    let when = to_london(message.given_up_at);
                    let label = format!("Retry “{}” to {}", message.subject, message.to.join(", "));
                    let this = message.clone();
                    view! {
                        <tr class="govuk-table__row" data-id=message.id.clone()>
                            <td class="govuk-table__cell">{message.to.join(", ")}</td>
                            <td class="govuk-table__cell">
                                {message.subject.clone()}
                                {message.reference.clone().map(|r| view! { <br /><span class="govuk-body-s">{r}</span> })}
                            </td>
                            <td class="govuk-table__cell">
                                {message.reason.clone()}
                                <br />
                                <span class="govuk-body-s">{format!("after {} attempts", message.attempts)}</span>
                            </td>
                            <td class="govuk-table__cell">
                                {format!("{} {:02}:{:02}", short_date(when.date()), when.hour(), when.minute())}
                            </td>
                            <td class="govuk-table__cell">
                                <button
                                    type="button"
                                    class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                                    aria-label=label
                                    on:click=move |_| retry(this.clone())
                                >
                                    "Retry"
                                </button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::queue_href;
    use feedback_shared::Stage;
    use feedback_shared::case::Status;
    use feedback_shared::wire::CaseListQuery;
    use time::macros::date;

    #[test]
    fn a_figure_links_to_the_queue_with_the_api_names() {
        assert_eq!(queue_href(&CaseListQuery::default()), "/console/");
        let open = CaseListQuery {
            status: Some(Status::Received.into()),
            stage: Some(Stage::One),
            ..CaseListQuery::default()
        };
        assert_eq!(queue_href(&open), "/console/?status=received&stage=1");
        let week = CaseListQuery {
            due_before: Some(date!(2026 - 11 - 29)),
            overdue: Some(false),
            ..CaseListQuery::default()
        };
        assert_eq!(
            queue_href(&week),
            "/console/?due_before=2026-11-29&overdue=false"
        );
    }
}
