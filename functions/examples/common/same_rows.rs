//! The baseline `bench api` compares the API with: the rows the store wrote for each
//! submission, read back from its database, written again straight through rusqlite into
//! a fresh database with the same tables and indexes, one transaction per submission.
//! Reading them back (rather than listing them here) keeps the baseline honest as the
//! store's tables change: it always costs SQLite exactly the rows the API paid for.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use std::path::Path;
use std::time::Instant;

/// One submission's rows, table by table.
struct Submission {
    rows: Vec<(String, Vec<Value>)>,
}

/// Counters every submission adds one to: `(table, key columns, their values)`.
struct Upsert {
    sql: String,
    key: Vec<Value>,
}

pub struct SameRows {
    schema: Vec<String>,
    submissions: Vec<Submission>,
    upserts: Vec<Upsert>,
}

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    strings(
        conn,
        &format!("SELECT name FROM pragma_table_info('{table}')"),
    )
}

fn rows(conn: &Connection, sql: &str, params: &[&str]) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let width = stmt.column_count();
    stmt.query_map(params_from_iter(params), |row| {
        (0..width).map(|i| row.get::<_, Value>(i)).collect()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

impl SameRows {
    /// What the store at `database` wrote for the first `limit` cases of `council`.
    pub fn read(database: &Path, council: &str, limit: usize) -> SameRows {
        let conn = Connection::open(database).unwrap();
        // Tables first, then their indexes, as the store created them.
        let schema = strings(
            &conn,
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
             ORDER BY type = 'index', rowid",
        );
        let tables = strings(
            &conn,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
        );
        // A case's own rows are in every table keyed by council and reference.
        let per_case: Vec<String> = tables
            .iter()
            .filter(|t| {
                let c = columns(&conn, t);
                c.contains(&"council".into()) && c.contains(&"reference".into())
            })
            .cloned()
            .collect();
        let references = strings(
            &conn,
            &format!(
                "SELECT reference FROM cases WHERE council = '{council}' ORDER BY sequence LIMIT {limit}"
            ),
        );
        let submissions = references
            .iter()
            .map(|reference| {
                let mut out = Vec::new();
                for table in &per_case {
                    for row in rows(
                        &conn,
                        &format!("SELECT * FROM {table} WHERE council = ?1 AND reference = ?2"),
                        &[council, reference],
                    ) {
                        out.push((table.clone(), row));
                    }
                }
                // The outbox is keyed by message id; the case's messages name them.
                for row in rows(
                    &conn,
                    "SELECT * FROM outbox WHERE id IN
                       (SELECT id FROM messages WHERE council = ?1 AND reference = ?2)",
                    &[council, reference],
                ) {
                    out.push(("outbox".into(), row));
                }
                Submission { rows: out }
            })
            .collect();
        // Each submission added one to the reference counter, to each limit's counter
        // (one key per kind of limit), and to each running sum a new case touches (every
        // benchmark case is the same kind of case, received the same day).
        let mut upserts = vec![Upsert {
            sql: "INSERT INTO counters (council, year, sequence) VALUES (?1, ?2, 1)
                  ON CONFLICT DO UPDATE SET sequence = sequence + 1"
                .into(),
            key: rows(&conn, "SELECT council, year FROM counters LIMIT 1", &[]).remove(0),
        }];
        let mut kinds = std::collections::BTreeSet::new();
        for key in strings(&conn, "SELECT key FROM uses ORDER BY key") {
            let kind = key.split('#').next().unwrap_or_default().to_owned();
            if kinds.insert(kind) {
                upserts.push(Upsert {
                    sql: "INSERT INTO uses (key, count, expires_at) VALUES (?1, 1, 0)
                          ON CONFLICT DO UPDATE SET count = count + 1"
                        .into(),
                    key: vec![Value::Text(key)],
                });
            }
        }
        for key in rows(
            &conn,
            "SELECT council, day, fact FROM report_days WHERE council = ?1",
            &[council],
        ) {
            upserts.push(Upsert {
                sql: "INSERT INTO report_days (council, day, fact, count) VALUES (?1, ?2, ?3, 1)
                      ON CONFLICT DO UPDATE SET count = count + 1"
                    .into(),
                key,
            });
        }
        for key in rows(
            &conn,
            "SELECT council, key FROM census WHERE council = ?1",
            &[council],
        ) {
            upserts.push(Upsert {
                sql: "INSERT INTO census (council, key, count) VALUES (?1, ?2, 1)
                      ON CONFLICT DO UPDATE SET count = count + 1"
                    .into(),
                key,
            });
        }
        SameRows {
            schema,
            submissions,
            upserts,
        }
    }

    pub fn len(&self) -> usize {
        self.submissions.len()
    }

    /// Rows written for each submission, on average.
    pub fn rows_per_submission(&self) -> f64 {
        let rows: usize = self.submissions.iter().map(|s| s.rows.len()).sum();
        (rows + self.upserts.len() * self.submissions.len()) as f64 / self.len() as f64
    }

    /// Writes every submission's rows into a new database at `path` (WAL, synchronous
    /// NORMAL, as the store opens its own), one transaction each; submissions a second.
    pub fn write_raw(&self, path: &Path) -> f64 {
        let conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
        for sql in &self.schema {
            conn.execute_batch(sql).unwrap();
        }
        let started = Instant::now();
        for submission in &self.submissions {
            let tx = conn.unchecked_transaction().unwrap();
            for upsert in &self.upserts {
                tx.prepare_cached(&upsert.sql)
                    .unwrap()
                    .execute(params_from_iter(&upsert.key))
                    .unwrap();
            }
            for (table, row) in &submission.rows {
                let marks = vec!["?"; row.len()].join(", ");
                tx.prepare_cached(&format!("INSERT INTO {table} VALUES ({marks})"))
                    .unwrap()
                    .execute(params_from_iter(row))
                    .unwrap();
            }
            tx.commit().unwrap();
        }
        self.len() as f64 / started.elapsed().as_secs_f64()
    }
}
