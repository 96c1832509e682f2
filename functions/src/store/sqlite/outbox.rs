//! The outbox: messages queued with case changes, leased to one sender at a time, moved
//! on when a send fails, and marked once-only where they must go once.

use super::{SqliteStore, from_json, to_json};
use crate::outbox::OutboxMessage;
use crate::store::{StoreError, StoreResult};
use rusqlite::params;
use time::{Duration, OffsetDateTime};

pub(super) async fn claim_outbox(
    store: &SqliteStore,
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
    store
        .write(move |tx| {
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

pub(super) async fn complete_outbox(
    store: &SqliteStore,
    message: &OutboxMessage,
    owner: &str,
) -> StoreResult<()> {
    let (id, owner) = (message.id.clone(), owner.to_owned());
    store
        .write(move |tx| {
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

pub(super) async fn retry_outbox(
    store: &SqliteStore,
    message: &OutboxMessage,
    owner: &str,
    not_before: OffsetDateTime,
) -> StoreResult<()> {
    let mut next = message.clone();
    next.attempts += 1;
    next.not_before = not_before;
    let (id, owner, json) = (message.id.clone(), owner.to_owned(), to_json(&next)?);
    let not_before = not_before.unix_timestamp();
    store.write(move |tx| {
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

pub(super) async fn queue_once(store: &SqliteStore, message: &OutboxMessage) -> StoreResult<bool> {
    let (id, not_before, json) = (
        message.id.clone(),
        message.not_before.unix_timestamp(),
        to_json(message)?,
    );
    store
        .write(move |tx| {
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

pub(super) async fn outbox_len(store: &SqliteStore) -> StoreResult<usize> {
    store
        .with(|conn| {
            let n: i64 = conn
                .query_row("SELECT COUNT(*) FROM outbox", [], |row| row.get(0))
                .map_err(StoreError::backend)?;
            Ok(n as usize)
        })
        .await
}
