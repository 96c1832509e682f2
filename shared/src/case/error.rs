use super::Status;
use crate::council::OfficerId;
use crate::feedback::{Kind, Stage};
use crate::validation::FieldError;
use time::Date;

/// Why a case refused an action. Each message says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("only complaints can {action}; this case is a {kind:?}")]
    WrongKind { action: &'static str, kind: Kind },
    #[error("cannot respond before the complaint is acknowledged: acknowledge it first")]
    NotAcknowledged,
    #[error("cannot {action} a case that is {status} at {stage}")]
    NotAllowed {
        action: &'static str,
        status: Status,
        stage: Stage,
    },
    #[error("cannot {action} a case that is {status}")]
    Finished {
        action: &'static str,
        status: Status,
    },
    #[error("{officer} handled stage 1, so cannot handle stage 2: choose someone else")]
    SameHandler { officer: OfficerId },
    #[error(
        "the escalation window closed on {closed_on}; an officer can still escalate at the council's discretion"
    )]
    EscalationWindowClosed { closed_on: Date },
    #[error(
        "a response must be upheld, partly upheld or not upheld; use withdraw or not accept for the others"
    )]
    NotADecision,
    #[error("only an officer can {action} a case")]
    OfficerOnly { action: &'static str },
    #[error("only the reminder job can {action} a case")]
    SystemOnly { action: &'static str },
    #[error("that reminder is not due, or was already sent")]
    ReminderNotDue,
    #[error("the date {date} is in the future")]
    FutureDate { date: Date },
    #[error("the date {date} is before the stage began on {started_on}")]
    BeforeStart { date: Date, started_on: Date },
    #[error("the case has already been referred to the Ombudsman")]
    AlreadyReferred,
    #[error("the case has not been referred to the Ombudsman")]
    NotReferred,
    #[error("actions are promised in a response: respond to the complaint first")]
    NoResponseYet,
    #[error("the due date {due} has passed: give today ({today}) or a later date")]
    DueDatePassed { due: Date, today: Date },
    #[error("the case has no promised action {id}")]
    UnknownAction { id: u32 },
    #[error("promised action {id} was already completed on {on}")]
    ActionAlreadyCompleted { id: u32, on: Date },
    #[error(
        "{open} promised action(s) are still open: complete them first, or a complaints manager can close the case with a reason"
    )]
    OpenActions { open: usize },
    #[error("no promised actions are open: close the case without overriding")]
    NoOpenActions,
    #[error("no adjustments are in force on this case: record the agreed adjustments first")]
    NoAdjustments,
    #[error("a review that keeps or changes the adjustments needs the next review date")]
    NextReviewNeeded,
    #[error("{0}")]
    Field(#[from] FieldError),
}
