//! A case: what the resident said, how to reach them, its deadlines with working days
//! left, the forms for acting on it, and its timeline (MOJ's timeline).
//!
//! Every action is sent with `If-Match` and the version the page shows: when someone else
//! changed the case first, the officer is told, the case is read again, and what they
//! typed stays in the form.

use super::fields::{Banner, DateInput, ErrorSummary, TextArea, TextInput, show_errors};
use super::{Console, Link, today};
use crate::api::{self, Failure, Session};
use crate::deadline::{long_date, working_days_text};
use crate::forms::{self, DateParts, FormError, RESPONSE_OUTCOMES};
use crate::route::{Route, from_wire_name, wire_name};
use feedback_shared::case::{Action, Actor, CaseEvent, Status};
use feedback_shared::contact::Submitter;
use feedback_shared::wire::CaseDetail;
use feedback_shared::wire::problem::ProblemType;
use feedback_shared::{FieldErrors, Kind, Language, Outcome, Reference};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Box<CaseDetail>),
    Failed(String),
}

/// What the page's action forms share: the case as last read and the page's errors.
#[derive(Clone, Copy)]
struct Acting {
    console: Console,
    detail: RwSignal<Load>,
    errors: RwSignal<Vec<FormError>>,
    done: RwSignal<Option<String>>,
}

/// The case page.
#[component]
pub fn CasePage(session: Session, reference: Reference) -> impl IntoView {
    let console = Console::get();
    let acting = Acting {
        console,
        detail: RwSignal::new(Load::Loading),
        errors: RwSignal::new(Vec::new()),
        // What the page before did ("Case … logged").
        done: RwSignal::new(console.flash.try_update_untracked(Option::take).flatten()),
    };
    reload(acting, session.clone(), reference.clone());
    let heading = reference.to_string();
    view! {
        <p class="govuk-body"><Link to=Route::queue() class="govuk-back-link">"Back to cases"</Link></p>
        {move || acting.done.get().map(|message| view! { <Banner message=message /> })}
        <ErrorSummary errors=acting.errors />
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{heading}</h1>
        {move || match acting.detail.get() {
            Load::Loading => view! { <p class="govuk-body" role="status">"Loading the case…"</p> }.into_any(),
            Load::Failed(message) => view! { <p class="govuk-body" role="alert">{message}</p> }.into_any(),
            Load::Loaded(detail) => view! { <CaseBody detail=*detail /> }.into_any(),
        }}
        <Actions acting=acting session=session.clone() reference=reference.clone() />
    }
}

/// Reads the case again; a sign-in that has run out signs the officer out.
fn reload(acting: Acting, session: Session, reference: Reference) {
    let console = acting.console;
    spawn_local(async move {
        match api::case(&session, &reference).await {
            Ok(detail) => acting.detail.set(Load::Loaded(Box::new(detail))),
            Err(failure) if failure.is_unauthenticated() => console.sign_out(),
            Err(failure) => acting.detail.set(Load::Failed(failure.message())),
        }
    });
}

