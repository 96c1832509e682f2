//! Messages given up on, kept per council until an officer sends them again.

use super::{SqliteStore, from_json, to_json};
use crate::outbox::{OutboxMessage, Undelivered};
use crate::store::{StoreError, StoreResult};
use feedback_shared::CouncilId;
use rusqlite::{OptionalExtension, params};
use time::OffsetDateTime;

pub(super) async fn give_up_outbox(
    store: &SqliteStore,
    message: &OutboxMessage,
    owner: &str,
    reason: &str,
    at: OffsetDateTime,
) -> StoreResult<()> {
    let kept = Undelivered {
        message: message.clone(),
        reason: reason.to_owned(),
        given_up_at: at,
    };
    let (id, council, owner, json) = (
        message.id.clone(),
        message.council.as_str().to_owned(),
        owner.to_owned(),
        to_json(&kept)?,
    );
    let at = at.unix_timestamp();
    store
        .write(move |tx| {
            let deleted = tx
                .execute(
                    "DELETE FROM outbox WHERE id = ?1 AND lease_owner = ?2",
                    params![id, owner],
                )
                .map_err(StoreError::backend)?;
            if deleted == 0 {
                return Err(StoreError::Backend("the message's lease was lost".into()));
            }
            tx.execute(
                "INSERT OR REPLACE INTO undelivered (council, id, given_up_at, record)
                 VALUES (?1, ?2, ?3, ?4)",
                params![council, id, at, json],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}

pub(super) async fn undelivered(
    store: &SqliteStore,
    council: &CouncilId,
) -> StoreResult<Vec<Undelivered>> {
    let council = council.as_str().to_owned();
    store
        .with(move |conn| {
            super::column_json(
                conn,
                "SELECT record FROM undelivered WHERE council = ?1
                 ORDER BY given_up_at DESC, id",
                params![council],
            )
        })
        .await
}

pub(super) async fn retry_undelivered(
    store: &SqliteStore,
    council: &CouncilId,
    id: &str,
    now: OffsetDateTime,
) -> StoreResult<OutboxMessage> {
    let (council, id) = (council.as_str().to_owned(), id.to_owned());
    store
        .write(move |tx| {
            let record: Option<String> = tx
                .query_row(
                    "DELETE FROM undelivered WHERE council = ?1 AND id = ?2 RETURNING record",
                    params![council, id],
                    |row| row.get(0),
                )
                .optional()
                .map_err(StoreError::backend)?;
            let kept: Undelivered = from_json(&record.ok_or(StoreError::NotFound)?)?;
            let mut message = kept.message;
            message.not_before = now;
            tx.execute(
                "INSERT INTO outbox (id, not_before, message) VALUES (?1, ?2, ?3)",
                params![message.id, now.unix_timestamp(), to_json(&message)?],
            )
            .map_err(StoreError::backend)?;
            Ok(message)
        })
        .await
}
