//! The case page's "Promised actions" (Code 6.6): what a response promised, whose it is,
//! when it is due and whether it is done; the forms to add one, to complete one with a
//! note, and for a complaints manager to close the case while some are still open, with
//! a reason. Each form is parsed by the shared crate's parsers and sent as the other
//! action forms are, so a failed request keeps what was typed.

use super::{Acting, Load, send};
use crate::api::Session;
use crate::deadline::long_date;
use crate::forms::{DateParts, control_id};
use crate::view::fields::{DateInput, TextArea, TextInput};
use crate::view::today;
use feedback_shared::case::{Action, Case, PromisedAction, Status};
use feedback_shared::input::{LongText, PastDate, ShortText};
use feedback_shared::{Field, FieldErrors, Kind, OfficerId, Reference};
use leptos::prelude::*;
use time::Date;

/// An action promised: what, whose (an officer id) and by when (any real date; the
/// server refuses one already passed).
fn promise(description: &str, owner: &str, due: &DateParts) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    let description = errors.take(LongText::parse(Field::OutstandingActions, description));
    let owner = errors.take(ShortText::parse(Field::Officer, owner));
    let due = errors.take(
        PastDate::parse_parts(Field::Date, &due.day, &due.month, &due.year, Date::MAX)
            .map(PastDate::date),
    );
    match (description, owner, due) {
        (Some(description), Some(owner), Some(due)) if errors.is_empty() => {
            Ok(Action::PromiseAction {
                description,
                owner: OfficerId(owner.as_str().to_owned()),
                due,
            })
        }
        _ => Err(errors),
    }
}

/// Promised action `id` done, with a note, on `on` (today or earlier).
fn complete(id: u32, note: &str, on: &DateParts, today: Date) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    let note = errors.take(LongText::parse(Field::Note, note));
    let on = errors.take(
        PastDate::parse_parts(Field::Date, &on.day, &on.month, &on.year, today).map(PastDate::date),
    );
    match (note, on) {
        (Some(note), Some(on)) if errors.is_empty() => Ok(Action::CompleteAction {
            id,
            note,
            on: Some(on),
        }),
        _ => Err(errors),
    }
}

/// A manager closes the case with actions open, saying why.
fn close_overriding(reason: &str, on: &DateParts, today: Date) -> Result<Action, FieldErrors> {
    let mut errors = FieldErrors::default();
    let reason = errors.take(LongText::parse(Field::Reason, reason));
    let on = errors.take(
        PastDate::parse_parts(Field::Date, &on.day, &on.month, &on.year, today).map(PastDate::date),
    );
    match (reason, on) {
        (Some(reason), Some(on)) if errors.is_empty() => Ok(Action::CloseOverridingActions {
            reason,
            on: Some(on),
        }),
        _ => Err(errors),
    }
}

/// The timeline's title and words for a promised-action event.
pub(super) fn describe(action: &Action) -> Option<(String, String)> {
    Some(match action {
        Action::PromiseAction {
            description,
            owner,
            due,
        } => (
            "Action promised".into(),
            format!("{description} (for {owner}, by {})", long_date(*due)),
        ),
        Action::CompleteAction { id, note, .. } => {
            (format!("Promised action {id} completed"), note.to_string())
        }
        Action::CloseOverridingActions { reason, .. } => (
            "Closed with promised actions open".into(),
            reason.to_string(),
        ),
        _ => return None,
    })
}

/// Whether promised actions belong on this case's page: a complaint once answered.
fn has_response(case: &Case) -> bool {
    [&case.stage1, &case.stage2]
        .into_iter()
        .flatten()
        .any(|s| s.response.is_some())
}

/// One action's standing, as a GOV.UK tag.
fn standing(action: &PromisedAction, today: Date) -> impl IntoView + use<> {
    let (class, words) = match &action.completed {
        Some(done) => (
            "govuk-tag govuk-tag--green",
            format!("Done on {}", long_date(done.on)),
        ),
        None if action.due < today => ("govuk-tag govuk-tag--red", "Overdue".to_owned()),
        None => ("govuk-tag govuk-tag--blue", "Open".to_owned()),
    };
    view! { <strong class=class>{words}</strong> }
}

