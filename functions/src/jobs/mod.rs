//! Work done on a schedule rather than on request: the reminder job, the retention job,
//! and the delivery of queued notifications. The Lambda binary `reminders` runs them every
//! 15 minutes; the local server runs them on a timer.

pub mod delivery;
pub mod digest;
pub mod member_summary;
pub mod reminders;
pub mod restriction_reviews;
pub mod retention;

use crate::app::App;
use crate::notify::Notifier;

/// What one tick of the scheduled work did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Tick {
    pub at: String,
    pub reminders_read: usize,
    pub reminders_claimed: usize,
    pub digests_queued: usize,
    /// Quarterly summaries queued to members responsible for complaints.
    pub member_summaries_queued: usize,
    /// Review reminders of contact restrictions queued to their deciding managers.
    pub restriction_reviews_queued: usize,
    pub outside_window: usize,
    pub messages_sent: usize,
    pub messages_retried: usize,
    /// Expired rate-limit and form-token counters removed (SQLite; DynamoDB's time to
    /// live removes its own).
    pub counters_swept: u64,
    /// Cases whose personal data the retention job removed (at most
    /// [`retention::BATCH`] a tick).
    pub cases_anonymised: usize,
}

/// One round of the scheduled work: claim due reminders, queue digests, quarterly
/// member summaries and restriction review reminders, remove the
/// personal data of cases past retention, then send what is queued.
pub async fn tick(app: &App, notifier: &dyn Notifier, owner: &str) -> Result<Tick, String> {
    let now = app.clock.now();
    let reminders = reminders::run(app, now).await.map_err(|e| e.to_string())?;
    let digests = digest::run(app, now).await.map_err(|e| e.to_string())?;
    let member_summaries = member_summary::run(app, now)
        .await
        .map_err(|e| e.to_string())?;
    let restriction_reviews = restriction_reviews::run(app, now)
        .await
        .map_err(|e| e.to_string())?;
    let retention = retention::run(app, notifier, now, retention::BATCH, None)
        .await
        .map_err(|e| e.to_string())?;
    let delivery = delivery::run(app.store.as_ref(), notifier, now, owner)
        .await
        .map_err(|e| e.to_string())?;
    let counters_swept = app
        .store
        .sweep_expired(now)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Tick {
        at: now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        reminders_read: reminders.read,
        reminders_claimed: reminders.claimed,
        digests_queued: digests,
        member_summaries_queued: member_summaries,
        restriction_reviews_queued: restriction_reviews,
        outside_window: reminders.outside_window,
        messages_sent: delivery.sent,
        messages_retried: delivery.retried,
        counters_swept,
        cases_anonymised: retention.anonymised,
    })
}
