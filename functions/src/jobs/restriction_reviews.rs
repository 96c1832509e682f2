//! The review reminder of each contact restriction in force, to the manager who decided
//! it: on the working day the council's longest reminder lead (2 working days by
//! default, as a stage's deadline is reminded) before the review date, bank holidays
//! counted out, on the first run inside the council's working hours. Queued once per
//! restriction per review date, however many runs there are: the message's id names the
//! restriction and the date, and the store queues an id once. A review that continues the
//! restriction sets a new date, and so a new reminder.
//!
//! Each run lists every restriction of each council in its window: a council has tens,
//! in one DynamoDB partition (a Query, never a scan), so an index of review dates would
//! cost more writes than it saves reads.

use crate::app::App;
use crate::config::CouncilConfig;
use crate::notify::restriction_review::render;
use crate::outbox::OutboxMessage;
use crate::store::StoreError;
use feedback_shared::Calendar;
use feedback_shared::london::london_date;
use feedback_shared::restriction::Restriction;
use time::{Date, OffsetDateTime};

/// How many working days after the review date a reminder not yet sent (the job was
/// down) is still tried: enough for an outage, without reading for ever.
pub const TRY_WORKING_DAYS: u32 = 10;

/// The working day the review of `review_on` is reminded on.
pub fn remind_on(calendar: &Calendar, council: &CouncilConfig, review_on: Date) -> Date {
    let division = council.policy.division;
    let lead = council
        .policy
        .reminders
        .before
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    if lead == 0 {
        calendar.next_working_day_on_or_after(division, review_on)
    } else {
        calendar.sub_working_days(division, review_on, lead)
    }
}

/// The reminder for `r`'s current review date, ready to queue; `None` when nobody can be
/// told (no address for the decider and no complaints manager).
pub fn reminder(
    council: &CouncilConfig,
    r: &Restriction,
    now: OffsetDateTime,
) -> Option<OutboxMessage> {
    // The deciding manager's own address; only if the council has none for them, its
    // complaints manager's, so that a review is never silently missed.
    let to = council
        .officer_emails
        .get(&r.decided_by.id.0)
        .cloned()
        .or_else(|| council.manager_address())?;
    let id = format!("restriction-review-{}-{}-{}", council.id, r.id, r.review_on);
    let language = council.languages.first().copied().unwrap_or_default();
    Some(OutboxMessage {
        id: id.clone(),
        council: council.id.clone(),
        reference: None,
        email: render(council, r).into_email(id, council.sender(), vec![to], language),
        not_before: now,
        attempts: 0,
    })
}

/// Queues the restriction review reminders due at `now`; returns how many were queued.
pub async fn run(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let today = london_date(now);
    let mut queued = 0;
    for council in app.councils.values() {
        let division = council.policy.division;
        if !council
            .policy
            .reminders
            .in_window(&app.calendar, division, now)
        {
            continue;
        }
        for r in app.store.restrictions(&council.id).await? {
            if !r.is_active() {
                continue;
            }
            let from = remind_on(&app.calendar, council, r.review_on);
            let until = app
                .calendar
                .add_working_days(division, r.review_on, TRY_WORKING_DAYS);
            if today < from || today > until {
                continue;
            }
            if let Some(message) = reminder(council, &r, now)
                && app.store.queue_once(&message).await?
            {
                queued += 1;
                tracing::info!(council = %council.id, restriction = %r.id, "restriction review reminder queued");
            }
        }
    }
    Ok(queued)
}
