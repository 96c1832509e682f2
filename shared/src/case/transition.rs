//! The rules of the procedure: which action is allowed when, and what it changes.

use super::{
    Action, Actor, Case, CaseEvent, Extension, OmbudsmanReferral, Rules, StageRecord, Status,
    TransitionError,
};
use crate::council::OfficerId;
use crate::deadlines::check_extension;
use crate::feedback::{Kind, Stage};
use crate::london::london_date;
use crate::reminders::DeadlineKind;
use time::{Date, OffsetDateTime};

impl Case {
    /// Applies `action` by `actor` at `at`. On success the case moves on and the event to
    /// append is returned; on refusal the case is unchanged. An action that
    /// [appends only](Action::appends_only) is checked and leaves the case as it was, its
    /// version included.
    pub fn apply(
        &mut self,
        rules: Rules<'_>,
        actor: Actor,
        at: OffsetDateTime,
        mut action: Action,
    ) -> Result<CaseEvent, TransitionError> {
        let mut next = self.clone();
        next.transition(rules, &actor, at, &mut action)?;
        if action.appends_only() {
            debug_assert!(next == *self, "an append-only action changed the case");
        } else {
            next.refresh_reminder(rules);
            next.version += 1;
            *self = next;
        }
        Ok(CaseEvent {
            at,
            actor,
            action,
            version: self.version,
        })
    }

