//! The embedded store: one SQLite file in WAL mode, for the local server and tests.
//!
//! rusqlite is synchronous, so each call runs on the blocking pool holding the one
//! connection; SQLite serialises writers anyway, and transactions make each call atomic.

use super::{
    CaseFilter, CaseRecord, IdempotencyBinding, Inserted, Store, StoreError, StoreResult,
    sort_newest_first,
};
use async_trait::async_trait;
use feedback_shared::case::CaseEvent;
use feedback_shared::{CouncilId, Reference};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;
use std::sync::{Arc, Mutex};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS cases (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    version INTEGER NOT NULL,
    next_due TEXT,
    record TEXT NOT NULL,
    PRIMARY KEY (council, reference)
);
CREATE INDEX IF NOT EXISTS cases_by_due ON cases (next_due) WHERE next_due IS NOT NULL;
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
}

fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(StoreError::backend)
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(StoreError::backend)
}

fn parse_reference(text: &str) -> StoreResult<Reference> {
    text.parse().map_err(StoreError::backend)
}

#[async_trait]
impl Store for SqliteStore {
    async fn next_sequence(&self, council: &CouncilId, year: i32) -> StoreResult<u64> {
        let council = council.to_string();
        self.with(move |conn| {
            let seq: i64 = conn
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
    ) -> StoreResult<Inserted> {
        let council = record.council().to_string();
        let reference = record.reference().clone();
        let row = (
            to_json(record)?,
            to_json(received)?,
            record.next_due().map(|d| d.to_string()),
        );
        let version = record.case.version as i64;
        let binding = idempotency.cloned();
        self.with(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::backend)?;
            if let Some(binding) = &binding {
                if let Some(existing) = read_binding(&tx, &council, &binding.key)? {
                    return Ok(Inserted::AlreadyBound(existing));
                }
                tx.execute(
                    "INSERT INTO idempotency (council, key, body_hash, reference) VALUES (?1, ?2, ?3, ?4)",
                    params![council, binding.key, binding.body_hash, binding.reference.to_string()],
                )
                .map_err(StoreError::backend)?;
            }
            let inserted = tx
                .execute(
                    "INSERT INTO cases (council, reference, year, sequence, version, next_due, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                    params![
                        council,
                        reference.to_string(),
                        reference.year(),
                        reference.sequence() as i64,
                        version,
                        row.2,
                        row.0
                    ],
                )
                .map_err(StoreError::backend)?;
            if inserted == 0 {
                return Err(StoreError::DuplicateReference(reference));
            }
            tx.execute(
                "INSERT INTO events (council, reference, version, event) VALUES (?1, ?2, ?3, ?4)",
                params![council, reference.to_string(), version, row.1],
            )
            .map_err(StoreError::backend)?;
            tx.commit().map_err(StoreError::backend)?;
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
    ) -> StoreResult<()> {
        let council = record.council().to_string();
        let reference = record.reference().to_string();
        let (record_json, event_json) = (to_json(record)?, to_json(event)?);
        let next_due = record.next_due().map(|d| d.to_string());
        let new_version = record.case.version as i64;
        self.with(move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(StoreError::backend)?;
            let changed = tx
                .execute(
                    "UPDATE cases SET record = ?1, version = ?2, next_due = ?3
                     WHERE council = ?4 AND reference = ?5 AND version = ?6",
                    params![
                        record_json,
                        new_version,
                        next_due,
                        council,
                        reference,
                        expected_version as i64
                    ],
                )
                .map_err(StoreError::backend)?;
            if changed == 0 {
                let exists: bool = tx
                    .query_row(
                        "SELECT 1 FROM cases WHERE council = ?1 AND reference = ?2",
                        params![council, reference],
                        |_| Ok(true),
                    )
                    .optional()
                    .map_err(StoreError::backend)?
                    .unwrap_or(false);
                return Err(if exists {
                    StoreError::VersionConflict {
                        expected: expected_version,
                    }
                } else {
                    StoreError::NotFound
                });
            }
            tx.execute(
                "INSERT INTO events (council, reference, version, event) VALUES (?1, ?2, ?3, ?4)",
                params![council, reference, new_version, event_json],
            )
            .map_err(StoreError::backend)?;
            tx.commit().map_err(StoreError::backend)
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
            reference: parse_reference(&reference)?,
        })
    })
    .transpose()
}
