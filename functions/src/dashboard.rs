//! The dashboard's figures and the council's undelivered messages.
//!
//! Each count is read from the council's census (one record: its cases counted by
//! status, stage and kind, and by next deadline) and carries the queue filter that lists
//! those cases, so a figure and the queue it links to agree (a test holds them to the
//! filter's own `CaseFilter::matches` over the cases); timeliness and escalation are the
//! annual report's figures ([`compute_from`]) for the quarter and the year to date, from
//! the report's sums for those dates. No case is read.

use crate::app::App;
use crate::cases::CaseError;
use crate::config::CouncilConfig;
use crate::outbox::{OutboxMessage, Undelivered};
use crate::store::aggregates::Census;
use crate::store::queue::wire_name;
use feedback_shared::case::Status;
use feedback_shared::report::{Period, Tally, compute_from};
use feedback_shared::wire::{
    CaseCount, CaseListQuery, Dashboard, OpenCases, StatusCount, Timeliness, UndeliveredMessage,
    mask_address,
};
use feedback_shared::{Kind, Stage};
use time::{Date, Duration, OffsetDateTime};

/// The statuses a case is open in, in the procedure's order.
const OPEN: [Status; 3] = [Status::Received, Status::Acknowledged, Status::Responded];
/// Feedback outside the two stages.
const STAGELESS: [Kind; 3] = [Kind::ServiceRequest, Kind::Comment, Kind::Compliment];

fn count_of(n: u64, query: CaseListQuery) -> CaseCount {
    CaseCount {
        count: u32::try_from(n).unwrap_or(u32::MAX),
        query,
    }
}

/// The open cases at `stage` (or, outside the stages, of `kind`) by status.
fn open_row(census: &Census, stage: Option<Stage>, kind: Option<Kind>) -> OpenCases {
    let by_status = OPEN
        .iter()
        .map(|&status| {
            let (status_name, kind_name) = (wire_name(&status), kind.map(|k| wire_name(&k)));
            let stage_number = stage.map(u8::from);
            let n = census.standing(|s, n, k| {
                s == status_name
                    && stage_number.is_none_or(|want| n == want)
                    && kind_name.as_deref().is_none_or(|want| k == want)
            });
            let CaseCount { count, query } = count_of(
                n,
                CaseListQuery {
                    status: Some(status.into()),
                    stage,
                    kind,
                    ..CaseListQuery::default()
                },
            );
            StatusCount {
                status,
                count,
                query,
            }
        })
        .collect();
    OpenCases {
        stage,
        kind,
        by_status,
    }
}

/// The council's dashboard on the London date `today`.
pub async fn council_dashboard(
    app: &App,
    council: &CouncilConfig,
    today: Date,
) -> Result<Dashboard, CaseError> {
    let census = app.store.census(&council.id).await?;
    let mut open = vec![
        open_row(&census, Some(Stage::One), None),
        open_row(&census, Some(Stage::Two), None),
    ];
    open.extend(
        STAGELESS
            .iter()
            .map(|&kind| open_row(&census, None, Some(kind))),
    );
    let year = Period::financial_year_of(today).map_err(|e| CaseError::BadInput(e.to_string()))?;
    let quarter = Period::quarter(year.from.year(), quarter_of(today))
        .map_err(|e| CaseError::BadInput(e.to_string()))?;
    let to_date = Period::new(year.from, today).map_err(|e| CaseError::BadInput(e.to_string()))?;
    let tally = app
        .store
        .report_tally(&council.id, year.from, quarter.to.max(today))
        .await?;
    let undelivered = app.store.undelivered(&council.id).await?.len();
    let yesterday = today.previous_day().unwrap_or(today);
    Ok(Dashboard {
        today,
        open,
        due_this_week: count_of(
            census.due_between(Some(today), Some(end_of_week(today))),
            CaseListQuery {
                due_before: Some(end_of_week(today)),
                overdue: Some(false),
                ..CaseListQuery::default()
            },
        ),
        overdue: count_of(
            census.due_between(None, Some(yesterday)),
            CaseListQuery {
                overdue: Some(true),
                ..CaseListQuery::default()
            },
        ),
        quarter: timeliness(app, council, &tally, quarter),
        year_to_date: timeliness(app, council, &tally, to_date),
        undelivered: u32::try_from(undelivered).unwrap_or(u32::MAX),
    })
}

/// The report's timeliness and escalation figures for `period`.
fn timeliness(app: &App, council: &CouncilConfig, tally: &Tally, period: Period) -> Timeliness {
    let report = compute_from(
        council.id.as_str(),
        &council.name,
        tally,
        Vec::new(),
        period,
        &app.calendar,
        council.policy.division,
    );
    Timeliness {
        period,
        stages: report.stages,
        escalation: report.escalation,
    }
}

/// The quarter of the financial year (1 is April to June) `day` falls in.
fn quarter_of(day: Date) -> u8 {
    (((day.month() as u8) + 8) % 12) / 3 + 1
}

/// The Sunday ending `day`'s week (Monday to Sunday).
fn end_of_week(day: Date) -> Date {
    let ahead = 6 - i64::from(day.weekday().number_days_from_monday());
    day.checked_add(Duration::days(ahead)).unwrap_or(day)
}

/// The council's undelivered messages as officers see them, the latest first.
pub async fn undelivered(
    app: &App,
    council: &CouncilConfig,
) -> Result<Vec<UndeliveredMessage>, CaseError> {
    Ok(app
        .store
        .undelivered(&council.id)
        .await?
        .into_iter()
        .map(|kept| {
            let Undelivered {
                message,
                reason,
                given_up_at,
            } = kept;
            UndeliveredMessage {
                id: message.id,
                reference: message.reference.map(|r| r.to_string()),
                to: message.email.to.iter().map(|a| mask_address(a)).collect(),
                subject: message.email.subject,
                reason,
                attempts: message.attempts + 1,
                given_up_at,
            }
        })
        .collect())
}

/// Queues the council's undelivered message `id` again, once.
pub async fn retry(
    app: &App,
    council: &CouncilConfig,
    id: &str,
    now: OffsetDateTime,
) -> Result<OutboxMessage, CaseError> {
    let message = app.store.retry_undelivered(&council.id, id, now).await?;
    tracing::info!(council = %council.id, id = %message.id, "undelivered message queued again");
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn quarters_start_in_april() {
        assert_eq!(quarter_of(date!(2026 - 04 - 01)), 1);
        assert_eq!(quarter_of(date!(2026 - 06 - 30)), 1);
        assert_eq!(quarter_of(date!(2026 - 07 - 01)), 2);
        assert_eq!(quarter_of(date!(2026 - 11 - 24)), 3);
        assert_eq!(quarter_of(date!(2027 - 01 - 05)), 4);
        assert_eq!(quarter_of(date!(2027 - 03 - 31)), 4);
    }

    #[test]
    fn a_week_ends_on_its_sunday() {
        assert_eq!(end_of_week(date!(2026 - 11 - 24)), date!(2026 - 11 - 29));
        assert_eq!(end_of_week(date!(2026 - 11 - 29)), date!(2026 - 11 - 29));
        assert_eq!(end_of_week(date!(2026 - 11 - 30)), date!(2026 - 12 - 06));
    }
}
