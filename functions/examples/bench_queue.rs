//! `cargo xtask bench console` (its API half): the queue's list route at each size on each
//! store, through the same use case the route calls. For each query (the default queue, a
//! filter, a search, another sort) it prints p50 and p99 of `--requests` requests (100;
//! `--dynamodb-requests`, 3, on moto, which answers a query in seconds) and
//! the items the store read per request, beside the targets: read O(page), not O(cases).
//! Not a test: figures for people to compare.
//!
//! Options: `--sizes 1000,100000`, `--dynamodb-sizes` (default `--sizes`), `--stores
//! sqlite,dynamodb` (DynamoDB only with `--dynamodb-endpoint`), `--figures FILE` (the rows
//! again as tab-separated lines, for `cargo xtask bench console`'s summary) and `--keep
//! DIR`: the loaded stores are kept for the console's timing in Chromium, SQLite as the
//! data folder `DIR/sqlite-N` (`feedback serve --data` opens it) and DynamoDB as a table
//! named in `DIR/dynamodb-N/table`, with `DIR/dynamodb-N` as its server's data folder.

#[path = "common/mod.rs"]
mod common;

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::cases::read;
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::store::dynamodb::DynamoStore;
use feedback_functions::store::sqlite::SqliteStore;
use feedback_functions::store::{CaseRecord, Store};
use feedback_shared::case::{Action, Actor, Case, Rules};
use feedback_shared::contact::ContactForm;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::wire::{CaseListQuery, CaseSort, SortOrder, StatusFilter};
use feedback_shared::{Calendar, Channel, CouncilId, Kind, OfficerId, Policy, Reference};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use time::macros::{date, datetime};
use time::{Duration, PrimitiveDateTime, Time};

const SERVICES: [&str; 5] = ["waste", "parking", "planning", "council-tax", "housing"];
/// Requests of each query on SQLite, and on moto (which scans its table in Python for
/// every query: seconds at 1,000 cases).
const REQUESTS: usize = 100;
const DYNAMODB_REQUESTS: usize = 3;
/// The counts read the council's whole index: fewer requests of them.
const COUNT_REQUESTS: usize = 20;
/// `BatchWriteItem` calls in flight while loading DynamoDB.
const LOADERS: usize = 4;

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

/// `total` cases received over the year to 24 November 2026: every kind and channel,
/// a third acknowledged, some assigned, most of the old ones closed.
pub fn cases(total: usize) -> Vec<CaseRecord> {
    let calendar = Calendar::bundled();
    let policy = Policy::default();
    let rules = Rules {
        calendar: &calendar,
        policy: &policy,
    };
    let council = CouncilId::parse("demo").unwrap();
    let officer = Actor::Officer(OfficerId("ann".into()));
    (0..total)
        .map(|i| {
            let service = SERVICES[i % SERVICES.len()];
            let kind = Kind::ALL[(i / 3) % 4];
            let form = FeedbackForm {
                kind: Some(kind),
                service: service.into(),
                what_happened: format!("The {service} service let me down, case {i}."),
                put_right: "Put it right.".into(),
                contact: ContactForm {
                    name: format!("Person{i} Family{}", i % 97),
                    email: format!("person{i}@example.com"),
                    ..Default::default()
                },
                ..Default::default()
            };
            let details = form.parse(&[service], date!(2026 - 11 - 24)).unwrap();
            let received_on =
                date!(2026 - 11 - 24) - Duration::days((total - i) as i64 * 365 / total as i64);
            let received =
                PrimitiveDateTime::new(received_on, Time::from_hms(10, 0, 0).unwrap()).assume_utc();
            let reference = Reference::new("DEMO", received_on.year(), i as u64 + 1).unwrap();
            let (mut case, _) = Case::receive(
                rules,
                council.clone(),
                reference,
                kind,
                Channel::ALL[i % Channel::ALL.len()],
                received,
                Actor::Resident,
            );
            if i % 4 == 0 {
                let _ = case.apply(
                    rules,
                    officer.clone(),
                    received,
                    Action::Assign {
                        officer: OfficerId(["ann", "bo", "cy"][i % 3].into()),
                    },
                );
            }
            let old = received_on < date!(2026 - 10 - 01);
            if kind == Kind::Complaint && (i % 3 == 0 || old) {
                let _ = case.apply(
                    rules,
                    officer.clone(),
                    received,
                    Action::Acknowledge { on: received_on },
                );
            }
            if old && i % 10 != 0 {
                let _ = case.apply(
                    rules,
                    officer.clone(),
                    received,
                    Action::Close {
                        on: Some(received_on),
                    },
                );
            }
            CaseRecord { case, details }
        })
        .collect()
}

