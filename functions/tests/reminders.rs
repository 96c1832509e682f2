//! The reminder job and delivery under a controlled clock, on both stores: each reminder
//! fires once, at the right working day and hour, across weekends, bank holidays and
//! summer time; overlapping jobs send once; a job that dies after claiming loses nothing.

mod support;

use async_trait::async_trait;
use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::cases::{NewSubmission, submit};
use feedback_functions::clock::{Clock, FixedClock};
use feedback_functions::config::load_councils;
use feedback_functions::jobs::{delivery, reminders};
use feedback_functions::notify::{Notifier, NotifyError};
use feedback_functions::outbox::Email;
use feedback_functions::store::Store;
use feedback_shared::case::Actor;
use feedback_shared::contact::ContactForm;
use feedback_shared::submission::FeedbackForm;
use feedback_shared::{Calendar, Channel, Kind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

/// Records what it is asked to send, and when; can be told to fail the first attempts.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<(OffsetDateTime, Email)>>,
    failures_left: Mutex<u32>,
    clock: Mutex<Option<Arc<FixedClock>>>,
}

#[async_trait]
impl Notifier for Recorder {
    async fn send(&self, email: &Email) -> Result<(), NotifyError> {
        let mut failures = self.failures_left.lock().unwrap();
        if *failures > 0 {
            *failures -= 1;
            return Err(NotifyError::Temporary("connection refused".into()));
        }
        let at = self
            .clock
            .lock()
            .unwrap()
            .as_ref()
            .map(|c| c.now())
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        self.sent.lock().unwrap().push((at, email.clone()));
        Ok(())
    }
}

impl Recorder {
    /// (time sent, first recipient, id suffix) of every message after the resident's.
    fn officer_messages(&self) -> Vec<(OffsetDateTime, String, String)> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, e)| !e.id.ends_with("-resident"))
            .map(|(at, e)| {
                (
                    *at,
                    e.to[0].clone(),
                    e.id.rsplit('-').next().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils")
}

fn app(store: Arc<dyn Store>, clock: Arc<FixedClock>) -> App {
    App {
        councils: load_councils(&config_dir()).unwrap(),
        calendar: Calendar::bundled(),
        store,
        clock,
        auth: Authenticator::LocalKey(SigningKey::generate()),
        status_secret: SigningKey::generate(),
    }
}

fn complaint() -> FeedbackForm {
    FeedbackForm {
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
    }
}

async fn receive(app: &App, council: &str, key: &str) {
    let council = app.council(council).unwrap();
    // Each resident their own address: the daily email limit is another test's subject.
    let mut form = complaint();
    form.contact.email = format!("{key}@example.com");
    let new = NewSubmission {
        council,
        form,
        channel: Channel::Web,
        received_at: app.clock.now(),
        actor: Actor::Resident,
        idempotency: Some((key.into(), "hash".into())),
        gate: Default::default(),
    };
    submit(app, new).await.unwrap();
}

/// Moves the clock from its time to `until` in `step`s, running the job and delivery at each.
async fn drive(
    app: &App,
    clock: &FixedClock,
    recorder: &Recorder,
    until: OffsetDateTime,
    step: Duration,
) {
    while clock.now() < until {
        clock.advance(step);
        reminders::run(app, clock.now()).await.unwrap();
        delivery::run(app.store.as_ref(), recorder, clock.now(), "worker")
            .await
            .unwrap();
    }
}

async fn over_christmas_and_new_year(store: Arc<dyn Store>) {
    // Received Wednesday 23 December 2026, 10:00 GMT. Acknowledge by: 24, (25, 28 bank
    // holidays) 29, 30, 31 Dec, (1 Jan) 4 Jan 2027. Two working days before is Wed 30 Dec.
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-23 10:00 UTC)));
    let app = app(store, clock.clone());
    let recorder = Recorder::default();
    *recorder.clock.lock().unwrap() = Some(clock.clone());
    receive(&app, "demo", "k1").await;
    drive(
        &app,
        &clock,
        &recorder,
        datetime!(2027-01-06 12:00 UTC),
        Duration::hours(1),
    )
    .await;

    let inbox = "complaints@demo.example".to_owned();
    let manager = "complaints.manager@demo.example".to_owned();
    assert_eq!(
        recorder.officer_messages(),
        [
            (
                datetime!(2026-12-30 08:00 UTC),
                inbox.clone(),
                "reminder".to_owned()
            ),
            (
                datetime!(2027-01-04 08:00 UTC),
                inbox,
                "reminder".to_owned()
            ),
            (
                datetime!(2027-01-05 08:00 UTC),
                manager.clone(),
                "overdue".to_owned()
            ),
            (
                datetime!(2027-01-06 08:00 UTC),
                manager,
                "overdue".to_owned()
            ),
        ]
    );
    let resident: Vec<_> = recorder
        .sent
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, e)| e.id.ends_with("-resident"))
        .cloned()
        .collect();
    assert_eq!(
        resident.len(),
        1,
        "the resident's acknowledgement of receipt"
    );
    assert_eq!(resident[0].1.to, ["k1@example.com"]);
    // Each send is on the timeline.
    let events = app
        .store
        .events(
            &app.council("demo").unwrap().id,
            &"DEMO-2026-000001".parse().unwrap(),
        )
        .await
        .unwrap();
    let reminders_on_timeline = events
        .iter()
        .filter(|e| matches!(e.action, feedback_shared::case::Action::SendReminder { .. }))
        .count();
    assert_eq!(reminders_on_timeline, 4);
    assert_eq!(app.store.outbox_len().await.unwrap(), 0);
}

