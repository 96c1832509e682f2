//! A council's API keys: one row each, the record as JSON (holding only the secret's hash).

use super::{SqliteStore, council_records, from_json, to_json};
use crate::store::{ApiKeyRecord, StoreError, StoreResult};
use feedback_shared::CouncilId;
use rusqlite::{OptionalExtension, params};
use time::OffsetDateTime;

pub(super) async fn put_api_key(
    store: &SqliteStore,
    council: &CouncilId,
    key: &ApiKeyRecord,
) -> StoreResult<()> {
    let (council, id, json) = (council.to_string(), key.id.clone(), to_json(key)?);
    store
        .write(move |tx| {
            let inserted = tx
                .execute(
                    "INSERT INTO api_keys (council, id, record) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    params![council, id, json],
                )
                .map_err(StoreError::backend)?;
            if inserted == 0 {
                return Err(StoreError::Backend("that API key id is taken".into()));
            }
            Ok(())
        })
        .await
}

pub(super) async fn api_keys(
    store: &SqliteStore,
    council: &CouncilId,
) -> StoreResult<Vec<ApiKeyRecord>> {
    let mut keys: Vec<ApiKeyRecord> = council_records(store, "api_keys", council).await?;
    keys.sort_by_key(|k| k.created_at);
    Ok(keys)
}

pub(super) async fn revoke_api_key(
    store: &SqliteStore,
    council: &CouncilId,
    id: &str,
    at: OffsetDateTime,
) -> StoreResult<ApiKeyRecord> {
    let (council, id) = (council.to_string(), id.to_owned());
    store
        .write(move |tx| {
            let json: String = tx
                .query_row(
                    "SELECT record FROM api_keys WHERE council = ?1 AND id = ?2",
                    params![council, id],
                    |row| row.get(0),
                )
                .optional()
                .map_err(StoreError::backend)?
                .ok_or(StoreError::NotFound)?;
            let mut key: ApiKeyRecord = from_json(&json)?;
            key.revoked_at.get_or_insert(at);
            tx.execute(
                "UPDATE api_keys SET record = ?3 WHERE council = ?1 AND id = ?2",
                params![council, id, to_json(&key)?],
            )
            .map_err(StoreError::backend)?;
            Ok(key)
        })
        .await
}
