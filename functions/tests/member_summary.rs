//! The quarterly summary to the member responsible for complaints (Code 9.x) under a
//! controlled clock, on both stores: queued once per quarter, on the first working hour
//! after the quarter ends, across the New Year bank holidays of each division, in the
//! council's languages, with the quarter's figures and the trend of the quarters before.

mod support;

use support::recorder::Recorder;

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::cases::{NewSubmission, submit};
use feedback_functions::clock::{Clock, FixedClock};
use feedback_functions::config::load_councils;
use feedback_functions::jobs::{delivery, member_summary};
use feedback_functions::store::Store;
use feedback_shared::case::Actor;
use feedback_shared::contact::ContactForm;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, CouncilId, Kind};
use std::path::PathBuf;
use std::sync::Arc;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const MEMBERS: [(&str, &str); 3] = [
    ("demo", "cllr.jones@demo.example"),
    ("north-glen", "cllr.macleod@northglen.example"),
    ("aberwen", "cyng.evans@aberwen.example"),
];

/// The seed councils, each naming its member responsible for complaints.
fn app(store: Arc<dyn Store>, clock: Arc<FixedClock>) -> App {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    let mut councils = load_councils(&config).unwrap();
    for (id, member) in MEMBERS {
        let council = councils.get_mut(&CouncilId::parse(id).unwrap()).unwrap();
        council.member_responsible = Some(member.to_owned());
    }
    App {
        councils,
        calendar: Calendar::bundled(),
        store,
        clock,
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}

/// A web complaint to the demo council, received at the clock's time.
async fn complaint_now(app: &App) {
    let council = app.council("demo").unwrap();
    let form = FeedbackForm {
        kind: Some(Kind::Complaint),
        service: "waste".into(),
        what_happened: "Missed bin".into(),
        put_right: "Collect it".into(),
        contact: ContactForm {
            name: "Rhian Evans".into(),
            email: "rhian@example.com".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    submit(
        app,
        NewSubmission {
            council,
            form,
            channel: Channel::Web,
            received_at: app.clock.now(),
            actor: Actor::Resident,
            idempotency: None,
            gate: Default::default(),
        },
    )
    .await
    .unwrap();
}

/// Moves the clock on an hour at a time until `until`, running the job (twice, as
/// overlapping runs would) and delivery each time.
async fn drive(app: &App, clock: &FixedClock, recorder: &Recorder, until: OffsetDateTime) {
    while clock.now() < until {
        clock.advance(Duration::hours(1));
        member_summary::run(app, clock.now()).await.unwrap();
        member_summary::run(app, clock.now()).await.unwrap();
        delivery::run(app.store.as_ref(), recorder, clock.now(), "worker")
            .await
            .unwrap();
    }
}

async fn summaries_go_once_on_the_first_working_hour_after_the_quarter(store: Arc<dyn Store>) {
    // One complaint in the second quarter (September) and one in the third (November).
    let clock = Arc::new(FixedClock::new(datetime!(2026-09-15 10:00 UTC)));
    let app = app(store, clock.clone());
    complaint_now(&app).await;
    clock.set(datetime!(2026-11-24 10:00 UTC));
    complaint_now(&app).await;
    let recorder = Recorder::new(clock.clone());
    // From the last morning of the third quarter to the middle of the next week.
    clock.set(datetime!(2026-12-31 06:00 UTC));
    drive(&app, &clock, &recorder, datetime!(2027-01-08 18:00 UTC)).await;

    let sent = recorder.sent.lock().unwrap().clone();
    let summaries: Vec<(OffsetDateTime, String, String)> = sent
        .iter()
        .filter(|(_, e)| e.id.starts_with("member-summary-"))
        .map(|(at, e)| (*at, e.to[0].clone(), e.id.clone()))
        .collect();
    // England and Wales: Friday 1 January is a bank holiday, so Monday 4 January at the
    // window's start. Scotland: Monday 4 January is the substitute for 2 January, so
    // Tuesday 5 January. Each council's once, though the job ran twice every hour.
    assert_eq!(
        summaries,
        [
            (
                datetime!(2027-01-04 08:00 UTC),
                "cyng.evans@aberwen.example".to_owned(),
                "member-summary-aberwen-2026-Q3".to_owned()
            ),
            (
                datetime!(2027-01-04 08:00 UTC),
                "cllr.jones@demo.example".to_owned(),
                "member-summary-demo-2026-Q3".to_owned()
            ),
            (
                datetime!(2027-01-05 08:00 UTC),
                "cllr.macleod@northglen.example".to_owned(),
                "member-summary-north-glen-2026-Q3".to_owned()
            ),
        ]
    );

    let demo = &sent
        .iter()
        .find(|(_, e)| e.id == "member-summary-demo-2026-Q3")
        .unwrap()
        .1;
    // The demo council works in English, then Welsh.
    assert_eq!(
        demo.subject,
        "Quarterly complaints summary: Demo Borough Council, 2026-Q3 / \
         Crynodeb chwarterol o gwynion: Demo Borough Council, 2026-Q3"
    );
    for line in [
        "Quarter: 1 October 2026 to 31 December 2026",
        "Feedback received: 1 (complaints 1, comments 0, compliments 0)",
        "By service: Bins and recycling 1",
        "Outcomes: Upheld 0, Partly upheld 0, Not upheld 0",
        "Stage 1 responses within the timescale: 0 of 0",
        "Escalated to stage 2: 0",
        // The trend: the three quarters before, oldest first, then this one.
        "Feedback received by quarter: 2025-Q4 0, 2026-Q1 0, 2026-Q2 1, 2026-Q3 1",
    ] {
        assert!(
            demo.text.contains(line),
            "missing {line:?} in:\n{}",
            demo.text
        );
    }
    // A bilingual council's member reads it in Welsh first, then English.
    let aberwen = &sent
        .iter()
        .find(|(_, e)| e.id == "member-summary-aberwen-2026-Q3")
        .unwrap()
        .1;
    assert!(aberwen.subject.starts_with("Crynodeb chwarterol o gwynion"));
    let welsh = aberwen.text.find("Adborth a ddaeth i law: 0").unwrap();
    let english = aberwen.text.find("Feedback received: 0").unwrap();
    assert!(welsh < english, "{}", aberwen.text);
    assert!(aberwen.html.contains("<div lang=\"cy\">"));
}

/// Later in the quarter the summary of the one before is not tried again (and a council
/// naming no member gets none).
async fn nothing_is_sent_outside_the_first_working_days_or_without_a_member(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let mut app = app(store, clock.clone());
    let queued = member_summary::run(&app, clock.now()).await.unwrap();
    assert_eq!(queued, 0, "late November is weeks into the quarter");
    for council in app.councils.values_mut() {
        council.member_responsible = None;
    }
    clock.set(datetime!(2027-01-04 10:00 UTC));
    assert_eq!(member_summary::run(&app, clock.now()).await.unwrap(), 0);
    assert_eq!(app.store.outbox_len().await.unwrap(), 0);
}

macro_rules! on_store {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test]
            async fn summaries_go_once_on_the_first_working_hour_after_the_quarter() {
                super::summaries_go_once_on_the_first_working_hour_after_the_quarter(store().await)
                    .await
            }

            #[tokio::test]
            async fn nothing_is_sent_outside_the_first_working_days_or_without_a_member() {
                super::nothing_is_sent_outside_the_first_working_days_or_without_a_member(
                    store().await,
                )
                .await
            }
        }
    };
}

on_store!(sqlite, {
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    Arc::new(
        feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("cases.sqlite3"))
            .unwrap(),
    )
});

on_store!(dynamodb, Arc::new(support::dynamodb::dynamo_store().await));