#[component]
fn CaseBody(detail: CaseDetail) -> impl IntoView {
    let CaseDetail {
        summary,
        case,
        details,
        timeline,
    } = detail;
    // Working days are the server's to count: it knows the council's bank holidays.
    let next_due = summary.next_due.zip(summary.next_due_status);
    let deadline_row = |label: &'static str, date: time::Date, met: Option<time::Date>| {
        let standing = match (met, &next_due) {
            (Some(on), _) => format!(" (met on {})", long_date(on)),
            (None, Some((due, status))) if *due == date => {
                format!(" ({})", working_days_text(status))
            }
            (None, _) => String::new(),
        };
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{label}</dt>
                <dd class="govuk-summary-list__value">{format!("{}{standing}", long_date(date))}</dd>
            </div>
        }
    };
    let stages: Vec<_> = [case.stage1.as_ref(), case.stage2.as_ref()]
        .into_iter()
        .flatten()
        .map(|stage| {
            let n = u8::from(stage.stage);
            let responded = stage.response.as_ref().map(|r| r.responded_on);
            view! {
                <h3 class="govuk-heading-s">{format!("Stage {n}")}</h3>
                <dl class="govuk-summary-list">
                    {deadline_row("Acknowledge by", stage.acknowledge_by, stage.acknowledged_on)}
                    {deadline_row("Respond by", stage.respond_by, responded)}
                </dl>
            }
        })
        .collect();
    let (contact, adjustments) = match &details.submitter {
        Submitter::Anonymous => (
            view! { <p class="govuk-body">"Anonymous: no reply can be sent."</p> }.into_any(),
            None,
        ),
        Submitter::Identified(person) => {
            let c = &person.contact;
            let adjustments = (!person.adjustments.needs.is_empty()
                || person.adjustments.details.is_some())
            .then(|| {
                let needs: Vec<String> = person
                    .adjustments
                    .needs
                    .iter()
                    .map(|a| wire_name(a).replace('_', " "))
                    .collect();
                let words = person
                    .adjustments
                    .details
                    .as_ref()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                view! {
                    <div class="govuk-warning-text">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text">
                            <span class="govuk-visually-hidden">"Warning"</span>
                            {format!("Reasonable adjustments: {}. {words}", needs.join(", "))}
                        </strong>
                    </div>
                }
            });
            let row = |label: &'static str, value: Option<String>| {
                value.map(|value| {
                    view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{label}</dt>
                            <dd class="govuk-summary-list__value">{value}</dd>
                        </div>
                    }
                })
            };
            (
                view! {
                    <dl class="govuk-summary-list">
                        {row("Name", Some(c.name.to_string()))}
                        {row("Email", c.email.as_ref().map(|e| e.to_string()))}
                        {row("Phone", c.phone.as_ref().map(|p| p.to_string()))}
                        {row("Postcode", c.postcode.as_ref().map(|p| p.to_string()))}
                        {row("Prefers", Some(wire_name(&c.preferred)))}
                        {row("On behalf of", person.representative.as_ref().map(|r| format!("{} ({})", r.represented_name, r.relationship)))}
                    </dl>
                }
                .into_any(),
                adjustments,
            )
        }
    };
    view! {
        <span class="govuk-caption-m">
            {format!("{}, {}", case.kind.label(Language::En), case.channel.label())}
        </span>
        {adjustments}
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Status"</dt>
                <dd class="govuk-summary-list__value" id="case-status">{case.status.label(Language::En)}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Service"</dt>
                <dd class="govuk-summary-list__value">{summary.service.clone()}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Assigned to"</dt>
                <dd class="govuk-summary-list__value">{case.assigned_to.as_ref().map(|o| o.to_string()).unwrap_or_else(|| "Nobody".into())}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Received"</dt>
                <dd class="govuk-summary-list__value">{long_date(summary.received_on)}</dd>
            </div>
        </dl>
        <h2 class="govuk-heading-m">"Deadlines"</h2>
        {if stages.is_empty() { Some(view! { <p class="govuk-body">"This kind of case has no deadlines."</p> }) } else { None }}
        {stages}
        <h2 class="govuk-heading-m">"What they told us"</h2>
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"What happened"</dt>
                <dd class="govuk-summary-list__value">{details.what_happened.to_string()}</dd>
            </div>
            {details.when_happened.map(|d| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"When"</dt>
                    <dd class="govuk-summary-list__value">{long_date(d.date())}</dd>
                </div>
            })}
            {details.put_right.map(|p| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"What would put it right"</dt>
                    <dd class="govuk-summary-list__value">{p.to_string()}</dd>
                </div>
            })}
            {details.staff_name.map(|s| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Member of staff"</dt>
                    <dd class="govuk-summary-list__value">{s.to_string()}</dd>
                </div>
            })}
        </dl>
        <h2 class="govuk-heading-m">"Contact details"</h2>
        {contact}
        <h2 class="govuk-heading-m">"Timeline"</h2>
        <Timeline events=timeline />
    }
}

