//! `cargo xtask bench console` (its API half): the queue's list route at each size on each
//! store, through the same use case the route calls. For each query (the default queue, a
//! filter, a search, another sort) it prints p50 and p99 of 100 requests and the items
//! the store read per request, beside the targets: read O(page), not O(cases). Not a
//! test: figures for people to compare.

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
const REQUESTS: usize = 100;

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

async fn measure(name: &str, app: &App, total: usize) {
    let council = app.council("demo").unwrap();
    let today = date!(2026 - 11 - 24);
    for (label, make) in queries(total) {
        let mut times = Vec::new();
        let mut read_max = 0;
        let mut read_sum = 0;
        for n in 0..REQUESTS {
            let query = make(n);
            let started = Instant::now();
            let page = read::page(app, council, &query, today).await.unwrap();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            read_max = read_max.max(page.items_read);
            read_sum += page.items_read;
        }
        times.sort_by(f64::total_cmp);
        let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "{name:>8} {total:>8} {label:>14} {:>8.2} {:>8.2} {:>10.1} {read_max:>9}",
            p(0.5),
            p(0.99),
            read_sum as f64 / REQUESTS as f64,
        );
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let sizes = common::sizes(&args, "--sizes", &[1_000, 100_000]);
    let dynamo_sizes = common::sizes(&args, "--dynamodb-sizes", &sizes);
    println!("The queue's list route ({REQUESTS} requests each, 25 cases a page), council demo");
    println!(
        "target: items read per request O(page): at most the page and the one after it, plus the read budget (1,000) only for a filter that skips most entries"
    );
    println!(
        "{:>8} {:>8} {:>14} {:>8} {:>8} {:>10} {:>9}",
        "store", "cases", "query", "p50 ms", "p99 ms", "avg read", "max read"
    );
    for &total in &sizes {
        let records = cases(total);
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).unwrap();
        store.bulk_load(records.clone()).await.unwrap();
        measure("sqlite", &app(Arc::new(store)), total).await;
        if let Some(endpoint) = &endpoint
            && dynamo_sizes.contains(&total)
        {
            let (client, _counter) = common::counted_client(endpoint).await;
            let store = DynamoStore::new(client, format!("queue-{total}-{}", std::process::id()));
            store.create_table().await.unwrap();
            let started = Instant::now();
            store.bulk_load(&records).await.unwrap();
            eprintln!(
                "(loaded {total} cases into DynamoDB in {:.0} s)",
                started.elapsed().as_secs_f64()
            );
            measure("dynamodb", &app(Arc::new(store)), total).await;
        }
    }
}
