//! The year's annual record (managers only): the self-assessment against the Code's
//! checklist, the service improvements made from learning, and the Ombudsman's annual
//! letter with the council's response, saved whole over the version read. Each
//! requirement the year's figures speak to starts with the system's suggestion, which the
//! manager confirms or changes; a refused save keeps everything typed.

use super::fields::{Banner, ErrorSummary, TextArea, TextInput, show_errors};
use super::{Link, today};
use crate::api::{self, Failure, Session};
use crate::forms::{self, FormError};
use crate::route::Route;
use feedback_shared::Field;
use feedback_shared::wire::{
    AnnualDraft, AnnualView, Assessment, Improvement, ImprovementStatus, OmbudsmanLetter,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's id prefix: the new improvement's controls are `annual-learning` and
/// `annual-officer`, the letter's response `annual-reason`, as the API names the fields.
const FORM: &str = "annual";

/// One requirement's answer as the form holds it.
#[derive(Clone, Copy)]
struct Answer {
    id: StoredValue<String>,
    compliant: RwSignal<String>,
    evidence: RwSignal<String>,
    actions: RwSignal<String>,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Loaded,
    Failed(String),
}

fn status_value(status: ImprovementStatus) -> &'static str {
    match status {
        ImprovementStatus::Proposed => "proposed",
        ImprovementStatus::InProgress => "in_progress",
        ImprovementStatus::Done => "done",
    }
}

fn status_from(value: &str) -> ImprovementStatus {
    match value {
        "in_progress" => ImprovementStatus::InProgress,
        "done" => ImprovementStatus::Done,
        _ => ImprovementStatus::Proposed,
    }
}

