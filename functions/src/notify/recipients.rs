//! Who hears about what, and when: each case change, claimed reminder and day's digest
//! becomes the outbox messages it causes. A case change queues its messages in the same
//! write as the change, so a failed or slow send never holds up or loses it.
//!
//! Residents hear about their case by email only when they gave one and asked to be
//! contacted that way; anonymous feedback can receive nothing. Officers' messages go to
//! their address from the council's configuration, else to the complaints inbox.

use super::templates::{
    Audience, DigestLine, Notice, Rendered, TemplateContext, render_digest, render_with_overrides,
};
use crate::config::CouncilConfig;
use crate::outbox::OutboxMessage;
use crate::store::CaseRecord;
use feedback_shared::case::{Action, CaseEvent, Delivery, Rules, delivery};
use feedback_shared::deadlines::{DeadlineStatus, deadline_status};
use feedback_shared::reminders::{DeadlineKind, ReminderPoint};
use feedback_shared::{Language, OfficerId, Stage};
use time::OffsetDateTime;

/// How a message reaches the resident: the one rule, [`delivery`], over what they chose
/// in the form and the adjustments agreed on the case.
fn resident_delivery(record: &CaseRecord) -> Delivery {
    delivery(&record.details.submitter, record.case.adjustments.as_ref())
}

/// The resident's address, if a message to them is emailed as it stands.
fn resident_address(record: &CaseRecord) -> Option<String> {
    match resident_delivery(record) {
        Delivery::Email(to) => Some(to),
        Delivery::Officer { .. } | Delivery::Nobody => None,
    }
}

fn queue(
    council: &CouncilConfig,
    record: &CaseRecord,
    what: &str,
    to: Option<String>,
    rendered: Rendered,
    language: Language,
    now: OffsetDateTime,
) -> Option<OutboxMessage> {
    let to = to?;
    // Stable across retries of the same change, unique across changes.
    let id = format!(
        "{}-{}-v{}-{what}",
        council.id,
        record.reference(),
        record.case.version
    );
    Some(OutboxMessage {
        id: id.clone(),
        council: council.id.clone(),
        reference: Some(record.reference().clone()),
        email: rendered.into_email(id, council.sender(), vec![to], language),
        not_before: now,
        attempts: 0,
    })
}

/// The resident's notice about `record` in their language, whether or not it is emailed:
/// what is queued for them, and what an officer previews (and posts, when there is no
/// email) before acting.
fn render_for_resident(
    rules: Rules<'_>,
    council: &CouncilConfig,
    record: &CaseRecord,
    notice: Notice,
    status_code: Option<&str>,
) -> (Rendered, Language) {
    let language = record.details.language;
    let ctx = TemplateContext {
        council,
        record,
        escalate_by: record.case.escalate_by(rules),
        status_url: None,
        status_code,
    };
    (
        render_with_overrides(&notice, &ctx, language, &council.templates),
        language,
    )
}

/// The resident's notice: emailed to them, or, when they asked for post or phone or a
/// format an officer must produce, sent to the case's officer (the complaints inbox
/// while nobody is assigned) as a task carrying the letter. Either way the message is
/// recorded against the case, so the timeline shows what was sent and to whom.
fn to_resident(
    rules: Rules<'_>,
    council: &CouncilConfig,
    record: &CaseRecord,
    notice: Notice,
    status_code: Option<&str>,
    now: OffsetDateTime,
) -> Option<OutboxMessage> {
    match resident_delivery(record) {
        Delivery::Email(to) => {
            let (rendered, language) =
                render_for_resident(rules, council, record, notice, status_code);
            queue(
                council,
                record,
                "resident",
                Some(to),
                rendered,
                language,
                now,
            )
        }
        Delivery::Officer { contact, format } => {
            let (letter, _) = render_for_resident(rules, council, record, notice, status_code);
            to_officer(
                council,
                record,
                "resident-by-officer",
                council.officer_address(record.case.assigned_to.as_ref()),
                Notice::SendToResident {
                    contact,
                    format,
                    letter: &letter,
                },
                now,
            )
        }
        Delivery::Nobody => None,
    }
}

