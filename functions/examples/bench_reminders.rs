//! `cargo xtask bench reminders`: what the reminder job reads and how long it takes, as
//! the number of cases grows while the number due stays at 100. Reads should follow what
//! is due, not the size of the table. Not a test: figures for people to compare.
//!
//! The cases are generated and loaded a chunk at a time, so a million of them never sit in
//! memory at once (the peak memory printed for each size shows it); on DynamoDB several
//! chunks load at once, since each `BatchWriteItem` waits on a round trip.

#[path = "common/mod.rs"]
mod common;

use common::demo_cases::{DemoCases, app_at, chunks};

use feedback_functions::app::App;
use feedback_functions::jobs::reminders;
use feedback_functions::store::dynamodb::DynamoStore;
use feedback_functions::store::sqlite::SqliteStore;
use feedback_functions::store::{CaseRecord, REMINDER_LOOKBACK_DAYS, Store};
use feedback_shared::Kind;
use feedback_shared::contact::ContactForm;
use feedback_shared::submission::FeedbackForm;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration as Elapsed, Instant};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};
use tokio::task::JoinSet;

/// Friday 27 November 2026, 09:00: inside the window.
const NOW: OffsetDateTime = datetime!(2026-11-27 09:00 UTC);
const DUE: usize = 100;
/// Cases generated and loaded at a time: large enough that a chunk's own cost is small
/// beside its writes, small enough (a few tens of MB) that memory stays flat.
const CHUNK: usize = 10_000;
/// Chunks loading into DynamoDB at once. DynamoDB Local answers requests in parallel, so
/// more than one keeps it busy while the bench waits on round trips.
const LOADERS: usize = 6;

/// The cases numbered `range` (0-based), each the same whichever chunk makes it: the
/// first `DUE` with a reminder due at [`NOW`]; the rest received later, their reminders
/// spread over the following year.
fn chunk(cases: &DemoCases, range: Range<usize>) -> Vec<CaseRecord> {
    range
        .map(|i| {
            let received = if i < DUE {
                datetime!(2026-11-24 10:00 UTC)
            } else {
                datetime!(2026-11-25 10:00 UTC) + Duration::days((i % 365) as i64)
            };
            cases.received(i, Kind::Complaint, received)
        })
        .collect()
}

