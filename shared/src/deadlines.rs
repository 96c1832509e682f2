//! Deadlines in working days under the Complaint Handling Code.

use crate::calendar::{Calendar, Division};
use crate::feedback::Stage;
use crate::policy::{Policy, RespondFrom};
use crate::validation::{Field, FieldError, Problem};
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;
use time::Date;

/// The years whose dates the deadlines, calendars and reports are computed for. Dates
/// outside are refused where they come in, so the arithmetic never leaves `time`'s range.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 2000..=2100;

/// `date` if its year is one of [`SUPPORTED_YEARS`], a field error for `field` otherwise.
pub fn supported_date(field: Field, date: Date) -> Result<Date, FieldError> {
    if SUPPORTED_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(FieldError::new(field, Problem::YearOutOfRange))
    }
}

/// One stage's dates. Stage 1 starts at receipt; stage 2 at the escalation request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageDeadlines {
    pub stage: Stage,
    /// The London date the complaint (or escalation request) was received.
    pub received_on: Date,
    pub acknowledge_by: Date,
    /// Under the Code, counted from the actual acknowledgement when there is one, else
    /// from `acknowledge_by`; under the SPSO model, from receipt.
    pub respond_by: Date,
    /// The latest the response can move to with the largest extension the policy allows.
    pub latest_extended_respond_by: Date,
}

/// The dates of `stage` for a complaint received (or escalated) on `received_on`.
pub fn stage_deadlines(
    calendar: &Calendar,
    policy: &Policy,
    stage: Stage,
    received_on: Date,
    acknowledged_on: Option<Date>,
) -> StageDeadlines {
    let t = policy.timescales.stage(stage);
    let division = policy.division;
    let acknowledge_by = calendar.add_working_days(division, received_on, t.acknowledge);
    let clock_start = match t.respond_from {
        RespondFrom::Acknowledgement => acknowledged_on.unwrap_or(acknowledge_by),
        RespondFrom::Receipt => received_on,
    };
    let respond_by = calendar.add_working_days(division, clock_start, t.respond);
    let latest_extended_respond_by =
        calendar.add_working_days(division, respond_by, t.extension_cap);
    StageDeadlines {
        stage,
        received_on,
        acknowledge_by,
        respond_by,
        latest_extended_respond_by,
    }
}

/// Checks a proposed new response date: later than the current one, and no more than the
/// stage's cap in working days beyond the original date (so two extensions cannot add up
/// past it).
pub fn check_extension(
    calendar: &Calendar,
    policy: &Policy,
    stage: Stage,
    original_respond_by: Date,
    current_respond_by: Date,
    proposed: Date,
) -> Result<Date, FieldError> {
    if proposed <= current_respond_by {
        return Err(FieldError::new(Field::NewRespondBy, Problem::NotLater));
    }
    let cap = policy.timescales.stage(stage).extension_cap;
    let latest = calendar.add_working_days(policy.division, original_respond_by, cap);
    if proposed > latest {
        return Err(FieldError::new(
            Field::NewRespondBy,
            Problem::ExtensionTooLong {
                max_working_days: cap,
                latest: latest.to_string(),
            },
        ));
    }
    Ok(proposed)
}

/// Where a deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Working days left after today, the deadline day included.
    Remaining {
        working_days: u32,
    },
    DueToday,
    /// Which working day past the deadline it is: the first working day after the
    /// deadline is 1, and a weekend straight after a Friday deadline already counts as 1.
    Overdue {
        working_days: u32,
    },
}

pub fn deadline_status(
    calendar: &Calendar,
    division: Division,
    deadline: Date,
    today: Date,
) -> DeadlineStatus {
    if today == deadline {
        DeadlineStatus::DueToday
    } else if today < deadline {
        let n = calendar.working_days_between(division, today, deadline);
        DeadlineStatus::Remaining {
            working_days: n.unsigned_abs() as u32,
        }
    } else {
        let reckoned = calendar.next_working_day_on_or_after(division, today);
        let n = calendar.working_days_between(division, deadline, reckoned);
        DeadlineStatus::Overdue {
            working_days: n.max(1).unsigned_abs() as u32,
        }
    }
}
