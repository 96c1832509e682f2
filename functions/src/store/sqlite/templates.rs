//! A council's response templates: one row each, with its version beside the record so a
//! change is conditional on the version the manager read.

use super::{SqliteStore, council_records, to_json};
use crate::store::{StoreError, StoreResult, sort_templates};
use feedback_shared::CouncilId;
use feedback_shared::template::ResponseTemplate;
use rusqlite::{OptionalExtension, Transaction, params};

/// The stored version of the template, if there is one.
fn stored_version(tx: &Transaction<'_>, council: &str, id: &str) -> StoreResult<Option<u64>> {
    tx.query_row(
        "SELECT version FROM templates WHERE council = ?1 AND id = ?2",
        params![council, id],
        |row| row.get::<_, i64>(0),
    )
    .optional()
    .map_err(StoreError::backend)
    .map(|v| v.map(|v| u64::try_from(v).unwrap_or(0)))
}

/// Refuses unless the stored version is `expected`.
fn check_version(stored: Option<u64>, expected: u64) -> StoreResult<()> {
    match stored {
        None => Err(StoreError::NotFound),
        Some(v) if v != expected => Err(StoreError::VersionConflict { expected }),
        Some(_) => Ok(()),
    }
}

pub(super) async fn put_template(
    store: &SqliteStore,
    council: &CouncilId,
    template: &ResponseTemplate,
    expected: Option<u64>,
) -> StoreResult<()> {
    let (council, id, json) = (council.to_string(), template.id.clone(), to_json(template)?);
    let version = i64::try_from(template.version).map_err(StoreError::backend)?;
    store
        .write(move |tx| {
            let stored = stored_version(tx, &council, &id)?;
            match expected {
                None if stored.is_some() => {
                    return Err(StoreError::Backend("that template id is taken".into()));
                }
                None => {}
                Some(expected) => check_version(stored, expected)?,
            }
            tx.execute(
                "INSERT INTO templates (council, id, version, record) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (council, id) DO UPDATE SET version = ?3, record = ?4",
                params![council, id, version, json],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}

pub(super) async fn templates(
    store: &SqliteStore,
    council: &CouncilId,
) -> StoreResult<Vec<ResponseTemplate>> {
    let mut templates: Vec<ResponseTemplate> = council_records(store, "templates", council).await?;
    sort_templates(&mut templates);
    Ok(templates)
}

pub(super) async fn delete_template(
    store: &SqliteStore,
    council: &CouncilId,
    id: &str,
    expected: u64,
) -> StoreResult<()> {
    let (council, id) = (council.to_string(), id.to_owned());
    store
        .write(move |tx| {
            check_version(stored_version(tx, &council, &id)?, expected)?;
            tx.execute(
                "DELETE FROM templates WHERE council = ?1 AND id = ?2",
                params![council, id],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}
