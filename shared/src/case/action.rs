use super::adjustments::{AdjustmentTerms, ReviewDecision};
use super::correction::{ContactField, FreeTextField};
use super::refusal::RefusalGround;
use crate::council::OfficerId;
use crate::feedback::{Channel, Kind};
use crate::input::LongText;
use crate::outcome::{Ombudsman, OmbudsmanDecision, Outcome, Remedy};
use crate::reminders::ReminderPoint;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// Who did something to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Actor {
    Officer(OfficerId),
    /// The resident, through the status page (e.g. asking for stage 2).
    Resident,
    /// The reminder job.
    System,
}

/// A stage's response: the decision and everything the Code says it must state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseDetails {
    pub responded_on: Date,
    pub outcome: Outcome,
    pub reasons: LongText,
    #[serde(default)]
    pub remedies: Vec<Remedy>,
    pub learning: Option<LongText>,
    pub outstanding_actions: Option<LongText>,
    /// Who sent it; set from the actor.
    pub responder: Option<OfficerId>,
}

/// Everything that can happen to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// The case was received: the first event of every timeline, made by [`super::Case::receive`].
    Receive {
        kind: Kind,
        channel: Channel,
    },
    Acknowledge {
        on: Date,
    },
    Assign {
        officer: OfficerId,
    },
    Respond {
        response: ResponseDetails,
    },
    Extend {
        to: Date,
        reason: LongText,
    },
    /// Ask for stage 2. No reason is needed.
    Escalate {
        requested_on: Date,
        handler: Option<OfficerId>,
    },
    /// Close the case, on `on` (today when not given): the date it took effect, so a
    /// closure recorded late still counts in the right period.
    Close {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<Date>,
    },
    Withdraw {
        reason: LongText,
        /// When the resident withdrew (today when not given).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<Date>,
    },
    NotAccept {
        reason: LongText,
        /// When the decision not to accept was made (today when not given).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<Date>,
        /// Which of the exclusions applies. Optional for clients written before grounds
        /// existed; the console always asks for one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ground: Option<RefusalGround>,
    },
    /// A complaint that is really a service request.
    ReclassifyAsServiceRequest {
        reason: LongText,
    },
    /// A service request that has become a complaint; stage 1 starts on `on`.
    PromoteToComplaint {
        on: Date,
    },
    Note {
        text: LongText,
    },
    /// The reminder job sent a reminder (or an overdue escalation) for this point.
    SendReminder {
        point: ReminderPoint,
    },
    ReferToOmbudsman {
        ombudsman: Ombudsman,
        on: Date,
    },
    RecordOmbudsmanDecision {
        decision: OmbudsmanDecision,
        on: Date,
    },
    /// Record an action a response promised (Code 6.6), owned by `owner`, due by `due`.
    PromiseAction {
        description: LongText,
        owner: OfficerId,
        due: Date,
    },
    /// Complete promised action `id` with a note on what was done, on `on` (today when
    /// not given). When it is the last open one, the resident is told.
    CompleteAction {
        id: u32,
        note: LongText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<Date>,
    },
    /// A complaints manager closes a case whose promised actions are still open, saying
    /// why. The actions stay open and reminded until completed.
    CloseOverridingActions {
        reason: LongText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<Date>,
    },
    /// Record the reasonable adjustments agreed with the resident (Code 5.6): the needs
    /// met, the format and contact method every message follows, and a review date.
    /// Replaces any terms recorded before; their reviews stay.
    AgreeAdjustments {
        terms: AdjustmentTerms,
    },
    /// Record a review of the agreed adjustments: kept or changed (with the next review
    /// date) or ended, with a note.
    ReviewAdjustments {
        decision: ReviewDecision,
        note: LongText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_review: Option<Date>,
    },
    /// The case's personal data was removed under `rule` (the retention job, an erasure):
    /// see [`super::anonymise`]. Never applied through [`super::Case::apply`].
    Anonymise {
        rule: String,
    },
    /// A manager released the case to the resident in a subject access bundle. Recorded
    /// by the export itself (it changes nothing on the case), never through
    /// [`super::Case::apply`].
    SubjectAccessExport {},
    /// An officer corrected the resident's contact details (UK GDPR article 16): which
    /// details, and why; never the values, old or new. Made by
    /// [`super::correct_contact`], never through [`super::Case::apply`].
    CorrectContactDetails {
        fields: Vec<ContactField>,
        reason: LongText,
    },
    /// An officer redacted a span of the resident's words: in which fields, and why;
    /// never the text. Made by [`super::redact`], never through [`super::Case::apply`].
    Redact {
        fields: Vec<FreeTextField>,
        reason: LongText,
    },
}

impl Action {
    /// A short name for messages and event types.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Receive { .. } => "receive",
            Action::Acknowledge { .. } => "acknowledge",
            Action::Assign { .. } => "assign",
            Action::Respond { .. } => "respond",
            Action::Extend { .. } => "extend",
            Action::Escalate { .. } => "escalate",
            Action::Close { .. } => "close",
            Action::Withdraw { .. } => "withdraw",
            Action::NotAccept { .. } => "not accept",
            Action::ReclassifyAsServiceRequest { .. } => "reclassify",
            Action::PromoteToComplaint { .. } => "promote",
            Action::Note { .. } => "add a note to",
            Action::SendReminder { .. } => "send a reminder for",
            Action::ReferToOmbudsman { .. } => "refer to the Ombudsman",
            Action::RecordOmbudsmanDecision { .. } => "record the Ombudsman's decision on",
            Action::PromiseAction { .. } => "promise an action on",
            Action::CompleteAction { .. } => "complete a promised action on",
            Action::CloseOverridingActions { .. } => "close with open actions",
            Action::AgreeAdjustments { .. } => "record adjustments on",
            Action::ReviewAdjustments { .. } => "review the adjustments on",
            Action::Anonymise { .. } => "anonymise",
            Action::SubjectAccessExport { .. } => "record a subject access export of",
            Action::CorrectContactDetails { .. } => "correct the contact details of",
            Action::Redact { .. } => "redact text of",
        }
    }

    /// Whether the action only adds to the timeline: it changes nothing on the case, and
    /// whether it is allowed does not depend on the case's state (only on who acts). So it
    /// leaves the case's version where it is, and the store appends it without rewriting
    /// the case: such actions never race each other or a change. Only notes.
    pub fn appends_only(&self) -> bool {
        matches!(self, Action::Note { .. })
    }

    /// Kinds this action applies to.
    pub(super) fn applies_to(&self, kind: Kind) -> bool {
        match self {
            Action::Assign { .. }
            | Action::Close { .. }
            | Action::Withdraw { .. }
            | Action::Note { .. }
            | Action::AgreeAdjustments { .. }
            | Action::ReviewAdjustments { .. }
            | Action::Anonymise { .. }
            | Action::SubjectAccessExport { .. }
            | Action::CorrectContactDetails { .. }
            | Action::Redact { .. } => true,
            Action::PromoteToComplaint { .. } => kind == Kind::ServiceRequest,
            _ => kind == Kind::Complaint,
        }
    }
}

/// One entry of a case's timeline: who did what, when. Never edited or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseEvent {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor: Actor,
    #[serde(flatten)]
    pub action: Action,
    /// The case's version after this event. An event whose action
    /// [appends only](Action::appends_only) leaves it as it was: it carries the version it
    /// was added at, and the timeline puts it after the change that made that version.
    pub version: u64,
}