async fn across_the_end_of_summer_time(store: Arc<dyn Store>) {
    // Received Monday 19 October 2026, 10:00 BST. Acknowledge by Monday 26 October, the
    // day after the clocks go back. 08:00 London is 07:00 UTC on Thu 22nd and 08:00 UTC
    // from the 26th.
    let clock = Arc::new(FixedClock::new(datetime!(2026-10-19 09:00 UTC)));
    let app = app(store, clock.clone());
    let recorder = Recorder::default();
    *recorder.clock.lock().unwrap() = Some(clock.clone());
    receive(&app, "demo", "k1").await;
    drive(
        &app,
        &clock,
        &recorder,
        datetime!(2026-10-27 12:00 UTC),
        Duration::hours(1),
    )
    .await;
    let times: Vec<_> = recorder
        .officer_messages()
        .into_iter()
        .map(|(at, _, what)| (at, what))
        .collect();
    assert_eq!(
        times,
        [
            (datetime!(2026-10-22 07:00 UTC), "reminder".to_owned()),
            (datetime!(2026-10-26 08:00 UTC), "reminder".to_owned()),
            (datetime!(2026-10-27 08:00 UTC), "overdue".to_owned()),
        ]
    );
}

async fn overlapping_jobs_send_each_reminder_once(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let app = Arc::new(app(store, clock.clone()));
    for i in 0..12 {
        receive(&app, "demo", &format!("k{i}")).await;
    }
    // Due Fri 27 Nov 08:00 (two working days before acknowledgement by Tue 1 Dec).
    clock.set(datetime!(2026-11-27 09:00 UTC));
    let now = clock.now();
    let (a, b) = tokio::join!(reminders::run(&app, now), reminders::run(&app, now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.claimed + b.claimed, 12, "{a:?} {b:?}");
    // Two senders at once: every message goes out exactly once.
    let recorder = Recorder::default();
    let (x, y) = tokio::join!(
        delivery::run(app.store.as_ref(), &recorder, now, "sender-x"),
        delivery::run(app.store.as_ref(), &recorder, now, "sender-y")
    );
    assert_eq!(
        x.unwrap().sent + y.unwrap().sent,
        24,
        "12 receipts and 12 reminders"
    );
    let mut ids: Vec<String> = recorder
        .sent
        .lock()
        .unwrap()
        .iter()
        .map(|(_, e)| e.id.clone())
        .collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "no message sent twice");
    // And running again sends nothing new.
    assert_eq!(reminders::run(&app, now).await.unwrap().claimed, 0);
}

async fn a_job_that_dies_after_claiming_loses_nothing(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let app = app(store, clock.clone());
    receive(&app, "demo", "k").await;
    // Deliver the receipt first, so only the reminder is left to follow.
    let recorder = Recorder::default();
    delivery::run(app.store.as_ref(), &recorder, clock.now(), "w")
        .await
        .unwrap();
    let now = datetime!(2026-11-27 08:15 UTC);
    assert_eq!(reminders::run(&app, now).await.unwrap().claimed, 1);
    // A sender takes the message, then dies before sending it.
    let taken = app
        .store
        .claim_outbox(now, "dies", delivery::LEASE, 10)
        .await
        .unwrap();
    assert_eq!(taken.len(), 1);
    drop(taken);
    // While its lease lasts nobody else sends; after it, the next run does.
    let soon = now + Duration::minutes(1);
    assert_eq!(
        delivery::run(app.store.as_ref(), &recorder, soon, "next")
            .await
            .unwrap()
            .sent,
        0
    );
    let later = now + delivery::LEASE + Duration::minutes(1);
    assert_eq!(
        delivery::run(app.store.as_ref(), &recorder, later, "next")
            .await
            .unwrap()
            .sent,
        1
    );
    assert_eq!(recorder.officer_messages().len(), 1);
}

