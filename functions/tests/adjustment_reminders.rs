//! Reasonable adjustments' reviews (Code 5.6) under a controlled clock, on both stores:
//! the case's officer is reminded once, on the working day the review falls (the next one
//! after a bank holiday), in working hours, and never again; and while letters are agreed,
//! the resident's messages go to the officer to post, never by email.

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
use feedback_shared::case::{AdjustmentTerms, Format};
use feedback_shared::contact::ContactForm;
use feedback_shared::contact::{Adjustment, ContactMethod};
use feedback_shared::input::LongText;
use feedback_shared::reminders::DeadlineKind;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, Field, Kind, OfficerId, Outcome, Reference};
use std::path::PathBuf;
use std::sync::Arc;
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

impl Recorder {
    /// (time, first recipient, subject) of every adjustments review reminder.
    fn reminders(&self) -> Vec<(OffsetDateTime, String, String)> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, e)| e.id.ends_with("-adjustments-review"))
            .map(|(at, e)| (*at, e.to[0].clone(), e.subject.clone()))
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

/// A complaint received now from a resident who gave an email address, assigned to Ann,
/// who agrees letters in large print with a review on `review_by`, then acknowledges and
/// answers it today (so the stage's own deadlines are met and remind nobody).
async fn answered_with_adjustments(app: &App, review_by: Date) -> Reference {
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
        Action::Assign {
            officer: OfficerId("ann".into()),
        },
        Action::AgreeAdjustments {
            terms: AdjustmentTerms {
                needs: vec![Adjustment::LargePrint],
                notes: Some(text("Letters in 16 point")),
                format: Format::LargePrint,
                contact: ContactMethod::Post,
                review_by,
            },
        },
        Action::Acknowledge { on: today },
        Action::Respond { response },
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

async fn a_review_reaches_the_case_officer_once_on_the_working_day_after_christmas(
    store: Arc<dyn Store>,
) {
    // Agreed Monday 14 December 2026, review due Friday 25 December: Christmas Day, a
    // weekend, then the Boxing Day substitute on Monday 28th. The review reaches Ann,
    // the case's officer, once, at 08:00 on Tuesday 29th, and never again.
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-14 10:00 UTC)));
    let app = app(store, clock.clone());
    let recorder = Recorder::new(clock.clone());
    let reference = answered_with_adjustments(&app, date!(2026 - 12 - 25)).await;
    drive(&app, &clock, &recorder, datetime!(2027-01-08 17:00 UTC)).await;

    assert_eq!(
        recorder.reminders(),
        [(
            datetime!(2026-12-29 08:00 UTC),
            "ann.jones@demo.example".to_owned(),
            format!("Review adjustments: {reference}"),
        )]
    );
    let council = app.council("demo").unwrap();
    let events = app.store.events(&council.id, &reference).await.unwrap();
    let points: Vec<_> = events
        .iter()
        .filter_map(|e| match &e.action {
            Action::SendReminder { point } => Some(point),
            _ => None,
        })
        .collect();
    assert_eq!(points.len(), 1, "{points:?}");
    assert_eq!(points[0].deadline, DeadlineKind::ReviewAdjustments);

    // The response went to Ann to post in large print, never by email to the resident;
    // the case's messages (its timeline) say so.
    let sent = recorder.sent.lock().unwrap().clone();
    let to_rhian: Vec<_> = sent
        .iter()
        .filter(|(_, e)| e.to.contains(&"rhian@example.com".to_owned()))
        .map(|(_, e)| e.id.clone())
        .collect();
    assert_eq!(
        to_rhian.len(),
        1,
        "only the receipt's acknowledgement, before letters were agreed: {to_rhian:?}"
    );
    let messages = app.store.messages(&council.id, &reference).await.unwrap();
    let tasks: Vec<_> = messages
        .iter()
        .filter(|m| m.subject == format!("Send this letter by post: {reference}"))
        .collect();
    assert_eq!(tasks.len(), 2, "the acknowledgement and the response");
    assert!(tasks.iter().all(|m| m.to == ["ann.jones@demo.example"]));
    let response = sent
        .iter()
        .map(|(_, e)| e)
        .find(|e| e.id == tasks[1].id)
        .expect("the task was delivered");
    assert!(response.text.contains("large print"), "{}", response.text);
    assert!(
        response.text.contains("The crew missed your street."),
        "the letter itself: {}",
        response.text
    );

    // The review is kept to the summer: the next one is reminded in its turn, in BST.
    act(
        &app,
        council,
        &reference,
        ann(),
        Action::ReviewAdjustments {
            decision: feedback_shared::case::ReviewDecision::Kept,
            note: text("Still needs large print"),
            next_review: Some(date!(2027 - 06 - 07)),
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
    assert_eq!(
        record.case.next_reminder.map(|p| p.at),
        Some(datetime!(2027-06-07 07:00 UTC))
    );
}

async fn overlapping_jobs_claim_a_review_reminder_once(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-14 10:00 UTC)));
    let app = Arc::new(app(store, clock.clone()));
    answered_with_adjustments(&app, date!(2026 - 12 - 22)).await;
    let at = datetime!(2026-12-22 09:00 UTC);
    let runs = (0..4).map(|_| {
        let app = app.clone();
        tokio::spawn(async move { reminders::run(&app, at).await.unwrap().claimed })
    });
    let mut claimed = 0;
    for run in runs {
        claimed += run.await.unwrap();
    }
    assert_eq!(claimed, 1, "four jobs at once claim the review once");
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
            async fn a_review_reaches_the_case_officer_once_on_the_working_day_after_christmas() {
                super::a_review_reaches_the_case_officer_once_on_the_working_day_after_christmas(
                    store().await,
                )
                .await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn overlapping_jobs_claim_a_review_reminder_once() {
                super::overlapping_jobs_claim_a_review_reminder_once(store().await).await
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
