//! `cargo xtask bench reminders`: what the reminder job reads and how long it takes, as
//! the number of cases grows while the number due stays at 100. Reads should follow what
//! is due, not the size of the table. Not a test: figures for people to compare.

#[path = "common/mod.rs"]
mod common;

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::jobs::reminders;
use feedback_functions::store::dynamodb::DynamoStore;
use feedback_functions::store::sqlite::SqliteStore;
use feedback_functions::store::{CaseRecord, REMINDER_LOOKBACK_DAYS, Store};
use feedback_shared::case::{Actor, Case, Rules};
use feedback_shared::contact::ContactForm;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, CouncilId, Kind, Policy, Reference};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

/// Friday 27 November 2026, 09:00: inside the window.
const NOW: OffsetDateTime = datetime!(2026-11-27 09:00 UTC);
const DUE: usize = 100;

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

/// `total` complaints, `DUE` of them with a reminder due at [`NOW`]; the rest received
/// later, their reminders spread over the following year.
fn cases(total: usize) -> Vec<CaseRecord> {
    let calendar = Calendar::bundled();
    let policy = Policy::default();
    let rules = Rules {
        calendar: &calendar,
        policy: &policy,
    };
    let form = FeedbackForm {
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
    };
    let details = form.parse(&["waste"], date!(2026 - 11 - 24)).unwrap();
    let council = CouncilId::parse("demo").unwrap();
    (0..total)
        .map(|i| {
            let received = if i < DUE {
                datetime!(2026-11-24 10:00 UTC)
            } else {
                datetime!(2026-11-25 10:00 UTC) + Duration::days((i % 365) as i64)
            };
            let reference = Reference::new("DEMO", 2026, i as u64 + 1).unwrap();
            let (case, _) = Case::receive(
                rules,
                council.clone(),
                reference,
                Kind::Complaint,
                Channel::Web,
                received,
                Actor::Resident,
            );
            CaseRecord {
                case,
                details: details.clone(),
            }
        })
        .collect()
}

fn app(store: Arc<dyn Store>) -> App {
    App {
        councils: load_councils(&config_dir()).unwrap(),
        calendar: Calendar::bundled(),
        store,
        clock: Arc::new(FixedClock::new(NOW)),
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}

fn row(store: &str, total: usize, read: usize, requests: Option<u64>, claimed: usize, ms: f64) {
    let requests = requests.map_or("-".to_owned(), |r| r.to_string());
    println!(
        "{store:>8} {total:>10} {read:>10} {:>10.2} {requests:>10} {claimed:>8} {ms:>10.1}",
        read as f64 / DUE as f64
    );
}

async fn sqlite(total: usize) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).unwrap();
    store.bulk_load(cases(total)).await.unwrap();
    let read = store.due_reminders(NOW).await.unwrap().len();
    let app = app(Arc::new(store));
    let started = Instant::now();
    let run = reminders::run(&app, NOW).await.unwrap();
    row(
        "sqlite",
        total,
        read,
        None,
        run.claimed,
        started.elapsed().as_secs_f64() * 1000.0,
    );
}

async fn dynamodb(endpoint: &str, total: usize) {
    let (client, counter) = common::counted_client(endpoint).await;
    let table = format!("reminders-{total}-{}", std::process::id());
    let store = DynamoStore::new(client, table);
    store.create_table().await.unwrap();
    store.bulk_load(&cases(total)).await.unwrap();
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
    let before = counter.count();
    let started = Instant::now();
    let run = reminders::run(&app, NOW).await.unwrap();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    row(
        "dynamodb",
        total,
        read,
        Some(counter.count() - before),
        run.claimed,
        ms,
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let sizes = common::sizes(&args, "--sizes", &[10_000, 100_000]);
    let dynamo_sizes = common::sizes(&args, "--dynamodb-sizes", &sizes);

    println!("Reminder job at {NOW}: {DUE} reminders due, the rest of the cases due later");
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>10} {:>8} {:>10}",
        "store", "cases", "items read", "read/due", "requests", "claimed", "job ms"
    );
    for &total in &sizes {
        sqlite(total).await;
    }
    match endpoint {
        Some(endpoint) => {
            for &total in &dynamo_sizes {
                dynamodb(&endpoint, total).await;
            }
        }
        None => println!(
            "dynamodb: not measured (pass --dynamodb-endpoint; `cargo xtask bench reminders` does)"
        ),
    }
}
