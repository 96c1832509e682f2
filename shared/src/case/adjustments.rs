//! Reasonable adjustments agreed with the resident (Code 5.6): which of the needs they
//! asked for the council agreed to meet, the format and the contact method every message
//! must follow, who agreed them and when, and a review date. The review date is reminded
//! to the case's officer once, on the working day it falls (or the next), in working
//! hours; the review is recorded as kept, changed or ended, with a note and the next
//! review date. While agreed terms are in force they decide how the resident is written
//! to: see [`delivery`].

use super::{Case, TransitionError};
use crate::contact::{Adjustment, ContactMethod, Submitter};
use crate::council::OfficerId;
use crate::feedback::Stage;
use crate::input::LongText;
use crate::reminders::{DeadlineKind, Target};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// The format a resident's letters must be produced in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// The message as written.
    #[default]
    Standard,
    LargePrint,
    EasyRead,
}

/// What a review decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// The adjustments stay as they are until the next review.
    Kept,
    /// The adjustments were changed (record the new terms with `agree_adjustments`).
    Changed,
    /// No longer needed: messages follow the resident's own contact choice again.
    Ended,
}

/// One review of the agreed adjustments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdjustmentReview {
    pub on: Date,
    pub by: OfficerId,
    pub decision: ReviewDecision,
    /// What was discussed (free text: may hold personal data).
    pub note: String,
    /// The next review, unless the adjustments ended.
    pub next_review: Option<Date>,
}

/// The adjustments agreed on a case and their reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreedAdjustments {
    /// The needs agreed (a subset of what the resident asked, or more).
    pub needs: Vec<Adjustment>,
    /// How they will be met (free text: may hold health details).
    pub notes: Option<String>,
    pub format: Format,
    /// How to reach the resident: every message follows it.
    pub contact: ContactMethod,
    pub agreed_by: OfficerId,
    pub agreed_on: Date,
    /// When they are next to be reviewed; none once ended.
    pub review_by: Option<Date>,
    #[serde(default)]
    pub reviews: Vec<AdjustmentReview>,
    /// When the review reminder for `review_by` was sent, so it is sent once.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_reminder: Option<OffsetDateTime>,
}

impl AgreedAdjustments {
    /// Whether the terms still apply (not ended at a review).
    pub fn in_force(&self) -> bool {
        self.review_by.is_some()
    }
}

/// How a message to the resident must reach them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// By email to this address, as written.
    Email(String),
    /// Through an officer: printed and posted, or read out by phone, or produced in a
    /// format (large print, easy read) before it is sent the way the resident asked.
    Officer {
        contact: ContactMethod,
        format: Format,
    },
    /// Nobody to tell: anonymous feedback, or a resident who gave no way to reach them.
    Nobody,
}

/// The one rule for how a resident hears from the council: the adjustments agreed on the
/// case, while in force, override the contact method the resident chose in the form;
/// email goes out only when email is the method and the format is standard. Anything
/// else becomes a task for an officer, with the letter to send.
pub fn delivery(submitter: &Submitter, agreed: Option<&AgreedAdjustments>) -> Delivery {
    let Submitter::Identified(person) = submitter else {
        return Delivery::Nobody;
    };
    let contact = &person.contact;
    let (method, format) = match agreed.filter(|a| a.in_force()) {
        Some(a) => (a.contact, a.format),
        None => (contact.preferred, Format::Standard),
    };
    match (method, format, &contact.email) {
        (ContactMethod::Email, Format::Standard, Some(email)) => Delivery::Email(email.to_string()),
        // Asked for email but gave no address: nobody can be emailed, an officer must act.
        (ContactMethod::Email, format, _) => Delivery::Officer {
            contact: if contact.email.is_some() {
                ContactMethod::Email
            } else if contact.phone.is_some() {
                ContactMethod::Phone
            } else {
                ContactMethod::Post
            },
            format,
        },
        (method, format, _) => Delivery::Officer {
            contact: method,
            format,
        },
    }
}

/// The terms an officer records (the actor and today are added on applying).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdjustmentTerms {
    pub needs: Vec<Adjustment>,
    #[serde(default)]
    pub notes: Option<LongText>,
    #[serde(default)]
    pub format: Format,
    pub contact: ContactMethod,
    pub review_by: Date,
}

impl Case {
    /// Records (or replaces) the agreed adjustments; earlier reviews are kept.
    pub(super) fn agree_adjustments(
        &mut self,
        officer: OfficerId,
        today: Date,
        terms: &AdjustmentTerms,
    ) -> Result<(), TransitionError> {
        if terms.review_by < today {
            return Err(TransitionError::DueDatePassed {
                due: terms.review_by,
                today,
            });
        }
        let mut needs = terms.needs.clone();
        needs.sort();
        needs.dedup();
        let reviews = self
            .adjustments
            .take()
            .map(|a| a.reviews)
            .unwrap_or_default();
        self.adjustments = Some(AgreedAdjustments {
            needs,
            notes: terms.notes.as_ref().map(|n| n.to_string()),
            format: terms.format,
            contact: terms.contact,
            agreed_by: officer,
            agreed_on: today,
            review_by: Some(terms.review_by),
            reviews,
            last_reminder: None,
        });
        Ok(())
    }

    /// Records a review: kept or changed need a next review date, ended must have none.
    pub(super) fn review_adjustments(
        &mut self,
        officer: OfficerId,
        today: Date,
        decision: ReviewDecision,
        note: &LongText,
        next_review: Option<Date>,
    ) -> Result<(), TransitionError> {
        let agreed = self
            .adjustments
            .as_mut()
            .filter(|a| a.in_force())
            .ok_or(TransitionError::NoAdjustments)?;
        let next_review = match (decision, next_review) {
            (ReviewDecision::Ended, _) => None,
            (_, None) => return Err(TransitionError::NextReviewNeeded),
            (_, Some(next)) if next <= today => {
                return Err(TransitionError::DueDatePassed { due: next, today });
            }
            (_, next) => next,
        };
        agreed.reviews.push(AdjustmentReview {
            on: today,
            by: officer,
            decision,
            note: note.to_string(),
            next_review,
        });
        agreed.review_by = next_review;
        agreed.last_reminder = None;
        Ok(())
    }

    /// The review date as a reminder target, while the terms are in force and the case
    /// is being worked. A case with no stage (not a complaint) files it under stage 1.
    pub(super) fn adjustment_target(&self) -> Option<(Target, Option<OffsetDateTime>)> {
        if self.status.is_finished() {
            return None;
        }
        let agreed = self.adjustments.as_ref()?;
        let due = agreed.review_by?;
        Some((
            Target {
                stage: self.stage().unwrap_or(Stage::One),
                deadline: DeadlineKind::ReviewAdjustments,
                due,
                action: None,
            },
            agreed.last_reminder,
        ))
    }

    /// Records that the review reminder was sent.
    pub(super) fn mark_adjustments_reminded(&mut self, at: OffsetDateTime) {
        if let Some(agreed) = self.adjustments.as_mut() {
            agreed.last_reminder = Some(at);
        }
    }
}
