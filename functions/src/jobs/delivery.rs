//! Sends what the outbox holds. A message is leased before sending, removed once the
//! notifier accepts it, and put back with a growing delay when sending fails, so a
//! failure never blocks or loses the case change that queued it.

use crate::notify::{Notifier, NotifyError};
use crate::store::{Store, StoreError};
use time::{Duration, OffsetDateTime};

/// How long a sender holds a message before another may take it over.
pub const LEASE: Duration = Duration::minutes(5);
/// How many messages one run takes at a time.
const BATCH: usize = 100;
/// After this many failed attempts a message is given up (logged by id, and kept among its
/// council's undelivered messages).
pub const MAX_ATTEMPTS: u32 = 10;

/// The wait before attempt `n + 1`: 1, 2, 4 … minutes, at most 6 hours.
pub fn backoff(attempts: u32) -> Duration {
    Duration::minutes(1i64 << attempts.min(9)).min(Duration::hours(6))
}

/// What one delivery run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryRun {
    pub sent: usize,
    pub retried: usize,
    pub given_up: usize,
}

/// Sends every message due at `now`, as `owner` (unique per running process).
pub async fn run(
    store: &dyn Store,
    notifier: &dyn Notifier,
    now: OffsetDateTime,
    owner: &str,
) -> Result<DeliveryRun, StoreError> {
    let mut report = DeliveryRun::default();
    loop {
        let batch = store.claim_outbox(now, owner, LEASE, BATCH).await?;
        if batch.is_empty() {
            return Ok(report);
        }
        for message in &batch {
            match notifier.send(&message.email).await {
                Ok(()) => {
                    store.complete_outbox(message, owner).await?;
                    report.sent += 1;
                }
                Err(e) if message.attempts + 1 >= MAX_ATTEMPTS => {
                    // Only the kind of failure is logged: a server's reply can quote an address.
                    tracing::error!(id = %message.id, failure = failure_kind(&e), "giving up on a message");
                    // Kept for the council's officers (who may read the reason) to retry.
                    store
                        .give_up_outbox(message, owner, &e.to_string(), now)
                        .await?;
                    report.given_up += 1;
                }
                Err(e) => {
                    // A permanent failure is retried too, slowly: a council may fix an
                    // address or a sending identity, and nothing is dropped unseen.
                    let wait = match e {
                        NotifyError::Temporary(_) => backoff(message.attempts),
                        NotifyError::Permanent(_) => Duration::hours(6),
                    };
                    tracing::warn!(id = %message.id, failure = failure_kind(&e), attempt = message.attempts + 1, "send failed; will retry");
                    store.retry_outbox(message, owner, now + wait).await?;
                    report.retried += 1;
                }
            }
        }
        if batch.len() < BATCH {
            return Ok(report);
        }
    }
}

fn failure_kind(e: &NotifyError) -> &'static str {
    match e {
        NotifyError::Temporary(_) => "temporary",
        NotifyError::Permanent(_) => "permanent",
    }
}
