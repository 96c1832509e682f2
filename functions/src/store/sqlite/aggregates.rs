//! The running sums on SQLite (see [`crate::store::aggregates`]): a row per council, day
//! and fact, a row per learning entry, and a row per council and census key, changed in
//! the transaction of every case write. A database made before them has them built from
//! its cases once, when it is opened.

use super::{SqliteStore, from_json};
use crate::store::aggregates::{AggregateChange, Aggregates, Census};
use crate::store::{CaseRecord, StoreError, StoreResult};
use feedback_shared::CouncilId;
use feedback_shared::report::{Learning, Tally};
use rusqlite::{Connection, Transaction, params};
use time::Date;

pub(super) const AGGREGATE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS report_days (
    council TEXT NOT NULL,
    day TEXT NOT NULL,
    fact TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (council, day, fact)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS report_learning (
    council TEXT NOT NULL,
    day TEXT NOT NULL,
    reference TEXT NOT NULL,
    stage INTEGER NOT NULL,
    service TEXT NOT NULL,
    learning TEXT NOT NULL,
    PRIMARY KEY (council, day, reference, stage)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS census (
    council TEXT NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (council, key)
) WITHOUT ROWID;
";

fn day_key(day: Date) -> String {
    crate::store::queue::date_key(day)
}

/// Adds `change` to the council's sums, inside the case write's transaction. A sum that
/// comes to zero is deleted, so the tables hold only what counts (only a negative change
/// can bring one there, so only then is it looked for). Statements are prepared once a
/// connection: a new case adds some ten sums.
pub(super) fn write_change(
    tx: &Transaction<'_>,
    council: &str,
    change: &AggregateChange,
) -> StoreResult<()> {
    let run = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> StoreResult<()> {
        tx.prepare_cached(sql)
            .and_then(|mut stmt| stmt.execute(params))
            .map(|_| ())
            .map_err(StoreError::backend)
    };
    for (day, facts) in &change.tally.days {
        let day = day_key(*day);
        for (fact, n) in facts {
            run(
                "INSERT INTO report_days (council, day, fact, count) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (council, day, fact) DO UPDATE SET count = count + excluded.count",
                params![council, day, fact, n],
            )?;
            if *n < 0 {
                run(
                    "DELETE FROM report_days
                     WHERE council = ?1 AND day = ?2 AND fact = ?3 AND count = 0",
                    params![council, day, fact],
                )?;
            }
        }
    }
    for (day, learning) in &change.learning.removed {
        run(
            "DELETE FROM report_learning
             WHERE council = ?1 AND day = ?2 AND reference = ?3 AND stage = ?4",
            params![council, day_key(*day), learning.reference, learning.stage],
        )?;
    }
    for (day, learning) in &change.learning.added {
        run(
            "INSERT OR REPLACE INTO report_learning
                 (council, day, reference, stage, service, learning)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                council,
                day_key(*day),
                learning.reference,
                learning.stage,
                learning.service,
                learning.learning
            ],
        )?;
    }
    for (key, n) in &change.census.counts {
        run(
            "INSERT INTO census (council, key, count) VALUES (?1, ?2, ?3)
             ON CONFLICT (council, key) DO UPDATE SET count = count + excluded.count",
            params![council, key, n],
        )?;
        if *n < 0 {
            run(
                "DELETE FROM census WHERE council = ?1 AND key = ?2 AND count = 0",
                params![council, key],
            )?;
        }
    }
    Ok(())
}

fn clear(tx: &Transaction<'_>, council: &str) -> StoreResult<()> {
    for table in ["report_days", "report_learning", "census"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE council = ?1"),
            params![council],
        )
        .map_err(StoreError::backend)?;
    }
    Ok(())
}

/// Replaces the council's sums with `all`, in one transaction.
fn replace(tx: &Transaction<'_>, council: &str, all: &Aggregates) -> StoreResult<()> {
    clear(tx, council)?;
    write_change(tx, council, &AggregateChange::from(all))
}

pub(super) async fn replace_aggregates(
    store: &SqliteStore,
    council: &CouncilId,
    all: &Aggregates,
) -> StoreResult<()> {
    let (council, all) = (council.to_string(), all.clone());
    store.write(move |tx| replace(tx, &council, &all)).await
}

pub(super) async fn report_tally(
    store: &SqliteStore,
    council: &CouncilId,
    from: Date,
    to: Date,
) -> StoreResult<Tally> {
    let (council, from, to) = (council.to_string(), day_key(from), day_key(to));
    store
        .with(move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT day, fact, count FROM report_days
                     WHERE council = ?1 AND day BETWEEN ?2 AND ?3",
                )
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params![council, from, to], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)?,
                    ))
                })
                .map_err(StoreError::backend)?;
            let mut tally = Tally::default();
            for row in rows {
                let (day, fact, n) = row.map_err(StoreError::backend)?;
                tally.add(parse_day(&day)?, &fact, n);
            }
            Ok(tally)
        })
        .await
}

fn parse_day(text: &str) -> StoreResult<Date> {
    feedback_shared::input::parse_iso_date(text).map_err(StoreError::backend)
}

pub(super) async fn report_learning(
    store: &SqliteStore,
    council: &CouncilId,
    from: Date,
    to: Date,
) -> StoreResult<Vec<(Date, Learning)>> {
    let (council, from, to) = (council.to_string(), day_key(from), day_key(to));
    store
        .with(move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT day, reference, stage, service, learning FROM report_learning
                     WHERE council = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day, reference, stage",
                )
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params![council, from, to], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        Learning {
                            reference: row.get(1)?,
                            stage: row.get(2)?,
                            service: row.get(3)?,
                            learning: row.get(4)?,
                        },
                    ))
                })
                .map_err(StoreError::backend)?;
            rows.map(|row| {
                let (day, learning) = row.map_err(StoreError::backend)?;
                Ok((parse_day(&day)?, learning))
            })
            .collect()
        })
        .await
}

pub(super) async fn census(store: &SqliteStore, council: &CouncilId) -> StoreResult<Census> {
    let council = council.to_string();
    store
        .with(move |conn| {
            let mut stmt = conn
                .prepare_cached("SELECT key, count FROM census WHERE council = ?1")
                .map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params![council], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
                })
                .map_err(StoreError::backend)?;
            let mut census = Census::default();
            for row in rows {
                let (key, n) = row.map_err(StoreError::backend)?;
                census.add(&key, n);
            }
            Ok(census)
        })
        .await
}

/// Builds the sums of every council whose cases have none yet (a database made before
/// them), once: afterwards every write keeps them.
pub(super) fn backfill(conn: &mut Connection) -> StoreResult<()> {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(StoreError::backend)?;
    let councils = super::column_strings(
        &tx,
        "SELECT DISTINCT council FROM cases
         WHERE council NOT IN (SELECT DISTINCT council FROM census)",
        [],
    )?;
    for council in councils {
        let texts = super::column_strings(
            &tx,
            "SELECT record FROM cases WHERE council = ?1",
            params![council],
        )?;
        // A row that is not a case (there are none but in old tests) counts for nothing.
        let records: Vec<CaseRecord> = texts
            .iter()
            .filter_map(|text| from_json::<CaseRecord>(text).ok())
            .collect();
        replace(&tx, &council, &Aggregates::of_cases(&records))?;
    }
    tx.commit().map_err(StoreError::backend)
}
