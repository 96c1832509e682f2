//! Cases, their timelines, reference counters and idempotency bindings, written in one
//! transaction each, and the cases whose reminder is due.

use super::{SqliteStore, aggregates, column_json, from_json, queue, to_json};
use crate::outbox::OutboxMessage;
use crate::store::aggregates::{AggregateChange, Aggregates};
use crate::store::queue::QueueEntry;
use crate::store::{
    CaseFilter, CaseRecord, IdempotencyBinding, Inserted, MessageRecord, REMINDER_LOOKBACK_DAYS,
    StoreError, StoreResult, appended_key, sort_newest_first,
};
use feedback_shared::case::CaseEvent;
use feedback_shared::{CouncilId, Reference};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use time::{Duration, OffsetDateTime};

/// The rows one case write touches, serialised outside the connection lock.
pub(super) struct CaseRow {
    council: String,
    reference: Reference,
    version: i64,
    reminder_at: Option<i64>,
    record: String,
    event: String,
    outbox: Vec<(String, i64, String)>,
    /// Each queued message's record for the timeline: id, when queued, JSON.
    messages: Vec<(String, i64, String)>,
    queue: QueueEntry,
}

impl CaseRow {
    fn new(record: &CaseRecord, event: &CaseEvent, outbox: &[OutboxMessage]) -> StoreResult<Self> {
        Ok(CaseRow {
            council: record.council().to_string(),
            reference: record.reference().clone(),
            version: record.case.version as i64,
            reminder_at: record.reminder_at().map(|at| at.unix_timestamp()),
            record: to_json(record)?,
            event: to_json(event)?,
            queue: QueueEntry::of(record),
            outbox: outbox
                .iter()
                .map(|m| Ok((m.id.clone(), m.not_before.unix_timestamp(), to_json(m)?)))
                .collect::<StoreResult<_>>()?,
            messages: outbox
                .iter()
                .map(|m| {
                    let record = MessageRecord::of(m);
                    Ok((
                        record.id.clone(),
                        record.queued_at.unix_timestamp(),
                        to_json(&record)?,
                    ))
                })
                .collect::<StoreResult<_>>()?,
        })
    }

    fn write_event_and_outbox(&self, tx: &Transaction<'_>) -> StoreResult<()> {
        queue::index_case(tx, &self.council, &self.reference.to_string(), &self.queue)?;
        tx.execute(
            "INSERT INTO events (council, reference, version, event) VALUES (?1, ?2, ?3, ?4)",
            params![
                self.council,
                self.reference.to_string(),
                self.version,
                self.event
            ],
        )
        .map_err(StoreError::backend)?;
        for (id, not_before, message) in &self.outbox {
            tx.execute(
                "INSERT INTO outbox (id, not_before, message) VALUES (?1, ?2, ?3)",
                params![id, not_before, message],
            )
            .map_err(StoreError::backend)?;
        }
        for (id, queued_at, message) in &self.messages {
            tx.execute(
                "INSERT INTO messages (council, reference, id, queued_at, message) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![self.council, self.reference.to_string(), id, queued_at, message],
            )
            .map_err(StoreError::backend)?;
        }
        Ok(())
    }
}

