//! The tables, created when the database is opened if they are not there yet, and brought
//! up to date if an older version made them.
//!
//! `events.appended` is empty for the event of a change (one per version); for an event
//! appended at a version without changing the case (a note), it is the key from
//! [`appended_key`](crate::store::appended_key), so the timeline reads in
//! `(version, appended)` order.

use rusqlite::{Connection, TransactionBehavior};

pub(super) const SCHEMA: &str = "
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
    appended TEXT NOT NULL DEFAULT '',
    event TEXT NOT NULL,
    PRIMARY KEY (council, reference, version, appended)
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
CREATE TABLE IF NOT EXISTS messages (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    id TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (council, reference, id)
);
CREATE TABLE IF NOT EXISTS equality (
    council TEXT NOT NULL,
    year INTEGER NOT NULL,
    answers TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS undelivered (
    council TEXT NOT NULL,
    id TEXT NOT NULL,
    given_up_at INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (council, id)
);
CREATE TABLE IF NOT EXISTS queued_once (
    id TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS uses (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS uses_by_expiry ON uses (expires_at);
CREATE TABLE IF NOT EXISTS api_keys (
    council TEXT NOT NULL,
    id TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (council, id)
);
CREATE TABLE IF NOT EXISTS annual_records (
    council TEXT NOT NULL,
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (council, year)
);
CREATE TABLE IF NOT EXISTS restrictions (
    council TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (council, id)
);
CREATE TABLE IF NOT EXISTS templates (
    council TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (council, id)
);
";

/// Brings a database made before notes were appended (when `events` was keyed by version
/// alone) up to date: `events` is rebuilt with the `appended` column, its rows kept.
pub(super) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked inside the write lock, so two processes opening one file migrate it once.
    let current: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('events') WHERE name = 'appended')",
        [],
        |row| row.get(0),
    )?;
    if !current {
        tx.execute_batch("ALTER TABLE events RENAME TO events_keyed_by_version;")?;
        tx.execute_batch(SCHEMA)?;
        tx.execute_batch(
            "INSERT INTO events (council, reference, version, event)
                 SELECT council, reference, version, event FROM events_keyed_by_version;
             DROP TABLE events_keyed_by_version;",
        )?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::super::SqliteStore;
    use crate::store::Store;
    use feedback_shared::case::{Action, Actor, CaseEvent};
    use feedback_shared::input::LongText;
    use feedback_shared::{CouncilId, Field, OfficerId, Reference};
    use rusqlite::{Connection, params};
    use time::macros::datetime;

    fn note(version: u64, text: &str) -> CaseEvent {
        CaseEvent {
            at: datetime!(2026-11-24 10:00 UTC),
            actor: Actor::Officer(OfficerId("ann".into())),
            action: Action::Note {
                text: LongText::parse(Field::Note, text).unwrap(),
            },
            version,
        }
    }

    #[tokio::test]
    async fn a_database_from_before_appends_keeps_its_timelines_and_takes_notes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        // The events table as it was, keyed by version alone, with a note that moved the
        // version on, as notes did then.
        let old = [note(1, "first"), note(2, "second")];
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE events (
                    council TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    PRIMARY KEY (council, reference, version)
                );
                CREATE TABLE cases (
                    council TEXT NOT NULL, reference TEXT NOT NULL, year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL, version INTEGER NOT NULL, reminder_at INTEGER,
                    record TEXT NOT NULL, PRIMARY KEY (council, reference)
                );
                INSERT INTO cases VALUES ('demo', 'DEMO-2026-000001', 2026, 1, 2, NULL, '{}');",
            )
            .unwrap();
            for event in &old {
                conn.execute(
                    "INSERT INTO events VALUES ('demo', 'DEMO-2026-000001', ?1, ?2)",
                    params![event.version as i64, serde_json::to_string(event).unwrap()],
                )
                .unwrap();
            }
        }

        let store = SqliteStore::open(&path).unwrap();
        let (demo, reference) = (
            CouncilId::parse("demo").unwrap(),
            Reference::new("DEMO", 2026, 1).unwrap(),
        );
        assert_eq!(store.events(&demo, &reference).await.unwrap(), old);
        let (a, b) = (note(2, "third"), note(2, "fourth"));
        store
            .append_event(&demo, &reference, &a, None)
            .await
            .unwrap();
        store
            .append_event(&demo, &reference, &b, Some(2))
            .await
            .unwrap();
        let timeline = store.events(&demo, &reference).await.unwrap();
        assert_eq!(timeline[..2], old);
        assert_eq!(timeline.len(), 4, "two notes at one version, both kept");
        drop(store);
        // Opening it again finds it up to date and changes nothing.
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.events(&demo, &reference).await.unwrap(), timeline);
    }
}
