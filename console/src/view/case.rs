//! A case: what the resident said, how to reach them, its deadlines with working days
//! left, the forms for acting on it, and its timeline (MOJ's timeline).
//!
//! Every action is sent with `If-Match` and the version the page shows: when someone else
//! changed the case first, the officer is told, the case is read again, and what they
//! typed stays in the form.

use super::fields::{Banner, DateInput, ErrorSummary, Select, TextArea, TextInput, show_errors};
use super::preview::PreviewPanel;
use super::{Console, Link, today};
use crate::api::{self, Failure, Session};
use crate::deadline::{long_date, working_days_text};
use crate::forms::{self, DateParts, FormError, OMBUDSMEN, RESPONSE_OUTCOMES, ResponseInput};
use crate::route::{Route, from_wire_name, wire_name};
use feedback_shared::case::{Action, Actor, CaseEvent, RefusalGround, Status};
use feedback_shared::contact::Submitter;
use feedback_shared::outcome::{Ombudsman, OmbudsmanDecision};
use feedback_shared::wire::problem::ProblemType;
use feedback_shared::wire::{ActionPreview, CaseDetail, MessageSent};
use feedback_shared::{FieldErrors, Kind, Language, Outcome, Reference, Remedy};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The ending's reason: what the report does with it. A refusal is counted by its ground,
/// so the reason is the resident's explanation in the officer's words.
const REASON_HINT: &str = "For a refusal, this goes in the letter to the resident. Reports count withdrawals by their reason and refusals by their ground.";

mod adjustments;
mod promised;

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
        <promised::PromisedActions acting=acting session=session.clone() reference=reference.clone() />
        <adjustments::ReasonableAdjustments acting=acting session=session.clone() reference=reference.clone() />
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
        council_ombudsman: _,
        messages,
        restrictions,
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
            let extended = stage.extensions.last().map(|e| {
                summary_row(
                    "Extended",
                    format!(
                        "From {} to {}: {}",
                        long_date(stage.original_respond_by),
                        long_date(e.to),
                        e.reason
                    ),
                )
            });
            let response = stage.response.as_ref().map(|r| {
                let remedies: Vec<&str> = r.remedies.iter().map(|m| m.label()).collect();
                view! {
                    {summary_row("Outcome", r.outcome.label(Language::En).to_owned())}
                    {(!remedies.is_empty()).then(|| summary_row("Remedies", remedies.join(", ")))}
                    {r.outstanding_actions.as_ref().map(|a| summary_row("Outstanding actions", a.to_string()))}
                    {r.learning.as_ref().map(|l| summary_row("Learning", l.to_string()))}
                }
            });
            view! {
                <h3 class="govuk-heading-s">{format!("Stage {n}")}</h3>
                <dl class="govuk-summary-list">
                    {deadline_row("Acknowledge by", stage.acknowledge_by, stage.acknowledged_on)}
                    {deadline_row("Respond by", stage.respond_by, responded)}
                    {extended}
                    {response}
                </dl>
            }
        })
        .collect();
    // Any officer corrects the resident's details or redacts their words (`correct.rs`),
    // while the case still holds them.
    let held = case.anonymised.is_none();
    let correct_links = held.then(|| {
        view! {
            <p class="govuk-body">
                <Link to=Route::Redact(case.reference.clone())>"Redact text"</Link>
            </p>
        }
    });
    let correct_contact =
        (held && matches!(details.submitter, Submitter::Identified(_))).then(|| {
            view! {
                <p class="govuk-body">
                    <Link to=Route::Correct(case.reference.clone())>"Correct contact details"</Link>
                </p>
            }
        });
    // Residents who wrote in Welsh are answered in Welsh.
    let language = match details.language {
        Language::En => "English",
        Language::Cy => "Welsh (answer in Welsh)",
    };
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
                        {row("Address", c.address.as_ref().map(|a| a.to_string()))}
                        {row("Postcode", c.postcode.as_ref().map(|p| p.to_string()))}
                        {row("Prefers", Some(wire_name(&c.preferred)))}
                        {row("Language", Some(language.to_owned()))}
                        {row("On behalf of", person.representative.as_ref().map(|r| format!("{} ({})", r.represented_name, r.relationship)))}
                        {row("Consent", person.representative.as_ref().map(|_| "The representative confirmed they have the person's consent".to_owned()))}
                    </dl>
                }
                .into_any(),
                adjustments,
            )
        }
    };
    view! {
        <super::restrictions::RestrictionBanner restrictions=restrictions />
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
        {case.ombudsman.as_ref().map(|r| view! {
            <h2 class="govuk-heading-m">"Ombudsman"</h2>
            <dl class="govuk-summary-list">
                {summary_row("Referred to", format!("{}, on {}", forms::ombudsman_name(r.ombudsman), long_date(r.referred_on)))}
                {summary_row("Decision", r.decision.map_or_else(
                    || "Not yet decided".to_owned(),
                    |(on, d)| format!("{} ({})", d.label(), long_date(on)),
                ))}
            </dl>
        })}
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
        {correct_links}
        <h2 class="govuk-heading-m">"Contact details"</h2>
        {contact}
        {correct_contact}
        <h2 class="govuk-heading-m">"Timeline"</h2>
        <Timeline events=timeline messages=messages />
    }
}

