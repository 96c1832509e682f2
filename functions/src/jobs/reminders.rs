//! The reminder job: finds the cases whose next reminder is due through the store's
//! reminder index, and for each one claims the reminder and queues its messages in one
//! conditional write.
//!
//! # What it guarantees
//!
//! - **Each reminder is claimed once.** The claim is an update of the case conditional on
//!   the version the job read; it records a `send_reminder` event on the timeline, moves
//!   the case's next reminder on, and queues the messages, all in one atomic write. Two
//!   jobs running at once (or a retried invocation) both try; one write wins, the other
//!   gets a version conflict and does nothing.
//! - **A claimed reminder is not lost.** Its messages are in the store's outbox from the
//!   moment of the claim. If the job dies after claiming and before sending, the next run
//!   of [`super::delivery`] sends them (a dead sender's lease runs out after five minutes).
//! - **Delivery is at least once.** A sender that dies after the provider accepted a
//!   message but before removing it from the outbox causes one duplicate after its lease
//!   runs out. The duplicate carries the same `X-Feedback-Email-Id` header (and, except
//!   through SES, which replaces it, the same `Message-ID`), so it can be dropped.
//! - **Only inside the window.** A council's reminders go out between its window hours
//!   (08:00 to 18:00 Europe/London by default) on its working days. One found outside
//!   waits for the next window; a job that was down sends one reminder for where things
//!   stand, not a burst of stale ones.

use crate::app::App;
use crate::notify::recipients;
use crate::store::StoreError;
use feedback_shared::case::{Action, Actor};
use time::OffsetDateTime;

/// What one run did, for logs and the benchmark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderRun {
    /// Cases read from the reminder index.
    pub read: usize,
    /// Reminders claimed, with their messages queued.
    pub claimed: usize,
    /// Due, but outside the council's window (or its working days).
    pub outside_window: usize,
    /// Another writer changed the case first; it is looked at again next run.
    pub lost_races: usize,
}

/// One run of the reminder job at `now`.
pub async fn run(app: &App, now: OffsetDateTime) -> Result<ReminderRun, StoreError> {
    let due = app.store.due_reminders(now).await?;
    let mut report = ReminderRun {
        read: due.len(),
        ..ReminderRun::default()
    };
    for record in due {
        let Some(council) = app.councils.get(record.council()) else {
            tracing::warn!(council = %record.council(), "a case of an unconfigured council has a reminder due");
            continue;
        };
        let rules = app.rules(council);
        if !council
            .policy
            .reminders
            .in_window(&app.calendar, council.policy.division, now)
        {
            report.outside_window += 1;
            continue;
        }
        // The index may lag a moment behind the case: ask the case itself.
        let Some(point) = record.case.reminder_due(rules, now) else {
            continue;
        };
        let mut claimed = record.clone();
        let event = match claimed.case.apply(
            rules,
            Actor::System,
            now,
            Action::SendReminder { point },
        ) {
            Ok(event) => event,
            Err(e) => {
                tracing::warn!(reference = %record.reference(), error = %e, "reminder not claimable");
                continue;
            }
        };
        let outbox = recipients::for_reminder(rules, council, &claimed, &point, now);
        match app
            .store
            // The case as the index gave it is the case replaced: no second read.
            .replace_case(&record, &claimed, &event, &outbox)
            .await
        {
            Ok(()) => {
                report.claimed += 1;
                tracing::info!(council = %council.id, reference = %record.reference(), kind = ?point.kind, "reminder claimed");
            }
            Err(StoreError::VersionConflict { .. }) => report.lost_races += 1,
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}
