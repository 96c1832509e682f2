//! The quarterly summary to the member responsible for complaints (Code 9.x): after each
//! financial quarter ends, on the first run inside the council's working hours (a working
//! day of its division, inside its reminder window), the quarter's figures with the trend
//! over the three quarters before are queued to the council's `member_responsible`
//! address. Queued once per council per quarter, however many runs there are: the
//! message's id names the quarter and the store queues an id once.

use crate::app::App;
use crate::config::CouncilConfig;
use crate::notify::member_summary::{quarter_name, render};
use crate::outbox::OutboxMessage;
use crate::store::StoreError;
use feedback_shared::london::london_date;
use feedback_shared::report::{Period, Report};
use time::{Date, OffsetDateTime};

/// The financial quarter `date` falls in: (the year the financial year starts, 1 to 4).
pub fn quarter_of(date: Date) -> (i32, u8) {
    let month = date.month() as u8;
    let year = if month >= 4 {
        date.year()
    } else {
        date.year() - 1
    };
    (year, ((month + 8) % 12) / 3 + 1)
}

/// The quarter before (`year`, `quarter`).
pub fn previous((year, quarter): (i32, u8)) -> (i32, u8) {
    if quarter == 1 {
        (year - 1, 4)
    } else {
        (year, quarter - 1)
    }
}

async fn report(
    app: &App,
    council: &CouncilConfig,
    (year, q): (i32, u8),
) -> Result<Report, StoreError> {
    let period = Period::quarter(year, q).map_err(StoreError::backend)?;
    crate::reports::council_report(app, council, period)
        .await
        .map(|(r, _)| r)
        .map_err(|e| StoreError::Backend(e.to_string()))
}

/// The summary of the quarter before `now`'s for `council`, ready to queue; `None` when
/// the council names no member.
pub async fn summary(
    app: &App,
    council: &CouncilConfig,
    now: OffsetDateTime,
) -> Result<Option<OutboxMessage>, StoreError> {
    let Some(to) = council
        .member_responsible
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    else {
        return Ok(None);
    };
    let ended = previous(quarter_of(london_date(now)));
    let quarter = report(app, council, ended).await?;
    let mut earlier = Vec::new();
    let mut at = ended;
    for _ in 0..3 {
        at = previous(at);
        earlier.push((quarter_name(at.0, at.1), report(app, council, at).await?));
    }
    earlier.reverse();
    let this = quarter_name(ended.0, ended.1);
    let rendered = render(council, &quarter, &earlier, &this);
    let id = format!("member-summary-{}-{this}", council.id);
    let language = council.languages.first().copied().unwrap_or_default();
    Ok(Some(OutboxMessage {
        id: id.clone(),
        council: council.id.clone(),
        reference: None,
        email: rendered.into_email(id, council.sender(), vec![to.to_owned()], language),
        not_before: now,
        attempts: 0,
    }))
}

/// How many working days into a quarter the summary of the one before is still tried.
pub const TRY_WORKING_DAYS: i64 = 10;

/// Queues the quarterly summaries due at `now`; returns how many were queued.
pub async fn run(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let mut queued = 0;
    for council in app.councils.values() {
        if council.member_responsible.is_none()
            || !council
                .policy
                .reminders
                .in_window(&app.calendar, council.policy.division, now)
        {
            continue;
        }
        // Tried on the first working days of the new quarter only, so the figures are
        // not read on every run all quarter long; the store still queues it once.
        let today = london_date(now);
        let (year, q) = quarter_of(today);
        let Ok(this_quarter) = Period::quarter(year, q) else {
            continue;
        };
        let division = council.policy.division;
        if app
            .calendar
            .working_days_between(division, this_quarter.from, today)
            >= TRY_WORKING_DAYS
        {
            continue;
        }
        if let Some(message) = summary(app, council, now).await?
            && app.store.queue_once(&message).await?
        {
            queued += 1;
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn quarters_of_the_financial_year() {
        assert_eq!(quarter_of(date!(2026 - 04 - 01)), (2026, 1));
        assert_eq!(quarter_of(date!(2026 - 09 - 30)), (2026, 2));
        assert_eq!(quarter_of(date!(2026 - 12 - 31)), (2026, 3));
        assert_eq!(quarter_of(date!(2027 - 01 - 04)), (2026, 4));
        assert_eq!(quarter_of(date!(2027 - 03 - 31)), (2026, 4));
        assert_eq!(previous((2026, 1)), (2025, 4));
        assert_eq!(previous((2026, 4)), (2026, 3));
    }
}
