//! Contact restrictions' reviews under a controlled clock, on both stores: the manager
//! who decided the restriction, and nobody else, is reminded once, in working hours, two
//! working days before the review date with bank holidays counted out; a second run
//! queues nothing more; a review that continues the restriction is reminded in its turn,
//! and an ended restriction is reminded no more.

mod support;

use support::recorder::Recorder;

use feedback_functions::app::App;
use feedback_functions::auth::{Authenticator, SigningKey};
use feedback_functions::cases::restrictions;
use feedback_functions::clock::{Clock, FixedClock};
use feedback_functions::config::load_councils;
use feedback_functions::jobs::{delivery, restriction_reviews};
use feedback_functions::store::Store;
use feedback_shared::wire::{RestrictionDraft, RestrictionReviewDraft};
use feedback_shared::{Calendar, OfficerId};
use std::path::PathBuf;
use std::sync::Arc;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

impl Recorder {
    /// (time, recipients, subject) of every restriction review reminder.
    fn reviews(&self) -> Vec<(OffsetDateTime, Vec<String>, String)> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, e)| e.id.starts_with("restriction-review-"))
            .map(|(at, e)| (*at, e.to.clone(), e.subject.clone()))
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

/// Ben (a manager of Demo, whose address the council's configuration has) decides a
/// restriction with its review on `review_on`; Mia, another manager, records it.
async fn decided_by_ben(app: &App, review_on: &str) -> String {
    let council = app.council("demo").unwrap();
    let draft = RestrictionDraft {
        name: "Rhian Evans".into(),
        email: "rhian@example.com".into(),
        kinds: vec!["set_times".into()],
        times: "Tuesdays, 10:00 to 12:00".into(),
        behaviour: "Forty calls a day".into(),
        decided_by: "ben".into(),
        decided_by_name: "Ben Morgan".into(),
        decided_on: "2026-12-14".into(),
        explained_on: "2026-12-14".into(),
        review_on: review_on.into(),
        ..Default::default()
    };
    restrictions::record(app, council, &draft, &OfficerId("mia".into()))
        .await
        .unwrap()
        .id
}

/// Moves the clock on an hour at a time until `until`, running the job and delivery each
/// time.
async fn drive(app: &App, clock: &FixedClock, recorder: &Recorder, until: OffsetDateTime) {
    while clock.now() < until {
        clock.advance(Duration::hours(1));
        restriction_reviews::run(app, clock.now()).await.unwrap();
        delivery::run(app.store.as_ref(), recorder, clock.now(), "worker")
            .await
            .unwrap();
    }
}

const BEN: &str = "ben.morgan@demo.example";