fn cases() -> DemoCases {
    DemoCases::new(FeedbackForm {
        kind: Some(Kind::Complaint),
        service: "waste".into(),
        what_happened: "My bin has been missed three weeks running.".into(),
        put_right: "Collect it and tell me why.".into(),
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

/// One size on one store: what loading it cost, then what the job read and took.
struct Figures {
    store: &'static str,
    total: usize,
    load: Elapsed,
    read: usize,
    requests: Option<u64>,
    claimed: usize,
    job: Elapsed,
    peak_rss: Option<u64>,
}

impl Figures {
    fn header() {
        println!(
            "{:>8} {:>9} {:>8} {:>9} {:>10} {:>8} {:>8} {:>7} {:>8} {:>9}",
            "store",
            "cases",
            "load s",
            "cases/s",
            "items read",
            "read/due",
            "requests",
            "claimed",
            "job ms",
            "peak RSS"
        );
    }

    fn print(&self) {
        let load = self.load.as_secs_f64();
        let requests = self.requests.map_or("-".to_owned(), |r| r.to_string());
        let rss = self
            .peak_rss
            .map_or("-".to_owned(), |bytes| format!("{} MB", bytes >> 20));
        println!(
            "{:>8} {:>9} {:>8.1} {:>9.0} {:>10} {:>8.2} {:>8} {:>7} {:>8.1} {:>9}",
            self.store,
            self.total,
            load,
            self.total as f64 / load,
            self.read,
            self.read as f64 / DUE as f64,
            requests,
            self.claimed,
            self.job.as_secs_f64() * 1000.0,
            rss
        );
    }
}

async fn sqlite(cases: &DemoCases, total: usize) -> Figures {
    common::peak_rss::reset_peak_rss();
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).unwrap();
    // One transaction a chunk: SQLite has one writer, so chunks in parallel would queue.
    let started = Instant::now();
    for range in chunks(total, CHUNK) {
        store.bulk_load(chunk(cases, range)).await.unwrap();
    }
    let load = started.elapsed();
    let read = store.due_reminders(NOW).await.unwrap().len();
    let app = app(Arc::new(store));
    let started = Instant::now();
    let run = reminders::run(&app, NOW).await.unwrap();
    let job = started.elapsed();
    Figures {
        store: "sqlite",
        total,
        load,
        read,
        requests: None,
        claimed: run.claimed,
        job,
        peak_rss: common::peak_rss::peak_rss(),
    }
}

/// Loads `total` cases into `store` (out of the queue: see below) with [`LOADERS`] tasks, each generating a chunk and
/// writing it before taking the next, so at most `LOADERS` chunks are in memory.
async fn load_concurrently(store: &DynamoStore, cases: &Arc<DemoCases>, total: usize) {
    let ranges: Arc<Vec<Range<usize>>> = Arc::new(chunks(total, CHUNK).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let mut loaders = JoinSet::new();
    for _ in 0..LOADERS {
        let (store, cases, ranges, next) =
            (store.clone(), cases.clone(), ranges.clone(), next.clone());
        loaders.spawn(async move {
            while let Some(range) = ranges.get(next.fetch_add(1, Ordering::Relaxed)) {
                // The cases with their reminder index but out of the queue (no search
                // terms, no queue index entries): the job reads neither, and DynamoDB Local
                // loads them some twenty times faster, which makes a million an hour's
                // work rather than a night's.
                store
                    .bulk_load_cases(&chunk(&cases, range.clone()), false)
                    .await?;
            }
            Ok::<(), feedback_functions::store::StoreError>(())
        });
    }
    while let Some(loaded) = loaders.join_next().await {
        loaded
            .expect("a loader panicked")
            .expect("DynamoDB refused a bulk load");
    }
}

/// Requests in `after` not yet in `before`, by operation: `Query 15, TransactWriteItems 100`.
fn operations(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> String {
    after
        .iter()
        .filter_map(|(operation, &count)| {
            let count = count - before.get(operation).copied().unwrap_or(0);
            (count > 0).then(|| format!("{operation} {count}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

async fn dynamodb(endpoint: &str, cases: &Arc<DemoCases>, total: usize) -> Figures {
    common::peak_rss::reset_peak_rss();
    let (client, counter) = common::counted_client(endpoint).await;
    let table = format!("reminders-{total}-{}", std::process::id());
    let store = DynamoStore::new(client.clone(), table.clone());
    store.create_table().await.unwrap();
    let before_load = counter.by_operation();
    let started = Instant::now();
    load_concurrently(&store, cases, total).await;
    let load = started.elapsed();
    let load_requests = operations(&before_load, &counter.by_operation());
    // What the job reads: every item of the index partitions in its look-back window.
    let today = date!(2026 - 11 - 27);
    let mut read = 0;
    for back in 0..=REMINDER_LOOKBACK_DAYS {
        read += store
            .due_on(today - Duration::days(back))
            .await
            .unwrap()
            .len();
    }
    let app = app(Arc::new(store));
    let before = counter.by_operation();
    let started = Instant::now();
    let run = reminders::run(&app, NOW).await.unwrap();
    let job = started.elapsed();
    let after = counter.by_operation();
    let figures = Figures {
        store: "dynamodb",
        total,
        load,
        read,
        requests: Some(after.values().sum::<u64>() - before.values().sum::<u64>()),
        claimed: run.claimed,
        job,
        peak_rss: common::peak_rss::peak_rss(),
    };
    println!(
        "         load: {load_requests}; job: {}",
        operations(&before, &after)
    );
    // DynamoDB Local keeps its tables in memory: free this size's before the next.
    client
        .delete_table()
        .table_name(table)
        .send()
        .await
        .unwrap();
    figures
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let sizes = common::sizes(&args, "--sizes", &[10_000, 100_000, 1_000_000]);
    // DynamoDB Local takes hours to load a million cases with their search terms, and
    // more memory than a small machine has: measured only when asked for.
    let dynamo_sizes = common::sizes(&args, "--dynamodb-sizes", &[10_000, 100_000]);
    let cases = Arc::new(cases());

    println!("Reminder job at {NOW}: {DUE} reminders due, the rest of the cases due later");
    println!(
        "Cases generated and loaded {CHUNK} at a time ({LOADERS} chunks at once on DynamoDB); \
         peak RSS is this process's, for that size alone"
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
            "dynamodb: not measured (pass --dynamodb-endpoint; `cargo xtask bench reminders` does)"
        ),
    }
}
