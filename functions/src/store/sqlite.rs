//! The embedded store: one SQLite file in WAL mode, for the local server and tests.
//!
//! rusqlite is synchronous, so each call runs on the blocking pool holding the one
//! connection; SQLite serialises writers anyway, and each call is one transaction.

use super::{
    CaseFilter, CaseRecord, IdempotencyBinding, Inserted, REMINDER_LOOKBACK_DAYS, Store,
    StoreError, StoreResult, sort_newest_first,
};
use crate::outbox::OutboxMessage;
use async_trait::async_trait;
use feedback_shared::case::CaseEvent;
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::{CouncilId, Reference};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use std::path::Path;
use std::sync::{Arc, Mutex};
use time::{Duration, OffsetDateTime};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS cases (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    version INTEGER NOT NULL,
    reminder_at INTEGER,
    record TEXT NOT NULL,
    PRIMARY KEY (council, reference)
);
CREATE INDEX IF NOT EXISTS cases_by_reminder ON cases (reminder_at) WHERE reminder_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    version INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (council, reference, version)
);
CREATE TABLE IF NOT EXISTS counters (
    council TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    PRIMARY KEY (council, year)
);
CREATE TABLE IF NOT EXISTS idempotency (
    council TEXT NOT NULL,
    key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    reference TEXT NOT NULL,
    PRIMARY KEY (council, key)
);
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    not_before INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_by_time ON outbox (not_before);
CREATE TABLE IF NOT EXISTS equality (
    council TEXT NOT NULL,
    year INTEGER NOT NULL,
    answers TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queued_once (
    id TEXT PRIMARY KEY
);
";

/// Cases in one SQLite database file.
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    /// Opens (creating if need be) the database at `path`, in WAL mode.
    pub fn open(path: &Path) -> StoreResult<Self> {
        let conn = Connection::open(path).map_err(StoreError::backend)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(StoreError::backend)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(StoreError::backend)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(StoreError::backend)?;
        conn.execute_batch(SCHEMA).map_err(StoreError::backend)?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on the blocking pool.
    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| StoreError::Backend("connection lock poisoned".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(StoreError::backend)?
    }

    /// One immediate (write-locked) transaction.
    async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        self.with(move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(StoreError::backend)?;
            let value = f(&tx)?;
            tx.commit().map_err(StoreError::backend)?;
            Ok(value)
        })
        .await
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(StoreError::backend)
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(StoreError::backend)
}