async fn a_failing_notifier_delays_but_never_loses_or_blocks(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let app = app(store, clock.clone());
    let recorder = Recorder {
        failures_left: Mutex::new(2),
        ..Recorder::default()
    };
    receive(&app, "demo", "k").await;
    let now = clock.now();
    let first = delivery::run(app.store.as_ref(), &recorder, now, "w")
        .await
        .unwrap();
    assert_eq!((first.sent, first.retried), (0, 1));
    // The case change stood regardless: the complaint is stored and findable.
    assert!(
        app.store
            .get_case(
                &app.council("demo").unwrap().id,
                &"DEMO-2026-000001".parse().unwrap()
            )
            .await
            .unwrap()
            .is_some()
    );
    // Retried after 1 minute, then 2 more: the third attempt succeeds.
    assert_eq!(
        delivery::run(
            app.store.as_ref(),
            &recorder,
            now + Duration::seconds(30),
            "w"
        )
        .await
        .unwrap()
        .sent,
        0
    );
    assert_eq!(
        delivery::run(
            app.store.as_ref(),
            &recorder,
            now + Duration::minutes(1),
            "w"
        )
        .await
        .unwrap()
        .retried,
        1
    );
    let done = delivery::run(
        app.store.as_ref(),
        &recorder,
        now + Duration::minutes(4),
        "w",
    )
    .await
    .unwrap();
    assert_eq!(done.sent, 1);
    assert_eq!(app.store.outbox_len().await.unwrap(), 0);
}

async fn reminders_wait_for_the_window(store: Arc<dyn Store>) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let app = app(store, clock.clone());
    receive(&app, "demo", "k").await;
    // Due Fri 27 Nov 08:00; a job at 18:30 that evening (after a gap) finds it but waits.
    let evening = reminders::run(&app, datetime!(2026-11-27 18:30 UTC))
        .await
        .unwrap();
    assert_eq!((evening.claimed, evening.outside_window), (0, 1));
    // The weekend is not a working day either.
    assert_eq!(
        reminders::run(&app, datetime!(2026-11-28 10:00 UTC))
            .await
            .unwrap()
            .claimed,
        0
    );
    // Monday 30 Nov 08:00 it goes: one reminder for where things stand, not two.
    let monday = reminders::run(&app, datetime!(2026-11-30 08:00 UTC))
        .await
        .unwrap();
    assert_eq!(monday.claimed, 1);
    assert_eq!(
        reminders::run(&app, datetime!(2026-11-30 09:00 UTC))
            .await
            .unwrap()
            .claimed,
        0
    );
}

async fn officers_get_one_digest_per_working_day(store: Arc<dyn Store>) {
    use feedback_functions::cases::act;
    use feedback_functions::jobs::digest;
    use feedback_shared::OfficerId;
    use feedback_shared::case::Action;
    let clock = Arc::new(FixedClock::new(datetime!(2026-11-24 10:00 UTC)));
    let app = app(store, clock.clone());
    receive(&app, "demo", "k").await;
    let council = app.council("demo").unwrap();
    let reference = "DEMO-2026-000001".parse().unwrap();
    let assign = Action::Assign {
        officer: OfficerId("ann".into()),
    };
    act(
        &app,
        council,
        &reference,
        Actor::Officer(OfficerId("mo".into())),
        assign,
        None,
    )
    .await
    .unwrap();
    // Friday 27th, 08:05: one digest for Ann, however many runs.
    assert_eq!(
        digest::run(&app, datetime!(2026-11-27 08:05 UTC))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        digest::run(&app, datetime!(2026-11-27 08:20 UTC))
            .await
            .unwrap(),
        0
    );
    // Not at the weekend; again on Monday.
    assert_eq!(
        digest::run(&app, datetime!(2026-11-28 08:05 UTC))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        digest::run(&app, datetime!(2026-11-30 08:05 UTC))
            .await
            .unwrap(),
        1
    );
    let recorder = Recorder::default();
    delivery::run(
        app.store.as_ref(),
        &recorder,
        datetime!(2026-11-30 08:06 UTC),
        "w",
    )
    .await
    .unwrap();
    let sent = recorder.sent.lock().unwrap();
    let digests: Vec<_> = sent
        .iter()
        .filter(|(_, e)| e.id.starts_with("digest-"))
        .collect();
    assert_eq!(digests.len(), 2);
    assert_eq!(digests[0].1.to, ["ann.jones@demo.example"]);
    assert!(digests[0].1.text.contains("DEMO-2026-000001"));
}

macro_rules! on_store {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test]
            async fn over_christmas_and_new_year() {
                super::over_christmas_and_new_year(store().await).await
            }

            #[tokio::test]
            async fn across_the_end_of_summer_time() {
                super::across_the_end_of_summer_time(store().await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn overlapping_jobs_send_each_reminder_once() {
                super::overlapping_jobs_send_each_reminder_once(store().await).await
            }

            #[tokio::test]
            async fn a_job_that_dies_after_claiming_loses_nothing() {
                super::a_job_that_dies_after_claiming_loses_nothing(store().await).await
            }

            #[tokio::test]
            async fn a_failing_notifier_delays_but_never_loses_or_blocks() {
                super::a_failing_notifier_delays_but_never_loses_or_blocks(store().await).await
            }

            #[tokio::test]
            async fn reminders_wait_for_the_window() {
                super::reminders_wait_for_the_window(store().await).await
            }

            #[tokio::test]
            async fn officers_get_one_digest_per_working_day() {
                super::officers_get_one_digest_per_working_day(store().await).await
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
