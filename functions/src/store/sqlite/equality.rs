//! Residents' equality answers: one row each, under the council and year only.

use super::{SqliteStore, to_json};
use crate::store::{StoreError, StoreResult};
use feedback_shared::CouncilId;
use feedback_shared::equality::EqualityAnswers;
use rusqlite::params;

pub(super) async fn record_equality(
    store: &SqliteStore,
    council: &CouncilId,
    year: i32,
    answers: &EqualityAnswers,
) -> StoreResult<()> {
    let (council, json) = (council.to_string(), to_json(answers)?);
    store
        .write(move |tx| {
            tx.execute(
                "INSERT INTO equality (council, year, answers) VALUES (?1, ?2, ?3)",
                params![council, year, json],
            )
            .map_err(StoreError::backend)?;
            Ok(())
        })
        .await
}

pub(super) async fn equality_answers(
    store: &SqliteStore,
    council: &CouncilId,
    year: i32,
) -> StoreResult<Vec<EqualityAnswers>> {
    let council = council.to_string();
    store
        .with(move |conn| {
            super::column_json(
                conn,
                "SELECT answers FROM equality WHERE council = ?1 AND year = ?2",
                params![council, year],
            )
        })
        .await
}