/// The table of promised actions.
#[component]
fn ActionTable(actions: Vec<PromisedAction>) -> impl IntoView {
    let today = today();
    view! {
        <table class="govuk-table" id="promised-actions">
            <caption class="govuk-table__caption govuk-visually-hidden">"Actions promised in responses"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Number"</th>
                    <th scope="col" class="govuk-table__header">"Action"</th>
                    <th scope="col" class="govuk-table__header">"Owner"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {actions.into_iter().map(|a| {
                    let note = a.completed.as_ref().map(|c| format!("{} ({})", c.note, c.by));
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{a.id}</td>
                            <td class="govuk-table__cell">
                                {a.description.clone()}
                                {note.map(|n| view! { <p class="govuk-body-s govuk-!-margin-bottom-0">{n}</p> })}
                            </td>
                            <td class="govuk-table__cell">{a.owner.to_string()}</td>
                            <td class="govuk-table__cell">{long_date(a.due)}</td>
                            <td class="govuk-table__cell">{standing(&a, today)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The section, with its forms. Drawn once, so what is typed survives a failed send.
#[component]
pub(super) fn PromisedActions(
    acting: Acting,
    session: Session,
    reference: Reference,
) -> impl IntoView {
    let case = move || match acting.detail.get() {
        Load::Loaded(detail) if detail.case.kind == Kind::Complaint => Some(detail.case),
        _ => None,
    };
    let shown = move || case().is_some_and(|c| has_response(&c) || !c.promised.is_empty());
    let open = move || {
        case()
            .map(|c| c.open_actions().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let unfinished = move || case().is_some_and(|c| !c.status.is_finished());
    let responded = move || case().is_some_and(|c| c.status == Status::Responded);
    let manager = session.is_manager();
    let errors = acting.errors;

    let description = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(DateParts::default());
    let on_promise = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed = promise(
                &description.get_untracked(),
                &owner.get_untracked(),
                &due.get_untracked(),
            );
            send(
                acting,
                session.clone(),
                reference.clone(),
                "promise",
                parsed,
                "Promised action added",
                move || {
                    description.set(String::new());
                    owner.set(String::new());
                    due.set(DateParts::default());
                },
            );
        }
    };

    let which = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let done_on = RwSignal::new(DateParts::of(today()));
    let on_complete = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // The first open action until the officer picks another.
            let first = open().first().map(|a| a.id);
            let id = which.get_untracked().parse::<u32>().ok().or(first);
            let Some(id) = id else {
                return;
            };
            let parsed = complete(id, &note.get_untracked(), &done_on.get_untracked(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "complete",
                parsed,
                "Promised action completed",
                move || {
                    note.set(String::new());
                    which.set(String::new());
                },
            );
        }
    };

    let reason = RwSignal::new(String::new());
    let closed_on = RwSignal::new(DateParts::of(today()));
    let on_override = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed =
                close_overriding(&reason.get_untracked(), &closed_on.get_untracked(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "override",
                parsed,
                "Case closed with promised actions open",
                move || reason.set(String::new()),
            );
        }
    };
    let select_id = "complete-action";

    view! {
        <Show when=shown>
            <h2 class="govuk-heading-m" id="promised-heading">"Promised actions"</h2>
            {move || {
                let actions = case().map(|c| c.promised).unwrap_or_default();
                if actions.is_empty() {
                    view! { <p class="govuk-body">"No actions have been promised on this case."</p> }.into_any()
                } else {
                    view! { <ActionTable actions=actions /> }.into_any()
                }
            }}
        </Show>
        <Show when=move || shown() && unfinished()>
                <form novalidate on:submit=on_promise.clone()>
                    <h3 class="govuk-heading-s">"Add a promised action"</h3>
                    <TextArea id=control_id("promise", Field::OutstandingActions) label="What was promised" hint="What will be done, as the resident was told. The resident is sent these words when all are done." value=description errors=errors rows=3 />
                    <TextInput id=control_id("promise", Field::Officer) label="Owner" hint="The officer's id, like ben-morgan: they are reminded before and on the due date" value=owner errors=errors />
                    <DateInput form="promise" legend="Due by" value=due errors=errors />
                    <button type="submit" class="govuk-button govuk-button--secondary">"Add the action"</button>
                </form>
        </Show>
        <Show when=move || !open().is_empty()>
                <form novalidate on:submit=on_complete.clone()>
                    <h3 class="govuk-heading-s">"Complete a promised action"</h3>
                    <div class="govuk-form-group">
                        <label class="govuk-label govuk-label--s" for=select_id>"Action"</label>
                        <select class="govuk-select" id=select_id name=select_id on:change=move |ev| which.set(event_target_value(&ev))>
                            {move || open().into_iter().map(|a| {
                                let value = a.id.to_string();
                                let this = value.clone();
                                view! {
                                    <option value=value selected=move || which.get() == this>
                                        {format!("{}: {}", a.id, a.description)}
                                    </option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                    <TextArea id=control_id("complete", Field::Note) label="What was done" hint="For the case record. When it is the last open action, the resident is told all are done." value=note errors=errors rows=3 />
                    <DateInput form="complete" legend="Completed on" value=done_on errors=errors />
                    <button type="submit" class="govuk-button govuk-button--secondary">"Complete the action"</button>
                </form>
        </Show>
        <Show when=move || responded() && !open().is_empty()>
                {if manager {
                    view! {
                        <form novalidate on:submit=on_override.clone()>
                            <h3 class="govuk-heading-s">"Close with promised actions open"</h3>
                            <div class="govuk-inset-text">"The case cannot be closed while promised actions are open. As a complaints manager you can close it anyway: the actions stay open and reminded, and your reason goes on the timeline."</div>
                            <TextArea id=control_id("override", Field::Reason) label="Why close it now" value=reason errors=errors rows=3 />
                            <DateInput form="override" legend="Closed on" value=closed_on errors=errors />
                            <button type="submit" class="govuk-button govuk-button--warning">"Close with actions open"</button>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <div class="govuk-inset-text" id="override-note">"The case cannot be closed while promised actions are open. Only a complaints manager can close it before they are done."</div>
                    }.into_any()
                }}
        </Show>
    }
}

/// Errors to show for a form's fields, for the tests below.
#[cfg(test)]
fn targets(errors: &FieldErrors, form: &str) -> Vec<String> {
    crate::forms::from_field_errors(form, errors)
        .into_iter()
        .filter_map(|e| e.target)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn parts(day: &str, month: &str, year: &str) -> DateParts {
        DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    #[test]
    fn a_promise_names_every_missing_part() {
        let errors = promise(" ", "", &parts("31", "2", "2026")).unwrap_err();
        assert_eq!(
            targets(&errors, "promise"),
            [
                "promise-outstanding_actions",
                "promise-officer",
                "promise-date-day"
            ]
        );
        let action = promise("Fix the gate", "ben", &parts("4", "12", "2026")).unwrap();
        assert_eq!(
            action,
            Action::PromiseAction {
                description: LongText::parse(Field::OutstandingActions, "Fix the gate").unwrap(),
                owner: OfficerId("ben".into()),
                due: date!(2026 - 12 - 04),
            }
        );
    }

    #[test]
    fn completing_and_overriding_need_words_and_a_date_not_in_the_future() {
        let today = date!(2026 - 11 - 30);
        let errors = complete(1, "", &parts("1", "12", "2026"), today).unwrap_err();
        assert_eq!(
            targets(&errors, "complete"),
            ["complete-note", "complete-date-day"]
        );
        assert!(complete(1, "Done", &parts("30", "11", "2026"), today).is_ok());
        let errors = close_overriding("", &parts("30", "11", "2026"), today).unwrap_err();
        assert_eq!(targets(&errors, "override"), ["override-reason"]);
    }
}