/// The rows one case write touches, serialised outside the connection lock.
struct CaseRow {
    council: String,
    reference: Reference,
    version: i64,
    reminder_at: Option<i64>,
    record: String,
    event: String,
    outbox: Vec<(String, i64, String)>,
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
            outbox: outbox
                .iter()
                .map(|m| Ok((m.id.clone(), m.not_before.unix_timestamp(), to_json(m)?)))
                .collect::<StoreResult<_>>()?,
        })
    }

    fn write_event_and_outbox(&self, tx: &Transaction<'_>) -> StoreResult<()> {
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
            }
            Ok(())
        })
        .await
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn next_sequence(&self, council: &CouncilId, year: i32) -> StoreResult<u64> {
        let council = council.to_string();
        self.write(move |tx| {
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

    async fn idempotency(
        &self,
        council: &CouncilId,
        key: &str,
    ) -> StoreResult<Option<IdempotencyBinding>> {
        let (council, key) = (council.to_string(), key.to_owned());
        self.with(move |conn| read_binding(conn, &council, &key))
            .await
    }

    async fn insert_case(
        &self,
        record: &CaseRecord,
        received: &CaseEvent,
        idempotency: Option<&IdempotencyBinding>,
        outbox: &[OutboxMessage],
    ) -> StoreResult<Inserted> {
        let row = CaseRow::new(record, received, outbox)?;
        let binding = idempotency.cloned();
        self.write(move |tx| {
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
            Ok(Inserted::New)
        })
        .await
    }

    async fn get_case(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Option<CaseRecord>> {
        let (council, reference) = (council.to_string(), reference.to_string());
        self.with(move |conn| {
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

    async fn update_case(
        &self,
        record: &CaseRecord,
        expected_version: u64,
        event: &CaseEvent,
        outbox: &[OutboxMessage],
    ) -> StoreResult<()> {
        let row = CaseRow::new(record, event, outbox)?;
        self.write(move |tx| {
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
            row.write_event_and_outbox(tx)
        })
        .await
    }

    async fn events(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<CaseEvent>> {
        let (council, reference) = (council.to_string(), reference.to_string());
        self.with(move |conn| {
            let mut stmt = conn
                .prepare("SELECT event FROM events WHERE council = ?1 AND reference = ?2 ORDER BY version")
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params![council, reference], |row| row.get::<_, String>(0))
                .map_err(StoreError::backend)?;
            rows.map(|r| r.map_err(StoreError::backend).and_then(|t| from_json(&t))).collect()
        })
        .await
    }

    async fn list_cases(
        &self,
        council: &CouncilId,
        filter: &CaseFilter,
    ) -> StoreResult<Vec<CaseRecord>> {
        let council = council.to_string();
        let filter = filter.clone();
        self.with(move |conn| {
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

    async fn due_reminders(&self, now: OffsetDateTime) -> StoreResult<Vec<CaseRecord>> {
        let until = now.unix_timestamp();
        let from = (now - Duration::days(REMINDER_LOOKBACK_DAYS)).unix_timestamp();
        self.with(move |conn| {
            let mut stmt = conn
                .prepare(
                    "SELECT record FROM cases WHERE reminder_at IS NOT NULL AND reminder_at >= ?1 AND reminder_at <= ?2
                     ORDER BY reminder_at",
                )
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params![from, until], |row| row.get::<_, String>(0))
                .map_err(StoreError::backend)?;
            rows.map(|r| r.map_err(StoreError::backend).and_then(|t| from_json(&t))).collect()
        })
        .await
    }

    async fn claim_outbox(
        &self,
        now: OffsetDateTime,
        owner: &str,
        lease: Duration,
        limit: usize,
    ) -> StoreResult<Vec<OutboxMessage>> {
        let (now, until, owner) = (
            now.unix_timestamp(),
            (now + lease).unix_timestamp(),
            owner.to_owned(),
        );
        self.write(move |tx| {
            let mut stmt = tx
                .prepare(
                    "UPDATE outbox SET lease_owner = ?1, lease_until = ?2
                     WHERE id IN (SELECT id FROM outbox WHERE not_before <= ?3
                                  AND (lease_until IS NULL OR lease_until < ?3)
                                  ORDER BY not_before LIMIT ?4)
                     RETURNING message",
                )
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params![owner, until, now, limit as i64], |row| {
                    row.get::<_, String>(0)
                })
                .map_err(StoreError::backend)?;
            rows.map(|r| r.map_err(StoreError::backend).and_then(|t| from_json(&t)))
                .collect()
        })
        .await
    }

    async fn complete_outbox(&self, message: &OutboxMessage, owner: &str) -> StoreResult<()> {
        let (id, owner) = (message.id.clone(), owner.to_owned());
        self.write(move |tx| {
            let deleted = tx
                .execute(
                    "DELETE FROM outbox WHERE id = ?1 AND lease_owner = ?2",
                    params![id, owner],
                )
                .map_err(StoreError::backend)?;
            if deleted == 0 {
                Err(StoreError::Backend("the message's lease was lost".into()))
            } else {
                Ok(())
            }
        })
        .await
    }

    async fn retry_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        not_before: OffsetDateTime,
    ) -> StoreResult<()> {
        let mut next = message.clone();
        next.attempts += 1;
        next.not_before = not_before;
        let (id, owner, json) = (message.id.clone(), owner.to_owned(), to_json(&next)?);
        let not_before = not_before.unix_timestamp();
        self.write(move |tx| {
            let changed = tx
                .execute(
                    "UPDATE outbox SET not_before = ?1, message = ?2, lease_owner = NULL, lease_until = NULL
                     WHERE id = ?3 AND lease_owner = ?4",
                    params![not_before, json, id, owner],
                )
                .map_err(StoreError::backend)?;
            if changed == 0 { Err(StoreError::Backend("the message's lease was lost".into())) } else { Ok(()) }
        })
        .await
    }

    async fn queue_once(&self, message: &OutboxMessage) -> StoreResult<bool> {
        let (id, not_before, json) = (
            message.id.clone(),
            message.not_before.unix_timestamp(),
            to_json(message)?,
        );
        self.write(move |tx| {
            let first = tx
                .execute(
                    "INSERT OR IGNORE INTO queued_once (id) VALUES (?1)",
                    params![id],
                )
                .map_err(StoreError::backend)?;
            if first == 1 {
                tx.execute(
                    "INSERT INTO outbox (id, not_before, message) VALUES (?1, ?2, ?3)",
                    params![id, not_before, json],
                )
                .map_err(StoreError::backend)?;
            }
            Ok(first == 1)
        })
        .await
    }

    async fn outbox_len(&self) -> StoreResult<usize> {
        self.with(|conn| {
            let n: i64 = conn
                .query_row("SELECT COUNT(*) FROM outbox", [], |row| row.get(0))
                .map_err(StoreError::backend)?;
            Ok(n as usize)
        })
        .await
    }

    async fn record_equality(
        &self,
        council: &CouncilId,
        year: i32,
        answers: &EqualityAnswers,
    ) -> StoreResult<()> {
        let (council, json) = (council.to_string(), to_json(answers)?);
        self.write(move |tx| {
            tx.execute(
                "INSERT INTO equality (council, year, answers) VALUES (?1, ?2, ?3)",
                params![council, year, json],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
    }

    async fn equality_answers(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Vec<EqualityAnswers>> {
        let council = council.to_string();
        self.with(move |conn| {
            let mut statement = conn
                .prepare("SELECT answers FROM equality WHERE council = ?1 AND year = ?2")
                .map_err(StoreError::backend)?;
            let rows = statement
                .query_map(params![council, year], |row| row.get::<_, String>(0))
                .map_err(StoreError::backend)?;
            rows.map(|json| {
                let json = json.map_err(StoreError::backend)?;
                serde_json::from_str(&json).map_err(StoreError::backend)
            })
            .collect()
        })
        .await
    }
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
