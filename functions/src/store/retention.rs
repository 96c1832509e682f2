//! Retention as every adapter answers it: the cases due for anonymisation (read through an
//! index of closed cases not yet anonymised, never every case), one case's personal data
//! removed in one conditional write, and legal holds.
//!
//! What an anonymisation writes, on either store, in the write that is conditional on
//! the case's version (and on no hold being set):
//! - the case and its feedback as [`anonymise`] leaves them, and its `anonymise` event;
//! - every stored event with its free text removed ([`anonymise_event`]: notes, reasons);
//! - every message record with its recipients removed (the subject and date stay, for the
//!   timeline); the queued and undelivered copies of its messages (bodies) deleted;
//! - its idempotency binding deleted (DynamoDB's carry a time to live instead, as they
//!   cannot be found by case);
//! - its search terms replaced by those of the anonymised case; the running sums
//!   changed by the difference, which is none: [`anonymise`] keeps the report's facts.

use super::{CaseRecord, MessageRecord};
use feedback_shared::Reference;
use feedback_shared::case::{CaseEvent, anonymise};
use time::{Date, OffsetDateTime};

/// A closed case the retention index lists: its reference and when it was closed. No
/// personal data, so a dry run can print it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RetentionDue {
    pub reference: Reference,
    pub closed_on: Date,
}

/// Which case's personal data to remove, under which rule, when.
#[derive(Debug, Clone)]
pub struct Removal {
    pub reference: Reference,
    /// The rule, as the timeline will say it ([`feedback_shared::case::retention_rule`]).
    pub rule: String,
    pub at: OffsetDateTime,
    /// Only if the case is still at this version (an officer's erasure of what they read).
    pub expected_version: Option<u64>,
    /// Only if the case is closed, and was before this date (the retention job: a case
    /// reopened since it was listed is left alone).
    pub closed_before: Option<Date>,
}

/// What [`Store::anonymise_case`](super::Store::anonymise_case) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anonymisation {
    Done,
    /// It already was: nothing written.
    AlreadyAnonymised,
    /// A legal hold is set: nothing written.
    Held,
    /// Not closed before [`Removal::closed_before`] (reopened, say): nothing written.
    NotDue,
}

/// The anonymised case and its event, or why there is nothing to write.
pub(crate) fn plan(
    record: &CaseRecord,
    removal: &Removal,
) -> Result<(CaseRecord, CaseEvent), Anonymisation> {
    let due = |before: Date| record.case.closed_on.is_some_and(|closed| closed < before);
    if !removal.closed_before.is_none_or(due) {
        return Err(Anonymisation::NotDue);
    }
    let (case, details, event) =
        anonymise(&record.case, &record.details, &removal.rule, removal.at)
            .ok_or(Anonymisation::AlreadyAnonymised)?;
    Ok((CaseRecord { case, details }, event))
}

/// A message record without its recipients.
pub(crate) fn anonymise_message(record: &MessageRecord) -> MessageRecord {
    MessageRecord {
        to: Vec::new(),
        ..record.clone()
    }
}

/// The date `years` before `today`: a case closed before it was closed more than `years`
/// years ago. 29 February falls back to 1 March.
pub fn retention_cutoff(today: Date, years: u32) -> Date {
    let year = today.year() - years as i32;
    today
        .replace_year(year)
        .unwrap_or_else(|_| Date::from_calendar_date(year, time::Month::March, 1).unwrap_or(today))
}
