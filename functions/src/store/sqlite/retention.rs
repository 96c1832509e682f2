//! Retention on SQLite: the retention index is an index on the closure date inside each
//! case's JSON, partial to closed cases not yet anonymised, so it needs no column, no
//! write of its own and no backfill (SQLite builds it from the rows the first time the
//! database is opened with it), and a reopened or anonymised case leaves it by the same
//! write. Holds are a table. Deleted bytes are overwritten (`secure_delete`, set when the
//! database is opened), and after an anonymisation the WAL is checkpointed and truncated,
//! so neither file keeps what was removed.

use super::{SqliteStore, aggregates, from_json, queue, to_json};
use crate::store::aggregates::AggregateChange;
use crate::store::queue::QueueEntry;
use crate::store::retention::{Anonymisation, Removal, RetentionDue, anonymise_message, plan};
use crate::store::{CaseRecord, MessageRecord, StoreError, StoreResult};
use feedback_shared::case::{CaseEvent, anonymise_event};
use feedback_shared::wire::LegalHold;
use feedback_shared::{CouncilId, Reference};
use rusqlite::{OptionalExtension, Transaction, params};
use time::Date;

/// The closure date as the index and its queries spell it (they must match for SQLite to
/// use the index).
const CLOSED_ON: &str = "json_extract(record, '$.case.closed_on')";

pub(super) const RETENTION_SCHEMA: &str = "
CREATE INDEX IF NOT EXISTS cases_by_closure
    ON cases (council, json_extract(record, '$.case.closed_on'), reference)
    WHERE json_extract(record, '$.case.closed_on') IS NOT NULL
      AND json_extract(record, '$.case.anonymised') IS NULL;
CREATE INDEX IF NOT EXISTS idempotency_by_reference ON idempotency (council, reference);
CREATE TABLE IF NOT EXISTS holds (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (council, reference)
);
";

/// The query the index answers: `?1` council, `?2` the cutoff, `?3`/`?4` the last row read.
fn due_query() -> String {
    format!(
        "SELECT reference, {CLOSED_ON} FROM cases
         WHERE council = ?1 AND {CLOSED_ON} IS NOT NULL
           AND json_extract(record, '$.case.anonymised') IS NULL
           AND {CLOSED_ON} < ?2 AND ({CLOSED_ON}, reference) > (?3, ?4)
         ORDER BY {CLOSED_ON}, reference LIMIT ?5"
    )
}

pub(super) async fn due_for_retention(
    store: &SqliteStore,
    council: &CouncilId,
    closed_before: Date,
    after: Option<&RetentionDue>,
    limit: usize,
) -> StoreResult<Vec<RetentionDue>> {
    let council = council.to_string();
    let before = crate::store::queue::date_key(closed_before);
    let (after_on, after_ref) = after.map_or((String::new(), String::new()), |due| {
        (
            crate::store::queue::date_key(due.closed_on),
            due.reference.to_string(),
        )
    });
    store
        .with(move |conn| {
            let mut stmt = conn
                .prepare_cached(&due_query())
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(
                    params![council, before, after_on, after_ref, limit as i64],
                    |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
                )
                .map_err(StoreError::backend)?;
            rows.map(|row| {
                let (reference, closed_on) = row.map_err(StoreError::backend)?;
                Ok(RetentionDue {
                    reference: reference.parse().map_err(StoreError::backend)?,
                    closed_on: feedback_shared::input::parse_iso_date(&closed_on)
                        .map_err(|e| StoreError::Backend(e.0))?,
                })
            })
            .collect()
        })
        .await
}

pub(super) async fn anonymise_case(
    store: &SqliteStore,
    council: &CouncilId,
    removal: &Removal,
) -> StoreResult<Anonymisation> {
    let (council, removal) = (council.to_string(), removal.clone());
    let done = store
        .write(move |tx| anonymise_in(tx, &council, &removal))
        .await?;
    if done == Anonymisation::Done {
        // The WAL still holds the pages as they were before; copy them into the database
        // (where `secure_delete` has overwritten the old cells) and empty it.
        store
            .with(|conn| {
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                    .map_err(StoreError::backend)
            })
            .await?;
    }
    Ok(done)
}