/// The checklist and record for the financial year starting in `year`.
#[component]
pub fn AnnualPage(session: Session, year: i32) -> impl IntoView {
    let console = super::Console::get();
    let errors = RwSignal::new(Vec::<FormError>::new());
    let state = RwSignal::new(Load::Loading);
    let view_data = RwSignal::new(None::<AnnualView>);
    let answers = RwSignal::new(Vec::<Answer>::new());
    let improvements = RwSignal::new(Vec::<Improvement>::new());
    let (description, owner, status, date) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("proposed".to_owned()),
        RwSignal::new(String::new()),
    );
    let (url, letter, response) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let version = RwSignal::new(None::<u64>);
    let saved = RwSignal::new(None::<String>);
    {
        let session = session.clone();
        spawn_local(async move {
            match api::annual(&session, year).await {
                Ok(view) => {
                    let list = view
                        .requirements
                        .iter()
                        .map(|r| {
                            let answer = r.answer.as_ref();
                            let suggested = r.suggestion.as_ref();
                            let compliant = match (answer.and_then(|a| a.compliant), suggested) {
                                (Some(true), _) => "yes",
                                (Some(false), _) => "no",
                                (None, Some(s)) if answer.is_none() && s.compliant => "yes",
                                (None, Some(_)) if answer.is_none() => "no",
                                _ => "",
                            };
                            let evidence = answer.map_or_else(
                                || suggested.map(|s| s.evidence.clone()).unwrap_or_default(),
                                |a| a.evidence.clone(),
                            );
                            Answer {
                                id: StoredValue::new(r.id.clone()),
                                compliant: RwSignal::new(compliant.to_owned()),
                                evidence: RwSignal::new(evidence),
                                actions: RwSignal::new(
                                    answer.map(|a| a.actions.clone()).unwrap_or_default(),
                                ),
                            }
                        })
                        .collect();
                    answers.set(list);
                    if let Some(record) = &view.record {
                        version.set(Some(record.version));
                        improvements.set(record.improvements.clone());
                        if let Some(l) = &record.ombudsman_letter {
                            url.set(l.url.clone().unwrap_or_default());
                            letter.set(l.text.clone());
                            response.set(l.response.clone());
                        }
                    }
                    view_data.set(Some(view));
                    state.set(Load::Loaded);
                }
                Err(f) if f.is_unauthenticated() => console.sign_out(),
                Err(f) => state.set(Load::Failed(f.message())),
            }
        });
    }
    let draft = move || {
        let mut list = improvements.get_untracked();
        if !description.get_untracked().trim().is_empty()
            || !owner.get_untracked().trim().is_empty()
        {
            list.push(Improvement {
                description: description.get_untracked(),
                from_case: None,
                service: None,
                status: status_from(&status.get_untracked()),
                owner: owner.get_untracked(),
                date: feedback_shared::wire::annual::parse_date(&date.get_untracked()),
            });
        }
        let letter_given = [url, letter, response]
            .iter()
            .any(|s| !s.get_untracked().trim().is_empty());
        AnnualDraft {
            assessment: answers
                .get_untracked()
                .iter()
                .map(|a| Assessment {
                    requirement: a.id.get_value(),
                    compliant: match a.compliant.get_untracked().as_str() {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    },
                    evidence: a.evidence.get_untracked(),
                    actions: a.actions.get_untracked(),
                })
                .collect(),
            improvements: list,
            ombudsman_letter: letter_given.then(|| OmbudsmanLetter {
                url: Some(url.get_untracked()).filter(|u| !u.trim().is_empty()),
                text: letter.get_untracked(),
                response: response.get_untracked(),
            }),
        }
    };
    let save = {
        let session = session.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.set(None);
            let draft = draft();
            match draft.parse() {
                Err(refused) => {
                    return show_errors(
                        errors,
                        vec![FormError {
                            target: None,
                            message: refused.to_string(),
                        }],
                    );
                }
                Ok(Err(found)) => {
                    return show_errors(errors, forms::from_field_errors(FORM, &found));
                }
                Ok(Ok(_)) => {}
            }
            let session = session.clone();
            spawn_local(async move {
                match api::save_annual(&session, year, version.get_untracked(), &draft).await {
                    Ok(record) => {
                        errors.set(Vec::new());
                        version.set(Some(record.version));
                        improvements.set(record.improvements.clone());
                        description.set(String::new());
                        owner.set(String::new());
                        date.set(String::new());
                        saved.set(Some(format!("The {year} record is saved")));
                        super::focus_later("main-heading");
                    }
                    Err(f) if f.is_unauthenticated() => console.sign_out(),
                    Err(Failure::Problem(p)) if p.status == 409 => show_errors(
                        errors,
                        vec![FormError {
                            target: None,
                            message: "Someone saved this year’s record since you opened it. Your answers are kept: open the page again in a new tab to see theirs before you save.".into(),
                        }],
                    ),
                    Err(Failure::Problem(p)) => show_errors(errors, forms::from_problem(FORM, &p)),
                    Err(f) => show_errors(
                        errors,
                        vec![FormError {
                            target: None,
                            message: f.message(),
                        }],
                    ),
                }
            });
        }
    };
    let title = format!(
        "Self-assessment and annual record, April {year} to March {}",
        year + 1
    );
    view! {
        {move || saved.get().map(|message| view! { <Banner message=message /> })}
        <ErrorSummary errors=errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{title}</h1>
        <p class="govuk-body">"What the Complaint Handling Code’s section 8 asks the annual report to hold beside the figures. Where the year’s figures speak to a requirement, the answer starts from what they suggest: check it and change it if it is wrong."</p>
        <OtherYears year=year />
        {move || match state.get() {
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading the checklist…"</p> }.into_any(),
            Load::Failed(message) => view! { <p class="govuk-body govuk-error-message" role="alert">{message}</p> }.into_any(),
            Load::Loaded => ().into_any(),
        }}
        <Show when=move || state.get() == Load::Loaded>
            <form novalidate on:submit=save.clone()>
                <h2 class="govuk-heading-m">"Self-assessment against the Code"</h2>
                {move || {
                    let view = view_data.get();
                    let requirements = view.map(|v| v.requirements).unwrap_or_default();
                    requirements.into_iter().zip(answers.get()).map(|(r, a)| {
                        let base = format!("{FORM}-{}", r.id);
                        let (yes, no) = (format!("{base}-yes"), format!("{base}-no"));
                        let suggestion = r.suggestion.clone().map(|s| view! {
                            <p class="govuk-hint">{format!("The figures suggest {}: {}", if s.compliant { "yes" } else { "no" }, s.evidence)}</p>
                        });
                        view! {
                            <div class="govuk-form-group">
                                <fieldset class="govuk-fieldset">
                                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{format!("{} {}", r.section, r.text)}</legend>
                                    {suggestion}
                                    <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
                                        <div class="govuk-radios__item">
                                            <input class="govuk-radios__input" id=yes.clone() name=format!("{base}-compliant") type="radio" value="yes"
                                                prop:checked=move || a.compliant.get() == "yes"
                                                on:change=move |_| a.compliant.set("yes".into()) />
                                            <label class="govuk-label govuk-radios__label" for=yes>"Compliant"</label>
                                        </div>
                                        <div class="govuk-radios__item">
                                            <input class="govuk-radios__input" id=no.clone() name=format!("{base}-compliant") type="radio" value="no"
                                                prop:checked=move || a.compliant.get() == "no"
                                                on:change=move |_| a.compliant.set("no".into()) />
                                            <label class="govuk-label govuk-radios__label" for=no>"Not compliant"</label>
                                        </div>
                                    </div>
                                    <TextArea id=format!("{base}-evidence") label="Evidence" value=a.evidence errors=errors rows=2 />
                                    <TextArea id=format!("{base}-actions") label="Actions (where the council falls short)" value=a.actions errors=errors rows=2 />
                                </fieldset>
                            </div>
                        }
                    }).collect_view()
                }}

                <h2 class="govuk-heading-m">"Service improvements made from learning"</h2>
                {move || {
                    let list = improvements.get();
                    if list.is_empty() {
                        return view! { <p class="govuk-body">"None recorded yet."</p> }.into_any();
                    }
                    view! {
                        <table class="govuk-table">
                            <caption class="govuk-table__caption govuk-table__caption--s">"Improvements saved"</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Improvement"</th>
                                    <th scope="col" class="govuk-table__header">"Owner"</th>
                                    <th scope="col" class="govuk-table__header">"Status"</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {list.into_iter().enumerate().map(|(n, i)| {
                                    let id = format!("{FORM}-improvement-{n}-status");
                                    let current = status_value(i.status);
                                    view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell">{i.description.clone()}</td>
                                            <td class="govuk-table__cell">{i.owner.clone()}</td>
                                            <td class="govuk-table__cell">
                                                <label class="govuk-label govuk-visually-hidden" for=id.clone()>{format!("Status of {}", i.description)}</label>
                                                <select class="govuk-select" id=id
                                                    on:change=move |ev| {
                                                        let value = status_from(&event_target_value(&ev));
                                                        improvements.update(|l| if let Some(i) = l.get_mut(n) { i.status = value; });
                                                    }>
                                                    {[("proposed", "Proposed"), ("in_progress", "In progress"), ("done", "Done")].into_iter().map(|(v, label)| view! {
                                                        <option value=v selected=current == v>{label}</option>
                                                    }).collect_view()}
                                                </select>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                <fieldset class="govuk-fieldset">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Add an improvement (optional)"</legend>
                    <TextArea id=forms::control_id(FORM, Field::Learning) label="What will change" value=description errors=errors rows=2 />
                    <TextInput id=forms::control_id(FORM, Field::Officer) label="Owner" hint="A person or team." value=owner errors=errors />
                    <div class="govuk-form-group">
                        <label class="govuk-label govuk-label--s" for="annual-status">"Status"</label>
                        <select class="govuk-select" id="annual-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="proposed" selected=true>"Proposed"</option>
                            <option value="in_progress">"In progress"</option>
                            <option value="done">"Done"</option>
                        </select>
                    </div>
                    <TextInput id="annual-due".to_owned() label="Date due or done (optional)" hint="For example, 2027-01-31." value=date errors=errors />
                </fieldset>

                <h2 class="govuk-heading-m">"The Ombudsman’s annual letter"</h2>
                <TextInput id="annual-url".to_owned() label="Where the letter is published" hint="Its web address, starting https://" value=url errors=errors />
                <TextArea id="annual-letter".to_owned() label="The letter’s text" hint="Paste it in: the report prints it." value=letter errors=errors rows=6 />
                <TextArea id=forms::control_id(FORM, Field::Reason) label="The council’s response" value=response errors=errors rows=6 />
                <button type="submit" class="govuk-button" id="annual-save">"Save the record"</button>
            </form>
        </Show>
    }
}

/// The financial year starting in April of the returned year, as of `today`.
fn current_year(today: time::Date) -> i32 {
    if today.month() >= time::Month::April {
        today.year()
    } else {
        today.year() - 1
    }
}

/// Links to the year before and (up to this one) the year after: last year's record is
/// what a manager compares with and completes late.
#[component]
fn OtherYears(year: i32) -> impl IntoView {
    let words = |y: i32| format!("April {y} to March {}", y + 1);
    let next = (year < current_year(today())).then(|| {
        view! { <li><Link to=Route::Annual(year + 1)>{words(year + 1)}</Link></li> }
    });
    view! {
        <nav aria-labelledby="annual-other-years">
            <h2 class="govuk-heading-s" id="annual-other-years">"Other years"</h2>
            <ul class="govuk-list">
                <li><Link to=Route::Annual(year - 1)>{words(year - 1)}</Link></li>
                {next}
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::current_year;
    use time::macros::date;

    #[test]
    fn the_financial_year_starts_on_1_april() {
        assert_eq!(current_year(date!(2027 - 03 - 31)), 2026);
        assert_eq!(current_year(date!(2027 - 04 - 01)), 2027);
        assert_eq!(current_year(date!(2026 - 11 - 29)), 2026);
    }
}