/// What the resident is told about `event`, applied to give `record`, if anything.
fn resident_notice<'r>(record: &'r CaseRecord, event: &CaseEvent) -> Option<Notice<'r>> {
    match &event.action {
        // At stage 2 the acknowledgement is the stage 2 letter, with its own dates: the
        // first acknowledgement's words are stage 1's.
        Action::Acknowledge { .. } if record.case.stage() == Some(Stage::Two) => {
            Some(Notice::EscalationReceived)
        }
        Action::Acknowledge { .. } => Some(Notice::Acknowledgement),
        Action::Extend { .. } => record
            .case
            .current_stage()
            .and_then(|s| s.extensions.last())
            .map(|extension| Notice::Extension { extension }),
        Action::Respond { .. } => record.case.stage().map(|stage| Notice::Response { stage }),
        Action::Escalate { .. } => Some(Notice::EscalationReceived),
        // A refusal says why and names the Ombudsman route (the Code, and DOMAIN.md's
        // "Acceptance and exclusions").
        Action::NotAccept { .. } => Some(Notice::NotAccepted),
        // Told once, when the last open promised action is completed (Code 6.6).
        Action::CompleteAction { .. } if record.case.all_actions_done() => {
            Some(Notice::ActionsDone)
        }
        _ => None,
    }
}

fn to_officer(
    council: &CouncilConfig,
    record: &CaseRecord,
    what: &str,
    to: Option<String>,
    notice: Notice,
    now: OffsetDateTime,
) -> Option<OutboxMessage> {
    // Every officer notice links to the case in the console, when the council says where.
    let case_url = council.case_url(record.reference());
    let ctx = TemplateContext {
        council,
        record,
        escalate_by: None,
        status_url: case_url.as_deref(),
        status_code: None,
    };
    // Officers get messages in the council's first language.
    let language = council.languages.first().copied().unwrap_or_default();
    queue(
        council,
        record,
        what,
        to,
        render_with_overrides(&notice, &ctx, language, &council.templates),
        language,
        now,
    )
}

/// Messages for a case just received: a complaint's acknowledgement, with the resident's
/// `status_code` for checking progress, when they gave an email address.
pub fn for_received(
    rules: Rules<'_>,
    council: &CouncilConfig,
    record: &CaseRecord,
    status_code: Option<&str>,
    now: OffsetDateTime,
) -> Vec<OutboxMessage> {
    if record.case.kind != feedback_shared::Kind::Complaint {
        return Vec::new();
    }
    to_resident(
        rules,
        council,
        record,
        Notice::Acknowledgement,
        status_code,
        now,
    )
    .into_iter()
    .collect()
}

/// Messages caused by `event`, applied to give `record`.
pub fn for_event(
    rules: Rules<'_>,
    council: &CouncilConfig,
    record: &CaseRecord,
    event: &CaseEvent,
    now: OffsetDateTime,
) -> Vec<OutboxMessage> {
    let resident = resident_notice(record, event)
        .and_then(|notice| to_resident(rules, council, record, notice, None, now));
    let officer = to_officers(council, record, event, now);
    resident.into_iter().chain(officer).collect()
}

/// What officers are told about `event`: the assignee, of their assignment; the case's
/// officer, when the promised actions are all done and the resident has no email to be
/// told by, to tell them another way.
fn to_officers(
    council: &CouncilConfig,
    record: &CaseRecord,
    event: &CaseEvent,
    now: OffsetDateTime,
) -> Option<OutboxMessage> {
    match &event.action {
        Action::Assign { officer } => to_officer(
            council,
            record,
            "assigned",
            council.officer_address(Some(officer)),
            Notice::Assigned,
            now,
        ),
        // A resident written to by post or phone gets the letter itself through the
        // officer (see `to_resident`); this is for one with no way to write to at all.
        Action::CompleteAction { .. }
            if record.case.all_actions_done() && resident_delivery(record) == Delivery::Nobody =>
        {
            to_officer(
                council,
                record,
                "tell-resident",
                council.officer_address(record.case.assigned_to.as_ref()),
                Notice::ActionsDoneByPost,
                now,
            )
        }
        _ => None,
    }
}

