//! `cargo xtask bench report`: the annual report at 10,000, 100,000 and 1,000,000 cases on
//! each store, with the same cases in the year reported: the records it reads (one a day
//! of the calendar years the year touches, and the learning), DynamoDB requests, its
//! time, and this process's memory around it; and on SQLite the dashboard and the queue's
//! counts over the same data. Not a test: figures for people to compare.

#[path = "common/mod.rs"]
mod common;

use common::RequestCounter;
use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::clock::FixedClock;
use feedback_functions::config::load_councils;
use feedback_functions::reports::council_report;
use feedback_functions::store::aggregates::Aggregates;
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

/// Chunks loaded into DynamoDB at once.
const LOADERS: usize = 8;

const SERVICES: [&str; 5] = ["waste", "parking", "planning", "council-tax", "housing"];

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

/// Cases received in financial year 2026-27: the same in every run, so the report has
/// the same responses to count whatever the table's size.
const IN_PERIOD: usize = 5_000;
/// Cases are made and loaded this many at a time, so a million never sit in memory.
const CHUNK: usize = 10_000;

/// Case number `i` of a table of `total`: the first [`IN_PERIOD`] received in 2026-27
/// (a third comments and compliments, the rest complaints, most acknowledged and
/// answered, some late); the others received and answered in the twenty years before,
/// which the report of 2026-27 has no reason to read.
fn case(i: usize, rules: Rules<'_>) -> CaseRecord {
    let council = CouncilId::parse("demo").unwrap();
    let officer = Actor::Officer(OfficerId("ann".into()));
    let reasons = LongText::parse(Field::Reasons, "Reasons for the decision.").unwrap();
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
    let received_on = if i < IN_PERIOD {
        date!(2026 - 04 - 01) + Duration::days((i % 330) as i64)
    } else {
        // 2005-01-03 to the end of 2025, a day at a time, round and round.
        date!(2005 - 01 - 03) + Duration::days(((i - IN_PERIOD) % 7_600) as i64)
    };
    let received =
        PrimitiveDateTime::new(received_on, Time::from_hms(10, 0, 0).unwrap()).assume_utc();
    let reference = Reference::new("DEMO", received_on.year(), i as u64 + 1).unwrap();
    let (mut case, _) = Case::receive(
        rules,
        council,
        reference,
        kind,
        Channel::Web,
        received,
        Actor::Resident,
    );
    if kind == Kind::Complaint && i % 10 != 9 {
        let ack = received_on + Duration::days(1 + (i % 3) as i64);
        let at = |d| PrimitiveDateTime::new(d, Time::from_hms(12, 0, 0).unwrap()).assume_utc();
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
            learning: (i % 50 == 2)
                .then(|| LongText::parse(Field::Note, "Check the round.").unwrap()),
            outstanding_actions: None,
            responder: None,
        };
        case.apply(rules, officer, at(answered), Action::Respond { response })
            .unwrap();
    }
    CaseRecord { case, details }
}

/// Cases `from..to` of the table.
fn cases(from: usize, to: usize) -> Vec<CaseRecord> {
    let calendar = Calendar::bundled();
    let policy = Policy::default();
    let rules = Rules {
        calendar: &calendar,
        policy: &policy,
    };
    (from..to).map(|i| case(i, rules)).collect()
}

/// This process's resident set now and at its peak since the last [`reset_peak`], in MB.
fn rss() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
}

/// Starts a new peak (Linux: writing 5 to `clear_refs` resets `VmHWM`).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
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
    reset_peak();
    let (rss_before, _) = rss();
    let started = Instant::now();
    let (report, reads) = council_report(app, council, Period::financial_year(2026).unwrap())
        .await
        .unwrap();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let (_, peak) = rss();
    let requests = match (counter, before) {
        (Some(c), Some(b)) => (c.count() - b).to_string(),
        _ => "-".into(),
    };
    println!(
        "{name:>8} {total:>10} {:>10} {:>9} {requests:>9} {:>10} {ms:>10.1} {:>14}",
        reads.days,
        reads.learning,
        report.stages[0].responses,
        format!("{:.0}+{:.0}", rss_before, peak - rss_before),
    );
    report
}

