//! Actions a response promised (Code 6.6): a repair by a date, a refund, a policy change.
//! Each has a description, an owner and a due date; it is recorded with the response or
//! afterwards, reminded like a deadline (its own reminder points, in the same index), and
//! completed with a note. Open actions keep the case from closing unless a manager
//! closes it anyway, with a reason on the timeline.

use super::{Case, TransitionError};
use crate::council::OfficerId;
use crate::feedback::Stage;
use crate::input::LongText;
use crate::reminders::{DeadlineKind, Target};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// One promised action and, once done, its completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromisedAction {
    /// Its number on the case, from 1, in the order promised.
    pub id: u32,
    /// What was promised, in the officer's words (free text: may hold personal data).
    pub description: String,
    /// The officer who must see it done; reminded before and on the due date.
    pub owner: OfficerId,
    pub due: Date,
    /// The stage whose response promised it.
    pub stage: Stage,
    /// When it was recorded (London date) and by whom.
    pub promised_on: Date,
    pub promised_by: OfficerId,
    pub completed: Option<Completion>,
    /// When its last reminder point was sent, so none is sent twice.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_reminder: Option<OffsetDateTime>,
}

/// How a promised action was completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Completion {
    pub on: Date,
    pub by: OfficerId,
    /// What was done (free text: may hold personal data).
    pub note: String,
}

impl PromisedAction {
    pub fn is_open(&self) -> bool {
        self.completed.is_none()
    }

    /// Completed on or before its due date.
    pub fn on_time(&self) -> Option<bool> {
        self.completed.as_ref().map(|c| c.on <= self.due)
    }

    /// Its due date as a reminder target.
    pub(super) fn target(&self) -> Target {
        Target {
            stage: self.stage,
            deadline: DeadlineKind::CompleteAction,
            due: self.due,
            action: Some(self.id),
        }
    }
}

impl Case {
    /// The promised actions not yet completed.
    pub fn open_actions(&self) -> impl Iterator<Item = &PromisedAction> {
        self.promised.iter().filter(|a| a.is_open())
    }

    /// Whether actions were promised and every one is now done.
    pub fn all_actions_done(&self) -> bool {
        !self.promised.is_empty() && self.open_actions().next().is_none()
    }

    /// Records a promised action. Only once a stage has been answered: a response
    /// promises it (Code 6.6: respond when the answer is known, track what follows).
    pub(super) fn promise_action(
        &mut self,
        officer: OfficerId,
        today: Date,
        description: &LongText,
        owner: &OfficerId,
        due: Date,
    ) -> Result<(), TransitionError> {
        let stage = [&self.stage2, &self.stage1]
            .into_iter()
            .flatten()
            .find(|s| s.response.is_some())
            .map(|s| s.stage)
            .ok_or(TransitionError::NoResponseYet)?;
        if due < today {
            return Err(TransitionError::DueDatePassed { due, today });
        }
        let id = u32::try_from(self.promised.len()).unwrap_or(u32::MAX - 1) + 1;
        self.promised.push(PromisedAction {
            id,
            description: description.to_string(),
            owner: owner.clone(),
            due,
            stage,
            promised_on: today,
            promised_by: officer,
            completed: None,
            last_reminder: None,
        });
        Ok(())
    }

    /// Completes promised action `id` on `on` (today when not given).
    pub(super) fn complete_action(
        &mut self,
        officer: OfficerId,
        today: Date,
        id: u32,
        note: &LongText,
        on: Option<Date>,
    ) -> Result<(), TransitionError> {
        let action = self
            .promised
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or(TransitionError::UnknownAction { id })?;
        if let Some(done) = &action.completed {
            return Err(TransitionError::ActionAlreadyCompleted { id, on: done.on });
        }
        let on = on.unwrap_or(today);
        if on > today {
            return Err(TransitionError::FutureDate { date: on });
        }
        if on < action.promised_on {
            return Err(TransitionError::BeforeStart {
                date: on,
                started_on: action.promised_on,
            });
        }
        action.completed = Some(Completion {
            on,
            by: officer,
            note: note.to_string(),
        });
        Ok(())
    }

    /// Refuses to close while actions are open, unless `overriding` (a manager's close
    /// with a reason; whether the actor is a manager is the caller's to check).
    pub(super) fn check_open_actions(&self, overriding: bool) -> Result<(), TransitionError> {
        let open = self.open_actions().count();
        match (open, overriding) {
            (0, true) => Err(TransitionError::NoOpenActions),
            (0, false) | (_, true) => Ok(()),
            (open, false) => Err(TransitionError::OpenActions { open }),
        }
    }

    /// Every open action's due date as a reminder target, with when its last point was
    /// sent.
    pub(super) fn action_targets(&self) -> impl Iterator<Item = (Target, Option<OffsetDateTime>)> {
        self.open_actions().map(|a| (a.target(), a.last_reminder))
    }

    /// Records that the reminder for `point`'s action was sent.
    pub(super) fn mark_action_reminded(&mut self, id: u32, at: OffsetDateTime) {
        if let Some(action) = self.promised.iter_mut().find(|a| a.id == id) {
            action.last_reminder = Some(at);
        }
    }

    /// The open action numbered `id`, for the reminder's recipient.
    pub fn promised_action(&self, id: u32) -> Option<&PromisedAction> {
        self.promised.iter().find(|a| a.id == id)
    }
}