/// A message `event` would cause, written out but not queued: for an officer to read
/// before acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub audience: Audience,
    /// Where it would be emailed; empty for a resident who is not emailed (no address,
    /// or they asked for post or phone), whom the officer sends it another way.
    pub to: Vec<String>,
    pub rendered: Rendered,
    pub language: Language,
}

/// Every message `event` (applied to give `record`) causes, written by the same templates
/// as [`for_event`]; the resident's notice is written even when it would not be emailed.
pub fn letters_for_event(
    rules: Rules<'_>,
    council: &CouncilConfig,
    record: &CaseRecord,
    event: &CaseEvent,
    now: OffsetDateTime,
) -> Vec<Letter> {
    let resident = resident_notice(record, event).map(|notice| {
        let (rendered, language) = render_for_resident(rules, council, record, notice, None);
        Letter {
            audience: Audience::Resident,
            to: resident_address(record).into_iter().collect(),
            rendered,
            language,
        }
    });
    let officers = to_officers(council, record, event, now).map(|m| Letter {
        audience: Audience::Officer,
        to: m.email.to,
        rendered: Rendered {
            subject: m.email.subject,
            text: m.email.text,
            html: m.email.html,
        },
        language: m.email.language,
    });
    resident.into_iter().chain(officers).collect()
}

/// The message for a claimed reminder point: to the handler before and on the day, to
/// the complaints manager once overdue.
pub fn for_reminder(
    rules: Rules<'_>,
    council: &CouncilConfig,
    record: &CaseRecord,
    point: &ReminderPoint,
    now: OffsetDateTime,
) -> Vec<OutboxMessage> {
    // A review is the case officer's to hold, whenever the reminder is claimed; it never
    // escalates.
    if point.deadline == DeadlineKind::ReviewAdjustments {
        let to = council.officer_address(record.case.assigned_to.as_ref());
        let notice = Notice::AdjustmentsReview { due: point.due };
        return to_officer(council, record, "adjustments-review", to, notice, now)
            .into_iter()
            .collect();
    }
    let today = feedback_shared::london::london_date(now);
    // Counted now, not when the point was set: a late run tells it as it is.
    let status = deadline_status(rules.calendar, rules.policy.division, point.due, today);
    // A promised action's reminders go to its owner; a stage's to the case's officer.
    let assigned: Option<&OfficerId> = match point.action {
        Some(id) => record.case.promised_action(id).map(|a| &a.owner),
        None => record.case.assigned_to.as_ref(),
    };
    // What the deadline's state is today decides the message, whatever kind of point
    // triggered it: a reminder claimed late for a deadline now passed is an escalation.
    let (what, to, notice) = match status {
        DeadlineStatus::Overdue { working_days } => (
            "overdue",
            council.manager_address(),
            Notice::Overdue {
                deadline: point.deadline,
                due: point.due,
                working_days_overdue: working_days,
                action: point.action,
            },
        ),
        DeadlineStatus::DueToday => (
            "reminder",
            council.officer_address(assigned),
            Notice::Reminder {
                deadline: point.deadline,
                due: point.due,
                working_days_left: 0,
            },
        ),
        DeadlineStatus::Remaining { working_days } => (
            "reminder",
            council.officer_address(assigned),
            Notice::Reminder {
                deadline: point.deadline,
                due: point.due,
                working_days_left: working_days,
            },
        ),
    };
    let message = to_officer(council, record, what, to, notice, now);
    message.into_iter().collect()
}

/// An officer's digest of their open cases for the day of `now`, if the council has their
/// address. Its id names the officer and the day, so queuing it once per day is the
/// store's to enforce.
pub fn for_digest(
    council: &CouncilConfig,
    officer: &str,
    lines: &[DigestLine],
    now: OffsetDateTime,
) -> Option<OutboxMessage> {
    let to = council.officer_emails.get(officer)?.clone();
    let today = feedback_shared::london::london_date(now);
    let id = format!("digest-{}-{officer}-{today}", council.id);
    let language = council.languages.first().copied().unwrap_or_default();
    let rendered = render_digest(council, lines, None, language, &council.templates);
    Some(OutboxMessage {
        id: id.clone(),
        council: council.id.clone(),
        reference: None,
        email: rendered.into_email(id, council.sender(), vec![to], language),
        not_before: now,
        attempts: 0,
    })
}
