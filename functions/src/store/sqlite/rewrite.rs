//! A correction on SQLite ([`crate::store::rewrite`]): one transaction under the write
//! lock, so nothing else writes between the version check and the last rewritten copy.
//! As after an anonymisation, the WAL is checkpointed and truncated afterwards, and
//! `secure_delete` has overwritten the old cells, so neither file keeps the old values.

use super::{SqliteStore, aggregates, from_json, queue, to_json};
use crate::outbox::{OutboxMessage, Undelivered};
use crate::store::aggregates::AggregateChange;
use crate::store::queue::QueueEntry;
use crate::store::rewrite::{self, Rewrite};
use crate::store::{CaseRecord, MessageRecord, StoreError, StoreResult};
use feedback_shared::case::{CaseEvent, TextChange};
use rusqlite::{OptionalExtension, Transaction, params};

pub(super) async fn rewrite_case(
    store: &SqliteStore,
    previous: &CaseRecord,
    rewrite: &Rewrite,
) -> StoreResult<()> {
    let (previous, rewrite) = (previous.clone(), rewrite.clone());
    store
        .write(move |tx| rewrite_in(tx, &previous, &rewrite))
        .await?;
    store
        .with(|conn| {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .map_err(StoreError::backend)
        })
        .await
}

fn rewrite_in(tx: &Transaction<'_>, previous: &CaseRecord, rewrite: &Rewrite) -> StoreResult<()> {
    let council = previous.council().to_string();
    let reference = previous.reference().to_string();
    let expected = previous.case.version;
    let new = &rewrite.record;
    let changed = tx
        .execute(
            "UPDATE cases SET record = ?1, version = ?2, reminder_at = ?3
             WHERE council = ?4 AND reference = ?5 AND version = ?6",
            params![
                to_json(new)?,
                new.case.version as i64,
                new.reminder_at().map(|at| at.unix_timestamp()),
                council,
                reference,
                expected as i64
            ],
        )
        .map_err(StoreError::backend)?;
    if changed == 0 {
        let exists = tx
            .query_row(
                "SELECT 1 FROM cases WHERE council = ?1 AND reference = ?2",
                params![council, reference],
                |_| Ok(()),
            )
            .optional()
            .map_err(StoreError::backend)?
            .is_some();
        return Err(if exists {
            StoreError::VersionConflict { expected }
        } else {
            StoreError::NotFound
        });
    }
    rewrite_events(tx, &council, &reference, &rewrite.changes)?;
    tx.execute(
        "INSERT INTO events (council, reference, version, event) VALUES (?1, ?2, ?3, ?4)",
        params![
            council,
            reference,
            rewrite.event.version as i64,
            to_json(&rewrite.event)?
        ],
    )
    .map_err(StoreError::backend)?;
    rewrite_messages(tx, &council, &reference, &rewrite.changes)?;
    queue::index_case(tx, &council, &reference, &QueueEntry::of(new))?;
    aggregates::write_change(tx, &council, &AggregateChange::of(Some(previous), new))
}

/// Rows of `(key, json)` from `sql` with `council` and `reference` bound.
fn rows(
    tx: &Transaction<'_>,
    sql: &str,
    council: &str,
    reference: &str,
) -> StoreResult<Vec<(String, String, String)>> {
    let mut stmt = tx.prepare(sql).map_err(StoreError::backend)?;
    let rows = stmt
        .query_map(params![council, reference], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .map_err(StoreError::backend)?;
    rows.collect::<Result<_, _>>().map_err(StoreError::backend)
}

fn rewrite_events(
    tx: &Transaction<'_>,
    council: &str,
    reference: &str,
    changes: &[TextChange],
) -> StoreResult<()> {
    let sql = "SELECT CAST(version AS TEXT), appended, event FROM events
               WHERE council = ?1 AND reference = ?2";
    for (version, appended, text) in rows(tx, sql, council, reference)? {
        let event: CaseEvent = from_json(&text)?;
        let changed = rewrite::event_leniently(&event, changes)?;
        if changed != event {
            tx.execute(
                "UPDATE events SET event = ?1
                 WHERE council = ?2 AND reference = ?3 AND version = CAST(?4 AS INTEGER)
                   AND appended = ?5",
                params![to_json(&changed)?, council, reference, version, appended],
            )
            .map_err(StoreError::backend)?;
        }
    }
    Ok(())
}

/// The case's message records, and its messages still queued or given up on (found by
/// the records' ids), changed; a queued or undelivered message left with no recipient
/// deleted.
fn rewrite_messages(
    tx: &Transaction<'_>,
    council: &str,
    reference: &str,
    changes: &[TextChange],
) -> StoreResult<()> {
    let sql = "SELECT id, message, '' FROM messages WHERE council = ?1 AND reference = ?2";
    for (id, text, _) in rows(tx, sql, council, reference)? {
        let record: MessageRecord = from_json(&text)?;
        let changed = rewrite::message_record(&record, changes);
        if changed != record {
            tx.execute(
                "UPDATE messages SET message = ?1 WHERE council = ?2 AND reference = ?3 AND id = ?4",
                params![to_json(&changed)?, council, reference, id],
            )
            .map_err(StoreError::backend)?;
        }
        let queued: Option<String> = tx
            .query_row(
                "SELECT message FROM outbox WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )
            .optional()
            .map_err(StoreError::backend)?;
        if let Some(text) = queued {
            let message: OutboxMessage = from_json(&text)?;
            match rewrite::outbox_message(&message, changes) {
                Some(changed) => tx.execute(
                    "UPDATE outbox SET message = ?1 WHERE id = ?2",
                    params![to_json(&changed)?, id],
                ),
                None => tx.execute("DELETE FROM outbox WHERE id = ?1", params![id]),
            }
            .map_err(StoreError::backend)?;
        }
        let kept: Option<String> = tx
            .query_row(
                "SELECT record FROM undelivered WHERE council = ?1 AND id = ?2",
                params![council, id],
                |row| row.get(0),
            )
            .optional()
            .map_err(StoreError::backend)?;
        if let Some(text) = kept {
            let kept: Undelivered = from_json(&text)?;
            match rewrite::undelivered(&kept, changes) {
                Some(changed) => tx.execute(
                    "UPDATE undelivered SET record = ?1 WHERE council = ?2 AND id = ?3",
                    params![to_json(&changed)?, council, id],
                ),
                None => tx.execute(
                    "DELETE FROM undelivered WHERE council = ?1 AND id = ?2",
                    params![council, id],
                ),
            }
            .map_err(StoreError::backend)?;
        }
    }
    Ok(())
}
