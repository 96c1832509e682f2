//! The queue on SQLite: a `queue` row per case (the filtered values and a position
//! column per sort, each indexed with the council) and a `terms` row per search term,
//! rewritten in the transaction of every case write. A page is one indexed range read
//! after the cursor's position (keyset pagination), never an offset.

use super::{SqliteStore, from_json};
use crate::store::queue::{
    CasePage, CaseQuery, QueueEntry, open_statuses, position_reference, wire_name,
};
use crate::store::{CaseFilter, CaseRecord, StoreError, StoreResult};
use feedback_shared::CouncilId;
use feedback_shared::wire::{CaseSort, SortOrder};
use rusqlite::types::Value;
use rusqlite::{Connection, Transaction, params, params_from_iter};

/// The position column of each sort.
fn column(sort: CaseSort) -> &'static str {
    match sort {
        CaseSort::Deadline => "by_deadline",
        CaseSort::Received => "by_received",
        CaseSort::Reference => "by_reference",
        CaseSort::Status => "by_status",
        CaseSort::Kind => "by_kind",
        CaseSort::Service => "by_service",
        CaseSort::Stage => "by_stage",
        CaseSort::Assigned => "by_assigned",
    }
}

pub(super) const QUEUE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS queue (
    council TEXT NOT NULL,
    reference TEXT NOT NULL,
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    service TEXT NOT NULL,
    stage INTEGER NOT NULL,
    assigned TEXT NOT NULL,
    received_on TEXT NOT NULL,
    next_due TEXT,
    by_deadline TEXT NOT NULL,
    by_received TEXT NOT NULL,
    by_reference TEXT NOT NULL,
    by_status TEXT NOT NULL,
    by_kind TEXT NOT NULL,
    by_service TEXT NOT NULL,
    by_stage TEXT NOT NULL,
    by_assigned TEXT NOT NULL,
    PRIMARY KEY (council, reference)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS queue_by_deadline ON queue (council, by_deadline);
CREATE INDEX IF NOT EXISTS queue_by_received ON queue (council, by_received);
CREATE INDEX IF NOT EXISTS queue_by_reference ON queue (council, by_reference);
CREATE INDEX IF NOT EXISTS queue_by_status ON queue (council, by_status);
CREATE INDEX IF NOT EXISTS queue_by_kind ON queue (council, by_kind);
CREATE INDEX IF NOT EXISTS queue_by_service ON queue (council, by_service);
CREATE INDEX IF NOT EXISTS queue_by_stage ON queue (council, by_stage);
CREATE INDEX IF NOT EXISTS queue_by_assigned ON queue (council, by_assigned);
CREATE INDEX IF NOT EXISTS queue_open_by_deadline ON queue (council, status, by_deadline);
-- A channel filter in the default order (open letters) is a range of this index, not a
-- walk through every open case's deadline entry to find the few letters.
CREATE INDEX IF NOT EXISTS queue_by_channel ON queue (council, channel, by_deadline);
CREATE TABLE IF NOT EXISTS terms (
    council TEXT NOT NULL,
    term TEXT NOT NULL,
    position TEXT NOT NULL,
    reference TEXT NOT NULL,
    PRIMARY KEY (council, term, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS terms_by_case ON terms (council, reference);
";

/// Writes (or rewrites) `record`'s queue row and search terms, inside the transaction
/// that writes the case.
pub(super) fn index_case(
    tx: &Transaction<'_>,
    council: &str,
    reference: &str,
    entry: &QueueEntry,
) -> StoreResult<()> {
    let mut values: Vec<Value> = vec![
        council.to_owned().into(),
        reference.to_owned().into(),
        entry.status.clone().into(),
        entry.kind.clone().into(),
        entry.channel.clone().into(),
        entry.service.clone().into(),
        i64::from(entry.stage).into(),
        entry.assigned.clone().into(),
        entry.received_on.clone().into(),
        entry.next_due.clone().map_or(Value::Null, Value::from),
    ];
    values.extend(entry.positions.iter().cloned().map(Value::from));
    tx.execute(
        "INSERT OR REPLACE INTO queue (council, reference, status, kind, channel, service, stage,
             assigned, received_on, next_due, by_deadline, by_received, by_reference, by_status,
             by_kind, by_service, by_stage, by_assigned)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params_from_iter(values),
    )
    .map_err(StoreError::backend)?;
    tx.execute(
        "DELETE FROM terms WHERE council = ?1 AND reference = ?2",
        params![council, reference],
    )
    .map_err(StoreError::backend)?;
    let position = entry.position(CaseSort::Reference);
    for term in &entry.terms {
        tx.execute(
            "INSERT OR IGNORE INTO terms (council, term, position, reference) VALUES (?1, ?2, ?3, ?4)",
            params![council, term, position, reference],
        )
        .map_err(StoreError::backend)?;
    }
    Ok(())
}

/// Indexes the cases a database made before the queue had (once: afterwards every write
/// keeps the index).
pub(super) fn backfill(conn: &mut Connection) -> StoreResult<()> {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(StoreError::backend)?;
    let missing = super::column_strings(
        &tx,
        "SELECT record FROM cases c WHERE NOT EXISTS
         (SELECT 1 FROM queue q WHERE q.council = c.council AND q.reference = c.reference)",
        [],
    )?;
    for text in missing {
        // A row that is not a case (there are none but in old tests) is left unindexed.
        let Ok(record) = from_json::<CaseRecord>(&text) else {
            continue;
        };
        index_case(
            &tx,
            record.council().as_str(),
            &record.reference().to_string(),
            &QueueEntry::of(&record),
        )?;
    }
    tx.commit().map_err(StoreError::backend)
}

/// `value` bound as the next parameter; its placeholder (`?N`).
fn bind(values: &mut Vec<Value>, value: impl Into<Value>) -> String {
    values.push(value.into());
    format!("?{}", values.len())
}

/// The filter as SQL conditions on `q` (the queue row), with their values.
fn conditions(filter: &CaseFilter, sql: &mut Vec<String>, values: &mut Vec<Value>) {
    let date = crate::store::queue::date_key;
    if let Some(status) = filter.status {
        match status.status() {
            Some(one) => sql.push(format!("q.status = {}", bind(values, wire_name(&one)))),
            None => {
                let marks: Vec<String> = open_statuses()
                    .into_iter()
                    .map(|s| bind(values, s))
                    .collect();
                sql.push(format!("q.status IN ({})", marks.join(", ")));
            }
        }
    }
    if let Some(kind) = filter.kind {
        sql.push(format!("q.kind = {}", bind(values, wire_name(&kind))));
    }
    if let Some(channel) = filter.channel {
        sql.push(format!("q.channel = {}", bind(values, wire_name(&channel))));
    }
    if let Some(service) = &filter.service {
        sql.push(format!("q.service = {}", bind(values, service.clone())));
    }
    if let Some(stage) = filter.stage {
        sql.push(format!(
            "q.stage = {}",
            bind(values, i64::from(u8::from(stage)))
        ));
    }
    if let Some(officer) = &filter.assigned_to {
        sql.push(format!("q.assigned = {}", bind(values, officer.0.clone())));
    }
    if filter.unassigned {
        sql.push("q.assigned = ''".into());
    }
    if let Some(from) = filter.received_from {
        sql.push(format!("q.received_on >= {}", bind(values, date(from))));
    }
    if let Some(to) = filter.received_to {
        sql.push(format!("q.received_on <= {}", bind(values, date(to))));
    }
    if let Some(before) = filter.due_before {
        sql.push(format!("q.next_due <= {}", bind(values, date(before))));
    }
    if let Some(overdue) = filter.overdue {
        let today = bind(values, date(filter.today.unwrap_or(time::Date::MIN)));
        sql.push(if overdue {
            format!("q.next_due < {today}")
        } else {
            format!("(q.next_due IS NULL OR q.next_due >= {today})")
        });
    }
}

/// The statement that reads a page (one more row than the page, to know whether there
/// is another) and its values: the position under the sort, and the case's record.
fn page_sql(council: String, query: &CaseQuery) -> (String, Vec<Value>) {
    let (sort, order) = query.effective_sort();
    let (op, direction) = match order {
        SortOrder::Asc => (">", "ASC"),
        SortOrder::Desc => ("<", "DESC"),
    };
    let mut values: Vec<Value> = vec![council.into()];
    let mut sql = vec!["q.council = ?1".to_owned()];
    let (from, key) = if let Some((first, rest)) = query.terms.split_first() {
        // The first term's rows, newest first; each other term must be on the
        // same case (a primary-key lookup per row).
        values.push(first.clone().into());
        sql.push(format!("t.term = ?{}", values.len()));
        for term in rest {
            values.push(term.clone().into());
            sql.push(format!(
                "EXISTS (SELECT 1 FROM terms o WHERE o.council = t.council AND o.term = ?{} AND o.position = t.position)",
                values.len()
            ));
        }
        (
            "terms t JOIN queue q ON q.council = t.council AND q.reference = t.reference"
                .to_owned(),
            "t.position".to_owned(),
        )
    } else {
        ("queue q".to_owned(), format!("q.{}", column(sort)))
    };
    if let Some(after) = &query.after {
        values.push(after.clone().into());
        sql.push(format!("{key} {op} ?{}", values.len()));
    }
    conditions(&query.filter, &mut sql, &mut values);
    values.push((query.limit as i64 + 1).into());
    let text = format!(
        "SELECT {key}, c.record FROM {from}
         JOIN cases c ON c.council = q.council AND c.reference = q.reference
         WHERE {} ORDER BY {key} {direction} LIMIT ?{}",
        sql.join(" AND "),
        values.len()
    );
    (text, values)
}

pub(super) async fn case_page(
    store: &SqliteStore,
    council: &CouncilId,
    query: &CaseQuery,
) -> StoreResult<CasePage> {
    let (text, values) = page_sql(council.to_string(), query);
    let limit = query.limit;
    store
        .with(move |conn| {
            let mut stmt = conn.prepare(&text).map_err(StoreError::backend)?;
            let rows = stmt
                .query_map(params_from_iter(values), |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })
                .map_err(StoreError::backend)?;
            let mut read = Vec::new();
            for row in rows {
                let (position, text) = row.map_err(StoreError::backend)?;
                read.push((position, from_json::<CaseRecord>(&text)?));
            }
            let items_read = read.len() as u64;
            let more = read.len() > limit;
            read.truncate(limit);
            let next = more.then(|| read.last().map(|(p, _)| p.clone())).flatten();
            debug_assert!(
                next.as_deref()
                    .is_none_or(|p| position_reference(p).is_some())
            );
            Ok(CasePage {
                records: read.into_iter().map(|(_, r)| r).collect(),
                next,
                items_read,
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::{CaseQuery, SqliteStore, page_sql};
    use crate::store::{CaseFilter, StoreError};
    use feedback_shared::Channel;
    use feedback_shared::wire::{CaseSort, SortOrder, StatusFilter};
    use rusqlite::params_from_iter;

    /// SQLite's plan for a page of `query`, one line a step.
    async fn plan(query: CaseQuery) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("plan.sqlite3")).unwrap();
        let (text, values) = page_sql("demo".into(), &query);
        store
            .with(move |conn| {
                let mut stmt = conn
                    .prepare(&format!("EXPLAIN QUERY PLAN {text}"))
                    .map_err(StoreError::backend)?;
                let rows = stmt
                    .query_map(params_from_iter(values), |row| row.get::<_, String>(3))
                    .map_err(StoreError::backend)?;
                rows.collect::<Result<_, _>>().map_err(StoreError::backend)
            })
            .await
            .unwrap()
    }

    fn open_letters(sort: CaseSort) -> CaseQuery {
        CaseQuery {
            filter: CaseFilter {
                status: Some(StatusFilter::Open),
                channel: Some(Channel::Letter),
                ..CaseFilter::default()
            },
            terms: Vec::new(),
            sort,
            order: SortOrder::Asc,
            limit: 25,
            after: Some("2026-11-30#DEMO-2026-000001".into()),
        }
    }

    #[tokio::test]
    async fn a_channel_filter_in_deadline_order_is_a_range_of_the_channel_index() {
        let steps = plan(open_letters(CaseSort::Deadline)).await;
        assert!(
            steps.iter().any(|s| s.contains("queue_by_channel")),
            "{steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{steps:?}"
        );
    }

    #[tokio::test]
    async fn a_channel_filter_under_another_sort_still_reads_in_that_sort_s_order() {
        let steps = plan(open_letters(CaseSort::Received)).await;
        assert!(
            steps.iter().any(|s| s.contains("queue_by_received")),
            "{steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{steps:?}"
        );
    }
}
