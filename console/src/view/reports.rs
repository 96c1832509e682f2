//! The reports page (managers only): the annual report, a quarter of it or any dates,
//! its main figures side by side for every council of a partnership the manager manages,
//! and the whole report to download as CSV or as printable HTML.

use super::Console;
use super::fields::{ErrorSummary, TextInput, show_errors};
use crate::api::{Failure, Session};
use crate::figures;
use crate::forms::{FormError, message_for};
use feedback_shared::input::parse_iso_date;
use feedback_shared::report::{Period, Report};
use feedback_shared::wire::ReportQuery;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum Load {
    Idle,
    Loading,
    Loaded(Vec<Report>),
}

/// What the manager typed, checked: the report's query, or the errors to show.
fn query_from(
    year: &str,
    quarter: &str,
    from: &str,
    to: &str,
) -> Result<ReportQuery, Vec<FormError>> {
    let (from, to) = (from.trim(), to.trim());
    let error = |target: &str, message: &str| FormError {
        target: Some(target.to_owned()),
        message: message.to_owned(),
    };
    if !from.is_empty() || !to.is_empty() {
        let mut errors = Vec::new();
        let parse = |raw: &str, id: &str, name: &str, errors: &mut Vec<FormError>| {
            if raw.is_empty() {
                errors.push(error(
                    id,
                    &format!("Enter the {name} date, for example 2026-04-01"),
                ));
                None
            } else {
                parse_iso_date(raw)
                    .map_err(|_| {
                        errors.push(error(
                            id,
                            &format!("The {name} date must be a real date, for example 2026-04-01"),
                        ))
                    })
                    .ok()
            }
        };
        let start = parse(from, "report-from", "start", &mut errors);
        let end = parse(to, "report-to", "end", &mut errors);
        if let (Some(start), Some(end)) = (start, end)
            && let Err(e) = Period::new(start, end)
        {
            errors.push(error("report-to", &crate::forms::sentence(&e.to_string())));
        }
        return if errors.is_empty() {
            Ok(ReportQuery {
                from: Some(from.to_owned()),
                to: Some(to.to_owned()),
                ..ReportQuery::default()
            })
        } else {
            Err(errors)
        };
    }
    let year = match year.trim().parse::<i32>() {
        Ok(year) if (2000..=2100).contains(&year) => year,
        _ => {
            return Err(vec![error(
                "report-year",
                "Enter the year the financial year starts in, for example 2026",
            )]);
        }
    };
    Ok(ReportQuery {
        year: Some(year),
        quarter: quarter.parse().ok(),
        ..ReportQuery::default()
    })
}

/// The file a download is saved as: the council and the period.
fn file_name(council: &str, report: Option<&Report>, format: &str) -> String {
    // The Welsh and Scottish returns are CSV files named for what they are.
    let (what, extension) = match format {
        "wcsa" => ("wcsa-return", "csv"),
        "spso" => ("spso-indicators", "csv"),
        other => ("complaints-report", other),
    };
    match report {
        Some(r) => format!(
            "{council}-{what}-{}-to-{}.{extension}",
            r.period.from, r.period.to
        ),
        None => format!("{council}-{what}.{extension}"),
    }
}