/// A row of a GOV.UK summary list.
fn summary_row(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{label}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
        </div>
    }
}

/// One entry of the timeline: something done to the case, or a message it sent.
enum Entry {
    Event(CaseEvent),
    Message(MessageSent),
}

impl Entry {
    /// When, and a message after the change that queued it at the same instant.
    fn key(&self) -> (time::OffsetDateTime, u8) {
        match self {
            Entry::Event(event) => (event.at, 0),
            Entry::Message(message) => (message.queued_at, 1),
        }
    }
}

/// MOJ's timeline, newest first: the events, and every message sent to the resident or
/// an officer (to whom and its subject).
#[component]
fn Timeline(events: Vec<CaseEvent>, messages: Vec<MessageSent>) -> impl IntoView {
    let mut entries: Vec<Entry> = events.into_iter().map(Entry::Event).collect();
    entries.extend(messages.into_iter().map(Entry::Message));
    // Stable: events at one instant keep the store's order.
    entries.sort_by_key(Entry::key);
    view! {
        <div class="moj-timeline" id="timeline">
            {entries
                .into_iter()
                .rev()
                .map(|entry| {
                    let (at, title, by, description) = match entry {
                        Entry::Event(event) => {
                            let (title, description) = describe(&event.action);
                            let by = match &event.actor {
                                Actor::Officer(officer) => officer.to_string(),
                                Actor::Resident => "the resident".to_owned(),
                                Actor::System => "Council Feedback".to_owned(),
                            };
                            (event.at, title, by, description)
                        }
                        Entry::Message(message) => (
                            message.queued_at,
                            format!("Email sent: {}", message.subject),
                            "Council Feedback".to_owned(),
                            format!("To {}", message.to.join(", ")),
                        ),
                    };
                    let stamp = at
                        .format(&time::format_description::well_known::Rfc3339)
                        .unwrap_or_default();
                    let when = format!(
                        "{} at {:02}:{:02}",
                        long_date(feedback_shared::london::london_date(at)),
                        at.hour(),
                        at.minute()
                    );
                    view! {
                        <div class="moj-timeline__item">
                            <div class="moj-timeline__header">
                                <h3 class="moj-timeline__title">{title}</h3>
                                <p class="moj-timeline__byline">{format!("by {by}")}</p>
                            </div>
                            <p class="moj-timeline__date"><time datetime=stamp>{when}</time></p>
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
        Action::Close { on } => (
            "Closed".into(),
            on.map(|on| format!("On {}", date(&on))).unwrap_or_default(),
        ),
        Action::Withdraw { reason, .. } => ("Withdrawn".into(), reason.to_string()),
        Action::NotAccept { reason, ground, .. } => (
            match ground {
                Some(ground) => format!("Not accepted: {}", ground.label().to_lowercase()),
                None => "Not accepted".into(),
            },
            reason.to_string(),
        ),
        Action::ReclassifyAsServiceRequest { reason } => (
            "Reclassified as a service request".into(),
            reason.to_string(),
        ),
        Action::PromoteToComplaint { on } => {
            ("Promoted to a complaint".into(), format!("On {}", date(on)))
        }
        Action::Note { text } => ("Note".into(), text.to_string()),
        Action::SendReminder { .. } => ("Reminder sent".into(), String::new()),
        Action::ReferToOmbudsman { ombudsman, on } => (
            "Referred to the Ombudsman".into(),
            format!("{} on {}", forms::ombudsman_name(*ombudsman), date(on)),
        ),
        Action::RecordOmbudsmanDecision { decision, on } => (
            "Ombudsman's decision recorded".into(),
            format!("{} on {}", decision.label(), date(on)),
        ),
        Action::PromiseAction { .. }
        | Action::CompleteAction { .. }
        | Action::CloseOverridingActions { .. } => promised::describe(action).unwrap_or_default(),
        Action::AgreeAdjustments { .. } | Action::ReviewAdjustments { .. } => {
            adjustments::describe(action).unwrap_or_default()
        }
        Action::Anonymise { rule } => ("Personal data removed".into(), format!("Under {rule}")),
        Action::SubjectAccessExport {} => ("Subject access export".into(), String::new()),
        Action::CorrectContactDetails { fields, reason } => (
            format!("Contact details corrected: {reason}"),
            format!(
                "Changed: {}",
                fields
                    .iter()
                    .map(|f| f.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Action::Redact { fields, reason } => (
            format!("Text redacted: {reason}"),
            format!(
                "From: {}",
                fields
                    .iter()
                    .map(|f| f.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
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

/// Asks the server what `parsed` would send, and shows it in `into`; the form's errors
/// otherwise, with what was typed kept. Nothing is changed.
fn show_preview(
    acting: Acting,
    session: Session,
    reference: Reference,
    form: &'static str,
    parsed: Result<Action, FieldErrors>,
    into: RwSignal<Option<ActionPreview>>,
) {
    acting.done.set(None);
    let action = match parsed {
        Ok(action) => action,
        Err(errors) => {
            into.set(None);
            show_errors(acting.errors, forms::from_field_errors(form, &errors));
            return;
        }
    };
    let console = acting.console;
    spawn_local(async move {
        match api::preview(&session, &reference, &action).await {
            Ok(preview) => {
                acting.errors.set(Vec::new());
                into.set(Some(preview));
                super::focus_later(match form {
                    "extend" => "extend-preview-title",
                    "reason" => "reason-preview-title",
                    _ => "respond-preview-title",
                });
            }
            Err(failure) if failure.is_unauthenticated() => console.sign_out(),
            Err(failure) => {
                into.set(None);
                let errors = match &failure {
                    Failure::Problem(problem) => forms::from_problem(form, problem),
                    other => vec![FormError {
                        target: None,
                        message: other.message(),
                    }],
                };
                show_errors(acting.errors, errors);
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

/// The Ombudsman the case would go to (the one it went to, else the council's), with how
/// to reach them.
fn ombudsman_route(acting: Acting) -> String {
    let Load::Loaded(detail) = acting.detail.get() else {
        return String::new();
    };
    let which = detail
        .case
        .ombudsman
        .as_ref()
        .map_or(detail.council_ombudsman, |r| r.ombudsman);
    let (address, phone) = which.contact();
    format!("{address}, telephone {phone}.")
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
    let remedies = RwSignal::new(Vec::<Remedy>::new());
    let outstanding = RwSignal::new(String::new());
    let learning = RwSignal::new(String::new());
    let respond_preview = RwSignal::new(None::<ActionPreview>);
    let response_input = move || ResponseInput {
        on: respond_date.get_untracked(),
        outcome: from_wire_name::<Outcome>(&outcome.get_untracked()).unwrap_or(Outcome::Upheld),
        reasons: reasons.get_untracked(),
        remedies: remedies.get_untracked(),
        outstanding_actions: outstanding.get_untracked(),
        learning: learning.get_untracked(),
    };
    let escalate_date = RwSignal::new(DateParts::of(today()));
    let handler = RwSignal::new(String::new());
    // What a response template's placeholders are filled from.
    let case_detail = Signal::derive(move || match acting.detail.get() {
        Load::Loaded(detail) => Some(*detail),
        _ => None,
    });

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
            let parsed = forms::respond(&response_input(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "respond",
                parsed,
                "Response recorded",
                move || {
                    reasons.set(String::new());
                    remedies.set(Vec::new());
                    outstanding.set(String::new());
                    learning.set(String::new());
                    respond_preview.set(None);
                },
            );
        }
    };
    let on_respond_preview = {
        let (session, reference) = (session.clone(), reference.clone());
        move |_| {
            let parsed = forms::respond(&response_input(), today());
            show_preview(
                acting,
                session.clone(),
                reference.clone(),
                "respond",
                parsed,
                respond_preview,
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
    let extend_preview = RwSignal::new(None::<ActionPreview>);
    let on_extend_preview = {
        let (session, reference) = (session.clone(), reference.clone());
        move |_| {
            let parsed = forms::extend(&extend_to.get_untracked(), &extend_reason.get_untracked());
            show_preview(
                acting,
                session.clone(),
                reference.clone(),
                "extend",
                parsed,
                extend_preview,
            );
        }
    };
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
                    extend_preview.set(None);
                },
            );
        }
    };
    let ending = RwSignal::new(forms::WithReason::Withdraw.value().to_owned());
    let ending_reason = RwSignal::new(String::new());
    let ending_ground = RwSignal::new(String::new());
    let grounds = Signal::derive(|| {
        RefusalGround::ALL
            .iter()
            .map(|g| (g.json_name().to_owned(), g.label().to_owned()))
            .collect()
    });
    let ending_on = RwSignal::new(DateParts::of(today()));
    let chosen_ending =
        move || forms::WithReason::from_value(&ending.get()).unwrap_or(forms::WithReason::Withdraw);
    let ending_preview = RwSignal::new(None::<ActionPreview>);
    let ending_action = move || {
        forms::with_reason(
            chosen_ending(),
            &ending_reason.get_untracked(),
            &ending_ground.get_untracked(),
            &ending_on.get_untracked(),
            today(),
        )
    };
    let on_end_preview = {
        let (session, reference) = (session.clone(), reference.clone());
        move |_| {
            show_preview(
                acting,
                session.clone(),
                reference.clone(),
                "reason",
                ending_action(),
                ending_preview,
            );
        }
    };
    let on_end = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            send(
                acting,
                session.clone(),
                reference.clone(),
                "reason",
                ending_action(),
                "Case updated",
                move || {
                    ending_reason.set(String::new());
                    ending_ground.set(String::new());
                    ending_preview.set(None);
                },
            );
        }
    };
    let close_on = RwSignal::new(DateParts::of(today()));
    let on_close = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let parsed = forms::close(&close_on.get_untracked(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "close",
                parsed,
                "Case closed",
                || {},
            );
        }
    };
    let ombudsman = RwSignal::new(wire_name(&Ombudsman::Lgsco));
    // The council's Ombudsman is chosen until the officer picks another.
    let ombudsman_picked = RwSignal::new(false);
    Effect::new(move |_| {
        if let Load::Loaded(detail) = acting.detail.get()
            && !ombudsman_picked.get_untracked()
        {
            ombudsman.set(wire_name(&detail.council_ombudsman));
        }
    });
    let referred_on = RwSignal::new(DateParts::of(today()));
    let on_refer = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let which =
                from_wire_name::<Ombudsman>(&ombudsman.get_untracked()).unwrap_or(Ombudsman::Lgsco);
            let parsed = forms::refer_to_ombudsman(which, &referred_on.get_untracked(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "refer",
                parsed,
                "Referral to the Ombudsman recorded",
                || {},
            );
        }
    };
    let decision = RwSignal::new(wire_name(&OmbudsmanDecision::NoFault));
    let decided_on = RwSignal::new(DateParts::of(today()));
    let on_decision = {
        let (session, reference) = (session.clone(), reference.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let which = from_wire_name::<OmbudsmanDecision>(&decision.get_untracked())
                .unwrap_or(OmbudsmanDecision::NoFault);
            let parsed = forms::ombudsman_decision(which, &decided_on.get_untracked(), today());
            send(
                acting,
                session.clone(),
                reference.clone(),
                "decision",
                parsed,
                "The Ombudsman's decision recorded",
                || {},
            );
        }
    };
    // The Ombudsman looks at a complaint once the council has answered or ended it.
    let referral = move || match acting.detail.get() {
        Load::Loaded(detail) if detail.case.kind == Kind::Complaint => {
            Some(detail.case.ombudsman.clone())
        }
        _ => None,
    };
    let may_refer = move || {
        referral() == Some(None)
            && status().is_some_and(|s| s.is_finished() || s == Status::Responded)
    };
    let awaiting_decision = move || matches!(referral(), Some(Some(r)) if r.decision.is_none());
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
                <super::templates::TemplatePicker session=session.clone() detail=case_detail reasons=reasons />
                <TextArea id="respond-reasons".into() label="Reasons for the decision" value=reasons errors=errors />
                <div class="govuk-form-group">
                    <fieldset class="govuk-fieldset" aria-describedby="respond-remedies-hint">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Remedies"</legend>
                        <div id="respond-remedies-hint" class="govuk-hint">"Select all that apply: what will happen and by when goes in the reasons or the outstanding actions."</div>
                        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                            {Remedy::ALL.iter().map(|remedy| {
                                let remedy = *remedy;
                                let id = format!("respond-remedy-{}", wire_name(&remedy));
                                view! {
                                    <div class="govuk-checkboxes__item">
                                        <input class="govuk-checkboxes__input" id=id.clone() name="respond-remedies" type="checkbox" value=wire_name(&remedy)
                                            prop:checked=move || remedies.get().contains(&remedy)
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                remedies.update(|list| {
                                                    list.retain(|r| *r != remedy);
                                                    if on { list.push(remedy); }
                                                });
                                            } />
                                        <label class="govuk-label govuk-checkboxes__label" for=id>{remedy.label()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
                <TextArea id="respond-outstanding_actions".into() label="Outstanding actions (optional)" hint="What is still to be done, and by when. The resident is told." value=outstanding errors=errors />
                <TextArea id="respond-learning".into() label="Learning (optional)" hint="What the council will do differently. For reports only: the resident is not sent this." value=learning errors=errors />
                <PreviewPanel form="respond" preview=respond_preview />
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button govuk-button--secondary" id="respond-preview-button" on:click=on_respond_preview.clone()>"Preview the response"</button>
                    <button type="submit" class="govuk-button">"Record response"</button>
                </div>
            </form>
        </Show>
        <Show when=move || complaint() && status() == Some(Status::Acknowledged)>
            <form novalidate on:submit=on_extend.clone()>
                <h3 class="govuk-heading-s">"Extend the response date"</h3>
                <DateInput form="extend" legend="New response date" value=extend_to errors=errors />
                <TextArea id="extend-reason".into() label="Reason for the extension" hint="The resident is told this, with the Ombudsman's details." value=extend_reason errors=errors />
                <PreviewPanel form="extend" preview=extend_preview />
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button govuk-button--secondary" id="extend-preview-button" on:click=on_extend_preview.clone()>"Preview the notice"</button>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Extend"</button>
                </div>
            </form>
        </Show>
        <Show when=move || status().is_some_and(|s| !s.is_finished())>
            <form novalidate on:submit=on_end.clone()>
                <h3 class="govuk-heading-s">"Withdraw, not accept or reclassify"</h3>
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="reason-what">"What happened to the case"</label>
                    <select class="govuk-select" id="reason-what" name="reason-what" on:change=move |ev| {
                        ending.set(event_target_value(&ev));
                        // A preview of another choice would mislead.
                        ending_preview.set(None);
                    }>
                        {move || forms::WithReason::ALL.iter().filter(|w| complaint() || **w == forms::WithReason::Withdraw).map(|w| {
                            let value = w.value();
                            view! { <option value=value selected=move || ending.get() == value>{w.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || chosen_ending() == forms::WithReason::NotAccept>
                    <Select id="reason-ground".into() label="Why it is not accepted" value=ending_ground options=grounds errors=errors any="Choose" />
                </Show>
                <TextArea id="reason-reason".into() label="Reason" hint=REASON_HINT value=ending_reason errors=errors />
                <Show when=move || chosen_ending() == forms::WithReason::NotAccept>
                    <div class="govuk-inset-text" id="not-accept-route">
                        "The resident is sent a letter with this reason, saying the complaint is not taken forward under the complaints procedure and that they may ask the Ombudsman to look at it: "
                        {move || ombudsman_route(acting)}
                    </div>
                </Show>
                <Show when=move || chosen_ending() != forms::WithReason::Reclassify>
                    <DateInput form="reason" legend="Date it took effect" value=ending_on errors=errors />
                </Show>
                <PreviewPanel form="reason" preview=ending_preview />
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button govuk-button--secondary" id="reason-preview-button" on:click=on_end_preview.clone()>"Preview what is sent"</button>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Record"</button>
                </div>
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
                <h3 class="govuk-heading-s">"Close the case"</h3>
                <DateInput form="close" legend="Closed on" value=close_on errors=errors />
                <button type="submit" class="govuk-button govuk-button--warning">"Close the case"</button>
            </form>
        </Show>
        <Show when=may_refer>
            <form novalidate on:submit=on_refer.clone()>
                <h3 class="govuk-heading-s">"Referred to the Ombudsman"</h3>
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="refer-ombudsman">"Ombudsman"</label>
                    <select class="govuk-select" id="refer-ombudsman" name="refer-ombudsman" on:change=move |ev| { ombudsman_picked.set(true); ombudsman.set(event_target_value(&ev)); }>
                        {OMBUDSMEN.iter().map(|o| {
                            let value = wire_name(o);
                            let this = value.clone();
                            view! { <option value=value selected=move || ombudsman.get() == this>{forms::ombudsman_name(*o)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <DateInput form="refer" legend="Referred on" value=referred_on errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Record the referral"</button>
            </form>
        </Show>
        <Show when=awaiting_decision>
            <form novalidate on:submit=on_decision.clone()>
                <h3 class="govuk-heading-s">"The Ombudsman's decision"</h3>
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="decision-decision">"Decision"</label>
                    <select class="govuk-select" id="decision-decision" name="decision-decision" on:change=move |ev| decision.set(event_target_value(&ev))>
                        {OmbudsmanDecision::ALL.iter().map(|d| {
                            let value = wire_name(d);
                            let this = value.clone();
                            view! { <option value=value selected=move || decision.get() == this>{d.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <DateInput form="decision" legend="Decided on" value=decided_on errors=errors />
                <button type="submit" class="govuk-button govuk-button--secondary">"Record the decision"</button>
            </form>
        </Show>
    }
}
