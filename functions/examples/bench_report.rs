//! `cargo xtask bench report`: the annual report's time at 10,000 and 100,000 cases on each
//! store, and what it reads from DynamoDB. Not a test: figures for people to compare.

#[path = "common/mod.rs"]
mod common;

use common::RequestCounter;
use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::reports::council_report;
use feedback_functions::store::dynamodb::DynamoStore;
use feedback_functions::store::sqlite::SqliteStore;
use feedback_functions::store::{CaseRecord, Store};
use feedback_shared::case::{Action, Actor, Case, ResponseDetails, Rules};
use feedback_shared::contact::ContactForm;
use feedback_shared::input::LongText;
use feedback_shared::outcome::{Outcome, Remedy};
use feedback_shared::report::Period;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, CouncilId, Field, Kind, OfficerId, Policy, Reference};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use time::macros::{date, datetime};
use time::{Duration, PrimitiveDateTime, Time};

const SERVICES: [&str; 5] = ["waste", "parking", "planning", "council-tax", "housing"];

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

/// `total` cases spread over the financial year 2026-27: a third comments and
/// compliments, the rest complaints, most acknowledged and answered, some late.
fn cases(total: usize) -> Vec<CaseRecord> {
    let calendar = Calendar::bundled();
    let policy = Policy::default();
    let rules = Rules {
        calendar: &calendar,
        policy: &policy,
    };
    let council = CouncilId::parse("demo").unwrap();
    let officer = Actor::Officer(OfficerId("ann".into()));
    let reasons = LongText::parse(Field::Reasons, "Reasons for the decision.").unwrap();
    (0..total)
        .map(|i| {
            let service = SERVICES[i % SERVICES.len()];
            let kind = match i % 6 {
                0 => Kind::Comment,
                1 => Kind::Compliment,
                _ => Kind::Complaint,
            };
            let form = FeedbackForm {
                kind: Some(kind),
                service: service.into(),
                what_happened: "Something happened.".into(),
                put_right: "Put it right.".into(),
                contact: ContactForm {
                    name: "Rhian Evans".into(),
                    email: "rhian@example.com".into(),
                    ..Default::default()
                },
                ..Default::default()
            };
            let details = form.parse(&[service], date!(2027 - 03 - 31)).unwrap();
            let received_on = date!(2026 - 04 - 01) + Duration::days((i % 330) as i64);
            let received =
                PrimitiveDateTime::new(received_on, Time::from_hms(10, 0, 0).unwrap()).assume_utc();
            let reference = Reference::new("DEMO", received_on.year(), i as u64 + 1).unwrap();
            let (mut case, _) = Case::receive(
                rules,
                council.clone(),
                reference,
                kind,
                Channel::Web,
                received,
                Actor::Resident,
            );
            if kind == Kind::Complaint && i % 10 != 9 {
                let ack = received_on + Duration::days(1 + (i % 3) as i64);
                let at =
                    |d| PrimitiveDateTime::new(d, Time::from_hms(12, 0, 0).unwrap()).assume_utc();
                case.apply(
                    rules,
                    officer.clone(),
                    at(ack),
                    Action::Acknowledge { on: ack },
                )
                .unwrap();
                let answered = ack + Duration::days(7 + (i % 11) as i64);
                let outcome = [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld][i % 3];
                let response = ResponseDetails {
                    responded_on: answered,
                    outcome,
                    reasons: reasons.clone(),
                    remedies: vec![Remedy::Apology],
                    learning: None,
                    outstanding_actions: None,
                    responder: None,
                };
                case.apply(
                    rules,
                    officer.clone(),
                    at(answered),
                    Action::Respond { response },
                )
                .unwrap();
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
        clock: Arc::new(FixedClock::new(datetime!(2027-04-01 09:00 UTC))),
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}

async fn measure(
    name: &str,
    app: &App,
    total: usize,
    counter: Option<&RequestCounter>,
) -> feedback_shared::report::Report {
    let council = app.council("demo").unwrap();
    let before = counter.map(|c| c.count());
    let started = Instant::now();
    let (report, reads) = council_report(app, council, Period::financial_year(2026).unwrap())
        .await
        .unwrap();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let read = reads.days + reads.learning;
    let requests = match (counter, before) {
        (Some(c), Some(b)) => (c.count() - b).to_string(),
        _ => "-".into(),
    };
    println!(
        "{name:>8} {total:>10} {read:>10} {requests:>10} {:>10} {ms:>10.1}",
        report.stages[0].responses
    );
    report
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let sizes = common::sizes(&args, "--sizes", &[10_000, 100_000]);
    println!("Annual report for financial year 2026-27, council demo");
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "store", "cases", "items read", "requests", "responses", "report ms"
    );
    for &total in &sizes {
        let records = cases(total);
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).unwrap();
        store.bulk_load(records.clone()).await.unwrap();
        let report = measure("sqlite", &app(Arc::new(store)), total, None).await;
        // `--html PATH` keeps the first report as HTML, to look at in a browser.
        if let Some(path) = common::arg(&args, "--html")
            && total == sizes[0]
        {
            std::fs::write(path, feedback_functions::report_render::to_html(&[report])).unwrap();
        }
        if let Some(endpoint) = &endpoint {
            let (client, counter) = common::counted_client(endpoint).await;
            let store = DynamoStore::new(client, format!("report-{total}-{}", std::process::id()));
            store.create_table().await.unwrap();
            store.bulk_load(&records).await.unwrap();
            measure("dynamodb", &app(Arc::new(store)), total, Some(&counter)).await;
        }
    }
}
