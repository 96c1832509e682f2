//! A case and its state machine. Every change is an [`Action`] applied by an [`Actor`];
//! applying it either refuses with a [`TransitionError`] or yields the [`CaseEvent`] to
//! append to the timeline. Events are never edited: replaying them rebuilds the case.

mod action;
mod adjustments;
mod anonymise;
mod correction;
mod error;
mod escalation;
mod promised;
mod refusal;
mod status;
mod transition;

#[cfg(test)]
mod adjustments_tests;
#[cfg(test)]
mod promised_tests;
#[cfg(test)]
mod tests;

pub use action::{Action, Actor, CaseEvent, ResponseDetails};
pub use adjustments::{
    AdjustmentReview, AdjustmentTerms, AgreedAdjustments, Delivery, Format, ReviewDecision,
    delivery,
};
pub use anonymise::{Anonymised, anonymise, anonymise_event, retention_rule};
pub use correction::{
    ContactField, Correction, CorrectionRefused, FreeTextField, REDACTED, TextChange,
    correct_contact, redact, text_of,
};
pub use error::TransitionError;
pub use promised::{Completion, PromisedAction};
pub use refusal::RefusalGround;
pub use status::Status;

use crate::calendar::Calendar;
use crate::council::{CouncilId, OfficerId};
use crate::deadlines::{StageDeadlines, stage_deadlines};
use crate::feedback::{Channel, Kind, Stage};
use crate::outcome::{Ombudsman, OmbudsmanDecision};
use crate::policy::Policy;
use crate::reference::Reference;
use crate::reminders::{DeadlineKind, ReminderPoint, Target};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::{Date, OffsetDateTime};

/// The rules a case is worked under: the calendar and the council's policy.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    pub calendar: &'a Calendar,
    pub policy: &'a Policy,
}

impl Rules<'_> {
    fn deadlines(
        &self,
        stage: Stage,
        started_on: Date,
        acknowledged_on: Option<Date>,
    ) -> StageDeadlines {
        stage_deadlines(
            self.calendar,
            self.policy,
            stage,
            started_on,
            acknowledged_on,
        )
    }
}

/// An extension of a stage's response date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Extension {
    pub on: Date,
    pub to: Date,
    pub reason: String,
}

/// One stage of a complaint: its dates and who handled it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageRecord {
    pub stage: Stage,
    /// Receipt (stage 1) or escalation request (stage 2), London date.
    pub started_on: Date,
    pub acknowledge_by: Date,
    pub acknowledged_on: Option<Date>,
    /// The response date before any extension.
    pub original_respond_by: Date,
    /// The response date now in force.
    pub respond_by: Date,
    pub extensions: Vec<Extension>,
    /// Everyone assigned to or responding at this stage.
    pub handlers: BTreeSet<OfficerId>,
    pub response: Option<ResponseDetails>,
}

impl StageRecord {
    fn start(rules: Rules<'_>, stage: Stage, started_on: Date) -> Self {
        let d = rules.deadlines(stage, started_on, None);
        StageRecord {
            stage,
            started_on,
            acknowledge_by: d.acknowledge_by,
            acknowledged_on: None,
            original_respond_by: d.respond_by,
            respond_by: d.respond_by,
            extensions: Vec::new(),
            handlers: BTreeSet::new(),
            response: None,
        }
    }
}

/// The Ombudsman's involvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OmbudsmanReferral {
    pub ombudsman: Ombudsman,
    pub referred_on: Date,
    /// When the Ombudsman decided, and what: `["2026-11-24", "upheld"]`.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<String>>, min_items = 2, max_items = 2))]
    pub decision: Option<(Date, OmbudsmanDecision)>,
}

/// A piece of feedback and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Case {
    pub council: CouncilId,
    pub reference: Reference,
    pub kind: Kind,
    pub channel: Channel,
    /// When it reached the council (for phone or letter, when the officer says it did).
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    pub status: Status,
    pub assigned_to: Option<OfficerId>,
    /// Present for complaints: stage 1 always, stage 2 once escalated.
    pub stage1: Option<StageRecord>,
    pub stage2: Option<StageRecord>,
    pub ombudsman: Option<OmbudsmanReferral>,
    /// Why it was withdrawn or not accepted, for reports.
    pub closure_reason: Option<String>,
    /// The ground a complaint was not accepted on, when the officer gave one: what the
    /// annual report summarises, kept when personal data goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_ground: Option<RefusalGround>,
    /// When it was closed, withdrawn or not accepted (London date), for reports and
    /// retention.
    #[serde(default)]
    pub closed_on: Option<Date>,
    /// The next reminder point of the deadline being worked to, kept up to date by every
    /// change: the store indexes it, so the reminder job finds due cases without a scan.
    #[serde(default)]
    pub next_reminder: Option<ReminderPoint>,
    /// The last reminder point sent, so none is sent twice.
    #[serde(default)]
    pub last_reminder: Option<ReminderPoint>,
    /// The actions its responses promised, in the order recorded (Code 6.6).
    #[serde(default)]
    pub promised: Vec<PromisedAction>,
    /// The reasonable adjustments agreed with the resident and their reviews (Code 5.6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustments: Option<AgreedAdjustments>,
    /// How many changes have been applied (notes, which change nothing, do not count): the
    /// optimistic-concurrency version. Officers send it back with an action to refuse the
    /// action if the case changed since they read it.
    pub version: u64,
    /// When and under which rule its personal data was removed; set once, by
    /// [`anonymise`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymised: Option<Anonymised>,
}