async fn a_review_reaches_the_deciding_manager_once_two_working_days_before_across_christmas(
    store: Arc<dyn Store>,
) {
    // Decided Monday 14 December 2026, review due Tuesday 29 December. Counting back two
    // working days steps over Monday 28th (the Boxing Day substitute), the weekend and
    // Christmas Day: Thursday 24th is one, Wednesday 23rd two. The reminder reaches Ben
    // at 08:00 on the 23rd (GMT), the start of the working window, and never again.
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-14 10:00 UTC)));
    let app = app(store, clock.clone());
    let recorder = Recorder::new(clock.clone());
    let id = decided_by_ben(&app, "2026-12-29").await;
    drive(&app, &clock, &recorder, datetime!(2027-01-20 17:00 UTC)).await;
    assert_eq!(
        recorder.reviews(),
        [(
            datetime!(2026-12-23 08:00 UTC),
            vec![BEN.to_owned()],
            "Review a contact restriction by 29 December 2026 / Adolygu cyfyngiad cyswllt erbyn 29 Rhagfyr 2026"
                .to_owned(),
        )],
        "once, to Ben alone"
    );
    let sent = recorder.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 1, "nobody else hears of it: {sent:?}");
    let text = &sent[0].1.text;
    assert!(
        text.contains("Set times: Tuesdays, 10:00 to 12:00"),
        "{text}"
    );
    assert!(text.contains("Amseroedd penodol"), "{text}");
    assert!(
        !text.contains("Forty calls"),
        "no word of the behaviour: {text}"
    );
    // The job, run again on the day, queues nothing more.
    assert_eq!(
        restriction_reviews::run(&app, datetime!(2026-12-23 15:00 UTC))
            .await
            .unwrap(),
        0
    );

    // Ben reviews it on 4 January and continues it to Tuesday 1 June 2027: Monday 31 May
    // is the spring bank holiday, so two working days before is Thursday 27 May, 08:00
    // in London (07:00 UTC, in summer time).
    clock.set(datetime!(2027-01-04 11:00 UTC));
    let council = app.council("demo").unwrap();
    restrictions::review(
        &app,
        council,
        &id,
        &RestrictionReviewDraft {
            outcome: "continue".into(),
            next_review: "2027-06-01".into(),
            reason: String::new(),
        },
        &OfficerId("ben".into()),
    )
    .await
    .unwrap();
    // Nothing is due in the months between (the window opens on the reminder's day), so
    // the clock jumps to a week before.
    clock.set(datetime!(2027-05-20 10:00 UTC));
    drive(&app, &clock, &recorder, datetime!(2027-06-20 17:00 UTC)).await;
    let reviews = recorder.reviews();
    assert_eq!(reviews.len(), 2, "{reviews:?}");
    assert_eq!(reviews[1].0, datetime!(2027-05-27 07:00 UTC));
    assert_eq!(reviews[1].1, [BEN]);
    assert!(
        reviews[1]
            .2
            .starts_with("Review a contact restriction by 1 June 2027")
    );
}

async fn nothing_is_sent_outside_working_hours_and_an_ended_restriction_is_not_reminded(
    store: Arc<dyn Store>,
) {
    let clock = Arc::new(FixedClock::new(datetime!(2026-12-14 10:00 UTC)));
    let app = app(store, clock.clone());
    decided_by_ben(&app, "2026-12-29").await;
    // The reminder's day, before and after the window, and the weekend before: nothing.
    for at in [
        datetime!(2026-12-23 07:59 UTC),
        datetime!(2026-12-23 18:00 UTC),
        datetime!(2026-12-22 12:00 UTC),
        datetime!(2026-12-26 12:00 UTC),
    ] {
        assert_eq!(restriction_reviews::run(&app, at).await.unwrap(), 0, "{at}");
    }
    assert_eq!(app.store.outbox_len().await.unwrap(), 0);
    // Four jobs at once in the window queue it once.
    let app = Arc::new(app);
    let at = datetime!(2026-12-23 09:00 UTC);
    let runs = (0..4).map(|_| {
        let app = app.clone();
        tokio::spawn(async move { restriction_reviews::run(&app, at).await.unwrap() })
    });
    let mut queued = 0;
    for run in runs {
        queued += run.await.unwrap();
    }
    assert_eq!(queued, 1);
    assert_eq!(app.store.outbox_len().await.unwrap(), 1);

    // A second restriction, ended before its reminder's day, is never reminded.
    let id = decided_by_ben(&app, "2027-01-12").await;
    clock.set(datetime!(2027-01-04 11:00 UTC));
    let council = app.council("demo").unwrap();
    restrictions::review(
        &app,
        council,
        &id,
        &RestrictionReviewDraft {
            outcome: "end".into(),
            reason: "Contact is back to normal".into(),
            ..Default::default()
        },
        &OfficerId("ben".into()),
    )
    .await
    .unwrap();
    assert_eq!(
        restriction_reviews::run(&app, datetime!(2027-01-08 09:00 UTC))
            .await
            .unwrap(),
        0
    );
    assert_eq!(app.store.outbox_len().await.unwrap(), 1);
}

macro_rules! on_store {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test]
            async fn a_review_reaches_the_deciding_manager_once_two_working_days_before_across_christmas()
             {
                super::a_review_reaches_the_deciding_manager_once_two_working_days_before_across_christmas(store().await)
                    .await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn nothing_is_sent_outside_working_hours_and_an_ended_restriction_is_not_reminded()
             {
                super::nothing_is_sent_outside_working_hours_and_an_ended_restriction_is_not_reminded(store().await)
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
