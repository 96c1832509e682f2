//! The daily digest: at the start of each working day, each officer of a council that
//! wants it gets one message listing their open cases and what is next due. Queued once
//! per officer per day, however many runs there are.

use crate::app::App;
use crate::notify::recipients;
use crate::notify::templates::DigestLine;
use crate::store::{CaseFilter, StoreError};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Queues the day's digests due at `now`; returns how many were queued.
pub async fn run(app: &App, now: OffsetDateTime) -> Result<usize, StoreError> {
    let mut queued = 0;
    for council in app.councils.values() {
        let policy = &council.policy.reminders;
        if !policy.daily_digest || !policy.in_window(&app.calendar, council.policy.division, now) {
            continue;
        }
        // Once a day, the whole council's list: cost follows the council's open cases.
        let records = app
            .store
            .list_cases(&council.id, &CaseFilter::default())
            .await?;
        let mut by_officer: BTreeMap<String, Vec<DigestLine>> = BTreeMap::new();
        for record in records.iter().filter(|r| !r.case.status.is_finished()) {
            if let Some(officer) = &record.case.assigned_to {
                by_officer
                    .entry(officer.0.clone())
                    .or_default()
                    .push(DigestLine {
                        reference: record.reference().clone(),
                        status: record.case.status,
                        next_due: record.next_due(),
                    });
            }
        }
        for (officer, lines) in by_officer {
            let Some(message) = recipients::for_digest(council, &officer, &lines, now) else {
                continue;
            };
            if app.store.queue_once(&message).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}
