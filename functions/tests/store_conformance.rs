//! One suite, every adapter: SQLite in a temp dir and DynamoDB on moto_server. Each
//! adapter must keep every promise of the `Store` trait's documentation.

#[path = "store_conformance/annual.rs"]
mod annual;
#[path = "store_conformance/queue.rs"]
mod queue;
#[path = "store_conformance/restrictions.rs"]
mod restrictions;
#[path = "store_conformance/retention.rs"]
mod retention;
#[path = "store_conformance/rewrite.rs"]
mod rewrite;
mod support;

use feedback_functions::outbox::{Email, OutboxMessage};
use feedback_functions::store::{
    ApiKeyRecord, CaseFilter, Counted, IdempotencyBinding, Inserted, Store, StoreError, UseCounter,
};
use feedback_shared::case::{Action, Actor, Status};
use feedback_shared::input::LongText;
use feedback_shared::template::ResponseTemplate;
use feedback_shared::{Field, Kind, OfficerId, Reference, Stage};
use std::collections::BTreeSet;
use std::sync::Arc;
use support::fixtures::{RECEIVED, case, complaint, council, rules};
use time::macros::date;

fn binding(key: &str, hash: &str, sequence: u64) -> IdempotencyBinding {
    IdempotencyBinding {
        key: key.into(),
        body_hash: hash.into(),
        reference: Reference::new("DEMO", 2026, sequence).unwrap(),
    }
}

fn note(text: &str) -> Action {
    Action::Note {
        text: LongText::parse(Field::Note, text).unwrap(),
    }
}

/// A change: assigning the case to `officer`.
fn assign(officer: &str) -> Action {
    Action::Assign {
        officer: OfficerId(officer.into()),
    }
}

fn ann() -> Actor {
    Actor::Officer(OfficerId("ann".into()))
}

async fn concurrent_submissions_get_distinct_references_and_none_are_lost(store: Arc<dyn Store>) {
    const N: u64 = 40;
    let tasks: Vec<_> = (0..N)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let seq = store.next_sequence(&council("demo"), 2026).await.unwrap();
                let (record, received) = complaint("demo", seq);
                let key = format!("key-{i}");
                let outcome = store
                    .insert_case(&record, &received, Some(&binding(&key, "h", seq)), &[])
                    .await
                    .unwrap();
                assert_eq!(outcome, Inserted::New);
                seq
            })
        })
        .collect();
    let mut sequences = BTreeSet::new();
    for task in tasks {
        assert!(
            sequences.insert(task.await.unwrap()),
            "a sequence was handed out twice"
        );
    }
    assert_eq!(sequences, (1..=N).collect());
    let stored = store
        .list_cases(&council("demo"), &CaseFilter::default())
        .await
        .unwrap();
    assert_eq!(stored.len() as u64, N, "every accepted case is stored");
    assert_eq!(stored[0].reference().sequence(), N, "newest first");
}