/// The reports page.
#[component]
pub fn ReportsPage(session: Session) -> impl IntoView {
    let console = Console::get();
    let today = super::today();
    let start_year = Period::financial_year_of(today)
        .map(|p| p.from.year())
        .unwrap_or(today.year());
    let year = RwSignal::new(start_year.to_string());
    let quarter = RwSignal::new(String::new());
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let errors = RwSignal::new(Vec::<FormError>::new());
    let reports = RwSignal::new(Load::Idle);
    let shown = RwSignal::new(None::<ReportQuery>);
    // The partnership, if the council is in one and the manager works for other councils.
    let partnership = RwSignal::new(None::<String>);
    let fail = move |failure: Failure| {
        if failure.is_unauthenticated() {
            console.sign_out();
        } else {
            show_errors(
                errors,
                vec![FormError {
                    target: None,
                    message: failure.message(),
                }],
            );
        }
    };
    let show = {
        let session = session.clone();
        move |query: ReportQuery| {
            let session = session.clone();
            reports.set(Load::Loading);
            spawn_local(async move {
                let result = match partnership.get_untracked() {
                    Some(p) => figures::partnership_report(&session, &p, &query).await,
                    None => figures::report(&session, &query).await.map(|r| vec![r]),
                };
                match result {
                    Ok(list) => {
                        errors.set(Vec::new());
                        shown.set(Some(query));
                        reports.set(Load::Loaded(list));
                    }
                    Err(f) => {
                        reports.set(Load::Idle);
                        fail(f);
                    }
                }
            });
        }
    };
    {
        let session = session.clone();
        let show = show.clone();
        spawn_local(async move {
            if session.councils.len() > 1
                && let Ok(config) = figures::configuration(&session).await
            {
                partnership.set(config["partnership"].as_str().map(str::to_owned));
            }
            show(ReportQuery {
                year: Some(start_year),
                ..ReportQuery::default()
            });
        });
    }
    let submit = {
        let show = show.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match query_from(
                &year.get_untracked(),
                &quarter.get_untracked(),
                &from.get_untracked(),
                &to.get_untracked(),
            ) {
                Ok(query) => show(query),
                Err(list) => show_errors(errors, list),
            }
        }
    };
    let download = {
        let session = session.clone();
        move |format: &'static str| {
            let session = session.clone();
            let Some(query) = shown.get_untracked() else {
                return;
            };
            let first = match reports.get_untracked() {
                Load::Loaded(list) => list.into_iter().find(|r| r.council == session.council),
                _ => None,
            };
            let name = file_name(&session.council, first.as_ref(), format);
            spawn_local(async move {
                if let Err(f) = figures::download_report(&session, &query, format, &name).await {
                    fail(f);
                }
            });
        }
    };
    let download_html = download.clone();
    let download_returns = download.clone();
    let quarter_error = move || message_for(&errors.get(), "report-quarter");
    view! {
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Reports"</h1>
        <p class="govuk-body">"The annual complaints performance and service improvement report, for a financial year, a quarter of it, or any dates."</p>
        <p class="govuk-body">
            <super::Link to=crate::route::Route::Annual(start_year)>{format!("Self-assessment and annual record for April {start_year} to March {}", start_year + 1)}</super::Link>
        </p>
        <form novalidate on:submit=submit>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-one-half">
                    <TextInput id="report-year".into() label="Financial year starting in" hint="For example, 2026 for April 2026 to March 2027" value=year errors=errors />
                    <div class="govuk-form-group">
                        <label class="govuk-label govuk-label--s" for="report-quarter">"Quarter"</label>
                        {move || quarter_error().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                        <select class="govuk-select" id="report-quarter" name="report-quarter" on:change=move |ev| quarter.set(event_target_value(&ev))>
                            <option value="" selected=move || quarter.get().is_empty()>"The whole year"</option>
                            <option value="1" selected=move || quarter.get() == "1">"April to June"</option>
                            <option value="2" selected=move || quarter.get() == "2">"July to September"</option>
                            <option value="3" selected=move || quarter.get() == "3">"October to December"</option>
                            <option value="4" selected=move || quarter.get() == "4">"January to March"</option>
                        </select>
                    </div>
                </div>
                <div class="govuk-grid-column-one-half">
                    <TextInput id="report-from".into() label="Or from" hint="Any dates instead, for example 2026-04-01" value=from errors=errors />
                    <TextInput id="report-to".into() label="To" hint="For example, 2026-06-30" value=to errors=errors />
                </div>
            </div>
            <button type="submit" class="govuk-button">"Show report"</button>
        </form>
        {move || match reports.get() {
            Load::Idle => ().into_any(),
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading the report…"</p> }.into_any(),
            Load::Loaded(list) => {
                let download = download.clone();
                let download_html = download_html.clone();
                let (wcsa, spso) = (download_returns.clone(), download_returns.clone());
                view! {
                    <ReportTable reports=list />
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button govuk-button--secondary" id="download-csv" on:click=move |_| download("csv")>"Download CSV"</button>
                        <button type="button" class="govuk-button govuk-button--secondary" id="download-html" on:click=move |_| download_html("html")>"Download printable report (HTML)"</button>
                    </div>
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button govuk-button--secondary" id="download-wcsa" on:click=move |_| wcsa("wcsa")>"Download the Welsh quarterly return (CSV)"</button>
                        <button type="button" class="govuk-button govuk-button--secondary" id="download-spso" on:click=move |_| spso("spso")>"Download the SPSO indicators (CSV)"</button>
                    </div>
                }.into_any()
            }
        }}
    }
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "None".to_owned(), |p| format!("{p}%"))
}