    /// Rebuilds a case from its first state and the rest of its timeline (the receipt
    /// event that made the first state, and what was appended at it, are skipped). The
    /// version follows the timeline's, so a timeline stored while notes still counted
    /// replays to the version it was stored with.
    pub fn replay<'e>(
        mut self,
        rules: Rules<'_>,
        events: impl IntoIterator<Item = &'e CaseEvent>,
    ) -> Result<Case, TransitionError> {
        let first = self.version;
        for event in events.into_iter().filter(|e| e.version > first) {
            self.apply(rules, event.actor.clone(), event.at, event.action.clone())?;
            self.version = event.version;
        }
        Ok(self)
    }

    fn transition(
        &mut self,
        rules: Rules<'_>,
        actor: &Actor,
        at: OffsetDateTime,
        action: &mut Action,
    ) -> Result<(), TransitionError> {
        let name = action.name();
        if !action.applies_to(self.kind) {
            return Err(TransitionError::WrongKind {
                action: name,
                kind: self.kind,
            });
        }
        let resident_may = matches!(action, Action::Escalate { .. });
        let system_only = matches!(
            action,
            Action::SendReminder { .. }
                | Action::Anonymise { .. }
                | Action::SubjectAccessExport { .. }
                | Action::CorrectContactDetails { .. }
                | Action::Redact { .. }
        );
        let officer = match actor {
            Actor::System if system_only => None,
            _ if system_only => return Err(TransitionError::SystemOnly { action: name }),
            Actor::Officer(id) => Some(id.clone()),
            Actor::Resident if resident_may => None,
            _ => return Err(TransitionError::OfficerOnly { action: name }),
        };
        let after_finish = matches!(
            action,
            Action::Note { .. }
                | Action::ReferToOmbudsman { .. }
                | Action::RecordOmbudsmanDecision { .. }
                | Action::Escalate { .. }
                | Action::CompleteAction { .. }
                // A manager may close with actions open; they are still reminded.
                | Action::SendReminder { .. }
        );
        if self.status.is_finished() && !after_finish {
            return Err(TransitionError::Finished {
                action: name,
                status: self.status,
            });
        }
        let today = london_date(at);

        match action {
            // Removing personal data rewrites the stored timeline too, which only the
            // store can do: see `case::anonymise`.
            Action::Anonymise { .. }
            | Action::SubjectAccessExport { .. }
            | Action::CorrectContactDetails { .. }
            | Action::Redact { .. } => {
                return Err(TransitionError::SystemOnly { action: name });
            }
            Action::Receive { .. } => {
                return Err(TransitionError::Finished {
                    action: name,
                    status: self.status,
                });
            }
            Action::Acknowledge { on } => {
                let on = *on;
                let stage = self.require_status(name, &[Status::Received])?;
                self.check_date(on, today)?;
                let record = self.current_stage_mut().expect("complaints have a stage");
                let d = rules.deadlines(stage, record.started_on, Some(on));
                record.acknowledged_on = Some(on);
                record.original_respond_by = d.respond_by;
                record.respond_by = d.respond_by;
                self.status = Status::Acknowledged;
            }
            Action::Assign { officer: assignee } => {
                if self.stage() == Some(Stage::Two) {
                    self.refuse_stage1_handler(assignee)?;
                }
                if let Some(record) = self.current_stage_mut() {
                    record.handlers.insert(assignee.clone());
                }
                self.assigned_to = Some(assignee.clone());
            }
            Action::Respond { response } => {
                if self.status == Status::Received {
                    return Err(TransitionError::NotAcknowledged);
                }
                let stage = self.require_status(name, &[Status::Acknowledged])?;
                if !response.outcome.is_decision() {
                    return Err(TransitionError::NotADecision);
                }
                let responder = officer.expect("respond is officer-only");
                if stage == Stage::Two {
                    self.refuse_stage1_handler(&responder)?;
                }
                self.check_date(response.responded_on, today)?;
                let record = self.current_stage_mut().expect("complaints have a stage");
                if let Some(ack) = record
                    .acknowledged_on
                    .filter(|ack| response.responded_on < *ack)
                {
                    return Err(TransitionError::BeforeStart {
                        date: response.responded_on,
                        started_on: ack,
                    });
                }
                response.responder = Some(responder.clone());
                record.handlers.insert(responder);
                record.response = Some(response.clone());
                self.status = Status::Responded;
            }
            Action::Extend { to, reason } => {
                let stage = self.require_status(name, &[Status::Acknowledged])?;
                let record = self.current_stage_mut().expect("complaints have a stage");
                let to = check_extension(
                    rules.calendar,
                    rules.policy,
                    stage,
                    record.original_respond_by,
                    record.respond_by,
                    *to,
                )?;
                record.extensions.push(Extension {
                    on: today,
                    to,
                    reason: reason.to_string(),
                });
                record.respond_by = to;
            }
            Action::Escalate {
                requested_on,
                handler,
            } => {
                let requested_on = *requested_on;
                self.escalate(rules, actor, today, requested_on, handler.as_ref())?;
            }
            Action::Close { on } => {
                if self.kind == Kind::Complaint {
                    self.require_status(name, &[Status::Responded])?;
                }
                self.check_open_actions(false)?;
                let on = self.effective_date(*on, today)?;
                self.status = Status::Closed;
                self.closed_on = Some(on);
            }
            Action::Withdraw { reason, on } => {
                let on = self.effective_date(*on, today)?;
                self.status = Status::Withdrawn;
                self.closure_reason = Some(reason.to_string());
                self.closed_on = Some(on);
            }
            Action::NotAccept { reason, on, ground } => {
                self.require_stage_one_before_response(name)?;
                let on = self.effective_date(*on, today)?;
                self.status = Status::NotAccepted;
                self.closure_reason = Some(reason.to_string());
                self.refusal_ground = *ground;
                self.closed_on = Some(on);
            }
            Action::ReclassifyAsServiceRequest { .. } => {
                self.require_stage_one_before_response(name)?;
                self.kind = Kind::ServiceRequest;
                self.stage1 = None;
                self.status = Status::Received;
            }
            Action::PromoteToComplaint { on } => {
                let on = *on;
                if on > today {
                    return Err(TransitionError::FutureDate { date: on });
                }
                if on < self.received_on() {
                    return Err(TransitionError::BeforeStart {
                        date: on,
                        started_on: self.received_on(),
                    });
                }
                self.kind = Kind::Complaint;
                self.stage1 = Some(StageRecord::start(rules, Stage::One, on));
                if let (Some(record), Some(officer)) =
                    (self.stage1.as_mut(), self.assigned_to.clone())
                {
                    record.handlers.insert(officer);
                }
                self.status = Status::Received;
            }
            Action::CloseOverridingActions { on, .. } => {
                self.require_status(name, &[Status::Responded])?;
                self.check_open_actions(true)?;
                let on = self.effective_date(*on, today)?;
                self.status = Status::Closed;
                self.closed_on = Some(on);
            }
            Action::PromiseAction {
                description,
                owner,
                due,
            } => {
                let by = officer.expect("promising is officer-only");
                self.promise_action(by, today, description, owner, *due)?;
            }
            Action::CompleteAction { id, note, on } => {
                let by = officer.expect("completing is officer-only");
                self.complete_action(by, today, *id, note, *on)?;
            }
            Action::AgreeAdjustments { terms } => {
                let by = officer.expect("agreeing adjustments is officer-only");
                self.agree_adjustments(by, today, terms)?;
            }
            Action::ReviewAdjustments {
                decision,
                note,
                next_review,
            } => {
                let by = officer.expect("reviewing adjustments is officer-only");
                self.review_adjustments(by, today, *decision, note, *next_review)?;
            }
            Action::Note { .. } => {}
            Action::SendReminder { point } => {
                // Only the point the schedule says is due now, and never one already sent.
                if self.reminder_due(rules, at) != Some(*point) {
                    return Err(TransitionError::ReminderNotDue);
                }
                match (point.deadline, point.action) {
                    (DeadlineKind::ReviewAdjustments, _) => {
                        self.mark_adjustments_reminded(point.at)
                    }
                    (_, Some(id)) => self.mark_action_reminded(id, point.at),
                    (_, None) => self.last_reminder = Some(*point),
                }
            }
            Action::ReferToOmbudsman { ombudsman, on } => {
                if *on > today {
                    return Err(TransitionError::FutureDate { date: *on });
                }
                // A referral follows the council's own handling, so never precedes receipt.
                if *on < self.received_on() {
                    return Err(TransitionError::BeforeStart {
                        date: *on,
                        started_on: self.received_on(),
                    });
                }
                if self.ombudsman.is_some() {
                    return Err(TransitionError::AlreadyReferred);
                }
                self.ombudsman = Some(OmbudsmanReferral {
                    ombudsman: *ombudsman,
                    referred_on: *on,
                    decision: None,
                });
            }
            Action::RecordOmbudsmanDecision { decision, on } => {
                let referral = self
                    .ombudsman
                    .as_mut()
                    .ok_or(TransitionError::NotReferred)?;
                if *on > today {
                    return Err(TransitionError::FutureDate { date: *on });
                }
                if *on < referral.referred_on {
                    return Err(TransitionError::BeforeStart {
                        date: *on,
                        started_on: referral.referred_on,
                    });
                }
                referral.decision = Some((*on, *decision));
            }
        }
        Ok(())
    }

    /// The current stage, if the case is at one of `allowed` statuses.
    /// The date an action took effect: `given`, or today. Never in the future, and never
    /// before the case was received.
    fn effective_date(&self, given: Option<Date>, today: Date) -> Result<Date, TransitionError> {
        let on = given.unwrap_or(today);
        if on > today {
            return Err(TransitionError::FutureDate { date: on });
        }
        if on < self.received_on() {
            return Err(TransitionError::BeforeStart {
                date: on,
                started_on: self.received_on(),
            });
        }
        Ok(on)
    }

    fn require_status(
        &self,
        action: &'static str,
        allowed: &[Status],
    ) -> Result<Stage, TransitionError> {
        let stage = self.stage().ok_or(TransitionError::WrongKind {
            action,
            kind: self.kind,
        })?;
        if allowed.contains(&self.status) {
            Ok(stage)
        } else {
            Err(TransitionError::NotAllowed {
                action,
                status: self.status,
                stage,
            })
        }
    }

    fn require_stage_one_before_response(
        &self,
        action: &'static str,
    ) -> Result<(), TransitionError> {
        let stage = self.require_status(action, &[Status::Received, Status::Acknowledged])?;
        if stage == Stage::Two {
            return Err(TransitionError::NotAllowed {
                action,
                status: self.status,
                stage,
            });
        }
        Ok(())
    }

    /// A date an officer gives must be today or earlier and not before the stage began.
    fn check_date(&self, date: Date, today: Date) -> Result<(), TransitionError> {
        if date > today {
            return Err(TransitionError::FutureDate { date });
        }
        let started_on = self
            .current_stage()
            .map_or(self.received_on(), |s| s.started_on);
        if date < started_on {
            return Err(TransitionError::BeforeStart { date, started_on });
        }
        Ok(())
    }

    /// Refuses `officer` for stage 2 if they handled stage 1: the Code wants someone else.
    /// Public so a form can say so before it is sent.
    pub fn refuse_stage1_handler(&self, officer: &OfficerId) -> Result<(), TransitionError> {
        let handled = self
            .stage1
            .as_ref()
            .is_some_and(|s| s.handlers.contains(officer));
        if handled {
            Err(TransitionError::SameHandler {
                officer: officer.clone(),
            })
        } else {
            Ok(())
        }
    }

    fn escalate(
        &mut self,
        rules: Rules<'_>,
        actor: &Actor,
        today: Date,
        requested_on: Date,
        handler: Option<&OfficerId>,
    ) -> Result<(), TransitionError> {
        let action = "escalate";
        let stage = self.stage().ok_or(TransitionError::WrongKind {
            action,
            kind: self.kind,
        })?;
        let responded_on = match (&self.stage1, stage, self.status) {
            (Some(s1), Stage::One, Status::Responded | Status::Closed) => {
                s1.response.as_ref().map(|r| r.responded_on)
            }
            _ => None,
        }
        .ok_or(TransitionError::NotAllowed {
            action,
            status: self.status,
            stage,
        })?;
        if requested_on > today {
            return Err(TransitionError::FutureDate { date: requested_on });
        }
        if requested_on < responded_on {
            return Err(TransitionError::BeforeStart {
                date: requested_on,
                started_on: responded_on,
            });
        }
        // Officers may accept a late request at the council's discretion; residents may not
        // escalate on their own once the window has closed.
        if *actor == Actor::Resident {
            let closed_on = rules.escalation_closes_on(responded_on);
            if requested_on > closed_on {
                return Err(TransitionError::EscalationWindowClosed { closed_on });
            }
        }
        if let Some(handler) = handler {
            self.refuse_stage1_handler(handler)?;
        }
        let mut record = StageRecord::start(rules, Stage::Two, requested_on);
        if let Some(handler) = handler {
            record.handlers.insert(handler.clone());
            self.assigned_to = Some(handler.clone());
        } else if self
            .assigned_to
            .as_ref()
            .is_some_and(|a| self.stage1.as_ref().is_some_and(|s| s.handlers.contains(a)))
        {
            // The stage 1 handler cannot keep it; it waits for a stage 2 assignment.
            self.assigned_to = None;
        }
        self.stage2 = Some(record);
        self.status = Status::Received;
        self.closed_on = None;
        Ok(())
    }
}
