//! Counted uses: one row a counter, checked and counted inside one write transaction, so
//! racing callers are serialised by SQLite's write lock.

use super::SqliteStore;
use crate::store::{Counted, StoreError, StoreResult, UseCounter};
use rusqlite::{OptionalExtension, params};
use time::OffsetDateTime;

pub(super) async fn count_uses(
    store: &SqliteStore,
    counters: &[UseCounter],
    now: OffsetDateTime,
) -> StoreResult<Counted> {
    let counters = counters.to_vec();
    let now = now.unix_timestamp();
    store
        .write(move |tx| {
            for (index, counter) in counters.iter().enumerate() {
                let used: Option<(i64, i64)> = tx
                    .query_row(
                        "SELECT count, expires_at FROM uses WHERE key = ?1",
                        params![counter.key],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()
                    .map_err(StoreError::backend)?;
                let live = used.filter(|(_, expires_at)| *expires_at > now);
                if live.is_some_and(|(count, _)| count as u64 >= counter.limit) {
                    // Returning before commit rolls back nothing: nothing was written yet.
                    return Ok(Counted::AtLimit(index));
                }
            }
            for counter in &counters {
                // A dead row (expired, not yet swept) starts again from one.
                tx.execute(
                    "INSERT INTO uses (key, count, expires_at) VALUES (?1, 1, ?2)
                     ON CONFLICT (key) DO UPDATE SET
                       count = CASE WHEN expires_at > ?3 THEN count + 1 ELSE 1 END,
                       expires_at = CASE WHEN expires_at > ?3 THEN expires_at ELSE ?2 END",
                    params![counter.key, counter.expires_at.unix_timestamp(), now],
                )
                .map_err(StoreError::backend)?;
            }
            Ok(Counted::Counted)
        })
        .await
}

pub(super) async fn refund_uses(store: &SqliteStore, counters: &[UseCounter]) -> StoreResult<()> {
    let keys: Vec<String> = counters.iter().map(|c| c.key.clone()).collect();
    store
        .write(move |tx| {
            for key in &keys {
                tx.execute(
                    "UPDATE uses SET count = count - 1 WHERE key = ?1 AND count > 0",
                    params![key],
                )
                .map_err(StoreError::backend)?;
            }
            Ok(())
        })
        .await
}

pub(super) async fn sweep_expired(store: &SqliteStore, now: OffsetDateTime) -> StoreResult<u64> {
    let now = now.unix_timestamp();
    store
        .write(move |tx| {
            tx.execute("DELETE FROM uses WHERE expires_at <= ?1", params![now])
                .map(|n| n as u64)
                .map_err(StoreError::backend)
        })
        .await
}