async fn an_idempotency_key_binds_one_case_for_good(store: Arc<dyn Store>) {
    let demo = council("demo");
    let (first, received) = complaint("demo", 1);
    assert_eq!(
        store
            .insert_case(&first, &received, Some(&binding("k", "hash-a", 1)), &[])
            .await
            .unwrap(),
        Inserted::New
    );
    let (second, received2) = complaint("demo", 2);
    let again = store
        .insert_case(&second, &received2, Some(&binding("k", "hash-b", 2)), &[])
        .await
        .unwrap();
    assert_eq!(again, Inserted::AlreadyBound(binding("k", "hash-a", 1)));
    assert_eq!(
        store.idempotency(&demo, "k").await.unwrap(),
        Some(binding("k", "hash-a", 1))
    );
    assert!(
        store
            .get_case(&demo, second.reference())
            .await
            .unwrap()
            .is_none(),
        "nothing of the replay is written"
    );
    assert!(
        store
            .events(&demo, second.reference())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .list_cases(&demo, &CaseFilter::default())
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(store.idempotency(&demo, "unused").await.unwrap(), None);
}

async fn racing_replays_of_one_key_store_one_case(store: Arc<dyn Store>) {
    let tasks: Vec<_> = (1..=8u64)
        .map(|seq| {
            let store = store.clone();
            tokio::spawn(async move {
                let (record, received) = complaint("demo", seq);
                store
                    .insert_case(&record, &received, Some(&binding("same", "h", seq)), &[])
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut new = 0;
    let mut bound = BTreeSet::new();
    for task in tasks {
        match task.await.unwrap() {
            Inserted::New => new += 1,
            Inserted::AlreadyBound(b) => {
                bound.insert(b.reference.to_string());
            }
        }
    }
    assert_eq!(new, 1, "exactly one insert wins");
    assert!(
        bound.len() <= 1,
        "every loser sees the same winner: {bound:?}"
    );
    assert_eq!(
        store
            .list_cases(&council("demo"), &CaseFilter::default())
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn updates_are_conditional_on_the_version_read(store: Arc<dyn Store>) {
    let demo = council("demo");
    let (record, received) = complaint("demo", 1);
    store
        .insert_case(&record, &received, None, &[])
        .await
        .unwrap();

    let mut first = store
        .get_case(&demo, record.reference())
        .await
        .unwrap()
        .unwrap();
    let mut second = first.clone();
    let officer = Actor::Officer(OfficerId("ann".into()));
    let e1 = first
        .case
        .apply(rules(), officer.clone(), RECEIVED, assign("ann"))
        .unwrap();
    store.update_case(&first, 1, &e1, &[]).await.unwrap();
    let e2 = second
        .case
        .apply(rules(), officer, RECEIVED, assign("ben"))
        .unwrap();
    let lost = store.update_case(&second, 1, &e2, &[]).await.unwrap_err();
    assert!(
        matches!(lost, StoreError::VersionConflict { expected: 1 }),
        "{lost}"
    );

    let events = store.events(&demo, record.reference()).await.unwrap();
    assert_eq!(events.iter().map(|e| e.version).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(events[1], e1, "the winner's event, unchanged");
    assert_eq!(
        store
            .get_case(&demo, record.reference())
            .await
            .unwrap()
            .unwrap(),
        first
    );

    let (ghost, _) = complaint("demo", 99);
    let mut ghost_case = ghost.clone();
    let e = ghost_case
        .case
        .apply(rules(), ann(), RECEIVED, assign("ann"))
        .unwrap();
    assert!(matches!(
        store.update_case(&ghost_case, 1, &e, &[]).await,
        Err(StoreError::NotFound)
    ));
}

async fn a_reference_is_never_stored_twice(store: Arc<dyn Store>) {
    let (record, received) = complaint("demo", 7);
    store
        .insert_case(&record, &received, None, &[])
        .await
        .unwrap();
    let again = store.insert_case(&record, &received, None, &[]).await;
    assert!(
        matches!(again, Err(StoreError::DuplicateReference(_))),
        "{again:?}"
    );
    assert_eq!(
        store
            .events(&council("demo"), record.reference())
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn officer_filters_select_the_right_cases(store: Arc<dyn Store>) {
    let demo = council("demo");
    let officer = Actor::Officer(OfficerId("ann".into()));
    let (mut acknowledged, r1) = complaint("demo", 1);
    store
        .insert_case(&acknowledged, &r1, None, &[])
        .await
        .unwrap();
    let e = acknowledged
        .case
        .apply(
            rules(),
            officer.clone(),
            RECEIVED,
            Action::Assign {
                officer: OfficerId("ann".into()),
            },
        )
        .unwrap();
    store.update_case(&acknowledged, 1, &e, &[]).await.unwrap();
    let e = acknowledged
        .case
        .apply(
            rules(),
            officer,
            RECEIVED,
            Action::Acknowledge {
                on: date!(2026 - 11 - 24),
            },
        )
        .unwrap();
    store.update_case(&acknowledged, 2, &e, &[]).await.unwrap();
    let (parking, r2) = case("demo", 2, Kind::Complaint, "parking");
    store.insert_case(&parking, &r2, None, &[]).await.unwrap();
    let (comment, r3) = case("demo", 3, Kind::Comment, "waste");
    store.insert_case(&comment, &r3, None, &[]).await.unwrap();

    let refs = |filter: CaseFilter| {
        let store = store.clone();
        let demo = demo.clone();
        async move {
            store
                .list_cases(&demo, &filter)
                .await
                .unwrap()
                .iter()
                .map(|r| r.reference().sequence())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(refs(CaseFilter::default()).await, [3, 2, 1]);
    assert_eq!(
        refs(CaseFilter {
            status: Some(Status::Acknowledged.into()),
            ..Default::default()
        })
        .await,
        [1]
    );
    assert_eq!(
        refs(CaseFilter {
            kind: Some(Kind::Comment),
            ..Default::default()
        })
        .await,
        [3]
    );
    assert_eq!(
        refs(CaseFilter {
            service: Some("parking".into()),
            ..Default::default()
        })
        .await,
        [2]
    );
    assert_eq!(
        refs(CaseFilter {
            stage: Some(Stage::One),
            ..Default::default()
        })
        .await,
        [2, 1]
    );
    assert_eq!(
        refs(CaseFilter {
            assigned_to: Some(OfficerId("ann".into())),
            ..Default::default()
        })
        .await,
        [1]
    );
    // Unacknowledged: due 1 Dec; acknowledged 24 Nov: respond by 8 Dec.
    assert_eq!(
        refs(CaseFilter {
            due_before: Some(date!(2026 - 12 - 01)),
            ..Default::default()
        })
        .await,
        [2]
    );
    let overdue_on = |today| CaseFilter {
        overdue: Some(true),
        today: Some(today),
        ..Default::default()
    };
    assert!(refs(overdue_on(date!(2026 - 12 - 01))).await.is_empty());
    assert_eq!(refs(overdue_on(date!(2026 - 12 - 02))).await, [2]);
    assert_eq!(refs(overdue_on(date!(2026 - 12 - 09))).await, [2, 1]);
}

async fn councils_never_see_each_others_data(store: Arc<dyn Store>) {
    let (demo, aberwen) = (council("demo"), council("aberwen"));
    // The same reference text under two councils is two separate cases.
    let (ours, r1) = complaint("demo", 1);
    let (theirs, r2) = complaint("aberwen", 1);
    store
        .insert_case(&ours, &r1, Some(&binding("shared-key", "h1", 1)), &[])
        .await
        .unwrap();
    let outcome = store
        .insert_case(&theirs, &r2, Some(&binding("shared-key", "h2", 1)), &[])
        .await
        .unwrap();
    assert_eq!(outcome, Inserted::New, "idempotency keys are per council");
    assert_eq!(
        store
            .get_case(&demo, ours.reference())
            .await
            .unwrap()
            .unwrap()
            .council(),
        &demo
    );
    assert_eq!(
        store
            .get_case(&aberwen, ours.reference())
            .await
            .unwrap()
            .unwrap()
            .council(),
        &aberwen
    );
    let mine = store
        .list_cases(&demo, &CaseFilter::default())
        .await
        .unwrap();
    assert!(mine.iter().all(|r| r.council() == &demo) && mine.len() == 1);
    assert_eq!(
        store
            .events(&aberwen, theirs.reference())
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .list_cases(&council("north-glen"), &CaseFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.next_sequence(&demo, 2026).await.unwrap(), 1);
    assert_eq!(store.next_sequence(&aberwen, 2026).await.unwrap(), 1);
    assert_eq!(
        store.next_sequence(&demo, 2027).await.unwrap(),
        1,
        "sequences restart each year"
    );
    assert_eq!(store.next_sequence(&demo, 2026).await.unwrap(), 2);
}

async fn the_timeline_comes_back_in_order_and_intact(store: Arc<dyn Store>) {
    let demo = council("demo");
    let (mut record, received) = complaint("demo", 1);
    store
        .insert_case(&record, &received, None, &[])
        .await
        .unwrap();
    let reference = record.reference().clone();
    let mut expected = vec![received];
    for i in 0..6i64 {
        // A change, then two notes at the version it made, appended latest first: they
        // come back after the change, in the order of their times.
        let version = record.case.version;
        let change = record
            .case
            .apply(rules(), ann(), RECEIVED, assign(&format!("officer-{i}")))
            .unwrap();
        store
            .update_case(&record, version, &change, &[])
            .await
            .unwrap();
        expected.push(change);
        let at = |s| RECEIVED + time::Duration::seconds(10 * i + s);
        let mut notes = Vec::new();
        for (s, text) in [(2, "later"), (1, "earlier")] {
            let mut case = record.case.clone();
            let event = case
                .apply(rules(), ann(), at(s), note(&format!("{text} {i}")))
                .unwrap();
            assert_eq!(case, record.case, "a note leaves the case as it was");
            store
                .append_event(&demo, &reference, &event, None)
                .await
                .unwrap();
            notes.push(event);
        }
        notes.reverse();
        expected.extend(notes);
    }
    assert_eq!(store.events(&demo, &reference).await.unwrap(), expected);
    assert_eq!(
        store.get_case(&demo, &reference).await.unwrap().unwrap(),
        record,
        "the case is as the last change left it: notes never rewrite it"
    );
}

async fn notes_at_once_all_land_and_never_hold_up_a_change(store: Arc<dyn Store>) {
    const OFFICERS: usize = 8;
    const NOTES: usize = 5;
    let demo = council("demo");
    let (record, received) = complaint("demo", 1);
    store
        .insert_case(&record, &received, None, &[])
        .await
        .unwrap();
    let reference = record.reference().clone();
    let noters = (0..OFFICERS).map(|o| {
        let (store, demo, reference) = (store.clone(), demo.clone(), reference.clone());
        tokio::spawn(async move {
            for n in 0..NOTES {
                // Each note is made against the case as read, as the API does.
                let mut read = store.get_case(&demo, &reference).await.unwrap().unwrap();
                let officer = Actor::Officer(OfficerId(format!("officer-{o}")));
                let event = read
                    .case
                    .apply(rules(), officer, RECEIVED, note(&format!("{o}/{n}")))
                    .unwrap();
                store
                    .append_event(&demo, &reference, &event, None)
                    .await
                    .unwrap_or_else(|e| panic!("note {o}/{n} was refused: {e}"));
            }
        })
    });
    // Meanwhile, changes made one after another each land at the version they read.
    let changer = {
        let (store, demo, reference) = (store.clone(), demo.clone(), reference.clone());
        tokio::spawn(async move {
            for i in 0..4 {
                let mut read = store.get_case(&demo, &reference).await.unwrap().unwrap();
                let version = read.case.version;
                let event = read
                    .case
                    .apply(rules(), ann(), RECEIVED, assign(&format!("handler-{i}")))
                    .unwrap();
                store
                    .update_case(&read, version, &event, &[])
                    .await
                    .unwrap_or_else(|e| panic!("change {i} was held up by notes: {e}"));
            }
        })
    };
    let noters: Vec<_> = noters.collect();
    for task in noters {
        task.await.unwrap();
    }
    changer.await.unwrap();

    let timeline = store.events(&demo, &reference).await.unwrap();
    let notes: BTreeSet<String> = timeline
        .iter()
        .filter_map(|e| match &e.action {
            Action::Note { text } => Some(text.to_string()),
            _ => None,
        })
        .collect();
    let expected: BTreeSet<String> = (0..OFFICERS)
        .flat_map(|o| (0..NOTES).map(move |n| format!("{o}/{n}")))
        .collect();
    assert_eq!(notes, expected, "every note, once");
    assert_eq!(timeline.len(), 1 + 4 + OFFICERS * NOTES);
    let versions: Vec<u64> = timeline.iter().map(|e| e.version).collect();
    assert!(versions.is_sorted(), "in version order: {versions:?}");
    let changes: Vec<u64> = timeline
        .iter()
        .filter(|e| !e.action.appends_only())
        .map(|e| e.version)
        .collect();
    assert_eq!(
        changes,
        [1, 2, 3, 4, 5],
        "each change once, at its own version"
    );
    let case = store.get_case(&demo, &reference).await.unwrap().unwrap();
    assert_eq!(case.case.version, 5, "notes do not move the version");
    assert_eq!(case.case.assigned_to, Some(OfficerId("handler-3".into())));
}

async fn an_append_holding_to_a_stale_version_is_refused_and_adds_nothing(store: Arc<dyn Store>) {
    let demo = council("demo");
    let (mut record, received) = complaint("demo", 1);
    store
        .insert_case(&record, &received, None, &[])
        .await
        .unwrap();
    let reference = record.reference().clone();
    let change = record
        .case
        .apply(rules(), ann(), RECEIVED, assign("ann"))
        .unwrap();
    store.update_case(&record, 1, &change, &[]).await.unwrap();

    let mut stale_read = record.clone();
    stale_read.case.version = 1;
    let stale = stale_read
        .case
        .apply(rules(), ann(), RECEIVED, note("seen at 1"))
        .unwrap();
    let refused = store
        .append_event(&demo, &reference, &stale, Some(1))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::VersionConflict { expected: 1 }),
        "{refused}"
    );
    let fresh = record
        .case
        .clone()
        .apply(rules(), ann(), RECEIVED, note("seen at 2"))
        .unwrap();
    store
        .append_event(&demo, &reference, &fresh, Some(2))
        .await
        .unwrap();
    assert_eq!(
        store.events(&demo, &reference).await.unwrap(),
        [received, change, fresh],
        "the refused note is nowhere"
    );

    let (ghost, _) = complaint("demo", 99);
    let ghost_note = ghost
        .case
        .clone()
        .apply(rules(), ann(), RECEIVED, note("x"))
        .unwrap();
    assert!(matches!(
        store
            .append_event(&demo, ghost.reference(), &ghost_note, Some(1))
            .await,
        Err(StoreError::NotFound)
    ));
}

fn message(id: &str, not_before: time::OffsetDateTime) -> OutboxMessage {
    OutboxMessage {
        id: id.into(),
        council: council("demo"),
        reference: Some(Reference::new("DEMO", 2026, 1).unwrap()),
        email: Email {
            id: id.into(),
            from: "complaints@demo.example".into(),
            to: vec!["ann@example.com".into()],
            subject: "Subject".into(),
            text: "Text".into(),
            html: "<p>Text</p>".into(),
            language: feedback_shared::Language::En,
        },
        not_before,
        attempts: 0,
    }
}

async fn only_due_reminders_are_read_and_they_follow_the_case(store: Arc<dyn Store>) {
    use time::macros::datetime;
    // Received Tue 24 Nov: acknowledge by Tue 1 Dec; first reminder Fri 27 Nov 08:00.
    let (mut first, r1) = complaint("demo", 1);
    store.insert_case(&first, &r1, None, &[]).await.unwrap();
    let (comment, r2) = case("demo", 2, Kind::Comment, "waste");
    store.insert_case(&comment, &r2, None, &[]).await.unwrap();
    assert_eq!(first.reminder_at(), Some(datetime!(2026-11-27 08:00 UTC)));

    let due = |now| {
        let store = store.clone();
        async move {
            store
                .due_reminders(now)
                .await
                .unwrap()
                .iter()
                .map(|r| r.reference().sequence())
                .collect::<Vec<_>>()
        }
    };
    assert!(due(datetime!(2026-11-27 07:59 UTC)).await.is_empty());
    assert_eq!(
        due(datetime!(2026-11-27 08:00 UTC)).await,
        [1],
        "comments have no reminders"
    );
    assert_eq!(
        due(datetime!(2026-12-03 10:00 UTC)).await,
        [1],
        "still due until sent"
    );

    // Acknowledging moves the reminder to the response deadline, in the same write.
    let officer = Actor::Officer(OfficerId("ann".into()));
    let e = first
        .case
        .apply(
            rules(),
            officer,
            RECEIVED,
            Action::Acknowledge {
                on: date!(2026 - 11 - 24),
            },
        )
        .unwrap();
    store.update_case(&first, 1, &e, &[]).await.unwrap();
    assert!(due(datetime!(2026-11-27 08:00 UTC)).await.is_empty());
    // Respond by Tue 8 Dec: reminded Thu 4 Dec 08:00.
    assert_eq!(first.reminder_at(), Some(datetime!(2026-12-04 08:00 UTC)));
    assert_eq!(due(datetime!(2026-12-04 08:00 UTC)).await, [1]);
}

async fn queued_messages_are_leased_to_one_sender_at_a_time(store: Arc<dyn Store>) {
    use time::macros::datetime;
    let now = datetime!(2026-11-24 10:00 UTC);
    let lease = time::Duration::minutes(5);
    let (record, received) = complaint("demo", 1);
    let later = now + time::Duration::hours(1);
    store
        .insert_case(
            &record,
            &received,
            None,
            &[message("m1", now), message("m2", later)],
        )
        .await
        .unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 2);

    let claimed = store.claim_outbox(now, "a", lease, 10).await.unwrap();
    assert_eq!(
        claimed.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["m1"],
        "m2 is not due yet"
    );
    assert!(
        store
            .claim_outbox(now, "b", lease, 10)
            .await
            .unwrap()
            .is_empty(),
        "a holds the lease"
    );

    // Sender a dies; once its lease runs out, b takes the message over.
    let after_lease = now + lease + time::Duration::seconds(1);
    let taken = store
        .claim_outbox(after_lease, "b", lease, 10)
        .await
        .unwrap();
    assert_eq!(taken.len(), 1);
    assert!(
        store.complete_outbox(&claimed[0], "a").await.is_err(),
        "a lost its lease"
    );
    store.complete_outbox(&taken[0], "b").await.unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 1);

    // A failed send waits for its retry time, counting the attempt.
    let m2 = store
        .claim_outbox(later, "c", lease, 10)
        .await
        .unwrap()
        .remove(0);
    let retry_at = later + time::Duration::minutes(10);
    store.retry_outbox(&m2, "c", retry_at).await.unwrap();
    assert!(
        store
            .claim_outbox(later + time::Duration::minutes(9), "c", lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let again = store.claim_outbox(retry_at, "c", lease, 10).await.unwrap();
    assert_eq!((again[0].id.as_str(), again[0].attempts), ("m2", 1));
}

async fn a_lost_race_queues_nothing(store: Arc<dyn Store>) {
    use time::macros::datetime;
    let now = datetime!(2026-11-24 10:00 UTC);
    let (record, received) = complaint("demo", 1);
    store
        .insert_case(&record, &received, None, &[])
        .await
        .unwrap();
    let mut a = record.clone();
    let mut b = record.clone();
    let officer = Actor::Officer(OfficerId("ann".into()));
    let ea = a
        .case
        .apply(rules(), officer.clone(), RECEIVED, assign("ann"))
        .unwrap();
    let eb = b
        .case
        .apply(rules(), officer, RECEIVED, assign("ben"))
        .unwrap();
    store
        .update_case(&a, 1, &ea, &[message("from-a", now)])
        .await
        .unwrap();
    let lost = store
        .update_case(&b, 1, &eb, &[message("from-b", now)])
        .await;
    assert!(matches!(lost, Err(StoreError::VersionConflict { .. })));
    let queued = store
        .claim_outbox(now, "x", time::Duration::minutes(5), 10)
        .await
        .unwrap();
    assert_eq!(
        queued.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["from-a"]
    );
}

async fn queued_messages_are_recorded_on_their_case_and_kept_once_sent(store: Arc<dyn Store>) {
    use time::macros::datetime;
    let now = datetime!(2026-11-24 10:00 UTC);
    let demo = council("demo");
    let (record, received) = complaint("demo", 1);
    store
        .insert_case(&record, &received, None, &[message("ack", now)])
        .await
        .unwrap();
    let mut a = record.clone();
    let mut b = record.clone();
    let officer = Actor::Officer(OfficerId("ann".into()));
    let ea = a
        .case
        .apply(rules(), officer.clone(), RECEIVED, assign("ann"))
        .unwrap();
    let eb = b
        .case
        .apply(rules(), officer, RECEIVED, assign("ben"))
        .unwrap();
    let later = now + time::Duration::minutes(1);
    let mut assigned = message("assigned", later);
    assigned.email.to = vec!["ann.jones@demo.example".into()];
    assigned.email.subject = "A case has been assigned to you".into();
    store.update_case(&a, 1, &ea, &[assigned]).await.unwrap();
    // A change that loses its race records nothing.
    let lost = store
        .update_case(&b, 1, &eb, &[message("lost", later)])
        .await;
    assert!(matches!(lost, Err(StoreError::VersionConflict { .. })));

    // Sending every queued message leaves the records as they were.
    let until = later + time::Duration::minutes(1);
    for sent in store
        .claim_outbox(until, "x", time::Duration::minutes(5), 10)
        .await
        .unwrap()
    {
        store.complete_outbox(&sent, "x").await.unwrap();
    }
    assert_eq!(store.outbox_len().await.unwrap(), 0);
    let kept = store.messages(&demo, record.reference()).await.unwrap();
    let summary: Vec<_> = kept
        .iter()
        .map(|m| (m.id.as_str(), m.queued_at, m.to.clone(), m.subject.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("ack", now, vec!["ann@example.com".to_owned()], "Subject"),
            (
                "assigned",
                later,
                vec!["ann.jones@demo.example".to_owned()],
                "A case has been assigned to you"
            ),
        ]
    );
    // Another case, or the same reference at another council, has none of them.
    let other = Reference::new("DEMO", 2026, 2).unwrap();
    assert!(store.messages(&demo, &other).await.unwrap().is_empty());
    assert!(
        store
            .messages(&council("aberwen"), record.reference())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn equality_answers_are_kept_per_council_and_year(store: Arc<dyn Store>) {
    use feedback_shared::equality::EqualityAnswers;
    let answers =
        |age: &str| EqualityAnswers([("age".to_owned(), age.to_owned())].into_iter().collect());
    let demo = council("demo");
    let other = council("north-glen");
    store
        .record_equality(&demo, 2026, &answers("25_44"))
        .await
        .unwrap();
    store
        .record_equality(&demo, 2026, &answers("25_44"))
        .await
        .unwrap();
    store
        .record_equality(&demo, 2025, &answers("65_plus"))
        .await
        .unwrap();
    store
        .record_equality(&other, 2026, &answers("under_25"))
        .await
        .unwrap();
    // Two identical sets of answers are two people, not one stored twice.
    assert_eq!(
        store.equality_answers(&demo, 2026).await.unwrap(),
        [answers("25_44"), answers("25_44")]
    );
    assert_eq!(
        store.equality_answers(&other, 2026).await.unwrap(),
        [answers("under_25")]
    );
    assert!(
        store
            .equality_answers(&other, 2025)
            .await
            .unwrap()
            .is_empty()
    );
}

fn counter(key: &str, limit: u64, expires_at: time::OffsetDateTime) -> UseCounter {
    UseCounter {
        key: key.into(),
        limit,
        expires_at,
    }
}

async fn racing_uses_never_pass_the_limit(store: Arc<dyn Store>) {
    let expires = RECEIVED + time::Duration::hours(1);
    let tasks: Vec<_> = (0..24)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .count_uses(&[counter("race#window-1", 5, expires)], RECEIVED)
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut counted = 0;
    for task in tasks {
        match task.await.unwrap() {
            Counted::Counted => counted += 1,
            Counted::AtLimit(index) => assert_eq!(index, 0),
        }
    }
    assert_eq!(counted, 5);
}

async fn several_counters_count_all_or_none(store: Arc<dyn Store>) {
    let expires = RECEIVED + time::Duration::hours(1);
    let address = counter("address#1", 2, expires);
    let council = counter("council#demo", 10, expires);
    let both = [council.clone(), address.clone()];
    assert_eq!(
        store.count_uses(&both, RECEIVED).await.unwrap(),
        Counted::Counted
    );
    assert_eq!(
        store.count_uses(&both, RECEIVED).await.unwrap(),
        Counted::Counted
    );
    // The address is at its limit: refused, and the council's count is left alone.
    assert_eq!(
        store.count_uses(&both, RECEIVED).await.unwrap(),
        Counted::AtLimit(1)
    );
    for _ in 0..8 {
        assert_eq!(
            store
                .count_uses(std::slice::from_ref(&council), RECEIVED)
                .await
                .unwrap(),
            Counted::Counted
        );
    }
    assert_eq!(
        store
            .count_uses(std::slice::from_ref(&council), RECEIVED)
            .await
            .unwrap(),
        Counted::AtLimit(0),
        "2 + 8 = 10: the refused third use was not counted"
    );
    // Another key is another count.
    let other = counter("address#2", 2, expires);
    assert_eq!(
        store.count_uses(&[other], RECEIVED).await.unwrap(),
        Counted::Counted
    );
    // The sweep removes what has expired (DynamoDB's time to live does it there, so its
    // adapter reports nothing) and never a live counter.
    let swept = store.sweep_expired(RECEIVED).await.unwrap();
    assert_eq!(swept, 0);
    assert_eq!(
        store
            .count_uses(std::slice::from_ref(&address), RECEIVED)
            .await
            .unwrap(),
        Counted::AtLimit(0)
    );
    // A refund gives one use back to each counter named, and no more than was counted.
    store
        .refund_uses(&[address.clone(), counter("never#counted", 2, expires)])
        .await
        .unwrap();
    let once = std::slice::from_ref(&address);
    assert_eq!(
        store.count_uses(once, RECEIVED).await.unwrap(),
        Counted::Counted
    );
    assert_eq!(
        store.count_uses(once, RECEIVED).await.unwrap(),
        Counted::AtLimit(0)
    );
    let fresh = counter("address#3", 1, expires);
    store
        .refund_uses(std::slice::from_ref(&fresh))
        .await
        .unwrap();
    store
        .refund_uses(std::slice::from_ref(&fresh))
        .await
        .unwrap();
    assert_eq!(
        store
            .count_uses(std::slice::from_ref(&fresh), RECEIVED)
            .await
            .unwrap(),
        Counted::Counted
    );
    assert_eq!(
        store
            .count_uses(std::slice::from_ref(&fresh), RECEIVED)
            .await
            .unwrap(),
        Counted::AtLimit(0),
        "refunds of a counter never counted do not raise its limit"
    );
}

async fn templates_change_only_over_the_version_read(store: Arc<dyn Store>) {
    let demo = council("demo");
    let template = |id: &str, title: &str, version: u64| ResponseTemplate {
        id: id.into(),
        title: title.into(),
        text: format!("Dear ((name)), about {title}."),
        text_cy: (id == "t2").then(|| "Annwyl ((name)).".to_owned()),
        version,
        updated_at: RECEIVED + time::Duration::minutes(i64::try_from(version).unwrap()),
        updated_by: "ben".into(),
    };
    store
        .put_template(&demo, &template("t1", "missed bin", 1), None)
        .await
        .unwrap();
    store
        .put_template(&demo, &template("t2", "Apology", 1), None)
        .await
        .unwrap();
    assert!(
        store
            .put_template(&demo, &template("t1", "again", 1), None)
            .await
            .is_err(),
        "a new template never replaces one"
    );
    store
        .put_template(&council("north-glen"), &template("t3", "Theirs", 1), None)
        .await
        .unwrap();
    assert_eq!(
        store.templates(&demo).await.unwrap(),
        [
            template("t2", "Apology", 1),
            template("t1", "missed bin", 1)
        ],
        "by title whatever its case, this council's only"
    );

    // A change over the version read lands; a second one over the same version is refused
    // and leaves the first in place.
    store
        .put_template(&demo, &template("t1", "Missed bin", 2), Some(1))
        .await
        .unwrap();
    assert!(matches!(
        store
            .put_template(&demo, &template("t1", "Lost edit", 2), Some(1))
            .await,
        Err(StoreError::VersionConflict { expected: 1 })
    ));
    assert_eq!(
        store.templates(&demo).await.unwrap()[1],
        template("t1", "Missed bin", 2)
    );
    assert!(matches!(
        store
            .put_template(&demo, &template("t9", "Gone", 2), Some(1))
            .await,
        Err(StoreError::NotFound)
    ));
    // Another council's template is not this council's to change.
    assert!(matches!(
        store
            .put_template(&demo, &template("t3", "Mine now", 2), Some(1))
            .await,
        Err(StoreError::NotFound)
    ));

    // Removal holds to the version read too.
    assert!(matches!(
        store.delete_template(&demo, "t1", 1).await,
        Err(StoreError::VersionConflict { expected: 1 })
    ));
    store.delete_template(&demo, "t1", 2).await.unwrap();
    assert!(matches!(
        store.delete_template(&demo, "t1", 2).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.templates(&demo).await.unwrap(),
        [template("t2", "Apology", 1)]
    );
    assert_eq!(
        store.templates(&council("north-glen")).await.unwrap().len(),
        1
    );
    // Templates sit beside the council's cases but are never listed as cases.
    assert!(
        store
            .list_cases(&demo, &CaseFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn api_keys_are_kept_per_council_and_revoked_for_good(store: Arc<dyn Store>) {
    let demo = council("demo");
    let key = |id: &str, minute: i64| ApiKeyRecord {
        id: id.into(),
        label: format!("key {id}"),
        secret_hash: "ab".repeat(32),
        created_at: RECEIVED + time::Duration::minutes(minute),
        created_by: "ben".into(),
        revoked_at: None,
    };
    store.put_api_key(&demo, &key("b2", 2)).await.unwrap();
    store.put_api_key(&demo, &key("a1", 1)).await.unwrap();
    assert!(
        store.put_api_key(&demo, &key("a1", 5)).await.is_err(),
        "ids are unique"
    );
    store
        .put_api_key(&council("north-glen"), &key("c3", 3))
        .await
        .unwrap();
    let listed = store.api_keys(&demo).await.unwrap();
    assert_eq!(
        listed,
        [key("a1", 1), key("b2", 2)],
        "oldest first, this council's only"
    );
    let at = RECEIVED + time::Duration::days(1);
    let revoked = store.revoke_api_key(&demo, "a1", at).await.unwrap();
    assert_eq!(revoked.revoked_at, Some(at));
    let again = store
        .revoke_api_key(&demo, "a1", at + time::Duration::days(1))
        .await
        .unwrap();
    assert_eq!(again.revoked_at, Some(at), "the first revocation stands");
    assert_eq!(store.api_keys(&demo).await.unwrap()[0].revoked_at, Some(at));
    assert!(matches!(
        store.revoke_api_key(&demo, "c3", at).await,
        Err(StoreError::NotFound)
    ));
    // Keys sit beside the council's cases but are never listed as cases.
    assert!(
        store
            .list_cases(&demo, &CaseFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn given_up_messages_are_kept_per_council_and_sent_again_once(store: Arc<dyn Store>) {
    use time::macros::datetime;
    let now = datetime!(2026-11-24 10:00 UTC);
    let lease = time::Duration::minutes(5);
    let (record, received) = complaint("demo", 1);
    let (other, other_received) = complaint("aberwen", 1);
    let mut failing = message("m1", now);
    failing.attempts = 9;
    let mut elsewhere = message("m2", now);
    elsewhere.council = council("aberwen");
    store
        .insert_case(&record, &received, None, &[failing, message("m3", now)])
        .await
        .unwrap();
    store
        .insert_case(&other, &other_received, None, &[elsewhere])
        .await
        .unwrap();
    let claimed = store.claim_outbox(now, "a", lease, 10).await.unwrap();
    assert_eq!(claimed.len(), 3);
    let by_id = |id: &str| claimed.iter().find(|m| m.id == id).unwrap().clone();

    assert!(
        store
            .give_up_outbox(&by_id("m1"), "b", "refused", now)
            .await
            .is_err(),
        "only the lease holder gives a message up"
    );
    store
        .give_up_outbox(&by_id("m1"), "a", "temporary failure: refused", now)
        .await
        .unwrap();
    let later = now + time::Duration::minutes(1);
    store
        .give_up_outbox(&by_id("m2"), "a", "permanent failure: no such user", later)
        .await
        .unwrap();
    assert_eq!(
        store.outbox_len().await.unwrap(),
        1,
        "m3 alone stays queued"
    );

    let demo = store.undelivered(&council("demo")).await.unwrap();
    assert_eq!(demo.len(), 1, "each council sees its own");
    assert_eq!(demo[0].message, by_id("m1"));
    assert_eq!(demo[0].reason, "temporary failure: refused");
    assert_eq!(demo[0].given_up_at, now);
    let aberwen = store.undelivered(&council("aberwen")).await.unwrap();
    assert_eq!(aberwen[0].message.id, "m2");

    assert!(matches!(
        store
            .retry_undelivered(&council("aberwen"), "m1", later)
            .await,
        Err(StoreError::NotFound)
    ));
    let again = store
        .retry_undelivered(&council("demo"), "m1", later)
        .await
        .unwrap();
    assert_eq!((again.not_before, again.attempts), (later, 9));
    assert!(
        matches!(
            store.retry_undelivered(&council("demo"), "m1", later).await,
            Err(StoreError::NotFound)
        ),
        "a message is sent again once"
    );
    assert!(
        store
            .undelivered(&council("demo"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.outbox_len().await.unwrap(), 2);
    let queued = store
        .claim_outbox(later + lease * 2, "c", lease, 10)
        .await
        .unwrap();
    assert!(queued.iter().any(|m| m.id == "m1" && m.attempts == 9));
}

macro_rules! conformance {
    ($adapter:ident, $make:expr) => {
        mod $adapter {
            use super::*;

            async fn store() -> Arc<dyn Store> {
                $make
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn concurrent_submissions_get_distinct_references_and_none_are_lost() {
                super::concurrent_submissions_get_distinct_references_and_none_are_lost(
                    store().await,
                )
                .await
            }

            #[tokio::test]
            async fn an_idempotency_key_binds_one_case_for_good() {
                super::an_idempotency_key_binds_one_case_for_good(store().await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn racing_replays_of_one_key_store_one_case() {
                super::racing_replays_of_one_key_store_one_case(store().await).await
            }

            #[tokio::test]
            async fn updates_are_conditional_on_the_version_read() {
                super::updates_are_conditional_on_the_version_read(store().await).await
            }

            #[tokio::test]
            async fn a_reference_is_never_stored_twice() {
                super::a_reference_is_never_stored_twice(store().await).await
            }

            #[tokio::test]
            async fn officer_filters_select_the_right_cases() {
                super::officer_filters_select_the_right_cases(store().await).await
            }

            #[tokio::test]
            async fn councils_never_see_each_others_data() {
                super::councils_never_see_each_others_data(store().await).await
            }

            #[tokio::test]
            async fn the_timeline_comes_back_in_order_and_intact() {
                super::the_timeline_comes_back_in_order_and_intact(store().await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn notes_at_once_all_land_and_never_hold_up_a_change() {
                super::notes_at_once_all_land_and_never_hold_up_a_change(store().await).await
            }

            #[tokio::test]
            async fn an_append_holding_to_a_stale_version_is_refused_and_adds_nothing() {
                super::an_append_holding_to_a_stale_version_is_refused_and_adds_nothing(
                    store().await,
                )
                .await
            }

            #[tokio::test]
            async fn only_due_reminders_are_read_and_they_follow_the_case() {
                super::only_due_reminders_are_read_and_they_follow_the_case(store().await).await
            }

            #[tokio::test]
            async fn queued_messages_are_leased_to_one_sender_at_a_time() {
                super::queued_messages_are_leased_to_one_sender_at_a_time(store().await).await
            }

            #[tokio::test]
            async fn given_up_messages_are_kept_per_council_and_sent_again_once() {
                super::given_up_messages_are_kept_per_council_and_sent_again_once(store().await)
                    .await
            }

            #[tokio::test]
            async fn a_lost_race_queues_nothing() {
                super::a_lost_race_queues_nothing(store().await).await
            }

            #[tokio::test]
            async fn queued_messages_are_recorded_on_their_case_and_kept_once_sent() {
                super::queued_messages_are_recorded_on_their_case_and_kept_once_sent(store().await)
                    .await
            }

            #[tokio::test]
            async fn equality_answers_are_kept_per_council_and_year() {
                super::equality_answers_are_kept_per_council_and_year(store().await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn racing_uses_never_pass_the_limit() {
                super::racing_uses_never_pass_the_limit(store().await).await
            }

            #[tokio::test]
            async fn several_counters_count_all_or_none() {
                super::several_counters_count_all_or_none(store().await).await
            }

            #[tokio::test]
            async fn templates_change_only_over_the_version_read() {
                super::templates_change_only_over_the_version_read(store().await).await
            }

            #[tokio::test]
            async fn annual_records_are_kept_per_council_and_year_and_saved_over_the_version_read() {
                super::annual::annual_records_are_kept_per_council_and_year_and_saved_over_the_version_read(store().await).await
            }

            #[tokio::test]
            async fn restrictions_are_kept_per_council_and_changed_only_over_the_version_read() {
                super::restrictions::restrictions_are_kept_per_council_and_changed_only_over_the_version_read(store().await).await
            }

            #[tokio::test]
            async fn api_keys_are_kept_per_council_and_revoked_for_good() {
                super::api_keys_are_kept_per_council_and_revoked_for_good(store().await).await
            }
        }
    };
}

conformance!(sqlite, {
    // Leaked so the database outlives the store; one small temp dir per test.
    let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
    Arc::new(
        feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("cases.sqlite3"))
            .unwrap(),
    )
});

conformance!(dynamodb, Arc::new(support::dynamodb::dynamo_store().await));

/// The local store has no time to live: the job's sweep removes what has expired, and a
/// key used again after its expiry counts from one.
#[tokio::test]
async fn sqlite_sweeps_expired_counters() {
    let dir = tempfile::tempdir().unwrap();
    let store = feedback_functions::store::sqlite::SqliteStore::open(&dir.path().join("s.sqlite3"))
        .unwrap();
    let minute = RECEIVED + time::Duration::minutes(1);
    let short = counter("short", 1, minute);
    let long = counter("long", 1, RECEIVED + time::Duration::hours(1));
    assert_eq!(
        store
            .count_uses(&[short.clone(), long], RECEIVED)
            .await
            .unwrap(),
        Counted::Counted
    );
    let later = RECEIVED + time::Duration::minutes(2);
    assert_eq!(store.sweep_expired(later).await.unwrap(), 1);
    assert_eq!(store.sweep_expired(later).await.unwrap(), 0);
    let fresh = counter("short", 1, later + time::Duration::minutes(1));
    assert_eq!(
        store.count_uses(&[fresh], later).await.unwrap(),
        Counted::Counted
    );
}