/// The dashboard and a queue page as the local server answers them, on the same data.
async fn serve_figures(app: &App, total: usize) {
    let council = app.council("demo").unwrap();
    reset_peak();
    let (rss_before, _) = rss();
    let started = Instant::now();
    let dashboard =
        feedback_functions::dashboard::council_dashboard(app, council, date!(2027 - 03 - 31))
            .await
            .unwrap();
    let dashboard_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let counts = app
        .store
        .case_counts(&council.id, date!(2027 - 03 - 31))
        .await
        .unwrap();
    let counts_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (_, peak) = rss();
    println!(
        "{:>8} {total:>10} dashboard {dashboard_ms:.1} ms (overdue {}), queue counts {counts_ms:.1} ms ({} read, {} cases), RSS {:.0}+{:.0} MB",
        "",
        dashboard.overdue.count,
        counts.items_read,
        counts.status.values().sum::<u64>(),
        rss_before,
        peak - rss_before,
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = common::arg(&args, "--dynamodb-endpoint");
    let sizes = common::sizes(&args, "--sizes", &[10_000, 100_000, 1_000_000]);
    // DynamoDB Local loads a few hundred cases a second here: a million is an hour's
    // load, so it is measured only when asked for (`--dynamodb-sizes 1000000`).
    let dynamodb_sizes = common::sizes(&args, "--dynamodb-sizes", &[10_000, 100_000]);
    println!(
        "Annual report for financial year 2026-27, council demo: {IN_PERIOD} cases received in the year, the rest in 2005-2025"
    );
    println!(
        "{:>8} {:>10} {:>10} {:>9} {:>9} {:>10} {:>10} {:>14}",
        "store",
        "cases",
        "days read",
        "learning",
        "requests",
        "responses",
        "report ms",
        "RSS MB (+peak)"
    );
    for &total in &sizes {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("bench.sqlite3")).unwrap();
        let loading = Instant::now();
        for from in (0..total).step_by(CHUNK) {
            store
                .bulk_load(cases(from, (from + CHUNK).min(total)))
                .await
                .unwrap();
        }
        let load_s = loading.elapsed().as_secs_f64();
        let app = app(Arc::new(store));
        let report = measure("sqlite", &app, total, None).await;
        serve_figures(&app, total).await;
        println!("{:>8} {total:>10} (loaded in {load_s:.0} s)", "");
        // `--html PATH` keeps the first report as HTML, to look at in a browser.
        if let Some(path) = common::arg(&args, "--html")
            && total == sizes[0]
        {
            std::fs::write(path, feedback_functions::report_render::to_html(&[report])).unwrap();
        }
    }
    let Some(endpoint) = endpoint else {
        println!(
            "dynamodb: not measured (pass --dynamodb-endpoint; `cargo xtask bench report` does)"
        );
        return;
    };
    for &total in &dynamodb_sizes {
        let (client, counter) = common::counted_client(&endpoint).await;
        let store = DynamoStore::new(client, format!("report-{total}-{}", std::process::id()));
        store.create_table().await.unwrap();
        // The case items in parallel chunks (no search terms: the report never searches),
        // then the sums of them all in one write.
        let loading = Instant::now();
        let mut sums = Aggregates::default();
        let chunks: Vec<usize> = (0..total).step_by(CHUNK).collect();
        for group in chunks.chunks(LOADERS) {
            let mut tasks = Vec::new();
            for &from in group {
                let store = store.clone();
                tasks.push(tokio::spawn(async move {
                    let records = cases(from, (from + CHUNK).min(total));
                    store.bulk_load_cases(&records, false).await.unwrap();
                    Aggregates::of_cases(&records)
                }));
            }
            for task in tasks {
                let part = task.await.unwrap();
                sums.add(&feedback_functions::store::aggregates::AggregateChange::from(&part));
            }
        }
        store
            .replace_aggregates(&CouncilId::parse("demo").unwrap(), &sums)
            .await
            .unwrap();
        let load_s = loading.elapsed().as_secs_f64();
        let app = app(Arc::new(store));
        measure("dynamodb", &app, total, Some(&counter)).await;
        println!(
            "{:>8} {total:>10} (loaded in {load_s:.0} s, {:.0} cases/s)",
            "",
            total as f64 / load_s
        );
    }
}