impl SqliteStore {
    /// Loads many cases at once, in one transaction, without events or messages: for
    /// benchmarks and migrations, never for cases residents are waiting on.
    pub async fn bulk_load(&self, records: Vec<CaseRecord>) -> StoreResult<()> {
        self.write(move |tx| {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO cases (council, reference, year, sequence, version, reminder_at, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(StoreError::backend)?;
            // The loaded cases' sums, added to each council's.
            let councils: std::collections::BTreeSet<&str> =
                records.iter().map(|r| r.council().as_str()).collect();
            for council in councils {
                let theirs = records.iter().filter(|r| r.council().as_str() == council);
                aggregates::write_change(
                    tx,
                    council,
                    &AggregateChange::from(&Aggregates::of_cases(theirs)),
                )?;
            }
            for record in &records {
                let reference = record.reference();
                stmt.execute(params![
                    record.council().to_string(),
                    reference.to_string(),
                    reference.year(),
                    reference.sequence() as i64,
                    record.case.version as i64,
                    record.reminder_at().map(|at| at.unix_timestamp()),
                    to_json(record)?
                ])
                .map_err(StoreError::backend)?;
                queue::index_case(
                    tx,
                    record.council().as_str(),
                    &reference.to_string(),
                    &QueueEntry::of(record),
                )?;
            }
            Ok(())
        })
        .await
    }
}

pub(super) async fn next_sequence(
    store: &SqliteStore,
    council: &CouncilId,
    year: i32,
) -> StoreResult<u64> {
    let council = council.to_string();
    store
        .write(move |tx| {
            let seq: i64 = tx
                .query_row(
                    "INSERT INTO counters (council, year, sequence) VALUES (?1, ?2, 1)
                 ON CONFLICT (council, year) DO UPDATE SET sequence = sequence + 1
                 RETURNING sequence",
                    params![council, year],
                    |row| row.get(0),
                )
                .map_err(StoreError::backend)?;
            Ok(seq as u64)
        })
        .await
}

pub(super) async fn idempotency(
    store: &SqliteStore,
    council: &CouncilId,
    key: &str,
) -> StoreResult<Option<IdempotencyBinding>> {
    let (council, key) = (council.to_string(), key.to_owned());
    store
        .with(move |conn| read_binding(conn, &council, &key))
        .await
}

pub(super) async fn insert_case(
    store: &SqliteStore,
    record: &CaseRecord,
    received: &CaseEvent,
    idempotency: Option<&IdempotencyBinding>,
    outbox: &[OutboxMessage],
) -> StoreResult<Inserted> {
    let row = CaseRow::new(record, received, outbox)?;
    let change = AggregateChange::of(None, record);
    let binding = idempotency.cloned();
    store.write(move |tx| {
        if let Some(binding) = &binding {
            if let Some(existing) = read_binding(tx, &row.council, &binding.key)? {
                return Ok(Inserted::AlreadyBound(existing));
            }
            tx.execute(
                "INSERT INTO idempotency (council, key, body_hash, reference) VALUES (?1, ?2, ?3, ?4)",
                params![row.council, binding.key, binding.body_hash, binding.reference.to_string()],
            )
            .map_err(StoreError::backend)?;
        }
        let inserted = tx
            .execute(
                "INSERT INTO cases (council, reference, year, sequence, version, reminder_at, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                params![
                    row.council,
                    row.reference.to_string(),
                    row.reference.year(),
                    row.reference.sequence() as i64,
                    row.version,
                    row.reminder_at,
                    row.record
                ],
            )
            .map_err(StoreError::backend)?;
        if inserted == 0 {
            // Returning an error rolls the whole transaction back.
            return Err(StoreError::DuplicateReference(row.reference.clone()));
        }
        row.write_event_and_outbox(tx)?;
        aggregates::write_change(tx, &row.council, &change)?;
        Ok(Inserted::New)
    })
    .await
}

