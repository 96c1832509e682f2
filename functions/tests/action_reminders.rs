//! Promised actions' reminders (Code 6.6) under a controlled clock, on both stores: the
//! owner is reminded before and on the due date, the complaints manager once it has
//! passed, each point once, in working hours, across Christmas's bank holidays; the
//! points ride the case's one entry in the reminder index beside the stage's deadlines.

mod support;

use support::recorder::Recorder;

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::cases::{NewSubmission, act, submit};
use feedback_functions::clock::{Clock, FixedClock};
use feedback_functions::config::load_councils;
use feedback_functions::jobs::{delivery, reminders};
use feedback_functions::store::Store;
use feedback_shared::case::{Action, Actor, ResponseDetails};
use feedback_shared::contact::ContactForm;
use feedback_shared::input::LongText;
use feedback_shared::reminders::DeadlineKind;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, Field, Kind, OfficerId, Outcome, Reference};
use std::path::PathBuf;
use std::sync::Arc;
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

impl Recorder {
    /// (time, first recipient, id suffix) of every reminder and overdue message.
    fn reminders(&self) -> Vec<(OffsetDateTime, String, String)> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, e)| e.id.ends_with("-reminder") || e.id.ends_with("-overdue"))
            .map(|(at, e)| {
                let what = e.id.rsplit('-').next().unwrap().to_owned();
                (*at, e.to[0].clone(), what)
            })
            .collect()
    }
}

fn app(store: Arc<dyn Store>, clock: Arc<FixedClock>) -> App {
    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    App {
        councils: load_councils(&config).unwrap(),
        calendar: Calendar::bundled(),
        store,
        clock,
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

fn ann() -> Actor {
    Actor::Officer(OfficerId("ann".into()))
}

/// A complaint received now, acknowledged and answered today by Ann, who promises an
/// action owned by Ben, due `due`.
async fn answered_with_a_promise(app: &App, due: Date) -> Reference {
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
    let (submitted, _) = submit(
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
    let reference = submitted.reference;
    let today = feedback_shared::london::london_date(app.clock.now());
    let response = ResponseDetails {
        responded_on: today,
        outcome: Outcome::Upheld,
        reasons: text("The crew missed your street."),
        remedies: Vec::new(),
        learning: None,
        outstanding_actions: None,
        responder: None,
    };
    for action in [
        Action::Acknowledge { on: today },
        Action::Respond { response },
        Action::PromiseAction {
            description: text("Replace the bin"),
            owner: OfficerId("ben".into()),
            due,
        },
    ] {
        act(app, council, &reference, ann(), action, None)
            .await
            .unwrap();
    }
    reference
}

/// Moves the clock on an hour at a time until `until`, running the job and delivery each time.
async fn drive(app: &App, clock: &FixedClock, recorder: &Recorder, until: OffsetDateTime) {
    while clock.now() < until {
        clock.advance(Duration::hours(1));
        reminders::run(app, clock.now()).await.unwrap();
        delivery::run(app.store.as_ref(), recorder, clock.now(), "worker")
            .await
            .unwrap();
    }
}

async fn an_action_is_reminded_once_each_in_working_hours_across_christmas(store: Arc<dyn Store>) {
    // Answered Monday 14 December 2026; the action is due Thursday 24 December. Two
    // working days before is Tuesday 22nd; on the day, the 24th; then 25 and 28 December
    // are bank holidays (and 26-27 a weekend), so the first working day overdue is
    // Tuesday 29th and the second Wednesday 30th.
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-14 10:00 UTC)));
    let app = app(store, clock.clone());
    let recorder = Recorder::new(clock.clone());
    let reference = answered_with_a_promise(&app, date!(2026 - 12 - 24)).await;
    drive(&app, &clock, &recorder, datetime!(2026-12-30 17:00 UTC)).await;

    let ben = "ben.morgan@demo.example".to_owned();
    let manager = "complaints.manager@demo.example".to_owned();
    assert_eq!(
        recorder.reminders(),
        [
            (
                datetime!(2026-12-22 08:00 UTC),
                ben.clone(),
                "reminder".into()
            ),
            (datetime!(2026-12-24 08:00 UTC), ben, "reminder".into()),
            (
                datetime!(2026-12-29 08:00 UTC),
                manager.clone(),
                "overdue".into()
            ),
            (datetime!(2026-12-30 08:00 UTC), manager, "overdue".into()),
        ]
    );
    let sent = recorder.sent.lock().unwrap().clone();
    let on_the_day = &sent
        .iter()
        .find(|(at, e)| *at == datetime!(2026-12-24 08:00 UTC) && e.id.ends_with("-reminder"))
        .unwrap()
        .1;
    assert!(
        on_the_day.text.contains("completing an action promised on"),
        "{}",
        on_the_day.text
    );
    // Each send is on the timeline, against the action.
    let council = app.council("demo").unwrap();
    let events = app.store.events(&council.id, &reference).await.unwrap();
    let points: Vec<_> = events
        .iter()
        .filter_map(|e| match &e.action {
            Action::SendReminder { point } => Some(point),
            _ => None,
        })
        .collect();
    assert_eq!(points.len(), 4);
    assert!(
        points
            .iter()
            .all(|p| p.action == Some(1) && p.deadline == DeadlineKind::CompleteAction)
    );

    // Completing the action ends its reminders.
    act(
        &app,
        council,
        &reference,
        Actor::Officer(OfficerId("ben".into())),
        Action::CompleteAction {
            id: 1,
            note: text("New bin delivered"),
            on: None,
        },
        None,
    )
    .await
    .unwrap();
    let record = app
        .store
        .get_case(&council.id, &reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.case.next_reminder, None);
    drive(&app, &clock, &recorder, datetime!(2027-01-05 17:00 UTC)).await;
    assert_eq!(recorder.reminders().len(), 4, "nothing after completion");
}

async fn overlapping_jobs_claim_an_action_reminder_once(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-14 10:00 UTC)));
    let app = Arc::new(app(store, clock.clone()));
    answered_with_a_promise(&app, date!(2026 - 12 - 24)).await;
    let at = datetime!(2026-12-22 09:00 UTC);
    let runs = (0..4).map(|_| {
        let app = app.clone();
        tokio::spawn(async move { reminders::run(&app, at).await.unwrap().claimed })
    });
    let mut claimed = 0;
    for run in runs {
        claimed += run.await.unwrap();
    }
    assert_eq!(claimed, 1, "four jobs at once claim the point once");
    assert_eq!(reminders::run(&app, at).await.unwrap().claimed, 0);
}

macro_rules! on_store {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test]
            async fn an_action_is_reminded_once_each_in_working_hours_across_christmas() {
                super::an_action_is_reminded_once_each_in_working_hours_across_christmas(
                    store().await,
                )
                .await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn overlapping_jobs_claim_an_action_reminder_once() {
                super::overlapping_jobs_claim_an_action_reminder_once(store().await).await
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