impl Case {
    /// A newly received case and the first event of its timeline. Complaints start stage 1
    /// with the London date of receipt.
    pub fn receive(
        rules: Rules<'_>,
        council: CouncilId,
        reference: Reference,
        kind: Kind,
        channel: Channel,
        received_at: OffsetDateTime,
        actor: Actor,
    ) -> (Case, CaseEvent) {
        let received_on = crate::london::london_date(received_at);
        let case = Case {
            council,
            reference,
            kind,
            channel,
            received_at,
            status: Status::Received,
            assigned_to: None,
            stage1: kind
                .has_deadlines()
                .then(|| StageRecord::start(rules, Stage::One, received_on)),
            stage2: None,
            ombudsman: None,
            closure_reason: None,
            refusal_ground: None,
            closed_on: None,
            next_reminder: None,
            last_reminder: None,
            promised: Vec::new(),
            adjustments: None,
            version: 1,
            anonymised: None,
        };
        let mut case = case;
        case.refresh_reminder(rules);
        let event = CaseEvent {
            at: received_at,
            actor,
            action: Action::Receive { kind, channel },
            version: 1,
        };
        (case, event)
    }

    /// The London date of receipt.
    pub fn received_on(&self) -> Date {
        crate::london::london_date(self.received_at)
    }

    /// The stage the complaint is at, if it is a complaint.
    pub fn stage(&self) -> Option<Stage> {
        match (&self.stage1, &self.stage2) {
            (_, Some(_)) => Some(Stage::Two),
            (Some(_), None) => Some(Stage::One),
            (None, None) => None,
        }
    }

    /// The record of the stage in progress.
    pub fn current_stage(&self) -> Option<&StageRecord> {
        self.stage2.as_ref().or(self.stage1.as_ref())
    }

    fn current_stage_mut(&mut self) -> Option<&mut StageRecord> {
        self.stage2.as_mut().or(self.stage1.as_mut())
    }

    /// The deadline being worked to: acknowledgement while received, response while
    /// acknowledged; none for other kinds or once answered or finished.
    pub fn current_deadline(&self) -> Option<(Stage, DeadlineKind, Date)> {
        if self.kind != Kind::Complaint || self.status.is_finished() {
            return None;
        }
        let s = self.current_stage()?;
        match self.status {
            Status::Received => Some((s.stage, DeadlineKind::Acknowledge, s.acknowledge_by)),
            Status::Acknowledged => Some((s.stage, DeadlineKind::Respond, s.respond_by)),
            _ => None,
        }
    }

    /// The deadline being worked to, as a reminder target, with the last reminder sent
    /// for it (a reminder for an earlier deadline does not count).
    fn reminder_target(&self) -> Option<(Target, Option<OffsetDateTime>)> {
        let (stage, deadline, due) = self.current_deadline()?;
        let sent = self
            .last_reminder
            .filter(|last| (last.stage, last.deadline, last.due) == (stage, deadline, due))
            .map(|last| last.at);
        Some((
            Target {
                stage,
                deadline,
                due,
                action: None,
            },
            sent,
        ))
    }

    /// Every date reminded: the deadline being worked to, each open promised action's
    /// due date and the adjustments' review date, each with when its last point was sent.
    fn reminder_targets(&self) -> impl Iterator<Item = (Target, Option<OffsetDateTime>)> {
        self.reminder_target()
            .into_iter()
            .chain(self.action_targets())
            .chain(self.adjustment_target())
    }

    /// Recomputes [`Case::next_reminder`] after a change: the earliest next point of all
    /// the targets, so the store's one index entry per case covers promised actions too.
    pub(crate) fn refresh_reminder(&mut self, rules: Rules<'_>) {
        self.next_reminder = self
            .reminder_targets()
            .filter_map(|(target, sent)| {
                rules.policy.reminders.next_after(
                    rules.calendar,
                    rules.policy.division,
                    target,
                    sent,
                )
            })
            .min_by_key(|p| p.at);
    }

    /// The reminder to send at `now`, if one is due: of each target's latest point not
    /// yet sent, the earliest (the next run sends the next, one claim at a time).
    pub fn reminder_due(&self, rules: Rules<'_>, now: OffsetDateTime) -> Option<ReminderPoint> {
        self.reminder_targets()
            .filter_map(|(target, sent)| {
                rules.policy.reminders.latest_due(
                    rules.calendar,
                    rules.policy.division,
                    target,
                    sent,
                    now,
                )
            })
            .min_by_key(|p| (p.at, p.action))
    }

    /// The next deadline that is still to be met, if any: acknowledgement, then response.
    pub fn next_deadline(&self) -> Option<Date> {
        if self.status.is_finished() {
            return None;
        }
        let s = self.current_stage()?;
        match self.status {
            Status::Received => Some(s.acknowledge_by),
            Status::Acknowledged => Some(s.respond_by),
            _ => None,
        }
    }
}