/// MOJ's timeline, newest first.
#[component]
fn Timeline(events: Vec<CaseEvent>) -> impl IntoView {
    view! {
        <div class="moj-timeline" id="timeline">
            {events
                .into_iter()
                .rev()
                .map(|event| {
                    let (title, description) = describe(&event.action);
                    let by = match &event.actor {
                        Actor::Officer(officer) => officer.to_string(),
                        Actor::Resident => "the resident".to_owned(),
                        Actor::System => "Council Feedback".to_owned(),
                    };
                    let at = event
                        .at
                        .format(&time::format_description::well_known::Rfc3339)
                        .unwrap_or_default();
                    let when = format!(
                        "{} at {:02}:{:02}",
                        long_date(feedback_shared::london::london_date(event.at)),
                        event.at.hour(),
                        event.at.minute()
                    );
                    view! {
                        <div class="moj-timeline__item">
                            <div class="moj-timeline__header">
                                <h3 class="moj-timeline__title">{title}</h3>
                                <p class="moj-timeline__byline">{format!("by {by}")}</p>
                            </div>
                            <p class="moj-timeline__date"><time datetime=at>{when}</time></p>
                            <div class="moj-timeline__description">{description}</div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// An event's title and what to say about it.
fn describe(action: &Action) -> (String, String) {
    let date = |d: &time::Date| long_date(*d);
    match action {
        Action::Receive { kind, channel } => (
            "Received".into(),
            format!("{} by {}", kind.label(Language::En), channel.label()),
        ),
        Action::Acknowledge { on } => ("Acknowledged".into(), format!("On {}", date(on))),
        Action::Assign { officer } => ("Assigned".into(), format!("To {officer}")),
        Action::Respond { response } => (
            "Responded".into(),
            format!(
                "{}: {}",
                response.outcome.label(Language::En),
                response.reasons
            ),
        ),
        Action::Extend { to, reason } => ("Extended".into(), format!("To {}: {reason}", date(to))),
        Action::Escalate { requested_on, .. } => (
            "Escalated to stage 2".into(),
            format!("Asked for on {}", date(requested_on)),
        ),
        Action::Close { .. } => ("Closed".into(), String::new()),
        Action::Withdraw { reason, .. } => ("Withdrawn".into(), reason.to_string()),
        Action::NotAccept { reason, .. } => ("Not accepted".into(), reason.to_string()),
        Action::ReclassifyAsServiceRequest { reason } => (
            "Reclassified as a service request".into(),
            reason.to_string(),
        ),
        Action::PromoteToComplaint { on } => {
            ("Promoted to a complaint".into(), format!("On {}", date(on)))
        }
        Action::Note { text } => ("Note".into(), text.to_string()),
        Action::SendReminder { .. } => ("Reminder sent".into(), String::new()),
        Action::ReferToOmbudsman { on, .. } => (
            "Referred to the Ombudsman".into(),
            format!("On {}", date(on)),
        ),
        Action::RecordOmbudsmanDecision { on, .. } => (
            "Ombudsman's decision recorded".into(),
            format!("On {}", date(on)),
        ),
    }
}

/// Sends `action` for the form `form`; on success the page shows the case as it now is
/// and `clear` empties the form; otherwise its errors, with the typed input kept.
fn send(
    acting: Acting,
    session: Session,
    reference: Reference,
    form: &'static str,
    parsed: Result<Action, FieldErrors>,
    done: &'static str,
    clear: impl FnOnce() + 'static,
) {
    let action = match parsed {
        Ok(action) => action,
        Err(errors) => {
            acting.done.set(None);
            show_errors(acting.errors, forms::from_field_errors(form, &errors));
            return;
        }
    };
    let Load::Loaded(detail) = acting.detail.get_untracked() else {
        return;
    };
    let version = detail.summary.version;
    let console = acting.console;
    spawn_local(async move {
        match api::act(&session, &reference, version, &action).await {
            Ok(detail) => {
                acting.errors.set(Vec::new());
                acting.detail.set(Load::Loaded(Box::new(detail)));
                acting.done.set(Some(done.to_owned()));
                clear();
                super::focus_later("main-heading");
            }
            Err(failure) if failure.is_unauthenticated() => console.sign_out(),
            Err(Failure::Problem(problem)) if problem.is(ProblemType::VersionConflict) => {
                acting.done.set(None);
                show_errors(
                    acting.errors,
                    vec![FormError {
                        target: None,
                        message: "Someone else changed this case since you opened it. The case below is up to date: check it, then send again. What you typed is still in the form.".into(),
                    }],
                );
                reload(acting, session, reference);
            }
            Err(Failure::Problem(problem)) => {
                acting.done.set(None);
                show_errors(acting.errors, forms::from_problem(form, &problem));
            }
            Err(failure) => {
                acting.done.set(None);
                show_errors(
                    acting.errors,
                    vec![FormError {
                        target: None,
                        message: failure.message(),
                    }],
                );
            }
        }
    });
}

/// Why `officer` may not take the case, when it is (or is about to be) at stage 2 and
/// they handled stage 1: said before anything is sent.
fn stage2_refusal(
    acting: Acting,
    control: &str,
    officer: &str,
    escalating: bool,
) -> Option<FormError> {
    let Load::Loaded(detail) = acting.detail.get_untracked() else {
        return None;
    };
    (escalating || detail.case.stage2.is_some())
        .then(|| forms::check_stage2_handler(&detail.case, control, officer).err())
        .flatten()
}

/// Who may not take stage 2, said where an officer picks a handler for it.
#[component]
fn Stage2Note(acting: Acting, escalating: bool) -> impl IntoView {
    move || {
        let Load::Loaded(detail) = acting.detail.get() else {
            return None;
        };
        let handlers = forms::stage1_handlers(&detail.case);
        (!handlers.is_empty() && (escalating || detail.case.stage2.is_some())).then(|| {
            view! {
                <div class="govuk-inset-text">
                    {format!(
                        "Stage 2 must be handled by someone other than stage 1's handler: {}.",
                        handlers.join(", "),
                    )}
                </div>
            }
        })
    }
}

#[component]
fn Actions(acting: Acting, session: Session, reference: Reference) -> impl IntoView {
    let status = move || match acting.detail.get() {
        Load::Loaded(detail) => Some(detail.case.status),
        _ => None,
    };
    // The procedure's steps are for complaints; every kind can be assigned, noted,
    // withdrawn and closed, and a service request promoted to a complaint.
    let kind = move || match acting.detail.get() {
        Load::Loaded(detail) => Some(detail.case.kind),
        _ => None,
    };
    let complaint = move || kind() == Some(Kind::Complaint);
    let open = move || status().is_some_and(|s| !s.is_finished());
    let promote_on = RwSignal::new(DateParts::of(today()));
    let on_promote = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed = forms::promote(&promote_on.get_untracked(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "promote",
                parsed,
                "Promoted to a complaint",
                || {},
            );
        }
    };
    let ack_date = RwSignal::new(DateParts::of(today()));
    let note_text = RwSignal::new(String::new());
    let officer = RwSignal::new(String::new());
    let respond_date = RwSignal::new(DateParts::of(today()));
    let outcome = RwSignal::new(wire_name(&Outcome::Upheld));
    let reasons = RwSignal::new(String::new());
    let escalate_date = RwSignal::new(DateParts::of(today()));
    let handler = RwSignal::new(String::new());

    let on_ack = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed = forms::acknowledge(&ack_date.get_untracked(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "acknowledge",
                parsed,
                "Case acknowledged",
                || {},
            );
        }
    };
    let on_note = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed = forms::note(&note_text.get_untracked());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "note",
                parsed,
                "Note added",
                move || note_text.set(String::new()),
            );
        }
    };
    let on_assign = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = officer.get_untracked();
            if let Some(refused) = stage2_refusal(acting, "assign-officer", &typed, false) {
                return show_errors(acting.errors, vec![refused]);
            }
            let parsed = forms::assign(&typed);
            send(
                acting,
                session.clone(),
                reference.clone(),
                "assign",
                parsed,
                "Case assigned",
                move || officer.set(String::new()),
            );
        }
    };
    let on_respond = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let chosen =
                from_wire_name::<Outcome>(&outcome.get_untracked()).unwrap_or(Outcome::Upheld);
            let parsed = forms::respond(
                &respond_date.get_untracked(),
                chosen,
                &reasons.get_untracked(),
                today(),
            );
            send(
                acting,
                session.clone(),
                reference.clone(),
                "respond",
                parsed,
                "Response recorded",
                move || reasons.set(String::new()),
            );
        }
    };
    let on_escalate = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = handler.get_untracked();
            if let Some(refused) = stage2_refusal(acting, "escalate-officer", &typed, true) {
                return show_errors(acting.errors, vec![refused]);
            }
            let parsed = forms::escalate(&escalate_date.get_untracked(), &typed, today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "escalate",
                parsed,
                "Case escalated to stage 2",
                move || handler.set(String::new()),
            );
        }
    };
    let extend_to = RwSignal::new(DateParts::default());
    let extend_reason = RwSignal::new(String::new());
    let on_extend = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed = forms::extend(&extend_to.get_untracked(), &extend_reason.get_untracked());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "extend",
                parsed,
                "Response date extended",
                move || {
                    extend_reason.set(String::new());
                    extend_to.set(DateParts::default());
                },
            );
        }
    };
    let ending = RwSignal::new(forms::WithReason::Withdraw.value().to_owned());
    let ending_reason = RwSignal::new(String::new());
    let on_end = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let what = forms::WithReason::from_value(&ending.get_untracked())
                .unwrap_or(forms::WithReason::Withdraw);
            let parsed = forms::with_reason(what, &ending_reason.get_untracked());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "reason",
                parsed,
                "Case updated",
                move || ending_reason.set(String::new()),
            );
        }
    };
    let on_close = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            send(
                acting,
                session.clone(),
                reference.clone(),
                "close",
                Ok(Action::Close { on: None }),
                "Case closed",
                || {},
            );
        }
    };
    let errors = acting.errors;
    view! {
        <h2 class="govuk-heading-m">"Act on this case"</h2>
        <Show when=move || complaint() && status() == Some(Status::Received)>
            <form novalidate on:submit=on_ack.clone()>
                <DateInput form="acknowledge" legend="Acknowledged on" value=ack_date errors=errors />
                <button type="submit" class="govuk-button">"Acknowledge"</button>
            </form>
        </Show>
        <form novalidate on:submit=on_note>
            <TextArea id="note-note".into() label="Add a note" hint="Only officers see notes." value=note_text errors=errors />
            <button type="submit" class="govuk-button govuk-button--secondary">"Add note"</button>
        </form>
        <Show when=move || status().is_some_and(|s| !s.is_finished())>
            <form novalidate on:submit=on_assign.clone()>
                <Stage2Note acting=acting escalating=false />
                <TextInput id="assign-officer".into() label="Assign to" hint="The officer's id, like ben-morgan" value=officer errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Assign"</button>
            </form>
        </Show>
        <Show when=move || complaint() && status() == Some(Status::Acknowledged)>
            <form novalidate on:submit=on_respond.clone()>
                <h3 class="govuk-heading-s">"Record the response"</h3>
                <DateInput form="respond" legend="Responded on" value=respond_date errors=errors />
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="respond-outcome">"Outcome"</label>
                    <select class="govuk-select" id="respond-outcome" name="respond-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                        {RESPONSE_OUTCOMES.iter().map(|o| {
                            let value = wire_name(o);
                            let this = value.clone();
                            view! { <option value=value selected=move || outcome.get() == this>{o.label(Language::En)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextArea id="respond-reasons".into() label="Reasons for the decision" value=reasons errors=errors />
                <button type="submit" class="govuk-button">"Record response"</button>
            </form>
        </Show>
        <Show when=move || complaint() && status() == Some(Status::Acknowledged)>
            <form novalidate on:submit=on_extend.clone()>
                <h3 class="govuk-heading-s">"Extend the response date"</h3>
                <DateInput form="extend" legend="New response date" value=extend_to errors=errors />
                <TextArea id="extend-reason".into() label="Reason for the extension" hint="The resident is told this, with the Ombudsman's details." value=extend_reason errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Extend"</button>
            </form>
        </Show>
        <Show when=move || status().is_some_and(|s| !s.is_finished())>
            <form novalidate on:submit=on_end.clone()>
                <h3 class="govuk-heading-s">"Withdraw, not accept or reclassify"</h3>
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="reason-what">"What happened to the case"</label>
                    <select class="govuk-select" id="reason-what" name="reason-what" on:change=move |ev| ending.set(event_target_value(&ev))>
                        {move || forms::WithReason::ALL.iter().filter(|w| complaint() || **w == forms::WithReason::Withdraw).map(|w| {
                            let value = w.value();
                            view! { <option value=value selected=move || ending.get() == value>{w.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <TextArea id="reason-reason".into() label="Reason" hint="Reports count these reasons." value=ending_reason errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Record"</button>
            </form>
        </Show>
        <Show when=move || kind() == Some(Kind::ServiceRequest) && open()>
            <form novalidate on:submit=on_promote.clone()>
                <h3 class="govuk-heading-s">"Promote to a complaint"</h3>
                <DateInput form="promote" legend="Stage 1 starts on" value=promote_on errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Promote"</button>
            </form>
        </Show>
        <Show when=move || complaint() && status() == Some(Status::Responded)>
            <form novalidate on:submit=on_escalate.clone()>
                <h3 class="govuk-heading-s">"Escalate to stage 2"</h3>
                <DateInput form="escalate" legend="Asked for on" value=escalate_date errors=errors />
                <Stage2Note acting=acting escalating=true />
                <TextInput id="escalate-officer".into() label="Stage 2 handler (optional)" hint="Not the officer who handled stage 1" value=handler errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Escalate"</button>
            </form>
        </Show>
        <Show when=move || if complaint() { status() == Some(Status::Responded) } else { open() }>
            <form novalidate on:submit=on_close.clone()>
                <button type="submit" class="govuk-button govuk-button--warning">"Close the case"</button>
            </form>
        </Show>
    }
}
