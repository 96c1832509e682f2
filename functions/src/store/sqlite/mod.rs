//! The embedded store: one SQLite file in WAL mode, for the local server and tests.
//!
//! rusqlite is synchronous. Writes go to one thread that owns the write connection and
//! commits the writes that queue up together, each under a savepoint of its own
//! (`writer.rs`); reads run on the blocking pool over a second connection, which WAL mode
//! lets read while the writer writes.
//!
//! The [`Store`] operations are written by what they touch: `cases.rs` (cases, events,
//! counters, idempotency bindings and due reminders), `outbox.rs` (and `undelivered.rs`, what it gave up on), `equality.rs`,
//! `usage.rs` (counted uses), `api_keys.rs` and `templates.rs` (response templates); the tables are in `schema.rs`, but for the
//! queue's index and search terms, which `queue.rs` keeps and reads.

mod aggregates;
mod annual;
mod api_keys;
mod cases;
mod equality;
mod outbox;
mod queue;
mod restrictions;
mod retention;
mod rewrite;
mod schema;
mod templates;
mod undelivered;
mod usage;
mod writer;

use super::{
    Anonymisation, ApiKeyRecord, CaseFilter, CaseRecord, Counted, IdempotencyBinding, Inserted,
    MessageRecord, Removal, RetentionDue, Store, StoreError, StoreResult, UseCounter,
};
use crate::outbox::{OutboxMessage, Undelivered};
use crate::store::aggregates::{Aggregates, Census};
use async_trait::async_trait;
use feedback_shared::case::CaseEvent;
use feedback_shared::equality::EqualityAnswers;
use feedback_shared::report::{Learning, Tally};
use feedback_shared::template::ResponseTemplate;
use feedback_shared::wire::{AnnualRecord, LegalHold};
use feedback_shared::{CouncilId, Reference};
use rusqlite::{Connection, Transaction};
use schema::SCHEMA;
use std::path::Path;
use std::sync::{Arc, Mutex};
use time::{Date, Duration, OffsetDateTime};

/// Cases in one SQLite database file.
#[derive(Clone)]
pub struct SqliteStore {
    writer: writer::Writer,
    reader: Arc<Mutex<Connection>>,
}