fn days(value: Option<f64>) -> String {
    value.map_or_else(|| "None".to_owned(), |d| d.to_string())
}

/// The main figures, a column per council.
#[component]
fn ReportTable(reports: Vec<Report>) -> impl IntoView {
    let period = reports
        .first()
        .map(|r| {
            format!(
                "{} to {}",
                crate::deadline::short_date(r.period.from),
                crate::deadline::short_date(r.period.to)
            )
        })
        .unwrap_or_default();
    type Figure = (&'static str, fn(&Report) -> String);
    let figures: [Figure; 14] = [
        ("Feedback received", |r| r.volumes.total.to_string()),
        ("Complaints at stage 1", |r| r.volumes.stage1.to_string()),
        ("Escalated to stage 2", |r| r.volumes.stage2.to_string()),
        ("Stage 1 responses", |r| r.stages[0].responses.to_string()),
        ("Stage 1 within the Code’s time", |r| {
            percent(r.stages[0].percent_within_timescale)
        }),
        ("Stage 1 mean working days to respond", |r| {
            days(r.stages[0].mean_working_days_to_respond)
        }),
        ("Stage 2 responses", |r| r.stages[1].responses.to_string()),
        ("Stage 2 within the Code’s time", |r| {
            percent(r.stages[1].percent_within_timescale)
        }),
        ("Stage 2 mean working days to respond", |r| {
            days(r.stages[1].mean_working_days_to_respond)
        }),
        ("Escalation rate", |r| percent(r.escalation.rate_percent)),
        ("Ombudsman referrals", |r| r.ombudsman.referrals.to_string()),
        ("Through an MP or councillor", |r| {
            r.volumes.mp_or_councillor.to_string()
        }),
        // Suppressed in the report itself: 1 to 4 arrive as none.
        ("Equality monitoring responses", |r| {
            r.equality
                .responses
                .map_or_else(|| "Fewer than 5".to_owned(), |n| n.to_string())
        }),
        ("Equality monitoring response rate", |r| {
            match r.equality.responses {
                Some(_) => percent(r.equality.response_rate_percent),
                None => "Not shown".to_owned(),
            }
        }),
    ];
    let caption = if reports.len() > 1 {
        "The partnership side by side"
    } else {
        "The main figures"
    };
    view! {
        <div class="moj-scrollable-pane" tabindex="0" role="region" aria-label="Report">
        <table class="govuk-table" id="report-figures">
            <caption class="govuk-table__caption govuk-table__caption--m">
                {caption}
                <span class="govuk-caption-m">{period}</span>
            </caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Figure"</th>
                    {reports.iter().map(|r| view! {
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{r.council_name.clone()}</th>
                    }).collect_view()}
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {figures.iter().map(|(name, value)| view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{*name}</th>
                        {reports.iter().map(|r| view! {
                            <td class="govuk-table__cell govuk-table__cell--numeric">{value(r)}</td>
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <p class="govuk-body">"The downloads hold the whole report: volumes by kind, channel and service, outcomes, remedies, refusals, learning, and equality monitoring by question and answer."</p>
        <p class="govuk-body">"Equality answers are kept by calendar year only, so the equality figures count every calendar year the period touches, and the rate compares them with the feedback received in those years."</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_a_quarter_or_dates_become_the_query() {
        assert_eq!(
            query_from("2026", "3", "", ""),
            Ok(ReportQuery {
                year: Some(2026),
                quarter: Some(3),
                ..ReportQuery::default()
            })
        );
        assert_eq!(
            query_from("2026", "", " 2026-04-01 ", "2026-06-30"),
            Ok(ReportQuery {
                from: Some("2026-04-01".into()),
                to: Some("2026-06-30".into()),
                ..ReportQuery::default()
            })
        );
        let targets = |r: Result<ReportQuery, Vec<FormError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| e.target.unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(targets(query_from("twenty", "", "", "")), ["report-year"]);
        assert_eq!(
            targets(query_from("2026", "", "2026-04-01", "")),
            ["report-to"]
        );
        assert_eq!(
            targets(query_from("2026", "", "2026-13-01", "2026-02-30")),
            ["report-from", "report-to"]
        );
        assert_eq!(
            targets(query_from("2026", "", "2026-06-30", "2026-04-01")),
            ["report-to"]
        );
    }
}