fn anonymise_in(
    tx: &Transaction<'_>,
    council: &str,
    removal: &Removal,
) -> StoreResult<Anonymisation> {
    let reference = removal.reference.to_string();
    let stored: Option<(i64, String)> = tx
        .query_row(
            "SELECT version, record FROM cases WHERE council = ?1 AND reference = ?2",
            params![council, reference],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(StoreError::backend)?;
    let Some((version, text)) = stored else {
        return Err(StoreError::NotFound);
    };
    if let Some(expected) = removal.expected_version.filter(|v| *v as i64 != version) {
        return Err(StoreError::VersionConflict { expected });
    }
    if held(tx, council, &reference)? {
        return Ok(Anonymisation::Held);
    }
    let old: CaseRecord = from_json(&text)?;
    let (new, event) = match plan(&old, removal) {
        Ok(planned) => planned,
        Err(nothing) => return Ok(nothing),
    };
    // The write lock has been held since the read above, so the version cannot move.
    tx.execute(
        "UPDATE cases SET record = ?1, version = ?2, reminder_at = ?3
         WHERE council = ?4 AND reference = ?5",
        params![
            to_json(&new)?,
            new.case.version as i64,
            new.reminder_at().map(|at| at.unix_timestamp()),
            council,
            reference
        ],
    )
    .map_err(StoreError::backend)?;
    tx.execute(
        "INSERT INTO events (council, reference, version, event) VALUES (?1, ?2, ?3, ?4)",
        params![council, reference, event.version as i64, to_json(&event)?],
    )
    .map_err(StoreError::backend)?;
    rewrite_events(tx, council, &reference)?;
    rewrite_messages(tx, council, &reference)?;
    tx.execute(
        "DELETE FROM idempotency WHERE council = ?1 AND reference = ?2",
        params![council, reference],
    )
    .map_err(StoreError::backend)?;
    queue::index_case(tx, council, &reference, &QueueEntry::of(&new))?;
    aggregates::write_change(tx, council, &AggregateChange::of(Some(&old), &new))?;
    Ok(Anonymisation::Done)
}

fn held(tx: &Transaction<'_>, council: &str, reference: &str) -> StoreResult<bool> {
    tx.query_row(
        "SELECT 1 FROM holds WHERE council = ?1 AND reference = ?2",
        params![council, reference],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
    .map_err(StoreError::backend)
}

/// Every event of the case with its free text removed, where it had some.
fn rewrite_events(tx: &Transaction<'_>, council: &str, reference: &str) -> StoreResult<()> {
    let rows: Vec<(i64, String, String)> = {
        let mut stmt = tx
            .prepare(
                "SELECT version, appended, event FROM events WHERE council = ?1 AND reference = ?2",
            )
            .map_err(StoreError::backend)?;
        let rows = stmt
            .query_map(params![council, reference], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .map_err(StoreError::backend)?;
        rows.collect::<Result<_, _>>()
            .map_err(StoreError::backend)?
    };
    for (version, appended, text) in rows {
        let event: CaseEvent = from_json(&text)?;
        let scrubbed = anonymise_event(&event);
        if scrubbed != event {
            tx.execute(
                "UPDATE events SET event = ?1
                 WHERE council = ?2 AND reference = ?3 AND version = ?4 AND appended = ?5",
                params![to_json(&scrubbed)?, council, reference, version, appended],
            )
            .map_err(StoreError::backend)?;
        }
    }
    Ok(())
}

/// The case's message records without recipients, and its messages' bodies (queued or
/// given up on) deleted.
fn rewrite_messages(tx: &Transaction<'_>, council: &str, reference: &str) -> StoreResult<()> {
    let rows: Vec<(String, String)> = {
        let mut stmt = tx
            .prepare("SELECT id, message FROM messages WHERE council = ?1 AND reference = ?2")
            .map_err(StoreError::backend)?;
        let rows = stmt
            .query_map(params![council, reference], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .map_err(StoreError::backend)?;
        rows.collect::<Result<_, _>>()
            .map_err(StoreError::backend)?
    };
    for (id, text) in rows {
        let record: MessageRecord = from_json(&text)?;
        tx.execute(
            "UPDATE messages SET message = ?1 WHERE council = ?2 AND reference = ?3 AND id = ?4",
            params![
                to_json(&anonymise_message(&record))?,
                council,
                reference,
                id
            ],
        )
        .map_err(StoreError::backend)?;
        tx.execute("DELETE FROM outbox WHERE id = ?1", params![id])
            .map_err(StoreError::backend)?;
        tx.execute(
            "DELETE FROM undelivered WHERE council = ?1 AND id = ?2",
            params![council, id],
        )
        .map_err(StoreError::backend)?;
    }
    Ok(())
}

pub(super) async fn put_hold(
    store: &SqliteStore,
    council: &CouncilId,
    hold: &LegalHold,
) -> StoreResult<()> {
    let (council, reference, record) = (
        council.to_string(),
        hold.reference.to_string(),
        to_json(hold)?,
    );
    store
        .write(move |tx| {
            let exists = tx
                .query_row(
                    "SELECT 1 FROM cases WHERE council = ?1 AND reference = ?2",
                    params![council, reference],
                    |_| Ok(()),
                )
                .optional()
                .map_err(StoreError::backend)?
                .is_some();
            if !exists {
                return Err(StoreError::NotFound);
            }
            tx.execute(
                "INSERT OR REPLACE INTO holds (council, reference, record) VALUES (?1, ?2, ?3)",
                params![council, reference, record],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}

pub(super) async fn remove_hold(
    store: &SqliteStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<()> {
    let (council, reference) = (council.to_string(), reference.to_string());
    store
        .write(move |tx| {
            let removed = tx
                .execute(
                    "DELETE FROM holds WHERE council = ?1 AND reference = ?2",
                    params![council, reference],
                )
                .map_err(StoreError::backend)?;
            if removed == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
        .await
}

pub(super) async fn holds(store: &SqliteStore, council: &CouncilId) -> StoreResult<Vec<LegalHold>> {
    let mut holds: Vec<LegalHold> = super::council_records(store, "holds", council).await?;
    holds.sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok(holds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_query_reads_the_retention_index() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(super::super::schema::SCHEMA).unwrap();
        conn.execute_batch(RETENTION_SCHEMA).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", due_query()))
            .unwrap()
            .query_map(params!["demo", "2020-01-01", "", "", 10], |row| row.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("USING INDEX cases_by_closure")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN")),
            "{plan:?}"
        );
    }
}