/// Creates the database file readable and writable by its owner alone (0600) before
/// SQLite opens it, whatever the umask, and tightens an existing one.
#[cfg(unix)]
fn private_database_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn private_database_file(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// The database's `-wal` and `-shm` files, where they exist, made 0600.
#[cfg(unix)]
fn private_companions(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::set_permissions(&name, std::fs::Permissions::from_mode(0o600)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn private_companions(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

impl SqliteStore {
    /// Opens (creating if need be) the database at `path`, in WAL mode.
    /// Always a file: the writer and the reader are two connections to it (an in-memory
    /// database would be two databases).
    pub fn open(path: &Path) -> StoreResult<Self> {
        if path.as_os_str() == ":memory:" {
            return Err(StoreError::Backend(
                "the SQLite store needs a database file, not :memory:".into(),
            ));
        }
        private_database_file(path).map_err(StoreError::backend)?;
        let mut conn = Connection::open(path).map_err(StoreError::backend)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(StoreError::backend)?;
        // SQLite gives the WAL and shared-memory files the database's mode; those left by
        // an older run are made private too.
        private_companions(path).map_err(StoreError::backend)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(StoreError::backend)?;
        // Deleted and overwritten content is zeroed, not left in free pages: anonymised
        // personal data must not stay in the file.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(StoreError::backend)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(StoreError::backend)?;
        conn.execute_batch(SCHEMA).map_err(StoreError::backend)?;
        schema::migrate(&mut conn).map_err(StoreError::backend)?;
        conn.execute_batch(queue::QUEUE_SCHEMA)
            .map_err(StoreError::backend)?;
        queue::backfill(&mut conn)?;
        conn.execute_batch(aggregates::AGGREGATE_SCHEMA)
            .map_err(StoreError::backend)?;
        aggregates::backfill(&mut conn)?;
        conn.execute_batch(retention::RETENTION_SCHEMA)
            .map_err(StoreError::backend)?;
        let reader = Connection::open(path).map_err(StoreError::backend)?;
        reader
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(StoreError::backend)?;
        // Reads never write: a slip in a read's SQL fails instead of writing outside the
        // writer's transactions.
        reader
            .pragma_update(None, "query_only", true)
            .map_err(StoreError::backend)?;
        Ok(SqliteStore {
            writer: writer::Writer::start(conn)?,
            reader: Arc::new(Mutex::new(reader)),
        })
    }

    /// Writes run and transactions they were committed in, since the store opened: the
    /// benchmark reports how many writes share a commit.
    pub fn write_counts(&self) -> (u64, u64) {
        self.writer.counts()
    }

    /// Runs the read `f` with the reading connection on the blocking pool. It sees every
    /// write whose caller has had its answer.
    pub(super) async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let conn = self.reader.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| StoreError::Backend("connection lock poisoned".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(StoreError::backend)?
    }

    /// `f` in a write transaction, all or nothing (see `writer.rs`).
    pub(super) async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        self.writer.write(f).await
    }
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(StoreError::backend)
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(StoreError::backend)
}

/// The first column of every row `sql` selects, as text: for the one-time backfills run
/// when a database is opened.
pub(super) fn column_strings(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> StoreResult<Vec<String>> {
    let mut statement = conn.prepare(sql).map_err(StoreError::backend)?;
    let rows = statement
        .query_map(params, |row| row.get::<_, String>(0))
        .map_err(StoreError::backend)?;
    rows.collect::<Result<_, _>>().map_err(StoreError::backend)
}

/// The first column of every row `sql` selects, JSON, read as `T` row by row.
pub(super) fn column_json<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> StoreResult<Vec<T>> {
    let mut statement = conn.prepare(sql).map_err(StoreError::backend)?;
    let rows = statement
        .query_map(params, |row| row.get::<_, String>(0))
        .map_err(StoreError::backend)?;
    rows.map(|text| from_json(&text.map_err(StoreError::backend)?))
        .collect()
}

/// Every record (the `record` column, JSON) of `council` in `table`, a table keyed by
/// council (`api_keys`, `templates`), in no particular order.
pub(super) async fn council_records<T: serde::de::DeserializeOwned + Send + 'static>(
    store: &SqliteStore,
    table: &'static str,
    council: &CouncilId,
) -> StoreResult<Vec<T>> {
    let council = council.to_string();
    store
        .with(move |conn| {
            column_json(
                conn,
                &format!("SELECT record FROM {table} WHERE council = ?1"),
                rusqlite::params![council],
            )
        })
        .await
}

#[async_trait]
impl Store for SqliteStore {
    async fn next_sequence(&self, council: &CouncilId, year: i32) -> StoreResult<u64> {
        cases::next_sequence(self, council, year).await
    }

    async fn idempotency(
        &self,
        council: &CouncilId,
        key: &str,
    ) -> StoreResult<Option<IdempotencyBinding>> {
        cases::idempotency(self, council, key).await
    }

    async fn insert_case(
        &self,
        record: &CaseRecord,
        received: &CaseEvent,
        idempotency: Option<&IdempotencyBinding>,
        outbox: &[OutboxMessage],
    ) -> StoreResult<Inserted> {
        cases::insert_case(self, record, received, idempotency, outbox).await
    }

    async fn get_case(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Option<CaseRecord>> {
        cases::get_case(self, council, reference).await
    }

    async fn update_case(
        &self,
        record: &CaseRecord,
        expected_version: u64,
        event: &CaseEvent,
        outbox: &[OutboxMessage],
    ) -> StoreResult<()> {
        cases::update_case(self, record, expected_version, event, outbox).await
    }

    async fn append_event(
        &self,
        council: &CouncilId,
        reference: &Reference,
        event: &CaseEvent,
        expected_version: Option<u64>,
    ) -> StoreResult<()> {
        cases::append_event(self, council, reference, event, expected_version).await
    }

    async fn events(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<CaseEvent>> {
        cases::events(self, council, reference).await
    }

    async fn messages(
        &self,
        council: &CouncilId,
        reference: &Reference,
    ) -> StoreResult<Vec<MessageRecord>> {
        cases::messages(self, council, reference).await
    }

    async fn list_cases(
        &self,
        council: &CouncilId,
        filter: &CaseFilter,
    ) -> StoreResult<Vec<CaseRecord>> {
        cases::list_cases(self, council, filter).await
    }

    async fn case_page(
        &self,
        council: &CouncilId,
        query: &super::CaseQuery,
    ) -> StoreResult<super::CasePage> {
        queue::case_page(self, council, query).await
    }

    async fn census(&self, council: &CouncilId) -> StoreResult<Census> {
        aggregates::census(self, council).await
    }

    async fn report_tally(&self, council: &CouncilId, from: Date, to: Date) -> StoreResult<Tally> {
        aggregates::report_tally(self, council, from, to).await
    }

    async fn report_learning(
        &self,
        council: &CouncilId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<(Date, Learning)>> {
        aggregates::report_learning(self, council, from, to).await
    }

    async fn replace_aggregates(&self, council: &CouncilId, all: &Aggregates) -> StoreResult<()> {
        aggregates::replace_aggregates(self, council, all).await
    }

    async fn due_reminders(&self, now: OffsetDateTime) -> StoreResult<Vec<CaseRecord>> {
        cases::due_reminders(self, now).await
    }

    async fn claim_outbox(
        &self,
        now: OffsetDateTime,
        owner: &str,
        lease: Duration,
        limit: usize,
    ) -> StoreResult<Vec<OutboxMessage>> {
        outbox::claim_outbox(self, now, owner, lease, limit).await
    }

    async fn complete_outbox(&self, message: &OutboxMessage, owner: &str) -> StoreResult<()> {
        outbox::complete_outbox(self, message, owner).await
    }

    async fn retry_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        not_before: OffsetDateTime,
    ) -> StoreResult<()> {
        outbox::retry_outbox(self, message, owner, not_before).await
    }

    async fn queue_once(&self, message: &OutboxMessage) -> StoreResult<bool> {
        outbox::queue_once(self, message).await
    }

    async fn outbox_len(&self) -> StoreResult<usize> {
        outbox::outbox_len(self).await
    }

    async fn give_up_outbox(
        &self,
        message: &OutboxMessage,
        owner: &str,
        reason: &str,
        at: OffsetDateTime,
    ) -> StoreResult<()> {
        undelivered::give_up_outbox(self, message, owner, reason, at).await
    }

    async fn undelivered(&self, council: &CouncilId) -> StoreResult<Vec<Undelivered>> {
        undelivered::undelivered(self, council).await
    }

    async fn retry_undelivered(
        &self,
        council: &CouncilId,
        id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<OutboxMessage> {
        undelivered::retry_undelivered(self, council, id, now).await
    }

    async fn record_equality(
        &self,
        council: &CouncilId,
        year: i32,
        answers: &EqualityAnswers,
    ) -> StoreResult<()> {
        equality::record_equality(self, council, year, answers).await
    }

    async fn equality_answers(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Vec<EqualityAnswers>> {
        equality::equality_answers(self, council, year).await
    }

    async fn count_uses(
        &self,
        counters: &[UseCounter],
        now: OffsetDateTime,
    ) -> StoreResult<Counted> {
        usage::count_uses(self, counters, now).await
    }

    async fn refund_uses(&self, counters: &[UseCounter]) -> StoreResult<()> {
        usage::refund_uses(self, counters).await
    }

    async fn sweep_expired(&self, now: OffsetDateTime) -> StoreResult<u64> {
        usage::sweep_expired(self, now).await
    }

    async fn put_api_key(&self, council: &CouncilId, key: &ApiKeyRecord) -> StoreResult<()> {
        api_keys::put_api_key(self, council, key).await
    }

    async fn api_keys(&self, council: &CouncilId) -> StoreResult<Vec<ApiKeyRecord>> {
        api_keys::api_keys(self, council).await
    }

    async fn revoke_api_key(
        &self,
        council: &CouncilId,
        id: &str,
        at: OffsetDateTime,
    ) -> StoreResult<ApiKeyRecord> {
        api_keys::revoke_api_key(self, council, id, at).await
    }

    async fn put_template(
        &self,
        council: &CouncilId,
        template: &ResponseTemplate,
        expected: Option<u64>,
    ) -> StoreResult<()> {
        templates::put_template(self, council, template, expected).await
    }

    async fn templates(&self, council: &CouncilId) -> StoreResult<Vec<ResponseTemplate>> {
        templates::templates(self, council).await
    }

    async fn delete_template(
        &self,
        council: &CouncilId,
        id: &str,
        expected: u64,
    ) -> StoreResult<()> {
        templates::delete_template(self, council, id, expected).await
    }

    async fn due_for_retention(
        &self,
        council: &CouncilId,
        closed_before: Date,
        after: Option<&RetentionDue>,
        limit: usize,
    ) -> StoreResult<Vec<RetentionDue>> {
        retention::due_for_retention(self, council, closed_before, after, limit).await
    }

    async fn anonymise_case(
        &self,
        council: &CouncilId,
        removal: &Removal,
    ) -> StoreResult<Anonymisation> {
        retention::anonymise_case(self, council, removal).await
    }

    async fn rewrite_case(
        &self,
        previous: &CaseRecord,
        rewrite: &crate::store::Rewrite,
    ) -> StoreResult<()> {
        rewrite::rewrite_case(self, previous, rewrite).await
    }

    async fn put_hold(&self, council: &CouncilId, hold: &LegalHold) -> StoreResult<()> {
        retention::put_hold(self, council, hold).await
    }

    async fn remove_hold(&self, council: &CouncilId, reference: &Reference) -> StoreResult<()> {
        retention::remove_hold(self, council, reference).await
    }

    async fn holds(&self, council: &CouncilId) -> StoreResult<Vec<LegalHold>> {
        retention::holds(self, council).await
    }

    async fn annual_record(
        &self,
        council: &CouncilId,
        year: i32,
    ) -> StoreResult<Option<AnnualRecord>> {
        annual::annual_record(self, council, year).await
    }

    async fn put_annual_record(
        &self,
        council: &CouncilId,
        record: &AnnualRecord,
        expected: Option<u64>,
    ) -> StoreResult<()> {
        annual::put_annual_record(self, council, record, expected).await
    }

    async fn put_restriction(
        &self,
        council: &CouncilId,
        restriction: &feedback_shared::restriction::Restriction,
        expected: Option<u64>,
    ) -> StoreResult<()> {
        restrictions::put_restriction(self, council, restriction, expected).await
    }

    async fn restrictions(
        &self,
        council: &CouncilId,
    ) -> StoreResult<Vec<feedback_shared::restriction::Restriction>> {
        restrictions::restrictions(self, council).await
    }
}