pub(super) async fn get_case(
    store: &SqliteStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Option<CaseRecord>> {
    let (council, reference) = (council.to_string(), reference.to_string());
    store
        .with(move |conn| {
            let text: Option<String> = conn
                .query_row(
                    "SELECT record FROM cases WHERE council = ?1 AND reference = ?2",
                    params![council, reference],
                    |row| row.get(0),
                )
                .optional()
                .map_err(StoreError::backend)?;
            text.as_deref().map(from_json).transpose()
        })
        .await
}

pub(super) async fn update_case(
    store: &SqliteStore,
    record: &CaseRecord,
    expected_version: u64,
    event: &CaseEvent,
    outbox: &[OutboxMessage],
) -> StoreResult<()> {
    let row = CaseRow::new(record, event, outbox)?;
    let new = record.clone();
    store
        .write(move |tx| {
            // The case as stored, whose contribution to the sums this write replaces; the
            // version condition below holds it to the version read.
            let old: Option<String> = tx
                .query_row(
                    "SELECT record FROM cases WHERE council = ?1 AND reference = ?2 AND version = ?3",
                    params![row.council, row.reference.to_string(), expected_version as i64],
                    |row| row.get(0),
                )
                .optional()
                .map_err(StoreError::backend)?;
            let changed = tx
                .execute(
                    "UPDATE cases SET record = ?1, version = ?2, reminder_at = ?3
                 WHERE council = ?4 AND reference = ?5 AND version = ?6",
                    params![
                        row.record,
                        row.version,
                        row.reminder_at,
                        row.council,
                        row.reference.to_string(),
                        expected_version as i64
                    ],
                )
                .map_err(StoreError::backend)?;
            if changed == 0 {
                let exists = tx
                    .query_row(
                        "SELECT 1 FROM cases WHERE council = ?1 AND reference = ?2",
                        params![row.council, row.reference.to_string()],
                        |_| Ok(()),
                    )
                    .optional()
                    .map_err(StoreError::backend)?
                    .is_some();
                return Err(if exists {
                    StoreError::VersionConflict {
                        expected: expected_version,
                    }
                } else {
                    StoreError::NotFound
                });
            }
            let old = old.as_deref().map(from_json::<CaseRecord>).transpose()?;
            row.write_event_and_outbox(tx)?;
            aggregates::write_change(tx, &row.council, &AggregateChange::of(old.as_ref(), &new))
        })
        .await
}

pub(super) async fn append_event(
    store: &SqliteStore,
    council: &CouncilId,
    reference: &Reference,
    event: &CaseEvent,
    expected_version: Option<u64>,
) -> StoreResult<()> {
    let (council, reference) = (council.to_string(), reference.to_string());
    let (version, appended, text) = (event.version as i64, appended_key(event), to_json(event)?);
    store
        .write(move |tx| {
            // The case row is read, never written: an append holds the write lock only
            // for one insert, and waits for no version.
            let stored: Option<i64> = tx
                .query_row(
                    "SELECT version FROM cases WHERE council = ?1 AND reference = ?2",
                    params![council, reference],
                    |row| row.get(0),
                )
                .optional()
                .map_err(StoreError::backend)?;
            match (stored, expected_version) {
                (None, _) => return Err(StoreError::NotFound),
                (Some(stored), Some(expected)) if stored != expected as i64 => {
                    return Err(StoreError::VersionConflict { expected });
                }
                _ => {}
            }
            tx.execute(
                "INSERT INTO events (council, reference, version, appended, event)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![council, reference, version, appended, text],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}

pub(super) async fn events(
    store: &SqliteStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Vec<CaseEvent>> {
    let (council, reference) = (council.to_string(), reference.to_string());
    store
        .with(move |conn| {
            column_json(
                conn,
                "SELECT event FROM events WHERE council = ?1 AND reference = ?2 ORDER BY version, appended",
                params![council, reference],
            )
        })
        .await
}

pub(super) async fn messages(
    store: &SqliteStore,
    council: &CouncilId,
    reference: &Reference,
) -> StoreResult<Vec<MessageRecord>> {
    let (council, reference) = (council.to_string(), reference.to_string());
    store
        .with(move |conn| {
            column_json(
                conn,
                "SELECT message FROM messages WHERE council = ?1 AND reference = ?2
                 ORDER BY queued_at, id",
                params![council, reference],
            )
        })
        .await
}

pub(super) async fn list_cases(
    store: &SqliteStore,
    council: &CouncilId,
    filter: &CaseFilter,
) -> StoreResult<Vec<CaseRecord>> {
    let council = council.to_string();
    let filter = filter.clone();
    store
        .with(move |conn| {
            let mut stmt = conn
                .prepare("SELECT record FROM cases WHERE council = ?1")
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params![council], |row| row.get::<_, String>(0))
                .map_err(StoreError::backend)?;
            let mut records = Vec::new();
            for text in rows {
                let record: CaseRecord = from_json(&text.map_err(StoreError::backend)?)?;
                if filter.matches(&record) {
                    records.push(record);
                }
            }
            sort_newest_first(&mut records);
            Ok(records)
        })
        .await
}

pub(super) async fn due_reminders(
    store: &SqliteStore,
    now: OffsetDateTime,
) -> StoreResult<Vec<CaseRecord>> {
    let until = now.unix_timestamp();
    let from = (now - Duration::days(REMINDER_LOOKBACK_DAYS)).unix_timestamp();
    store
        .with(move |conn| {
            column_json(
                conn,
                "SELECT record FROM cases WHERE reminder_at IS NOT NULL AND reminder_at >= ?1 AND reminder_at <= ?2
                 ORDER BY reminder_at",
                params![from, until],
            )
        })
        .await
}

fn read_binding(
    conn: &Connection,
    council: &str,
    key: &str,
) -> StoreResult<Option<IdempotencyBinding>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT body_hash, reference FROM idempotency WHERE council = ?1 AND key = ?2",
            params![council, key],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(StoreError::backend)?;
    row.map(|(body_hash, reference)| {
        Ok(IdempotencyBinding {
            key: key.to_owned(),
            body_hash,
            reference: reference.parse().map_err(StoreError::backend)?,
        })
    })
    .transpose()
}
