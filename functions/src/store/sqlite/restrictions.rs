//! A council's contact restrictions: one row each, with its version beside the record so
//! a review is stored only over the version the manager read. Never deleted: ended ones
//! stay on record.

use super::{SqliteStore, council_records, to_json};
use crate::store::{StoreError, StoreResult, sort_restrictions};
use feedback_shared::CouncilId;
use feedback_shared::restriction::Restriction;
use rusqlite::{OptionalExtension, params};

pub(super) async fn put_restriction(
    store: &SqliteStore,
    council: &CouncilId,
    restriction: &Restriction,
    expected: Option<u64>,
) -> StoreResult<()> {
    let (council, id, json) = (
        council.to_string(),
        restriction.id.clone(),
        to_json(restriction)?,
    );
    let version = i64::try_from(restriction.version).map_err(StoreError::backend)?;
    store
        .write(move |tx| {
            let stored: Option<i64> = tx
                .query_row(
                    "SELECT version FROM restrictions WHERE council = ?1 AND id = ?2",
                    params![council, id],
                    |row| row.get(0),
                )
                .optional()
                .map_err(StoreError::backend)?;
            let stored = stored.map(|v| u64::try_from(v).unwrap_or(0));
            match (stored, expected) {
                (None, None) => {}
                // The id is taken: the caller's new restriction is not written over it.
                (Some(_), None) => return Err(StoreError::VersionConflict { expected: 0 }),
                (None, Some(_)) => return Err(StoreError::NotFound),
                (Some(v), Some(e)) if v != e => {
                    return Err(StoreError::VersionConflict { expected: e });
                }
                (Some(_), Some(_)) => {}
            }
            tx.execute(
                "INSERT INTO restrictions (council, id, version, record) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (council, id) DO UPDATE SET version = ?3, record = ?4",
                params![council, id, version, json],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}

pub(super) async fn restrictions(
    store: &SqliteStore,
    council: &CouncilId,
) -> StoreResult<Vec<Restriction>> {
    let mut all: Vec<Restriction> = council_records(store, "restrictions", council).await?;
    sort_restrictions(&mut all);
    Ok(all)
}
