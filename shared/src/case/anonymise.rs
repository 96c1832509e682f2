//! A case with its personal data removed: what the retention job (and, later, an erasure
//! on request) leaves under the reference.
//!
//! What stays is what the annual figures need: the kind, service, channel, language,
//! dates, stages, outcomes, remedies as categories, the Ombudsman's involvement, who
//! handled it (officers, not residents), the learning the report lists, and a refusal's
//! reason (the report counts refusals by reason). Everything a resident said or is
//! (contact details, names, the representative, adjustments, their words) and every
//! officer's free text about them (reasons, extensions, notes, outstanding actions) goes.
//!
//! Each struct is destructured whole, so a field added to a case, a stage, a response or
//! the feedback is a compile error here until someone decides whether it stays.

use super::promised::{Completion, PromisedAction};
use super::{Action, Actor, Case, CaseEvent, Extension, ResponseDetails, StageRecord, Status};
use crate::contact::Submitter;
use crate::input::{Description, LongText};
use crate::submission::Feedback;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// When a case's personal data was removed, and under which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Anonymised {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The rule, as the timeline says it: `retention: 6 years after closure`.
    pub rule: String,
}

/// The retention rule's words, as the timeline records them.
pub fn retention_rule(years: u32) -> String {
    format!("retention: {years} years after closure")
}

/// The case and its feedback with the personal data removed, at `version + 1`, and the
/// event that says so; `None` when the case was already anonymised (nothing to do).
pub fn anonymise(
    case: &Case,
    details: &Feedback,
    rule: &str,
    at: OffsetDateTime,
) -> Option<(Case, Feedback, CaseEvent)> {
    if case.anonymised.is_some() {
        return None;
    }
    let Case {
        council,
        reference,
        kind,
        channel,
        received_at,
        status,
        assigned_to,
        stage1,
        stage2,
        ombudsman,
        closure_reason,
        refusal_ground,
        closed_on,
        next_reminder,
        last_reminder,
        version,
        promised,
        adjustments: _,
        anonymised: _,
    } = case.clone();
    let version = version + 1;
    let anonymised = Case {
        council,
        reference,
        kind,
        channel,
        received_at,
        status,
        assigned_to,
        stage1: stage1.map(stage_record),
        stage2: stage2.map(stage_record),
        ombudsman,
        // A refusal's reason is a figure of the report when no ground was given; a
        // withdrawal's is the resident's. With a ground, the report counts the ground and
        // the officer's words (which may name the resident's circumstances) go.
        closure_reason: closure_reason
            .filter(|_| status == Status::NotAccepted && refusal_ground.is_none()),
        refusal_ground,
        closed_on,
        next_reminder,
        last_reminder,
        version,
        // Each promised action stays for the report's counts (due, done, on time); what
        // was promised and what was done are the officer's words about the resident.
        promised: promised.into_iter().map(promised_action).collect(),
        // What a person needs (often about their health) goes whole: no figure uses it.
        adjustments: None,
        anonymised: Some(Anonymised {
            at,
            rule: rule.to_owned(),
        }),
    };
    let Feedback {
        kind,
        service,
        what_happened: _,
        when_happened: _,
        put_right,
        staff_name: _,
        submitter: _,
        language,
    } = details.clone();
    let feedback = Feedback {
        kind,
        service,
        what_happened: Description::removed(),
        when_happened: None,
        put_right: put_right.map(|_| Description::removed()),
        staff_name: None,
        submitter: Submitter::Anonymous,
        language,
    };
    let event = CaseEvent {
        at,
        actor: Actor::System,
        action: Action::Anonymise {
            rule: rule.to_owned(),
        },
        version,
    };
    Some((anonymised, feedback, event))
}

/// The event with the free text it carries removed; the same event when it has none (so
/// anonymising twice changes nothing).
pub fn anonymise_event(event: &CaseEvent) -> CaseEvent {
    let mut event = event.clone();
    match &mut event.action {
        Action::Respond { response } => *response = response_details(response.clone()),
        Action::Extend { reason, .. }
        | Action::Withdraw { reason, .. }
        | Action::ReclassifyAsServiceRequest { reason } => *reason = LongText::removed(),
        Action::Note { text } => *text = LongText::removed(),
        Action::PromiseAction { description, .. } => *description = LongText::removed(),
        Action::CompleteAction { note, .. } => *note = LongText::removed(),
        Action::CloseOverridingActions { reason, .. } => *reason = LongText::removed(),
        Action::AgreeAdjustments { terms } => {
            terms.needs.clear();
            terms.notes = None;
        }
        Action::ReviewAdjustments { note, .. } => *note = LongText::removed(),
        // The report counts refusals by their ground, or by their reason when they were
        // recorded without one.
        Action::NotAccept {
            reason,
            ground: Some(_),
            ..
        } => *reason = LongText::removed(),
        Action::NotAccept { ground: None, .. } => {}
        Action::CorrectContactDetails { reason, .. } | Action::Redact { reason, .. } => {
            *reason = LongText::removed()
        }
        Action::Receive { .. }
        | Action::Acknowledge { .. }
        | Action::Assign { .. }
        | Action::Escalate { .. }
        | Action::Close { .. }
        | Action::PromoteToComplaint { .. }
        | Action::SendReminder { .. }
        | Action::ReferToOmbudsman { .. }
        | Action::RecordOmbudsmanDecision { .. }
        | Action::Anonymise { .. }
        | Action::SubjectAccessExport { .. } => {}
    }
    event
}

fn promised_action(action: PromisedAction) -> PromisedAction {
    let PromisedAction {
        id,
        description: _,
        owner,
        due,
        stage,
        promised_on,
        promised_by,
        completed,
        last_reminder,
    } = action;
    PromisedAction {
        id,
        description: crate::input::REMOVED.to_owned(),
        owner,
        due,
        stage,
        promised_on,
        promised_by,
        completed: completed.map(|Completion { on, by, note: _ }| Completion {
            on,
            by,
            note: crate::input::REMOVED.to_owned(),
        }),
        last_reminder,
    }
}

fn stage_record(record: StageRecord) -> StageRecord {
    let StageRecord {
        stage,
        started_on,
        acknowledge_by,
        acknowledged_on,
        original_respond_by,
        respond_by,
        extensions,
        handlers,
        response,
    } = record;
    StageRecord {
        stage,
        started_on,
        acknowledge_by,
        acknowledged_on,
        original_respond_by,
        respond_by,
        extensions: extensions
            .into_iter()
            .map(|Extension { on, to, reason: _ }| Extension {
                on,
                to,
                reason: crate::input::REMOVED.to_owned(),
            })
            .collect(),
        handlers,
        response: response.map(response_details),
    }
}

fn response_details(response: ResponseDetails) -> ResponseDetails {
    let ResponseDetails {
        responded_on,
        outcome,
        reasons: _,
        remedies,
        learning,
        outstanding_actions,
        responder,
    } = response;
    ResponseDetails {
        responded_on,
        outcome,
        reasons: LongText::removed(),
        remedies,
        // The report lists the learning: it is about the service, and kept with the sums.
        learning,
        outstanding_actions: outstanding_actions.map(|_| LongText::removed()),
        responder,
    }
}
