//! A council's annual records (self-assessment, improvements, Ombudsman's letter): one
//! row per financial year, its version beside the record so a save is conditional on the
//! version the manager read.

use super::{SqliteStore, from_json, to_json};
use crate::store::{StoreError, StoreResult};
use feedback_shared::CouncilId;
use feedback_shared::wire::AnnualRecord;
use rusqlite::{OptionalExtension, params};

pub(super) async fn annual_record(
    store: &SqliteStore,
    council: &CouncilId,
    year: i32,
) -> StoreResult<Option<AnnualRecord>> {
    let council = council.to_string();
    let text: Option<String> = store
        .with(move |conn| {
            conn.query_row(
                "SELECT record FROM annual_records WHERE council = ?1 AND year = ?2",
                params![council, year],
                |row| row.get(0),
            )
            .optional()
            .map_err(StoreError::backend)
        })
        .await?;
    text.map(|t| from_json(&t)).transpose()
}

pub(super) async fn put_annual_record(
    store: &SqliteStore,
    council: &CouncilId,
    record: &AnnualRecord,
    expected: Option<u64>,
) -> StoreResult<()> {
    let (council, year, json) = (council.to_string(), record.year, to_json(record)?);
    let version = i64::try_from(record.version).map_err(StoreError::backend)?;
    store
        .write(move |tx| {
            let stored: Option<i64> = tx
                .query_row(
                    "SELECT version FROM annual_records WHERE council = ?1 AND year = ?2",
                    params![council, year],
                    |row| row.get(0),
                )
                .optional()
                .map_err(StoreError::backend)?;
            let stored = stored.map(|v| u64::try_from(v).unwrap_or(0));
            match (stored, expected) {
                (None, None) => {}
                // Someone saved the first version meanwhile.
                (Some(_), None) => return Err(StoreError::VersionConflict { expected: 0 }),
                (None, Some(_)) => return Err(StoreError::NotFound),
                (Some(v), Some(e)) if v != e => {
                    return Err(StoreError::VersionConflict { expected: e });
                }
                (Some(_), Some(_)) => {}
            }
            tx.execute(
                "INSERT INTO annual_records (council, year, version, record) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (council, year) DO UPDATE SET version = ?3, record = ?4",
                params![council, year, version, json],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}