fn app(store: Arc<dyn Store>) -> App {
    App {
        councils: load_councils(&config_dir()).unwrap(),
        calendar: Calendar::bundled(),
        store,
        clock: Arc::new(FixedClock::new(datetime!(2026-11-24 09:00 UTC))),
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}

/// A named query, made afresh for the `n`th request (a search looks for another person).
type Query = (&'static str, Box<dyn Fn(usize) -> CaseListQuery>);

fn queries(total: usize) -> Vec<Query> {
    vec![
        ("default queue", Box::new(|_| CaseListQuery::default())),
        (
            "open letters",
            Box::new(|_| CaseListQuery {
                status: Some(StatusFilter::Open),
                channel: Some(Channel::Letter),
                ..CaseListQuery::default()
            }),
        ),
        (
            "by received",
            Box::new(|_| CaseListQuery {
                sort: Some(CaseSort::Received),
                order: Some(SortOrder::Desc),
                ..CaseListQuery::default()
            }),
        ),
        (
            "search name",
            Box::new(move |n| CaseListQuery {
                q: Some(format!("person{}", (n * 7919) % total)),
                ..CaseListQuery::default()
            }),
        ),
        (
            "search word",
            Box::new(|_| CaseListQuery {
                q: Some("parking".into()),
                ..CaseListQuery::default()
            }),
        ),
    ]
}

/// Where the figures go: the table on stdout and, with `--figures`, tab-separated lines.
struct Output {
    figures: Option<std::fs::File>,
}

impl Output {
    fn row(&mut self, store: &str, total: usize, label: &str, times: &mut [f64], read: (f64, u64)) {
        times.sort_by(f64::total_cmp);
        let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        let (p50, p99) = (p(0.5), p(0.99));
        let (avg, max) = read;
        println!("{store:>8} {total:>8} {label:>14} {p50:>8.2} {p99:>8.2} {avg:>10.1} {max:>9}");
        if let Some(file) = &mut self.figures {
            use std::io::Write;
            writeln!(
                file,
                "{store}\t{total}\t{label}\t{p50:.2}\t{p99:.2}\t{avg:.1}\t{max}"
            )
            .expect("write the figures file");
        }
    }
}

async fn measure(out: &mut Output, name: &str, app: &App, total: usize, requests: usize) {
    let council = app.council("demo").unwrap();
    let today = date!(2026 - 11 - 24);
    for (label, make) in queries(total) {
        let mut times = Vec::new();
        let mut read_max = 0;
        let mut read_sum = 0;
        for n in 0..requests {
            let query = make(n);
            let started = Instant::now();
            let page = read::page(app, council, &query, today).await.unwrap();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            read_max = read_max.max(page.items_read);
            read_sum += page.items_read;
        }
        let avg = read_sum as f64 / requests as f64;
        out.row(name, total, label, &mut times, (avg, read_max));
    }
    // The counts beside the filters: their own request, which the queue's first page
    // does not wait for; a grouped read of the whole index by design (O(cases)).
    let mut times = Vec::new();
    let mut read = 0;
    for _ in 0..requests.min(COUNT_REQUESTS) {
        let started = Instant::now();
        read = read::counts(app, council, today).await.unwrap().items_read;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    out.row(
        name,
        total,
        "filter counts",
        &mut times,
        (read as f64, read),
    );
}

/// Loads `records` into DynamoDB, [`LOADERS`] batches at a time.
async fn load_dynamodb(store: &DynamoStore, records: Vec<CaseRecord>) {
    let mut loaders = tokio::task::JoinSet::new();
    let share = records.len().div_ceil(LOADERS).max(1);
    let mut records = records;
    while !records.is_empty() {
        let rest = records.split_off(share.min(records.len()));
        let (store, mine) = (store.clone(), std::mem::replace(&mut records, rest));
        loaders.spawn(async move { store.bulk_load(&mine).await });
    }
    while let Some(done) = loaders.join_next().await {
        done.expect("a loader panicked").expect("load DynamoDB");
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let sizes = common::sizes(&args, "--sizes", &[1_000, 100_000]);
    let dynamo_sizes = common::sizes(&args, "--dynamodb-sizes", &sizes);
    let stores = common::arg(&args, "--stores").unwrap_or_else(|| "sqlite,dynamodb".into());
    let (sqlite, dynamodb) = (stores.contains("sqlite"), stores.contains("dynamodb"));
    let requests = common::sizes(&args, "--requests", &[REQUESTS])[0].max(1);
    let dynamo_requests =
        common::sizes(&args, "--dynamodb-requests", &[DYNAMODB_REQUESTS])[0].max(1);
    let keep = common::arg(&args, "--keep").map(PathBuf::from);
    let mut out = Output {
        figures: common::arg(&args, "--figures").map(|path| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .expect("open the figures file")
        }),
    };
    println!(
        "The queue's list route (25 cases a page), council demo: {requests} requests of each query on SQLite, {dynamo_requests} on DynamoDB"
    );
    println!(
        "target: items read per request O(page): at most the page and the one after it, plus the read budget (1,000) only for a filter that skips most entries"
    );
    println!(
        "{:>8} {:>8} {:>14} {:>8} {:>8} {:>10} {:>9}",
        "store", "cases", "query", "p50 ms", "p99 ms", "avg read", "max read"
    );
    // Each size once, smallest first: SQLite's sizes and DynamoDB's own.
    let mut all_sizes: Vec<usize> = sizes.iter().chain(&dynamo_sizes).copied().collect();
    all_sizes.sort_unstable();
    all_sizes.dedup();
    for total in all_sizes {
        let on_sqlite = sqlite && sizes.contains(&total);
        let on_dynamodb = dynamodb && dynamo_sizes.contains(&total);
        if !on_sqlite && !on_dynamodb {
            continue;
        }
        let records = cases(total);
        if on_sqlite {
            let temp = tempfile::tempdir().unwrap();
            let dir = match &keep {
                Some(keep) => keep.join(format!("sqlite-{total}")),
                None => temp.path().to_owned(),
            };
            std::fs::create_dir_all(&dir).unwrap();
            // The file `feedback serve --data DIR` opens.
            let store = SqliteStore::open(&dir.join("feedback.sqlite3")).unwrap();
            store.bulk_load(records.clone()).await.unwrap();
            measure(&mut out, "sqlite", &app(Arc::new(store)), total, requests).await;
        }
        if let Some(endpoint) = &endpoint
            && on_dynamodb
        {
            let (client, _counter) = common::counted_client(endpoint).await;
            let table = format!("queue-{total}-{}", std::process::id());
            let store = DynamoStore::new(client, table.clone());
            store.create_table().await.unwrap();
            let started = Instant::now();
            load_dynamodb(&store, records).await;
            let seconds = started.elapsed().as_secs_f64();
            eprintln!(
                "(loaded {total} cases into DynamoDB in {seconds:.0} s: {:.0} cases a second, {LOADERS} batches in flight)",
                total as f64 / seconds
            );
            if let Some(keep) = &keep {
                let dir = keep.join(format!("dynamodb-{total}"));
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join("table"), &table).unwrap();
            }
            measure(
                &mut out,
                "dynamodb",
                &app(Arc::new(store)),
                total,
                dynamo_requests,
            )
            .await;
        }
    }
}
