//! `cargo xtask bench retention`: what the retention job reads and how long it takes, as
//! the number of cases grows while the number due for removal stays at 100. The index
//! entries read per case removed should stay near 1 (the due ones, and the first one
//! past the cutoff that ends the range), whatever the size of the table. Not a test:
//! figures for people to compare.
//!
//! Of the cases, the first 100 were closed in November 2026, more than six years before
//! the run; half the rest are open, half closed in 2027 and later (in the index, not yet
//! due).

#[path = "common/mod.rs"]
mod common;

use common::demo_cases::{DemoCases, app_at, chunks};

use feedback_functions::app::App;
use feedback_functions::jobs::retention;
use feedback_functions::notify::adapters::eml::OutboxFolder;
use feedback_functions::store::dynamodb::DynamoStore;
use feedback_functions::store::sqlite::SqliteStore;
use feedback_functions::store::{CaseRecord, Store};
use feedback_shared::Kind;
use feedback_shared::case::Status;
use feedback_shared::contact::ContactForm;
use feedback_shared::submission::FeedbackForm;
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration as Elapsed, Instant};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

/// 1 December 2032: demo keeps cases six years after closure.
const NOW: OffsetDateTime = datetime!(2032-12-01 09:00 UTC);
const DUE: usize = 100;
const CHUNK: usize = 10_000;

/// The cases numbered `range` (0-based): the first [`DUE`] closed on 25 November 2026,
/// then alternately open and closed on a day of 2027 to 2029.
fn chunk(cases: &DemoCases, range: Range<usize>) -> Vec<CaseRecord> {
    range
        .map(|i| {
            let mut record = cases.received(i, Kind::Comment, datetime!(2026-11-24 10:00 UTC));
            let closed_on = if i < DUE {
                Some(date!(2026 - 11 - 25))
            } else if i % 2 == 0 {
                Some(date!(2027 - 01 - 01) + Duration::days((i % 1000) as i64))
            } else {
                None
            };
            if let Some(on) = closed_on {
                record.case.status = Status::Closed;
                record.case.closed_on = Some(on);
            }
            record
        })
        .collect()
}

fn cases() -> DemoCases {
    DemoCases::new(FeedbackForm {
        kind: Some(Kind::Comment),
        service: "waste".into(),
        what_happened: "The new bins are much better.".into(),
        contact: ContactForm {
            name: "Rhian Evans".into(),
            email: "rhian@example.com".into(),
            ..Default::default()
        },
        ..Default::default()
    })
}

fn app(store: Arc<dyn Store>) -> App {
    app_at(store, NOW)
}

struct Figures {
    store: &'static str,
    total: usize,
    read: usize,
    anonymised: usize,
    requests: Option<(u64, String)>,
    job: Elapsed,
}

impl Figures {
    fn header() {
        println!(
            "{:>8} {:>9} {:>10} {:>10} {:>12} {:>8} {:>12}",
            "store", "cases", "index read", "anonymised", "read/removed", "job ms", "requests"
        );
    }

    fn print(&self) {
        let requests = self
            .requests
            .as_ref()
            .map_or("-".to_owned(), |(n, _)| n.to_string());
        println!(
            "{:>8} {:>9} {:>10} {:>10} {:>12.2} {:>8.1} {:>12}",
            self.store,
            self.total,
            self.read,
            self.anonymised,
            self.read as f64 / self.anonymised.max(1) as f64,
            self.job.as_secs_f64() * 1000.0,
            requests
        );
        if let Some((_, by_operation)) = &self.requests {
            println!("         job: {by_operation}");
        }
    }
}

/// Runs the job once (one batch of up to 100), timed.
async fn run(app: &App, outbox: &std::path::Path) -> (retention::RetentionRun, Elapsed) {
    let notifier = OutboxFolder::new(outbox);
    let started = Instant::now();
    let run = retention::run(app, &notifier, NOW, retention::BATCH, None)
        .await
        .unwrap();
    (run, started.elapsed())
}

async fn sqlite(cases: &DemoCases, total: usize) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).unwrap();
    for range in chunks(total, CHUNK) {
        store.bulk_load(chunk(cases, range)).await.unwrap();
    }
    let app = app(Arc::new(store));
    let (run, job) = run(&app, &dir.path().join("outbox")).await;
    Figures {
        store: "sqlite",
        total,
        read: run.read,
        anonymised: run.anonymised,
        requests: None,
        job,
    }
}

async fn dynamodb(endpoint: &str, cases: &DemoCases, total: usize) -> Figures {
    let (client, counter) = common::counted_client(endpoint).await;
    let table = format!("retention-{total}-{}", std::process::id());
    let store = DynamoStore::new(client.clone(), table.clone());
    store.create_table().await.unwrap();
    for range in chunks(total, CHUNK) {
        // Out of the queue: the job reads none of it (see bench reminders).
        store
            .bulk_load_cases(&chunk(cases, range), false)
            .await
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let app = app(Arc::new(store));
    let before = counter.by_operation();
    let (run, job) = run(&app, dir.path()).await;
    let after = counter.by_operation();
    let by_operation = after
        .iter()
        .filter_map(|(operation, &count)| {
            let count = count - before.get(operation).copied().unwrap_or(0);
            (count > 0).then(|| format!("{operation} {count}"))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let requests = after.values().sum::<u64>() - before.values().sum::<u64>();
    client
        .delete_table()
        .table_name(table)
        .send()
        .await
        .unwrap();
    Figures {
        store: "dynamodb",
        total,
        read: run.read,
        anonymised: run.anonymised,
        requests: Some((requests, by_operation)),
        job,
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let sizes = common::sizes(&args, "--sizes", &[10_000, 100_000]);
    let dynamo_sizes = common::sizes(&args, "--dynamodb-sizes", &[10_000, 100_000]);
    let cases = cases();
    println!(
        "Retention job at {NOW}: {DUE} cases past demo's 6 years, half the rest closed later, half open"
    );
    println!(
        "index read: retention index entries the job read; requests: DynamoDB requests of the run"
    );
    Figures::header();
    for &total in &sizes {
        sqlite(&cases, total).await.print();
    }
    match endpoint {
        Some(endpoint) => {
            for &total in &dynamo_sizes {
                dynamodb(&endpoint, &cases, total).await.print();
            }
        }
        None => println!(
            "dynamodb: not measured (pass --dynamodb-endpoint; `cargo xtask bench retention` does)"
        ),
    }
}
